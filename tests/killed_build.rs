//! Editors never lose work: a build killed at any moment (SIGKILL, no chance to clean up)
//! leaves the previous output byte for byte, and the next build clears what it left behind.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{read_tree, Site, SOURCE_DATE_EPOCH};

/// The base site plus `n` notes with a few paragraphs each: big enough that a debug build
/// takes a while, so kills land while files are being rendered and written.
fn big_site(n: usize) -> Site {
    let site = Site::base_with(&[]);
    let paragraph = "Het gesprek ging over de **gezamenlijke doelstelling**, het loket en de \
                     rol van de klantmanager. Zie [de praktijk](../practices/balie.md).\n\n";
    for i in 0..n {
        site.write(
            &format!("content/notes/notitie-{i:04}.md"),
            &format!(
                "+++\ntitle = \"Notitie {i}\"\ndate = 2007-{:02}-{:02}\nkind = \"verslag\"\nregions = [\"meer\"]\nthemes = [\"doelen\"]\n+++\n## Verloop\n\n{}",
                i % 12 + 1,
                i % 28 + 1,
                paragraph.repeat(6)
            ),
        );
    }
    site
}

fn build_command(site: &Site, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_spiegel"));
    cmd.arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_untouched() {
    // The previous output: the small base site.
    let small = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    small.build(&out, &[]).assert_code(0);
    let before = read_tree(&out);

    // How long a whole build of the big site takes here, to spread the kills over it.
    let big = big_site(2000);
    let scratch = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let status = build_command(&big, &scratch.path().join("out"))
        .status()
        .unwrap();
    assert!(status.success(), "the big site builds");
    let full = started.elapsed();
    let new_site = read_tree(&scratch.path().join("out"));
    assert!(new_site.len() > 2000, "the big site has a page per note");

    let mut killed_mid_way = 0;
    let mut killed_while_writing = 0;
    for percent in [5u32, 20, 40, 60, 80, 95] {
        let mut child = build_command(&big, &out).spawn().unwrap();
        std::thread::sleep(full * percent / 100);
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        if status.success() {
            // It finished before the kill; put the small output back for the next round.
            small.build(&out, &[]).assert_code(0);
            continue;
        }
        killed_mid_way += 1;
        let left: Vec<String> = siblings(tmp.path())
            .into_iter()
            .filter(|n| n != "out")
            .collect();
        assert!(
            left.len() <= 1 && left.iter().all(|n| n.starts_with(".out.spiegel-new-")),
            "killed at {percent}%, left behind: {left:?}"
        );
        if !out.exists() {
            // Killed in the instant between the two renames of the swap: the previous output
            // is whole under the set-aside name, and the next build puts it back.
            let aside = tmp.path().join(&left[0]);
            assert!(left[0].ends_with("-old") && read_tree(&aside) == before);
            output_recovered_by_next_build(&small, &out, &before);
            continue;
        }
        let now = read_tree(&out);
        if now != before {
            // Killed after the swap (while the old output was being removed): the output is
            // the new site, whole, never a mix of the two.
            assert!(
                now == new_site,
                "killed at {percent}% of a build, the output is neither the old nor the new site"
            );
            small.build(&out, &[]).assert_code(0);
            continue;
        }
        // The previous output, untouched; at most the dead build's staging folder is left.
        killed_while_writing += left.len();
    }
    assert!(
        killed_mid_way >= 3,
        "only {killed_mid_way} kills landed mid-build"
    );

    // The next build (of the small site) cleans the dead build's staging folder.
    small.build(&out, &[]).assert_code(0);
    assert_eq!(siblings(tmp.path()), ["out"]);
    assert!(read_tree(&out) == before);
    eprintln!(
        "full build {full:?}, {killed_mid_way} kills landed mid-build, \
         {killed_while_writing} of them while the new output was being written"
    );
}

/// The next build of `site` into `out` restores the set-aside output before anything else.
fn output_recovered_by_next_build(site: &Site, out: &Path, before: &BTreeMap<String, Vec<u8>>) {
    site.build(out, &[]).assert_code(0);
    assert!(read_tree(out) == *before);
}

#[test]
fn output_set_aside_by_a_build_killed_between_its_renames_is_restored_even_if_the_next_build_fails()
{
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    site.build(&out, &[]).assert_code(0);
    let before = read_tree(&out);
    // What a build with a dead pid leaves when killed right after moving the output aside.
    let dead = tmp.path().join(".out.spiegel-new-4000000000");
    std::fs::create_dir(&dead).unwrap();
    std::fs::write(dead.join("half.html"), "half").unwrap();
    std::fs::rename(&out, tmp.path().join(".out.spiegel-new-4000000000-old")).unwrap();

    // The next build has a content error, so it writes nothing; the old output is back anyway.
    site.write("content/notes/kapot.md", "+++\ntitle = \n+++\n");
    let run = site.build(&out, &[]);
    assert_ne!(run.code, 0);
    assert_eq!(siblings(tmp.path()), ["out"]);
    assert!(read_tree(&out) == before);
}

#[test]
fn a_staging_folder_of_a_build_still_running_is_left_alone() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // pid 1 is always alive.
    let running = tmp.path().join(".out.spiegel-new-1");
    std::fs::create_dir(&running).unwrap();
    site.build(&out, &[]).assert_code(0);
    assert!(running.exists());
}
