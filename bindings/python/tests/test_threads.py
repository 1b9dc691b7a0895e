"""The GIL is released while routing: Python threads route in parallel."""

from __future__ import annotations

import json
import threading
import time

import allot


def workload(orders=3000):
    scenario = allot.generate_scenario(locations=30, skus=500, orders=0, seed=11)
    orders = json.loads(allot.generate_scenario(locations=30, skus=500, orders=orders,
                                                seed=11).to_json())["orders"]
    return scenario, orders


def test_routers_in_threads_give_sequential_results():
    scenario, orders = workload(1500)
    expected = allot.Router(scenario).route_many(orders, policy="min_cost")
    results = [None] * 3

    def run(i):
        results[i] = allot.Router(scenario).route_many(orders, policy="min_cost")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_shared_router_is_serialized():
    scenario, orders = workload(400)
    router = allot.Router(scenario)
    out = {}

    def run(i):
        out[i] = [router.route(dict(o, id=f"{i}-{o['id']}"), policy="nearest") for o in orders[i::4]]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    placed = sum(r.units_allocated for rs in out.values() for r in rs)
    reserved = sum(level.reserved for level in router.inventory())
    assert placed == reserved


def test_other_threads_run_while_simulating():
    # Holding the GIL through the C++ loop would starve the spinner. The
    # simulation must run well past 50 ms for that to show (40,000 orders
    # came down to 48 ms as routing got faster; 150,000 take about 0.2 s).
    ticks = 0
    stop = threading.Event()

    def spin():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0)

    t = threading.Thread(target=spin)
    t.start()
    try:
        start = time.monotonic()
        allot.simulate({"orders": 150_000, "days": 4, "threads": 1,
                        "policies": ["min_shipments", "min_cost"]}, progress=False)
        elapsed = time.monotonic() - start
    finally:
        stop.set()
        t.join()
    assert elapsed > 0.05
    assert ticks > 100
