use super::*;

/// (line, byte, message) of each syntax finding in `text`.
fn findings(text: &str) -> Vec<(usize, usize, String)> {
    let lines = block_lines(text);
    parse_block(&lines).findings.into_iter().map(|f| (f.at.line, f.at.byte, f.message)).collect()
}

#[test]
fn good_messages_have_no_findings() {
    let good = [
        "GET /reports/2024 HTTP/1.1\nHost: api.example.com\n",
        "HTTP/1.1 404 Not Found\nContent-Type: text/plain\n\nNo such report\n",
        "HTTP/1.1 530 \nServer: cloudflare\n",
        "HTTP/1.0 200 OK\n",
        "GET / HTTP/2.0\nHost: a\n",
        "CONNECT api.example.com:443 HTTP/1.1\nHost: api.example.com:443\n",
        "OPTIONS * HTTP/1.1\nHost: a\n",
        "GET http://a.example/x?q=1&r=%20 HTTP/1.1\nHost: a.example\n",
        "HTTP/1.1 405 Method Not Allowed\nAllow:\n",
        "HTTP/1.1 200 OK\nX-Weird_Name!#$%&'*+-.^`|~: v\n",
        "HTTP/1.1 418 I'm a teapot\nContent-Type:text/plain\t\n",
        "HTTP/1.1 200 Ça va\n",
    ];
    for text in good {
        assert_eq!(findings(text), vec![], "{text:?}");
    }
}

#[test]
fn bad_messages_are_reported_at_the_offending_byte() {
    let bad: &[(&str, (usize, usize, &str))] = &[
        (
            "HTTP/1.1 530\n",
            (
                0,
                12,
                "the status line needs a space after the status code, even when the reason phrase is empty",
            ),
        ),
        ("HTTP/1.1 404NotFound\n", (0, 12, "expected a space between the status code and the reason phrase")),
        ("HTTP/1.1  404 Not Found\n", (0, 9, "the status code must be three digits")),
        ("HTTP/1.1 40 Not Found\n", (0, 9, "the status code must be three digits")),
        ("HTTP/1.1 600 Odd\n", (0, 9, "600 is not a status code: they run from 100 to 599")),
        ("HTTP/1.1\n", (0, 8, "the status line ends after the HTTP version")),
        ("HTTP/11 200 OK\n", (0, 0, "`HTTP/11 ` is not an HTTP version")),
        ("HTTP/1.1-200 OK\n", (0, 8, "expected one space after the HTTP version")),
        ("GET  /a HTTP/1.1\nHost: a\n", (0, 4, "one space, not more, separates the parts of a request line")),
        ("GET /a b HTTP/1.1\nHost: a\n", (0, 6, "the request target contains a space")),
        (
            "GET /a HTTP/1.1 \nHost: a\n",
            (0, 16, "one space, not more, separates the parts of a request line"),
        ),
        ("G@T /a HTTP/1.1\nHost: a\n", (0, 1, "`G@T` is not a method: a method is a token")),
        ("GET /caf\u{e9} HTTP/1.1\nHost: a\n", (0, 8, "'é' is not allowed in a request target")),
        ("GET /a HTTP/1\nHost: a\n", (0, 7, "`HTTP/1` is not an HTTP version")),
        ("GET /a HTTP/1.1\n", (0, 0, "an HTTP/1.1 request without a Host field")),
        ("Host: a\n", (0, 0, "expected a request line or a status line to start a message")),
        ("HTTP/1.1 200 OK\nContent-Type text/plain\n", (1, 0, "not a header field: expected `Name: value`")),
        (
            "HTTP/1.1 200 OK\nContent-Type : text/plain\n",
            (1, 12, "whitespace between a field name and its colon"),
        ),
        ("HTTP/1.1 200 OK\nContent Type: text/plain\n", (1, 7, "' ' is not allowed in a field name")),
        ("HTTP/1.1 200 OK\n: x\n", (1, 0, "the field name is empty")),
        (
            "HTTP/1.1 200 OK\nLink: </a>;\n rel=preload\n",
            (2, 0, "obsolete line folding: this indented line continues the previous field's value"),
        ),
        ("HTTP/1.1 200 OK\n X: y\n", (1, 0, "whitespace before the first header field")),
        ("HTTP/1.1 200 OK\nX: a\u{7}b\n", (1, 4, "control character '\\u{7}' in a field value")),
    ];
    for (text, (line, byte, message)) in bad {
        assert_eq!(findings(text), vec![(*line, *byte, message.to_string())], "{text:?}");
    }
}

#[test]
fn a_block_splits_into_request_interim_and_final_response() {
    let text = "PUT /a HTTP/1.1\nHost: a\nContent-Length: 5\nExpect: 100-continue\n\n\
                HTTP/1.1 100 Continue\n\nHTTP/1.1 201 Created\nLocation: /a\n\n{\"a\":\n\n1}\n\n";
    let lines = block_lines(text);
    let block = parse_block(&lines);
    assert_eq!(block.findings, vec![]);
    let starts: Vec<Start<'_>> = block.messages.iter().map(|m| m.start).collect();
    assert_eq!(
        starts,
        vec![Start::Request { method: "PUT" }, Start::Status { code: 100 }, Start::Status { code: 201 }]
    );
    assert!(block.messages[0].body.is_empty(), "no body shown before the 100");
    assert!(block.messages[1].body.is_empty());
    assert_eq!(block.messages[2].body, vec!["{\"a\":", "", "1}"], "a blank line inside a body stays in it");
    assert_eq!(block.messages[2].body_line, 10);
    assert_eq!(block.messages[2].field("LOCATION").map(|f| f.value), Some("/a"));
}

#[test]
fn a_body_ends_at_a_blank_line_followed_by_a_start_line() {
    let text = "POST /a HTTP/1.1\nHost: a\nContent-Length: 3\n\nabc\n\nHTTP/1.1 204 No Content\n\n\
                GET /b HTTP/1.1\nHost: a\n";
    let lines = block_lines(text);
    let block = parse_block(&lines);
    assert_eq!(block.messages.len(), 3);
    assert_eq!(block.messages[0].body, vec!["abc"]);
    assert_eq!(block.messages[1].line, 6);
    assert_eq!(block.messages[2].line, 8);
    let xml = "HTTP/1.1 207 Multi-Status\n\n<d:status>HTTP/1.1 200 OK</d:status>\n";
    assert_eq!(parse_block(&block_lines(xml)).messages.len(), 1);
}

#[test]
fn list_fields_are_read_as_tokens() {
    let lines = block_lines("HTTP/1.1 200 OK\nConnection: Upgrade, Keep-Alive\n");
    let block = parse_block(&lines);
    assert!(block.messages[0].lists("connection", "keep-alive"));
    assert!(!block.messages[0].lists("connection", "close"));
}

#[test]
fn crlf_and_trailing_blank_lines_are_ignored() {
    let lines = block_lines("HTTP/1.1 200 OK\r\nA: b\r\n\r\n\n");
    assert_eq!(lines, vec!["HTTP/1.1 200 OK", "A: b"]);
}

#[test]
fn any_input_is_parsed_without_panicking() {
    let samples =
        ["", "\n\n", "HTTP/", "HTTP/1.1 ", "HTTP/1.1 2é0 X", "é", " ", ":", "GET", "GET HTTP/1.1", "\u{0}"];
    for a in samples {
        for b in samples {
            let text = format!("{a}\n{b}\n\n{a}");
            let _ = parse_block(&block_lines(&text));
        }
    }
}

#[test]
fn a_status_line_broken_after_its_code_keeps_the_code() {
    for line in ["HTTP/1.1 530", "HTTP/1.1 404NotFound"] {
        let block = parse_block(&[line]);
        assert_eq!(block.findings.len(), 1);
        assert_eq!(block.messages[0].status(), Some(line[9..12].parse().unwrap()), "{line}");
    }
    for line in ["HTTP/1.1 40", "HTTP/1.1 600 X", "HTTP/x 404 Not Found", "HTTP/1.1 4é4 X"] {
        assert_eq!(parse_block(&[line]).messages[0].start, Start::Invalid, "{line}");
    }
}

#[test]
fn a_line_of_spaces_counts_as_blank() {
    let lines = block_lines("GET /a HTTP/1.1\nHost: a\n  \nHTTP/1.1 204 No Content\n");
    let block = parse_block(&lines);
    assert_eq!(block.findings, vec![]);
    assert_eq!(block.messages.len(), 2);
}

#[test]
fn blank_lines_before_the_next_message_are_not_body() {
    let lines =
        block_lines("HTTP/1.1 100 Continue\n\n\n\nHTTP/1.1 200 OK\n\nok\n \n\nGET /b HTTP/1.1\nHost: a\n");
    let block = parse_block(&lines);
    let bodies: Vec<Vec<&str>> = block.messages.iter().map(|m| m.body.clone()).collect();
    assert_eq!(bodies, vec![vec![], vec!["ok"], vec![]]);
}
