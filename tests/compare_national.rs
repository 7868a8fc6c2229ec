//! The compare (`vergelijken/`) and national (`landelijk/`) pages and downloads, checked
//! against figures worked out by hand on a three-region fixture site.
//!
//! Partner theme means (latest round):
//! - aa: doelen cwi (2+4)/2 = 3, uwv 4 → region mean 3.5, spread 1.0;
//!   loket cwi 3, uwv 5 → mean 4.0, spread 2.0.
//! - bb: doelen cwi 1, uwv 2, gemeente 3 → mean 2.0, spread 2.0; loket cwi 2 → mean 2.0, no spread.
//! - cc: no results.
//!
//! National (each region once): doelen (3.5 + 2.0)/2 = 2.75 → "2,8"; sorted 2.0, 3.5 → q1 at
//! 0.25 = 2.375 → "2,4", median 2.75 → "2,8", q3 3.125 → "3,1". loket (4 + 2)/2 = 3.0, q1 2.5,
//! q3 3.5. Mean spread: doelen (1 + 2)/2 = 1.5 (widest bb 2.0), loket 2.0 (only aa).

mod common;

use std::fs;

use common::compare_site;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    compare_site::write(dir.path());
    let out = compare_site::build(dir.path());
    (dir, out)
}

/// The text of an HTML file with tags stripped and whitespace collapsed, for "the page says X".
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    // Undo the entity escapes Tera writes, so expectations read like the page.
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn compare_page_shows_region_means_spreads_and_the_national_mean() {
    let (_dir, out) = built();
    let html = fs::read_to_string(out.join("vergelijken/index.html")).unwrap();
    // aa's row in the sortable table: doelen mean 3,5 spread 1,0; loket mean 4,0 spread 2,0.
    assert!(
        html.contains(r#"data-sort="3.5">3,5</td>"#),
        "aa doelen mean"
    );
    assert!(
        html.contains(r#"data-sort="1">1,0</td>"#),
        "aa doelen spread"
    );
    assert!(html.contains(r#"data-sort="4">4,0</td>"#), "aa loket mean");
    // bb's loket has a mean but no spread (one partner answered).
    let text = text_of(&html);
    assert!(
        text.contains("Bb 2,0 2,0 2,0 –"),
        "bb row: doelen 2,0 (spread 2,0), loket 2,0 (no spread): {text}"
    );
    assert!(
        text.contains("Landelijk gemiddelde 2,8 3,0"),
        "national row"
    );
    // The heatmap shades on the fixed 1–5 scale: 3.5 is in band 3 (3,4–4,2), 2.0 in band 1.
    assert!(html.contains(r#"heat-3">3,5</td>"#));
    assert!(html.contains(r#"heat-1">2,0</td>"#));
    assert!(text.contains("Het landelijk gemiddelde is het hoogst bij Loket (3,0; 2 regio's) en het laagst bij Doelen (2,8; 2 regio's)."), "{text}");
    // A region name is escaped in the page and can never close the data script.
    assert!(
        html.contains("Aa &lt;&#x2F;script&gt;&lt;b&gt;x")
            || html.contains("Aa &lt;/script&gt;&lt;b&gt;x")
    );
    assert!(!html.contains("Aa </script>"));
    assert!(text.contains("Nog zonder resultaten: Cc"));
    assert!(html.contains(r#"<script src="data.js"></script>"#));
}

#[test]
fn compare_data_file_assigns_a_global_with_escaped_json() {
    let (_dir, out) = built();
    let js = fs::read_to_string(out.join("vergelijken/data.js")).unwrap();
    assert!(!js.contains('<'), "no raw < in data.js");
    assert!(js.contains(r"Aa \u003c/script\u003e\u003cb\u003ex"));
    let json = js
        .split_once("window.SPIEGEL_COMPARE = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .expect("one assignment");
    let data: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let q = &data["questionnaires"][0];
    assert_eq!(q["national"][0]["t"], "2,8");
    assert_eq!(q["national"][0]["v"], 2.75);
    assert_eq!(q["regions"]["aa"]["means"][0]["t"], "3,5");
    assert_eq!(q["regions"]["bb"]["spreads"][1], serde_json::Value::Null);
    let slugs: Vec<_> = data["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["aa", "bb"],
        "only regions with results can be picked"
    );
    assert_eq!(data["regions"][0]["href"], "../regio/aa/index.html");
}

#[test]
fn national_page_shows_hand_computed_figures() {
    let (_dir, out) = built();
    let html = fs::read_to_string(out.join("landelijk/index.html")).unwrap();
    let text = text_of(&html);
    for expected in [
        // stages
        "Van de 3 regio's zitten er de meeste (2) in de fase Workshops.",
        "Quick Scan 1 Aa </script><b>x",
        // needs: loket 3 wishes from 2 regions, 2 agenda points; doelen 1, 1, 1
        "De regio's wensen het vaakst verbetering bij Loket: 3 wensen uit 2 regio's.",
        "Loket 3 2 2",
        "Doelen 1 1 1",
        // agenda: open 1, bezig 1, gereed 1, vervallen 0; overdue on 1 June 2007: aa's point
        "Van de 3 agendapunten zijn er 1 gereed, 1 bezig, 1 open en 0 vervallen; 1 zijn over tijd.",
        "Doelen vaststellen CWI Aa 1 januari 2007",
        // national mean and distribution
        // (the box plot's text alternative, then the table row)
        "Doelen: laagste 2,0, kwartielen 2,4 tot 3,1, mediaan 2,8, hoogste 3,5, gemiddelde 2,8 2,8 2,0 2,4 2,8 3,1 3,5 2",
        "Loket: laagste 2,0, kwartielen 2,5 tot 3,5, mediaan 3,0, hoogste 4,0, gemiddelde 3,0 3,0 2,0 2,5 3,0 3,5 4,0 2",
        "Landelijk scoren de regio's het hoogst op Loket (3,0) en het laagst op Doelen (2,8).",
        // disagreement: loket 2,0 (1 region, aa), doelen 1,5 (2 regions, widest bb 2,0)
        "Loket 2,0 1 2,0 Aa </script><b>x Doelen 1,5 2 2,0 Bb",
        "Over het hele land verschillen de partners het meest over Loket (gemiddelde spreiding 2,0 over 1 regio's).",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The bb point due 2008 is not overdue, nor is the finished one.
    assert!(!text.contains("Loket uitbreiden"));
    assert!(!text.contains("Loket openen"));
    assert!(html.contains(r#"href="landelijk.csv""#) && html.contains(r#"href="landelijk.json""#));
}

#[test]
fn national_csv_is_for_dutch_excel_and_holds_the_page_figures() {
    let (_dir, out) = built();
    let bytes = fs::read(out.join("landelijk/landelijk.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    for line in [
        "Fase;Aantal regio's;Regio's",
        "Workshops;2;Bb, Cc",
        "Thema;Verbeterwensen;Regio's met een wens;Agendapunten",
        "Loket;3;2;2",
        "Doelen;1;1;1",
        "open;1",
        "vervallen;0",
        "Totaal;3",
        "Agendapunten over tijd (peildatum 1 juni 2007)",
        "Aa </script><b>x;Doelen vaststellen;CWI Aa;2007-01-01;open",
        "Doelen;2,8;2,0;2,4;2,8;3,1;3,5;2",
        "Loket;3,0;2,0;2,5;3,0;3,5;4,0;2",
        "Loket;2,0;1;2,0;Aa </script><b>x",
        "Doelen;1,5;2;2,0;Bb",
    ] {
        assert!(
            text.split("\r\n").any(|l| l == line),
            "missing line {line:?} in\n{text}"
        );
    }
}

#[test]
fn national_json_holds_the_same_figures() {
    let (_dir, out) = built();
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("landelijk/landelijk.json")).unwrap()).unwrap();
    assert_eq!(data["regions"], 3);
    assert_eq!(data["agenda"]["total"], 3);
    assert_eq!(data["agenda"]["overdue_on"], "2007-06-01");
    assert_eq!(data["agenda"]["overdue"][0]["title"], "Doelen vaststellen");
    let doelen = &data["questionnaires"][0]["scores"][0];
    assert_eq!(doelen["theme"], "doelen");
    // Rounded as shown: 2.75 → 2.8, q1 2.375 → 2.4, q3 3.125 → 3.1.
    assert_eq!(doelen["mean"], 2.8);
    assert_eq!(doelen["q1"], 2.4);
    assert_eq!(doelen["q3"], 3.1);
    let first = &data["questionnaires"][0]["disagreement"][0];
    assert_eq!(first["theme"], "loket");
    assert_eq!(first["mean_spread"], 2.0);
    assert_eq!(data["needs"][0]["theme"], "loket");
    assert_eq!(data["needs"][0]["wishes"], 3);
}

#[test]
fn both_pages_are_in_the_navigation() {
    let (_dir, out) = built();
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains(r#"href="vergelijken/index.html">Vergelijken</a>"#));
    assert!(home.contains(r#"href="landelijk/index.html">Landelijk</a>"#));
    let compare = fs::read_to_string(out.join("vergelijken/index.html")).unwrap();
    assert!(compare.contains(r#"href="../vergelijken/index.html" aria-current="page""#));
}
