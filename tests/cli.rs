//! The command line: help and version, usage errors (exit 2), a site folder that is not there,
//! and `check` writing nothing.

mod common;

use common::{read_tree, spiegel, Site};

#[test]
fn help_exits_zero_and_names_both_commands() {
    let run = spiegel(&["--help"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("build") && run.stdout.contains("check"),
        "{}",
        run.stdout
    );
    spiegel(&["build", "--help"]).assert_code(0);
}

#[test]
fn version_exits_zero_and_prints_the_crate_version() {
    let run = spiegel(&["--version"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("spiegel {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_code_two() {
    let run = spiegel(&["build", "--drafs"]);
    run.assert_code(2).assert_stderr_has("--drafs");
    spiegel(&["--frobnicate"]).assert_code(2);
}

#[test]
fn missing_command_is_a_usage_error() {
    spiegel::<&str>(&[]).assert_code(2);
}

#[test]
fn unknown_command_is_a_usage_error() {
    spiegel(&["serve-all"]).assert_code(2);
}

#[test]
fn root_pointing_nowhere_exits_two_for_build_and_check_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("nope");
    let out = tmp.path().join("out");
    let nowhere_s = nowhere.to_str().unwrap();
    spiegel(&[
        "build",
        "--root",
        nowhere_s,
        "--output",
        out.to_str().unwrap(),
    ])
    .assert_code(2)
    .assert_stderr_has("does not exist");
    spiegel(&["check", "--root", nowhere_s])
        .assert_code(2)
        .assert_stderr_has("does not exist");
    assert!(!nowhere.exists() && !out.exists());
    // A file given as the site folder is named for what it is.
    let file = out.with_file_name("site.toml");
    std::fs::write(&file, "title = \"x\"\n").unwrap();
    for command in ["check", "serve"] {
        spiegel(&[command, "--root", file.to_str().unwrap()])
            .assert_code(2)
            .assert_stderr_has("is a file, not a folder")
            .assert_stderr_has("--root takes the folder that holds site.toml");
    }
}

#[test]
fn root_without_content_folder_is_a_content_error() {
    let site = Site::with(&[("site.toml", "title = \"Leeg\"\n")]);
    site.check()
        .assert_code(1)
        .assert_stderr_has("no `content/` folder");
}

#[test]
fn check_writes_nothing_anywhere_in_the_site() {
    let site = Site::base_with(&[]);
    let before = read_tree(site.root());
    let run = site.check();
    run.assert_code(0).assert_stderr_has("checked: no errors");
    assert_eq!(
        read_tree(site.root()),
        before,
        "check changed the site folder"
    );
    assert!(!site.path("output").exists());
}

#[test]
fn build_without_output_writes_to_the_output_folder_of_the_root() {
    let site = Site::base_with(&[]);
    let run = spiegel(&["build", "--root", site.root().to_str().unwrap()]);
    run.assert_code(0).assert_stderr_has("built ");
    assert!(site.path("output/index.html").is_file());
    assert!(site.path("output/werkwijze/index.html").is_file());
}

#[test]
fn build_and_check_print_stage_times_only_when_asked() {
    if std::env::var_os("SPIEGEL_TIMINGS").is_some() {
        return; // asked for: they are meant to be there
    }
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    for run in [site.build(&tmp.path().join("out"), &[]), site.check()] {
        run.assert_code(0);
        assert!(!run.stderr.contains("timing:"), "{}", run.stderr);
    }
}

#[test]
fn a_valid_site_builds_with_no_warnings_and_says_how_many_pages() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let run = site.build(&tmp.path().join("out"), &[]);
    run.assert_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(
        run.stderr.contains("built ") && run.stderr.contains(" pages ("),
        "{}",
        run.stderr
    );
}

/// A report piped into a reader that stops early (`spiegel check 2>&1 | head -1`) ends with
/// the report's own exit code, not a panic about the closed pipe.
#[test]
fn a_closed_stderr_pipe_is_not_a_crash() {
    let notes: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("content/notes/kapot-{i}.md"),
                format!("+++\ntitle = \"K\"\ndate = 2007-03-01\nregions = [\"meer\"]\n+++\n[x](weg-{i}.md)\n"),
            )
        })
        .collect();
    let notes: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::base_with(&notes);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["check", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the report is written.
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{status:?}");
}
