"""`podium serve`'s page in headless Chromium (Debian's chromium and chromium-driver, through Selenium).

Keys are typed into the page as real key events, which xterm.js turns into what it sends the
app. The page's canvas holds no text, so a script set before the page's own records each
websocket message it gets and sends, and a `WebScreen` plays them: the screen the page drew.
"""

from __future__ import annotations

import base64
import os
import shutil
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from bench.served import WebScreen

# Before the page's own script (once a page, however often a tab asks): every websocket it opens
# records what it gets (bytes as base64) and what it sends, in order, for WebScreen to play.
RECORDER = r"""
(() => {
  if (window.podiumMessages) return;
  const Native = window.WebSocket;
  window.podiumMessages = [];
  function Recorded(...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        const bytes = new Uint8Array(event.data);
        let text = "";
        for (let i = 0; i < bytes.length; i += 8192) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        }
        window.podiumMessages.push(["got", btoa(text)]);
      }
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => { window.podiumMessages.push(["sent", data]); send(data); };
    return socket;
  }
  Recorded.prototype = Native.prototype;
  Object.assign(Recorded, Native);
  window.WebSocket = Recorded;
})();
"""


def browser_missing() -> str | None:
    """Why no browser test can run here, or None: Chromium and its driver are installed.
    Where PODIUM_BROWSER_TESTS=required (.ci/run), a missing browser fails the tests instead."""
    if os.environ.get("PODIUM_BROWSER_TESTS") == "required":
        return None
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "no Chromium here (Debian: apt-get install chromium chromium-driver)"
    if not shutil.which("chromedriver"):
        return "no chromedriver here (Debian: apt-get install chromium-driver)"
    return None


def chromium(width: int = 1400, height: int = 900) -> webdriver.Chrome:
    """Headless Chromium, driven by the installed chromedriver (no download: Selenium Manager is not asked)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):  # fmt: skip
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


class WebPage:
    """One tab showing `address`: type into it, read its screen, take its picture."""

    def __init__(self, driver: webdriver.Chrome, address: str, new_tab: bool = False) -> None:
        self.driver = driver
        if new_tab:
            driver.switch_to.new_window("tab")
        self.handle = driver.current_window_handle
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})  # this tab's
        self.screen = WebScreen()
        self.read = 0
        driver.get(address)

    def _focus(self) -> None:
        if self.driver.current_window_handle != self.handle:
            self.driver.switch_to.window(self.handle)

    def reload(self) -> None:
        """The page loaded again: a new page, a new websocket, a new screen."""
        self._focus()
        self.driver.refresh()
        self.screen, self.read = WebScreen(), 0

    def source(self) -> str:
        self._focus()
        return self.driver.page_source

    def text(self) -> str:
        """The screen as the page drew it, after every message it has had so far."""
        self._focus()
        messages = self.driver.execute_script(f"return (window.podiumMessages || []).slice({self.read})")
        self.read += len(messages)
        for kind, data in messages:
            if kind == "got":
                self.screen.feed(base64.b64decode(data))
            else:
                self.screen.sent(data)
        return self.screen.text()

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while needle not in (text := self.text()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared on the page:\n{text}")
            time.sleep(0.1)
        return text

    def type(self, *keys: str) -> None:
        """Keys as a person presses them, into the terminal's own input (Selenium's Keys for specials)."""
        self._focus()
        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def picture(self, path: Path) -> Path:
        self._focus()
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        self._focus()
        self.driver.close()
        remaining = self.driver.window_handles
        if remaining:
            self.driver.switch_to.window(remaining[0])
