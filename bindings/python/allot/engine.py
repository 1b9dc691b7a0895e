"""allot.Engine: routing plus the fulfillment-order lifecycle (docs/lifecycle.md).

One method per command of ``allot apply`` (docs/formats.md); each runs the
command atomically (it changes nothing when it fails) and returns the ids it
created, or raises an :class:`allot.Error` subclass:

* ``InvalidArgumentError`` (``ValueError``): malformed argument, quantity
  outside 1..remaining, a time earlier than the clock, ...
* ``NotFoundError`` (``KeyError``): unknown order, FO, fulfillment, location
  or hold
* ``AlreadyExistsError``: an order id already used, a hold handle already on the FO
* ``FailedPreconditionError``: the state forbids it (status guard, stock, cancelled order)
* ``PermissionDeniedError`` (``PermissionError``): the actor may not

``actor`` is ``"merchant"`` (the default) or ``"service:<location id>"``.
Times are epoch seconds (int), RFC 3339 strings or aware ``datetime``\\ s.
Reads are JSON-shaped dicts, as in the ``state`` of ``allot apply``.

Thread safety: every call is serialized on the engine and runs without the
GIL; subscribers run in the thread that issued the command, after it.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Union

from . import _allot
from .types import Order, Policy

Time = Union[int, str, _dt.datetime]
Lines = Optional[Sequence[Union[Dict[str, int], Sequence[int]]]]


def _time(t: Time) -> str:
    if isinstance(t, bool):
        raise TypeError("a time must be epoch seconds, an RFC 3339 string or a datetime")
    if isinstance(t, int):
        return _allot._format_time(t)
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            raise ValueError("a datetime must be timezone-aware")
        return t.isoformat()
    if isinstance(t, str):
        return t
    raise TypeError("a time must be epoch seconds, an RFC 3339 string or a datetime")


def _epoch(t: Optional[Time]) -> int:
    if t is None:
        return 0
    if isinstance(t, int) and not isinstance(t, bool):
        return t
    seconds = _allot._parse_time(_time(t))
    if seconds is None:
        raise _errors.InvalidArgumentError(f"now: not an RFC 3339 time: {t!r}", "INVALID_ARGUMENT")
    return seconds


def _lines(lines: Lines) -> Optional[List[Dict[str, int]]]:
    if lines is None:
        return None
    out = []
    for item in lines:
        if isinstance(item, dict):
            out.append({"line": item["line"], "quantity": item["quantity"]})
        else:
            line, quantity = item
            out.append({"line": line, "quantity": quantity})
    return out


def _as_dict(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


from . import errors as _errors  # noqa: E402


class Engine(_allot._Engine):
    """The fulfillment engine: a network, its inventory, routed orders, their
    fulfillment orders (FOs) and fulfillments, a clock and an event log.

    ``Engine(scenario, now=0)``: ``scenario`` is an :class:`allot.Scenario`,
    a path to a scenario file, or a dict in the scenario format; its orders
    are routed first, as ``route`` commands by the merchant would be.
    """

    def __init__(self, scenario: Any, now: Optional[Time] = None) -> None:
        from . import _scenario

        super().__init__(_scenario(scenario), _epoch(now))

    # --- running commands -------------------------------------------------

    def apply(self, command: Dict[str, Any]) -> List[str]:
        """Runs one command object of ``allot apply`` (``{"op": ..., ...}``)."""
        return self._apply(json.dumps(command))

    def _run(self, op: str, actor: str, **fields: Any) -> List[str]:
        command: Dict[str, Any] = {"op": op, "actor": actor}
        for key, value in fields.items():
            if value is not None:
                command[key] = value
        return self._apply(json.dumps(command))

    def route(
        self,
        order: Union[Order, Dict[str, Any]],
        policy: Union[None, str, Policy, Dict[str, Any]] = None,
        fulfill_at: Optional[Time] = None,
        actor: str = "merchant",
    ) -> List[str]:
        """Routes a new order with ``policy`` (default: the scenario's); returns
        the FOs created. FOs are ``scheduled`` when ``fulfill_at`` is later
        than the clock. Units not placed are the order's ``unallocated``."""
        if isinstance(policy, str):
            policy = {"name": policy}
        return self._run(
            "route",
            actor,
            order=_as_dict(order),
            policy=_as_dict(policy),
            fulfill_at=None if fulfill_at is None else _time(fulfill_at),
        )

    def reroute(self, order: str, actor: str = "merchant") -> List[str]:
        """Routes the order's unallocated units again; returns the new FOs."""
        return self._run("reroute", actor, order=order)

    def create_fulfillment(
        self,
        fulfillment_orders: Sequence[Union[str, Dict[str, Any]]],
        tracking: Optional[Dict[str, str]] = None,
        notify_customer: Optional[bool] = None,
        actor: str = "merchant",
    ) -> List[str]:
        """Ships units of FOs of one order and location as one fulfillment
        ``<order>.<n>``. Each entry is an FO id (all its remaining units) or
        ``{"id": ..., "lines": [{"line": i, "quantity": q}]}``."""
        fos = [{"id": f} if isinstance(f, str) else f for f in fulfillment_orders]
        return self._run(
            "create_fulfillment", actor, fulfillment_orders=fos, tracking=tracking,
            notify_customer=notify_customer,
        )

    def cancel_fulfillment(self, fulfillment: str, actor: str = "merchant") -> List[str]:
        """Cancels a fulfillment; its units go back to their FOs."""
        return self._run("cancel_fulfillment", actor, fulfillment=fulfillment)

    def update_tracking(self, fulfillment: str, tracking: Dict[str, str],
                        actor: str = "merchant") -> None:
        """Replaces a fulfillment's tracking ({number, company, url})."""
        self._run("update_tracking", actor, fulfillment=fulfillment, tracking=tracking)

    def fulfillment_event(self, fulfillment: str, status: str,
                          happened_at: Optional[Time] = None, message: Optional[str] = None,
                          actor: str = "merchant") -> None:
        """Records a shipment status (in_transit, delivered, ...) on a fulfillment."""
        self._run(
            "fulfillment_event", actor, fulfillment=fulfillment, status=status,
            happened_at=None if happened_at is None else _time(happened_at), message=message,
        )

    def hold(self, fulfillment_order: str, reason: str, notes: Optional[str] = None,
             handle: Optional[str] = None, lines: Lines = None,
             actor: str = "merchant") -> List[str]:
        """Places a hold; with ``lines`` the rest moves to a new FO (returned)."""
        return self._run(
            "hold", actor, fulfillment_order=fulfillment_order, reason=reason, notes=notes,
            handle=handle, lines=_lines(lines),
        )

    def release_hold(self, fulfillment_order: str, handles: Optional[Sequence[str]] = None,
                     actor: str = "merchant") -> None:
        """Releases the named holds (all when none named)."""
        self._run("release_hold", actor, fulfillment_order=fulfillment_order,
                  handles=None if handles is None else list(handles))

    def move(self, fulfillment_order: str, location: str, lines: Lines = None,
             actor: str = "merchant") -> List[str]:
        """Moves units (default: all remaining) to another location."""
        return self._run("move", actor, fulfillment_order=fulfillment_order,
                         location=location, lines=_lines(lines))

    def split(self, fulfillment_order: str, lines: Lines, actor: str = "merchant") -> List[str]:
        """Splits the given quantities off into a new FO at the same location."""
        return self._run("split", actor, fulfillment_order=fulfillment_order, lines=_lines(lines))

    def merge(self, fulfillment_orders: Sequence[str], actor: str = "merchant") -> List[str]:
        """Merges 2+ open FOs of one order and location into a new FO."""
        return self._run("merge", actor, fulfillment_orders=list(fulfillment_orders))

    def open(self, fulfillment_order: str, actor: str = "merchant") -> None:
        """Opens a scheduled FO now."""
        self._run("open", actor, fulfillment_order=fulfillment_order)

    def reschedule(self, fulfillment_order: str, fulfill_at: Time,
                   actor: str = "merchant") -> None:
        """Sets a scheduled FO's ``fulfill_at`` (strictly later than the clock)."""
        self._run("reschedule", actor, fulfillment_order=fulfillment_order,
                  fulfill_at=_time(fulfill_at))

    def advance_clock(self, to: Time, actor: str = "merchant") -> None:
        """Moves the clock forward; opens the scheduled FOs that are due."""
        self._run("advance_clock", actor, to=_time(to))

    def submit_fulfillment_request(self, fulfillment_order: str, lines: Lines = None,
                                   message: Optional[str] = None,
                                   notify_customer: Optional[bool] = None,
                                   actor: str = "merchant") -> List[str]:
        """Asks a fulfillment service to fulfill an FO."""
        return self._run("submit_fulfillment_request", actor,
                         fulfillment_order=fulfillment_order, lines=_lines(lines),
                         message=message, notify_customer=notify_customer)

    def accept_fulfillment_request(self, fulfillment_order: str, actor: str,
                                   message: Optional[str] = None) -> None:
        """The service accepts a request (``actor="service:<location>"``)."""
        self._run("accept_fulfillment_request", actor, fulfillment_order=fulfillment_order,
                  message=message)

    def reject_fulfillment_request(self, fulfillment_order: str, actor: str,
                                   reason: Optional[str] = None,
                                   message: Optional[str] = None) -> None:
        """The service rejects a request."""
        self._run("reject_fulfillment_request", actor, fulfillment_order=fulfillment_order,
                  reason=reason, message=message)

    def submit_cancellation_request(self, fulfillment_order: str,
                                    message: Optional[str] = None,
                                    actor: str = "merchant") -> None:
        """The merchant asks the service to cancel an accepted FO."""
        self._run("submit_cancellation_request", actor, fulfillment_order=fulfillment_order,
                  message=message)

    def accept_cancellation_request(self, fulfillment_order: str, actor: str,
                                    message: Optional[str] = None) -> None:
        """The service accepts a cancellation request."""
        self._run("accept_cancellation_request", actor, fulfillment_order=fulfillment_order,
                  message=message)

    def reject_cancellation_request(self, fulfillment_order: str, actor: str,
                                    message: Optional[str] = None) -> None:
        """The service rejects a cancellation request."""
        self._run("reject_cancellation_request", actor, fulfillment_order=fulfillment_order,
                  message=message)

    def cancel(self, fulfillment_order: str, actor: str = "merchant") -> List[str]:
        """Closes an FO whose request is pending at a service; returns its replacement."""
        return self._run("cancel", actor, fulfillment_order=fulfillment_order)

    def close(self, fulfillment_order: str, actor: str, message: Optional[str] = None) -> None:
        """The service closes an FO it cannot complete (``incomplete``)."""
        self._run("close", actor, fulfillment_order=fulfillment_order, message=message)

    def cancel_order(self, order: str, reason: Optional[str] = None,
                     actor: str = "merchant") -> None:
        """Cancels an order: its FOs with units remaining become cancelled."""
        self._run("cancel_order", actor, order=order, reason=reason)

    def receive(self, location: str, sku: str, quantity: int, actor: str = "merchant") -> None:
        """Adds received units to on_hand."""
        self._run("receive", actor, location=location, sku=sku, quantity=quantity)

    def adjust(self, location: str, sku: str, delta: int, actor: str = "merchant") -> None:
        """Adds ``delta`` (may be negative) to on_hand."""
        self._run("adjust", actor, location=location, sku=sku, delta=delta)

    def set_safety_stock(self, location: str, sku: str, quantity: int,
                         actor: str = "merchant") -> None:
        """Sets a level's safety stock."""
        self._run("set_safety_stock", actor, location=location, sku=sku, quantity=quantity)

    def set_location(self, location: str, active: Optional[bool] = None,
                     ships: Optional[bool] = None, actor: str = "merchant") -> None:
        """Changes a location's ``active`` / ``ships`` flags."""
        self._run("set_location", actor, location=location, active=active, ships=ships)

    # --- reads ---------------------------------------------------------------

    def state(self) -> Dict[str, Any]:
        """Everything, as the ``state`` of ``allot apply``: now, orders,
        fulfillment_orders, fulfillments, inventory."""
        return self._state()

    @property
    def orders(self) -> List[Dict[str, Any]]:
        """Orders in creation order (id, cancelled, display_fulfillment_status, unallocated)."""
        return self._state()["orders"]

    @property
    def fulfillment_orders(self) -> List[Dict[str, Any]]:
        """FOs in creation order, with lines, holds and supported_actions."""
        return self._state()["fulfillment_orders"]

    @property
    def fulfillments(self) -> List[Dict[str, Any]]:
        """Fulfillments in creation order."""
        return self._state()["fulfillments"]

    @property
    def inventory(self) -> List[Dict[str, Any]]:
        """Every stock level (location, sku, on_hand, reserved, safety_stock, available)."""
        return self._state()["inventory"]

    def _find(self, kind: str, id: str, what: str) -> Dict[str, Any]:
        for item in self._state()[kind]:
            if item["id"] == id:
                return item
        raise _errors.NotFoundError(f"{what} {id} does not exist", "NOT_FOUND")

    def order(self, id: str) -> Dict[str, Any]:
        """One order; NotFoundError when unknown."""
        return self._find("orders", id, "order")

    def fulfillment_order(self, id: str) -> Dict[str, Any]:
        """One FO; NotFoundError when unknown."""
        return self._find("fulfillment_orders", id, "fulfillment order")

    def fulfillment(self, id: str) -> Dict[str, Any]:
        """One fulfillment; NotFoundError when unknown."""
        return self._find("fulfillments", id, "fulfillment")

    def events(self, since: int = 0) -> List[Dict[str, Any]]:
        """The event log after sequence number ``since`` ({seq, topic, ...ids})."""
        return self._events(since)

    @property
    def clock(self) -> str:
        """The engine clock as ``YYYY-MM-DDTHH:MM:SSZ``."""
        return _allot._format_time(self.now)


__all__ = ["Engine"]
