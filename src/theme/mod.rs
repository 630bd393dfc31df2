//! Themes: the default theme is embedded in the binary; a site may pick another
//! with `theme:` in site.yaml (`themes/NAME/` under the root). A theme on disk
//! overrides templates and static files by name; what it lacks comes from the
//! embedded default. Templates compile once per build, with autoescaping on,
//! and see the filters of `filters` (e.g. `breakable`, `fill`).
//! `strings` holds the theme's words per language (`strings/<code>.yaml`,
//! which a theme on disk may replace or add to); search.js gets them written
//! in when it is copied. `fields` checks the variable paths templates use
//! against their contexts.

pub mod fields;
pub(crate) mod filters;
pub mod strings;
#[cfg(test)]
mod style_tests;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::PathBuf;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::source::ThemeFiles;
use crate::xref::anchors::literal_template_ids;

pub use self::strings::{Strings, ThemeStrings};

/// Templates every theme provides (from disk or the embedded default).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("home.html", include_str!("../../themes/default/templates/home.html")),
    ("class.html", include_str!("../../themes/default/templates/class.html")),
    ("code.html", include_str!("../../themes/default/templates/code.html")),
    ("not_found.html", include_str!("../../themes/default/templates/not_found.html")),
];

/// Static files of the default theme, written under `static/`.
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("highlight.css", include_bytes!("../../themes/default/static/highlight.css")),
    ("print.css", include_bytes!("../../themes/default/static/print.css")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("theme.js", include_bytes!("../../themes/default/static/theme.js")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
];

/// One template's text and, when it came from disk, its path from the site root.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub path: Option<PathBuf>,
}

pub struct Theme {
    pub tera: Tera,
    /// Every template, embedded or from disk.
    pub templates: Vec<TemplateSource>,
    /// Static files, sorted by path (search.js with the strings written in).
    pub statics: Vec<(String, Cow<'static, [u8]>)>,
    /// The words of every language the theme has.
    pub strings: ThemeStrings,
    /// Whether a strings file comes from disk.
    own_strings: bool,
}

/// Compiles the embedded templates overridden by those on disk, and reads
/// and checks the strings of every language.
pub fn compile_theme(files: ThemeFiles, diagnostics: &mut Vec<Diagnostic>) -> Option<Theme> {
    let own_strings = !files.strings.is_empty();
    let strings = strings::load_strings(files.strings, diagnostics);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    filters::register_filters(&mut tera);
    let mut sources: Vec<(String, String, Option<PathBuf>)> =
        TEMPLATES.iter().map(|(name, text)| (name.to_string(), text.to_string(), None)).collect();
    for (name, path, text) in files.templates {
        match sources.iter_mut().find(|(n, _, _)| *n == name) {
            Some(slot) => *slot = (name, text, Some(path)),
            None => sources.push((name, text, Some(path))),
        }
    }
    let raw: Vec<(&str, &str)> = sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str())).collect();
    if let Err(err) = tera.add_raw_templates(raw) {
        let message = error_chain(&err);
        let path = sources
            .iter()
            .find(|(name, _, _)| message.contains(&format!("'{name}'")))
            .and_then(|(_, _, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from("themes/default/templates"));
        let line = message
            .split("-->")
            .nth(1)
            .and_then(|s| s.trim().split(':').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(1);
        diagnostics.push(
            Diagnostic::error(Kind::TemplateError, format!("template error: {message}"))
                .at(Location::new(path, line, 1))
                .help("fix the template; Tera's syntax is at keats.github.io/tera/docs"),
        );
        return None;
    }
    let mut statics: Vec<(String, Cow<'static, [u8]>)> =
        STATIC_FILES.iter().map(|(p, b)| (p.to_string(), Cow::Borrowed(*b))).collect();
    for (path, bytes) in files.statics {
        match statics.iter_mut().find(|(p, _)| *p == path) {
            Some(slot) => slot.1 = Cow::Owned(bytes),
            None => statics.push((path, Cow::Owned(bytes))),
        }
    }
    statics.sort_by(|a, b| a.0.cmp(&b.0));
    let strings = strings?;
    for (path, bytes) in &mut statics {
        if path == "search.js" {
            if let Some(filled) = strings.fill_script(bytes) {
                *bytes = Cow::Owned(filled);
            }
        }
    }
    let templates =
        sources.into_iter().map(|(name, text, path)| TemplateSource { name, text, path }).collect();
    Some(Theme { tera, templates, statics, strings, own_strings })
}

impl Theme {
    /// Whether any template or strings file comes from disk (the embedded
    /// ones are checked by `cargo test`).
    pub fn has_own_templates_or_strings(&self) -> bool {
        self.own_strings || self.templates.iter().any(|t| t.path.is_some())
    }

    /// The strings of `language` (or of its primary subtag), else the
    /// reference (English) ones: `check_language_strings` has reported that.
    pub fn strings_for(&self, language: &str) -> &Strings {
        self.strings.for_language(language).unwrap_or_else(|| self.strings.reference())
    }

    /// A diagnostic at `language:` in site.yaml (`at`) when the theme has no
    /// strings for `language`: a warning for the site's default language
    /// (its pages use the English strings), an error for a translated
    /// edition (`edition`), whose strings are the point of it.
    pub fn check_language_strings(
        &self,
        language: &str,
        at: Option<Location>,
        edition: bool,
    ) -> Option<Diagnostic> {
        if self.strings.for_language(language).is_some() {
            return None;
        }
        let have: Vec<&str> = self.strings.languages().collect();
        let add = format!("add themes/<theme>/strings/{language}.yaml with the keys of en.yaml, translated");
        let at = at.unwrap_or_else(|| Location::new(crate::source::SITE_CONFIG_PATH, 1, 1));
        Some(if edition {
            Diagnostic::error(
                Kind::MissingString,
                format!("the theme has no strings for the language `{language}`"),
            )
            .at(at)
            .help(format!("use one of: {}; or {add}", have.join(", ")))
        } else {
            Diagnostic::warning(
                Kind::MissingString,
                format!(
                    "the theme has no strings for the language `{language}`; the pages use the English ones"
                ),
            )
            .at(at)
            .help(format!("to translate the theme's words, {add}"))
        })
    }

    /// The ids the templates set literally (`main`, `see-also`, not
    /// `id="{{ e.slug }}"`): headings step aside for them.
    pub fn literal_ids(&self) -> HashSet<String> {
        self.templates.iter().flat_map(|t| literal_template_ids(&t.text)).map(str::to_owned).collect()
    }

    /// Every variable path that no page's context defines, once, at the line
    /// of the template that uses it. `pages` pairs page templates with sample
    /// contexts that have every optional value set.
    pub fn check_fields(&self, pages: &[(&str, serde_json::Value)]) -> Vec<Diagnostic> {
        fields::unknown_fields(&self.tera, pages)
            .into_iter()
            .map(|unknown| {
                let source = self.templates.iter().find(|t| t.name == unknown.template);
                let path = source.and_then(|t| t.path.clone()).unwrap_or_else(|| {
                    PathBuf::from(format!("themes/default/templates/{}", unknown.template))
                });
                let (line, column) =
                    source.and_then(|t| fields::find_path(&t.text, &unknown.path)).unwrap_or((1, 1));
                let (kind, message) = match unknown.path.strip_prefix("t.") {
                    Some(key) => (
                        Kind::MissingString,
                        format!(
                            "template uses the string `{key}`, which {} lacks",
                            self.strings.reference_file()
                        ),
                    ),
                    None => {
                        (Kind::UnknownField, format!("template uses `{}`, which no page has", unknown.path))
                    }
                };
                let d = Diagnostic::error(kind, message).at(Location::new(path, line, column));
                match unknown.known {
                    Some((parent, names)) => {
                        let last = unknown.path.rsplit('.').next().unwrap_or(&unknown.path);
                        let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
                        let prefix = if parent.is_empty() { String::new() } else { format!("{parent}.") };
                        match crate::diagnostic::did_you_mean(last, &candidates) {
                            Some(c) => d.help(format!("did you mean `{prefix}{c}`?")),
                            None if parent.is_empty() => {
                                d.help(format!("the variables here are: {}", candidates.join(", ")))
                            }
                            None => d.help(format!("`{parent}` has: {}", candidates.join(", "))),
                        }
                    }
                    None => d.help("check the spelling; src/render/views.rs (PageContext) lists the fields"),
                }
            })
            .collect()
    }
}

/// Tera nests the useful message in its error sources.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}
