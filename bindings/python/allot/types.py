"""Value types of the allot package: orders, policies, routing results, stock."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass
class Destination:
    """Where an order goes: degrees (WGS 84) and an ISO country code."""

    lat: float
    lon: float
    country: str = ""


@dataclass
class OrderLine:
    sku: str
    quantity: int = 1


@dataclass
class Order:
    """A customer order; ``to_dict()`` gives the scenario-file shape."""

    id: str
    destination: Destination
    lines: List[OrderLine] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Policy:
    """A routing policy (docs/policies.md).

    ``name``: priority, nearest, min_shipments, min_cost or rules; ``rules``
    (for rules): shipments, out_of_country, rank, distance, cost, most
    important first; ``max_shipments``: at most this many packages (exact
    policies); ``same_country_only``: only domestic locations.
    """

    name: str = "priority"
    rules: List[str] = field(default_factory=list)
    max_shipments: Optional[int] = None
    same_country_only: bool = False

    def to_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = {"name": self.name, "same_country_only": self.same_country_only}
        if self.rules:
            d["rules"] = list(self.rules)
        if self.max_shipments is not None:
            d["max_shipments"] = self.max_shipments
        return d


@dataclass
class RoutedLine:
    """Units of one order line (``line`` is its 0-based index)."""

    line: int
    sku: str
    quantity: int


@dataclass
class Shipment:
    """One fulfillment order of a routing result: what one location ships."""

    location: str
    distance_km: float
    cost: float
    units: int
    lines: List[RoutedLine]


@dataclass
class RouteResult:
    """The outcome of routing one order. Placing only part of it is an
    outcome, not an error: what could not be placed is in ``unfulfilled``."""

    order: str
    shipments: List[Shipment]
    unfulfilled: List[RoutedLine]
    cost: float
    units_requested: int
    units_allocated: int
    search_nodes: int = 0

    @property
    def split(self) -> bool:
        """True when the order ships in two or more packages."""
        return len(self.shipments) > 1


@dataclass
class StockLevel:
    """One (location, SKU) level: ``available`` = max(0, on_hand - reserved - safety_stock)."""

    location: str
    sku: str
    on_hand: int
    reserved: int
    safety_stock: int
    available: int


__all__ = [
    "Destination",
    "OrderLine",
    "Order",
    "Policy",
    "RoutedLine",
    "Shipment",
    "RouteResult",
    "StockLevel",
]
