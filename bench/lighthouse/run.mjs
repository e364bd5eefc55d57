// Lighthouse half of `cargo xtask bench`: the mobile preset (simulated slow 4G and a slower
// CPU, as Lighthouse's default) on each widget page of the demo portal, served by
// wegwijs-server with its compression, three runs per page (Lighthouse varies from run to
// run). Prints one JSON object on stdout with the median of each figure:
// { "<page>": { performance, lcp_ms, tbt_ms, cls, transfer_bytes, wegwijs_bytes } }.
//
// Environment: BASE_URL (the running demo portal), CHROMIUM.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const RUNS = 3;
const pages = ["/", "/sociale-kaart.html", "/hulpwijzer.html", "/samenwerkingsscan.html", "/medewerkers.html"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  logLevel: "silent",
});
const results = {};
try {
  for (const path of pages) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measure(path));
    const median = (key) => runs.map((figures) => figures[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    results[path] = Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(key)]));
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results));

async function measure(path) {
  const runner = await lighthouse(new URL(path, process.env.BASE_URL).href, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
  });
  const { audits, categories } = runner.lhr;
  const requests = audits["network-requests"]?.details?.items ?? [];
  return {
    performance: Math.round((categories.performance.score ?? 0) * 100),
    lcp_ms: audits["largest-contentful-paint"].numericValue,
    tbt_ms: audits["total-blocking-time"].numericValue,
    cls: audits["cumulative-layout-shift"].numericValue,
    transfer_bytes: audits["total-byte-weight"].numericValue,
    wegwijs_bytes: requests
      .filter((request) => new URL(request.url).pathname.startsWith("/wegwijs/"))
      .reduce((sum, request) => sum + (request.transferSize ?? 0), 0),
  };
}
