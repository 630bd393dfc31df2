// axe-core (npm) run in headless Chromium on the home page, a class page and a
// code page, in light and dark mode, at desktop and phone widths: zero violations.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { useServerAndBrowser, PAGES } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const env = useServerAndBrowser();

function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`)
        .join("\n");
      return `${v.id} (${v.impact}): ${v.help}\n${nodes}`;
    })
    .join("\n");
}

const RUNS = [
  { scheme: "light", width: 1280 },
  { scheme: "dark", width: 1280 },
  { scheme: "light", width: 360 },
  { scheme: "dark", width: 360 },
];

for (const { scheme, width } of RUNS) {
  for (const p of PAGES) {
    test(`axe: ${p.name}, ${scheme}, ${width} px`, async () => {
      // The test server sends a strict CSP; axe is injected as an inline script.
      const context = await env.browser.newContext({
        viewport: { width, height: 800 },
        colorScheme: scheme,
        reducedMotion: "reduce",
        bypassCSP: true,
      });
      try {
        const page = await context.newPage();
        await page.goto(`${env.server.url}${p.path}`, { waitUntil: "networkidle" });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        assert.equal(result.violations.length, 0, `\n${describe(result.violations)}`);

        // Open the search list too: the combobox and its options must pass.
        await page.locator("#search-input").focus();
        await page.locator("#search-input").fill("40");
        await page.locator("#search-results .search-option").first().waitFor();
        await page.keyboard.press("ArrowDown");
        const open = await page.evaluate(() =>
          window.axe.run(document.querySelector(".site-header"), { resultTypes: ["violations"] }),
        );
        assert.equal(open.violations.length, 0, `search open:\n${describe(open.violations)}`);
      } finally {
        await context.close();
      }
    });
  }
}
