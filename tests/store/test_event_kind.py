"""The kind of happening kept beside each event's profile: written by the linker, filled in for
the events of a database made before it existed, on both engines."""

from __future__ import annotations

import pytest

from marsad.ingest.run import ingest_paths
from marsad.link import events as ev
from marsad.link.profile import EventProfile
from marsad.resources import Resources
from marsad.store import Store
from tests.backends import BACKENDS, target
from tests.conftest import SEEDS


@pytest.mark.parametrize("backend", BACKENDS)
def test_kind_is_written_and_filled_in_for_older_databases(backend, tmp_path):
    with target(backend, tmp_path) as where:
        old = Store.open(where)
        ingest_paths(old, [str(SEEDS)], Resources())
        profiles = {r[0]: EventProfile.from_json(r[1]) for r in old.conn.execute("SELECT id, data FROM events")}
        with old.transaction():  # the database as the schema before m012 left it
            for sql in ("DROP INDEX events_kind", "ALTER TABLE events DROP COLUMN kind",
                        "DELETE FROM migrations WHERE name = 'm012_event_kind'"):
                old.conn.execute(sql)
        old.close()
        assert any(p.kind == "call" for p in profiles.values())
        new = Store.open(where)
        try:
            kinds = dict(new.conn.execute("SELECT id, kind FROM events").fetchall())
            assert kinds == {k: p.kind for k, p in profiles.items()}
            new.reset_events()  # linked anew: the linker writes the kind of its profile
            ev.assign(new, [r[0] for r in new.conn.execute("SELECT id FROM documents ORDER BY seq")], Resources())
            rows = new.conn.execute("SELECT kind, data FROM events").fetchall()
            assert rows and all(r[0] == EventProfile.from_json(r[1]).kind for r in rows)
            assert "call" in {r[0] for r in rows}
        finally:
            new.close()
