//! Writes a synthetic but realistic contract site of any size, for benchmarks (see
//! `docs/benchmarks.md`):
//!
//! ```text
//! cargo run --release --example corpus -- --out /dev/shm/corpus --regions 500 --notes 10000 --practices 300 --seed 1
//! ```
//!
//! The site follows the content model exactly (it passes `spiegel check`): the example site's
//! questionnaire, regions with 3–4 partners and 2–3 rounds of results by role with desired
//! scores, wishes, agenda points and milestones; notes of about 5 KB of Dutch-like text with
//! headings, lists, tables and internal links to practices and earlier notes; practices.
//! The same arguments always give the same bytes: a small splitmix64 generator drives every
//! choice, so no `rand` dependency is needed.
//!
//! With `--hugo DIR` it also writes the same notes as a Hugo site (TOML front matter between
//! `+++`, a minimal single/list layout, taxonomies for themes and regions), so Hugo renders
//! exactly the Markdown spiegel renders.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The example site's questionnaire: every region answers it.
const QUESTIONNAIRE: &str = include_str!("../content/questionnaires/quickscan.toml");

/// Scale questions of the questionnaire, by theme (kept in sync with QUESTIONNAIRE by a test).
const SCALE_QUESTIONS: &[&str] = &[
    "doelen-1",
    "doelen-2",
    "doelen-3",
    "loket-1",
    "loket-2",
    "dubbel-1",
    "dubbel-2",
    "communicatie-1",
    "communicatie-2",
    "communicatie-3",
    "klantgerichtheid-1",
    "klantgerichtheid-2",
    "klantgerichtheid-3",
    "huisvesting-1",
    "huisvesting-2",
    "trajecten-1",
    "trajecten-2",
];

/// Choice questions and their option ids.
const CHOICE_QUESTIONS: &[(&str, &[&str])] = &[
    ("loket-vorm", &["apart", "gedeeld", "integraal"]),
    ("klantvolg-systeem", &["eigen", "koppeling", "gezamenlijk"]),
    ("huisvesting-vorm", &["apart", "deels", "bvg"]),
];

/// Theme ids of the questionnaire.
const THEMES: &[&str] = &[
    "doelen",
    "loket",
    "dubbel",
    "communicatie",
    "klantgerichtheid",
    "huisvesting",
    "trajecten",
];

const ROLES: &[&str] = &["management", "medewerkers"];
const STAGES: &[&str] = &[
    "orientatie",
    "quickscan",
    "workshops",
    "agenda",
    "begeleiding",
    "afgerond",
];
const AGENDA_STATUS: &[&str] = &["open", "bezig", "gereed", "vervallen"];
const NOTE_KINDS: &[&str] = &["interview", "werkbezoek", "workshop", "verslag"];
const PRACTICE_STATUS: &[&str] = &["idee", "pilot", "structureel", "gestopt"];
const PROVINCES: &[&str] = &[
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
];
const REGION_KINDS: &[&str] = &["REKO-regio", "BVG", "arbeidsmarktregio"];

/// Syllables for place names ("Oosterveen", "Ter Brummelo").
const PLACE_HEADS: &[&str] = &[
    "Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein",
    "Broek", "Veen", "Zand", "Berg", "Hout", "Rijn", "Maas", "Ijssel", "Dijk", "Wou",
];
const PLACE_TAILS: &[&str] = &[
    "veen", "dam", "wijk", "horst", "dorp", "hoven", "burg", "loo", "meer", "zijl", "sloot",
    "brug", "kerk", "hem", "rade", "lo", "broek", "haven", "stein", "gouw",
];

/// Words for Dutch-like prose, roughly in the register of the example notes.
const NOUNS: &[&str] = &[
    "klant",
    "werkzoekende",
    "medewerker",
    "gemeente",
    "partner",
    "keten",
    "frontoffice",
    "backoffice",
    "loket",
    "traject",
    "uitkering",
    "vacature",
    "werkgever",
    "afspraak",
    "overleg",
    "doelstelling",
    "agenda",
    "huisvesting",
    "samenwerking",
    "workshop",
    "vragenlijst",
    "spiegel",
    "regio",
    "procesbegeleider",
    "teamleider",
    "manager",
    "dossier",
    "klantvolgsysteem",
    "intake",
    "re-integratie",
    "subsidie",
    "budget",
    "planning",
    "pilot",
    "werkbezoek",
    "bijeenkomst",
    "aanpak",
    "uitstroom",
    "werkproces",
    "overdracht",
];
const VERBS: &[&str] = &[
    "bespreekt",
    "verbetert",
    "regelt",
    "deelt",
    "plant",
    "onderzoekt",
    "kiest",
    "zet",
    "ondersteunt",
    "begeleidt",
    "vraagt",
    "meldt",
    "legt vast",
    "stemt af",
    "koppelt",
    "verkent",
    "neemt op",
    "brengt in kaart",
    "maakt afspraken over",
    "evalueert",
];
const ADJECTIVES: &[&str] = &[
    "gezamenlijke",
    "lokale",
    "nieuwe",
    "vaste",
    "eerste",
    "duidelijke",
    "korte",
    "snelle",
    "betere",
    "heldere",
    "regionale",
    "landelijke",
    "concrete",
    "geïntegreerde",
    "praktische",
    "gedeelde",
    "afsluitende",
    "oriënterende",
    "volgende",
    "belangrijke",
];
const CONNECTORS: &[&str] = &[
    "Daarnaast",
    "Bovendien",
    "Toch",
    "Vervolgens",
    "Ook",
    "Daarom",
    "Tegelijk",
    "Verder",
    "In de praktijk",
    "Volgens de partners",
];
const HEADINGS: &[&str] = &[
    "Aanleiding",
    "Verbeterwensen",
    "Wat de partners zien",
    "Eerste stappen",
    "Afspraken",
    "Knelpunten",
    "Wat goed gaat",
    "Vervolgafspraken",
    "Uitkomsten van de Quick Scan",
    "Reacties van medewerkers",
    "Coördinatie en overleg",
];

/// splitmix64: tiny, fast, good enough for synthetic content, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One word of a word list.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Between `lo` and `hi` distinct items, in the order of `items`.
    fn some<'a>(&mut self, items: &[&'a str], lo: usize, hi: usize) -> Vec<&'a str> {
        let k = self.range(lo, hi);
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in 0..k.min(idx.len()) {
            let j = i + self.below(idx.len() - i);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(k).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }
}

/// Generator settings from the command line.
struct Args {
    out: PathBuf,
    hugo: Option<PathBuf>,
    regions: usize,
    notes: usize,
    practices: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        hugo: None,
        regions: 500,
        notes: 10_000,
        practices: 300,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        };
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(value()?),
            "--hugo" => args.hugo = Some(PathBuf::from(value()?)),
            "--regions" => args.regions = number(value()?)? as usize,
            "--notes" => args.notes = number(value()?)? as usize,
            "--practices" => args.practices = number(value()?)? as usize,
            "--seed" => args.seed = number(value()?)?,
            "-h" | "--help" => {
                return Err(
                    "usage: corpus --out DIR [--hugo DIR] [--regions N] [--notes N] \
                            [--practices N] [--seed N]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if args.regions == 0 {
        return Err("--regions must be at least 1".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("corpus: {e}");
            return ExitCode::from(2);
        }
    };
    match generate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A region as the notes and practices need to know it.
struct RegionInfo {
    slug: String,
    name: String,
}

/// A note's identity, decided before any text is written so notes can link to earlier ones.
struct NoteInfo {
    slug: String,
    title: String,
    date: (i32, u8, u8),
    /// Index of the region it is mainly about.
    region: usize,
    kind: &'static str,
}

fn generate(args: &Args) -> io::Result<()> {
    let mut rng = Rng(args.seed);
    let content = args.out.join("content");
    if args.out.exists() {
        // Only ever clear a folder this program made: a site.toml with our marker.
        let marker = fs::read_to_string(args.out.join("site.toml")).unwrap_or_default();
        if !marker.contains("# generated by examples/corpus.rs") {
            return Err(io::Error::other(format!(
                "{} exists and is not a generated corpus; refusing to overwrite it",
                args.out.display()
            )));
        }
        fs::remove_dir_all(&args.out)?;
    }
    for sub in ["questionnaires", "regions", "notes", "practices", "pages"] {
        fs::create_dir_all(content.join(sub))?;
    }
    fs::write(
        args.out.join("site.toml"),
        format!(
            "# generated by examples/corpus.rs (seed {}, {} regions, {} notes, {} practices)\n\
             title = \"Ketenspiegel (benchmark)\"\n\
             description = \"Gegenereerde benchmarksite met verzonnen regio's, verslagen en praktijken\"\n\
             language = \"nl\"\nbase_url = \"\"\ntheme = \"default\"\nminify = true\n",
            args.seed, args.regions, args.notes, args.practices
        ),
    )?;
    fs::write(content.join("questionnaires/quickscan.toml"), QUESTIONNAIRE)?;
    fs::write(
        content.join("_index.md"),
        "+++\ntitle = \"Welkom bij de Ketenspiegel\"\n+++\nDeze site is gegenereerd voor \
         metingen van de bouwtijd. Lees de [werkwijze](pages/werkwijze.md).\n",
    )?;
    fs::write(
        content.join("pages/werkwijze.md"),
        "+++\ntitle = \"Werkwijze\"\nweight = 1\n+++\nEen Ketenspiegel begint met een \
         oriënterend gesprek, daarna volgen de Quick Scan, workshops en een agenda.\n",
    )?;

    let regions = write_regions(&mut rng, &content, args.regions)?;
    let practices = write_practices(&mut rng, &content, args.practices, &regions)?;
    let notes = plan_notes(&mut rng, args.notes, &regions);
    for (i, note) in notes.iter().enumerate() {
        let text = note_file(&mut rng, i, &notes, &regions, &practices);
        fs::write(
            content.join("notes").join(format!("{}.md", note.slug)),
            &text,
        )?;
        if let Some(hugo) = &args.hugo {
            if i == 0 {
                write_hugo_skeleton(hugo)?;
            }
            let (front, body) = split_front_matter(&text);
            fs::write(
                hugo.join("content/notes").join(format!("{}.md", note.slug)),
                hugo_note(front, body),
            )?;
        }
    }
    eprintln!(
        "corpus: wrote {} regions, {} notes, {} practices to {}",
        regions.len(),
        notes.len(),
        practices.len(),
        args.out.display()
    );
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn place(rng: &mut Rng) -> String {
    let head = *rng.pick(PLACE_HEADS);
    let tail = *rng.pick(PLACE_TAILS);
    format!("{head}{tail}")
}

fn slugify(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'ë' | 'é' => 'e',
            'ï' => 'i',
            _ => '-',
        })
        .collect()
}

/// A date as TOML/ISO text.
fn iso((y, m, d): (i32, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn random_date(rng: &mut Rng, from_year: i32, years: usize) -> (i32, u8, u8) {
    (
        from_year + rng.below(years) as i32,
        rng.range(1, 12) as u8,
        rng.range(1, 28) as u8,
    )
}

fn write_regions(rng: &mut Rng, content: &Path, count: usize) -> io::Result<Vec<RegionInfo>> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let name = format!("{} {}", place(rng), i + 1);
        let slug = slugify(&name);
        let dir = content.join("regions").join(&slug);
        fs::create_dir_all(&dir)?;
        let mut partners = vec![
            ("cwi", format!("CWI {name}"), "cwi"),
            ("uwv", format!("UWV {name}"), "uwv"),
            ("gemeente", format!("Gemeente {name}"), "gemeente"),
        ];
        if rng.chance(50) {
            partners.push(("werkbedrijf", format!("Werkbedrijf {name}"), "gemeente"));
        }
        let stage = *rng.pick(STAGES);
        let mut s = String::with_capacity(4096);
        let _ = writeln!(s, "+++\nname = \"{name}\"");
        let _ = writeln!(s, "kind = \"{}\"", rng.pick(REGION_KINDS));
        let _ = writeln!(s, "province = \"{}\"", rng.pick(PROVINCES));
        let _ = writeln!(s, "bvg = [\"{}\"]", place(rng));
        let _ = writeln!(s, "stage = \"{stage}\"\npartners = [");
        for (id, pname, kind) in &partners {
            let _ = writeln!(
                s,
                "  {{ id = \"{id}\", name = \"{pname}\", kind = \"{kind}\" }},"
            );
        }
        s.push_str("]\n");
        for _ in 0..rng.range(3, 6) {
            let themes = rng.some(THEMES, 1, 2);
            let _ = writeln!(
                s,
                "\n[[wishes]]\ntext = \"{}\"\nthemes = {:?}",
                sentence(rng, 8, 16).trim_end_matches('.'),
                themes
            );
        }
        for _ in 0..rng.range(3, 6) {
            let themes = rng.some(THEMES, 1, 2);
            let owner = rng.pick(&partners).0;
            let _ = writeln!(
                s,
                "\n[[agenda]]\ntitle = \"{}\"\nowner = \"{owner}\"\ndue = {}\nstatus = \"{}\"\nthemes = {:?}",
                sentence(rng, 6, 12).trim_end_matches('.'),
                iso(random_date(rng, 2007, 3)),
                rng.pick(AGENDA_STATUS),
                themes
            );
        }
        let stage_index = STAGES.iter().position(|x| *x == stage).unwrap_or(0);
        for (k, st) in STAGES.iter().take(stage_index + 1).enumerate() {
            let _ = writeln!(
                s,
                "\n[[milestones]]\nstage = \"{st}\"\ndate = {}",
                iso((
                    2006 + k as i32,
                    rng.range(1, 12) as u8,
                    rng.range(1, 28) as u8
                ))
            );
        }
        s.push_str("+++\n");
        for _ in 0..3 {
            s.push_str(&paragraph(rng, 3, 5));
            s.push_str("\n\n");
        }
        fs::write(dir.join("_index.md"), s)?;

        let rounds = rng.range(2, 3);
        for r in 0..rounds {
            let date = (
                2006 + r as i32,
                rng.range(1, 12) as u8,
                rng.range(1, 28) as u8,
            );
            fs::write(
                dir.join(format!("quickscan-{}.toml", iso(date))),
                results(rng, date, r, &partners),
            )?;
        }
        out.push(RegionInfo { slug, name });
    }
    Ok(out)
}

/// One round of results: every partner answers as management and as employees.
fn results(
    rng: &mut Rng,
    date: (i32, u8, u8),
    round: usize,
    partners: &[(&str, String, &str)],
) -> String {
    let mut s = String::with_capacity(4096);
    let label = ["nulmeting", "tussenmeting", "eindmeting"][round.min(2)];
    let _ = writeln!(
        s,
        "questionnaire = \"quickscan\"\ndate = {}\nround = \"{label}\"",
        iso(date)
    );
    for (id, _, _) in partners {
        for role in ROLES {
            let _ = writeln!(
                s,
                "\n[[responses]]\npartner = \"{id}\"\nrole = \"{role}\"\nrespondents = {}\n\n[responses.answers]",
                rng.range(1, 8)
            );
            for q in SCALE_QUESTIONS {
                if rng.chance(92) {
                    let _ = writeln!(s, "{q} = {}", score(rng));
                }
            }
            for (q, options) in CHOICE_QUESTIONS {
                if rng.chance(85) {
                    let _ = writeln!(s, "{q} = \"{}\"", rng.pick(options));
                }
            }
            s.push_str("\n[responses.desired]\n");
            for q in SCALE_QUESTIONS {
                if rng.chance(60) {
                    let _ = writeln!(s, "{q} = {}", score(rng));
                }
            }
        }
    }
    s
}

/// A score from 1.0 to 5.0 in steps of 0.5.
fn score(rng: &mut Rng) -> String {
    let halves = rng.range(2, 10);
    if halves % 2 == 0 {
        format!("{}", halves / 2)
    } else {
        format!("{}.5", halves / 2)
    }
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let words = rng.range(min, max);
    let mut s = String::with_capacity(words * 9);
    if rng.chance(30) {
        s.push_str(rng.word(CONNECTORS));
        s.push(' ');
        s.push_str("de ");
    } else {
        s.push_str("De ");
    }
    let mut n = 1;
    while n < words {
        match n % 4 {
            0 => s.push_str(rng.word(VERBS)),
            1 => s.push_str(rng.word(NOUNS)),
            2 => {
                s.push_str(if rng.chance(50) { "met de " } else { "en de " });
                s.push_str(rng.word(ADJECTIVES));
            }
            _ => s.push_str(rng.word(NOUNS)),
        }
        s.push(' ');
        n += 1;
    }
    s.push_str(rng.word(NOUNS));
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min, max);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push(if i % 2 == 0 { '\n' } else { ' ' });
        }
        p.push_str(&sentence(rng, 8, 18));
    }
    p
}

fn write_practices(
    rng: &mut Rng,
    content: &Path,
    count: usize,
    regions: &[RegionInfo],
) -> io::Result<Vec<(String, String)>> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let region = rng.pick(regions);
        let topic = capitalise(rng.word(NOUNS));
        let title = format!("{topic}: {}", sentence(rng, 4, 8).trim_end_matches('.'));
        let slug = format!("praktijk-{:04}-{}", i + 1, slugify(rng.word(NOUNS)));
        let mut s = String::with_capacity(3000);
        let _ = writeln!(s, "+++\ntitle = \"{title}\"");
        let _ = writeln!(s, "site = \"Toonkamer {}\"", region.name);
        if rng.chance(80) {
            let _ = writeln!(s, "region = \"{}\"", region.slug);
        }
        let _ = writeln!(s, "themes = {:?}", rng.some(THEMES, 1, 3));
        let _ = writeln!(s, "status = \"{}\"", rng.pick(PRACTICE_STATUS));
        let _ = writeln!(s, "since = {}", iso(random_date(rng, 2004, 4)));
        let _ = writeln!(
            s,
            "results = [\"{}\", \"{}\"]",
            sentence(rng, 3, 6).trim_end_matches('.'),
            sentence(rng, 3, 6).trim_end_matches('.')
        );
        let _ = writeln!(
            s,
            "lessons = [\"{}\"]",
            sentence(rng, 5, 10).trim_end_matches('.')
        );
        let _ = writeln!(s, "contact = \"projectleider {}\"\n+++", region.name);
        for h in ["Het probleem", "De aanpak", "Wat werkte", "Wat niet werkte"] {
            let _ = write!(s, "## {h}\n\n{}\n\n", paragraph(rng, 3, 5));
        }
        fs::write(content.join("practices").join(format!("{slug}.md")), s)?;
        out.push((slug, title));
    }
    Ok(out)
}

fn plan_notes(rng: &mut Rng, count: usize, regions: &[RegionInfo]) -> Vec<NoteInfo> {
    (0..count)
        .map(|i| {
            let date = random_date(rng, 2005, 8);
            let region_index = rng.below(regions.len());
            let region = &regions[region_index];
            let kind = *rng.pick(NOTE_KINDS);
            NoteInfo {
                slug: format!(
                    "{:04}-{:02}-{}-{kind}-{:05}",
                    date.0,
                    date.1,
                    region.slug,
                    i + 1
                ),
                title: format!(
                    "{} {} {}",
                    capitalise(match kind {
                        "interview" => "gesprek",
                        "werkbezoek" => "werkbezoek",
                        "workshop" => "workshop",
                        _ => "verslag",
                    }),
                    region.name,
                    rng.pick(ADJECTIVES)
                ),
                date,
                region: region_index,
                kind,
            }
        })
        .collect()
}

/// The full text of note `i`: front matter and a ~5 KB body.
fn note_file(
    rng: &mut Rng,
    i: usize,
    notes: &[NoteInfo],
    regions: &[RegionInfo],
    practices: &[(String, String)],
) -> String {
    let note = &notes[i];
    // The first region is the one in the slug; a visit sometimes spans a second one.
    let main = &regions[note.region];
    let main_region = main.slug.as_str();
    let mut region_slugs = vec![main_region.to_string()];
    if rng.chance(20) {
        let other = &rng.pick(regions).slug;
        if other != main_region {
            region_slugs.push(other.clone());
        }
    }
    let linked_practices: Vec<&(String, String)> = if practices.is_empty() {
        Vec::new()
    } else {
        (0..rng.range(0, 2)).map(|_| rng.pick(practices)).collect()
    };
    let mut practice_ids: Vec<&str> = linked_practices.iter().map(|p| p.0.as_str()).collect();
    practice_ids.sort_unstable();
    practice_ids.dedup();
    let themes = rng.some(THEMES, 1, 3);
    let kind = note.kind;

    let mut s = String::with_capacity(6 * 1024);
    let _ = writeln!(s, "+++\ntitle = \"{}\"", note.title);
    let _ = writeln!(s, "date = {}", iso(note.date));
    let _ = writeln!(s, "kind = \"{kind}\"");
    let _ = writeln!(s, "regions = {region_slugs:?}");
    let _ = writeln!(s, "practices = {practice_ids:?}");
    let _ = writeln!(s, "themes = {themes:?}");
    let _ = writeln!(
        s,
        "participants = [\"REKO {}\", \"procesbegeleider\"]\ndraft = false\n+++",
        main.name
    );
    s.push_str(&paragraph(rng, 3, 4));
    s.push_str("\n\n");
    let headings = rng.some(HEADINGS, 4, 4);
    for (h, heading) in headings.iter().enumerate() {
        let _ = write!(s, "## {heading}\n\n");
        s.push_str(&paragraph(rng, 3, 5));
        s.push_str("\n\n");
        match h {
            0 => {
                for _ in 0..rng.range(3, 5) {
                    let _ = writeln!(
                        s,
                        "- **{}.** {}",
                        capitalise(rng.word(NOUNS)),
                        sentence(rng, 6, 12)
                    );
                }
                s.push('\n');
            }
            1 => {
                s.push_str("| Partner | Nu | Gewenst | Opmerking |\n|---|---:|---:|---|\n");
                for p in ["CWI", "UWV", "Gemeente"] {
                    let _ = writeln!(
                        s,
                        "| {p} | {} | {} | {} |",
                        score(rng).replace('.', ","),
                        score(rng).replace('.', ","),
                        sentence(rng, 3, 6)
                    );
                }
                s.push('\n');
            }
            2 => {
                for (n, p) in linked_practices.iter().enumerate() {
                    let _ = write!(
                        s,
                        "Zie ook de praktijk [{}]({}{}.md). ",
                        p.1,
                        if n % 2 == 0 {
                            "../practices/"
                        } else {
                            "@/practices/"
                        },
                        p.0
                    );
                }
                if i > 0 {
                    let earlier = &notes[rng.below(i)];
                    let _ = write!(
                        s,
                        "Eerder verslag: [{}](@/notes/{}.md).",
                        earlier.title, earlier.slug
                    );
                }
                s.push_str("\n\n");
                for k in 1..=rng.range(3, 4) {
                    let _ = writeln!(s, "{k}. {}", sentence(rng, 6, 12));
                }
                s.push('\n');
            }
            _ => {
                let _ = write!(
                    s,
                    "> {}\n\n### {}\n\n{}\n\n",
                    sentence(rng, 8, 14),
                    capitalise(rng.word(NOUNS)),
                    paragraph(rng, 3, 5)
                );
            }
        }
    }
    s
}

fn split_front_matter(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("+++\n").unwrap_or(text);
    match rest.find("\n+++\n") {
        Some(end) => (&rest[..=end], &rest[end + 5..]),
        None => ("", rest),
    }
}

/// The note for Hugo: the same body, front matter with Hugo's names (taxonomies `themes` and
/// `regions`, the rest as params). Links to other content become plain relative links: Hugo
/// renders them as they are, which costs it what spiegel's link resolution costs spiegel.
fn hugo_note(front: &str, body: &str) -> String {
    let mut s = String::with_capacity(front.len() + body.len() + 16);
    s.push_str("+++\n");
    for line in front.lines() {
        if !line.starts_with("draft") {
            s.push_str(line);
            s.push('\n');
        }
    }
    s.push_str("+++\n");
    s.push_str(&body.replace("](@/", "](../"));
    s
}

const HUGO_CONFIG: &str = "baseURL = \"http://localhost/\"\nlanguageCode = \"nl\"\n\
title = \"Ketenspiegel (benchmark)\"\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
[taxonomies]\n  theme = \"themes\"\n  region = \"regions\"\n";

const HUGO_SINGLE: &str = r#"<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main><article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.kind }}</p>
<ul>{{ range .GetTerms "regions" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ range .GetTerms "themes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .TableOfContents }}
{{ .Content }}
</article></main></body></html>
"#;

const HUGO_LIST: &str = r#"<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Summary | plainify | truncate 160 }}</li>{{ end }}</ul>
</main></body></html>
"#;

fn write_hugo_skeleton(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        let marker = fs::read_to_string(dir.join("hugo.toml")).unwrap_or_default();
        if !marker.contains("Ketenspiegel (benchmark)") {
            return Err(io::Error::other(format!(
                "{} exists and is not a generated Hugo site; refusing to overwrite it",
                dir.display()
            )));
        }
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir.join("content/notes"))?;
    fs::create_dir_all(dir.join("layouts/_default"))?;
    fs::write(dir.join("hugo.toml"), HUGO_CONFIG)?;
    fs::write(dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    fs::write(dir.join("layouts/_default/list.html"), HUGO_LIST)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_tables_match_the_questionnaire() {
        for q in SCALE_QUESTIONS {
            assert!(QUESTIONNAIRE.contains(&format!("id = \"{q}\"")), "{q}");
        }
        for (q, options) in CHOICE_QUESTIONS {
            assert!(QUESTIONNAIRE.contains(&format!("id = \"{q}\"")), "{q}");
            for o in *options {
                assert!(QUESTIONNAIRE.contains(&format!("{{ id = \"{o}\"")), "{o}");
            }
        }
        for t in THEMES {
            assert!(QUESTIONNAIRE.contains(&format!("id = \"{t}\"")), "{t}");
        }
    }

    #[test]
    fn splitmix_is_stable() {
        // Reference values of splitmix64 seeded with 0.
        let mut r = Rng(0);
        assert_eq!(r.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next(), 0x6E78_9E6A_A1B9_65F4);
    }
}
