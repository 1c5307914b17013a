"""Which documents get diagnostics published, through the real binary: a
document opened as it is on disk, an edit that changes nothing another
file can see, and closing, each publish for the documents concerned only,
however many of the app's files are open."""

from __future__ import annotations

import pathlib
import time

from test_abuse_raw import RawServer

MODULES = 30


def app(root: pathlib.Path) -> list[tuple[pathlib.Path, str]]:
    files = []
    for index in range(MODULES):
        folder = root / "modules" / f"m{index}"
        folder.mkdir(parents=True)
        path = folder / f"m{index}.communication.iml.json"
        # A method Make's schema does not know, so every list is non-empty.
        text = '{"url": "/items", "method": "GTE"}\n'
        path.write_text(text)
        files.append((path, text))
    return files


def publishes(server: RawServer, start: int = 0) -> list[dict]:
    return [
        message["params"]
        for message in server.messages[start:]
        if message.get("method") == "textDocument/publishDiagnostics"
    ]


def indexed(server: RawServer) -> None:
    server.wait_for(
        lambda message: message.get("method") == "$/progress"
        and message["params"].get("value", {}).get("kind") == "end"
    )


def settle() -> None:
    # Publishing runs in the background; late extra messages would show here.
    time.sleep(1.5)


def test_opening_editing_and_closing_publish_only_the_documents_concerned(tmp_path: pathlib.Path):
    files = app(tmp_path)
    server = RawServer()
    try:
        server.initialize(tmp_path)
        indexed(server)
        start = len(server.messages)
        uris = []
        for path, text in files:
            uri = server.open(path, text)
            server.diagnostics(uri, 1)
            uris.append(uri)
        settle()
        opened = publishes(server, start)
        assert len(opened) == MODULES, f"{len(opened)} publishes for {MODULES} opens"
        assert all(len(params["diagnostics"]) == 1 for params in opened)

        # A space at the end of one file: the others' lists stay as they are.
        start = len(server.messages)
        position = {"line": 1, "character": 0}
        server.change(uris[0], 2, [{"range": {"start": position, "end": position}, "text": " "}])
        server.diagnostics(uris[0], 2)
        settle()
        edited = publishes(server, start)
        assert [params["uri"] for params in edited] == [uris[0]]

        start = len(server.messages)
        for uri in uris:
            server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        server.request("workspace/symbol", {"query": "m1"})
        settle()
        closed = publishes(server, start)
        assert sorted(params["uri"] for params in closed) == sorted(uris)
        assert all(params["diagnostics"] == [] for params in closed)
    finally:
        assert server.close() == 0
