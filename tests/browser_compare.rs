//! Real-browser test of the compare page: builds the fixture site with the real binary, then
//! runs `node tests/browser/compare.mjs` (headless Chromium through playwright-core), which opens
//! `vergelijken/index.html` from file://, picks two regions with the keyboard, sees them side by
//! side with the choice in the address, and reopens that address to see it restored.
//!
//! Needs node, /usr/bin/chromium (or `$CHROMIUM`) and `npm ci` in tests/browser (`.ci/run` does
//! that). When `CI` is set a missing tool fails the test; otherwise it is skipped with a note.

mod common;

use std::path::Path;
use std::process::Command;

use common::compare_site;

#[test]
fn compare_page_picks_regions_side_by_side_from_file_url() {
    if !common::browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    compare_site::write(dir.path());
    let out = compare_site::build(dir.path());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/compare.mjs");
    let result = Command::new("node")
        .arg(script)
        .arg(&out)
        .args(["aa", "bb"])
        .output()
        .expect("run node");
    assert!(
        result.status.success(),
        "browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}
