//! Render: resolved site + theme -> the files of the output, in memory.
//!
//! 1. build the typed context of each page's template (`views`), for the
//!    site in each of its languages (`ResolvedSite` per language, the
//!    default first), with the page's alternates in the other languages,
//! 2. check a theme's own templates against the views (`sample`, once), then
//!    run the templates in parallel,
//! 3. add the machine-readable files (JSON, CSV), sitemap, robots.txt
//!    (`data`), the OpenSearch description (`opensearch`), `.nojekyll`, CNAME,
//!    the theme's static files and content assets.
//!
//! No I/O and no clock: two renders of the same input are byte-identical.

mod data;
mod opensearch;
mod sample;
mod views;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::options::Options;
use crate::resolve::ResolvedSite;
use crate::theme::{error_chain, Theme};
use crate::xref::PageId;

use self::data::{crawler_files, data_files, search_index, search_index_path};
use self::opensearch::opensearch;
use self::views::*;

/// One file of the output, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

impl OutputFile {
    fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile { path: path.into(), bytes: Cow::Owned(text.into_bytes()) }
    }
}

/// Renders every page and file of the site in each of its languages
/// (`languages[0]` is the default language's). Template errors are reported
/// with the template's name. `options` (the build settings) goes on to the
/// parts that read it.
pub fn render_site(
    languages: &[ResolvedSite],
    theme: &Theme,
    options: &Options,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let Some(resolved) = languages.first() else { return Ok(Vec::new()) };
    let site = &resolved.site;
    let pages: Vec<(&ResolvedSite, PageId)> =
        languages.iter().flat_map(|r| r.site.pages().map(move |p| (r, p))).collect();

    // A theme's own templates (or strings) are checked against the views
    // once, before any page: a misspelt field is one error at its line, not
    // one per page.
    if theme.has_own_templates_or_strings() {
        let unknown = theme.check_fields(&sample::sample_contexts(theme.strings.reference()));
        if !unknown.is_empty() {
            return Err(unknown);
        }
    }
    let rendered: Vec<Result<OutputFile, Diagnostic>> =
        pages.par_iter().map(|(resolved, page)| render_page(resolved, languages, theme, *page)).collect();
    let mut files = Vec::with_capacity(rendered.len() + site.codes.len() + 16);
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    files.extend(data_files(site));
    files.extend(languages.iter().skip(1).map(search_index));
    files.extend(crawler_files(languages, options));
    // OpenSearch, like the sitemap, takes absolute URLs only.
    if let Some(base) = site.config.base_url.as_deref() {
        files.push(OutputFile::text("opensearch.xml", opensearch(site, base)));
    }
    files.push(OutputFile { path: ".nojekyll".into(), bytes: Cow::Borrowed(b"") });
    if let Some(cname) = &site.config.cname {
        files.push(OutputFile::text("CNAME", format!("{}\n", cname.trim())));
    }
    for (path, bytes) in &theme.statics {
        files.push(OutputFile { path: format!("static/{path}"), bytes: bytes.clone() });
    }
    // An asset may not take the place of a generated file.
    let generated: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let clashes: Vec<Diagnostic> = site
        .assets
        .iter()
        .filter(|a| generated.contains(a.path.as_str()))
        .map(|a| {
            Diagnostic::error(
                Kind::OutputConflict,
                format!("content/{} would replace the {} that statusref writes", a.path, a.path),
            )
            .at(Location::new(format!("content/{}", a.path), 1, 1))
            .help("rename or move the file")
        })
        .collect();
    if !clashes.is_empty() {
        return Err(clashes);
    }
    for asset in &site.assets {
        files.push(OutputFile { path: asset.path.clone(), bytes: Cow::Owned(asset.bytes.clone()) });
    }
    let clashes = prefix_clashes(languages, &files);
    if !clashes.is_empty() {
        return Err(clashes);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A language's folder (`zh-hans/`) must hold only its own pages and search
/// index: a page, data file, theme file or asset the rest of the site writes
/// there (a prefix `api`, `404`, `static` or a folder under content/) is an
/// error at the language in site.yaml. Derived from the files themselves, so
/// no list of generated folders is kept by hand.
fn prefix_clashes(languages: &[ResolvedSite], files: &[OutputFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for edition in languages.iter().skip(1) {
        let site = &edition.site;
        let Some(language) = site.config.languages.iter().find(|l| l.code == site.config.language) else {
            continue;
        };
        let folder = language.folder();
        let own: std::collections::HashSet<String> = site
            .pages()
            .map(|p| edition.index.output_path(p))
            .chain(std::iter::once(search_index_path(&folder)))
            .collect();
        // Not its own, or its own and written a second time by the rest of
        // the site (prefix `404`: its home page is the code page 404's).
        let mut seen = std::collections::HashSet::new();
        let Some(other) = files
            .iter()
            .filter(|f| f.path.starts_with(&folder))
            .find(|f| !own.contains(&f.path) || !seen.insert(f.path.as_str()))
        else {
            continue;
        };
        let mut d = Diagnostic::error(
            Kind::InvalidValue,
            format!(
                "prefix `{}` of `{}` is a folder the site writes too ({})",
                language.prefix, language.code, other.path
            ),
        )
        .help("give the language a `prefix` of its own, e.g. its code in lower case");
        if let Some(at) = &language.location {
            d = d.at(at.clone());
        }
        out.push(d);
    }
    out
}

/// The template that renders `page`.
pub fn template_name(page: PageId) -> &'static str {
    match page {
        PageId::Home => "home.html",
        PageId::Class(_) => "class.html",
        PageId::Code(_) => "code.html",
        PageId::NotFound => "not_found.html",
    }
}

fn render_page(
    resolved: &ResolvedSite,
    languages: &[ResolvedSite],
    theme: &Theme,
    page: PageId,
) -> Result<OutputFile, Diagnostic> {
    let site = &resolved.site;
    let strings = theme.strings_for(&site.config.language);
    let context = full_page_context(resolved, languages, strings, page);
    let template = template_name(page);
    let html = tera::Context::from_serialize(&context)
        .and_then(|ctx| theme.tera.render(template, &ctx))
        .map_err(|err| {
            Diagnostic::error(
                Kind::TemplateError,
                format!(
                    "template {template} failed on {}: {}",
                    resolved.index.output_path(page),
                    error_chain(&err)
                ),
            )
            .at(Location::new(format!("themes/{}/templates/{template}", site.config.theme), 1, 1))
            .help("check the variables the template uses; src/render/views.rs (PageContext) lists them")
        })?;
    Ok(OutputFile::text(resolved.index.output_path(page), html))
}

/// `page_context`, with what needs every language: the page's alternates
/// and the search index of its language.
fn full_page_context<'s>(
    resolved: &'s ResolvedSite,
    languages: &[ResolvedSite],
    strings: &'s crate::theme::Strings,
    page: PageId,
) -> PageContext<'s> {
    let mut context = page_context(resolved, strings, page);
    context.page.alternates = alternates(resolved, languages, page);
    let edition = resolved.index.edition();
    if !edition.is_default() {
        context.page.search_index = Some(format!("{}api/codes.json", edition.language.folder()));
    }
    if page == PageId::NotFound {
        context.page.language_folders =
            languages.iter().skip(1).map(|l| l.index.edition().language.prefix.clone()).collect();
    }
    context
}

/// The page in every language of a site that has more than one: its own
/// page where that language has one, else that language's home.
fn alternates(resolved: &ResolvedSite, languages: &[ResolvedSite], page: PageId) -> Vec<AlternateView> {
    if languages.len() < 2 || page == PageId::NotFound {
        return Vec::new();
    }
    let index = &resolved.index;
    let base = resolved.site.config.base_url.as_deref();
    languages
        .iter()
        .map(|other| {
            let language = &other.index.edition().language;
            let has = other.index.in_language(page);
            let to = if has { page } else { PageId::Home };
            AlternateView {
                code: language.code.clone(),
                name: language.name.clone(),
                href: index.href_in(page, &language.folder(), to),
                absolute: base.map(|b| format!("{b}{}", other.index.url_path(to))),
                has_page: has,
                current: language.code == index.edition().language.code,
                default: other.index.edition().is_default(),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::markdown::Highlighter;
    use crate::model::{Language, SiteBuilder, SiteConfig};
    use crate::resolve::resolve_site;

    /// `zh-hans/api/codes.json` of a site whose 404 page is translated.
    pub(crate) fn translated_search_index() -> OutputFile {
        let mut config = SiteConfig::default();
        config.languages.push(Language {
            code: "zh-Hans".into(),
            name: "简体中文".into(),
            prefix: "zh-hans".into(),
            location: None,
        });
        let site = SiteBuilder::new()
            .config(config)
            .code_page(404, "Not Found", "constants:\n  python: HTTPStatus.NOT_FOUND\n", "")
            .code_page(410, "Gone", "", "")
            .file("content/4xx/404.zh-Hans.md", "---\ntitle: 未找到\n---\n")
            .valid_site();
        let edition = site.edition(&site.config.languages[1]);
        let resolved = resolve_site(edition, Default::default(), &Highlighter::new(), &mut Vec::new());
        search_index(&resolved)
    }

    #[test]
    fn a_language_index_links_its_own_pages_and_keeps_the_registered_title() {
        let file = translated_search_index();
        assert_eq!(file.path, "zh-hans/api/codes.json");
        let records: Vec<serde_json::Value> = serde_json::from_slice(&file.bytes).unwrap();
        assert_eq!(records[0]["title"], "未找到");
        assert_eq!(records[0]["source_title"], "Not Found");
        assert_eq!(records[0]["url"], "zh-hans/404/");
        assert_eq!(records[0]["constants"][0]["name"], "HTTPStatus.NOT_FOUND");
        assert_eq!(records[1]["url"], "410/", "an untranslated code leads to the English page");
        assert_eq!(records[1]["language"], "en");
    }
}
