// Embedding contract: one loader script, each page downloading only the widgets it shows,
// shadow-root isolation, theming through design tokens, strict CSP, SRI on every file, and
// configuration by attributes.
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  ROOT, assertNoProblems, look, demoServices, focusedInWidget, launch,
  hostPage, newPage, serveTestPage, url,
} from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const TWO_WIDGETS = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Twee widgets</title>
<script type="module" src="/wegwijs/wegwijs.js"></script></head>
<body><main><h1>Twee widgets op een pagina</h1>
<wegwijs-sociale-kaart id="nl" src="/data/kaart.json"></wegwijs-sociale-kaart>
<wegwijs-sociale-kaart id="en" src="/data/kaart.json" lang="en"></wegwijs-sociale-kaart>
</main></body></html>`;

/**
 * The Wegwijs scripts and wasm files a page requests, by file name; `.sorted()` gives them in
 * alphabetical order (a bundle's script and wasm download at the same time).
 */
function widgetCode(page) {
  const files = [];
  page.on("request", (request) => {
    const name = new URL(request.url()).pathname;
    if (name.startsWith("/wegwijs/")) files.push(name.slice("/wegwijs/".length));
  });
  files.sorted = () => [...files].sort();
  return files;
}

test("two widgets of one kind share one bundle and both work", async () => {
  const page = await newPage(browser);
  await serveTestPage(page, "/e2e/twee.html", TWO_WIDGETS);
  const files = widgetCode(page);
  await page.goto(url("/e2e/twee.html"));
  const count = demoServices().length;
  await page.locator("#nl .ww-count").getByText(`${count} plekken voor hulp`).waitFor();
  await page.locator("#en .ww-count").getByText(`${count} places to get help`).waitFor();
  // Only src: the bundle with the HSDS JSON reader.
  assert.deepEqual(files.sorted(), ["wegwijs-kaart-json.js", "wegwijs-kaart-json_bg.wasm", "wegwijs.js"]);
  assertNoProblems(page);
});

test("each page downloads only the widget it shows, and a page without one no wasm", async () => {
  const pages = [
    ["/", "main h1", []],
    ["/inbouwen.html", "main h1", []],
    ["/sociale-kaart.html", "wegwijs-sociale-kaart .ww-card", ["wegwijs-kaart.js", "wegwijs-kaart_bg.wasm"]],
    ["/hulpwijzer.html", "wegwijs-hulpwijzer .ww-root", ["wegwijs-hulpwijzer.js", "wegwijs-hulpwijzer_bg.wasm"]],
    ["/samenwerkingsscan.html", "wegwijs-samenwerkingsscan .ww-root", ["wegwijs-scan.js", "wegwijs-scan_bg.wasm"]],
    ["/beheer.html", "wegwijs-beheer .ww-root", ["wegwijs-beheer.js", "wegwijs-beheer_bg.wasm"]],
  ];
  for (const [path, ready, bundle] of pages) {
    const page = await newPage(browser);
    const files = widgetCode(page);
    await page.goto(url(path));
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(files.sorted(), [...bundle, "wegwijs.js"].sort(), path);
    assertNoProblems(page);
    await page.close();
  }
});

test("a page with two kinds of widget downloads the bundle with all of them, once", async () => {
  const page = await newPage(browser);
  await serveTestPage(
    page,
    "/e2e/samen.html",
    hostPage(
      "Samen",
      `<wegwijs-hulpwijzer></wegwijs-hulpwijzer>
       <wegwijs-sociale-kaart src="/data/kaart.json"></wegwijs-sociale-kaart>`,
    ),
  );
  const files = widgetCode(page);
  await page.goto(url("/e2e/samen.html"));
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  await page.locator("wegwijs-hulpwijzer .ww-root").waitFor();
  // A scan added later is mounted by the bundle already running.
  await page.evaluate(() => document.body.append(document.createElement("wegwijs-samenwerkingsscan")));
  await page.locator("wegwijs-samenwerkingsscan .ww-root").waitFor();
  assert.deepEqual(files.sorted(), ["wegwijs-alle.js", "wegwijs-alle_bg.wasm", "wegwijs.js"]);
  assertNoProblems(page);
});

test("a widget of another kind added to a one-widget page loads its own bundle", async () => {
  const page = await newPage(browser);
  const files = widgetCode(page);
  await page.goto(url("/samenwerkingsscan.html"));
  await page.locator("wegwijs-samenwerkingsscan .ww-root").waitFor();
  await page.evaluate(() => {
    const kaart = document.createElement("wegwijs-sociale-kaart");
    kaart.setAttribute("src", "/data/kaart.json");
    document.querySelector("main").append(kaart);
  });
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  assert.deepEqual(files.sorted(), [
    "wegwijs-kaart-json.js", "wegwijs-kaart-json_bg.wasm", "wegwijs-scan.js", "wegwijs-scan_bg.wasm", "wegwijs.js",
  ]);
  assertNoProblems(page);
});

test("a map whose index is taken away after mount moves to the bundle that reads HSDS JSON", async () => {
  const page = await newPage(browser);
  await page.route(url("/e2e/twee-diensten.json"), (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify([{ id: "a", name: "Taalcafé" }, { id: "b", name: "Buurtkamer" }]),
    }),
  );
  await serveTestPage(
    page,
    "/e2e/index-weg.html",
    hostPage("Index weg", `<wegwijs-sociale-kaart index="/data/kaart.idx" src="/e2e/twee-diensten.json"></wegwijs-sociale-kaart>`),
  );
  const files = widgetCode(page);
  await page.goto(url("/e2e/index-weg.html"));
  const count = demoServices().length;
  await page.locator("wegwijs-sociale-kaart .ww-count").getByText(`${count} plekken voor hulp`).waitFor();
  assert.deepEqual(files.sorted(), ["wegwijs-kaart.js", "wegwijs-kaart_bg.wasm", "wegwijs.js"], "the index alone needs the lighter bundle");

  await page.evaluate(() => document.querySelector("wegwijs-sociale-kaart").removeAttribute("index"));
  await page.locator("wegwijs-sociale-kaart .ww-count").getByText("2 plekken voor hulp").waitFor();
  assert.equal(await page.locator("wegwijs-sociale-kaart .ww-root").count(), 1, "one widget after the move");
  assert.deepEqual(files.sorted(), [
    "wegwijs-kaart-json.js", "wegwijs-kaart-json_bg.wasm", "wegwijs-kaart.js", "wegwijs-kaart_bg.wasm", "wegwijs.js",
  ]);
  assertNoProblems(page);
});

test("attribute changes after mount are honoured, and removal and re-insertion work", async () => {
  const page = await newPage(browser);
  await serveTestPage(page, "/e2e/twee.html", TWO_WIDGETS);
  await page.route(url("/e2e/twee-diensten.json"), (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify([{ id: "a", name: "Taalcafé" }, { id: "b", name: "Buurtkamer" }]),
    }),
  );
  await page.goto(url("/e2e/twee.html"));
  await page.locator("#en .ww-card").first().waitFor();

  await page.evaluate(() => document.querySelector("#en").setAttribute("lang", "nl"));
  await page.locator("#en h2").getByText("Sociale kaart").waitFor();

  await page.evaluate(() => document.querySelector("#en").setAttribute("src", "/e2e/twee-diensten.json"));
  await page.locator("#en .ww-count").getByText("2 plekken voor hulp").waitFor();
  assert.equal(await page.locator("#en .ww-card").count(), 2);

  await page.evaluate(() => {
    const element = document.querySelector("#en");
    element.remove();
    document.querySelector("main").append(element);
  });
  await page.locator("#en .ww-count").getByText("2 plekken voor hulp").waitFor();
  assert.equal(await page.locator("#en .ww-root").count(), 1, "one widget after re-insertion");
  assertNoProblems(page);
});

test("every widget in the bundle is registered, and nothing else", async () => {
  const page = await newPage(browser);
  await page.goto(url("/sociale-kaart.html"));
  await page.locator("wegwijs-sociale-kaart .ww-root").waitFor();
  const registered = await page.evaluate(() =>
    ["wegwijs-sociale-kaart", "wegwijs-hulpwijzer", "wegwijs-samenwerkingsscan", "wegwijs-onbekend"].map(
      (tag) => customElements.get(tag) !== undefined,
    ),
  );
  assert.deepEqual(registered, [true, true, true, false]);
});

const HOSTILE_HOST = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Vijandige huisstijl</title>
<link rel="stylesheet" href="/e2e/hostile.css">
<script type="module" src="/wegwijs/wegwijs.js"></script></head>
<body><main><h1>Een CMS met een botte huisstijl</h1>
<wegwijs-sociale-kaart src="/data/kaart.json"></wegwijs-sociale-kaart>
</main></body></html>`;

test("a hostile host stylesheet does not leak into the widget", async () => {
  const page = await newPage(browser);
  await serveTestPage(page, "/e2e/vijandig.html", HOSTILE_HOST);
  await page.route(url("/e2e/hostile.css"), (route) =>
    route.fulfill({
      contentType: "text/css",
      body: readFileSync(`${ROOT}tests/fixtures/e2e/hostile.css`, "utf8"),
    }),
  );
  await page.goto(url("/e2e/vijandig.html"));
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  // The stylesheet really applies to the host page.
  const hostColor = await page.evaluate(() => getComputedStyle(document.querySelector("h1")).color);
  assert.equal(hostColor, "rgb(255, 0, 0)");

  const styles = await page.evaluate(() => {
    const shadow = document.querySelector("wegwijs-sociale-kaart").shadowRoot;
    const pick = (selector) => {
      const style = getComputedStyle(shadow.querySelector(selector));
      return {
        display: style.display,
        color: style.color,
        background: style.backgroundColor,
        fontSize: style.fontSize,
        fontFamily: style.fontFamily,
        fontStyle: style.fontStyle,
        letterSpacing: style.letterSpacing,
        wordSpacing: style.wordSpacing,
        textTransform: style.textTransform,
        textAlign: style.textAlign,
        boxSizing: style.boxSizing,
      };
    };
    return { root: pick(".ww-root"), title: pick(".ww-title"), card: pick(".ww-card"), link: pick(".ww-card a") };
  });
  assert.equal(styles.root.display, "block");
  assert.equal(styles.card.display, "flex");
  for (const [name, style] of Object.entries(styles)) {
    assert.notEqual(style.color, "rgb(255, 0, 0)", `${name} colour`);
    assert.notEqual(style.background, "rgb(255, 255, 0)", `${name} background`);
    assert.ok(!["40px", "30px"].includes(style.fontSize), `${name} font size ${style.fontSize}`);
    assert.doesNotMatch(style.fontFamily, /Comic/, `${name} font`);
    assert.equal(style.fontStyle, "normal", `${name} font style`);
    assert.equal(style.letterSpacing, "normal", `${name} letter spacing`);
    assert.equal(style.wordSpacing, "0px", `${name} word spacing`);
    assert.equal(style.textTransform, "none", `${name} text transform`);
    assert.equal(style.textAlign, "start", `${name} alignment`);
    assert.equal(style.boxSizing, "border-box", `${name} box sizing`);
  }
  // Host rules cannot remove the focus ring either.
  let focused = null;
  for (let presses = 0; presses < 10 && !focused; presses++) {
    await page.keyboard.press("Tab");
    focused = await focusedInWidget(page, "wegwijs-sociale-kaart");
  }
  assert.equal(focused?.outline, "solid");
  await look(page, "wegwijs-sociale-kaart", "hostile host CSS");
});

test("the demo portal's design tokens theme the widget; without tokens it has its own defaults", async () => {
  const page = await newPage(browser);
  await page.goto(url("/sociale-kaart.html"));
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  const themed = await page.evaluate(() => {
    const shadow = document.querySelector("wegwijs-sociale-kaart").shadowRoot;
    return {
      link: getComputedStyle(shadow.querySelector(".ww-card a")).color,
      heading: getComputedStyle(shadow.querySelector(".ww-title")).fontFamily,
    };
  });
  assert.equal(themed.link, "rgb(0, 98, 46)", "--utrecht-link-color from the portal");
  assert.match(themed.heading, /Georgia/, "--utrecht-heading-font-family from the portal");

  const plain = await newPage(browser);
  await serveTestPage(plain, "/e2e/twee.html", TWO_WIDGETS);
  await plain.goto(url("/e2e/twee.html"));
  await plain.locator("#nl .ww-card").first().waitFor();
  const link = await plain.evaluate(
    () => getComputedStyle(document.querySelector("#nl").shadowRoot.querySelector(".ww-card a")).color,
  );
  assert.equal(link, "rgb(26, 78, 138)", "the default link colour");
});

test("the portal is served with a strict CSP and the widget works under it", async () => {
  const page = await newPage(browser);
  const response = await page.goto(url("/sociale-kaart.html"));
  const policy = response.headers()["content-security-policy"];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(policy, /style-src 'self'(;|$)/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  const script = page.locator("script[src='/wegwijs/wegwijs.js']");
  assert.match(await script.getAttribute("integrity"), /^sha384-/);
  assertNoProblems(page);
});

for (const file of ["wegwijs-kaart_bg.wasm", "wegwijs-kaart.js"]) {
  test(`a tampered ${file} is refused (SRI) and the widget says it cannot start, keeping the fallback`, async () => {
    const page = await newPage(browser);
    await page.route(url(`/wegwijs/${file}`), async (route) => {
      const original = await route.fetch();
      const bytes = Buffer.from(await original.body());
      bytes[bytes.length - 2] ^= 0x01;
      await route.fulfill({ response: original, body: bytes });
    });
    await page.goto(url("/sociale-kaart.html"));
    const widget = page.locator("wegwijs-sociale-kaart");
    await widget.locator("[role=alert]").getByText("Deze hulp kan nu niet starten").waitFor();
    assert.ok(await widget.locator("a").first().isVisible(), "the host's fallback link stays in view");
    assertNoProblems(page, [/integrity/i, /Wegwijs could not start/]);
  });
}

test("a host page with a tiny root font keeps the widget's text at 16 px and targets at 44 px", async () => {
  const page = await newPage(browser);
  await serveTestPage(
    page,
    "/e2e/klein.html",
    hostPage("Klein", `<wegwijs-sociale-kaart src="/data/kaart.json"></wegwijs-sociale-kaart>`, `<link rel="stylesheet" href="/e2e/klein.css">`),
  );
  await page.route(url("/e2e/klein.css"), (route) =>
    route.fulfill({ contentType: "text/css", body: "html { font-size: 11px } wegwijs-sociale-kaart { font-size: 9px }" }),
  );
  await page.goto(url("/e2e/klein.html"));
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  const sizes = await page.evaluate(() => {
    const shadow = document.querySelector("wegwijs-sociale-kaart").shadowRoot;
    const px = (selector, property) => parseFloat(getComputedStyle(shadow.querySelector(selector))[property]);
    return {
      text: px(".ww-card-summary", "fontSize"),
      button: shadow.querySelector(".ww-card .ww-button").getBoundingClientRect().height,
      input: shadow.querySelector(".ww-search .ww-input").getBoundingClientRect().height,
    };
  });
  assert.ok(sizes.text >= 16, `body text ${sizes.text}px`);
  assert.ok(sizes.button >= 44, `button ${sizes.button}px high`);
  assert.ok(sizes.input >= 44, `search box ${sizes.input}px high`);
});

test("unknown attributes and values are named in the console, once, with what would work", async () => {
  const page = await newPage(browser);
  const warnings = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  await serveTestPage(
    page,
    "/e2e/fout.html",
    hostPage(
      "Fout",
      `<wegwijs-sociale-kaart src="/data/kaart.json" sorce="/data/kaart.json" lang="fr" mode="werker" postcodes="/data/bestaat-niet.json"></wegwijs-sociale-kaart>
       <wegwijs-sociale-kaart src="/data/kaart.json" sorce="/data/kaart.json"></wegwijs-sociale-kaart>`,
    ),
  );
  await page.goto(url("/e2e/fout.html"));
  await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
  await page.waitForFunction(() => true);
  await page.waitForTimeout(300);
  const about = (pattern) => warnings.filter((w) => pattern.test(w));
  assert.equal(about(/unknown attribute "sorce"/).length, 1, warnings.join("\n"));
  assert.match(about(/unknown attribute "sorce"/)[0], /Known: src, index/);
  assert.match(about(/lang="fr"/)[0] ?? "", /nl or en/);
  assert.match(about(/mode="werker"/)[0] ?? "", /medewerker/);
  assert.match(about(/postcode table/)[0] ?? "", /bestaat-niet\.json/);
});
