use super::line_cache::{MAX_CACHED_LINES, MAX_CACHED_LINE_BYTES};
use super::syntaxes::{Which, FULL_TOKENS};
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
        let sample = if lang.eq_ignore_ascii_case("http") { "GET / HTTP/1.1\n" } else { "x = 1 # \"s\"\n" };
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
    let json = "{\"type\": \"https://example.com/p\", \"status\": 404, \"ok\": [true, null]}\n".repeat(50);
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

/// Entries in this thread's cache of `h` for `which` set.
fn cached_entries(h: &Highlighter, which: Which) -> usize {
    h.lines.for_this_thread().borrow()[which as usize].entries
}

#[test]
fn each_highlighter_owns_its_cache() {
    let warm = Highlighter::new();
    warm.highlight("http", EXCHANGE);
    assert!(cached_entries(&warm, Which::Core) > 0);
    let fresh = Highlighter::new();
    assert_eq!(cached_entries(&fresh, Which::Core), 0, "a new highlighter starts empty");
    assert_eq!(fresh.highlight("http", EXCHANGE), warm.highlight("http", EXCHANGE));
    // Another thread has its own cache, the first one's stays.
    let before = cached_entries(&warm, Which::Core);
    std::thread::scope(|s| s.spawn(|| assert_eq!(cached_entries(&warm, Which::Core), 0)).join().unwrap());
    assert_eq!(cached_entries(&warm, Which::Core), before);
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
    let after_one = cached_entries(&h, Which::Full);
    for _ in 0..50 {
        assert_eq!(h.highlight("bash", code), first);
    }
    assert_eq!(cached_entries(&h, Which::Full), after_one, "repeats must not add entries");
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
    let entries = cached_entries(&h, Which::Core);
    assert!(entries <= MAX_CACHED_LINES, "{entries}");
    assert!(entries > 0);
    // Long lines are left out.
    let long = h.lines.for_this_thread().borrow()[Which::Core as usize]
        .by_line
        .keys()
        .any(|k| k.len() > MAX_CACHED_LINE_BYTES);
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
        ("http", "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"title\": \"x\"}\nHost: a\n".into()),
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
