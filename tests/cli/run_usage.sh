#!/usr/bin/env bash
# Wrong usage and unreadable files exit 2 with a message; --help exits 0.
set -uo pipefail
allot=$1
check() { local want=$1; shift; "$@" >/dev/null 2>&1; local got=$?; [ "$got" = "$want" ] || { echo "$* -> $got, want $want"; exit 1; }; }
check 2 "$allot"
check 2 "$allot" frobnicate
check 2 "$allot" route
check 2 "$allot" route /nonexistent/file.json
check 2 "$allot" route /
check 2 "$allot" generate --locations 0
check 2 "$allot" generate --lines abc
check 0 "$allot" --help
check 0 "$allot" route --help
echo ok
