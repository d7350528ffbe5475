"""New matches made alerts, and alerts delivered to webhooks.

**Collecting.** For each watchlist, the documents that arrived since its cursor
(``watchlists.last_seq``) up to the frontier (``store.frontier``: every document up to there is
linked into its event) are matched; the matching ones are grouped by event, and each event
becomes one alert whose JSON body is written then and never changed. The alerts and the moved
cursor are one transaction, a compare-and-set on the cursor: a run killed half-way made no
alert, and two runs never make the same one.

**Delivering.** A due alert is POSTed to its watchlist's webhook: the stored body, signed with
HMAC-SHA256 under the watchlist's secret (``X-Marsad-Signature: sha256=<hex>``), with the
alert's delivery key in ``X-Marsad-Delivery`` and ``Idempotency-Key``. A 2xx answer marks it
delivered; anything else (another status, a network error, a timeout) counts a failed try and
sets the next one after ``backoff_base * 2^(n-1)`` seconds, at most ``backoff_max``, times a
random factor in [0.5, 1] (a longer Retry-After wins); after ``max_attempts`` tries it is given
up (status ``failed``; ``marsad alerts retry`` makes it pending again). Each try is logged
(``alert_attempts``). An endpoint that failed is not tried again in the same pass.

A delivery is recorded only after the webhook answered, so a run killed while it waited sends
that alert again on the next run, with the same body and key: nothing is lost, and a receiver
that keeps the keys it has seen counts each alert once. One deliverer runs per database
(``store.delivery_lock``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marsad.alerts import store as S
from marsad.alerts.watchlists import (
    Hit,
    Watchlist,
    group,
    load_all,
    matched,
    matches,
    page_url,
    stamp,
    summary_of,
)
from marsad.retry import backoff, retry_after
from marsad.store import Store

Log = Callable[..., None]
SIGNATURE_HEADER = "X-Marsad-Signature"
DELIVERY_HEADER = "X-Marsad-Delivery"
SEQ_BATCH = 5000  # documents (by arrival number) matched per step


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the body under the secret."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """What a receiver checks (constant-time comparison)."""
    return bool(header) and hmac.compare_digest(sign(secret, body), header or "")


def _quiet(event: str, **fields: Any) -> None:
    pass


@dataclass
class PassResult:
    created: list[dict[str, Any]] = field(default_factory=list)  # new alerts: watchlist, event, title, key, status
    delivered: int = 0
    retrying: int = 0
    given_up: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.retrying or self.given_up)


class Alerts:
    """Collect and deliver for one store (``cfg``: the ``[alerts]`` configuration section)."""

    def __init__(self, store: Store, cfg: dict[str, Any], *, clock: Callable[[], float] = time.time,
                 rng: random.Random | None = None, log: Log = _quiet):
        self.store, self.cfg, self.clock, self.log = store, cfg, clock, log
        self.rng = rng or random.Random()
        self.stop = threading.Event()
        self._client: Any = None

    # -- collecting ---------------------------------------------------------------------------------
    def _settled_before(self) -> str | None:
        settle = float(self.cfg.get("settle_seconds", 0))
        if self.store.dialect == "sqlite" or settle <= 0:
            return None  # SQLite writers take turns: arrival numbers are committed in order
        return datetime.fromtimestamp(self.clock() - settle, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def collect(self) -> list[dict[str, Any]]:
        """New alerts of every watchlist (see the module's doc)."""
        top = S.frontier(self.store.conn, self._settled_before())
        out: list[dict[str, Any]] = []
        for wl in load_all(self.store.conn):
            out += self.collect_one(wl, top)
        return out

    def collect_one(self, wl: Watchlist, top: int) -> list[dict[str, Any]]:
        conn, out = self.store.conn, []
        lo = wl.last_seq
        while lo < top and not self.stop.is_set():
            hi = min(top, lo + SEQ_BATCH)
            hits = matches(conn, wl, after_seq=lo, through_seq=hi)
            alerts = self._alerts(wl, hits)
            if not S.add_alerts(self.store, wl.id, lo, hi, alerts):
                break  # another run took these documents
            for a in alerts:
                rec = {"watchlist": wl.name, "event": a["event"], "title": a["title"], "key": a["key"],
                       "status": a["status"], "documents": len(a["docs"])}
                out.append(rec)
            lo = hi
        return out

    def _alerts(self, wl: Watchlist, hits: dict[str, Hit]) -> list[dict[str, Any]]:
        conn = self.store.conn
        by_event = group(conn, hits)
        if not by_event:
            return []
        docs = S.documents(conn, [d for ds in by_event.values() for d in ds])
        events = S.events(conn, by_event)
        outlets = S.event_outlets(conn, by_event)
        base = str(self.cfg.get("app_url", "")).rstrip("/")
        created = datetime.fromtimestamp(self.clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        pending = bool(wl.webhook)
        out = []
        for ev in sorted(by_event, key=lambda e: min(docs[d]["seq"] for d in by_event[e])):
            ds = sorted(by_event[ev], key=lambda d: docs[d]["seq"])
            row = events.get(ev)
            key = uuid.uuid4().hex
            body = {
                "watchlist": wl.name, "delivery": key, "created": created,
                "event": {"id": ev, "title": row["title"] if row else None, "date": row["date"] if row else None,
                          "url": page_url(base, "event", ev), "api": f"{base}/api/events/{ev}",
                          "summary": summary_of(row) if row else []},
                "outlets": outlets.get(ev, []),
                "documents": [{"id": d, "title": docs[d]["title"], "url": docs[d]["url"], "source": docs[d]["source"],
                               "published": docs[d]["published"], "seen": stamp(docs[d]),
                               "page": page_url(base, "doc", d)} for d in ds],
                "matched": matched(conn, wl, [hits[d] for d in ds]),
            }
            out.append({"key": key, "event": ev, "docs": ds, "title": body["event"]["title"],
                        "body": json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                        "status": "pending" if pending else "logged", "next_at": self.clock() if pending else None})
        return out

    # -- delivering ---------------------------------------------------------------------------------
    def client(self) -> Any:
        if self._client is None:
            import httpx

            t = float(self.cfg.get("timeout", 10))
            self._client = httpx.Client(timeout=httpx.Timeout(t, connect=min(t, 10.0)), follow_redirects=False,
                                        headers={"User-Agent": str(self.cfg.get("user_agent", "marsad-alerts"))})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def post(self, url: str, body: bytes, key: str, secret: str | None) -> tuple[int | None, str | None, float | None]:
        """One POST: (HTTP status, error or None when accepted, seconds asked by Retry-After)."""
        import httpx

        headers = {"Content-Type": "application/json; charset=utf-8", DELIVERY_HEADER: key, "Idempotency-Key": key}
        if secret:
            headers[SIGNATURE_HEADER] = sign(secret, body)
        try:
            with self.client().stream("POST", url, content=body, headers=headers) as r:
                if 200 <= r.status_code < 300:
                    return r.status_code, None, None
                return r.status_code, f"HTTP {r.status_code}", retry_after(r.headers.get("retry-after"), self.clock())
        except httpx.TimeoutException as e:
            return None, f"timed out ({type(e).__name__})", None
        except httpx.HTTPError as e:
            return None, f"{type(e).__name__}: {e}", None

    def deliver(self, result: PassResult | None = None) -> PassResult:
        """Try every due alert once. When an endpoint fails, its other due alerts are not sent in
        this round: each counts the same failed try and waits as long (so a webhook that is down
        is asked once per round, and its alerts are given up together)."""
        res = result or PassResult()
        down: set[str] = set()
        while not self.stop.is_set():
            due = S.due_alerts(self.store.conn, self.clock(), skip=down)
            if not due:
                break
            for a in due:
                if self.stop.is_set():
                    break
                if a["webhook"] in down:
                    continue
                t0 = time.monotonic()
                status, error, wait = self.post(a["webhook"], a["body"].encode("utf-8"), a["delivery_key"], a["secret"])
                ms = (time.monotonic() - t0) * 1000
                if error is None:
                    n = a["attempts"] + 1
                    S.record_attempt(self.store, a["id"], n, status, None, ms, "delivered", None)
                    res.delivered += 1
                    self.log("delivered", watchlist=a["watchlist"], event_id=a["event_id"], key=a["delivery_key"],
                             attempt=n, status=status)
                    continue
                down.add(a["webhook"])
                cap = float(self.cfg["backoff_max"])
                delay = backoff(a["attempts"] + 1, float(self.cfg["backoff_base"]), cap, self.rng)
                if wait is not None:
                    delay = max(delay, min(wait, cap))
                until = self.clock() + delay
                self._failed(res, a, status, error, ms, until, delay)
                held = f"not sent: {a['webhook']} failed a moment before ({error})"
                for b in S.due_alerts(self.store.conn, self.clock(), limit=10_000):
                    if b["webhook"] == a["webhook"] and b["id"] != a["id"]:
                        self._failed(res, b, None, held, 0.0, until, delay)
        return res

    def _failed(self, res: PassResult, a: Any, status: int | None, error: str, ms: float, until: float,
                delay: float) -> None:
        n = a["attempts"] + 1
        fields = {"watchlist": a["watchlist"], "event_id": a["event_id"], "key": a["delivery_key"], "attempt": n,
                  "status": status, "error": error}
        if n >= int(self.cfg["max_attempts"]):
            S.record_attempt(self.store, a["id"], n, status, error, ms, "failed", None)
            res.given_up += 1
            self.log("given_up", **fields)
            return
        S.record_attempt(self.store, a["id"], n, status, error, ms, "pending", until)
        res.retrying += 1
        self.log("retry", retry_in=round(delay, 3), **fields)

    def run_pass(self) -> PassResult:
        """Collect new alerts, then deliver the due ones."""
        res = PassResult(created=self.collect())
        return self.deliver(res)

    def next_due(self) -> float | None:
        return S.next_due(self.store.conn)


def watch_hook(done: Callable[[Any], None], store: Store, res: Any, log: Log) -> Callable[[Any], None]:
    """The ``marsad watch`` cycle callback, followed by one alerts pass when ``alerts.after_watch``
    is set (skipped while another process delivers; an error is logged and the watcher goes on)."""
    cfg = res.config["alerts"]
    if not cfg.get("after_watch"):
        return done

    def after(cycle: Any) -> None:
        done(cycle)
        alerts = Alerts(store, cfg, log=log)
        try:
            with S.delivery_lock(store) as mine:
                if mine:
                    r = alerts.run_pass()
                    log("alerts", new=len(r.created), delivered=r.delivered, retrying=r.retrying,
                        given_up=r.given_up)
        except Exception as e:  # noqa: BLE001 - alerts must not stop the watcher
            log("error", source="alerts", error=f"{type(e).__name__}: {e}")
        finally:
            alerts.close()

    return after
