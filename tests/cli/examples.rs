//! `check` lints the ```http examples: the basic fixture plus one page whose
//! example breaks one rule, per row of a table; each row gives the one
//! annotation `check --format github` must print (file, line, column,
//! message, help).

use crate::support::SiteTest;

/// The file line of the first line of the example block in [`page`].
const BLOCK_LINE: usize = 10;

/// A code page whose body is one ```http example holding `block`;
/// `extra` is added to the front matter.
fn page(code: u16, extra: &str, block: &str) -> String {
    format!("---\ncode: {code}\ntitle: Example\nexcerpt: An example.\n{extra}---\n\n## Example\n\n```http\n{block}```\n")
}

/// The basic fixture with `page(code, extra, block)` written to its file.
fn site_with(code: u16, extra: &str, block: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.write(&format!("content/{}xx/{code}.md", code / 100), &page(code, extra, block));
    site
}

fn annotation(kind: &str, code: u16, line: usize, col: usize, message: &str, help: &str) -> String {
    let file = format!("content/{}xx/{code}.md", code / 100);
    let data = format!("{message}\nhelp: {help}").replace('%', "%25").replace('\n', "%0A");
    format!("::{kind} file={file},line={line},col={col}::{data}\n")
}

struct Case {
    rule: &'static str,
    code: u16,
    block: &'static str,
    /// Error or warning, the file line and column it points at, message, help.
    kind: &'static str,
    line: usize,
    col: usize,
    message: &'static str,
    help: &'static str,
}

const STATUS_FORM: &str =
    "a status line is `HTTP/1.1 SP three-digit code SP reason`, e.g. `HTTP/1.1 404 Not Found`";

const CASES: &[Case] = &[
    Case {
        rule: "request line",
        code: 404,
        block: "GET /annual report HTTP/1.1\nHost: a.example\n\nHTTP/1.1 404 Not Found\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 12,
        message: "the request target contains a space",
        help: "percent-encode it as %20: spaces separate the parts of a request line",
    },
    Case {
        rule: "status line without the second space",
        code: 530,
        block: "HTTP/1.1 530\nServer: cloudflare\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 13,
        message: "the status line needs a space after the status code, even when the reason phrase is empty",
        help: "write `HTTP/1.1 530 ` (code, space, empty reason phrase), or add the reason phrase the server sends",
    },
    Case {
        rule: "status line run together",
        code: 404,
        block: "HTTP/1.1 404NotFound\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 13,
        message: "expected a space between the status code and the reason phrase",
        help: STATUS_FORM,
    },
    Case {
        rule: "header field name",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nContent Type: text/plain\n",
        kind: "error",
        line: BLOCK_LINE + 1,
        col: 8,
        message: "' ' is not allowed in a field name",
        help: "a field name is a token: letters, digits and !#$%&'*+-.^_`|~",
    },
    Case {
        rule: "obsolete line folding",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nLink: </help>;\n  rel=\"help\"\n",
        kind: "error",
        line: BLOCK_LINE + 2,
        col: 1,
        message: "obsolete line folding: this indented line continues the previous field's value",
        help: "join it to the previous line: RFC 9112 section 5.2 forbids generating folded fields",
    },
    Case {
        rule: "request body without framing",
        code: 404,
        block: "POST /orders HTTP/1.1\nHost: a.example\nContent-Type: application/json\n\n{\"sku\": \"TEA-042\"}\n\nHTTP/1.1 404 Not Found\n",
        kind: "error",
        line: BLOCK_LINE + 4,
        col: 1,
        message: "this request shows a body but has neither Content-Length nor Transfer-Encoding, so its body is empty (RFC 9112 section 6.3) and these lines would be read as the next request",
        help: "add `Content-Length: 18` to its header fields (the bytes of the body shown)",
    },
    Case {
        rule: "keep-alive response without length",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nConnection: keep-alive\n\n<h1>Not Found</h1>\n",
        kind: "error",
        line: BLOCK_LINE + 3,
        col: 1,
        message: "this response keeps the connection open (`Connection: keep-alive`) but does not say how long its body is, so the client cannot tell where it ends",
        help: "add `Content-Length: 18` (the bytes of the body shown), or send `Connection: close`",
    },
    Case {
        rule: "Content-Length disagrees with the body",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nContent-Length: 10\n\nNo such report\n",
        kind: "error",
        line: BLOCK_LINE + 1,
        col: 1,
        message: "Content-Length is 10 but the body shown is 14 bytes",
        help: "set `Content-Length: 14` (the body as shown; 15 or 16 are accepted for a line ending, LF or CRLF, after it), or show data not written out as one line `<10 bytes of …>`",
    },
    Case {
        rule: "Content-Length disagrees with a body of several lines",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nContent-Length: 10\n\nNo such\nreport\n",
        kind: "error",
        line: BLOCK_LINE + 1,
        col: 1,
        message: "Content-Length is 10 but the body shown is 14 bytes",
        help: "set `Content-Length: 14` (the body as shown with LF line endings; 15 or 17 are accepted for CRLF or a line ending after the last line), or show data not written out as one line `<10 bytes of …>`",
    },
    Case {
        rule: "Content-Length too large",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nContent-Length: 99999999999999999999999\n\nNo such report\n",
        kind: "error",
        line: BLOCK_LINE + 1,
        col: 1,
        message: "`99999999999999999999999` is too large for a Content-Length (at most 18446744073709551615 bytes)",
        help: "write the size of the body shown, e.g. `Content-Length: 348`",
    },
    Case {
        rule: "Content-Length disagrees with an elision",
        code: 404,
        block: "HTTP/1.1 404 Not Found\nContent-Length: 4821\n\n<48211 bytes of HTML>\n",
        kind: "error",
        line: BLOCK_LINE + 1,
        col: 1,
        message: "Content-Length is 4821 but the body shown is 48211 bytes",
        help: "set `Content-Length: 48211` (the body as shown; 48212 or 48213 are accepted for a line ending, LF or CRLF, after it), or show data not written out as one line `<4821 bytes of …>`",
    },
    Case {
        rule: "chunk size disagrees with the data",
        code: 404,
        block: "PUT /a HTTP/1.1\nHost: a.example\nTransfer-Encoding: chunked\n\n4000\n<1638 bytes of data>\n0\n\nHTTP/1.1 404 Not Found\n",
        kind: "error",
        line: BLOCK_LINE + 5,
        col: 1,
        message: "the chunk size 4000 is 16384 bytes but the data shown is 1638 bytes",
        help: "set the size line to `666`, or show the data as `<16384 bytes of …>`",
    },
    Case {
        rule: "MUST: WWW-Authenticate on 401",
        code: 401,
        block: "HTTP/1.1 401 Unauthorized\nContent-Length: 0\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 401 response must carry WWW-Authenticate",
        help: "add a field such as `WWW-Authenticate: Bearer realm=\"api\"` (RFC 9110 section 15.5.2)",
    },
    Case {
        rule: "MUST: Proxy-Authenticate on 407",
        code: 407,
        block: "HTTP/1.1 407 Proxy Authentication Required\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 407 response must carry Proxy-Authenticate",
        help: "add a field such as `Proxy-Authenticate: Basic realm=\"proxy\"` (RFC 9110 section 15.5.8)",
    },
    Case {
        rule: "MUST: Allow on 405",
        code: 405,
        block: "HTTP/1.1 405 Method Not Allowed\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 405 response must carry Allow",
        help: "add a field such as `Allow: GET, HEAD` (RFC 9110 section 15.5.6)",
    },
    Case {
        rule: "MUST: Upgrade on 101",
        code: 101,
        block: "HTTP/1.1 101 Switching Protocols\nConnection: Upgrade\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 101 response must carry Upgrade",
        help: "add a field such as `Upgrade: websocket` (RFC 9110 section 15.2.2)",
    },
    Case {
        rule: "MUST: Upgrade on 426",
        code: 426,
        block: "HTTP/1.1 426 Upgrade Required\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 426 response must carry Upgrade",
        help: "add a field such as `Upgrade: HTTP/3.0` (RFC 9110 section 15.5.22)",
    },
    Case {
        rule: "MUST: Content-Range on a single-part 206",
        code: 206,
        block: "HTTP/1.1 206 Partial Content\nContent-Length: 1024\n\n<1024 bytes of video>\n",
        kind: "error",
        line: BLOCK_LINE,
        col: 10,
        message: "a 206 response must carry Content-Range",
        help: "add a field such as `Content-Range: bytes 0-1023/146515` (RFC 9110 section 15.3.7)",
    },
    Case {
        rule: "SHOULD: Location on 301",
        code: 301,
        block: "HTTP/1.1 301 Moved Permanently\n",
        kind: "warning",
        line: BLOCK_LINE,
        col: 10,
        message: "a 301 response should carry Location",
        help: "add a field such as `Location: /new/place` (RFC 9110 section 15.4.2)",
    },
    Case {
        rule: "SHOULD: Location on 201",
        code: 201,
        block: "HTTP/1.1 201 Created\n",
        kind: "warning",
        line: BLOCK_LINE,
        col: 10,
        message: "a 201 response should carry Location",
        help: "add a field such as `Location: /the/new/resource` (RFC 9110 section 15.3.2)",
    },
    Case {
        rule: "SHOULD: Content-Range on 416 for bytes",
        code: 416,
        block: "GET /a HTTP/1.1\nHost: a.example\nRange: bytes=900-\n\nHTTP/1.1 416 Range Not Satisfiable\n",
        kind: "warning",
        line: BLOCK_LINE + 4,
        col: 10,
        message: "a 416 response should carry Content-Range",
        help: "add a field such as `Content-Range: bytes */146515` (RFC 9110 section 15.5.17)",
    },
    Case {
        rule: "the page's own code is never shown",
        code: 444,
        block: "GET /wp-login.php HTTP/1.1\nHost: a.example\n",
        kind: "warning",
        line: BLOCK_LINE - 1, // the opening fence
        col: 1,
        message: "no example on this page shows a 444 response",
        help: "add a response with the status line `HTTP/1.1 444 …` to an example, or, if 444 never appears as the status of a response, set `examples_show_code: false` in the front matter",
    },
];

#[test]
fn each_rule_is_reported_with_file_line_column_and_fix() {
    for case in CASES {
        let site = site_with(case.code, "", case.block);
        let run = site.run(&["check", "--format", "github"]);
        let expected = annotation(case.kind, case.code, case.line, case.col, case.message, case.help);
        assert_eq!(run.stdout, expected, "rule: {}", case.rule);
        let exit = if case.kind == "error" { 1 } else { 0 };
        assert_eq!(run.code, exit, "rule: {}: exit code", case.rule);
        assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1, "rule: {}: --deny-warnings", case.rule);
    }
}

#[test]
fn the_fixed_examples_pass() {
    let fixed: &[(u16, &str)] = &[
        (404, "GET /annual%20report HTTP/1.1\nHost: a.example\n\nHTTP/1.1 404 Not Found\n"),
        (530, "HTTP/1.1 530 \nServer: cloudflare\n"),
        (404, "POST /orders HTTP/1.1\nHost: a.example\nContent-Length: 18\n\n{\"sku\": \"TEA-042\"}\n\nHTTP/1.1 404 Not Found\n"),
        (404, "HTTP/1.1 404 Not Found\nConnection: keep-alive\nContent-Length: 18\n\n<h1>Not Found</h1>\n"),
        (404, "HTTP/1.1 404 Not Found\nContent-Length: 48211\n\n<48211 bytes of HTML>\n"),
        (401, "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"a\"\n"),
        (405, "HTTP/1.1 405 Method Not Allowed\nAllow:\n"),
        (206, "HTTP/1.1 206 Partial Content\nContent-Type: multipart/byteranges; boundary=B\n"),
        (416, "GET /a HTTP/1.1\nHost: a.example\nRange: items=9-\n\nHTTP/1.1 416 Range Not Satisfiable\n"),
    ];
    for (code, block) in fixed {
        let site = site_with(*code, "", block);
        let run = site.run(&["check", "--deny-warnings"]);
        assert_eq!(run.code, 0, "{block}\n{}", run.stdout);
    }
}

#[test]
fn a_page_opts_out_of_showing_its_code_and_is_told_when_it_need_not() {
    let block = "GET /wp-login.php HTTP/1.1\nHost: a.example\n";
    let site = site_with(444, "examples_show_code: false\n", block);
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    let site = site_with(404, "examples_show_code: false\n", "HTTP/1.1 404 Not Found\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(
        run.stdout,
        "::warning file=content/4xx/404.md,line=11,col=1::`examples_show_code: false` is not needed: this example shows a 404 response%0Ahelp: remove `examples_show_code` from the front matter\n"
    );
}

#[test]
fn the_human_report_quotes_the_example_line_with_a_caret() {
    let site = site_with(530, "", "HTTP/1.1 530\nServer: cloudflare\n");
    let run = site.run(&["check"]);
    assert_eq!(
        run.stdout,
        "error[invalid-http-example]: the status line needs a space after the status code, even when the reason phrase is empty
  --> content/5xx/530.md:10:13
   |
10 | HTTP/1.1 530
   |             ^
   |
   = help: write `HTTP/1.1 530 ` (code, space, empty reason phrase), or add the reason phrase the server sends

1 error
"
    );
    assert_eq!(run.code, 1);
}

/// Examples are `check`'s job: `build` makes the same site either way, and CI
/// and the Pages workflow run `check` before it.
#[test]
fn build_leaves_examples_to_check() {
    let site = site_with(401, "", "HTTP/1.1 401 Unauthorized\n");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("401.md"), "{}", build.stderr);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("content/4xx/401.md:10:10"), "{}", check.stdout);
}
