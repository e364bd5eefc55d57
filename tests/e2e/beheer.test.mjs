// The data manager's page: a spreadsheet, an HSDS package or JSON is checked in the browser and
// turned into the files for the website; a broken file is explained.
import { readFileSync, readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ROOT, assertAccessible, assertNoProblems, launch, look, newPage, url } from "./support.mjs";

const BEHEER = "wegwijs-beheer";
const PAGE = url("/beheer.html");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openBeheer() {
  const page = await newPage(browser, { acceptDownloads: true });
  const response = await page.goto(PAGE);
  assert.equal(response.status(), 200);
  await page.locator(`${BEHEER} input[type=file]`).waitFor();
  return page;
}

const fileInput = (page) => page.locator(`${BEHEER} input[type=file]`);
const report = (page) => page.locator(`${BEHEER} .ww-beheer-report`);

async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`${BEHEER} button`, { hasText: `Download ${name}` }).click(),
  ]);
  assert.equal(file.suggestedFilename(), name);
  return readFileSync(await file.path());
}

test("the demo spreadsheet is checked in the browser and gives the portal's own files", async () => {
  const page = await openBeheer();
  await look(page, BEHEER, "waiting for a file");
  await assertAccessible(page, "waiting for a file");
  await fileInput(page).setInputFiles(`${ROOT}www/data/lindenhoven.csv`);
  await report(page).locator("h2", { hasText: "256 diensten gelezen" }).waitFor();
  await report(page).getByText("Geen problemen gevonden.").waitFor();
  await page.locator(`${BEHEER} [role=status]`, { hasText: "Klaar: 256 diensten gelezen uit lindenhoven.csv." }).waitFor();
  const domains = await report(page).locator(".ww-beheer-domains li").allTextContents();
  assert.equal(domains.length, 13, domains.join(" | "));
  assert.match(domains[0], /^Geld en schulden \d+$/);
  assert.match(await report(page).locator("summary", { hasText: "Niet actief of gestopt" }).textContent(), /\(1\)/);
  await report(page).locator("summary", { hasText: "Langer dan een jaar niet gecontroleerd" }).click();
  assert.ok((await report(page).locator(".ww-beheer-list li").count()) > 0);
  await look(page, BEHEER, "checked spreadsheet");
  await assertAccessible(page, "checked spreadsheet");

  // The export is the committed kaart.json, made by `wegwijs export` from the same sheet.
  const json = JSON.parse((await download(page, "kaart.json")).toString("utf8"));
  assert.deepEqual(json, JSON.parse(readFileSync(`${ROOT}www/data/kaart.json`, "utf8")));
  const index = await download(page, "kaart.idx");
  assert.equal(index.subarray(0, 8).toString("latin1"), "WEGWIJS\0");
  assertNoProblems(page);
});

test("the CSV files of an HSDS package are read together", async () => {
  const page = await openBeheer();
  const folder = `${ROOT}tests/fixtures/hsds/csv/`;
  const files = readdirSync(folder).filter((name) => name.endsWith(".csv")).map((name) => folder + name);
  await fileInput(page).setInputFiles(files);
  await report(page).locator("h2", { hasText: "1 dienst gelezen" }).waitFor();
  assert.match(await report(page).textContent(), /Waarschuwing: locations\.csv:2/);
  assertNoProblems(page);
});

test("problems name the row and the column; a broken file is explained and another can be chosen", async () => {
  const page = await openBeheer();
  await fileInput(page).setInputFiles({
    name: "kaart.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("naam,telefoon,website\nInloop,0341 123 456,javascript:alert(1)\n,0341 1,\n"),
  });
  await report(page).locator("h2", { hasText: "1 dienst gelezen" }).waitFor();
  const problems = await report(page).locator(".ww-beheer-problems li").allTextContents();
  assert.ok(problems.some((p) => /Waarschuwing: kaart\.csv:2 · website/.test(p)), problems.join(" | "));
  assert.ok(problems.some((p) => /Fout: kaart\.csv:3 · naam/.test(p)), problems.join(" | "));
  await look(page, BEHEER, "problems by row and column");
  await assertAccessible(page, "problems by row and column");

  await fileInput(page).setInputFiles({
    name: "kaart.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"contents": [{"name": }]}'),
  });
  const failure = page.locator(`${BEHEER} [role=alert]`);
  await failure.getByText("Dit bestand kan niet worden gelezen").waitFor();
  assert.match(await page.locator(`${BEHEER} details`).textContent(), /line 1, column 24/);
  await look(page, BEHEER, "broken file");
  await assertAccessible(page, "broken file");

  await fileInput(page).setInputFiles({ name: "kaart.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK") });
  await page.locator(`${BEHEER} details`, { hasText: "kaart.xlsx: expected one HSDS JSON file" }).waitFor();
  assertNoProblems(page);
});
