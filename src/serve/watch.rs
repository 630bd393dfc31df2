//! Watching the site's sources: `content/`, `themes/`, `data/` and `site.yaml`.
//!
//! 1. watch the root itself (not recursively) to see `site.yaml` and the
//!    folders come and go, and each folder that exists recursively,
//! 2. debounce (notify-debouncer-mini, `DEBOUNCE`) so one save, which is
//!    several file system events, becomes one rebuild,
//! 3. drop access events (inotify reports every open, so each build would
//!    trigger the next) and events for other paths (`output/`, `.git/`) and for hidden and
//!    backup files (`.404.md.swp`, `404.md~`), which the loader skips anyway,
//! 4. send `Signal::Changed`; `refresh` watches folders created since the start.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind};
use notify_debouncer_mini::{new_debouncer_opt, Config, DebounceEventResult, Debouncer};

/// Quiet time after the last event before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// The folders under the root that hold sources.
const FOLDERS: [&str; 3] = ["content", "themes", "data"];

/// What the rebuild loop is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Something the build reads changed.
    Changed,
    /// The server is shutting down.
    Stop,
}

pub struct SiteWatcher {
    debouncer: Debouncer<ChangesOnly>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching `root` (an absolute, canonical path).
    pub fn start(root: &Path, signals: Sender<Signal>) -> notify::Result<SiteWatcher> {
        let filter_root = root.to_path_buf();
        let config = Config::default().with_timeout(DEBOUNCE);
        let mut debouncer = new_debouncer_opt(config, move |result: DebounceEventResult| match result {
            Ok(events) => {
                if events.iter().any(|e| is_source_path(&filter_root, &e.path)) {
                    let _ = signals.send(Signal::Changed);
                }
            }
            Err(err) => eprintln!("warning: file watching: {err}"),
        })?;
        debouncer.watcher().watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = SiteWatcher { debouncer, root: root.to_path_buf(), watched: Vec::new() };
        watcher.refresh();
        Ok(watcher)
    }

    /// Watches source folders created since the last call; forgets removed ones.
    pub fn refresh(&mut self) {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            let watched = self.watched.contains(&path);
            if path.is_dir() && !watched {
                match self.debouncer.watcher().watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(path),
                    Err(err) => eprintln!("warning: cannot watch {folder}/: {err}"),
                }
            } else if !path.is_dir() && watched {
                let _ = self.debouncer.watcher().unwatch(&path);
                self.watched.retain(|p| p != &path);
            }
        }
    }
}

/// The platform's watcher, minus access events: the build opening and reading
/// a file is not a change. Closing a file written to still counts.
pub struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let filter = move |event: notify::Result<Event>| {
            if !matches!(&event, Ok(e) if is_read_only(&e.kind)) {
                handler.handle_event(event);
            }
        };
        RecommendedWatcher::new(filter, config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// An access that changes nothing (open, read, close after reading).
fn is_read_only(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if *access != AccessKind::Close(AccessMode::Write))
}

/// Whether a change to `path` can change the build: `site.yaml`, or a
/// non-hidden, non-backup file in one of the source folders.
pub fn is_source_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    if rel == Path::new("site.yaml") {
        return true;
    }
    let in_folder = matches!(rel.components().next(), Some(Component::Normal(first)) if FOLDERS.iter().any(|f| first == *f));
    in_folder
        && rel.components().all(|c| match c {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                !name.starts_with('.') && !name.ends_with('~')
            }
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_changes() {
        assert!(is_read_only(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(is_read_only(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_read_only(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(!is_read_only(&EventKind::Modify(notify::event::ModifyKind::Any)));
        assert!(!is_read_only(&EventKind::Create(notify::event::CreateKind::File)));
    }

    #[test]
    fn sources_are_the_folders_and_site_yaml() {
        let root = Path::new("/site");
        for yes in [
            "site.yaml",
            "content",
            "content/4xx/404.md",
            "themes/default/templates/base.html",
            "data/registry.tsv",
        ] {
            assert!(is_source_path(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "output/index.html",
            ".git/index",
            "README.md",
            "content/4xx/.404.md.swp",
            "content/4xx/404.md~",
            "content/.hidden/x.md",
            "contents/x.md",
            "site.yaml.bak",
        ] {
            assert!(!is_source_path(root, &root.join(no)), "{no}");
        }
        assert!(!is_source_path(root, Path::new("/elsewhere/content/x.md")));
        assert!(!is_source_path(root, root));
    }
}
