"""Which outlet published an article, and which wire agency it credits.

The outlets are language data (``lang/ar/data/outlets.json``: names in Arabic and Latin
letters, country, type, owner, domains, and for agencies the credit forms texts use). An
article's outlet is, in this order:

1. the data file's outlet for its URL: the most specific host that has one (``arabic.rt.com``
   before ``rt.com``; ``www.`` and other subdomains reach their parent) and, where outlets
   share a host, the first path segments (``bbc.com/arabic`` is BBC Arabic, ``bbc.com/news``
   is not);
2. the data file's outlet whose name is the name the input or the page gives (a JSON
   ``source``, ``og:site_name``, JSON-LD publisher, a feed's title), compared after
   ``normalize`` without spaces or punctuation (``France 24`` = ``france24``), then each part of
   a ``Name | Section`` title and the name without a generic prefix (``صحيفة``...); a name
   that is a host name is looked up as one;
3. that name as given (plain text, by ``clean_name``);
4. the URL's registrable domain (``news.example.co.uk`` -> ``example.co.uk``), by ``tld`` and
   the public suffix list it bundles (read from the package; ``tld`` fetches a newer list only
   when ``update_tld_names`` is called, which marsad never does).

``documents.source`` stores the display name (the data file's Arabic name for a known outlet)
and ``documents.outlet`` its id (None when it is not in the file). ``documents.wire`` is the
agency a text credits in its opening or closing lines: ``(أ ف ب)``, ``أ.ف.ب``, ``وكالة الأنباء
السعودية (واس)`` anywhere there, a one-word credit (``واس``) only as a dateline
(``الرياض - واس``), alone on a line or after a credit label (``المصدر: رويترز``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from tld import get_fld

from marsad.ingest.clean_names import clean_name
from marsad.lang.ar import load_json
from marsad.text.normalize import normalize

HEAD_CHARS = 400  # the opening lines searched for a wire credit
TAIL_CHARS = 300  # and the closing ones
_NON_WORD = re.compile(r"[\W_]+")
_HOSTLIKE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
_NAME_PARTS = re.compile(r"\s+[|\-–—:•·»«]\s+|\s*\|\s*")
_DASHES = "-–—/:"
_EMBEDDED = re.compile(r"/https?:?/+((?:[a-z0-9-]+\.)+[a-z]{2,}(?:/.*)?)$")
_TATWEEL_DASH = re.compile("(?<=\\s)\u0640+(?=\\s)|^\u0640+(?=\\s)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Outlet:
    """Who published an article: ``name`` is what ``documents.source`` stores, ``id`` the data
    file's outlet (None when the name came from the input or the URL alone)."""

    name: str | None
    id: str | None = None
    how: str = "none"  # "url" (data file, by URL), "name" (data file, by name), "given", "domain", "none"


@dataclass(frozen=True, slots=True)
class Origin:
    """What ingest records of an article's provenance (documents.source, .outlet, .wire)."""

    source: str | None
    outlet: str | None
    wire: str | None


def name_key(name: str) -> str:
    """A name's matching key: normalised, without spaces or punctuation."""
    return _NON_WORD.sub("", normalize(name))


def split_url(url: str | None) -> tuple[str, str] | None:
    """(host without ``www.``/port/trailing dot, lower-case path) of ``url``; None without a host."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url:
        url = "//" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    return host, (parts.path or "/").lower()


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of ``url`` by the bundled public suffix list (no network)."""
    split = split_url(url)
    if split is None:
        return None
    return get_fld(split[0], fail_silently=True, fix_protocol=True) or None


class Outlets:
    """The data file's outlets, indexed by host (+ path prefix), name and wire credit."""

    def __init__(self, data: dict[str, Any]):
        self.by_id: dict[str, dict[str, Any]] = {o["id"]: o for o in data["outlets"]}
        self.hosts: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for o in data["outlets"]:
            for dom in o["domains"]:
                host, _, path = dom.lower().partition("/")
                self.hosts.setdefault(host, []).append(("/" + path.strip("/") if path else "", o))
        for entries in self.hosts.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest path prefix first; none last
        names: dict[str, set[str]] = {}
        for o in data["outlets"]:
            known = [] if o.get("name_from_domain") else [  # a name read off a domain is never matched
                o["name_ar"], o["name_latin"], re.sub(r"\s*\([^)]*\)", "", o["name_latin"]), *o.get("aliases", [])]
            for n in [*known, *o["domains"]]:
                k = name_key(n or "")
                if k:
                    names.setdefault(k, set()).add(o["id"])
        self.names = {k: next(iter(ids)) for k, ids in names.items() if len(ids) == 1}  # ambiguous: none
        self.prefixes = sorted((normalize(p) for p in data.get("name_prefixes", [])), key=len, reverse=True)
        self.credits = _credit_patterns(data)

    def by_url(self, url: str | None) -> dict[str, Any] | None:
        split = split_url(url)
        if split is None:
            return None
        host, path = split
        labels = host.split(".")
        for i in range(len(labels) - 1):  # the most specific host first, never a bare suffix
            for prefix, o in self.hosts.get(".".join(labels[i:]), ()):
                if not prefix or path == prefix or path.startswith(prefix + "/"):
                    return o
        inner = _EMBEDDED.search(path)  # a proxy or an archive: .../https/www.dw.com/ar/...
        return self.by_url(inner.group(1)) if inner else None

    def by_name(self, name: str | None) -> dict[str, Any] | None:
        if not name:
            return None
        found = self._name(name)
        if found is not None:
            return found
        parts = [p for p in _NAME_PARTS.split(name) if p.strip()]
        if len(parts) > 1:
            hits = {o["id"]: o for o in (self._name(p) for p in parts) if o is not None}
            if len(hits) == 1:
                return next(iter(hits.values()))
        return None

    def _name(self, name: str) -> dict[str, Any] | None:
        oid = self.names.get(name_key(name))
        if oid is not None:
            return self.by_id[oid]
        if _HOSTLIKE.match(name.strip()):
            return self.by_url(name.strip())
        norm = normalize(name)
        for p in self.prefixes:
            if norm.startswith(p + " "):
                oid = self.names.get(name_key(norm[len(p) + 1:]))
                return self.by_id[oid] if oid is not None else None
        return None

    def resolve(self, url: str | None, given: str | None) -> Outlet:
        """The outlet of an article at ``url`` whose input or page names ``given``."""
        o = self.by_url(url)
        if o is not None:
            return Outlet(display_name(o), o["id"], "url")
        given = clean_name(given)
        o = self.by_name(given)
        if o is not None:
            return Outlet(display_name(o), o["id"], "name")
        if given:
            return Outlet(given, None, "given")
        dom = registrable_domain(url)
        return Outlet(dom, None, "domain") if dom else Outlet(None)

    def wire(self, text: str) -> str | None:
        """The id of the wire agency ``text`` credits in its opening or closing lines, if any
        (the earliest credit when there are several)."""
        if not text:
            return None
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if not lines:
            return None
        head = "\n".join(lines[:2])[:HEAD_CHARS]
        tail = "\n".join(lines[-2:])[-TAIL_CHARS:]
        for zone in (head, tail):
            zone = normalize_zone(zone)
            best: tuple[int, str] | None = None
            for pat, oid, needed in self.credits:
                if needed not in zone:
                    continue  # cheaper than the search: the pattern cannot match without this word
                m = pat.search(zone)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), oid)
            if best is not None:
                return best[1]
        return None


def display_name(outlet: dict[str, Any]) -> str:
    """What ``documents.source`` stores for a data-file outlet: its Arabic name, else its Latin one."""
    return outlet["name_ar"] or outlet["name_latin"]


def normalize_zone(text: str) -> str:
    """``text`` normalised per line for credit matching; a tatweel standing as a dash
    (``الرياض ـ واس``) stays a dash, as ``normalize`` would drop it."""
    text = _TATWEEL_DASH.sub("-", text)
    return "\n".join(normalize(line) for line in text.split("\n"))


def _form_words(form: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", normalize(form)) if w]


def _form_regex(form: str) -> str:
    """A credit form as a pattern: letters as normalised, words apart by spaces or dots
    (``أ ف ب`` = ``أ.ف.ب`` = ``ا. ف. ب``; never run together: ``ومع`` is no ``و م ع``)."""
    return r"[\s.]+".join(re.escape(w) for w in _form_words(form))


def _credit_patterns(data: dict[str, Any]) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, outlet id, a word every match contains) per credit form: the word, the form's
    longest, lets ``wire`` skip a pattern with a substring test (95 searches per zone cost more
    than the rest of reading an article's origin)."""
    labels = "|".join(re.escape(normalize(lb)) for lb in data.get("credit_labels", []))
    dash = "[" + re.escape(_DASHES) + "]"
    pats = []
    for o in data["outlets"]:
        for form in o.get("credits", []):
            inner = form.strip()
            bracketed = inner.startswith("(") and inner.endswith(")")
            inner = inner.strip("()").strip()
            body = _form_regex(inner)
            alone = [
                rf"^[^\n]{{0,60}}?{dash}\s*\(?\s*{body}\s*\)?(?!\w)",  # dateline: الرياض - واس
                rf"^\W*{body}\W*$",  # a line of its own
            ]
            if labels:
                alone.append(rf"(?:{labels})\s*:?\s*\(?\s*{body}(?!\w)")
            if bracketed or " " in normalize(inner) or "." in inner:
                alone.append(rf"[(\[]\s*{body}\s*[)\]]")
            if not bracketed and (" " in normalize(inner) or "." in inner):
                alone.append(rf"(?<!\w){body}(?!\w)")  # a full name or an abbreviation with dots
            needed = max(_form_words(inner), key=len, default="")
            pats.append((re.compile("|".join(f"(?:{a})" for a in alone), re.MULTILINE), o["id"], needed))
    return pats


@cache
def credit_words() -> frozenset[tuple[str, ...]]:
    """Every agency credit form as its normalised words (``أ.ف.ب`` -> ``('ا', 'ف', 'ب')``), so a
    title can drop the credit a dateline runs into (``نواكشوط - وام توجه الناخبون``)."""
    data = load_json("outlets.json")
    return frozenset(tuple(_form_words(f.strip().strip("()"))) for o in data["outlets"] for f in o.get("credits") or [])


@cache
def outlets() -> Outlets:
    return Outlets(load_json("outlets.json"))


def origin(url: str | None, source: str | None, text: str) -> Origin:
    """documents.source, .outlet and .wire of an article read with ``url``, ``source`` and ``text``."""
    table = outlets()
    found = table.resolve(url, source)
    return Origin(found.name, found.id, table.wire(text))


def source_condition(column_source: str, column_outlet: str, name: str) -> tuple[str, list[str]]:
    """SQL condition (and its arguments) for "articles of the outlet called ``name``": its stored
    name as given, or the outlet the data file knows by that name in any of its forms
    (صحيفة النهار, An-Nahar, annahar.com all find النهار)."""
    known = outlets().by_name(name)
    if known is None:
        return f"{column_source} = ?", [name]
    return f"({column_source} = ? OR {column_outlet} = ?)", [name, known["id"]]

