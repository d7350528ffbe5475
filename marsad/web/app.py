"""The HTTP API and the Arabic web app (static files, no build step).

Read-mostly: every request reads through its own read-only connection (SQLite in WAL mode, or
a pooled read-only transaction on PostgreSQL), so pages keep working while ``marsad ingest``
or an upload writes. The one write path is ``POST
/api/ingest``, run as a background job. Input is validated by type (bad dates -> 422),
unknown ids give 404, bodies are size-limited (413) and SQL is parameterised throughout.
"""

# No `from __future__ import annotations`: FastAPI must see the Annotated aliases built in create_app.
import html
import json
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from marsad.alerts import web as alerts_web
from marsad.geo.gazetteer import warm as warm_gazetteer
from marsad.ingest.items import RawArticle
from marsad.resources import Resources
from marsad.search.index import sync
from marsad.search.query import KINDS, MAX_QUERY_CHARS, Filters, QueryError
from marsad.search.query import search as run_search
from marsad.store import Store, StoreError
from marsad.web import listing as L
from marsad.web import queries as Q
from marsad.web.etag import ETags
from marsad.web.feed import ATOM_TYPE, events_feed
from marsad.web.jobs import Jobs, upload_folder
from marsad.web.security import LOCAL_HOSTS, WritePolicy, WriteRefused, is_loopback, refusal

STATIC = Path(str(resources.files("marsad.web").joinpath("static")))
OptID = Annotated[str | None, Query(max_length=300)]
_SAFE_NAME = re.compile(r"[^\w.\-]+")

DESCRIPTION = """JSON API over everything marsad holds (the export sections: documents, entities,
quotes, times, events, stories, actions), with filters and Arabic full-text search. Offsets
are character offsets into the original text of the document named by `doc`. The web app at
`/` is built on these endpoints.

Every list answers `{"items", "total", "limit", "offset", "next"}` (`next`: the relative URL of
the next page, or null), and the same items as CSV with `format=csv` or `Accept: text/csv`
(UTF-8 with a BOM; nested values as JSON in their cell). `/api/events.atom` is the events list
as an Atom feed. GET answers carry a strong `ETag` (304 on `If-None-Match`) and are gzipped
for clients that accept it."""
# The docs pages run Swagger UI / ReDoc from bundled files (fastapi-offline): their own inline
# start-up script and injected styles need 'unsafe-inline'; everything else stays on this origin.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            " img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self';"
            " object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
APP_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none';"
           " base-uri 'none'; frame-ancestors 'none'")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _too_large(send, self.limit)
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        try:
            return await self.app(scope, limited, send)
        except _TooLarge:
            return await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(db_path: str | Path, res: Resources | None = None, *, token: str | None = None,
               read_only: bool = False, hosts: tuple[str, ...] = LOCAL_HOSTS) -> FastAPI:
    """The app over the database at ``db_path`` (migrated and search-indexed on start).

    Writes need ``token`` (a fresh random one when not given: see ``app.state.policy``);
    ``read_only`` refuses them all; ``hosts`` are the Host names served (``*`` for any)."""
    db_path = str(db_path)
    res = res or Resources()
    policy = WritePolicy(token=token or secrets.token_urlsafe(24), read_only=read_only, allowed_hosts=hosts)
    cfg = res.config.get("web", {})
    max_body = int(cfg.get("max_request_bytes", 25_000_000))
    max_page = int(cfg.get("max_page_size", 200))
    store = Store.open(db_path)
    try:
        sync(store)
    finally:
        store.close()
    jobs = Jobs(db_path, res)
    threading.Thread(target=warm_gazetteer, name="marsad-gazetteer", daemon=True).start()

    app = FastAPIOffline(title="marsad (مرصد)", version="1", description=DESCRIPTION,
                         swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from swagger.io
                         openapi_tags=[{"name": "data", "description": "Export sections, paginated"},
                                       {"name": "search", "description": "Arabic full-text search"},
                                       {"name": "ingest", "description": "Add articles (the only write path)"}])
    app.state.policy = policy
    # Outermost last: security headers, ETag, gzip, Host check, body limit, then the routes.
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(policy.allowed_hosts), www_redirect=False)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(ETags)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        docs = request.url.path.startswith(("/docs", "/redoc"))
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else APP_CSP
        return response

    def conn() -> Iterator[sqlite3.Connection]:
        try:
            s = Store.open(db_path, readonly=True)
        except StoreError as e:
            raise HTTPException(503, f"database unavailable: {e}") from e
        try:
            yield s.conn
        finally:
            s.close()

    Conn = Annotated[sqlite3.Connection, Depends(conn)]
    Limit = Annotated[int, Query(ge=1, le=max_page, description="Items per page")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]
    Since = Annotated[date | None, Query(description="ISO date, inclusive")]
    Until = Annotated[date | None, Query(description="ISO date, inclusive")]
    Fmt = Annotated[str | None, Query(alias="format", pattern="^(json|csv)$",
                                      description="`csv` for the items as CSV (default JSON; or `Accept: text/csv`)")]
    listed = {"tags": ["data"], "response_model": L.Page, "responses": L.CSV_RESPONSE}

    def found(obj: Any, what: str) -> Any:
        if obj is None:
            raise HTTPException(404, f"no such {what}")
        return obj

    @app.get("/api/stats", tags=["data"], summary="Counts of everything stored")
    def api_stats(c: Conn) -> dict[str, Any]:
        return Q.stats(c)

    @app.get("/api/documents", summary="Documents (without text), newest first", **listed)
    def api_documents(request: Request, c: Conn, limit: Limit = 20, offset: Offset = 0, since: Since = None,
                      until: Until = None, source: OptID = None, event: OptID = None, entity: OptID = None,
                      fmt: Fmt = None) -> Response:
        f = {"since": since, "until": until, "source": source, "event": event,
             "entity": Q.resolve_entity(c, entity)}
        return L.page(request, fmt, "documents", *Q.list_documents(c, f, limit, offset), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["data"],
             summary="One document: text, sentences, and every mention, quote, date, fact and action in it")
    def api_document(doc_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.document(c, doc_id), "document")

    @app.get("/api/entities", summary="Entities, most mentioned first", **listed)
    def api_entities(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0,
                     type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Z_]+$")] = None,
                     since: Since = None, until: Until = None, source: OptID = None,
                     event: OptID = None, fmt: Fmt = None) -> Response:
        f = {"type": type, "since": since, "until": until, "source": source, "event": event}
        return L.page(request, fmt, "entities", *Q.list_entities(c, f, limit, offset), limit, offset)

    @app.get("/api/entities/{entity_id:path}", tags=["data"],
             summary="One entity: aliases, roles, mentions, quotes, actions, interaction network")
    def api_entity(entity_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.entity(c, entity_id), "entity")

    @app.get("/api/quotes", summary="Quotes in publication order", **listed)
    def api_quotes(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, speaker: OptID = None,
                   doc: OptID = None, event: OptID = None, since: Since = None, until: Until = None,
                   fmt: Fmt = None) -> Response:
        f = {"speaker": Q.resolve_entity(c, speaker), "doc": doc, "event": event, "since": since, "until": until}
        return L.page(request, fmt, "quotes", *Q.list_quotes(c, f, limit, offset), limit, offset)

    @app.get("/api/times", summary="Time expressions with their resolved values", **listed)
    def api_times(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, doc: OptID = None,
                  event: OptID = None, fmt: Fmt = None) -> Response:
        return L.page(request, fmt, "times", *Q.list_times(c, {"doc": doc, "event": event}, limit, offset),
                      limit, offset)

    @app.get("/api/actions", summary="Coded actions (who did what to whom)", **listed)
    def api_actions(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, entity: OptID = None,
                    event: OptID = None, doc: OptID = None,
                    type: Annotated[str | None, Query(max_length=40)] = None,
                    sector: Annotated[str | None, Query(max_length=8)] = None,
                    country: Annotated[str | None, Query(max_length=60, description="Country: ISO code or a name"
                                                         " of it or of a place in it, in Arabic or English")] = None,
                    since: Since = None, until: Until = None, fmt: Fmt = None) -> Response:
        f = {"entity": Q.resolve_entity(c, entity), "event": event, "doc": doc, "type": type, "sector": sector,
             "country": Q.country_forms(c, country),
             "since": since.isoformat() if since else None, "until": until.isoformat() if until else None}
        return L.page(request, fmt, "actions", *Q.list_actions(c, f, limit, offset), limit, offset)

    @app.get("/api/action-types", summary="Action types stored, most frequent first, with Arabic labels", **listed)
    def api_action_types(request: Request, c: Conn, fmt: Fmt = None) -> Response:
        items = Q.action_types(c)
        return L.page(request, fmt, "action-types", len(items), items, max(1, len(items)), 0)

    MinSources = Annotated[int | None, Query(ge=1, le=10_000, description="Least number of outlets reporting it")]
    Sort = Annotated[str, Query(pattern="^(latest|oldest|largest|growing)$", description="latest, oldest, largest"
                                " (most outlets first) or growing (most outlets gained in the last day of arrivals first)")]

    Kind = Annotated[str | None, Query(max_length=40, description="Kind of happening (see /api/event-kinds)")]
    Country = Annotated[str | None, Query(max_length=200, description="Country: ISO code or a name of it or"
                                          " of a place in it, in Arabic or English (TN, Tunisia)")]

    def event_filters(c: sqlite3.Connection, since: date | None, until: date | None, story: str | None,
                      entity: str | None, source: str | None = None, min_sources: int | None = None,
                      sort: str = "latest", kind: str | None = None, country: str | None = None) -> dict[str, Any]:
        return {"since": since, "until": until, "story": story, "entity": Q.resolve_entity(c, entity),
                "source": source, "min_sources": min_sources, "sort": sort, "kind": kind,
                "country": Q.resolve_country(c, country)}

    @app.get("/api/event-kinds", summary="Kinds of happening of the stored events, with Arabic labels", **listed)
    def api_event_kinds(request: Request, c: Conn, fmt: Fmt = None) -> Response:
        items = Q.event_kinds(c)
        return L.page(request, fmt, "event-kinds", len(items), items, max(1, len(items)), 0)

    @app.get("/api/events", summary="Events, most recent first (or oldest, most outlets, or fastest-growing first)", **listed)
    def api_events(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, since: Since = None,
                   until: Until = None, story: OptID = None, entity: OptID = None, source: OptID = None,
                   min_sources: MinSources = None, sort: Sort = "latest", kind: Kind = None, country: Country = None,
                   fmt: Fmt = None) -> Response:
        f = event_filters(c, since, until, story, entity, source, min_sources, sort, kind, country)
        return L.page(request, fmt, "events", *Q.list_events(c, f, limit, offset), limit, offset)

    @app.get("/api/events.atom", tags=["data"], response_class=Response,
             summary="Events, most recent first, as an Atom feed (the events list's filters apply)",
             responses={200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
                              "description": "Atom 1.0; each entry links to the event's page"}})
    def api_events_atom(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, since: Since = None,
                        until: Until = None, story: OptID = None, entity: OptID = None, source: OptID = None,
                        min_sources: MinSources = None, sort: Sort = "latest", kind: Kind = None,
                        country: Country = None) -> Response:
        f = event_filters(c, since, until, story, entity, source, min_sources, sort, kind, country)
        _, items = Q.list_events(c, f, limit, offset)
        base = str(request.base_url).rstrip("/")
        body = events_feed(items, title=app.title, base=base, self_url=str(request.url))
        return Response(body, media_type=ATOM_TYPE)

    @app.get("/api/events/{event_id}", tags=["data"],
             summary="One event: sources, fact comparison, quotes by speaker, coded actions")
    def api_event(event_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.event(c, event_id), "event")

    @app.get("/api/stories", summary="Stories (chains of events)", **listed)
    def api_stories(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, fmt: Fmt = None) -> Response:
        return L.page(request, fmt, "stories", *Q.list_stories(c, limit, offset), limit, offset)

    @app.get("/api/stories/{story_id}", tags=["data"], summary="One story")
    def api_story(story_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.story(c, story_id), "story")

    @app.get("/api/timeline", tags=["data"], summary="Articles and events per day")
    def api_timeline(c: Conn) -> dict[str, Any]:
        return Q.timeline(c)

    @app.get("/api/world", tags=["data"], summary="Country outlines for the maps (Natural Earth, bundled)")
    def api_world() -> Response:
        """The outlines every map draws under its places: one answer, cached by the browser."""
        from marsad.geo.gazetteer import world

        return JSONResponse(world(), headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/sources", summary="Outlets and their article counts, most articles first", **listed)
    def api_sources(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, fmt: Fmt = None) -> Response:
        return L.page(request, fmt, "sources", *Q.sources(c, limit, offset), limit, offset)

    @app.get("/api/sources/{name:path}", tags=["data"],
             summary="One outlet (any name it goes by): its events, how often it reports first, what it covers,"
                     " where its figures disagree")
    def api_source(name: str, c: Conn) -> dict[str, Any]:
        return found(Q.outlet(c, name), "outlet")

    @app.get("/api/search", summary="Ranked Arabic search with highlighted snippets (marks are offsets into the "
             "snippet text); the page also names its `query` and `kind`", **{**listed, "tags": ["search"]})
    def api_search(request: Request, c: Conn, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
                   kind: Annotated[str, Query(pattern="^(" + "|".join(KINDS) + ")$")] = "document",
                   limit: Limit = 20, offset: Offset = 0, since: Since = None, until: Until = None,
                   source: OptID = None, entity: OptID = None, event: OptID = None, fmt: Fmt = None) -> Response:
        try:
            f = Filters(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                        source=source, entity=Q.resolve_entity(c, entity), event=event)
            res = run_search(c, q, kind, f, limit, offset)
            # ``total_is``: "exact", or "at_least" / "about" for very common words, which also come
            # newest first (``order``; see marsad.search.query.RANK_WINDOW)
            return L.page(request, fmt, f"search-{kind}", res["total"], res["hits"], limit, offset,
                          query=res["query"], kind=res["kind"], total_is=res["total_is"], order=res["order"])
        except QueryError as e:
            raise HTTPException(422, str(e)) from e
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                raise HTTPException(503, "search index not built yet") from e
            raise

    alerts_web.register(app, conn, res.config["alerts"], max_page)  # watchlists' feeds, breaking news

    def may_write(request: Request) -> None:
        try:
            policy.check({k.lower(): v for k, v in request.headers.items()})
        except WriteRefused as e:
            raise HTTPException(e.status, refusal(e, request.headers.get("accept-language", ""))) from e

    @app.post("/api/ingest", tags=["ingest"], status_code=202, dependencies=[Depends(may_write)],
              summary="Add articles: pasted text and/or uploaded files (.txt, .json, .jsonl, .html, feeds)",
              description="Needs the write token (header `X-Marsad-Token` or `Authorization: Bearer`, printed "
                          "by `marsad serve`); refused from other origins and on a read-only server.")
    async def api_ingest(text: Annotated[str | None, Form(max_length=2_000_000)] = None,
                         title: Annotated[str | None, Form(max_length=1000)] = None,
                         source: Annotated[str | None, Form(max_length=200)] = None,
                         published: Annotated[str | None, Form(max_length=40)] = None,
                         url: Annotated[str | None, Form(max_length=2000)] = None,
                         files: Annotated[list[UploadFile] | None, File()] = None) -> dict[str, Any]:
        files = [f for f in (files or []) if f.filename]
        if not (text and text.strip()) and not files:
            raise HTTPException(422, "give text or at least one file")
        if published:
            try:
                date.fromisoformat(published[:10])
            except ValueError as e:
                raise HTTPException(422, "published: not an ISO date (YYYY-MM-DD)") from e
        if files and text and text.strip():
            raise HTTPException(422, "give text or files, not both")
        if text and text.strip():
            item = RawArticle(text=text, origin="web:pasted", title=title or None, source=source or None,
                              published=published or None, url=url or None)
            return jobs.start_items([item]).as_dict()
        folder = upload_folder()
        for i, f in enumerate(files):
            name = _SAFE_NAME.sub("_", Path(f.filename or "upload").name)[-100:] or "upload"
            (Path(folder) / f"{i:04d}_{name}").write_bytes(await f.read())
        return jobs.start_paths(folder, len(files)).as_dict()

    @app.get("/api/jobs/{job_id}", tags=["ingest"], summary="Progress of an ingest job")
    def api_job(job_id: str) -> dict[str, Any]:
        return found(jobs.get(job_id), "job").as_dict()

    @app.exception_handler(sqlite3.DatabaseError)
    async def db_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"database error: {exc}"}, status_code=503)

    if db_path.startswith(("postgresql://", "postgres://")):
        from marsad.store.pg import DatabaseError as PgDatabaseError

        app.add_exception_handler(PgDatabaseError, db_error)

    page = (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/", include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        """The app's page; one opened from this machine carries the write token, which other
        sites cannot read (same-origin policy; rebinding is stopped by the Host check)."""
        metas = []
        if policy.read_only:
            metas.append('<meta name="marsad-read-only" content="1">')
        elif is_loopback(request.client.host if request.client else None):
            metas.append(f'<meta name="marsad-token" content="{html.escape(policy.token)}">')
        body = page.replace("</head>", "".join(f"  {m}\n" for m in metas) + "</head>", 1)
        return HTMLResponse(body, headers={"Cache-Control": "no-store"})

    missing = (STATIC / "notfound.html").read_text(encoding="utf-8")

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        """A path that is no page (the app's pages are hash routes under "/") is a 404; a browser
        asking for one gets a short Arabic page linking home, an API client the JSON error."""
        if (exc.status_code == 404 and "text/html" in request.headers.get("accept", "")
                and not request.url.path.startswith(("/api/", "/static/"))):
            return HTMLResponse(missing, status_code=404)
        return await http_exception_handler(request, exc)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
