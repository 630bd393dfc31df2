//! Themes: the default theme is embedded in the binary; a site may pick another
//! with `theme:` in site.yaml (`themes/NAME/` under the root). A theme on disk
//! overrides templates and static files by name; what it lacks comes from the
//! embedded default. Templates compile once per build, with autoescaping on.

use std::borrow::Cow;
use std::path::PathBuf;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Location};
use crate::source::ThemeFiles;

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

pub struct Theme {
    pub tera: Tera,
    /// Static files, sorted by path.
    pub statics: Vec<(String, Cow<'static, [u8]>)>,
}

/// Compiles the embedded templates overridden by those on disk.
pub fn compile_theme(files: ThemeFiles, diagnostics: &mut Vec<Diagnostic>) -> Option<Theme> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
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
            Diagnostic::error(format!("template error: {message}"))
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
    Some(Theme { tera, statics })
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
