//! inline_strings: `{{ t.key }}` in a template → the UI string itself, once, when the theme
//! loads.
//!
//! A site renders in one language, so a UI string is the same on every page. Written into the
//! template as text, it costs nothing per page; looked up in the context, each use is a path
//! walk through the `t` map (a note page has a dozen, a region page about a hundred). Only the
//! built-in templates a site did not replace are treated (`theme::load_with`): a site's own
//! template may bind `t` itself. Only the plain form is replaced: `{{ t.key }}`, with or
//! without the spaces. Anything else (a filter,
//! `{{- t.key }}`, `t` in a tag) stays as written and reads `t` from the context, which still
//! holds every string. A template with a `{% raw %}` block is left alone entirely, since text
//! inside it must stay literal.

use std::collections::BTreeMap;

/// `template` with every plain `{{ t.key }}` whose key is in `strings` replaced by the string,
/// passed through `escape` (the template's autoescaping, or none): the text Tera would write.
///
/// A string with a `{` or `}` in it, or starting with `%` or `#`, is left to the context: as
/// template text it could form or break a tag delimiter.
pub(super) fn inline(
    template: &str,
    strings: &BTreeMap<String, &str>,
    escape: &dyn Fn(&str) -> String,
) -> String {
    if has_raw_block(template) {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        match plain_lookup(tag) {
            Some((key, len)) => match strings.get(key).filter(|s| inlinable(s)) {
                Some(text) => {
                    out.push_str(&escape(text));
                    rest = &tag[len..];
                }
                None => {
                    out.push_str(&tag[..len]);
                    rest = &tag[len..];
                }
            },
            None => {
                out.push_str("{{");
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// When `tag` (starting with `{{`) is `{{ t.key }}`: the key and the tag's length.
fn plain_lookup(tag: &str) -> Option<(&str, usize)> {
    let inner = tag.strip_prefix("{{")?;
    let trimmed = inner.trim_start_matches(' ');
    let after_t = trimmed.strip_prefix("t.")?;
    let key_len = after_t
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if key_len == 0 {
        return None;
    }
    let key = &after_t[..key_len];
    let close = after_t[key_len..].trim_start_matches(' ');
    if !close.starts_with("}}") {
        return None;
    }
    let len = tag.len() - close.len() + 2;
    Some((key, len))
}

/// Whether a `{% raw %}` tag (any spacing, any whitespace control) is in `template`.
fn has_raw_block(template: &str) -> bool {
    template.match_indices("{%").any(|(at, _)| {
        template[at + 2..]
            .trim_start_matches(['-', '+'])
            .trim_start()
            .starts_with("raw")
    })
}

fn inlinable(text: &str) -> bool {
    !text.contains(['{', '}']) && !text.starts_with(['%', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> BTreeMap<String, &'static str> {
        BTreeMap::from([
            ("notes".to_string(), "Notities"),
            ("regions".to_string(), "Regio's"),
            ("count".to_string(), "{n} notities"),
            ("pct".to_string(), "%s"),
        ])
    }

    fn html(s: &str) -> String {
        super::super::theme::escape_html(s)
    }

    #[test]
    fn plain_lookups_become_escaped_text() {
        assert_eq!(
            inline(
                "<a>{{ t.notes }}</a><b>{{t.regions}}</b>",
                &strings(),
                &html
            ),
            "<a>Notities</a><b>Regio&#x27;s</b>"
        );
    }

    #[test]
    fn other_forms_and_unsafe_strings_stay_template_syntax() {
        let kept = "{{ t.notes | lower }}{{- t.notes }}{{ t.notes -}}{{ t.missing }}{{ t.count }}{{ t.pct }}{{ page.t.notes }}{% if t.notes %}x{% endif %}";
        assert_eq!(inline(kept, &strings(), &html), kept);
    }

    #[test]
    fn a_template_with_a_raw_block_is_left_alone() {
        for raw in [
            "{{ t.notes }}{% raw %}{{ t.notes }}{% endraw %}",
            "{{ t.notes }}{%raw%}{{ t.notes }}{%endraw%}",
            "{{ t.notes }}{%-  raw -%}{{ t.notes }}{% endraw %}",
        ] {
            assert_eq!(inline(raw, &strings(), &html), raw);
        }
    }

    #[test]
    fn unescaped_templates_get_the_string_as_is() {
        assert_eq!(
            inline("{{ t.regions }}", &strings(), &|s| s.to_string()),
            "Regio's"
        );
    }
}
