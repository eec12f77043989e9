"""`podium serve` in a real browser: headless Chromium opens the page, a person types, the page counts.

Skipped where no Chromium is installed; `.ci/run` installs Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver import Chrome
from selenium.webdriver.common.keys import Keys

from bench.served import ServedPodium, free_port, until
from bench.web_page import WebPage, browser_missing, chromium

TITLE = "International Trends in AI Safety and Governance"

pytestmark = [
    pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or ""),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts sessions from /proc (Linux)"),
]


@pytest.fixture
def browser() -> Iterator[Chrome]:
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedPodium]:
    podium = ServedPodium(env={"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    yield podium
    podium.stop()


def _answers(address: str) -> bool:
    """Whether a page is there to be read at this address (200), not refused or busy."""
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def counted(query: str) -> int:
    """How many remarks of the bundled event `podium remarks --query` finds: the page must agree."""
    found = subprocess.run(
        [sys.executable, "-m", "tui", "remarks", "--query", query, "-f", "json", "--no-cache"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    total: int = json.loads(found.stdout)["total"]
    return total


def test_the_page_opens_the_event_and_filters_as_you_type(browser: Chrome, served: ServedPodium) -> None:
    page = WebPage(browser, served.address)
    screen = page.wait_for("28 of 28 remarks")
    assert TITLE in screen and "Agenda" in screen and "Exchanges" in screen
    page.type("/", "safex", Keys.BACKSPACE, "ty")
    page.wait_for("16 of 28 remarks · filter: safety")
    page.type(" speaker:merve")
    screen = page.wait_for("of 28 remarks · filter: safety speaker:merve")
    shown = re.search(r"(\d+) of 28 remarks · filter: safety speaker:merve", screen)
    assert shown and int(shown[1]) == counted("safety speaker:merve") > 0  # as the CLI counts
    assert "Merve Hickok" in screen
    page.type(Keys.ESCAPE)  # the filter cleared: every remark again
    page.wait_for("28 of 28 remarks")
    assert b"Traceback" not in page.screen.raw


def test_two_tabs_are_two_readers_each_with_its_own_filter(browser: Chrome, served: ServedPodium) -> None:
    first = WebPage(browser, served.address)
    first.wait_for("28 of 28 remarks")
    second = WebPage(browser, served.address, new_tab=True)
    second.wait_for("28 of 28 remarks")
    served.wait_sessions(2)  # a Podium each
    second.type("/", "speaker:hickok")
    second.wait_for("4 of 28 remarks · filter: speaker:hickok")
    first.type("3")  # the panel, in the first tab only
    first.wait_for("13 of 28 remarks · section 3. Panel Discussion")
    assert "4 of 28 remarks · filter: speaker:hickok" in second.text() and "hickok" not in first.text()
    second.close()
    served.wait_sessions(1)  # the closed tab left no process behind
    first.type(Keys.ESCAPE)
    first.wait_for("28 of 28 remarks")


def test_without_its_token_the_page_is_refused_and_starts_nothing(browser: Chrome, tmp_path: Path) -> None:
    podium = ServedPodium(["--token", "s3cret-of-24-characters!"], env={"XDG_DATA_HOME": str(tmp_path)})
    try:
        bare = podium.address.split("?")[0]
        refused = WebPage(browser, bare)
        assert "needs its token" in refused.source()
        refused = WebPage(browser, bare + "?token=wrong")
        assert "needs its token" in refused.source()
        assert podium.sessions() == []
        page = WebPage(browser, podium.address)
        page.wait_for("28 of 28 remarks")
        assert len(podium.sessions()) == 1
    finally:
        code, output = podium.stop()
    assert code == 0 and "Traceback" not in output
    assert "s3cret" not in output.split("\n", 1)[1]  # printed once, to open; never in the log


def test_past_the_cap_the_next_visitor_is_told_and_gets_in_once_a_tab_closes(browser: Chrome, tmp_path: Path) -> None:
    podium = ServedPodium(["--max-sessions", "1"], env={"XDG_DATA_HOME": str(tmp_path)})
    try:
        first = WebPage(browser, podium.address)
        first.wait_for("28 of 28 remarks")
        second = WebPage(browser, podium.address, new_tab=True)
        assert "1 person is reading with this Podium, its limit" in second.source()
        assert len(podium.sessions()) == 1
        first.close()
        until(lambda: _answers(podium.address), "the place freed")  # once the first tab's Podium has gone
        second.reload()
        second.wait_for("28 of 28 remarks")
    finally:
        code, output = podium.stop()
    assert code == 0 and "Traceback" not in output


def test_ctrl_c_stops_the_server_and_every_session_with_it(browser: Chrome, served: ServedPodium) -> None:
    page = WebPage(browser, served.address)
    page.wait_for("28 of 28 remarks")
    sessions = served.wait_sessions(1)
    code, output = served.stop()
    assert code == 0 and "Traceback" not in output
    assert not any(Path(f"/proc/{pid}").exists() for pid in sessions)


def test_an_export_comes_down_to_the_visitor_s_browser_and_not_onto_the_server(
    browser: Chrome, served: ServedPodium, tmp_path: Path
) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    page = WebPage(browser, served.address)
    page.wait_for("28 of 28 remarks")
    page.type("/", "speaker:hickok")
    page.wait_for("4 of 28 remarks · filter: speaker:hickok")
    page.type(Keys.ENTER, "E")  # back to the exchanges, the filter kept; then export
    page.wait_for("sent to your browser as a download")
    until(lambda: bool(list(downloads.glob("remarks-*.csv"))), "the download arrived")
    (table,) = downloads.glob("remarks-*.csv")
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert len(rows) == 4 and {row["speaker_name"] for row in rows} == {"Merve Hickok"}
    assert not list((tmp_path / "data").rglob("*.csv"))  # nothing written on the server


def test_a_page_of_another_site_cannot_drive_podium(browser: Chrome, served: ServedPodium, tmp_path: Path) -> None:
    other = tmp_path / "other-site"
    other.mkdir()
    (other / "index.html").write_text(
        "<!doctype html><title>another site</title><script>"
        f"const ws = new WebSocket('ws://127.0.0.1:{served.port}/ws?width=100&height=30');"
        "window.state = 'connecting'; window.got = 0; ws.binaryType = 'arraybuffer';"
        "ws.onopen = () => { window.state = 'open'; ws.send(JSON.stringify(['stdin', 'm'])); };"
        "ws.onmessage = (e) => { window.got += 1; };"
        "ws.onerror = () => { window.state = 'refused'; };"
        "</script>",
        encoding="utf-8",
    )
    port = free_port()
    site = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(other)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        until(lambda: _answers(f"http://127.0.0.1:{port}/"), "the other site answers")
        browser.get(f"http://localhost:{port}/")  # another origin than Podium's page
        until(lambda: browser.execute_script("return window.state") != "connecting", "the other page's attempt")
        assert browser.execute_script("return [window.state, window.got]") == ["refused", 0]
        assert served.sessions() == []  # nothing started, nothing read, nothing marked
    finally:
        site.terminate()
        site.wait()


def test_the_readme_s_picture_of_the_page_is_made_by_its_script(tmp_path: Path) -> None:
    made = subprocess.run(
        [sys.executable, str(Path(__file__).parents[2] / "scripts" / "serve_screenshot.py"), str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    picture = (tmp_path / "serve.png").read_bytes()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(picture[16:20], "big") == 1280  # the page's width, drawn whole
