"""Quotes: spans, speakers, channels and relays on the five samples (gold) and on 34 news
sentences of our own (tests/fixtures/quotes_own.jsonl).

The entities stage is stood in for by a gazetteer of each case's names and roles
(``quote_helpers.gazetteer_mentions``), so these tests measure the quote layer alone; roles are
given already resolved, as the entities stage resolves them by the article date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract import quotes as quotes_stage
from marsad.extract import times as times_stage
from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.text.normalize import normalize
from marsad.types import Analysis, Document
from tests.extract.quote_helpers import gazetteer_mentions

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "gold.json").read_text("utf-8"))
OWN = [json.loads(line) for line in (ROOT / "tests" / "fixtures" / "quotes_own.jsonl").read_text("utf-8").splitlines()
       if line.strip()]
SEEDS = {json.loads(line)["id"]: json.loads(line)
         for line in (ROOT / "marsad" / "samples" / "seeds.jsonl").read_text("utf-8").splitlines() if line.strip()}


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def analyse(text: str, entries: list[dict], res: Resources, published: str | None = None, doc_id: str = "t"):
    doc = prepare(Document(id=doc_id, text=text, published=published, language="ar"), res)
    an = Analysis(doc.id)
    an.mentions, an.entities = gazetteer_mentions(doc.text, entries)
    times_stage.run(doc, an, res)
    quotes_stage.run(doc, an, res)
    return doc, an


def speaker_name(q, an) -> str | None:
    return an.entities[q.speaker].name if q.speaker else None


def find(an, contains: str):
    key = normalize(contains)
    return [q for q in an.quotes if key in normalize(q.text)]


def gold_entries() -> list[dict]:
    return [{"name": e["name"], "type": e["type"], "forms": e["variants"], "roles": e.get("role_mentions") or []}
            for e in GOLD["entities"]]


@pytest.fixture(scope="module")
def samples(res):
    entries = gold_entries()
    return {d: analyse(s["text"], entries, res, s.get("published"), d) for d, s in SEEDS.items()}


@pytest.mark.parametrize("g", GOLD["quotes"], ids=lambda g: g["contains"][:30])
def test_quotes_gold_quote_found_with_its_speaker(samples, g):
    doc, an = samples[g["doc"]]
    found = find(an, g["contains"])
    assert found, f"no quote contains {g['contains']!r}"
    assert g["speaker"] in {speaker_name(q, an) for q in found}
    if g.get("channel"):
        assert g["channel"] in {q.channel for q in found}
    if g.get("via"):
        assert any(q.via and q.via.upper() == g["via"].upper() for q in found)


def test_quotes_spans_are_offsets_into_the_original_text(samples):
    n = 0
    for doc, an in samples.values():
        for q in an.quotes:
            n += 1
            assert q.text == doc.text[q.start:q.end]
            assert q.text.strip() == q.text
            if q.direct:  # the marks are not part of the quote
                assert q.text[0] not in "“«\"" and q.text[-1] not in "”»\""
    assert n >= 60


def test_quotes_exclude_the_reporting_frame(res):
    doc, an = analyse("وقال الرئيس المصري عبد الفتاح السيسي للصحفيين إن مصر لن تقبل بالتهجير.",
                      [{"name": "Sisi", "type": "PERSON", "forms": ["عبد الفتاح السيسي"]}], res)
    [q] = an.quotes
    assert q.text == "مصر لن تقبل بالتهجير"
    assert not q.direct and q.verb == "قال" and q.channel == "reporters"


def test_quotes_spokesperson_speaks_on_behalf_of_the_named_principal(samples):
    doc, an = samples["001_d1a393b1c47605d2"]
    [q] = find(an, "في انتظار مكالمة الرئيس ترامب")
    assert q.speaker is None and q.speaker_text.startswith("متحدث باسم")
    assert an.entities[q.on_behalf_of].name == "Keir Starmer"
    assert q.direct


def test_quotes_without_a_speaker_are_kept(res):
    doc, an = analyse("وقال مصدر مطلع إن المحادثات ستستأنف الأسبوع المقبل.", [], res)
    [q] = an.quotes
    assert q.speaker is None and q.speaker_text == "مصدر مطلع"
    assert q.text == "المحادثات ستستأنف الأسبوع المقبل"


def test_quotes_after_a_clause_of_their_own_do_not_take_the_last_speaker(res):
    # the verb after the comma says what the clause's subject said (an army the names do not
    # list): the previous quote's speaker does not carry over to it
    text = ("قالت هيئة عمليات التجارة البحرية البريطانية إنها تلقت بلاغا عن حادث قرب عدن.\n"
            "وكان الجيش الأمريكي قد شن الأسبوع الماضي غارات على مواقع للحوثيين، قال إنها استهدفت منصات إطلاق صواريخ.")
    entries = [{"name": "UKMTO", "type": "ORG", "forms": ["هيئة عمليات التجارة البحرية البريطانية"]}]
    doc, an = analyse(text, entries, res)
    assert [speaker_name(q, an) for q in find(an, "تلقت بلاغا")] == ["UKMTO"]
    [q] = find(an, "استهدفت منصات")
    assert q.speaker is None
    # with a conjunction or a participle it continues the sentence's speaker, as before
    doc, an = analyse("وقال المتحدث باسم الخارجية إن الهجوم مدان، وأضاف أن التحقيق مستمر.",
                      [{"name": "spokesman", "type": "PERSON", "forms": ["المتحدث باسم الخارجية"]}], res)
    assert [speaker_name(q, an) for q in find(an, "التحقيق مستمر")] == ["spokesman"]


def test_quotes_a_participle_after_a_spokesmans_clause_is_his(res):
    # whom he speaks for (after باسم) is never the subject a participle continues
    text = ('وأعلن المتحدث العسكري باسم الحوثيين يحيى سريع مسؤولية الجماعة عن الهجوم، مؤكدا أن'
            ' "العمليات ستتواصل حتى وقف العدوان على غزة".')
    entries = [{"name": "Houthis", "type": "ORG", "forms": ["الحوثيين"]},
               {"name": "Yahya Saree", "type": "PERSON", "forms": ["يحيى سريع"]}]
    doc, an = analyse(text, entries, res)
    assert [speaker_name(q, an) for q in find(an, "العمليات ستتواصل")] == ["Yahya Saree"]


def test_quotes_words_inside_a_quotation_are_not_frames(res):
    doc, an = analyse('وأضاف في وقت لاحق "أعتقد أن الوقت قد حان لنا للقيام بذلك".', [], res)
    [q] = an.quotes
    assert q.direct and q.text == "أعتقد أن الوقت قد حان لنا للقيام بذلك"


def test_quotes_scare_quotes_and_outlet_names_are_not_quotes(res):
    doc, an = analyse('واتهمت أوكرانيا موسكو بإرسال وفد "وهمي". ونشرت صحيفة "التايمز" تقريرا مطولا.', [], res)
    assert an.quotes == []


def score_own(res) -> dict[str, float]:
    expected = found = right = emitted = matched = 0
    for case in OWN:
        doc, an = analyse(case["text"], case["entities"], res)
        emitted += len(an.quotes)
        matched += sum(1 for q in an.quotes if any(normalize(e["contains"]) in normalize(q.text)
                                                   for e in case["quotes"]))
        for e in case["quotes"]:
            expected += 1
            cands = find(an, e["contains"])
            if cands:
                found += 1
                right += any(speaker_name(q, an) == e["speaker"] for q in cands)
    return {"precision": matched / emitted, "recall": found / expected, "speaker_accuracy": right / expected}


def test_quotes_own_sentences_precision_recall_and_speakers(res):
    s = score_own(res)
    assert len(OWN) >= 30
    assert s["precision"] >= 0.95 and s["recall"] >= 0.95 and s["speaker_accuracy"] >= 0.9, s


@pytest.mark.parametrize("case", [c for c in OWN if any(len(q) > 2 for q in c["quotes"])],
                         ids=lambda c: c["text"][:25])
def test_quotes_own_channel_via_and_principal(res, case):
    doc, an = analyse(case["text"], case["entities"], res)
    for e in case["quotes"]:
        [q, *_] = find(an, e["contains"])
        if "channel" in e:
            assert q.channel == e["channel"]
        if "via" in e:
            assert q.via == e["via"]
        if "behalf" in e:
            assert an.entities[q.on_behalf_of].name == e["behalf"]



def test_institution_named_again_is_the_speaker():
    """``قالت الداخلية`` after ``وزارة الداخلية السورية`` was named: the ministry speaks; an
    indefinite source (مصدر) stays unattributed."""
    from marsad.pipeline import analyse as run

    res = Resources()
    text = ("أعلنت وزارة الداخلية السورية مقتل عشرين شخصا في تفجير كنيسة بدمشق. "
            "وقالت الداخلية إن الانتحاري فجر نفسه داخل الكنيسة. "
            "وقال مصدر إن التحقيق مستمر. "
            "وذكر بيان الوزارة أن المصابين نقلوا إلى المستشفيات.")
    a = run(prepare(Document(id="q", text=text), res), res)
    ministry = next(m.entity for m in a.mentions if "الداخلية" in m.text)
    by_text = {q.speaker_text: q.speaker for q in a.quotes}
    assert by_text.get("الداخلية") == ministry, by_text
    assert by_text.get("بيان الوزارة") == ministry, by_text  # its statement speaks for it
    assert by_text.get("مصدر") is None


def test_quote_after_a_named_channel_and_a_colon_and_a_bare_honorific():
    """A platform or outlet named in quotes before the colon is no quote (“تروث سوشال”: “...”, with
    markdown stars around the quote too); ``وقال الأمير`` is the emir just named in full; a bare
    honorific with nobody named before stays unattributed; the dots of an abbreviation (يو.بي.إس)
    end no frame. (Sentences written for the test.)"""
    from marsad.pipeline import analyse as run

    res = Resources()
    text = ("وكتب ترامب على منصته للتواصل الاجتماعي “تروث سوشال”: “أرفع الرسوم الجمركية على الصين فورا”.\n"
            "وقال ترامب في منشور على منصته “تروث سوشيال”: *“يسعدني أن أعلن اتفاق وقف إطلاق النار”*.\n"
            "وقال المتحدث لـ\"رويترز\": \"تم الإبلاغ عن إصابة 150 شخصا\".\n"
            "وأمر أمير الكويت الشيخ مشعل الأحمد الجابر الصباح بحل البرلمان.\n"
            "وقال الأمير، في كلمة بثها التلفزيون، “أمرنا بحل مجلس الأمة”.\n"
            "وقال جيوفاني ستونوفو، المحلل لدى يو.بي.إس \"تراجع التوتر يقلل الطلب على الذهب\".")
    a = run(prepare(Document(id="q2", text=text), res), res)
    said = {q.text: q for q in a.quotes}
    assert said["أرفع الرسوم الجمركية على الصين فورا"].speaker == "kb:donald-trump"
    assert said["يسعدني أن أعلن اتفاق وقف إطلاق النار"].speaker == "kb:donald-trump"
    assert "تم الإبلاغ عن إصابة 150 شخصا" in said
    assert not any(q.text in ("تروث سوشال", "رويترز") for q in a.quotes)
    assert said["أمرنا بحل مجلس الأمة"].speaker == "kb:mishal-al-ahmad"
    assert said["تراجع التوتر يقلل الطلب على الذهب"].speaker_text == "جيوفاني ستونوفو"  # dots of an abbreviation
    lone = run(prepare(Document(id="q3", text="وقال الملك، في كلمة، إن البلاد تمر بمرحلة صعبة."), res), res)
    assert [q.speaker for q in lone.quotes] == [None]


def _said(text: str, doc_id: str) -> tuple[Analysis, dict]:
    """The whole pipeline on ``text``: its analysis and its quotes by their text."""
    from marsad.pipeline import analyse as run

    res = Resources()
    a = run(prepare(Document(id=doc_id, text=text), res), res)
    return a, {q.text: q for q in a.quotes}


def test_a_quotation_opening_its_sentence_with_the_frame_after_it():
    """``"..."، قال ترامب`` and ``"..."، هكذا وصف ترامب القرار``: the frame follows the quotation and
    names the speaker; a quotation followed by no frame (a headline quoted as a title) is none.
    (Sentences written for the test.)"""
    text = ("أعلن الرئيس الأمريكي دونالد ترامب فرض رسوم جمركية جديدة على عشرات الدول.\n"
            "\"نحن مستعدون للتفاوض مع كل من يريد اتفاقا عادلا\"، قال ترامب في البيت الأبيض.\n"
            "\"اليوم يدخل التاريخ كيوم استقلال اقتصادي لأمريكا\"، هكذا وصف ترامب القرار الذي قال إنه \"تحرير\".\n"
            "\"الطريق إلى السلام طويل جدا\" عنوان المقال الذي نشرته الصحيفة أمس.")
    a, said = _said(text, "q3")
    assert said["نحن مستعدون للتفاوض مع كل من يريد اتفاقا عادلا"].speaker == "kb:donald-trump"
    assert said["اليوم يدخل التاريخ كيوم استقلال اقتصادي لأمريكا"].speaker == "kb:donald-trump"
    assert "الطريق إلى السلام طويل جدا" not in said
    assert not any(q.text.startswith("في البيت الأبيض") for q in a.quotes)  # its own verb frames nothing more
    _, once = _said("\"نحن مستعدون للتفاوض مع كل من يريد اتفاقا عادلا،\" قال ترامب.", "q5")
    assert list(once) == ["نحن مستعدون للتفاوض مع كل من يريد اتفاقا عادلا"]  # a comma inside: still one quote


def test_a_postposed_frame_names_its_speaker_after_his_title_not_after_a_preposition():
    """``"..."، قال الرئيس الأوكراني فولوديمير زيلينسكي``: a title of two words before the name;
    ``قال مصدر مقرب من الرئيس زيلينسكي`` is an unnamed source, not the president. (Sentences
    written for the test.)"""
    _, said = _said("بدأت المحادثات في جنيف.\n\"لن نقبل بأي اتفاق لا يضمن انسحاب القوات\"، قال الرئيس"
                    " الأوكراني فولوديمير زيلينسكي.", "q6")
    assert said["لن نقبل بأي اتفاق لا يضمن انسحاب القوات"].speaker == "kb:volodymyr-zelensky"
    _, said = _said("\"لن نقبل بأي اتفاق لا يضمن انسحاب القوات\"، قال مصدر مقرب من الرئيس زيلينسكي.", "q7")
    assert said["لن نقبل بأي اتفاق لا يضمن انسحاب القوات"].speaker is None


def test_an_aside_about_the_speaker_between_the_verb_and_the_quotation():
    """``وقالت X، التي ...، "..."`` and ``وقال X، وهي مقاطعة ...، لرويترز: "..."``: an aside
    between commas (or up to the quotation) is skipped, however long the frame gets. (Sentences
    written for the test.)"""
    text = ("وقال سميم جوياندا المتحدث باسم إدارة الصحة في الولاية، وهي مقاطعة جبلية شمالية قرب الحدود مع"
            " الجارة الشمالية، لـ\"رويترز\": \"تم الإبلاغ حتى صباح الإثنين عن إصابة 150 شخصا\".\n"
            "وقالت شمسو عبدي، التي قضت المساء في الفندق المطل على الشاطئ مع أصدقائها، \"أصبت في ذراعي"
            " بشظايا قذيفة\".")
    _, said = _said(text, "q4")
    assert said["تم الإبلاغ حتى صباح الإثنين عن إصابة 150 شخصا"].speaker_text == "سميم جوياندا"
    assert said["أصبت في ذراعي بشظايا قذيفة"].speaker_text == "شمسو عبدي"


def test_a_reporting_verb_without_subject_continues_the_person_the_text_opened_with():
    """Pro-drop ``وقال على إكس`` after ``وينفي X ...``: X speaks; after a sentence about no one, or
    after ``ما أشار إلى أن`` (what pointed to it), nobody does. (Sentences written for the test.)"""
    _, said = _said("وينفي رئيس البلدية أكرم إمام أوغلو جميع التهم الموجهة إليه.\n"
                    "ونفى أيضا التهمة الأحدث أمام المحكمة يوم الأحد.\n"
                    "وقال على إكس “هذه التهم افتراء لا أساس له من الصحة”.", "q6")
    assert said["هذه التهم افتراء لا أساس له من الصحة"].speaker_text == "أكرم إمام أوغلو"
    _, none = _said("اجتمع الوزراء في القاهرة أمس. وقال في مؤتمر صحفي إن الاجتماع كان مثمرا.", "q7")
    assert none["الاجتماع كان مثمرا"].speaker is None
    _, smoke = _said("وصل الرئيس الفرنسي إيمانويل ماكرون إلى روما. وتصاعد الدخان الأبيض من المدخنة، ما أشار"
                     " إلى أن الكرادلة اختاروا بابا جديدا للكنيسة.", "q8")
    assert smoke and all(q.speaker is None for q in smoke.values())


def test_a_claim_according_to_a_document_issued_by_a_body(res):
    """``وحسب وثيقة صادرة عن المفوضية، أن "..."``: the body that issued the document is the
    source, and ``وأضافت`` goes on with it (sentences written for the test)."""
    text = ('أعلنت مفوضية الانتخابات أن نسبة المشاركة بلغت 55%. وحسب وثيقة صادرة عن المفوضية، أن "عدد المصوتين '
            'بلغ 12 مليون مصوت من أصل 21 مليون ناخب". وأضافت "نسبة التصويت تتجاوز 55 %".')
    _, an = analyse(text, [], res)
    (q,) = find(an, "عدد المصوتين")
    assert normalize(q.speaker_text) == normalize("المفوضية")
    (q,) = find(an, "تتجاوز")
    assert normalize(q.speaker_text) == normalize("المفوضية")
    _, an = analyse("وبحسب تقرير صادر عن الأمم المتحدة، فإن أكثر من مليون شخص نزحوا من منازلهم.", [], res)
    (q,) = find(an, "مليون شخص")
    assert "الأمم المتحدة" in q.speaker_text


def test_quotes_a_name_set_off_by_commas_after_a_title_and_scope_speaks(res):
    """``صرح قائد الشرطة في ولاية كادونا، محمد عبد الله، بأن``: the name between commas is the
    title's holder and the speaker; a clause between commas (``طلب عدم نشر اسمه``) names no one."""
    police = [{"name": "Mohammed Abdullah", "type": "PERSON", "forms": ["محمد عبد الله"]}]
    doc, an = analyse('من جانبه، صرح قائد الشرطة في ولاية كادونا، محمد عبد الله، بأن "المسلحين خطفوا 20 طالبا".',
                      police, res)
    [q] = an.quotes
    assert speaker_name(q, an) == "Mohammed Abdullah"
    doc, an = analyse('وقال مسؤول في الحكومة، طلب عدم نشر اسمه، إن "الاتفاق مع محمد عبد الله قريب".', police, res)
    [q] = an.quotes
    assert q.speaker is None
