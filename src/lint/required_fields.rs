//! The header fields RFC 9110 asks of a response with a given status, as
//! shown in an example: an error where the RFC says MUST, a warning where it
//! says SHOULD. (`Retry-After` on 429 and 503 is common practice, not a rule,
//! and is not asked for.)

use super::http_message::{Finding, Message, Span};

/// How strongly RFC 9110 asks for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Must,
    Should,
}

/// One rule: a response with `status` carries `field`.
struct Rule {
    status: u16,
    field: &'static str,
    strength: Strength,
    section: &'static str,
    /// What the field says, for the hint.
    example: &'static str,
}

const RULES: &[Rule] = &[
    Rule { status: 101, field: "Upgrade", strength: Strength::Must, section: "15.2.2", example: "websocket" },
    Rule {
        status: 201,
        field: "Location",
        strength: Strength::Should,
        section: "15.3.2",
        example: "/the/new/resource",
    },
    Rule {
        status: 206,
        field: "Content-Range",
        strength: Strength::Must,
        section: "15.3.7",
        example: "bytes 0-1023/146515",
    },
    Rule {
        status: 301,
        field: "Location",
        strength: Strength::Should,
        section: "15.4.2",
        example: "/new/place",
    },
    Rule {
        status: 302,
        field: "Location",
        strength: Strength::Should,
        section: "15.4.3",
        example: "/new/place",
    },
    Rule {
        status: 303,
        field: "Location",
        strength: Strength::Should,
        section: "15.4.4",
        example: "/new/place",
    },
    Rule {
        status: 307,
        field: "Location",
        strength: Strength::Should,
        section: "15.4.8",
        example: "/new/place",
    },
    Rule {
        status: 308,
        field: "Location",
        strength: Strength::Should,
        section: "15.4.9",
        example: "/new/place",
    },
    Rule {
        status: 401,
        field: "WWW-Authenticate",
        strength: Strength::Must,
        section: "15.5.2",
        example: "Bearer realm=\"api\"",
    },
    Rule { status: 405, field: "Allow", strength: Strength::Must, section: "15.5.6", example: "GET, HEAD" },
    Rule {
        status: 407,
        field: "Proxy-Authenticate",
        strength: Strength::Must,
        section: "15.5.8",
        example: "Basic realm=\"proxy\"",
    },
    Rule {
        status: 416,
        field: "Content-Range",
        strength: Strength::Should,
        section: "15.5.17",
        example: "bytes */146515",
    },
    Rule { status: 426, field: "Upgrade", strength: Strength::Must, section: "15.5.22", example: "HTTP/3.0" },
];

/// Problems with the fields a response of its status requires; `request` is the
/// request it answers (a 416 to a range in another unit is not asked for
/// Content-Range).
pub(super) fn check_required_fields(response: &Message<'_>, request: Option<&Message<'_>>) -> Vec<Finding> {
    let Some(status) = response.status() else { return Vec::new() };
    RULES
        .iter()
        .filter(|rule| rule.status == status && response.field(rule.field).is_none())
        .filter(|rule| !exempt(rule, response, request))
        .map(|rule| {
            let at = Span { line: response.line, byte: 9 };
            let help = format!(
                "add a field such as `{}: {}` (RFC 9110 section {})",
                rule.field, rule.example, rule.section
            );
            match rule.strength {
                Strength::Must => {
                    Finding::error(at, format!("a {status} response must carry {}", rule.field), help)
                }
                Strength::Should => {
                    Finding::warning(at, format!("a {status} response should carry {}", rule.field), help)
                }
            }
        })
        .collect()
}

/// A multipart/byteranges 206 has a Content-Range in each part instead; a
/// 416 to a range in another unit than bytes is not asked for one.
fn exempt(rule: &Rule, response: &Message<'_>, request: Option<&Message<'_>>) -> bool {
    match rule.status {
        206 => response
            .field("content-type")
            .is_some_and(|f| f.value.to_ascii_lowercase().starts_with("multipart/byteranges")),
        416 => request
            .and_then(|r| r.field("range"))
            .is_some_and(|f| !f.value.trim_start().to_ascii_lowercase().starts_with("bytes")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::lint::http_message::{block_lines, parse_block};

    /// (severity, message) of each finding for the last message of `text`.
    fn check(text: &str) -> Vec<(Severity, String)> {
        let lines = block_lines(text);
        let block = parse_block(&lines);
        assert!(block.findings.is_empty(), "{:?}", block.findings);
        let (last, rest) = block.messages.split_last().unwrap();
        let request = rest.iter().rev().find(|m| m.is_request());
        check_required_fields(last, request).into_iter().map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn each_rule_fires_without_its_field_and_not_with_it() {
        for rule in RULES {
            let bare = format!("HTTP/1.1 {} X\nContent-Length: 0\n", rule.status);
            let found = check(&bare);
            let word = if rule.strength == Strength::Must { "must" } else { "should" };
            assert_eq!(found.len(), 1, "{bare}: {found:?}");
            assert_eq!(found[0].1, format!("a {} response {word} carry {}", rule.status, rule.field));
            let with =
                format!("HTTP/1.1 {} X\n{}: {}\n", rule.status, rule.field.to_lowercase(), rule.example);
            assert_eq!(check(&with), vec![], "{with}");
        }
    }

    #[test]
    fn must_is_an_error_and_should_a_warning() {
        assert_eq!(check("HTTP/1.1 401 Unauthorized\n")[0].0, Severity::Error);
        assert_eq!(check("HTTP/1.1 301 Moved Permanently\n")[0].0, Severity::Warning);
    }

    #[test]
    fn an_empty_allow_is_enough() {
        assert_eq!(check("HTTP/1.1 405 Method Not Allowed\nAllow:\n"), vec![]);
    }

    #[test]
    fn exemptions_follow_the_rfc() {
        let multipart = "HTTP/1.1 206 Partial Content\nContent-Type: multipart/byteranges; boundary=X\n";
        assert_eq!(check(multipart), vec![]);
        let other_unit = "GET /a HTTP/1.1\nHost: a\nRange: items=0-9\n\nHTTP/1.1 416 Range Not Satisfiable\n";
        assert_eq!(check(other_unit), vec![]);
        let bytes = "GET /a HTTP/1.1\nHost: a\nRange: bytes=9-\n\nHTTP/1.1 416 Range Not Satisfiable\n";
        assert_eq!(check(bytes).len(), 1);
    }

    #[test]
    fn other_codes_ask_for_nothing() {
        assert_eq!(check("HTTP/1.1 429 Too Many Requests\n"), vec![]);
        assert_eq!(check("HTTP/1.1 503 Service Unavailable\n"), vec![]);
    }
}
