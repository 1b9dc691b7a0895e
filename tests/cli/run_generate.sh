#!/usr/bin/env bash
# A generated scenario routes under every policy, and generation is reproducible.
set -euo pipefail
allot=$1
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
"$allot" generate --locations 12 --skus 300 --orders 200 --lines 3 --seed 4 -o "$dir/a.json"
"$allot" generate --locations 12 --skus 300 --orders 200 --lines 3 --seed 4 > "$dir/b.json"
cmp "$dir/a.json" "$dir/b.json"
for p in priority nearest min_shipments min_cost rules; do
  "$allot" generate --locations 12 --skus 300 --orders 200 --lines 3 --seed 4 --policy $p -o "$dir/$p.json"
  "$allot" route "$dir/$p.json" > "$dir/$p.out"
  grep -q '"summary"' "$dir/$p.out"
done
echo ok
