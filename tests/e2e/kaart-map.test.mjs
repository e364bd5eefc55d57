// The social map's map view in the demo portal: the same results as the list, markers a
// person can reach by mouse, keyboard and touch, no request to another server unless the web
// team set a tile server, and the workers' coverage per neighbourhood on the map.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  assertNoProblems, look, printed, hostPage, launch, newPage, portalPolicy, serveTestPage, url,
} from "./support.mjs";

const KAART = "wegwijs-sociale-kaart";
const MAP = `${KAART} wegwijs-plattegrond`;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Every request the page makes, by URL. */
function recordRequests(page) {
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  return requests;
}

async function openKaart(path = "/sociale-kaart.html", options) {
  const page = await newPage(browser, options);
  const requests = recordRequests(page);
  await page.goto(url(path));
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  return { page, requests };
}

async function search(page, words) {
  await page.locator(`${KAART} input[role=combobox]`).fill(words);
  await page.waitForTimeout(450);
}

/** Turns a filter chip on or off (the filters fold open first when they are closed). */
async function filter(page, chip) {
  const button = page.locator(`${KAART} .ww-chip`, { hasText: chip }).first();
  if (!(await button.isVisible())) await page.locator(`${KAART} .ww-filter-summary`).click();
  await button.click();
}

async function showMap(page) {
  await page.locator(`${KAART} .ww-layout-switch button`, { hasText: "Kaart" }).click();
  await page.locator(`${MAP} .ww-area`).first().waitFor();
}

/** What the map was given and what it draws: marker names, and the places the drawn markers stand for. */
async function onMap(page) {
  await page.waitForTimeout(200);
  return page.evaluate((tag) => {
    const map = document.querySelector(tag).shadowRoot.querySelector("wegwijs-plattegrond");
    const data = JSON.parse(map.getAttribute("data"));
    const drawn = [...map.shadowRoot.querySelectorAll(".ww-marker")].reduce((sum, m) => sum + Number(m.dataset.count), 0);
    return { names: [...new Set(data.markers.map((m) => m.name))].sort(), markers: data.markers.length, drawn };
  }, KAART);
}

/** Every card name in the list view, after showing all pages. */
async function listNames(page) {
  await page.locator(`${KAART} .ww-layout-switch button`, { hasText: "Lijst" }).click();
  const more = page.locator(`${KAART} .ww-more`);
  for (let page_ = 0; page_ < 40 && (await more.count()); page_++) {
    await more.click();
    await page.waitForTimeout(100);
  }
  assert.equal(await more.count(), 0, "\"Toon meer\" goes once everything is shown");
  const names = await page.locator(`${KAART} .ww-results .ww-card h3`).allTextContents();
  return [...new Set(names)].sort();
}

/** The SVG transform of the neighbourhoods: it changes when the map pans or zooms. */
const view = (page) => page.locator(`${MAP} .ww-area`).first().getAttribute("transform");
const scaleOf = (transform) => Number(/scale\(([\d.]+)\)/.exec(transform)[1]);

test("the map shows the same results as the list, for questions and filters", async () => {
  const { page, requests } = await openKaart();
  await showMap(page);
  const all = await onMap(page);
  assert.ok(all.markers > 200, `${all.markers} markers`);
  assert.equal(all.drawn, all.markers, "every marker is drawn, alone or in a group");
  await look(page, KAART, "map of all help");
  for (const [words, chip] of [["schulden", null], ["eenzaam", null], ["", "Gratis"], ["kinderen", "Zonder verwijzing"]]) {
    await page.locator(`${KAART} .ww-layout-switch button`, { hasText: "Kaart" }).click();
    await search(page, words);
    if (chip) await filter(page, chip);
    await page.locator(`${MAP} .ww-area`).first().waitFor();
    const shown = await onMap(page);
    assert.equal(shown.drawn, shown.markers, `${words} ${chip}: every marker drawn`);
    const hint = await page.locator(`${KAART} .ww-result-map > .ww-hint`).first().textContent();
    const total = Number((await page.locator(`${KAART} .ww-count`).textContent()).match(/\d+/)[0]);
    const list = await listNames(page);
    const missing = list.filter((name) => !shown.names.includes(name));
    assert.deepEqual(shown.names.filter((name) => !list.includes(name)), [], `${words} ${chip}: markers not in the list`);
    // What is in the list but not on the map has no address, and the map says how many:
    // together as many as the list counts.
    const onMapCount = Number(hint.match(/(\d+) plekk?e?n? op de kaart/)[1]);
    const without = Number(hint.match(/(\d+) plekk?e?n? (heeft|hebben) geen adres/)?.[1] ?? 0);
    assert.equal(onMapCount + without, total, hint);
    if (missing.length) assert.ok(without > 0, `${missing.join(", ")} have no address: ${hint}`);
    if (chip) await filter(page, chip);
  }
  const other = requests.filter((r) => new URL(r).origin !== new URL(url("/")).origin);
  assert.deepEqual(other, [], "no request to another server");
  assert.ok(requests.some((r) => r.includes("wegwijs-plattegrond")), "the map's own code loaded");
  assertNoProblems(page);
});

test("the map's code loads only when the map opens", async () => {
  const { page, requests } = await openKaart();
  await page.waitForTimeout(300);
  assert.ok(!requests.some((r) => r.includes("plattegrond") || r.includes("wijken")), requests.join("\n"));
  await showMap(page);
  assert.ok(requests.some((r) => r.endsWith("wegwijs-plattegrond_bg.wasm")));
  assertNoProblems(page);
});

test("keyboard: reach the map and every marker, pan, zoom and choose", async () => {
  const { page } = await openKaart();
  await search(page, "schulden");
  await showMap(page);
  const svg = page.locator(`${MAP} .ww-map-svg`);
  await svg.focus();
  const start = await view(page);
  await page.keyboard.press("+");
  const zoomed = await view(page);
  assert.ok(scaleOf(zoomed) > scaleOf(start) * 1.9, `${start} → ${zoomed}`);
  await page.keyboard.press("ArrowLeft");
  assert.notEqual(await view(page), zoomed, "the arrow moved the map");
  await page.keyboard.press("0");
  assert.equal(await view(page), start, "0 shows the whole map again");
  // Tab goes from the map to its markers, each with a name.
  const markers = page.locator(`${MAP} .ww-marker`);
  const count = await markers.count();
  assert.ok(count > 1);
  await page.keyboard.press("Tab");
  const label = await page.evaluate(() => {
    const map = document.querySelector("wegwijs-sociale-kaart").shadowRoot.querySelector("wegwijs-plattegrond");
    return map.shadowRoot.activeElement?.getAttribute("aria-label");
  });
  assert.ok(label, "a marker has focus");
  await page.keyboard.press("Enter");
  const chosen = page.locator(`${KAART} .ww-map-chosen .ww-card h3`);
  await chosen.first().waitFor();
  const names = await chosen.allTextContents();
  assert.ok(names.every((name) => label.includes(name)), `${label} ⇒ ${names}`);
  const pressed = await page.evaluate(() => {
    const map = document.querySelector("wegwijs-sociale-kaart").shadowRoot.querySelector("wegwijs-plattegrond");
    return map.shadowRoot.activeElement?.getAttribute("aria-pressed");
  });
  assert.equal(pressed, "true", "the chosen marker says so");
  await look(page, KAART, "map with a chosen marker");
  const paper = await printed(page, KAART, "map with a chosen marker", () => page.evaluate(() => window.print()));
  assert.deepEqual(paper.controls, [], "no buttons on paper");
  assert.match(paper.text, /plekken op de kaart/);
  assert.ok(names.every((name) => paper.text.includes(name)), "the chosen cards are printed");
  // Details open from the chosen card, as from the list.
  await page.locator(`${KAART} .ww-map-chosen .ww-card`).first().getByRole("button", { name: /Meer informatie/ }).first().click();
  await page.locator(`${KAART} .ww-detail`).waitFor();
  assertNoProblems(page);
});

test("mouse and touch: drag pans, pinch and ctrl+wheel zoom, a tap chooses", async () => {
  const { page } = await openKaart("/sociale-kaart.html", { hasTouch: true, viewport: { width: 390, height: 844 } });
  await showMap(page);
  const box = await page.locator(`${MAP} .ww-map-svg`).boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const start = await view(page);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy + 20, { steps: 5 });
  await page.mouse.up();
  const dragged = await view(page);
  assert.notEqual(dragged, start, "the drag moved the map");
  assert.equal(scaleOf(dragged), scaleOf(start));
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -100);
  await page.keyboard.up("Control");
  await page.waitForTimeout(100);
  assert.ok(scaleOf(await view(page)) > scaleOf(dragged), "ctrl + wheel zooms in");
  // Two fingers spreading apart zoom in.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, spread) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [
        { x: cx - spread, y: cy, id: 1 },
        { x: cx + spread, y: cy, id: 2 },
      ],
    });
  const before = scaleOf(await view(page));
  await touch("touchStart", 30);
  for (const spread of [40, 55, 70, 90]) await touch("touchMove", spread);
  await touch("touchEnd", 0);
  await page.waitForTimeout(100);
  assert.ok(scaleOf(await view(page)) > before * 1.5, "pinching zoomed in");
  await page.locator(`${MAP} .ww-map-controls button`, { hasText: "Hele kaart" }).click();
  const marker = page.locator(`${MAP} .ww-marker`).first();
  await marker.tap();
  await page.locator(`${KAART} .ww-map-chosen .ww-card`).first().waitFor();
  await look(page, KAART, "map on a phone after a tap");
  assertNoProblems(page);
});

test("tiles: requested only after the map opens, and the privacy line names their server", async () => {
  const page = await newPage(browser);
  const requests = recordRequests(page);
  const tiles = [];
  await page.route("https://tegels.example/**", (route) => {
    tiles.push(route.request().url());
    // A 1×1 grey PNG.
    route.fulfill({ status: 200, contentType: "image/png", body: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAADUlEQVR42mP8/58BAAT/Av7VqGa2AAAAAElFTkSuQmCC", "base64") });
  });
  const policy = (await portalPolicy(page)).replace("img-src 'self' data:", "img-src 'self' data: https://tegels.example");
  await serveTestPage(
    page,
    "/kaart-tegels.html",
    hostPage("Kaart met tegels", `<wegwijs-sociale-kaart index="/data/kaart.idx" areas="/data/wijken.geojson" tiles="https://tegels.example/{z}/{x}/{y}.png"></wegwijs-sociale-kaart>`),
    { csp: policy },
  );
  await page.goto(url("/kaart-tegels.html"));
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(tiles, [], "no tile before the map opens");
  await showMap(page);
  await page.waitForFunction(() => true);
  await page.waitForTimeout(300);
  assert.ok(tiles.length > 0, "tiles once the map shows");
  assert.ok(tiles.every((t) => /^https:\/\/tegels\.example\/\d+\/\d+\/\d+\.png$/.test(t)), tiles.join("\n"));
  await page.locator(`${MAP} .ww-map-privacy`).getByText("komt van tegels.example").waitFor();
  const elsewhere = requests.filter((r) => !r.startsWith(url("/")) && !r.startsWith("https://tegels.example/"));
  assert.deepEqual(elsewhere, []);
  assertNoProblems(page);
});

test("workers see the coverage of a life domain per neighbourhood on the map, as in the table", async () => {
  const { page, requests } = await openKaart("/medewerkers.html");
  await page.locator(`${KAART} .ww-coverage summary`).click();
  assert.ok(!requests.some((r) => r.includes("plattegrond")), "no map code before it is asked for");
  await page.locator(`${KAART} .ww-coverage button`, { hasText: "Op de kaart" }).click();
  const map = `${KAART} .ww-coverage-map wegwijs-plattegrond`;
  await page.locator(`${map} .ww-area`).first().waitFor();
  const select = page.locator(`${KAART} .ww-coverage-map select`);
  const domains = await select.locator("option").allTextContents();
  for (const [i, domain] of domains.slice(0, 4).entries()) {
    await select.selectOption(String(i));
    await page.locator(`${map} .ww-map-legend`).getByText(`voor ${domain}`).waitFor();
    const row = await page.evaluate(([tag, i]) => {
      const table = document.querySelector(tag).shadowRoot.querySelector(".ww-coverage-table");
      const heads = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent.trim());
      const cells = [...table.querySelectorAll("tbody tr")][i].querySelectorAll("td");
      return heads.map((head, j) => [head, Number(cells[j].textContent.replace(/\D/g, ""))]);
    }, [KAART, i]);
    const legend = await page.locator(`${map} .ww-legend-counts li`).allTextContents();
    for (const [name, count] of row) {
      const line = legend.find((l) => l.startsWith(`${name}:`));
      assert.ok(line, `${name} is listed under the map`);
      assert.match(line, new RegExp(`^${name}: ${count} plekk?e?n?${count < 3 ? " — witte vlek" : "$"}`), line);
    }
    const blind = row.filter(([, count]) => count < 3).length;
    assert.equal(await page.locator(`${map} .ww-area.ww-shade-blind`).count(), blind, `${domain}: blind spots coloured`);
  }
  await look(page, KAART, "coverage on the map");
  assertNoProblems(page);
});
