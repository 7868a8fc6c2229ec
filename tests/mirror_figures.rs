//! The mirror on a region page, checked against figures computed by hand from a small site:
//! partner theme means (weighted by `respondents`), spread, desired and gap, choice agreement,
//! the per-role view, the change between two rounds, and Dutch versus English number format.

mod common;

use common::{table_rows_after, text_of, Site};

const REGION_PAGE: &str = "regio/meer/index.html";

/// Round 1. The figures it should give, per partner:
///
/// cwi, management (3 respondents) + medewerkers (1):
///   doelen-1 = (3×2 + 1×4) / 4 = 10/4 = 2.5          → theme doelen = 2,5
///   loket-1  = (3×4 + 1×2) / 4 = 14/4 = 3.5          → theme loket  = 3,5
///   desired doelen-1 = only management gave one      → 4,5; gap 4.5 − 2.5 = +2,0
///   loket-vorm: integraal 3 respondents, apart 1     → integraal
/// uwv (1 respondent, management):
///   doelen 3,0; loket 2,0; desired doelen 4,0 → gap 4.0 − 3.0 = +1,0; loket-vorm integraal
/// gemeente (1, no role):
///   doelen 3,8; loket 5,0; no desired (– and –); loket-vorm integraal
///
/// spread doelen = 3.8 − 2.5 = 1,3;  spread loket = 5.0 − 2.0 = 3,0 → loket ranks first.
/// choice: every partner chose integraal → agreement.
/// roles: management doelen cwi 2,0 uwv 3,0; medewerkers doelen cwi 4,0; the rest geen antwoord.
const ROUND_1: &str = r#"questionnaire = "scan"
date = 2007-03-15
round = "nulmeting"

[[responses]]
partner = "cwi"
role = "management"
respondents = 3
answers = { doelen-1 = 2, loket-1 = 4, loket-vorm = "integraal" }
desired = { doelen-1 = 4.5 }

[[responses]]
partner = "cwi"
role = "medewerkers"
answers = { doelen-1 = 4, loket-1 = 2, loket-vorm = "apart" }

[[responses]]
partner = "uwv"
role = "management"
answers = { doelen-1 = 3, loket-1 = 2, loket-vorm = "integraal" }
desired = { doelen-1 = 4 }

[[responses]]
partner = "gemeente"
answers = { doelen-1 = 3.8, loket-1 = 5, loket-vorm = "integraal" }
"#;

/// Round 2, later. Change against round 1:
///   cwi      doelen 2.5 → 3.0 = +0,5   loket 3.5 → 4.0 = +0,5
///   uwv      doelen 3.0 → 3.0 =  0,0   loket 2.0 → 2.5 = +0,5
///   gemeente doelen 3.8 → 3.3 = −0,5   loket 5.0 → 5.0 =  0,0
/// spread now: doelen 3.3 − 3.0 = 0,3; loket 5.0 − 2.5 = 2,5.
/// choice: gemeente now chose apart → the partners differ.
const ROUND_2: &str = r#"questionnaire = "scan"
date = 2007-09-01
round = "vervolgmeting"

[[responses]]
partner = "cwi"
answers = { doelen-1 = 3, loket-1 = 4, loket-vorm = "integraal" }

[[responses]]
partner = "uwv"
answers = { doelen-1 = 3, loket-1 = 2.5, loket-vorm = "integraal" }

[[responses]]
partner = "gemeente"
answers = { doelen-1 = 3.3, loket-1 = 5, loket-vorm = "apart" }
"#;

fn region_page(files: &[(&str, &str)]) -> String {
    Site::base_with(files).build_ok().read(REGION_PAGE)
}

/// Collapsed text between the first `from` and the next `to` after it.
fn text_between(html: &str, from: &str, to: &str) -> String {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("page has no {from:?}"));
    let rest = &html[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    text_of(&rest[..end])
}

#[test]
fn region_page_shows_hand_computed_partner_means_desired_and_gap_per_theme() {
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", ROUND_1)]);
    let rows = table_rows_after(&html, "class=\"mirror-table\"");
    assert_eq!(
        rows,
        [
            "Partner nu gewenst verschil",
            // Each theme heads its partners' rows, across the table.
            "Doelen Spreiding 1,3",
            "CWI Meerstad 2,5 4,5 +2,0",
            "UWV Meerstad 3,0 4,0 +1,0",
            "Gemeente Meerstad 3,8 – –",
            "Loket Spreiding 3,0",
            "CWI Meerstad 3,5 – –",
            "UWV Meerstad 2,0 – –",
            "Gemeente Meerstad 5,0 – –",
        ]
    );
}

#[test]
fn themes_are_ranked_by_spread_largest_first() {
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", ROUND_1)]);
    let ranked = text_between(&html, "<ol class=\"ranked\">", "</ol>");
    assert_eq!(ranked, "Loket : spreiding 3,0 Doelen : spreiding 1,3");
}

#[test]
fn choice_question_shows_each_partners_majority_option_and_agreement() {
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", ROUND_1)]);
    let rows = table_rows_after(&html, "id=\"m-scan-choices\"");
    assert_eq!(
        rows,
        [
            "Vraag CWI Meerstad UWV Meerstad Gemeente Meerstad Overeenstemming",
            "Welke vorm van loket? Integraal team Integraal team Integraal team ✓ eens",
        ]
    );
}

#[test]
fn role_view_splits_management_and_employees() {
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", ROUND_1)]);
    let rows = table_rows_after(&html, "id=\"m-scan-roles\"");
    assert_eq!(
        rows,
        [
            "Partner management medewerkers",
            "Doelen",
            "CWI Meerstad 2,0 4,0",
            "UWV Meerstad 3,0 geen antwoord",
            "Gemeente Meerstad geen antwoord geen antwoord",
            // loket-1: cwi management 4, medewerkers 2; uwv management 2.
            "Loket",
            "CWI Meerstad 4,0 2,0",
            "UWV Meerstad 2,0 geen antwoord",
            "Gemeente Meerstad geen antwoord geen antwoord",
        ]
    );
}

#[test]
fn a_later_round_becomes_now_and_the_change_table_shows_signed_differences() {
    let html = region_page(&[
        ("content/regions/meer/scan-2007-03.toml", ROUND_1),
        ("content/regions/meer/scan-2007-09.toml", ROUND_2),
    ]);
    let change = table_rows_after(&html, "id=\"m-scan-change\"");
    assert_eq!(
        change,
        [
            "Partner nulmeting (15 maart 2007) vervolgmeting (1 september 2007) verandering",
            "Doelen",
            "CWI Meerstad 2,5 3,0 +0,5",
            "UWV Meerstad 3,0 3,0 0,0",
            "Gemeente Meerstad 3,8 3,3 −0,5",
            "Loket",
            "CWI Meerstad 3,5 4,0 +0,5",
            "UWV Meerstad 2,0 2,5 +0,5",
            "Gemeente Meerstad 5,0 5,0 0,0",
        ]
    );
    let now = table_rows_after(&html, "class=\"mirror-table\"");
    assert_eq!(now[1..3], ["Doelen Spreiding 0,3", "CWI Meerstad 3,0 – –"]);
    assert_eq!(now[5..7], ["Loket Spreiding 2,5", "CWI Meerstad 4,0 – –"]);
    let choices = table_rows_after(&html, "id=\"m-scan-choices\"");
    assert_eq!(
        choices[1],
        "Welke vorm van loket? Integraal team Integraal team Ieder een eigen balie ≠ verschillend"
    );
    // The earlier round is listed, but "now" is the later one.
    // (text_of puts a space where each tag was, hence "2007 .")
    assert!(text_of(&html)
        .contains("‘Nu’ is de meest recente ronde: vervolgmeting, 1 september 2007 ."));
}

#[test]
fn an_english_site_uses_english_labels_and_decimal_points() {
    let html = region_page(&[
        (
            "site.toml",
            "title = \"Test mirror\"\nlanguage = \"en\"\nminify = false\n",
        ),
        ("content/regions/meer/scan-2007-03.toml", ROUND_1),
        ("content/regions/meer/scan-2007-09.toml", ROUND_2),
    ]);
    let text = text_of(&html);
    assert!(text.contains("The mirror"), "{text}");
    let change = table_rows_after(&html, "id=\"m-scan-change\"");
    assert_eq!(
        change[0],
        "Partner nulmeting (15 March 2007) vervolgmeting (1 September 2007) change"
    );
    assert_eq!(change[1..3], ["Doelen", "CWI Meerstad 2.5 3.0 +0.5"]);
    assert_eq!(change[4], "Gemeente Meerstad 3.8 3.3 −0.5");
    let choices = table_rows_after(&html, "id=\"m-scan-choices\"");
    assert!(choices[1].ends_with("≠ differ"), "{}", choices[1]);
    assert!(
        !html.contains("Spreiding"),
        "Dutch label on an English page"
    );
    assert!(!text.contains("2,5"), "Dutch decimal on an English page");
}

#[test]
fn a_theme_nobody_answered_shows_no_answer_instead_of_zero() {
    // Only doelen-1 answered: the loket theme has no mean for anyone.
    let html = region_page(&[(
        "content/regions/meer/scan.toml",
        "questionnaire = \"scan\"\ndate = 2007-03-15\n\n[[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 2 }\n\n[[responses]]\npartner = \"uwv\"\nanswers = { doelen-1 = 4 }\n",
    )]);
    let rows = table_rows_after(&html, "class=\"mirror-table\"");
    assert_eq!(rows[1..3], ["Doelen Spreiding 2,0", "CWI Meerstad 2,0 – –"]);
    assert_eq!(rows[4], "Gemeente Meerstad geen antwoord – –");
    assert_eq!(
        rows[5..7],
        ["Loket Spreiding –", "CWI Meerstad geen antwoord – –"]
    );
}

/// Halves that binary arithmetic leaves a hair below, and a choice a partner did not make.
///
/// ```text
/// doelen-1: cwi (1×1 + 3×2) / 4 = 7/4 = 1.75; uwv (9×1 + 1×2) / 10 = 11/10 = 1.1
///           spread 1.75 − 1.1 = 0.65 → 0,7 (the float is 0.6499999999999999)
///           cwi gap 2.4 − 1.75 = 0.65 → +0,7
/// loket-vorm: cwi and uwv integraal, gemeente nothing → not agreement: too few answers
/// ```
#[test]
fn halves_round_up_and_a_missing_choice_is_not_agreement() {
    let round = r#"questionnaire = "scan"
date = 2007-03-15

[[responses]]
partner = "cwi"
answers = { doelen-1 = 1, loket-vorm = "integraal" }

[[responses]]
partner = "cwi"
respondents = 3
answers = { doelen-1 = 2 }
desired = { doelen-1 = 2.4 }

[[responses]]
partner = "uwv"
respondents = 9
answers = { doelen-1 = 1, loket-vorm = "integraal" }

[[responses]]
partner = "uwv"
answers = { doelen-1 = 2 }

[[responses]]
partner = "gemeente"
answers = { loket-1 = 3 }
"#;
    let site = Site::base_with(&[("content/regions/meer/scan-2007-03.toml", round)]).build_ok();
    let html = site.read(REGION_PAGE);
    let rows = table_rows_after(&html, "class=\"mirror-table\"");
    assert_eq!(rows[1], "Doelen Spreiding 0,7");
    assert_eq!(rows[2], "CWI Meerstad 1,8 2,4 +0,7");
    assert_eq!(rows[3], "UWV Meerstad 1,1 – –");
    let choices = table_rows_after(&html, "id=\"m-scan-choices\"");
    assert_eq!(
        choices[1],
        "Welke vorm van loket? Integraal team Integraal team geen antwoord – te weinig antwoorden"
    );
    let csv = site.read("regio/meer/spiegel.csv");
    assert!(csv.contains(";CWI Meerstad;1,8;2,4;0,7;;0,7;;"), "{csv}");
}

/// With three rounds the change table has a column for each, so the first round's radar has
/// its figures in a table too; the change is still from the previous round to the latest.
#[test]
fn the_change_table_has_every_round() {
    let third = ROUND_2
        .replace("date = 2007-09-01", "date = 2008-03-01")
        .replace("round = \"vervolgmeting\"", "round = \"eindmeting\"")
        .replace("doelen-1 = 3, loket-1 = 4,", "doelen-1 = 4, loket-1 = 4,");
    let html = region_page(&[
        ("content/regions/meer/scan-2007-03.toml", ROUND_1),
        ("content/regions/meer/scan-2007-09.toml", ROUND_2),
        ("content/regions/meer/scan-2008-03.toml", &third),
    ]);
    let change = table_rows_after(&html, "id=\"m-scan-change\"");
    assert_eq!(
        change[0],
        "Partner nulmeting (15 maart 2007) vervolgmeting (1 september 2007) eindmeting (1 maart 2008) verandering"
    );
    // cwi doelen: 2,5 → 3,0 → 4,0; the change is 4,0 − 3,0.
    assert_eq!(change[1..3], ["Doelen", "CWI Meerstad 2,5 3,0 4,0 +1,0"]);
}

/// Partners that score every theme alike: the summary says so instead of naming a theme they
/// "differ most" on at 0,0, and the workshop suggestion proposes none.
#[test]
fn partners_that_agree_everywhere_get_no_difference_named() {
    let round = r#"questionnaire = "scan"
date = 2007-03-15

[[responses]]
partner = "cwi"
answers = { doelen-1 = 3, loket-1 = 4 }

[[responses]]
partner = "uwv"
answers = { doelen-1 = 3, loket-1 = 4 }

[[responses]]
partner = "gemeente"
answers = { doelen-1 = 3, loket-1 = 4 }
"#;
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", round)]);
    let text = text_of(&html);
    assert!(
        text.contains("De partners geven op elk thema (bijna) dezelfde score"),
        "{text}"
    );
    assert!(!text.contains("verschillen het meest over"), "{text}");
    assert!(
        text.contains("Geen: op geen enkel thema liggen de scores van de partners uit elkaar."),
        "{text}"
    );
    assert!(!html.contains("class=\"badge proposal\""), "{html}");
}

/// A partner whose respondents split evenly gets the option listed first in the
/// questionnaire (the method page says so), and its cell says it was a tie.
///
/// cwi: integraal 2, apart 2 → apart (listed first), tied with integraal.
#[test]
fn a_tied_choice_says_so() {
    let round = r#"questionnaire = "scan"
date = 2007-03-15

[[responses]]
partner = "cwi"
respondents = 2
answers = { loket-vorm = "integraal" }

[[responses]]
partner = "cwi"
respondents = 2
answers = { loket-vorm = "apart" }

[[responses]]
partner = "uwv"
answers = { loket-vorm = "integraal" }
"#;
    let html = region_page(&[("content/regions/meer/scan-2007-03.toml", round)]);
    let choices = table_rows_after(&html, "id=\"m-scan-choices\"");
    assert_eq!(
        choices[1],
        "Welke vorm van loket? Ieder een eigen balie (gelijke stand met Integraal team) Integraal team geen antwoord ≠ verschillend"
    );
}
