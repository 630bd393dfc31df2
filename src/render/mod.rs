//! Render: resolved site + theme -> the files of the output, in memory.
//!
//! 1. build a view (plain serializable data) for each page (`views`),
//! 2. run the templates in parallel,
//! 3. add the machine-readable files (JSON, CSV), sitemap, robots.txt
//!    (`data`), `.nojekyll`, CNAME, the theme's static files and content assets.
//!
//! No I/O and no clock: two renders of the same input are byte-identical.

mod data;
mod views;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Location};
use crate::resolve::ResolvedSite;
use crate::theme::{error_chain, Theme};
use crate::xref::PageId;

use self::data::{data_files, robots, sitemap};
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
            ctx.insert("classes", &class_sections(resolved, page));
            let view = page_view(
                site,
                page,
                root,
                sections,
                PageText {
                    kind: "home",
                    title: &home.title,
                    meta_title: home.meta.title.as_deref(),
                    description: home.meta.description.as_deref().unwrap_or(&home.excerpt),
                    source: None,
                },
            );
            let view = PageView {
                image: home.image.as_deref().map(|i| image_url(site, &view.root, i)),
                image_alt: home.image_alt.clone(),
                ..view
            };
            ("home.html", view)
        }
        PageId::Class(digit) => {
            let class = site.class(digit).expect("class pages come from site.classes");
            ctx.insert("class", &class_section(resolved, page, class));
            let title = format!("{} {}", class.name(), class.title);
            let description = if class.excerpt.is_empty() { title.clone() } else { class.excerpt.clone() };
            let source = (!class.body.path.as_os_str().is_empty()).then_some(class.body.path.as_path());
            let view = page_view(
                site,
                page,
                root,
                sections,
                PageText {
                    kind: "class",
                    title: &title,
                    meta_title: class.meta.title.as_deref(),
                    description: class.meta.description.as_deref().unwrap_or(&description),
                    source,
                },
            );
            ("class.html", view)
        }
        PageId::Code(code) => {
            let c = &site.codes[&code];
            ctx.insert("code", &code_view(resolved, page, c));
            let title = c.full_name();
            let view = page_view(
                site,
                page,
                root,
                sections,
                PageText {
                    kind: "code",
                    title: &title,
                    meta_title: c.meta.title.as_deref(),
                    description: c.meta.description.as_deref().unwrap_or(&c.excerpt),
                    source: Some(&c.body.path),
                },
            );
            ("code.html", view)
        }
        PageId::NotFound => {
            let entry = site.codes.get(&404);
            ctx.insert(
                "not_found",
                &entry.map(|c| (c.full_name(), c.excerpt.clone(), index.page_href(page, PageId::Code(404)))),
            );
            ctx.insert("classes", &class_sections(resolved, page));
            let view = page_view(
                site,
                page,
                root,
                sections,
                PageText {
                    kind: "not_found",
                    title: "Page not found",
                    meta_title: None,
                    description: "This page does not exist.",
                    source: None,
                },
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
        .help("check the variables the template uses; src/render/views.rs (PageView, CodeView) lists them")
    })?;
    Ok(OutputFile::text(page.output_path(), html))
}
