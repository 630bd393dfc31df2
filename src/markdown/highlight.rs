//! Syntax highlighting of fenced code blocks (syntect, CSS classes, lazy)
//!
//! `build.rs` bakes two syntax sets, embedded here with `include_bytes!` and
//! deserialized on the first block that needs each: a core set with only our
//! own grammars (`syntaxes/`: HTTP and JSON, nearly every block of this site),
//! which loads in about 0.05 ms, and the full set (syntect's bundled syntaxes
//! plus ours, 0.7 ms), loaded only for a fence language that it knows and the
//! core set lacks. Spans
//! carry CSS classes (`hl-` prefixed) that `themes/default/static/highlight.css`
//! colours for light and dark modes.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The serialized core [`SyntaxSet`] written by `build.rs`: our grammars only.
static CORE_DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core.packdump"));

/// The serialized full [`SyntaxSet`] written by `build.rs`: syntect's bundled grammars and ours.
static FULL_DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/full.packdump"));

/// What the full set answers to (names and extensions, lower case, sorted),
/// so that a language neither set knows (`nginx`) loads nothing.
static FULL_TOKENS: &[&str] = include!(concat!(env!("OUT_DIR"), "/full_tokens.rs"));

/// Which of the two embedded sets a [`Loaded`] holds; parser states of one
/// set mean nothing in the other, so each has its own line cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Core = 0,
    Full = 1,
}

/// Blocks larger than this are emitted escaped and unhighlighted.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;

/// Blocks with any line longer than this are emitted escaped and unhighlighted:
/// syntect's cost grows much faster than linearly with line length.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// How many highlighted lines one [`LineCache`] keeps before it starts over
/// (an entry takes about 1.5 KiB with its parser states: some 12 MiB per
/// thread at most); more than the distinct code lines of most sites.
const MAX_CACHED_LINES: usize = 8 * 1024;

/// Longer lines are not cached: they rarely repeat, and would make the cache's
/// size depend on the input's.
const MAX_CACHED_LINE_BYTES: usize = 512;

/// At most this many starting points are kept for one line text.
const MAX_STATES_PER_LINE: usize = 8;

/// Scope prefixes and the one class a span of that scope gets, most specific
/// first. A span takes the class of the innermost scope on its stack that
/// matches; `meta.*`, `source.*` and `punctuation.*` scopes match nothing, so
/// a string's quotes share the string's colour. One short class per span keeps
/// the HTML close to the size of the code (syntect's own generator writes a
/// span per scope with a class per atom: twenty times the input).
const CATEGORIES: &[(&str, &str)] = &[
    ("comment", "hl-comment"),
    ("constant.numeric.status.informational", "hl-status hl-status-1xx"),
    ("constant.numeric.status.success", "hl-status hl-status-2xx"),
    ("constant.numeric.status.redirection", "hl-status hl-status-3xx"),
    ("constant.numeric.status.client-error", "hl-status hl-status-4xx"),
    ("constant.numeric.status.server-error", "hl-status hl-status-5xx"),
    ("constant.numeric.status", "hl-status"),
    ("constant.other.version", "hl-version"),
    ("keyword.other.method", "hl-method"),
    ("string.unquoted.target", "hl-target"),
    ("string.unquoted.reason", "hl-reason"),
    ("string.unquoted.header-value", "hl-value"),
    ("entity.name.tag.header", "hl-header"),
    ("markup.raw.body", ""),
    ("string.regexp", "hl-regexp"),
    ("constant.character.escape", "hl-escape"),
    ("string", "hl-string"),
    ("constant.numeric", "hl-number"),
    ("constant", "hl-constant"),
    ("keyword.operator", "hl-operator"),
    ("keyword", "hl-keyword"),
    ("storage.type", "hl-type"),
    ("storage", "hl-keyword"),
    ("entity.name.function", "hl-function"),
    ("support.function", "hl-function"),
    ("variable.function", "hl-function"),
    ("entity.name.tag", "hl-tag"),
    ("entity.other.attribute-name", "hl-attribute"),
    ("entity.name", "hl-type"),
    ("support.type", "hl-type"),
    ("support.class", "hl-type"),
    ("support", "hl-support"),
    ("variable", "hl-variable"),
    ("markup.heading", "hl-heading"),
    ("markup.inserted", "hl-inserted"),
    ("markup.deleted", "hl-deleted"),
    ("markup.changed", "hl-changed"),
    ("invalid", "hl-invalid"),
];

/// Keys of JSON (and YAML) maps get their own colour.
const KEY_SCOPES: &[&str] = &["meta.structure.dictionary.key", "meta.mapping.key"];

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

/// A syntax set and the scope prefixes, built once.
struct Loaded {
    which: Which,
    set: SyntaxSet,
    categories: Vec<(Scope, &'static str)>,
    keys: Vec<Scope>,
}

impl Loaded {
    fn load(which: Which) -> Self {
        let dump = match which {
            Which::Core => CORE_DUMP,
            Which::Full => FULL_DUMP,
        };
        let set = syntect::dumps::from_uncompressed_data(dump)
            .expect("the syntax dumps embedded by build.rs are valid");
        let scope = |s: &str| Scope::new(s).expect("scope prefixes are valid");
        Loaded {
            which,
            set,
            categories: CATEGORIES.iter().map(|(p, class)| (scope(p), *class)).collect(),
            keys: KEY_SCOPES.iter().map(|p| scope(p)).collect(),
        }
    }

    /// What a single scope says: its class (if any) and whether it marks a map key.
    fn describe(&self, scope: Scope) -> ScopeInfo {
        ScopeInfo {
            class: self.categories.iter().find(|(p, _)| p.is_prefix_of(scope)).map(|(_, c)| *c),
            is_key: self.keys.iter().any(|k| k.is_prefix_of(scope)),
        }
    }

    /// The class of text under `stack`: that of the innermost scope with a
    /// category. `memo` remembers each scope's description within one block.
    fn class_of(&self, stack: &ScopeStack, memo: &mut Vec<(Scope, ScopeInfo)>) -> &'static str {
        let mut info = |scope: Scope| match memo.iter().find(|(s, _)| *s == scope) {
            Some((_, info)) => *info,
            None => {
                let info = self.describe(scope);
                memo.push((scope, info));
                info
            }
        };
        let scopes = stack.as_slice();
        for (i, scope) in scopes.iter().enumerate().rev() {
            if let Some(class) = info(*scope).class {
                if class == "hl-string" && scopes[..=i].iter().any(|s| info(*s).is_key) {
                    return "hl-key";
                }
                return class;
            }
        }
        ""
    }
}

#[derive(Debug, Clone, Copy)]
struct ScopeInfo {
    class: Option<&'static str>,
    is_key: bool,
}

/// Highlights fenced code blocks into classed HTML.
///
/// Cheap to create; each syntax set is loaded at most once per `Highlighter`,
/// on the first block that needs it. It is `Send + Sync`: share one instance
/// (by reference) between threads rather than creating one per page.
pub struct Highlighter {
    core: OnceLock<Loaded>,
    full: OnceLock<Loaded>,
}

impl Highlighter {
    /// Creates a highlighter. Loads nothing.
    pub fn new() -> Self {
        Highlighter { core: OnceLock::new(), full: OnceLock::new() }
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
        for line in LinesWithEndings::from(&code) {
            let done = highlight_line(loaded, &at, line, &mut memo)?;
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

/// Lines already highlighted by this thread.
///
/// Highlighting a line depends only on the line, the parser state and the
/// scope stack before it, so a line seen again from the same point (a `Host:`
/// header, a JSON `},`) reuses its classed pieces and the state after it
/// instead of running the grammar's regexes again. Documentation repeats such
/// lines a lot: about half the code lines of this project's site are repeats,
/// and nineteen in twenty of the 500-code benchmark corpus. The cache is per
/// thread because a [`ParseState`] may not cross threads, and per syntax set;
/// it is valid for every [`Highlighter`] because all of them load the same
/// embedded sets.
#[derive(Default)]
struct LineCache {
    by_line: HashMap<Box<str>, Vec<Rc<HighlightedLine>>>,
    /// Entries over all lines.
    entries: usize,
}

impl LineCache {
    fn find(&self, line: &str, state: &ParseState, stack: &ScopeStack) -> Option<&Rc<HighlightedLine>> {
        self.by_line.get(line)?.iter().find(|d| d.before.0 == *state && d.before.1 == *stack)
    }

    fn insert(&mut self, line: &str, done: &Rc<HighlightedLine>) {
        if line.len() > MAX_CACHED_LINE_BYTES {
            return;
        }
        if self.entries >= MAX_CACHED_LINES {
            self.by_line.clear();
            self.entries = 0;
        }
        let states = self.by_line.entry(line.into()).or_default();
        if states.len() < MAX_STATES_PER_LINE {
            states.push(Rc::clone(done));
            self.entries += 1;
        }
    }
}

/// One line highlighted from one starting point.
struct HighlightedLine {
    before: (ParseState, ScopeStack),
    /// The line cut into pieces: each ends at the byte offset and has the class.
    pieces: Vec<(usize, &'static str)>,
    after: (ParseState, ScopeStack),
}

/// Where the highlighter stands before a line: at the top of the block, or
/// after a line (whose end state is shared with the cache, not copied).
enum Position {
    Start(ParseState, ScopeStack),
    After(Rc<HighlightedLine>),
}

impl Position {
    fn state(&self) -> (&ParseState, &ScopeStack) {
        match self {
            Position::Start(state, stack) => (state, stack),
            Position::After(line) => (&line.after.0, &line.after.1),
        }
    }
}

thread_local! {
    static LINES: RefCell<[LineCache; 2]> = RefCell::default();
}

/// Highlights `line` from `at`, or finds it highlighted. `None` when the
/// grammar fails on the line.
fn highlight_line(
    loaded: &Loaded,
    at: &Position,
    line: &str,
    memo: &mut Vec<(Scope, ScopeInfo)>,
) -> Option<Rc<HighlightedLine>> {
    LINES.with_borrow_mut(|caches| {
        let cache = &mut caches[loaded.which as usize];
        let (state, stack) = at.state();
        if let Some(hit) = cache.find(line, state, stack) {
            return Some(Rc::clone(hit));
        }
        let before = (state.clone(), stack.clone());
        // A state that holds text captured for a later match (a heredoc's
        // `<<EOF`, a raw string's `#"`) compares by the address of the regex
        // engine's match record, so it equals no copy, not even its own: such
        // a line could never be found again, and is not stored.
        let cacheable = before.0 == *state;
        let (mut state, mut stack) = (state.clone(), stack.clone());
        let ops = state.parse_line(line, &loaded.set).ok()?;
        let mut pieces = Vec::with_capacity(ops.len() + 1);
        let mut class = loaded.class_of(&stack, memo);
        let mut pos = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > pos {
                pieces.push((at, class));
                pos = at;
            }
            stack.apply(op).ok()?;
            class = loaded.class_of(&stack, memo);
        }
        pieces.push((line.len(), class));
        let done = Rc::new(HighlightedLine { before, pieces, after: (state, stack) });
        if cacheable {
            cache.insert(line, &done);
        }
        Some(done)
    })
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

/// Appends element text with `&`, `<` and `>` escaped (quotes need no escape there).
fn escape_text_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Appends `text` with `&`, `<`, `>` and `"` escaped.
fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXCHANGE: &str = "GET /reports/2024 HTTP/1.1\n\
                            Host: api.example.com\n\
                            \n\
                            HTTP/1.1 404 Not Found\n\
                            Content-Type: application/problem+json\n\
                            \n\
                            {\"title\": \"No such report\"}\n";

    /// The text of every span whose class list contains all of `classes`.
    fn spans_with<'a>(html: &'a str, classes: &[&str]) -> Vec<&'a str> {
        let mut found = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find("<span class=\"") {
            rest = &rest[start + "<span class=\"".len()..];
            let end = rest.find('"').expect("closing quote");
            let class_list: Vec<&str> = rest[..end].split(' ').collect();
            let body = &rest[end + 2..];
            let text = &body[..body.find('<').unwrap_or(body.len())];
            if classes.iter().all(|c| class_list.contains(c)) {
                found.push(text);
            }
        }
        found
    }

    #[test]
    fn http_exchange_gets_classed_spans() {
        let h = Highlighter::new();
        let html = h.highlight("http", EXCHANGE);
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"http\"><code>"));
        assert!(html.ends_with("</code></pre>"));
        assert!(h.is_loaded());

        let methods = spans_with(&html, &["hl-method"]);
        assert_eq!(methods, ["GET"]);
        let targets = spans_with(&html, &["hl-target"]);
        assert_eq!(targets, ["/reports/2024"]);
        let versions = spans_with(&html, &["hl-version"]);
        assert_eq!(versions, ["HTTP/1.1", "HTTP/1.1"]);
        let codes = spans_with(&html, &["hl-status"]);
        assert_eq!(codes, ["404"]);
        assert_eq!(spans_with(&html, &["hl-status-4xx"]), ["404"], "status codes are classed by their class");
        let reasons = spans_with(&html, &["hl-reason"]);
        assert_eq!(reasons, ["Not Found"]);
        let names = spans_with(&html, &["hl-header"]);
        assert_eq!(names, ["Host", "Content-Type"]);
        let values = spans_with(&html, &["hl-value"]);
        assert_eq!(values, ["api.example.com", "application/problem+json"]);
        // The JSON body announced by the Content-Type is highlighted as JSON.
        assert_eq!(spans_with(&html, &["hl-key"]), ["\"title\""], "{html}");
        assert_eq!(spans_with(&html, &["hl-string"]), ["\"No such report\""], "{html}");
    }

    #[test]
    fn body_ends_at_the_next_start_line() {
        let h = Highlighter::new();
        let code = "POST /upload HTTP/1.1\nContent-Type: text/plain\n\nhello\n\
                    HTTP/2 201\nLocation: /upload/1\n";
        let html = h.highlight("http", code);
        assert_eq!(spans_with(&html, &["hl-version"]), ["HTTP/1.1", "HTTP/2"], "{html}");
        assert_eq!(spans_with(&html, &["hl-status-2xx"]), ["201"]);
        assert_eq!(spans_with(&html, &["hl-header"]), ["Content-Type", "Location"]);
        assert!(html.contains("hello"));
    }

    #[test]
    fn json_block_is_highlighted() {
        let h = Highlighter::new();
        let html = h.highlight("json", "{\"status\": 404, \"ok\": false}\n");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"json\"><code>"));
        assert_eq!(spans_with(&html, &["hl-number"]), ["404"]);
        assert_eq!(spans_with(&html, &["hl-constant"]), ["false"]);
        assert_eq!(spans_with(&html, &["hl-key"]), ["\"status\"", "\"ok\""]);
    }

    #[test]
    fn common_tokens_find_a_syntax() {
        let h = Highlighter::new();
        for lang in ["http", "json", "js", "sh", "bash", "rust", "py", "HTTP", "rust,ignore", "shell"] {
            let sample =
                if lang.eq_ignore_ascii_case("http") { "GET / HTTP/1.1\n" } else { "x = 1 # \"s\"\n" };
            let html = h.highlight(lang, sample);
            assert!(html.contains("<span class=\"hl-"), "{lang}: {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped() {
        let h = Highlighter::new();
        let html = h.highlight("no-such-language", "<script>alert(\"&\")</script>\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"no-such-language\"><code>\
             &lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;\n</code></pre>"
        );
    }

    #[test]
    fn lang_is_escaped_in_the_attribute() {
        let h = Highlighter::new();
        let html = h.highlight("a\"b<", "x");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"a&quot;b&lt;\"><code>x<"));
    }

    #[test]
    fn plain_blocks_do_not_load_the_syntax_set() {
        let h = Highlighter::new();
        assert!(!h.is_loaded());
        for lang in ["", "text", "plain", "txt", "none", "TEXT"] {
            let html = h.highlight(lang, "<b>bold</b>\n");
            assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
            assert!(!html.contains("<span"), "{html}");
        }
        assert_eq!(h.highlight("", "x"), "<pre class=\"code\"><code>x</code></pre>");
        assert_eq!(h.highlight("text", "x"), "<pre class=\"code\" data-lang=\"text\"><code>x</code></pre>");
        assert!(!h.is_loaded());
    }

    #[test]
    fn oversized_block_is_escaped() {
        let h = Highlighter::new();
        let unit = "GET /a HTTP/1.1\nHost: example.com\n\nbody & more\n";
        let code = unit.repeat(1024 * 1024 / unit.len() + 1);
        assert!(code.len() > 1024 * 1024);
        let html = h.highlight("http", &code);
        assert!(!html.contains("<span"));
        assert!(html.contains("body &amp; more"));
        assert!(html.len() < 2 * code.len());
        assert!(!h.is_loaded(), "the budget is checked before loading");
    }

    #[test]
    fn very_long_line_is_escaped() {
        let h = Highlighter::new();
        let code = format!("{{\"a\": [{}1]}}\n", "1, ".repeat(600 * 1024 / 3));
        assert!(code.len() > 600 * 1024);
        let html = h.highlight("json", &code);
        assert!(!html.contains("<span"));
        assert!(html.len() < 2 * code.len());
    }

    #[test]
    fn output_stays_close_to_the_input_size() {
        let h = Highlighter::new();
        let json =
            "{\"type\": \"https://example.com/p\", \"status\": 404, \"ok\": [true, null]}\n".repeat(50);
        let html = h.highlight("json", &json);
        // Dense JSON (a token every few bytes) is the worst case: one span per token.
        assert!(html.len() < 5 * json.len(), "{} bytes for {}", html.len(), json.len());
        let http = EXCHANGE.repeat(20);
        assert!(h.highlight("http", &http).len() < 4 * http.len());
    }

    #[test]
    fn crlf_line_ends_are_highlighted() {
        let h = Highlighter::new();
        let html = h.highlight("http", "HTTP/1.1 200 OK\r\nAllow: GET\r\n");
        assert_eq!(spans_with(&html, &["hl-reason"]), ["OK"]);
        assert_eq!(spans_with(&html, &["hl-header"]), ["Allow"]);
    }

    #[test]
    fn loads_once_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Highlighter>();

        let h = Highlighter::new();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| assert!(h.highlight("http", EXCHANGE).contains("hl-method")));
            }
        });
        assert!(h.is_loaded());
    }

    #[test]
    fn site_languages_need_only_the_core_set() {
        let h = Highlighter::new();
        assert!(h.highlight("http", EXCHANGE).contains("hl-method"));
        assert!(h.highlight("JSON", "{\"a\": 1}\n").contains("hl-key"));
        assert!(h.core.get().is_some());
        assert!(h.full.get().is_none(), "HTTP and JSON must not load syntect's bundled syntaxes");
        // Nor does a language neither set knows: it is shown plain.
        let nginx = h.highlight("nginx", "server { listen 80; }\n");
        assert!(!nginx.contains("<span"), "{nginx}");
        assert!(h.full.get().is_none(), "an unknown language must not load the full set");

        let html = h.highlight("rust", "fn main() {}\n");
        assert!(html.contains("<span class=\"hl-"), "{html}");
        assert!(h.full.get().is_some());
        // Once both are loaded, JSON still uses our grammar (keys get their own class).
        assert!(h.highlight("json", "{\"b\": 2}\n").contains("hl-key"));
    }

    #[test]
    fn repeated_lines_are_highlighted_by_their_state() {
        // The same text as a header field and as body text: a cache keyed by
        // the line alone would colour the second like the first.
        let h = Highlighter::new();
        let code = "HTTP/1.1 200 OK\nAllow: GET\n\nAllow: GET\n";
        let html = h.highlight("http", code);
        assert_eq!(spans_with(&html, &["hl-header"]), ["Allow"], "{html}");
        assert!(html.ends_with("\nAllow: GET\n</code></pre>"), "{html}");
        // And seen again, from the cache, it comes out the same.
        assert_eq!(h.highlight("http", code), html);
        assert_eq!(Highlighter::new().highlight("http", code), html);
    }

    /// Entries in this thread's cache for `which` set.
    fn cached_entries(which: Which) -> usize {
        LINES.with_borrow(|caches| caches[which as usize].entries)
    }

    #[test]
    fn lines_after_a_capture_are_not_cached_in_vain() {
        // The heredoc's body lines sit in a state holding the captured `EOF`,
        // which equals no copy of itself: caching them would only grow the
        // cache, one useless entry per build.
        let h = Highlighter::new();
        let code = "cat <<EOF\nhello\nEOF\n";
        let first = h.highlight("bash", code);
        assert!(first.contains("hl-"), "{first}");
        let after_one = cached_entries(Which::Full);
        for _ in 0..50 {
            assert_eq!(h.highlight("bash", code), first);
        }
        assert_eq!(cached_entries(Which::Full), after_one, "repeats must not add entries");
    }

    #[test]
    fn the_cache_is_bounded() {
        let h = Highlighter::new();
        let mut code = String::from("HTTP/1.1 200 OK\n");
        for i in 0..MAX_CACHED_LINES + 100 {
            code.push_str(&format!("X-Header-{i}: {i}\n"));
        }
        code.push_str(&format!("X-Long: {}\n", "v".repeat(MAX_CACHED_LINE_BYTES)));
        h.highlight("http", &code);
        let entries = cached_entries(Which::Core);
        assert!(entries <= MAX_CACHED_LINES, "{entries}");
        assert!(entries > 0);
        // Long lines are left out.
        let long = LINES.with_borrow(|caches| {
            caches[Which::Core as usize].by_line.keys().any(|k| k.len() > MAX_CACHED_LINE_BYTES)
        });
        assert!(!long);
    }

    #[test]
    fn full_tokens_agree_with_the_full_set() {
        assert!(FULL_TOKENS.windows(2).all(|w| w[0] < w[1]), "sorted and unique, for binary_search");
        let h = Highlighter::new();
        let full = h.full();
        for token in FULL_TOKENS {
            assert!(full.set.find_syntax_by_token(token).is_some(), "{token}");
        }
        for token in ["rust", "py", "bash", "yaml", "http", "json"] {
            assert!(FULL_TOKENS.contains(&token), "{token}");
        }
    }

    #[test]
    fn a_warm_cache_changes_nothing() {
        // Blocks that share lines in different states; each is highlighted on a
        // fresh thread (empty cache) and again after all the others.
        let blocks: Vec<(&str, String)> = vec![
            ("http", EXCHANGE.to_string()),
            (
                "http",
                "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"title\": \"x\"}\nHost: a\n".into(),
            ),
            ("json", "{\n  \"title\": \"x\",\n  \"a\": [1, 2]\n}\n".into()),
            ("json", "/* {\"title\": \"x\"}\n */ {\"a\": 1}\n".into()),
            ("bash", "cat <<EOF\n{\"title\": \"x\"}\nEOF\necho \"{\\\"a\\\": 1}\"\n".into()),
            ("markdown", "```json\n{\"a\": 1}\n```\n# Host: a\n".into()),
            ("rust", "let s = r#\"\n  \"a\": [1, 2]\n\"#;\n".into()),
        ];
        let cold: Vec<String> = blocks
            .iter()
            .map(|(lang, code)| {
                std::thread::scope(|s| s.spawn(|| Highlighter::new().highlight(lang, code)).join().unwrap())
            })
            .collect();
        let h = Highlighter::new();
        for _ in 0..2 {
            for ((lang, code), expected) in blocks.iter().zip(&cold).rev() {
                assert_eq!(&h.highlight(lang, code), expected, "{lang}: {code}");
            }
        }
    }
}
