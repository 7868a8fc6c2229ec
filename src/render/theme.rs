//! theme: the built-in default theme (compiled into the binary) plus a site's overrides, turned
//! into one parsed [`Tera`] and a list of static assets. Templates are parsed once per build.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};

macro_rules! builtin_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

macro_rules! builtin_assets {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The default theme's templates, by name.
const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin_templates![
    "base.html",
    "navigation.html",
    "index.html",
    "regions.html",
    "region.html",
    "notes.html",
    "note.html",
    "practices.html",
    "practice.html",
    "themes.html",
    "theme.html",
    "page.html",
    "method.html",
    // ---- compare regions and national overview (issue 3) ----
    "compare.html",
    "national.html",
    // issue 4
    "search.html",
];

/// The default theme's static assets, by path under `assets/`.
const BUILTIN_ASSETS: &[(&str, &[u8])] = builtin_assets![
    "style.css",
    // ---- compare regions (issue 3) ----
    "compare.js",
    // issue 4
    "practices.js",
    "search.js",
];

/// URL folder the theme's assets are written to.
pub const ASSETS_DIR: &str = "assets";

/// A loaded theme: parsed templates and the assets to copy.
pub struct Theme {
    /// Parsed templates, autoescaping `.html`.
    pub tera: Tera,
    /// Assets: path under `assets/` → bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The site's own templates as written (name, text), to find where a render error's
    /// variable is written: Tera names only the page's template, not the parent it is in.
    pub own_templates: Vec<(String, String)>,
}

/// Loads the theme: built-in templates and assets, overridden by `themes/<name>/templates/` and
/// `themes/<name>/static/` in the site when they exist.
pub fn load(root: &Path, name: &str, sources: &mut SourceMap) -> Result<Theme, Diagnostics> {
    load_with(root, name, sources, false, Language::Nl)
}

/// [`load`], with the `.html` templates minified once (insignificant whitespace removed, see
/// [`super::minify::template`]) when `minify` is set: pages then come out minified at no
/// cost per page.
pub fn load_with(
    root: &Path,
    name: &str,
    sources: &mut SourceMap,
    minify: bool,
    language: Language,
) -> Result<Theme, Diagnostics> {
    let mut diags = Diagnostics::new();
    // The site's own templates (overrides and additions), by name.
    let mut own_templates: Vec<String> = Vec::new();
    let mut templates: Vec<(String, String)> = BUILTIN_TEMPLATES
        .iter()
        .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
        .collect();
    let mut assets: Vec<(String, Vec<u8>)> = BUILTIN_ASSETS
        .iter()
        .map(|(n, b)| ((*n).to_string(), b.to_vec()))
        .collect();

    let theme_dir = Path::new("themes").join(name);
    if name.contains(['/', '\\']) || name == ".." || name == "." {
        diags.push(
            Diagnostic::error(
                "site.toml",
                format!("theme name `{name}` is not a folder name"),
            )
            .help("`theme` names a folder directly under themes/"),
        );
        return Err(diags);
    }
    if !root.join(&theme_dir).is_dir() && name != "default" {
        diags.push(
            Diagnostic::error("site.toml", format!("theme `{name}` not found")).help(format!(
                "create {}/ or set theme = \"default\"",
                theme_dir.display()
            )),
        );
        return Err(diags);
    }
    for (rel, is_template) in theme_files(root, &theme_dir, &mut diags) {
        let full = root.join(&rel);
        if is_template {
            let under = rel
                .strip_prefix(theme_dir.join("templates"))
                .unwrap_or(&rel);
            let key = under.to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(&full) {
                Ok(text) => {
                    sources.add(rel.clone(), text.clone());
                    match templates.iter_mut().find(|(n, _)| *n == key) {
                        Some(slot) => slot.1 = text,
                        None => templates.push((key.clone(), text)),
                    }
                    own_templates.push(key);
                }
                Err(e) => diags.push(Diagnostic::error(
                    &rel,
                    format!("cannot read template: {e}"),
                )),
            }
        } else {
            let under = rel.strip_prefix(theme_dir.join("static")).unwrap_or(&rel);
            let key = under.to_string_lossy().replace('\\', "/");
            match std::fs::read(&full) {
                Ok(bytes) if key.ends_with(".css") && std::str::from_utf8(&bytes).is_err() => {
                    diags.push(not_utf8(&rel, &bytes, sources));
                }
                Ok(bytes) => match assets.iter_mut().find(|(n, _)| *n == key) {
                    Some(slot) => slot.1 = bytes,
                    None => assets.push((key, bytes)),
                },
                Err(e) => diags.push(Diagnostic::error(&rel, format!("cannot read asset: {e}"))),
            }
        }
    }
    assets.sort_by(|a, b| a.0.cmp(&b.0));
    if minify {
        for (name, bytes) in &mut assets {
            *bytes = super::minify::asset(name, bytes);
        }
    }

    // The templates as written are parsed first, so parse errors point at the editor's text.
    // The ones pages are rendered with are minified (when asked), and the built-in ones the
    // site did not replace have the site language's UI strings written in (see
    // render::inline_strings: a site's own template may use `t` in ways only Tera knows, so
    // it is left alone). Both keep the output the same.
    let strings = super::i18n::strings(language);
    let minified: Vec<(String, String)> = templates
        .iter()
        .map(|(n, t)| {
            let t = if minify && n.ends_with(".html") {
                super::minify::template(t)
            } else {
                t.clone()
            };
            (n.clone(), t)
        })
        .collect();
    let inlined: Vec<(String, String)> = minified
        .iter()
        .map(|(n, t)| {
            let builtin = BUILTIN_TEMPLATES.iter().any(|(b, _)| b == n);
            let t = if builtin && !own_templates.contains(n) && n.ends_with(".html") {
                super::inline_strings::inline(t, &strings, &escape_html)
            } else {
                t.clone()
            };
            (n.clone(), t)
        })
        .collect();
    let mut for_pages = [inlined, minified].into_iter();
    if own_templates.is_empty() && !diags.has_errors() {
        // Only built-in templates, which are known to parse (see the tests): parsing them as
        // written too, for messages that would never come, was half the theme's loading.
        // They are parsed as written only should a variant ever fail.
        for variant in for_pages.by_ref() {
            let mut tera = new_tera();
            if tera.add_raw_templates(variant).is_ok() {
                return Ok(Theme {
                    tera,
                    assets,
                    own_templates: Vec::new(),
                });
            }
        }
    }
    // Each of the site's own templates is parsed on its own first, so every one that does
    // not parse is reported, at its line and column; then all together, which finds what
    // lies between them (a parent or a macro file that is missing).
    let mut unparsed = 0;
    let mut too_deep = false;
    for name in &own_templates {
        let Some((_, text)) = templates.iter().find(|(n, _)| n == name) else {
            continue;
        };
        if let Some(at) = super::nesting::template_too_deep(text) {
            // Tera's parser would overflow the stack on it: never handed to Tera.
            too_deep = true;
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            diags.push(
                Diagnostic::error(
                    theme_dir.join("templates").join(name),
                    format!(
                        "the template nests deeper than {} levels",
                        super::nesting::MOST_LEVELS
                    ),
                )
                .at(at..end)
                .label("one level too many here")
                .help(
                    "close blocks ({% endif %}, {% endfor %}) and brackets before opening new ones",
                ),
            );
            continue;
        }
        if let Err(e) = tera::Template::new(name, None, text) {
            unparsed += 1;
            diags.push(parse_error(
                &theme_dir.join("templates").join(name),
                text,
                &e,
            ));
        }
    }
    if too_deep {
        return Err(diags);
    }
    let own_sources: Vec<(String, String)> = templates
        .iter()
        .filter(|(n, _)| own_templates.contains(n))
        .cloned()
        .collect();
    let mut tera = new_tera();
    if let Err(e) = tera.add_raw_templates(templates) {
        if unparsed == 0 {
            diags.push(
                Diagnostic::error(theme_dir.join("templates"), "a template does not parse")
                    .help(error_chain(&e)),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    // Both steps keep template syntax intact; should either ever not, pages are rendered
    // from the templates without it rather than failing the build.
    for variant in for_pages {
        let mut candidate = new_tera();
        if candidate.add_raw_templates(variant).is_ok() {
            tera = candidate;
            break;
        }
    }
    Ok(Theme {
        tera,
        assets,
        own_templates: own_sources,
    })
}

/// Where in the site's own templates the variable a render error names is written: the
/// variable, the template and the byte span of its one occurrence. `None` when the error names no
/// variable, or the variable is written in no own template or in more than one place.
pub fn variable_at<'t, 'c>(
    own_templates: &'t [(String, String)],
    chain: &'c str,
) -> Option<(&'c str, &'t str, std::ops::Range<usize>)> {
    let (_, rest) = chain.split_once("Variable `")?;
    let (variable, _) = rest.split_once('`')?;
    let is_part = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut found = None;
    for (name, text) in own_templates {
        for (at, _) in text.match_indices(variable) {
            let end = at + variable.len();
            let whole = !text[..at].ends_with(is_part) && !text[end..].starts_with(is_part);
            if whole {
                if found.is_some() {
                    return None;
                }
                found = Some((variable, name.as_str(), at..end));
            }
        }
    }
    found
}

fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera
}

/// Files under the site's theme folder: (site-relative path, is it a template).
fn theme_files(root: &Path, theme_dir: &Path, diags: &mut Diagnostics) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    // trust (issue 6): a theme folder, or a file in it, that is a symbolic link to somewhere
    // outside the site would publish files from elsewhere; refuse it like content/ does.
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let outside = |path: &Path| {
        !path
            .canonicalize()
            .is_ok_and(|p| p.starts_with(&canonical_root))
    };
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let dir = root.join(theme_dir).join(sub);
        if !dir.is_dir() {
            continue;
        }
        if outside(&dir) {
            diags.push(
                Diagnostic::error(
                    theme_dir.join(sub),
                    "theme folder is a symbolic link to outside the site folder",
                )
                .help("copy the theme into themes/ instead"),
            );
            continue;
        }
        let mut walker = walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            match entry {
                Ok(e) if e.path_is_symlink() && outside(e.path()) => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    diags.push(
                        Diagnostic::error(rel, "symbolic link points outside the site folder")
                            .help("copy the file into the theme instead"),
                    );
                    if e.file_type().is_dir() {
                        // One error at the link: what it points at (`/`, say) is not walked.
                        walker.skip_current_dir();
                    }
                }
                // Editors' swap and backup files, and hidden files, are never part of a
                // theme (as under content/): not read as templates, not published.
                Ok(e)
                    if !e.file_type().is_dir()
                        && crate::content::is_hidden_or_backup(e.file_name()) => {}
                Ok(e) if e.file_type().is_file() => {
                    let rel = e
                        .path()
                        .strip_prefix(root)
                        .unwrap_or(e.path())
                        .to_path_buf();
                    out.push((rel, is_template));
                }
                Ok(_) => {}
                // An editor's lock file is a link to nowhere (Emacs' `.#x.html`).
                Err(e)
                    if e.path()
                        .and_then(Path::file_name)
                        .is_some_and(crate::content::is_hidden_or_backup) => {}
                Err(e) => diags.push(Diagnostic::error(
                    theme_dir,
                    format!("cannot read theme folder: {e}"),
                )),
            }
        }
    }
    out
}

/// A template's parse error at its position: Tera's (pest's) message holds it as
/// ` --> line:col`, followed by an excerpt and `= expected …`.
/// A theme style sheet that is not UTF-8: an error at its first bad byte (pages declare UTF-8,
/// and minify-html would refuse it).
fn not_utf8(rel: &Path, bytes: &[u8], sources: &mut SourceMap) -> Diagnostic {
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    sources.add(
        rel.to_path_buf(),
        String::from_utf8_lossy(bytes).into_owned(),
    );
    Diagnostic::not_utf8(rel, "style sheet", at)
}

fn parse_error(file: &Path, text: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let position = chain.split_once("--> ").and_then(|(_, rest)| {
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
        let (line, col) = rest[..end].split_once(':')?;
        Some((line.parse::<usize>().ok()?, col.parse::<usize>().ok()?))
    });
    let expected = chain
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(str::to_string);
    let mut d = Diagnostic::error(file, "the template does not parse");
    if let Some(offset) =
        position.and_then(|(line, col)| crate::diagnostics::offset_of(text, line, col))
    {
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        d = d.at(offset..end);
        if let Some(expected) = &expected {
            d = d.label(expected.clone());
        }
    }
    if position.is_none() {
        return d.help(chain);
    }
    d.help("every {{ … }} and {% … %} must be closed, and a block tag needs its end tag ({% endif %}, {% endfor %}, {% endblock %})")
}

/// The whole cause chain of a Tera error, which holds the template name and position.
pub fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Escapes text for HTML text and attribute values. Unlike Tera's default it leaves `/` alone:
/// it needs no escaping and `&#x2F;` in every relative href only bloats the pages.
pub fn escape_html(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    // Runs without a character to escape (nearly all of every text) are copied whole, and
    // looked through eight bytes at a time: Tera calls this for every value a page shows.
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if !needs_escape(word) {
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(bytes.len());
        for i in at..end {
            if let Some(entity) = entity(bytes[i]) {
                // An entity's character is ASCII, so `i` is a character boundary.
                out.push_str(&input[start..i]);
                out.push_str(entity);
                start = i + 1;
            }
        }
        at = end;
    }
    out.push_str(&input[start..]);
    out
}

/// The entity a byte is written as, when it must be escaped.
fn entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#x27;"),
        _ => None,
    }
}

/// Whether any of the eight bytes in `word` is one [`entity`] escapes.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `word ^ c * ONES` is zero where `word` has `c`; this finds a zero byte.
    let has = |c: u8| {
        let x = word ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGH != 0
    };
    has(b'&') | has(b'<') | has(b'>') | has(b'"') | has(b'\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_but_not_slashes() {
        assert_eq!(
            escape_html(r#"<script>"a" & 'b'</script> ../x/"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#x27;b&#x27;&lt;/script&gt; ../x/"
        );
    }

    #[test]
    fn escaping_eight_bytes_at_a_time_matches_byte_by_byte() {
        let reference = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#x27;"),
                    c => out.push(c),
                }
            }
            out
        };
        let pieces = [
            "a", "&", "<", ">", "\"", "'", "é", "€", "🙂", "/", " ", "0123456",
        ];
        let mut state: u32 = 7;
        for len in 0..64 {
            for _ in 0..20 {
                let mut text = String::new();
                for _ in 0..len {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    text.push_str(pieces[(state >> 16) as usize % pieces.len()]);
                }
                assert_eq!(escape_html(&text), reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn builtin_templates_parse() {
        // As written (what a site that overrides one of them is checked against), and as
        // pages are rendered with them, minified or not, in both languages.
        let written: Vec<_> = BUILTIN_TEMPLATES.iter().map(|(n, t)| (*n, *t)).collect();
        assert!(new_tera().add_raw_templates(written).is_ok());
        let dir = tempfile::tempdir().unwrap();
        for minify in [false, true] {
            for language in [Language::Nl, Language::En] {
                let mut sources = SourceMap::default();
                let theme = load_with(dir.path(), "default", &mut sources, minify, language);
                assert!(theme.is_ok(), "minify {minify}, {language:?}");
            }
        }
    }
}
