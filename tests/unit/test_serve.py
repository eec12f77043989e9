"""`podium serve`: safe by default (loopback, a token off it, read-only), a cap on visitors, a session per visitor."""

from __future__ import annotations

import asyncio
import os
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


def test_a_flood_of_keys_is_cut_to_a_budget_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.serve.session as session

    clock = [100.0]
    monkeypatch.setattr(session.time, "monotonic", lambda: clock[0])
    budget = session.KeyBudget()
    assert budget.allows(session.KEYS_PER_SECOND - 10) and budget.allows(10)  # a long paste
    assert not budget.allows(1)  # the rest of this second's flood
    clock[0] += 1.0
    assert budget.allows(1) and not budget.allows(session.KEYS_PER_SECOND)


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
        assert response.cookies[token_cookie(8000)].value == "s3cret"
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


def children() -> set[int]:
    """The processes this one started that are still there (Linux: read from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")
async def test_a_visitor_s_session_is_a_podium_process_that_ends_with_the_tab() -> None:
    podium = server(token=None)
    before = children()
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        first = await socket.receive(timeout=60)  # the app's first frame, drawn for the page
        assert first.type.name in ("BINARY", "TEXT")
        assert podium.sessions == 1 and children() - before  # a Podium of its own
        (session,) = children() - before
        command = Path(f"/proc/{session}/cmdline").read_bytes().split(b"\0")
        assert command[1:4] == [b"-m", b"tui", b"browse"]  # Podium itself, not a shell above it
        await socket.close()  # the tab closed
        for _ in range(300):
            if podium.sessions == 0 and not children() - before:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 0
        assert not children() - before, "no process left behind"
        await asyncio.sleep(0.2)  # the ended process's pipes close before the loop does


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


async def test_an_idle_session_ends_by_itself() -> None:
    podium = PodiumServer(Settings((bundled_event(),), "127.0.0.1", 8000, None, True, 2, idle_seconds=1.0))
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        closed = False
        for _ in range(600):  # no key from the page: closed by the server after a second or so
            message = await socket.receive(timeout=60)
            if message.type.name in ("CLOSE", "CLOSED", "CLOSING"):
                closed = True
                break
        assert closed
        for _ in range(300):
            if podium.sessions == 0:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 0
        await asyncio.sleep(0.2)  # the ended process's pipes close before the loop does


async def test_stopping_the_server_closes_every_page_and_ends_its_session() -> None:
    podium = server(token=None)
    application = await podium._make_app()
    async with TestClient(TestServer(application)) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        await socket.receive(timeout=60)  # the session is up
        await podium.on_shutdown(application)  # ctrl+c: aiohttp's shutdown signal
        while (message := await socket.receive(timeout=60)).type.name not in ("CLOSE", "CLOSED", "CLOSING"):
            pass  # the app's last frames
        assert message.extra == "server stopped"
        for _ in range(300):
            if podium.sessions == 0:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 0 and not podium.open_sockets
        await asyncio.sleep(0.2)  # the ended process's pipes close before the loop does


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


async def test_a_session_that_will_not_quit_is_ended_all_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.serve.session

    monkeypatch.setattr(tui.serve.session, "QUIT_GRACE", 0.5)
    podium = server(token=None)
    stuck = "import time; print('__GANGLION__', flush=True); time.sleep(600)"  # never reads its quit
    podium.command = "exec " + shlex.join([sys.executable, "-c", stuck])
    before = children()
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        for _ in range(300):
            if children() - before:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 1 and children() - before
        await socket.close()  # the tab closed
        for _ in range(300):
            if podium.sessions == 0:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 0 and not children() - before  # killed, and counted out once gone
        await asyncio.sleep(0.2)


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


async def test_messages_the_page_would_never_send_are_ignored_and_the_session_goes_on() -> None:
    podium = server(token=None)
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=-3&height=99999")
        for junk in ("not json", "{}", "[]", "[5]", '["stdin", 5]', '["resize", {}]', '["resize", "x"]',
                     '["resize", {"width": -1, "height": 1e9}]', '["ping", {"a": 1}]', '["stdin", "\\ud800"]',
                     '["stdin", "' + "x" * 70_000 + '"]'):  # fmt: skip
            await socket.send_str(junk)
        await socket.send_str('["resize", {"width": 100, "height": 30}]')
        await socket.send_str('["ping", "42"]')
        while (message := await socket.receive(timeout=60)).type.name != "TEXT" or "pong" not in message.data:
            assert message.type.name in ("BINARY", "TEXT"), message  # the session goes on
        assert podium.sessions == 1
        await socket.close()


async def test_a_session_whose_podium_has_gone_ends_and_frees_its_place() -> None:
    podium = server(token=None)
    podium.command = "exec " + shlex.join([sys.executable, "-c", "print('__GANGLION__', flush=True)"])  # then gone
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        while (await socket.receive(timeout=60)).type.name not in ("CLOSE", "CLOSED", "CLOSING"):
            pass  # closed by the server: the page is told, not left frozen until --idle
        for _ in range(300):
            if podium.sessions == 0:
                break
            await asyncio.sleep(0.1)
        assert podium.sessions == 0


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
