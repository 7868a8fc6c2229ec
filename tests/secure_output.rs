//! Secure output, checked on whatever pages the build makes (every `.html` in the output is
//! parsed with html5ever, as a browser would): text from content never becomes markup, raw
//! HTML is sanitised unless `allow_html = true`, script links are dropped, and nothing from
//! outside the site folder is published (links, theme names, symlinks).

mod common;

use common::Site;
use scraper::{Html, Selector};

/// Two payloads: one that breaks out of an element (or an inline `<script>` holding JSON), one
/// that breaks out of an attribute.
const PAYLOAD: &str = r#"</script><script>alert(1)</script>"'><img src=x onerror=alert(1)>"#;

/// The payload as a TOML basic string.
fn toml_string() -> String {
    format!("\"{}\"", PAYLOAD.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A site whose every free-text field (site, questionnaire, region, results, note, practice,
/// page, home) holds the payload.
fn evil_site() -> Site {
    let e = toml_string();
    let questionnaire = format!(
        r#"title = {e}
description = {e}
scale = {{ min = 1, max = 5, labels = [{e}, {e}, {e}, {e}, {e}] }}
roles = ["management"]

[[themes]]
id = "doelen"
title = {e}
description = {e}

[[themes]]
id = "loket"
title = {e}

[[questions]]
id = "doelen-1"
theme = "doelen"
text = {e}

[[questions]]
id = "loket-1"
theme = "loket"
text = {e}

[[questions]]
id = "loket-vorm"
theme = "loket"
type = "choice"
text = {e}
options = [{{ id = "apart", label = {e} }}, {{ id = "integraal", label = {e} }}]
"#
    );
    let region = format!(
        r#"+++
name = {e}
kind = {e}
province = {e}
bvg = [{e}]
stage = "agenda"
partners = [
  {{ id = "cwi", name = {e}, kind = "cwi" }},
  {{ id = "uwv", name = {e}, kind = "uwv" }},
  {{ id = "gemeente", name = {e}, kind = "gemeente" }},
]

[[wishes]]
text = {e}
themes = ["loket"]

[[agenda]]
title = {e}
owner = "cwi"
due = 2007-09-01
status = "open"
themes = ["doelen"]

[[milestones]]
stage = "quickscan"
date = 2007-04-02
+++
{PAYLOAD}
"#
    );
    let results = |date: &str| {
        format!(
            "questionnaire = \"scan\"\ndate = {date}\nround = {e}\n\n[[responses]]\npartner = \"cwi\"\nrole = \"management\"\nanswers = {{ doelen-1 = 2, loket-1 = 3, loket-vorm = \"apart\" }}\ndesired = {{ doelen-1 = 4 }}\n\n[[responses]]\npartner = \"uwv\"\nanswers = {{ doelen-1 = 4, loket-1 = 5, loket-vorm = \"integraal\" }}\n\n[[responses]]\npartner = \"gemeente\"\nanswers = {{ doelen-1 = 1, loket-1 = 2, loket-vorm = \"apart\" }}\n"
        )
    };
    Site::with(&[
        (
            "site.toml",
            format!("title = {e}\ndescription = {e}\nminify = false\n[extra]\nnote = {e}\n"),
        ),
        ("content/_index.md", format!("+++\ntitle = {e}\n+++\n{PAYLOAD}\n")),
        ("content/questionnaires/scan.toml", questionnaire),
        ("content/regions/meer/_index.md", region),
        ("content/regions/meer/scan-2007-03.toml", results("2007-03-15")),
        ("content/regions/meer/scan-2007-06.toml", results("2007-06-15")),
        (
            "content/notes/gesprek.md",
            format!("+++\ntitle = {e}\ndate = 2007-03-01\nkind = \"interview\"\nregions = [\"meer\"]\npractices = [\"balie\"]\nthemes = [\"doelen\"]\nparticipants = [{e}]\n+++\n## {PAYLOAD}\n\n{PAYLOAD}\n\n[{PAYLOAD}](@/practices/balie.md)\n"),
        ),
        (
            "content/practices/balie.md",
            format!("+++\ntitle = {e}\nregion = \"meer\"\nthemes = [\"loket\"]\nstatus = \"pilot\"\nsite = {e}\nresults = [{e}]\n+++\n{PAYLOAD}\n"),
        ),
        (
            "content/pages/werkwijze.md",
            format!("+++\ntitle = {e}\n+++\n{PAYLOAD}\n"),
        ),
    ])
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

#[test]
fn no_page_gets_an_element_or_attribute_from_content_text() {
    let built = evil_site().build_ok();
    let tree = built.tree();
    let pages: Vec<_> = tree.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() >= 8, "only {} pages", pages.len());
    let all = selector("*");
    let scripts = selector("script");
    for (path, bytes) in &pages {
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        for element in html.select(&all) {
            let el = element.value();
            for (name, value) in el.attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "{path}: <{}> has an event handler {name}={value:?}",
                    el.name()
                );
            }
            // Inside a Markdown body the sanitiser may keep a harmless `<img src="x">` (raw
            // HTML is the editor's markup); from any other field it must stay text.
            if el.name() == "img" && el.attr("src") == Some("x") {
                let in_body = element.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| e.classes().any(|c| c == "prose"))
                });
                assert!(
                    in_body,
                    "{path}: the payload's <img> became markup outside a body"
                );
            }
        }
        // The theme's own scripts load files (`src`) or carry data, never the payload.
        for script in html.select(&scripts) {
            let text: String = script.text().collect();
            assert!(
                !text.contains("alert(1)"),
                "{path}: a <script> element carries the payload: {text:?}"
            );
            if let Some(src) = script.value().attr("src") {
                assert!(!src.contains("alert"), "{path}: script src {src:?}");
            }
        }
        // The visible text still says what the editor wrote.
        let body: String = html.root_element().text().collect();
        assert!(
            body.contains("onerror=alert(1)>"),
            "{path}: the payload should show as text"
        );
    }
}

#[test]
fn every_script_file_in_the_output_still_parses_as_javascript() {
    // Data for scripts is loaded with <script src>; the payload must stay inside its strings.
    let built = evil_site().build_ok();
    let scripts: Vec<_> = built
        .tree()
        .into_keys()
        .filter(|p| p.ends_with(".js"))
        .collect();
    let node = std::process::Command::new("node").arg("--version").output();
    if node.is_err() {
        assert!(std::env::var_os("CI").is_none(), "node is missing in CI");
        eprintln!("node not installed: skipping the JavaScript syntax check");
        return;
    }
    for script in scripts {
        let status = std::process::Command::new("node")
            .arg("--check")
            .arg(built.out.join(&script))
            .status()
            .unwrap();
        assert!(status.success(), "{script} no longer parses");
    }
    for (path, bytes) in built.tree() {
        if path.ends_with(".json") {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
            assert!(parsed.is_ok(), "{path} is not valid JSON");
        }
    }
}

#[test]
fn raw_html_is_sanitised_by_default_and_kept_with_allow_html() {
    let body = "<span class=\"x\" onclick=\"alert(1)\">tekst</span>\n\n<script>alert(2)</script>\n\n<kbd>Ctrl</kbd>\n";
    let note = format!("+++\ntitle = \"N\"\ndate = 2007-03-01\n+++\n{body}");
    let strict = Site::base_with(&[("content/notes/n.md", &note)]).build_ok();
    let page = strict.read("notities/n/index.html");
    assert!(!page.contains("onclick") && !page.contains("alert(2)"));
    assert!(page.contains("<kbd>Ctrl</kbd>"), "harmless markup stays");

    let trusting = Site::base_with(&[
        ("content/notes/n.md", &note),
        (
            "site.toml",
            "title = \"T\"\nminify = false\nallow_html = true\n",
        ),
    ])
    .build_ok();
    let page = trusting.read("notities/n/index.html");
    assert!(page.contains("<span class=\"x\" onclick=\"alert(1)\">tekst</span>"));
    assert!(page.contains("<script>alert(2)</script>"));
}

#[test]
fn javascript_data_and_vbscript_links_are_dropped_with_a_warning() {
    let note = "+++\ntitle = \"N\"\ndate = 2007-03-01\n+++\n[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) [c](VBScript:x) [d]( JAVASCRIPT:alert(1))\n";
    let site = Site::base_with(&[("content/notes/n.md", note)]);
    let out = tempfile::tempdir().unwrap();
    let run = site.build(&out.path().join("out"), &[]);
    run.assert_code(0).assert_stderr_has("unsafe link removed");
    let page = std::fs::read_to_string(out.path().join("out/notities/n/index.html")).unwrap();
    let html = Html::parse_document(&page);
    for a in html.select(&selector("main a[href]")) {
        let href = a
            .value()
            .attr("href")
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(!href.starts_with(scheme), "kept {href}");
        }
    }
}

#[test]
fn a_markdown_link_above_the_site_root_is_an_error() {
    let note = "+++\ntitle = \"N\"\ndate = 2007-03-01\n+++\n[pw](../../etc/passwd) en [pw2](../../../../../etc/passwd)\n";
    let site = Site::base_with(&[("content/notes/n.md", note)]);
    let out = tempfile::tempdir().unwrap();
    let run = site.build(&out.path().join("out"), &[]);
    run.assert_code(1)
        .assert_stderr_has("link leaves the site folder");
    assert!(!out.path().join("out").exists());
}

#[test]
fn a_theme_name_that_climbs_out_is_refused() {
    for theme in ["../x", "..", "a/../../b", "/etc", "..\\\\x"] {
        let site = Site::base_with(&[(
            "site.toml",
            &format!("title = \"T\"\ntheme = \"{theme}\"\n"),
        )]);
        let out = tempfile::tempdir().unwrap();
        let run = site.build(&out.path().join("out"), &[]);
        assert_eq!(run.code, 1, "theme {theme:?} accepted:\n{}", run.stderr);
        assert!(run.stderr.contains("theme"), "{}", run.stderr);
        assert!(!out.path().join("out").exists());
    }
}

#[cfg(unix)]
mod symlinks {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A folder outside the site with a secret in it.
    fn outside() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret.txt"), "geheim").unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/secret.css"), "geheim").unwrap();
        dir
    }

    fn refused(site: &Site, words: &str) {
        let out = tempfile::tempdir().unwrap();
        let run = site.build(&out.path().join("out"), &[]);
        assert_eq!(run.code, 1, "accepted:\n{}", run.stderr);
        assert!(run.stderr.contains(words), "{}", run.stderr);
        assert!(!out.path().join("out").exists(), "something was published");
    }

    #[test]
    fn a_static_file_linking_outside_is_refused() {
        let ext = outside();
        let site = Site::base_with(&[]);
        std::fs::create_dir_all(site.path("content/static")).unwrap();
        symlink(
            ext.path().join("secret.txt"),
            site.path("content/static/secret.txt"),
        )
        .unwrap();
        refused(&site, "points outside the site folder");
    }

    #[test]
    fn a_static_folder_linking_outside_is_refused() {
        let ext = outside();
        let site = Site::base_with(&[]);
        std::fs::create_dir_all(site.path("content/static")).unwrap();
        // A link inside the outside folder, which a walk through it would report too.
        symlink(
            ext.path().join("secret.txt"),
            ext.path().join("static/also.txt"),
        )
        .unwrap();
        symlink(ext.path(), site.path("content/static/ext")).unwrap();
        refused(&site, "points outside the site folder");
        // One error, at the link: what it points at is not walked (a link to `/` took the
        // whole disk).
        let run = site.check();
        assert_eq!(
            run.stderr.matches("points outside the site folder").count(),
            1,
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("also.txt"), "{}", run.stderr);
    }

    #[test]
    fn a_static_file_linking_inside_the_site_is_published() {
        let site = Site::base_with(&[("content/static/echt.txt", "hallo")]);
        symlink(
            site.path("content/static/echt.txt"),
            site.path("content/static/link.txt"),
        )
        .unwrap();
        let built = site.build_ok();
        assert_eq!(built.read("static/link.txt"), "hallo");
    }

    #[test]
    fn a_theme_folder_linking_outside_is_refused() {
        let ext = outside();
        let site = Site::base_with(&[("site.toml", "title = \"T\"\ntheme = \"ext\"\n")]);
        std::fs::create_dir_all(site.path("themes")).unwrap();
        symlink(ext.path(), site.path("themes/ext")).unwrap();
        refused(&site, "outside the site folder");
    }

    #[test]
    fn a_theme_asset_linking_outside_is_refused() {
        let ext = outside();
        let site = Site::base_with(&[
            ("site.toml", "title = \"T\"\ntheme = \"eigen\"\n"),
            ("themes/eigen/static/extra.css", "body{}"),
        ]);
        symlink(
            ext.path().join("secret.txt"),
            site.path("themes/eigen/static/secret.css"),
        )
        .unwrap();
        refused(&site, "outside the site folder");
    }

    #[test]
    fn a_theme_folder_inside_a_theme_linking_outside_is_one_error() {
        let ext = outside();
        symlink(
            ext.path().join("secret.txt"),
            ext.path().join("static/also.css"),
        )
        .unwrap();
        let site = Site::base_with(&[
            ("site.toml", "title = \"T\"\ntheme = \"eigen\"\n"),
            ("themes/eigen/static/extra.css", "body{}"),
        ]);
        symlink(ext.path(), site.path("themes/eigen/static/ext")).unwrap();
        refused(&site, "outside the site folder");
        // What the link points at is not walked (a link to `/` took the whole disk).
        let run = site.check();
        assert_eq!(
            run.stderr.matches("outside the site folder").count(),
            1,
            "{}",
            run.stderr
        );
    }
}
