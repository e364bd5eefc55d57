// Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core, the demo
// portal started by `cargo xtask test`, axe-core run inside the widgets' shadow roots.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.WEGWIJS_BASE_URL ?? "http://127.0.0.1:8080/";
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const AXE_SOURCE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, "utf8");

/**
 * Starts Debian's headless Chromium with the flags a machine without internet needs, and
 * with only the test fonts in view (`tests/fonts/fonts.conf`: DejaVu, installed by
 * `cargo xtask setup`), so a page renders the same on every machine.
 */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    env: { ...process.env, FONTCONFIG_FILE: process.env.FONTCONFIG_FILE ?? `${ROOT}tests/fonts/fonts.conf` },
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

/** A bare host page: the Wegwijs script, a heading `title`, then `body`; `head` adds to the head. */
export function hostPage(title, body, head = "") {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title>${head}
     <script type="module" src="/wegwijs/wegwijs.js"></script></head>
     <body><main><h1>${title}</h1>${body}</main></body></html>`;
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
/** The demo services a resident can be sent to (not the inactive or defunct ones). */
export function demoServices() {
  const all = JSON.parse(readFileSync(`${ROOT}www/data/kaart.json`, "utf8")).contents;
  return all.filter((service) => !["inactive", "defunct"].includes(service.status));
}

// ---------------------------------------------------------------------------------------
// Looking at a state as a person would: contrast, phone layout, print, screenshots.
// ---------------------------------------------------------------------------------------

/** Where `cargo xtask shots` wants the screenshots (unset: no screenshots). */
const SHOTS = process.env.WEGWIJS_SHOTS;
/** The widths a state is laid out and looked at in: two phones and a desktop. */
export const WIDTHS = [320, 390, 1280];
/** The widths screenshots are taken at. */
const SHOT_WIDTHS = [390, 1280];

/** A file-name-safe version of a label: "advice, 320 px" → "advice-320-px". */
function slug(text) {
  return text
    .normalize("NFKD")
    .replace(/[^\w]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/** The widget name of a host selector ("wegwijs-hulpwijzer" → "hulpwijzer"); "portal" for a whole page. */
function widgetName(host) {
  return host ? host.replace(/^wegwijs-/, "").replace(/[^\w-].*$/, "") : "portal";
}

/** Waits until layout has settled after a change (two animation frames). */
function settled(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * In-page code shared by the checks below, installed once per page: colour parsing and
 * compositing, the background an element is painted on, contrast ratios, visibility and a
 * walk over the page and every shadow root in it.
 */
function installLookingTools() {
  if (window.__look) return;
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const parentOf = (element) => element.parentElement ?? element.getRootNode()?.host ?? null;
  const opacity = (element) => {
    let value = 1;
    for (let e = element; e; e = parentOf(e)) value *= Number(getComputedStyle(e).opacity);
    return value;
  };
  // The colour behind an element's text: its own and its ancestors' backgrounds, composited
  // from the top down, over the white canvas. `null` when an image or gradient is in the way.
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = parentOf(e)) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") return null;
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    return layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const hiddenVisually = (element) => {
    for (let e = element; e; e = parentOf(e)) {
      const style = getComputedStyle(e);
      if (style.clipPath !== "none" || (style.clip !== "auto" && style.clip !== "")) return true;
      const box = e.getBoundingClientRect();
      if (style.overflow !== "visible" && (box.width <= 1 || box.height <= 1)) return true;
    }
    return false;
  };
  const shown = (element) =>
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    element.getClientRects().length > 0 &&
    !hiddenVisually(element);
  // Every element with text of its own, in the page and in every (nested) shadow root.
  const textElements = (root = document) => {
    const found = [];
    const walk = (node) => {
      for (const child of node.children ?? []) {
        if (child.shadowRoot) walk(child.shadowRoot);
        const hasText = [...child.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const hasValue = ["INPUT", "TEXTAREA", "SELECT"].includes(child.tagName) && child.value?.trim() && child.type !== "hidden";
        if ((hasText || hasValue) && !["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "TITLE"].includes(child.tagName)) found.push(child);
        walk(child);
      }
    };
    walk(root);
    return found;
  };
  const describe = (element) => {
    const path = [];
    for (let e = element; e && path.length < 4; e = parentOf(e)) {
      path.unshift(e.localName + (e.classList.length ? "." + [...e.classList].join(".") : ""));
    }
    const text = (element.value || element.textContent).trim().replace(/\s+/g, " ").slice(0, 50);
    return `${path.join(" > ")} "${text}"`;
  };
  // The contrast of an element's text: measured ratio, the ratio it needs, or why it cannot
  // be computed.
  const contrast = (element) => {
    const style = getComputedStyle(element);
    const svgText = element instanceof SVGElement;
    const fg = parse(svgText ? style.fill : style.color);
    const bg = background(element);
    if (!fg || !bg) return { element, unknown: true };
    const alpha = opacity(element);
    const painted = over({ ...fg, a: fg.a * alpha }, bg);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    return { element, measured: ratio(painted, bg), needed: large ? 3 : 4.5 };
  };
  const disabled = (element) => element.closest(":disabled, [aria-disabled=true]") !== null;
  window.__look = { textElements, shown, contrast, describe, disabled, parentOf, hiddenVisually };
}

/**
 * Contrast of every visible text, button, link and filled-in field on the page (shadow
 * roots included), computed against the background it is painted on. Returns the problems.
 */
function contrastProblems() {
  const { textElements, shown, contrast, describe, disabled } = window.__look;
  const problems = [];
  for (const element of textElements()) {
    if (!shown(element) || disabled(element)) continue;
    const result = contrast(element);
    if (result.unknown) problems.push(`cannot compute the contrast of ${describe(element)}`);
    else if (result.measured + 1e-6 < result.needed)
      problems.push(`${describe(element)}: contrast ${result.measured.toFixed(2)}:1, needs ${result.needed}:1`);
  }
  return problems;
}

/**
 * What a person sees wrong in the layout at this width: the page scrolls sideways, or a word
 * is broken into fragments of one or two letters (a table column or box too narrow for it).
 * Words longer than 40 characters (codes, addresses, hostile padding) may end in a short
 * fragment, but may not be broken letter by letter either.
 */
function layoutProblems() {
  const { shown, describe, parentOf } = window.__look;
  const inside = (outer, inner) => {
    for (let e = inner; e; e = parentOf(e)) if (e === outer) return true;
    return false;
  };
  const problems = [];
  const width = document.scrollingElement.clientWidth;
  const sideways = document.scrollingElement.scrollWidth - width;
  if (sideways > 0) {
    // Name the innermost elements that stick out, so the message says what to fix.
    const out = [];
    const sticksOut = (box) => box.right > width + 0.5 && box.width > 0;
    const range = document.createRange();
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          range.selectNodeContents(child);
          const parent = child.parentElement;
          if (parent && sticksOut(range.getBoundingClientRect()) && !out.some((inner) => inside(parent, inner))) out.push(parent);
          continue;
        }
        if (child.nodeType !== 1) continue;
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
        if (sticksOut(child.getBoundingClientRect()) && !out.some((inner) => inside(child, inner))) out.push(child);
      }
    };
    walk(document.body);
    problems.push(`the page scrolls sideways by ${sideways}px: ${out.slice(0, 3).map(describe).join("; ")}`);
  }
  const letters = (text) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const texts = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        if (child.textContent.trim()) texts.push(child);
      } else if (child.nodeType === 1) {
        if (child.shadowRoot) walk(child.shadowRoot);
        if (!["SCRIPT", "STYLE", "TEMPLATE", "svg"].includes(child.localName)) walk(child);
      }
    }
  };
  walk(document.body);
  const range = document.createRange();
  for (const text of texts) {
    const parent = text.parentElement;
    if (!parent || !shown(parent)) continue;
    range.selectNodeContents(text);
    if (range.getClientRects().length < 2) continue; // on one line: nothing is broken
    const content = text.textContent;
    for (const match of content.matchAll(/\S{3,}/g)) {
      const word = match[0];
      range.setStart(text, match.index);
      range.setEnd(text, match.index + word.length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (new Set(rects.map((r) => Math.round(r.top))).size < 2) continue;
      // Broken over lines: count the letters on each line.
      const lines = new Map();
      for (let i = 0; i < word.length; i++) {
        range.setStart(text, match.index + i);
        range.setEnd(text, match.index + i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) ?? "") + word[i]);
      }
      const fragments = [...lines.values()];
      const short = fragments.map((f, i) => ({ f, last: i === fragments.length - 1 })).filter(({ f }) => letters(f) > 0 && letters(f) <= 2);
      const bad = short.some(({ last }) => !last) || (short.length > 0 && word.length <= 40);
      if (bad) problems.push(`"${word.slice(0, 40)}" is broken as ${fragments.map((f) => f.slice(0, 12)).join(" / ").slice(0, 120)}`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Looks at the current state of a widget the way a person would, and fails on what they
 * would see wrong: axe-core violations inside the widget (an axe "incomplete" contrast result
 * counts as a failure unless the contrast computed here is fine), text contrast computed
 * against the painted background, and at 320, 390 and 1280 px no sideways scroll and no word
 * broken into fragments of one or two letters. With `cargo xtask shots` it also writes
 * screenshots at 390 and 1280 px to `target/shots/<widget>-<state>-<width>.png`.
 * The viewport is restored afterwards. With `host` null it looks at the whole page (axe on
 * the document, shadow roots included).
 */
export async function look(page, host, state) {
  await page.evaluate(installLookingTools);
  const original = page.viewportSize();
  const problems = [];
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: original.height });
      await settled(page);
      for (const problem of await page.evaluate(layoutProblems)) problems.push(`${width} px: ${problem}`);
      if (SHOTS && SHOT_WIDTHS.includes(width)) {
        await page.screenshot({ path: `${SHOTS}/${widgetName(host)}-${slug(state)}-${width}.png`, fullPage: true });
      }
    }
  } finally {
    await page.setViewportSize(original);
    await settled(page);
  }
  problems.push(...(await page.evaluate(contrastProblems)));
  problems.push(...(await axeProblems(page, host)));
  assert.deepEqual(problems, [], `what a person would see wrong in ${host ?? "the page"} (${state})`);
}

/**
 * axe-core inside the widget (or on the whole page when `host` is null): violations, and
 * contrast it could not decide that we cannot either.
 */
async function axeProblems(page, host) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (host) => {
    const results = await window.axe.run(
      host ? { include: { fromShadowDom: [host, ".ww-root"] } } : document,
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations", "incomplete"],
        elementRef: true,
      },
    );
    if (results.passes.length === 0 && results.violations.length === 0) return [`axe-core checked nothing inside ${host ?? "the page"}`];
    const { contrast, describe } = window.__look;
    const problems = results.violations.flatMap((v) =>
      v.nodes.map((n) => `axe ${v.id} (${v.help}): ${JSON.stringify(n.target)} ${n.failureSummary}`),
    );
    for (const item of results.incomplete.filter((i) => i.id === "color-contrast")) {
      for (const node of item.nodes) {
        const result = node.element && contrast(node.element);
        if (!result || result.unknown || result.measured < result.needed) {
          problems.push(`axe could not decide the contrast of ${node.element ? describe(node.element) : JSON.stringify(node.target)}, nor could the test`);
        }
      }
    }
    return problems;
  }, host);
}

/**
 * Prints as the resident would and returns what the printed page shows (`text`, the visible
 * `controls`, and the classes of the visible `charts`): `print` is a function that makes the
 * widget print (a click). `window.print` is replaced so the widget
 * stays in its printing state, print media is emulated, and the visible texts and any
 * visible form controls are collected (shadow roots included), on a page as wide as A4;
 * content that is wider than the paper and would be cut off fails. With `cargo xtask shots`
 * a screenshot of the printed page is written too. Afterwards the widget gets `afterprint`
 * and the screen media back.
 */
export async function printed(page, host, state, print) {
  await page.evaluate(installLookingTools);
  await page.evaluate(() => {
    window.__printCalls = 0;
    window.print = () => {
      window.__printCalls += 1;
    };
  });
  await print();
  await page.waitForFunction(() => window.__printCalls > 0);
  await page.emulateMedia({ media: "print" });
  const original = page.viewportSize();
  try {
    // An A4 page less 1 cm margins on each side, at 96 dpi.
    await page.setViewportSize({ width: 718, height: original.height });
    await settled(page);
    const cut = await page.evaluate(() => {
      // On paper nothing scrolls: content wider than its box is cut off.
      const { shown, describe } = window.__look;
      const found = [];
      const walk = (node) => {
        for (const child of node.children ?? []) {
          if (child.shadowRoot) walk(child.shadowRoot);
          if (child.scrollWidth > child.clientWidth + 1 && getComputedStyle(child).overflowX !== "visible" && shown(child)) found.push(describe(child));
          walk(child);
        }
      };
      walk(document.body);
      const page = document.scrollingElement;
      if (page.scrollWidth > page.clientWidth) found.push(`the page is ${page.scrollWidth - page.clientWidth}px wider than the paper`);
      return found;
    });
    assert.deepEqual(cut, [], `content cut off on paper (${host}, ${state})`);
    const seen = await page.evaluate(() => {
      const { textElements, shown } = window.__look;
      const visible = textElements().filter(shown);
      const texts = visible
        .filter((e) => !["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName))
        .map((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim());
      const controls = [];
      const charts = [];
      const walk = (node) => {
        for (const child of node.children ?? []) {
          if (child.shadowRoot) walk(child.shadowRoot);
          if (["BUTTON", "INPUT", "TEXTAREA", "SELECT"].includes(child.tagName) && shown(child)) {
            controls.push(`${child.localName} ${(child.textContent || child.getAttribute("aria-label") || child.name || "").trim()}`);
          }
          if (child.localName === "svg" && child.getAttribute("role") === "img" && shown(child)) charts.push(child.getAttribute("class") ?? "svg");
          walk(child);
        }
      };
      walk(document);
      return { text: texts.join("\n"), controls, charts };
    });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${widgetName(host)}-${slug(state)}-print.png`, fullPage: true });
    return seen;
  } finally {
    await page.setViewportSize(original);
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await settled(page);
  }
}

/**
 * The page's cumulative layout shift so far (shifts without recent input), with the elements
 * that moved, as Lighthouse counts it.
 */
export async function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        const moved = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            total += entry.value;
            for (const source of entry.sources ?? []) {
              const node = source.node;
              const name = node?.nodeType === 1
                ? `${node.localName}${node.id ? `#${node.id}` : ""}${node.className ? `.${String(node.className).split(" ").join(".")}` : ""}`
                : node?.nodeName ?? "?";
              moved.push(`${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} (${entry.value.toFixed(3)})`);
            }
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve({ total, moved }), 200);
      }),
  );
}
