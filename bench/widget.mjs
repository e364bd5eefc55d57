// Widget half of `cargo xtask bench`: the real <wegwijs-sociale-kaart> bundle on an index of
// 10 000 services in headless Chromium. Measures the time until the first results are visible
// and the time from a keystroke to updated results, and the time from "Kaart" to the map drawn
// with all 10 000 services handed to it (the first time with the map's own code loading, then once more).
// Prints one JSON object on stdout.
//
// Environment: BENCH_DIR (with 10k.idx), DEMO_DIR (the built demo portal).
import { readFileSync } from "node:fs";
import { launch } from "../tests/e2e/support.mjs";

const ORIGIN = "http://bench.localhost";
const TAG = "wegwijs-sociale-kaart";
const page_html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bench</title>
<script src="/probe.js"></script><script type="module" src="/wegwijs/wegwijs.js"></script></head>
<body><main><h1>Bench</h1><${TAG} index="/bench/10k.idx" areas="/data/wijken.geojson"></${TAG}></main></body></html>`;
// Records when the widget is mounted (its code loaded and started) and when the first result
// card shows.
const probe = `
window.bench = {};
(function poll() {
  const root = document.querySelector("${TAG}")?.shadowRoot;
  if (root?.querySelector(".ww-root") && window.bench.mounted === undefined) window.bench.mounted = performance.now();
  const card = root?.querySelector(".ww-card");
  if (card) { window.bench.firstResults = performance.now(); } else { requestAnimationFrame(poll); }
})();`;
const files = {
  "/index.html": ["text/html", page_html, true],
  "/probe.js": ["text/javascript", probe, true],
  "/wegwijs/wegwijs.js": ["text/javascript", `${process.env.DEMO_DIR}/wegwijs/wegwijs.js`],
  "/wegwijs/wegwijs-kaart.js": ["text/javascript", `${process.env.DEMO_DIR}/wegwijs/wegwijs-kaart.js`],
  "/wegwijs/wegwijs-kaart_bg.wasm": ["application/wasm", `${process.env.DEMO_DIR}/wegwijs/wegwijs-kaart_bg.wasm`],
  "/wegwijs/wegwijs-plattegrond.js": ["text/javascript", `${process.env.DEMO_DIR}/wegwijs/wegwijs-plattegrond.js`],
  "/wegwijs/wegwijs-plattegrond_bg.wasm": ["application/wasm", `${process.env.DEMO_DIR}/wegwijs/wegwijs-plattegrond_bg.wasm`],
  "/data/wijken.geojson": ["application/geo+json", `${process.env.DEMO_DIR}/data/wijken.geojson`],
  "/bench/10k.idx": ["application/octet-stream", `${process.env.BENCH_DIR}/10k.idx`],
};
const queries = ["schulden", "ik voel me alleen", "huisarts", "voedselbank", "eenzaamheid", "werk zoeken",
  "ik kan mijn huur niet betalen", "taal", "mantelzorg", "vervoer", "rouw", "sport", "opvoeding",
  "drugs", "nederlands leren", "traplift", "buurtkamer", "wijkteam", "maatje", "gratis hulp"];

const browser = await launch();
const runs = [];
for (let run = 0; run < 3; run++) {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const [type, source, inline] = files[new URL(route.request().url()).pathname] ?? [];
    if (!type) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ status: 200, contentType: type, body: inline ? source : readFileSync(source) });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => window.bench.firstResults !== undefined, null, { timeout: 60_000 });
  const startup = await page.evaluate(() => window.bench);
  const typing = await page.evaluate(async ({ tag, queries }) => {
    const root = document.querySelector(tag).shadowRoot;
    const input = root.querySelector("input[role=combobox]");
    const handle = [];
    const toResults = [];
    for (const query of queries) {
      const before = root.querySelector(".ww-count").textContent;
      const cards = root.querySelector(".ww-results").innerHTML;
      const started = performance.now();
      input.value = query;
      input.dispatchEvent(new Event("input"));
      handle.push(performance.now() - started);
      await new Promise((resolve) => {
        (function poll() {
          const changed = root.querySelector(".ww-count").textContent !== before || root.querySelector(".ww-results").innerHTML !== cards;
          if (changed || performance.now() - started > 2000) resolve(); else requestAnimationFrame(poll);
        })();
      });
      toResults.push(performance.now() - started);
    }
    return { handle, toResults };
  }, { tag: TAG, queries });
  // All 10 000 on the map: from "Kaart" to the markers, twice.
  const map = await page.evaluate(async (tag) => {
    const root = document.querySelector(tag).shadowRoot;
    const input = root.querySelector("input[role=combobox]");
    input.value = "";
    input.dispatchEvent(new Event("input"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const button = (text) => [...root.querySelectorAll(".ww-layout-switch button")].find((b) => b.textContent.trim() === text);
    const open = async () => {
      const started = performance.now();
      button("Kaart").click();
      await new Promise((resolve) => {
        (function poll() {
          // The generated services lie all over the country, most outside the demo's
          // neighbourhoods: the map is shown once its outlines are drawn with the data set.
          const map = root.querySelector("wegwijs-plattegrond");
          const drawn = map?.getAttribute("data")?.length > 1000 && map.shadowRoot?.querySelector(".ww-areas path");
          if (drawn || performance.now() - started > 20000) resolve(); else requestAnimationFrame(poll);
        })();
      });
      return performance.now() - started;
    };
    const first = await open();
    button("Lijst").click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { first, again: await open() };
  }, TAG);
  runs.push({ startup, typing, map });
  await page.close();
}
await browser.close();

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * p)];
};
const all = (pick) => runs.flatMap(pick);
console.log(JSON.stringify({
  first_results_ms: percentile(runs.map((r) => r.startup.firstResults), 0.5),
  mounted_to_first_results_ms: percentile(runs.map((r) => r.startup.firstResults - r.startup.mounted), 0.5),
  keystroke_handling_p95_ms: percentile(all((r) => r.typing.handle), 0.95),
  input_to_results_p50_ms: percentile(all((r) => r.typing.toResults), 0.5),
  input_to_results_p95_ms: percentile(all((r) => r.typing.toResults), 0.95),
  map_first_open_ms: percentile(runs.map((r) => r.map.first), 0.5),
  map_open_again_ms: percentile(runs.map((r) => r.map.again), 0.5),
}));
