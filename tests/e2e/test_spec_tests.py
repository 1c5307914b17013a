"""Spec tests in the editor: a "Run" lens on each case of a test file,
`workspace/executeCommand` running it against the app as the editor holds
it (open edits included), and the failures published as T006 diagnostics
in the test file until anything changes."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import change, field, wait_for_diagnostics
from test_features import CONNECTION, acme, doc, open_app_file  # noqa: F401  (`acme` is a fixture)

TESTS = "connections/acme-oauth/acme-oauth.tests.iml.json"
RUN = "iml-ls.runSpecTest"
AUTHORIZE = "authorize: the code is exchanged for tokens and the account is named"


def codes(params: types.PublishDiagnosticsParams) -> list[str]:
    return [str(d.code) for d in params.diagnostics]


async def run(client: LanguageClient, *arguments: str):
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=RUN, arguments=list(arguments))
    )


async def test_the_run_command_is_announced(acme: LanguageClient):  # noqa: F811
    capabilities = acme.initialize_result.capabilities
    assert RUN in capabilities.execute_command_provider.commands
    assert capabilities.code_lens_provider is not None


async def test_each_case_has_a_run_lens(acme: LanguageClient):  # noqa: F811
    uri, lines = open_app_file(acme, TESTS)
    lenses = await acme.text_document_code_lens_async(types.CodeLensParams(text_document=doc(uri)))
    names = [lens.command.arguments[1] for lens in lenses]
    assert len(names) == 4 and names[0] == AUTHORIZE, names
    for lens in lenses:
        assert lens.command.title == "▶ Run" and lens.command.command == RUN
        assert lens.command.arguments[0] == uri
        # The lens sits on the case's name.
        assert lens.command.arguments[1] in lines[lens.range.start.line]
    # Other files have none.
    other, _ = open_app_file(acme, CONNECTION)
    assert not await acme.text_document_code_lens_async(types.CodeLensParams(text_document=doc(other)))


async def test_running_the_sample_cases_passes(acme: LanguageClient):  # noqa: F811
    uri, _ = open_app_file(acme, TESTS)
    first = await wait_for_diagnostics(acme, uri)
    assert "T006" not in codes(first)
    summary = await run(acme, uri)
    assert field(summary, "passed") == 4 and field(summary, "failed") == 0, summary
    assert [field(case, "status") for case in field(summary, "cases")] == ["passed"] * 4


async def test_a_broken_token_mapping_fails_at_the_expectation_until_the_next_edit(
    acme: LanguageClient,  # noqa: F811
):
    tests_uri, test_lines = open_app_file(acme, TESTS)
    connection_uri, lines = open_app_file(acme, CONNECTION)
    line = next(i for i, text in enumerate(lines) if "{{body.access_token}}" in text)
    column = lines[line].index("access_token")
    # Unsaved: the run must read the editor's text, not the disk's.
    change(acme, connection_uri, 2, (line, column), (line, column + len("access_token")), "token")
    published = len(acme.published)
    summary = await run(acme, tests_uri, AUTHORIZE)
    assert field(summary, "failed") == 1, summary
    failed = await wait_for_diagnostics(
        acme, tests_uri, lambda p: "T006" in codes(p), after=published
    )
    found = [d for d in failed.diagnostics if str(d.code) == "T006"]
    # The token itself, and the header the info request builds from it.
    [t006] = [d for d in found if "/data/accessToken" in d.message]
    assert "acme-oauth.oauth-communication.iml.json" in t006.message
    # At the expectation in the test file, not at the case.
    assert '"accessToken"' in test_lines[t006.range.start.line]
    assert t006.severity == types.DiagnosticSeverity.Error

    # Repairing the mapping makes the result stale: it is withdrawn.
    published = len(acme.published)
    change(acme, connection_uri, 3, (line, column), (line, column + len("token")), "access_token")
    cleared = await wait_for_diagnostics(
        acme, tests_uri, lambda p: "T006" not in codes(p), after=published
    )
    assert "T006" not in codes(cleared)


async def test_bad_arguments_and_unknown_commands_are_refused(acme: LanguageClient):  # noqa: F811
    uri, _ = open_app_file(acme, TESTS)
    with pytest.raises(Exception, match="no case named"):
        await run(acme, uri, "no such case")
    with pytest.raises(Exception, match="URI"):
        await acme.workspace_execute_command_async(types.ExecuteCommandParams(command=RUN))
    with pytest.raises(Exception, match="unknown command"):
        await acme.workspace_execute_command_async(types.ExecuteCommandParams(command="nope"))
