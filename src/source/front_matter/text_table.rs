//! A two-level YAML map of text (`group: {key: text}`), such as a theme's
//! strings file, with the file line of every group and key.
//!
//! 1. refuse files that are too large or too deeply nested, as front matter,
//! 2. parse into a YAML value (errors at the file's line),
//! 3. check the shape: a map of maps of text, each problem at its line.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use super::scan::{key_of_line, too_deep, top_level_key_lines};
use super::{read_map, value_kind, MapShape, MAX_FRONT_MATTER_BYTES};
use crate::diagnostic::{Diagnostic, Kind, Location};

/// The groups of a text table, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextTable {
    pub groups: Vec<TextGroup>,
}

/// `group:` and its entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextGroup {
    pub name: String,
    pub line: usize,
    pub entries: Vec<TextEntry>,
}

/// `  key: text`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEntry {
    pub key: String,
    pub line: usize,
    pub text: String,
}

/// Reads the whole of `yaml` (the file `path`) as a text table. Every value
/// that is not text is reported at its line and left out; `None` when the
/// file could not be read at all.
pub fn parse_text_table(path: &Path, yaml: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<TextTable> {
    let at = |line: usize| Location::new(path, line, 1);
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        diagnostics.push(
            Diagnostic::error(
                Kind::TooLarge,
                format!("the file is {} bytes; the limit is {MAX_FRONT_MATTER_BYTES}", yaml.len()),
            )
            .at(at(1))
            .help("a strings file holds short texts; shorten them"),
        );
        return None;
    }
    if let Some((line, depth)) = too_deep(yaml) {
        diagnostics.push(
            Diagnostic::error(
                Kind::TooLarge,
                format!("the file is nested {depth} levels deep; groups hold text only"),
            )
            .at(at(line + 1))
            .help("write `group:` then `  key: text` lines"),
        );
        return None;
    }
    let group_lines = top_level_key_lines(yaml, 1);
    let shape = MapShape {
        must_be: "the file must be a map of groups",
        help: "write `group:` then `  key: text` lines",
    };
    let map = match read_map(path, yaml, 1, &group_lines, &shape) {
        Ok(map) => map,
        Err(mut problem) => {
            // The YAML layer speaks of front matter; this file is all YAML.
            problem.message = problem.message.replace(" in front matter", "");
            diagnostics.push(*problem);
            return None;
        }
    };
    let key_lines = nested_key_lines(yaml);
    let mut table = TextTable::default();
    for (name, value) in map {
        let Some(name) = name.as_str().map(str::to_string) else {
            diagnostics.push(
                Diagnostic::error(Kind::WrongType, format!("a group name is {}", value_kind(&name)))
                    .at(at(1)),
            );
            continue;
        };
        let line = group_lines.get(&name).copied().unwrap_or(1);
        let Value::Mapping(entries) = value else {
            diagnostics.push(
                Diagnostic::error(
                    Kind::WrongType,
                    format!("`{name}` must be a group of `key: text` lines, found {}", value_kind(&value)),
                )
                .at(at(line))
                .help(format!("write `{name}:` on its own line, then indented `key: text` lines")),
            );
            continue;
        };
        let mut group = TextGroup { name, line, entries: Vec::new() };
        for (key, text) in entries {
            let Some(key) = key.as_str().map(str::to_string) else {
                diagnostics.push(
                    Diagnostic::error(
                        Kind::WrongType,
                        format!("a key in `{}` is {}", group.name, value_kind(&key)),
                    )
                    .at(at(line)),
                );
                continue;
            };
            let key_line = key_lines.get(&(group.name.clone(), key.clone())).copied().unwrap_or(line);
            match text {
                Value::String(text) => group.entries.push(TextEntry { key, line: key_line, text }),
                other => diagnostics.push(
                    Diagnostic::error(
                        Kind::WrongType,
                        format!("`{}.{key}` must be text, found {}", group.name, value_kind(&other)),
                    )
                    .at(at(key_line))
                    .help("put the text in quotes"),
                ),
            }
        }
        table.groups.push(group);
    }
    Some(table)
}

/// File lines of `group:` / `  key:` pairs (first occurrence), for block-style YAML.
fn nested_key_lines(yaml: &str) -> BTreeMap<(String, String), usize> {
    let mut lines = BTreeMap::new();
    let mut group: Option<&str> = None;
    for (i, line) in yaml.lines().enumerate() {
        if let Some(key) = key_of_line(line) {
            group = Some(key);
        } else if let (Some(g), true) = (group, line.starts_with([' ', '\t'])) {
            if let Some(key) = key_of_line(line.trim_start()) {
                lines.entry((g.to_string(), key.to_string())).or_insert(i + 1);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> (Option<TextTable>, Vec<(usize, String)>) {
        let mut diags = Vec::new();
        let table = parse_text_table(Path::new("themes/t/strings/en.yaml"), yaml, &mut diags);
        (table, diags.iter().map(|d| (d.location.as_ref().unwrap().line, d.message.clone())).collect())
    }

    #[test]
    fn groups_and_keys_keep_their_lines() {
        let (table, diags) =
            parse("# words\npage:\n  home: Home\n  skip: \"Skip: now\"\n\ncode:\n  see_also: See also\n");
        assert!(diags.is_empty(), "{diags:?}");
        let table = table.unwrap();
        let page = &table.groups[0];
        assert_eq!((page.name.as_str(), page.line), ("page", 2));
        assert_eq!(page.entries[1], TextEntry { key: "skip".into(), line: 4, text: "Skip: now".into() });
        assert_eq!(table.groups[1].entries[0].line, 7);
    }

    #[test]
    fn values_that_are_not_text_are_reported_at_their_line() {
        let (table, diags) = parse("page:\n  home: Home\n  count: 3\n  list: [a]\nloose: text\n");
        assert_eq!(
            diags,
            vec![
                (3, "`page.count` must be text, found a number".to_string()),
                (4, "`page.list` must be text, found a list".to_string()),
                (5, "`loose` must be a group of `key: text` lines, found text".to_string()),
            ]
        );
        assert_eq!(table.unwrap().groups[0].entries.len(), 1);
    }

    #[test]
    fn bad_yaml_and_duplicates_point_at_the_file_line() {
        let (table, diags) = parse("page:\n  home: Home\n  home: Again\n");
        assert!(table.is_none());
        assert_eq!(diags, vec![(3, "duplicate key `home`".to_string())]);
        let (_, diags) = parse("page:\n  home: \"open\n");
        assert_eq!(diags[0].0, 2);
        assert!(diags[0].1.starts_with("invalid YAML: "), "{}", diags[0].1);
    }
}
