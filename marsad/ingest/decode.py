"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected legacy
encoding (Windows-1256 and ISO-8859-6 are common for Arabic), else a clear rejection.

A few bad bytes do not lose an article. Bytes that are mostly valid UTF-8 (more well-formed
non-ASCII UTF-8 characters than invalid bytes: an Arabic article has thousands of two-byte
letters) are UTF-8 with damage: each invalid byte becomes U+FFFD and is counted, and the
text is kept when the invalid bytes are at most ``max_bad_ratio`` of all bytes, rejected
with their count and share otherwise. No legacy codec is tried on such bytes: every byte is
valid Windows-1256, so a legacy "fit" of damaged UTF-8 is mojibake. Bytes with (almost) no
well-formed UTF-8 sequences -- a genuine Windows-1256 file is all invalid UTF-8 -- go to the
legacy encoding detection as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from marsad.messages import message

MAX_BAD_RATIO = 0.01  # the default of ``ingest.max_bad_byte_ratio``
LEGACY = ["cp1256", "iso8859_6", "cp720", "cp1252", "latin_1"]
_ESCAPED = re.compile("[\udc80-\udcff]")  # an invalid byte under errors="surrogateescape"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    pass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bad_bytes: int = 0  # invalid bytes replaced by U+FFFD


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and ctrl / len(head) > 0.05


def share(bad: int, total: int) -> str:
    """``bad`` of ``total`` as a percentage for messages (``0.15%``)."""
    return f"{100 * bad / max(total, 1):.2f}%"


def too_damaged(bad: int, total: int, max_bad_ratio: float) -> str | None:
    """The rejection reason when ``bad`` of ``total`` bytes is more damage than allowed, else None."""
    if bad <= max_bad_ratio * total:
        return None
    return message("decode_too_damaged", bad=bad, total=total, share=share(bad, total),
                   limit=share(round(max_bad_ratio * 10_000), 10_000))


def replace_invalid(text: str) -> tuple[str, int]:
    """Each lone surrogate (an invalid byte kept by ``surrogateescape``, or a ``\\udXXX`` JSON
    escape that is no character) replaced by U+FFFD; returns the text and how many there were."""
    return _LONE_SURROGATE.subn("\ufffd", text)


def _utf8_with_damage(data: bytes, surely: bool = False) -> tuple[str, int] | None:
    """``(text with its invalid bytes escaped, how many)`` when ``data`` is UTF-8 with some
    invalid bytes (``surely``: a UTF-8 BOM said so); None when it is not UTF-8 at all."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # well-formed non-ASCII characters
    return (text, bad) if surely or good > bad else None


def decode_bytes(data: bytes, max_bad_ratio: float = MAX_BAD_RATIO, keep_escapes: bool = False) -> Decoded:
    """Decode ``data`` or raise DecodeError with a reason a person can act on.

    ``keep_escapes``: invalid UTF-8 bytes stay as ``surrogateescape`` escapes (U+DC80..U+DCFF),
    for a caller that counts them per article within the text (a JSON array of articles) and
    replaces them with ``replace_invalid``; ``bad_bytes`` is still the whole count.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(message("decode_bad_utf16", error=e.reason)) from e
    if looks_binary(data):
        raise DecodeError(message("decode_binary"))
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return Decoded(body.decode("utf-8"), "utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _utf8_with_damage(body, surely=bom)
    if damaged is not None:
        text, bad = damaged
        reason = too_damaged(bad, len(data), max_bad_ratio)
        if reason:
            raise DecodeError(reason)
        if not keep_escapes:
            text = _ESCAPED.sub("\ufffd", text)
        return Decoded(text, "utf-8-sig" if bom else "utf-8", bad)
    best = from_bytes(data[:200_000], cp_isolation=LEGACY).best()
    if best is None or best.encoding is None:
        raise DecodeError(message("decode_no_encoding"))
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise DecodeError(message("decode_legacy_fails", encoding=best.encoding, error=str(e))) from e
