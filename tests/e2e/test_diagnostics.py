"""Pushed diagnostics: exact positions in the negotiated encoding, versions,
and diagnostics that come and go with edits."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import change, open_document, wait_for_diagnostics

# The `,` after the emoji-bearing line 1 is missing.
EMOJI_LINE = '  "label": "Tasks 😀 for Acme"'
MISSING_COMMA = "{\n" + EMOJI_LINE + '\n  "url": "/tasks"\n}\n'


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def spec_path(client: LanguageClient):
    return client.workspace / "general" / "notes.iml.json"


async def test_missing_comma_after_emoji_is_one_diagnostic_at_the_utf16_position(utf16: LanguageClient):
    uri = open_document(utf16, spec_path(utf16), MISSING_COMMA)
    published = await wait_for_diagnostics(utf16, uri)
    assert published.version == 1
    assert len(published.diagnostics) == 1, published.diagnostics
    diagnostic = published.diagnostics[0]
    assert diagnostic.code == "J001"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.source == "iml-ls"
    assert diagnostic.code_description.href.endswith("/docs/rules.md#j001")
    # Right after the closing quote of the emoji-bearing line.
    assert diagnostic.range.start == types.Position(line=1, character=utf16_len(EMOJI_LINE))
    assert utf16_len(EMOJI_LINE) != len(EMOJI_LINE.encode("utf-8"))


async def test_utf8_client_gets_byte_columns(utf8: LanguageClient):
    uri = open_document(utf8, spec_path(utf8), MISSING_COMMA)
    published = await wait_for_diagnostics(utf8, uri)
    assert len(published.diagnostics) == 1, published.diagnostics
    start = published.diagnostics[0].range.start
    assert start == types.Position(line=1, character=len(EMOJI_LINE.encode("utf-8")))


async def test_diagnostics_appear_and_disappear_with_edits(utf16: LanguageClient):
    valid = "{\n" + EMOJI_LINE + ',\n  "url": "/tasks"\n}\n'
    uri = open_document(utf16, spec_path(utf16), valid)
    first = await wait_for_diagnostics(utf16, uri)
    assert first.version == 1
    assert list(first.diagnostics) == []

    comma = utf16_len(EMOJI_LINE)
    change(utf16, uri, 2, (1, comma), (1, comma + 1), "")
    broken = await wait_for_diagnostics(utf16, uri, lambda p: p.version == 2)
    assert [d.code for d in broken.diagnostics] == ["J001"]
    assert broken.diagnostics[0].range.start == types.Position(line=1, character=comma)

    change(utf16, uri, 3, (1, comma), (1, comma), ",")
    fixed = await wait_for_diagnostics(utf16, uri, lambda p: p.version == 3)
    assert list(fixed.diagnostics) == []


async def test_closing_a_document_clears_its_diagnostics(utf16: LanguageClient):
    uri = open_document(utf16, spec_path(utf16), MISSING_COMMA)
    await wait_for_diagnostics(utf16, uri, lambda p: len(p.diagnostics) == 1)
    seen = len(utf16.published)
    utf16.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    cleared = await wait_for_diagnostics(utf16, uri, after=seen)
    assert list(cleared.diagnostics) == []
