"""allot.sweep on a local Dask cluster."""

from __future__ import annotations

import pytest

import allot

pytest.importorskip("distributed")


def test_sweep_on_a_local_cluster():
    configs = {f"seed-{s}": {"orders": 1500, "days": 3, "seed": s,
                             "policies": ["nearest", "min_cost"]} for s in (1, 2)}
    result = allot.sweep(configs, n_workers=1, processes=False)
    assert len(result) == 4
    assert [(r["config"], r["label"]) for r in result.rows] == [
        ("seed-1", "nearest"), ("seed-1", "min_cost"), ("seed-2", "nearest"), ("seed-2", "min_cost")]
    alone = allot.simulate(configs["seed-2"], progress=False).policy("min_cost")
    row = result.rows[3]
    assert row["cost_per_order"] == pytest.approx(alone.cost_per_order)
    assert row["seed"] == 2
    assert result.to_csv().splitlines()[0].startswith("config,label,policy,seed")
    assert "seed-2" in result.table()


def test_sweep_reports_errors():
    with pytest.raises(allot.InvalidArgumentError):
        allot.sweep([{"orders": -1}], n_workers=1, processes=False)
