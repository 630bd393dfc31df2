// Shared set-up for the browser tests: a tiny static server for output/ under
// a sub-path (optionally the way GitHub Pages answers: gzip, a cache header,
// no CSP), and headless Chromium (Debian's package) through playwright-core.

import http from "node:http";
import { gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const outputDir = path.resolve(process.env.STATUSREF_OUTPUT || path.join(repo, "output"));
export const screenshotDir = path.join(repo, ".ci", "artifacts", "screenshots");
export const BASE = "/statusref/";
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Without the background-networking flags Chromium tries to reach Google.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

// What the site must be able to live with: nothing from another host, no
// inline script or style. A violation is a console error, so the tests see it.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

if (!existsSync(path.join(outputDir, "index.html"))) {
  throw new Error(`${outputDir}/index.html is missing: run \`cargo run -- build\` first`);
}

const COMPRESSIBLE = new Set([".html", ".css", ".js", ".json", ".csv", ".svg", ".xml", ".txt"]);

/**
 * Serves a built site at http://127.0.0.1:PORT/statusref/ (ephemeral port),
 * 404.html for a missing path. `root` is the folder, or a function called on
 * each request (so a site can be built for the port once it is known).
 * `pages: true` answers like GitHub Pages: gzip when asked for, a 10-minute
 * cache header, no CSP.
 */
export async function startServer({ csp = true, pages = false, root = () => outputDir } = {}) {
  const dirOf = typeof root === "function" ? root : () => root;
  const server = http.createServer(async (req, res) => {
    const dir = dirOf();
    const headers = pages
      ? { "cache-control": "max-age=600", "x-content-type-options": "nosniff", vary: "Accept-Encoding" }
      : { "cache-control": "no-store", "x-content-type-options": "nosniff" };
    if (csp && !pages) headers["content-security-policy"] = CSP;
    const send = (status, type, body) => {
      const gzip = pages && COMPRESSIBLE.has(type.ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "");
      const extra = gzip ? { "content-encoding": "gzip" } : {};
      res.writeHead(status, { ...headers, ...extra, "content-type": type.mime }).end(gzip ? gzipSync(body) : body);
    };
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, headers).end("bad request");
      return;
    }
    if (!pathname.startsWith(BASE)) {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end(`outside ${BASE}`);
      return;
    }
    let rel = pathname.slice(BASE.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(dir, rel);
    if (path.relative(dir, file).startsWith("..")) {
      res.writeHead(403, headers).end("forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (info.isDirectory() && pages) {
        // GitHub Pages adds the slash: /statusref/4xx -> /statusref/4xx/
        res.writeHead(301, { ...headers, location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      if (!info.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      const ext = path.extname(file);
      send(200, { ext, mime: TYPES[ext] || "application/octet-stream" }, body);
    } catch {
      const body = await readFile(path.join(dir, "404.html")).catch(() => Buffer.from("not found"));
      send(404, { ext: ".html", mime: TYPES[".html"] }, body);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${BASE}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Records what should never happen on a page: console errors, uncaught
 * exceptions, failed requests, HTTP errors and requests to another host.
 */
export function watch(page, origin) {
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText;
    // Cancelled by a navigation (e.g. the favicon while a link is followed);
    // a missing file shows up below as an HTTP error instead.
    if (why === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${req.url()} (${why})`);
  });
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith("data:")) problems.push(`request to another host: ${u}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Pages checked one by one: home, a class page, a code page, in English and
 *  in Simplified Chinese (translated home, class and code page). */
export const PAGES = [
  { name: "home", path: "index.html" },
  { name: "class-4xx", path: "4xx/index.html" },
  { name: "code-418", path: "418/index.html" },
  { name: "zh-home", path: "zh-hans/index.html" },
  { name: "zh-class-4xx", path: "zh-hans/4xx/index.html" },
  { name: "zh-code-404", path: "zh-hans/404/index.html" },
];

/** Starts the static server and Chromium before a test file's tests and stops
 *  both after them. The returned object's `server` and `browser` are set by the
 *  time the tests run, and its `newPage` opens a page on them. */
export function useServerAndBrowser() {
  const env = { server: undefined, browser: undefined };
  /** A page in a fresh context (1280 x 800, reduced motion unless `options`
   *  say otherwise), with the problems `watch` collects on it. */
  env.newPage = async (options = {}) => {
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: "reduce",
      ...options,
    });
    const page = await context.newPage();
    const problems = watch(page, env.server.origin);
    return { context, page, problems };
  };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
