//! Human output, rustc-like, drawn by `annotate-snippets` (the renderer rustc
//! uses): `error[kind]: message`, then `--> file:line:column`, the quoted line
//! with the span underlined (tabs, wide characters and long lines handled by the
//! library), and `= help: ...`. Then one summary line.
//!
//! Steps: index each quoted file's lines once (`QuotedFiles`), cap warnings repeated
//! many times in one file (`Repeats`), turn each diagnostic into an
//! `annotate_snippets::Group` (`group`) and render it plain.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{plural_word, summary, Diagnostic, LineIndex, Severity};

/// Human output lists at most this many warnings with the same message in
/// one file, then one line saying how many more there are.
pub const REPEATED_WARNINGS_SHOWN: usize = 20;

pub(super) fn render<'t>(
    diagnostics: &[Diagnostic],
    source_text: &dyn Fn(&Path) -> Option<&'t str>,
) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    let mut sources = QuotedFiles { source_text, indexes: HashMap::new() };
    let mut repeats = Repeats::new(diagnostics);
    for d in diagnostics {
        match repeats.next(d) {
            Shown::Yes => {
                let line = d.location.as_ref().and_then(|loc| sources.line(&loc.path, loc.line));
                out.push_str(&renderer.render(&[group(d, line)]));
                out.push_str("\n\n");
            }
            Shown::FirstHidden(more) => {
                let warnings = plural_word(more, "warning");
                let _ = match &d.location {
                    Some(loc) => {
                        writeln!(out, "… and {more} more {warnings} like this in {}", loc.display_path())
                    }
                    None => writeln!(out, "… and {more} more {warnings} like this"),
                };
                out.push('\n');
            }
            Shown::No => {}
        }
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// One diagnostic as annotate-snippets draws it; `line` is the text of the line
/// its location points at, when the file's text is at hand.
fn group<'a>(d: &'a Diagnostic, line: Option<&'a str>) -> Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.kind.code()));
    if let Some(loc) = &d.location {
        let span = line.and_then(|line| byte_span(line, loc.column, loc.length));
        group = match (line, span) {
            (Some(line), Some(span)) => group.element(
                Snippet::source(line)
                    .line_start(loc.line)
                    .path(loc.display_path())
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
            // No text to quote, or a column past the end of the line: say where, quote nothing.
            _ => group.element(Origin::path(loc.display_path()).line(loc.line).char_column(loc.column)),
        };
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}

/// The bytes of `line` covering `length` characters from character column
/// `column` (from 1), cut at the end of the line; `None` if the column lies
/// beyond the character just past the end.
fn byte_span(line: &str, column: usize, length: usize) -> Option<Range<usize>> {
    let byte_at = |chars: usize| match line.char_indices().nth(chars) {
        Some((i, _)) => Some(i),
        None => (line.chars().count() == chars).then_some(line.len()),
    };
    let start = byte_at(column.checked_sub(1)?)?;
    let end = line[start..].char_indices().nth(length).map_or(line.len(), |(i, _)| start + i);
    Some(start..end)
}

/// The texts diagnostics point into, each indexed by line when first quoted.
struct QuotedFiles<'f, 't> {
    source_text: &'f dyn Fn(&Path) -> Option<&'t str>,
    indexes: HashMap<PathBuf, Option<LineIndex<'t>>>,
}

impl<'t> QuotedFiles<'_, 't> {
    fn line(&mut self, path: &Path, line: usize) -> Option<&'t str> {
        if !self.indexes.contains_key(path) {
            let index = (self.source_text)(path).map(|text| LineIndex::new(text, 1));
            self.indexes.insert(path.to_path_buf(), index);
        }
        self.indexes.get(path)?.as_ref()?.line(line)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Kind, Location};

    fn render_with(d: Diagnostic, text: &'static str) -> String {
        render(&[d], &|_| Some(text))
    }

    #[test]
    fn quotes_the_line_and_underlines_the_span() {
        let d = Diagnostic::error(Kind::UnknownKey, "unknown key `titel`")
            .at(Location::new("content/4xx/404.md", 3, 1).spanning(5))
            .help("did you mean `title`?");
        assert_eq!(
            render_with(d, "---\ncode: 404\ntitel: Not Found\n---\n"),
            "error[unknown-key]: unknown key `titel`\n --> content/4xx/404.md:3:1\n  |\n3 | titel: Not Found\n  | ^^^^^\n  |\n  = help: did you mean `title`?\n\n1 error\n"
        );
    }

    #[test]
    fn a_point_gets_one_caret() {
        let d = Diagnostic::warning(Kind::Todo, "page still has TODO placeholders").at(Location::new(
            "content/4xx/404.md",
            2,
            7,
        ));
        assert_eq!(
            render_with(d, "---\ntitle: TODO\n---\n"),
            "warning[todo]: page still has TODO placeholders\n --> content/4xx/404.md:2:7\n  |\n2 | title: TODO\n  |       ^\n\n1 warning\n"
        );
    }

    #[test]
    fn tabs_before_the_span_keep_the_underline_under_it() {
        let d = Diagnostic::error(Kind::BrokenLink, "link `nope` leads to no page of the site")
            .at(Location::new("content/4xx/404.md", 2, 3).spanning(4));
        let out = render_with(d, "- item\n\t\tnope, see above\n");
        // Each tab is drawn as four spaces, and the carets move with them.
        assert_eq!(
            out,
            "error[broken-link]: link `nope` leads to no page of the site\n --> content/4xx/404.md:2:3\n  |\n2 |         nope, see above\n  |         ^^^^\n\n1 error\n"
        );
    }

    #[test]
    fn wide_characters_before_the_span_keep_the_underline_under_it() {
        // Each CJK character takes two columns on a terminal.
        let d = Diagnostic::error(Kind::BrokenLink, "link `nope` leads to no page of the site")
            .at(Location::new("content/4xx/404.md", 1, 7).spanning(4));
        assert_eq!(
            render_with(d, "日本語の文 nope\n"),
            "error[broken-link]: link `nope` leads to no page of the site\n --> content/4xx/404.md:1:7\n  |\n1 | 日本語の文 nope\n  |            ^^^^\n\n1 error\n"
        );
    }

    #[test]
    fn without_the_text_the_location_is_still_named() {
        let d = Diagnostic::error(Kind::TemplateError, "template error: oops")
            .at(Location::new("themes/mine/code.html", 4, 2))
            .help("fix the template");
        let out = render(&[d], &|_| None);
        assert_eq!(
            out,
            "error[template-error]: template error: oops\n--> themes/mine/code.html:4:2\n = help: fix the template\n\n1 error\n"
        );
    }

    #[test]
    fn a_column_past_the_end_of_the_line_is_named_not_quoted() {
        let d = Diagnostic::error(Kind::InvalidYaml, "bad").at(Location::new("site.yaml", 1, 10));
        let out = render_with(d, "title: x\n");
        assert!(out.contains("site.yaml:1:10"), "{out}");
        assert!(!out.contains("title: x"), "{out}");
    }

    #[test]
    fn odd_lines_render_at_every_column_without_panicking_and_name_it() {
        let lines = [
            "",
            "\t",
            "a\tb\t\tc",
            "日本語 🎉 e\u{301} x",
            "\u{202e}rtl\u{200b}zero\u{feff}",
            "\u{7}\u{1b}[31mred\u{0}",
            &"wide 字".repeat(100),
        ];
        for line in lines {
            for column in 1..=line.chars().count() + 2 {
                for length in [0, 1, 3, 1000] {
                    let d = Diagnostic::warning(Kind::Todo, "m")
                        .at(Location::new("a.md", 1, column).spanning(length));
                    let out = render(&[d], &|_| Some(line));
                    // The column named is the one given (characters, as GitHub output says).
                    assert!(out.contains(&format!("a.md:1:{column}\n")), "{line:?} {column} {length}: {out}");
                }
            }
        }
    }

    #[test]
    fn byte_spans_count_characters() {
        assert_eq!(byte_span("abc", 1, 0), Some(0..0));
        assert_eq!(byte_span("abc", 2, 5), Some(1..3));
        assert_eq!(byte_span("abc", 4, 1), Some(3..3), "just past the end");
        assert_eq!(byte_span("abc", 5, 1), None);
        assert_eq!(byte_span("éé x", 3, 2), Some(4..6));
        assert_eq!(byte_span("", 1, 3), Some(0..0));
    }

    #[test]
    fn repeated_warnings_are_capped() {
        let mut ds: Vec<Diagnostic> = (1..=25)
            .map(|line| {
                Diagnostic::warning(Kind::Todo, "same").at(Location::new("content/4xx/404.md", line, 1))
            })
            .collect();
        ds.push(Diagnostic::warning(Kind::Todo, "other").at(Location::new("content/4xx/404.md", 30, 1)));
        ds.push(Diagnostic::error(Kind::Todo, "same").at(Location::new("content/4xx/404.md", 31, 1)));
        let human = render(&ds, &|_| None);
        assert_eq!(human.matches("warning[todo]: same\n").count(), REPEATED_WARNINGS_SHOWN);
        assert_eq!(human.matches("… and 5 more warnings like this in content/4xx/404.md\n").count(), 1);
        assert!(human.contains("warning[todo]: other\n") && human.contains("error[todo]: same\n"), "{human}");
        assert!(human.ends_with("\n1 error, 26 warnings\n"), "{human}");
    }
}
