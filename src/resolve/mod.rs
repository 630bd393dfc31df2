//! Resolve: takes the validated `Site` and turns every body into HTML with its
//! cross-links resolved, in parallel, then derives what needs all pages at once:
//!
//! 1. render each body (`markdown::render_body`) with the page it appears on
//!    and the lexicon of the body's language (a site in another language,
//!    `Site::edition`, has the code pages it translates, and home and class
//!    pages that may still hold the default language's body: those are read
//!    with its lexicon, and their problems were reported with it already);
//!    headings step aside for the theme's literal ids,
//! 2. collect "referenced by" (code pages whose text links to a code).
//!
//! The links and anchors authors wrote by hand are checked later, on the
//! rendered site (`verify`), against the files and ids the build really makes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::markdown::{render_body, Highlighter, LinkContext, RenderedBody};
use crate::model::{Body, Site, SiteConfig};

use crate::xref::{Lexicon, PageId, SiteIndex};

/// The site, owned, with every body rendered and every cross-reference known.
pub struct ResolvedSite {
    pub site: Site,
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

impl ResolvedSite {
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

/// The lexicon the prose of `language` is read with: its own, else the
/// English one (`lexicon_warnings` says so).
fn lexicon_of(language: &str) -> &'static Lexicon {
    Lexicon::for_language(language).unwrap_or_else(Lexicon::english)
}

/// A warning, at its line in site.yaml, for each of the site's languages
/// that has no lexicon of its own and so is read with the English rules.
/// `default_at` is where site.yaml sets `language:`.
pub fn lexicon_warnings(config: &SiteConfig, default_at: Option<Location>) -> Vec<Diagnostic> {
    let default_at = default_at.unwrap_or_else(|| Location::new(crate::source::SITE_CONFIG_PATH, 1, 1));
    config
        .languages
        .iter()
        .filter(|l| Lexicon::for_language(&l.code).is_none())
        .map(|l| {
            Diagnostic::warning(
                Kind::MissingLexicon,
                format!(
                    "no cross-link word list for `{}`; codes in its prose are read with the English rules",
                    l.code
                ),
            )
            .at(l.location.clone().unwrap_or_else(|| default_at.clone()))
            .help(format!(
                "add src/xref/lexicon/{}.txt (the words around a code, like en.txt) and list it in BUILTIN",
                l.code
            ))
        })
        .collect()
}

/// Renders every body of `site`. `template_ids` are the ids the theme's
/// templates set literally; headings avoid them.
pub fn resolve_site(
    site: Site,
    template_ids: HashSet<String>,
    highlighter: &Highlighter,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResolvedSite {
    let index = SiteIndex::new(&site).with_template_ids(template_ids);
    let own_lexicon = lexicon_of(&site.config.language);
    let default_lexicon = lexicon_of(site.edition.languages.first().map_or("en", |l| l.code.as_str()));
    let mut jobs: Vec<(PageId, &Body)> =
        site.pages().filter_map(|page| site.body(page).map(|body| (page, body))).collect();
    // Invalid pages are not built, but their bodies are checked all the same.
    jobs.extend(site.invalid_codes.iter().map(|(code, body)| (PageId::Code(*code), body)));
    let mut bodies: HashMap<PageId, RenderedBody> = jobs
        .par_iter()
        .map(|(page, body)| {
            let translated = site.edition.translates(*page);
            let lexicon = if translated { own_lexicon } else { default_lexicon };
            let ctx = LinkContext { index: &index, page: *page, lexicon };
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
    for (page, body) in bodies.iter_mut() {
        if !site.edition.translates(*page) {
            continue;
        }
        diagnostics.append(&mut body.diagnostics);
    }
    ResolvedSite {
        site,
        index,
        bodies,
        referenced_by: referenced_by.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect(),
    }
}
