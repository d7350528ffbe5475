"""One shape for every list the API returns, as JSON or as CSV.

A list answers ``{"items", "total", "limit", "offset", "next"}``, where ``next`` is the
relative URL of the following page (the same query, ``offset`` moved on) or null on the last.
``?format=csv`` (or a request that prefers ``Accept: text/csv``) gets the same items as a CSV
file: UTF-8 with a byte-order mark (so Excel reads Arabic as Arabic), nested values as JSON in
their cell (``marsad.store.export.flat``, as ``marsad export --format csv`` writes them), and
the paging in ``Link: <next>; rel="next"`` and ``X-Total-Count`` headers.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from marsad.store.export import flat

FORMATS = ("json", "csv")
CSV_TYPE = "text/csv; charset=utf-8"
# A cell starting with one of these is read as a formula by spreadsheets; articles come from
# the open web, so such text cells get a leading apostrophe (OWASP's CSV-injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Page(BaseModel):
    """A page of a list (the JSON form; CSV carries the items only)."""

    model_config = ConfigDict(extra="allow")
    items: list[dict[str, Any]]
    total: int = Field(description="Items matching the filters, on all pages")
    limit: int
    offset: int
    next: str | None = Field(description="Relative URL of the next page, or null on the last page")


# For the OpenAPI document: list endpoints also answer text/csv.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "The page; as CSV with `format=csv` or `Accept: text/csv`"}}


def next_url(request: Request, total: int, limit: int, offset: int) -> str | None:
    """The request's own path and query with ``offset`` moved one page on; None on the last page."""
    if offset + limit >= total:
        return None
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    query.append(("offset", str(offset + limit)))
    return request.url.path + "?" + urlencode(query)


def wants_csv(request: Request, fmt: str | None) -> bool:
    """``format`` decides when given; else the ``Accept`` header, when it ranks text/csv above JSON."""
    if fmt:
        return fmt == "csv"
    ranks: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranks[kind.lower()] = max(q, ranks.get(kind.lower(), 0.0))
    csv_q = ranks.get("text/csv", 0.0)
    return csv_q > 0 and csv_q > ranks.get("application/json", 0.0)  # a tie keeps JSON


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(items: list[dict[str, Any]]) -> bytes:
    """Items as CSV text in UTF-8 with a BOM: one column per key (in first-seen order)."""
    rows = [flat(it) for it in items]
    columns = list(dict.fromkeys(k for r in rows for k in r))
    buf = io.StringIO()
    if columns:
        w = csv.DictWriter(buf, fieldnames=columns, restval="")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(v) for k, v in r.items()})
    return buf.getvalue().encode("utf-8-sig")


def page(request: Request, fmt: str | None, name: str, total: int, items: list[dict[str, Any]],
         limit: int, offset: int, **extra: Any) -> Response:
    """The answer of a list endpoint: JSON (``Page``, plus ``extra`` keys) or CSV."""
    nxt = next_url(request, total, limit, offset)
    vary = {"Vary": "Accept"}
    if wants_csv(request, fmt):
        headers = {**vary, "Content-Disposition": f'attachment; filename="marsad-{name}.csv"',
                   "X-Total-Count": str(total)}
        if nxt:
            headers["Link"] = f'<{nxt}>; rel="next"'
        return Response(csv_bytes(items), media_type=CSV_TYPE, headers=headers)
    return JSONResponse({"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt, **extra},
                        headers=vary)
