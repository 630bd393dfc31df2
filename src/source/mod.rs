//! Loading: the only stage that reads the site from disk, and the only one
//! that reads YAML. Model gets what it needs as one owned value (`Sources`).
//!
//! 1. walk `content/` (`walk`: sorted, symlinks not followed, hidden entries skipped),
//! 2. read each file, cap its size, check UTF-8 (naming the byte offset),
//!    strip a BOM and normalise CRLF (`read`),
//! 3. classify each markdown file by its path, split off its front matter
//!    (`split`) and parse it into its raw type (`document`, `front_matter`,
//!    `raw`, whose keys are declared once in `keys`), in parallel,
//! 4. read `site.yaml`, `data/registry.tsv`, the constant tables and the
//!    theme's files (`site_files`).
//!
//! Nothing is validated against the rest of the site here (that is `model`'s job).

mod document;
pub mod front_matter;
pub mod keys;
pub mod raw;
mod read;
mod site_files;
pub mod split;
mod walk;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;

pub use document::{class_digit, Content, Page, PageKind, Translation};
pub use read::{decode_text, MAX_FILE_BYTES};
pub use site_files::{
    load_constant_tables, load_registry, load_site_config, load_theme_files, LoadedConfig, ThemeFiles,
    CONSTANT_TABLES_DIR, REGISTRY_PATH, SITE_CONFIG_PATH,
};
pub use walk::check_root;

/// One file of `content/`, read and, for markdown, parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/4xx/404.md`.
    pub path: PathBuf,
    pub content: Content,
}

impl SourceFile {
    /// The path of the file relative to `content/`, with forward slashes.
    pub fn content_path(&self) -> String {
        let p = self.path.strip_prefix("content").unwrap_or(&self.path);
        crate::diagnostic::display_path(p)
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Sources {
    /// In path order.
    pub files: Vec<SourceFile>,
    /// The text of every markdown file, for quoting lines in diagnostics.
    pub texts: Vec<(PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file as read, before it is parsed.
pub(crate) enum Loaded {
    Text(String),
    Bytes(Vec<u8>),
}

/// Reads `ROOT/content` into memory. Problems with single files become
/// diagnostics; the walk goes on so that `check` reports them all.
pub fn load_sources(root: &std::path::Path) -> Sources {
    let mut diagnostics = Vec::new();
    let loaded = walk::walk_content(root, &mut diagnostics);
    parse_sources(loaded, diagnostics)
}

/// Sources from markdown texts held in memory (paths relative to the root,
/// e.g. `content/4xx/404.md`): the same classification and parsing as files
/// read from disk. For tests and the template sample site.
pub fn sources_from_texts(files: impl IntoIterator<Item = (PathBuf, String)>) -> Sources {
    let loaded = files.into_iter().map(|(path, text)| (path, Loaded::Text(text))).collect();
    parse_sources(loaded, Vec::new())
}

/// Front matter is parsed in parallel; the files stay in path order.
fn parse_sources(loaded: Vec<(PathBuf, Loaded)>, mut diagnostics: Vec<Diagnostic>) -> Sources {
    let parsed: Vec<(SourceFile, Option<String>, Vec<Diagnostic>)> = loaded
        .into_par_iter()
        .map(|(path, loaded)| {
            let mut diags = Vec::new();
            let (content, text) = match loaded {
                Loaded::Bytes(bytes) => (Content::Asset(bytes), None),
                Loaded::Text(text) => (document::read_markdown(&path, &text, &mut diags), Some(text)),
            };
            (SourceFile { path, content }, text, diags)
        })
        .collect();
    let mut sources = Sources { files: Vec::with_capacity(parsed.len()), ..Sources::default() };
    for (file, text, mut diags) in parsed {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            sources.texts.push((file.path.clone(), text));
        }
        sources.files.push(file);
        diagnostics.append(&mut diags);
    }
    sources.diagnostics = diagnostics;
    sources
}
