//! results_edits: the preview's short cut after edits to results files and nothing else.
//!
//! A round's responses reach the pages only through the analysis (mirrors, comparison,
//! national overview, matching) and through the regions' round counts and dates. Notes never
//! read them: a note's page, its body and its search document stay as the last whole
//! render made them, and so do the Atom feed (notes and practices only), every other body and the search index (a region's
//! search document holds its profile, not its figures). So after results edits the pages
//! other than the notes' are looked up again in the page cache, and made again only where
//! their view changed: the changed regions' pages at least, and the pages that show every
//! region's figures (compare, national, themes) when a score changed. The data files and the
//! changed regions' downloads are made again; the sitemap too (a round's date is its region
//! page's `lastmod`). The files are the same as a whole render's (tests/incremental.rs
//! compares them).
//!
//! Some pages are not even looked up, as no figure reaches them: the notes index, the search
//! page and the free pages (only notes and their own text); a practice page, while the
//! matches of practices to regions stay the same (they are made from the regions' wishes and
//! agenda, so a results edit leaves them, but the check is cheap); and the page of a region
//! whose results did not change, while its own matches (its "regions like us", which compare
//! every region's latest figures) stay the same; the compare and national pages and their
//! data files, while the comparison and the national overview stay the same (an edit to an
//! earlier round leaves both). Looking the 800 pages up in the page cache was ~50 ms of a
//! save at 10,000 notes; the region pages' share of it was half.

use std::collections::BTreeMap;

use super::cache::{CacheStats, RenderCache};
use super::note_edits::OpenPages;
use super::pages::{self, Job};
use super::theme::Theme;
use super::{
    base_context, compare, feed, in_order, keep, lookup, national, one_region_downloads,
    region_digest, site_data_files, Output, RenderOptions,
};
use crate::analysis::Analysis;
use crate::model::Site;
use crate::urls;

/// What changed since the last whole render (see [`render_results_edits`]).
#[derive(Debug, Clone, Copy)]
pub struct ResultsEdits<'a> {
    /// The regions whose results changed, as indexes into `site.regions`.
    pub regions: &'a [usize],
    /// The analysis before the change, but for its mirrors: a page or file made from parts
    /// of it that stayed the same is as it was.
    pub before: &'a Analysis,
}

/// The files that change when the results of `edits.regions` changed and nothing else did
/// since the last whole render with `cache`; `analysis` is the site's analysis with those
/// results. The pages figures can reach come back (see the module's doc), most of them from
/// the cache.
///
/// `None` when a whole render is needed instead: the cache holds no whole render of this site,
/// or a page fails (a template error is for the whole render to report).
pub fn render_results_edits(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
    cache: &RenderCache,
    edits: ResultsEdits,
    open: Option<OpenPages>,
) -> Option<Vec<Output>> {
    let ResultsEdits { regions, before } = edits;
    let mut timings = super::Timings::new();
    let mut state = cache.notes();
    let notes = state.as_mut()?;
    if notes.summaries.len() != site.notes.len() || notes.region_digests.len() != site.regions.len()
    {
        return None;
    }
    // The other regions' digests stand: their mirrors, partners and questionnaires are as
    // they were.
    for &i in regions {
        let region = site.regions.get(i)?;
        notes.region_digests[i] = region_digest(site, analysis, region);
        let kept: Vec<&str> = super::region_mirrors(analysis, region)
            .iter()
            .map(|m| m.questionnaire.as_str())
            .collect();
        cache.forget_other_mirrors(&region.slug, &kept);
    }
    let digests = notes.region_digests.clone();
    let bodies = notes.bodies.clone();
    let note_summaries: BTreeMap<&str, String> = site
        .notes
        .iter()
        .zip(&notes.summaries)
        .map(|(n, s)| (n.slug.as_str(), s.clone()))
        .collect();
    let sitemap_pages = notes.sitemap_pages.clone();
    drop(state);

    let lookup = lookup(site, &bodies, note_summaries, cache);
    lookup.make_note_items();
    let base = base_context(site, cache);
    let pages = pages::Pages {
        site,
        analysis,
        theme,
        options,
        base: &base,
        bodies: &bodies,
        region_digests: &digests,
        sink: &keep,
    };
    let national_view = national::view(&lookup, analysis, options.today);
    timings.lap("lookups");
    let (then, now) = (&before.matches, &analysis.matches);
    let practices_same =
        then.practices == now.practices && then.practice_totals == now.practice_totals;
    let region_same = |i: usize| {
        let slug = site.regions[i].slug.as_str();
        !regions.contains(&i) && then.regions.get(slug) == now.regions.get(slug)
    };
    // The compare and national pages and their data files show only these two.
    let overview_same =
        before.comparison == analysis.comparison && before.national == analysis.national;
    let all_pages = pages::jobs(site);
    let jobs: Vec<Job> = all_pages
        .iter()
        .copied()
        .filter(|j| match *j {
            Job::Note(_) | Job::Notes | Job::Search | Job::FreePage(_) => false,
            Job::Practice(_) => !practices_same,
            Job::Region(i) => !region_same(i),
            Job::Compare | Job::National => !overview_same,
            _ => true,
        })
        .collect();
    let (rendered, reused) = cache.page_counts();
    let render = |jobs: &[Job]| -> Option<Vec<Output>> {
        let done = in_order(
            jobs,
            || pages.thread(),
            |context, job| pages.page(context, &lookup, job, Some(&national_view)),
            |_, _| {},
        );
        // A page that fails (a template error) is for the whole render to report.
        done.into_iter()
            .map(|(page, diagnostics)| page.ok().filter(|_| diagnostics.is_empty()))
            .collect()
    };
    let mut outputs = Vec::with_capacity(jobs.len() + 8);
    let is_open = |j: &Job| {
        open.as_ref()
            .is_some_and(|o| o.files.contains(&j.file(site)))
    };
    let (first, rest): (Vec<Job>, Vec<Job>) = jobs.iter().partition(|j| is_open(j));
    if let Some(open) = open.filter(|_| !first.is_empty()) {
        // The open pages first, in one run. They are served early only when the cache had
        // to render one of them again; the server then reloads just the pages whose bytes
        // changed (`serve::snapshot`).
        let misses = cache.page_counts().0;
        let page = render(&first)?;
        let changed = if cache.page_counts().0 > misses {
            page.clone()
        } else {
            Vec::new()
        };
        outputs.extend(page);
        timings.lap("open pages");
        if !changed.is_empty() {
            let mut held: Vec<String> = rest.iter().map(|j| j.file(site)).collect();
            for &i in regions {
                let dir = urls::region(&site.regions[i].slug);
                held.extend(super::downloads::region_paths(&dir));
            }
            if !overview_same {
                held.extend(
                    [compare::DATA_PATH, national::CSV_PATH, national::JSON_PATH]
                        .map(str::to_string),
                );
            }
            if let feed::FeedPlan::Write(_) = feed::plan(&site.config.base_url) {
                held.push(feed::SITEMAP_PATH.to_string());
            }
            (open.ready)(changed, held);
        }
    }
    outputs.extend(render(&rest)?);
    let (now_rendered, now_reused) = cache.page_counts();
    timings.lap("pages");
    for &i in regions {
        let r = &site.regions[i];
        outputs.extend(one_region_downloads(site, analysis, &lookup, r, digests[i]));
    }
    if !overview_same {
        outputs.extend(site_data_files(&lookup, analysis, &national_view, &keep));
    }
    // The Atom feed lists notes and practices, which results never change; the sitemap
    // dates a region page by its latest round.
    if let feed::FeedPlan::Write(base) = feed::plan(&site.config.base_url) {
        outputs.push(Output::Generated {
            path: feed::SITEMAP_PATH.to_string(),
            bytes: feed::sitemap(site, &base, &sitemap_pages),
        });
    }
    timings.lap("downloads");
    let pages_rendered = now_rendered - rendered;
    debug_assert_eq!(pages_rendered + (now_reused - reused), jobs.len());
    cache.set_stats(CacheStats {
        markdown_rendered: 0,
        markdown_reused: bodies.len() + site.notes.len(),
        pages_rendered,
        pages_reused: all_pages.len() - pages_rendered,
    });
    Some(outputs)
}
