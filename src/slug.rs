//! slug: file and heading names → URL-safe slugs.
//!
//! Three related foldings, each for a different consumer:
//! - [`slugify`] turns a file or folder name into the URL slug the content contract promises.
//!   URLs are bookmarked, so this follows the contract to the letter (no collapsing, no trimming).
//! - [`fold`] only lower-cases and strips accents, for search and "did you mean" comparisons.
//! - [`anchor`] makes a tidy heading id, where readability matters more than a fixed rule.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The URL slug of a file or folder name: lower-cased, accents folded, and every character that
/// is not `a-z`, `0-9` or `-` replaced by one `-`.
///
/// Runs of `-` are kept and nothing is trimmed: the contract fixes this rule, and existing links
/// depend on it, so `"a  b"` is `"a--b"`.
pub fn slugify(name: &str) -> String {
    if name.is_ascii() {
        slug_of(name.len(), ascii_folded(name))
    } else {
        slug_of(name.len(), folded_chars(name))
    }
}

/// [`slugify`] of already folded characters (`len`: the name's length, for the capacity).
fn slug_of(len: usize, folded: impl Iterator<Item = char>) -> String {
    let mut slug = String::with_capacity(len);
    for c in folded {
        slug.push(
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '-'
            },
        );
    }
    slug
}

/// Lower-cases `text` and folds accents (`"Coöperatie"` → `"cooperatie"`), keeping every other
/// character, so that search and comparisons ignore case and diacritics.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // The common case (file names, most headings) needs no Unicode tables at all.
        return text.to_ascii_lowercase();
    }
    folded_chars(text).collect()
}

/// A heading id: folded like [`fold`], every run of non-alphanumeric characters turned into
/// one `-`, and `-` trimmed at both ends; `"section"` when nothing is left.
///
/// Letters outside a-z (Greek, ß, ø) are kept: HTML ids may hold any character but whitespace,
/// and dropping them would turn whole non-Latin headings into `"section"`.
pub fn anchor(text: &str) -> String {
    if text.is_ascii() {
        anchor_of(text.len(), ascii_folded(text))
    } else {
        anchor_of(text.len(), folded_chars(text))
    }
}

/// [`anchor`] of already folded characters (`len`: the text's length, for the capacity).
fn anchor_of(len: usize, folded: impl Iterator<Item = char>) -> String {
    let mut id = String::with_capacity(len);
    // Whether a '-' is owed before the next alphanumeric; never emitted at the start or end,
    // which is what collapsing and trimming amount to.
    let mut pending_dash = false;
    for c in folded {
        if c.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.push(c);
        } else {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

/// [`folded_chars`] of ASCII text (nearly every file name and heading): lower-casing alone,
/// without the Unicode tables.
fn ascii_folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.bytes().map(|b| char::from(b.to_ascii_lowercase()))
}

/// Lower-cased characters of `text` with accents removed (NFD, then combining marks dropped).
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .flat_map(char::to_lowercase)
        .nfd()
        .filter(|&c| !is_combining_mark(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_follows_the_contract_rule() {
        let cases = [
            ("haarlemmermeer", "haarlemmermeer"),
            ("Haarlemmermeer", "haarlemmermeer"),
            ("Coöperatie", "cooperatie"),
            ("Één loket", "een-loket"),
            ("2007-03-orientatie", "2007-03-orientatie"),
            ("a  b", "a--b"),
            (" a ", "-a-"),
            ("a_b.c", "a-b-c"),
            ("straße", "stra-e"),
            ("Ærø", "-r-"),
            ("", ""),
            ("--", "--"),
            ("ÉÉN", "een"),
            ("naïef café", "naief-cafe"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn slugify_of_a_precomposed_and_decomposed_accent_agree() {
        assert_eq!(slugify("Co\u{00F6}peratie"), slugify("Coo\u{0308}peratie"));
    }

    #[test]
    fn fold_lowercases_and_strips_accents_only() {
        let cases = [
            ("Coöperatie", "cooperatie"),
            ("Één loket!", "een loket!"),
            ("ASCII Only", "ascii only"),
            ("straße", "straße"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "fold({input:?})");
        }
    }

    #[test]
    fn ascii_text_folds_as_the_unicode_tables_fold_it() {
        // Every ASCII character, alone and between letters.
        for b in 0..=127u8 {
            let c = char::from(b);
            for text in [c.to_string(), format!("Ab{c}Cd-{c}{c} 9")] {
                assert!(ascii_folded(&text).eq(folded_chars(&text)), "{text:?}");
                assert_eq!(slugify(&text), slug_of(0, folded_chars(&text)), "{text:?}");
                assert_eq!(anchor(&text), anchor_of(0, folded_chars(&text)), "{text:?}");
            }
        }
    }

    #[test]
    fn anchor_collapses_and_trims_dashes() {
        let cases = [
            ("Wat werkte", "wat-werkte"),
            ("  Wat -- werkte?  ", "wat-werkte"),
            ("Één loket voor werk", "een-loket-voor-werk"),
            ("1. Inleiding", "1-inleiding"),
            ("C++ & Rust", "c-rust"),
            ("Ελληνικά", "ελληνικα"),
            ("!!!", "section"),
            ("", "section"),
        ];
        for (input, expected) in cases {
            assert_eq!(anchor(input), expected, "anchor({input:?})");
        }
    }
}
