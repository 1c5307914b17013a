#!/usr/bin/env bash
# Measures `iml-ls check` (release build) on a real corpus and on a generated
# tree of many files: files per second and peak resident memory.
#
# usage: server/cli/bench/check-corpus.sh [CORPUS_DIR] [GENERATED_FILES]
#   CORPUS_DIR       default: ../shared/corpus next to the repository
#   GENERATED_FILES  default: 50000 (copies of the apps under examples/)
#   IML_LS=path      use this binary instead of building one
#   RUNS=n           timed runs per tree, best one reported (default 3)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
corpus="${1:-$repo/../shared/corpus}"
generated_files="${2:-50000}"
runs="${RUNS:-3}"

if [[ -z "${IML_LS:-}" ]]; then
    (cd "$repo" && cargo build --release --quiet -p iml-ls)
    IML_LS="${CARGO_TARGET_DIR:-$repo/target}/release/iml-ls"
fi
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
[[ -d "$corpus" ]] || { echo "no corpus at $corpus" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One timed run: prints "<wall seconds> <peak KiB> <files checked> <CPU seconds>".
# CPU time (user + system) is printed too because wall time on a shared,
# busy machine says more about the neighbours than about the checker.
measure() {
    local dir="$1"
    local status=0
    /usr/bin/time -v -o "$work/time.txt" "$IML_LS" check --format json "$dir" >"$work/report.json" 2>/dev/null || status=$?
    if (( status > 1 )); then
        echo "iml-ls check failed with exit code $status on $dir" >&2
        exit 2
    fi
    python3 - "$work/time.txt" "$work/report.json" <<'PY'
import json, sys
fields = {}
for line in open(sys.argv[1]):
    key, _, value = line.strip().rpartition(": ")
    fields[key] = value
clock = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))
files = json.load(open(sys.argv[2]))["summary"]["files"]
cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
print(f'{seconds:.3f} {fields["Maximum resident set size (kbytes)"]} {files} {cpu:.2f}')
PY
}

report() {
    local label="$1" dir="$2" best="" line seconds kib files cpu
    for _ in $(seq "$runs"); do
        line="$(measure "$dir")"
        if [[ -z "$best" ]] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best="$line"
        fi
    done
    read -r seconds kib files cpu <<<"$best"
    awk -v label="$label" -v s="$seconds" -v k="$kib" -v f="$files" -v c="$cpu" 'BEGIN {
        rate = (s > 0) ? f / s : 0
        printf "%-10s %7d files  %7.3f s wall  %6.2f s CPU  %9.0f files/s  peak RSS %6.1f MiB\n", label, f, s, c, rate, k / 1024
    }'
}

# The generated tree: copies of every app under examples/ (hard links, so
# generating is fast), each in its own folder, until there are enough files.
generate() {
    local target="$1" want="$2"
    local per_copy
    per_copy="$(find "$repo/examples" -type f \( -name '*.json' -o -name '*.imljson' -o -name '*.jsonc' \) | wc -l)"
    (( per_copy > 0 )) || { echo "examples/ has no files to copy" >&2; exit 2; }
    local copies=$(( (want + per_copy - 1) / per_copy ))
    mkdir -p "$target"
    for i in $(seq -w 1 "$copies"); do
        cp -al "$repo/examples" "$target/copy-$i"
    done
}

echo "binary: $IML_LS ($(nproc) cores)"
report corpus "$corpus"
generate "$work/generated" "$generated_files"
report generated "$work/generated"
