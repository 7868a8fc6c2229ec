//! Text that editors write is text, never markup: every field that reaches a page is escaped,
//! in element content and in attributes, and a note body's raw HTML and script links are
//! sanitised away.

mod common;

use common::{Built, Site};

/// What an editor (or an attacker with write access to content/) might type, as TOML text.
const EVIL_TOML: &str = r#""<script>alert(1)</script> & \"q\" 'a'""#;

fn evil_site() -> Built {
    let e = EVIL_TOML;
    let site = Site::base_with(&[
        (
            "site.toml",
            &format!("title = {e}\ndescription = {e}\nminify = false\n"),
        ),
        (
            "content/regions/meer/_index.md",
            &format!(
                r#"+++
name = {e}
partners = [
  {{ id = "cwi", name = {e}, kind = "cwi" }},
  {{ id = "uwv", name = "UWV" }},
]

[[wishes]]
text = {e}
themes = ["loket"]

[[agenda]]
title = {e}
owner = "cwi"
due = 2007-09-01
themes = ["doelen"]
+++
Profiel.
"#
            ),
        ),
        (
            "content/regions/meer/scan.toml",
            "questionnaire = \"scan\"\ndate = 2007-03-15\n\n[[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 2, loket-vorm = \"apart\" }\n\n[[responses]]\npartner = \"uwv\"\nanswers = { doelen-1 = 4, loket-vorm = \"apart\" }\n",
        ),
        (
            "content/notes/gesprek.md",
            &format!(
                "+++\ntitle = {e}\ndate = 2007-03-01\nregions = [\"meer\"]\npractices = [\"balie\"]\nparticipants = [{e}]\n+++\n\
                 ## Kop met <script>alert(3)</script> & \"q\"\n\n\
                 Tekst <script>alert(2)</script> en <img src=x onerror=alert(1)> einde.\n\n\
                 <div onclick=\"alert(4)\">klik</div>\n\n\
                 [x](javascript:alert(1)) en [y](JavaScript:alert(5)) en <javascript:alert(6)>\n"
            ),
        ),
        (
            "content/practices/balie.md",
            &format!("+++\ntitle = {e}\nregion = \"meer\"\nthemes = [\"loket\"]\nsite = {e}\nresults = [{e}]\n+++\nZo werkt het.\n"),
        ),
    ]);
    site.build_ok()
}

#[test]
fn no_output_file_carries_a_script_tag_or_script_link() {
    let built = evil_site();
    // Downloads (CSV, JSON) carry the editors' text as data, where it does nothing; pages must
    // never carry it as markup.
    for (path, bytes) in built
        .tree()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for bad in [
            "<script>alert",
            "href=\"javascript:",
            "src=\"javascript:",
            "onerror",
            "onclick",
            "<img src=x",
        ] {
            assert!(!text.contains(bad), "{path} contains {bad:?}");
        }
    }
}

#[test]
fn site_title_is_escaped_in_the_title_element_and_the_header() {
    let built = evil_site();
    let html = built.read("index.html");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;";
    assert!(
        html.contains(&format!("<title>{escaped}</title>")),
        "{html}"
    );
    assert!(
        html.matches(escaped).count() >= 3,
        "title, brand and footer"
    );
}

/// The built-in theme puts no editor text inside attributes, so a site template does: the
/// escaping must hold there too (`"` and `'` must not end the attribute value).
#[test]
fn editor_text_is_escaped_inside_attributes_of_a_site_template() {
    let site = Site::base_with(&[
        ("site.toml", &format!("title = {EVIL_TOML}
minify = false
")),
        ("content/pages/werkwijze.md", &format!("+++\ntitle = {EVIL_TOML}\n+++\nTekst.\n")),
        (
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<meta name=\"description\" content=\"{{ site.title }}\"><section aria-label=\"{{ page.title }}\" title='{{ page.title }}'>x</section>{% endblock content %}",
        ),
    ]);
    let html = site.build_ok().read("werkwijze/index.html");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;";
    assert!(html.contains(&format!("content=\"{escaped}\"")), "{html}");
    assert!(
        html.contains(&format!("aria-label=\"{escaped}\"")),
        "{html}"
    );
    assert!(html.contains(&format!("title='{escaped}'")), "{html}");
    assert!(!html.contains("<script"));
}

#[test]
fn note_title_and_participants_are_escaped() {
    let built = evil_site();
    let html = built.read("notities/gesprek/index.html");
    let title = html
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(
        title
            .starts_with("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;"),
        "{title}"
    );
    let h1 = html
        .split("<h1")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(
        h1.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;"),
        "{h1}"
    );
    let participants = html.split("Deelnemers").nth(1).expect("participants shown");
    assert!(participants
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;"));
}

#[test]
fn region_partner_wish_and_agenda_texts_are_escaped() {
    let built = evil_site();
    let html = built.read("regio/meer/index.html");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;";
    // name (h1 and title), partner (profile, tables), wish, agenda title and agenda caption.
    let count = html.matches(escaped).count();
    assert!(
        count >= 6,
        "only {count} escaped occurrences on the region page"
    );
    let agenda = html.split("id=\"agenda\"").nth(1).unwrap();
    assert!(
        agenda.contains(&format!("<th scope=\"row\">{escaped}")),
        "agenda title not escaped"
    );
    let wishes = html
        .split("id=\"wensen\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        wishes.contains(&format!("<li>{escaped}")),
        "wish not escaped: {wishes}"
    );
}

#[test]
fn practice_title_is_escaped_on_its_page_and_in_lists() {
    let built = evil_site();
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;";
    for page in [
        "praktijken/balie/index.html",
        "praktijken/index.html",
        "thema/loket/index.html",
    ] {
        assert!(built.read(page).contains(escaped), "{page}");
    }
}

#[test]
fn raw_html_in_a_note_body_is_removed_but_its_text_stays() {
    let built = evil_site();
    let html = built.read("notities/gesprek/index.html");
    assert!(html.contains("Tekst"), "body text lost");
    assert!(html.contains("einde."), "text after the removed tags lost");
    assert!(!html.contains("alert(2)</script>"));
    assert!(!html.contains("<div onclick"));
    // The heading's text is escaped, and so is the id made from it.
    assert!(html.contains("Kop met"));
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    for id in ids {
        assert!(
            !id.contains('<') && !id.contains('>') && !id.contains('\''),
            "unsafe id {id:?}"
        );
    }
}

#[test]
fn javascript_links_in_a_note_keep_their_text_but_lose_the_link() {
    let built = evil_site();
    let html = built.read("notities/gesprek/index.html");
    let lower = html.to_lowercase();
    // `[x](javascript:alert(1))` and `[y](JavaScript:alert(5))` keep only their text.
    assert!(!lower.contains("javascript:alert(1)") && !lower.contains("javascript:alert(5)"));
    // The autolink `<javascript:alert(6)>` may stay as plain text, but never as a link.
    assert!(!lower.contains("=\"javascript:"));
    let body = html.split("Kop met").nth(1).unwrap();
    assert!(body.contains("<p>x en y en "), "link texts lost: {body}");
}
