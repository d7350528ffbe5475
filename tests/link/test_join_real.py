"""The join model on the real labelled development sets (../shared/data): fitted on one set,
it must hold on the other, and ``marsad eval`` must report both sets.

The sets are third-party text: they are read from ../shared, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.evaluation import score_events
from marsad.link import events as ev
from marsad.link import join_training as jt
from marsad.store import export as ex

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
A, B = DATA / "events_dev_a", DATA / "events_dev_b"


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    if not (A / "corpus.jsonl").exists() or not (B / "corpus.jsonl").exists():
        pytest.fail(f"the labelled development sets are missing under {DATA}")
    work = tmp_path_factory.mktemp("train")
    opened = [jt.open_set(A, work), jt.open_set(B, work)]
    yield work, opened
    for s in opened:
        s.store.close()


def test_fitted_on_a_it_holds_on_b(sets):
    work, (a, b) = sets
    pairs = jt.collect_pairs(a)
    assert sum(y for _, y in pairs) >= 50  # reports that had their happening among the candidates
    model = jt.tune([a], jt.fit(pairs), work)
    r = jt.link_and_score(b, model, work)
    # the hand-weighted linker it replaced: F1 0.594 (P 0.44) on this set; measured here 0.868
    # (P 0.85, R 0.89) with the weights kept to their signs, 0.831 without
    assert r.f1 >= 0.85 and r.precision >= 0.80, r.lines()


def test_label_decision_rebuilds_the_labelled_events(sets):
    """Linking by the labels gives back the labels wherever the blocking offered the event."""
    _, (a, _b) = sets
    jt.collect_pairs(a)
    r = score_events(a.name, ex.events(a.store.conn), a.gold)
    assert r.precision == 1.0 and r.recall >= 0.9


def test_eval_command_reports_both_sets():
    out = CliRunner().invoke(main, ["eval", str(A), str(B), "--worst", "2"])
    assert out.exit_code == 0, out.output
    assert "events_dev_a: 101 reports, 26 labelled happenings" in out.output
    assert "events_dev_b: 146 reports, 66 labelled happenings" in out.output
    assert out.output.count("B-cubed high-conf.") == 2 and "happening date right" in out.output


def test_eval_command_refuses_a_folder_without_labels(tmp_path):
    out = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert out.exit_code == 2 and "not a labelled set" in out.output


def test_consolidation_folds_strays_into_their_happening(sets, monkeypatch):
    """Fitted on B, consolidation (a grown event takes in reports that had opened events of their
    own) folds each stray of A (held out) into its own happening and costs nothing there, at the
    thresholds the tuner tries; and the threshold the tuner picks never costs on B. Whether B
    itself gains from consolidating moves with the entity sets: with the word-class tagger alone
    it gained; once the tagger may veto names read after a title, the tuner turns it off, as 0.80
    folds one report wrongly there. Measured on A: 0.70 folds one, 0.60 three, all right."""
    work, (a, b) = sets
    model = jt.tune([b], jt.fit(jt.collect_pairs(b)), work)
    folds: list[tuple[set, set]] = []
    labels: dict[str, str] = {}
    strays = ev._strays

    def spy(conn, data, cands, freq, m, cfg, memo=None):
        out = strays(conn, data, cands, freq, m, cfg, memo)
        folds.extend(({labels.get(d) for d in c.data.members}, {labels.get(d) for d in data.members}) for c in out)
        return out

    monkeypatch.setattr(ev, "_strays", spy)

    def run(s, ct: float):
        labels.clear()
        labels.update({d: g["event"] for d, g in s.gold.items() if g.get("event")})
        folds.clear()
        return jt.link_and_score(s, jt.with_thresholds(model, model.threshold, model.merge_threshold, ct), work)

    never = run(b, 1.01)
    assert not folds
    picked = run(b, model.consolidate_threshold)
    assert picked.f1 >= never.f1 - 1e-9, (picked.lines(), never.lines())
    never = run(a, 1.01)
    seen = 0
    for ct in (0.7, 0.6):
        r = run(a, ct)
        seen += len(folds)
        assert all(theirs <= mine for theirs, mine in folds), folds  # each stray joins its own happening
        assert r.precision >= never.precision - 0.005 and r.f1 >= never.f1 - 1e-9, (r.lines(), never.lines())
    assert seen  # consolidation does fold on A: the checks above are not vacuous
