// A paragraph link opened from file:// and from http://127.0.0.1 (at a sub-path, as GitHub
// Pages serves project sites): the paragraph is the :target, and "Copy link" copies the right
// URL. Screenshots of the resolution and paragraph pages at desktop and phone widths.
//
// usage: node permalink.mjs SITE_DIR RESOLUTION_PATH ANCHOR SCREENSHOT_DIR [CANONICAL_BASE]
import fs from "node:fs";
import path from "node:path";
import { launch, serve, address, fail } from "./lib.mjs";

const [siteDir, resPath, anchor, shots, canonicalBase] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const browser = await launch();
const server = await serve(siteDir, "/agreed/");
let checks = 0;

for (const mode of ["file", "http"]) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const url = address(mode, siteDir, server.base, `${resPath}/index.html#${anchor}`);
  await page.goto(url);
  const target = await page.evaluate(() => document.querySelector(":target")?.id);
  if (target !== anchor) fail(`${mode}: the :target is ${target}, expected ${anchor}`);
  checks++;
  const button = page.locator(`[id="${anchor}"] button.copy[data-copy=link]`);
  if (!(await button.isVisible())) fail(`${mode}: the copy-link control of the target paragraph is not visible`);
  await button.click();
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-copied"));
  const copied = await page.evaluate(() => document.documentElement.getAttribute("data-copied"));
  const expected = canonicalBase
    ? `${canonicalBase}${resPath}/#${anchor}`
    : address(mode, siteDir, server.base, `${resPath}/index.html#${anchor}`);
  if (copied !== expected) fail(`${mode}: copy link gave ${copied}, expected ${expected}`);
  checks++;
  const cite = page.locator(`[id="${anchor}"] button.copy[data-copy=citation]`);
  await cite.click();
  await page.waitForFunction((a) => (document.documentElement.getAttribute("data-copied") || "").includes(": \u201c"), anchor);
  const citation = await page.evaluate(() => document.documentElement.getAttribute("data-copied"));
  if (!citation.startsWith(`${resPath.replaceAll("/", "/")}, para. ${anchor}: \u201c`) || !citation.endsWith(expected))
    fail(`${mode}: citation is ${citation}`);
  checks++;
  if (errors.length) fail(`${mode}: script errors: ${errors.join("; ")}`);
  if (mode === "http") {
    for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
      await page.setViewportSize({ width, height });
      await page.goto(url);
      await page.screenshot({ path: path.join(shots, `resolution-${name}.png`) });
      await page.goto(address(mode, siteDir, server.base, `${resPath}/${anchor}/index.html`));
      await page.screenshot({ path: path.join(shots, `paragraph-${name}.png`), fullPage: name === "desktop" });
    }
  }
  await page.close();
}
await server.close();
await browser.close();
console.log(`permalink: ${checks} checks, screenshots in ${shots}`);
