// axe-core in headless Chromium over the given pages, in the light and the dark colour scheme,
// at desktop (1280 px) and phone (390 px) widths, with reduced motion: WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices.
//
// usage: node axe.mjs SITE_DIR SCREENSHOT_DIR PAGE… (PAGE: a path in the site, may hold ?q=)
// Prints every violation with the elements concerned, then "axe: N violations".
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { launch, serve } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
// Rules switched off, with the reason. Keep this empty unless a rule cannot apply to the site.
const DISABLED = {};

const [siteDir, shots, ...pages] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const browser = await launch();
const server = await serve(siteDir, "/agreed/");
let total = 0;

for (const [scheme, width] of [["light", 1280], ["dark", 1280], ["light", 390], ["dark", 390]]) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  for (const rel of pages) {
    await page.goto(server.base + rel);
    if (rel.startsWith("search/")) {
      await page.waitForFunction(() => document.getElementById("search-status")?.textContent.trim() !== "");
    }
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async ([tags, disabled]) => {
      const rules = Object.fromEntries(Object.keys(disabled).map((r) => [r, { enabled: false }]));
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, rules });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary.replace(/\s+/g, " ")),
      }));
    }, [TAGS, DISABLED]);
    for (const v of result) {
      total += v.nodes.length;
      console.log(`${scheme} ${width}px ${rel}: ${v.id} (${v.impact}): ${v.help}`);
      v.nodes.slice(0, 8).forEach((n) => console.log("    " + n));
    }
    const name = rel.replace(/[^A-Za-z0-9]+/g, "_").slice(0, 60);
    await page.screenshot({ path: path.join(shots, `${scheme}-${width}-${name}.png`) });
  }
  await page.close();
}
await server.close();
await browser.close();
console.log(`axe: ${total} violations`);
