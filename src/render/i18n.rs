//! i18n: the UI's words in Dutch (the default) and English, and Dutch or English dates and
//! decimals. Templates get the whole table as `t`, so `{{ t.regions }}` is "Regio's" or
//! "Regions". URLs stay Dutch whatever the language.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::Language;
use crate::model::Date;

/// Every UI string: key, Dutch, English. Keys are stable; templates use them.
const STRINGS: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Naar de inhoud", "Skip to content"),
    ("main_navigation", "Hoofdnavigatie", "Main navigation"),
    ("breadcrumb", "Kruimelpad", "Breadcrumb"),
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
        "Gemiddelde score per partner en thema: nu, gewenst en het verschil daartussen (berekend vóór het afronden). Schaal",
        "Mean score per partner and theme: now, desired and the gap between them (computed before rounding). Scale",
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
    ("too_few_answers", "te weinig antwoorden", "too few answers"),
    (
        "radar_left_out",
        "Niet in de radar, want niet elke partner beantwoordde de vragen erover (ze staan in de tabel): {themes}.",
        "Not in the radar, because not every partner answered their questions (they are in the table): {themes}.",
    ),
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
        "Gemiddelde score per partner en thema in elke ronde, en de verandering van de vorige naar de laatste ronde (berekend vóór het afronden)",
        "Mean score per partner and theme in every round, and the change from the previous to the latest round (computed before rounding)",
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
    ("notes_by_year", "Notities per jaar", "Notes by year"),
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
    // ---- charts, divergences, downloads (issue 3) ----
    ("download.all", "alle", "all"),
    ("download.theme", "thema", "theme"),
    ("download.question", "vraag", "question"),
    ("download.choice", "keuze", "choice"),
    ("download.yes", "ja", "yes"),
    ("download.no", "nee", "no"),
    ("charts_rounds", "Beeld per ronde", "Picture per round"),
    (
        "charts_rounds_intro",
        "Elke lijn is een partner; het midden is de laagste score, de rand de hoogste.",
        "Each line is a partner; the centre is the lowest score, the rim the highest.",
    ),
    ("legend", "Legenda", "Legend"),
    ("now_vs_desired", "Nu en gewenst", "Now and desired"),
    (
        "figures_in_table",
        "De cijfers staan in de tabel",
        "The figures are in the table",
    ),
    ("questions_by_spread", "Vragen met de meeste spreiding", "Questions with the largest spread"),
    ("proposals", "Voorstel: agendapunten voor de workshop", "Suggestion: agenda points for the workshop"),
    (
        "proposals_intro",
        "Een voorstel van de spiegel, geen afspraak: de drie thema's waarover de partners het minst eens zijn.",
        "A suggestion from the mirror, not an agreement: the three themes the partners agree on least.",
    ),
    (
        "proposals_none",
        "Geen: op geen enkel thema liggen de scores van de partners uit elkaar.",
        "None: on no theme are the partners' scores apart.",
    ),
    ("choice_tie", "gelijke stand met {options}", "tied with {options}"),
    ("proposal", "voorstel", "suggestion"),
    ("start_with_question", "Begin bij de vraag", "Start with the question"),
    ("already_on_agenda", "Staat al op de agenda", "Already on the agenda"),
    ("not_on_agenda", "Nog niet op de agenda", "Not on the agenda yet"),
    ("agreed_agenda", "Afgesproken agenda", "Agreed agenda"),
    ("downloads", "Cijfers downloaden", "Download the figures"),
    ("download_csv", "CSV (Excel)", "CSV (Excel)"),
    ("download_json", "JSON", "JSON"),
    (
        "download_intro",
        "Dezelfde cijfers als op deze pagina, afgerond op één decimaal.",
        "The same figures as on this page, rounded to one decimal.",
    ),
    ("scores_by_region", "Scores per regio", "Scores by region"),
    (
        "scores_by_region_caption",
        "Gemiddelde per partner in de meest recente ronde en de spreiding tussen partners",
        "Mean per partner in the latest round and the spread between partners",
    ),
    ("latest_round", "Meest recente ronde", "Latest round"),
    // ---- end charts, divergences, downloads ----
    // ---- compare regions and national overview (issue 3) ----
    ("compare", "Vergelijken", "Compare"),
    ("compare_title", "Regio's vergelijken", "Compare regions"),
    (
        "compare_intro",
        "Per regio en thema het gemiddelde over de partners (het gewone gemiddelde van de themagemiddelden van de partners die antwoordden) en de spreiding tussen de partners, uit de meest recente ronde van elke regio. Het landelijk gemiddelde is het gemiddelde van de regiogemiddelden: elke regio telt één keer mee, hoe groot ze ook is.",
        "Per region and theme the mean over the partners (the plain mean of the theme means of the partners that answered) and the spread between the partners, from each region's latest round. The national mean is the mean of the region means: each region counts once, whatever its size.",
    ),
    ("compare_pick_title", "Regio's naast elkaar", "Regions side by side"),
    (
        "compare_pick_legend",
        "Kies 2 tot {max} regio's",
        "Pick 2 to {max} regions",
    ),
    (
        "compare_pick_help",
        "De keuze staat in het adres van de pagina, zodat u de vergelijking kunt delen.",
        "The choice is kept in the page address, so you can share the comparison.",
    ),
    (
        "compare_noscript",
        "Regio's naast elkaar zetten vraagt JavaScript; alle cijfers staan ook in de tabellen hieronder.",
        "Putting regions side by side needs JavaScript; every figure is also in the tables below.",
    ),
    ("compare_pick_more", "Kies minstens twee regio's om ze naast elkaar te zien.", "Pick at least two regions to see them side by side."),
    ("compare_picked", "{n} van maximaal {max} regio's gekozen.", "{n} of at most {max} regions picked."),
    ("compare_table_title", "Alle regio's per thema", "All regions per theme"),
    (
        "compare_table_caption",
        "Gemiddelde over de partners (gem.) en spreiding tussen de partners (spr.) per regio en thema. Schaal",
        "Mean over the partners (mean) and spread between the partners (spread) per region and theme. Scale",
    ),
    ("compare_sort_help", "Klik op een kolomkop om op die kolom te sorteren.", "Click a column heading to sort by that column."),
    ("compare_mean_short", "gem.", "mean"),
    ("compare_spread_short", "spr.", "spread"),
    ("compare_heatmap_title", "Heatmap van de gemiddelden", "Heatmap of the means"),
    (
        "compare_heatmap_caption",
        "Gemiddelde over de partners per regio en thema; hoe donkerder de cel, hoe hoger de score. Schaal",
        "Mean over the partners per region and theme; the darker the cell, the higher the score. Scale",
    ),
    ("compare_legend", "Legenda", "Legend"),
    ("compare_national", "Landelijk gemiddelde", "National mean"),
    ("compare_round_date", "Meting", "Measured"),
    (
        "compare_summary",
        "Het landelijk gemiddelde is het hoogst bij {high} ({high_value}; {high_regions}) en het laagst bij {low} ({low_value}; {low_regions}).",
        "The national mean is highest on {high} ({high_value}, over {high_regions}) and lowest on {low} ({low_value}, over {low_regions}).",
    ),
    ("compare_summary_empty", "Nog geen regio heeft scores.", "No region has scores yet."),
    ("compare_without_results", "Nog zonder resultaten", "No results yet"),
    ("compare_chart_title", "Gemiddelde per thema", "Mean per theme"),
    (
        "compare_chart_summary",
        "Het grootste verschil tussen de gekozen regio's is er bij {theme}: van {low} ({low_region}) tot {high} ({high_region}).",
        "The picked regions differ most on {theme}: from {low} ({low_region}) to {high} ({high_region}).",
    ),
    (
        "compare_chart_summary_empty",
        "De gekozen regio's hebben geen scores op dezelfde thema's.",
        "The picked regions have no scores on the same themes.",
    ),
    (
        "compare_side_caption",
        "Gemiddelde over de partners en spreiding per thema voor de gekozen regio's, met het landelijk gemiddelde. Schaal",
        "Mean over the partners and spread per theme for the picked regions, with the national mean. Scale",
    ),
    ("compare_no_figure", "geen antwoord", "no answer"),
    ("national", "Landelijk", "National"),
    ("national_scale", "Schaal", "Scale"),
    ("national_title", "Landelijk overzicht", "National overview"),
    (
        "national_intro",
        "Wat de regio's samen laten zien: waar ze staan in het Ketenspiegel-proces, wat ze nodig hebben, hoe de agenda's vorderen en waar de partners het over het hele land het minst over eens zijn.",
        "What the regions show together: where they are in the Ketenspiegel process, what they need, how the agendas progress and where partners across the country agree least.",
    ),
    ("national_downloads", "Download de cijfers van deze pagina", "Download the figures on this page"),
    (
        "national_downloads_help",
        "CSV voor Excel (puntkomma, decimale komma) of JSON; dezelfde cijfers als op deze pagina, afgerond op één decimaal.",
        "CSV (commas between fields, a decimal point) or JSON; the same figures as on this page, rounded to one decimal.",
    ),
    ("national_stages_title", "Regio's per fase", "Regions by stage"),
    ("national_region_count", "Aantal regio's", "Number of regions"),
    (
        "national_stages_summary",
        "Van de {regions} regio's zitten er de meeste ({count}) in de fase {stage}.",
        "Of the {regions} regions, most ({count}) are in the {stage} stage.",
    ),
    ("national_no_regions", "Er zijn nog geen regio's.", "There are no regions yet."),
    ("national_needs_title", "Wat de regio's nodig hebben", "What the regions need"),
    ("national_wishes", "Verbeterwensen", "Improvement wishes"),
    ("national_wish_regions", "Regio's met een wens", "Regions with a wish"),
    ("national_agenda_points", "Agendapunten", "Agenda points"),
    (
        "national_needs_caption",
        "Verbeterwensen en agendapunten per thema over alle regio's, meeste wensen eerst. Een wens of agendapunt over meer thema's telt bij elk thema.",
        "Improvement wishes and agenda points per theme over all regions, most wishes first. A wish or agenda point on several themes counts for each.",
    ),
    (
        "national_needs_summary",
        "De regio's wensen het vaakst verbetering bij {theme}: {wishes} wensen uit {regions} regio's.",
        "The regions most often wish for improvement on {theme}: {wishes} wishes from {regions} regions.",
    ),
    ("national_needs_none", "Er zijn nog geen verbeterwensen.", "There are no improvement wishes yet."),
    ("national_agenda_title", "Agendapunten per status", "Agenda points by status"),
    ("national_count", "Aantal", "Count"),
    ("national_total", "Totaal", "Total"),
    (
        "national_agenda_summary",
        "Van de {total} agendapunten zijn er {gereed} gereed, {bezig} bezig, {open} open en {vervallen} vervallen; {overdue} zijn over tijd.",
        "Of the {total} agenda points, {gereed} are done, {bezig} in progress, {open} open and {vervallen} dropped; {overdue} are overdue.",
    ),
    ("national_agenda_none", "Er zijn nog geen agendapunten.", "There are no agenda points yet."),
    ("national_overdue_title", "Agendapunten over tijd", "Overdue agenda points"),
    ("national_on_date", "peildatum", "as of"),
    (
        "national_overdue_help",
        "Open of bezig, met een datum vóór de peildatum.",
        "Open or in progress, with a due date before the reference date.",
    ),
    ("national_overdue_none", "Geen agendapunten over tijd.", "No overdue agenda points."),
    ("national_scores_title", "Landelijk gemiddelde en spreiding over de regio's", "National mean and distribution over the regions"),
    (
        "national_scores_intro",
        "Per thema het landelijk gemiddelde (het gemiddelde van de regiogemiddelden, elke regio telt één keer) en hoe de regiogemiddelden verdeeld zijn: laagste, kwartielen (zoals KWARTIEL.INC in Excel), mediaan en hoogste.",
        "Per theme the national mean (the mean of the region means, each region counted once) and how the region means are distributed: lowest, quartiles (as QUARTILE.INC in Excel), median and highest.",
    ),
    ("national_mean", "Landelijk gemiddelde", "National mean"),
    ("national_min", "Laagste", "Lowest"),
    ("national_q1", "Eerste kwartiel", "First quartile"),
    ("national_median", "Mediaan", "Median"),
    ("national_q3", "Derde kwartiel", "Third quartile"),
    ("national_max", "Hoogste", "Highest"),
    ("national_distribution", "Verdeling", "Distribution"),
    (
        "national_box_legend",
        "Lijn: laagste tot hoogste regio; blok: eerste tot derde kwartiel; dikke streep: mediaan; ruit: landelijk gemiddelde.",
        "Line: lowest to highest region; box: first to third quartile; thick bar: median; diamond: national mean.",
    ),
    (
        "national_box_label",
        "{theme}: laagste {min}, kwartielen {q1} tot {q3}, mediaan {median}, hoogste {max}, gemiddelde {mean}",
        "{theme}: lowest {min}, quartiles {q1} to {q3}, median {median}, highest {max}, mean {mean}",
    ),
    (
        "national_scores_summary",
        "Landelijk scoren de regio's het hoogst op {high} ({high_value}) en het laagst op {low} ({low_value}).",
        "Nationally the regions score highest on {high} ({high_value}) and lowest on {low} ({low_value}).",
    ),
    ("national_no_scores", "Nog geen scores.", "No scores yet."),
    ("national_disagreement_title", "Waar de partners het landelijk het meest verschillen", "Where partners differ most across the country"),
    (
        "national_disagreement_intro",
        "Per thema de gemiddelde spreiding tussen de partners (hoogste min laagste partnergemiddelde) over de regio's, elke regio één keer. De balk loopt tot de grootst mogelijke spreiding op de schaal.",
        "Per theme the mean spread between the partners (highest minus lowest partner mean) over the regions, each region once. The bar runs to the largest spread the scale allows.",
    ),
    ("national_mean_spread", "Gemiddelde spreiding", "Mean spread"),
    ("national_widest", "Grootste spreiding", "Largest spread"),
    ("national_widest_region", "Regio met de grootste spreiding", "Region with the largest spread"),
    (
        "national_disagreement_summary",
        "Over het hele land verschillen de partners het meest over {theme} (gemiddelde spreiding {spread} over {regions} regio's).",
        "Across the country partners differ most on {theme} (mean spread {spread} over {regions} regions).",
    ),
    ("national_disagreement_zero", "Over het hele land geven de partners op elk thema (bijna) dezelfde score: de gemiddelde spreiding is overal 0,0.", "Across the country the partners give (nearly) the same score on every theme: the mean spread is 0.0 throughout."),
    ("national_disagreement_none", "Nog geen spreiding: daarvoor moeten in een regio minstens twee partners antwoorden.", "No spread yet: that needs at least two partners answering in a region."),
    // ---- practices, matching, search, feed (issue 4) ----
    ("practices_intro", "Voorbeelden uit de regio's: wat er gebeurt, waar, wat het opleverde en wat er te leren viel. Ook praktijken die gestopt zijn staan hier, om hun lessen.", "Examples from the regions: what is done, where, what it achieved and what was learned. Practices that stopped are listed too, for their lessons."),
    ("practices_count", "praktijken", "practices"),
    ("view_by", "Bekijk per", "View by"),
    ("by_status", "Per status", "By status"),
    ("by_theme", "Per thema", "By theme"),
    ("by_region", "Per regio", "By region"),
    ("practices_no_region", "Zonder regio", "No region"),
    ("filter", "Filteren", "Filter"),
    ("filter_all_themes", "alle thema's", "all themes"),
    ("filter_all_statuses", "alle statussen", "all statuses"),
    ("filter_all_regions", "alle regio's", "all regions"),
    ("filter_reset", "Alles tonen", "Show all"),
    ("filter_count", "{n} van {total} praktijken getoond", "{n} of {total} practices shown"),
    ("filter_none", "Geen praktijk past bij dit filter.", "No practice fits this filter."),
    ("match_wish", "wens", "wish"),
    ("match_agenda", "agendapunt", "agenda point"),
    ("matched_practices", "Goede praktijken voor deze regio", "Good practices for this region"),
    ("matched_intro", "Praktijken die een thema delen met een wens of een open agendapunt van deze regio. Structurele praktijken en pilots staan voor ideeën.", "Practices that share a theme with a wish or an open agenda point of this region. Established practices and pilots come before ideas."),
    ("matched_because", "Past bij", "Matches"),
    ("matched_none", "Nog geen goede praktijk die bij de wensen of open agendapunten van deze regio past.", "No good practice answers this region's wishes or open agenda points yet."),
    ("own_practice", "eigen praktijk", "own practice"),
    ("own_region", "eigen regio", "own region"),
    ("stopped_lessons", "Gestopt, maar leerzaam", "Stopped, but worth learning from"),
    ("stopped_lessons_intro", "Deze praktijken raken dezelfde wensen maar zijn gestopt; lees ze om hun lessen.", "These practices touch the same wishes but stopped; read them for their lessons."),
    ("similar_regions", "Regio's zoals wij", "Regions like ours"),
    ("similar_intro", "De regio's waarvan de scores in de laatste Quick Scan en de wensen het meest op die van deze regio lijken.", "The regions whose latest Quick Scan scores and wishes are most like this region's."),
    ("similar_none", "Nog geen regio die genoeg op deze lijkt.", "No region is alike enough yet."),
    ("similar_scores_on", "vergelijkbare scores op", "similar scores on"),
    ("similar_scores_apart", "scores gemiddeld {d} punt uit elkaar over {n} thema's", "scores on average {d} points apart over {n} themes"),
    ("similar_same_wish", "dezelfde wens", "the same wish"),
    ("similar_same_wishes", "dezelfde wensen", "the same wishes"),
    ("and_word", "en", "and"),
    ("wanted_by", "Regio's die dit zoeken", "Regions that want this"),
    ("wanted_by_intro", "Regio's met een wens of open agendapunt op een thema van deze praktijk.", "Regions with a wish or open agenda point on a theme of this practice."),
    ("more_practices", "Nog {n} praktijken die aansluiten", "{n} more matching practices"),
    ("more_lessons", "Nog {n} gestopte praktijken op dezelfde thema's", "{n} more stopped practices on the same themes"),
    ("more_regions", "Nog {n} regio's die dit zoeken", "{n} more regions that want this"),
    ("more_unlisted_practices", "… en nog {n} andere: zie alle praktijken", "… and {n} others: see all practices"),
    ("more_unlisted_regions", "… en nog {n} andere: zie alle regio's", "… and {n} others: see all regions"),
    ("wanted_by_none", "Geen regio heeft op dit moment een wens of open agendapunt op deze thema's.", "No region currently has a wish or open agenda point on these themes."),
    ("search", "Zoeken", "Search"),
    ("search_site", "Zoek op de site", "Search the site"),
    ("search_label", "Zoek in notities, praktijken, regio's, thema's en pagina's", "Search notes, practices, regions, themes and pages"),
    ("search_help", "Hoofdletters en accenten tellen niet mee, woorden mogen half getypt zijn, en veelvoorkomende woorden als ‘de’ en ‘het’ worden overgeslagen. Met de pijltjestoetsen loop je door de resultaten; Enter opent er een.", "Case and accents do not matter, words may be partly typed, and common words such as ‘de’ and ‘het’ are skipped. Use the arrow keys to move through the results; Enter opens one."),
    ("search_needs_js", "Zoeken werkt met JavaScript, en dat staat in deze browser uit. Zonder JavaScript vind je alles via de overzichten:", "Search needs JavaScript, which is off in this browser. Without it, everything is in the overviews:"),
    ("search_no_index", "De zoekindex kon niet worden geladen.", "The search index could not be loaded."),
    ("search_prompt", "Typ een woord om te zoeken.", "Type a word to search."),
    ("search_none", "Geen resultaten voor", "No results for"),
    ("search_one", "1 resultaat", "1 result"),
    ("search_many", "{n} resultaten", "{n} results"),
    ("search_shown", "de eerste {n} staan hieronder", "the first {n} are shown below"),
    ("search_kind_page", "Pagina", "Page"),
    ("feed", "Atom-feed", "Atom feed"),
    // ---- end issue 4 ----
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
    // Called for every label of every list item on every page: a hash lookup, not a scan.
    static BY_KEY: std::sync::OnceLock<std::collections::HashMap<&str, (&str, &str)>> =
        std::sync::OnceLock::new();
    let by_key = BY_KEY.get_or_init(|| {
        // The first entry of a key wins, as the scan this replaced found it.
        let mut map = std::collections::HashMap::with_capacity(STRINGS.len());
        for (k, nl, en) in STRINGS {
            map.entry(*k).or_insert((*nl, *en));
        }
        map
    });
    by_key
        .get(key)
        .map(|(nl, en)| match language {
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
    let mut text = String::with_capacity(8);
    push_decimal(&mut text, language, value);
    text
}

/// [`decimal`], appended to `out`.
pub fn push_decimal(out: &mut String, language: Language, value: f64) {
    let mark = match language {
        Language::Nl => ',',
        Language::En => '.',
    };
    // Whole tenths are written from the integer: the same text as `format!("{:.1}")` of the
    // rounded value, without the float formatter's slow exact path (every figure on every
    // region page and download comes through here).
    if let Some(tenths) = tenths(value) {
        if tenths < 0 {
            out.push('-');
        }
        let magnitude = tenths.unsigned_abs();
        let whole = magnitude / 10;
        if whole < 10 {
            // Nearly every figure is a score or a spread: one digit before the mark.
            out.push(char::from(b'0' + whole as u8));
        } else {
            let _ = write!(out, "{whole}");
        }
        out.push(mark);
        out.push(char::from(b'0' + (magnitude % 10) as u8));
        return;
    }
    // Not a number, an infinity, or too large for whole tenths in an integer.
    let text = format!("{:.1}", (value * 10.0).round() / 10.0);
    out.push_str(&text.replace('.', &mark.to_string()));
}

/// A value rounded to a whole number of tenths (halves away from zero), when it is a finite
/// number small enough to count them exactly.
///
/// The value is first taken to nine decimals: figures are means and differences of scores
/// given to a decimal or two, and binary arithmetic leaves them a hair off the decimal
/// result (1.75 − 1.1 is 0.6499999999999999), which would otherwise turn a half the editor
/// can compute by hand (0,65 → 0,7) into the wrong tenth.
pub fn tenths(value: f64) -> Option<i64> {
    // Below 9·10^6, value·10^9 is below 2^53, where every whole number is exact in an f64.
    if value.is_finite() && value.abs() < 9.0e6 {
        let billionths = (value * 1e9).round() as i64;
        let half = if billionths < 0 {
            -50_000_000
        } else {
            50_000_000
        };
        // Integer division truncates towards zero, so adding the half first rounds halves
        // away from zero.
        return Some((billionths + half) / 100_000_000);
    }
    let scaled = (value * 10.0).round();
    (scaled.is_finite() && scaled.abs() < 9.0e15).then_some(scaled as i64)
}

/// Whether `value` reads 0,0 once rounded for display: a spread, gap or change the page
/// shows as none, which no sentence should name as a difference.
pub fn shows_as_zero(value: f64) -> bool {
    tenths(value) == Some(0)
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
    fn decimals_match_the_float_formatter() {
        // The integer path must give exactly what `format!("{:.1}")` of the rounded value
        // gives, including halves, negatives, large values and what is not a number.
        let reference = |v: f64| {
            let v = if v.abs() < 9.0e6 {
                (v * 1e9).round() / 1e9
            } else {
                v
            };
            let rounded = (v * 10.0).round() / 10.0;
            let rounded = if rounded == 0.0 { 0.0 } else { rounded };
            format!("{rounded:.1}")
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            -0.05,
            0.25,
            2.75,
            -2.75,
            1e14 + 0.25,
            -98765.4321,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
        ];
        values.extend((-20_000..20_000).map(|i| f64::from(i) / 997.0));
        values.extend((1..200).map(|i| f64::from(i) * 0.05));
        for v in values {
            assert_eq!(decimal(Language::En, v), reference(v), "{v}");
            assert_eq!(
                decimal(Language::Nl, v),
                reference(v).replace('.', ","),
                "{v}"
            );
        }
    }

    #[test]
    fn dutch_decimals_use_a_comma() {
        assert_eq!(decimal(Language::Nl, 2.66), "2,7");
        assert_eq!(decimal(Language::En, 2.66), "2.7");
        assert_eq!(decimal(Language::Nl, -0.04), "0,0");
        assert_eq!(decimal(Language::Nl, 2.25), "2,3");
    }

    #[test]
    fn halves_left_a_hair_off_by_binary_arithmetic_round_as_by_hand() {
        // 1,75 − 1,1 = 0,65 → 0,7 (the float is 0.6499999999999999).
        assert_eq!(decimal(Language::Nl, 1.75 - 1.1), "0,7");
        // (1,2 + 1,9) / 2 = 1,55 → 1,6 (the float is 1.5499999999999998).
        assert_eq!(decimal(Language::Nl, (1.2 + 1.9) / 2.0), "1,6");
        assert_eq!(decimal(Language::Nl, 1.1 - 1.75), "-0,7");
        assert_eq!(signed_decimal(Language::Nl, 1.1 - 1.75), "−0,7");
        // Just below a half, by more than float noise, still rounds down.
        assert_eq!(decimal(Language::Nl, 0.6499), "0,6");
        assert_eq!(tenths(1.75 - 1.1), Some(7));
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
