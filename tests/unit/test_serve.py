"""`podium serve`: safe by default (loopback, a token off it, read-only), a cap on visitors, a session per visitor."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from bench.served import free_port
from tui.browser.clipboard import copy_text, last_copy_path
from tui.browser.served import SERVED_ENV
from tui.formats.bundled import bundled_event
from tui.serve import PodiumServer, Settings, is_loopback, token_cookie


@pytest.mark.parametrize(
    ("host", "local"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("localhost", True), ("0.0.0.0", False),
     ("192.168.1.5", False), ("example.org", False), ("::", False)],
)  # fmt: skip
def test_only_this_machine_s_addresses_are_loopback(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_a_token_of_any_characters_is_printed_as_an_address_that_works() -> None:
    from urllib.parse import parse_qs, urlsplit

    odd = Settings.of([bundled_event()], "0.0.0.0", 8000, "a+b&c#d e%", None, 8, 60)
    assert parse_qs(urlsplit(odd.address()).query)["token"] == ["a+b&c#d e%"]


def test_off_this_machine_a_token_is_made_and_writes_are_off() -> None:
    here = Settings.of([bundled_event()], "127.0.0.1", 8000, None, None, 8, 60)
    assert (here.token, here.read_only, here.address()) == (None, False, "http://127.0.0.1:8000/")
    away = Settings.of([bundled_event()], "0.0.0.0", 8000, None, None, 8, 60)
    assert away.token and len(away.token) >= 24 and away.read_only
    assert away.address() == f"http://0.0.0.0:8000/?token={away.token}"
    chosen = Settings.of([bundled_event()], "0.0.0.0", 8000, "s3cret", False, 0, 60)
    assert (chosen.token, chosen.read_only, chosen.max_sessions) == ("s3cret", False, 1)


def test_the_served_command_names_only_the_files_given_quoted() -> None:
    odd = Path("/tmp/a b; rm -rf ~ $(x).yaml")
    settings = Settings.of([odd], "127.0.0.1", 8000, None, None, 8, 60)
    assert shlex.split(settings.command) == ["exec", sys.executable, "-m", "tui", "browse", str(odd)]


def server(token: str | None = "s3cret", max_sessions: int = 2) -> PodiumServer:
    return PodiumServer(Settings((bundled_event(),), "127.0.0.1", 8000, token, True, max_sessions, 60))


async def test_a_visit_without_the_token_is_refused_and_starts_nothing() -> None:
    podium = server()
    async with TestClient(TestServer(await podium._make_app())) as client:
        for path in ("/", "/ws", "/static/js/textual.js", "/?token=wrong"):
            response = await client.get(path)
            assert response.status == 403, path
            assert "needs its token" in await response.text()
        assert podium.sessions == 0


async def test_the_token_in_the_address_opens_the_page_and_is_kept_for_its_websocket() -> None:
    podium = server()
    async with TestClient(TestServer(await podium._make_app())) as client:
        response = await client.get("/?token=s3cret")
        assert response.status == 200
        assert "data-session-websocket-url" in await response.text()
        cookie = response.cookies[token_cookie(8000)]
        assert cookie.value == "s3cret" and cookie["httponly"] and cookie["samesite"] == "Strict"
        assert (await client.get("/")).status == 200  # the cookie, now


async def test_past_the_cap_a_visitor_gets_a_page_that_says_so() -> None:
    podium = server(token=None, max_sessions=2)
    async with TestClient(TestServer(await podium._make_app())) as client:
        podium.sessions = 2  # two visitors reading
        response = await client.get("/")
        assert response.status == 503
        assert "2 people are reading with this Podium, its limit" in await response.text()
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws")
        assert refused.value.status == 503
        podium.sessions = 1
        assert (await client.get("/")).status == 200


def test_served_a_copy_goes_to_the_browser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVED_ENV, "1")
    sent: list[str] = []
    message = copy_text("a quotation", sent.append, "r1 as a quotation")
    assert sent == ["a quotation"] and message == "Copied r1 as a quotation to your browser's clipboard."
    assert not last_copy_path().exists()  # nothing written on the server


def test_the_access_log_never_shows_the_token_nor_a_visitor_s_control_characters() -> None:
    import logging

    from tui.serve.guard import safe_access_log

    line = '"GET /?token=s3cret&x=1 HTTP/1.1" 200 "-" "agent\x9b2J\x1b]0;pwned\x07"'
    record = logging.LogRecord("aiohttp.access", logging.INFO, "", 0, line, (), None)
    assert safe_access_log(record)
    message = record.getMessage()
    assert "s3cret" not in message and "token=…&x=1" in message
    assert message.isprintable() and "\x9b" not in message and "\x1b" not in message


def test_a_library_is_indexed_before_the_first_visitor_and_served_as_the_folder_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cli
    import tui.serve
    from tui.formats.open import expand_paths
    from tui.index.opening import open_current

    folder = tmp_path / "library"
    folder.mkdir()
    text = bundled_event().read_text(encoding="utf-8")
    for number in (1, 2):
        (folder / f"event-{number}.yaml").write_text(text.replace("ai-safety-governance-2024", f"e{number}"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tui.cli, "CACHE_MIN_BYTES", 1)  # these two files count as a library
    served: list[Settings] = []
    monkeypatch.setattr(tui.serve, "serve", served.append)
    monkeypatch.chdir(tmp_path)
    assert tui.cli.main(["serve", "library", "--port", str(free_port())]) == 0
    (settings,) = served
    assert settings.files == (folder,)  # the folder, absolute: its sessions share its one index
    assert shlex.split(settings.command)[-1] == str(folder)
    index = open_current(expand_paths([folder]), [folder])  # built already, before any visitor
    assert index is not None
    index.close()


async def test_on_this_machine_only_its_own_names_are_answered() -> None:
    podium = server(token=None)
    async with TestClient(TestServer(await podium._make_app())) as client:
        port = client.port
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST.:{port}", f"[::1]:{port}", "127.0.0.1"):
            assert (await client.get("/", headers={"Host": host})).status == 200, host
        for host in (f"evil.example:{port}", "attacker.test", "a b", "x\u009b", ""):
            response = await client.get("/", headers={"Host": host})  # DNS rebinding: another site's name
            assert response.status == 403, host
        assert podium.sessions == 0


async def test_another_site_s_page_may_not_open_the_websocket() -> None:
    podium = server(token=None)
    async with TestClient(TestServer(await podium._make_app())) as client:
        evil = await client.get("/ws", headers={"Origin": "http://evil.example", "Upgrade": "websocket"})
        assert evil.status == 403 and "another site" in await evil.text()
        plain = await client.get("/ws")  # no websocket asked for: said, and no traceback
        assert plain.status == 400
        half = await client.get("/ws", headers={"Upgrade": "websocket"})  # no Connection, no key, no version
        assert half.status == 400
        assert podium.sessions == 0
        own = await client.ws_connect("/ws?width=100&height=30", origin=f"http://127.0.0.1:{client.port}")
        assert (await own.receive(timeout=60)).type.name in ("BINARY", "TEXT")
        await own.close()


async def test_the_page_asks_nothing_of_other_sites() -> None:
    podium = server(token=None)
    async with TestClient(TestServer(await podium._make_app())) as client:
        page = await (await client.get("/")).text()
        assert "googleapis" not in page and "https://" not in page and "http://" in page
        assert (await client.get("/static/fonts/RobotoMono-VariableFont_wght.ttf")).status == 200  # the font, here


async def test_the_page_s_links_are_the_address_the_visitor_used() -> None:
    podium = PodiumServer(Settings((bundled_event(),), "0.0.0.0", 8000, "s3cret-token", True, 2, 60))
    async with TestClient(TestServer(await podium._make_app())) as client:
        page = await (await client.get("/?token=s3cret-token", headers={"Host": "podium.example:8000"})).text()
        assert 'data-session-websocket-url="ws://podium.example:8000/ws"' in page and "0.0.0.0" not in page
        behind_tls = {"Host": "podium_web", "X-Forwarded-Proto": "https"}  # a proxy that adds TLS, its name
        page = await (await client.get("/?token=s3cret-token", headers=behind_tls)).text()
        assert 'data-session-websocket-url="wss://podium_web/ws"' in page and "http://podium_web" not in page


def test_a_page_s_terminal_size_is_bounded() -> None:
    from tui.serve.guard import MAX_COLUMNS, MAX_LINES, within

    assert within("100000", 1, MAX_COLUMNS, 80) == MAX_COLUMNS and within(10**9, 1, MAX_LINES, 24) == MAX_LINES
    assert within("-5", 1, MAX_COLUMNS, 80) == 1 and within("wide", 1, MAX_COLUMNS, 80) == 80
    assert within(None, 1, MAX_LINES, 24) == 24 and within(120, 1, MAX_COLUMNS, 80) == 120


def test_a_port_in_use_is_said_in_one_line_before_anything_is_served(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    import tui.cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert tui.cli.main(["serve", "--port", str(port)]) == 1
    out, err = capsys.readouterr()
    assert err == f"podium: error: cannot listen on 127.0.0.1 port {port}: Address already in use\n"
    assert "serving at" not in out
