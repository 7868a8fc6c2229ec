//! The mirror part of a region page: per questionnaire, each partner's theme scores now and
//! desired, the spread, choice questions side by side, management against employees, the
//! change between rounds and the charts, all formatted for the templates.

use super::*;

/// A round's date and label.
#[derive(Debug, Clone, Serialize)]
pub struct RoundLabel {
    /// Date, formatted.
    pub date: String,
    /// Date, ISO.
    pub date_iso: String,
    /// Label.
    pub label: Option<String>,
    /// The results file's `[extra]` table.
    pub extra: serde_json::Value,
}

/// The mirror of one questionnaire, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MirrorView {
    /// Questionnaire id.
    pub id: String,
    /// Questionnaire title.
    pub title: String,
    /// "1–5".
    pub scale: String,
    /// The latest round.
    pub now: RoundLabel,
    /// All rounds, oldest first.
    pub rounds: Vec<RoundLabel>,
    /// Partners (columns).
    pub partners: Vec<Partner>,
    /// Themes in questionnaire order with each partner's figures.
    pub themes: Vec<ThemeScores>,
    /// Themes by spread, largest first.
    pub by_spread: Vec<SpreadItem>,
    /// Choice questions side by side.
    pub choices: Vec<ChoiceRow>,
    /// Role names (columns of the role view); empty when no roles answered.
    pub roles: Vec<String>,
    /// Role view rows.
    pub role_themes: Vec<ThemeRows>,
    /// Change from the previous round, if there is one.
    pub change: Option<ChangeView>,
    /// Charts and divergences (feature: charts).
    pub charts: crate::render::region_charts::MirrorCharts,
}

/// One theme's scores.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeScores {
    /// Theme title.
    pub title: String,
    /// Theme href.
    pub href: String,
    /// Spread, formatted.
    pub spread: String,
    /// One cell per partner.
    pub cells: Vec<ScoreCell>,
}

/// One partner's figures for a theme.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell {
    /// Partner name.
    pub partner: String,
    /// Now, formatted ("geen antwoord" when none).
    pub now: String,
    /// Whether there is a now score.
    pub has_now: bool,
    /// Desired, formatted.
    pub desired: String,
    /// Gap, formatted with sign.
    pub gap: String,
}

/// A theme in the spread ranking.
#[derive(Debug, Clone, Serialize)]
pub struct SpreadItem {
    /// Theme title.
    pub title: String,
    /// Theme href.
    pub href: String,
    /// Spread, formatted.
    pub spread: String,
}

/// A choice question with each partner's choice.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceRow {
    /// Question text.
    pub text: String,
    /// Every partner's choice.
    pub cells: Vec<ChoiceCell>,
    /// All partners that answered chose the same.
    pub agrees: bool,
    /// At least two partners answered, so they can agree or differ at all.
    pub compared: bool,
}

/// One partner's choice.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceCell {
    /// Option label ("… (gelijke stand met …)" on a tie), or "geen antwoord".
    pub label: String,
    /// Whether the partner answered.
    pub answered: bool,
}

/// Rows of one theme in a theme × partner table.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeRows {
    /// Theme title.
    pub title: String,
    /// One row per partner.
    pub rows: Vec<PartnerRow>,
}

/// One partner row with formatted values.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerRow {
    /// Partner name.
    pub partner: String,
    /// Values, one per column.
    pub values: Vec<String>,
    /// Previous round's mean (change view).
    pub previous: String,
    /// Latest mean (change view).
    pub latest: String,
    /// Change (change view).
    pub change: String,
}

/// Change between the previous and the latest round.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// Previous round, described.
    pub previous: String,
    /// Latest round, described.
    pub latest: String,
    /// Every round, oldest first, described: the table's columns, so each round's radar has
    /// its figures in a table (each row's `values` holds them in this order).
    pub rounds: Vec<String>,
    /// Rows per theme.
    pub themes: Vec<ThemeRows>,
}

fn round_label(fmt: Fmt, r: &RoundMirror) -> RoundLabel {
    RoundLabel {
        date: fmt.date(r.date),
        date_iso: r.date.to_string(),
        label: r.label.clone(),
        extra: r.extra.clone(),
    }
}

fn describe_round(fmt: Fmt, r: &RoundMirror) -> String {
    match &r.label {
        Some(label) => format!("{label} ({})", fmt.date(r.date)),
        None => fmt.date(r.date),
    }
}

/// Builds the mirror view of one questionnaire for a region.
pub fn mirror(
    l: &Lookup,
    region: &Region,
    q: &Questionnaire,
    m: &Mirror,
    digest: Option<u128>,
) -> std::sync::Arc<MirrorView> {
    // Charts make this the costliest view; the preview server reuses it while the inputs
    // (everything read below) stay the same. The region's digest covers them all (the
    // language, the region's partners, every questionnaire and every mirror of the region).
    let make = || mirror_uncached(l.fmt, region, q, m);
    let owner = format!("{}/{}", region.slug, m.questionnaire);
    match digest {
        Some(digest) => l.cache.mirror((&(digest, &m.questionnaire), &owner), make),
        None => l
            .cache
            .mirror((&(l.fmt.language, &region.partners, q, m), &owner), make),
    }
}

fn mirror_uncached(fmt: Fmt, region: &Region, q: &Questionnaire, m: &Mirror) -> MirrorView {
    let now = m.now();
    let partner_name = |id: &str| region.partner_name(id).to_string();
    let theme_title = |id: &str| q.theme_title(id).to_string();
    let themes = now
        .themes
        .iter()
        .map(|t| ThemeScores {
            title: theme_title(&t.theme),
            href: urls::href(&urls::theme(&t.theme)),
            spread: fmt.decimal(t.spread),
            cells: t
                .partners
                .iter()
                .map(|p| ScoreCell {
                    partner: partner_name(&p.partner),
                    now: fmt.score(p.now),
                    has_now: p.now.is_some(),
                    desired: fmt.decimal(p.desired),
                    gap: fmt.signed(p.gap),
                })
                .collect(),
        })
        .collect();
    let by_spread = now
        .themes_by_spread()
        .into_iter()
        .filter(|t| t.spread.is_some())
        .map(|t| SpreadItem {
            title: theme_title(&t.theme),
            href: urls::href(&urls::theme(&t.theme)),
            spread: fmt.decimal(t.spread),
        })
        .collect();
    let choices = now
        .choices
        .iter()
        .map(|c| {
            let question = q.question(&c.question);
            let options: &[ChoiceOption] = match question.map(|x| &x.kind) {
                Some(QuestionKind::Choice(o)) => o,
                _ => &[],
            };
            ChoiceRow {
                text: question.map_or(c.question.to_string(), |x| x.text.clone()),
                cells: c
                    .partners
                    .iter()
                    .map(|p| match &p.choice {
                        Some(id) => {
                            let label_of = |id: &str| {
                                options
                                    .iter()
                                    .find(|o| o.id == id)
                                    .map_or(id.to_string(), |o| o.label.clone())
                            };
                            // A tie is decided by the questionnaire's order (method page);
                            // the cell says so, since another order would show another choice.
                            let most = p.counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
                            let tied: Vec<String> = p
                                .counts
                                .iter()
                                .filter(|(other, n)| *n == most && other != id)
                                .map(|(other, _)| label_of(other))
                                .collect();
                            let mut label = label_of(id);
                            if !tied.is_empty() {
                                let note = i18n::text(fmt.language, "choice_tie")
                                    .replace("{options}", &tied.join(", "));
                                label = format!("{label} ({note})");
                            }
                            ChoiceCell {
                                label,
                                answered: true,
                            }
                        }
                        None => ChoiceCell {
                            label: i18n::text(fmt.language, "no_answer").to_string(),
                            answered: false,
                        },
                    })
                    .collect(),
                agrees: c.agrees == Some(true),
                compared: c.agrees.is_some(),
            }
        })
        .collect();
    let roles: Vec<String> = now.roles.iter().map(|r| r.role.clone()).collect();
    let role_themes = if roles.is_empty() {
        Vec::new()
    } else {
        now.themes
            .iter()
            .map(|t| ThemeRows {
                title: theme_title(&t.theme),
                rows: region
                    .partners
                    .iter()
                    .map(|p| PartnerRow {
                        partner: p.name.clone(),
                        values: now
                            .roles
                            .iter()
                            .map(|r| {
                                let v = r
                                    .themes
                                    .iter()
                                    .find(|x| x.theme == t.theme)
                                    .and_then(|x| x.partner(&p.id))
                                    .and_then(|x| x.now);
                                fmt.score(v)
                            })
                            .collect(),
                        previous: String::new(),
                        latest: String::new(),
                        change: String::new(),
                    })
                    .collect(),
            })
            .collect()
    };
    let change = m.previous().map(|prev| ChangeView {
        previous: describe_round(fmt, prev),
        latest: describe_round(fmt, now),
        rounds: m.rounds.iter().map(|r| describe_round(fmt, r)).collect(),
        themes: now
            .themes
            .iter()
            .map(|t| ThemeRows {
                title: theme_title(&t.theme),
                rows: t
                    .partners
                    .iter()
                    .map(|p| {
                        let before = prev
                            .theme(&t.theme)
                            .and_then(|x| x.partner(&p.partner))
                            .and_then(|x| x.now);
                        let values = m
                            .rounds
                            .iter()
                            .map(|r| {
                                fmt.score(
                                    r.theme(&t.theme)
                                        .and_then(|x| x.partner(&p.partner))
                                        .and_then(|x| x.now),
                                )
                            })
                            .collect();
                        PartnerRow {
                            partner: partner_name(&p.partner),
                            values,
                            previous: fmt.score(before),
                            latest: fmt.score(p.now),
                            change: fmt.signed(p.change),
                        }
                    })
                    .collect(),
            })
            .collect(),
    });
    MirrorView {
        id: q.id.clone(),
        title: q.title.clone(),
        scale: fmt.scale(&q.scale),
        now: round_label(fmt, now),
        rounds: m.rounds.iter().map(|r| round_label(fmt, r)).collect(),
        partners: region.partners.clone(),
        themes,
        by_spread,
        choices,
        roles,
        role_themes,
        change,
        charts: crate::render::region_charts::mirror_charts(fmt, region, q, m),
    }
}
