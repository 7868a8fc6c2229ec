//! The floor of a Markdown site build, for benchmarks (see `docs/benchmarks.md`): reads every
//! `.md` file under `<site>/content`, drops the front matter, renders the body with
//! pulldown-cmark (the options spiegel uses), wraps it in a minimal page and writes one
//! `index.html` per file, in parallel with rayon like spiegel. No templates, no links, no
//! lists: what is left is the cost every generator has to pay.
//!
//! ```text
//! cargo run --release --example floor -- SITE_DIR OUT_DIR
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;

/// The Markdown extensions spiegel enables (src/render/markdown.rs).
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(site), Path::new(out)) {
        Ok(n) => {
            eprintln!("floor: {n} pages");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(site: &Path, out: &Path) -> io::Result<usize> {
    let content = site.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    files
        .par_iter()
        .map(|file| {
            let text = fs::read_to_string(file)?;
            let body = strip_front_matter(&text);
            let mut page = String::with_capacity(body.len() * 3 / 2 + 256);
            page.push_str("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>page</title></head><body><main>");
            html::push_html(&mut page, Parser::new_ext(body, OPTIONS));
            page.push_str("</main></body></html>\n");
            let rel = file.strip_prefix(&content).unwrap_or(file).with_extension("");
            let dir = out.join(rel);
            fs::create_dir_all(&dir)?;
            fs::write(dir.join("index.html"), page)
        })
        .collect::<io::Result<Vec<()>>>()?;
    Ok(files.len())
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return text;
    };
    match rest.find("\n+++\n") {
        Some(end) => &rest[end + 5..],
        None => rest,
    }
}
