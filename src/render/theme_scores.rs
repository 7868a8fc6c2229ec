//! theme_scores: every region's mirror → one theme's scores across regions (the theme page's
//! table: per region, the latest round's mean of each partner and the spread between them).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Mirror;
use crate::model::Site;
use crate::render::i18n;
use crate::render::views::{Fmt, RegionLink};
use crate::urls;

/// One region's latest figures on a theme.
#[derive(Debug, Clone, Serialize)]
pub struct RegionThemeScores {
    /// The region.
    pub region: RegionLink,
    /// Questionnaire title (a site may have more than one with this theme).
    pub questionnaire: String,
    /// Date of the latest round, formatted.
    pub date: String,
    /// Date of the latest round, ISO.
    pub date_iso: String,
    /// Spread between partners, formatted ("–" with fewer than two answering partners).
    pub spread: String,
    /// Each partner's mean, in the region's partner order.
    pub partners: Vec<PartnerScore>,
}

/// One partner's mean on the theme.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerScore {
    /// Partner name.
    pub name: String,
    /// Mean, formatted, or "geen antwoord".
    pub now: String,
    /// Whether the partner answered.
    pub answered: bool,
}

/// The rows of `theme`'s table: regions in site order, then questionnaires in id order; only
/// regions with a round of a questionnaire that has this theme.
pub fn theme_scores(
    fmt: Fmt,
    site: &Site,
    mirrors: &BTreeMap<String, Vec<Mirror>>,
    theme: &str,
) -> Vec<RegionThemeScores> {
    let l = fmt.language;
    let mut rows = Vec::new();
    for region in &site.regions {
        for m in mirrors.get(&region.slug).map(Vec::as_slice).unwrap_or(&[]) {
            let now = m.now();
            let Some(t) = now.theme(theme) else { continue };
            let questionnaire = site
                .questionnaire(&m.questionnaire)
                .map_or(m.questionnaire.clone(), |q| q.title.clone());
            rows.push(RegionThemeScores {
                region: RegionLink {
                    name: region.name.clone(),
                    href: urls::href(&urls::region(&region.slug)),
                },
                questionnaire,
                date: i18n::date(l, now.date),
                date_iso: now.date.to_string(),
                spread: t
                    .spread
                    .map_or_else(|| "–".to_string(), |v| i18n::decimal(l, v)),
                partners: t
                    .partners
                    .iter()
                    .map(|p| PartnerScore {
                        name: region
                            .partner(&p.partner)
                            .map_or(&*p.partner, |x| x.name.as_str())
                            .to_string(),
                        now: p.now.map_or_else(
                            || i18n::text(l, "no_answer").to_string(),
                            |v| i18n::decimal(l, v),
                        ),
                        answered: p.now.is_some(),
                    })
                    .collect(),
            });
        }
    }
    rows
}
