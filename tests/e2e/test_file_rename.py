"""`workspace/willRenameFiles` on a copy of `examples/acme-tasks`: renaming
a module file or a module folder answers the edit that makes
`makecomapp.json` name the new paths, and once the rename is done the
manifest has no X001 (missing file) left."""

from __future__ import annotations

import json
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    CONFIG,
    capabilities,
    change,
    open_document,
    start_on_example_app,
    wait_for_diagnostics,
    wait_for_indexing,
)

MODULE_DIR = "modules/list-tasks"
MODULE = f"{MODULE_DIR}/list-tasks.communication.iml.json"
RENAMED_MODULE = f"{MODULE_DIR}/list-tasks.comm.iml.json"
RENAMED_DIR = "modules/tasks"


def rename_capabilities() -> types.ClientCapabilities:
    caps = capabilities("utf-16")
    caps.workspace.file_operations = types.FileOperationClientCapabilities(will_rename=True)
    return caps


@pytest_lsp.fixture(config=CONFIG)
async def acme(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """The sample app copied to a temporary folder, opened as the workspace."""
    await start_on_example_app(lsp_client, tmp_path, rename_capabilities())
    # The manifest is read from the index when it is not open.
    await wait_for_indexing(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def will_rename(
    client: LanguageClient, old: pathlib.Path, new: pathlib.Path
) -> types.WorkspaceEdit | None:
    return await client.workspace_will_rename_files_async(
        types.RenameFilesParams(
            files=[types.FileRename(old_uri=old.as_uri(), new_uri=new.as_uri())]
        )
    )


def offset(text: str, position: types.Position) -> int:
    """A UTF-16 position as an index into `text` (the manifest is ASCII)."""
    lines = text.split("\n")
    assert all(line.isascii() for line in lines)
    return sum(len(line) + 1 for line in lines[: position.line]) + position.character


def apply(text: str, edits: list[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: offset(text, e.range.start), reverse=True):
        start, end = offset(text, edit.range.start), offset(text, edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def manifest_edits(edit: types.WorkspaceEdit | None, manifest_uri: str) -> list[types.TextEdit]:
    assert edit is not None
    assert edit.changes is not None
    assert list(edit.changes) == [manifest_uri], edit.changes
    return edit.changes[manifest_uri]


def code_files(manifest_text: str, kind: str, component: str) -> dict[str, str]:
    return json.loads(manifest_text)["components"][kind][component]["codeFiles"]


def codes(params: types.PublishDiagnosticsParams) -> set[str]:
    return {str(d.code) for d in params.diagnostics}


async def test_will_rename_is_advertised_for_files_and_folders(acme: LanguageClient):
    operations = acme.initialize_result.capabilities.workspace.file_operations
    filters = operations.will_rename.filters
    kinds = {f.pattern.matches for f in filters}
    assert kinds == {
        types.FileOperationPatternKind.File,
        types.FileOperationPatternKind.Folder,
    }
    assert {f.scheme for f in filters} == {"file"}
    assert {f.pattern.glob for f in filters} == {"**/*"}


async def test_renaming_a_module_file_renames_its_manifest_entry(acme: LanguageClient):
    app = acme.workspace
    manifest = app / "makecomapp.json"
    old, new = app / MODULE, app / RENAMED_MODULE
    before = manifest.read_text(encoding="utf-8")

    edit = await will_rename(acme, old, new)
    edits = manifest_edits(edit, manifest.as_uri())
    assert len(edits) == 1, edits
    after = apply(before, edits)

    files = code_files(after, "module", "listTasks")
    assert files["communication"] == RENAMED_MODULE
    assert MODULE not in after
    # Every other entry is as it was.
    assert json.loads(after.replace(RENAMED_MODULE, MODULE)) == json.loads(before)

    # Do the rename as the editor would, then tell the server.
    old.rename(new)
    manifest.write_text(after, encoding="utf-8")
    acme.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=old.as_uri(), type=types.FileChangeType.Deleted),
                types.FileEvent(uri=new.as_uri(), type=types.FileChangeType.Created),
                types.FileEvent(uri=manifest.as_uri(), type=types.FileChangeType.Changed),
            ]
        )
    )
    uri = open_document(acme, manifest, after)
    # The manifest names the renamed file and the server holds it: no X001.
    await wait_for_diagnostics(acme, uri, lambda params: "X001" not in codes(params))


async def test_renaming_a_module_folder_renames_every_entry_under_it(acme: LanguageClient):
    app = acme.workspace
    manifest = app / "makecomapp.json"
    # The manifest is open with an unsaved edit that moves every line down:
    # the answer must address the editor's text, not the one on disk.
    on_disk = manifest.read_text(encoding="utf-8")
    uri = open_document(acme, manifest, on_disk)
    change(acme, uri, 2, (0, 0), (0, 0), "\n\n")
    edited = "\n\n" + on_disk

    edit = await will_rename(acme, app / MODULE_DIR, app / RENAMED_DIR)
    after = apply(edited, manifest_edits(edit, uri))

    files = code_files(after, "module", "listTasks")
    before = code_files(on_disk, "module", "listTasks")
    assert files == {
        code: path.replace(f"{MODULE_DIR}/", f"{RENAMED_DIR}/", 1) for code, path in before.items()
    }
    assert len(files) == 6 and all(path.startswith(f"{RENAMED_DIR}/") for path in files.values())
    # The connection, the RPC and the general files keep their paths.
    assert code_files(after, "rpc", "listProjects") == code_files(on_disk, "rpc", "listProjects")
    assert json.loads(after)["generalCodeFiles"] == json.loads(on_disk)["generalCodeFiles"]


async def test_a_rename_the_manifest_does_not_care_about_answers_null(acme: LanguageClient):
    app = acme.workspace
    (app / "notes.txt").write_text("not part of the app", encoding="utf-8")
    assert await will_rename(acme, app / "notes.txt", app / "notes.md") is None
    # Moving the whole app keeps its relative paths.
    assert await will_rename(acme, app, app.parent / "acme-renamed") is None
