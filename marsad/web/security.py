"""Who may write: the checks that stop a web page the user visits from posting into their database.

Three layers, each cheap: the server answers only to the host names it serves under (so a
DNS-rebinding page, whose requests carry its own name, gets 400 on every route); a write must
not come from another origin (``Origin`` / ``Sec-Fetch-Site``); and a write must carry the
server's token (``X-Marsad-Token`` or ``Authorization: Bearer``), which another site cannot
read. Pages opened from this machine get the token in a ``<meta>`` tag; anyone else types it.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from marsad.messages import message

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")  # as the Host header writes them
LOOPBACK_CLIENTS = {"127.0.0.1", "::1", "localhost"}
TOKEN_HEADER = "x-marsad-token"


class WriteRefused(Exception):
    """A write the server will not do: ``status`` is the HTTP code, ``code`` the message code."""

    def __init__(self, status: int, code: str):
        super().__init__(code)
        self.status, self.code = status, code


@dataclass(frozen=True)
class WritePolicy:
    token: str
    read_only: bool = False
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    extra: dict[str, str] = field(default_factory=dict)

    def check(self, headers: dict[str, str]) -> None:
        """Raise WriteRefused unless a request with these (lower-cased) headers may write."""
        if self.read_only:
            raise WriteRefused(403, "web_read_only")
        site = headers.get("sec-fetch-site")
        if site and site not in ("same-origin", "none"):
            raise WriteRefused(403, "web_cross_origin")
        origin = headers.get("origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != headers.get("host", "").lower()):
            raise WriteRefused(403, "web_cross_origin")
        given = headers.get(TOKEN_HEADER) or _bearer(headers.get("authorization", ""))
        if not given:
            raise WriteRefused(401, "web_token_missing")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise WriteRefused(403, "web_token_wrong")


def _bearer(value: str) -> str:
    scheme, _, rest = value.partition(" ")
    return rest.strip() if scheme.lower() == "bearer" else ""


def refusal(exc: WriteRefused, accept_language: str) -> str:
    """The refusal's message in the reader's language (``Accept-Language``)."""
    lang = "ar" if accept_language.strip().lower().startswith("ar") else "en"
    return message(exc.code, lang=lang, header="X-Marsad-Token")


def token_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "marsad" / "token"


def resolve_token(given: str | None) -> tuple[str, str]:
    """``(token, where it came from)``: the flag or ``MARSAD_TOKEN`` if set, else the token file,
    created (readable by its owner only) on first run."""
    if given:
        return given, "--token / MARSAD_TOKEN"
    path = token_file()
    try:
        saved = path.read_text(encoding="utf-8").strip()
        if saved:
            return saved, str(path)
    except OSError:
        pass
    token = secrets.token_urlsafe(24)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token + "\n")
        return token, str(path)
    except OSError:
        return token, "generated for this run (could not save it)"


def allowed_hosts(bind: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Host names the server answers to: this machine's loopback names, the address it is bound
    to (unless a wildcard) and any the user adds (``*`` for any)."""
    hosts = list(LOCAL_HOSTS)
    if bind not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{bind}]" if ":" in bind else bind)
    hosts.extend(h.strip().lower() for h in extra if h.strip())
    return tuple(dict.fromkeys(hosts))


def is_loopback(client_host: str | None) -> bool:
    return (client_host or "") in LOOPBACK_CLIENTS
