//! matches: [`crate::analysis::matching`]'s results → view data for the region page ("good
//! practices for this region", "regio's zoals wij") and the practice page ("regions that want
//! this"). Every reason is spelled out here, so templates only print.

use serde::Serialize;

use super::views::{Link, Lookup, PracticeItem, RegionLink};
use crate::analysis::matching::{answered_needs, Matches, Need, PracticeMatch, SimilarRegion};
use crate::model::{Practice, Region};
use crate::render::i18n;
use crate::urls;

/// Most practices a region page shows with their reasons; the rest are listed by title only.
/// On a big site nearly every practice shares a theme with some wish, and a page of hundreds
/// of cards helps nobody; the ones shown are the best matches (see the ranking in
/// [`crate::analysis::matching`]).
pub const SHOWN_PRACTICES: usize = 10;

/// Most stopped practices a region page shows with their lessons and reasons.
pub const SHOWN_LESSONS: usize = 5;

/// Most regions a practice page shows with their reasons.
pub const SHOWN_REGIONS: usize = 15;

/// Matches past the number shown in full: a label ("Nog 12 praktijken …") and plain links.
#[derive(Debug, Clone, Serialize)]
pub struct More {
    /// "Nog 12 praktijken die aansluiten".
    pub label: String,
    /// The next ones, in the same order (at most [`crate::analysis::matching::KEPT`] matches
    /// are kept in all).
    pub links: Vec<Link>,
    /// When there are more than listed: "… en nog 400 andere" with a link to the whole
    /// collection or the regions index.
    pub unlisted: Option<Link>,
}

/// Why a practice and a region were matched: one need and the shared themes.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// "wens" or "agendapunt".
    pub kind: String,
    /// The wish text or agenda point title.
    pub text: String,
    /// The themes the need and the practice share.
    pub themes: Vec<Link>,
}

/// A practice matched to a region.
#[derive(Debug, Clone, Serialize)]
pub struct MatchedPractice {
    /// The practice as a list item.
    #[serde(flatten)]
    pub item: PracticeItem,
    /// It is the region's own practice.
    pub own: bool,
    /// Every need it answers.
    pub reasons: Vec<Reason>,
    /// Its lessons (shown for stopped practices).
    pub lessons: Vec<String>,
}

/// A region like this one, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarRegionView {
    /// The region.
    pub region: RegionLink,
    /// "vergelijkbare scores op …; dezelfde wens: …".
    pub reason: String,
}

/// The matching part of a region page (`page.matching` in region.html).
#[derive(Debug, Clone, Serialize)]
pub struct RegionMatchesView {
    /// Practices that answer the region's wishes and open agenda points, best first (at most
    /// [`SHOWN_PRACTICES`]).
    pub answering: Vec<MatchedPractice>,
    /// The further answering practices, by title.
    pub answering_more: Option<More>,
    /// Stopped practices on the same needs, for their lessons (at most [`SHOWN_LESSONS`]).
    pub lessons: Vec<MatchedPractice>,
    /// The further stopped practices, by title.
    pub lessons_more: Option<More>,
    /// Regions like this one.
    pub similar: Vec<SimilarRegionView>,
}

/// A region whose needs a practice answers.
#[derive(Debug, Clone, Serialize)]
pub struct MatchedRegion {
    /// The region.
    pub region: RegionLink,
    /// The practice is the region's own.
    pub own: bool,
    /// Which of its needs, and the shared themes.
    pub reasons: Vec<Reason>,
}

/// The matching part of a practice page (`page.matching` in practice.html).
#[derive(Debug, Clone, Serialize)]
pub struct PracticeMatchesView {
    /// Regions that want what the practice offers (at most [`SHOWN_REGIONS`]).
    pub regions: Vec<MatchedRegion>,
    /// The further regions, by name.
    pub regions_more: Option<More>,
}

/// Builds the matching view of a region page.
pub fn region(l: &Lookup, region: &Region, matches: &Matches) -> RegionMatchesView {
    let Some(m) = matches.regions.get(&region.slug) else {
        return RegionMatchesView {
            answering: Vec::new(),
            answering_more: None,
            lessons: Vec::new(),
            lessons_more: None,
            similar: Vec::new(),
        };
    };
    let practice = |pm: &PracticeMatch| {
        let p = l.index.practices.get(pm.practice.as_str()).copied()?;
        Some(MatchedPractice {
            item: l.practice_item(p),
            own: pm.own,
            reasons: reasons(l, region, &p.themes),
            lessons: p.lessons.clone(),
        })
    };
    // The title and href of `Lookup::practice_item`, without the rest of the item.
    let link = |pm: &PracticeMatch| {
        let p = l.index.practices.get(pm.practice.as_str()).copied()?;
        Some(Link {
            title: p.title.clone(),
            href: urls::href(&urls::practice(&p.slug)),
        })
    };
    let lang = l.fmt.language;
    let (answering, answering_more) = split(&m.answering, SHOWN_PRACTICES);
    let (lessons, lessons_more) = split(&m.lessons, SHOWN_LESSONS);
    RegionMatchesView {
        answering: answering.iter().filter_map(practice).collect(),
        answering_more: more(
            lang,
            ("more_practices", "more_unlisted_practices", urls::PRACTICES),
            m.answering_total.saturating_sub(answering.len()),
            answering_more.iter().filter_map(link),
        ),
        lessons: lessons.iter().filter_map(practice).collect(),
        lessons_more: more(
            lang,
            ("more_lessons", "more_unlisted_practices", urls::PRACTICES),
            m.lessons_total.saturating_sub(lessons.len()),
            lessons_more.iter().filter_map(link),
        ),
        similar: m.similar.iter().map(|s| similar(l, s)).collect(),
    }
}

/// The first `shown` items and the rest.
fn split<T>(items: &[T], shown: usize) -> (&[T], &[T]) {
    items.split_at(shown.min(items.len()))
}

/// The "more" part for `rest` matches beyond those shown in full, of which `links` are
/// listed; `None` when there are none. `keys` are the label's and the unlisted line's UI
/// strings and the page that lists everything.
fn more(
    lang: crate::config::Language,
    (label, unlisted, all): (&str, &str, &str),
    rest: usize,
    links: impl Iterator<Item = Link>,
) -> Option<More> {
    let links: Vec<Link> = links.collect();
    let count = |key: &str, n: usize| i18n::text(lang, key).replace("{n}", &n.to_string());
    (rest > 0).then(|| More {
        label: count(label, rest),
        unlisted: (rest > links.len()).then(|| Link {
            title: count(unlisted, rest - links.len()),
            href: urls::href(all),
        }),
        links,
    })
}

/// Builds the matching view of a practice page.
pub fn practice(l: &Lookup, practice: &Practice, matches: &Matches) -> PracticeMatchesView {
    let list = matches
        .practices
        .get(&practice.slug)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let total = matches
        .practice_totals
        .get(&practice.slug)
        .copied()
        .unwrap_or(list.len());
    let (list, rest) = split(list, SHOWN_REGIONS);
    let regions_more = more(
        l.fmt.language,
        ("more_regions", "more_unlisted_regions", urls::REGIONS),
        total.saturating_sub(list.len()),
        rest.iter().filter_map(|rm| {
            let region = l.region(&rm.region);
            l.index.regions.get(rm.region.as_str()).copied()?;
            Some(Link {
                title: region.name,
                href: region.href,
            })
        }),
    );
    PracticeMatchesView {
        regions_more,
        regions: list
            .iter()
            .filter_map(|rm| {
                let region = l.index.regions.get(rm.region.as_str()).copied()?;
                Some(MatchedRegion {
                    region: l.region(&rm.region),
                    own: rm.own,
                    reasons: reasons(l, region, &practice.themes),
                })
            })
            .collect(),
    }
}

/// Why a practice with these themes is shown for the region: the needs it answers.
fn reasons(l: &Lookup, region: &Region, practice_themes: &[String]) -> Vec<Reason> {
    let lang = l.fmt.language;
    answered_needs(region, practice_themes)
        .iter()
        .filter_map(|n| {
            let (kind, text) = match n.need {
                Need::Wish(i) => ("match_wish", region.wishes.get(i)?.text.clone()),
                Need::Agenda(i) => ("match_agenda", region.agenda.get(i)?.title.clone()),
            };
            Some(Reason {
                kind: i18n::text(lang, kind).to_string(),
                text,
                themes: l.themes(&n.themes),
            })
        })
        .collect()
}

fn similar(l: &Lookup, s: &SimilarRegion) -> SimilarRegionView {
    let lang = l.fmt.language;
    let title = |id: &str| l.theme_titles.get(id).copied().unwrap_or(id).to_string();
    let mut parts = Vec::new();
    if let Some(p) = &s.profile {
        if p.close_themes.is_empty() {
            parts.push(
                i18n::text(lang, "similar_scores_apart")
                    .replace("{d}", &i18n::decimal(lang, p.rms_difference))
                    .replace("{n}", &p.themes_compared.to_string()),
            );
        } else {
            let names: Vec<String> = p.close_themes.iter().map(|(t, _)| title(t)).collect();
            parts.push(format!(
                "{} {}",
                i18n::text(lang, "similar_scores_on"),
                join_and(lang, &names)
            ));
        }
    }
    if !s.shared_wish_themes.is_empty() {
        let names: Vec<String> = s.shared_wish_themes.iter().map(|t| title(t)).collect();
        let key = if names.len() == 1 {
            "similar_same_wish"
        } else {
            "similar_same_wishes"
        };
        parts.push(format!(
            "{}: {}",
            i18n::text(lang, key),
            join_and(lang, &names)
        ));
    }
    SimilarRegionView {
        region: l.region(&s.region),
        reason: parts.join("; "),
    }
}

/// "a", "a en b", "a, b en c".
fn join_and(lang: crate::config::Language, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!(
            "{} {} {last}",
            rest.join(", "),
            i18n::text(lang, "and_word")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    #[test]
    fn lists_are_joined_the_dutch_way() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(Language::Nl, &v(&["a"])), "a");
        assert_eq!(join_and(Language::Nl, &v(&["a", "b"])), "a en b");
        assert_eq!(join_and(Language::En, &v(&["a", "b", "c"])), "a, b and c");
    }
}
