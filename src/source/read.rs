//! Reading one file safely: only regular files (a FIFO or device would block),
//! at most `MAX_FILE_BYTES`, valid UTF-8 (naming the first bad byte), BOM
//! stripped and CRLF turned into LF so that line numbers are an editor's.

use std::fs;
use std::io;
use std::path::Path;

use crate::diagnostic::{display_path, Diagnostic, Kind, Location};

/// Content files larger than this are refused: no status-code page is anywhere near it.
/// `site.yaml` and the registry have the same limit.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How a guarded read words its diagnostics for one kind of file.
pub(super) struct FileRules {
    /// Ends "X is N bytes; ...".
    limit: &'static str,
    not_regular_help: &'static str,
    too_big_help: &'static str,
}

pub(super) const CONTENT_RULES: FileRules = FileRules {
    limit: "content files are limited to",
    not_regular_help: "content/ holds plain files; remove it",
    too_big_help: "split the page, or move large data out of content/",
};

pub(super) const SITE_FILE_RULES: FileRules = FileRules {
    limit: "the limit is",
    not_regular_help: "replace it with a plain file, or remove it",
    too_big_help: "this file is far larger than a site needs; check that it is the right file",
};

/// Why a guarded read gave nothing.
pub(super) struct Refusal {
    pub(super) diagnostic: Box<Diagnostic>,
    /// Nothing is at the path (a broken symlink is not "nothing").
    pub(super) not_found: bool,
}

/// Reads `root/rel` if it is a regular file (a symlink counts as its target)
/// of at most `MAX_FILE_BYTES`: reading a FIFO or a device would block or never end.
pub(super) fn read_guarded(root: &Path, rel: &Path, rules: &FileRules) -> Result<Vec<u8>, Refusal> {
    let full = root.join(rel);
    let refuse = |diagnostic: Diagnostic| Refusal {
        diagnostic: Box::new(diagnostic.at(Location::new(rel, 1, 1))),
        not_found: false,
    };
    let cannot_read = |e: io::Error| {
        let mut refusal = refuse(Diagnostic::error(
            Kind::UnreadableFile,
            format!("cannot read {}: {e}", display_path(rel)),
        ));
        refusal.not_found = e.kind() == io::ErrorKind::NotFound;
        refusal
    };
    let metadata = match fs::metadata(&full) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(&full).is_ok() => {
            return Err(refuse(
                Diagnostic::error(Kind::BrokenSymlink, format!("{} is a broken symlink", display_path(rel)))
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
        return Err(refuse(Diagnostic::error(Kind::NotAFile, message).help(rules.not_regular_help)));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(refuse(
            Diagnostic::error(
                Kind::TooLarge,
                format!(
                    "{} is {} bytes; {} {} bytes",
                    display_path(rel),
                    metadata.len(),
                    rules.limit,
                    MAX_FILE_BYTES
                ),
            )
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
                Diagnostic::error(
                    Kind::InvalidUtf8,
                    format!(
                        "{} is not valid UTF-8: invalid byte 0x{:02x} at byte offset {offset}",
                        display_path(rel),
                        bytes[offset]
                    ),
                )
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
}
