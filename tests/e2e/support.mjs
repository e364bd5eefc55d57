// Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core, the demo
// portal started by `cargo xtask test`, axe-core run inside the widgets' shadow roots.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.WEGWIJS_BASE_URL ?? "http://127.0.0.1:8080/";
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const AXE_SOURCE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, "utf8");

/** Starts headless Chromium the way this machine needs it (see TOOLCHAIN.md). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The absolute URL of a path on the demo portal. */
export function url(path) {
  return new URL(path, BASE_URL).href;
}

/**
 * A new page that records console errors, page errors and CSP violations, so a test can
 * assert that none happened.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
  return page;
}

/** Fails when the page logged errors, other than the ones a test expects. */
export function assertNoProblems(page, expected = []) {
  const unexpected = page.problems.filter(
    (problem) => !expected.some((pattern) => pattern.test(problem)),
  );
  assert.deepEqual(unexpected, [], "the page logged errors");
}

/** The HTML of a page served with the demo portal's headers, for embedding experiments. */
export async function serveTestPage(page, path, body, { csp } = {}) {
  const policy = csp ?? (await portalPolicy(page));
  await page.route(url(path), (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      headers: { "content-security-policy": policy },
      body,
    }),
  );
}

let cachedPolicy;
/** The Content-Security-Policy the portal is served with. */
export async function portalPolicy(page) {
  if (!cachedPolicy) {
    const response = await page.request.get(url("/"));
    cachedPolicy = response.headers()["content-security-policy"];
  }
  return cachedPolicy;
}

/** Runs axe-core on the whole page, shadow roots included; fails on any violation. */
export async function assertAccessible(page, label) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return results.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`),
    }));
  });
  assert.deepEqual(violations, [], `axe-core violations (${label})`);
}

/** Runs axe-core inside one widget's shadow root only; fails on any violation. */
export async function assertWidgetAccessible(page, hostSelector, label) {
  await page.evaluate(AXE_SOURCE);
  const { violations, checked } = await page.evaluate(async (host) => {
    const results = await window.axe.run(
      { include: { fromShadowDom: [host, ".ww-root"] } },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } },
    );
    return {
      checked: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`),
      })),
    };
  }, hostSelector);
  assert.ok(checked > 0, `axe-core checked nothing inside ${hostSelector}`);
  assert.deepEqual(violations, [], `axe-core violations inside ${hostSelector} (${label})`);
}

/** The element focused inside a widget's shadow root, described for assertions. */
export function focusedInWidget(page, hostSelector) {
  return page.evaluate((host) => {
    const element = document.querySelector(host)?.shadowRoot?.activeElement;
    if (!element) return null;
    const style = getComputedStyle(element);
    return {
      tag: element.localName,
      text: element.textContent.trim(),
      href: element.getAttribute("href"),
      outline: style.outlineStyle,
      outlineWidth: style.outlineWidth,
    };
  }, hostSelector);
}

/** The demo data, as the portal serves it. */
export function demoServices() {
  return JSON.parse(readFileSync(`${ROOT}www/data/kaart.json`, "utf8")).contents;
}
