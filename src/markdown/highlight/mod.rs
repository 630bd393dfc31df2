//! Syntax highlighting of fenced code blocks (syntect, CSS classes, lazy)
//!
//! `build.rs` bakes two syntax sets, embedded here with `include_bytes!` and
//! deserialized on the first block that needs each: a core set with only our
//! own grammars (`syntaxes/`: HTTP and JSON, nearly every block of this site),
//! which loads in about 0.05 ms, and the full set (syntect's bundled syntaxes
//! plus ours, 0.7 ms), loaded only for a fence language that it knows and the
//! core set lacks (`syntaxes`). Spans carry CSS classes (`hl-` prefixed)
//! that `themes/default/static/highlight.css` colours for light and dark
//! modes. Lines seen before from the same parser state come from the
//! highlighter's own per-thread line cache (`line_cache`).

mod line_cache;
mod syntaxes;

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, ScopeStack};
use syntect::util::LinesWithEndings;

use self::line_cache::{highlight_line, LineCaches, Position};
use self::syntaxes::{Loaded, Which, FULL_TOKENS};
use crate::html::{escape_into, escape_text_into};

/// Blocks larger than this are emitted escaped and unhighlighted.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;

/// Blocks with any line longer than this are emitted escaped and unhighlighted:
/// syntect's cost grows much faster than linearly with line length.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// Info-string tokens that mean "no highlighting": decided without loading the set.
const PLAIN_TOKENS: &[&str] =
    &["", "text", "plain", "plaintext", "txt", "none", "nohighlight", "no-highlight"];

/// Common fence tokens that syntect's own lookup (file extension, then syntax
/// name) would miss, mapped to a token it knows.
const TOKEN_ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("terminal", "bash"),
    ("shell-session", "bash"),
    ("golang", "go"),
    ("csharp", "cs"),
    ("c-sharp", "cs"),
    ("python3", "py"),
    ("jsonc", "json"),
];

/// Highlights fenced code blocks into classed HTML.
///
/// Cheap to create; each syntax set is loaded at most once per `Highlighter`,
/// on the first block that needs it. It is `Send + Sync`: share one instance
/// (by reference) between threads rather than creating one per page.
pub struct Highlighter {
    core: OnceLock<Loaded>,
    full: OnceLock<Loaded>,
    lines: LineCaches,
}

impl Highlighter {
    /// Creates a highlighter. Loads nothing.
    pub fn new() -> Self {
        Highlighter { core: OnceLock::new(), full: OnceLock::new(), lines: LineCaches::default() }
    }

    /// `lang` is the info string's first word ("http", "json", "" ...). Returns the full HTML block:
    /// `<pre class="code" data-lang="http"><code>…</code></pre>` with spans classed by
    /// [`CATEGORIES`]. Unknown or empty language, or a block over the size budget:
    /// escaped, unhighlighted, same wrapper (data-lang kept when given).
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang = lang.trim();
        let mut out = String::with_capacity(code.len() * 2 + 64);
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            escape_into(&mut out, lang);
            out.push('"');
        }
        out.push_str("><code>");
        let start = out.len();
        if self.classed_html(&mut out, lang, code).is_none() {
            out.truncate(start);
            escape_into(&mut out, code);
        }
        out.push_str("</code></pre>");
        out
    }

    /// True once a syntax set has been loaded (for tests).
    pub fn is_loaded(&self) -> bool {
        self.core.get().is_some() || self.full.get().is_some()
    }

    fn core(&self) -> &Loaded {
        self.core.get_or_init(|| Loaded::load(Which::Core))
    }

    fn full(&self) -> &Loaded {
        self.full.get_or_init(|| Loaded::load(Which::Full))
    }

    /// Appends the highlighted inner HTML, or returns `None` when the block is
    /// to be shown plain (the caller discards what was appended).
    fn classed_html(&self, out: &mut String, lang: &str, code: &str) -> Option<()> {
        let token = syntax_token(lang)?;
        if code.is_empty() || !within_budget(code) {
            return None;
        }
        let core = self.core();
        let (loaded, syntax) = match core.set.find_syntax_by_token(token) {
            Some(syntax) => (core, syntax),
            None if FULL_TOKENS.binary_search(&token.to_ascii_lowercase().as_str()).is_ok() => {
                let full = self.full();
                (full, full.set.find_syntax_by_token(token)?)
            }
            None => return None,
        };
        let set = &loaded.set;
        if syntax.scope == set.find_syntax_plain_text().scope {
            return None;
        }
        // The grammars match line ends as "\n"; a CR left in front of it would
        // defeat patterns anchored at the end of the line.
        let code: Cow<'_, str> =
            if code.contains('\r') { Cow::Owned(code.replace("\r\n", "\n")) } else { Cow::Borrowed(code) };
        let mut at = Position::Start(ParseState::new(syntax), ScopeStack::new());
        let mut spans = SpanWriter { out, open: "" };
        let mut memo = Vec::new();
        let mut caches = self.lines.for_this_thread().borrow_mut();
        let cache = &mut caches[loaded.which as usize];
        for line in LinesWithEndings::from(&code) {
            let done = highlight_line(loaded, cache, &at, line, &mut memo)?;
            let mut pos = 0;
            for &(end, class) in &done.pieces {
                spans.text(class, &line[pos..end]);
                pos = end;
            }
            at = Position::After(done);
        }
        spans.close();
        Some(())
    }
}

/// Writes text in spans, merging neighbours of the same class.
struct SpanWriter<'a> {
    out: &'a mut String,
    open: &'static str,
}

impl SpanWriter<'_> {
    fn text(&mut self, class: &'static str, text: &str) {
        if text.is_empty() {
            return;
        }
        if class != self.open {
            self.close();
            if !class.is_empty() {
                self.out.push_str("<span class=\"");
                self.out.push_str(class);
                self.out.push_str("\">");
            }
            self.open = class;
        }
        escape_text_into(self.out, text);
    }

    fn close(&mut self) {
        if !self.open.is_empty() {
            self.out.push_str("</span>");
        }
        self.open = "";
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Highlighter").field("loaded", &self.is_loaded()).finish()
    }
}

/// The token to look up for `lang`, or `None` when it means plain text.
fn syntax_token(lang: &str) -> Option<&str> {
    // Tolerate rustdoc-style attributes ("rust,ignore").
    let token = lang.split(',').next().unwrap_or_default().trim();
    if PLAIN_TOKENS.iter().any(|p| p.eq_ignore_ascii_case(token)) {
        return None;
    }
    let aliased = TOKEN_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(token))
        .map_or(token, |&(_, target)| target);
    Some(aliased)
}

/// Whether the block is small enough to be highlighted.
fn within_budget(code: &str) -> bool {
    code.len() <= MAX_BLOCK_BYTES && code.split('\n').all(|line| line.len() <= MAX_LINE_BYTES)
}

#[cfg(test)]
mod tests;
