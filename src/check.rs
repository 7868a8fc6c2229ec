//! check: [`RawSite`] → [`Site`] plus diagnostics. Every cross-reference (region, practice,
//! theme, partner, questionnaire, question, role, option), every date and every score is
//! validated here, with a position and a hint, and every problem of the run is collected.
//! Nothing after this stage sees raw TOML.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml::Value;

use crate::content::raw::*;
use crate::content::{Document, RawRegionDir, RawSite};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::suggest;
use crate::urls;

/// What to include in the checked site.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Keep notes and pages marked `draft = true`.
    pub drafts: bool,
}

/// Free-page slugs that would write over a generated section.
const RESERVED_SLUGS: [&str; 9] = [
    "regio",
    "notities",
    "praktijken",
    "thema",
    "vergelijken",
    "landelijk",
    "zoeken",
    "static",
    "assets",
];

/// Checks the raw site and builds the typed model. The model is complete only when the
/// diagnostics hold no error.
pub fn check(mut raw: RawSite, options: CheckOptions) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let questionnaires: Vec<Questionnaire> = raw
        .questionnaires
        .iter()
        .map(|doc| questionnaire(doc, &mut diags))
        .collect();
    theme_urls(&raw.questionnaires, &mut diags);
    theme_titles(&raw.questionnaires, &mut diags);
    let theme_ids: Vec<String> = {
        let mut seen = BTreeSet::new();
        questionnaires
            .iter()
            .flat_map(|q| q.themes.iter().map(|t| t.id.clone()))
            .filter(|id| seen.insert(id.clone()))
            .collect()
    };
    let region_slugs: Vec<String> = raw.regions.iter().map(|r| r.slug.clone()).collect();
    // A practice whose file has an error of its own still exists: a reference to it is
    // not a second error.
    let practice_slugs: Vec<String> = raw
        .practices
        .iter()
        .map(|p| p.slug.clone())
        .chain(raw.unparsed.practices.iter().cloned())
        .collect();
    let ids = Ids {
        themes: &theme_ids,
        regions: &region_slugs,
        practices: &practice_slugs,
        questionnaires: &questionnaires,
        unparsed_questionnaires: &raw.unparsed.questionnaires,
    };

    // Each file is checked on its own, in parallel; the diagnostics keep the files' order.
    let mut regions: Vec<Region> = each(&raw.regions, &mut diags, |dir, d| region(dir, &ids, d))
        .into_iter()
        .flatten()
        .collect();
    let mut notes: Vec<Note> = each(&raw.notes, &mut diags, |doc, d| note(doc, &ids, d))
        .into_iter()
        .flatten()
        .filter(|n| options.drafts || !n.draft)
        .collect();
    let mut practices: Vec<Practice> =
        each(&raw.practices, &mut diags, |doc, d| practice(doc, &ids, d));
    let mut permalinks = raw.permalinks.clone();
    if !options.drafts {
        let drafts = raw
            .notes
            .iter()
            .filter(|d| d.data.draft)
            .map(|d| &d.content_path);
        let draft_pages = raw
            .pages
            .iter()
            .filter(|d| d.data.draft)
            .map(|d| &d.content_path);
        for path in drafts.chain(draft_pages) {
            permalinks.remove(path);
        }
    }
    let mut pages: Vec<(FreePage, bool)> = raw
        .pages
        .iter()
        .filter_map(|doc| page(doc, &mut diags))
        .collect();
    pages.retain(|(_, draft)| options.drafts || !draft);
    let mut pages: Vec<FreePage> = pages.into_iter().map(|(p, _)| p).collect();

    check_url_clashes(&raw, &mut diags);

    regions.sort_by(|a, b| a.slug.cmp(&b.slug));
    notes.sort_by(note_order);
    practices.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.slug.cmp(&b.slug)));
    pages.sort_by(|a, b| {
        (a.weight.unwrap_or(i64::MAX), &a.title).cmp(&(b.weight.unwrap_or(i64::MAX), &b.title))
    });
    let mut questionnaires = questionnaires;
    questionnaires.sort_by(|a, b| a.id.cmp(&b.id));

    let home = raw.home.as_ref().map(|doc| HomeText {
        title: doc.data.title.clone(),
        body: doc.body.clone(),
        extra: table_to_json(&doc.data.extra),
    });

    let site = Site {
        config: std::mem::take(&mut raw.config),
        home,
        questionnaires,
        regions,
        notes,
        practices,
        pages,
        static_files: std::mem::take(&mut raw.static_files),
        permalinks,
        symlinks: raw.symlinks,
    };
    // The parsed files are ~10⁶ small blocks at 10,000 notes; nothing waits for them to go.
    crate::drop_in_background(raw);
    (site, diags)
}

/// `check` applied to every item in parallel: the results and the diagnostics, both in the
/// items' order (so a run reports the same problems in the same order every time).
fn each<T: Sync, R: Send>(
    items: &[T],
    diags: &mut Diagnostics,
    check: impl Fn(&T, &mut Diagnostics) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let checked: Vec<(R, Diagnostics)> = items
        .par_iter()
        .map(|item| {
            let mut own = Diagnostics::new();
            let result = check(item, &mut own);
            (result, own)
        })
        .collect();
    checked
        .into_iter()
        .map(|(result, own)| {
            diags.extend(own);
            result
        })
        .collect()
}

/// The ids a reference may point at.
struct Ids<'a> {
    themes: &'a [String],
    regions: &'a [String],
    practices: &'a [String],
    questionnaires: &'a [Questionnaire],
    /// Questionnaires whose files did not parse: their themes are not known, so while there
    /// is one no theme reference is reported unknown, and results of one are not checked
    /// (the file's own error says what to fix first).
    unparsed_questionnaires: &'a [String],
}

fn questionnaire(doc: &Document<RawQuestionnaire>, diags: &mut Diagnostics) -> Questionnaire {
    let raw = &doc.data;
    let scale = raw.scale.get_ref();
    if scale.min >= scale.max || !scale.min.is_finite() || !scale.max.is_finite() {
        diags.push(
            Diagnostic::error(&doc.file, "scale minimum must be below its maximum")
                .at(doc.span(&raw.scale))
                .help("for example: scale = { min = 1, max = 5 }"),
        );
    }
    let points = scale.max - scale.min + 1.0;
    let whole = scale.min.fract() == 0.0 && scale.max.fract() == 0.0 && scale.min < scale.max;
    // Fewer labels than points may name only the ends ("helemaal niet", "zeker wel"); more
    // can only be a mistake.
    if whole && scale.labels.len() as f64 > points {
        diags.push(
            Diagnostic::warning(
                &doc.file,
                format!(
                    "the scale has {} label(s) for its {} points",
                    scale.labels.len(),
                    points
                ),
            )
            .at(doc.span(&raw.scale))
            .help("one label per whole point from min to max, lowest first (or none at all)"),
        );
    }
    let mut roles = Vec::new();
    for role in &raw.roles {
        if roles.contains(role.get_ref()) {
            diags.push(duplicate(doc, role, "role"));
        } else {
            roles.push(role.get_ref().clone());
        }
    }
    let mut themes: Vec<Theme> = Vec::new();
    for t in &raw.themes {
        if themes.iter().any(|x| &x.id == t.id.get_ref()) {
            diags.push(duplicate(doc, &t.id, "theme id"));
            continue;
        }
        // The theme's URL is `thema/<slug of the id>/` (`urls::theme`), so an id must have
        // a letter or digit to make it from; ids that share a slug are caught site-wide in
        // `theme_urls`.
        if crate::slug::slugify(t.id.get_ref())
            .trim_matches('-')
            .is_empty()
        {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!(
                        "theme id `{}` has no letter or digit to make its URL from",
                        t.id.get_ref()
                    ),
                )
                .at(doc.span(&t.id))
                .label("used for the theme's URL, thema/<id>/")
                .help("for example: id = \"loket\""),
            );
        }
        themes.push(Theme {
            id: t.id.get_ref().clone(),
            title: t.title.clone(),
            description: t.description.clone(),
            extra: table_to_json(&t.extra),
        });
    }
    let theme_ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let mut questions: Vec<Question> = Vec::new();
    for q in &raw.questions {
        if questions.iter().any(|x| *x.id == **q.id.get_ref()) {
            diags.push(duplicate(doc, &q.id, "question id"));
            continue;
        }
        check_ref(
            doc,
            &q.theme,
            &theme_ids,
            "theme",
            "themes defined in this questionnaire",
            diags,
        );
        let kind = match (q.kind, &q.options) {
            (RawQuestionType::Scale, None) => QuestionKind::Scale,
            (RawQuestionType::Scale, Some(opts)) => {
                diags.push(
                    Diagnostic::error(
                        &doc.file,
                        format!(
                            "question `{}` has options but is a scale question",
                            q.id.get_ref()
                        ),
                    )
                    .at(doc.span(opts))
                    .help("add `type = \"choice\"` to make it a choice question"),
                );
                QuestionKind::Scale
            }
            (RawQuestionType::Choice, opts) => {
                let list = opts.as_ref().map(|o| o.get_ref().as_slice()).unwrap_or(&[]);
                if list.len() < 2 {
                    diags.push(
                        Diagnostic::error(&doc.file, format!("choice question `{}` needs at least two options", q.id.get_ref()))
                            .at(doc.span(&q.id))
                            .help("add options = [{ id = \"a\", label = \"…\" }, { id = \"b\", label = \"…\" }]"),
                    );
                }
                let mut options: Vec<ChoiceOption> = Vec::new();
                for o in list {
                    if options.iter().any(|x| &x.id == o.id.get_ref()) {
                        diags.push(duplicate(doc, &o.id, "option id"));
                        continue;
                    }
                    options.push(ChoiceOption {
                        id: o.id.get_ref().clone(),
                        label: o.label.clone(),
                    });
                }
                QuestionKind::Choice(options)
            }
        };
        questions.push(Question {
            id: q.id.get_ref().as_str().into(),
            theme: q.theme.get_ref().clone(),
            text: q.text.clone(),
            kind,
        });
    }
    Questionnaire {
        id: doc.slug.clone(),
        title: raw.title.clone(),
        scale: Scale {
            min: scale.min,
            max: scale.max,
            labels: scale.labels.clone(),
        },
        roles,
        themes,
        questions,
        extra: table_to_json(&raw.extra),
    }
}

/// Two different theme ids whose slugs are the same (`Loket` and `loket`) would share one
/// page, `thema/loket/`: an error at the later one. The same id in two questionnaires is one
/// theme, not a clash.
fn theme_urls(
    questionnaires: &[std::sync::Arc<Document<RawQuestionnaire>>],
    diags: &mut Diagnostics,
) {
    let mut by_url: BTreeMap<String, &str> = BTreeMap::new();
    for doc in questionnaires {
        for t in &doc.data.themes {
            let id = t.id.get_ref().as_str();
            let url = crate::urls::theme(id);
            match by_url.get(&url) {
                Some(first) if *first != id => diags.push(
                    Diagnostic::error(
                        &doc.file,
                        format!("theme ids `{first}` and `{id}` would share the page {url}"),
                    )
                    .at(doc.span(&t.id))
                    .label("a theme's URL is its id, lower-cased, accents folded")
                    .help(format!(
                        "use the id `{first}` for the same theme, or another id"
                    )),
                ),
                Some(_) => {}
                None => {
                    by_url.insert(url, id);
                }
            }
        }
    }
}

/// A theme id shared by questionnaires is one theme with one page, titled by its first
/// definition: a later definition with another title would be dropped without a word.
fn theme_titles(
    questionnaires: &[std::sync::Arc<Document<RawQuestionnaire>>],
    diags: &mut Diagnostics,
) {
    let mut first: BTreeMap<&str, (&str, &Path)> = BTreeMap::new();
    for doc in questionnaires {
        for t in &doc.data.themes {
            let id = t.id.get_ref().as_str();
            match first.get(id) {
                Some((title, file)) if *title != t.title && *file != doc.file => diags.push(
                    Diagnostic::warning(
                        &doc.file,
                        format!("theme `{id}` has another title in {}", file.display()),
                    )
                    .at(doc.span(&t.id))
                    .label(format!("its page is titled `{title}`, not `{}`", t.title))
                    .help("one id is one theme on every page: give both the same title, or this one another id"),
                ),
                Some(_) => {}
                None => {
                    first.insert(id, (t.title.as_str(), doc.file.as_path()));
                }
            }
        }
    }
}

fn region(dir: &RawRegionDir, ids: &Ids, diags: &mut Diagnostics) -> Option<Region> {
    let Some(doc) = dir.profile.as_ref() else {
        // The profile has an error of its own, or is missing (reported too): the results
        // are still checked against their questionnaires, so every problem shows in one run;
        // the partners they name are checked once the profile reads.
        for r in &dir.results {
            round(r, None, ids, diags);
        }
        return None;
    };
    let raw = &doc.data;
    let mut partners: Vec<Partner> = Vec::new();
    for p in &raw.partners {
        if partners.iter().any(|x| *x.id == **p.id.get_ref()) {
            diags.push(duplicate(doc, &p.id, "partner id"));
            continue;
        }
        partners.push(Partner {
            id: p.id.get_ref().as_str().into(),
            name: p.name.clone(),
            kind: p.kind.clone(),
            extra: table_to_json(&p.extra),
        });
    }
    let partner_ids: Vec<&str> = partners.iter().map(|p| &*p.id).collect();
    let wishes = raw
        .wishes
        .iter()
        .map(|w| Wish {
            text: w.text.clone(),
            themes: themes(doc, &w.themes, ids, diags),
            extra: table_to_json(&w.extra),
        })
        .collect();
    let agenda = raw
        .agenda
        .iter()
        .map(|a| {
            if let Some(owner) = &a.owner {
                check_ref(doc, owner, &partner_ids, "partner", "partners here", diags);
            }
            AgendaPoint {
                title: a.title.clone(),
                owner: a.owner.as_ref().map(|o| o.get_ref().clone()),
                due: a.due.as_ref().and_then(|d| date(doc, d, "due", diags)),
                status: a.status,
                themes: themes(doc, &a.themes, ids, diags),
                extra: table_to_json(&a.extra),
            }
        })
        .collect();
    let mut milestones: Vec<Milestone> = raw
        .milestones
        .iter()
        .filter_map(|m| {
            Some(Milestone {
                stage: m.stage,
                date: date(doc, &m.date, "date", diags)?,
                note: m.note.clone(),
                extra: table_to_json(&m.extra),
            })
        })
        .collect();
    milestones.sort_by_key(|m| (m.date, m.stage));

    let mut rounds: Vec<Round> = dir
        .results
        .iter()
        .filter_map(|r| round(r, Some(&partners), ids, diags))
        .collect();
    rounds.sort_by(round_order);
    same_day_rounds(dir, &rounds, diags);

    Some(Region {
        slug: dir.slug.clone(),
        name: raw.name.clone(),
        kind: raw.kind.clone(),
        province: raw.province.clone(),
        bvg: raw.bvg.clone(),
        stage: raw.stage,
        partners,
        wishes,
        agenda,
        milestones,
        rounds,
        body: doc.body.clone(),
        extra: table_to_json(&raw.extra),
    })
}

/// Two rounds of one questionnaire on the same date: one file is one round, and "now" is the
/// latest by date, so which one is "now" and what changed would depend on the file names.
fn same_day_rounds(dir: &RawRegionDir, rounds: &[Round], diags: &mut Diagnostics) {
    for pair in rounds.windows(2) {
        let [first, second] = pair else { continue };
        if first.questionnaire != second.questionnaire || first.date != second.date {
            continue;
        }
        let Some(doc) = dir.results.iter().find(|d| d.file == second.file) else {
            continue;
        };
        // A warning, not an error: sites that split one round over two files built before,
        // and still build; the pages then show the two as rounds in file-name order.
        diags.push(
            Diagnostic::warning(
                &doc.file,
                format!(
                    "a second round of `{}` on {}: {} has that date too",
                    second.questionnaire,
                    second.date,
                    first.file.display()
                ),
            )
            .at(doc.span(&doc.data.date))
            .label("same date as the other round")
            .help("one file is one round, and \"now\" is the latest by date: put the responses in one file, or give each round the date it was held"),
        );
    }
}

/// One results file as a round; `partners` are the region's, `None` when its profile did
/// not read (the partners named are not checked then).
fn round(
    doc: &Document<RawResults>,
    partners: Option<&[Partner]>,
    ids: &Ids,
    diags: &mut Diagnostics,
) -> Option<Round> {
    let raw = &doc.data;
    let date = date(doc, &raw.date, "date", diags);
    let Some(q) = ids
        .questionnaires
        .iter()
        .find(|q| &q.id == raw.questionnaire.get_ref())
    else {
        if ids
            .unparsed_questionnaires
            .contains(raw.questionnaire.get_ref())
        {
            return None;
        }
        let names: Vec<&str> = ids.questionnaires.iter().map(|q| q.id.as_str()).collect();
        diags.push(
            Diagnostic::error(
                &doc.file,
                format!("unknown questionnaire `{}`", raw.questionnaire.get_ref()),
            )
            .at(doc.span(&raw.questionnaire))
            .label("no such file in content/questionnaires/")
            .maybe_help(suggest::help_for(
                raw.questionnaire.get_ref(),
                names.iter().copied(),
                "questionnaires",
            )),
        );
        return None;
    };
    let partner_ids: Option<Vec<&str>> = partners.map(|ps| ps.iter().map(|p| &*p.id).collect());
    let role_ids: Vec<&str> = q.roles.iter().map(String::as_str).collect();
    // The answers' keys: the question ids as this file's own copies. Cloning the
    // questionnaire's shared ones for each of the ~270,000 answers at 10,000 notes made both
    // checking threads increment the same reference counts, and the cores fought over them
    // (~40 % of the time spent on answers).
    let question_ids: Vec<Id> = q.questions.iter().map(|x| Id::from(&*x.id)).collect();
    let responses = raw
        .responses
        .iter()
        .map(|r| {
            if let Some(partner_ids) = &partner_ids {
                check_ref(
                    doc,
                    &r.partner,
                    partner_ids,
                    "partner",
                    "partners here",
                    diags,
                );
            }
            if let Some(role) = &r.role {
                if role_ids.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            &doc.file,
                            format!("questionnaire `{}` defines no roles", q.id),
                        )
                        .at(doc.span(role))
                        .help("remove `role`, or add `roles = [...]` to the questionnaire"),
                    );
                } else {
                    check_ref(
                        doc,
                        role,
                        &role_ids,
                        "role",
                        "roles of this questionnaire",
                        diags,
                    );
                }
            }
            let respondents = match &r.respondents {
                None => 1,
                Some(n) if *n.get_ref() >= 1 && *n.get_ref() <= u32::MAX as i64 => {
                    *n.get_ref() as u32
                }
                Some(n) => {
                    let (message, help) = if *n.get_ref() < 1 {
                        (
                            format!("`respondents` must be at least 1, not {}", n.get_ref()),
                            "leave it out for a single respondent".to_string(),
                        )
                    } else {
                        (
                            format!("`respondents` is too large: {}", n.get_ref()),
                            format!("the count of people who answered, at most {}", u32::MAX),
                        )
                    };
                    diags.push(
                        Diagnostic::error(&doc.file, message)
                            .at(doc.span(n))
                            .help(help),
                    );
                    1
                }
            };
            Response {
                partner: r.partner.get_ref().clone(),
                role: r.role.as_ref().map(|x| x.get_ref().clone()),
                respondents,
                answers: answers(doc, q, &question_ids, &r.answers, diags),
                desired: desired(doc, q, &question_ids, &r.desired, diags),
            }
        })
        .collect();
    Some(Round {
        file: doc.file.clone(),
        questionnaire: q.id.clone(),
        date: date?,
        label: raw.round.clone(),
        responses,
        extra: table_to_json(&raw.extra),
    })
}

/// `question_ids`: the ids of `q`'s questions, in order, as the keys to use.
fn answers(
    doc: &Document<RawResults>,
    q: &Questionnaire,
    question_ids: &[Id],
    raw: &BTreeMap<Sp<String>, Sp<Value>>,
    diags: &mut Diagnostics,
) -> BTreeMap<Id, Answer> {
    let mut out = BTreeMap::new();
    for (key, value) in raw {
        let Some((index, question)) = known_question(doc, q, key, diags) else {
            continue;
        };
        let answer = match &question.kind {
            QuestionKind::Scale => score(doc, q, question, value, diags).map(Answer::Score),
            QuestionKind::Choice(options) => {
                choice(doc, question, options, value, diags).map(Answer::Choice)
            }
        };
        if let Some(a) = answer {
            out.insert(question_ids[index].clone(), a);
        }
    }
    out
}

/// `question_ids` as for [`answers`].
fn desired(
    doc: &Document<RawResults>,
    q: &Questionnaire,
    question_ids: &[Id],
    raw: &BTreeMap<Sp<String>, Sp<Value>>,
    diags: &mut Diagnostics,
) -> BTreeMap<Id, f64> {
    let mut out = BTreeMap::new();
    for (key, value) in raw {
        let Some((index, question)) = known_question(doc, q, key, diags) else {
            continue;
        };
        if question.kind != QuestionKind::Scale {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!(
                        "`{}` is a choice question and has no desired score",
                        question.id
                    ),
                )
                .at(doc.span(key))
                .help("desired scores are for scale questions only"),
            );
            continue;
        }
        if let Some(s) = score(doc, q, question, value, diags) {
            out.insert(question_ids[index].clone(), s);
        }
    }
    out
}

/// The question `key` names, with its place in `q.questions`; a diagnostic if there is none.
fn known_question<'q>(
    doc: &Document<RawResults>,
    q: &'q Questionnaire,
    key: &Sp<String>,
    diags: &mut Diagnostics,
) -> Option<(usize, &'q Question)> {
    let found = q
        .questions
        .iter()
        .enumerate()
        .find(|(_, x)| &*x.id == key.get_ref());
    if found.is_none() {
        let ids: Vec<&str> = q.questions.iter().map(|x| &*x.id).collect();
        diags.push(
            Diagnostic::error(&doc.file, format!("unknown question `{}`", key.get_ref()))
                .at(doc.span(key))
                .label(format!("not a question of `{}`", q.id))
                .maybe_help(suggest::help_for(
                    key.get_ref(),
                    ids.iter().copied(),
                    "questions",
                )),
        );
    }
    found
}

fn score(
    doc: &Document<RawResults>,
    q: &Questionnaire,
    question: &Question,
    value: &Sp<Value>,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let number = match value.get_ref() {
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        other => {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!("score for `{}` is not a number", question.id),
                )
                .at(doc.span(value))
                .label(format!("found {}", describe(other)))
                .help(format!(
                    "write a number from {} to {}, without quotes",
                    fmt_num(q.scale.min),
                    fmt_num(q.scale.max)
                )),
            );
            return None;
        }
    };
    // A scale that is itself wrong (min not below max) is reported once, at the
    // questionnaire; every score measured against it would only repeat that.
    let scale_ok = q.scale.min < q.scale.max;
    if !number.is_finite() || (scale_ok && (number < q.scale.min || number > q.scale.max)) {
        diags.push(
            Diagnostic::error(
                &doc.file,
                format!(
                    "score {} for `{}` is off the scale {}–{}",
                    fmt_num(number),
                    question.id,
                    fmt_num(q.scale.min),
                    fmt_num(q.scale.max)
                ),
            )
            .at(doc.span(value))
            .label("off the scale")
            .help(format!(
                "scores of `{}` run from {} to {}",
                q.id,
                fmt_num(q.scale.min),
                fmt_num(q.scale.max)
            )),
        );
        return None;
    }
    Some(number)
}

fn choice(
    doc: &Document<RawResults>,
    question: &Question,
    options: &[ChoiceOption],
    value: &Sp<Value>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
    match value.get_ref() {
        Value::String(s) if ids.contains(&s.as_str()) => Some(s.clone()),
        Value::String(s) => {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!("unknown option `{s}` for `{}`", question.id),
                )
                .at(doc.span(value))
                .maybe_help(suggest::help_for(s, ids.iter().copied(), "options")),
            );
            None
        }
        other => {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    format!(
                        "`{}` is a choice question: the answer must be an option id, not {}",
                        question.id,
                        describe(other)
                    ),
                )
                .at(doc.span(value))
                .help(format!(
                    "options: {}",
                    ids.iter()
                        .map(|i| format!("\"{i}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            None
        }
    }
}

/// The order of a region's rounds: by questionnaire, then date, then file.
pub(crate) fn round_order(a: &Round, b: &Round) -> std::cmp::Ordering {
    (&a.questionnaire, a.date, &a.file).cmp(&(&b.questionnaire, b.date, &b.file))
}

/// Checks one results file of `region` again against a checked site, as [`check`] checks it
/// among all files: for the preview's short cut after an edit to results
/// ([`crate::incremental`]). Two rounds on one day (a warning) are for the caller to find.
pub(crate) fn recheck_round(
    site: &Site,
    region: &Region,
    doc: &Document<RawResults>,
) -> (Option<Round>, Diagnostics) {
    let themes: Vec<String> = site.themes().iter().map(|t| t.id.clone()).collect();
    let ids = Ids {
        themes: &themes,
        regions: &[],
        practices: &[],
        questionnaires: &site.questionnaires,
        // The last whole build succeeded: every file parsed.
        unparsed_questionnaires: &[],
    };
    let mut diags = Diagnostics::new();
    let round = round(doc, Some(&region.partners), &ids, &mut diags);
    (round, diags)
}

/// The order of `Site::notes`: newest first, then by slug.
pub(crate) fn note_order(a: &Note, b: &Note) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
}

/// Checks one note again against a checked site, as [`check`] checks it among all files: for
/// the preview's short cut after an edit to a note's front matter ([`crate::incremental`]).
/// The ids it may name are the site's; only their order differs from `check`'s, which only
/// changes the order of suggestions in a diagnostic.
pub(crate) fn recheck_note(site: &Site, doc: &Document<RawNote>) -> (Option<Note>, Diagnostics) {
    let themes: Vec<String> = site.themes().iter().map(|t| t.id.clone()).collect();
    let regions: Vec<String> = site.regions.iter().map(|r| r.slug.clone()).collect();
    let practices: Vec<String> = site.practices.iter().map(|p| p.slug.clone()).collect();
    let ids = Ids {
        themes: &themes,
        regions: &regions,
        practices: &practices,
        questionnaires: &site.questionnaires,
        // The last whole build succeeded: every file parsed.
        unparsed_questionnaires: &[],
    };
    let mut diags = Diagnostics::new();
    let note = note(doc, &ids, &mut diags);
    (note, diags)
}

fn note(doc: &Document<RawNote>, ids: &Ids, diags: &mut Diagnostics) -> Option<Note> {
    let raw = &doc.data;
    let date = date(doc, &raw.date, "date", diags);
    let regions = refs(doc, &raw.regions, ids.regions, "region", "regions", diags);
    if raw.regions.is_empty() && !raw.draft {
        // The contract asks for one or more; a note about the programme as a whole still
        // builds, but no region page lists it, which the editor may not expect.
        diags.push(
            Diagnostic::warning(&doc.file, "this note names no region")
                .at(doc.toml_offset..doc.toml_offset)
                .label("no `regions` in this front matter")
                .help(
                    "add `regions = [\"<slug>\"]` with one or more region slugs: the note is \
                     listed under notes and its themes, but on no region page",
                ),
        );
    }
    let practices = refs(
        doc,
        &raw.practices,
        ids.practices,
        "practice",
        "practices",
        diags,
    );
    let themes = themes(doc, &raw.themes, ids, diags);
    Some(Note {
        slug: doc.slug.clone(),
        title: raw.title.clone(),
        date: date?,
        kind: raw.kind,
        regions,
        practices,
        themes,
        participants: raw.participants.clone(),
        draft: raw.draft,
        body: doc.body.clone(),
        extra: table_to_json(&raw.extra),
    })
}

fn practice(doc: &Document<RawPractice>, ids: &Ids, diags: &mut Diagnostics) -> Practice {
    let raw = &doc.data;
    if let Some(region) = &raw.region {
        check_ref(
            doc,
            region,
            &as_strs(ids.regions),
            "region",
            "regions",
            diags,
        );
    }
    Practice {
        slug: doc.slug.clone(),
        title: raw.title.clone(),
        site: raw.site.clone(),
        region: raw.region.as_ref().map(|r| r.get_ref().clone()),
        themes: themes(doc, &raw.themes, ids, diags),
        status: raw.status,
        since: raw
            .since
            .as_ref()
            .and_then(|d| date(doc, d, "since", diags)),
        results: raw.results.clone(),
        lessons: raw.lessons.clone(),
        contact: raw.contact.clone(),
        body: doc.body.clone(),
        extra: table_to_json(&raw.extra),
    }
}

fn page(doc: &Document<RawPage>, diags: &mut Diagnostics) -> Option<(FreePage, bool)> {
    if RESERVED_SLUGS.contains(&doc.slug.as_str()) {
        diags.push(
            Diagnostic::error(
                &doc.file,
                format!("a free page cannot be called `{}`", doc.slug),
            )
            .help(format!(
                "`{}/` is where spiegel writes a section of the site; rename the file",
                doc.slug
            )),
        );
        return None;
    }
    let raw = &doc.data;
    Some((
        FreePage {
            slug: doc.slug.clone(),
            title: raw.title.clone(),
            weight: raw.weight,
            draft: raw.draft,
            body: doc.body.clone(),
            extra: table_to_json(&raw.extra),
        },
        raw.draft,
    ))
}

/// Two sources that would write the same URL, also when they differ only in case (which
/// clashes on case-insensitive file systems such as the ones Windows and macOS use).
fn check_url_clashes(raw: &RawSite, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut sources: Vec<(String, &Path)> = Vec::new();
    sources.extend(
        raw.regions
            .iter()
            .map(|r| (urls::region(&r.slug), r.dir.as_path())),
    );
    sources.extend(
        raw.notes
            .iter()
            .map(|d| (urls::note(&d.slug), d.file.as_path())),
    );
    sources.extend(
        raw.practices
            .iter()
            .map(|d| (urls::practice(&d.slug), d.file.as_path())),
    );
    sources.extend(
        raw.pages
            .iter()
            .map(|d| (urls::free_page(&d.slug), d.file.as_path())),
    );
    let static_paths: Vec<(String, PathBuf)> = raw
        .static_files
        .iter()
        .map(|p| {
            let url = format!("static/{}", p.to_string_lossy().replace('\\', "/"));
            (
                url,
                Path::new(crate::content::CONTENT_DIR)
                    .join("static")
                    .join(p),
            )
        })
        .collect();
    sources.extend(static_paths.iter().map(|(u, p)| (u.clone(), p.as_path())));
    for (url, file) in sources {
        let key = url.to_lowercase();
        if let Some(first) = seen.get(key.as_str()) {
            diags.push(
                Diagnostic::error(file, format!("`{}` and `{}` would both be written to `{url}`", first.display(), file.display()))
                    .help("rename one of them; URLs are made from file names, lower-cased, with accents and other characters folded"),
            );
        } else {
            seen.insert(key, file);
        }
    }
}

fn themes<T>(
    doc: &Document<T>,
    list: &[Sp<String>],
    ids: &Ids,
    diags: &mut Diagnostics,
) -> Vec<String> {
    if ids.unparsed_questionnaires.is_empty() {
        return refs(doc, list, ids.themes, "theme", "themes", diags);
    }
    // Some questionnaire did not parse, so any theme may be one of its: the known ones are
    // kept and the others are not reported (the build fails on that file's error anyway).
    let mut quiet = Diagnostics::new();
    refs(doc, list, ids.themes, "theme", "themes", &mut quiet)
}

fn refs<T>(
    doc: &Document<T>,
    list: &[Sp<String>],
    valid: &[String],
    what: &str,
    plural: &str,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let valid = as_strs(valid);
    let mut out: Vec<String> = Vec::new();
    for item in list {
        if check_ref(doc, item, &valid, what, plural, diags) && !out.contains(item.get_ref()) {
            out.push(item.get_ref().clone());
        }
    }
    out
}

fn check_ref<T>(
    doc: &Document<T>,
    id: &Sp<String>,
    valid: &[&str],
    what: &str,
    list_name: &str,
    diags: &mut Diagnostics,
) -> bool {
    if valid.contains(&id.get_ref().as_str()) {
        return true;
    }
    let help = if valid.is_empty() {
        Some(format!("there are no {list_name} yet"))
    } else {
        suggest::help_for(id.get_ref(), valid.iter().copied(), list_name)
    };
    diags.push(
        Diagnostic::error(&doc.file, format!("unknown {what} `{}`", id.get_ref()))
            .at(doc.span(id))
            .label(format!("no {what} with this id"))
            .maybe_help(help),
    );
    false
}

fn duplicate<T, V: std::fmt::Display>(doc: &Document<T>, id: &Sp<V>, what: &str) -> Diagnostic {
    Diagnostic::error(&doc.file, format!("duplicate {what} `{}`", id.get_ref()))
        .at(doc.span(id))
        .label("already used above")
        .help(format!("each {what} must be unique"))
}

fn date<T>(
    doc: &Document<T>,
    value: &Sp<Value>,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let parsed = match value.get_ref() {
        Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
        Value::String(s) => Date::parse(s),
        _ => None,
    };
    if parsed.is_none() {
        let shown = match value.get_ref() {
            Value::String(s) => format!("\"{s}\""),
            other => other.to_string(),
        };
        // Text shaped like a date that is no day of the calendar (2007-02-30): the quotes are
        // not what is wrong.
        let shaped_like_a_date = matches!(value.get_ref(), Value::String(s)
            if s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() }));
        let help = if shaped_like_a_date {
            "there is no such day; check the month and the day".to_string()
        } else {
            format!("write it as year-month-day without quotes, e.g. {field} = 2007-03-15")
        };
        diags.push(
            Diagnostic::error(&doc.file, format!("`{field}` is not a date: {shown}"))
                .at(doc.span(value))
                .label("expected a date")
                .help(help),
        );
    }
    parsed
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the text \"{s}\""),
        Value::Integer(i) => format!("the number {i}"),
        Value::Float(f) => format!("the number {f}"),
        Value::Boolean(b) => format!("`{b}`"),
        Value::Datetime(d) => format!("the date {d}"),
        Value::Array(_) => "a list".to_string(),
        Value::Table(_) => "a table".to_string(),
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn as_strs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

/// Free-form `extra` tables go to templates as JSON; TOML dates become strings.
fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::to_value(table).unwrap_or(serde_json::Value::Null)
}
