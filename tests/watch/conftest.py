"""Fixtures of the watcher tests: a local site, a quick watch configuration, a watcher factory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.config import load_config
from marsad.resources import Resources
from marsad.store import Store
from marsad.watch.run import Watcher
from marsad.watch.sources import Source
from marsad.watch.state import State
from tests.watch.site import Site, articles

# short timeouts and backoff so that failures and recoveries happen within a test
QUICK = {"host_delay": 0, "connect_timeout": 2, "read_timeout": 0.5, "total_timeout": 3, "backoff_base": 0.4,
         "backoff_max": 5}


def quick_config(**overrides) -> str:
    """The [watch] section of a test configuration file."""
    return "[watch]\n" + "".join(f"{k} = {v!r}\n" for k, v in (QUICK | overrides).items())


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """Requests go to 127.0.0.1 directly, whatever proxy the machine names."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def news():
    return articles()


@pytest.fixture()
def site():
    with Site() as s:
        yield s


@pytest.fixture()
def config_file(tmp_path: Path) -> Path:
    p = tmp_path / "watch.toml"
    p.write_text(quick_config(), "utf-8")
    return p


class Bench:
    """A store, a state file and a watcher over a list of sources the test may change."""

    def __init__(self, tmp_path: Path, config_file: Path, overrides: dict):
        if overrides:
            config_file.write_text(quick_config(**overrides), "utf-8")
        self.db = tmp_path / "marsad.db"
        self.state_path = tmp_path / "marsad.watch.db"
        self.res = Resources(config=load_config(config_file))
        self.store = Store.open(self.db)
        self.state = State(self.state_path)
        self.sources: list[Source] = []
        self.events: list[tuple[str, dict]] = []
        self.watcher = Watcher(self.store, self.res, self.state, lambda: self.sources,
                               log=lambda event, **f: self.events.append((event, f)))

    def cycle(self):
        return self.watcher.cycle()

    def docs(self) -> list[dict]:
        return [dict(r) for r in self.store.conn.execute("SELECT * FROM documents ORDER BY seq")]

    def rejects(self) -> list[dict]:
        return [dict(r) for r in self.store.conn.execute("SELECT * FROM rejects")]

    def make_due(self) -> None:
        """Every source due now (instead of waiting its interval out)."""
        with self.state.tx() as c:
            c.execute("UPDATE sources SET next_due = 0")

    def close(self) -> None:
        self.watcher.close()
        self.state.close()
        self.store.close()


@pytest.fixture()
def bench(tmp_path, config_file):
    made: list[Bench] = []

    def make(*sources: Source, **overrides) -> Bench:
        where = tmp_path / f"b{len(made)}"
        where.mkdir()
        b = Bench(where, config_file, overrides)
        b.sources = list(sources)
        made.append(b)
        return b

    yield make
    for b in made:
        b.close()


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
