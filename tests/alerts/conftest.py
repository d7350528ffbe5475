"""Fixtures of the watchlist and alert tests: stores filled with real Arabic news (the bundled
samples, three Trump-Putin calls, and the articles of ``tests/alerts/articles.py``), on SQLite
and on PostgreSQL; a quick [alerts] configuration; environments without proxies, so requests
to 127.0.0.1 go there directly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from marsad.config import load_config
from marsad.ingest.run import ingest_items, ingest_paths
from marsad.resources import Resources
from marsad.store import Store
from tests.alerts import articles
from tests.backends import BACKENDS, target
from tests.conftest import SEEDS

# short waits so that failures, retries and recoveries happen within a test
QUICK = {"backoff_base": 0.2, "backoff_max": 2.0, "max_attempts": 5, "timeout": 5, "interval": 0.2,
         "settle_seconds": 0, "app_url": "http://marsad.test"}


def quick(**overrides: Any) -> dict[str, Any]:
    """The [alerts] section with the quick settings."""
    return load_config()["alerts"] | QUICK | overrides


def config_file(path: Path, **overrides: Any) -> Path:
    """A --config file with the quick [alerts] settings."""
    lines = ["[alerts]"]
    for k, v in (QUICK | overrides).items():
        lines.append(f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def env() -> dict[str, str]:
    """The environment for a marsad subprocess: no proxy, English messages."""
    return {**{k: v for k, v in os.environ.items() if "proxy" not in k.lower()}, "MARSAD_LANG": "en"}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


def fill(where: str, samples: bool = True, own: bool = True) -> None:
    store = Store.open(where)
    try:
        res = Resources()
        if samples:
            ingest_paths(store, [str(SEEDS)], res)
        if own:
            ingest_items(store, articles.items(), res)
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def news_db(backend, tmp_path_factory) -> Iterator[str]:
    """A filled store the tests of a module only read (watchlists they add they remove)."""
    with target(backend, tmp_path_factory.mktemp("alerts"), "news.db") as t:
        fill(t)
        yield t


@pytest.fixture()
def own_db(backend, tmp_path) -> Iterator[str]:
    """A filled store of the module's backend that one test may change."""
    with target(backend, tmp_path, "own.db") as t:
        fill(t)
        yield t


@pytest.fixture()
def sqlite_db(tmp_path) -> str:
    t = str(tmp_path / "news.db")
    fill(t)
    return t


def cli(*args: str, input: str | None = None):
    """``marsad ARGS`` in this process (English messages)."""
    from marsad.cli import main

    return CliRunner().invoke(main, list(args), input=input, env={"MARSAD_LANG": "en"}, catch_exceptions=False)
