"""Plain data types passed between pipeline stages.

Every span is a pair of character offsets into the stored original ``Document.text``
(start inclusive, end exclusive), so anything marsad shows can be traced to its sentence.
Entities are referred to by *key*: a stable string (``kb:<id>`` for knowledge-base actors,
``unk:<TYPE>:<translit-key>`` for discovered names) that the store maps to one entity row.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A span taken out of analysis (boilerplate), kept so nothing is silently lost."""

    start: int
    end: int
    reason: str


# The reason of a page's date line (``extract.pubdate.page_stamp``): no sentence, and no date of news.
STAMP = "page stamp"


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date or datetime, as given or extracted
    published_how: str | None = None  # 'given' (with the article) | 'url' (the day its URL carries) | 'page' (its date line) | None
    language: str | None = None
    body_end: int | None = None  # text[body_end:] is boilerplate (see ``removed``)
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    origin: str | None = None  # where it was read from (file path, "stdin", ...)
    bad_bytes: int = 0  # invalid bytes of the input replaced by U+FFFD (kept: under ingest.max_bad_byte_ratio)
    outlet: str | None = None  # the outlet's id in lang/ar/data/outlets.json (None: not there; see ingest.outlets)
    wire: str | None = None  # the id of the wire agency the text credits (AFP, SPA...), if any

    @property
    def body(self) -> str:
        return self.text if self.body_end is None else self.text[: self.body_end]


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | LOC | ROLE
    entity: str | None = None  # entity key, None for an unresolved role mention
    role: str | None = None  # role id when the mention is a role (e.g. "president:US")
    how: str = "kb"  # kb | context | repeat | role


@dataclass
class EntityRecord:
    """What a stage knows of an entity; the store merges records with the same key."""

    key: str
    name: str
    type: str
    name_ar: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None = None  # entity key
    speaker_text: str | None = None
    on_behalf_of: str | None = None  # entity key
    channel: str | None = None
    via: str | None = None
    verb: str | None = None
    sentence: int | None = None


@dataclass(slots=True)
class TimeRef:
    start: int
    end: int
    text: str
    value: str | None  # ISO date / datetime, or ISO 8601 duration (P30D)
    grain: str  # day | week | month | year | hour | minute | duration
    kind: str  # date | time | duration | set
    mod: str | None = None  # START | MID | END for مطلع/منتصف/أواخر (value keeps its grain)


@dataclass(slots=True)
class Fact:
    """A number with its unit and what it counts, e.g. 175 prisoners, 2 hours."""

    start: int
    end: int
    text: str
    what: str
    unit: str
    value: float
    qualifier: str = "exact"  # exact | more_than | less_than | about
    sentence: int | None = None


@dataclass
class Action:
    type: str  # PLOVER type
    source: str | None  # entity key; None when unknown (انفجرت سيارة مفخخة)
    target: str | None  # entity key; None when the action has none (a protest, a strike)
    start: int
    end: int
    cameo: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    date: str | None = None
    place: str | None = None
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | planned | possible | ...
    trigger: str | None = None
    sentence: int | None = None
    source_sector: str | None = None  # CAMEO actor role (CVL, LAB, MIL, COP, REB, UAF, GOV...)
    target_sector: str | None = None
    source_span: tuple[int, int] | None = None  # the words naming the source, for checking
    place_country: str | None = None  # ISO code of the place
    killed: int | None = None  # counts the sentence gives (facts stage)
    injured: int | None = None


@dataclass
class Analysis:
    """Everything the per-document stages found in one document."""

    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, EntityRecord] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
