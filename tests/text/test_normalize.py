from marsad.text.normalize import clean_stored, normalize, normalize_map


def test_normalize_unifies_alef_yaa_taa_and_drops_diacritics():
    assert normalize("إسطنبول") == normalize("اسطنبول")
    assert normalize("مُستشفى") == normalize("مستشفي")
    assert normalize("الحكومةُ") == "الحكومه"
    assert normalize("ســلام") == "سلام"  # tatweel


def test_normalize_digits_and_punctuation():
    assert normalize("٣٠ يوماً") == "30 يوما"
    assert normalize("۱۴۰۳") == "1403"
    assert normalize("«تاس»، ") == '"تاس",'


def test_offset_map_slices_original_exactly():
    text = "قالَ الرئيسُ «إنّ» ٣٠ يوماً"
    nt = normalize_map(text)
    i = nt.text.index("30")
    a, b = nt.span(i, i + 2)
    assert text[a:b] == "٣٠"
    j = nt.text.index("الرييس")
    a, b = nt.span(j, j + len("الرييس"))
    assert text[a:b] == "الرئيسُ"[:-1] or text[a:b] == "الرئيس"


def test_clean_stored_keeps_arabic_and_fixes_line_endings():
    assert clean_stored("سطر\r\nثان") == "سطر\nثان"


def test_clean_stored_keeps_offsets_past_a_bom_or_nul():
    """A BOM or NUL byte becomes a space: the offsets of what follows still count from the text
    as it was submitted."""
    text = "\ufeffقال الرئيس\x00 اليوم"
    assert clean_stored(text) == " قال الرئيس  اليوم"
    assert clean_stored(text).index("اليوم") == text.index("اليوم")
    # a BOM inside a word (a zero-width no-break space of old texts) splits nothing
    assert clean_stored("عبد المجيد تب\ufeffون") == "عبد المجيد تبون"


def test_a_whole_article_is_normalised_like_a_word_but_never_kept():
    """Words repeat and their keys are cached; an article is not (a cache of 65,536 articles held
    gigabytes while streaming a large archive)."""
    from marsad.text import normalize as mod

    word = "المفاوضاتُ"
    article = "قال الكرملين إن الرئيسين بوتين وترامب بحثا هاتفياً الأزمة الأوكرانية. " * 40
    def looked_up() -> int:  # strings the cache was asked for, found or not (it may be full)
        info = mod._normalize_short.cache_info()
        return info.hits + info.misses

    before = looked_up()
    assert normalize(word) == "المفاوضات"
    assert looked_up() == before + 1
    whole = normalize(article)
    assert looked_up() == before + 1
    assert whole == " ".join(normalize(w) for w in article.split())


def test_a_text_only_hashed_is_normalised_without_its_offsets():
    """A stored page is hashed and compared by its normalised text only; its offsets (a number per
    character) would cost several times the page. The text is the same either way."""
    from marsad.ingest.dedup import content_hash, match_text
    from marsad.text.normalize import normalize_text

    page = "قالَ المتحدثُ باسم الكرملين:\n«إنّ الرئيسين بحثا ٣٠ ملفاً»\u00a0 ــ  وأضاف. " * 30
    assert normalize_text(page) == normalize_map(page).text
    assert match_text(page) == " ".join(normalize_map(page).text.split())
    assert content_hash(page) == content_hash(page.replace("  ", " ").replace("\n", " "))
    assert content_hash(page) != content_hash(page.replace("٣٠", "٣١"))
