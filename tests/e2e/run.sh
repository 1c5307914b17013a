#!/usr/bin/env bash
# End-to-end tests: the built iml-ls binary driven by pytest-lsp.
# Needs only Rust, Python 3 and a network path to PyPI on first run.
#   IML_LS_BIN=/path/to/iml-ls  use that binary instead of building one
#   extra arguments are passed to pytest (e.g. -k utf16 -x)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$repo/target/e2e-venv"
requirements="$repo/tests/e2e/requirements.txt"

# The safety tests read the server's system calls with strace; install it
# where we can (root with apt), otherwise those tests skip with a reason.
if ! command -v strace >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq strace) >/dev/null 2>&1 || true
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Reinstall only when the pins change.
stamp="$venv/.requirements"
if ! cmp -s "$requirements" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi

if [ -z "${IML_LS_BIN:-}" ]; then
    (cd "$repo" && cargo build --release --quiet -p iml-ls)
    target_dir="${CARGO_TARGET_DIR:-target}"
    case "$target_dir" in
        /*) ;;
        *) target_dir="$repo/$target_dir" ;;
    esac
    IML_LS_BIN="$target_dir/release/iml-ls"
fi
export IML_LS_BIN

cd "$repo/tests/e2e"
exec "$venv/bin/python" -m pytest -q "$@"
