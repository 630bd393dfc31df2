// The reader's experience in real headless Chromium: anchors, search by
// keyboard, dark mode, a clean console, no horizontal scroll, screenshots.
//
// Run with `node --test` from this folder after `cargo run -- build`
// (tests/browser/run.sh does both).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { useServerAndBrowser, PAGES, BASE, outputDir, screenshotDir } from "./support.mjs";

const env = useServerAndBrowser();

const newPage = env.newPage;

/** Relative luminance of a computed CSS colour such as "rgb(15, 19, 24)". */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** The element with this id sits at the top of the viewport, just below the sticky header. */
async function inView(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const header = document.querySelector(".site-header");
    if (!el) return { ok: false, why: "missing" };
    const r = el.getBoundingClientRect();
    const h = header.getBoundingClientRect();
    const below = Math.max(0, h.bottom);
    return {
      // Just below the sticky header: not hidden under it, not far down.
      ok: r.top >= below - 1 && r.top < below + 48 && r.top < window.innerHeight - 40,
      top: r.top,
      headerBottom: below,
      innerHeight: window.innerHeight,
    };
  }, id);
}

for (const width of [1280, 360]) {
  test(`anchors into the home page and the class lists at ${width} px`, async () => {
    const { context, page, problems } = await newPage({ viewport: { width, height: 800 } });
    try {
      // Other sites link to #404-not-found: it lands on the code in the index,
      // just below the sticky header, and that row links to the code's page.
      await page.goto(`${env.server.url}index.html#404-not-found`);
      await page.waitForFunction(() => document.getElementById("404-not-found").matches(":target"));
      // Wholly in view and not under the sticky header (at 1280 px the whole
      // index is on the first screen, so nothing scrolls).
      await page.waitForFunction(() => {
        const r = document.getElementById("404-not-found").getBoundingClientRect();
        const header = Math.max(0, document.querySelector(".site-header").getBoundingClientRect().bottom);
        return r.top >= header - 1 && r.bottom <= window.innerHeight;
      });
      await page.locator('[id="404-not-found"] a').click();
      await page.waitForURL(`${env.server.url}404/index.html`);
      assert.match(await page.locator("h1").innerText(), /404\s+Not Found/);

      // The class page lists its codes and links each to its entry below.
      await page.goto(`${env.server.url}4xx/index.html`);
      await page.locator('.code-index a[href="#429-too-many-requests"]').click();
      await page.waitForFunction(() => location.hash === "#429-too-many-requests");
      const onClass = await inView(page, "429-too-many-requests");
      assert.ok(onClass.ok, `#429 is not in view on the class page: ${JSON.stringify(onClass)}`);

      // The entry links to the code page, relative to the sub-path.
      await page.locator('[id="429-too-many-requests"] .entry-link').click();
      await page.waitForURL(`${env.server.url}429/index.html`);
      assert.match(await page.locator("h1").innerText(), /429\s+Too Many Requests/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test("search by keyboard: / focuses, arrows pick, Enter opens", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}200/index.html`);
    await page.locator("h1").click(); // focus somewhere in the page, not in a field
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
    const input = page.locator("#search-input");
    assert.equal(await input.getAttribute("role"), "combobox");
    assert.equal(await input.inputValue(), "", "the / must not be typed into the box");

    await page.keyboard.type("teapot");
    const first = page.locator("#search-results [role=option]").first();
    await first.waitFor();
    assert.equal(await input.getAttribute("aria-expanded"), "true");
    assert.match(await first.innerText(), /^418/);
    await page.keyboard.press("ArrowDown");
    assert.equal(await input.getAttribute("aria-activedescendant"), await first.getAttribute("id"));
    assert.equal(await first.getAttribute("aria-selected"), "true");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${env.server.url}418/index.html`);
    assert.match(await page.locator("h1").innerText(), /418\s+I.m a teapot/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** Types a query into the search box and returns the codes listed, in order. */
async function resultsFor(page, query) {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").fill(query);
  await page.locator("#search-results .search-option").first().waitFor();
  return page.locator("#search-results .search-option .num").allInnerTexts();
}

test("search finds codes by number, name, former name, constant and words", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}4xx/index.html`);
    await page.locator("#search-input").focus();

    const forty = await resultsFor(page, "40");
    assert.deepEqual(forty.slice(0, 10), ["400", "401", "402", "403", "404", "405", "406", "407", "408", "409"]);
    assert.ok(forty.length <= 10, "at most ten results");

    assert.equal((await resultsFor(page, "teapot"))[0], "418");
    assert.equal((await resultsFor(page, "StatusTooManyRequests"))[0], "429");
    assert.equal((await resultsFor(page, "statustoomanyrequests"))[0], "429", "constants match in any case");
    assert.equal((await resultsFor(page, "Request Entity Too Large"))[0], "413");
    assert.ok((await resultsFor(page, "rate limit")).includes("429"));
    assert.equal((await resultsFor(page, "404"))[0], "404");

    // Down twice and up once lands on the second option.
    await resultsFor(page, "50");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const activeId = await page.locator("#search-input").getAttribute("aria-activedescendant");
    assert.equal(await page.locator(`#${activeId} .num`).innerText(), "500");

    // Escape closes the list.
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#search-results").isHidden(), true);
    assert.equal(await page.locator("#search-input").getAttribute("aria-expanded"), "false");

    // Enter without choosing opens the best match: a constant from the Go library.
    await page.locator("#search-input").fill("StatusTooManyRequests");
    await page.locator("#search-results .search-option").first().waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${env.server.url}429/index.html`);

    // Typing "/" inside the box types it.
    await page.locator("#search-input").focus();
    await page.keyboard.type("a/b");
    assert.equal(await page.locator("#search-input").inputValue(), "a/b");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("without JavaScript the class lists work and the search form submits to the home page", async () => {
  const { context, page, problems } = await newPage({ javaScriptEnabled: false });
  try {
    await page.goto(`${env.server.url}5xx/index.html`);
    assert.equal(await page.locator(".theme-toggle").isHidden(), true, "the toggle needs JS, so it stays hidden");
    await page.locator('.code-index a[href="#503-service-unavailable"]').click();
    await page.waitForFunction(() => location.hash === "#503-service-unavailable");
    assert.ok((await inView(page, "503-service-unavailable")).ok);
    await page.locator("#search-input").fill("teapot");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${env.server.url}index.html?q=teapot`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a search submitted to the home page is picked up there", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}index.html?q=teapot`);
    await page.locator("#search-results .search-option").first().waitFor();
    assert.equal(await page.locator("#search-results .search-option .num").first().innerText(), "418");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("dark mode follows the system and the toggle, which is remembered", async () => {
  const dark = await newPage({ colorScheme: "dark" });
  try {
    await dark.page.goto(`${env.server.url}index.html`);
    assert.ok(luminance(await bodyBackground(dark.page)) < 0.05, "dark system preference gives a dark page");
    assert.equal(await dark.page.locator(".theme-toggle").getAttribute("aria-pressed"), "true");
    assert.deepEqual(dark.problems, []);
  } finally {
    await dark.context.close();
  }

  const { context, page, problems } = await newPage({ colorScheme: "light" });
  try {
    // Record the theme the moment <body> is parsed: before the first paint.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          window.__themeAtBody = document.documentElement.getAttribute("data-theme");
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${env.server.url}418/index.html`);
    assert.ok(luminance(await bodyBackground(page)) > 0.8, "light system preference gives a light page");
    const toggle = page.locator(".theme-toggle");
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");

    await toggle.click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    assert.ok(luminance(await bodyBackground(page)) < 0.05, "the toggle switches to dark");

    await page.reload();
    assert.equal(await page.evaluate(() => window.__themeAtBody), "dark", "set before <body>, so no flash");
    assert.ok(luminance(await bodyBackground(page)) < 0.05, "dark survives a reload");
    await page.goto(`${env.server.url}index.html`);
    assert.ok(luminance(await bodyBackground(page)) < 0.05, "and another page");

    await page.locator(".theme-toggle").click();
    await page.reload();
    assert.ok(luminance(await bodyBackground(page)) > 0.8, "back to light, remembered too");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("one link per heading: 24 px, named after the heading, and it copies the section URL", async () => {
  const { context, page, problems } = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
  try {
    await page.goto(`${env.server.url}418/index.html`);
    const headings = await page.locator(".prose h2, .prose h3").count();
    assert.ok(headings > 0);
    // One affordance per heading, nothing added next to it by the script.
    assert.equal(await page.locator(".prose :is(h2, h3) > a.heading-anchor").count(), headings);
    assert.equal(await page.locator("main button").count(), 0, "no second icon per heading");
    const link = page.locator("#example > a.heading-anchor");
    assert.equal(await link.getAttribute("aria-label"), "Link to Example");
    assert.equal(await link.innerText(), "", "an icon: no visible text that could differ from its name");
    const box = await link.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `24 x 24 at least: ${JSON.stringify(box)}`);
    await link.focus();
    assert.equal(await link.evaluate((a) => getComputedStyle(a).opacity), "1", "visible on focus");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash === "#example");
    await page.waitForFunction(() => document.getElementById("announcer").textContent.includes("copied"));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.url}418/index.html#example`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("on a phone the class navigation stays at hand and the search comes back on demand", async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 360, height: 740 }, hasTouch: true });
  try {
    await page.goto(`${env.server.url}4xx/index.html`);
    await page.evaluate(() => window.scrollTo(0, 3000));
    await page.waitForFunction(() => window.scrollY > 2000);
    const stuck = await page.evaluate(() => {
      const nav = document.querySelector(".class-nav").getBoundingClientRect();
      const input = document.getElementById("search-input").getBoundingClientRect();
      return { navTop: nav.top, navBottom: nav.bottom, inputBottom: input.bottom };
    });
    assert.ok(Math.abs(stuck.navTop) < 2, `class nav sticks to the top: ${JSON.stringify(stuck)}`);
    assert.ok(stuck.navBottom < 60, "and stays compact");
    assert.ok(stuck.inputBottom <= 0, "the search bar scrolled away");
    const jump = page.locator(".search-jump");
    assert.equal(await jump.isVisible(), true);
    await jump.tap();
    await page.waitForFunction(() => document.activeElement.id === "search-input");
    await page.waitForFunction(() => document.getElementById("search-input").getBoundingClientRect().top >= 0);
    assert.ok((await page.evaluate(() => window.scrollY)) > 2000, "without scrolling the page back up");
    await page.keyboard.type("teapot");
    const option = page.locator("#search-results .search-option").first();
    await option.waitFor();
    await option.tap();
    await page.waitForURL(`${env.server.url}418/index.html`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("print stylesheet: no navigation, search or toggle; external links show their URL", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}418/index.html`);
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== "none");
      const external = document.querySelector('.facts a[href^="https://"]');
      return {
        header: shown(".site-header"),
        search: shown(".search"),
        toggle: shown(".theme-toggle"),
        anchor: shown(".heading-anchor"),
        after: getComputedStyle(external, "::after").content,
        href: external.href,
        internal: getComputedStyle(document.querySelector(".facts a[href^='..']"), "::after").content,
      };
    });
    assert.equal(printed.header, false);
    assert.equal(printed.search, false);
    assert.equal(printed.toggle, false);
    assert.equal(printed.anchor, false);
    assert.ok(printed.after.includes(printed.href), `external link prints its URL: ${printed.after}`);
    assert.equal(printed.internal, "none", "internal links do not");
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, "code-418-print.png"), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("keyboard focus is visible and the skip link leads to main", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}index.html`);
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { cls: el.className, outline: style.outlineStyle, top: r.top, height: r.height };
    });
    assert.equal(skip.cls, "skip-link");
    assert.notEqual(skip.outline, "none");
    assert.ok(skip.top >= 0 && skip.height > 0, "the skip link shows when focused");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash === "#main");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      const el = document.activeElement;
      return { inMain: !!el.closest("main"), outline: getComputedStyle(el).outlineStyle };
    });
    assert.ok(next.inMain, "Tab after the skip link continues inside main");
    assert.notEqual(next.outline, "none", "focus ring on links");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("no console errors and no failed requests on home, a class page and a code page", async () => {
  for (const scheme of ["light", "dark"]) {
    const { context, page, problems } = await newPage({ colorScheme: scheme });
    try {
      for (const p of PAGES) {
        await page.goto(`${env.server.url}${p.path}`, { waitUntil: "networkidle" });
        // Loading the search index from a nested page exercises data-root.
        await page.locator("#search-input").focus();
        await page.locator("#search-input").fill("404");
        await page.locator("#search-results .search-option").first().waitFor();
        // The stylesheets really applied.
        assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")).position), "absolute");
      }
      assert.deepEqual(problems, [], `${scheme}: ${problems.join("\n")}`);
    } finally {
      await context.close();
    }
  }
});

test("no page scrolls sideways at 360 px", async () => {
  const pages = ["index.html", "404.html"];
  for (const entry of await readdir(outputDir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(path.join(outputDir, entry.name, "index.html"))) {
      pages.push(`${entry.name}/index.html`);
    }
  }
  assert.ok(pages.length > 10);
  const { context, page } = await newPage({ viewport: { width: 360, height: 740 } });
  const wide = [];
  try {
    for (const p of pages) {
      await page.goto(`${env.server.url}${p}`, { waitUntil: "domcontentloaded" });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) wide.push(`${p}: ${overflow}px too wide`);
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(wide, []);
});

test("screenshots at 360 and 1280 px, light and dark", async () => {
  await mkdir(screenshotDir, { recursive: true });
  const written = [];
  for (const scheme of ["light", "dark"]) {
    for (const width of [360, 1280]) {
      const height = width === 360 ? 780 : 860;
      const { context, page, problems } = await newPage({ viewport: { width, height }, colorScheme: scheme });
      try {
        for (const p of PAGES) {
          await page.goto(`${env.server.url}${p.path}`, { waitUntil: "networkidle" });
          const file = path.join(screenshotDir, `${p.name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file });
          written.push(file);
          if (p.name !== "home") {
            const full = path.join(screenshotDir, `${p.name}-${width}-${scheme}-full.png`);
            await page.screenshot({ path: full, fullPage: true });
            written.push(full);
          }
        }
        // The search list open, and a deep link into the home page's entries.
        await page.goto(`${env.server.url}index.html#4xx`, { waitUntil: "networkidle" });
        await page.locator("#search-input").focus();
        await page.locator("#search-input").fill("too large");
        await page.locator("#search-results .search-option").first().waitFor();
        await page.keyboard.press("ArrowDown");
        const file = path.join(screenshotDir, `search-${width}-${scheme}.png`);
        await page.screenshot({ path: file });
        written.push(file);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  }
  for (const file of written) assert.ok(existsSync(file), file);
  console.log(`screenshots in ${screenshotDir} (${written.length} files, served from ${BASE})`);
});
