"""The reader's settings, remembered between runs: a small JSON file in the user's config folder.

Only what the reader chose is kept (today the theme). A file that cannot be read or
holds something unexpected is reported once and ignored: Podium starts with its defaults
and never fails for it. Saving writes a temporary file and renames it over the old one,
so a crash leaves the old settings or the new, never half of one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from textual.app import App

from ..core.textsafe import safe_line
from ..formats.atomic import write_atomically


def settings_path() -> Path:
    import platformdirs  # only when settings are read or written

    return Path(platformdirs.user_config_dir("podium", appauthor=False)) / "settings.json"


@dataclass
class Settings:
    theme: str | None = None


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in the file, and a message when it had to be ignored (a missing file is fine)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), f"{path}: cannot be read ({error}); using the default settings"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"{path}:{error.lineno}:{error.colno}"
        return Settings(), f"{where}: not valid JSON ({error.msg}); using the default settings"
    if not isinstance(data, dict):
        return Settings(), f"{path}: expected a JSON object of settings; using the default settings"
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        return Settings(), f'{path}: "theme" must be a theme\'s name; using the default settings'
    return Settings(theme=theme), None


def save_settings(path: Path, settings: Settings) -> str | None:
    """Write the settings atomically; a message when they could not be saved."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({"theme": settings.theme}, indent=2))
    except OSError as error:
        return f"Could not save the settings in {path}: {error.strerror}"
    return None


def remember_theme(app: App[None], keep: bool = True) -> None:
    """Give the app the theme the reader chose last time, and keep the one they choose next
    (not when `keep` is false: a visitor of `podium serve` chooses for their own page only).

    A bad settings file, or a theme this Textual lacks, is reported and passed over: never fatal.
    """
    path = settings_path()
    settings, problem = load_settings(path)
    if problem is not None:
        app.notify(safe_line(problem), severity="warning", markup=False, timeout=10)
    if settings.theme is not None:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            app.notify(f"{path}: no theme called {safe_line(settings.theme)}; using the default", markup=False)

    if not keep:
        return

    def save(_: object) -> None:
        problem = save_settings(settings_path(), Settings(theme=app.theme))
        if problem is not None:
            app.notify(safe_line(problem), severity="warning", markup=False)

    app.theme_changed_signal.subscribe(app, save)
