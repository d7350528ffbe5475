"""Webhook delivery against a real receiver on 127.0.0.1: a receiver that fails twice and then
accepts gets the alert exactly once, HMAC-signed, after two waits of exponential backoff with
jitter; a marsad alerts run killed (SIGKILL) while a webhook holds a request, run again, loses
no alert and repeats none but the one in flight (same delivery key: the receiver counts it
once); an endpoint that is down is asked once per round; Retry-After is honoured; alerts are
given up after alerts.max_attempts and sent again by marsad alerts retry; one deliverer at a time."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time

import pytest

from marsad.alerts import store as S
from marsad.alerts.deliver import SIGNATURE_HEADER, Alerts, sign, verify
from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.resources import Resources
from marsad.store import Store
from tests.alerts.conftest import cli, config_file, env, quick
from tests.alerts.receiver import Receiver
from tests.faults import ROOT, kill9, marsad_cmd

SECRET = "correct horse battery staple"


def add(db: str, name: str, url: str, *criteria: str, secret: str | None = SECRET, backfill: bool = True) -> None:
    args = ["watchlist", "add", name, *criteria, "--webhook", url, "--db", db] + (["--backfill"] if backfill else [])
    if secret:
        args += ["--secret", secret]
    r = cli(*args)
    assert r.exit_code == 0, r.output


def rows(db: str) -> list:
    st = Store.open(db, readonly=True)
    try:
        return [dict(zip(r.keys(), tuple(r), strict=True)) | {"tries": [tuple(t) for t in S.attempts(st.conn, r["id"])]}
                for r in S.alert_log(st.conn, limit=1000)]
    finally:
        st.close()


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(marsad_cmd("alerts", "run", *args), cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=timeout)


def test_fails_twice_then_accepts_delivered_exactly_once_signed(sqlite_db, tmp_path):
    cfg = config_file(tmp_path / "alerts.toml")
    with Receiver(statuses=[500, 503]) as hook:
        add(sqlite_db, "cairo", hook.url, "--place", "القاهرة")  # one event: the Gaza talks in Cairo
        t0 = time.monotonic()
        done = run("--until-done", "--db", sqlite_db, "--config", str(cfg))
        took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    (alert,) = rows(sqlite_db)
    assert alert["status"] == "delivered" and alert["attempts"] == 3
    assert [t[2] for t in alert["tries"]] == [500, 503, 200]
    # the receiver: three requests of one delivery, accepted once
    assert [d.status for d in hook.deliveries] == [500, 503, 200]
    assert hook.accepted == {alert["delivery_key"]: 1} and set(hook.keys()) == {alert["delivery_key"]}
    bodies = {d.body for d in hook.deliveries}
    assert len(bodies) == 1  # the same bytes every time
    for d in hook.deliveries:
        assert d.headers["idempotency-key"] == d.key == alert["delivery_key"]
        assert d.headers["x-marsad-signature"] == sign(SECRET, d.body)
        assert verify(SECRET, d.body, d.headers[SIGNATURE_HEADER.lower()])
        assert not verify("wrong secret", d.body, d.headers["x-marsad-signature"])
        assert d.headers["content-type"].startswith("application/json")
    body = json.loads(bodies.pop())
    assert body["watchlist"] == "cairo" and body["delivery"] == alert["delivery_key"]
    assert body["matched"]["place"] == "القاهرة" and body["documents"][0]["id"] == "talks-0"
    assert len(body["outlets"]) == 5 and body["event"]["title"].startswith("وفود تصل القاهرة")
    assert body["event"]["url"].startswith("http://marsad.test/#/event/")
    # backoff: 0.2 s * 2^(n-1), times a factor in [0.5, 1]
    gaps = [b.at - a.at for a, b in zip(hook.deliveries, hook.deliveries[1:], strict=False)]
    assert 0.1 <= gaps[0] < 0.2 + 1.0 and 0.2 <= gaps[1] < 0.4 + 1.0, gaps
    print(f"\nretry gaps {gaps[0]:.3f} s, {gaps[1]:.3f} s; whole run {took:.2f} s")
    assert "1 new, 1 delivered, 2 failed tries" in done.stdout


def test_kill9_mid_delivery_then_rerun_loses_and_repeats_nothing(sqlite_db, tmp_path):
    cfg = config_file(tmp_path / "alerts.toml", timeout=60)
    held, release = threading.Event(), threading.Event()

    def answer(d) -> int:
        if d.n == 5:  # the fifth request hangs until the sender is killed
            held.set()
            release.wait(60)
        return 200

    with Receiver(answer=answer) as hook:
        add(sqlite_db, "putin", hook.url, "--entity", "بوتين")
        add(sqlite_db, "trump", hook.url, "--entity", "Trump")
        add(sqlite_db, "ukraine", hook.url, "--place", "أوكرانيا")
        first = subprocess.Popen(marsad_cmd("alerts", "run", "--once", "--db", sqlite_db, "--config", str(cfg)),
                                 cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            assert held.wait(120), "the run never reached the fifth delivery"
            kill9(first)
        finally:
            release.set()
        before = rows(sqlite_db)
        assert sum(a["status"] == "delivered" for a in before) == 4
        second = run("--once", "--db", sqlite_db, "--config", str(cfg))
        assert second.returncode == 0, second.stderr
        after = rows(sqlite_db)
    keys = {a["delivery_key"] for a in after}
    assert len(after) == len(before) == len(keys) >= 9  # no alert made twice, none lost
    assert {(a["watchlist"], a["event_id"]) for a in after} == {(a["watchlist"], a["event_id"]) for a in before}
    assert all(a["status"] == "delivered" for a in after)
    # the receiver, counting by delivery key: every alert, each accepted; only the one in flight
    # at the kill came twice (same key, same body)
    assert set(hook.accepted) == keys
    requests = hook.keys()
    in_flight = hook.deliveries[4].key
    assert requests[in_flight] == 2 and all(n == 1 for k, n in requests.items() if k != in_flight)
    assert len({d.body for d in hook.deliveries if d.key == in_flight}) == 1
    assert all(verify(SECRET, d.body, d.headers["x-marsad-signature"]) for d in hook.deliveries)
    assert second.stdout.strip().endswith("0 new, " + f"{len(keys) - 4} delivered, 0 failed tries (to retry), 0 given up")


def test_an_endpoint_that_is_down_is_asked_once_per_round(sqlite_db):
    with Receiver(statuses=[503, 503]) as hook:
        add(sqlite_db, "putin", hook.url, "--entity", "Putin", secret=None)
        st = Store.open(sqlite_db)
        try:
            runner = Alerts(st, quick(backoff_base=0.05, backoff_max=0.1))
            r = runner.run_pass()
            assert len(r.created) == 4 and r.retrying == 4 and r.delivered == 0
            assert len(hook.deliveries) == 1  # the other three were held, not sent
            waits = {a["next_at"] for a in S.alert_log(st.conn)}
            assert len(waits) == 1  # they wait together
            time.sleep(0.15)
            assert runner.deliver().retrying == 4 and len(hook.deliveries) == 2
            time.sleep(0.15)
            assert runner.deliver().delivered == 4
            runner.close()
        finally:
            st.close()
    assert len(hook.deliveries) == 6 and set(hook.accepted.values()) == {1} and len(hook.accepted) == 4
    assert all(SIGNATURE_HEADER.lower() not in d.headers for d in hook.deliveries)  # no secret, no signature
    tries = [t for a in rows(sqlite_db) for t in a["tries"]]
    held = [t for t in tries if t[2] is None]
    assert len(held) == 6 and all("not sent" in t[3] for t in held)


def test_retry_after_is_honoured(sqlite_db):
    with Receiver(statuses=[429], retry_after="1") as hook:
        add(sqlite_db, "cairo", hook.url, "--place", "Cairo")
        st = Store.open(sqlite_db)
        try:
            runner = Alerts(st, quick())
            t = time.time()
            assert runner.run_pass().retrying == 1
            (a,) = S.alert_log(st.conn)
            assert a["next_at"] - t >= 1 - 0.05  # not the 0.1..0.2 s of the backoff
            assert a["last_error"] == "HTTP 429"
            runner.close()
        finally:
            st.close()


def test_given_up_after_max_attempts_then_sent_again_by_retry(sqlite_db, tmp_path):
    cfg = config_file(tmp_path / "alerts.toml", max_attempts=2, backoff_base=0.05)
    with Receiver(statuses=[500, 500]) as hook:
        add(sqlite_db, "cairo", hook.url, "--place", "Cairo")
        done = run("--until-done", "--db", sqlite_db, "--config", str(cfg))
        assert done.returncode == 1 and "0 delivered, 1 failed tries (to retry), 1 given up" in done.stdout
        (a,) = rows(sqlite_db)
        assert a["status"] == "failed" and a["attempts"] == 2 and a["last_error"] == "HTTP 500"
        log = cli("alerts", "log", "--db", sqlite_db, "--status", "failed")
        assert "failed, 2 tries; last error: HTTP 500" in log.output
        assert cli("alerts", "retry", "cairo", "--db", sqlite_db).output.startswith("1 alert(s) to send again")
        again = run("--once", "--db", sqlite_db, "--config", str(cfg))
        assert again.returncode == 0, again.stderr
    (a,) = rows(sqlite_db)
    assert a["status"] == "delivered" and len(hook.deliveries) == 3 and hook.accepted == {a["delivery_key"]: 1}


def test_one_deliverer_at_a_time(sqlite_db):
    holder = Store.open(sqlite_db)
    try:
        with S.delivery_lock(holder) as mine:
            assert mine
            r = cli("alerts", "run", "--once", "--db", sqlite_db)
            assert r.exit_code == 0 and "another marsad alerts run is delivering" in r.output
            r = cli("alerts", "run", "--until-done", "--db", sqlite_db)
            assert r.exit_code == 2
    finally:
        holder.close()


def test_logged_alerts_without_a_webhook_and_json_log_lines(sqlite_db, tmp_path):
    assert cli("watchlist", "add", "cairo", "--place", "Cairo", "--backfill", "--db", sqlite_db).exit_code == 0
    done = run("--once", "--db", sqlite_db, "--config", str(config_file(tmp_path / "a.toml")))
    assert done.returncode == 0
    line = done.stdout.splitlines()[0].split("\t")
    assert line[0] == "cairo" and line[2] == "logged" and line[3].startswith("وفود تصل القاهرة")
    (a,) = rows(sqlite_db)
    assert a["status"] == "logged" and a["tries"] == []


@pytest.mark.parametrize("after_watch", [False, True])
def test_watch_hook(sqlite_db, after_watch):
    from marsad.alerts.deliver import watch_hook
    from marsad.resources import Resources

    assert cli("watchlist", "add", "cairo", "--place", "Cairo", "--backfill", "--db", sqlite_db).exit_code == 0
    res = Resources()
    res.config["alerts"] = quick(after_watch=after_watch)
    seen, logged = [], []
    st = Store.open(sqlite_db)
    try:
        hook = watch_hook(seen.append, st, res, lambda event, **f: logged.append((event, f)))
        hook("cycle")
        assert seen == ["cycle"]
        assert len(rows(sqlite_db)) == (1 if after_watch else 0)
        assert logged == ([("alerts", {"new": 1, "delivered": 0, "retrying": 0, "given_up": 0})] if after_watch else [])
    finally:
        st.close()


def test_delivery_and_its_lock_on_both_backends(own_db):
    """The outbox, the delivery log and the one-deliverer lock on SQLite and PostgreSQL alike."""
    with Receiver(statuses=[500]) as hook:
        add(own_db, "cairo", hook.url, "--place", "القاهرة")
        one, two = Store.open(own_db), Store.open(own_db)
        try:
            with S.delivery_lock(one) as mine, S.delivery_lock(two) as theirs:
                assert mine and not theirs
            with S.delivery_lock(two) as theirs:
                assert theirs  # released with the first
            runner = Alerts(one, quick(backoff_base=0.05, backoff_max=0.1))
            assert runner.run_pass().retrying == 1
            time.sleep(0.15)
            assert runner.deliver().delivered == 1
            runner.close()
        finally:
            one.close()
            two.close()
    (a,) = rows(own_db)
    assert a["status"] == "delivered" and [t[2] for t in a["tries"]] == [500, 200]
    assert hook.accepted == {a["delivery_key"]: 1} and all(verify(SECRET, d.body, d.headers["x-marsad-signature"])
                                                            for d in hook.deliveries)


def test_as_a_service_it_picks_up_new_matches_and_stops_on_sigterm(sqlite_db, tmp_path):
    from tests.alerts.test_watchlists import NEW_CALL

    cfg = config_file(tmp_path / "alerts.toml")
    with Receiver() as hook:
        add(sqlite_db, "putin", hook.url, "--entity", "Putin", backfill=False)  # from now on
        proc = subprocess.Popen(marsad_cmd("alerts", "run", "--db", sqlite_db, "--config", str(cfg)), cwd=ROOT,
                                env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.0)
            assert proc.poll() is None and hook.deliveries == []  # running, nothing new yet
            st = Store.open(sqlite_db)  # an ingest while it runs
            try:
                ingest_items(st, [RawArticle(text=NEW_CALL, origin="test:new", id="new-call")], Resources())
            finally:
                st.close()
            deadline = time.monotonic() + 60
            while not hook.deliveries and time.monotonic() < deadline:
                time.sleep(0.1)
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                kill9(proc)
    assert proc.returncode == 0, err
    (d,) = hook.deliveries
    assert json.loads(d.body)["documents"][0]["id"] == "new-call" and d.status == 200
    assert out.startswith("putin\t") and "\tpending\t" in out
    assert '"event": "delivered"' in err  # JSON log lines when stderr is not a terminal
