// The samenwerkingsscan in the demo portal: respondents fill it in on their own devices, a
// facilitator combines their codes into the team view, without any server.
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { assertNoProblems, launch, look, newPage, printed, url } from "./support.mjs";

const SCAN = "wegwijs-samenwerkingsscan";
const PAGE = url("/samenwerkingsscan.html");
const DIMENSIONS = 14;
const SYSTEMEN = 0;
const GELIJKWAARDIGHEID = 11;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openScan(hash = "", options = {}, address = PAGE) {
  const page = await newPage(browser, { acceptDownloads: true, ...options });
  await page.goto(address + hash);
  await page.locator(`${SCAN} .ww-step-title`).first().waitFor();
  return page;
}

const button = (page, text) => page.locator(`${SCAN} button`, { hasText: text });
const focusedHeading = (page) =>
  page.waitForFunction(
    (tag) => document.querySelector(tag).shadowRoot.activeElement?.classList.contains("ww-step-title"),
    SCAN,
  );

/** The same answer everywhere, with exceptions: `{ now: {0: 1}, desired: {11: 5} }`. */
function answers(now, desired, exceptions = {}) {
  return {
    now: Array.from({ length: DIMENSIONS }, (_, i) => exceptions.now?.[i] ?? now),
    desired: Array.from({ length: DIMENSIONS }, (_, i) => exceptions.desired?.[i] ?? desired),
  };
}

/**
 * Fills in the scan on one screen and returns the share code. `desired` is left out for an
 * instrument that asks only how it is now.
 */
async function respond(page, { now, desired }) {
  await button(page, "Ik vul de scan in").click();
  // A wide screen starts with every part in one compact table: one row of answers per question.
  assert.ok(await page.locator(`${SCAN} .ww-check input`).isChecked(), "wide screens start with the table");
  const dimensions = page.locator(`${SCAN} .ww-dimension`);
  assert.equal(await dimensions.count(), now.length);
  const tops = await dimensions.first().locator("fieldset").first().locator(".ww-scale-option").evaluateAll(
    (options) => options.map((option) => Math.round(option.getBoundingClientRect().top)),
  );
  assert.equal(tops.length, 6);
  assert.equal(new Set(tops).size, 1, `the six answers sit on one row: ${tops}`);
  for (let i = 0; i < now.length; i++) {
    const groups = dimensions.nth(i).locator("fieldset");
    assert.equal(await groups.count(), desired ? 2 : 1);
    await groups.nth(0).locator(".ww-scale-option").nth(now[i] - 1).click();
    if (desired) await groups.nth(1).locator(".ww-scale-option").nth(desired[i] - 1).click();
  }
  assert.equal(
    await page.locator(`${SCAN} .ww-progress-text`).textContent(),
    `${now.length} van ${now.length} onderdelen ingevuld`,
  );
  await button(page, "Klaar: naar mijn uitslag").click();
  await page.locator(`${SCAN} .ww-code`).waitFor();
  return (await page.locator(`${SCAN} .ww-code`).textContent()).trim();
}

/** Three colleagues, each on a device of their own. */
async function threeCodes() {
  const team = [
    answers(3, 4, { now: { [SYSTEMEN]: 1 }, desired: { [GELIJKWAARDIGHEID]: 5 } }),
    answers(3, 4, { desired: { [GELIJKWAARDIGHEID]: 5 } }),
    answers(3, 4, { now: { [SYSTEMEN]: 5 }, desired: { [GELIJKWAARDIGHEID]: 5 } }),
  ];
  const codes = [];
  for (const member of team) {
    const page = await openScan();
    codes.push(await respond(page, member));
    assertNoProblems(page);
    await page.context().close();
  }
  return codes;
}

async function openTeam(codes, address = PAGE) {
  const page = await openScan("", {}, address);
  await button(page, "Ik combineer de antwoorden van mijn team").click();
  if (codes.length > 0) await addCodes(page, codes.join("\n"));
  return page;
}

async function addCodes(page, text) {
  await page.locator(`${SCAN} textarea`).fill(text);
  await button(page, "Voeg toe").click();
}

/** The team table as rows of cell texts, keyed by dimension. */
async function teamTable(page) {
  const rows = await page.locator(`${SCAN} .ww-team-table tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );
  return Object.fromEntries(rows.map(([name, ...cells]) => [name, cells]));
}

let shared;
async function codesOnce() {
  shared ??= await threeCodes();
  return shared;
}

test("on a phone a respondent goes through the scan one part at a time, by keyboard, and gets a code", async () => {
  const page = await openScan("", { viewport: { width: 390, height: 800 } });
  await look(page, SCAN, "start");
  await button(page, "Ik vul de scan in").focus();
  await page.keyboard.press("Enter");
  await focusedHeading(page);
  assert.ok(!(await page.locator(`${SCAN} .ww-check input`).isChecked()), "a phone starts with one part per screen");
  await page.locator(`${SCAN} .ww-progress-text`, { hasText: "Onderdeel 1 van 14" }).waitFor();
  assert.equal(await page.locator(`${SCAN} h2.ww-step-title`).textContent(), "Systemen");
  await look(page, SCAN, "one part");
  // An untouched question shows no answer, not even "Weet ik niet".
  assert.equal(await page.locator(`${SCAN} input:checked`).count(), 0);
  // Keyboard only: into the first radio group, arrows pick a point on the scale.
  await page.locator(`${SCAN} fieldset`).first().locator("input").first().focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  const checked = await page.locator(`${SCAN} fieldset`).first().locator("input:checked").evaluate(
    (input) => input.closest("label").textContent.trim(),
  );
  assert.match(checked, /^2/);
  // "Weet ik niet" is a choice of its own.
  await page.locator(`${SCAN} fieldset`).nth(1).locator("input").last().focus();
  await page.keyboard.press("Space");
  assert.ok(await page.locator(`${SCAN} fieldset`).nth(1).locator("input").last().isChecked());
  await button(page, "Volgende").click();
  await focusedHeading(page);
  assert.equal(await page.locator(`${SCAN} h2.ww-step-title`).textContent(), "Faciliteiten");
  await button(page, "Vorige").click();
  await focusedHeading(page);
  assert.ok(await page.locator(`${SCAN} fieldset`).first().locator("input").nth(1).isChecked(), "the answer is kept");
  for (let i = 0; i < DIMENSIONS - 1; i++) await button(page, "Volgende").click();
  await button(page, "Klaar: naar mijn uitslag").click();
  await focusedHeading(page);
  assert.equal(await page.locator(`${SCAN} h2.ww-step-title`).textContent(), "Jouw uitslag");
  const code = (await page.locator(`${SCAN} .ww-code`).textContent()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/, code);
  const table = await page.locator(`${SCAN} .ww-coverage-table tbody tr`).first().textContent();
  assert.equal(table, "Systemen2Weet ik niet");
  await look(page, SCAN, "personal result");
  assertNoProblems(page);
});

test("three codes give the team view: medians, disagreement, the largest gap and the model", async () => {
  const codes = await codesOnce();
  assert.equal(new Set(codes).size, 3, "every respondent has a code of their own");
  const page = await openTeam(codes);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  const table = await teamTable(page);
  // Midden nu, midden gewenst, verschil, van–tot, spreiding, antwoorden, onenigheid.
  assert.deepEqual(table["Systemen"].slice(0, 5), ["3", "4", "1", "1–5", "2"]);
  assert.match(table["Systemen"][6], /Ver uiteen|Laag én hoog/);
  assert.deepEqual(table["Faciliteiten"], ["3", "4", "1", "3–3", "0", "12345", ""]);
  assert.deepEqual(table["Gelijkwaardigheid van disciplines"].slice(0, 3), ["3", "5", "2"]);
  const flagged = await page.locator(`${SCAN} .ww-team-table tr.ww-flagged th`).allTextContents();
  assert.deepEqual(flagged, ["Systemen"]);
  const firstGap = await page.locator(`${SCAN} .ww-gaps > li`).first().textContent();
  assert.ok(firstGap.startsWith("Gelijkwaardigheid van disciplines 2 punten hoger gewenst"), firstGap);
  // Each gap has the tips of its own dimension; advice for all parts comes once.
  const gapTips = await page.locator(`${SCAN} .ww-gaps > li li`).allTextContents();
  assert.ok(!gapTips.some((t) => t.startsWith("Monitor de samenwerking")), gapTips.join(" | "));
  assert.equal(new Set(gapTips).size, gapTips.length, "no tip repeated under every gap");
  await page.locator(`${SCAN} li`, { hasText: "Monitor de samenwerking: benoem de spanningen." }).waitFor();
  assert.match(await page.locator(`${SCAN} section`, { hasText: "Lijkt het meest op" }).textContent(), /: jullie \d(,5)?, bij dit model hoort \d/);
  assert.deepEqual(await page.locator(`${SCAN} svg.ww-radar .ww-radar-scale`).allTextContents(), ["1", "2", "3", "4", "5"]);
  assert.equal(await page.locator(`${SCAN} .ww-gaps > li`).first().locator("li").count() > 0, true, "tips");
  await page.locator(`${SCAN} h3`, { hasText: "Lijkt het meest op:" }).waitFor();
  assert.equal(await page.locator(`${SCAN} svg.ww-radar .ww-radar-now`).count(), 1);
  assert.equal(await page.locator(`${SCAN} svg.ww-dots`).count(), DIMENSIONS);
  await look(page, SCAN, "team view");
  assertNoProblems(page);
});

test("with fewer than three people the team view hides who answered what", async () => {
  const codes = await codesOnce();
  const page = await openTeam([codes[0]]);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "1 deelnemer" }).waitFor();
  await page.locator(`${SCAN} .ww-note-box`, { hasText: "Met één deelnemer tonen we nog niets" }).waitFor();
  assert.equal(await page.locator(`${SCAN} .ww-team-table`).count(), 0);
  await addCodes(page, codes[2]);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "2 deelnemers" }).waitFor();
  await page.locator(`${SCAN} .ww-note-box`, { hasText: "alleen het midden" }).waitFor();
  const headers = await page.locator(`${SCAN} .ww-team-table thead th`).allTextContents();
  assert.ok(!headers.includes("Van – tot") && !headers.includes("Antwoorden"), headers.join("|"));
  assert.equal(await page.locator(`${SCAN} svg.ww-dots`).count(), 0);
  assert.deepEqual((await teamTable(page))["Systemen"].slice(0, 3), ["3", "4", "1"]);
  await look(page, SCAN, "two people");
  // Back to the start and in again: the codes are still there.
  await button(page, "Terug naar het begin").click();
  await focusedHeading(page);
  await button(page, "Ik combineer de antwoorden van mijn team").click();
  await page.locator(`${SCAN} .ww-lead`, { hasText: "2 deelnemers" }).waitFor();
  assertNoProblems(page);
});

test("answers and codes stay in the tab through a reload, and nowhere else", async () => {
  const codes = await codesOnce();
  const page = await openScan();
  const elsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(url("/"))) elsewhere.push(request.url());
  });
  await button(page, "Ik vul de scan in").click();
  const dimensions = page.locator(`${SCAN} .ww-dimension`);
  for (let i = 0; i < 3; i++) {
    await dimensions.nth(i).locator("fieldset").first().locator(".ww-scale-option").nth(i + 1).click();
  }
  await button(page, "Terug naar het begin").click();
  await button(page, "Ik combineer de antwoorden van mijn team").click();
  await addCodes(page, codes.slice(0, 2).join("\n"));
  await page.locator(`${SCAN} .ww-lead`, { hasText: "2 deelnemers" }).waitFor();

  // A reload (or a phone that dropped the tab) loses nothing.
  await page.reload();
  const resume = page.locator(`${SCAN} .ww-note-box`, { hasText: "Je hebt al 3 van 14 onderdelen ingevuld" });
  await resume.waitFor();
  await look(page, SCAN, "start with kept answers");
  await page.setViewportSize({ width: 390, height: 800 });
  await button(page, "Ik vul de scan in").click();
  await page.locator(`${SCAN} .ww-progress-text`, { hasText: "Onderdeel 4 van 14" }).waitFor();
  await button(page, "Vorige").click();
  assert.ok(await page.locator(`${SCAN} fieldset`).first().locator("input").nth(3).isChecked(), "the third answer (4) is kept");
  await button(page, "Terug naar het begin").click();
  await button(page, "Ik combineer de antwoorden van mijn team").click();
  await page.locator(`${SCAN} .ww-lead`, { hasText: "2 deelnemers" }).waitFor();

  // A new team in the same tab starts empty after 'Alle codes weghalen'.
  await button(page, "Alle codes weghalen").click();
  await page.locator(`${SCAN} .ww-lead`, { hasText: "0 deelnemers" }).waitFor();
  await page.locator(`${SCAN} [role=status]`, { hasText: "Alle codes zijn weggehaald" }).waitFor();

  // Starting again clears the answers, in the tab as well.
  await button(page, "Terug naar het begin").click();
  await button(page, "Opnieuw beginnen").click();
  await page.locator(`${SCAN} [role=status]`, { hasText: "Je antwoorden zijn gewist" }).waitFor();
  assert.equal(await resume.count(), 0);
  await page.reload();
  await button(page, "Ik combineer de antwoorden van mijn team").click();
  await page.locator(`${SCAN} .ww-lead`, { hasText: "0 deelnemers" }).waitFor();
  await button(page, "Terug naar het begin").click();
  assert.equal(await resume.count(), 0);

  // Another tab has nothing, and nothing went to any other address.
  const other = await openScan();
  await button(other, "Ik combineer de antwoorden van mijn team").click();
  await other.locator(`${SCAN} .ww-lead`, { hasText: "0 deelnemers" }).waitFor();
  assert.deepEqual(elsewhere, []);
  assertNoProblems(page);
  assertNoProblems(other);
});

test("wrong, damaged and repeated codes are refused or counted once, with a reason", async () => {
  const codes = await codesOnce();
  const damaged = codes[1].replace(/[0-9A-Z](?=[^-]*$)/, (c) => (c === "A" ? "B" : "A"));
  const page = await openTeam([]);
  await addCodes(page, ["hallo team", damaged, codes[0], codes[0], `${PAGE}#scan?code=${codes[2]}`].join("\n"));
  const refused = page.locator(`${SCAN} .ww-error[role=alert] li`);
  await refused.first().waitFor();
  const reasons = await refused.allTextContents();
  assert.equal(reasons.length, 2, reasons.join("\n"));
  assert.match(reasons[0], /^hallo team: Dit is geen code van de scan/);
  assert.match(reasons[1], /Deze code klopt niet/);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "2 deelnemers" }).waitFor();
  await page.locator(`${SCAN} .ww-note`, { hasText: "1 code was dubbel" }).waitFor();
  await page.locator(`${SCAN} [role=status]`, { hasText: "3 codes toegevoegd. Nu: 2 deelnemers. 1 code was dubbel." }).waitFor();
  await look(page, SCAN, "refused codes");
  // The refusals belong to that paste: the next one starts clean.
  await addCodes(page, codes[1]);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  assert.equal(await refused.count(), 0, "old refusals are gone");
  assertNoProblems(page);
});

test("a link with a code opens the team view with that answer", async () => {
  const codes = await codesOnce();
  const page = await openScan(`#scan?code=${codes[0]}`);
  await page.locator(`${SCAN} h2`, { hasText: "Teamuitslag" }).waitFor();
  await page.locator(`${SCAN} .ww-lead`, { hasText: "1 deelnemer" }).waitFor();
  assert.equal(new URL(page.url()).hash, "", "the code leaves the address bar");
  await look(page, SCAN, "one person");
  assertNoProblems(page);
});

test("exports: JSON and CSV download, CSV re-import, comparison with an earlier round", async () => {
  const codes = await codesOnce();
  const page = await openTeam(codes);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  const download = async (label) => {
    const [file] = await Promise.all([page.waitForEvent("download"), button(page, label).click()]);
    return { name: file.suggestedFilename(), path: await file.path() };
  };
  const json = await download("Download JSON");
  assert.match(json.name, /^samenwerkingsscan-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile(json.path, "utf8"));
  assert.equal(exported.responses.length, 3);
  const aggregates = await download("Download CSV: cijfers");
  const csv = await readFile(aggregates.path, "utf8");
  assert.ok(csv.split("\n")[0].includes("Systemen") || csv.includes("Systemen"), csv.slice(0, 200));
  const responses = await download("Download CSV: antwoorden");

  // Another facilitator opens the answers from the CSV file.
  const other = await openTeam([]);
  await other.locator(`${SCAN} input[type=file]`).first().setInputFiles(responses.path);
  await other.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  assert.deepEqual((await teamTable(other))["Gelijkwaardigheid van disciplines"].slice(0, 3), ["3", "5", "2"]);
  // The earlier round (the JSON export) next to this one.
  await other.locator(`${SCAN} input[type=file]`).nth(1).setInputFiles(json.path);
  const caption = other.locator(`${SCAN} caption`, { hasText: "Vergelijking met ronde" });
  await caption.waitFor();
  await look(other, SCAN, "comparison");
  // A file that is not an export is refused with a reason.
  await other.locator(`${SCAN} input[type=file]`).first().setInputFiles({
    name: "boodschappen.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("melk;brood\n1;2\n"),
  });
  await other.locator(`${SCAN} .ww-error li`, { hasText: "boodschappen.csv" }).waitFor();
  assertNoProblems(page);
  assertNoProblems(other);
});

test("the report prints without the forms, and the scan fits a 320 px screen", async () => {
  const codes = await codesOnce();
  const page = await openTeam(codes);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  await page.setViewportSize({ width: 320, height: 640 });
  await look(page, SCAN, "team view, 320 px");
  await page.locator(SCAN).getByLabel("Naam van het team").fill("Wijkteam Oosterhof");
  const paper = await printed(page, SCAN, "team report", () => button(page, "Print rapport").click());
  for (const expected of ["Teamuitslag", "Wijkteam Oosterhof — Rapport van 20", "3 deelnemers", "Systemen", "Gelijkwaardigheid van disciplines"]) {
    assert.ok(paper.text.includes(expected), `the report shows "${expected}"`);
  }
  assert.deepEqual(paper.controls, [], "no buttons or form fields on paper");
  assert.ok(paper.charts.includes("ww-radar"), `the chart is printed: ${paper.charts}`);
  assertNoProblems(page);
});

test("in English and at 320 px, the table of all parts stays readable and accessible", async () => {
  const page = await openScan("", { viewport: { width: 320, height: 640 } });
  await page.evaluate((tag) => document.querySelector(tag).setAttribute("lang", "en"), SCAN);
  await button(page, "I fill in the scan").click();
  await focusedHeading(page);
  const table = page.locator(`${SCAN} .ww-check`, { hasText: "Everything on one screen" }).locator("input");
  assert.ok(!(await table.isChecked()), "a narrow widget starts with one part per screen");
  await table.check();
  await page.locator(`${SCAN} .ww-progress-text`, { hasText: "0 of 14 parts answered" }).waitFor();
  assert.equal(await page.locator(`${SCAN} .ww-dimension`).count(), DIMENSIONS);
  assert.equal(await page.locator(`${SCAN} legend`).first().textContent(), "How is it now?");
  await page.locator(`${SCAN} .ww-dimension`).nth(3).locator(".ww-scale-option").nth(4).click();
  await page.locator(`${SCAN} .ww-progress-text`, { hasText: "1 of 14 parts answered" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await look(page, SCAN, "all parts, English, 320 px");
  assertNoProblems(page);
});

test("a missing, broken or unreachable instrument file gives a clear message", async () => {
  const page = await newPage(browser);
  let answer = "broken";
  await page.route(url("/data/scan-vormen.json"), (route) => {
    if (answer === "broken") {
      return route.fulfill({ status: 200, contentType: "application/json", body: '{"dimensions": []}' });
    }
    if (answer === "missing") return route.fulfill({ status: 404, body: "Not found" });
    if (answer === "down") return route.abort("connectionrefused");
    return route.continue();
  });
  const title = page.locator(`${SCAN} .ww-error-title`, { hasText: "De samenwerkingsscan kan nu niet starten" });
  await page.goto(PAGE);
  await title.waitFor();
  await page.locator(`${SCAN} .ww-error`, { hasText: "Vraag de beheerder van de website om hulp." }).waitFor();
  assert.equal(await button(page, "Probeer het opnieuw").count(), 0, "trying again cannot fix a broken file");
  await look(page, SCAN, "broken instrument");

  answer = "missing";
  await page.reload();
  await title.waitFor();
  assert.equal(await button(page, "Probeer het opnieuw").count(), 0, "nor a missing one");

  answer = "down";
  await page.reload();
  await page.locator(`${SCAN} .ww-error`, { hasText: "Kijk of je internet hebt en probeer het opnieuw." }).waitFor();
  await look(page, SCAN, "server down");
  answer = "up";
  await button(page, "Probeer het opnieuw").click();
  await button(page, "Ik vul de scan in").waitFor();
  assertNoProblems(page, [/ERR_CONNECTION_REFUSED|404/]);
});

test("hostile text in an instrument is shown as text, never run, and still fits 320 px", async () => {
  const instrument = JSON.parse(await readFile(new URL("../../www/data/scan-vormen.json", import.meta.url), "utf8"));
  const attack = `<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>`;
  instrument.title.nl = `${attack}Scan`;
  instrument.dimensions[0].label.nl = `${attack}Systemen`;
  instrument.dimensions[0].low.nl = `<a href="javascript:window.hacked=1">laag</a>`;
  instrument.dimensions[0].why.nl = "Samenwerkingsverbandsondersteuningsmedewerker".repeat(8);
  instrument.scale[0].nl = attack;
  instrument.dimensions[0].tips[0].nl = attack;
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await page.route(url("/data/scan-vormen.json"), (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(instrument) }),
  );
  await page.goto(PAGE);
  await button(page, "Ik vul de scan in").click();
  await page.locator(`${SCAN} .ww-check input`).check();
  await page.locator(`${SCAN} h3`, { hasText: `${attack}Systemen` }).waitFor();
  await page.locator(`${SCAN} .ww-poles dd`, { hasText: '<a href="javascript:' }).first().waitFor();
  await page.locator(`${SCAN} .ww-scale-option`).first().click();
  await button(page, "Klaar: naar mijn uitslag").click();
  await page.locator(`${SCAN} .ww-code`).waitFor();
  const inside = await page.evaluate((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    return {
      elements: root.querySelectorAll("img, script, a[href^='javascript']").length,
      hacked: window.hacked ?? null,
    };
  }, SCAN);
  assert.deepEqual(inside, { elements: 0, hacked: null });
  await look(page, SCAN, "hostile instrument, personal result");
  assertNoProblems(page);
});

test("the four windows: the same scan with agree/disagree statements and no model", async () => {
  const VENSTERS = url("/vier-vensters.html");
  const ORGANISATIEVORM = "Onze organisatievorm (loket, team, casusoverleg) helpt de samenwerking.";
  const codes = [];
  for (const now of [
    [4, 4, 2, 3, 5, 1, 3, 3],
    [4, 5, 2, 3, 5, 5, 3, 4],
    [5, 4, 3, 3, 4, 1, 3, 3],
  ]) {
    const page = await openScan("", {}, VENSTERS);
    const code = await respond(page, { now });
    const first = await page.locator(`${SCAN} .ww-coverage-table tbody tr`).first().textContent();
    assert.equal(first, `We bekijken problemen van een inwoner op alle leefgebieden in samenhang.${now[0]}`);
    assertNoProblems(page);
    await page.context().close();
    codes.push(code);
  }
  const vormen = (await codesOnce())[0];
  const page = await openTeam([...codes, vormen], VENSTERS);
  await page.locator(`${SCAN} .ww-lead`, { hasText: "3 deelnemers" }).waitFor();
  const reasons = await page.locator(`${SCAN} .ww-error[role=alert] li`).allTextContents();
  assert.deepEqual(reasons, [`${vormen}: Deze code hoort bij een andere scan.`]);
  const table = await teamTable(page);
  assert.deepEqual(Object.values(table).map((cells) => cells[0]), ["4", "4", "2", "3", "5", "1", "3", "3"]);
  const flagged = await page.locator(`${SCAN} .ww-team-table tr.ww-flagged th`).allTextContents();
  assert.deepEqual(flagged, [ORGANISATIEVORM]);
  // The chart names the statements by their short names, each whole.
  const axes = await page.locator(`${SCAN} svg.ww-radar .ww-radar-label`).allTextContents();
  assert.equal(axes.length, 8);
  assert.equal(axes[0], "Alle leefgebieden");
  assert.ok(axes.every((axis) => !axis.includes("…")), axes.join("|"));
  const headers = await page.locator(`${SCAN} .ww-team-table thead th`).allTextContents();
  assert.ok(!headers.some((h) => /gewenst/i.test(h)), headers.join("|"));
  assert.equal(await page.locator(`${SCAN} h3`, { hasText: "Lijkt het meest op:" }).count(), 0);
  assert.equal(await page.locator(`${SCAN} .ww-gaps`).count(), 0);
  await look(page, SCAN, "four windows team view");
  assertNoProblems(page);
});

test("on a phone with a share sheet, 'Deel' hands the code and link to it; without one there is no button", async () => {
  const plain = await openScan();
  await respond(plain, answers(3, 4));
  assert.equal(await button(plain, "Deel").count(), 0, "no share sheet, no button");
  await plain.context().close();

  const page = await newPage(browser, { acceptDownloads: true });
  await page.addInitScript(() => {
    window.shared = [];
    navigator.share = (data) => {
      window.shared.push(data);
      return Promise.resolve();
    };
  });
  await page.goto(PAGE);
  await page.locator(`${SCAN} .ww-step-title`).first().waitFor();
  const code = await respond(page, answers(3, 4));
  await button(page, "Deel").click();
  await page.waitForFunction(() => window.shared.length === 1);
  const [data] = await page.evaluate(() => window.shared);
  assert.equal(data.text, code);
  assert.match(data.url, new RegExp(`#scan\\?code=${code}$`));
  await look(page, SCAN, "personal result with share");
});
