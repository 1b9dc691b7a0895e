"""Bulk inventory loads from NumPy arrays."""

from __future__ import annotations

import numpy as np
import pytest

import allot


def network(n=3):
    return {"locations": [{"id": f"L{i}", "lat": 40 + i, "lon": -80 - i, "country": "US"}
                          for i in range(n)], "inventory": []}


def test_bulk_load_by_name_and_by_index():
    s = allot.Scenario.from_json(__import__("json").dumps(network()))
    n = s.add_inventory(np.array(["L0", "L1", "L2"]), np.array(["A", "A", "B"]),
                        np.array([5, 6, 7]), reserved=np.array([1, 0, 0]),
                        safety_stock=np.array([0, 1, 0]))
    assert n == 3
    loc = np.array([0, 2], dtype=np.int32)
    sku = np.array([1, 0], dtype=np.int64)
    s.add_inventory(loc, sku, np.array([9, 3], dtype=np.int16), sku_names=["C", "D"])
    r = allot.Router(s)
    assert r.stock("L0", "A") == allot.StockLevel("L0", "A", 5, 1, 0, 4)
    assert r.stock("L1", "A").available == 5
    assert r.stock("L0", "D").on_hand == 9
    assert r.stock("L2", "C").on_hand == 3
    assert r.stock("L1", "B") is None
    assert len(r.inventory()) == 5


def test_large_bulk_load_routes():
    rng = np.random.default_rng(1)
    s = allot.Scenario.from_json(__import__("json").dumps(network(20)))
    locs = np.repeat(np.arange(20), 500)
    skus = np.tile(np.arange(500), 20)
    s.add_inventory(locs, skus, rng.integers(0, 50, size=locs.size),
                    sku_names=[f"S{i}" for i in range(500)])
    assert s.num_inventory_records == 10_000
    r = allot.Router(s)
    res = r.route({"id": "o", "destination": {"lat": 41, "lon": -81, "country": "US"},
                   "lines": [{"sku": "S1", "quantity": 3}]}, policy="nearest")
    assert res.units_allocated == 3


def test_bulk_load_errors():
    s = allot.Scenario.from_json(__import__("json").dumps(network()))
    with pytest.raises(allot.InvalidArgumentError, match="differ in length"):
        s.add_inventory(["L0", "L1"], ["A"], np.array([1]))
    with pytest.raises(allot.InvalidArgumentError, match="on_hand"):
        s.add_inventory(["L0"], ["A"], np.array([1, 2]))
    with pytest.raises(allot.InvalidArgumentError, match="quantities"):
        s.add_inventory(["L0"], ["A"], np.array([-1]))
    with pytest.raises(allot.InvalidArgumentError, match="out of range"):
        s.add_inventory(np.array([7]), ["A"], np.array([1]))
    s.add_inventory(["NOPE"], ["A"], np.array([1]))
    with pytest.raises(allot.InvalidArgumentError, match="NOPE"):
        allot.Router(s)
