//! Keyboard and screen-reader structure of every page, parsed with html5ever (no browser
//! needed): `lang` set, a working skip link first, one `<main>`, one h1 and headings that never
//! skip a level, tables with header cells (and a caption unless they come from an editor's
//! Markdown, which has no syntax for one), charts with a text alternative. Runs on the example
//! site and on the generated larger fixture, over whatever pages the output holds.

mod common;
#[path = "common/large_site.rs"]
mod large_site;

use std::path::Path;

use common::{read_tree, spiegel};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn in_prose(el: &ElementRef) -> bool {
    el.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.classes().any(|c| c == "prose"))
    })
}

/// The problems of one page.
fn problems(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    let lang = doc.root_element().value().attr("lang").unwrap_or_default();
    if !matches!(lang, "nl" | "en") {
        out.push(format!("<html lang={lang:?}>"));
    }
    let first_link = doc.select(&sel("body a[href]")).next();
    let skip_target = first_link
        .and_then(|a| a.value().attr("href"))
        .and_then(|h| h.strip_prefix('#'))
        .unwrap_or_default();
    if skip_target.is_empty()
        || doc
            .select(&sel(&format!("#{skip_target}")))
            .next()
            .is_none()
    {
        out.push("the first link is not a skip link to an element on the page".into());
    }
    if doc.select(&sel("main")).count() != 1 {
        out.push("not exactly one <main>".into());
    }
    if doc.select(&sel("header")).count() == 0 || doc.select(&sel("nav[aria-label]")).count() == 0 {
        out.push("no banner header or no labelled navigation".into());
    }
    let headings: Vec<u8> = doc
        .select(&sel("h1, h2, h3, h4, h5, h6"))
        .map(|h| h.value().name().as_bytes()[1] - b'0')
        .collect();
    if headings.iter().filter(|&&l| l == 1).count() != 1 {
        out.push(format!(
            "{} h1 elements",
            headings.iter().filter(|&&l| l == 1).count()
        ));
    }
    let mut previous = 0;
    for level in &headings {
        if *level > previous + 1 {
            out.push(format!(
                "heading level skipped: h{previous} → h{level} in {headings:?}"
            ));
        }
        previous = *level;
    }
    for table in doc.select(&sel("table")) {
        let has_caption = table
            .select(&sel("caption"))
            .next()
            .is_some_and(|c| !c.text().collect::<String>().trim().is_empty());
        if !has_caption && !in_prose(&table) {
            out.push("a table without a caption".into());
        }
        if table.select(&sel("th")).next().is_none() {
            out.push("a table without header cells".into());
        }
        if !in_prose(&table) {
            for th in table.select(&sel("th")) {
                if th.value().attr("scope").is_none() {
                    out.push(format!(
                        "<th> without scope: {}",
                        th.text().collect::<String>()
                    ));
                }
            }
        }
    }
    for svg in doc.select(&sel("svg")) {
        let nested = svg
            .ancestors()
            .skip(1)
            .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"));
        let hidden = svg.value().attr("aria-hidden") == Some("true");
        if nested || hidden {
            continue;
        }
        let titled = svg
            .select(&sel("title"))
            .next()
            .is_some_and(|t| !t.text().collect::<String>().trim().is_empty());
        if svg.value().attr("role") != Some("img") || !titled {
            out.push("an <svg> chart without role=\"img\" and a <title>".into());
        }
    }
    out
}

fn check_site(root: &Path) -> usize {
    let holder = tempfile::tempdir().unwrap();
    let out = holder.path().join("out");
    spiegel(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ])
    .assert_code(0);
    let mut all = Vec::new();
    let mut pages = 0;
    for (path, bytes) in read_tree(&out) {
        if path.ends_with(".html") {
            pages += 1;
            for p in problems(&String::from_utf8_lossy(&bytes)) {
                all.push(format!("{path}: {p}"));
            }
        }
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
    pages
}

#[test]
fn every_page_of_the_example_site_has_landmarks_headings_in_order_and_labelled_tables() {
    let pages = check_site(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(pages >= 30, "only {pages} pages");
}

#[test]
fn every_page_of_a_larger_fixture_site_has_landmarks_headings_in_order_and_labelled_tables() {
    let site = tempfile::tempdir().unwrap();
    large_site::write(site.path(), 60, 10);
    let pages = check_site(site.path());
    assert!(pages >= 90, "only {pages} pages");
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    let bad = "<!DOCTYPE html><html><body><a href=\"x.html\">x</a><h1>a</h1><h3>b</h3><table><tr><th>k</th></tr></table><svg></svg></body></html>";
    let found = problems(bad);
    for expected in [
        "lang",
        "skip link",
        "<main>",
        "h1 → h3",
        "caption",
        "scope",
        "<svg>",
    ] {
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "missed {expected}: {found:?}"
        );
    }
}
