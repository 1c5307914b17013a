"""Shutdown and exit end the process cleanly; the binary's own flags work."""

from __future__ import annotations

import asyncio
import subprocess

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import CONFIG, capabilities


@pytest_lsp.fixture(config=CONFIG)
async def bare(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities("utf-16"), root_uri=tmp_path.as_uri())
    )
    yield


async def test_shutdown_then_exit_ends_the_process_with_success(bare: LanguageClient):
    assert await bare.shutdown_async(None) is None
    bare.exit(None)
    returncode = await asyncio.wait_for(bare._server.wait(), 10)
    assert returncode == 0


def test_version_and_help(server_path: str):
    version = subprocess.run([server_path, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("iml-ls ")
    help_text = subprocess.run([server_path, "--help"], capture_output=True, text=True, check=True)
    assert "--stdio" in help_text.stdout
    assert "check" in help_text.stdout
