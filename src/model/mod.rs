//! The validated site: every type here is complete and immutable once built.
//!
//! `validate` builds a `Site` from the parsed sources (`source::Sources`, one
//! owned value) and reports every problem it finds (missing keys, codes that
//! do not match their file, duplicates ...). `SiteBuilder` makes a site from
//! markdown held in memory, through the same steps, for tests. `translations`
//! holds the pages' translations and makes the site in another language.

mod builder;
mod config;
pub mod constants;
pub mod registry;
mod translations;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use crate::source::raw::CodeShown;

pub use builder::SiteBuilder;
pub use config::{Language, Repository, SiteConfig};
pub use constants::Constant;
pub use translations::{
    check_stale, source_hash, source_path, translation_path, Edition, Translated, Translations,
};
pub use validate::validate_site;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Standard,
    Deprecated,
    Experimental,
    Unofficial,
    Unused,
    Obsolete,
    Temporary,
}

impl Status {
    pub const ALL: [(&'static str, Status); 7] = [
        ("standard", Status::Standard),
        ("deprecated", Status::Deprecated),
        ("experimental", Status::Experimental),
        ("unofficial", Status::Unofficial),
        ("unused", Status::Unused),
        ("obsolete", Status::Obsolete),
        ("temporary", Status::Temporary),
    ];

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.iter().find(|(name, _)| *name == s).map(|(_, status)| *status)
    }

    pub fn as_str(self) -> &'static str {
        Status::ALL.iter().find(|(_, s)| *s == self).map_or("standard", |(name, _)| name)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpecRef {
    pub name: String,
    pub section: Option<String>,
    pub url: Option<String>,
}

/// Markdown text and where it starts in its file, for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub path: PathBuf,
    pub text: String,
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCode {
    pub code: u16,
    pub title: String,
    /// `404-not-found`: the anchor of the code on the home and class pages.
    pub slug: String,
    pub excerpt: String,
    pub meta: Meta,
    pub order: i64,
    pub spec: Vec<SpecRef>,
    pub status: Status,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub see_also: Vec<u16>,
    pub constants: Vec<Constant>,
    pub vendor: Option<String>,
    /// Whether `check` asks the examples to show this code as a status.
    pub examples_show_code: bool,
    /// The display-only keys, as written (`source::raw` declares them).
    pub shown: CodeShown,
    pub body: Body,
    /// Where the front matter keys were written, for diagnostics.
    pub lines: KeyLines,
}

/// File lines of the front matter keys of a code page (the key's line, or the
/// opening `---` when the key is absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    pub title: usize,
    pub status: usize,
    pub see_also: usize,
}

impl StatusCode {
    pub fn class(&self) -> u8 {
        (self.code / 100) as u8
    }

    /// "404 Not Found"
    pub fn full_name(&self) -> String {
        format!("{} {}", self.code, self.title)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeClass {
    /// 1 to 5.
    pub digit: u8,
    pub title: String,
    pub excerpt: String,
    pub meta: Meta,
    pub body: Body,
    /// Its codes, in display order.
    pub codes: Vec<u16>,
}

impl CodeClass {
    /// "4xx"
    pub fn name(&self) -> String {
        format!("{}xx", self.digit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub title: String,
    pub excerpt: String,
    pub meta: Meta,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub body: Body,
}

/// A file under content/ copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to content/, with forward slashes.
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub home: Home,
    /// The classes that have a page or codes, in order 1xx..5xx.
    pub classes: Vec<CodeClass>,
    pub codes: BTreeMap<u16, StatusCode>,
    /// Codes whose page exists but is invalid (already reported), with its body
    /// so `check` still checks it. Links to them are not reported as missing.
    pub invalid_codes: BTreeMap<u16, Body>,
    pub assets: Vec<Asset>,
    /// The translations, by language code (only languages site.yaml lists).
    pub translations: BTreeMap<String, Translations>,
    /// The language this site is in and which pages it has of its own (`Site::edition`).
    pub edition: Edition,
}

/// Identifies a page of the site. Where it lives and how others link to it
/// is the URL scheme's business (`xref::links`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Class(u8),
    Code(u16),
    NotFound,
}

impl Site {
    pub fn class(&self, digit: u8) -> Option<&CodeClass> {
        self.classes.iter().find(|c| c.digit == digit)
    }

    /// Every page the site has, the only list of them: the home page, the
    /// class pages (1xx..5xx), the code pages in code order, the 404 page.
    /// The site in another language (`Site::edition`) has its home and class
    /// pages and the code pages it translates, and no 404 page.
    pub fn pages(&self) -> impl Iterator<Item = PageId> + '_ {
        std::iter::once(PageId::Home)
            .chain(self.classes.iter().map(|c| PageId::Class(c.digit)))
            .chain(self.codes.keys().map(|c| PageId::Code(*c)))
            .chain(std::iter::once(PageId::NotFound))
            .filter(|page| self.edition.has_page(*page))
    }

    /// The markdown body of a page, if it has one (the 404 page has none).
    pub fn body(&self, page: PageId) -> Option<&Body> {
        match page {
            PageId::Home => Some(&self.home.body),
            PageId::Class(d) => self.class(d).map(|c| &c.body),
            PageId::Code(c) => self.codes.get(&c).map(|c| &c.body),
            PageId::NotFound => None,
        }
    }
}

/// `404` + `Not Found` -> `404-not-found`: lowercase, punctuation dropped
/// (hyphens kept), spaces to `-`.
pub fn slug(code: u16, title: &str) -> String {
    let words = slugify(title);
    if words.is_empty() {
        code.to_string()
    } else {
        format!("{code}-{words}")
    }
}

/// Text -> lowercase words joined by `-`; other punctuation is dropped.
/// Used for code anchors and heading ids alike.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            dash = true;
        }
    }
    out
}

/// The default title of a class.
pub fn default_class_title(digit: u8) -> &'static str {
    match digit {
        1 => "Informational",
        2 => "Successful",
        3 => "Redirection",
        4 => "Client error",
        _ => "Server error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_source_article() {
        assert_eq!(slug(100, "Continue"), "100-continue");
        assert_eq!(slug(404, "Not Found"), "404-not-found");
        assert_eq!(slug(418, "I'm a teapot"), "418-im-a-teapot");
        assert_eq!(slug(203, "Non-Authoritative Information"), "203-non-authoritative-information");
        assert_eq!(slug(306, "(Unused)"), "306-unused");
        assert_eq!(slug(460, "(client closed connection)"), "460-client-closed-connection");
        assert_eq!(slug(999, ""), "999");
    }
}
