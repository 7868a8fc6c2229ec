//! A small fixture site for the compare and national pages: three regions, two with results,
//! figures chosen so every number on the pages can be worked out by hand (see
//! `tests/compare_national.rs` for the sums). One region name holds `</script>` on purpose.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 2007-06-01 as seconds since the epoch (13 665 days): "today" for overdue agenda points.
pub const TODAY_EPOCH: &str = "1180656000";

const FILES: &[(&str, &str)] = &[
    ("site.toml", "title = \"Proef\"\nminify = false\n"),
    (
        "content/questionnaires/qs.toml",
        r#"title = "Quick Scan"
scale = { min = 1, max = 5 }

[[themes]]
id = "doelen"
title = "Doelen"

[[themes]]
id = "loket"
title = "Loket"

[[questions]]
id = "doelen-1"
theme = "doelen"
text = "Een"

[[questions]]
id = "doelen-2"
theme = "doelen"
text = "Twee"

[[questions]]
id = "loket-1"
theme = "loket"
text = "Drie"
"#,
    ),
    (
        "content/regions/aa/_index.md",
        r#"+++
name = "Aa </script><b>x"
stage = "quickscan"
partners = [
  { id = "cwi", name = "CWI Aa" },
  { id = "uwv", name = "UWV Aa" },
]

[[wishes]]
text = "Samen doelen en een loket"
themes = ["doelen", "loket"]

[[wishes]]
text = "Een loket"
themes = ["loket"]

[[agenda]]
title = "Doelen vaststellen"
owner = "cwi"
due = 2007-01-01
status = "open"
themes = ["doelen"]
+++
"#,
    ),
    (
        "content/regions/aa/qs-2007.toml",
        r#"questionnaire = "qs"
date = 2007-03-01

[[responses]]
partner = "cwi"
answers = { doelen-1 = 2, doelen-2 = 4, loket-1 = 3 }

[[responses]]
partner = "uwv"
answers = { doelen-1 = 4, loket-1 = 5 }
"#,
    ),
    (
        "content/regions/bb/_index.md",
        r#"+++
name = "Bb"
stage = "workshops"
partners = [
  { id = "cwi", name = "CWI Bb" },
  { id = "uwv", name = "UWV Bb" },
  { id = "gemeente", name = "Gemeente Bb" },
]

[[wishes]]
text = "Loket"
themes = ["loket"]

[[agenda]]
title = "Loket openen"
due = 2006-12-01
status = "gereed"
themes = ["loket"]

[[agenda]]
title = "Loket uitbreiden"
due = 2008-01-01
status = "bezig"
themes = ["loket"]
+++
"#,
    ),
    (
        "content/regions/bb/qs-2007.toml",
        r#"questionnaire = "qs"
date = 2007-04-01

[[responses]]
partner = "cwi"
answers = { doelen-1 = 1, loket-1 = 2 }

[[responses]]
partner = "uwv"
answers = { doelen-1 = 2 }

[[responses]]
partner = "gemeente"
answers = { doelen-1 = 3 }
"#,
    ),
    (
        "content/regions/cc/_index.md",
        "+++\nname = \"Cc\"\nstage = \"workshops\"\n+++\n",
    ),
];

/// Writes the fixture site into `dir`.
pub fn write(dir: &Path) {
    for (path, text) in FILES {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("fixture paths have a folder")).expect("mkdir");
        fs::write(path, text).expect("write fixture");
    }
}

/// Builds the site in `dir` into `dir/out` with the real binary; panics with its output on
/// failure.
pub fn build(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["build", "--root"])
        .arg(dir)
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .expect("run spiegel");
    assert!(
        result.status.success(),
        "spiegel build failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    out
}
