//! render: checked [`Site`] + [`Analysis`] → [`Output`] files (pages as bytes, files to copy).
//!
//! Markdown bodies are rendered once each, in parallel; templates were parsed once when the
//! theme loaded; then every page is rendered from ready-made view data, in parallel. Links to
//! content that does not exist are diagnostics from here (the Markdown pass finds them).

pub mod cache;
pub mod charts;
// ---- practices, matching, search, feed (issue 4) ----
pub mod collection;
pub mod feed;
pub mod matches;
pub mod search;
mod search_index;
// ---- end issue 4 ----
pub mod i18n;
mod inline_strings;
mod key_hash;
mod note_edits;
pub use note_edits::{render_note_edits, NoteEdits, OpenPages};
mod results_edits;
pub use results_edits::{render_results_edits, ResultsEdits};
pub mod markdown;
mod minify;
mod nesting;
mod pages;
// ---- charts, downloads (issue 3) ----
pub mod downloads;
pub mod region_charts;
pub mod theme_scores;
// ---- end charts, downloads ----
pub mod theme;
pub mod views;
// ---- compare regions and national overview (issue 3) ----
pub mod compare;
pub mod national;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Body, Date, Site};
use crate::urls;
use cache::RenderCache;
use markdown::{MarkdownOptions, RenderedMarkdown};
use search_index::SearchIndex;
use theme::Theme;
use views::{Fmt, Lookup};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A generated file: path relative to the output folder, and its bytes.
    Generated {
        /// e.g. `regio/haarlemmermeer/index.html`.
        path: String,
        /// The file's contents.
        bytes: Vec<u8>,
    },
    /// A generated file in pieces, to be written one after the other, each piece shared with
    /// whoever else holds it. The search index: its documents are made in the pages' jobs,
    /// so a build never holds them joined as well (~40 MB at 10,000 notes), and the
    /// preview's next index after a note edit reuses every other document's piece. A page
    /// in the preview: one piece, the one its cache holds.
    Chunks {
        /// Path relative to the output folder.
        path: String,
        /// The file's contents, in order.
        chunks: Vec<std::sync::Arc<[u8]>>,
    },
    /// A file copied as is (content/static/).
    Copied {
        /// Path relative to the output folder, e.g. `static/a.pdf`.
        path: String,
        /// Source path relative to the site root.
        from: PathBuf,
    },
    /// A file already written to the output's staging folder while rendering
    /// ([`crate::output::Staging::put`]); only its path is kept.
    Written {
        /// Path relative to the output folder.
        path: String,
    },
}

impl Output {
    /// Path relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            Output::Generated { path, .. }
            | Output::Chunks { path, .. }
            | Output::Copied { path, .. }
            | Output::Written { path } => path,
        }
    }
}

/// What to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The date agenda points are compared with to mark them overdue.
    pub today: Option<Date>,
    /// Minify HTML pages. Pages are minified through their templates when the theme loads
    /// (`theme::load_with`); the flag stays so callers can say what they asked for.
    pub minify: bool,
}

/// A navigation entry.
#[derive(Debug, Serialize)]
struct NavItem {
    title: String,
    href: String,
    section: String,
}

/// The site-wide part of every page's context.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'static str,
    nav: Vec<NavItem>,
    extra: &'a toml::Table,
    /// Whether `atom.xml` is written (site.toml sets `base_url`), for the pages to link it.
    feed: bool,
}

/// A region's mirrors, as the analysis made them (none for a region without results).
pub(super) fn region_mirrors<'a>(
    analysis: &'a Analysis,
    r: &crate::model::Region,
) -> &'a [crate::analysis::Mirror] {
    analysis
        .mirrors
        .get(&r.slug)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The 128-bit hash of everything a region's downloads and mirror views are made from: the
/// language, the region's slug, name and partners, every questionnaire and the region's
/// mirrors. Made once per render, and only when the cache keeps what it keys (`None`
/// otherwise): the preview's memo tables for both share it, where each hashed the mirrors
/// (~1 MB of figures per region at 10,000 notes) again.
pub(crate) fn region_digests(
    site: &Site,
    analysis: &Analysis,
    cache: &RenderCache,
) -> Vec<Option<u128>> {
    if !cache.is_enabled() {
        return vec![None; site.regions.len()];
    }
    site.regions
        .par_iter()
        .map(|r| region_digest(site, analysis, r))
        .collect()
}

/// One region's [`region_digests`] entry.
pub(crate) fn region_digest(
    site: &Site,
    analysis: &Analysis,
    r: &crate::model::Region,
) -> Option<u128> {
    key_hash::key_hash(&(
        site.config.language,
        (&r.slug, &r.name, &r.partners),
        region_mirrors(analysis, r),
        &site.questionnaires,
    ))
}

/// Each region's figures as CSV and JSON (regions with results), each handed to `sink` as
/// soon as it is made. `digests` are the regions' [`region_digests`].
fn region_downloads(
    site: &Site,
    analysis: &Analysis,
    lookup: &Lookup,
    digests: &[Option<u128>],
    sink: Sink,
) -> Vec<Output> {
    site.regions
        .par_iter()
        .zip(digests)
        .flat_map_iter(|(r, digest)| {
            let files = one_region_downloads(site, analysis, lookup, r, *digest);
            files.into_iter().map(sink)
        })
        .collect()
}

/// One region's downloads (none without results); `digest` is its [`region_digest`].
fn one_region_downloads(
    site: &Site,
    analysis: &Analysis,
    lookup: &Lookup,
    r: &crate::model::Region,
    digest: Option<u128>,
) -> Vec<Output> {
    let mirrors = region_mirrors(analysis, r);
    if mirrors.is_empty() {
        return Vec::new();
    }
    let make = || downloads::region_files(site, r, mirrors);
    match digest {
        Some(digest) => lookup.cache.downloads((&digest, &r.slug), make),
        // Everything region_files reads.
        None => lookup.cache.downloads(
            (
                &(
                    site.config.language,
                    (&r.slug, &r.name, &r.partners),
                    mirrors,
                    &site.questionnaires,
                ),
                &r.slug,
            ),
            make,
        ),
    }
}

/// The compare page's data and the national downloads.
fn site_data_files(
    lookup: &Lookup,
    analysis: &Analysis,
    national_view: &national::NationalView,
    sink: Sink,
) -> Vec<Output> {
    let language = lookup.site.config.language;
    vec![
        sink(Output::Generated {
            path: compare::DATA_PATH.to_string(),
            bytes: compare::data_js(lookup, &analysis.comparison).into_bytes(),
        }),
        sink(Output::Generated {
            path: national::CSV_PATH.to_string(),
            bytes: national::csv(national_view, language),
        }),
        sink(Output::Generated {
            path: national::JSON_PATH.to_string(),
            bytes: national::json(national_view),
        }),
    ]
}

/// The summaries the Atom feed shows, by content path.
fn feed_summaries(lookup: &Lookup) -> BTreeMap<String, String> {
    let mut summaries = BTreeMap::new();
    for (slug, text) in &lookup.note_summaries {
        summaries.insert(format!("notes/{slug}"), text.clone());
    }
    for (slug, text) in &lookup.practice_summaries {
        summaries.insert(format!("practices/{slug}"), text.clone());
    }
    summaries
}

/// The lookups every view is built from.
fn lookup<'a>(
    site: &'a Site,
    bodies: &Bodies,
    note_summaries: BTreeMap<&'a str, String>,
    cache: &'a RenderCache,
) -> Lookup<'a> {
    Lookup {
        site,
        fmt: Fmt {
            language: site.config.language,
        },
        theme_titles: site
            .themes()
            .into_iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect(),
        note_summaries,
        practice_summaries: site
            .practices
            .iter()
            .map(|p| {
                let key = BodyKey::Practice(p.slug.clone());
                let summary = bodies.get(&key).map(|b| b.summary.clone());
                (p.slug.as_str(), summary.unwrap_or_default())
            })
            .collect(),
        index: views::Indexes::new(site),
        note_items: std::sync::OnceLock::new(),
        cache,
    }
}

/// The site-wide part of every page's context: each page's context is this plus the page's
/// own keys, and its view is moved in, not serialised a second time (`Context::insert` would
/// turn the already-built `Value` into a deep copy).
fn base_context(site: &Site, cache: &RenderCache) -> tera::Context {
    let mut base = serde_json::Map::new();
    base.insert("site".into(), to_value(site_view(site)));
    base.insert("t".into(), to_value(i18n::strings(site.config.language)));
    cache.base(&base);
    // A JSON object always makes a context.
    tera::Context::from_value(serde_json::Value::Object(base))
        .unwrap_or_else(|e| panic!("bug in spiegel: context is not an object: {e}"))
}

/// Renders every page of the site.
pub fn render(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
) -> (Vec<Output>, Diagnostics) {
    render_cached(
        site,
        analysis,
        theme,
        options,
        &RenderCache::disabled(),
        &keep,
        None,
    )
}

/// The [`Sink`] that keeps every file in memory as rendered: the pieces of an
/// [`Output::Chunks`] stay shared with whoever else holds them (the preview's cache).
pub fn keep(file: Output) -> Output {
    file
}

/// Where each page goes as soon as it is rendered: [`keep`] holds it in memory; a build
/// writes it to the staging folder ([`crate::output::Staging::put`]) and keeps only its path.
pub type Sink<'a> = &'a (dyn Fn(Output) -> Output + Sync);

/// A rendered page, with what its Markdown pass found: the diagnostics of a note's body, and
/// for a note its search document, serialised.
struct RenderedPage {
    page: Result<Output, Diagnostic>,
    diagnostics: Vec<Diagnostic>,
    /// What a note page's job found besides the page (empty for other pages).
    note: NoteParts,
}

/// What a note page's Markdown pass leaves for the rest of the render.
#[derive(Default)]
struct NoteParts {
    /// Its search document, serialised.
    search: Option<Vec<u8>>,
    /// Its summary (the first paragraph of its body, as plain text), for the pages that list
    /// the note.
    summary: Option<String>,
    /// What its body's links resolved to, for the preview's next rebuild (a removed note is
    /// a short cut only when no body links to it; see [`render_note_edits`]).
    links: Option<markdown::LinkResolutions>,
}

/// Where a file too big to hold whole is written in pieces when the render writes to disk
/// (the build's staging folder, see [`crate::output::Staging::stream`]); `None` holds it in
/// memory like any file.
pub type Stream<'a> = Option<&'a (dyn Fn(&str) -> Box<dyn std::io::Write + Send + 'a> + Sync)>;

/// A page as [`in_order`] hands it back: the file (or why it failed) and its body's
/// diagnostics.
type DonePage = (Result<Output, Diagnostic>, Vec<Diagnostic>);

/// Renders every job on rayon's threads, handing the jobs out in order from a shared counter
/// (rather than splitting the list in halves), so they finish about in order; `handed`
/// receives each note job's [`NoteParts`] (empty for other jobs) as soon as the job is done.
/// The pages come back in the jobs' order.
fn in_order<C>(
    jobs: &[pages::Job],
    context: impl Fn() -> C + Sync,
    render: impl Fn(&mut C, &pages::Job) -> RenderedPage + Sync,
    handed: impl Fn(usize, NoteParts) + Sync,
) -> Vec<DonePage> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let done: Vec<OnceLock<DonePage>> = jobs.iter().map(|_| OnceLock::new()).collect();
    let worker = || {
        let mut context = context();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let page = render(&mut context, job);
            handed(i, page.note);
            let _ = done[i].set((page.page, page.diagnostics));
        }
    };
    (0..rayon::current_num_threads().max(1))
        .into_par_iter()
        .for_each(|_| worker());
    done.into_iter().filter_map(OnceLock::into_inner).collect()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Renders every page of the site, taking unchanged Markdown bodies and pages from `cache`
/// (the preview server's incremental rebuild; see [`cache`]) and handing each page and data
/// file to `sink` as it is done. The output is the same as [`render`]'s.
///
/// A note's body is rendered in its page's job and dropped once the page is written (no other
/// page shows it; at 10,000 notes the bodies would hold ~65 MB). The note pages come first:
/// each hands in its body's summary for the pages that list notes, rendered after them, and
/// its search document, made of the plain text its Markdown pass gathered.
pub fn render_cached(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
    cache: &RenderCache,
    sink: Sink,
    stream: Stream,
) -> (Vec<Output>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut timings = Timings::new();
    cache.begin(&site.permalinks);
    // Shared with the preview's cache: a rebuild after edits to notes alone takes them as
    // they are (no other body can have changed).
    let bodies = std::sync::Arc::new(render_bodies(site, cache));
    for b in bodies.values() {
        diags.extend(b.diagnostics.iter().cloned());
    }
    // The note pages come first and hand in their bodies' summaries: the pages that list
    // notes (home, notes index, regions, practices, themes, feed) are rendered after them.
    let lookup = lookup(site, &bodies, BTreeMap::new(), cache);
    let base = base_context(site, cache);
    let region_digests = region_digests(site, analysis, cache);
    timings.lap("bodies");

    let pages = pages::Pages {
        site,
        analysis,
        theme,
        options,
        base: &base,
        bodies: &bodies,
        region_digests: &region_digests,
        sink,
    };
    let jobs = pages::jobs(site);
    let notes_at = jobs
        .iter()
        .position(|j| matches!(j, pages::Job::Note(_)))
        .unwrap_or(jobs.len());
    let notes_end = notes_at + site.notes.len();
    let note_jobs = &jobs[notes_at..notes_end];
    let other_jobs: Vec<pages::Job> = jobs[..notes_at]
        .iter()
        .chain(&jobs[notes_end..])
        .copied()
        .collect();
    // The national page and its downloads show the same figures: built once.
    let national_view = national::view(&lookup, analysis, options.today);
    // The search index is written as the note pages hand in their documents, in site order
    // (see `SearchIndex`), so its ~40 MB at 10,000 notes are never held.
    let index = Mutex::new(SearchIndex::start(site, stream, cache.is_enabled()));
    let summaries: Vec<Mutex<String>> = site.notes.iter().map(|_| Mutex::default()).collect();
    // Only the preview keeps what the notes' links resolved to (see `cache::NoteRenders`).
    let keep_links = cache.is_enabled();
    let note_links: Vec<OnceLock<markdown::LinkResolutions>> =
        site.notes.iter().map(|_| OnceLock::new()).collect();
    // Pages and the data files do not depend on each other: both at once, each in parallel
    // inside. A note's page job also makes its search document, from its body's plain text.
    let ((note_results, other_results, listing), (downloads, data)) = rayon::join(
        || {
            let notes = in_order(
                note_jobs,
                || pages.thread(),
                |context, job| pages.page(context, &lookup, job, Some(&national_view)),
                |i, note| {
                    lock(&index).add(i, note.search);
                    *lock(&summaries[i]) = note.summary.unwrap_or_default();
                    if let (true, Some(links)) = (keep_links, note.links) {
                        let _ = note_links[i].set(links);
                    }
                },
            );
            let note_summaries = site
                .notes
                .iter()
                .zip(&summaries)
                .map(|(n, s)| (n.slug.as_str(), std::mem::take(&mut *lock(s))))
                .collect();
            let listing = self::lookup(site, &bodies, note_summaries, cache);
            listing.make_note_items();
            let others = in_order(
                &other_jobs,
                || pages.thread(),
                |context, job| pages.page(context, &listing, job, Some(&national_view)),
                |_, _| {},
            );
            (notes, others, listing)
        },
        || {
            rayon::join(
                || region_downloads(site, analysis, &lookup, &region_digests, sink),
                || site_data_files(&lookup, analysis, &national_view, sink),
            )
        },
    );
    // Back in the jobs' order, so the diagnostics come in the same order every time.
    let mut results: Vec<DonePage> = other_results;
    let after_notes = results.split_off(notes_at.min(results.len()));
    results.extend(note_results);
    results.extend(after_notes);
    let lookup = listing;
    timings.lap("pages");
    let mut outputs = Vec::with_capacity(
        jobs.len() + downloads.len() + data.len() + theme.assets.len() + site.static_files.len(),
    );
    let mut failed_pages = Vec::new();
    for (page, page_diags) in results {
        diags.extend(page_diags);
        match page {
            Ok(o) => outputs.push(o),
            Err(d) => failed_pages.push(d),
        }
    }
    diags.extend(merge_page_failures(failed_pages));
    let index = index.into_inner().unwrap_or_else(PoisonError::into_inner);
    let index = finish_search_index(site, &bodies, &lookup, index, note_links, cache, sink);
    if let Some(notes) = cache.notes().as_mut() {
        notes.region_digests = region_digests;
    }
    timings.lap("search");
    outputs.extend(downloads);
    outputs.extend(data);
    outputs.push(index);
    match feed_files(site, &lookup, &outputs, cache) {
        Ok(files) => outputs.extend(files),
        Err(d) => diags.push(d),
    }
    outputs.extend(theme_and_static_files(site, theme));
    cache.finish();
    (outputs, diags)
}

/// A template that fails on one page usually fails on every page it renders (10,000 at
/// 10,000 notes): the same failure is reported once, naming the first page and how many
/// more there were.
fn merge_page_failures(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    for d in failures {
        match merged.iter_mut().find(|(m, _)| {
            m.file == d.file && m.span == d.span && m.help == d.help && m.severity == d.severity
        }) {
            Some((_, more)) => *more += 1,
            None => merged.push((d, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, more)| {
            match more {
                0 => {}
                1 => d.message.push_str(" and 1 other page"),
                n => d.message.push_str(&format!(" and {n} other pages")),
            }
            d
        })
        .collect()
}

/// Ends the search index after the notes' documents: the documents of the practices, regions
/// and pages, made from their bodies' plain text. The preview keeps the notes' documents,
/// summaries and links for its next rebuild (see [`cache::NoteRenders`]).
fn finish_search_index(
    site: &Site,
    bodies: &std::sync::Arc<Bodies>,
    lookup: &Lookup,
    mut index: SearchIndex,
    note_links: Vec<OnceLock<markdown::LinkResolutions>>,
    cache: &RenderCache,
    sink: Sink,
) -> Output {
    let texts = search::BodyTexts {
        practices: site
            .practices
            .iter()
            .map(|p| search_text(bodies, BodyKey::Practice(p.slug.clone())))
            .collect(),
        regions: site
            .regions
            .iter()
            .map(|r| search_text(bodies, BodyKey::Region(r.slug.clone())))
            .collect(),
        pages: site
            .pages
            .iter()
            .map(|p| search_text(bodies, BodyKey::Page(p.slug.clone())))
            .collect(),
    };
    let others = search::other_docs(site, &texts);
    let kept_others = index.kept.is_some().then(|| {
        others
            .iter()
            .map(|d| std::sync::Arc::from(d.as_slice()))
            .collect()
    });
    let file = index.finish(others, sink);
    if let (Some(docs), Some(others)) = (index.kept.take(), kept_others) {
        let summaries = site
            .notes
            .iter()
            .map(|n| lookup.note_summaries.get(n.slug.as_str()).cloned())
            .map(Option::unwrap_or_default)
            .collect();
        let links = note_links
            .into_iter()
            .map(|l| l.into_inner().unwrap_or_else(|| Vec::new().into()))
            .collect();
        cache.set_notes(cache::NoteRenders {
            summaries,
            docs,
            others,
            links,
            bodies: bodies.clone(),
            sitemap_pages: Vec::new(),
            region_digests: Vec::new(),
        });
    }
    file
}

/// The Atom feed and the sitemap of the pages in `outputs` (issue 4): none when site.toml
/// sets no `base_url` (the build output says why, see `crate::build`), an error when it is
/// not a usable address. The preview keeps the sitemap's pages for its next rebuild.
fn feed_files(
    site: &Site,
    lookup: &Lookup,
    outputs: &[Output],
    cache: &RenderCache,
) -> Result<Vec<Output>, Diagnostic> {
    let base = match feed::plan(&site.config.base_url) {
        feed::FeedPlan::Write(base) => base,
        feed::FeedPlan::Skip(_) => return Ok(Vec::new()),
        feed::FeedPlan::Invalid(d) => return Err(d),
    };
    let summaries = feed_summaries(lookup);
    // Every written page but the search page, which has no content of its own.
    let pages: Vec<String> = outputs
        .iter()
        .filter_map(|o| o.path().strip_suffix("index.html"))
        .filter(|url| *url != urls::SEARCH)
        .map(str::to_string)
        .collect();
    let files = vec![
        Output::Generated {
            path: feed::ATOM_PATH.to_string(),
            bytes: feed::atom(site, &base, &summaries),
        },
        Output::Generated {
            path: feed::SITEMAP_PATH.to_string(),
            bytes: feed::sitemap(site, &base, &pages),
        },
    ];
    if let Some(notes) = cache.notes().as_mut() {
        notes.sitemap_pages = pages;
    }
    Ok(files)
}

/// The theme's assets (its stylesheet and scripts) and the site's static files, copied.
fn theme_and_static_files<'a>(
    site: &'a Site,
    theme: &'a Theme,
) -> impl Iterator<Item = Output> + 'a {
    let assets = theme.assets.iter().map(|(path, bytes)| Output::Generated {
        path: format!("{}/{path}", theme::ASSETS_DIR),
        bytes: bytes.clone(),
    });
    let statics = site.static_files.iter().map(|file| {
        let rel = file.to_string_lossy().replace('\\', "/");
        Output::Copied {
            path: format!("static/{rel}"),
            from: PathBuf::from(crate::content::CONTENT_DIR)
                .join("static")
                .join(file),
        }
    });
    assets.chain(statics)
}

/// Ids the default theme's templates put on pages; Markdown headings never take them. A theme
/// that adds ids of its own around a body should keep to ids starting with `x-`.
const TEMPLATE_IDS: &[&str] = &[
    "inhoud",
    "profiel",
    "spiegel",
    "wensen",
    "agenda",
    "mijlpalen",
    "notities",
    "praktijken",
    "toc-title",
    "resultaten",
    "lessen",
    "vragen",
    "latest",
    "stages",
    "wished",
    "berekening",
];

/// Which content a Markdown body belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BodyKey {
    Home,
    Region(String),
    Practice(String),
    Page(String),
}

/// The rendered bodies other than notes' ([`render_bodies`]).
pub(crate) type Bodies = BTreeMap<BodyKey, RenderedMarkdown>;

/// The search text of a rendered body ("" when there is none).
fn search_text(bodies: &Bodies, key: BodyKey) -> &str {
    bodies.get(&key).map_or("", |b| b.search_text.as_str())
}

/// Render-stage times on stderr when `SPIEGEL_TIMINGS` is set (see `crate::Timings`).
pub(crate) struct Timings {
    since: Option<std::time::Instant>,
}

impl Timings {
    pub(crate) fn new() -> Self {
        Timings {
            since: std::env::var_os("SPIEGEL_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }

    /// Ends a part of the render, printing its time.
    pub(crate) fn lap(&mut self, part: &str) {
        // Only when timing: `Option::replace` here once switched timing on after the first lap.
        if let Some(since) = &mut self.since {
            crate::say!(
                "timing:   {part:<8} {:>6.1} ms{}",
                since.elapsed().as_secs_f64() * 1e3,
                crate::memory()
            );
            *since = std::time::Instant::now();
        }
    }
}

fn to_value<T: Serialize>(view: T) -> serde_json::Value {
    // View structs hold only strings, numbers, lists and maps with string keys, which always
    // serialise; a failure here would be a bug in spiegel.
    serde_json::to_value(view)
        .unwrap_or_else(|e| panic!("bug in spiegel: view does not serialise: {e}"))
}

fn site_view(site: &Site) -> SiteView<'_> {
    let l = site.config.language;
    let t = |key| i18n::text(l, key).to_string();
    let mut nav = vec![
        NavItem {
            title: t("regions"),
            href: urls::href(urls::REGIONS),
            section: "regio".into(),
        },
        NavItem {
            title: t("notes"),
            href: urls::href(urls::NOTES),
            section: "notities".into(),
        },
        NavItem {
            title: t("practices"),
            href: urls::href(urls::PRACTICES),
            section: "praktijken".into(),
        },
        NavItem {
            title: t("themes"),
            href: urls::href(urls::THEMES),
            section: "thema".into(),
        },
    ];
    // ---- compare regions and national overview (issue 3) ----
    nav.push(NavItem {
        title: t("compare"),
        href: urls::href(urls::COMPARE),
        section: "vergelijken".into(),
    });
    nav.push(NavItem {
        title: t("national"),
        href: urls::href(urls::NATIONAL),
        section: "landelijk".into(),
    });
    if !site.pages.iter().any(|p| p.slug == "methode") {
        nav.push(NavItem {
            title: t("method"),
            href: urls::href(urls::METHOD),
            section: "methode".into(),
        });
    }
    nav.extend(
        site.pages
            .iter()
            .filter(|p| p.weight.is_some())
            .map(|p| NavItem {
                title: p.title.clone(),
                href: urls::href(&urls::free_page(&p.slug)),
                section: p.slug.clone(),
            }),
    );
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        lang: match l {
            Language::Nl => "nl",
            Language::En => "en",
        },
        nav,
        extra: &site.config.extra,
        feed: matches!(feed::plan(&site.config.base_url), feed::FeedPlan::Write(_)),
    }
}

/// `content/notes/a.md` → `notes/a.md`.
fn content_path(body: &Body) -> String {
    let rel = body
        .file
        .strip_prefix(crate::content::CONTENT_DIR)
        .unwrap_or(&body.file);
    rel.to_string_lossy().replace('\\', "/")
}

/// Renders every Markdown body only to find its problems (links to missing files). Used when
/// earlier stages found errors, so one run still reports every problem.
pub fn check_links(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for body in render_bodies(site, &RenderCache::disabled()).into_values() {
        diags.extend(body.diagnostics);
    }
    let notes: Vec<Vec<Diagnostic>> = site
        .notes
        .par_iter()
        .map(|n| {
            render_body(
                site,
                &RenderCache::disabled(),
                &n.body,
                &urls::note(&n.slug),
            )
            .diagnostics
        })
        .collect();
    diags.extend(notes.into_iter().flatten());
    diags
}

/// Renders one body for the page at `url` (or takes it from `cache`).
fn render_body(site: &Site, cache: &RenderCache, body: &Body, url: &str) -> RenderedMarkdown {
    let cp = content_path(body);
    let options = MarkdownOptions {
        page_url: url,
        content_path: &cp,
        id_prefix: "",
        allow_html: site.config.allow_html,
        permalinks: &site.permalinks,
        reserved_ids: TEMPLATE_IDS,
    };
    let links = (&site.permalinks, cp.as_str());
    cache.markdown(body, url, site.config.allow_html, links, || {
        let mut rendered = markdown::render(body, &options);
        // Held until the last page is rendered: drop the writer's growth slack.
        rendered.html.shrink_to_fit();
        rendered
    })
}

/// Renders the bodies of everything but the notes (whose bodies are rendered in their page's
/// job, see [`render_cached`]), in parallel.
fn render_bodies(site: &Site, cache: &RenderCache) -> Bodies {
    let mut jobs: Vec<(BodyKey, &Body, String)> = Vec::new();
    if let Some(h) = &site.home {
        jobs.push((BodyKey::Home, &h.body, String::new()));
    }
    jobs.extend(site.regions.iter().map(|r| {
        (
            BodyKey::Region(r.slug.clone()),
            &r.body,
            urls::region(&r.slug),
        )
    }));
    jobs.extend(site.practices.iter().map(|p| {
        (
            BodyKey::Practice(p.slug.clone()),
            &p.body,
            urls::practice(&p.slug),
        )
    }));
    jobs.extend(site.pages.iter().map(|p| {
        (
            BodyKey::Page(p.slug.clone()),
            &p.body,
            urls::free_page(&p.slug),
        )
    }));
    jobs.into_par_iter()
        .map(|(key, body, url)| (key, render_body(site, cache, body, &url)))
        .collect()
}
