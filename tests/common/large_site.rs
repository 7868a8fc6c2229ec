//! A generated fixture site larger than the example, for checks that should see many pages
//! of every type. Included with `#[path]` by the tests that use it.

use std::path::Path;

/// A larger site than the example: `regions` regions (two results rounds for most, none for
/// some), `notes` notes spread over them, a practice per region, three free pages, a
/// questionnaire with five themes and a choice question. Deterministic.
pub fn write(root: &Path, notes: usize, regions: usize) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let themes = [
        "doelen",
        "loket",
        "dubbel",
        "communicatie",
        "klantgerichtheid",
    ];
    let mut q = String::from(
        "title = \"Quick Scan\"\nscale = { min = 1, max = 5, labels = [\"helemaal oneens\", \"oneens\", \"neutraal\", \"eens\", \"helemaal eens\"] }\nroles = [\"management\", \"medewerkers\"]\n",
    );
    for t in themes {
        q.push_str(&format!(
            "\n[[themes]]\nid = \"{t}\"\ntitle = \"Thema {t}\"\ndescription = \"Over {t}.\"\n"
        ));
        for i in 1..=2 {
            q.push_str(&format!(
                "\n[[questions]]\nid = \"{t}-{i}\"\ntheme = \"{t}\"\ntext = \"Stelling {i} over {t}.\"\n"
            ));
        }
    }
    q.push_str("\n[[questions]]\nid = \"loket-vorm\"\ntheme = \"loket\"\ntype = \"choice\"\ntext = \"Welke frontoffice?\"\noptions = [{ id = \"apart\", label = \"Apart\" }, { id = \"gedeeld\", label = \"Gedeeld\" }, { id = \"integraal\", label = \"Integraal\" }]\n");
    write("content/questionnaires/quickscan.toml", &q);
    write(
        "site.toml",
        "title = \"Grote spiegel\"\ndescription = \"Testsite met veel regio's\"\nminify = false\n",
    );
    write(
        "content/_index.md",
        "+++\ntitle = \"Grote spiegel\"\n+++\nWelkom. Zie [de werkwijze](@/pages/werkwijze.md).\n",
    );
    let stages = [
        "orientatie",
        "quickscan",
        "workshops",
        "agenda",
        "begeleiding",
        "afgerond",
    ];
    let mut seed: u64 = 42;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let slugs: Vec<String> = (0..regions).map(|r| format!("regio-{r:02}")).collect();
    for (r, slug) in slugs.iter().enumerate() {
        let mut profile = format!(
            "+++\nname = \"Regio {r}\"\nkind = \"REKO-regio\"\nprovince = \"Provincie {}\"\nbvg = [\"Plaats {r}\"]\nstage = \"{}\"\npartners = [\n  {{ id = \"cwi\", name = \"CWI {r}\", kind = \"cwi\" }},\n  {{ id = \"uwv\", name = \"UWV {r}\", kind = \"uwv\" }},\n  {{ id = \"gemeente\", name = \"Gemeente {r}\", kind = \"gemeente\" }},\n]\n",
            r % 4,
            stages[r % stages.len()]
        );
        for t in themes.iter().take(2 + r % 3) {
            profile.push_str(&format!(
                "\n[[wishes]]\ntext = \"Beter op {t}\"\nthemes = [\"{t}\"]\n"
            ));
        }
        profile.push_str(&format!(
            "\n[[agenda]]\ntitle = \"Afspraak over {}\"\nowner = \"gemeente\"\ndue = 2007-{:02}-01\nstatus = \"{}\"\nthemes = [\"{}\"]\n",
            themes[r % 5],
            r % 12 + 1,
            ["open", "bezig", "gereed", "vervallen"][r % 4],
            themes[r % 5]
        ));
        profile.push_str(&format!(
            "\n[[milestones]]\nstage = \"quickscan\"\ndate = 2007-02-{:02}\n+++\nRegio {r} werkt sinds 2006 samen. Zie [de eerste notitie](@/notes/notitie-{r:02}.md).\n",
            r % 28 + 1
        ));
        write(&format!("content/regions/{slug}/_index.md"), &profile);
        // Two rounds for most regions, one for some, none for every fourth.
        let rounds = match r % 4 {
            3 => 0,
            2 => 1,
            _ => 2,
        };
        for round in 0..rounds {
            let mut results = format!(
                "questionnaire = \"quickscan\"\ndate = 2007-{:02}-15\nround = \"{}\"\n",
                3 + round * 6,
                ["nulmeting", "vervolgmeting"][round]
            );
            for partner in ["cwi", "uwv", "gemeente"] {
                for role in ["management", "medewerkers"] {
                    let answers: Vec<String> = themes
                        .iter()
                        .flat_map(|t| (1..=2).map(move |i| format!("{t}-{i}")))
                        .map(|id| format!("{id} = {}", 1 + next(5)))
                        .collect();
                    let desired: Vec<String> = themes
                        .iter()
                        .map(|t| format!("{t}-1 = {}", 3 + next(3)))
                        .collect();
                    results.push_str(&format!(
                        "\n[[responses]]\npartner = \"{partner}\"\nrole = \"{role}\"\nrespondents = {}\nanswers = {{ {}, loket-vorm = \"{}\" }}\ndesired = {{ {} }}\n",
                        1 + next(4),
                        answers.join(", "),
                        ["apart", "gedeeld", "integraal"][next(3) as usize],
                        desired.join(", ")
                    ));
                }
            }
            write(
                &format!("content/regions/{slug}/quickscan-{round}.toml"),
                &results,
            );
        }
        write(
            &format!("content/practices/praktijk-{r:02}.md"),
            &format!(
                "+++\ntitle = \"Praktijk {r}\"\nregion = \"{slug}\"\nthemes = [\"{}\"]\nstatus = \"{}\"\nresults = [\"resultaat {r}\"]\n+++\n## Aanpak\n\nZo werkt praktijk {r}.\n\n### Details\n\nMeer.\n",
                themes[r % 5],
                ["idee", "pilot", "structureel", "gestopt"][r % 4]
            ),
        );
    }
    let kinds = ["interview", "werkbezoek", "workshop", "verslag"];
    for n in 0..notes {
        let region = &slugs[n % regions];
        let other = &slugs[(n * 7 + 3) % regions];
        write(
            &format!("content/notes/notitie-{n:02}.md"),
            &format!(
                "+++\ntitle = \"Notitie {n}\"\ndate = 2007-{:02}-{:02}\nkind = \"{}\"\nregions = [\"{region}\", \"{other}\"]\npractices = [\"praktijk-{:02}\"]\nthemes = [\"{}\"]\nparticipants = [\"CWI\", \"gemeente\"]\n+++\n## Verloop\n\nHet gesprek ging over {} en [een praktijk](@/practices/praktijk-{:02}.md).[^1]\n\n| Partner | Punt |\n|---|---|\n| CWI | klant |\n\n### Afspraken\n\n- Verder praten.\n\n[^1]: Een voetnoot.\n",
                n % 12 + 1,
                n % 28 + 1,
                kinds[n % 4],
                n % regions,
                themes[n % 5],
                themes[(n + 1) % 5],
                (n + 1) % regions
            ),
        );
    }
    for (i, name) in ["werkwijze", "over", "contact"].iter().enumerate() {
        write(
            &format!("content/pages/{name}.md"),
            &format!("+++\ntitle = \"Pagina {name}\"\nweight = {i}\n+++\n## Inleiding\n\nTekst.\n"),
        );
    }
}
