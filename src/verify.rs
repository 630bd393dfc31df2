//! Verify: the rendered site, checked the way a link checker crawling the
//! published site would, each problem placed where the author wrote it.
//!
//! 1. the files the build produced are the only link targets: pages, data
//!    files, the theme's static files and content assets alike, with no list
//!    to keep,
//! 2. the ids of every rendered HTML file are read from the HTML itself
//!    (`xref::anchors`); on a page, an id set twice is reported at the
//!    heading or raw HTML that set it, or once at the page's template when
//!    the theme alone repeats it,
//! 3. every internal link recorded while resolving (with its position in the
//!    content file) is resolved with `url` against the URL of its page, then
//!    its file and `#fragment` are looked up in 1 and 2,
//! 4. so are the links a theme on disk puts around the body (`href`, `src`),
//!    each problem reported once at its template.
//!
//! Nothing here writes: `check` runs it on the site rendered in memory.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use html_escape::decode_html_entities;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use url::Url;

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::markdown::{BodyId, IdSource, InternalLink};
use crate::model::Language;
use crate::render::{template_name, OutputFile};
use crate::resolve::ResolvedSite;
use crate::theme::Theme;
use crate::xref::anchors::{html_ids, html_links};
use crate::xref::{Lexicon, PageId};

/// The output root as a URL: a link that leaves `/site/` climbs out of the site.
const ROOT: &str = "https://statusref.invalid/site/";
const ROOT_PATH: &str = "/site/";

/// Every id of one HTML file, with how often it appears.
type IdCounts<'f> = HashMap<&'f str, u32>;

/// Checks the ids of every page and every internal link of every body of
/// the site in each of its languages against `files` (which the HTML of
/// every language is read from once). A theme's problem that shows in
/// several languages is reported once.
pub fn verify_site(languages: &[ResolvedSite], theme: &Theme, files: &[OutputFile]) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let ids: HashMap<&str, IdCounts<'_>> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| {
            let html = std::str::from_utf8(&f.bytes).ok()?;
            let mut counts = IdCounts::new();
            for anchor in html_ids(html) {
                *counts.entry(anchor.id).or_default() += 1;
            }
            Some((f.path.as_str(), counts))
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for resolved in languages {
        for d in verify_language(resolved, theme, &by_path, &ids) {
            if !diagnostics.contains(&d) {
                diagnostics.push(d);
            }
        }
    }
    diagnostics
}

/// `verify_site` for the pages of one language.
fn verify_language(
    resolved: &ResolvedSite,
    theme: &Theme,
    by_path: &HashMap<&str, &OutputFile>,
    ids: &HashMap<&str, IdCounts<'_>>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut theme_repeats = BTreeSet::new();
    let root = Url::parse(ROOT).expect("the root URL is valid");
    for page in resolved.site.pages() {
        let path = resolved.index.output_path(page);
        let Some(counts) = ids.get(path.as_str()) else { continue };
        let body_ids = resolved.body(page).map_or(&[][..], |b| b.ids.as_slice());
        let mut repeated: Vec<(&str, u32)> =
            counts.iter().filter(|(_, n)| **n > 1).map(|(id, n)| (*id, *n)).collect();
        repeated.sort_unstable();
        for (id, count) in repeated {
            let mine: Vec<&BodyId> = body_ids.iter().filter(|b| b.id == *id).collect();
            if mine.is_empty() {
                theme_repeats.insert((template_name(page), id.to_string(), path.clone()));
                continue;
            }
            // All from the body: the first one is fine, the others repeat it.
            let skip = usize::from(mine.len() as u32 == count);
            diagnostics.extend(mine.iter().skip(skip).map(|b| repeated_id(b)));
        }
        if let Some(body) = resolved.body(page) {
            let base = root.join(&path).expect("page paths are valid URLs");
            for link in &body.internal_links {
                diagnostics.extend(check_link(
                    &base,
                    link,
                    by_path,
                    ids,
                    &resolved.site.edition.language,
                    &path,
                ));
            }
        }
    }
    // The embedded templates' links are checked by `cargo test`; a theme on
    // disk gets its own checked here.
    if theme.has_own_templates_or_strings() {
        diagnostics.extend(check_theme_links(resolved, by_path, ids));
    }
    let mut reported = BTreeSet::new();
    for (template, id, path) in theme_repeats {
        if reported.insert((template, id.clone())) {
            diagnostics.push(
                Diagnostic::error(
                    Kind::DuplicateId,
                    format!("the theme sets id=\"{id}\" more than once on {path}"),
                )
                .at(Location::new(
                    format!("themes/{}/templates/{template}", resolved.site.config.theme),
                    1,
                    1,
                ))
                .help("give each element of the template its own id"),
            );
        }
    }
    diagnostics
}

fn repeated_id(b: &BodyId) -> Diagnostic {
    let id = &b.id;
    match b.source {
        IdSource::RawHtml => Diagnostic::error(Kind::DuplicateId, format!(
            "raw HTML sets id=\"{id}\", which this page already uses (for the theme, a code's entry or a heading)"
        ))
        .at(b.location.clone())
        .help("give the element another id"),
        IdSource::Heading => Diagnostic::error(Kind::DuplicateId, format!(
            "this heading's id \"{id}\" is also set by the theme on this page"
        ))
        .at(b.location.clone())
        .help("reword the heading, or give the theme's element another id"),
    }
}

/// What is wrong with a link.
enum Problem {
    NotAUrl,
    ClimbsOut,
    NoPage,
    NoFile,
    NoAnchor(String),
}

impl Problem {
    fn kind(&self) -> Kind {
        match self {
            Problem::NotAUrl | Problem::NoPage | Problem::NoFile => Kind::BrokenLink,
            Problem::ClimbsOut => Kind::NonRelativeLink,
            Problem::NoAnchor(_) => Kind::BrokenAnchor,
        }
    }

    /// (message, help) for a link the author wrote as `dest`.
    fn describe(&self, dest: &str) -> (String, &'static str) {
        match self {
            Problem::NotAUrl => (format!("link `{dest}` is not a valid URL"), "check the link's spelling"),
            Problem::ClimbsOut => (
                format!("link `{dest}` climbs out of the site"),
                "link pages of this site with relative URLs such as ../404/",
            ),
            Problem::NoPage => (
                format!("link `{dest}` leads to no page of the site"),
                "check the path; code pages are ../404/, class pages ../4xx/",
            ),
            Problem::NoFile => (
                format!("link `{dest}` leads to no file of the site"),
                "check the path; the build writes pages, api/ data, the theme's static/ files and the files under content/",
            ),
            Problem::NoAnchor(fragment) => (
                format!("anchor #{fragment} in `{dest}` leads nowhere"),
                "link a heading of that page, or a code's anchor such as #404-not-found",
            ),
        }
    }
}

/// The problem with a link the author wrote, if any, at its position.
fn check_link(
    base: &Url,
    link: &InternalLink,
    files: &HashMap<&str, &OutputFile>,
    ids: &HashMap<&str, IdCounts<'_>>,
    language: &Language,
    page_path: &str,
) -> Option<Diagnostic> {
    let url = base.join(&link.dest).ok();
    let problem = find_problem(url.clone(), files, ids)?;
    let (message, help) = problem.describe(&link.dest);
    let help = url.and_then(|u| default_language_only(language, page_path, &u, files)).unwrap_or(help.into());
    Some(Diagnostic::error(problem.kind(), message).at(link.location.clone()).help(help))
}

/// For a link from a page under a language prefix to a page of that
/// language that only the default language has: the help saying so, with
/// the link to the default language's page (and, for a code, the prose
/// that links it).
fn default_language_only(
    language: &Language,
    page_path: &str,
    url: &Url,
    files: &HashMap<&str, &OutputFile>,
) -> Option<String> {
    if language.prefix.is_empty() {
        return None;
    }
    let path = url.path().strip_prefix(ROOT_PATH)?;
    let target = path.strip_prefix(&language.prefix)?.strip_prefix('/')?;
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.into()
    };
    if !files.contains_key(file.as_str()) {
        return None;
    }
    let link = format!("{}{target}", "../".repeat(page_path.matches('/').count()));
    let page = target.trim_end_matches('/');
    let lang = &language.code;
    let write = page
        .parse::<u16>()
        .ok()
        .and_then(|code| Lexicon::for_language(lang)?.status_example(code))
        .map(|prose| format!(" or write {prose}"))
        .unwrap_or_default();
    Some(format!("{page} has no {lang} page: link {link}{write}"))
}

/// What is wrong with the link to `url`, if anything: its file must be one
/// the build wrote, and its `#fragment` an id of that file.
fn find_problem(
    url: Option<Url>,
    files: &HashMap<&str, &OutputFile>,
    ids: &HashMap<&str, IdCounts<'_>>,
) -> Option<Problem> {
    let Some(url) = url else { return Some(Problem::NotAUrl) };
    let Some(path) = url.path().strip_prefix(ROOT_PATH) else { return Some(Problem::ClimbsOut) };
    let mut path = percent_decode_str(path).decode_utf8_lossy().into_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if !files.contains_key(path.as_str()) {
        return Some(if path.ends_with(".html") { Problem::NoPage } else { Problem::NoFile });
    }
    let fragment = url.fragment().map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned())?;
    let page_ids = ids.get(path.as_str())?;
    if fragment.is_empty() || page_ids.contains_key(fragment.as_str()) {
        return None;
    }
    Some(Problem::NoAnchor(fragment))
}

/// The links a theme on disk puts on each page (the page without its body,
/// whose links are checked where the author wrote them), each problem once
/// per template and link.
fn check_theme_links(
    resolved: &ResolvedSite,
    files: &HashMap<&str, &OutputFile>,
    ids: &HashMap<&str, IdCounts<'_>>,
) -> Vec<Diagnostic> {
    let root = Url::parse(ROOT).expect("the root URL is valid");
    // The 404 page links from the site's base path ("/" or "/repo/").
    let base_path = resolved.index.root_prefix(PageId::NotFound);
    let mut reported = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for page in resolved.site.pages() {
        let path = resolved.index.output_path(page);
        let Some(html) = files.get(path.as_str()).and_then(|f| std::str::from_utf8(&f.bytes).ok()) else {
            continue;
        };
        let body = resolved.body(page).map_or("", |b| b.html.as_str());
        let theme_part =
            match memchr::memmem::find(html.as_bytes(), body.as_bytes()).filter(|_| !body.is_empty()) {
                Some(at) => Cow::Owned(format!("{}{}", &html[..at], &html[at + body.len()..])),
                None => Cow::Borrowed(html),
            };
        let base = root.join(&path).expect("page paths are valid URLs");
        for href in html_links(&theme_part) {
            let href = decode_html_entities(href);
            if href.starts_with("//") || href.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
                continue; // another site, or mailto: and the like
            }
            let url = match href.strip_prefix(base_path.as_str()) {
                Some(rest) if href.starts_with('/') => root.join(rest).ok(),
                _ if href.starts_with('/') => None,
                _ => base.join(&href).ok(),
            };
            let Some(problem) = find_problem(url, files, ids) else { continue };
            let template = template_name(page);
            if reported.insert((template, href.to_string())) {
                let (message, _) = problem.describe(&href);
                diagnostics.push(
                    Diagnostic::error(problem.kind(), format!("the theme's {message} (on {path})"))
                        .at(Location::new(
                            format!("themes/{}/templates/{template}", resolved.site.config.theme),
                            1,
                            1,
                        ))
                        .help("fix the link in the template; pages link the site root as {{ page.root }}"),
                );
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::markdown::Highlighter;
    use crate::model::SiteBuilder;
    use crate::resolve::resolve_site;

    /// A site whose 404 page has `body`, resolved, and its pages "rendered"
    /// by a stand-in template that sets `id="main"` around the body.
    fn rendered(body: &str) -> (ResolvedSite, Vec<OutputFile>) {
        // The body starts on line 6 of content/4xx/404.md.
        let site = SiteBuilder::new()
            .code_page(401, "Unauthorized", "", "")
            .code_page(404, "Not Found", "", body)
            .valid_site();
        let mut diagnostics = Vec::new();
        let resolved = resolve_site(site, ["main".to_string()].into(), &Highlighter::new(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let files = resolved
            .site
            .pages()
            .map(|page| {
                let body = resolved.body(page).map_or("", |b| b.html.as_str());
                let html = format!("<main id=\"main\">{body}</main>");
                OutputFile { path: page.output_path(), bytes: Cow::Owned(html.into_bytes()) }
            })
            .collect();
        (resolved, files)
    }

    /// The embedded theme.
    fn theme() -> Theme {
        crate::theme::compile_theme(Default::default(), &mut Vec::new()).expect("the embedded theme compiles")
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<(String, usize, usize)> {
        diagnostics
            .iter()
            .map(|d| {
                let at = d.location.as_ref().expect("located");
                (d.message.clone(), at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn a_new_output_file_can_be_linked_with_no_list_to_update() {
        let (resolved, mut files) = rendered("See [the YAML](../api/codes.yaml).\n");
        assert_eq!(
            messages(&verify_site(std::slice::from_ref(&resolved), &theme(), &files)),
            vec![("link `../api/codes.yaml` leads to no file of the site".to_string(), 6, 5)]
        );
        files.push(OutputFile { path: "api/codes.yaml".into(), bytes: Cow::Borrowed(b"- 404\n") });
        assert!(verify_site(std::slice::from_ref(&resolved), &theme(), &files).is_empty());
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let (resolved, files) = rendered(
            "[a](../401/) [b](../401/index.html) [c](./) [d](../) [e](../401/?q=1#) [f](../4%30%31/) [g](#main)\n",
        );
        assert!(verify_site(std::slice::from_ref(&resolved), &theme(), &files).is_empty());
        let (resolved, files) = rendered("[a](../../x/) [b](../401) [c](../401/#nope)\n");
        assert_eq!(
            messages(&verify_site(std::slice::from_ref(&resolved), &theme(), &files)),
            vec![
                ("link `../../x/` climbs out of the site".to_string(), 6, 1),
                ("link `../401` leads to no file of the site".to_string(), 6, 15),
                ("anchor #nope in `../401/#nope` leads nowhere".to_string(), 6, 27),
            ]
        );
    }

    #[test]
    fn an_id_set_twice_is_reported_where_the_body_set_it() {
        let (resolved, files) =
            rendered("## Details\n\nText <span id=\"details\">here</span>.\n\n<p id=\"main\">x</p>\n");
        let found = messages(&verify_site(std::slice::from_ref(&resolved), &theme(), &files));
        let expected = |id: &str, line, column| {
            let message = format!(
                "raw HTML sets id=\"{id}\", which this page already uses (for the theme, a code's entry or a heading)"
            );
            (message, line, column)
        };
        assert_eq!(found, vec![expected("details", 8, 6), expected("main", 10, 1)]);
        // Text that merely looks like an id, in code or prose, is no id.
        let (resolved, files) = rendered("```html\n<p id=\"main\">\n```\n\nWrite id=\"main\" here.\n");
        assert!(verify_site(std::slice::from_ref(&resolved), &theme(), &files).is_empty());
    }
}
