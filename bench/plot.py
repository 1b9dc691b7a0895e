#!/usr/bin/python3
"""Plots allot_bench results: ns/order against locations and against lines.

Usage: plot.py RESULTS.json OUT_DIR
Writes OUT_DIR/bench-locations.png (3 lines, 100k SKUs) and
OUT_DIR/bench-lines.png (50 locations, 100k SKUs), one curve per policy,
log scale, and prints a Markdown table of every result.
"""
import json
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NAME = re.compile(r"^(BM_\w+)/locations:(\d+)/lines:(\d+)/skus:(\d+)")


def load(path):
    with open(path) as f:
        doc = json.load(f)
    rows = []
    for b in doc["benchmarks"]:
        m = NAME.match(b["name"])
        if not m or b.get("run_type") == "aggregate" or "error_occurred" in b:
            continue
        ips = b.get("items_per_second")
        if not ips:
            continue
        rows.append({"family": m.group(1), "locations": int(m.group(2)), "lines": int(m.group(3)),
                     "skus": int(m.group(4)), "ns": 1e9 / ips, "nodes": b.get("nodes_per_order")})
    return rows


def plot(rows, axis, fixed, path, title):
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for family in sorted({r["family"] for r in rows}):
        pts = sorted((r[axis], r["ns"]) for r in rows
                     if r["family"] == family and all(r[k] == v for k, v in fixed.items()))
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o",
                    label=family.replace("BM_", ""))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(axis)
    ax.set_ylabel("ns per order (lower is better)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    rows = load(sys.argv[1])
    out = sys.argv[2]
    plot(rows, "locations", {"lines": 3, "skus": 100000}, f"{out}/bench-locations.png",
         "ns/order vs locations (3 lines, 100k SKUs)")
    plot(rows, "lines", {"locations": 50, "skus": 100000}, f"{out}/bench-lines.png",
         "ns/order vs lines (50 locations, 100k SKUs)")
    print("| benchmark | locations | lines | SKUs | ns/order | search nodes/order |")
    print("|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["family"], r["locations"], r["lines"], r["skus"])):
        nodes = "" if r["nodes"] is None else f"{r['nodes']:.1f}"
        print(f"| {r['family']} | {r['locations']} | {r['lines']} | {r['skus']} | {r['ns']:.0f} | {nodes} |")


if __name__ == "__main__":
    main()
