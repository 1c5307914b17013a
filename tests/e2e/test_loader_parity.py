"""`iml-ls check` and the language server load a tree through one loader,
so the real binary, run both ways on the same tree, must give every file
the same problems: `check --format json` on the tree, and the server with
the tree as its workspace folder, each file opened once indexing ended."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    CONFIG,
    EXAMPLE_APP,
    SERVER,
    open_document,
    start,
    wait_for_diagnostics,
    wait_for_indexing,
)

# The loader's size cap (iml_analysis::MAX_FILE_BYTES).
MAX_FILE_BYTES = 10 * 1024 * 1024

MANIFEST = {
    "fileVersion": 1,
    "generalCodeFiles": {"readme": "README.md", "base": "../shared/base.md"},
    "components": {
        "module": {
            "listTasks": {
                "label": "List Tasks",
                "moduleType": "search",
                "codeFiles": {
                    "communication": "modules/list/list.communication.iml.json",
                    "staticParams": "modules/list/list.static-params.iml.json",
                    "mappableParams": "modules/list/missing.mappable-params.iml.json",
                    "interface": "/etc/passwd",
                },
            }
        },
        "function": {"sign": {"codeFiles": {"code": "../outside/sign.code.js"}}},
    },
}


def write(root: pathlib.Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def build_tree(root: pathlib.Path) -> None:
    """The sample app, and an app whose manifest lists missing paths and
    paths out of it, with `dist/` and `node_modules/` holding app-looking
    files and a listed file over the size limit."""
    if not (EXAMPLE_APP / "makecomapp.json").exists():
        pytest.skip("examples/acme-tasks is not there")
    shutil.copytree(EXAMPLE_APP, root / "acme-tasks")
    app = root / "app"
    write(app, "makecomapp.json", json.dumps(MANIFEST, indent=2))
    write(app, "modules/list/list.communication.iml.json", '{ "url": "/tasks", "method": "GTE" }')
    write(app, "README.md", "# App\n")
    write(app, "dist/makecomapp.json", json.dumps(MANIFEST))
    write(app, "dist/modules/list/list.communication.iml.json", '{ "url": 7 }')
    write(app, "node_modules/pkg/base.iml.json", "{ broken")
    write(root, "shared/base.md", "# outside the app\n")
    write(root, "outside/sign.code.js", "function sign() {}\n")
    # Spaces, so that the editor can open it as text.
    write(app, "modules/list/list.static-params.iml.json", " " * (MAX_FILE_BYTES + 1))


# The problems of a file `iml-ls check` could not read, so did not load.
UNREAD = {"F001", "F002", "F003", "F006"}


def check_findings(root: pathlib.Path) -> tuple[int, dict[pathlib.Path, list[tuple]]]:
    """How many files `iml-ls check` checked, and (code, range) of each
    problem it reports, by file, with 0-based lines and columns as the
    server sends them."""
    run = subprocess.run(
        [SERVER, "check", "--format", "json", "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr
    document = json.loads(run.stdout)
    findings: dict[pathlib.Path, list[tuple]] = {}
    for diagnostic in document["diagnostics"]:
        start, end = diagnostic["range"]["start"], diagnostic["range"]["end"]
        findings.setdefault(root / diagnostic["path"], []).append(
            (
                diagnostic["code"],
                start["line"] - 1,
                start["column"] - 1,
                end["line"] - 1,
                end["column"] - 1,
            )
        )
    return document["summary"]["files"], {path: sorted(found) for path, found in findings.items()}


def utf16_capabilities() -> types.ClientCapabilities:
    """UTF-16 columns: on the ASCII tree (checked) the characters `iml-ls
    check` counts."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16]
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
        window=types.WindowClientCapabilities(work_done_progress=True),
    )


@pytest_lsp.fixture(config=CONFIG)
async def tree(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    root = tmp_path.resolve()
    build_tree(root)
    await start(lsp_client, utf16_capabilities(), root)
    lsp_client.workspace = root
    yield
    await lsp_client.shutdown_session()


# The files a manifest names out of its app: the server would take them as
# loose files once opened, the check never loads them; neither compares them.
OUTSIDE = ("shared/base.md", "outside/sign.code.js")


def files_to_open(root: pathlib.Path) -> list[pathlib.Path]:
    """Every file of the tree the two could speak of: all but those in the
    skipped folders and the targets out of the app; the one too large to
    load last, since opening it adds its text, which may change what the
    others show."""
    skipped = {"dist", "node_modules"}
    outside = {root / relative for relative in OUTSIDE}
    files = [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and path not in outside
        and not skipped & set(path.relative_to(root).parts)
    ]
    return sorted(files, key=lambda path: path.stat().st_size > MAX_FILE_BYTES)


async def test_check_and_the_server_report_the_same_problems(tree: LanguageClient):
    root = tree.workspace
    indexing = await wait_for_indexing(tree)
    checked, expected = check_findings(root)
    # The same files: the server indexed those the check read.
    unread = [path for path, found in expected.items() if {f[0] for f in found} & UNREAD]
    assert indexing.message == f"{checked - len(unread)} app files", (checked, unread)
    # The check reports the file over the limit, and nothing of the skipped
    # folders or out of the app.
    assert set(expected) <= set(files_to_open(root)), sorted(expected)
    huge = root / "app/modules/list/list.static-params.iml.json"
    assert ("F003", 0, 0, 0, 0) in expected.get(huge, []), expected.get(huge)

    published: dict[pathlib.Path, list[tuple]] = {}
    for path in files_to_open(root):
        assert path.read_bytes().isascii(), f"{path} is not ASCII: its columns would differ"
        uri = open_document(tree, path, path.read_text())
        params = await wait_for_diagnostics(tree, uri)
        found = sorted(
            (
                str(d.code),
                d.range.start.line,
                d.range.start.character,
                d.range.end.line,
                d.range.end.character,
            )
            for d in params.diagnostics
        )
        if found:
            published[path] = found
    assert published == expected
