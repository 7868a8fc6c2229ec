//! note_edits: the preview's short cut after edits to notes and nothing else.
//!
//! A note's body shows on its own page; its summary and front matter (title, kind, regions, …)
//! on the pages that list it (the home page, the notes index, its regions', practices' and
//! themes' pages) and in the feed; its date orders it among the notes on all of those and is
//! its `lastmod` in the sitemap; its plain text is in the search index. Analysis never reads
//! a note. So when only notes changed (keeping their slugs), those are the files to make
//! again, from the last whole render's summaries and search documents ([`RenderCache`]'s
//! note renders), moved along when a date moved a note. The files are the same as a whole render's
//! (tests/incremental.rs compares them).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cache::{CacheStats, RenderCache};
use super::pages::{self, Job};
use super::theme::Theme;
use super::{
    base_context, feed, feed_summaries, in_order, keep, lookup, render_body, search, Output,
    RenderOptions,
};
use crate::analysis::Analysis;
use crate::links::Resolution;
use crate::model::{Note, Site};
use crate::urls;

/// What changed among the notes since the last whole render (see [`render_note_edits`]).
#[derive(Debug, Clone, Copy)]
pub struct NoteEdits<'a> {
    /// The edited and the added notes, as indexes into `site.notes`.
    pub changed: &'a [usize],
    /// The notes whose front matter changed, as they were, and the removed notes: the pages
    /// that listed them.
    pub before: &'a [Note],
    /// When notes moved (a new date), came or went: for each note of `site.notes`, where it
    /// was in the last whole render's order, `None` for an added one.
    pub was: Option<&'a [Option<usize>]>,
    /// The URLs of the removed notes: no body may link to one (that is an error for the
    /// whole render to report).
    pub removed: &'a [String],
}

/// The pages open in the editor's browser: the preview makes them before the other pages a
/// save changes, so the page being looked at reloads without waiting for the notes index
/// (see docs/serve.md, "Open pages first").
pub struct OpenPages<'a> {
    /// Their files, as the output names them (`notities/x/index.html`).
    pub files: &'a [String],
    /// Called once the open pages among those the save makes again are made and before the
    /// others are: with those pages' new files (some may have the bytes they had: the
    /// preview reloads only pages that changed), and the paths of every other file the save
    /// makes again or removes (which the preview holds back until the whole set is ready).
    pub ready: &'a mut dyn FnMut(Vec<Output>, Vec<String>),
}

/// The files that change when the notes at `edits.changed` changed or were added, and those
/// of `edits.removed` were removed, and nothing else did since the last whole render with
/// `cache`: their bodies, or also their front matter (title, kind, regions, …, date). The
/// notes are in `site.notes`' order, which a new date, an added or a removed note changed.
/// A removed note's page is not among the files: the caller drops it.
///
/// `None` when a whole render is needed instead: the cache holds no whole render of this site,
/// a changed body has diagnostics (the report would change with them), or a body links to a
/// removed note.
pub fn render_note_edits(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
    cache: &RenderCache,
    edits: NoteEdits,
    open: Option<OpenPages>,
) -> Option<Vec<Output>> {
    let NoteEdits {
        changed,
        before,
        was,
        removed,
    } = edits;
    let mut timings = super::Timings::new();
    let mut state = cache.notes();
    let notes = state.as_mut()?;
    let last = notes.docs.len();
    if notes.summaries.len() != last || notes.links.len() != last {
        return None;
    }
    // The pages made here are not kept in the memo tables (a disabled cache): each save
    // would add another version of every page and body it touched, and the next whole build
    // makes them anew anyway.
    let fresh = RenderCache::disabled();
    // The last render's summaries, documents and links, in the notes' order now; an added
    // note's are made below. They are moved out of the cache, not copied (a copy touches
    // every note's text, on every save), and put back at the end. A save that gives up on
    // the way leaves them empty, which no short cut starts from: the whole render that
    // follows makes them again.
    let (mut summaries, mut docs, mut links) = (
        std::mem::take(&mut notes.summaries),
        std::mem::take(&mut notes.docs),
        std::mem::take(&mut notes.links),
    );
    match was {
        None if last == site.notes.len() => {}
        None => return None,
        Some(was) => {
            let every_new_one_changed = was
                .iter()
                .enumerate()
                .all(|(i, w)| w.is_some_and(|w| w < last) || changed.contains(&i));
            if was.len() != site.notes.len() || !every_new_one_changed {
                return None;
            }
            let mut take = |w: &Option<usize>| match *w {
                Some(i) => (
                    std::mem::take(&mut summaries[i]),
                    std::mem::take(&mut docs[i]),
                    std::mem::take(&mut links[i]),
                ),
                None => Default::default(),
            };
            let (mut s, mut d, mut l) = (
                Vec::with_capacity(was.len()),
                Vec::with_capacity(was.len()),
                Vec::with_capacity(was.len()),
            );
            for (summary, doc, link) in was.iter().map(&mut take) {
                s.push(summary);
                d.push(doc);
                l.push(link);
            }
            (summaries, docs, links) = (s, d, l);
        }
    }
    // A changed front matter changes how the note is listed (title, kind, regions, …); an
    // added or removed note is listed, or no longer, whatever its summary.
    let added = was.is_some_and(|w| w.iter().any(Option::is_none));
    let mut summary_changed = !before.is_empty() || added;
    for &i in changed {
        let n = site.notes.get(i)?;
        let md = render_body(site, &fresh, &n.body, &urls::note(&n.slug));
        if !md.diagnostics.is_empty() {
            return None;
        }
        summary_changed |= md.summary != summaries[i];
        summaries[i] = md.summary;
        links[i] = md.links;
    }
    // A link to a removed note is broken now: the whole render reports it.
    let links_to_removed = !removed.is_empty()
        && links
            .iter()
            .chain(notes.bodies.values().map(|md| &md.links))
            .flat_map(|l| l.iter())
            .any(|(_, to)| matches!(to, Resolution::Internal { url, .. } if removed.contains(url)));
    if links_to_removed {
        return None;
    }
    let plan = feed::plan(&site.config.base_url);
    let sitemap_pages = match (&plan, was) {
        (feed::FeedPlan::Write(_), Some(_)) => sitemap_pages(&notes.sitemap_pages, site),
        _ => notes.sitemap_pages.clone(),
    };

    // The other bodies are the last whole render's: only notes changed, and no body links
    // to a removed note (above) or linked to an added one (it would have been an error).
    let bodies = notes.bodies.clone();
    let note_summaries: BTreeMap<&str, String> = site
        .notes
        .iter()
        .zip(&summaries)
        .map(|(n, s)| (n.slug.as_str(), s.clone()))
        .collect();
    let lookup = lookup(site, &bodies, note_summaries, &fresh);
    let base = base_context(site, &fresh);
    let pages = pages::Pages {
        site,
        analysis,
        theme,
        options,
        base: &base,
        bodies: &bodies,
        // Region pages made here are not memoised (a cache that keeps nothing).
        region_digests: &[],
        sink: &keep,
    };
    timings.lap("lookups");
    let jobs = dirty_jobs(site, changed, before, summary_changed);
    let dirty = jobs.len();
    let new_docs = std::sync::Mutex::new(BTreeMap::new());
    let render = |jobs: &[Job]| -> Option<Vec<Output>> {
        // The pages that list notes share one list item per note: made up front, in parallel.
        if jobs.iter().any(|j| !matches!(j, Job::Note(_))) {
            lookup.make_note_items();
        }
        let rendered = in_order(
            jobs,
            || pages.thread(),
            |context, job| pages.page(context, &lookup, job, None),
            |i, note| {
                if let (Some(Job::Note(n)), Some(doc)) = (jobs.get(i), note.search) {
                    super::lock(&new_docs).insert(*n, doc);
                }
            },
        );
        // A page that fails (a template error) is for the whole render to report.
        rendered
            .into_iter()
            .map(|(page, diagnostics)| page.ok().filter(|_| diagnostics.is_empty()))
            .collect()
    };
    let mut outputs = Vec::with_capacity(jobs.len() + 3);
    let jobs = match open {
        // No open page among the changed ones: nothing to serve early.
        Some(open) if jobs.iter().any(|j| open.files.contains(&j.file(site))) => {
            let is_open = |j: &Job| open.files.contains(&j.file(site));
            let (first, rest): (Vec<Job>, Vec<Job>) = jobs.into_iter().partition(is_open);
            outputs = render(&first)?;
            timings.lap("open pages");
            let mut held: Vec<String> = rest.iter().map(|j| j.file(site)).collect();
            held.push(search::INDEX_PATH.to_string());
            if let feed::FeedPlan::Write(_) = &plan {
                held.extend([feed::ATOM_PATH.to_string(), feed::SITEMAP_PATH.to_string()]);
            }
            held.extend(removed.iter().map(|url| urls::href(url)));
            (open.ready)(outputs.clone(), held);
            rest
        }
        _ => jobs,
    };
    outputs.extend(render(&jobs)?);
    timings.lap("pages");

    // Everything checked: the cache takes the new renders of the notes.
    for (i, doc) in std::mem::take(&mut *super::lock(&new_docs)) {
        docs[i] = doc.into();
    }
    notes.docs = docs;
    notes.summaries = summaries;
    notes.links = links;
    notes.sitemap_pages = sitemap_pages;
    outputs.push(search_index(site, &notes.docs, &notes.others));
    if let feed::FeedPlan::Write(base) = plan {
        outputs.push(Output::Generated {
            path: feed::ATOM_PATH.to_string(),
            bytes: feed::atom(site, &base, &feed_summaries(&lookup)),
        });
        // A note's date is its `lastmod`; the other pages are those of the last whole render.
        outputs.push(Output::Generated {
            path: feed::SITEMAP_PATH.to_string(),
            bytes: feed::sitemap(site, &base, &notes.sitemap_pages),
        });
    }
    timings.lap("search");
    let all_pages = pages::jobs(site).len();
    cache.set_stats(CacheStats {
        markdown_rendered: changed.len(),
        markdown_reused: (bodies.len() + site.notes.len()).saturating_sub(changed.len()),
        pages_rendered: dirty,
        pages_reused: all_pages.saturating_sub(dirty),
    });
    Some(outputs)
}

/// The sitemap's pages with the notes' now (the sitemap puts them in order).
fn sitemap_pages(last: &[String], site: &Site) -> Vec<String> {
    let is_note = |url: &&String| url.starts_with(urls::NOTES) && url.len() > urls::NOTES.len();
    let others = last.iter().filter(|u| !is_note(u)).cloned();
    others
        .chain(site.notes.iter().map(|n| urls::note(&n.slug)))
        .collect()
}

/// The changed notes' pages and, when a summary or front matter changed, every page that lists
/// one of them, now or (`before`) until now.
fn dirty_jobs(site: &Site, changed: &[usize], before: &[Note], summary_changed: bool) -> Vec<Job> {
    // (kind, index) keeps each page once, in a fixed order.
    let mut keys: std::collections::BTreeSet<(u8, usize)> =
        changed.iter().map(|&i| (NOTE, i)).collect();
    if summary_changed {
        keys.extend([(HOME, 0), (NOTES, 0)]);
        let themes = site.themes();
        let now = changed.iter().filter_map(|&i| site.notes.get(i));
        for n in now.chain(before) {
            for r in &n.regions {
                let found = site.regions.binary_search_by(|x| x.slug.as_str().cmp(r));
                keys.extend(found.ok().map(|i| (REGION, i)));
            }
            for p in &n.practices {
                let found = site.practices.iter().position(|x| &x.slug == p);
                keys.extend(found.map(|i| (PRACTICE, i)));
            }
            for t in &n.themes {
                let found = themes.iter().position(|x| &x.id == t);
                keys.extend(found.map(|i| (THEME, i)));
            }
        }
    }
    keys.into_iter()
        .map(|(kind, i)| match kind {
            HOME => Job::Home,
            NOTES => Job::Notes,
            REGION => Job::Region(i),
            NOTE => Job::Note(i),
            PRACTICE => Job::Practice(i),
            _ => Job::Theme(i),
        })
        .collect()
}

const HOME: u8 = 0;
const NOTES: u8 = 1;
const REGION: u8 = 2;
const NOTE: u8 = 3;
const PRACTICE: u8 = 4;
const THEME: u8 = 5;

/// The whole search index from the notes' documents and the others': the same bytes as a
/// whole render's, in pieces that share the documents with the cache (no ~40 MB copy).
fn search_index(site: &Site, note_docs: &[Arc<[u8]>], others: &[Arc<[u8]>]) -> Output {
    let separator: Arc<[u8]> = search::DOC_SEPARATOR.into();
    let mut chunks = Vec::with_capacity(2 * (note_docs.len() + others.len()) + 2);
    chunks.push(search::index_start(site).into());
    for (i, doc) in note_docs.iter().chain(others).enumerate() {
        if i > 0 {
            chunks.push(separator.clone());
        }
        chunks.push(doc.clone());
    }
    chunks.push(search::INDEX_END.into());
    Output::Chunks {
        path: search::INDEX_PATH.to_string(),
        chunks,
    }
}
