//! scaffold: a name or title → a new content file with every field of the contract, or a new
//! site folder (`spiegel init`). Every file it writes passes `spiegel check` as written.
//!
//! Existing files are never overwritten. Strings are written through `toml` so quotes and
//! backslashes in a title stay valid TOML. Dates are today's (a TOML date), from
//! [`crate::today`] so `SOURCE_DATE_EPOCH` makes them reproducible.

use std::path::{Path, PathBuf};

use crate::content::CONTENT_DIR;
use crate::model::Date;
use crate::slug::slugify;

/// Why nothing was written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The file or folder is already there.
    Exists(PathBuf),
    /// The folder for `init` is not empty.
    NotEmpty(PathBuf),
    /// The name gives an empty slug (only punctuation, say).
    EmptySlug(String),
    /// `--region` names a region the site does not have.
    UnknownRegion {
        /// The slug asked for.
        slug: String,
        /// The regions there are.
        known: Vec<String>,
    },
    /// Reading or writing failed.
    Io {
        /// What was being done, with the path.
        action: String,
        /// The cause.
        source: std::io::Error,
    },
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Exists(p) => write!(
                f,
                "{} already exists; nothing was written (choose another name, or edit that file)",
                p.display()
            ),
            ScaffoldError::NotEmpty(p) => write!(
                f,
                "folder {} is not empty; `spiegel init` only creates a site in a new or empty folder",
                p.display()
            ),
            ScaffoldError::EmptySlug(name) => write!(
                f,
                "`{name}` gives an empty file name; use letters or digits in it"
            ),
            ScaffoldError::UnknownRegion { slug, known } => {
                write!(f, "unknown region `{slug}`")?;
                if known.is_empty() {
                    write!(
                        f,
                        "; the site has no regions yet (create one with `spiegel new region <name>`)"
                    )
                } else {
                    write!(f, "; regions here: {}", known.join(", "))
                }
            }
            ScaffoldError::Io { action, source } => write!(f, "cannot {action}: {source}"),
        }
    }
}

impl std::error::Error for ScaffoldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScaffoldError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A TOML string literal for `text` (quoted and escaped), on one line: a title or name is one
/// line, and a multi-line string could hold a `+++` line that ends the front matter early.
fn quoted(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    toml::Value::String(one_line).to_string()
}

/// The contract's slug of `name`, tidied for a new file name: runs of `-` (from spaces next to
/// punctuation) become one and none lead or trail. The tidy slug is its own slug, so the file
/// is published where the printed slug says.
fn slug_of(name: &str) -> Result<String, ScaffoldError> {
    let slug = slugify(name)
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(name.to_string()));
    }
    Ok(slug)
}

/// Writes `text` to `root/rel`, creating folders, refusing to replace a file. Returns `rel`.
fn create(root: &Path, rel: PathBuf, text: &str) -> Result<PathBuf, ScaffoldError> {
    let path = root.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io {
            action: format!("create folder {}", parent.display()),
            source: e,
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(path.clone())
            } else {
                ScaffoldError::Io {
                    action: format!("create {}", path.display()),
                    source: e,
                }
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| ScaffoldError::Io {
        action: format!("write {}", path.display()),
        source: e,
    })?;
    Ok(path)
}

/// `content/regions/<slug>/_index.md`: a region profile at the orientation stage with the three
/// usual partners and today's milestone. Returns the path written.
pub fn new_region(root: &Path, name: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    let slug = slug_of(name)?;
    let dir = PathBuf::from(CONTENT_DIR).join("regions").join(&slug);
    if root.join(&dir).exists() {
        return Err(ScaffoldError::Exists(root.join(dir)));
    }
    let text = format!(
        r#"+++
name = {name}
kind = ""                          # free text: REKO region, BVG, labour-market region
province = ""
bvg = []
stage = "orientatie"               # orientatie | quickscan | workshops | agenda | begeleiding | afgerond
partners = [
  {{ id = "cwi", name = {cwi}, kind = "cwi" }},
  {{ id = "uwv", name = {uwv}, kind = "uwv" }},
  {{ id = "gemeente", name = {gemeente}, kind = "gemeente" }},
]
wishes = []                        # [[wishes]] text = "…", themes = ["…"]
agenda = []                        # [[agenda]] title, owner, due, status, themes

[[milestones]]
stage = "orientatie"
date = {today}
+++
Beschrijf hier de lokale situatie in de woorden van de regio.
"#,
        name = quoted(name),
        cwi = quoted(&format!("CWI {name}")),
        uwv = quoted(&format!("UWV {name}")),
        gemeente = quoted(&format!("Gemeente {name}")),
    );
    create(root, dir.join("_index.md"), &text)
}

/// The region slugs of the site at `root`, sorted.
fn regions(root: &Path) -> Vec<String> {
    let dir = root.join(CONTENT_DIR).join("regions");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| slugify(&e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn known_region(root: &Path, region: &str) -> Result<(), ScaffoldError> {
    let known = regions(root);
    if known.iter().any(|r| r == region) {
        Ok(())
    } else {
        Err(ScaffoldError::UnknownRegion {
            slug: region.to_string(),
            known,
        })
    }
}

/// `content/notes/<date>-<slug>.md`: a report note about `region`. Returns the path written.
pub fn new_note(
    root: &Path,
    title: &str,
    region: &str,
    today: Date,
) -> Result<PathBuf, ScaffoldError> {
    let slug = slug_of(title)?;
    known_region(root, region)?;
    let text = format!(
        r#"+++
title = {title}
date = {today}
kind = "verslag"                   # interview | werkbezoek | workshop | verslag
regions = [{region}]
practices = []                     # slugs of good practices the note refers to
themes = []                        # theme ids from the questionnaires
participants = []
draft = false
+++
Schrijf hier het verslag.
"#,
        title = quoted(title),
        region = quoted(region),
    );
    create(
        root,
        PathBuf::from(CONTENT_DIR)
            .join("notes")
            .join(format!("{today}-{slug}.md")),
        &text,
    )
}

/// `content/practices/<slug>.md`: a good practice at the idea stage, optionally of a region.
/// Returns the path written.
pub fn new_practice(
    root: &Path,
    title: &str,
    region: Option<&str>,
    today: Date,
) -> Result<PathBuf, ScaffoldError> {
    let slug = slug_of(title)?;
    let region_line = match region {
        Some(r) => {
            known_region(root, r)?;
            format!("region = {}", quoted(r))
        }
        None => "# region = \"\"                    # optional: the region slug".to_string(),
    };
    let text = format!(
        r#"+++
title = {title}
site = ""                          # where it runs
{region_line}
themes = []                        # theme ids from the questionnaires
status = "idee"                    # idee | pilot | structureel | gestopt
since = {today}
results = []
lessons = []
contact = ""
+++
Het probleem, de aanpak, wat werkte en wat niet.
"#,
        title = quoted(title),
    );
    create(
        root,
        PathBuf::from(CONTENT_DIR)
            .join("practices")
            .join(format!("{slug}.md")),
        &text,
    )
}

/// Creates a small working site in `dir` (new, empty, or holding only hidden entries such as
/// `.git`): site.toml, a questionnaire, one
/// region with a results file, a note, a practice and a page. Returns the files written.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| ScaffoldError::Io {
            action: format!("read folder {}", dir.display()),
            source: e,
        })?;
        // Hidden entries (`.git` of a fresh `git init`, `.editorconfig`) are not a site's
        // files and none of them is written below.
        let visible = entries.any(|e| {
            !e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.'))
        });
        if visible {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let files: [(&str, String); 8] = [
        ("site.toml", INIT_SITE.to_string()),
        ("content/_index.md", INIT_HOME.to_string()),
        (
            "content/questionnaires/quickscan.toml",
            INIT_QUESTIONNAIRE.to_string(),
        ),
        (
            "content/regions/voorbeeldregio/_index.md",
            INIT_REGION.replace("{today}", &today.to_string()),
        ),
        (
            "content/regions/voorbeeldregio/quickscan-nulmeting.toml",
            INIT_RESULTS.replace("{today}", &today.to_string()),
        ),
        (
            "content/notes/eerste-gesprek-voorbeeldregio.md",
            INIT_NOTE.replace("{today}", &today.to_string()),
        ),
        (
            "content/practices/een-loket.md",
            INIT_PRACTICE.replace("{today}", &today.to_string()),
        ),
        ("content/pages/over.md", INIT_PAGE.to_string()),
    ];
    files
        .iter()
        .map(|(rel, text)| create(dir, PathBuf::from(rel), text))
        .collect()
}

const INIT_SITE: &str = r#"title = "Ketenspiegel"
description = "Spiegelrapporten per regio en goede praktijken"
language = "nl"
base_url = ""
theme = "default"
minify = true
"#;

const INIT_HOME: &str = r#"+++
+++
Deze site toont per regio hoe de partners in de keten van werk en inkomen hun samenwerking
zien, en welke goede praktijken er zijn.
"#;

const INIT_QUESTIONNAIRE: &str = r#"title = "Quick Scan ketensamenwerking"
scale = { min = 1, max = 5, labels = ["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"] }
roles = ["management", "medewerkers"]

[[themes]]
id = "doelen"
title = "Gezamenlijke lokale doelstelling"

[[themes]]
id = "loket"
title = "Eén loket voor werk"

[[questions]]
id = "doelen-1"
theme = "doelen"
text = "De partners werken vanuit één gezamenlijke lokale doelstelling."

[[questions]]
id = "loket-1"
theme = "loket"
text = "Klanten hoeven hun verhaal maar één keer te vertellen."

[[questions]]
id = "loket-vorm"
theme = "loket"
type = "choice"
text = "Welke vorm van frontoffice kiest uw organisatie?"
options = [
  { id = "apart", label = "Ieder een eigen balie" },
  { id = "gedeeld", label = "Gedeelde balie, eigen teams" },
  { id = "integraal", label = "Eén geïntegreerd frontofficeteam" },
]
"#;

const INIT_REGION: &str = r#"+++
name = "Voorbeeldregio"
kind = "BVG"
province = "Utrecht"
bvg = ["Voorbeeldstad"]
stage = "quickscan"
partners = [
  { id = "cwi", name = "CWI Voorbeeldstad", kind = "cwi" },
  { id = "uwv", name = "UWV Voorbeeldstad", kind = "uwv" },
  { id = "gemeente", name = "Gemeente Voorbeeldstad", kind = "gemeente" },
]

[[wishes]]
text = "Eén loket voor werk, met één frontofficeteam voor alle klanten"
themes = ["loket"]

[[agenda]]
title = "Gezamenlijke lokale doelstelling vaststellen"
owner = "gemeente"
due = {today}
status = "open"
themes = ["doelen"]

[[milestones]]
stage = "quickscan"
date = {today}
+++
Een voorbeeldregio: vervang deze tekst door de lokale situatie.
"#;

const INIT_RESULTS: &str = r#"questionnaire = "quickscan"
date = {today}
round = "nulmeting"

[[responses]]
partner = "cwi"
role = "management"
answers = { doelen-1 = 2, loket-1 = 3, loket-vorm = "gedeeld" }
desired = { doelen-1 = 4 }

[[responses]]
partner = "uwv"
role = "management"
answers = { doelen-1 = 3, loket-1 = 2, loket-vorm = "gedeeld" }

[[responses]]
partner = "gemeente"
role = "medewerkers"
respondents = 2
answers = { doelen-1 = 4, loket-1 = 4, loket-vorm = "integraal" }
"#;

const INIT_NOTE: &str = r#"+++
title = "Eerste gesprek in de voorbeeldregio"
date = {today}
kind = "interview"
regions = ["voorbeeldregio"]
practices = ["een-loket"]
themes = ["loket"]
participants = ["procesbegeleider"]
draft = false
+++
Een eerste gesprek met de partners. Zie ook [de goede praktijk](../practices/een-loket.md).
"#;

const INIT_PRACTICE: &str = r#"+++
title = "Eén loket: klant krijgt één vaste medewerker"
site = "Voorbeeldstad"
region = "voorbeeldregio"
themes = ["loket"]
status = "pilot"
since = {today}
results = ["klanten vertellen hun verhaal één keer"]
lessons = []
contact = "projectleider"
+++
Het probleem, de aanpak, wat werkte en wat niet.
"#;

const INIT_PAGE: &str = r#"+++
title = "Over deze site"
weight = 1
+++
Wat deze site is en wie haar bijhoudt.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2007, 3, 15).unwrap()
    }

    #[test]
    fn quotes_titles_as_toml() {
        assert_eq!(quoted(r#"Een "loket""#), r#"'Een "loket"'"#);
    }

    #[test]
    fn refuses_to_overwrite_a_region() {
        let dir = tempfile::tempdir().unwrap();
        new_region(dir.path(), "Assen", today()).unwrap();
        assert!(matches!(
            new_region(dir.path(), "Assen", today()),
            Err(ScaffoldError::Exists(_))
        ));
    }

    #[test]
    fn a_note_needs_a_known_region() {
        let dir = tempfile::tempdir().unwrap();
        new_region(dir.path(), "Assen", today()).unwrap();
        let err = new_note(dir.path(), "Gesprek", "asen", today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown region `asen`; regions here: assen"
        );
        let path = new_note(dir.path(), "Gesprek", "assen", today()).unwrap();
        assert!(path.ends_with("content/notes/2007-03-15-gesprek.md"));
    }

    #[test]
    fn init_takes_a_folder_with_only_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let written = init(dir.path(), today()).unwrap();
        assert!(written.iter().any(|p| p.ends_with("site.toml")));
        assert!(dir.path().join(".git").is_dir());
    }

    #[test]
    fn init_refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x"), "").unwrap();
        assert!(matches!(
            init(dir.path(), today()),
            Err(ScaffoldError::NotEmpty(_))
        ));
    }
}
