//! The site's files outside `content/`: `site.yaml`, `data/registry.tsv`,
//! the library tables `data/constants/*.tsv` and the theme folder
//! `themes/NAME/` (templates, static files, strings), each read with the
//! guards of `read`.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::decode_text;
use super::front_matter;
use super::raw;
use super::read::{read_guarded, SITE_FILE_RULES};
use super::walk::relative;
use crate::diagnostic::{display_path, Diagnostic, Kind, Location};

/// The site's settings, relative to the root.
pub const SITE_CONFIG_PATH: &str = "site.yaml";

/// The IANA registry plus unofficial codes, relative to the root.
pub const REGISTRY_PATH: &str = "data/registry.tsv";

/// The folder of the library constant tables, relative to the root.
pub const CONSTANT_TABLES_DIR: &str = "data/constants";

/// Theme files found on disk, for `theme` to compile.
#[derive(Debug, Default, Clone)]
pub struct ThemeFiles {
    /// (template name, path relative to root, text)
    pub templates: Vec<(String, PathBuf, String)>,
    /// (path under static/, bytes)
    pub statics: Vec<(String, Vec<u8>)>,
    /// `strings/*.yaml`: (path relative to root, text)
    pub strings: Vec<(PathBuf, String)>,
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
    read_site_text(root, Path::new(REGISTRY_PATH), diagnostics)
}

/// Reads every `data/constants/*.tsv` (sorted by name) when the folder exists.
pub fn load_constant_tables(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let dir = Path::new(CONSTANT_TABLES_DIR);
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

/// Reads `themes/NAME/templates/*.html`, `themes/NAME/static/**` and
/// `themes/NAME/strings/*.yaml` when the folder exists. A theme other than the embedded default must exist on disk.
pub fn load_theme_files(root: &Path, name: &str, diagnostics: &mut Vec<Diagnostic>) -> ThemeFiles {
    let mut files = ThemeFiles::default();
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diagnostics.push(
                Diagnostic::error(
                    Kind::MissingTheme,
                    format!("theme `{name}` not found: there is no folder themes/{name}/"),
                )
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
            .map_err(|e| {
                Box::new(Diagnostic::error(Kind::UnreadableFile, e.to_string()).at(Location::new(&rel, 1, 1)))
            })
            .and_then(|b| decode_text(&rel, b))
        {
            Ok(text) => files.templates.push((name, rel, text)),
            Err(d) => diagnostics.push(*d),
        }
    }
    let strings = dir.join("strings");
    for entry in WalkDir::new(&strings)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            let rel = relative(root, entry.path());
            if let Some(text) = read_site_text(root, &rel, diagnostics) {
                files.strings.push((rel, text));
            }
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
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    Kind::UnreadableFile,
                    format!("cannot read {}: {e}", entry.path().display()),
                )
                .at(Location::new(relative(root, entry.path()), 1, 1)),
            ),
        }
    }
    files
}
