//! downloads: figures → CSV and JSON files a reader can open in a spreadsheet or a program.
//! Pure functions; the render stage turns their bytes into [`Output::Generated`] entries.
//!
//! The CSV is written for Excel in the site's language, the program most readers will open it
//! with. A Dutch site gets what Dutch Excel reads on a double click: `;` as the separator (Dutch
//! Excel takes `,` as the decimal mark) and the decimal comma of the page; an English site gets
//! `,` and a decimal point. Both are UTF-8 with a byte-order mark (without one Excel reads the
//! file as Windows-1252 and mangles "Eén"), with CRLF line ends, and a field is quoted only when
//! it holds the separator, a quote or a line break (RFC 4180 quoting). Figures are rounded to one decimal exactly as the page
//! shows them, so a reader can check the download against the page; negative changes use an
//! ASCII minus so Excel reads them as numbers. The JSON holds the same rounded figures as numbers
//! (`null` for "geen antwoord").
//!
//! [`csv`], [`json`] and [`figure`] are the reusable parts; [`region_files`] is the region page's
//! download.

use serde::Serialize;

use crate::analysis::{Mirror, RoundMirror, ThemeMirror};
use crate::config::Language;
use crate::model::{QuestionKind, Questionnaire, Region, Site};
use crate::render::i18n;
use crate::render::Output;
use crate::urls;

/// File name of a page's CSV download, next to its index.html.
pub const CSV_FILE: &str = "spiegel.csv";
/// File name of a page's JSON download, next to its index.html.
pub const JSON_FILE: &str = "spiegel.json";

/// The CSV field separator Excel expects for a site's language (see the module docs).
pub fn separator(language: Language) -> char {
    match language {
        Language::Nl => ';',
        Language::En => ',',
    }
}

/// A CSV file for Excel in the site's language from rows of cells (an empty row is an empty
/// line).
pub fn csv(rows: &[Vec<String>], language: Language) -> Vec<u8> {
    let sep = separator(language);
    let size: usize = rows
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 1).sum::<usize>() + 2)
        .sum();
    let mut out = String::with_capacity(size + size / 16 + 3);
    out.push('\u{feff}');
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            push_field(&mut out, cell, sep);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// One CSV field, quoted when it must be.
fn push_field(out: &mut String, cell: &str, sep: char) {
    if cell.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Pretty-printed JSON with a final newline. View data only holds strings, numbers, lists and
/// string-keyed maps, which always serialise; an error here is a bug in spiegel.
pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .unwrap_or_else(|e| panic!("bug in spiegel: download does not serialise: {e}"));
    bytes.push(b'\n');
    bytes
}

/// A figure rounded to one decimal the way the page rounds it (see [`i18n::decimal`]), as a
/// number for JSON.
pub fn figure(v: Option<f64>) -> Option<f64> {
    v.and_then(|v| i18n::decimal(Language::En, v).parse().ok())
}

/// A figure as a CSV cell: one decimal in the site's language, empty when there is none.
pub fn cell(language: Language, v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| i18n::decimal(language, v))
}

/// The header of the region download, in the site's language.
fn header(language: Language) -> Vec<String> {
    let nl = [
        "vragenlijst",
        "ronde",
        "datum",
        "soort",
        "rol",
        "thema",
        "vraag",
        "partner",
        "nu",
        "gewenst",
        "verschil",
        "verandering",
        "spreiding",
        "keuze",
        "eens",
    ];
    let en = [
        "questionnaire",
        "round",
        "date",
        "kind",
        "role",
        "theme",
        "question",
        "partner",
        "now",
        "desired",
        "gap",
        "change",
        "spread",
        "choice",
        "agrees",
    ];
    match language {
        Language::Nl => nl,
        Language::En => en,
    }
    .map(String::from)
    .to_vec()
}

/// The region's downloads: `regio/<slug>/spiegel.csv` and `regio/<slug>/spiegel.json`.
pub fn region_files(site: &Site, region: &Region, mirrors: &[Mirror]) -> Vec<Output> {
    let language = site.config.language;
    let data = region_data(site, region, mirrors);
    let mut rows = vec![header(language)];
    for q in &data.questionnaires {
        for r in &q.rounds {
            let base = |kind: &str, role: &str| -> Vec<String> {
                vec![
                    q.title.clone(),
                    r.label.clone().unwrap_or_default(),
                    r.date.clone(),
                    kind.to_string(),
                    role.to_string(),
                ]
            };
            let all = i18n::text(language, "download.all").to_string();
            let mut theme_rows = |role: &str, themes: &[ThemeData]| {
                for t in themes {
                    for p in &t.partners {
                        let mut row = base(i18n::text(language, "download.theme"), role);
                        row.extend([
                            t.title.clone(),
                            String::new(),
                            p.name.clone(),
                            cell(language, p.now),
                            cell(language, p.desired),
                            cell(language, p.gap),
                            cell(language, p.change),
                            cell(language, t.spread),
                            String::new(),
                            String::new(),
                        ]);
                        rows.push(row);
                    }
                }
            };
            theme_rows(&all, &r.themes);
            for role in &r.roles {
                theme_rows(&role.role, &role.themes);
            }
            for question in &r.questions {
                for p in &question.partners {
                    let mut row = base(i18n::text(language, "download.question"), &all);
                    row.extend([
                        question.theme.clone(),
                        question.text.clone(),
                        p.name.clone(),
                        cell(language, p.now),
                        cell(language, p.desired),
                        cell(language, p.gap),
                        String::new(),
                        cell(language, question.spread),
                        String::new(),
                        String::new(),
                    ]);
                    rows.push(row);
                }
            }
            for c in &r.choices {
                for p in &c.partners {
                    let mut row = base(i18n::text(language, "download.choice"), &all);
                    row.extend([
                        c.theme.clone(),
                        c.text.clone(),
                        p.name.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        p.label.clone().unwrap_or_default(),
                        i18n::text(
                            language,
                            if c.agrees {
                                "download.yes"
                            } else {
                                "download.no"
                            },
                        )
                        .to_string(),
                    ]);
                    rows.push(row);
                }
            }
        }
    }
    let dir = urls::region(&region.slug);
    vec![
        Output::Generated {
            path: format!("{dir}{CSV_FILE}"),
            bytes: csv(&rows, site.config.language),
        },
        Output::Generated {
            path: format!("{dir}{JSON_FILE}"),
            bytes: json(&data),
        },
    ]
}

/// The region download as JSON.
#[derive(Debug, Serialize)]
pub struct RegionData {
    /// Region slug.
    pub region: String,
    /// Region name.
    pub name: String,
    /// One entry per questionnaire with results.
    pub questionnaires: Vec<QuestionnaireData>,
}

/// One questionnaire's rounds.
#[derive(Debug, Serialize)]
pub struct QuestionnaireData {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Lowest score on the scale.
    pub scale_min: f64,
    /// Highest score on the scale.
    pub scale_max: f64,
    /// Rounds, oldest first; the last is "now".
    pub rounds: Vec<RoundData>,
}

/// One round's figures.
#[derive(Debug, Serialize)]
pub struct RoundData {
    /// Label.
    pub label: Option<String>,
    /// ISO date.
    pub date: String,
    /// Theme figures over all respondents.
    pub themes: Vec<ThemeData>,
    /// Per role (latest round only, as on the page).
    pub roles: Vec<RoleData>,
    /// Scale questions with their spread (latest round only, as on the page).
    pub questions: Vec<QuestionData>,
    /// Choice questions.
    pub choices: Vec<ChoiceData>,
}

/// One theme.
#[derive(Debug, Serialize)]
pub struct ThemeData {
    /// Theme id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Spread between partners.
    pub spread: Option<f64>,
    /// Each partner.
    pub partners: Vec<PartnerData>,
}

/// One role's themes.
#[derive(Debug, Serialize)]
pub struct RoleData {
    /// Role.
    pub role: String,
    /// Themes.
    pub themes: Vec<ThemeData>,
}

/// One partner's figures (theme or question).
#[derive(Debug, Serialize)]
pub struct PartnerData {
    /// Partner id.
    pub id: String,
    /// Partner name.
    pub name: String,
    /// Now.
    pub now: Option<f64>,
    /// Desired.
    pub desired: Option<f64>,
    /// Desired − now.
    pub gap: Option<f64>,
    /// Change since the previous round (themes only).
    pub change: Option<f64>,
}

/// One scale question.
#[derive(Debug, Serialize)]
pub struct QuestionData {
    /// Question id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Theme title.
    pub theme: String,
    /// Spread.
    pub spread: Option<f64>,
    /// Each partner.
    pub partners: Vec<PartnerData>,
}

/// One choice question.
#[derive(Debug, Serialize)]
pub struct ChoiceData {
    /// Question id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Theme title.
    pub theme: String,
    /// All partners that answered chose the same option.
    pub agrees: bool,
    /// Each partner's choice.
    pub partners: Vec<ChoiceAnswer>,
}

/// One partner's choice.
#[derive(Debug, Serialize)]
pub struct ChoiceAnswer {
    /// Partner id.
    pub id: String,
    /// Partner name.
    pub name: String,
    /// Option id; `None` when the partner did not answer.
    pub choice: Option<String>,
    /// Option label.
    pub label: Option<String>,
}

/// The figures of a region's page, rounded as shown.
pub fn region_data(site: &Site, region: &Region, mirrors: &[Mirror]) -> RegionData {
    RegionData {
        region: region.slug.clone(),
        name: region.name.clone(),
        questionnaires: mirrors
            .iter()
            .filter_map(|m| Some((site.questionnaire(&m.questionnaire)?, m)))
            .map(|(q, m)| QuestionnaireData {
                id: q.id.clone(),
                title: q.title.clone(),
                scale_min: q.scale.min,
                scale_max: q.scale.max,
                rounds: m
                    .rounds
                    .iter()
                    .enumerate()
                    .map(|(i, r)| round_data(q, region, r, i + 1 == m.rounds.len()))
                    .collect(),
            })
            .collect(),
    }
}

fn round_data(q: &Questionnaire, region: &Region, r: &RoundMirror, latest: bool) -> RoundData {
    let partner_name = |id: &str| region.partner_name(id).to_string();
    let theme_title = |id: &str| q.theme_title(id).to_string();
    let themes = |list: &[ThemeMirror]| -> Vec<ThemeData> {
        list.iter()
            .map(|t| ThemeData {
                id: t.theme.clone(),
                title: theme_title(&t.theme),
                spread: figure(t.spread),
                partners: t
                    .partners
                    .iter()
                    .map(|p| PartnerData {
                        id: p.partner.to_string(),
                        name: partner_name(&p.partner),
                        now: figure(p.now),
                        desired: figure(p.desired),
                        gap: figure(p.gap),
                        change: figure(p.change),
                    })
                    .collect(),
            })
            .collect()
    };
    RoundData {
        label: r.label.clone(),
        date: r.date.to_string(),
        themes: themes(&r.themes),
        roles: if latest {
            r.roles
                .iter()
                .map(|x| RoleData {
                    role: x.role.clone(),
                    themes: themes(&x.themes),
                })
                .collect()
        } else {
            Vec::new()
        },
        questions: if latest {
            r.themes
                .iter()
                .flat_map(|t| t.questions.iter().map(move |qm| (t, qm)))
                .map(|(t, qm)| QuestionData {
                    id: qm.question.to_string(),
                    text: q
                        .question(&qm.question)
                        .map_or(qm.question.to_string(), |x| x.text.clone()),
                    theme: theme_title(&t.theme),
                    spread: figure(qm.spread),
                    partners: qm
                        .partners
                        .iter()
                        .map(|p| PartnerData {
                            id: p.partner.to_string(),
                            name: partner_name(&p.partner),
                            now: figure(p.now),
                            desired: figure(p.desired),
                            gap: figure(p.gap),
                            change: None,
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        },
        choices: r
            .choices
            .iter()
            .map(|c| {
                let question = q.question(&c.question);
                let options = match question.map(|x| &x.kind) {
                    Some(QuestionKind::Choice(o)) => o.as_slice(),
                    _ => &[],
                };
                ChoiceData {
                    id: c.question.to_string(),
                    text: question.map_or(c.question.to_string(), |x| x.text.clone()),
                    theme: theme_title(&c.theme),
                    agrees: c.agrees,
                    partners: c
                        .partners
                        .iter()
                        .map(|p| ChoiceAnswer {
                            id: p.partner.to_string(),
                            name: partner_name(&p.partner),
                            choice: p.choice.clone(),
                            label: p.choice.as_ref().map(|id| {
                                options
                                    .iter()
                                    .find(|o| &o.id == id)
                                    .map_or(id.clone(), |o| o.label.clone())
                            }),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn csv_is_for_dutch_excel() {
        let bytes = csv(
            &[
                row(&["thema", "nu"]),
                row(&["Eén loket; voor werk", "2,7"]),
                row(&["zegt \"ja\"", ""]),
            ],
            Language::Nl,
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}thema;nu\r\n\"Eén loket; voor werk\";2,7\r\n\"zegt \"\"ja\"\"\";\r\n"
        );
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    }

    #[test]
    fn line_breaks_are_quoted() {
        let text = String::from_utf8(csv(&[row(&["a\nb", "c"])], Language::Nl)).unwrap();
        assert_eq!(text, "\u{feff}\"a\nb\";c\r\n");
    }

    #[test]
    fn an_english_site_gets_commas_and_quotes_cells_holding_one() {
        let text = String::from_utf8(csv(
            &[row(&["One counter, for work", "2.7"]), row(&[])],
            Language::En,
        ))
        .unwrap();
        assert_eq!(text, "\u{feff}\"One counter, for work\",2.7\r\n\r\n");
    }

    #[test]
    fn figures_are_rounded_like_the_page() {
        // 2,75 → 2,8 and 8/3 = 2,666… → 2,7 (as i18n::decimal shows them); −0,04 → 0,0.
        assert_eq!(figure(Some(2.75)), Some(2.8));
        assert_eq!(figure(Some(8.0 / 3.0)), Some(2.7));
        assert_eq!(figure(Some(-0.04)), Some(0.0));
        assert_eq!(figure(None), None);
        assert_eq!(cell(Language::Nl, Some(8.0 / 3.0)), "2,7");
        assert_eq!(cell(Language::Nl, Some(-0.3)), "-0,3");
        assert_eq!(cell(Language::Nl, None), "");
    }

    #[test]
    fn json_ends_with_a_newline() {
        let bytes = json(&serde_json::json!({"nu": figure(Some(2.75))}));
        assert_eq!(String::from_utf8(bytes).unwrap(), "{\n  \"nu\": 2.8\n}\n");
    }
}
