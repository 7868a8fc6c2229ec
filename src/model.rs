//! model: the checked, typed site that every stage after `check` works on.
//!
//! Nothing here holds raw TOML: ids are validated, dates are real dates, answers are typed.
//! Lists are sorted (see [`crate::check`]) so every later stage is deterministic.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Config;

/// A calendar date (no time of day), as used throughout the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year, e.g. 2007.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (valid for the month).
    pub day: u8,
}

impl Date {
    /// A date if the day exists in that month (leap years included).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An id that many figures name (a partner's, in every mean of every round): one shared copy
/// rather than a string each. Reads as a `str`.
pub type Id = std::sync::Arc<str>;

/// Markdown source of a content file, with where it sits in the file for diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Site-relative path of the file (e.g. `content/notes/x.md`).
    pub file: PathBuf,
    /// The Markdown text after the front matter.
    pub text: BodyText,
    /// Byte offset of `text` in the file, so spans in the body map to file line:col.
    pub offset: usize,
}

/// The tail of a file's text from some byte on, sharing the whole text with the other holders
/// of it (the diagnostics' source map, the preview server's caches) rather than each holding a
/// copy: at 10,000 notes a copy is ~80 MB. Reads as the `str` it stands for.
#[derive(Clone, Default)]
pub struct BodyText {
    file: std::sync::Arc<str>,
    start: usize,
}

impl BodyText {
    /// The part of `file` from byte `start` on (`start` at a character boundary, as a parser
    /// gives it; anything else reads as empty).
    pub fn tail(file: &std::sync::Arc<str>, start: usize) -> Self {
        let start = if file.is_char_boundary(start) {
            start
        } else {
            file.len()
        };
        BodyText {
            file: file.clone(),
            start,
        }
    }
}

impl std::ops::Deref for BodyText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.file[self.start..]
    }
}

impl AsRef<str> for BodyText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&str> for BodyText {
    fn from(text: &str) -> Self {
        BodyText {
            file: text.into(),
            start: 0,
        }
    }
}

impl From<String> for BodyText {
    fn from(text: String) -> Self {
        BodyText {
            file: text.into(),
            start: 0,
        }
    }
}

impl PartialEq for BodyText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for BodyText {}

impl std::hash::Hash for BodyText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for BodyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl serde::Serialize for BodyText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// The whole checked site.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// site.toml.
    pub config: Config,
    /// Home page text (content/_index.md), if any.
    pub home: Option<HomeText>,
    /// Questionnaire definitions, sorted by id.
    pub questionnaires: Vec<Questionnaire>,
    /// Regions, sorted by slug.
    pub regions: Vec<Region>,
    /// Notes, newest first (then by slug). Drafts only when building with drafts.
    pub notes: Vec<Note>,
    /// Good practices, sorted by title (then slug).
    pub practices: Vec<Practice>,
    /// Free pages, sorted by weight, then title.
    pub pages: Vec<FreePage>,
    /// Files under content/static/, as paths relative to content/static/, sorted.
    pub static_files: Vec<PathBuf>,
    /// Where every published content file ends up: the one map all links resolve against.
    pub permalinks: crate::links::Permalinks,
    /// Whether some file or folder under content/ is a symbolic link: then one file can be
    /// read under two names, and the preview's short cuts, which know each file by its own
    /// name, leave every rebuild to the whole build.
    pub symlinks: bool,
}

impl Site {
    /// Takes every round's responses out of the site, leaving the rounds (file, date,
    /// label) in place: what a build that has analysed the answers no longer needs.
    pub fn take_responses(&mut self) -> Vec<Vec<Response>> {
        self.regions
            .iter_mut()
            .flat_map(|r| r.rounds.iter_mut())
            .map(|round| std::mem::take(&mut round.responses))
            .collect()
    }

    /// Every theme of every questionnaire, in questionnaire then definition order, without
    /// duplicate ids (the first definition of an id wins).
    pub fn themes(&self) -> Vec<&Theme> {
        let mut seen = std::collections::BTreeSet::new();
        self.questionnaires
            .iter()
            .flat_map(|q| q.themes.iter())
            .filter(|t| seen.insert(t.id.as_str()))
            .collect()
    }

    /// Looks up a region by slug.
    pub fn region(&self, slug: &str) -> Option<&Region> {
        // Regions are sorted by slug: a binary search, with a scan as the fallback for a site
        // built by hand in another order.
        match self.regions.binary_search_by(|r| r.slug.as_str().cmp(slug)) {
            Ok(i) => Some(&self.regions[i]),
            Err(_) => self.regions.iter().find(|r| r.slug == slug),
        }
    }

    /// Looks up a practice by slug.
    pub fn practice(&self, slug: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.slug == slug)
    }

    /// Looks up a questionnaire by id.
    pub fn questionnaire(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.id == id)
    }
}

/// The home page's own text.
#[derive(Debug, Clone)]
pub struct HomeText {
    /// Optional title above the text.
    pub title: Option<String>,
    /// Markdown.
    pub body: Body,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
}

/// The answer scale of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
    /// Labels for the whole-number points, lowest first (may be empty).
    pub labels: Vec<String>,
}

/// A questionnaire definition (content/questionnaires/<id>.toml).
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    /// The file name without `.toml`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Answer scale of the scale questions.
    pub scale: Scale,
    /// Who may answer (e.g. management, medewerkers); empty when roles are not used.
    pub roles: Vec<String>,
    /// Themes in definition order.
    pub themes: Vec<Theme>,
    /// Questions in definition order.
    pub questions: Vec<Question>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

impl Questionnaire {
    /// Looks up a question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| &*q.id == id)
    }

    /// A theme's title, or the id itself for a theme this questionnaire does not define.
    pub fn theme_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.themes
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.title.as_str())
    }

    /// The questions of one theme, in definition order.
    pub fn questions_of<'a>(&'a self, theme: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.theme == theme)
    }
}

/// A theme of a questionnaire; themes are also what wishes, agenda points, notes and practices
/// are tagged with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// Stable id (used in URLs: `thema/<id>/`).
    pub id: String,
    /// Display title.
    pub title: String,
    /// Optional one-paragraph description.
    pub description: Option<String>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Stable id, unique within its questionnaire.
    pub id: Id,
    /// Theme id.
    pub theme: String,
    /// The question as asked.
    pub text: String,
    /// Scale or choice.
    pub kind: QuestionKind,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum QuestionKind {
    /// A score on the questionnaire's scale, now and optionally desired.
    Scale,
    /// One of a list of options.
    Choice(Vec<ChoiceOption>),
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceOption {
    /// Stable id, used in results files.
    pub id: String,
    /// Display label.
    pub label: String,
}

/// Where a region is in the Ketenspiegel process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Orientation interview held.
    Orientatie,
    /// Quick Scan questionnaire being filled in.
    Quickscan,
    /// Management and employee workshops.
    Workshops,
    /// Agenda agreed.
    Agenda,
    /// Three months of support while carrying out the agenda.
    Begeleiding,
    /// Finished.
    Afgerond,
}

impl Stage {
    /// All stages in process order.
    pub const ALL: [Stage; 6] = [
        Stage::Orientatie,
        Stage::Quickscan,
        Stage::Workshops,
        Stage::Agenda,
        Stage::Begeleiding,
        Stage::Afgerond,
    ];

    /// The id as written in content.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Orientatie => "orientatie",
            Stage::Quickscan => "quickscan",
            Stage::Workshops => "workshops",
            Stage::Agenda => "agenda",
            Stage::Begeleiding => "begeleiding",
            Stage::Afgerond => "afgerond",
        }
    }
}

/// Status of an agenda point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgendaStatus {
    /// Agreed, not started.
    Open,
    /// In progress.
    Bezig,
    /// Done.
    Gereed,
    /// Dropped.
    Vervallen,
}

impl AgendaStatus {
    /// All statuses in display order.
    pub const ALL: [AgendaStatus; 4] = [
        AgendaStatus::Open,
        AgendaStatus::Bezig,
        AgendaStatus::Gereed,
        AgendaStatus::Vervallen,
    ];

    /// The id as written in content.
    pub fn id(self) -> &'static str {
        match self {
            AgendaStatus::Open => "open",
            AgendaStatus::Bezig => "bezig",
            AgendaStatus::Gereed => "gereed",
            AgendaStatus::Vervallen => "vervallen",
        }
    }
}

/// Status of a good practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PracticeStatus {
    /// An idea, not yet tried.
    Idee,
    /// Being tried.
    Pilot,
    /// Part of the way of working.
    Structureel,
    /// Stopped; kept for its lessons.
    Gestopt,
}

impl PracticeStatus {
    /// All statuses in display order.
    pub const ALL: [PracticeStatus; 4] = [
        PracticeStatus::Structureel,
        PracticeStatus::Pilot,
        PracticeStatus::Idee,
        PracticeStatus::Gestopt,
    ];

    /// The id as written in content.
    pub fn id(self) -> &'static str {
        match self {
            PracticeStatus::Idee => "idee",
            PracticeStatus::Pilot => "pilot",
            PracticeStatus::Structureel => "structureel",
            PracticeStatus::Gestopt => "gestopt",
        }
    }
}

/// Kind of note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// An (orientation) interview.
    Interview,
    /// A working visit.
    Werkbezoek,
    /// Workshop minutes.
    Workshop,
    /// Any other report.
    Verslag,
}

impl NoteKind {
    /// The id as written in content.
    pub fn id(self) -> &'static str {
        match self {
            NoteKind::Interview => "interview",
            NoteKind::Werkbezoek => "werkbezoek",
            NoteKind::Workshop => "workshop",
            NoteKind::Verslag => "verslag",
        }
    }
}

/// A chain partner in a region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Id used in results files and as agenda owner.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Free text kind: cwi, uwv, gemeente, …
    pub kind: Option<String>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// An improvement wish of a region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wish {
    /// The wish in the region's words.
    pub text: String,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// An agenda point all partners commit to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaPoint {
    /// What will be done.
    pub title: String,
    /// Partner id of the owner, if any.
    pub owner: Option<String>,
    /// Due date, if any.
    pub due: Option<Date>,
    /// Status.
    pub status: AgendaStatus,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// A step of the Ketenspiegel process as it happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// Stage reached.
    pub stage: Stage,
    /// When.
    pub date: Date,
    /// Optional remark.
    pub note: Option<String>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// A region (content/regions/<slug>/_index.md plus its results files).
#[derive(Debug, Clone)]
pub struct Region {
    /// Folder name, slugified.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Free text: REKO region, BVG, labour-market region.
    pub kind: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// Shared office buildings (BVG).
    pub bvg: Vec<String>,
    /// Current stage.
    pub stage: Stage,
    /// Chain partners, in the order written.
    pub partners: Vec<Partner>,
    /// Improvement wishes.
    pub wishes: Vec<Wish>,
    /// Agenda points.
    pub agenda: Vec<AgendaPoint>,
    /// Milestones, by date.
    pub milestones: Vec<Milestone>,
    /// Questionnaire rounds, by questionnaire id then date (oldest first).
    pub rounds: Vec<Round>,
    /// Profile text.
    pub body: Body,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
}

impl Region {
    /// A partner's display name, or the id itself for a partner the region does not list.
    pub fn partner_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.partner(id).map_or(id, |p| p.name.as_str())
    }

    /// Looks up a partner by id.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| &*p.id == id)
    }
}

/// One round of questionnaire results for a region (one results file).
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// Site-relative path of the results file.
    pub file: PathBuf,
    /// Questionnaire id.
    pub questionnaire: String,
    /// When the questionnaire was filled in.
    pub date: Date,
    /// Optional label (nulmeting, vervolgmeting).
    pub label: Option<String>,
    /// The responses.
    pub responses: Vec<Response>,
    /// Free-form data for templates (its `[extra]` table).
    pub extra: serde_json::Value,
}

/// One respondent, or one group answering together.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Partner id.
    pub partner: String,
    /// Role, one of the questionnaire's roles.
    pub role: Option<String>,
    /// How many people this response stands for (≥ 1).
    pub respondents: u32,
    /// Answers by question id.
    pub answers: BTreeMap<Id, Answer>,
    /// Desired scores by question id (scale questions only).
    pub desired: BTreeMap<Id, f64>,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A score on the scale.
    Score(f64),
    /// The id of a choice option.
    Choice(String),
}

/// A note: interview, visit report, workshop minutes.
#[derive(Debug, Clone)]
pub struct Note {
    /// File name without `.md`, slugified.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Kind.
    pub kind: NoteKind,
    /// Region slugs.
    pub regions: Vec<String>,
    /// Practice slugs.
    pub practices: Vec<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Who took part.
    pub participants: Vec<String>,
    /// A draft (only built with `--drafts`).
    pub draft: bool,
    /// Markdown.
    pub body: Body,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
}

/// A good practice.
#[derive(Debug, Clone)]
pub struct Practice {
    /// File name without `.md`, slugified.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Where it runs.
    pub site: Option<String>,
    /// Region slug, if it belongs to one.
    pub region: Option<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Status.
    pub status: PracticeStatus,
    /// Running since.
    pub since: Option<Date>,
    /// Results seen.
    pub results: Vec<String>,
    /// Lessons learned.
    pub lessons: Vec<String>,
    /// Who to ask.
    pub contact: Option<String>,
    /// Markdown.
    pub body: Body,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
}

/// A free page (content/pages/<slug>.md), published at `<slug>/`.
#[derive(Debug, Clone)]
pub struct FreePage {
    /// File name without `.md`, slugified.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Order in the navigation (lower first); pages without weight are not in the navigation.
    pub weight: Option<i64>,
    /// A draft (only built with `--drafts`; marked "concept" on the page).
    pub draft: bool,
    /// Markdown.
    pub body: Body,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
}
