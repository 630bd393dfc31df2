//! The served site: an immutable snapshot of the built files in memory, and
//! the pure rules that map a request path onto it.
//!
//! 1. `normalize_path`: percent-decode once, then refuse anything that could
//!    step outside the site or mean two things: `.` and `..` segments, empty
//!    segments (`//etc`), backslashes, NUL and other control characters,
//!    encoded slashes, Windows drive letters, and escapes still present after
//!    the one decode (double encoding, `%252e`),
//! 2. `SiteMap::lookup`: find the file in the map (`/` and `/dir/` mean
//!    `index.html`, `/dir` redirects to `/dir/`). Only the map is consulted,
//!    never the file system, so symlinks and files outside the build cannot be reached,
//! 3. `content_type`: the Content-Type for a file name's extension.
//!
//! A `Snapshot` is what one build produced, ready to send: HTML already
//! carries the reload script (and the error overlay when the last build failed).

use std::collections::HashMap;
use std::fmt;

use axum::body::Bytes;
use percent_encoding::percent_decode_str;

/// A request path that is safe to look up: the decoded segments joined with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// `""` for `/`, `404` for `/404` and `/404/`, `static/style.css`.
    pub key: String,
    /// The path ended with `/` (or was `/`).
    pub directory: bool,
}

/// Why a request path was refused (the server answers 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    NotAbsolute,
    InvalidUtf8,
    DoubleEncoded,
    EncodedSlash,
    Backslash,
    ControlCharacter,
    EmptySegment,
    DotSegment,
    DriveLetter,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathError::NotAbsolute => "the path must start with /",
            PathError::InvalidUtf8 => "the path does not decode to UTF-8",
            PathError::DoubleEncoded => "the path is percent-encoded twice",
            PathError::EncodedSlash => "the path contains an encoded slash",
            PathError::Backslash => "the path contains a backslash",
            PathError::ControlCharacter => "the path contains a control character",
            PathError::EmptySegment => "the path contains an empty segment (//)",
            PathError::DotSegment => "the path contains a . or .. segment",
            PathError::DriveLetter => "the path contains a drive letter",
        })
    }
}

impl std::error::Error for PathError {}

/// Turns the raw path of a request (without the query) into a `SitePath`.
pub fn normalize_path(raw: &str) -> Result<SitePath, PathError> {
    let rest = raw.strip_prefix('/').ok_or(PathError::NotAbsolute)?;
    if has_escape(rest, b"2f") {
        return Err(PathError::EncodedSlash);
    }
    let decoded = percent_decode_str(rest).decode_utf8().map_err(|_| PathError::InvalidUtf8)?;
    if has_any_escape(&decoded) {
        return Err(PathError::DoubleEncoded);
    }
    if decoded.contains('\\') {
        return Err(PathError::Backslash);
    }
    if decoded.chars().any(char::is_control) {
        return Err(PathError::ControlCharacter);
    }
    if decoded.is_empty() {
        return Ok(SitePath { key: String::new(), directory: true });
    }
    let (body, directory) = match decoded.strip_suffix('/') {
        Some(body) => (body, true),
        None => (&*decoded, false),
    };
    for segment in body.split('/') {
        match segment {
            "" => return Err(PathError::EmptySegment),
            "." | ".." => return Err(PathError::DotSegment),
            _ if is_drive_letter(segment) => return Err(PathError::DriveLetter),
            _ => {}
        }
    }
    Ok(SitePath { key: body.to_string(), directory })
}

/// `%2f`/`%2F` (for `hex == b"2f"`) somewhere in `s`.
fn has_escape(s: &str, hex: &[u8; 2]) -> bool {
    s.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1..].eq_ignore_ascii_case(hex))
}

/// Any `%XX` escape.
fn has_any_escape(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// `C:`, `c:foo`.
fn is_drive_letter(segment: &str) -> bool {
    let b = segment.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// One file as it is served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub body: Bytes,
    pub content_type: &'static str,
}

impl Entry {
    /// An entry whose type follows from `name`'s extension.
    pub fn new(name: &str, body: Bytes) -> Self {
        Entry { body, content_type: content_type(name) }
    }
}

/// What a `SitePath` refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(&'a Entry),
    /// A folder asked for without its trailing slash.
    AddSlash,
    NotFound,
}

/// The files of one build, keyed by their path in the output (`404/index.html`).
#[derive(Debug, Default)]
pub struct SiteMap {
    files: HashMap<String, Entry>,
}

impl SiteMap {
    pub fn new(files: HashMap<String, Entry>) -> Self {
        SiteMap { files }
    }

    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.files.get(name)
    }

    pub fn lookup(&self, path: &SitePath) -> Lookup<'_> {
        let index = |key: &str| {
            if key.is_empty() {
                "index.html".to_string()
            } else {
                format!("{key}/index.html")
            }
        };
        if path.directory {
            return self.files.get(&index(&path.key)).map_or(Lookup::NotFound, Lookup::Found);
        }
        if let Some(entry) = self.files.get(&path.key) {
            return Lookup::Found(entry);
        }
        if self.files.contains_key(&index(&path.key)) {
            Lookup::AddSlash
        } else {
            Lookup::NotFound
        }
    }
}

/// What the server sends until the next build: the site, or an error page
/// when no build has succeeded yet.
#[derive(Debug)]
pub struct Snapshot {
    /// Changes with every snapshot; the reload script compares it with the one its page was served with.
    pub generation: String,
    pub site: SiteMap,
    /// Set while there is no good site: every page request gets it (status 500).
    pub error_page: Option<Entry>,
}

impl Snapshot {
    /// The site's own 404 page, when it has one.
    pub fn not_found_page(&self) -> Option<&Entry> {
        self.site.get("404.html")
    }
}

/// The Content-Type for a file name, by extension.
pub fn content_type(name: &str) -> &'static str {
    let file = name.rsplit('/').next().unwrap_or(name);
    let ext = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> (String, bool) {
        let p = normalize_path(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        (p.key, p.directory)
    }

    fn err(raw: &str) -> PathError {
        normalize_path(raw).expect_err(raw)
    }

    #[test]
    fn plain_paths_become_keys() {
        assert_eq!(ok("/"), (String::new(), true));
        assert_eq!(ok("/404"), ("404".to_string(), false));
        assert_eq!(ok("/404/"), ("404".to_string(), true));
        assert_eq!(ok("/static/style.css"), ("static/style.css".to_string(), false));
        assert_eq!(ok("/api/codes.json"), ("api/codes.json".to_string(), false));
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        assert_eq!(ok("/a%20b.txt"), ("a b.txt".to_string(), false));
        assert_eq!(ok("/%34%30%34/"), ("404".to_string(), true));
        assert_eq!(ok("/caf%C3%A9"), ("café".to_string(), false));
        // A lone percent sign is not an escape.
        assert_eq!(ok("/100%.txt"), ("100%.txt".to_string(), false));
        // Names with dots that are not dot segments are fine.
        assert_eq!(ok("/...txt"), ("...txt".to_string(), false));
        assert_eq!(ok("/.well-known/x"), (".well-known/x".to_string(), false));
    }

    #[test]
    fn dot_segments_are_refused_raw_or_encoded() {
        for raw in [
            "/..",
            "/../Cargo.toml",
            "/static/../../x",
            "/./index.html",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/.%2e/x",
            "/static/%2e%2e/%2e%2e/secret.txt",
            "/static/%2e",
            "/static/../",
        ] {
            assert_eq!(err(raw), PathError::DotSegment, "{raw}");
        }
    }

    #[test]
    fn double_encoding_is_refused() {
        assert_eq!(err("/%252e%252e/x"), PathError::DoubleEncoded);
        assert_eq!(err("/%252F"), PathError::DoubleEncoded);
        assert_eq!(err("/%25%32%65"), PathError::DoubleEncoded);
    }

    #[test]
    fn encoded_slashes_are_refused() {
        assert_eq!(err("/..%2fx"), PathError::EncodedSlash);
        assert_eq!(err("/static%2Fstyle.css"), PathError::EncodedSlash);
    }

    #[test]
    fn backslashes_control_characters_and_drives_are_refused() {
        assert_eq!(err("/static/..\\..\\x"), PathError::Backslash);
        assert_eq!(err("/%5c..%5cx"), PathError::Backslash);
        assert_eq!(err("/index.html%00.css"), PathError::ControlCharacter);
        assert_eq!(err("/a%0Ab"), PathError::ControlCharacter);
        assert_eq!(err("/C:/Windows/win.ini"), PathError::DriveLetter);
        assert_eq!(err("/c%3A/x"), PathError::DriveLetter);
        assert_eq!(err("/static/C:x"), PathError::DriveLetter);
    }

    #[test]
    fn empty_segments_and_relative_paths_are_refused() {
        assert_eq!(err("//etc/passwd"), PathError::EmptySegment);
        assert_eq!(err("//"), PathError::EmptySegment);
        assert_eq!(err("/static//style.css"), PathError::EmptySegment);
        assert_eq!(err("index.html"), PathError::NotAbsolute);
        assert_eq!(err(""), PathError::NotAbsolute);
        assert_eq!(err("/%ff"), PathError::InvalidUtf8);
    }

    fn site() -> SiteMap {
        let files = ["index.html", "404.html", "404/index.html", "static/style.css"]
            .into_iter()
            .map(|name| (name.to_string(), Entry::new(name, Bytes::from(name))))
            .collect();
        SiteMap::new(files)
    }

    /// What `raw` resolves to: the name of the file found, "add slash" or "not found".
    fn resolve(site: &SiteMap, raw: &str) -> String {
        match site.lookup(&normalize_path(raw).unwrap()) {
            Lookup::Found(entry) => String::from_utf8(entry.body.to_vec()).unwrap(),
            Lookup::AddSlash => "add slash".to_string(),
            Lookup::NotFound => "not found".to_string(),
        }
    }

    #[test]
    fn folders_map_to_index_html_and_gain_a_slash() {
        let site = site();
        assert_eq!(resolve(&site, "/"), "index.html");
        assert_eq!(resolve(&site, "/404/"), "404/index.html");
        assert_eq!(resolve(&site, "/404/index.html"), "404/index.html");
        assert_eq!(resolve(&site, "/404"), "add slash");
        assert_eq!(resolve(&site, "/static/style.css"), "static/style.css");
        assert_eq!(resolve(&site, "/static/style.css/"), "not found");
        assert_eq!(resolve(&site, "/static/"), "not found");
        assert_eq!(resolve(&site, "/static"), "not found");
        assert_eq!(resolve(&site, "/secret.txt"), "not found");
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("404/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/STYLE.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("api/codes.json"), "application/json");
        assert_eq!(content_type("api/codes.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("static/favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type(".nojekyll"), "application/octet-stream");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
        assert_eq!(content_type("dir.html/file"), "application/octet-stream");
    }
}
