//! views: checked site + analysis → ready-made view data for the templates. Every figure is
//! formatted here (Dutch or English dates and decimals), every link is a site-root-relative
//! `href` that templates prefix with `root`. Templates never compute.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::analysis::{Mirror, RoundMirror};
use crate::config::Language;
use crate::model::*;
use crate::render::i18n;
use crate::render::markdown::TocEntry;
use crate::urls;

mod mirror;
pub use mirror::*;

/// Formats figures and labels for one language.
#[derive(Debug, Clone, Copy)]
pub struct Fmt {
    /// The UI language.
    pub language: Language,
}

impl Fmt {
    fn date(self, d: Date) -> String {
        i18n::date(self.language, d)
    }
    fn decimal(self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".to_string(), |v| i18n::decimal(self.language, v))
    }
    fn score(self, v: Option<f64>) -> String {
        v.map_or_else(
            || i18n::text(self.language, "no_answer").to_string(),
            |v| i18n::decimal(self.language, v),
        )
    }
    fn signed(self, v: Option<f64>) -> String {
        v.map_or_else(
            || "–".to_string(),
            |v| i18n::signed_decimal(self.language, v),
        )
    }
    fn label(self, prefix: &str, id: &str) -> String {
        i18n::text(self.language, &format!("{prefix}.{id}")).to_string()
    }
    fn scale(self, s: &Scale) -> String {
        let n = |v: f64| {
            if v.fract() == 0.0 {
                format!("{}", v as i64)
            } else {
                i18n::decimal(self.language, v)
            }
        };
        format!("{}–{}", n(s.min), n(s.max))
    }
}

/// A link to a page: its text and its href from the site root.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Site-root-relative href (`regio/x/index.html`).
    pub href: String,
}

/// A region link (name + href).
#[derive(Debug, Clone, Serialize)]
pub struct RegionLink {
    /// Region name.
    pub name: String,
    /// Site-root-relative href.
    pub href: String,
}

/// A note in a list.
#[derive(Debug, Clone, Serialize)]
pub struct NoteItem {
    /// Title.
    pub title: String,
    /// Href from the root.
    pub href: String,
    /// Formatted date.
    pub date: String,
    /// ISO date for `<time datetime>`.
    pub date_iso: String,
    /// The date's year, for lists that head each year (a theme's notes).
    pub year: i32,
    /// Kind label.
    pub kind: String,
    /// Regions it is about.
    pub regions: Vec<RegionLink>,
    /// Plain-text summary.
    pub summary: String,
    /// A draft (shown only in preview or with --drafts).
    pub draft: bool,
}

/// A practice in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeItem {
    /// Title.
    pub title: String,
    /// Href from the root.
    pub href: String,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
    /// Where it runs.
    pub site: Option<String>,
    /// Its region.
    pub region: Option<RegionLink>,
    /// Its themes.
    pub themes: Vec<Link>,
    /// Plain-text summary.
    pub summary: String,
}

/// Shared lookups for building views: theme titles, region names, summaries.
pub struct Lookup<'a> {
    /// The site.
    pub site: &'a Site,
    /// Formatting.
    pub fmt: Fmt,
    /// Theme titles by id.
    pub theme_titles: BTreeMap<&'a str, &'a str>,
    /// Plain-text summaries of notes by slug.
    pub note_summaries: BTreeMap<&'a str, String>,
    /// Plain-text summaries of practices by slug.
    pub practice_summaries: BTreeMap<&'a str, String>,
    /// Indexes built once so no page scans every region, practice or note (see
    /// [`Indexes::new`]); at 50,000 notes the scans made the build quadratic.
    pub index: Indexes<'a>,
    /// Every note as a list item, made for all notes at once (see [`Lookup::note_item`]).
    pub note_items: std::sync::OnceLock<Vec<NoteItem>>,
    /// The preview server's memo of costly views (disabled in a plain build).
    pub cache: &'a super::cache::RenderCache,
}

/// Lookups by slug and note lists per region and practice, in site order.
#[derive(Default)]
pub struct Indexes<'a> {
    /// Regions by slug.
    pub regions: HashMap<&'a str, &'a Region>,
    /// Practices by slug.
    pub practices: HashMap<&'a str, &'a Practice>,
    /// Notes about each region, in site order.
    pub notes_by_region: HashMap<&'a str, Vec<&'a Note>>,
    /// Notes referring to each practice, in site order.
    pub notes_by_practice: HashMap<&'a str, Vec<&'a Note>>,
}

impl<'a> Indexes<'a> {
    /// Builds every index in one pass over the site.
    pub fn new(site: &'a Site) -> Self {
        let mut ix = Indexes {
            regions: site.regions.iter().map(|r| (r.slug.as_str(), r)).collect(),
            practices: site
                .practices
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect(),
            ..Indexes::default()
        };
        for n in &site.notes {
            let mut regions: Vec<&str> = n.regions.iter().map(String::as_str).collect();
            regions.sort_unstable();
            regions.dedup();
            for r in regions {
                ix.notes_by_region.entry(r).or_default().push(n);
            }
            let mut practices: Vec<&str> = n.practices.iter().map(String::as_str).collect();
            practices.sort_unstable();
            practices.dedup();
            for p in practices {
                ix.notes_by_practice.entry(p).or_default().push(n);
            }
        }
        ix
    }
}

impl<'a> Lookup<'a> {
    /// Theme links for a list of theme ids.
    pub fn themes(&self, ids: &[impl AsRef<str>]) -> Vec<Link> {
        ids.iter()
            .map(|id| id.as_ref())
            .map(|id| Link {
                title: self.theme_titles.get(id).unwrap_or(&id).to_string(),
                href: urls::href(&urls::theme(id)),
            })
            .collect()
    }

    /// A region link by slug.
    pub fn region(&self, slug: &str) -> RegionLink {
        RegionLink {
            name: self
                .index
                .regions
                .get(slug)
                .map_or(slug, |r| r.name.as_str())
                .to_string(),
            href: urls::href(&urls::region(slug)),
        }
    }

    /// Makes every note's list item now, in parallel (see [`Lookup::note_item`]).
    pub fn make_note_items(&self) {
        use rayon::prelude::*;
        let items = self.site.notes.par_iter().map(|n| self.make_note_item(n));
        // Already made (by a page that asked first): the same items.
        let _ = self.note_items.set(items.collect());
    }

    /// A note as a list item, shared by every list that shows it: the notes index, the
    /// home, theme, region and practice pages show ~45,000 items at 10,000 notes, each
    /// once made afresh. Made for all notes at once: by [`Lookup::make_note_items`] before
    /// the pages that list notes render, or else the first time one is asked for (one
    /// thread, no parallel work inside: a rendering thread waiting for it must not be
    /// handed a page that asks for it again).
    pub fn note_item(&self, n: &Note) -> &NoteItem {
        let items = self.note_items.get_or_init(|| {
            let notes = &self.site.notes;
            notes.iter().map(|n| self.make_note_item(n)).collect()
        });
        // Views list the site's own notes, so `n` is an element of `site.notes`: its place
        // follows from its address (checked, no unsafe code).
        let notes = &self.site.notes;
        let offset = (n as *const Note as usize).wrapping_sub(notes.as_ptr() as usize);
        let index = offset / std::mem::size_of::<Note>().max(1);
        match notes.get(index) {
            Some(m) if std::ptr::eq(m, n) => &items[index],
            _ => panic!("bug in spiegel: note `{}` is not one of the site's", n.slug),
        }
    }

    fn make_note_item(&self, n: &Note) -> NoteItem {
        NoteItem {
            title: n.title.clone(),
            href: urls::href(&urls::note(&n.slug)),
            date: self.fmt.date(n.date),
            date_iso: n.date.to_string(),
            year: n.date.year,
            kind: self.fmt.label("notekind", n.kind.id()),
            regions: n.regions.iter().map(|r| self.region(r)).collect(),
            summary: self
                .note_summaries
                .get(n.slug.as_str())
                .cloned()
                .unwrap_or_default(),
            draft: n.draft,
        }
    }

    /// A practice as a list item.
    pub fn practice_item(&self, p: &Practice) -> PracticeItem {
        PracticeItem {
            title: p.title.clone(),
            href: urls::href(&urls::practice(&p.slug)),
            status: self.fmt.label("practice", p.status.id()),
            status_id: p.status.id(),
            site: p.site.clone(),
            region: p.region.as_deref().map(|r| self.region(r)),
            themes: self.themes(&p.themes),
            summary: self
                .practice_summaries
                .get(p.slug.as_str())
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// Home page view.
#[derive(Debug, Serialize)]
pub struct HomeView<'l> {
    /// Heading.
    pub title: String,
    /// The home text as HTML.
    pub intro_html: String,
    /// The five latest notes.
    pub latest_notes: Vec<&'l NoteItem>,
    /// Regions grouped by stage (only stages with regions).
    pub stages: Vec<StageGroup>,
    /// Themes by number of wishes, most first.
    pub wished_themes: Vec<CountedLink>,
    /// Free-form data from the home text's front matter.
    pub extra: serde_json::Value,
}

/// Regions in one stage.
#[derive(Debug, Serialize)]
pub struct StageGroup {
    /// Stage label.
    pub label: String,
    /// Regions.
    pub regions: Vec<RegionLink>,
}

/// A link with a count.
#[derive(Debug, Serialize)]
pub struct CountedLink {
    /// Text.
    pub title: String,
    /// Href.
    pub href: String,
    /// Count.
    pub count: usize,
}

/// Builds the home page view.
pub fn home<'l>(l: &'l Lookup, intro_html: String) -> HomeView<'l> {
    let site = l.site;
    let stages = Stage::ALL
        .iter()
        .filter_map(|stage| {
            let regions: Vec<RegionLink> = site
                .regions
                .iter()
                .filter(|r| r.stage == *stage)
                .map(|r| l.region(&r.slug))
                .collect();
            (!regions.is_empty()).then(|| StageGroup {
                label: l.fmt.label("stage", stage.id()),
                regions,
            })
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for wish in site.regions.iter().flat_map(|r| r.wishes.iter()) {
        for theme in &wish.themes {
            *counts.entry(theme.as_str()).or_default() += 1;
        }
    }
    let mut wished: Vec<(&str, usize)> = counts.into_iter().collect();
    wished.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    HomeView {
        title: site
            .home
            .as_ref()
            .and_then(|h| h.title.clone())
            .unwrap_or_else(|| site.config.title.clone()),
        intro_html,
        latest_notes: site.notes.iter().take(5).map(|n| l.note_item(n)).collect(),
        stages,
        wished_themes: wished
            .into_iter()
            .take(5)
            .map(|(id, count)| CountedLink {
                title: l.theme_titles.get(id).unwrap_or(&id).to_string(),
                href: urls::href(&urls::theme(id)),
                count,
            })
            .collect(),
        extra: site
            .home
            .as_ref()
            .map_or(serde_json::Value::Null, |h| h.extra.clone()),
    }
}

/// One row of the regions index.
#[derive(Debug, Serialize)]
pub struct RegionRow {
    /// Name.
    pub name: String,
    /// Href.
    pub href: String,
    /// Kind.
    pub kind: String,
    /// Province.
    pub province: String,
    /// Stage label.
    pub stage: String,
    /// Stage id (for styling).
    pub stage_id: &'static str,
    /// Number of partners.
    pub partner_count: usize,
    /// Number of questionnaire rounds.
    pub round_count: usize,
}

/// Regions index view.
#[derive(Debug, Serialize)]
pub struct RegionsView {
    /// Rows, by name.
    pub regions: Vec<RegionRow>,
}

/// Builds the regions index view.
pub fn regions(l: &Lookup) -> RegionsView {
    let mut rows: Vec<RegionRow> = l
        .site
        .regions
        .iter()
        .map(|r| RegionRow {
            name: r.name.clone(),
            href: urls::href(&urls::region(&r.slug)),
            kind: r.kind.clone().unwrap_or_default(),
            province: r.province.clone().unwrap_or_default(),
            stage: l.fmt.label("stage", r.stage.id()),
            stage_id: r.stage.id(),
            partner_count: r.partners.len(),
            round_count: r.rounds.len(),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    RegionsView { regions: rows }
}

/// The mirror views (figures and charts) of a region's page, one per questionnaire with
/// results: the costliest part of the page, built beside the note pages (see
/// `render::render_cached`).
///
/// `digest` is the region's [`crate::render::region_digest`] when the cache keeps views
/// (`None` otherwise): the views are memoised under it rather than under their inputs hashed
/// again.
pub fn region_mirrors(
    l: &Lookup,
    region: &Region,
    mirrors: &[Mirror],
    digest: Option<u128>,
) -> Vec<std::sync::Arc<MirrorView>> {
    mirrors
        .iter()
        .filter_map(|m| {
            Some(mirror(
                l,
                region,
                l.site.questionnaire(&m.questionnaire)?,
                m,
                digest,
            ))
        })
        .collect()
}

/// Region page view.
#[derive(Debug, Serialize)]
pub struct RegionView<'a> {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// Shared buildings.
    pub bvg: Vec<String>,
    /// Stage label.
    pub stage: String,
    /// Stage id.
    pub stage_id: &'static str,
    /// Partners.
    pub partners: Vec<Partner>,
    /// Profile text as HTML.
    pub body_html: String,
    /// One mirror per questionnaire (built beforehand by [`region_mirrors`]), standing for
    /// itself by the region's digest in a cache key.
    pub mirrors: crate::render::key_hash::Digested<'a, [std::sync::Arc<MirrorView>]>,
    /// Wishes.
    pub wishes: Vec<WishView>,
    /// Agenda.
    pub agenda: Vec<AgendaView>,
    /// Milestones.
    pub milestones: Vec<MilestoneView>,
    /// Notes about the region.
    pub notes: Vec<&'a NoteItem>,
    /// Free-form data from the front matter.
    pub extra: serde_json::Value,
}

/// A wish.
#[derive(Debug, Serialize)]
pub struct WishView {
    /// Text.
    pub text: String,
    /// Themes.
    pub themes: Vec<Link>,
    /// Free-form data of the entry.
    pub extra: serde_json::Value,
}

/// An agenda point.
#[derive(Debug, Serialize)]
pub struct AgendaView {
    /// Title.
    pub title: String,
    /// Owner partner name (or id).
    pub owner: String,
    /// Due date, formatted.
    pub due: Option<String>,
    /// Due date, ISO.
    pub due_iso: Option<String>,
    /// Past due and not done or dropped.
    pub overdue: bool,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
    /// Themes.
    pub themes: Vec<Link>,
    /// Free-form data of the entry.
    pub extra: serde_json::Value,
}

/// A milestone.
#[derive(Debug, Serialize)]
pub struct MilestoneView {
    /// Date, formatted.
    pub date: String,
    /// Date, ISO.
    pub date_iso: String,
    /// Stage label.
    pub stage: String,
    /// Remark.
    pub note: Option<String>,
    /// Free-form data of the entry.
    pub extra: serde_json::Value,
}

/// Builds a region page view.
/// `mirrors` are the views [`region_mirrors`] made with `digest`.
pub fn region<'a>(
    l: &'a Lookup,
    region: &Region,
    (mirrors, digest): (&'a [std::sync::Arc<MirrorView>], Option<u128>),
    body_html: String,
    today: Option<Date>,
) -> RegionView<'a> {
    let fmt = l.fmt;
    RegionView {
        name: region.name.clone(),
        kind: region.kind.clone(),
        province: region.province.clone(),
        bvg: region.bvg.clone(),
        stage: fmt.label("stage", region.stage.id()),
        stage_id: region.stage.id(),
        partners: region.partners.clone(),
        body_html,
        mirrors: crate::render::key_hash::Digested {
            digest,
            value: mirrors,
        },
        wishes: region
            .wishes
            .iter()
            .map(|w| WishView {
                text: w.text.clone(),
                themes: l.themes(&w.themes),
                extra: w.extra.clone(),
            })
            .collect(),
        agenda: region
            .agenda
            .iter()
            .map(|a| AgendaView {
                title: a.title.clone(),
                owner: a
                    .owner
                    .as_deref()
                    .map(|o| region.partner(o).map_or(o, |p| p.name.as_str()).to_string())
                    .unwrap_or_default(),
                due: a.due.map(|d| fmt.date(d)),
                due_iso: a.due.map(|d| d.to_string()),
                overdue: is_overdue(a, today),
                status: fmt.label("status", a.status.id()),
                status_id: a.status.id(),
                themes: l.themes(&a.themes),
                extra: a.extra.clone(),
            })
            .collect(),
        milestones: region
            .milestones
            .iter()
            .map(|m| MilestoneView {
                date: fmt.date(m.date),
                date_iso: m.date.to_string(),
                stage: fmt.label("stage", m.stage.id()),
                note: m.note.clone(),
                extra: m.extra.clone(),
            })
            .collect(),
        notes: l
            .index
            .notes_by_region
            .get(region.slug.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|n| l.note_item(n))
            .collect(),
        extra: region.extra.clone(),
    }
}

/// Whether an agenda point is past its due date while still open or in progress. "Today" is
/// the site's own latest date (see [`crate::render`]) so builds stay reproducible.
pub fn is_overdue(a: &AgendaPoint, today: Option<Date>) -> bool {
    matches!(a.status, AgendaStatus::Open | AgendaStatus::Bezig)
        && matches!((a.due, today), (Some(due), Some(today)) if due < today)
}

/// Notes index view.
#[derive(Debug, Serialize)]
pub struct NotesView<'l> {
    /// Notes grouped by year, newest first.
    pub years: Vec<YearGroup<'l>>,
}

/// Notes of one year.
#[derive(Debug, Serialize)]
pub struct YearGroup<'l> {
    /// The year.
    pub year: i32,
    /// Notes, newest first.
    pub notes: Vec<&'l NoteItem>,
}

/// Builds the notes index view.
pub fn notes<'l>(l: &'l Lookup) -> NotesView<'l> {
    let mut years: Vec<YearGroup> = Vec::new();
    for n in &l.site.notes {
        match years.last_mut() {
            Some(y) if y.year == n.date.year => y.notes.push(l.note_item(n)),
            _ => years.push(YearGroup {
                year: n.date.year,
                notes: vec![l.note_item(n)],
            }),
        }
    }
    NotesView { years }
}

/// Note page view.
#[derive(Debug, Serialize)]
pub struct NoteView {
    /// Title.
    pub title: String,
    /// Date, formatted.
    pub date: String,
    /// Date, ISO.
    pub date_iso: String,
    /// Kind label.
    pub kind: String,
    /// Regions.
    pub regions: Vec<RegionLink>,
    /// Practices referred to.
    pub practices: Vec<PracticeItem>,
    /// Themes.
    pub themes: Vec<Link>,
    /// Participants.
    pub participants: Vec<String>,
    /// Draft.
    pub draft: bool,
    /// Table of contents (long notes only).
    pub toc: Vec<TocEntry>,
    /// Body.
    pub body_html: String,
    /// Free-form data.
    pub extra: serde_json::Value,
}

/// Builds a note page view.
pub fn note(l: &Lookup, n: &Note, body_html: String, toc: Vec<TocEntry>) -> NoteView {
    NoteView {
        title: n.title.clone(),
        date: l.fmt.date(n.date),
        date_iso: n.date.to_string(),
        kind: l.fmt.label("notekind", n.kind.id()),
        regions: n.regions.iter().map(|r| l.region(r)).collect(),
        practices: n
            .practices
            .iter()
            .filter_map(|p| l.index.practices.get(p.as_str()).copied())
            .map(|p| l.practice_item(p))
            .collect(),
        themes: l.themes(&n.themes),
        participants: n.participants.clone(),
        draft: n.draft,
        toc: if toc.len() >= 3 { toc } else { Vec::new() },
        body_html,
        extra: n.extra.clone(),
    }
}

/// Practice page view.
#[derive(Debug, Serialize)]
pub struct PracticeView<'l> {
    /// Title.
    pub title: String,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
    /// Where it runs.
    pub site: Option<String>,
    /// Region.
    pub region: Option<RegionLink>,
    /// Since, formatted.
    pub since: Option<String>,
    /// Since, ISO.
    pub since_iso: Option<String>,
    /// Themes.
    pub themes: Vec<Link>,
    /// Results.
    pub results: Vec<String>,
    /// Lessons.
    pub lessons: Vec<String>,
    /// Contact.
    pub contact: Option<String>,
    /// Body.
    pub body_html: String,
    /// Notes that refer to it.
    pub notes: Vec<&'l NoteItem>,
    /// Free-form data.
    pub extra: serde_json::Value,
}

/// Builds a practice page view.
pub fn practice<'l>(l: &'l Lookup, p: &Practice, body_html: String) -> PracticeView<'l> {
    PracticeView {
        title: p.title.clone(),
        status: l.fmt.label("practice", p.status.id()),
        status_id: p.status.id(),
        site: p.site.clone(),
        region: p.region.as_deref().map(|r| l.region(r)),
        since: p.since.map(|d| l.fmt.date(d)),
        since_iso: p.since.map(|d| d.to_string()),
        themes: l.themes(&p.themes),
        results: p.results.clone(),
        lessons: p.lessons.clone(),
        contact: p.contact.clone(),
        body_html,
        notes: l
            .index
            .notes_by_practice
            .get(p.slug.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|n| l.note_item(n))
            .collect(),
        extra: p.extra.clone(),
    }
}

/// Themes index view.
#[derive(Debug, Serialize)]
pub struct ThemesView {
    /// Every theme.
    pub themes: Vec<ThemeItem>,
}

/// A theme in the index.
#[derive(Debug, Serialize)]
pub struct ThemeItem {
    /// Title.
    pub title: String,
    /// Href.
    pub href: String,
    /// Description.
    pub description: Option<String>,
    /// Free-form data from the theme's `[extra]` table.
    pub extra: serde_json::Value,
}

/// Builds the themes index view.
pub fn themes(l: &Lookup) -> ThemesView {
    ThemesView {
        themes: l
            .site
            .themes()
            .into_iter()
            .map(|t| ThemeItem {
                title: t.title.clone(),
                href: urls::href(&urls::theme(&t.id)),
                description: t.description.clone(),
                extra: t.extra.clone(),
            })
            .collect(),
    }
}

/// Theme page view.
#[derive(Debug, Serialize)]
pub struct ThemeView<'l> {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Questions on this theme (all questionnaires).
    pub questions: Vec<QuestionItem>,
    /// Wishes with their region.
    pub wishes: Vec<RegionWish>,
    /// Agenda points with their region.
    pub agenda: Vec<RegionAgenda>,
    /// Practices.
    pub practices: Vec<PracticeItem>,
    /// Notes, newest first (each carries its `year`, so a template can head each year).
    pub notes: Vec<&'l NoteItem>,
    /// The years of `notes`, newest first, with how many notes each has: the theme page's
    /// jump list, so a theme with thousands of notes can be read by year.
    pub note_years: Vec<YearCount>,
    /// Each region's latest scores on this theme (feature: charts).
    pub scores: Vec<crate::render::theme_scores::RegionThemeScores>,
    /// Free-form data from the theme's `[extra]` table.
    pub extra: serde_json::Value,
}

/// A year of a list and how many entries it has.
#[derive(Debug, Serialize, PartialEq)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// Entries in that year.
    pub count: usize,
}

/// The years of `notes` (newest first, as the site sorts them) with their counts.
fn year_counts(notes: &[&NoteItem]) -> Vec<YearCount> {
    let mut years: Vec<YearCount> = Vec::new();
    for n in notes {
        match years.last_mut() {
            Some(y) if y.year == n.year => y.count += 1,
            _ => years.push(YearCount {
                year: n.year,
                count: 1,
            }),
        }
    }
    years
}

/// A question in a list.
#[derive(Debug, Serialize)]
pub struct QuestionItem {
    /// Text.
    pub text: String,
    /// "schaalvraag" or "keuzevraag".
    pub kind: String,
}

/// A wish and its region.
#[derive(Debug, Serialize)]
pub struct RegionWish {
    /// Text.
    pub text: String,
    /// Region.
    pub region: RegionLink,
}

/// An agenda point and its region.
#[derive(Debug, Serialize)]
pub struct RegionAgenda {
    /// Title.
    pub title: String,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
    /// Region.
    pub region: RegionLink,
}

/// Builds a theme page view.
pub fn theme<'l>(
    l: &'l Lookup,
    t: &Theme,
    mirrors: &BTreeMap<String, Vec<Mirror>>,
) -> ThemeView<'l> {
    let site = l.site;
    let has = |themes: &[String]| themes.iter().any(|x| x == &t.id);
    let notes: Vec<&NoteItem> = site
        .notes
        .iter()
        .filter(|n| has(&n.themes))
        .map(|n| l.note_item(n))
        .collect();
    ThemeView {
        note_years: year_counts(&notes),
        title: t.title.clone(),
        description: t.description.clone(),
        extra: t.extra.clone(),
        questions: site
            .questionnaires
            .iter()
            .flat_map(|q| q.questions_of(&t.id))
            .map(|q| QuestionItem {
                text: q.text.clone(),
                kind: i18n::text(
                    l.fmt.language,
                    match q.kind {
                        QuestionKind::Scale => "scale_question",
                        QuestionKind::Choice(_) => "choice_question",
                    },
                )
                .to_string(),
            })
            .collect(),
        wishes: site
            .regions
            .iter()
            .flat_map(|r| {
                r.wishes
                    .iter()
                    .filter(|w| has(&w.themes))
                    .map(move |w| (r, w))
            })
            .map(|(r, w)| RegionWish {
                text: w.text.clone(),
                region: l.region(&r.slug),
            })
            .collect(),
        agenda: site
            .regions
            .iter()
            .flat_map(|r| {
                r.agenda
                    .iter()
                    .filter(|a| has(&a.themes))
                    .map(move |a| (r, a))
            })
            .map(|(r, a)| RegionAgenda {
                title: a.title.clone(),
                status: l.fmt.label("status", a.status.id()),
                status_id: a.status.id(),
                region: l.region(&r.slug),
            })
            .collect(),
        practices: site
            .practices
            .iter()
            .filter(|p| has(&p.themes))
            .map(|p| l.practice_item(p))
            .collect(),
        notes,
        scores: crate::render::theme_scores::theme_scores(l.fmt, site, mirrors, &t.id),
    }
}

/// Free page view.
#[derive(Debug, Serialize)]
pub struct FreePageView {
    /// Title.
    pub title: String,
    /// Table of contents (long pages only).
    pub toc: Vec<TocEntry>,
    /// Body.
    pub body_html: String,
    /// Free-form data.
    pub extra: serde_json::Value,
    /// A draft: shown with a "concept" badge (preview and `--drafts` only).
    pub draft: bool,
}

/// Method page view: the questionnaires' scales.
#[derive(Debug, Serialize)]
pub struct MethodView {
    /// Questionnaires.
    pub questionnaires: Vec<MethodQuestionnaire>,
}

/// A questionnaire on the method page.
#[derive(Debug, Serialize)]
pub struct MethodQuestionnaire {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// "1–5".
    pub scale: String,
    /// Scale labels.
    pub labels: Vec<String>,
    /// Free-form data from the questionnaire's `[extra]` table.
    pub extra: serde_json::Value,
}

/// Builds the method page view.
pub fn method(l: &Lookup) -> MethodView {
    MethodView {
        questionnaires: l
            .site
            .questionnaires
            .iter()
            .map(|q| MethodQuestionnaire {
                id: q.id.clone(),
                title: q.title.clone(),
                scale: l.fmt.scale(&q.scale),
                labels: q.scale.labels.clone(),
                extra: q.extra.clone(),
            })
            .collect(),
    }
}
