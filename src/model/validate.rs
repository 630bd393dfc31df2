//! Sources -> `Site`: checks each file's front matter (parsed by `source`)
//! and assembles the validated model. Every problem becomes a diagnostic;
//! the site is still assembled from what was valid so `check` can go on.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{display_path, Diagnostic, Kind, Location};
use crate::source::front_matter::Parsed;
use crate::source::raw::{RawClassPage, RawCodePage, RawHome, RawMeta, RawSpec};
use crate::source::{Content, SourceFile};

use super::translations::validate_translation;
use super::{
    constants, default_class_title, slug, Asset, Body, CodeClass, Edition, Home, KeyLines, Meta, Site,
    SiteConfig, SpecRef, Status, StatusCode,
};

/// Builds the site from the parsed sources, reporting every problem.
pub fn validate_site(config: SiteConfig, files: Vec<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Site {
    let mut home = None;
    let mut class_pages: BTreeMap<u8, CodeClass> = BTreeMap::new();
    let mut codes: BTreeMap<u16, StatusCode> = BTreeMap::new();
    let mut code_paths: BTreeMap<u16, PathBuf> = BTreeMap::new();
    let mut invalid_codes: BTreeMap<u16, Body> = BTreeMap::new();
    let mut assets = Vec::new();
    let mut translation_files = Vec::new();

    for file in files {
        let body =
            |path: &PathBuf, text: String, first_line: usize| Body { path: path.clone(), text, first_line };
        let content_path = file.content_path();
        match file.content {
            Content::Asset(bytes) => assets.push(Asset { path: content_path, bytes }),
            Content::Home(Some(page)) => {
                let body = body(&file.path, page.body, page.body_line);
                home = Some(build_home(&config, page.front_matter, body, diagnostics));
            }
            Content::Class(digit, Some(page)) => {
                let body = body(&file.path, page.body, page.body_line);
                class_pages.insert(digit, build_class(digit, page.front_matter, body, diagnostics));
            }
            Content::Translation(t) => translation_files.push((file.path, *t)),
            Content::Home(None) | Content::Class(_, None) | Content::Misplaced => {}
            Content::Code(expected, page) => {
                if let Some(first) = code_paths.get(&expected) {
                    let at = page
                        .as_ref()
                        .map_or(Location::new(&file.path, 1, 1), |p| p.front_matter.location_of("code"));
                    diagnostics.push(
                        Diagnostic::error(Kind::DuplicateCode, format!("code {expected} is defined twice"))
                            .at(at)
                            .help(format!("it is already defined in {}; keep one file", display_path(first))),
                    );
                    continue;
                }
                code_paths.insert(expected, file.path.clone());
                // A page that exists but is invalid is reported once, here; links
                // to its code are not reported again, and its body is still checked.
                let Some(page) = page.map(|p| *p) else {
                    invalid_codes.insert(expected, body(&file.path, String::new(), 1));
                    continue;
                };
                let body = body(&file.path, page.body, page.body_line);
                match build_code(expected, page.front_matter, body.clone(), diagnostics) {
                    Some(code) => {
                        codes.insert(code.code, code);
                    }
                    None => {
                        invalid_codes.insert(expected, body);
                    }
                }
            }
        }
    }

    for code in codes.values() {
        let location = Location::new(&code.body.path, code.lines.see_also, 1);
        for target in &code.see_also {
            if !codes.contains_key(target) && !invalid_codes.contains_key(target) {
                diagnostics.push(
                    Diagnostic::error(
                        Kind::UnknownCode,
                        format!("see_also names {target}, but the site has no page for it"),
                    )
                    .at(location.clone())
                    .help(format!(
                        "remove {target} from see_also, or add content/{}xx/{target}.md",
                        target / 100
                    )),
                );
            }
        }
    }

    let home = home.unwrap_or_else(|| Home {
        title: config.title.clone(),
        excerpt: config.description.clone(),
        meta: Meta::default(),
        image: None,
        image_alt: None,
        body: Body::default(),
    });
    let classes = assemble_classes(class_pages, &codes);
    let edition = Edition {
        language: config.default_language(),
        languages: config.languages.clone(),
        translated: None,
        source_titles: BTreeMap::new(),
    };
    let mut site =
        Site { config, home, classes, codes, invalid_codes, assets, translations: BTreeMap::new(), edition };
    let mut translations = BTreeMap::new();
    for (path, t) in translation_files {
        if let Some(page) = t.page {
            validate_translation(&site, &t.language, t.of, page, &path, &mut translations, diagnostics);
        }
    }
    site.translations = translations;
    site
}

/// A key that must hold text. A value of the wrong type was reported when it
/// was read; a key written without a value (`title:`) is empty, not missing.
fn required_text<T>(
    value: Option<String>,
    key: &str,
    parsed: &Parsed<T>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Some(v),
        None if parsed.rejected(key) => None,
        None if !parsed.has_key(key) => {
            diagnostics.push(
                Diagnostic::error(Kind::MissingKey, format!("missing required key `{key}`"))
                    .at(parsed.location_of(key))
                    .help(format!("add `{key}: ...` to the front matter")),
            );
            None
        }
        _ => {
            diagnostics.push(
                Diagnostic::error(Kind::EmptyValue, format!("`{key}` is empty"))
                    .at(parsed.location_of(key))
                    .help(format!("write the {key}")),
            );
            None
        }
    }
}

fn build_code(
    expected: u16,
    parsed: Parsed<RawCodePage>,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<StatusCode> {
    let parsed = &parsed;
    let mut raw = parsed.data.clone();
    let shown = raw.take_shown();
    let loc = |key: &str| parsed.location_of(key);
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();

    let code = match raw.code {
        None if parsed.rejected("code") => None,
        None => {
            diagnostics.push(
                Diagnostic::error(Kind::MissingKey, "missing required key `code`")
                    .at(loc("code"))
                    .help(format!("add `code: {expected}` to the front matter")),
            );
            None
        }
        Some(c) if !(100..=599).contains(&c) => {
            diagnostics.push(
                Diagnostic::error(Kind::InvalidValue, format!("code {c} is outside 100-599"))
                    .at(loc("code"))
                    .help("HTTP status codes are three digits from 100 to 599"),
            );
            None
        }
        Some(c) if c != i64::from(expected) => {
            diagnostics.push(
                Diagnostic::error(
                    Kind::MisplacedPage,
                    format!("code {c} does not match the file name {expected}.md"),
                )
                .at(loc("code"))
                .help(format!("set `code: {expected}`, or rename the file to {c}.md in {}xx/", c / 100)),
            );
            None
        }
        Some(c) => Some(c as u16),
    };
    let title = required_text(raw.title, "title", parsed, diagnostics);
    let excerpt = required_text(raw.excerpt, "excerpt", parsed, diagnostics);
    let status = match raw.status.as_deref() {
        None => Status::Standard,
        Some(s) => Status::parse(s).unwrap_or_else(|| {
            let names: Vec<&str> = Status::ALL.iter().map(|(n, _)| *n).collect();
            let mut d =
                Diagnostic::error(Kind::InvalidValue, format!("unknown status `{s}`")).at(loc("status"));
            d = match crate::diagnostic::did_you_mean(s, &names) {
                Some(c) => d.help(format!("did you mean `{c}`?")),
                None => d.help(format!("status is one of: {}", names.join(", "))),
            };
            diagnostics.push(d);
            Status::Standard
        }),
    };
    let spec = build_spec(raw.spec.unwrap_or_default(), loc("spec"), diagnostics);
    let see_also = build_see_also(raw.see_also.unwrap_or_default(), loc("see_also"), diagnostics);
    if diagnostics.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let (code, title, excerpt) = (code?, title?, excerpt?);
    Some(StatusCode {
        code,
        slug: slug(code, &title),
        title,
        excerpt,
        meta: meta(raw.meta),
        order: raw.order.unwrap_or(i64::from(code)),
        spec,
        status,
        tags: raw.tags.unwrap_or_default(),
        aliases: raw.aliases.unwrap_or_default(),
        see_also,
        constants: constants::build_constants(
            raw.constants.unwrap_or_default(),
            &loc("constants"),
            diagnostics,
        ),
        vendor: raw.vendor.filter(|v| !v.trim().is_empty()),
        examples_show_code: raw.examples_show_code.unwrap_or(true),
        shown,
        body,
        lines: KeyLines {
            title: loc("title").line,
            status: loc("status").line,
            see_also: loc("see_also").line,
        },
    })
}

fn build_spec(raw: Vec<RawSpec>, at: Location, diagnostics: &mut Vec<Diagnostic>) -> Vec<SpecRef> {
    raw.into_iter()
        .filter_map(|s| {
            if let Some(url) = &s.url {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    diagnostics.push(
                        Diagnostic::error(Kind::InvalidValue, format!("spec URL `{url}` is not an http(s) URL"))
                            .at(at.clone())
                            .help("link the defining document, e.g. https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"),
                    );
                    return None;
                }
            }
            Some(SpecRef { name: s.name, section: s.section, url: s.url })
        })
        .collect()
}

fn build_see_also(raw: Vec<i64>, at: Location, diagnostics: &mut Vec<Diagnostic>) -> Vec<u16> {
    raw.into_iter()
        .filter_map(|c| match u16::try_from(c) {
            Ok(c) if (100..=599).contains(&c) => Some(c),
            _ => {
                diagnostics.push(
                    Diagnostic::error(Kind::InvalidValue, format!("see_also entry {c} is not a status code"))
                        .at(at.clone())
                        .help("list codes from 100 to 599, e.g. `see_also: [401, 403]`"),
                );
                None
            }
        })
        .collect()
}

fn meta(raw: Option<RawMeta>) -> Meta {
    let raw = raw.unwrap_or_default();
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Meta { title: non_empty(raw.title), description: non_empty(raw.description) }
}

fn build_home(
    config: &SiteConfig,
    parsed: Parsed<RawHome>,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Home {
    let raw = parsed.data.clone();
    let title =
        required_text(raw.title, "title", &parsed, diagnostics).unwrap_or_else(|| config.title.clone());
    let excerpt = raw.excerpt.map(|e| e.trim().to_string()).filter(|e| !e.is_empty());
    Home {
        title,
        excerpt: excerpt.unwrap_or_else(|| config.description.clone()),
        meta: meta(raw.meta),
        image: raw.image,
        image_alt: raw.image_alt,
        body,
    }
}

fn build_class(
    digit: u8,
    parsed: Parsed<RawClassPage>,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> CodeClass {
    let raw = parsed.data.clone();
    let title = required_text(raw.title, "title", &parsed, diagnostics)
        .unwrap_or_else(|| default_class_title(digit).to_string());
    let excerpt = required_text(raw.excerpt, "excerpt", &parsed, diagnostics).unwrap_or_default();
    CodeClass { digit, title, excerpt, meta: meta(raw.meta), body, codes: Vec::new() }
}

/// One class per folder that has a page or codes, each listing its codes in display order.
fn assemble_classes(mut pages: BTreeMap<u8, CodeClass>, codes: &BTreeMap<u16, StatusCode>) -> Vec<CodeClass> {
    for code in codes.values() {
        let digit = code.class();
        pages.entry(digit).or_insert_with(|| CodeClass {
            digit,
            title: default_class_title(digit).to_string(),
            excerpt: String::new(),
            meta: Meta::default(),
            body: Body::default(),
            codes: Vec::new(),
        });
    }
    for class in pages.values_mut() {
        let mut members: Vec<&StatusCode> = codes.values().filter(|c| c.class() == class.digit).collect();
        members.sort_by_key(|c| (c.order, c.code));
        class.codes = members.iter().map(|c| c.code).collect();
    }
    pages.into_values().collect()
}

#[cfg(test)]
mod tests;
