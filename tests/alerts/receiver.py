"""A webhook receiver on 127.0.0.1 for the delivery tests: a real HTTP server (one thread per
request) that records every POST (arrival time, headers, body) and answers as the test says:
a list of statuses for the first requests (500, 500, then 200 by default), or a function of the
request's number that may hang until the test lets it go. It keeps what a careful receiver
keeps: the delivery keys it accepted, so a repeated delivery is counted once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Delivery:
    n: int
    at: float  # time.monotonic() when the request arrived
    headers: dict[str, str]
    body: bytes
    status: int = 0

    @property
    def key(self) -> str:
        return self.headers.get("x-marsad-delivery", "")


@dataclass
class Receiver:
    statuses: list[int] = field(default_factory=list)  # answers of the first requests; 200 after them
    answer: Callable[[Delivery], int] | None = None  # overrides ``statuses``
    retry_after: str | None = None  # sent with non-2xx answers
    deliveries: list[Delivery] = field(default_factory=list)
    accepted: Counter = field(default_factory=Counter)  # key -> 2xx answers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> Receiver:
        recv = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                size = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(size)
                with recv.lock:
                    d = Delivery(len(recv.deliveries) + 1, time.monotonic(),
                                 {k.lower(): v for k, v in self.headers.items()}, body)
                    recv.deliveries.append(d)
                if recv.answer is not None:
                    status = recv.answer(d)
                else:
                    status = recv.statuses[d.n - 1] if d.n <= len(recv.statuses) else 200
                d.status = status
                if 200 <= status < 300:
                    with recv.lock:
                        recv.accepted[d.key] += 1
                self.send_response(status)
                if recv.retry_after and not 200 <= status < 300:
                    self.send_header("Retry-After", recv.retry_after)
                self.send_header("Content-Length", "2")
                self.end_headers()
                try:
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender was killed meanwhile

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # a sender killed mid-request resets its connection: expected here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def keys(self) -> Counter:
        """Requests per delivery key (a repeated delivery counts twice here, once in ``accepted``)."""
        return Counter(d.key for d in self.deliveries)
