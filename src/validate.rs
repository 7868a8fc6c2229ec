//! validate: the load and check stages run on texts held in memory, with no disk.
//!
//! A build reads files, but the parsing and checking it does are pure functions of the texts.
//! This module exposes them for one region's questionnaire, profile and results file, so the
//! fuzz targets (`fuzz/`) and tests can throw any text at the same code a build runs, cheaply
//! and without a temp dir per input. Nothing here is used by `spiegel build` itself.

use crate::check::{self, CheckOptions};
use crate::content;
use crate::diagnostics::{Diagnostics, SourceMap};
use crate::model::Site;

/// What checking one region's texts produced.
#[derive(Debug)]
pub struct Checked {
    /// The typed site (complete only when `diagnostics` holds no error).
    pub site: Site,
    /// Every problem from parsing and checking, as a build would report it.
    pub diagnostics: Diagnostics,
    /// The texts, for rendering the diagnostics with excerpts.
    pub sources: SourceMap,
}

/// Parses and checks a questionnaire (id `scan`), a region profile (slug `regio`) and one
/// results file for that region, as a build would: the same front-matter splitting, TOML
/// errors, cross-reference and score checks. The file names the diagnostics carry are those
/// of [`content::in_memory`].
pub fn region_texts(questionnaire: &str, profile: &str, results: &str) -> Checked {
    let loaded = content::load_region_texts(questionnaire, profile, results);
    let mut diagnostics = loaded.diagnostics;
    let (site, check_diags) = check::check(loaded.site, CheckOptions { drafts: false });
    diagnostics.extend(check_diags);
    Checked {
        site,
        diagnostics,
        sources: loaded.sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUESTIONNAIRE: &str = "title = \"Scan\"\nscale = { min = 1, max = 5 }\n\n[[themes]]\nid = \"doelen\"\ntitle = \"Doelen\"\n\n[[questions]]\nid = \"doelen-1\"\ntheme = \"doelen\"\ntext = \"Doel?\"\n";
    const PROFILE: &str =
        "+++\nname = \"Regio\"\npartners = [{ id = \"cwi\", name = \"CWI\" }]\n+++\nTekst.\n";

    #[test]
    fn good_texts_check_clean_and_give_one_region_with_one_round() {
        let results = "questionnaire = \"scan\"\ndate = 2007-03-15\n\n[[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 4 }\n";
        let checked = region_texts(QUESTIONNAIRE, PROFILE, results);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(checked.site.regions.len(), 1);
        assert_eq!(checked.site.regions[0].slug, "regio");
    }

    #[test]
    fn score_off_the_scale_is_an_error_at_its_line_and_column() {
        let results = "questionnaire = \"scan\"\ndate = 2007-03-15\n\n[[responses]]\npartner = \"cwi\"\nanswers = { doelen-1 = 9 }\n";
        let checked = region_texts(QUESTIONNAIRE, PROFILE, results);
        assert_eq!(checked.diagnostics.error_count(), 1);
        let text = checked.diagnostics.render(&checked.sources, false);
        assert!(text.contains("results.toml:6:"), "{text}");
    }

    #[test]
    fn a_byte_order_mark_is_ignored_like_on_disk() {
        let results = "\u{feff}questionnaire = \"scan\"\ndate = 2007-03-15\n";
        let checked = region_texts(QUESTIONNAIRE, PROFILE, results);
        assert!(
            !checked.diagnostics.has_errors(),
            "{:?}",
            checked.diagnostics
        );
    }
}
