//! serde_yaml's errors as diagnostics at the file's own line: positions
//! counted from the fragment are moved to the file, errors without a useful
//! position (duplicate keys) are placed by looking for the key, and each gets
//! a hint on what to write instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::scan::second_key_line;
use crate::diagnostic::{Diagnostic, Kind, Location};

pub(super) fn type_help(key: &str, message: &str) -> Option<String> {
    if message.contains("unknown field") {
        return Some("check the spelling of the nested keys (docs/content-guide.md lists them)".into());
    }
    if message.contains("floating point") && message.contains("expected a string") {
        return Some(format!("quote the value of `{key}` so it is read as text, e.g. \"15.5\""));
    }
    if message.contains("expected i64") || message.contains("expected u16") {
        return Some("write whole numbers without quotes, e.g. `404`".into());
    }
    if message.contains("expected a sequence") {
        return Some(format!("write `{key}` as a list, e.g. `{key}: [a, b]`"));
    }
    None
}

/// serde's messages mention "at line 1 column 1" for values without position; drop it.
pub(super) fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Maps a serde_yaml error to the file's own line. serde_yaml counts from the
/// fragment's first line, and reports some errors (duplicate keys) without a
/// useful position: those are found by looking for the key.
pub(super) fn yaml_error(
    path: &Path,
    yaml: &str,
    first_line: usize,
    key_lines: &BTreeMap<String, usize>,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let message = err.to_string();
    let short = clean_message(&message);
    if let Some(key) = quoted_key(&short, "duplicate entry with key ") {
        let line = second_key_line(yaml, &key).map_or(first_line, |l| first_line + l);
        return Diagnostic::error(Kind::DuplicateKey, format!("duplicate key `{key}` in front matter"))
            .at(Location::new(path, line, 1))
            .help("keep one of the two");
    }
    if short.contains("recursion limit") {
        return Diagnostic::error(Kind::TooLarge, "front matter is nested too deeply")
            .at(Location::new(path, first_line, 1))
            .help("front matter keys are at most a list of small maps; flatten the value");
    }
    if short.contains("repetition limit") {
        return Diagnostic::error(Kind::TooLarge, "front matter expands to too much data (YAML aliases)")
            .at(Location::new(path, first_line, 1))
            .help("write the values out instead of using YAML anchors and aliases");
    }
    let mut position = err.location().map(|loc| (loc.line(), loc.column()));
    let mut help = "check indentation and quote values that contain `: ` or start with a special character";
    // "found unexpected end of stream at line 4 column 1, while scanning a quoted
    // scalar at line 2 column 8": the start of what was left open is the place to fix.
    let short = match message.split_once(", while ") {
        Some((problem, context)) => {
            let opened = context.contains("quoted scalar") || context.contains("flow ");
            if let Some(start) = fragment_position(context).filter(|_| opened) {
                position = Some(start);
                help = if context.contains("quoted") {
                    "close the quote that starts here"
                } else {
                    "close the bracket that starts here"
                };
            }
            format!("{} while {}", clean_message(problem), clean_message(context))
        }
        None => short,
    };
    let (line, column) = match position {
        Some((line, column)) => (first_line + line.saturating_sub(1), column),
        None => (key_lines.values().next().copied().unwrap_or(first_line), 1),
    };
    Diagnostic::error(Kind::InvalidYaml, format!("invalid YAML in front matter: {short}"))
        .at(Location::new(path, line, column))
        .help(help)
}

/// "... at line 2 column 8" -> (2, 8), counted in the fragment.
fn fragment_position(message: &str) -> Option<(usize, usize)> {
    let rest = message.split(" at line ").nth(1)?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

fn quoted_key(message: &str, prefix: &str) -> Option<String> {
    let rest = message.split(prefix).nth(1)?;
    let rest = rest.trim_start_matches('"');
    let end = rest.find('"').unwrap_or(rest.len());
    Some(rest[..end].to_string())
}
