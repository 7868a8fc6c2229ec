//! nfc: Unicode NFC, with a short cut for the text that already is (nearly all of it).
//!
//! File names and search text are compared in NFC so that text typed on one system matches
//! text another system stored decomposed (macOS writes NFD file names). Composing is a
//! character-by-character pass; checking first lets already-composed text be used as is.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether `text` is certainly NFC: every byte below 0xCC (ASCII and the precomposed Latin
/// letters Dutch uses: the first character NFC can change is U+0300, whose UTF-8 starts with
/// 0xCC), or else what Unicode's quick check says.
pub fn is_nfc(text: &str) -> bool {
    // The highest byte of each 64 (a loop the compiler makes wide) rather than a test of
    // every byte that may stop early: a note's search text is checked whole.
    let below_u0300 = text
        .as_bytes()
        .chunks(64)
        .all(|chunk| chunk.iter().fold(0, |max, &b| max.max(b)) < 0xCC);
    below_u0300 || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// `text` in NFC: borrowed when [`is_nfc`] says it already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// `text` in NFC, without a copy when [`is_nfc`] says it already is.
pub fn into_nfc(text: String) -> String {
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;

    #[test]
    fn text_below_u0300_is_nfc_without_the_quick_check() {
        // The short cut holds because every character below U+0300 is a starter that NFC
        // leaves alone.
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        assert!(is_nfc("Eén café, één loket"));
        assert!(!is_nfc("cafe\u{0301}"));
        assert!(is_nfc("日本語"));
    }

    #[test]
    fn composes_only_what_needs_it() {
        assert!(matches!(nfc("notes/één.md"), Cow::Borrowed("notes/één.md")));
        assert_eq!(nfc("notes/e\u{0301}e\u{0301}n.md"), "notes/één.md");
        assert_eq!(
            into_nfc("notes/e\u{0301}e\u{0301}n.md".into()),
            "notes/één.md"
        );
    }
}
