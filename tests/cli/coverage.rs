//! Coverage of code mentions, measured on the built site the way a reader sees it.
//!
//! For every page, the text of its `.prose` body is read with scraper, and every
//! standalone three-digit token that names a code the site has (a page
//! `NNN/index.html` exists), other than the page's own, counts as a mention,
//! unless it is a quantity ("100 seconds", "port 443") or a number the author
//! marked (`<span class="number">`). Code spans, code blocks and headings are
//! not prose. A (page, code) pair is covered when the page's prose links that
//! code at least once. The quantity words below are this measurement's own,
//! written apart from the generator's scanner, so that the figure checks it.
//!
//! Reproduce the figure: `cargo test --test cli coverage -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use scraper::node::Node;
use scraper::{ElementRef, Html};

use crate::support::{copy_dir, sel, SiteTest};

/// Words after a number that make it a quantity.
const UNITS: &[&str] = &[
    "ms",
    "s",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "byte",
    "bytes",
    "kb",
    "mb",
    "gb",
    "kib",
    "mib",
    "requests",
    "times",
    "users",
    "lines",
    "characters",
    "items",
    "connections",
    "attempts",
];
/// Words before a number that make it a quantity or a reference number.
const BEFORE: &[&str] = &[
    "port",
    "rfc",
    "section",
    "version",
    "about",
    "around",
    "approximately",
    "nearly",
    "every",
    "number",
    "no",
    "page",
    "line",
];
/// Two-word phrases before a number that make it a quantity.
const BEFORE_PAIRS: &[(&str, &str)] =
    &[("up", "to"), ("at", "least"), ("at", "most"), ("more", "than"), ("less", "than"), ("fewer", "than")];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Prose,
    /// Code, a code block or a heading: not prose.
    Skip,
    /// Inside a link to a code page or entry.
    Link(u16),
    /// A number the author marked.
    Number,
}

/// The measurement of one site.
#[derive(Debug, Default)]
pub(crate) struct Coverage {
    /// (page, code) -> the text around the first mention.
    pub named: BTreeMap<(String, u16), String>,
    /// (page, code) pairs the page's prose links.
    pub linked: BTreeSet<(String, u16)>,
    /// Links whose text is a quantity: (page, context).
    pub linked_quantities: Vec<(String, String)>,
}

impl Coverage {
    pub(crate) fn uncovered(&self) -> Vec<String> {
        let missing = self.named.iter().filter(|(pair, _)| !self.linked.contains(pair));
        missing.map(|((page, code), ctx)| format!("{page}: {code} in “{ctx}”")).collect()
    }

    pub(crate) fn summary(&self) -> String {
        let covered = self.named.keys().filter(|pair| self.linked.contains(pair)).count();
        let pct =
            if self.named.is_empty() { 100.0 } else { covered as f64 * 100.0 / self.named.len() as f64 };
        format!(
            "{} (page, code) pairs named in prose, {covered} linked on their page ({pct:.1}%)",
            self.named.len()
        )
    }
}

/// Measures the site built in `output`.
pub(crate) fn measure(output: &Path) -> Coverage {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(output).unwrap().to_string_lossy().replace('\\', "/");
            pages.push(rel);
        }
    }
    let codes: BTreeSet<u16> = pages.iter().filter_map(|p| page_code(p)).collect();
    let mut coverage = Coverage::default();
    for page in &pages {
        let html = Html::parse_document(&fs::read_to_string(output.join(page)).unwrap());
        for prose in html.select(&sel(".prose")) {
            let mut text = String::new();
            let mut parts = Vec::new();
            flatten(prose, Part::Prose, &mut text, &mut parts);
            measure_text(page, page_code(page), &codes, &text, &parts, &mut coverage);
        }
    }
    coverage
}

/// `404/index.html` (or a language's `zh-hans/404/index.html`) -> 404.
fn page_code(page: &str) -> Option<u16> {
    let code = page.strip_suffix("/index.html")?;
    let code = code.rsplit('/').next()?;
    (code.len() == 3).then(|| code.parse().ok()).flatten()
}

/// The code an `href` in the site points at: `../404/index.html` or `#404-not-found`.
fn href_code(href: &str) -> Option<u16> {
    let digits =
        |s: &str| (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    if let Some(anchor) = href.strip_prefix('#') {
        return anchor.split_once('-').and_then(|(d, _)| digits(d));
    }
    let path = href.split(['#', '?']).next()?;
    let path = path.strip_suffix("index.html").unwrap_or(path).trim_end_matches('/');
    digits(path.rsplit('/').next()?)
}

/// Appends the text under `el` to `text`, recording which part each range belongs to.
fn flatten(el: ElementRef<'_>, part: Part, text: &mut String, parts: &mut Vec<(usize, usize, Part)>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let start = text.len();
                text.push_str(t);
                parts.push((start, text.len(), part));
            }
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else { continue };
                let inner = match e.name() {
                    "code" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "script" | "style" => {
                        Part::Skip
                    }
                    "a" => match e.attr("href").and_then(href_code) {
                        Some(code) => Part::Link(code),
                        None => part,
                    },
                    "span" if e.has_class("number", scraper::CaseSensitivity::CaseSensitive) => Part::Number,
                    "p" | "li" | "td" | "th" | "div" | "blockquote" | "ul" | "ol" | "table" | "tr" => {
                        text.push(' '); // block boundaries separate words
                        part
                    }
                    _ => part,
                };
                flatten(child_el, if part == Part::Skip { part } else { inner }, text, parts);
            }
            _ => {}
        }
    }
}

fn measure_text(
    page: &str,
    own: Option<u16>,
    codes: &BTreeSet<u16>,
    text: &str,
    parts: &[(usize, usize, Part)],
    coverage: &mut Coverage,
) {
    for (start, end, part) in parts {
        if let Part::Link(code) = part {
            coverage.linked.insert((page.to_string(), *code));
            if is_quantity(text, *start, *end) {
                coverage.linked_quantities.push((page.to_string(), context(text, *start, *end)));
            }
        }
    }
    for (start, end) in tokens(text) {
        let code: u16 = text[start..end].parse().unwrap();
        let part = parts.iter().find(|(s, e, _)| *s <= start && start < *e).map_or(Part::Skip, |p| p.2);
        if !codes.contains(&code) || own == Some(code) || matches!(part, Part::Skip | Part::Number) {
            continue;
        }
        if matches!(part, Part::Prose) && is_quantity(text, start, end) {
            continue;
        }
        coverage.named.entry((page.to_string(), code)).or_insert_with(|| context(text, start, end));
    }
}

/// Standalone three-digit numbers 100..=599: not part of a longer number, word,
/// version, path, time or amount.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        let digit_after = |k: usize| b.get(i + k).is_some_and(u8::is_ascii_digit);
        let glued_before = before.is_some_and(|c| c.is_alphanumeric() || "_./:#$\\".contains(c))
            || (before.is_some_and(|c| ",-".contains(c)) && start >= 2 && b[start - 2].is_ascii_digit());
        let glued_after = after.is_some_and(|c| c.is_alphanumeric() || c == '%' || c == '_')
            || (after.is_some_and(|c| ".,:-".contains(c)) && digit_after(1));
        let value: u32 = text[start..i].parse().unwrap_or(0);
        if i - start == 3 && (100..=599).contains(&value) && !glued_before && !glued_after {
            out.push((start, i));
        }
    }
    out
}

fn is_quantity(text: &str, start: usize, end: usize) -> bool {
    let word_after = text[end..].trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut before = text[..start].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev();
    let (w1, w0) = (before.next().unwrap_or(""), before.next().unwrap_or(""));
    let directly_before = text[..start].trim_end().ends_with(|c: char| c.is_alphanumeric());
    let lower = |w: &str| w.to_lowercase();
    UNITS.contains(&lower(word_after).as_str())
        || (directly_before && BEFORE.contains(&lower(w1).as_str()))
        || (directly_before && BEFORE_PAIRS.contains(&(lower(w0).as_str(), lower(w1).as_str())))
}

fn context(text: &str, start: usize, end: usize) -> String {
    let from = text[..start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let to = text[end..].char_indices().nth(40).map_or(text.len(), |(i, _)| end + i);
    text[from..to].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_project_site_links_every_code_its_prose_names() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = SiteTest::empty();
    for dir in ["content", "data"] {
        copy_dir(&repo.join(dir), &site.path(dir));
    }
    // The translations need the languages site.yaml lists (their pages are measured too).
    std::fs::copy(repo.join("site.yaml"), site.path("site.yaml")).unwrap();
    site.build();
    let coverage = measure(&site.path("output"));
    println!("{}", coverage.summary());
    assert!(coverage.named.len() > 300, "the measurement found too little: {}", coverage.summary());
    let uncovered = coverage.uncovered();
    assert!(uncovered.is_empty(), "{}\n{}", coverage.summary(), uncovered.join("\n"));
    assert!(coverage.linked_quantities.is_empty(), "quantities linked: {:?}", coverage.linked_quantities);
}

#[test]
fn the_measurement_finds_unlinked_codes_and_linked_quantities() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/4xx/418.md",
        "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n\n\
         The answer is 404, not 418. Brew for 200 seconds or \\200 more, see 401, and wait [401] ms.\n\n\
         ## Not 200\n\n`200`\n",
    );
    site.build();
    let coverage = measure(&site.path("output"));
    let page = |code| ("418/index.html".to_string(), code);
    assert!(coverage.named.contains_key(&page(404)), "{:?}", coverage.named);
    assert!(coverage.named.contains_key(&page(401)));
    assert!(
        !coverage.named.contains_key(&page(200)),
        "quantities, marked numbers, headings and code are not mentions"
    );
    assert!(!coverage.named.contains_key(&page(418)), "the page's own code is not a mention");
    assert!(
        coverage.uncovered().iter().any(|u| u.starts_with("418/index.html: 404 in “")),
        "{:?}",
        coverage.uncovered()
    );
    assert!(!coverage.uncovered().iter().any(|u| u.contains(": 401 ")), "401 is linked on the page");
    assert_eq!(coverage.linked_quantities.len(), 1, "[401] ms: {:?}", coverage.linked_quantities);
}
