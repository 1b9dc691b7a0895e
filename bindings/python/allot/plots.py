"""PNG plots of a simulation summary (matplotlib, Agg backend).

    /usr/bin/python3 -m allot.plots SUMMARY.json [-o DIR] [--name NAME]

writes into DIR (default: next to the summary):
  <name>-metrics.png     per policy: cost per order (and the penalized cost
                         when it differs), shipments per order, split rate,
                         fill rate, mean and p95 shipment distance
  <name>-daily.png       cost per order and fill rate per simulated day
  <name>-locations.png   units shipped per location, per policy
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, List, Union


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_summary(summary: Dict[str, Any], out_dir: Union[str, "os.PathLike[str]"],
                 name: str = "simulation") -> List[str]:
    """Writes the three plots of a summary into out_dir; returns their paths."""
    plt = _pyplot()
    os.makedirs(out_dir, exist_ok=True)
    policies = summary["policies"]
    labels = [p["label"] for p in policies]
    colors = [plt.get_cmap("tab10")(i % 10) for i in range(len(policies))]
    cfg = summary["config"]
    title = (f"{cfg['workload']} workload, seed {cfg['seed']}: {summary['orders']:,} orders, "
             f"{len(summary['locations'])} locations")
    paths = []

    penalized = any(abs(p["penalized_cost_per_order"] - p["cost_per_order"]) > 1e-9 for p in policies)
    panels = [("cost_per_order", "cost per order ($)", 1)]
    if penalized:
        panels.append(("penalized_cost_per_order", "cost per order with penalty ($)", 1))
    panels += [
        ("shipments_per_order", "shipments per order", 1),
        ("split_rate", "split rate (%)", 100),
        ("fill_rate", "fill rate (%)", 100),
        ("mean_distance_km", "mean shipment distance (km)", 1),
        ("p95_distance_km", "p95 shipment distance (km)", 1),
    ]
    cols = 3 if len(panels) <= 6 else 4
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows), squeeze=False)
    for ax, (key, label, scale) in zip(axes.flat, panels):
        values = [p[key] * scale for p in policies]
        bars = ax.bar(range(len(labels)), values, color=colors)
        ax.set_title(label, fontsize=10)
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=25, ha="right", fontsize=8)
        for b, v in zip(bars, values):
            ax.annotate(f"{v:,.0f}" if abs(v) >= 100 and key != "fill_rate" else f"{v:.4g}", (b.get_x() + b.get_width() / 2, b.get_height()),
                        ha="center", va="bottom", fontsize=7)
        if key == "fill_rate":
            low = min(values) if values else 0
            ax.set_ylim(max(0, low - max(1, (100 - low) * 0.5)), 100.2)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    paths.append(os.path.join(out_dir, f"{name}-metrics.png"))
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.6))
    for p, c in zip(policies, colors):
        d = p["daily"]
        days = range(len(d["orders"]))
        ax1.plot(days, [cost / n if n else float("nan") for cost, n in zip(d["cost"], d["orders"])],
                 label=p["label"], color=c)
        ax2.plot(days, [100 * s / r if r else float("nan")
                        for s, r in zip(d["units_shipped"], d["units_requested"])],
                 label=p["label"], color=c)
    ax1.set_title("cost per order by day ($)", fontsize=10)
    ax2.set_title("fill rate by day (%)", fontsize=10)
    for ax in (ax1, ax2):
        ax.set_xlabel("day")
    ax1.legend(fontsize=8)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    paths.append(os.path.join(out_dir, f"{name}-daily.png"))
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)

    locations = summary["locations"]
    fig, ax = plt.subplots(figsize=(max(6, 0.35 * len(locations) * max(1, len(policies)) / 2), 3.8))
    width = 0.8 / max(1, len(policies))
    for i, (p, c) in enumerate(zip(policies, colors)):
        ax.bar([x + i * width for x in range(len(locations))],
               [p["units_by_location"].get(l, 0) for l in locations], width, label=p["label"], color=c)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(locations))])
    ax.set_xticklabels(locations, rotation=60, ha="right", fontsize=7)
    ax.set_title("units shipped per location", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    paths.append(os.path.join(out_dir, f"{name}-locations.png"))
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m allot.plots",
                                     description="PNG plots of an `allot simulate --json` summary")
    parser.add_argument("summary", help="the summary JSON")
    parser.add_argument("-o", "--out-dir", help="where to write (default: next to the summary)")
    parser.add_argument("--name", help="file name prefix (default: the summary's name)")
    args = parser.parse_args(argv)
    with open(args.summary, encoding="utf-8") as f:
        summary = json.load(f)
    out_dir = args.out_dir or os.path.dirname(os.path.abspath(args.summary))
    name = args.name or os.path.splitext(os.path.basename(args.summary))[0]
    for path in plot_summary(summary, out_dir, name):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
