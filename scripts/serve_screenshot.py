"""The README's picture of `podium serve`: the page in headless Chromium, a filter typed into it.

    python scripts/serve_screenshot.py [DIRECTORY]   # writes DIRECTORY/serve.png (default: screenshots/)

Needs Chromium and its driver (Debian: apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.served import ServedPodium  # noqa: E402
from bench.web_page import WebPage, browser_missing, chromium  # noqa: E402

SHOWN = "filter: safety speaker:hickok"


def main(directory: Path) -> int:
    missing = browser_missing()
    if missing:
        print(f"serve_screenshot: {missing}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as data:
        served = ServedPodium(env={"XDG_DATA_HOME": data, "XDG_CACHE_HOME": data})
        driver = chromium(1280, 800)
        try:
            page = WebPage(driver, served.address)
            page.wait_for("28 of 28 remarks")
            page.type("/", "safety speaker:hickok")
            page.wait_for(SHOWN)
            directory.mkdir(parents=True, exist_ok=True)
            path = page.picture(directory / "serve.png")
        finally:
            driver.quit()
            served.stop()
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
