"""allot.simulate: replay one order stream under several routing policies.

The model, the config fields and every metric are in docs/simulation.md. The
loop runs in C++ (allot/simulation.h) without the GIL, one thread per policy;
this module adds the progress bar, the output files and the plots.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Union

from . import _allot

Config = Union[Dict[str, Any], str, "os.PathLike[str]"]
Progress = Union[None, bool, Callable[[int, int], None]]


@dataclass
class PolicyMetrics:
    """The figures of one policy over a whole run (docs/simulation.md)."""

    label: str
    policy: str
    orders: int
    units_requested: int
    units_shipped: int
    units_backordered: int
    shipments: int
    split_orders: int
    cost: float
    penalty: float
    cost_per_order: float
    penalized_cost_per_order: float
    shipments_per_order: float
    split_rate: float
    fill_rate: float
    mean_distance_km: float
    p95_distance_km: float
    search_nodes: int
    runtime_seconds: float
    orders_per_second: float
    units_by_location: Dict[str, int] = field(default_factory=dict)
    daily: Dict[str, List[float]] = field(default_factory=dict)


@dataclass
class SimulationResult:
    """What allot.simulate returns: the per-policy metrics, the JSON summary
    (``summary``, as written to summary.json), the CSV and the console table."""

    config: Dict[str, Any]
    orders: int
    units: int
    locations: List[str]
    policies: List[PolicyMetrics]
    wall_seconds: float
    summary: Dict[str, Any]
    csv: str
    table: str
    files: List[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.table

    def policy(self, label: str) -> PolicyMetrics:
        """The metrics of the policy with this label (KeyError when none)."""
        for p in self.policies:
            if p.label == label:
                return p
        raise KeyError(label)

    def write(self, output_dir: Union[str, "os.PathLike[str]"], name: str = "simulation") -> List[str]:
        """Writes <name>.csv and <name>.json (the summary) into output_dir;
        returns their paths."""
        os.makedirs(output_dir, exist_ok=True)
        csv_path = os.path.join(output_dir, f"{name}.csv")
        json_path = os.path.join(output_dir, f"{name}.json")
        with open(csv_path, "w", encoding="utf-8") as f:
            f.write(self.csv)
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump(self.summary, f, indent=1)
            f.write("\n")
        return [csv_path, json_path]

    def plot(self, plots_dir: Union[str, "os.PathLike[str]"], name: str = "simulation") -> List[str]:
        """Writes the PNG plots (allot.plots) into plots_dir; returns their paths."""
        from . import plots

        return plots.plot_summary(self.summary, plots_dir, name=name)


class ProgressBar:
    """A one-line progress bar on a stream (stderr), redrawn at most 10 times
    a second: done/total policy-orders, rate and time left."""

    def __init__(self, stream=None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        self.stream.write(
            f"\rsimulating [{'#' * filled}{'.' * (self.width - filled)}] {100 * frac:5.1f}% "
            f"{done:,}/{total:,} policy-orders, {rate:,.0f}/s, "
            f"{'done in ' + format(elapsed, '.1f') + 's' if done >= total else 'ETA ' + format(eta, '.0f') + 's'}   "
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _load_config(config: Config) -> Dict[str, Any]:
    """A config dict; relative paths in a config file are taken relative to it."""
    if isinstance(config, dict):
        return dict(config)
    path = os.fspath(config)
    with open(path, encoding="utf-8") as f:
        loaded = json.load(f)
    base = os.path.dirname(os.path.abspath(path))
    for key in ("order_log", "scenario"):
        value = loaded.get(key)
        if isinstance(value, str) and value and not os.path.isabs(value):
            loaded[key] = os.path.join(base, value)
    return loaded


def simulation_config(config: Config) -> Dict[str, Any]:
    """The config with every default filled in (InvalidArgumentError when bad)."""
    return json.loads(_allot._simulation_config(json.dumps(_load_config(config))))


def _from_summary(summary: Dict[str, Any], csv: str, table: str) -> SimulationResult:
    names = {f.name for f in dataclasses.fields(PolicyMetrics)}
    policies = [PolicyMetrics(**{k: v for k, v in p.items() if k in names}) for p in summary["policies"]]
    return SimulationResult(
        config=summary["config"], orders=summary["orders"], units=summary["units"],
        locations=summary["locations"], policies=policies, wall_seconds=summary["wall_seconds"],
        summary=summary, csv=csv, table=table,
    )


def simulate(
    config: Config,
    *,
    progress: Progress = None,
    output_dir: Optional[Union[str, "os.PathLike[str]"]] = None,
    plots_dir: Optional[Union[str, "os.PathLike[str]"]] = None,
    name: str = "simulation",
) -> SimulationResult:
    """Runs a simulation (docs/simulation.md) and returns a SimulationResult.

    ``config``: a dict or the path of a JSON config file. ``progress``: None
    (a bar on stderr when it is a terminal), True (always a bar), False
    (none), or a callable ``progress(done, total)``. ``output_dir``: write
    ``<name>.csv`` and ``<name>.json`` there. ``plots_dir``: write the PNG
    plots there (matplotlib). Reproducible: the same config and seed give the
    same figures (runtimes aside). Ctrl-C cancels the run (KeyboardInterrupt).
    Raises InvalidArgumentError for a bad config or order log, NotFoundError
    for a missing file.
    """
    cfg = _load_config(config)
    if progress is None:
        progress = sys.stderr.isatty()
    callback: Optional[Callable[[int, int], None]]
    if progress is True:
        callback = ProgressBar()
    elif progress is False:
        callback = None
    else:
        callback = progress
    summary_json, csv, table = _allot._simulate(json.dumps(cfg), callback)
    result = _from_summary(json.loads(summary_json), csv, table)
    if output_dir is not None:
        result.files += result.write(output_dir, name)
    if plots_dir is not None:
        result.files += result.plot(plots_dir, name)
    return result


__all__ = ["PolicyMetrics", "ProgressBar", "SimulationResult", "simulate", "simulation_config"]
