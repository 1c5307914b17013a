"""A framing-level LSP client for the benchmark scripts: `iml-ls` on stdio,
with a reader thread that records every message and answers the server's
requests at once, so background work never waits on the client. Python 3
standard library only."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import threading
import time


class Server:
    """The server on stdio, with a reader thread that answers its requests."""

    def __init__(self, binary: str, cwd: pathlib.Path, env: dict | None = None):
        self.proc = subprocess.Popen(
            [binary],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(os.environ.get("MEASURE_STDERR", os.devnull), "wb"),
            cwd=cwd,
            env={**os.environ, "IML_LS_LOG": "error", **(env or {})},
        )
        self.messages: list[dict] = []
        # When each message arrived (time.monotonic()), for latency figures.
        self.arrived: list[float] = []
        self.cond = threading.Condition()
        self.next_id = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def write(self, data: bytes) -> None:
        with self.lock:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read(self) -> None:
        stream = self.proc.stdout
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
                    length = int(value)
            if length is None:
                continue
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                result = None
                if message["method"] == "workspace/configuration":
                    result = [None] * len(message["params"].get("items", []))
                try:
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                except OSError:
                    pass
            with self.cond:
                self.messages.append(message)
                self.arrived.append(time.monotonic())
                self.cond.notify_all()

    def wait_for(self, predicate, timeout: float = 120.0, start: int = 0) -> dict:
        deadline = time.monotonic() + timeout
        index = start
        with self.cond:
            while True:
                while index < len(self.messages):
                    index += 1
                    if predicate(self.messages[index - 1]):
                        return self.messages[index - 1]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no answer from the server")
                self.cond.wait(remaining)

    def mark(self) -> int:
        with self.cond:
            return len(self.messages)

    def request(self, method: str, params, timeout: float = 120.0) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self, root: pathlib.Path) -> None:
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": "w"}],
                "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
            },
        )
        self.notify("initialized", {})

    def published(self, uri: str, version: int | None, start: int, timeout: float = 120.0) -> dict:
        def matches(m: dict) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or p.get("version") == version)

        return self.wait_for(matches, timeout, start)["params"]

    def open(self, path: pathlib.Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "imljson", "version": version, "text": text}},
        )
        return uri

    def close_doc(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def quit(self) -> None:
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.proc.wait(timeout=30)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
