//! The build pipeline, shared by `build`, `check` and `serve`:
//! load -> model (+ constants and the example lint, unless `build`) -> resolve
//! -> render -> verify. Each stage takes the one before whole (`resolve_site`
//! owns the `Site`). Writing is left to the caller.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::constants;
use crate::diagnostic::{self, Diagnostic};
use crate::markdown::Highlighter;
use crate::model::{self, registry, Site, SiteConfig};
use crate::options::Options;
use crate::render::{render_site, OutputFile};
use crate::resolve::{resolve_site, ResolveTimes, ResolvedSite};
use crate::source;
use crate::theme::{compile_theme, Theme};
use crate::verify::verify_site;

/// The outcome of one run: files (when there were no errors), every
/// diagnostic, and the texts they point into.
pub struct Outcome {
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Vec<Diagnostic>,
    pub texts: HashMap<PathBuf, String>,
    /// Wall time per stage, in order; entries starting with "  cpu:" are CPU
    /// time summed over threads inside the stage above them.
    pub timings: Vec<(&'static str, Duration)>,
    pub pages: usize,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Renders the diagnostics, quoting source lines.
    pub fn report(&self, format: diagnostic::Format) -> String {
        diagnostic::render(&self.diagnostics, format, &|p: &Path| self.texts.get(p).map(String::as_str))
    }
}

/// Runs the pipeline: loads the site and its theme, validates and resolves the
/// content and, when nothing so far is an error, renders every page in memory
/// and verifies the links and ids of the rendered site (`check` renders too,
/// so that errors only rendering finds show). Theme and template diagnostics
/// are reported whether or not the content has errors.
pub fn run(root: &Path, options: &Options, highlighter: &Highlighter) -> Outcome {
    let mut timings = Vec::new();
    let mut diagnostics = Vec::new();

    let started = Instant::now();
    let loaded_config = source::load_site_config(root, &mut diagnostics);
    let language_at =
        loaded_config.raw.as_ref().filter(|r| r.has_key("language")).map(|r| r.location_of("language"));
    let config = SiteConfig::from_raw(loaded_config.raw, options.base_url.as_deref(), &mut diagnostics);
    diagnostics.extend(crate::resolve::lexicon_warnings(&config, language_at.clone()));
    let config_time = started.elapsed();

    // The theme does not depend on the content: compile it on another thread
    // while the content is read and validated. Resolving waits for it, as
    // headings step aside for the ids its templates set.
    let theme_name = config.theme.clone();
    let language = config.language.clone();
    let languages = config.languages.clone();
    let mut theme_diagnostics = Vec::new();
    let mut theme_time = Duration::ZERO;
    let load_theme = || {
        let started = Instant::now();
        let files = source::load_theme_files(root, &theme_name, &mut theme_diagnostics);
        let theme = compile_theme(files, &mut theme_diagnostics);
        if let Some(d) = theme.as_ref().and_then(|t| t.check_language_strings(&language, language_at, false))
        {
            theme_diagnostics.push(d);
        }
        for other in languages.iter().skip(1) {
            let at = other.location.clone();
            if let Some(d) = theme.as_ref().and_then(|t| t.check_language_strings(&other.code, at, true)) {
                theme_diagnostics.push(d);
            }
        }
        theme_time = started.elapsed();
        theme
    };
    let mut content_diagnostics = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        let now = Instant::now();
        timings.push((name, now - clock));
        clock = now;
    };
    let content = || {
        let source::Sources { files, texts, diagnostics: source_diagnostics } = source::load_sources(root);
        content_diagnostics.extend(source_diagnostics);
        lap("load + front matter", &mut timings);
        timings[0].1 += config_time; // site.yaml, read before the theme started
        let diagnostics = &mut content_diagnostics;
        let site: Site = model::validate_site(config, files, diagnostics);
        if let Some(text) = source::load_registry(root, diagnostics) {
            let entries = registry::parse_registry(&text, diagnostics);
            diagnostics.extend(registry::check_coverage(&site, &entries));
        }
        lap("model", &mut timings);
        diagnostics.extend(model::check_stale(&site));
        if options.check_facts {
            let tables: Vec<constants::Table> = source::load_constant_tables(root, diagnostics)
                .iter()
                .filter_map(|(path, text)| constants::parse_table(path, text, diagnostics))
                .collect();
            let text_by_path: HashMap<&Path, &str> =
                texts.iter().map(|(path, text)| (path.as_path(), text.as_str())).collect();
            let text_of = |p: &Path| text_by_path.get(p).copied();
            diagnostics.extend(constants::check_constants(&site, &tables, &text_of));
            diagnostics.extend(crate::lint::lint_site(&site));
            lap("constants + examples", &mut timings);
        }
        (texts, site)
    };
    let (theme, (sources, site)) = rayon::join(load_theme, content);
    let template_ids = theme.as_ref().map(Theme::literal_ids).unwrap_or_default();
    // The site in each other language: translated text where there is some.
    let editions: Vec<Site> = site.config.languages.iter().skip(1).map(|l| site.edition(l)).collect();
    let resolved: Vec<ResolvedSite> = std::iter::once(site)
        .chain(editions)
        .map(|site| resolve_site(site, template_ids.clone(), highlighter, &mut content_diagnostics))
        .collect();
    lap("resolve + markdown + highlight", &mut timings);
    let times = resolved.iter().map(ResolvedSite::times).fold(ResolveTimes::default(), |a, b| ResolveTimes {
        scan: a.scan + b.scan,
        highlight: a.highlight + b.highlight,
    });
    timings.push(("  cpu: cross-link scan", times.scan));
    timings.push(("  cpu: highlight", times.highlight));
    timings.push(("  theme (in parallel)", theme_time));
    diagnostics.append(&mut content_diagnostics);
    diagnostics.append(&mut theme_diagnostics);

    let pages = resolved.iter().map(|r| r.site.pages().count()).sum();
    let mut files = None;
    if let Some(theme) = theme.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) {
        let clock = Instant::now();
        match render_site(&resolved, &theme, options) {
            Ok(rendered) => {
                timings.push(("templates", clock.elapsed()));
                let clock = Instant::now();
                let problems = verify_site(&resolved, &theme, &rendered);
                timings.push(("verify links + ids", clock.elapsed()));
                let failed = problems.iter().any(Diagnostic::is_error);
                diagnostics.extend(problems);
                files = (!failed).then_some(rendered);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    let mut texts: HashMap<PathBuf, String> = sources.into_iter().collect();
    if let Some(text) = loaded_config.text {
        texts.insert(PathBuf::from(source::SITE_CONFIG_PATH), text);
    }
    diagnostic::sort(&mut diagnostics);
    Outcome { files, diagnostics, texts, timings, pages }
}
