#!/usr/bin/env bash
# What `cargo install iml-ls` from a registry would need: the binary crate and
# every crate it depends on by path can be packaged, without warnings, and
# hold their sources and nothing large. Lists only (no build), so it is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

# The binary crate and its path dependencies, in publishing order.
crates=(iml-jsonc iml-lang iml-catalogue iml-eval iml-spectest iml-analysis iml-lsp iml-cli iml-ls)
max_bytes=$((1024 * 1024))
status=0
for crate in "${crates[@]}"; do
  log="$(mktemp)"
  if ! list="$(cargo package --list --locked --allow-dirty -p "$crate" 2>"$log")"; then
    echo "$crate: cargo package --list failed:" >&2
    cat "$log" >&2
    status=1
    continue
  fi
  if grep -q '^warning' "$log"; then
    echo "$crate: cargo package --list warns:" >&2
    cat "$log" >&2
    status=1
  fi
  rm -f "$log"
  grep -qx 'src/lib.rs\|src/main.rs' <<<"$list" || { echo "$crate: no src/lib.rs or src/main.rs in the package" >&2; status=1; }
  dir="$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c "import json,sys,os; print(next(os.path.dirname(p['manifest_path']) for p in json.load(sys.stdin)['packages'] if p['name']=='$crate'))")"
  while IFS= read -r file; do
    case "$file" in .cargo_vcs_info.json | Cargo.lock | Cargo.toml | Cargo.toml.orig | README.md) continue ;; esac
    size=$(stat -c %s "$dir/$file")
    if [ "$size" -gt "$max_bytes" ]; then
      echo "$crate: $file is $size bytes, over $max_bytes" >&2
      status=1
    fi
  done <<<"$list"
  echo "$crate: $(wc -l <<<"$list") files"
done
exit "$status"
