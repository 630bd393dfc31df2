//! Diagnostics: every problem statusref finds, with the file, line and column it
//! belongs to, a severity, a message and, where a fix is known, a hint.
//!
//! Stages collect diagnostics instead of stopping at the first one; `check` and
//! `build` print them all, as rustc-like text or as GitHub workflow commands.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file of the site, relative to the site root. Lines and columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line: line.max(1), column: column.max(1) }
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
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), location: None, help: None }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, message: message.into(), location: None, help: None }
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
    diagnostics
        .sort_by(|a, b| (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message)));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Github,
}

/// Renders diagnostics for a terminal or for GitHub Actions. `source_text` returns the
/// text of a file (relative to the root) so human output can quote the offending line.
pub fn render(
    diagnostics: &[Diagnostic],
    format: Format,
    source_text: &dyn Fn(&Path) -> Option<String>,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => render_human(&mut out, d, source_text),
            Format::Github => render_github(&mut out, d),
        }
    }
    if format == Format::Human {
        out.push_str(&summary(diagnostics));
        out.push('\n');
    }
    out
}

/// "2 errors, 1 warning" (or "no problems").
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems found".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn render_human(out: &mut String, d: &Diagnostic, source_text: &dyn Fn(&Path) -> Option<String>) {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{label}: {}", d.message);
    if let Some(loc) = &d.location {
        let gutter = loc.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.display_path(), loc.line, loc.column);
        let line_text =
            source_text(&loc.path).and_then(|text| text.lines().nth(loc.line - 1).map(str::to_owned));
        if let Some(line_text) = line_text {
            let shown: String = line_text.chars().take(200).collect();
            let caret_at = shown.chars().take(loc.column - 1).count();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", loc.line, shown.replace('\t', " "));
            let _ = writeln!(out, "{pad} | {}^", " ".repeat(caret_at));
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
    out.push('\n');
}

fn render_github(out: &mut String, d: &Diagnostic) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    match &d.location {
        Some(loc) => {
            let _ = writeln!(
                out,
                "::{kind} file={},line={},col={}::{}",
                escape_property(&loc.display_path()),
                loc.line,
                loc.column,
                escape_data(&message)
            );
        }
        None => {
            let _ = writeln!(out, "::{kind}::{}", escape_data(&message));
        }
    }
}

/// Workflow command data escaping, as in @actions/core.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(_: &Path) -> Option<String> {
        Some("---\ncode: 404\ntitel: Not Found\n---\n".to_string())
    }

    #[test]
    fn human_format_quotes_the_line_with_a_caret() {
        let d = Diagnostic::error("unknown key `titel`")
            .at(Location::new("content/4xx/404.md", 3, 1))
            .help("did you mean `title`?");
        let out = render(&[d], Format::Human, &text);
        assert_eq!(
            out,
            "error: unknown key `titel`\n --> content/4xx/404.md:3:1\n  |\n3 | titel: Not Found\n  | ^\n  = help: did you mean `title`?\n\n1 error\n"
        );
    }

    #[test]
    fn github_format_escapes_properties_and_data() {
        let d = Diagnostic::warning("50% of\nit").at(Location::new("content/a,b.md", 2, 5));
        let out = render(&[d], Format::Github, &text);
        assert_eq!(out, "::warning file=content/a%2Cb.md,line=2,col=5::50%25 of%0Ait\n");
    }

    #[test]
    fn summary_counts_both_kinds() {
        let ds = vec![Diagnostic::error("a"), Diagnostic::error("b"), Diagnostic::warning("c")];
        assert_eq!(summary(&ds), "2 errors, 1 warning");
        assert_eq!(summary(&[]), "no problems found");
    }
}
