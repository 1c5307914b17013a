"""Files `makecomapp.json` lists under names that are not app-file names (a
readme, custom function code) are watched on their own, so a change on disk
reaches the analysis while they are not open in the editor."""

from __future__ import annotations

import json
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    APP_FILES_ID,
    LISTED_ID,
    watcher_id_base,
    watcher_patterns,
    watcher_registration,
    watcher_replacement,
    CONFIG,
    capabilities,
    open_document,
    start,
    wait_for_diagnostics,
    wait_for_indexing,
)


def manifest(general: dict[str, str], functions: dict[str, str]) -> str:
    components = {
        "function": {name: {"codeFiles": {"code": path}} for name, path in functions.items()}
    }
    return json.dumps(
        {"fileVersion": 1, "generalCodeFiles": general, "components": components}, indent=2
    )


def write_app(root: pathlib.Path) -> None:
    (root / "general").mkdir(parents=True)
    (root / "general" / "base.iml.json").write_text('{"baseUrl": "https://api.acme.test"}')
    (root / "makecomapp.json").write_text(manifest({"readme": "README.md"}, {}))
    (root / "README.md").write_text("# Acme\n")


@pytest_lsp.fixture(config=CONFIG)
async def app(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    write_app(tmp_path)
    await start(lsp_client, capabilities("utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


def notify(client: LanguageClient, path: pathlib.Path, change: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=change)])
    )


def missing(params: types.PublishDiagnosticsParams) -> list[str]:
    return [d.message for d in params.diagnostics if d.code == "X001"]


async def test_a_listed_readme_is_watched_and_its_deletion_is_reported(app: LanguageClient):
    await wait_for_indexing(app)
    readme = app.workspace / "README.md"
    registration = await watcher_registration(app, LISTED_ID)
    assert watcher_patterns(registration) == [readme.as_posix()]
    # The app-file globs stay a registration of their own.
    assert any(watcher_id_base(r.id) == APP_FILES_ID for r in app.registrations)

    manifest_path = app.workspace / "makecomapp.json"
    uri = open_document(app, manifest_path, manifest_path.read_text())
    await wait_for_diagnostics(app, uri, lambda p: not missing(p))

    readme.unlink()
    after = len(app.published)
    notify(app, readme, types.FileChangeType.Deleted)
    gone = await wait_for_diagnostics(app, uri, lambda p: bool(missing(p)), after)
    assert "`README.md` does not exist" in missing(gone)[0]

    readme.write_text("# Acme again\n")
    after = len(app.published)
    notify(app, readme, types.FileChangeType.Created)
    await wait_for_diagnostics(app, uri, lambda p: not missing(p), after)


async def test_a_manifest_change_replaces_the_listed_watchers(app: LanguageClient):
    await wait_for_indexing(app)
    first = await watcher_registration(app, LISTED_ID)
    seen = len(app.registrations)

    root = app.workspace
    # Outside `functions/<name>/`, where code is an app file by its place:
    # here only the manifest's listing makes it one.
    code = root / "scripts" / "hash.code.js"
    code.parent.mkdir(parents=True)
    code.write_text("function hash(value) { return value; }\n")
    manifest_path = root / "makecomapp.json"
    manifest_path.write_text(
        manifest({"readme": "README.md"}, {"hash": "scripts/hash.code.js"})
    )
    notify(app, manifest_path, types.FileChangeType.Changed)

    # Registered under a new id before the old one goes, so that no event
    # falls between the two; the app-file globs stay as they are.
    registration = await watcher_replacement(app, first, seen)
    assert watcher_patterns(registration) == [(root / "README.md").as_posix(), code.as_posix()]
    assert [u.id for u in app.unregistrations] == [first.id]

    # The newly listed file was loaded before the watchers were replaced:
    # the manifest misses nothing from its first diagnostics on.
    uri = open_document(app, manifest_path, manifest_path.read_text())
    first = await wait_for_diagnostics(app, uri)
    assert missing(first) == []
