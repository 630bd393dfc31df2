//! Translations of pages into the site's other languages, and the site as a
//! reader of one language sees it:
//!
//! 1. `validate_translation` checks a translation file against the site (its
//!    language is configured, its source page exists) and keeps its text,
//! 2. `source_hash` is the short hash of a source page's translatable text
//!    that a translation records in `translated_from` (stale when it differs),
//! 3. `Site::edition` builds the site in one language: translated text where
//!    there is some, the source page's everywhere else, and `Edition` says
//!    which pages that language has of its own.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::{Body, Language, Meta, PageId, Site};
use crate::diagnostic::{did_you_mean, display_path, Diagnostic, Kind, Location};
use crate::source::front_matter::Parsed;
use crate::source::raw::RawTranslation;
use crate::source::{Page, PageKind};

/// The text of one translated page. Keys it leaves out come from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub meta: Meta,
    pub body: Body,
    /// The source hash it was made from, and the line it is written on
    /// (the opening `---` when absent).
    pub translated_from: Option<String>,
    pub translated_from_line: usize,
}

/// Every translated page of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translations {
    pub pages: BTreeMap<PageKind, Translated>,
}

/// What a language has of its own: the site of one language knows which of
/// its pages are translated, and the source titles of its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub language: Language,
    /// Every language of the site, the default first.
    pub languages: Vec<Language>,
    /// The pages this language has; `None` for the default language (all of them).
    pub translated: Option<BTreeSet<PageKind>>,
    /// code -> its title in the default language (only in other languages).
    pub source_titles: BTreeMap<u16, String>,
}

impl Edition {
    /// Whether the language has `page` of its own (else readers get the default language's).
    pub fn has(&self, page: PageKind) -> bool {
        self.translated.as_ref().is_none_or(|t| t.contains(&page))
    }

    /// Whether this language has `page`: the home and class pages list every
    /// code, so each language has them; a code page only when translated;
    /// the 404 page only in the default language.
    pub fn has_page(&self, page: PageId) -> bool {
        match page {
            PageId::Home | PageId::Class(_) => true,
            PageId::Code(c) => self.has(PageKind::Code(c)),
            PageId::NotFound => self.is_default(),
        }
    }

    /// Whether the page's text is in this language: always in the default
    /// language, else when translated.
    pub fn translates(&self, page: PageId) -> bool {
        let kind = match page {
            PageId::Home => PageKind::Home,
            PageId::Class(d) => PageKind::Class(d),
            PageId::Code(c) => PageKind::Code(c),
            PageId::NotFound => return self.is_default(),
        };
        self.has(kind)
    }

    pub fn is_default(&self) -> bool {
        self.translated.is_none()
    }
}

/// The translatable text of a page, in a fixed order, hashed: SHA-256 of
/// title, excerpt, meta title, meta description and body, each followed by
/// a NUL, as 10 hex digits.
pub fn source_hash(title: &str, excerpt: &str, meta: &Meta, body: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [
        title,
        excerpt,
        meta.title.as_deref().unwrap_or(""),
        meta.description.as_deref().unwrap_or(""),
        body.trim(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

impl Site {
    /// The source page a translation names: its title, excerpt, meta and body.
    pub fn source_text(&self, page: PageKind) -> Option<(&str, &str, &Meta, &Body)> {
        match page {
            PageKind::Home => {
                let h = &self.home;
                (!h.body.path.as_os_str().is_empty()).then_some((&h.title, &h.excerpt, &h.meta, &h.body))
            }
            PageKind::Class(d) => self
                .class(d)
                .filter(|c| !c.body.path.as_os_str().is_empty())
                .map(|c| (c.title.as_str(), c.excerpt.as_str(), &c.meta, &c.body)),
            PageKind::Code(code) => {
                self.codes.get(&code).map(|c| (c.title.as_str(), c.excerpt.as_str(), &c.meta, &c.body))
            }
        }
    }

    /// The current hash of a source page's translatable text.
    pub fn source_hash(&self, page: PageKind) -> Option<String> {
        self.source_text(page).map(|(t, e, m, b)| source_hash(t, e, m, &b.text))
    }

    /// The site as readers of `language` see it. For the default language
    /// the site itself (cloned).
    pub fn edition(&self, language: &Language) -> Site {
        let mut site = self.clone();
        site.config.language = language.code.clone();
        let Some(translations) = self.translations.get(&language.code) else {
            return site;
        };
        let mut translated = BTreeSet::new();
        for (page, t) in &translations.pages {
            translated.insert(*page);
            let pick = |own: &Option<String>, source: &mut String| {
                if let Some(own) = own {
                    *source = own.clone();
                }
            };
            let meta = |own: &Meta, source: &mut Meta| {
                if own.title.is_some() {
                    source.title = own.title.clone();
                }
                if own.description.is_some() {
                    source.description = own.description.clone();
                }
            };
            match page {
                PageKind::Home => {
                    pick(&t.title, &mut site.home.title);
                    pick(&t.excerpt, &mut site.home.excerpt);
                    meta(&t.meta, &mut site.home.meta);
                    site.home.body = t.body.clone();
                }
                PageKind::Class(d) => {
                    if let Some(class) = site.classes.iter_mut().find(|c| c.digit == *d) {
                        pick(&t.title, &mut class.title);
                        pick(&t.excerpt, &mut class.excerpt);
                        meta(&t.meta, &mut class.meta);
                        class.body = t.body.clone();
                    }
                }
                PageKind::Code(code) => {
                    if let Some(c) = site.codes.get_mut(code) {
                        pick(&t.title, &mut c.title);
                        pick(&t.excerpt, &mut c.excerpt);
                        meta(&t.meta, &mut c.meta);
                        c.body = t.body.clone();
                    }
                }
            }
        }
        // Untranslated pages are not built in this language: their bodies are not resolved again.
        for c in site.codes.values_mut() {
            if !translated.contains(&PageKind::Code(c.code)) {
                c.body = Body::default();
            }
        }
        site.invalid_codes.clear();
        site.translations.clear();
        site.edition = Edition {
            language: language.clone(),
            languages: self.config.languages.clone(),
            translated: Some(translated),
            source_titles: self.codes.values().map(|c| (c.code, c.title.clone())).collect(),
        };
        site
    }
}

/// Checks one translation file and adds it to `translations`: its language
/// must be configured and its source page must exist.
pub(super) fn validate_translation(
    site: &Site,
    language: &str,
    of: PageKind,
    page: Page<RawTranslation>,
    path: &std::path::Path,
    translations: &mut BTreeMap<String, Translations>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let at = Location::new(path, 1, 1);
    let rejected = &site.config.rejected_languages;
    if rejected.iter().any(|code| code.as_deref().is_none_or(|code| code == language)) {
        return; // site.yaml's entry for it was reported
    }
    if !site.config.languages.iter().skip(1).any(|l| l.code == language) {
        let known: Vec<&str> = site.config.languages.iter().skip(1).map(|l| l.code.as_str()).collect();
        let same_but_case = known.iter().find(|k| k.eq_ignore_ascii_case(language));
        let help = if language == site.config.language {
            format!(
                "`{language}` is the site's default language: its text is in the source page {}, not in a translation",
                source_path(of)
            )
        } else if let Some(code) = same_but_case.copied().or_else(|| did_you_mean(language, &known)) {
            format!("did you mean `{code}`? rename the file to {}", translation_path(of, code))
        } else if known.is_empty() {
            format!("add `{language}` to `languages:` in site.yaml, or rename the file")
        } else {
            format!(
                "the site's other languages are {}; add `{language}` to `languages:` in site.yaml",
                known.join(", ")
            )
        };
        diagnostics.push(
            Diagnostic::error(
                Kind::UnknownLanguage,
                format!("{} is in `{language}`, which site.yaml does not list", display_path(path)),
            )
            .at(at)
            .help(help),
        );
        return;
    }
    if site.source_text(of).is_none() {
        let source = source_path(of);
        diagnostics.push(
            Diagnostic::error(
                Kind::OrphanTranslation,
                format!("{} translates {source}, which does not exist", display_path(path)),
            )
            .at(at)
            .help(format!("write {source} first, or remove the translation")),
        );
        return;
    }
    let Page { front_matter, body, body_line } = page;
    let parsed: &Parsed<RawTranslation> = &front_matter;
    let raw = parsed.data.clone();
    let translated = Translated {
        title: raw.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        excerpt: raw.excerpt.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        meta: raw.meta.map(|m| Meta { title: m.title, description: m.description }).unwrap_or_default(),
        body: Body { path: path.to_path_buf(), text: body, first_line: body_line },
        translated_from: raw.translated_from,
        translated_from_line: parsed.location_of("translated_from").line,
    };
    translations.entry(language.to_string()).or_default().pages.insert(of, translated);
}

/// `content/4xx/404.md` for a page kind.
pub fn source_path(page: PageKind) -> String {
    match page {
        PageKind::Home => "content/_index.md".into(),
        PageKind::Class(d) => format!("content/{d}xx/_index.md"),
        PageKind::Code(c) => format!("content/{}xx/{c}.md", c / 100),
    }
}

/// `content/4xx/404.zh-Hans.md` for a page kind and a language.
pub fn translation_path(page: PageKind, language: &str) -> String {
    let source = source_path(page);
    format!("{}.{language}.md", source.strip_suffix(".md").unwrap_or(&source))
}

/// Warnings for translations made from an older version of their source.
pub fn check_stale(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for translations in site.translations.values() {
        for (page, t) in &translations.pages {
            let Some((_, _, _, source_body)) = site.source_text(*page) else { continue };
            let current = site.source_hash(*page).unwrap_or_default();
            if t.translated_from.as_deref() == Some(current.as_str()) {
                continue;
            }
            let file = display_path(&t.body.path);
            let source = display_path(&source_body.path);
            let message = match &t.translated_from {
                Some(_) => format!("{file} was translated from an older {source}"),
                None => format!("{file} does not say which version of {source} it translates"),
            };
            let source_line = source_body.first_line;
            out.push(
                Diagnostic::warning(Kind::StaleTranslation, message)
                    .at(Location::new(&t.body.path, t.translated_from_line, 1))
                    .help(match &t.translated_from {
                        Some(_) => format!(
                            "compare with {source}:{source_line} and update the translation; when it says the same, \
                             run `statusref translations --stamp {file}`"
                        ),
                        None => format!(
                            "translate it from {source}:{source_line}, then run `statusref translations --stamp {file}`"
                        ),
                    }),
            );
        }
    }
    out
}
