//! Charts, theme scores and downloads end to end: the real binary builds a small fixture site
//! whose figures are computed by hand below, and the example site's inline SVGs must be
//! well-formed XML.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn build(site: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .current_dir(site)
        .args(["build", "--output"])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

/// A region with two partners and one round:
/// P (2 respondents): a-1 = 2, a-2 = 4, b-1 = 3, desired a-1 = 5; P (1 respondent): a-1 = 5;
/// Q: a-1 = 1, a-2 = 2, b-1 = 3, c-1 = 4. Both choose `x`.
///
/// By hand: P a-1 = (2×2 + 1×5) / 3 = 3,0; a-2 = 4 → theme A = 3,5, desired 5,0, gap 1,5.
/// Q theme A = (1 + 2) / 2 = 1,5. Spread A = 3,5 − 1,5 = 2,0. Theme B: 3 and 3, spread 0,0.
/// Theme C: only Q (4,0), so no spread.
fn fixture(root: &Path) {
    write(root, "site.toml", "title = \"Proef\"\nminify = false\n");
    write(
        root,
        "content/questionnaires/qs.toml",
        r#"title = "Scan"
scale = { min = 1, max = 5 }
[[themes]]
id = "a"
title = "Thema A; met puntkomma"
[[themes]]
id = "b"
title = "Thema B"
[[themes]]
id = "c"
title = "Thema C"
[[questions]]
id = "a-1"
theme = "a"
text = "Vraag a1"
[[questions]]
id = "a-2"
theme = "a"
text = "Vraag a2"
[[questions]]
id = "b-1"
theme = "b"
text = "Vraag b1"
[[questions]]
id = "c-1"
theme = "c"
text = "Vraag c1"
[[questions]]
id = "k"
theme = "a"
type = "choice"
text = "Keuze"
options = [{ id = "x", label = "Optie X" }, { id = "y", label = "Optie Y" }]
"#,
    );
    write(
        root,
        "content/regions/r/_index.md",
        r#"+++
name = "Regio R"
stage = "quickscan"
partners = [{ id = "p", name = "P" }, { id = "q", name = "Q" }]
+++
"#,
    );
    write(
        root,
        "content/regions/r/scan.toml",
        r#"questionnaire = "qs"
date = 2007-03-15
round = "nulmeting"
[[responses]]
partner = "p"
respondents = 2
answers = { a-1 = 2, a-2 = 4, b-1 = 3, k = "x" }
desired = { a-1 = 5 }
[[responses]]
partner = "p"
answers = { a-1 = 5 }
[[responses]]
partner = "q"
answers = { a-1 = 1, a-2 = 2, b-1 = 3, c-1 = 4, k = "x" }
"#,
    );
}

#[test]
fn theme_page_and_csv_show_the_hand_computed_figures() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = dir.path().join("out");
    fixture(&site);
    build(&site, &out);

    let theme = fs::read_to_string(out.join("thema/a/index.html")).unwrap();
    let squeezed: String = theme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("15 maart 2007"), "{squeezed}");
    // The region heads its partners' rows, with the spread between them.
    assert!(
        squeezed.contains("Spreiding 2,0</span></th></tr>"),
        "{squeezed}"
    );
    assert!(
        squeezed.contains(r#"<th scope="row">P</th><td class="num">3,5</td></tr>"#),
        "{squeezed}"
    );
    assert!(squeezed.contains(r#"<th scope="row">Q</th><td class="num">1,5</td>"#));

    let csv = fs::read(out.join("regio/r/spiegel.csv")).unwrap();
    assert!(
        csv.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte-order mark"
    );
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "vragenlijst;ronde;datum;soort;rol;thema;vraag;partner;nu;gewenst;verschil;verandering;spreiding;keuze;eens"
    );
    assert!(lines.contains(
        &"Scan;nulmeting;2007-03-15;thema;alle;\"Thema A; met puntkomma\";;P;3,5;5,0;1,5;;2,0;;"
    ));
    assert!(lines.contains(&"Scan;nulmeting;2007-03-15;thema;alle;Thema B;;Q;3,0;;;;0,0;;"));
    assert!(lines.contains(&"Scan;nulmeting;2007-03-15;thema;alle;Thema C;;P;;;;;;;"));
    // Question a-1: P 3,0, Q 1,0, spread 2,0.
    assert!(lines.contains(
        &"Scan;nulmeting;2007-03-15;vraag;alle;\"Thema A; met puntkomma\";Vraag a1;P;3,0;5,0;2,0;;2,0;;"
    ));
    assert!(lines.contains(
        &"Scan;nulmeting;2007-03-15;keuze;alle;\"Thema A; met puntkomma\";Keuze;Q;;;;;;Optie X;ja"
    ));

    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("regio/r/spiegel.json")).unwrap()).unwrap();
    let a = &json["questionnaires"][0]["rounds"][0]["themes"][0];
    assert_eq!(a["spread"], 2.0);
    assert_eq!(a["partners"][0]["now"], 3.5);
    assert_eq!(a["partners"][1]["now"], 1.5);
    assert_eq!(
        json["questionnaires"][0]["rounds"][0]["themes"][2]["spread"],
        serde_json::Value::Null
    );

    let region = fs::read_to_string(out.join("regio/r/index.html")).unwrap();
    assert!(region.contains(r#"href="spiegel.csv""#) && region.contains(r#"href="spiegel.json""#));
    assert!(region
        .contains("De partners verschillen het meest over Thema A; met puntkomma (spreiding 2,0)"));
}

/// Every `<svg …>…</svg>` in the HTML pages under `dir`.
fn inline_svgs(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            inline_svgs(&path, found);
        } else if path.extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(&path).unwrap();
            let mut rest = html.as_str();
            while let Some(start) = rest.find("<svg") {
                let end = rest[start..].find("</svg>").expect("unclosed svg") + start + 6;
                found.push((path.display().to_string(), rest[start..end].to_string()));
                rest = &rest[end..];
            }
        }
    }
}

#[test]
fn every_inline_svg_of_the_example_site_is_well_formed_xml() {
    // The charts as spiegel writes them: minify-html leaves attribute values unquoted, which is
    // fine HTML but not XML, so check a build with `minify = false`.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &site.join("content"),
    );
    let config = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml"))
        .unwrap()
        .replace("minify = true", "minify = false");
    fs::write(site.join("site.toml"), config).unwrap();
    let out = dir.path().join("out");
    build(&site, &out);
    let mut svgs = Vec::new();
    inline_svgs(&out, &mut svgs);
    let charts = svgs
        .iter()
        .filter(|(_, s)| s.contains("role=\"img\""))
        .count();
    assert!(
        charts >= 10,
        "the example regions draw charts, found {charts}"
    );
    for (file, svg) in &svgs {
        // Inline SVG in HTML has no namespace declaration of its own in the legend icons; give
        // the parser one so it checks well-formedness, not namespaces.
        let xml = if svg.contains("xmlns=") {
            svg.clone()
        } else {
            svg.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
        };
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("{file}: inline SVG is not well-formed XML: {e}\n{svg}");
        }
    }
}

/// In the example site nobody in Haarlemmermeer answered the theme "Gezamenlijke huisvesting".
/// The radar leaves that spoke out (a mark at the centre would read as the lowest score) and
/// says so; the choice question about housing that nobody answered is "too few answers", not
/// "differ", in the page and in both downloads.
#[test]
fn an_unanswered_theme_is_no_radar_spoke_and_an_unanswered_choice_does_not_differ() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    let page = fs::read_to_string(out.join("regio/haarlemmermeer/index.html")).unwrap();
    let radar_start = page.find("<svg width=\"560\"").expect("a radar");
    let radar = &page[radar_start..radar_start + page[radar_start..].find("</svg>").unwrap()];
    let labels: Vec<&str> = radar
        .split("<text")
        .skip(1)
        .map(|t| &t[..t.find("</text>").unwrap()])
        .collect();
    // A spoke's label is wrapped at words into lines of at most 16 characters, one `<text>`
    // each: "Inkoop van trajecten" is two.
    assert!(
        labels
            .iter()
            .any(|l| l.trim_end().ends_with(">\nInkoop van")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.trim_end().ends_with(">\ntrajecten")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.contains("huisvesting")),
        "an empty spoke is drawn: {labels:?}"
    );
    assert!(page.contains(
        "Niet in de radar, want niet elke partner beantwoordde de vragen erover (ze staan in de tabel): Gezamenlijke huisvesting."
    ));

    let choice_row = page
        .split("<tr>")
        .find(|row| row.contains("Welke vorm van huisvesting"))
        .expect("the housing choice question");
    assert!(choice_row.contains("te weinig antwoorden"), "{choice_row}");
    assert!(!choice_row.contains("verschillend"), "{choice_row}");
    let json = fs::read_to_string(out.join("regio/haarlemmermeer/spiegel.json")).unwrap();
    assert!(
        json.contains("\"agrees\": null"),
        "JSON: null for too few answers"
    );
}
