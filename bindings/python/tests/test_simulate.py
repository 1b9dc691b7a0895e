"""allot.simulate and `allot simulate`."""

from __future__ import annotations

import csv
import io
import json

import pytest

import allot
from conftest import DATA, cli_json

SMALL = {"orders": 6000, "days": 6, "seed": 5, "network": {"locations": 12, "skus": 400},
         "replenishment": {"every_days": 2, "cover_days": 2}}
TIMING = {"runtime_seconds", "orders_per_second", "wall_seconds", "stream_seconds"}


def figures(summary):
    """The summary without its timings."""
    return json.loads(json.dumps(summary), object_hook=lambda d: {k: v for k, v in d.items()
                                                                   if k not in TIMING})


def test_small_run_is_reproducible_and_writes_outputs(tmp_path):
    calls = []
    a = allot.simulate(SMALL, progress=lambda done, total: calls.append((done, total)),
                       output_dir=tmp_path, plots_dir=tmp_path / "plots", name="small")
    b = allot.simulate(SMALL, progress=False)
    assert figures(a.summary) == figures(b.summary)
    assert calls and calls[-1][0] == calls[-1][1] == 4 * 6000
    assert [p.label for p in a.policies] == ["nearest", "min_cost", "min_shipments",
                                             "rules[shipments,distance]"]
    for p in a.policies:
        assert p.orders == 6000
        assert p.units_shipped + p.units_backordered == p.units_requested == a.units
        assert sum(p.units_by_location.values()) == p.units_shipped
        assert 0 < p.fill_rate <= 1 and p.shipments_per_order >= p.fill_rate * 0.9
        assert p.p95_distance_km >= p.mean_distance_km * 0.5
        assert sum(p.daily["orders"]) == 6000 and len(p.daily["orders"]) == 6
    # The exact policies never ship more packages than nearest on this stream.
    assert a.policy("min_shipments").shipments_per_order <= a.policy("nearest").shipments_per_order
    rows = list(csv.DictReader(io.StringIO((tmp_path / "small.csv").read_text())))
    assert [r["policy"] for r in rows] == [p.label for p in a.policies]
    assert json.loads((tmp_path / "small.json").read_text())["orders"] == 6000
    pngs = sorted(p.name for p in (tmp_path / "plots").glob("*.png"))
    assert pngs == ["small-daily.png", "small-locations.png", "small-metrics.png"]
    assert all((tmp_path / "plots" / n).stat().st_size > 10_000 for n in pngs)


def test_seed_changes_the_stream():
    a = allot.simulate(dict(SMALL, orders=2000), progress=False)
    b = allot.simulate(dict(SMALL, orders=2000, seed=6), progress=False)
    assert a.units != b.units


def test_cli_matches_python(cli, tmp_path):
    config = dict(SMALL, policies=["nearest", {"name": "min_cost", "max_shipments": 2}])
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    done = cli("simulate", path, "--csv", tmp_path / "cli.csv", "--json", tmp_path / "cli.json",
               "--quiet")
    assert "min_cost/2" in done.stdout and "COST/ORD" in done.stdout
    from_cli = json.loads((tmp_path / "cli.json").read_text())
    assert figures(from_cli) == figures(allot.simulate(path, progress=False).summary)
    assert (tmp_path / "cli.csv").read_text().startswith("policy,name,orders,")


def test_plots_module_main(tmp_path):
    allot.simulate(dict(SMALL, orders=1000), progress=False, output_dir=tmp_path, name="s")
    from allot import plots

    assert plots.main([str(tmp_path / "s.json"), "-o", str(tmp_path / "p")]) == 0
    assert len(list((tmp_path / "p").glob("s-*.png"))) == 3


def test_order_log_csv_and_jsonl(tmp_path):
    scenario = DATA / "scenarios" / "apparel-us.json"
    routed = allot.route_file(scenario)
    orders = json.loads(allot.load_scenario(scenario).to_json())["orders"]
    lines = ["id,day,lat,lon,country,sku,quantity"]
    with open(tmp_path / "log.jsonl", "w") as f:
        for o in orders:
            f.write(json.dumps(dict(o, day=0)) + "\n")
            for l in o["lines"]:
                d = o["destination"]
                lines.append(f"{o['id']},0,{d['lat']},{d['lon']},{d.get('country', '')},"
                             f"{l['sku']},{l['quantity']}")
    (tmp_path / "log.csv").write_text("\n".join(lines) + "\n")
    policy = allot.load_scenario(scenario).policy
    results = []
    for log in ("log.csv", "log.jsonl", None):
        cfg = {"workload": "order_log", "scenario": str(scenario), "days": 1,
               "policies": [policy]}
        if log:
            cfg["order_log"] = str(tmp_path / log)
        results.append(allot.simulate(cfg, progress=False).policies[0])
    for p in results:
        # One day, no replenishment between orders: exactly `allot route`.
        assert p.orders == routed["summary"]["orders"]
        assert p.shipments == routed["summary"]["fulfillment_orders"]
        assert p.units_shipped == routed["summary"]["units_allocated"]
        assert p.cost == pytest.approx(routed["summary"]["total_cost"])


def test_order_log_errors_name_the_line(tmp_path):
    scenario = str(DATA / "scenarios" / "apparel-us.json")
    # Line 3 of each log is bad; the blank line 2 still counts.
    (tmp_path / "log.csv").write_text(
        "id,day,lat,lon,country,sku,quantity\n\n1,0,40,-74,US,,1\n")
    (tmp_path / "log.jsonl").write_text(
        '{"id": "1", "destination": {"lat": 40, "lon": -74},'
        ' "lines": [{"sku": "TEE-BLK-M", "quantity": 1}]}\n\n{"id": 2}\n')
    for log, line in (("log.csv", 3), ("log.jsonl", 3)):
        cfg = {"workload": "order_log", "scenario": scenario, "order_log": str(tmp_path / log)}
        with pytest.raises(allot.InvalidArgumentError, match=f"order_log line {line}"):
            allot.simulate(cfg, progress=False)


def test_bad_configs():
    with pytest.raises(allot.InvalidArgumentError, match="ordres: unknown field"):
        allot.simulate({"ordres": 5}, progress=False)
    with pytest.raises(allot.InvalidArgumentError, match="unknown policy"):
        allot.simulate({"policies": ["fastest"]}, progress=False)
    with pytest.raises(allot.InvalidArgumentError, match="used twice"):
        allot.simulate({"policies": ["nearest", "nearest"]}, progress=False)
    with pytest.raises(allot.InvalidArgumentError, match="scenario"):
        allot.simulate({"workload": "order_log"}, progress=False)
    with pytest.raises(allot.NotFoundError):
        allot.simulate({"workload": "order_log", "scenario": "/nonexistent.json"}, progress=False)


def test_progress_exception_cancels():
    def boom(done, total):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        allot.simulate({"orders": 400_000, "policies": ["min_cost"]}, progress=boom)


def test_config_defaults():
    cfg = allot.simulation_config({})
    assert cfg["workload"] == "generated" and cfg["orders"] == 100_000
    assert [p["label"] for p in cfg["policies"]][0] == "nearest"
    js = allot.simulation_config({"workload": "jasin_sinha"})
    assert js["replenishment"]["every_days"] == 0 and js["orders"] == 0
