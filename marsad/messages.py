"""User-facing error and warning messages in English or Arabic, from one catalogue.

The wording lives in ``marsad/lang/messages.json`` (one entry per message code, ``en`` and
``ar``), so a message is written once and the CLI, the ingest summary and the web API say the
same thing. The language follows ``MARSAD_LANG``, else the POSIX locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``): Arabic when it starts with ``ar``, English otherwise.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources

LANGS = ("en", "ar")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("marsad.lang").joinpath("messages.json").read_text(encoding="utf-8"))


def language() -> str:
    """``ar`` or ``en`` from the environment (read on each call: a test or a shell may change it)."""
    for var in ("MARSAD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def message(code: str, lang: str | None = None, **params: object) -> str:
    """The message ``code`` in ``lang`` (default: the environment's), with ``params`` filled in."""
    entry = catalogue()[code]
    text = entry.get(lang or language()) or entry["en"]
    return text.format(**params)
