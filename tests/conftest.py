"""Shared fixtures: the bundled sample articles and a fresh store; missing services.

A test that cannot run because a service is absent (a PostgreSQL server named by
``MARSAD_TEST_PG``, Debian's Chromium, the data sets in ``../shared``) skips with a reason made
by ``missing_service``. On a developer's machine that is a skip like any other; where
``MARSAD_REQUIRE_SERVICES=1`` (``.ci/run`` sets it) such a skip is reported as a failure, so CI
cannot pass while part of the suite silently did not run.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest

from marsad.resources import Resources
from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "marsad" / "samples"
SEEDS = SAMPLES / "seeds.jsonl"
GOLD = ROOT / "tests" / "fixtures" / "gold.json"
SHARED = ROOT.parent / "shared"

MISSING_SERVICE = "missing service: "

# Messages are asserted in English; tests of the Arabic wording set MARSAD_LANG=ar themselves.
os.environ["MARSAD_LANG"] = "en"


def missing_service(what: str) -> str:
    """The skip reason for a test whose service is absent (see the module's docstring)."""
    return MISSING_SERVICE + what


def skip_missing_service(what: str) -> None:
    pytest.skip(missing_service(what))


def services_required() -> bool:
    return os.environ.get("MARSAD_REQUIRE_SERVICES", "") not in ("", "0")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With MARSAD_REQUIRE_SERVICES set, a skip for a missing service fails the test."""
    outcome = yield
    rep = outcome.get_result()
    if not (rep.skipped and services_required() and call.excinfo is not None):
        return
    reason = str(getattr(call.excinfo.value, "msg", "") or "")
    if reason.startswith(MISSING_SERVICE):
        rep.outcome = "failed"
        rep.longrepr = f"{reason} (MARSAD_REQUIRE_SERVICES is set: every service must be there)"


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
        skip_missing_service(f"shared scorer not found at {SHARED_SCORER}")
    spec = importlib.util.spec_from_file_location("marsad_shared_score", SHARED_SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
