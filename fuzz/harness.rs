//! The fuzz harnesses: one function per target, each taking raw bytes and panicking only when
//! spiegel breaks one of its promises (it panicked itself, or produced output that is wrong).
//!
//! Shared by the cargo-fuzz targets in `fuzz_targets/` and by `tests/fuzz_corpus.rs`, which
//! replays the committed seeds plus deterministic mutations of them in every `cargo test`, so
//! CI exercises the same code without needing nightly or cargo-fuzz.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use spiegel::content::{split, SplitError};
use spiegel::links::Permalinks;
use spiegel::model::Body;
use spiegel::render::markdown::{render, MarkdownOptions};
use spiegel::render::theme::Theme;
use spiegel::render::RenderOptions;
use spiegel::{analysis, diagnostics::SourceMap, render as site_render, validate};

/// Inputs are text; bytes that are not UTF-8 are turned into text the way an editor's file
/// would be shown (lossy), so the fuzzer spends no time on inputs the loader refuses up front.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `content::split`: never panics, and the parts it returns are the file's own slices at the
/// offsets it reports.
pub fn split_target(data: &[u8]) {
    let text = text(data);
    match split(&text) {
        Ok(s) => {
            assert_eq!(&text[s.toml_offset..s.toml_offset + s.toml.len()], s.toml);
            assert_eq!(&text[s.body_offset..], s.body);
            assert!(s.toml_offset <= s.body_offset);
        }
        Err(SplitError::NeverClosed(span)) => {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        Err(SplitError::Missing) => {}
    }
}

/// The questionnaire the results target checks against when the input holds only a results
/// file (the example site's shape: scale and choice questions, roles, options).
pub const QUESTIONNAIRE: &str = r#"title = "Scan"
scale = { min = 1, max = 5, labels = ["1", "2", "3", "4", "5"] }
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
text = "Wij hebben een doel."

[[questions]]
id = "loket-1"
theme = "loket"
text = "Er is een loket."

[[questions]]
id = "loket-vorm"
theme = "loket"
type = "choice"
text = "Welke vorm?"
options = [{ id = "apart", label = "Apart" }, { id = "integraal", label = "Integraal" }]
"#;

/// The region profile the results target uses unless the input brings its own.
pub const PROFILE: &str = "+++\nname = \"Regio\"\nstage = \"quickscan\"\npartners = [\n  { id = \"cwi\", name = \"CWI\", kind = \"cwi\" },\n  { id = \"uwv\", name = \"UWV\", kind = \"uwv\" },\n  { id = \"gemeente\", name = \"Gemeente\", kind = \"gemeente\" },\n]\n+++\nProfiel.\n";

/// Separates the parts of a results-target input: `results`, or
/// `questionnaire SEP results`, or `questionnaire SEP profile SEP results`.
pub const SEPARATOR: &str = "\n=====\n";

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        // The built-in theme: no `themes/default/` folder exists under this made-up root.
        spiegel::render::theme::load(
            Path::new("/nonexistent-spiegel-fuzz-root"),
            "default",
            &mut SourceMap::default(),
        )
        .unwrap_or_else(|_| panic!("the built-in theme loads"))
    })
}

/// Questionnaire + region profile + results file: parse and check them as a build does; every
/// diagnostic must render with its excerpt (spans inside the text); and when the texts are
/// valid, the mirror is computed and every page rendered, with figures that are finite.
pub fn results_target(data: &[u8]) {
    let text = text(data);
    let parts: Vec<&str> = text.splitn(3, SEPARATOR).collect();
    let (questionnaire, profile, results) = match parts.as_slice() {
        [r] => (QUESTIONNAIRE, PROFILE, *r),
        [q, r] => (*q, PROFILE, *r),
        [q, p, r] => (*q, *p, *r),
        _ => unreachable!("splitn(3) gives 1 to 3 parts"),
    };
    let checked = validate::region_texts(questionnaire, profile, results);
    for d in checked.diagnostics.sorted() {
        if let (Some(span), Some(source)) = (&d.span, checked.sources.text(&d.file)) {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "span {span:?} outside {} ({} bytes): {}",
                d.file.display(),
                source.len(),
                d.message
            );
        }
    }
    let _ = checked.diagnostics.render(&checked.sources, false);
    if checked.diagnostics.has_errors() {
        return;
    }
    let analysis = analysis::analyse(&checked.site);
    let (files, diags) = site_render::render(
        &checked.site,
        &analysis,
        theme(),
        RenderOptions {
            today: None,
            minify: false,
        },
    );
    let _ = diags.render(&checked.sources, false);
    for file in &files {
        if let site_render::Output::Generated { path, bytes } = file {
            if path.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes);
                for bad in ["NaN", "inf%", ">inf<", "-inf"] {
                    assert!(!html.contains(bad), "{path} shows {bad:?}");
                }
            }
        }
    }
}

/// Markdown → HTML with link rewriting: never panics; unless raw HTML is allowed, no script
/// element, event-handler attribute or script link survives. The first byte picks the options.
pub fn markdown_target(data: &[u8]) {
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let allow_html = flags & 1 == 1;
    let mut permalinks = Permalinks::new();
    permalinks.insert("notes/a.md", "notities/a/");
    permalinks.insert("notes/sub/b.md", "notities/b/");
    permalinks.insert("practices/x.md", "praktijken/x/");
    permalinks.insert("regions/meer/_index.md", "regio/meer/");
    permalinks.insert("static/img/a.png", "static/img/a.png");
    let (page_url, content_path) = if flags & 2 == 2 {
        ("", "_index.md")
    } else {
        ("notities/sub-b/", "notes/sub/b.md")
    };
    let body = Body {
        file: "content/notes/sub/b.md".into(),
        text: text(rest).into_owned().into(),
        offset: usize::from(flags >> 4),
    };
    let out = render(
        &body,
        &MarkdownOptions {
            page_url,
            content_path,
            id_prefix: if flags & 4 == 4 { "x-" } else { "" },
            allow_html,
            permalinks: &permalinks,
            reserved_ids: &["main", "inhoud"],
        },
    );
    let end = body.offset + body.text.len();
    for d in &out.diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= end,
                "span {span:?} outside the body (ends at {end}): {}",
                d.message
            );
        }
    }
    if !allow_html {
        assert_sanitised(&out.html);
    }
    for entry in &out.toc {
        assert!(!entry.id.is_empty(), "a heading id is empty");
    }
}

/// Every tag of sanitised HTML is harmless: no script-like element, no `on…` event handler,
/// no `javascript:`/`data:`/`vbscript:` URL. Text outside tags is escaped (`<` is `&lt;`), so
/// every `<` starts markup; this reads tags the way a browser would, attributes and quotes.
fn assert_sanitised(html: &str) {
    for (name, attributes) in tags(html) {
        assert!(
            !["script", "iframe", "object", "embed", "style", "frame", "base", "meta", "link"]
                .contains(&name.as_str()),
            "sanitised HTML has a <{name}> element:\n{html}"
        );
        for (attr, value) in attributes {
            assert!(
                !(attr.starts_with("on") && attr.len() > 2),
                "sanitised HTML has an event handler `{attr}`:\n{html}"
            );
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr.as_str()) {
                // What the WHATWG URL parser does first: trim C0 controls and spaces at the
                // ends, drop tabs and newlines anywhere.
                let value: String = value
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(
                        !value.starts_with(scheme),
                        "sanitised HTML links to {value:?}:\n{html}"
                    );
                }
            }
        }
    }
}

/// The start tags of `html`: lower-cased name and `(attribute, value)` pairs.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let chars: Vec<char> = html.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' || !chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        i += 1;
        let mut name = String::new();
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' && chars[i] != '/' {
            name.push(chars[i].to_ascii_lowercase());
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
                i += 1;
            }
            if i >= chars.len() || chars[i] == '>' {
                break;
            }
            let mut attr = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !"=>/".contains(chars[i]) {
                attr.push(chars[i].to_ascii_lowercase());
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                match chars.get(i) {
                    Some(q @ ('"' | '\'')) => {
                        let q = *q;
                        i += 1;
                        while i < chars.len() && chars[i] != q {
                            value.push(chars[i]);
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                            value.push(chars[i]);
                            i += 1;
                        }
                    }
                }
            }
            attributes.push((attr, decode(&value)));
        }
        out.push((name, attributes));
    }
    out
}

/// Decodes the character references a browser would decode in an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').unwrap_or(after.len());
        let entity = &after[..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) if end < after.len() => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
