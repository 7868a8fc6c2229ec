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
    /// The results file's `[extra]` table, for templates.
    pub extra: serde_json::Value,
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
        self.choices.iter().find(|c| &*c.question == question)
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
        self.partners.iter().find(|p| &*p.partner == id)
    }
}

/// One partner's figures for one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerTheme {
    /// Partner id.
    pub partner: crate::model::Id,
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
    pub question: crate::model::Id,
    /// Every partner of the region, in the region's order.
    pub partners: Vec<PartnerQuestion>,
    /// Highest minus lowest partner mean; `None` when fewer than two partners have a mean.
    pub spread: Option<f64>,
}

impl QuestionMirror {
    /// Looks up a partner's figures by partner id.
    pub fn partner(&self, id: &str) -> Option<&PartnerQuestion> {
        self.partners.iter().find(|p| &*p.partner == id)
    }
}

/// One partner's figures for one scale question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerQuestion {
    /// Partner id.
    pub partner: crate::model::Id,
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
    pub question: crate::model::Id,
    /// Theme id of the question, so a page can show it under its theme.
    pub theme: String,
    /// Every partner of the region, in the region's order.
    pub partners: Vec<PartnerChoice>,
    /// `Some(true)` when every partner of the region chose the same option, `Some(false)` when
    /// two partners chose differently; `None` otherwise (fewer than two choices, or the ones
    /// given alike while a partner gave none), since that is neither agreement nor a difference.
    pub agrees: Option<bool>,
}

impl ChoiceMirror {
    /// Looks up a partner's choice by partner id.
    pub fn partner(&self, id: &str) -> Option<&PartnerChoice> {
        self.partners.iter().find(|p| &*p.partner == id)
    }
}

/// One partner's answer to a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerChoice {
    /// Partner id.
    pub partner: crate::model::Id,
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
            extra: round.extra.clone(),
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
            let own = || responses.iter().filter(|r| *r.partner == *partner.id);
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
                                .filter(|r| *r.partner == *partner.id)
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
            let agrees = agreement(&partner_choices);
            ChoiceMirror {
                question: question.id.clone(),
                theme: question.theme.clone(),
                partners: partner_choices,
                agrees,
            }
        })
        .collect()
}

/// Whether the partners agree on a choice: every partner of the region chose, and all chose
/// the same option (the contract's rule). Two partners that chose differently differ whoever
/// else is missing; partners that chose alike while another did not choose, or fewer than two
/// choices at all, neither agree nor differ (`None`).
fn agreement(choices: &[PartnerChoice]) -> Option<bool> {
    let chosen: Vec<&str> = choices.iter().filter_map(|p| p.choice.as_deref()).collect();
    let first = *chosen.first()?;
    if chosen.len() < 2 {
        None
    } else if chosen.iter().any(|c| *c != first) {
        Some(false)
    } else {
        (chosen.len() == choices.len()).then_some(true)
    }
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
/// The weights are added up in 64 bits, so the mean stays right whatever they come to; the
/// count shown saturates at `u32::MAX`.
fn weighted_mean(values: impl Iterator<Item = (u32, f64)>) -> (Option<f64>, u32) {
    let mut total = 0u64;
    let mut sum = 0.0;
    for (weight, value) in values {
        total += u64::from(weight);
        sum += f64::from(weight) * value;
    }
    let mean = (total > 0).then(|| sum / total as f64);
    (mean, u32::try_from(total).unwrap_or(u32::MAX))
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
    (count >= 2).then_some(high - low)
}

/// `a − b` where both exist.
fn difference(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn weighted_mean_of_huge_weights_stays_on_the_scale() {
        // Two responses standing for u32::MAX people each, answering 5 and 1: (5 + 1) / 2 = 3,
        // although the weights add up past u32::MAX.
        let (mean, total) = weighted_mean([(u32::MAX, 5.0), (u32::MAX, 1.0)].into_iter());
        assert_eq!(mean, Some(3.0));
        assert_eq!(total, u32::MAX);
        assert_eq!(
            weighted_mean([(3, 4.0), (1, 2.0)].into_iter()),
            (Some(3.5), 4)
        );
    }
    use crate::model::{Body, ChoiceOption, Round, Scale, Stage, Theme};

    // ---- builders: small enough that each test shows only the answers that matter ----

    /// Themes `doelen` (two scale questions), `loket` (a scale and a choice question) and `leeg`
    /// (a scale question nobody answers in these tests).
    pub(in crate::analysis) fn quickscan() -> Questionnaire {
        let theme = |id: &str| Theme {
            extra: serde_json::Value::Null,
            id: id.to_string(),
            title: id.to_string(),
            description: None,
        };
        let scale = |id: &str, theme: &str| Question {
            id: id.into(),
            theme: theme.to_string(),
            text: String::new(),
            kind: QuestionKind::Scale,
        };
        let options = ["apart", "gedeeld", "integraal"]
            .iter()
            .map(|id| ChoiceOption {
                id: id.to_string(),
                label: id.to_string(),
            })
            .collect();
        Questionnaire {
            extra: serde_json::Value::Null,
            id: "quickscan".to_string(),
            title: "Quick Scan".to_string(),
            scale: Scale {
                min: 1.0,
                max: 5.0,
                labels: Vec::new(),
            },
            roles: vec!["management".to_string(), "medewerkers".to_string()],
            themes: vec![theme("doelen"), theme("loket"), theme("leeg")],
            questions: vec![
                scale("doelen-1", "doelen"),
                scale("doelen-2", "doelen"),
                Question {
                    id: "loket-vorm".into(),
                    theme: "loket".to_string(),
                    text: String::new(),
                    kind: QuestionKind::Choice(options),
                },
                scale("loket-1", "loket"),
                scale("leeg-1", "leeg"),
            ],
        }
    }

    /// A response standing for `respondents` people; add answers with [`Answers`].
    pub(in crate::analysis) fn response(partner: &str, respondents: u32) -> Response {
        Response {
            partner: partner.to_string(),
            role: None,
            respondents,
            answers: BTreeMap::new(),
            desired: BTreeMap::new(),
        }
    }

    /// Chainable setters on a test response.
    pub(in crate::analysis) trait Answers {
        fn role(self, role: &str) -> Self;
        fn score(self, question: &str, score: f64) -> Self;
        fn desired(self, question: &str, score: f64) -> Self;
        fn choice(self, question: &str, option: &str) -> Self;
    }

    impl Answers for Response {
        fn role(mut self, role: &str) -> Self {
            self.role = Some(role.to_string());
            self
        }
        fn score(mut self, question: &str, score: f64) -> Self {
            self.answers.insert(question.into(), Answer::Score(score));
            self
        }
        fn desired(mut self, question: &str, score: f64) -> Self {
            self.desired.insert(question.into(), score);
            self
        }
        fn choice(mut self, question: &str, option: &str) -> Self {
            self.answers
                .insert(question.into(), Answer::Choice(option.to_string()));
            self
        }
    }

    pub(in crate::analysis) fn round(file: &str, date: &str, responses: Vec<Response>) -> Round {
        Round {
            extra: serde_json::Value::Null,
            file: PathBuf::from(file),
            questionnaire: "quickscan".to_string(),
            date: Date::parse(date).expect("test date"),
            label: None,
            responses,
        }
    }

    /// A region with partners cwi, uwv and gemeente, in that order.
    pub(in crate::analysis) fn region(rounds: Vec<Round>) -> Region {
        let partner = |id: &str| Partner {
            extra: serde_json::Value::Null,
            id: id.into(),
            name: id.to_string(),
            kind: None,
        };
        Region {
            slug: "haarlemmermeer".to_string(),
            name: "Haarlemmermeer".to_string(),
            kind: None,
            province: None,
            bvg: Vec::new(),
            stage: Stage::Quickscan,
            partners: vec![partner("cwi"), partner("uwv"), partner("gemeente")],
            wishes: Vec::new(),
            agenda: Vec::new(),
            milestones: Vec::new(),
            rounds,
            body: Body::default(),
            extra: serde_json::Value::Null,
        }
    }

    /// The first round most tests share. Hand-computed figures are in the tests that use them.
    pub(in crate::analysis) fn nulmeting() -> Round {
        round(
            "content/regions/haarlemmermeer/quickscan-2007.toml",
            "2007-03-15",
            vec![
                response("cwi", 3)
                    .role("management")
                    .score("doelen-1", 2.0)
                    .score("doelen-2", 3.0)
                    .desired("doelen-1", 4.5)
                    .choice("loket-vorm", "integraal"),
                response("cwi", 1)
                    .role("medewerkers")
                    .score("doelen-1", 4.0)
                    .desired("doelen-1", 3.5)
                    .choice("loket-vorm", "apart"),
                response("uwv", 2)
                    .score("doelen-1", 4.0)
                    .score("doelen-2", 4.0)
                    .score("loket-1", 3.0)
                    .choice("loket-vorm", "integraal"),
                response("gemeente", 1)
                    .role("management")
                    .score("loket-1", 1.0)
                    .choice("loket-vorm", "gedeeld"),
            ],
        )
    }

    #[track_caller]
    fn assert_close(actual: Option<f64>, expected: Option<f64>) {
        match (actual, expected) {
            (Some(a), Some(e)) => assert!((a - e).abs() < 1e-9, "expected {e}, got {a}"),
            (a, e) => assert_eq!(a, e),
        }
    }

    fn now_of(region: &Region) -> RoundMirror {
        mirror(region, &quickscan())
            .expect("region has a round")
            .now()
            .clone()
    }

    fn partner_theme<'a>(round: &'a RoundMirror, theme: &str, partner: &str) -> &'a PartnerTheme {
        round
            .theme(theme)
            .and_then(|t| t.partner(partner))
            .expect("theme and partner exist")
    }

    // ---- question means ----

    #[test]
    fn question_mean_weights_responses_by_respondents() {
        let now = now_of(&region(vec![nulmeting()]));
        let q = now.theme("doelen").unwrap().questions[0].clone();
        assert_eq!(&*q.question, "doelen-1");
        // cwi: 3 management at 2, 1 medewerker at 4 → (3·2 + 1·4) / 4 = 10/4 = 2.5
        assert_close(q.partner("cwi").unwrap().now, Some(2.5));
        assert_eq!(q.partner("cwi").unwrap().respondents, 4);
        // uwv: one group of 2 at 4 → 4.0
        assert_close(q.partner("uwv").unwrap().now, Some(4.0));
        // gemeente skipped the question: no answer, not 0, and it stands for nobody.
        assert_close(q.partner("gemeente").unwrap().now, None);
        assert_eq!(q.partner("gemeente").unwrap().respondents, 0);
        // spread over cwi 2.5 and uwv 4.0 → 1.5
        assert_close(q.spread, Some(1.5));
    }

    #[test]
    fn desired_mean_is_weighted_over_responses_that_gave_one() {
        let now = now_of(&region(vec![nulmeting()]));
        let doelen = now.theme("doelen").unwrap();
        let cwi = doelen.questions[0].partner("cwi").unwrap();
        // (3·4.5 + 1·3.5) / 4 = 17/4 = 4.25; gap 4.25 − 2.5 = 1.75
        assert_close(cwi.desired, Some(4.25));
        assert_close(cwi.gap, Some(1.75));
        // uwv gave no desired scores: no desired and no gap.
        let uwv = doelen.questions[0].partner("uwv").unwrap();
        assert_close(uwv.desired, None);
        assert_close(uwv.gap, None);
    }

    #[test]
    fn responses_standing_for_nobody_give_no_mean_instead_of_dividing_by_zero() {
        let zero = round(
            "r.toml",
            "2007-03-15",
            vec![response("cwi", 0).score("doelen-1", 3.0)],
        );
        let now = now_of(&region(vec![zero]));
        assert_close(partner_theme(&now, "doelen", "cwi").now, None);
    }

    // ---- theme means, gap, spread ----

    #[test]
    fn theme_mean_is_the_plain_mean_of_answered_question_means() {
        let now = now_of(&region(vec![nulmeting()]));
        // cwi: doelen-1 2.5 (weighted over 4 people), doelen-2 3.0 (management only, 3·3/3);
        // the theme mean is unweighted: (2.5 + 3.0) / 2 = 2.75
        assert_close(partner_theme(&now, "doelen", "cwi").now, Some(2.75));
        // uwv: (4 + 4) / 2 = 4.0
        assert_close(partner_theme(&now, "doelen", "uwv").now, Some(4.0));
        // gemeente answered neither doelen question → None ("geen antwoord"), never 0.
        assert_close(partner_theme(&now, "doelen", "gemeente").now, None);
    }

    #[test]
    fn skipped_questions_are_left_out_of_the_theme_mean() {
        let now = now_of(&region(vec![nulmeting()]));
        // loket has scale question loket-1 and choice question loket-vorm; only loket-1 counts.
        // uwv: loket-1 3.0 → 3.0 (the choice answer does not pull it towards anything).
        assert_close(partner_theme(&now, "loket", "uwv").now, Some(3.0));
        // cwi answered only the choice question → no theme mean.
        assert_close(partner_theme(&now, "loket", "cwi").now, None);
        // The theme lists only scale questions.
        let ids: Vec<_> = now
            .theme("loket")
            .unwrap()
            .questions
            .iter()
            .map(|q| &*q.question)
            .collect();
        assert_eq!(ids, ["loket-1"]);
    }

    #[test]
    fn theme_desired_and_gap_use_only_questions_with_a_desired_score() {
        let now = now_of(&region(vec![nulmeting()]));
        let cwi = partner_theme(&now, "doelen", "cwi");
        // desired: only doelen-1 has one (4.25) → 4.25; gap = 4.25 − 2.75 = 1.5
        assert_close(cwi.desired, Some(4.25));
        assert_close(cwi.gap, Some(1.5));
        let uwv = partner_theme(&now, "doelen", "uwv");
        assert_close(uwv.desired, None);
        assert_close(uwv.gap, None);
    }

    #[test]
    fn spread_is_max_minus_min_over_partners_with_a_mean() {
        let now = now_of(&region(vec![nulmeting()]));
        // doelen: cwi 2.75, uwv 4.0, gemeente none → 4.0 − 2.75 = 1.25
        assert_close(now.theme("doelen").unwrap().spread, Some(1.25));
        // loket: uwv 3.0, gemeente 1.0 → 2.0
        assert_close(now.theme("loket").unwrap().spread, Some(2.0));
    }

    #[test]
    fn theme_nobody_answered_has_no_means_and_no_spread() {
        let now = now_of(&region(vec![nulmeting()]));
        let leeg = now.theme("leeg").unwrap();
        // Every partner is still listed, in the region's order, each without a mean.
        let partners: Vec<_> = leeg.partners.iter().map(|p| (&*p.partner, p.now)).collect();
        assert_eq!(partners, [("cwi", None), ("uwv", None), ("gemeente", None)]);
        assert_close(leeg.spread, None);
    }

    #[test]
    fn spread_needs_two_partners() {
        let one = round(
            "r.toml",
            "2007-03-15",
            vec![response("uwv", 1).score("doelen-1", 4.0)],
        );
        let now = now_of(&region(vec![one]));
        assert_close(now.theme("doelen").unwrap().spread, None);
        assert_close(now.theme("doelen").unwrap().questions[0].spread, None);
    }

    #[test]
    fn themes_by_spread_puts_largest_first_and_no_spread_last() {
        let now = now_of(&region(vec![nulmeting()]));
        // loket 2.0, doelen 1.25, leeg none
        let order: Vec<_> = now
            .themes_by_spread()
            .iter()
            .map(|t| t.theme.as_str())
            .collect();
        assert_eq!(order, ["loket", "doelen", "leeg"]);
        // Definition order stays as is; sorting is a view.
        let defined: Vec<_> = now.themes.iter().map(|t| t.theme.as_str()).collect();
        assert_eq!(defined, ["doelen", "loket", "leeg"]);
    }

    #[test]
    fn themes_with_equal_spread_keep_definition_order() {
        // doelen: cwi 1, uwv 3 → 2; loket: cwi 2, uwv 4 → 2
        let equal = round(
            "r.toml",
            "2007-03-15",
            vec![
                response("cwi", 1)
                    .score("doelen-1", 1.0)
                    .score("loket-1", 2.0),
                response("uwv", 1)
                    .score("doelen-1", 3.0)
                    .score("loket-1", 4.0),
            ],
        );
        let now = now_of(&region(vec![equal]));
        let order: Vec<_> = now
            .themes_by_spread()
            .iter()
            .map(|t| t.theme.as_str())
            .collect();
        assert_eq!(order, ["doelen", "loket", "leeg"]);
    }

    // ---- choice questions ----

    #[test]
    fn choice_is_what_most_respondents_chose_and_disagreement_shows() {
        let now = now_of(&region(vec![nulmeting()]));
        let vorm = now.choice("loket-vorm").unwrap();
        assert_eq!(vorm.theme, "loket");
        // cwi: integraal 3 (management) against apart 1 (medewerkers) → integraal
        let cwi = vorm.partner("cwi").unwrap();
        assert_eq!(cwi.choice.as_deref(), Some("integraal"));
        assert_eq!(
            cwi.counts,
            [
                ("apart".to_string(), 1),
                ("gedeeld".to_string(), 0),
                ("integraal".to_string(), 3)
            ]
        );
        assert_eq!(
            vorm.partner("uwv").unwrap().choice.as_deref(),
            Some("integraal")
        );
        assert_eq!(
            vorm.partner("gemeente").unwrap().choice.as_deref(),
            Some("gedeeld")
        );
        // integraal, integraal, gedeeld → no agreement
        assert_eq!(vorm.agrees, Some(false));
    }

    #[test]
    fn choice_agrees_only_when_every_partner_chose_the_same() {
        let same = round(
            "r.toml",
            "2007-03-15",
            vec![
                response("cwi", 1).choice("loket-vorm", "integraal"),
                response("uwv", 4).choice("loket-vorm", "integraal"),
            ],
        );
        let now = now_of(&region(vec![same]));
        let vorm = now.choice("loket-vorm").unwrap();
        // gemeente did not answer: shown as no choice, and not counted as agreeing.
        assert_eq!(vorm.partner("gemeente").unwrap().choice, None);
        assert_eq!(vorm.agrees, None);

        let all = round(
            "r.toml",
            "2007-03-15",
            vec![
                response("cwi", 1).choice("loket-vorm", "integraal"),
                response("uwv", 4).choice("loket-vorm", "integraal"),
                response("gemeente", 2).choice("loket-vorm", "integraal"),
            ],
        );
        assert_eq!(
            now_of(&region(vec![all]))
                .choice("loket-vorm")
                .unwrap()
                .agrees,
            Some(true)
        );

        // Two partners that chose differently differ, though the third said nothing.
        let split = round(
            "r.toml",
            "2007-03-15",
            vec![
                response("cwi", 1).choice("loket-vorm", "integraal"),
                response("uwv", 4).choice("loket-vorm", "apart"),
            ],
        );
        assert_eq!(
            now_of(&region(vec![split]))
                .choice("loket-vorm")
                .unwrap()
                .agrees,
            Some(false)
        );
    }

    #[test]
    fn choice_of_a_single_partner_is_not_agreement() {
        let alone = round(
            "r.toml",
            "2007-03-15",
            vec![response("cwi", 5).choice("loket-vorm", "apart")],
        );
        let now = now_of(&region(vec![alone]));
        // One partner alone neither agrees nor differs; nobody at all neither.
        assert_eq!(now.choice("loket-vorm").unwrap().agrees, None);
    }

    #[test]
    fn choice_tie_goes_to_the_option_listed_first() {
        // cwi: integraal 2 (written first in the file), apart 2 → tie; apart is listed first
        // in the question, so apart wins whatever the order of the responses.
        let tie = round(
            "r.toml",
            "2007-03-15",
            vec![
                response("cwi", 2).choice("loket-vorm", "integraal"),
                response("cwi", 2).choice("loket-vorm", "apart"),
            ],
        );
        let now = now_of(&region(vec![tie]));
        let cwi = now
            .choice("loket-vorm")
            .unwrap()
            .partner("cwi")
            .unwrap()
            .clone();
        assert_eq!(cwi.choice.as_deref(), Some("apart"));
    }

    // ---- rounds and change ----

    /// A second round a year later. Figures in `change_is_now_minus_the_previous_round`.
    fn vervolgmeting() -> Round {
        round(
            "content/regions/haarlemmermeer/quickscan-2008.toml",
            "2008-03-15",
            vec![
                response("cwi", 2)
                    .score("doelen-1", 4.0)
                    .score("doelen-2", 4.0),
                response("uwv", 1).score("doelen-1", 3.0),
                response("gemeente", 1).score("loket-1", 2.0),
            ],
        )
    }

    #[test]
    fn change_is_now_minus_the_previous_round() {
        // Given newest first, to show the order comes from the dates.
        let mirror = mirror(&region(vec![vervolgmeting(), nulmeting()]), &quickscan()).unwrap();
        assert_eq!(mirror.rounds.len(), 2);
        assert_eq!(mirror.now().date, Date::parse("2008-03-15").unwrap());
        assert_eq!(
            mirror.previous().unwrap().date,
            Date::parse("2007-03-15").unwrap()
        );
        let now = mirror.now();
        // cwi doelen: now (4 + 4)/2 = 4.0, before 2.75 → +1.25
        assert_close(partner_theme(now, "doelen", "cwi").change, Some(1.25));
        // uwv doelen: now 3.0, before 4.0 → −1.0
        assert_close(partner_theme(now, "doelen", "uwv").change, Some(-1.0));
        // gemeente loket: now 2.0, before 1.0 → +1.0
        assert_close(partner_theme(now, "loket", "gemeente").change, Some(1.0));
        // gemeente doelen: no answer either time; cwi loket: no answer now → no change.
        assert_close(partner_theme(now, "doelen", "gemeente").change, None);
        assert_close(partner_theme(now, "loket", "cwi").change, None);
        // The oldest round has nothing to compare with.
        assert_close(
            partner_theme(&mirror.rounds[0], "doelen", "cwi").change,
            None,
        );
    }

    #[test]
    fn change_is_against_the_immediately_previous_round() {
        // 2007: uwv doelen 4.0; 2008: 3.0; 2009: 5.0 → change 5.0 − 3.0 = 2.0, not 5.0 − 4.0.
        let third = round(
            "c.toml",
            "2009-03-15",
            vec![response("uwv", 1).score("doelen-1", 5.0)],
        );
        let mirror = mirror(
            &region(vec![nulmeting(), third, vervolgmeting()]),
            &quickscan(),
        )
        .unwrap();
        assert_close(
            partner_theme(mirror.now(), "doelen", "uwv").change,
            Some(2.0),
        );
    }

    #[test]
    fn rounds_on_the_same_date_are_ordered_by_file() {
        let b = round(
            "b.toml",
            "2007-03-15",
            vec![response("uwv", 1).score("doelen-1", 2.0)],
        );
        let a = round(
            "a.toml",
            "2007-03-15",
            vec![response("uwv", 1).score("doelen-1", 5.0)],
        );
        let mirror = mirror(&region(vec![b, a]), &quickscan()).unwrap();
        assert_eq!(mirror.now().file, PathBuf::from("b.toml"));
        // 2.0 − 5.0 = −3.0
        assert_close(
            partner_theme(mirror.now(), "doelen", "uwv").change,
            Some(-3.0),
        );
    }

    #[test]
    fn no_mirror_without_a_round_of_the_questionnaire() {
        let mut other = nulmeting();
        other.questionnaire = "andere".to_string();
        assert_eq!(mirror(&region(vec![other]), &quickscan()), None);
        assert_eq!(mirror(&region(Vec::new()), &quickscan()), None);
    }

    // ---- role view ----

    #[test]
    fn role_view_computes_the_same_means_over_one_role() {
        let now = now_of(&region(vec![nulmeting()]));
        // Roles in the round, in questionnaire order; uwv's response has no role.
        let roles: Vec<_> = now.roles.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(roles, ["management", "medewerkers"]);
        let management = now.role("management").unwrap();
        let doelen = &management.themes[0];
        // cwi management: doelen-1 3·2/3 = 2.0, doelen-2 3.0 → (2 + 3)/2 = 2.5
        assert_close(doelen.partner("cwi").unwrap().now, Some(2.5));
        // desired 4.5 → gap 4.5 − 2.5 = 2.0
        assert_close(doelen.partner("cwi").unwrap().gap, Some(2.0));
        // uwv answered without a role: not in the management view.
        assert_close(doelen.partner("uwv").unwrap().now, None);
        // gemeente management: loket-1 1.0
        assert_close(
            management.themes[1].partner("gemeente").unwrap().now,
            Some(1.0),
        );
        // cwi medewerkers: doelen-1 4.0 (doelen-2 skipped) → 4.0
        let medewerkers = now.role("medewerkers").unwrap();
        assert_close(medewerkers.themes[0].partner("cwi").unwrap().now, Some(4.0));
    }

    #[test]
    fn roles_not_in_the_round_are_left_out() {
        let only_staff = round(
            "r.toml",
            "2007-03-15",
            vec![response("cwi", 1)
                .role("medewerkers")
                .score("doelen-1", 3.0)],
        );
        let now = now_of(&region(vec![only_staff]));
        let roles: Vec<_> = now.roles.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(roles, ["medewerkers"]);
    }

    #[test]
    fn role_view_change_compares_the_same_role() {
        let later = round(
            "later.toml",
            "2008-03-15",
            vec![response("cwi", 1).role("management").score("doelen-1", 4.0)],
        );
        let mirror = mirror(&region(vec![nulmeting(), later]), &quickscan()).unwrap();
        let management = mirror.now().role("management").unwrap();
        // cwi management doelen: now 4.0, before 2.5 → +1.5
        assert_close(
            management.themes[0].partner("cwi").unwrap().change,
            Some(1.5),
        );
    }
}
