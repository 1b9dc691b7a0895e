"""absl::Status -> Python exceptions, in one place (status_binding.cc)."""

from __future__ import annotations

import pathlib
import pickle

import pytest

import allot
from allot import _allot
from conftest import ORDER, REPO, SCENARIOS

# absl::StatusCode values.
CASES = [
    (1, allot.CancelledError, None, "CANCELLED"),
    (3, allot.InvalidArgumentError, ValueError, "INVALID_ARGUMENT"),
    (5, allot.NotFoundError, KeyError, "NOT_FOUND"),
    (6, allot.AlreadyExistsError, None, "ALREADY_EXISTS"),
    (7, allot.PermissionDeniedError, PermissionError, "PERMISSION_DENIED"),
    (9, allot.FailedPreconditionError, None, "FAILED_PRECONDITION"),
    (13, allot.Error, None, "INTERNAL"),
]


@pytest.mark.parametrize("code,cls,builtin,name", CASES)
def test_status_codes_map_to_classes(code, cls, builtin, name):
    with pytest.raises(cls) as info:
        _allot._raise_status(code, "it broke")
    e = info.value
    assert type(e) is cls and isinstance(e, allot.Error)
    assert e.code == name and e.message == "it broke" and str(e) == "it broke"
    if builtin is not None:
        assert isinstance(e, builtin)


def test_exceptions_pickle():
    e = allot.NotFoundError("order 7 does not exist", "NOT_FOUND")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is allot.NotFoundError and back.code == "NOT_FOUND" and str(back) == str(e)


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(allot.NotFoundError) as info:
        allot.route_file(tmp_path / "nope.json")
    assert "nope.json" in str(info.value)
    with pytest.raises(KeyError):
        allot.load_scenario(tmp_path / "nope.json")


BAD = sorted((REPO / "tests" / "cli" / "bad").glob("*.json"))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_scenarios_are_invalid_argument(path, cli):
    with pytest.raises(allot.InvalidArgumentError) as info:
        allot.route_file(path)
    refused = cli("route", path, check=False)
    assert refused.returncode == 2
    # The same problems, one per line, as the CLI prints them.
    assert [f"error: {line}" for line in str(info.value).splitlines()] == \
        refused.stderr.strip().splitlines()


def test_bad_policy_and_order():
    router = allot.Router(SCENARIOS[0])
    with pytest.raises(ValueError, match="unknown policy"):
        router.route(ORDER, policy="fastest")
    with pytest.raises(allot.InvalidArgumentError, match="order.lines"):
        router.route({"id": "x", "destination": {"lat": 1, "lon": 2}})
    with pytest.raises(allot.InvalidArgumentError, match="quantity"):
        router.route({"id": "x", "destination": {"lat": 1, "lon": 2},
                      "lines": [{"sku": "A", "quantity": 0}]})


def test_bad_generator_option():
    with pytest.raises(allot.InvalidArgumentError, match="locations"):
        allot.generate_scenario(locations=0)
