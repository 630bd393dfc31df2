//! Sources -> `Site`: reads each file's front matter into its raw type, checks
//! it, and assembles the validated model. Every problem becomes a diagnostic;
//! the site is still assembled from what was valid so `check` can go on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{display_path, Diagnostic, Location};
use crate::source::front_matter::{self, Parsed, Schema};
use crate::source::raw::{RawClassPage, RawCodePage, RawHome, RawMeta, RawSpec};
use crate::source::split::{split_front_matter, Split, SplitError};
use crate::source::{class_digit, SourceFile, SourceKind};

use super::{
    constants, default_class_title, slug, Asset, Body, CodeClass, Home, KeyLines, Meta, Site, SiteConfig,
    SpecRef, Status, StatusCode,
};

pub fn validate_site(config: SiteConfig, files: &[SourceFile], diagnostics: &mut Vec<Diagnostic>) -> Site {
    let mut home = None;
    let mut class_pages: BTreeMap<u8, CodeClass> = BTreeMap::new();
    let mut codes: BTreeMap<u16, StatusCode> = BTreeMap::new();
    let mut code_paths: BTreeMap<u16, PathBuf> = BTreeMap::new();
    let mut invalid_codes: BTreeMap<u16, Body> = BTreeMap::new();
    let mut assets = Vec::new();

    // Front matter is parsed in parallel; the site is assembled in file order.
    let parsed: Vec<(ParsedFile<'_>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let mut diags = Vec::new();
            let parsed = parse_file(file, &mut diags);
            (parsed, diags)
        })
        .collect();
    for (parsed, mut diags) in parsed {
        diagnostics.append(&mut diags);
        match parsed {
            ParsedFile::Asset(file) => {
                assets.push(Asset { path: file.content_path(), bytes: file.bytes.clone() })
            }
            ParsedFile::Home(Some((parsed, body))) => {
                home = Some(build_home(&config, parsed, body, diagnostics));
            }
            ParsedFile::Class(digit, Some((parsed, body))) => {
                class_pages.insert(digit, build_class(digit, parsed, body, diagnostics));
            }
            ParsedFile::Home(None) | ParsedFile::Class(_, None) | ParsedFile::Page(None, _) => {}
            ParsedFile::Page(Some((expected, file)), read) => {
                if let Some(first) = code_paths.get(&expected) {
                    let at =
                        read.as_ref().map_or(Location::new(&file.path, 1, 1), |b| b.0.location_of("code"));
                    diagnostics.push(
                        Diagnostic::error(format!("code {expected} is defined twice"))
                            .at(at)
                            .help(format!("it is already defined in {}; keep one file", display_path(first))),
                    );
                    continue;
                }
                code_paths.insert(expected, file.path.clone());
                // A page that exists but is invalid is reported once, here; links
                // to its code are not reported again, and its body is still checked.
                let Some((parsed, body)) = read.map(|b| *b) else {
                    let body = Body { path: file.path.clone(), text: String::new(), first_line: 1 };
                    invalid_codes.insert(expected, body);
                    continue;
                };
                match build_code(expected, &parsed, body.clone(), diagnostics) {
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
                    Diagnostic::error(format!("see_also names {target}, but the site has no page for it"))
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
    Site { config, home, classes, codes, invalid_codes, assets }
}

/// One file with its front matter read (`None` when it could not be).
enum ParsedFile<'f> {
    Asset(&'f SourceFile),
    Home(Option<(Parsed<RawHome>, Body)>),
    Class(u8, Option<(Parsed<RawClassPage>, Body)>),
    /// The code its path names (when the path is valid) and its front matter.
    Page(Option<(u16, &'f SourceFile)>, Option<Box<(Parsed<RawCodePage>, Body)>>),
}

/// The per-file part of validation: no file depends on another here.
fn parse_file<'f>(file: &'f SourceFile, diagnostics: &mut Vec<Diagnostic>) -> ParsedFile<'f> {
    match &file.kind {
        SourceKind::Asset => ParsedFile::Asset(file),
        SourceKind::Home => ParsedFile::Home(read::<RawHome>(file, diagnostics)),
        SourceKind::Class(digit) => ParsedFile::Class(*digit, read::<RawClassPage>(file, diagnostics)),
        SourceKind::Page => match expected_code(&file.path, diagnostics) {
            None => ParsedFile::Page(None, None),
            Some(expected) => {
                let read = read::<RawCodePage>(file, diagnostics).map(Box::new);
                if read.is_some() {
                    warn_placeholders(file, diagnostics);
                }
                ParsedFile::Page(Some((expected, file)), read)
            }
        },
    }
}

/// Splits and parses one file's front matter, reporting a missing or unclosed block.
fn read<T: Schema>(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<(Parsed<T>, Body)> {
    let path = &file.path;
    let split: Split<'_> = match split_front_matter(&file.text) {
        Ok(split) => split,
        Err(SplitError::Missing) => {
            diagnostics.push(
                Diagnostic::error(format!("{} has no front matter", display_path(path)))
                    .at(Location::new(path, 1, 1))
                    .help("start the file with a line `---`, the front matter keys, and another line `---`"),
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diagnostics.push(
                Diagnostic::error("front matter is never closed")
                    .at(Location::new(path, 1, 1))
                    .help("add a line `---` after the last front matter key"),
            );
            return None;
        }
    };
    let parsed = front_matter::parse::<T>(path, split.front_matter, split.front_matter_line, diagnostics)?;
    let body = Body { path: path.clone(), text: split.body.to_string(), first_line: split.body_line };
    Some((parsed, body))
}

/// `statusref new` marks what is left to write with TODO.
fn warn_placeholders(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) {
    if let Some((i, line)) = file.text.lines().enumerate().find(|(_, l)| l.contains("TODO")) {
        let column = line.find("TODO").map_or(1, |c| line[..c].chars().count() + 1);
        diagnostics.push(
            Diagnostic::warning("page still has TODO placeholders")
                .at(Location::new(&file.path, i + 1, column))
                .help("replace every TODO with real text"),
        );
    }
}

/// A code page must be `content/Nxx/CODE.md`; returns CODE.
fn expected_code(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<u16> {
    let parts: Vec<String> = path.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let at = Location::new(path, 1, 1);
    let (dir, name) = match parts.as_slice() {
        [_, dir, name] => (dir.as_str(), name.as_str()),
        _ => {
            diagnostics.push(
                Diagnostic::error(format!("{} is not where pages go", display_path(path)))
                    .at(at)
                    .help("code pages live in content/Nxx/CODE.md, e.g. content/4xx/404.md"),
            );
            return None;
        }
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let Some(digit) = class_digit(dir) else {
        diagnostics.push(
            Diagnostic::error(format!("folder `{dir}` is not a class folder"))
                .at(at)
                .help("code pages live in 1xx, 2xx, 3xx, 4xx or 5xx"),
        );
        return None;
    };
    match stem.parse::<u16>() {
        Ok(code) if stem.len() == 3 && code / 100 == u16::from(digit) => Some(code),
        Ok(code) if stem.len() == 3 && (100..=599).contains(&code) => {
            diagnostics.push(
                Diagnostic::error(format!("{code} is in folder {dir}, not in {}xx", code / 100))
                    .at(at)
                    .help(format!("move the file to content/{}xx/{code}.md", code / 100)),
            );
            None
        }
        _ => {
            diagnostics.push(
                Diagnostic::error(format!("file name `{name}` is not a status code"))
                    .at(at)
                    .help(format!("name code pages after their code, e.g. content/{dir}/{digit}00.md")),
            );
            None
        }
    }
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
                Diagnostic::error(format!("missing required key `{key}`"))
                    .at(parsed.location_of(key))
                    .help(format!("add `{key}: ...` to the front matter")),
            );
            None
        }
        _ => {
            diagnostics.push(
                Diagnostic::error(format!("`{key}` is empty"))
                    .at(parsed.location_of(key))
                    .help(format!("write the {key}")),
            );
            None
        }
    }
}

fn build_code(
    expected: u16,
    parsed: &Parsed<RawCodePage>,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<StatusCode> {
    let mut raw = parsed.data.clone();
    let shown = raw.take_shown();
    let loc = |key: &str| parsed.location_of(key);
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();

    let code = match raw.code {
        None if parsed.rejected("code") => None,
        None => {
            diagnostics.push(
                Diagnostic::error("missing required key `code`")
                    .at(loc("code"))
                    .help(format!("add `code: {expected}` to the front matter")),
            );
            None
        }
        Some(c) if !(100..=599).contains(&c) => {
            diagnostics.push(
                Diagnostic::error(format!("code {c} is outside 100-599"))
                    .at(loc("code"))
                    .help("HTTP status codes are three digits from 100 to 599"),
            );
            None
        }
        Some(c) if c != i64::from(expected) => {
            diagnostics.push(
                Diagnostic::error(format!("code {c} does not match the file name {expected}.md"))
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
            let mut d = Diagnostic::error(format!("unknown status `{s}`")).at(loc("status"));
            d = match front_matter::did_you_mean(s, &names) {
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
                        Diagnostic::error(format!("spec URL `{url}` is not an http(s) URL"))
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
                    Diagnostic::error(format!("see_also entry {c} is not a status code"))
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
