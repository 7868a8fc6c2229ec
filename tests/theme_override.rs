//! A site's own theme files (tests/fixtures/theme_override/) override the built-in templates of
//! the same name and add assets, while everything it does not override stays built in.

mod common;

use common::Site;

const MARKER: &str = "THEMA-OVERRIDE-MARKER";

#[test]
fn site_page_template_overrides_the_built_in_one_on_every_free_page() {
    let built = Site::fixture("theme_override").build_ok();
    for page in ["werkwijze/index.html", "over/index.html"] {
        let html = built.read(page);
        assert!(html.contains(MARKER), "{page} lacks the override's marker");
        // The override still extends the built-in base template.
        assert!(
            html.contains("<title>"),
            "{page} lost the built-in base template"
        );
    }
    // Pages made from other templates are not affected.
    assert!(!built.read("index.html").contains(MARKER));
    assert!(!built.read("methode/index.html").contains(MARKER));
}

#[test]
fn site_theme_static_files_are_published_next_to_the_built_in_assets() {
    let built = Site::fixture("theme_override").build_ok();
    assert_eq!(
        built.read("assets/extra.css"),
        ".eigen { border: 1px solid #c00; }\n"
    );
    assert!(
        built.read("assets/style.css").len() > 100,
        "built-in stylesheet missing"
    );
}

#[test]
fn a_template_that_does_not_parse_is_an_error_naming_the_theme_folder() {
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/page.html",
        "{% block content %}\n{{ page.title\n",
    );
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has("themes/default/templates")
        .assert_stderr_has("error: check failed with 1 error");
}

#[test]
fn a_site_template_that_binds_t_itself_keeps_its_own_value() {
    // The built-in templates have the UI strings written in when the theme loads; a site's
    // own template is left to Tera, so a `t` of its own is that, not the UI strings.
    let site = Site::fixture("theme_override");
    site.write(
        "content/pages/over.md",
        "+++\ntitle = \"Over ons\"\nweight = 1\n[extra]\nnotes = \"EIGEN\"\n+++\nTekst.\n",
    );
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% set t = page.extra %}<p id=\"eigen-t\">{{ t.notes }}</p>{% endblock content %}",
    );
    let built = site.build_ok();
    let html = built.read("over/index.html");
    assert!(html.contains("<p id=\"eigen-t\">EIGEN</p>"), "{html}");
    // The built-in templates around it still show the UI strings.
    assert!(html.contains("Naar de inhoud"), "{html}");
}

#[test]
fn a_site_navigation_template_draws_the_navigation_of_every_page() {
    // `navigation.html` is rendered once per section and depth and handed to base.html as
    // `navigation`; a site's own one is what every page shows, marked for its own section.
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/navigation.html",
        "<ol class=\"eigen-nav\">{% for item in site.nav %}<li data-root=\"{{ root }}\"{% if item.section == section %} class=\"hier\"{% endif %}>{{ item.title }}</li>{% endfor %}</ol>",
    );
    let built = site.build_ok();
    let home = built.read("index.html");
    assert!(
        home.contains("<ol class=\"eigen-nav\"><li data-root=\"\">"),
        "{home}"
    );
    let notes = built.read("notities/index.html");
    assert!(notes.contains("data-root=\"../\""), "{notes}");
    assert!(
        notes.contains("class=\"hier\">Notities</li>"),
        "the notes index is not marked as the current section: {notes}"
    );
    assert!(!home.contains("class=\"hier\">Notities"), "{home}");
}

#[test]
fn a_site_base_template_with_its_own_loop_over_the_navigation_still_works() {
    // Sites that copied base.html before `navigation` existed loop over `site.nav` themselves.
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/base.html",
        "<!DOCTYPE html><html lang=\"nl\"><head><title>t</title></head><body><nav><ul>{% for item in site.nav %}<li><a href=\"{{ root }}{{ item.href }}\"{% if item.section == section %} aria-current=\"page\"{% endif %}>{{ item.title }}</a></li>{% endfor %}</ul></nav>{% block content %}{% endblock content %}</body></html>",
    );
    let built = site.build_ok();
    let notes = built.read("notities/index.html");
    assert!(
        notes.contains("<a href=\"../notities/index.html\" aria-current=\"page\">Notities</a>"),
        "{notes}"
    );
}

#[test]
fn a_site_navigation_template_that_reads_the_page_is_an_error_naming_it() {
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/navigation.html",
        "<ul><li>{{ page.title }}</li></ul>",
    );
    let out = tempfile::tempdir().expect("temp dir");
    site.build(&out.path().join("out"), &[])
        .assert_code(1)
        .assert_stderr_has("themes/default/templates/navigation.html")
        .assert_stderr_has("sees only `site`, `t`, `root` and `section`");
}

#[test]
fn editors_swap_and_backup_files_in_a_theme_are_neither_templates_nor_assets() {
    // vim keeps `.page.html.swp` (binary) beside the template being edited, and writes
    // `extra.css~` on saving; neither is read as a template nor published.
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/.page.html.swp",
        "b0VIM \u{0}\u{1}",
    );
    site.write("themes/default/templates/page.html~", "{% broken");
    site.write("themes/default/static/extra.css~", "oud");
    site.write("themes/default/static/.extra.css.swp", "swap");
    let built = site.build_ok();
    assert!(built.read("over/index.html").contains(MARKER));
    let files = built.tree();
    assert!(files.contains_key("assets/extra.css"));
    assert!(
        !files.keys().any(|f| f.contains(".swp") || f.ends_with('~')),
        "{:?}",
        files.keys().collect::<Vec<_>>()
    );
}

/// A template that includes itself, or a macro that calls itself without end, is an error
/// naming it (it overflowed the stack and aborted the process); a macro that recurses to an
/// end still renders.
#[test]
fn endless_includes_and_macros_are_errors_not_crashes() {
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/page.html",
        "{% include \"page.html\" %}",
    );
    let run = site.check();
    assert_ne!(run.code, 134, "aborted:\n{}", run.stderr);
    run.assert_code(1)
        .assert_stderr_has("`page.html` is nested more than");

    site.write(
        "themes/default/templates/page.html",
        "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}{{ self::f(n=1) }}",
    );
    site.check()
        .assert_code(1)
        .assert_stderr_has("`f` is nested more than");

    site.write(
        "themes/default/templates/diep.html",
        "{% macro f(n) %}{% if n > 0 %}{{ self::f(n=n - 1) }}{% else %}BODEM{% endif %}{% endmacro f %}",
    );
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% import \"diep.html\" as m %}{% block content %}{{ m::f(n=40) }}{% endblock content %}",
    );
    let built = site.build_ok();
    assert!(built.read("over/index.html").contains("BODEM"));
}

/// Every template of the site's that does not parse is reported, each at its line and column.
#[test]
fn each_template_that_does_not_parse_is_reported_at_its_position() {
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title </p>\n{% endblock content %}\n",
    );
    site.write(
        "themes/default/templates/note.html",
        "{% extends \"base.html\" %}\n{% block content %}{% if %}{% endblock content %}\n",
    );
    site.check()
        .assert_code(1)
        .assert_stderr_has("themes/default/templates/page.html:3:19")
        .assert_stderr_has("themes/default/templates/note.html:2:26")
        .assert_stderr_has("error: check failed with 2 errors");
}

/// A template that fails on every page it renders is reported once, with how many pages.
#[test]
fn a_template_failing_on_every_page_is_one_error() {
    let site = Site::fixture("theme_override");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ bestaat_niet }}{% endblock content %}",
    );
    // The fixture has two free pages, both rendered with page.html.
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has("error: check failed with 1 error")
        .assert_stderr_has("and 1 other page")
        .assert_stderr_has("variable `bestaat_niet` not found")
        .assert_stderr_has("themes/default/templates/page.html:1:48");
}

#[test]
fn every_table_takes_an_extra_table_and_templates_receive_it() {
    // The contract: unknown keys are errors "unless they sit under an `extra` table, which is
    // passed to templates as is". Every table of every file takes one.
    let questionnaire = common::QUESTIONNAIRE
        .replacen(
            "roles = [\"management\", \"medewerkers\"]\n",
            "roles = [\"management\", \"medewerkers\"]\nextra = { bron = \"VRAGENLIJST-EXTRA\" }\n",
            1,
        )
        .replacen(
            "title = \"Doelen\"\n",
            "title = \"Doelen\"\nextra = { kleur = \"THEMA-EXTRA\" }\n",
            1,
        )
        .replacen(
            "text = \"Er is een loket.\"\n",
            "text = \"Er is een loket.\"\nextra = { bron = \"vraag\" }\n",
            1,
        )
        .replacen(
            "{ id = \"apart\", label = \"Ieder een eigen balie\" }",
            "{ id = \"apart\", label = \"Ieder een eigen balie\", extra = { x = 1 } }",
            1,
        );
    let region = "+++\nname = \"Meerstad\"\nstage = \"quickscan\"\n\
        partners = [\n  { id = \"cwi\", name = \"CWI Meerstad\", extra = { logo = \"PARTNER-EXTRA\" } },\n  { id = \"uwv\", name = \"UWV Meerstad\" },\n]\n\
        [[wishes]]\ntext = \"Eén loket\"\nthemes = [\"loket\"]\n[wishes.extra]\nprioriteit = \"WENS-EXTRA\"\n\
        [[agenda]]\ntitle = \"Doel vaststellen\"\nowner = \"cwi\"\nextra = { budget = \"AGENDA-EXTRA\" }\n\
        [[milestones]]\nstage = \"quickscan\"\ndate = 2007-04-02\nextra = { plek = \"MIJLPAAL-EXTRA\" }\n\
        [extra]\nregio = \"REGIO-EXTRA\"\n+++\nProfiel.\n";
    let results =
        "questionnaire = \"scan\"\ndate = 2007-04-01\n[extra]\nbron = \"RONDE-EXTRA\"\n\n\
        [[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 2 }\nextra = { groep = \"x\" }\n";
    let site = common::Site::base_with(&[
        ("content/questionnaires/scan.toml", &questionnaire),
        ("content/regions/meer/_index.md", region),
        ("content/regions/meer/scan-2007.toml", results),
        (
            "content/_index.md",
            "+++\ntitle = \"Thuis\"\n[extra]\nwelkom = \"HOME-EXTRA\"\n+++\nWelkom.\n",
        ),
        (
            "themes/default/templates/index.html",
            "{% extends \"base.html\" %}{% block content %}<p>{{ page.extra.welkom }}</p>{% endblock content %}",
        ),
        (
            "themes/default/templates/region.html",
            "{% extends \"base.html\" %}{% block content %}<p>{{ page.extra.regio }} \
             {% for p in page.partners %}{{ p.extra.logo | default(value=\"\") }}{% endfor %} \
             {% for w in page.wishes %}{{ w.extra.prioriteit }}{% endfor %} \
             {% for a in page.agenda %}{{ a.extra.budget }}{% endfor %} \
             {% for m in page.milestones %}{{ m.extra.plek }}{% endfor %} \
             {% for q in page.mirrors %}{% for r in q.rounds %}{{ r.extra.bron }}{% endfor %}{% endfor %}</p>{% endblock content %}",
        ),
        (
            "themes/default/templates/theme.html",
            "{% extends \"base.html\" %}{% block content %}<p>{{ page.extra.kleur | default(value=\"\") }}</p>{% endblock content %}",
        ),
        (
            "themes/default/templates/method.html",
            "{% extends \"base.html\" %}{% block content %}<p>{% for q in page.questionnaires %}{{ q.extra.bron }}{% endfor %}</p>{% endblock content %}",
        ),
    ]);
    let built = site.build_ok();
    assert!(built.read("index.html").contains("HOME-EXTRA"));
    let region = built.read("regio/meer/index.html");
    for marker in [
        "REGIO-EXTRA",
        "PARTNER-EXTRA",
        "WENS-EXTRA",
        "AGENDA-EXTRA",
        "MIJLPAAL-EXTRA",
        "RONDE-EXTRA",
    ] {
        assert!(
            region.contains(marker),
            "{marker} missing from the region page"
        );
    }
    assert!(built
        .read("thema/doelen/index.html")
        .contains("THEMA-EXTRA"));
    assert!(built
        .read("methode/index.html")
        .contains("VRAGENLIJST-EXTRA"));
}

#[test]
fn a_theme_id_that_is_no_slug_gets_its_slug_as_url_and_two_ids_with_one_slug_are_an_error() {
    let questionnaire = common::QUESTIONNAIRE
        .replace("id = \"doelen\"", "id = \"Gezamenlijke_Doelen\"")
        .replace("theme = \"doelen\"", "theme = \"Gezamenlijke_Doelen\"");
    let site = common::Site::base_with(&[
        ("content/questionnaires/scan.toml", &questionnaire),
        (
            "content/notes/gesprek.md",
            "+++\ntitle = \"Gesprek\"\ndate = 2007-03-01\nregions = [\"meer\"]\nthemes = [\"Gezamenlijke_Doelen\"]\n+++\nEen gesprek.\n",
        ),
        (
            "content/practices/balie.md",
            "+++\ntitle = \"Eén balie\"\nregion = \"meer\"\nthemes = [\"Gezamenlijke_Doelen\", \"loket\"]\nstatus = \"pilot\"\n+++\nZo werkt het.\n",
        ),
    ]);
    let built = site.build_ok();
    assert!(built
        .read("thema/gezamenlijke-doelen/index.html")
        .contains("Gesprek"));
    assert!(built
        .read("notities/gesprek/index.html")
        .contains("thema/gezamenlijke-doelen/index.html"));
    // The practice filter and the page's anchors take the slug too: an id with a space
    // would read as two themes in `data-themes` and as two ids in `aria-labelledby`.
    let practices = built.read("praktijken/index.html");
    assert!(
        practices.contains("data-themes=\"gezamenlijke-doelen loket\""),
        "{practices}"
    );
    assert!(practices.contains("id=\"thema-gezamenlijke-doelen\""));
    assert!(practices.contains("<option value=\"gezamenlijke-doelen\">"));

    let clash = questionnaire.replace("id = \"loket\"", "id = \"gezamenlijke-doelen\"");
    site.write("content/questionnaires/scan.toml", &clash);
    site.check()
        .assert_code(1)
        .assert_stderr_has(
            "theme ids `Gezamenlijke_Doelen` and `gezamenlijke-doelen` would share the page thema/gezamenlijke-doelen/",
        )
        .assert_stderr_has("scan.toml:");
}

#[test]
fn a_style_sheet_that_is_not_utf8_is_an_error_at_its_byte_not_a_crash() {
    let site = Site::fixture("theme_override");
    site.write("site.toml", "title = \"Eigen thema\"\nminify = true\n");
    site.write_bytes(
        "themes/default/static/extra.css",
        b".a { color: red; }\n/* caf\xe9 */\n",
    );
    site.check()
        .assert_code(1)
        .assert_stderr_has("error: style sheet is not valid UTF-8")
        .assert_stderr_has("themes/default/static/extra.css:2:7");
}

#[test]
fn nesting_too_deep_for_the_parsers_is_an_error_or_left_unminified_not_a_crash() {
    // Tera's parser and lightningcss recurse per level: thousands of levels overflowed the
    // stack and aborted the process (the preview server with it).
    let site = Site::fixture("theme_override");
    site.write("site.toml", "title = \"Eigen thema\"\nminify = true\n");
    let css = format!("{}{}", "a{".repeat(1000), "}".repeat(1000));
    site.write("themes/default/static/extra.css", &css);
    let built = site.build_ok();
    assert_eq!(built.read("assets/extra.css"), css, "kept as written");

    let template = format!(
        "{{% extends \"base.html\" %}}{{% block content %}}\n{}x{}{{% endblock content %}}",
        "{% if true %}".repeat(800),
        "{% endif %}".repeat(800)
    );
    site.write("themes/default/templates/page.html", &template);
    site.check()
        .assert_code(1)
        .assert_stderr_has("error: the template nests deeper than 100 levels")
        .assert_stderr_has("themes/default/templates/page.html:2:");
}

#[test]
fn a_missing_variable_in_a_parent_template_is_one_error_at_where_it_is_written() {
    // Tera names the page's template ("compare.html", "note.html", …) even when the variable
    // is in the base template they all extend: that was one error per template, at none.
    let site = Site::fixture("theme_override");
    let base = include_str!("../themes/default/templates/base.html").replacen(
        "<footer class=\"site-footer\">",
        "{{ page.nergens.diep }}<footer class=\"site-footer\">",
        1,
    );
    site.write("themes/default/templates/base.html", &base);
    let run = site.check();
    run.assert_code(1)
        .assert_stderr_has("error: template `base.html` failed while rendering")
        .assert_stderr_has("themes/default/templates/base.html:")
        .assert_stderr_has("variable `page.nergens.diep` not found")
        .assert_stderr_has("error: check failed with 1 error");
}
