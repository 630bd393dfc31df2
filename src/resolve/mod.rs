//! Resolve: turns every body of the validated `Site` into HTML with its
//! cross-links resolved, in parallel, then derives what needs all pages at once:
//!
//! 1. render each body (`markdown::render_body`) with the page it appears on,
//! 2. collect "referenced by" (code pages whose text links to a code),
//! 3. check the internal links and anchors authors wrote by hand.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::{render_body, Highlighter, LinkContext, RenderedBody};
use crate::model::{Body, Site};

use crate::xref::{PageId, SiteIndex};

/// The site with every body rendered and every cross-reference known.
pub struct ResolvedSite<'s> {
    pub site: &'s Site,
    pub index: SiteIndex,
    pub bodies: HashMap<PageId, RenderedBody>,
    /// code -> the codes whose pages link to it, ascending.
    pub referenced_by: BTreeMap<u16, Vec<u16>>,
}

/// CPU time summed over all bodies (across threads), for `--timings`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveTimes {
    pub scan: std::time::Duration,
    pub highlight: std::time::Duration,
}

impl ResolvedSite<'_> {
    pub fn body(&self, page: PageId) -> Option<&RenderedBody> {
        self.bodies.get(&page)
    }

    pub fn times(&self) -> ResolveTimes {
        self.bodies.values().fold(ResolveTimes::default(), |t, b| ResolveTimes {
            scan: t.scan + b.scan_time,
            highlight: t.highlight + b.highlight_time,
        })
    }
}

pub fn resolve_site<'s>(
    site: &'s Site,
    highlighter: &Highlighter,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResolvedSite<'s> {
    let index = SiteIndex::new(site);
    let mut jobs: Vec<(PageId, &Body)> = vec![(PageId::Home, &site.home.body)];
    jobs.extend(site.classes.iter().map(|c| (PageId::Class(c.digit), &c.body)));
    jobs.extend(site.codes.values().map(|c| (PageId::Code(c.code), &c.body)));
    // Invalid pages are not built, but their bodies are checked all the same.
    jobs.extend(site.invalid_codes.iter().map(|(code, body)| (PageId::Code(*code), body)));
    let mut bodies: HashMap<PageId, RenderedBody> = jobs
        .par_iter()
        .map(|(page, body)| {
            let ctx = LinkContext { index: &index, page: *page };
            (*page, render_body(body, &ctx, highlighter))
        })
        .collect();

    let mut referenced_by: BTreeMap<u16, BTreeSet<u16>> = BTreeMap::new();
    for (page, body) in &bodies {
        if let PageId::Code(from) = page {
            for to in &body.references {
                if to != from {
                    referenced_by.entry(*to).or_default().insert(*from);
                }
            }
        }
    }
    check_internal_links(site, &index, &bodies, diagnostics);
    for body in bodies.values_mut() {
        diagnostics.append(&mut body.diagnostics);
    }
    ResolvedSite {
        site,
        index,
        bodies,
        referenced_by: referenced_by.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect(),
    }
}

/// Every hand-written internal link must lead to a page or asset, and its
/// `#fragment` to an id on that page.
fn check_internal_links(
    site: &Site,
    index: &SiteIndex,
    bodies: &HashMap<PageId, RenderedBody>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut pages: HashMap<String, PageId> = HashMap::new();
    for page in bodies.keys() {
        pages.insert(page.output_path(), *page);
    }
    let assets: HashSet<&str> = site.assets.iter().map(|a| a.path.as_str()).collect();
    // Every id of every page, built once: heading ids, the code entries the
    // page holds, and the ids its template gives (class sections, boxes).
    let template_ids: Vec<&String> =
        index.reserved_ids().iter().filter(|id| index.code_for_slug(id).is_none()).collect();
    let ids: HashMap<PageId, HashSet<&str>> = bodies
        .iter()
        .map(|(page, body)| {
            let mut set: HashSet<&str> = body.ids.iter().map(String::as_str).collect();
            set.extend(
                site.codes.values().filter(|c| index.holds_entry(*page, c.code)).map(|c| c.slug.as_str()),
            );
            set.extend(template_ids.iter().map(|s| s.as_str()));
            (*page, set)
        })
        .collect();
    let mut sorted: Vec<_> = bodies.iter().collect();
    sorted.sort_by_key(|(page, _)| **page);
    for (page, body) in sorted {
        for link in &body.internal_links {
            let (path, fragment) = match link.dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.dest.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(*page)
            } else {
                let Some(resolved) = resolve_relative(&page.output_path(), path) else {
                    diagnostics.push(
                        Diagnostic::error(format!("link `{}` climbs out of the site", link.dest))
                            .at(link.location.clone())
                            .help("link pages of this site with relative URLs such as ../404/"),
                    );
                    continue;
                };
                if assets.contains(resolved.as_str()) || index.is_generated_file(&resolved) {
                    continue;
                }
                match pages.get(&resolved) {
                    Some(p) => Some(*p),
                    None => {
                        diagnostics.push(
                            Diagnostic::error(format!("link `{}` leads to no page of the site", link.dest))
                                .at(link.location.clone())
                                .help("check the path; code pages are ../404/, class pages ../4xx/"),
                        );
                        None
                    }
                }
            };
            if let (Some(target), Some(fragment)) = (target, fragment) {
                if !fragment.is_empty() && !ids.get(&target).is_some_and(|set| set.contains(fragment)) {
                    diagnostics.push(
                        Diagnostic::error(format!("anchor #{fragment} in `{}` leads nowhere", link.dest))
                            .at(link.location.clone())
                            .help("link a heading of that page, or a code's anchor such as #404-not-found"),
                    );
                }
            }
        }
    }
}

/// Resolves `dest` against the folder of `from` (both relative to the output
/// root); a path ending in `/` means its `index.html`. `None` above the root.
pub fn resolve_relative(from: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = if dest.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for seg in dest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if dest.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::resolve_relative;

    #[test]
    fn relative_links_resolve_from_the_page_folder() {
        assert_eq!(resolve_relative("404/index.html", "../401/").as_deref(), Some("401/index.html"));
        assert_eq!(
            resolve_relative("404/index.html", "../401/index.html").as_deref(),
            Some("401/index.html")
        );
        assert_eq!(resolve_relative("index.html", "4xx/").as_deref(), Some("4xx/index.html"));
        assert_eq!(resolve_relative("404/index.html", "/").as_deref(), Some("index.html"));
        assert_eq!(resolve_relative("404/index.html", "../../x"), None);
        assert_eq!(resolve_relative("404/index.html", "img.png").as_deref(), Some("404/img.png"));
    }
}
