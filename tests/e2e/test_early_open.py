"""A file opened before workspace indexing has run: the server loads that
file's app on `didOpen`, and a request about the file waits for that load,
so the first answer, sent right after `didOpen`, already sees the app's
other files. The client holds back its answer to
`window/workDoneProgress/create`, which the server awaits before it starts
indexing, so indexing has not read a single file while these tests run.

Loading the sample app takes a few milliseconds, less than a request needs
to arrive, so the server is asked to hold each eager load back
(`IML_LS_TEST_EAGER_LOAD_DELAY_MS`): the request then certainly arrives
while the load runs."""

from __future__ import annotations

import asyncio
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import (
    CONFIG,
    TIMEOUT,
    make_client,
    open_document,
    start_on_example_app,
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


# Well below the server's bound on waiting for a load (2 s).
LOAD_DELAY_MS = 400
# Well above it.
STUCK_LOAD_DELAY_MS = 3500


def withholding(load_delay_ms: int) -> ClientServerConfig:
    return ClientServerConfig(
        server_command=CONFIG.server_command,
        client_factory=make_withholding_client,
        server_env={**CONFIG.server_env, "IML_LS_TEST_EAGER_LOAD_DELAY_MS": str(load_delay_ms)},
    )


async def start_before_indexing(client: LanguageClient, tmp_path: pathlib.Path):
    """The sample app as the workspace, with indexing held at its first step."""
    await start_on_example_app(client, tmp_path, editor_capabilities())
    # Indexing now waits for the client; nothing of the app is loaded.
    await asyncio.wait_for(client.progress_created.wait(), TIMEOUT)


@pytest_lsp.fixture(config=withholding(LOAD_DELAY_MS))
async def before_indexing(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start_before_indexing(lsp_client, tmp_path)
    yield
    lsp_client.release_indexing.set()
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=withholding(STUCK_LOAD_DELAY_MS))
async def stuck_load(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start_before_indexing(lsp_client, tmp_path)
    yield
    lsp_client.release_indexing.set()
    await lsp_client.shutdown_session()


def indexing_started(client: LanguageClient) -> bool:
    return any(client.progress_reports.values())


async def test_completion_after_parameters_dot_before_indexing(before_indexing: LanguageClient):
    uri, lines = open_app_file(before_indexing, MODULE)
    cursor = position_after(lines, 2, "{{parameters.")
    # One request, straight after `didOpen`: no second chance.
    result = await before_indexing.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=cursor)
    )
    labels = {item.label for item in completion_items(result)}
    # Static and mappable parameters live in two sibling files.
    assert {"projectId", "status", "limit"} <= labels, sorted(labels)
    assert not indexing_started(before_indexing)


async def test_definition_in_the_connection_before_indexing(before_indexing: LanguageClient):
    uri, lines = open_app_file(before_indexing, BASE)
    cursor = position_at(lines, 4, "accessToken", 2)
    connection_uri = (before_indexing.workspace / CONNECTION).as_uri()
    # One request, straight after `didOpen`: no second chance.
    result = await before_indexing.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=cursor)
    )
    locations = result if isinstance(result, list) else [result] if result else []
    assert connection_uri in {loc.uri for loc in locations}, locations
    assert not indexing_started(before_indexing)


async def test_a_load_that_takes_too_long_holds_a_request_back_two_seconds(
    stuck_load: LanguageClient,
):
    """The request is answered from what is loaded, without the parameters."""
    uri, lines = open_app_file(stuck_load, MODULE)
    cursor = position_after(lines, 2, "{{parameters.")
    loop = asyncio.get_running_loop()
    sent = loop.time()
    result = await stuck_load.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=cursor)
    )
    waited = loop.time() - sent
    assert 1.9 <= waited < STUCK_LOAD_DELAY_MS / 1000 - 0.3, waited
    labels = {item.label for item in completion_items(result)}
    assert "projectId" not in labels, sorted(labels)


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
