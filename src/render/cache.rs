//! render cache: what one render can hand to the next so `spiegel serve` redoes only what
//! changed. In: Markdown bodies and page contexts; out: the same HTML a fresh render gives.
//!
//! Two memo tables, both exact (no hashes that could collide):
//! - Markdown: a body's HTML, TOC, summary and link diagnostics depend on the body text, its
//!   file and offset, the page URL, `allow_html` and the permalink map. The first four are the
//!   key; when the permalink map changes (a file added, renamed or removed) the table is
//!   cleared, since any body's links may now resolve differently.
//! - Pages: a page's HTML depends on the parsed templates, the template name, the JSON context
//!   and whether it is minified. The key is the template name and the page's own values,
//!   serialised. The table is cleared whenever the site-wide part of the context changes
//!   ([`RenderCache::base`]) or the theme is reloaded ([`RenderCache::theme_changed`]; a theme
//!   is loaded for one minify setting). Serialising costs a fraction of
//!   rendering, and comparing bytes makes a stale page impossible rather than unlikely.
//!
//! Entries not used by a render are dropped after it, so deleted pages do not linger.
//! A disabled cache (what `spiegel build` uses) stores nothing.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::links::Permalinks;
use crate::model::Body;

use super::markdown::RenderedMarkdown;
use super::views::MirrorView;

/// Memo tables kept between renders. Shared by rayon threads, hence the mutexes.
#[derive(Debug, Default)]
pub struct RenderCache {
    enabled: bool,
    markdown: Mutex<Table<MarkdownKey, RenderedMarkdown>>,
    pages: Mutex<Table<PageKey, String>>,
    mirrors: Mutex<Table<Vec<u8>, MirrorView>>,
    downloads: Mutex<Table<Vec<u8>, Vec<super::Output>>>,
    /// The site-wide part of the contexts the stored pages were rendered with, serialised.
    base: Mutex<Vec<u8>>,
    permalinks: Mutex<Option<Permalinks>>,
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
    /// The pages the sitemap lists, when the site has one (a note's date is its `lastmod`).
    pub sitemap_pages: Vec<String>,
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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct MarkdownKey {
    file: std::path::PathBuf,
    offset: usize,
    text: crate::model::BodyText,
    page_url: String,
    allow_html: bool,
}

/// A page's inputs, serialised: equal keys render equal pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    context: Vec<u8>,
}

/// A memo table that remembers which entries the current render used.
#[derive(Debug)]
struct Table<K, V> {
    entries: HashMap<K, (V, bool)>,
    hits: usize,
    misses: usize,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table {
            entries: HashMap::new(),
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

    fn put(&mut self, key: K, value: V) {
        self.entries.insert(key, (value, true));
    }

    /// The hit and miss counters.
    fn counts(&mut self) -> (&mut usize, &mut usize) {
        (&mut self.hits, &mut self.misses)
    }

    /// Drops what the last render did not use and resets the marks; returns (misses, hits).
    fn sweep(&mut self) -> (usize, usize) {
        self.entries.retain(|_, (_, used)| std::mem::take(used));
        let counts = (self.misses, self.hits);
        self.misses = 0;
        self.hits = 0;
        counts
    }
}

/// A value from `table` under the serialised `key`, or made by `make` and stored.
fn memo<K: serde::Serialize, V: Clone>(
    enabled: bool,
    table: &Mutex<Table<Vec<u8>, V>>,
    key: &K,
    make: impl FnOnce() -> V,
) -> V {
    if !enabled {
        return make();
    }
    let Ok(key) = serde_json::to_vec(key) else {
        return make();
    };
    if let Some(hit) = lock(table).get(&key) {
        return hit;
    }
    let value = make();
    lock(table).put(key, value.clone());
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

    /// Called at the start of a render with its permalink map; clears the Markdown table when
    /// links may resolve differently than last time.
    pub(crate) fn begin(&self, permalinks: &Permalinks) {
        if !self.enabled {
            return;
        }
        let mut last = lock(&self.permalinks);
        if last.as_ref() != Some(permalinks) {
            *lock(&self.markdown) = Table::default();
            *last = Some(permalinks.clone());
        }
    }

    /// Called at the end of a render: drops unused entries and records the counts.
    pub(crate) fn finish(&self) -> CacheStats {
        let (markdown_rendered, markdown_reused) = lock(&self.markdown).sweep();
        let (pages_rendered, pages_reused) = lock(&self.pages).sweep();
        lock(&self.mirrors).sweep();
        lock(&self.downloads).sweep();
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

    /// A body's rendering, from the cache or from `render`.
    pub(crate) fn markdown(
        &self,
        body: &Body,
        page_url: &str,
        allow_html: bool,
        render: impl FnOnce() -> RenderedMarkdown,
    ) -> RenderedMarkdown {
        if !self.enabled {
            return render();
        }
        let key = MarkdownKey {
            file: body.file.clone(),
            offset: body.offset,
            text: body.text.clone(),
            page_url: page_url.to_string(),
            allow_html,
        };
        if let Some(hit) = lock(&self.markdown).get(&key) {
            return hit;
        }
        let rendered = render();
        lock(&self.markdown).put(key, rendered.clone());
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

    /// A region's download files, from the cache or from `make`. `key` holds every input.
    pub(crate) fn downloads<K: serde::Serialize>(
        &self,
        key: &K,
        make: impl FnOnce() -> Vec<super::Output>,
    ) -> Vec<super::Output> {
        memo(self.enabled, &self.downloads, key, make)
    }

    /// A region's mirror view (charts included), from the cache or from `make`. `key` holds
    /// every input of the view.
    pub(crate) fn mirror<K: serde::Serialize>(
        &self,
        key: &K,
        make: impl FnOnce() -> MirrorView,
    ) -> MirrorView {
        memo(self.enabled, &self.mirrors, key, make)
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
        serde_json::to_vec(key)
            .ok()
            .map(|context| PageKey { context })
    }

    /// A page's HTML, from the cache or from `render`. Errors are never stored, so a failing
    /// template is retried next time.
    pub(crate) fn page<E>(
        &self,
        key: Option<PageKey>,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        let Some(key) = key else {
            return render();
        };
        if let Some(hit) = lock(&self.pages).get(&key) {
            return Ok(hit);
        }
        let html = render()?;
        lock(&self.pages).put(key, html.clone());
        Ok(html)
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

    fn rendered(html: &str) -> RenderedMarkdown {
        RenderedMarkdown {
            html: html.into(),
            ..RenderedMarkdown::default()
        }
    }

    #[test]
    fn reuses_a_body_whose_text_did_not_change() {
        let cache = RenderCache::new();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "notities/a/", false, || rendered("1"));
        let again = cache.markdown(&body("a"), "notities/a/", false, || rendered("2"));
        assert_eq!(again.html, "1");
        let changed = cache.markdown(&body("b"), "notities/a/", false, || rendered("3"));
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

    #[test]
    fn clears_bodies_when_permalinks_change() {
        let cache = RenderCache::new();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "", false, || rendered("1"));
        cache.finish();
        let mut links = Permalinks::new();
        links.insert("notes/b.md", "notities/b/");
        cache.begin(&links);
        let again = cache.markdown(&body("a"), "", false, || rendered("2"));
        assert_eq!(again.html, "2");
    }

    #[test]
    fn drops_entries_a_render_did_not_use() {
        let cache = RenderCache::new();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "", false, || rendered("1"));
        cache.finish();
        cache.begin(&Permalinks::new());
        cache.finish();
        cache.begin(&Permalinks::new());
        let again = cache.markdown(&body("a"), "", false, || rendered("2"));
        assert_eq!(again.html, "2");
    }

    #[test]
    fn reuses_pages_until_the_theme_changes() {
        let cache = RenderCache::new();
        let key = ("a.html", false, 1);
        let first: Result<String, ()> = cache.page(cache.page_key(&key), || Ok("1".into()));
        let hit: Result<String, ()> = cache.page(cache.page_key(&key), || Ok("2".into()));
        assert_eq!((first, hit), (Ok("1".into()), Ok("1".into())));
        cache.theme_changed();
        let after: Result<String, ()> = cache.page(cache.page_key(&key), || Ok("3".into()));
        assert_eq!(after, Ok("3".into()));
    }

    #[test]
    fn a_disabled_cache_always_renders() {
        let cache = RenderCache::disabled();
        cache.begin(&Permalinks::new());
        cache.markdown(&body("a"), "", false, || rendered("1"));
        let again = cache.markdown(&body("a"), "", false, || rendered("2"));
        assert_eq!(again.html, "2");
    }
}
