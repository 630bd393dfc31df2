//! One build of the served site, into memory, and the snapshot it yields.
//!
//! 1. run `pipeline::run` with the session's one `Highlighter` and the
//!    server's own URL as base URL (not site.yaml's: the 404 page links to
//!    its styles and pages under the base path, which must be the server's);
//!    a panic in it (a bug) counts as a failed build, first build included,
//! 2. print the diagnostics and a status line to stderr,
//! 3. success: the files become the last good build; failure: the last good
//!    build stays, with the error overlay (or the error page when there is none),
//! 4. make a new `Snapshot` only when what would be served changed, so that a
//!    save without changes, or an editor's swap file, does not reload the tabs.
//!
//! Nothing is written to disk.

use std::borrow::Cow;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::body::Bytes;

use crate::diagnostic::{Diagnostic, Format, Kind};
use crate::markdown::Highlighter;
use crate::options::Options;
use crate::pipeline::{self, Outcome};
use crate::render::OutputFile;

use super::inject;
use super::site_map::{content_type, Entry, SiteMap, Snapshot};

/// The pipeline as the server runs it (a seam for tests).
type RunPipeline = fn(&Path, &Options, &Highlighter) -> Outcome;

/// Builds the site again and again for one `serve` session.
pub struct Rebuilder {
    run: RunPipeline,
    root: PathBuf,
    options: Options,
    highlighter: Highlighter,
    /// Random per session, so a tab left open across a restart reloads too.
    session: String,
    snapshots: u64,
    /// The files of the last successful build.
    last_good: Option<Vec<(String, Bytes)>>,
    /// The overlay of the current failure; `None` while the last build succeeded.
    failure: Option<String>,
}

impl Rebuilder {
    /// `base_url` is the URL the site is served at.
    pub fn new(root: PathBuf, base_url: String, session: String) -> Self {
        Self::with_pipeline(pipeline::run, root, base_url, session)
    }

    fn with_pipeline(run: RunPipeline, root: PathBuf, base_url: String, session: String) -> Self {
        Rebuilder {
            run,
            root,
            options: Options { base_url: Some(base_url), ..Default::default() },
            highlighter: Highlighter::new(),
            session,
            snapshots: 0,
            last_good: None,
            failure: None,
        }
    }

    /// The first build: its snapshot is served whatever the outcome.
    pub fn first_build(&mut self) -> Snapshot {
        self.build();
        self.snapshot()
    }

    /// Builds the site again. `None` when the result is what is already being served.
    pub fn rebuild(&mut self) -> Option<Snapshot> {
        self.build().then(|| self.snapshot())
    }

    /// Runs the pipeline and updates the last good build or the failure;
    /// true when what is served changes.
    fn build(&mut self) -> bool {
        let started = Instant::now();
        let run = || (self.run)(&self.root, &self.options, &self.highlighter);
        let outcome = panic::catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| panicked());
        let took = started.elapsed().as_millis();
        if !outcome.diagnostics.is_empty() {
            eprint!("{}", outcome.report(Format::Human));
        }
        match outcome.files {
            Some(files) => {
                let files: Vec<(String, Bytes)> = files.into_iter().map(into_bytes).collect();
                eprintln!("built {} pages ({} files) in {took} ms", outcome.pages, files.len());
                if self.failure.is_none() && self.last_good.as_ref() == Some(&files) {
                    eprintln!("nothing changed; the open pages stay as they are");
                    return false;
                }
                self.last_good = Some(files);
                self.failure = None;
            }
            None => {
                let serving_last_good = self.last_good.is_some();
                let overlay = inject::overlay(&outcome.diagnostics, &outcome.texts, serving_last_good);
                eprintln!(
                    "build failed in {took} ms; {} until the problem is fixed",
                    if serving_last_good {
                        "serving the last good build, with the errors shown on every page,"
                    } else {
                        "serving an error page"
                    }
                );
                if self.failure.as_ref() == Some(&overlay) {
                    return false;
                }
                self.failure = Some(overlay);
            }
        }
        true
    }

    fn snapshot(&mut self) -> Snapshot {
        self.snapshots += 1;
        let generation = format!("{}-{}", self.session, self.snapshots);
        let mut tail = self.failure.clone().unwrap_or_default();
        tail.push_str(&inject::reload_tag(&generation));
        match &self.last_good {
            Some(files) => Snapshot { generation, site: site_map(files, &tail), error_page: None },
            None => {
                let page = inject::insert_before_body_end(inject::error_page().as_bytes(), &tail);
                Snapshot {
                    generation,
                    site: SiteMap::default(),
                    error_page: Some(Entry::new("error.html", Bytes::from(page))),
                }
            }
        }
    }
}

/// The outcome of a build that panicked: one error, no files.
fn panicked() -> Outcome {
    Outcome {
        files: None,
        diagnostics: vec![Diagnostic::error(Kind::Internal, "the build panicked: this is a bug in statusref")
            .help("please report it with the change that led to it; fixing or undoing that change brings the site back")],
        texts: Default::default(),
        timings: Vec::new(),
        pages: 0,
    }
}

fn into_bytes(file: OutputFile) -> (String, Bytes) {
    let bytes = match file.bytes {
        Cow::Borrowed(b) => Bytes::from_static(b),
        Cow::Owned(v) => Bytes::from(v),
    };
    (file.path, bytes)
}

/// The files as served: HTML pages get `tail` before `</body>`, the rest is shared as it is.
fn site_map(files: &[(String, Bytes)], tail: &str) -> SiteMap {
    let entries = files
        .iter()
        .map(|(path, bytes)| {
            let content_type = content_type(path);
            let body = if content_type.starts_with("text/html") {
                Bytes::from(inject::insert_before_body_end(bytes, tail))
            } else {
                bytes.clone()
            };
            (path.clone(), Entry { body, content_type })
        })
        .collect();
    SiteMap::new(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panicking(_: &Path, _: &Options, _: &Highlighter) -> Outcome {
        panic!("a bug");
    }

    #[test]
    fn a_panicking_first_build_serves_the_error_page() {
        let mut rebuilder =
            Rebuilder::with_pipeline(panicking, PathBuf::from("."), "http://127.0.0.1:1/".into(), "s".into());
        let snapshot = rebuilder.first_build();
        let page = snapshot.error_page.expect("an error page while there is no good build");
        let html = String::from_utf8_lossy(&page.body);
        assert!(html.contains("this is a bug in statusref"), "{html}");
        // Later panics are failures too, and the same failure does not reload the tabs.
        assert!(rebuilder.rebuild().is_none());
    }
}
