#!/usr/bin/env bash
# Installs, builds and tests the VS Code extension, drives the real server through the VS Code
# protocol stack, and packages the .vsix.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export IML_LS_BIN="${IML_LS_BIN:-$repo/target/release/iml-ls}"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npm run --silent compile-tests
node --test out/test/unit/
node --test out/test/client/
npm run --silent package
npx --no-install vsce ls --no-dependencies
