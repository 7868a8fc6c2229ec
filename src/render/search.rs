//! search: checked [`Site`] → the offline search index `zoeken/zoekindex.js`.
//!
//! The index is a JavaScript file that assigns one global ([`GLOBAL`]), loaded by the search page
//! with `<script src>`: browsers refuse `fetch()` of a local file, and a script tag works from
//! file:// and from any sub-path alike. The search itself runs in `assets/search.js`.
//!
//! # Format (compact on purpose: it is downloaded whole)
//!
//! ```text
//! window.SPIEGEL_SEARCH={"v":1,"kinds":["Notitie",…],"docs":[[title,kind,region,url,text],…]};
//! ```
//!
//! One array per document rather than an object, so field names are not repeated thousands of
//! times. `kind` indexes `kinds`; `region` is the region name(s) shown with the result; `url` is
//! site-root-relative (`notities/x/index.html`); `text` is the searchable plain text.
//!
//! The text is stored as written (NFC-normalised), not folded: the snippet shows it with the
//! match highlighted, and "Eén loket" reads better than "een loket". The browser folds it once
//! with the same rule as [`crate::slug::fold`] (lower-case, NFD, combining marks dropped), which
//! keeps the length of NFC text, so a match in the folded text is a match at the same place in
//! the original. Storing a folded copy as well would double the index for nothing.
//!
//! Text is cut at [`TEXT_LIMIT`] characters (at a word boundary) so one very long note cannot
//! bloat the index; words after the cut are not found.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Practice, Region, Site};
use crate::render::cache::RenderCache;
use crate::render::i18n;
use crate::urls;

/// Path of the index in the output.
pub const INDEX_PATH: &str = "zoeken/zoekindex.js";

/// The global the index assigns.
pub const GLOBAL: &str = "SPIEGEL_SEARCH";

/// Most characters of text kept per document.
pub const TEXT_LIMIT: usize = 4000;

/// Document kinds, in the order of the `kinds` table.
const KINDS: [&str; 5] = ["note", "practice", "region", "theme", "search_kind_page"];

#[derive(Serialize)]
struct Index<'a> {
    v: u8,
    kinds: Vec<&'a str>,
    docs: Vec<(String, u8, String, String, String)>,
}

/// The plain text of a Markdown body, NFC: text and code, blocks separated by spaces, no markup.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // A heading runs into the next paragraph in plain text; a full stop keeps the
            // snippet readable ("Wat werkte. De Toonkamer …").
            Event::End(TagEnd::Heading(_)) => {
                if !out.trim_end().ends_with(['.', '?', '!', ':']) {
                    out.push('.');
                }
                out.push(' ');
            }
            // Inline ends (emphasis, links) must not put a space before the punctuation after
            // them; only block ends separate words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => out.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    nfc(&words.join(" "))
}

/// One search document: title, kind, region names, url, text.
pub(crate) type Doc = (String, u8, String, String, String);

/// `text` with every run of whitespace made one space, cut at [`TEXT_LIMIT`] characters (at a
/// word boundary, see [`truncate`]) and NFC-normalised. Words past the limit are never copied,
/// and text that is already NFC (nearly all) is not normalised again.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(TEXT_LIMIT * 2));
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
        if chars > TEXT_LIMIT {
            break;
        }
    }
    let out = truncate(&out, TEXT_LIMIT);
    nfc(out)
}

/// `text` in NFC, copied as is when the quick check says it already is.
fn nfc(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// Cuts `text` to at most `limit` characters, at the last space before the limit when there is
/// one in the second half.
fn truncate(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        None => text,
        Some((end, _)) => {
            let cut = &text[..end];
            match cut.rfind(' ') {
                Some(space) if space > end / 2 => &cut[..space],
                _ => cut,
            }
        }
    }
}

/// A search document from its parts (joined with spaces).
fn doc(title: &str, kind: u8, region: &str, url: String, parts: &[&str]) -> Doc {
    (
        nfc(title),
        kind,
        nfc(region),
        url,
        squeeze(&parts.join(" ")),
    )
}

/// A region's name, or the slug when there is no such region.
fn region_name<'a>(site: &'a Site, slug: &'a str) -> &'a str {
    site.region(slug).map_or(slug, |r| r.name.as_str())
}

/// The search document of a practice.
fn practice_doc(site: &Site, p: &Practice) -> Doc {
    let body = plain_text(&p.body.text);
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(p.site.as_deref());
    parts.extend(p.results.iter().map(String::as_str));
    parts.extend(p.lessons.iter().map(String::as_str));
    parts.push(&body);
    parts.extend(p.contact.as_deref());
    let region = p.region.as_deref().map(|r| region_name(site, r));
    doc(
        &p.title,
        1,
        region.unwrap_or_default(),
        urls::href(&urls::practice(&p.slug)),
        &parts,
    )
}

/// The search document of a region.
fn region_doc(r: &Region) -> Doc {
    let body = plain_text(&r.body.text);
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(r.kind.as_deref());
    parts.extend(r.province.as_deref());
    parts.extend(r.bvg.iter().map(String::as_str));
    parts.extend(r.partners.iter().map(|p| p.name.as_str()));
    parts.extend(r.wishes.iter().map(|w| w.text.as_str()));
    parts.extend(r.agenda.iter().map(|a| a.title.as_str()));
    parts.push(&body);
    doc(&r.name, 2, "", urls::href(&urls::region(&r.slug)), &parts)
}

/// The search index of the site, as the JavaScript file written to [`INDEX_PATH`]. Documents
/// are built in parallel (each note's Markdown is parsed again for its plain text) and kept in
/// site order, so the file is the same on every run.
pub fn index(site: &Site) -> Vec<u8> {
    index_cached(site, &RenderCache::disabled())
}

/// [`index`], taking unchanged notes', practices' and regions' documents from `cache` (the
/// preview server's; their Markdown would otherwise be parsed again on every save).
pub(crate) fn index_cached(site: &Site, cache: &RenderCache) -> Vec<u8> {
    use rayon::prelude::*;
    let lang = site.config.language;
    let mut docs: Vec<Doc> = site
        .notes
        .par_iter()
        .map(|n| {
            let regions: Vec<&str> = n.regions.iter().map(|r| region_name(site, r)).collect();
            let regions = regions.join(", ");
            let key = (
                0,
                &n.slug,
                &n.title,
                &regions,
                &n.participants,
                &n.body.text,
            );
            cache.search_doc(&key, || {
                let body = plain_text(&n.body.text);
                let mut parts: Vec<&str> = vec![&body];
                parts.extend(n.participants.iter().map(String::as_str));
                doc(
                    &n.title,
                    0,
                    &regions,
                    urls::href(&urls::note(&n.slug)),
                    &parts,
                )
            })
        })
        .collect();
    docs.par_extend(site.practices.par_iter().map(|p| {
        let region = p.region.as_deref().map(|r| region_name(site, r));
        let key = (
            1,
            &p.slug,
            &p.title,
            region,
            &p.site,
            &p.results,
            &p.lessons,
            &p.contact,
            &p.body.text,
        );
        cache.search_doc(&key, || practice_doc(site, p))
    }));
    docs.par_extend(site.regions.par_iter().map(|r| {
        let key = (
            2,
            &r.slug,
            &r.name,
            &r.kind,
            &r.province,
            &r.bvg,
            &r.partners,
            &r.wishes,
            &r.agenda,
            &r.body.text,
        );
        cache.search_doc(&key, || region_doc(r))
    }));
    for t in site.themes() {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(t.description.as_deref());
        parts.extend(
            site.questionnaires
                .iter()
                .flat_map(|q| q.questions_of(&t.id))
                .map(|q| q.text.as_str()),
        );
        docs.push(doc(
            &t.title,
            3,
            "",
            urls::href(&urls::theme(&t.id)),
            &parts,
        ));
    }
    for p in &site.pages {
        let body = plain_text(&p.body.text);
        docs.push(doc(
            &p.title,
            4,
            "",
            urls::href(&urls::free_page(&p.slug)),
            &[&body],
        ));
    }
    let index = Index {
        v: 1,
        kinds: KINDS.iter().map(|k| i18n::text(lang, k)).collect(),
        docs,
    };
    // Serialised straight into the file's bytes: at 10,000 notes the index is ~40 MB, and a
    // JSON string copied into a `format!` would hold it twice.
    let mut out = format!("window.{GLOBAL}=").into_bytes();
    // Strings, numbers and arrays always serialise; a failure would be a bug in spiegel.
    serde_json::to_writer(&mut out, &index)
        .unwrap_or_else(|e| panic!("bug in spiegel: search index does not serialise: {e}"));
    out.extend_from_slice(b";\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_words_apart() {
        assert_eq!(
            plain_text("## Kop\n\nEen *klant*, [link](x) met `code`.\n\n- één\n- twee"),
            "Kop. Een klant, link met code. één twee"
        );
    }

    #[test]
    fn plain_text_is_nfc_so_folding_keeps_its_length() {
        let text = plain_text("Coo\u{0308}peratie");
        assert_eq!(text, "Co\u{00F6}peratie");
        assert_eq!(
            crate::slug::fold(&text).chars().count(),
            text.chars().count()
        );
    }

    #[test]
    fn truncate_cuts_at_a_word_boundary() {
        assert_eq!(truncate("een twee drie", 100), "een twee drie");
        assert_eq!(truncate("een twee drie", 10), "een twee");
        assert_eq!(truncate("eentweedrie", 5), "eentw");
        assert_eq!(truncate("één twee", 4), "één");
    }
}
