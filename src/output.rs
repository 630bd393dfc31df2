//! Output: the only stage that writes. The finished site is written to a
//! staging folder next to the output folder and swapped in only when every
//! file was written, so a failed build leaves the previous site in place.
//!
//! statusref deletes nothing it did not write: an existing output folder is
//! replaced only when it is empty or carries the manifest of an earlier build,
//! and then only the files that manifest lists are removed. An output folder
//! holding a symbolic link is refused, since writing or deleting through it
//! would reach outside the folder.

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
    /// The cause is left to the error chain (`{:#}` prints it), not repeated here.
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
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
        // Reported as a refusal, cause included, so that callers printing
        // only the top-level message still show why.
        let empty = match fs::read_dir(&out) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) => return refuse(&format!("cannot read it: {e}")),
        };
        if !empty && !out.join(MANIFEST).is_file() {
            return refuse(&format!(
                "it is not empty and was not written by statusref (no {MANIFEST}); pass an empty or new folder with --output"
            ));
        }
        if let Some(reason) = find_symlink(&out, output) {
            return refuse(&reason);
        }
    }
    Ok(())
}

/// statusref never creates symbolic links, and writing or deleting through
/// one inside the output folder would reach outside it. Returns the refusal
/// reason for the first link found (or for a folder that cannot be read).
/// `shown` is the output folder as the user named it, for the message.
fn find_symlink(out: &Path, shown: &Path) -> Option<String> {
    let walk = walkdir::WalkDir::new(out).min_depth(1).follow_links(false).sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().and_then(|p| p.strip_prefix(out).ok()).map(|rel| shown.join(rel));
                let at = at.unwrap_or_else(|| shown.to_path_buf());
                return Some(format!("cannot read {}: {}", at.display(), io::Error::from(e)));
            }
        };
        if entry.path_is_symlink() {
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            return Some(format!(
                "{} is a symbolic link; statusref does not write through links: remove it or choose another --output",
                shown.join(rel).display()
            ));
        }
    }
    None
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
    let shown = output;
    let output = canonical(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.statusref-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    let result = write_tree(&staging, files).and_then(|()| swap_in(&staging, &output, shown, files));
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

/// True when everything under `output` is ours: every file is listed in
/// `previous` (the last manifest) and every folder is an ancestor of a listed
/// file. Anything else, including an empty folder the user made or an entry
/// that cannot be read, counts as the user's.
fn holds_only_our_files(output: &Path, previous: &BTreeSet<String>) -> bool {
    let our_folders: BTreeSet<String> = previous
        .iter()
        .flat_map(|p| Path::new(p).ancestors().skip(1))
        .filter(|a| !a.as_os_str().is_empty())
        .map(crate::diagnostic::display_path)
        .collect();
    walkdir::WalkDir::new(output).min_depth(1).follow_links(false).into_iter().all(|entry| {
        let Ok(entry) = entry else { return false };
        let Ok(rel) = entry.path().strip_prefix(output) else { return false };
        let rel = crate::diagnostic::display_path(rel);
        if entry.file_type().is_dir() {
            our_folders.contains(&rel)
        } else {
            previous.contains(&rel)
        }
    })
}

/// Checks that `output/<rel>` can receive a file: no folder on the way exists
/// as anything but a folder, and the target is not a folder. `shown` is the
/// output folder as the user named it, for the message.
fn check_target(output: &Path, shown: &Path, rel: &str) -> Result<(), OutputError> {
    let mut at = output.to_path_buf();
    let mut shown_at = shown.to_path_buf();
    let mut components = Path::new(rel).components().peekable();
    while let Some(component) = components.next() {
        at.push(component);
        shown_at.push(component);
        let meta = match fs::symlink_metadata(&at) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(OutputError::Io { path: at, source }),
        };
        let reason = if components.peek().is_none() {
            meta.is_dir().then(|| format!("{} is a folder where the new site has a file", shown_at.display()))
        } else if meta.file_type().is_symlink() {
            Some(format!("{} is a symbolic link where the new site has a folder", shown_at.display()))
        } else {
            (!meta.is_dir())
                .then(|| format!("{} is a file where the new site has a folder", shown_at.display()))
        };
        if let Some(reason) = reason {
            return Err(OutputError::Refused {
                path: shown.to_path_buf(),
                reason: format!("{reason}; move it away"),
            });
        }
    }
    Ok(())
}

/// Moves the staged site into place. When the old output holds only files
/// and folders statusref wrote, the folders are swapped by rename; otherwise
/// new files are moved in one by one, stale files of the last build removed,
/// and the user's own files and folders left alone.
///
/// The file-by-file path checks every target before moving anything and moves
/// the manifest last, so a refusal leaves the old site untouched and a failure
/// midway leaves the old manifest, which still lists what the last build wrote.
fn swap_in(staging: &Path, output: &Path, shown: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(io_err(output));
    }
    let mut previous = read_manifest(output);
    previous.insert(MANIFEST.to_string());
    if holds_only_our_files(output, &previous) {
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
    new.remove(MANIFEST);
    for path in new.iter().map(String::as_str).chain([MANIFEST]) {
        check_target(output, shown, path)?;
    }
    for path in new.iter().map(String::as_str).chain([MANIFEST]) {
        let to = output.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::rename(staging.join(path), &to).map_err(io_err(&to))?;
    }
    new.insert(MANIFEST.to_string());
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

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_the_output_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let out = root.join("output");
        let victim = tmp.path().join("victim");
        write_output(&root, &out, &[file("404/index.html", "old"), file("gone.html", "x")]).unwrap();
        fs::write(out.join("user.txt"), "mine").unwrap();
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("index.html"), "precious").unwrap();
        fs::write(victim.join("gone.html"), "precious too").unwrap();
        fs::remove_dir_all(out.join("404")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("404")).unwrap();

        let err = check_output_dir(&root, &out).unwrap_err();
        assert!(matches!(err, OutputError::Refused { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&format!("{} is a symbolic link", out.join("404").display())), "{message}");
        let err = write_output(&root, &out, &[file("404/index.html", "new")]).unwrap_err();
        assert!(matches!(err, OutputError::Refused { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(victim.join("index.html")).unwrap(), "precious");
        assert_eq!(fs::read_to_string(victim.join("gone.html")).unwrap(), "precious too");
        assert!(out.join("gone.html").exists(), "nothing of the old site was touched");
    }

    #[test]
    fn a_conflicting_target_fails_before_anything_moves() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let out = root.join("output");
        write_output(root, &out, &[file("a.html", "1"), file("b/index.html", "1")]).unwrap();
        fs::write(out.join("user.txt"), "mine").unwrap();
        fs::create_dir_all(out.join("robots.txt")).unwrap();
        let manifest_before = fs::read(out.join(MANIFEST)).unwrap();

        let new_site = [file("a.html", "2"), file("b/index.html", "2"), file("robots.txt", "r")];
        let err = write_output(root, &out, &new_site).unwrap_err();
        assert!(matches!(err, OutputError::Refused { .. }), "{err:?}");
        let expected =
            format!("{} is a folder where the new site has a file", out.join("robots.txt").display());
        assert!(err.to_string().contains(&expected), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "1");
        assert_eq!(fs::read_to_string(out.join("user.txt")).unwrap(), "mine");
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), manifest_before);
        assert!(out.join("robots.txt").is_dir());

        fs::remove_dir(out.join("robots.txt")).unwrap();
        fs::write(out.join("c"), "a user file").unwrap();
        let err = write_output(root, &out, &[file("a.html", "3"), file("c/index.html", "3")]).unwrap_err();
        let expected = format!("{} is a file where the new site has a folder", out.join("c").display());
        assert!(err.to_string().contains(&expected), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), manifest_before);

        let leftovers: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("statusref"))
            .collect();
        assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    }

    #[test]
    fn an_empty_user_folder_survives_a_rebuild() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let out = root.join("output");
        write_output(root, &out, &[file("a/index.html", "1"), file("old.html", "x")]).unwrap();
        fs::create_dir_all(out.join("uploads/2024")).unwrap();
        write_output(root, &out, &[file("a/index.html", "2")]).unwrap();
        assert!(out.join("uploads/2024").is_dir());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
    }

    #[test]
    fn an_output_holding_only_our_files_is_swapped_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let out = root.join("output");
        write_output(root, &out, &[file("a/b/index.html", "1")]).unwrap();
        fs::remove_file(out.join("a/b/index.html")).unwrap();
        let mut previous = read_manifest(&out);
        previous.insert(MANIFEST.to_string());
        assert!(holds_only_our_files(&out, &previous));
        write_output(root, &out, &[file("c.html", "2")]).unwrap();
        assert!(!out.join("a").exists(), "folders of the last build go with it");
        assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "2");
    }

    #[test]
    fn io_errors_leave_the_cause_to_the_chain() {
        let err = OutputError::Io { path: PathBuf::from("x"), source: io::Error::other("boom") };
        assert_eq!(err.to_string(), "cannot write x");
        assert_eq!(std::error::Error::source(&err).unwrap().to_string(), "boom");
    }
}
