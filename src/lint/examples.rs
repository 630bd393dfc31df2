//! The ```http examples of one page: find them, lint them, say where.
//!
//! 1. pulldown-cmark finds every fenced block whose info string starts with
//!    `http`; the offset iterator gives each piece of its text a place in the
//!    file, so positions survive indentation (a block in a list item),
//! 2. each block is parsed into messages (`http_message`), and each message
//!    is checked for framing (`framing`) and, for a response, for the fields
//!    its status requires (`required_fields`), against the request before it,
//! 3. on a code page, when no example shows the page's own code as a
//!    status, a warning says so; a page that opts out (`examples_show_code:
//!    false`) but shows its code after all is told the key is not needed.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::framing::check_framing;
use super::http_message::{block_lines, parse_block, Finding, Message};
use super::required_fields::check_required_fields;
use crate::diagnostic::{Diagnostic, Kind, LineIndex, Location, Severity};
use crate::model::Body;

/// The key a code page sets to `false` when its examples need not show its code.
pub const OPT_OUT_KEY: &str = "examples_show_code";

/// One ```http block: its text and where each piece of it sits in the body.
struct CodeBlock {
    /// Body offset of the opening fence.
    fence: usize,
    text: String,
    /// (offset in `text`, offset in the body) where each text event starts.
    pieces: Vec<(usize, usize)>,
}

impl CodeBlock {
    /// Body offset of byte `offset` of the block's text.
    fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        self.pieces.get(i).map_or(self.fence, |&(start, source)| source + (offset - start))
    }
}

/// What the examples of a page must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnCode {
    /// Not a code page.
    None,
    /// A code page: some example shows this code as a status.
    Shown(u16),
    /// A code page that opted out: no example needs to show it.
    OptedOut(u16),
}

/// Lints every ```http block of `body`, a page whose own code is `own`.
pub fn lint_examples(own: OwnCode, body: &Body) -> Vec<Diagnostic> {
    let blocks = http_blocks(&body.text);
    if blocks.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(&body.text, body.first_line);
    let mut diagnostics = Vec::new();
    let own_code = match own {
        OwnCode::None => None,
        OwnCode::Shown(code) | OwnCode::OptedOut(code) => Some(code),
    };
    let mut shown_at = None;
    for block in &blocks {
        let lines = block_lines(&block.text);
        let line_starts: Vec<usize> =
            lines.iter().map(|l| l.as_ptr() as usize - block.text.as_ptr() as usize).collect();
        let parsed = parse_block(&lines);
        let mut findings = parsed.findings;
        findings.extend(check_messages(&parsed.messages));
        if shown_at.is_none() {
            shown_at =
                parsed.messages.iter().find(|m| own_code.is_some() && m.status() == own_code).map(|m| {
                    let offset = block.source_offset(line_starts[m.line]);
                    index.location(&body.path, offset)
                });
        }
        findings.sort_by_key(|f| (f.at.line, f.at.byte));
        for f in findings {
            let offset = line_starts.get(f.at.line).map_or(block.text.len(), |s| s + f.at.byte);
            let location = index.location(&body.path, block.source_offset(offset));
            diagnostics.push(to_diagnostic(f, location));
        }
    }
    match (own, shown_at) {
        (OwnCode::Shown(code), None) => diagnostics.push(
            Diagnostic::warning(
                Kind::MissingExample,
                format!("no example on this page shows a {code} response"),
            )
            .at(index.location(&body.path, blocks[0].fence))
            .help(format!(
                "add a response with the status line `HTTP/1.1 {code} …` to an example, or, if {code} never \
                     appears as the status of a response, set `{OPT_OUT_KEY}: false` in the front matter"
            )),
        ),
        (OwnCode::OptedOut(code), Some(at)) => diagnostics.push(
            Diagnostic::warning(
                Kind::NeedlessOptOut,
                format!("`{OPT_OUT_KEY}: false` is not needed: this example shows a {code} response"),
            )
            .at(at)
            .help(format!("remove `{OPT_OUT_KEY}` from the front matter")),
        ),
        _ => {}
    }
    diagnostics
}

/// Framing and required fields of each message, each response judged against
/// the last request before it.
fn check_messages(messages: &[Message<'_>]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut request = None;
    for message in messages {
        if message.is_request() {
            request = Some(message);
            findings.extend(check_framing(message, None));
        } else {
            findings.extend(check_framing(message, request));
            findings.extend(check_required_fields(message, request));
        }
    }
    findings
}

fn to_diagnostic(f: Finding, location: Location) -> Diagnostic {
    let d = match f.severity {
        Severity::Error => Diagnostic::error(Kind::InvalidHttpExample, f.message),
        Severity::Warning => Diagnostic::warning(Kind::InvalidHttpExample, f.message),
    };
    d.at(location).help(f.help)
}

/// The fenced blocks tagged `http` in a markdown body.
fn http_blocks(text: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<CodeBlock> = None;
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("http") =>
            {
                current = Some(CodeBlock { fence: range.start, text: String::new(), pieces: Vec::new() });
            }
            Event::Text(piece) => {
                if let Some(block) = current.as_mut() {
                    block.pieces.push((block.text.len(), range.start));
                    block.text.push_str(&piece);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn body(text: &str) -> Body {
        Body { path: PathBuf::from("content/4xx/401.md"), text: text.to_string(), first_line: 10 }
    }

    /// (line, column, message) of each diagnostic.
    fn lint(own: OwnCode, text: &str) -> Vec<(usize, usize, String)> {
        lint_examples(own, &body(text))
            .into_iter()
            .map(|d| {
                let l = d.location.unwrap();
                (l.line, l.column, d.message)
            })
            .collect()
    }

    #[test]
    fn positions_are_file_lines_and_columns() {
        let text = "Intro.\n\n```http\nGET /a HTTP/1.1\nHost: a\n\nHTTP/1.1 530\n```\n";
        let found = lint(OwnCode::None, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].0, found[0].1),
            (16, 13),
            "body line 7 is file line 16; the code ends at column 12"
        );
    }

    #[test]
    fn blocks_in_list_items_keep_their_columns() {
        let text = "1. A step:\n\n   ```http\n   GET /a HTTP/1.1\n   Host: a\n   X-A : b\n   ```\n";
        let found = lint(OwnCode::None, text);
        assert_eq!(found, vec![(15, 7, "whitespace between a field name and its colon".to_string())]);
    }

    #[test]
    fn only_http_blocks_are_linted() {
        assert_eq!(lint(OwnCode::None, "```text\nnot http\n```\n\n```\nHTTP/1.1 530\n```\n"), vec![]);
        assert_eq!(lint(OwnCode::None, "```http title=x\nnot http\n```\n").len(), 1);
    }

    #[test]
    fn a_page_whose_examples_never_show_its_code_is_warned_once() {
        let text = "```http\nHTTP/1.1 400 Bad Request\n```\n\n```http\nHTTP/1.1 200 OK\n```\n";
        let warning = "no example on this page shows a 444 response".to_string();
        assert_eq!(lint(OwnCode::Shown(444), text), vec![(10, 1, warning)]);
        assert_eq!(lint(OwnCode::OptedOut(444), text), vec![], "opted out");
        assert_eq!(lint(OwnCode::None, text), vec![], "not a code page");
        assert_eq!(lint(OwnCode::Shown(200), text), vec![]);
        let none = lint(OwnCode::Shown(444), "No examples.\n");
        assert_eq!(none, vec![], "a page without examples is not asked for one here");
    }

    #[test]
    fn an_opt_out_that_is_not_needed_is_warned() {
        let text = "```http\nHTTP/1.1 400 Bad Request\n```\n\n```http\nHTTP/1.1 200 OK\n```\n";
        let warning =
            "`examples_show_code: false` is not needed: this example shows a 200 response".to_string();
        assert_eq!(lint(OwnCode::OptedOut(200), text), vec![(15, 1, warning)]);
    }

    #[test]
    fn a_response_is_judged_against_the_request_before_it() {
        let text = "```http\nHEAD /a HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\n\nbody\n```\n";
        let found = lint(OwnCode::None, text);
        assert_eq!(found, vec![(16, 1, "a response to HEAD has no body, but one is shown".to_string())]);
    }
}
