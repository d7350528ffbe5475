// marsad web app: a hash-routed page over the JSON API. No build step, no CDN.
// SAFETY: every piece of data enters the page through textContent / createTextNode or an
// attribute set with setAttribute; nothing from the API is ever parsed as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const app = () => document.getElementById("app");

const T = {
  events: "الأحداث", timeline: "الخط الزمني: المقالات والأحداث", noEvents: "لا أحداث بعد. أضف مقالات من صفحة «إضافة مقالات».",
  sources: "المصادر", source: "المصدر", unknownSource: "مصدر غير مذكور", published: "نُشر", facts: "الأرقام والوقائع",
  quotes: "الاقتباسات حسب المتحدث", actions: "الأفعال المرمّزة", summary: "الملخص", read: "اقرأ في المقال",
  agree: "اتفاق", conflict: "تعارض", single: "مصدر واحد", what: "ما يُعدّ", unit: "الوحدة", status: "الحالة",
  who: "الفاعل", did: "الفعل", whom: "المفعول به", date: "التاريخ", mode: "الصيغة", count: "عدد المصادر",
  aliases: "الأسماء البديلة", roles: "الأدوار", network: "من يتفاعل مع من", mentions: "الإشارات",
  entities: "الفاعلون", type: "النوع", articles: "المقالات", search: "البحث", searchBtn: "ابحث",
  kinds: { document: "المقالات", quote: "الاقتباسات", entity: "الفاعلون" }, since: "من", until: "إلى",
  noHits: "لا نتائج.", hits: "نتيجة", prev: "السابق", next: "التالي", loading: "جارٍ التحميل…",
  upload: "إضافة مقالات", paste: "الصق نص مقال", or: "أو ارفع ملفات (txt، json، jsonl، html، rss)",
  title: "العنوان", send: "أضف", progress: "التقدم", done: "اكتمل", failed: "فشل", event: "الحدث",
  story: "القصة", negated: "منفي", none: "—", unknownActor: "جهة غير معروفة", killed: "قتلى", quotesIn: "اقتباسات", timesIn: "تواريخ", factsIn: "أرقام",
  token: "رمز الكتابة (يطبعه الأمر marsad serve)", readOnly: "هذا الخادم للقراءة فقط: لا يمكن إضافة مقالات منه.",
  notFound: "غير موجود", direct: "مباشر", indirect: "غير مباشر", story_: "ضمن قصة", lead: "مطلع المقال", more: "المزيد",
  csv: "تنزيل CSV", feed: "خلاصة Atom",
};


// ---- tiny DOM helpers ---------------------------------------------------------------------
function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") n.className = v;
    else if (k === "onclick" || k === "onsubmit" || k === "onchange") n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    n.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return n;
}
function svg(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}
const enc = encodeURIComponent;
const docHref = (doc, start, end) => `#/doc/${enc(doc)}` + (start !== undefined && start !== null ? `?s=${start}&e=${end}` : "");
const entHref = (id) => `#/entity/${enc(id)}`;
const evHref = (id) => `#/event/${enc(id)}`;
const ltr = (s) => el("span", { class: "ltr" }, s ?? T.none);

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let msg = r.status + "";
    try { const j = await r.json(); msg += " " + (typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail)); } catch (e) { /* not JSON */ }
    const err = new Error(msg); err.status = r.status; throw err;
  }
  return r.json();
}

// Text with [start, end) marks (relative offsets) as <mark> elements.
function marked(text, marks) {
  const out = el("span");
  let last = 0;
  for (const [a, b] of marks || []) {
    if (a < last) continue;
    out.appendChild(document.createTextNode(text.slice(last, a)));
    out.appendChild(el("mark", {}, text.slice(a, b)));
    last = b;
  }
  out.appendChild(document.createTextNode(text.slice(last)));
  return out;
}

function render(...nodes) {
  const root = app();
  root.replaceChildren(...nodes.flat().filter(Boolean));
}

// ---- router -------------------------------------------------------------------------------
const routes = {
  events: viewEvents, event: viewEvent, entity: viewEntity, entities: viewEntities,
  documents: viewDocuments, doc: viewDoc, search: viewSearch, upload: viewUpload,
};

function parseHash() {
  const h = location.hash.replace(/^#\/?/, "");
  const [path, qs] = h.split("?");
  const parts = path.split("/").map(decodeURIComponent);
  return { name: parts[0] || "events", arg: parts.slice(1).join("/"), params: new URLSearchParams(qs || "") };
}

async function route() {
  const { name, arg, params } = parseHash();
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active", a.dataset.nav === name));
  const view = routes[name] || viewEvents;
  render(el("p", { class: "muted" }, T.loading));
  try {
    await view(arg, params);
  } catch (e) {
    render(el("h1", {}, e.status === 404 ? T.notFound : "خطأ"), el("p", { class: "error" }, e.message));
  }
}
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);

// ---- events list + timeline ---------------------------------------------------------------
function addDays(iso, n) { const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
function dayDiff(a, b) { return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000); }

function timelineChart(tl) {
  const days = tl.documents.map((d) => d.date).concat(tl.events.map((e) => e.date)).filter(Boolean).sort();
  if (!days.length) return null;
  let first = addDays(days[0], -2), last = addDays(days[days.length - 1], 2);
  const span = Math.max(1, dayDiff(first, last));
  const byMonth = span > 120;
  const bin = (iso) => (byMonth ? iso.slice(0, 7) + "-01" : iso);
  const counts = new Map();
  for (const d of tl.documents) counts.set(bin(d.date), (counts.get(bin(d.date)) || 0) + d.count);
  const W = 1000, H = 230, padL = 40, padR = 20, top = 40, base = 180;
  // Right-to-left reading: time runs from right (oldest) to left (newest).
  const x = (iso) => W - padR - ((dayDiff(first, iso) + 0.5) / (span + 1)) * (W - padL - padR);
  const maxC = Math.max(1, ...counts.values());
  const barW = Math.max(3, ((W - padL - padR) / (span + 1)) * (byMonth ? 25 : 0.8));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": T.timeline });
  s.appendChild(svg("line", { x1: padL, x2: W - padR, y1: base, y2: base, class: "axis" }));
  for (const [day, c] of counts) {
    const h = (c / maxC) * (base - top - 10);
    const r = svg("rect", { x: x(day) - barW / 2, y: base - h, width: barW, height: h, class: "bar" });
    r.appendChild(svg("title", {}, `${day}: ${c} ${T.articles}`));
    s.appendChild(r);
  }
  // Tick labels: about eight, on day or month boundaries.
  const step = Math.max(1, Math.ceil(span / 8));
  for (let i = 0; i <= span; i += step) {
    const d = addDays(first, i);
    s.appendChild(svg("line", { x1: x(d), x2: x(d), y1: base, y2: base + 5, class: "axis" }));
    s.appendChild(svg("text", { x: x(d), y: base + 20, "text-anchor": "middle", direction: "ltr" }, byMonth ? d.slice(0, 7) : d.slice(5)));
  }
  s.appendChild(svg("text", { x: W - padR, y: H - 8, "text-anchor": "start" }, `${first.slice(0, 4)}`));
  for (const ev of tl.events) {
    const c = svg("circle", { cx: x(ev.date), cy: top - 12, r: 6 + Math.min(8, ev.docs * 1.5), class: "event" });
    c.appendChild(svg("title", {}, `${ev.date} — ${ev.title || ev.id} (${ev.docs})`));
    const a = svg("a", { href: evHref(ev.id) });
    a.appendChild(c);
    s.appendChild(a);
    s.appendChild(svg("line", { x1: x(ev.date), x2: x(ev.date), y1: top - 4, y2: base, class: "axis", "stroke-dasharray": "3 3" }));
  }
  return el("section", { class: "timeline" }, el("h2", {}, T.timeline), s);
}

async function viewEvents(_arg, params) {
  const offset = +params.get("offset") || 0;
  const [tl, evs] = await Promise.all([api("/api/timeline"), api(`/api/events?limit=50&offset=${offset}`)]);
  const items = evs.items.map((ev) => el("li", { class: "card event-item" },
    el("h3", {}, el("a", { href: evHref(ev.id) }, ev.title || ev.id)),
    el("div", { class: "meta" }, el("span", {}, T.date + ": ", ltr(ev.date)),
      el("span", {}, `${T.sources}: ${ev.docs.length}`),
      ev.sources && ev.sources.length ? el("span", {}, ev.sources.join("، ")) : null)));
  render(el("h1", {}, T.events), timelineChart(tl),
    el("h2", {}, `${T.events} (${evs.total})`),
    el("div", { class: "meta small", id: "events-data" },
      el("a", { href: `/api/events?limit=50&offset=${offset}&format=csv`, download: "" }, T.csv),
      el("a", { href: "/api/events.atom", type: "application/atom+xml" }, T.feed)),
    items.length ? el("ul", { class: "list", id: "events" }, items) : el("p", { class: "muted" }, T.noEvents),
    pager(evs, (o) => `#/events?offset=${o}`));
}

function pager(page, href) {
  // A list page (items, total, limit, offset, next): next is null on the last page.
  if (page.total <= page.limit && page.offset === 0) return null;
  const prev = page.offset > 0 ? el("a", { href: href(Math.max(0, page.offset - page.limit)) }, T.prev) : null;
  const next = page.next ? el("a", { href: href(page.offset + page.limit) }, T.next) : null;
  return el("div", { class: "pager" }, prev, el("span", { class: "muted" }, `${page.offset + 1}–${Math.min(page.total, page.offset + page.limit)} / ${page.total}`), next);
}

// ---- one event ----------------------------------------------------------------------------
function summaryBlock(summary) {
  if (!summary || (Array.isArray(summary) && !summary.length)) return null;
  const items = Array.isArray(summary) ? summary : [summary];
  return el("section", {}, el("h2", {}, T.summary), el("ul", { class: "summary" }, items.map((it) => {
    if (typeof it === "string") return el("li", {}, it);
    const text = it.text || it.sentence || JSON.stringify(it);
    return el("li", {}, it.doc ? el("a", { href: docHref(it.doc, it.start, it.end) }, text) : text);
  })));
}


async function viewEvent(id) {
  const ev = await api(`/api/events/${enc(id)}`);
  const docs = ev.documents;
  // Dates are wrapped in LRI..PDI so "2025-05-19" is not reordered inside Arabic text.
  const label = (d) => `${d.source || T.unknownSource} (\u2066${(d.published || "").slice(0, 10)}\u2069)`;
  const sources = el("div", { class: "sources", id: "sources" }, docs.map((d) => el("article", { class: "card source" },
    el("h3", {}, d.source || T.unknownSource),
    el("div", { class: "meta" }, el("span", {}, T.published + ": ", ltr(d.published))),
    d.title ? el("div", {}, el("strong", {}, d.title)) : null,
    el("p", { class: "lead" }, d.lead),
    el("div", { class: "meta small" }, `${T.quotesIn}: ${d.counts.quotes}`, " · ", `${T.factsIn}: ${d.counts.facts}`),
    el("a", { href: docHref(d.id) }, T.read))));

  let facts = null;
  if (ev.fact_table.length) {
    // each source's own words for the quantity, linked to its sentence; the status compares them as intervals
    const head = el("tr", {}, el("th", {}, T.what), docs.map((d) => el("th", {}, label(d))), el("th", {}, T.status));
    const rows = ev.fact_table.map((f) => el("tr", { class: f.status },
      el("td", {}, f.what_ar),
      docs.map((d) => el("td", {}, (f.by_doc[d.id] || []).map((x, i) => [i ? "، " : null,
        el("a", { href: docHref(x.doc, x.start, x.end) }, x.text)]))),
      el("td", { class: "status" }, T[f.status] || f.status)));
    facts = el("section", {}, el("h2", {}, T.facts), el("table", { id: "facts" }, el("thead", {}, head), el("tbody", {}, rows)));
  }

  const quoteBlock = (q) => el("blockquote", { class: q.direct ? "direct" : "indirect" },
    el("div", {}, q.text),
    el("div", { class: "meta small" }, el("span", {}, q.direct ? T.direct : T.indirect),
      el("a", { href: docHref(q.doc, q.start, q.end) }, T.read + " — " + label(docs.find((d) => d.id === q.doc) || { source: q.doc }))));
  const quotes = ev.quotes_by_speaker.length ? el("section", { id: "quotes" }, el("h2", {}, T.quotes),
    ev.quotes_by_speaker.map((g) => el("div", { class: "speaker" },
      el("h3", {}, g.speaker ? el("a", { href: entHref(g.speaker) }, g.name) : g.name, el("span", { class: "muted small" }, ` (${g.quotes.length})`)),
      g.quotes.slice(0, 3).map(quoteBlock),
      g.quotes.length > 3 ? el("details", {}, el("summary", {}, `${T.more} (${g.quotes.length - 3})`), g.quotes.slice(3).map(quoteBlock)) : null)))
    : null;

  render(el("h1", {}, ev.title || ev.id),
    el("div", { class: "meta" }, el("span", {}, T.date + ": ", ltr(ev.date)), ev.story ? el("span", {}, `${T.story}: ${ev.story_title || ev.story}`) : null,
      el("span", {}, `${T.sources}: ${docs.length}`)),
    summaryBlock(ev.summary), el("h2", {}, T.sources), sources, facts, quotes, actionsTable(ev.actions));
}

function actionsTable(actions) {
  if (!actions || !actions.length) return null;
  const head = el("tr", {}, [T.who, T.did, T.whom, T.date, T.mode, T.count, ""].map((h) => el("th", {}, h)));
  const rows = actions.map((a) => {
    const m = a.mentions[0];
    const actor = (key, name, sector) => key
      ? [el("a", { href: entHref(key) }, name || key), sector ? el("span", { class: "muted small" }, ` (${sector})`) : null]
      : (key === null && a.type ? T.unknownActor : T.none);
    return el("tr", {},
      el("td", {}, actor(a.source, a.source_name, a.source_sector_ar)),
      el("td", {}, a.negated ? el("span", { class: "neg" }, T.negated + " ") : null, a.type_ar || a.type,
        el("span", { class: "muted small" }, ` ${a.type}${a.cameo ? " " + a.cameo : ""}`)),
      el("td", {}, a.target ? actor(a.target, a.target_name, a.target_sector_ar) : T.none),
      el("td", {}, ltr(a.date)), el("td", {}, [a.mode_ar || a.mode, a.place, a.killed ? `${T.killed}: ${a.killed}` : null].filter(Boolean).join(" · ") || T.none),
      el("td", {}, String(a.sources)),
      el("td", {}, m ? el("a", { href: docHref(m.doc, m.start, m.end) }, T.read) : null));
  });
  return el("section", {}, el("h2", {}, T.actions), el("table", { id: "actions" }, el("thead", {}, head), el("tbody", {}, rows)));
}

// ---- entities -----------------------------------------------------------------------------
async function viewEntities(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/entities?limit=50&offset=${offset}`);
  const rows = page.items.map((e) => el("tr", {},
    el("td", {}, el("a", { href: entHref(e.id) }, e.name_ar || e.name)), el("td", {}, e.name),
    el("td", {}, e.type), el("td", {}, String(e.mention_count)), el("td", {}, String(e.doc_count))));
  render(el("h1", {}, `${T.entities} (${page.total})`),
    el("table", {}, el("thead", {}, el("tr", {}, ["", "", T.type, T.mentions, T.articles].map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    pager(page, (o) => `#/entities?offset=${o}`));
}

function networkChart(net) {
  if (!net || net.nodes.length < 2) return null;
  const W = 560, H = 420, cx = W / 2, cy = H / 2, R = 160;
  const pos = new Map();
  pos.set(net.nodes[0].id, [cx, cy]);
  const others = net.nodes.slice(1);
  others.forEach((n, i) => {
    const a = (2 * Math.PI * i) / others.length - Math.PI / 2;
    pos.set(n.id, [cx + R * Math.cos(a), cy + R * Math.sin(a)]);
  });
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": T.network });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#d1495b" }));
  defs.appendChild(marker); s.appendChild(defs);
  for (const e of net.edges) {
    const [x1, y1] = pos.get(e.source) || [cx, cy], [x2, y2] = pos.get(e.target) || [cx, cy];
    const attrs = { x1, y1, x2, y2, "stroke-width": Math.min(6, 1 + (e.actions || 0) + (e.together || 0) / 3) };
    if (e.actions) { attrs.class = "acts"; attrs["marker-end"] = "url(#arrow)"; }
    const l = svg("line", attrs);
    l.appendChild(svg("title", {}, (e.types || []).join("، ")));
    s.appendChild(l);
  }
  net.nodes.forEach((n, i) => {
    const [x, y] = pos.get(n.id);
    const a = svg("a", { href: entHref(n.id) });
    a.appendChild(svg("circle", { cx: x, cy: y, r: i === 0 ? 16 : 11, class: i === 0 ? "center" : "" }));
    a.appendChild(svg("text", { x, y: y + (i === 0 ? 32 : 26), "text-anchor": "middle" }, n.name));
    s.appendChild(a);
  });
  return el("section", { class: "network" }, el("h2", {}, T.network), s);
}

async function viewEntity(id) {
  const e = await api(`/api/entities/${enc(id)}`);
  const quotes = e.quotes.length ? el("section", { id: "entity-quotes" }, el("h2", {}, `${T.quotesIn} (${e.quotes.length})`),
    e.quotes.map((q) => el("blockquote", { class: q.direct ? "direct" : "indirect" }, el("div", {}, q.text),
      el("div", { class: "meta small" }, el("a", { href: docHref(q.doc, q.start, q.end) }, T.read))))) : null;
  const mentions = el("section", {}, el("h2", {}, `${T.mentions} (${e.mention_count})`),
    el("div", {}, e.mentions.slice(0, 60).map((m) => el("a", { class: "chip", href: docHref(m.doc, m.start, m.end) }, m.text))));
  render(el("h1", {}, e.name_ar || e.name),
    el("div", { class: "meta" }, el("span", {}, e.name), el("span", {}, `${T.type}: ${e.type}`), e.country ? el("span", {}, e.country) : null, el("span", { class: "ltr small" }, e.id)),
    el("div", { class: "grid2" },
      el("div", {},
        el("h2", {}, T.aliases), el("div", {}, e.aliases.map((a) => el("span", { class: "chip" }, a))),
        e.roles.length ? [el("h2", {}, T.roles), el("div", {}, e.roles.map((r) => el("span", { class: "chip" }, r)))] : null,
        quotes),
      networkChart(e.network)),
    actionsTable(e.actions), mentions);
}

// ---- documents ----------------------------------------------------------------------------
async function viewDocuments(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/documents?limit=50&offset=${offset}`);
  render(el("h1", {}, `${T.articles} (${page.total})`),
    el("ul", { class: "list" }, page.items.map((d) => el("li", { class: "card" },
      el("a", { href: docHref(d.id) }, d.title || d.id),
      el("div", { class: "meta" }, el("span", {}, d.source || T.unknownSource), ltr(d.published),
        d.event ? el("a", { href: evHref(d.event) }, T.event) : null)))),
    pager(page, (o) => `#/documents?offset=${o}`));
}

function docText(doc, s, e) {
  const text = doc.text;
  const box = el("div", { class: "doc-text", id: "doc-text" });
  const hasSpan = Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s && e <= text.length;
  let sent = null;
  if (hasSpan) sent = doc.sentences.find((x) => x.start <= s && s < x.end) || { start: s, end: e };
  const bodyEnd = doc.removed.length ? Math.min(...doc.removed.map((r) => r.start)) : text.length;
  const plain = (a, b) => {
    if (b <= a) return;
    if (b <= bodyEnd) { box.appendChild(document.createTextNode(text.slice(a, b))); return; }
    if (a < bodyEnd) box.appendChild(document.createTextNode(text.slice(a, bodyEnd)));
    box.appendChild(el("span", { class: "removed", title: "boilerplate" }, text.slice(Math.max(a, bodyEnd), b)));
  };
  if (!sent) { plain(0, text.length); return box; }
  const a = Math.min(sent.start, s), b = Math.max(sent.end, e);
  plain(0, a);
  const hl = el("span", { class: "hl-sent", id: "hl" });
  hl.appendChild(document.createTextNode(text.slice(a, s)));
  hl.appendChild(el("mark", { id: "hl-span" }, text.slice(s, e)));
  hl.appendChild(document.createTextNode(text.slice(e, b)));
  box.appendChild(hl);
  plain(b, text.length);
  return box;
}

async function viewDoc(id, params) {
  const d = await api(`/api/documents/${enc(id)}`);
  const s = parseInt(params.get("s"), 10), e = parseInt(params.get("e"), 10);
  const item = (label, list, fn) => list.length ? [el("h3", {}, `${label} (${list.length})`), el("ul", { class: "small" }, list.map(fn))] : null;
  const link = (x, text) => el("a", { href: docHref(d.id, x.start, x.end) }, text);
  const side = el("aside", {},
    item(T.quotesIn, d.quotes, (q) => el("li", {}, link(q, (q.speaker_name || q.speaker_text || "?") + ": " + q.text.slice(0, 80)))),
    item(T.factsIn, d.facts, (f) => el("li", {}, link(f, `${f.text} — ${f.what}`))),
    item(T.timesIn, d.times, (t) => el("li", {}, link(t, t.text), " ", ltr(t.value))),
    item(T.actions, d.actions, (a) => el("li", {}, link(a.mentions.find((m) => m.doc === d.id) || a.mentions[0], `${a.source_name || a.source || T.unknownActor} ← ${a.type_ar || a.type} → ${a.target_name || a.target || T.none}`))),
    item(T.mentions, d.mentions.filter((m) => m.entity), (m) => el("li", {}, link(m, m.text), " ", el("a", { href: entHref(m.entity), class: "muted" }, d.entity_names[m.entity] || m.entity))));
  render(el("h1", {}, d.title || d.id),
    el("div", { class: "meta" }, el("span", {}, d.source || T.unknownSource), el("span", {}, T.published + ": ", ltr(d.published)),
      d.url ? el("a", { href: /^https?:\/\//i.test(d.url) ? d.url : null, rel: "noopener noreferrer", class: "ltr" }, d.url) : null,
      d.event ? el("a", { href: evHref(d.event) }, T.event) : null),
    el("div", { class: "grid2" }, docText(d, s, e), side));
  const hl = document.getElementById("hl");
  if (hl) hl.scrollIntoView({ block: "center" });
}

// ---- search -------------------------------------------------------------------------------
async function viewSearch(_arg, params) {
  const q = params.get("q") || "", kind = params.get("kind") || "document";
  const since = params.get("since") || "", until = params.get("until") || "", source = params.get("source") || "";
  const offset = +params.get("offset") || 0;
  const input = el("input", { type: "search", name: "q", value: q, placeholder: "مثال: \"وقف إطلاق النار\" بوتين", id: "q", maxlength: 500 });
  const sinceI = el("input", { type: "date", name: "since", value: since });
  const untilI = el("input", { type: "date", name: "until", value: until });
  const sourceI = el("input", { type: "text", name: "source", value: source, size: 14 });
  const go = (k, o) => {
    const p = new URLSearchParams({ q: input.value.trim(), kind: k || kind });
    if (sinceI.value) p.set("since", sinceI.value);
    if (untilI.value) p.set("until", untilI.value);
    if (sourceI.value.trim()) p.set("source", sourceI.value.trim());
    if (o) p.set("offset", o);
    location.hash = "#/search?" + p.toString();
  };
  const form = el("form", { class: "search", id: "search-form", onsubmit: (ev) => { ev.preventDefault(); go(kind, 0); } },
    el("label", {}, T.search, input), el("label", {}, T.since, sinceI), el("label", {}, T.until, untilI),
    el("label", {}, T.source, sourceI), el("button", { type: "submit" }, T.searchBtn));
  const tabs = el("div", { class: "tabs" }, Object.entries(T.kinds).map(([k, label]) =>
    el("a", { href: "#", class: k === kind ? "active" : "", onclick: (ev) => { ev.preventDefault(); go(k, 0); } }, label)));
  if (!q.trim()) { render(el("h1", {}, T.search), form, tabs); input.focus(); return; }
  const p = new URLSearchParams({ q, kind, limit: 20, offset });
  if (since) p.set("since", since);
  if (until) p.set("until", until);
  if (source) p.set("source", source);
  const res = await api("/api/search?" + p.toString());
  const hits = res.items.map((h) => {
    if (h.kind === "document") {
      const sn = h.snippet, m0 = sn.marks[0];
      return el("li", { class: "card hit" },
        el("a", { href: docHref(h.doc, m0 ? sn.start + m0[0] : undefined, m0 ? sn.start + m0[1] : undefined) }, marked(h.title || h.id, h.title_marks)),
        el("div", { class: "meta" }, el("span", {}, h.source || T.unknownSource), ltr(h.published)),
        el("p", { class: "snippet" }, marked(sn.text, sn.marks)));
    }
    if (h.kind === "quote") {
      return el("li", { class: "card hit" }, el("blockquote", {}, marked(h.text, h.snippet.marks)),
        el("div", { class: "meta" }, h.speaker ? el("a", { href: entHref(h.speaker) }, h.speaker_text || h.speaker) : el("span", {}, h.speaker_text || "?"),
          ltr(h.published), el("a", { href: docHref(h.doc, h.start, h.end) }, T.read)));
    }
    return el("li", { class: "card hit" }, el("a", { href: entHref(h.id) }, h.name_ar || h.name),
      el("div", { class: "meta" }, el("span", {}, h.type), el("span", {}, h.aliases.join("، "))));
  });
  render(el("h1", {}, T.search), form, tabs,
    el("p", { class: "muted", id: "hit-count" }, `${res.total} ${T.hits}`),
    hits.length ? el("ul", { class: "list", id: "hits" }, hits) : el("p", {}, T.noHits),
    pager(res, (o) => {
      const pp = new URLSearchParams(params); pp.set("offset", o); return "#/search?" + pp.toString();
    }));
}

// ---- upload -------------------------------------------------------------------------------
// Writes carry the server's token: a page opened on the server's own machine finds it in a
// <meta> tag; elsewhere the user types it once per tab (sessionStorage, never sent to other sites).
const meta = (name) => { const m = document.querySelector(`meta[name="${name}"]`); return m ? m.getAttribute("content") : null; };

async function viewUpload() {
  if (meta("marsad-read-only")) { render(el("h1", {}, T.upload), el("p", { id: "read-only" }, T.readOnly)); return; }
  const given = meta("marsad-token");
  const token = el("input", { type: "password", name: "token", id: "token", size: 30, autocomplete: "off",
    value: given || sessionStorage.getItem("marsad-token") || "" });
  const text = el("textarea", { name: "text", id: "paste" });
  const title = el("input", { type: "text", name: "title", size: 40 });
  const source = el("input", { type: "text", name: "source", size: 20 });
  const published = el("input", { type: "date", name: "published" });
  const files = el("input", { type: "file", name: "files", multiple: true, id: "files" });
  const bar = el("progress", { max: 1, value: 0, hidden: true });
  const status = el("div", { id: "job-status", class: "muted" });
  const button = el("button", { type: "submit" }, T.send);
  const form = el("form", { id: "upload-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData();
    if (files.files.length) for (const f of files.files) fd.append("files", f);
    else {
      fd.append("text", text.value);
      if (title.value) fd.append("title", title.value);
      if (source.value) fd.append("source", source.value);
      if (published.value) fd.append("published", published.value);
    }
    button.disabled = true; bar.hidden = false; bar.removeAttribute("value"); status.textContent = T.loading;
    try {
      if (!given) sessionStorage.setItem("marsad-token", token.value);
      const r = await fetch("/api/ingest", { method: "POST", body: fd, headers: { "X-Marsad-Token": token.value } });
      const job = await r.json();
      if (!r.ok) throw new Error(typeof job.detail === "string" ? job.detail : JSON.stringify(job.detail));
      await poll(job.id, bar, status);
    } catch (e) {
      status.textContent = T.failed + ": " + e.message;
    } finally { button.disabled = false; }
  } },
  el("h2", {}, T.paste), text,
  el("div", { class: "search" }, el("label", {}, T.title, title), el("label", {}, T.source, source), el("label", {}, T.published, published)),
  el("h2", {}, T.or), files, given ? "" : el("p", {}, el("label", {}, T.token, token)), el("p", {}, button), bar, status);
  render(el("h1", {}, T.upload), form);
}

async function poll(id, bar, status) {
  for (;;) {
    const job = await api(`/api/jobs/${enc(id)}`);
    if (job.files) { bar.max = job.files; bar.value = Math.min(job.done, job.files); }
    status.textContent = `${T.progress}: ${job.done}` + (job.files ? ` / ${job.files}` : "");
    if (job.state === "done") {
      const s = job.summary;
      bar.value = bar.max;
      status.replaceChildren(el("strong", {}, T.done), ` — new: ${s.new}, updated: ${s.updated}, unchanged: ${s.unchanged}, duplicates: ${s.duplicates.length}, rejected: ${s.rejected.length}`,
        el("ul", {}, s.rejected.map((x) => el("li", { class: "error" }, `${x.origin}: ${x.reason}`))), el("a", { href: "#/documents" }, T.articles));
      return;
    }
    if (job.state === "error") { status.textContent = T.failed + ": " + job.error; return; }
    await new Promise((r) => setTimeout(r, 400));
  }
}
