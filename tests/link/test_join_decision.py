"""The learned join decision, its cues and the dating of undated reports, on Arabic text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluation import bcubed, date_right, score_events
from marsad.link.cues import ordinal_clash, read_cues
from marsad.link.happening import happening_date, report_years
from marsad.link.join_model import SIGNALS, from_dict, load
from marsad.link.summary import newsy
from marsad.resources import Resources

CFG = Resources().config["events"]


def _times(text: str) -> list[dict]:
    from marsad.extract.times import find_times

    return [{"start": t.start, "text": t.text, "value": t.value, "grain": t.grain, "kind": t.kind}
            for t in find_times(text, None)]


def test_shipped_model_matches_this_versions_signals():
    m = load()
    assert len(m.weights) == len(SIGNALS) == len(m.mean) == len(m.scale)
    assert 0.0 < m.threshold <= m.merge_threshold <= 1.01
    assert m.threshold <= m.consolidate_threshold <= 1.01
    about = json.loads((Path(__file__).parents[2] / "marsad" / "models" / "join.json").read_text("utf-8"))["about"]
    assert "held_out_bcubed" in about and about["command"].startswith("python -m marsad.link.join_training")


def test_model_weighs_evidence_the_right_way():
    """Shared words raise the probability; a clash of dates, numbers or weekday lowers it."""
    m = load()
    w = dict(zip(SIGNALS, m.weights, strict=True))
    assert w["text"] > 0 and w["entities"] > 0
    assert w["facts_clash"] < 0 and w["weekday_clash"] < 0 and w["year_clash"] < 0
    base = [0.0] * len(SIGNALS)
    close = list(base)
    close[SIGNALS.index("text")] = close[SIGNALS.index("nearest")] = 0.6
    close[SIGNALS.index("entities")] = 0.7
    assert m.probability(close) > m.probability(base)
    clash = list(close)
    clash[SIGNALS.index("weekday_clash")] = 1.0
    assert m.probability(clash) < m.probability(close)
    assert m.upper_bound(base, 2.0) >= m.probability(base)


def test_a_model_written_before_consolidation_never_consolidates():
    d = json.loads((Path(__file__).parents[2] / "marsad" / "models" / "join.json").read_text("utf-8"))
    del d["consolidate_threshold"]
    assert from_dict(d).consolidate_threshold > 1.0


def test_a_model_for_other_signals_is_refused():
    d = {"signals": ["text"], "weights": [1.0], "bias": 0.0, "mean": [0.0], "scale": [1.0],
         "threshold": 0.5, "merge_threshold": 0.6}
    with pytest.raises(ValueError, match="signals"):
        from_dict(d)


def test_cues_of_a_lead():
    text = "أجرى الرئيس الأمريكي اتصالا هاتفيا مع نظيره الروسي اليوم الاثنين بحثا خلاله الحرب"
    c = read_cues(text, [(0, len(text))], _times(text))
    assert "call" in c.kinds and "meeting" not in c.kinds
    assert c.weekday == 0
    meet = "استقبل الرئيس المصري في القاهرة يوم الأربعاء وزير الخارجية الأمريكي"
    m = read_cues(meet, [(0, len(meet))], _times(meet))
    assert "meeting" in m.kinds and m.weekday == 2


def test_ordinals_of_negotiation_rounds_clash():
    second = "انطلقت في مسقط الجولة الثانية من المفاوضات غير المباشرة"
    third = "انطلقت في مسقط الجولة الثالثة من المفاوضات غير المباشرة"
    a = read_cues(second, [(0, len(second))], []).ordinals
    b = read_cues(third, [(0, len(third))], []).ordinals
    assert a and b
    assert ordinal_clash(a, b)
    assert not ordinal_clash(a, a)


def test_ordinals_before_a_decision_and_of_a_reading_clash():
    """ثاني خفض للفائدة (an ordinal before its noun) against أول خفض; a bill passed قراءة أولى
    (indefinite) against one passed في قراءة ثانية (texts written for the test)."""
    def ords(text: str):
        return read_cues(text, [(0, len(text))], []).ordinals
    first, second = ords("البنك المركزي يخفض الفائدة في أول خفض منذ 2020"), ords("مصر تواصل التيسير في ثاني خفض للفائدة")
    assert first and second and ordinal_clash(first, second)
    one, two = ords("مجلس النواب يصادق على القانون في قراءة أولى"), ords("مصادقة نهائية على القانون في قراءة ثانية")
    assert one and two and ordinal_clash(one, two)
    assert not ords("زار الوزير بغداد لأول مرة منذ عشر سنوات")  # a first time numbers no happening


def test_undated_report_ignores_a_background_date_on_another_weekday():
    """'Today, Monday' in the lead; a 2013 date further down is background, not the happening."""
    text = ("أعلن الفاتيكان اليوم الاثنين وفاة البابا عن عمر ناهز 88 عاما.\n"
            "وكان البابا قد تحدث إلى الحشود في الساحة وبارك المؤمنين.\n"
            "وقد أشاد القادة بدوره في الحوار بين الأديان وخدمة الفقراء.\n"
            "وكان قد انتخب في 13 مارس 2013 خلفا للبابا السابق.")
    times = _times(text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    day, how, _ = happening_date(times, starts, None, CFG, weekday=0)
    assert day is None and how == "none"  # no day is invented from the background date
    assert happening_date(times, starts, None, CFG, weekday=None)[0] == "2013-03-13"  # the old behaviour
    assert report_years(times, None) == {2013}


def test_a_hijri_year_names_the_two_gregorian_years_it_spans():
    """Pilgrimage figures 'for the year 1444 AH' belong to 2022-2023, not to 2024's season."""
    times = _times("أعلنت الهيئة العامة للإحصاء أن إجمالي أعداد الحجاج لهذا العام 1444هـ بلغ مليوني حاج.")
    assert report_years(times, None) == {2022, 2023}
    assert report_years(times, "2024-06-15") == {2024}  # a happening date says it all
    assert report_years(_times("قال المتحدث إن الاجتماع كان مثمرا."), None) == frozenset()


def test_undated_report_ignores_an_old_full_date_in_a_glued_lead():
    """A birth date in a lead whose sentences run together is background: the text names later
    years, and the day is not the weekday the lead reports."""
    text = ("اعتقلت الشرطة رئيس البلدية في وقت مبكر من اليوم الأربعاء.وولد في 4 يونيو 1970 وتخرج عام 1994"
            " وانتخب رئيسا للبلدية عام 2019.")
    times = _times(text)
    day, how, _ = happening_date(times, [0], None, CFG, weekday=2)
    assert (day, how) == (None, "none")


def test_day_month_without_year_placed_by_weekday_and_named_year():
    text = "تنطلق القمة العربية يوم السبت 17 أيار في بغداد، وهي القمة التي تعقد في عام 2025 بعد قمة المنامة."
    times = _times(text)
    day, how, _ = happening_date(times, [0], None, CFG, weekday=5)
    assert (day, how) == ("2025-05-17", "times")  # 17 May 2025 is a Saturday, 2026's is not
    assert happening_date(times, [0], None, CFG, weekday=4)[0] is None  # a Friday fits neither year


def test_a_written_date_is_not_folded_into_the_same_weekday_a_week_later():
    """'Wednesday 2 April 2025' is the day told; the entry into force on 9 April (also a
    Wednesday) further down is another day, not the same weekday read a week late."""
    text = ("أعلن الرئيس الأميركي الأربعاء 2 من أبريل 2025، عزمه توقيع أمر تنفيذي يفرض رسوما جمركية.\n"
            "وتدخل الرسوم حيز التنفيذ على مرحلتين يومي 5 و9 أبريل الجاري.")
    times = _times(text)
    starts = [0, text.index("\n") + 1]
    assert happening_date(times, starts, None, CFG, weekday=2)[0] == "2025-04-02"


def test_dates_after_since_or_in_a_pluperfect_clause_are_recalled():
    from marsad.link.cues import recalled_date

    text = ("انهار اليوم الأحد نظام الرئيس بعد هجوم بدأ منذ 27 نوفمبر من الشهر الماضي، "
            "وكان الرئيس قد تولى الحكم في 17 يوليو 2000، وتجمع الناس صباح اليوم 8 ديسمبر في الساحات.")
    times = {t["text"]: t for t in _times(text)}
    assert recalled_date(text, 0, times["27 نوفمبر"])
    assert recalled_date(text, 0, times["17 يوليو 2000"])
    assert not recalled_date(text, 0, times["8 ديسمبر"])  # the clause ended at the comma
    calm = "تتواصل الاشتباكات منذ صباح اليوم الأحد في العاصمة."
    assert not recalled_date(calm, 0, _times(calm)[0])  # a relative date after منذ is still today
    ahead = "وكان الوزير قد أعلن أن القمة ستعقد في 5 مايو."
    assert not recalled_date(ahead, 0, _times(ahead)[0])  # a new clause after أن: the summit's own date


def test_a_day_put_off_to_or_lasting_until_is_not_the_day_told():
    """تأجيل النظر في القضية إلى جلسة 11 فيفري: the next hearing, not the day the court sat; the
    wire's dateline (14 جانفي) with the lead's Tuesday places the report."""
    from marsad.link.cues import date_ahead, recalled_date

    text = ("تونس 14 جانفي (وات) - قررت الدائرة الجنائية بالمحكمة الابتدائية بتونس، اليوم الثلاثاء، "
            "تأجيل النظر في القضية إلى جلسة 11 فيفري 2025، مع رفض مطالب الإفراج.")
    times = {t["text"]: t for t in _times(text)}
    assert recalled_date(text, 0, times["11 فيفري 2025"])
    assert not recalled_date(text, 0, times["14 جانفي"])
    told = [t for t in times.values() if not recalled_date(text, 0, t)]
    ahead = [t for t in times.values() if date_ahead(text, 0, t)]
    assert [t["text"] for t in ahead] == ["11 فيفري 2025"]
    # the year of the day it is put off to places the dateline's day-month on the lead's Tuesday
    assert happening_date(told, [0], None, CFG, weekday=1, ahead=ahead)[0] == "2025-01-14"
    assert happening_date(told, [0], None, CFG, weekday=1)[0] is None  # no year named: no day
    for until in ("يستمر الإغلاق حتى 30 يونيو 2025.", "وأرجئت المحاكمة إلى يوم 3 مارس 2025."):
        assert recalled_date(until, 0, _times(until)[0])
    visit = "وصل الرئيس إلى القاهرة يوم 12 مارس 2025 في زيارة رسمية."
    assert not recalled_date(visit, 0, _times(visit)[0])  # إلى a place, then the day told


def test_titles_skip_date_lines_and_player_notices():
    assert not newsy("الثلاثاء 02 سبتمبر 2025 الساعة 05 مساءً")
    assert not newsy("Getting your Trinity Audio player ready...")
    assert not newsy("واشنطن - رويترز")
    assert newsy("زلزال بقوة 6 درجات يضرب شرق أفغانستان ويوقع مئات القتلى")


def test_scores_of_the_eval_command():
    gold = {"d1": {"event": "x-call-2025-05-19", "confidence": "high"},
            "d2": {"event": "x-call-2025-05-19", "confidence": "low"},
            "d3": {"event": "x-meeting-2025-05-21", "confidence": "high"}}
    events = [{"id": "e1", "title": "اتصال", "date": "2025-05-19", "docs": ["d1", "d2", "d3"]}]
    r = score_events("toy", events, gold)
    assert r.events == 1 and r.labels == 2
    assert r.merges and r.merges[0].wrong_pairs == 2
    assert r.dates_right == 2 and r.dated_reports == 3
    assert bcubed({"a": "1", "b": "2"}, {"a": "x", "b": "x"}) == (1.0, 0.5, pytest.approx(2 / 3))
    assert date_right("y-2025-05", "2025-05-30") and not date_right("y-2025-05-19", "2025-05-22")


def test_a_date_the_text_gives_is_a_weekday_against_the_events():
    """The government sworn in on Wednesday 18 September is not the one tasked "اليوم الأحد": a
    report whose lead names no weekday still has the weekday of the date its text gives."""
    from collections import Counter

    from marsad.link.cues import Cues
    from marsad.link.events import DocFeatures, _signals
    from marsad.link.profile import EventProfile

    tasked = EventProfile(weekdays={"6": 4})  # four undated reports that say "today, Sunday"
    sworn = DocFeatures("r", None, "2024-09-18", "times", [], Counter(), Counter(), [],
                        cues=Cues(frozenset(), frozenset(), None))
    clash = SIGNALS.index("weekday_clash")
    assert _signals(sworn, None, tasked, (0.3, 0.4, 0.3), None, CFG)[clash] == 1.0
    sworn.date_how = "published"  # a publication date is not the day the report tells of
    assert _signals(sworn, None, tasked, (0.3, 0.4, 0.3), None, CFG)[clash] == 0.0


def test_a_day_between_reports_of_an_earthquake_is_its_own_signal():
    """Reports of an earthquake or of clashes run over days (the toll rises, the fighting goes on):
    the gap to such an event is a signal of its own, fitted apart from the gap between two
    happenings of a day each (a day's gold price, a vote and its results)."""
    from collections import Counter

    from marsad.link.cues import Cues
    from marsad.link.events import DocFeatures, _signals
    from marsad.link.profile import EventProfile

    lead = "ارتفعت حصيلة ضحايا الزلزال الذي ضرب ولاية كونار إلى 800 قتيل"
    quake = read_cues(lead, [(0, len(lead))], [])
    assert "quake" in quake.kinds
    report = DocFeatures("r", None, "2025-09-01", "times", [], Counter(), Counter(), [], cues=quake)
    event = EventProfile(kinds={"quake": 2})
    sig = dict(zip(SIGNALS, _signals(report, "2025-08-31", event, (0.3, 0.4, 0.3), 1, CFG), strict=True))
    assert sig["date_gap"] == 0.0 and sig["date_gap_ongoing"] > 0.0
    report.cues = Cues(frozenset({"price"}), frozenset(), None)
    event = EventProfile(kinds={"price": 2})
    sig = dict(zip(SIGNALS, _signals(report, "2025-08-31", event, (0.3, 0.4, 0.3), 1, CFG), strict=True))
    assert sig["date_gap"] > 0.0 and sig["date_gap_ongoing"] == 0.0


def test_an_earthquake_reported_on_another_weekday_is_no_clash():
    """The toll of an earthquake is told on the days after it: a report naming another weekday
    than the event's is no evidence of another happening there (its gap weighs, as
    ``date_gap_ongoing``), while a day's price named on another weekday still clashes."""
    from collections import Counter

    from marsad.link.cues import Cues
    from marsad.link.events import DocFeatures, _signals
    from marsad.link.profile import EventProfile

    report = DocFeatures("r", None, None, "none", [], Counter(), Counter(), [],
                         cues=Cues(frozenset({"quake"}), frozenset(), 2))  # told on a Wednesday
    clash = SIGNALS.index("weekday_clash")
    assert _signals(report, "2025-08-31", EventProfile(kinds={"quake": 2}), (0.3, 0.4, 0.3), None, CFG)[clash] == 0.0
    report.cues = Cues(frozenset({"price"}), frozenset(), 2)
    assert _signals(report, "2025-08-31", EventProfile(kinds={"price": 2}), (0.3, 0.4, 0.3), None, CFG)[clash] == 1.0


def test_fitted_weights_keep_the_sign_of_their_evidence():
    """A clash of facts counts against joining, whatever a small labelled set shows: here the
    pairs that share the happening happen to clash more often, and the fit keeps the clash's
    weight at zero rather than let it count for joining (``SIGNS``)."""
    import random

    from marsad.link.join_model import SIGNS
    from marsad.link.join_training import fit

    rng = random.Random(7)
    text, clash = SIGNALS.index("text"), SIGNALS.index("facts_clash")
    pairs = []
    for i in range(200):
        same = i % 2
        x = [0.0] * len(SIGNALS)
        x[text] = rng.uniform(0.3, 0.7) if same else rng.uniform(0.0, 0.4)
        x[clash] = float(rng.random() < (0.4 if same else 0.1))
        pairs.append((x, same))
    m = fit(pairs)
    assert SIGNS[clash] == -1 and m.weights[clash] == 0.0
    assert m.weights[text] > 0
    assert all(w * s >= 0 for w, s in zip(m.weights, SIGNS, strict=True))
