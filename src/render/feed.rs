//! feed: checked [`Site`] → `atom.xml` (notes and practices, newest first) and `sitemap.xml`.
//!
//! Both need absolute URLs, so they are written only when site.toml sets `base_url` to an
//! absolute `http(s)://` URL ([`plan`]). Every date comes from the content (a note's `date`, a
//! practice's `since`), never from the clock, so the same content gives the same bytes.
//!
//! A practice without `since` takes the date of the newest note that refers to it; with neither
//! it has no date and is left out of the feed (it is still in the sitemap, without `lastmod`).

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::model::{Date, Site};
use crate::render::theme::escape_html;
use crate::urls;

/// Output path of the Atom feed.
pub const ATOM_PATH: &str = "atom.xml";
/// Output path of the sitemap.
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// Whether and how to write the feed and sitemap.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedPlan {
    /// Write them; the base URL ends with `/`.
    Write(String),
    /// Leave them out; the reason, for the build output.
    Skip(String),
    /// `base_url` is set but unusable.
    Invalid(Diagnostic),
}

/// Decides from site.toml's `base_url`.
pub fn plan(base_url: &str) -> FeedPlan {
    let base = base_url.trim();
    if base.is_empty() {
        return FeedPlan::Skip(
            "atom.xml and sitemap.xml skipped: they need absolute URLs and site.toml sets no \
             `base_url`"
                .to_string(),
        );
    }
    let scheme_ok = base.starts_with("https://") || base.starts_with("http://");
    let host_ok = base
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    // A `?query` or `#fragment` would end up in the middle of every address built on it.
    if !scheme_ok || !host_ok || base.contains(char::is_whitespace) || base.contains(['?', '#']) {
        return FeedPlan::Invalid(
            Diagnostic::error(
                "site.toml",
                format!("`base_url = \"{base}\"` is not an absolute URL"),
            )
            .help(
                "write the full address the site is published at, such as \
                 `https://intranet.example.nl/spiegel/`, or leave base_url empty to skip the \
                 feed and sitemap",
            ),
        );
    }
    let mut base = base.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    FeedPlan::Write(base)
}

/// RFC 3339 timestamp of a date at midnight UTC.
fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// One feed entry.
struct Entry {
    title: String,
    url: String,
    date: Date,
    summary: String,
    kind: &'static str,
}

/// The Atom feed. `summaries` maps `notes/<slug>` and `practices/<slug>` to plain-text summaries.
pub fn atom(site: &Site, base: &str, summaries: &BTreeMap<String, String>) -> Vec<u8> {
    let mut entries: Vec<Entry> = site
        .notes
        .iter()
        .filter(|n| !n.draft)
        .map(|n| Entry {
            title: n.title.clone(),
            url: format!("{base}{}", urls::note(&n.slug)),
            date: n.date,
            summary: summaries
                .get(&format!("notes/{}", n.slug))
                .cloned()
                .unwrap_or_default(),
            kind: "note",
        })
        .collect();
    for p in &site.practices {
        let Some(date) = practice_date(site, &p.slug, p.since) else {
            continue;
        };
        entries.push(Entry {
            title: p.title.clone(),
            url: format!("{base}{}", urls::practice(&p.slug)),
            date,
            summary: summaries
                .get(&format!("practices/{}", p.slug))
                .cloned()
                .unwrap_or_default(),
            kind: "practice",
        });
    }
    // Newest first; same date: by URL, so the order never depends on the input order.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(a.url.cmp(&b.url)));
    let updated = entries.first().map(|e| e.date);

    let x = escape_html;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.language.code()
    ));
    xml.push_str(&format!("<title>{}</title>\n", x(&site.config.title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            x(&site.config.description)
        ));
    }
    xml.push_str(&format!("<id>{}</id>\n", x(base)));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        x(base)
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}{ATOM_PATH}\"/>\n",
        x(base)
    ));
    // A feed without entries still needs an `updated`; the Unix epoch is a fixed, honest
    // "nothing yet" rather than the build time.
    let feed_updated = updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    xml.push_str(&format!("<updated>{feed_updated}</updated>\n"));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        x(&site.config.title)
    ));
    xml.push_str("<generator>spiegel</generator>\n");
    for e in &entries {
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", x(&e.title)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            x(&e.url)
        ));
        xml.push_str(&format!("<id>{}</id>\n", x(&e.url)));
        xml.push_str(&format!("<updated>{}</updated>\n", timestamp(e.date)));
        xml.push_str(&format!("<category term=\"{}\"/>\n", e.kind));
        if !e.summary.is_empty() {
            xml.push_str(&format!("<summary>{}</summary>\n", x(&e.summary)));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}

/// A practice's date: `since`, else the newest note that refers to it.
fn practice_date(site: &Site, slug: &str, since: Option<Date>) -> Option<Date> {
    since.or_else(|| {
        site.notes
            .iter()
            .filter(|n| !n.draft && n.practices.iter().any(|p| p == slug))
            .map(|n| n.date)
            .max()
    })
}

/// The sitemap: every page that is written, with `lastmod` where the content has a date.
/// `pages` are the site-relative page URLs (`regio/x/`, `` for home).
pub fn sitemap(site: &Site, base: &str, pages: &[String]) -> Vec<u8> {
    let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
    for n in &site.notes {
        lastmod.insert(urls::note(&n.slug), n.date);
    }
    for p in &site.practices {
        if let Some(d) = practice_date(site, &p.slug, p.since) {
            lastmod.insert(urls::practice(&p.slug), d);
        }
    }
    for r in &site.regions {
        let latest = r
            .milestones
            .iter()
            .map(|m| m.date)
            .chain(r.rounds.iter().map(|x| x.date))
            .max();
        if let Some(d) = latest {
            lastmod.insert(urls::region(&r.slug), d);
        }
    }
    let mut pages: Vec<&String> = pages.iter().collect();
    pages.sort();
    pages.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in pages {
        xml.push_str("<url><loc>");
        xml.push_str(&escape_html(&format!("{base}{url}")));
        xml.push_str("</loc>");
        if let Some(d) = lastmod.get(url.as_str()) {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_skips_without_base_url_and_rejects_relative_ones() {
        assert!(matches!(plan(""), FeedPlan::Skip(_)));
        assert!(matches!(plan("  "), FeedPlan::Skip(_)));
        assert_eq!(
            plan("https://intra.example.nl/spiegel"),
            FeedPlan::Write("https://intra.example.nl/spiegel/".into())
        );
        for bad in [
            "intra.example.nl",
            "/spiegel/",
            "https://",
            "ftp://x.nl/",
            "https://x.nl/sub?x=1",
            "https://x.nl/#frag",
        ] {
            assert!(matches!(plan(bad), FeedPlan::Invalid(_)), "{bad}");
        }
    }
}
