"""Names read from pages (outlet, author, title): plain text, one line, bounded, as written.

A page's ``og:site_name``, a feed's title or a JSON ``source`` are untrusted: they may carry
markup (``<script>alert(1)</script>Site``), entities, control characters, bidi overrides or
megabytes of text. Every reader passes such strings through ``clean_name`` / ``clean_title``,
so the store holds plain text only: markup parsed by lxml and dropped (script and style
elements with their content), entities decoded (repeatedly, so an escaped tag is dropped
too), control and bidi-override characters and runs of white space made one space, Unicode
NFC, and the length capped. Letter case is never changed (``bbc News`` stays ``bbc News``).
"""

from __future__ import annotations

import html
import re
import unicodedata

from lxml import etree
from lxml import html as lxml_html

MAX_NAME_CHARS = 200  # outlet and author names
MAX_TITLE_CHARS = 500  # titles
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>?")
# C0/C1 controls, and the bidi embeddings/overrides/isolates that can make a name read as another
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_HIDDEN = ("script", "style", "noscript", "template")
_BLOCKS = {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "header", "footer", "blockquote", "dt", "dd", "hr"}


def _strip_markup(text: str) -> str:
    try:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(text)
    etree.strip_elements(root, *_HIDDEN, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in root.iter():
        if el is not root and isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = " " + (el.tail or "")  # block boundaries separate words
    return root.text_content()


def clean_name(value: object, limit: int = MAX_NAME_CHARS) -> str | None:
    """``value`` as plain one-line text of at most ``limit`` characters; None when nothing is left."""
    if value is None:
        return None
    text = str(value)[: limit * 20]  # bound the parsing work; the cap below is the real one
    for _ in range(8):  # &lt;script&gt; decodes to a tag, which the next round drops
        text = _CONTROLS.sub(" ", text)
        if not _MARKUP.search(text):
            break
        text, before = _strip_markup(text), text
        if text == before:
            break
    text = _TAG.sub(" ", text)  # what is left of a tag after so many rounds of escaping
    text = " ".join(unicodedata.normalize("NFC", _CONTROLS.sub(" ", text)).split())
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit * 0.8 else cut).rstrip() + "…"
    return text or None


def clean_title(value: object) -> str | None:
    return clean_name(value, MAX_TITLE_CHARS)
