//! Theme strings: every word the theme shows or reads out, one file per
//! language (`strings/<code>.yaml`, e.g. `en.yaml`, `zh-Hans.yaml`), grouped
//! as `group: {key: text}`. Templates read them as `t.GROUP.KEY`; search.js
//! gets every language's `search` group.
//!
//! 1. **Read.** The default theme's files are embedded ([`BUILTIN`]); a
//!    theme's own `strings/<code>.yaml` replaces the file of its language or
//!    adds a language, with no Rust change. YAML goes through
//!    `source::front_matter::parse_text_table`.
//! 2. **Check.** English ([`REFERENCE`]) is the reference: it must hold the
//!    keys Rust reads ([`required_keys`]), every other language has exactly
//!    its groups and keys (a missing or an unknown one is an error at its
//!    file and line), and each translation keeps the `{placeholders}` of the
//!    English text. Keys a template uses that English lacks are found by
//!    `theme::fields`, which sees the strings as `t`.
//! 3. **Serve.** [`ThemeStrings::for_language`] gives one language's
//!    [`Strings`] for a page's context; [`ThemeStrings::fill_script`] writes
//!    the `search` groups into search.js in place of [`SCRIPT_MARKER`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Serialize, Serializer};

use crate::diagnostic::{did_you_mean, Diagnostic, Kind, Location};
use crate::model::Status;
use crate::source::front_matter::parse_text_table;

/// The language every other strings file is checked against.
pub const REFERENCE: &str = "en";

/// The group search.js gets.
pub const SCRIPT_GROUP: &str = "search";

/// What search.js holds where the strings go: `var STRINGS = /* theme strings */ {};`.
pub const SCRIPT_MARKER: &str = "/* theme strings */ {}";

/// The default theme's strings files, by language code.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/strings/en.yaml")),
    ("zh-Hans", include_str!("../../themes/default/strings/zh-Hans.yaml")),
];

/// Where the default theme's strings files are, for diagnostics.
const BUILTIN_DIR: &str = "themes/default/strings";

/// Keys Rust reads itself (page titles, the status badges): the reference must have them.
pub fn required_keys() -> Vec<(&'static str, &'static str)> {
    let mut keys = vec![("not_found", "title"), ("not_found", "description")];
    keys.extend(Status::ALL.iter().map(|(name, _)| ("status", *name)));
    keys
}

/// One key's text and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    text: String,
    line: usize,
}

/// One language's strings; templates see them as `t` (`t.code.see_also`).
#[derive(Debug, Clone)]
pub struct Strings {
    language: String,
    path: PathBuf,
    groups: BTreeMap<String, (usize, BTreeMap<String, Entry>)>,
}

impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.groups.iter().map(|(name, (_, entries))| (name, texts(entries))))
    }
}

fn texts(entries: &BTreeMap<String, Entry>) -> BTreeMap<&str, &str> {
    entries.iter().map(|(k, e)| (k.as_str(), e.text.as_str())).collect()
}

impl Strings {
    /// The language code, e.g. `zh-Hans`.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The text of `group.key`; every key of [`required_keys`] is there.
    pub fn get(&self, group: &str, key: &str) -> Option<&str> {
        self.groups.get(group)?.1.get(key).map(|e| e.text.as_str())
    }

    /// Every `(group, key)`, in order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.groups.iter().flat_map(|(g, (_, entries))| entries.keys().map(move |k| (g.as_str(), k.as_str())))
    }

    fn parse(
        language: &str,
        path: PathBuf,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Strings> {
        let table = parse_text_table(&path, text, diagnostics)?;
        let groups = table
            .groups
            .into_iter()
            .map(|g| {
                let entries =
                    g.entries.into_iter().map(|e| (e.key, Entry { text: e.text, line: e.line })).collect();
                (g.name, (g.line, entries))
            })
            .collect();
        Some(Strings { language: language.to_string(), path, groups })
    }

    fn at(&self, line: usize) -> Location {
        Location::new(&self.path, line, 1)
    }

    fn file_name(&self) -> String {
        self.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// Every language a theme has, checked against the reference.
#[derive(Debug, Clone)]
pub struct ThemeStrings {
    /// By language code; the reference is always there.
    languages: BTreeMap<String, Strings>,
}

impl ThemeStrings {
    /// The strings of the language `code` as written in site.yaml, else of
    /// its primary subtag (`en-GB` -> `en`), if the theme has either.
    pub fn for_language(&self, code: &str) -> Option<&Strings> {
        self.languages.get(code).or_else(|| {
            let primary = code.split('-').next().unwrap_or(code);
            self.languages.get(primary)
        })
    }

    /// The English strings, which every other language matches key for key.
    pub fn reference(&self) -> &Strings {
        &self.languages[REFERENCE]
    }

    /// The reference's file, as diagnostics name it.
    pub fn reference_file(&self) -> String {
        crate::diagnostic::display_path(&self.reference().path)
    }

    /// The language codes the theme has, sorted.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.keys().map(String::as_str)
    }

    /// search.js with `{"en": {...search group...}, "zh-Hans": {...}}` in place of
    /// [`SCRIPT_MARKER`], the reference first; unchanged when it has no marker.
    pub fn fill_script(&self, script: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(script).ok()?;
        let at = text.find(SCRIPT_MARKER)?;
        let reference = std::iter::once(self.reference());
        let others = self.languages.values().filter(|s| s.language != REFERENCE);
        let entries: Vec<String> = reference
            .chain(others)
            .map(|s| {
                let group = s.groups.get(SCRIPT_GROUP).map(|(_, e)| texts(e)).unwrap_or_default();
                let json = serde_json::to_string(&group).unwrap_or_else(|_| "{}".into());
                format!("{}: {json}", serde_json::Value::from(s.language.as_str()))
            })
            .collect();
        // Line and paragraph separators end a string literal in older engines.
        let json = format!("{{{}}}", entries.join(", "))
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        let mut out = String::with_capacity(text.len() + json.len());
        out.push_str(&text[..at]);
        out.push_str(&json);
        out.push_str(&text[at + SCRIPT_MARKER.len()..]);
        Some(out.into_bytes())
    }
}

/// Reads the embedded strings files overridden by a theme's own `(path, text)`
/// (paths from the site root, named `strings/<code>.yaml`) and checks every
/// language against the reference. `None` when a file could not be read or
/// the reference is missing.
pub fn load_strings(own: Vec<(PathBuf, String)>, diagnostics: &mut Vec<Diagnostic>) -> Option<ThemeStrings> {
    let mut files: BTreeMap<String, (PathBuf, String)> = BUILTIN
        .iter()
        .map(|(code, text)| {
            (code.to_string(), (PathBuf::from(format!("{BUILTIN_DIR}/{code}.yaml")), text.to_string()))
        })
        .collect();
    let before = diagnostics.len();
    for (path, text) in own {
        let code = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".yaml"));
        match code.filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')) {
            Some(code) => {
                files.insert(code.to_string(), (path, text));
            }
            None => diagnostics.push(
                Diagnostic::error(
                    Kind::InvalidFileName,
                    "a strings file is named after its language, like `en.yaml` or `zh-Hans.yaml`",
                )
                .at(Location::new(&path, 1, 1))
                .help("rename the file to `<language code>.yaml`, or move it out of `strings/`"),
            ),
        }
    }
    let languages: BTreeMap<String, Strings> = files
        .into_iter()
        .filter_map(|(code, (path, text))| Strings::parse(&code, path, &text, diagnostics).map(|s| (code, s)))
        .collect();
    if diagnostics.len() > before {
        return None;
    }
    let strings = ThemeStrings { languages };
    diagnostics.extend(check_strings(&strings));
    (diagnostics.len() == before).then_some(strings)
}

/// The reference's required keys, then every other language against the reference.
fn check_strings(strings: &ThemeStrings) -> Vec<Diagnostic> {
    let reference = strings.reference();
    let mut found: Vec<Diagnostic> = required_keys()
        .into_iter()
        .filter(|(group, key)| reference.get(group, key).is_none())
        .map(|(group, key)| {
            Diagnostic::error(
                Kind::MissingString,
                format!("{} lacks `{group}.{key}`, which statusref reads", reference.file_name()),
            )
            .at(reference.at(reference.groups.get(group).map_or(1, |g| g.0)))
            .help(format!("add `{key}: <text>` under `{group}:`"))
        })
        .collect();
    for language in strings.languages.values().filter(|s| s.language != REFERENCE) {
        found.extend(compare(reference, language));
    }
    found
}

/// `language` against `reference`: missing and unknown groups and keys, and
/// placeholders that differ.
fn compare(reference: &Strings, language: &Strings) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let name = language.file_name();
    let reference_name = reference.file_name();
    for (group, (group_line, entries)) in &language.groups {
        let Some((_, reference_entries)) = reference.groups.get(group) else {
            let candidates: Vec<&str> = reference.groups.keys().map(String::as_str).collect();
            found.push(unknown(
                language.at(*group_line),
                &format!("group `{group}`"),
                &reference_name,
                did_you_mean(group, &candidates),
                "",
            ));
            continue;
        };
        for (key, entry) in entries {
            let Some(reference_entry) = reference_entries.get(key) else {
                let candidates: Vec<&str> = reference_entries.keys().map(String::as_str).collect();
                let prefix = format!("{group}.");
                found.push(unknown(
                    language.at(entry.line),
                    &format!("key `{group}.{key}`"),
                    &reference_name,
                    did_you_mean(key, &candidates),
                    &prefix,
                ));
                continue;
            };
            let wanted = placeholders(&reference_entry.text);
            let have = placeholders(&entry.text);
            if wanted != have {
                let list = |set: &BTreeSet<&str>| {
                    if set.is_empty() {
                        "none".to_string()
                    } else {
                        set.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ")
                    }
                };
                found.push(
                    Diagnostic::error(
                        Kind::PlaceholderMismatch,
                        format!(
                            "`{group}.{key}` has the placeholders {}, but {reference_name} has {}",
                            list(&have),
                            list(&wanted)
                        ),
                    )
                    .at(language.at(entry.line))
                    .help(format!("keep each of {} in the translation, and add no other", list(&wanted))),
                );
            }
        }
    }
    for (group, (_, reference_entries)) in &reference.groups {
        let Some((group_line, entries)) = language.groups.get(group) else {
            found.push(
                Diagnostic::error(Kind::MissingString, format!("{name} lacks the group `{group}`"))
                    .at(language.at(1))
                    .help(format!("add `{group}:` with the keys {reference_name} has under it, translated")),
            );
            continue;
        };
        for (key, entry) in reference_entries.iter().filter(|(k, _)| !entries.contains_key(*k)) {
            found.push(
                Diagnostic::error(Kind::MissingString, format!("{name} lacks `{group}.{key}`"))
                    .at(language.at(*group_line))
                    .help(format!(
                        "add `{key}: <text>` under `{group}:`, translating \"{}\" ({reference_name} line {})",
                        entry.text, entry.line
                    )),
            );
        }
    }
    found
}

fn unknown(at: Location, what: &str, reference: &str, suggestion: Option<&str>, prefix: &str) -> Diagnostic {
    let d = Diagnostic::error(Kind::UnknownString, format!("unknown {what}: {reference} has no such string"))
        .at(at);
    match suggestion {
        Some(s) => d.help(format!("did you mean `{prefix}{s}`?")),
        None => d.help(format!(
            "remove it, or add it to {reference} first (the theme uses only what {reference} has)"
        )),
    }
}

/// The `{name}`s in a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        match rest.find('}') {
            Some(close)
                if rest[..close].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && close > 0 =>
            {
                found.insert(&rest[..close]);
                rest = &rest[close + 1..];
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests;
