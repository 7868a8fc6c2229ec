//! matching: checked [`Site`] + mirrors → which good practices answer which region's needs, which
//! regions want what a practice offers, and which regions are most like each other. Pure
//! functions, no I/O.
//!
//! # Practices for a region
//!
//! A region's *needs* are its wishes and its agenda points that are still open or in progress
//! (`open`, `bezig`): done or dropped points need no example any more. A practice *answers* a
//! need when they share at least one theme; every need it answers is kept as a [`NeedMatch`] so
//! the page can say why it matched.
//!
//! Practices that stopped (`gestopt`) are kept apart in [`RegionMatches::lessons`]: they answer
//! the same needs, but a region reads them for what went wrong, not as something to copy. The
//! others are ordered by:
//!
//! 1. proven first: structural and pilot practices before ideas;
//! 2. other regions' practices before the region's own;
//! 3. the most themes shared with any *one* need, most first: a practice that answers a whole
//!    wish ("one counter" *and* "client focus") beats one that touches a single theme of it;
//! 4. structural before pilot;
//! 5. more distinct themes answered, then more needs answered;
//! 6. the site's practice order (by title), so every build agrees.
//!
//! A region's **own** practices (the practice's `region` is this region) are still listed,
//! marked [`PracticeMatch::own`]: its own answer to a wish is useful to see next to the others
//! (and tells a visitor the wish is being worked on), but the region does not need to be told
//! about it first, so it sorts after other regions' practices of the same status.
//!
//! The practice page uses the same matches read the other way round, so a region is listed on a
//! practice page exactly when the practice is listed on that region's page.
//!
//! # "Regio's zoals wij"
//!
//! Two regions are alike when their mirrors look alike and they want the same things:
//!
//! - **Profile likeness** `p`: per theme, the region's mean is the plain mean of its partners'
//!   theme means in the latest round (`now`). Over the themes both regions have a mean for (same
//!   questionnaire), `d` is the root-mean-square difference divided by the scale width
//!   (`max − min`), and `p = max(0, 1 − 2·d)`: identical profiles give 1, an RMS difference of
//!   half the scale width or more gives 0. It needs at least [`MIN_PROFILE_THEMES`] shared
//!   themes; otherwise there is no profile likeness.
//! - **Wish likeness** `w`: the Jaccard index of the two sets of wish themes
//!   (|A ∩ B| / |A ∪ B|), 0 when either has no wishes.
//! - **Score** = ½·p + ½·w, where a missing `p` counts as 0.
//!
//! A region is a candidate when it shares a wish theme or has a profile likeness; the
//! [`MAX_SIMILAR`] highest scores are kept, ties broken by region slug so every build agrees.
//! The reason shown names the themes whose means lie closest (within [`CLOSE_SCORE`] of the
//! scale width) and the shared wish themes.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Mirror;
use crate::model::{AgendaStatus, PracticeStatus, Region, Site};

/// How many "regions like ours" a region page shows at most.
pub const MAX_SIMILAR: usize = 3;

/// Most matches kept per region (answering and stopped each) and per practice, the best
/// first; past that only their number ([`RegionMatches::answering_total`] and friends). Pages
/// show about ten in full and the rest of these by title; keeping every match would make
/// the site grow with regions × practices.
pub const KEPT: usize = 50;

/// Fewest shared themes a profile comparison needs; one theme alone says too little.
pub const MIN_PROFILE_THEMES: usize = 2;

/// Largest difference between two theme means, as a share of the scale width, that the reason
/// calls "vergelijkbaar" (0.125 is half a point on a 1–5 scale).
pub const CLOSE_SCORE: f64 = 0.125;

/// Most close themes named in a reason.
const MAX_CLOSE_THEMES: usize = 3;

/// Everything matching computes for a site.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Matches {
    /// Per region slug: practices for it and regions like it. Every region is a key.
    pub regions: BTreeMap<String, RegionMatches>,
    /// Per practice slug: the regions whose needs it answers, the first [`KEPT`]. Every
    /// practice is a key.
    pub practices: BTreeMap<String, Vec<RegionMatch>>,
    /// Per practice slug: how many regions it answers in all.
    pub practice_totals: BTreeMap<String, usize>,
}

/// What matching found for one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RegionMatches {
    /// Practices that answer the region's needs and did not stop, best first (see module doc),
    /// the first [`KEPT`].
    pub answering: Vec<PracticeMatch>,
    /// How many practices answer in all.
    pub answering_total: usize,
    /// Stopped practices that touch the same needs, kept for their lessons (same order rules),
    /// the first [`KEPT`].
    pub lessons: Vec<PracticeMatch>,
    /// How many stopped practices touch the needs in all.
    pub lessons_total: usize,
    /// The regions most like this one, most alike first, at most [`MAX_SIMILAR`].
    pub similar: Vec<SimilarRegion>,
}

/// Which of a region's needs a match is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum Need {
    /// The region's wish at this index in [`Region::wishes`].
    Wish(usize),
    /// The region's agenda point at this index in [`Region::agenda`].
    Agenda(usize),
}

/// One need answered, and the themes that link it to the practice (see [`answered_needs`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedMatch {
    /// The need.
    pub need: Need,
    /// Theme ids the need and the practice share, in the need's order.
    pub themes: Vec<String>,
}

/// A practice that answers some of a region's needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeMatch {
    /// Practice slug.
    pub practice: String,
    /// Its status.
    pub status: PracticeStatus,
    /// The practice belongs to this region ("eigen praktijk").
    pub own: bool,
}

/// A region whose needs a practice answers (the practice page's view of the same match).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionMatch {
    /// Region slug.
    pub region: String,
    /// The practice belongs to this region.
    pub own: bool,
}

/// A region like another one, with what makes it alike.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarRegion {
    /// Region slug.
    pub region: String,
    /// ½·profile likeness + ½·wish likeness, 0–1.
    pub score: f64,
    /// Profile likeness, when the two have enough themes in common.
    pub profile: Option<ProfileLikeness>,
    /// Jaccard index of the wish themes, 0–1.
    pub wish_likeness: f64,
    /// Wish themes both regions have, in the site's theme order.
    pub shared_wish_themes: Vec<String>,
}

/// How alike two regions' mirrors are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileLikeness {
    /// `max(0, 1 − 2·d)`, 0–1.
    pub likeness: f64,
    /// Root-mean-square difference of the theme means, in scale points.
    pub rms_difference: f64,
    /// How many themes were compared.
    pub themes_compared: usize,
    /// Themes whose means lie within [`CLOSE_SCORE`] of each other, closest first (at most
    /// three): `(theme id, absolute difference in scale points)`.
    pub close_themes: Vec<(String, f64)>,
}

/// Runs all matching over the site. `mirrors` is [`super::mirrors`]'s result.
pub fn matches(site: &Site, mirrors: &BTreeMap<String, Vec<Mirror>>) -> Matches {
    let mut out = Matches::default();
    let mut similar = similar_to_each(site, mirrors).into_iter();
    let bits = ThemeBits::new(site);
    let needs: Vec<Vec<Vec<u64>>> = site.regions.iter().map(|r| bits.needs(r)).collect();
    let offers: Vec<Vec<u64>> = site.practices.iter().map(|p| bits.set(&p.themes)).collect();

    // Each region's matches are independent of the others': computed in parallel, gathered in
    // site order so every build agrees. Every pair is scored without allocating; only the
    // kept ones get their reasons spelled out.
    let per_region: Vec<RegionMatches> = site
        .regions
        .par_iter()
        .zip(needs.par_iter())
        .map(|(region, region_needs)| {
            let mut union = bits.empty();
            let mut answering = Vec::new();
            let mut lessons = Vec::new();
            for (order, (practice, offer)) in site.practices.iter().zip(&offers).enumerate() {
                let Some(score) = score(region_needs, offer, &mut union) else {
                    continue;
                };
                let own = practice.region.as_deref() == Some(region.slug.as_str());
                let key = RegionKey {
                    tier: tier(practice.status),
                    own,
                    best: std::cmp::Reverse(score.best),
                    status: status_rank(practice.status),
                    distinct: std::cmp::Reverse(score.distinct),
                    count: std::cmp::Reverse(score.count),
                    order,
                };
                if practice.status == PracticeStatus::Gestopt {
                    lessons.push(key);
                } else {
                    answering.push(key);
                }
            }
            let materialise = |keys: Vec<RegionKey>| -> Vec<PracticeMatch> {
                best_first(keys)
                    .into_iter()
                    .map(|k| {
                        let practice = &site.practices[k.order];
                        PracticeMatch {
                            practice: practice.slug.clone(),
                            status: practice.status,
                            own: k.own,
                        }
                    })
                    .collect()
            };
            RegionMatches {
                answering_total: answering.len(),
                lessons_total: lessons.len(),
                answering: materialise(answering),
                lessons: materialise(lessons),
                similar: Vec::new(),
            }
        })
        .collect();
    for (region, mut matches) in site.regions.iter().zip(per_region) {
        matches.similar = similar.next().unwrap_or_default();
        out.regions.insert(region.slug.clone(), matches);
    }
    practices_to_regions(site, &bits, (&needs, &offers), &mut out);
    out
}

/// [`matches`] after edits to results alone: `before`'s practices for each region and
/// regions for each practice stay (they are made from the regions' wishes and agenda and the
/// practices, which results do not touch); each region's similar regions, which compare the
/// latest figures, are made again from `mirrors`.
pub fn with_new_figures(
    site: &Site,
    mirrors: &BTreeMap<String, Vec<Mirror>>,
    mut before: Matches,
) -> Matches {
    for (region, similar) in site.regions.iter().zip(similar_to_each(site, mirrors)) {
        before
            .regions
            .entry(region.slug.clone())
            .or_default()
            .similar = similar;
    }
    before
}

/// Each region's [`RegionMatches::similar`], in site order.
fn similar_to_each(
    site: &Site,
    mirrors: &BTreeMap<String, Vec<Mirror>>,
) -> Vec<Vec<SimilarRegion>> {
    let mut profiles: BTreeMap<&str, Profile> = site
        .regions
        .iter()
        .map(|r| {
            let list = mirrors.get(&r.slug).map(Vec::as_slice).unwrap_or(&[]);
            (r.slug.as_str(), profile(site, list))
        })
        .collect();
    densify(&mut profiles);
    let theme_order: BTreeMap<&str, usize> = site
        .themes()
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();

    let wishes: BTreeMap<&str, BTreeSet<&str>> = site
        .regions
        .iter()
        .map(|r| (r.slug.as_str(), wish_themes(r)))
        .collect();
    let bits = ThemeBits::new(site);
    let likeness_inputs = LikenessInputs {
        profiles: site
            .regions
            .iter()
            .map(|r| profiles.get(r.slug.as_str()))
            .collect(),
        wishes: site
            .regions
            .iter()
            .map(|r| bits.set_of(r.wishes.iter().flat_map(|w| &w.themes)))
            .collect(),
    };
    (0..site.regions.len())
        .into_par_iter()
        .map(|index| similar_regions(site, index, &likeness_inputs, &wishes, &theme_order))
        .collect()
}

/// The practice pages read the same matches the other way round: each practice's regions.
fn practices_to_regions(
    site: &Site,
    bits: &ThemeBits,
    (needs, offers): (&[Vec<Vec<u64>>], &[Vec<u64>]),
    out: &mut Matches,
) {
    let per_practice: Vec<(Vec<RegionMatch>, usize)> = site
        .practices
        .par_iter()
        .zip(offers.par_iter())
        .map(|(practice, offer)| {
            let mut union = bits.empty();
            let keys: Vec<PracticeKey> = site
                .regions
                .iter()
                .zip(needs)
                .filter_map(|(region, region_needs)| {
                    let score = score(region_needs, offer, &mut union)?;
                    Some(PracticeKey {
                        own: practice.region.as_deref() == Some(region.slug.as_str()),
                        count: std::cmp::Reverse(score.count),
                        region: region.slug.as_str(),
                    })
                })
                .collect();
            let total = keys.len();
            let list = best_first(keys)
                .into_iter()
                .filter_map(|k| {
                    let region = site.region(k.region)?;
                    Some(RegionMatch {
                        region: region.slug.clone(),
                        own: k.own,
                    })
                })
                .collect();
            (list, total)
        })
        .collect();
    for (practice, (list, total)) in site.practices.iter().zip(per_practice) {
        out.practices.insert(practice.slug.clone(), list);
        out.practice_totals.insert(practice.slug.clone(), total);
    }
}

/// How a practice ranks for a region; derived order = the module doc's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RegionKey {
    tier: u8,
    own: bool,
    best: std::cmp::Reverse<usize>,
    status: u8,
    distinct: std::cmp::Reverse<usize>,
    count: std::cmp::Reverse<usize>,
    /// The practice's place in the site (by title), the last tie-break.
    order: usize,
}

/// How a region ranks on a practice page: other regions first, most needs answered first,
/// then by slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PracticeKey<'a> {
    own: bool,
    count: std::cmp::Reverse<usize>,
    region: &'a str,
}

/// The [`KEPT`] smallest keys, sorted (a selection first, so this is linear in the keys).
fn best_first<K: Ord>(mut keys: Vec<K>) -> Vec<K> {
    if keys.len() > KEPT {
        keys.select_nth_unstable(KEPT);
        keys.truncate(KEPT);
    }
    keys.sort_unstable();
    keys
}

/// What a practice answers of one region's needs.
struct Score {
    /// Needs that share a theme with the practice.
    count: usize,
    /// Most themes shared with one need.
    best: usize,
    /// Distinct themes shared over all needs.
    distinct: usize,
}

/// Scores a practice's themes (`offer`) against a region's needs (each a theme set); `None`
/// when it answers none. `union` is scratch space of the sets' width.
fn score(needs: &[Vec<u64>], offer: &[u64], union: &mut [u64]) -> Option<Score> {
    union.fill(0);
    let (mut count, mut best) = (0, 0);
    for need in needs {
        let mut shared = 0;
        for ((n, o), u) in need.iter().zip(offer).zip(union.iter_mut()) {
            let both = n & o;
            shared += both.count_ones() as usize;
            *u |= both;
        }
        if shared > 0 {
            count += 1;
            best = best.max(shared);
        }
    }
    (count > 0).then(|| Score {
        count,
        best,
        distinct: union.iter().map(|u| u.count_ones() as usize).sum(),
    })
}

/// Theme ids as bits: every id a wish, agenda point or practice names gets one, so sets of
/// themes compare with a few word operations.
struct ThemeBits<'a> {
    index: BTreeMap<&'a str, usize>,
    words: usize,
}

impl<'a> ThemeBits<'a> {
    fn new(site: &'a Site) -> Self {
        let mut index = BTreeMap::new();
        let ids = site
            .regions
            .iter()
            .flat_map(|r| {
                let wishes = r.wishes.iter().flat_map(|w| w.themes.iter());
                wishes.chain(r.agenda.iter().flat_map(|a| a.themes.iter()))
            })
            .chain(site.practices.iter().flat_map(|p| p.themes.iter()));
        for id in ids {
            let next = index.len();
            index.entry(id.as_str()).or_insert(next);
        }
        let words = index.len().div_ceil(64).max(1);
        ThemeBits { index, words }
    }

    fn empty(&self) -> Vec<u64> {
        vec![0; self.words]
    }

    fn set(&self, themes: &[String]) -> Vec<u64> {
        self.set_of(themes)
    }

    fn set_of<'t>(&self, themes: impl IntoIterator<Item = &'t String>) -> Vec<u64> {
        let mut set = self.empty();
        for t in themes {
            if let Some(&i) = self.index.get(t.as_str()) {
                set[i / 64] |= 1 << (i % 64);
            }
        }
        set
    }

    /// A region's needs as theme sets, in [`answered_needs`]'s order (wishes, then open
    /// agenda points).
    fn needs(&self, region: &Region) -> Vec<Vec<u64>> {
        let wishes = region.wishes.iter().map(|w| self.set(&w.themes));
        let agenda = region
            .agenda
            .iter()
            .filter(|a| is_open(a.status))
            .map(|a| self.set(&a.themes));
        wishes.chain(agenda).collect()
    }
}

/// Proven (structural, pilot) before ideas; stopped ones last (they are listed apart anyway).
fn tier(status: PracticeStatus) -> u8 {
    match status {
        PracticeStatus::Structureel | PracticeStatus::Pilot => 0,
        PracticeStatus::Idee => 1,
        PracticeStatus::Gestopt => 2,
    }
}

/// Structural, pilot, idea, stopped.
fn status_rank(status: PracticeStatus) -> u8 {
    match status {
        PracticeStatus::Structureel => 0,
        PracticeStatus::Pilot => 1,
        PracticeStatus::Idee => 2,
        PracticeStatus::Gestopt => 3,
    }
}

/// Whether an agenda point still needs work (and so an example).
fn is_open(status: AgendaStatus) -> bool {
    matches!(status, AgendaStatus::Open | AgendaStatus::Bezig)
}

/// The region's needs that share a theme with a practice's `themes`, wishes first, then open
/// agenda points, each with the shared themes in the need's order: the reasons a match is shown
/// with. Worked out for the matches a page shows, not kept for every pair (there are ~10⁵
/// matches at 500 regions).
pub fn answered_needs(region: &Region, themes: &[String]) -> Vec<NeedMatch> {
    let shared = |need_themes: &[String]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in need_themes {
            if themes.contains(t) && !out.contains(t) {
                out.push(t.clone());
            }
        }
        out
    };
    let wishes = region.wishes.iter().enumerate().map(|(i, w)| NeedMatch {
        need: Need::Wish(i),
        themes: shared(&w.themes),
    });
    let agenda = region
        .agenda
        .iter()
        .enumerate()
        .filter(|(_, a)| is_open(a.status))
        .map(|(i, a)| NeedMatch {
            need: Need::Agenda(i),
            themes: shared(&a.themes),
        });
    wishes
        .chain(agenda)
        .filter(|n| !n.themes.is_empty())
        .collect()
}

/// A region's latest theme means: (questionnaire id, theme id) → mean of the partners' `now`,
/// with the questionnaire's scale width.
struct Profile<'a> {
    /// (questionnaire, theme) → (mean, scale width), borrowed from the mirrors: a save in
    /// the preview makes every region's profile again, and owned keys cost two strings each.
    means: BTreeMap<(&'a str, &'a str), (f64, f64)>,
    /// The same means in one slot per (questionnaire, theme) key of the whole site, in key
    /// order ([`densify`]): comparing two regions is then a walk over two slices.
    dense: Vec<Option<(f64, f64)>>,
}

/// Fills every profile's dense slots from the keys of all profiles.
fn densify(profiles: &mut BTreeMap<&str, Profile>) {
    let keys: BTreeSet<(&str, &str)> = profiles
        .values()
        .flat_map(|p| p.means.keys().copied())
        .collect();
    for p in profiles.values_mut() {
        p.dense = keys.iter().map(|k| p.means.get(k).copied()).collect();
    }
}

fn profile<'a>(site: &Site, mirrors: &'a [Mirror]) -> Profile<'a> {
    let mut means = BTreeMap::new();
    for m in mirrors {
        let Some(q) = site.questionnaire(&m.questionnaire) else {
            continue;
        };
        let width = q.scale.max - q.scale.min;
        if width <= 0.0 {
            continue;
        }
        for t in &m.now().themes {
            let values: Vec<f64> = t.partners.iter().filter_map(|p| p.now).collect();
            if values.is_empty() {
                continue;
            }
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            means.insert((m.questionnaire.as_str(), t.theme.as_str()), (mean, width));
        }
    }
    Profile {
        means,
        dense: Vec::new(),
    }
}

fn profile_likeness(a: &Profile, b: &Profile) -> Option<ProfileLikeness> {
    let mut diffs: Vec<(&str, f64, f64)> = Vec::new();
    for (key, (mean_a, width)) in &a.means {
        if let Some((mean_b, _)) = b.means.get(key) {
            diffs.push((key.1, (mean_a - mean_b).abs(), *width));
        }
    }
    if diffs.len() < MIN_PROFILE_THEMES {
        return None;
    }
    let n = diffs.len() as f64;
    let rms_norm = (diffs.iter().map(|(_, d, w)| (d / w).powi(2)).sum::<f64>() / n).sqrt();
    let rms_points = (diffs.iter().map(|(_, d, _)| d * d).sum::<f64>() / n).sqrt();
    let mut close: Vec<(&str, f64, f64)> = diffs
        .iter()
        .copied()
        .filter(|(_, d, w)| d / w <= CLOSE_SCORE + 1e-9)
        .collect();
    // Stable sort: equal differences keep the questionnaire's theme order.
    close.sort_by(|x, y| (x.1 / x.2).total_cmp(&(y.1 / y.2)));
    Some(ProfileLikeness {
        likeness: (1.0 - 2.0 * rms_norm).max(0.0),
        rms_difference: rms_points,
        themes_compared: diffs.len(),
        close_themes: close
            .into_iter()
            .take(MAX_CLOSE_THEMES)
            .map(|(t, d, _)| (t.to_string(), d))
            .collect(),
    })
}

fn wish_themes(region: &Region) -> BTreeSet<&str> {
    region
        .wishes
        .iter()
        .flat_map(|w| w.themes.iter().map(String::as_str))
        .collect()
}

/// What [`similar_regions`] compares, one entry per region in site order, so the
/// regions × regions loop indexes slices instead of looking slugs up in maps.
struct LikenessInputs<'a> {
    profiles: Vec<Option<&'a Profile<'a>>>,
    /// Every region's wish themes as one [`ThemeBits`] set.
    wishes: Vec<Vec<u64>>,
}

/// `|a ∩ b|` and `|a ∪ b|` of two theme sets.
fn overlap(a: &[u64], b: &[u64]) -> (u32, u32) {
    a.iter().zip(b).fold((0, 0), |(both, either), (x, y)| {
        (both + (x & y).count_ones(), either + (x | y).count_ones())
    })
}

fn similar_regions(
    site: &Site,
    index: usize,
    inputs: &LikenessInputs,
    wishes: &BTreeMap<&str, BTreeSet<&str>>,
    theme_order: &BTreeMap<&str, usize>,
) -> Vec<SimilarRegion> {
    let region = &site.regions[index];
    let empty = BTreeSet::new();
    let wishes_of = |slug: &str| wishes.get(slug).unwrap_or(&empty);
    let mine = wishes_of(&region.slug);
    let my_wishes = &inputs.wishes[index];
    let my_profile = inputs.profiles[index];
    let profile_of = |other: usize| match (my_profile, inputs.profiles[other]) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    // The share of wish themes two regions have in common (Jaccard), 0 when neither wishes.
    let wish_likeness = |other: usize| match overlap(my_wishes, &inputs.wishes[other]) {
        (_, 0) => 0.0,
        (both, either) => f64::from(both) / f64::from(either),
    };
    // Scores first, for every other region (a tight loop: this is regions × regions); the
    // reasons only for the few that are shown.
    let mut scored: Vec<(f64, usize)> = (0..site.regions.len())
        .filter(|&other| other != index)
        .filter_map(|other| {
            let wish_likeness = wish_likeness(other);
            let likeness = profile_of(other).and_then(|(a, b)| likeness_only(a, b));
            // No shared wish theme (likeness 0) and no comparable profile: not a candidate.
            if wish_likeness == 0.0 && likeness.is_none() {
                return None;
            }
            let score = 0.5 * likeness.unwrap_or(0.0) + 0.5 * wish_likeness;
            (score > 0.0).then_some((score, other))
        })
        .collect();
    let slug = |i: usize| site.regions[i].slug.as_str();
    let best_first =
        |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(slug(a.1).cmp(slug(b.1)));
    // Only the first few are shown: select them before sorting (slugs are unique, so the
    // order is total and this gives what sorting everything would). Sorting all the other
    // regions made this quadratic part 28× slower for 5× the regions.
    if scored.len() > MAX_SIMILAR {
        scored.select_nth_unstable_by(MAX_SIMILAR, best_first);
        scored.truncate(MAX_SIMILAR);
    }
    scored.sort_by(best_first);
    scored
        .into_iter()
        .map(|(score, other)| {
            let theirs = wishes_of(slug(other));
            let mut shared: Vec<&str> = mine.intersection(theirs).copied().collect();
            shared.sort_by_key(|t| (theme_order.get(t).copied().unwrap_or(usize::MAX), *t));
            SimilarRegion {
                region: slug(other).to_string(),
                score,
                profile: profile_of(other).and_then(|(a, b)| profile_likeness(a, b)),
                wish_likeness: wish_likeness(other),
                shared_wish_themes: shared.into_iter().map(str::to_string).collect(),
            }
        })
        .collect()
}

/// The likeness of [`profile_likeness`] alone, without allocating: the same sums in the same
/// order (the dense slots follow the sorted keys), so the same number to the last bit.
fn likeness_only(a: &Profile, b: &Profile) -> Option<f64> {
    let (mut n, mut sum) = (0usize, 0.0f64);
    for (x, y) in a.dense.iter().zip(&b.dense) {
        if let (Some((mean_a, width)), Some((mean_b, _))) = (x, y) {
            n += 1;
            sum += ((mean_a - mean_b).abs() / width).powi(2);
        }
    }
    if n < MIN_PROFILE_THEMES {
        return None;
    }
    let rms_norm = (sum / n as f64).sqrt();
    Some((1.0 - 2.0 * rms_norm).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::super::mirror::tests::{quickscan, region, response, round, Answers};
    use super::super::mirrors;
    use super::*;
    use crate::config::Config;
    use crate::model::{AgendaPoint, Body, Practice, Wish};

    /// The reasons a page shows for the match of `region` and `practice`.
    fn needs_of(s: &Site, region: &str, practice: &str) -> Vec<NeedMatch> {
        let practice = s.practices.iter().find(|p| p.slug == practice).unwrap();
        answered_needs(s.region(region).unwrap(), &practice.themes)
    }

    fn wish(themes: &[&str]) -> Wish {
        Wish {
            extra: serde_json::Value::Null,
            text: format!("wens {}", themes.join("+")),
            themes: themes.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn agenda(status: AgendaStatus, themes: &[&str]) -> AgendaPoint {
        AgendaPoint {
            extra: serde_json::Value::Null,
            title: String::new(),
            owner: None,
            due: None,
            status,
            themes: themes.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn practice(
        slug: &str,
        status: PracticeStatus,
        region: Option<&str>,
        themes: &[&str],
    ) -> Practice {
        Practice {
            slug: slug.to_string(),
            title: slug.to_string(),
            site: None,
            region: region.map(str::to_string),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            status,
            since: None,
            results: Vec::new(),
            lessons: Vec::new(),
            contact: None,
            body: Body::default(),
            extra: serde_json::Value::Null,
        }
    }

    /// A region named `slug` whose partners cwi and uwv scored `doelen-1` and `loket-1`.
    fn scored(slug: &str, cwi: (f64, f64), uwv: (f64, f64), wishes: Vec<Wish>) -> Region {
        let mut r = region(vec![round(
            "r.toml",
            "2007-04-01",
            vec![
                response("cwi", 1)
                    .score("doelen-1", cwi.0)
                    .score("loket-1", cwi.1),
                response("uwv", 1)
                    .score("doelen-1", uwv.0)
                    .score("loket-1", uwv.1),
            ],
        )]);
        r.slug = slug.to_string();
        r.name = slug.to_string();
        r.wishes = wishes;
        r
    }

    fn site(regions: Vec<Region>, practices: Vec<Practice>) -> Site {
        Site {
            config: Config::default(),
            home: None,
            questionnaires: vec![quickscan()],
            regions,
            notes: Vec::new(),
            practices,
            pages: Vec::new(),
            ..Site::default()
        }
    }

    fn run(site: &Site) -> Matches {
        matches(site, &mirrors(site))
    }

    #[test]
    fn a_wish_finds_practices_sharing_a_theme_with_the_reason() {
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.wishes = vec![wish(&["loket", "klant"]), wish(&["doelen"])];
        let s = site(
            vec![hm],
            vec![
                practice(
                    "een-loket",
                    PracticeStatus::Pilot,
                    Some("az"),
                    &["loket", "klant"],
                ),
                practice("huisvesting", PracticeStatus::Structureel, None, &["pand"]),
            ],
        );
        let m = run(&s);
        let found = &m.regions["hm"].answering;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].practice, "een-loket");
        assert!(!found[0].own);
        assert_eq!(
            needs_of(&s, "hm", &found[0].practice),
            vec![NeedMatch {
                need: Need::Wish(0),
                themes: vec!["loket".into(), "klant".into()],
            }]
        );
        // The practice page reads the same match the other way round.
        assert_eq!(m.practices["een-loket"][0].region, "hm");
        assert!(m.practices["huisvesting"].is_empty());
    }

    #[test]
    fn proven_practices_come_before_ideas_and_stopped_ones_are_kept_apart() {
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.wishes = vec![wish(&["loket"])];
        // Site order is by title: a-idee, b-gestopt, c-pilot, d-structureel, e-pilot-own.
        let s = site(
            vec![hm],
            vec![
                practice("a-idee", PracticeStatus::Idee, None, &["loket"]),
                practice("b-gestopt", PracticeStatus::Gestopt, None, &["loket"]),
                practice("c-pilot-own", PracticeStatus::Pilot, Some("hm"), &["loket"]),
                practice("d-pilot", PracticeStatus::Pilot, None, &["loket"]),
                practice(
                    "e-structureel",
                    PracticeStatus::Structureel,
                    None,
                    &["loket"],
                ),
            ],
        );
        let m = run(&s);
        let order: Vec<_> = m.regions["hm"]
            .answering
            .iter()
            .map(|p| (p.practice.as_str(), p.own))
            .collect();
        // Own practice after the other pilot, still before ideas.
        assert_eq!(
            order,
            [
                ("e-structureel", false),
                ("d-pilot", false),
                ("c-pilot-own", true),
                ("a-idee", false)
            ]
        );
        let lessons: Vec<_> = m.regions["hm"]
            .lessons
            .iter()
            .map(|p| p.practice.as_str())
            .collect();
        assert_eq!(lessons, ["b-gestopt"]);
    }

    #[test]
    fn more_themes_answered_ranks_higher_within_a_status() {
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.wishes = vec![wish(&["loket", "klant"])];
        hm.agenda = vec![agenda(AgendaStatus::Open, &["dubbel"])];
        let s = site(
            vec![hm],
            vec![
                practice("a", PracticeStatus::Pilot, None, &["loket"]),
                practice("b", PracticeStatus::Pilot, None, &["loket", "klant"]),
                practice("c", PracticeStatus::Pilot, None, &["loket", "dubbel"]),
            ],
        );
        let m = run(&s);
        let order: Vec<_> = m.regions["hm"]
            .answering
            .iter()
            .map(|p| (p.practice.as_str(), needs_of(&s, "hm", &p.practice).len()))
            .collect();
        // b answers the whole wish (two themes of one need); c answers two themes too, but one
        // per need (wish + agenda point); a one theme.
        assert_eq!(order, [("b", 1), ("c", 2), ("a", 1)]);
        let second = &m.regions["hm"].answering[1].practice;
        assert_eq!(needs_of(&s, "hm", second)[1].need, Need::Agenda(0));
    }

    #[test]
    fn a_pilot_answering_a_whole_wish_beats_a_structural_one_touching_one_theme() {
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.wishes = vec![wish(&["loket", "klant"]), wish(&["communicatie"])];
        let s = site(
            vec![hm],
            vec![
                practice(
                    "een-loket",
                    PracticeStatus::Pilot,
                    Some("az"),
                    &["loket", "klant"],
                ),
                practice(
                    "sms",
                    PracticeStatus::Structureel,
                    Some("az"),
                    &["klant", "communicatie"],
                ),
                practice(
                    "film",
                    PracticeStatus::Idee,
                    Some("as"),
                    &["loket", "klant"],
                ),
            ],
        );
        let m = run(&s);
        let order: Vec<_> = m.regions["hm"]
            .answering
            .iter()
            .map(|p| p.practice.as_str())
            .collect();
        assert_eq!(order, ["een-loket", "sms", "film"]);
    }

    #[test]
    fn done_and_dropped_agenda_points_need_no_practice() {
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.agenda = vec![
            agenda(AgendaStatus::Gereed, &["loket"]),
            agenda(AgendaStatus::Vervallen, &["loket"]),
            agenda(AgendaStatus::Bezig, &["doelen"]),
        ];
        let s = site(
            vec![hm],
            vec![
                practice("loket", PracticeStatus::Pilot, None, &["loket"]),
                practice("doelen", PracticeStatus::Pilot, None, &["doelen"]),
            ],
        );
        let m = run(&s);
        let found: Vec<_> = m.regions["hm"]
            .answering
            .iter()
            .map(|p| (p.practice.as_str(), needs_of(&s, "hm", &p.practice)[0].need))
            .collect();
        assert_eq!(found, [("doelen", Need::Agenda(2))]);
    }

    #[test]
    fn similar_regions_keep_the_best_three_with_ties_by_slug() {
        // No scores, so likeness = ½ · Jaccard of the wish themes against a's {loket}:
        // c, d, e, f: 1/1 → 0.5; b: {loket, doelen} → ½ · ½ = 0.25; g: nothing shared → out.
        // Four regions tie at 0.5 for three places: the slugs decide (c, d, e; f is left out),
        // whatever order the site lists them in.
        let mut regions = Vec::new();
        for (slug, themes) in [
            ("a", &["loket"][..]),
            ("g", &["dubbel"][..]),
            ("f", &["loket"][..]),
            ("b", &["loket", "doelen"][..]),
            ("e", &["loket"][..]),
            ("d", &["loket"][..]),
            ("c", &["loket"][..]),
        ] {
            let mut r = region(Vec::new());
            r.slug = slug.into();
            r.wishes = vec![wish(themes)];
            regions.push(r);
        }
        let m = run(&site(regions, Vec::new()));
        let similar = &m.regions["a"].similar;
        let ids: Vec<_> = similar.iter().map(|r| r.region.as_str()).collect();
        assert_eq!(ids, ["c", "d", "e"]);
        assert!(similar.iter().all(|r| (r.score - 0.5).abs() < 1e-12));
        // For f the same four candidates tie (a, c, d, e) and b trails: a, c, d.
        let of_f: Vec<_> = m.regions["f"]
            .similar
            .iter()
            .map(|r| r.region.as_str())
            .collect();
        assert_eq!(of_f, ["a", "c", "d"]);
    }

    #[test]
    fn new_figures_keep_the_practices_and_make_the_similar_regions_again() {
        let a = scored("a", (2.0, 1.0), (4.0, 3.0), vec![wish(&["loket"])]);
        let b = scored("b", (3.0, 2.0), (3.0, 3.0), vec![wish(&["loket"])]);
        let c = scored("c", (1.0, 5.0), (1.0, 5.0), vec![wish(&["loket"])]);
        let practices = vec![
            practice("p", PracticeStatus::Structureel, Some("b"), &["loket"]),
            practice("q", PracticeStatus::Gestopt, None, &["loket", "doelen"]),
        ];
        let before = run(&site(vec![a.clone(), b, c.clone()], practices.clone()));
        // b's scores become c's: now a is as like b as like c, and b and c are alike.
        let b = scored("b", (1.0, 5.0), (1.0, 5.0), vec![wish(&["loket"])]);
        let after = site(vec![a, b, c], practices);
        let whole = run(&after);
        assert_ne!(whole.regions["b"].similar, before.regions["b"].similar);
        assert_eq!(with_new_figures(&after, &mirrors(&after), before), whole);
    }

    #[test]
    fn similar_regions_combine_profile_and_wish_likeness() {
        // Theme means (mean of cwi and uwv), doelen / loket:
        //   a: 3.0 / 2.0     b: 3.0 / 2.5     c: 1.0 / 5.0     d: no scores
        let a = scored(
            "a",
            (2.0, 1.0),
            (4.0, 3.0),
            vec![wish(&["loket", "doelen"])],
        );
        let b = scored("b", (3.0, 2.0), (3.0, 3.0), vec![wish(&["loket"])]);
        let c = scored(
            "c",
            (1.0, 5.0),
            (1.0, 5.0),
            vec![wish(&["loket", "doelen"])],
        );
        let mut d = region(Vec::new());
        d.slug = "d".into();
        d.wishes = vec![wish(&["dubbel"])];
        let s = site(vec![a, b, c, d], Vec::new());
        let m = run(&s);
        let similar = &m.regions["a"].similar;
        let ids: Vec<_> = similar.iter().map(|r| r.region.as_str()).collect();
        // b: diffs 0 and 0.5 → RMS = sqrt(0.125) ≈ 0.35355 points; /4 = 0.088388;
        //    p = 1 − 0.176777 = 0.823223; w = |{loket}| / |{loket, doelen}| = 0.5;
        //    score = 0.411612 + 0.25 = 0.661612.
        // c: diffs 2 and 3 → RMS = sqrt(6.5) ≈ 2.5495; /4 = 0.6374 → p = max(0, −0.27) = 0;
        //    w = 1; score = 0.5.
        // d: no profile, no shared wish theme → not a candidate.
        assert_eq!(ids, ["b", "c"]);
        let b = &similar[0];
        assert!((b.score - 0.661_612).abs() < 1e-5, "{}", b.score);
        let p = b.profile.as_ref().unwrap();
        assert_eq!(p.themes_compared, 2);
        assert!((p.rms_difference - 0.353_553).abs() < 1e-5);
        // Both within half a point: doelen (0) first, then loket (0.5).
        assert_eq!(
            p.close_themes,
            vec![("doelen".to_string(), 0.0), ("loket".to_string(), 0.5)]
        );
        assert_eq!(b.shared_wish_themes, ["loket"]);
        let c = &similar[1];
        assert!((c.score - 0.5).abs() < 1e-9);
        assert_eq!(c.profile.as_ref().unwrap().likeness, 0.0);
        // Shared wish themes follow the questionnaire's theme order (doelen before loket).
        assert_eq!(c.shared_wish_themes, ["doelen", "loket"]);
    }

    #[test]
    fn similar_regions_break_ties_by_slug_and_stop_at_three() {
        let me = scored("m", (3.0, 3.0), (3.0, 3.0), vec![wish(&["loket"])]);
        let mut regions = vec![me];
        for slug in ["z", "y", "x", "w"] {
            regions.push(scored(slug, (3.0, 3.0), (3.0, 3.0), vec![wish(&["loket"])]));
        }
        let m = run(&site(regions, Vec::new()));
        let ids: Vec<_> = m.regions["m"]
            .similar
            .iter()
            .map(|r| r.region.as_str())
            .collect();
        assert_eq!(ids, ["w", "x", "y"]);
        assert!((m.regions["m"].similar[0].score - 1.0).abs() < 1e-12);
    }

    #[test]
    fn keeps_the_best_fifty_each_way_and_counts_the_rest() {
        // 60 structural practices on "loket"; the first 5 (by title) also on "klant", so they
        // share two themes with the wish and rank first. 12 stopped ones go to `lessons`.
        let mut hm = region(Vec::new());
        hm.slug = "hm".into();
        hm.wishes = vec![wish(&["loket", "klant"])];
        let mut practices: Vec<Practice> = (0..60)
            .map(|i| {
                let themes: &[&str] = if i >= 55 {
                    &["loket", "klant"]
                } else {
                    &["loket"]
                };
                practice(
                    &format!("p{i:02}"),
                    PracticeStatus::Structureel,
                    None,
                    themes,
                )
            })
            .collect();
        practices.extend((0..12).map(|i| {
            practice(
                &format!("s{i:02}"),
                PracticeStatus::Gestopt,
                None,
                &["loket"],
            )
        }));
        let m = run(&site(vec![hm], practices));
        let r = &m.regions["hm"];
        assert_eq!((r.answering.len(), r.answering_total), (KEPT, 60));
        assert_eq!((r.lessons.len(), r.lessons_total), (12, 12));
        let first: Vec<&str> = r
            .answering
            .iter()
            .take(6)
            .map(|p| p.practice.as_str())
            .collect();
        // Two shared themes first (p55–p59 in title order), then one (p00 …).
        assert_eq!(first, ["p55", "p56", "p57", "p58", "p59", "p00"]);
        assert_eq!(r.answering.last().map(|p| p.practice.as_str()), Some("p44"));
        // Every practice page lists the one region, with its total.
        assert_eq!(m.practices["p00"].len(), 1);
        assert_eq!(m.practice_totals["p00"], 1);
        assert_eq!(m.practice_totals["s11"], 1);
    }
}
