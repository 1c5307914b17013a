"""Messages an editor sends in good faith that the protocol types reject (a
lone surrogate escape, a version outside the 32-bit range), the exit code
without `shutdown`, and a client that goes away while not reading: each
through the real binary, with raw bytes."""

from __future__ import annotations

import json
import pathlib
import subprocess
import threading
import time

from conftest import SERVER
from test_abuse_raw import RawServer, frame


def opened(tmp_path: pathlib.Path, text: str) -> tuple[RawServer, str]:
    (tmp_path / "general").mkdir(exist_ok=True)
    server = RawServer()
    server.initialize(tmp_path)
    uri = server.open(tmp_path / "general" / "base.iml.json", text)
    return server, uri


def test_exit_without_shutdown_exits_with_1(tmp_path: pathlib.Path):
    server = RawServer()
    server.initialize(tmp_path)
    server.notify("exit", None)
    assert server.proc.wait(timeout=10) == 1


def test_shutdown_then_exit_exits_with_0(tmp_path: pathlib.Path):
    server = RawServer()
    server.initialize(tmp_path)
    assert server.close() == 0


def test_a_lone_surrogate_escape_in_an_edit_is_read_as_the_replacement_character(tmp_path: pathlib.Path):
    server, uri = opened(tmp_path, '{"a": ""}')
    # Python's json.dumps writes the lone surrogate as the escape \ud800, as
    # JSON.stringify does for a broken JavaScript string.
    message = {
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": '{"a": "x\ud800y"}'}]},
    }
    body = json.dumps(message).encode()
    assert b"\\ud800" in body
    server.write(frame(body))
    state = server.view(uri)
    assert state["text"] == '{"a": "x\ufffdy"}'
    assert state["analysisText"] == state["text"]
    assert state["version"] == 2
    # No error reply: the message was kept, not rejected.
    assert not [m for m in server.messages if "error" in m and "method" not in m]
    assert server.close() == 0


def test_edits_with_versions_outside_i32_are_applied_in_arrival_order(tmp_path: pathlib.Path):
    server, uri = opened(tmp_path, "{}")
    texts = ['{"a": 1}', '{"a": 2}', '{"a": 3}', '{"a": 4}']
    for version, text in zip([2**31, 9.5, None, -(2**40)], texts):
        server.change(uri, version, [{"text": text}])  # type: ignore[arg-type]
    state = server.view(uri)
    assert state["text"] == texts[-1]
    assert state["analysisText"] == state["text"]
    # Each unusable version was replaced by one past the last: 1 -> 2, 3, 4, 5.
    assert state["version"] == 5
    # A later well-formed version is taken as it is.
    server.change(uri, 40, [{"text": "{}"}])
    state = server.view(uri)
    assert (state["text"], state["version"]) == ("{}", 40)
    assert server.close() == 0
    deadline = time.monotonic() + 5
    while not any("not a 32-bit integer" in line for line in server.stderr_lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    warnings = [line for line in server.stderr_lines if "not a 32-bit integer" in line]
    assert len(warnings) == 1, "the violation is logged once per session"


def test_a_client_that_stops_reading_and_closes_its_input_does_not_keep_the_server(tmp_path: pathlib.Path):
    """The client sends requests with large answers, never reads them, and
    closes stdin: the server must exit within seconds, not hold the output."""
    (tmp_path / "general").mkdir()
    path = tmp_path / "general" / "base.iml.json"
    text = '{"items": [' + ",".join(f'"{{{{item.v{i}}}}}"' for i in range(60_000)) + "]}"
    uri = path.as_uri()

    def message(payload: dict) -> bytes:
        return frame(json.dumps({"jsonrpc": "2.0", **payload}).encode())

    burst = message({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": tmp_path.as_uri()}})
    burst += message({"method": "initialized", "params": {}})
    burst += message(
        {"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "imljson", "version": 1, "text": text}}}
    )
    # Each answer holds the text twice (about 2.5 MB); 140 of them exceed what
    # the server buffers for a client that does not read (256 MiB).
    for i in range(140):
        burst += message({"id": 10 + i, "method": "iml-ls/viewFileText", "params": {"textDocument": {"uri": uri}}})
    proc = subprocess.Popen([SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def write_all_then_close() -> None:
        try:
            proc.stdin.write(burst)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    try:
        writer = threading.Thread(target=write_all_then_close, daemon=True)
        writer.start()
        writer.join(timeout=30)
        assert not writer.is_alive(), "the server stopped reading its input"
        started = time.monotonic()
        try:
            status = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise AssertionError("the server was still running 30 s after its client closed stdin")
        assert time.monotonic() - started < 15
        assert status == 1, "no shutdown came, so the exit code is 1"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()


def test_a_repeated_initialized_does_not_index_or_register_again(tmp_path: pathlib.Path):
    (tmp_path / "general").mkdir()
    (tmp_path / "general" / "base.iml.json").write_text('{"baseUrl": "https://api.test"}')

    def session(repeats: int) -> tuple[int, int, list[str]]:
        server = RawServer()
        server.initialize(tmp_path)
        for _ in range(repeats):
            server.notify("initialized", {})
        # Indexing one file and registering the watchers take milliseconds.
        server.request("workspace/symbol", {"query": "base"})
        time.sleep(1.0)
        assert server.close() == 0
        methods = [m.get("method") for m in server.messages]
        return (
            methods.count("client/registerCapability"),
            methods.count("window/workDoneProgress/create"),
            server.stderr_lines,
        )

    once = session(0)
    repeated = session(3)
    assert repeated[:2] == once[:2], (once[:2], repeated[:2])
    assert once[0] >= 1, "the watchers are registered once"
    assert sum("repeated `initialized`" in line for line in repeated[2]) == 3


def test_a_document_over_the_size_limit_is_kept_and_reported_not_analysed(tmp_path: pathlib.Path):
    small = '{"baseUrl": "{{a.b}}"}'
    padding = " " * (10 * 1024 * 1024)
    server, uri = opened(tmp_path, small + padding)
    published = server.diagnostics(uri, version=1)
    assert [d["code"] for d in published["diagnostics"]] == ["F003"]
    assert "not analysed" in published["diagnostics"][0]["message"]
    # The edit that removes the padding is applied, and the text is analysed again.
    end = {"line": 0, "character": len(small) + len(padding)}
    server.change(uri, 2, [{"range": {"start": {"line": 0, "character": len(small)}, "end": end}, "text": ""}])
    state = server.view(uri)
    assert state["text"] == small and state["analysisText"] == small
    codes = [d["code"] for d in server.diagnostics(uri, version=2)["diagnostics"]]
    assert codes and "F003" not in codes, codes
    assert server.close() == 0


def spellings(uri: str) -> list[str]:
    """Other spellings of a `file:///…/general/base.iml.json` URI."""
    head, name = uri.rsplit("/", 1)
    return [
        f"{head}/%62ase.iml.json",
        uri.replace("file:///", "file://localhost/"),
        f"{head}//{name}",
        f"{head}/./{name}",
        uri.replace("file:", "FILE:"),
        f"{uri}?v=1",
        f"{uri}#top",
        f"{uri}/",
    ]


def test_one_file_open_under_two_spellings_keeps_the_analysis_on_the_text_edited(tmp_path: pathlib.Path):
    server, uri = opened(tmp_path, '{"baseUrl": "https://a.test"}')
    for other in spellings(uri):
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": other, "languageId": "imljson", "version": 1, "text": '{"baseUrl": "https://a.test"}'}},
        )
        # An edit under the second spelling: the analysis follows it.
        server.change(other, 2, [{"text": '{"baseUrl": "https://b.test", "x": 1}'}])
        state = server.view(other)
        assert state["text"] == state["analysisText"] == '{"baseUrl": "https://b.test", "x": 1}', other
        # An edit under the first: its own text, not replayed onto the other's.
        server.change(uri, 2, [{"range": {"start": {"line": 0, "character": 21}, "end": {"line": 0, "character": 22}}, "text": "c"}])
        state = server.view(uri)
        assert state["text"] == '{"baseUrl": "https://c.test"}', other
        assert state["analysisText"] == state["text"], other
        # Closing the first leaves the analysis on the second spelling's text.
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        state = server.view(other)
        assert state["analysisText"] == state["text"] == '{"baseUrl": "https://b.test", "x": 1}', other
        server.change(other, 3, [{"range": {"start": {"line": 0, "character": 21}, "end": {"line": 0, "character": 22}}, "text": "d"}])
        state = server.view(other)
        assert state["analysisText"] == state["text"] == '{"baseUrl": "https://d.test", "x": 1}', other
        # Back to one spelling for the next round.
        server.notify("textDocument/didClose", {"textDocument": {"uri": other}})
        server.open(tmp_path / "general" / "base.iml.json", '{"baseUrl": "https://a.test"}')
    assert server.close() == 0


def test_one_file_open_under_two_spellings_gets_its_diagnostics_under_both(tmp_path: pathlib.Path):
    text = '{"baseUrl": "https://a.test",}'
    server, uri = opened(tmp_path, text)
    codes = [d["code"] for d in server.diagnostics(uri, version=1)["diagnostics"]]
    assert "J003" in codes, codes
    for other in spellings(uri):
        mark = len(server.messages)
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": other, "languageId": "imljson", "version": 1, "text": text}},
        )
        published = server.diagnostics(other, version=1, start=mark)
        assert [d["code"] for d in published["diagnostics"]] == codes, other
        # An edit under the first spelling reaches the second too, while both texts agree.
        mark = len(server.messages)
        server.change(uri, 2, [{"text": text}])
        server.change(other, 2, [{"text": text}])
        published = server.diagnostics(other, version=2, start=mark)
        assert [d["code"] for d in published["diagnostics"]] == codes, other
        server.notify("textDocument/didClose", {"textDocument": {"uri": other}})
    assert server.close() == 0
