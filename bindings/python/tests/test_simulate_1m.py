"""The issue's acceptance run: a million generated orders replayed under four
policies, with the progress bar, CSV, JSON and plots (a few seconds)."""

from __future__ import annotations

import io

import allot
from allot.simulate import ProgressBar
from conftest import DATA


def test_one_million_orders_four_policies(tmp_path):
    bar_output = io.StringIO()
    bar = ProgressBar(stream=bar_output)
    result = allot.simulate(DATA / "simulations" / "generated-1m.json", progress=bar,
                            output_dir=tmp_path, plots_dir=tmp_path, name="m")
    assert [p.label for p in result.policies] == [
        "nearest", "min_cost", "min_shipments", "rules[shipments,distance]"]
    for p in result.policies:
        assert p.orders == 1_000_000
        assert 0 < p.fill_rate <= 1
    # The bar reached 100% of the policy-orders.
    assert "100.0%" in bar_output.getvalue()
    assert "4,000,000/4,000,000" in bar_output.getvalue()
    assert (tmp_path / "m.csv").read_text().count("\n") == 5  # header + 4 policies
    assert (tmp_path / "m.json").exists()
    assert len(list(tmp_path.glob("m-*.png"))) == 3
