"""allot.route_file and allot.Router against the `allot` CLI."""

from __future__ import annotations

import json

import pytest

import allot
from conftest import ORDER, SCENARIOS, cli_json


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_route_file_equals_cli(cli, path):
    assert allot.route_file(path) == cli_json("route", path)


@pytest.mark.parametrize("seed,policy", [
    (1, {"name": "priority"}), (2, {"name": "nearest"}), (3, {"name": "min_cost"}),
    (4, {"name": "min_shipments", "max_shipments": 2}),
    (5, {"name": "rules", "rules": ["out_of_country", "shipments", "distance"]}),
    (6, {"name": "min_cost", "same_country_only": True})], ids=lambda v: str(v))
def test_route_file_equals_cli_on_generated(cli, tmp_path, seed, policy):
    generated = json.loads(cli("generate", "--locations", "12", "--skus", "300", "--orders", "150",
                               "--seed", str(seed)).stdout)
    generated["policy"] = policy
    path = tmp_path / "gen.json"
    path.write_text(json.dumps(generated))
    assert allot.route_file(path) == cli_json("route", path)


def test_generate_scenario_routes_like_the_cli(cli, tmp_path):
    scenario = allot.generate_scenario(locations=10, skus=200, orders=100, seed=7, policy="min_cost")
    path = tmp_path / "gen.json"
    path.write_text(scenario.to_json())
    expected = cli_json("route", path)
    assert allot.route_scenario(scenario) == expected
    assert allot.route_scenario(json.loads(scenario.to_json())) == expected


def test_router_routes_and_reserves():
    router = allot.Router(allot.load_scenario(SCENARIOS[0].parent / "apparel-us.json"))
    before = router.stock("WH-IL", "TEE-BLK-M")
    result = router.route(ORDER, policy="nearest")
    assert isinstance(result, allot.RouteResult)
    assert result.order == "T1"
    assert result.units_requested == 2 and result.units_allocated == 2
    assert [s.location for s in result.shipments] == ["WH-IL"]
    assert result.shipments[0].lines == [allot.RoutedLine(0, "TEE-BLK-M", 2)]
    after = router.stock("WH-IL", "TEE-BLK-M")
    assert after.reserved == before.reserved + 2
    assert after.available == before.available - 2


def test_router_accepts_dataclasses_and_policies():
    router = allot.Router(SCENARIOS[0].parent / "apparel-us.json")
    order = allot.Order("D1", allot.Destination(34.05, -118.24, "US"),
                        [allot.OrderLine("TEE-BLK-M", 1), allot.OrderLine("MUG-01", 1)])
    r1 = router.route(order, policy=allot.Policy("min_shipments", max_shipments=1))
    assert len(r1.shipments) <= 1
    r2 = router.route(dict(order.to_dict(), id="D2"),
                      policy={"name": "rules", "rules": ["shipments", "distance"]})
    assert r2.units_requested == 2


def test_route_many_matches_route_one_by_one():
    scenario = allot.generate_scenario(locations=8, skus=100, orders=0, seed=3)
    orders = json.loads(allot.generate_scenario(locations=8, skus=100, orders=200,
                                                seed=3).to_json())["orders"]
    one = allot.Router(scenario)
    many = allot.Router(scenario)
    expected = [one.route(o, policy="min_cost") for o in orders]
    assert many.route_many(orders, policy="min_cost") == expected


def test_unknown_sku_is_an_outcome_not_an_error():
    router = allot.Router(SCENARIOS[0].parent / "apparel-us.json")
    r = router.route(dict(ORDER, lines=[{"sku": "NO-SUCH", "quantity": 3}]))
    assert r.shipments == [] and r.unfulfilled == [allot.RoutedLine(0, "NO-SUCH", 3)]


def test_scenario_properties():
    s = allot.load_scenario(SCENARIOS[0].parent / "apparel-us.json")
    assert s.location_ids[0] == "WH-NJ"
    assert s.num_orders > 0
    s.policy = "nearest"
    assert s.policy["name"] == "nearest"
    s.add_orders([dict(ORDER, id="NEW-1")])
    assert json.loads(s.to_json())["orders"][-1]["id"] == "NEW-1"
