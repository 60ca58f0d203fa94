// Search in real headless Chromium, from file:// and from http://127.0.0.1 (under a sub-path,
// as GitHub Pages serves project sites): `?q=` deep links, typing, a phrase, the filters, the
// header search box of another page, keyboard-only use, and that a result leads to its
// paragraph. The expected hits come from the Rust test (an independent word-by-word oracle).
//
// usage: node search.mjs SITE_DIR SPEC_JSON SCREENSHOT_DIR
// SPEC_JSON: {"words": {"q", "hits": [HIT]},
//             "phrase": {"q", "hits": [HIT], "first": SYMBOL, "dropped": SYMBOL or null,
//                        "successor": CITATION or null (the lineage's next version, without it)},
//            "stems": [[TEXT, [STEM…]]] (what the build makes of the words of TEXT)}
// HIT: {"href": "E/RES/2030/1/index.html#2", "year": 2030, "kind": "o", "symbol": "E/RES/2030/1"}
import fs from "node:fs";
import path from "node:path";
import { launch, serve, address, fail } from "./lib.mjs";

const [siteDir, specFile, shots] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
fs.mkdirSync(shots, { recursive: true });
const browser = await launch();
const server = await serve(siteDir, "/agreed/");
let checks = 0;

function check(ok, message) {
  if (!ok) fail(message);
  checks++;
}

const searchUrl = (mode, query = "") =>
  address(mode, siteDir, server.base, "search/index.html") + (query ? "?" + query : "");

// Every result of the page (pressing "Show more" until all are shown), as site paths.
async function results(page) {
  for (;;) {
    const more = page.locator("#results button.more");
    if (!(await more.count())) break;
    await more.click();
  }
  return page.$$eval("#results .hit a.hit-link", (links) =>
    links.map((a) => a.getAttribute("href").replace(/^(\.\.\/)+/, "")));
}

async function waitForSearch(page) {
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent.trim() !== "");
}

const same = (a, b) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

for (const mode of ["file", "http"]) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const words = spec.words, phrase = spec.phrase;
  const expectWords = words.hits.map((h) => h.href);

  // The browser splits, folds and stems words exactly as the build did.
  if (mode === "file") {
    await page.goto(searchUrl(mode));
    const differ = await page.evaluate((samples) => samples.filter(([text, stems]) =>
      JSON.stringify(window.AgreedSearch.words(text).map(window.AgreedSearch.stem)) !== JSON.stringify(stems))
      .map(([text, stems]) => `${text}: browser ${JSON.stringify(window.AgreedSearch.words(text).map(window.AgreedSearch.stem))}, build ${JSON.stringify(stems)}`),
    spec.stems);
    check(differ.length === 0, `words or stems differ between the build and the browser:\n${differ.slice(0, 5).join("\n")}`);
  }

  // A ?q= deep link opens with the results.
  await page.goto(searchUrl(mode, "q=" + encodeURIComponent(words.q)));
  await waitForSearch(page);
  const got = await results(page);
  check(same(got, expectWords), `${mode}: ?q=${words.q} gave ${JSON.stringify(got)}, expected ${JSON.stringify(expectWords)}`);
  check((await page.inputValue("#q")) === words.q, `${mode}: the box does not show the query`);
  const marks = await page.$$eval("#results .hit .excerpt mark", (m) => m.length);
  check(marks >= Math.min(got.length, 50), `${mode}: only ${marks} highlighted words in ${got.length} results`);

  // A quoted phrase finds exactly the paragraphs holding those words in that order, and the
  // agreed-language panel says where it first appeared.
  await page.goto(searchUrl(mode, "q=" + encodeURIComponent(phrase.q)));
  await waitForSearch(page);
  const gotPhrase = await results(page);
  const expectPhrase = phrase.hits.map((h) => h.href);
  check(same(gotPhrase, expectPhrase), `${mode}: ${phrase.q} gave ${JSON.stringify(gotPhrase)}, expected ${JSON.stringify(expectPhrase)}`);
  const first = await page.locator(".lookup dd").first().textContent();
  check(first.startsWith(phrase.first + ","), `${mode}: the lookup panel says it first appeared in ${first}, expected ${phrase.first}`);
  const dropped = await page.locator(".lookup dl").first().textContent();
  const saysDropped = phrase.dropped ? dropped.includes(`After ${phrase.dropped};`) : dropped.includes("Never");
  check(saysDropped, `${mode}: the lookup panel reads ${dropped}; expected it dropped after ${phrase.dropped}`);
  if (phrase.successor) {
    check(dropped.includes(`continues as ${phrase.successor} without the phrase`),
      `${mode}: the lookup panel reads ${dropped}; expected the lineage successor ${phrase.successor}`);
  }

  // Typing into the box searches as you type.
  await page.goto(searchUrl(mode));
  await page.locator("#q").pressSequentially(words.q, { delay: 10 });
  const typed = await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, words.q)
    .then(() => true, () => false);
  check(typed, `${mode}: typing did not search for the whole query: ${page.url()}`);
  check(same(await results(page), expectWords), `${mode}: typing ${words.q} did not list the expected results`);

  // The filters: each narrows the results to exactly the hits with that value.
  for (const [filter, key, value] of [
    ["kind", "kind", "o"],
    ["year", "year", String(words.hits[0].year)],
    ["res", "symbol", words.hits[0].symbol],
  ]) {
    const sel = page.locator(`#f-${filter}`);
    if (!(await sel.isVisible())) continue;
    await sel.selectOption(value);
    const filtered = await results(page);
    const want = words.hits.filter((h) => String(h[key]) === value).map((h) => h.href);
    check(same(filtered, want), `${mode}: filter ${filter}=${value} gave ${JSON.stringify(filtered)}, expected ${JSON.stringify(want)}`);
    check(new URL(page.url()).searchParams.get(filter) === value, `${mode}: filter ${filter} is not in the address`);
    await page.click("#f-reset");
  }
  check(same(await results(page), expectWords), `${mode}: "Clear filters" did not bring every result back`);

  // The search box in the header of any page leads to the search page with the results.
  await page.goto(address(mode, siteDir, server.base, "index.html"));
  await page.fill("#site-q", words.q);
  await page.press("#site-q", "Enter");
  await page.waitForURL(/search\/index\.html\?q=/);
  await waitForSearch(page);
  check(same(await results(page), expectWords), `${mode}: the header search box did not lead to the results`);

  // Keyboard only: Tab to the box, type, Enter, Tab to the first result, Enter opens it with
  // the paragraph as the :target.
  await page.goto(searchUrl(mode));
  let focused = "";
  for (let i = 0; i < 40 && focused !== "q"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.id || "");
  }
  check(focused === "q", `${mode}: Tab never reached the search box`);
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(ring !== "none", `${mode}: the focused search box shows no focus outline`);
  await page.keyboard.type(words.q);
  await page.keyboard.press("Enter");
  await waitForSearch(page);
  let onResult = false;
  for (let i = 0; i < 40 && !onResult; i++) {
    await page.keyboard.press("Tab");
    onResult = await page.evaluate(() => document.activeElement?.classList.contains("hit-link") ?? false);
  }
  check(onResult, `${mode}: Tab never reached a result`);
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.toString().includes("#"));
  const target = await page.evaluate(() => document.querySelector(":target")?.id);
  check(target === decodeURIComponent(href.split("#")[1]), `${mode}: the result ${href} opened with :target ${target}`);

  // Sharing, from a result's paragraph page: the card meta and the citation on the clipboard,
  // as text and as rich HTML (served pages only: file:// has no clipboard permission).
  if (mode === "http") {
    const hit = words.hits[0];
    const [resPath, anchor] = hit.href.replace("/index.html", "").split("#");
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.base).origin });
    await page.goto(address(mode, siteDir, server.base, `${resPath}/${anchor}/index.html`));
    const meta = await page.evaluate(() => {
      const m = (sel) => document.querySelector(sel)?.getAttribute("content");
      return {
        title: m('meta[property="og:title"]'), description: m('meta[property="og:description"]'),
        card: m('meta[name="twitter:card"]'), twitter: m('meta[name="twitter:title"]'),
        h1: document.querySelector("h1").textContent.trim(),
        text: document.querySelector(".para .text").textContent.replace(/\s+/g, " ").trim(),
      };
    });
    // Twitter reads og:title when twitter:title is absent.
    check(meta.title === meta.h1 && (meta.twitter ?? meta.title) === meta.h1 && meta.card,
      `${mode}: card meta ${JSON.stringify(meta)} does not name the citation`);
    check(meta.title.startsWith(hit.symbol + ", "), `${mode}: og:title ${meta.title} does not start with the symbol`);
    check(meta.description.length > 0 && meta.text.startsWith(meta.description.slice(0, 20)),
      `${mode}: og:description is not the paragraph text: ${meta.description}`);
    await page.click('.para button.copy[data-copy="citation"]');
    await page.waitForFunction(() => (document.documentElement.getAttribute("data-copied") || "").includes(": \u201c"));
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
      return { text: await read("text/plain"), html: await read("text/html") };
    });
    const url = address(mode, siteDir, server.base, `${resPath}/index.html#${anchor}`);
    check(clip.text === `${meta.h1}: \u201c${meta.text}\u201d ${url}`, `${mode}: the citation copied as text is ${clip.text}`);
    check((clip.html || "").includes(`<a href="${url}">${meta.h1}</a>: \u201c`), `${mode}: the citation copied as HTML is ${clip.html}`);
  }

  // Screenshots: desktop and phone, words and phrase (with the agreed-language panel).
  if (mode === "http") {
    for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
      await page.setViewportSize({ width, height });
      for (const [what, q] of [["words", words.q], ["phrase", phrase.q]]) {
        await page.goto(searchUrl(mode, "q=" + encodeURIComponent(q)));
        await waitForSearch(page);
        await page.screenshot({ path: path.join(shots, `${what}-${name}.png`), fullPage: name === "desktop" });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 0, `${mode}: the ${what} search page is ${overflow}px wider than a ${width}px screen`);
      }
      await page.goto(searchUrl(mode, "q=" + encodeURIComponent(words.q)));
      await waitForSearch(page);
      await page.focus("#f-kind");
      await page.screenshot({ path: path.join(shots, `filters-focus-${name}.png`) });
    }
  }
  check(errors.length === 0, `${mode}: script errors: ${errors.join("; ")}`);
  await page.close();
}
await server.close();
await browser.close();
console.log(`search: ${checks} checks, screenshots in ${shots}`);
