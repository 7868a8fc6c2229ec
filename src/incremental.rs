//! incremental: what `spiegel serve` keeps between builds so a rebuild redoes only what
//! changed. In: the watcher's changed paths; out: caches the pipeline consults
//! ([`crate::build_in_memory`]).
//!
//! Three layers, each exact:
//! - parsed files: a file whose text is unchanged is not parsed again;
//! - file bytes: a file is re-read only when the watcher named it or its length or
//!   modification time differs from what was read (the second check catches an event the
//!   watcher missed); a file no longer on disk is forgotten when its read fails;
//! - the theme: parsed templates are kept until a file under `themes/` or `site.toml` changes;
//! - rendering: Markdown bodies and pages whose inputs did not change are reused
//!   ([`crate::render::cache`]).
//!
//! Checking and analysing the site, and building every page's view data to compare it with the
//! cache, are redone on every build: they are whole-site by nature (one changed id can break
//! any reference) and cheap next to rendering on small sites (numbers in docs/serve.md and
//! docs/benchmarks.md; at 10,000 notes they dominate). Region downloads and mirror views are
//! memoised by their inputs ([`crate::render::cache`]).
//!
//! One kind of change skips all of that: the most common one, a save of a note. When every
//! changed file is a note of the last whole build whose front matter is byte for byte the same,
//! or checks again on its own without a diagnostic and keeps its slug and draft flag, a new
//! note in `content/notes/` that checks on its own with a new slug, or a removed note no body
//! links to, nothing analysis reads has changed, and only the pages that show those notes are
//! made again, from the last whole build's site and analysis ([`BuildCache::note_edits`],
//! [`crate::render::render_note_edits`]). Editors' swap and backup files change nothing.
//!
//! A second short cut takes saves of results files of the last whole build that check again
//! cleanly on their own: the changed regions' mirrors are made again, the rest of the
//! analysis is redone (it compares every region), and the pages figures can reach are looked
//! up in the page cache ([`BuildCache::results_edits`],
//! [`crate::render::render_results_edits`]). A new or removed results file, two rounds of a
//! questionnaire on one day, or a diagnostic in the region's folder takes the whole build.
//! Anything else, or a note with diagnostics, takes the whole build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::diagnostics::SourceMap;
use crate::render::cache::RenderCache;
use crate::render::theme::Theme;

/// What a save did to one note of the last whole build.
enum Edit {
    /// Only its body changed; the body starts at this byte of the new text.
    Body(usize),
    /// Its front matter changed too: the note as checked again.
    FrontMatter(Box<crate::model::Note>),
}

/// One changed path, as [`BuildCache::note_edits`] takes it.
enum Change {
    /// A note of the last whole build, saved.
    Edited {
        index: usize,
        text: Arc<str>,
        edit: Edit,
    },
    /// A new note, checked on its own.
    Added {
        text: Arc<str>,
        note: Box<crate::model::Note>,
    },
    /// A note of the last whole build whose file is gone.
    Removed { index: usize },
}

/// Whether a changed path cannot change the build: an editor's swap or backup file (a file
/// whose name starts with `.` or ends with `~`, which the content loader skips), or a path
/// that is gone and that the last build knew nothing of (a file an editor made and removed
/// while saving). A gone folder with files of the last build in it is not.
fn ignorable(root: &Path, rel: &Path, last: &LastBuild) -> bool {
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(_) => is_editors_file(root, rel),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let under_static = Path::new(crate::content::CONTENT_DIR).join("static");
            let static_file = rel
                .strip_prefix(&under_static)
                .is_ok_and(|inside| last.site.static_files.iter().any(|f| f.starts_with(inside)));
            let known = last.sources.files().any(|(file, _)| file.starts_with(rel))
                || last.diagnostics.iter().any(|d| d.file.starts_with(rel));
            !(static_file || known || rel.as_os_str().is_empty())
        }
        Err(_) => false,
    }
}

/// Whether `rel` is an editor's swap, backup or lock file, which no loader reads: a hidden or
/// backup name on anything but a folder (a loader still walks into a hidden folder). A
/// symbolic link counts (Emacs' lock file `.#x.md` is one, to nowhere), and so does such a
/// file already gone (vim removes its `.x.swp` when it closes a template).
fn is_editors_file(root: &Path, rel: &Path) -> bool {
    rel.file_name()
        .is_some_and(crate::content::is_hidden_or_backup)
        && !std::fs::metadata(root.join(rel)).is_ok_and(|m| m.is_dir())
}

/// Caches kept between the preview server's builds.
#[derive(Default)]
pub struct BuildCache {
    files: FileCache,
    parsed: crate::content::ParseCache,
    theme: Option<CachedTheme>,
    render: RenderCache,
    /// The last whole build that succeeded, for [`BuildCache::note_edits`].
    last: Option<LastBuild>,
}

/// What the last whole build left: its checked site and analysis, and its report's contents,
/// so a rebuild after edits to note bodies can start from them.
pub(crate) struct LastBuild {
    root: PathBuf,
    drafts: bool,
    today: Option<crate::model::Date>,
    site: crate::model::Site,
    analysis: crate::analysis::Analysis,
    diagnostics: crate::diagnostics::Diagnostics,
    sources: SourceMap,
    pages: usize,
    files: usize,
    notes: Vec<String>,
    language: crate::config::Language,
    /// Each note's index in `site.notes`, by file: a save finds its note without reading
    /// 10,000 paths.
    note_files: HashMap<PathBuf, usize>,
}

/// Each note's index, by file.
fn note_files(site: &crate::model::Site) -> HashMap<PathBuf, usize> {
    site.notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.body.file.clone(), i))
        .collect()
}

/// The cached theme when it was loaded for `config` (its theme, minify setting and language).
fn theme_for<'a>(
    theme: &'a Option<CachedTheme>,
    config: &crate::config::Config,
) -> Option<&'a CachedTheme> {
    theme.as_ref().filter(|t| {
        t.name == config.theme && t.minify == config.minify && t.language == config.language
    })
}

impl LastBuild {
    /// Whether a short cut may start from this build for a rebuild with `options`: the same
    /// site, drafts and date, and no symbolic links (whose targets only a whole build checks).
    fn made_like(&self, options: &crate::BuildOptions) -> bool {
        self.root == options.root
            && self.drafts == options.drafts
            && self.today == options.today
            && !self.site.symlinks
    }

    /// What `built`, made with `options`, leaves for the next rebuild.
    pub(crate) fn new(
        options: &crate::BuildOptions,
        site: crate::model::Site,
        analysis: crate::analysis::Analysis,
        built: &crate::Built,
    ) -> Self {
        LastBuild {
            root: options.root.clone(),
            drafts: options.drafts,
            today: options.today,
            note_files: note_files(&site),
            site,
            analysis,
            diagnostics: built.report.diagnostics.clone(),
            sources: built.report.sources.clone(),
            pages: built.report.pages,
            files: built.report.files,
            notes: built.report.notes.clone(),
            language: built.language,
        }
    }

    /// This build again as a partial one: its report, with `files` made anew and the files
    /// at `removed` gone.
    fn partial(&self, files: Vec<crate::render::Output>, removed: Vec<String>) -> crate::Built {
        crate::Built {
            report: crate::Report {
                diagnostics: self.diagnostics.clone(),
                sources: self.sources.clone(),
                pages: self.pages,
                files: self.files,
                elapsed: std::time::Duration::ZERO,
                notes: self.notes.clone(),
            },
            files,
            removed,
            language: self.language,
            partial: true,
        }
    }
}

/// The notes of the last whole build after [`LastBuild::apply`]: what
/// [`crate::render::render_note_edits`] needs to know of the changes.
struct Applied {
    /// The edited and added notes, as indexes into the notes now.
    changed: Vec<usize>,
    /// The notes as they were where a front matter changed or the note went.
    before: Vec<crate::model::Note>,
    /// Where each note was, when notes moved, came or went.
    was: Option<Vec<Option<usize>>>,
    /// How many notes were added.
    added: usize,
    /// The removed notes' URLs, and their pages' paths.
    removed_urls: Vec<String>,
    removed_paths: Vec<String>,
}

impl LastBuild {
    /// What the save of `rel` did, as the short cut takes it; `None` when only a whole build
    /// can tell (a draft, a note in a folder, any other file, a note with a diagnostic, a
    /// new slug or draft flag, an unreadable file).
    fn change(
        &self,
        root: &Path,
        rel: &Path,
        drafts: bool,
        read: crate::content::Reader<'_>,
    ) -> Option<Change> {
        let Some(&index) = self.note_files.get(rel) else {
            // Not a note of the last build: a new one, checked on its own against the last
            // build's ids.
            if self.sources.text(rel).is_some() || !crate::content::is_plain_note_file(root, rel) {
                return None;
            }
            let (text, _) = crate::content::markdown_text(root, rel, read)?;
            let doc = crate::content::parse_note(rel, &text).ok()?;
            let (note, diagnostics) = crate::check::recheck_note(&self.site, &doc);
            let note = note.filter(|n| diagnostics.is_empty() && (drafts || !n.draft))?;
            return Some(Change::Added {
                text,
                note: Box::new(note),
            });
        };
        // A note that became a symbolic link (perhaps to outside the site) or a folder is
        // for the whole build to judge, as it judges every link.
        match std::fs::symlink_metadata(root.join(rel)) {
            Ok(meta) if !meta.is_file() => return None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Some(Change::Removed { index })
            }
            _ => {}
        }
        let Some((text, body_start)) = crate::content::markdown_text(root, rel, read) else {
            // Unreadable or without front matter is for the whole build to report; gone is a
            // removal.
            let gone = std::fs::symlink_metadata(root.join(rel))
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
            return gone.then_some(Change::Removed { index });
        };
        let old = self.sources.text(rel)?;
        let old_note = &self.site.notes[index];
        let edit = if text.get(..body_start)? == old.get(..old_note.body.offset)? {
            Edit::Body(body_start)
        } else {
            // A new front matter: checked again on its own against the last build's ids.
            // What would change which pages there are (draft, slug), or any diagnostic, takes
            // the whole build. A new date moves the note among the others (`apply`).
            let doc = crate::content::parse_note(rel, &text).ok()?;
            let (note, diagnostics) = crate::check::recheck_note(&self.site, &doc);
            let note = note.filter(|n| {
                diagnostics.is_empty() && n.slug == old_note.slug && n.draft == old_note.draft
            })?;
            Edit::FrontMatter(Box::new(note))
        };
        Some(Change::Edited { index, text, edit })
    }

    /// Whether every added note's slug is new among every note file, drafts included (a clash
    /// is an error), and among each other; a removed note's slug is taken too (links to the
    /// old file would resolve to the same page). (`sources` holds every note file: a last
    /// build exists only when every file was read and parsed.)
    fn slugs_are_new(&self, changes: &[Change]) -> bool {
        let added: Vec<&crate::model::Note> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Added { note, .. } => Some(&**note),
                _ => None,
            })
            .collect();
        if added.is_empty() {
            return true;
        }
        let notes_dir = Path::new(crate::content::CONTENT_DIR).join("notes");
        let taken: std::collections::BTreeSet<String> = self
            .sources
            .files()
            .filter(|(file, _)| file.starts_with(&notes_dir))
            .filter(|(file, _)| !added.iter().any(|n| n.body.file == *file))
            .map(|(file, _)| crate::content::page_slug(file))
            .collect();
        let mut slugs = std::collections::BTreeSet::new();
        !added
            .iter()
            .any(|n| taken.contains(&n.slug) || !slugs.insert(&n.slug))
    }

    /// Puts the changes into the last build's notes, source texts and permalinks, and the
    /// notes in order again as check orders them.
    fn apply(&mut self, changes: Vec<Change>) -> Applied {
        let old_count = self.site.notes.len();
        // Each note now, tagged with where it was (`None`: added) and whether it changed.
        let mut tagged: Vec<(crate::model::Note, Option<usize>, bool)> =
            std::mem::take(&mut self.site.notes)
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n, Some(i), false))
                .collect();
        let mut before = Vec::new();
        let mut removed_urls = Vec::new();
        let mut removed_paths = Vec::new();
        let mut gone = vec![false; old_count];
        let mut new_notes = Vec::new();
        for change in changes {
            match change {
                Change::Edited { index, text, edit } => {
                    let (note, _, changed) = &mut tagged[index];
                    *changed = true;
                    let file = note.body.file.clone();
                    match edit {
                        Edit::Body(body_start) => {
                            note.body.text = crate::model::BodyText::tail(&text, body_start);
                        }
                        Edit::FrontMatter(new) => before.push(std::mem::replace(note, *new)),
                    }
                    self.sources.add(file, text);
                }
                Change::Removed { index } => {
                    let note = &tagged[index].0;
                    gone[index] = true;
                    self.site
                        .permalinks
                        .remove(&crate::content::content_path(&note.body.file));
                    self.sources.remove(&note.body.file);
                    let url = crate::urls::note(&note.slug);
                    removed_paths.push(crate::urls::href(&url));
                    removed_urls.push(url);
                    before.push(note.clone());
                }
                Change::Added { text, note } => {
                    self.site.permalinks.insert(
                        &crate::content::content_path(&note.body.file),
                        &crate::urls::note(&note.slug),
                    );
                    self.sources.add(note.body.file.clone(), text);
                    new_notes.push((*note, None, true));
                }
            }
        }
        let added = new_notes.len();
        // Body edits alone move no note (the order is by front matter): no need to compare
        // 10,000 of them.
        let reordered = !before.is_empty() || added > 0;
        let mut is_gone = gone.iter();
        tagged.retain(|_| !is_gone.next().copied().unwrap_or(false));
        tagged.extend(new_notes);
        if reordered {
            tagged.sort_by(|a, b| crate::check::note_order(&a.0, &b.0));
        }
        let was: Vec<Option<usize>> = tagged.iter().map(|(_, w, _)| *w).collect();
        let changed = (0..tagged.len()).filter(|&i| tagged[i].2).collect();
        self.site.notes = tagged.into_iter().map(|(n, _, _)| n).collect();
        let unmoved = was.len() == old_count && was.iter().enumerate().all(|(i, w)| *w == Some(i));
        if !unmoved {
            self.note_files = note_files(&self.site);
        }
        Applied {
            changed,
            before,
            was: (!unmoved).then_some(was),
            added,
            removed_urls,
            removed_paths,
        }
    }
}

/// A loaded theme and the template texts its diagnostics point into.
pub(crate) struct CachedTheme {
    /// The theme name it was loaded for (from site.toml).
    pub name: String,
    /// Whether its templates were minified when loaded.
    pub minify: bool,
    /// The language whose UI strings its templates have written in.
    pub language: crate::config::Language,
    /// The loaded theme.
    pub theme: Theme,
    /// Texts of the site's template overrides.
    pub sources: SourceMap,
}

impl BuildCache {
    /// Empty caches that remember from the first build on.
    pub fn new() -> Self {
        BuildCache {
            files: FileCache::default(),
            parsed: crate::content::ParseCache::default(),
            theme: None,
            render: RenderCache::new(),
            last: None,
        }
    }

    /// Tells the cache that these paths (absolute, or relative to the site root `root`) were
    /// created, changed, renamed or removed.
    pub fn changed(&mut self, root: &Path, paths: &[PathBuf]) {
        let root_c = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for path in paths {
            let full = if path.is_absolute() {
                path.clone()
            } else {
                root.join(path)
            };
            self.files.forget(&full);
            let rel = full
                .strip_prefix(root)
                .or_else(|_| full.strip_prefix(&root_c))
                .unwrap_or(&full);
            // An editor's swap file beside a template is not part of the theme.
            let theme_file = rel.starts_with("themes") && !is_editors_file(root, rel);
            if theme_file || rel == Path::new("site.toml") {
                self.theme = None;
                self.render.theme_changed();
            }
        }
    }

    /// Forgets the last whole build (one is starting, and may fail).
    pub(crate) fn forget_last(&mut self) {
        self.last = None;
    }

    /// Keeps a whole build that succeeded.
    pub(crate) fn set_last(&mut self, last: LastBuild) {
        self.last = Some(last);
    }

    /// The short cut of [`crate::rebuild_in_memory`]: when every path in `changed` is a note
    /// of the last whole build whose front matter is byte for byte the same or checks again
    /// cleanly with the same slug and draft flag, a new note directly in `content/notes/` that
    /// checks cleanly on its own, or a note whose file is gone and that no body links to, that
    /// build with the changed notes, made by [`crate::render::render_note_edits`]. `None` when
    /// a whole build is needed.
    pub(crate) fn note_edits(
        &mut self,
        options: &crate::BuildOptions,
        changed: &[PathBuf],
        open: &mut Option<crate::render::OpenPages>,
    ) -> Option<crate::Built> {
        let last = self.last.as_mut().filter(|l| l.made_like(options))?;
        let config = &last.site.config;
        let theme = theme_for(&self.theme, config)?;
        let render_options = crate::render::RenderOptions {
            today: options.today,
            minify: config.minify,
        };
        let root = &options.root;
        let root_c = root.canonicalize().unwrap_or_else(|_| root.clone());
        let mut changes: Vec<Change> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let read = |p: &Path| self.files.read(p);
        for path in changed {
            let rel = path
                .strip_prefix(root)
                .or_else(|_| path.strip_prefix(&root_c))
                .unwrap_or(path);
            if seen.insert(rel) && !ignorable(root, rel, last) {
                changes.push(last.change(root, rel, options.drafts, &read)?);
            }
        }
        // A diagnostic of an edited or removed note (a warning the edit may have fixed) would
        // have to be found again: the whole build does that.
        let touched = |file: &Path| {
            changes.iter().any(|c| match c {
                Change::Edited { index, .. } | Change::Removed { index } => {
                    last.site.notes[*index].body.file == file
                }
                Change::Added { .. } => false,
            })
        };
        if last.diagnostics.iter().any(|d| touched(&d.file)) || !last.slugs_are_new(&changes) {
            return None;
        }
        if changes.is_empty() {
            // Only paths that cannot change the build: nothing to make.
            return Some(last.partial(Vec::new(), Vec::new()));
        }
        // From here on the last build is the new one, or is forgotten below.
        let applied = last.apply(changes);
        let files = crate::render::render_note_edits(
            &last.site,
            &last.analysis,
            &theme.theme,
            render_options,
            &self.render,
            crate::render::NoteEdits {
                changed: &applied.changed,
                before: &applied.before,
                was: applied.was.as_deref(),
                removed: &applied.removed_urls,
            },
            open.take(),
        );
        let Some(files) = files else {
            self.last = None;
            return None;
        };
        // A note is one page and one file (its index.html).
        let (added, removed) = (applied.added, applied.removed_urls.len());
        last.pages = last.pages + added - removed;
        last.files = last.files + added - removed;
        Some(last.partial(files, applied.removed_paths))
    }

    /// The second short cut of [`crate::rebuild_in_memory`]: when every path in `changed` is
    /// a results file of the last whole build that checks again cleanly on its own (and no
    /// two rounds of a questionnaire fall on one day), that build with the new rounds: the
    /// changed regions' mirrors made again, the rest of the analysis redone, and the pages
    /// figures can reach through the page cache, the `open` ones first
    /// ([`crate::render::render_results_edits`]). `None` when a whole build is needed.
    pub(crate) fn results_edits(
        &mut self,
        options: &crate::BuildOptions,
        changed: &[PathBuf],
        open: Option<crate::render::OpenPages>,
    ) -> Option<crate::Built> {
        let mut timings = crate::render::Timings::new();
        let last = self.last.as_mut().filter(|l| l.made_like(options))?;
        let config = &last.site.config;
        let theme = theme_for(&self.theme, config)?;
        let root = &options.root;
        let root_c = root.canonicalize().unwrap_or_else(|_| root.clone());
        let read = |p: &Path| self.files.read(p);
        // (region, round, its text, the round as checked again), for every changed file.
        let mut rounds: Vec<(usize, usize, Arc<str>, crate::model::Round)> = Vec::new();
        for path in changed {
            let rel = path
                .strip_prefix(root)
                .or_else(|_| path.strip_prefix(&root_c))
                .unwrap_or(path);
            if ignorable(root, rel, last) || rounds.iter().any(|(.., r)| r.file == rel) {
                continue;
            }
            let (region, round) = last.site.regions.iter().enumerate().find_map(|(i, r)| {
                let k = r.rounds.iter().position(|x| x.file == rel)?;
                Some((i, k))
            })?;
            // A results file that became a link or a folder, or went, is for the whole
            // build to judge; so is one with a diagnostic (a warning the edit may have fixed).
            // (Any diagnostic in the region's folder: two rounds on one day are reported
            // on one of the two files.)
            let is_file = std::fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.is_file());
            let folder = rel.parent().unwrap_or(rel);
            if !is_file || last.diagnostics.iter().any(|d| d.file.starts_with(folder)) {
                return None;
            }
            let text = crate::content::file_text(root, rel, &read)?;
            let doc = crate::content::parse_results(rel, &text).ok()?;
            let (new, diagnostics) =
                crate::check::recheck_round(&last.site, &last.site.regions[region], &doc);
            let new = new.filter(|_| diagnostics.is_empty())?;
            rounds.push((region, round, text, new));
        }
        if rounds.is_empty() {
            return Some(last.partial(Vec::new(), Vec::new()));
        }
        // The changed regions' rounds as check orders them; two on one day is a warning the
        // whole build reports.
        let mut regions: Vec<usize> = rounds.iter().map(|(r, ..)| *r).collect();
        regions.sort_unstable();
        regions.dedup();
        let mut new_rounds: Vec<Vec<crate::model::Round>> = regions
            .iter()
            .map(|&r| last.site.regions[r].rounds.clone())
            .collect();
        let mut texts = Vec::new();
        for (region, round, text, new) in rounds {
            let at = regions.binary_search(&region).ok()?;
            texts.push((new.file.clone(), text));
            new_rounds[at][round] = new;
        }
        for list in &mut new_rounds {
            list.sort_by(crate::check::round_order);
            let same_day = list
                .windows(2)
                .any(|w| w[0].questionnaire == w[1].questionnaire && w[0].date == w[1].date);
            if same_day {
                return None;
            }
        }
        // From here on the last build is the new one, or is forgotten below.
        for (&r, list) in regions.iter().zip(new_rounds) {
            last.site.regions[r].rounds = list;
        }
        for (file, text) in texts {
            last.sources.add(file, text);
        }
        // The analysis before, but for its mirrors (the new one's start from them).
        let mut before = std::mem::take(&mut last.analysis);
        let mut mirrors = std::mem::take(&mut before.mirrors);
        for &r in &regions {
            let region = &last.site.regions[r];
            mirrors.insert(
                region.slug.clone(),
                crate::analysis::region_mirrors(&last.site, region),
            );
        }
        timings.lap("recheck");
        last.analysis =
            crate::analysis::analyse_new_figures(&last.site, mirrors, before.matches.clone());
        timings.lap("analyse");
        let render_options = crate::render::RenderOptions {
            today: options.today,
            minify: config.minify,
        };
        let files = crate::render::render_results_edits(
            &last.site,
            &last.analysis,
            &theme.theme,
            render_options,
            &self.render,
            crate::render::ResultsEdits {
                regions: &regions,
                before: &before,
            },
            open,
        );
        let Some(files) = files else {
            self.last = None;
            return None;
        };
        Some(last.partial(files, Vec::new()))
    }

    /// How many files were read from disk since the last call.
    pub fn take_reads(&self) -> usize {
        self.files.take_reads()
    }

    /// What the last render took from the cache.
    pub fn render_stats(&self) -> crate::render::cache::CacheStats {
        self.render.stats()
    }

    pub(crate) fn files(&self) -> &FileCache {
        &self.files
    }

    /// Parsed files by path, reused while their text stays the same.
    pub(crate) fn parsed(&self) -> &crate::content::ParseCache {
        &self.parsed
    }

    pub(crate) fn render(&self) -> &RenderCache {
        &self.render
    }

    pub(crate) fn theme(
        &self,
        name: &str,
        minify: bool,
        language: crate::config::Language,
    ) -> Option<&CachedTheme> {
        self.theme
            .as_ref()
            .filter(|t| t.name == name && t.minify == minify && t.language == language)
    }

    pub(crate) fn set_theme(&mut self, theme: CachedTheme) {
        self.theme = Some(theme);
        // A fresh Theme may have different templates than the pages in the cache were made with.
        self.render.theme_changed();
    }
}

/// File bytes by full path, with the length and modification time they were read at.
#[derive(Default)]
pub(crate) struct FileCache {
    entries: std::sync::RwLock<HashMap<PathBuf, CachedFile>>,
    reads: Mutex<usize>,
}

struct CachedFile {
    len: u64,
    modified: Option<SystemTime>,
    /// Whether length and time can vouch for the bytes: not when the file was modified
    /// shortly before it was read, since file-system clocks tick coarsely (a few ms on Linux,
    /// 2 s on FAT) and a second same-length save in the same tick would look unchanged.
    /// Such files are read again until they have been quiet for [`RACY`].
    settled: bool,
    bytes: Arc<Vec<u8>>,
}

/// How long after its last modification a file's length and time are trusted.
const RACY: std::time::Duration = std::time::Duration::from_secs(3);

impl FileCache {
    /// The bytes of `path`, from memory when the file is unchanged.
    pub fn read(&self, path: &Path) -> std::io::Result<crate::content::FileBytes> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.forget(path);
                return Err(e);
            }
        };
        let modified = meta.modified().ok();
        // Most reads find the file unchanged: a read lock, so the loader's threads do not
        // queue for one another.
        if let Some(hit) = self.read_lock().get(path) {
            if hit.settled && hit.len == meta.len() && hit.modified == modified {
                return Ok(hit.bytes.clone());
            }
        }
        let bytes = Arc::new(std::fs::read(path)?);
        let settled = modified.is_some_and(|m| {
            SystemTime::now()
                .duration_since(m)
                .is_ok_and(|age| age > RACY)
        });
        *self.reads.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        // Remember the metadata seen before reading: if the file changed while it was read,
        // the next build sees a newer time and reads it again.
        self.lock().insert(
            path.to_path_buf(),
            CachedFile {
                len: meta.len(),
                modified,
                settled,
                bytes: bytes.clone(),
            },
        );
        Ok(bytes)
    }

    /// How many files were read from disk since the last call (for the serve log and tests).
    pub fn take_reads(&self) -> usize {
        std::mem::take(&mut *self.reads.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn forget(&self, path: &Path) {
        self.lock().remove(path);
    }

    fn lock(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<PathBuf, CachedFile>> {
        // Entries are inserted whole, so a lock poisoned by a panicking reader is still sound.
        self.entries.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, HashMap<PathBuf, CachedFile>> {
        self.entries.read().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Backdates a file so its time can vouch for it.
    fn settle(path: &Path) {
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    #[test]
    fn rereads_a_file_saved_in_the_same_clock_tick() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        let cache = FileCache::default();
        cache.read(&path).unwrap();
        std::fs::write(&path, "two").unwrap();
        assert_eq!(cache.read(&path).unwrap().as_slice(), b"two");
    }

    #[test]
    fn reads_a_file_again_only_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        settle(&path);
        let cache = FileCache::default();
        assert_eq!(cache.read(&path).unwrap().as_slice(), b"one");
        assert_eq!(cache.read(&path).unwrap().as_slice(), b"one");
        assert_eq!(cache.take_reads(), 1);
        std::fs::write(&path, "three").unwrap();
        assert_eq!(cache.read(&path).unwrap().as_slice(), b"three");
        assert_eq!(cache.take_reads(), 1);
    }

    #[test]
    fn rereads_a_file_the_watcher_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        settle(&path);
        let mut cache = BuildCache::new();
        cache.files().read(&path).unwrap();
        cache.changed(dir.path(), &[PathBuf::from("a.md")]);
        cache.files().read(&path).unwrap();
        assert_eq!(cache.files().take_reads(), 2);
    }

    #[test]
    fn a_removed_file_is_an_error_not_a_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").unwrap();
        let cache = FileCache::default();
        cache.read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(cache.read(&path).is_err());
    }
}
