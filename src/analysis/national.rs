//! national: the checked site + the [`Comparison`] → [`National`], the programme's view over all
//! regions (stages, what the regions need, agenda progress, where partners disagree). Pure, no
//! I/O.
//!
//! Which agenda points are overdue depends on "today", which is a render option (from
//! `SOURCE_DATE_EPOCH` for reproducible builds), not part of the site; so [`National`] keeps
//! every agenda point that could be overdue and [`National::overdue`] picks them for a date.

use serde::Serialize;

use crate::analysis::compare::{mean, Comparison};
use crate::model::{AgendaPoint, AgendaStatus, Date, Site, Stage};

/// The national overview.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct National {
    /// Every stage in process order, with the slugs of the regions in it (by slug; may be empty).
    pub stages: Vec<(Stage, Vec<String>)>,
    /// Every theme of the site (see [`Site::themes`]), with its wishes and agenda points counted.
    pub needs: Vec<ThemeNeed>,
    /// Agenda points per status, every status in [`AgendaStatus::ALL`] order.
    pub agenda_status: Vec<(AgendaStatus, usize)>,
    /// Every agenda point that is open or in progress and has a due date: the candidates for
    /// "overdue". By due date, then region slug, then position in the region's agenda.
    pub pending: Vec<AgendaRef>,
    /// Per questionnaire (in the comparison's order), the themes by mean spread.
    pub disagreement: Vec<QuestionnaireDisagreement>,
}

impl National {
    /// The pending agenda points due before `today` (none when there is no date to compare
    /// with).
    pub fn overdue(&self, today: Option<Date>) -> Vec<&AgendaRef> {
        match today {
            Some(today) => self.pending.iter().filter(|a| a.due < today).collect(),
            None => Vec::new(),
        }
    }

    /// All agenda points of all regions.
    pub fn agenda_total(&self) -> usize {
        self.agenda_status.iter().map(|(_, n)| n).sum()
    }
}

/// What the regions ask for on one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeNeed {
    /// Theme id.
    pub theme: String,
    /// Wishes tagged with the theme, over all regions.
    pub wishes: usize,
    /// Regions with at least one such wish.
    pub regions: usize,
    /// Agenda points tagged with the theme, over all regions (any status).
    pub agenda: usize,
}

/// An agenda point with the region it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaRef {
    /// Region slug.
    pub region: String,
    /// Position in the region's agenda (0-based), a stable tie-break.
    pub index: usize,
    /// Due date.
    pub due: Date,
    /// Status (open or in progress).
    pub status: AgendaStatus,
}

/// The themes of one questionnaire by how much partners disagree across the country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionnaireDisagreement {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Themes with at least one region spread, largest mean spread first (ties in theme order),
    /// then the themes without any spread in theme order.
    pub themes: Vec<ThemeDisagreement>,
}

/// How much partners disagree on one theme across the country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeDisagreement {
    /// Theme id.
    pub theme: String,
    /// Plain mean of the region spreads that exist, each region once.
    pub mean_spread: Option<f64>,
    /// How many regions have a spread.
    pub regions: usize,
    /// The region with the largest spread (first by slug on a tie) and that spread.
    pub widest: Option<(String, f64)>,
}

/// Builds the national overview.
pub fn national(site: &Site, comparison: &Comparison) -> National {
    let stages = Stage::ALL
        .iter()
        .map(|stage| {
            let mut slugs: Vec<String> = site
                .regions
                .iter()
                .filter(|r| r.stage == *stage)
                .map(|r| r.slug.clone())
                .collect();
            slugs.sort();
            (*stage, slugs)
        })
        .collect();

    let needs = site
        .themes()
        .into_iter()
        .map(|theme| {
            let tagged = |themes: &[String]| themes.contains(&theme.id);
            ThemeNeed {
                theme: theme.id.clone(),
                wishes: site
                    .regions
                    .iter()
                    .flat_map(|r| &r.wishes)
                    .filter(|w| tagged(&w.themes))
                    .count(),
                regions: site
                    .regions
                    .iter()
                    .filter(|r| r.wishes.iter().any(|w| tagged(&w.themes)))
                    .count(),
                agenda: site
                    .regions
                    .iter()
                    .flat_map(|r| &r.agenda)
                    .filter(|a| tagged(&a.themes))
                    .count(),
            }
        })
        .collect();

    let all_points = || site.regions.iter().flat_map(|r| &r.agenda);
    let agenda_status = AgendaStatus::ALL
        .iter()
        .map(|s| (*s, all_points().filter(|a| a.status == *s).count()))
        .collect();

    let mut pending: Vec<AgendaRef> = site
        .regions
        .iter()
        .flat_map(|r| {
            r.agenda
                .iter()
                .enumerate()
                .filter_map(move |(index, a)| pending_ref(&r.slug, index, a))
        })
        .collect();
    pending.sort_by(|a, b| (a.due, &a.region, a.index).cmp(&(b.due, &b.region, b.index)));

    let disagreement = comparison
        .questionnaires
        .iter()
        .map(|q| {
            let mut themes: Vec<ThemeDisagreement> = q
                .themes
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let spreads: Vec<(&str, f64)> = q
                        .regions
                        .iter()
                        .filter_map(|r| r.themes[i].spread.map(|s| (r.region.as_str(), s)))
                        .collect();
                    // Regions are sorted by slug, so keeping the first of equal spreads picks
                    // the first slug.
                    let widest = spreads
                        .iter()
                        .fold(None::<(&str, f64)>, |best, &(slug, s)| match best {
                            Some((_, b)) if b >= s => best,
                            _ => Some((slug, s)),
                        })
                        .map(|(slug, s)| (slug.to_string(), s));
                    ThemeDisagreement {
                        theme: id.clone(),
                        mean_spread: mean(spreads.iter().map(|(_, s)| *s)),
                        regions: spreads.len(),
                        widest,
                    }
                })
                .collect();
            // A stable sort keeps theme order among equal spreads.
            themes.sort_by(|a, b| match (a.mean_spread, b.mean_spread) {
                (Some(a), Some(b)) => b.total_cmp(&a),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            QuestionnaireDisagreement {
                questionnaire: q.questionnaire.clone(),
                themes,
            }
        })
        .collect();

    National {
        stages,
        needs,
        agenda_status,
        pending,
        disagreement,
    }
}

fn pending_ref(region: &str, index: usize, a: &AgendaPoint) -> Option<AgendaRef> {
    let open = matches!(a.status, AgendaStatus::Open | AgendaStatus::Bezig);
    Some(AgendaRef {
        region: region.to_string(),
        index,
        due: a.due.filter(|_| open)?,
        status: a.status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{compare, tests as fixture};
    use crate::model::{AgendaPoint, Wish};

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a figure");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    fn point(due: Option<&str>, status: AgendaStatus, themes: &[&str]) -> AgendaPoint {
        AgendaPoint {
            extra: serde_json::Value::Null,
            title: "p".into(),
            owner: None,
            due: due.and_then(Date::parse),
            status,
            themes: themes.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn wish(themes: &[&str]) -> Wish {
        Wish {
            extra: serde_json::Value::Null,
            text: "w".into(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn overview() -> National {
        let mut regions = fixture::three_regions();
        regions[0].stage = Stage::Agenda;
        regions[1].stage = Stage::Quickscan;
        regions[2].stage = Stage::Quickscan;
        regions[0].wishes = vec![wish(&["doelen", "loket"]), wish(&["doelen"])];
        regions[1].wishes = vec![wish(&["loket"])];
        regions[0].agenda = vec![
            point(Some("2007-05-01"), AgendaStatus::Open, &["doelen"]),
            point(Some("2007-04-01"), AgendaStatus::Gereed, &["loket"]),
            point(None, AgendaStatus::Bezig, &["loket"]),
        ];
        regions[2].agenda = vec![
            point(Some("2007-06-01"), AgendaStatus::Bezig, &["doelen"]),
            point(Some("2007-01-01"), AgendaStatus::Vervallen, &[]),
        ];
        let site = fixture::site(regions);
        let c = compare(&site, &crate::analysis::mirrors(&site));
        national(&site, &c)
    }

    #[test]
    fn regions_are_counted_per_stage_in_process_order() {
        let n = overview();
        assert_eq!(n.stages.len(), 6);
        assert_eq!(n.stages[0], (Stage::Orientatie, vec![]));
        assert_eq!(
            n.stages[1],
            (Stage::Quickscan, vec!["bb".to_string(), "cc".to_string()])
        );
        assert_eq!(n.stages[3], (Stage::Agenda, vec!["aa".to_string()]));
    }

    #[test]
    fn wishes_and_agenda_points_are_counted_per_theme() {
        let n = overview();
        let doelen = &n.needs[0];
        assert_eq!((doelen.wishes, doelen.regions, doelen.agenda), (2, 1, 2));
        let loket = &n.needs[1];
        assert_eq!((loket.wishes, loket.regions, loket.agenda), (2, 2, 2));
        let leeg = &n.needs[2];
        assert_eq!((leeg.wishes, leeg.regions, leeg.agenda), (0, 0, 0));
    }

    #[test]
    fn agenda_totals_and_overdue_points_follow_today() {
        let n = overview();
        let counts: Vec<usize> = n.agenda_status.iter().map(|(_, c)| *c).collect();
        assert_eq!(counts, [1, 2, 1, 1]);
        assert_eq!(n.agenda_total(), 5);
        // Pending with a due date: aa#0 (open, 1 May) and cc#0 (bezig, 1 June); gereed,
        // vervallen and the point without a date never count.
        assert_eq!(n.pending.len(), 2);
        let on = |d| n.overdue(Date::parse(d));
        assert!(on("2007-05-01").is_empty(), "due today is not overdue");
        let late: Vec<_> = on("2007-05-02")
            .iter()
            .map(|a| (a.region.clone(), a.index))
            .collect();
        assert_eq!(late, [("aa".to_string(), 0)]);
        assert_eq!(on("2008-01-01").len(), 2);
        assert!(n.overdue(None).is_empty());
    }

    #[test]
    fn themes_are_sorted_by_mean_spread_over_regions() {
        let n = overview();
        let q = &n.disagreement[0];
        let order: Vec<_> = q.themes.iter().map(|t| t.theme.as_str()).collect();
        // doelen: spreads aa 1, bb 3.5, cc 0 → mean 1.5; loket and leeg have no spread.
        assert_eq!(order, ["doelen", "loket", "leeg"]);
        close(q.themes[0].mean_spread, 1.5);
        assert_eq!(q.themes[0].regions, 3);
        assert_eq!(q.themes[0].widest, Some(("bb".to_string(), 3.5)));
        assert_eq!(q.themes[1].mean_spread, None);
        assert_eq!(q.themes[1].widest, None);
    }
}
