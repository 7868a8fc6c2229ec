//! compare: every region's latest round → one figure per region and theme (the mean over the
//! region's partners and their spread), plus the national reference per theme. Pure, no I/O.
//!
//! The national mean of a theme is the plain mean of the region means, each region counted once
//! however many partners or respondents it has: the comparison is between regions, so a large
//! region must not outweigh a small one. The compare and national pages say so in words.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Mirror;
use crate::model::{Date, Site};

/// The comparison of all regions, one block per questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// One block per questionnaire that at least one region has results for, in questionnaire
    /// id order.
    pub questionnaires: Vec<QuestionnaireComparison>,
}

impl Comparison {
    /// Looks up a questionnaire's block by id.
    pub fn questionnaire(&self, id: &str) -> Option<&QuestionnaireComparison> {
        self.questionnaires.iter().find(|q| q.questionnaire == id)
    }
}

/// All regions side by side for one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionnaireComparison {
    /// Questionnaire id.
    pub questionnaire: String,
    /// The questionnaire's theme ids, in definition order; every list of figures below follows
    /// this order.
    pub themes: Vec<String>,
    /// The regions with at least one round of this questionnaire, by slug.
    pub regions: Vec<RegionScores>,
    /// The national reference per theme, in [`Self::themes`] order.
    pub national: Vec<Distribution>,
}

/// One region's figures in its latest round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionScores {
    /// Region slug.
    pub region: String,
    /// Date of the round the figures come from (the latest).
    pub date: Date,
    /// Per theme, in the questionnaire's theme order.
    pub themes: Vec<RegionTheme>,
}

/// One region's figure for one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionTheme {
    /// Theme id.
    pub theme: String,
    /// Plain mean of the partner theme means that exist; `None` when no partner answered.
    pub mean: Option<f64>,
    /// Highest minus lowest partner mean (the mirror's spread); `None` below two partners.
    pub spread: Option<f64>,
    /// How many partners have a mean (the `mean` is over these).
    pub partners: usize,
}

/// How a set of region figures for one theme is spread across the country.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Distribution {
    /// Theme id.
    pub theme: String,
    /// How many regions have a figure.
    pub regions: usize,
    /// Plain mean of the region figures; `None` when no region has one.
    pub mean: Option<f64>,
    /// Lowest region figure.
    pub min: Option<f64>,
    /// First quartile (see [`quantile`]).
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
    /// Highest region figure.
    pub max: Option<f64>,
}

impl Distribution {
    /// The distribution of `values` (in any order) for `theme`.
    pub fn of(theme: &str, values: impl IntoIterator<Item = f64>) -> Distribution {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        Distribution {
            theme: theme.to_string(),
            regions: sorted.len(),
            mean: mean(sorted.iter().copied()),
            min: sorted.first().copied(),
            q1: quantile(&sorted, 0.25),
            median: quantile(&sorted, 0.5),
            q3: quantile(&sorted, 0.75),
            max: sorted.last().copied(),
        }
    }
}

/// The `p`-quantile of sorted values by linear interpolation between closest ranks (the
/// "inclusive" method of spreadsheets' `QUARTILE.INC`, R's type 7): position `p × (n − 1)` in the
/// sorted list, interpolated. Chosen because the programme checks figures in Excel, where this
/// is what `KWARTIEL` gives. `None` for an empty list.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = p.clamp(0.0, 1.0) * last as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(last);
    let fraction = position - below as f64;
    Some(sorted[below] + (sorted[above] - sorted[below]) * fraction)
}

/// Plain mean; `None` for no values.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (count > 0).then(|| sum / count as f64)
}

/// Compares every region's latest round, per questionnaire.
pub fn compare(site: &Site, mirrors: &BTreeMap<String, Vec<Mirror>>) -> Comparison {
    let mut questionnaires: Vec<_> = site.questionnaires.iter().collect();
    questionnaires.sort_by(|a, b| a.id.cmp(&b.id));
    let blocks = questionnaires
        .into_iter()
        .filter_map(|q| {
            let themes: Vec<String> = q.themes.iter().map(|t| t.id.clone()).collect();
            // `mirrors` is a BTreeMap by slug, so the regions come out sorted by slug.
            let regions: Vec<RegionScores> = mirrors
                .iter()
                .filter_map(|(slug, list)| {
                    let m = list.iter().find(|m| m.questionnaire == q.id)?;
                    let now = m.now();
                    Some(RegionScores {
                        region: slug.clone(),
                        date: now.date,
                        themes: themes
                            .iter()
                            .map(|id| {
                                let tm = now.theme(id);
                                let means: Vec<f64> = tm
                                    .map(|t| t.partners.iter().filter_map(|p| p.now).collect())
                                    .unwrap_or_default();
                                RegionTheme {
                                    theme: id.clone(),
                                    mean: mean(means.iter().copied()),
                                    spread: tm.and_then(|t| t.spread),
                                    partners: means.len(),
                                }
                            })
                            .collect(),
                    })
                })
                .collect();
            if regions.is_empty() {
                return None;
            }
            let national = themes
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    Distribution::of(id, regions.iter().filter_map(|r| r.themes[i].mean))
                })
                .collect();
            Some(QuestionnaireComparison {
                questionnaire: q.id.clone(),
                themes,
                regions,
                national,
            })
        })
        .collect();
    Comparison {
        questionnaires: blocks,
    }
}

#[cfg(test)]
pub(in crate::analysis) mod tests {
    use super::*;
    use crate::analysis::mirror::tests::{quickscan, region, response, round, Answers};
    use crate::config::Config;
    use crate::model::Region;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a figure");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    pub(in crate::analysis) fn site(regions: Vec<Region>) -> Site {
        Site {
            config: Config::default(),
            home: None,
            questionnaires: vec![quickscan()],
            regions,
            notes: Vec::new(),
            practices: Vec::new(),
            pages: Vec::new(),
            ..Site::default()
        }
    }

    /// Three regions. Partner theme means on `doelen` (questions doelen-1, doelen-2):
    /// - aa: cwi (2+4)/2 = 3, uwv 4 → mean 3.5, spread 1; loket: uwv 2 → mean 2, no spread.
    /// - bb: cwi 1, uwv 2, gemeente 4.5 → mean 2.5, spread 3.5.
    /// - cc: an old round (ignored) and a latest one with cwi 5, uwv 5 → mean 5, spread 0.
    pub(in crate::analysis) fn three_regions() -> Vec<Region> {
        let mut aa = region(vec![round(
            "aa.toml",
            "2007-01-01",
            vec![
                response("cwi", 1)
                    .score("doelen-1", 2.0)
                    .score("doelen-2", 4.0),
                response("uwv", 5)
                    .score("doelen-1", 4.0)
                    .score("loket-1", 2.0),
            ],
        )]);
        aa.slug = "aa".into();
        aa.name = "Aa".into();
        let mut bb = region(vec![round(
            "bb.toml",
            "2007-02-01",
            vec![
                response("cwi", 1).score("doelen-1", 1.0),
                response("uwv", 1).score("doelen-2", 2.0),
                response("gemeente", 1).score("doelen-1", 4.5),
            ],
        )]);
        bb.slug = "bb".into();
        bb.name = "Bb".into();
        let mut cc = region(vec![
            round(
                "cc-1.toml",
                "2006-01-01",
                vec![response("cwi", 1).score("doelen-1", 1.0)],
            ),
            round(
                "cc-2.toml",
                "2007-03-01",
                vec![
                    response("cwi", 1).score("doelen-1", 5.0),
                    response("uwv", 1).score("doelen-1", 5.0),
                ],
            ),
        ]);
        cc.slug = "cc".into();
        cc.name = "Cc".into();
        vec![aa, bb, cc]
    }

    fn comparison() -> Comparison {
        let site = site(three_regions());
        let mirrors = crate::analysis::mirrors(&site);
        compare(&site, &mirrors)
    }

    #[test]
    fn region_mean_is_the_plain_mean_of_partner_means_from_the_latest_round() {
        let c = comparison();
        let q = c.questionnaire("quickscan").unwrap();
        assert_eq!(q.themes, ["doelen", "loket", "leeg"]);
        let slugs: Vec<_> = q.regions.iter().map(|r| r.region.as_str()).collect();
        assert_eq!(slugs, ["aa", "bb", "cc"]);
        let aa = &q.regions[0];
        close(aa.themes[0].mean, 3.5);
        close(aa.themes[0].spread, 1.0);
        assert_eq!(aa.themes[0].partners, 2);
        close(aa.themes[1].mean, 2.0);
        assert_eq!(aa.themes[1].spread, None);
        assert_eq!(aa.themes[2].mean, None);
        close(q.regions[1].themes[0].mean, 2.5);
        close(q.regions[1].themes[0].spread, 3.5);
        // cc's older round (cwi 1) plays no part.
        assert_eq!(q.regions[2].date.to_string(), "2007-03-01");
        close(q.regions[2].themes[0].mean, 5.0);
        close(q.regions[2].themes[0].spread, 0.0);
    }

    #[test]
    fn national_mean_counts_each_region_once() {
        let c = comparison();
        let doelen = &c.questionnaires[0].national[0];
        // (3.5 + 2.5 + 5) / 3 = 3.666…
        assert_eq!(doelen.regions, 3);
        close(doelen.mean, 11.0 / 3.0);
        close(doelen.min, 2.5);
        close(doelen.median, 3.5);
        close(doelen.max, 5.0);
        // Sorted 2.5, 3.5, 5: q1 at position 0.5 → 3.0; q3 at 1.5 → 4.25.
        close(doelen.q1, 3.0);
        close(doelen.q3, 4.25);
        let loket = &c.questionnaires[0].national[1];
        assert_eq!(loket.regions, 1);
        close(loket.mean, 2.0);
        let leeg = &c.questionnaires[0].national[2];
        assert_eq!(leeg.regions, 0);
        assert_eq!(leeg.mean, None);
        assert_eq!(leeg.median, None);
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0];
        close(quantile(&v, 0.25), 1.75);
        close(quantile(&v, 0.5), 2.5);
        close(quantile(&v, 0.75), 3.25);
        close(quantile(&[2.0], 0.25), 2.0);
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn questionnaires_nobody_answered_are_left_out() {
        let site = site(Vec::new());
        let c = compare(&site, &crate::analysis::mirrors(&site));
        assert!(c.questionnaires.is_empty());
    }
}
