//! nesting: a guard against input nested so deeply that parsing it would overflow the stack.
//!
//! Tera's template parser and lightningcss (under minify-html) recurse once per level of
//! nesting, so a few thousand nested `{% if %}` blocks, brackets or CSS rules abort the process
//! with a stack overflow: no message, no position, and the preview server gone with it. No
//! real template or style sheet comes near [`MOST_LEVELS`]; deeper input is an error (for
//! templates) or left unminified (for style sheets) instead.
//!
//! HTML is the other case: the sanitiser's parser (html5ever) looks through every open element
//! for each tag, so raw HTML nested tens of thousands deep takes minutes (100,000 `<div>`s:
//! 52 s). Browsers stop nesting at [`MOST_HTML_LEVELS`]; deeper bodies are an error.

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

/// Deepest element nesting accepted in a body with raw HTML: Chromium's parser stops nesting
/// there too.
pub const MOST_HTML_LEVELS: usize = 512;

/// Elements that never hold others, or whose end tag may be left out (`<p>`, `<li>`, `<td>`
/// …): neither is counted, so raw HTML that leaves such end tags out is not taken for deep.
const NOT_COUNTED: [&str; 33] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "body",
];

/// Whether rendered HTML nests elements deeper than [`MOST_HTML_LEVELS`]: start tags open a
/// level and end tags close one, except the elements of [`NOT_COUNTED`], self-closing tags,
/// comments and declarations.
pub fn html_too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let open = at + found;
        if html[open..].starts_with("<!--") {
            at = html[open..]
                .find("-->")
                .map_or(html.len(), |i| open + i + 3);
            continue;
        }
        let closing = bytes.get(open + 1) == Some(&b'/');
        let name_start = open + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        // `name_start` follows ASCII bytes and the name is ASCII: both are char boundaries.
        at = name_start + name_len;
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // text or a declaration
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        if NOT_COUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let end = html[at..].find('>').map_or(html.len(), |i| at + i);
        if html[..end].ends_with('/') {
            continue;
        }
        depth += 1;
        if depth > MOST_HTML_LEVELS {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_deeper_than_browsers_nest_is_found() {
        let levels = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(!html_too_deep(&levels(MOST_HTML_LEVELS)));
        assert!(html_too_deep(&levels(MOST_HTML_LEVELS + 1)));
        // Siblings, void and self-closing elements, optional end tags and comments: flat.
        let flat = "<div>x</div>".repeat(5000)
            + &"<br><img src=a><p>open".repeat(5000)
            + &"<span/><!-- <div> -->".repeat(5000);
        assert!(!html_too_deep(&flat));
        assert!(html_too_deep(&"<DIV class=\"a\">".repeat(600)));
        // A `<` before any character, ASCII or not, or at the very end.
        assert!(!html_too_deep("a <é <€ </ü <"));
    }

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
