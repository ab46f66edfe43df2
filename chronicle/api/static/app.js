// The map page of `chronicle serve`: reads the filters from the page's own query string (the form
// submits to itself), asks /events and /events.geojson with them, and draws markers and a table.
// Offline by design: a bundled world outline and a graticule instead of map tiles.
"use strict";

const API_PARAMS = ["country", "since", "until", "type", "acled", "actor", "all", "limit"];
const PALETTES = {
  acled: {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
    "not an ACLED event": "#7f7f7f",
  },
  quad: {
    "verbal cooperation": "#74add1",
    "material cooperation": "#1a9850",
    "verbal conflict": "#fdae61",
    "material conflict": "#d73027",
  },
};
const COUNT_NAMES = ["killed", "injured", "displaced", "arrested", "abducted", "participants"];

function el(tag, attrs, ...children) {
  // Build DOM nodes with textContent only: event text comes from scraped news and is never HTML.
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.dataset[k.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === "") continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function pageParams() {
  // The page's query string → the API's (country "IQ, NG" becomes two country parameters; empty fields dropped).
  const page = new URLSearchParams(window.location.search);
  const api = new URLSearchParams();
  for (const name of API_PARAMS) {
    for (const raw of page.getAll(name)) {
      const parts = name === "country" ? raw.split(",") : [raw];
      for (const p of parts.map((s) => s.trim()).filter(Boolean)) api.append(name, p);
    }
  }
  if (!api.has("limit")) api.set("limit", "1000");
  return { page, api };
}

function fillForm(form, page) {
  // Show the filters in force. Defaults (the HTML attributes) are set, so the form's reset keeps them.
  for (const field of form.elements) {
    if (!field.name) continue;
    const values = page.getAll(field.name).filter(Boolean);
    if (field.type === "checkbox") field.defaultChecked = values.includes(field.value);
    else if (field.options) {
      if (values.length) for (const o of field.options) o.defaultSelected = values.includes(o.value);
    } else if (values.length) field.defaultValue = values.join(", ");
  }
}

function colourKey(rec, by) {
  if (by === "quad") return rec.quad || "material conflict";
  return rec.acled ? rec.acled.event_type : "not an ACLED event";
}

function colour(rec, by) {
  return PALETTES[by][colourKey(rec, by)] || "#333";
}

function dateText(d) {
  if (!d || !d.start) return "";
  return d.end && d.end !== d.start ? `${d.start} – ${d.end} (${d.precision})` : d.start;
}

function placeText(loc) {
  if (!loc) return "";
  const parts = [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null, loc.country].filter(Boolean);
  return parts.join(", ") + (loc.precision && loc.precision !== "place" ? ` (${loc.precision})` : "");
}

function actorsText(rec) {
  const names = (xs) => (xs || []).map((a) => a.name || a.text).join("; ");
  const src = names(rec.source), tgt = names(rec.target);
  return src || tgt ? `${src || "?"} → ${tgt || "?"}` : "";
}

function countText(c) {
  if (c.low !== null && c.high !== null && c.low !== c.high) return `${c.best ?? "?"} (${c.low}–${c.high})`;
  return String(c.best ?? c.low ?? c.high);
}

function countsList(counts) {
  const items = COUNT_NAMES.filter((k) => counts && counts[k])
    .map((k) => el("li", { title: counts[k].text || "" }, `${k} ${countText(counts[k])}`));
  return items.length ? el("ul", { class: "counts" }, items) : "";
}

function sourceCell(rec) {
  const flags = ["negated", "hypothetical", "historical", "future"].filter((f) => rec[f]);
  return [
    el("span", { class: `certainty ${rec.certainty || ""}` }, rec.certainty || ""),
    (rec.attributed_to || []).length ? el("div", {}, "according to ", rec.attributed_to.join("; ")) : "",
    flags.length ? el("div", { class: "flags" }, flags.join(", ")) : "",
  ];
}

function evidenceCell(rec) {
  // Each evidence sentence, with the trigger marked where it falls inside the sentence.
  const t = rec.trigger;
  return (rec.evidence || []).map((span) => {
    const text = span.text || "";
    const a = t ? t.start - span.start : -1, b = t ? t.end - span.start : -1;
    if (a >= 0 && b <= text.length && a < b) {
      return el("q", {}, text.slice(0, a), el("mark", {}, text.slice(a, b)), text.slice(b));
    }
    return el("q", {}, text);
  });
}

function eventLink(rec) {
  const url = new URL(`events/${encodeURIComponent(rec.id)}`, document.baseURI);
  url.searchParams.set("article_id", rec.article_id);
  return url.pathname + url.search;
}

function row(rec, by) {
  return el("tr", { "data-event-id": rec.id, class: rec.location ? "located" : "unlocated" },
    el("td", { class: "date" }, dateText(rec.date)),
    el("td", { class: "type" },
      el("span", { class: "swatch", style: `background:${colour(rec, by)}` }),
      el("strong", {}, rec.type), rec.mode ? ` (${rec.mode})` : "",
      rec.acled ? el("div", { class: "acled" }, `${rec.acled.event_type}: ${rec.acled.sub_event_type}`) : ""),
    el("td", { class: "place" }, placeText(rec.location)),
    el("td", { class: "actors" }, actorsText(rec)),
    el("td", {}, countsList(rec.counts)),
    el("td", { class: "source" }, sourceCell(rec)),
    el("td", { class: "evidence" }, evidenceCell(rec)),
    el("td", {}, el("a", { href: eventLink(rec), class: "json" }, "JSON")));
}

function popup(rec, here) {
  // Markers at one point stack, so the popup of any of them also lists the others there.
  const others = here.filter((r) => r !== rec);
  return el("div", { class: "popup" },
    el("strong", {}, `${rec.type}${rec.mode ? ` (${rec.mode})` : ""}`), " ", dateText(rec.date),
    el("div", {}, placeText(rec.location)),
    el("div", {}, actorsText(rec)),
    countsList(rec.counts),
    el("div", { class: "evidence" }, evidenceCell(rec)),
    el("a", { href: eventLink(rec) }, "JSON"),
    others.length ? el("details", { class: "here" },
      el("summary", {}, `${others.length} more event${others.length === 1 ? "" : "s"} at this point`),
      el("ul", {}, others.slice(0, 50).map((r) =>
        el("li", {}, el("a", { href: eventLink(r) }, `${r.type}${r.mode ? ` (${r.mode})` : ""}`), " ",
          dateText(r.date), " ", actorsText(r))))) : "");
}

function baseMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 20], 2);
  map.attributionControl.addAttribution("Outline: Natural Earth (world-atlas)");
  const grid = [];
  for (let lon = -180; lon <= 180; lon += 30) grid.push([[-85, lon], [85, lon]]);
  for (let lat = -60; lat <= 60; lat += 30) grid.push([[lat, -180], [lat, 180]]);
  L.polyline(grid, { color: "#9bb", weight: 0.6, interactive: false }).addTo(map);
  fetch("static/vendor/world-atlas/countries-110m.json")
    .then((r) => r.json())
    .then((topo) => {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        style: { color: "#888", weight: 0.7, fillColor: "#eee8d8", fillOpacity: 1, className: "country" },
        onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true }),
      }).addTo(map).bringToBack();
    })
    .catch(() => {}); // the graticule alone still places the points
  return map;
}

function legend(map, by, records) {
  const seen = new Map();
  for (const r of records) seen.set(colourKey(r, by), (seen.get(colourKey(r, by)) || 0) + 1);
  const ctl = L.control({ position: "bottomright" });
  ctl.onAdd = () => el("div", { class: "legend", id: "legend" },
    Object.entries(PALETTES[by]).filter(([k]) => seen.has(k)).map(([k, c]) =>
      el("div", {}, el("span", { class: "swatch", style: `background:${c}` }), `${k} (${seen.get(k)})`)));
  ctl.addTo(map);
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : `${url}: HTTP ${r.status}`);
  return body;
}

async function main() {
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const { page, api } = pageParams();
  fillForm(form, page);
  const by = page.get("color") === "quad" ? "quad" : "acled";
  const map = baseMap();
  try {
    const [list, geo] = await Promise.all([getJSON(`events?${api}`), getJSON(`events.geojson?${api}`)]);
    const markers = new Map();
    const layer = L.featureGroup().addTo(map);
    const atPoint = new Map();
    for (const f of geo.features) {
      const key = f.geometry.coordinates.join(",");
      atPoint.set(key, [...(atPoint.get(key) || []), f.properties]);
    }
    for (const f of geo.features) {
      const rec = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const here = atPoint.get(f.geometry.coordinates.join(","));
      const killed = rec.counts && rec.counts.killed ? rec.counts.killed.best || rec.counts.killed.low || 0 : 0;
      const m = L.circleMarker([lat, lon], {
        radius: 5 + 2 * Math.log2(1 + killed), color: "#222", weight: 1, fillColor: colour(rec, by),
        fillOpacity: 0.8, className: "event-marker",
      }).bindPopup(() => popup(rec, here), { maxHeight: 320 }).addTo(layer);
      m.getElement().dataset.eventId = rec.id;
      markers.set(rec.id, m);
    }
    if (markers.size) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 5 });
    const show = (m) => { map.panTo(m.getLatLng()); m.openPopup(); };
    legend(map, by, list.events);
    const body = document.querySelector("#events tbody");
    body.replaceChildren(...list.events.map((rec) => row(rec, by)));
    body.addEventListener("click", (e) => {
      const tr = e.target.closest("tr");
      if (!tr || e.target.closest("a")) return;
      if (markers.has(tr.dataset.eventId)) {
        history.replaceState(null, "", `#event=${encodeURIComponent(tr.dataset.eventId)}`);
        show(markers.get(tr.dataset.eventId));
      }
    });
    const wanted = decodeURIComponent((window.location.hash.match(/^#event=(.+)$/) || [])[1] || "");
    if (markers.has(wanted)) show(markers.get(wanted));
    const limit = Number(api.get("limit"));
    status.textContent = `${list.count} event${list.count === 1 ? "" : "s"}, ${markers.size} on the map` +
      (list.count >= limit ? ` (the first ${limit}: narrow the filters or raise the limit)` : "") +
      (list.count ? "" : " — no event matches these filters");
    document.body.dataset.state = "ready";
  } catch (err) {
    status.textContent = `Could not load events: ${err.message}`;
    status.classList.add("error");
    document.body.dataset.state = "error";
  }
}

main();
