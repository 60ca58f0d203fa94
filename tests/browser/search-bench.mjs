// How fast search answers on a large site, in headless Chromium from file://.
//
// usage: node search-bench.mjs SITE_DIR [QUERY…]
// Prints, per query: the number of paragraphs found, the engine's time on the first run (cold
// caches) and the median of 20 further runs, and the page's own measure of a full search
// (engine, filters and rendering of the first 50 results) when opened with ?q=, median of
// three openings, and the engine's part of it (the rest is drawing results and lookup).
import path from "node:path";
import { launch } from "./lib.mjs";

const [siteDir, ...args] = process.argv.slice(2);
const queries = args.length ? args : [
  "information", "meaningful connectivity", '"meaningful connectivity"', "digital divide developing countries",
  '"information and communications technologies"', "women girls", "broadband", "zzzz",
];
const browser = await launch();
const page = await browser.context.newPage();
const index = "file://" + path.resolve(siteDir, "search/index.html");
const t0 = Date.now();
await page.goto(index);
await page.waitForFunction(() => window.AgreedSearch && window.AGREED_SEARCH);
console.log(`page with index loaded in ${Date.now() - t0} ms`);
const rows = [];
for (const q of queries) {
  const r = await page.evaluate((q) => {
    const t = performance.now();
    const n = window.AgreedSearch.query(q).length;
    const cold = performance.now() - t;
    const times = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      window.AgreedSearch.query(q);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { n, cold, warm: times[10] };
  }, q);
  const fulls = [];
  for (let i = 0; i < 3; i++) {
    const p2 = await browser.context.newPage();
    await p2.goto(index + "?q=" + encodeURIComponent(q));
    await p2.waitForFunction(() => document.documentElement.hasAttribute("data-search-ms"));
    fulls.push(await p2.evaluate(() => ["data-search-ms", "data-engine-ms"].map((a) => Number(document.documentElement.getAttribute(a)))));
    await p2.close();
  }
  fulls.sort((a, b) => a[0] - b[0]);
  rows.push({
    query: q, paragraphs: r.n, "cold ms": r.cold.toFixed(1), "warm ms": r.warm.toFixed(1),
    "page ms": fulls[1][0].toFixed(1), "of which engine": fulls[1][1].toFixed(1),
  });
}
console.table(rows);
await browser.close();
