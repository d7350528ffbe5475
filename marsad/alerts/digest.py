"""A watchlist's daily digest: the day's matching events, as an HTML file and a Markdown file.

An event is in the digest of day D when one of its matching documents was published on D (or,
undated, stored on D). Each event: its title linking to its page in the web app, its date, the
outlets reporting it, the first sentence of its first matching article and the matching
articles with their outlets and links.

Everything taken from articles is text, never markup: HTML is escaped (``html.escape``), the
page carries no script and a Content-Security-Policy that allows none; in Markdown, characters
that make markup (``<``, ``&``, ``*``, ``[``, ``#``...) are escaped, and white space is folded
so a title cannot start a block of its own. Only http(s) URLs become links. Labels are in the
configured language (``alerts.digest_language``), from the message catalogue.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from marsad.alerts.watchlists import Watchlist, matching_events, page_url
from marsad.messages import message

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~])")
_MD_LEAD = re.compile(r"^(?:([-+=])|(\d+)([.)]))")  # would start a list item or a heading underline
_SPACE = re.compile(r"\s+")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
STYLE = ("body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.6}"
         "li.event{margin-bottom:1.5em}.meta{color:#555;font-size:.9em}")


def flat(text: Any) -> str:
    return _SPACE.sub(" ", "" if text is None else str(text)).strip()


def md(text: Any) -> str:
    """Plain text for Markdown: markup characters escaped, on one line."""
    t = html.escape(flat(text), quote=False)  # < > & as entities: shown as text, never read as HTML
    t = _MD_SPECIAL.sub(r"\\\1", t)
    return _MD_LEAD.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), t)


def web_url(url: Any) -> str | None:
    """The URL when it is http(s) (never ``javascript:`` or ``data:``), else None."""
    if not isinstance(url, str) or urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return url.strip()


def md_url(url: str) -> str:
    return quote(url, safe=":/?#@!$&'*+,;=%~._-")


def file_stem(name: str, day: str) -> str:
    stem = _UNSAFE_NAME.sub("_", name).strip("._") or "watchlist"
    return f"{stem[:80]}-{day}"


def criteria(wl: Watchlist, lang: str) -> str:
    parts = []
    if wl.entities:
        parts.append(message("digest_entities", lang, names=", ".join(e["given"] for e in wl.entities)))
    if wl.query:
        parts.append(message("digest_query", lang, query=wl.query))
    if wl.place:
        parts.append(message("digest_place", lang, place=wl.place["given"]))
    return ("; " if wl.match == "all" else " | ").join(parts)


def render_html(wl: Watchlist, day: str, events: list[dict[str, Any]], base: str, lang: str) -> str:
    e = html.escape
    title = message("digest_title", lang, name=flat(wl.name), day=day)
    rtl = lang == "ar"
    out = ["<!DOCTYPE html>", f'<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">', "<head>",
           '<meta charset="utf-8">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
           '<meta name="referrer" content="no-referrer">', f"<title>{e(title)}</title>", f"<style>{STYLE}</style>",
           "</head>", "<body>", f"<h1>{e(title)}</h1>", f'<p class="meta">{e(criteria(wl, lang))}</p>']
    if not events:
        out.append(f"<p>{e(message('digest_none', lang))}</p>")
    else:
        out.append(f"<p>{e(message('digest_count', lang, n=len(events)))}</p>")
        out.append("<ol>")
        for ev in events:
            link = web_url(page_url(base, "event", ev["id"]))
            head = e(flat(ev["title"] or ev["id"]))
            out.append('<li class="event">')
            out.append(f'<h2><a href="{e(link)}">{head}</a></h2>' if link else f"<h2>{head}</h2>")
            meta = message("digest_meta", lang, date=flat(ev["date"] or "?"),
                           outlets=", ".join(flat(s) for s in ev["sources"]) or "?", n=len(ev["sources"]))
            out.append(f'<p class="meta">{e(meta)}</p>')
            if ev.get("lead"):
                out.append(f"<blockquote>{e(flat(ev['lead']))}</blockquote>")
            out.append("<ul>")
            for d in ev["documents"]:
                name = e(flat(d["title"] or d["id"]))
                url = web_url(d["url"])
                item = f'<a href="{e(url)}">{name}</a>' if url else name
                if d["source"]:
                    item += f" ({e(flat(d['source']))})"
                out.append(f"<li>{item}</li>")
            out.append("</ul></li>")
        out.append("</ol>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render_markdown(wl: Watchlist, day: str, events: list[dict[str, Any]], base: str, lang: str) -> str:
    title = message("digest_title", lang, name=flat(wl.name), day=day)
    out = [f"# {md(title)}", "", md(criteria(wl, lang)), ""]
    if not events:
        out += [md(message("digest_none", lang)), ""]
        return "\n".join(out)
    out += [md(message("digest_count", lang, n=len(events))), ""]
    for ev in events:
        link = web_url(page_url(base, "event", ev["id"]))
        head = md(ev["title"] or ev["id"])
        out.append(f"## [{head}]({md_url(link)})" if link else f"## {head}")
        out.append("")
        out.append(md(message("digest_meta", lang, date=flat(ev["date"] or "?"),
                              outlets=", ".join(flat(s) for s in ev["sources"]) or "?", n=len(ev["sources"]))))
        out.append("")
        if ev.get("lead"):
            out += [f"> {md(ev['lead'])}", ""]
        for d in ev["documents"]:
            name = md(d["title"] or d["id"])
            url = web_url(d["url"])
            item = f"[{name}]({md_url(url)})" if url else name
            if d["source"]:
                item += f" \\({md(d['source'])}\\)"
            out.append(f"- {item}")
        out.append("")
    return "\n".join(out)


def write_digest(conn: Any, wl: Watchlist, day: str, out_dir: str | Path, base: str, lang: str = "ar",
                 ) -> tuple[Path, Path, int]:
    """Write ``<name>-<day>.html`` and ``.md`` under ``out_dir``; their paths and how many events."""
    _, events = matching_events(conn, wl, day=day, limit=10_000, leads=True)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(wl.name, day)
    html_path, md_path = folder / f"{stem}.html", folder / f"{stem}.md"
    html_path.write_text(render_html(wl, day, events, base, lang), "utf-8")
    md_path.write_text(render_markdown(wl, day, events, base, lang), "utf-8")
    return html_path, md_path, len(events)
