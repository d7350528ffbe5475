"""Hand-made entity mentions for action tests: the action layer is tested on its own,
independently of how the entity layer finds names."""

from __future__ import annotations

import re

from marsad.types import Analysis, EntityRecord, Mention

# key -> (English name, type, country, Arabic surface forms)
ACTORS: dict[str, tuple[str, str, str | None, list[str]]] = {
    "t:trump": ("Donald Trump", "PERSON", "United States", ["الرئيس الأمريكي دونالد ترمب", "الرئيس الأميركي دونالد ترامب",
                                                          "الرئيس الأمريكي دونالد ترامب", "دونالد ترامب", "دونالد ترمب",
                                                          "ترامب", "ترمب"]),
    "t:putin": ("Vladimir Putin", "PERSON", "Russia", ["الرئيس الروسي فلاديمير بوتين", "فلاديمير بوتين", "فلاديمير بوتن",
                                                      "الرئيس الروسي", "بوتين", "بوتن"]),
    "t:zelensky": ("Volodymyr Zelensky", "PERSON", "Ukraine", ["الرئيس الأوكراني فولوديمير زيلينسكي",
                                                              "فولوديمير زيلينسكي", "زيلينسكي", "زيلنسكي", "Zelensky"]),
    "t:peskov": ("Dmitry Peskov", "PERSON", "Russia", ["المتحدث باسم بوتين بيسكوف", "بيسكوف"]),
    "t:russia": ("Russia", "LOC", None, ["روسيا"]),
    "t:ukraine": ("Ukraine", "LOC", None, ["أوكرانيا"]),
    "t:moscow": ("Moscow", "LOC", "Russia", ["موسكو"]),
    "t:kyiv": ("Kyiv", "LOC", "Ukraine", ["كييف"]),
    "t:us": ("United States", "LOC", None, ["الولايات المتحدة"]),
    "t:istanbul": ("Istanbul", "LOC", "Turkey", ["إسطنبول"]),
    "t:iran": ("Iran", "LOC", None, ["إيران"]),
    "t:israel": ("Israel", "LOC", None, ["إسرائيل"]),
    "t:vance": ("JD Vance", "PERSON", "United States", ["جيه دي فانس", "جي دي فانس"]),
}


def mention(text: str, analysis: Analysis, actors: dict = ACTORS) -> Analysis:
    """Mark every occurrence of the known surface forms (longest first, no overlaps)."""
    taken: list[tuple[int, int]] = []
    forms = sorted(((f, k) for k, v in actors.items() for f in v[3]), key=lambda x: -len(x[0]))
    for form, key in forms:
        for m in re.finditer(re.escape(form), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            name, typ, country, _ = actors[key]
            taken.append((m.start(), m.end()))
            analysis.mentions.append(Mention(m.start(), m.end(), form, typ, key))
            analysis.entities[key] = EntityRecord(key, name, typ, country=country)
    analysis.mentions.sort(key=lambda x: x.start)
    return analysis
