//! Minifying the theme's templates once, when they load, instead of every page after rendering.
//!
//! Per-page minification with minify-html cost about 2 ms a page, more than the rest of the
//! build put together at 10,000 notes (see docs/benchmarks-history.md). What it saved was almost all
//! template indentation, repeated for every item of every loop; stripping that from the
//! template source once gives nearly the same pages for free. minify-html's own
//! `preserve_brace_template_syntax` mode cannot do this job: it mangles `{% if %}` placed
//! inside a tag (`<a href=".."{% if x %} aria-current="page"{% endif %}>`).
//!
//! The rules keep rendering identical: a run of whitespace in text becomes one space (or one
//! newline), and disappears next to a block-level tag, where browsers do not render it either. Template
//! tags, comments, attribute values and the content of `pre`, `textarea`, `script` and
//! `style` are copied as they are. Markdown bodies come out of pulldown-cmark with one newline
//! between blocks and are left alone.

/// Elements whose start or end tag makes neighbouring whitespace insignificant.
const BLOCK_TAGS: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is copied as is.
const RAW_TAGS: &[&str] = &["pre", "textarea", "script", "style"];

/// What the output last ended with, for deciding whether whitespace may go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// A block-level tag: following whitespace is insignificant.
    Block,
    /// Anything else.
    Other,
}

/// Minifies a theme stylesheet with minify-html (lightningcss underneath), once when the theme
/// loads. Other assets, and a stylesheet minify-html does not hand back whole, are returned as
/// they are. Scripts are left alone: minify-html's JavaScript mode keeps some comments and
/// rewrites string quotes, for a few hundred bytes of gain on our small scripts.
pub fn asset(name: &str, bytes: &[u8]) -> Vec<u8> {
    const OPEN: &[u8] = b"<style>";
    const CLOSE: &[u8] = b"</style>";
    // minify-html panics on a sheet that is not UTF-8 (the theme reports that as an error
    // first) and overflows the stack on one nested thousands deep: both are kept as written.
    if !name.ends_with(".css")
        || std::str::from_utf8(bytes).is_err()
        || super::nesting::css_too_deep(bytes).is_some()
    {
        return bytes.to_vec();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    let wrapped = [OPEN, bytes, CLOSE].concat();
    let minified = minify_html::minify(&wrapped, &cfg);
    match minified
        .strip_prefix(OPEN)
        .and_then(|m| m.strip_suffix(CLOSE))
    {
        Some(inner) if !inner.is_empty() || bytes.trim_ascii().is_empty() => inner.to_vec(),
        _ => bytes.to_vec(),
    }
}

/// Strips insignificant whitespace from an HTML template (Tera syntax is preserved).
pub fn template(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut last = Last::Block;
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            let end = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            let run = &rest[..end];
            rest = &rest[end..];
            let droppable = last == Last::Block || rest.is_empty() || starts_block_tag(rest);
            push_whitespace(&mut out, run, droppable);
            continue;
        }
        if let Some(tag) = ["{{", "{%", "{#"].iter().find(|t| rest.starts_with(**t)) {
            let close = match *tag {
                "{{" => "}}",
                "{%" => "%}",
                _ => "#}",
            };
            let len = rest[2..].find(close).map_or(rest.len(), |i| i + 4);
            let piece = &rest[..len];
            out.push_str(piece);
            rest = &rest[len..];
            // `{% raw %}` … `{% endraw %}` is text Tera does not interpret: copy it whole.
            if *tag == "{%" && piece[2..piece.len().saturating_sub(2)].trim() == "raw" {
                let len = rest
                    .find("{% endraw %}")
                    .map_or(rest.len(), |i| i + "{% endraw %}".len());
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                last = Last::Other;
            }
            // Control tags emit nothing themselves: whether whitespace after them may go
            // depends on what came before, so `last` stays; `{{ }}` output is text.
            if *tag == "{{" {
                last = Last::Other;
            }
            continue;
        }
        if rest.starts_with("<!--") {
            let len = rest.find("-->").map_or(rest.len(), |i| i + 3);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if rest.starts_with('<') && tag_name(rest).is_some() {
            let len = tag_len(rest);
            let name = tag_name(rest).unwrap_or_default();
            copy_tag(&mut out, &rest[..len]);
            rest = &rest[len..];
            last = if BLOCK_TAGS.contains(&name.trim_start_matches('/')) {
                Last::Block
            } else {
                Last::Other
            };
            if !rest.is_empty() && RAW_TAGS.contains(&name.as_str()) && !name.starts_with('/') {
                let close = format!("</{name}");
                let len = find_ascii_ci(rest, &close).unwrap_or(rest.len());
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                last = Last::Other;
            }
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        last = Last::Other;
    }
    out
}

/// Emits a whitespace run: nothing where it may go, else one space (a newline when the run
/// held one, which renders the same). Tera reports parse errors against the templates as
/// written (they are parsed first), so line numbers need not survive here.
fn push_whitespace(out: &mut String, run: &str, droppable: bool) {
    if !droppable {
        out.push(if run.contains('\n') { '\n' } else { ' ' });
    }
}

/// Whether `s` starts with a start or end tag of a block-level element.
fn starts_block_tag(s: &str) -> bool {
    tag_name(s).is_some_and(|n| BLOCK_TAGS.contains(&n.trim_start_matches('/')))
}

/// The lower-cased name of the tag `s` starts with (`/p` for `</p>`), if it starts with one.
fn tag_name(s: &str) -> Option<String> {
    let body = s.strip_prefix('<')?;
    let (slash, body) = match body.strip_prefix('/') {
        Some(b) => ("/", b),
        None => ("", body),
    };
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '!' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..end];
    if name.is_empty() || !(name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!')) {
        return None;
    }
    Some(format!("{slash}{}", name.to_ascii_lowercase()))
}

/// Length of the tag at the start of `s`, up to its `>`, skipping quoted values and template
/// tags (a `>` inside `{{ a > b }}` does not end the tag).
fn tag_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') => {
                i += 1 + s[i + 1..].find(q as char).unwrap_or(s.len() - i - 1);
            }
            b'{' if matches!(bytes.get(i + 1), Some(b'{' | b'%' | b'#')) => {
                let close = match bytes[i + 1] {
                    b'{' => "}}",
                    b'%' => "%}",
                    _ => "#}",
                };
                i += 2 + s[i + 2..].find(close).map_or(s.len() - i - 2, |j| j + 1);
            }
            _ => {}
        }
        i += 1;
    }
    s.len()
}

/// Copies a tag, collapsing whitespace between attributes; quoted values and template tags
/// are copied as they are.
fn copy_tag(out: &mut String, tag: &str) {
    let mut rest = tag;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            let end = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            push_whitespace(out, &rest[..end], false);
            rest = &rest[end..];
        } else if c == '"' || c == '\'' {
            let len = rest[1..].find(c).map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        } else if let Some(close) = ["{{", "{%", "{#"]
            .iter()
            .position(|t| rest.starts_with(*t))
            .map(|i| ["}}", "%}", "#}"][i])
        {
            let len = rest[2..].find(close).map_or(rest.len(), |i| i + 4);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::template;

    #[test]
    fn whitespace_next_to_blocks_goes() {
        let src = "<ul>\n    {% for x in xs %}\n    <li>{{ x }}</li>\n    {% endfor %}\n</ul>\n";
        assert_eq!(
            template(src),
            "<ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul>"
        );
    }

    #[test]
    fn whitespace_between_inline_elements_stays_one_space() {
        assert_eq!(
            template("<p><a href=\"x\">a</a>   <b>b</b>\t{{ c }}</p>"),
            "<p><a href=\"x\">a</a> <b>b</b> {{ c }}</p>"
        );
    }

    #[test]
    fn template_tags_inside_a_tag_survive() {
        let src = "<a href=\"{{ root }}{{ item.href }}\"{% if section == item.section %} aria-current=\"page\"{% endif %}>{{ item.title }}</a>";
        assert_eq!(template(src), src);
    }

    #[test]
    fn attribute_values_expressions_and_raw_text_are_untouched() {
        let src = "<p title=\"a   b\">{{ xs | join(sep=\",   \") }}</p><pre>  x\n   y</pre>{% raw %}  {{ }}  {% endraw %}";
        assert_eq!(template(src), src);
    }

    #[test]
    fn a_comparison_in_an_attribute_does_not_end_the_tag() {
        let src = "<p class=\"{% if n > 1 %}many{% endif %}\">   x</p>";
        assert_eq!(
            template(src),
            "<p class=\"{% if n > 1 %}many{% endif %}\">x</p>"
        );
    }
}
