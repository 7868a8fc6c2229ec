//! region_charts: one region's [`Mirror`] → the charts and the divergence list of its region
//! page. Built once per region while its page view is built (never per page view or per
//! template call), so each SVG is drawn once per build.
//!
//! The figures behind every chart are in the region page's existing tables (scores per theme,
//! management vs employees, change); each chart names the table it belongs to.

use serde::Serialize;

use crate::analysis::{Mirror, RoundMirror};
use crate::model::{AgendaStatus, Questionnaire, Region};
use crate::render::charts::{self, LegendEntry, SeriesData};
use crate::render::i18n;
use crate::render::views::Fmt;
use crate::urls;

/// How many of the most divergent themes are proposed as workshop agenda points.
pub const PROPOSALS: usize = 3;

/// One chart, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Title (also the SVG's `<title>`).
    pub title: String,
    /// One sentence made from the data (also the SVG's `<desc>`).
    pub summary: String,
    /// The SVG markup, generated here (the template may mark it safe: every content string in
    /// it went through charts-rs's XML escaping).
    pub svg: String,
}

/// Every chart of one questionnaire's mirror, and where the partners differ most.
#[derive(Debug, Clone, Serialize)]
pub struct MirrorCharts {
    /// How each partner is drawn (colour, dash, marker) in the radar charts.
    pub legend: Vec<LegendEntry>,
    /// One radar per round, oldest first.
    pub radars: Vec<ChartView>,
    /// Now vs desired, one chart per partner that answered.
    pub gaps: Vec<ChartView>,
    /// Management vs employees, one chart per partner where two or more roles answered.
    pub roles: Vec<ChartView>,
    /// Previous vs latest round, one chart per partner that answered in both.
    pub changes: Vec<ChartView>,
    /// Themes and questions by spread, and the proposed agenda points.
    pub divergence: Divergence,
}

/// Where the partners differ most, in the latest round.
#[derive(Debug, Clone, Serialize)]
pub struct Divergence {
    /// One sentence.
    pub summary: String,
    /// Scale questions with a spread, largest first.
    pub questions: Vec<QuestionSpread>,
    /// The [`PROPOSALS`] themes with the largest spread, as candidate agenda points.
    pub proposals: Vec<Proposal>,
}

/// A question and its spread.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionSpread {
    /// Question text.
    pub text: String,
    /// Its theme's title.
    pub theme: String,
    /// Theme href.
    pub href: String,
    /// Spread, formatted.
    pub spread: String,
    /// Each partner's mean, formatted (in the region's partner order, "–" for no answer).
    pub partners: Vec<String>,
}

/// A suggested agenda point: a theme the partners disagree on.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    /// Theme title.
    pub theme: String,
    /// Theme href.
    pub href: String,
    /// Spread, formatted.
    pub spread: String,
    /// The theme's question with the largest spread, to start the conversation with.
    pub question: Option<String>,
    /// Titles of the region's agreed agenda points on this theme already.
    pub on_agenda: Vec<String>,
}

/// Builds the charts and the divergence list of one mirror.
pub fn mirror_charts(fmt: Fmt, region: &Region, q: &Questionnaire, m: &Mirror) -> MirrorCharts {
    let l = fmt.language;
    let t = |key| i18n::text(l, key).to_string();
    let theme_title = |id: &str| q.theme_title(id).to_string();
    let partner_names: Vec<String> = region.partners.iter().map(|p| p.name.clone()).collect();
    let now = m.now();
    let titles: Vec<String> = now.themes.iter().map(|x| theme_title(&x.theme)).collect();

    let radars = m
        .rounds
        .iter()
        .filter_map(|round| {
            let title = format!("{} — {}", q.title, describe(fmt, round));
            let spreads: Vec<(String, Option<f64>)> = round
                .themes
                .iter()
                .map(|x| (theme_title(&x.theme), x.spread))
                .collect();
            let mut summary = charts::spread_summary(l, &spreads);
            // A spoke shows every partner's score: a theme a partner did not answer would
            // put its mark at the centre, which reads as the lowest score. Such themes are
            // left out of the radar (the table shows them) and the summary says which.
            let complete: Vec<bool> = round
                .themes
                .iter()
                .map(|x| {
                    region
                        .partners
                        .iter()
                        .all(|p| x.partner(&p.id).and_then(|v| v.now).is_some())
                })
                .collect();
            let kept = |i: usize| complete.get(i).copied().unwrap_or(false);
            let left_out: Vec<&str> = titles
                .iter()
                .enumerate()
                .filter(|&(i, _)| !kept(i))
                .map(|(_, title)| title.as_str())
                .collect();
            if !left_out.is_empty() {
                summary.push(' ');
                summary.push_str(
                    &i18n::text(l, "radar_left_out").replace("{themes}", &left_out.join(", ")),
                );
            }
            let spokes: Vec<String> = titles
                .iter()
                .enumerate()
                .filter(|&(i, _)| kept(i))
                .map(|(_, title)| title.clone())
                .collect();
            let series: Vec<SeriesData> = region
                .partners
                .iter()
                .map(|p| SeriesData {
                    name: p.name.clone(),
                    values: round
                        .themes
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| kept(i))
                        .map(|(_, x)| x.partner(&p.id).and_then(|v| v.now))
                        .collect(),
                })
                .collect();
            let svg = charts::radar(&title, &summary, &spokes, &series, &q.scale)?;
            Some(ChartView {
                title,
                summary,
                svg,
            })
        })
        .collect();

    let gaps = region
        .partners
        .iter()
        .filter_map(|p| {
            let rows: Vec<(String, Option<f64>, Option<f64>)> = now
                .themes
                .iter()
                .map(|x| {
                    let v = x.partner(&p.id);
                    (
                        theme_title(&x.theme),
                        v.and_then(|v| v.now),
                        v.and_then(|v| v.desired),
                    )
                })
                .collect();
            let title = format!("{}: {} / {}", p.name, t("now"), t("desired"));
            let summary = charts::gap_summary(l, &p.name, &rows);
            let series = [
                SeriesData {
                    name: t("now"),
                    values: rows.iter().map(|r| r.1).collect(),
                },
                SeriesData {
                    name: t("desired"),
                    values: rows.iter().map(|r| r.2).collect(),
                },
            ];
            let svg = charts::bars(&title, &summary, &titles, &series, &q.scale)?;
            Some(ChartView {
                title,
                summary,
                svg,
            })
        })
        .collect();

    let roles = region
        .partners
        .iter()
        .filter_map(|p| {
            // Roles this partner answered in, in the questionnaire's role order.
            let answered: Vec<_> = now
                .roles
                .iter()
                .filter(|r| {
                    r.themes
                        .iter()
                        .any(|x| x.partner(&p.id).and_then(|v| v.now).is_some())
                })
                .collect();
            if answered.len() < 2 {
                return None;
            }
            let values = |r: &crate::analysis::RoleMirror| -> Vec<Option<f64>> {
                now.themes
                    .iter()
                    .map(|x| {
                        r.themes
                            .iter()
                            .find(|y| y.theme == x.theme)
                            .and_then(|y| y.partner(&p.id))
                            .and_then(|v| v.now)
                    })
                    .collect()
            };
            let series: Vec<SeriesData> = answered
                .iter()
                .map(|r| SeriesData {
                    name: r.role.clone(),
                    values: values(r),
                })
                .collect();
            let rows: Vec<(String, Option<f64>, Option<f64>)> = titles
                .iter()
                .enumerate()
                .map(|(i, title)| (title.clone(), series[0].values[i], series[1].values[i]))
                .collect();
            let title = format!("{}: {}", p.name, t("roles_view"));
            let summary =
                charts::roles_summary(l, &p.name, (&answered[0].role, &answered[1].role), &rows);
            let svg = charts::bars(&title, &summary, &titles, &series, &q.scale)?;
            Some(ChartView {
                title,
                summary,
                svg,
            })
        })
        .collect();

    let changes = match m.previous() {
        None => Vec::new(),
        Some(prev) => region
            .partners
            .iter()
            .filter_map(|p| {
                let value = |round: &RoundMirror, theme: &str| {
                    round
                        .theme(theme)
                        .and_then(|x| x.partner(&p.id))
                        .and_then(|v| v.now)
                };
                let rows: Vec<(String, Option<f64>, Option<f64>)> = now
                    .themes
                    .iter()
                    .map(|x| {
                        (
                            theme_title(&x.theme),
                            value(prev, &x.theme),
                            value(now, &x.theme),
                        )
                    })
                    .collect();
                if !rows.iter().any(|r| r.1.is_some() && r.2.is_some()) {
                    return None;
                }
                let title = format!("{}: {}", p.name, t("change"));
                let summary = charts::change_summary(l, &p.name, &rows);
                let series = [
                    SeriesData {
                        name: short_round(fmt, prev),
                        values: rows.iter().map(|r| r.1).collect(),
                    },
                    SeriesData {
                        name: short_round(fmt, now),
                        values: rows.iter().map(|r| r.2).collect(),
                    },
                ];
                let svg = charts::bars(&title, &summary, &titles, &series, &q.scale)?;
                Some(ChartView {
                    title,
                    summary,
                    svg,
                })
            })
            .collect(),
    };

    MirrorCharts {
        legend: charts::legend(&partner_names),
        radars,
        gaps,
        roles,
        changes,
        divergence: divergence(fmt, region, q, now),
    }
}

/// Themes and questions by spread in `round`, and the top [`PROPOSALS`] themes as suggestions.
pub fn divergence(fmt: Fmt, region: &Region, q: &Questionnaire, round: &RoundMirror) -> Divergence {
    let theme_title = |id: &str| q.theme_title(id).to_string();
    let spreads: Vec<(String, Option<f64>)> = round
        .themes
        .iter()
        .map(|x| (theme_title(&x.theme), x.spread))
        .collect();
    let mut questions: Vec<(&str, &crate::analysis::QuestionMirror, f64)> = round
        .themes
        .iter()
        .flat_map(|x| {
            x.questions
                .iter()
                .filter_map(move |qm| qm.spread.map(|s| (x.theme.as_str(), qm, s)))
        })
        .collect();
    // Stable: equal spreads keep questionnaire order.
    questions.sort_by(|a, b| b.2.total_cmp(&a.2));
    let proposals = round
        .themes_by_spread()
        .into_iter()
        // A theme the partners score alike (0,0 as shown) is not one they disagree on.
        .filter(|x| x.spread.is_some_and(|s| !i18n::shows_as_zero(s)))
        .take(PROPOSALS)
        .map(|x| Proposal {
            theme: theme_title(&x.theme),
            href: urls::href(&urls::theme(&x.theme)),
            spread: decimal(fmt, x.spread),
            question: questions
                .iter()
                .find(|(theme, _, _)| *theme == x.theme)
                .and_then(|(_, qm, _)| q.question(&qm.question))
                .map(|question| question.text.clone()),
            on_agenda: region
                .agenda
                .iter()
                // A dropped point is no longer on the agenda; a done one was, and says so.
                .filter(|a| a.themes.contains(&x.theme) && a.status != AgendaStatus::Vervallen)
                .map(|a| a.title.clone())
                .collect(),
        })
        .collect();
    Divergence {
        summary: charts::spread_summary(fmt.language, &spreads),
        questions: questions
            .iter()
            .map(|(theme, qm, s)| QuestionSpread {
                text: q
                    .question(&qm.question)
                    .map_or(qm.question.to_string(), |x| x.text.clone()),
                theme: theme_title(theme),
                href: urls::href(&urls::theme(theme)),
                spread: i18n::decimal(fmt.language, *s),
                partners: qm.partners.iter().map(|p| decimal(fmt, p.now)).collect(),
            })
            .collect(),
        proposals,
    }
}

fn decimal(fmt: Fmt, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| i18n::decimal(fmt.language, v))
}

fn describe(fmt: Fmt, r: &RoundMirror) -> String {
    let date = i18n::date(fmt.language, r.date);
    match &r.label {
        Some(label) => format!("{label} ({date})"),
        None => date,
    }
}

/// A round's label, or its date when it has none: short enough for a bar's direct label.
fn short_round(fmt: Fmt, r: &RoundMirror) -> String {
    r.label
        .clone()
        .unwrap_or_else(|| i18n::date(fmt.language, r.date))
}
