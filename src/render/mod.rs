//! render: checked [`Site`] + [`Analysis`] → [`Output`] files (pages as bytes, files to copy).
//!
//! Markdown bodies are rendered once each, in parallel; templates were parsed once when the
//! theme loaded; then every page is rendered from ready-made view data, in parallel. Links to
//! content that does not exist are diagnostics from here (the Markdown pass finds them).

pub mod cache;
pub mod charts;
// ---- practices, matching, search, feed (issue 4) ----
pub mod collection;
pub mod feed;
pub mod matches;
pub mod search;
// ---- end issue 4 ----
pub mod i18n;
pub mod markdown;
mod minify;
// ---- charts, downloads (issue 3) ----
pub mod downloads;
pub mod region_charts;
pub mod theme_scores;
// ---- end charts, downloads ----
pub mod theme;
pub mod views;
// ---- compare regions and national overview (issue 3) ----
pub mod compare;
pub mod national;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Body, Date, Site};
use crate::urls;
use cache::RenderCache;
use markdown::{MarkdownOptions, RenderedMarkdown};
use theme::Theme;
use views::{Fmt, Lookup};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A generated file: path relative to the output folder, and its bytes.
    Generated {
        /// e.g. `regio/haarlemmermeer/index.html`.
        path: String,
        /// The file's contents.
        bytes: Vec<u8>,
    },
    /// A file copied as is (content/static/).
    Copied {
        /// Path relative to the output folder, e.g. `static/a.pdf`.
        path: String,
        /// Source path relative to the site root.
        from: PathBuf,
    },
    /// A file already written to the output's staging folder while rendering
    /// ([`crate::output::Staging::put`]); only its path is kept.
    Written {
        /// Path relative to the output folder.
        path: String,
    },
}

impl Output {
    /// Path relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            Output::Generated { path, .. }
            | Output::Copied { path, .. }
            | Output::Written { path } => path,
        }
    }
}

/// What to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The date agenda points are compared with to mark them overdue.
    pub today: Option<Date>,
    /// Minify HTML pages. Pages are minified through their templates when the theme loads
    /// (`theme::load_with`); the flag stays so callers can say what they asked for.
    pub minify: bool,
}

/// A navigation entry.
#[derive(Debug, Serialize)]
struct NavItem {
    title: String,
    href: String,
    section: String,
}

/// The site-wide part of every page's context.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'static str,
    nav: Vec<NavItem>,
    extra: &'a toml::Table,
}

/// The data files beside the pages: each region's figures as CSV and JSON, the compare page's
/// data, the national downloads and the search index, each handed to `sink` as soon as it is
/// made (at 10,000 notes they are ~80 MB that need not wait for the pages).
fn data_files(
    site: &Site,
    analysis: &Analysis,
    lookup: &Lookup,
    national_view: &national::NationalView,
    sink: Sink,
) -> Vec<Output> {
    let language = site.config.language;
    let (mut outputs, search_index) = rayon::join(
        || {
            site.regions
                .par_iter()
                .flat_map_iter(|r| {
                    let mirrors = analysis
                        .mirrors
                        .get(&r.slug)
                        .map(Vec::as_slice)
                        .unwrap_or(&[]);
                    if mirrors.is_empty() {
                        return Vec::new();
                    }
                    // Everything region_files reads.
                    let key = (
                        site.config.language,
                        (&r.slug, &r.name, &r.partners),
                        mirrors,
                        &site.questionnaires,
                    );
                    let files = lookup
                        .cache
                        .downloads(&key, || downloads::region_files(site, r, mirrors));
                    files.into_iter().map(sink).collect()
                })
                .collect::<Vec<_>>()
        },
        || {
            sink(Output::Generated {
                path: search::INDEX_PATH.to_string(),
                bytes: search::index_cached(site, lookup.cache),
            })
        },
    );
    outputs.push(sink(Output::Generated {
        path: compare::DATA_PATH.to_string(),
        bytes: compare::data_js(lookup, &analysis.comparison).into_bytes(),
    }));
    outputs.push(sink(Output::Generated {
        path: national::CSV_PATH.to_string(),
        bytes: national::csv(national_view, language),
    }));
    outputs.push(sink(Output::Generated {
        path: national::JSON_PATH.to_string(),
        bytes: national::json(national_view),
    }));
    outputs.push(search_index);
    outputs
}

/// Renders every page of the site.
pub fn render(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
) -> (Vec<Output>, Diagnostics) {
    render_cached(
        site,
        analysis,
        theme,
        options,
        &RenderCache::disabled(),
        &keep,
    )
}

/// Where each page goes as soon as it is rendered: [`keep`] holds it in memory; a build
/// writes it to the staging folder ([`crate::output::Staging::put`]) and keeps only its path.
pub type Sink<'a> = &'a (dyn Fn(Output) -> Output + Sync);

/// The [`Sink`] that keeps every file in memory.
pub fn keep(file: Output) -> Output {
    file
}

/// Renders every page of the site, taking unchanged Markdown bodies and pages from `cache`
/// (the preview server's incremental rebuild; see [`cache`]) and handing each page and data
/// file to `sink` as it is done. The output is the same as [`render`]'s.
pub fn render_cached(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
    cache: &RenderCache,
    sink: Sink,
) -> (Vec<Output>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let language = site.config.language;
    cache.begin(&site.permalinks);
    let bodies = render_bodies(site, cache);
    for b in bodies.values() {
        diags.extend(b.diagnostics.iter().cloned());
    }
    let body = |key: &BodyKey| bodies.get(key).cloned().unwrap_or_default();

    let lookup = Lookup {
        site,
        fmt: Fmt { language },
        theme_titles: site
            .themes()
            .into_iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect(),
        note_summaries: site
            .notes
            .iter()
            .map(|n| {
                (
                    n.slug.as_str(),
                    body(&BodyKey::Note(n.slug.clone())).summary,
                )
            })
            .collect(),
        practice_summaries: site
            .practices
            .iter()
            .map(|p| {
                (
                    p.slug.as_str(),
                    body(&BodyKey::Practice(p.slug.clone())).summary,
                )
            })
            .collect(),
        index: views::Indexes::new(site),
        cache,
    };

    // The site-wide part of every context, as a JSON map: each page's context is this map
    // plus the page's own keys, and its view is moved in, not serialised a second time
    // (`Context::insert` would turn the already-built `Value` into a deep copy).
    let mut base = serde_json::Map::new();
    base.insert("site".into(), to_value(site_view(site)));
    base.insert("t".into(), to_value(i18n::strings(language)));

    let mut jobs: Vec<Job> = vec![
        Job::Home,
        Job::Regions,
        Job::Notes,
        Job::Practices,
        Job::Themes,
        Job::Search, // issue 4
    ];
    if !site
        .pages
        .iter()
        .any(|p| urls::free_page(&p.slug) == urls::METHOD)
    {
        jobs.push(Job::Method);
    }
    jobs.extend((0..site.regions.len()).map(Job::Region));
    jobs.extend((0..site.notes.len()).map(Job::Note));
    jobs.extend((0..site.practices.len()).map(Job::Practice));
    jobs.extend((0..site.themes().len()).map(Job::Theme));
    jobs.extend((0..site.pages.len()).map(Job::FreePage));
    // ---- compare regions and national overview (issue 3) ----
    jobs.extend([Job::Compare, Job::National]);

    let themes = site.themes();
    cache.base(&base);
    // The national page and its downloads show the same figures: built once.
    let national_view = national::view(
        &lookup,
        &analysis.national,
        &analysis.comparison,
        options.today,
    );
    let render_page = |job: &Job| {
        let (url, section, template, page) = match job {
            Job::Home => {
                let intro = body(&BodyKey::Home).html;
                (
                    String::new(),
                    "home",
                    "index.html",
                    to_value(views::home(&lookup, intro)),
                )
            }
            Job::Regions => (
                urls::REGIONS.into(),
                "regio",
                "regions.html",
                to_value(views::regions(&lookup)),
            ),
            Job::Notes => (
                urls::NOTES.into(),
                "notities",
                "notes.html",
                to_value(views::notes(&lookup)),
            ),
            Job::Practices => (
                urls::PRACTICES.into(),
                "praktijken",
                "practices.html",
                to_value(collection::practices(&lookup)),
            ),
            Job::Search => (
                urls::SEARCH.into(),
                "zoeken",
                "search.html",
                serde_json::json!({}),
            ),
            Job::Themes => (
                urls::THEMES.into(),
                "thema",
                "themes.html",
                to_value(views::themes(&lookup)),
            ),
            Job::Method => (
                urls::METHOD.into(),
                "methode",
                "method.html",
                to_value(views::method(&lookup)),
            ),
            Job::Region(i) => {
                let r = &site.regions[*i];
                let mirrors = analysis
                    .mirrors
                    .get(&r.slug)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let html = body(&BodyKey::Region(r.slug.clone())).html;
                let view = views::region(&lookup, r, mirrors, html, options.today);
                let mut value = to_value(view);
                // issue 4: practices for this region and regions like it.
                value["matching"] = to_value(matches::region(&lookup, r, &analysis.matches));
                (urls::region(&r.slug), "regio", "region.html", value)
            }
            Job::Note(i) => {
                let n = &site.notes[*i];
                let md = body(&BodyKey::Note(n.slug.clone()));
                (
                    urls::note(&n.slug),
                    "notities",
                    "note.html",
                    to_value(views::note(&lookup, n, md.html, md.toc)),
                )
            }
            Job::Practice(i) => {
                let p = &site.practices[*i];
                let md = body(&BodyKey::Practice(p.slug.clone()));
                let mut value = to_value(views::practice(&lookup, p, md.html));
                // issue 4: the regions that want what this practice offers.
                value["matching"] = to_value(matches::practice(&lookup, p, &analysis.matches));
                (
                    urls::practice(&p.slug),
                    "praktijken",
                    "practice.html",
                    value,
                )
            }
            Job::Theme(i) => {
                let t = themes[*i];
                (
                    urls::theme(&t.id),
                    "thema",
                    "theme.html",
                    to_value(views::theme(&lookup, t, &analysis.mirrors)),
                )
            }
            Job::FreePage(i) => {
                let p = &site.pages[*i];
                let md = body(&BodyKey::Page(p.slug.clone()));
                let view = views::FreePageView {
                    title: p.title.clone(),
                    toc: if md.toc.len() >= 3 {
                        md.toc
                    } else {
                        Vec::new()
                    },
                    body_html: md.html,
                    extra: p.extra.clone(),
                    draft: p.draft,
                };
                (
                    urls::free_page(&p.slug),
                    p.slug.as_str(),
                    "page.html",
                    to_value(view),
                )
            }
            // ---- compare regions and national overview (issue 3) ----
            Job::Compare => (
                urls::COMPARE.into(),
                "vergelijken",
                "compare.html",
                to_value(compare::view(&lookup, &analysis.comparison)),
            ),
            Job::National => (
                urls::NATIONAL.into(),
                "landelijk",
                "national.html",
                to_value(&national_view),
            ),
        };
        let description = match job {
            Job::Note(i) => lookup
                .note_summaries
                .get(site.notes[*i].slug.as_str())
                .cloned(),
            Job::Practice(i) => lookup
                .practice_summaries
                .get(site.practices[*i].slug.as_str())
                .cloned(),
            _ => None,
        }
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| site.config.description.clone());
        let root = urls::root_prefix(&url);
        let page_key = cache.page_key(&(template, &root, section, &description, &page));
        // The context is built only when the page is rendered: a page the preview server
        // takes from its cache costs no copy of the site-wide part.
        let html = cache.page(page_key, || {
            let mut map = base.clone();
            map.insert("page_description".into(), description.into());
            map.insert("root".into(), root.into());
            map.insert("section".into(), section.into());
            map.insert("page".into(), page);
            // A JSON object always makes a context.
            let context = tera::Context::from_value(serde_json::Value::Object(map))
                .unwrap_or_else(|e| panic!("bug in spiegel: context is not an object: {e}"));
            let mut html = theme.tera.render(template, &context)?;
            // Tera grows its output by doubling; every page is held until the write, so
            // give back the slack (about a third of the build's peak memory at 10,000 notes).
            html.shrink_to_fit();
            Ok(html)
        });
        let html = html.map_err(|e: tera::Error| {
            Diagnostic::error(
                PathBuf::from("themes")
                    .join(&site.config.theme)
                    .join("templates")
                    .join(template),
                format!(
                    "template `{template}` failed while rendering `{}`",
                    urls::href(&url)
                ),
            )
            .help(theme::error_chain(&e))
        })?;
        Ok(sink(Output::Generated {
            path: urls::href(&url),
            bytes: html.into_bytes(),
        }))
    };
    // Pages and the data files (downloads, compare data, search index) do not depend on each
    // other: both run at once, each in parallel inside.
    let (results, data) = rayon::join(
        || jobs.par_iter().map(render_page).collect::<Vec<_>>(),
        || data_files(site, analysis, &lookup, &national_view, sink),
    );
    let mut outputs = Vec::with_capacity(
        results.len() + data.len() + theme.assets.len() + site.static_files.len(),
    );
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(d) => diags.push(d),
        }
    }
    outputs.extend(data);
    // ---- issue 4: Atom feed and sitemap ----
    match feed::plan(&site.config.base_url) {
        feed::FeedPlan::Write(base) => {
            let mut summaries = BTreeMap::new();
            for (slug, text) in &lookup.note_summaries {
                summaries.insert(format!("notes/{slug}"), text.clone());
            }
            for (slug, text) in &lookup.practice_summaries {
                summaries.insert(format!("practices/{slug}"), text.clone());
            }
            // Every written page but the search page, which has no content of its own.
            let pages: Vec<String> = outputs
                .iter()
                .filter_map(|o| o.path().strip_suffix("index.html"))
                .filter(|url| *url != urls::SEARCH)
                .map(str::to_string)
                .collect();
            outputs.push(Output::Generated {
                path: feed::ATOM_PATH.to_string(),
                bytes: feed::atom(site, &base, &summaries),
            });
            outputs.push(Output::Generated {
                path: feed::SITEMAP_PATH.to_string(),
                bytes: feed::sitemap(site, &base, &pages),
            });
        }
        // The build output says why (see `crate::build`); nothing to write.
        feed::FeedPlan::Skip(_) => {}
        feed::FeedPlan::Invalid(d) => diags.push(d),
    }
    // ---- end issue 4 ----
    for (path, bytes) in &theme.assets {
        outputs.push(Output::Generated {
            path: format!("{}/{path}", theme::ASSETS_DIR),
            bytes: bytes.clone(),
        });
    }
    for file in &site.static_files {
        let rel = file.to_string_lossy().replace('\\', "/");
        outputs.push(Output::Copied {
            path: format!("static/{rel}"),
            from: PathBuf::from(crate::content::CONTENT_DIR)
                .join("static")
                .join(file),
        });
    }
    cache.finish();
    (outputs, diags)
}

/// A page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Regions,
    Notes,
    Practices,
    Themes,
    /// The search page (issue 4).
    Search,
    Method,
    Region(usize),
    Note(usize),
    Practice(usize),
    Theme(usize),
    FreePage(usize),
    // ---- compare regions and national overview (issue 3) ----
    Compare,
    National,
}

/// Ids the default theme's templates put on pages; Markdown headings never take them. A theme
/// that adds ids of its own around a body should keep to ids starting with `x-`.
const TEMPLATE_IDS: &[&str] = &[
    "inhoud",
    "profiel",
    "spiegel",
    "wensen",
    "agenda",
    "mijlpalen",
    "notities",
    "praktijken",
    "toc-title",
    "resultaten",
    "lessen",
    "vragen",
    "latest",
    "stages",
    "wished",
    "berekening",
];

/// Which content a Markdown body belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum BodyKey {
    Home,
    Region(String),
    Note(String),
    Practice(String),
    Page(String),
}

fn to_value<T: Serialize>(view: T) -> serde_json::Value {
    // View structs hold only strings, numbers, lists and maps with string keys, which always
    // serialise; a failure here would be a bug in spiegel.
    serde_json::to_value(view)
        .unwrap_or_else(|e| panic!("bug in spiegel: view does not serialise: {e}"))
}

fn site_view(site: &Site) -> SiteView<'_> {
    let l = site.config.language;
    let t = |key| i18n::text(l, key).to_string();
    let mut nav = vec![
        NavItem {
            title: t("regions"),
            href: urls::href(urls::REGIONS),
            section: "regio".into(),
        },
        NavItem {
            title: t("notes"),
            href: urls::href(urls::NOTES),
            section: "notities".into(),
        },
        NavItem {
            title: t("practices"),
            href: urls::href(urls::PRACTICES),
            section: "praktijken".into(),
        },
        NavItem {
            title: t("themes"),
            href: urls::href(urls::THEMES),
            section: "thema".into(),
        },
    ];
    // ---- compare regions and national overview (issue 3) ----
    nav.push(NavItem {
        title: t("compare"),
        href: urls::href(urls::COMPARE),
        section: "vergelijken".into(),
    });
    nav.push(NavItem {
        title: t("national"),
        href: urls::href(urls::NATIONAL),
        section: "landelijk".into(),
    });
    if !site.pages.iter().any(|p| p.slug == "methode") {
        nav.push(NavItem {
            title: t("method"),
            href: urls::href(urls::METHOD),
            section: "methode".into(),
        });
    }
    nav.extend(
        site.pages
            .iter()
            .filter(|p| p.weight.is_some())
            .map(|p| NavItem {
                title: p.title.clone(),
                href: urls::href(&urls::free_page(&p.slug)),
                section: p.slug.clone(),
            }),
    );
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        lang: match l {
            Language::Nl => "nl",
            Language::En => "en",
        },
        nav,
        extra: &site.config.extra,
    }
}

/// `content/notes/a.md` → `notes/a.md`.
fn content_path(body: &Body) -> String {
    let rel = body
        .file
        .strip_prefix(crate::content::CONTENT_DIR)
        .unwrap_or(&body.file);
    rel.to_string_lossy().replace('\\', "/")
}

/// Renders every Markdown body only to find its problems (links to missing files). Used when
/// earlier stages found errors, so one run still reports every problem.
pub fn check_links(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for body in render_bodies(site, &RenderCache::disabled()).into_values() {
        diags.extend(body.diagnostics);
    }
    diags
}

fn render_bodies(site: &Site, cache: &RenderCache) -> BTreeMap<BodyKey, RenderedMarkdown> {
    let permalinks = &site.permalinks;
    let mut jobs: Vec<(BodyKey, &Body, String)> = Vec::new();
    if let Some(h) = &site.home {
        jobs.push((BodyKey::Home, &h.body, String::new()));
    }
    jobs.extend(site.regions.iter().map(|r| {
        (
            BodyKey::Region(r.slug.clone()),
            &r.body,
            urls::region(&r.slug),
        )
    }));
    jobs.extend(
        site.notes
            .iter()
            .map(|n| (BodyKey::Note(n.slug.clone()), &n.body, urls::note(&n.slug))),
    );
    jobs.extend(site.practices.iter().map(|p| {
        (
            BodyKey::Practice(p.slug.clone()),
            &p.body,
            urls::practice(&p.slug),
        )
    }));
    jobs.extend(site.pages.iter().map(|p| {
        (
            BodyKey::Page(p.slug.clone()),
            &p.body,
            urls::free_page(&p.slug),
        )
    }));
    let allow_html = site.config.allow_html;
    jobs.into_par_iter()
        .map(|(key, body, url)| {
            let cp = content_path(body);
            let options = MarkdownOptions {
                page_url: &url,
                content_path: &cp,
                id_prefix: "",
                allow_html,
                permalinks,
                reserved_ids: TEMPLATE_IDS,
            };
            let rendered = cache.markdown(body, &url, allow_html, || {
                let mut rendered = markdown::render(body, &options);
                // Held until the last page is rendered: drop the writer's growth slack.
                rendered.html.shrink_to_fit();
                rendered
            });
            (key, rendered)
        })
        .collect()
}
