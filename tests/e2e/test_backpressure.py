"""A client that writes a long burst before it reads anything (a script, a
simple plugin writing from one thread) must not deadlock with the server:
the server keeps reading while its own output waits for the client."""

from __future__ import annotations

import json
import pathlib
import subprocess
import threading

from conftest import SERVER

# Enough input to fill every buffer between the client and the server
# (pipe, read-ahead, in-process pipes) several times over, each document
# answered with a large diagnostics list.
DOCUMENTS = 150
TRAILING_COMMAS_PER_DOCUMENT = 6000
DEADLINE_SECONDS = 60


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_a_burst_written_before_reading_is_answered(tmp_path: pathlib.Path):
    text = "[" + ",".join(["[1,]"] * TRAILING_COMMAS_PER_DOCUMENT) + "]"
    burst = frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    burst += frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    for index in range(DOCUMENTS):
        uri = (tmp_path / f"m{index}" / f"m{index}.communication.iml.json").as_uri()
        burst += frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "iml-json", "version": 1, "text": text}}})
    burst += frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})

    server = subprocess.Popen([SERVER, "--stdio"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    timed_out = threading.Event()
    timer = threading.Timer(DEADLINE_SECONDS, lambda: (timed_out.set(), server.kill()))
    timer.start()
    try:
        # One blocking write of everything, and only then any reading.
        try:
            server.stdin.write(burst)
            server.stdin.flush()
        except BrokenPipeError:
            pass
        assert not timed_out.is_set(), "the server and the client deadlocked"
        received = b""
        while b'"id":2' not in received:
            chunk = server.stdout.read1(1 << 20)
            if not chunk:
                break
            received += chunk
        assert not timed_out.is_set(), "the server and the client deadlocked"
        assert b'"id":2' in received, "no answer to shutdown"
        assert b"textDocument/publishDiagnostics" in received
        server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
        server.stdin.flush()
        assert server.wait(timeout=10) == 0
    finally:
        timer.cancel()
        if server.poll() is None:
            server.kill()
