"""Files opened while the workspace is being indexed: nothing false is
published on the way, and each text version gets at most two publishes
(a quick one with what the text alone decides, then the full one).

Indexing is held at its first step (the client withholds its answer to
`window/workDoneProgress/create`) and every eager load of an app is held
back 400 ms, so the files are certainly opened, and first published,
before their app is loaded. The reference for "true" is `iml-ls check` on
the same tree, which loads the whole app before it reports anything."""

from __future__ import annotations

import asyncio
import json
import pathlib
import shutil
import subprocess

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import CONFIG, EXAMPLE_APP, SERVER, TIMEOUT, open_document, start, wait_for_indexing
from test_early_open import make_withholding_client
from test_features import editor_capabilities

LOAD_DELAY_MS = 400
# After indexing: long enough for every run it caused to have been sent.
QUIET_S = 1.5

# Relative to the app root; a mix of roles, the manifest among them.
OPENED = [
    "makecomapp.json",
    "modules/list-tasks/list-tasks.communication.iml.json",
    "modules/list-tasks/list-tasks.static-params.iml.json",
    "connections/acme-oauth/acme-oauth.oauth-communication.iml.json",
    "rpcs/list-projects/list-projects.communication.iml.json",
    "general/base.iml.json",
]


def app_with_problems(tmp_path: pathlib.Path) -> pathlib.Path:
    """The sample app with one cross-file problem (a parameter typo only the
    params files can reveal) and one the text alone decides (a trailing comma)."""
    app = tmp_path / "acme-tasks"
    shutil.copytree(EXAMPLE_APP, app)
    module = app / OPENED[1]
    text = module.read_text(encoding="utf-8").replace(
        "parameters.projectId", "parameters.projectIdd"
    )
    module.write_text(text, encoding="utf-8")
    base = app / OPENED[5]
    text = base.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}"), text[-20:]
    base.write_text(text[:-1].rstrip() + ",\n}\n", encoding="utf-8")
    return app


def found_by_the_cli(app: pathlib.Path) -> dict[str, set[tuple[str, int, str]]]:
    """Per file URI: (code, 0-based start line, message) of each diagnostic."""
    ran = subprocess.run(
        [SERVER, "check", "--format", "json", str(app)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert ran.returncode in (0, 1), ran.stderr
    found: dict[str, set[tuple[str, int, str]]] = {}
    for diagnostic in json.loads(ran.stdout)["diagnostics"]:
        uri = pathlib.Path(diagnostic["path"]).resolve().as_uri()
        key = (diagnostic["code"], diagnostic["range"]["start"]["line"] - 1, diagnostic["message"])
        found.setdefault(uri, set()).add(key)
    return found


def published_keys(params: types.PublishDiagnosticsParams) -> set[tuple[str, int, str]]:
    return {(str(d.code), d.range.start.line, d.message) for d in params.diagnostics}


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=CONFIG.server_command,
        client_factory=make_withholding_client,
        server_env={**CONFIG.server_env, "IML_LS_TEST_EAGER_LOAD_DELAY_MS": str(LOAD_DELAY_MS)},
    )
)
async def held_indexing(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    app = app_with_problems(tmp_path)
    await start(lsp_client, editor_capabilities(), app)
    lsp_client.workspace = app
    await asyncio.wait_for(lsp_client.progress_created.wait(), TIMEOUT)
    yield
    lsp_client.release_indexing.set()
    await lsp_client.shutdown_session()


async def test_files_opened_while_indexing_get_nothing_false_and_two_publishes_at_most(
    held_indexing: LanguageClient,
):
    client = held_indexing
    app = client.workspace
    truth = found_by_the_cli(app)
    # The changes above are seen: a cross-file problem and a text-only one.
    module_uri = (app / OPENED[1]).as_uri()
    base_uri = (app / OPENED[5]).as_uri()
    assert any(code == "I009" for code, _, _ in truth[module_uri]), truth
    assert any(code == "J003" for code, _, _ in truth[base_uri]), truth

    uris = []
    for relative in OPENED:
        path = app / relative
        uris.append(open_document(client, path, path.read_text(encoding="utf-8")))
    # The eager load finishes while indexing still waits for the client.
    await asyncio.sleep(LOAD_DELAY_MS / 1000 + 1.0)
    client.release_indexing.set()
    await wait_for_indexing(client)
    await asyncio.sleep(QUIET_S)

    counts = {}
    for uri in uris:
        pushes = [params for params in client.published if params.uri == uri]
        counts[uri.rsplit("/", 1)[-1]] = len(pushes)
        expected = truth.get(uri, set())
        assert pushes, f"nothing published for {uri}"
        assert all(params.version == 1 for params in pushes), pushes
        for params in pushes:
            false = published_keys(params) - expected
            assert not false, f"{uri}: published {false}, which the app does not have"
        assert published_keys(pushes[-1]) == expected, (uri, pushes[-1], expected)
    assert all(count <= 2 for count in counts.values()), counts
    # Printed with `-s`: the publishes per opened file.
    print(f"publishes per file opened while indexing: {counts}")
