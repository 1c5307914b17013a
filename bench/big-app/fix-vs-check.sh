#!/usr/bin/env bash
# Times `iml-ls check` and `iml-ls check --fix` on a synthetic fixable app of
# N modules (default 2000) and fails when --fix costs more than twice check.
#
#     bench/big-app/fix-vs-check.sh [N]
#
# IML_LS names the binary to time (default: target/release/iml-ls, built
# first); MAX_RATIO changes the limit (default 2); RUNS how many times each
# command runs (default 3), the fastest run counting, since a shared machine's
# disk and cores make single runs noisy. Each run gets a fresh copy of the
# app, since --fix rewrites it.
set -euo pipefail

count="${1:-2000}"
max_ratio="${MAX_RATIO:-2}"
runs="${RUNS:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [[ -z "${IML_LS:-}" ]]; then
    cargo build --quiet --release -p iml-ls --manifest-path "$repo/Cargo.toml"
    IML_LS="$repo/target/release/iml-ls"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$count" "$work/app" --fixable

# Seconds one command takes; its output is dropped. Exit code 1 means
# findings were reported, which is expected here; anything else is a failure.
seconds() {
    local start end status=0
    start="$(date +%s.%N)"
    "$@" >/dev/null 2>&1 || status=$?
    end="$(date +%s.%N)"
    if ((status > 1)); then
        echo "$* exited with $status" >&2
        exit "$status"
    fi
    echo "$end - $start" | bc -l
}

# The fastest of `runs` runs of `check` with the given flags, each on a
# fresh copy of the app.
fastest() {
    local best="" run took
    for ((run = 0; run < runs; run++)); do
        rm -rf "$work/copy"
        cp -r "$work/app" "$work/copy"
        took="$(seconds "$IML_LS" check "$@" "$work/copy")"
        if [[ -z "$best" ]] || (($(echo "$took < $best" | bc -l))); then
            best="$took"
        fi
    done
    echo "$best"
}

check="$(fastest)"
fix="$(fastest --fix)"
if diff -rq "$work/app" "$work/copy" >/dev/null; then
    echo "check --fix changed no file: the app has nothing to fix" >&2
    exit 2
fi
ratio="$(echo "$fix / $check" | bc -l)"
printf 'modules %d: check %.2f s, check --fix %.2f s, ratio %.2f (limit %s)\n' \
    "$count" "$check" "$fix" "$ratio" "$max_ratio"
if (($(echo "$ratio > $max_ratio" | bc -l))); then
    echo "check --fix costs more than $max_ratio x check" >&2
    exit 1
fi
