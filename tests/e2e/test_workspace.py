"""Workspace indexing on `initialized`: progress for clients that show it,
file watchers registered dynamically, and files outside the workspace left
alone."""

from __future__ import annotations

import asyncio
import json
import pathlib
import subprocess

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    CONFIG,
    TIMEOUT,
    capabilities,
    open_document,
    start,
    start_on_example_app,
    wait_for_diagnostics,
)


def write_app(root: pathlib.Path) -> None:
    (root / "general").mkdir(parents=True)
    (root / "makecomapp.json").write_text('{"fileVersion": 1, "generalCodeFiles": {}, "components": {}}')
    (root / "general" / "base.iml.json").write_text('{"baseUrl": "https://api.acme.test"}')
    (root / "node_modules" / "x").mkdir(parents=True)
    (root / "node_modules" / "x" / "ignored.iml.json").write_text("{")


@pytest_lsp.fixture(config=CONFIG)
async def indexed(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    write_app(tmp_path)
    await start(lsp_client, capabilities("utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    yield
    await lsp_client.shutdown_session()


async def progress_end(client: LanguageClient) -> types.WorkDoneProgressEnd:
    async def poll():
        while True:
            for reports in client.progress_reports.values():
                for report in reports:
                    if isinstance(report, types.WorkDoneProgressEnd):
                        return report
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(poll(), TIMEOUT)


async def test_indexing_reports_progress_over_the_app_files(indexed: LanguageClient):
    end = await progress_end(indexed)
    assert end.message == "2 app files"
    (reports,) = [r for r in indexed.progress_reports.values() if r]
    assert isinstance(reports[0], types.WorkDoneProgressBegin)


async def test_watchers_are_registered_for_app_files(indexed: LanguageClient):
    await progress_end(indexed)
    (registration,) = indexed.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert {"**/*.iml.json", "**/makecomapp.json", "**/*.imljson"} <= globs


async def test_watched_file_events_are_taken_without_error(indexed: LanguageClient):
    await progress_end(indexed)
    created = indexed.workspace / "general" / "common.json"
    created.write_text('{"clientId": "x"}')
    indexed.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=created.as_uri(), type=types.FileChangeType.Created),
                types.FileEvent(
                    uri=(indexed.workspace / "general" / "base.iml.json").as_uri(),
                    type=types.FileChangeType.Deleted,
                ),
            ]
        )
    )
    # The server still answers afterwards.
    result = await indexed.protocol.send_request_async(
        "iml-ls/viewFileText", {"textDocument": {"uri": created.as_uri()}}
    )
    assert result is None


@pytest_lsp.fixture(config=CONFIG)
async def example(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await start_on_example_app(lsp_client, tmp_path, capabilities("utf-16"))
    yield
    await lsp_client.shutdown_session()


async def test_editor_and_check_agree_on_the_example_app(example: LanguageClient, server_path: str):
    """What `iml-ls check` reports is what the editor shows, file by file."""
    checked = subprocess.run(
        [server_path, "check", "--format", "json", "."],
        cwd=example.workspace,
        capture_output=True,
        text=True,
    )
    report = json.loads(checked.stdout)
    from_check = sorted(
        (pathlib.PurePath(d["path"]).as_posix().removeprefix("./"), d["code"])
        for d in report["diagnostics"]
    )

    end = await progress_end(example)
    assert end.message == f"{report['summary']['files']} app files"

    from_editor = []
    app_files = sorted(
        p for p in example.workspace.rglob("*") if p.is_file() and p.suffix == ".json"
    )
    for path in app_files:
        uri = open_document(example, path, path.read_text(encoding="utf-8"))
        published = await wait_for_diagnostics(example, uri)
        relative = path.relative_to(example.workspace).as_posix()
        from_editor.extend((relative, d.code) for d in published.diagnostics)
    assert sorted(from_editor) == from_check
