"""The Podium browser: the app loads, remembers settings, owns the palette, the theme and the keys of every screen.

The main view, its panes and their filters are the `MainScreen`'s; the app routes what other
screens ask for (the shape screen's filter, a remark screen's copy and marks) to it.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Event, Key, Resize

from ..core.model import Library, Proceedings, Remark
from ..core.textsafe import safe_line
from ..formats.source import LoadResult
from ..output.render import quotation
from .collecting import origin_in
from .filters import Filters
from .layout import MIN_HEIGHT, MIN_WIDTH
from .main_screen import LibraryShown, MainScreen
from .screens.remark import RemarkScreen
from .served import READ_ONLY_MESSAGE, read_only, served
from .widgets.talks import TalkView

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from ..core.combined import Combined
    from ..formats.marks import Collection
    from ..formats.open import Loader
    from .screens.shape import ShapeScreen

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "PodiumApp"]


def _podium_commands() -> type[Provider]:
    """The palette's Podium commands, imported when the palette first opens."""
    from .commands import PodiumCommands

    return PodiumCommands


class PodiumApp(App[None]):
    CSS_PATH = Path(__file__).with_name("podium.tcss")  # absolute: subclasses elsewhere keep it
    TITLE = "Podium"
    COMMANDS = App.COMMANDS | {_podium_commands}
    MAIN_SCREEN = MainScreen  # a subclass may time or watch it (the benchmark does)
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit Podium"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key"),
    ]

    def __init__(
        self, result: LoadResult | None = None, *, paths: Sequence[Path] = (), loader: Loader | None = None
    ) -> None:
        """Browse a loaded library, or load `paths` in the background (with `loader`) while the window is up."""
        super().__init__()
        self.main = self.MAIN_SCREEN(result, paths, loader)
        self._held = []

    def get_default_screen(self) -> MainScreen:
        return self.main

    # ------------------------------------------------- what the main view shows

    @property
    def result(self) -> LoadResult:
        return self.main.result

    @property
    def loading(self) -> bool:
        return self.main.is_loading

    @property
    def library(self) -> Library:
        return self.main.library

    @property
    def combined(self) -> Combined | None:
        return self.main.searcher.combined

    @property
    def proceedings(self) -> Proceedings:
        return self.main.searcher.proceedings

    @property
    def filters(self) -> Filters:
        return self.main.searcher.filters

    @property
    def in_all_events(self) -> bool:
        return self.main.searcher.in_all_events

    def refilter(self) -> None:
        self.main.refilter()

    def collection_of(self, index: int) -> Collection:
        return self.main.collections.of(index)

    # ---------------------------------------------------------------- start

    def on_mount(self) -> None:
        # After the first paint: reading settings imports platformdirs, ~15 ms.
        self.call_after_refresh(self._apply_settings)
        self.call_after_refresh(self._resume_collection)

    def _apply_settings(self) -> None:
        from .settings import remember_theme  # imported then, off the start-up path

        remember_theme(self, keep=not served())  # served: one visitor's theme is not the next one's

    _held: list[Key]  # keys kept at launch, to handle before any that arrives after them

    async def on_event(self, event: Event) -> None:
        # Every key passes here first, in the order typed: after a "/" typed before the panes
        # were up, the main screen keeps the keys for the filter rather than any widget's queue.
        if isinstance(event, Key):
            if self.screen is self.main and self.main.keep_typed_early(event):
                return
            if self._held:  # kept keys first, then this one
                self._held.append(event)
                await self._handle_held()
                return
        await super().on_event(event)

    def handle_in_order(self, keys: list[Key]) -> None:
        self._held.extend(keys)
        self.call_later(self._handle_held)  # unless a key comes first, which handles them before itself

    async def _handle_held(self) -> None:
        while self._held:
            await super().on_event(self._held.pop(0))

    def on_resize(self, event: Resize) -> None:
        self.main.lay_out(event.size)  # the main screen hears no resize while another is over it

    @on(LibraryShown)
    def _resume_collection(self) -> None:
        """Resume the garbage collector the command paused for start-up, once the proceedings are in.

        Frozen first: the records loaded live as long as the app, and a full collection that
        walked a million of them would stall a keystroke by a tenth of a second.
        """
        if not gc.isenabled() and not self.main.is_loading:
            gc.freeze()
            gc.enable()

    # ------------------------------------------------------ keys on any screen

    def action_focus_next(self) -> None:
        if self.screen is self.main:
            self.main.cycle_panes(1)
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.screen is self.main:
            self.main.cycle_panes(-1)
        else:
            super().action_focus_previous()

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # imported when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def current_remark(self) -> Remark | None:
        """The remark the reader is on: in a remark's window, on the shape's timeline, or in the exchanges."""
        screen = self.screen
        if isinstance(screen, RemarkScreen):
            return screen.current
        if screen is not self.main and (shown := getattr(screen, "current", None)) is not None:
            return shown if isinstance(shown, Remark) else None
        return self.main.current_remark()

    def action_copy_remark(self) -> None:
        from .clipboard import copy_text  # only when copying

        main, searcher = self.main, self.main.searcher
        if searcher.schedule_shown and self.screen is main:
            talk = main.query_one(TalkView).current
            if talk is None:
                self.notify("No talk to copy.", severity="warning", markup=False)
                return
            from ..output.talk_text import talk_details

            message = copy_text(talk_details(self.proceedings, talk), self.copy_to_clipboard, f"the talk {talk.title}")
            self.notify(safe_line(message), markup=False, timeout=8)
            return
        located = self._located("copy")
        if located is not None:
            index, remark = located
            proceedings = self.library.events[index]
            speaker = proceedings.speaker_by_id[remark.speaker]
            what = f"{remark.id} by {safe_line(speaker.name)} as a quotation"
            message = copy_text(quotation(proceedings, remark), self.copy_to_clipboard, what)
            self.notify(message, markup=False, timeout=8)

    def _located(self, doing: str) -> tuple[int, Remark] | None:
        """The current remark as its own event has it, with that event's index; None (and said) when none."""
        remark = self.current_remark() if self.library.events else None
        if remark is None:
            self.notify(f"No remark to {doing}.", severity="warning", markup=False)
            return None
        searcher = self.main.searcher
        return origin_in(self.library, searcher.combined, searcher.event_of_view(searcher.event_index), remark)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "note") and self.screen is self.main:  # a schedule's talks are not quotations
            return not self.main.searcher.schedule_shown
        return True

    def writes(self) -> bool:
        """Whether this Podium may write marks and notes (not when served read-only); says so if not."""
        if read_only():
            self.notify(READ_ONLY_MESSAGE, severity="warning", markup=False)
            return False
        return True

    def action_mark(self) -> None:
        if not self.writes():
            return
        located = self._located("mark")
        if located is not None:
            self.notify(self.main.collections.toggle(*located), markup=False, timeout=4)
            self.main.show_marks()

    def action_note(self) -> None:
        from .screens.collection import NoteScreen

        if not self.writes():
            return
        located = self._located("write a note on")
        if located is None:
            return
        index, remark = located

        def keep(note: str | None) -> None:
            if note is not None:
                self.main.collections.keep_note(index, remark, note)
                self.main.show_marks()
                self.notify(f"Note kept on {remark.id} (marked)", markup=False, timeout=3)

        self.push_screen(NoteScreen(remark.id, self.main.collections.note_of(index, remark)), keep)

    # -------------------------------------------- the shape, over the main view

    def on_shape_screen_filter_typed(self, event: ShapeScreen.FilterTyped) -> None:
        self.main.live.filter_text(event.text)

    def on_shape_screen_left_for(self, event: ShapeScreen.LeftFor) -> None:
        self.call_later(self.main.focus_pane, event.pane)

    # ------------------------------------------------------------ the palette

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, said in Podium's words, and two that failed a reader here redone.

        Its "Keys" panel lists bindings without what they do (our help does, `?`), and its
        "Screenshot" saves to the working directory without saying so.
        """
        ours = {  # in the reader's words, not the toolkit's
            "Theme": "Colours: dark, light and others" + ("" if served() else " (remembered)"),
            "Quit": "Quit Podium (also q)",
            "Maximize": "Give the pane with the cursor the whole screen",
            "Minimize": "Back to every pane",
        }
        for command in super().get_system_commands(screen):
            if command.title in ours:
                yield command._replace(help=ours[command.title])
            elif command.title == "Screenshot":
                yield SystemCommand(
                    "Screenshot", "Save an SVG picture of the screen; the path is shown", self.save_picture
                )
            elif command.title == "Keys":
                yield SystemCommand("Keys", "Every key and what it does (also ?)", self.action_help)
            else:
                yield command

    def save_picture(self) -> Path | None:
        """The screen as SVG in the user's pictures folder (created if need be); says where.
        Served, it goes to the visitor's browser as a download: nothing is written on the server."""
        import platformdirs  # only when asked for

        folder = platformdirs.user_pictures_path() / "Podium"
        name = datetime.now().strftime("podium-%Y-%m-%d-%H%M%S.svg")
        if served():
            self.deliver_text(io.StringIO(self.export_screenshot()), save_filename=name, mime_type="image/svg+xml")
            self.notify(f"Picture {name} sent to your browser as a download", timeout=8, markup=False)
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(self.export_screenshot(), encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not save the picture in {folder}: {error.strerror}", severity="error")
            return None
        self.notify(f"Picture saved: {path}", timeout=8)
        return path
