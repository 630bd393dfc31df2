//! `SiteTest`: copies a fixture site to a temporary folder, runs the real
//! binary on it, and parses what it wrote.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub(crate) struct SiteTest {
    pub dir: TempDir,
}

/// What one run of the binary printed.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&fixtures().join(name), dir.path());
        SiteTest { dir }
    }

    /// A test case: the `basic` site with `tests/fixtures/<area>/<case>/`
    /// copied over it (the case holds only the files that make it).
    pub(crate) fn case(area_case: &str) -> Self {
        let site = Self::fixture("basic");
        let case = fixtures().join(area_case);
        assert!(case.is_dir(), "no fixture {}", case.display());
        copy_dir(&case, site.root());
        site
    }

    /// An empty site folder.
    pub(crate) fn empty() -> Self {
        SiteTest { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs `statusref ARGS` in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out =
            Command::cargo_bin("statusref").unwrap().current_dir(self.root()).args(args).output().unwrap();
        let root = self.root().to_string_lossy().to_string();
        let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&root, "[ROOT]");
        Run { code: out.status.code().unwrap_or(-1), stdout: clean(&out.stdout), stderr: clean(&out.stderr) }
    }

    pub(crate) fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    pub(crate) fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// Parses `output/<rel>`.
    pub(crate) fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(&format!("output/{rel}")))
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

pub(crate) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// Text of every element matching `selector`.
pub(crate) fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector)).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// An attribute of every element matching `selector`.
pub(crate) fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    html.select(&sel(selector)).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

/// Inner HTML of `<main>`, for snapshots.
pub(crate) fn main_html(html: &Html) -> String {
    html.select(&sel("main")).next().map(|m| m.inner_html()).unwrap_or_default()
}
