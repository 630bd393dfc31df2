// The reader's experience, second pass (issue 14), in headless Chromium:
// the whole index on the first screen, touch targets of 24 x 24 px, library
// constants that never break inside a word, search snippets, answers for
// numbers the site has no page for (search box and 404 page), OpenSearch.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { useServerAndBrowser, outputDir, screenshotDir } from "./support.mjs";

const env = useServerAndBrowser();

const newPage = env.newPage;

/** Where the index starts and ends, and where the sticky header ends, in the first screen. */
function indexBox(page) {
  return page.evaluate(() => {
    const grid = document.querySelector(".code-grid").getBoundingClientRect();
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const rows = [...document.querySelectorAll(".code-grid li")];
    const firstRow = rows[0].getBoundingClientRect();
    return {
      top: grid.top,
      bottom: grid.bottom,
      firstRowBottom: firstRow.bottom,
      headerBottom: header.bottom,
      innerHeight: window.innerHeight,
      rows: rows.length,
      scrollY: window.scrollY,
    };
  });
}

test("the whole index is on the first screen at 1280 x 800", async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${env.server.url}index.html`);
    const box = await indexBox(page);
    const codes = (await readdir(outputDir)).filter((d) => /^\d{3}$/.test(d)).length;
    assert.equal(box.rows, codes, "every code is in the index");
    assert.ok(box.top >= box.headerBottom, `the index starts below the header: ${JSON.stringify(box)}`);
    assert.ok(box.bottom <= box.innerHeight, `the index ends within 800 px: ${JSON.stringify(box)}`);
    // Each code appears once on the page: one link to its page, in the index.
    const links = await page.evaluate(() => {
      const count = {};
      for (const a of document.querySelectorAll("main a[href]")) {
        const m = /^(\d{3})\/index\.html$/.exec(a.getAttribute("href"));
        if (m && !a.closest(".prose")) count[m[1]] = (count[m[1]] || 0) + 1;
      }
      return Object.entries(count).filter(([, n]) => n !== 1);
    });
    assert.deepEqual(links, [], "codes listed more than once outside the article");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the index starts within the first screen at 360 x 800, the article follows it", async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 360, height: 800 }, hasTouch: true });
  try {
    await page.goto(`${env.server.url}index.html`);
    const box = await indexBox(page);
    assert.ok(box.firstRowBottom <= box.innerHeight, `the first code is on the first screen: ${JSON.stringify(box)}`);
    const order = await page.evaluate(() => {
      const grid = document.querySelector(".code-grid");
      const article = document.querySelector(".home-intro");
      return grid.compareDocumentPosition(article) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, "the article comes after the index");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/**
 * Every visible a, button, input and summary whose box is under 24 x 24 CSS
 * px. Exempt, as in WCAG 2.2 (2.5.8): a link inline in a sentence, i.e. an
 * inline link in a block with at least three letters of text of its own.
 */
function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll("a[href], button, input, summary")) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) continue; // parked off-screen (skip link)
      if (style.display === "inline") {
        const block = el.parentElement.closest("p, li, td, th, dd, dt, figcaption, blockquote");
        if (block) {
          let own = "";
          const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) if (!walk.currentNode.parentElement.closest("a, button")) own += walk.currentNode.data;
          if ((own.match(/\p{L}/gu) || []).length >= 3) continue;
        }
      }
      if (r.width < 24 || r.height < 24) {
        const name = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.id;
        small.push(`${el.tagName.toLowerCase()}.${el.className} "${name}": ${r.width.toFixed(1)} x ${r.height.toFixed(1)}`);
      }
    }
    return small;
  });
}

for (const width of [360, 1280]) {
  test(`every target is at least 24 x 24 px at ${width} px`, async () => {
    const { context, page } = await newPage({ viewport: { width, height: 800 }, hasTouch: width === 360 });
    const found = [];
    try {
      for (const p of ["index.html", "4xx/index.html", "418/index.html", "404/index.html", "404.html"]) {
        await page.goto(`${env.server.url}${p}`, { waitUntil: "networkidle" });
        // The search list too.
        await page.locator("#search-input").fill("40");
        await page.locator("#search-results .search-option").first().waitFor();
        for (const s of await smallTargets(page)) found.push(`${p}: ${s}`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(found, []);
  });
}

test("no library constant is split inside a word at 360 px", async () => {
  const pages = [];
  for (const entry of await readdir(outputDir)) {
    if (/^\d{3}$/.test(entry) && existsSync(path.join(outputDir, entry, "index.html"))) pages.push(entry);
  }
  const { context, page } = await newPage({ viewport: { width: 360, height: 800 } });
  const split = [];
  let checked = 0;
  try {
    for (const code of pages) {
      await page.goto(`${env.server.url}${code}/index.html`, { waitUntil: "domcontentloaded" });
      const result = await page.evaluate(() => {
        const bad = [];
        let parts = 0;
        for (const el of document.querySelectorAll("table.constants code")) {
          // The words between <wbr>s and spaces: each must sit on one line box.
          for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE) continue;
            for (const m of node.data.matchAll(/\S+/g)) {
              parts++;
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
              if (tops.size > 1) bad.push(`"${m[0]}" of ${el.textContent} on ${tops.size} lines`);
            }
          }
          const wrap = el.closest(".table-wrap");
          if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) bad.push(`${el.textContent} does not fit the column`);
        }
        return { bad, parts };
      });
      checked += result.parts;
      for (const b of result.bad) split.push(`${code}: ${b}`);
    }
  } finally {
    await context.close();
  }
  assert.ok(checked > 100, `only ${checked} constant parts found`);
  assert.deepEqual(split, []);
});

/** Types a query and returns every option's number, title, summary and match line. */
async function optionsFor(page, query) {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").fill(query);
  await page.locator("#search-results [role=option]").first().waitFor();
  return page.locator("#search-results [role=option]").evaluateAll((items) =>
    items.map((li) => ({
      code: li.querySelector(".num")?.textContent,
      title: li.querySelector(".option-title")?.textContent,
      hint: li.querySelector(".option-hint")?.textContent ?? li.textContent,
      match: li.querySelector(".option-match")?.textContent.trim() ?? null,
      label: li.querySelector(".option-label")?.textContent ?? null,
      hintFits: !li.querySelector(".option-hint") ||
        li.querySelector(".option-hint").scrollHeight <= li.querySelector(".option-hint").clientHeight + 1,
      matchFits: !li.querySelector(".option-match") ||
        [...li.querySelectorAll(".option-match, .option-match *")].every((e) => e.scrollWidth <= e.clientWidth + 1),
    })),
  );
}

const excerptOf = async (code) => JSON.parse(await readFile(path.join(outputDir, "api", `${code}.json`), "utf8")).excerpt;

test("search snippets: the summary, plus what matched when it was a constant or a former name", async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 360, height: 800 } });
  try {
    await page.goto(`${env.server.url}index.html`);
    await page.locator("#search-input").focus();

    const teapot = await optionsFor(page, "teapot");
    assert.equal(teapot[0].code, "418");
    assert.equal(teapot[0].hint, await excerptOf(418), "the snippet is the summary");
    assert.equal(teapot[0].match, null, "the title matched: no second line");

    const gateway = await optionsFor(page, "gateway");
    for (const code of ["502", "504"]) {
      const hit = gateway.find((o) => o.code === code);
      assert.ok(hit, `${code} is found for "gateway"`);
      assert.equal(hit.hint, await excerptOf(code), `${code} shows its summary`);
      assert.equal(hit.match, null, `${code}: its name says "gateway" already`);
    }

    // A constant: the summary, then the library and the whole constant.
    const constant = await optionsFor(page, "HTTPStatus.IM_A_TEAPOT");
    assert.equal(constant[0].code, "418");
    assert.equal(constant[0].hint, await excerptOf(418));
    assert.equal(constant[0].label, "Python (http.HTTPStatus):");
    assert.equal(constant[0].match, "Python (http.HTTPStatus): HTTPStatus.IM_A_TEAPOT");
    assert.ok(constant[0].matchFits, "the constant is shown whole, not cut off");

    // A former name.
    const former = await optionsFor(page, "Request Entity Too Large");
    assert.equal(former[0].code, "413");
    assert.equal(former[0].match, "Former or other name: \u201cRequest Entity Too Large\u201d");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the search answers numbers the site has no page for", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}4xx/index.html`);
    await page.locator("#search-input").focus();

    const [unknown2xx] = await optionsFor(page, "299");
    assert.equal(unknown2xx.code, "299");
    assert.equal(unknown2xx.title, "Not registered");
    assert.match(unknown2xx.hint, /^Not a registered code, or an unofficial one/);
    assert.match(unknown2xx.hint, /A client treats an unknown 2xx like 200 OK\./);
    assert.ok(unknown2xx.hintFits, "the rule is shown whole");

    const [unknown4xx] = await optionsFor(page, "432");
    assert.match(unknown4xx.hint, /unknown 4xx like 400 Bad Request\./);
    // Enter opens the code it is treated like.
    await page.keyboard.press("Enter");
    await page.waitForURL(`${env.server.url}400/index.html`);

    await page.locator("#search-input").focus();
    const [outside] = await optionsFor(page, "600");
    assert.equal(outside.hint, "No HTTP status code is 600: status codes run from 100 to 599.");
    const [prefix] = await optionsFor(page, "6");
    assert.match(prefix.hint, /starts with 6: status codes run from 100 to 599/);
    // A number the site has a page for is still just that page.
    assert.equal((await optionsFor(page, "404"))[0].title, "Not Found");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the 404 page answers /299/ and /600/ under the sub-path", async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 360, height: 800 } });
  try {
    const answer = page.locator("[data-not-found-answer]");
    let res = await page.goto(`${env.server.url}299/`);
    assert.equal(res.status(), 404);
    await page.waitForFunction(() => /^299 /.test(document.querySelector("[data-not-found-answer]").textContent));
    assert.match(await answer.innerText(), /^299 is not a registered status code.*unknown 2xx like 200 OK/s);
    await answer.locator("a").click();
    await page.waitForURL(`${env.server.url}200/index.html`);

    res = await page.goto(`${env.server.url}432/index.html`);
    assert.equal(res.status(), 404);
    await page.waitForFunction(() => /^432 /.test(document.querySelector("[data-not-found-answer]").textContent));
    assert.equal(await answer.locator("a").getAttribute("href"), "/statusref/400/index.html");

    await page.goto(`${env.server.url}600/`);
    await page.waitForFunction(() => /^600 /.test(document.querySelector("[data-not-found-answer]").textContent));
    assert.equal(await answer.innerText(), "600 is not an HTTP status code: status codes run from 100 to 599.");

    // Under another language's folder: the number after the folder is answered,
    // and a code with no page in that language leads to the English page.
    await page.goto(`${env.server.url}zh-hans/299/`);
    await page.waitForFunction(() => /^299 /.test(document.querySelector("[data-not-found-answer]").textContent));
    assert.equal(await answer.locator("a").getAttribute("href"), "/statusref/200/index.html");
    await page.goto(`${env.server.url}zh-hans/102/`);
    await page.waitForFunction(() => /^102 /.test(document.querySelector("[data-not-found-answer]").textContent));
    assert.equal(await answer.locator("a").getAttribute("href"), "/statusref/102/index.html");

    // Anything else keeps the static page's words.
    await page.goto(`${env.server.url}no-such-page/`);
    await page.waitForLoadState("networkidle");
    assert.doesNotMatch(await answer.innerText(), /status code:|registered/);
    const unexpected = problems.filter((p) => !/HTTP 404: .*\/(299|432\/index\.html|600|zh-hans\/299|zh-hans\/102|no-such-page)\/?$/.test(p) &&
      !/console error: Failed to load resource: the server responded with a status of 404/.test(p));
    assert.deepEqual(unexpected, []);
  } finally {
    await context.close();
  }
});

test("without JavaScript the 404 page still says what it can", async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  try {
    await page.goto(`${env.server.url}299/`);
    assert.match(await page.locator("[data-not-found-answer]").innerText(), /This address answered with 404 Not Found/);
  } finally {
    await context.close();
  }
});

test("OpenSearch: valid, linked from every page, and its template searches the site", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}418/index.html`);
    const link = await page.evaluate(() => {
      const l = document.querySelector('link[rel="search"][type="application/opensearchdescription+xml"]');
      return l && { href: l.href, title: l.title };
    });
    assert.ok(link, "code pages link the OpenSearch description");
    assert.equal(link.href, `${env.server.url}opensearch.xml`);
    assert.ok(link.title);

    const description = await page.evaluate(async (href) => {
      const text = await (await fetch(href)).text();
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const NS = "http://a9.com/-/spec/opensearch/1.1/";
      const root = doc.documentElement;
      const one = (name) => root.getElementsByTagNameNS(NS, name)[0]?.textContent ?? null;
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        shortName: one("ShortName"),
        description: one("Description"),
        html: [...root.getElementsByTagNameNS(NS, "Url")].find((u) => u.getAttribute("type") === "text/html")
          ?.getAttribute("template"),
      };
    }, link.href);
    assert.equal(description.error, null, "well-formed XML");
    assert.equal(description.root, "OpenSearchDescription");
    assert.equal(description.ns, "http://a9.com/-/spec/opensearch/1.1/");
    assert.ok(description.shortName.length >= 1 && description.shortName.length <= 16, description.shortName);
    assert.ok(description.description.length >= 1 && description.description.length <= 1024);

    // The template is the home page's canonical URL with ?q={searchTerms}.
    await page.goto(`${env.server.url}index.html`);
    const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
    assert.equal(description.html, `${canonical}?q={searchTerms}`);
    // Followed here (the canonical host swapped for this server), it searches.
    await page.goto(description.html.replace(canonical, env.server.url).replace("{searchTerms}", "teapot"));
    await page.locator("#search-results .search-option").first().waitFor();
    assert.equal(await page.locator("#search-results .search-option .num").first().innerText(), "418");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("code pages link their JSON", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}418/index.html`);
    const alternate = await page.evaluate(() => document.querySelector('link[rel=alternate][type="application/json"]')?.href);
    assert.equal(alternate, `${env.server.url}api/418.json`);
    const visible = page.locator('main a[type="application/json"]');
    assert.equal(await visible.isVisible(), true);
    const res = await page.request.get(await visible.evaluate((a) => a.href));
    assert.equal(res.status(), 200);
    assert.equal((await res.json()).code, 418);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("screenshots: a constant match, an unknown number, the 404 page for /299/", async () => {
  await mkdir(screenshotDir, { recursive: true });
  for (const scheme of ["light", "dark"]) {
    for (const width of [360, 1280]) {
      const { context, page } = await newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
      try {
        await page.goto(`${env.server.url}index.html`, { waitUntil: "networkidle" });
        await page.locator("#search-input").focus();
        for (const [name, query] of [["constant", "HTTP_STATUS_TEAPOT"], ["unknown", "299"]]) {
          await optionsFor(page, query);
          await page.screenshot({ path: path.join(screenshotDir, `search-${name}-${width}-${scheme}.png`) });
        }
        await page.goto(`${env.server.url}299/`, { waitUntil: "networkidle" });
        await page.waitForFunction(() => /^299 /.test(document.querySelector("[data-not-found-answer]").textContent));
        await page.screenshot({ path: path.join(screenshotDir, `not-found-299-${width}-${scheme}.png`) });
      } finally {
        await context.close();
      }
    }
  }
});
