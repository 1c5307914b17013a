"""Workspace folders added and removed while the server runs
(`workspace/didChangeWorkspaceFolders`): an added folder's apps are indexed
and analysed across files, a removed folder's files leave the analysis
(except a document still open in the editor), and the app-file watchers
follow the folders."""

from __future__ import annotations

import asyncio
import json
import pathlib
import urllib.parse

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    APP_FILES_ID,
    watcher_registration,
    watcher_replacement,
    CONFIG,
    TIMEOUT,
    capabilities,
    open_document,
    start,
    wait_for_diagnostics,
)

COMMUNICATION = "modules/list/list.communication.iml.json"
PARAMS = "modules/list/list.static-params.iml.json"


def write_app(root: pathlib.Path, module: str, communication: str) -> None:
    """An app with one module whose static parameters declare `status`."""
    manifest = {
        "fileVersion": 1,
        "generalCodeFiles": {},
        "components": {
            "module": {
                module: {
                    "label": module,
                    "moduleType": "search",
                    "codeFiles": {"communication": COMMUNICATION, "staticParams": PARAMS},
                }
            }
        },
    }
    (root / "modules" / "list").mkdir(parents=True)
    (root / "makecomapp.json").write_text(json.dumps(manifest, indent=2))
    (root / COMMUNICATION).write_text(communication)
    (root / PARAMS).write_text('[{"name": "status", "type": "text"}]')


# Reads `parameters.stauts`: only the params file next to it tells that
# `status` was meant.
MISSPELT = '{"url": "/invoices", "qs": {"status": "{{parameters.stauts}}"}}'


def folder_capabilities() -> types.ClientCapabilities:
    """VS Code-like: relative watcher patterns and workspace folders."""
    caps = capabilities("utf-16")
    caps.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=True, relative_pattern_support=True
    )
    caps.workspace.workspace_folders = True
    return caps


@pytest_lsp.fixture(config=CONFIG)
async def folders(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """Starts on folder `first`; folder `second` exists beside it, unopened."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_app(first, "listProjects", '{"url": "/projects"}')
    write_app(second, "searchInvoices", MISSPELT)
    await start_in(lsp_client, first)
    lsp_client.first, lsp_client.second = first, second
    yield
    await lsp_client.shutdown_session()


async def start_in(client: LanguageClient, root: pathlib.Path) -> None:
    client.initialize_result = await client.initialize_session(
        types.InitializeParams(
            capabilities=folder_capabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        )
    )


def change_folders(
    client: LanguageClient,
    added: list[pathlib.Path] = (),
    removed: list[pathlib.Path] = (),
) -> None:
    folder = lambda path: types.WorkspaceFolder(uri=path.as_uri(), name=path.name)  # noqa: E731
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[folder(p) for p in added], removed=[folder(p) for p in removed]
            )
        )
    )


async def indexing_ends(client: LanguageClient, count: int) -> None:
    """Waits until `count` indexing progress reports have ended."""

    def ended() -> int:
        return sum(
            isinstance(report, types.WorkDoneProgressEnd)
            for reports in client.progress_reports.values()
            for report in reports
        )

    async def poll() -> None:
        while ended() < count:
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), TIMEOUT)


async def symbols(client: LanguageClient, query: str) -> list[pathlib.Path]:
    """The files of the workspace symbols named `query`."""
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
    return [
        path_of(symbol.location.uri) for symbol in found or [] if symbol.name == query
    ]


async def symbols_until(client: LanguageClient, query: str, wanted) -> list[pathlib.Path]:
    """Asks again until the answer satisfies `wanted` (work after a
    notification has no reply to wait for)."""

    async def poll() -> list[pathlib.Path]:
        while True:
            found = await symbols(client, query)
            if wanted(found):
                return found
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(poll(), TIMEOUT)


def path_of(uri: str) -> pathlib.Path:
    parsed = urllib.parse.urlparse(uri)
    assert parsed.scheme == "file", uri
    return pathlib.Path(urllib.parse.unquote(parsed.path))


def watched_bases(registered: types.Registration) -> set[pathlib.Path]:
    return {
        path_of(watcher["globPattern"]["baseUri"]).resolve()
        for watcher in registered.register_options["watchers"]
    }


def undeclared(params: types.PublishDiagnosticsParams) -> list[str]:
    return [d.message for d in params.diagnostics if d.code == "I009"]


async def test_an_added_folder_is_indexed_watched_and_dropped_again_when_removed(
    folders: LanguageClient,
):
    first, second = folders.first, folders.second
    await indexing_ends(folders, 1)
    registered = await watcher_registration(folders, APP_FILES_ID)
    assert watched_bases(registered) == {first.resolve()}
    assert await symbols(folders, "listProjects") == [first / COMMUNICATION]
    assert await symbols(folders, "searchInvoices") == []

    after = len(folders.registrations)
    change_folders(folders, added=[second])
    await indexing_ends(folders, 2)
    assert await symbols(folders, "searchInvoices") == [second / COMMUNICATION]
    assert await symbols(folders, "listProjects") == [first / COMMUNICATION]
    # The new watchers are registered before the old ones are dropped.
    initial = registered
    registered = await watcher_replacement(folders, initial, after)
    assert watched_bases(registered) == {first.resolve(), second.resolve()}
    assert [u.id for u in folders.unregistrations] == [initial.id]

    after = len(folders.registrations)
    change_folders(folders, removed=[second])
    await symbols_until(folders, "searchInvoices", lambda found: found == [])
    assert await symbols(folders, "listProjects") == [first / COMMUNICATION]
    both = registered
    registered = await watcher_replacement(folders, both, after)
    assert watched_bases(registered) == {first.resolve()}
    assert [u.id for u in folders.unregistrations] == [initial.id, both.id]


async def test_watchers_the_client_refuses_leave_the_old_ones_watching(
    folders: LanguageClient,
):
    first, second = folders.first, folders.second
    await indexing_ends(folders, 1)
    initial = await watcher_registration(folders, APP_FILES_ID)

    folders.refuse_watchers.add(APP_FILES_ID)
    change_folders(folders, added=[second])
    # The watchers are asked for before the added folder is indexed.
    await indexing_ends(folders, 2)
    (refused,) = folders.refused
    assert refused.id != initial.id
    assert watched_bases(refused) == {first.resolve(), second.resolve()}
    # The old watchers were not dropped: the first folder is still watched.
    assert folders.unregistrations == []
    assert await symbols(folders, "searchInvoices") == [second / COMMUNICATION]

    # The next change replaces the watchers the client holds, not the
    # refused ones.
    folders.refuse_watchers.clear()
    third = first.parent / "third"
    write_app(third, "listTickets", '{"url": "/tickets"}')
    after = len(folders.registrations)
    change_folders(folders, added=[third])
    registered = await watcher_replacement(folders, initial, after)
    assert registered.id not in {initial.id, refused.id}
    assert watched_bases(registered) == {r.resolve() for r in (first, second, third)}
    assert [u.id for u in folders.unregistrations] == [initial.id]


async def test_an_open_document_reads_the_added_folder_and_stays_when_it_goes(
    folders: LanguageClient,
):
    second = folders.second
    await indexing_ends(folders, 1)
    # Opened while its folder is not a workspace folder: nothing beside it
    # is read, so the misspelt parameter cannot be told.
    uri = open_document(folders, second / COMMUNICATION, MISSPELT)
    alone = await wait_for_diagnostics(folders, uri)
    assert undeclared(alone) == []

    after = len(folders.published)
    change_folders(folders, added=[second])
    analysed = await wait_for_diagnostics(folders, uri, lambda p: bool(undeclared(p)), after)
    assert "did you mean `status`?" in undeclared(analysed)[0]

    after = len(folders.published)
    change_folders(folders, removed=[second])
    await symbols_until(folders, "searchInvoices", lambda found: found == [])
    # Still open, still analysed: only the files beside it are gone.
    dropped = await wait_for_diagnostics(folders, uri, lambda p: not undeclared(p), after)
    assert dropped.version == 1
    hover = await folders.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=3),
        )
    )
    assert hover is not None


async def test_repeated_nested_and_unknown_folders_are_harmless(folders: LanguageClient):
    first, second = folders.first, folders.second
    await indexing_ends(folders, 1)
    registered = len(folders.registrations)
    # The folder already open, a folder inside it, and one never added.
    change_folders(folders, added=[first, first / "modules"], removed=[second])
    change_folders(folders, removed=[first.parent / "never-added"])
    assert await symbols(folders, "listProjects") == [first / COMMUNICATION]
    # Nothing new to watch: the outer folder covers the inner one.
    await asyncio.sleep(0.2)
    assert folders.unregistrations == []
    assert len(folders.registrations) == registered

    # The inner folder going leaves the outer one's files alone.
    change_folders(folders, removed=[first / "modules"])
    await asyncio.sleep(0.2)
    assert await symbols(folders, "listProjects") == [first / COMMUNICATION]

    # Added twice in one event, indexed once.
    change_folders(folders, added=[second, second])
    await indexing_ends(folders, 2)
    assert await symbols(folders, "searchInvoices") == [second / COMMUNICATION]
