//! render cache: what one render can hand to the next so `spiegel serve` redoes only what
//! changed. In: Markdown bodies and page contexts; out: the same HTML a fresh render gives.
//!
//! Five memo tables, each keyed by the 128-bit hash of every input of what it stores
//! ([`key_hash`]: an injective encoding of the inputs' serde output, hashed with XXH3; two
//! different inputs clash with a chance of about 2^-128 per pair, negligible for an editor's
//! own content, though XXH3 is no defence against someone crafting collisions):
//! - Markdown: a body's HTML, TOC, summary and link diagnostics depend on the body text, its
//!   file and offset, the page URL, `allow_html` and the permalink map. The first five are the
//!   key. When the permalink map changes (a file added, renamed or removed), a stored body is
//!   reused only once the links it recorded resolve alike against the new map
//!   ([`RenderedMarkdown::links_resolve_alike`]): resolving links is the only thing a body's
//!   rendering takes from the rest of the site.
//! - Pages: a page's HTML depends on the parsed templates, the template name, the JSON context
//!   and whether it is minified. The key is the template name and the page's own values. The
//!   table is cleared whenever the site-wide part of the context changes
//!   ([`RenderCache::base`]) or the theme is reloaded ([`RenderCache::theme_changed`]; a theme
//!   is loaded for one minify setting).
//! - Mirror views, region downloads and notes' search documents: keyed by every input they
//!   are made from.
//!
//! Entries not used by a render are dropped after it, so deleted pages do not linger.
//! A disabled cache (what `spiegel build` uses) stores nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::links::Permalinks;
use crate::model::Body;

use super::key_hash::key_hash;
use super::markdown::RenderedMarkdown;
use super::views::MirrorView;

/// Memo tables kept between renders. Shared by rayon threads, hence the mutexes.
#[derive(Debug, Default)]
pub struct RenderCache {
    enabled: bool,
    /// Each body's rendering, with the [`RenderCache::links_version`] its links were last
    /// found to resolve alike in.
    markdown: Mutex<Table<MarkdownKey, (RenderedMarkdown, u64)>>,
    /// Each page's HTML, shared with the preview server's copy of the page.
    pages: Mutex<Table<PageKey, Arc<[u8]>>>,
    /// Shared: a region page's view takes them without copying their charts (~150 KB).
    mirrors: Mutex<Table<KeyHash, Arc<MirrorView>>>,
    downloads: Mutex<Table<KeyHash, Vec<super::Output>>>,
    /// Each note's search document, serialised.
    search_docs: Mutex<Table<KeyHash, Vec<u8>>>,
    /// The site-wide part of the contexts the stored pages were rendered with, serialised.
    base: Mutex<Vec<u8>>,
    permalinks: Mutex<Option<Permalinks>>,
    /// Counts the renders whose permalinks differed from the render before.
    links_version: std::sync::atomic::AtomicU64,
    stats: Mutex<CacheStats>,
    /// What the last whole render made of each note, for a rebuild after body edits only
    /// (see `render::render_note_edits`).
    notes: Mutex<Option<NoteRenders>>,
}

/// Each note's summary and search document from the last whole render, in site order.
#[derive(Debug, Clone, Default)]
pub(crate) struct NoteRenders {
    /// Summaries, one per note.
    pub summaries: Vec<String>,
    /// Serialised search documents, one per note (shared with the index's pieces).
    pub docs: Vec<std::sync::Arc<[u8]>>,
    /// The search documents after the notes' (practices, regions, themes, free pages), which
    /// an edit to notes leaves as they are.
    pub others: Vec<std::sync::Arc<[u8]>>,
    /// What each note's body links resolved to, one per note: with the other bodies' (in
    /// `bodies`), every link of the site, so a removed note is known to be unlinked.
    pub links: Vec<super::markdown::LinkResolutions>,
    /// The other bodies (home, regions, practices, free pages), rendered: edits to notes
    /// alone leave them as they are.
    pub bodies: std::sync::Arc<super::Bodies>,
    /// The pages the sitemap lists, when the site has one (a note's date is its `lastmod`).
    pub sitemap_pages: Vec<String>,
    /// Each region's digest (`render::region_digests`), for a rebuild after results edits,
    /// which makes only the changed regions' again.
    pub region_digests: Vec<Option<u128>>,
}

/// How much a render took from the cache: shown by `spiegel serve` and used by its tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    /// Markdown bodies rendered afresh.
    pub markdown_rendered: usize,
    /// Markdown bodies taken from the cache.
    pub markdown_reused: usize,
    /// Pages rendered through the templates afresh.
    pub pages_rendered: usize,
    /// Pages taken from the cache.
    pub pages_reused: usize,
}

/// A body's inputs (file, offset in it, text, page URL, raw HTML allowed), as their hash:
/// hashing a body's text once is cheaper than the table hashing and comparing it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct MarkdownKey(KeyHash);

/// A page's inputs, as the hash of their serialisation: equal keys render equal pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PageKey(KeyHash);

/// Whether a mirror view's owner (`region/questionnaire`) is `region`'s, of a questionnaire
/// not among `kept`.
fn left(owner: &str, region: &str, kept: &[&str]) -> bool {
    owner
        .strip_prefix(region)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|q| !kept.contains(&q))
}

/// An input's [`key_hash`]. The tables keep this instead of the serialised input itself,
/// which at 10,000 notes was ~190 MB for the pages alone. Two different inputs share a hash
/// with a chance of about 2^-128 per pair: negligible for the editor's own content in one
/// process (XXH3 is not meant to resist crafted collisions).
type KeyHash = u128;

/// A memo table that remembers which entries the current render used.
#[derive(Debug)]
struct Table<K, V> {
    entries: HashMap<K, (V, bool)>,
    /// The key each owner (a page's path, a region) stored last: a new entry for an owner
    /// replaces its old one. Partial renders never sweep (they visit only some pages), so
    /// without this every results save would keep another version of the pages it changed.
    owners: HashMap<String, K>,
    hits: usize,
    misses: usize,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table {
            entries: HashMap::new(),
            owners: HashMap::new(),
            hits: 0,
            misses: 0,
        }
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> Table<K, V> {
    fn get(&mut self, key: &K) -> Option<V> {
        match self.entries.get_mut(key) {
            Some((value, used)) => {
                *used = true;
                self.hits += 1;
                Some(value.clone())
            }
            None => {
                self.misses += 1;
                None
            }
        }
    }

    /// The entry under `key`, neither marked used nor counted: the caller decides with
    /// [`Table::reuse`] or [`Table::replace`].
    fn peek(&self, key: &K) -> Option<V> {
        self.entries.get(key).map(|(value, _)| value.clone())
    }

    /// Marks the entry under `key` used after all (a hit), updated by `update`.
    fn reuse(&mut self, key: &K, update: impl FnOnce(&mut V)) {
        self.hits += 1;
        if let Some((value, used)) = self.entries.get_mut(key) {
            update(value);
            *used = true;
        }
    }

    /// Stores `value` under `key` as made afresh (a miss).
    fn replace(&mut self, key: K, value: V) {
        self.misses += 1;
        self.put(key, value);
    }

    fn put(&mut self, key: K, value: V) {
        self.entries.insert(key, (value, true));
    }

    /// [`Table::put`], dropping what `owner` stored before under another key. (Two owners
    /// with the same key, two identical pages, cost at worst a miss later.)
    fn put_owned(&mut self, owner: &str, key: K, value: V)
    where
        K: Copy,
    {
        if let Some(old) = self.owners.insert(owner.to_string(), key) {
            if old != key {
                self.entries.remove(&old);
            }
        }
        self.put(key, value);
    }

    /// Drops the entries of the owners `gone` says are gone (those a partial render will
    /// not store again, so no later entry replaces them).
    fn drop_owners(&mut self, gone: impl Fn(&str) -> bool) {
        let entries = &mut self.entries;
        self.owners.retain(|owner, key| {
            let keep = !gone(owner);
            if !keep {
                entries.remove(key);
            }
            keep
        });
    }

    /// The hit and miss counters.
    fn counts(&mut self) -> (&mut usize, &mut usize) {
        (&mut self.hits, &mut self.misses)
    }

    /// Drops what the last render did not use and resets the marks; returns (misses, hits).
    fn sweep(&mut self) -> (usize, usize) {
        self.entries.retain(|_, (_, used)| std::mem::take(used));
        let entries = &self.entries;
        self.owners.retain(|_, key| entries.contains_key(key));
        let counts = (self.misses, self.hits);
        self.misses = 0;
        self.hits = 0;
        counts
    }
}

/// A value from `table` under `key`'s hash, or made by `make` and stored (in place of what
/// `owner`, when named, stored before).
fn memo<K: serde::Serialize, V: Clone>(
    enabled: bool,
    table: &Mutex<Table<KeyHash, V>>,
    (key, owner): (&K, Option<&str>),
    make: impl FnOnce() -> V,
) -> V {
    if !enabled {
        return make();
    }
    let Some(key) = key_hash(key) else {
        return make();
    };
    if let Some(hit) = lock(table).get(&key) {
        return hit;
    }
    let value = make();
    match owner {
        Some(owner) => lock(table).put_owned(owner, key, value.clone()),
        None => lock(table).put(key, value.clone()),
    }
    value
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves only memo entries behind; they are still valid
    // (each entry is inserted whole), so a poisoned lock is safe to keep using.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl RenderCache {
    /// A cache that remembers between renders.
    pub fn new() -> Self {
        RenderCache {
            enabled: true,
            ..RenderCache::default()
        }
    }

    /// A cache that stores nothing: every body and page is rendered afresh.
    pub fn disabled() -> Self {
        RenderCache::default()
    }

    /// Forgets every page: the templates changed, so no stored page can be trusted.
    pub fn theme_changed(&self) {
        *lock(&self.pages) = Table::default();
    }

    /// Called at the start of a render with its permalink map. When it differs from the last
    /// render's (a file was added, removed or renamed), links may resolve differently: each
    /// stored body is then checked once, by resolving its links again, before it is reused.
    pub(crate) fn begin(&self, permalinks: &Permalinks) {
        if !self.enabled {
            return;
        }
        let mut last = lock(&self.permalinks);
        if last.as_ref() != Some(permalinks) {
            self.links_version
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            *last = Some(permalinks.clone());
        }
    }

    /// Called at the end of a render: drops unused entries and records the counts.
    pub(crate) fn finish(&self) -> CacheStats {
        let (markdown_rendered, markdown_reused) = lock(&self.markdown).sweep();
        let (pages_rendered, pages_reused) = lock(&self.pages).sweep();
        lock(&self.mirrors).sweep();
        lock(&self.downloads).sweep();
        lock(&self.search_docs).sweep();
        let stats = CacheStats {
            markdown_rendered,
            markdown_reused,
            pages_rendered,
            pages_reused,
        };
        *lock(&self.stats) = stats;
        stats
    }

    /// What the last render took from the cache.
    pub fn stats(&self) -> CacheStats {
        *lock(&self.stats)
    }

    /// A body's rendering, from the cache or from `render`. A stored rendering made against
    /// other permalinks is reused only if its links resolve alike against `permalinks`, from
    /// the file's `content_path`.
    pub(crate) fn markdown(
        &self,
        body: &Body,
        page_url: &str,
        allow_html: bool,
        (permalinks, content_path): (&Permalinks, &str),
        render: impl FnOnce() -> RenderedMarkdown,
    ) -> RenderedMarkdown {
        if !self.enabled {
            return render();
        }
        let inputs = (&body.file, body.offset, &*body.text, page_url, allow_html);
        let Some(key) = key_hash(&inputs).map(MarkdownKey) else {
            return render();
        };
        let version = self
            .links_version
            .load(std::sync::atomic::Ordering::Relaxed);
        // Checked outside the lock: a missing link's "did you mean" walks every path.
        let stored = lock(&self.markdown).peek(&key);
        let reusable = stored.filter(|(rendered, checked)| {
            *checked == version || rendered.links_resolve_alike(permalinks, content_path)
        });
        if let Some((rendered, _)) = reusable {
            lock(&self.markdown).reuse(&key, |(_, checked)| *checked = version);
            return rendered;
        }
        let rendered = render();
        lock(&self.markdown).replace(key, (rendered.clone(), version));
        rendered
    }

    /// Whether this cache keeps anything (the preview's does; a build's does not).
    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Keeps what the whole render made of each note (enabled caches only).
    pub(crate) fn set_notes(&self, notes: NoteRenders) {
        if self.enabled {
            *lock(&self.notes) = Some(notes);
        }
    }

    /// What the last whole render made of each note, for a rebuild that changes some of it.
    pub(crate) fn notes(&self) -> std::sync::MutexGuard<'_, Option<NoteRenders>> {
        lock(&self.notes)
    }

    /// Records what a partial render did, for [`RenderCache::stats`]. Its hits and misses
    /// are not counted again by the next whole render; what it used stays kept.
    pub(crate) fn set_stats(&self, stats: CacheStats) {
        *lock(&self.stats) = stats;
        for (hits, misses) in [lock(&self.markdown).counts(), lock(&self.pages).counts()] {
            *hits = 0;
            *misses = 0;
        }
    }

    /// How many pages were rendered and how many taken from the table since the last whole
    /// render's end (or [`RenderCache::set_stats`]): a partial render's counts are the
    /// difference between two calls.
    pub(crate) fn page_counts(&self) -> (usize, usize) {
        let pages = lock(&self.pages);
        (pages.misses, pages.hits)
    }

    /// A region's download files, from the cache or from `make`. `key` holds every input;
    /// `region` is the region's slug (its files replace the region's earlier ones).
    pub(crate) fn downloads<K: serde::Serialize>(
        &self,
        (key, region): (&K, &str),
        make: impl FnOnce() -> Vec<super::Output>,
    ) -> Vec<super::Output> {
        memo(self.enabled, &self.downloads, (key, Some(region)), make)
    }

    /// A note's search document, from the cache or from `make`; `inputs` are everything
    /// `make` reads.
    pub(crate) fn search_doc<K: serde::Serialize>(
        &self,
        inputs: &K,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Vec<u8> {
        memo(self.enabled, &self.search_docs, (inputs, None), make)
    }

    /// A region's mirror view (charts included), from the cache or from `make`. `key` holds
    /// every input of the view; `owner` names the region and questionnaire (the view
    /// replaces their earlier one).
    pub(crate) fn mirror<K: serde::Serialize>(
        &self,
        (key, owner): (&K, &str),
        make: impl FnOnce() -> MirrorView,
    ) -> Arc<MirrorView> {
        memo(self.enabled, &self.mirrors, (key, Some(owner)), || {
            Arc::new(make())
        })
    }

    /// Forgets the region's mirror views of questionnaires it has no results for any more
    /// (its rounds moved to another one): a partial render never sweeps the table.
    pub(crate) fn forget_other_mirrors(&self, region: &str, questionnaires: &[&str]) {
        lock(&self.mirrors).drop_owners(|owner| left(owner, region, questionnaires));
    }

    /// Called once per render with the site-wide part of every page's context: when it
    /// differs from the last render's, every stored page is forgotten. Page keys then need
    /// only the page's own values.
    pub(crate) fn base(&self, base: &serde_json::Map<String, serde_json::Value>) {
        if !self.enabled {
            return;
        }
        // A JSON map always serialises.
        let bytes = serde_json::to_vec(base)
            .unwrap_or_else(|e| panic!("bug in spiegel: page context does not serialise: {e}"));
        let mut last = lock(&self.base);
        if *last != bytes {
            *lock(&self.pages) = Table::default();
            *last = bytes;
        }
    }

    /// The key of a page, from every input of the page but the templates and the site-wide
    /// context (see [`RenderCache::base`]); `None` when the cache is disabled, so a plain
    /// build pays nothing for it.
    pub(crate) fn page_key<K: serde::Serialize>(&self, key: &K) -> Option<PageKey> {
        if !self.enabled {
            return None;
        }
        key_hash(key).map(PageKey)
    }

    /// A page's file, its HTML from the cache or from `render`. With the cache on, the HTML
    /// is shared between the cache and the file handed on (the one piece of an
    /// [`Output::Chunks`](super::Output::Chunks)), so the preview holds each page once.
    /// Errors are never stored, so a failing template is retried next time.
    pub(crate) fn page<E>(
        &self,
        key: Option<PageKey>,
        path: String,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<super::Output, E> {
        let Some(key) = key else {
            return render().map(|bytes| super::Output::Generated { path, bytes });
        };
        let hit = lock(&self.pages).get(&key);
        let html = match hit {
            Some(html) => html,
            None => {
                let html: Arc<[u8]> = render()?.into();
                lock(&self.pages).put_owned(&path, key, html.clone());
                html
            }
        };
        Ok(super::Output::Chunks {
            path,
            chunks: vec![html],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Body {
        Body {
            file: "content/notes/a.md".into(),
            text: text.into(),
            offset: 10,
        }
    }

    /// For bodies without links: nothing to resolve them against.
    fn no_links() -> (&'static Permalinks, &'static str) {
        static EMPTY: std::sync::OnceLock<Permalinks> = std::sync::OnceLock::new();
        (EMPTY.get_or_init(Permalinks::new), "notes/a.md")
    }

    fn rendered(html: &str) -> RenderedMarkdown {
        RenderedMarkdown {
            html: html.into(),
            ..RenderedMarkdown::default()
        }
    }

    /// A region whose rounds moved from questionnaire `a` to `b` keeps only `b`'s view; other
    /// regions (even one whose slug starts the same) keep theirs.
    #[test]
    fn a_region_forgets_the_mirror_views_of_questionnaires_it_left() {
        let mut table: Table<u8, &str> = Table::default();
        table.put_owned("assen/a", 1, "assen a");
        table.put_owned("assen/b", 2, "assen b");
        table.put_owned("assen-zuid/a", 3, "assen-zuid a");
        table.drop_owners(|owner| left(owner, "assen", &["b"]));
        assert_eq!(table.peek(&1), None);
        assert_eq!(table.peek(&2), Some("assen b"));
        assert_eq!(table.peek(&3), Some("assen-zuid a"));
        assert_eq!(table.owners.len(), 2);
    }

    #[test]
    fn reuses_a_body_whose_text_did_not_change() {
        let cache = RenderCache::new();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "notities/a/", false, no_links(), || {
            rendered("1")
        });
        let again = cache.markdown(&body("a"), "notities/a/", false, no_links(), || {
            rendered("2")
        });
        assert_eq!(again.html, "1");
        let changed = cache.markdown(&body("b"), "notities/a/", false, no_links(), || {
            rendered("3")
        });
        assert_eq!(changed.html, "3");
        assert_eq!(
            cache.finish(),
            CacheStats {
                markdown_rendered: 2,
                markdown_reused: 1,
                ..CacheStats::default()
            }
        );
    }

    /// `text` as the body of content/notes/a.md, rendered for real (so its links are
    /// recorded) through `cache` against `links`.
    fn render_with(cache: &RenderCache, links: &Permalinks, text: &str) -> RenderedMarkdown {
        let body = body(text);
        let options = crate::render::markdown::MarkdownOptions {
            page_url: "notities/a/",
            content_path: "notes/a.md",
            id_prefix: "",
            allow_html: false,
            permalinks: links,
            reserved_ids: &[],
        };
        cache.markdown(&body, "notities/a/", false, (links, "notes/a.md"), || {
            crate::render::markdown::render(&body, &options)
        })
    }

    #[test]
    fn after_permalinks_change_reuses_only_bodies_whose_links_resolve_alike() {
        let cache = RenderCache::new();
        let mut before = Permalinks::new();
        before.insert("notes/a.md", "notities/a/");
        before.insert("practices/x.md", "praktijken/x/");
        let texts = [
            "Geen links.",
            "Zie [x](../practices/x.md).",
            "Zie [b](b.md).",
        ];
        cache.begin(&before);
        let first: Vec<_> = texts
            .iter()
            .map(|t| render_with(&cache, &before, t))
            .collect();
        assert_eq!(first[2].diagnostics.len(), 1, "b.md is missing at first");
        cache.finish();

        // notes/b.md is added: only the body that links to it renders again.
        let mut after = before.clone();
        after.insert("notes/b.md", "notities/b/");
        cache.begin(&after);
        let second: Vec<_> = texts
            .iter()
            .map(|t| render_with(&cache, &after, t))
            .collect();
        assert_eq!(
            cache.finish(),
            CacheStats {
                markdown_rendered: 1,
                markdown_reused: 2,
                ..CacheStats::default()
            }
        );
        assert_eq!(
            (&second[0].html, &second[1].html),
            (&first[0].html, &first[1].html)
        );
        assert!(
            second[2]
                .html
                .contains(r#"href="../../notities/b/index.html""#),
            "{}",
            second[2].html
        );
        assert!(second[2].diagnostics.is_empty());

        // Once checked, a body is not checked again while the permalinks stay the same.
        cache.begin(&after);
        for t in texts {
            render_with(&cache, &after, t);
        }
        assert_eq!(cache.finish().markdown_reused, 3);
    }

    #[test]
    fn drops_entries_a_render_did_not_use() {
        let cache = RenderCache::new();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "", false, no_links(), || rendered("1"));
        cache.finish();
        cache.begin(&Permalinks::new());
        cache.finish();
        cache.begin(&Permalinks::new());
        let again = cache.markdown(&body("a"), "", false, no_links(), || rendered("2"));
        assert_eq!(again.html, "2");
    }

    /// The HTML of a page file, whichever form the cache handed it in.
    fn html(page: Result<super::super::Output, ()>) -> String {
        match page {
            Ok(super::super::Output::Generated { bytes, .. }) => String::from_utf8(bytes).unwrap(),
            Ok(super::super::Output::Chunks { chunks, .. }) => {
                String::from_utf8(chunks.concat()).unwrap()
            }
            other => panic!("not a page: {other:?}"),
        }
    }

    #[test]
    fn reuses_pages_until_the_theme_changes() {
        let cache = RenderCache::new();
        let key = ("a.html", false, 1);
        let page = |html: &'static str| {
            self::html(cache.page(cache.page_key(&key), "a.html".into(), || Ok(html.into())))
        };
        assert_eq!((page("1"), page("2")), ("1".into(), "1".into()));
        // A different key is a different page.
        let other = cache.page(
            cache.page_key(&("b.html", false, 1)),
            "b.html".into(),
            || Ok("4".into()),
        );
        assert_eq!(html(other), "4");
        cache.theme_changed();
        assert_eq!(page("3"), "3");
    }

    #[test]
    fn a_disabled_cache_renders_every_page_into_its_own_bytes() {
        let cache = RenderCache::disabled();
        assert_eq!(cache.page_key(&"a.html"), None);
        let page = cache.page(None, "a.html".into(), || Ok("1".into()));
        assert!(
            matches!(&page, Ok(super::super::Output::Generated { path, .. }) if path == "a.html")
        );
        assert_eq!(html(page), "1");
    }

    #[test]
    fn a_disabled_cache_always_renders() {
        let cache = RenderCache::disabled();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "", false, no_links(), || rendered("1"));
        let again = cache.markdown(&body("a"), "", false, no_links(), || rendered("2"));
        assert_eq!(again.html, "2");
    }
}
