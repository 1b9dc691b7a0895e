"""Allot: multi-location fulfillment routing, from Python (docs/python.md).

    import allot
    result = allot.route_file("data/scenarios/apparel-us.json")   # as `allot route`
    router = allot.Router("data/scenarios/apparel-us.json")
    r = router.route({"id": "A1", "destination": {"lat": 41.9, "lon": -87.6, "country": "US"},
                      "lines": [{"sku": "TEE-BLK-M", "quantity": 2}]}, policy="min_cost")
    engine = allot.Engine("data/scenarios/apparel-us.json")       # the lifecycle
    summary = allot.simulate({"orders": 100_000, "days": 30})      # docs/simulation.md

Errors are :class:`allot.Error` subclasses (``allot.errors``). The native
module is ``allot._allot``; everything public is re-exported here.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Union

from . import _allot
from ._allot import Scenario, generate_scenario
from .errors import (
    AlreadyExistsError,
    CancelledError,
    Error,
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
)
from .types import (
    Destination,
    Order,
    OrderLine,
    Policy,
    RouteResult,
    RoutedLine,
    Shipment,
    StockLevel,
)

__version__ = "0.1.0"

ScenarioLike = Union[Scenario, str, "os.PathLike[str]", Dict[str, Any]]


def _scenario(scenario: ScenarioLike) -> Scenario:
    """A Scenario from a Scenario, a path, or a dict in the file format."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, dict):
        return Scenario.from_json(json.dumps(scenario))
    if isinstance(scenario, (str, os.PathLike)):
        return Scenario.load(os.fspath(scenario))
    raise TypeError("scenario: want an allot.Scenario, a path or a dict")


def load_scenario(path: Union[str, "os.PathLike[str]"]) -> Scenario:
    """Reads a scenario file (docs/formats.md). NotFoundError when missing,
    InvalidArgumentError listing every problem when malformed."""
    return Scenario.load(os.fspath(path))


def route_file(path: Union[str, "os.PathLike[str]"]) -> Dict[str, Any]:
    """Routes every order of a scenario file, as ``allot route PATH`` does,
    and returns the same JSON as a dict ({"orders": [...], "summary": {...}}).
    Raises as the CLI refuses: NotFoundError, InvalidArgumentError, ..."""
    return json.loads(_allot._route_path(os.fspath(path)))


def route_scenario(scenario: ScenarioLike) -> Dict[str, Any]:
    """As route_file, for a Scenario or a dict."""
    if isinstance(scenario, (str, os.PathLike)):
        return route_file(scenario)
    text = scenario.to_json() if isinstance(scenario, Scenario) else json.dumps(scenario)
    return json.loads(_allot._route_json(text))


class Router(_allot.Router):
    __doc__ = _allot.Router.__doc__

    def __init__(self, scenario: ScenarioLike) -> None:
        """A router over a scenario's locations and inventory (a Scenario, a
        path or a dict), with its policy as the default."""
        super().__init__(_scenario(scenario))


from .engine import Engine  # noqa: E402
from .simulate import SimulationResult, PolicyMetrics, simulate, simulation_config  # noqa: E402
from .sweep import sweep  # noqa: E402

__all__ = [
    "AlreadyExistsError",
    "CancelledError",
    "Destination",
    "Engine",
    "Error",
    "FailedPreconditionError",
    "InvalidArgumentError",
    "NotFoundError",
    "Order",
    "OrderLine",
    "PermissionDeniedError",
    "Policy",
    "PolicyMetrics",
    "RouteResult",
    "RoutedLine",
    "Router",
    "Scenario",
    "Shipment",
    "SimulationResult",
    "StockLevel",
    "generate_scenario",
    "load_scenario",
    "route_file",
    "route_scenario",
    "simulate",
    "simulation_config",
    "sweep",
]
