#!/usr/bin/env bash
# Installs, builds and tests the VS Code extension, drives the real server through the VS Code
# protocol stack, renders the flow webview in headless Chromium, and packages the .vsix.
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
# The flow webview in headless Chromium (Debian's package, installed here when missing). The
# screenshots stay in out/artifacts/ as the run's artefacts.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi
IML_LS_ARTIFACTS="$here/out/artifacts" node --test out/test/browser/
npm run --silent package
npx --no-install vsce ls --no-dependencies
# The platform package with the stripped server bundled (a dist build of the workspace).
npm run --silent package:platform
node --test out/test/package/
