// The site in Simplified Chinese, in headless Chromium: search on a Chinese
// page uses the Chinese index (zh-hans/api/codes.json) and finds a code by its
// number, its Chinese name, its registered English name and a library
// constant; results lead to the Chinese page where there is one and to the
// English page otherwise; the language switcher leads to the same page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser } from "./support.mjs";

const env = useServerAndBrowser();

const newPage = env.newPage;

/** Types a query and returns the options listed: [code, title, href]. */
async function search(page, query) {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").fill(query);
  await page.locator("#search-results .search-option").first().waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll("#search-results .search-option")].map((o) => [
      o.querySelector(".num")?.textContent,
      o.textContent,
      o.querySelector("a")?.getAttribute("href") ?? o.dataset.href ?? "",
    ]),
  );
}

test("search on the Chinese site finds 404, 未找到, Not Found and a constant", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}zh-hans/4xx/index.html`, { waitUntil: "networkidle" });
    for (const query of ["404", "未找到", "Not Found", "StatusNotFound"]) {
      const found = await search(page, query);
      assert.equal(found[0][0], "404", `${query}: ${JSON.stringify(found)}`);
      assert.match(found[0][1], /未找到/, `${query}: the Chinese title is shown`);
    }
    // A code without a translation is found too, with its English title.
    const found = await search(page, "Early Hints");
    assert.equal(found[0][0], "103", JSON.stringify(found));
    // Enter opens the Chinese page of a translated code.
    await search(page, "未找到");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/zh-hans\/404\//);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-Hans");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the language switcher leads to the same page in the other language", async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${env.server.url}zh-hans/404/index.html`, { waitUntil: "networkidle" });
    await page.locator(".language-switcher a[hreflang=en]").click();
    await page.waitForURL(/\/404\/(index\.html)?$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await page.locator(".language-switcher a[hreflang=zh-Hans]").click();
    await page.waitForURL(/zh-hans\/404\//);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
