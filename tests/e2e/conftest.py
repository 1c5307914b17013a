"""Fixtures that start the built `iml-ls` binary and connect a client to it.

The binary comes from `IML_LS_BIN`, else `<repo>/target/release/iml-ls`.
"""

from __future__ import annotations

import asyncio
import os
import pathlib
import shutil
from typing import Any, Callable

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pygls.exceptions import JsonRpcException
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = pathlib.Path(__file__).resolve().parents[2]
SERVER = os.environ.get("IML_LS_BIN", str(REPO / "target" / "release" / "iml-ls"))
TIMEOUT = 15.0
EXAMPLE_APP = REPO / "examples" / "acme-tasks"


def record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
    """Keeps every push, with its version, on top of pytest-lsp's latest-only map."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


class Refused(JsonRpcException):
    """The error a test client answers on purpose: not a fault of the server."""

    CODE = -32803  # RequestFailed
    MESSAGE = "refused by the test client"


def record_registration(client: LanguageClient, params: types.RegistrationParams):
    """Accepts and records registrations, except watchers whose id base the
    test put in `client.refuse_watchers`: those are recorded in
    `client.refused` and answered with an error."""
    refused = [
        r for r in params.registrations if watcher_id_base(r.id) in client.refuse_watchers
    ]
    if refused:
        client.refused.extend(refused)
        raise Refused()
    client.registrations.extend(params.registrations)
    client.watcher_log.extend(("register", r.id) for r in params.registrations)


def record_unregistration(client: LanguageClient, params: types.UnregistrationParams):
    client.unregistrations.extend(params.unregisterations)
    client.watcher_log.extend(("unregister", u.id) for u in params.unregisterations)


def ignore_refusals(client: LanguageClient) -> None:
    """pytest-lsp fails a test whose client answered a request with an
    error; a refusal the test asked for is not such a failure."""
    report = client.report_server_error

    def report_unless_refused(error: Exception, source: Any) -> None:
        if not isinstance(error, Refused):
            report(error, source)

    client.report_server_error = report_unless_refused


def make_client(handlers: dict[str, Any] | None = None) -> LanguageClient:
    """A client that records every push; `handlers` replace its answers to
    the server's requests, by method."""
    client = LanguageClient()
    client.published = []
    client.registrations = []
    client.unregistrations = []
    # Accepted registrations and unregistrations, in the order they came.
    client.watcher_log = []
    client.refuse_watchers = set()
    client.refused = []
    ignore_refusals(client)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = record_registration
    features[types.CLIENT_UNREGISTER_CAPABILITY] = record_unregistration
    features.update(handlers or {})
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(
    server_command=[SERVER, "--stdio"],
    client_factory=make_client,
    server_env={**os.environ, "IML_LS_LOG": "warn"},
)


# The bases of the ids under which the server registers its file watchers.
# Each registration adds `#<n>`: a replacement is registered under a new id
# before the one it replaces is unregistered.
APP_FILES_ID = "iml-ls/watched-files"
LISTED_ID = "iml-ls/listed-files"


def watcher_id_base(id: str) -> str | None:
    """`base` for an id `base#<n>`, else None."""
    base, hash_sign, generation = id.rpartition("#")
    return base if hash_sign and generation.isdigit() else None


async def watcher_registration(
    client: LanguageClient, base: str, after: int = 0
) -> types.Registration:
    """The first registration of the watchers `base` from index `after` on."""

    async def poll() -> types.Registration:
        while True:
            for registered in client.registrations[after:]:
                if watcher_id_base(registered.id) == base:
                    return registered
            await asyncio.sleep(0.01)

    found = await asyncio.wait_for(poll(), TIMEOUT)
    assert found.method == "workspace/didChangeWatchedFiles"
    return found


async def watcher_replacement(
    client: LanguageClient, previous: types.Registration, after: int
) -> types.Registration:
    """The registration (from index `after` on) that replaced `previous`:
    under a new id of the same base, registered before `previous` was
    unregistered."""
    current = await watcher_registration(client, watcher_id_base(previous.id), after)
    assert current.id != previous.id
    unregistered = ("unregister", previous.id)

    async def poll() -> None:
        while unregistered not in client.watcher_log:
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), TIMEOUT)
    log = client.watcher_log
    assert log.index(("register", current.id)) < log.index(unregistered), log
    return current


def watcher_patterns(registered: types.Registration) -> list:
    return [w["globPattern"] for w in registered.register_options["watchers"]]


def capabilities(*encodings: str) -> types.ClientCapabilities:
    """VS Code-like capabilities offering the given position encodings."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(dynamic_registration=False),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
        window=types.WindowClientCapabilities(work_done_progress=True),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            ),
        ),
    )


async def start(client: LanguageClient, caps: types.ClientCapabilities, root: pathlib.Path):
    client.initialize_result = await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")],
        )
    )


async def start_on_example_app(
    client: LanguageClient, tmp_path: pathlib.Path, caps: types.ClientCapabilities
) -> pathlib.Path:
    """Copies the sample app to a temporary folder and opens that folder as
    the client's workspace (`client.workspace`)."""
    if not (EXAMPLE_APP / "makecomapp.json").exists():
        pytest.skip("examples/acme-tasks is not there")
    app = tmp_path / "acme-tasks"
    shutil.copytree(EXAMPLE_APP, app)
    await start(client, caps, app)
    client.workspace = app
    return app


@pytest_lsp.fixture(config=CONFIG)
async def utf16(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """A client that offers only UTF-16, like VS Code."""
    await start(lsp_client, capabilities("utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def utf8(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """A client that prefers UTF-8, like Helix or recent Neovim."""
    await start(lsp_client, capabilities("utf-8", "utf-32", "utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path: pathlib.Path, text: str, version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="imljson", version=version, text=text
            )
        )
    )
    return uri


def change(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )


async def wait_for_diagnostics(
    client: LanguageClient,
    uri: str,
    predicate: Callable[[types.PublishDiagnosticsParams], bool] = lambda _: True,
    after: int = 0,
) -> types.PublishDiagnosticsParams:
    """The first push for `uri` (from index `after` on) that satisfies `predicate`."""

    async def poll() -> types.PublishDiagnosticsParams:
        index = after
        while True:
            while index < len(client.published):
                params = client.published[index]
                index += 1
                if params.uri == uri and predicate(params):
                    return params
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(poll(), TIMEOUT)


async def view_file_text(client: LanguageClient, uri: str) -> Any:
    result = await client.protocol.send_request_async(
        "iml-ls/viewFileText", {"textDocument": {"uri": uri}}
    )
    return result


def field(value: Any, name: str) -> Any:
    """Reads a field of a result that pygls may hand back as a dict or an object."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


@pytest.fixture
def server_path() -> str:
    return SERVER


async def wait_for_indexing(client: LanguageClient) -> types.WorkDoneProgressEnd:
    """The end of the workspace indexing progress (the client must offer progress)."""

    async def poll() -> types.WorkDoneProgressEnd:
        while True:
            for reports in client.progress_reports.values():
                for report in reports:
                    if isinstance(report, types.WorkDoneProgressEnd):
                        return report
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(poll(), TIMEOUT)
