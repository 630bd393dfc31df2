//! One markdown file -> what it is and what its front matter says:
//!
//! 1. classify it by its path (home article, class page, code page, a
//!    translation of one of them such as `404.zh-Hans.md`, or a file where
//!    no page goes, which is reported),
//! 2. split off the front matter (`split`) and parse it into the raw type of
//!    its kind (`front_matter`, `raw`),
//! 3. warn about `TODO` placeholders left by `statusref new`.

use std::path::Path;

use super::front_matter::{self, Parsed, Schema};
use super::keys::Key;
use super::raw::{RawClassPage, RawCodePage, RawHome, RawTranslation};
use super::split::{split_front_matter, SplitError};
use crate::diagnostic::{display_path, Diagnostic, Kind, Location};

/// A markdown file's front matter, read into its raw type, and its body.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub front_matter: Parsed<T>,
    /// The markdown after the closing `---`.
    pub body: String,
    /// File line where the body starts.
    pub body_line: usize,
}

/// What a file of `content/` holds. A page whose front matter could not be
/// read at all is `None` (already reported).
#[derive(Debug, Clone)]
pub enum Content {
    /// A file copied as it is.
    Asset(Vec<u8>),
    /// `content/_index.md`
    Home(Option<Page<RawHome>>),
    /// `content/4xx/_index.md`
    Class(u8, Option<Page<RawClassPage>>),
    /// `content/4xx/404.md`: the code its path names.
    Code(u16, Option<Box<Page<RawCodePage>>>),
    /// `content/4xx/404.zh-Hans.md`: a translation of a page.
    Translation(Box<Translation>),
    /// A markdown file where no page goes (already reported).
    Misplaced,
}

/// Which page a file is (or translates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    Class(u8),
    Code(u16),
}

/// A translation file: its language (`zh-Hans`, from the file name), the
/// page it translates, and its front matter and body (`None` when the front
/// matter could not be read; already reported).
#[derive(Debug, Clone)]
pub struct Translation {
    pub language: String,
    pub of: PageKind,
    pub page: Option<Page<RawTranslation>>,
}

/// `404.zh-Hans.md` -> (`404.md`, `zh-Hans`); `None` for a file name without a language.
fn split_language(name: &str) -> Option<(String, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (stem, language) = stem.split_once('.')?;
    Some((format!("{stem}.md"), language))
}

/// Classifies a markdown file and reads its front matter.
pub(super) fn read_markdown(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Content {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some((source_name, language)) = split_language(&name) {
        let source = path.with_file_name(&source_name);
        let of = match read_markdown_kind(&source, diagnostics) {
            Some(of) => of,
            None => return Content::Misplaced,
        };
        let keys: &[Key] = match of {
            PageKind::Home => RawHome::DOCS,
            PageKind::Class(_) => RawClassPage::DOCS,
            PageKind::Code(_) => RawCodePage::DOCS,
        };
        let source_shown = display_path(&source);
        let foreign = |key: &str| {
            keys.iter().find(|k| k.name == key && !k.translatable).map(|k| {
                (
                    format!("`{}` cannot be translated: a translation takes it from {source_shown}", k.name),
                    "remove the line; a translation holds only title, excerpt, meta, translated_from and the body"
                        .to_string(),
                )
            })
        };
        let page = read_with::<RawTranslation>(path, text, diagnostics, &foreign);
        if page.is_some() {
            warn_placeholders(path, text, diagnostics);
        }
        return Content::Translation(Box::new(Translation { language: language.to_string(), of, page }));
    }
    let parts: Vec<String> = path.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let class = match parts.as_slice() {
        [_, dir, name] if name == "_index.md" => class_digit(dir),
        _ => None,
    };
    match (parts.as_slice(), class) {
        ([_, name], _) if name == "_index.md" => Content::Home(read(path, text, diagnostics)),
        (_, Some(digit)) => Content::Class(digit, read(path, text, diagnostics)),
        _ => match expected_code(path, diagnostics) {
            None => Content::Misplaced,
            Some(code) => {
                let page = read::<RawCodePage>(path, text, diagnostics).map(Box::new);
                if page.is_some() {
                    warn_placeholders(path, text, diagnostics);
                }
                Content::Code(code, page)
            }
        },
    }
}

/// The kind of page a (source) path names, reporting a path where no page goes.
fn read_markdown_kind(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<PageKind> {
    let parts: Vec<String> = path.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    match parts.as_slice() {
        [_, name] if name == "_index.md" => Some(PageKind::Home),
        [_, dir, name] if name == "_index.md" && class_digit(dir).is_some() => {
            class_digit(dir).map(PageKind::Class)
        }
        _ => expected_code(path, diagnostics).map(PageKind::Code),
    }
}

/// Splits and parses one file's front matter, reporting a missing or unclosed block.
fn read<T: Schema>(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Page<T>> {
    read_with(path, text, diagnostics, &|_| None)
}

/// `read`, with `foreign` explaining keys `T` does not take (`front_matter::parse_with`).
fn read_with<T: Schema>(
    path: &Path,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    foreign: &dyn Fn(&str) -> Option<(String, String)>,
) -> Option<Page<T>> {
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(SplitError::Missing) => {
            diagnostics.push(
                Diagnostic::error(
                    Kind::MissingFrontMatter,
                    format!("{} has no front matter", display_path(path)),
                )
                .at(Location::new(path, 1, 1))
                .help("start the file with a line `---`, the front matter keys, and another line `---`"),
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diagnostics.push(
                Diagnostic::error(Kind::MissingFrontMatter, "front matter is never closed")
                    .at(Location::new(path, 1, 1))
                    .help("add a line `---` after the last front matter key"),
            );
            return None;
        }
    };
    let front_matter = front_matter::parse_with::<T>(
        path,
        split.front_matter,
        split.front_matter_line,
        diagnostics,
        foreign,
    )?;
    Some(Page { front_matter, body: split.body.to_string(), body_line: split.body_line })
}

/// `statusref new` marks what is left to write with TODO.
fn warn_placeholders(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    if let Some((i, line)) = text.lines().enumerate().find(|(_, l)| l.contains("TODO")) {
        let column = line.find("TODO").map_or(1, |c| line[..c].chars().count() + 1);
        diagnostics.push(
            Diagnostic::warning(Kind::Todo, "page still has TODO placeholders")
                .at(Location::new(path, i + 1, column).spanning("TODO".len()))
                .help("replace every TODO with real text"),
        );
    }
}

/// A code page must be `content/Nxx/CODE.md`; returns CODE.
fn expected_code(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<u16> {
    let parts: Vec<String> = path.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let at = Location::new(path, 1, 1);
    let (dir, name) = match parts.as_slice() {
        [_, dir, name] => (dir.as_str(), name.as_str()),
        _ => {
            diagnostics.push(
                Diagnostic::error(
                    Kind::MisplacedPage,
                    format!("{} is not where pages go", display_path(path)),
                )
                .at(at)
                .help("code pages live in content/Nxx/CODE.md, e.g. content/4xx/404.md"),
            );
            return None;
        }
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let Some(digit) = class_digit(dir) else {
        diagnostics.push(
            Diagnostic::error(Kind::MisplacedPage, format!("folder `{dir}` is not a class folder"))
                .at(at)
                .help("code pages live in 1xx, 2xx, 3xx, 4xx or 5xx"),
        );
        return None;
    };
    match stem.parse::<u16>() {
        Ok(code) if stem.len() == 3 && code / 100 == u16::from(digit) => Some(code),
        Ok(code) if stem.len() == 3 && (100..=599).contains(&code) => {
            diagnostics.push(
                Diagnostic::error(
                    Kind::MisplacedPage,
                    format!("{code} is in folder {dir}, not in {}xx", code / 100),
                )
                .at(at)
                .help(format!("move the file to content/{}xx/{code}.md", code / 100)),
            );
            None
        }
        _ => {
            diagnostics.push(
                Diagnostic::error(Kind::MisplacedPage, format!("file name `{name}` is not a status code"))
                    .at(at)
                    .help(format!("name code pages after their code, e.g. content/{dir}/{digit}00.md")),
            );
            None
        }
    }
}

/// `4xx` -> 4 (1 to 5).
pub fn class_digit(dir: &str) -> Option<u8> {
    let b = dir.as_bytes();
    if b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1..].eq_ignore_ascii_case(b"xx") {
        Some(b[0] - b'0')
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> String {
        let mut diagnostics = Vec::new();
        let content = read_markdown(Path::new(path), "---\ntitle: t\n---\n", &mut diagnostics);
        match content {
            Content::Home(_) => "home".into(),
            Content::Class(d, _) => format!("class {d}"),
            Content::Code(c, _) => format!("code {c}"),
            Content::Misplaced => format!("misplaced: {}", diagnostics[0].message),
            Content::Translation(t) => format!("{} of {:?}", t.language, t.of),
            Content::Asset(_) => "asset".into(),
        }
    }

    #[test]
    fn a_translation_holds_only_translatable_keys() {
        let mut diagnostics = Vec::new();
        let text = "---\ntitle: 未找到\ncode: 404\nstatus: standard\n---\n";
        read_markdown(Path::new("content/4xx/404.zh-Hans.md"), text, &mut diagnostics);
        let found: Vec<(usize, &str)> =
            diagnostics.iter().map(|d| (d.location.as_ref().unwrap().line, d.message.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (3, "`code` cannot be translated: a translation takes it from content/4xx/404.md"),
                (4, "`status` cannot be translated: a translation takes it from content/4xx/404.md"),
            ]
        );
    }

    #[test]
    fn classify_by_path() {
        assert_eq!(kind("content/_index.md"), "home");
        assert_eq!(kind("content/4xx/_index.md"), "class 4");
        assert_eq!(kind("content/4xx/404.md"), "code 404");
        assert_eq!(kind("content/misc/_index.md"), "misplaced: folder `misc` is not a class folder");
        assert_eq!(kind("content/4xx/504.md"), "misplaced: 504 is in folder 4xx, not in 5xx");
        assert_eq!(kind("content/4xx/a/b.md"), "misplaced: content/4xx/a/b.md is not where pages go");
        assert_eq!(kind("content/_index.zh-Hans.md"), "zh-Hans of Home");
        assert_eq!(kind("content/4xx/_index.zh-Hans.md"), "zh-Hans of Class(4)");
        assert_eq!(kind("content/4xx/404.zh-Hans.md"), "zh-Hans of Code(404)");
        assert_eq!(kind("content/4xx/504.fr.md"), "misplaced: 504 is in folder 4xx, not in 5xx");
    }
}
