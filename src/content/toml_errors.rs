//! Turning TOML parse errors into diagnostics with a position and a hint.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::suggest;

/// A diagnostic for a TOML error in `file`, whose TOML starts at byte `offset` of the file.
pub fn diagnostic(file: &Path, offset: usize, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let mut d = Diagnostic::error(file, first_line(&message));
    if let Some(span) = error.span() {
        d = d.at(span.start + offset..span.end + offset);
    }
    if let Some(help) = hint(&message) {
        d = d.help(help);
    }
    d
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
    None
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
    fn lists_allowed_values_for_an_unknown_variant() {
        assert_eq!(
            hint("unknown variant `xyz`, expected one of `open`, `bezig`").as_deref(),
            Some("allowed values: open, bezig")
        );
    }
}
