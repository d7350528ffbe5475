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
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from marsad.ingest.items import RawArticle
from marsad.resources import Resources
from marsad.search.index import sync
from marsad.search.query import KINDS, MAX_QUERY_CHARS, Filters, QueryError
from marsad.search.query import search as run_search
from marsad.store import Store, StoreError
from marsad.web import queries as Q
from marsad.web.jobs import Jobs, upload_folder
from marsad.web.security import LOCAL_HOSTS, WritePolicy, WriteRefused, is_loopback, refusal

STATIC = Path(str(resources.files("marsad.web").joinpath("static")))
OptID = Annotated[str | None, Query(max_length=300)]
_SAFE_NAME = re.compile(r"[^\w.\-]+")

DESCRIPTION = """JSON API over everything marsad holds (the export sections: documents, entities,
quotes, times, events, stories, actions), with pagination (`limit`, `offset`; responses carry
`total`), filters, and Arabic full-text search. Offsets are character offsets into the
original text of the document named by `doc`. The web app at `/` is built on these endpoints."""


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

    app = FastAPI(title="marsad (مرصد)", version="1", description=DESCRIPTION,
                  openapi_tags=[{"name": "data", "description": "Export sections, paginated"},
                                {"name": "search", "description": "Arabic full-text search"},
                                {"name": "ingest", "description": "Add articles (the only write path)"}])
    app.state.policy = policy
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(policy.allowed_hosts), www_redirect=False)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none';"
                " base-uri 'none'; frame-ancestors 'none'")
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

    def listing(total: int, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    def found(obj: Any, what: str) -> Any:
        if obj is None:
            raise HTTPException(404, f"no such {what}")
        return obj

    @app.get("/api/stats", tags=["data"], summary="Counts of everything stored")
    def api_stats(c: Conn) -> dict[str, Any]:
        return Q.stats(c)

    @app.get("/api/documents", tags=["data"], summary="Documents (without text), newest first")
    def api_documents(c: Conn, limit: Limit = 20, offset: Offset = 0, since: Since = None, until: Until = None,
                      source: OptID = None, event: OptID = None, entity: OptID = None) -> dict[str, Any]:
        f = {"since": since, "until": until, "source": source, "event": event,
             "entity": Q.resolve_entity(c, entity)}
        return listing(*Q.list_documents(c, f, limit, offset), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["data"],
             summary="One document: text, sentences, and every mention, quote, date, fact and action in it")
    def api_document(doc_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.document(c, doc_id), "document")

    @app.get("/api/entities", tags=["data"], summary="Entities, most mentioned first")
    def api_entities(c: Conn, limit: Limit = 50, offset: Offset = 0,
                     type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Z_]+$")] = None,
                     since: Since = None, until: Until = None, source: OptID = None,
                     event: OptID = None) -> dict[str, Any]:
        f = {"type": type, "since": since, "until": until, "source": source, "event": event}
        return listing(*Q.list_entities(c, f, limit, offset), limit, offset)

    @app.get("/api/entities/{entity_id:path}", tags=["data"],
             summary="One entity: aliases, roles, mentions, quotes, actions, interaction network")
    def api_entity(entity_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.entity(c, entity_id), "entity")

    @app.get("/api/quotes", tags=["data"], summary="Quotes in publication order")
    def api_quotes(c: Conn, limit: Limit = 50, offset: Offset = 0, speaker: OptID = None, doc: OptID = None,
                   event: OptID = None, since: Since = None, until: Until = None) -> dict[str, Any]:
        f = {"speaker": Q.resolve_entity(c, speaker), "doc": doc, "event": event, "since": since, "until": until}
        return listing(*Q.list_quotes(c, f, limit, offset), limit, offset)

    @app.get("/api/times", tags=["data"], summary="Time expressions with their resolved values")
    def api_times(c: Conn, limit: Limit = 50, offset: Offset = 0, doc: OptID = None,
                  event: OptID = None) -> dict[str, Any]:
        return listing(*Q.list_times(c, {"doc": doc, "event": event}, limit, offset), limit, offset)

    @app.get("/api/actions", tags=["data"], summary="Coded actions (who did what to whom)")
    def api_actions(c: Conn, limit: Limit = 50, offset: Offset = 0, entity: OptID = None,
                    event: OptID = None, doc: OptID = None,
                    type: Annotated[str | None, Query(max_length=40)] = None,
                    sector: Annotated[str | None, Query(max_length=8)] = None,
                    country: Annotated[str | None, Query(max_length=60)] = None,
                    since: Since = None, until: Until = None) -> dict[str, Any]:
        f = {"entity": Q.resolve_entity(c, entity), "event": event, "doc": doc, "type": type, "sector": sector,
             "country": country,
             "since": since.isoformat() if since else None, "until": until.isoformat() if until else None}
        return listing(*Q.list_actions(c, f, limit, offset), limit, offset)

    @app.get("/api/events", tags=["data"], summary="Events, most recent first")
    def api_events(c: Conn, limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
                   story: OptID = None, entity: OptID = None) -> dict[str, Any]:
        f = {"since": since, "until": until, "story": story, "entity": Q.resolve_entity(c, entity)}
        return listing(*Q.list_events(c, f, limit, offset), limit, offset)

    @app.get("/api/events/{event_id}", tags=["data"],
             summary="One event: sources, fact comparison, quotes by speaker, coded actions")
    def api_event(event_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.event(c, event_id), "event")

    @app.get("/api/stories", tags=["data"], summary="Stories (chains of events)")
    def api_stories(c: Conn, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return listing(*Q.list_stories(c, limit, offset), limit, offset)

    @app.get("/api/stories/{story_id}", tags=["data"], summary="One story")
    def api_story(story_id: str, c: Conn) -> dict[str, Any]:
        return found(Q.story(c, story_id), "story")

    @app.get("/api/timeline", tags=["data"], summary="Articles and events per day")
    def api_timeline(c: Conn) -> dict[str, Any]:
        return Q.timeline(c)

    @app.get("/api/sources", tags=["data"], summary="Outlets and their article counts")
    def api_sources(c: Conn) -> list[dict[str, Any]]:
        return Q.sources(c)

    @app.get("/api/search", tags=["search"],
             summary="Ranked Arabic search with highlighted snippets (marks are offsets into the snippet text)")
    def api_search(c: Conn, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
                   kind: Annotated[str, Query(pattern="^(" + "|".join(KINDS) + ")$")] = "document",
                   limit: Limit = 20, offset: Offset = 0, since: Since = None, until: Until = None,
                   source: OptID = None, entity: OptID = None, event: OptID = None) -> dict[str, Any]:
        try:
            f = Filters(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                        source=source, entity=Q.resolve_entity(c, entity), event=event)
            return run_search(c, q, kind, f, limit, offset)
        except QueryError as e:
            raise HTTPException(422, str(e)) from e
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                raise HTTPException(503, "search index not built yet") from e
            raise

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

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
