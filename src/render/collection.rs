//! collection: the practices index (`praktijken/`) → view data. Every practice appears once in
//! full, grouped by status (structural, pilot, idea, stopped: stopped ones stay with their
//! lessons), and again as links grouped by theme and by region, so a reader without JavaScript
//! can still "filter" by jumping to an anchor. The filter form (assets/practices.js) works on the
//! `data-*` attributes the template writes from [`CollectionItem`].

use serde::Serialize;

use super::views::{Lookup, PracticeItem};
use crate::model::PracticeStatus;
use crate::urls;

/// Anchor id of the group of practices without a region.
const NO_REGION: &str = "-";

/// One practice on the index, in full.
#[derive(Debug, Serialize)]
pub struct CollectionItem {
    /// Title, href, status, site, region, themes, summary.
    #[serde(flatten)]
    pub item: PracticeItem,
    /// Results seen.
    pub results: Vec<String>,
    /// Lessons learned.
    pub lessons: Vec<String>,
    /// Theme ids separated by spaces (for `data-themes`).
    pub theme_ids: String,
    /// Region slug, or `-` (for `data-region`).
    pub region_id: String,
}

/// Practices of one status.
#[derive(Debug, Serialize)]
pub struct StatusGroup {
    /// Status id (anchor `status-<id>`).
    pub id: &'static str,
    /// Status label.
    pub label: String,
    /// The practices, in title order.
    pub practices: Vec<CollectionItem>,
}

/// A short entry in the by-theme and by-region lists.
#[derive(Debug, Serialize)]
pub struct ShortItem {
    /// Title.
    pub title: String,
    /// Href from the root.
    pub href: String,
    /// Status label.
    pub status: String,
    /// Status id.
    pub status_id: &'static str,
}

/// Practices sharing one theme or one region.
#[derive(Debug, Serialize)]
pub struct LinkGroup {
    /// Theme id or region slug (`-` for "no region"): the filter value and anchor suffix.
    pub id: String,
    /// Theme title or region name.
    pub title: String,
    /// The theme's or region's own page, if it has one.
    pub href: Option<String>,
    /// The practices, structural first.
    pub practices: Vec<ShortItem>,
}

/// An option of a filter control.
#[derive(Debug, Serialize)]
pub struct FilterOption {
    /// Value matched against the `data-*` attributes.
    pub value: String,
    /// Label.
    pub label: String,
}

/// The practices index view.
#[derive(Debug, Serialize)]
pub struct CollectionView {
    /// Number of practices.
    pub total: usize,
    /// Every practice, by status (only statuses that have practices).
    pub groups: Vec<StatusGroup>,
    /// Practices by theme (only themes that have practices), in the site's theme order.
    pub by_theme: Vec<LinkGroup>,
    /// Practices by region (by name), then those without a region.
    pub by_region: Vec<LinkGroup>,
    /// Status filter options (statuses that have practices).
    pub statuses: Vec<FilterOption>,
}

/// Builds the practices index view.
pub fn practices(l: &Lookup) -> CollectionView {
    let site = l.site;
    let short = |p: &crate::model::Practice| ShortItem {
        title: p.title.clone(),
        href: urls::href(&urls::practice(&p.slug)),
        status: l.fmt_label_practice(p.status),
        status_id: p.status.id(),
    };
    // Structural first in the short lists too: the same order readers see in the full list.
    let mut ordered: Vec<&crate::model::Practice> = site.practices.iter().collect();
    ordered.sort_by_key(|p| {
        PracticeStatus::ALL
            .iter()
            .position(|s| *s == p.status)
            .unwrap_or(usize::MAX)
    });

    let groups: Vec<StatusGroup> = PracticeStatus::ALL
        .iter()
        .filter_map(|status| {
            let practices: Vec<CollectionItem> = site
                .practices
                .iter()
                .filter(|p| p.status == *status)
                .map(|p| CollectionItem {
                    item: l.practice_item(p),
                    results: p.results.clone(),
                    lessons: p.lessons.clone(),
                    theme_ids: p
                        .themes
                        .iter()
                        .map(|t| urls::theme_slug(t))
                        .collect::<Vec<_>>()
                        .join(" "),
                    region_id: p.region.clone().unwrap_or_else(|| NO_REGION.to_string()),
                })
                .collect();
            (!practices.is_empty()).then(|| StatusGroup {
                id: status.id(),
                label: l.fmt_label_practice(*status),
                practices,
            })
        })
        .collect();

    let by_theme = site
        .themes()
        .into_iter()
        .filter_map(|t| {
            let practices: Vec<ShortItem> = ordered
                .iter()
                .filter(|p| p.themes.contains(&t.id))
                .map(|p| short(p))
                .collect();
            (!practices.is_empty()).then(|| LinkGroup {
                id: urls::theme_slug(&t.id).into_owned(),
                title: t.title.clone(),
                href: Some(urls::href(&urls::theme(&t.id))),
                practices,
            })
        })
        .collect();

    let mut by_region: Vec<LinkGroup> = site
        .regions
        .iter()
        .filter_map(|r| {
            let practices: Vec<ShortItem> = ordered
                .iter()
                .filter(|p| p.region.as_deref() == Some(r.slug.as_str()))
                .map(|p| short(p))
                .collect();
            (!practices.is_empty()).then(|| LinkGroup {
                id: r.slug.clone(),
                title: r.name.clone(),
                href: Some(urls::href(&urls::region(&r.slug))),
                practices,
            })
        })
        .collect();
    by_region.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    let without: Vec<ShortItem> = ordered
        .iter()
        .filter(|p| p.region.is_none())
        .map(|p| short(p))
        .collect();
    if !without.is_empty() {
        by_region.push(LinkGroup {
            id: NO_REGION.to_string(),
            title: crate::render::i18n::text(l.fmt.language, "practices_no_region").to_string(),
            href: None,
            practices: without,
        });
    }

    CollectionView {
        total: site.practices.len(),
        statuses: groups
            .iter()
            .map(|g| FilterOption {
                value: g.id.to_string(),
                label: g.label.clone(),
            })
            .collect(),
        groups,
        by_theme,
        by_region,
    }
}

impl Lookup<'_> {
    /// The label of a practice status ("structureel").
    fn fmt_label_practice(&self, status: PracticeStatus) -> String {
        crate::render::i18n::text(self.fmt.language, &format!("practice.{}", status.id()))
            .to_string()
    }
}
