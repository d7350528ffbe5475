"""Shared fixtures: the bundled sample articles and a fresh store."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from marsad.resources import Resources
from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "marsad" / "samples"
SEEDS = SAMPLES / "seeds.jsonl"
GOLD = ROOT / "tests" / "fixtures" / "gold.json"


@pytest.fixture(scope="session")
def seeds() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, SEEDS.read_text("utf-8").splitlines())}


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def res() -> Resources:
    return Resources()


def sample_text(stem: str) -> str:
    return resources.files("marsad").joinpath("samples", f"{stem}.txt").read_text("utf-8")


SHARED_SCORER = ROOT / ".." / "shared" / "eval" / "score.py"


def shared_scorer():
    """The shared scorer (``../shared/eval/score.py``) as a module; skips when it is absent."""
    import importlib.util

    if not SHARED_SCORER.exists():
        pytest.skip(f"shared scorer not found at {SHARED_SCORER}")
    spec = importlib.util.spec_from_file_location("marsad_shared_score", SHARED_SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
