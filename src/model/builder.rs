//! `SiteBuilder`: a site from markdown held in memory, through the same
//! `source` and `model` steps as a build (no disk). Unit tests start from it,
//! and so does the sample site that theme templates are checked against.

use std::path::PathBuf;

use super::{validate_site, Site, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::source::sources_from_texts;

/// Content files to validate into a `Site`. Starts with a home article and
/// a page for each of the five classes.
#[derive(Debug, Clone)]
pub struct SiteBuilder {
    config: SiteConfig,
    files: Vec<(PathBuf, String)>,
}

impl Default for SiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteBuilder {
    pub fn new() -> Self {
        let mut builder = SiteBuilder { config: SiteConfig::default(), files: Vec::new() };
        builder = builder.file("content/_index.md", "---\ntitle: Statuses\nexcerpt: Every code.\n---\n");
        for digit in 1..=5 {
            let title = super::default_class_title(digit);
            builder = builder.file(
                &format!("content/{digit}xx/_index.md"),
                &format!("---\ntitle: {title}\nexcerpt: The {digit}xx codes.\n---\n"),
            );
        }
        builder
    }

    pub fn config(mut self, config: SiteConfig) -> Self {
        self.config = config;
        self
    }

    /// Adds (or replaces) a file, `path` relative to the site root.
    pub fn file(mut self, path: &str, text: &str) -> Self {
        let path = PathBuf::from(path);
        self.files.retain(|(p, _)| *p != path);
        self.files.push((path, text.to_string()));
        self
    }

    /// Adds a valid code page, `extra` front matter lines (each ending in a
    /// newline) and `body` after the required keys.
    pub fn code_page(self, code: u16, title: &str, extra: &str, body: &str) -> Self {
        let text =
            format!("---\ncode: {code}\ntitle: \"{title}\"\nexcerpt: About {code}.\n{extra}---\n{body}");
        self.file(&format!("content/{}xx/{code}.md", code / 100), &text)
    }

    /// Adds a valid, bare code page for each (code, title).
    pub fn codes(self, codes: &[(u16, &str)]) -> Self {
        codes.iter().fold(self, |b, (code, title)| b.code_page(*code, title, "", ""))
    }

    /// The site, and every diagnostic the sources and validation gave.
    pub fn build(self) -> (Site, Vec<Diagnostic>) {
        let mut files = self.files;
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let sources = sources_from_texts(files);
        let mut diagnostics = sources.diagnostics;
        let site = validate_site(self.config, sources.files, &mut diagnostics);
        (site, diagnostics)
    }

    /// The site; panics with the diagnostics if there are any (for tests of valid sites).
    pub fn valid_site(self) -> Site {
        let (site, diagnostics) = self.build();
        assert!(diagnostics.is_empty(), "the test site is not valid: {diagnostics:#?}");
        site
    }
}
