//! render: checked [`Site`] + [`Analysis`] → [`Output`] files (pages as bytes, files to copy).
//!
//! Markdown bodies are rendered once each, in parallel; templates were parsed once when the
//! theme loaded; then every page is rendered from ready-made view data, in parallel. Links to
//! content that does not exist are diagnostics from here (the Markdown pass finds them).

pub mod i18n;
pub mod markdown;
mod minify;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Body, Date, Site};
use crate::urls;
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
}

impl Output {
    /// Path relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            Output::Generated { path, .. } | Output::Copied { path, .. } => path,
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

/// Renders every page of the site.
pub fn render(
    site: &Site,
    analysis: &Analysis,
    theme: &Theme,
    options: RenderOptions,
) -> (Vec<Output>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let language = site.config.language;
    let bodies = render_bodies(site);
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

    let themes = site.themes();
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
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
                    to_value(views::practices(&lookup)),
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
                    (
                        urls::region(&r.slug),
                        "regio",
                        "region.html",
                        to_value(view),
                    )
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
                    (
                        urls::practice(&p.slug),
                        "praktijken",
                        "practice.html",
                        to_value(views::practice(&lookup, p, md.html)),
                    )
                }
                Job::Theme(i) => {
                    let t = themes[*i];
                    (
                        urls::theme(&t.id),
                        "thema",
                        "theme.html",
                        to_value(views::theme(&lookup, t)),
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
                    };
                    (
                        urls::free_page(&p.slug),
                        p.slug.as_str(),
                        "page.html",
                        to_value(view),
                    )
                }
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
            let mut map = base.clone();
            map.insert("page_description".into(), description.into());
            map.insert("root".into(), urls::root_prefix(&url).into());
            map.insert("section".into(), section.into());
            map.insert("page".into(), page);
            // A JSON object always makes a context.
            let context = tera::Context::from_value(serde_json::Value::Object(map))
                .unwrap_or_else(|e| panic!("bug in spiegel: context is not an object: {e}"));
            let mut html = theme.tera.render(template, &context).map_err(|e| {
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
            // Tera grows its output by doubling; every page is held until the write, so
            // give back the slack (about a third of the build's peak memory at 10,000 notes).
            html.shrink_to_fit();
            Ok(Output::Generated {
                path: urls::href(&url),
                bytes: html.into_bytes(),
            })
        })
        .collect();

    let mut outputs =
        Vec::with_capacity(results.len() + theme.assets.len() + site.static_files.len());
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(d) => diags.push(d),
        }
    }
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
    Method,
    Region(usize),
    Note(usize),
    Practice(usize),
    Theme(usize),
    FreePage(usize),
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
    for body in render_bodies(site).into_values() {
        diags.extend(body.diagnostics);
    }
    diags
}

fn render_bodies(site: &Site) -> BTreeMap<BodyKey, RenderedMarkdown> {
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
            let mut rendered = markdown::render(body, &options);
            // Held until the last page is rendered: drop the writer's growth slack.
            rendered.html.shrink_to_fit();
            (key, rendered)
        })
        .collect()
}
