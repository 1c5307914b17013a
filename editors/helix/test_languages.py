#!/usr/bin/env python3
"""Static checks of languages.toml: Helix cannot be installed on the test machines.

Parses the snippet with tomllib, checks the language and server entries, and evaluates the
file-type globs the way Helix does (a glob without a leading `/` or `*/` gets `*/` prepended and
is matched against the whole path with globset's default options, where `*` also crosses `/`;
plain strings are extensions). Run: python3 editors/helix/test_languages.py
"""

import re
import sys
import tomllib
import unittest
from pathlib import Path

HELIX_DIR = Path(__file__).resolve().parent
REPO_ROOT = HELIX_DIR.parent.parent
EXAMPLE_APP = REPO_ROOT / "examples" / "acme-tasks"


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """globset semantics with literal_separator off: `*` and `**` match any run of characters."""
    out = []
    i = 0
    depth = 0
    while i < len(glob):
        char = glob[i]
        if char == "*":
            while i + 1 < len(glob) and glob[i + 1] == "*":
                i += 1
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[":
            end = glob.index("]", i + 1)
            body = glob[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body}]")
            i = end
        elif char == "{":
            depth += 1
            out.append("(?:")
        elif char == "}" and depth:
            depth -= 1
            out.append(")")
        elif char == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


class HelixLanguage:
    def __init__(self, entry: dict):
        self.globs: list[re.Pattern[str]] = []
        self.extensions: set[str] = set()
        for file_type in entry["file-types"]:
            if isinstance(file_type, str):
                self.extensions.add(file_type)
            else:
                glob = file_type["glob"]
                if not glob.startswith("/") and not glob.startswith("*/"):
                    glob = "*/" + glob
                self.globs.append(glob_to_regex(glob))

    def matches(self, path: str) -> bool:
        if any(pattern.match(path) for pattern in self.globs):
            return True
        suffix = Path(path).suffix
        return bool(suffix) and suffix[1:] in self.extensions


def load() -> dict:
    with open(HELIX_DIR / "languages.toml", "rb") as handle:
        return tomllib.load(handle)


class LanguagesTomlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.config = load()
        languages = [entry for entry in cls.config["language"] if entry["name"] == "imljson"]
        assert len(languages) == 1, "exactly one [[language]] named imljson"
        cls.language = languages[0]
        cls.matcher = HelixLanguage(cls.language)

    def test_language_server_runs_iml_ls_over_stdio(self):
        server = self.config["language-server"]["iml-ls"]
        self.assertEqual(server["command"], "iml-ls")
        self.assertEqual(server["args"], ["--stdio"])
        self.assertEqual(self.language["language-servers"], ["iml-ls"])
        # Sent as initializationOptions; same shape as the other editors send.
        self.assertEqual(server["config"], {"rules": {}, "inlayHints": {"parameterNames": True}})

    def test_jsonc_editing_settings(self):
        self.assertEqual(self.language["comment-token"], "//")
        self.assertEqual(self.language["block-comment-tokens"], {"start": "/*", "end": "*/"})
        self.assertEqual(self.language["grammar"], "json")
        self.assertEqual(self.language["scope"], "source.imljson")
        self.assertIn("makecomapp.json", self.language["roots"])

    def test_matches_every_example_spec_file(self):
        examples = sorted(
            path for pattern in ("*.iml.json", "*.imljson", "*.iml.jsonc") for path in EXAMPLE_APP.rglob(pattern)
        )
        self.assertTrue(examples, f"no example spec files under {EXAMPLE_APP}")
        for path in examples:
            with self.subTest(path=str(path.relative_to(REPO_ROOT))):
                self.assertTrue(self.matcher.matches(str(path)))

    def test_matches_spec_file_names(self):
        for path in [
            "/home/me/acme/connections/acme-oauth/acme-oauth.oauth-communication.iml.json",
            "/home/me/acme/general/base.iml.json",
            "/home/me/acme/modules/list-tasks/list-tasks.mappable-params.iml.json",
            "/tmp/apps-sdk/sdk/apps/acme/connections/acme/api-oauth.imljson",
            "/export/acme/modules/create/expect.imljson",
            "/home/me/notes/draft.iml.jsonc",
        ]:
            with self.subTest(path=path):
                self.assertTrue(self.matcher.matches(path))

    def test_leaves_other_files_alone(self):
        unrelated = [
            "/home/me/acme/makecomapp.json",
            "/home/me/acme/general/common.json",
            "/home/me/acme/modules/groups.json",
            "/home/me/project/package.json",
            "/home/me/project/tsconfig.json",
            "/home/me/project/iml.json",
            "/home/me/project/data.json.iml",
            "/home/me/project/README.md",
            "/home/me/project/Cargo.toml",
        ]
        unrelated += [str(path) for path in EXAMPLE_APP.rglob("*") if path.is_file() and path.suffix in {".md", ".js", ".toml"}]
        unrelated += [str(path) for path in EXAMPLE_APP.rglob("makecomapp.json")]
        for path in unrelated:
            with self.subTest(path=path):
                self.assertFalse(self.matcher.matches(path))

    def test_glob_translation(self):
        self.assertTrue(glob_to_regex("*/*.iml.json").match("/a/b/c.iml.json"))
        self.assertFalse(glob_to_regex("*/*.iml.json").match("c.iml.json"))
        self.assertTrue(glob_to_regex("*/{a,b}.json").match("/x/b.json"))
        self.assertFalse(glob_to_regex("*/*.iml.json").match("/a/c.iml.json.bak"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
