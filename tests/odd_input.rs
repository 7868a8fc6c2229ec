//! Large and odd input: each gives correct output or a clear error, never a panic.
//! Sizes are generated in the test so the repository stays small.

mod common;

use std::time::Instant;

use common::{base_files, read_tree, text_of, Run, Site};

/// A panic exits with 101 and prints "panicked"; a clear error exits with 1 and names a file.
fn assert_no_panic(run: &Run) {
    assert_ne!(run.code, 101, "spiegel panicked:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn note(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2007-03-01\nregions = [\"meer\"]\n+++\n{body}")
}

#[test]
fn a_ten_megabyte_note_builds_with_all_its_text() {
    let mut body = String::with_capacity(10 << 20);
    let mut i = 0;
    while body.len() < 10 << 20 {
        body.push_str(&format!(
            "## Deel {i}\n\nAlinea {i} over het loket, de *klant* en [de praktijk](../practices/balie.md).\n\n"
        ));
        i += 1;
    }
    body.push_str("Laatste zin van de lange notitie.\n");
    let site = Site::base_with(&[("content/notes/lang.md", &note("Lang", &body))]);
    let built = site.build_ok();
    let page = built.read("notities/lang/index.html");
    assert!(page.len() > 10 << 20);
    assert!(page.contains("Laatste zin van de lange notitie."));
    assert!(page.contains(&format!("id=\"deel-{}\"", i - 1)));
}

#[test]
fn a_results_file_with_100_000_responses_builds_with_the_right_mean() {
    let mut results = String::from("questionnaire = \"scan\"\ndate = 2007-03-15\n");
    for i in 0..100_000 {
        // Scores 1..=5 in turn: the mean is exactly 3.
        let partner = ["cwi", "uwv", "gemeente"][i % 3];
        results.push_str(&format!(
            "[[responses]]\npartner = \"{partner}\"\nanswers = {{ doelen-1 = {} }}\n",
            i % 5 + 1
        ));
    }
    let site = Site::base_with(&[("content/regions/meer/scan-2007.toml", &results)]);
    let started = Instant::now();
    let built = site.build_ok();
    eprintln!("100,000 responses built in {:?}", started.elapsed());
    let page = text_of(&built.read("regio/meer/index.html"));
    assert!(
        page.contains("Doelen 3,0 3,0 3,0 0,0"),
        "every partner's mean is 3,0: {page}"
    );
}

#[test]
fn empty_files_of_each_kind_give_a_clear_error_or_defaults() {
    // (file, what the error names, or None when empty is fine)
    let cases: [(&str, Option<&[&str]>); 9] = [
        ("site.toml", None),
        ("content/_index.md", None),
        ("content/static/leeg.txt", None),
        (
            "content/questionnaires/scan.toml",
            Some(&["scan.toml", "missing field"]),
        ),
        (
            "content/regions/meer/_index.md",
            Some(&["_index.md", "front matter"]),
        ),
        (
            "content/regions/meer/scan-2007.toml",
            Some(&["scan-2007.toml", "missing field"]),
        ),
        (
            "content/notes/gesprek.md",
            Some(&["gesprek.md", "front matter"]),
        ),
        (
            "content/practices/balie.md",
            Some(&["balie.md", "front matter"]),
        ),
        (
            "content/pages/werkwijze.md",
            Some(&["werkwijze.md", "front matter"]),
        ),
    ];
    for (file, error) in cases {
        let site = Site::base_with(&[(file, "")]);
        let out = tempfile::tempdir().unwrap();
        let run = site.build(&out.path().join("out"), &[]);
        assert_no_panic(&run);
        match error {
            None => {
                assert_eq!(run.code, 0, "empty {file}: {}", run.stderr);
            }
            Some(words) => {
                assert_eq!(run.code, 1, "empty {file} should be an error");
                for word in words {
                    assert!(
                        run.stderr.contains(word),
                        "empty {file}: stderr lacks {word:?}:\n{}",
                        run.stderr
                    );
                }
            }
        }
    }
}

#[test]
fn utf8_byte_order_marks_are_ignored_in_every_kind_of_file() {
    let files: Vec<(String, String)> = base_files()
        .into_iter()
        .map(|(path, text)| (path.to_string(), format!("\u{feff}{text}")))
        .collect();
    let site = Site::with(&files);
    site.write(
        "content/regions/meer/scan-2007.toml",
        "\u{feff}questionnaire = \"scan\"\ndate = 2007-03-15\n[[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 2 }\n",
    );
    let built = site.build_ok();
    let page = built.read("notities/gesprek/index.html");
    assert!(!page.contains('\u{feff}'));
    assert!(page.contains("<title>Gesprek"), "title read past the BOM");
}

#[test]
fn crlf_line_endings_give_the_same_pages_as_lf() {
    let lf = Site::base_with(&[]);
    let files: Vec<(String, String)> = base_files()
        .into_iter()
        .map(|(path, text)| (path.to_string(), text.replace('\n', "\r\n")))
        .collect();
    let crlf = Site::with(&files);
    let (a, b) = (lf.build_ok().tree(), crlf.build_ok().tree());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &a {
        if path.ends_with(".html") {
            let (x, y) = (
                text_of(&String::from_utf8_lossy(bytes)),
                text_of(&String::from_utf8_lossy(&b[path])),
            );
            assert_eq!(x, y, "{path} differs between LF and CRLF sources");
        }
    }
}

#[test]
fn nfd_file_names_get_nfc_slugs_and_nfc_links_reach_them() {
    let site = Site::base_with(&[
        // As macOS writes "coöperatie.md": o + combining diaeresis.
        ("content/notes/coo\u{308}peratie.md", &note("Coöperatie", "Tekst.\n")),
        (
            "content/notes/gesprek.md",
            &note(
                "Gesprek",
                "Zie [de coöperatie](co\u{f6}peratie.md) en [nog eens](@/notes/co\u{f6}peratie.md).\n",
            ),
        ),
    ]);
    let built = site.build_ok();
    assert!(built.out.join("notities/cooperatie/index.html").is_file());
    let page = built.read("notities/gesprek/index.html");
    assert_eq!(
        page.matches("href=\"../../notities/cooperatie/index.html\"")
            .count(),
        2,
        "both NFC links point at the NFD file's page"
    );
}

#[test]
fn a_word_of_fifty_kilobytes_without_spaces_builds_and_wraps() {
    let word = "ketensamenwerking".repeat(50 * 1024 / 17 + 1);
    let site = Site::base_with(&[(
        "content/notes/woord.md",
        &note(&word[..2000], &format!("{word}\n\nTweede alinea.\n")),
    )]);
    let built = site.build_ok();
    let page = built.read("notities/woord/index.html");
    assert!(page.contains(&word));
    assert!(page.contains("Tweede alinea."));
    // The summary of a note in lists is cut, even without a space to cut at.
    let list = built.read("notities/index.html");
    assert!(
        !list.contains(&word),
        "the 50 KB word is not repeated whole in the note list"
    );
    let css = built.read("assets/style.css");
    // break-word, not anywhere: anywhere also shrinks table columns to a letter wide.
    assert!(
        css.replace(' ', "").contains("overflow-wrap:break-word"),
        "long words wrap instead of widening the page"
    );
}

#[test]
fn a_note_fifty_folders_deep_builds_at_its_slug() {
    let deep: String = (0..50).map(|i| format!("d{i}/")).collect();
    let site = Site::base_with(&[(
        &format!("content/notes/{deep}diep.md"),
        &note("Diep", "Zie [het gesprek](@/notes/gesprek.md).\n"),
    )]);
    let built = site.build_ok();
    let page = built.read("notities/diep/index.html");
    assert!(page.contains("href=\"../../notities/gesprek/index.html\""));
}

/// Files that are not ordinary files: a named pipe would make the build wait forever; each
/// is an error with its path, in the same run as the rest.
#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_file_called_static_is_an_error_not_a_hang() {
    let site = Site::base_with(&[]);
    std::fs::create_dir_all(site.path("content/static")).unwrap();
    for fifo in ["content/static/pijp", "content/notes/pijp.md"] {
        let path = std::ffi::CString::new(site.path(fifo).to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    }
    let started = Instant::now();
    let run = site.check();
    assert_no_panic(&run);
    run.assert_code(1);
    assert!(started.elapsed().as_secs() < 20);
    for fifo in ["content/static/pijp", "content/notes/pijp.md"] {
        assert!(
            run.stderr.contains(fifo),
            "{fifo} not named:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);

    let site = Site::base_with(&[]);
    std::fs::write(site.path("content/static"), "geen map").unwrap();
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has("`content/static` is a file, not a folder");
}

/// Emacs marks a buffer being edited with a link to nowhere, `.#name.md`, beside the file; it
/// is an editor's file like `.name.md.swp`, in content/ and in the theme alike.
#[cfg(unix)]
#[test]
fn an_emacs_lock_file_is_ignored_like_other_editors_files() {
    let site = Site::base_with(&[("themes/default/templates/page.html", "{{ page.title }}")]);
    let before = site.build_ok();
    for lock in [
        "content/notes/.#gesprek.md",
        "themes/default/templates/.#page.html",
    ] {
        std::os::unix::fs::symlink("root@laptop.12345:1700000000", site.path(lock)).unwrap();
    }
    let after = site.build_ok();
    assert_eq!(read_tree(&before.out), read_tree(&after.out));
}

/// site.toml as a link to a file outside the site is refused like any other such link.
#[cfg(unix)]
#[test]
fn a_site_toml_linked_from_outside_the_site_is_refused() {
    let site = Site::base_with(&[]);
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("site.toml");
    std::fs::write(&elsewhere, "title = \"Van elders\"\n").unwrap();
    std::fs::remove_file(site.path("site.toml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("site.toml")).unwrap();
    site.check()
        .assert_code(1)
        .assert_stderr_has("symbolic link points outside the site folder");
}
