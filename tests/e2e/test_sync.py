"""Incremental sync through the real transport: the server's text after
edits, UTF-16 columns after an emoji, and many edits sent back to back."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import change, field, open_document, view_file_text, wait_for_diagnostics

BASE = '{"baseUrl": "https://😀.test/v1"}\n'
BEFORE_V1 = BASE[: BASE.index("v1")]
V1_UTF16 = len(BEFORE_V1.encode("utf-16-le")) // 2
V1_UTF8 = len(BEFORE_V1.encode("utf-8"))


async def server_text(client: LanguageClient, uri: str) -> str:
    state = await view_file_text(client, uri)
    assert field(state, "text") == field(state, "analysisText"), "analysis out of step"
    return field(state, "text")


async def test_edit_after_an_emoji_uses_utf16_columns(utf16: LanguageClient):
    path = utf16.workspace / "general" / "base.iml.json"
    uri = open_document(utf16, path, BASE)
    assert V1_UTF16 == 29  # the emoji counts 2
    change(utf16, uri, 2, (0, V1_UTF16), (0, V1_UTF16 + 2), "v2")
    assert await server_text(utf16, uri) == '{"baseUrl": "https://😀.test/v2"}\n'


async def test_edit_after_an_emoji_uses_byte_columns_when_utf8_was_negotiated(utf8: LanguageClient):
    path = utf8.workspace / "general" / "base.iml.json"
    uri = open_document(utf8, path, BASE)
    assert V1_UTF8 == 31  # the emoji counts 4
    change(utf8, uri, 2, (0, V1_UTF8), (0, V1_UTF8 + 2), "v2")
    assert await server_text(utf8, uri) == '{"baseUrl": "https://😀.test/v2"}\n'


async def test_many_edits_back_to_back_keep_order_and_final_version(utf16: LanguageClient):
    path = utf16.workspace / "modules" / "list" / "list.communication.iml.json"
    uri = open_document(utf16, path, '{\n  "url": "/items",\n  "qs": {}\n}\n')
    # Type `"k😀N": N,` one character at a time inside `qs`, no waiting.
    typed = "".join(f'"k😀{n}": {n}, ' for n in range(5))
    line, column, version = 2, len('  "qs": {'), 1
    for char in typed:
        version += 1
        change(utf16, uri, version, (line, column), (line, column), char)
        column += len(char.encode("utf-16-le")) // 2
    expected = '{\n  "url": "/items",\n  "qs": {' + typed + "}\n}\n"
    assert await server_text(utf16, uri) == expected
    final = await wait_for_diagnostics(utf16, uri, lambda p: p.version == version)
    assert [d.code for d in final.diagnostics] == ["J003"], "only the trailing comma is left"
    later = [p for p in utf16.published if p.uri == uri]
    assert later[-1].version == version, "no older diagnostics after the newest"
