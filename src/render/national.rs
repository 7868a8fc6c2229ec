//! national: [`National`] + [`Comparison`] → the national overview's view data (`landelijk/`) and
//! its downloads `landelijk/landelijk.csv` and `landelijk/landelijk.json`.
//!
//! The page, the CSV and the JSON are all written from one [`NationalView`], so the downloads
//! hold exactly the figures the page shows (rounded to one decimal, as shown).
//!
//! The CSV follows the region downloads' conventions (see [`downloads`]: Excel in the site's
//! language, UTF-8 with a byte-order mark, CRLF). It holds the page's tables one after another,
//! each under a title line and a header row, separated by an empty line.

use serde::Serialize;
use serde_json::json;

use crate::analysis::Analysis;
use crate::config::Language;
use crate::model::Date;
use crate::render::views::{Link, Lookup};
use crate::render::{downloads, i18n};
use crate::urls;

/// Site path of the CSV download.
pub const CSV_PATH: &str = "landelijk/landelijk.csv";
/// Site path of the JSON download.
pub const JSON_PATH: &str = "landelijk/landelijk.json";

/// A figure as shown (rounded to one decimal) and as text in the site's language.
#[derive(Debug, Clone, Serialize)]
pub struct Num {
    /// "3,2" (or "–" when there is none).
    pub text: String,
    /// The shown figure, rounded to one decimal.
    pub value: Option<f64>,
    /// Where the figure sits on the questionnaire's scale, 0–100 (for drawing).
    pub pct: f64,
}

/// The national overview page.
#[derive(Debug, Serialize)]
pub struct NationalView {
    /// Regions per stage, every stage in process order.
    pub stages: Vec<StageRow>,
    /// One-sentence summary of the stages.
    pub stages_summary: String,
    /// Number of regions.
    pub region_count: usize,
    /// Themes by what the regions ask for, most wishes first.
    pub needs: Vec<NeedRow>,
    /// One-sentence summary of the needs.
    pub needs_summary: String,
    /// Agenda points per status.
    pub statuses: Vec<StatusRow>,
    /// All agenda points.
    pub agenda_total: usize,
    /// One-sentence summary of the agenda.
    pub agenda_summary: String,
    /// The date overdue is measured against, formatted; `None` without one.
    pub today: Option<String>,
    /// ISO form of `today`.
    pub today_iso: Option<String>,
    /// Overdue agenda points, by due date.
    pub overdue: Vec<OverdueRow>,
    /// Per questionnaire: national mean and distribution, and disagreement.
    pub questionnaires: Vec<NationalBlock>,
    /// Href of the CSV download, relative to the page.
    pub csv_href: &'static str,
    /// Href of the JSON download, relative to the page.
    pub json_href: &'static str,
}

/// Regions in one stage.
#[derive(Debug, Serialize)]
pub struct StageRow {
    /// Stage id.
    pub id: &'static str,
    /// Stage label.
    pub label: String,
    /// Number of regions.
    pub count: usize,
    /// Share of all regions, 0–100 (bar width).
    pub pct: f64,
    /// The regions, by name.
    pub regions: Vec<Link>,
}

/// What the regions ask for on one theme.
#[derive(Debug, Serialize)]
pub struct NeedRow {
    /// The theme.
    pub theme: Link,
    /// Theme id.
    pub id: String,
    /// Wishes on the theme.
    pub wishes: usize,
    /// Bar width for wishes, 0–100 of the largest count.
    pub wishes_pct: f64,
    /// Regions with such a wish.
    pub regions: usize,
    /// Agenda points on the theme.
    pub agenda: usize,
    /// Bar width for agenda points, 0–100 of the largest count.
    pub agenda_pct: f64,
}

/// Agenda points with one status.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    /// Status id.
    pub id: &'static str,
    /// Status label.
    pub label: String,
    /// Count.
    pub count: usize,
    /// Share of all points, 0–100.
    pub pct: f64,
}

/// An overdue agenda point.
#[derive(Debug, Serialize)]
pub struct OverdueRow {
    /// The region.
    pub region: Link,
    /// Title of the point.
    pub title: String,
    /// Owner's name (empty when none).
    pub owner: String,
    /// Due date, formatted.
    pub due: String,
    /// ISO due date.
    pub due_iso: String,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
}

/// The national figures of one questionnaire.
#[derive(Debug, Serialize)]
pub struct NationalBlock {
    /// Questionnaire id.
    pub id: String,
    /// Title.
    pub title: String,
    /// "1–5".
    pub scale: String,
    /// Tick marks of the scale axis (whole points), with their position 0–100.
    pub ticks: Vec<Tick>,
    /// Per theme in definition order: national mean and distribution.
    pub scores: Vec<ScoreRow>,
    /// One-sentence summary of the scores.
    pub scores_summary: String,
    /// Themes by mean spread, largest first.
    pub disagreement: Vec<DisagreementRow>,
    /// One-sentence summary of the disagreement.
    pub disagreement_summary: String,
}

/// A tick on a scale axis.
#[derive(Debug, Serialize)]
pub struct Tick {
    /// Label.
    pub label: String,
    /// Position, 0–100.
    pub pct: f64,
}

/// The national mean and distribution of one theme.
#[derive(Debug, Serialize)]
pub struct ScoreRow {
    /// The theme.
    pub theme: Link,
    /// Theme id.
    pub id: String,
    /// The theme id as a slug, for HTML ids ([`urls::theme_slug`]).
    pub anchor: String,
    /// Mean of the region means.
    pub mean: Num,
    /// Lowest region mean.
    pub min: Num,
    /// First quartile.
    pub q1: Num,
    /// Median.
    pub median: Num,
    /// Third quartile.
    pub q3: Num,
    /// Highest region mean.
    pub max: Num,
    /// Regions with a mean.
    pub regions: usize,
    /// Text alternative of the row's box plot.
    pub label: String,
}

/// How much partners disagree on one theme across the country.
#[derive(Debug, Serialize)]
pub struct DisagreementRow {
    /// The theme.
    pub theme: Link,
    /// Theme id.
    pub id: String,
    /// Mean spread over regions; `pct` is of the largest possible spread (the scale's width).
    pub mean_spread: Num,
    /// Regions with a spread.
    pub regions: usize,
    /// Largest spread of one region.
    pub widest: Num,
    /// The region with the largest spread.
    pub widest_region: Option<Link>,
}

/// `v` to one decimal, as [`i18n::tenths`] rounds it for the page.
fn round1(v: f64) -> f64 {
    i18n::tenths(v).map_or(v, |t| t as f64 / 10.0)
}

fn num(lang: Language, v: Option<f64>, min: f64, max: f64) -> Num {
    let width = max - min;
    Num {
        text: v.map_or_else(|| "–".into(), |v| i18n::decimal(lang, v)),
        value: v.map(round1),
        pct: match v {
            Some(v) if width > 0.0 => ((v - min) / width * 100.0).clamp(0.0, 100.0),
            _ => 0.0,
        },
    }
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64 * 100.0
    }
}

fn fill(template: impl AsRef<str>, pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .fold(template.as_ref().to_string(), |s, (k, v)| s.replace(k, v))
}

/// Builds the national overview view from the analysis' national overview and comparison.
pub fn view(l: &Lookup, analysis: &Analysis, today: Option<Date>) -> NationalView {
    let (national, comparison) = (&analysis.national, &analysis.comparison);
    let lang = l.fmt.language;
    let t = |key: &str| i18n::text(lang, key).to_string();
    let site = l.site;
    let region_link = |slug: &str| Link {
        title: site
            .region(slug)
            .map_or_else(|| slug.to_string(), |r| r.name.clone()),
        href: urls::href(&urls::region(slug)),
    };
    let theme_link = |id: &str| Link {
        title: l.theme_titles.get(id).copied().unwrap_or(id).to_string(),
        href: urls::href(&urls::theme(id)),
    };

    let region_count = site.regions.len();
    let stages: Vec<StageRow> = national
        .stages
        .iter()
        .map(|(stage, slugs)| {
            let mut regions: Vec<Link> = slugs.iter().map(|s| region_link(s)).collect();
            regions.sort_by(|a, b| a.title.cmp(&b.title));
            StageRow {
                id: stage.id(),
                label: t(&format!("stage.{}", stage.id())).to_string(),
                count: slugs.len(),
                pct: pct(slugs.len(), region_count),
                regions,
            }
        })
        .collect();
    let busiest = stages.iter().fold(None::<&StageRow>, |b, s| match b {
        Some(b) if b.count >= s.count => Some(b),
        _ if s.count > 0 => Some(s),
        _ => b,
    });
    let stages_summary = match busiest {
        Some(s) => fill(
            t("national_stages_summary"),
            &[
                ("{regions}", region_count.to_string()),
                ("{count}", s.count.to_string()),
                ("{stage}", s.label.clone()),
            ],
        ),
        None => t("national_no_regions").to_string(),
    };

    let max_wishes = national.needs.iter().map(|n| n.wishes).max().unwrap_or(0);
    let max_agenda = national.needs.iter().map(|n| n.agenda).max().unwrap_or(0);
    let mut needs: Vec<NeedRow> = national
        .needs
        .iter()
        .map(|n| NeedRow {
            theme: theme_link(&n.theme),
            id: n.theme.clone(),
            wishes: n.wishes,
            wishes_pct: pct(n.wishes, max_wishes),
            regions: n.regions,
            agenda: n.agenda,
            agenda_pct: pct(n.agenda, max_agenda),
        })
        .collect();
    // Stable: equal counts keep the themes' own order.
    needs.sort_by(|a, b| b.wishes.cmp(&a.wishes).then(b.agenda.cmp(&a.agenda)));
    let needs_summary = match needs.first() {
        Some(n) if n.wishes > 0 => fill(
            t("national_needs_summary"),
            &[
                ("{theme}", n.theme.title.clone()),
                ("{wishes}", n.wishes.to_string()),
                ("{regions}", n.regions.to_string()),
            ],
        ),
        _ => t("national_needs_none").to_string(),
    };

    let agenda_total = national.agenda_total();
    let statuses: Vec<StatusRow> = national
        .agenda_status
        .iter()
        .map(|(s, count)| StatusRow {
            id: s.id(),
            label: t(&format!("status.{}", s.id())).to_string(),
            count: *count,
            pct: pct(*count, agenda_total),
        })
        .collect();
    let overdue: Vec<OverdueRow> = national
        .overdue(today)
        .into_iter()
        .filter_map(|a| {
            let region = site.region(&a.region)?;
            let point = region.agenda.get(a.index)?;
            Some(OverdueRow {
                region: region_link(&a.region),
                title: point.title.clone(),
                owner: point
                    .owner
                    .as_deref()
                    .map(|o| region.partner(o).map_or(o, |p| p.name.as_str()).to_string())
                    .unwrap_or_default(),
                due: i18n::date(lang, a.due),
                due_iso: a.due.to_string(),
                status: t(&format!("status.{}", a.status.id())).to_string(),
                status_id: a.status.id(),
            })
        })
        .collect();
    let count_of = |id: &str| statuses.iter().find(|s| s.id == id).map_or(0, |s| s.count);
    let agenda_summary = if agenda_total == 0 {
        t("national_agenda_none").to_string()
    } else {
        fill(
            t("national_agenda_summary"),
            &[
                ("{total}", agenda_total.to_string()),
                ("{gereed}", count_of("gereed").to_string()),
                ("{bezig}", count_of("bezig").to_string()),
                ("{open}", count_of("open").to_string()),
                ("{vervallen}", count_of("vervallen").to_string()),
                ("{overdue}", overdue.len().to_string()),
            ],
        )
    };

    let questionnaires = comparison
        .questionnaires
        .iter()
        .filter_map(|q| {
            let questionnaire = site.questionnaire(&q.questionnaire)?;
            let (min, max) = (questionnaire.scale.min, questionnaire.scale.max);
            let n = |v: Option<f64>| num(lang, v, min, max);
            let scores: Vec<ScoreRow> = q
                .national
                .iter()
                .map(|d| {
                    let row = ScoreRow {
                        theme: theme_link(&d.theme),
                        id: d.theme.clone(),
                        anchor: urls::theme_slug(&d.theme).into_owned(),
                        mean: n(d.mean),
                        min: n(d.min),
                        q1: n(d.q1),
                        median: n(d.median),
                        q3: n(d.q3),
                        max: n(d.max),
                        regions: d.regions,
                        label: String::new(),
                    };
                    let label = if d.regions == 0 {
                        t("national_no_scores").to_string()
                    } else {
                        fill(
                            t("national_box_label"),
                            &[
                                ("{theme}", row.theme.title.clone()),
                                ("{min}", row.min.text.clone()),
                                ("{q1}", row.q1.text.clone()),
                                ("{median}", row.median.text.clone()),
                                ("{q3}", row.q3.text.clone()),
                                ("{max}", row.max.text.clone()),
                                ("{mean}", row.mean.text.clone()),
                            ],
                        )
                    };
                    ScoreRow { label, ..row }
                })
                .collect();
            let scored: Vec<&ScoreRow> = scores.iter().filter(|s| s.mean.value.is_some()).collect();
            let pick = |higher: bool| {
                scored
                    .iter()
                    .copied()
                    .fold(None::<&ScoreRow>, |b, s| match b {
                        Some(b) => {
                            let (bv, sv) = (b.mean.value, s.mean.value);
                            if (higher && sv > bv) || (!higher && sv < bv) {
                                Some(s)
                            } else {
                                Some(b)
                            }
                        }
                        None => Some(s),
                    })
            };
            let scores_summary = match (pick(true), pick(false)) {
                (Some(h), Some(lo)) => fill(
                    t("national_scores_summary"),
                    &[
                        ("{high}", h.theme.title.clone()),
                        ("{high_value}", h.mean.text.clone()),
                        ("{low}", lo.theme.title.clone()),
                        ("{low_value}", lo.mean.text.clone()),
                    ],
                ),
                _ => t("national_no_scores").to_string(),
            };
            let disagreement: Vec<DisagreementRow> = national
                .disagreement
                .iter()
                .find(|d| d.questionnaire == q.questionnaire)
                .map(|d| {
                    d.themes
                        .iter()
                        .map(|th| DisagreementRow {
                            theme: theme_link(&th.theme),
                            id: th.theme.clone(),
                            // A spread runs from 0 to the scale's width.
                            mean_spread: num(lang, th.mean_spread, 0.0, max - min),
                            regions: th.regions,
                            widest: num(lang, th.widest.as_ref().map(|w| w.1), 0.0, max - min),
                            widest_region: th.widest.as_ref().map(|w| region_link(&w.0)),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let disagreement_summary = match disagreement.first() {
                // The widest mean spread at 0,0 is no theme the partners differ on.
                Some(d) if d.mean_spread.value.is_some_and(|v| !i18n::shows_as_zero(v)) => fill(
                    t("national_disagreement_summary"),
                    &[
                        ("{theme}", d.theme.title.clone()),
                        ("{spread}", d.mean_spread.text.clone()),
                        ("{regions}", d.regions.to_string()),
                    ],
                ),
                Some(d) if d.mean_spread.value.is_some() => {
                    t("national_disagreement_zero").to_string()
                }
                _ => t("national_disagreement_none").to_string(),
            };
            let ticks = scale_ticks(min, max)
                .into_iter()
                .map(|v| Tick {
                    label: format!("{}", v as i64),
                    pct: (v - min) / (max - min).max(f64::MIN_POSITIVE) * 100.0,
                })
                .collect();
            Some(NationalBlock {
                id: q.questionnaire.clone(),
                title: questionnaire.title.clone(),
                scale: format!("{}–{}", min, max).replace('.', ","),
                ticks,
                scores,
                scores_summary,
                disagreement,
                disagreement_summary,
            })
        })
        .collect();

    NationalView {
        stages,
        stages_summary,
        region_count,
        needs,
        needs_summary,
        statuses,
        agenda_total,
        agenda_summary,
        today: today.map(|d| i18n::date(lang, d)),
        today_iso: today.map(|d| d.to_string()),
        overdue,
        questionnaires,
        csv_href: "landelijk.csv",
        json_href: "landelijk.json",
    }
}

// ---- downloads ----

/// A figure as a CSV cell in the site's language; empty when there is none.
fn csv_num(n: &Num, language: Language) -> String {
    n.value
        .map(|v| i18n::decimal(language, v))
        .unwrap_or_default()
}

/// Rows of CSV cells, written out by [`downloads::csv`].
struct Csv(Vec<Vec<String>>);

impl Csv {
    fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        self.0
            .push(fields.iter().map(|f| f.as_ref().to_string()).collect());
    }
}

/// `landelijk.csv`: the page's tables one after another (see the module docs for the format).
pub fn csv(view: &NationalView, language: Language) -> Vec<u8> {
    let t = |key: &str| i18n::text(language, key).to_string();
    let mut c = Csv(Vec::new());
    c.row(&[t("national_stages_title")]);
    c.row(&[t("stage"), t("national_region_count"), t("regions")]);
    for s in &view.stages {
        let names: Vec<&str> = s.regions.iter().map(|r| r.title.as_str()).collect();
        c.row(&[s.label.clone(), s.count.to_string(), names.join(", ")]);
    }
    c.row::<&str>(&[]);
    c.row(&[t("national_needs_title")]);
    c.row(&[
        t("theme"),
        t("national_wishes"),
        t("national_wish_regions"),
        t("national_agenda_points"),
    ]);
    for n in &view.needs {
        c.row(&[
            n.theme.title.clone(),
            n.wishes.to_string(),
            n.regions.to_string(),
            n.agenda.to_string(),
        ]);
    }
    c.row::<&str>(&[]);
    c.row(&[t("national_agenda_title")]);
    c.row(&[t("status"), t("national_count")]);
    for s in &view.statuses {
        c.row(&[s.label.clone(), s.count.to_string()]);
    }
    c.row(&[
        t("national_total").to_string(),
        view.agenda_total.to_string(),
    ]);
    c.row::<&str>(&[]);
    let overdue_title = match &view.today {
        Some(d) => format!(
            "{} ({} {d})",
            t("national_overdue_title"),
            t("national_on_date")
        ),
        None => t("national_overdue_title").to_string(),
    };
    c.row(&[overdue_title]);
    c.row(&[
        t("region"),
        t("agenda_point"),
        t("owner"),
        t("due"),
        t("status"),
    ]);
    for o in &view.overdue {
        c.row(&[
            o.region.title.as_str(),
            &o.title,
            &o.owner,
            &o.due_iso,
            &o.status,
        ]);
    }
    for q in &view.questionnaires {
        c.row::<&str>(&[]);
        c.row(&[format!("{} – {}", t("national_scores_title"), q.title)]);
        c.row(&[
            t("theme"),
            t("national_mean"),
            t("national_min"),
            t("national_q1"),
            t("national_median"),
            t("national_q3"),
            t("national_max"),
            t("national_region_count"),
        ]);
        for s in &q.scores {
            c.row(&[
                s.theme.title.clone(),
                csv_num(&s.mean, language),
                csv_num(&s.min, language),
                csv_num(&s.q1, language),
                csv_num(&s.median, language),
                csv_num(&s.q3, language),
                csv_num(&s.max, language),
                s.regions.to_string(),
            ]);
        }
        c.row::<&str>(&[]);
        c.row(&[format!(
            "{} – {}",
            t("national_disagreement_title"),
            q.title
        )]);
        c.row(&[
            t("theme"),
            t("national_mean_spread"),
            t("national_region_count"),
            t("national_widest"),
            t("national_widest_region"),
        ]);
        for d in &q.disagreement {
            c.row(&[
                d.theme.title.clone(),
                csv_num(&d.mean_spread, language),
                d.regions.to_string(),
                csv_num(&d.widest, language),
                d.widest_region
                    .as_ref()
                    .map(|r| r.title.clone())
                    .unwrap_or_default(),
            ]);
        }
    }
    downloads::csv(&c.0, language)
}

/// `landelijk.json`: the same figures with stable ids, numbers rounded as shown, ISO dates.
pub fn json(view: &NationalView) -> Vec<u8> {
    let data = json!({
        "regions": view.region_count,
        "stages": view.stages.iter().map(|s| json!({
            "stage": s.id,
            "count": s.count,
            "regions": s.regions.iter().map(|r| &r.title).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "needs": view.needs.iter().map(|n| json!({
            "theme": n.id,
            "title": n.theme.title,
            "wishes": n.wishes,
            "regions_with_wish": n.regions,
            "agenda_points": n.agenda,
        })).collect::<Vec<_>>(),
        "agenda": {
            "total": view.agenda_total,
            "by_status": view.statuses.iter().map(|s| (s.id.to_string(), json!(s.count))).collect::<serde_json::Map<_, _>>(),
            "overdue_on": view.today_iso,
            "overdue": view.overdue.iter().map(|o| json!({
                "region": o.region.title,
                "title": o.title,
                "owner": o.owner,
                "due": o.due_iso,
                "status": o.status_id,
            })).collect::<Vec<_>>(),
        },
        "questionnaires": view.questionnaires.iter().map(|q| json!({
            "questionnaire": q.id,
            "title": q.title,
            "scores": q.scores.iter().map(|s| json!({
                "theme": s.id,
                "title": s.theme.title,
                "mean": s.mean.value,
                "min": s.min.value,
                "q1": s.q1.value,
                "median": s.median.value,
                "q3": s.q3.value,
                "max": s.max.value,
                "regions": s.regions,
            })).collect::<Vec<_>>(),
            "disagreement": q.disagreement.iter().map(|d| json!({
                "theme": d.id,
                "title": d.theme.title,
                "mean_spread": d.mean_spread.value,
                "regions": d.regions,
                "widest_spread": d.widest.value,
                "widest_region": d.widest_region.as_ref().map(|r| &r.title),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    // Pretty-printed: people open this file too. A `Value` always serialises.
    let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// The whole numbers of the scale `min`–`max` to mark on its axis: every one on a scale of up
/// to ten points (1–5, 0–10), else every 2nd, 5th, 10th, 20th, … so that at most eleven are
/// marked, as the charts split their axes.
fn scale_ticks(min: f64, max: f64) -> Vec<f64> {
    let span = max - min;
    if !span.is_finite() || span <= 0.0 {
        return Vec::new();
    }
    let mut step = 1.0_f64;
    for factor in [2.0, 2.5, 2.0].iter().cycle() {
        if span / step <= 10.0 {
            break;
        }
        step *= factor;
    }
    let first = (min / step).ceil() * step;
    let count = ((max - first) / step).floor() as usize;
    (0..=count).map(|i| first + step * i as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_ticks_mark_every_point_of_small_scales_and_at_most_eleven_otherwise() {
        assert_eq!(scale_ticks(1.0, 5.0), [1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(scale_ticks(0.0, 10.0).len(), 11);
        assert_eq!(
            scale_ticks(1.0, 20.0),
            [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
        );
        assert_eq!(
            scale_ticks(0.0, 100.0),
            (0..=10).map(|i| f64::from(i) * 10.0).collect::<Vec<_>>()
        );
        assert!((5..=11).contains(&scale_ticks(0.0, 1e308).len()));
        assert!(scale_ticks(0.0, f64::INFINITY).is_empty());
    }

    #[test]
    fn csv_numbers_follow_the_site_language() {
        let n = num(Language::En, Some(3.25), 1.0, 5.0);
        assert_eq!(n.text, "3.3");
        assert_eq!(csv_num(&n, Language::En), "3.3");
        assert_eq!(csv_num(&n, Language::Nl), "3,3");
        assert_eq!(n.value, Some(3.3));
        assert!((n.pct - 56.25).abs() < 1e-9);
        assert_eq!(
            csv_num(&num(Language::Nl, None, 1.0, 5.0), Language::Nl),
            ""
        );
    }

    #[test]
    fn csv_rows_end_in_crlf() {
        let mut c = Csv(Vec::new());
        c.row(&["a", "b;c"]);
        c.row::<&str>(&[]);
        assert_eq!(
            downloads::csv(&c.0, Language::Nl),
            "\u{feff}a;\"b;c\"\r\n\r\n".as_bytes()
        );
    }
}
