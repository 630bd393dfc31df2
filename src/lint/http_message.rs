//! RFC 9112 message syntax for the ```http examples: one block of text is
//! split into messages, and every start line and header field is parsed.
//!
//! 1. The block is cut into lines (a trailing `\r` is dropped, blank lines at
//!    the end are ignored).
//! 2. A message is a start line (request line or status line), header field
//!    lines up to the first blank line, then body lines.
//! 3. A body runs to the end of the block, or up to a blank line that is
//!    followed by something that looks like a start line ([`looks_like_start`]):
//!    that blank line separates two messages and belongs to neither. A line
//!    of nothing but spaces or tabs counts as blank.
//! 4. Start lines and field lines that break the RFC 9112 grammar become
//!    [`Finding`]s; framing and the fields a status requires are judged later
//!    (`framing`, `required_fields`) on the parsed [`Message`]s.

use crate::diagnostic::Severity;

/// A place in a block: line (from 0) and byte offset in that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub line: usize,
    pub byte: usize,
}

/// A problem in a block, positioned relative to the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    pub at: Span,
    pub severity: Severity,
    pub message: String,
    pub help: String,
}

impl Finding {
    pub(super) fn error(at: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Finding { at, severity: Severity::Error, message: message.into(), help: help.into() }
    }

    pub(super) fn warning(at: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Finding { at, severity: Severity::Warning, message: message.into(), help: help.into() }
    }
}

/// What the first line of a message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start<'a> {
    Request {
        method: &'a str,
    },
    Status {
        code: u16,
    },
    /// Reported already; the rest of the message is still read. (A status
    /// line broken after its code, `HTTP/1.1 404NotFound`, keeps its code.)
    Invalid,
}

/// One header field line: `name: value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Field<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub line: usize,
}

/// One message of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Message<'a> {
    pub start: Start<'a>,
    /// Line of the start line in the block.
    pub line: usize,
    pub fields: Vec<Field<'a>>,
    /// The body lines shown (none when the body is not shown).
    pub body: Vec<&'a str>,
    /// Line of the first body line.
    pub body_line: usize,
}

impl<'a> Message<'a> {
    pub(super) fn is_request(&self) -> bool {
        matches!(self.start, Start::Request { .. })
    }

    pub(super) fn status(&self) -> Option<u16> {
        match self.start {
            Start::Status { code } => Some(code),
            _ => None,
        }
    }

    /// Every field called `name` (case-insensitive), in order.
    pub(super) fn fields_named<'m>(&'m self, name: &'m str) -> impl Iterator<Item = &'m Field<'a>> + 'm {
        self.fields.iter().filter(move |f| f.name.eq_ignore_ascii_case(name))
    }

    pub(super) fn field(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// Whether a list-valued field (`Connection`, `Transfer-Encoding`) names `token`.
    pub(super) fn lists(&self, name: &str, token: &str) -> bool {
        self.fields_named(name).flat_map(|f| f.value.split(',')).any(|t| t.trim().eq_ignore_ascii_case(token))
    }
}

/// A parsed block: its messages and the syntax problems found on the way.
#[derive(Debug, Clone, Default)]
pub(super) struct Block<'a> {
    pub messages: Vec<Message<'a>>,
    pub findings: Vec<Finding>,
}

/// The lines of a block's text, without line endings or trailing blank lines.
pub(super) fn block_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// Splits `lines` (from [`block_lines`]) into messages and checks their syntax.
pub(super) fn parse_block<'a>(lines: &[&'a str]) -> Block<'a> {
    let mut block = Block::default();
    let mut i = 0;
    while i < lines.len() {
        let start = match parse_start_line(lines[i]) {
            Ok(start) => start,
            Err((byte, message, help)) => {
                block.findings.push(Finding::error(Span { line: i, byte }, message, help));
                // A status line broken after its code still says which code it is.
                match parse_status_line(lines[i].get(..12).unwrap_or("")) {
                    Err((12, ..)) if byte >= 12 => {
                        Start::Status { code: lines[i][9..12].parse().unwrap_or(0) }
                    }
                    _ => Start::Invalid,
                }
            }
        };
        let mut message = Message { start, line: i, fields: Vec::new(), body: Vec::new(), body_line: i + 1 };
        i += 1;
        while i < lines.len() && !is_blank(lines[i]) {
            match parse_field_line(lines[i], !message.fields.is_empty()) {
                Ok((name, value)) => message.fields.push(Field { name, value, line: i }),
                Err((byte, text, help)) => {
                    block.findings.push(Finding::error(Span { line: i, byte }, text, help))
                }
            }
            i += 1;
        }
        if matches!(message.start, Start::Request { .. })
            && lines[message.line].ends_with(" HTTP/1.1")
            && message.field("host").is_none()
        {
            block.findings.push(Finding::error(
                Span { line: message.line, byte: 0 },
                "an HTTP/1.1 request without a Host field",
                "add `Host: <the authority of the target URI>` (RFC 9112 section 3.2)",
            ));
        }
        i += 1; // the blank line that ends the header section
        let body_start = i.min(lines.len());
        let (end, next) = (body_start..lines.len())
            .find(|&j| {
                (j == body_start && looks_like_start(lines[j]))
                    || (is_blank(lines[j]) && lines.get(j + 1).is_some_and(|l| looks_like_start(l)))
            })
            .map_or((lines.len(), lines.len()), |j| if is_blank(lines[j]) { (j, j + 1) } else { (j, j) });
        let mut body = &lines[body_start..end];
        while let [rest @ .., last] = body {
            if !is_blank(last) {
                break;
            }
            body = rest; // blank lines before the separator are not shown data
        }
        message.body = body.to_vec();
        message.body_line = body_start;
        i = next;
        block.messages.push(message);
    }
    block
}

/// A line that looks empty: spaces or tabs on a line of their own are not
/// visible in an example, so they do not make a header field or a body line.
fn is_blank(line: &str) -> bool {
    line.trim_matches([' ', '\t']).is_empty()
}

/// Whether a line after a blank line starts a new message: it begins with
/// `HTTP/` (a status line) or ends with ` HTTP/` and a version (a request line).
pub(super) fn looks_like_start(line: &str) -> bool {
    line.starts_with("HTTP/")
        || line
            .rsplit_once(' ')
            .is_some_and(|(head, version)| !head.is_empty() && version.starts_with("HTTP/"))
}

type Problem = (usize, String, String);

/// `HTTP/1.1 404 Not Found` or `GET /path HTTP/1.1`.
pub(super) fn parse_start_line(line: &str) -> Result<Start<'_>, Problem> {
    if line.starts_with("HTTP/") {
        parse_status_line(line)
    } else {
        parse_request_line(line)
    }
}

const STATUS_FORM: &str =
    "a status line is `HTTP/1.1 SP three-digit code SP reason`, e.g. `HTTP/1.1 404 Not Found`";

fn parse_status_line(line: &str) -> Result<Start<'_>, Problem> {
    let b = line.as_bytes();
    check_version(line.get(..8).unwrap_or(line), 0)?;
    match b.get(8) {
        Some(b' ') => {}
        None => return Err((8, "the status line ends after the HTTP version".into(), STATUS_FORM.into())),
        Some(_) => return Err((8, "expected one space after the HTTP version".into(), STATUS_FORM.into())),
    }
    let digits = b.get(9..12).filter(|d| d.iter().all(u8::is_ascii_digit));
    let Some(digits) = digits else {
        return Err((9, "the status code must be three digits".into(), STATUS_FORM.into()));
    };
    let code = digits.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    if !(100..=599).contains(&code) {
        return Err((
            9,
            format!("{code} is not a status code: they run from 100 to 599"),
            STATUS_FORM.into(),
        ));
    }
    match b.get(12) {
        Some(b' ') => {}
        None => {
            return Err((
                12,
                "the status line needs a space after the status code, even when the reason phrase is empty"
                    .into(),
                format!(
                    "write `{line} ` (code, space, empty reason phrase), or add the reason phrase the server sends"
                ),
            ))
        }
        Some(_) => {
            return Err((
                12,
                "expected a space between the status code and the reason phrase".into(),
                STATUS_FORM.into(),
            ))
        }
    }
    if let Some((at, c)) = line[13..].char_indices().find(|&(_, c)| c.is_control() && c != '\t') {
        return Err((13 + at, format!("control character {c:?} in the reason phrase"), "remove it".into()));
    }
    Ok(Start::Status { code })
}

const REQUEST_FORM: &str =
    "a request line is `method SP request-target SP HTTP-version`, e.g. `GET /reports/2024 HTTP/1.1`";

fn parse_request_line(line: &str) -> Result<Start<'_>, Problem> {
    let parts: Vec<&str> = line.split(' ').collect();
    if !line.contains(" HTTP/") && !line.ends_with("HTTP/1.1") {
        return Err((
            0,
            "expected a request line or a status line to start a message".into(),
            format!("{REQUEST_FORM}; {STATUS_FORM}. Put a blank line between header fields and a body"),
        ));
    }
    if let Some(empty) = parts.iter().position(|p| p.is_empty()) {
        let at = parts[..empty].iter().map(|p| p.len() + 1).sum();
        return Err((
            at,
            "one space, not more, separates the parts of a request line".into(),
            REQUEST_FORM.into(),
        ));
    }
    if parts.len() > 3 {
        let at = parts[0].len() + 1 + parts[1].len();
        return Err((
            at,
            "the request target contains a space".into(),
            "percent-encode it as %20: spaces separate the parts of a request line".into(),
        ));
    }
    if parts.len() < 3 {
        return Err((line.len(), "the request line lacks a part".into(), REQUEST_FORM.into()));
    }
    let (method, target, version) = (parts[0], parts[1], parts[2]);
    if let Some(at) = method.bytes().position(|c| !is_tchar(c)) {
        return Err((at, format!("`{method}` is not a method: a method is a token"), REQUEST_FORM.into()));
    }
    let target_at = method.len() + 1;
    if let Some((at, c)) = target.char_indices().find(|&(_, c)| !c.is_ascii_graphic()) {
        return Err((
            target_at + at,
            format!("{c:?} is not allowed in a request target"),
            "percent-encode it (RFC 3986): a request target is visible ASCII only".into(),
        ));
    }
    check_version(version, target_at + target.len() + 1)?;
    Ok(Start::Request { method })
}

/// `HTTP/` DIGIT `.` DIGIT, found at byte `at` of the line.
fn check_version(version: &str, at: usize) -> Result<(), Problem> {
    let b = version.as_bytes();
    let ok = b.len() == 8
        && version.starts_with("HTTP/")
        && b[5].is_ascii_digit()
        && b[6] == b'.'
        && b[7].is_ascii_digit();
    if ok {
        Ok(())
    } else {
        Err((at, format!("`{version}` is not an HTTP version"), "write it as `HTTP/1.1`".into()))
    }
}

/// `name: value`; `after_field` says whether a field line came before (for line folding).
fn parse_field_line(line: &str, after_field: bool) -> Result<(&str, &str), Problem> {
    if line.starts_with([' ', '\t']) {
        return Err(if after_field {
            (
                0,
                "obsolete line folding: this indented line continues the previous field's value".into(),
                "join it to the previous line: RFC 9112 section 5.2 forbids generating folded fields".into(),
            )
        } else {
            (0, "whitespace before the first header field".into(), "remove it (RFC 9112 section 2.2)".into())
        });
    }
    let Some(colon) = line.find(':') else {
        return Err((
            0,
            "not a header field: expected `Name: value`".into(),
            "write header fields as `Name: value`, and put a blank line between the header fields and a body"
                .into(),
        ));
    };
    let name = &line[..colon];
    if name.is_empty() {
        return Err((0, "the field name is empty".into(), "write header fields as `Name: value`".into()));
    }
    let trimmed = name.trim_end_matches([' ', '\t']);
    if trimmed.len() < name.len() {
        return Err((
            trimmed.len(),
            "whitespace between a field name and its colon".into(),
            "remove it: RFC 9112 section 5.1 makes servers reject such a field".into(),
        ));
    }
    if let Some((at, c)) = name.char_indices().find(|&(_, c)| !c.is_ascii() || !is_tchar(c as u8)) {
        return Err((
            at,
            format!("{c:?} is not allowed in a field name"),
            "a field name is a token: letters, digits and !#$%&'*+-.^_`|~".into(),
        ));
    }
    let value = line[colon + 1..].trim_matches([' ', '\t']);
    if let Some((at, c)) = value.char_indices().find(|&(_, c)| c.is_control() && c != '\t') {
        let at = colon + 1 + line[colon + 1..].find(value).unwrap_or(0) + at;
        return Err((at, format!("control character {c:?} in a field value"), "remove it".into()));
    }
    Ok((name, value))
}

/// RFC 9110 `tchar`.
pub(super) fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

#[cfg(test)]
#[path = "http_message_tests.rs"]
mod tests;
