//! `spiegel init` and `spiegel new …` through the real binary: what they write passes
//! `spiegel check` as written, and nothing is ever overwritten.

use std::path::Path;
use std::process::{Command, Output};

fn spiegel(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn init_makes_a_site_that_builds_and_new_files_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_ok(&out);
    let built = spiegel(&["build"], &site);
    assert_ok(&built);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(!stderr.contains("warning: file"), "{stderr}");
    assert!(site
        .join("output/regio/voorbeeldregio/index.html")
        .is_file());

    let region = spiegel(&["new", "region", "Nieuw-Gein \"Zuid\""], &site);
    assert_ok(&region);
    assert_eq!(
        String::from_utf8_lossy(&region.stdout).trim(),
        site.join("content/regions/nieuw-gein-zuid/_index.md")
            .display()
            .to_string()
    );
    assert_ok(&spiegel(
        &[
            "new",
            "note",
            "Eerste gesprek",
            "--region",
            "nieuw-gein-zuid",
        ],
        &site,
    ));
    assert_ok(&spiegel(
        &["new", "practice", "Eén loket voor iedereen"],
        &site,
    ));
    assert_ok(&spiegel(
        &[
            "new",
            "practice",
            "Werkgeversteam",
            "--region",
            "nieuw-gein-zuid",
        ],
        &site,
    ));
    // A title pasted with line breaks, one of them a `+++` line, stays one line.
    let pasted = spiegel(
        &[
            "new",
            "note",
            "Gesprek\n+++\nvervolg",
            "--region",
            "nieuw-gein-zuid",
        ],
        &site,
    );
    assert_ok(&pasted);
    let written = std::fs::read_to_string(String::from_utf8_lossy(&pasted.stdout).trim()).unwrap();
    assert!(
        written.contains("title = \"Gesprek +++ vervolg\"\n"),
        "{written}"
    );
    let check = spiegel(&["check"], &site);
    assert_ok(&check);
    let stderr = String::from_utf8_lossy(&check.stderr);
    // Only the note that a build without the `minify` feature writes pages unminified.
    assert!(
        stderr
            .lines()
            .filter(|l| l.starts_with("warning"))
            .all(|l| l.contains("minify")),
        "{stderr}"
    );
}

#[test]
fn new_refuses_to_overwrite_and_unknown_regions() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    assert_ok(&spiegel(&["new", "practice", "Eén loket"], site));
    let again = spiegel(&["new", "practice", "Eén loket"], site);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let note = spiegel(&["new", "note", "Gesprek", "--region", "nergens"], site);
    assert_eq!(note.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&note.stderr).contains("unknown region `nergens`"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}
