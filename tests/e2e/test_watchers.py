"""How the server asks the client to watch files: relative to the workspace
folders when the client takes relative patterns (LSP 3.17), absolute or
`**/` globs otherwise; and a file the manifest lists that is missing at
start is watched all the same, so creating it later reaches the analysis."""

from __future__ import annotations

import json
import pathlib
import urllib.parse

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    APP_FILES_ID,
    LISTED_ID,
    watcher_patterns,
    watcher_registration,
    CONFIG,
    capabilities,
    open_document,
    start,
    wait_for_diagnostics,
    wait_for_indexing,
)


def write_app(root: pathlib.Path) -> None:
    """An app whose manifest lists a README that is not on disk (yet)."""
    (root / "general").mkdir(parents=True)
    (root / "general" / "base.iml.json").write_text('{"baseUrl": "https://api.acme.test"}')
    (root / "makecomapp.json").write_text(
        json.dumps(
            {"fileVersion": 1, "generalCodeFiles": {"readme": "README.md"}, "components": {}},
            indent=2,
        )
    )


def relative_capabilities() -> types.ClientCapabilities:
    caps = capabilities("utf-16")
    caps.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=True, relative_pattern_support=True
    )
    return caps


@pytest_lsp.fixture(config=CONFIG)
async def plain(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """A client that takes only plain glob strings."""
    write_app(tmp_path)
    await start(lsp_client, capabilities("utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def relative(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """A client that takes relative patterns, like VS Code."""
    write_app(tmp_path)
    await start(lsp_client, relative_capabilities(), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


def path_of(uri: str) -> pathlib.Path:
    parsed = urllib.parse.urlparse(uri)
    assert parsed.scheme == "file", uri
    return pathlib.Path(urllib.parse.unquote(parsed.path))


def missing(params: types.PublishDiagnosticsParams) -> list[str]:
    return [d.message for d in params.diagnostics if d.code == "X001"]


async def test_a_client_with_relative_pattern_support_watches_inside_the_workspace(
    relative: LanguageClient,
):
    await wait_for_indexing(relative)
    root = relative.workspace.resolve()

    app_files = watcher_patterns(await watcher_registration(relative, APP_FILES_ID))
    assert app_files, "no app-file watchers"
    for pattern in app_files:
        assert isinstance(pattern, dict), pattern
        assert path_of(pattern["baseUri"]).resolve() == root
    assert {"**/*.iml.json", "**/makecomapp.json"} <= {p["pattern"] for p in app_files}

    (readme,) = watcher_patterns(await watcher_registration(relative, LISTED_ID))
    assert isinstance(readme, dict), readme
    assert path_of(readme["baseUri"]).resolve() == root
    assert readme["pattern"] == "README.md"


async def test_a_client_without_it_gets_plain_globs(plain: LanguageClient):
    await wait_for_indexing(plain)
    app_files = watcher_patterns(await watcher_registration(plain, APP_FILES_ID))
    assert all(isinstance(p, str) for p in app_files), app_files
    assert "**/*.iml.json" in app_files
    listed = watcher_patterns(await watcher_registration(plain, LISTED_ID))
    assert listed == [(plain.workspace / "README.md").as_posix()]


async def test_a_listed_readme_missing_at_start_is_watched_and_loaded_once_created(
    plain: LanguageClient,
):
    await wait_for_indexing(plain)
    readme = plain.workspace / "README.md"
    # Watched although it does not exist: otherwise the client would never
    # tell about its creation.
    assert watcher_patterns(await watcher_registration(plain, LISTED_ID)) == [readme.as_posix()]

    manifest = plain.workspace / "makecomapp.json"
    uri = open_document(plain, manifest, manifest.read_text())
    first = await wait_for_diagnostics(plain, uri, lambda p: bool(missing(p)))
    assert "`README.md` does not exist" in missing(first)[0]

    readme.write_text("# Acme\n")
    after = len(plain.published)
    plain.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=readme.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    await wait_for_diagnostics(plain, uri, lambda p: not missing(p), after)
