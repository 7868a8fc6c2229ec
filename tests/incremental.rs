//! The preview server's incremental rebuilds give the same files as a full build, byte for
//! byte, after every kind of edit an editor makes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use spiegel::incremental::BuildCache;
use spiegel::model::Date;
use spiegel::render::Output;
use spiegel::{build, rebuild_in_memory, BuildOptions, Built, Failure};

fn options(root: &Path, output: Option<PathBuf>) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output,
        drafts: true,
        today: Date::new(2007, 6, 1),
    }
}

/// The files a full build writes to disk, by path.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    build(&options(root, Some(target.clone()))).unwrap();
    let mut files = BTreeMap::new();
    for entry in walkdir(&target) {
        let rel = entry.strip_prefix(&target).unwrap();
        let key = rel.to_string_lossy().replace('\\', "/");
        files.insert(key, std::fs::read(&entry).unwrap());
    }
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The files an incremental build holds in memory, by path.
fn incremental(root: &Path, cache: &mut BuildCache, changed: &[&str]) -> BTreeMap<String, Vec<u8>> {
    Preview::default().rebuild(root, cache, changed).0
}

/// What the preview server serves: the files of the last build, a partial rebuild merged in.
#[derive(Default)]
struct Preview {
    files: BTreeMap<String, Vec<u8>>,
}

impl Preview {
    /// Rebuilds as `spiegel serve` does after `changed`; the files served afterwards, and
    /// whether the rebuild took the short cut for note bodies.
    fn rebuild(
        &mut self,
        root: &Path,
        cache: &mut BuildCache,
        changed: &[&str],
    ) -> (BTreeMap<String, Vec<u8>>, bool) {
        let built = save(root, cache, changed).unwrap();
        self.apply(root, built)
    }

    /// Takes in what a rebuild made, as `spiegel serve` does.
    fn apply(&mut self, root: &Path, built: Built) -> (BTreeMap<String, Vec<u8>>, bool) {
        let removed = built.removed;
        let files = to_map(root, built.files);
        if built.partial {
            for path in &removed {
                assert!(self.files.remove(path).is_some(), "{path} was not served");
            }
            self.files.extend(files);
        } else {
            self.files = files;
        }
        (self.files.clone(), built.partial)
    }
}

/// What `spiegel serve` does after the watcher reports `changed` (site-relative paths).
fn save(root: &Path, cache: &mut BuildCache, changed: &[&str]) -> Result<Built, Failure> {
    let changed: Vec<PathBuf> = changed.iter().map(|p| root.join(p)).collect();
    cache.changed(root, &changed);
    rebuild_in_memory(&options(root, None), cache, &changed, None)
}

fn to_map(root: &Path, files: Vec<Output>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|f| match f {
            Output::Generated { path, bytes } => (path, bytes),
            Output::Chunks { path, chunks } => (path, chunks.concat()),
            Output::Copied { path, from } => {
                let bytes = std::fs::read(root.join(from)).unwrap();
                (path, bytes)
            }
            Output::Written { path } => panic!("{path} was written to disk by a preview build"),
        })
        .collect()
}

fn assert_same(step: &str, memory: &BTreeMap<String, Vec<u8>>, disk: &BTreeMap<String, Vec<u8>>) {
    let m: Vec<&String> = memory.keys().collect();
    let d: Vec<&String> = disk.keys().collect();
    assert_eq!(m, d, "{step}: different files");
    for (path, bytes) in memory {
        assert!(
            disk[path] == *bytes,
            "{step}: {path} differs from a full build"
        );
    }
}

/// A copy of the repository's example site (site.toml and content/) in a fresh folder.
fn example_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &site.path().join("content"));
    site
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// An edit: its name, what it does to the site, and the paths the watcher would report.
type Step = (&'static str, Box<dyn Fn(&Path)>, Vec<&'static str>);

#[test]
fn incremental_rebuilds_equal_full_builds_after_every_edit() {
    // With a base URL, so the feed (which shows note summaries) is compared too.
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    assert!(preview.files.contains_key("atom.xml"));
    assert_same("first build", &preview.files, &full_build(root));

    let note = "content/notes/2007-05-hilversum-begeleiding.md";
    let steps: Vec<Step> = vec![
        (
            "note body, first paragraph (the summary changes)",
            Box::new(move |r| edit(r, note, "Een maand na", "Vijf weken na")),
            vec![note],
        ),
        (
            "note body, a later paragraph",
            Box::new(move |r| edit(r, note, "draait nu voor", "draait sinds april voor")),
            vec![note],
        ),
        (
            "note front matter: title",
            Box::new(move |r| {
                edit(
                    r,
                    note,
                    "eerste maand begeleiding",
                    "begeleiding, maand één",
                )
            }),
            vec![note],
        ),
        (
            "note front matter: another region, practice and theme (pages that listed it no longer do)",
            Box::new(move |r| {
                edit(r, note, "regions = [\"hilversum\"]", "regions = [\"assen\"]");
                edit(
                    r,
                    note,
                    "practices = [\"training-werkgeversrol-hilversum\"]",
                    "practices = [\"presentatiefilm-toonkamer-assen\"]",
                );
                edit(r, note, "\"huisvesting\", \"dubbel\"]", "\"loket\"]");
                edit(r, note, "kind = \"verslag\"", "kind = \"werkbezoek\"");
            }),
            vec![note],
        ),
        (
            "note front matter: a date that moves it past other notes (lists, feed, sitemap and search index reordered)",
            Box::new(move |r| edit(r, note, "date = 2007-05-22", "date = 2006-01-02")),
            vec![note],
        ),
        (
            "note front matter: its date back",
            Box::new(move |r| edit(r, note, "date = 2006-01-02", "date = 2007-05-22")),
            vec![note],
        ),
        (
            "note added",
            Box::new(|r| {
                std::fs::write(
                    r.join("content/notes/nieuw.md"),
                    "+++\ntitle = \"Nieuw\"\ndate = 2007-08-01\nregions = [\"assen\"]\nthemes = [\"loket\"]\n+++\nZie [de notitie](2007-05-hilversum-begeleiding.md).\n",
                )
                .unwrap()
            }),
            vec!["content/notes/nieuw.md"],
        ),
        (
            "note renamed, and the link to it in another note with it",
            Box::new(move |r| {
                std::fs::rename(r.join(note), r.join("content/notes/hilversum.md")).unwrap();
                edit(
                    r,
                    "content/notes/nieuw.md",
                    "2007-05-hilversum-begeleiding.md",
                    "hilversum.md",
                );
            }),
            vec![note, "content/notes/hilversum.md", "content/notes/nieuw.md"],
        ),
        (
            "note removed",
            Box::new(|r| std::fs::remove_file(r.join("content/notes/nieuw.md")).unwrap()),
            vec!["content/notes/nieuw.md"],
        ),
        (
            "results: a score (every page with the region's figures: mirror, compare, national, themes)",
            Box::new(|r| {
                edit(
                    r,
                    "content/regions/assen/quickscan-2007-06.toml",
                    "= 2",
                    "= 3",
                )
            }),
            vec!["content/regions/assen/quickscan-2007-06.toml"],
        ),
        (
            "results: a choice answer, a desired score and a group's size",
            Box::new(|r| {
                let file = "content/regions/assen/quickscan-2007-06.toml";
                edit(r, file, "loket-vorm = \"apart\"", "loket-vorm = \"integraal\"");
                edit(r, file, "desired = { dubbel-1 = 4.3", "desired = { dubbel-1 = 3.1");
                edit(r, file, "respondents = 5", "respondents = 50");
            }),
            vec!["content/regions/assen/quickscan-2007-06.toml"],
        ),
        (
            "results: two regions at once, one round's date before the other's (now and before swap)",
            Box::new(|r| {
                edit(
                    r,
                    "content/regions/amsterdam-zuidoost/quickscan-2006-11.toml",
                    "date = 2006-11",
                    "date = 2007-11",
                );
                edit(
                    r,
                    "content/regions/hilversum/quickscan-2007-02.toml",
                    "= 3",
                    "= 4",
                );
            }),
            vec![
                "content/regions/amsterdam-zuidoost/quickscan-2006-11.toml",
                "content/regions/hilversum/quickscan-2007-02.toml",
            ],
        ),
        (
            "template override",
            Box::new(|r| {
                let dir = r.join("themes/default/templates");
                std::fs::create_dir_all(&dir).unwrap();
                let page = include_str!("../themes/default/templates/page.html");
                std::fs::write(
                    dir.join("page.html"),
                    page.replace("<article>", "<article class=\"eigen\">"),
                )
                .unwrap();
            }),
            vec!["themes/default/templates/page.html"],
        ),
        (
            "site.toml",
            Box::new(|r| {
                edit(
                    r,
                    "site.toml",
                    "title = \"Ketenspiegel\"",
                    "title = \"Spiegel\"",
                )
            }),
            vec!["site.toml"],
        ),
    ];
    for (step, apply, changed) in steps {
        apply(root);
        let (memory, partial) = preview.rebuild(root, &mut cache, &changed);
        assert_eq!(
            partial,
            step.starts_with("note ") || step.starts_with("results: "),
            "{step}: short cut taken or not"
        );
        assert_same(step, &memory, &full_build(root));
    }
}

/// Saves the example note with `from` replaced by `to`, which must fail the preview's rebuild
/// with the diagnostics a full build gives (one of them mentioning `mentions`); then saves it
/// back, after which the next rebuild is whole and equals a full build.
fn a_broken_save_fails_like_a_full_build_and_recovers(from: &str, to: &str, mentions: &str) {
    let note = "content/notes/2007-05-hilversum-begeleiding.md";
    a_broken_change_fails_like_a_full_build_and_recovers(
        &|_| {},
        &|r| edit(r, note, from, to),
        &|r| edit(r, note, to, from),
        &[note],
        mentions,
    );
}

/// After a first build of the example site with `setup` applied, `break_it` changes it (the
/// watcher reports `changed`), which must fail the preview's rebuild with the diagnostics a
/// full build gives (one of them mentioning `mentions`); after `fix_it` the next rebuild is
/// whole and equals a full build.
fn a_broken_change_fails_like_a_full_build_and_recovers(
    setup: &dyn Fn(&Path),
    break_it: &dyn Fn(&Path),
    fix_it: &dyn Fn(&Path),
    changed: &[&str],
    mentions: &str,
) {
    let site = example_site();
    let root = site.path();
    setup(root);
    let mut cache = BuildCache::new();
    let mut preview = Preview::default();
    preview.rebuild(root, &mut cache, &[]);

    break_it(root);
    let Err(Failure::Content(report)) = save(root, &mut cache, changed) else {
        panic!("{changed:?} must fail the rebuild");
    };
    let Err(Failure::Content(full)) = spiegel::build(&options(root, None)) else {
        panic!("{changed:?} must fail a full build");
    };
    let messages = |r: &spiegel::Report| -> Vec<String> {
        r.diagnostics
            .sorted()
            .iter()
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(messages(&report), messages(&full));
    assert!(
        messages(&report).iter().any(|m| m.contains(mentions)),
        "{:?}",
        messages(&report)
    );

    fix_it(root);
    let (memory, partial) = preview.rebuild(root, &mut cache, changed);
    assert!(!partial, "after a failed build the next one is whole");
    assert_same("fixed", &memory, &full_build(root));
}

const LINKED: &str = "content/notes/2007-05-hilversum-begeleiding.md";

#[test]
fn removing_a_note_another_links_to_fails_like_a_full_build_and_recovers() {
    let linked = std::cell::RefCell::new(String::new());
    a_broken_change_fails_like_a_full_build_and_recovers(
        &|r| {
            std::fs::write(
                r.join("content/notes/verwijst.md"),
                "+++\ntitle = \"Verwijst\"\ndate = 2007-08-01\n+++\nZie [de notitie](2007-05-hilversum-begeleiding.md).\n",
            )
            .unwrap();
        },
        &|r| {
            *linked.borrow_mut() = std::fs::read_to_string(r.join(LINKED)).unwrap();
            std::fs::remove_file(r.join(LINKED)).unwrap();
        },
        &|r| std::fs::write(r.join(LINKED), linked.borrow().as_str()).unwrap(),
        &[LINKED],
        "2007-05-hilversum-begeleiding.md",
    );
}

#[test]
fn a_new_note_with_a_taken_slug_fails_like_a_full_build_and_recovers() {
    let copy = "content/notes/2007-05-Hilversum-Begeleiding.md";
    a_broken_change_fails_like_a_full_build_and_recovers(
        &|_| {},
        &|r| {
            std::fs::copy(r.join(LINKED), r.join(copy)).unwrap();
        },
        &|r| std::fs::remove_file(r.join(copy)).unwrap(),
        &[copy],
        "2007-05-hilversum-begeleiding",
    );
}

#[test]
fn a_new_note_naming_an_unknown_region_fails_like_a_full_build_and_recovers() {
    let new = "content/notes/nieuw.md";
    a_broken_change_fails_like_a_full_build_and_recovers(
        &|_| {},
        &|r| {
            std::fs::write(
                r.join(new),
                "+++\ntitle = \"Nieuw\"\ndate = 2007-08-01\nregions = [\"hilversun\"]\n+++\nTekst.\n",
            )
            .unwrap()
        },
        &|r| std::fs::remove_file(r.join(new)).unwrap(),
        &[new],
        "hilversun",
    );
}

/// A new note in a folder takes a whole build; an editor's swap and backup files, and a file
/// it made and removed while saving, change nothing (the loader skips them). Every rebuild
/// equals a full build.
#[test]
fn new_files_outside_the_short_cut_and_editors_files() {
    let site = example_site();
    let root = site.path();
    let mut cache = BuildCache::new();
    let mut preview = Preview::default();
    preview.rebuild(root, &mut cache, &[]);
    let text = std::fs::read_to_string(root.join(LINKED)).unwrap();
    let other = text.replace("title = \"", "title = \"Ander: ");
    std::fs::create_dir_all(root.join("content/notes/2008")).unwrap();
    let folder = "content/notes/2008/in-een-map.md";
    std::fs::write(root.join(folder), &other).unwrap();
    let (memory, partial) = preview.rebuild(root, &mut cache, &[folder]);
    assert!(!partial, "{folder}: a whole build");
    assert_same(folder, &memory, &full_build(root));

    for path in [
        "content/notes/.verborgen.md.swp",
        "content/notes/reserve.md~",
    ] {
        std::fs::write(root.join(path), &other).unwrap();
        let built = save(root, &mut cache, &[path]).unwrap();
        assert!(
            built.partial && built.files.is_empty(),
            "{path}: nothing made"
        );
    }
    // Beside a template too: the theme is not loaded again.
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let swap = "themes/default/templates/.page.html.swp";
    std::fs::write(root.join(swap), "b0VIM").unwrap();
    let built = save(root, &mut cache, &[swap]).unwrap();
    assert!(
        built.partial && built.files.is_empty(),
        "{swap}: nothing made"
    );
    // vim removes it when it closes the template: still nothing.
    std::fs::remove_file(root.join(swap)).unwrap();
    let built = save(root, &mut cache, &[swap]).unwrap();
    assert!(
        built.partial && built.files.is_empty(),
        "{swap} removed: nothing made"
    );
    // vim checks that it may write in the folder with a file it removes at once.
    let gone = "content/notes/4913";
    let built = save(root, &mut cache, &[gone]).unwrap();
    assert!(
        built.partial && built.files.is_empty(),
        "{gone}: nothing made"
    );
    assert_same("editors' files", &preview.files, &full_build(root));
}

#[test]
fn a_body_edit_that_breaks_a_link_fails_like_a_full_build_and_recovers() {
    a_broken_save_fails_like_a_full_build_and_recovers(
        "Een maand na",
        "Een [maand](bestaat-niet.md) na",
        "bestaat-niet.md",
    );
}

#[test]
fn a_front_matter_edit_naming_an_unknown_region_fails_like_a_full_build_and_recovers() {
    a_broken_save_fails_like_a_full_build_and_recovers(
        "regions = [\"hilversum\"]",
        "regions = [\"hilversun\"]",
        "hilversun",
    );
}

#[test]
fn a_note_edit_rerenders_only_what_shows_the_note() {
    let site = example_site();
    let root = site.path();
    // Files saved moments ago are re-read until their time can vouch for them (see
    // spiegel::incremental); backdate the copies so this test sees a settled site.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for file in walkdir(root) {
        let f = std::fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(old).unwrap();
    }
    let mut cache = BuildCache::new();
    incremental(root, &mut cache, &[]);
    let total = cache.render_stats().pages_rendered;
    cache.take_reads();

    let note = "content/notes/2007-05-hilversum-begeleiding.md";
    edit(root, note, "Een maand na", "Vijf weken na");
    incremental(root, &mut cache, &[note]);
    let stats = cache.render_stats();
    assert_eq!(cache.take_reads(), 1, "only the edited file is read");
    assert_eq!(stats.markdown_rendered, 1, "only its body is rendered");
    assert!(
        stats.pages_rendered > 0 && stats.pages_rendered < total / 2,
        "{} of {total} pages rendered",
        stats.pages_rendered
    );
}

#[test]
fn fixing_a_warning_in_a_note_body_clears_it_from_the_preview() {
    let site = example_site();
    let root = site.path();
    let note = "content/notes/2007-05-hilversum-begeleiding.md";
    edit(
        root,
        note,
        "Een maand na",
        "Een [maand](javascript:alert(1)) na",
    );
    let mut cache = BuildCache::new();
    let first = save(root, &mut cache, &[]).unwrap();
    assert_eq!(
        first.report.diagnostics.warning_count(),
        1,
        "unsafe link removed"
    );

    edit(
        root,
        note,
        "Een [maand](javascript:alert(1)) na",
        "Een maand na",
    );
    let fixed = save(root, &mut cache, &[note]).unwrap();
    assert_eq!(
        fixed.report.diagnostics.warning_count(),
        0,
        "the fixed warning is gone"
    );
    assert!(
        !fixed.partial,
        "a note with a diagnostic takes the whole build"
    );
}

/// The example site with a base URL (so the feed and sitemap are compared too), built once.
fn built_example() -> (tempfile::TempDir, BuildCache, Preview) {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "site.toml",
        "base_url = \"\"",
        "base_url = \"https://intranet.example/spiegel/\"",
    );
    let mut cache = BuildCache::new();
    let mut preview = Preview::default();
    preview.rebuild(root, &mut cache, &[]);
    (site, cache, preview)
}

/// A new note without a first paragraph (only front matter, a heading and a list, a table)
/// has no summary, and is listed all the same.
#[test]
fn a_new_note_without_a_summary_is_listed_like_any() {
    for body in [
        "",
        "## Kop\n\n- een\n- twee\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
    ] {
        let (site, mut cache, mut preview) = built_example();
        let root = site.path();
        let new = "content/notes/leeg.md";
        let front = "+++\ntitle = \"Leeg\"\ndate = 2007-08-01\nregions = [\"assen\"]\nthemes = [\"loket\"]\n+++\n";
        std::fs::write(root.join(new), format!("{front}{body}")).unwrap();
        let (memory, partial) = preview.rebuild(root, &mut cache, &[new]);
        assert!(partial, "{body:?}: the short cut");
        assert_same(&format!("{body:?}"), &memory, &full_build(root));
    }
}

/// Two new notes that link to each other and to themselves in every form, saved together,
/// then removed together; and the page and file counts the report gives.
#[test]
fn new_notes_linking_each_other_come_and_go_together() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    let (a, b) = ("content/notes/a.md", "content/notes/b.md");
    std::fs::write(
        root.join(a),
        "+++\ntitle = \"A\"\ndate = 2007-08-01\nregions = [\"assen\"]\n+++\nZie [b](b.md), [mij](a.md#x), [@](@/notes/b.md), [p](/notes/b%2Emd).\n",
    )
    .unwrap();
    std::fs::write(
        root.join(b),
        "+++\ntitle = \"B\"\ndate = 2007-08-02\nregions = [\"assen\"]\n+++\nZie [a](a.md).\n",
    )
    .unwrap();
    let counts = |built: &Built| (built.report.pages, built.report.files);
    let full_counts = |root: &Path| {
        let report = spiegel::build(&options(root, None)).unwrap();
        (report.pages, report.files)
    };
    let built = save(root, &mut cache, &[a, b]).unwrap();
    assert_eq!(counts(&built), full_counts(root));
    let (memory, partial) = preview.apply(root, built);
    assert!(partial);
    assert_same("added", &memory, &full_build(root));

    std::fs::remove_file(root.join(a)).unwrap();
    std::fs::remove_file(root.join(b)).unwrap();
    let built = save(root, &mut cache, &[a, b]).unwrap();
    assert_eq!(counts(&built), full_counts(root));
    let (memory, partial) = preview.apply(root, built);
    assert!(partial);
    assert_same("removed", &memory, &full_build(root));
}

/// A note that is also a symbolic link to another: edits and the removal of the target take
/// the whole build (one file, two pages), which fails where a full build fails.
#[test]
fn a_note_with_a_second_name_takes_the_whole_build() {
    let site = example_site();
    let root = site.path();
    std::os::unix::fs::symlink(
        "2007-05-hilversum-begeleiding.md",
        root.join("content/notes/alias.md"),
    )
    .unwrap();
    let mut cache = BuildCache::new();
    let mut preview = Preview::default();
    preview.rebuild(root, &mut cache, &[]);
    edit(root, LINKED, "Een maand na", "Vijf weken na");
    let (memory, partial) = preview.rebuild(root, &mut cache, &[LINKED]);
    assert!(!partial, "an edit through a symbolic link");
    assert_same("edited", &memory, &full_build(root));
    std::fs::remove_file(root.join(LINKED)).unwrap();
    assert!(
        spiegel::build(&options(root, None)).is_err(),
        "a dangling link"
    );
    assert!(save(root, &mut cache, &[LINKED]).is_err());
}

/// Emacs' lock file (a symbolic link to nowhere, there while a buffer is modified) is an
/// editor's file: the build skips it and the preview makes nothing for it, coming or going.
/// A hidden symbolic link to a folder of notes is walked into like any folder.
#[test]
fn lock_files_are_editors_files_but_hidden_folders_are_walked() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    let lock = "content/notes/.#2007-05-hilversum-begeleiding.md";
    std::os::unix::fs::symlink("user@host.12345:1700000000", root.join(lock)).unwrap();
    assert!(spiegel::build(&options(root, None)).is_ok());
    let built = save(root, &mut cache, &[lock]).unwrap();
    assert!(built.partial && built.files.is_empty(), "the lock file");
    std::fs::remove_file(root.join(lock)).unwrap();
    let built = save(root, &mut cache, &[lock]).unwrap();
    assert!(
        built.partial && built.files.is_empty(),
        "the lock file gone"
    );

    std::fs::create_dir_all(root.join("content/static/x")).unwrap();
    std::fs::write(
        root.join("content/static/x/oud.md"),
        "+++\ntitle = \"Oud\"\ndate = 2007-08-01\n+++\nTekst.\n",
    )
    .unwrap();
    preview.rebuild(root, &mut cache, &["content/static/x/oud.md"]);
    let hidden = "content/notes/.archief";
    std::os::unix::fs::symlink("../static/x", root.join(hidden)).unwrap();
    let (memory, partial) = preview.rebuild(root, &mut cache, &[hidden]);
    assert!(!partial, "a hidden folder is walked into");
    assert!(memory.contains_key("notities/oud/index.html"));
    assert_same("hidden folder", &memory, &full_build(root));
}

/// An `_index.md` among the notes is published under its folder's name, and a link to it
/// finds that page, in a full build and in the short cut alike.
#[test]
fn an_index_md_among_the_notes_links_to_its_own_page() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    let new = "content/notes/_index.md";
    std::fs::write(
        root.join(new),
        "+++\ntitle = \"I\"\ndate = 2007-08-01\n+++\nZie [mij](_index.md).\n",
    )
    .unwrap();
    let (memory, _) = preview.rebuild(root, &mut cache, &[new]);
    let full = full_build(root);
    assert_same("_index.md", &memory, &full);
    let page = String::from_utf8(full["notities/notes/index.html"].clone()).unwrap();
    assert!(
        page.contains("href=\"../../notities/notes/index.html\""),
        "{page}"
    );
}

/// With the pages open in a browser named, a title edit hands over the open pages it changes
/// first, with the bytes the whole save ends with, and names every other file it makes again
/// (the preview holds those back until they are made): together, exactly the save's files.
#[test]
fn the_open_pages_come_first_and_every_other_changed_file_is_named() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    let note = "content/notes/2007-05-hilversum-begeleiding.md";
    let note_page = "notities/2007-05-hilversum-begeleiding/index.html";
    edit(
        root,
        note,
        "title = \"Hilversum: eerste",
        "title = \"Hilversum: de eerste",
    );
    // The note's page and a page the title is not on.
    let open = [note_page.to_string(), "methode/index.html".to_string()];
    // What was handed over: the files, and the paths held back.
    type Handed = (BTreeMap<String, Vec<u8>>, Vec<String>);
    let mut handed: Vec<Handed> = Vec::new();
    let mut ready =
        |files: Vec<Output>, held: Vec<String>| handed.push((to_map(root, files), held));
    let changed = vec![root.join(note)];
    cache.changed(root, &changed);
    let open = spiegel::render::OpenPages {
        files: &open,
        ready: &mut ready,
    };
    let built = rebuild_in_memory(&options(root, None), &mut cache, &changed, Some(open)).unwrap();
    assert!(built.partial, "a title edit takes the short cut");
    let last: BTreeMap<String, Vec<u8>> = to_map(root, built.files.clone());

    assert_eq!(handed.len(), 1, "handed over once");
    let (first, held) = &handed[0];
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        [note_page],
        "only the changed open page"
    );
    assert_eq!(
        first[note_page], last[note_page],
        "as the save ends with it"
    );
    assert!(first[note_page]
        .windows(b"Hilversum: de eerste".len())
        .any(|w| w == b"Hilversum: de eerste"));
    for listed in [
        "notities/index.html",
        "index.html",
        "zoeken/zoekindex.js",
        "atom.xml",
    ] {
        assert!(
            held.contains(&listed.to_string()),
            "{listed} held: {held:?}"
        );
    }
    let mut named: Vec<&String> = first.keys().chain(held).collect();
    named.sort();
    assert_eq!(
        named,
        last.keys().collect::<Vec<_>>(),
        "every file of the save is named"
    );

    let (served, _) = preview.apply(root, built);
    assert_same("title edit, open pages first", &served, &full_build(root));

    // A save that changes no open page hands nothing over early.
    let other = "content/notes/2007-03-haarlemmermeer-orientatie.md";
    std::fs::write(
        root.join(other),
        std::fs::read_to_string(root.join(other)).unwrap() + "\nNog een zin.\n",
    )
    .unwrap();
    let changed = vec![root.join(other)];
    cache.changed(root, &changed);
    let mut calls = 0;
    let mut ready = |_: Vec<Output>, _: Vec<String>| calls += 1;
    let open = spiegel::render::OpenPages {
        files: &[note_page.to_string()],
        ready: &mut ready,
    };
    let built = rebuild_in_memory(&options(root, None), &mut cache, &changed, Some(open)).unwrap();
    assert!(built.partial);
    assert_eq!(calls, 0, "no open page changed");
}

const ASSEN: &str = "content/regions/assen/quickscan-2007-06.toml";

#[test]
fn a_results_edit_naming_an_unknown_partner_fails_like_a_full_build_and_recovers() {
    a_broken_change_fails_like_a_full_build_and_recovers(
        &|_| {},
        &|r| edit(r, ASSEN, "partner = \"uwv\"", "partner = \"uvw\""),
        &|r| edit(r, ASSEN, "partner = \"uvw\"", "partner = \"uwv\""),
        &[ASSEN],
        "uvw",
    );
}

/// Two rounds of a questionnaire on one day, a new results file, a removed one, and the edit
/// that ends a warning take the whole build, which finds and reports what the short cut
/// cannot; every rebuild equals a full build.
#[test]
fn results_edits_outside_the_short_cut() {
    let site = example_site();
    let root = site.path();
    let mut cache = BuildCache::new();
    let mut preview = Preview::default();
    preview.rebuild(root, &mut cache, &[]);
    let earlier = "content/regions/amsterdam-zuidoost/quickscan-2006-11.toml";

    edit(root, earlier, "date = 2006-11-14", "date = 2007-06-12");
    let built = save(root, &mut cache, &[earlier]).unwrap();
    assert!(!built.partial, "two rounds on one day: a whole build");
    assert!(
        built
            .report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("a second round")),
        "the whole build warns"
    );
    let (memory, _) = preview.apply(root, built);
    assert_same("same day", &memory, &full_build(root));

    edit(root, earlier, "date = 2007-06-12", "date = 2006-11-14");
    let (memory, partial) = preview.rebuild(root, &mut cache, &[earlier]);
    assert!(!partial, "the warning is gone: a whole build finds that");
    assert_same("warning gone", &memory, &full_build(root));

    let added = "content/regions/assen/quickscan-2008-01.toml";
    let text = std::fs::read_to_string(root.join(ASSEN)).unwrap();
    std::fs::write(
        root.join(added),
        text.replace("date = 2007-06-18", "date = 2008-01-10"),
    )
    .unwrap();
    let (memory, partial) = preview.rebuild(root, &mut cache, &[added]);
    assert!(!partial, "{added}: a new round takes a whole build");
    assert_same("round added", &memory, &full_build(root));

    std::fs::remove_file(root.join(added)).unwrap();
    let (memory, partial) = preview.rebuild(root, &mut cache, &[added]);
    assert!(!partial, "{added} removed: a whole build");
    assert_same("round removed", &memory, &full_build(root));

    edit(root, ASSEN, "= 2", "= 3");
    let (memory, partial) = preview.rebuild(root, &mut cache, &[ASSEN]);
    assert!(partial, "a score: the short cut again");
    assert_same("a score", &memory, &full_build(root));
}

/// A results edit makes only the pages whose figures changed, no note page and no body: a
/// score moves the partner's mean, so the region's page and downloads, and the pages with
/// every region's figures on the themes it answered, change. (A group's size alone changes
/// nothing here: each partner has one response in this round.)
#[test]
fn a_results_edit_rerenders_only_the_pages_it_changes() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    edit(root, ASSEN, "doelen-1 = 3.2", "doelen-1 = 3.9");
    let built = save(root, &mut cache, &[ASSEN]).unwrap();
    assert!(built.partial);
    let stats = cache.render_stats();
    let before = preview.files.clone();
    let (after, _) = preview.apply(root, built);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        changed.contains(&&"regio/assen/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&&"regio/assen/spiegel.json".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|p| p.starts_with("notities/")),
        "{changed:?}"
    );
    assert_eq!(stats.markdown_rendered, 0);
    assert!(
        stats.pages_rendered == changed.iter().filter(|p| p.ends_with(".html")).count(),
        "{stats:?}: only the changed pages are made: {changed:?}"
    );
    assert_same("a group's size", &after, &full_build(root));
}

/// Other regions' pages show how alike they are to this one ("Regio's zoals wij", from every
/// region's latest figures): a results edit that changes that changes their pages too.
#[test]
fn a_results_edit_changes_the_regions_alike_on_other_pages() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    let text = std::fs::read_to_string(root.join(ASSEN)).unwrap();
    // Every score of Assen a 5: no longer like anyone's.
    let fives = with_every_score(&text, "5.0");
    std::fs::write(root.join(ASSEN), fives).unwrap();
    let before = preview.files.clone();
    let (after, partial) = preview.rebuild(root, &mut cache, &[ASSEN]);
    assert!(partial);
    let other_regions: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .filter(|p| p.starts_with("regio/") && p.ends_with("/index.html"))
        .filter(|p| !p.starts_with("regio/assen/") && *p != "regio/index.html")
        .collect();
    assert!(!other_regions.is_empty(), "no other region's page changed");
    assert_same("Assen all fives", &after, &full_build(root));
}

/// `text` with every number after `= ` inside an inline table (`{ a = 2.5, b = 3 }`) set to
/// `to`.
fn with_every_score(text: &str, to: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let Some(open) = line.find("{ ") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        out.push_str(&line[..open + 2]);
        let inner = line[open + 2..].trim_end_matches(" }");
        let pairs: Vec<String> = inner
            .split(", ")
            .map(|pair| match pair.split_once(" = ") {
                Some((k, v)) if v.parse::<f64>().is_ok() => format!("{k} = {to}"),
                _ => pair.to_string(),
            })
            .collect();
        out.push_str(&pairs.join(", "));
        out.push_str(" }\n");
    }
    out
}

/// In a results edit, too, the open pages that change are handed over first, with their final
/// bytes; an open page the edit leaves as it was is not (it does not reload), and every file
/// that changes is among those handed over or held back.
#[test]
fn a_results_edit_hands_over_the_changed_open_pages_first() {
    let (site, mut cache, mut preview) = built_example();
    let root = site.path();
    edit(root, ASSEN, "= 2", "= 3");
    let region_page = "regio/assen/index.html";
    let open = [
        region_page.to_string(),
        "vergelijken/index.html".to_string(),
        "regio/groningen/index.html".to_string(),
    ];
    type Handed = (BTreeMap<String, Vec<u8>>, Vec<String>);
    let mut handed: Vec<Handed> = Vec::new();
    let mut ready =
        |files: Vec<Output>, held: Vec<String>| handed.push((to_map(root, files), held));
    let changed = vec![root.join(ASSEN)];
    cache.changed(root, &changed);
    let open = spiegel::render::OpenPages {
        files: &open,
        ready: &mut ready,
    };
    let built = rebuild_in_memory(&options(root, None), &mut cache, &changed, Some(open)).unwrap();
    assert!(built.partial, "a score edit takes the short cut");
    let last = to_map(root, built.files.clone());

    assert_eq!(handed.len(), 1, "handed over once");
    let (first, held) = &handed[0];
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        [region_page, "vergelijken/index.html"],
        "the changed open pages, not Groningen's (no results, and no region like it changed)"
    );
    for (path, bytes) in first {
        assert_eq!(*bytes, last[path], "{path} as the save ends with it");
    }
    for listed in [
        "landelijk/index.html",
        "vergelijken/data.js",
        "regio/assen/spiegel.csv",
    ] {
        assert!(
            held.contains(&listed.to_string()),
            "{listed} held: {held:?}"
        );
    }
    let before = preview.files.clone();
    for (path, bytes) in &last {
        if before.get(path) != Some(bytes) {
            assert!(
                first.contains_key(path) || held.contains(path),
                "{path} changed but was neither handed over nor held"
            );
        }
    }
    let (served, _) = preview.apply(root, built);
    assert_same("a score, open pages first", &served, &full_build(root));
}
