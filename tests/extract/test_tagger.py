"""The trained name tagger: its token view of raw news, spans that keep glued proclitics out,
names the knowledge base does not know found in the pipeline, and its held-out score on
NewsFANE sentences it was not trained on (the last 20% of the file)."""

from __future__ import annotations

import shutil
from importlib import resources as ires
from pathlib import Path

import pytest

from marsad.extract.tagger import Span, decode, features, gap_kind, split_word
from marsad.extract.word_clusters import cluster_key, learn, load_clusters, save
from marsad.pipeline import analyse, prepare
from marsad.resources import Resources
from marsad.text.tokenize import norms, tokenize
from marsad.types import Document
from tests.conftest import missing_service

NEWSFANE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "newsfane_gold"
SAMPLES = Path(__file__).resolve().parents[2] / "marsad" / "samples"


def test_split_word_and_clitics_kept_out_of_names():
    assert split_word("وبالرئيس") == ("وبال", "رئيس")
    text = "وقال وبوتين ولبنان ووزارة الخارجية"
    spans = decode(tokenize(text), ["O", "B-PERSON", "B-LOC", "B-ORG", "I-ORG"])
    assert [text[s.start:s.end] for s in spans] == ["بوتين", "لبنان", "وزارة الخارجية"]
    assert decode(tokenize("زار لبنان"), ["O", "B-LOC"])[0] == Span(4, 9, "LOC")  # ل of لبنان is the name's


def test_no_name_runs_across_punctuation():
    """Tokens carry no punctuation; the text between them ends a name (a colon, comma, bracket)."""
    text = "البرازيلي ايمرسون : خاض ايمرسون ( 30 عاما ) مباراة"
    toks = tokenize(text)
    labels = ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"]
    assert [text[s.start:s.end] for s in decode(toks, labels, text)] == ["ايمرسون", "خاض ايمرسون"]
    assert [text[s.start:s.end] for s in decode(toks, labels)] == ["ايمرسون : خاض ايمرسون"]  # no text
    f = features(toks, text=text)
    assert "gr=colon" in f[1] and "gl=colon" in f[2] and "gl=sp" in f[1] and "gl=edge" in f[0]
    assert gap_kind(" - ") == "dash" and gap_kind(" ، ") == "comma" and gap_kind("  ") == "sp"


def test_a_lineage_after_an_organisation_makes_its_last_word_a_persons_name():
    """An organisation tagged on into a given name (للمجلس الدستوري فاطمة) ends before it when a
    lineage follows: the person runs over the lineage and the name after it (written for the test)."""
    text = "وقالت الأمينة العامة للمجلس الدستوري فاطمة منت أحمد إن المجلس لم يتلق أي طعن"
    toks = tokenize(text)
    labels = ["O"] * len(toks)
    at = 3  # للمجلس
    labels[at:at + 3] = ["B-ORG", "I-ORG", "I-ORG"]
    spans = {(text[s.start:s.end], s.type) for s in decode(toks, labels, text)}
    # لل: the preposition and the article whose alef is dropped; the article's ل stays with the name
    assert spans == {("للمجلس الدستوري", "ORG"), ("فاطمة منت أحمد", "PERSON")}, spans
    labels[at + 4:at + 6] = ["B-PERSON", "I-PERSON"]  # "منت أحمد" tagged as a person of its own
    spans = {(text[s.start:s.end], s.type) for s in decode(toks, labels, text)}
    assert spans == {("للمجلس الدستوري", "ORG"), ("فاطمة منت أحمد", "PERSON")}, spans
    no_lineage = "وقال رئيس المجلس الدستوري فاطمة إن"
    t2 = tokenize(no_lineage)
    s2 = decode(t2, ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"], no_lineage)
    assert [(no_lineage[s.start:s.end], s.type) for s in s2] == [("المجلس الدستوري فاطمة", "ORG")]


def test_features_use_language_data():
    f = features(tokenize("قال الرئيس الفرنسي"))
    assert "title" in f[1] and "adj" in f[2] and "-1:title" in f[2]


def test_unknown_names_found_in_raw_news():
    """Names no knowledge-base entry holds, in glued raw text, become entities of their kind."""
    res = Resources()
    text = ("وقال المحلل السياسي كريستوفر ماكدونالد إن اللجنة ستجتمع في مدينة تيميشوارا الأسبوع المقبل، "
            "بحضور ممثلين عن شركة فولكرمان للصناعات الثقيلة.")
    a = analyse(prepare(Document(id="t", text=text), res), res)
    got = {(m.text, m.type) for m in a.mentions}
    assert ("كريستوفر ماكدونالد", "PERSON") in got
    assert any(t == "ORG" and "فولكرمان" in s for s, t in got)
    assert all(m.entity for m in a.mentions if m.type != "ROLE")


def test_a_given_name_spelt_like_a_common_word_opens_a_name_only_as_written():
    """آلان (Alain) and الآن (now) are one word once normalised; only the name's spelling opens one."""
    res = Resources()

    def people(text: str) -> list[str]:
        a = analyse(prepare(Document(id="t", text=text), res), res)
        return [m.text for m in a.mentions if m.type == "PERSON"]

    assert people("ويجري الحديث الآن حول اتفاق جديد بين الطرفين، وأنا أعترف بذلك.") == []
    assert people("اجتمع أمس آلان بيرنار مع الوفد.") == ["آلان بيرنار"]


def test_word_classes_group_words_that_stand_alike():
    """The shipped classes (learned from NewsFANE and GSR sentences) put speech verbs together and
    months together, and the tagger sees a word's class and its neighbours' (none if unseen)."""
    c = load_clusters()
    assert len(c) > 5000
    key = [cluster_key(w) for w in norms("قال أكد أعلن يناير مارس")]
    assert c[key[0]] == c[key[1]] == c[key[2]] and c[key[3]] == c[key[4]] and c[key[0]] != c[key[3]]
    assert cluster_key(norms("وبالعاصمة")[0]) == "عاصمه"
    f = features(tokenize("قال كزيمبروفيتش"))
    assert f"c0={c[key[0]][0]}" in f[0] and f"-1:c0={c[key[0]][0]}" in f[1] and "c=none" in f[1]


def test_a_given_model_reads_the_word_classes_beside_it(tmp_path):
    """A tagger trained elsewhere is used with the classes learned with it (the training command
    writes them beside the model); without such a file, the shipped classes."""
    from marsad.extract.tagger import MODEL, Tagger

    model = tmp_path / "ner.crfsuite"
    with ires.as_file(ires.files("marsad") / "models" / MODEL) as p:
        shutil.copy(p, model)
    assert Tagger(model)._g.clusters == load_clusters()
    save({"قال": (1, 2, 3, 4)}, tmp_path / "word_clusters.json", (64, 256, 64, 256))
    assert Tagger(model)._g.clusters == {"قال": (1, 2, 3, 4)}


def test_a_pronoun_written_apart_is_no_name():
    """Clitic-split text writes the suffix as a word (نائب وزير خارجية ها): no name after the title."""
    res = Resources()
    text = "و ابدت سوريا عبر فيصل المقداد نائب وزير خارجية ها استعداد ها للحوار مع واشنطن ."
    a = analyse(prepare(Document(id="t", text=text), res), res)
    assert not [m.text for m in a.mentions if "ها" in m.text.split()]


def test_word_classes_learned_from_text():
    """``learn`` is deterministic for a seed and classes every word seen often enough (the five
    sample reports, three times each)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] * 3
    one, two = learn(texts, (8, 16), dims=10), learn(texts, (8, 16), dims=10)
    assert one == two and len(one) > 300
    assert all(0 <= a < 8 and 0 <= b < 16 for a, b in one.values())
    assert cluster_key(norms("بوتين")[0]) in one


@pytest.mark.skipif(not (NEWSFANE / "NewsFANE_Gold_train.txt").is_file(),
                    reason=missing_service(f"{NEWSFANE} not present (../shared)"))
def test_held_out_newsfane(tmp_path, capsys):
    """The training command fits the classes and the tagger on the first 80% and scores the
    rest (the shipped model is refitted on all of it, so it is not scored here). Measured when
    landed (tagger alone): F1 0.707 clitic-split, 0.702 glued (PERSON 0.67, ORG 0.54, LOC 0.79).
    Other clusterings of the same counts gave 0.685-0.702 (without classes: 0.687), so the bar
    is that of a working tagger, not of the classes' gain."""
    from marsad.extract.tagger_training import main as train

    train([str(NEWSFANE), "--out", str(tmp_path / "ner.crfsuite")])
    out = capsys.readouterr().out
    assert (tmp_path / "ner.crfsuite").stat().st_size > 500_000 and (tmp_path / "word_clusters.json").is_file()
    got = {}
    for view in out.split("held out (")[1:]:
        name = view.split(";")[0].split(", ", 1)[1]
        got[name] = {ln.split()[0]: float(ln.split()[-1]) for ln in view.splitlines()[1:] if "F1" in ln}
    assert set(got) == {"as given (clitic-split)", "glued like raw news"}, out
    for scores in got.values():
        assert scores["all"] >= 0.68 and scores["PERSON"] >= 0.62, out
