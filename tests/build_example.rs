//! The example site in the repository (site.toml + content/) built end to end: every page at its
//! contract URL, drafts only on request, byte-identical rebuilds, and no broken internal link.

mod common;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use common::{read_tree, spiegel, Run};

fn repo_root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn build_example(out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--root", repo_root(), "--output"];
    let out = out.to_str().expect("temp path is UTF-8");
    args.push(out);
    args.extend_from_slice(extra);
    spiegel(&args)
}

const DRAFT_NOTE: &str = "notities/2007-07-haarlemmermeer-managementworkshop-2/index.html";

#[test]
fn example_site_builds_and_every_page_sits_at_its_contract_url() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_example(&out, &[]).assert_code(0);

    let expected = [
        "index.html",
        "regio/index.html",
        "regio/haarlemmermeer/index.html",
        "regio/amsterdam-zuidoost/index.html",
        "notities/index.html",
        "notities/2007-03-haarlemmermeer-orientatie/index.html",
        "praktijken/index.html",
        "praktijken/een-loket-amsterdam-zuidoost/index.html",
        "thema/index.html",
        "thema/loket/index.html",
        "thema/doelen/index.html",
        "werkwijze/index.html",
        "over/index.html",
        "methode/index.html",
        "static/quickscan-toelichting.txt",
    ];
    for rel in expected {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    // Every note, practice, region and theme of the content has its page.
    let content = Path::new(repo_root()).join("content");
    for (dir, url) in [("notes", "notities"), ("practices", "praktijken")] {
        for entry in std::fs::read_dir(content.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let draft = std::fs::read_to_string(&path)
                .unwrap()
                .contains("draft = true");
            let page = out.join(url).join(&stem).join("index.html");
            assert_eq!(page.is_file(), !draft, "{}", page.display());
        }
    }
    for entry in std::fs::read_dir(content.join("regions")).unwrap() {
        let slug = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            out.join("regio").join(&slug).join("index.html").is_file(),
            "region {slug}"
        );
    }
    // The static file is copied byte for byte.
    assert_eq!(
        std::fs::read(out.join("static/quickscan-toelichting.txt")).unwrap(),
        std::fs::read(content.join("static/quickscan-toelichting.txt")).unwrap()
    );
}

#[test]
fn draft_note_is_left_out_without_drafts_and_built_with_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain");
    build_example(&plain, &[]).assert_code(0);
    assert!(!plain.join(DRAFT_NOTE).exists());
    let listing = std::fs::read_to_string(plain.join("notities/index.html")).unwrap();
    assert!(
        !listing.contains("managementworkshop-2"),
        "draft listed in notes index"
    );

    let drafts = tmp.path().join("drafts");
    build_example(&drafts, &["--drafts"]).assert_code(0);
    assert!(drafts.join(DRAFT_NOTE).is_file());
}

#[test]
fn building_twice_gives_byte_identical_trees() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_example(&a, &[]).assert_code(0);
    build_example(&b, &[]).assert_code(0);
    let (a, b) = (read_tree(&a), read_tree(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn every_relative_link_in_every_page_resolves_to_a_built_file_and_anchor() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_example(&out, &["--drafts"]).assert_code(0);
    let tree = read_tree(&out);
    let broken = broken_links(&tree);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Every `href`/`src` in every HTML page of `tree` that does not resolve, as "page: link (why)".
fn broken_links(tree: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in attributes(&html, &["href", "src"]) {
            let link = link.replace("&amp;", "&");
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link == "data:,"
                || link.is_empty()
            {
                continue;
            }
            checked += 1;
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let target = if path.is_empty() {
                Some(page.clone())
            } else {
                resolve(page, path, tree)
            };
            let Some(target) = target else {
                broken.push(format!("{page}: {link} (no such file)"));
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = String::from_utf8_lossy(&tree[&target]);
                let ids = attributes(&target_html, &["id"]);
                if !ids.iter().any(|id| id == fragment) {
                    broken.push(format!("{page}: {link} (no id=\"{fragment}\" in {target})"));
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} links checked; is the parser right?"
    );
    broken
}

/// The output file a relative link from `page` points at, if it exists.
fn resolve(page: &str, link: &str, tree: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    assert!(
        !link.starts_with('/'),
        "{page}: absolute link {link}; pages must link relatively"
    );
    let link = link.split('?').next().unwrap_or(link);
    let mut path: PathBuf = Path::new(page)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    for component in Path::new(link).components() {
        match component {
            Component::ParentDir => {
                if !path.pop() {
                    return None; // climbs out of the output folder
                }
            }
            Component::CurDir => {}
            Component::Normal(part) => path.push(part),
            _ => return None,
        }
    }
    let key = path.to_string_lossy().replace('\\', "/");
    if tree.contains_key(&key) {
        return Some(key);
    }
    // A folder link (`regio/` or `..`) stands for its index.html.
    let index = if key.is_empty() {
        "index.html".to_string()
    } else {
        format!("{key}/index.html")
    };
    tree.contains_key(&index).then_some(index)
}

/// The values of the given attributes, in document order, read with an HTML parser so that
/// minified pages (unquoted attribute values) are read as a browser reads them.
fn attributes(html: &str, names: &[&str]) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").expect("selector");
    doc.select(&all)
        .flat_map(|el| {
            names
                .iter()
                .filter_map(move |name| el.value().attr(name).map(str::to_string))
        })
        .collect()
}
