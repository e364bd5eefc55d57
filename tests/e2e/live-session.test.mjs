// Live sessions of the samenwerkingsscan against the real Wegwijs server: a facilitator and
// three respondents, each in a browser of their own, one of whom loses the connection.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { assertNoProblems, launch, look, newPage, printed, url } from "./support.mjs";

const SCAN = "wegwijs-samenwerkingsscan";
const PAGE = url("/samenwerkingsscan.html");
const DIMENSIONS = 14;
const PHONE = { viewport: { width: 390, height: 800 } };
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const inScan = (page, selector, text) =>
  page.locator(`${SCAN} ${selector}`, text === undefined ? {} : { hasText: text });
const button = (page, text) => inScan(page, "button", text);

async function open(options = {}, address = PAGE) {
  const page = await newPage(browser, { acceptDownloads: true, ...options });
  await page.goto(address);
  await inScan(page, ".ww-step-title").first().waitFor();
  return page;
}

/** Answers every part with `now` and `desired` (all on one screen) and finishes. */
async function fillIn(page, now, desired, { finish = true } = {}) {
  const table = inScan(page, ".ww-check input");
  if (!(await table.isChecked())) await table.check();
  const dimensions = inScan(page, ".ww-dimension");
  assert.equal(await dimensions.count(), DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i++) {
    const groups = dimensions.nth(i).locator("fieldset");
    await groups.nth(0).locator(".ww-scale-option").nth(now - 1).click();
    await groups.nth(1).locator(".ww-scale-option").nth(desired - 1).click();
  }
  if (finish) await button(page, "Klaar: naar mijn uitslag").click();
}

const sendStatus = (page, text) => inScan(page, ".ww-send-status", text);

/** The facilitator's team table: the median "now" of every row. */
async function mediansNow(page) {
  return inScan(page, ".ww-team-table tbody tr td:nth-child(2)").allTextContents();
}

test("a facilitator and three respondents run a live session; the team view follows without reload", async () => {
  const host = await open();
  assert.ok(await inScan(host, ".ww-hint", "live sessie").count(), "the start screen says what a live session sends");
  await button(host, "Ik start een live sessie voor mijn team").click();
  const display = inScan(host, ".ww-join-display");
  await display.waitFor();
  const grouped = (await display.textContent()).trim();
  assert.match(grouped, /^[ACDEFGHJKMNPQRTWXY34679]{3}-[ACDEFGHJKMNPQRTWXY34679]{3}$/);
  const code = grouped.replace("-", "");
  const link = (await inScan(host, ".ww-live-join a").textContent()).trim();
  assert.equal(link, `${PAGE}#scan?sessie=${code}`);
  const qr = inScan(host, "svg.ww-qr");
  assert.equal(await qr.getAttribute("role"), "img");
  assert.match(await qr.getAttribute("aria-label"), /QR-code/);
  assert.ok((await qr.locator("path").getAttribute("d")).length > 500, "the QR code is drawn");
  await inScan(host, ".ww-live-count", "0 antwoorden binnen").waitFor();
  await look(host, SCAN, "live session open");

  // One respondent opens the link on a phone.
  const first = await open(PHONE, link);
  // In running text the code keeps its two halves on one line (a hyphen that does not break).
  await inScan(first, ".ww-live-banner", `live sessie ${grouped.replace("-", "\u2011")}`).waitFor();
  await look(first, SCAN, "live respondent joined");
  await fillIn(first, 2, 4);
  await sendStatus(first, "Verstuurd").waitFor();
  await look(first, SCAN, "live respondent sent");
  await inScan(host, ".ww-live-count", "1 antwoord binnen").waitFor();
  await inScan(host, ".ww-note", "vanaf 3 antwoorden").waitFor();

  // The facilitator's browser keeps the session through a reload.
  await host.reload();
  await button(host, "Ik start een live sessie voor mijn team").click();
  await inScan(host, ".ww-join-display", grouped).waitFor();
  await inScan(host, ".ww-live-count", "1 antwoord binnen").waitFor();

  // The second types the code, as read aloud: lower case, with the dash.
  const second = await open(PHONE);
  await inScan(second, ".ww-join input").fill(grouped.toLowerCase());
  await button(second, "Doe mee").click();
  await inScan(second, ".ww-live-banner").waitFor();
  await fillIn(second, 3, 4);
  await sendStatus(second, "Verstuurd").waitFor();
  await inScan(host, ".ww-live-count", "2 antwoorden binnen").waitFor();
  assert.equal(await inScan(host, ".ww-team-table").count(), 0, "no team view from two answers");

  // The third loses the connection just before finishing, and gets it back.
  const third = await open(PHONE, link);
  await inScan(third, ".ww-live-banner").waitFor();
  await fillIn(third, 4, 5, { finish: false });
  await third.context().setOffline(true);
  await button(third, "Klaar: naar mijn uitslag").click();
  await sendStatus(third, "Nog niet verstuurd").waitFor();
  assert.ok(await inScan(third, ".ww-code").isVisible(), "the share code is offered instead");
  await look(third, SCAN, "live respondent offline");
  await third.context().setOffline(false);
  await sendStatus(third, "Verstuurd").waitFor({ timeout: 20_000 });

  await inScan(host, ".ww-live-count", "3 antwoorden binnen").waitFor();
  await inScan(host, ".ww-team-table").waitFor();
  assert.deepEqual(await mediansNow(host), Array(DIMENSIONS).fill("3"));
  await look(host, SCAN, "live session team view");

  // The first changes their answers: still three respondents, other medians.
  await button(first, "Pas mijn antwoorden aan").click();
  await fillIn(first, 5, 5);
  await sendStatus(first, "Verstuurd").waitFor();
  await host.waitForFunction(
    (tag) => [...document.querySelector(tag).shadowRoot.querySelectorAll(".ww-team-table tbody tr td:nth-child(2)")].every((td) => td.textContent === "4"),
    SCAN,
  );
  await inScan(host, ".ww-live-count", "3 antwoorden binnen").waitFor();

  // Closing: later answers are refused, and the respondent is told what to do.
  await button(host, "Sluit de sessie").click();
  await inScan(host, ".ww-note-box", "De sessie is gesloten").waitFor();
  await button(second, "Pas mijn antwoorden aan").click();
  await fillIn(second, 1, 1);
  await sendStatus(second, "al gesloten").waitFor();
  assert.deepEqual(await mediansNow(host), Array(DIMENSIONS).fill("4"));

  // The export is the offline one.
  const [download] = await Promise.all([host.waitForEvent("download"), button(host, "Download JSON").click()]);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
  assert.equal(exported.responses.length, 3);
  const paper = await printed(host, SCAN, "live session report", () => button(host, "Print rapport").click());
  assert.ok(paper.text.includes("3 deelnemers"), "the report is printed");
  assert.ok(!paper.text.includes(grouped), "the join code is not on paper");
  assert.deepEqual(paper.controls, [], "no buttons or form fields on paper");
  await host.emulateMedia({ media: "screen" });

  // Deleting: everything goes, at once.
  await button(host, "Verwijder de sessie nu").click();
  await look(host, SCAN, "live session delete confirmation");
  await button(host, "Ja, verwijder alles").click();
  await inScan(host, ".ww-note-box", "bestaat niet meer").waitFor();
  const gone = await host.request.get(url(`/api/sessions/${code}`));
  assert.equal(gone.status(), 404);
  for (const page of [host, first, second, third]) {
    assertNoProblems(page, [/409|ERR_INTERNET_DISCONNECTED|Failed to fetch/]);
    await page.context().close();
  }
});

test("wrong codes, an unreachable server and a link to another scan's session each say what to do", async () => {
  const page = await open(PHONE);
  const field = inScan(page, ".ww-join input");
  const problem = inScan(page, ".ww-join .ww-field-error");
  await field.fill("KMT4");
  await button(page, "Doe mee").click();
  await problem.filter({ hasText: "Een code heeft 6 tekens" }).waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  await field.fill("ACD-EFG");
  await button(page, "Doe mee").click();
  await problem.filter({ hasText: "Deze code kennen we niet" }).waitFor();
  await look(page, SCAN, "live join unknown code");

  await page.route(url("/api/**"), (route) => route.abort("connectionrefused"));
  await field.fill("ACD-EFG");
  await button(page, "Doe mee").click();
  await problem.filter({ hasText: "De server is nu niet bereikbaar" }).waitFor();
  await button(page, "Ik start een live sessie voor mijn team").click();
  await inScan(page, ".ww-error-title", "De live sessie kon niet starten").waitFor();
  await look(page, SCAN, "live session server down");
  await button(page, "Werk met deelcodes").click();
  await inScan(page, "textarea").waitFor();
  assertNoProblems(page, [/ERR_CONNECTION_REFUSED|404|Failed to fetch/]);
  await page.context().close();

  // A session opened for another instrument.
  const opened = await (await fetch(url("/api/sessions"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ instrument: "vormen-van-samenwerking", shape: { fingerprint: 1, dimensions: DIMENSIONS } }),
  })).json();
  const late = await open(PHONE, `${PAGE}#scan?sessie=${opened.code}`);
  await inScan(late, ".ww-error", "hoort bij een andere scan").waitFor();
  assertNoProblems(late);
  await late.context().close();
});
