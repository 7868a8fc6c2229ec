//! snapshot: the site as the preview serves it — the last good build's files in memory, the
//! current error — and when each file last changed, so that a save reloads only the open
//! pages it changed.
//!
//! An open page reloads when its *stamp* moves: the newest version at which its own bytes,
//! a file it loads (`<link href>`, any `src`: the style sheet, a script, the search index, an
//! image), the theme's assets or the site's static files (which a style sheet's `url()` or a
//! `srcset` may load), or the error overlay changed. Saving a note therefore leaves an open region page
//! alone unless the region page lists that note differently; an editor who picked regions
//! on the comparison page keeps the picks while writing notes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::route::{self, Route};
use crate::config::Language;
use crate::render::Output;

/// A file as served.
pub(super) enum Served {
    /// Generated in memory.
    Bytes(Vec<u8>),
    /// Generated in memory in pieces shared with the render cache (a page, the search
    /// index), joined when it is asked for.
    Chunks(Vec<Arc<[u8]>>),
    /// Copied from the site as is (content/static/); read at request time.
    File(PathBuf),
}

/// The site being served: the last good build plus the current error, if any.
pub(super) struct Snapshot {
    /// Every file by output path (`regio/x/index.html`).
    pub files: HashMap<String, Served>,
    /// The diagnostics of the last build when it failed, as the terminal shows them.
    pub error: Option<String>,
    /// Bumped by every build that changed anything; new stamps take this value.
    pub version: u64,
    /// The site's language, for the preview's own pages (not found, the overlay).
    pub language: Language,
    /// When each file last changed.
    stamps: Stamps,
}

/// When each file last changed, as a [`Snapshot::version`].
#[derive(Default)]
struct Stamps {
    /// The version of the last whole build: a file without an entry in `changed` changed then.
    base: u64,
    /// Files changed since the last whole build, and open pages (and what they load) that
    /// it left as they were.
    changed: HashMap<String, u64>,
    /// When the error overlay last appeared, changed or went away: every page shows it.
    error: u64,
    /// When a save last touched the theme or the site's static files: any page may load
    /// them in ways a scan of its HTML does not see (a style sheet's `url()`, a `srcset`).
    assets: u64,
}

impl Snapshot {
    /// Nothing served yet.
    pub fn new() -> Snapshot {
        Snapshot {
            files: HashMap::new(),
            error: None,
            version: 0,
            language: Language::default(),
            stamps: Stamps::default(),
        }
    }

    /// Adds a save's files; those whose bytes differ from the ones served are stamped with
    /// the current version.
    pub fn add(&mut self, files: Vec<Output>) {
        for (path, served) in served_files(files) {
            if !self.files.get(&path).is_some_and(|old| same(old, &served)) {
                self.stamps.changed.insert(path.clone(), self.version);
            }
            self.files.insert(path, served);
        }
    }

    /// Stops serving `path` (a removed note's page).
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
        self.stamps.changed.remove(path);
    }

    /// Serves a whole build instead of everything before it. Every file counts as changed,
    /// except the pages in `open` and the files they load when their bytes are the same.
    pub fn replace(&mut self, files: Vec<Output>, open: &[String]) {
        let old = std::mem::replace(&mut self.files, served_files(files));
        let old_stamps = std::mem::take(&mut self.stamps.changed);
        let old_base = std::mem::replace(&mut self.stamps.base, self.version);
        for page in open {
            let loads = self.html(page).map(|h| dependencies(&h, page));
            for path in std::iter::once(page).chain(loads.iter().flatten()) {
                if let (Some(before), Some(now)) = (old.get(path), self.files.get(path)) {
                    if same(before, now) {
                        let stamp = old_stamps.get(path).copied().unwrap_or(old_base);
                        self.stamps.changed.insert(path.clone(), stamp);
                    }
                }
            }
        }
    }

    /// Records that the save touched the theme or the site's static files: every page moves.
    pub fn assets_changed(&mut self) {
        self.stamps.assets = self.version;
    }

    /// Sets the error shown over every page; a new, changed or cleared error stamps them all.
    pub fn set_error(&mut self, error: Option<String>) {
        if self.error != error {
            self.stamps.error = self.version;
            self.error = error;
        }
    }

    /// The stamp of the page at `path`: its live-reload script reloads the page when the
    /// server sends another. A page that is not there (the not-found page) moves with every
    /// build, since the next one may make it.
    pub fn page_stamp(&self, path: &str) -> u64 {
        match self.html(path) {
            Some(html) => self.page_stamp_of(path, &html),
            None => self.page_stamp_of(path, &[]),
        }
    }

    /// [`Snapshot::page_stamp`] for a page whose bytes are at hand. A page copied from the
    /// site (content/static/) moves with the static files; what it loads is not scanned.
    pub fn page_stamp_of(&self, path: &str, html: &[u8]) -> u64 {
        let own = match self.files.get(path) {
            None => return self.version,
            Some(Served::File(_)) => return self.stamp(path).max(self.everywhere()),
            Some(_) => self.stamp(path).max(self.everywhere()),
        };
        dependencies(html, path)
            .iter()
            .filter(|dep| self.files.contains_key(dep.as_str()))
            .map(|dep| self.stamp(dep))
            .fold(own, u64::max)
    }

    /// The newest change every page shows: the error overlay, the assets.
    fn everywhere(&self) -> u64 {
        self.stamps.error.max(self.stamps.assets)
    }

    fn stamp(&self, path: &str) -> u64 {
        self.stamps
            .changed
            .get(path)
            .copied()
            .unwrap_or(self.stamps.base)
    }

    /// The bytes of a page made in memory (not of a copied file, which loads nothing the
    /// build makes).
    fn html(&self, path: &str) -> Option<Vec<u8>> {
        if !route::content_type(path).starts_with("text/html") {
            return None;
        }
        match self.files.get(path)? {
            Served::Bytes(b) => Some(b.clone()),
            Served::Chunks(c) => Some(c.concat()),
            Served::File(_) => None,
        }
    }
}

/// The files a build made, as served.
pub(super) fn served_files(files: Vec<Output>) -> HashMap<String, Served> {
    files
        .into_iter()
        .filter_map(|f| match f {
            Output::Generated { path, bytes } => Some((path, Served::Bytes(bytes))),
            Output::Chunks { path, chunks } => Some((path, Served::Chunks(chunks))),
            Output::Copied { path, from } => Some((path, Served::File(from))),
            // The preview builds in memory: nothing is written to disk.
            Output::Written { .. } => None,
        })
        .collect()
}

/// Whether two versions of a file have the same bytes. A copied file is read when asked for:
/// it is the same when copied from the same file (a save to it marks the assets changed,
/// [`Snapshot::assets_changed`]).
fn same(a: &Served, b: &Served) -> bool {
    match (a, b) {
        (Served::File(x), Served::File(y)) => x == y,
        (Served::File(_), _) | (_, Served::File(_)) => false,
        // Cut alike (the search index, in pieces shared with the cache): piece by piece, a
        // shared piece unread. Cut alike but not equal piece by piece counts as changed,
        // which at worst reloads a page for nothing.
        (Served::Chunks(x), Served::Chunks(y)) if x.len() == y.len() => {
            x.iter().zip(y).all(|(p, q)| Arc::ptr_eq(p, q) || p == q)
        }
        (x, y) => pieces_equal(&pieces(x), &pieces(y)),
    }
}

fn pieces(s: &Served) -> Vec<&[u8]> {
    match s {
        Served::Bytes(b) => vec![b.as_slice()],
        Served::Chunks(c) => c.iter().map(|c| &c[..]).collect(),
        Served::File(_) => Vec::new(),
    }
}

/// Whether two sequences of pieces join to the same bytes, without joining them.
fn pieces_equal(a: &[&[u8]], b: &[&[u8]]) -> bool {
    let total = |p: &[&[u8]]| p.iter().map(|x| x.len()).sum::<usize>();
    if total(a) != total(b) {
        return false;
    }
    let (mut a, mut b) = (a.iter().copied(), b.iter().copied());
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        if x.is_empty() {
            match a.next() {
                Some(next) => x = next,
                None => return true,
            }
            continue;
        }
        if y.is_empty() {
            // Same totals: `b` has bytes left while `a` has.
            y = b.next().unwrap_or_default();
            continue;
        }
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        (x, y) = (&x[n..], &y[n..]);
    }
}

/// The files of the site a page loads: the `href` of its `<link>` elements and every `src`,
/// as output paths. Links to other hosts, `data:` URLs and paths outside the site are left
/// out. An inline script that looks like a tag adds at most a file that is then watched too.
pub(super) fn dependencies(html: &[u8], page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[start + 1..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let is_link = tag[..name_end].eq_ignore_ascii_case(b"link");
        for (name, value) in attributes(&tag[name_end..]) {
            let loads = name.eq_ignore_ascii_case(b"src")
                || name.eq_ignore_ascii_case(b"srcset")
                || name.eq_ignore_ascii_case(b"poster")
                || is_link && name.eq_ignore_ascii_case(b"href");
            if !loads {
                continue;
            }
            // A `srcset` lists candidates, each a URL and a width or density.
            let urls: Vec<&[u8]> = if name.eq_ignore_ascii_case(b"srcset") {
                value
                    .split(|&b| b == b',')
                    .filter_map(|c| c.split(u8::is_ascii_whitespace).find(|u| !u.is_empty()))
                    .collect()
            } else {
                vec![value]
            };
            found.extend(urls.into_iter().filter_map(|u| resolve(page, u)));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Where the tag that starts `s` (just after its `<`) ends: the first `>` outside quotes.
fn tag_end(s: &[u8]) -> usize {
    let mut quote = None;
    for (i, &b) in s.iter().enumerate() {
        match (quote, b) {
            (None, b'>') => return i,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            _ => {}
        }
    }
    s.len()
}

/// A tag's attributes after its name: (name, value) pairs, quoted or not.
fn attributes(mut s: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    loop {
        let start = s
            .iter()
            .position(|b| !b.is_ascii_whitespace() && *b != b'/');
        let Some(start) = start else { return out };
        s = &s[start..];
        let name_end = s
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'=' || *b == b'/')
            .unwrap_or(s.len());
        let name = &s[..name_end];
        s = &s[name_end..];
        let after_space = s
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(s.len());
        if s.get(after_space) != Some(&b'=') {
            continue;
        }
        s = &s[after_space + 1..];
        let v = s
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(s.len());
        s = &s[v..];
        let value = match s.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let len = s[1..].iter().position(|&b| b == q).unwrap_or(s.len() - 1);
                let value = &s[1..1 + len];
                s = &s[(len + 2).min(s.len())..];
                value
            }
            _ => {
                let len = s
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(s.len());
                let value = &s[..len];
                s = &s[len..];
                value
            }
        };
        out.push((name, value));
    }
}

/// The output path a URL in the page at `page` names, when it is a file of the site.
fn resolve(page: &str, url: &[u8]) -> Option<String> {
    let url = std::str::from_utf8(url).ok()?.replace("&amp;", "&");
    let url = url.split(['?', '#']).next()?;
    if url.is_empty() || url.starts_with("//") || url.contains(':') {
        return None;
    }
    let mut segments: Vec<&str> = match url.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => page.split('/').collect(),
    };
    // The page's own file name (`index.html`) is not a folder.
    if !url.starts_with('/') {
        segments.pop();
    }
    let trailing = url.ends_with('/');
    for segment in url.split('/') {
        match segment {
            "" | "." => {}
            // Above the site's root stays at the root, as in a browser.
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut absolute = format!("/{}", segments.join("/"));
    if trailing && !absolute.ends_with('/') {
        absolute.push('/');
    }
    match route::route(&absolute) {
        Route::File { path, .. } => Some(path),
        Route::LiveReload { .. } | Route::BadRequest => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output::Generated {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_what_a_page_loads() {
        let html = r#"<html><head><link rel="stylesheet" href="../../assets/style.css"><LINK rel=icon HREF=../../favicon.svg></head>
<body><a href="../../regio/x/index.html">x</a><img alt='' src='plaatje.png'><script src="../../zoeken/zoekindex.js?v=2"></script>
<script>if (a<b) {}</script><img src="https://elders.example/x.png"><img src="data:image/png;base64,AA">
<img title="a > b" src="na-pijl.png"><img srcset="klein.png 1x, /groot.png 2x"><video poster="../../beeld.jpg"></video></body></html>"#;
        assert_eq!(
            dependencies(html.as_bytes(), "notities/n/index.html"),
            [
                "assets/style.css",
                "beeld.jpg",
                "favicon.svg",
                "groot.png",
                "notities/n/klein.png",
                "notities/n/na-pijl.png",
                "notities/n/plaatje.png",
                "zoeken/zoekindex.js"
            ]
        );
        assert_eq!(
            dependencies(br#"<script src="data.js"></script>"#, "index.html"),
            ["data.js"]
        );
        assert_eq!(
            dependencies(
                br#"<link href="/assets/a.css"><img src=./b/><img src="../../../x.png">"#,
                "x/index.html"
            ),
            ["assets/a.css", "x.png", "x/b/index.html"],
            "above the root stays at the root, as in a browser"
        );
    }

    /// Versions 1 to 4: a whole build, a note save, a style sheet save, a failed save.
    #[test]
    fn a_page_moves_only_when_it_or_what_it_loads_changes() {
        let css = r#"<link rel="stylesheet" href="../style.css">"#;
        let mut s = Snapshot::new();
        s.version = 1;
        s.replace(
            vec![
                page("a/index.html", &format!("{css}A")),
                page("b/index.html", &format!("{css}B")),
                page("style.css", "body{}"),
            ],
            &[],
        );
        assert_eq!(s.page_stamp("a/index.html"), 1);

        s.version = 2;
        s.add(vec![page("a/index.html", &format!("{css}A2"))]);
        s.add(vec![page("b/index.html", &format!("{css}B"))]);
        assert_eq!(s.page_stamp("a/index.html"), 2, "changed");
        assert_eq!(s.page_stamp("b/index.html"), 1, "made again, the same");
        assert_eq!(
            s.page_stamp("nieuw/index.html"),
            2,
            "not there: every build"
        );

        s.version = 3;
        let open = ["a/index.html".to_string(), "b/index.html".to_string()];
        s.replace(
            vec![
                page("a/index.html", &format!("{css}A2")),
                page("b/index.html", &format!("{css}B")),
                page("style.css", "body{color:red}"),
            ],
            &open,
        );
        assert_eq!(s.page_stamp("a/index.html"), 3, "its style sheet changed");
        assert_eq!(
            s.stamp("a/index.html"),
            2,
            "an open page kept its own stamp"
        );

        s.version = 4;
        s.set_error(Some("error: x".into()));
        assert_eq!(s.page_stamp("b/index.html"), 4, "the overlay shows");
        s.version = 5;
        s.set_error(Some("error: x".into()));
        assert_eq!(s.page_stamp("b/index.html"), 4, "the same error: no reload");
        s.remove("b/index.html");
        assert_eq!(s.page_stamp("b/index.html"), 5, "gone: not found");
    }

    /// A save to the theme or the static files moves every page (a style sheet may load an
    /// image with `url()`); a copied page moves with them, and its stamp is the same whether
    /// the stream or the page asks.
    #[test]
    fn assets_move_every_page_and_copied_pages_agree() {
        let mut s = Snapshot::new();
        s.version = 1;
        let copied = Output::Copied {
            path: "demo.html".into(),
            from: "content/static/demo.html".into(),
        };
        let script = r#"<script src="zoeken/zoekindex.js"></script>"#;
        s.replace(
            vec![
                page("a/index.html", "A"),
                copied.clone(),
                page("zoeken/zoekindex.js", "1"),
            ],
            &[],
        );
        s.version = 2;
        s.add(vec![page("zoeken/zoekindex.js", "2")]);
        assert_eq!(s.page_stamp("demo.html"), 1);
        assert_eq!(
            s.page_stamp_of("demo.html", script.as_bytes()),
            1,
            "what a copied page loads is not scanned, so both ask alike"
        );
        s.version = 3;
        let open = ["a/index.html".to_string(), "demo.html".to_string()];
        s.replace(
            vec![
                page("a/index.html", "A"),
                copied,
                page("zoeken/zoekindex.js", "2"),
            ],
            &open,
        );
        assert_eq!(
            s.page_stamp("a/index.html"),
            1,
            "a whole build, nothing new"
        );
        assert_eq!(s.page_stamp("demo.html"), 1, "copied from the same file");
        s.assets_changed();
        assert_eq!(s.page_stamp("a/index.html"), 3);
        assert_eq!(s.page_stamp("demo.html"), 3);
    }

    #[test]
    fn chunks_shared_with_the_cache_compare_without_joining() {
        let chunk: Arc<[u8]> = Arc::from(&b"abc"[..]);
        let a = Served::Chunks(vec![chunk.clone(), Arc::from(&b"d"[..])]);
        let b = Served::Chunks(vec![chunk, Arc::from(&b"d"[..])]);
        assert!(same(&a, &b));
        assert!(same(&a, &Served::Bytes(b"abcd".to_vec())));
        assert!(!same(&a, &Served::Bytes(b"abce".to_vec())));
        assert!(same(&Served::File("x".into()), &Served::File("x".into())));
        assert!(!same(&Served::File("x".into()), &Served::File("y".into())));
        let piece = |b: &[u8]| -> Arc<[u8]> { Arc::from(b) };
        let three =
            |x: &[u8], y: &[u8], z: &[u8]| Served::Chunks(vec![piece(x), piece(y), piece(z)]);
        assert!(
            same(&a, &three(b"a", b"bc", b"d")),
            "cut in other places, the same bytes"
        );
        assert!(!same(&a, &three(b"a", b"bc", b"e")));
        assert!(!same(&a, &three(b"a", b"bc", b"")), "shorter");
    }

    #[test]
    fn pieces_join_alike_however_they_are_cut() {
        assert!(pieces_equal(&[b"ab", b"", b"cd"], &[b"a", b"bcd"]));
        assert!(pieces_equal(&[], &[b"", b""]));
        assert!(!pieces_equal(&[b"ab", b"cd"], &[b"abce"]));
        assert!(!pieces_equal(&[b"abc"], &[b"ab"]));
    }
}
