"""A file opened before workspace indexing has run: the server loads that
file's app on `didOpen`, so features that read the app's other files answer
at once. The client holds back its answer to `window/workDoneProgress/create`,
which the server awaits before it starts indexing, so indexing has not read a
single file while these tests run."""

from __future__ import annotations

import asyncio
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import (
    CONFIG,
    REPO,
    TIMEOUT,
    make_client,
    open_document,
    start,
    wait_for_diagnostics,
)
from test_features import (
    BASE,
    CONNECTION,
    MODULE,
    completion_items,
    doc,
    editor_capabilities,
    open_app_file,
    position_after,
    position_at,
)

EXAMPLE_APP = REPO / "examples" / "acme-tasks"

# How long a feature may take to see the app after the file was opened.
SETTLE = 5.0


def make_withholding_client() -> LanguageClient:
    """A client that answers `window/workDoneProgress/create` only when the
    test sets `release_indexing`."""

    async def create_progress(client: LanguageClient, params: types.WorkDoneProgressCreateParams):
        client.progress_created.set()
        await client.release_indexing.wait()
        client.progress_reports.setdefault(params.token, [])

    client = make_client({types.WINDOW_WORK_DONE_PROGRESS_CREATE: create_progress})
    client.release_indexing = asyncio.Event()
    client.progress_created = asyncio.Event()
    return client


WITHHOLDING = ClientServerConfig(
    server_command=CONFIG.server_command,
    client_factory=make_withholding_client,
    server_env=CONFIG.server_env,
)


@pytest_lsp.fixture(config=WITHHOLDING)
async def before_indexing(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """The sample app as the workspace, with indexing held at its first step."""
    if not (EXAMPLE_APP / "makecomapp.json").exists():
        pytest.skip("examples/acme-tasks is not there")
    app = tmp_path / "acme-tasks"
    shutil.copytree(EXAMPLE_APP, app)
    await start(lsp_client, editor_capabilities(), app)
    lsp_client.workspace = app
    # Indexing now waits for the client; nothing of the app is loaded.
    await asyncio.wait_for(lsp_client.progress_created.wait(), TIMEOUT)
    yield
    lsp_client.release_indexing.set()
    await lsp_client.shutdown_session()


async def eventually(ask, done):
    """Asks again until `done(answer)`; the last answer when it never is."""
    deadline = asyncio.get_running_loop().time() + SETTLE
    while True:
        answer = await ask()
        if done(answer) or asyncio.get_running_loop().time() > deadline:
            return answer
        await asyncio.sleep(0.05)


def indexing_started(client: LanguageClient) -> bool:
    return any(client.progress_reports.values())


async def test_completion_after_parameters_dot_before_indexing(before_indexing: LanguageClient):
    uri, lines = open_app_file(before_indexing, MODULE)
    cursor = position_after(lines, 2, "{{parameters.")
    wanted = {"projectId", "status", "limit"}

    async def ask():
        result = await before_indexing.text_document_completion_async(
            types.CompletionParams(text_document=doc(uri), position=cursor)
        )
        return {item.label for item in completion_items(result)}

    labels = await eventually(ask, lambda labels: wanted <= labels)
    # Static and mappable parameters live in two sibling files.
    assert wanted <= labels, sorted(labels)
    assert not indexing_started(before_indexing)


async def test_definition_in_the_connection_before_indexing(before_indexing: LanguageClient):
    uri, lines = open_app_file(before_indexing, BASE)
    cursor = position_at(lines, 4, "accessToken", 2)
    connection_uri = (before_indexing.workspace / CONNECTION).as_uri()

    async def ask():
        result = await before_indexing.text_document_definition_async(
            types.DefinitionParams(text_document=doc(uri), position=cursor)
        )
        locations = result if isinstance(result, list) else [result] if result else []
        return {loc.uri for loc in locations}

    targets = await eventually(ask, lambda targets: connection_uri in targets)
    assert connection_uri in targets, targets
    assert not indexing_started(before_indexing)


async def test_diagnostics_are_published_again_once_the_app_is_loaded(
    before_indexing: LanguageClient,
):
    """A typo in a parameter name is found only against the module's
    parameter files, which are siblings of the opened file."""
    path = before_indexing.workspace / MODULE
    text = path.read_text(encoding="utf-8").replace("parameters.projectId", "parameters.projectIdd")
    uri = open_document(before_indexing, path, text)
    published = await wait_for_diagnostics(
        before_indexing, uri, lambda params: any(d.code == "I009" for d in params.diagnostics)
    )
    (typo,) = [d for d in published.diagnostics if d.code == "I009"]
    assert "did you mean `projectId`" in typo.message, typo.message
    assert published.version == 1
    assert not indexing_started(before_indexing)
