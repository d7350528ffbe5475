from marsad.text.tokenize import proclitic_splits, split_glued, strip_proclitics, tokenize
from marsad.text.vocab import known_word
from tests.conftest import sample_text


def test_tokens_carry_offsets_into_the_original():
    text = "وقال بوتن، إن “روسيا” مستعدة"
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text


def test_proclitics_are_stripped_when_the_stem_is_known():
    known = {"كرملين", "بوتين", "ترمب"}.__contains__
    assert strip_proclitics("وبالكرملين", known) == ("وبال", "كرملين")
    assert strip_proclitics("لترمب", known) == ("ل", "ترمب")
    assert strip_proclitics("وبوتين", known) == ("و", "بوتين")
    assert strip_proclitics("ولاية", known) is None
    assert ("", "والد") in proclitic_splits("والد")


def test_glued_word_in_sample_000_splits_into_two_countries():
    text = sample_text("000_33b7f8984ed71b72")
    tok = next(t for t in tokenize(text) if t.text == "روسياوأوكرانيا")
    parts = split_glued(tok.text, known_word)
    assert parts is not None
    assert [tok.text[a:b] for a, b in parts] == ["روسيا", "وأوكرانيا"]


def test_real_words_are_not_split():
    for w in ["والولايات", "وأوكرانيا", "المفاوضات", "روسيا"]:
        assert split_glued(w, known_word) is None
