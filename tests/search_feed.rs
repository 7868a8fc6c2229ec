//! End to end through the binary on a copy of the example site: the matches on region and
//! practice pages, the search index, and the Atom feed and sitemap (only with `base_url`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, which holds the example site.
fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds a copy of the example site whose site.toml sets `base_url`, unminified so the
/// assertions can name attributes as the templates write them; returns (temp dir, output
/// folder, stderr).
fn build_example(base_url: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&example().join("content"), &site.join("content"));
    let toml = std::fs::read_to_string(example().join("site.toml")).unwrap();
    let toml = toml
        .lines()
        .map(|l| {
            if l.starts_with("base_url") {
                format!("base_url = \"{base_url}\"")
            } else if l.starts_with("minify") {
                "minify = false".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(site.join("site.toml"), toml).unwrap();
    let out = dir.path().join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "build failed:\n{stderr}");
    (dir, out, stderr)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The part of a page between two markers.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn haarlemmermeer_wish_for_one_counter_finds_the_amsterdam_zuidoost_practice_first() {
    let (_dir, out, _) = build_example("");
    let page = read(&out, "regio/haarlemmermeer/index.html");
    let section = between(
        &page,
        "id=\"praktijken-voor-regio\"",
        "id=\"regios-zoals-wij\"",
    );
    let first = section
        .find("class=\"card-title\"")
        .map(|i| &section[i..i + 200])
        .unwrap();
    assert!(
        first.contains("praktijken/een-loket-amsterdam-zuidoost/index.html"),
        "{first}"
    );
    // The others one would expect: the online client system (duplicate work), the SMS contact
    // and the Hilversum training; the Assen film is an idea and comes after them.
    for slug in [
        "klantvolgsysteem-online-amsterdam-zuidoost",
        "sms-contact-amsterdam-zuidoost",
        "training-werkgeversrol-hilversum",
        "presentatiefilm-toonkamer-assen",
    ] {
        assert!(section.contains(slug), "{slug} missing");
    }
    assert!(
        section.find("training-werkgeversrol").unwrap()
            < section.find("presentatiefilm-toonkamer-assen").unwrap()
    );
    // The stopped communication plan is there for its lessons, apart from the others.
    let lessons = between(section, "id=\"gestopt-leerzaam\"", "</section>");
    assert!(lessons.contains("communicatieplan-amsterdam-zuidoost"));
    // Why it matched: the wish text and the shared themes.
    assert!(section.contains("Eén loket voor werk, waar een geïntegreerd frontofficeteam"));

    // Regions like ours: at most three, each with a reason.
    let similar = between(&page, "id=\"regios-zoals-wij\"", "</section>");
    let items = similar.matches("<li>").count();
    assert!((1..=3).contains(&items), "{similar}");
    assert!(similar.contains("dezelfde wens"), "{similar}");

    // And the other way round on the practice page.
    let practice = read(&out, "praktijken/een-loket-amsterdam-zuidoost/index.html");
    let wanted = between(&practice, "id=\"gezocht-door\"", "</section>");
    assert!(wanted.contains("regio/haarlemmermeer/index.html"));
    assert!(
        wanted.contains("eigen regio"),
        "Amsterdam-Zuidoost is marked as its own region"
    );
}

#[test]
fn practices_page_groups_by_status_theme_and_region_and_keeps_stopped_ones() {
    let (_dir, out, _) = build_example("");
    let page = read(&out, "praktijken/index.html");
    for anchor in [
        "id=\"per-status\"",
        "id=\"status-gestopt\"",
        "id=\"per-thema\"",
        "id=\"thema-loket\"",
        "id=\"per-regio\"",
        "id=\"regio-amsterdam-zuidoost\"",
    ] {
        assert!(page.contains(anchor), "{anchor}");
    }
    let stopped = between(&page, "id=\"status-gestopt\"", "</section>");
    assert!(stopped.contains("een gezamenlijk communicatieplan kwam niet van de grond"));
    // The filter form is hidden until the script shows it.
    assert!(page.contains("<form id=\"praktijk-filter\" class=\"filters\" hidden"));
}

#[test]
fn search_index_is_a_script_with_every_kind_of_page() {
    let (_dir, out, _) = build_example("");
    let index = read(&out, "zoeken/zoekindex.js");
    assert!(index.starts_with("window.SPIEGEL_SEARCH={"));
    let json = index
        .trim_end()
        .trim_start_matches("window.SPIEGEL_SEARCH=")
        .trim_end_matches(';');
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = value["docs"].as_array().unwrap();
    let urls: Vec<&str> = docs.iter().map(|d| d[3].as_str().unwrap()).collect();
    for url in [
        "notities/2007-03-haarlemmermeer-orientatie/index.html",
        "praktijken/een-loket-amsterdam-zuidoost/index.html",
        "regio/haarlemmermeer/index.html",
        "thema/loket/index.html",
        "werkwijze/index.html",
    ] {
        assert!(urls.contains(&url), "{url} not indexed");
    }
    // Every page has the search box, pointing at the search page relatively.
    let region = read(&out, "regio/haarlemmermeer/index.html");
    assert!(region.contains("action=\"../../zoeken/index.html\""));
    let search = read(&out, "zoeken/index.html");
    assert!(search.contains("<noscript>"));
    assert!(search.contains("src=\"../zoeken/zoekindex.js\""));
}

#[test]
fn without_base_url_feed_and_sitemap_are_skipped_and_the_build_says_why() {
    let (_dir, out, stderr) = build_example("");
    assert!(!out.join("atom.xml").exists());
    assert!(!out.join("sitemap.xml").exists());
    assert!(
        stderr.contains("atom.xml and sitemap.xml skipped") && stderr.contains("base_url"),
        "{stderr}"
    );
}

#[test]
fn with_base_url_feed_and_sitemap_are_well_formed_absolute_and_newest_first() {
    let (_dir, out, stderr) = build_example("https://intranet.example.nl/spiegel");
    assert!(!stderr.contains("skipped"), "{stderr}");
    let atom = read(&out, "atom.xml");
    let doc = roxmltree::Document::parse(&atom).expect("atom.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    // 6 published notes (the seventh is a draft) + 8 practices; the one practice without
    // `since` takes the date of the newest note that refers to it.
    assert_eq!(entries.len(), 14);
    let updated: Vec<String> = entries
        .iter()
        .map(|e| {
            e.children()
                .find(|n| n.has_tag_name("updated"))
                .and_then(|n| n.text())
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted, "entries are newest first");
    let feed_updated = feed
        .children()
        .find(|n| n.has_tag_name("updated"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(
        feed_updated, updated[0],
        "the feed's date is its newest entry's"
    );
    for e in &entries {
        let id = e
            .children()
            .find(|n| n.has_tag_name("id"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(
            id.starts_with("https://intranet.example.nl/spiegel/"),
            "{id}"
        );
    }

    let sitemap = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is well-formed XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://intranet.example.nl/spiegel/"));
    assert!(locs.contains(&"https://intranet.example.nl/spiegel/regio/haarlemmermeer/"));
    assert!(!locs.iter().any(|l| l.contains("zoeken")));
    assert!(locs.iter().all(|l| l.starts_with("https://")));

    // Same content, same bytes: nothing comes from the clock.
    let (_dir2, out2, _) = build_example("https://intranet.example.nl/spiegel");
    assert_eq!(atom, read(&out2, "atom.xml"));
    assert_eq!(sitemap, read(&out2, "sitemap.xml"));
}

#[test]
fn a_relative_base_url_is_an_error_naming_site_toml() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&example().join("content"), &site.join("content"));
    std::fs::write(site.join("site.toml"), "base_url = \"intranet/spiegel\"\n").unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(dir.path().join("out"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("site.toml") && stderr.contains("not an absolute URL"));
}
