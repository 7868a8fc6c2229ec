//! Turning TOML parse errors into diagnostics with a position and a hint.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::suggest;

/// A diagnostic for a TOML error in `file`, whose TOML starts at byte `offset` of the file.
pub fn diagnostic(file: &Path, offset: usize, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let mut d = Diagnostic::error(file, reword(first_line(&message)));
    if let Some(span) = error.span() {
        d = d.at(span.start + offset..span.end + offset);
    }
    if let Some(help) = hint(&message) {
        d = d.help(help);
    }
    d
}

/// The parser's words where they mislead: a bare word such as `Noord-Holland` is read as a
/// number that went wrong ("invalid float, expected `nan`").
fn reword(message: String) -> String {
    if message.starts_with("invalid float, expected `nan`")
        || message.starts_with("invalid float, expected `inf`")
    {
        return "a value without quotes that is not a number, a date or true/false".to_string();
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
    use super::*;

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
