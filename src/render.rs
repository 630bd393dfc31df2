//! Render: resolved site + theme -> the files of the output, in memory.
//!
//! 1. build a view (plain serializable data) for each page,
//! 2. run the templates in parallel,
//! 3. add the machine-readable files (JSON, CSV), sitemap, robots.txt,
//!    `.nojekyll`, CNAME, the theme's static files and content assets.
//!
//! No I/O and no clock: two renders of the same input are byte-identical.

use std::borrow::Cow;
use std::fmt::Write as _;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::escape_html;
use crate::model::{CodeClass, Constant, Site, SpecRef, StatusCode};
use crate::resolve::ResolvedSite;
use crate::theme::{error_chain, Theme};
use crate::xref::PageId;

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

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    repository: Option<String>,
}

#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    title: String,
    meta_title: String,
    meta_description: String,
    /// Absolute URL when base_url is set.
    canonical: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    /// Relative prefix to the site root ("", "../", or the base path on the 404 page).
    root: String,
    edit_url: Option<String>,
    report_url: Option<String>,
    sections: Vec<LinkView>,
}

#[derive(Serialize, Clone)]
struct LinkView {
    href: String,
    text: String,
    title: String,
}

#[derive(Serialize)]
struct NavClass {
    name: String,
    title: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct EntryView<'a> {
    code: u16,
    title: &'a str,
    slug: &'a str,
    excerpt: &'a str,
    status: &'static str,
    tags: &'a [String],
    href: String,
}

#[derive(Serialize)]
struct ClassSection<'a> {
    digit: u8,
    name: String,
    title: &'a str,
    excerpt: &'a str,
    href: String,
    entries: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
struct CodeView<'a> {
    code: u16,
    title: &'a str,
    full_name: String,
    excerpt: &'a str,
    status: &'static str,
    tags: &'a [String],
    aliases: &'a [String],
    vendor: Option<&'a str>,
    spec: &'a [SpecRef],
    constants: &'a [Constant],
    see_also: Vec<LinkView>,
    referenced_by: Vec<LinkView>,
    class: LinkView,
    previous: Option<LinkView>,
    next: Option<LinkView>,
}

/// Renders every page and file. Template errors are reported with the template's name.
pub fn render_site(resolved: &ResolvedSite<'_>, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let site = resolved.site;
    let mut pages = vec![PageId::Home, PageId::NotFound];
    pages.extend(site.classes.iter().map(|c| PageId::Class(c.digit)));
    pages.extend(site.codes.keys().map(|c| PageId::Code(*c)));

    let rendered: Vec<Result<OutputFile, Diagnostic>> =
        pages.par_iter().map(|page| render_page(resolved, theme, *page)).collect();
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
    // The sitemap protocol takes absolute URLs only: without a base URL there is none.
    if let Some(base) = site.config.base_url.as_deref() {
        files.push(OutputFile::text("sitemap.xml", sitemap(site, base)));
    }
    files.push(OutputFile::text("robots.txt", robots(site)));
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
            Diagnostic::error(format!(
                "content/{} would replace the {} that statusref writes",
                a.path, a.path
            ))
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
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn render_page(resolved: &ResolvedSite<'_>, theme: &Theme, page: PageId) -> Result<OutputFile, Diagnostic> {
    let site = resolved.site;
    let index = &resolved.index;
    let root = index.root_prefix(page);
    let mut ctx = tera::Context::new();
    ctx.insert("site", &site_view(site));
    let nav: Vec<NavClass> = site
        .classes
        .iter()
        .map(|c| NavClass {
            name: c.name(),
            title: c.title.clone(),
            href: index.page_href(page, PageId::Class(c.digit)),
            current: match page {
                PageId::Class(d) => d == c.digit,
                PageId::Code(code) => code / 100 == u16::from(c.digit),
                _ => false,
            },
        })
        .collect();
    ctx.insert("nav", &nav);
    ctx.insert("home_href", &index.page_href(page, PageId::Home));
    let body_html = resolved.body(page).map(|b| b.html.as_str()).unwrap_or("");
    ctx.insert("body", body_html);
    let sections: Vec<LinkView> = resolved
        .body(page)
        .map(|b| {
            b.sections
                .iter()
                .map(|(id, text)| LinkView {
                    href: format!("#{id}"),
                    text: text.clone(),
                    title: text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();

    let (template, view) = match page {
        PageId::Home => {
            let home = &site.home;
            let classes: Vec<ClassSection<'_>> =
                site.classes.iter().map(|c| class_section(resolved, page, c)).collect();
            ctx.insert("classes", &classes);
            let view = page_view(
                site,
                page,
                "home",
                &home.title,
                home.meta.title.as_deref(),
                home.meta.description.as_deref().unwrap_or(&home.excerpt),
                root,
                None,
            );
            let view = PageView {
                image: home.image.as_deref().map(|i| image_url(site, &view.root, i)),
                image_alt: home.image_alt.clone(),
                sections,
                ..view
            };
            ("home.html", view)
        }
        PageId::Class(digit) => {
            let class = site.class(digit).expect("class pages come from site.classes");
            ctx.insert("class", &class_section(resolved, page, class));
            let title = format!("{} {}", class.name(), class.title);
            let description = if class.excerpt.is_empty() { title.clone() } else { class.excerpt.clone() };
            let source = (!class.body.path.as_os_str().is_empty()).then_some(&class.body.path);
            let view = page_view(
                site,
                page,
                "class",
                &title,
                class.meta.title.as_deref(),
                class.meta.description.as_deref().unwrap_or(&description),
                root,
                source,
            );
            ("class.html", PageView { sections, ..view })
        }
        PageId::Code(code) => {
            let c = &site.codes[&code];
            ctx.insert("code", &code_view(resolved, page, c));
            let title = c.full_name();
            let view = page_view(
                site,
                page,
                "code",
                &title,
                c.meta.title.as_deref(),
                c.meta.description.as_deref().unwrap_or(&c.excerpt),
                root,
                Some(&c.body.path),
            );
            ("code.html", PageView { sections, ..view })
        }
        PageId::NotFound => {
            let entry = site.codes.get(&404);
            ctx.insert(
                "not_found",
                &entry.map(|c| (c.full_name(), c.excerpt.clone(), index.page_href(page, PageId::Code(404)))),
            );
            let classes: Vec<ClassSection<'_>> =
                site.classes.iter().map(|c| class_section(resolved, page, c)).collect();
            ctx.insert("classes", &classes);
            let view = page_view(
                site,
                page,
                "not_found",
                "Page not found",
                None,
                "This page does not exist.",
                root,
                None,
            );
            ("not_found.html", PageView { canonical: None, ..view })
        }
    };
    ctx.insert("page", &view);
    let html = theme.tera.render(template, &ctx).map_err(|err| {
        Diagnostic::error(format!(
            "template {template} failed on {}: {}",
            page.output_path(),
            error_chain(&err)
        ))
        .at(Location::new(format!("themes/{}/templates/{template}", site.config.theme), 1, 1))
        .help("check the variables the template uses; src/render.rs (PageView, CodeView) lists them")
    })?;
    Ok(OutputFile::text(page.output_path(), html))
}

fn site_view(site: &Site) -> SiteView<'_> {
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base_url: site.config.base_url.as_deref(),
        repository: site.config.repository.as_ref().map(|r| r.name.clone()),
    }
}

#[allow(clippy::too_many_arguments)]
fn page_view(
    site: &Site,
    page: PageId,
    kind: &'static str,
    title: &str,
    meta_title: Option<&str>,
    description: &str,
    root: String,
    source: Option<&std::path::PathBuf>,
) -> PageView {
    let canonical = site.config.base_url.as_ref().map(|base| format!("{base}{}", page.url_path()));
    let (edit_url, report_url) = match (&site.config.repository, source) {
        (Some(repo), Some(path)) => {
            let path = crate::diagnostic::display_path(path);
            let edit = format!("https://github.com/{}/edit/{}/{}", repo.name, repo.branch, path);
            let issue_title = format!("Problem on {title}");
            let issue_body =
                format!("Page: {}\nFile: {path}\n\nWhat is wrong:\n", canonical.clone().unwrap_or_default());
            let report = format!(
                "https://github.com/{}/issues/new?title={}&body={}",
                repo.name,
                percent_encode(&issue_title),
                percent_encode(&issue_body)
            );
            (Some(edit), Some(report))
        }
        _ => (None, None),
    };
    PageView {
        kind,
        title: title.to_string(),
        meta_title: meta_title.map_or_else(|| format!("{title} - {}", site.config.title), str::to_string),
        meta_description: description.to_string(),
        canonical,
        image: None,
        image_alt: None,
        root,
        edit_url,
        report_url,
        sections: Vec::new(),
    }
}

fn class_section<'s>(resolved: &'s ResolvedSite<'_>, page: PageId, class: &'s CodeClass) -> ClassSection<'s> {
    let site = resolved.site;
    ClassSection {
        digit: class.digit,
        name: class.name(),
        title: &class.title,
        excerpt: &class.excerpt,
        href: resolved.index.page_href(page, PageId::Class(class.digit)),
        entries: class
            .codes
            .iter()
            .map(|code| {
                let c = &site.codes[code];
                EntryView {
                    code: c.code,
                    title: &c.title,
                    slug: &c.slug,
                    excerpt: &c.excerpt,
                    status: c.status.as_str(),
                    tags: &c.tags,
                    href: resolved.index.page_href(page, PageId::Code(c.code)),
                }
            })
            .collect(),
    }
}

fn code_link(resolved: &ResolvedSite<'_>, from: PageId, code: u16) -> LinkView {
    let c = &resolved.site.codes[&code];
    LinkView {
        href: resolved.index.page_href(from, PageId::Code(code)),
        text: c.full_name(),
        title: c.excerpt.clone(),
    }
}

fn code_view<'s>(resolved: &'s ResolvedSite<'_>, page: PageId, c: &'s StatusCode) -> CodeView<'s> {
    let site = resolved.site;
    let class = site.class(c.class()).expect("every code has its class");
    let siblings = &class.codes;
    let pos = siblings.iter().position(|x| *x == c.code);
    let previous = pos.and_then(|p| p.checked_sub(1)).map(|p| code_link(resolved, page, siblings[p]));
    let next = pos.and_then(|p| siblings.get(p + 1)).map(|n| code_link(resolved, page, *n));
    CodeView {
        code: c.code,
        title: &c.title,
        full_name: c.full_name(),
        excerpt: &c.excerpt,
        status: c.status.as_str(),
        tags: &c.tags,
        aliases: &c.aliases,
        vendor: c.vendor.as_deref(),
        spec: &c.spec,
        constants: &c.constants,
        see_also: c
            .see_also
            .iter()
            .filter(|s| site.codes.contains_key(s))
            .map(|s| code_link(resolved, page, *s))
            .collect(),
        referenced_by: resolved
            .referenced_by
            .get(&c.code)
            .map(|v| v.iter().map(|s| code_link(resolved, page, *s)).collect())
            .unwrap_or_default(),
        class: LinkView {
            href: resolved.index.page_href(page, PageId::Class(class.digit)),
            text: format!("{} {}", class.name(), class.title),
            title: class.excerpt.clone(),
        },
        previous,
        next,
    }
}

#[derive(Serialize)]
struct CodeRecord<'a> {
    code: u16,
    title: &'a str,
    class: String,
    status: &'static str,
    excerpt: &'a str,
    aliases: &'a [String],
    tags: &'a [String],
    vendor: Option<&'a str>,
    spec: &'a [SpecRef],
    constants: &'a [Constant],
    /// Relative to the site root.
    url: String,
}

fn record(c: &StatusCode) -> CodeRecord<'_> {
    CodeRecord {
        code: c.code,
        title: &c.title,
        class: format!("{}xx", c.class()),
        status: c.status.as_str(),
        excerpt: &c.excerpt,
        aliases: &c.aliases,
        tags: &c.tags,
        vendor: c.vendor.as_deref(),
        spec: &c.spec,
        constants: &c.constants,
        url: PageId::Code(c.code).url_path(),
    }
}

/// `api/codes.json` (also the search index), `api/CODE.json`, `api/codes.csv`.
fn data_files(site: &Site) -> Vec<OutputFile> {
    let records: Vec<CodeRecord<'_>> = site.codes.values().map(record).collect();
    let mut files = Vec::with_capacity(records.len() + 2);
    let json = serde_json::to_string(&records).unwrap_or_else(|_| "[]".into());
    files.push(OutputFile::text("api/codes.json", json));
    for r in &records {
        let json = serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into());
        files.push(OutputFile::text(format!("api/{}.json", r.code), json));
    }
    let mut csv = String::from("code,title,class,status,excerpt,aliases,spec,url\n");
    for r in &records {
        let spec: Vec<String> = r
            .spec
            .iter()
            .map(|s| match &s.section {
                Some(sec) => format!("{} {sec}", s.name),
                None => s.name.clone(),
            })
            .collect();
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{}",
            r.code,
            csv_field(r.title),
            r.class,
            r.status,
            csv_field(r.excerpt),
            csv_field(&r.aliases.join("; ")),
            csv_field(&spec.join("; ")),
            csv_field(&r.url)
        );
    }
    files.push(OutputFile::text("api/codes.csv", csv));
    files
}

fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn sitemap(site: &Site, base: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut pages = vec![PageId::Home];
    pages.extend(site.classes.iter().map(|c| PageId::Class(c.digit)));
    pages.extend(site.codes.keys().map(|c| PageId::Code(*c)));
    for page in pages {
        let _ =
            writeln!(out, "  <url><loc>{}</loc></url>", escape_html(&format!("{base}{}", page.url_path())));
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt names the sitemap only when it can give its absolute URL.
fn robots(site: &Site) -> String {
    match site.config.base_url.as_deref() {
        Some(base) => format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_string(),
    }
}

/// Percent-encoding for a query value (RFC 3986 unreserved characters stay).
fn percent_encode(s: &str) -> String {
    const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// The URL of the page's image: as written when absolute, else from the base
/// URL (social cards need absolute URLs) or relative to the page.
fn image_url(site: &Site, root: &str, image: &str) -> String {
    if image.starts_with("https://") || image.starts_with("http://") {
        return image.to_string();
    }
    let image = image.trim_start_matches('/');
    match &site.config.base_url {
        Some(base) => format!("{base}{image}"),
        None => format!("{root}{image}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn image_urls_are_absolute_when_they_can_be() {
        let mut site = crate::markdown::tests::site(&[]);
        assert_eq!(image_url(&site, "../", "img/card.png"), "../img/card.png");
        assert_eq!(image_url(&site, "", "https://cdn.example/x.png"), "https://cdn.example/x.png");
        site.config.base_url = Some("https://a.github.io/r/".into());
        assert_eq!(image_url(&site, "../", "/img/card.png"), "https://a.github.io/r/img/card.png");
    }

    #[test]
    fn percent_encoding_of_query_values() {
        assert_eq!(percent_encode("a b/c\n"), "a%20b%2Fc%0A");
    }
}
