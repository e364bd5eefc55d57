// The social map in the demo portal: what residents see and do, what goes wrong, and how it reads.
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  ROOT, assertAccessible, assertNoProblems, look, printed, demoServices,
  focusedInWidget, hostPage, launch, newPage, serveTestPage, url,
} from "./support.mjs";

const KAART = "wegwijs-sociale-kaart";
const PAGE = url("/sociale-kaart.html");
const INDEX = url("/data/kaart.idx");
const JSON_DATA = url("/data/kaart.json");
// Monday 23 November 2026, 10:00 in Lindenhoven.
const MONDAY_MORNING = new Date("2026-11-23T10:00:00+01:00");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openKaart(setup, options) {
  const page = await newPage(browser, options);
  await setup?.(page);
  const response = await page.goto(PAGE);
  assert.equal(response.status(), 200);
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  return page;
}

const input = (page) => page.locator(`${KAART} input[role=combobox]`);
const count = (page) => page.locator(`${KAART} .ww-count`);
const cardNames = (page) => page.locator(`${KAART} .ww-card h3`).allTextContents();

async function search(page, words) {
  await input(page).fill(words);
  // The search follows 150 ms after the last keystroke.
  await page.waitForTimeout(450);
}

test("shows the first page of all help with its facts and actions, and more on request", async () => {
  const page = await openKaart();
  const services = demoServices();
  await count(page).getByText(`${services.length} plekken voor hulp`).waitFor();
  const cards = page.locator(`${KAART} .ww-card`);
  assert.equal(await cards.count(), 20);
  const first = cards.first();
  assert.equal(await first.locator("h3").textContent(), services[0].name);
  assert.equal(await first.locator(".ww-org").textContent(), services[0].organization.name);
  assert.equal(await first.locator("a[href^='tel:']").getAttribute("href"), "tel:0342412010");
  assert.equal(await first.locator("a[href^='mailto:']").getAttribute("href"), `mailto:${services[0].email}`);
  assert.equal(await first.locator("a[href^='https://schuld']").getAttribute("href"), services[0].url);
  const route = first.locator("a[href*='openstreetmap.org/directions']");
  assert.equal(await route.getAttribute("target"), "_blank");
  assert.match(await first.locator(".ww-facts").textContent(), /Gratis.*Geen verwijzing nodig/);
  await look(page, KAART, "first page");
  await page.locator(`${KAART} .ww-more`).click();
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelectorAll(".ww-card").length === 40, KAART);
  const root = page.locator(`${KAART} .ww-root`);
  assert.equal(await root.getAttribute("lang"), "nl");
  assert.equal(await root.getAttribute("translate"), "no");
  assertNoProblems(page);
});

test("answers everyday words as you type, corrects typos and says so", async () => {
  const page = await openKaart();
  await search(page, "ik kan mijn huur niet betalen");
  const names = await cardNames(page);
  assert.ok(names.slice(0, 3).some((n) => /Woonstichting|Schuldhulp/.test(n)), names.join(", "));
  const region = page.locator(`${KAART} .ww-results-area [role=status]`);
  assert.match(await region.textContent(), /\d+ plekken voor hulp/);

  await search(page, "eenzaamhijd");
  await page.locator(`${KAART} .ww-corrected`).getByText("We zochten naar: eenzaamheid").waitFor();
  assert.ok((await cardNames(page)).slice(0, 5).some((n) => /Buurtkamer|Maatje|Inloop/.test(n)));
  await look(page, KAART, "search results with a correction");
  assertNoProblems(page);
});

test("suggests phrases while typing; arrow keys and Enter pick one", async () => {
  const page = await openKaart();
  await input(page).focus();
  await page.keyboard.type("rekeningen n", { delay: 30 });
  const listbox = page.locator(`${KAART} [role=listbox]`);
  await listbox.getByText("rekeningen niet betalen").waitFor();
  assert.equal(await input(page).getAttribute("aria-expanded"), "true");
  await look(page, KAART, "suggestions");
  await page.keyboard.press("ArrowDown");
  const active = await input(page).getAttribute("aria-activedescendant");
  assert.ok(active, "the active option is announced");
  await page.keyboard.press("Enter");
  assert.equal(await input(page).inputValue(), "rekeningen niet betalen");
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  await page.waitForTimeout(300);
  assert.ok((await cardNames(page)).slice(0, 3).some((n) => /Schuldhulp/.test(n)));
});

test("filter chips narrow the list, show counts, can be removed, and live in the link", async () => {
  const page = await openKaart();
  await page.locator(`${KAART} .ww-filter-summary`).click();
  const free = page.locator(`${KAART} .ww-chip`, { hasText: "Gratis" });
  const freeCount = Number(await free.locator(".ww-chip-count").textContent());
  await free.click();
  assert.equal(await free.getAttribute("aria-pressed"), "true");
  await count(page).getByText(`${freeCount} plekken voor hulp`).waitFor();
  const money = page.locator(`${KAART} .ww-chip`, { hasText: "Geld en schulden" });
  await money.click();
  const chosen = page.locator(`${KAART} .ww-chosen-chip`);
  assert.deepEqual(await chosen.allTextContents(), ["Geld en schulden ×", "Gratis ×"]);
  await look(page, KAART, "filters open and chosen");
  assert.match(page.url(), /#kaart\?d=geld&gratis=1$/);

  // A bookmarked link brings the same list back.
  const again = await newPage(browser);
  await again.goto(page.url());
  await again.locator(`${KAART} .ww-chosen-chip`).first().waitFor();
  assert.deepEqual(await again.locator(`${KAART} .ww-chosen-chip`).allTextContents(), ["Geld en schulden ×", "Gratis ×"]);

  await page.locator(`${KAART} .ww-chosen-chip`, { hasText: "Gratis" }).click();
  assert.equal(await free.getAttribute("aria-pressed"), "false");
  await page.locator(`${KAART} button`, { hasText: "Alle filters weghalen" }).click();
  await count(page).getByText(`${demoServices().length} plekken voor hulp`).waitFor();
  assertNoProblems(page);
});

test("'Nu open' uses the opening hours of the moment", async () => {
  const page = await openKaart((p) => p.clock.setFixedTime(MONDAY_MORNING));
  await page.locator(`${KAART} .ww-filter-summary`).click();
  const open = page.locator(`${KAART} .ww-chip`, { hasText: "Nu open" });
  const expected = Number(await open.locator(".ww-chip-count").textContent());
  assert.ok(expected > 0 && expected < demoServices().length, `${expected} open on Monday morning`);
  await open.click();
  await count(page).getByText(`${expected} plekken voor hulp`).waitFor();
  for (const facts of await page.locator(`${KAART} .ww-card .ww-facts`).allTextContents()) {
    assert.match(facts, /Nu open|Dag en nacht open/);
  }
  await look(page, KAART, "open now");
});

test("a service closed for a while says so and why; one that stopped is only for workers", async () => {
  // Saturday 28 November 2026, 11:00: the garden's usual hours, but it is closed for the winter.
  const saturday = (p) => p.clock.setFixedTime(new Date("2026-11-28T11:00:00+01:00"));
  const page = await openKaart(saturday);
  await search(page, "moestuin");
  const card = page.locator(`${KAART} .ww-card`, { hasText: "Buurtmoestuin De Akkers" });
  const notice = card.locator(".ww-notice");
  await notice.getByText("Tijdelijk gesloten").waitFor();
  assert.match(await notice.textContent(), /Vanaf 1 maart bent u weer welkom/);
  assert.doesNotMatch(await card.locator(".ww-facts").textContent(), /Nu open|Dag en nacht/);
  await look(page, KAART, "temporarily closed");
  await card.locator("button", { hasText: "Meer informatie" }).click();
  await page.locator(`${KAART} .ww-detail .ww-notice`).getByText("Tijdelijk gesloten").waitFor();
  await assertAccessible(page, "temporarily closed, details");

  await page.locator(`${KAART} .ww-detail button`, { hasText: "Terug naar alle hulp" }).click();
  await search(page, "kledingbank");
  assert.ok(!(await cardNames(page)).includes("Kledingbank De Kapstok"), "residents never get a stopped service");

  const worker = await newPage(browser);
  await saturday(worker);
  await worker.goto(url("/medewerkers.html"));
  await worker.locator(`${KAART} .ww-card`).first().waitFor();
  await search(worker, "kledingbank");
  const stopped = worker.locator(`${KAART} .ww-card`, { hasText: "Kledingbank De Kapstok" });
  await stopped.locator(".ww-notice").getByText("Deze hulp is gestopt").waitFor();
  assert.match(await stopped.locator(".ww-notice").textContent(), /Bewoners zien dit niet/);
  await look(worker, KAART, "stopped, for workers");
  assertNoProblems(page);
  assertNoProblems(worker);
});

test("near me by postcode: distances on the cards, nearest first; wrong postcodes explained", async () => {
  const page = await openKaart();
  const postcode = page.locator(`${KAART} input[autocomplete=postal-code]`);
  await postcode.fill("12");
  await page.locator(`${KAART} button`, { hasText: "Zoek in de buurt" }).click();
  await page.locator(`${KAART} .ww-field-error`).getByText("Vul 4 cijfers in").waitFor();
  assert.equal(await postcode.getAttribute("aria-invalid"), "true");
  await postcode.fill("1234");
  await page.locator(`${KAART} button`, { hasText: "Zoek in de buurt" }).click();
  await page.locator(`${KAART} .ww-field-error`).getByText("We kennen postcode 1234 niet").waitFor();
  await look(page, KAART, "unknown postcode");

  await postcode.fill("3954 AB");
  await page.locator(`${KAART} button`, { hasText: "Zoek in de buurt" }).click();
  await page.locator(`${KAART} .ww-place`).getByText("Dichtbij postcode 3954").waitFor();
  assert.equal(await page.locator(`${KAART} select`).inputValue(), "relevance", "relevance stays first");
  await page.locator(`${KAART} .ww-place`).getByText("Zijn twee even goed? Dan staat het dichtstbij eerst.").waitFor();
  const distances = await page.locator(`${KAART} .ww-facts li`, { hasText: "van je af" }).allTextContents();
  assert.ok(distances.length >= 10, distances.join(" | "));
  const meters = distances.map((d) => {
    const [, number, unit] = d.match(/([\d,]+) (m|km)/);
    return Number(number.replace(",", ".")) * (unit === "km" ? 1000 : 1);
  });
  assert.deepEqual(meters, [...meters].sort((a, b) => a - b), "nearest first");
  assert.doesNotMatch(page.url(), /3954/, "the postcode never goes into the link");
  await look(page, KAART, "near a postcode");
});

test("near me by the device's position, only after a click", async () => {
  const page = await openKaart(null, {
    permissions: ["geolocation"],
    geolocation: { latitude: 52.0489, longitude: 5.7598 },
  });
  assert.equal(await page.locator(`${KAART} .ww-place`).count(), 0, "nothing happens before the click");
  await page.locator(`${KAART} button`, { hasText: "Gebruik mijn locatie" }).click();
  await page.locator(`${KAART} .ww-place`).getByText("Dichtbij jouw locatie").waitFor();
  assert.match(await page.locator(`${KAART} .ww-card .ww-facts`).first().textContent(), /\d+ m van je af/);
  await look(page, KAART, "near my location");

  const denied = await openKaart();
  await denied.locator(`${KAART} button`, { hasText: "Gebruik mijn locatie" }).click();
  await denied.locator(`${KAART} .ww-field-error`).filter({ hasText: /Vul( dan)? je postcode in/ }).waitFor();
  await look(denied, KAART, "location denied");
});

test("details: everything that matters, focus on the heading and back to the card", async () => {
  const page = await openKaart();
  const service = demoServices()[0];
  const more = page.locator(`${KAART} .ww-card button`, { hasText: "Meer informatie" }).first();
  await more.click();
  const detail = page.locator(`${KAART} .ww-detail`);
  await detail.waitFor();
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.activeElement?.localName === "h3", KAART);
  assert.equal((await focusedInWidget(page, KAART)).text, service.name);
  const text = await detail.textContent();
  for (const expected of ["Zo meld je je aan", "Openingstijden", "maandag", "9:00 – 17:00", "Laatst gecontroleerd", "Adres", "Kerkstraat 12", "Talen", "Toegankelijkheid", "Klopt er iets niet?"]) {
    assert.ok(text.includes(expected), `missing ${expected}`);
  }
  const report = await detail.locator("a", { hasText: "Laat het ons weten" }).getAttribute("href");
  assert.match(report, /^mailto:socialekaart@lindenhoven\.example\?subject=Klopt%20er%20iets%20niet/);
  assert.match(page.url(), /dienst=/);
  await look(page, KAART, "details");
  await detail.locator("button", { hasText: "Terug naar alle hulp" }).click();
  await page.waitForFunction(
    (tag) => document.querySelector(tag).shadowRoot.activeElement?.textContent === "Meer informatie",
    KAART,
  );
  assert.match((await focusedInWidget(page, KAART)).text, /Meer informatie/);
});

test("a shared link opens the service; 'Kopieer link' copies it", async () => {
  const page = await openKaart(null, { permissions: ["clipboard-read", "clipboard-write"] });
  const name = await page.locator(`${KAART} .ww-card h3`).nth(1).textContent();
  await page.locator(`${KAART} .ww-card button`, { hasText: "Meer informatie" }).nth(1).click();
  await page.locator(`${KAART} .ww-detail button`, { hasText: "Kopieer link" }).click();
  await page.locator(`${KAART} [role=status]`).getByText("De link is gekopieerd").waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /sociale-kaart\.html#kaart\?dienst=/);

  const friend = await newPage(browser);
  await friend.goto(link);
  await friend.locator(`${KAART} .ww-detail h3`).getByText(name).waitFor();
});

test("'Mijn lijstje' collects services and prints only them", async () => {
  const page = await openKaart();
  const names = (await cardNames(page)).slice(0, 2);
  const buttons = page.locator(`${KAART} .ww-card button`, { hasText: "Zet op mijn lijstje" });
  await buttons.nth(0).click();
  await buttons.nth(0).click(); // the first button changed; the next card's is now first
  const list = page.locator(`${KAART} .ww-shortlist`);
  await list.getByText("Mijn lijstje (2 plekken)").waitFor();
  await look(page, KAART, "with a list");
  const paper = await printed(page, KAART, "list", () => list.locator("button", { hasText: "Print mijn lijstje" }).click());
  assert.ok(paper.text.includes(names[0]) && paper.text.includes(names[1]), paper.text);
  assert.ok(paper.text.includes("Hulp om mee te nemen"));
  const others = (await cardNames(page)).slice(2, 6);
  assert.ok(others.every((name) => !paper.text.includes(name)), "only the chosen services are printed");
  assert.ok(!paper.text.includes("Hulp in de buurt"), "the portal around the widget is not printed");
  assert.deepEqual(paper.controls, [], "no buttons or form fields on paper");
  assert.equal(await page.locator("[data-wegwijs-print]").count(), 0, "cleaned up after printing");
});

test("workers filter on the kind of help and open a stale entry from the list", async () => {
  const page = await newPage(browser);
  await page.goto(url("/medewerkers.html"));
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  await page.locator(`${KAART} .ww-filters .ww-filter-summary`).click();
  await page.locator(`${KAART} .ww-chip`, { hasText: "Vrijwilligers en buurt" }).click();
  await page.locator(`${KAART} .ww-chosen-chip`, { hasText: "Vrijwilligers en buurt" }).waitFor();
  const levels = await page.locator(`${KAART} .ww-card .ww-worker-facts .ww-badge`).allTextContents();
  assert.ok(levels.length > 0 && levels.every((l) => l === "Vrijwilligers en buurt"), levels.join(" | "));
  assert.match(page.url(), /soort=informeel|medewerkers\.html$/);
  await look(page, KAART, "workers, kind of help");
  await page.locator(`${KAART} .ww-coverage summary`).click();
  const stale = page.locator(`${KAART} .ww-stale button`).first();
  const name = await stale.textContent();
  await stale.click();
  await page.locator(`${KAART} .ww-detail h3`).getByText(name).waitFor();
});

test("workers see referral facts, provision level and the coverage overview", async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(url("/medewerkers.html"));
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  assert.match(await page.locator(`${KAART} .ww-worker-facts`).first().textContent(), /Voor:/);
  await page.locator(`${KAART} .ww-coverage summary`).click();
  const table = page.locator(`${KAART} .ww-coverage-table`);
  await table.waitFor();
  const headers = await table.locator("thead th").allTextContents();
  for (const wijk of ["Centrum", "Oosterhof", "Westerkwartier", "De Akkers", "Beekdorp"]) {
    assert.ok(headers.includes(wijk), `${wijk} in ${headers}`);
  }
  assert.ok(!headers.some((h) => /Geen adres/.test(h)), `help without an address counts in every neighbourhood: ${headers}`);
  // Every cell with fewer than 3 places is a blind spot, and only those.
  const cells = await table.locator("tbody td").evaluateAll((tds) =>
    tds.map((td) => [parseInt(td.textContent, 10), td.classList.contains("ww-blind")]),
  );
  for (const [count, blind] of cells) assert.equal(blind, count < 3, `${count} places`);
  await page.locator(`${KAART} .ww-coverage`).getByText("Een witte vlek heeft minder dan 3 plekken.").waitFor();
  await look(page, KAART, "coverage by neighbourhood");
  assert.match(await page.locator(`${KAART} .ww-coverage`).textContent(), /langer dan een jaar niet gecontroleerd/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`${KAART} .ww-coverage button`, { hasText: "Download deze lijst (CSV)" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  assert.equal(csv.split("\n")[0], "id;naam;organisatie;gecontroleerd");
  assert.ok(csv.split("\n").length > 2, csv);
  await page.locator(`${KAART} .ww-coverage label`, { hasText: "Doelgroep" }).click();
  await table.locator("thead th", { hasText: "Mantelzorgers" }).waitFor();
  await look(page, KAART, "coverage by target group");
  await page.locator(`${KAART} .ww-card button`, { hasText: "Meer informatie" }).first().click();
  await page.locator(`${KAART} .ww-detail dt`, { hasText: "Soort hulp" }).waitFor();
  assertNoProblems(page);
});

test("has no accessibility violations with results, on the whole page and inside the widget", async () => {
  const page = await openKaart();
  await assertAccessible(page, "sociale kaart with results");
  await look(page, KAART, "results");
  await search(page, "xyzzy plugh");
  await page.locator(`${KAART} .ww-empty`).getByText("We vinden geen hulp").waitFor();
  assert.ok((await page.locator(`${KAART} .ww-empty .ww-card`).count()) >= 1, "the neighbourhood team is offered");
  await look(page, KAART, "no results");
});

test("shows a calm loading state while the data is on its way, and it is accessible", async () => {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const page = await newPage(browser);
  await page.route(INDEX, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(PAGE);
  await page.locator(`${KAART} .ww-loading`).getByText("De hulp in de buurt wordt geladen").waitFor();
  await look(page, KAART, "loading");
  release();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
});

const ONLY_JSON = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Alleen JSON</title>
<script type="module" src="/wegwijs/wegwijs.js"></script></head>
<body><main><h1>Sociale kaart uit JSON</h1>
<wegwijs-sociale-kaart src="/data/kaart.json"></wegwijs-sociale-kaart>
</main></body></html>`;

const failures = [
  { name: "a missing file (404)", route: (r) => r.fulfill({ status: 404, body: "Not Found" }), title: "We kunnen de lijst met hulp niet vinden", retry: false, errors: [/404/] },
  { name: "broken JSON", route: (r) => r.fulfill({ status: 200, contentType: "application/json", body: '{"contents": [{"name": ' }), title: "De lijst met hulp is beschadigd", retry: false },
  { name: "JSON that is not a service list", route: (r) => r.fulfill({ status: 200, contentType: "application/json", body: '{"hello": "world"}' }), title: "De lijst met hulp is beschadigd", retry: false },
  { name: "an empty list", route: (r) => r.fulfill({ status: 200, contentType: "application/json", body: '{"contents": []}' }), title: "Er staat nog geen hulp op deze kaart", retry: false },
  { name: "a server error (503)", route: (r) => r.fulfill({ status: 503, body: "Unavailable" }), title: "De website heeft een storing", retry: true, errors: [/503/] },
  { name: "a server that is down", route: (r) => r.abort("connectionrefused"), title: "De hulp in de buurt kan nu niet laden", retry: true, errors: [/ERR_CONNECTION_REFUSED/] },
];

for (const failure of failures) {
  test(`explains ${failure.name} in plain Dutch, accessibly`, async () => {
    const page = await newPage(browser);
    await serveTestPage(page, "/e2e/json.html", ONLY_JSON);
    await page.route(JSON_DATA, failure.route);
    await page.goto(url("/e2e/json.html"));
    await page.locator(`${KAART} [role=alert]`).getByText(failure.title).waitFor();
    assert.equal(await page.locator(`${KAART} button`, { hasText: "Probeer het opnieuw" }).count(), failure.retry ? 1 : 0);
    await look(page, KAART, failure.name);
    assertNoProblems(page, failure.errors ?? []);
  });
}

test("a damaged index file is explained", async () => {
  const page = await newPage(browser);
  await page.route(INDEX, (route) => route.fulfill({ status: 200, body: "WEGWIJS\0\u0001\0\0\0rommel" }));
  await page.goto(PAGE);
  await page.locator(`${KAART} [role=alert]`).getByText("De lijst met hulp is beschadigd").waitFor();
});

test("after the server was down, 'Probeer het opnieuw' loads the map", async () => {
  let calls = 0;
  const page = await newPage(browser);
  await serveTestPage(page, "/e2e/json.html", ONLY_JSON);
  await page.route(JSON_DATA, (route) => (++calls === 1 ? route.abort("connectionrefused") : route.continue()));
  await page.goto(url("/e2e/json.html"));
  const retry = page.locator(`${KAART} button`, { hasText: "Probeer het opnieuw" });
  await retry.click();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  assert.equal(calls, 2);
  await count(page).getByText(`${demoServices().length} plekken voor hulp`).waitFor();
});

test("renders hostile data as harmless, readable text, also at 320 px", async () => {
  const hostile = readFileSync(`${ROOT}tests/fixtures/e2e/hostile.json`, "utf8");
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await serveTestPage(page, "/e2e/json.html", ONLY_JSON);
  await page.route(JSON_DATA, (route) => route.fulfill({ status: 200, contentType: "application/json", body: hostile }));
  await page.goto(url("/e2e/json.html"));
  const cards = page.locator(`${KAART} .ww-card`);
  await cards.first().waitFor();
  assert.equal(await cards.count(), 6, "the service without a name is left out");
  const inside = await page.evaluate((tag) => {
    const shadow = document.querySelector(tag).shadowRoot;
    return {
      markup: shadow.querySelectorAll("script, iframe, img, b").length,
      hrefs: [...shadow.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      pwned: window.pwned,
      text: shadow.textContent,
    };
  }, KAART);
  assert.equal(inside.markup, 0, "no markup from the data was created");
  assert.equal(inside.pwned, undefined, "no script from the data ran");
  for (const href of inside.hrefs) {
    assert.match(href, /^(tel:|mailto:|https?:)/, `unexpected link ${href}`);
    assert.doesNotMatch(href, /bcc|javascript|data:/i);
  }
  // Markup in the data becomes its plain text: nothing of the tags is shown.
  assert.ok(inside.text.includes("Hulp met vet"), "the name without its tags");
  assert.doesNotMatch(inside.text, /pwned|onerror|<script|<b>/);
  const longCard = cards.filter({ hasText: "Heel lange tekst" });
  assert.ok((await longCard.locator(".ww-card-summary").textContent()).length <= 160);
  await look(page, KAART, "hostile data");
  await cards.filter({ hasText: "Heel lange tekst" }).locator("button", { hasText: "Meer informatie" }).click();
  await page.locator(`${KAART} .ww-detail`).waitFor();
  await look(page, KAART, "hostile data, details");
  assertNoProblems(page);
});

test("reflows to 320 px and to 200 % zoom without sideways scrolling", async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 480 }]) {
    const page = await newPage(browser, { viewport });
    await page.goto(PAGE);
    await page.locator(`${KAART} .ww-card`).first().waitFor();
    await page.locator(`${KAART} .ww-filter-summary`).click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `${viewport.width}px: the page scrolls sideways (${width}px)`);
  }
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await page.goto(PAGE);
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  await assertAccessible(page, "320 px");
});

test("can be used with the keyboard alone: search, pick, filter, open details and return", async () => {
  const page = await openKaart();
  let focused = null;
  for (let presses = 0; presses < 30 && focused?.tag !== "input"; presses++) {
    await page.keyboard.press("Tab");
    focused = await focusedInWidget(page, KAART);
  }
  assert.equal(focused?.tag, "input", "Tab reaches the search box first");
  assert.equal(focused.outline, "solid", "with a visible focus ring");
  await page.keyboard.type("schulden", { delay: 20 });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  assert.ok((await cardNames(page))[0].includes("Schuld"));
  // Tab on to the first card's "Meer informatie" and open it with Enter.
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    focused = await focusedInWidget(page, KAART);
    assert.notEqual(focused?.outline, "none", `focus ring on ${focused?.text}`);
    if (focused?.text === "Meer informatie") break;
  }
  assert.equal(focused?.text, "Meer informatie");
  await page.keyboard.press("Enter");
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.activeElement?.localName === "h3", KAART);
  await page.keyboard.press("Shift+Tab");
  assert.match((await focusedInWidget(page, KAART)).text, /Terug naar alle hulp/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    (tag) => document.querySelector(tag).shadowRoot.activeElement?.textContent === "Meer informatie",
    KAART,
  );
});

test("speaks English when asked, and counts the results in a live region", async () => {
  const page = await openKaart();
  await page.evaluate((tag) => document.querySelector(tag).setAttribute("lang", "en"), KAART);
  await page.locator(`${KAART} .ww-results-area [role=status]`).getByText(`${demoServices().length} places to get help`).waitFor();
  assert.equal(await page.locator(`${KAART} .ww-search-label`).textContent(), "What do you need help with?");
  assert.match(await page.locator(`${KAART} .ww-card`).first().textContent(), /Call 0342/);
  await look(page, KAART, "English");
  // English questions find the Dutch services they mean, both needs of one sentence in view.
  await search(page, "I have debts and feel lonely");
  const top = (await cardNames(page)).slice(0, 5);
  assert.ok(top.some((name) => name.startsWith("Schuldhulp")), top.join(" | "));
  assert.ok(top.some((name) => name.startsWith("Buurtkamer") || name.startsWith("Maatje")), top.join(" | "));
  await search(page, "my son has autism");
  assert.equal((await cardNames(page))[0], "Autisme Steunpunt Veluwe");
  await look(page, KAART, "English question");
});

test("abbreviations, compounds written apart and service names find the service they mean", async () => {
  const page = await openKaart();
  await search(page, "MEE");
  assert.equal((await cardNames(page))[0], "Cliëntondersteuning MEE");
  await search(page, "huur achterstand");
  assert.equal((await cardNames(page))[0], "Woonstichting Lindenhoven");
  await search(page, "jeugdfonds sport");
  assert.equal((await cardNames(page))[0], "Jeugdfonds Sport en Cultuur");
  await look(page, KAART, "service named in the question");
});

test("near a postcode the best help stays first, and distance orders what is equally good", async () => {
  const page = await openKaart();
  await page.locator(`${KAART} input[autocomplete=postal-code]`).fill("3952");
  await page.locator(`${KAART} button`, { hasText: "Zoek in de buurt" }).click();
  await page.locator(`${KAART} .ww-place`).waitFor();
  await search(page, "schulden");
  const top = (await cardNames(page)).slice(0, 3);
  assert.ok(top.includes("Schuldhulpmaatje Lindenhoven") && top.includes("Schuldhulpverlening gemeente"), top.join(" | "));
  assert.ok(!top.some((n) => n.startsWith("Repair Café")), top.join(" | "));
});

test("on a phone, searching brings the results into view, and 'Mijn lijstje' can be reached from the top", async () => {
  const page = await openKaart(null, { viewport: { width: 390, height: 844 } });
  await input(page).fill("schulden");
  await input(page).press("Enter");
  await page.waitForFunction((tag) => {
    const summary = document.querySelector(tag).shadowRoot.querySelector(".ww-summary");
    const top = summary.getBoundingClientRect().top;
    return top > -2 && top < window.innerHeight / 2;
  }, KAART);
  await page.locator(`${KAART} .ww-card button`, { hasText: "Zet op mijn lijstje" }).first().click();
  const toList = page.locator(`${KAART} .ww-to-list`);
  assert.equal(await toList.textContent(), "Naar mijn lijstje (1)");
  await toList.click();
  await page.waitForFunction(
    (tag) => document.querySelector(tag).shadowRoot.activeElement?.classList.contains("ww-shortlist-title"),
    KAART,
  );
  await look(page, KAART, "phone, list reached from the top");
});

test("vague questions get a hint and the neighbourhood teams, lonely ones a short list", async () => {
  const page = await openKaart();
  for (const words of ["ik weet het niet meer", "???", "🙁🙁"]) {
    await search(page, words);
    await page.locator(`${KAART} .ww-empty-title`).getByText("We begrijpen je vraag nog niet goed").waitFor();
    const names = await cardNames(page);
    assert.ok(names.length > 0 && names.every((n) => /wijkteam/i.test(n)), `${words}: ${names.join(" | ")}`);
  }
  assert.equal(await page.locator(`${KAART} .ww-empty a`).getAttribute("href"), "/hulpwijzer.html");
  await look(page, KAART, "vague question");
  await search(page, "ik voel me zo alleen");
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  const total = Number((await count(page).textContent()).match(/\d+/)[0]);
  assert.ok(total <= 60, `${total} of 255`);
});

test("one offer in five neighbourhoods is one card that names the other places", async () => {
  const page = await openKaart();
  await search(page, "thuisadministratie");
  const cards = page.locator(`${KAART} .ww-card`);
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelectorAll(".ww-card").length === 1, KAART);
  const copies = cards.first().locator(".ww-copies");
  assert.equal(await copies.locator("summary").textContent(), "Ook op 4 andere plekken");
  await copies.locator("summary").click();
  assert.equal(await copies.locator("li").count(), 4);
  await look(page, KAART, "copies opened");
  await copies.locator("button").first().click();
  await page.locator(`${KAART} .ww-detail h3`).filter({ hasText: "Thuisadministratie" }).waitFor();
});

test("Escape closes the details, a suggestion never stutters, and empty filters say so first", async () => {
  const page = await openKaart();
  await page.locator(`${KAART} .ww-card button`, { hasText: "Meer informatie" }).first().click();
  await page.locator(`${KAART} .ww-detail`).waitFor();
  await page.keyboard.press("Escape");
  await page.locator(`${KAART} .ww-detail`).waitFor({ state: "detached" });
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.activeElement?.textContent === "Meer informatie", KAART);

  await input(page).focus();
  await page.keyboard.type("hulp bij formul", { delay: 20 });
  await page.waitForTimeout(300);
  const suggestions = await page.locator(`${KAART} [role=option]`).allTextContents();
  assert.ok(!suggestions.some((s) => /hulp bij formulierenhulp/.test(s)), suggestions.join(" | "));

});

test("when filters leave nothing, the message starts with the filters", async () => {
  // Sunday 29 November 2026, 3:00 at night: the food bank is closed.
  const page = await openKaart((p) => p.clock.setFixedTime(new Date("2026-11-29T03:00:00+01:00")));
  await search(page, "voedselbank");
  await page.locator(`${KAART} .ww-filter-summary`).click();
  await page.locator(`${KAART} .ww-chip`, { hasText: "Nu open" }).click();
  const title = page.locator(`${KAART} .ww-empty-title`);
  await title.waitFor();
  assert.equal(await title.textContent(), "Met deze filters vinden we geen hulp.");
  assert.match(await page.locator(`${KAART} .ww-tips li`).first().textContent(), /Je hebt filters gekozen/);
  await look(page, KAART, "no results with filters");
});

test("a web team can set when a cell counts as a blind spot", async () => {
  const page = await newPage(browser);
  await serveTestPage(
    page,
    "/e2e/drempel.html",
    hostPage(
      "Drempel",
      `<wegwijs-sociale-kaart index="/data/kaart.idx" postcodes="/data/postcodes.json" mode="medewerker" blind-spot-below="6"></wegwijs-sociale-kaart>`,
    ),
  );
  await page.goto(url("/e2e/drempel.html"));
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  await page.locator(`${KAART} .ww-coverage summary`).click();
  const cells = await page.locator(`${KAART} .ww-coverage-table tbody td`).evaluateAll((tds) =>
    tds.map((td) => [parseInt(td.textContent, 10), td.classList.contains("ww-blind")]),
  );
  assert.ok(cells.some(([, blind]) => blind), "thin help is flagged");
  for (const [count, blind] of cells) assert.equal(blind, count < 6, `${count} places`);
  await page.locator(`${KAART} .ww-coverage`).getByText("Een witte vlek heeft minder dan 6 plekken.").waitFor();
  await look(page, KAART, "coverage with a higher threshold");
});
