//! compare: [`Comparison`] → the compare page's view data (`vergelijken/`) and its data file
//! `vergelijken/data.js`, which the page's script reads to draw the chosen regions side by side.
//!
//! The full table and the heatmap are plain HTML, so the page says everything without
//! JavaScript. The data file assigns a global rather than being fetched, because `fetch()` does
//! not work from file:// and the site must. Every figure in it is formatted here, so the script
//! prints exactly what the tables print.

use serde::Serialize;
use serde_json::json;

use crate::analysis::compare::{Comparison, QuestionnaireComparison};
use crate::model::Scale;
use crate::render::i18n;
use crate::render::views::{Link, Lookup};
use crate::urls;

/// Site path of the data file the compare page loads.
pub const DATA_PATH: &str = "vergelijken/data.js";

/// The global the data file assigns (`window.SPIEGEL_COMPARE`).
pub const DATA_GLOBAL: &str = "SPIEGEL_COMPARE";

/// How many regions can be picked at most (the side-by-side chart stays readable up to five).
pub const MAX_PICK: usize = 5;

/// How many shades the heatmap uses over the scale.
const SHADES: usize = 5;

/// The compare page.
#[derive(Debug, Serialize)]
pub struct CompareView {
    /// One block per questionnaire with results.
    pub blocks: Vec<CompareBlock>,
    /// Regions that can be picked (those with results), by name.
    pub pickable: Vec<PickRegion>,
    /// Regions without any results yet, by name.
    pub without_results: Vec<Link>,
    /// "Kies 2 tot 5 regio's".
    pub pick_legend: String,
    /// The most regions that can be picked.
    pub max_pick: usize,
}

/// A region in the picker.
#[derive(Debug, Serialize)]
pub struct PickRegion {
    /// Slug (the value in the URL).
    pub slug: String,
    /// Name.
    pub name: String,
}

/// All regions for one questionnaire.
#[derive(Debug, Serialize)]
pub struct CompareBlock {
    /// Questionnaire id (for element ids).
    pub id: String,
    /// Questionnaire title.
    pub title: String,
    /// "1–5".
    pub scale: String,
    /// Themes, in definition order (column headers).
    pub themes: Vec<Link>,
    /// One row per region, by name.
    pub rows: Vec<CompareRow>,
    /// The national mean per theme.
    pub national: Vec<Figure>,
    /// Heatmap legend, lowest shade first.
    pub legend: Vec<LegendItem>,
    /// One-sentence summary of the heatmap.
    pub summary: String,
}

/// One region's row.
#[derive(Debug, Serialize)]
pub struct CompareRow {
    /// Region name.
    pub name: String,
    /// Href from the root.
    pub href: String,
    /// Date of the round the figures come from.
    pub date: String,
    /// Per theme: the mean over partners.
    pub means: Vec<Figure>,
    /// Per theme: the spread between partners.
    pub spreads: Vec<Figure>,
}

/// One figure, formatted, with what a script needs to sort and a stylesheet to shade it.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// "3,2", or "–" when there is no figure.
    pub text: String,
    /// The unrounded value for sorting (`data-sort`); empty when there is none.
    pub sort: String,
    /// Heatmap shade 0..SHADES (lowest first); `None` without a figure.
    pub shade: Option<usize>,
}

/// One shade of the heatmap legend.
#[derive(Debug, Serialize)]
pub struct LegendItem {
    /// Shade number (CSS class `heat-N`).
    pub shade: usize,
    /// "1,0 – 1,8".
    pub range: String,
}

fn figure(l: &Lookup, value: Option<f64>, scale: Option<&Scale>) -> Figure {
    Figure {
        text: value.map_or_else(|| "–".into(), |v| i18n::decimal(l.fmt.language, v)),
        sort: value.map(|v| v.to_string()).unwrap_or_default(),
        shade: value.zip(scale).map(|(v, s)| shade(v, s)),
    }
}

/// The heatmap shade of a value: the scale cut into [`SHADES`] equal bands, fixed to the
/// questionnaire's scale (never to the data's own range, which would exaggerate small
/// differences). The value is taken as the cell shows it, to one decimal, so equal numbers
/// are always equally dark, and a number on a border between two bands is in the upper one,
/// as the legend's ranges start there.
fn shade(value: f64, scale: &Scale) -> usize {
    let width = scale.max - scale.min;
    if width <= 0.0 {
        return 0;
    }
    let shown = i18n::tenths(value).map_or(value, |t| t as f64 / 10.0);
    // The tolerance keeps a border value such as 3,4 on 1–5 (2.4 / 4 × 5 = 3 exactly, but
    // 2.9999999999999996 in floating point) in the band it starts.
    let band = ((shown - scale.min) / width * SHADES as f64 + 1e-9).floor();
    (band.max(0.0) as usize).min(SHADES - 1)
}

fn scale_text(l: &Lookup, s: &Scale) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            i18n::decimal(l.fmt.language, v)
        }
    };
    format!("{}–{}", n(s.min), n(s.max))
}

fn theme_title<'a>(l: &Lookup<'a>, id: &'a str) -> &'a str {
    l.theme_titles.get(id).copied().unwrap_or(id)
}

fn region_name(l: &Lookup, slug: &str) -> String {
    l.site
        .region(slug)
        .map_or_else(|| slug.to_string(), |r| r.name.clone())
}

/// Builds the compare page view.
pub fn view(l: &Lookup, comparison: &Comparison) -> CompareView {
    let lang = l.fmt.language;
    let blocks = comparison
        .questionnaires
        .iter()
        .filter_map(|q| block(l, q))
        .collect();
    let mut pickable: Vec<PickRegion> = l
        .site
        .regions
        .iter()
        .filter(|r| {
            comparison
                .questionnaires
                .iter()
                .any(|q| q.regions.iter().any(|x| x.region == r.slug))
        })
        .map(|r| PickRegion {
            slug: r.slug.clone(),
            name: r.name.clone(),
        })
        .collect();
    pickable.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.slug.cmp(&b.slug)));
    let mut without_results: Vec<Link> = l
        .site
        .regions
        .iter()
        .filter(|r| !pickable.iter().any(|p| p.slug == r.slug))
        .map(|r| Link {
            title: r.name.clone(),
            href: urls::href(&urls::region(&r.slug)),
        })
        .collect();
    without_results.sort_by(|a, b| a.title.cmp(&b.title));
    CompareView {
        blocks,
        pickable,
        without_results,
        pick_legend: i18n::text(lang, "compare_pick_legend")
            .replace("{max}", &MAX_PICK.to_string()),
        max_pick: MAX_PICK,
    }
}

fn block(l: &Lookup, q: &QuestionnaireComparison) -> Option<CompareBlock> {
    let questionnaire = l.site.questionnaire(&q.questionnaire)?;
    let scale = &questionnaire.scale;
    let lang = l.fmt.language;
    let mut rows: Vec<CompareRow> = q
        .regions
        .iter()
        .map(|r| CompareRow {
            name: region_name(l, &r.region),
            href: urls::href(&urls::region(&r.region)),
            date: i18n::date(lang, r.date),
            means: r
                .themes
                .iter()
                .map(|t| figure(l, t.mean, Some(scale)))
                .collect(),
            spreads: r.themes.iter().map(|t| figure(l, t.spread, None)).collect(),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let band = (scale.max - scale.min) / SHADES as f64;
    let legend = (0..SHADES)
        .map(|i| {
            let from = scale.min + band * i as f64;
            LegendItem {
                shade: i,
                range: format!(
                    "{} – {}",
                    i18n::decimal(lang, from),
                    i18n::decimal(lang, from + band)
                ),
            }
        })
        .collect();
    Some(CompareBlock {
        id: q.questionnaire.clone(),
        title: questionnaire.title.clone(),
        scale: scale_text(l, scale),
        themes: l.themes(&q.themes),
        rows,
        national: q
            .national
            .iter()
            .map(|d| figure(l, d.mean, Some(scale)))
            .collect(),
        legend,
        summary: summary(l, q),
    })
}

/// "Landelijk scoren de regio's het hoogst op X (3,8) en het laagst op Y (2,1)."
fn summary(l: &Lookup, q: &QuestionnaireComparison) -> String {
    let lang = l.fmt.language;
    let with_mean: Vec<(&str, f64, usize)> = q
        .national
        .iter()
        .filter_map(|d| d.mean.map(|m| (d.theme.as_str(), m, d.regions)))
        .collect();
    // First of equal figures wins (theme order), so the sentence is stable.
    let high = with_mean
        .iter()
        .fold(None::<(&str, f64, usize)>, |b, &x| match b {
            Some((_, bm, _)) if bm >= x.1 => b,
            _ => Some(x),
        });
    let low = with_mean
        .iter()
        .fold(None::<(&str, f64, usize)>, |b, &x| match b {
            Some((_, bm, _)) if bm <= x.1 => b,
            _ => Some(x),
        });
    match (high, low) {
        // Each figure says how many regions it is over: a theme only some regions answered
        // is not a mean over all of them.
        (Some((ht, hm, hn)), Some((lt, lm, ln))) => i18n::text(lang, "compare_summary")
            .replace("{high}", theme_title(l, ht))
            .replace("{high_value}", &i18n::decimal(lang, hm))
            .replace("{high_regions}", &regions_phrase(lang, hn))
            .replace("{low}", theme_title(l, lt))
            .replace("{low_value}", &i18n::decimal(lang, lm))
            .replace("{low_regions}", &regions_phrase(lang, ln)),
        _ => i18n::text(lang, "compare_summary_empty").to_string(),
    }
}

/// "1 regio", "3 regio's" (or "1 region", "3 regions").
fn regions_phrase(lang: crate::config::Language, n: usize) -> String {
    use crate::config::Language;
    match (lang, n) {
        (Language::Nl, 1) => "1 regio".to_string(),
        (Language::Nl, n) => format!("{n} regio's"),
        (Language::En, 1) => "1 region".to_string(),
        (Language::En, n) => format!("{n} regions"),
    }
}

/// The contents of `vergelijken/data.js`: one statement assigning the figures the page's
/// script needs (every figure also formatted, links relative to the compare page).
pub fn data_js(l: &Lookup, comparison: &Comparison) -> String {
    let lang = l.fmt.language;
    let from = urls::COMPARE;
    let fig = |v: Option<f64>| {
        v.map_or(
            serde_json::Value::Null,
            |v| json!({ "v": v, "t": i18n::decimal(lang, v) }),
        )
    };
    let questionnaires: Vec<serde_json::Value> = comparison
        .questionnaires
        .iter()
        .filter_map(|q| {
            let questionnaire = l.site.questionnaire(&q.questionnaire)?;
            let regions: serde_json::Map<String, serde_json::Value> = q
                .regions
                .iter()
                .map(|r| {
                    (
                        r.region.clone(),
                        json!({
                            "date": i18n::date(lang, r.date),
                            "means": r.themes.iter().map(|t| fig(t.mean)).collect::<Vec<_>>(),
                            "spreads": r.themes.iter().map(|t| fig(t.spread)).collect::<Vec<_>>(),
                        }),
                    )
                })
                .collect();
            Some(json!({
                "id": q.questionnaire,
                "title": questionnaire.title,
                "min": questionnaire.scale.min,
                "max": questionnaire.scale.max,
                "scale": scale_text(l, &questionnaire.scale),
                "themes": q.themes.iter().map(|t| json!({
                    "id": t,
                    "title": theme_title(l, t),
                    "href": urls::relative(from, &urls::theme(t)),
                })).collect::<Vec<_>>(),
                "national": q.national.iter().map(|d| fig(d.mean)).collect::<Vec<_>>(),
                "regions": regions,
            }))
        })
        .collect();
    let regions: Vec<serde_json::Value> = view(l, comparison)
        .pickable
        .iter()
        .map(|r| {
            json!({
                "slug": r.slug,
                "name": r.name,
                "href": urls::relative(from, &urls::region(&r.slug)),
            })
        })
        .collect();
    let keys = [
        "compare_national",
        "compare_chart_title",
        "compare_chart_summary",
        "compare_chart_summary_empty",
        "compare_side_caption",
        "compare_pick_more",
        "compare_picked",
        "compare_no_figure",
        "spread",
        "theme",
    ];
    let strings: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| (k.to_string(), json!(i18n::text(lang, k))))
        .collect();
    let data = json!({
        "max": MAX_PICK,
        "strings": strings,
        "regions": regions,
        "questionnaires": questionnaires,
    });
    format!(
        "// Generated by spiegel: the figures of the compare page (vergelijken/index.html).\nwindow.{DATA_GLOBAL} = {};\n",
        script_safe_json(&data)
    )
}

/// JSON that is safe inside a `<script>` element or a script file: `<`, `>` and `&` become
/// `\u003c`-style escapes (so a `</script>` or `<!--` in a region name cannot end or comment
/// out the script), and U+2028/U+2029 are escaped for older JavaScript parsers. The result
/// parses to the same value.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    // Serialising a `Value` cannot fail (its map keys are strings).
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_shown_number_has_the_same_shade_and_borders_go_up() {
        let scale = Scale {
            min: 1.0,
            max: 5.0,
            labels: Vec::new(),
        };
        // Bands of 0,8: 1,0–1,8, 1,8–2,6, 2,6–3,4, 3,4–4,2, 4,2–5,0.
        assert_eq!(shade(2.6, &scale), shade(2.5999, &scale));
        assert_eq!(shade(2.6, &scale), 2);
        assert_eq!(shade(3.378, &scale), 3, "shown as 3,4: the band from 3,4");
        assert_eq!(shade(3.34, &scale), 2, "shown as 3,3");
        assert_eq!(shade(1.0, &scale), 0);
        assert_eq!(shade(5.0, &scale), 4);
    }

    #[test]
    fn script_safe_json_cannot_close_a_script_element() {
        let v = json!({ "name": "a</script><script>alert(1)</script> & \u{2028}" });
        let text = script_safe_json(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn shades_are_fixed_to_the_scale() {
        let s = Scale {
            min: 1.0,
            max: 5.0,
            labels: Vec::new(),
        };
        // Bands of 0.8: [1, 1.8), [1.8, 2.6), [2.6, 3.4), [3.4, 4.2), [4.2, 5].
        assert_eq!(shade(1.0, &s), 0);
        assert_eq!(shade(1.74, &s), 0);
        // Shown as 1,8, so in the band that starts there.
        assert_eq!(shade(1.79, &s), 1);
        assert_eq!(shade(1.8, &s), 1);
        assert_eq!(shade(3.0, &s), 2);
        assert_eq!(shade(4.2, &s), 4);
        assert_eq!(shade(5.0, &s), 4);
    }
}
