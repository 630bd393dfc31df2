//! Syntax highlighting of fenced code blocks (syntect, CSS classes, lazy)
//!
//! The syntax set is baked at build time by `build.rs` (syntect's bundled
//! syntaxes plus our own from `syntaxes/`, e.g. the HTTP message grammar) into
//! `$OUT_DIR/syntaxes.packdump`, embedded here with `include_bytes!`, and
//! deserialized on the first block that is actually highlighted. Spans carry
//! CSS classes (`hl-` prefixed scope atoms) that
//! `themes/default/static/highlight.css` colours for light and dark modes.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The serialized [`SyntaxSet`] written by `build.rs`.
static PACKDUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));

/// Blocks larger than this are emitted escaped and unhighlighted.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;

/// Blocks with any line longer than this are emitted escaped and unhighlighted:
/// syntect's cost grows much faster than linearly with line length.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// One class per scope atom: `keyword.other.method.http` becomes
/// `class="hl-keyword hl-other hl-method hl-http"`.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

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
/// Cheap to create; the syntax set is loaded at most once per `Highlighter`,
/// on the first block that needs it. It is `Send + Sync`: share one instance
/// (by reference) between threads rather than creating one per page.
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// Creates a highlighter. Loads nothing.
    pub fn new() -> Self {
        Highlighter { syntaxes: OnceLock::new() }
    }

    /// `lang` is the info string's first word ("http", "json", "" ...). Returns the full HTML block:
    /// `<pre class="code" data-lang="http"><code>…</code></pre>` with spans classed by
    /// syntect's ClassStyle::SpacedPrefixed { prefix: "hl-" }. Unknown or empty language, or a block
    /// over the size budget: escaped, unhighlighted, same wrapper (data-lang kept when given).
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang = lang.trim();
        let mut out = String::with_capacity(code.len() + code.len() / 4 + 64);
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            escape_into(&mut out, lang);
            out.push('"');
        }
        out.push_str("><code>");
        match self.classed_html(lang, code) {
            Some(html) => out.push_str(&html),
            None => escape_into(&mut out, code),
        }
        out.push_str("</code></pre>");
        out
    }

    /// True once the syntax set has been loaded (for tests).
    pub fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    fn syntax_set(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(|| {
            syntect::dumps::from_uncompressed_data(PACKDUMP)
                .expect("the syntax dump embedded by build.rs is valid")
        })
    }

    /// The highlighted inner HTML, or `None` when the block is to be shown plain.
    fn classed_html(&self, lang: &str, code: &str) -> Option<String> {
        let token = syntax_token(lang)?;
        if code.is_empty() || !within_budget(code) {
            return None;
        }
        let set = self.syntax_set();
        let syntax = set.find_syntax_by_token(token)?;
        if syntax.scope == set.find_syntax_plain_text().scope {
            return None;
        }
        // The grammars match line ends as "\n"; a CR left in front of it would
        // defeat patterns anchored at the end of the line.
        let code: Cow<'_, str> =
            if code.contains('\r') { Cow::Owned(code.replace("\r\n", "\n")) } else { Cow::Borrowed(code) };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(&code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
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

        let methods = spans_with(&html, &["hl-keyword", "hl-method", "hl-http"]);
        assert_eq!(methods, ["GET"]);
        let targets = spans_with(&html, &["hl-target", "hl-http"]);
        assert_eq!(targets, ["/reports/2024"]);
        let versions = spans_with(&html, &["hl-constant", "hl-version", "hl-http"]);
        assert_eq!(versions, ["HTTP/1.1", "HTTP/1.1"]);
        let codes = spans_with(&html, &["hl-constant", "hl-numeric", "hl-status"]);
        assert_eq!(codes, ["404"]);
        assert_eq!(
            spans_with(&html, &["hl-client-error"]),
            ["404"],
            "status codes are classed by their class"
        );
        let reasons = spans_with(&html, &["hl-string", "hl-reason"]);
        assert_eq!(reasons, ["Not Found"]);
        let names = spans_with(&html, &["hl-entity", "hl-name", "hl-header"]);
        assert_eq!(names, ["Host", "Content-Type"]);
        let values = spans_with(&html, &["hl-string", "hl-header-value"]);
        assert_eq!(values, ["api.example.com", "application/problem+json"]);
        // The JSON body announced by the Content-Type is highlighted as JSON.
        assert!(!spans_with(&html, &["hl-json", "hl-string"]).is_empty(), "{html}");
    }

    #[test]
    fn body_ends_at_the_next_start_line() {
        let h = Highlighter::new();
        let code = "POST /upload HTTP/1.1\nContent-Type: text/plain\n\nhello\n\
                    HTTP/2 201\nLocation: /upload/1\n";
        let html = h.highlight("http", code);
        assert_eq!(spans_with(&html, &["hl-version"]), ["HTTP/1.1", "HTTP/2"], "{html}");
        assert_eq!(spans_with(&html, &["hl-success"]), ["201"]);
        assert_eq!(spans_with(&html, &["hl-header"]), ["Content-Type", "Location"]);
        assert!(html.contains("hello"));
    }

    #[test]
    fn json_block_is_highlighted() {
        let h = Highlighter::new();
        let html = h.highlight("json", "{\"status\": 404, \"ok\": false}\n");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"json\"><code>"));
        assert!(!spans_with(&html, &["hl-constant", "hl-numeric", "hl-json"]).is_empty());
        assert!(!spans_with(&html, &["hl-string", "hl-json"]).is_empty());
    }

    #[test]
    fn common_tokens_find_a_syntax() {
        let h = Highlighter::new();
        for lang in ["http", "json", "js", "sh", "bash", "rust", "py", "HTTP", "rust,ignore", "shell"] {
            let html = h.highlight(lang, "x = 1\n");
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
}
