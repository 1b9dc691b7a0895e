"""allot.sweep: many simulations in parallel on a Dask cluster.

    rows = allot.sweep([{"seed": s, "orders": 200_000} for s in range(20)])
    rows = allot.sweep(configs, scheduler="tcp://10.0.0.5:8786")

Each config runs as one task (allot.simulate, no progress bar); the results
come back as one table, a row per (config, policy). With no scheduler a
LocalCluster is started for the call and closed after it. Workers of a remote
scheduler need the allot package importable (docs/simulation.md).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

_COLUMNS = [
    "config", "label", "policy", "seed", "orders", "units_requested", "units_shipped",
    "units_backordered", "fill_rate", "shipments", "shipments_per_order", "split_rate",
    "cost", "cost_per_order", "penalized_cost_per_order", "mean_distance_km",
    "p95_distance_km", "runtime_seconds", "orders_per_second",
]


def _run_one(name: str, config: Dict[str, Any]) -> Dict[str, Any]:
    """One task: runs a simulation, returns its summary (plain, picklable)."""
    import allot

    return {"name": name, "summary": allot.simulate(config, progress=False).summary}


@dataclass
class SweepResult:
    """The gathered results: ``rows`` (a dict per config and policy, the
    columns of ``columns``) and every run's full ``summaries``."""

    rows: List[Dict[str, Any]]
    summaries: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    columns: List[str] = field(default_factory=lambda: list(_COLUMNS))

    def __len__(self) -> int:
        return len(self.rows)

    def to_csv(self, path: Optional[Union[str, "os.PathLike[str]"]] = None) -> str:
        """The table as CSV; also written to ``path`` when given."""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(self.rows)
        if path is not None:
            with open(path, "w", encoding="utf-8") as f:
                f.write(buf.getvalue())
        return buf.getvalue()

    def table(self) -> str:
        """A console table: config, policy, cost/order, shipments/order, fill rate."""
        lines = [f"{'CONFIG':<16} {'POLICY':<28} {'COST/ORD':>9} {'PEN/ORD':>9} "
                 f"{'SHIP/ORD':>9} {'SPLIT':>7} {'FILL':>7} {'MEAN KM':>8}"]
        for r in self.rows:
            lines.append(
                f"{r['config']:<16} {r['label']:<28} {r['cost_per_order']:9.3f} "
                f"{r['penalized_cost_per_order']:9.3f} {r['shipments_per_order']:9.3f} "
                f"{100 * r['split_rate']:6.1f}% {100 * r['fill_rate']:6.2f}% "
                f"{r['mean_distance_km']:8.1f}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()


def sweep(
    configs: Union[Sequence[Dict[str, Any]], Mapping[str, Dict[str, Any]]],
    scheduler: Any = None,
    *,
    n_workers: Optional[int] = None,
    processes: bool = True,
    threads_per_worker: int = 1,
) -> SweepResult:
    """Runs every config as one Dask task and gathers one table.

    ``configs``: a list of config dicts (named config-0, config-1, ...) or a
    mapping name -> config. ``scheduler``: None (a LocalCluster for this call:
    ``n_workers`` workers, default one per core, ``processes`` as Dask's),
    a scheduler address ("tcp://host:8786"), or a ``distributed.Client``.
    Rows come in config order, then policy order. A failing simulation
    raises its error here (allot.Error subclasses pickle across processes).
    """
    from distributed import Client, LocalCluster

    named = list(configs.items()) if isinstance(configs, Mapping) else [
        (f"config-{i}", c) for i, c in enumerate(configs)]
    cluster = None
    client: Any
    own_client = True
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1,
                               threads_per_worker=threads_per_worker, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    elif isinstance(scheduler, str):
        client = Client(scheduler)
    else:
        client, own_client = scheduler, False
    try:
        futures = [client.submit(_run_one, name, dict(cfg), pure=False) for name, cfg in named]
        results = client.gather(futures)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    rows: List[Dict[str, Any]] = []
    summaries: Dict[str, Dict[str, Any]] = {}
    for r in results:
        s = r["summary"]
        summaries[r["name"]] = s
        for p in s["policies"]:
            row = {k: p.get(k) for k in _COLUMNS}
            row.update(config=r["name"], seed=s["config"]["seed"])
            rows.append(row)
    return SweepResult(rows=rows, summaries=summaries)


__all__ = ["SweepResult", "sweep"]
