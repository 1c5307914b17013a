"""Fix all (`source.fixAll.iml-ls`) on a copy of the sample app: the action
VS Code runs for `"editor.codeActionsOnSave": {"source.fixAll": "explicit"}`,
applied through the client, leaves the file without the problems it fixed."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import change, field, open_document, wait_for_diagnostics
from test_features import MODULE, acme, doc  # noqa: F401  (`acme` is a fixture)

FIX_ALL = "source.fixAll.iml-ls"


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Applies edits given against the same text (ASCII: columns are units)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits))
    for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
        assert end <= start, f"overlapping edits: {spans}"
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text


def end_of(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines) - 1, len(lines[-1])


async def code_actions(client: LanguageClient, uri: str, only: list[str]) -> list:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=types.Range(
                start=types.Position(line=0, character=0),
                end=types.Position(line=0, character=0),
            ),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind(kind) for kind in only]
            ),
        )
    )
    return list(result or [])


async def test_fix_all_is_advertised(acme: LanguageClient):  # noqa: F811
    provider = acme.initialize_result.capabilities.code_action_provider
    kinds = [str(field(kind, "value") or kind) for kind in field(provider, "code_action_kinds")]
    assert FIX_ALL in kinds and "quickfix" in kinds, kinds


async def test_fix_all_on_save_fixes_both_typos(acme: LanguageClient):  # noqa: F811
    path = acme.workspace / MODULE
    original = path.read_text(encoding="utf-8")
    # Two misspelt keys, each with one fix: a new `heaers`, and `output` as `outptu`.
    broken = original.replace(
        '"method": "GET",', '"method": "GET",\n  "heaers": { "X-Trace": "1" },', 1
    ).replace('"output": {', '"outptu": {', 1)
    expected = broken.replace('"heaers"', '"headers"').replace('"outptu"', '"output"')
    assert broken.count("heaers") == 1 and broken.count("outptu") == 1
    uri = open_document(acme, path, broken)
    first = await wait_for_diagnostics(
        acme, uri, lambda p: sum(d.code == "R001" for d in p.diagnostics) == 2
    )
    assert first.version == 1

    # A client asking for quick fixes only never gets the whole-file action.
    quick = await code_actions(acme, uri, ["quickfix"])
    assert all(a.kind != FIX_ALL for a in quick), [a.kind for a in quick]

    for only in (["source.fixAll"], ["source"]):
        actions = await code_actions(acme, uri, only)
        assert [a.kind for a in actions] == [FIX_ALL], (only, actions)
    (action,) = await code_actions(acme, uri, ["source.fixAll"])
    edits = action.edit.changes[uri]
    fixed = apply_edits(broken, edits)
    assert fixed == expected

    seen = len(acme.published)
    line, character = end_of(broken)
    change(acme, uri, 2, (0, 0), (line, character), fixed)
    after = await wait_for_diagnostics(acme, uri, lambda p: p.version == 2, after=seen)
    assert not any(d.code == "R001" for d in after.diagnostics), after.diagnostics

    # Nothing left to fix: no action at all.
    assert await code_actions(acme, uri, ["source.fixAll"]) == []


async def test_fix_all_follows_a_fix_that_reveals_another(acme: LanguageClient):  # noqa: F811
    path = acme.workspace / MODULE
    original = path.read_text(encoding="utf-8")
    # `methd` renamed to `method` reveals `GTE`, which no HTTP method is:
    # one answer takes both, as `iml-ls check --fix` would.
    broken = original.replace('"method": "GET",', '"methd": "GTE",', 1)
    assert broken != original
    uri = open_document(acme, path, broken)
    await wait_for_diagnostics(acme, uri, lambda p: any(d.code == "R001" for d in p.diagnostics))
    (action,) = await code_actions(acme, uri, ["source.fixAll"])
    assert action.title == "Fix all auto-fixable problems (2 fixes)", action.title
    assert apply_edits(broken, action.edit.changes[uri]) == original
