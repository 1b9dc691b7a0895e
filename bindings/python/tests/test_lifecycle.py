"""allot.Engine: every lifecycle command, reads and event subscription."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

import allot
from conftest import DATA, ORDER

APPAREL = DATA / "scenarios" / "apparel-us.json"
NA = DATA / "scenarios" / "north-america-rules.json"
T0 = "2026-11-24T09:00:00Z"


@pytest.fixture
def engine():
    return allot.Engine(APPAREL, now=T0)


def test_create_routes_scenario_orders(engine):
    assert engine.clock == T0
    scenario_orders = json.loads(allot.load_scenario(APPAREL).to_json())["orders"]
    assert [o["id"] for o in engine.orders] == [o["id"] for o in scenario_orders]
    assert engine.events()[0]["topic"] == "fulfillment_orders/order_routing_complete"
    assert engine.now == allot.Engine(APPAREL, now=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)).now


def test_route_hold_release_fulfill_cancel(engine):
    seen = []
    token = engine.subscribe(seen.append)
    assert engine.route(ORDER, policy="nearest") == ["T1-F1"]
    assert [e["topic"] for e in seen] == ["fulfillment_orders/order_routing_complete",
                                          "inventory_levels/update"]
    assert engine.hold("T1-F1", "awaiting_payment", handle="pay") == []
    assert engine.fulfillment_order("T1-F1")["status"] == "on_hold"
    engine.release_hold("T1-F1")
    assert engine.fulfillment_order("T1-F1")["status"] == "open"
    created = engine.create_fulfillment([{"id": "T1-F1", "lines": [{"line": 0, "quantity": 1}]}],
                                        tracking={"number": "1Z", "company": "UPS"})
    assert created == ["T1.1"]
    assert engine.fulfillment("T1.1")["tracking"]["number"] == "1Z"
    assert engine.order("T1")["display_fulfillment_status"] == "PARTIALLY_FULFILLED"
    engine.update_tracking("T1.1", {"number": "2Z"})
    engine.fulfillment_event("T1.1", "in_transit")
    assert engine.fulfillment("T1.1")["shipment_status"] == "in_transit"
    engine.cancel_fulfillment("T1.1")
    assert engine.fulfillment("T1.1")["status"] == "cancelled"
    engine.unsubscribe(token)
    n = len(seen)
    engine.receive("WH-NJ", "TEE-BLK-M", 5)
    assert len(seen) == n
    # The log has everything, seq ascending.
    seqs = [e["seq"] for e in engine.events()]
    assert seqs == sorted(seqs) and engine.events(since=seqs[-2]) == engine.events()[-1:]


def test_split_merge_move(engine):
    engine.route(dict(ORDER, id="S1", lines=[{"sku": "TEE-BLK-M", "quantity": 3}]), policy="nearest")
    (new,) = engine.split("S1-F1", [(0, 1)])
    assert engine.fulfillment_order(new)["lines"][0]["total_quantity"] == 1
    (merged,) = engine.merge(["S1-F1", new])
    assert engine.fulfillment_order("S1-F1")["status"] == "closed"
    location = engine.fulfillment_order(merged)["location"]
    target = "WH-NJ" if location != "WH-NJ" else "WH-TX"
    engine.move(merged, target)
    fos = [f for f in engine.fulfillment_orders if f["order"] == "S1" and f["status"] == "open"]
    assert [f["location"] for f in fos] == [target]


def test_scheduled_and_clock(engine):
    later = "2026-11-25T09:00:00Z"
    (fo,) = engine.route(dict(ORDER, id="L1"), fulfill_at=later)
    assert engine.fulfillment_order(fo)["status"] == "scheduled"
    engine.reschedule(fo, "2026-11-26T09:00:00Z")
    engine.advance_clock("2026-11-26T10:00:00Z")
    assert engine.fulfillment_order(fo)["status"] == "open"
    with pytest.raises(allot.InvalidArgumentError):
        engine.advance_clock(T0)


def test_inventory_commands(engine):
    engine.receive("WH-NJ", "NEW-SKU", 10)
    engine.adjust("WH-NJ", "NEW-SKU", -3)
    engine.set_safety_stock("WH-NJ", "NEW-SKU", 2)
    (level,) = [l for l in engine.inventory if l["sku"] == "NEW-SKU"]
    assert (level["on_hand"], level["safety_stock"], level["available"]) == (7, 2, 5)
    with pytest.raises(allot.FailedPreconditionError):
        engine.adjust("WH-NJ", "NEW-SKU", -100)
    with pytest.raises(allot.NotFoundError):
        engine.receive("NOWHERE", "X", 1)
    engine.set_location("WH-IL", active=False)
    (fo,) = engine.route(dict(ORDER, id="A2"), policy="nearest")
    assert engine.fulfillment_order(fo)["location"] != "WH-IL"


def test_cancel_order(engine):
    engine.route(dict(ORDER, id="C1"))
    engine.cancel_order("C1", reason="customer")
    assert engine.order("C1")["cancelled"] is True
    with pytest.raises(allot.FailedPreconditionError):
        engine.reroute("C1")


def test_fulfillment_service_flow_and_permissions():
    engine = allot.Engine(NA, now=T0)
    engine.receive("3PL-NV", "SVC-1", 5)  # only the service stocks it
    order = {"id": "S9", "destination": {"lat": 36.17, "lon": -115.14, "country": "US"},
             "lines": [{"sku": "SVC-1", "quantity": 2}]}
    (fo,) = engine.route(order, policy="nearest")
    assert engine.fulfillment_order(fo)["location"] == "3PL-NV"
    engine.submit_fulfillment_request(fo, message="please")
    with pytest.raises(allot.PermissionDeniedError) as info:
        engine.accept_fulfillment_request(fo, actor="merchant")
    assert isinstance(info.value, PermissionError) and info.value.code == "PERMISSION_DENIED"
    engine.accept_fulfillment_request(fo, actor="service:3PL-NV")
    assert engine.fulfillment_order(fo)["request_status"] == "accepted"
    engine.submit_cancellation_request(fo)
    engine.reject_cancellation_request(fo, actor="service:3PL-NV")
    engine.close(fo, actor="service:3PL-NV")
    assert engine.fulfillment_order(fo)["status"] == "incomplete"


def test_errors_change_nothing(engine):
    before = engine.state()
    with pytest.raises(allot.AlreadyExistsError):
        engine.route(dict(ORDER, id="1001"))
    with pytest.raises(KeyError):
        engine.hold("nope", "other")
    with pytest.raises(ValueError):
        engine.hold(engine.fulfillment_orders[0]["id"], "no_such_reason")
    with pytest.raises(allot.InvalidArgumentError):
        engine.apply({"op": "teleport"})
    assert engine.state() == before


def test_subscriber_may_issue_commands(engine):
    held = []

    def on_event(event):
        if event["topic"] == "fulfillment_orders/order_routing_complete" and event["order"] == "R1":
            for fo in event["fulfillment_orders"]:
                engine.hold(fo, "high_risk_of_fraud")
                held.append(fo)

    engine.subscribe(on_event)
    engine.route(dict(ORDER, id="R1"))
    assert held and engine.fulfillment_order(held[0])["status"] == "on_hold"


def test_threads_share_one_engine_without_overselling(engine):
    engine.receive("WH-TX", "LIMITED", 50)
    errors = []

    def run(i):
        for k in range(20):
            try:
                engine.route({"id": f"X{i}-{k}", "destination": {"lat": 32.7, "lon": -97.3,
                                                                "country": "US"},
                              "lines": [{"sku": "LIMITED", "quantity": 1}]})
            except allot.Error as e:  # pragma: no cover
                errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    (level,) = [l for l in engine.inventory if l["sku"] == "LIMITED"]
    assert level["reserved"] == 50
    unplaced = sum(u["quantity"] for o in engine.orders if o["id"].startswith("X")
                   for u in o["unallocated"])
    assert unplaced == 80 - 50
