#!/usr/bin/env bash
# The latency race in one command: builds iml-ls (release), installs the JSON
# language server from the committed lock file, exports the schemas, writes
# the workspaces of the selected sizes (the sample app with its module files
# scaled, by the `bench_workspace` example of iml-analysis: the generator the
# criterion benches use) into bench/lsp-race/out/work, and runs the race on
# them. Results: bench/lsp-race/out/results.{md,json}.
#
# Environment: CORPUS (a folder of apps opened as one workspace to measure
# peak RSS; default ../shared/corpus beside the repository), EDITS (default
# 200), SIZES (comma-separated, of 1KB, 10KB, 100KB, 1MB; default 10KB,1MB;
# `none` for the corpus figure alone), CARGO_TARGET_DIR.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
out="$here/out"

cargo build --release --quiet -p iml-ls --manifest-path "$repo/Cargo.toml" --target-dir "$target"
bin="$target/release/iml-ls"

if [ ! -x "$here/node_modules/.bin/vscode-json-language-server" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

mkdir -p "$out"
"$bin" schema --all --out "$out/schemas" > /dev/null

sizes="${SIZES:-10KB,1MB}"
labels=()
IFS=',' read -r -a requested <<< "$sizes"
for label in "${requested[@]}"; do
  if [ -n "$label" ] && [ "$label" != none ]; then labels+=("$label"); fi
done
if [ "${#labels[@]}" -gt 0 ]; then
  cargo run --quiet -p iml-analysis --example bench_workspace \
    --manifest-path "$repo/Cargo.toml" --target-dir "$target" \
    -- --out "$out/work" "${labels[@]}" > /dev/null
fi

corpus="${CORPUS:-$repo/../shared/corpus}"
node "$here/race.js" \
  --iml-ls "$bin" \
  --schemas "$out/schemas" \
  --out "$out" \
  --workspaces "$out/work" \
  --edits "${EDITS:-200}" \
  --sizes "$sizes" \
  --corpus "$corpus"
