// The social map in the demo portal: what residents see, what goes wrong, and how it reads.
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  ROOT, assertAccessible, assertNoProblems, assertWidgetAccessible, demoServices,
  focusedInWidget, launch, newPage, url,
} from "./support.mjs";

const KAART = "wegwijs-sociale-kaart";
const PAGE = url("/sociale-kaart.html");
const DATA = url("/data/kaart.json");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openKaart(setup) {
  const page = await newPage(browser);
  await setup?.(page);
  const response = await page.goto(PAGE);
  assert.equal(response.status(), 200);
  return page;
}

const shadowText = (page) =>
  page.evaluate((tag) => document.querySelector(tag).shadowRoot.textContent, KAART);

test("shows every service of the demo data with its contact details", async () => {
  const page = await openKaart();
  const services = demoServices();
  const cards = page.locator(`${KAART} .ww-card`);
  await cards.first().waitFor();
  assert.equal(await cards.count(), services.length);
  await page.locator(`${KAART} .ww-count`).getByText(`${services.length} plekken voor hulp`).waitFor();

  const first = cards.first();
  assert.equal(await first.locator("h3").textContent(), services[0].name);
  assert.equal(await first.locator(".ww-org").textContent(), services[0].organization.name);
  assert.equal(await first.locator("a[href^='tel:']").getAttribute("href"), "tel:0342412010");
  assert.equal(
    await first.locator("a[href^='mailto:']").getAttribute("href"),
    `mailto:${services[0].email}`,
  );
  assert.equal(await first.locator("a[href^='https:']").getAttribute("href"), services[0].url);
  assert.match(await first.textContent(), /Kerkstraat 12, 3951 \w\w Lindenhoven/);
  const root = page.locator(`${KAART} .ww-root`);
  assert.equal(await root.getAttribute("lang"), "nl");
  assert.equal(await root.getAttribute("dir"), "ltr");
  assert.equal(await root.getAttribute("translate"), "no");
  assertNoProblems(page);
});

test("has no accessibility violations with results, on the whole page and inside the widget", async () => {
  const page = await openKaart();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  await assertAccessible(page, "sociale kaart with results");
  await assertWidgetAccessible(page, KAART, "results");
});

test("shows a calm loading state while the data is on its way, and it is accessible", async () => {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const page = await openKaart((p) =>
    p.route(DATA, async (route) => {
      await released;
      await route.continue();
    }),
  );
  await page.locator(`${KAART} .ww-loading`).getByText("De hulp in de buurt wordt geladen").waitFor();
  await assertWidgetAccessible(page, KAART, "loading");
  release();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
});

const failures = [
  {
    name: "a missing file (404)",
    route: (route) => route.fulfill({ status: 404, body: "Not Found" }),
    title: "We kunnen de lijst met hulp niet vinden",
    retry: false,
    consoleErrors: [/404/],
  },
  {
    name: "broken JSON",
    route: (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"contents": [{"name": ' }),
    title: "De lijst met hulp is beschadigd",
    retry: false,
  },
  {
    name: "JSON that is not a service list",
    route: (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"hello": "world"}' }),
    title: "De lijst met hulp is beschadigd",
    retry: false,
  },
  {
    name: "an empty list",
    route: (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"contents": []}' }),
    title: "Er staat nog geen hulp op deze kaart",
    retry: false,
  },
  {
    name: "a server error (503)",
    route: (route) => route.fulfill({ status: 503, body: "Unavailable" }),
    title: "De website heeft een storing",
    retry: true,
    consoleErrors: [/503/],
  },
  {
    name: "a server that is down",
    route: (route) => route.abort("connectionrefused"),
    title: "De hulp in de buurt kan nu niet laden",
    retry: true,
    consoleErrors: [/ERR_CONNECTION_REFUSED/],
  },
];

for (const failure of failures) {
  test(`explains ${failure.name} in plain Dutch, accessibly`, async () => {
    const page = await openKaart((p) => p.route(DATA, failure.route));
    const notice = page.locator(`${KAART} [role=alert]`);
    await notice.getByText(failure.title).waitFor();
    assert.equal(await page.locator(`${KAART} button`).count(), failure.retry ? 1 : 0);
    await assertWidgetAccessible(page, KAART, failure.name);
    assertNoProblems(page, failure.consoleErrors ?? []);
  });
}

test("after the server was down, 'Probeer het opnieuw' loads the map", async () => {
  let calls = 0;
  const page = await openKaart((p) =>
    p.route(DATA, (route) => (++calls === 1 ? route.abort("connectionrefused") : route.continue())),
  );
  const retry = page.locator(`${KAART} button`, { hasText: "Probeer het opnieuw" });
  await retry.waitFor();
  await retry.click();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  assert.equal(calls, 2);
  assert.equal(await page.locator(`${KAART} .ww-card`).count(), demoServices().length);
});

test("renders hostile data as harmless, readable text", async () => {
  const hostile = readFileSync(`${ROOT}tests/fixtures/e2e/hostile.json`, "utf8");
  const page = await openKaart((p) =>
    p.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/json", body: hostile })),
  );
  const cards = page.locator(`${KAART} .ww-card`);
  await cards.first().waitFor();
  // Six services have a name; the one without a name is left out.
  assert.equal(await cards.count(), 6);
  const inside = await page.evaluate((tag) => {
    const shadow = document.querySelector(tag).shadowRoot;
    return {
      scripts: shadow.querySelectorAll("script, iframe, img, b").length,
      hrefs: [...shadow.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      pwned: window.pwned,
      text: shadow.textContent,
    };
  }, KAART);
  assert.equal(inside.scripts, 0, "no markup from the data was created");
  assert.equal(inside.pwned, undefined, "no script from the data ran");
  for (const href of inside.hrefs) {
    assert.match(href, /^(tel:|mailto:|https?:)/, `unexpected link ${href}`);
    assert.doesNotMatch(href, /bcc|javascript|data:/i);
  }
  assert.deepEqual(inside.hrefs, ["tel:0342123456"]);
  assert.ok(inside.text.includes("<script>window.pwned = 1</script>Hulp met <b>vet</b>"));
  // The 10 000-character description is cut to a short summary on the card.
  const longCard = cards.filter({ hasText: "Heel lange tekst" });
  assert.ok((await longCard.locator(".ww-summary").textContent()).length <= 180);
  await assertWidgetAccessible(page, KAART, "hostile data");
  assertNoProblems(page);
});

test("hostile data stays inside the card at 320 px wide", async () => {
  const hostile = readFileSync(`${ROOT}tests/fixtures/e2e/hostile.json`, "utf8");
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/json", body: hostile }));
  await page.goto(PAGE);
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `the page scrolls sideways: ${overflow}px`);
});

test("reflows to 320 px without sideways scrolling", async () => {
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await page.goto(PAGE);
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `the page scrolls sideways: ${width}px`);
  await assertAccessible(page, "320 px");
});

test("can be used with the keyboard alone, with a visible focus ring", async () => {
  const page = await openKaart();
  const services = demoServices();
  await page.locator(`${KAART} .ww-card`).first().waitFor();
  // Tab from the top of the page until focus enters the widget.
  let inside = null;
  for (let presses = 0; presses < 30 && !inside; presses++) {
    await page.keyboard.press("Tab");
    inside = await focusedInWidget(page, KAART);
  }
  assert.ok(inside, "Tab reaches the widget");
  const expected = services.slice(0, 2).flatMap((s) => [
    `tel:${s.phones[0].number.replace(/[^\d+]/g, "")}`,
    `mailto:${s.email}`,
    s.url,
  ]);
  const visited = [inside];
  for (let i = 1; i < expected.length; i++) {
    await page.keyboard.press("Tab");
    visited.push(await focusedInWidget(page, KAART));
  }
  assert.deepEqual(visited.map((f) => f.href), expected);
  for (const focused of visited) {
    assert.equal(focused.outline, "solid", `focus ring on ${focused.href}`);
    assert.notEqual(focused.outlineWidth, "0px");
  }
  await page.keyboard.press("Shift+Tab");
  assert.equal((await focusedInWidget(page, KAART)).href, expected.at(-2), "Shift+Tab goes back");
});

test("speaks English when asked, and counts the results in a live region", async () => {
  const page = await openKaart();
  await page.evaluate((tag) => document.querySelector(tag).setAttribute("lang", "en"), KAART);
  const region = page.locator(`${KAART} [role=status][aria-live=polite]`);
  await region.getByText(`${demoServices().length} places to get help`).waitFor();
  assert.equal(await page.locator(`${KAART} h2`).textContent(), "Social map");
  assert.match(await shadowText(page), /Call 0342/);
});
