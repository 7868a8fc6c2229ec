//! i18n: the UI's words in Dutch (the default) and English, and Dutch or English dates and
//! decimals. Templates get the whole table as `t`, so `{{ t.regions }}` is "Regio's" or
//! "Regions". URLs stay Dutch whatever the language.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::model::Date;

/// Every UI string: key, Dutch, English. Keys are stable; templates use them.
const STRINGS: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Naar de inhoud", "Skip to content"),
    ("main_navigation", "Hoofdnavigatie", "Main navigation"),
    ("home", "Start", "Home"),
    ("regions", "Regio's", "Regions"),
    ("region", "Regio", "Region"),
    ("notes", "Notities", "Notes"),
    ("note", "Notitie", "Note"),
    ("practices", "Goede praktijken", "Good practices"),
    ("practice", "Goede praktijk", "Good practice"),
    ("themes", "Thema's", "Themes"),
    ("theme", "Thema", "Theme"),
    ("method", "Zo werkt de spiegel", "How the mirror works"),
    ("latest_notes", "Laatste notities", "Latest notes"),
    ("regions_by_stage", "Regio's per fase", "Regions by stage"),
    (
        "most_wished_themes",
        "Meest gewenste thema's",
        "Most wished-for themes",
    ),
    ("wishes_count", "wensen", "wishes"),
    ("all_notes", "Alle notities", "All notes"),
    ("all_regions", "Alle regio's", "All regions"),
    ("profile", "Profiel", "Profile"),
    ("kind", "Soort", "Kind"),
    ("province", "Provincie", "Province"),
    ("bvg", "Bedrijfsverzamelgebouw", "Shared office building"),
    ("stage", "Fase", "Stage"),
    ("partners", "Partners", "Partners"),
    ("partner", "Partner", "Partner"),
    ("mirror", "De spiegel", "The mirror"),
    (
        "no_results",
        "Voor deze regio zijn nog geen resultaten van de Quick Scan.",
        "This region has no Quick Scan results yet.",
    ),
    ("round", "Ronde", "Round"),
    ("rounds", "Rondes", "Rounds"),
    (
        "now_is_round",
        "‘Nu’ is de meest recente ronde",
        "‘Now’ is the latest round",
    ),
    ("now", "nu", "now"),
    ("desired", "gewenst", "desired"),
    ("gap", "verschil", "gap"),
    ("spread", "Spreiding", "Spread"),
    ("no_answer", "geen antwoord", "no answer"),
    ("scores_per_theme", "Scores per thema", "Scores per theme"),
    (
        "scores_caption",
        "Gemiddelde score per partner en thema: nu, gewenst en het verschil daartussen. Schaal",
        "Mean score per partner and theme: now, desired and the gap between them. Scale",
    ),
    (
        "themes_by_spread",
        "Waar de partners het meest verschillen",
        "Where the partners differ most",
    ),
    (
        "themes_by_spread_intro",
        "Thema's van grote naar kleine spreiding (hoogste min laagste partnergemiddelde).",
        "Themes from large to small spread (highest minus lowest partner mean).",
    ),
    (
        "choices",
        "Keuzevragen naast elkaar",
        "Choice questions side by side",
    ),
    ("question", "Vraag", "Question"),
    ("agreement", "Overeenstemming", "Agreement"),
    ("agrees", "eens", "agree"),
    ("differs", "verschillend", "differ"),
    (
        "roles_view",
        "Management en medewerkers",
        "Management and employees",
    ),
    (
        "roles_caption",
        "Gemiddelde score nu per partner, thema en rol",
        "Mean score now per partner, theme and role",
    ),
    (
        "change",
        "Verandering tussen rondes",
        "Change between rounds",
    ),
    (
        "change_caption",
        "Gemiddelde score per partner en thema in de vorige en de laatste ronde",
        "Mean score per partner and theme in the previous and the latest round",
    ),
    ("previous", "vorige", "previous"),
    ("latest", "laatste", "latest"),
    ("difference", "verandering", "change"),
    ("wishes", "Verbeterwensen", "Improvement wishes"),
    ("agenda", "Agenda", "Agenda"),
    ("agenda_point", "Agendapunt", "Agenda point"),
    ("owner", "Eigenaar", "Owner"),
    ("due", "Gereed op", "Due"),
    ("status", "Status", "Status"),
    ("overdue", "over tijd", "overdue"),
    ("milestones", "Mijlpalen", "Milestones"),
    ("date", "Datum", "Date"),
    (
        "notes_about_region",
        "Notities over deze regio",
        "Notes about this region",
    ),
    ("none_yet", "Nog niets.", "Nothing yet."),
    ("participants", "Deelnemers", "Participants"),
    (
        "refers_to_practices",
        "Goede praktijken in deze notitie",
        "Good practices in this note",
    ),
    ("contents", "Inhoud", "Contents"),
    ("site", "Waar", "Where"),
    ("since", "Sinds", "Since"),
    ("results", "Resultaten", "Results"),
    ("lessons", "Lessen", "Lessons"),
    ("contact", "Contact", "Contact"),
    (
        "notes_about_practice",
        "Notities over deze praktijk",
        "Notes about this practice",
    ),
    ("questions", "Vragen", "Questions"),
    ("scale_question", "schaalvraag", "scale question"),
    ("choice_question", "keuzevraag", "choice question"),
    (
        "practices_on_theme",
        "Goede praktijken over dit thema",
        "Good practices on this theme",
    ),
    (
        "wishes_on_theme",
        "Wensen over dit thema",
        "Wishes on this theme",
    ),
    (
        "agenda_on_theme",
        "Agendapunten over dit thema",
        "Agenda points on this theme",
    ),
    (
        "notes_on_theme",
        "Notities over dit thema",
        "Notes on this theme",
    ),
    ("example_data", "voorbeelddata", "example data"),
    ("footer", "Gemaakt met spiegel", "Made with spiegel"),
    ("stage.orientatie", "Oriëntatie", "Orientation"),
    ("stage.quickscan", "Quick Scan", "Quick Scan"),
    ("stage.workshops", "Workshops", "Workshops"),
    ("stage.agenda", "Agenda", "Agenda"),
    ("stage.begeleiding", "Begeleiding", "Support"),
    ("stage.afgerond", "Afgerond", "Completed"),
    ("status.open", "open", "open"),
    ("status.bezig", "bezig", "in progress"),
    ("status.gereed", "gereed", "done"),
    ("status.vervallen", "vervallen", "dropped"),
    ("practice.idee", "idee", "idea"),
    ("practice.pilot", "pilot", "pilot"),
    ("practice.structureel", "structureel", "established"),
    ("practice.gestopt", "gestopt", "stopped"),
    ("notekind.interview", "interview", "interview"),
    ("notekind.werkbezoek", "werkbezoek", "working visit"),
    ("notekind.workshop", "workshop", "workshop"),
    ("notekind.verslag", "verslag", "report"),
    // ---- serve (preview server, issue 5): shown only by `spiegel serve`, never in a build ----
    (
        "serve.error_title",
        "De site heeft fouten: u ziet de laatste goede versie",
        "The site has errors: you are seeing the last good version",
    ),
    (
        "serve.error_help",
        "Herstel het bestand en sla het op; deze melding verdwijnt dan vanzelf.",
        "Fix the file and save it; this message then goes away by itself.",
    ),
    ("serve.error_hide", "Verbergen", "Hide"),
    (
        "serve.not_found_title",
        "Pagina niet gevonden",
        "Page not found",
    ),
    (
        "serve.not_found_text",
        "Deze pagina bestaat (nog) niet in de site.",
        "This page does not exist in the site (yet).",
    ),
    ("serve.to_home", "Naar de startpagina", "To the home page"),
];

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The UI strings of one language, by key. Dots in keys become underscores so templates can
/// write `t.stage_orientatie`.
pub fn strings(language: Language) -> BTreeMap<String, &'static str> {
    STRINGS
        .iter()
        .map(|(key, nl, en)| {
            let text = match language {
                Language::Nl => *nl,
                Language::En => *en,
            };
            (key.replace('.', "_"), text)
        })
        .collect()
}

/// One UI string; unknown keys come back as the key itself, so a missing translation shows
/// rather than breaking the page.
pub fn text(language: Language, key: &str) -> &str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, nl, en)| match language {
            Language::Nl => *nl,
            Language::En => *en,
        })
        .unwrap_or(key)
}

/// "3 maart 2007" or "3 March 2007".
pub fn date(language: Language, date: Date) -> String {
    let months = match language {
        Language::Nl => &MONTHS_NL,
        Language::En => &MONTHS_EN,
    };
    let month = months[usize::from(date.month.clamp(1, 12)) - 1];
    format!("{} {} {}", date.day, month, date.year)
}

/// A figure to one decimal: "2,7" in Dutch, "2.7" in English. Never "-0,0".
pub fn decimal(language: Language, value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.1}");
    match language {
        Language::Nl => text.replace('.', ","),
        Language::En => text,
    }
}

/// A signed change to one decimal: "+0,5", "−0,3" (a real minus sign), "0,0".
pub fn signed_decimal(language: Language, value: f64) -> String {
    let text = decimal(language, value);
    if text.starts_with('-') {
        text.replacen('-', "−", 1)
    } else if text.chars().all(|c| c == '0' || c == ',' || c == '.') {
        text
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_dates_are_written_out() {
        let d = Date::new(2007, 3, 3).unwrap();
        assert_eq!(date(Language::Nl, d), "3 maart 2007");
        assert_eq!(date(Language::En, d), "3 March 2007");
    }

    #[test]
    fn dutch_decimals_use_a_comma() {
        assert_eq!(decimal(Language::Nl, 2.66), "2,7");
        assert_eq!(decimal(Language::En, 2.66), "2.7");
        assert_eq!(decimal(Language::Nl, -0.04), "0,0");
        assert_eq!(decimal(Language::Nl, 2.25), "2,3");
    }

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(signed_decimal(Language::Nl, 0.5), "+0,5");
        assert_eq!(signed_decimal(Language::Nl, -0.25), "−0,3");
        assert_eq!(signed_decimal(Language::Nl, 0.01), "0,0");
    }

    #[test]
    fn every_key_is_unique() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }
}
