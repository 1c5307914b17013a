"""Lean completion lists through the real binary: a client that resolves
documentation lazily gets the list at `{{` in the sample app's OAuth
connection without it, much smaller, and `completionItem/resolve` brings
each item's documentation; a client that does not gets it inline."""

from __future__ import annotations

import json
import pathlib

import attrs

import pytest
import pytest_lsp
from lsprotocol import converters, types
from pytest_lsp import LanguageClient

from conftest import CONFIG, open_document, start_on_example_app, wait_for_indexing
from test_features import completion_items, editor_capabilities

CONNECTION = "connections/acme-oauth/acme-oauth.oauth-communication.iml.json"
# Each lean item repeats its `data` (the document's URI, version and
# offset): the list without it must be at most this share of the full one.
LEAN_SHARE_WITHOUT_DATA = 0.5


def resolving_capabilities() -> types.ClientCapabilities:
    caps = editor_capabilities()
    caps.text_document.completion.completion_item.resolve_support = (
        types.ClientCompletionItemResolveOptions(properties=["documentation", "detail"])
    )
    return caps


async def on_example_app(client: LanguageClient, tmp_path: pathlib.Path, caps) -> None:
    await start_on_example_app(client, tmp_path, caps)
    await wait_for_indexing(client)


@pytest_lsp.fixture(config=CONFIG)
async def lean(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await on_example_app(lsp_client, tmp_path / "lean", resolving_capabilities())
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def full(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    await on_example_app(lsp_client, tmp_path / "full", editor_capabilities())
    yield
    await lsp_client.shutdown_session()


def json_size(value) -> int:
    """The size of `value` as JSON on the wire: compact, absent fields left out."""
    wire = converters.get_converter().unstructure(value)
    return len(json.dumps(wire, separators=(",", ":"), ensure_ascii=False).encode())


async def list_at_braces(client: LanguageClient) -> tuple[list[types.CompletionItem], int]:
    """The items right after the `{{` of `redirect_uri` (line 8), and the
    size of the list's JSON."""
    path = client.workspace / CONNECTION
    text = path.read_text(encoding="utf-8")
    uri = open_document(client, path, text)
    line = text.split("\n")[8]
    assert '"redirect_uri": "{{' in line, line
    cursor = types.Position(line=8, character=line.index("{{") + 2)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=cursor)
    )
    return completion_items(result), json_size(result)


async def test_the_lean_list_is_small_and_resolve_brings_the_documentation(
    lean: LanguageClient, full: LanguageClient, capsys: pytest.CaptureFixture
):
    assert lean.initialize_result.capabilities.completion_provider.resolve_provider is True
    assert full.initialize_result.capabilities.completion_provider.resolve_provider is False
    lean_items, lean_size = await list_at_braces(lean)
    full_items, full_size = await list_at_braces(full)
    without_data = json_size([attrs.evolve(item, data=None) for item in lean_items])
    with capsys.disabled():
        print(
            f"\ncompletion at {{{{ in {CONNECTION}: {len(full_items)} items; "
            f"without resolveSupport {full_size} bytes; "
            f"with resolveSupport {lean_size} bytes ({without_data} without `data`)"
        )

    assert len(lean_items) == len(full_items) > 50
    assert all(item.documentation is None for item in lean_items)
    assert all(item.data is not None for item in lean_items)
    assert all(item.documentation is not None for item in full_items)
    assert lean_size < full_size, (lean_size, full_size)
    assert without_data <= full_size * LEAN_SHARE_WITHOUT_DATA, (without_data, full_size)

    by_label = {item.label: item for item in full_items}
    for label in ["now", "ifempty"]:
        item = next(item for item in lean_items if item.label == label)
        resolved = await lean.completion_item_resolve_async(item)
        assert resolved.documentation is not None, label
        assert resolved.documentation == by_label[label].documentation, label
        assert resolved.text_edit == item.text_edit, label
