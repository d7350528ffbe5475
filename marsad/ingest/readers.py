"""Turn paths (files, folders, ``-``) into articles, by extension or by sniffing content.

Each reader yields ``RawArticle`` or ``Rejected``; a bad item never stops the others.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.items import RawArticle, Rejected

Item = RawArticle | Rejected
FIELDS = ("id", "url", "title", "published", "source", "language")
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def sniff(head: str) -> str:
    """Kind of a text by its first characters: html, feed, jsonl, json or text."""
    h = head.lstrip()[:500].lower()
    if h.startswith("<?xml") or h.startswith("<rss") or h.startswith("<feed"):
        if "<rss" in h or "<feed" in h or "<rdf" in h:
            return "feed"
        return "html" if "<html" in h else "feed"
    if h.startswith("<!doctype html") or h.startswith("<html") or "<body" in h:
        return "html"
    if h.startswith("{"):
        first = h.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") else "json"
    if h.startswith("["):
        return "json"
    return "text"


def _kind(path: Path, head: str) -> str:
    suf = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".html": "html", ".htm": "html",
            ".rss": "feed", ".atom": "feed", ".xml": "feed"}.get(suf) or (sniff(head) if suf not in _TEXT_SUFFIXES
                                                                          or head.lstrip()[:1] in "<{[" else "text")


def _article(obj: object, origin: str) -> Item:
    if not isinstance(obj, dict):
        return Rejected(origin, "JSON value is not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(origin, "JSON object has no 'text'")
    kw = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in FIELDS}
    return RawArticle(text=text, origin=origin, **kw)


def read_jsonl(lines: Iterable[str], origin: str, max_bytes: int) -> Iterator[Item]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        if len(line) > max_bytes:
            yield Rejected(where, f"line larger than {max_bytes} bytes")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(where, f"not JSON ({e.msg})")
            continue
        yield _article(obj, where)


def read_json(text: str, origin: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield Rejected(origin, f"not JSON ({e.msg} at line {e.lineno})")
        return
    if isinstance(obj, dict) and isinstance(obj.get("documents"), list):
        obj = obj["documents"]  # a marsad export
    items = obj if isinstance(obj, list) else [obj]
    for i, o in enumerate(items):
        yield _article(o, f"{origin}[{i}]" if isinstance(obj, list) else origin)


def read_text(text: str, origin: str) -> Item:
    """Plain text: one article; the first line is the title if it looks like one."""
    stripped = text.strip()
    if not stripped:
        return Rejected(origin, "empty text")
    first, _, rest = stripped.partition("\n")
    title = None
    first = first.strip()
    if rest.strip() and len(first) <= 150 and not first.endswith((".", ":", "؛")) and len(first.split()) <= 20:
        title = first
    return RawArticle(text=text, origin=origin, title=title)


def read_data(data: bytes, origin: str, kind: str | None, max_bytes: int) -> Iterator[Item]:
    """Read one file's (or stdin's) bytes as the given or sniffed kind."""
    if not data.strip():
        yield Rejected(origin, "empty file")
        return
    if kind == "feed":
        yield from read_feed(data, origin)
        return
    try:
        text, _enc = decode_bytes(data)
    except DecodeError as e:
        yield Rejected(origin, str(e))
        return
    kind = kind or sniff(text[:1000])
    if kind == "jsonl":
        yield from read_jsonl(text.splitlines(), origin, max_bytes)
    elif kind == "json":
        yield from read_json(text, origin)
    elif kind == "html":
        yield read_html(text, origin)
    elif kind == "feed":
        yield from read_feed(text, origin)
    else:
        yield read_text(text, origin)


def read_path(path: str, max_bytes: int) -> Iterator[Item]:
    """Everything in ``path``: a file, a folder (recursive, sorted) or ``-`` for stdin."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes * 4 + 1)
        yield from read_data(data, "stdin", None, max_bytes * 4)
        return
    p = Path(path)
    if p.is_dir():
        for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")):
            yield from read_path(str(f), max_bytes)
        return
    if not p.exists():
        yield Rejected(path, "no such file or folder")
        return
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(4096)
            is_jsonl = p.suffix.lower() in (".jsonl", ".ndjson")
            if size > max_bytes and not is_jsonl:
                yield Rejected(path, f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
                return
            if is_jsonl and size > max_bytes:
                fh.seek(0)
                yield from _stream_jsonl(fh, path, max_bytes)
                return
            data = head + fh.read()
    except OSError as e:
        yield Rejected(path, f"cannot read ({e.strerror})")
        return
    try:
        head_text = head.decode("utf-8", errors="ignore")
    except Exception:  # noqa: BLE001 - sniffing only
        head_text = ""
    yield from read_data(data, path, _kind(p, head_text), max_bytes)


def _stream_jsonl(fh, origin: str, max_bytes: int) -> Iterator[Item]:
    """Large JSONL files are read line by line, never whole."""
    def lines() -> Iterator[str]:
        for raw in fh:
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield "\x00not-utf8"
    yield from read_jsonl(lines(), origin, max_bytes)
