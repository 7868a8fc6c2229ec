//! spiegel: a static-site generator for regional mirror reports (Ketenspiegel).
//!
//! A build is a one-way pipeline, each stage a module with one job:
//!
//! ```text
//! load (content) → check → analyse (analysis) → render → write (output)
//! ```
//!
//! `spiegel check` runs every stage but the last; `spiegel build` runs them all; `spiegel serve`
//! runs all but the last through [`build_in_memory`] and keeps the files in memory.

#![deny(missing_docs)]

/// `eprintln!` that never panics: when stderr is a closed pipe (`spiegel check 2>&1 | head -1`),
/// the rest of the report is dropped instead of turning into a crash (exit 101).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `println!` that never panics, for the same reason as [`say!`].
#[macro_export]
macro_rules! say_out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

pub mod analysis;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod incremental;
pub mod links;
pub mod model;
pub mod nfc;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod suggest;
pub mod urls;
pub mod validate;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics, SourceMap};
use model::Date;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.toml and content/).
    pub root: PathBuf,
    /// Where to write; `None` checks only and writes nothing.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// The date agenda points are compared with to mark them overdue.
    pub today: Option<Date>,
}

/// What a finished run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings and errors, with the texts to show excerpts from.
    pub diagnostics: Diagnostics,
    /// File texts for the diagnostics' excerpts.
    pub sources: SourceMap,
    /// HTML pages produced.
    pub pages: usize,
    /// All files produced (pages, assets, static files).
    pub files: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Plain information lines for the build output (not problems), e.g. why the feed was
    /// skipped.
    pub notes: Vec<String>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; nothing was written. The report holds every diagnostic.
    Content(Box<Report>),
    /// Writing the output failed; the previous output is untouched.
    Write(output::WriteError),
}

/// A site rendered in memory: what [`build_in_memory`] returns.
#[derive(Debug)]
pub struct Built {
    /// Diagnostics (warnings only: errors are a [`Failure`]), counts and time.
    pub report: Report,
    /// Every file of the site, in the order they are written.
    pub files: Vec<render::Output>,
    /// The site's UI language (for what the preview server adds to pages).
    pub language: config::Language,
    /// `files` holds only the files that changed since the build before, the rest being as
    /// they were ([`rebuild_in_memory`]'s short cut); otherwise it is every file of the site.
    pub partial: bool,
    /// In a partial build, the paths of the files that are gone (a removed note's page).
    pub removed: Vec<String>,
}

/// Runs the pipeline: load → check → analyse → render → (write when `options.output` is set).
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    let started = Instant::now();
    // Pages are written into the staging folder as they are rendered, so a big site is never
    // held in memory whole; the folder replaces the output only when everything succeeded.
    // Creating it first undoes what a killed earlier build left behind.
    let staging = match &options.output {
        Some(out) if check_output_location(&options.root, out).is_ok() => {
            Some(output::Staging::create(&options.root, out).map_err(Failure::Write)?)
        }
        _ => None,
    };
    let (
        Built {
            mut report, files, ..
        },
        checked,
    ) = pipeline(options, None, staging.as_ref(), started)?;
    drop_in_background(checked);
    if let Some(out) = &options.output {
        check_output_location(&options.root, out).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content(Box::new(std::mem::take(&mut report)))
        })?;
    }
    if let Some(staging) = staging {
        let writing = Instant::now();
        staging.finish(&files).map_err(Failure::Write)?;
        Timings::start("write", writing).lap("");
    }
    Ok(finish(report, started))
}

/// Runs load → check → analyse → render and returns the files without writing anything
/// (`options.output` is ignored). With a cache, unchanged files are not re-read and unchanged
/// bodies and pages are not re-rendered; the files are the same as without one. This is the
/// preview server's build: the same pipeline as [`build`], kept in memory.
pub fn build_in_memory(
    options: &BuildOptions,
    cache: &mut incremental::BuildCache,
) -> Result<Built, Failure> {
    let started = Instant::now();
    cache.forget_last();
    let (mut built, (site, analysis)) = pipeline(options, Some(cache), None, started)?;
    built.report = finish(built.report, started);
    cache.set_last(incremental::LastBuild::new(options, site, analysis, &built));
    Ok(built)
}

/// [`build_in_memory`] after the files at `changed` changed, with a short cut when every one
/// of them is a note of the last whole build that kept its slug and draft flag, a new note or
/// a removed one (see [`incremental`]): then
/// only the pages that show those notes, the search index and the feed are made again
/// ([`render::render_note_edits`]), and the result is [`Built::partial`]; and another when
/// every one is a results file of the last whole build that checks cleanly
/// ([`render::render_results_edits`]). The files are the same as a whole build's. Any other
/// change, or an edited file with diagnostics, takes the whole build. `changed` are the paths the caller already told the cache about
/// ([`incremental::BuildCache::changed`]). With `open`, the short cut makes the open pages
/// first and hands them over before it makes the others ([`render::OpenPages`]); the result
/// still holds every file.
pub fn rebuild_in_memory(
    options: &BuildOptions,
    cache: &mut incremental::BuildCache,
    changed: &[PathBuf],
    open: Option<render::OpenPages>,
) -> Result<Built, Failure> {
    let started = Instant::now();
    let mut open = open;
    let short_cut = match cache.note_edits(options, changed, &mut open) {
        None => cache.results_edits(options, changed, open),
        made => made,
    };
    if let Some(mut built) = short_cut {
        built.report.elapsed = started.elapsed();
        return Ok(built);
    }
    build_in_memory(options, cache)
}

/// The checked site and its analysis, as a build leaves them.
type Checked = (model::Site, analysis::Analysis);

fn pipeline(
    options: &BuildOptions,
    mut cache: Option<&mut incremental::BuildCache>,
    staging: Option<&output::Staging>,
    started: Instant,
) -> Result<(Built, Checked), Failure> {
    let root = options.root.as_path();
    let loaded = match cache.as_deref() {
        Some(c) => content::load_cached(root, &|p: &Path| c.files().read(p), Some(c.parsed())),
        None => content::load(root),
    };
    let mut report = Report {
        diagnostics: loaded.diagnostics,
        sources: loaded.sources,
        ..Report::default()
    };
    let mut timings = Timings::start("load", started);
    timings.lap("check");
    // The theme needs only site.toml: it loads while the content is checked.
    let config = &loaded.site.config;
    // Minifying happens once, to the theme's templates (see render::minify).
    let (theme_name, minify, language) = (config.theme.clone(), config.minify, config.language);
    let mut theme_report = Report::default();
    let ((site, check_diags), own_theme) = rayon::join(
        || {
            check::check(
                loaded.site,
                check::CheckOptions {
                    drafts: options.drafts,
                },
            )
        },
        || {
            load_theme(
                root,
                (&theme_name, minify, language),
                cache.as_deref_mut(),
                &mut theme_report,
            )
        },
    );
    report.diagnostics.extend(check_diags);
    report.diagnostics.extend(theme_report.diagnostics);
    report.sources.extend(theme_report.sources);
    timings.lap("theme");
    let cache = cache.map(|c| &*c);
    let theme = own_theme.as_ref().or_else(|| {
        let cached = cache.and_then(|c| c.theme(&site.config.theme, minify, language))?;
        report.sources.extend(cached.sources.clone());
        Some(&cached.theme)
    });
    // Rendering pages of a site with broken references would only add noise, but links in
    // Markdown are still checked so one run reports every problem.
    if report.diagnostics.has_errors() {
        report.diagnostics.extend(render::check_links(&site));
        return Err(Failure::Content(Box::new(finish(report, started))));
    }
    let Some(theme) = theme else {
        return Err(Failure::Content(Box::new(finish(report, started))));
    };
    timings.lap("analyse");
    let analysis = analysis::analyse(&site);
    // The answers are read only by the analysis. A build without a preview cache frees them
    // before the pages render (~20 MB at 10,000 notes); the preview keeps its checked site
    // whole for the next save.
    let mut site = site;
    if cache.is_none() {
        drop_in_background(site.take_responses());
    }
    timings.lap("render");
    let render_options = render::RenderOptions {
        today: options.today,
        minify,
    };
    let disabled = render::cache::RenderCache::disabled();
    let render_cache = cache.map_or(&disabled, |c| c.render());
    // `spiegel check` (no output, no preview cache) needs only the paths of what would be
    // written: holding every page in memory doubled its peak at 10,000 notes.
    let check_only = staging.is_none() && cache.is_none();
    let put = |file: render::Output| match staging {
        Some(s) => s.put(file),
        None if check_only => render::Output::Written {
            path: file.path().to_string(),
        },
        None => render::keep(file),
    };
    let stream = |path: &str| match staging {
        Some(s) => s.stream(path),
        None => Box::new(std::io::sink()),
    };
    let (files, render_diags) = render::render_cached(
        &site,
        &analysis,
        theme,
        render_options,
        render_cache,
        &put,
        // `spiegel check` streams the search index into nothing rather than hold its ~40 MB.
        (staging.is_some() || check_only).then_some(&stream),
    );
    timings.lap("");
    report.diagnostics.extend(render_diags);
    if let render::feed::FeedPlan::Skip(reason) = render::feed::plan(&site.config.base_url) {
        report.notes.push(reason);
    }
    if report.diagnostics.has_errors() {
        return Err(Failure::Content(Box::new(finish(report, started))));
    }
    report.files = files.len();
    report.pages = files.iter().filter(|f| f.path().ends_with(".html")).count();
    let language = site.config.language;
    let built = Built {
        report,
        files,
        language,
        partial: false,
        removed: Vec::new(),
    };
    Ok((built, (site, analysis)))
}

/// Drops `value` on a thread of its own. Freeing a checked and analysed site is ~10⁶ small
/// blocks (~75 ms at 10,000 notes) that nothing waits for: the build goes on to swap its
/// output in, and when the process ends first the system takes the memory back anyway.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // When no thread can be had, `spawn` drops the closure, and `value` with it, right here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Loads the theme unless the cache already holds it (same name, minify setting and language:
/// the templates pages are rendered with have the UI strings written in). A freshly loaded
/// theme goes into the cache when there is one, and is returned only when there is not.
fn load_theme(
    root: &Path,
    (name, minify, language): (&str, bool, config::Language),
    cache: Option<&mut incremental::BuildCache>,
    report: &mut Report,
) -> Option<render::theme::Theme> {
    if cache
        .as_ref()
        .is_some_and(|c| c.theme(name, minify, language).is_some())
    {
        return None;
    }
    let mut sources = SourceMap::default();
    let loaded = render::theme::load_with(root, name, &mut sources, minify, language);
    report.sources.extend(sources.clone());
    let theme = match loaded {
        Ok(theme) => theme,
        Err(d) => {
            report.diagnostics.extend(d);
            return None;
        }
    };
    match cache {
        Some(c) => {
            c.set_theme(incremental::CachedTheme {
                name: name.to_string(),
                minify,
                language,
                theme,
                sources,
            });
            None
        }
        None => Some(theme),
    }
}

/// Stage times on stderr when `SPIEGEL_TIMINGS` is set: where a slow build spends its time.
struct Timings {
    enabled: bool,
    stage: &'static str,
    since: Instant,
}

impl Timings {
    fn start(stage: &'static str, since: Instant) -> Self {
        Timings {
            enabled: std::env::var_os("SPIEGEL_TIMINGS").is_some(),
            stage,
            since,
        }
    }

    /// Ends the current stage (printing its time) and starts `next`.
    fn lap(&mut self, next: &'static str) {
        if self.enabled {
            crate::say!(
                "timing: {:<8} {:>8.1} ms{}",
                self.stage,
                self.since.elapsed().as_secs_f64() * 1e3,
                memory()
            );
        }
        self.stage = next;
        self.since = Instant::now();
    }
}

/// Resident and peak memory, where the system says (Linux), for [`Timings`].
pub(crate) fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    format!(
        "  (rss {}, peak {}, cpu so far {})",
        field("VmRSS:"),
        field("VmHWM:"),
        cpu_so_far()
    )
}

/// User + system CPU time of the process so far (Linux; counted in clock ticks, taken as the
/// usual 100 a second): compared with the wall time of a stage it shows how well the stage
/// uses the cores.
fn cpu_so_far() -> String {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return String::new();
    };
    // Fields after the command name, which is in parentheses and may hold spaces; utime and
    // stime are the 14th and 15th fields of the line.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return String::new();
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    format!("{} ms", (tick(11) + tick(12)) * 10)
}

fn finish(mut report: Report, started: Instant) -> Report {
    report.elapsed = started.elapsed();
    report
}

/// The output folder is replaced whole, so it must never be the site itself, hold it, or lie
/// among its inputs (site.toml, `content/`, `themes/`), and an existing one must be a folder
/// that a build wrote: empty, or with a home page and search index (`index.html`,
/// `zoeken/zoekindex.js`). A folder of other files
/// (`--output ~/Documents` by mistake) is refused rather than replaced.
fn check_output_location(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let root_c = canonical(root);
    let out_c = match out.parent() {
        Some(parent) if out.file_name().is_some() => canonical(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(out.file_name().unwrap_or_default()),
        _ => canonical(out),
    };
    let inputs = [
        root_c.join("site.toml"),
        root_c.join(content::CONTENT_DIR),
        root_c.join("themes"),
    ];
    if root_c.starts_with(&out_c)
        || inputs
            .iter()
            .any(|p| p.starts_with(&out_c) || out_c.starts_with(p))
    {
        return Err(
            Diagnostic::error(out, "the output folder would replace the site's own files")
                .help("choose a folder of its own, such as `output`"),
        );
    }
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(
            out,
            "the output is a file, not a folder",
        )
        .help("the build replaces the output folder whole: choose a folder, such as `output`")),
        Ok(_) if !looks_built(out) => Err(Diagnostic::error(
            out,
            "the output folder holds files that no build wrote (a build's `index.html` and `zoeken/zoekindex.js` are not both there)",
        )
        .help("the build replaces the output folder whole: choose a new or empty folder, or remove this one first")),
        _ => Ok(()),
    }
}

/// Whether an existing folder may be replaced by a build: it is empty, or it has the home
/// page and the search index every build writes. A home page alone is not enough: a folder
/// of hand-made pages (`--output ~/public_html` by mistake) has one too, and would be lost.
fn looks_built(dir: &Path) -> bool {
    (dir.join("index.html").is_file() && dir.join(render::search::INDEX_PATH).is_file())
        || std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Today's date from `SOURCE_DATE_EPOCH` when set (reproducible builds), else the system clock.
pub fn today() -> Option<Date> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().ok()?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64,
    };
    Some(date_from_days(secs.div_euclid(86_400)))
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_become_dates() {
        assert_eq!(date_from_days(0).to_string(), "1970-01-01");
        assert_eq!(date_from_days(13_587).to_string(), "2007-03-15");
        assert_eq!(date_from_days(11_016).to_string(), "2000-02-29");
    }
}
