// marsad web app: a hash-routed page over the JSON API. No build step, no CDN.
// SAFETY: every piece of data enters the page through textContent / createTextNode or an
// attribute set with setAttribute; nothing from the API is ever parsed as HTML.
// Every route is a page with its own title; an unknown route, or a thing the API does not
// have (404), is the "not found" page. Latin-script codes (action types, ids, URLs) are shown
// small in elements marked dir="ltr" (class "code" or "ltr"); every label is Arabic.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const app = () => document.getElementById("app");

const T = {
  brand: "مرصد",
  events: "الأحداث", timeline: "الخط الزمني: المقالات والأحداث", noEvents: "لا أحداث بعد. أضف مقالات من صفحة «إضافة مقالات».",
  noMatch: "لا أحداث تطابق هذه المرشحات.",
  sources: "المصادر", source: "المصدر", unknownSource: "مصدر غير مذكور", copies: "نشرت النص نفسه",
  copiesN: "نسخ", published: "نُشر", fromUrl: "(من رابط المقال)", fromPage: "(من سطر التاريخ أعلى الصفحة)", facts: "الأرقام والوقائع",
  quotes: "الاقتباسات حسب المتحدث", actions: "الأفعال المرمّزة", summary: "الملخص", read: "اقرأ في المقال",
  agree: "اتفاق", conflict: "تعارض", differ: "أرقام مختلفة", single: "مصدر واحد",
  differHint: "تختلف الأرقام لكنها قد تعدّ أشياء مختلفة، فلا تُعدّ تعارضا", what: "ما يُعدّ", unit: "الوحدة", status: "الحالة",
  who: "الفاعل", did: "الفعل", whom: "المفعول به", date: "التاريخ", mode: "الصيغة", count: "عدد المصادر",
  aliases: "الأسماء البديلة", roles: "الأدوار", network: "من يتفاعل مع من", mentions: "الإشارات",
  entities: "الفاعلون", type: "النوع", articles: "المقالات", search: "البحث", searchBtn: "ابحث",
  kinds: { document: "المقالات", quote: "الاقتباسات", entity: "الفاعلون" }, since: "من", until: "إلى",
  noHits: "لا نتائج.", hits: "نتيجة", atLeast: "أكثر من", about: "نحو", newestFirst: "الأحدث أولاً", prev: "السابق", next: "التالي", loading: "جارٍ التحميل…",
  upload: "إضافة مقالات", paste: "الصق نص مقال", or: "أو ارفع ملفات:", fileKinds: ["txt", "json", "jsonl", "html", "rss"],
  title: "العنوان", send: "أضف", progress: "التقدم", done: "اكتمل", failed: "فشل", event: "الحدث",
  story: "القصة", stories: "القصص", negated: "منفي", none: "—", unknownActor: "جهة غير معروفة", killed: "قتلى",
  quotesIn: "اقتباسات", timesIn: "تواريخ", factsIn: "أرقام",
  token: "رمز الكتابة (يطبعه أمر التشغيل", tokenEnd: ")", readOnly: "هذا الخادم للقراءة فقط: لا يمكن إضافة مقالات منه.",
  notFound: "غير موجود", notFoundPage: "الصفحة غير موجودة", notFoundText: "لا توجد صفحة بهذا العنوان، أو أن ما تبحث عنه لم يعد محفوظاً.",
  backHome: "العودة إلى الأحداث", error: "خطأ", errorText: "تعذّر تحميل هذه الصفحة.",
  direct: "مباشر", indirect: "غير مباشر", lead: "مطلع المقال", more: "المزيد",
  csv: "تنزيل", feed: "خلاصة", untitled: "حدث بلا عنوان", article: "مقال",
  outlets: "المصادر الإعلامية", outlet: "المصدر الإعلامي", outletsN: "المصادر", first: "أول من نشر",
  filters: "تصفية الأحداث", apply: "طبّق", clear: "مسح المرشحات", entity: "الفاعل", minSources: "أقل عدد من المصادر",
  happeningKind: "نوع الحدث", anyKind: "كل الأنواع", country: "البلد",
  breaking: "عاجل: تغطية تتسع", joinedRecently: "مصادر انضمت خلال آخر", hoursWord: "ساعات", breakingFeed: "موجز العاجل",
  any: "أي عدد", sort: "الترتيب", sorts: { latest: "الأحدث أولاً", largest: "الأكثر مصادر أولاً", growing: "الأسرع نمواً", oldest: "الأقدم أولاً" },
  inStory: "ضمن القصة", removeFilter: "إزالة", allQuotes: "كل الاقتباسات", quotesOf: "اقتباسات", allQuotesTitle: "الاقتباسات",
  speaker: "المتحدث", noQuotes: "لا اقتباسات.", noActions: "لا أفعال مرمّزة تطابق هذه المرشحات.", actor: "الفاعل أو المفعول به",
  allTypes: "كل الأنواع", actionType: "نوع الفعل", eventsOf: "أحداث يرد فيها", allEvents: "كل الأحداث",
  storyEvents: "أحداث القصة بترتيب زمني", after: "بعد", days: "يوماً", day: "يوم", undated: "بلا تاريخ",
  covers: "ما يغطيه", recentEvents: "أحداث نشر عنها", disagree: "حيث تخالف أرقامه مصادر أخرى", others: "المصادر الأخرى",
  its: "ما ذكره", firstIn: "أول من نشر في", ofShared: "من الأحداث التي نشرت عنها مصادر أخرى أيضاً",
  eventsCount: "الأحداث", period: "الفترة", country: "البلد", domains: "النطاقات", alsoNamed: "يُسمّى أيضاً",
  older: "أقدم", newer: "أحدث", outliers: "تواريخ بعيدة عن معظم التواريخ", storiesOf: "القصص",
  newDocs: "جديدة", updated: "محدّثة", unchanged: "دون تغيير", duplicates: "مكررة", rejected: "مرفوضة",
  removed: "نص خارج متن المقال", documents: "المقالات", ofOutlet: "مقالات", eventsN: "حدثاً",
  role: "المنصب", firstSeen: "أول ذكر", lastSeen: "آخر ذكر", coverage: "تسلسل النشر", afterFirst: "بعد الأول بـ",
  hoursN: "ساعة", minutesN: "دقيقة", daysN: "يوم", atFirst: "أول من نشر",
  map: "الأماكن على الخريطة", mapNote: "حدود الدول من بيانات «ناتشورال إيرث»، والمواقع من معجم أماكن مرفق؛ الدائرة أكبر كلما كثر ذكر المكان.",
  unplaced: "أماكن لم يُعرف موقعها",
};
const ENTITY_TYPES = { PERSON: "شخص", ORG: "منظمة", LOC: "مكان", GPE: "كيان سياسي", GROUP: "جماعة", ROLE: "منصب", MISC: "أخرى" };
const OUTLET_TYPES = { state: "حكومية", public: "عامة", private: "خاصة", wire: "وكالة أنباء", party: "حزبية", other: "أخرى" };

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
const storyHref = (id) => `#/story/${enc(id)}`;
const outletHref = (name) => `#/outlet/${enc(name)}`;
// Data in Latin script or digits, isolated so it is not reordered inside Arabic text.
// A date is shown as written (ISO); hovering it gives the day for Arabic readers, Gregorian and Hijri (Umm al-Qura).
const GREGORIAN = new Intl.DateTimeFormat("ar-u-nu-arab", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const HIJRI = new Intl.DateTimeFormat("ar-u-ca-islamic-umalqura-nu-arab", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
function dateTitle(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return Number.isNaN(d.getTime()) ? null : `${GREGORIAN.format(d)} — ${HIJRI.format(d)}`;
}
const ltr = (s) => el("span", { class: String(s ?? "").length <= 24 ? "ltr nowrap" : "ltr", dir: "ltr", title: dateTitle(String(s ?? "")) }, s ?? T.none);
const code = (s) => (s ? el("span", { class: "code", dir: "ltr" }, s) : null);
const when = (s) => ltr(s ? String(s).replace("T", " ").slice(0, 16) : T.none);
const entityType = (t) => (t ? [ENTITY_TYPES[t] || "", " ", code(t)] : T.none);
const outletLink = (name) => (name ? el("a", { href: outletHref(name) }, name) : el("span", {}, T.unknownSource));
const docLabel = (d) => d.title || `${T.article} — ${d.source || T.unknownSource}${d.published ? " \u2066" + String(d.published).slice(0, 10) + "\u2069" : ""}`;
const wrapTable = (table) => el("div", { class: "table-wrap" }, table);

function hashWith(base, params, changes) {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes || {})) {
    if (v === null || v === undefined || v === "" || v === 0) p.delete(k); else p.set(k, v);
  }
  const qs = p.toString();
  return qs ? `${base}?${qs}` : base;
}

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

// Width in CSS pixels that a chart drawn now will get (charts are drawn at 1:1 so their labels
// keep their size on a phone instead of shrinking with the viewBox).
function contentWidth() {
  const root = app(), cs = getComputedStyle(root);
  return Math.max(260, Math.floor(root.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)));
}

function pager(page, href) {
  // A list page (items, total, limit, offset, next): next is null on the last page.
  if (page.total <= page.limit && page.offset === 0) return null;
  const prev = page.offset > 0 ? el("a", { href: href(Math.max(0, page.offset - page.limit)), rel: "prev" }, T.prev) : null;
  const next = page.next ? el("a", { href: href(page.offset + page.limit), rel: "next" }, T.next) : null;
  return el("div", { class: "pager" }, prev, el("span", { class: "muted" }, ltr(`${page.offset + 1}–${Math.min(page.total, page.offset + page.limit)} / ${page.total}`)), next);
}

// ---- router -------------------------------------------------------------------------------
// name -> [view without an argument, view with one]; "#/events/ID" is the event ID as "#/event/ID".
const routes = {
  events: [viewEvents, viewEvent], event: [null, viewEvent],
  stories: [viewStories, viewStory], story: [null, viewStory],
  entities: [viewEntities, viewEntity], entity: [null, viewEntity],
  outlets: [viewOutlets, viewOutlet], outlet: [null, viewOutlet],
  documents: [viewDocuments, viewDoc], doc: [null, viewDoc],
  quotes: [viewQuotes, null], actions: [viewActions, null], search: [viewSearch, null], upload: [viewUpload, null],
};
const NAV = { event: "events", story: "stories", entity: "entities", outlet: "outlets", doc: "documents" };

function parseHash() {
  const h = location.hash.replace(/^#\/?/, "");
  const i = h.indexOf("?");
  const path = i < 0 ? h : h.slice(0, i), qs = i < 0 ? "" : h.slice(i + 1);
  let parts;
  try { parts = path.split("/").map(decodeURIComponent); } catch (e) { parts = ["\u0000"]; }
  return { name: parts[0] || "events", arg: parts.slice(1).join("/"), params: new URLSearchParams(qs) };
}

class NotFound extends Error { constructor() { super("not found"); this.status = 404; } }

function notFoundPage() {
  return { page: "not-found", title: T.notFound, nodes: [el("h1", { id: "not-found" }, T.notFoundPage),
    el("p", {}, T.notFoundText), el("p", {}, el("a", { href: "#/events" }, T.backHome))] };
}

function errorPage(e) {
  return { page: "error", title: T.error, nodes: [el("h1", {}, T.error), el("p", { class: "error" }, T.errorText),
    el("p", { class: "small" }, code(e.message))] };
}

let current = 0;
async function route() {
  const my = ++current, t0 = performance.now();
  const { name, arg, params } = parseHash();
  const nav = NAV[name] || name;
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active", a.dataset.nav === nav));
  document.body.removeAttribute("data-page");
  const entry = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name] : null;
  const view = entry ? entry[arg ? 1 : 0] : null;
  render(el("p", { class: "muted" }, T.loading));
  let out;
  try {
    if (!view) throw new NotFound();
    out = await view(arg, params);
  } catch (e) {
    if (e.status !== 404) console.error(e); // a fault of this page, not a missing thing
    out = e.status === 404 ? notFoundPage() : errorPage(e);
  }
  if (my !== current) return; // the reader has moved on
  document.title = out.title ? `${out.title} — ${T.brand}` : T.brand;
  setCanonical(out.page === "not-found" || out.page === "error" ? null : canonicalUrl(name, arg, params));
  render(out.nodes);
  window.scrollTo(0, 0);
  if (out.after) out.after();
  // data-page says the page is drawn (tests wait for it); data-ms how long the route took
  // (the API calls and the drawing) after the hash changed, or since navigation on a first load.
  document.body.setAttribute("data-ms", Math.round(performance.now() - (my === 1 ? 0 : t0)));
  document.body.setAttribute("data-page", out.page);
}

// One address per page: the route with its parameters sorted, empty ones, the default sort and a
// zero offset dropped (as hashWith drops them), so that a page reached by clicks and one reached
// from a shared link name it alike.
function canonicalUrl(name, arg, params) {
  const kept = [...params.entries()].filter(([k, v]) => v !== "" && !(k === "sort" && v === "latest") && !(k === "offset" && v === "0"))
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const path = [name, ...(arg ? arg.split("/") : [])].map(encodeURIComponent).join("/");
  const qs = new URLSearchParams(kept).toString();
  return `${location.origin}/#/${path}${qs ? "?" + qs : ""}`;
}

function setCanonical(href) {
  let link = document.querySelector('link[rel="canonical"]');
  if (!href) { if (link) link.remove(); return; }
  if (!link) { link = document.createElement("link"); link.rel = "canonical"; document.head.append(link); }
  link.href = href;
}

function render(...nodes) {
  app().replaceChildren(...nodes.flat(Infinity).filter(Boolean));
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);

// ---- timeline chart -------------------------------------------------------------------------
function addDays(iso, n) { const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
function dayDiff(a, b) { return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000); }

// The days the axis shows: from the 5th to the 95th percentile of all dated points (articles
// weighted by their count), widened to any point close to that bulk; farther points are
// outliers, drawn at the edges instead of stretching the axis.
function bulkRange(points) {
  const sorted = points.filter((p) => p.day).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const total = sorted.reduce((s, p) => s + p.w, 0);
  const at = (q) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const p of sorted) { seen += p.w; if (seen >= rank) return p.day; }
    return sorted[sorted.length - 1].day;
  };
  const p5 = at(0.05), p95 = at(0.95);
  const tol = Math.max(7, Math.round(dayDiff(p5, p95) / 2));
  let lo = p5, hi = p95;
  for (const p of sorted) {
    if (p.day < lo && dayDiff(p.day, p5) <= tol) lo = p.day;
    if (p.day > hi && dayDiff(p95, p.day) <= tol) hi = p.day;
  }
  return [lo, hi];
}

function timelineChart(tl, title) {
  const points = tl.documents.map((d) => ({ day: d.date, w: d.count })).concat(tl.events.map((e) => ({ day: e.date, w: 1 })));
  if (!points.some((p) => p.day)) return null;
  const [lo, hi] = bulkRange(points);
  const first = addDays(lo, -2), last = addDays(hi, 2);
  const span = Math.max(1, dayDiff(first, last));
  const byMonth = span > 120;
  const bin = (iso) => (byMonth ? iso.slice(0, 7) + "-01" : iso);
  const inside = (iso) => iso >= first && iso <= last;
  const counts = new Map();
  const before = [], afterDays = [];
  for (const d of tl.documents) {
    if (!inside(d.date)) { (d.date < first ? before : afterDays).push(d.date); continue; }
    counts.set(bin(d.date), (counts.get(bin(d.date)) || 0) + d.count);
  }
  const W = contentWidth(), narrow = W < 600;
  const H = narrow ? 200 : 230, padL = 26, padR = 26, top = 40, base = H - 50;
  // Right-to-left reading: time runs from right (oldest) to left (newest).
  const x = (iso) => W - padR - ((dayDiff(first, iso) + 0.5) / (span + 1)) * (W - padL - padR);
  const xc = (iso) => (iso < first ? W - padR + 12 : iso > last ? padL - 12 : x(iso));
  const maxC = Math.max(1, ...counts.values());
  const barW = Math.max(2, ((W - padL - padR) / (span + 1)) * (byMonth ? 25 : 0.8));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": title || T.timeline });
  s.appendChild(svg("line", { x1: padL, x2: W - padR, y1: base, y2: base, class: "axis" }));
  for (const [day, c] of counts) {
    const h = (c / maxC) * (base - top - 10);
    const r = svg("rect", { x: x(day) - barW / 2, y: base - h, width: barW, height: h, class: "bar" });
    r.appendChild(svg("title", {}, `${day}: ${c} ${T.articles}`));
    s.appendChild(r);
  }
  // Tick labels on day or month boundaries, about one per 90 px.
  const ticks = Math.max(2, Math.floor(W / 90));
  const step = Math.max(1, Math.ceil(span / ticks));
  for (let i = 0; i <= span; i += step) {
    const d = addDays(first, i);
    s.appendChild(svg("line", { x1: x(d), x2: x(d), y1: base, y2: base + 5, class: "axis" }));
    // the first tick (the oldest, on the right) carries the year when ticks are days
    const lbl = byMonth ? d.slice(0, 7) : i === 0 ? d : d.slice(5);
    s.appendChild(svg("text", { x: x(d), y: base + 20, "text-anchor": i === 0 ? "end" : "middle", direction: "ltr" }, lbl));
  }
  // Outliers: a mark at each edge saying how many dates lie beyond it, and when.
  const outEvents = tl.events.filter((e) => e.date && !inside(e.date));
  const older = before.concat(outEvents.filter((e) => e.date < first).map((e) => e.date)).sort();
  const newer = afterDays.concat(outEvents.filter((e) => e.date > last).map((e) => e.date)).sort();
  const edge = (days, xEdge, xText, anchor, label, cls) => {
    if (!days.length) return;
    const g = svg("g", { class: `outlier ${cls}` });
    g.appendChild(svg("line", { x1: xEdge, x2: xEdge, y1: top - 20, y2: base, class: "break" }));
    g.appendChild(svg("text", { x: xText, y: base + 36, "text-anchor": anchor, direction: "ltr" }, `${label}: ${days.length}`));
    g.appendChild(svg("title", {}, `${T.outliers}: ${[...new Set(days)].join("، ")}`));
    s.appendChild(g);
  };
  edge(older, W - padR + 12, W - 2, "end", T.older, "older");
  edge(newer, padL - 12, 2, "start", T.newer, "newer");
  const dated = tl.events.filter((ev) => ev.date);
  if (dated.length <= 200) {
    for (const ev of dated) {
      const cx = xc(ev.date), out = !inside(ev.date);
      const c = svg("circle", { cx, cy: top - 12, r: Math.min(narrow ? 9 : 14, 5 + ev.docs * 1.2), class: out ? "event outlier" : "event" });
      c.appendChild(svg("title", {}, `${ev.date} — ${ev.title || T.untitled} (${ev.docs})`));
      const a = svg("a", { href: evHref(ev.id) });
      a.appendChild(c);
      s.appendChild(a);
      if (!out) s.appendChild(svg("line", { x1: cx, x2: cx, y1: top - 4, y2: base, class: "axis", "stroke-dasharray": "3 3" }));
    }
  } else {
    // Many events: one mark per day (or month) on the axis, sized by how many, opening that
    // day's (month's) events; those beyond the edges are counted there.
    const per = new Map();
    for (const ev of dated) if (inside(ev.date)) per.set(bin(ev.date), (per.get(bin(ev.date)) || 0) + 1);
    const maxE = Math.max(1, ...per.values());
    for (const [day, n] of per) {
      const until = byMonth ? addDays(addDays(day, 32).slice(0, 7) + "-01", -1) : day;
      const a = svg("a", { href: `#/events?since=${day}&until=${until}` });
      const c = svg("circle", { cx: x(day), cy: top - 12, r: 3 + (narrow ? 6 : 10) * Math.sqrt(n / maxE), class: "event" });
      c.appendChild(svg("title", {}, `${byMonth ? day.slice(0, 7) : day}: ${n} ${T.events}`));
      a.appendChild(c);
      s.appendChild(a);
    }
  }
  return el("section", { class: "timeline" }, el("h2", {}, title || T.timeline), el("div", { class: "chart" }, s));
}

// ---- events list ----------------------------------------------------------------------------
const EVENT_FILTERS = ["since", "until", "source", "entity", "kind", "country", "min_sources", "sort", "story"];

function eventItem(ev) {
  const outlets = ev.sources || [];
  return el("li", { class: "card event-item" },
    el("h3", {}, el("a", { href: evHref(ev.id) }, ev.title || T.untitled)),
    el("div", { class: "meta" }, el("span", {}, T.date + ": ", ltr(ev.date)),
      el("span", { class: "n-sources" }, `${T.outletsN}: `, ltr(String(ev.source_count ?? outlets.length))),
      el("span", {}, `${T.articles}: `, ltr(String(ev.docs.length))),
      ev.story ? el("a", { href: storyHref(ev.story), class: "story-link" }, T.story) : null),
    outlets.length ? el("div", { class: "outlets" }, outlets.slice(0, 6).map((s) => el("a", { class: "chip", href: outletHref(s) }, s)),
      outlets.length > 6 ? el("span", { class: "muted small" }, `+${outlets.length - 6}`) : null) : null);
}

async function viewEvents(_arg, params) {
  const offset = +params.get("offset") || 0;
  const f = {};
  for (const k of EVENT_FILTERS) if (params.get(k)) f[k] = params.get(k);
  const q = new URLSearchParams({ ...f, limit: 50, offset });
  const [tl, evs, srcs, kinds, story, hot] = await Promise.all([api("/api/timeline"), api(`/api/events?${q}`),
    api("/api/sources?limit=200"), api("/api/event-kinds"),
    f.story ? api(`/api/stories/${enc(f.story)}`).catch(() => null) : null, api("/api/breaking?limit=5")]);
  const input = (name, attrs) => el("input", { name, id: `f-${name}`, value: f[name] || "", ...attrs });
  const select = (name, options) => el("select", { name, id: `f-${name}` }, options.map(([v, label]) =>
    el("option", { value: v, selected: (f[name] || "") === v ? "selected" : null }, label)));
  const form = el("form", { class: "filters", id: "event-filters", onsubmit: (ev) => {
    ev.preventDefault();
    const fd = new FormData(ev.target), p = new URLSearchParams();
    for (const k of EVENT_FILTERS) { const v = (fd.get(k) || "").toString().trim(); if (v && !(k === "sort" && v === "latest")) p.set(k, v); }
    location.hash = hashWith("#/events", p);
  } },
  el("label", {}, T.since, input("since", { type: "date" })), el("label", {}, T.until, input("until", { type: "date" })),
  el("label", {}, T.outlet, input("source", { type: "text", list: "outlet-names", size: 16, autocomplete: "off" })),
  el("datalist", { id: "outlet-names" }, srcs.items.map((s) => el("option", { value: s.source }))),
  el("label", {}, T.entity, input("entity", { type: "text", size: 16 })),
  el("label", {}, T.happeningKind, select("kind", [["", T.anyKind], ...kinds.items.map((k) => [k.kind, k.label_ar])])),
  el("label", {}, T.country, input("country", { type: "text", size: 12 })),
  el("label", {}, T.minSources, select("min_sources", [["", T.any], ["2", "2+"], ["3", "3+"], ["5", "5+"], ["10", "10+"]])),
  el("label", {}, T.sort, select("sort", Object.entries(T.sorts))),
  f.story ? el("input", { type: "hidden", name: "story", value: f.story }) : null,
  el("button", { type: "submit" }, T.apply),
  Object.keys(f).length ? el("a", { href: "#/events", class: "clear" }, T.clear) : null);
  // Open on a wide screen or when filters are set; on a phone a tap opens it.
  const filterBox = el("details", { class: "filter-box", id: "filter-box", open: contentWidth() >= 600 || Object.keys(f).length > 0 ? "open" : null },
    el("summary", {}, T.filters), form);
  const chips = f.story ? el("p", { class: "active-filters" }, `${T.inStory}: `,
    el("a", { href: storyHref(f.story) }, story ? story.title || T.story : f.story), " ",
    el("a", { href: hashWith("#/events", params, { story: null, offset: null }), class: "small" }, `(${T.removeFilter})`)) : null;
  const data = new URLSearchParams({ ...f, limit: 50, offset, format: "csv" });
  const feed = new URLSearchParams(f);
  const items = evs.items.map(eventItem);
  const filtered = Object.keys(f).some((k) => k !== "sort");
  // Events whose coverage grows fast against the usual rate come first (alerts.breaking).
  const breaking = hot.items.length ? el("section", { class: "card breaking", id: "breaking" },
    el("h2", {}, T.breaking, " ", el("a", { href: "/api/breaking.atom", type: "application/atom+xml", class: "small" }, T.breakingFeed)),
    el("ul", {}, hot.items.map((b) => el("li", {}, el("a", { href: evHref(b.id) }, b.title || T.untitled), " ",
      el("span", { class: "muted small" }, `(${T.joinedRecently} `, ltr(String(hot.hours)), ` ${T.hoursWord}: `,
        ltr(String(b.recent)), ")"))))) : null;
  return { page: "events", title: T.events, nodes: [el("h1", {}, T.events), breaking, timelineChart(tl),
    el("h2", {}, `${T.events} (`, ltr(String(evs.total)), ")"), filterBox, chips,
    el("div", { class: "meta small", id: "events-data" },
      el("a", { href: `/api/events?${data}`, download: "" }, T.csv, " ", code("CSV")),
      el("a", { href: `/api/events.atom${feed.toString() ? "?" + feed : ""}`, type: "application/atom+xml" }, T.feed, " ", code("Atom"))),
    items.length ? el("ul", { class: "list", id: "events" }, items) : el("p", { class: "muted", id: "no-events" }, filtered ? T.noMatch : T.noEvents),
    pager(evs, (o) => hashWith("#/events", params, { offset: o }))] };
}

// ---- one event ----------------------------------------------------------------------------
function summaryBlock(summary) {
  if (!summary || (Array.isArray(summary) && !summary.length)) return null;
  const items = Array.isArray(summary) ? summary : [summary];
  return el("section", {}, el("h2", {}, T.summary), el("ul", { class: "summary" }, items.map((it) => {
    if (typeof it === "string") return el("li", {}, it);
    const text = it.text || it.sentence || "";
    return el("li", {}, it.doc ? el("a", { href: docHref(it.doc, it.start, it.end) }, text) : text);
  })));
}

async function viewEvent(id) {
  const ev = await api(`/api/events/${enc(id)}`);
  // A copy of another report of the event (the same text on another site) is folded into the
  // card of the report it copies, and into its column of the fact table.
  const ids = new Set(ev.documents.map((d) => d.id));
  const copiesOf = {};
  for (const d of ev.documents) if (d.duplicate_of && ids.has(d.duplicate_of)) (copiesOf[d.duplicate_of] ||= []).push(d);
  const docs = ev.documents.filter((d) => !(d.duplicate_of && ids.has(d.duplicate_of)));
  const nCopies = ev.documents.length - docs.length;
  // Dates are wrapped in LRI..PDI so "2025-05-19" is not reordered inside Arabic text.
  const label = (d) => `${d.source || T.unknownSource} (\u2066${(d.published || "").slice(0, 10)}\u2069)`;
  const sources = el("div", { class: "sources", id: "sources" }, docs.map((d) => el("article", { class: "card source" + (d.first ? " first" : "") },
    el("h3", {}, outletLink(d.source), d.first ? el("span", { class: "badge" }, T.first) : null),
    el("div", { class: "meta" }, el("span", {}, T.published + ": ", when(d.published))),
    d.title ? el("div", {}, el("strong", {}, d.title)) : null,
    el("p", { class: "lead" }, d.lead),
    el("div", { class: "meta small" }, `${T.quotesIn}: ${d.counts.quotes}`, " · ", `${T.factsIn}: ${d.counts.facts}`),
    el("a", { href: docHref(d.id) }, T.read),
    copiesOf[d.id] ? el("div", { class: "copies small" }, `${T.copies}: `, copiesOf[d.id].map((c, i) => [i ? "، " : null,
      el("a", { href: docHref(c.id) }, c.source || T.unknownSource)])) : null)));

  // Who published when: the reports with a publication time in order, each with its lag after
  // the first (copies folded into their original, as in the cards).
  const timed = docs.filter((d) => d.published).sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
  const lag = (a, b) => {
    const m = Math.round((Date.parse(b) - Date.parse(a)) / 60000);
    if (!Number.isFinite(m)) return null;
    return m < 60 ? `${m} ${T.minutesN}` : m < 2880 ? `${Math.round(m / 60)} ${T.hoursN}` : `${Math.round(m / 1440)} ${T.daysN}`;
  };
  const coverage = timed.length >= 2 ? el("section", { id: "coverage" }, el("h2", {}, T.coverage),
    el("ol", { class: "coverage" }, timed.map((d, i) => el("li", {},
      when(d.published), " — ", outletLink(d.source), " ",
      el("span", { class: "muted small" }, i === 0 || d.published === timed[0].published ? `(${T.atFirst})`
        : `(${T.afterFirst} ${lag(timed[0].published, d.published) || T.none})`))))) : null;

  let facts = null;
  if (ev.fact_table.length) {
    // each source's own words for the quantity, linked to its sentence; the status compares them as intervals
    const head = el("tr", {}, el("th", {}, T.what), docs.map((d) => el("th", {}, d.source || T.unknownSource, " ",
      el("span", { class: "ltr nowrap small", dir: "ltr" }, (d.published || "").slice(0, 10)))), el("th", {}, T.status));
    const rows = ev.fact_table.map((f) => el("tr", { class: f.status },
      el("td", {}, f.what_ar),
      docs.map((d) => el("td", {}, (f.by_doc[d.id] || []).map((x, i) => [i ? "، " : null,
        el("a", { href: docHref(x.doc, x.start, x.end) }, x.text)]))),
      el("td", { class: "status", title: f.status === "differ" ? T.differHint : null }, T[f.status] || f.status)));
    facts = el("section", {}, el("h2", {}, T.facts), wrapTable(el("table", { id: "facts" }, el("thead", {}, head), el("tbody", {}, rows))));
  }

  const quoteBlock = (q) => el("blockquote", { class: q.direct ? "direct" : "indirect" },
    el("div", {}, q.text),
    el("div", { class: "meta small" }, el("span", {}, q.direct ? T.direct : T.indirect),
      el("a", { href: docHref(q.doc, q.start, q.end) }, T.read + " — " + label(ev.documents.find((d) => d.id === q.doc) || { source: q.doc_source }))));
  const quotes = ev.quotes_by_speaker.length ? el("section", { id: "quotes" }, el("h2", {}, T.quotes),
    ev.quotes_by_speaker.map((g) => el("div", { class: "speaker" },
      el("h3", {}, g.speaker ? el("a", { href: entHref(g.speaker), class: "speaker-link" }, g.name) : g.name,
        el("span", { class: "muted small" }, ` (${g.quotes.length})`),
        g.speaker ? el("a", { href: `#/quotes?speaker=${enc(g.speaker)}`, class: "small all-quotes" }, ` ${T.allQuotes}`) : null),
      g.quotes.slice(0, 3).map(quoteBlock),
      g.quotes.length > 3 ? el("details", {}, el("summary", {}, `${T.more} (${g.quotes.length - 3})`), g.quotes.slice(3).map(quoteBlock)) : null)))
    : null;

  return { page: "event", title: ev.title || T.untitled, nodes: [el("h1", {}, ev.title || T.untitled),
    el("div", { class: "meta" }, el("span", {}, T.date + ": ", ltr(ev.date)),
      ev.story ? el("span", {}, `${T.story}: `, el("a", { href: storyHref(ev.story), id: "story-link" }, ev.story_title || T.story)) : null,
      el("span", {}, `${T.sources}: `, ltr(String(docs.length)), nCopies ? ` (+${nCopies} ${T.copiesN})` : null)),
    summaryBlock(ev.summary), el("h2", {}, T.sources), sources, coverage, facts, quotes, actionsTable(ev.actions),
    await mapFor(ev.map, T.map)] };
}

function actionsTable(actions, id) {
  if (!actions || !actions.length) return null;
  const head = el("tr", {}, [T.who, T.did, T.whom, T.date, T.mode, T.count, ""].map((h) => el("th", {}, h)));
  const rows = actions.map((a) => {
    const m = a.mentions[0];
    const actor = (key, name, sector) => key
      ? [el("a", { href: entHref(key) }, name || key), sector ? el("span", { class: "muted small" }, ` (${sector})`) : null]
      : (key === null && a.type ? T.unknownActor : T.none);
    return el("tr", {},
      el("td", {}, actor(a.source, a.source_name, a.source_sector_ar)),
      el("td", {}, a.negated ? el("span", { class: "neg" }, T.negated + " ") : null, a.type_ar || "", " ",
        code(`${a.type}${a.cameo ? " " + a.cameo : ""}`)),
      el("td", {}, a.target ? actor(a.target, a.target_name, a.target_sector_ar) : T.none),
      el("td", {}, ltr(a.date)),
      el("td", {}, a.mode_ar || code(a.mode) || "", a.place ? [" · ", a.place_ar || ltr(a.place)] : null, a.killed ? ` · ${T.killed}: ${a.killed}` : null,
        !a.mode && !a.place && !a.killed ? T.none : null),
      el("td", {}, ltr(String(a.sources))),
      el("td", {}, m ? el("a", { href: docHref(m.doc, m.start, m.end) }, T.read) : null));
  });
  return el("section", {}, el("h2", {}, T.actions), wrapTable(el("table", { id: id || "actions" }, el("thead", {}, head), el("tbody", {}, rows))));
}

// ---- stories --------------------------------------------------------------------------------
async function viewStories(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/stories?limit=50&offset=${offset}`);
  return { page: "stories", title: T.stories, nodes: [el("h1", {}, `${T.stories} (`, ltr(String(page.total)), ")"),
    page.items.length ? el("ul", { class: "list", id: "stories" }, page.items.map((s) => el("li", { class: "card" },
      el("h3", {}, el("a", { href: storyHref(s.id) }, s.title || T.story)),
      el("div", { class: "meta" }, el("span", {}, `${T.events}: `, ltr(String(s.events.length))),
        el("span", {}, `${T.articles}: `, ltr(String(s.docs.length))))))) : el("p", { class: "muted" }, T.noEvents),
    pager(page, (o) => hashWith("#/stories", params, { offset: o }))] };
}

async function viewStory(id) {
  const st = await api(`/api/stories/${enc(id)}`);
  const evs = await api(`/api/events?story=${enc(id)}&sort=oldest&limit=200`);
  const dated = evs.items.filter((e) => e.date), undated = evs.items.filter((e) => !e.date);
  const steps = [];
  let prev = null;
  for (const ev of dated) {
    const d = ev.date.slice(0, 10);
    if (prev) {
      const gap = dayDiff(prev, d);
      if (gap > 0) steps.push(el("li", { class: "st-gap muted small" }, `${T.after} `, ltr(String(gap)), ` ${gap === 1 ? T.day : T.days}`));
    }
    prev = d;
    steps.push(storyStep(ev, d));
  }
  for (const ev of undated) steps.push(storyStep(ev, null));
  const first = dated.length ? dated[0].date.slice(0, 10) : null, last = dated.length ? dated[dated.length - 1].date.slice(0, 10) : null;
  return { page: "story", title: st.title || T.story, nodes: [el("h1", {}, st.title || T.story),
    el("div", { class: "meta" }, el("span", {}, `${T.events}: `, ltr(String(st.events.length))),
      el("span", {}, `${T.articles}: `, ltr(String(st.docs.length))),
      first ? el("span", {}, `${T.period}: `, ltr(first), first === last ? null : [" ← ", ltr(last)]) : null,
      el("a", { href: `#/events?story=${enc(st.id)}` }, T.allEvents)),
    el("h2", {}, T.storyEvents),
    el("ol", { class: "story-timeline", id: "story-timeline" }, steps),
    evs.next ? el("p", {}, el("a", { href: `#/events?story=${enc(st.id)}&sort=oldest&offset=200` }, T.more)) : null,
    await mapFor(st.map, T.map)] };
}

function storyStep(ev, day) {
  return el("li", { class: "st-event" },
    el("div", { class: "st-date" }, day ? ltr(day) : T.undated),
    el("div", { class: "st-body card" },
      el("a", { href: evHref(ev.id) }, ev.title || T.untitled),
      el("div", { class: "meta small" }, el("span", {}, `${T.outletsN}: `, ltr(String(ev.source_count ?? ev.sources.length))),
        ev.sources.length ? el("span", {}, ev.sources.slice(0, 4).join("، ")) : null)));
}

// ---- entities -----------------------------------------------------------------------------
async function viewEntities(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/entities?limit=50&offset=${offset}`);
  const rows = page.items.map((e) => el("tr", {},
    el("td", {}, el("a", { href: entHref(e.id) }, e.name_ar || e.name)), el("td", {}, e.name && e.name !== e.name_ar ? ltr(e.name) : null),
    el("td", {}, entityType(e.type)), el("td", {}, ltr(String(e.mention_count))), el("td", {}, ltr(String(e.doc_count)))));
  return { page: "entities", title: T.entities, nodes: [el("h1", {}, `${T.entities} (`, ltr(String(page.total)), ")"),
    wrapTable(el("table", { id: "entities" }, el("thead", {}, el("tr", {}, [T.entity, "", T.type, T.mentions, T.articles].map((h) => el("th", {}, h)))), el("tbody", {}, rows))),
    pager(page, (o) => hashWith("#/entities", params, { offset: o }))] };
}

function networkChart(net) {
  if (!net || net.nodes.length < 2) return null;
  const W = Math.min(720, contentWidth()), narrow = W < 500;
  const nodes = net.nodes.slice(0, narrow ? 9 : 13);
  const keep = new Set(nodes.map((n) => n.id));
  const H = narrow ? Math.round(W * 0.95) : 440, cx = W / 2, cy = H / 2;
  const R = Math.max(60, Math.min(W / 2 - (narrow ? 80 : 120), H / 2 - 40));
  const maxChars = narrow ? 12 : 22;
  const short = (s) => (s.length > maxChars ? s.slice(0, maxChars - 1) + "…" : s);
  const pos = new Map();
  pos.set(nodes[0].id, [cx, cy]);
  const others = nodes.slice(1);
  others.forEach((n, i) => {
    const a = (2 * Math.PI * i) / others.length - Math.PI / 2;
    pos.set(n.id, [cx + R * Math.cos(a), cy + R * Math.sin(a)]);
  });
  // Labels sit outward from the centre; the page is right-to-left, so text-anchor "start" is a
  // label's right edge (used left of the centre) and "end" its left edge (right of the centre).
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": T.network });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9,
    markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }));
  defs.appendChild(marker); s.appendChild(defs);
  for (const e of net.edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const attrs = { x1, y1, x2, y2, "stroke-width": Math.min(6, 1 + (e.actions || 0) + (e.together || 0) / 3) };
    if (e.actions) { attrs.class = "acts"; attrs["marker-end"] = "url(#arrow)"; }
    const l = svg("line", attrs);
    if (e.types && e.types.length) l.appendChild(svg("title", {}, e.types.join("، ")));
    s.appendChild(l);
  }
  nodes.forEach((n, i) => {
    const [x, y] = pos.get(n.id);
    const a = svg("a", { href: entHref(n.id) });
    a.appendChild(svg("circle", { cx: x, cy: y, r: i === 0 ? 14 : 9, class: i === 0 ? "center" : "" }));
    let tx = x, ty = y + 26, anchor = "middle";
    if (i > 0) {
      const dx = x - cx, dy = y - cy;
      if (Math.abs(dx) > R * 0.3) { anchor = dx > 0 ? "end" : "start"; tx = x + (dx > 0 ? 13 : -13); ty = y + 5; } else { ty = dy < 0 ? y - 14 : y + 24; }
    }
    const t = svg("text", { x: tx, y: ty, "text-anchor": anchor }, short(n.name || n.id));
    a.appendChild(t);
    a.appendChild(svg("title", {}, n.name || n.id));
    s.appendChild(a);
  });
  return el("section", { class: "network" }, el("h2", {}, T.network), el("div", { class: "chart" }, s));
}

// ---- map -------------------------------------------------------------------------------------
// Country outlines (Natural Earth, bundled: /api/world) under the places an event, story or
// entity names, located by the server from a bundled gazetteer. No tile server: the map is one
// SVG in an equirectangular projection fitted to the places (cos of the middle latitude keeps
// shapes true near it). Countries named are outlined; other places are dots sized by mentions.
let worldPromise = null;
function worldOutlines() {
  if (!worldPromise) {
    worldPromise = api("/api/world").then((w) => {
      const out = [];
      for (const [code, c] of Object.entries(w.countries)) {
        const rings = c.rings.map((flat) => {
          const pts = [];
          let x = 0, y = 0;
          for (let i = 0; i < flat.length; i += 2) { x += flat[i]; y += flat[i + 1]; pts.push([x * w.step, y * w.step]); }
          return pts;
        });
        out.push({ code, box: c.box, label: c.label, rings });
      }
      return out;
    }).catch((e) => { worldPromise = null; throw e; });
  }
  return worldPromise;
}

function mapChart(map, world, title) {
  const places = (map && map.places) || [];
  if (!places.length || !world) return null;
  const W = Math.min(720, contentWidth()), narrow = W < 500;
  // The view fits the dots (where things happened) when there are any, else the countries named:
  // a country named in passing fills in if it is in view but does not widen the map.
  const focus = places.some((p) => p.kind === "place") ? places.filter((p) => p.kind === "place") : places;
  let [x0, x1] = [Math.min(...focus.map((p) => p.lon)), Math.max(...focus.map((p) => p.lon))];
  let [y0, y1] = [Math.min(...focus.map((p) => p.lat)), Math.max(...focus.map((p) => p.lat))];
  const padX = Math.max(3, (x1 - x0) * 0.15), padY = Math.max(2, (y1 - y0) * 0.15);
  x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  // keep the map between 1:2 and 1:1 (height to width) by widening the shorter side
  let w = (x1 - x0) * k, h = y1 - y0;
  if (h < w * 0.5) { const d = (w * 0.5 - h) / 2; y0 -= d; y1 += d; h = y1 - y0; }
  if (h > w) { const d = (h / k - (x1 - x0)) / 2; x0 -= d; x1 += d; w = (x1 - x0) * k; }
  y0 = Math.max(-85, y0); y1 = Math.min(85, y1); h = y1 - y0;
  const scale = W / w, H = Math.round(h * scale);
  const px = (lon) => ((lon - x0) * k * scale).toFixed(1), py = (lat) => ((y1 - lat) * scale).toFixed(1);
  const named = new Set(places.filter((p) => p.kind === "country").map((p) => p.country));
  const holding = new Set(places.map((p) => p.country).filter(Boolean));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": title });
  s.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const c of world) {
    if (c.box[2] < x0 || c.box[0] > x1 || c.box[3] < y0 || c.box[1] > y1) continue;
    const d = c.rings.map((r) => "M" + r.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join("L") + "Z").join("");
    s.appendChild(svg("path", { d, class: named.has(c.code) ? "land named" : holding.has(c.code) ? "land holds" : "land" }));
  }
  const top = Math.max(...places.map((p) => p.mentions));
  const maxChars = narrow ? 12 : 20;
  const short = (t) => (t.length > maxChars ? t.slice(0, maxChars - 1) + "…" : t);
  // Labels, most mentioned first, each only where it overlaps no label already placed. The page
  // is right-to-left: a dot's label ends just right of the dot and runs leftwards ("start").
  const boxes = [], label = new Map();
  for (const p of places) {
    const x = +px(p.lon), y = +py(p.lat), text = short(p.name_ar), w = text.length * 7 + 4;
    const b = p.kind === "place" ? [x - 8 - w, y - 10, x - 8, y + 5] : [x - w / 2, y - 10, x + w / 2, y + 5];
    if (b[0] < 0 || b[2] > W || b[1] < 0 || b[3] > H) continue;
    if (boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])) continue;
    boxes.push(b);
    label.set(p.entity, text);
  }
  // countries first, dots on top; the most mentioned drawn last so they stay visible
  for (const p of [...places].reverse()) {
    const a = svg("a", { href: entHref(p.entity), class: "place " + (p.kind === "place" ? "dot" : "country") });
    const x = +px(p.lon), y = +py(p.lat);
    if (p.kind === "place") a.appendChild(svg("circle", { cx: x, cy: y, r: (4 + 6 * Math.sqrt(p.mentions / top)).toFixed(1) }));
    if (label.has(p.entity)) a.appendChild(svg("text", { x: p.kind === "place" ? x - 8 : x, y: y + 4, "text-anchor": p.kind === "place" ? "start" : "middle" }, label.get(p.entity)));
    a.appendChild(svg("title", {}, `${p.name_ar} — ${T.mentions}: ${p.mentions}`));
    s.appendChild(a);
  }
  // known places without a location, and names met more than once (a single unknown "place" is
  // often a tagger's mistake, still listed by the API)
  const unplaced = (map.unplaced || []).filter((p) => p.entity.startsWith("kb:") || p.mentions > 1).map((p) => p.name_ar);
  return el("section", { class: "map", id: "map" }, el("h2", {}, title),
    el("div", { class: "chart" }, s),
    el("p", { class: "muted small" }, T.mapNote, unplaced.length ? [" ", T.unplaced, ": ", unplaced.slice(0, 12).join("، ")] : null));
}

async function mapFor(map, title) {
  if (!map || !map.places || !map.places.length) return null;
  try { return mapChart(map, await worldOutlines(), title); } catch (e) { return null; }
}

async function viewEntity(id) {
  const e = await api(`/api/entities/${enc(id)}`);
  const evs = await api(`/api/events?entity=${enc(e.id)}&limit=10`);
  const quotes = e.quotes.length ? el("section", { id: "entity-quotes" }, el("h2", {}, `${T.quotesIn} (`, ltr(String(e.quotes.length)), ")"),
    e.quotes.slice(0, 5).map((q) => el("blockquote", { class: q.direct ? "direct" : "indirect" }, el("div", {}, q.text),
      el("div", { class: "meta small" }, outletLink(q.doc_source), when(q.doc_published), el("a", { href: docHref(q.doc, q.start, q.end) }, T.read)))),
    el("p", {}, el("a", { href: `#/quotes?speaker=${enc(e.id)}`, id: "quotes-link" }, `${T.allQuotes} (${e.quotes.length})`))) : null;
  const events = evs.items.length ? el("section", { id: "entity-events" }, el("h2", {}, `${T.eventsOf} «${e.name_ar || e.name}» (`, ltr(String(evs.total)), ")"),
    el("ul", { class: "list" }, evs.items.map(eventItem)),
    evs.total > evs.items.length ? el("p", {}, el("a", { href: `#/events?entity=${enc(e.id)}` }, T.allEvents)) : null) : null;
  const mentions = el("section", {}, el("h2", {}, `${T.mentions} (`, ltr(String(e.mention_count)), ")"),
    el("div", {}, e.mentions.slice(0, 60).map((m) => el("a", { class: "chip", href: docHref(m.doc, m.start, m.end) }, m.text))));
  // each role with the first and last day an article gives it: who held what, when
  const rt = e.roles_over_time || [];
  const roles = rt.length ? [el("h2", {}, T.roles), wrapTable(el("table", { id: "roles" },
    el("thead", {}, el("tr", {}, [T.role, T.firstSeen, T.lastSeen, T.mentions].map((h) => el("th", {}, h)))),
    el("tbody", {}, rt.map((r) => el("tr", {}, el("td", {}, r.role_ar || "", " ", code(r.role)),
      el("td", {}, r.first ? ltr(r.first) : T.none), el("td", {}, r.last ? ltr(r.last) : T.none),
      el("td", {}, ltr(String(r.mentions))))))))] : null;
  const name = e.name_ar || e.name;
  return { page: "entity", title: name, nodes: [el("h1", {}, name),
    el("div", { class: "meta" }, e.name && e.name !== name ? ltr(e.name) : null, el("span", {}, `${T.type}: `, entityType(e.type)),
      e.country ? el("span", {}, `${T.country}: ${e.country_ar || ""} `, code(e.country)) : null, code(e.id)),
    el("h2", {}, T.aliases), el("div", {}, e.aliases.map((a) => el("span", { class: "chip" }, a))),
    roles, events, quotes, networkChart(e.network), await mapFor(e.map, T.map), actionsTable(e.actions), mentions] };
}

// ---- outlets ------------------------------------------------------------------------------
async function viewOutlets(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/sources?limit=50&offset=${offset}`);
  return { page: "outlets", title: T.outlets, nodes: [el("h1", {}, `${T.outlets} (`, ltr(String(page.total)), ")"),
    page.items.length ? el("ul", { class: "list cols", id: "outlets" }, page.items.map((s) => el("li", { class: "card" },
      el("a", { href: outletHref(s.source) }, s.source), " ", el("span", { class: "muted small" }, `${T.articles}: `, ltr(String(s.documents)))))) : el("p", { class: "muted" }, T.noEvents),
    pager(page, (o) => hashWith("#/outlets", params, { offset: o }))] };
}

async function viewOutlet(name, params) {
  const offset = +params.get("offset") || 0;
  const [o, docs] = await Promise.all([api(`/api/sources/${enc(name)}`), api(`/api/documents?source=${enc(name)}&limit=20&offset=${offset}`)]);
  const k = o.known || {};
  const stat = (label, ...value) => el("div", { class: "stat card" }, el("div", { class: "stat-value" }, value), el("div", { class: "muted small" }, label));
  const pct = o.shared_events ? Math.round((100 * o.first_in) / o.shared_events) : null;
  const stats = el("div", { class: "stats", id: "outlet-stats" },
    stat(T.articles, ltr(String(o.documents))), stat(T.eventsCount, ltr(String(o.events))),
    stat(`${T.firstIn} ${T.ofShared}`, ltr(`${o.first_in} / ${o.shared_events}`), pct !== null ? el("span", { class: "small muted" }, " (", ltr(`${pct}%`), ")") : null),
    o.first_published ? stat(T.period, ltr(o.first_published.slice(0, 10)), o.last_published && o.last_published.slice(0, 10) !== o.first_published.slice(0, 10)
      ? [" ← ", ltr(o.last_published.slice(0, 10))] : null) : null);
  const covers = el("section", { id: "outlet-covers" }, el("h2", {}, T.covers),
    o.entities.length ? el("div", {}, o.entities.map((x) => el("a", { class: "chip", href: entHref(x.id) }, x.name, " ", el("span", { class: "muted small" }, ltr(String(x.documents)))))) : null,
    o.stories.length ? [el("h3", {}, T.storiesOf), el("ul", {}, o.stories.map((s) => el("li", {}, el("a", { href: storyHref(s.id) }, s.title || T.story), " ", el("span", { class: "muted small" }, "(", ltr(String(s.events)), ` ${T.eventsN})`))))] : null);
  const recent = o.recent_events.length ? el("section", {}, el("h2", {}, T.recentEvents),
    el("ul", { class: "list", id: "outlet-events" }, o.recent_events.map((e) => el("li", { class: "card" },
      el("a", { href: evHref(e.id) }, e.title || T.untitled), el("div", { class: "meta small" }, ltr(e.date), el("span", {}, `${T.outletsN}: `, ltr(String(e.sources))),
        e.first ? el("span", { class: "badge" }, T.first) : null))))) : null;
  const disagree = o.disagreements.length ? el("section", { id: "outlet-disagree" }, el("h2", {}, T.disagree, " (", ltr(String(o.disagreement_count)), ")"),
    wrapTable(el("table", {}, el("thead", {}, el("tr", {}, [T.event, T.what, T.its, T.others].map((h) => el("th", {}, h)))),
      el("tbody", {}, o.disagreements.map((x) => el("tr", { class: "conflict" },
        el("td", {}, el("a", { href: evHref(x.event) }, x.title || T.untitled)), el("td", {}, x.what_ar),
        el("td", {}, x.ref ? el("a", { href: docHref(x.doc, x.ref[0], x.ref[1]) }, x.text) : x.text),
        el("td", {}, x.others.map((y, i) => [i ? "؛ " : null, `${y.source || T.unknownSource}: `,
          y.ref ? el("a", { href: docHref(y.doc, y.ref[0], y.ref[1]) }, y.text) : y.text])))))))) : null;
  const articles = el("section", { id: "outlet-docs" }, el("h2", {}, `${T.ofOutlet} ${o.name} (`, ltr(String(docs.total)), ")"),
    el("ul", { class: "list" }, docs.items.map((d) => el("li", { class: "card" },
      el("a", { href: docHref(d.id) }, docLabel(d)),
      el("div", { class: "meta" }, when(d.published), d.event ? el("a", { href: evHref(d.event) }, T.event) : null)))),
    pager(docs, (off) => hashWith(outletHref(name), params, { offset: off })));
  return { page: "outlet", title: o.name, nodes: [el("h1", {}, o.name),
    el("div", { class: "meta" }, k.name_latin ? ltr(k.name_latin) : null,
      k.country ? el("span", {}, `${T.country}: ${k.country_ar || ""} `, code(k.country)) : null,
      k.type ? el("span", {}, `${T.type}: ${OUTLET_TYPES[k.type] || ""} `, code(k.type)) : null,
      k.domains && k.domains.length ? el("span", {}, `${T.domains}: `, k.domains.map((d) => code(d))) : null,
      o.names.length > 1 ? el("span", {}, `${T.alsoNamed}: ${o.names.filter((n) => n !== o.name).join("، ")}`) : null),
    stats, covers, recent, disagree, articles] };
}

// ---- quotes and actions ---------------------------------------------------------------------
async function viewQuotes(_arg, params) {
  const speaker = params.get("speaker") || "", offset = +params.get("offset") || 0;
  const q = new URLSearchParams({ limit: 50, offset });
  if (speaker) q.set("speaker", speaker);
  const page = await api("/api/quotes?" + q);
  // a speaker given by id (a link from an entity) shows as their name once found
  const shown = speaker.includes(":") && page.items.length ? page.items[0].speaker_name || speaker : speaker;
  const input = el("input", { type: "text", name: "speaker", id: "speaker", value: shown, size: 20 });
  const form = el("form", { class: "filters", id: "quote-filters", onsubmit: (ev) => {
    ev.preventDefault(); location.hash = hashWith("#/quotes", {}, { speaker: input.value.trim() });
  } }, el("label", {}, T.speaker, input), el("button", { type: "submit" }, T.apply),
  speaker ? el("a", { href: "#/quotes", class: "clear" }, T.clear) : null);
  const who = speaker && page.items.length ? page.items[0].speaker_name || speaker : speaker;
  const heading = who ? `${T.quotesOf} ${who}` : T.allQuotesTitle;
  const items = page.items.map((x) => el("li", { class: "card quote" },
    el("blockquote", { class: x.direct ? "direct" : "indirect" }, x.text),
    el("div", { class: "meta small" },
      x.speaker ? el("a", { href: entHref(x.speaker) }, x.speaker_name || x.speaker_text || x.speaker) : el("span", {}, x.speaker_text || T.none),
      outletLink(x.doc_source), when(x.doc_published), el("span", {}, x.direct ? T.direct : T.indirect),
      el("a", { href: docHref(x.doc, x.start, x.end), class: "evidence" }, T.read))));
  return { page: "quotes", title: heading, nodes: [el("h1", {}, heading, " (", ltr(String(page.total)), ")"), form,
    items.length ? el("ul", { class: "list", id: "quote-list" }, items) : el("p", { class: "muted" }, T.noQuotes),
    pager(page, (o) => hashWith("#/quotes", params, { offset: o }))] };
}

async function viewActions(_arg, params) {
  const type = params.get("type") || "", entity = params.get("entity") || "", offset = +params.get("offset") || 0;
  const q = new URLSearchParams({ limit: 50, offset });
  if (type) q.set("type", type);
  if (entity) q.set("entity", entity);
  const [types, page] = await Promise.all([api("/api/action-types"), api("/api/actions?" + q)]);
  const sel = el("select", { name: "type", id: "a-type" }, el("option", { value: "" }, T.allTypes),
    types.items.map((t) => el("option", { value: t.type, selected: t.type === type ? "selected" : null }, `${t.type_ar || t.type} (${t.mentions})`)));
  const actor = el("input", { type: "text", name: "entity", id: "a-entity", value: entity, size: 18 });
  const form = el("form", { class: "filters", id: "action-filters", onsubmit: (ev) => {
    ev.preventDefault(); location.hash = hashWith("#/actions", {}, { type: sel.value, entity: actor.value.trim() });
  } }, el("label", {}, T.actionType, sel), el("label", {}, T.actor, actor), el("button", { type: "submit" }, T.apply),
  type || entity ? el("a", { href: "#/actions", class: "clear" }, T.clear) : null);
  const tl = types.items.find((t) => t.type === type);
  const title = tl ? `${T.actions}: ${tl.type_ar || tl.type}` : T.actions;
  return { page: "actions", title, nodes: [el("h1", {}, title, " (", ltr(String(page.total)), ")"), form,
    page.items.length ? actionsTable(page.items, "action-list") : el("p", { class: "muted" }, T.noActions),
    pager(page, (o) => hashWith("#/actions", params, { offset: o }))] };
}

// ---- documents ----------------------------------------------------------------------------
async function viewDocuments(_arg, params) {
  const offset = +params.get("offset") || 0;
  const page = await api(`/api/documents?limit=50&offset=${offset}`);
  return { page: "documents", title: T.articles, nodes: [el("h1", {}, `${T.articles} (`, ltr(String(page.total)), ")"),
    el("ul", { class: "list", id: "documents" }, page.items.map((d) => el("li", { class: "card" },
      el("a", { href: docHref(d.id) }, docLabel(d)),
      el("div", { class: "meta" }, outletLink(d.source), when(d.published),
        d.event ? el("a", { href: evHref(d.event) }, T.event) : null)))),
    pager(page, (o) => hashWith("#/documents", params, { offset: o }))] };
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
    box.appendChild(el("span", { class: "removed", title: T.removed }, text.slice(Math.max(a, bodyEnd), b)));
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

function docTitle(d) {
  if (d.title) return d.title;
  const first = d.sentences.length ? d.text.slice(d.sentences[0].start, d.sentences[0].end) : d.text;
  const t = first.trim().replace(/\s+/g, " ");
  return t.length > 90 ? t.slice(0, 89) + "…" : t || docLabel(d);
}

async function viewDoc(id, params) {
  const d = await api(`/api/documents/${enc(id)}`);
  const s = parseInt(params.get("s"), 10), e = parseInt(params.get("e"), 10);
  const item = (label, list, fn) => list.length ? [el("h3", {}, `${label} (${list.length})`), el("ul", { class: "small" }, list.map(fn))] : null;
  const link = (x, text) => el("a", { href: docHref(d.id, x.start, x.end) }, text);
  const what = d.what_ar || {};
  const side = el("aside", {},
    item(T.quotesIn, d.quotes, (q) => el("li", {}, link(q, (q.speaker_name || q.speaker_text || "?") + ": " + q.text.slice(0, 80)))),
    item(T.factsIn, d.facts, (f) => el("li", {}, link(f, f.text), ` — ${what[f.what] || ""}`)),
    item(T.timesIn, d.times, (t) => el("li", {}, link(t, t.text), " ", ltr(t.value))),
    item(T.actions, d.actions, (a) => el("li", {}, link(a.mentions.find((m) => m.doc === d.id) || a.mentions[0], `${a.source_name || a.source || T.unknownActor} ← ${a.type_ar || ""} ← ${a.target_name || a.target || T.none}`))),
    item(T.mentions, d.mentions.filter((m) => m.entity), (m) => el("li", {}, link(m, m.text), " ", el("a", { href: entHref(m.entity), class: "muted" }, d.entity_names[m.entity] || m.entity))));
  const title = docTitle(d);
  return { page: "doc", title, nodes: [el("h1", {}, title),
    el("div", { class: "meta" }, outletLink(d.source), el("span", {}, T.published + ": ", when(d.published),
      d.published_how === "url" || d.published_how === "page"
        ? el("span", { class: "muted small" }, " " + (d.published_how === "url" ? T.fromUrl : T.fromPage)) : null),
      d.url ? el("a", { href: /^https?:\/\//i.test(d.url) ? d.url : null, rel: "noopener noreferrer", class: "ltr url", dir: "ltr" }, d.url) : null,
      d.event ? el("a", { href: evHref(d.event), id: "doc-event" }, T.event) : null),
    el("div", { class: "grid2" }, docText(d, s, e), side)],
  after: () => { const hl = document.getElementById("hl"); if (hl) hl.scrollIntoView({ block: "center" }); } };
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
    el("label", { class: "grow" }, T.search, input), el("label", {}, T.since, sinceI), el("label", {}, T.until, untilI),
    el("label", {}, T.source, sourceI), el("button", { type: "submit" }, T.searchBtn));
  const tabs = el("div", { class: "tabs" }, Object.entries(T.kinds).map(([k, label]) =>
    el("a", { href: "#", class: k === kind ? "active" : "", onclick: (ev) => { ev.preventDefault(); go(k, 0); } }, label)));
  if (!q.trim()) return { page: "search", title: T.search, nodes: [el("h1", {}, T.search), form, tabs], after: () => input.focus() };
  const p = new URLSearchParams({ q, kind, limit: 20, offset });
  if (since) p.set("since", since);
  if (until) p.set("until", until);
  if (source) p.set("source", source);
  const res = await api("/api/search?" + p.toString());
  const hits = res.items.map((h) => {
    if (h.kind === "document") {
      const sn = h.snippet, m0 = sn.marks[0];
      return el("li", { class: "card hit" },
        el("a", { href: docHref(h.doc, m0 ? sn.start + m0[0] : undefined, m0 ? sn.start + m0[1] : undefined) }, h.title ? marked(h.title, h.title_marks) : docLabel(h)),
        el("div", { class: "meta" }, outletLink(h.source), when(h.published)),
        el("p", { class: "snippet" }, marked(sn.text, sn.marks)));
    }
    if (h.kind === "quote") {
      return el("li", { class: "card hit" }, el("blockquote", {}, marked(h.text, h.snippet.marks)),
        el("div", { class: "meta" }, h.speaker ? el("a", { href: entHref(h.speaker) }, h.speaker_text || h.speaker) : el("span", {}, h.speaker_text || "?"),
          when(h.published), el("a", { href: docHref(h.doc, h.start, h.end) }, T.read)));
    }
    return el("li", { class: "card hit" }, el("a", { href: entHref(h.id) }, h.name_ar || h.name),
      el("div", { class: "meta" }, el("span", {}, entityType(h.type)), el("span", {}, h.aliases.join("، "))));
  });
  return { page: "search", title: `${T.search}: ${q}`, nodes: [el("h1", {}, T.search), form, tabs,
    el("p", { class: "muted", id: "hit-count" }, res.total_is === "at_least" ? `${T.atLeast} ` : res.total_is === "about" ? `${T.about} ` : "",
      ltr(String(res.total)), ` ${T.hits}`, res.order === "newest" ? ` (${T.newestFirst})` : ""),
    hits.length ? el("ul", { class: "list", id: "hits" }, hits) : el("p", {}, T.noHits),
    pager(res, (o) => hashWith("#/search", params, { offset: o }))] };
}

// ---- upload -------------------------------------------------------------------------------
// Writes carry the server's token: a page opened on the server's own machine finds it in a
// <meta> tag; elsewhere the user types it once per tab (sessionStorage, never sent to other sites).
const meta = (name) => { const m = document.querySelector(`meta[name="${name}"]`); return m ? m.getAttribute("content") : null; };

async function viewUpload() {
  if (meta("marsad-read-only")) return { page: "upload", title: T.upload, nodes: [el("h1", {}, T.upload), el("p", { id: "read-only" }, T.readOnly)] };
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
      status.replaceChildren(T.failed + ": ", code(e.message));
    } finally { button.disabled = false; }
  } },
  el("h2", {}, T.paste), text,
  el("div", { class: "search" }, el("label", {}, T.title, title), el("label", {}, T.source, source), el("label", {}, T.published, published)),
  el("h2", {}, T.or, " ", T.fileKinds.map((k, i) => [i ? "، " : null, code(k)])), files, given ? "" : el("p", {}, el("label", {}, [T.token, " ", code("marsad serve"), T.tokenEnd], token)), el("p", {}, button), bar, status);
  return { page: "upload", title: T.upload, nodes: [el("h1", {}, T.upload), form] };
}

async function poll(id, bar, status) {
  for (;;) {
    const job = await api(`/api/jobs/${enc(id)}`);
    if (job.files) { bar.max = job.files; bar.value = Math.min(job.done, job.files); }
    status.textContent = `${T.progress}: ${job.done}` + (job.files ? ` / ${job.files}` : "");
    if (job.state === "done") {
      const s = job.summary;
      bar.value = bar.max;
      const n = (label, v, cls) => el("span", { class: cls }, `${label}: `, ltr(String(v)));
      status.replaceChildren(el("strong", {}, T.done), " — ", n(T.newDocs, s.new, "n-new"), "، ", n(T.updated, s.updated), "، ",
        n(T.unchanged, s.unchanged), "، ", n(T.duplicates, s.duplicates.length), "، ", n(T.rejected, s.rejected.length),
        el("ul", {}, s.rejected.map((x) => el("li", { class: "error" }, `${x.origin}: ${x.reason}`))), el("a", { href: "#/documents" }, T.articles));
      return;
    }
    if (job.state === "error") { status.replaceChildren(T.failed + ": ", code(job.error)); return; }
    await new Promise((r) => setTimeout(r, 400));
  }
}
