//! charts: mirror figures → inline SVG charts (charts-rs) plus the one-sentence summaries that go
//! with them. Pure functions: the same figures give the same bytes.
//!
//! Every chart is drawn on the questionnaire's own scale (min..max), never on an axis the
//! library picks from the data, so a 3 looks the same in every region. Series are told apart by
//! more than colour: partners in a radar differ in line dash and marker shape (drawn again in
//! the HTML legend), and the two series of a bar chart carry their name as a direct label at the
//! end of each bar. The palette is Okabe–Ito, which stays distinct for the common forms of colour
//! blindness. The numbers themselves are in the tables next to each chart; the charts carry no
//! numeric labels because charts-rs writes decimals with a point, which a Dutch page must not.

use charts_rs::{
    svg_with_accessibility, Color, HorizontalBarChart, LegendCategory, RadarChart, RadarIndicator,
    Series, Symbol, YAxisConfig,
};
use serde::Serialize;

use crate::config::Language;
use crate::model::Scale;
use crate::render::i18n;

/// The Okabe–Ito palette without its yellow and black (yellow is unreadable on white, black is
/// the ink colour), in an order where neighbours differ in lightness too.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
];

/// Line dashes per series (SVG `stroke-dasharray`), so a partner is known by its line too.
const DASHES: [&str; 6] = ["", "7,4", "2,3", "9,3,2,3", "4,2", "12,4"];

/// Marker shapes per series, named as the HTML legend draws them.
const MARKERS: [&str; 6] = [
    "circle", "square", "triangle", "diamond", "circle", "square",
];

/// The font stack written into every SVG: charts-rs embeds no font, and without a family the
/// browser falls back to a serif. Roboto first because charts-rs measures label widths with its
/// built-in Roboto metrics; Arial is close enough in width.
const FONT: &str = "Roboto, Arial, Helvetica, sans-serif";

/// Longest label on a bar chart's row; longer theme titles are cut at a word with "…" (the
/// full title is in the table next to the chart).
const BAR_LABEL_MAX: usize = 30;

/// A radar spoke's label is wrapped at words into at most [`RADAR_LABEL_LINES`] lines of at
/// most this many characters (the rest cut with "…"): short lines beside the web leave it more
/// room than one long line, so the chart can be drawn narrower and its text larger.
const RADAR_LINE_MAX: usize = 16;

/// Lines of a radar spoke's label.
const RADAR_LABEL_LINES: usize = 3;

/// How one series is drawn, for the HTML legend next to a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendEntry {
    /// Series name (a partner, a role, a round).
    pub name: String,
    /// Colour, `#RRGGBB`.
    pub color: &'static str,
    /// Line dash (`stroke-dasharray`), empty for a solid line.
    pub dash: &'static str,
    /// Marker shape: circle, square, triangle or diamond.
    pub marker: &'static str,
}

/// One series: a name and a value per category (`None` is "geen antwoord": no point, no bar).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesData {
    /// Name shown in the legend or as a direct label.
    pub name: String,
    /// One value per category, in category order.
    pub values: Vec<Option<f64>>,
}

/// The legend entries for `names`, in the same colours, dashes and markers as the charts use.
pub fn legend(names: &[String]) -> Vec<LegendEntry> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| LegendEntry {
            name: name.clone(),
            color: PALETTE[i % PALETTE.len()],
            dash: DASHES[i % DASHES.len()],
            marker: MARKERS[i % MARKERS.len()],
        })
        .collect()
}

fn symbol(i: usize) -> Symbol {
    let color = Some(Color::from(PALETTE[i % PALETTE.len()]));
    match MARKERS[i % MARKERS.len()] {
        "square" => Symbol::Rect(3.5, color),
        "triangle" => Symbol::Triangle(5.0, color),
        "diamond" => Symbol::Diamond(5.0, color),
        _ => Symbol::Circle(3.5, color),
    }
}

fn colors() -> Vec<Color> {
    PALETTE.iter().map(|c| Color::from(*c)).collect()
}

fn to_f32(values: &[Option<f64>]) -> Vec<Option<f32>> {
    values.iter().map(|v| v.map(|v| v as f32)).collect()
}

/// Cuts `text` to at most `max` characters at a word boundary, adding "…" when it cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One long word: cut inside it.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// `text` wrapped at spaces into at most `lines` lines of at most `max` characters each; what
/// does not fit is cut with "…" at the end of the last line (see [`shorten`]).
pub fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        let last = out.len() == lines;
        match out.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ if !last => out.push(word.to_string()),
            _ => {
                // No room left: the last line takes the rest, shortened.
                let line = out.pop().unwrap_or_default();
                let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
                out.push(shorten(&format!("{line} {}", rest.join(" ")), max));
                return out;
            }
        }
        if let Some(line) = out.last_mut() {
            if line.chars().count() > max {
                // One word longer than a line: cut inside it.
                *line = shorten(line, max);
            }
        }
    }
    out
}

/// A radar chart: one spoke per category (theme), one closed line per series (partner), each
/// spoke running from the scale's min at the centre to its max at the rim.
///
/// `None` when there are fewer than three categories (a radar needs three spokes; the table
/// shows the figures anyway) or when charts-rs refuses the input.
pub fn radar(
    title: &str,
    summary: &str,
    categories: &[String],
    series: &[SeriesData],
    scale: &Scale,
) -> Option<String> {
    if categories.len() < 3 || series.is_empty() {
        return None;
    }
    let indicators: Vec<RadarIndicator> = categories
        .iter()
        .map(|c| RadarIndicator {
            name: wrap(c, RADAR_LINE_MAX, RADAR_LABEL_LINES).join("\n"),
            min: scale.min as f32,
            max: scale.max as f32,
        })
        .collect();
    let list: Vec<Series> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut one = Series::new_nullable(s.name.clone(), to_f32(&s.values));
            one.symbol = Some(symbol(i));
            let dash = DASHES[i % DASHES.len()];
            one.stroke_dash_array = (!dash.is_empty()).then(|| dash.to_string());
            one
        })
        .collect();
    let mut chart = RadarChart::new(list, indicators);
    // Wider than high: the spoke labels need room on both sides of the web. Drawn 560 wide
    // with 16 px text, a page shows it 330 px (a phone) to 560 px wide, so the labels read at
    // 9.5–16 px (680 wide with one-line labels of 14 px shrank them to 7 px on a phone).
    chart.width = 560.0;
    chart.height = 420.0;
    chart.font_family = FONT.to_string();
    chart.series.colors = colors();
    chart.series.stroke_width = 2.0;
    chart.series.fill_opacity = Some(0.06);
    chart.series.label.font.size = 16.0;
    // The legend is HTML next to the chart, where it can show dash and marker; charts-rs's own
    // legend shows colour only.
    chart.legend.show = Some(false);
    // The scale has (max − min) steps; one ring per step makes each ring a scale point.
    chart.split_number = (scale.max - scale.min).round().clamp(1.0, 10.0) as usize;
    chart.margin.top = 10.0;
    chart.margin.bottom = 10.0;
    let svg = chart.svg().ok()?;
    Some(svg_with_accessibility(&svg, title, summary))
}

/// A horizontal bar chart: one row per category (theme), two or more bars per row (one per
/// series), the value axis fixed to the scale, each bar labelled with its series name.
///
/// `None` when there is nothing to draw or charts-rs refuses the input.
pub fn bars(
    title: &str,
    summary: &str,
    categories: &[String],
    series: &[SeriesData],
    scale: &Scale,
) -> Option<String> {
    let any = series.iter().any(|s| s.values.iter().any(Option::is_some));
    if categories.is_empty() || !any {
        return None;
    }
    // charts-rs draws the first category at the bottom; reversing puts the first theme on top,
    // in the same order as the table under the chart.
    let list: Vec<Series> = series
        .iter()
        .map(|s| {
            let values: Vec<Option<f64>> = s.values.iter().rev().copied().collect();
            let mut one = Series::new_nullable(s.name.clone(), to_f32(&values));
            one.label_show = true;
            one
        })
        .collect();
    let labels: Vec<String> = categories
        .iter()
        .rev()
        .map(|c| shorten(c, BAR_LABEL_MAX))
        .collect();
    let mut chart = HorizontalBarChart::new(list, labels);
    let rows = categories.len() as f32;
    // Drawn 440 wide with 13–14 px text: a page shows it 330 px (a phone) to 560 px wide, so
    // the text reads at 10–17 px; drawn wider, it shrank to 6 px on a phone.
    chart.width = 440.0;
    chart.height = 60.0 + rows * (18.0 + 14.0 * series.len() as f32);
    chart.font_family = FONT.to_string();
    chart.series.colors = colors();
    // Direct labels name the series at the end of each bar ("nu", "gewenst"): the pair is told
    // apart without colour. Values are in the table (see the module comment).
    chart.series.label.formatter = "{a}".to_string();
    chart.series.label.font.size = 13.0;
    chart.series.label.font.color = Color::from("#52606d");
    chart.x_axis.font.size = 14.0;
    chart.legend.show = Some(true);
    chart.legend.category = LegendCategory::Rect;
    chart.legend.font.size = 14.0;
    // Room after a full-length bar for its label: "vervolgmeting" or "medewerkers" was cut
    // off at the edge with 60 (about 7.5 px a character at 13 px).
    let longest = series
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    chart.margin.right = (longest as f32 * 7.5 + 12.0).max(60.0);
    chart.margin.top = 10.0;
    let axis = YAxisConfig {
        min: Some(scale.min as f32),
        max: Some(scale.max as f32),
        split_number: (scale.max - scale.min).round().clamp(1.0, 10.0) as usize,
        font: chart
            .y_axis_configs
            .first()
            .map(|c| c.font.clone())
            .unwrap_or_default(),
        ..chart.y_axis_configs.first().cloned().unwrap_or_default()
    };
    chart.y_axis_configs = vec![axis];
    let svg = chart.svg().ok()?;
    Some(svg_with_accessibility(&svg, title, summary))
}

// ---- summaries -------------------------------------------------------------------------------
//
// One sentence each, made from the figures; they go into the SVG's <desc> and under the chart.
// Ties keep the first in the given (questionnaire) order, so a summary never changes between
// builds of the same content.

fn dec(language: Language, v: f64) -> String {
    i18n::decimal(language, v)
}

/// The category with the largest value, first one on a tie.
fn largest<T>(items: &[T], key: impl Fn(&T) -> Option<f64>) -> Option<(&T, f64)> {
    let mut best: Option<(&T, f64)> = None;
    for item in items {
        if let Some(v) = key(item) {
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((item, v));
            }
        }
    }
    best
}

/// "De partners verschillen het meest over X (spreiding 1,7) en het minst over Y (spreiding
/// 0,3)." from `(theme, spread)` pairs.
pub fn spread_summary(language: Language, themes: &[(String, Option<f64>)]) -> String {
    let most = largest(themes, |t| t.1);
    let least = largest(themes, |t| t.1.map(|v| -v));
    match (most, least, language) {
        (None, _, Language::Nl) => {
            "Er zijn te weinig partners met antwoorden om hun scores te vergelijken.".into()
        }
        (None, _, Language::En) => "Too few partners answered to compare their scores.".into(),
        // "Differ most over X (spread 0,0)" would name a difference that is not there.
        (Some((_, mv)), _, Language::Nl) if i18n::shows_as_zero(mv) => {
            "De partners geven op elk thema (bijna) dezelfde score: de spreiding is overal 0,0."
                .into()
        }
        (Some((_, mv)), _, Language::En) if i18n::shows_as_zero(mv) => {
            "The partners give (nearly) the same score on every theme: the spread is 0.0 throughout."
                .into()
        }
        (Some((m, mv)), Some((l, lv)), Language::Nl) if l.0 != m.0 => format!(
            "De partners verschillen het meest over {} (spreiding {}) en het minst over {} (spreiding {}).",
            m.0,
            dec(language, mv),
            l.0,
            dec(language, -lv)
        ),
        (Some((m, mv)), Some((l, lv)), Language::En) if l.0 != m.0 => format!(
            "The partners differ most on {} (spread {}) and least on {} (spread {}).",
            m.0,
            dec(language, mv),
            l.0,
            dec(language, -lv)
        ),
        (Some((m, mv)), _, Language::Nl) => format!(
            "De partners verschillen het meest over {} (spreiding {}).",
            m.0,
            dec(language, mv)
        ),
        (Some((m, mv)), _, Language::En) => format!(
            "The partners differ most on {} (spread {}).",
            m.0,
            dec(language, mv)
        ),
    }
}

/// "CWI wil de grootste stap zetten bij X: van 2,0 naar 4,5." from `(theme, now, desired)`,
/// and the themes the partner did not answer, which the chart shows as empty rows.
pub fn gap_summary(
    language: Language,
    partner: &str,
    rows: &[(String, Option<f64>, Option<f64>)],
) -> String {
    let mut summary = step_summary(language, partner, rows);
    let unanswered: Vec<&str> = rows
        .iter()
        .filter(|r| r.1.is_none())
        .map(|r| r.0.as_str())
        .collect();
    if !unanswered.is_empty() {
        summary.push_str(match language {
            Language::Nl => " Geen antwoord op: ",
            Language::En => " No answer on: ",
        });
        summary.push_str(&unanswered.join(", "));
        summary.push('.');
    }
    summary
}

fn step_summary(
    language: Language,
    partner: &str,
    rows: &[(String, Option<f64>, Option<f64>)],
) -> String {
    let gap = |r: &(String, Option<f64>, Option<f64>)| Some(r.2? - r.1?);
    match (largest(rows, gap), language) {
        (Some((r, g)), Language::Nl) if g > 0.0 => format!(
            "{partner} wil de grootste stap zetten bij {}: van {} naar {}.",
            r.0,
            dec(language, r.1.unwrap_or_default()),
            dec(language, r.2.unwrap_or_default())
        ),
        (Some((r, g)), Language::En) if g > 0.0 => format!(
            "{partner} wants the largest step on {}: from {} to {}.",
            r.0,
            dec(language, r.1.unwrap_or_default()),
            dec(language, r.2.unwrap_or_default())
        ),
        (Some(_), Language::Nl) => {
            format!("{partner} wil op geen enkel thema hoger uitkomen dan nu.")
        }
        (Some(_), Language::En) => format!("{partner} wants no theme higher than it is now."),
        (None, Language::Nl) => format!("{partner} gaf geen gewenste scores."),
        (None, Language::En) => format!("{partner} gave no desired scores."),
    }
}

/// "Bij CWI verschillen management en medewerkers het meest over X (3,5 tegen 2,0)." from
/// `(theme, first role, second role)`.
pub fn roles_summary(
    language: Language,
    partner: &str,
    roles: (&str, &str),
    rows: &[(String, Option<f64>, Option<f64>)],
) -> String {
    let diff = |r: &(String, Option<f64>, Option<f64>)| Some((r.1? - r.2?).abs());
    match (largest(rows, diff), language) {
        // No theme to name where the two score alike everywhere (as shown, to one decimal).
        (Some((_, d)), Language::Nl) if i18n::shows_as_zero(d) => format!(
            "Bij {partner} geven {} en {} op elk thema (bijna) dezelfde score.",
            roles.0, roles.1
        ),
        (Some((_, d)), Language::En) if i18n::shows_as_zero(d) => format!(
            "At {partner}, {} and {} give (nearly) the same score on every theme.",
            roles.0, roles.1
        ),
        (Some((r, _)), Language::Nl) => format!(
            "Bij {partner} verschillen {} en {} het meest over {} ({} tegen {}).",
            roles.0,
            roles.1,
            r.0,
            dec(language, r.1.unwrap_or_default()),
            dec(language, r.2.unwrap_or_default())
        ),
        (Some((r, _)), Language::En) => format!(
            "At {partner}, {} and {} differ most on {} ({} against {}).",
            roles.0,
            roles.1,
            r.0,
            dec(language, r.1.unwrap_or_default()),
            dec(language, r.2.unwrap_or_default())
        ),
        (None, Language::Nl) => {
            format!(
                "Bij {partner} antwoordden {} en {} niet op dezelfde thema's.",
                roles.0, roles.1
            )
        }
        (None, Language::En) => format!(
            "At {partner}, {} and {} did not answer the same themes.",
            roles.0, roles.1
        ),
    }
}

/// "Bij CWI veranderde X het meest: van 2,0 naar 3,2 (+1,2)." from `(theme, before, after)`;
/// the largest change either way.
pub fn change_summary(
    language: Language,
    partner: &str,
    rows: &[(String, Option<f64>, Option<f64>)],
) -> String {
    let change = |r: &(String, Option<f64>, Option<f64>)| Some((r.2? - r.1?).abs());
    match (largest(rows, change), language) {
        (Some((_, d)), Language::Nl) if i18n::shows_as_zero(d) => {
            format!("Bij {partner} bleven de scores op elk thema (bijna) gelijk.")
        }
        (Some((_, d)), Language::En) if i18n::shows_as_zero(d) => {
            format!("At {partner}, the scores stayed (nearly) the same on every theme.")
        }
        (Some((r, _)), Language::Nl) => {
            let (a, b) = (r.1.unwrap_or_default(), r.2.unwrap_or_default());
            format!(
                "Bij {partner} veranderde {} het meest: van {} naar {} ({}).",
                r.0,
                dec(language, a),
                dec(language, b),
                i18n::signed_decimal(language, b - a)
            )
        }
        (Some((r, _)), Language::En) => {
            let (a, b) = (r.1.unwrap_or_default(), r.2.unwrap_or_default());
            format!(
                "At {partner}, {} changed most: from {} to {} ({}).",
                r.0,
                dec(language, a),
                dec(language, b),
                i18n::signed_decimal(language, b - a)
            )
        }
        (None, Language::Nl) => format!("{partner} heeft niet in beide rondes geantwoord."),
        (None, Language::En) => format!("{partner} did not answer in both rounds."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        Scale {
            min: 1.0,
            max: 5.0,
            labels: Vec::new(),
        }
    }

    fn s(name: &str, values: &[Option<f64>]) -> SeriesData {
        SeriesData {
            name: name.into(),
            values: values.to_vec(),
        }
    }

    fn themes() -> Vec<String> {
        [
            "Gezamenlijke lokale doelstelling",
            "Eén loket voor werk",
            "Geen dubbel werk & <meer>",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn role_and_change_summaries_of_no_difference_name_none() {
        let rows = vec![("Loket".to_string(), Some(3.0), Some(3.0))];
        assert_eq!(
            roles_summary(Language::Nl, "CWI", ("management", "medewerkers"), &rows),
            "Bij CWI geven management en medewerkers op elk thema (bijna) dezelfde score."
        );
        assert_eq!(
            change_summary(Language::Nl, "CWI", &rows),
            "Bij CWI bleven de scores op elk thema (bijna) gelijk."
        );
    }

    #[test]
    fn spread_summary_of_no_difference_names_none() {
        let rows = vec![
            ("Doelen".to_string(), Some(0.0)),
            ("Loket".to_string(), Some(0.04)),
        ];
        assert_eq!(
            spread_summary(Language::Nl, &rows),
            "De partners geven op elk thema (bijna) dezelfde score: de spreiding is overal 0,0."
        );
    }

    #[test]
    fn spread_summary_names_the_largest_and_smallest_spread() {
        // Spreads 0,5 / 1,7 / 0,25: most 1,7 (loket), least 0,25 rounds to 0,3 (dubbel).
        let rows = vec![
            ("Doelen".to_string(), Some(0.5)),
            ("Eén loket voor werk".to_string(), Some(1.7)),
            ("Dubbel werk".to_string(), Some(0.25)),
            ("Huisvesting".to_string(), None),
        ];
        assert_eq!(
            spread_summary(Language::Nl, &rows),
            "De partners verschillen het meest over Eén loket voor werk (spreiding 1,7) en het minst over Dubbel werk (spreiding 0,3)."
        );
        assert_eq!(
            spread_summary(Language::En, &rows[1..2]),
            "The partners differ most on Eén loket voor werk (spread 1.7)."
        );
        assert!(spread_summary(Language::Nl, &rows[3..]).starts_with("Er zijn te weinig"));
    }

    #[test]
    fn gap_summary_takes_the_largest_step_up() {
        // Gaps: 4,5 − 2,0 = 2,5 (doelen); 4 − 3 = 1 (loket): doelen wins.
        let rows = vec![
            ("Doelen".to_string(), Some(2.0), Some(4.5)),
            ("Loket".to_string(), Some(3.0), Some(4.0)),
            ("Dubbel".to_string(), None, Some(5.0)),
        ];
        assert_eq!(
            gap_summary(Language::Nl, "CWI", &rows),
            "CWI wil de grootste stap zetten bij Doelen: van 2,0 naar 4,5. Geen antwoord op: Dubbel."
        );
        assert_eq!(
            gap_summary(Language::Nl, "UWV", &rows[2..]),
            "UWV gaf geen gewenste scores. Geen antwoord op: Dubbel."
        );
        assert_eq!(
            gap_summary(Language::En, "UWV", &rows[..2]),
            "UWV wants the largest step on Doelen: from 2.0 to 4.5."
        );
    }

    #[test]
    fn roles_and_change_summaries_use_the_largest_difference_either_way() {
        // |3,5 − 2,0| = 1,5 beats |2 − 3| = 1.
        let rows = vec![
            ("Loket".to_string(), Some(2.0), Some(3.0)),
            ("Doelen".to_string(), Some(3.5), Some(2.0)),
        ];
        assert_eq!(
            roles_summary(Language::Nl, "CWI", ("management", "medewerkers"), &rows),
            "Bij CWI verschillen management en medewerkers het meest over Doelen (3,5 tegen 2,0)."
        );
        // From 3,5 to 2,0 is −1,5.
        assert_eq!(
            change_summary(Language::Nl, "CWI", &rows),
            "Bij CWI veranderde Doelen het meest: van 3,5 naar 2,0 (−1,5)."
        );
    }

    #[test]
    fn radar_labels_wrap_at_words_into_lines() {
        let cases: [(&str, usize, &[&str]); 7] = [
            ("Eén loket voor werk", 2, &["Eén loket voor", "werk"]),
            (
                "Gezamenlijke lokale doelen",
                2,
                &["Gezamenlijke", "lokale doelen"],
            ),
            ("Loket", 2, &["Loket"]),
            // Three lines' worth in two: the second line takes the rest, cut at a word (16
            // characters at most, "…" included).
            (
                "Klantgerichtheid en oplossingsgericht werken",
                2,
                &["Klantgerichtheid", "en…"],
            ),
            (
                "Geen dubbel werk in de keten",
                2,
                &["Geen dubbel werk", "in de keten"],
            ),
            (
                "Communicatie tussen medewerkers",
                3,
                &["Communicatie", "tussen", "medewerkers"],
            ),
            // A word longer than a line is cut inside it.
            ("Ketensamenwerkingsafspraken", 2, &["Ketensamenwerki…"]),
        ];
        for (text, lines, expected) in cases {
            assert_eq!(wrap(text, 16, lines), expected, "{text}");
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(
            shorten("Klantgerichtheid en oplossingsgericht werken", 24),
            "Klantgerichtheid en…"
        );
        assert_eq!(shorten("Eén loket voor werk", 24), "Eén loket voor werk");
    }

    #[test]
    fn charts_are_accessible_well_formed_and_deterministic() {
        let series = [
            s("CWI", &[Some(2.0), Some(3.5), Some(4.0)]),
            s("UWV", &[Some(1.0), None, Some(5.0)]),
            s("Gemeente \"Z\"", &[Some(3.0), Some(2.5), Some(1.5)]),
        ];
        let radar = radar(
            "Titel & co",
            "Samenvatting <x>",
            &themes(),
            &series,
            &scale(),
        )
        .unwrap();
        let bars = bars("Nu en gewenst", "Som", &themes(), &series[..2], &scale()).unwrap();
        for svg in [&radar, &bars] {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"));
            assert!(root.children().any(|c| c.has_tag_name("title")));
            assert!(root.children().any(|c| c.has_tag_name("desc")));
            assert!(svg.contains(FONT));
        }
        assert!(radar.contains("<title>Titel &amp; co</title>"));
        assert_eq!(
            radar,
            super::radar(
                "Titel & co",
                "Samenvatting <x>",
                &themes(),
                &series,
                &scale()
            )
            .unwrap()
        );
        // The axis runs over the whole scale, 1 to 5, whatever the data.
        let doc = roxmltree::Document::parse(&bars).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(texts.contains(&"1") && texts.contains(&"5"), "{texts:?}");
        if let Ok(dir) = std::env::var("SPIEGEL_DUMP_CHARTS") {
            std::fs::write(format!("{dir}/radar.svg"), &radar).unwrap();
            std::fs::write(format!("{dir}/bars.svg"), &bars).unwrap();
        }
    }

    #[test]
    fn a_bars_data_value_rounds_like_the_table() {
        // 3.25 is a tie in binary too: the table shows 3,3, and so must the bar. 1.75 − 1.1
        // is 0.6499999999999999 and reads 0,7 in the table.
        let values = [Some(3.25), Some(1.75 - 1.1), Some(2.0)];
        let svg = bars("t", "s", &themes(), &[s("CWI", &values)], &scale()).unwrap();
        assert!(svg.contains("data-value=\"3.3\""), "{svg}");
        assert!(svg.contains("data-value=\"0.7\""), "{svg}");
        assert!(!svg.contains("data-value=\"3.2\"") && !svg.contains("data-value=\"0.6\""));
    }

    #[test]
    fn too_few_themes_or_no_data_draw_no_chart() {
        let two = &themes()[..2];
        assert!(radar("t", "s", two, &[s("a", &[Some(1.0), Some(2.0)])], &scale()).is_none());
        assert!(bars("t", "s", two, &[s("a", &[None, None])], &scale()).is_none());
    }
}
