// The hulpwijzer in the demo portal: the resident's paths, privacy, printing and saving.
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoProblems, focusedInWidget, launch, look, newPage, printed, url } from "./support.mjs";

const GIDS = "wegwijs-hulpwijzer";
const PAGE = url("/hulpwijzer.html");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openGids(setup, options) {
  const page = await newPage(browser, options);
  await setup?.(page);
  await page.goto(PAGE);
  await page.locator(`${GIDS} .ww-step-title`).first().waitFor();
  return page;
}

const heading = (page) => page.locator(`${GIDS} .ww-step-title`);
const button = (page, text) => page.locator(`${GIDS} button`, { hasText: text });

/**
 * Goes to the next step and checks that focus moved to what comes first: "Doe dit eerst"
 * when something is urgent, else the step's heading.
 */
async function next(page, label = "Volgende") {
  await button(page, label).click();
  await page.waitForFunction(
    (tag) => {
      const focused = document.querySelector(tag).shadowRoot.activeElement;
      const urgent = document.querySelector(tag).shadowRoot.querySelector(".ww-urgent-title");
      return urgent ? focused === urgent : focused?.classList.contains("ww-step-title");
    },
    GIDS,
  );
}

async function pick(page, ...worries) {
  for (const worry of worries) {
    await page.locator(`${GIDS} .ww-tile`, { hasText: worry }).click();
  }
}

async function answer(page, choice) {
  await page.locator(`${GIDS} .ww-choice`, { hasText: choice }).first().click();
}

/** "Doe dit eerst" stands above the step, on the screen, and has the focus. */
async function assertUrgentFirst(page) {
  const where = await page.evaluate((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    const urgent = root.querySelector(".ww-urgent");
    const step = root.querySelector(".ww-step");
    return {
      before: Boolean(urgent.compareDocumentPosition(step) & Node.DOCUMENT_POSITION_FOLLOWING),
      top: urgent.getBoundingClientRect().top,
      focused: root.activeElement?.textContent,
    };
  }, GIDS);
  assert.ok(where.before, "urgent help comes before the step");
  assert.ok(where.top < page.viewportSize().height, `on the screen without scrolling (top ${where.top})`);
  assert.equal(where.focused, "Doe dit eerst");
}

test("money worries and loneliness: questions, advice with informal help and the team, overview", async () => {
  const page = await openGids();
  assert.equal(await heading(page).textContent(), "Zoek hulp die bij je past");
  await look(page, GIDS, "start");
  await next(page, "Begin");
  await pick(page, "Geld en schulden", "Me alleen voelen");
  await look(page, GIDS, "worries");
  await next(page);
  assert.equal(await heading(page).textContent(), "Lukt het om deze maand de huur te betalen?");
  assert.match(await page.locator(`${GIDS} .ww-progress-text`).textContent(), /Stap 3 van 5/);
  assert.match(await page.locator(`${GIDS} .ww-about`).textContent(), /Vraag 1 van 2/);
  await look(page, GIDS, "question");
  await answer(page, "Nee");
  await next(page);
  await answer(page, "Ja");
  await next(page);
  assert.equal(await heading(page).textContent(), "Dit kun je doen");
  const informal = page.locator(`${GIDS} section`, { hasText: "Hulp van vrijwilligers en voor iedereen" });
  assert.match(await informal.textContent(), /Schuldhulpmaatje/);
  assert.match(await informal.textContent(), /Buurtkamer/);
  await page.locator(`${GIDS} input[autocomplete=postal-code]`).fill("3952");
  await button(page, "Zoek mijn wijkteam").click();
  const team = page.locator(`${GIDS} .ww-team`);
  await team.getByText("Sociaal wijkteam Oosterhof").waitFor();
  assert.match(await team.textContent(), /Inloop op dinsdag/);
  assert.equal(await team.locator("a[href^='tel:']").getAttribute("href"), "tel:0342400020");
  await look(page, GIDS, "advice");
  await next(page, "Naar mijn overzicht");
  const overview = page.locator(`${GIDS} .ww-overview`);
  for (const expected of ["Geld en schulden", "Me alleen voelen", "Lukt het om deze maand de huur te betalen?", "Nee", "Sociaal wijkteam Oosterhof"]) {
    assert.ok((await overview.textContent()).includes(expected), `overview has ${expected}`);
  }
  await look(page, GIDS, "overview");
  assertNoProblems(page);
});

test("unsafe at home: Veilig Thuis comes first, before anything else", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await pick(page, "Veilig zijn");
  await next(page);
  assert.equal(await heading(page).textContent(), "Voel je je veilig thuis?");
  await answer(page, "Nee");
  await next(page);
  const first = page.locator(`${GIDS} .ww-urgent`);
  await first.waitFor();
  await assertUrgentFirst(page);
  const calls = await first.locator("a").evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute("href")]));
  assert.deepEqual(calls[0], ["Bel Veilig Thuis: 0800-2000", "tel:08002000"]);
  assert.equal(calls[1][1], "tel:112");
  await look(page, GIDS, "urgent advice");
});

test("help for someone else says so at every step", async () => {
  const page = await openGids();
  await answer(page, "Voor iemand anders");
  await next(page, "Begin");
  assert.equal(await heading(page).textContent(), "Waar maak je je zorgen over bij die ander?");
  await pick(page, "Zorgen voor een ander");
  await next(page);
  await answer(page, "Ja");
  await next(page);
  await page.locator(`${GIDS} .ww-note-box`).getByText("Je zoekt hulp voor iemand anders.").waitFor();
  await look(page, GIDS, "advice for someone else");
  await next(page, "Naar mijn overzicht");
  await page.locator(`${GIDS} .ww-overview`).getByText("Ik zoek hulp voor iemand anders.").waitFor();
});

test("the team is found by postcode or neighbourhood name; an unknown one is explained", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await next(page);
  const place = page.locator(`${GIDS} input[autocomplete=postal-code]`);
  await place.fill("Beekdorp");
  await button(page, "Zoek mijn wijkteam").click();
  await page.locator(`${GIDS} .ww-team`).getByText("Sociaal wijkteam Beekdorp").waitFor();
  await place.fill("1234");
  await button(page, "Zoek mijn wijkteam").click();
  await page.locator(`${GIDS} .ww-field-error`).getByText("We vinden geen wijkteam").waitFor();
  await look(page, GIDS, "no team for the place");
});

test("own words tick the right worries", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await page.locator(`${GIDS} .ww-own-words input`).fill("ik kan mijn huur niet betalen");
  await button(page, "Kies voor mij").click();
  await page.locator(`${GIDS} [role=status]`).getByText(/We hebben dit voor je aangevinkt: .*Geld en schulden/).waitFor();
  const checked = await page.locator(`${GIDS} .ww-tile-on .ww-tile-label`).allTextContents();
  assert.deepEqual(checked.sort(), ["Geld en schulden", "Wonen"]);
  await look(page, GIDS, "worries from own words");
});

test("back and forward keep the answers", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await pick(page, "Wonen");
  await next(page);
  await answer(page, "Ja");
  await next(page);
  await next(page, "Vorige");
  assert.equal(await heading(page).textContent(), "Moet je binnenkort je huis uit?");
  assert.equal(await page.locator(`${GIDS} .ww-choice`, { hasText: "Ja" }).locator("input").isChecked(), true);
  await next(page, "Vorige");
  assert.equal(await page.locator(`${GIDS} .ww-tile-on .ww-tile-label`).textContent(), "Wonen");
});

test("the overview prints on its own and saves as a file", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await pick(page, "Geld en schulden");
  await next(page);
  await answer(page, "Nee");
  await next(page);
  await next(page);
  await next(page, "Naar mijn overzicht");
  await page.locator(`${GIDS} textarea`).fill("Ik heb een brief van de deurwaarder.");
  const paper = await printed(page, GIDS, "overview", () => button(page, "Print").click());
  for (const expected of ["Mijn overzicht", "Geld en schulden", "Lukt het om deze maand de huur te betalen?", "Ik heb een brief van de deurwaarder."]) {
    assert.ok(paper.text.includes(expected), `the printed page shows "${expected}":\n${paper.text}`);
  }
  assert.ok(!paper.text.includes("Welkom bij"), "the portal around the widget is not printed");
  assert.deepEqual(paper.controls, [], "no buttons or form fields on paper");
  assert.equal(await page.locator("[data-wegwijs-print]").count(), 0, "cleaned up after printing");

  const [download] = await Promise.all([page.waitForEvent("download"), button(page, "Bewaar als bestand").click()]);
  assert.equal(download.suggestedFilename(), "mijn-overzicht.txt");
  const text = readFileSync(await download.path(), "utf8");
  assert.match(text, /Geld en schulden/);
  assert.match(text, /Ik heb een brief van de deurwaarder\./);
  await button(page, "Toon groot op het scherm").click();
  assert.equal(await page.locator(`${GIDS} .ww-overview.ww-large`).count(), 1);
});

test("nothing is stored without consent; with consent it is, and 'Alles wissen' wipes it", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await pick(page, "Geld en schulden");
  const stored = () => page.evaluate(() => window.localStorage.getItem("wegwijs-hulpwijzer"));
  assert.equal(await stored(), null, "nothing without consent");
  await page.locator(`${GIDS} .ww-privacy input[type=checkbox]`).check();
  assert.match(await stored(), /geld/);
  await page.reload();
  await page.locator(`${GIDS} .ww-tile-on`).getByText("Geld en schulden").waitFor();
  await button(page, "Alles wissen").click();
  assert.equal(await stored(), null);
  assert.equal(await heading(page).textContent(), "Zoek hulp die bij je past");
  await page.locator(`${GIDS} [role=status]`).getByText("Alles is gewist.").waitFor();
});

test("it sends nothing anywhere: only its own data files are requested", async () => {
  const requests = [];
  const page = await newPage(browser);
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(PAGE);
  await page.locator(`${GIDS} .ww-step-title`).waitFor();
  const afterLoad = requests.length;
  await next(page, "Begin");
  await pick(page, "Geld en schulden", "Veilig zijn");
  await page.locator(`${GIDS} .ww-own-words input`).fill("geheim verhaal");
  await button(page, "Kies voor mij").click();
  await next(page);
  await answer(page, "Nee");
  await next(page);
  await next(page);
  await answer(page, "Nee");
  await next(page);
  await page.locator(`${GIDS} input[autocomplete=postal-code]`).fill("3951");
  await button(page, "Zoek mijn wijkteam").click();
  await next(page, "Naar mijn overzicht");
  assert.deepEqual(requests.slice(afterLoad), [], "no requests while answering");
  const allowed = new Set(["/hulpwijzer.html", "/css/portal.css", "/img/logo.svg", "/wegwijs/wegwijs.js", "/wegwijs/wegwijs-hulpwijzer.js", "/wegwijs/wegwijs-hulpwijzer_bg.wasm", "/data/hulpwijzer.json", "/data/kaart.idx"]);
  for (const path of requests) {
    assert.ok(allowed.has(path), `unexpected request ${path}`);
  }
  assert.ok(requests.includes("/data/hulpwijzer.json") && requests.includes("/data/kaart.idx"));
});

test("'Lees voor' reads the step aloud with the browser's voice", async () => {
  const page = await openGids((p) =>
    p.addInitScript(() => {
      window.spoken = [];
      if (window.speechSynthesis) {
        window.speechSynthesis.speak = (utterance) => window.spoken.push([utterance.text, utterance.lang]);
      }
    }),
  );
  const read = button(page, "Lees voor");
  if ((await read.count()) === 0) {
    assert.equal(await page.evaluate(() => "speechSynthesis" in window), false, "the button only hides without speech");
    return;
  }
  await read.click();
  const [[text, lang]] = await page.evaluate(() => window.spoken);
  assert.match(text, /Zoek hulp die bij je past/);
  assert.equal(lang, "nl-NL");
});

test("keyboard only: every step is reachable, focus lands on each step's heading", async () => {
  const page = await openGids();
  let focused = null;
  for (let presses = 0; presses < 40 && focused?.text !== "Begin →"; presses++) {
    await page.keyboard.press("Tab");
    focused = await focusedInWidget(page, GIDS);
  }
  assert.equal(focused?.text, "Begin →");
  await page.keyboard.press("Enter");
  await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.activeElement?.classList.contains("ww-step-title"), GIDS);
  await page.keyboard.press("Tab");
  focused = await focusedInWidget(page, GIDS);
  assert.equal(focused.tag, "input", "the first worry");
  assert.equal(focused.outline, "solid");
  await page.keyboard.press("Space");
  assert.equal(await page.locator(`${GIDS} .ww-tile-on .ww-tile-label`).textContent(), "Geld en schulden");
});

test("works at 320 px and in English, and the page stays accessible", async () => {
  const page = await openGids(null, { viewport: { width: 320, height: 640 } });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320);
  await next(page, "Begin");
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, "worry tiles reflow");
  await assertAccessible(page, "hulpwijzer at 320 px");
  await page.evaluate((tag) => document.querySelector(tag).setAttribute("lang", "en"), GIDS);
  await page.locator(`${GIDS} .ww-crisis-title`).getByText("Need help right now?").waitFor();
  await look(page, GIDS, "worries, English");
});

test("crisis words in the resident's own words put 113 first, with a call button that works", async () => {
  const page = await openGids(null, { viewport: { width: 390, height: 844 } });
  await next(page, "Begin");
  await page.locator(`${GIDS} .ww-own-words input`).fill("ik zie het echt niet meer zitten");
  await button(page, "Kies voor mij").click();
  // Raised at once, and said aloud.
  await page.locator(`${GIDS} [role=status]`).getByText(/^Belangrijk: Je denkt erover/).waitFor();
  const call = page.locator(`${GIDS} .ww-urgent a.ww-call`).first();
  assert.equal(await call.getAttribute("href"), "tel:08000113");
  assert.equal(await call.textContent(), "Bel 113 Zelfmoordpreventie: 0800-0113");
  await look(page, GIDS, "crisis words, worries");
  // And first on the next screen, with the focus on it.
  await next(page);
  await assertUrgentFirst(page);
  await look(page, GIDS, "crisis words, next screen");
});

test("typing the words and going on without 'Kies voor mij' still raises the signal", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await page.locator(`${GIDS} .ww-own-words input`).fill("hij slaat me");
  await next(page);
  await assertUrgentFirst(page);
  assert.equal(await page.locator(`${GIDS} .ww-urgent a.ww-call`).first().getAttribute("href"), "tel:08002000");
});

test("words that only look alike raise nothing", async () => {
  const page = await openGids();
  await next(page, "Begin");
  for (const words of ["ik ben doodmoe", "ik ga dood van het lachen", "ik ben dood op"]) {
    await page.locator(`${GIDS} .ww-own-words input`).fill(words);
    await button(page, "Kies voor mij").click();
    await page.locator(`${GIDS} [role=status]`).filter({ hasNotText: "Belangrijk" }).first().waitFor();
    assert.equal(await page.locator(`${GIDS} .ww-urgent`).count(), 0, words);
  }
});

test("the advice gives the way in for each worry, opening hours and a link to the social map", async () => {
  const page = await openGids();
  await next(page, "Begin");
  await pick(page, "Geld en schulden");
  await next(page);
  await answer(page, "Nee");
  await next(page);
  await next(page);
  const main = page.locator(`${GIDS} section`, { hasText: "Hier kun je terecht" });
  assert.match(await main.textContent(), /Voor Geld en schulden:.*Schuldhulpverlening gemeente/s);
  assert.match(await main.textContent(), /Voor Wonen:.*Woonstichting Lindenhoven/s);
  assert.equal(await page.locator(`${GIDS} .ww-step`, { hasText: "Klusdienst" }).count(), 0, "rent arrears need no handyman");
  const line = main.locator(".ww-service-line").first();
  assert.match(await line.locator(".ww-note").textContent(), /open|Opent|Gesloten/i);
  const more = line.locator("a", { hasText: "Meer over deze hulp" });
  const href = await more.getAttribute("href");
  assert.match(href, /^\/sociale-kaart\.html#kaart\?dienst=/);
  await page.goto(url(href));
  await page.locator("wegwijs-sociale-kaart .ww-detail h3").getByText("Schuldhulpverlening gemeente").waitFor();
});

test("the overview has the numbers to call, the team and the chosen help, on screen, on paper and in the file", async () => {
  const page = await openGids(null, { acceptDownloads: true });
  await next(page, "Begin");
  await pick(page, "Geld en schulden");
  await next(page);
  await next(page);
  await next(page);
  await page.locator(`${GIDS} input[autocomplete=postal-code]`).fill("3952");
  await button(page, "Zoek mijn wijkteam").click();
  await page.locator(`${GIDS} .ww-team`).getByText("Sociaal wijkteam Oosterhof").waitFor();
  // The way in is in the overview by default; a volunteer project is added by hand.
  const maatje = page.locator(`${GIDS} .ww-service-line`, { hasText: "Schuldhulpmaatje Lindenhoven" });
  await maatje.getByLabel("Zet in mijn overzicht").check();
  await next(page, "Naar mijn overzicht");
  const expected = [
    "Direct hulp nodig:",
    "Politie, brandweer, ambulance: 112",
    "113 Zelfmoordpreventie: 0800-0113",
    "Veilig Thuis: 0800-2000",
    "Sociaal wijkteam Oosterhof",
    "Bel 0342-400020",
    "Inloop op dinsdag",
    "Schuldhulpverlening gemeente",
    "Bel 14 0342",
    "Schuldhulpmaatje Lindenhoven",
    "Bel 0342 - 41 20 10",
    "maandag t/m vrijdag 9:00–17:00",
  ];
  const overview = await page.locator(`${GIDS} .ww-overview`).textContent();
  for (const text of expected) assert.ok(overview.includes(text), `the overview shows "${text}"`);
  await look(page, GIDS, "overview with the team and help");
  const paper = await printed(page, GIDS, "overview with the team and help", () => button(page, "Print").click());
  for (const text of expected) assert.ok(paper.text.includes(text), `the printed page shows "${text}"`);
  assert.deepEqual(paper.controls, []);
  const [download] = await Promise.all([page.waitForEvent("download"), button(page, "Bewaar als bestand").click()]);
  const file = readFileSync(await download.path(), "utf8");
  for (const text of ["112", "0800-0113", "0800-2000", "Sociaal wijkteam Oosterhof", "0342-400020", "Schuldhulpmaatje Lindenhoven", "0342 - 41 20 10"]) {
    assert.ok(file.includes(text), `the saved file has "${text}"`);
  }
});

test("when the guide cannot load, the crisis lines and the page's own fallback stay in view", async () => {
  const page = await newPage(browser);
  await page.route(url("/data/hulpwijzer.json"), (route) => route.fulfill({ status: 404, body: "Not found" }));
  await page.goto(PAGE);
  await page.locator(`${GIDS} .ww-error`).waitFor();
  const calls = await page.locator(`${GIDS} .ww-crisis a`).evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.deepEqual(calls, ["tel:112", "tel:08000113", "tel:08002000"]);
  const fallback = page.locator(GIDS).getByText("Werkt dit niet? Bel het wijkteam");
  assert.ok(await fallback.isVisible(), "the host's fallback with the team's number is shown");
  assert.doesNotMatch(await page.locator(`${GIDS} .ww-error`).textContent(), /kaart/i);
  await look(page, GIDS, "guide missing");
  assertNoProblems(page, [/404/]);
});
