"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected legacy
encoding (Windows-1256 and ISO-8859-6 are common for Arabic), else a clear rejection."""

from __future__ import annotations

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and ctrl / len(head) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise DecodeError with a reason a person can act on."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if looks_binary(data):
        raise DecodeError("binary content, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=["cp1256", "iso8859_6", "cp720", "cp1252", "latin_1"]).best()
    if best is None or best.encoding is None:
        raise DecodeError("not UTF-8 and no known encoding fits")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as e:
        raise DecodeError(f"not UTF-8; {best.encoding} fails too ({e})") from e
