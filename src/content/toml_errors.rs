//! Turning TOML parse errors into diagnostics with a position and a hint.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::Diagnostic;
use crate::suggest;

/// The most problems one file reports in one run: enough for a handful of typos, few enough
/// that a file pasted in the wrong format does not bury everything else.
const MOST_PER_FILE: usize = 10;

/// Deserialises `text`, the TOML that starts at byte `offset` of `file`, as a `T`. On failure
/// it reports as much as one run can tell: every syntax error (the parser recovers and goes
/// on), or, when the syntax is sound, the schema's errors: after each misspelt key or wrong
/// value its entry is blanked and the text read again, so that several typos show up
/// together. A missing key ends the list, and is left out when it is one blanked before (or
/// the one a "did you mean" named): it follows from an error already reported.
pub fn from_str<T: DeserializeOwned>(
    file: &Path,
    offset: usize,
    text: &str,
) -> Result<T, Vec<Diagnostic>> {
    let first = match toml::from_str::<T>(text) {
        Ok(data) => return Ok(data),
        Err(e) => e,
    };
    let (_, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        // One error per line: the parser's recovery can trip twice over one mistake, and
        // the second report would only puzzle.
        let mut lines_seen = Vec::new();
        let mut problems = Vec::new();
        for e in &syntax {
            let line = e
                .span()
                .map(|s| newlines(&text.as_bytes()[..s.start.min(text.len())]));
            if problems.len() < MOST_PER_FILE && !lines_seen.contains(&line) {
                lines_seen.push(line);
                problems.push(diagnostic(file, offset, text, e));
            }
        }
        return Err(problems);
    }
    let mut problems = vec![diagnostic(file, offset, text, &first)];
    // The keys blanked so far and the ones their "did you mean" hints named: when one of
    // them turns out missing, that follows from an error already reported.
    let mut gone: Vec<String> = meant_key(&first).into_iter().collect();
    let mut blanked = text.as_bytes().to_vec();
    // Bytes of stand-in values put before the text for required keys found missing: the
    // spans of later errors are past them, in the text that was parsed.
    let mut shift = 0;
    // The entry the current error is at, found in the text as last read (one parse of the
    // text per round serves both the syntax check and this).
    let mut entry_at = first.span().and_then(|at| entry_span(text, at));
    let mut error = first;
    while problems.len() < MOST_PER_FILE {
        let next = if let Some(key) = missing_key(&error) {
            // A required key is missing: a stand-in value for it lets the parse go on to
            // the next problem ("missing `date`" after "missing `title`" in one run).
            let Some((with_key, added, next)) = stand_in::<T>(&blanked, &key, &error) else {
                break;
            };
            blanked = with_key;
            shift += added;
            gone.push(key);
            match next {
                Some(next) => next,
                None => break,
            }
        } else {
            let Some((entry, key)) = entry_at.take() else {
                break;
            };
            gone.push(key);
            for byte in &mut blanked[entry] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
            // Whole characters were replaced, so the bytes are still UTF-8.
            let Ok(again) = std::str::from_utf8(&blanked) else {
                break;
            };
            let next = match toml::from_str::<T>(again) {
                Ok(_) => break,
                Err(e) => e,
            };
            if next.span() == error.span() {
                break;
            }
            next
        };
        let Ok(again) = std::str::from_utf8(&blanked) else {
            break;
        };
        let Ok(doc) = DeTable::parse(again) else {
            break;
        };
        // With `titel` blanked, `title` is missing: its "did you mean" has said so already.
        if missing_key(&next).is_some_and(|key| gone.contains(&key)) {
            break;
        }
        gone.extend(meant_key(&next));
        entry_at = next.span().and_then(|at| find_entry(doc.get_ref(), &at));
        // The text parsed starts with `shift` bytes of stand-ins: a span past them moves back
        // by as much; one inside them is a key missing at the top, reported at the whole text.
        let mut problem = diagnostic(file, 0, again, &next);
        problem.span = problem.span.map(|at| match at.start.checked_sub(shift) {
            Some(start) => start + offset..at.end - shift + offset,
            None => offset..offset + text.len(),
        });
        problems.push(problem);
        error = next;
    }
    Err(problems)
}

/// The key of a "missing field `date`" error.
fn missing_key(error: &toml::de::Error) -> Option<String> {
    let rest = error.message().strip_prefix("missing field ")?;
    backticked(rest).into_iter().next()
}

/// `text` with `key = <stand-in>` put before it, the bytes added, and the next error of
/// that text (`None`: it parses), for a key `error` says is missing at the top of the
/// document. The stand-in is the first value of a common type the key takes. `None` when no
/// stand-in moves the error on: the key is missing from a table further in, or it takes a
/// table of its own.
fn stand_in<T: DeserializeOwned>(
    text: &[u8],
    key: &str,
    error: &toml::de::Error,
) -> Option<(Vec<u8>, usize, Option<toml::de::Error>)> {
    let bare = key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !bare {
        return None;
    }
    for value in ["\"\"", "1970-01-01", "0", "false", "[]"] {
        let line = format!("{key} = {value}\n");
        let with_key = [line.as_bytes(), text].concat();
        let parsed = std::str::from_utf8(&with_key).ok()?;
        match toml::from_str::<T>(parsed) {
            Ok(_) => return Some((with_key, line.len(), None)),
            Err(next) => {
                // A key missing at the top is reported at the whole document, from byte 0.
                let top_missing =
                    missing_key(&next).is_some() && next.span().is_some_and(|at| at.start == 0);
                let past_stand_in =
                    top_missing || next.span().is_none_or(|at| at.start >= line.len());
                // Spans in the text before the stand-in, to compare with `error`'s.
                let before = |at: Range<usize>| at.start.saturating_sub(line.len());
                let same = next.message() == error.message()
                    && next.span().map(before) == error.span().map(|at| at.start);
                if past_stand_in && !same {
                    return Some((with_key, line.len(), Some(next)));
                }
            }
        }
    }
    None
}

/// The key an "unknown field `titel`, expected one of …" error's hint suggests (`title`).
fn meant_key(error: &toml::de::Error) -> Option<String> {
    let names = backticked(error.message().strip_prefix("unknown field")?);
    let (given, expected) = names.split_first()?;
    suggest::did_you_mean(given, expected.iter().map(String::as_str)).map(str::to_string)
}

/// The bytes of the `key = value` entry whose key or value is at `at`, in any table of the
/// document, and its key.
fn entry_span(text: &str, at: Range<usize>) -> Option<(Range<usize>, String)> {
    let doc = DeTable::parse(text).ok()?;
    find_entry(doc.get_ref(), &at)
}

fn find_entry(table: &DeTable<'_>, at: &Range<usize>) -> Option<(Range<usize>, String)> {
    table.iter().find_map(|(k, v)| {
        if k.span() == *at || v.span() == *at {
            return Some((k.span().start..v.span().end, k.get_ref().to_string()));
        }
        find_in_value(v.get_ref(), at)
    })
}

fn find_in_value(value: &DeValue<'_>, at: &Range<usize>) -> Option<(Range<usize>, String)> {
    match value {
        DeValue::Table(t) => find_entry(t, at),
        DeValue::Array(items) => items.iter().find_map(|v| find_in_value(v.get_ref(), at)),
        _ => None,
    }
}

/// A diagnostic for a TOML error in `file`, whose TOML, `text`, starts at byte `offset` of
/// the file.
fn diagnostic(file: &Path, offset: usize, text: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let mut d = Diagnostic::error(file, reword(first_line(&message)));
    if let Some(span) = error.span() {
        if let Some(comma) = decimal_comma(text, span.start) {
            return Diagnostic::error(file, "a number with a decimal comma")
                .at(comma + offset..comma + 1 + offset)
                .help("a decimal number takes a point, not a comma: 3.5");
        }
        d = d.at(span.start + offset..span.end + offset);
    }
    if let Some(help) = hint(&message) {
        d = d.help(help);
    }
    d
}

/// The comma of a Dutch decimal such as `= 3,5` on the line of byte `at`, where the parser
/// stopped: at the comma itself, or, inside `{ … }` where a comma separates entries, later on
/// the line.
fn decimal_comma(text: &str, at: usize) -> Option<usize> {
    // Bytes throughout: a span need not fall on a character boundary of the line's text.
    let text = text.as_bytes();
    let at = at.min(text.len());
    let start = text[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let end = text[at..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let run = |from: usize, what: fn(&u8) -> bool| {
        line[from.min(line.len())..]
            .iter()
            .take_while(|b| what(b))
            .count()
    };
    (0..line.len()).filter(|&i| line[i] == b'=').find_map(|eq| {
        let value = eq + 1 + run(eq + 1, |b| *b == b' ');
        let comma = value + run(value, u8::is_ascii_digit);
        let decimal = comma > value
            && line.get(comma) == Some(&b',')
            && run(comma + 1, u8::is_ascii_digit) > 0;
        decimal.then_some(start + comma)
    })
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// The parser's words where they mislead: a bare word such as `Noord-Holland` is read as a
/// number that went wrong ("invalid float, expected `nan`").
fn reword(message: String) -> String {
    if message.starts_with("invalid float, expected `nan`")
        || message.starts_with("invalid float, expected `inf`")
    {
        return "a value without quotes that is not a number, a date or true/false".to_string();
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // serde's type names ("floating point `2.5`, expected i64") in an editor's words.
        let plain = rest
            .replacen("floating point `", "the decimal number `", 1)
            .replacen("integer `", "the number `", 1)
            .replacen("string \"", "the text \"", 1)
            .replace(" as i128", "")
            .replace(" as u128", "");
        let plain = match plain.rsplit_once(", expected ") {
            Some((found, wanted)) => {
                let wanted = match wanted {
                    "i64" | "u32" | "u64" | "an integer" => "a whole number",
                    "f64" | "a float" => "a number",
                    "a sequence" => "a list",
                    w if w.starts_with("a map") || w.starts_with("struct") => "a table",
                    other => other,
                };
                let found = match found {
                    "sequence" => "a list",
                    "map" => "a table",
                    other => other,
                };
                format!("{found} where {wanted} belongs")
            }
            None => plain,
        };
        return format!("wrong kind of value: {plain}");
    }
    message
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).to_string()
}

/// "unknown field `nmae`, expected one of `name`, `kind`" → "did you mean `name`?".
fn hint(message: &str) -> Option<String> {
    for prefix in ["unknown field", "unknown variant"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let names = backticked(rest);
            let (given, expected) = names.split_first()?;
            let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            if let Some(best) = suggest::did_you_mean(given, expected.iter().copied()) {
                return Some(format!("did you mean `{best}`?"));
            }
            if prefix == "unknown field" {
                return Some(format!(
                    "allowed here: {}; put your own fields under an `[extra]` table",
                    expected.join(", ")
                ));
            }
            return Some(format!("allowed values: {}", expected.join(", ")));
        }
    }
    if message.starts_with("missing field") {
        return Some("add it to the file; see the content format in the README".into());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return type_hint(rest);
    }
    let hints: &[(&str, &str)] = &[
        // A bare word is read as the start of a number or a boolean.
        ("invalid float", "text needs quotes, such as province = \"Noord-Holland\"; numbers are written plainly: 3 or 2.5"),
        ("string values must be quoted", "text needs quotes, such as partner = \"cwi\"; numbers are written plainly: 3 or 2.5"),
        ("invalid integer", "text needs quotes: key = \"…\"; numbers are written plainly: 3 or 2.5"),
        ("invalid basic string", "close the text with `\"` on the same line; text over several lines goes between three quotes: \"\"\"…\"\"\""),
        ("invalid literal string", "close the text with `'` on the same line"),
        ("invalid date", "a date is year-month-day and must exist, such as 2007-02-28"),
        ("invalid time", "a date is year-month-day with nothing after it on the line (a comment starts with #): date = 2007-03-01"),
        ("floating-point number overflowed", "the number is too large for a score or a count"),
        ("duplicate key", "each key may appear once in a table: remove or rename one of the two"),
        ("unexpected key or value", "one key = value per line; text with spaces goes in quotes, and a comment starts with #"),
        ("unquoted keys cannot be empty", "write the key before the `=`: key = value"),
        ("missing escaped value", "a backslash in text starts an escape such as \\n; write \\\\ for a backslash, or use 'single quotes' for text with backslashes"),
        ("recursion limit", "tables and dotted keys are nested too deeply here; flatten them"),
    ];
    hints
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map(|(_, hint)| hint.to_string())
}

/// A hint for "invalid type: <found>, expected <wanted>": how to write what was wanted.
fn type_hint(rest: &str) -> Option<String> {
    let (found, wanted) = rest.rsplit_once(", expected ")?;
    if found == "map" && wanted == "a sequence" {
        return Some(
            "this takes a list: write each entry as a table under `[[name]]` (two brackets), \
             or the values in brackets: [\"a\", \"b\"]"
                .to_string(),
        );
    }
    let how = match wanted {
        "a string" => "text, in quotes: \"…\"",
        "a sequence" => "a list in brackets: [\"a\", \"b\"]",
        "a boolean" => "true or false, without quotes",
        "i64" | "u32" | "u64" | "an integer" => "a whole number, without quotes: 3",
        "f64" | "a float" => "a number, without quotes: 2.5",
        _ if wanted.starts_with("a map") || wanted.starts_with("struct") => {
            "a table: key = { a = 1 } or a [section]"
        }
        _ => return None,
    };
    let too_large = found.contains("as i128") || found.contains("as u128");
    Some(if too_large {
        format!("the number is too large; this takes {how}")
    } else {
        format!("this takes {how}")
    })
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn type_errors_are_worded_for_editors() {
        assert_eq!(
            reword("invalid type: floating point `2.5`, expected i64".into()),
            "wrong kind of value: the decimal number `2.5` where a whole number belongs"
        );
        assert_eq!(
            reword("invalid type: integer `99999999999999999999` as i128, expected i64".into()),
            "wrong kind of value: the number `99999999999999999999` where a whole number belongs"
        );
        assert_eq!(
            reword("invalid type: map, expected a sequence".into()),
            "wrong kind of value: a table where a list belongs"
        );
        // `[responses]` for `[[responses]]`: the hint names the two brackets.
        let help = hint("invalid type: map, expected a sequence").unwrap();
        assert!(help.contains("`[[name]]` (two brackets)"), "{help}");
    }

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Note {
        title: String,
        date: toml::value::Datetime,
        #[serde(default)]
        themes: Vec<String>,
        #[serde(default)]
        extra: Option<toml::Table>,
    }

    fn problems(text: &str) -> Vec<(usize, String)> {
        match from_str::<Note>(Path::new("n.md"), 4, text) {
            Ok(_) => Vec::new(),
            Err(list) => list
                .into_iter()
                .map(|d| (d.span.map_or(0, |s| s.start), d.message))
                .collect(),
        }
    }

    #[test]
    fn misspelt_keys_are_all_reported_and_the_key_they_meant_is_not_missing_too() {
        // "titel" at byte 0, "datum" at 10, "themas" at 28 (+4: the front matter's offset).
        let found = problems("titel = \"x\"\ndatum = 2007-01-02\nthemas = [\"a\"]\n");
        let mut at: Vec<usize> = found.iter().map(|p| p.0).collect();
        at.sort();
        assert_eq!(at, [4, 16, 35], "{found:?}");
        assert!(found.iter().all(|p| p.1.starts_with("unknown field")));
    }

    #[test]
    fn misspelt_keys_inside_a_table_are_reported_past_each_other() {
        let found = problems("title = \"x\"\ndate = 2007-01-02\n[extra]\na = 1\n[extr]\nb = 2\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("unknown field `extr`"));
    }

    #[test]
    fn a_wrong_value_is_reported_and_the_list_goes_on_past_it() {
        // `title = 3` (value at 8 + 4) is wrong and, blanked, missing: reported once.
        let found = problems("title = 3\ndate = 2007-01-02\nthemes = 4\nthemas = []\n");
        let mut at: Vec<usize> = found.iter().map(|p| p.0).collect();
        at.sort();
        assert_eq!(at, [12, 41, 43], "{found:?}");
        assert!(
            !found.iter().any(|p| p.1.starts_with("missing")),
            "{found:?}"
        );
    }

    #[test]
    fn every_missing_key_is_reported_in_one_run_with_what_else_is_wrong() {
        let found = problems("themes = 4\n");
        let messages: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(messages.len(), 3, "{found:?}");
        assert!(messages[0].starts_with("wrong kind of value"), "{found:?}");
        assert!(
            messages[1].starts_with("missing field `title`"),
            "{found:?}"
        );
        assert!(messages[2].starts_with("missing field `date`"), "{found:?}");
        // A missing key in a table further in is reported once: no stand-in at the top
        // can fill it.
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            title: String,
            items: Vec<Inner>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            partner: String,
        }
        let nested = from_str::<Outer>(Path::new("r.toml"), 0, "[[items]]\nrole = 1\n");
        let messages: Vec<String> = nested.unwrap_err().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("missing field `partner`"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_key_that_is_really_missing_is_reported_last() {
        let found = problems("title = \"x\"\nthemas = []\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].1.starts_with("missing field `date`"), "{found:?}");
    }

    #[test]
    fn syntax_errors_are_all_reported_one_per_line() {
        let found = problems("title = x\ndate = 2007-02-30\nthemes = [\"a\" \"b\"]\n");
        let mut at: Vec<usize> = found.iter().map(|p| p.0).collect();
        at.sort();
        assert_eq!(at, [12, 21, 46], "{found:?}");
    }

    #[test]
    fn finds_the_decimal_comma_on_the_line_of_the_error() {
        assert_eq!(decimal_comma("a = 3,5\n", 5), Some(5));
        assert_eq!(decimal_comma("x = 1\nd = { a = 4,5 }\n", 20), Some(17));
        assert_eq!(decimal_comma("list = [4,5] oops\n", 13), None);
        assert_eq!(decimal_comma("a = 3,\n", 5), None);
    }

    #[test]
    fn suggests_the_field_that_was_meant() {
        assert_eq!(
            hint("unknown field `nmae`, expected one of `name`, `kind`").as_deref(),
            Some("did you mean `name`?")
        );
    }

    #[test]
    fn every_syntax_and_type_error_gets_a_hint() {
        // The messages of toml 1.2, as `toml::from_str` gives them.
        for message in [
            "invalid float, expected `nan`",
            "invalid basic string, expected `\"`",
            "invalid date, expected day between 01 and 28",
            "invalid time, expected hour",
            "invalid type: integer `99999999999999999999` as i128, expected i64",
            "floating-point number overflowed",
            "duplicate key",
            "invalid type: sequence, expected a string",
            "invalid type: string \"a\", expected a sequence",
            "invalid type: string \"ja\", expected a boolean",
            "invalid type: floating point `2.5`, expected i64",
            "unexpected key or value, expected newline, `#`",
            "unquoted keys cannot be empty, expected letters, numbers, `-`, `_`",
            "missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `\"`, `x`, `u`, `U`",
        ] {
            assert!(hint(message).is_some(), "no hint for {message:?}");
        }
        assert_eq!(
            hint("invalid type: integer `5`, expected a string").as_deref(),
            Some("this takes text, in quotes: \"…\"")
        );
        assert!(
            hint("invalid type: integer `99999999999999999999` as i128, expected i64")
                .unwrap()
                .starts_with("the number is too large")
        );
    }

    #[test]
    fn lists_allowed_values_for_an_unknown_variant() {
        assert_eq!(
            hint("unknown variant `xyz`, expected one of `open`, `bezig`").as_deref(),
            Some("allowed values: open, bezig")
        );
    }
}
