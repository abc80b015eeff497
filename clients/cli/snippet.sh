#!/usr/bin/env bash
# snippet.sh NAME: prints the shell block that follows `<!-- contract.sh: NAME -->` in
# docs/contract.md (fails when there is none), so the scripts run exactly what the docs show.
set -euo pipefail
docs="$(cd "$(dirname "$0")/../.." && pwd -P)/docs/contract.md"
code="$(awk -v marker="<!-- contract.sh: $1 -->" '
  $0 == marker { found = 1; next }
  found && /^```/ { if (inside) exit; inside = 1; next }
  inside { print }' "$docs")"
if [[ -z "$code" ]]; then
  echo "docs/contract.md has no block marked 'contract.sh: $1'" >&2
  exit 1
fi
printf '%s\n' "$code"
