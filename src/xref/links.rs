//! Where each page lives and how one page links to another.
//!
//! Pages are `index.html` (home), `4xx/index.html` (a class) and
//! `404/index.html` (a code). Links between them are relative, with explicit
//! `index.html` so the site also works when opened from the file system. The
//! 404 page is the exception: GitHub Pages serves it at any depth, so its links
//! start from the site's base path.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::model::Site;

use super::prose::{Known, Target};

/// Identifies a page of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Class(u8),
    Code(u16),
    NotFound,
}

impl PageId {
    /// The output file, relative to the output root.
    pub fn output_path(self) -> String {
        match self {
            PageId::Home => "index.html".into(),
            PageId::Class(d) => format!("{d}xx/index.html"),
            PageId::Code(c) => format!("{c}/index.html"),
            PageId::NotFound => "404.html".into(),
        }
    }

    /// The pretty URL path, relative to the site root ("", "4xx/", "404/").
    pub fn url_path(self) -> String {
        match self {
            PageId::Home => String::new(),
            PageId::Class(d) => format!("{d}xx/"),
            PageId::Code(c) => format!("{c}/"),
            PageId::NotFound => "404.html".into(),
        }
    }

    fn depth(self) -> usize {
        match self {
            PageId::Home | PageId::NotFound => 0,
            PageId::Class(_) | PageId::Code(_) => 1,
        }
    }
}

/// What the link builder knows of the site: titles, slugs and which page holds which entries.
#[derive(Debug, Clone)]
pub struct SiteIndex {
    titles: BTreeMap<u16, (String, String)>,
    classes: Vec<u8>,
    /// Codes whose page exists but is invalid: links to them are not reported.
    invalid: BTreeSet<u16>,
    /// Path from the output root as seen by the 404 page ("/" or "/repo/").
    base_path: String,
    /// Ids the templates give elements of a page (code anchors, class
    /// sections, the reference boxes of a code page): headings avoid them.
    reserved_ids: HashSet<String>,
}

/// Ids the default templates use on every page or on some kinds of page.
const TEMPLATE_IDS: &[&str] = &[
    "main",
    "search-input",
    "search-hint",
    "search-results",
    "announcer",
    "toc-title",
    "index-title",
    "codes-title",
    "specification",
    "constants",
    "see-also",
    "referenced-by",
];

impl SiteIndex {
    pub fn new(site: &Site) -> Self {
        let titles = site.codes.values().map(|c| (c.code, (c.title.clone(), c.slug.clone()))).collect();
        let base_path = site
            .config
            .base_url
            .as_deref()
            .and_then(|u| u.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
            .unwrap_or_else(|| "/".into());
        let mut reserved_ids: HashSet<String> = TEMPLATE_IDS.iter().map(|s| s.to_string()).collect();
        reserved_ids.extend(site.codes.values().map(|c| c.slug.clone()));
        for class in &site.classes {
            let name = class.name();
            reserved_ids.insert(format!("title-{name}"));
            reserved_ids.insert(format!("index-{name}"));
            reserved_ids.insert(name);
        }
        SiteIndex {
            titles,
            classes: site.classes.iter().map(|c| c.digit).collect(),
            invalid: site.invalid_codes.keys().copied().collect(),
            base_path,
            reserved_ids,
        }
    }

    pub fn reserved_ids(&self) -> &HashSet<String> {
        &self.reserved_ids
    }

    /// Whether `path` (relative to the output root) is a file the build
    /// writes besides pages: the data API, sitemap, robots.txt, the 404 page
    /// and the theme's static files.
    pub fn is_generated_file(&self, path: &str) -> bool {
        if matches!(path, "api/codes.json" | "api/codes.csv" | "sitemap.xml" | "robots.txt" | "404.html") {
            return true;
        }
        if let Some(code) = path.strip_prefix("api/").and_then(|p| p.strip_suffix(".json")) {
            return code.parse().is_ok_and(|c: u16| self.titles.contains_key(&c));
        }
        path.starts_with("static/") && path.len() > "static/".len()
    }

    pub fn has_code(&self, code: u16) -> bool {
        self.titles.contains_key(&code)
    }

    /// Whether the site has a page for `code` that failed validation (and was reported).
    pub fn is_invalid(&self, code: u16) -> bool {
        self.invalid.contains(&code)
    }

    pub fn slug(&self, code: u16) -> Option<&str> {
        self.titles.get(&code).map(|(_, s)| s.as_str())
    }

    /// The code whose anchor is `slug` (e.g. `404-not-found`).
    pub fn code_for_slug(&self, slug: &str) -> Option<u16> {
        let code: u16 = slug.get(..3)?.parse().ok()?;
        (self.slug(code) == Some(slug)).then_some(code)
    }

    /// "../" for a page one folder down, or the base path for the 404 page.
    pub fn root_prefix(&self, from: PageId) -> String {
        match from {
            PageId::NotFound => self.base_path.clone(),
            other => "../".repeat(other.depth()),
        }
    }

    /// The URL of page `to` as written on page `from`.
    pub fn page_href(&self, from: PageId, to: PageId) -> String {
        format!("{}{}", self.root_prefix(from), to.output_path())
    }

    /// Whether page `from` lists the entry (heading with anchor) of `code`.
    pub fn holds_entry(&self, from: PageId, code: u16) -> bool {
        match from {
            PageId::Home => true,
            PageId::Class(d) => u16::from(d) == code / 100,
            _ => false,
        }
    }

    /// Whether a cross-reference to `code` on page `from` stays on the page:
    /// only on a class page, whose entries carry the code's summary. The home
    /// page holds the anchors too, but in one-line index rows, so its prose
    /// links the code's own page.
    fn links_in_page(&self, from: PageId, code: u16) -> bool {
        matches!(from, PageId::Class(_)) && self.holds_entry(from, code)
    }

    /// Link for a cross-reference: (href, title attribute). `None` when the site lacks the target.
    pub fn target_href(&self, from: PageId, target: Target) -> Option<(String, String)> {
        match target {
            Target::Code(code) => {
                let (title, slug) = self.titles.get(&code)?;
                let href = if self.links_in_page(from, code) {
                    format!("#{slug}")
                } else {
                    self.page_href(from, PageId::Code(code))
                };
                Some((href, format!("{code} {title}")))
            }
            Target::Class(digit) => {
                if !self.classes.contains(&digit) {
                    return None;
                }
                Some((self.page_href(from, PageId::Class(digit)), format!("{digit}xx responses")))
            }
        }
    }
}

impl Known for SiteIndex {
    fn title(&self, code: u16) -> Option<&str> {
        self.titles.get(&code).map(|(t, _)| t.as_str())
    }

    fn has_class(&self, class: u8) -> bool {
        self.classes.contains(&class)
    }
}
