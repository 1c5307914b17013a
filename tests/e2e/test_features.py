"""Editor features on the sample app through the real binary: completion,
hover, signature help, definition, rename, semantic tokens, formatting,
quick fixes and a diagnostic that follows an edit in another file."""

from __future__ import annotations

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

MODULE = "modules/list-tasks/list-tasks.communication.iml.json"
MAPPABLE = "modules/list-tasks/list-tasks.mappable-params.iml.json"
CONNECTION = "connections/acme-oauth/acme-oauth.oauth-communication.iml.json"
CONNECTION_PARAMS = "connections/acme-oauth/acme-oauth.params.iml.json"
BASE = "general/base.iml.json"


def editor_capabilities() -> types.ClientCapabilities:
    caps = capabilities("utf-16")
    markdown = [types.MarkupKind.Markdown, types.MarkupKind.PlainText]
    caps.text_document.completion = types.CompletionClientCapabilities(
        completion_item=types.ClientCompletionItemOptions(
            snippet_support=True, documentation_format=markdown
        )
    )
    caps.text_document.hover = types.HoverClientCapabilities(content_format=markdown)
    caps.text_document.signature_help = types.SignatureHelpClientCapabilities(
        signature_information=types.ClientSignatureInformationOptions(documentation_format=markdown)
    )
    caps.text_document.semantic_tokens = types.SemanticTokensClientCapabilities(
        requests=types.ClientSemanticTokensRequestOptions(
            full=types.ClientSemanticTokensRequestFullDelta(delta=True), range=True
        ),
        token_types=[],
        token_modifiers=[],
        formats=[types.TokenFormat.Relative],
    )
    return caps


@pytest_lsp.fixture(config=CONFIG)
async def acme(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """The sample app copied to a temporary folder, opened as the workspace."""
    await start_on_example_app(lsp_client, tmp_path, editor_capabilities())
    # Features read the files that are not open from the index.
    await wait_for_indexing(lsp_client)
    yield
    await lsp_client.shutdown_session()


def open_app_file(client: LanguageClient, relative: str) -> tuple[str, list[str]]:
    """Opens a file of the app as the editor would; returns its URI and lines."""
    path = client.workspace / relative
    text = path.read_text(encoding="utf-8")
    return open_document(client, path, text), text.split("\n")


def position_after(lines: list[str], line: int, needle: str) -> types.Position:
    """The position right after `needle` on `line` (ASCII lines: columns are units)."""
    column = lines[line].index(needle) + len(needle)
    return types.Position(line=line, character=column)


def position_at(lines: list[str], line: int, needle: str, offset: int = 0) -> types.Position:
    return types.Position(line=line, character=lines[line].index(needle) + offset)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def completion_items(result) -> list[types.CompletionItem]:
    if isinstance(result, types.CompletionList):
        return list(result.items)
    return list(result or [])


async def test_completion_after_parameters_dot_in_the_module_communication(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    cursor = position_after(lines, 2, "{{parameters.")
    result = await acme.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=cursor)
    )
    items = {item.label: item for item in completion_items(result)}
    # Static and mappable parameters of the module.
    assert {"projectId", "status", "limit"} <= items.keys(), sorted(items)
    project = items["projectId"]
    assert project.kind == types.CompletionItemKind.Field
    assert project.text_edit.range.start == cursor
    assert project.text_edit.new_text.startswith("projectId")


async def test_completion_after_oauth_dot_in_the_connection(acme: LanguageClient):
    uri, lines = open_app_file(acme, CONNECTION)
    cursor = position_after(lines, 8, "{{oauth.")
    result = await acme.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=cursor)
    )
    labels = {item.label for item in completion_items(result)}
    assert {"localRedirectUri", "scope"} <= labels, sorted(labels)


async def test_hover_on_a_directive_and_on_a_function(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    on_method = position_at(lines, 3, '"method"', 2)
    hover = await acme.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=on_method)
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "method" in hover.contents.value
    assert hover.range.start.line == 3

    uri, lines = open_app_file(acme, CONNECTION)
    on_function = position_at(lines, 7, "ifempty", 2)
    hover = await acme.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=on_function)
    )
    assert "ifempty" in hover.contents.value
    start = lines[7].index("ifempty")
    assert hover.range == types.Range(
        start=types.Position(line=7, character=start),
        end=types.Position(line=7, character=start + len("ifempty")),
    )


async def test_signature_help_inside_a_call(acme: LanguageClient):
    uri, lines = open_app_file(acme, CONNECTION)
    # On the second argument of `ifempty(parameters.clientId, common.clientId)`.
    cursor = position_at(lines, 7, "common.clientId", 1)
    help = await acme.text_document_signature_help_async(
        types.SignatureHelpParams(text_document=doc(uri), position=cursor)
    )
    (signature,) = help.signatures
    assert signature.label.startswith("ifempty(")
    assert help.active_parameter == 1
    first, second = signature.parameters[:2]
    start, end = second.label
    assert signature.label[: start].endswith(", ")
    assert end > start


async def test_definition_of_connection_data_read_in_base(acme: LanguageClient):
    uri, lines = open_app_file(acme, BASE)
    cursor = position_at(lines, 4, "accessToken", 2)
    result = await acme.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=cursor)
    )
    locations = result if isinstance(result, list) else [result]
    connection_uri = (acme.workspace / CONNECTION).as_uri()
    connection_lines = (acme.workspace / CONNECTION).read_text().split("\n")
    # `token` writes `response.data.accessToken` on line 31 (0-based).
    key = connection_lines[31].index('"accessToken"')
    targets = {(loc.uri, loc.range.start.line, loc.range.start.character) for loc in locations}
    assert (connection_uri, 31, key) in targets, targets


async def test_rename_of_a_parameter_edits_every_file(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    cursor = position_at(lines, 2, "projectId", 1)
    edit = await acme.text_document_rename_async(
        types.RenameParams(text_document=doc(uri), position=cursor, new_name="boardId")
    )
    changes = edit.changes
    mappable_uri = (acme.workspace / MAPPABLE).as_uri()
    assert set(changes) == {uri, mappable_uri}, changes
    start = lines[2].index("projectId")
    assert [(e.range.start, e.range.end, e.new_text) for e in changes[uri]] == [
        (
            types.Position(line=2, character=start),
            types.Position(line=2, character=start + len("projectId")),
            "boardId",
        )
    ]
    mappable_lines = (acme.workspace / MAPPABLE).read_text().split("\n")
    key = mappable_lines[2].index('"projectId"')
    assert [(e.range.start, e.range.end, e.new_text) for e in changes[mappable_uri]] == [
        (
            types.Position(line=2, character=key),
            types.Position(line=2, character=key + len('"projectId"')),
            '"boardId"',
        )
    ]


async def test_rename_of_a_connection_parameter_edits_each_use(acme: LanguageClient):
    uri, lines = open_app_file(acme, CONNECTION_PARAMS)
    cursor = position_at(lines, 2, "clientId", 1)
    edit = await acme.text_document_rename_async(
        types.RenameParams(text_document=doc(uri), position=cursor, new_name="appId")
    )
    connection_uri = (acme.workspace / CONNECTION).as_uri()
    assert set(edit.changes) == {uri, connection_uri}
    assert [e.new_text for e in edit.changes[uri]] == ['"appId"']
    # `parameters.clientId` in authorize, token, refresh and invalidate.
    connection_edits = edit.changes[connection_uri]
    assert [e.range.start.line for e in connection_edits] == [7, 26, 56, 101]
    assert {e.new_text for e in connection_edits} == {"appId"}


def decode_tokens(data: list[int], legend: list[str]) -> list[tuple[int, int, int, str]]:
    tokens, line, start = [], 0, 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, _ = data[i : i + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        tokens.append((line, start, length, legend[kind]))
    return tokens


async def test_semantic_tokens_decode_to_the_iml_on_a_line(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    legend = acme.initialize_result.capabilities.semantic_tokens_provider.legend.token_types
    result = await acme.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(uri))
    )
    tokens = decode_tokens(list(result.data), list(legend))
    line = lines[2]  # "url": "/projects/{{parameters.projectId}}/tasks",
    on_line = [t for t in tokens if t[0] == 2]
    assert (2, line.index('"url"'), 5, "property") in on_line
    assert (2, line.index("{{"), 2, "macro") in on_line
    assert (2, line.index("parameters"), len("parameters"), "variable") in on_line
    assert (2, line.index("projectId"), len("projectId"), "property") in on_line


def apply_token_edits(data: list[int], edits: list[types.SemanticTokensEdit]) -> list[int]:
    """As a client applies a delta: splices on the flat integer array, the
    last edit first so that the earlier offsets still hold."""
    data = list(data)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        data[edit.start : edit.start + edit.delete_count] = list(edit.data or [])
    return data


async def test_semantic_tokens_delta_after_an_edit_matches_a_fresh_full_request(
    acme: LanguageClient,
):
    assert acme.initialize_result.capabilities.semantic_tokens_provider.full.delta is True
    uri, lines = open_app_file(acme, MODULE)
    first = await acme.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(uri))
    )
    assert first.result_id

    # A new member with IML between "method" and "qs".
    assert lines[4].startswith('  "qs"')
    change(acme, uri, 2, (4, 0), (4, 0), '  "headers": { "X-Trace": "{{now}}" },\n')
    delta = await acme.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc(uri), previous_result_id=first.result_id)
    )
    assert isinstance(delta, types.SemanticTokensDelta), delta
    assert delta.result_id and delta.result_id != first.result_id
    assert len(delta.edits) == 1
    # Offsets count integers of the flat array: whole tokens are five.
    assert delta.edits[0].start % 5 == 0 and delta.edits[0].delete_count % 5 == 0
    applied = apply_token_edits(list(first.data), delta.edits)

    fresh = await acme.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(uri))
    )
    assert applied == list(fresh.data)
    assert applied != list(first.data)

    # The delta is smaller than the tokens it stands for.
    assert len(delta.edits[0].data or []) < len(fresh.data)

    # An id that is no longer the last one answers full tokens.
    stale = await acme.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc(uri), previous_result_id=first.result_id)
    )
    assert isinstance(stale, types.SemanticTokens), stale
    assert list(stale.data) == list(fresh.data)
    assert stale.result_id not in (first.result_id, fresh.result_id)


async def test_semantic_tokens_delta_after_a_reopen_answers_full_tokens(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    before = await acme.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(uri))
    )
    assert before.result_id

    # Reopened with other text: the tokens sent before the close are no base.
    acme.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc(uri)))
    reopened_text = "\n".join(lines[:4] + ['  "headers": { "X-Trace": "{{now}}" },'] + lines[4:])
    open_document(acme, acme.workspace / MODULE, reopened_text)
    after = await acme.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc(uri), previous_result_id=before.result_id)
    )
    assert isinstance(after, types.SemanticTokens), after
    assert after.result_id and after.result_id != before.result_id
    fresh = await acme.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(uri))
    )
    assert list(after.data) == list(fresh.data)
    assert list(after.data) != list(before.data)

    # The id handed out after the reopen is a base for a delta again.
    unchanged = await acme.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc(uri), previous_result_id=fresh.result_id)
    )
    assert isinstance(unchanged, types.SemanticTokensDelta), unchanged
    assert list(unchanged.edits) == []


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """ASCII text: UTF-16 columns are characters."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return min(starts[position.line] + position.character, len(text))

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def test_formatting_a_messy_copy_then_again_is_a_no_op(acme: LanguageClient):
    messy = '{"baseUrl":"https://api.acme-tasks.example/v2",\n"headers":{   "Authorization":"Bearer {{connection.accessToken}}"}}\n'
    path = acme.workspace / "general" / "messy.iml.json"
    uri = open_document(acme, path, messy)
    options = types.FormattingOptions(tab_size=2, insert_spaces=True)
    edits = await acme.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc(uri), options=options)
    )
    formatted = apply_edits(messy, edits)
    assert formatted == (
        "{\n"
        '  "baseUrl": "https://api.acme-tasks.example/v2",\n'
        # An object written on one line stays on one line, tidied.
        '  "headers": { "Authorization": "Bearer {{connection.accessToken}}" }\n'
        "}\n"
    )
    change_all(acme, uri, 2, formatted)
    again = await acme.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc(uri), options=options)
    )
    assert not again


def change_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def test_quick_fix_renames_a_typo_in_a_key(acme: LanguageClient):
    uri, lines = open_app_file(acme, MODULE)
    await wait_for_diagnostics(acme, uri)
    # Insert `"heaers": {},` before `"qs"` on line 4.
    change(acme, uri, 2, (4, 2), (4, 2), '"heaers": { "X-Trace": "1" },\n  ')
    published = await wait_for_diagnostics(
        acme, uri, lambda p: p.version == 2 and any(d.range.start.line == 4 for d in p.diagnostics)
    )
    (typo,) = [d for d in published.diagnostics if d.range.start.line == 4]
    actions = await acme.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    fixes = [a for a in actions if "headers" in a.title]
    assert fixes, [a.title for a in actions]
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics[0].code == typo.code
    assert [(e.range, e.new_text) for e in fix.edit.changes[uri]] == [
        (
            types.Range(
                start=types.Position(line=4, character=2),
                end=types.Position(line=4, character=2 + len('"heaers"')),
            ),
            '"headers"',
        )
    ]


async def test_connection_edit_adds_and_removes_a_modules_diagnostic(acme: LanguageClient):
    module_uri, _ = open_app_file(acme, MODULE)
    connection_uri, connection_lines = open_app_file(acme, CONNECTION)
    await wait_for_diagnostics(acme, module_uri)
    # The module starts reading `connection.accountId`, which nothing writes.
    change(acme, module_uri, 2, (4, 2), (4, 2), '"headers": { "X-Account": "{{connection.accountId}}" },\n  ')
    missing = await wait_for_diagnostics(
        acme, module_uri, lambda p: p.version == 2 and any(d.code == "X003" for d in p.diagnostics)
    )
    assert [d.range.start.line for d in missing.diagnostics if d.code == "X003"] == [4]

    # The connection's `token` starts writing it: the module's X003 goes.
    seen = len(acme.published)
    indent = connection_lines[31][: connection_lines[31].index('"')]
    line = f'{indent}"accountId": "{{{{body.account_id}}}}",\n'
    change(acme, connection_uri, 2, (31, 0), (31, 0), line)
    await wait_for_diagnostics(
        acme, module_uri, lambda p: not any(d.code == "X003" for d in p.diagnostics), after=seen
    )

    # And stops writing it: the X003 comes back.
    seen = len(acme.published)
    change(acme, connection_uri, 3, (31, 0), (32, 0), "")
    back = await wait_for_diagnostics(
        acme, module_uri, lambda p: any(d.code == "X003" for d in p.diagnostics), after=seen
    )
    assert back.version == 2, "republished for the module's unchanged text"
