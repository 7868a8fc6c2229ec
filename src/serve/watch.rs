//! watch: file-system events under a site root → batches of changed paths that matter.
//!
//! The root itself is watched without recursion (that sees `site.toml`, including editors'
//! write-temp-then-rename saves that replace the file, and `content/` or `themes/` appearing);
//! `content/` and `themes/` are watched recursively. The output folder is never watched:
//! events there are dropped by [`super::is_watched`] too, so even a site built into the root
//! cannot start a rebuild loop. The debouncer merges the several events one save fires.
//!
//! Symbolic links are not followed: a link to a folder outside the site is an error of the
//! build anyway, and following one to `/` would put a watch on every folder of the disk. A
//! linked folder inside the site is watched where it really is when that is under `content/`
//! or `themes/`.

use std::path::{Path, PathBuf};

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};

use super::{is_watched, DEBOUNCE};

/// Folders under the root watched recursively.
const WATCHED_DIRS: [&str; 2] = ["content", "themes"];

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watching: Vec<PathBuf>,
}

/// Starts watching `root`; `report` gets each batch of relevant changed paths (absolute), or a
/// description of a watcher error.
pub fn watch(
    root: &Path,
    report: impl Fn(Result<Vec<PathBuf>, String>) + Send + 'static,
) -> Result<Watcher, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot find {}: {e}", root.display()))?;
    let filter_root = root.clone();
    let config = notify::Config::default().with_follow_symlinks(false);
    let handler = move |result: DebounceEventResult| {
        match result {
            Ok(events) => {
                // Reads (ours included: every build opens the files and folders) are not changes;
                // reacting to them would rebuild forever.
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths.iter())
                    .filter(|p| is_watched(&filter_root, p))
                    .cloned()
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    report(Ok(paths));
                }
            }
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                report(Err(text.join("; ")));
            }
        }
    };
    let debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
        DEBOUNCE,
        None,
        handler,
        RecommendedCache::new(),
        config,
    )
    .map_err(|e| e.to_string())?;
    let mut watcher = Watcher {
        debouncer,
        root: root.clone(),
        watching: Vec::new(),
    };
    watcher
        .debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    watcher.refresh()?;
    Ok(watcher)
}

impl Watcher {
    /// Starts watching `content/` or `themes/` if they appeared since the last call.
    pub fn refresh(&mut self) -> Result<(), String> {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watching.contains(&path) {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
                self.watching.push(path);
            } else if !path.is_dir() {
                // Removed: its watch is gone with it; watch it again if it comes back.
                self.watching.retain(|p| p != &path);
            }
        }
        Ok(())
    }
}
