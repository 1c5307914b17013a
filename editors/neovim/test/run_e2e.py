#!/usr/bin/env python3
"""Runs test/e2e.lua in a headless Neovim against the iml-ls binary and reports each check.

Environment: IML_LS_BIN (server binary), NVIM (nvim executable, default `nvim` on PATH).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NEOVIM_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = NEOVIM_DIR.parent.parent
EXAMPLE_APP = REPO_ROOT / "examples" / "acme-tasks"
PREFERRED_EXAMPLE = EXAMPLE_APP / "connections" / "acme-oauth" / "acme-oauth.oauth-communication.iml.json"
NVIM_TIMEOUT_S = 120


def clean_example() -> Path:
    if os.environ.get("IML_CLEAN_EXAMPLE"):
        return Path(os.environ["IML_CLEAN_EXAMPLE"])
    if PREFERRED_EXAMPLE.is_file():
        return PREFERRED_EXAMPLE
    found = sorted(EXAMPLE_APP.rglob("*.iml.json"))
    if not found:
        sys.exit(f"no *.iml.json example under {EXAMPLE_APP}")
    return found[0]


def main() -> int:
    server = Path(os.environ.get("IML_LS_BIN", REPO_ROOT / "target" / "release" / "iml-ls"))
    if not os.access(server, os.X_OK):
        print(f"server binary {server} is missing: build it or set IML_LS_BIN", file=sys.stderr)
        return 2
    nvim = os.environ.get("NVIM_BIN") or shutil.which("nvim")
    if not nvim:
        print("nvim not found: run editors/neovim/test.sh, which installs it", file=sys.stderr)
        return 2
    version = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout
    print(version.splitlines()[0])

    with tempfile.TemporaryDirectory(prefix="iml-ls-nvim-") as scratch:
        results_path = Path(scratch) / "results.json"
        env = {
            **os.environ,
            "IML_LS_BIN": str(server),
            "IML_CLEAN_EXAMPLE": str(clean_example()),
            "IML_SCRATCH": scratch,
            "IML_NVIM_RESULTS": str(results_path),
            # Keep the run independent of the user's own Neovim setup and state.
            "XDG_CONFIG_HOME": str(Path(scratch) / "config"),
            "XDG_DATA_HOME": str(Path(scratch) / "data"),
            "XDG_STATE_HOME": str(Path(scratch) / "state"),
            "XDG_CACHE_HOME": str(Path(scratch) / "cache"),
        }
        command = [
            nvim,
            "--headless",
            "--clean",
            "--cmd",
            f"set runtimepath^={NEOVIM_DIR}",
            "-c",
            f"luafile {NEOVIM_DIR / 'test' / 'e2e.lua'}",
        ]
        try:
            run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=NVIM_TIMEOUT_S, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            print(f"nvim did not finish within {NVIM_TIMEOUT_S} s", file=sys.stderr)
            return 1
        if not results_path.exists():
            print(f"nvim exited {run.returncode} without results\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}", file=sys.stderr)
            return 1
        results = json.loads(results_path.read_text(encoding="utf-8"))

    counts = {"pass": 0, "fail": 0}
    for result in results:
        counts[result["status"]] += 1
        line = f"{result['status'].upper():4} {result['name']}"
        if result["detail"]:
            line += f" -- {result['detail']}"
        print(line)
    print(f"neovim: {counts['pass']} passed, {counts['fail']} failed")
    return 1 if counts["fail"] or not counts["pass"] else 0


if __name__ == "__main__":
    sys.exit(main())
