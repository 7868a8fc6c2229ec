//! Raw documents: the TOML exactly as written, with positions, before any cross-checking.
//!
//! Every struct denies unknown keys so a typo is an error with a position, except under
//! `extra`, which every table takes (the contract: "unless they sit under an `extra` table").
//! Values whose checks need a good message of our own (dates, scores, ids) are kept as
//! `Spanned` so `check` can point at them.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::model::{AgendaStatus, NoteKind, PracticeStatus, Stage};

/// A value with its byte span in the TOML text.
pub type Sp<T> = Spanned<T>;

/// content/questionnaires/<id>.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub scale: Sp<RawScale>,
    #[serde(default)]
    pub roles: Vec<Sp<String>>,
    #[serde(default)]
    pub themes: Vec<RawTheme>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// The `scale` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub min: f64,
    pub max: f64,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One `[[themes]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub id: Sp<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// The `type` of a question.
#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawQuestionType {
    #[default]
    Scale,
    Choice,
}

/// One `[[questions]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Sp<String>,
    pub theme: Sp<String>,
    pub text: String,
    #[serde(default, rename = "type")]
    pub kind: RawQuestionType,
    #[serde(default)]
    pub options: Option<Sp<Vec<RawOption>>>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One option of a choice question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Sp<String>,
    pub label: String,
    #[serde(default)]
    pub extra: toml::Table,
}

/// content/regions/<slug>/<name>.toml: one round of results.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResults {
    pub questionnaire: Sp<String>,
    pub date: Sp<toml::Value>,
    #[serde(default)]
    pub round: Option<String>,
    #[serde(default)]
    pub responses: Vec<RawResponse>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One `[[responses]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    pub partner: Sp<String>,
    #[serde(default)]
    pub role: Option<Sp<String>>,
    #[serde(default)]
    pub respondents: Option<Sp<i64>>,
    #[serde(default)]
    pub answers: BTreeMap<Sp<String>, Sp<toml::Value>>,
    #[serde(default)]
    pub desired: BTreeMap<Sp<String>, Sp<toml::Value>>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// Front matter of content/regions/<slug>/_index.md.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub bvg: Vec<String>,
    #[serde(default = "default_stage")]
    pub stage: Stage,
    #[serde(default)]
    pub partners: Vec<RawPartner>,
    #[serde(default)]
    pub wishes: Vec<RawWish>,
    #[serde(default)]
    pub agenda: Vec<RawAgendaPoint>,
    #[serde(default)]
    pub milestones: Vec<RawMilestone>,
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_stage() -> Stage {
    Stage::Orientatie
}

/// One entry of `partners`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartner {
    pub id: Sp<String>,
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One `[[wishes]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWish {
    pub text: String,
    #[serde(default)]
    pub themes: Vec<Sp<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// One `[[agenda]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgendaPoint {
    pub title: String,
    #[serde(default)]
    pub owner: Option<Sp<String>>,
    #[serde(default)]
    pub due: Option<Sp<toml::Value>>,
    #[serde(default = "default_agenda_status")]
    pub status: AgendaStatus,
    #[serde(default)]
    pub themes: Vec<Sp<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_agenda_status() -> AgendaStatus {
    AgendaStatus::Open
}

/// One `[[milestones]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    pub stage: Stage,
    pub date: Sp<toml::Value>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// Front matter of a note.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub title: String,
    pub date: Sp<toml::Value>,
    #[serde(default = "default_note_kind")]
    pub kind: NoteKind,
    #[serde(default)]
    pub regions: Vec<Sp<String>>,
    #[serde(default)]
    pub practices: Vec<Sp<String>>,
    #[serde(default)]
    pub themes: Vec<Sp<String>>,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_note_kind() -> NoteKind {
    NoteKind::Verslag
}

/// Front matter of a good practice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPractice {
    pub title: String,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub region: Option<Sp<String>>,
    #[serde(default)]
    pub themes: Vec<Sp<String>>,
    #[serde(default = "default_practice_status")]
    pub status: PracticeStatus,
    #[serde(default)]
    pub since: Option<Sp<toml::Value>>,
    #[serde(default)]
    pub results: Vec<String>,
    #[serde(default)]
    pub lessons: Vec<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_practice_status() -> PracticeStatus {
    PracticeStatus::Idee
}

/// Front matter of a free page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: toml::Table,
}

/// Front matter of the home page text (content/_index.md).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}
