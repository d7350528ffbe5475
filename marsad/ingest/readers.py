"""Turn paths (files, folders, ``-``) into articles, by extension or by sniffing content.

Each reader yields ``RawArticle`` or ``Rejected``; a bad item never stops the others.
Bytes are decoded by ``marsad.ingest.decode`` (a few invalid bytes are replaced and counted
on the article; too many reject it); names read from the input (title, source) are cleaned
by ``marsad.ingest.clean_names``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest.clean_names import clean_name, clean_title
from marsad.ingest.decode import MAX_BAD_RATIO, DecodeError, decode_bytes, replace_invalid, too_damaged
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.items import RawArticle, Rejected
from marsad.messages import message

Item = RawArticle | Rejected
FIELDS = ("id", "url", "title", "published", "source", "language")
NUMBER_FIELDS = ("id", "published")  # a number is taken as its JSON text (ids often are numbers)
CLEAN = {"title": clean_title, "source": clean_name}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
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


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type (number, not int), in the message language."""
    name = ("null" if value is None else "boolean" if isinstance(value, bool)
            else "number" if isinstance(value, (int, float)) else "string" if isinstance(value, str)
            else "list" if isinstance(value, list) else "object")
    return message(f"json_type_{name}")


def _article(obj: object, origin: str, max_bad_ratio: float = MAX_BAD_RATIO, bad_bytes: int = 0,
             size: int = 0) -> Item:
    """One JSON object as an article. ``bad_bytes``/``size``: invalid bytes already replaced in
    the line it was decoded from, and that line's length; invalid bytes still escaped in its
    strings (a JSON array decoded whole) are counted and replaced here, and judged against the
    article's own size."""
    if not isinstance(obj, dict):
        return Rejected(origin, message("json_not_object", got=json_type(obj)))
    text = obj.get("text")
    if text is None:
        return Rejected(origin, message("json_no_text"))
    if not isinstance(text, str):
        return Rejected(origin, message("json_field_type", field="text", got=json_type(text)))
    if not text.strip():
        return Rejected(origin, message("json_text_empty"))
    values = {"text": text}
    for k in FIELDS:
        v = obj.get(k)
        if k in NUMBER_FIELDS and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        elif v is not None and not isinstance(v, str):
            code = "json_field_type_scalar" if k in NUMBER_FIELDS else "json_field_type"
            return Rejected(origin, message(code, field=k, got=json_type(v)))
        if v is not None and v.strip():
            values[k] = v
    if not size:
        size = sum(len(v.encode("utf-8", errors="replace")) for v in values.values())
    for k, v in values.items():
        values[k], n = replace_invalid(v)
        bad_bytes += n
    reason = too_damaged(bad_bytes, size, max_bad_ratio)
    if reason:
        return Rejected(origin, reason)
    kw = {k: CLEAN[k](v) if k in CLEAN else v for k, v in values.items() if k != "text"}
    return RawArticle(text=values["text"], origin=origin, bad_bytes=bad_bytes, size=size, **kw)


def read_jsonl(lines: Iterable[bytes | str], origin: str, max_bytes: int,
               max_bad_ratio: float = MAX_BAD_RATIO) -> Iterator[Item]:
    """One article per line; a line given as bytes is decoded on its own (its invalid bytes
    are that article's)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        if len(line) > max_bytes:
            yield Rejected(where, message("line_too_large", limit=max_bytes))
            continue
        bad = size = 0
        if isinstance(line, bytes):
            if n == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    dec = decode_bytes(line, max_bad_ratio)
                except DecodeError as e:
                    yield Rejected(where, str(e))
                    continue
                line, bad, size = dec.text, dec.bad_bytes, len(line)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(where, message("not_json_line", error=e.msg))
            continue
        yield _article(obj, where, max_bad_ratio, bad, size)


def read_json(text: str, origin: str, max_bad_ratio: float = MAX_BAD_RATIO) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield Rejected(origin, message("not_json_at", error=e.msg, line=e.lineno))
        return
    if isinstance(obj, dict) and isinstance(obj.get("documents"), list):
        obj = obj["documents"]  # a marsad export
    items = obj if isinstance(obj, list) else [obj]
    for i, o in enumerate(items):
        yield _article(o, f"{origin}[{i}]" if isinstance(obj, list) else origin, max_bad_ratio)


def read_text(text: str, origin: str) -> Item:
    """Plain text: one article; the first line is the title if it looks like one."""
    stripped = text.strip()
    if not stripped:
        return Rejected(origin, message("empty_text"))
    first, _, rest = stripped.partition("\n")
    title = None
    first = first.strip()
    if rest.strip() and len(first) <= 150 and not first.endswith((".", ":", "؛")) and len(first.split()) <= 20:
        title = clean_title(first)
    return RawArticle(text=text, origin=origin, title=title)


def read_data(data: bytes, origin: str, kind: str | None, max_bytes: int,
              max_bad_ratio: float = MAX_BAD_RATIO) -> Iterator[Item]:
    """Read one file's (or stdin's) bytes as the given or sniffed kind."""
    if not data.strip():
        yield Rejected(origin, message("empty_file"))
        return
    if kind == "feed":
        yield from read_feed(data, origin)
        return
    utf16 = data.startswith(_UTF16_BOMS)
    if kind is None and not utf16:
        kind = sniff(data[:4096].decode("utf-8", errors="ignore"))
    try:
        # a JSON file's invalid bytes are judged per article; a JSONL file's per line (below)
        dec = decode_bytes(data, 1.0 if kind in ("json", "jsonl") else max_bad_ratio, keep_escapes=True)
    except DecodeError as e:
        yield Rejected(origin, str(e))
        return
    kind = kind or sniff(dec.text[:1000])
    if kind == "jsonl":
        if dec.bad_bytes:  # UTF-8 with invalid bytes: each line is decoded and judged on its own
            yield from read_jsonl(data.split(b"\n"), origin, max_bytes, max_bad_ratio)
        else:
            yield from read_jsonl(dec.text.split("\n"), origin, max_bytes, max_bad_ratio)
        return
    if kind == "json":
        yield from read_json(dec.text, origin, max_bad_ratio)
        return
    text, _ = replace_invalid(dec.text)
    if kind == "feed":
        yield from read_feed(text, origin)
        return
    item = read_html(text, origin) if kind == "html" else read_text(text, origin)
    if isinstance(item, RawArticle):
        item.bad_bytes, item.size = dec.bad_bytes, len(data)
    yield item


def read_path(path: str, max_bytes: int, max_bad_ratio: float = MAX_BAD_RATIO) -> Iterator[Item]:
    """Everything in ``path``: a file, a folder (recursive, sorted) or ``-`` for stdin."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes * 4 + 1)
        yield from read_data(data, "stdin", None, max_bytes * 4, max_bad_ratio)
        return
    p = Path(path)
    if p.is_dir():
        for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")):
            yield from read_path(str(f), max_bytes, max_bad_ratio)
        return
    if not p.exists():
        yield Rejected(path, message("no_such_path"))
        return
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(4096)
            is_jsonl = p.suffix.lower() in (".jsonl", ".ndjson")
            if size > max_bytes and not is_jsonl:
                yield Rejected(path, message("file_too_large", size=size / 1e6, limit=max_bytes / 1e6))
                return
            if is_jsonl and size > max_bytes:
                fh.seek(0)
                yield from _stream_jsonl(fh, path, max_bytes, max_bad_ratio)
                return
            data = head + fh.read()
    except OSError as e:
        yield Rejected(path, message("cannot_read", error=e.strerror))
        return
    try:
        head_text = head.decode("utf-8", errors="ignore")
    except Exception:  # noqa: BLE001 - sniffing only
        head_text = ""
    yield from read_data(data, path, _kind(p, head_text), max_bytes, max_bad_ratio)


def _stream_jsonl(fh, origin: str, max_bytes: int, max_bad_ratio: float = MAX_BAD_RATIO) -> Iterator[Item]:
    """Large JSONL files are read line by line, never whole; each line is decoded on its own."""
    yield from read_jsonl((raw.rstrip(b"\r\n") for raw in fh), origin, max_bytes, max_bad_ratio)
