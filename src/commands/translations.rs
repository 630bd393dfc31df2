//! `statusref translations`: how far each language is, as a table per
//! language (every page: translated, stale or missing); `--stamp FILE...`
//! records in translations that they match their source now
//! (`translated_from:`); `statusref new CODE --lang L` scaffolds a
//! translation to stamp once translated (`scaffold`). Reads the site through `source` and `model`.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::TranslationsArgs;
use crate::model::{self, translation_path, Site, SiteConfig};
use crate::source::split::{split_front_matter, SplitError};
use crate::source::{self, PageKind};

use super::{EXIT_CONTENT, EXIT_USAGE};

/// Loads and validates the site (no resolve, no render); `None` after printing its errors.
fn load_site(root: &Path) -> Option<Site> {
    let mut diagnostics = Vec::new();
    let loaded = source::load_site_config(root, &mut diagnostics);
    let config = SiteConfig::from_raw(loaded.raw, None, &mut diagnostics);
    let sources = source::load_sources(root);
    diagnostics.extend(sources.diagnostics);
    let site = model::validate_site(config, sources.files, &mut diagnostics);
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in errors {
            let at =
                d.location.as_ref().map(|l| format!("{}:{}: ", l.display_path(), l.line)).unwrap_or_default();
            eprintln!("error: {at}{}", d.message);
        }
        eprintln!("  = help: run `statusref check` for details");
        return None;
    }
    Some(site)
}

/// Every page a language may translate, in site order.
fn pages(site: &Site) -> Vec<PageKind> {
    let mut pages = vec![PageKind::Home];
    pages.extend(site.classes.iter().map(|c| PageKind::Class(c.digit)));
    pages.extend(site.codes.keys().map(|c| PageKind::Code(*c)));
    pages.retain(|p| site.source_text(*p).is_some());
    pages
}

pub fn run(args: &TranslationsArgs) -> anyhow::Result<ExitCode> {
    let root = &args.root.root;
    if let Err(code) = super::require_site_root(root) {
        return Ok(code);
    }
    let Some(site) = load_site(root) else { return Ok(ExitCode::from(EXIT_CONTENT)) };
    if !args.stamp.is_empty() {
        return stamp(root, &site, &args.stamp);
    }
    print!("{}", progress_table(&site));
    Ok(ExitCode::SUCCESS)
}

/// One table per language: each page's state, then the counts.
pub fn progress_table(site: &Site) -> String {
    let mut out = String::new();
    let pages = pages(site);
    for language in site.config.languages.iter().skip(1) {
        let translations = site.translations.get(&language.code);
        let (mut current, mut stale) = (0, 0);
        out.push_str(&format!("{} ({})\n", language.code, language.name));
        for page in &pages {
            let state = match translations.and_then(|t| t.pages.get(page)) {
                None => "missing",
                Some(t) if t.translated_from == site.source_hash(*page) => {
                    current += 1;
                    "translated"
                }
                Some(_) => {
                    stale += 1;
                    "stale"
                }
            };
            out.push_str(&format!("  {:<10} {}\n", state, translation_path(*page, &language.code)));
        }
        let missing = pages.len() - current - stale;
        out.push_str(&format!(
            "  {current} of {} pages translated, {stale} stale, {missing} missing ({}%)\n",
            pages.len(),
            current * 100 / pages.len().max(1)
        ));
    }
    if site.config.languages.len() < 2 {
        out.push_str("the site has one language; add others under `languages:` in site.yaml\n");
    }
    out
}

/// Sets `translated_from:` in each translation file to its source's hash.
fn stamp(root: &Path, site: &Site, files: &[std::path::PathBuf]) -> anyhow::Result<ExitCode> {
    for file in files {
        let rel = file.strip_prefix(root).unwrap_or(file);
        let found = site.translations.values().flat_map(|t| t.pages.iter()).find(|(_, t)| t.body.path == rel);
        let Some((page, _)) = found else {
            eprintln!("error: {} is not a translation of this site", rel.display());
            eprintln!("  = help: name a file such as content/4xx/404.zh-Hans.md");
            return Ok(ExitCode::from(EXIT_USAGE));
        };
        let hash = site.source_hash(*page).unwrap_or_default();
        let text = std::fs::read_to_string(root.join(rel))?;
        match with_translated_from(&text, &hash) {
            Ok(stamped) => std::fs::write(root.join(rel), stamped)?,
            Err(why) => {
                eprintln!("error: {}: not stamped: {why}", rel.display());
                eprintln!("  = help: start the file with a `---` line and end its front matter with another");
                return Ok(ExitCode::from(EXIT_CONTENT));
            }
        }
        println!("{}: translated_from: {hash}", rel.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The text with its front matter's `translated_from:` line set to `hash`
/// (replaced, or added at the end of the front matter). The front matter is
/// found as the loader finds it (`source::split`, after a BOM); the BOM and
/// the file's line ending (CRLF or LF) are kept. Errs, saying why, when the
/// text has no front matter to stamp.
pub fn with_translated_from(text: &str, hash: &str) -> Result<String, &'static str> {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let split = split_front_matter(rest).map_err(|e| match e {
        SplitError::Missing => "it does not start with a `---` line",
        SplitError::Unclosed => "its front matter has no closing `---` line",
    })?;
    let newline = if rest.contains("\r\n") { "\r\n" } else { "\n" };
    let stamp = format!("translated_from: {hash}{newline}");
    let fm_start = split.front_matter.as_ptr() as usize - rest.as_ptr() as usize;
    let fm_end = fm_start + split.front_matter.len();
    let mut front = String::with_capacity(split.front_matter.len() + stamp.len());
    let mut done = false;
    for line in split.front_matter.split_inclusive('\n') {
        if !done && line.starts_with("translated_from:") {
            front.push_str(&stamp);
            done = true;
        } else {
            front.push_str(line);
        }
    }
    if !done {
        if !front.is_empty() && !front.ends_with('\n') {
            front.push_str(newline);
        }
        front.push_str(&stamp);
    }
    Ok(format!("{bom}{}{front}{}", &rest[..fm_start], &rest[fm_end..]))
}

/// `statusref new CODE --lang L`: writes `content/Nxx/CODE.L.md` with the
/// source's title, excerpt, meta and body to translate. It records no
/// `translated_from:`, so `check` warns about it until it is translated and
/// stamped.
pub fn scaffold(root: &Path, code: u16, language: &str) -> anyhow::Result<ExitCode> {
    let Some(site) = load_site(root) else { return Ok(ExitCode::from(EXIT_CONTENT)) };
    if !site.config.languages.iter().skip(1).any(|l| l.code == language) {
        eprintln!("error: site.yaml does not list the language `{language}`");
        eprintln!("  = help: add it under `languages:` with its name and prefix");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let page = PageKind::Code(code);
    let Some((title, excerpt, meta, body)) = site.source_text(page) else {
        eprintln!("error: the site has no page for {code} to translate");
        eprintln!("  = help: write content/{}xx/{code}.md first (`statusref new {code}`)", code / 100);
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let rel = translation_path(page, language);
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut text = format!("---\ntitle: {}\nexcerpt: {}\n", quote(title), quote(excerpt));
    if meta.title.is_some() || meta.description.is_some() {
        text.push_str("meta:\n");
        if let Some(t) = &meta.title {
            text.push_str(&format!("  title: {}\n", quote(t)));
        }
        if let Some(d) = &meta.description {
            text.push_str(&format!("  description: {}\n", quote(d)));
        }
    }
    // No `translated_from:` yet: the text is still English, and `check` warns
    // until the translator stamps it (`translations --stamp`).
    text.push_str(&format!("---\n{}", body.text));
    let file = OpenOptions::new().write(true).create_new(true).open(root.join(&rel));
    match file {
        Ok(mut f) => f.write_all(text.as_bytes())?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: {rel} already exists; not overwriting it");
            eprintln!("  = help: edit it, then `statusref translations --stamp {rel}`");
            return Ok(ExitCode::from(EXIT_CONTENT));
        }
        Err(e) => return Err(e.into()),
    }
    println!("created {rel}");
    println!("translate its title, excerpt, meta and body, then run `statusref translations --stamp {rel}`");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::with_translated_from;

    #[test]
    fn stamping_sets_or_adds_the_hash() {
        assert_eq!(
            with_translated_from("---\ntitle: a\n---\nbody\n", "abc").unwrap(),
            "---\ntitle: a\ntranslated_from: abc\n---\nbody\n"
        );
        assert_eq!(
            with_translated_from("---\ntranslated_from: old\ntitle: a\n---\n---\n", "abc").unwrap(),
            "---\ntranslated_from: abc\ntitle: a\n---\n---\n"
        );
        assert_eq!(with_translated_from("---\n---\n", "abc").unwrap(), "---\ntranslated_from: abc\n---\n");
    }

    #[test]
    fn stamping_keeps_a_bom_and_crlf_line_endings() {
        assert_eq!(
            with_translated_from("\u{feff}---\ntitle: a\n---\nbody\n", "abc").unwrap(),
            "\u{feff}---\ntitle: a\ntranslated_from: abc\n---\nbody\n"
        );
        assert_eq!(
            with_translated_from("---\r\ntitle: a\r\n---\r\nbody\r\n", "abc").unwrap(),
            "---\r\ntitle: a\r\ntranslated_from: abc\r\n---\r\nbody\r\n"
        );
        assert_eq!(
            with_translated_from("\u{feff}---\r\ntranslated_from: old\r\n---\r\n", "abc").unwrap(),
            "\u{feff}---\r\ntranslated_from: abc\r\n---\r\n"
        );
    }

    #[test]
    fn stamping_without_front_matter_says_why() {
        assert!(with_translated_from("---\ntitle: a\nbody\n", "abc").unwrap_err().contains("closing `---`"));
        assert!(with_translated_from("# title\n", "abc").unwrap_err().contains("start with"));
    }
}
