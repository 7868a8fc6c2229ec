//! Real-browser test of `spiegel serve`'s live reload: starts the real binary on a copy of the
//! example site, then runs `node tests/browser/serve.mjs` (headless Chromium through
//! playwright-core), which opens a note, edits it on disk and waits for the page to update by
//! itself, then breaks and fixes it and sees the error dialog come and go.
//!
//! Needs node, /usr/bin/chromium (or `$CHROMIUM`) and `npm ci` in tests/browser (`.ci/run` does
//! that). When `CI` is set a missing tool fails the test; otherwise it is skipped with a note.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn open_page_updates_by_itself_after_a_save() {
    if !common::browser_ready() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &site.path().join("content"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().trim_start_matches("serving at ").to_string();

    let result = Command::new("node")
        .arg(repo.join("tests/browser/serve.mjs"))
        .arg(&url)
        .arg(site.path())
        .args([
            "content/notes/2007-05-hilversum-begeleiding.md",
            "notities/2007-05-hilversum-begeleiding/",
            "Een maand na",
        ])
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        result.status.success(),
        "browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    eprint!("{}", String::from_utf8_lossy(&result.stdout));
}
