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

/// Elements that never hold others: they open no level, with or without `/>`.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out before another of their kind (`<p>a<p>b`,
/// `<li>`, `<td>`): a start tag closes one left open right above it.
const CLOSED_BY_A_SIBLING: [&str; 12] = [
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
];

/// Start tags that close an open `<p>` right above them (part of the HTML parser's rule).
const CLOSE_A_P: [&str; 20] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "ol",
    "ul",
];

/// Whether rendered HTML nests elements deeper than [`MOST_HTML_LEVELS`], as the HTML parser
/// would build them, or deeper: the count errs on the deep side, never the shallow one.
///
/// A stack of open element names, never more than [`MOST_HTML_LEVELS`] + 1 long, so the scan
/// is linear: a start tag pushes (void elements aside, and `/>` only counts inside `<svg>` or
/// `<math>`, as in the parser), an end tag pops back to the nearest open element of its name
/// and is ignored when there is none, and an element of [`CLOSED_BY_A_SIBLING`] (or a `<p>`
/// before a block of [`CLOSE_A_P`]) left open on top is closed first. Comments are skipped.
pub fn html_too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut foreign = 0usize;
    // Where the next `>` is, found once for every tag before it (a scan per tag would be
    // quadratic on `<b <b <b … />`).
    let mut next_close = 0usize;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let lt = at + found;
        if html[lt..].starts_with("<!--") {
            at = html[lt..].find("-->").map_or(html.len(), |i| lt + i + 3);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        // `name_start` follows ASCII bytes and the name is ASCII: both are char boundaries.
        at = name_start + name_len;
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // text or a declaration
        }
        let name = html[name_start..at].to_ascii_lowercase();
        if closing {
            if let Some(i) = open.iter().rposition(|n| *n == name) {
                foreign -= open[i..]
                    .iter()
                    .filter(|n| *n == "svg" || *n == "math")
                    .count();
                open.truncate(i);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if foreign > 0 {
            if next_close < at {
                next_close = html[at..].find('>').map_or(html.len(), |i| at + i);
            }
            if html[..next_close].ends_with('/') {
                continue;
            }
        }
        let top = open.last().map(String::as_str);
        if (CLOSED_BY_A_SIBLING.contains(&name.as_str()) && top == Some(name.as_str()))
            || (CLOSE_A_P.contains(&name.as_str()) && top == Some("p"))
        {
            open.pop();
        }
        if name == "svg" || name == "math" {
            foreign += 1;
        }
        open.push(name);
        if open.len() > MOST_HTML_LEVELS {
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
        // Siblings, void elements, end tags left out where HTML allows it, comments and
        // self-closing elements inside SVG: flat.
        let flat = "<div>x</div>".repeat(5000)
            + &"<br><img src=a><hr/><p>open".repeat(5000)
            + &"<ul><li>a<li>b</ul><table><tr><td>1<td>2</table>".repeat(2000)
            + &"<!-- <div> -->".repeat(5000)
            + &format!("<svg>{}</svg>", "<rect x=\"1\"/>".repeat(5000));
        assert!(!html_too_deep(&flat));
        assert!(html_too_deep(&"<DIV class=\"a\">".repeat(600)));
        // What the parser nests although it looks closed or flat: `/>` on an HTML element,
        // end tags of elements that are not open, ruby text outside <ruby>, a block in a p.
        assert!(html_too_deep(&"<div/>".repeat(600)));
        assert!(html_too_deep(&"<div></b>".repeat(600)));
        assert!(html_too_deep(&"<rt>".repeat(600)));
        assert!(html_too_deep(&"<p><div>".repeat(600)));
        // A `<` before any character, ASCII or not, or at the very end.
        assert!(!html_too_deep("a <é <€ </ü <"));
        // One far `/>` after many `<b ` inside SVG (one tag to the parser): the `>` is looked
        // for once, not once per `<b` (that took minutes).
        let far = format!("<svg>{}/>", "<b ".repeat(200_000));
        assert!(!html_too_deep(&far));
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
