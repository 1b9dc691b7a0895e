"""The literature workload: Jasin & Sinha (2015) / Ma (2023) network."""

from __future__ import annotations

import json

import pytest

import allot
from conftest import DATA


def test_data_file_is_in_the_repository():
    net = json.loads((DATA / "jasin-sinha-ma-network.json").read_text())
    assert len(net["fcs_large"]) == 10 and len(net["regions_large"]) == 99
    assert net["cost_model"]["fixed_per_package"] == 8.759


@pytest.mark.parametrize("network,fcs", [("warmup", 5), ("large", 10)])
def test_literature_workload_runs(network, fcs):
    r = allot.simulate({"workload": "jasin_sinha", "orders": 4000, "seed": 2,
                        "jasin_sinha": {"network": network, "p_carry": 0.5}}, progress=False)
    assert len(r.locations) == fcs
    assert 0 < r.orders < 4000  # empty orders are drawn and dropped
    labels = [p.label for p in r.policies]
    assert labels == ["nearest", "min_cost", "min_shipments", "rules[shipments,distance]"]
    for p in r.policies:
        # Unit quantities, the papers' costs: $8.759 per package, $0.423+ per unit.
        assert p.cost_per_order >= 8.759 * p.shipments_per_order
        assert p.penalized_cost_per_order >= p.cost_per_order
        if p.units_backordered:
            assert p.penalty > 2 * 8.759
    assert r.policy("min_cost").cost_per_order <= r.policy("nearest").cost_per_order * 1.01


def test_literature_workload_is_reproducible():
    cfg = {"workload": "jasin_sinha", "orders": 3000, "seed": 9,
           "jasin_sinha": {"network": "warmup"}, "policies": ["nearest"]}
    a = allot.simulate(cfg, progress=False).policies[0]
    b = allot.simulate(cfg, progress=False).policies[0]
    assert (a.cost, a.units_shipped, a.penalty) == (b.cost, b.units_shipped, b.penalty)
