"""`iml-ls schema`: JSON Schemas printed for one kind, or written for all."""

from __future__ import annotations

import json
import pathlib
import subprocess


def run(server_path: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([server_path, "schema", *args], capture_output=True, text=True, timeout=60)


def test_one_kind_is_a_draft_07_schema_on_stdout(server_path: str):
    done = run(server_path, "--kind", "oauth2-communication")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"].endswith("/oauth2-communication.schema.json")


def test_all_kinds_are_written_with_an_index(server_path: str, tmp_path: pathlib.Path):
    listed = run(server_path, "--list").stdout.split()
    assert "base" in listed and "parameters" in listed
    done = run(server_path, "--all", "--out", str(tmp_path / "schemas"))
    assert done.returncode == 0, done.stderr
    index = json.loads((tmp_path / "schemas" / "index.json").read_text())
    assert sorted(entry["kind"] for entry in index) == sorted(listed)
    for entry in index:
        json.loads((tmp_path / "schemas" / entry["file"]).read_text())


def test_an_unknown_kind_is_a_usage_error(server_path: str):
    done = run(server_path, "--kind", "nope")
    assert done.returncode == 2
    assert "unknown kind `nope`" in done.stderr
    assert done.stdout == ""
