/* statusref: search box, theme toggle, heading links that copy, answers for
   numbers the site has no page for (search box and 404 page). No framework,
   no request to another host. The search index ({root}api/codes.json, or the
   page language's, named by the script's data-index) is fetched on first use;
   in another language a record also has the registered English title
   (source_title), and CJK text is matched by substring. Every URL is built from the script's data-root attribute, so
   the site works from a sub-path. Its words come from the theme's strings
   files (the `search` group of each language), which statusref writes into
   STRINGS when it copies this file; the page's <html lang> picks one. Without
   this script the search form still submits to the home page and every list
   and anchor works. */
(function () {
  "use strict";
  var doc = document;
  var html = doc.documentElement;
  var script = doc.currentScript || doc.querySelector("script[data-root]");
  var root = (script && script.getAttribute("data-root")) || "";
  var indexPath = (script && script.getAttribute("data-index")) || "api/codes.json";
  var THEME_KEY = "statusref-theme";
  var MAX = 10;
  html.classList.add("js");

  var STRINGS = /* theme strings */ {};
  var T = STRINGS[html.getAttribute("lang")] || STRINGS[Object.keys(STRINGS)[0]] || {};
  /* T.no_match with { query: "x" }: each {name} replaced by its value. */
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
    });
  }
  /* The same into an element, where a value may be a node (a link). */
  function fillNodes(parent, text, values) {
    String(text).split(/(\{\w+\})/).forEach(function (part) {
      var name = /^\{(\w+)\}$/.exec(part);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1]) ? values[name[1]] : null;
      if (value !== null && typeof value === "object") parent.appendChild(value);
      else if (value !== null) parent.appendChild(doc.createTextNode(String(value)));
      else if (part) parent.appendChild(doc.createTextNode(part));
    });
  }

  /* Announcements for screen readers (aria-live="polite"). */
  var announcer = doc.getElementById("announcer");
  var announceTimer;
  function announce(text) {
    if (!announcer) return;
    clearTimeout(announceTimer);
    announcer.textContent = "";
    announceTimer = setTimeout(function () { announcer.textContent = text; }, 60);
  }

  /* ---------- theme toggle ---------- */
  var toggle = doc.querySelector("[data-theme-toggle]");
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function storedTheme() {
    try { return localStorage.getItem(THEME_KEY); } catch (e) { return null; }
  }
  function effectiveTheme() {
    var t = html.getAttribute("data-theme");
    if (t === "dark" || t === "light") return t;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }
  function syncToggle() {
    if (toggle) toggle.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
  }
  var saved = storedTheme();
  if ((saved === "dark" || saved === "light") && !html.hasAttribute("data-theme")) {
    html.setAttribute("data-theme", saved);
  }
  if (toggle) {
    toggle.hidden = false;
    syncToggle();
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      html.setAttribute("data-theme", next);
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* not remembered */ }
      syncToggle();
    });
    if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", syncToggle);
  }

  /* ---------- heading links: following one also copies its URL ---------- */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function fallbackCopy(text) {
    var field = doc.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "copy-buffer";
    doc.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(field);
    return ok;
  }
  doc.addEventListener("click", function (e) {
    var anchor = e.target && e.target.closest ? e.target.closest("a.heading-anchor") : null;
    if (!anchor || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    /* The link still moves to its section; the address is copied on top. */
    var url = location.href.split("#")[0] + anchor.getAttribute("href");
    var name = anchor.getAttribute("aria-label") || T.link;
    copyText(url).then(function (ok) {
      if (ok) {
        anchor.classList.add("copied");
        setTimeout(function () { anchor.classList.remove("copied"); }, 1600);
        announce(fill(T.copied, { name: name }));
      } else {
        announce(fill(T.in_address_bar, { name: name }));
      }
    });
  });

  /* ---------- keyboard access to wide code blocks and tables ---------- */
  function markScrollables() {
    Array.prototype.forEach.call(doc.querySelectorAll("pre, .table-wrap"), function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && el.hasAttribute("data-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    });
  }
  markScrollables();
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollables, 150);
  });

  /* ---------- search ---------- */
  var input = doc.getElementById("search-input");
  var list = doc.getElementById("search-results");
  if (!input || !list) return;
  var form = input.form;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  var hint = doc.getElementById("search-hint");
  if (hint) hint.textContent += " " + T.keys;

  var records = null;
  var loading = null;
  var loadFailed = false;
  var results = [];
  var active = -1;

  /* CJK ideographs and kana stay (they are words of their own), as do Latin letters and digits. */
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  function norm(s) {
    return String(s || "").toLowerCase().replace(/['\u2019]/g, "")
      .replace(/[^a-z0-9\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g, " ").trim();
  }
  function compact(s) {
    return String(s || "").toLowerCase().replace(/[^a-z0-9]+/g, "");
  }
  function prepare(r) {
    var words = [r.title, r.source_title || "", r.excerpt, r.vendor || "", r.class]
      .concat(r.aliases || [], r.tags || [])
      .concat((r.constants || []).map(function (c) { return c.name; }));
    return {
      r: r,
      code: String(r.code),
      title: norm(r.title),
      source: norm(r.source_title),
      aliases: (r.aliases || []).map(norm),
      consts: (r.constants || []).map(function (c) { return compact(c.name); }),
      words: norm(words.join(" ")).split(" "),
      titleWords: norm(r.title).split(" ")
    };
  }
  function load() {
    if (!loading) {
      loading = fetch(root + indexPath)
        .then(function (res) {
          if (!res.ok) throw new Error("HTTP " + res.status);
          return res.json();
        })
        .then(function (data) {
          records = data.map(prepare);
          if (input.value.trim()) update();
        })
        .catch(function () {
          records = [];
          loadFailed = true;
          if (input.value.trim()) update();
        });
    }
    return loading;
  }

  function phraseScore(text, q, base) {
    if (!text) return 0;
    if (text === q) return base + 100;
    if (text.indexOf(q) === 0) return base;
    if ((" " + text).indexOf(" " + q) >= 0) return base - 100;
    if (text.indexOf(q) >= 0) return base - 200;
    return 0;
  }
  function score(p, q, qc, tokens, raw) {
    if (/^\d+$/.test(q.replace(/\s+/g, ""))) {
      var digits = q.replace(/\s+/g, "");
      if (p.code === digits) return { s: 2000 };
      return p.code.indexOf(digits) === 0 ? { s: 1500 } : null;
    }
    var best = { s: 0 };
    var t = Math.max(phraseScore(p.title, q, 800), phraseScore(p.source, q, 800));
    if (t > best.s) best = { s: t };
    p.aliases.forEach(function (a, i) {
      var s = phraseScore(a, q, 750);
      if (s > best.s) best = { s: s, why: "alias", alias: p.r.aliases[i] };
    });
    /* A constant is one token: StatusTooManyRequests, TOO_MANY_REQUESTS. */
    if (qc.length >= 4 && !/\s/.test(raw.trim())) {
      p.consts.forEach(function (c, i) {
        var s = 0;
        if (c === qc || c.slice(-qc.length) === qc) s = 780;
        else if (c.indexOf(qc) >= 0) s = 520;
        if (s > best.s) best = { s: s, why: "constant", constant: p.r.constants[i] };
      });
    }
    /* The name says it already: no second line for "gateway" on 502. */
    if (t && best.why) best = { s: best.s };
    if (!best.s && tokens.length) {
      var inTitle = 0;
      var all = tokens.every(function (tok, i) {
        var code = /^\d+$/.test(tok) && i === 0;
        if (code && p.code.indexOf(tok) === 0) { inTitle++; return true; }
        /* CJK is written without spaces: a CJK token may sit anywhere in a word. */
        var inside = CJK.test(tok);
        var hit = p.words.some(function (w) { return inside ? w.indexOf(tok) >= 0 : w.indexOf(tok) === 0; });
        if (hit && p.titleWords.some(function (w) { return w.indexOf(tok) === 0; })) inTitle++;
        return hit;
      });
      if (all) best = { s: 300 + inTitle * 20, why: inTitle === tokens.length ? null : "words" };
    }
    return best.s ? best : null;
  }
  function search(query) {
    var q = norm(query);
    if (!q || !records) return [];
    var qc = compact(query);
    var tokens = q.split(" ");
    var found = [];
    records.forEach(function (p) {
      var m = score(p, q, qc, tokens, query);
      if (m) found.push({ p: p, m: m });
    });
    found.sort(function (a, b) {
      return b.m.s - a.m.s ||
        (a.p.r.status === "standard" ? 0 : 1) - (b.p.r.status === "standard" ? 0 : 1) ||
        a.p.r.code - b.p.r.code;
    });
    return found.slice(0, MAX);
  }

  /* What matched, when it is not the title or the summary: a labelled
     second line, whole. */
  function matchLine(m) {
    if (m.why === "alias") return { label: T.alias, text: fill(T.quoted, { text: m.alias }) };
    if (m.why === "constant") return { label: m.constant.library + ":", text: m.constant.name, code: true };
    return null;
  }
  /* Appends text with a line-break opportunity after ".", "_" and "::",
     the way the "In code" tables break constants. */
  function appendBreakable(parent, text) {
    /* No lookbehind: older Safari would reject the whole script. */
    text.replace(/(::|[._])(?=.)/g, "$1\n").split("\n").forEach(function (part, i) {
      if (i) parent.appendChild(doc.createElement("wbr"));
      parent.appendChild(doc.createTextNode(part));
    });
  }
  /* A number the site has no page for. From 100 to 599: the rule for
     unknown codes and the class's x00 code (from the index); otherwise the
     range. Null when the query is not a number. */
  function unknownNumber(query) {
    var digits = String(query).replace(/\s+/g, "");
    if (!/^\d+$/.test(digits)) return null;
    var n = parseInt(digits, 10);
    if (digits.length !== 3 || n < 100 || n > 599) {
      return {
        code: digits,
        range: T.range,
        text: fill(digits.length < 3 ? T.no_code_starts : T.no_code_is, { digits: digits, range: T.range })
      };
    }
    var cls = Math.floor(n / 100);
    var base = null;
    (records || []).forEach(function (p) { if (p.r.code === cls * 100) base = p; });
    return {
      code: digits,
      base: base,
      title: T.unregistered_title,
      text: fill(T.unregistered, { "class": cls, base: base ? base.r.code + " " + base.r.title : cls + "00" })
    };
  }
  function unknownOption(unknown) {
    var li = doc.createElement("li");
    li.id = "search-option-0";
    li.className = "search-option search-unknown";
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-class", unknown.code.charAt(0) + "xx");
    var num = doc.createElement("span");
    num.className = "num";
    num.textContent = unknown.code;
    var title = doc.createElement("span");
    title.className = "option-title";
    title.textContent = unknown.title;
    var sub = doc.createElement("span");
    sub.className = "option-hint";
    sub.textContent = unknown.text;
    var line = doc.createElement("span");
    line.className = "option-match";
    line.textContent = fill(T.open, { name: unknown.base.r.code + " " + unknown.base.r.title });
    [num, doc.createTextNode(" "), title, doc.createTextNode(" "), sub, doc.createTextNode(" "), line]
      .forEach(function (n) { li.appendChild(n); });
    li.addEventListener("mousemove", function () { if (active !== 0) setActive(0); });
    li.addEventListener("click", function () { go(0); });
    return li;
  }
  function open() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function clearList() {
    while (list.firstChild) list.removeChild(list.firstChild);
  }
  function showMessage(text) {
    clearList();
    results = [];
    var li = doc.createElement("li");
    li.className = "search-empty";
    li.setAttribute("role", "option");
    li.setAttribute("aria-disabled", "true");
    li.setAttribute("aria-selected", "false");
    li.textContent = text;
    list.appendChild(li);
    open();
  }
  function href(r) {
    return root + r.url + "index.html";
  }
  var countTimer;
  function update() {
    var query = input.value;
    if (!norm(query)) { clearList(); close(); return; }
    if (!records) { load(); return; }
    if (loadFailed) { showMessage(T.load_failed); return; }
    results = search(query);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    clearList();
    var unknown = results.length ? null : unknownNumber(query);
    if (unknown && unknown.base) {
      results = [{ p: unknown.base, unknown: unknown }];
      list.appendChild(unknownOption(unknown));
      open();
      clearTimeout(countTimer);
      countTimer = setTimeout(function () {
        announce(fill(T.unregistered_announce, { code: unknown.code, title: unknown.title }));
      }, 400);
      return;
    }
    if (unknown) {
      showMessage(unknown.text);
      return;
    }
    if (!results.length) {
      showMessage(fill(T.no_match, { query: query.trim() }));
      clearTimeout(countTimer);
      countTimer = setTimeout(function () { announce(T.no_match_announce); }, 400);
      return;
    }
    results.forEach(function (hit, i) {
      var r = hit.p.r;
      var li = doc.createElement("li");
      li.id = "search-option-" + i;
      li.className = "search-option";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-class", r.class);
      var num = doc.createElement("span");
      num.className = "num";
      num.textContent = r.code;
      var title = doc.createElement("span");
      title.className = "option-title";
      title.textContent = r.title;
      /* In another language's index: a code not translated yet leads to its English page. */
      if (r.language) title.setAttribute("lang", r.language);
      var sub = doc.createElement("span");
      sub.className = "option-hint";
      sub.textContent = r.excerpt;
      li.appendChild(num);
      li.appendChild(doc.createTextNode(" "));
      li.appendChild(title);
      li.appendChild(doc.createTextNode(" "));
      li.appendChild(sub);
      var matched = matchLine(hit.m);
      if (matched) {
        var line = doc.createElement("span");
        line.className = "option-match";
        var label = doc.createElement("span");
        label.className = "option-label";
        label.textContent = matched.label;
        var value = doc.createElement(matched.code ? "code" : "span");
        appendBreakable(value, matched.text);
        line.appendChild(doc.createTextNode(" "));
        line.appendChild(label);
        line.appendChild(doc.createTextNode(" "));
        line.appendChild(value);
        li.appendChild(line);
      }
      li.addEventListener("mousemove", function () { if (active !== i) setActive(i); });
      li.addEventListener("click", function () { go(i); });
      list.appendChild(li);
    });
    open();
    clearTimeout(countTimer);
    countTimer = setTimeout(function () {
      announce(results.length === 1 ? T.found_one : fill(T.found_many, { count: results.length }));
    }, 400);
  }
  function setActive(i) {
    var items = list.querySelectorAll(".search-option");
    if (!items.length) return;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = (i + items.length) % items.length;
    var item = items[active];
    item.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", item.id);
    if (item.scrollIntoView) item.scrollIntoView({ block: "nearest" });
  }
  function go(i) {
    var hit = results[i];
    if (!hit) return;
    close();
    location.href = href(hit.p.r);
  }

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && records) update();
  });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    load();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) update();
      if (!results.length) return;
      e.preventDefault();
      if (e.key === "ArrowDown") setActive(active < 0 ? 0 : active + 1);
      else setActive(active < 0 ? results.length - 1 : active - 1);
    } else if (e.key === "Enter") {
      if (!list.hidden && results.length) {
        e.preventDefault();
        go(active >= 0 ? active : 0);
      }
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else if (input.value) {
        e.preventDefault();
        input.value = "";
      }
    } else if (e.key === "Tab") {
      close();
    }
  });
  input.addEventListener("blur", function () {
    setTimeout(function () { if (doc.activeElement !== input) close(); }, 120);
  });
  /* Keep the focus in the input while a result is clicked. */
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  if (form) {
    form.addEventListener("submit", function (e) {
      if (results.length) {
        e.preventDefault();
        go(active >= 0 ? active : 0);
      }
    });
  }

  /* On small screens the search bar scrolls away; this button brings it back. */
  var jump = doc.querySelector("[data-search-jump]");
  if (jump) {
    jump.hidden = false;
    jump.addEventListener("click", function () {
      input.focus({ preventScroll: true });
    });
  }

  /* "/" focuses the search box from anywhere, except while typing. */
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus({ preventScroll: true });
    input.select();
  });

  /* A search submitted without JavaScript (or from another page) lands on
     the home page with ?q=: pick it up. */
  var q = null;
  try { q = new URLSearchParams(location.search).get("q"); } catch (e) { q = null; }
  if (q) {
    input.value = q;
    input.focus({ preventScroll: true });
    load();
  }

  /* ---------- the 404 page answers a missing /NNN/ ---------- */
  /* On the 404 page data-root is the site's absolute base path, so the
     number is what follows it: /statusref/299/ gives 299. */
  var answer = doc.querySelector("[data-not-found-answer]");
  var rest = root.charAt(0) === "/" && location.pathname.indexOf(root) === 0 ?
    location.pathname.slice(root.length) : null;
  /* Under another language's folder (/statusref/zh-hans/299/) the number
     follows that folder: data-languages lists them on the 404 page. */
  var folders = ((script && script.getAttribute("data-languages")) || "").split(" ");
  if (rest !== null) {
    folders.forEach(function (f) {
      if (f && rest.indexOf(f + "/") === 0) rest = rest.slice(f.length + 1);
    });
  }
  var missing = rest === null ? null : /^(\d+)\/?(?:index\.html)?$/.exec(rest);
  if (answer && missing) {
    load().then(function () {
      var digits = missing[1];
      var known = null;
      (records || []).forEach(function (p) { if (p.code === digits) known = p; });
      var unknown = known ? null : unknownNumber(digits);
      if (!known && !unknown) return;
      while (answer.firstChild) answer.removeChild(answer.firstChild);
      var strong = doc.createElement("strong");
      strong.textContent = digits;
      var target = known || unknown.base;
      if (!target) {
        fillNodes(answer, T.not_a_code, { code: strong, range: unknown.range || unknown.text });
        return;
      }
      var link = doc.createElement("a");
      link.href = href(target.r);
      link.textContent = target.r.code + " " + target.r.title;
      if (known) {
        fillNodes(answer, T.has_page, { code: strong, link: link });
      } else {
        fillNodes(answer, T.unregistered_page, { code: strong, "class": digits.charAt(0), link: link });
      }
    });
  }
})();
