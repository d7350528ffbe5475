"""Test helpers for the quote layer: a tiny gazetteer that stands in for the entities stage,
so quote attribution can be tested on its own (names and roles given by each test case)."""

from __future__ import annotations

import re

from marsad.text.normalize import normalize, normalize_map
from marsad.types import EntityRecord, Mention

# proclitics a name may carry in running text (وبوتين, لترامب, بالكرملين is not a name form)
_PREFIX = r"(?:^|(?<=[\s\"(«“،,.:]))(?:و|ف|ب|ل|ك|وب|ول|فب|فل)?"


def gazetteer_mentions(text: str, entries: list[dict]) -> tuple[list[Mention], dict[str, EntityRecord]]:
    """Mentions of the given entries in ``text``: each entry has ``name``, ``type``, ``forms``
    and optional ``roles`` (role phrases resolved to this entity, as the entities stage does
    by date). Longest match wins; spans exclude the proclitic."""
    nt = normalize_map(text)
    found: list[tuple[int, int, str, str, str]] = []
    for e in entries:
        key = "test:" + e["name"]
        for kind, forms in (("name", e.get("forms", [])), ("role", e.get("roles", []))):
            for f in forms:
                pat = re.compile(_PREFIX + "(" + re.escape(normalize(f)) + r")(?![\w])")
                for m in pat.finditer(nt.text):
                    a, b = nt.span(m.start(1), m.end(1))
                    found.append((a, b, key, "ROLE" if kind == "role" else e["type"], e["name"]))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for a, b, key, typ, _ in sorted(found, key=lambda x: -(x[1] - x[0])):
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        mentions.append(Mention(a, b, text[a:b], typ, key, "role" if typ == "ROLE" else None,
                                "role" if typ == "ROLE" else "kb"))
    mentions.sort(key=lambda m: m.start)
    records = {"test:" + e["name"]: EntityRecord("test:" + e["name"], e["name"], e["type"],
                                                 aliases=list(e.get("forms", []))) for e in entries}
    return mentions, records
