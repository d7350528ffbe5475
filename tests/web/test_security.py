"""Writes need intent: a page on another site, a DNS-rebinding page and a client without the
token cannot add articles; the app's own page (and a client with the token) still can."""

from __future__ import annotations

import os
import stat
import time

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.store import Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.security import allowed_hosts, resolve_token  # noqa: E402

TEXT = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بطاقة مئتي سرير لخدمة السكان."


@pytest.fixture()
def app(tmp_path):
    db = tmp_path / "s.db"
    Store.open(db).close()
    return create_app(db, token="s3cret-token")


def _count(client: TestClient) -> int:
    return client.get("/api/stats").json()["documents"]


def _post(client: TestClient, **headers: str):
    return client.post("/api/ingest", data={"text": TEXT}, headers=headers)


def test_token_required_and_checked(app):
    c = TestClient(app, base_url="http://127.0.0.1")
    r = _post(c)
    assert r.status_code == 401 and "X-Marsad-Token" in r.json()["detail"]
    assert _post(c, **{"X-Marsad-Token": "guess"}).status_code == 403
    assert _post(c, Authorization="Bearer guess").status_code == 403
    assert _count(c) == 0
    r = _post(c, **{"X-Marsad-Token": "s3cret-token"})
    assert r.status_code == 202, r.text
    for _ in range(200):
        if c.get(f"/api/jobs/{r.json()['id']}").json()["state"] == "done":
            break
        time.sleep(0.05)
    assert _count(c) == 1
    assert _post(c, Authorization="Bearer s3cret-token").status_code == 202


def test_cross_origin_post_refused_even_with_token(app):
    c = TestClient(app, base_url="http://127.0.0.1:8000", headers={"X-Marsad-Token": "s3cret-token"})
    assert _post(c, Origin="https://evil.example").status_code == 403
    assert _post(c, Origin="null").status_code == 403
    assert _post(c, **{"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert _post(c, Origin="http://127.0.0.1:8000", **{"Sec-Fetch-Site": "same-origin"}).status_code == 202


def test_rebinding_host_refused_on_every_route(app):
    """A page at evil.example re-pointed to 127.0.0.1 sends Host: evil.example: nothing answers."""
    c = TestClient(app, base_url="http://evil.example:8000")
    assert c.get("/").status_code == 400
    assert c.get("/api/stats").status_code == 400
    assert _post(c, **{"X-Marsad-Token": "s3cret-token"}).status_code == 400
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert TestClient(app, base_url=f"http://{host}").get("/api/stats").status_code == 200


def test_refusal_in_the_readers_language(app):
    c = TestClient(app, base_url="http://127.0.0.1")
    ar = _post(c, **{"Accept-Language": "ar"}).json()["detail"]
    en = _post(c, **{"Accept-Language": "en-GB"}).json()["detail"]
    assert "X-Marsad-Token" in ar and "رمز" in ar and "token" in en


def test_page_carries_token_only_for_this_machine(app):
    here = TestClient(app, base_url="http://127.0.0.1", client=("127.0.0.1", 50000))
    page = here.get("/")
    assert page.status_code == 200 and 'name="marsad-token" content="s3cret-token"' in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    lan = TestClient(app, base_url="http://127.0.0.1", client=("192.168.1.20", 50000))
    assert "s3cret-token" not in lan.get("/").text


def test_read_only_mode(tmp_path):
    db = tmp_path / "r.db"
    Store.open(db).close()
    app = create_app(db, token="t", read_only=True)
    c = TestClient(app, base_url="http://127.0.0.1", client=("127.0.0.1", 1))
    r = _post(c, **{"X-Marsad-Token": "t"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    page = c.get("/").text
    assert 'name="marsad-read-only"' in page and 'name="marsad-token"' not in page
    assert c.get("/api/stats").status_code == 200


def test_token_saved_once_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    token, where = resolve_token(None)
    assert len(token) >= 24 and where.endswith("marsad/token")
    assert stat.S_IMODE(os.stat(where).st_mode) == 0o600
    assert resolve_token(None) == (token, where)
    assert resolve_token("given")[0] == "given"


def test_allowed_hosts_from_the_bind_address():
    assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert "news.local" in allowed_hosts("0.0.0.0", ("news.local",))
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")
