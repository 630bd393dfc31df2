//! Walking `content/`: every file under it, in name order, symlinks
//! checked (one that leaves the root is an error, a linked folder is not
//! entered), hidden entries skipped, each file read with the guards of `read`.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::read::{read_guarded, CONTENT_RULES};
use super::{decode_text, Loaded};
use crate::diagnostic::{display_path, Diagnostic, Kind, Location};

/// Extensions copied verbatim to the output.
const ASSET_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "txt", "pdf", "json", "csv"];

/// A site root must be a folder holding `content/`; anything else is a usage
/// error, reported before any work is done.
pub fn check_root(root: &Path) -> Result<(), Box<Diagnostic>> {
    let help = "run statusref in a site folder, or pass --root DIR (a site has content/_index.md and content/4xx/404.md)";
    if !root.is_dir() {
        return Err(Box::new(
            Diagnostic::error(Kind::NotASite, format!("site root {} is not a folder", root.display()))
                .help(help),
        ));
    }
    if !root.join("content").is_dir() {
        return Err(Box::new(
            Diagnostic::error(Kind::NotASite, format!("no content/ folder in {}", root.display())).help(help),
        ));
    }
    Ok(())
}

/// Reads `ROOT/content` into memory. Problems with single files become
/// diagnostics; the walk goes on so that `check` reports them all.
pub(super) fn walk_content(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(PathBuf, Loaded)> {
    let content = root.join("content");
    let mut files = Vec::new();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(Kind::NotASite, format!("no content/ folder in {}", root.display()))
                .help("run statusref in a site folder, or pass --root DIR (a site has content/_index.md and content/4xx/404.md)"),
        );
        return files;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // walkdir follows the folder it starts from, so a linked content/ is checked here.
    let content_is_link = fs::symlink_metadata(&content).is_ok_and(|m| m.file_type().is_symlink());
    if content_is_link {
        if let SymlinkTarget::Outside(target) = check_symlink(&canonical_root, &content) {
            diagnostics.push(
                Diagnostic::error(
                    Kind::SymlinkOutsideSite,
                    format!(
                        "content is a symlink that leaves the site root (it points to {})",
                        target.display()
                    ),
                )
                .at(Location::new("content", 1, 1))
                .help("move the content folder into the site instead of linking to it"),
            );
            return files;
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
                diagnostics.push(
                    Diagnostic::error(
                        Kind::UnreadableFile,
                        format!("cannot read {}: {err}", display_path(&path)),
                    )
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
                    diagnostics.push(
                        Diagnostic::warning(
                            Kind::SymlinkNotFollowed,
                            format!("{} is a symlink to a folder; it is not followed", display_path(&rel)),
                        )
                        .at(Location::new(&rel, 1, 1))
                        .help("move the files into content/ instead of linking the folder"),
                    );
                    continue;
                }
                SymlinkTarget::Outside(target) => {
                    diagnostics.push(
                        Diagnostic::error(
                            Kind::SymlinkOutsideSite,
                            format!(
                                "{} is a symlink that leaves the site root (it points to {})",
                                display_path(&rel),
                                target.display()
                            ),
                        )
                        .at(Location::new(&rel, 1, 1))
                        .help("copy the file into content/ instead of linking to it"),
                    );
                    continue;
                }
                SymlinkTarget::Broken => {
                    diagnostics.push(
                        Diagnostic::error(
                            Kind::BrokenSymlink,
                            format!("{} is a broken symlink", display_path(&rel)),
                        )
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
            Ok(Some(file)) => files.push(file),
            Ok(None) => diagnostics.push(
                Diagnostic::warning(
                    Kind::UnpublishedFile,
                    format!(
                        "{} is neither markdown nor a known asset; it is not published",
                        display_path(&rel)
                    ),
                )
                .at(Location::new(&rel, 1, 1))
                .help(format!("pages are .md files; assets may be {}", ASSET_EXTENSIONS.join(", "))),
            ),
            Err(d) => diagnostics.push(*d),
        }
    }
    files
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

pub(super) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads one file. `Ok(None)` for a file that is neither markdown nor an asset.
fn read_file(root: &Path, rel: &Path) -> Result<Option<(PathBuf, Loaded)>, Box<Diagnostic>> {
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
                Diagnostic::error(
                    Kind::InvalidFileName,
                    format!("{name} cannot be published under this name"),
                )
                .at(Location::new(rel, 1, 1))
                .help("use letters, digits, `-`, `_` and `.` in asset file names"),
            ));
        }
        return Ok(Some((rel.to_path_buf(), Loaded::Bytes(bytes))));
    }
    let text = decode_text(rel, bytes)?;
    Ok(Some((rel.to_path_buf(), Loaded::Text(text))))
}
