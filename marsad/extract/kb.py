"""The knowledge base of actors: who is who, under which names, holding which role when.

Shipped data lives in ``lang/ar/data/kb/*.json`` (people, organisations, places) plus the
country names of CLDR (via Babel) completed by ``kb/countries.json``. Users add or correct
actors with files of the same format (``Resources.kb_files``): an entry with a shipped id
replaces it, a new id adds an actor. The KB is built once per process (``get_kb``).

Country ids are ISO 3166 alpha-2 codes (key ``kb:RU``) and every actor's ``country`` is such a
code; :meth:`KB.country_name` gives the English name ("Russia", "United States").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.lang.ar import load_json
from marsad.text.normalize import normalize

KB_DIR = "kb"
_COUNTRY_FILE = "countries.json"
# CLDR territories that are not countries (regions, unions, placeholders).
_NOT_COUNTRIES = frozenset({"EU", "UN", "EZ", "QO", "ZZ", "XA", "XB"})
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


@dataclass(frozen=True)
class Actor:
    id: str
    type: str  # PERSON | ORG | LOC
    name: str
    name_ar: str | None
    country: str | None
    aliases: tuple[str, ...]  # surface forms (Arabic and Latin)
    cued: tuple[str, ...] = ()  # forms that are also common words: need a cue word before them
    # a ministry without its head noun (الخارجية المصرية): never after a definite word it would
    # describe (السياسة الخارجية المصرية) or a title it would complete (وزيرة الخارجية البريطانية)
    headless: tuple[str, ...] = ()
    # forms shared with another place (عمان: Oman or Amman) count only in an article holding
    # one of ``context_words`` (مسقط, العماني)
    contextual: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    roles: tuple[tuple[str, str | None, str | None], ...] = ()
    # latitude and longitude of a region, sea or site the bundled gazetteer has no city for
    at: tuple[float, float] | None = None
    # False for a body whose name opens with an outlet's head word (وكالة الطاقة الذرية, شبكة
    # أطباء السودان) but that is no outlet; None: its names tell
    media: bool | None = None

    @property
    def key(self) -> str:
        return "kb:" + self.id


@dataclass
class KB:
    actors: dict[str, Actor] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # normalised adjective form -> ISO
    # normalised adjective form -> id of the body it names (حوثي: the Houthis; an entry's "adj")
    body_adjectives: dict[str, str] = field(default_factory=dict)
    leader_title: dict[str, str] = field(default_factory=dict)  # ISO -> title meant by 'leader'
    roles: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # role -> (start, end, id)

    def holder(self, role: str, date: str | None) -> str | None:
        """The id of whoever held ``role`` on ``date`` (ISO), or None when unknown or ambiguous."""
        if not date:
            return None
        day = date[:10]
        ids = {i for start, end, i in self.roles.get(role, ()) if start <= day < end}
        return ids.pop() if len(ids) == 1 else None

    def country_name(self, code: str | None) -> str | None:
        """English name of an ISO code as the KB knows it ("RU" -> "Russia")."""
        a = self.actors.get(code or "")
        return a.name if a else None


def _entries_of(data: Any) -> list[dict]:
    if isinstance(data, dict):
        return list(data.get("entities", []))
    return list(data)


def _actor(e: dict) -> Actor:
    ar = [x for x in e.get("ar", []) if x]
    ctx = [x for x in e.get("ar_context", {}).get("forms", []) if x]
    latin = [x for x in e.get("latin", []) if x]
    roles = tuple((r[0], r[1] if len(r) > 1 else None, r[2] if len(r) > 2 else None) for r in e.get("roles", []))
    return Actor(
        id=str(e["id"]),
        type=e["type"],
        name=e.get("name") or (latin[0] if latin else ar[0]),
        name_ar=ar[0] if ar else ctx[0] if ctx else None,  # a name that needs context is still its name
        country=e.get("country"),
        aliases=tuple(dict.fromkeys(a for a in ar + latin + [e.get("name") or ""] if a)),
        cued=tuple(e.get("ar_cued", [])),
        roles=roles,
        contextual=tuple(ctx),
        context_words=tuple(normalize(w) for w in e.get("ar_context", {}).get("words", [])),
        at=(float(e["at"][0]), float(e["at"][1])) if e.get("at") else None,
        media=e.get("media"),
    )


def _countries() -> tuple[list[Actor], dict[str, str], dict[str, str]]:
    """Country actors from CLDR Arabic/English names completed by countries.json."""
    from babel import Locale

    extra = load_json(f"{KB_DIR}/{_COUNTRY_FILE}")
    drop = {normalize(x) for x in extra.get("drop", [])}
    ar_names, en_names = Locale("ar").territories, Locale("en").territories
    actors, adjectives, leader = [], {}, {}
    for code, ar in ar_names.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        info = extra["countries"].get(code, {})
        forms = [ar, _PARENS.sub(" ", ar).strip(), *info.get("aliases", [])]
        forms = [f for f in dict.fromkeys(forms) if f and normalize(f) not in drop]
        name = info.get("name") or en_names.get(code, code)
        ctx = info.get("ar_context", {})
        actors.append(Actor(code, "LOC", name, forms[0] if forms else ar, code,
                            tuple(dict.fromkeys(forms + info.get("latin", []) + [name])), (),
                            contextual=tuple(ctx.get("forms", [])),
                            context_words=tuple(normalize(w) for w in ctx.get("words", []))))
        for adj in info.get("adj", []):
            for form in _adjective_forms(adj):
                adjectives[form] = code
        if info.get("leader"):
            leader[code] = info["leader"]
    return actors, adjectives, leader


def _add_institutions(kb: KB) -> None:
    """National institutions named by a noun and the country's adjective (الجيش السوداني,
    البنك المركزي المصري, وزارة الخارجية التركية): one ORG per country with adjectives, from the
    templates in countries.json; a form some actor already has keeps its owner."""
    data = load_json(f"{KB_DIR}/{_COUNTRY_FILE}")
    known = {normalize(a) for actor in kb.actors.values() for a in actor.aliases}
    for code, info in data["countries"].items():
        country = kb.actors.get(code)
        adjectives = info.get("adj", []) + info.get("institution_adj", [])  # الجيش المالي
        if country is None or not adjectives:
            continue
        for t in data.get("institutions", []):
            forms, short = [], []
            # البرلمان, مجلس النواب: one body, named either way; a head of its own gender agrees
            # so (الجيش السوداني, القوات المسلحة السودانية)
            heads = [(t["ar"], t["gender"])] + [(h, t["gender"]) if isinstance(h, str) else (h["ar"], h["gender"])
                                                for h in t.get("also", [])]
            for adj in adjectives:
                forms += [head + " " + _agreeing(adj, gender) for head, gender in heads]
                if t.get("short"):
                    short.append(t["short"] + " " + _agreeing(adj, t["gender"]))  # الخارجية المصرية
            forms = [f for f in forms if normalize(f) not in known]
            short = [f for f in short if normalize(f) not in known]
            if forms:
                aid = f"{t['id']}-{code}"
                kb.actors[aid] = Actor(aid, "ORG", t["name"].format(country=country.name), forms[0], code,
                                       tuple(forms), headless=tuple(short))


def _agreeing(adj: str, gender: str) -> str:
    """The adjective with the article, each word agreeing with a head of ``gender`` (m/f)."""
    return " ".join("ال" + w + ("ة" if gender == "f" else "") for w in adj.split())


def _adjective_forms(adj: str) -> list[str]:
    """روسي -> روسي, روسيه, الروسي, الروسيه (normalised), word by word for كوري شمالي."""
    words = normalize(adj).split()
    out = []
    for fem in (False, True):
        ws = [w + "ه" if fem else w for w in words]
        out.append(" ".join(ws))
        out.append(" ".join("ال" + w for w in ws))
    return out


def _shipped_files() -> list[Any]:
    base = resources.files("marsad.lang.ar").joinpath("data", KB_DIR)
    return sorted((p for p in base.iterdir() if p.name.endswith(".json") and p.name != _COUNTRY_FILE),
                  key=lambda p: p.name)


def _add_entry(kb: KB, e: dict[str, Any]) -> None:
    """One entity of a KB file, and the adjectives that name it (هجوم حوثي: the Houthis')."""
    kb.actors[str(e["id"])] = _actor(e)
    for adj in e.get("adj", ()):
        for form in _adjective_forms(adj):
            kb.body_adjectives[form] = str(e["id"])


def load_kb(user_files: tuple[Path, ...] = ()) -> KB:
    """Shipped KB overlaid by user files (same format; same id replaces, new id adds)."""
    kb = KB()
    countries, kb.adjectives, kb.leader_title = _countries()
    for a in countries:
        kb.actors[a.id] = a
    for p in _shipped_files():
        with p.open(encoding="utf-8") as fh:
            for e in _entries_of(json.load(fh)):
                _add_entry(kb, e)
    for path in user_files:
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ValueError(f"cannot read knowledge-base file {path}: {err}") from err
        for e in _entries_of(data):
            if not {"id", "type"} <= e.keys():
                raise ValueError(f"{path}: every entity needs 'id' and 'type': {e}")
            _add_entry(kb, e)
    _add_institutions(kb)
    roles: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a in kb.actors.values():
        for role, start, end in a.roles:
            roles[role].append((start or "0000-00-00", end or "9999-99-99", a.id))
    kb.roles = dict(roles)
    return kb


def get_kb(res) -> KB:
    """The KB of a run, built once per process and shared by every document."""
    return res.get("entities.kb", lambda r: load_kb(tuple(r.kb_files)))


@lru_cache(maxsize=1)
def _shipped_words() -> frozenset[str]:
    kb = load_kb()
    words: set[str] = set()
    for a in kb.actors.values():
        for alias in a.aliases:
            for w in normalize(alias).split():
                if len(w) >= 3:
                    words.add(w)
    return frozenset(words)


def known_word(norm: str) -> bool:
    """Is ``norm`` (a normalised word) a word of a shipped KB name? Used to split glued words."""
    return norm in _shipped_words()
