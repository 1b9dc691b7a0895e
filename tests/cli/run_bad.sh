#!/usr/bin/env bash
# run_bad.sh ALLOT FILE: `allot route FILE` must refuse the file: exit 2,
# nothing on stdout, "error: <field>..." on stderr, and no crash. The first
# line of FILE.expect (next to it in bad/, if any) must appear on stderr.
set -uo pipefail
allot=$1 file=$2
out=$("$allot" route "$file" 2>/tmp/allot-bad-$$.err); code=$?
err=$(cat /tmp/allot-bad-$$.err); rm -f /tmp/allot-bad-$$.err
[ "$code" = 2 ] || { echo "exit $code, want 2; stderr: $err"; exit 1; }
[ -z "$out" ] || { echo "printed on stdout: $out"; exit 1; }
case "$err" in error:*) ;; *) echo "stderr does not start with error: $err"; exit 1;; esac
expect="$(dirname "$file")/../expect/$(basename "$file").txt"
if [ -f "$expect" ]; then
  want=$(head -1 "$expect")
  case "$err" in *"$want"*) ;; *) echo "stderr lacks '$want': $err"; exit 1;; esac
fi
echo "ok: $err"
