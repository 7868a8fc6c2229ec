//! content: disk → [`RawSite`]. Reads every file of the contract, splits front matter, parses
//! TOML into raw documents with positions, and reports what cannot be read or parsed.
//!
//! Nothing here cross-checks ids; that is [`crate::check`]'s job. Files are read in parallel;
//! the result is sorted so the rest of the pipeline sees the same order on every run.

mod frontmatter;
pub(crate) mod raw;
mod toml_errors;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::links::Permalinks;
use crate::model::{Body, BodyText};
use crate::slug::slugify;
use crate::urls;
pub use frontmatter::{split, Split, SplitError};
use raw::*;

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// A parsed content file: its raw front matter (or whole TOML) plus its body.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// Site-relative path of the file, with forward slashes.
    pub file: PathBuf,
    /// Path relative to content/, with forward slashes (used to resolve links).
    pub content_path: String,
    /// Slug from the file (or folder) name, per the contract's rule.
    pub slug: String,
    /// The parsed TOML.
    pub data: T,
    /// Byte offset of the TOML in the file, to turn TOML spans into file spans.
    pub toml_offset: usize,
    /// Markdown body (empty for .toml files).
    pub body: Body,
}

impl<T> Document<T> {
    /// A TOML span turned into a span in the file.
    pub fn span<V>(&self, value: &toml::Spanned<V>) -> std::ops::Range<usize> {
        let s = value.span();
        s.start + self.toml_offset..s.end + self.toml_offset
    }
}

/// A region folder.
#[derive(Debug)]
pub struct RawRegionDir {
    /// Site-relative folder path.
    pub dir: PathBuf,
    /// Slug of the folder name.
    pub slug: String,
    /// The profile, if `_index.md` exists and parsed.
    pub profile: Option<Arc<Document<RawRegion>>>,
    /// Results files that parsed.
    pub results: Vec<Arc<Document<RawResults>>>,
}

/// Everything read from disk, parsed but not cross-checked.
#[derive(Debug, Default)]
pub struct RawSite {
    /// site.toml (defaults when absent).
    pub config: Config,
    /// content/_index.md.
    pub home: Option<Arc<Document<RawHome>>>,
    /// Questionnaire definitions.
    pub questionnaires: Vec<Arc<Document<RawQuestionnaire>>>,
    /// Region folders.
    pub regions: Vec<RawRegionDir>,
    /// Notes.
    pub notes: Vec<Arc<Document<RawNote>>>,
    /// Good practices.
    pub practices: Vec<Arc<Document<RawPractice>>>,
    /// Free pages.
    pub pages: Vec<Arc<Document<RawPage>>>,
    /// Files under content/static/, relative to it, sorted.
    pub static_files: Vec<PathBuf>,
    /// The URL of every content file found, parsed or not, so a link to a file with an error
    /// of its own is not also reported as missing.
    pub permalinks: Permalinks,
    /// Whether some file or folder under content/ is a symbolic link.
    pub symlinks: bool,
    /// The ids of the questionnaires and practices whose files did not parse (their errors
    /// are reported): references to them are not reported again as unknown, and a
    /// questionnaire's themes are unknown while one does not parse.
    pub unparsed: Unparsed,
}

/// Ids of files that were found but did not parse (see [`RawSite::unparsed`]).
#[derive(Debug, Clone, Default)]
pub struct Unparsed {
    /// Questionnaire ids (file names).
    pub questionnaires: Vec<String>,
    /// Practice ids (file names).
    pub practices: Vec<String>,
}

/// What loading produced: the raw site, the texts for excerpts, and the problems found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The raw site (partial when there were errors).
    pub site: RawSite,
    /// File texts for diagnostics.
    pub sources: SourceMap,
    /// Problems found while reading and parsing.
    pub diagnostics: Diagnostics,
}

/// The kinds of file the contract knows, by where they sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Home,
    Questionnaire,
    RegionProfile,
    Results,
    Note,
    Practice,
    Page,
}

/// How file bytes are read: `std::fs::read` for a build; the preview server passes a reader
/// that answers unchanged files from memory (see `crate::serve::files`).
pub type Reader<'a> = &'a (dyn Fn(&Path) -> std::io::Result<FileBytes> + Sync);

/// A file's bytes as a [`Reader`] gives them. Shared, so the preview's file cache can hand
/// out the bytes it holds, and [`ParseCache`] can tell the very bytes it parsed last time
/// without reading or comparing them.
pub type FileBytes = Arc<Vec<u8>>;

/// Reads the site at `root`.
pub fn load(root: &Path) -> Loaded {
    load_with(root, &|path: &Path| std::fs::read(path).map(Arc::new))
}

/// Reads the site at `root`, getting each file's bytes from `read` (given the full path).
pub fn load_with(root: &Path, read: Reader<'_>) -> Loaded {
    load_cached(root, read, None)
}

/// Parsed files kept between the preview server's loads: a file whose text is the same as
/// last time is not parsed again (its parse, errors included, is reused).
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::RwLock<HashMap<PathBuf, CachedParse>>,
}

/// What parsing one file gives: its document, or every problem found in it.
type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// A file's kind, bytes and text when it was parsed, and what parsing gave.
type CachedParse = (Kind, FileBytes, Arc<str>, ParseResult);

impl ParseCache {
    fn lock(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<PathBuf, CachedParse>> {
        self.entries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, HashMap<PathBuf, CachedParse>> {
        self.entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The text and parse of `rel` when `bytes` are the very bytes it was parsed from (the
    /// file cache hands out the same bytes while a file is unchanged): no text to check.
    fn same_bytes(
        &self,
        rel: &Path,
        kind: Kind,
        bytes: &FileBytes,
    ) -> Option<(ParseResult, Arc<str>)> {
        let entries = self.read_lock();
        let (k, b, text, result) = entries.get(rel)?;
        (*k == kind && Arc::ptr_eq(b, bytes)).then(|| (result.clone(), text.clone()))
    }

    /// [`parse_text`], answered from the cache when the file's text did not change; with
    /// the text to keep, the cached one on a hit, so the parse (whose bodies point into it)
    /// and the source map share one copy of the file.
    fn parse(
        &self,
        rel: &Path,
        kind: Kind,
        bytes: FileBytes,
        text: Arc<str>,
    ) -> (ParseResult, Arc<str>) {
        if let Some((k, b, t, result)) = self.lock().get_mut(rel) {
            if *k == kind && **t == *text {
                // Read again (touched, or saved moments ago) but the same: next time the
                // file cache's bytes are enough.
                *b = bytes;
                return (result.clone(), t.clone());
            }
        }
        let result = parse_text(rel, kind, &text);
        self.lock().insert(
            rel.to_path_buf(),
            (kind, bytes, text.clone(), result.clone()),
        );
        (result, text)
    }

    /// Forgets the files not in `seen` (deleted or renamed since).
    fn retain(&self, seen: &[(Kind, PathBuf)]) {
        let seen: std::collections::HashSet<&Path> =
            seen.iter().map(|(_, p)| p.as_path()).collect();
        self.lock().retain(|path, _| seen.contains(path.as_path()));
    }
}

/// [`load_with`], reusing the parse of every file whose text `cache` has seen before.
pub fn load_cached(root: &Path, read: Reader<'_>, cache: Option<&ParseCache>) -> Loaded {
    let mut loaded = Loaded::default();
    load_config(root, &mut loaded, read);

    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        loaded.diagnostics.push(
            Diagnostic::error(CONTENT_DIR, "the site has no `content/` folder")
                .help(format!("looked in {}", root.display()))
                .help("run spiegel in the site folder, or pass `--root DIR`"),
        );
        return loaded;
    }

    let (files, region_dirs, static_files, symlinks) = discover(root, &mut loaded.diagnostics);
    loaded.site.symlinks = symlinks;
    // The permalinks need only the paths: worked out beside the parsing.
    let (parsed, permalinks) = rayon::join(
        || -> Vec<ParsedFile> {
            files
                .par_iter()
                .map(|(kind, rel)| {
                    let (result, text) = parse_file(root, rel, *kind, read, cache);
                    (*kind, rel.clone(), result, text)
                })
                .collect()
        },
        || permalinks(&files, &static_files),
    );
    loaded.site.permalinks = permalinks;
    loaded.site.static_files = static_files;
    if let Some(c) = cache {
        c.retain(&files);
    }

    let mut regions: Vec<RawRegionDir> = region_dirs
        .into_iter()
        .map(|dir| RawRegionDir {
            slug: slugify(&file_name(&dir)),
            dir,
            profile: None,
            results: Vec::new(),
        })
        .collect();

    let region_index: std::collections::HashMap<PathBuf, usize> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.dir.clone(), i))
        .collect();
    let mut texts = Vec::with_capacity(parsed.len());
    let count = |k: Kind| parsed.iter().filter(|p| p.0 == k).count();
    // Sized once: documents are large, and a vector grown by doubling copies them at each step.
    loaded.site.notes.reserve(count(Kind::Note));
    loaded.site.practices.reserve(count(Kind::Practice));
    loaded.site.pages.reserve(count(Kind::Page));
    for (kind, rel, result, text) in parsed {
        if let Some(text) = text {
            texts.push((rel.clone(), text));
        }
        let parsed = match result {
            Ok(p) => p,
            Err(problems) => {
                loaded.diagnostics.extend(problems);
                let unparsed = &mut loaded.site.unparsed;
                match kind {
                    Kind::Questionnaire => unparsed.questionnaires.push(slugify(&file_stem(&rel))),
                    Kind::Practice => unparsed.practices.push(page_slug(&rel)),
                    _ => {}
                }
                continue;
            }
        };
        let region_of = || {
            region_index
                .get(rel.parent().unwrap_or(Path::new("")))
                .copied()
        };
        match (kind, parsed) {
            (Kind::Home, Parsed::Home(d)) => loaded.site.home = Some(d),
            (Kind::Questionnaire, Parsed::Questionnaire(d)) => loaded.site.questionnaires.push(d),
            (Kind::RegionProfile, Parsed::Region(d)) => {
                if let Some(i) = region_of() {
                    regions[i].profile = Some(d);
                }
            }
            (Kind::Results, Parsed::Results(d)) => {
                if let Some(i) = region_of() {
                    regions[i].results.push(d);
                }
            }
            (Kind::Note, Parsed::Note(d)) => loaded.site.notes.push(d),
            (Kind::Practice, Parsed::Practice(d)) => loaded.site.practices.push(d),
            (Kind::Page, Parsed::Page(d)) => loaded.site.pages.push(d),
            _ => unreachable!("parse_file returns the kind it was asked for"),
        }
    }

    loaded.sources.add_all(texts);
    for region in &regions {
        let index = region.dir.join("_index.md");
        // A folder that cannot be read is reported as that, by the walk.
        let readable = std::fs::read_dir(root.join(&region.dir)).is_ok();
        if readable && !root.join(&index).is_file() {
            loaded.diagnostics.push(
                Diagnostic::error(
                    &region.dir,
                    format!(
                        "region folder `{}` has no `_index.md`",
                        file_name(&region.dir)
                    ),
                )
                .help(format!(
                    "add {} with the region's profile (name, partners, stage) in its front matter",
                    index.display()
                )),
            );
        }
    }
    loaded.site.regions = regions;
    loaded
}

/// Whether `path`, with every symbolic link followed, is inside the site folder `root`.
pub(crate) fn inside_root(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

fn load_config(root: &Path, loaded: &mut Loaded, read: Reader<'_>) {
    let path = root.join("site.toml");
    if !path.exists() {
        return;
    }
    let rel = PathBuf::from("site.toml");
    if !inside_root(root, &path) {
        loaded.diagnostics.push(
            Diagnostic::error(&rel, "symbolic link points outside the site folder")
                .help("copy the file into the site instead; links outside are refused so a build never publishes files from elsewhere"),
        );
        return;
    }
    match read_text(root, &rel, read) {
        Ok(text) => {
            match toml_errors::from_str::<Config>(&rel, 0, &text) {
                Ok(config) => loaded.site.config = config,
                Err(problems) => loaded.diagnostics.extend(problems),
            }
            loaded.sources.add(rel, text);
        }
        Err((d, text)) => {
            loaded.diagnostics.push(d);
            if let Some(text) = text {
                loaded.sources.add(rel, text);
            }
        }
    }
}

/// Walks content/ and sorts every file into its kind. Returns the files to parse, the region
/// folders, and the static files.
/// The content files by kind, the region folders, the static files and whether a symbolic
/// link was met on the way.
type Discovered = (Vec<(Kind, PathBuf)>, Vec<PathBuf>, Vec<PathBuf>, bool);

fn discover(root: &Path, diagnostics: &mut Diagnostics) -> Discovered {
    let mut symlinks = false;
    let mut files = Vec::new();
    let mut region_dirs = Vec::new();
    let mut static_files = Vec::new();
    let content = root.join(CONTENT_DIR);
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());

    // Entries sorted by name, as `sort_by_file_name` sorts them, without working each name
    // out of its path again for every comparison (~150,000 at 10,000 notes): the entries
    // sorted together are one folder's, so their paths differ only in the name.
    let mut walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                // An editor's file that cannot be followed, such as Emacs' lock file `.#x.md`
                // (a link to nowhere, made while a buffer is modified), is never content.
                if path.file_name().is_some_and(is_hidden_or_backup) {
                    continue;
                }
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    format!("cannot read: {}", io_cause(&e))
                };
                diagnostics.push(Diagnostic::error(path, message));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let is_dir = entry.file_type().is_dir();
        if !is_dir && is_hidden_or_backup(entry.file_name()) {
            // Editors' swap, backup and lock files, and hidden files, are never content,
            // links among them too. (A hidden folder is still walked, and its links judged.)
            continue;
        }
        if entry.path_is_symlink() {
            symlinks = true;
            let inside = entry
                .path()
                .canonicalize()
                .map(|t| t.starts_with(&canonical_root))
                .unwrap_or(false);
            if !inside {
                diagnostics.push(
                    Diagnostic::error(&rel, "symbolic link points outside the site folder")
                        .help("copy the file into the site instead; links outside are refused so a build never publishes files from elsewhere"),
                );
                if is_dir {
                    // One error at the link is enough: walking what it points at (`/`, say)
                    // would take the whole disk and report every link found there.
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        let parts: Vec<String> = rel
            .components()
            .skip(1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if !is_dir && !entry.file_type().is_file() {
            // Reading a named pipe would wait for a writer forever.
            diagnostics.push(
                Diagnostic::error(&rel, "not a regular file (a pipe, socket or device)")
                    .help("content files must be ordinary files; remove this one or move it out of content/"),
            );
            continue;
        }
        let name = parts.last().cloned().unwrap_or_default();
        if is_hidden_or_backup(std::ffi::OsStr::new(&name)) {
            // Editors' swap and backup files, and hidden files, are never content.
            continue;
        }
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        let ext = ext.as_deref();
        match (parts.first().map(String::as_str), parts.len(), is_dir) {
            (None, _, _) => {}
            (Some("static"), 1, false) => diagnostics.push(
                Diagnostic::error(&rel, "`content/static` is a file, not a folder")
                    .help("files to publish as they are go in a folder `content/static/`"),
            ),
            (Some("static"), _, false) => {
                static_files.push(parts[1..].iter().collect());
            }
            (Some("static"), _, true) => {}
            (Some("regions"), 2, true) => region_dirs.push(rel),
            (Some("regions"), 3, false) if name == "_index.md" => {
                files.push((Kind::RegionProfile, rel))
            }
            (Some("regions"), 3, false) if ext == Some("toml") => files.push((Kind::Results, rel)),
            (Some("questionnaires"), 2, false) if ext == Some("toml") => {
                files.push((Kind::Questionnaire, rel))
            }
            (Some("notes"), n, false) if n >= 2 && ext == Some("md") => {
                files.push((Kind::Note, rel))
            }
            (Some("practices"), 2, false) if ext == Some("md") => files.push((Kind::Practice, rel)),
            (Some("pages"), 2, false) if ext == Some("md") => files.push((Kind::Page, rel)),
            (Some("_index.md"), 1, false) => files.push((Kind::Home, rel)),
            (Some("regions" | "questionnaires" | "notes" | "practices" | "pages"), 1, true) => {}
            (Some("notes"), _, true) => {}
            (_, _, true) => {}
            (_, _, false) => diagnostics.push(
                Diagnostic::warning(
                    &rel,
                    "file is not part of the content format and is ignored",
                )
                .help(ignored_help(&parts)),
            ),
        }
    }
    (files, region_dirs, static_files, symlinks)
}

/// The URL each discovered file will be published at.
fn permalinks(files: &[(Kind, PathBuf)], static_files: &[PathBuf]) -> Permalinks {
    let mut map = Permalinks::new();
    for (kind, rel) in files {
        // The slug rule of the documents themselves ([`page_slug`]): an `_index.md` is
        // published under its folder's name.
        let slug = || page_slug(rel);
        let url = match kind {
            Kind::Home => String::new(),
            Kind::RegionProfile => {
                urls::region(&slugify(&rel.parent().map(file_name).unwrap_or_default()))
            }
            Kind::Note => urls::note(&slug()),
            Kind::Practice => urls::practice(&slug()),
            Kind::Page => urls::free_page(&slug()),
            Kind::Questionnaire | Kind::Results => {
                map.insert_pageless(&content_path(rel), crate::links::Pageless::Data);
                continue;
            }
        };
        map.insert(&content_path(rel), &url);
    }
    for file in static_files {
        let rel = format!("static/{}", file.to_string_lossy().replace('\\', "/"));
        map.insert(&rel, &rel);
    }
    map
}

fn ignored_help(parts: &[String]) -> String {
    match parts.first().map(String::as_str) {
        Some("regions") => "a region folder holds `_index.md` and results `.toml` files".into(),
        Some("questionnaires") => "questionnaire definitions are `.toml` files".into(),
        Some("notes" | "practices" | "pages") => "content pages are `.md` files".into(),
        _ => "put images and documents under content/static/ to publish them".into(),
    }
}

/// One file's parse outcome: its kind, path, result and text (for excerpts).
type ParsedFile = (Kind, PathBuf, ParseResult, Option<Arc<str>>);

/// A parsed file of some kind.
#[derive(Clone)]
enum Parsed {
    Home(Arc<Document<RawHome>>),
    Questionnaire(Arc<Document<RawQuestionnaire>>),
    Region(Arc<Document<RawRegion>>),
    Results(Arc<Document<RawResults>>),
    Note(Arc<Document<RawNote>>),
    Practice(Arc<Document<RawPractice>>),
    Page(Arc<Document<RawPage>>),
}

/// Reads and parses one file; returns its text too so diagnostics can show excerpts.
fn parse_file(
    root: &Path,
    rel: &Path,
    kind: Kind,
    read: Reader<'_>,
    cache: Option<&ParseCache>,
) -> (ParseResult, Option<Arc<str>>) {
    let bytes = match read_bytes(root, rel, read) {
        Ok(b) => b,
        Err(d) => return (Err(vec![d]), None),
    };
    if let Some((result, text)) = cache.and_then(|c| c.same_bytes(rel, kind, &bytes)) {
        return (result, Some(text));
    }
    // The parse cache keeps the bytes to know them next time; a build hands them over whole,
    // so decoding takes their buffer without a copy.
    let kept = cache.map(|_| bytes.clone());
    // One shared text: the source map (for excerpts) and the body of the parsed document
    // both point into it.
    let text: Arc<str> = match decode(rel, bytes) {
        Ok(t) => t.into(),
        Err((d, text)) => return (Err(vec![d]), text.map(Into::into)),
    };
    let (result, text) = match (cache, kept) {
        (Some(c), Some(bytes)) => c.parse(rel, kind, bytes, text),
        _ => (parse_text(rel, kind, &text), text),
    };
    (result, Some(text))
}

/// Parses one file's text as the given kind.
fn parse_text(rel: &Path, kind: Kind, text: &Arc<str>) -> ParseResult {
    match kind {
        Kind::Home => {
            markdown_doc(rel, text, Some(RawHome::default())).map(|d| Parsed::Home(Arc::new(d)))
        }
        Kind::Questionnaire => toml_doc(rel, text).map(|d| Parsed::Questionnaire(Arc::new(d))),
        Kind::RegionProfile => markdown_doc(rel, text, None).map(|d| Parsed::Region(Arc::new(d))),
        Kind::Results => toml_doc(rel, text).map(|d| Parsed::Results(Arc::new(d))),
        Kind::Note => markdown_doc(rel, text, None).map(|d| Parsed::Note(Arc::new(d))),
        Kind::Practice => markdown_doc(rel, text, None).map(|d| Parsed::Practice(Arc::new(d))),
        Kind::Page => markdown_doc(rel, text, None).map(|d| Parsed::Page(Arc::new(d))),
    }
}

/// Reads a file as UTF-8 text without a byte-order mark. On failure returns the diagnostic
/// and, for non-UTF-8 files, a lossy text so the excerpt can still be shown.
fn read_text(
    root: &Path,
    rel: &Path,
    read: Reader<'_>,
) -> Result<String, (Diagnostic, Option<String>)> {
    let bytes = read_bytes(root, rel, read).map_err(|d| (d, None))?;
    decode(rel, bytes)
}

fn read_bytes(root: &Path, rel: &Path, read: Reader<'_>) -> Result<FileBytes, Diagnostic> {
    read(&root.join(rel)).map_err(|e| Diagnostic::error(rel, format!("cannot read file: {e}")))
}

/// [`read_text`]'s second half. The bytes are copied only when someone else holds them too
/// (the preview's file cache); a build's are its own.
fn decode(rel: &Path, bytes: FileBytes) -> Result<String, (Diagnostic, Option<String>)> {
    let bytes = Arc::try_unwrap(bytes).unwrap_or_else(|shared| shared.as_ref().clone());
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::not_utf8(rel, "file", at);
            Err((d, Some(lossy)))
        }
    }
}

fn toml_doc<T: DeserializeOwned>(rel: &Path, text: &str) -> Result<Document<T>, Vec<Diagnostic>> {
    let data = toml_errors::from_str::<T>(rel, 0, text)?;
    Ok(Document {
        file: rel.to_path_buf(),
        content_path: content_path(rel),
        slug: slugify(&file_stem(rel)),
        data,
        toml_offset: 0,
        body: Body {
            file: rel.to_path_buf(),
            text: "".into(),
            offset: text.len(),
        },
    })
}

/// A Markdown file with front matter; `without_front_matter` is the data to use when the file
/// has none (only the home page may leave it out).
fn markdown_doc<T: DeserializeOwned>(
    rel: &Path,
    file: &Arc<str>,
    without_front_matter: Option<T>,
) -> Result<Document<T>, Vec<Diagnostic>> {
    let text: &str = file;
    let (data, toml_offset, body_offset) = match (split(text), without_front_matter) {
        (Ok(s), _) => {
            let data = toml_errors::from_str::<T>(rel, s.toml_offset, s.toml)?;
            (data, s.toml_offset, s.body_offset)
        }
        (Err(SplitError::Missing), Some(data)) => (data, 0, 0),
        (Err(SplitError::Missing), None) => {
            return Err(vec![Diagnostic::error(rel, "file has no front matter")
                .at(0..text.lines().next().map_or(0, str::len))
                .label("expected `+++` on the first line")
                .help("start the file with a `+++` line, the TOML front matter (title = \"…\", …), and another `+++` line")])
        }
        (Err(SplitError::NeverClosed(span)), _) => {
            return Err(vec![Diagnostic::error(rel, "front matter is never closed")
                .at(span)
                .label("front matter opens here")
                .help("add a line with only `+++` after the front matter")])
        }
    };
    Ok(Document {
        file: rel.to_path_buf(),
        content_path: content_path(rel),
        slug: page_slug(rel),
        data,
        toml_offset,
        body: Body {
            file: rel.to_path_buf(),
            text: BodyText::tail(file, body_offset),
            offset: body_offset,
        },
    })
}

/// The slug of a Markdown page at `rel`: its file's stem, or its folder's name for an
/// `_index.md`, per the contract's rule.
pub(crate) fn page_slug(rel: &Path) -> String {
    let stem = if rel.file_name().is_some_and(|n| n == "_index.md") {
        rel.parent().map(file_name).unwrap_or_default()
    } else {
        file_stem(rel)
    };
    slugify(&stem)
}

/// Whether a file or folder name is hidden (`.x`) or an editor's backup (`x~`): the loaders
/// skip such an entry (though they walk into such a folder).
pub(crate) fn is_hidden_or_backup(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~')
}

/// Whether `rel` (site-relative) is a note file directly in `content/notes/` that [`load`]
/// would read as one: a `.md` file, not hidden, not an editor's backup, not a symbolic link.
/// The preview's short cut takes a new file like that without a whole build.
pub(crate) fn is_plain_note_file(root: &Path, rel: &Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = rel.iter().collect();
    let [content, notes, name] = parts[..] else {
        return false;
    };
    let md = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    content == CONTENT_DIR
        && notes == "notes"
        && md
        && !is_hidden_or_backup(name)
        && std::fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.file_type().is_file())
}

/// `content/notes/a.md` → `notes/a.md`, in Unicode NFC so a link typed on one system finds a
/// file whose name another system stored decomposed (macOS writes NFD names).
pub(crate) fn content_path(rel: &Path) -> String {
    let mut path = String::with_capacity(rel.as_os_str().len());
    for part in rel.components().skip(1) {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(&part.as_os_str().to_string_lossy());
    }
    crate::nfc::into_nfc(path)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn io_cause(e: &walkdir::Error) -> String {
    e.io_error()
        .map(|e| e.to_string())
        .unwrap_or_else(|| e.to_string())
}

// ---- trust (issue 6): parsing texts held in memory, for the fuzz targets and tests ----

/// Site-relative paths [`load_region_texts`] files its texts under.
pub mod in_memory {
    /// The questionnaire; its id (from the file name) is `scan`.
    pub const QUESTIONNAIRE: &str = "content/questionnaires/scan.toml";
    /// The region profile; the region's slug is `regio`.
    pub const PROFILE: &str = "content/regions/regio/_index.md";
    /// The results file.
    pub const RESULTS: &str = "content/regions/regio/results.toml";
}

/// Parses a note's text exactly as [`load`] parses the file (for the preview's short cut after
/// an edit to one note, [`crate::incremental`]).
pub(crate) fn parse_note(
    rel: &Path,
    text: &Arc<str>,
) -> Result<Document<raw::RawNote>, Vec<Diagnostic>> {
    markdown_doc(rel, text, None)
}

/// Parses a results file's text exactly as [`load`] parses the file (for the preview's short
/// cut after an edit to results, [`crate::incremental`]).
pub(crate) fn parse_results(
    rel: &Path,
    text: &str,
) -> Result<Document<raw::RawResults>, Vec<Diagnostic>> {
    toml_doc(rel, text)
}

/// A file's text as [`load`] reads it (UTF-8, no byte-order mark), shared; `None` when it
/// cannot be read.
pub(crate) fn file_text(root: &Path, rel: &Path, read: Reader<'_>) -> Option<Arc<str>> {
    Some(read_text(root, rel, read).ok()?.into())
}

/// A Markdown file's text as [`load`] reads it (UTF-8, no byte-order mark), shared, with the
/// byte where its body starts; `None` when it cannot be read or has no front matter. For the
/// preview's rebuild after edits to notes (see `crate::incremental`).
pub(crate) fn markdown_text(
    root: &Path,
    rel: &Path,
    read: Reader<'_>,
) -> Option<(Arc<str>, usize)> {
    let text: Arc<str> = read_text(root, rel, read).ok()?.into();
    let body = frontmatter::split(&text).ok()?.body_offset;
    Some((text, body))
}

/// Parses one questionnaire, one region profile and one results file from memory exactly as
/// [`load`] parses them from disk (same splitting, same TOML errors), filed under the paths in
/// [`in_memory`]. Lets a fuzzer or a test drive load + check without touching the disk.
pub fn load_region_texts(questionnaire: &str, profile: &str, results: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let texts = [
        (Kind::Questionnaire, in_memory::QUESTIONNAIRE, questionnaire),
        (Kind::RegionProfile, in_memory::PROFILE, profile),
        (Kind::Results, in_memory::RESULTS, results),
    ];
    let dir = PathBuf::from("content/regions/regio");
    let mut region = RawRegionDir {
        slug: slugify(&file_name(&dir)),
        dir,
        profile: None,
        results: Vec::new(),
    };
    for (kind, path, text) in texts {
        let rel = PathBuf::from(path);
        // The same byte-order-mark rule as `read_text`.
        let text: Arc<str> = text.strip_prefix('\u{feff}').unwrap_or(text).into();
        let parsed = match kind {
            Kind::Questionnaire => {
                toml_doc(&rel, &text).map(|d| Parsed::Questionnaire(Arc::new(d)))
            }
            Kind::RegionProfile => {
                markdown_doc(&rel, &text, None).map(|d| Parsed::Region(Arc::new(d)))
            }
            _ => toml_doc(&rel, &text).map(|d| Parsed::Results(Arc::new(d))),
        };
        loaded.sources.add(rel.clone(), text);
        match parsed {
            Ok(Parsed::Questionnaire(d)) => loaded.site.questionnaires.push(d),
            Ok(Parsed::Region(d)) => region.profile = Some(d),
            Ok(Parsed::Results(d)) => region.results.push(d),
            Ok(_) => {}
            Err(problems) => loaded.diagnostics.extend(problems),
        }
    }
    loaded
        .site
        .permalinks
        .insert("regions/regio/_index.md", &urls::region("regio"));
    loaded.site.regions.push(region);
    loaded
}
