"""The sources file (TOML) and OPML feed lists.

A sources file is a list of ``[[source]]`` tables::

    [[source]]
    name = "BBC Arabic"                                  # unique; the key of the source's state
    url = "https://feeds.bbci.co.uk/arabic/rss.xml"
    kind = "feed"          # feed (RSS, Atom, JSON Feed) | sitemap (news sitemap) | page (section page)
    interval = "15m"       # how often to poll: "90s", "15m", "2h", "1d" or seconds (default watch.interval)
    links = "/arabic/articles/"   # page sources: a regular expression article links must match (optional)
    full_text = true       # feed sources: fetch the article page when an entry carries a summary only (default)

OPML files (feed readers export their subscriptions as OPML) give ``feed`` sources: every
``<outline>`` with an ``xmlUrl``. XML here and in sitemaps is parsed with entity declarations
refused (no entity expansion, no external entities, no DTD fetched).
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

KINDS = ("feed", "sitemap", "page")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_KEYS = {"name", "url", "kind", "interval", "links", "full_text"}


class SourcesError(ValueError):
    """A sources file or OPML file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str = "feed"
    interval: float = 900.0  # seconds
    links: str | None = None  # page sources: regex article links must match
    full_text: bool = True


def parse_interval(value: object, where: str = "interval") -> float:
    """``"15m"``, ``"2h"``, ``"90s"``, ``"1d"`` or a number of seconds, as seconds (at least 1)."""
    if isinstance(value, bool):
        raise SourcesError(f"{where}: not a duration: {value!r}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (m := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())):
        seconds = float(m.group(1)) * _UNITS[m.group(2) or "s"]
    else:
        raise SourcesError(f"{where}: not a duration (use 90s, 15m, 2h, 1d or seconds): {value!r}")
    if seconds < 1:
        raise SourcesError(f"{where}: at least 1 second, got {value!r}")
    return seconds


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url.strip()):
        raise SourcesError(f"{where}: url must be an http:// or https:// address, got {url!r}")
    return url.strip()


def make_source(raw: dict, where: str, default_interval: float) -> Source:
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    url = _check_url(raw.get("url"), where)
    name = raw.get("name", url)
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: name must be a non-empty string")
    kind = raw.get("kind", "feed")
    if kind not in KINDS:
        raise SourcesError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    links = raw.get("links")
    if links is not None:
        try:
            re.compile(links)
        except (re.error, TypeError) as e:
            raise SourcesError(f"{where}: links is not a regular expression: {e}") from e
    full_text = raw.get("full_text", True)
    if not isinstance(full_text, bool):
        raise SourcesError(f"{where}: full_text must be true or false")
    interval = parse_interval(raw["interval"], f"{where}: interval") if "interval" in raw else default_interval
    return Source(name=name.strip(), url=url, kind=kind, interval=interval, links=links, full_text=full_text)


def load_sources(path: str | Path, default_interval: float = 900.0) -> list[Source]:
    """The sources of a TOML sources file, checked (unique names, known kinds, valid URLs)."""
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except OSError as e:
        raise SourcesError(f"cannot read sources file {path}: {e.strerror or e}") from e
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"sources file {path} is not valid TOML: {e}") from e
    extra = sorted(set(data) - {"source"})
    if extra:
        raise SourcesError(f"sources file {path}: unknown table(s) {', '.join(extra)}; write [[source]] tables")
    raw = data.get("source", [])
    if not isinstance(raw, list):
        raise SourcesError(f"sources file {path}: write each source as a [[source]] table")
    return unique([make_source(r, f"{path}: source {i + 1}", default_interval) for i, r in enumerate(raw)])


def unique(sources: list[Source]) -> list[Source]:
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise SourcesError(f"two sources are named {s.name!r}; names must be unique")
        seen.add(s.name)
    return sources


def parse_xml(data: bytes | str, what: str) -> ET.Element:
    """An XML document's root, with DTD entity declarations refused before parsing: no entity
    is ever expanded (no "billion laughs") and nothing external is loaded (expat loads no DTD)."""
    head = data if isinstance(data, bytes) else data.encode("utf-8", errors="replace")
    if re.search(rb"<!ENTITY", head, re.IGNORECASE):
        raise SourcesError(f"{what}: entity declarations are not accepted")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise SourcesError(f"{what}: not well-formed XML ({e})") from e


def local(tag: str) -> str:
    """A tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def load_opml(path: str | Path, default_interval: float = 900.0) -> list[Source]:
    """Feed sources from an OPML file: every outline with an ``xmlUrl`` (name from its ``title``
    or ``text``; nested folders are walked)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SourcesError(f"cannot read OPML file {path}: {e.strerror or e}") from e
    root = parse_xml(data, f"OPML file {path}")
    if local(root.tag).lower() != "opml":
        raise SourcesError(f"OPML file {path}: the root element is <{local(root.tag)}>, not <opml>")
    out: list[Source] = []
    names: set[str] = set()
    for node in root.iter():
        if local(node.tag) != "outline" or not node.get("xmlUrl"):
            continue
        url = _check_url(node.get("xmlUrl"), f"OPML file {path}: outline {node.get('text')!r}")
        name = (node.get("title") or node.get("text") or url).strip() or url
        if name in names:  # the same title twice in a reader's export: keep both, told apart by URL
            name = f"{name} ({url})"
        names.add(name)
        out.append(Source(name=name, url=url, kind="feed", interval=default_interval))
    if not out:
        raise SourcesError(f"OPML file {path}: no outline with an xmlUrl (no feeds)")
    return out


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _duration(seconds: float) -> str:
    for unit, n in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= n and seconds % n == 0:
            return f"{int(seconds // n)}{unit}"
    return f"{int(seconds)}s" if seconds == int(seconds) else str(seconds)


def to_toml(sources: list[Source]) -> str:
    """A sources file for ``sources`` (to edit an OPML import by hand)."""
    blocks = []
    for s in sources:
        lines = ["[[source]]", f"name = {_toml_str(s.name)}", f"url = {_toml_str(s.url)}",
                 f"kind = {_toml_str(s.kind)}", f"interval = {_toml_str(_duration(s.interval))}"]
        if s.links:
            lines.append(f"links = {_toml_str(s.links)}")
        if not s.full_text:
            lines.append("full_text = false")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
