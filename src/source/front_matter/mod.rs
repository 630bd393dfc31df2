//! The only module that touches serde_yaml: turns a YAML fragment (front
//! matter, or the whole of `site.yaml`) into one of the `raw` types, and a
//! theme's strings file into a `TextTable` (`text_table`). To swap the YAML
//! library, this folder is all there is to change.
//!
//! 1. refuse fragments that are too large or too deeply nested (libyaml and
//!    serde_yaml are slow on pathological nesting),
//! 2. parse into a YAML value, mapping error positions back to file lines,
//! 3. find the line of every top-level key,
//! 4. report every unknown key (with a did-you-mean),
//! 5. read each known key on its own, so one wrong type does not hide the next.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{did_you_mean, Diagnostic, Kind, Location};

use self::scan::{list_item_lines, too_deep, top_level_key_lines, ItemLines};
use self::yaml_errors::{clean_message, type_help, yaml_error};

mod scan;
mod text_table;
mod yaml_errors;

pub use text_table::{parse_text_table, TextEntry, TextGroup, TextTable};

/// Front matter larger than this is refused before parsing.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Nesting deeper than this is refused before parsing.
pub const MAX_NESTING: usize = 32;

/// A type read from a YAML mapping, key by key.
pub trait Schema: Sized + DeserializeOwned {
    /// The keys the type accepts; any other key is an error.
    const KEYS: &'static [&'static str];
    fn read(fields: &mut Fields<'_>) -> Self;
}

/// A parsed fragment and the file line of each top-level key.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub data: T,
    key_lines: BTreeMap<String, usize>,
    /// The items of top-level block lists, with the lines of their keys.
    item_lines: BTreeMap<String, Vec<ItemLines>>,
    /// Keys whose value had the wrong type (already reported).
    rejected: Vec<&'static str>,
    path: PathBuf,
    first_line: usize,
}

impl<T> Parsed<T> {
    /// Where `key` was written, or the first line of the fragment when it is absent.
    pub fn location_of(&self, key: &str) -> Location {
        let line = self.key_lines.get(key).copied().unwrap_or(self.first_line.saturating_sub(1).max(1));
        Location::new(&self.path, line, 1)
    }

    /// Where item `index` of the list `key` was written, or its `field` when
    /// given and written; `key`'s own line when the item is not found.
    pub fn item_location(&self, key: &str, index: usize, field: Option<&str>) -> Location {
        let item = self.item_lines.get(key).and_then(|items| items.get(index));
        match item {
            Some(item) => {
                let line = field.and_then(|f| item.keys.get(f)).copied().unwrap_or(item.line);
                Location::new(&self.path, line, 1)
            }
            None => self.location_of(key),
        }
    }

    /// Whether `key` is written in the fragment, whatever its value.
    pub fn has_key(&self, key: &str) -> bool {
        self.key_lines.contains_key(key)
    }

    /// Whether `key` had a value of the wrong type; that was reported already.
    pub fn rejected(&self, key: &str) -> bool {
        self.rejected.contains(&key)
    }
}

/// Access to the keys of one mapping, reporting wrong types as diagnostics.
pub struct Fields<'a> {
    map: Mapping,
    yaml: &'a str,
    first_line: usize,
    key_lines: &'a BTreeMap<String, usize>,
    path: &'a Path,
    fallback_line: usize,
    rejected: Vec<&'static str>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Fields<'_> {
    /// Reads `key`; `None` when absent, null, or of the wrong type (then reported).
    pub fn take<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        let value = self.map.remove(key)?;
        if value.is_null() {
            return None;
        }
        match serde_yaml::from_value::<T>(value) {
            Ok(v) => Some(v),
            Err(err) => {
                let line = self.key_lines.get(key).copied().unwrap_or(self.fallback_line);
                let message = err.to_string();
                if let Some(d) = self.unknown_nested_key(key, line, &message) {
                    self.diagnostics.push(d);
                    self.rejected.push(key);
                    return None;
                }
                let help = type_help(key, &message);
                let mut d = Diagnostic::error(
                    Kind::WrongType,
                    format!("`{key}` has the wrong type: {}", clean_message(&message)),
                )
                .at(Location::new(self.path, line, 1));
                if let Some(help) = help {
                    d = d.help(help);
                }
                self.diagnostics.push(d);
                self.rejected.push(key);
                None
            }
        }
    }
}

impl Fields<'_> {
    /// serde's "unknown field `descripton`, expected `title` or `description`"
    /// inside `meta` becomes "unknown key `meta.descripton`" at its own line,
    /// with a did-you-mean.
    fn unknown_nested_key(&self, key: &str, key_line: usize, message: &str) -> Option<Diagnostic> {
        let rest = message.strip_prefix("unknown field `")?;
        let (name, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let line = self
            .yaml
            .lines()
            .enumerate()
            .skip(key_line.saturating_sub(self.first_line) + 1)
            .take_while(|(_, l)| l.starts_with([' ', '\t', '-']) || l.trim().is_empty())
            .find(|(_, l)| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                l.strip_prefix(name).is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map_or(key_line, |(i, _)| self.first_line + i);
        let d = Diagnostic::error(
            Kind::UnknownKey,
            format!("unknown key `{key}.{name}` {}", where_in(self.path)),
        )
        .at(Location::new(self.path, line, 1));
        Some(match did_you_mean(name, &expected) {
            Some(candidate) => d.help(format!("did you mean `{candidate}`?")),
            None => d.help(format!("the keys allowed in `{key}` are: {}", expected.join(", "))),
        })
    }
}

/// Parses `yaml`, whose first line is line `first_line` of the file `path`.
/// Returns `None` only when the fragment could not be read at all; problems
/// with single keys are reported and the key left out.
pub fn parse<T: Schema>(
    path: &Path,
    yaml: &str,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    parse_with(path, yaml, first_line, diagnostics, &|_| None)
}

/// What a YAML document must be at its top level, for the report when it is not.
pub(super) struct MapShape<'a> {
    /// "front matter must be a map of keys"
    pub(super) must_be: &'a str,
    pub(super) help: &'a str,
}

/// Reads `yaml` (starting at `first_line` of `path`) as a map: a syntax error
/// at its line, or a document of another shape, is the problem returned. An
/// empty document is an empty map.
pub(super) fn read_map(
    path: &Path,
    yaml: &str,
    first_line: usize,
    key_lines: &BTreeMap<String, usize>,
    shape: &MapShape<'_>,
) -> Result<Mapping, Box<Diagnostic>> {
    let value: Value = serde_yaml::from_str(yaml)
        .map_err(|err| Box::new(yaml_error(path, yaml, first_line, key_lines, &err)))?;
    match value {
        Value::Mapping(map) => Ok(map),
        Value::Null => Ok(Mapping::new()),
        other => Err(Box::new(
            Diagnostic::error(Kind::WrongType, format!("{}, found {}", shape.must_be, value_kind(&other)))
                .at(Location::new(path, first_line, 1))
                .help(shape.help),
        )),
    }
}
/// `parse`, where `foreign` may explain a key `T` does not take (a key the
/// source page takes but a translation may not): `Some((message, help))`.
pub fn parse_with<T: Schema>(
    path: &Path,
    yaml: &str,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
    foreign: &dyn Fn(&str) -> Option<(String, String)>,
) -> Option<Parsed<T>> {
    let at = |line: usize, column: usize| Location::new(path, line, column);
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        diagnostics.push(
            Diagnostic::error(
                Kind::TooLarge,
                format!(
                    "front matter is {} bytes; the limit is {} bytes",
                    yaml.len(),
                    MAX_FRONT_MATTER_BYTES
                ),
            )
            .at(at(first_line, 1))
            .help("front matter holds a few short keys; move long text into the body"),
        );
        return None;
    }
    if let Some((line, depth)) = too_deep(yaml) {
        diagnostics.push(
            Diagnostic::error(
                Kind::TooLarge,
                format!("front matter is nested {depth} levels deep; the limit is {MAX_NESTING}"),
            )
            .at(at(first_line + line, 1))
            .help("front matter keys are at most a list of small maps; flatten the value"),
        );
        return None;
    }
    let key_lines = top_level_key_lines(yaml, first_line);
    let item_lines = list_item_lines(yaml, first_line);
    // Fast path: valid front matter deserializes straight into its type. Only
    // when that fails is it read key by key, to report every problem.
    if let Ok(data) = serde_yaml::from_str::<T>(yaml) {
        return Some(Parsed {
            data,
            key_lines,
            item_lines,
            rejected: Vec::new(),
            path: path.to_path_buf(),
            first_line,
        });
    }
    let shape =
        MapShape { must_be: "front matter must be a map of keys", help: "write one `key: value` per line" };
    let map = match read_map(path, yaml, first_line, &key_lines, &shape) {
        Ok(map) => map,
        Err(problem) => {
            diagnostics.push(*problem);
            return None;
        }
    };
    let fallback_line = first_line.saturating_sub(1).max(1);
    for key in map.keys() {
        match key.as_str() {
            Some(name) if T::KEYS.contains(&name) => {}
            Some(name) if foreign(name).is_some() => {
                let line = key_lines.get(name).copied().unwrap_or(fallback_line);
                let (message, help) = foreign(name).unwrap_or_default();
                diagnostics.push(Diagnostic::error(Kind::UnknownKey, message).at(at(line, 1)).help(help));
            }
            Some(name) => {
                // Underline the key where its line is known (it starts the line).
                let place = match key_lines.get(name) {
                    Some(&line) => at(line, 1).spanning(name.chars().count()),
                    None => at(fallback_line, 1),
                };
                let mut d =
                    Diagnostic::error(Kind::UnknownKey, format!("unknown key `{name}` {}", where_in(path)))
                        .at(place);
                d = match did_you_mean(name, T::KEYS) {
                    Some(candidate) => d.help(format!("did you mean `{candidate}`?")),
                    None => d.help(format!("the keys allowed here are: {}", T::KEYS.join(", "))),
                };
                diagnostics.push(d);
            }
            None => diagnostics.push(
                Diagnostic::error(
                    Kind::WrongType,
                    format!("front matter keys must be text, found {}", value_kind(key)),
                )
                .at(at(fallback_line, 1)),
            ),
        }
    }
    let mut fields = Fields {
        map,
        yaml,
        first_line,
        key_lines: &key_lines,
        path,
        fallback_line,
        rejected: Vec::new(),
        diagnostics,
    };
    let data = T::read(&mut fields);
    let rejected = fields.rejected;
    Some(Parsed { data, key_lines, item_lines, rejected, path: path.to_path_buf(), first_line })
}

/// "in site.yaml" for the site's settings, else "in front matter".
fn where_in(path: &Path) -> &'static str {
    if path == Path::new(crate::source::SITE_CONFIG_PATH) {
        "in site.yaml"
    } else {
        "in front matter"
    }
}

fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::raw::RawCodePage;

    fn parse_code(yaml: &str) -> (Option<Parsed<RawCodePage>>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let parsed = parse::<RawCodePage>(Path::new("content/4xx/404.md"), yaml, 2, &mut diags);
        (parsed, diags)
    }

    fn lines(diags: &[Diagnostic]) -> Vec<(usize, String)> {
        diags.iter().map(|d| (d.location.as_ref().unwrap().line, d.message.clone())).collect()
    }

    #[test]
    fn unknown_keys_in_site_yaml_say_site_yaml() {
        use crate::source::raw::RawSiteConfig;
        let mut diags = Vec::new();
        let yaml =
            "title: T\nlanguages:\n  - code: fr\n    name: F\n    prefix: fr\n    extra: 1\ntitel: x\n";
        parse::<RawSiteConfig>(Path::new("site.yaml"), yaml, 1, &mut diags);
        assert_eq!(
            lines(&diags),
            vec![
                (7, "unknown key `titel` in site.yaml".to_string()),
                (6, "unknown key `languages.extra` in site.yaml".to_string())
            ]
        );
    }

    #[test]
    fn reads_known_keys() {
        let (parsed, diags) = parse_code("code: 404\ntitle: Not Found\nexcerpt: Gone missing.\ntags: [a]\n");
        assert!(diags.is_empty(), "{diags:?}");
        let parsed = parsed.unwrap();
        assert_eq!(parsed.data.code, Some(404));
        assert_eq!(parsed.location_of("title").line, 3);
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_file_line() {
        let (_, diags) = parse_code("code: 404\ntitel: Not Found\nexcrept: x\nfoo: 1\n");
        assert_eq!(
            lines(&diags),
            vec![
                (3, "unknown key `titel` in front matter".to_string()),
                (4, "unknown key `excrept` in front matter".to_string()),
                (5, "unknown key `foo` in front matter".to_string()),
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(diags[1].help.as_deref(), Some("did you mean `excerpt`?"));
    }

    #[test]
    fn wrong_types_are_all_reported() {
        let (parsed, diags) = parse_code("code: four\ntitle: [a]\nexcerpt: fine\n");
        assert_eq!(lines(&diags).iter().map(|l| l.0).collect::<Vec<_>>(), vec![2, 3]);
        assert!(diags[0].message.starts_with("`code` has the wrong type"), "{}", diags[0].message);
        assert_eq!(parsed.unwrap().data.excerpt.as_deref(), Some("fine"));
    }

    #[test]
    fn syntax_error_line_is_the_file_line() {
        let (_, diags) = parse_code("code: 404\ntitle: \"unclosed\nexcerpt: x\n");
        assert_eq!(diags.len(), 1);
        let loc = diags[0].location.as_ref().unwrap();
        assert!(diags[0].message.starts_with("invalid YAML"), "{}", diags[0].message);
        assert!(loc.line >= 3, "line {} should be in the file, not the fragment", loc.line);
    }

    #[test]
    fn duplicate_key_points_at_the_second_occurrence() {
        let (_, diags) = parse_code("code: 404\ntitle: A\nexcerpt: x\ntitle: B\n");
        assert_eq!(lines(&diags), vec![(5, "duplicate key `title` in front matter".to_string())]);
    }

    #[test]
    fn nested_duplicate_key_points_at_the_second_occurrence() {
        let (_, diags) = parse_code("code: 404\ntitle: A\nmeta:\n  title: a\n  description: b\n  title: c\n");
        assert_eq!(lines(&diags), vec![(7, "duplicate key `title` in front matter".to_string())]);
        let yaml = "code: 404\nspec:\n  - name: a\n    section: b\n  - name: c\n    name: d\n";
        let (_, diags) = parse_code(yaml);
        assert_eq!(lines(&diags), vec![(7, "duplicate key `name` in front matter".to_string())]);
    }

    #[test]
    fn unclosed_quote_points_at_the_opening_quote() {
        let (_, diags) = parse_code("code: 404\ntitle: \"unclosed\nexcerpt: x\n");
        let loc = diags[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 8));
        assert_eq!(
            diags[0].message,
            "invalid YAML in front matter: found unexpected end of stream while scanning a quoted scalar"
        );
        let (_, diags) = parse_code("code: 404\ntags: [a, b\nexcerpt: x\n");
        let loc = diags[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 7));
    }

    #[test]
    fn billion_laughs_is_refused_quickly() {
        let mut yaml =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let mut prev = 'a';
        for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
            yaml.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = name;
        }
        let (_, diags) = parse_code(&yaml);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message, "front matter expands to too much data (YAML aliases)");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let yaml = format!("code: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let (_, diags) = parse_code(&yaml);
        assert!(diags[0].message.contains("limit"), "{}", diags[0].message);
        let yaml = format!("code: 1\ntags: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        let (_, diags) = parse_code(&yaml);
        assert_eq!(
            lines(&diags),
            vec![(3, "front matter is nested 1000 levels deep; the limit is 32".into())]
        );
        for hide in ["it's", "a#b", "\"x\""] {
            let yaml = format!("code: 1\ntags: [{hide}, {}{}]\n", "[".repeat(40), "]".repeat(40));
            let (_, diags) = parse_code(&yaml);
            assert!(diags[0].message.contains("nested 41 levels"), "{hide}: {:?}", diags[0].message);
        }
        let yaml = format!("code: 1\nx:\n{}1\n", "- ".repeat(1000));
        let (_, diags) = parse_code(&yaml);
        assert!(diags[0].message.contains("nested"), "{}", diags[0].message);
    }

    #[test]
    fn nested_unknown_keys_are_reported_at_their_line_with_a_suggestion() {
        let (_, diags) = parse_code(
            "code: 404\nmeta:\n  title: T\n  descripton: D\nspec:\n  - name: RFC 9110\n    sectoin: \"1\"\n",
        );
        assert_eq!(
            lines(&diags),
            vec![
                (5, "unknown key `meta.descripton` in front matter".to_string()),
                (8, "unknown key `spec.sectoin` in front matter".to_string()),
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `description`?"));
        assert_eq!(diags[1].help.as_deref(), Some("did you mean `section`?"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("see-also", RawCodePage::KEYS), Some("see_also"));
        assert_eq!(did_you_mean("xyzzy", RawCodePage::KEYS), None);
    }
}
