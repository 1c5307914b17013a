#!/usr/bin/env bash
# Static test of the Helix snippet (Helix itself is not installed in CI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python3 "$here/test_languages.py"
