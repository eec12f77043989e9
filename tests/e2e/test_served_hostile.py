"""The real `podium serve`, visited roughly: whatever a page does, the server's console shows no traceback."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest

from bench.served import ServedPodium

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts sessions from /proc (Linux)")


async def _rough_visits(address: str) -> None:
    base = address.rstrip("/")
    async with aiohttp.ClientSession() as http:
        for _ in range(3):  # a page opened and closed at once, while its Podium comes up
            socket = await http.ws_connect(f"{base}/ws?width=80&height=24")
            await socket.close()
        async with http.get(f"{base}/ws") as plain:  # not a websocket at all
            assert plain.status == 400
        socket = await http.ws_connect(f"{base}/ws?width=-1&height=abc")
        for junk in ("{", "[]", "[7, 8]", '["stdin", null]', json.dumps(["resize", {"width": 10**9}]),
                     json.dumps(["stdin", "k" * 100_000])):  # fmt: skip
            await socket.send_str(junk)
        await socket.send_bytes(b"\x00\xff")
        await socket.send_str(json.dumps(["ping", "after"]))  # answered once all the rest has been read
        while True:
            message = await socket.receive(timeout=60)
            if message.type == aiohttp.WSMsgType.TEXT and "after" in message.data:
                break
            assert message.type == aiohttp.WSMsgType.BINARY, message  # the app's frames, nothing else
        await socket.close()


def test_rough_visits_leave_no_traceback_and_no_process(tmp_path: Path) -> None:
    served = ServedPodium(env={"XDG_DATA_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})
    try:
        asyncio.run(_rough_visits(served.address))
        served.wait_sessions(0)
    finally:
        code, output = served.stop()
    assert code == 0
    assert "Traceback" not in output and "Error" not in output, output
