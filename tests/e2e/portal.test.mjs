// The demo portal: every page is accessible and the embedding page shows the real snippet.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { assertNoProblems, launch, layoutShift, look, newPage, url } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const [path, heading] of [
  ["/", "Welkom bij de gemeente Lindenhoven"],
  ["/hulpwijzer.html", "Hulpwijzer: waar vind ik hulp?"],
  ["/sociale-kaart.html", "Hulp in de buurt"],
  ["/medewerkers.html", "Sociale kaart voor medewerkers"],
  ["/samenwerkingsscan.html", "Samenwerkingsscan voor wijkteams"],
  ["/vier-vensters.html", "Vier vensters van integraal werken"],
  ["/inbouwen.html", "Wegwijs inbouwen op je eigen website"],
  ["/beheer.html", "Sociale kaart beheren"],
]) {
  test(`${path} is a complete, accessible page`, async () => {
    const page = await newPage(browser);
    const response = await page.goto(url(path));
    assert.equal(response.status(), 200);
    assert.equal((await page.locator("h1").textContent()).replaceAll("\u00ad", ""), heading);
    assert.equal(await page.locator("nav[aria-label=Hoofdmenu] a[aria-current=page]").count(), 1);
    if (path === "/sociale-kaart.html" || path === "/medewerkers.html") {
      await page.locator("wegwijs-sociale-kaart .ww-card").first().waitFor();
    }
    if (path === "/samenwerkingsscan.html" || path === "/vier-vensters.html") {
      await page.locator("wegwijs-samenwerkingsscan .ww-choose").waitFor();
    }
    if (path === "/beheer.html") {
      await page.locator("wegwijs-beheer input[type=file]").waitFor();
    }
    if (path === "/hulpwijzer.html") {
      await page.locator("wegwijs-hulpwijzer .ww-step-title").waitFor();
    }
    await look(page, null, path.replace(/\.html$/, "").replace("/", "") || "home");
    assertNoProblems(page);
  });
}

test("the browser sees only the test fonts, so every machine renders the same", async () => {
  const page = await newPage(browser);
  await page.goto(url("/"));
  const widths = await page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const width = (family) => {
      canvas.font = `20px ${family}`;
      return Math.round(canvas.measureText("Samenwerkingsscan voor wijkteams").width);
    };
    return Object.fromEntries(
      ["'DejaVu Sans'", "sans-serif", "system-ui", "Arial", "Roboto", "'Liberation Sans'", "'Noto Sans'", "'Segoe UI'"].map((f) => [f, width(f)]),
    );
  });
  const dejavu = widths["'DejaVu Sans'"];
  for (const [family, width] of Object.entries(widths)) {
    assert.equal(width, dejavu, `${family} renders as DejaVu Sans (tests/fonts/fonts.conf): ${JSON.stringify(widths)}`);
  }
});

test("the embedding page shows the snippet with this build's integrity hash", async () => {
  const page = await newPage(browser);
  await page.goto(url("/inbouwen.html"));
  const code = await page.locator("pre code").allTextContents();
  const snippet = code.find((text) => text.includes("wegwijs.js"));
  const integrity = await page.locator("head script[src='/wegwijs/wegwijs.js']").getAttribute("integrity");
  assert.ok(snippet.includes(`integrity="${integrity}"`), snippet);
  assert.ok(code.some((text) => text.includes("script-src 'self' 'wasm-unsafe-eval'")));
});

test("the embedding page documents all three widgets, the data and the web servers", async () => {
  const page = await newPage(browser);
  await page.goto(url("/inbouwen.html"));
  const headings = await page.locator("h2, h3").allTextContents();
  for (const expected of [
    "Instellingen van <wegwijs-sociale-kaart>",
    "Instellingen van <wegwijs-hulpwijzer>",
    "Instellingen van <wegwijs-samenwerkingsscan>",
    "4. Maak de sociale kaart van je eigen lijst",
    "nginx",
    "Apache (.htaccess)",
    "IIS (web.config)",
  ]) {
    assert.ok(headings.includes(expected), `${expected} in ${headings.join(" | ")}`);
  }
  const text = await page.locator("main").textContent();
  for (const attribute of ["blind-spot-below", "hulpwijzer", "kaart", "instrument", "guide", "wegwijs index kaart.json -o kaart.idx", "application/wasm"]) {
    assert.ok(text.includes(attribute), attribute);
  }
});

test("the page does not jump while a widget starts (layout shift at most 0.02)", async () => {
  const pages = [
    ["/sociale-kaart.html", "wegwijs-sociale-kaart .ww-card"],
    ["/medewerkers.html", "wegwijs-sociale-kaart .ww-card"],
    ["/hulpwijzer.html", "wegwijs-hulpwijzer .ww-root"],
    ["/samenwerkingsscan.html", "wegwijs-samenwerkingsscan .ww-root"],
  ];
  for (const [path, ready] of pages) {
    for (const [width, height] of [[390, 844], [1280, 800]]) {
      const page = await newPage(browser);
      await page.setViewportSize({ width, height });
      await page.goto(url(path));
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState("networkidle");
      const shift = await layoutShift(page);
      assert.ok(shift.total <= 0.02, `${path} at ${width}px: layout shift ${shift.total.toFixed(3)}: ${shift.moved.join(", ")}`);
      await page.close();
    }
  }
});
