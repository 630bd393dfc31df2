//! Diagnostics: every problem statusref finds, with its kind (a stable code such
//! as `unknown-key`), the file, line and column it belongs to, a severity, a
//! message and, where a fix is known, a hint.
//!
//! Stages collect diagnostics instead of stopping at the first one; `check` and
//! `build` print them all with `render`:
//! - `kind`: the kinds of problem and their codes,
//! - `human`: rustc-like text, drawn by `annotate-snippets` (quoted line, span, help),
//! - `github`: GitHub workflow commands (`::error file=...,line=...,col=...::msg`),
//! - `lines`: quoting one line of a file,
//! - `line_index`: `LineIndex`, a text's lines indexed once, mapping byte offsets
//!   to the file lines and columns diagnostics name (and quoting many lines),
//! - `suggest`: "did you mean" for misspelt names.

mod github;
mod human;
mod kind;
mod line_index;
mod lines;
mod suggest;

use std::path::{Path, PathBuf};

pub use human::REPEATED_WARNINGS_SHOWN;
pub use kind::Kind;
pub use line_index::LineIndex;
pub use lines::{quoted, source_line, QUOTE_CHARS};
pub use suggest::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as every output format spells it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A position in a file of the site, relative to the site root. Lines and
/// columns count from 1; columns and `length` count characters. A `length` of
/// 0 points at the column without covering any text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub length: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line: line.max(1), column: column.max(1), length: 0 }
    }

    /// The location covering `chars` characters from its column, e.g. a misspelt key.
    pub fn spanning(mut self, chars: usize) -> Self {
        self.length = chars;
        self
    }

    /// The path with forward slashes, as editors and GitHub expect it.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }
}

pub fn display_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic { kind, severity: Severity::Error, message: message.into(), location: None, help: None }
    }

    pub fn warning(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic { kind, severity: Severity::Warning, message: message.into(), location: None, help: None }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file and position so output is stable across runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.location, a.severity, &a.message, a.kind).cmp(&(&b.location, b.severity, &b.message, b.kind))
    });
}

/// How `render` prints diagnostics. (The command line maps its `--format` onto
/// this in `cli`, so that diagnostics do not depend on the command-line parser.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Github,
}

/// Renders diagnostics for a terminal or for GitHub Actions. `source_text` returns the
/// text of a file (relative to the root) so human output can quote the offending line.
///
/// Human output lists only the first `REPEATED_WARNINGS_SHOWN` warnings with the
/// same message in one file, and then how many more there are; the summary counts
/// them all. GitHub output lists everything.
pub fn render<'t>(
    diagnostics: &[Diagnostic],
    format: Format,
    source_text: &dyn Fn(&Path) -> Option<&'t str>,
) -> String {
    match format {
        Format::Human => human::render(diagnostics, source_text),
        Format::Github => github::render(diagnostics),
    }
}

/// "2 errors, 1 warning" (or "no problems found").
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {}", plural_word(n, word));
    match (errors, warnings) {
        (0, 0) => "no problems found".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// `word`, with an s unless `n` is 1.
fn plural_word(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_both_severities() {
        let ds = vec![
            Diagnostic::error(Kind::Todo, "a"),
            Diagnostic::error(Kind::Todo, "b"),
            Diagnostic::warning(Kind::Todo, "c"),
        ];
        assert_eq!(summary(&ds), "2 errors, 1 warning");
        assert_eq!(summary(&[]), "no problems found");
    }

    #[test]
    fn sorting_orders_by_file_then_position() {
        let mut ds = vec![
            Diagnostic::error(Kind::Todo, "b").at(Location::new("b.md", 1, 1)),
            Diagnostic::error(Kind::Todo, "a2").at(Location::new("a.md", 2, 1)),
            Diagnostic::error(Kind::Todo, "a1").at(Location::new("a.md", 1, 9)),
        ];
        sort(&mut ds);
        let order: Vec<_> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["a1", "a2", "b"]);
    }
}
