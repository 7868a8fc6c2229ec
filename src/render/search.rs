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

use unicode_normalization::UnicodeNormalization;

use crate::model::{Note, Practice, Region, Site};
use crate::nfc::{is_nfc, nfc};
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

/// The plain text of a Markdown body, NFC: text and code, blocks separated by spaces, no markup.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut text = PlainText::new(usize::MAX);
    for event in Parser::new_ext(markdown, options) {
        text.event(&event);
    }
    nfc(&text.finish()).into_owned()
}

/// Collects the searchable plain text of a body from its Markdown events, one at a time, so
/// the Markdown pass that renders a body gathers it on the way ([`super::markdown`]) instead
/// of parsing the body a second time. Whitespace runs become one space as the text comes in,
/// and collecting stops once `limit` characters (combining marks not counted) are in hand, so
/// [`squeeze`] cuts it exactly where it would cut the whole body.
#[derive(Debug)]
pub(crate) struct PlainText {
    out: String,
    chars: usize,
    limit: usize,
}

impl PlainText {
    /// An empty collector that keeps about `limit` characters (a word more).
    pub(crate) fn new(limit: usize) -> Self {
        PlainText {
            out: String::new(),
            chars: 0,
            limit,
        }
    }

    /// Takes one event of the body.
    pub(crate) fn event(&mut self, event: &pulldown_cmark::Event) {
        use pulldown_cmark::{Event, TagEnd};
        if self.chars > self.limit {
            return;
        }
        match event {
            Event::Text(t) | Event::Code(t) => self.push(t),
            // A heading runs into the next paragraph in plain text; a full stop keeps the
            // snippet readable ("Wat werkte. De Toonkamer …").
            Event::End(TagEnd::Heading(_)) => {
                if !self.out.trim_end().ends_with(['.', '?', '!', ':']) {
                    self.push(".");
                }
                self.push(" ");
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
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => self.push(" "),
            _ => {}
        }
    }

    /// Appends text, every whitespace run one space, none at the start.
    fn push(&mut self, text: &str) {
        // One pass over the bytes. Nearly every byte is a letter, a digit, punctuation or the
        // rest of a character begun before, which only moves on; only spaces and the first
        // bytes of characters that may be whitespace or combining marks are looked at. Text
        // between the places that change (a whitespace run longer than one space, or any
        // whitespace but a space) is copied in one piece, and counted once appended.
        let bytes = text.as_bytes();
        let appended_from = self.out.len();
        // Whether a space here would be dropped: at the start, or right after a space.
        let mut gap = self.out.is_empty() || self.out.ends_with(' ');
        let (mut copied_to, mut i, mut combining) = (0, 0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            // 0x21..=0xC1: printable ASCII and DEL (none of them whitespace), continuation
            // bytes, and the (never valid) leads C0 and C1.
            if b.wrapping_sub(0x21) <= 0xC1 - 0x21 {
                gap = false;
                i += 1;
                continue;
            }
            let (width, space) = if b.is_ascii() {
                // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed,
                // carriage return, space.
                (1, matches!(b, b'\t'..=b'\r' | b' '))
            } else if b != 0xC2 && b < 0xCC {
                // U+00C0..U+02FF: neither whitespace nor combining (C2 starts U+0085 and
                // U+00A0, which are whitespace; CC starts U+0300, the first combining mark).
                (1, false)
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                let space = c.is_whitespace();
                if !space && is_combining(c) {
                    combining += 1;
                }
                (c.len_utf8().max(1), space)
            };
            if space {
                if gap || b != b' ' {
                    self.out.push_str(&text[copied_to..i]);
                    if !gap {
                        self.out.push(' ');
                    }
                    copied_to = i + width;
                }
                gap = true;
            } else {
                gap = false;
            }
            i += width;
        }
        self.out.push_str(&text[copied_to..]);
        // Combining marks are not counted: composed (as the index stores text) they are part
        // of the character before, so decomposed text still fills the limit.
        self.chars += char_count(&self.out[appended_from..]) - combining;
    }

    /// The text collected, without a trailing space (not yet NFC: [`doc`] normalises).
    pub(crate) fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        self.out.shrink_to_fit();
        self.out
    }
}

/// The characters in `text`: its bytes that do not continue a character (a loop the compiler
/// turns into wide instructions, unlike `chars().count()` with its early exits).
fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Whether `c` is a combining mark. None lies below U+0300, where nearly every letter of a
/// Dutch text is (é, ë, ï): those are answered without the table lookup.
fn is_combining(c: char) -> bool {
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

/// One search document: title, kind, region names, url, text.
pub(crate) type Doc = (String, u8, String, String, String);

/// `text` NFC-normalised, with every run of whitespace made one space, cut at [`TEXT_LIMIT`]
/// characters (at a word boundary, see [`truncate`]). Words past the limit are never copied,
/// and text that is already NFC (nearly all) is not normalised: the limit counts characters
/// after normalising, so decomposed text (`e` + accent) keeps as many.
fn squeeze(text: &str) -> String {
    let cut = squeeze_uncomposed(text);
    if is_nfc(&cut) {
        return cut;
    }
    // Rare: compose the whole text first, so the limit counts composed characters.
    let composed: String = text.nfc().collect();
    nfc(&squeeze_uncomposed(&composed)).into_owned()
}

/// [`squeeze`] without normalising: the words joined by single spaces, cut as [`truncate`]
/// cuts them to [`TEXT_LIMIT`] characters, in one pass that stops a word past the limit.
fn squeeze_uncomposed(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(TEXT_LIMIT * 2));
    let mut chars = 0;
    // Where the character after the first TEXT_LIMIT starts, once the text reaches it.
    let mut limit_at = None;
    for word in text.split_whitespace() {
        let count = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if !out.is_empty() {
            if chars == TEXT_LIMIT {
                limit_at = Some(out.len());
            }
            out.push(' ');
            chars += 1;
        }
        if limit_at.is_none() && chars + count > TEXT_LIMIT {
            let inside = word
                .char_indices()
                .nth(TEXT_LIMIT - chars)
                .map_or(word.len(), |(at, _)| at);
            limit_at = Some(out.len() + inside);
        }
        out.push_str(word);
        chars += count;
        if chars > TEXT_LIMIT {
            break;
        }
    }
    match limit_at {
        None => out,
        Some(end) => cut_at_space(&out, end).to_string(),
    }
}

/// Cuts `text` to at most `limit` characters, at the last space before the limit when there is
/// one in the second half.
#[cfg(test)]
fn truncate(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        None => text,
        Some((end, _)) => cut_at_space(text, end),
    }
}

/// `text` up to byte `end`, or up to its last space before `end` when that is in the second
/// half.
fn cut_at_space(text: &str, end: usize) -> &str {
    let cut = &text[..end];
    match cut.rfind(' ') {
        Some(space) if space > end / 2 => &cut[..space],
        _ => cut,
    }
}

/// A search document from its parts (joined with spaces).
fn doc(title: &str, kind: u8, region: &str, url: String, parts: &[&str]) -> Doc {
    (
        nfc(title).into_owned(),
        kind,
        nfc(region).into_owned(),
        url,
        squeeze(&parts.join(" ")),
    )
}

/// A region's name, or the slug when there is no such region.
fn region_name<'a>(site: &'a Site, slug: &'a str) -> &'a str {
    site.region(slug).map_or(slug, |r| r.name.as_str())
}

/// The search document of a practice, from the plain text of its body.
fn practice_doc(site: &Site, p: &Practice, body: &str) -> Doc {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(p.site.as_deref());
    parts.extend(p.results.iter().map(String::as_str));
    parts.extend(p.lessons.iter().map(String::as_str));
    parts.push(body);
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

/// The search document of a region, from the plain text of its body.
fn region_doc(r: &Region, body: &str) -> Doc {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(r.kind.as_deref());
    parts.extend(r.province.as_deref());
    parts.extend(r.bvg.iter().map(String::as_str));
    parts.extend(r.partners.iter().map(|p| p.name.as_str()));
    parts.extend(r.wishes.iter().map(|w| w.text.as_str()));
    parts.extend(r.agenda.iter().map(|a| a.title.as_str()));
    parts.push(body);
    doc(&r.name, 2, "", urls::href(&urls::region(&r.slug)), &parts)
}

/// Everything a note's search document is made from: the note and the plain text of its body
/// (gathered while the body was rendered: see [`PlainText`]). The document is made in the
/// note's own render job ([`NoteDocInputs::doc`]), so the index is only joined at the end; the
/// preview's cache keys it by these inputs, so an unchanged note's is not made again.
#[derive(Debug, serde::Serialize)]
pub(crate) struct NoteDocInputs<'a> {
    title: &'a str,
    regions: Vec<&'a str>,
    slug: &'a str,
    body: &'a str,
    participants: &'a [String],
}

impl<'a> NoteDocInputs<'a> {
    /// The inputs of `n`'s document, whose body's plain text is `body`.
    pub(crate) fn new(site: &'a Site, n: &'a Note, body: &'a str) -> Self {
        NoteDocInputs {
            title: &n.title,
            regions: n.regions.iter().map(|r| region_name(site, r)).collect(),
            slug: &n.slug,
            body,
            participants: &n.participants,
        }
    }

    /// The document, serialised.
    pub(crate) fn doc(&self) -> Vec<u8> {
        let doc = (
            nfc(self.title).into_owned(),
            0,
            nfc(&self.regions.join(", ")).into_owned(),
            urls::href(&urls::note(self.slug)),
            squeeze_note(self.body, self.participants),
        );
        json(&doc)
    }
}

/// [`squeeze`] of a note's body followed by its participants, for a body [`PlainText`]
/// gathered: its words already have single spaces between them, so only the participants are
/// split into words again, and the body is not scanned word by word (10,000 notes of ~4,000
/// characters each).
fn squeeze_note(body: &str, participants: &[String]) -> String {
    debug_assert!(
        !body.starts_with(' ')
            && !body.ends_with(' ')
            && !body.contains("  ")
            && !body.contains(|c: char| c.is_whitespace() && c != ' '),
        "not a PlainText body: {body:?}"
    );
    let extra = participants
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    let joined = match (body.is_empty(), extra.is_empty()) {
        (true, _) => extra,
        (false, true) => body.to_string(),
        (false, false) => format!("{body} {extra}"),
    };
    let cut = match char_offset(&joined, TEXT_LIMIT) {
        None => joined,
        Some(end) => cut_at_space(&joined, end).to_string(),
    };
    if is_nfc(&cut) {
        return cut;
    }
    let mut parts: Vec<&str> = vec![body];
    parts.extend(participants.iter().map(String::as_str));
    squeeze(&parts.join(" "))
}

/// The byte offset of character `n` (counting from 0) of `text`, if it has that many: char
/// starts counted 64 bytes at a time (every byte but a UTF-8 continuation byte starts one).
fn char_offset(text: &str, n: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let (mut seen, mut at) = (0, 0);
    for chunk in bytes.chunks(64) {
        let here = chunk.iter().filter(|b| starts(b)).count();
        if seen + here > n {
            break;
        }
        seen += here;
        at += chunk.len();
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if starts(b) {
            if seen == n {
                return Some(at + i);
            }
            seen += 1;
        }
    }
    None
}

/// A document as JSON: the bytes `serde_json::to_vec` gives for the tuple (an array), written
/// directly, since the ~40 MB of text at 10,000 notes went through serde_json's escaping a byte
/// at a time (tests compare the two).
fn json(doc: &Doc) -> Vec<u8> {
    let (title, kind, region, url, text) = doc;
    // Sized for the text it holds (plus quoting), so the ~10,000 documents held until the
    // index is joined carry no growth slack (with it they took twice their size).
    let mut out = Vec::with_capacity(title.len() + region.len() + url.len() + text.len() + 64);
    out.push(b'[');
    json_string(&mut out, title);
    out.push(b',');
    out.extend_from_slice(kind.to_string().as_bytes());
    for part in [region, url, text] {
        out.push(b',');
        json_string(&mut out, part);
    }
    out.push(b']');
    out.shrink_to_fit();
    out
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"`, `\` and the control
/// characters below U+0020 (`\b \t \n \f \r` by name, the others as `\u00xx`); runs without
/// one are copied whole, looked through eight bytes at a time.
fn json_string(out: &mut Vec<u8>, text: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGH != 0
    };
    // Some byte below 0x20 (exact for a bound up to 0x80).
    let has_control = |word: u64| word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    let bytes = text.as_bytes();
    out.push(b'"');
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if !(has_control(word) || has(word, b'"') || has(word, b'\\')) {
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(bytes.len());
        for i in at..end {
            let b = bytes[i];
            let named: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                b'\t' => b"\\t",
                b'\n' => b"\\n",
                0x0C => b"\\f",
                b'\r' => b"\\r",
                0x00..=0x1F => b"",
                _ => continue,
            };
            out.extend_from_slice(&bytes[start..i]);
            if named.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            } else {
                out.extend_from_slice(named);
            }
            start = i + 1;
        }
        at = end;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The plain texts of the bodies that are not notes, in site order, for [`index`].
pub(crate) struct BodyTexts<'a> {
    /// One per practice.
    pub practices: Vec<&'a str>,
    /// One per region.
    pub regions: Vec<&'a str>,
    /// One per free page.
    pub pages: Vec<&'a str>,
}

/// The start of the search index file, up to its first document. The file is written in
/// pieces, in this order: this, the notes' documents (each serialised in its page's job by
/// [`NoteDocInputs::doc`], in site order), [`other_docs`], then [`INDEX_END`]; documents are separated by
/// [`DOC_SEPARATOR`]. The bytes are those serde_json gives for
/// `{"v":1,"kinds":[…],"docs":[…]}`, without the documents ever being joined in memory.
pub(crate) fn index_start(site: &Site) -> Vec<u8> {
    let kinds: Vec<&str> = KINDS
        .iter()
        .map(|k| i18n::text(site.config.language, k))
        .collect();
    let mut head = format!("window.{GLOBAL}={{\"v\":1,\"kinds\":").into_bytes();
    head.extend_from_slice(&serde_json::to_vec(&kinds).unwrap_or_default());
    head.extend_from_slice(b",\"docs\":[");
    head
}

/// Between two documents of the index.
pub(crate) const DOC_SEPARATOR: &[u8] = b",";

/// The end of the search index file.
pub(crate) const INDEX_END: &[u8] = b"]};\n";

/// The documents after the notes': practices, regions, themes and free pages, serialised, in
/// site order.
pub(crate) fn other_docs(site: &Site, texts: &BodyTexts) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    let mut docs: Vec<Vec<u8>> = site
        .practices
        .par_iter()
        .zip(texts.practices.par_iter())
        .map(|(p, text)| json(&practice_doc(site, p, text)))
        .collect();
    docs.par_extend(
        site.regions
            .par_iter()
            .zip(texts.regions.par_iter())
            .map(|(r, text)| json(&region_doc(r, text))),
    );
    for t in site.themes() {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(t.description.as_deref());
        parts.extend(
            site.questionnaires
                .iter()
                .flat_map(|q| q.questions_of(&t.id))
                .map(|q| q.text.as_str()),
        );
        docs.push(json(&doc(
            &t.title,
            3,
            "",
            urls::href(&urls::theme(&t.id)),
            &parts,
        )));
    }
    for (p, text) in site.pages.iter().zip(&texts.pages) {
        docs.push(json(&doc(
            &p.title,
            4,
            "",
            urls::href(&urls::free_page(&p.slug)),
            &[text],
        )));
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time collector the one-pass [`PlainText::push`] replaced.
    fn reference_push(out: &mut String, chars: &mut usize, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let (word, space) = match rest.char_indices().find(|(_, c)| c.is_whitespace()) {
                Some((at, c)) => (&rest[..at], Some(at + c.len_utf8())),
                None => (rest, None),
            };
            out.push_str(word);
            *chars += word
                .chars()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .count();
            let Some(after) = space else { break };
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                *chars += 1;
            }
            rest = &rest[after..];
        }
    }

    /// The squeeze the one-pass [`squeeze_uncomposed`] replaced.
    fn reference_squeeze(text: &str) -> String {
        let mut out = String::new();
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
        truncate(&out, TEXT_LIMIT).to_string()
    }

    /// Texts of every length around the limit, from pieces with ASCII and Unicode whitespace,
    /// combining marks, multi-byte letters and long words (a small deterministic generator).
    fn texts() -> Vec<String> {
        let pieces = [
            "een",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{0b}",
            "\u{0c}",
            "\r\n",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "café",
            "cafe\u{0301}",
            "Één",
            "日本語",
            "🙂",
            "x",
            "lang-woord-zonder-spatie",
            "\u{0301}",
            "’s",
            "\u{1680}",
            "\u{2028}",
            "\u{202f}",
            "\u{0300}\u{036f}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out = Vec::new();
        for target in [
            0,
            1,
            5,
            50,
            TEXT_LIMIT - 3,
            TEXT_LIMIT,
            TEXT_LIMIT + 2,
            2 * TEXT_LIMIT,
        ] {
            for _ in 0..40 {
                let mut text = String::new();
                while text.chars().count() < target + (next() % 8) as usize {
                    text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                }
                out.push(text);
            }
        }
        out
    }

    #[test]
    fn one_pass_text_gathering_matches_the_word_at_a_time_one() {
        for text in texts() {
            let mut collected = PlainText::new(usize::MAX);
            // In two pieces, as Markdown hands text over in events.
            let half = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            collected.push(&text[..half]);
            collected.push(&text[half..]);
            let (mut out, mut chars) = (String::new(), 0);
            reference_push(&mut out, &mut chars, &text[..half]);
            reference_push(&mut out, &mut chars, &text[half..]);
            assert_eq!(
                (collected.out.as_str(), collected.chars),
                (out.as_str(), chars)
            );
            assert_eq!(
                squeeze_uncomposed(&text),
                reference_squeeze(&text),
                "{text:?}"
            );
            for n in [0, 1, 7, 63, 64, 65, TEXT_LIMIT] {
                let expected = text.char_indices().nth(n).map(|(i, _)| i);
                assert_eq!(char_offset(&text, n), expected, "{n} {text:?}");
            }
            // A note's text: the body as PlainText gathers it, then participants.
            let mut body = PlainText::new(TEXT_LIMIT);
            body.push(&text);
            let body = body.finish();
            for participants in [vec![], vec![" Jan  de\tVries ".to_string(), "REKO".into()]] {
                let mut parts = vec![body.as_str()];
                parts.extend(participants.iter().map(String::as_str));
                assert_eq!(
                    squeeze_note(&body, &participants),
                    squeeze(&parts.join(" ")),
                    "{body:?}"
                );
            }
        }
    }

    #[test]
    fn text_below_u0300_has_no_combining_mark() {
        // `is_combining`'s short cut.
        for c in (0..0x300).filter_map(char::from_u32) {
            assert!(!unicode_normalization::char::is_combining_mark(c), "{c:?}");
        }
        assert!(is_combining('\u{301}') && !is_combining('é'));
    }

    #[test]
    fn documents_are_the_json_serde_json_writes() {
        let pieces = [
            "a",
            "\"",
            "\\",
            "/",
            "\n",
            "\t",
            "\r",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "€",
            "🙂",
            "\u{2028}",
            " ",
            "0123456",
            "</script>",
        ];
        let mut state: u32 = 11;
        let mut text = |len: usize| {
            let mut t = String::new();
            for _ in 0..len {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                t.push_str(pieces[(state >> 16) as usize % pieces.len()]);
            }
            t
        };
        for len in 0..40 {
            for kind in [0, 3, 200] {
                let doc: Doc = (text(len), kind, text(len / 2), text(3), text(len * 3));
                assert_eq!(json(&doc), serde_json::to_vec(&doc).unwrap(), "{doc:?}");
            }
        }
    }

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
    fn the_limit_counts_composed_characters() {
        let decomposed = "cafe\u{0301} ".repeat(TEXT_LIMIT / 5 + 100);
        let composed = "caf\u{00e9} ".repeat(TEXT_LIMIT / 5 + 100);
        assert_eq!(squeeze(&decomposed), squeeze(&composed));
        assert!(squeeze(&composed).chars().count() <= TEXT_LIMIT);
        assert!(squeeze(&composed).chars().count() > TEXT_LIMIT - 10);
    }

    #[test]
    fn truncate_cuts_at_a_word_boundary() {
        assert_eq!(truncate("een twee drie", 100), "een twee drie");
        assert_eq!(truncate("een twee drie", 10), "een twee");
        assert_eq!(truncate("eentweedrie", 5), "eentw");
        assert_eq!(truncate("één twee", 4), "één");
    }
}
