"""HTTP for the watcher: one careful GET.

- conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the last response; 304 is
  "not modified", with no body read;
- robots.txt of every host asked before any other request to it (RFC 9309: a 4xx robots.txt
  allows everything, a 5xx or unreachable one disallows everything until it can be read), kept
  ``watch.robots_ttl`` seconds in the state file; its ``Crawl-delay`` for our agent lengthens the
  politeness delay;
- politeness: at least ``watch.host_delay`` seconds between two requests to one host;
- redirects followed by hand, at most ``watch.max_redirects``; a loop is an error at once;
- gzip / deflate decoded here, not by httpx, so the size cap counts decoded bytes as they come
  (a small compressed "bomb" cannot expand past the cap); anything larger than
  ``watch.max_bytes`` is not read further and is an error;
- timeouts: to connect, per read, and for the whole response (a server that drips bytes);
- charsets: bytes are decoded by ``marsad.ingest.decode.decode_bytes`` (valid UTF-8 wins whatever
  the headers say; else the legacy encoding is detected, damage counted); a declared Arabic code
  page (HTTP header, XML declaration, ``<meta charset>``) that decodes cleanly settles a detected
  one it disagrees with.

httpx is imported here, so only the ``watch`` command pays for it.
"""

from __future__ import annotations

import re
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from marsad.ingest.decode import Decoded, decode_bytes
from marsad.retry import backoff, retry_after  # noqa: F401 - the watcher's names for them

REDIRECTS = (301, 302, 303, 307, 308)
TRANSIENT_STATUS = (408, 425, 429, 500, 502, 503, 504)
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: at least 500 KiB must be parsed
ARABIC_CODEPAGES = {"cp1256", "iso8859_6", "cp720", "cp864", "mac_arabic"}


class FetchError(Exception):
    """A request that gave no usable response. ``transient``: worth trying again later (network,
    timeout, 5xx, 429); ``retry_after``: seconds the server asked us to wait."""

    def __init__(self, kind: str, text: str, status: int | None = None, transient: bool = True,
                 retry_after: float | None = None, url: str | None = None):
        super().__init__(text)
        self.kind, self.status, self.transient, self.retry_after, self.url = kind, status, transient, retry_after, url


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    ms: float  # from the first request to the last byte, redirects included
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    charset: str | None = None
    location: str | None = None  # a redirect's target

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


def _codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None


def declared_charset(body: bytes, header: str | None) -> str | None:
    """The charset a response declares: HTTP header first, then the XML declaration or a
    ``<meta charset>`` / ``http-equiv`` in the first 4 KB."""
    if header:
        return _codec(header)
    head = body[:4096]
    m = (re.search(rb"<\?xml[^>]*encoding=[\"']([\w.:-]+)", head)
         or re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE))
    return _codec(m.group(1).decode("ascii")) if m else None


def decode_body(body: bytes, header_charset: str | None, max_bad_ratio: float) -> Decoded:
    """Text of a response body (raises ``marsad.ingest.decode.DecodeError``)."""
    dec = decode_bytes(body, max_bad_ratio)
    if dec.encoding.startswith("utf"):
        return dec
    declared = declared_charset(body, header_charset)
    if declared in ARABIC_CODEPAGES and declared != _codec(dec.encoding):
        try:
            return Decoded(body.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    return dec


class Robots:
    """robots.txt per host, cached in memory and in the state file."""

    def __init__(self, fetcher: Fetcher, state, ttl: float):
        self.fetcher, self.state, self.ttl = fetcher, state, ttl
        self._memo: dict[str, tuple[urllib.robotparser.RobotFileParser, float]] = {}

    def _parser(self, status: int, body: str) -> urllib.robotparser.RobotFileParser:
        rp = urllib.robotparser.RobotFileParser()
        if 200 <= status < 300:
            rp.parse(body.splitlines())
        elif 400 <= status < 500:
            rp.allow_all = True
        else:
            rp.disallow_all = True
        return rp

    def rules(self, host: str) -> urllib.robotparser.RobotFileParser:
        now = time.time()
        memo = self._memo.get(host)
        if memo and now - memo[1] < self.ttl:
            return memo[0]
        row = self.state.robots(host) if self.state is not None else None
        if row is not None and now - row["fetched_at"] < self.ttl:
            rp = self._parser(row["status"], row["body"])
            self._memo[host] = (rp, row["fetched_at"])
            return rp
        try:
            resp = self.fetcher.get(host + "/robots.txt", robots=False, max_bytes=ROBOTS_MAX_BYTES)
            status, body = resp.status, resp.body.decode("utf-8", errors="replace")
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500:
                status, body = e.status, ""
            else:  # unreachable or 5xx: everything disallowed, asked again on the next request
                rp = self._parser(503, "")
                self._memo[host] = (rp, now - self.ttl + min(self.ttl, 300))
                return rp
        if self.state is not None:
            self.state.save_robots(host, status, body)
        rp = self._parser(status, body)
        self._memo[host] = (rp, now)
        return rp

    def allowed(self, url: str) -> bool:
        return self.rules(host_of(url)).can_fetch(self.fetcher.agent, url)

    def delay(self, url: str) -> float:
        try:
            return float(self.rules(host_of(url)).crawl_delay(self.fetcher.agent) or 0)
        except (TypeError, ValueError):
            return 0.0


class Fetcher:
    def __init__(self, cfg: dict, state=None, on_request=None):
        """``cfg``: the ``[watch]`` config section; ``state``: a ``State`` for robots.txt;
        ``on_request(url, status, ms, size, error)``: called after every request (redirect hops,
        robots.txt and failures included)."""
        self.cfg = cfg
        self.user_agent = cfg["user_agent"]
        self.agent = self.user_agent.split("/", 1)[0].strip() or self.user_agent
        self.max_bytes = int(cfg["max_bytes"])
        self.max_redirects = int(cfg["max_redirects"])
        self.host_delay = float(cfg["host_delay"])
        self.total_timeout = float(cfg["total_timeout"])
        self.on_request = on_request
        self.client = httpx.Client(
            timeout=httpx.Timeout(connect=float(cfg["connect_timeout"]), read=float(cfg["read_timeout"]),
                                  write=float(cfg["read_timeout"]), pool=float(cfg["connect_timeout"])),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self.robots = Robots(self, state, float(cfg["robots_ttl"]))
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _polite(self, url: str, robots: bool) -> None:
        host = host_of(url)
        gap = max(self.host_delay, self.robots.delay(url) if robots else 0.0)
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None, robots: bool = True,
            max_bytes: int | None = None) -> Response:
        """GET ``url`` following redirects; raises ``FetchError``. ``robots``: ask robots.txt first
        (for every hop); ``max_bytes``: a smaller cap than ``watch.max_bytes``."""
        start = time.monotonic()
        seen = {url}
        current = url
        for _hop in range(self.max_redirects + 1):
            if robots and not self.robots.allowed(current):
                raise FetchError("robots", f"robots.txt of {host_of(current)} disallows {current}",
                                 transient=False, url=current)
            self._polite(current, robots)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            resp = self._one(current, headers, max_bytes or self.max_bytes, start)
            if resp.status in REDIRECTS:
                target = resp.location
                if not target:
                    raise FetchError("http", f"HTTP {resp.status} without a Location header",
                                     status=resp.status, transient=False, url=current)
                nxt = urljoin(current, target)
                if nxt in seen:
                    raise FetchError("redirect_loop", f"redirect loop: {current} -> {nxt} was already visited",
                                     status=resp.status, transient=False, url=current)
                seen.add(nxt)
                current = nxt
                continue
            resp.ms = (time.monotonic() - start) * 1000
            return resp
        raise FetchError("redirects", f"more than {self.max_redirects} redirects from {url}", transient=False,
                         url=url)

    def _one(self, url: str, headers: dict[str, str], cap: int, start: float) -> Response:
        t0 = time.monotonic()
        status: int | None = None
        size = 0
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                status = r.status_code
                if status in REDIRECTS:
                    self._report(url, status, t0, 0, None)
                    return Response(url, status, b"", 0, location=r.headers.get("location"))
                if status == 304:
                    self._report(url, status, t0, 0, None)
                    return Response(url, 304, b"", 0, etag=r.headers.get("etag") or headers.get("If-None-Match"),
                                    last_modified=r.headers.get("last-modified") or headers.get("If-Modified-Since"))
                if status >= 400:
                    err = FetchError("http", f"HTTP {status} {r.reason_phrase}".strip(), status=status,
                                     transient=status in TRANSIENT_STATUS or status >= 500,
                                     retry_after=retry_after(r.headers.get("retry-after")), url=url)
                    self._report(url, status, t0, 0, str(err))
                    raise err
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap and not r.headers.get("content-encoding"):
                    raise FetchError("too_large", f"response of {int(declared):,} bytes is over the {cap:,}-byte"
                                                  " limit (watch.max_bytes); not read", status=status,
                                     transient=False, url=url)
                body = self._read(r, cap, start, url)
                size = len(body)
                ctype = r.headers.get("content-type", "")
                m = re.search(r"charset=([\w.:-]+)", ctype, re.IGNORECASE)
                self._report(url, status, t0, size, None)
                return Response(url, status, body, 0, etag=r.headers.get("etag"),
                                last_modified=r.headers.get("last-modified"), content_type=ctype.split(";")[0].strip(),
                                charset=m.group(1) if m else None)
        except FetchError as e:
            if e.kind != "http":
                self._report(url, status, t0, size, str(e))
            raise
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
            err = FetchError("url", f"cannot request {url!r}: {e}", transient=False, url=url)
        except httpx.TimeoutException as e:
            err = FetchError("timeout", f"timed out ({type(e).__name__}) after {time.monotonic() - t0:.1f} s",
                             status=status, url=url)
        except httpx.HTTPError as e:
            err = FetchError("network", f"{type(e).__name__}: {e}", status=status, url=url)
        self._report(url, status, t0, size, str(err))
        raise err

    def _read(self, r: httpx.Response, cap: int, start: float, url: str) -> bytes:
        """The decoded body, at most ``cap`` bytes, within ``watch.total_timeout`` of ``start``."""
        encoding = r.headers.get("content-encoding", "").strip().lower()
        if encoding in ("", "identity"):
            inflate = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            inflate = zlib.decompressobj(47 if encoding != "deflate" else 15)
        else:
            raise FetchError("encoding", f"unsupported Content-Encoding {encoding!r}", status=r.status_code,
                             transient=False, url=url)
        out = bytearray()
        raw_deflate = False
        for chunk in r.iter_raw():  # as the network gives them: the deadline is checked often
            if time.monotonic() - start > self.total_timeout:
                raise FetchError("timeout", f"response not complete after {self.total_timeout:g} s"
                                            " (watch.total_timeout)", status=r.status_code, url=url)
            if inflate is None:
                out += chunk
            else:
                data = chunk
                while data:
                    try:
                        piece = inflate.decompress(data, cap + 1 - len(out))
                    except zlib.error as e:
                        if encoding == "deflate" and not out and not raw_deflate:  # raw deflate, no zlib header
                            inflate, raw_deflate = zlib.decompressobj(-15), True
                            continue
                        raise FetchError("encoding", f"bad {encoding} data: {e}", status=r.status_code,
                                         transient=False, url=url) from e
                    out += piece
                    data = inflate.unconsumed_tail
                    if len(out) > cap:
                        break
            if len(out) > cap:
                raise FetchError("too_large", f"response over the {cap:,}-byte limit (watch.max_bytes);"
                                              " not read further", status=r.status_code, transient=False, url=url)
        return bytes(out)

    def _report(self, url: str, status: int | None, t0: float, size: int, error: str | None) -> None:
        if self.on_request is not None:
            self.on_request(url, status, (time.monotonic() - t0) * 1000, size, error)
