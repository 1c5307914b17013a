#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to read:
# formatting and lints, Rust unit/fixture/property tests, then the end-to-end
# suites that drive the release binary through real clients.
# Each suite installs what it needs (Python venvs under target/, npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "crates can be packaged (cargo package --list)"
bash tests/package.sh

step "cargo test (unit, fixture and property tests)"
cargo test --workspace --locked

step "release build of iml-ls"
cargo build --release --locked -p iml-ls
export IML_LS_BIN="$PWD/target/release/iml-ls"

step "end-to-end tests through pytest-lsp"
bash tests/e2e/run.sh

step "editor integrations (VS Code client, flow webview in headless Chromium, .vsix, headless Neovim, Helix config)"
bash editors/test-all.sh

step "main job: iml-ls check examples/"
"$IML_LS_BIN" check examples/

step "the sample app's spec tests: iml-ls test examples/"
"$IML_LS_BIN" test examples/

printf '\nall suites passed\n'
