//! The files for machines: `api/codes.json` (also the search index),
//! `api/CODE.json`, `api/codes.csv`, the search index of each other language
//! (`zh-hans/api/codes.json`), `sitemap.xml` and `robots.txt`.

use std::fmt::Write as _;

use serde::Serialize;

use super::OutputFile;
use crate::html;
use crate::model::{Constant, Site, SpecRef, StatusCode};
use crate::options::Options;
use crate::resolve::ResolvedSite;
use crate::xref::PageId;

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
    /// In the search index of another language: the registered (source) title.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_title: Option<&'a str>,
    /// In the search index of another language: the language of the page
    /// `url` leads to, when it is not a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
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
        source_title: None,
        language: None,
    }
}

/// `api/codes.json` (also the search index), `api/CODE.json`, `api/codes.csv`.
pub(super) fn data_files(site: &Site) -> Vec<OutputFile> {
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

/// The files for crawlers: `sitemap.xml` and `robots.txt`, decided together
/// since robots.txt names the sitemap. The sitemap protocol takes absolute
/// URLs only: without a base URL there is none. `options` holds the build
/// settings; none concerns these files yet.
pub(super) fn crawler_files(languages: &[ResolvedSite], _options: &Options) -> Vec<OutputFile> {
    let Some(site) = languages.first().map(|r| &r.site) else { return Vec::new() };
    let mut files = Vec::new();
    if let Some(base) = site.config.base_url.as_deref() {
        files.push(OutputFile::text("sitemap.xml", sitemap(languages, base)));
    }
    if let Some(text) = robots(site) {
        files.push(OutputFile::text("robots.txt", text));
    }
    files
}

/// Every page of every language; with more than one language each URL
/// lists its alternates (`xhtml:link`, and `x-default` for the default language's).
fn sitemap(languages: &[ResolvedSite], base: &str) -> String {
    let many = languages.len() > 1;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if many {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    let url = |r: &ResolvedSite, page: PageId| html::escape(&format!("{base}{}", r.index.url_path(page)));
    for resolved in languages {
        for page in resolved.site.pages().filter(|p| *p != PageId::NotFound) {
            if !many {
                let _ = writeln!(out, "  <url><loc>{}</loc></url>", url(resolved, page));
                continue;
            }
            let _ = writeln!(out, "  <url><loc>{}</loc>", url(resolved, page));
            for other in languages.iter().filter(|o| o.index.in_language(page)) {
                let edition = other.index.edition();
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    html::escape(&edition.language.code),
                    url(other, page)
                );
                if edition.is_default() {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        url(other, page)
                    );
                }
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// The search index of a language other than the default: every code, in
/// that language where it is translated (with its registered title as
/// `source_title`), with the URL of the page readers of that language get.
pub(super) fn search_index(resolved: &ResolvedSite) -> OutputFile {
    let index = &resolved.index;
    let records: Vec<CodeRecord<'_>> = resolved
        .site
        .codes
        .values()
        .map(|c| {
            let page = PageId::Code(c.code);
            let own = index.in_language(page);
            CodeRecord {
                url: if own { index.url_path(page) } else { page.url_path() },
                source_title: index.edition().source_titles.get(&c.code).map(String::as_str),
                language: index.edition().languages.first().filter(|_| !own).map(|l| l.code.as_str()),
                ..record(c)
            }
        })
        .collect();
    let json = serde_json::to_string(&records).unwrap_or_else(|_| "[]".into());
    OutputFile::text(search_index_path(&index.edition().language.folder()), json)
}

/// Where the search index of the language whose folder is `folder` goes.
pub(super) fn search_index_path(folder: &str) -> String {
    format!("{folder}api/codes.json")
}

/// robots.txt, only where crawlers look for it: at the root of a host (a
/// base URL without a path, or a custom domain from `cname`). Under a project
/// path (`owner.github.io/repo/robots.txt`) nobody reads it, so none is
/// written. It names the sitemap only when it can give its absolute URL.
fn robots(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_deref();
    if site.config.cname.is_none() && !base.is_some_and(is_host_root) {
        return None;
    }
    Some(match base {
        Some(base) => format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_string(),
    })
}

/// `https://owner.github.io/` is a host root; `https://owner.github.io/repo/` is not.
fn is_host_root(base: &str) -> bool {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    rest.find('/').is_none_or(|slash| &rest[slash..] == "/")
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
    fn host_roots_are_told_from_project_paths() {
        assert!(is_host_root("https://owner.github.io/"));
        assert!(is_host_root("http://example.org"));
        assert!(!is_host_root("https://owner.github.io/statusref/"));
    }
}
