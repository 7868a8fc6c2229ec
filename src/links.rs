//! links: resolving links between content files.
//!
//! In: a [`Permalinks`] map (content path → site URL, built once after load) and a link as an
//! editor wrote it. Out: a [`Resolution`] saying what the link points at. This is the only place
//! links are interpreted, so Markdown bodies, front matter and templates all agree on what
//! `@/practices/x.md`, `../practices/x.md` or `/regions/x/` mean. Pure: no filesystem access.

use std::collections::HashMap;

/// Every content file that can be linked to, by its path relative to `content/`, with the site
/// URL it is published at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permalinks {
    urls: HashMap<String, String>,
    /// Content files that exist but have no page: a link to one is still an error, with a
    /// message that says why instead of "missing".
    pageless: HashMap<String, Pageless>,
}

/// Why a content file that exists has no page to link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pageless {
    /// A note or page with `draft = true`, in a build without `--drafts`.
    Draft,
    /// A questionnaire or results file: data shown on other pages.
    Data,
}

/// What a link in a content file points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Another site (`http:`, `https:`, `mailto:`, `tel:`, `ftp:`, any other harmless scheme,
    /// or `//host/…`): left as written.
    External,
    /// A place on the same page (`#x`, or an empty link): left as written.
    Anchor,
    /// A content file of this site.
    Internal {
        /// Site URL of the target (`praktijken/x/`, `static/img/a.png`).
        url: String,
        /// The part after `?`, without the `?`, if any: kept, since a static file or a page
        /// script may read it (`plan.pdf?v=2`).
        query: Option<String>,
        /// The part after `#`, without the `#`, if any.
        fragment: Option<String>,
    },
    /// A relative link to a content file that does not exist.
    Missing {
        /// The normalised content path that was looked for (`practices/x.md`).
        target: String,
        /// The closest existing content path, for a "did you mean" hint.
        suggestion: Option<String>,
    },
    /// A relative link that climbs above `content/` (`../../../etc/passwd`).
    EscapesRoot,
    /// A scheme that runs code in the browser (`javascript:`, `data:`, `vbscript:`).
    Unsafe,
}

/// The file a content folder is published as; a link to the folder means this file.
const INDEX: &str = "_index.md";

impl Permalinks {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the content file at `content_path` (relative to `content/`, forward slashes,
    /// e.g. `notes/a.md`, `regions/x/_index.md`, `static/img/a.png`) is published at the site
    /// URL `url` (e.g. `notities/a/`, `regio/x/`, `static/img/a.png`).
    pub fn insert(&mut self, content_path: &str, url: &str) {
        let path = content_path.trim_start_matches('/');
        self.pageless.remove(path);
        self.urls.insert(path.to_string(), url.to_string());
    }

    /// Records a content file that exists but has no page (see [`Pageless`]).
    pub fn insert_pageless(&mut self, content_path: &str, why: Pageless) {
        let path = content_path.trim_start_matches('/');
        self.pageless.insert(path.to_string(), why);
    }

    /// Why the content file at `content_path` has no page, if it exists without one.
    pub fn pageless(&self, content_path: &str) -> Option<Pageless> {
        self.pageless.get(content_path).copied()
    }

    /// Forgets a content file (a draft that is not published in this build).
    pub fn remove(&mut self, content_path: &str) {
        let path = content_path.trim_start_matches('/');
        if self.urls.remove(path).is_some() {
            self.pageless.insert(path.to_string(), Pageless::Draft);
        }
    }

    /// The site URL of a content path, if it is known.
    pub fn get(&self, content_path: &str) -> Option<&str> {
        self.urls.get(content_path).map(String::as_str)
    }

    /// Number of content files in the map.
    pub fn len(&self) -> usize {
        self.urls.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.urls.is_empty()
    }

    /// Resolves `link`, written in the content file at `from_content_path`.
    ///
    /// Relative links are resolved against the folder of `from_content_path`; `@/…` and `/…`
    /// against `content/` itself. A `?query` and a `#fragment` are kept, `%XX` escapes
    /// decoded. A folder (`regions/x` or `regions/x/`) means its `_index.md`.
    pub fn resolve(&self, from_content_path: &str, link: &str) -> Resolution {
        let link = link.trim();
        if let Some(scheme) = scheme(link) {
            return if is_unsafe_scheme(&scheme) {
                Resolution::Unsafe
            } else {
                Resolution::External
            };
        }
        if link.starts_with("//") {
            return Resolution::External;
        }

        let (path, fragment) = match link.split_once('#') {
            Some((path, fragment)) => (path, (!fragment.is_empty()).then_some(fragment)),
            None => (link, None),
        };
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, (!query.is_empty()).then_some(query)),
            None => (path, None),
        };
        if path.is_empty() {
            // `#x`, `?q`, or nothing at all: all stay on the same page.
            return Resolution::Anchor;
        }
        let decoded = percent_decode(path);

        let (base, rest) = if let Some(rest) = decoded.strip_prefix("@/") {
            ("", rest)
        } else if let Some(rest) = decoded.strip_prefix('/') {
            ("", rest)
        } else {
            let folder = from_content_path
                .rsplit_once('/')
                .map_or("", |(folder, _file)| folder);
            (folder, decoded.as_ref())
        };
        let Some(target) = normalise(base, rest) else {
            return Resolution::EscapesRoot;
        };

        let url = self.urls.get(&target).or_else(|| {
            let index = if target.is_empty() {
                INDEX.to_string()
            } else {
                format!("{target}/{INDEX}")
            };
            self.urls.get(&index)
        });
        match url {
            Some(url) => Resolution::Internal {
                url: url.clone(),
                query: query.map(str::to_string),
                fragment: fragment.map(str::to_string),
            },
            None => {
                let suggestion = self.closest(&target);
                Resolution::Missing { target, suggestion }
            }
        }
    }

    /// Whether `link`, written in the content file at `from_content_path`, is a relative path
    /// that lands under `content/static/` (`../static/foto.png` in a note). Raw HTML may link
    /// past the site on purpose, so its links are taken as content links only when they name
    /// a content file this way (or with `@/`, or a `.md` file); see `render::markdown`.
    pub fn lands_in_static(from_content_path: &str, link: &str) -> bool {
        let Some(path) = relative_path(link) else {
            return false;
        };
        let folder = from_content_path
            .rsplit_once('/')
            .map_or("", |(folder, _file)| folder);
        normalise(folder, &path).is_some_and(|t| t == "static" || t.starts_with("static/"))
    }

    /// Whether the relative address `link`, read by a browser on the page at `page_url`
    /// (`notities/x/`), climbs above the site's root: `../../../andere-app/` from a note. Raw
    /// HTML may do so on purpose; `render::markdown` warns.
    pub fn climbs_above_site(page_url: &str, link: &str) -> bool {
        relative_path(link)
            .is_some_and(|path| normalise(page_url.trim_end_matches('/'), &path).is_none())
    }

    /// The known content path closest to `target` by edit distance, if any is close enough to
    /// be a plausible typo. A folder's `_index.md` also matches the bare folder name, so
    /// `regions/haarlemermeer` suggests `regions/haarlemmermeer/_index.md`.
    fn closest(&self, target: &str) -> Option<String> {
        let target: Vec<char> = target.chars().collect();
        let limit = (target.len() / 3).max(2);
        let mut best: Option<(usize, &str)> = None;
        let mut scratch = Vec::new();
        let mut candidate = Vec::new();
        for path in self.urls.keys() {
            let folder = path
                .strip_suffix(INDEX)
                .map(|folder| folder.trim_end_matches('/'));
            for form in std::iter::once(path.as_str()).chain(folder) {
                candidate.clear();
                candidate.extend(form.chars());
                if candidate.len().abs_diff(target.len()) > limit {
                    continue;
                }
                let distance = edit_distance(&target, &candidate, &mut scratch);
                let better = match best {
                    None => true,
                    // Ties go to the smaller path so the hint does not depend on hash order.
                    Some((d, p)) => (distance, path.as_str()) < (d, p),
                };
                if distance <= limit && better {
                    best = Some((distance, path));
                }
            }
        }
        best.map(|(_, path)| path.to_string())
    }
}

/// The decoded path of a relative link (`../static/a%20b.pdf#p` → `../static/a b.pdf`):
/// `None` for one with a scheme, from a root (`/x`, `@/x`), or with no path (`#x`, `?q`).
fn relative_path(link: &str) -> Option<std::borrow::Cow<'_, str>> {
    let link = link.trim();
    if scheme(link).is_some() || link.starts_with(['/', '#', '?', '@']) {
        return None;
    }
    let path = link.split(['#', '?']).next().unwrap_or("");
    (!path.is_empty()).then(|| percent_decode(path))
}

/// The lower-cased scheme of `link` (`https` in `https://…`), if it has one.
///
/// Browsers ignore tabs and line breaks inside a URL, so `java\tscript:` is still a scheme; those
/// are skipped here too, or such a link would slip past the unsafe check as a relative path.
fn scheme(link: &str) -> Option<String> {
    let colon = link.find(':')?;
    let head = &link[..colon];
    if head.contains(['/', '?', '#']) {
        return None;
    }
    let scheme: String = head
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Schemes that run code or smuggle documents into the page.
fn is_unsafe_scheme(scheme: &str) -> bool {
    matches!(scheme, "javascript" | "data" | "vbscript")
}

/// Decodes `%XX` escapes (`my%20file.md` → `my file.md`). Text that would not decode to UTF-8
/// is kept as written, so a stray `%` cannot make a link vanish.
fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                // Two hex digits are at most 0xFF, so the cast cannot truncate.
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(decoded) => std::borrow::Cow::Owned(decoded),
        Err(_) => std::borrow::Cow::Borrowed(text),
    }
}

/// Joins `rest` onto the folder `base` and removes `.` and `..` segments, empty segments and a
/// trailing `/`; `None` when a `..` climbs above `content/`.
fn normalise(base: &str, rest: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    for segment in base.split('/').chain(rest.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(segment),
        }
    }
    Some(segments.join("/"))
}

/// Levenshtein distance between two char slices, reusing `row` between calls.
fn edit_distance(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let cost = usize::from(ca != cb);
            row[j + 1] = (diagonal + cost).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Permalinks {
        let mut links = Permalinks::new();
        links.insert("_index.md", "");
        links.insert("notes/a.md", "notities/a/");
        links.insert("notes/b.md", "notities/b/");
        links.insert("notes/my file.md", "notities/my-file/");
        links.insert("practices/een-loket.md", "praktijken/een-loket/");
        links.insert("regions/haarlemmermeer/_index.md", "regio/haarlemmermeer/");
        links.insert("pages/werkwijze.md", "werkwijze/");
        links.insert("static/img/a.png", "static/img/a.png");
        links
    }

    fn internal(url: &str, fragment: Option<&str>) -> Resolution {
        Resolution::Internal {
            url: url.to_string(),
            query: None,
            fragment: fragment.map(str::to_string),
        }
    }

    fn with_query(url: &str, query: &str, fragment: Option<&str>) -> Resolution {
        Resolution::Internal {
            url: url.to_string(),
            query: Some(query.to_string()),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn resolves_every_supported_form() {
        let links = site();
        let cases = [
            (
                "@/practices/een-loket.md",
                internal("praktijken/een-loket/", None),
            ),
            (
                "../practices/een-loket.md",
                internal("praktijken/een-loket/", None),
            ),
            ("b.md", internal("notities/b/", None)),
            ("./b.md", internal("notities/b/", None)),
            ("/notes/b.md", internal("notities/b/", None)),
            (
                "b.md#wat-werkte",
                internal("notities/b/", Some("wat-werkte")),
            ),
            ("b.md?x=1#y", with_query("notities/b/", "x=1", Some("y"))),
            ("b.md?x=1", with_query("notities/b/", "x=1", None)),
            ("b.md?", internal("notities/b/", None)),
            (
                "../static/img/a.png?v=2",
                with_query("static/img/a.png", "v=2", None),
            ),
            ("b.md#", internal("notities/b/", None)),
            ("my%20file.md", internal("notities/my-file/", None)),
            ("../static/img/a.png", internal("static/img/a.png", None)),
            (
                "@/regions/haarlemmermeer/_index.md",
                internal("regio/haarlemmermeer/", None),
            ),
            (
                "../regions/haarlemmermeer/",
                internal("regio/haarlemmermeer/", None),
            ),
            (
                "../regions/haarlemmermeer",
                internal("regio/haarlemmermeer/", None),
            ),
            (
                "../regions/./x/../haarlemmermeer",
                internal("regio/haarlemmermeer/", None),
            ),
            ("@/", internal("", None)),
            ("../_index.md", internal("", None)),
            ("  b.md  ", internal("notities/b/", None)),
        ];
        for (link, expected) in cases {
            assert_eq!(links.resolve("notes/a.md", link), expected, "link {link:?}");
        }
    }

    #[test]
    fn resolves_relative_to_a_region_folder() {
        let links = site();
        assert_eq!(
            links.resolve("regions/haarlemmermeer/_index.md", "../../notes/a.md"),
            internal("notities/a/", None)
        );
        assert_eq!(
            links.resolve("_index.md", "notes/a.md"),
            internal("notities/a/", None)
        );
    }

    #[test]
    fn external_links_are_left_alone() {
        let links = site();
        for link in [
            "https://example.org/x.md",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:a@example.org",
            "tel:+31201234567",
            "ftp://example.org/a",
            "//example.org/a",
        ] {
            assert_eq!(
                links.resolve("notes/a.md", link),
                Resolution::External,
                "{link}"
            );
        }
    }

    #[test]
    fn anchors_stay_on_the_page() {
        let links = site();
        for link in ["#wat-werkte", "#", "", "?q=1", "?q=1#x"] {
            assert_eq!(
                links.resolve("notes/a.md", link),
                Resolution::Anchor,
                "{link:?}"
            );
        }
    }

    #[test]
    fn script_schemes_are_unsafe() {
        let links = site();
        for link in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "VBScript:msgbox",
        ] {
            assert_eq!(
                links.resolve("notes/a.md", link),
                Resolution::Unsafe,
                "{link:?}"
            );
        }
    }

    #[test]
    fn climbing_above_content_is_refused() {
        let links = site();
        for link in [
            "../../../etc/passwd",
            "../../notes/a.md",
            "/../notes/a.md",
            "@/../x.md",
        ] {
            assert_eq!(
                links.resolve("notes/a.md", link),
                Resolution::EscapesRoot,
                "{link}"
            );
        }
    }

    #[test]
    fn missing_file_suggests_the_closest_path() {
        let links = site();
        assert_eq!(
            links.resolve("notes/a.md", "../practices/een-lokt.md"),
            Resolution::Missing {
                target: "practices/een-lokt.md".into(),
                suggestion: Some("practices/een-loket.md".into()),
            }
        );
        assert_eq!(
            links.resolve("notes/a.md", "@/regions/haarlemermeer/"),
            Resolution::Missing {
                target: "regions/haarlemermeer".into(),
                suggestion: Some("regions/haarlemmermeer/_index.md".into()),
            }
        );
    }

    #[test]
    fn missing_file_far_from_anything_has_no_suggestion() {
        let links = site();
        assert_eq!(
            links.resolve("notes/a.md", "completely-different-name.md"),
            Resolution::Missing {
                target: "notes/completely-different-name.md".into(),
                suggestion: None,
            }
        );
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        let cases = [
            ("a%20b", "a b"),
            ("%C3%A9en", "éen"),
            ("100%", "100%"),
            ("a%2", "a%2"),
            ("a%zz", "a%zz"),
            ("%FF", "%FF"),
        ];
        for (input, expected) in cases {
            assert_eq!(percent_decode(input), expected, "{input}");
        }
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        let mut row = Vec::new();
        let d = |a: &str, b: &str, row: &mut Vec<usize>| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b, row)
        };
        assert_eq!(d("kitten", "sitting", &mut row), 3);
        assert_eq!(d("", "abc", &mut row), 3);
        assert_eq!(d("uwv", "uwwv", &mut row), 1);
        assert_eq!(d("same", "same", &mut row), 0);
    }
}
