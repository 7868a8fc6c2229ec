//! The output folder is replaced whole, and only by a build that succeeds; it may never be the
//! site itself or sit inside content/.

mod common;

use common::{base_files, read_tree, spiegel, Site};

#[test]
fn a_successful_build_replaces_the_previous_output_whole() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("oud")).unwrap();
    std::fs::write(out.join("oud/index.html"), "stale").unwrap();
    std::fs::write(out.join("index.html"), "stale").unwrap();
    // What every build writes, so the folder is taken for an earlier build's.
    std::fs::create_dir_all(out.join("zoeken")).unwrap();
    std::fs::write(out.join("zoeken/zoekindex.js"), "stale").unwrap();

    site.build(&out, &[]).assert_code(0);
    assert!(
        !out.join("oud").exists(),
        "a stale page survived the rebuild"
    );
    assert_ne!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "stale"
    );
    // No staging or set-aside folder is left next to the output.
    let siblings: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["out"]);
}

#[test]
fn a_removed_note_disappears_from_the_next_build() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    site.build(&out, &[]).assert_code(0);
    assert!(out.join("notities/gesprek/index.html").is_file());
    site.remove("content/notes/gesprek.md");
    site.build(&out, &[]).assert_code(0);
    assert!(!out.join("notities/gesprek").exists());
}

#[test]
fn output_folder_that_is_the_site_root_is_refused_and_nothing_changes() {
    let site = Site::base_with(&[]);
    let before = read_tree(site.root());
    let run = site.build(site.root(), &[]);
    run.assert_code(1)
        .assert_stderr_has("would replace the site's own files");
    assert_eq!(read_tree(site.root()), before);
}

#[test]
fn output_folder_inside_content_is_refused() {
    let site = Site::base_with(&[]);
    let before = read_tree(site.root());
    site.build(&site.path("content/out"), &[]).assert_code(1);
    assert_eq!(read_tree(site.root()), before);
}

#[test]
fn output_folder_holding_the_site_is_refused() {
    // The site sits in `<tmp>/inner`; the output would be `<tmp>` itself. (Never aim this at the
    // system temp dir: if the guard failed, the build would replace it.)
    let files: Vec<(String, &str)> = base_files()
        .into_iter()
        .map(|(p, t)| (format!("inner/{p}"), t))
        .collect();
    let holder = Site::with(&files);
    let before = read_tree(holder.root());
    let inner = holder.path("inner");
    let run = spiegel(&[
        "build",
        "--root",
        inner.to_str().unwrap(),
        "--output",
        holder.root().to_str().unwrap(),
    ]);
    run.assert_code(1)
        .assert_stderr_has("would replace the site's own files");
    assert_eq!(read_tree(holder.root()), before);
}

#[test]
fn a_template_failing_halfway_through_the_render_leaves_the_previous_output_and_no_staging() {
    // Pages are written to the staging folder while they render; a note template that fails
    // at render time (after other pages were written) must still leave nothing behind.
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    site.build(&out, &[]).assert_code(0);
    let before = read_tree(&out);
    site.write(
        "themes/default/templates/note.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.no_such_field.deeper }}{% endblock content %}",
    );
    site.build(&out, &[])
        .assert_code(1)
        .assert_stderr_has("template `note.html` failed");
    assert_eq!(read_tree(&out), before, "the previous output changed");
    let siblings: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["out"], "a staging folder was left behind");
}

#[test]
fn output_on_the_site_toml_or_inside_themes_is_refused_and_nothing_changes() {
    let site = Site::base_with(&[("themes/default/templates/page.html", "{{ page.title }}")]);
    let before = read_tree(site.root());
    for out in [
        "site.toml",
        "themes/default",
        "themes/default/static",
        "themes",
    ] {
        site.build(&site.path(out), &[])
            .assert_code(1)
            .assert_stderr_has("would replace the site's own files");
        assert_eq!(
            read_tree(site.root()),
            before,
            "--output {out} changed the site"
        );
    }
}

#[test]
fn an_existing_file_as_output_is_refused_and_kept() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("verslag.txt");
    std::fs::write(&file, "van de redacteur").unwrap();
    site.build(&file, &[])
        .assert_code(1)
        .assert_stderr_has("the output is a file, not a folder");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "van de redacteur");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["verslag.txt"],
        "a staging or set-aside folder was left"
    );
}

#[test]
fn a_folder_of_other_files_is_not_replaced() {
    let site = Site::base_with(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("documenten");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("scriptie.docx"), "hoofdstuk 1").unwrap();
    site.build(&docs, &[])
        .assert_code(1)
        .assert_stderr_has("holds files that no build wrote");
    assert_eq!(
        std::fs::read_to_string(docs.join("scriptie.docx")).unwrap(),
        "hoofdstuk 1"
    );
    // A folder of hand-made pages has a home page too, and is not replaced either.
    let pages = tmp.path().join("public_html");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("index.html"), "<h1>Mijn site</h1>").unwrap();
    std::fs::write(pages.join("foto.jpg"), "jpeg").unwrap();
    site.build(&pages, &[])
        .assert_code(1)
        .assert_stderr_has("holds files that no build wrote");
    assert_eq!(
        std::fs::read_to_string(pages.join("foto.jpg")).unwrap(),
        "jpeg"
    );
    // An empty folder, and a site built before, are replaced.
    let empty = tmp.path().join("leeg");
    std::fs::create_dir(&empty).unwrap();
    site.build(&empty, &[]).assert_code(0);
    site.build(&empty, &[]).assert_code(0);
    assert!(empty.join("index.html").is_file());
}
