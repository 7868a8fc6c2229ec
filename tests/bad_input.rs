//! One broken site per error class of the content contract. Each must fail with exit code 1,
//! point at the exact `path:line:col` (computed by hand in the comments), say what is wrong in
//! plain words, and leave an existing output folder exactly as it was.

mod common;

use common::{read_tree, Run, Site};

/// Builds `site` into an output folder that already holds a previous build, and checks that the
/// build fails with exit code 1, that stderr points at `location` (`path:line:col`, or a bare
/// path for diagnostics without a position) and contains every one of `words`, and that the
/// previous output is untouched: same files, same bytes, nothing added next to it.
fn assert_rejected(site: &Site, location: &str, words: &[&str]) -> Run {
    let holder = tempfile::tempdir().unwrap();
    let out = holder.path().join("out");
    std::fs::create_dir_all(out.join("regio")).unwrap();
    std::fs::write(out.join("sentinel.txt"), b"previous build \xe2\x9c\x93\n").unwrap();
    std::fs::write(out.join("regio/index.html"), "<p>old page</p>\n").unwrap();
    std::fs::write(out.join("index.html"), "<p>old home</p>\n").unwrap();
    let before = read_tree(&out);

    let run = site.build(&out, &[]);
    run.assert_code(1);
    if location.matches(':').count() == 2 {
        run.assert_stderr_has(&format!("┌─ {location}\n"));
    } else {
        run.assert_stderr_has(location);
    }
    for word in words {
        run.assert_stderr_has(word);
    }
    let last = run.stderr.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: build failed with ") && last.ends_with("; nothing was written"),
        "unexpected last line {last:?}\n{}",
        run.stderr
    );

    assert_eq!(read_tree(&out), before, "the previous output changed");
    let siblings: Vec<_> = std::fs::read_dir(holder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings,
        ["out"],
        "the build left files next to the output folder"
    );
    run
}

/// A valid results file for the base site; the tests below break one value of it at a time.
///
/// ```text
/// 1 questionnaire = "scan"        value at col 17
/// 2 date = 2007-03-15             value at col 8
/// 3
/// 4 [[responses]]
/// 5 partner = "cwi"               value at col 11
/// 6 role = "management"           value at col 8
/// 7 answers = { doelen-1 = 2, loket-vorm = "integraal" }
///               ^col 13     ^24   ^27          ^40
/// 8 desired = { doelen-1 = 4 }
/// ```
const RESULTS: &str = r#"questionnaire = "scan"
date = 2007-03-15

[[responses]]
partner = "cwi"
role = "management"
answers = { doelen-1 = 2, loket-vorm = "integraal" }
desired = { doelen-1 = 4 }
"#;

const RESULTS_PATH: &str = "content/regions/meer/scan-2007.toml";

/// The base site with [`RESULTS`] after replacing `from` by `to`.
fn site_with_results(from: &str, to: &str) -> Site {
    assert!(RESULTS.contains(from), "{from:?} not in RESULTS");
    Site::base_with(&[(RESULTS_PATH, &RESULTS.replacen(from, to, 1))])
}

fn at(line_col: &str) -> String {
    format!("{RESULTS_PATH}:{line_col}")
}

#[test]
fn the_unbroken_results_file_builds() {
    Site::base_with(&[(RESULTS_PATH, RESULTS)]).build_ok();
}

#[test]
fn unknown_questionnaire_is_reported_at_its_id() {
    let site = site_with_results("\"scan\"", "\"scna\"");
    assert_rejected(
        &site,
        &at("1:17"),
        &["unknown questionnaire `scna`", "did you mean `scan`?"],
    );
}

#[test]
fn unknown_question_is_reported_at_its_key() {
    let site = site_with_results("doelen-1 = 2", "doelen-9 = 2");
    assert_rejected(&site, &at("7:13"), &["unknown question `doelen-9`"]);
}

#[test]
fn unknown_partner_is_reported_with_a_did_you_mean_hint() {
    let site = site_with_results("\"cwi\"", "\"uwwv\"");
    assert_rejected(
        &site,
        &at("5:11"),
        &["unknown partner `uwwv`", "did you mean `uwv`?"],
    );
}

#[test]
fn unknown_role_is_reported_at_the_role() {
    let site = site_with_results("\"management\"", "\"managment\"");
    assert_rejected(
        &site,
        &at("6:8"),
        &["unknown role `managment`", "did you mean `management`?"],
    );
}

#[test]
fn unknown_option_of_a_choice_question_is_reported() {
    let site = site_with_results("\"integraal\"", "\"integrall\"");
    assert_rejected(
        &site,
        &at("7:40"),
        &["unknown option `integrall`", "`loket-vorm`"],
    );
}

#[test]
fn respondents_below_one_or_too_many_are_reported_as_such() {
    // line 6 becomes `respondents = 0`: the value starts at col 15.
    let zero = site_with_results("role = \"management\"", "respondents = 0");
    assert_rejected(&zero, &at("6:15"), &["must be at least 1, not 0"]);
    let huge = site_with_results("role = \"management\"", "respondents = 11111111111");
    assert_rejected(
        &huge,
        &at("6:15"),
        &["`respondents` is too large: 11111111111"],
    );
}

#[test]
fn score_off_the_scale_is_reported_with_the_scale() {
    let site = site_with_results("doelen-1 = 2", "doelen-1 = 7");
    assert_rejected(
        &site,
        &at("7:24"),
        &["score 7 for `doelen-1` is off the scale 1–5"],
    );
}

#[test]
fn desired_score_off_the_scale_is_reported_too() {
    // line 8: `desired = { doelen-1 = ` is 23 characters → the value is at col 24.
    let site = site_with_results("{ doelen-1 = 4 }", "{ doelen-1 = 0.5 }");
    assert_rejected(&site, &at("8:24"), &["off the scale 1–5"]);
}

#[test]
fn score_written_as_text_is_not_a_number() {
    let site = site_with_results("doelen-1 = 2", "doelen-1 = \"2\"");
    assert_rejected(
        &site,
        &at("7:24"),
        &["score for `doelen-1` is not a number", "without quotes"],
    );
}

#[test]
fn choice_answered_with_a_number_is_reported() {
    let site = site_with_results("\"integraal\"", "2");
    assert_rejected(
        &site,
        &at("7:40"),
        &["`loket-vorm` is a choice question", "not the number 2"],
    );
}

#[test]
fn date_in_quotes_that_is_not_a_date_is_reported() {
    let site = site_with_results("2007-03-15", "\"2007-13-45\"");
    assert_rejected(&site, &at("2:8"), &["`date` is not a date", "2007-13-45"]);
}

#[test]
fn thirtieth_of_february_is_not_a_date() {
    let site = site_with_results("2007-03-15", "2007-02-30");
    // The TOML parser itself refuses the date, with its own wording.
    assert_rejected(
        &site,
        &at("2:8"),
        &["invalid date", "day between 01 and 28"],
    );
}

#[test]
fn region_folder_without_index_md_is_reported() {
    // No position applies: the diagnostic names the folder.
    let site = Site::base_with(&[("content/regions/zee/scan.toml", RESULTS)]);
    assert_rejected(
        &site,
        "content/regions/zee",
        &[
            "region folder `zee` has no `_index.md`",
            "content/regions/zee/_index.md",
        ],
    );
}

/// A note with a typo in a front-matter key: `tilte` on line 2, col 1.
#[test]
fn unknown_front_matter_key_is_reported_with_a_did_you_mean_hint() {
    let site = Site::base_with(&[(
        "content/notes/typo.md",
        "+++\ntilte = \"Typo\"\ndate = 2007-04-01\n+++\nTekst.\n",
    )]);
    assert_rejected(
        &site,
        "content/notes/typo.md:2:1",
        &["unknown field `tilte`", "did you mean `title`?"],
    );
}

/// Two misspelt keys in one front matter: both are reported in the one run, and `title`,
/// missing because it is misspelt, is not reported a third time.
#[test]
fn several_misspelt_keys_in_one_file_are_all_reported() {
    let site = Site::base_with(&[(
        "content/notes/typos.md",
        "+++\ntitel = \"Typo\"\ndatum = 2007-04-01\n+++\nTekst.\n",
    )]);
    let run = assert_rejected(
        &site,
        "content/notes/typos.md:2:1",
        &["did you mean `title`?", "did you mean `date`?"],
    );
    run.assert_stderr_has("┌─ content/notes/typos.md:3:1\n");
    run.assert_stderr_has("build failed with 2 errors");
    assert!(!run.stderr.contains("missing field"), "{}", run.stderr);
}

/// Three syntax errors in one results file, each at its own line, in one run; the Dutch
/// decimal comma gets its own hint.
#[test]
fn several_syntax_errors_in_one_file_are_all_reported() {
    let broken = RESULTS
        .replacen("\"cwi\"", "cwi", 1)
        .replacen("doelen-1 = 4", "doelen-1 = 4,5", 1)
        .replacen("date = 2007-03-15", "date = 2007-02-30", 1);
    let site = Site::base_with(&[(RESULTS_PATH, &broken)]);
    let run = assert_rejected(&site, &at("2:8"), &["invalid date"]);
    run.assert_stderr_has(&format!("┌─ {}\n", at("5:11")));
    run.assert_stderr_has(&format!("┌─ {}\n", at("8:25")));
    run.assert_stderr_has("a number with a decimal comma");
    run.assert_stderr_has("a decimal number takes a point, not a comma: 3.5");
    run.assert_stderr_has("build failed with 3 errors");
}

#[test]
fn front_matter_that_is_never_closed_is_reported_at_its_opening() {
    let site = Site::base_with(&[(
        "content/notes/open.md",
        "+++\ntitle = \"Open\"\ndate = 2007-04-01\n\nTekst zonder einde.\n",
    )]);
    assert_rejected(
        &site,
        "content/notes/open.md:1:1",
        &["front matter is never closed", "`+++`"],
    );
}

#[test]
fn file_that_is_not_utf8_is_reported_at_the_first_bad_byte() {
    // Latin-1 "Café": `title = "Caf` is 12 characters, so the é (0xE9) is at line 2, col 13.
    let site = Site::base_with(&[]);
    site.write_bytes(
        "content/notes/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2007-04-01\n+++\nTekst.\n",
    );
    assert_rejected(
        &site,
        "content/notes/latin1.md:2:13",
        &["not valid UTF-8", "UTF-8"],
    );
}

/// A note referring to a region, practice and theme; `refs` replaces one of them.
///
/// ```text
/// 1 +++
/// 2 title = "Bezoek"
/// 3 date = 2007-04-01
/// 4 regions = ["meer", "meer"]    second id at col 20
/// 5 practices = ["balie"]          id at col 14
/// 6 themes = ["loket", "doelen"]   second id at col 20
/// 7 +++
/// ```
fn note_with(from: &str, to: &str) -> Site {
    let note = "+++\ntitle = \"Bezoek\"\ndate = 2007-04-01\nregions = [\"meer\", \"meer\"]\npractices = [\"balie\"]\nthemes = [\"loket\", \"doelen\"]\n+++\nTekst.\n";
    assert!(note.contains(from));
    Site::base_with(&[("content/notes/bezoek.md", &note.replacen(from, to, 1))])
}

#[test]
fn note_referring_to_an_unknown_region_is_reported() {
    let site = note_with("\"meer\"]", "\"mer\"]");
    assert_rejected(
        &site,
        "content/notes/bezoek.md:4:20",
        &["unknown region `mer`", "did you mean `meer`?"],
    );
}

#[test]
fn note_referring_to_an_unknown_practice_is_reported() {
    let site = note_with("\"balie\"", "\"baile\"");
    assert_rejected(
        &site,
        "content/notes/bezoek.md:5:14",
        &["unknown practice `baile`", "did you mean `balie`?"],
    );
}

#[test]
fn note_referring_to_an_unknown_theme_is_reported() {
    let site = note_with("\"doelen\"", "\"doel\"");
    assert_rejected(
        &site,
        "content/notes/bezoek.md:6:20",
        &["unknown theme `doel`", "did you mean `doelen`?"],
    );
}

/// The body link sits on line 7; `Zie [x](` is 8 characters, so the destination is at col 9.
/// Lines count from the top of the file, front matter included.
#[test]
fn markdown_link_to_a_missing_content_file_is_reported_at_the_destination() {
    let site = Site::base_with(&[(
        "content/notes/links.md",
        "+++\ntitle = \"Links\"\ndate = 2007-04-01\n+++\nEerste alinea.\n\nZie [x](../practices/nope.md) en verder.\n",
    )]);
    assert_rejected(
        &site,
        "content/notes/links.md:7:9",
        &["link to missing file", "practices/nope.md"],
    );
}

/// `Foto: ![foto](` is 14 characters, so the destination is at line 6, col 15.
#[test]
fn markdown_link_to_a_missing_static_file_is_reported() {
    let site = Site::base_with(&[(
        "content/notes/foto.md",
        "+++\ntitle = \"Foto\"\ndate = 2007-04-01\n+++\n\nFoto: ![foto](../static/foto.png)\n",
    )]);
    assert_rejected(
        &site,
        "content/notes/foto.md:6:15",
        &["link to missing file", "static/foto.png"],
    );
}

#[test]
fn two_notes_whose_names_differ_only_in_case_clash_on_their_url() {
    let note = "+++\ntitle = \"Verslag\"\ndate = 2007-04-01\n+++\nTekst.\n";
    let site = Site::base_with(&[
        ("content/notes/Verslag.md", note),
        ("content/notes/verslag.md", note),
    ]);
    if std::fs::read_dir(site.path("content/notes"))
        .unwrap()
        .count()
        < 3
    {
        // A case-insensitive file system cannot hold both files; nothing to test there.
        return;
    }
    assert_rejected(
        &site,
        "content/notes/verslag.md",
        &["`content/notes/Verslag.md` and `content/notes/verslag.md` would both be written to `notities/verslag/`"],
    );
}

#[test]
fn invalid_toml_syntax_is_reported_where_the_parser_stopped() {
    // A bare word where a value should be: `partner = ` is 10 characters → col 11.
    let site = site_with_results("\"cwi\"", "cwi");
    assert_rejected(&site, &at("5:11"), &["string values must be quoted"]);
}

#[test]
fn three_errors_in_three_files_are_all_reported_in_one_run() {
    let site = Site::base_with(&[
        (RESULTS_PATH, &RESULTS.replacen("\"cwi\"", "\"uwwv\"", 1)),
        ("content/notes/open.md", "+++\ntitle = \"Open\"\n"),
        (
            "content/practices/loket.md",
            "+++\ntitle = \"Loket\"\nthemes = [\"lokett\"]\n+++\nTekst.\n",
        ),
    ]);
    let run = assert_rejected(&site, &at("5:11"), &["unknown partner `uwwv`"]);
    run.assert_stderr_has("┌─ content/notes/open.md:1:1\n")
        .assert_stderr_has("front matter is never closed")
        // `themes = [` is 10 characters → the id is at col 11.
        .assert_stderr_has("┌─ content/practices/loket.md:3:11\n")
        .assert_stderr_has("unknown theme `lokett`")
        .assert_stderr_has("error: build failed with 3 errors; nothing was written");
    let error_lines = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(
        error_lines, 4,
        "three errors plus the summary\n{}",
        run.stderr
    );
}

#[test]
fn check_reports_the_same_errors_and_writes_nothing() {
    let site = site_with_results("\"cwi\"", "\"uwwv\"");
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has(&format!("┌─ {}\n", at("5:11")))
        .assert_stderr_has("error: check failed with 1 error");
    assert!(!site.path("output").exists());
}

/// Theme ids become folder names (`thema/<slug of the id>/`). Regression: an id such as
/// `../../pwned` used to be written as is: from the staging folder `thema/../../pwned` is a
/// sibling of the output folder, so the build wrote `pwned/index.html` outside it. Its slug,
/// `------pwned`, stays inside; an id with no letter or digit is an error at its position.
///
/// ```text
/// 4 [[themes]]
/// 5 id = "../.."              value at col 6 (`id = ` is 5 characters)
/// ```
#[test]
fn theme_ids_never_make_a_folder_outside_the_output() {
    let questionnaire = "title = \"Scan\"\nscale = { min = 1, max = 5 }\n\n[[themes]]\nid = \"../../pwned\"\ntitle = \"Weg\"\n\n[[questions]]\nid = \"weg-1\"\ntheme = \"../../pwned\"\ntext = \"Vraag\"\n";
    let site = Site::base_with(&[("content/questionnaires/weg.toml", questionnaire)]);
    let holder = tempfile::tempdir().expect("temp dir");
    let out = holder.path().join("out");
    site.build(&out, &[]).assert_code(0);
    assert!(out.join("thema/------pwned/index.html").is_file());
    let siblings: Vec<_> = std::fs::read_dir(holder.path())
        .expect("read holder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(siblings, ["out"], "nothing is written beside the output");

    let no_letters = questionnaire.replace("../../pwned", "../..");
    site.write("content/questionnaires/weg.toml", &no_letters);
    let run = assert_rejected(
        &site,
        "content/questionnaires/weg.toml:5:6",
        &["theme id `../..` has no letter or digit"],
    );
    run.assert_stderr_has("error: build failed with 1 error;");
}

#[test]
fn a_missing_link_is_reported_in_the_same_run_as_a_reference_error() {
    let site = Site::base_with(&[
        (RESULTS_PATH, &RESULTS.replacen("\"cwi\"", "\"uwwv\"", 1)),
        (
            "content/notes/links.md",
            "+++\ntitle = \"Links\"\ndate = 2007-05-01\n+++\nZie [dit](../practices/nope.md).\n",
        ),
    ]);
    // Line 5 is the body line; `Zie [dit](` is 10 characters, so the target starts at col 11.
    let run = assert_rejected(&site, &at("5:11"), &["unknown partner `uwwv`"]);
    run.assert_stderr_has("┌─ content/notes/links.md:5:11\n")
        .assert_stderr_has("link to missing file")
        .assert_stderr_has("error: build failed with 2 errors; nothing was written");
}

/// The errors reported for `site`, one line each ("error: …"), without the closing count.
fn errors(site: &Site) -> Vec<String> {
    let run = site.check();
    run.assert_code(1);
    run.stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && !l.starts_with("error: check failed"))
        .map(str::to_string)
        .collect()
}

/// One typo in the questionnaire is one error: the themes and results that depend on it are
/// not reported as unknown as well (they were 95 false errors on the example site).
#[test]
fn a_questionnaire_that_does_not_read_is_one_error_not_a_cascade() {
    let site = Site::base_with(&[
        (
            "content/questionnaires/scan.toml",
            &common::QUESTIONNAIRE.replacen("title = \"Scan\"", "titl = \"Scan\"", 1),
        ),
        (RESULTS_PATH, RESULTS),
    ]);
    let errors = errors(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("unknown field `titl`"), "{errors:#?}");
}

/// A practice with an error of its own still exists: a note naming it is not a second error.
#[test]
fn a_practice_that_does_not_read_is_not_also_unknown() {
    let site = Site::base_with(&[
        (
            "content/practices/balie.md",
            "+++\ntitel = \"Eén balie\"\nregion = \"meer\"\n+++\nZo werkt het.\n",
        ),
        (
            "content/notes/bezoek.md",
            "+++\ntitle = \"Bezoek\"\ndate = 2007-03-02\nregions = [\"meer\"]\npractices = [\"balie\"]\n+++\nEen bezoek.\n",
        ),
    ]);
    let errors = errors(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("unknown field `titel`"), "{errors:#?}");
}

/// A region profile that does not read does not hide the problems in the region's results.
#[test]
fn the_results_of_a_region_whose_profile_does_not_read_are_still_checked() {
    let site = Site::base_with(&[
        (
            "content/regions/meer/_index.md",
            &common::REGION.replacen("stage = \"quickscan\"", "stage = \"workshop\"", 1),
        ),
        (
            RESULTS_PATH,
            &RESULTS.replacen("doelen-1 = 2", "doelen-1 = 7", 1),
        ),
    ]);
    let errors = errors(&site);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("unknown variant `workshop`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("score 7 for `doelen-1` is off the scale")),
        "{errors:#?}"
    );
}

/// Two results files of one questionnaire with the same date: which is "now" depends on the
/// file names, so it is a warning at the second file's date (the site still builds, as such
/// sites did before).
#[test]
fn two_rounds_on_the_same_date_are_a_warning() {
    let site = Site::base_with(&[
        (RESULTS_PATH, RESULTS),
        ("content/regions/meer/scan-kopie.toml", RESULTS),
    ]);
    site.check()
        .assert_code(0)
        .assert_stderr_has("warning: a second round of `scan` on 2007-03-15")
        .assert_stderr_has("scan-2007.toml has that date too")
        .assert_stderr_has("content/regions/meer/scan-kopie.toml:2:8");
}

/// The contract asks a note for one or more regions. A note without any still builds (it may
/// be about the programme as a whole) but is on no region page, so that is a warning at the
/// front matter's first line; a draft is not finished yet and gets none.
#[test]
fn a_note_without_regions_is_a_warning() {
    let site = Site::base_with(&[
        (
            "content/notes/landelijk.md",
            "+++\ntitle = \"Landelijk overleg\"\ndate = 2007-06-01\n+++\nAlle regio's.\n",
        ),
        (
            "content/notes/concept.md",
            "+++\ntitle = \"Concept\"\ndate = 2007-06-02\ndraft = true\n+++\nNog niet af.\n",
        ),
    ]);
    let run = site.check();
    run.assert_code(0)
        .assert_stderr_has("warning: this note names no region")
        .assert_stderr_has("content/notes/landelijk.md:2:1")
        .assert_stderr_has("regions = [");
    assert!(
        !run.stderr.contains("concept.md"),
        "a draft got a warning:\n{}",
        run.stderr
    );
}

/// A link to a file that exists but has no page says so, not "missing file"; a raw-HTML
/// address that climbs above the site is a warning (it may be another application on the
/// server), and a relative one into content/static/ is checked like a Markdown link.
///
/// ```text
/// 5 [c](concept.md) [d](../questionnaires/scan.toml)
/// 6 <a href="../../../../etc/passwd">x</a> <img src="../static/weg.png" alt="">
/// ```
#[test]
fn links_to_drafts_data_files_and_out_of_the_site_say_what_they_are() {
    let site = Site::base_with(&[
        (
            "content/notes/concept.md",
            "+++\ntitle = \"Concept\"\ndate = 2007-03-02\ndraft = true\n+++\nNog niet af.\n",
        ),
        (
            "content/notes/links.md",
            "+++\ntitle = \"Links\"\ndate = 2007-05-01\n+++\n[c](concept.md) [d](../questionnaires/scan.toml)\n<a href=\"../../../../etc/passwd\">x</a> <img src=\"../static/weg.png\" alt=\"\">\n",
        ),
    ]);
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has("error: link to `notes/concept.md`, which has no page")
        .assert_stderr_has("content/notes/links.md:5:5")
        .assert_stderr_has("`draft = false`")
        .assert_stderr_has("error: link to `questionnaires/scan.toml`, which has no page")
        .assert_stderr_has("content/notes/links.md:5:21")
        .assert_stderr_has("warning: link climbs above the site")
        .assert_stderr_has("content/notes/links.md:6:10")
        .assert_stderr_has("error: link to missing file `static/weg.png`")
        .assert_stderr_has("error: check failed with 3 errors");
}

/// A scale whose minimum is not below its maximum is one error, at the questionnaire: the
/// scores measured against it are not reported as off the scale as well (642 follow-on errors
/// on the example site). Labels that do not fit the scale's points are a warning.
#[test]
fn a_wrong_scale_is_one_error_not_one_per_score() {
    let questionnaire = common::QUESTIONNAIRE.replacen(
        "scale = { min = 1, max = 5 }",
        "scale = { min = 5, max = 1 }",
        1,
    );
    let site = Site::base_with(&[
        ("content/questionnaires/scan.toml", &questionnaire),
        (RESULTS_PATH, RESULTS),
    ]);
    assert_eq!(
        errors(&site),
        ["error: scale minimum must be below its maximum"]
    );

    let labelled = common::QUESTIONNAIRE.replacen(
        "scale = { min = 1, max = 5 }",
        "scale = { min = 1, max = 5, labels = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\"] }",
        1,
    );
    site.write("content/questionnaires/scan.toml", &labelled);
    site.check()
        .assert_code(0)
        .assert_stderr_has("warning: the scale has 6 label(s) for its 5 points");
}

/// Every required key a front matter lacks is reported in one run, with its other mistakes
/// (it was one missing key per run: `title`, then, once added, `date`).
#[test]
fn every_missing_key_of_a_file_is_reported_in_one_run() {
    let site = Site::base_with(&[(
        "content/notes/leeg.md",
        "+++\nkind = \"interview\"\nthemes = 3\n+++\nTekst.\n",
    )]);
    let mut found = errors(&site);
    found.sort();
    assert_eq!(
        found,
        [
            "error: missing field `date`",
            "error: missing field `title`",
            "error: wrong kind of value: the number `3` where a list belongs",
        ]
    );
}

/// Raw HTML nested deeper than browsers nest (512) is an error at the body, found at once:
/// the sanitiser's parser took minutes on such a body (100,000 levels: 52 s).
///
/// ```text
/// 1 +++
/// 2 title = "Diep"
/// 3 date = 2007-03-01
/// 4 regions = ["meer"]
/// 5 +++
/// 6 <div><div>…          the body, col 1
/// ```
#[test]
fn raw_html_nested_deeper_than_browsers_nest_is_an_error() {
    let body = format!("{}x{}\n", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let note =
        format!("+++\ntitle = \"Diep\"\ndate = 2007-03-01\nregions = [\"meer\"]\n+++\n{body}");
    let site = Site::base_with(&[("content/notes/diep.md", &note)]);
    let started = std::time::Instant::now();
    assert_rejected(
        &site,
        "content/notes/diep.md:6:1",
        &[
            "HTML nested more than 512 levels deep",
            "close the HTML tags",
        ],
    );
    // Not a timing test of the build: only that it did not take the parser's minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// A theme id in two questionnaires is one theme, titled by the first; another title in the
/// second is a warning at its id (it used to be dropped without a word).
#[test]
fn one_theme_id_with_two_titles_is_a_warning() {
    let second =
        common::QUESTIONNAIRE.replace("title = \"Doelen\"", "title = \"Heel andere doelen\"");
    let site = Site::base_with(&[("content/questionnaires/scan2.toml", &second)]);
    let run = site.check();
    run.assert_code(0)
        .assert_stderr_has(
            "warning: theme `doelen` has another title in content/questionnaires/scan.toml",
        )
        .assert_stderr_has("content/questionnaires/scan2.toml:6:6")
        .assert_stderr_has("its page is titled `Doelen`, not `Heel andere doelen`");
}
