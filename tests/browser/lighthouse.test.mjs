// Lighthouse 12 (npm, pinned) in mobile emulation on Debian's Chromium, on the
// site as GitHub Pages serves a project site: built for
// http://127.0.0.1:PORT/statusref/ (so canonical links, the sitemap and the
// OpenSearch file are real), gzip, 404.html for a missing path.
//
// Every page must score 100 in performance, accessibility, best practices and
// SEO, with every pass/fail audit that counts passed and every metric green.
// Audits that crash on this Chromium are tolerated only when they weigh
// nothing in any category (Lighthouse's diagnostics); a failing audit is not.
// The 404 page is audited twice: at its own URL (200, all four at 100) and as
// the answer to a missing path (status 404), where the only audits allowed to
// fail are the two that exist to flag a 404 status: SEO's "http-status-code"
// and best practices' console error for the document's own 404.
//
// Reports: .ci/artifacts/lighthouse/<page>.html

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startServer, repo, CHROMIUM, CHROMIUM_ARGS, BASE } from "./support.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const reportDir = path.join(repo, ".ci", "artifacts", "lighthouse");

const PAGES = [
  { name: "home", path: "" },
  { name: "class-4xx", path: "4xx/" },
  { name: "code-404", path: "404/" },
  { name: "code-418", path: "418/" },
  { name: "not-found-page", path: "404.html" },
  // A number the site has no page for: what GitHub Pages answers is 404.html.
  { name: "missing-path", path: "299/", status: 404 },
];

let site;
let server;
let chrome;

before(async () => {
  site = mkdtempSync(path.join(os.tmpdir(), "statusref-lighthouse-"));
  const out = path.join(site, "output");
  server = await startServer({ pages: true, root: () => out });
  // The same binary and content as output/, built for this server's URL.
  const bin = process.env.STATUSREF_BIN;
  const args = ["build", "--root", repo, "--output", out, "--base-url", server.url];
  if (bin) execFileSync(bin, args, { stdio: "inherit" });
  else execFileSync("cargo", ["run", "-q", "--", ...args], { cwd: repo, stdio: "inherit" });
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_ARGS.map((a) => (a === "--headless" ? "--headless=new" : a)),
  });
  mkdirSync(reportDir, { recursive: true });
});

after(async () => {
  await chrome?.kill();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Audits that count in some category (weight > 0). */
function weighted(lhr) {
  const ids = new Set();
  for (const c of Object.values(lhr.categories)) {
    for (const ref of c.auditRefs) if (ref.weight > 0) ids.add(ref.id);
  }
  return ids;
}

const rows = [];
let version = "";

for (const p of PAGES) {
  test(`lighthouse (mobile): ${p.name} ${BASE}${p.path}`, async () => {
    const url = `${server.url}${p.path}`;
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "html",
        logLevel: "error",
        onlyCategories: CATEGORIES,
        ignoreStatusCode: p.status === 404,
      },
    );
    assert.ok(result, "lighthouse returned nothing");
    const { lhr } = result;
    writeFileSync(path.join(reportDir, `${p.name}.html`), result.report);
    assert.equal(lhr.runtimeError, undefined, `runtime error: ${JSON.stringify(lhr.runtimeError)}`);
    assert.equal(lhr.finalDisplayedUrl, url, "no redirect");

    const counts = weighted(lhr);
    const crashed = Object.values(lhr.audits).filter((a) => a.scoreDisplayMode === "error");
    const crashedWeighted = crashed.filter((a) => counts.has(a.id));
    assert.deepEqual(
      crashedWeighted.map((a) => `${a.id}: ${a.errorMessage}`),
      [],
      "audits that count in a score crashed",
    );

    // A pass/fail audit must pass; a metric (a continuous score) must be in
    // Lighthouse's green band (0.9 and up). The category scores come on top.
    const failing = [...counts]
      .map((id) => lhr.audits[id])
      .filter((a) => a.scoreDisplayMode === "binary" || a.scoreDisplayMode === "numeric" || a.scoreDisplayMode === "metricSavings")
      .filter((a) => a.score !== null && a.score < (a.scoreDisplayMode === "numeric" ? 0.9 : 1));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    version = lhr.lighthouseVersion;
    rows.push({ page: p.name, url: `${BASE}${p.path}`, status: p.status ?? 200, ...scores, "crashed (weight 0)": crashed.length });

    if (p.status === 404) {
      // The status itself is the answer: only the audits that flag it may fail.
      assert.equal(lhr.audits["http-status-code"].score, 0, "the missing path answers 404");
      const console404 = lhr.audits["errors-in-console"].details?.items ?? [];
      for (const item of console404) {
        assert.equal(item.sourceLocation?.url, url, `a console error other than the document's 404: ${item.description}`);
        assert.match(item.description, /status of 404/);
      }
      const others = failing.filter((a) => a.id !== "http-status-code" && a.id !== "errors-in-console");
      assert.deepEqual(others.map((a) => `${a.id} (${a.score})`), [], "failing audits");
      assert.equal(scores.performance, 100, "performance");
      assert.equal(scores.accessibility, 100, "accessibility");
    } else {
      assert.deepEqual(
        failing.map((a) => `${a.id} (${a.score}): ${a.title}${a.displayValue ? ` - ${a.displayValue}` : ""}`),
        [],
        "failing audits",
      );
      assert.deepEqual(scores, Object.fromEntries(CATEGORIES.map((c) => [c, 100])), "category scores");
    }
  });
}

test("lighthouse scores", () => {
  console.log(`\nLighthouse ${version} (mobile emulation) scores:`);
  console.table(rows);
});
