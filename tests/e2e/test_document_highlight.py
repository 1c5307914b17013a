"""`textDocument/documentHighlight` through the real binary: the occurrences
of the symbol under the cursor in its own document only, declarations and
writes as Write, uses as Read, columns in UTF-16 after an emoji."""

from __future__ import annotations

import json
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import CONFIG, capabilities, open_document, start, wait_for_indexing

MANIFEST = {
    "fileVersion": 1,
    "generalCodeFiles": {"base": "general/base.iml.json"},
    "components": {
        "connection": {
            "shop": {
                "connectionType": "oauth",
                "codeFiles": {
                    "communication": "connections/shop/shop.oauth-communication.iml.json",
                    "params": "connections/shop/shop.params.iml.json",
                },
            }
        },
        "module": {
            "listOrders": {
                "moduleType": "search",
                "connection": "shop",
                "codeFiles": {
                    "communication": "modules/list-orders/list-orders.communication.iml.json",
                    "mappableParams": "modules/list-orders/list-orders.mappable-params.iml.json",
                },
            }
        },
    },
}

CONNECTION = "connections/shop/shop.oauth-communication.iml.json"
CONNECTION_TEXT = """{
  "authorize": { "url": "https://shop.test/oauth/authorize" },
  "token": {
    "url": "https://shop.test/oauth/token",
    "response": { "data": { "accessToken": "{{body.access_token}}" } }
  },
  "refresh": {
    "url": "https://shop.test/oauth/token",
    "headers": { "authorization": "Bearer {{data.accessToken}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}" } }
  }
}
"""

MAPPABLE = "modules/list-orders/list-orders.mappable-params.iml.json"
MAPPABLE_TEXT = """[
  { "name": "limit", "type": "uinteger", "label": "Limit" },
  { "name": "status", "type": "text", "label": "Status" }
]
"""

MODULE = "modules/list-orders/list-orders.communication.iml.json"
# Line 2 has an emoji (two UTF-16 units) before the read.
MODULE_TEXT = """{
  "url": "/orders",
  "qs": { "note": "📦 {{parameters.limit}}", "limit": "{{parameters.limit}}" },
  "headers": { "authorization": "Bearer {{connection.accessToken}}" },
  "response": { "limit": "{{parameters.limit}}", "status": "{{parameters.status}}", "output": "{{body}}" }
}
"""


def write_app(root: pathlib.Path) -> None:
    files = {
        "makecomapp.json": json.dumps(MANIFEST, indent=2),
        "general/base.iml.json": '{ "baseUrl": "https://shop.test/api" }\n',
        "connections/shop/shop.params.iml.json": "[]\n",
        CONNECTION: CONNECTION_TEXT,
        MAPPABLE: MAPPABLE_TEXT,
        MODULE: MODULE_TEXT,
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest_lsp.fixture(config=CONFIG)
async def shop(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    """A small app on disk, indexed, with a UTF-16 client."""
    write_app(tmp_path)
    await start(lsp_client, capabilities("utf-16"), tmp_path)
    lsp_client.workspace = tmp_path
    await wait_for_indexing(lsp_client)
    yield
    await lsp_client.shutdown_session()


def utf16_column(line: str, needle: str, nth: int = 0) -> int:
    """The UTF-16 column of the `nth` occurrence of `needle` on `line`."""
    index = -1
    for _ in range(nth + 1):
        index = line.index(needle, index + 1)
    return len(line[:index].encode("utf-16-le")) // 2


async def highlights(
    client: LanguageClient, relative: str, text: str, line: int, character: int
) -> list[tuple[int, int, int, types.DocumentHighlightKind | None]]:
    """Opens the file and asks for highlights: (line, start, end, kind), sorted."""
    uri = open_document(client, client.workspace / relative, text)
    result = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    found = []
    for highlight in result or []:
        assert highlight.range.start.line == highlight.range.end.line, highlight
        found.append(
            (
                highlight.range.start.line,
                highlight.range.start.character,
                highlight.range.end.character,
                highlight.kind,
            )
        )
    return sorted(found)


async def test_capability_is_announced(shop: LanguageClient):
    assert shop.initialize_result.capabilities.document_highlight_provider


async def test_parameter_reads_in_the_module_only(shop: LanguageClient):
    lines = MODULE_TEXT.split("\n")
    read = types.DocumentHighlightKind.Read
    cursor = utf16_column(lines[2], "limit}}") + 2
    found = await highlights(shop, MODULE, MODULE_TEXT, 2, cursor)
    # The declaration lives in the mappable parameters, not in this document;
    # `"limit"` keys of the module are not the parameter.
    assert found == [
        (2, utf16_column(lines[2], "limit}}"), utf16_column(lines[2], "limit}}") + 5, read),
        (2, utf16_column(lines[2], "limit}}", 1), utf16_column(lines[2], "limit}}", 1) + 5, read),
        (4, utf16_column(lines[4], "limit}}"), utf16_column(lines[4], "limit}}") + 5, read),
    ]
    # The emoji counts as two UTF-16 units.
    assert found[0][1] == lines[2].index("limit}}") + 1


async def test_parameter_declaration_in_its_params_file(shop: LanguageClient):
    lines = MAPPABLE_TEXT.split("\n")
    start = lines[1].index('"limit"') + 1
    found = await highlights(shop, MAPPABLE, MAPPABLE_TEXT, 1, start + 1)
    assert found == [(1, start, start + 5, types.DocumentHighlightKind.Write)]


async def test_response_data_key_written_and_read_in_the_connection(shop: LanguageClient):
    lines = CONNECTION_TEXT.split("\n")
    token = utf16_column(lines[4], '"accessToken"') + 1
    found = await highlights(shop, CONNECTION, CONNECTION_TEXT, 4, token + 3)
    write = types.DocumentHighlightKind.Write
    read = types.DocumentHighlightKind.Read
    # The module's `connection.accessToken` is the same symbol in another file.
    assert found == [
        (4, token, token + 11, write),
        (8, lines[8].index("accessToken"), lines[8].index("accessToken") + 11, read),
        (9, lines[9].index("accessToken"), lines[9].index("accessToken") + 11, write),
    ]


async def test_nothing_to_highlight_on_a_plain_key(shop: LanguageClient):
    lines = MODULE_TEXT.split("\n")
    found = await highlights(shop, MODULE, MODULE_TEXT, 1, lines[1].index('"url"') + 2)
    assert found == []
