//! A theme page lists its notes by year, newest first, with a list of the years to jump to:
//! a theme of a national programme gathers thousands of notes. The notes index, already in
//! sections by year, gets the same list.

mod common;

use common::{text_of, Site};

fn note(slug: &str, date: &str, theme: &str) -> (String, String) {
    (
        format!("content/notes/{slug}.md"),
        format!(
            "+++\ntitle = \"Notitie {slug}\"\ndate = {date}\nkind = \"verslag\"\nregions = [\"meer\"]\nthemes = [\"{theme}\"]\n+++\nTekst.\n"
        ),
    )
}

/// The inside of a page's year list (`<nav class="year-jump" …>` up to `</nav>`).
fn year_list(html: &str) -> Option<&str> {
    let rest = html.split("<nav class=\"year-jump\"").nth(1)?;
    rest.split("</nav>").next()
}

#[test]
fn theme_pages_and_the_notes_index_head_notes_by_year_with_a_list_of_the_years() {
    let notes = [
        note("a", "2006-11-02", "doelen"),
        note("b", "2007-01-15", "doelen"),
        note("c", "2007-05-01", "doelen"),
        note("d", "2008-02-29", "doelen"),
        note("e", "2007-06-01", "loket"),
    ];
    let files: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::base_with(&files);
    let built = site.build_ok();
    let page = built.read("thema/doelen/index.html");

    // The jump list: each year with its count, newest first, pointing at the year's heading.
    let jump = year_list(&page).expect("a year list");
    assert!(jump.contains("aria-label=\"Notities per jaar\""), "{jump}");
    // 2007 has b and c, and the base site's own note "Gesprek" (1 March 2007).
    assert_eq!(
        text_of(&format!("<nav{jump}")),
        "2008 (1) 2007 (3) 2006 (1)"
    );
    for year in ["2008", "2007", "2006"] {
        assert!(
            jump.contains(&format!("href=\"#notities-{year}\"")),
            "{jump}"
        );
        assert_eq!(
            page.matches(&format!("<h3 id=\"notities-{year}\">{year}</h3>"))
                .count(),
            1,
            "one heading for {year}"
        );
    }

    // Each note under its own year, newest first; the other theme's note is not listed.
    let after = |from: &str| page.split(from).nth(1).unwrap().to_string();
    let y2008 = after("id=\"notities-2008\">");
    let y2007 = after("id=\"notities-2007\">");
    let y2006 = after("id=\"notities-2006\">");
    let first_list = |s: &str| s.split("</ul>").next().unwrap().to_string();
    assert_eq!(
        text_of(&first_list(&y2008)),
        "2008 Notitie d 29 februari 2008"
    );
    assert_eq!(
        text_of(&first_list(&y2007)),
        "2007 Notitie c 1 mei 2007 Gesprek 1 maart 2007 Notitie b 15 januari 2007"
    );
    assert_eq!(
        text_of(&first_list(&y2006)),
        "2006 Notitie a 2 november 2006"
    );
    assert!(!page.contains("Notitie e"));

    // The notes index: every note, by year, with the same jump list to its year sections.
    let index = built.read("notities/index.html");
    let jump = year_list(&index).expect("a year list on the notes index");
    assert_eq!(
        text_of(&format!("<nav{jump}")),
        "2008 (1) 2007 (4) 2006 (1)"
    );
    for year in ["2008", "2007", "2006"] {
        assert!(jump.contains(&format!("href=\"#jaar-{year}\"")), "{jump}");
        assert!(index.contains(&format!("<h2 id=\"jaar-{year}\">{year}</h2>")));
    }

    // A theme whose notes are all of one year gets the heading but no jump list.
    let loket = built.read("thema/loket/index.html");
    assert!(!loket.contains("year-jump"));
    assert!(loket.contains("<h3 id=\"notities-2007\">2007</h3>"));
    assert!(loket.contains("Notitie e"));
}
