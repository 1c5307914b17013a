"""Protocol abuse through a real client (pytest-lsp): positions and ranges
that make no sense, edits to documents never opened, versions out of order,
unknown methods, huge and deeply nested files, and a file deleted on disk
while open. After every case an ordinary edit is checked against the
server's copy of the text (`iml-ls/viewFileText`), so "still answers" means
"still answers correctly"."""

from __future__ import annotations

import asyncio
import pathlib
import time
from typing import Any

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcMethodNotFound
from pytest_lsp import LanguageClient

from conftest import change, field, open_document, view_file_text, wait_for_diagnostics

BIG_TIMEOUT = 60.0


async def server_text(client: LanguageClient, uri: str) -> str:
    state = await view_file_text(client, uri)
    assert state is not None, f"{uri} unknown to the server"
    assert field(state, "text") == field(state, "analysisText"), "analysis out of step with the editor text"
    return field(state, "text")


async def assert_still_serving(client: LanguageClient, name: str = "probe") -> None:
    """A fresh document, one incremental edit, and the exact text back."""
    path = client.workspace / "general" / f"{name}.iml.json"
    uri = open_document(client, path, '{"baseUrl": "https://api.test/v1"}\n')
    change(client, uri, 2, (0, 30), (0, 32), "v2")
    assert await server_text(client, uri) == '{"baseUrl": "https://api.test/v2"}\n'


def capabilities_of(client: LanguageClient) -> types.ServerCapabilities:
    return client.initialize_result.capabilities


def position(line: int, character: int) -> dict:
    return {"line": line, "character": character}


def span(start: tuple[int, int], end: tuple[int, int]) -> dict:
    return {"start": position(*start), "end": position(*end)}


def advertised_requests(client: LanguageClient, uri: str, at: dict, where: dict) -> list[tuple[str, dict]]:
    """Every request the server announced, aimed at `at` / `where`."""
    caps = capabilities_of(client)
    doc = {"textDocument": {"uri": uri}}
    here = {**doc, "position": at}
    candidates = [
        ("hover_provider", "textDocument/hover", here),
        ("completion_provider", "textDocument/completion", here),
        ("signature_help_provider", "textDocument/signatureHelp", here),
        ("definition_provider", "textDocument/definition", here),
        ("references_provider", "textDocument/references", {**here, "context": {"includeDeclaration": True}}),
        ("rename_provider", "textDocument/prepareRename", here),
        ("rename_provider", "textDocument/rename", {**here, "newName": "renamed"}),
        ("document_highlight_provider", "textDocument/documentHighlight", here),
        ("selection_range_provider", "textDocument/selectionRange", {**doc, "positions": [at, position(0, 0)]}),
        ("document_range_formatting_provider", "textDocument/rangeFormatting", {**doc, "range": where, "options": {"tabSize": 2, "insertSpaces": True}}),
        ("inlay_hint_provider", "textDocument/inlayHint", {**doc, "range": where}),
        ("code_action_provider", "textDocument/codeAction", {**doc, "range": where, "context": {"diagnostics": []}}),
        ("semantic_tokens_provider", "textDocument/semanticTokens/range", {**doc, "range": where}),
        ("document_symbol_provider", "textDocument/documentSymbol", doc),
        ("folding_range_provider", "textDocument/foldingRange", doc),
        ("document_link_provider", "textDocument/documentLink", doc),
        ("document_formatting_provider", "textDocument/formatting", {**doc, "options": {"tabSize": 2, "insertSpaces": True}}),
    ]
    return [(method, params) for capability, method, params in candidates if getattr(caps, capability, None)]


async def ask(client: LanguageClient, method: str, params: dict, timeout: float = 15.0) -> Any:
    """The result, or the JSON-RPC error a careful server may give instead.
    An internal error is a caught panic and fails the test."""
    params_type = types.METHOD_TO_TYPES[method][2]
    typed = client.protocol._converter.structure(params, params_type)
    try:
        return await asyncio.wait_for(client.protocol.send_request_async(method, typed), timeout)
    except JsonRpcInternalError as error:
        raise AssertionError(f"{method} failed inside the server: {error}") from error
    except JsonRpcException as error:
        return error


DOC = '{\n  "url": "/tasks/{{parameters.id}}",\n  "qs": {"q": "é😀"}\n}\n'


# -- positions and ranges ------------------------------------------------------


async def test_change_past_the_end_of_a_line_clamps_to_the_line_end(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", DOC)
    change(utf16, uri, 2, (1, 500), (1, 900), ",")
    expected = DOC.replace('{{parameters.id}}",\n', '{{parameters.id}}",,\n')
    assert await server_text(utf16, uri) == expected
    await assert_still_serving(utf16)


async def test_change_past_the_end_of_the_file_clamps_to_the_end(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", DOC)
    change(utf16, uri, 2, (40, 3), (99, 0), "// tail\n")
    assert await server_text(utf16, uri) == DOC + "// tail\n"
    await assert_still_serving(utf16)


async def test_change_inside_a_surrogate_pair_does_not_split_the_emoji(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", DOC)
    emoji_column = DOC.splitlines()[2].index("😀")
    change(utf16, uri, 2, (2, emoji_column + 1), (2, emoji_column + 1), "x")
    text = await server_text(utf16, uri)
    assert "😀" in text and text.count("x") == DOC.count("x") + 1
    text.encode("utf-8")  # a split surrogate would not encode
    await assert_still_serving(utf16)


async def test_backwards_range_in_a_change_deletes_nothing(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", DOC)
    change(utf16, uri, 2, (2, 10), (1, 3), "X")
    text = await server_text(utf16, uri)
    assert len(text) == len(DOC) + 1 and text.replace("X", "", 1) == DOC, "nothing lost, one X added"
    await assert_still_serving(utf16)


async def test_requests_at_absurd_positions_and_backwards_ranges(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", DOC)
    emoji_column = DOC.splitlines()[2].index("😀")
    cases = [
        (position(1, 10_000), span((3, 1), (0, 0))),
        (position(10_000, 0), span((10_000, 0), (20_000, 5))),
        (position(2, emoji_column + 1), span((2, emoji_column + 1), (1, 2))),
        (position(2**31 - 1, 2**31 - 1), span((2**31 - 1, 0), (0, 2**31 - 1))),
    ]
    asked = 0
    for at, where in cases:
        for method, params in advertised_requests(utf16, uri, at, where):
            await ask(utf16, method, params)
            asked += 1
    # Position-less requests go to a document that was never opened as well.
    ghost = (utf16.workspace / "general" / "ghost.iml.json").as_uri()
    for method, params in advertised_requests(utf16, ghost, position(0, 0), span((0, 0), (0, 0))):
        await ask(utf16, method, params)
    assert await server_text(utf16, uri) == DOC
    await assert_still_serving(utf16)


# -- documents and versions ----------------------------------------------------


async def test_edits_to_a_document_never_opened_are_ignored(utf16: LanguageClient):
    path = utf16.workspace / "general" / "base.iml.json"
    uri = path.as_uri()
    change(utf16, uri, 2, (0, 0), (0, 0), "garbage")
    utf16.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await view_file_text(utf16, uri) is None
    open_document(utf16, path, DOC)
    assert await server_text(utf16, uri) == DOC
    await assert_still_serving(utf16)


async def test_stale_and_skipped_versions_still_apply_in_order(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", '{"a": 1}\n', version=5)
    change(utf16, uri, 3, (0, 6), (0, 7), "2")  # older than the open version
    change(utf16, uri, 3, (0, 6), (0, 7), "3")  # the same version again
    change(utf16, uri, 40, (0, 6), (0, 7), "4")  # a gap
    state = await view_file_text(utf16, uri)
    assert field(state, "text") == '{"a": 4}\n' == field(state, "analysisText")
    assert field(state, "version") == 40
    published = await wait_for_diagnostics(utf16, uri, lambda p: p.version == 40)
    for diagnostic in published.diagnostics:
        assert diagnostic.range.end.line == 0 and diagnostic.range.end.character <= len('{"a": 4}')
    await assert_still_serving(utf16)


async def test_opening_twice_takes_the_second_text(utf16: LanguageClient):
    path = utf16.workspace / "general" / "base.iml.json"
    uri = open_document(utf16, path, '{"a": 1}')
    open_document(utf16, path, '{"b": 2}', version=7)
    state = await view_file_text(utf16, uri)
    assert field(state, "text") == '{"b": 2}' == field(state, "analysisText")
    assert field(state, "version") == 7
    await assert_still_serving(utf16)


async def test_full_and_incremental_changes_mixed_in_one_notification(utf16: LanguageClient):
    uri = open_document(utf16, utf16.workspace / "general" / "base.iml.json", '{"a": 1}')
    utf16.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangeWholeDocument(text='{"b": "😀"}'),
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=0, character=9), end=types.Position(line=0, character=9)),
                    text="!",
                ),
            ],
        )
    )
    assert await server_text(utf16, uri) == '{"b": "😀!"}'
    await assert_still_serving(utf16)


async def test_unknown_request_and_notification_through_the_client(utf16: LanguageClient):
    with pytest.raises(JsonRpcMethodNotFound):
        await utf16.protocol.send_request_async("iml-ls/noSuchRequest", {"x": 1})
    utf16.protocol.notify("iml-ls/noSuchNotification", {"x": 1})
    utf16.protocol.notify("$/noSuchNotification", None)
    await assert_still_serving(utf16)


# -- size and depth --------------------------------------------------------------


def big_app_file(target_bytes: int) -> str:
    item = '    {"id": "{{item.id}}", "name": "Task é😀 {{ifempty(item.name; \'-\')}}", "done": false},\n'
    count = target_bytes // len(item.encode("utf-8")) + 1
    return '{\n  "items": [\n' + item * count + '    {"id": "last"}\n  ]\n}\n'


async def test_a_10_mb_file_gets_diagnostics_and_edits_stay_prompt(utf16: LanguageClient):
    text = big_app_file(10 * 1024 * 1024)
    assert len(text.encode("utf-8")) >= 10 * 1024 * 1024
    uri = open_document(utf16, utf16.workspace / "general" / "big.iml.json", text)
    started = time.monotonic()
    published = await asyncio.wait_for(wait_for_diagnostics(utf16, uri), BIG_TIMEOUT)
    first_diagnostics = time.monotonic() - started
    print(f"10 MB: diagnostics {sorted({d.code for d in published.diagnostics})}")
    lines = text.count("\n")
    change(utf16, uri, 2, (lines - 3, 4), (lines - 3, 4), '{"id": "new"},\n    ')
    started = time.monotonic()
    state = await asyncio.wait_for(view_file_text(utf16, uri), BIG_TIMEOUT)
    round_trip = time.monotonic() - started
    expected = text.replace('    {"id": "last"}', '    {"id": "new"},\n    {"id": "last"}')
    assert field(state, "text") == expected
    assert field(state, "analysisText") == expected
    assert round_trip < 10, f"an edit to a 10 MB file took {round_trip:.1f}s to show"
    print(f"10 MB: first diagnostics after {first_diagnostics:.2f}s, edit + view {round_trip:.2f}s")
    await assert_still_serving(utf16)


async def test_a_single_1_mb_line_with_utf16_columns(utf16: LanguageClient):
    filler = "é😀x" * (1024 * 1024 // 7)
    text = '{"description": "' + filler + '", "url": "{{parameters.id}}"}'
    assert "\n" not in text and len(text.encode("utf-8")) > 1024 * 1024
    uri = open_document(utf16, utf16.workspace / "general" / "line.iml.json", text)
    published = await asyncio.wait_for(wait_for_diagnostics(utf16, uri), BIG_TIMEOUT)
    print(f"1 MB line: diagnostics {sorted({d.code for d in published.diagnostics})}")
    # Replace `id` at the very end: its UTF-16 column counts every emoji twice.
    index = text.index("parameters.id") + len("parameters.")
    column = len(text[:index].encode("utf-16-le")) // 2
    change(utf16, uri, 2, (0, column), (0, column + 2), "key")
    expected = text[:index] + "key" + text[index + 2 :]
    assert await asyncio.wait_for(server_text(utf16, uri), BIG_TIMEOUT) == expected
    if capabilities_of(utf16).hover_provider:
        await ask(utf16, "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(0, column)}, BIG_TIMEOUT)
    await assert_still_serving(utf16)


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}")], ids=["arrays", "objects"])
async def test_json_nested_100000_levels(utf16: LanguageClient, opener: str, closer: str):
    depth = 100_000
    text = opener * depth + '"{{parameters.x}}"' + closer * depth
    uri = open_document(utf16, utf16.workspace / "general" / "deep.iml.json", text)
    published = await asyncio.wait_for(wait_for_diagnostics(utf16, uri), BIG_TIMEOUT)
    print(f"depth {depth} {opener}: diagnostics {[d.code for d in published.diagnostics]}")
    # Break it in the middle, then mend it: the text follows and answers come.
    middle = len(opener) * depth
    change(utf16, uri, 2, (0, middle), (0, middle), "]]]")
    change(utf16, uri, 3, (0, middle), (0, middle + 3), "")
    assert await asyncio.wait_for(server_text(utf16, uri), BIG_TIMEOUT) == text
    for method, params in advertised_requests(utf16, uri, position(0, middle + 3), span((0, 0), (0, middle * 2))):
        await ask(utf16, method, params, BIG_TIMEOUT)
    await assert_still_serving(utf16)


# -- disk and editor disagree ------------------------------------------------------


def write_app(root: pathlib.Path) -> pathlib.Path:
    (root / "general").mkdir(parents=True, exist_ok=True)
    (root / "makecomapp.json").write_text(
        '{"fileVersion": 1, "generalCodeFiles": {"base": "general/base.iml.json"}, "components": {}}'
    )
    base = root / "general" / "base.iml.json"
    base.write_text('{"baseUrl": "https://disk.test"}\n')
    return base


async def test_a_file_deleted_on_disk_while_open_keeps_the_editor_text(utf16: LanguageClient):
    base = write_app(utf16.workspace)
    editor_text = '{"baseUrl": "https://editor.test", "headers": {"x": "{{connection.key}}"}}\n'
    uri = open_document(utf16, base, editor_text)
    change(utf16, uri, 2, (0, 21), (0, 27), "unsaved")
    expected = editor_text.replace("editor", "unsaved")
    base.unlink()
    utf16.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Deleted)])
    )
    assert await server_text(utf16, uri) == expected
    # Edits after the deletion still land on the editor text.
    change(utf16, uri, 3, (0, 0), (0, 0), " ")
    assert await server_text(utf16, uri) == " " + expected
    published = await wait_for_diagnostics(utf16, uri, lambda p: p.version == 3)
    assert all(d.range.end.line == 0 for d in published.diagnostics)
    await assert_still_serving(utf16)


async def test_a_file_changed_on_disk_while_open_keeps_the_editor_text(utf16: LanguageClient):
    base = write_app(utf16.workspace)
    uri = open_document(utf16, base, '{"baseUrl": "https://editor.test"}\n')
    base.write_text('{"baseUrl": "https://disk-again.test"}\n')
    utf16.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=uri, type=types.FileChangeType.Changed),
                types.FileEvent(uri=uri, type=types.FileChangeType.Created),
            ]
        )
    )
    assert await server_text(utf16, uri) == '{"baseUrl": "https://editor.test"}\n'
    await assert_still_serving(utf16)


async def test_watched_file_events_for_odd_uris(utf16: LanguageClient):
    write_app(utf16.workspace)
    odd = [
        "untitled:Untitled-1",
        "file:///",
        (utf16.workspace / "no" / "such" / "dir.iml.json").as_uri(),
        (utf16.workspace / "general").as_uri(),
        "http://host.test/x.iml.json",
    ]
    utf16.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri, type=kind) for uri in odd for kind in types.FileChangeType]
        )
    )
    await assert_still_serving(utf16)
