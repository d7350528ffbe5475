"""Evidence that two reports tell different happenings: a date recalled from an earlier one is not
the report's date, and two counts of one kind (the vote shares of two elections) cannot both be
the same happening's."""

from __future__ import annotations

from types import SimpleNamespace

from marsad.ingest.items import RawArticle
from marsad.ingest.run import ingest_items
from marsad.link.events import _fact_score, fixed_clash, measure_apart, unique_facts
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.store import Store
from marsad.store.export import events
from marsad.types import Document

CFG = Resources().config["events"]


def _groups(tmp_path, texts: dict[str, str]) -> list[list[str]]:
    """The reports of each event once ``texts`` (id -> text, undated) are ingested together."""
    store = Store.open(tmp_path / "g.db")
    try:
        ingest_items(store, [RawArticle(text=t, origin="t", id=i) for i, t in texts.items()], Resources())
        return sorted(sorted(e["docs"]) for e in events(store.conn))
    finally:
        store.close()


def _vote(*values: float) -> list[dict]:
    return [{"what": "vote share", "unit": "percent", "value": v, "qualifier": ""} for v in values]


def _stored(*values: float) -> list[list]:
    return [["vote share", "percent", v, ""] for v in values]


def test_a_rising_death_toll_is_no_sign_of_another_happening():
    """800 dead on the first day, 1,400 the next: one earthquake. A meeting's length is not a toll."""
    toll = [{"what": "people killed", "unit": "", "value": 1400.0, "qualifier": ""},
            {"what": "people wounded", "unit": "", "value": 3000.0, "qualifier": "more_than"}]
    assert _fact_score(toll, [["people killed", "", 800.0, "more_than"], ["people wounded", "", 2500.0, ""]],
                       CFG) == (0.0, 0.0)
    assert _fact_score(toll, [["people killed", "", 1400.0, ""]], CFG) == (1.0, 0.0)
    length = [{"what": "meeting duration", "unit": "hour", "value": 2.0, "qualifier": ""}]
    assert _fact_score(length, [["meeting duration", "hour", 5.0, ""]], CFG) == (0.0, 1.0)


def test_an_event_keeps_each_stated_figure_once_and_scores_as_with_every_repeat():
    """Three hundred reports repeating two vote shares are two figures to compare with."""
    repeated = _stored(72.71, 27.29) * 150 + _stored(72.71)
    kept = unique_facts(repeated)
    assert kept == _stored(72.71, 27.29)
    for article in (_vote(72.7, 27.3), _vote(90.69, 7.35), _vote(72.71)):
        assert fixed_clash(article, kept, CFG) == fixed_clash(article, repeated, CFG)
        assert _fact_score(article, kept, CFG) == _fact_score(article, repeated, CFG)


def test_two_disjoint_sets_of_vote_shares_are_two_counts():
    assert fixed_clash(_vote(72.71, 27.29), _stored(90.69, 7.35, 1.79), CFG)


def test_the_same_count_rounded_is_one_count():
    assert not fixed_clash(_vote(72.7, 27.3), _stored(72.71, 27.29), CFG)
    assert not fixed_clash(_vote(73, 27), _stored(72.71, 27.29), CFG)


def test_one_figure_alone_may_be_a_partial_count():
    """A turnout at noon and the final turnout are one election."""
    assert not fixed_clash(_vote(23.9), _stored(55, 54), CFG)
    assert not fixed_clash(_vote(55, 24), _stored(23.9), CFG)


def test_a_hedged_share_stands_for_the_round_figure_and_a_bit_not_a_quarter_more():
    """"More than 76 per cent" (an exit poll of one election) is not the 89.2 of another."""
    hedged = [["vote share", "percent", 76, "more_than"], ["vote share", "percent", 23.1, ""]]
    assert fixed_clash(_vote(89.2, 9.6), hedged, CFG)
    assert not fixed_clash(_vote(76.9, 23.1), hedged, CFG)
    assert not fixed_clash([{"what": "vote share", "unit": "percent", "value": 75, "qualifier": "more_than"},
                            *_vote(20)], _stored(78.4, 21.6), CFG)  # 75 is a round five: up to 80


def test_an_elections_shares_are_read_however_the_count_is_worded():
    """Won "in the election with 94.65%", "5,329,253 votes, 94.65%", "turnout 27.7 per cent":
    each a vote share, so two elections' results clash."""
    from marsad.pipeline import analyse, prepare
    from marsad.types import Document

    res = Resources()
    text = ("أعلنت السلطة الوطنية للانتخابات فوز المرشح في الانتخابات الرئاسية بنسبة 94.65%. "
            "وحصل المرشح على 5329253 صوتا، بنسبة 94.65%. وقالت الهيئة إن نسبة الإقبال في الاقتراع بلغت 27.7 بالمئة. "
            "وشهدت الانتخابات أدنى نسبة مشاركة منذ عشر سنوات، حيث بلغت 23.1% فقط.")
    a = analyse(prepare(Document(id="v", text=text), res), res)
    assert [(f.what, f.value) for f in a.facts if f.unit == "percent"] == [
        ("vote share", 94.65), ("vote share", 94.65), ("vote share", 27.7), ("vote share", 23.1)]


def test_pilgrim_totals_of_two_seasons_are_two_releases_even_in_one_template():
    """A statistics office words its yearly pilgrim figures alike; three or more totals, none shared,
    are another season, while a copy quoting two of them again is the same release."""
    from marsad.pipeline import analyse, prepare
    from marsad.types import Document

    res = Resources()
    text = ("أعلنت الهيئة العامة للإحصاء أن إجمالي أعداد الحجاج هذا العام بلغ ({}) حاجًّا، منهم ({}) حاجًّا"
            " قدموا من خارج المملكة، فيما بلغ عدد حجاج الداخل ({}) حاجًّا من المواطنين والمقيمين.")

    def facts(*n: str) -> list[dict]:
        a = analyse(prepare(Document(id="h", text=text.format(*n)), res), res)
        return [{"what": f.what, "unit": f.unit, "value": f.value, "qualifier": f.qualifier} for f in a.facts]

    this, last = facts("1,833,164", "1,611,310", "221,854"), facts("1,845,045", "1,660,915", "184,130")
    assert [f["what"] for f in this] == ["pilgrims"] * 3
    stored = [[f["what"], f["unit"], f["value"], f["qualifier"]] for f in last]
    assert fixed_clash(this, stored, CFG, least=3)
    assert not fixed_clash(this[:2] + last[:1], stored, CFG, least=3)


def test_a_days_price_level_differs_from_another_days_within_its_slack_only():
    """Gold at 2,623 and at 3,887 dollars an ounce are two days' reports; 3,320 and 3,335 (two
    outlets, one day) are one; a single stated level is enough, unlike a partial count."""
    def price(*values: float) -> list[dict]:
        return [{"what": "ounce price", "unit": "USD", "value": v, "qualifier": ""} for v in values]

    def stored(*values: float) -> list[list]:
        return [["ounce price", "USD", v, ""] for v in values]

    assert fixed_clash(price(2623.54), stored(3887), CFG)
    assert not fixed_clash(price(3320), stored(3335), CFG)
    assert not fixed_clash(price(40, 3320), stored(3335), CFG)  # the day's change beside the level
    gram = [{"what": "gram price", "unit": "USD", "value": 85.0, "qualifier": ""}]
    assert not fixed_clash(gram, stored(2650), CFG)  # a gram's price is not an ounce's


def test_a_quakes_magnitude_tells_two_quakes_apart_within_the_agencies_readings():
    """Agencies read one quake's magnitude a little differently (7.4, 7.7, 7.8); 5.4 and 5.9 in one
    province a year apart are two quakes. One value on each side is enough. (Sentence written for
    the test.)"""
    def apart(mine: list[float], theirs: list[float]) -> bool:
        f = SimpleNamespace(measures=[{"what": "magnitude", "unit": "degree", "value": v, "qualifier": ""} for v in mine])
        return measure_apart(f, SimpleNamespace(fact_values=[["magnitude", "degree", v, ""] for v in theirs]), CFG)

    assert apart([5.4], [5.9])
    assert not apart([7.4], [7.7, 7.8]) and not apart([], [5.9])
    res = Resources()
    text = "ضرب زلزال بلغت قوته 5.9 درجة شمال شرق إيران. وكانت درجة الحرارة قد بلغت 40 درجة."
    facts = [(f.what, f.value) for f in analyse(prepare(Document("q", text), res), res).facts]
    assert ("magnitude", 5.9) in facts and ("magnitude", 40.0) not in facts


def test_outlets_quoting_one_days_price_agree_in_the_fact_table():
    from marsad.link.factable import fact_table

    rows = [{"doc_id": d, "what": "ounce price", "unit": "USD", "value": v, "qualifier": "", "start": 0, "end": 4,
             "text": str(v)} for d, v in (("a", 3320.0), ("b", 3335.5))]
    (row,) = fact_table(rows, ["a", "b"], CFG)
    assert row["agree"] and row["what_ar"] == "سعر الأوقية"


def test_quantities_that_change_within_a_happening_never_clash_here():
    killed = [{"what": "killed", "unit": "person", "value": 800, "qualifier": ""},
              {"what": "killed", "unit": "person", "value": 900, "qualifier": ""}]
    assert not fixed_clash(killed, [["killed", "person", 600, ""], ["killed", "person", 610, ""]], CFG)


LEAD = "أعلنت هيئة الكوارث والطوارئ التركية أن هزة أرضية بقوة أربع درجات ضربت ولاية ملاطية على عمق سبعة كيلومترات."


def _event_date(tmp_path, text: str) -> str | None:
    tmp_path.mkdir()
    store = Store.open(tmp_path / "m.db")
    try:
        ingest_items(store, [RawArticle(text=text, origin="t", id="t1")], Resources())
        (ev,) = events(store.conn)
        return ev["date"]
    finally:
        store.close()


def test_a_date_recalled_from_an_earlier_happening_is_not_the_reports_date(tmp_path):
    recalled = LEAD + " يذكر أن زلزالين ضربا جنوب تركيا يوم 6 فبراير 2023 وبلغت قوة الأول 7.8 درجة."
    assert _event_date(tmp_path / "a", recalled) is None  # undated: no day is guessed
    told = LEAD + " وقالت الهيئة إن الهزة وقعت يوم 6 فبراير 2023 عند الساعة الرابعة صباحا."
    assert _event_date(tmp_path / "b", told) == "2023-02-06"


def test_a_markets_report_whose_lead_gives_a_price_is_not_the_news_that_moved_it(tmp_path):
    """Two reports of a tariff deal, then a gold-market report that names the deal in its lead
    and gives the ounce's price: the deal's event gives no price, so the market report is its own
    event; a second market report of the same day joins the first (texts written for the test)."""
    deal = ("أعلنت الولايات المتحدة والصين اليوم الاثنين في جنيف التوصل إلى اتفاق لخفض الرسوم الجمركية المتبادلة"
            " لمدة 90 يوما، بعد محادثات تجارية استمرت يومين بين وزير الخزانة الأمريكي ونائب رئيس الوزراء الصيني."
            " وقال البيت الأبيض إن الاتفاق خطوة أولى نحو تهدئة الحرب التجارية بين أكبر اقتصادين في العالم.")
    deal2 = ("توصلت الصين والولايات المتحدة اليوم الاثنين في جنيف إلى اتفاق على خفض الرسوم الجمركية المتبادلة"
             " لمدة 90 يوما، عقب محادثات تجارية استمرت يومين. وقالت وزارة التجارة الصينية إن الاتفاق يصب في"
             " مصلحة البلدين وإن المحادثات ستتواصل.")
    gold = ("تراجعت أسعار الذهب اليوم الاثنين بعد إعلان الولايات المتحدة والصين التوصل إلى اتفاق لخفض الرسوم"
            " الجمركية المتبادلة في جنيف. وانخفض الذهب في المعاملات الفورية 3 بالمئة إلى 3224.34 دولار للأوقية،"
            " إذ قلص الاتفاق الطلب على أصول الملاذ الآمن.")
    gold2 = ("هبطت أسعار الذهب اليوم الاثنين مع انحسار المخاوف بعد اتفاق الولايات المتحدة والصين على خفض الرسوم"
             " الجمركية في جنيف. واستقر الذهب في المعاملات الفورية عند 3230.99 دولار للأوقية بحلول منتصف النهار.")
    store = Store.open(tmp_path / "m.db")
    try:
        items = [RawArticle(text=t, origin="t", id=i, published="2025-05-12")
                 for i, t in (("d1", deal), ("d2", deal2), ("g1", gold), ("g2", gold2))]
        ingest_items(store, items, Resources())
        groups = sorted(sorted(e["docs"]) for e in events(store.conn))
    finally:
        store.close()
    assert groups == [["d1", "d2"], ["g1", "g2"]], groups


def test_rounds_and_stages_of_results_are_kept_apart(tmp_path):
    """The third round of talks in one city is not the second, whatever the shared words; final
    results are not the preliminary ones (texts written for the test, no publication date)."""
    second = ("انطلقت في مسقط الجولة الثانية من المفاوضات غير المباشرة بين الولايات المتحدة وإيران بشأن البرنامج"
              " النووي الإيراني، بوساطة سلطنة عمان. وقال وزير الخارجية العماني إن الأجواء كانت إيجابية.")
    second2 = ("بدأت الجولة الثانية من المحادثات غير المباشرة بين إيران والولايات المتحدة في مسقط حول البرنامج"
               " النووي، وقال المتحدث باسم الخارجية الإيرانية إن الوفد الإيراني وصل إلى العاصمة العمانية.")
    third = ("انطلقت في مسقط الجولة الثالثة من المفاوضات غير المباشرة بين الولايات المتحدة وإيران بشأن البرنامج"
             " النووي الإيراني، بوساطة سلطنة عمان. وقال وزير الخارجية العماني إن الأجواء كانت إيجابية.")
    prelim = ("أعلنت الهيئة المستقلة للانتخابات النتائج الأولية للانتخابات الرئاسية، وأظهرت فوز الرئيس المنتهية"
              " ولايته بنسبة كبيرة من الأصوات، على أن تعلن النتائج بعد البت في الطعون.")
    final = ("أعلنت الهيئة المستقلة للانتخابات النتائج النهائية للانتخابات الرئاسية، وأكدت فوز الرئيس المنتهية"
             " ولايته بنسبة كبيرة من الأصوات، بعد البت في الطعون المقدمة.")
    groups = _groups(tmp_path, {"r2": second, "r2b": second2, "r3": third, "p": prelim, "f": final})
    assert ["r3"] in groups and ["f"] in groups and ["p"] in groups, groups
    assert not any("r2" in g and "r3" in g for g in groups), groups


def test_a_hold_and_a_cut_of_one_banks_rate_are_two_decisions(tmp_path):
    """Undated reports of one central bank's meetings a month apart, worded alike: the headline's
    direction (يبقي, يخفض) tells the decision, and a lead recalling the rate before the cut (منذ رفعها
    إلى 8 بالمائة) does not make it the hold (texts written for the test)."""
    hold = ("البنك المركزي يبقي على نسبة الفائدة المديرية في حدود 8 بالمائة\n\nقرر مجلس إدارة البنك المركزي"
            " خلال اجتماعه الدوري يوم الأربعاء الإبقاء على نسبة الفائدة المديرية دون تغيير في حدود 8 بالمائة"
            " بسبب تواصل ارتفاع التضخم وضغوط الأسعار.")
    hold2 = ("المركزي يثبت الفائدة عند 8 بالمائة\n\nأبقى البنك المركزي يوم الأربعاء نسبة الفائدة المديرية دون"
             " تغيير عند 8 بالمائة، في قرار توقعه المحللون بسبب ارتفاع التضخم.")
    cut = ("البنك المركزي يخفض نسبة الفائدة المديرية\n\nقرر مجلس إدارة البنك المركزي خلال اجتماعه الدوري يوم"
           " الأربعاء تخفيض نسبة الفائدة المديرية إلى 7.75 بالمائة، وهو أول تخفيض منذ رفعها إلى 8 بالمائة،"
           " بسبب تراجع التضخم وضغوط الأسعار.")
    groups = _groups(tmp_path, {"h": hold, "h2": hold2, "c": cut})
    assert ["c"] in groups and ["h", "h2"] in groups, groups


def test_a_wires_numbered_dateline_with_the_leads_weekday_dates_an_undated_visit(tmp_path):
    """A wire writes the day and month as numbers in its dateline (بغداد - 8 - 9 (كونا) --) and the
    weekday in its lead (اليوم الأحد): two undated reports of one minister's visits five weeks apart,
    worded alike, are two visits (texts written for the test)."""
    body = ("بحث وزير الخارجية الكويتي مع نظيره العراقي فؤاد حسين هنا اليوم {} العلاقات الثنائية بين البلدين"
            " الشقيقين وملف ترسيم الحدود البحرية والمفقودين، وذلك خلال جلسة مباحثات رسمية في مقر وزارة"
            " الخارجية العراقية.")
    first = "وزير الخارجية يبحث مع نظيره العراقي العلاقات الثنائية\n\nبغداد - 8 - 9 (كونا) -- " + body.format("الأحد")
    second = "وزير الخارجية يبحث مع نظيره العراقي العلاقات الثنائية\n\nبغداد - 14 - 10 (كونا) -- " + body.format("الاثنين")
    groups = _groups(tmp_path, {"a": first, "b": second})
    assert groups == [["a"], ["b"]], groups


def test_a_session_that_failed_to_elect_a_speaker_is_not_the_one_that_elected_him(tmp_path):
    """Two undated reports of one house's sessions months apart: the one that failed to elect a
    speaker (يخفق في انتخاب, لم يتمكن من انتخاب) and the one that elected him (انتخب), worded alike
    (texts written for the test)."""
    failed = ("البرلمان يخفق مجددا في انتخاب رئيس له\n\nأخفق مجلس النواب في انتخاب رئيس جديد له بعد جولة"
              " تصويت ثانية لم يحصل فيها النائب محمود المشهداني ولا منافسه على الأغلبية المطلوبة.")
    failed2 = ("لم يتمكن مجلس النواب من انتخاب رئيس له\n\nلم يتمكن مجلس النواب من انتخاب رئيس جديد بعد جولة"
               " تصويت ثانية لم يحصل فيها النائب محمود المشهداني على الأغلبية المطلوبة.")
    done = ("المشهداني رئيسا لمجلس النواب\n\nانتخب مجلس النواب النائب محمود المشهداني رئيسا له بعد جولة"
            " تصويت ثانية حصل فيها على الأغلبية المطلوبة.")
    groups = _groups(tmp_path, {"f": failed, "f2": failed2, "d": done})
    assert ["d"] in groups and not any("d" in g and len(g) > 1 for g in groups), groups


def test_headline_cues_of_decisions_and_elections_read_the_right_clause():
    """The verb heading a rate decision, not a noun it governs nor an earlier verb of another object;
    a failure in the main clause, not a recalled one."""
    from marsad.link.cues import _decision, _outcome

    def read(f, t):
        return f(t, [(0, len(t))])[1]
    assert read(_decision, "أوبك+ تبقي على خطة زيادة الإنتاج في أغسطس") == 0
    assert read(_decision, "المركزي يخفض توقعاته ويثبت الفائدة") == 0
    assert read(_decision, "البنك المركزي يخفض نسبة الفائدة المديرية") == 1
    assert read(_outcome, "انتخب مجلس النواب قائد الجيش رئيسا للجمهورية بعد عامين من الفشل في انتخاب رئيس") == 1
    assert read(_outcome, "مجلس النواب ينتخب نائبي الرئيس ويخفق في انتخاب رئيس للمجلس") == 0


def test_days_written_with_their_weekday_keep_undated_look_alikes_apart(tmp_path):
    """Two undated reports of gunmen storming one town's police station a month apart, worded
    alike, each writing its day with the weekday but no year, stay apart; a third, of the same
    Monday, joins the first; a bare day-month (the day a curfew ends) is no such evidence, and the
    day-months of a year's turn are days apart, not months (texts written for the test)."""
    from marsad.link.cues import month_days_apart

    def attack(day: str, killed: str) -> str:
        return (f"هاجم مسلحون مجهولون مركزا للشرطة في بلدة العريش شمال سيناء فجر {day}، وقتلوا {killed}"
                " من عناصر الشرطة قبل أن يلوذوا بالفرار. وقال مصدر أمني إن قوات الأمن طوقت المنطقة"
                " وبدأت عمليات تمشيط بحثا عن المهاجمين.")
    march = attack("الاثنين 10 مارس/آذار", "ثلاثة")
    march2 = attack("يوم الاثنين 10 مارس", "3")
    april = attack("الجمعة 11 أبريل/نيسان", "ثلاثة")
    curfew = attack("الاثنين", "ثلاثة") + " وأعلن المحافظ حظر التجول في البلدة حتى 11 أبريل."
    groups = _groups(tmp_path, {"m1": march, "a1": april, "m2": march2, "m3": curfew})
    assert groups == [["a1"], ["m1", "m2", "m3"]], groups
    assert month_days_apart("12-30", "01-02") == 3 and month_days_apart("03-10", "04-11") == 32
