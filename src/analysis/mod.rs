//! analysis: checked [`Site`] → [`Mirror`]s (one per region and questionnaire). Pure functions,
//! no I/O.
//!
//! The formulas are the contract in `content-model.md` ("How the mirror is computed"). Nothing
//! here rounds: figures keep full precision and only display code rounds them, so a mean shown
//! as 2,8 is still compared and sorted on its true value.

mod mirror;

use std::collections::BTreeMap;

use crate::model::Site;

pub use mirror::{
    mirror, ChoiceMirror, Mirror, PartnerChoice, PartnerQuestion, PartnerTheme, QuestionMirror,
    RoleMirror, RoundMirror, ThemeMirror,
};

/// Every region's mirrors, keyed by region slug.
///
/// Each region gets one [`Mirror`] per questionnaire it has rounds of, in questionnaire id order
/// (the order of [`Site::questionnaires`]). Every region of the site is a key, even one without
/// any rounds (then with an empty list), so templates can look a region up without first asking
/// whether it exists.
pub fn mirrors(site: &Site) -> BTreeMap<String, Vec<Mirror>> {
    site.regions
        .iter()
        .map(|region| {
            let mut questionnaires: Vec<_> = site.questionnaires.iter().collect();
            // The model already sorts by id; sorting again keeps the promise above even if a
            // caller builds a `Site` by hand.
            questionnaires.sort_by(|a, b| a.id.cmp(&b.id));
            let list = questionnaires
                .into_iter()
                .filter_map(|questionnaire| mirror(region, questionnaire))
                .collect();
            (region.slug.clone(), list)
        })
        .collect()
}
