//! The data each template sees: one typed context per page (`PageContext`:
//! what every page gets, plus `PageData` for its own template), made of plain
//! serializable views of the site, built per page (links are relative to the
//! page they appear on), and `t`, the theme's words in the page's language.
//! The field names here are the template contract: `theme::fields` checks
//! every path a template uses against them.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::model::{CodeClass, CodeShown, Constant, Site, SpecRef, StatusCode};
use crate::resolve::ResolvedSite;
use crate::theme::Strings;
use crate::xref::PageId;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    pub(super) base_url: Option<&'a str>,
    pub(super) repository: Option<String>,
}

#[derive(Serialize)]
pub(super) struct PageView {
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) meta_title: String,
    pub(super) meta_description: String,
    /// Absolute URL when base_url is set.
    pub(super) canonical: Option<String>,
    pub(super) image: Option<String>,
    pub(super) image_alt: Option<String>,
    /// Relative prefix to the site root ("", "../", or the base path on the 404 page).
    pub(super) root: String,
    pub(super) edit_url: Option<String>,
    pub(super) report_url: Option<String>,
    pub(super) sections: Vec<LinkView>,
    /// The page in each language, when the site has more than one (else empty).
    pub(super) alternates: Vec<AlternateView>,
    /// The search index of the page's language, relative to the site root,
    /// for languages other than the default (whose index is `api/codes.json`).
    pub(super) search_index: Option<String>,
    /// On the 404 page of a site with more than one language: the URL folders
    /// of the other languages (`zh-hans`), so that a missing `/zh-hans/299/`
    /// is answered like `/299/`.
    pub(super) language_folders: Vec<String>,
}

/// The page in one language of the site, for the switcher and `hreflang`.
#[derive(Serialize)]
pub(super) struct AlternateView {
    /// `zh-Hans`: for `hreflang` and `lang`.
    pub(super) code: String,
    /// `简体中文`
    pub(super) name: String,
    /// Relative to the page.
    pub(super) href: String,
    /// With the base URL, when there is one.
    pub(super) absolute: Option<String>,
    /// Whether the language has this page (else `href` is its home).
    pub(super) has_page: bool,
    /// The page's own language.
    pub(super) current: bool,
    /// The default language (`x-default`).
    pub(super) default: bool,
}

#[derive(Serialize, Clone)]
pub(super) struct LinkView {
    pub(super) href: String,
    pub(super) text: String,
    pub(super) title: String,
}

#[derive(Serialize)]
pub(super) struct NavClass {
    pub(super) name: String,
    pub(super) title: String,
    pub(super) href: String,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct EntryView<'a> {
    pub(super) code: u16,
    pub(super) title: &'a str,
    pub(super) slug: &'a str,
    pub(super) excerpt: &'a str,
    pub(super) status: &'static str,
    pub(super) tags: &'a [String],
    pub(super) href: String,
    /// Set when the entry leads to the default language's page because the
    /// page's language has none: that language, for a label and `hreflang`.
    pub(super) fallback: Option<FallbackView<'a>>,
}

/// The language a link leads to when the page's own language lacks the page.
#[derive(Serialize)]
pub(super) struct FallbackView<'a> {
    /// `en`
    pub(super) code: &'a str,
    /// `English`
    pub(super) name: &'a str,
}

fn fallback<'s>(resolved: &'s ResolvedSite, to: PageId) -> Option<FallbackView<'s>> {
    let index = &resolved.index;
    if index.in_language(to) {
        return None;
    }
    let default = index.edition().languages.first()?;
    Some(FallbackView { code: &default.code, name: &default.name })
}

#[derive(Serialize)]
pub(super) struct ClassSection<'a> {
    pub(super) digit: u8,
    pub(super) name: String,
    pub(super) title: &'a str,
    pub(super) excerpt: &'a str,
    pub(super) href: String,
    pub(super) entries: Vec<EntryView<'a>>,
}

/// A link to a class page, with the class's name ("4xx") for styling.
#[derive(Serialize)]
pub(super) struct ClassLink {
    pub(super) name: String,
    pub(super) href: String,
    pub(super) text: String,
    pub(super) title: String,
}

/// The 404 page's note on the code 404 itself, when the site has it.
#[derive(Serialize)]
pub(super) struct NotFoundView {
    /// "404 Not Found"
    pub(super) name: String,
    pub(super) excerpt: String,
    pub(super) href: String,
}

/// Everything one template gets: what every page has, and its own data.
#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    pub(super) site: SiteView<'a>,
    pub(super) page: PageView,
    pub(super) nav: Vec<NavClass>,
    pub(super) home_href: String,
    /// The page's rendered markdown (sanitised).
    pub(super) body: &'a str,
    /// The theme's words in the page's language (`t.code.see_also`).
    pub(super) t: &'a Strings,
    #[serde(flatten)]
    pub(super) data: PageData<'a>,
}

/// What only one template gets, each under its own names.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum PageData<'a> {
    /// `home.html`
    Home { classes: Vec<ClassSection<'a>> },
    /// `class.html`
    Class { class: ClassSection<'a> },
    /// `code.html`
    Code { code: Box<CodeView<'a>> },
    /// `not_found.html`
    NotFound { not_found: Option<NotFoundView>, classes: Vec<ClassSection<'a>> },
}

#[derive(Serialize)]
pub(super) struct CodeView<'a> {
    pub(super) code: u16,
    pub(super) title: &'a str,
    /// On a translated page: the registered (default language) title, and that language.
    pub(super) source_title: Option<&'a str>,
    pub(super) source_language: Option<&'a str>,
    pub(super) full_name: String,
    pub(super) excerpt: &'a str,
    pub(super) status: &'static str,
    pub(super) tags: &'a [String],
    pub(super) aliases: &'a [String],
    pub(super) vendor: Option<&'a str>,
    pub(super) spec: &'a [SpecRef],
    pub(super) constants: &'a [Constant],
    pub(super) see_also: Vec<LinkView>,
    pub(super) referenced_by: Vec<LinkView>,
    pub(super) class: ClassLink,
    pub(super) previous: Option<LinkView>,
    pub(super) next: Option<LinkView>,
    /// The display-only front-matter keys, each under its own name (`code.KEY`).
    #[serde(flatten)]
    pub(super) shown: &'a CodeShown,
}

pub(super) fn site_view(site: &Site) -> SiteView<'_> {
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base_url: site.config.base_url.as_deref(),
        repository: site.config.repository.as_ref().map(|r| r.name.clone()),
    }
}

/// What a page says about itself, for its `<head>` and edit links.
pub(super) struct PageText<'a> {
    pub(super) kind: &'static str,
    pub(super) title: &'a str,
    /// From front matter `meta.title`; else "title - site title".
    pub(super) meta_title: Option<&'a str>,
    pub(super) description: &'a str,
    /// The content file, for "Edit this page" and "Report a problem".
    pub(super) source: Option<&'a Path>,
}

pub(super) fn page_view(
    site: &Site,
    page: PageId,
    root: String,
    sections: Vec<LinkView>,
    text: PageText<'_>,
) -> PageView {
    let PageText { kind, title, meta_title, description, source } = text;
    let url_path = format!("{}{}", site.edition.language.folder(), page.url_path());
    let canonical = site.config.base_url.as_ref().map(|base| format!("{base}{url_path}"));
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
        sections,
        alternates: Vec::new(),
        search_index: None,
        language_folders: Vec::new(),
    }
}

/// Every class with its entries, as the home and 404 pages list them.
pub(super) fn class_sections<'s>(resolved: &'s ResolvedSite, page: PageId) -> Vec<ClassSection<'s>> {
    resolved.site.classes.iter().map(|c| class_section(resolved, page, c)).collect()
}

pub(super) fn class_section<'s>(
    resolved: &'s ResolvedSite,
    page: PageId,
    class: &'s CodeClass,
) -> ClassSection<'s> {
    let site = &resolved.site;
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
                    fallback: fallback(resolved, PageId::Code(c.code)),
                }
            })
            .collect(),
    }
}

fn code_link(resolved: &ResolvedSite, from: PageId, code: u16) -> LinkView {
    let c = &resolved.site.codes[&code];
    LinkView {
        href: resolved.index.page_href(from, PageId::Code(code)),
        text: c.full_name(),
        title: c.excerpt.clone(),
    }
}

pub(super) fn code_view<'s>(resolved: &'s ResolvedSite, page: PageId, c: &'s StatusCode) -> CodeView<'s> {
    let site = &resolved.site;
    let class = site.class(c.class()).expect("every code has its class");
    let siblings = &class.codes;
    let pos = siblings.iter().position(|x| *x == c.code);
    let previous = pos.and_then(|p| p.checked_sub(1)).map(|p| code_link(resolved, page, siblings[p]));
    let next = pos.and_then(|p| siblings.get(p + 1)).map(|n| code_link(resolved, page, *n));
    CodeView {
        code: c.code,
        title: &c.title,
        source_title: resolved
            .index
            .edition()
            .source_titles
            .get(&c.code)
            .map(String::as_str)
            .filter(|t| *t != c.title),
        source_language: (!resolved.index.edition().is_default())
            .then(|| resolved.index.edition().languages.first().map(|l| l.code.as_str()))
            .flatten(),
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
        class: ClassLink {
            name: class.name(),
            href: resolved.index.page_href(page, PageId::Class(class.digit)),
            text: format!("{} {}", class.name(), class.title),
            title: class.excerpt.clone(),
        },
        previous,
        next,
        shown: &c.shown,
    }
}

/// The context of `page`'s template, with the theme's words in `strings`.
pub(super) fn page_context<'s>(
    resolved: &'s ResolvedSite,
    strings: &'s Strings,
    page: PageId,
) -> PageContext<'s> {
    let site = &resolved.site;
    let index = &resolved.index;
    let root = index.root_prefix(page);
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
    let body = resolved.body(page).map(|b| b.html.as_str()).unwrap_or("");
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

    let (data, view) = match page {
        PageId::Home => {
            let home = &site.home;
            let text = PageText {
                kind: "home",
                title: &home.title,
                meta_title: home.meta.title.as_deref(),
                description: home.meta.description.as_deref().unwrap_or(&home.excerpt),
                source: None,
            };
            let view = page_view(site, page, root, sections, text);
            let view = PageView {
                image: home.image.as_deref().map(|i| image_url(site, &view.root, i)),
                image_alt: home.image_alt.clone(),
                ..view
            };
            (PageData::Home { classes: class_sections(resolved, page) }, view)
        }
        PageId::Class(digit) => {
            let class = site.class(digit).expect("class pages come from site.classes");
            let title = format!("{} {}", class.name(), class.title);
            let description = if class.excerpt.is_empty() { title.clone() } else { class.excerpt.clone() };
            let source = (!class.body.path.as_os_str().is_empty()).then_some(class.body.path.as_path());
            let text = PageText {
                kind: "class",
                title: &title,
                meta_title: class.meta.title.as_deref(),
                description: class.meta.description.as_deref().unwrap_or(&description),
                source,
            };
            let view = page_view(site, page, root, sections, text);
            (PageData::Class { class: class_section(resolved, page, class) }, view)
        }
        PageId::Code(code) => {
            let c = &site.codes[&code];
            let title = c.full_name();
            let text = PageText {
                kind: "code",
                title: &title,
                meta_title: c.meta.title.as_deref(),
                description: c.meta.description.as_deref().unwrap_or(&c.excerpt),
                source: Some(&c.body.path),
            };
            let view = page_view(site, page, root, sections, text);
            (PageData::Code { code: Box::new(code_view(resolved, page, c)) }, view)
        }
        PageId::NotFound => {
            let not_found = site.codes.get(&404).map(|c| NotFoundView {
                name: c.full_name(),
                excerpt: c.excerpt.clone(),
                href: index.page_href(page, PageId::Code(404)),
            });
            let text = PageText {
                kind: "not_found",
                title: strings.get("not_found", "title").unwrap_or_default(),
                meta_title: None,
                description: strings.get("not_found", "description").unwrap_or_default(),
                source: None,
            };
            let view = page_view(site, page, root, sections, text);
            let data = PageData::NotFound { not_found, classes: class_sections(resolved, page) };
            (data, PageView { canonical: None, ..view })
        }
    };
    PageContext {
        site: site_view(site),
        page: view,
        nav,
        home_href: index.page_href(page, PageId::Home),
        body,
        t: strings,
        data,
    }
}

/// Percent-encoding for a query value (RFC 3986 unreserved characters stay).
fn percent_encode(s: &str) -> String {
    const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// The URL of the page's image: as written when absolute, else from the base
/// URL (social cards need absolute URLs) or relative to the page.
pub(super) fn image_url(site: &Site, root: &str, image: &str) -> String {
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
    fn image_urls_are_absolute_when_they_can_be() {
        let mut site = crate::model::SiteBuilder::new().valid_site();
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
