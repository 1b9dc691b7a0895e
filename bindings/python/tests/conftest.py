"""Shared fixtures: the repository, the `allot` binary of the same build."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest

import allot

REPO = pathlib.Path(__file__).resolve().parents[3]
DATA = REPO / "data"
SCENARIOS = sorted((DATA / "scenarios").glob("*.json"))
# build/<preset>/python/allot/__init__.py -> build/<preset>/bin/allot
ALLOT_BIN = pathlib.Path(allot.__file__).resolve().parents[2] / "bin" / "allot"


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(ALLOT_BIN), *map(str, args)], capture_output=True, text=True,
                          check=check)


def cli_json(*args: str):
    return json.loads(run_cli(*args).stdout)


@pytest.fixture(scope="session")
def cli():
    if not ALLOT_BIN.exists():
        pytest.skip(f"{ALLOT_BIN} not built")
    return run_cli


ORDER = {"id": "T1", "destination": {"lat": 41.88, "lon": -87.63, "country": "US"},
         "lines": [{"sku": "TEE-BLK-M", "quantity": 2}]}
