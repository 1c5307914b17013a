#!/usr/bin/env bash
# Runs the editor integration tests: VS Code (unit, protocol client, .vsix), Neovim (headless
# end to end) and Helix (static). Each part installs what it needs. Needs the server binary:
# IML_LS_BIN, default <repo>/target/release/iml-ls (cargo build --release -p iml-ls).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export IML_LS_BIN="${IML_LS_BIN:-$repo/target/release/iml-ls}"

if [ ! -x "$IML_LS_BIN" ]; then
  echo "server binary $IML_LS_BIN is missing: run cargo build --release -p iml-ls or set IML_LS_BIN" >&2
  exit 2
fi

passed=0
failed=0
failures=()
for editor in vscode neovim helix; do
  echo "=== $editor ==="
  start=$SECONDS
  if bash "$here/$editor/test.sh"; then
    passed=$((passed + 1))
    echo "=== $editor: ok ($((SECONDS - start)) s) ==="
  else
    failed=$((failed + 1))
    failures+=("$editor")
    echo "=== $editor: FAILED ($((SECONDS - start)) s) ===" >&2
  fi
done

echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || { echo "failed: ${failures[*]}" >&2; exit 1; }
