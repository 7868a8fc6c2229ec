//! Shared helpers for the integration tests: a fixture site in a temp dir, a way to run the real
//! `spiegel` binary on it, and small readers for the output tree and its HTML.
//!
//! Every test crate includes this module but uses only part of it.
#![allow(dead_code)]

pub mod compare_site;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// 2007-09-14 (a fixed "today", so overdue agenda points do not depend on the clock).
pub const SOURCE_DATE_EPOCH: &str = "1189728000";

/// A fixture site written into its own temp dir. The dir is removed when the value drops.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// An empty site folder.
    pub fn empty() -> Self {
        Site {
            dir: tempfile::tempdir().expect("create temp dir"),
        }
    }

    /// A site made of `(path, text)` pairs, paths relative to the site root.
    pub fn with<P: AsRef<str>, T: AsRef<str>>(files: &[(P, T)]) -> Self {
        let site = Site::empty();
        for (path, text) in files {
            site.write(path.as_ref(), text.as_ref());
        }
        site
    }

    /// The small valid site of [`base_files`], plus or replaced by `files`.
    pub fn base_with(files: &[(&str, &str)]) -> Self {
        let site = Site::with(&base_files());
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A copy of `tests/fixtures/<case>/`.
    pub fn fixture(case: &str) -> Self {
        let site = Site::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(case);
        copy_dir(&from, site.root());
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the site folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes (or replaces) a text file, creating its folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes (or replaces) a file with raw bytes, creating its folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("file has a parent")).expect("create dirs");
        std::fs::write(&path, bytes).expect("write fixture file");
        self
    }

    /// Removes a file.
    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.path(rel)).expect("remove fixture file");
        self
    }

    /// `spiegel build --root <site> --output <out>` plus `extra` arguments.
    pub fn build(&self, out: &Path, extra: &[&str]) -> Run {
        let mut args: Vec<&OsStr> = vec![
            OsStr::new("build"),
            OsStr::new("--root"),
            self.root().as_os_str(),
            OsStr::new("--output"),
            out.as_os_str(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        spiegel(&args)
    }

    /// Builds into a fresh temp dir that must succeed; returns the built tree's holder.
    pub fn build_ok(&self) -> Built {
        let holder = tempfile::tempdir().expect("create temp dir");
        let out = holder.path().join("out");
        let run = self.build(&out, &[]);
        run.assert_code(0);
        Built {
            _holder: holder,
            out,
        }
    }

    /// `spiegel check --root <site>`.
    pub fn check(&self) -> Run {
        spiegel(&[
            OsStr::new("check"),
            OsStr::new("--root"),
            self.root().as_os_str(),
        ])
    }
}

/// A successful build's output folder, kept alive with its temp dir.
pub struct Built {
    _holder: TempDir,
    /// The output folder.
    pub out: PathBuf,
}

impl Built {
    /// The text of an output file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Every output file by relative path.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.out)
    }
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Panics unless stderr contains `needle`.
    pub fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }
}

/// Runs the real binary with a fixed clock, no colours, and a neutral working directory.
pub fn spiegel<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run spiegel");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file under `dir`, by path relative to it with forward slashes, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read dir {}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("under base");
                let key = rel.to_string_lossy().replace('\\', "/");
                out.insert(key, std::fs::read(&path).expect("read output file"));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// True when the real-browser tests can run here (node, Chromium at /usr/bin/chromium or
/// `CHROMIUM`, and `npm ci` done in tests/browser). Otherwise prints why and returns false,
/// except under CI (`CI` set), where a missing tool fails the test instead of skipping it.
pub fn browser_ready() -> bool {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = if Command::new("node").arg("--version").output().is_err() {
        Some("node is not installed".to_string())
    } else if !Path::new(&chromium).exists() {
        Some(format!("no Chromium at {chromium}"))
    } else if !browser_dir.join("node_modules/playwright-core").is_dir() {
        Some("tests/browser/node_modules is missing: run `npm ci` in tests/browser".to_string())
    } else {
        None
    };
    match missing {
        None => true,
        Some(why) if std::env::var_os("CI").is_some() => {
            panic!("browser test cannot run in CI: {why}")
        }
        Some(why) => {
            eprintln!("note: skipping the browser test: {why}");
            false
        }
    }
}

/// Copies a folder tree (fixture sites, the example site).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// The text of an HTML fragment with tags removed, common entities decoded and whitespace
/// collapsed to single spaces, so assertions do not depend on markup or indentation.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table rows (`<tr>…</tr>`) of `html` between the first occurrence of `from` and the next
/// `</table>`, each as collapsed text (see [`text_of`]).
pub fn table_rows_after(html: &str, from: &str) -> Vec<String> {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("page has no {from:?}"));
    let rest = &html[start..];
    let end = rest.find("</table>").unwrap_or(rest.len());
    rest[..end]
        .split("<tr")
        .skip(1)
        .map(|row| text_of(&format!("<tr{}", row.split("</tr>").next().unwrap_or(""))))
        .collect()
}

/// The smallest useful valid site: one questionnaire (two themes, a scale question each, one
/// choice question), one region with three partners and no results yet, one note, one practice
/// and one free page. Tests add or replace files on top of it.
pub fn base_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.toml", "title = \"Testspiegel\"\nminify = false\n"),
        ("content/questionnaires/scan.toml", QUESTIONNAIRE),
        ("content/regions/meer/_index.md", REGION),
        (
            "content/notes/gesprek.md",
            "+++\ntitle = \"Gesprek\"\ndate = 2007-03-01\nkind = \"interview\"\nregions = [\"meer\"]\nthemes = [\"doelen\"]\n+++\nEen gesprek.\n",
        ),
        (
            "content/practices/balie.md",
            "+++\ntitle = \"Eén balie\"\nregion = \"meer\"\nthemes = [\"loket\"]\nstatus = \"pilot\"\n+++\nZo werkt het.\n",
        ),
        ("content/pages/werkwijze.md", "+++\ntitle = \"Werkwijze\"\n+++\nHoe wij werken.\n"),
    ]
}

/// content/questionnaires/scan.toml of the base site.
pub const QUESTIONNAIRE: &str = r#"title = "Scan"
scale = { min = 1, max = 5 }
roles = ["management", "medewerkers"]

[[themes]]
id = "doelen"
title = "Doelen"

[[themes]]
id = "loket"
title = "Loket"

[[questions]]
id = "doelen-1"
theme = "doelen"
text = "Wij hebben een gezamenlijk doel."

[[questions]]
id = "loket-1"
theme = "loket"
text = "Er is een loket."

[[questions]]
id = "loket-vorm"
theme = "loket"
type = "choice"
text = "Welke vorm van loket?"
options = [
  { id = "apart", label = "Ieder een eigen balie" },
  { id = "integraal", label = "Integraal team" },
]
"#;

/// content/regions/meer/_index.md of the base site.
pub const REGION: &str = r#"+++
name = "Meerstad"
stage = "quickscan"
partners = [
  { id = "cwi", name = "CWI Meerstad", kind = "cwi" },
  { id = "uwv", name = "UWV Meerstad", kind = "uwv" },
  { id = "gemeente", name = "Gemeente Meerstad", kind = "gemeente" },
]
+++
Profiel van Meerstad.
"#;
