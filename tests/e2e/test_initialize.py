"""The handshake: negotiated position encoding and announced capabilities."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient


def sync_kind(capabilities: types.ServerCapabilities):
    sync = capabilities.text_document_sync
    return sync.change if isinstance(sync, types.TextDocumentSyncOptions) else sync


async def test_utf16_only_client_gets_utf16(utf16: LanguageClient):
    capabilities = utf16.initialize_result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert sync_kind(capabilities) == types.TextDocumentSyncKind.Incremental
    assert utf16.initialize_result.server_info.name == "iml-ls"


async def test_client_offering_utf8_gets_utf8(utf8: LanguageClient):
    capabilities = utf8.initialize_result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf8
    assert sync_kind(capabilities) == types.TextDocumentSyncKind.Incremental
