#!/usr/bin/env bash
# run_golden.sh ALLOT GOLDEN ARGS...: runs `ALLOT ARGS...` and compares stdout
# with the GOLDEN file. ALLOT_UPDATE_GOLDEN=1 rewrites the golden instead.
set -euo pipefail
allot=$1 golden=$2; shift 2
out=$("$allot" "$@")
if [ "${ALLOT_UPDATE_GOLDEN:-0}" = 1 ]; then printf '%s\n' "$out" > "$golden"; exit 0; fi
diff -u "$golden" <(printf '%s\n' "$out")
