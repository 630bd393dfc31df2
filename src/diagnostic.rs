//! Diagnostics: every problem statusref finds, with the file, line and column it
//! belongs to, a severity, a message and, where a fix is known, a hint.
//!
//! Stages collect diagnostics instead of stopping at the first one; `check` and
//! `build` print them all, as rustc-like text or as GitHub workflow commands.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::source::LineIndex;

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

/// Human output lists at most this many warnings with the same message in
/// one file, then one line saying how many more there are.
pub const REPEATED_WARNINGS_SHOWN: usize = 20;

/// At most this many characters of a quoted source line are shown.
pub const QUOTE_CHARS: usize = 200;

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
    let mut out = String::new();
    match format {
        Format::Human => {
            let mut sources = Sources { source_text, indexes: HashMap::new() };
            let mut repeats = Repeats::new(diagnostics);
            for d in diagnostics {
                match repeats.next(d) {
                    Shown::Yes => render_human(&mut out, d, &mut sources),
                    Shown::FirstHidden(more) => {
                        match &d.location {
                            Some(loc) => {
                                let _ = writeln!(
                                    out,
                                    "… and {more} more {} like this in {}",
                                    plural_word(more, "warning"),
                                    loc.display_path()
                                );
                            }
                            None => {
                                let _ = writeln!(
                                    out,
                                    "… and {more} more {} like this",
                                    plural_word(more, "warning")
                                );
                            }
                        }
                        out.push('\n');
                    }
                    Shown::No => {}
                }
            }
            out.push_str(&summary(diagnostics));
            out.push('\n');
        }
        Format::Github => {
            for d in diagnostics {
                render_github(&mut out, d);
            }
        }
    }
    out
}

/// Counts warnings by file and message, to cap the ones repeated many times.
struct Repeats<'d> {
    /// (how many there are, how many were met so far) per (file, message).
    counts: HashMap<(Option<&'d Path>, &'d str), (usize, usize)>,
}

enum Shown {
    Yes,
    /// The first warning past the cap: say that this many more (it included) are not shown.
    FirstHidden(usize),
    No,
}

impl<'d> Repeats<'d> {
    fn new(diagnostics: &'d [Diagnostic]) -> Self {
        let mut counts = HashMap::new();
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            counts.entry(Self::key(d)).or_insert((0, 0)).0 += 1;
        }
        Repeats { counts }
    }

    fn key(d: &'d Diagnostic) -> (Option<&'d Path>, &'d str) {
        (d.location.as_ref().map(|l| l.path.as_path()), d.message.as_str())
    }

    /// Whether `d`, the next diagnostic in output order, is shown.
    fn next(&mut self, d: &'d Diagnostic) -> Shown {
        if d.is_error() {
            return Shown::Yes;
        }
        let Some((total, met)) = self.counts.get_mut(&Self::key(d)) else { return Shown::Yes };
        *met += 1;
        match *met {
            n if n <= REPEATED_WARNINGS_SHOWN => Shown::Yes,
            n if n == REPEATED_WARNINGS_SHOWN + 1 => Shown::FirstHidden(*total - REPEATED_WARNINGS_SHOWN),
            _ => Shown::No,
        }
    }
}

/// Line `line` (from 1) of `text`, without its line ending, as `str::lines` splits
/// them. Scans the text: to quote many lines of one file, `render` indexes it once.
pub fn source_line(text: &str, line: usize) -> Option<&str> {
    text.lines().nth(line.checked_sub(1)?)
}

/// The start of `line` that is quoted: at most `QUOTE_CHARS` characters.
pub fn quoted(line: &str) -> &str {
    match line.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => &line[..cut],
        None => line,
    }
}

/// The texts diagnostics point into, each indexed by line when first quoted.
struct Sources<'f, 't> {
    source_text: &'f dyn Fn(&Path) -> Option<&'t str>,
    indexes: HashMap<PathBuf, Option<LineIndex<'t>>>,
}

impl<'t> Sources<'_, 't> {
    fn line(&mut self, path: &Path, line: usize) -> Option<&'t str> {
        if !self.indexes.contains_key(path) {
            let index = (self.source_text)(path).map(|text| LineIndex::new(text, 1));
            self.indexes.insert(path.to_path_buf(), index);
        }
        self.indexes.get(path)?.as_ref()?.line(line)
    }
}

/// "2 errors, 1 warning" (or "no problems").
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

fn render_human(out: &mut String, d: &Diagnostic, sources: &mut Sources<'_, '_>) {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{label}: {}", d.message);
    if let Some(loc) = &d.location {
        let gutter = loc.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.display_path(), loc.line, loc.column);
        if let Some(line_text) = sources.line(&loc.path, loc.line) {
            let shown = quoted(line_text);
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

    fn text(_: &Path) -> Option<&'static str> {
        Some("---\ncode: 404\ntitel: Not Found\n---\n")
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

    #[test]
    fn source_line_counts_from_1_and_drops_line_endings() {
        let text = "one\ntwo\r\n\nfour";
        assert_eq!(source_line(text, 1), Some("one"));
        assert_eq!(source_line(text, 2), Some("two"));
        assert_eq!(source_line(text, 3), Some(""));
        assert_eq!(source_line(text, 4), Some("four"));
        assert_eq!(source_line(text, 5), None);
        assert_eq!(source_line(text, 0), None);
        assert_eq!(source_line("", 1), None);
        assert_eq!(source_line("a\n", 2), None, "no empty line after the last line ending");
    }

    #[test]
    fn the_line_index_agrees_with_source_line() {
        for text in ["", "\n", "a", "a\n", "a\r\nb\r\n", "a\n\n\nb", "x\ry\nz\r", "é\nü\n", "\n\na"] {
            let index = LineIndex::new(text, 1);
            for line in 0..6 {
                assert_eq!(index.line(line), source_line(text, line), "line {line} of {text:?}");
            }
        }
    }

    #[test]
    fn quoted_lines_are_cut_at_a_character_boundary() {
        assert_eq!(quoted("short"), "short");
        let long = "é".repeat(QUOTE_CHARS + 5);
        assert_eq!(quoted(&long).chars().count(), QUOTE_CHARS);
    }

    #[test]
    fn repeated_warnings_are_capped_in_human_output_only() {
        let mut ds: Vec<Diagnostic> = (1..=25)
            .map(|line| Diagnostic::warning("same").at(Location::new("content/4xx/404.md", line, 1)))
            .collect();
        ds.push(Diagnostic::warning("other").at(Location::new("content/4xx/404.md", 30, 1)));
        ds.push(Diagnostic::error("same").at(Location::new("content/4xx/404.md", 31, 1)));
        let human = render(&ds, Format::Human, &|_| None);
        assert_eq!(human.matches("warning: same\n").count(), REPEATED_WARNINGS_SHOWN);
        assert_eq!(human.matches("… and 5 more warnings like this in content/4xx/404.md\n").count(), 1);
        assert!(human.contains("warning: other\n") && human.contains("error: same\n"), "{human}");
        assert!(human.ends_with("\n1 error, 26 warnings\n"), "{human}");
        let github = render(&ds, Format::Github, &|_| None);
        assert_eq!(github.lines().count(), 27);
    }
}
