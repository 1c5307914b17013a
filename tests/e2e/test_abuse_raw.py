"""Protocol abuse below the client library: bytes written straight to the
server's stdin (a bad `Content-Length`, a body that is not JSON, a request
without params), followed each time by an ordinary request whose answer is
checked. Also the home of `RawServer`, a minimal client that the safety tests
reuse because it can run the server under `strace` and see every byte."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import threading
import time
from typing import Any, Callable

import pytest

from conftest import SERVER

TIMEOUT = 20.0


class RawServer:
    """`iml-ls --stdio` in a subprocess with a framing-level client.

    Requests from the server (`client/registerCapability`,
    `window/workDoneProgress/create`, `workspace/configuration`) are answered
    at once so background work never waits on the client."""

    def __init__(self, command: list[str] | None = None, cwd: pathlib.Path | None = None, env: dict | None = None):
        self.command = command or [SERVER, "--stdio"]
        self.proc = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, "IML_LS_LOG": "warn", **(env or {})},
        )
        self.messages: list[dict] = []
        self.stderr_lines: list[str] = []
        self.closed = False
        self._cond = threading.Condition()
        self._next_id = 1000
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- transport -------------------------------------------------------
    def write(self, data: bytes) -> None:
        with self._write_lock:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def write_bytewise(self, data: bytes) -> None:
        """One flush per byte, with no reply of ours slipped in between."""
        with self._write_lock:
            for byte in data:
                self.proc.stdin.write(bytes([byte]))
                self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_stdout(self) -> None:
        stream = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = stream.read(length)
                message = json.loads(body)
                if "method" in message and "id" in message:
                    self._answer_server_request(message)
                with self._cond:
                    self.messages.append(message)
                    self._cond.notify_all()
        finally:
            with self._cond:
                self.closed = True
                self._cond.notify_all()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    def _answer_server_request(self, message: dict) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [None for _ in message.get("params", {}).get("items", [])]
        try:
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        except (BrokenPipeError, ValueError):
            pass

    # -- messages --------------------------------------------------------
    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = TIMEOUT, start: int = 0) -> dict:
        deadline = time.monotonic() + timeout
        index = start
        with self._cond:
            while True:
                while index < len(self.messages):
                    message = self.messages[index]
                    index += 1
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if self.closed:
                    raise AssertionError(f"server closed its output; stderr: {''.join(self.stderr_lines)[-2000:]}")
                if remaining <= 0:
                    raise TimeoutError("no matching message from the server")
                self._cond.wait(remaining)

    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT, *, omit_params: bool = False) -> dict:
        """Sends a request and returns the whole response (`result` or `error`)."""
        self._next_id += 1
        request_id = self._next_id
        message: dict = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if not omit_params:
            message["params"] = params
        self.send(message)
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def notifications(self, method: str) -> list[dict]:
        with self._cond:
            return [m for m in self.messages if m.get("method") == method and "id" not in m]

    # -- session ---------------------------------------------------------
    def initialize(self, root: pathlib.Path | None, encoding: str = "utf-16") -> dict:
        folders = None if root is None else [{"uri": root.as_uri(), "name": "workspace"}]
        response = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None if root is None else root.as_uri(),
                "workspaceFolders": folders,
                "capabilities": {
                    "general": {"positionEncodings": [encoding]},
                    "window": {"workDoneProgress": True},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                },
            },
        )
        assert "result" in response, response
        self.notify("initialized", {})
        return response["result"]

    def open(self, path: pathlib.Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "imljson", "version": version, "text": text}},
        )
        return uri

    def change(self, uri: str, version: int, changes: list[dict]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def view(self, uri: str, timeout: float = TIMEOUT) -> dict:
        response = self.request("iml-ls/viewFileText", {"textDocument": {"uri": uri}}, timeout)
        assert "result" in response, response
        return response["result"]

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT, start: int = 0) -> dict:
        def matches(message: dict) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return self.wait_for(matches, timeout, start)["params"]

    def close(self) -> int:
        """`shutdown` + `exit`; the exit status."""
        if self.proc.poll() is None:
            try:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
            except (BrokenPipeError, AssertionError, TimeoutError, OSError):
                pass
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def still_serving(server: RawServer, root: pathlib.Path, name: str = "probe") -> None:
    """The proof after each abuse: a fresh document, an incremental edit, and
    the server's copy (rope and analysis) equal to what the edit produces."""
    path = root / "general" / f"{name}.iml.json"
    uri = server.open(path, '{"baseUrl": "https://api.test/v1"}\n')
    server.change(uri, 2, [{"range": {"start": {"line": 0, "character": 30}, "end": {"line": 0, "character": 32}}, "text": "v2"}])
    state = server.view(uri)
    assert state["text"] == '{"baseUrl": "https://api.test/v2"}\n'
    assert state["analysisText"] == state["text"]
    assert state["version"] == 2


@pytest.fixture
def raw(tmp_path: pathlib.Path):
    (tmp_path / "general").mkdir()
    server = RawServer()
    server.initialize(tmp_path)
    yield server
    assert server.close() == 0, "".join(server.stderr_lines)[-2000:]


# -- framing and JSON ---------------------------------------------------------

# The transport guard (server/lsp/src/transport/mod.rs) answers each frame the
# protocol library could not decode (a body that is not JSON, not JSON-RPC or
# not UTF-8, a `Content-Length` it cannot parse) with -32700/-32600 and reads
# on, so every case must leave the server serving.


def survives(payload: bytes, tmp_path: pathlib.Path, *, answered: bool = True) -> None:
    """`answered`: the payload is malformed and must draw an error reply."""
    (tmp_path / "general").mkdir(exist_ok=True)
    server = RawServer()
    server.initialize(tmp_path)
    server.write(payload)
    still_serving(server, tmp_path)
    status = server.close()
    assert status == 0, status
    replies = [m for m in server.messages if "error" in m and "method" not in m and m.get("id") is None]
    for reply in replies:
        assert reply["error"]["code"] in (-32700, -32600), reply
    assert bool(replies) == answered, replies


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.parametrize(
    "body",
    [
        b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {',
        b"[]",
        b"42",
        b'"text"',
        b"null",
        b'{"id": 3}',
        b'{"jsonrpc": "2.0", "id": {}, "method": 5}',
        b'{"jsonrpc": "2.0", "method": "x", "params": "\xff\xfe"}',
    ],
    ids=["truncated-json", "array", "number", "string", "null", "no-method", "bad-types", "not-utf8"],
)
def test_malformed_body(body: bytes, tmp_path: pathlib.Path):
    survives(frame(body), tmp_path)


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Length: abc\r\n\r\n",
        b"Content-Length: -5\r\n\r\n",
        b"Content-Length: 99999999999999999999999\r\n\r\n",
        b"Content-Lenght: 10\r\n\r\n",
        b"X-Garbage\r\n\r\n",
        b"Content-Length: 10\r\nContent-Type: text/plain; charset=latin1\r\n\r\n0123456789",
    ],
    ids=["not-a-number", "negative", "huge", "misspelt", "no-colon", "wrong-charset"],
)
def test_bad_header(header: bytes, tmp_path: pathlib.Path):
    survives(header, tmp_path)


def test_content_length_larger_than_the_body_then_more_messages(tmp_path: pathlib.Path):
    """A header that overstates its body swallows the next bytes; here the
    overstatement is whitespace (valid trailing JSON), so the server must read
    on without losing the messages after it."""
    body = b'{"jsonrpc": "2.0", "method": "$/noop", "params": {}}'
    padding = b" " * 40
    survives(b"Content-Length: %d\r\n\r\n" % (len(body) + len(padding)) + body + padding, tmp_path, answered=False)


def test_a_message_split_into_single_bytes(raw: RawServer, tmp_path: pathlib.Path):
    """A slow pipe: the frame arrives one byte at a time."""
    uri = (tmp_path / "general" / "slow.iml.json").as_uri()
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "imljson", "version": 1, "text": '{"a": "😀"}'}}}).encode()
    raw.write_bytewise(frame(body))
    assert raw.view(uri)["text"] == '{"a": "😀"}'
    still_serving(raw, tmp_path)


def test_request_with_missing_params_gets_invalid_params(raw: RawServer, tmp_path: pathlib.Path):
    for method in ["textDocument/hover", "textDocument/completion", "iml-ls/viewFileText", "textDocument/formatting"]:
        response = raw.request(method, omit_params=True)
        assert response.get("error", {}).get("code") == -32602, (method, response)
    still_serving(raw, tmp_path)


def test_request_with_params_of_the_wrong_shape(raw: RawServer, tmp_path: pathlib.Path):
    for params in [[], 5, "x", {"textDocument": 5}, {"textDocument": {"uri": 5}}, {"textDocument": {"uri": "not a uri"}, "position": {"line": -1, "character": -1}}]:
        response = raw.request("textDocument/hover", params)
        assert response.get("error", {}).get("code") == -32602, (params, response)
    still_serving(raw, tmp_path)


def test_notifications_with_missing_or_bad_params(raw: RawServer, tmp_path: pathlib.Path):
    for method in ["textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration"]:
        raw.send({"jsonrpc": "2.0", "method": method})
        raw.notify(method, {"textDocument": 1})
    still_serving(raw, tmp_path)


def test_unknown_request_and_notification(raw: RawServer, tmp_path: pathlib.Path):
    response = raw.request("iml-ls/noSuchMethod", {})
    assert response["error"]["code"] == -32601, response
    raw.notify("iml-ls/noSuchNotification", {"a": 1})
    raw.notify("$/noSuchProtocolNotification", {})
    still_serving(raw, tmp_path)


def test_unknown_dollar_request_gets_method_not_found(raw: RawServer, tmp_path: pathlib.Path):
    """The protocol library drops this reply; the transport guard answers."""
    response = raw.request("$/noSuchProtocolRequest", {}, timeout=3)
    assert response["error"]["code"] == -32601, response
    still_serving(raw, tmp_path)


def test_a_response_to_a_request_never_sent_is_ignored(raw: RawServer, tmp_path: pathlib.Path):
    raw.send({"jsonrpc": "2.0", "id": 987654, "result": {"surprise": True}})
    raw.send({"jsonrpc": "2.0", "id": "x", "error": {"code": 1, "message": "?"}})
    still_serving(raw, tmp_path)


def test_request_before_initialize_is_refused_and_the_session_still_starts(tmp_path: pathlib.Path):
    (tmp_path / "general").mkdir()
    server = RawServer()
    response = server.request("iml-ls/viewFileText", {"textDocument": {"uri": (tmp_path / "x.json").as_uri()}})
    assert response["error"]["code"] == -32002, response  # ServerNotInitialized
    server.initialize(tmp_path)
    still_serving(server, tmp_path)
    assert server.close() == 0


def test_stdin_closed_without_exit_ends_the_process(tmp_path: pathlib.Path):
    (tmp_path / "general").mkdir()
    server = RawServer()
    server.initialize(tmp_path)
    server.open(tmp_path / "general" / "base.iml.json", "{")
    server.proc.stdin.close()
    status = server.proc.wait(timeout=10)
    assert status is not None and status >= 0, f"killed by signal {-status}"
