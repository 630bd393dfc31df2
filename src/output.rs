//! Output: the only stage that writes. The finished site is written to a
//! staging folder next to the output folder and swapped in only when every
//! file was written, so a failed build leaves the previous site in place.
//!
//! statusref deletes nothing it did not write: an existing output folder is
//! replaced only when it is empty or carries the manifest of an earlier build,
//! and then only the files that manifest lists are removed.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::render::OutputFile;

/// Lists the files of the last build, one per line. Its presence marks the folder as ours.
pub const MANIFEST: &str = ".statusref-manifest";
const MANIFEST_HEADER: &str = "# written by statusref; files listed here are replaced by the next build";

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("refusing to write the site into {path}: {reason}")]
    Refused { path: PathBuf, reason: String },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// Resolves `.` and `..` and symlinks of the longest existing ancestor.
fn canonical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        match Path::new(&name).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) => {}
            _ => out.push(name),
        }
    }
    out
}

/// Refuses output folders that would put user files at risk.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), OutputError> {
    let root = canonical(root);
    let out = canonical(output);
    let refuse =
        |reason: &str| Err(OutputError::Refused { path: output.to_path_buf(), reason: reason.into() });
    if out.parent().is_none() {
        return refuse("it is the file system root");
    }
    if out == root {
        return refuse("it is the site root");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site root");
    }
    for protected in ["content", "themes", "data", ".git", "src"] {
        if out.starts_with(root.join(protected)) {
            return refuse(&format!("it is inside the site's {protected}/ folder"));
        }
    }
    if let Some(home) = std::env::var_os("HOME") {
        if out == canonical(Path::new(&home)) {
            return refuse("it is your home folder");
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse("it is a file, not a folder");
        }
        let empty = fs::read_dir(&out).map_err(io_err(output))?.next().is_none();
        if !empty && !out.join(MANIFEST).is_file() {
            return refuse(&format!(
                "it is not empty and was not written by statusref (no {MANIFEST}); pass an empty or new folder with --output"
            ));
        }
    }
    Ok(())
}

/// Writes `files` into `output` through a staging folder.
pub fn write_output(root: &Path, output: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    check_output_dir(root, output)?;
    for f in files {
        if !is_safe_relative(&f.path) {
            return Err(OutputError::Refused {
                path: PathBuf::from(&f.path),
                reason: "an output path must stay inside the output folder".into(),
            });
        }
    }
    let output = canonical(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.statusref-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    let result = write_tree(&staging, files).and_then(|()| swap_in(&staging, &output, files));
    if staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes the staging tree: folders first, then the files on all cores (the
/// staging folder is private until it is swapped in, so order does not matter).
fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let folders: BTreeSet<&Path> = files.iter().filter_map(|f| Path::new(&f.path).parent()).collect();
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(io_err(&path))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        fs::write(&path, &f.bytes).map_err(io_err(&path))
    })?;
    let manifest_path = dir.join(MANIFEST);
    fs::write(&manifest_path, manifest(files)).map_err(io_err(&manifest_path))
}

fn manifest(files: &[OutputFile]) -> String {
    let mut text = String::from(MANIFEST_HEADER);
    text.push('\n');
    for f in files {
        text.push_str(&f.path);
        text.push('\n');
    }
    text
}

fn read_manifest(output: &Path) -> BTreeSet<String> {
    fs::read_to_string(output.join(MANIFEST))
        .map(|t| {
            t.lines().filter(|l| !l.starts_with('#') && is_safe_relative(l)).map(str::to_owned).collect()
        })
        .unwrap_or_default()
}

/// Every file under `dir`, relative, with forward slashes.
fn list_files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(crate::diagnostic::display_path))
        .collect()
}

/// Moves the staged site into place. When the old output holds only files
/// statusref wrote, the folders are swapped by rename; otherwise new files are
/// moved in one by one, stale files of the last build removed, and the user's
/// own files left alone.
fn swap_in(staging: &Path, output: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(io_err(output));
    }
    let mut previous = read_manifest(output);
    previous.insert(MANIFEST.to_string());
    let present = list_files(output);
    if present.is_subset(&previous) {
        let old = output.with_file_name(format!(
            ".{}.statusref-old-{}",
            output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        fs::rename(output, &old).map_err(io_err(output))?;
        if let Err(source) = fs::rename(staging, output) {
            let _ = fs::rename(&old, output);
            return Err(OutputError::Io { path: output.to_path_buf(), source });
        }
        return fs::remove_dir_all(&old).map_err(io_err(&old));
    }
    let mut new: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    new.insert(MANIFEST.to_string());
    for path in &new {
        let to = output.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::rename(staging.join(path), &to).map_err(io_err(&to))?;
    }
    for stale in previous.difference(&new) {
        let path = output.join(stale);
        if path.is_file() {
            fs::remove_file(&path).map_err(io_err(&path))?;
            remove_empty_parents(output, &path);
        }
    }
    Ok(())
}

fn remove_empty_parents(output: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == output || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: Cow::Owned(text.as_bytes().to_vec()) }
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/x"),
            root.join("themes"),
            root.parent().unwrap().to_path_buf(),
            PathBuf::from("/"),
        ] {
            assert!(check_output_dir(root, &bad).is_err(), "{bad:?} should be refused");
        }
        assert!(check_output_dir(root, &root.join("content/../content")).is_err());
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(check_output_dir(root, &root.join("mine")).is_err());
        assert!(check_output_dir(root, &root.join("output")).is_ok());
    }

    #[test]
    fn second_build_replaces_only_its_own_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let out = root.join("output");
        write_output(root, &out, &[file("a/index.html", "1"), file("old.html", "x")]).unwrap();
        fs::write(out.join("user.txt"), "mine").unwrap();
        write_output(root, &out, &[file("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("user.txt")).unwrap(), "mine");
        write_output(root, &out, &[file("b.html", "3")]).unwrap();
        assert!(!out.join("a").exists(), "emptied folders of the last build go too");
        assert!(out.join("user.txt").exists());
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let err = write_output(tmp.path(), &tmp.path().join("out"), &[file("../x", "")]).unwrap_err();
        assert!(err.to_string().contains("inside the output folder"));
    }
}
