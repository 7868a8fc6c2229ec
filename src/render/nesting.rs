//! nesting: a guard against input nested so deeply that parsing it would overflow the stack.
//!
//! Tera's template parser and lightningcss (under minify-html) recurse once per level of
//! nesting, so a few thousand nested `{% if %}` blocks, brackets or CSS rules abort the process
//! with a stack overflow: no message, no position, and the preview server gone with it. No
//! real template or style sheet comes near [`MOST_LEVELS`]; deeper input is an error (for
//! templates) or left unminified (for style sheets) instead.

/// Deepest nesting accepted: far beyond any real theme, far below what overflows the stack.
pub const MOST_LEVELS: usize = 100;

/// The byte offset where a style sheet's `{`, `(` and `[` nesting first goes deeper than
/// [`MOST_LEVELS`], if it does. Strings and comments are not told apart: a sheet that only
/// seems that deep is merely left unminified.
pub fn css_too_deep(css: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    for (at, b) in css.iter().enumerate() {
        match b {
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MOST_LEVELS {
                    return Some(at);
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Block tags that open a level of a template (each closed by `end<name>`).
const BLOCK_TAGS: [&str; 5] = ["if", "for", "block", "macro", "filter"];

/// The byte offset where a template nests deeper than [`MOST_LEVELS`]: block tags inside
/// block tags and the brackets of a `{{ … }}` or `{% … %}` among them, counted together
/// (Tera recurses through both on one stack).
pub fn template_too_deep(text: &str) -> Option<usize> {
    let mut blocks = 0usize;
    let mut rest = 0;
    while let Some(found) = text[rest..].find(['{']) {
        let open = rest + found;
        let kind = text.as_bytes().get(open + 1).copied();
        let close = match kind {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = open + 1;
                continue;
            }
        };
        let inner_start = open + 2;
        let inner_end = text[inner_start..]
            .find(close)
            .map_or(text.len(), |i| inner_start + i);
        let inner = &text[inner_start..inner_end];
        if kind != Some(b'#') {
            let mut depth = 0usize;
            for (i, b) in inner.bytes().enumerate() {
                match b {
                    b'(' | b'[' | b'{' => {
                        depth += 1;
                        if blocks + depth > MOST_LEVELS {
                            return Some(inner_start + i);
                        }
                    }
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        if kind == Some(b'%') {
            let word = inner
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("");
            if BLOCK_TAGS.contains(&word) {
                blocks += 1;
                if blocks > MOST_LEVELS {
                    return Some(open);
                }
            } else if word
                .strip_prefix("end")
                .is_some_and(|w| BLOCK_TAGS.contains(&w))
            {
                blocks = blocks.saturating_sub(1);
            }
        }
        rest = (inner_end + 2).min(text.len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_nesting_passes_and_runaway_nesting_is_found_where_it_starts() {
        assert_eq!(
            css_too_deep(b"a { b: c(d(e)); } @media x { a { b: c } }"),
            None
        );
        let deep = "a{".repeat(MOST_LEVELS + 1);
        assert_eq!(css_too_deep(deep.as_bytes()), Some(deep.len() - 1));

        let template = "{% if a %}{% for x in y %}{{ (x + 1) * 2 }}{% endfor %}{% endif %}";
        assert_eq!(template_too_deep(template), None);
        let closed = "{% if a %}x{% endif %}".repeat(MOST_LEVELS * 2);
        assert_eq!(template_too_deep(&closed), None);
        let ifs = "{% if a %}".repeat(MOST_LEVELS + 1);
        assert_eq!(
            template_too_deep(&ifs),
            Some(ifs.len() - "{% if a %}".len())
        );
        let parens = format!("{{{{ {}1 }}}}", "(".repeat(MOST_LEVELS + 1));
        assert_eq!(template_too_deep(&parens), Some(3 + MOST_LEVELS));
        // Blocks and brackets add up: 60 blocks and 41 brackets inside them are 101 levels.
        let both = format!("{}{{{{ {}1 }}}}", "{% if a %}".repeat(60), "(".repeat(41));
        assert_eq!(template_too_deep(&both), Some(60 * 10 + 3 + 40));
        let fits = format!("{}{{{{ {}1 }}}}", "{% if a %}".repeat(60), "(".repeat(40));
        assert_eq!(template_too_deep(&fits), None);
        // Comments and text are not counted.
        assert_eq!(
            template_too_deep(&format!("{{# {} #}}", "(".repeat(500))),
            None
        );
        assert_eq!(template_too_deep(&"(".repeat(500)), None);
    }
}
