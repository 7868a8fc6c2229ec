//! output: [`Output`] files → a folder on disk, all or nothing.
//!
//! The site is written into a fresh temporary folder beside the target (same file system, so
//! the final rename is cheap and atomic), then swapped in: the old folder is renamed aside, the
//! new one renamed into place, and the old one removed. A build that fails or is killed before
//! the swap leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use rayon::prelude::*;

use crate::render::Output;

/// An I/O failure while writing, naming the action and the path.
#[derive(Debug)]
pub struct WriteError {
    /// What was being done: "create folder", "write file", …
    pub action: &'static str,
    /// The path it was done to.
    pub path: PathBuf,
    /// The cause.
    pub source: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |source| WriteError {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `files` into `target` (replacing it whole). `root` is the site root that `Copied`
/// sources are relative to.
pub fn write(root: &Path, target: &Path, files: &[Output]) -> Result<(), WriteError> {
    Staging::create(root, target)?.finish(files)
}

/// The temporary folder a build writes into, swapped in for the target by
/// [`Staging::finish`]. Pages can be put in while they are rendered ([`Staging::put`]), so a
/// big site is never held in memory whole. Dropped unfinished (content errors, a failed
/// write), it removes itself and the target stays as it was.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    dir: PathBuf,
    target: PathBuf,
    /// The first write that failed in [`Staging::put`], reported by [`Staging::finish`].
    failed: std::sync::Mutex<Option<WriteError>>,
    finished: bool,
}

impl Staging {
    /// Makes a fresh staging folder beside `target` (after [`recover`]ing what killed builds
    /// left there). `root` is the site root that `Copied` sources are relative to.
    pub fn create(root: &Path, target: &Path) -> Result<Staging, WriteError> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(err("create folder", &parent))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_string());
        recover(target);
        let dir = parent.join(format!(".{name}.spiegel-new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(err("remove old staging folder", &dir))?;
        }
        fs::create_dir(&dir).map_err(err("create folder", &dir))?;
        Ok(Staging {
            root: root.to_path_buf(),
            dir,
            target: target.to_path_buf(),
            failed: std::sync::Mutex::new(None),
            finished: false,
        })
    }

    /// A file of the staging folder written in pieces, for a file too big to hold whole (the
    /// search index). A failure is kept for [`Staging::finish`] to report, as [`Staging::put`]
    /// keeps its own; the pieces after it are dropped.
    pub fn stream(&self, path: &str) -> Box<dyn io::Write + Send + '_> {
        let full = self.dir.join(path);
        let file = full
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .map_err(err("create folder", &full))
            .and_then(|()| fs::File::create(&full).map_err(err("write file", &full)));
        let out = match file {
            Ok(f) => Some(io::BufWriter::with_capacity(1 << 16, f)),
            Err(e) => {
                self.fail(e);
                None
            }
        };
        Box::new(StagedFile {
            staging: self,
            path: full,
            out,
        })
    }

    fn fail(&self, e: WriteError) {
        let mut failed = self.failed.lock().unwrap_or_else(PoisonError::into_inner);
        failed.get_or_insert(e);
    }

    /// Writes one file now and hands back [`Output::Written`] in its place, so the bytes can
    /// be dropped. A failure is kept for [`Staging::finish`] to report.
    pub fn put(&self, file: Output) -> Output {
        let path = file.path().to_string();
        if let Err(e) = self.write_one(&file, true) {
            self.fail(e);
        }
        Output::Written { path }
    }

    /// Writes the files not yet [`put`](Staging::put) and swaps the folder in for the target.
    pub fn finish(mut self, files: &[Output]) -> Result<(), WriteError> {
        let failed = self
            .failed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(e) = failed {
            return Err(e);
        }
        let mut folders: Vec<PathBuf> = files
            .iter()
            .filter(|f| !matches!(f, Output::Written { .. }))
            .filter_map(|f| Path::new(f.path()).parent().map(|p| self.dir.join(p)))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            fs::create_dir_all(folder).map_err(err("create folder", folder))?;
        }
        files
            .par_iter()
            .try_for_each(|file| self.write_one(file, false))?;
        swap(&self.dir, &self.target)?;
        self.finished = true;
        Ok(())
    }

    fn write_one(&self, file: &Output, make_folder: bool) -> Result<(), WriteError> {
        let path = self.dir.join(file.path());
        if make_folder {
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder).map_err(err("create folder", folder))?;
            }
        }
        match file {
            Output::Generated { bytes, .. } => {
                fs::write(&path, bytes).map_err(err("write file", &path))
            }
            Output::Chunks { chunks, .. } => {
                use std::io::Write as _;
                let file = fs::File::create(&path).map_err(err("write file", &path))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                chunks
                    .iter()
                    .try_for_each(|c| out.write_all(c))
                    .and_then(|()| out.flush())
                    .map_err(err("write file", &path))
            }
            Output::Copied { from, .. } => {
                let source = self.root.join(from);
                fs::copy(&source, &path)
                    .map(|_| ())
                    .map_err(err("copy file", &source))
            }
            Output::Written { .. } => Ok(()),
        }
    }
}

/// A file [`Staging::stream`] writes: every error goes to the staging folder's record.
struct StagedFile<'a> {
    staging: &'a Staging,
    path: PathBuf,
    /// `None` once a write failed.
    out: Option<io::BufWriter<fs::File>>,
}

impl StagedFile<'_> {
    fn check(&mut self, result: io::Result<()>) {
        if let Err(e) = result {
            self.out = None;
            self.staging.fail(err("write file", &self.path)(e));
        }
    }
}

impl io::Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(out) = &mut self.out {
            let result = out.write_all(buf);
            self.check(result);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(out) = &mut self.out {
            let result = out.flush();
            self.check(result);
        }
        Ok(())
    }
}

impl Drop for StagedFile<'_> {
    fn drop(&mut self) {
        let _ = io::Write::flush(self);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Puts `staging` where `target` is. The old target is moved aside first and removed after.
fn swap(staging: &Path, target: &Path) -> Result<(), WriteError> {
    // The build refuses a file as its output (`check_output_location`); this keeps a file
    // that appeared meanwhile from being moved aside in a folder's place.
    if fs::symlink_metadata(target).is_ok_and(|m| m.is_file()) {
        return Err(WriteError {
            action: "replace the output",
            path: target.to_path_buf(),
            source: io::Error::other("it is a file, not a folder"),
        });
    }
    if target.exists() {
        let old = staging.with_file_name(format!(
            "{}-old",
            staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        fs::rename(target, &old).map_err(err("move aside the previous output", target))?;
        if let Err(source) = fs::rename(staging, target) {
            // Put the previous output back so the user is never left with none.
            let _ = fs::rename(&old, target);
            return Err(WriteError {
                action: "move new output into place",
                path: target.to_path_buf(),
                source,
            });
        }
        fs::remove_dir_all(&old).map_err(err("remove the previous output", &old))?;
    } else {
        fs::rename(staging, target).map_err(err("move new output into place", target))?;
    }
    Ok(())
}

// ---- trust (issue 6): leftovers of builds that were killed ----

/// Removes the staging folders (`.<name>.spiegel-new-<pid>`, and `…-old`) that builds killed
/// before they finished left beside `target`. A build killed between its two renames leaves
/// the previous output only as `…-old` and no `target`: that folder is put back first, so
/// the editor never loses the last good site. Folders of builds still running are left alone.
/// Runs at the start of every build (even one that then fails on content errors) and write.
pub fn recover(target: &Path) {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let parent = parent.as_path();
    let prefix = format!(".{name}.spiegel-new-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut stale: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let rest = file_name.strip_prefix(&prefix)?;
            let (pid, old) = match rest.strip_suffix("-old") {
                Some(pid) => (pid, true),
                None => (rest, false),
            };
            let pid: u32 = pid.parse().ok()?;
            (pid != std::process::id() && !process_alive(pid, &entry.path()))
                .then(|| (entry.path(), old))
        })
        .collect();
    stale.sort();
    if !target.exists() {
        if let Some((old, _)) = stale.iter().find(|(_, old)| *old) {
            let _ = fs::rename(old, target);
        }
    }
    for (dir, _) in stale {
        if dir.exists() {
            let _ = fs::remove_dir_all(&dir);
        }
    }
}

/// Whether the build that made `dir` may still be running. Linux answers exactly through
/// /proc; elsewhere a folder untouched for a day is taken as abandoned.
fn process_alive(pid: u32, dir: &Path) -> bool {
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    let age = fs::metadata(dir)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok());
    age.is_none_or(|a| a <= std::time::Duration::from_secs(24 * 60 * 60))
}
