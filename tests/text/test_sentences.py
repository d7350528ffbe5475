import pytest

from marsad.pipeline import prepare
from marsad.resources import Resources
from marsad.text.sentences import split_sentences
from marsad.types import Document
from tests.conftest import sample_text

STEMS = ["000_33b7f8984ed71b72", "001_d1a393b1c47605d2", "002_785cad2e1a822a5b",
         "003_da240b10efe9935a", "004_3e5401b0e91f3fad"]


@pytest.mark.parametrize("stem", STEMS)
def test_sentence_offsets_slice_the_original_text(stem):
    text = sample_text(stem)
    doc = prepare(Document(stem, text), Resources())
    assert len(doc.sentences) >= 8
    prev_end = 0
    for s in doc.sentences:
        piece = text[s.start:s.end]
        assert piece == piece.strip() and piece
        assert s.start >= prev_end
        prev_end = s.end


def test_quoted_full_stops_do_not_split():
    text = 'وكتب زيلنسكي: “لا أحد يريد السلام أكثر من أوكرانيا. مع الولايات المتحدة نرسم خطواتنا”. وقال آخر شيئا.'
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert len(sents) == 2
    assert sents[0].endswith("”.")


def test_a_stray_quote_mark_does_not_carry_a_sentence_over_a_line_it_ends():
    """A closing mark with no opening one (حيا".) is no open quotation: the line ends with a full
    stop, so the sentence ends there, and the next line's own quotation stays in the next one."""
    text = 'وقال إن الشرطة قبضت على أحد المهاجمين حيا".\nوقالت شاهدة "أصبت في ذراعي بشظايا" وأضافت أن صديقتها أصيبت.'
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert sents == ['وقال إن الشرطة قبضت على أحد المهاجمين حيا".',
                     'وقالت شاهدة "أصبت في ذراعي بشظايا" وأضافت أن صديقتها أصيبت.']


def test_hard_wrapped_lines_are_rejoined():
    text = sample_text("004_3e5401b0e91f3fad")
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert any(s.startswith("أكد الكرملين أن\nالاتصال ناقش") for s in sents)
    assert "إيران وإسرائيل" in sents  # a sub-heading stays on its own


def test_run_on_sentence_is_cut_before_a_reporting_phrase():
    long = "بدأت الجلسة في وقت متأخر من المساء بحضور عدد كبير من المسؤولين والدبلوماسيين " * 4
    text = long.strip() + "، وأضاف المتحدث أن الاجتماع سيستمر حتى الغد"
    sents = [text[s.start:s.end] for s in split_sentences(text)]
    assert len(sents) == 2 and sents[1].startswith("وأضاف")


def test_boilerplate_in_sample_002_is_removed_and_recorded():
    text = sample_text("002_785cad2e1a822a5b")
    doc = prepare(Document("002", text), Resources())
    cut = text.index("شاهد أيضاً")
    assert doc.body_end == cut
    assert doc.removed and doc.removed[0].start == cut and doc.removed[0].end == len(text)
    assert all(s.end <= cut for s in doc.sentences)
    assert "غزة" not in doc.body


def test_an_aggregators_thank_you_line_is_removed_and_recorded():
    """Aggregator pages open with "thanks for reading the news about X; now the details":
    page furniture, not news (it once titled an event)."""
    line = "شكرا لقرائتكم خبر عن الناخبين يختارون رئيسا للبلاد والان نبدء بالتفاصيل"
    body = "توجه الناخبون صباح اليوم السبت إلى مراكز الاقتراع لاختيار رئيس جديد للبلاد وسط إجراءات أمنية مشددة."
    doc = prepare(Document("t", line + "\n" + body), Resources())
    assert [(r.start, r.end) for r in doc.removed] == [(0, len(line))]
    assert all(s.start > len(line) for s in doc.sentences)


def test_a_news_ticker_of_other_stories_is_removed_and_recorded():
    """A page's "latest news" column (each line opening with the time it was posted) is other
    stories: it once gave a football result as the title of an election report."""
    ticker = ("- 22:44فريق العاصمة يهزم ضيفه ويتأهل إلى ربع النهائي\n"
              "- 22:22المنتخب الوطني للشباب يتوج بطلا للبطولة القارية\n"
              "- 21:59توقيف شخصين في المدينة الساحلية بموجب أوامر دولية\n")
    body = "توجه الناخبون صباح اليوم السبت إلى مراكز الاقتراع لاختيار رئيس جديد للبلاد وسط إجراءات أمنية مشددة."
    doc = prepare(Document("t", ticker + body), Resources())
    assert [r.reason for r in doc.removed] == ["news ticker"] * 3
    assert all(s.start >= len(ticker) for s in doc.sentences)
    # two timed lines are no ticker (a report may give two times of day)
    two = "".join(ticker.splitlines(keepends=True)[:2]) + body
    assert prepare(Document("u", two), Resources()).removed == []
    # a live blog's timed paragraphs are sentences, not a ticker
    blog = ("10:05 أعلنت وزارة الصحة ارتفاع عدد المصابين إلى ثلاثين شخصا.\n"
            "10:20 قال الدفاع المدني إن فرق الإنقاذ انتشلت ناجين من تحت الأنقاض.\n"
            "10:45 وصل وزير الداخلية إلى موقع الحادث وتفقد المصابين في المستشفى.\n")
    assert prepare(Document("v", blog + body), Resources()).removed == []


def test_a_like_our_page_prompt_is_removed_and_recorded():
    """"Like our page on Facebook to get more" is a site's call to action, not news: it once titled
    a five-report election event."""
    prompt = "سجّل إعجابك بصفحتنا على فيسبوك لتحصل على المزيد\n\nأعجبك الموضوع؟ سجّل إعجابك بصفحتنا على فيسبوك لتحصل على المزيد\n\n"
    body = "تشهد البلاد انتخابات تشريعية اليوم وسط إجراءات أمنية مشددة، وتوجه الناخبون إلى مراكز الاقتراع."
    doc = prepare(Document("t", prompt + body), Resources())
    assert len(doc.removed) == 2
    assert all(s.start >= len(prompt) for s in doc.sentences)


def test_a_teaser_inside_the_article_leaves_out_its_line_only():
    """اقرأ أيضاً with the story going on after it (a paragraph ending as a sentence ends) is a
    teaser set in the page: its line is left out, the rest of the report is read. A list of
    related headlines after it is still the page's tail. (Text written for the test.)"""
    head = ("أعلنت وزارة الخارجية استدعاء سفيرها للتشاور بعد طرد موظفين من سفارتها في العاصمة، "
            "في خطوة تعكس تصاعد الأزمة بين البلدين خلال الأسابيع الماضية.\n")
    teaser = "اقرأ أيضاً: البلدان يوقعان اتفاقاً لمد أنبوب غاز جديد\n"
    body = ("وقال وزير الخارجية في ندوة صحفية إن بلاده لم تكن يوما البادئة بالتصعيد، وإنها تحتفظ بحقها "
            "في اتخاذ كل الإجراءات التي تحفظ سيادتها وكرامة مواطنيها في الداخل والخارج.\n")
    text = head * 2 + teaser + body
    doc = prepare(Document("t", text), Resources())
    a = text.index("اقرأ")
    assert doc.body_end is None and [(r.start, r.end) for r in doc.removed] == [(a, a + len(teaser) - 1)]
    assert any(text[s.start:s.end].startswith("وقال وزير الخارجية") for s in doc.sentences)
    listed = head * 2 + teaser + "البلدان يوقعان اتفاقاً للتعاون الأمني\nارتفاع أسعار الوقود في العاصمة\n"
    assert prepare(Document("t", listed), Resources()).body_end == a
    # a list's heading, or an excerpt cut with an ellipsis, is the page's tail however long it runs
    most_read = head * 2 + "الأكثر قراءة\n" + body
    assert prepare(Document("t", most_read), Resources()).body_end == most_read.index("الأكثر")
    excerpt = head * 2 + teaser + body.rstrip(".\n") + "...\n"
    assert prepare(Document("t", excerpt), Resources()).body_end == a
