//! analysis: checked [`Site`] → [`Mirror`]s (one per region and questionnaire). Pure functions,
//! no I/O.
//!
//! The formulas are the contract in `content-model.md` ("How the mirror is computed"). Nothing
//! here rounds: figures keep full precision and only display code rounds them, so a mean shown
//! as 2,8 is still compared and sorted on its true value.

pub mod matching;
mod mirror;
// ---- compare and national overview (issue 3) ----
pub mod compare;
pub mod national;

use std::collections::BTreeMap;

use crate::model::Site;

pub use mirror::{
    mirror, ChoiceMirror, Mirror, PartnerChoice, PartnerQuestion, PartnerTheme, QuestionMirror,
    RoleMirror, RoundMirror, ThemeMirror,
};

/// Everything the analysis stage computes for a site.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every region's mirrors, keyed by region slug (see [`mirrors`]).
    pub mirrors: BTreeMap<String, Vec<Mirror>>,
    /// Every region's latest figures side by side, with the national reference (compare page).
    pub comparison: compare::Comparison,
    /// The programme's view over all regions (national overview page).
    pub national: national::National,
    /// Practices matched to regions' needs, and regions like each other (see [`matching`]).
    pub matches: matching::Matches,
}

/// Runs every analysis over the checked site.
pub fn analyse(site: &Site) -> Analysis {
    analyse_with(site, mirrors(site), matching::matches)
}

/// [`analyse`] after edits to results alone (the preview's short cut): `mirrors` has the
/// changed regions' made again ([`region_mirrors`]), and `matches_before` keeps the matches
/// of practices to regions, which results do not reach ([`matching::with_new_figures`]).
pub fn analyse_new_figures(
    site: &Site,
    mirrors: BTreeMap<String, Vec<Mirror>>,
    matches_before: matching::Matches,
) -> Analysis {
    analyse_with(site, mirrors, |site, mirrors| {
        matching::with_new_figures(site, mirrors, matches_before)
    })
}

/// The analysis from the regions' mirrors, with `matches` doing the matching.
fn analyse_with(
    site: &Site,
    mirrors: BTreeMap<String, Vec<Mirror>>,
    matches: impl FnOnce(&Site, &BTreeMap<String, Vec<Mirror>>) -> matching::Matches + Send,
) -> Analysis {
    // Matching reads only the mirrors; compare and national the mirrors and each other.
    let ((comparison, national), matches) = rayon::join(
        || {
            let comparison = compare::compare(site, &mirrors);
            let national = national::national(site, &comparison);
            (comparison, national)
        },
        || matches(site, &mirrors),
    );
    Analysis {
        mirrors,
        comparison,
        national,
        matches,
    }
}

/// Every region's mirrors, keyed by region slug.
///
/// Each region gets one [`Mirror`] per questionnaire it has rounds of, in questionnaire id order
/// (the order of [`Site::questionnaires`]). Every region of the site is a key, even one without
/// any rounds (then with an empty list), so templates can look a region up without first asking
/// whether it exists.
pub fn mirrors(site: &Site) -> BTreeMap<String, Vec<Mirror>> {
    use rayon::prelude::*;
    site.regions
        .par_iter()
        .map(|region| (region.slug.clone(), region_mirrors(site, region)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// One region's entry of [`mirrors`].
pub fn region_mirrors(site: &Site, region: &crate::model::Region) -> Vec<Mirror> {
    let mut questionnaires: Vec<_> = site.questionnaires.iter().collect();
    // The model already sorts by id; sorting again keeps the promise of [`mirrors`] even if
    // a caller builds a `Site` by hand.
    questionnaires.sort_by(|a, b| a.id.cmp(&b.id));
    questionnaires
        .into_iter()
        .filter_map(|questionnaire| mirror(region, questionnaire))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use mirror::tests::{nulmeting, quickscan, region, response, round, Answers};

    fn site(
        questionnaires: Vec<crate::model::Questionnaire>,
        regions: Vec<crate::model::Region>,
    ) -> Site {
        Site {
            config: Config::default(),
            home: None,
            questionnaires,
            regions,
            notes: Vec::new(),
            practices: Vec::new(),
            pages: Vec::new(),
            ..Site::default()
        }
    }

    #[test]
    fn mirrors_has_every_region_and_one_mirror_per_questionnaire_in_id_order() {
        let mut andere = quickscan();
        andere.id = "andere".to_string();
        let mut andere_round = round(
            "a.toml",
            "2008-01-01",
            vec![response("cwi", 1).score("doelen-1", 3.0)],
        );
        andere_round.questionnaire = "andere".to_string();
        let mut answered = region(vec![nulmeting(), andere_round]);
        answered.slug = "haarlemmermeer".to_string();
        let mut silent = region(Vec::new());
        silent.slug = "zaanstad".to_string();
        // Listed out of id order on purpose: the result follows the ids.
        let site = site(vec![quickscan(), andere], vec![answered, silent]);

        let all = mirrors(&site);
        let keys: Vec<_> = all.keys().map(String::as_str).collect();
        assert_eq!(keys, ["haarlemmermeer", "zaanstad"]);
        let ids: Vec<_> = all["haarlemmermeer"]
            .iter()
            .map(|m| m.questionnaire.as_str())
            .collect();
        assert_eq!(ids, ["andere", "quickscan"]);
        assert!(all["zaanstad"].is_empty());
    }

    #[test]
    fn mirror_serializes_for_templates() {
        let mirror = mirror(&region(vec![nulmeting()]), &quickscan()).unwrap();
        let json = serde_json::to_value(&mirror).unwrap();
        let now = &json["rounds"][0];
        assert_eq!(now["date"]["year"], 2007);
        // counts are [option, respondents] pairs; no answer is null, never 0.
        assert_eq!(
            now["choices"][0]["partners"][0]["counts"][0],
            serde_json::json!(["apart", 1])
        );
        assert_eq!(
            now["themes"][2]["partners"][0]["now"],
            serde_json::Value::Null
        );
    }
}
