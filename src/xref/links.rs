//! Where each page lives and how one page links to another.
//!
//! Pages are `index.html` (home), `4xx/index.html` (a class) and
//! `404/index.html` (a code). Links between them are relative, with explicit
//! `index.html` so the site also works when opened from the file system. The
//! 404 page is the exception: GitHub Pages serves it at any depth, so its links
//! start from the site's base path.
//!
//! A site in another language (`Site::edition`) lives under its prefix
//! (`zh-hans/index.html`, `zh-hans/404/index.html`); its links go to the page
//! in the same language, or to the default language's page when there is
//! none (`Site::in_language`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub use crate::model::PageId;
use crate::model::{Edition, Site};

use super::prose::{Known, Target};

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
    /// Code anchors (`404-not-found`) -> code.
    codes_by_slug: HashMap<String, u16>,
    /// The literal ids of the theme's templates (`main`, `see-also` ...):
    /// headings step aside for them. Found in the templates themselves.
    template_ids: HashSet<String>,
    /// The language of the pages and which pages it has of its own.
    edition: Edition,
}

impl SiteIndex {
    pub fn new(site: &Site) -> Self {
        let titles = site.codes.values().map(|c| (c.code, (c.title.clone(), c.slug.clone()))).collect();
        let base_path = site
            .config
            .base_url
            .as_deref()
            .and_then(|u| u.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
            .unwrap_or_else(|| "/".into());
        SiteIndex {
            titles,
            classes: site.classes.iter().map(|c| c.digit).collect(),
            invalid: site.invalid_codes.keys().copied().collect(),
            base_path,
            codes_by_slug: site.codes.values().map(|c| (c.slug.clone(), c.code)).collect(),
            template_ids: HashSet::new(),
            edition: site.edition.clone(),
        }
    }

    /// The folder of this language's pages: "" or "zh-hans/".
    fn folder(&self) -> String {
        self.edition.language.folder()
    }

    /// Whether this language has `page` of its own (`Edition::has_page`).
    pub fn in_language(&self, page: PageId) -> bool {
        self.edition.has_page(page)
    }

    /// The file of `page` in this language, relative to the output root.
    pub fn output_path(&self, page: PageId) -> String {
        format!("{}{}", self.folder(), page.output_path())
    }

    /// The pretty URL path of `page` in this language ("zh-hans/404/").
    pub fn url_path(&self, page: PageId) -> String {
        format!("{}{}", self.folder(), page.url_path())
    }

    pub fn edition(&self) -> &Edition {
        &self.edition
    }

    /// The URL of page `to` in the language whose folder is `folder`, from page `from` of this language.
    pub fn href_in(&self, from: PageId, folder: &str, to: PageId) -> String {
        format!("{}{folder}{}", self.root_prefix(from), to.output_path())
    }

    /// The index with the theme's literal ids, which headings avoid.
    pub fn with_template_ids(self, template_ids: HashSet<String>) -> Self {
        SiteIndex { template_ids, ..self }
    }

    /// Whether a heading on `page` must not take `id`: the theme uses it, or
    /// it is the anchor of a code entry the page holds.
    pub fn is_reserved_id(&self, page: PageId, id: &str) -> bool {
        self.template_ids.contains(id) || self.code_for_slug(id).is_some_and(|c| self.holds_entry(page, c))
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
        self.codes_by_slug.get(slug).copied()
    }

    /// The prefix from page `from` to the site root: "../" for each folder
    /// down (a language's folder counts), or the base path for the 404 page.
    pub fn root_prefix(&self, from: PageId) -> String {
        match from {
            PageId::NotFound => self.base_path.clone(),
            other => "../".repeat(other.depth() + usize::from(!self.folder().is_empty())),
        }
    }

    /// The URL of page `to` as written on page `from`: in this language when
    /// it has the page, else the default language's.
    pub fn page_href(&self, from: PageId, to: PageId) -> String {
        let folder = if self.in_language(to) { self.folder() } else { String::new() };
        format!("{}{folder}{}", self.root_prefix(from), to.output_path())
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

    fn source_title(&self, code: u16) -> Option<&str> {
        self.edition.source_titles.get(&code).map(String::as_str)
    }

    fn has_class(&self, class: u8) -> bool {
        self.classes.contains(&class)
    }
}
