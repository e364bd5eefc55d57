// Browser half of `cargo xtask bench`: the Wegwijs search (wasm, the same optimised build
// as the widgets) and MiniSearch on the same data, in the same headless Chromium, same page.
// Prints one JSON object per data set on stdout.
//
// Environment: BENCH_DIR (files made by xtask), BENCH_SETS (comma-separated names).
import { readFileSync } from "node:fs";
import { launch } from "../tests/e2e/support.mjs";

const dir = process.env.BENCH_DIR;
const sets = process.env.BENCH_SETS.split(",");
const root = new URL("../", import.meta.url).pathname;
const ORIGIN = "http://bench.localhost";

const files = {
  "/index.html": ["text/html", '<!doctype html><html lang="en"><title>bench</title></html>'],
  "/minisearch.js": ["text/javascript", `${root}node_modules/minisearch/dist/es/index.js`],
  "/pkg/wegwijs_bench.js": ["text/javascript", `${dir}/pkg/wegwijs_bench.js`],
  "/pkg/wegwijs_bench_bg.wasm": ["application/wasm", `${dir}/pkg/wegwijs_bench_bg.wasm`],
  "/queries.json": ["application/json", `${dir}/queries.json`],
  "/judged.json": ["application/json", `${root}tests/fixtures/judged-queries.json`],
  "/judged-services.json": ["application/json", `${root}tests/fixtures/judged-services.json`],
  "/judged-services-holdout.json": ["application/json", `${root}tests/fixtures/judged-services-holdout.json`],
};
for (const set of sets) {
  files[`/data/${set}.idx`] = ["application/octet-stream", `${dir}/${set}.idx`];
  files[`/data/${set}.docs.json`] = ["application/json", `${dir}/${set}.docs.json`];
}

const browser = await launch();
for (const set of sets) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = files[path];
    if (!file) return route.fulfill({ status: 404, body: "not found" });
    const [type, source] = file;
    return route.fulfill({
      status: 200,
      contentType: type,
      // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
      headers: { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" },
      body: path === "/index.html" ? source : readFileSync(source),
    });
  });
  await page.goto(`${ORIGIN}/index.html`);
  const result = await page.evaluate(async ({ set, rounds }) => {
    const stats = (times) => {
      const sorted = [...times].sort((a, b) => a - b);
      const at = (p) => sorted[Math.round((sorted.length - 1) * p)] * 1000;
      return { p50_us: at(0.5), p95_us: at(0.95), mean_us: (sorted.reduce((a, b) => a + b, 0) / sorted.length) * 1000 };
    };
    const time = (queries, run) => {
      for (const q of queries) run(q); // warm-up
      return queries.map((q) => {
        const started = performance.now();
        for (let i = 0; i < rounds; i++) run(q);
        return (performance.now() - started) / rounds;
      });
    };
    const queries = await (await fetch("/queries.json")).json();

    const { default: init, Bench } = await import("/pkg/wegwijs_bench.js");
    await init({ module_or_path: "/pkg/wegwijs_bench_bg.wasm" });
    const bytes = new Uint8Array(await (await fetch(`/data/${set}.idx`)).arrayBuffer());
    let started = performance.now();
    const bench = new Bench(bytes);
    const loadMs = performance.now() - started;
    const wasm = stats(time(queries, (q) => bench.search(q)));

    const { default: MiniSearch } = await import("/minisearch.js");
    const docs = await (await fetch(`/data/${set}.docs.json`)).json();
    started = performance.now();
    const mini = new MiniSearch({ fields: ["name", "organization", "categories", "description"], storeFields: ["domains", "service_id"] });
    mini.addAll(docs);
    const buildMs = performance.now() - started;
    const options = { prefix: true, fuzzy: 0.2, boost: { name: 3, categories: 2, organization: 1.2 } };
    const minisearch = stats(time(queries, (q) => mini.search(q, options).slice(0, 10)));

    const judged = (await (await fetch("/judged.json")).json()).queries;
    const recall = (topDomains) =>
      judged.reduce((sum, { q, domains }) => {
        const top = topDomains(q).flat();
        return sum + domains.filter((d) => top.includes(d)).length / domains.length;
      }, 0) / judged.length;
    // Both engines' top ten for every judged service-level query; xtask judges them.
    const judgedServices = [];
    for (const file of ["/judged-services.json", "/judged-services-holdout.json"]) {
      judgedServices.push(...(await (await fetch(file)).json()).queries);
    }
    const rankedBy = (top) => Object.fromEntries(judgedServices.map(({ q }) => [q, top(q)]));
    const ranked = set === "demo" ? {
      wegwijs: rankedBy((q) => JSON.parse(bench.top_ids(q, 10))),
      minisearch: rankedBy((q) => mini.search(q, options).slice(0, 10).map((r) => r.service_id)),
    } : undefined;
    return {
      set,
      ranked,
      services: bench.services(),
      index_bytes: bytes.length,
      wasm: { load_ms: loadMs, ...wasm },
      minisearch: { build_ms: buildMs, ...minisearch },
      recall_at_5: {
        wegwijs: recall((q) => JSON.parse(bench.top_domains(q, 5))),
        minisearch: recall((q) => mini.search(q, options).slice(0, 5).map((r) => r.domains)),
      },
      cross_origin_isolated: crossOriginIsolated,
    };
  }, { set, rounds: set === "100k" ? 3 : 20 });
  console.log(JSON.stringify(result));
  await context.close();
}
await browser.close();
