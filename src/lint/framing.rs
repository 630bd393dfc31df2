//! Message framing in the examples (RFC 9112 section 6): can a reader of the
//! bytes shown tell where each body ends, and do the lengths agree?
//!
//! - `Content-Length` must be digits, agree with itself, and not come with
//!   `Transfer-Encoding`;
//! - a request that shows a body needs `Content-Length` or
//!   `Transfer-Encoding` (without them its body is empty, section 6.3);
//! - a response that shows a body with `Connection: keep-alive` needs one too;
//! - 1xx, 204 and 304 responses and responses to HEAD have no body;
//! - a `Content-Length` must equal the bytes of the body shown, and a chunked
//!   body must be well formed with chunk sizes that equal the data shown.
//!
//! Counting bytes: a line that is an [`Elision`] counts as the bytes it
//! stands for, other lines as their UTF-8 bytes. An example cannot show line
//! endings, so a `Content-Length` may count the lines as ending in LF or in
//! CRLF, with or without one after the last line ([`readings`]); the hints
//! give the LF count without a final line ending ([`body_bytes`]). Chunk data
//! is counted that way only.

use super::http_message::{Finding, Message, Span, Start};

/// A line that stands for data not shown: `<48211 bytes of JPEG data>`, or,
/// for a body cut short, `<1258291 of 10485760 bytes of video data>` (the
/// sender stops after the first number of the bytes it announced).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Elision {
    pub bytes: u64,
    /// For a body cut short: the length the sender announced.
    pub of: Option<u64>,
}

/// Parses an elision line; `None` for any other line.
pub(super) fn elision(line: &str) -> Option<Elision> {
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    let (count, rest) = inner.split_once(' ')?;
    let bytes = digits(count)?;
    let (of, rest) = match rest.strip_prefix("of ") {
        Some(rest) => {
            let (total, rest) = rest.split_once(' ')?;
            (Some(digits(total)?), rest)
        }
        None => (None, rest),
    };
    let what = rest.strip_prefix("bytes of ")?;
    (!what.trim().is_empty() && !what.contains(['<', '>'])).then_some(Elision { bytes, of })
}

fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Bytes the body lines stand for: line lengths (elisions count as their
/// size) plus one LF between lines.
pub(super) fn body_bytes(lines: &[&str]) -> u64 {
    readings(lines)[0]
}

/// The lengths the lines can stand for, as their line endings are read: LF
/// between lines, CRLF between lines, and each of these with a line ending
/// after the last line too.
pub(super) fn readings(lines: &[&str]) -> [u64; 4] {
    let text: u64 = lines.iter().map(|l| elision(l).map_or(l.len() as u64, |e| e.bytes)).sum();
    let between = lines.len().saturating_sub(1) as u64;
    let last = u64::from(!lines.is_empty());
    [text + between, text + 2 * between, text + between + last, text + 2 * (between + last)]
}

/// Framing problems of `message`; `request` is the request a response answers.
pub(super) fn check_framing(message: &Message<'_>, request: Option<&Message<'_>>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let length = content_length(message, &mut findings);
    let chunked = message.field("transfer-encoding").is_some();
    if let (Some(cl), true) = (message.field("content-length"), chunked) {
        findings.push(Finding::error(
            Span { line: cl.line, byte: 0 },
            "Content-Length together with Transfer-Encoding",
            "remove Content-Length: a sender must not send both (RFC 9112 section 6.2)",
        ));
    }
    let shown = !message.body.is_empty();
    let body_at = Span { line: message.body_line, byte: 0 };
    let bytes = body_bytes(&message.body);
    match message.start {
        Start::Request { .. } => {
            if shown && length.is_none() && !chunked {
                findings.push(Finding::error(
                    body_at,
                    "this request shows a body but has neither Content-Length nor Transfer-Encoding, \
                     so its body is empty (RFC 9112 section 6.3) and these lines would be read as the next request",
                    format!("add `Content-Length: {bytes}` to its header fields (the bytes of the body shown)"),
                ));
            }
        }
        Start::Status { code } => {
            let head = matches!(request.map(|r| r.start), Some(Start::Request { method: "HEAD" }));
            let bodiless = match code {
                100..=199 | 204 | 304 => Some(format!("a {code} response")),
                _ if head => Some("a response to HEAD".to_string()),
                _ => None,
            };
            if let (true, Some(what)) = (shown, bodiless) {
                findings.push(Finding::error(
                    body_at,
                    format!("{what} has no body, but one is shown"),
                    "remove the body, or put a blank line and the next message's start line before it",
                ));
                return findings;
            }
            if shown && length.is_none() && !chunked && message.lists("connection", "keep-alive") {
                findings.push(Finding::error(
                    body_at,
                    "this response keeps the connection open (`Connection: keep-alive`) but does not say \
                     how long its body is, so the client cannot tell where it ends",
                    format!("add `Content-Length: {bytes}` (the bytes of the body shown), or send `Connection: close`"),
                ));
            }
        }
        Start::Invalid => {}
    }
    if !shown {
        return findings;
    }
    if let (Some((length, line)), false) = (length, chunked) {
        check_length(message, length, line, &mut findings);
    } else if chunked && message.lists("transfer-encoding", "chunked") {
        check_chunks(&message.body, message.body_line, &mut findings);
    }
    findings
}

/// The message's Content-Length and the line it is on, reporting bad values.
fn content_length(message: &Message<'_>, findings: &mut Vec<Finding>) -> Option<(u64, usize)> {
    let mut found: Option<(u64, usize)> = None;
    for field in message.fields_named("content-length") {
        let Some(value) = digits(field.value) else {
            let all_digits = !field.value.is_empty() && field.value.bytes().all(|b| b.is_ascii_digit());
            let (message, help) = if all_digits {
                (
                    format!(
                        "`{}` is too large for a Content-Length (at most {} bytes)",
                        field.value,
                        u64::MAX
                    ),
                    "write the size of the body shown, e.g. `Content-Length: 348`",
                )
            } else {
                (
                    format!("`{}` is not a Content-Length: it is a number of bytes", field.value),
                    "write digits only, e.g. `Content-Length: 348`",
                )
            };
            findings.push(Finding::error(Span { line: field.line, byte: 0 }, message, help));
            continue;
        };
        match found {
            Some((first, _)) if first != value => findings.push(Finding::error(
                Span { line: field.line, byte: 0 },
                format!("a second Content-Length ({value}) disagrees with the first ({first})"),
                "keep one Content-Length field",
            )),
            Some(_) => {}
            None => found = Some((value, field.line)),
        }
    }
    found
}

/// Content-Length against the body shown.
fn check_length(message: &Message<'_>, length: u64, line: usize, findings: &mut Vec<Finding>) {
    let at = Span { line, byte: 0 };
    if let [only] = message.body[..] {
        if let Some(Elision { bytes, of: Some(of) }) = elision(only) {
            if of != length {
                findings.push(Finding::error(
                    at,
                    format!("Content-Length is {length} but the elision says {of} bytes were announced"),
                    format!("make them agree: `Content-Length: {of}`, or `<{bytes} of {length} bytes of …>`"),
                ));
            } else if bytes >= of {
                findings.push(Finding::error(
                    Span { line: message.body_line, byte: 0 },
                    format!("a body cut short must show fewer than the {of} bytes announced"),
                    format!("write `<{of} bytes of …>` for a whole body"),
                ));
            }
            return;
        }
    }
    if let Some((i, _)) =
        message.body.iter().enumerate().find(|(_, l)| elision(l).is_some_and(|e| e.of.is_some()))
    {
        findings.push(Finding::error(
            Span { line: message.body_line + i, byte: 0 },
            "an elision of a body cut short (`<N of M bytes of …>`) must be the whole body",
            "write the part shown as `<N bytes of …>`",
        ));
        return;
    }
    let readings = readings(&message.body);
    if !readings.contains(&length) {
        let shown = readings[0];
        findings.push(Finding::error(
            at,
            format!("Content-Length is {length} but the body shown is {shown} bytes"),
            format!(
                "set `Content-Length: {shown}` ({}), or show data not written out as one line \
                 `<{length} bytes of …>`",
                accepted(&readings)
            ),
        ));
    }
}

/// What the readings other than the first (LF, no final line ending) stand for,
/// each distinct value once.
fn accepted(readings: &[u64; 4]) -> String {
    let mut others: Vec<u64> = readings[1..].iter().copied().filter(|&r| r != readings[0]).collect();
    others.sort_unstable();
    others.dedup();
    let list = match others.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => {
            format!("{} or {last}", rest.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))
        }
        None => return "the body as shown".to_string(),
    };
    if readings[1] == readings[0] {
        format!("the body as shown; {list} are accepted for a line ending, LF or CRLF, after it")
    } else {
        format!("the body as shown with LF line endings; {list} are accepted for CRLF or a line ending after the last line")
    }
}

/// A chunked body: hex size lines, data of that size, a last chunk `0`, then trailer fields.
fn check_chunks(body: &[&str], first_line: usize, findings: &mut Vec<Finding>) {
    let mut i = 0;
    while i < body.len() {
        let size_line = body[i];
        let hex = size_line.split(';').next().unwrap_or("").trim_end();
        let size = (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u64::from_str_radix(hex, 16).ok())
            .flatten();
        let Some(size) = size else {
            findings.push(Finding::error(
                Span { line: first_line + i, byte: 0 },
                format!("`{size_line}` is not a chunk size"),
                "a chunked body is a hexadecimal size line, that many bytes, and so on, ending with a line `0`",
            ));
            return;
        };
        i += 1;
        if size == 0 {
            return; // trailer fields may follow
        }
        let data_line = i;
        let shown = match body.get(i).and_then(|l| elision(l)) {
            Some(e) => {
                i += 1; // an elided chunk is one line
                e.bytes
            }
            None => {
                let mut shown = 0u64;
                while i < body.len() && shown < size {
                    shown += body[i].len() as u64 + u64::from(i > data_line);
                    i += 1;
                }
                shown
            }
        };
        if shown != size {
            findings.push(Finding::error(
                Span { line: first_line + data_line.min(body.len().saturating_sub(1)), byte: 0 },
                format!("the chunk size {hex} is {size} bytes but the data shown is {shown} bytes"),
                format!("set the size line to `{shown:x}`, or show the data as `<{size} bytes of …>`"),
            ));
            return;
        }
    }
    findings.push(Finding::error(
        Span { line: first_line + body.len().saturating_sub(1), byte: 0 },
        "the chunked body has no last chunk",
        "end it with a line `0` (then any trailer fields)",
    ));
}

#[cfg(test)]
#[path = "framing_tests.rs"]
mod tests;
