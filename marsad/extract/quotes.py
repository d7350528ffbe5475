"""Direct and reported quotes, each attributed to a speaker entity (stage ``quotes``).

A quote is found from its *frame*: a reporting verb (``قال``, ``أكد``, ``مضيفا``...), then a short
tail (the speaker, an addressee, a channel, a time) that ends where the content starts: at a
complementiser (``إن``/``أن``/``بأن``), a colon, an opening quote mark, or a particle the verb
takes (``شدد على``). Reported content runs to the end of the sentence or to the next frame that
opens a new clause; quoted content is the text between the marks. The span never includes the
frame or the marks. A bare quoted sentence after a quote continues its speaker.

The speaker comes from the entities stage's mentions: the subject after the verb (or just
before it), a spokesperson speaking for someone (``المتحدث باسم X``), or, when the verb has
no subject of its own (``وأضاف``, ``قائلا``), the speaker of the clause or of the previous quote.
A quote whose speaker cannot be found is kept with ``speaker=None``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from marsad.extract.discover import cues
from marsad.extract.kb import get_kb
from marsad.extract.offices import PREFIX as OFFICE
from marsad.extract.offices import office_key, office_record
from marsad.extract.quote_lexicon import Lexicon, Verb, bare, lexicon, match_at, match_named, starting_with
from marsad.extract.roles import same_title, title_of, titled_with, titles_data
from marsad.lang.ar import load_json
from marsad.resources import Resources
from marsad.text.normalize import normalize, normalize_map
from marsad.text.tokenize import Token, proclitic_splits, tokenize
from marsad.types import Analysis, Document, Mention, Quote

OPEN = {"“": "”", "«": "»", "„": "”", "‹": "›", '"': '"'}
TERMINALS = ".!?؟…"
TRIM = " \t\n،,.:;؛-–—"
EMPHASIS = " \t\n*_"  # spaces and markdown emphasis (*“...”*) between a colon and a quotation
# Mention types in order of preference when a subject phrase names several (title + name).
RANK = {"PERSON": 0, "ROLE": 1, "ORG": 2, "LOC": 3}
_PAREN = re.compile(r"\([^()]{0,60}\)")


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    text: str | None
    behalf: str | None = None
    explicit: bool = True


@dataclass(slots=True)
class Frame:
    sent: int
    verb_tok: int  # token index of the reporting verb
    verb: Verb
    start: int  # char offset where the frame's clause starts (subject of an SVO frame, or the verb)
    tail_end: int  # token index: tail is tokens[verb_tok + 1 : tail_end]
    cstart: int  # char offset of the content
    quoted: tuple[int, int] | None  # (open mark, close mark) when the content is one quotation
    cend: int = -1
    subject: list[Mention] | None = None  # SVO subject before the verb


@dataclass(slots=True)
class Cue:
    """An attribution phrase (``بحسب X``) or a channel phrase found in a sentence."""

    start: int  # char offsets of the whole phrase, source included
    end: int
    name: str | None  # canonical outlet/channel name
    media: bool
    mentions: list[Mention]
    text: str


class Context:
    """One document prepared for quote finding: tokens, quotations, mentions, sentences."""

    def __init__(self, doc: Document, analysis: Analysis, res: Resources):
        self.doc, self.analysis, self.lex = doc, analysis, lexicon(res)
        cfg = res.config["quotes"]
        self.max_tail = int(cfg["max_frame_tokens"])
        self.aside_max = int(cfg["max_aside_tokens"])
        self.window = int(cfg["continuation_sentences"])
        self.bare_min_words = int(cfg["bare_quote_min_words"])
        self.bare_min_share = float(cfg["bare_quote_min_share"])
        self.max_quote = int(cfg["max_quote_chars"])
        self.text = doc.text
        end = doc.body_end if doc.body_end is not None else len(doc.text)
        self.tokens = [t for t in tokenize(doc.text[:end])]
        self.quotations = find_quotations(doc.text, end, self.max_quote)
        # an office named by its title alone (وزير الإعلام السوري) speaks as that office
        self.mentions = sorted((replace(m, entity=office_key(m.role)) if m.type == "ROLE" and m.entity is None
                                and m.role else m for m in analysis.mentions), key=lambda m: (m.start, -m.end))
        # Positions to bisect on, so every lookup below costs the size of its answer, not of the
        # document (a long page has tens of thousands of tokens and mentions).
        self._mention_starts = [m.start for m in self.mentions]
        self._longest_mention = max((m.end - m.start for m in self.mentions), default=0)
        self._quote_starts = [q[0] for q in self.quotations]
        self._token_starts = [t.start for t in self.tokens]
        self._sentence_starts = [s.start for s in doc.sentences]
        self.times = [(t.start, t.end) for t in analysis.times]
        # token ranges per sentence
        self.sent_tokens: list[tuple[int, int]] = []
        k = 0
        for s in doc.sentences:
            while k < len(self.tokens) and self.tokens[k].start < s.start:
                k += 1
            a = k
            while k < len(self.tokens) and self.tokens[k].end <= s.end:
                k += 1
            self.sent_tokens.append((a, k))

    # -- small lookups -----------------------------------------------------------------
    def in_quotation(self, pos: int) -> tuple[int, int] | None:
        k = bisect_left(self._quote_starts, pos) - 1  # quotations do not overlap
        return self.quotations[k] if k >= 0 and pos < self.quotations[k][1] else None

    def quotations_from(self, a: int, b: int) -> list[tuple[int, int]]:
        """Quotations opening in [a, b), in document order."""
        return self.quotations[bisect_left(self._quote_starts, a):bisect_left(self._quote_starts, b)]

    def mentions_between(self, a: int, b: int) -> list[Mention]:
        """Mentions starting in [a, b), in document order."""
        return self.mentions[bisect_left(self._mention_starts, a):bisect_left(self._mention_starts, b)]

    def mentions_covering(self, a: int, b: int) -> list[Mention]:
        """Mentions overlapping [a, b), in document order."""
        return [m for m in self.mentions_between(a - self._longest_mention, b) if m.end > a]

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        return [m for m in self.mentions_between(a, b + 1) if m.end <= b]

    def mention_at_token(self, t: Token) -> Mention | None:
        best = None
        for m in self.mentions_covering(t.start, t.end):
            if best is None or m.end - m.start > best.end - best.start:
                best = m
        return best

    def token_index(self, pos: int) -> int:
        k = bisect_right(self._token_starts, pos) - 1
        return k if k >= 0 and pos < self.tokens[k].end else -1

    def sentence_of(self, pos: int) -> int:
        k = bisect_right(self._sentence_starts, pos) - 1
        return k if k >= 0 and pos < self.doc.sentences[k].end else -1

    def verb_at(self, t: Token) -> Verb | None:
        if self.in_quotation(t.start):
            return None
        for prefix, stem in proclitic_splits(t.norm):
            if prefix in ("", "و", "ف") and stem in self.lex.verbs and stem not in self.lex.impersonal:
                return self.lex.verbs[stem]
        return None

    def prepositional(self, m: Mention, i0: int, construct: bool = True) -> bool:
        """Is mention ``m`` governed by a preposition (``لترمب``, ``مع بوتين``, ``مكتب الرئيس``) or
        by a place cue (``كنيسة سيستين``)?"""
        k = self.token_index(m.start)
        tok = self.tokens[k] if k >= 0 else None
        if tok is not None and m.start > tok.start:
            prefix = normalize_map(self.text[tok.start:m.start]).text
            if any(c in prefix for c in "لبك"):
                return True
        if tok is not None and m.start == tok.start and tok.norm.startswith("لل") and len(tok.norm) > 4:
            return True  # للصحيفة: ل with the article, the mention taking in both (an addressee)
        if k < 0 or k <= i0:
            return False
        prev = self.tokens[k - 1]
        gap = self.text[prev.end:m.start]
        if any(c in gap for c in "،,:"):
            return False
        if self.mention_at_token(prev) is not None:
            return False
        p = bare(prev.norm)
        if p in self.lex.prepositions or prev.norm in self.lex.prepositions:
            return True
        if prev.norm[:1] in _GLUED_PREPOSITIONS and prev.norm[1:] in self.lex.heads_ok:
            return True  # لوكالة أسوشيتد برس: the name after a kind word with a preposition on it
        if any(prev.norm == ph[-1] for ph in self.lex.spokesperson):
            return True  # المتحدث باسم الحوثيين يحيى سريع: whom he speaks for, never the speaker
        if p in self.lex.place_cues or prev.norm in self.lex.place_cues:
            return True  # a place named after its cue (في كنيسة سيستين) is never the speaker
        if m.type == "PERSON" and any(prev.norm.endswith(x) and prev.norm[:-len(x)] in cues()["title_heads"]
                                      for x in self.lex.possessives):
            return False  # وقال رئيسه فلان: a title with its pronoun takes no genitive; the name is his
        # a construct head without the article: مكتب الرئيس, مستشار بوتين (not the speaker); a
        # particle opening a clause is none (غير أن حركة حماس اتهمت: حماس is the subject)
        if construct and self.verb_at(prev) is None and not p.startswith("ال") and p not in self.lex.heads_ok \
                and not match_at(self.tokens, k - 1, k, self.lex.skip) and not self.opener_before(k) \
                and p not in cues()["speech_verbs"] and prev.norm not in cues()["speech_verbs"]:
            return True  # but not a verb before its subject (ورفض الجيش, وصف البيت الأبيض)
        return False


    def opener_before(self, k: int) -> int:
        """Tokens of the clause opener (لكن, غير أن, إلا أن) ending right before token ``k``, the
        longest one; 0 when none does."""
        return max((len(ph) for ph in self.lex.openers
                    if k >= len(ph) and match_at(self.tokens, k - len(ph), k, (ph,)) == len(ph)), default=0)


_GLUED_PREPOSITIONS = frozenset(load_json("clitics.json")["glued_prepositions"])
_AND_LETTER = load_json("clitics.json")["and"]
_TOPIC_REACH = 8  # words from a sentence's start its opening subject may start within (a verb, a title, its scope)
_POSTPOSED_REACH = 8  # words after a postposed frame's verb its subject may start within (a title, then the name)

def _last_char_before(text: str, j: int) -> str:
    """The last non-space character before ``j`` ('' if none), without copying the text."""
    k = j - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def find_quotations(text: str, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Balanced quotation marks as (open, close) offsets; a quote may cross a hard-wrapped line
    but not a blank line or a line that ends a sentence."""
    out = []
    i = 0
    while i < end:
        c = text[i]
        close = OPEN.get(c)
        if close is None:
            i += 1
            continue
        j = i + 1
        found = -1
        while j < end and j - i <= max_chars:
            ch = text[j]
            if ch == close:
                found = j
                break
            if ch == "\n" and (text[j + 1:j + 2] == "\n" or _last_char_before(text, j) in TERMINALS):
                break
            j += 1
        if found > i + 1:
            out.append((i, found))
            i = found + 1
        else:
            i += 1
    return out


# -- cues --------------------------------------------------------------------------------
def find_cues(ctx: Context, a: int, b: int) -> tuple[list[Cue], list[Cue], list[tuple[int, int]]]:
    """Attribution (بحسب X) and channel cues in tokens[a:b], and the token ranges they cover."""
    lex, toks = ctx.lex, ctx.tokens
    according: list[Cue] = []
    channels: list[Cue] = []
    covered: list[tuple[int, int]] = []
    firsts = lex.cue_firsts
    i = a
    while i < b:
        if firsts and (norm := toks[i].norm) not in firsts and bare(norm) not in firsts:
            i += 1  # no phrase starts with this word: neither an attribution nor a channel here
            continue
        n = _according_at(ctx, i, b)
        if n:
            j, glued_off = n
            src_start = glued_off if glued_off is not None else (toks[j].start if j < b else toks[i].end)
            k = j
            while k < b and k - j < 10:
                gap = ctx.text[toks[k - 1].end:toks[k].start]
                if k > j and any(ch in gap for ch in ".:") or (
                        any(ch in gap for ch in "،,") and ctx.mention_at_token(toks[k]) is None) \
                        or k > j and (toks[k].norm in lex.complementizers
                                      or toks[k].norm in lex.relative_pronouns and _named_person(ctx.mention_at_token(toks[k - 1]))) \
                        and not ctx.in_quotation(toks[k].start) and ctx.mention_at_token(toks[k]) is None:
                    break  # the source ends before what is said (على لسان فلان إن ...) or a named person's relative clause (بحسب فلان الذي قال; not الأرقام التي أعلنها فلان, السكان الذين تحدثوا لوكالة), not in a name ("سي إن إن")
                k += 1
            src_end = toks[k - 1].end if k > j else src_start
            name, media = _outlet(ctx, j, k, glued_off is not None)
            relayed = next((r for r in range(j + 1, k - 1) if toks[r].norm == lex.relay_prep), None) if media else None
            if relayed is not None and _relayed_source(ctx, relayed + 1, k):
                # بحسب ما نقلت وكالة تسنيم عن بيان صادر عن الحرس الثوري: the outlet relays; the
                # source is named after عن
                name, media, src_start = None, False, toks[relayed + 1].start
            according.append(Cue(toks[i].start, src_end, name, media, ctx.mentions_in(src_start, src_end),
                                 ctx.text[src_start:src_end]))
            covered.append((i, k))
            i = k
            continue
        n, name = match_named(toks, i, b, [lex.channels[k] for k in starting_with(lex.channel_index, toks[i].norm)])
        if n:
            channels.append(Cue(toks[i].start, toks[i + n - 1].end, name, False, [], ""))
            covered.append((i, i + n))
            i += n
            continue
        i += 1
    return according, channels, covered


def _relayed_source(ctx: Context, j: int, k: int) -> bool:
    """Does a source an outlet relays start at token ``j`` (``نقلت الوكالة عن الجبابلي``, ``عن بيان
    صادر عن الحرس الثوري``)? A person, body or office named right there, or a statement noun; not
    a place or topic the report is about (``تقرير نشرته الصحيفة عن إيران``), nor an unnamed source."""
    toks = ctx.tokens
    if bare(toks[j].norm) in ctx.lex.unnamed or toks[j].norm in ctx.lex.unnamed:
        return False
    if bare(toks[j].norm) in ctx.lex.statement_words:
        return any(m.entity and m.type in ("PERSON", "ORG", "ROLE") for m in ctx.mentions_in(toks[j].start, toks[k - 1].end))
    m = ctx.mention_at_token(toks[j])
    return m is not None and m.entity is not None and m.type in ("PERSON", "ORG", "ROLE")


def _according_at(ctx: Context, i: int, b: int) -> tuple[int, int | None] | None:
    """If an attribution phrase starts at token i: (first source token, glued source offset)."""
    toks, lex = ctx.tokens, ctx.lex
    for pos in starting_with(lex.according_index, toks[i].norm):
        phrase, glued = lex.according[pos]
        if not glued:
            n = match_at(toks, i, b, [phrase])
            if n:
                return i + n, None
            continue
        head, letter = phrase[:-1], phrase[-1]
        n = match_at(toks, i, b, [head]) if head else 0
        if n and i + n < b and toks[i + n].norm.startswith(letter) and len(toks[i + n].norm) > len(letter) + 1:
            t = toks[i + n]
            nm = normalize_map(t.text)
            return i + n, t.start + nm.offsets[len(letter)]
    return None


def _outlet(ctx: Context, j: int, k: int, glued: bool) -> tuple[str | None, bool]:
    """Canonical outlet name of the source tokens[j:k] and whether it is a news outlet."""
    toks = ctx.tokens
    media = False
    for s in range(j, k):
        norm_tokens = [Token(t.start, t.end, t.text, t.norm) for t in toks[s:k]]
        if s == j and glued and norm_tokens:
            first = norm_tokens[0]
            norm_tokens[0] = Token(first.start, first.end, first.text, first.norm[1:])
        if s == j and match_at(norm_tokens, 0, len(norm_tokens), ctx.lex.media_words):
            media = True
        n, name = match_named(norm_tokens, 0, len(norm_tokens), ctx.lex.outlets)
        if n:
            return name, True
    if media:
        ms = ctx.mentions_in(toks[j].start, toks[k - 1].end)
        for m in ms:
            rec = ctx.analysis.entities.get(m.entity or "")
            if rec is not None:
                return rec.name, True
        return None, True
    return None, False


# -- frames ------------------------------------------------------------------------------
def find_frames(ctx: Context, si: int) -> list[Frame]:
    a, b = ctx.sent_tokens[si]
    frames: list[Frame] = []
    toks = ctx.tokens
    _, _, covered = find_cues(ctx, a, b)
    i = a
    while i < b:
        verb = ctx.verb_at(toks[i])
        if verb is None or any(x <= i < y for x, y in covered) or i > a and toks[i - 1].norm in ctx.lex.masdar_after:
            i += 1  # طالبا عدم كشف هويته: a verbal noun, no reporting verb
            continue
        f = _scan_tail(ctx, si, i, b, verb, covered)
        if f is not None:
            frames.append(f)
            i = f.tail_end
        else:
            i += 1
    return frames


def _scan_tail(ctx: Context, si: int, v: int, b: int, verb: Verb, covered) -> Frame | None:
    toks, text, lex = ctx.tokens, ctx.text, ctx.lex
    if verb.needs_next and not (v + 2 < b and toks[v + 1].norm in verb.needs_next
                                and _statement_noun(bare(toks[v + 2].norm), verb.statement_after, lex)):
        return None  # جاء القرار بعد أن, جاء في إطار زيارة: no statement came; جاء في بيان: one did
    j = v + 1
    prev_end = toks[v].end
    aside = 0  # tokens of an aside about the speaker (، وهي مقاطعة ...،), not counted in the tail
    while j <= b and j - v - aside <= ctx.max_tail + 1:
        nxt = toks[j].start if j < b else ctx.doc.sentences[si].end
        gap = text[prev_end:nxt]
        if gap != "." and any(c in TERMINALS for c in gap):  # a dot between letters abbreviates (يو.بي.إس)
            return None
        colon = gap.find(":")
        q = _quote_in(ctx, prev_end, nxt)
        if q is not None and (colon < 0 or colon > q[0] - prev_end):
            if _is_name_quote(ctx, q, j):
                j = _token_after(ctx, q[1], b)
                prev_end = q[1] + 1
                continue
            if verb.quoted_only and len(text[q[0] + 1:q[1]].split()) < 2:
                return None  # a scare-quoted word (اتهمت موسكو بإرسال وفد "وهمي") is no statement
            return Frame(si, v, verb, toks[v].start, j, q[0] + 1, q)
        if colon >= 0:
            c0 = prev_end + colon + 1
            q2 = next(iter(ctx.quotations_from(c0, len(text))), None)  # the first after the colon, if nothing between
            q2 = q2 if q2 is not None and not text[c0:q2[0]].strip(EMPHASIS) else None
            if verb.quoted_only and q2 is None:
                return None
            return Frame(si, v, verb, toks[v].start, j, c0, q2)
        if j == b:
            return None
        t = toks[j]
        if j > v + 1 and any(c in "،," for c in gap) and any(
                x == j or x == j + 1 and t.norm in lex.prepositions for x, _ in covered):
            # ، في بيان صدر في ختام زيارة استمرت أسبوعين للقاهرة، إن: a channel set off by commas,
            # with what it says of the channel, is an aside too (، في مؤتمر صحفي عقده بمقر ...، إن)
            k = _aside_end(ctx, j, b)
            if k is not None and any(c in "،,:" for c in text[toks[k - 1].end:toks[k].start]) \
                    and not any(toks[n].norm in lex.complementizers for n in range(j, k)):
                aside += k - j
                prev_end, j = toks[k - 1].end, k
                continue
        if any(x <= j < y for x, y in covered):
            y = next(y for x, y in covered if x <= j < y)
            prev_end = toks[y - 1].end
            j = y
            continue
        if j > v + 1 and t.norm in lex.aside_openers and any(c in "،," for c in gap):
            k = _aside_end(ctx, j, b)
            if k is not None:
                aside += k - j
                prev_end, j = toks[k - 1].end, k
                continue
        prev_norm = toks[j - 1].norm if j - 1 > v else ""
        if t.norm in lex.complementizers and prev_norm not in lex.not_comp_after:
            return Frame(si, v, verb, toks[v].start, j, t.end, None)
        if t.norm in verb.particles and j + 1 < b and toks[j + 1].norm not in lex.complementizers \
                and not verb.quoted_only \
                and all(ctx.mention_at_token(toks[k]) is not None for k in range(v + 1, j)):
            return Frame(si, v, verb, toks[v].start, j, t.end, None)
        other = ctx.verb_at(t)
        if other is not None and not (other.participle and j == v + 1):
            return None
        prev_end = t.end
        j += 1
    return None


def _statement_noun(w: str, nouns: frozenset[str], lex: Lexicon) -> bool:
    """Is ``w`` one of ``nouns``, with the article or a possessive ending (بيانها, تغريدته)?"""
    w = w.removeprefix("ال")
    return w in nouns or any(w.endswith(p) and w[:-len(p)] in nouns for p in lex.possessives)


def _aside_end(ctx: Context, j: int, b: int) -> int | None:
    """The token after an aside opened at ``j`` after a comma (، التي قضت المساء في الفندق، / ، وهي
    مقاطعة جبلية،): the next comma, colon or quotation ends it, within ``aside_max`` tokens; None when
    a sentence end, a reporting verb or the limit comes first (then it is no aside)."""
    toks, text = ctx.tokens, ctx.text
    for k in range(j + 1, min(b, j + ctx.aside_max + 1)):
        gap = text[toks[k - 1].end:toks[k].start]
        if any(c in TERMINALS for c in gap.replace(".", "")):
            return None
        if any(c in "،,:" for c in gap) or _quote_in(ctx, toks[k - 1].end, toks[k].start) is not None:
            return k  # a colon ends it too, opening the content (، في المؤتمر الصحفي ...: «...»)
        verb = ctx.verb_at(toks[k])
        if verb is not None and toks[k - 1].norm not in ctx.lex.masdar_after \
                and not (verb.needs_next and (k + 1 >= b or toks[k + 1].norm not in verb.needs_next)):
            return None  # a reporting verb; جاء من مدينة سلا (came from) reports nothing
    return None


def _quote_in(ctx: Context, a: int, b: int) -> tuple[int, int] | None:
    return next(iter(ctx.quotations_from(a, b)), None)


def _token_after(ctx: Context, pos: int, b: int) -> int:
    k = bisect_right(ctx._token_starts, pos)  # the first token starting after pos
    return min(k, b) if k < len(ctx.tokens) else b


def _is_name_quote(ctx: Context, q: tuple[int, int], j: int) -> bool:
    """A short quotation right after a media/platform word is a name (وكالة “تاس”), not content."""
    inner = ctx.text[q[0] + 1:q[1]]
    if len(inner.split()) > 3 or j == 0:
        return False
    before = normalize_map(ctx.text[max(0, q[0] - 30):q[0]]).text.rstrip(" ـ")
    if any(before.endswith(c) for c in ctx.lex.name_cues):
        return True
    prev = ctx.tokens[j - 1].norm
    heads = {p[0] for p in ctx.lex.media_words} | ctx.lex.heads_ok
    if any(stem in heads for _, stem in proclitic_splits(prev)):
        return True
    # a short quotation the frame goes on after (لـ«الشرق الأوسط» إن ..., منصته «تروث سوشيال» إن):
    # a name inside the tail, not the content
    s_end = ctx.doc.sentences[ctx.sentence_of(q[0])].end
    k = _token_after(ctx, q[1], len(ctx.tokens))
    for t in ctx.tokens[k:k + ctx.max_tail]:
        if t.start >= s_end or any(ch in TERMINALS for ch in ctx.text[q[1]:t.start]):
            break
        if t.norm in ctx.lex.complementizers or ":" in ctx.text[q[1] + 1:t.start]:
            return True  # ... إن, or a colon before what is said (منصته “تروث سوشال”: “...”)
        if ctx.in_quotation(t.start) or ctx.verb_at(t) is not None:
            break
    return False


def _clause_start(ctx: Context, f: Frame) -> int:
    """Start of the clause a frame opens, with a leading opener (حيث, لكن, كما)."""
    k = bisect_left(ctx._token_starts, f.start)
    n = ctx.opener_before(k)
    return ctx.tokens[k - n].start if n else f.start


def _opens_clause(ctx: Context, f: Frame) -> bool:
    cs = _clause_start(ctx, f)
    if cs != f.start:
        return True
    before = ctx.text[:cs].rstrip()
    if before[-1:] in "،,;:":
        return True
    first = ctx.tokens[f.verb_tok].norm if f.subject is None else ""
    return first[:1] in ("و", "ف") and first[1:] in ctx.lex.verbs


# -- attribution -------------------------------------------------------------------------
def _best(ctx: Context, ms: list[Mention]) -> Mention | None:
    ms = [m for m in ms if m.type in RANK]
    if not ms:
        return None
    return min(ms, key=lambda m: (m.entity is None, RANK[m.type], m.start))


def _explicit_subject(ctx: Context, f: Frame, covered) -> Attribution | None:
    """The speaker named in the tail, or None when the verb has no subject of its own."""
    toks, lex = ctx.tokens, ctx.lex
    j, end = f.verb_tok + 1, f.tail_end
    if j < end and not f.verb.participle:  # وقال بيان صادر عن الرئاسة: before بيان is skipped as a channel
        issuer = _statement_issuer(ctx, j, end)
        if issuer is not None:
            return issuer
    after_channel = False  # just past a channel (في بيان), whose adjective (مقتضب) is skipped too
    while j < end:  # skip adverbs, times, channels, attributions and an absorbed participle
        n = match_at(toks, j, end, lex.skip)
        if n:
            j += n
            continue
        cov = next((y for x, y in covered if x <= j < y), None)
        if cov:
            j, after_channel = cov, True
            found, issued = _issued_after_channel(ctx, j, end)
            if found:  # وقالت في بيان صادر عن القوات المسلحة: the issuer speaks; عن دائرتها: the subject
                return issued
            continue
        if after_channel and toks[j].norm in lex.channel_adjectives:
            j, after_channel = j + 1, False  # وقال في بيان مقتضب: a word describing the channel
            continue
        if any(a <= toks[j].start < b for a, b in ctx.times):
            j += 1
            continue
        v = ctx.verb_at(toks[j])
        if v is not None and v.participle:
            j += 1
            continue
        break
    if j >= end or f.verb.participle:
        return None
    if f.verb.relay:
        return _relay_subject(ctx, j, end)
    n = match_at(toks, j, end, lex.spokesperson)
    if n:
        return _spokesperson(ctx, j, j + n, end)
    first = toks[j]
    issuer = _statement_issuer(ctx, j, end)
    if issuer is not None:
        return issuer
    m0 = ctx.mention_at_token(first)
    glued = first.norm.startswith("لل") or first.norm[:1] in lex.prepositions and first.norm[1:3] == "ال"  # بالتأخير
    if m0 is None and (bare(first.norm) in lex.prepositions or glued
                       or first.norm in lex.complementizers or first.norm in lex.pronoun_preps
                       or bare(first.norm) in lex.pronoun_preps):  # فيه, not ف + يه
        return None
    if m0 is not None and ctx.prepositional(m0, j - 1 if j - 1 > f.verb_tok else f.verb_tok):
        return None
    # the subject phrase: up to a preposition that no mention covers
    k = j
    while k < end:
        t = toks[k]
        if k > j and ctx.mention_at_token(t) is None and (bare(t.norm) in lex.prepositions or t.norm.startswith("لل")):
            break
        if any(x <= k < y for x, y in covered):
            break
        k += 1
    a, b = toks[j].start, toks[k - 1].end
    nxt = toks[j + 1].norm if j + 1 < end else ""
    if (bare(first.norm) in lex.unnamed or first.norm in lex.unnamed) and not nxt.startswith("ال"):
        # مصدر مقرب من الرئيس: an unnamed source, not him (but مسؤول العلاقات الدولية في الحزب
        # فلان: a title with its genitive, before a name)
        return Attribution(None, _source_text(ctx, j, end))
    cands = [m for m in ctx.mentions_between(a, b)
             if not ctx.prepositional(m, j, ctx.token_index(m.start) == j + 1)]
    best = _best(ctx, cands)
    if best is None or best.entity is None or best.type != "PERSON":
        # a title with its scope, then the holder's name: المديرة العامة للصندوق كريستالينا غورغييفا,
        # الباحث في الشأن اليمني عادل دشيلة
        named = _name_after_scope(ctx, k, end, covered)
        if named is not None:
            return Attribution(named.entity, ctx.text[a:named.end].strip(" ،,"))
    if best is None:
        return Attribution(None, _source_text(ctx, j, k))
    return Attribution(best.entity, ctx.text[a:max(best.end, a)].strip(" ،,"))


def _name_after_scope(ctx: Context, k: int, end: int, covered) -> Mention | None:
    """The first person named after a title's scope (``في الشأن اليمني``, ``للصندوق``) in a frame's
    tail, unless a preposition governs it (``مع نظيره ماركو روبيو`` is not the speaker)."""
    toks = ctx.tokens
    if k >= end:
        return None
    lo, hi = toks[k].start, toks[end - 1].end
    cov = [(toks[x].start, toks[y - 1].end) for x, y in covered]
    for m in ctx.mentions_in(lo, hi):
        if any(x <= m.start < y for x, y in cov):
            continue
        gap = ctx.text[lo:m.start]
        if any(ch in "،,:" for ch in gap) and not _apposition(ctx.text, gap, m):
            return None  # past the subject phrase (a time, an aside)
        if m.type == "PERSON" and m.entity is not None and not ctx.prepositional(m, k - 1, False):
            return m
    return None


def _apposition(text: str, gap: str, m: Mention) -> bool:
    """Is ``m`` a person set off by commas right after the scope (قائد الشرطة في ولاية كادونا،
    محمد عبد الله، إن): the holder's name as an apposition, not an aside past the subject?"""
    inner = gap.rstrip()
    return (m.type == "PERSON" and inner[-1:] in "،," and not any(ch in "،,:" for ch in inner[:-1])
            and text[m.end:m.end + 2].strip()[:1] in ("،", ","))


def _statement_issuer(ctx: Context, j: int, end: int) -> Attribution | None:
    """``أكد بيان رسمي صادر عن الوزارة``: a statement noun as the subject speaks for whoever
    issued it, named after عن within a few words; a definite noun there (الوزارة) is resolved to
    the institution named before, as for ``قالت الوزارة``."""
    toks, lex = ctx.tokens, ctx.lex
    if bare(toks[j].norm) not in lex.statement_words:
        return None
    k = next((n for n in range(j + 1, min(j + 4, end)) if toks[n].norm == lex.relay_prep), None)
    if k is None or k + 1 >= end or any(ch in "،,:" for ch in ctx.text[toks[j].end:toks[k + 1].start]):
        return None
    n = k + 1  # قيادة أركان القوات المسلحة: a part of the body before its name issues for it
    while n < min(k + 4, end - 1) and ctx.mention_at_token(toks[n]) is None and toks[n].norm in lex.issuer_parts:
        n += 1
    m = ctx.mention_at_token(toks[n]) or ctx.mention_at_token(toks[k + 1])
    if m is not None and m.entity is not None and m.type in RANK and not any(ch in m.text for ch in "،,:\"«»“”"):
        return Attribution(m.entity, ctx.text[toks[j].start:m.end])
    return Attribution(None, _source_text(ctx, k + 1, end))


def _issued_after_channel(ctx: Context, j: int, end: int) -> tuple[bool, Attribution | None]:
    """``في بيان صادر عن القوات المسلحة الموريتانية``, ``في بيان لحركة حماس``: an ``issued_by`` phrase
    or ل glued to a name right after a channel names who issued the statement, a part of a body
    (قيادة أركان) standing for it; the one named there speaks. (False, None) when no such phrase follows; (True, None) when it names no one
    known (دائرتها الإعلامية: the subject's own office, the verb's subject is the clause's)."""
    toks, lex = ctx.tokens, ctx.lex
    raw = ctx.doc.text[toks[j].start:toks[j].end] if j < end else ""
    glued = ctx.mention_at_token(toks[j]) if raw[:1] == "ل" else None
    statement = j > 0 and bare(toks[j - 1].norm) in lex.statement_words  # بيان لحماس; كلمة للبرلمان: an audience
    if glued is not None and statement and glued.entity is not None and glued.type in RANK:
        return True, Attribution(glued.entity, ctx.text[toks[j].start:glued.end])  # في بيان لحركة حماس
    if raw[:1] == "ل" and glued is None and len(raw) > 4 \
            and raw.endswith(lex.third_pronouns):  # as written: لقيادة ends in ة, no pronoun
        return True, None  # في بيان لأمانته العامة: the subject's own office issued it
    n = next((len(p) for p in lex.issued_by if match_at(toks, j, end, (p,))), 0)
    if not n:
        return False, None
    k = j + n
    while k < end - 1 and ctx.mention_at_token(toks[k]) is None and toks[k].norm in lex.issuer_parts:
        k += 1
    m = ctx.mention_at_token(toks[k]) if k < end else None
    if m is not None and m.entity is not None and m.type in RANK:
        return True, Attribution(m.entity, ctx.text[toks[j].start:m.end])
    return True, None


def _source_text(ctx: Context, j: int, k: int) -> str:
    """The words naming an unresolved speaker (``مصدر مطلع``), without an addressee (``لسكاي نيوز``)
    or what follows a comma."""
    toks = ctx.tokens
    n = j + 1
    while n < min(k, j + 6):
        if any(ch in "،,:" for ch in ctx.text[toks[n - 1].end:toks[n].start]) or toks[n].norm.startswith("ل"):
            break
        n += 1
    return " ".join(t.text for t in toks[j:n])


def _relay_subject(ctx: Context, j: int, end: int) -> Attribution | None:
    """``نقلت وكالة تاس عن بوتين قوله``: the speaker follows عن (the outlet is the relay)."""
    toks = ctx.tokens
    an = next((k for k in range(j, end) if toks[k].norm == ctx.lex.relay_prep), None)
    if an is None or an + 1 >= end:
        return None
    ms = [m for m in ctx.mentions_in(toks[an + 1].start, toks[end - 1].end) if not ctx.prepositional(m, an + 1)]
    best = _best(ctx, ms)
    if best is None:
        return Attribution(None, toks[an + 1].text)
    return Attribution(best.entity, best.text)


def _spokesperson(ctx: Context, j: int, k: int, end: int) -> Attribution:
    """``المتحدث باسم X [name]``: the spokesperson speaks, on behalf of X.

    The speaker is the spokesperson's own name when given (``المتحدث باسم الكرملين ديمتري
    بيسكوف``), else the role as resolved by the entities stage, else unknown (the role is kept
    as ``speaker_text``). ``X`` may be a title with its holder's name (``رئيس الوزراء البريطاني
    كير ستارمر``): the name is then the principal, not the spokesperson.
    """
    toks, text = ctx.tokens, ctx.text
    cue_a, cue_b = toks[j].start, toks[k - 1].end
    limit = toks[end - 1].end
    role = next((m for m in ctx.mentions_covering(cue_a, cue_a + 1) if m.entity and m.type in ("ROLE", "PERSON")),
                None)
    after = [m for m in ctx.mentions_in(cue_b, limit) if m.type in RANK]
    principal: Mention | None = after[0] if after else None
    rest = after[1:]
    gap = normalize_map(text[cue_b:principal.start]).text.split() if principal else []
    if principal is not None and principal.type == "PERSON" and gap and gap[0].startswith("ال"):
        # المتحدث باسم الخارجية الإيرانية إسماعيل بقائي: an institution no mention covers, then
        # the spokesperson's name (a title would be indefinite: باسم رئيس الوزراء كير ستارمر)
        principal, rest = None, after
    if principal is not None and principal.type == "ROLE" and rest and rest[0].type == "PERSON" \
            and not text[principal.end:rest[0].start].strip():
        principal, rest = rest[0], rest[1:]
    name = None
    if principal is not None:
        name = next((m for m in rest if m.start >= principal.end and m.type == "PERSON"
                     and m.entity != principal.entity), None)
    else:
        name = next((m for m in rest if m.type == "PERSON"), None)
    speaker = name.entity if name else (role.entity if role else None)
    if principal is not None and speaker is not None and principal.entity == speaker:
        name, principal = principal, None
    last = max([cue_b] + [m.end for m in (role, principal, name) if m is not None])
    return Attribution(speaker, text[cue_a:last], principal.entity if principal else None)


# A subject stands right before its verb: at most this many characters of spaces and asides between.
_SUBJECT_GAP = 300


def _svo_subject(ctx: Context, f: Frame) -> list[Mention] | None:
    """A subject right before the verb (``لكن بوتن أضاف أن``)."""
    vs = ctx.tokens[f.verb_tok].start
    k = f.verb_tok
    if k > 0 and ctx.tokens[k - 1].norm in ctx.lex.aux_before_verb:
        vs = ctx.tokens[k - 1].start
    near = ctx.mentions_between(vs - _SUBJECT_GAP - ctx._longest_mention, vs)
    ms = [m for m in near if vs - _SUBJECT_GAP <= m.end <= vs and not _PAREN.sub("", ctx.text[m.end:vs]).strip()]
    if not ms:
        return None
    m = max(ms, key=lambda m: m.end - m.start)
    s = ctx.doc.sentences[f.sent]
    if m.start < s.start or m.type not in RANK or ctx.in_quotation(m.start):
        return None
    group = [m]
    while True:  # a title before the name belongs to the subject: الرئيس التركي رجب طيب أردوغان
        prev = [p for p in ctx.mentions_between(max(s.start, group[0].start - _SUBJECT_GAP), group[0].start)
                if p.end <= group[0].start and not ctx.text[p.end:group[0].start].strip() and p.type in RANK]
        if not prev:
            break
        group.insert(0, max(prev, key=lambda p: p.end - p.start))
    if ctx.prepositional(group[0], -1, False):
        return None
    return group


def _clause_subject(ctx: Context, f: Frame, taken: list[tuple[int, int]], covered: list[tuple[int, int]],
                    construct: bool) -> Attribution | None:
    """The first non-prepositional actor named earlier in the sentence (the subject a
    participle like قائلا continues)."""
    cov = [(ctx.tokens[x].start, ctx.tokens[y - 1].end) for x, y in covered]
    s = ctx.doc.sentences[f.sent]
    # after an earlier quote's content, the subject is named after it (قال X إن ...، غير أن Y رفض وقال)
    lo = max([b for a, b in taken if b <= f.start] + [s.start])
    found = list(ctx.mentions_in(lo, f.start))
    for n, m in enumerate(found):
        if m.type not in RANK or m.entity is None or ctx.in_quotation(m.start):
            continue
        if any(a <= m.start < b for a, b in taken + cov) or ctx.prepositional(m, -1, construct):
            continue
        if m.type == "ROLE" and (holder := _holder_after_role(ctx, m, found[n + 1:])) is not None:
            return Attribution(holder.entity, holder.text, None, False)
        return Attribution(m.entity, m.text, None, False)
    return None


def _holder_after_role(ctx: Context, role: Mention, after: list[Mention]) -> Mention | None:
    """The person named right after a role and the rest of its portfolio (المتحدثة باسم الاتحاد
    الأوروبي ``للشؤون الخارجية`` أنيكه فوس): its holder. Only portfolio words with ل or the article
    between, no title of someone else (استقبل وزير الداخلية السفير الإيطالي فلان: the ambassador is
    the object), and no preposition before him (والتقى الوزير بالمدير الإقليمي فلان)."""
    forms, ranks = titles_data()[0], cues()["ranks"]
    for x in after:
        if x.type != "PERSON" or not x.entity:
            continue
        words = normalize_map(ctx.text[role.end:x.start]).text.split()
        if words and words[-1] in ranks:
            words = words[:-1]  # ... للشؤون الخارجية الدكتور فلان: his own rank before his name
        if len(words) > 5 or any(ch in ctx.text[role.end:x.start] for ch in "،,.:") \
                or any(not _portfolio_word(w, forms) for w in words) or ctx.prepositional(x, -1):
            return None
        return x
    return None


def _portfolio_word(w: str, forms: dict[str, str]) -> bool:
    """A word of a role's portfolio: with ل, the article or و and the article (للشؤون الخارجية
    والسياسة الأمنية), and no title of someone else's however glued (للمبعوث, والسفير)."""
    clitics = load_json("clitics.json")
    lil, article, and_ = clitics["genitive_article"], clitics["article"], _AND_LETTER
    bare_w = w[1:] if w.startswith(and_ + article) else w
    if bare_w.startswith(lil):
        bare_w = article + bare_w[len(lil):]
    elif bare_w[:1] == lil[:1] and not bare_w.startswith(article):
        bare_w = bare_w[1:]
    return w.startswith((lil[:1], article, and_ + article)) and bare_w not in forms \
        and bare_w.removeprefix(article) not in forms


def _role_opening(ctx: Context, f: Frame) -> Attribution | None:
    """``ورفض رئيس المجلس الاتهامات، ووصفها بأنها «...»``: a verb joined by و after a comma, in a
    sentence that opens with a verb and a title phrase naming no one (a title, maybe with its
    definite scope), continues that title's holder, not the last speaker. The title is resolved
    to a person later, as a title alone is (``_holder_named_before``)."""
    s = ctx.doc.sentences[f.sent]
    k0, k = bisect_left(ctx._token_starts, s.start), f.verb_tok
    if k - k0 < 3 or ctx.tokens[k].norm[:1] not in ("و", "ف") or ctx.in_quotation(ctx.tokens[k].start):
        return None
    if not any(c in ctx.text[ctx.tokens[k - 1].end:ctx.tokens[k].start] for c in "،,"):
        return None
    forms = titles_data()[0]
    title, scope = ctx.tokens[k0 + 1], ctx.tokens[k0 + 2]
    if title.norm not in forms or any(m.type == "PERSON" for m in ctx.mentions_in(title.start, scope.end)):
        return None  # the scope may be a body named before (المجلس: the parliament), never a name
    last = scope if not title.norm.startswith("ال") and scope.norm.startswith("ال") else title
    return Attribution(None, ctx.text[title.start:last.end], None, False)


def _after_own_clause(ctx: Context, f: Frame) -> bool:
    """Does the verb, with no conjunction, stand after a clause of its sentence, past a comma
    (``وكان الجيش الأمريكي قد شن غارات، قال إنها استهدفت منصات``)? Its subject is that clause's,
    named or not; the previous quote's speaker does not carry over to it."""
    if f.verb.participle or ctx.tokens[f.verb_tok].norm[:1] in load_json("clitics.json")["conjunctions"]:
        return False  # قائلا, وقال: they continue the subject of the discourse
    s = ctx.doc.sentences[f.sent]
    k = f.verb_tok
    if k == 0 or ctx.tokens[k - 1].start < s.start:
        return False
    gap = ctx.text[ctx.tokens[k - 1].end:ctx.tokens[k].start]  # right after the comma, no particle between
    return ("،" in gap or "," in gap) and len(ctx.text[s.start:ctx.tokens[k].start].split()) >= 3 \
        and not ctx.in_quotation(ctx.tokens[k].start)


def _breaker_before(ctx: Context, a: int, b: int) -> int:
    """Reported content stops at a comma followed by a clause of the writer's own (، فيما ...,
    ، ودعا ...)."""
    first = bisect_right(ctx._token_starts, a)  # tokens starting inside (a, b)
    for k in range(first, len(ctx.tokens)):
        t = ctx.tokens[k]
        if t.start >= b:
            break
        if ctx.in_quotation(t.start) or _last_char_before(ctx.text, t.start) not in "،,":
            continue
        if match_at(ctx.tokens, k, len(ctx.tokens), ctx.lex.breakers):
            return t.start
        v = ctx.verb_at(t)  # قال إن «...»، ودعا إلى: a past reporting verb joined by و is the writer's next clause
        if v is not None and not v.participle and t.norm[:1] == "و" and _perfect(t.norm[1:], v.lemma, ctx.lex.weak_final):
            return t.start
    return b


def _perfect(form: str, lemma: str, weak: tuple[str, ...]) -> bool:
    """Is a reporting verb's form its past tense (دعا, دعت, طالبت, أكد), which opens a clause of the
    writer's, not its present (تدعو, يؤكد), which goes on with the speaker's words? A past form
    begins with the lemma, a weak last letter dropped."""
    stem = normalize(lemma)
    return form.startswith(stem[:-1] if len(stem) > 2 and stem.endswith(weak) else stem)


def _unnamed_before(ctx: Context, f: Frame) -> Attribution | None:
    """An anonymous source fronted before its verb: ``غير أن مصادر أميركية أكدت أن``."""
    toks = ctx.tokens
    s = ctx.doc.sentences[f.sent]
    for k in range(f.verb_tok - 1, max(f.verb_tok - 4, -1), -1):
        t = toks[k]
        if t.start < s.start or any(ch in "،,:.\"«»“”" for ch in ctx.text[t.end:toks[k + 1].start]):
            return None
        if bare(t.norm) in ctx.lex.unnamed or t.norm in ctx.lex.unnamed:
            return Attribution(None, ctx.text[t.start:toks[f.verb_tok - 1].end].lstrip("وف")
                               if t.norm not in ctx.lex.unnamed else ctx.text[t.start:toks[f.verb_tok - 1].end])
    return None


def _anaphoric_source(ctx: Context, attr: Attribution, earlier: list[Attribution],
                      last: tuple[int, Attribution] | None = None) -> Attribution:
    """``المصدر``/``المصادر`` refers back to the anonymous source last named (``مصدر مطلع``);
    ``البيان`` to the last speaker (``last``: its sentence and attribution, when recent) if that
    sentence told of such a statement: وقال الجيش في بيان ... وأضاف البيان."""
    words = normalize_map(attr.text or "").text.split()
    if len(words) != 1 or not words[0].startswith("ال"):
        return attr
    if words[0][2:] in ctx.lex.statement_words:
        if last is None or last[1].speaker is None:
            return attr
        sent = ctx.doc.sentences[last[0]]
        told = words[0][2:] in normalize_map(ctx.text[sent.start:sent.end]).text
        return _inherit(last[1]) if told else attr
    if words[0][2:] not in ctx.lex.unnamed:
        return attr
    for e in reversed(earlier):
        first = normalize_map(e.text or "").text.split()[:1]
        if e.speaker is None and first == [words[0][2:]]:
            return Attribution(None, e.text, e.behalf, False)
    return attr


def _inherit(a: Attribution | None) -> Attribution | None:
    return None if a is None else Attribution(a.speaker, a.text, a.behalf, False)


# -- the stage ---------------------------------------------------------------------------
def run(doc: Document, analysis: Analysis, res: Resources) -> None:
    ctx = Context(doc, analysis, res)
    quotes: list[tuple[Quote, Attribution]] = []
    used_quotations: set[tuple[int, int]] = set()
    last: tuple[int, Attribution] | None = None  # (sentence, attribution) of the previous quote
    for si in range(len(doc.sentences)):
        a, b = ctx.sent_tokens[si]
        according, channels, covered = find_cues(ctx, a, b)
        frames = find_frames(ctx, si)
        # drop frames nested in an earlier frame's content; cut contents at new clauses
        kept: list[Frame] = []
        for f in frames:
            if kept and kept[-1].quoted is None:
                p = kept[-1]
                if f.start > p.cstart:
                    subj = _svo_subject(ctx, f)
                    if subj:
                        f.subject, f.start = subj, subj[0].start
                    if not _opens_clause(ctx, f):
                        continue
            elif kept and kept[-1].quoted is not None and f.start < kept[-1].quoted[1]:
                continue
            if f.subject is None:
                subj = _svo_subject(ctx, f)
                if subj:
                    f.subject, f.start = subj, subj[0].start
            kept.append(f)
        post = _postposed_quote(ctx, si, used_quotations)  # "..."، قال X: before the frames that follow it
        if post is not None:
            quote, attr, verb_tok = post
            quotes.append((quote, attr))
            used_quotations.add(ctx.in_quotation(quote.start))  # the quotation itself, not the trimmed span
            last = (si, attr)
            kept = [f for f in kept if f.verb_tok > verb_tok]  # its own verb frames nothing more
        elif kept:
            # "..."، بحسب ما نقلت الوكالة عن فلان، الذي أضاف أن: the claim before the attribution is
            # his, whatever frames follow it
            s0 = doc.sentences[si].start
            early = [c for c in according if c.end <= kept[0].start and ctx.text[s0:c.start].strip(TRIM + "و")]
            found = _according_quote(ctx, si, early, quoted_only=True) if early else None
            if found is not None:
                quotes.append(found)
                used_quotations.add(ctx.in_quotation(found[0].start))
                last = (si, found[1])
        s_end = doc.sentences[si].end
        for n, f in enumerate(kept):
            if f.quoted is not None:
                f.cend = f.quoted[1]
                continue
            stop = s_end
            if n + 1 < len(kept):
                stop = min(stop, _clause_start(ctx, kept[n + 1]))
            for c in according:
                if f.cstart < c.start < stop and _last_char_before(ctx.text, c.start) in "،,":
                    stop = c.start
            f.cend = _breaker_before(ctx, f.cstart, stop)
        taken = [(f.cstart, f.cend) for f in kept]
        sent_attr: Attribution | None = None
        for f in kept:
            q = _content(ctx, f)
            if q is None or _byline(ctx, f, q[0], q[1]):
                continue
            start, end, direct, qmarks = q
            attr = None
            if f.subject and f.verb_tok > 0 and ctx.tokens[f.verb_tok - 1].norm in ctx.lex.aux_before_verb:
                m = _best(ctx, f.subject)
                attr = Attribution(m.entity, m.text) if m else None
            if attr is None and not f.subject:
                attr = _pluperfect_subject(ctx, f) or _relative_antecedent(ctx, f)
            attr = attr or (None if _pronoun_subject(ctx, f) else _explicit_subject(ctx, f, covered))
            if attr is not None and attr.speaker is None and f.subject and not f.verb.relay:
                attr = None  # أصدر البيت الأبيض بيانا, جروسي قال لصحيفة: the object is no speaker
                # (but the outlet before نقلت relays whom عن names, named or not)
            if attr is None and not f.subject:
                attr = _unnamed_before(ctx, f)
            if attr is not None and attr.speaker is None:
                attr = _anaphoric_source(ctx, attr, [x for _, x in quotes],
                                         last if last is not None and si - last[0] <= ctx.window else None)
            if attr is None and f.subject:
                m = _best(ctx, f.subject)
                attr = Attribution(m.entity, m.text) if m else None
            if attr is None:
                prev = last[1] if last is not None and si - last[0] <= ctx.window else None
                if sent_attr is None and _after_own_clause(ctx, f):
                    prev = None  # شن الجيش الأمريكي غارات، قال إنها ...: its clause's unnamed subject, not the last speaker
                clause = _clause_subject(ctx, f, taken, covered, not f.verb.participle)
                # a subject named after the previous quote's content is this verb's own
                after_prev = clause is not None and any(b <= f.start for a, b in taken if b < f.cstart)
                role = _role_opening(ctx, f) if clause is None else None
                order = (clause, sent_attr, prev) if after_prev else (sent_attr, clause, role, prev)
                before = ctx.tokens[f.verb_tok - 1].norm if f.verb_tok > 0 else ""
                if f.subject is None and not f.verb.participle and bare(before) not in ctx.lex.relative_subjects \
                        and before not in ctx.lex.relative_subjects:
                    topic = _topic_before(ctx, si)  # وقال على إكس: the person the text is about
                    if topic is not None and topic[1] == si - 1 and (last is None or last[0] < si - 1) \
                            and _opens_sentence(ctx, topic[0], si - 1, f):
                        # وعقد الوزير فلان مؤتمرا صحفيا. وقال إن: the sentence just before, told after
                        # the last quote, is about him
                        order = order[:-1] + (topic[0], prev)
                    elif topic is not None:
                        order += (topic[0],)
                attr = next((_inherit(x) for x in order if x is not None), Attribution(None, None, None, False))
            via = None
            voice = _voiced_by(ctx, f, according)
            if voice is not None:
                attr = Attribution(voice.entity, voice.text, attr.speaker or attr.behalf)
            for c in according:
                if c.end <= f.cstart or c.start >= f.cend or c.start > end:
                    if c.media:
                        via = via or c.name or c.text
                    elif not attr.explicit and c.start >= end:
                        m = _best(ctx, c.mentions)
                        if m is not None:
                            attr = Attribution(m.entity, m.text)
            if f.verb.relay:
                via = via or _relay_via(ctx, f)
            channel = _nearest(channels, ctx.tokens[f.verb_tok].start, [(start, end)], ctx.lex.channel_rank)
            quote = Quote(start, end, doc.text[start:end], direct, attr.speaker, attr.text, attr.behalf,
                          channel, via, f.verb.lemma, ctx.sentence_of(start))
            if qmarks:
                used_quotations.add(qmarks)
            for qq in ctx.quotations_from(start, end + 1):
                if qq[1] <= end:
                    used_quotations.add(qq)
            if via and f.verb.lemma in ctx.lex.continuing_lemmas and quotes and quotes[-1][0].via is None \
                    and quotes[-1][0].speaker == attr.speaker:
                quotes[-1][0].via = via
            quotes.append((quote, attr))
            sent_attr = attr
            last = (si, attr)
        if not kept:
            found = _according_quote(ctx, si, according)
            if found is not None:
                quotes.append(found)
                last = (si, found[1])
            bare_q = _bare_quote(ctx, si, used_quotations, last)
            if bare_q is not None:
                quotes.append(bare_q)
                used_quotations.add(ctx.in_quotation(bare_q[0].start))
                last = (si, bare_q[1])
    before: Quote | None = None
    people = {m.entity for m in analysis.mentions if m.type == "PERSON" and m.entity}
    spokespeople = frozenset(ph[0] for ph in ctx.lex.spokesperson)
    kb, verbs = get_kb(res), cues()["speech_verbs"]

    def holds(who: str, title: str) -> bool:  # a role of his in the KB, or a title he is named with here
        actor = kb.actors.get(who[3:]) if who.startswith("kb:") else None
        if actor is not None and any(same_title(title, r[0].split(":", 1)[0]) for r in actor.roles):
            return True
        return any(m.entity == who and titled_with(doc.text, m.start, title, verbs) for m in analysis.mentions)
    for n, (q, _) in enumerate(quotes):
        if q.speaker is None and q.speaker_text:
            q.speaker = _institution_named_before(q, analysis.mentions, ctx.lex.statement_words) \
                or _titled_person_before(q, analysis.mentions, doc.text, ctx.lex.complementizers) \
                or _continued_by_title(q, before, ctx.lex.continuing_lemmas, people, spokespeople, holds) \
                or _honorific_pronoun(q, before, ctx.lex.honorific_pronouns, analysis.mentions, doc.text) \
                or _spokesperson_named_before(q, analysis.mentions, doc.text, spokespeople,
                                              [x for x, _ in quotes[:n]], ctx.lex.continuing_lemmas,
                                              ctx.lex.aside_openers | ctx.lex.copulas)
        before = q
    offices = {m.entity: m.text for m in ctx.mentions if m.entity and m.entity.startswith(OFFICE)}
    for q, _ in quotes:
        for who in (q.speaker, q.on_behalf_of):  # الناطقة باسم رئيس الوزراء الإسرائيلي: for the office
            if who in offices and who not in analysis.entities:
                analysis.entities[who] = office_record(who[len(OFFICE):], offices[who], get_kb(res))
    analysis.quotes.extend(q for q, _ in quotes)


def _continued_by_title(q: Quote, before: Quote | None, continuing: frozenset[str], people: set[str],
                        spokespeople: frozenset[str], held: Callable[[str, str], bool]) -> str | None:
    """``وتابع رئيس حكومة الوحدة: «...»`` right after a quote of الدبيبة: a verb that goes on
    (وأضاف, وتابع) with a title for its subject, in the sentence of the person quoted before or
    the next one, goes on with that person when the title names no one else the text knows and
    is his (``held``: his role in the knowledge base, or a title he was named with here; not
    وأضاف وزير الخارجية after ترامب). A spokesperson's title (وأضاف المتحدث باسم الوزارة) is
    another voice."""
    words = normalize_map(q.speaker_text or "").text.split()
    title = title_of(words)
    if before is None or before.speaker not in people or q.verb not in continuing or title is None \
            or words[0] in spokespeople or q.sentence is None or before.sentence is None:
        return None
    return before.speaker if 0 <= q.sentence - before.sentence <= 1 and held(before.speaker, title) else None


def _honorific_pronoun(q: Quote, before: Quote | None, pronouns: dict[str, frozenset[str]],
                       mentions: list[Mention], text: str) -> str | None:
    """``وأضاف معاليه``, ``وتابع سموه``: an honorific with a pronoun stands for the person quoted just
    before when he was named with that honorific or a title it goes with (معالي, وزير for معاليه;
    سمو, أمير, الشيخ for سموه), else for the last person so named (أمير قطر الشيخ تميم, not the
    foreign minister quoted since), else for the person quoted just before."""
    titles = pronouns.get(normalize_map(q.speaker_text or "").text.strip())
    if titles is None:
        return None
    people = sorted((m for m in mentions if m.entity and m.end <= q.start and m.type == "PERSON"),
                    key=lambda m: m.start, reverse=True)

    def titled(m: Mention) -> bool:
        return bool(titles & set(normalize_map(text[max(0, m.start - 60):m.start]).text.split()[-6:]))
    near = before is not None and before.speaker is not None and q.sentence is not None \
        and before.sentence is not None and 0 <= q.sentence - before.sentence <= 1
    if near and any(titled(m) for m in people if m.entity == before.speaker):
        return before.speaker  # وقال الصفدي ... وأضاف معاليه: the minister just quoted
    found = next((m.entity for m in people if titled(m)), None)
    return found or (before.speaker if near and before.speaker in {m.entity for m in people} else None)


def _spokesperson_named_before(q: Quote, mentions: list[Mention], text: str, spokespeople: frozenset[str],
                               earlier: list[Quote], continuing: frozenset[str],
                               asides: frozenset[str] = frozenset()) -> str | None:
    """``وأفاد المتحدث``, ``وتابع المتحدث باسم الجيش``: a spokesperson's title with no name of its
    own stands for the one person named before the quote right after a spokesperson's title
    (المتحدث باسم القوات المسلحة السودانية العميد نبيل عبد الله), when it is the bare title or the
    body it speaks for is the one he spoke for in an earlier quote (not the police's spokesman
    after the foreign ministry's), or a going-on verb (وتابع) follows his quote; two such people
    leave it unattributed."""
    words = normalize_map(q.speaker_text or "").text.split()
    if not words or words[0] not in spokespeople:
        return None
    going_on = q.verb in continuing and bool(earlier) and earlier[-1].sentence is not None \
        and q.sentence is not None and 0 <= q.sentence - earlier[-1].sentence <= 1
    if q.on_behalf_of is None and len(words) > 1 and not going_on:
        return None  # قال المتحدث باسم الشرطة: a body no one has spoken for yet

    forms = titles_data()[0]

    def titled(m: Mention) -> bool:  # his own title, not the principal's (متحدث باسم رئيس الوزراء كير ستارمر)
        ws = normalize_map(text[max(0, m.start - 80):m.start]).text.split()[-8:]
        at = [i for i, w in enumerate(ws) if w in spokespeople]
        after = text[m.end:m.end + 50].lstrip()  # كريستوف لوماري، المتحدث باسم الوزارة: titled after his name
        rest = normalize_map(after[1:]).text.split()[:3]
        while rest and rest[0] in asides:  # فلان، الذي هو الناطق الرسمي باسم الحكومة (asides and copulas)
            rest = rest[1:]
        appos = after[:1] in ("،", ",") and rest[:1] in ([w] for w in spokespeople)
        return bool(at) and not any(w in forms for w in ws[at[-1] + 1:]) or appos
    held = {m.entity for m in mentions if m.entity and m.end <= q.start and m.type == "PERSON" and titled(m)}
    held.discard(q.on_behalf_of)
    if q.on_behalf_of is not None:
        same = held & {x.speaker for x in earlier if x.on_behalf_of == q.on_behalf_of}
        if not same and going_on and earlier[-1].on_behalf_of is None:
            same = held & {earlier[-1].speaker}  # الناطق باسمها ماهر العبوشي ... وتابع الناطق باسم الرئاسة
        held = same
    elif len(words) > 1:
        held &= {earlier[-1].speaker}  # وتابع المتحدث باسم الجيش right after his quote
    return held.pop() if len(held) == 1 else None


def _titled_person_before(q: Quote, mentions: list[Mention], text: str,
                          clause_words: frozenset[str] = frozenset()) -> str | None:
    """``وقال الأمير``, ``وأكد الملك``: an honorific alone stands for the last person named before
    the quote with it, or with a title holding it, in the few words before the name (الأمير مشعل,
    أمير الكويت الشيخ مشعل)."""
    word = normalize_map(q.speaker_text or "").text.strip()
    if word not in cues()["honorifics"]:
        return _holder_named_before(q, mentions, text, word, clause_words)
    stem = word[2:]
    for m in sorted((m for m in mentions if m.entity and m.end <= q.start and m.type == "PERSON"),
                    key=lambda m: m.start, reverse=True):
        before = normalize_map(text[max(0, m.start - 40):m.start]).text.split()[-4:]
        if word in before or stem in before:  # الأمير مشعل, أمير الكويت الشيخ مشعل
            return m.entity
    return None


def _holder_named_before(q: Quote, mentions: list[Mention], text: str, words: str,
                         clause_words: frozenset[str] = frozenset()) -> str | None:
    """``وأوضح المبعوث الأممي``, ``وأضاف الوزير``: a title with no holder of its own (a title of
    titles.json, maybe with an adjective) stands for the one person named before the quote with
    that title among the words before the name (المبعوث الشخصي للأمين العام ستافان دي ميستورا);
    two such people named before leave it unattributed."""
    parts = words.split()
    forms = titles_data()[0]
    if not 1 <= len(parts) <= 2 or parts[0] not in forms:
        return None
    stem = parts[0][2:]
    if not parts[0].startswith("ال"):
        if len(parts) < 2 or not parts[1].startswith("ال"):
            return None

        def titled(m: Mention) -> bool:  # رئيس المجلس: the title and its scope (رئيس مجلس النواب) before the name
            ws = normalize_map(text[max(0, m.start - 60):m.start]).text.split()[-6:]
            return any(ws[j] == parts[0] and ws[j + 1] in (parts[1], parts[1][2:]) for j in range(len(ws) - 1))
    else:
        def titled(m: Mention) -> bool:  # the title heads the words before the name (not مستشار الوزير)
            # a long scope may stand between (وزير الصحة العامة والسكان في الحكومة المعترف بها دوليا
            # ياسر باعباد), but no clause (قال الوزير إن الرئيس فلان)
            before = text[max(0, m.start - 110):m.start]
            cut = max(before.rfind(ch) for ch in ".،,:\n")  # far words only within the name's own clause
            near = normalize_map(before).text.split()[-6:]
            far = normalize_map(before[cut + 1:]).text.split()[-10:]

            def heads(ws: list[str]) -> bool:
                return any(w.removeprefix("ال") == stem and (i == 0 or ws[i - 1] not in forms and "ال" + ws[i - 1] not in forms)
                           and not any(x in clause_words for x in ws[i + 1:])
                           for i, w in enumerate(ws))
            return heads(near) or heads(far)

    held = {m.entity for m in mentions if m.entity and m.end <= q.start and m.type == "PERSON" and titled(m)}
    return held.pop() if len(held) == 1 else None


def _institution_named_before(q: Quote, mentions: list[Mention], statement_words: frozenset[str]) -> str | None:
    """``قالت الوزارة``, ``أعلنت الداخلية``, ``وقال بيان الديوان``: a definite one- or two-word
    institution (or its statement) standing for the last organisation named before the quote whose
    name holds those words (وزارة الداخلية السورية). Anything longer, or indefinite (مصدر), stays
    unattributed."""
    words = normalize_map(q.speaker_text or "").text.split()
    if len(words) > 1 and words[0] in statement_words:
        words = words[1:]
    if not 1 <= len(words) <= 2 or not all(w.startswith("ال") and len(w) > 4 for w in words):
        return None
    want = {w[2:] for w in words}
    for m in sorted((m for m in mentions if m.type == "ORG" and m.entity and m.end <= q.start),
                    key=lambda m: m.start, reverse=True):
        have = {w[2:] if w.startswith("ال") else w for w in normalize_map(m.text).text.split()}
        if want <= have:
            return m.entity
    return None


def _content(ctx: Context, f: Frame) -> tuple[int, int, bool, tuple[int, int] | None] | None:
    """(start, end, direct, quotation) of a frame's content, trimmed of spaces and punctuation."""
    text = ctx.text
    if f.quoted is not None:
        a, b = f.quoted[0] + 1, f.quoted[1]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in TRIM:
            b -= 1
        return (a, b, True, f.quoted) if b > a else None
    a, b = f.cstart, f.cend
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    # a trailing conjunction left by a cut (... و) is not content
    while b > a and text[a:b].split()[-1] in ctx.lex.trailing_conjunctions:
        b = a + text[a:b].rstrip().rfind(" ")
        while b > a and text[b - 1] in TRIM:
            b -= 1
    if b <= a:
        return None
    whole = next((q for q in ctx.quotations_from(a, a + 1) if q[1] == b - 1), None)
    if whole is not None:
        return _content(ctx, Frame(f.sent, f.verb_tok, f.verb, f.start, f.tail_end, a, whole))
    if text[a] in OPEN and not ctx.quotations_from(a, a + 1):
        a += 1  # an opening mark that never closes
    return (a, b, False, None)


def _nearest(cues: list[Cue], pos: int, exclude: list[tuple[int, int]], rank: dict[str, int]) -> str | None:
    """The channel named around a frame: a platform before a generic one, then the closest."""
    ok = [c for c in cues if not any(a <= c.start < b for a, b in exclude)]
    if not ok:
        return None
    return min(ok, key=lambda c: (rank.get(c.name or "", 99), abs(c.start - pos))).name


def _relay_via(ctx: Context, f: Frame) -> str | None:
    toks = ctx.tokens
    an = next((k for k in range(f.verb_tok + 1, f.tail_end) if toks[k].norm == ctx.lex.relay_prep), None)
    if an is None:
        return None
    name, _ = _outlet(ctx, f.verb_tok + 1, an, False)
    if name:
        return name
    return ctx.text[toks[f.verb_tok + 1].start:toks[an - 1].end] if an > f.verb_tok + 1 else None


def _according_quote(ctx: Context, si: int, according: list[Cue],
                     quoted_only: bool = False) -> tuple[Quote, Attribution] | None:
    """``... ، بحسب المتحدث باسم الوزارة``: a claim attributed to a (non-media) source; with
    ``quoted_only``, only a claim that is one quotation (``"..."، بحسب ما نقلت الوكالة عن فلان``)."""
    s = ctx.doc.sentences[si]
    for c in according:
        m = _best(ctx, c.mentions)
        text = c.name if c.media else _statement_source(ctx, c)
        if m is None and not text:
            continue
        a, b = s.start, c.start
        if not ctx.text[s.start:c.start].strip(TRIM + "و"):
            a, b = c.end, s.end  # بحسب ما قاله عراقجي للتلفزيون، فإن ...: the claim follows the source
            k = _token_after(ctx, c.end - 1, len(ctx.tokens))
            if k < len(ctx.tokens) and ctx.tokens[k].norm in ctx.lex.complementizers:
                a = ctx.tokens[k].end
        elif c.media and m is None and ctx.text[c.end:s.end].strip(TRIM):
            continue  # a relay in mid-sentence (حسب وكالة الأنباء، استعراض ...) names no claim's end
        while a < b and ctx.text[a] in TRIM:
            a += 1
        while b > a and ctx.text[b - 1] in TRIM:
            b -= 1
        if len(ctx.text[a:b].split()) < 3:
            continue
        q = ctx.in_quotation(a + 1)
        direct = q is not None and q[0] == a and q[1] == b - 1  # "..."، بحسب فلان: his words as written
        if direct:
            a, b = a + 1, b - 1
        elif quoted_only:
            continue
        attr = Attribution(m.entity if m else None, c.text if m else text)
        return Quote(a, b, ctx.text[a:b], direct, attr.speaker, attr.text, None, None, None, None, si), attr
    return None


def _relative_antecedent(ctx: Context, f: Frame) -> Attribution | None:
    """The person or body named right before a relative pronoun that opens the frame's verb
    (بحسب وزير خارجيتها أسامة بلقاسمي الذي قال إن ...): he speaks."""
    k = f.verb_tok - 1
    if k < 1 or ctx.tokens[k].norm not in ctx.lex.relative_pronouns \
            or ctx.text[ctx.tokens[k - 1].end:ctx.tokens[k].start].strip():
        return None
    m = ctx.mention_at_token(ctx.tokens[k - 1])
    if m is None or m.entity is None or m.type not in ("PERSON", "ORG", "ROLE"):
        return None
    return Attribution(m.entity, m.text)


def _pluperfect_subject(ctx: Context, f: Frame) -> Attribution | None:
    """The subject between a pluperfect opener and قد before the verb (وكانت النيابة العامة قد
    اتهمت النواب السابقين بـ"..."): the speaker, unnamed here, whatever the verb's object is."""
    k = f.verb_tok - 1
    if k < 1 or ctx.tokens[k].norm not in ctx.lex.aux_before_verb:
        return None
    for j in range(k - 1, max(-1, k - 6), -1):
        if ctx.tokens[j].norm in ctx.lex.pluperfect_openers:
            if j + 1 >= k:
                return None
            a, b = ctx.tokens[j + 1].start, ctx.tokens[k - 1].end
            if any(ch in ctx.text[a:b] for ch in "،,.:"):
                return None
            m = _best(ctx, ctx.mentions_between(a, b))
            return Attribution(m.entity, m.text) if m is not None else Attribution(None, ctx.text[a:b])
    return None


def _pronoun_subject(ctx: Context, f: Frame) -> bool:
    """Is the verb's subject a pronoun on the particle right before it (لكنها دعت طهران إلى, إنه
    طالب الحكومة بـ)? Then the name after the verb is whom it addresses, not the speaker."""
    if f.verb_tok == 0:
        return False
    w = ctx.tokens[f.verb_tok - 1].norm
    particle = w in ctx.lex.complementizers or any(len(ph) == 1 and ph[0] == w for ph in ctx.lex.openers)
    return particle and any(w.endswith(x) and len(w) > len(x) + 1 for x in ctx.lex.possessives)


def _byline(ctx: Context, f: Frame, start: int, end: int) -> bool:
    """A byline, no quote: a byline verb (quote_verbs.json byline_verbs: كتبت) at a line's start or
    after a dateline's dash, its colon right after it, then one short line, a name (عمّان - كتبت:
    رنا الخوالدة)."""
    if normalize(f.verb.lemma) not in ctx.lex.byline_verbs:
        return False
    text = ctx.text
    verb_start = ctx.tokens[f.verb_tok].start
    if text[ctx.tokens[f.verb_tok].end:start].strip(" :\u00ab\"\u201c"):
        return False  # a subject or channel before the colon (وكتب المرشد على تيليجرام: «...»): a quote
    line = text.rfind("\n", 0, verb_start) + 1
    head = text[line:verb_start].strip()
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    return (not head or head[-1] in "-\u2013\u2014" and len(head.split()) <= 4) \
        and end <= line_end and len(text[start:line_end].split()) <= 4


def _named_person(m: Mention | None) -> bool:
    """A person named by his name (not a group, a role or an unnamed source)."""
    return m is not None and m.type == "PERSON" and bool(m.entity) and not m.entity.startswith(("grp:", "role:"))


def _voiced_by(ctx: Context, f: Frame, according: list[Cue]) -> Mention | None:
    """The person a voicing cue (quote_cues.json voiced_by) names between the frame's verb and
    what is said (قالت حركة حماس، على لسان القيادي فيها فلان، إن): he speaks the words, for the
    body the verb's subject is."""
    verb_start = ctx.tokens[f.verb_tok].start
    for c in according:
        if verb_start < c.start and c.end <= f.cstart:
            words = tuple(normalize_map(ctx.text[c.start:c.end]).text.split())
            if any(words[:len(p)] == p for p in ctx.lex.voiced_by):
                return next((m for m in c.mentions if m.type == "PERSON" and m.entity), None)
    return None


def _statement_source(ctx: Context, c: Cue) -> str | None:
    """The issuer in ``بحسب بيان للرئاسة السورية`` (a statement noun, then ل + the source) or in
    ``وحسب وثيقة صادرة عن المفوضية`` (the noun, an ``issued_by`` phrase, the source)."""
    words = c.text.split()
    if len(words) < 2 or normalize_map(words[0]).text not in ctx.lex.statement_words:
        return None
    if words[1].startswith("ل"):
        return " ".join([words[1][1:].lstrip("ـ")] + words[2:]) or None
    rest = tuple(normalize_map(w).text for w in words[1:])
    for p in ctx.lex.issued_by:
        if rest[:len(p)] == p and len(rest) > len(p):
            return " ".join(words[1 + len(p):])
    return None


def _opens_sentence(ctx: Context, topic: Attribution, sj: int, f: Frame) -> bool:
    """Is the person of ``topic`` the subject sentence ``sj`` opens with, fit to speak with the
    verb of ``f``: no other name before him (واغتالت إسرائيل ... حسن نصر الله: an object) but the
    body or place his title is of (رئيس مجلس إدارة المؤسسة الوطنية للنفط فلان), and a
    feminine verb (وأكدت) only for a woman's title (وزيرة, رئيسة), a masculine one only for a man's?"""
    a, _ = ctx.sent_tokens[sj]
    m = next((x for x in ctx.mentions_between(ctx.tokens[a].start, ctx.text.find(topic.text, ctx.tokens[a].start) + 1)
              if x.entity == topic.speaker), None)
    if m is None:
        return False
    forms = titles_data()[0]

    def in_title(x: Mention) -> bool:  # رئيس مجلس إدارة المؤسسة الوطنية للنفط فلان: his title's scope
        return x.type in ("ORG", "LOC") and any(
            w in forms for w in normalize_map(ctx.text[ctx.tokens[a].start:x.start]).text.split())

    if any(x.start < m.start and not in_title(x) for x in ctx.mentions_between(ctx.tokens[a].start, m.start)):
        return False
    before = normalize_map(ctx.text[ctx.tokens[a].start:m.start]).text.split()
    womans = any(w in forms and w.endswith("ه") for w in before)
    return womans == ctx.tokens[f.verb_tok].norm.endswith("ت")


def _topic_before(ctx: Context, si: int) -> tuple[Attribution, int] | None:
    """The person one of the two sentences before opens with, as its subject (``وينفي إمام أوغلو
    جميع التهم``, ``وصل الرئيس الفرنسي إيمانويل ماكرون``, ``وعقد وزير الصحة في حكومة تصريف الأعمال
    فراس الأبيض مؤتمرا``), and that sentence: a reporting verb with no subject of its own (pro-drop,
    ``وقال على إكس``) continues it. None when neither sentence opens so; a person after a
    complementizer (``أعلنت الوزارة أن الوزير``) is what is told, not who opens it."""
    for sj in range(si - 1, max(-1, si - 3), -1):
        a, b = ctx.sent_tokens[sj]
        if b - a < 3:
            continue
        hi = ctx.tokens[min(a + _TOPIC_REACH, b - 1)].start + 1  # a verb and a title with its scope before it
        for m in ctx.mentions_between(ctx.tokens[a].start, hi):
            if m.type in ("PERSON", "ROLE") and m.entity is not None and not ctx.in_quotation(m.start) \
                    and not ctx.prepositional(m, a):
                k = ctx.token_index(m.start)
                if any(ctx.tokens[j].norm in ctx.lex.complementizers for j in range(a, k)):
                    break
                return Attribution(m.entity, m.text, None, False), sj
    return None


def _postposed_quote(ctx: Context, si: int, used: set[tuple[int, int]]) -> tuple[Quote, Attribution, int] | None:
    """A quotation opening the sentence with its frame after it: ``"..."، قال ترامب``,
    ``"..."، هكذا وصف ترامب القرار`` (quote_verbs.json: postposed_leads, postposed_verbs). The
    speaker is the actor named right after the verb; none when it names none. Returns the quote,
    its attribution and the verb's token."""
    s = ctx.doc.sentences[si]
    q = next(iter(ctx.quotations_from(s.start, s.end)), None)
    if q is None or q in used or q[1] >= s.end or not _opens_with(ctx, s.start, q[0]):
        return None
    a, b = q[0] + 1, q[1]
    while b > a and ctx.text[b - 1] in TRIM:
        b -= 1
    if len(ctx.text[a:b].split()) < ctx.bare_min_words:
        return None
    k = bisect_right(ctx._token_starts, q[1])  # the first token after the quotation
    lo, hi = ctx.sent_tokens[si]
    if not lo <= k < hi or ctx.text[q[1] + 1:ctx.tokens[k].start].strip(" \t،,-–—"):
        return None
    lead = match_at(ctx.tokens, k, hi, ctx.lex.postposed_leads)
    k += lead or 0
    if k >= hi:
        return None
    t = ctx.tokens[k]
    verb = ctx.verb_at(t)
    if verb is None and not any(stem in ctx.lex.postposed_verbs for p, stem in proclitic_splits(t.norm)
                                if p in ("", "و", "ف")):
        return None
    if verb is not None and verb.participle:
        return None
    after = ctx.tokens[min(k + _POSTPOSED_REACH, hi - 1)].end  # قال الرئيس الأوكراني فولوديمير زيلينسكي
    subject = next((m for m in ctx.mentions_in(t.end, ctx.tokens[hi - 1].end)
                    if m.start < after and m.type in RANK and m.entity is not None and not ctx.prepositional(m, k)
                    and _bare_title_between(ctx, k + 1, m.start)), None)
    attr = Attribution(subject.entity, subject.text) if subject else None
    if attr is None and verb is not None:
        # "..."، قالت رئيسة بعثة اللجنة الدولية في اليمن: a title and the body it is of, read as
        # the subject of a verb before its content is read (up to the next comma); only a body or
        # an office, as a person after other words (أحد المقربين من الرئيس بوتين) is not the speaker
        end = next((j for j in range(k + 1, hi) if any(c in ctx.text[ctx.tokens[j - 1].end:ctx.tokens[j].start]
                                                       for c in "،,:")), hi)
        attr = _explicit_subject(ctx, Frame(si, k, verb, t.start, end, q[0], q), [])
        body = attr is not None and attr.speaker is not None and (attr.speaker.startswith(OFFICE) or any(
            m.entity == attr.speaker and m.type == "ORG" for m in ctx.mentions_in(t.end, ctx.tokens[end - 1].end)))
        attr = attr if body else None
    attr = attr or Attribution(None, None, None, False)
    return Quote(a, b, ctx.text[a:b], True, attr.speaker, attr.text, attr.behalf, None, None,
                 verb.lemma if verb else None, si), attr, k


def _opens_with(ctx: Context, start: int, q: int) -> bool:
    """Does the quotation at ``q`` open its sentence, but for a connective of up to three words set
    off by a comma that names no one (وفي المقابل، «...»، هكذا صرح فلان)?"""
    pre = ctx.text[start:q].strip(TRIM)
    if not pre:
        return True
    return ctx.text[start:q].rstrip()[-1:] in ("،", ",") and len(pre.split()) <= 3 \
        and not ctx.mentions_in(start, q) \
        and not any(ctx.verb_at(t) for t in ctx.tokens if start <= t.start < q)


def _bare_title_between(ctx: Context, k: int, end: int) -> bool:
    """Only title words stand between token ``k`` and offset ``end``: no punctuation, preposition
    or unnamed source (قال مصدر مقرب من الرئيس زيلينسكي is not Zelensky)."""
    if any(ch in "،,:.\"«»" for ch in ctx.text[ctx.tokens[k].start:end]):
        return False
    while k < len(ctx.tokens) and ctx.tokens[k].start < end:
        w = bare(ctx.tokens[k].norm)
        if w in ctx.lex.prepositions or w in ctx.lex.unnamed or ctx.tokens[k].norm.startswith("لل"):
            return False
        k += 1
    return True


def _bare_quote(ctx: Context, si: int, used: set[tuple[int, int]],
                last: tuple[int, Attribution] | None) -> tuple[Quote, Attribution] | None:
    """A sentence that is one quotation continues the previous quote's speaker."""
    s = ctx.doc.sentences[si]
    body = ctx.text[s.start:s.end].strip(TRIM)
    if not body:
        return None
    for q in ctx.quotations_from(s.start, s.end):
        if q in used:
            continue
        inner = ctx.text[q[0] + 1:q[1]]
        if len(inner.split()) < ctx.bare_min_words or (q[1] - q[0] + 1) < ctx.bare_min_share * len(body):
            continue
        if ctx.text[s.start:q[0]].strip(TRIM):
            continue
        prev = last[1] if last is not None and si - last[0] <= ctx.window else None
        attr = _inherit(prev) or Attribution(None, None, None, False)
        a, b = q[0] + 1, q[1]
        while b > a and ctx.text[b - 1] in TRIM:
            b -= 1
        return Quote(a, b, ctx.text[a:b], True, attr.speaker, attr.text, attr.behalf, None, None, None, si), attr
    return None
