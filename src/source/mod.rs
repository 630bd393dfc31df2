//! Loading: the only stage that reads the site from disk.
//!
//! 1. walk `content/` (walkdir, sorted, symlinks not followed, hidden entries skipped),
//! 2. read each file, cap its size, check UTF-8 (naming the byte offset),
//! 3. strip a BOM and normalise CRLF,
//! 4. classify it (home article, class page, code page, asset),
//! 5. split off the front matter (`split`) and read it (`front_matter`).
//!
//! The result is a list of `SourceFile`s plus diagnostics; nothing is validated
//! against the rest of the site here (that is `model`'s job).

pub mod front_matter;
pub mod keys;
pub mod raw;
pub mod split;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{display_path, Diagnostic, Location};

/// Content files larger than this are refused: no status-code page is anywhere near it.
/// `site.yaml` and the registry have the same limit.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The site's settings, relative to the root.
pub const SITE_CONFIG_PATH: &str = "site.yaml";

/// Extensions copied verbatim to the output.
const ASSET_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "txt", "pdf", "json", "csv"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/_index.md`
    Home,
    /// `content/4xx/_index.md`
    Class(u8),
    /// `content/4xx/404.md` (or any other markdown file: `model` checks the name).
    Page,
    /// A file copied as it is.
    Asset,
}

/// One file of the site, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/4xx/404.md`.
    pub path: PathBuf,
    pub kind: SourceKind,
    /// The text (BOM stripped, CRLF turned into LF). Empty for assets.
    pub text: String,
    /// Raw bytes, for assets only.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// The path of the file relative to `content/`, with forward slashes.
    pub fn content_path(&self) -> String {
        let p = self.path.strip_prefix("content").unwrap_or(&self.path);
        display_path(p)
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A site root must be a folder holding `content/`; anything else is a usage
/// error, reported before any work is done.
pub fn check_root(root: &Path) -> Result<(), Box<Diagnostic>> {
    let help = "run statusref in a site folder, or pass --root DIR (a site has content/_index.md and content/4xx/404.md)";
    if !root.is_dir() {
        return Err(Box::new(
            Diagnostic::error(format!("site root {} is not a folder", root.display())).help(help),
        ));
    }
    if !root.join("content").is_dir() {
        return Err(Box::new(
            Diagnostic::error(format!("no content/ folder in {}", root.display())).help(help),
        ));
    }
    Ok(())
}

/// Reads `ROOT/content` into memory. Problems with single files become
/// diagnostics; the walk goes on so that `check` reports them all.
pub fn load_sources(root: &Path) -> Sources {
    let content = root.join("content");
    let mut sources = Sources::default();
    if !content.is_dir() {
        sources.diagnostics.push(
            Diagnostic::error(format!("no content/ folder in {}", root.display()))
                .help("run statusref in a site folder, or pass --root DIR (a site has content/_index.md and content/4xx/404.md)"),
        );
        return sources;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // walkdir follows the folder it starts from, so a linked content/ is checked here.
    let content_is_link = fs::symlink_metadata(&content).is_ok_and(|m| m.file_type().is_symlink());
    if content_is_link {
        if let SymlinkTarget::Outside(target) = check_symlink(&canonical_root, &content) {
            sources.diagnostics.push(
                Diagnostic::error(format!(
                    "content is a symlink that leaves the site root (it points to {})",
                    target.display()
                ))
                .at(Location::new("content", 1, 1))
                .help("move the content folder into the site instead of linking to it"),
            );
            return sources;
        }
    }
    // Hidden entries (editor swap files, .DS_Store, .drafts/ and the like) are
    // skipped, and hidden folders are not entered.
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_else(|| PathBuf::from("content"));
                sources.diagnostics.push(
                    Diagnostic::error(format!("cannot read {}: {err}", display_path(&path)))
                        .at(Location::new(path, 1, 1)),
                );
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            match check_symlink(&canonical_root, entry.path()) {
                SymlinkTarget::Inside { is_dir: false } => {}
                SymlinkTarget::Inside { is_dir: true } => {
                    sources.diagnostics.push(
                        Diagnostic::warning(format!(
                            "{} is a symlink to a folder; it is not followed",
                            display_path(&rel)
                        ))
                        .at(Location::new(&rel, 1, 1))
                        .help("move the files into content/ instead of linking the folder"),
                    );
                    continue;
                }
                SymlinkTarget::Outside(target) => {
                    sources.diagnostics.push(
                        Diagnostic::error(format!(
                            "{} is a symlink that leaves the site root (it points to {})",
                            display_path(&rel),
                            target.display()
                        ))
                        .at(Location::new(&rel, 1, 1))
                        .help("copy the file into content/ instead of linking to it"),
                    );
                    continue;
                }
                SymlinkTarget::Broken => {
                    sources.diagnostics.push(
                        Diagnostic::error(format!("{} is a broken symlink", display_path(&rel)))
                            .at(Location::new(&rel, 1, 1))
                            .help("remove the link or point it at a file inside the site"),
                    );
                    continue;
                }
            }
        } else if file_type.is_dir() {
            continue;
        }
        match read_file(root, &rel) {
            Ok(Some(file)) => sources.files.push(file),
            Ok(None) => sources.diagnostics.push(
                Diagnostic::warning(format!(
                    "{} is neither markdown nor a known asset; it is not published",
                    display_path(&rel)
                ))
                .at(Location::new(&rel, 1, 1))
                .help(format!("pages are .md files; assets may be {}", ASSET_EXTENSIONS.join(", "))),
            ),
            Err(d) => sources.diagnostics.push(*d),
        }
    }
    sources
}

enum SymlinkTarget {
    Inside { is_dir: bool },
    Outside(PathBuf),
    Broken,
}

fn check_symlink(canonical_root: &Path, path: &Path) -> SymlinkTarget {
    match path.canonicalize() {
        Ok(target) if target.starts_with(canonical_root) => SymlinkTarget::Inside { is_dir: target.is_dir() },
        Ok(target) => SymlinkTarget::Outside(target),
        Err(_) => SymlinkTarget::Broken,
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads one file. `Ok(None)` for a file that is neither markdown nor an asset.
fn read_file(root: &Path, rel: &Path) -> Result<Option<SourceFile>, Box<Diagnostic>> {
    let ext = rel.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let is_markdown = ext == "md";
    if !is_markdown && !ASSET_EXTENSIONS.contains(&ext.as_str()) {
        return Ok(None);
    }
    let bytes = read_guarded(root, rel, &CONTENT_RULES).map_err(|refusal| refusal.diagnostic)?;
    if !is_markdown {
        let name = display_path(rel);
        if name.contains(['\\', '"', '<', '>', '#', '?']) || name.chars().any(char::is_control) {
            return Err(Box::new(
                Diagnostic::error(format!("{name} cannot be published under this name"))
                    .at(Location::new(rel, 1, 1))
                    .help("use letters, digits, `-`, `_` and `.` in asset file names"),
            ));
        }
        return Ok(Some(SourceFile {
            path: rel.to_path_buf(),
            kind: SourceKind::Asset,
            text: String::new(),
            bytes,
        }));
    }
    let text = decode_text(rel, bytes)?;
    Ok(Some(SourceFile { path: rel.to_path_buf(), kind: classify(rel), text, bytes: Vec::new() }))
}

/// How a guarded read words its diagnostics for one kind of file.
struct FileRules {
    /// Ends "X is N bytes; ...".
    limit: &'static str,
    not_regular_help: &'static str,
    too_big_help: &'static str,
}

const CONTENT_RULES: FileRules = FileRules {
    limit: "content files are limited to",
    not_regular_help: "content/ holds plain files; remove it",
    too_big_help: "split the page, or move large data out of content/",
};

const SITE_FILE_RULES: FileRules = FileRules {
    limit: "the limit is",
    not_regular_help: "replace it with a plain file, or remove it",
    too_big_help: "this file is far larger than a site needs; check that it is the right file",
};

/// Why a guarded read gave nothing.
struct Refusal {
    diagnostic: Box<Diagnostic>,
    /// Nothing is at the path (a broken symlink is not "nothing").
    not_found: bool,
}

/// Reads `root/rel` if it is a regular file (a symlink counts as its target)
/// of at most `MAX_FILE_BYTES`: reading a FIFO or a device would block or never end.
fn read_guarded(root: &Path, rel: &Path, rules: &FileRules) -> Result<Vec<u8>, Refusal> {
    let full = root.join(rel);
    let refuse = |diagnostic: Diagnostic| Refusal {
        diagnostic: Box::new(diagnostic.at(Location::new(rel, 1, 1))),
        not_found: false,
    };
    let cannot_read = |e: io::Error| {
        let mut refusal = refuse(Diagnostic::error(format!("cannot read {}: {e}", display_path(rel))));
        refusal.not_found = e.kind() == io::ErrorKind::NotFound;
        refusal
    };
    let metadata = match fs::metadata(&full) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(&full).is_ok() => {
            return Err(refuse(
                Diagnostic::error(format!("{} is a broken symlink", display_path(rel)))
                    .help("remove the link or point it at a file inside the site"),
            ));
        }
        Err(e) => return Err(cannot_read(e)),
    };
    if !metadata.is_file() {
        let message = if metadata.is_dir() {
            format!("{} is a folder, not a file", display_path(rel))
        } else {
            format!("{} is not a regular file", display_path(rel))
        };
        return Err(refuse(Diagnostic::error(message).help(rules.not_regular_help)));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(refuse(
            Diagnostic::error(format!(
                "{} is {} bytes; {} {} bytes",
                display_path(rel),
                metadata.len(),
                rules.limit,
                MAX_FILE_BYTES
            ))
            .help(rules.too_big_help),
        ));
    }
    fs::read(&full).map_err(cannot_read)
}

/// UTF-8 check (naming the byte offset, line and column of the first bad byte),
/// BOM removal and CRLF normalisation.
pub fn decode_text(rel: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.as_bytes();
            let offset = err.utf8_error().valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            return Err(Box::new(
                Diagnostic::error(format!(
                    "{} is not valid UTF-8: invalid byte 0x{:02x} at byte offset {offset}",
                    display_path(rel),
                    bytes[offset]
                ))
                .at(Location::new(rel, line, column))
                .help("save the file as UTF-8"),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    Ok(if text.contains('\r') { normalize_newlines(&text) } else { text })
}

/// CRLF and lone CR become LF, so line numbers stay those an editor shows.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn classify(rel: &Path) -> SourceKind {
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    match parts.as_slice() {
        [_, name] if name == "_index.md" => SourceKind::Home,
        [_, dir, name] if name == "_index.md" => match class_digit(dir) {
            Some(digit) => SourceKind::Class(digit),
            None => SourceKind::Page,
        },
        _ => SourceKind::Page,
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

/// `site.yaml` as read: its settings, and its text for quoting lines.
#[derive(Default)]
pub struct LoadedConfig {
    pub raw: Option<front_matter::Parsed<raw::RawSiteConfig>>,
    pub text: Option<String>,
}

/// Reads `site.yaml` (optional) into its raw form. Every problem but its
/// absence is a diagnostic at the file.
pub fn load_site_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> LoadedConfig {
    let rel = Path::new(SITE_CONFIG_PATH);
    let Some(text) = read_site_text(root, rel, diagnostics) else { return LoadedConfig::default() };
    let raw = front_matter::parse::<raw::RawSiteConfig>(rel, &text, 1, diagnostics);
    LoadedConfig { raw, text: Some(text) }
}

/// Reads `data/registry.tsv` when the site has one. Every problem but its
/// absence is a diagnostic at the file.
pub fn load_registry(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    read_site_text(root, Path::new(crate::model::registry::REGISTRY_PATH), diagnostics)
}

/// Reads every `data/constants/*.tsv` (sorted by name) when the folder exists.
pub fn load_constant_tables(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let dir = Path::new(crate::constants::TABLES_DIR);
    let Ok(entries) = fs::read_dir(root.join(dir)) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|n| {
            let rel = dir.join(n);
            read_site_text(root, &rel, diagnostics).map(|text| (rel, text))
        })
        .collect()
}

/// An optional text file of the site, read with the guards of content files:
/// `None` (and no diagnostic) when it does not exist.
fn read_site_text(root: &Path, rel: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match read_guarded(root, rel, &SITE_FILE_RULES) {
        Ok(bytes) => bytes,
        Err(refusal) if refusal.not_found => return None,
        Err(refusal) => {
            diagnostics.push(*refusal.diagnostic);
            return None;
        }
    };
    match decode_text(rel, bytes) {
        Ok(text) => Some(text),
        Err(d) => {
            diagnostics.push(*d);
            None
        }
    }
}

/// Reads `themes/NAME/templates/*.html` and `themes/NAME/static/**` when the
/// folder exists. A theme other than the embedded default must exist on disk.
pub fn load_theme_files(
    root: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::theme::ThemeFiles {
    let mut files = crate::theme::ThemeFiles::default();
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diagnostics.push(
                Diagnostic::error(format!("theme `{name}` not found: there is no folder themes/{name}/"))
                    .at(Location::new("site.yaml", 1, 1))
                    .help("create the folder, or remove `theme:` to use the built-in default theme"),
            );
        }
        return files;
    }
    let templates = dir.join("templates");
    for entry in WalkDir::new(&templates).sort_by_file_name().min_depth(1).into_iter().filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        let name = display_path(entry.path().strip_prefix(&templates).unwrap_or(entry.path()));
        match fs::read(entry.path())
            .map_err(|e| e.to_string())
            .and_then(|b| decode_text(&rel, b).map_err(|d| d.message))
        {
            Ok(text) => files.templates.push((name, rel, text)),
            Err(message) => diagnostics.push(Diagnostic::error(message).at(Location::new(&rel, 1, 1))),
        }
    }
    let statics = dir.join("static");
    for entry in WalkDir::new(&statics).sort_by_file_name().min_depth(1).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = display_path(entry.path().strip_prefix(&statics).unwrap_or(entry.path()));
        match fs::read(entry.path()) {
            Ok(bytes) => files.statics.push((name, bytes)),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!("cannot read {}: {e}", entry.path().display()))
                        .at(Location::new(relative(root, entry.path()), 1, 1)),
                )
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_line_and_column() {
        let err = decode_text(Path::new("content/4xx/404.md"), b"---\nab\xffc\n".to_vec()).unwrap_err();
        assert_eq!(err.message, "content/4xx/404.md is not valid UTF-8: invalid byte 0xff at byte offset 6");
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 3));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode_text(Path::new("a.md"), b"\xef\xbb\xbf---\r\ncode: 1\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\ncode: 1\n");
    }

    #[test]
    fn classify_by_path() {
        assert_eq!(classify(Path::new("content/_index.md")), SourceKind::Home);
        assert_eq!(classify(Path::new("content/4xx/_index.md")), SourceKind::Class(4));
        assert_eq!(classify(Path::new("content/4xx/404.md")), SourceKind::Page);
        assert_eq!(classify(Path::new("content/misc/_index.md")), SourceKind::Page);
    }
}
