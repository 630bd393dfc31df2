//! The words around a number that tell the prose scanner what it is, one
//! [`Lexicon`] per language, read from data files (never code branches).
//!
//! 1. **Read.** Each language is one text file in `src/xref/lexicon/`
//!    (`en.txt`, `zh-Hans.txt`), embedded in the binary and listed once in
//!    [`BUILTIN`]; [`Lexicon::parse`] reads the format below and reports a
//!    bad line with its number.
//! 2. **Index.** Entries are grouped by side (before or after a number) and
//!    indexed once per lexicon by the character that touches the number, longest
//!    entry first, so a lookup allocates nothing and tries only a few entries.
//! 3. **Match.** [`Lexicon::before`], [`Lexicon::after`], [`Lexicon::compound`]
//!    and [`Lexicon::separator_at`] answer the scanner's questions;
//!    [`Lexicon::bare_help`] words the hint for a code it could not decide.
//!
//! The format: `#` starts a comment line, blank lines are ignored, the first
//! other line is `language: CODE`, then come one or more `status example:`
//! and `number example:` lines (phrases with `{code}` for the hint of
//! [`Lexicon::bare_help`]), and a line `[SECTION]` starts a section whose
//! lines are entries, one word or phrase each:
//!
//! | section       | where          | says                                      |
//! |---------------|----------------|-------------------------------------------|
//! | `[cue]`       | before a code  | it is the status code ("see", "返回")      |
//! | `[count]`     | before a number| it is a quantity ("port", "端口")          |
//! | `[noun]`      | after a code   | it is the status code ("response", "错误") |
//! | `[unit]`      | after a number | it is a quantity ("ms", "秒", "个")        |
//! | `[compound]`  | after `-`      | a quantity ("a 200-page book")            |
//! | `[separator]` | between codes  | one list ("or", "、")                      |
//!
//! Entries match ASCII case-insensitively; a space inside one matches any
//! run of whitespace. Where an entry begins or ends with a letter or digit of
//! a script written with spaces, the text next to it must not be one (whole
//! words); CJK characters join nothing, so "返回" matches in "返回404" and in
//! "返回 404". Among entries that match, the longest wins ("more than" over
//! "than"); one entry may not sit in two sections of the same side.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages the binary knows, by code: one line per data file.
const BUILTIN: &[(&str, &str)] =
    &[("en.txt", include_str!("lexicon/en.txt")), ("zh-Hans.txt", include_str!("lexicon/zh-Hans.txt"))];

/// Most whitespace skipped between a number and a context word, or inside a phrase.
pub(super) const WS_CAP: usize = 64;
/// Longest entry (bytes).
const ENTRY_CAP: usize = 32;

/// What a context word says about the number next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// It is a status code.
    Status,
    /// It is a quantity or a reference number.
    Quantity,
}

/// A lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// One language's words around numbers, indexed for the scanner.
#[derive(Debug)]
pub struct Lexicon {
    language: String,
    /// `[cue]` (Status) and `[count]` (Quantity), indexed by last character.
    before: Side,
    /// `[noun]` (Status) and `[unit]` (Quantity), indexed by first character.
    after: Side,
    /// `[compound]`, indexed by first character.
    compound: Side,
    /// `[separator]`, indexed by first character.
    separators: Side,
    /// `status example:` lines: phrases with `{code}` that link, for hints.
    status_examples: Vec<String>,
    /// `number example:` lines: phrases with `{code}` that are quantities, for hints.
    number_examples: Vec<String>,
}

#[derive(Debug, Default)]
struct Side {
    entries: Vec<Entry>,
    /// Lowercased edge character -> indices into `entries`, longest first.
    by_edge: HashMap<char, Vec<usize>>,
}

#[derive(Debug)]
struct Entry {
    text: String,
    role: Role,
    /// Holds a space (a phrase of several words).
    spaced: bool,
    line: usize,
}

impl Lexicon {
    /// The lexicon built into the binary for `language` (a BCP 47 code such as
    /// `en` or `zh-Hans`, compared case-insensitively), else for its primary
    /// subtag (`en-GB` -> `en`), if there is one.
    pub fn for_language(language: &str) -> Option<&'static Lexicon> {
        let find = |code: &str| builtin().iter().find(|l| l.language.eq_ignore_ascii_case(code));
        find(language).or_else(|| find(language.split('-').next().unwrap_or(language)))
    }

    /// The English lexicon: the one a language without its own falls back to
    /// (with a warning, `resolve::lexicon_warnings`).
    pub fn english() -> &'static Lexicon {
        Lexicon::for_language("en").expect("src/xref/lexicon/en.txt is built in")
    }

    /// The codes of the languages built into the binary, in [`BUILTIN`] order.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        builtin().iter().map(|l| l.language.as_str())
    }

    /// The language code this lexicon was written for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The first `status example:` with `code` in it ("参见 401"): prose that links it.
    pub fn status_example(&self, code: u16) -> Option<String> {
        self.status_examples.first().map(|e| e.replace("{code}", &code.to_string()))
    }

    /// Reads a lexicon in the format described in the module docs; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let error = |line: usize, message: String| LexiconError { file: file.to_owned(), line, message };
        let mut language = None;
        let mut section: Option<&str> = None;
        let mut lexicon = Lexicon {
            language: String::new(),
            before: Side::default(),
            after: Side::default(),
            compound: Side::default(),
            separators: Side::default(),
            status_examples: Vec::new(),
            number_examples: Vec::new(),
        };
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if language.is_none() {
                let code = line.strip_prefix("language:").map(str::trim).filter(|c| !c.is_empty());
                let code = code.ok_or_else(|| {
                    error(
                        n,
                        "the first line must be `language: CODE` (for example `language: zh-Hans`)".into(),
                    )
                })?;
                language = Some(code.to_owned());
                continue;
            }
            if section.is_none() {
                if let Some((key, value)) = line.split_once(':') {
                    let examples = match key.trim() {
                        "status example" => &mut lexicon.status_examples,
                        "number example" => &mut lexicon.number_examples,
                        key => {
                            let message = format!(
                                "unknown key `{key}`; before the sections come `status example:` and `number example:`"
                            );
                            return Err(error(n, message));
                        }
                    };
                    let value = value.trim();
                    if !value.contains("{code}") {
                        return Err(error(
                            n,
                            format!("`{value}` has no `{{code}}`; write the example as `see {{code}}`"),
                        ));
                    }
                    examples.push(value.to_owned());
                    continue;
                }
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if !SECTIONS.contains(&name) {
                    let known = SECTIONS.map(|s| format!("[{s}]")).join(", ");
                    return Err(error(n, format!("unknown section [{name}]; the sections are {known}")));
                }
                section = Some(name);
                continue;
            }
            let Some(name) = section else {
                return Err(error(
                    n,
                    format!("`{line}` comes before any section; start one with a line such as `[cue]`"),
                ));
            };
            let entry = line.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
            if entry.len() > ENTRY_CAP {
                return Err(error(
                    n,
                    format!("`{line}` is longer than {ENTRY_CAP} bytes; shorten the entry"),
                ));
            }
            let (side, role) = match name {
                "cue" => (&mut lexicon.before, Role::Status),
                "count" => (&mut lexicon.before, Role::Quantity),
                "noun" => (&mut lexicon.after, Role::Status),
                "unit" => (&mut lexicon.after, Role::Quantity),
                "compound" => (&mut lexicon.compound, Role::Quantity),
                _ => (&mut lexicon.separators, Role::Status),
            };
            if let Some(old) = side.entries.iter().find(|e| e.text == entry) {
                return Err(error(n, format!("`{line}` is listed already, on line {}; keep one", old.line)));
            }
            let spaced = entry.contains(' ');
            side.entries.push(Entry { text: entry, role, spaced, line: n });
        }
        let Some(language) = language else {
            return Err(error(1, "the file is empty; it needs `language: CODE` and sections".into()));
        };
        for (key, examples) in [("status", &lexicon.status_examples), ("number", &lexicon.number_examples)] {
            if examples.is_empty() {
                let message =
                    format!("no `{key} example:` line; add one after `language:` (for the hints of `check`)");
                return Err(error(1, message));
            }
        }
        lexicon.language = language;
        lexicon.before.index(|e| e.text.chars().next_back());
        for side in [&mut lexicon.after, &mut lexicon.compound, &mut lexicon.separators] {
            side.index(|e| e.text.chars().next());
        }
        Ok(lexicon)
    }

    /// The help for a code named with neither cue nor unit, with this language's examples.
    pub fn bare_help(&self, code: u16) -> String {
        let quote = |examples: &[String]| {
            let quoted = examples.iter().map(|e| format!("\"{}\"", e.replace("{code}", &code.to_string())));
            quoted.collect::<Vec<_>>().join(", ")
        };
        format!(
            "if it is the status code, add a cue ({}) or write [{code}]; if it is a number, add its unit ({}) or write \\{code}",
            quote(&self.status_examples),
            quote(&self.number_examples)
        )
    }

    /// What the entry ending at `p` (the longest) says, and where it starts.
    pub(super) fn before(&self, text: &str, p: usize) -> Option<(Role, usize)> {
        let edge = prev_char(text, p)?.to_ascii_lowercase();
        let candidates = self.before.by_edge.get(&edge)?;
        candidates.iter().find_map(|&i| {
            let e = &self.before.entries[i];
            entry_ends_at(text, p, &e.text).map(|start| (e.role, start))
        })
    }

    /// What the entry starting at `p` (the longest) says, and where it ends.
    pub(super) fn after(&self, text: &str, p: usize) -> Option<(Role, usize)> {
        self.after.starting_at(text, p, false).map(|(e, end)| (e.role, end))
    }

    /// What the single word at `p`, right after `NUMBER-`, says: a compound
    /// noun or a unit makes a quantity, a noun a status code.
    pub(super) fn compound(&self, text: &str, p: usize) -> Option<Role> {
        if self.compound.starting_at(text, p, true).is_some() {
            return Some(Role::Quantity);
        }
        self.after.starting_at(text, p, true).map(|(e, _)| e.role)
    }

    /// End of the separator entry (the longest) starting at `p`.
    pub(super) fn separator_at(&self, text: &str, p: usize) -> Option<usize> {
        self.separators.starting_at(text, p, false).map(|(_, end)| end)
    }
}

const SECTIONS: [&str; 6] = ["cue", "count", "noun", "unit", "compound", "separator"];

impl Side {
    fn index(&mut self, edge: impl Fn(&Entry) -> Option<char>) {
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(c) = edge(e) {
                self.by_edge.entry(c).or_default().push(i);
            }
        }
        for list in self.by_edge.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(self.entries[i].text.chars().count()));
        }
    }

    /// The longest entry starting at `p` (only one-word entries when `single`) and its end.
    fn starting_at(&self, text: &str, p: usize, single: bool) -> Option<(&Entry, usize)> {
        let candidates = self.by_edge.get(&next_char(text, p)?.to_ascii_lowercase())?;
        candidates.iter().find_map(|&i| {
            let e = &self.entries[i];
            if single && e.spaced {
                return None;
            }
            entry_starts_at(text, p, &e.text).map(|end| (e, end))
        })
    }
}

fn builtin() -> &'static [Lexicon] {
    static LEXICONS: OnceLock<Vec<Lexicon>> = OnceLock::new();
    LEXICONS.get_or_init(|| {
        let parse = |(file, text): &(&str, &str)| {
            Lexicon::parse(&format!("src/xref/lexicon/{file}"), text).unwrap_or_else(|e| panic!("{e}"))
        };
        BUILTIN.iter().map(parse).collect()
    })
}

/// Start of `entry` when `text[..p]` ends with it, as a whole word where it begins with one.
fn entry_ends_at(text: &str, p: usize, entry: &str) -> Option<usize> {
    let mut q = p;
    for e in entry.chars().rev() {
        if e == ' ' {
            let s = skip_ws_back(text, q);
            if s == q {
                return None;
            }
            q = s;
        } else {
            let c = prev_char(text, q)?;
            if !c.eq_ignore_ascii_case(&e) {
                return None;
            }
            q -= c.len_utf8();
        }
    }
    let joins = |c: Option<char>| c.is_some_and(is_spaced_alnum);
    if joins(entry.chars().next()) && joins(prev_char(text, q)) {
        return None;
    }
    Some(q)
}

/// End of `entry` when `text[p..]` starts with it, as a whole word where it ends with one.
fn entry_starts_at(text: &str, p: usize, entry: &str) -> Option<usize> {
    let mut q = p;
    for e in entry.chars() {
        if e == ' ' {
            let s = skip_ws_fwd(text, q);
            if s == q {
                return None;
            }
            q = s;
        } else {
            let c = next_char(text, q)?;
            if !c.eq_ignore_ascii_case(&e) {
                return None;
            }
            q += c.len_utf8();
        }
    }
    let joins = |c: Option<char>| c.is_some_and(is_spaced_alnum);
    if joins(entry.chars().next_back()) && joins(next_char(text, q)) {
        return None;
    }
    Some(q)
}

/// A character of a script written without spaces between words (Han,
/// kana, Hangul), or CJK punctuation and full-width forms: it never glues a
/// number or a word to its neighbour.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul Jamo
        | 0x2E80..=0x2FFF // radicals, Kangxi, description characters
        | 0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x31FF // kana, Bopomofo, Hangul compatibility Jamo, Kanbun
        | 0x3200..=0x4DBF // enclosed, compatibility, extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xA960..=0xA97F // Hangul Jamo extended A
        | 0xAC00..=0xD7FF // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // half-width and full-width forms
        | 0x20000..=0x3FFFF // extensions B and later
    )
}

/// A letter or digit of a script written with spaces: it makes words.
pub(super) fn is_spaced_alnum(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

pub(super) fn prev_char(text: &str, p: usize) -> Option<char> {
    text.get(..p)?.chars().next_back()
}

pub(super) fn next_char(text: &str, p: usize) -> Option<char> {
    text.get(p..)?.chars().next()
}

/// Start of the whitespace run (at most [`WS_CAP`] bytes) ending at `p`.
pub(super) fn skip_ws_back(text: &str, p: usize) -> usize {
    let mut q = p;
    for (i, c) in text.get(..p).unwrap_or("").char_indices().rev() {
        if !c.is_whitespace() || p - i > WS_CAP {
            break;
        }
        q = i;
    }
    q
}

/// End of the whitespace run (at most [`WS_CAP`] bytes) starting at `p`.
pub(super) fn skip_ws_fwd(text: &str, p: usize) -> usize {
    let mut q = p;
    for (i, c) in text.get(p..).unwrap_or("").char_indices() {
        if !c.is_whitespace() || i > WS_CAP {
            break;
        }
        q = p + i + c.len_utf8();
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `language: xx` and the examples every lexicon needs, then `rest`.
    fn parse(rest: &str) -> Result<Lexicon, LexiconError> {
        let head = "language: xx\nstatus example: see {code}\nnumber example: {code} ms\n";
        Lexicon::parse("xx.txt", &format!("{head}{rest}"))
    }

    fn err(text: &str) -> String {
        Lexicon::parse("xx.txt", text).unwrap_err().to_string()
    }

    #[test]
    fn every_builtin_file_parses_and_is_named_after_its_language() {
        let languages: Vec<_> = Lexicon::languages().collect();
        assert_eq!(languages, ["en", "zh-Hans"]);
        for (file, text) in BUILTIN {
            let lexicon = Lexicon::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format!("{}.txt", lexicon.language()), *file);
            for side in [&lexicon.before, &lexicon.after, &lexicon.separators] {
                assert!(!side.entries.is_empty(), "{file}: a side is empty");
            }
        }
        assert_eq!(Lexicon::for_language("ZH-hans").map(Lexicon::language), Some("zh-Hans"));
        assert_eq!(Lexicon::english().language(), "en");
        assert!(Lexicon::for_language("fr").is_none());
    }

    #[test]
    fn errors_name_the_line_and_what_to_do() {
        assert_eq!(err(""), "xx.txt:1: the file is empty; it needs `language: CODE` and sections");
        assert_eq!(
            err("# c\n[cue]\n"),
            "xx.txt:2: the first line must be `language: CODE` (for example `language: zh-Hans`)"
        );
        assert_eq!(
            err("language: xx\nsee\n"),
            "xx.txt:2: `see` comes before any section; start one with a line such as `[cue]`"
        );
        assert_eq!(
            err("language: xx\n[cues]\n"),
            "xx.txt:2: unknown section [cues]; the sections are [cue], [count], [noun], [unit], [compound], [separator]"
        );
        assert_eq!(
            err("language: xx\nstatus examples: see {code}\n"),
            "xx.txt:2: unknown key `status examples`; before the sections come `status example:` and `number example:`"
        );
        assert_eq!(
            err("language: xx\nnumber example: 500 ms\n"),
            "xx.txt:2: `500 ms` has no `{code}`; write the example as `see {code}`"
        );
        assert_eq!(
            err("language: xx\nstatus example: see {code}\n[cue]\nsee\n"),
            "xx.txt:1: no `number example:` line; add one after `language:` (for the hints of `check`)"
        );
        // Lines 1-3 are the head `parse` adds.
        assert_eq!(
            parse("[cue]\nsee\n\n[count]\nSEE\n").unwrap_err().to_string(),
            "xx.txt:8: `SEE` is listed already, on line 5; keep one"
        );
        assert_eq!(
            parse(&format!("[unit]\n{}\n", "字".repeat(11))).unwrap_err().to_string(),
            format!("xx.txt:5: `{}` is longer than 32 bytes; shorten the entry", "字".repeat(11))
        );
        // The same word on both sides is fine: "status 503" and "503 status".
        assert!(parse("[cue]\nstatus\n[noun]\nstatus\n").is_ok());
    }

    #[test]
    fn entries_match_whole_words_longest_first_with_flexible_spaces() {
        let lexicon = parse("[cue]\nthan\n[count]\nmore  than\n[unit]\nms\n秒\n").unwrap();
        let before =
            |text: &'static str| lexicon.before(text, text.len()).map(|(role, start)| (role, &text[start..]));
        assert_eq!(before("better than"), Some((Role::Status, "than")));
        assert_eq!(before("no more than"), Some((Role::Quantity, "more than")));
        assert_eq!(before("no MORE\n  than"), Some((Role::Quantity, "MORE\n  than")));
        assert_eq!(before("nomore than"), Some((Role::Status, "than")));
        assert_eq!(before("rathan"), None);
        assert_eq!(before("日本than"), Some((Role::Status, "than")));
        let after = |text: &'static str| lexicon.after(text, 0).map(|(role, end)| (role, &text[..end]));
        assert_eq!(after("ms later"), Some((Role::Quantity, "ms")));
        assert_eq!(after("MS."), Some((Role::Quantity, "MS")));
        assert_eq!(after("msec"), None);
        assert_eq!(after("ms秒"), Some((Role::Quantity, "ms")));
        assert_eq!(after("秒钟"), Some((Role::Quantity, "秒")));
    }

    #[test]
    fn cjk_characters_and_punctuation_are_cjk() {
        for c in ['中', '。', '，', '、', '《', '》', '（', 'あ', 'カ', '한', '％', '𠀀'] {
            assert!(is_cjk(c) && !is_spaced_alnum(c), "{c}");
        }
        for c in ['a', 'é', 'ß', 'Ж', '5', '.', ' ', '-'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    /// The hint's examples do what the hint says, in every language.
    #[test]
    fn bare_help_examples_link_or_are_numbers() {
        use crate::xref::prose::{scan_prose, Known};
        struct Only404;
        impl Known for Only404 {
            fn title(&self, code: u16) -> Option<&str> {
                (code == 404).then_some("Not Found")
            }
            fn has_class(&self, _: u8) -> bool {
                true
            }
        }
        for lexicon in builtin() {
            for example in &lexicon.status_examples {
                let text = example.replace("{code}", "404");
                let scan = scan_prose(&text, lexicon, &Only404, None);
                assert_eq!(scan.links.len(), 1, "{}: {text:?} does not link", lexicon.language);
            }
            for example in &lexicon.number_examples {
                let text = example.replace("{code}", "404");
                let scan = scan_prose(&text, lexicon, &Only404, None);
                assert_eq!(scan.numbers.len(), 1, "{}: {text:?} is no number", lexicon.language);
            }
        }
        assert_eq!(
            Lexicon::english().bare_help(409),
            "if it is the status code, add a cue (\"see 409\", \"a 409 response\") or write [409]; \
             if it is a number, add its unit (\"409 ms\") or write \\409"
        );
        assert_eq!(
            Lexicon::for_language("zh-Hans").map(|l| l.bare_help(409)).as_deref(),
            Some(
                "if it is the status code, add a cue (\"参见 409\", \"409 响应\") or write [409]; \
                 if it is a number, add its unit (\"409 毫秒\") or write \\409"
            )
        );
    }
}
