//! suggest: "did you mean `doelen-2`?" hints for ids that point nowhere.

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A help line for an unknown id: the likely intended one, or the list of valid ones.
pub fn help_for<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> Option<String> {
    if let Some(best) = did_you_mean(input, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    match all.len() {
        0 => None,
        n if n <= 12 => Some(format!("{what}: {}", all.join(", "))),
        n => Some(format!(
            "{what}: {} and {} more",
            all[..12].join(", "),
            n - 12
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_id() {
        assert_eq!(
            did_you_mean("uwwv", ["cwi", "uwv", "gemeente"]),
            Some("uwv")
        );
        assert_eq!(
            did_you_mean("doelen-3", ["doelen-1", "doelen-2"]),
            Some("doelen-1")
        );
    }

    #[test]
    fn suggests_nothing_when_nothing_is_close() {
        assert_eq!(did_you_mean("xyz", ["gemeente", "loket"]), None);
    }

    #[test]
    fn lists_the_candidates_when_none_is_close() {
        assert_eq!(
            help_for("xyz", ["cwi", "uwv"], "partners here").as_deref(),
            Some("partners here: cwi, uwv")
        );
    }
}
