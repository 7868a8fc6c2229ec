//! render::pages: one page → its HTML through the theme's templates, from ready-made views.
//!
//! [`jobs`] lists every page of a site; [`Pages::page`] renders one of them (a note page
//! together with its Markdown body). The context of every page is the site-wide part (`site`,
//! `t`) plus the page's own values (`page`, `root`, `section`, `page_description`, and
//! `navigation`: `navigation.html` rendered once per section and root).

use std::path::PathBuf;

use super::markdown::RenderedMarkdown;
use super::views::{self, Lookup};
use super::{
    collection, compare, matches, national, render_body, search, theme::Theme, to_value, Bodies,
    BodyKey, NoteParts, Output, RenderOptions, RenderedPage, Sink,
};
use serde::Serialize;

use crate::analysis::Analysis;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::urls;

/// A page to render.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
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

impl Job {
    /// The site URL of the job's page (`regio/x/`; the home page's is `""`): its file is
    /// [`urls::href`] of it.
    pub(super) fn url(&self, site: &Site) -> String {
        match *self {
            Job::Home => String::new(),
            Job::Regions => urls::REGIONS.to_string(),
            Job::Notes => urls::NOTES.to_string(),
            Job::Practices => urls::PRACTICES.to_string(),
            Job::Themes => urls::THEMES.to_string(),
            Job::Search => urls::SEARCH.to_string(),
            Job::Method => urls::METHOD.to_string(),
            Job::Region(i) => urls::region(&site.regions[i].slug),
            Job::Note(i) => urls::note(&site.notes[i].slug),
            Job::Practice(i) => urls::practice(&site.practices[i].slug),
            Job::Theme(i) => urls::theme(&site.themes()[i].id),
            Job::FreePage(i) => urls::free_page(&site.pages[i].slug),
            Job::Compare => urls::COMPARE.to_string(),
            Job::National => urls::NATIONAL.to_string(),
        }
    }
}

impl Job {
    /// The output file of the job's page (`regio/x/index.html`).
    pub(super) fn file(&self, site: &Site) -> String {
        urls::href(&self.url(site))
    }
}

/// Every page of the site, in the order the files are listed.
pub(super) fn jobs(site: &Site) -> Vec<Job> {
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
    jobs
}

/// What every page's render shares.
pub(super) struct Pages<'a> {
    pub site: &'a Site,
    pub analysis: &'a Analysis,
    pub theme: &'a Theme,
    pub options: RenderOptions,
    /// The site-wide part of every context, as a context: each rendering thread holds a copy
    /// (see [`Pages::context`]) and swaps the page's own keys in and out of it.
    pub base: &'a tera::Context,
    /// The rendered bodies of everything but the notes.
    pub bodies: &'a Bodies,
    /// Each region's [`super::region_digests`] (or none), in the regions' order.
    pub region_digests: &'a [Option<u128>],
    pub sink: Sink<'a>,
}

/// The template of the site's navigation, rendered once per section and root
/// ([`Pages::navigation`]).
const NAVIGATION: &str = "navigation.html";

/// What a rendering thread keeps from page to page.
pub(super) struct PageThread {
    /// The site-wide part of the context; each page swaps its own keys in and out.
    context: tera::Context,
    /// Each template's last page size: the next page's buffer starts that big, instead of
    /// growing from Tera's 2 KB by doubling (a region page is ~150 KB).
    last_size: std::collections::BTreeMap<&'static str, usize>,
    /// `navigation.html` rendered for each (section, root) met so far: the same for every page
    /// that shares them, so rendered once (see [`Pages::navigation`]).
    /// By section, then root: looked up without making a key per page.
    navigation: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

/// Where a page goes and what frames it, besides its view.
struct Meta {
    url: String,
    /// The navigation entry the page belongs to (a free page's own slug).
    section: String,
    template: &'static str,
    /// The page's `<meta name="description">`, when it has one of its own.
    description: Option<String>,
}

impl Meta {
    fn new(url: &str, section: &str, template: &'static str) -> Self {
        Meta {
            url: url.to_string(),
            section: section.to_string(),
            template,
            description: None,
        }
    }
}

/// A page's view with the practices that match it (issue 4), as one `page` for the template:
/// `matching` beside the view's own fields.
#[derive(Serialize)]
struct WithMatching<V, M> {
    #[serde(flatten)]
    view: V,
    matching: M,
}

impl Pages<'_> {
    /// One page. A note's body is rendered here, in its page's job, and the note's search
    /// document made from the plain text its Markdown pass gathered.
    ///
    /// `thread` holds the rendering thread's copy of the site-wide part ([`Pages::thread`]);
    /// the page's own keys replace the previous page's.
    pub fn page(
        &self,
        thread: &mut PageThread,
        lookup: &Lookup,
        job: &Job,
        national_view: Option<&national::NationalView>,
    ) -> RenderedPage {
        let Job::Note(i) = job else {
            return RenderedPage {
                page: self.other(thread, lookup, job, national_view),
                diagnostics: Vec::new(),
                note: NoteParts::default(),
            };
        };
        let n = &self.site.notes[*i];
        let url = job.url(self.site);
        let RenderedMarkdown {
            html,
            toc,
            summary,
            diagnostics,
            search_text,
            links,
        } = render_body(self.site, lookup.cache, &n.body, &url);
        let inputs = search::NoteDocInputs::new(self.site, n, &search_text);
        let search = lookup.cache.search_doc(&inputs, || inputs.doc());
        let meta = Meta {
            description: Some(summary.clone()),
            ..Meta::new(&url, "notities", "note.html")
        };
        RenderedPage {
            page: self.render(thread, lookup, meta, &views::note(lookup, n, html, toc)),
            diagnostics,
            note: NoteParts {
                search: Some(search),
                summary: Some(summary),
                links: Some(links),
            },
        }
    }

    fn body(&self, key: &BodyKey) -> RenderedMarkdown {
        self.bodies.get(key).cloned().unwrap_or_default()
    }

    /// A page other than a note's: its view, through its template.
    fn other(
        &self,
        thread: &mut PageThread,
        lookup: &Lookup,
        job: &Job,
        national_view: Option<&national::NationalView>,
    ) -> Result<Output, Diagnostic> {
        let (site, analysis) = (self.site, self.analysis);
        let url = job.url(site);
        match job {
            Job::Home => {
                let intro = self.body(&BodyKey::Home).html;
                self.render(
                    thread,
                    lookup,
                    Meta::new(&url, "home", "index.html"),
                    &views::home(lookup, intro),
                )
            }
            Job::Regions => self.render(
                thread,
                lookup,
                Meta::new(&url, "regio", "regions.html"),
                &views::regions(lookup),
            ),
            Job::Notes => self.render(
                thread,
                lookup,
                Meta::new(&url, "notities", "notes.html"),
                &views::notes(lookup),
            ),
            Job::Practices => self.render(
                thread,
                lookup,
                Meta::new(&url, "praktijken", "practices.html"),
                &collection::practices(lookup),
            ),
            Job::Search => self.render(
                thread,
                lookup,
                Meta::new(&url, "zoeken", "search.html"),
                &serde_json::json!({}),
            ),
            Job::Themes => self.render(
                thread,
                lookup,
                Meta::new(&url, "thema", "themes.html"),
                &views::themes(lookup),
            ),
            Job::Method => self.render(
                thread,
                lookup,
                Meta::new(&url, "methode", "method.html"),
                &views::method(lookup),
            ),
            Job::Region(i) => {
                let r = &site.regions[*i];
                let mirrors = super::region_mirrors(analysis, r);
                let digest = self.region_digests.get(*i).copied().flatten();
                let mirrors = views::region_mirrors(lookup, r, mirrors, digest);
                let html = self.body(&BodyKey::Region(r.slug.clone())).html;
                let view = WithMatching {
                    view: views::region(lookup, r, (&mirrors, digest), html, self.options.today),
                    // issue 4: practices for this region and regions like it.
                    matching: matches::region(lookup, r, &analysis.matches),
                };
                self.render(
                    thread,
                    lookup,
                    Meta::new(&url, "regio", "region.html"),
                    &view,
                )
            }
            Job::Note(_) => unreachable!("note pages are rendered by `Pages::page` itself"),
            Job::Practice(i) => {
                let p = &site.practices[*i];
                let md = self.body(&BodyKey::Practice(p.slug.clone()));
                let view = WithMatching {
                    view: views::practice(lookup, p, md.html),
                    // issue 4: the regions that want what this practice offers.
                    matching: matches::practice(lookup, p, &analysis.matches),
                };
                let meta = Meta {
                    description: Some(md.summary),
                    ..Meta::new(&url, "praktijken", "practice.html")
                };
                self.render(thread, lookup, meta, &view)
            }
            Job::Theme(i) => {
                let t = site.themes()[*i];
                self.render(
                    thread,
                    lookup,
                    Meta::new(&url, "thema", "theme.html"),
                    &views::theme(lookup, t, &analysis.mirrors),
                )
            }
            Job::FreePage(i) => {
                let p = &site.pages[*i];
                let md = self.body(&BodyKey::Page(p.slug.clone()));
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
                self.render(thread, lookup, Meta::new(&url, &p.slug, "page.html"), &view)
            }
            // ---- compare regions and national overview (issue 3) ----
            Job::Compare => self.render(
                thread,
                lookup,
                Meta::new(&url, "vergelijken", "compare.html"),
                &compare::view(lookup, &analysis.comparison),
            ),
            Job::National => {
                // Made once by a render that also writes the national data files; else here.
                let made;
                let view = match national_view {
                    Some(view) => view,
                    None => {
                        made = national::view(lookup, analysis, self.options.today);
                        &made
                    }
                };
                self.render(
                    thread,
                    lookup,
                    Meta::new(&url, "landelijk", "national.html"),
                    view,
                )
            }
        }
    }

    /// A rendering thread's state to start from: the site-wide part of the context, copied
    /// once per thread rather than once per page (it holds ~200 UI strings).
    pub fn thread(&self) -> PageThread {
        PageThread {
            context: self.base.clone(),
            last_size: Default::default(),
            navigation: Default::default(),
        }
    }

    /// The site's navigation as `navigation.html` renders it for a page in `section` whose
    /// way back to the site root is `root`: what `{{ navigation }}` holds. Its template sees
    /// the site-wide part of the context (`site`, `t`) and those two; rendered once per pair
    /// and thread, where every page's own loop over `site.nav` was ~3 % of a build.
    fn navigation(
        &self,
        thread: &mut PageThread,
        section: &str,
        root: &str,
    ) -> Result<String, tera::Error> {
        if let Some(html) = thread.navigation.get(section).and_then(|r| r.get(root)) {
            return Ok(html.clone());
        }
        let mut context = self.base.clone();
        context.insert("section", section);
        context.insert("root", root);
        let html = self.theme.tera.render(NAVIGATION, &context)?;
        thread
            .navigation
            .entry(section.to_string())
            .or_default()
            .insert(root.to_string(), html.clone());
        Ok(html)
    }

    /// Runs a page's view through its template and hands the page to the sink. The view
    /// goes into the preview's page key as it is; it becomes the JSON value Tera needs only
    /// when the page is rendered, so a page the cache holds costs no copy of it.
    fn render<V: Serialize + ?Sized>(
        &self,
        thread: &mut PageThread,
        lookup: &Lookup,
        meta: Meta,
        view: &V,
    ) -> Result<Output, Diagnostic> {
        let Meta {
            url,
            section,
            template,
            description,
        } = meta;
        let site = self.site;
        let cache = lookup.cache;
        let description = description
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| site.config.description.clone());
        let root = urls::root_prefix(&url);
        let page_key = cache.page_key(&(template, &root, &section, &description, view));
        // The context is built only when the page is rendered: a page the preview server
        // takes from its cache costs no copy of the site-wide part.
        let page = cache.page(page_key, urls::href(&url), || {
            let navigation = self
                .navigation(thread, &section, &root)
                .map_err(|e| (NAVIGATION, e))?;
            let mut own = serde_json::Map::new();
            own.insert("navigation".into(), navigation.into());
            own.insert("page_description".into(), description.into());
            own.insert("root".into(), root.into());
            own.insert("section".into(), section.into());
            own.insert("page".into(), to_value(view));
            // A JSON object always makes a context. Every page sets the same five keys, so
            // nothing of the previous page survives in `context`.
            let own = tera::Context::from_value(serde_json::Value::Object(own))
                .unwrap_or_else(|e| panic!("bug in spiegel: context is not an object: {e}"));
            thread.context.extend(own);
            let size = thread
                .last_size
                .get(template)
                .map_or(1 << 14, |n| n + n / 8);
            let mut html = Vec::with_capacity(size);
            self.theme
                .tera
                .render_to(template, &thread.context, &mut html)
                .map_err(|e| (template, e))?;
            thread.last_size.insert(template, html.len());
            Ok(html)
        });
        let page = page.map_err(|(failed, e): (&str, tera::Error)| {
            let templates = PathBuf::from("themes")
                .join(&site.config.theme)
                .join("templates");
            let chain = super::theme::error_chain(&e);
            // Tera names the page's template even when the variable is in a parent
            // (`base.html`): the one place it is written is where the editor must look, and
            // one error there stands for every page it failed on.
            if let Some((variable, written_in, span)) =
                super::theme::variable_at(&self.theme.own_templates, &chain)
            {
                return Diagnostic::error(
                    templates.join(written_in),
                    format!(
                        "template `{written_in}` failed while rendering `{}`",
                        urls::href(&url)
                    ),
                )
                .at(span)
                .label(format!("variable `{variable}` not found in context"))
                .help(
                    "check the name, or give it a default: `{{ x | default(value=\"\") }}`, \
                     or ask first: `{% if x %}…{% endif %}`",
                );
            }
            let diagnostic = Diagnostic::error(
                templates.join(failed),
                format!(
                    "template `{failed}` failed while rendering `{}`",
                    urls::href(&url)
                ),
            )
            .help(chain);
            if failed == NAVIGATION {
                diagnostic.help(format!(
                    "`{NAVIGATION}` is rendered once for all pages of a section, so it sees \
                     only `site`, `t`, `root` and `section`"
                ))
            } else {
                diagnostic
            }
        })?;
        Ok((self.sink)(page))
    }
}
