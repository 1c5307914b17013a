"""Memory the server keeps once it is done with a large text, read from
/proc/<pid>/status (VmRSS) of the real binary. Linux only.

The bounds leave room for a loaded machine and allocator noise; what they
catch is memory in the order of the text kept for the rest of the session
(bench/memory/measure.py gives the full figures)."""

from __future__ import annotations

import json
import pathlib
import shutil
import sys
import time

import pytest

from conftest import EXAMPLE_APP
from test_abuse_raw import RawServer

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

MIB = 1024 * 1024
COMMUNICATION = pathlib.Path("modules/list-tasks/list-tasks.communication.iml.json")


def rss_kib(server: RawServer) -> int:
    with open(f"/proc/{server.proc.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def settled_rss(server: RawServer, seconds: float = 1.5) -> int:
    """RSS once the server has been idle a while: the release of freed
    memory runs a little after the event that freed it."""
    time.sleep(seconds)
    return rss_kib(server)


def dense_iml(size: int) -> str:
    """A communication file whose output is an array of short IML strings,
    no whitespace: about one string per 9 bytes."""
    shapes = ["{{a.b}}", "{{body.x}}", "{{item.id}}", "{{a}}"]
    items = [shapes[i % len(shapes)] for i in range(size // 11)]
    return json.dumps({"url": "/x", "method": "GET", "response": {"output": items}}, separators=(",", ":"))


@pytest.fixture
def app_server(tmp_path: pathlib.Path):
    root = tmp_path / "app"
    shutil.copytree(EXAMPLE_APP, root)
    server = RawServer()
    server.initialize(tmp_path)
    yield server, root
    assert server.close() == 0, "".join(server.stderr_lines)[-2000:]


def open_and_close(server: RawServer, path: pathlib.Path, text: str, version: int) -> None:
    start = len(server.messages)
    uri = server.open(path, text, version)
    server.diagnostics(uri, version, timeout=60, start=start)
    start = len(server.messages)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.diagnostics(uri, None, timeout=60, start=start)


def test_closing_a_large_document_gives_its_memory_back(app_server):
    server, root = app_server
    path = root / COMMUNICATION
    # The disk version opened and closed once first, so the baseline holds
    # what any open allocates once.
    open_and_close(server, path, path.read_text(), 1)
    baseline = settled_rss(server)
    text = dense_iml(MIB)
    open_and_close(server, path, text, 2)
    after = settled_rss(server)
    # Was about 53 MiB over the baseline (parses kept for reuse by the disk
    # version, and freed memory the allocator held); now 2-3 MiB.
    assert after - baseline < 8 * 1024, (baseline, after)


def test_a_huge_rejected_frame_does_not_stay_resident(app_server):
    server, _ = app_server
    baseline = settled_rss(server, 0.5)
    size = 64 * MIB
    start = len(server.messages)
    server.write(b"Content-Length: %d\r\n\r\n" % size)
    block = b"\x01garbage" * (MIB // 8)
    for _ in range(size // len(block)):
        server.write(block)
    reply = server.wait_for(lambda m: "error" in m and "method" not in m, timeout=60, start=start)
    assert reply["error"]["code"] == -32700, reply
    after = settled_rss(server)
    # The frame buffer kept the capacity of the largest frame: 64 MiB more.
    assert after - baseline < 16 * 1024, (baseline, after)
