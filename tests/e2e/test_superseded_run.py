"""A diagnostics run that a newer edit makes pointless stops midway and
publishes nothing. Hundreds of open module files read `connection.token`;
an edit to the open connection file stops writing that key, which gives
every module a diagnostic (X003), and a second edit restores it while the
first run is still computing. The first run must stop without publishing
its now-false X003 anywhere, and the editor ends with the restored state."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import time

from conftest import EXAMPLE_APP
from test_abuse_raw import RawServer

MODULES = 400
CONNECTION = "connections/acme-oauth/acme-oauth.oauth-communication.iml.json"
WRITTEN = '"accessToken": "{{body.access_token}}",'
REMOVED = '"accessTokn": "{{body.access_token}}",'


def build_app(root: pathlib.Path) -> list[pathlib.Path]:
    shutil.copytree(EXAMPLE_APP, root)
    manifest_path = root / "makecomapp.json"
    manifest = json.loads(manifest_path.read_text())
    modules = manifest["components"]["module"]
    template = modules["listTasks"]
    communication = {
        "url": "/tasks",
        "method": "GET",
        "headers": {"X-Token": "{{connection.accessToken}}"},
        "response": {"output": "{{body}}"},
    }
    paths = []
    for index in range(MODULES):
        relative = f"modules/clone-{index}/clone-{index}.communication.iml.json"
        path = root / relative
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(communication, indent=2) + "\n")
        paths.append(path)
        modules[f"clone{index}"] = {
            **template,
            "label": f"Clone {index}",
            "codeFiles": {"communication": relative},
        }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return paths


def x003_publishes(server: RawServer, start: int) -> list[str]:
    with server._cond:
        later = server.messages[start:]
    return [
        message["params"]["uri"]
        for message in later
        if message.get("method") == "textDocument/publishDiagnostics"
        and any(d.get("code") == "X003" for d in message["params"]["diagnostics"])
    ]


def stops(server: RawServer) -> list[str]:
    return [line for line in server.stderr_lines if "stopped after" in line and "superseded" in line]


def test_a_superseded_diagnostics_run_stops_midway_and_publishes_nothing(tmp_path: pathlib.Path) -> None:
    app = tmp_path / "app"
    modules = build_app(app)
    server = RawServer(env={"IML_LS_LOG": "debug"})
    try:
        server.initialize(app)
        connection = app / CONNECTION
        text = connection.read_text()
        assert WRITTEN in text
        connection_uri = server.open(connection, text)
        uris = [server.open(path, path.read_text()) for path in modules]
        # Every module's first list, with the key written: no X003.
        for uri in uris:
            server.diagnostics(uri, version=1, timeout=60)
        assert not x003_publishes(server, 0)

        # The first edit starts a run over every module (a few milliseconds
        # once warm); the second must come after it has begun. A gap too
        # short gets the run skipped before it starts, one too long lets it
        # finish (its X003s were true then, and the next run clears them),
        # so gaps across the run's length are tried until one lands midway.
        version = 1
        # `token` and `refresh` both write it.
        assert text.count(WRITTEN) == 2
        removed = text.replace(WRITTEN, REMOVED)
        gaps = [step * 0.0005 for step in range(40)] * 3
        for gap in gaps:
            start = len(server.messages)
            version += 1
            server.change(connection_uri, version, [{"text": removed}])
            time.sleep(gap)
            version += 1
            server.change(connection_uri, version, [{"text": text}])
            # The connection's own list for the last version closes the
            # exchange; the ledger publishes no older list after it.
            server.diagnostics(connection_uri, version=version, timeout=60, start=start)
            server.view(connection_uri)
            if stops(server):
                break
        stopped = stops(server)
        assert stopped, "no run stopped midway at any gap"
        done, total = map(int, re.search(r"stopped after (\d+) of (\d+) documents", stopped[0]).groups())
        # The run covers every module reading the key, and stopped short.
        assert total >= MODULES and done < total, stopped[0]
        # The stopped run published none of its X003s.
        assert not x003_publishes(server, start)
    finally:
        assert server.close() == 0, "".join(server.stderr_lines)[-2000:]
