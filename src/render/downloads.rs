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
    let size: usize = rows
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 1).sum::<usize>() + 2)
        .sum();
    let mut out = Csv::with_capacity(language, size + size / 16);
    for row in rows {
        for cell in row {
            out.cell(cell);
        }
        out.end_row();
    }
    out.into_bytes()
}

/// A CSV file written a cell at a time, for Excel in the site's language (see the module
/// docs): what [`csv`] writes, without a `String` per cell.
pub struct Csv {
    out: String,
    separator: char,
    language: Language,
    row_started: bool,
}

impl Csv {
    /// An empty file (the byte-order mark only), with room for `capacity` bytes.
    pub fn with_capacity(language: Language, capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity + 3);
        out.push('\u{feff}');
        Csv {
            out,
            separator: separator(language),
            language,
            row_started: false,
        }
    }

    /// The next cell of the current row, quoted when it must be.
    pub fn cell(&mut self, cell: &str) {
        self.start_cell();
        push_field(&mut self.out, cell, self.separator);
    }

    /// A figure as a cell: one decimal in the site's language, empty when there is none.
    pub fn figure(&mut self, v: Option<f64>) {
        self.start_cell();
        if let Some(v) = v {
            // A decimal never holds a separator, a quote or a line break.
            i18n::push_decimal(&mut self.out, self.language, v);
        }
    }

    /// Ends the current row (a row without cells is an empty line).
    pub fn end_row(&mut self) {
        self.out.push_str("\r\n");
        self.row_started = false;
    }

    /// The file's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn start_cell(&mut self) {
        if self.row_started {
            self.out.push(self.separator);
        }
        self.row_started = true;
    }
}

/// One CSV field, quoted when it must be.
fn push_field(out: &mut String, cell: &str, sep: char) {
    // A text a spreadsheet would run as a formula (`=HYPERLINK(…)` as a partner's name,
    // "formula injection") is written as text, with a leading `'` (OWASP's advice; some
    // programs show the `'`). Negative figures ("-0,4") stay numbers.
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(cell);
    if formula {
        out.push_str("\"'");
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else if cell.contains([sep, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Whether a cell is a plain number as the CSV writes figures: a sign, digits, and one `,` or
/// `.` between digits.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once([',', '.']).unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
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
    // Whole tenths divided by ten: the number the one-decimal text reads as.
    v.and_then(|v| match i18n::tenths(v) {
        Some(t) => Some(t as f64 / 10.0),
        None => i18n::decimal(Language::En, v).parse().ok(),
    })
}

/// A figure as a CSV cell: one decimal in the site's language, empty when there is none.
pub fn cell(language: Language, v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| i18n::decimal(language, v))
}

/// The header of the region download, in the site's language.
fn header(language: Language) -> [&'static str; 15] {
    match language {
        Language::Nl => [
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
        ],
        Language::En => [
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
        ],
    }
}

/// The paths of a region's downloads ([`region_files`]), in the region's folder `dir`
/// (`regio/x/`).
pub fn region_paths(dir: &str) -> [String; 2] {
    [format!("{dir}{CSV_FILE}"), format!("{dir}{JSON_FILE}")]
}

/// The region's downloads: `regio/<slug>/spiegel.csv` and `regio/<slug>/spiegel.json`.
pub fn region_files(site: &Site, region: &Region, mirrors: &[Mirror]) -> Vec<Output> {
    let language = site.config.language;
    let data = region_data(site, region, mirrors);
    let [csv_path, json_path] = region_paths(&urls::region(&region.slug));
    vec![
        Output::Generated {
            path: csv_path,
            bytes: region_csv(&data, language),
        },
        Output::Generated {
            path: json_path,
            bytes: json(&data),
        },
    ]
}

/// The region download as CSV: one row per partner and figure, the same figures as the JSON.
fn region_csv(data: &RegionData, language: Language) -> Vec<u8> {
    let text = |key| i18n::text(language, key);
    let (all, theme_kind, question_kind, choice_kind) = (
        text("download.all"),
        text("download.theme"),
        text("download.question"),
        text("download.choice"),
    );
    let mut csv = Csv::with_capacity(language, 32 * 1024);
    for cell in header(language) {
        csv.cell(cell);
    }
    csv.end_row();
    for q in &data.questionnaires {
        for r in &q.rounds {
            let base = |csv: &mut Csv, kind: &str, role: &str| {
                for cell in [q.title, r.label.unwrap_or_default(), &r.date, kind, role] {
                    csv.cell(cell);
                }
            };
            let theme_rows = |csv: &mut Csv, role: &str, themes: &[ThemeData]| {
                for t in themes {
                    for p in &t.partners {
                        base(csv, theme_kind, role);
                        csv.cell(t.title);
                        csv.cell("");
                        csv.cell(p.name);
                        for v in [p.now, p.desired, p.gap, p.change, t.spread] {
                            csv.figure(v);
                        }
                        csv.cell("");
                        csv.cell("");
                        csv.end_row();
                    }
                }
            };
            theme_rows(&mut csv, all, &r.themes);
            for role in &r.roles {
                theme_rows(&mut csv, role.role, &role.themes);
            }
            for question in &r.questions {
                for p in &question.partners {
                    base(&mut csv, question_kind, all);
                    csv.cell(question.theme);
                    csv.cell(question.text);
                    csv.cell(p.name);
                    for v in [p.now, p.desired, p.gap, None, question.spread] {
                        csv.figure(v);
                    }
                    csv.cell("");
                    csv.cell("");
                    csv.end_row();
                }
            }
            for c in &r.choices {
                // Empty when the page says "too few answers": fewer than two choices, or the
                // same ones while a partner of the region chose nothing.
                let agrees = match c.agrees {
                    Some(true) => text("download.yes"),
                    Some(false) => text("download.no"),
                    None => "",
                };
                for p in &c.partners {
                    base(&mut csv, choice_kind, all);
                    csv.cell(c.theme);
                    csv.cell(c.text);
                    csv.cell(p.name);
                    for _ in 0..5 {
                        csv.cell("");
                    }
                    csv.cell(p.label.unwrap_or_default());
                    csv.cell(agrees);
                    csv.end_row();
                }
            }
        }
    }
    csv.into_bytes()
}

/// The region download as JSON. Texts are borrowed from the site and its analysis.
#[derive(Debug, Serialize)]
pub struct RegionData<'a> {
    /// Region slug.
    pub region: &'a str,
    /// Region name.
    pub name: &'a str,
    /// One entry per questionnaire with results.
    pub questionnaires: Vec<QuestionnaireData<'a>>,
}

/// One questionnaire's rounds.
#[derive(Debug, Serialize)]
pub struct QuestionnaireData<'a> {
    /// Id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Lowest score on the scale.
    pub scale_min: f64,
    /// Highest score on the scale.
    pub scale_max: f64,
    /// Rounds, oldest first; the last is "now".
    pub rounds: Vec<RoundData<'a>>,
}

/// One round's figures.
#[derive(Debug, Serialize)]
pub struct RoundData<'a> {
    /// Label.
    pub label: Option<&'a str>,
    /// ISO date.
    pub date: String,
    /// Theme figures over all respondents.
    pub themes: Vec<ThemeData<'a>>,
    /// Per role (latest round only, as on the page).
    pub roles: Vec<RoleData<'a>>,
    /// Scale questions with their spread (latest round only, as on the page).
    pub questions: Vec<QuestionData<'a>>,
    /// Choice questions.
    pub choices: Vec<ChoiceData<'a>>,
}

/// One theme.
#[derive(Debug, Serialize)]
pub struct ThemeData<'a> {
    /// Theme id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Spread between partners.
    pub spread: Option<f64>,
    /// Each partner.
    pub partners: Vec<PartnerData<'a>>,
}

/// One role's themes.
#[derive(Debug, Serialize)]
pub struct RoleData<'a> {
    /// Role.
    pub role: &'a str,
    /// Themes.
    pub themes: Vec<ThemeData<'a>>,
}

/// One partner's figures (theme or question).
#[derive(Debug, Serialize)]
pub struct PartnerData<'a> {
    /// Partner id.
    pub id: &'a str,
    /// Partner name.
    pub name: &'a str,
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
pub struct QuestionData<'a> {
    /// Question id.
    pub id: &'a str,
    /// Text.
    pub text: &'a str,
    /// Theme title.
    pub theme: &'a str,
    /// Spread.
    pub spread: Option<f64>,
    /// Each partner.
    pub partners: Vec<PartnerData<'a>>,
}

/// One choice question.
#[derive(Debug, Serialize)]
pub struct ChoiceData<'a> {
    /// Question id.
    pub id: &'a str,
    /// Text.
    pub text: &'a str,
    /// Theme title.
    pub theme: &'a str,
    /// Every partner of the region chose the same option (`true`), two chose differently
    /// (`false`); `null` when fewer than two chose, or the same while a partner chose nothing.
    pub agrees: Option<bool>,
    /// Each partner's choice.
    pub partners: Vec<ChoiceAnswer<'a>>,
}

/// One partner's choice.
#[derive(Debug, Serialize)]
pub struct ChoiceAnswer<'a> {
    /// Partner id.
    pub id: &'a str,
    /// Partner name.
    pub name: &'a str,
    /// Option id; `None` when the partner did not answer.
    pub choice: Option<&'a str>,
    /// Option label.
    pub label: Option<&'a str>,
}

/// The figures of a region's page, rounded as shown.
pub fn region_data<'a>(
    site: &'a Site,
    region: &'a Region,
    mirrors: &'a [Mirror],
) -> RegionData<'a> {
    RegionData {
        region: &region.slug,
        name: &region.name,
        questionnaires: mirrors
            .iter()
            .filter_map(|m| Some((site.questionnaire(&m.questionnaire)?, m)))
            .map(|(q, m)| QuestionnaireData {
                id: &q.id,
                title: &q.title,
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

fn round_data<'a>(
    q: &'a Questionnaire,
    region: &'a Region,
    r: &'a RoundMirror,
    latest: bool,
) -> RoundData<'a> {
    let themes = |list: &'a [ThemeMirror]| -> Vec<ThemeData<'a>> {
        list.iter()
            .map(|t| ThemeData {
                id: &t.theme,
                title: q.theme_title(&t.theme),
                spread: figure(t.spread),
                partners: t
                    .partners
                    .iter()
                    .map(|p| PartnerData {
                        id: &p.partner,
                        name: region.partner_name(&p.partner),
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
        label: r.label.as_deref(),
        date: r.date.to_string(),
        themes: themes(&r.themes),
        roles: if latest {
            r.roles
                .iter()
                .map(|x| RoleData {
                    role: &x.role,
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
                    id: &qm.question,
                    text: q.question(&qm.question).map_or(&qm.question, |x| &x.text),
                    theme: q.theme_title(&t.theme),
                    spread: figure(qm.spread),
                    partners: qm
                        .partners
                        .iter()
                        .map(|p| PartnerData {
                            id: &p.partner,
                            name: region.partner_name(&p.partner),
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
                    id: &c.question,
                    text: question.map_or(&c.question, |x| &x.text),
                    theme: q.theme_title(&c.theme),
                    agrees: c.agrees,
                    partners: c
                        .partners
                        .iter()
                        .map(|p| ChoiceAnswer {
                            id: &p.partner,
                            name: region.partner_name(&p.partner),
                            choice: p.choice.as_deref(),
                            label: p.choice.as_deref().map(|id| {
                                options
                                    .iter()
                                    .find(|o| o.id == id)
                                    .map_or(id, |o| o.label.as_str())
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
    #[test]
    fn a_text_excel_would_run_as_a_formula_is_written_as_text_and_figures_stay_numbers() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\";\"klik\")".to_string(),
            "@SUM(1+1)".to_string(),
            "-0,4".to_string(),
            "+1.5".to_string(),
            "-".to_string(),
            "CWI".to_string(),
        ]];
        let csv = String::from_utf8(csv(&rows, Language::Nl)).unwrap();
        assert_eq!(
            csv,
            "\u{feff}\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";\"'@SUM(1+1)\";-0,4;+1.5;\"'-\";CWI\r\n"
        );
    }

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
