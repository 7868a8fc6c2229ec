//! mirror: one region's rounds of one questionnaire → [`Mirror`] (theme means per partner, spread,
//! gap, change since the previous round, choice questions side by side, and the same per role).
//!
//! Every figure is an `Option<f64>`: `None` means "geen antwoord" (nobody answered), which the
//! site must show as such and never as 0. Nothing is rounded here.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::model::{
    Answer, Date, Partner, Question, QuestionKind, Questionnaire, Region, Response,
};

/// The mirror of one region for one questionnaire: every round, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mirror {
    /// Questionnaire id.
    pub questionnaire: String,
    /// The rounds, oldest first (by date, then file path). The last one is "now".
    ///
    /// Never empty: [`mirror`] returns `None` rather than a mirror without rounds.
    pub rounds: Vec<RoundMirror>,
}

impl Mirror {
    /// The latest round: what the site shows as "now".
    pub fn now(&self) -> &RoundMirror {
        self.rounds
            .last()
            .expect("a Mirror always has a round; this is a bug in spiegel, please report it")
    }

    /// The round before "now", which the change figures are measured against.
    pub fn previous(&self) -> Option<&RoundMirror> {
        self.rounds.len().checked_sub(2).map(|i| &self.rounds[i])
    }
}

/// The figures of one round (one results file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundMirror {
    /// When the questionnaire was filled in.
    pub date: Date,
    /// Optional label (nulmeting, vervolgmeting).
    pub label: Option<String>,
    /// Site-relative path of the results file (for the data download and for diagnostics).
    pub file: PathBuf,
    /// Every theme of the questionnaire, in definition order, over all responses.
    pub themes: Vec<ThemeMirror>,
    /// Every choice question of the questionnaire, in definition order.
    pub choices: Vec<ChoiceMirror>,
    /// The theme figures over only one role's responses (management vs employees view), for the
    /// roles that appear in this round, in the questionnaire's role order.
    pub roles: Vec<RoleMirror>,
}

impl RoundMirror {
    /// The themes sorted by spread, largest first: where the partners agree least comes first.
    ///
    /// Themes without a spread (fewer than two partners answered) go last, and ties keep the
    /// questionnaire's theme order, so the order is the same on every build.
    pub fn themes_by_spread(&self) -> Vec<&ThemeMirror> {
        let mut themes: Vec<&ThemeMirror> = self.themes.iter().collect();
        // A stable sort keeps definition order among equal spreads.
        themes.sort_by(|a, b| match (a.spread, b.spread) {
            (Some(a), Some(b)) => b.total_cmp(&a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        themes
    }

    /// Looks up a theme by id.
    pub fn theme(&self, id: &str) -> Option<&ThemeMirror> {
        self.themes.iter().find(|t| t.theme == id)
    }

    /// Looks up a choice question by id.
    pub fn choice(&self, question: &str) -> Option<&ChoiceMirror> {
        self.choices.iter().find(|c| c.question == question)
    }

    /// Looks up a role view by role.
    pub fn role(&self, role: &str) -> Option<&RoleMirror> {
        self.roles.iter().find(|r| r.role == role)
    }
}

/// One theme: each partner's mean, the spread between partners, and the scale questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeMirror {
    /// Theme id.
    pub theme: String,
    /// Every partner of the region, in the region's order, also those that did not answer.
    pub partners: Vec<PartnerTheme>,
    /// Highest minus lowest partner mean; `None` when fewer than two partners have a mean.
    pub spread: Option<f64>,
    /// The theme's scale questions, in definition order (choice questions are in
    /// [`RoundMirror::choices`]).
    pub questions: Vec<QuestionMirror>,
}

impl ThemeMirror {
    /// Looks up a partner's figures by partner id.
    pub fn partner(&self, id: &str) -> Option<&PartnerTheme> {
        self.partners.iter().find(|p| p.partner == id)
    }
}

/// One partner's figures for one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerTheme {
    /// Partner id.
    pub partner: String,
    /// Plain mean of the partner's question means over the theme's scale questions it answered;
    /// `None` is "geen antwoord", never 0.
    pub now: Option<f64>,
    /// Plain mean of the partner's desired question means, over the questions that have one.
    pub desired: Option<f64>,
    /// `desired − now`, where both exist.
    pub gap: Option<f64>,
    /// `now` minus the same partner's `now` in the previous round of this questionnaire (for a
    /// role view: the same role's), where both exist.
    pub change: Option<f64>,
}

/// One scale question: each partner's mean and the spread between partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionMirror {
    /// Question id.
    pub question: String,
    /// Every partner of the region, in the region's order.
    pub partners: Vec<PartnerQuestion>,
    /// Highest minus lowest partner mean; `None` when fewer than two partners have a mean.
    pub spread: Option<f64>,
}

impl QuestionMirror {
    /// Looks up a partner's figures by partner id.
    pub fn partner(&self, id: &str) -> Option<&PartnerQuestion> {
        self.partners.iter().find(|p| p.partner == id)
    }
}

/// One partner's figures for one scale question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerQuestion {
    /// Partner id.
    pub partner: String,
    /// Σ(respondents × score) / Σ(respondents) over the partner's responses that answered.
    pub now: Option<f64>,
    /// The same weighted mean over the responses that gave a desired score.
    pub desired: Option<f64>,
    /// `desired − now`, where both exist.
    pub gap: Option<f64>,
    /// How many people the `now` mean stands for (Σ respondents of the answering responses).
    pub respondents: u32,
}

/// One choice question: each partner's choice side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceMirror {
    /// Question id.
    pub question: String,
    /// Theme id of the question, so a page can show it under its theme.
    pub theme: String,
    /// Every partner of the region, in the region's order.
    pub partners: Vec<PartnerChoice>,
    /// At least two partners answered and all of them chose the same option.
    pub agrees: bool,
}

impl ChoiceMirror {
    /// Looks up a partner's choice by partner id.
    pub fn partner(&self, id: &str) -> Option<&PartnerChoice> {
        self.partners.iter().find(|p| p.partner == id)
    }
}

/// One partner's answer to a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerChoice {
    /// Partner id.
    pub partner: String,
    /// The option id most of the partner's respondents chose; `None` when nobody answered.
    ///
    /// A tie goes to the option listed first in the question. Any rule would do as long as it
    /// is fixed; the question's own order is the one editors can see and change, whereas the
    /// order of responses in a results file is accidental.
    pub choice: Option<String>,
    /// Respondents per option, every option of the question in its listed order (0 included).
    pub counts: Vec<(String, u32)>,
}

/// The theme figures over only one role's responses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleMirror {
    /// The role (e.g. management, medewerkers).
    pub role: String,
    /// Every theme, in definition order, computed exactly like [`RoundMirror::themes`] but over
    /// this role's responses only. Reusing [`ThemeMirror`] gives the role view its spread and
    /// question figures too, with no second shape for templates to learn.
    pub themes: Vec<ThemeMirror>,
}

/// The mirror of `region` for `questionnaire`; `None` when the region has no round of it.
pub fn mirror(region: &Region, questionnaire: &Questionnaire) -> Option<Mirror> {
    let mut rounds: Vec<_> = region
        .rounds
        .iter()
        .filter(|r| r.questionnaire == questionnaire.id)
        .collect();
    if rounds.is_empty() {
        return None;
    }
    // The model keeps rounds by date already; sorting here makes the "now" and "change" rules
    // hold on their own, including the tie-break on file path.
    rounds.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.file.cmp(&b.file)));

    let mut mirrors: Vec<RoundMirror> = Vec::with_capacity(rounds.len());
    for round in rounds {
        let all: Vec<&Response> = round.responses.iter().collect();
        let mut current = RoundMirror {
            date: round.date,
            label: round.label.clone(),
            file: round.file.clone(),
            themes: theme_mirrors(questionnaire, &region.partners, &all),
            choices: choice_mirrors(questionnaire, &region.partners, &all),
            roles: role_mirrors(questionnaire, &region.partners, &all),
        };
        if let Some(previous) = mirrors.last() {
            fill_change(&mut current.themes, &previous.themes);
            for role in &mut current.roles {
                if let Some(before) = previous.role(&role.role) {
                    fill_change(&mut role.themes, &before.themes);
                }
            }
        }
        mirrors.push(current);
    }
    Some(Mirror {
        questionnaire: questionnaire.id.clone(),
        rounds: mirrors,
    })
}

/// The theme figures over `responses` (all of a round, or one role's).
fn theme_mirrors(
    questionnaire: &Questionnaire,
    partners: &[Partner],
    responses: &[&Response],
) -> Vec<ThemeMirror> {
    questionnaire
        .themes
        .iter()
        .map(|theme| {
            let questions: Vec<QuestionMirror> = questionnaire
                .questions_of(&theme.id)
                .filter(|q| q.kind == QuestionKind::Scale)
                .map(|q| question_mirror(q, partners, responses))
                .collect();
            let partner_themes: Vec<PartnerTheme> = partners
                .iter()
                .enumerate()
                .map(|(i, partner)| {
                    // Every QuestionMirror lists the partners in the same order, so index i is
                    // this partner in each of them.
                    let now = plain_mean(questions.iter().filter_map(|q| q.partners[i].now));
                    let desired =
                        plain_mean(questions.iter().filter_map(|q| q.partners[i].desired));
                    PartnerTheme {
                        partner: partner.id.clone(),
                        now,
                        desired,
                        gap: difference(desired, now),
                        change: None,
                    }
                })
                .collect();
            ThemeMirror {
                theme: theme.id.clone(),
                spread: spread(partner_themes.iter().filter_map(|p| p.now)),
                partners: partner_themes,
                questions,
            }
        })
        .collect()
}

/// The figures of one scale question over `responses`.
fn question_mirror(
    question: &Question,
    partners: &[Partner],
    responses: &[&Response],
) -> QuestionMirror {
    let partner_questions: Vec<PartnerQuestion> = partners
        .iter()
        .map(|partner| {
            let own = || responses.iter().filter(|r| r.partner == partner.id);
            let scores = own().filter_map(|r| match r.answers.get(&question.id) {
                Some(Answer::Score(score)) => Some((r.respondents, *score)),
                _ => None,
            });
            let (now, respondents) = weighted_mean(scores);
            let desired_scores =
                own().filter_map(|r| r.desired.get(&question.id).map(|d| (r.respondents, *d)));
            let (desired, _) = weighted_mean(desired_scores);
            PartnerQuestion {
                partner: partner.id.clone(),
                now,
                desired,
                gap: difference(desired, now),
                respondents,
            }
        })
        .collect();
    QuestionMirror {
        question: question.id.clone(),
        spread: spread(partner_questions.iter().filter_map(|p| p.now)),
        partners: partner_questions,
    }
}

/// Every choice question, each partner's choice side by side.
fn choice_mirrors(
    questionnaire: &Questionnaire,
    partners: &[Partner],
    responses: &[&Response],
) -> Vec<ChoiceMirror> {
    questionnaire
        .questions
        .iter()
        .filter_map(|question| match &question.kind {
            QuestionKind::Choice(options) => Some((question, options)),
            QuestionKind::Scale => None,
        })
        .map(|(question, options)| {
            let partner_choices: Vec<PartnerChoice> = partners
                .iter()
                .map(|partner| {
                    let counts: Vec<(String, u32)> = options
                        .iter()
                        .map(|option| {
                            let count = responses
                                .iter()
                                .filter(|r| r.partner == partner.id)
                                .filter(|r| {
                                    matches!(r.answers.get(&question.id),
                                        Some(Answer::Choice(id)) if *id == option.id)
                                })
                                .map(|r| r.respondents)
                                .fold(0u32, u32::saturating_add);
                            (option.id.clone(), count)
                        })
                        .collect();
                    PartnerChoice {
                        partner: partner.id.clone(),
                        choice: most_chosen(&counts),
                        counts,
                    }
                })
                .collect();
            let mut chosen = partner_choices.iter().filter_map(|p| p.choice.as_deref());
            let agrees = match chosen.next() {
                Some(first) => {
                    let mut answered = 1;
                    let mut same = true;
                    for other in chosen {
                        answered += 1;
                        same &= other == first;
                    }
                    answered >= 2 && same
                }
                None => false,
            };
            ChoiceMirror {
                question: question.id.clone(),
                theme: question.theme.clone(),
                partners: partner_choices,
                agrees,
            }
        })
        .collect()
}

/// The option with the most respondents; a tie goes to the one listed first (see
/// [`PartnerChoice::choice`]); `None` when nobody chose anything.
fn most_chosen(counts: &[(String, u32)]) -> Option<String> {
    let mut best: Option<&(String, u32)> = None;
    for entry in counts {
        // Strictly greater: a later option only wins with more respondents, never on a tie.
        if entry.1 > 0 && best.is_none_or(|b| entry.1 > b.1) {
            best = Some(entry);
        }
    }
    best.map(|(id, _)| id.clone())
}

/// The role views: the roles that appear in the round, in the questionnaire's role order.
fn role_mirrors(
    questionnaire: &Questionnaire,
    partners: &[Partner],
    responses: &[&Response],
) -> Vec<RoleMirror> {
    let present: BTreeSet<&str> = responses.iter().filter_map(|r| r.role.as_deref()).collect();
    // Check only lets the questionnaire's roles through; any other role still gets a view,
    // after the listed ones and by name, so no response silently drops out of the role view.
    let mut order: Vec<&str> = questionnaire
        .roles
        .iter()
        .map(String::as_str)
        .filter(|role| present.contains(role))
        .collect();
    order.extend(
        present
            .iter()
            .filter(|role| !questionnaire.roles.iter().any(|r| r == *role)),
    );
    order
        .into_iter()
        .map(|role| {
            let own: Vec<&Response> = responses
                .iter()
                .copied()
                .filter(|r| r.role.as_deref() == Some(role))
                .collect();
            RoleMirror {
                role: role.to_string(),
                themes: theme_mirrors(questionnaire, partners, &own),
            }
        })
        .collect()
}

/// Sets each partner's change against the same theme and partner in `previous`.
fn fill_change(current: &mut [ThemeMirror], previous: &[ThemeMirror]) {
    for theme in current {
        let Some(before) = previous.iter().find(|t| t.theme == theme.theme) else {
            continue;
        };
        for partner in &mut theme.partners {
            let then = before.partner(&partner.partner).and_then(|p| p.now);
            partner.change = difference(partner.now, then);
        }
    }
}

/// Σ(weight × value) / Σ(weight), and Σ(weight); `None` when the weights add up to 0 (no
/// answers, or only responses standing for nobody), so there is never a division by zero.
fn weighted_mean(values: impl Iterator<Item = (u32, f64)>) -> (Option<f64>, u32) {
    let mut total = 0u32;
    let mut sum = 0.0;
    for (weight, value) in values {
        total = total.saturating_add(weight);
        sum += f64::from(weight) * value;
    }
    let mean = (total > 0).then(|| sum / f64::from(total));
    (mean, total)
}

/// The unweighted mean; `None` for no values.
fn plain_mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (count, sum) = values.fold((0u32, 0.0), |(n, s), v| (n + 1, s + v));
    (count > 0).then(|| sum / f64::from(count))
}

/// Highest minus lowest; `None` for fewer than two values, since one partner cannot disagree
/// with itself.
fn spread(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut count = 0;
    let mut low = f64::INFINITY;
    let mut high = f64::NEG_INFINITY;
    for value in values {
        count += 1;
        low = low.min(value);
        high = high.max(value);
    }
    (count >= 2).then(|| high - low)
}

/// `a − b` where both exist.
fn difference(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}
