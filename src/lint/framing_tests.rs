use super::*;
use crate::lint::http_message::{block_lines, parse_block};

/// (line, message) of the framing findings of every message of `text`.
fn framing(text: &str) -> Vec<(usize, String)> {
    let lines = block_lines(text);
    let block = parse_block(&lines);
    assert_eq!(block.findings, vec![], "{text}");
    let mut request = None;
    let mut out = Vec::new();
    for m in &block.messages {
        let found = if m.is_request() {
            request = Some(m);
            check_framing(m, None)
        } else {
            check_framing(m, request)
        };
        out.extend(found.into_iter().map(|f| (f.at.line, f.message)));
    }
    out
}

#[test]
fn elisions_have_one_syntax() {
    assert_eq!(elision("<48211 bytes of JPEG data>"), Some(Elision { bytes: 48211, of: None }));
    assert_eq!(elision("<5 of 10 bytes of video, then nothing>"), Some(Elision { bytes: 5, of: Some(10) }));
    for not in [
        "<48211 bytes>",
        "<48211 bytes of >",
        "48211 bytes of x",
        "<1.2 MiB of x>",
        "<x bytes of y>",
        "<html>",
    ] {
        assert_eq!(elision(not), None, "{not}");
    }
}

#[test]
fn bytes_count_lf_between_lines_and_elisions_as_their_size() {
    assert_eq!(body_bytes(&[]), 0);
    assert_eq!(body_bytes(&["abc"]), 3);
    assert_eq!(body_bytes(&["abc", "", "de"]), 7);
    assert_eq!(body_bytes(&["é"]), 2, "bytes, not characters");
    assert_eq!(body_bytes(&["--x", "<100 bytes of PNG data>", "--x--"]), 3 + 100 + 5 + 2);
    assert_eq!(readings(&["ab", "cd", "e"]), [7, 9, 8, 11]);
    assert_eq!(readings(&[]), [0, 0, 0, 0]);
}

#[test]
fn good_framing_has_no_findings() {
    let good = [
        "POST /a HTTP/1.1\nHost: a\nContent-Length: 7\n\n{\"a\":1}\n",
        "PUT /a HTTP/1.1\nHost: a\nContent-Length: 734003200\nExpect: 100-continue\n\nHTTP/1.1 100 Continue\n",
        "HTTP/1.1 200 OK\nContent-Length: 48211\n\n<48211 bytes of JPEG data>\n",
        "HTTP/1.1 200 OK\nContent-Length: 8\n\nab\n\ncdef\n",
        "HTTP/1.1 200 OK\nContent-Length: 10\n\nab\n\ncdef\n",
        "HTTP/1.1 200 OK\nContent-Length: 9\n\nab\n\ncdef\n",
        "HTTP/1.1 200 OK\nContent-Length: 12\n\nab\n\ncdef\n",
        "HTTP/1.1 200 OK\nConnection: keep-alive\nContent-Length: 2\n\nok\n",
        "HTTP/1.1 200 OK\nConnection: close\n\nread until the connection closes...\n",
        "HTTP/1.1 200 OK\n\nno length: the connection closes after the body\n",
        "POST /a HTTP/1.1\nHost: a\nContent-Length: 10\n\n<4 of 10 bytes of data, then nothing>\n",
        "PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n4000\n<16384 bytes of data>\n3;ext=1\nabc\n0\nTrailer-A: b\n",
        "PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n6\nab\n\ncd\n0\n",
        "HTTP/1.1 204 No Content\n\nGET /b HTTP/1.1\nHost: a\n",
        "HEAD /a HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\nContent-Length: 1234\n",
    ];
    for text in good {
        assert_eq!(framing(text), vec![], "{text}");
    }
}

#[test]
fn bad_framing_is_reported_on_the_offending_line() {
    let bad: &[(&str, (usize, &str))] = &[
        (
            "POST /a HTTP/1.1\nHost: a\n\n{\"a\": 1}\n\nHTTP/1.1 201 Created\n",
            (3, "this request shows a body but has neither Content-Length nor Transfer-Encoding, so its body is empty (RFC 9112 section 6.3) and these lines would be read as the next request"),
        ),
        (
            "HTTP/1.1 502 Bad Gateway\nConnection: keep-alive\n\n<html></html>\n",
            (3, "this response keeps the connection open (`Connection: keep-alive`) but does not say how long its body is, so the client cannot tell where it ends"),
        ),
        ("HTTP/1.1 400 Bad Request\nContent-Length: 90\n\n{\"a\": 1}\n", (1, "Content-Length is 90 but the body shown is 8 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 3\n\nab\ncd\n", (1, "Content-Length is 3 but the body shown is 5 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 7\n\nab\ncd\n", (1, "Content-Length is 7 but the body shown is 5 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 2\n\nabc\n", (1, "Content-Length is 2 but the body shown is 3 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 4821\n\n<48211 bytes of JPEG>\n", (1, "Content-Length is 4821 but the body shown is 48211 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 10\n\n...some data...\n", (1, "Content-Length is 10 but the body shown is 15 bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: ten\n\nabc\n", (1, "`ten` is not a Content-Length: it is a number of bytes")),
        ("HTTP/1.1 200 OK\nContent-Length: 3\nContent-Length: 4\n\nabc\n", (2, "a second Content-Length (4) disagrees with the first (3)")),
        (
            "POST /a HTTP/1.1\nHost: a\nContent-Length: 9\n\n<4 of 10 bytes of data>\n",
            (2, "Content-Length is 9 but the elision says 10 bytes were announced"),
        ),
        ("POST /a HTTP/1.1\nHost: a\nContent-Length: 10\n\n<10 of 10 bytes of data>\n", (4, "a body cut short must show fewer than the 10 bytes announced")),
        (
            "POST /a HTTP/1.1\nHost: a\nContent-Length: 10\n\nab\n<4 of 10 bytes of data>\n",
            (5, "an elision of a body cut short (`<N of M bytes of …>`) must be the whole body"),
        ),
        (
            "PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\nContent-Length: 3\n\n3\nabc\n0\n",
            (3, "Content-Length together with Transfer-Encoding"),
        ),
        ("PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n4000\n<16383 bytes of data>\n0\n", (5, "the chunk size 4000 is 16384 bytes but the data shown is 16383 bytes")),
        ("PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\nxyz\n", (4, "`xyz` is not a chunk size")),
        ("PUT /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n3\nabc\n", (5, "the chunked body has no last chunk")),
        ("HTTP/1.1 204 No Content\n\nbody\n", (2, "a 204 response has no body, but one is shown")),
        ("HTTP/1.1 304 Not Modified\n\nbody\n", (2, "a 304 response has no body, but one is shown")),
        ("HTTP/1.1 103 Early Hints\n\nbody\n", (2, "a 103 response has no body, but one is shown")),
        ("HEAD /a HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\n\nbody\n", (5, "a response to HEAD has no body, but one is shown")),
    ];
    for (text, (line, message)) in bad {
        assert_eq!(framing(text), vec![(*line, message.to_string())], "{text}");
    }
}

#[test]
fn the_hint_gives_the_length_to_write() {
    let lines = block_lines("POST /a HTTP/1.1\nHost: a\n\n{\"sku\": 1}\n");
    let block = parse_block(&lines);
    let found = check_framing(&block.messages[0], None);
    assert_eq!(found[0].help, "add `Content-Length: 10` to its header fields (the bytes of the body shown)");
}

/// (message, help) of the one framing finding of a response.
fn the_finding(text: &str) -> (String, String) {
    let lines = block_lines(text);
    let block = parse_block(&lines);
    let found = check_framing(&block.messages[0], None);
    assert_eq!(found.len(), 1, "{text}");
    (found[0].message.clone(), found[0].help.clone())
}

#[test]
fn a_length_mismatch_lists_each_accepted_length_once() {
    let (_, one_line) = the_finding("HTTP/1.1 200 OK\nContent-Length: 10\n\nNo such report\n");
    assert_eq!(
        one_line,
        "set `Content-Length: 14` (the body as shown; 15 or 16 are accepted for a line ending, LF or CRLF, after it), \
         or show data not written out as one line `<10 bytes of …>`"
    );
    let (_, two_lines) = the_finding("HTTP/1.1 200 OK\nContent-Length: 3\n\nab\ncd\n");
    assert_eq!(
        two_lines,
        "set `Content-Length: 5` (the body as shown with LF line endings; 6 or 8 are accepted for CRLF or a line \
         ending after the last line), or show data not written out as one line `<3 bytes of …>`"
    );
    let (_, three_lines) = the_finding("HTTP/1.1 200 OK\nContent-Length: 3\n\nab\ncd\nef\n");
    assert!(three_lines.contains("with LF line endings; 9, 10 or 12 are accepted"), "{three_lines}");
}

#[test]
fn a_content_length_too_large_is_told_so() {
    let (message, help) = the_finding("HTTP/1.1 200 OK\nContent-Length: 99999999999999999999999\n\nabc\n");
    assert_eq!(
        message,
        "`99999999999999999999999` is too large for a Content-Length (at most 18446744073709551615 bytes)"
    );
    assert_eq!(help, "write the size of the body shown, e.g. `Content-Length: 348`");
    let (_, help) = the_finding("HTTP/1.1 200 OK\nContent-Length: 1e3\n\nabc\n");
    assert_eq!(help, "write digits only, e.g. `Content-Length: 348`");
}
