"""HTTP routes of watchlists and breaking news, added to the app by ``register``:

- ``GET /api/watchlists``: the watchlists (what each follows; never a webhook address or secret);
- ``GET /api/watchlists/{name}.atom``: the events a watchlist matches, newest matching article
  first, as an Atom feed whose entries link to the events' pages;
- ``GET /api/breaking``: breaking events, highest score first (the list shape; CSV too);
- ``GET /api/breaking.atom``: the same as an Atom feed.
"""

# No `from __future__ import annotations`: FastAPI reads the Annotated parameter types at run time.
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import Response

from marsad.alerts.breaking import breaking
from marsad.alerts.watchlists import load, load_all, matching_events
from marsad.messages import message
from marsad.web import listing as L
from marsad.web.feed import ATOM_TYPE, events_feed

ATOM_RESPONSE = {200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
                       "description": "Atom 1.0; each entry links to the event's page"}}


def register(app: FastAPI, conn: Callable[..., Any], config: dict[str, Any], max_page: int) -> None:
    """Add the routes; ``conn`` is the app's read-only connection dependency, ``config`` the
    ``[alerts]`` section."""
    Conn = Annotated[Any, Depends(conn)]
    Limit = Annotated[int, Query(ge=1, le=max_page, description="Items per page")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]
    Fmt = Annotated[str | None, Query(alias="format", pattern="^(json|csv)$",
                                      description="`csv` for the items as CSV (default JSON; or `Accept: text/csv`)")]
    At = Annotated[datetime | None, Query(description="Rank as at this ISO time (default: now)")]
    Hours = Annotated[float | None, Query(gt=0, le=24 * 30, description="Window in hours (alerts.breaking_hours)")]
    Days = Annotated[float | None, Query(gt=0, le=365, description="Days of the usual growth (alerts.breaking_days)")]
    MinOutlets = Annotated[int | None, Query(ge=1, le=10_000, description="Least outlets joining in the window")]
    MinScore = Annotated[float | None, Query(ge=0, le=10_000, description="Least score")]
    listed = {"tags": ["data"], "response_model": L.Page, "responses": L.CSV_RESPONSE}

    def ranked(c: Any, at: datetime | None, hours: float | None, days: float | None, min_outlets: int | None,
               min_score: float | None) -> dict[str, Any]:
        when = at or datetime.now(UTC)
        return breaking(c, when if when.tzinfo else when.replace(tzinfo=UTC),
                        hours=hours or float(config["breaking_hours"]), days=days or float(config["breaking_days"]),
                        min_outlets=min_outlets or int(config["breaking_min_outlets"]),
                        min_score=float(config["breaking_min_score"]) if min_score is None else min_score)

    def feed(request: Request, items: list[dict[str, Any]], title: str) -> Response:
        base = str(request.base_url).rstrip("/")
        return Response(events_feed(items, title=title, base=base, self_url=str(request.url)), media_type=ATOM_TYPE)

    @app.get("/api/watchlists", summary="Watchlists: what each follows (no webhook address, no secret)", **listed)
    def api_watchlists(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, fmt: Fmt = None) -> Response:
        items = [wl.public() for wl in load_all(c)]
        return L.page(request, fmt, "watchlists", len(items), items[offset:offset + limit], limit, offset)

    @app.get("/api/watchlists/{name}.atom", tags=["data"], response_class=Response, responses=ATOM_RESPONSE,
             summary="The events a watchlist matches, newest matching article first, as an Atom feed")
    def api_watchlist_atom(request: Request, name: str, c: Conn, limit: Limit = 50) -> Response:
        wl = load(c, name)
        if wl is None:
            raise HTTPException(404, "no such watchlist")
        _, items = matching_events(c, wl, limit=limit)
        return feed(request, items, f"{app.title}: {wl.name}")

    @app.get("/api/breaking", summary="Breaking events: outlets joining fast against the usual rate, highest"
             " score first; the page also gives `usual_growth`, `hours`, `days` and `at`", **listed)
    def api_breaking(request: Request, c: Conn, limit: Limit = 50, offset: Offset = 0, at: At = None,
                     hours: Hours = None, days: Days = None, min_outlets: MinOutlets = None,
                     min_score: MinScore = None, fmt: Fmt = None) -> Response:
        res = ranked(c, at, hours, days, min_outlets, min_score)
        items = res.pop("items")
        return L.page(request, fmt, "breaking", len(items), items[offset:offset + limit], limit, offset, **res)

    @app.get("/api/breaking.atom", tags=["data"], response_class=Response, responses=ATOM_RESPONSE,
             summary="Breaking events, highest score first, as an Atom feed (the same parameters)")
    def api_breaking_atom(request: Request, c: Conn, limit: Limit = 50, at: At = None, hours: Hours = None,
                          days: Days = None, min_outlets: MinOutlets = None, min_score: MinScore = None) -> Response:
        items = ranked(c, at, hours, days, min_outlets, min_score)["items"][:limit]
        return feed(request, items, f"{app.title}: {message('feed_breaking', 'ar')}")
