//! render::markdown: one Markdown [`Body`] → HTML, table of contents, summary and diagnostics.
//!
//! Each body is parsed once. The events are rewritten in a single pass on their way to
//! pulldown-cmark's HTML writer: headings get unique ids, footnotes get ids that are unique on
//! the page (two bodies can share one), links are resolved through [`Permalinks`], and the text
//! for the table of contents and the summary is collected as it goes by. Problems become
//! [`Diagnostic`]s with spans in the whole file, front matter included.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::links::{Pageless, Permalinks, Resolution};
use crate::model::Body;
use crate::render::search::{PlainText, TEXT_LIMIT};
use crate::{slug, urls};

/// What a body needs to know about where it is rendered.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Site URL of the page the body renders into (`notities/a/`, `""` for home); relative
    /// links are computed from here.
    pub page_url: &'a str,
    /// The body's file relative to `content/` (`notes/a.md`); links are resolved from here.
    pub content_path: &'a str,
    /// Prefix for footnote ids, so two bodies on one page never clash (`""` allowed).
    pub id_prefix: &'a str,
    /// Whether raw HTML is passed through as written; when false it is sanitised.
    pub allow_html: bool,
    /// Every linkable content file.
    pub permalinks: &'a Permalinks,
    /// Ids the page template around the body already uses; headings never take them, so
    /// every id on the page stays unique.
    pub reserved_ids: &'a [&'a str],
}

/// One heading in a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3 (h2 or h3).
    pub level: u8,
    /// The heading's id, unique in the body.
    pub id: String,
    /// The heading as plain text.
    pub title: String,
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    /// The HTML fragment.
    pub html: String,
    /// h2 and h3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// Plain text of the first paragraph, at most about [`SUMMARY_CHARS`] characters.
    pub summary: String,
    /// Broken and unsafe links.
    pub diagnostics: Vec<Diagnostic>,
    /// The body's searchable plain text, its first [`TEXT_LIMIT`] characters or so (see
    /// [`PlainText`]); gathered here so the search index never parses a body again.
    pub search_text: String,
    /// Every link and image destination the body resolved, with what it resolved to: the
    /// only thing the rendering takes from the rest of the site. A body whose links all
    /// resolve alike against another site's permalinks renders the same there (the
    /// preview's cache relies on it when a file is added or removed).
    pub links: LinkResolutions,
}

/// The link destinations of a body and what they resolved to, shared between copies.
pub type LinkResolutions = std::sync::Arc<[(String, Resolution)]>;

impl RenderedMarkdown {
    /// Whether every link of the body resolves as it did when it was rendered, from the
    /// content file at `content_path` against `permalinks`.
    pub fn links_resolve_alike(&self, permalinks: &Permalinks, content_path: &str) -> bool {
        self.links
            .iter()
            .all(|(dest, was)| permalinks.resolve(content_path, dest) == *was)
    }
}

/// Longest summary, in characters, before it is cut at a word boundary.
pub const SUMMARY_CHARS: usize = 200;

/// How much first-paragraph text is gathered before giving up on the rest: enough to cut a
/// summary from, without copying a whole long paragraph.
const SUMMARY_SCAN_BYTES: usize = SUMMARY_CHARS * 4;

/// Markdown extensions the content contract offers editors.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Renders one body.
pub fn render(body: &Body, options: &MarkdownOptions) -> RenderedMarkdown {
    let mut state = State::new(body, options);
    let parser = Parser::new_ext(&body.text, OPTIONS).into_offset_iter();
    for (event, range) in parser {
        state.event(event, range);
    }
    state.finish()
}

/// Where the first-paragraph summary stands.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Summary {
    /// No paragraph seen yet.
    #[default]
    Waiting,
    /// Inside the first paragraph.
    Collecting,
    /// Collected.
    Done,
}

/// Gathers the summary, the first paragraph outside footnotes as plain text, from a body's
/// events.
#[derive(Default)]
struct SummaryText {
    text: String,
    state: Summary,
    /// Nesting depth of footnote definitions; their paragraphs are not the summary.
    in_footnote: usize,
}

impl SummaryText {
    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Paragraph)
                if self.state == Summary::Waiting && self.in_footnote == 0 =>
            {
                self.state = Summary::Collecting;
            }
            Event::End(TagEnd::Paragraph) if self.state == Summary::Collecting => {
                self.state = Summary::Done;
            }
            Event::Start(Tag::FootnoteDefinition(_)) => self.in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                self.in_footnote = self.in_footnote.saturating_sub(1);
            }
            Event::Text(text) | Event::Code(text) => self.push(text),
            Event::SoftBreak | Event::HardBreak => self.push(" "),
            _ => {}
        }
    }

    fn push(&mut self, text: &str) {
        if self.state == Summary::Collecting {
            push_collapsed(&mut self.text, text);
            if self.text.len() >= SUMMARY_SCAN_BYTES {
                self.state = Summary::Done;
            }
        }
    }

    fn finish(self) -> String {
        let mut summary = cut_summary(self.text);
        // Up to four times longer while it was gathered; ~10,000 of these are kept.
        summary.shrink_to_fit();
        summary
    }
}

/// A footnote label seen in the body.
struct Footnote {
    /// Its number, by first appearance (reference or definition), as pulldown-cmark numbers it.
    number: usize,
    /// How many references point at it so far; each gets its own id and back-link.
    references: usize,
    /// Whether its definition has been seen; a second one must not reuse the id.
    defined: bool,
}

/// Everything carried from one event to the next.
struct State<'b, 'o> {
    body: &'b Body,
    options: &'o MarkdownOptions<'o>,
    /// The rewritten events, handed to the HTML writer at the end.
    events: Vec<Event<'b>>,
    diagnostics: Vec<Diagnostic>,
    toc: Vec<TocEntry>,
    /// Heading ids used so far.
    ids: HashSet<String>,
    /// Index in `events` of the open heading's start, and its explicit id if any.
    heading: Option<(usize, Option<CowStr<'b>>)>,
    /// Plain text of the open heading (reused between headings).
    heading_text: String,
    summary: SummaryText,
    /// Footnotes by lower-cased label (labels match case-insensitively).
    footnotes: HashMap<String, Footnote>,
    /// Placeholders for the ends of footnote definitions (index in `events`, label key): their
    /// back-links are only known once every reference has been seen.
    footnote_ends: Vec<(usize, String)>,
    /// Label key of each open footnote definition.
    open_footnotes: Vec<String>,
    /// For each open link or image: whether it was dropped, so its end is dropped too.
    dropped: Vec<bool>,
    /// Whether the body holds raw HTML, which is what makes sanitising necessary.
    has_html: bool,
    /// `options.id_prefix`, escaped once for use in attributes.
    prefix: String,
    /// The search index's plain text, as written (links dropped or not).
    search: PlainText,
    /// Each destination resolved, with its resolution ([`RenderedMarkdown::links`]).
    links: Vec<(String, Resolution)>,
}

impl<'b, 'o> State<'b, 'o> {
    fn new(body: &'b Body, options: &'o MarkdownOptions<'o>) -> Self {
        State {
            body,
            options,
            // A rough guess that avoids most regrowth: about one event per 16 bytes of text.
            events: Vec::with_capacity(body.text.len() / 16 + 8),
            diagnostics: Vec::new(),
            toc: Vec::new(),
            ids: options
                .reserved_ids
                .iter()
                .map(|id| (*id).to_string())
                .collect(),
            heading: None,
            heading_text: String::new(),
            summary: SummaryText::default(),
            footnotes: HashMap::new(),
            footnote_ends: Vec::new(),
            open_footnotes: Vec::new(),
            dropped: Vec::new(),
            has_html: false,
            prefix: escape_attribute(options.id_prefix),
            search: PlainText::new(TEXT_LIMIT),
            links: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'b>, range: Range<usize>) {
        self.search.event(&event);
        self.summary.event(&event);
        match event {
            Event::Text(ref text) | Event::Code(ref text) => {
                self.plain_text(text);
                self.events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain_text(" ");
                self.events.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_html = true;
                let event = self.html_links(event, &range);
                self.events.push(event);
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            // A table wider than a phone scrolls in its own box, as the generated tables do
            // (`.table-scroll` in the theme; focusable so a keyboard can scroll it), instead
            // of pushing the whole page sideways.
            Event::Start(Tag::Table(_)) => {
                self.events.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" tabindex=\"0\">\n",
                )));
                self.events.push(event);
            }
            Event::End(TagEnd::Table) => {
                self.events.push(event);
                self.events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some((self.events.len(), id));
                self.heading_text.clear();
                // Custom attributes (`## Kop {onclick=…}`) are raw HTML in all but name: kept
                // only where raw HTML is allowed. The id and classes are safe as written.
                let attrs = if self.options.allow_html {
                    attrs
                } else {
                    Vec::new()
                };
                // The id is filled in at the end of the heading, once its text is known.
                self.events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                self.end_heading(level);
                self.events.push(event);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => self.start_footnote(&label, range),
            Event::End(TagEnd::FootnoteDefinition) => {
                let key = self.open_footnotes.pop().unwrap_or_default();
                // Back-links go at the end of the last paragraph, as GitHub does, rather than
                // on a line of their own; the placeholder is filled in by `finish`.
                let closes_paragraph =
                    matches!(self.events.last(), Some(Event::End(TagEnd::Paragraph)));
                let paragraph_end = if closes_paragraph {
                    self.events.pop()
                } else {
                    None
                };
                self.footnote_ends.push((self.events.len(), key));
                self.events.push(Event::InlineHtml(CowStr::Borrowed("")));
                self.events.extend(paragraph_end);
                self.events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(link_type, dest_url, &range);
                self.dropped.push(dest_url.is_none());
                if let Some(dest_url) = dest_url {
                    self.events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(link_type, dest_url, &range);
                self.dropped.push(dest_url.is_none());
                if let Some(dest_url) = dest_url {
                    self.events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if !self.dropped.pop().unwrap_or(false) {
                    self.events.push(event);
                }
            }
            _ => self.events.push(event),
        }
    }

    /// Adds text to the open heading's title.
    fn plain_text(&mut self, text: &str) {
        if self.heading.is_some() {
            self.heading_text.push_str(text);
        }
    }

    /// Gives the heading that just ended a unique id and records it in the table of contents.
    fn end_heading(&mut self, level: HeadingLevel) {
        let Some((start, explicit)) = self.heading.take() else {
            return;
        };
        let base = match explicit {
            Some(id) if !id.is_empty() => id.into_string(),
            _ => slug::anchor(&self.heading_text),
        };
        let id = unique_id(&mut self.ids, base, self.options.id_prefix);
        let level = level as u8;
        if level == 2 || level == 3 {
            let mut title = String::with_capacity(self.heading_text.len());
            push_collapsed(&mut title, &self.heading_text);
            self.toc.push(TocEntry {
                level,
                id: id.clone(),
                title: title.trim_end().to_string(),
            });
        }
        if let Some(Event::Start(Tag::Heading { id: slot, .. })) = self.events.get_mut(start) {
            *slot = Some(CowStr::from(id));
        }
    }

    /// The footnote for `label`, numbered on first sight.
    fn footnote(&mut self, label: &str) -> (String, &mut Footnote) {
        let key = label.to_lowercase();
        let next = self.footnotes.len() + 1;
        let footnote = self.footnotes.entry(key.clone()).or_insert(Footnote {
            number: next,
            references: 0,
            defined: false,
        });
        (key, footnote)
    }

    /// Writes a footnote reference with its own id, so the definition can link back to it.
    fn footnote_reference(&mut self, label: &str) {
        let (_, footnote) = self.footnote(label);
        footnote.references += 1;
        let (number, nth) = (footnote.number, footnote.references);
        let prefix = &self.prefix;
        let mut html = String::with_capacity(96 + 3 * prefix.len());
        let _ = write!(
            html,
            "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"#{prefix}fn-{number}\">{number}</a></sup>",
            reference_id(prefix, number, nth)
        );
        self.events.push(Event::InlineHtml(CowStr::from(html)));
    }

    fn start_footnote(&mut self, label: &str, range: Range<usize>) {
        let (key, footnote) = self.footnote(label);
        let number = footnote.number;
        let duplicate = std::mem::replace(&mut footnote.defined, true);
        self.open_footnotes.push(key);
        let html = if duplicate {
            // Still shown, so no text is lost, but without the id the first definition holds.
            let offset = self.body.offset;
            self.diagnostics.push(
                Diagnostic::warning(
                    &self.body.file,
                    format!("footnote `{label}` is defined twice"),
                )
                .at(offset + range.start..offset + range.end)
                .label("second definition")
                .help("references link to the first definition; rename or remove this one"),
            );
            format!(
                "<div class=\"footnote-definition\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
            )
        } else {
            format!(
                "<div class=\"footnote-definition\" id=\"{}fn-{number}\"><sup class=\"footnote-definition-label\">{number}</sup>\n",
                self.prefix
            )
        };
        self.events.push(Event::Html(CowStr::from(html)));
    }

    /// Links in raw HTML (`<a href>`, `<img src>`) are resolved like Markdown's: a content
    /// file becomes its page's address, a missing file or a path out of the site is reported
    /// at the address, and a link that runs code is emptied (where raw HTML is not trusted;
    /// the sanitiser would drop it too).
    fn html_links(&mut self, event: Event<'b>, range: &Range<usize>) -> Event<'b> {
        let (html, inline) = match &event {
            Event::Html(h) => (h.as_ref(), false),
            Event::InlineHtml(h) => (h.as_ref(), true),
            _ => return event,
        };
        let mut out = String::new();
        let mut rest = html;
        let mut changed = false;
        while let Some((before, value, after)) = next_url_attribute(rest) {
            out.push_str(before);
            // Raw HTML may link past the site on purpose (`/portaal/`, `../andere-app/` on an
            // intranet): only links written to a content file are taken as such, and links
            // that run code where raw HTML is not trusted.
            let unsafe_here = || {
                !self.options.allow_html
                    && matches!(
                        self.options
                            .permalinks
                            .resolve(self.options.content_path, value),
                        Resolution::Unsafe
                    )
            };
            let content_link = names_content_file(value)
                || Permalinks::lands_in_static(self.options.content_path, value);
            let written = if content_link || unsafe_here() {
                // The attribute as the browser reads it (`?a=1&amp;b=2` is `?a=1&b=2`): it is
                // escaped again when written.
                let decoded = decode_entities(value).into_owned();
                self.link(LinkType::Inline, CowStr::from(decoded), range)
                    .map(|w| w.to_string())
                    .unwrap_or_default()
            } else {
                if Permalinks::climbs_above_site(self.options.page_url, value) {
                    let span = self.dest_span(value, range);
                    self.diagnostics.push(
                        Diagnostic::warning(&self.body.file, "link climbs above the site")
                            .at(span)
                            .label("from this page, the address climbs above the site's folder")
                            .help("for another application on the server, write it from the server's root (`/andere-app/`) or as a full address; for a file of the site, link to it in content/ (`@/static/…`)"),
                    );
                }
                value.to_string()
            };
            if written == value {
                // As written, entities and all.
                out.push_str(value);
            } else {
                changed = true;
                out.push_str(&escape_attribute(&written));
            }
            rest = after;
        }
        if !changed {
            return event;
        }
        out.push_str(rest);
        if inline {
            Event::InlineHtml(CowStr::from(out))
        } else {
            Event::Html(CowStr::from(out))
        }
    }

    /// Resolves a link or image destination: the destination to write, or `None` to drop the
    /// link and keep only its text. Records a diagnostic for anything broken.
    fn link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'b>,
        range: &Range<usize>,
    ) -> Option<CowStr<'b>> {
        if link_type == LinkType::Email {
            // `<a@b.nl>`: the writer adds `mailto:` itself.
            return Some(dest);
        }
        let options = self.options;
        let resolution = options.permalinks.resolve(options.content_path, &dest);
        self.links.push((dest.to_string(), resolution.clone()));
        match resolution {
            Resolution::External if is_drive_path(&dest) => {
                let span = self.dest_span(&dest, range);
                self.diagnostics.push(
                    Diagnostic::warning(&self.body.file, "a Windows path is not a web address")
                        .at(span)
                        .label("the browser reads `C:` as a scheme and finds nothing")
                        .help("put the file in content/static/ and link `@/static/…`, or write `file:///C:/…`"),
                );
                Some(dest)
            }
            Resolution::External | Resolution::Anchor => Some(dest),
            Resolution::Internal {
                url,
                query,
                fragment,
            } => {
                let mut href = urls::relative(options.page_url, &urls::encode_path(&url));
                if let Some(query) = query {
                    href.push('?');
                    href.push_str(&query);
                }
                if let Some(fragment) = fragment {
                    href.push('#');
                    href.push_str(&fragment);
                }
                Some(CowStr::from(href))
            }
            Resolution::Missing { target, suggestion } => {
                let span = self.dest_span(&dest, range);
                let Some(why) = options.permalinks.pageless(&target) else {
                    let diagnostic = Diagnostic::error(
                        &self.body.file,
                        format!("link to missing file `{target}`"),
                    )
                    .at(span)
                    .label("no such file in content/")
                    .maybe_help(suggestion.map(|path| format!("did you mean `@/{path}`?")));
                    self.diagnostics.push(diagnostic);
                    return Some(dest);
                };
                let (label, help) = match why {
                    Pageless::Draft => (
                        "a draft: it has no page in this build",
                        "publish it (`draft = false`), or preview with `--drafts`",
                    ),
                    Pageless::Data => (
                        "a data file: it has no page of its own",
                        "link to the page that shows it, e.g. the region's `@/regions/<slug>/`",
                    ),
                };
                let diagnostic = Diagnostic::error(
                    &self.body.file,
                    format!("link to `{target}`, which has no page"),
                )
                .at(span)
                .label(label)
                .help(help);
                self.diagnostics.push(diagnostic);
                Some(dest)
            }
            Resolution::EscapesRoot => {
                let span = self.dest_span(&dest, range);
                let diagnostic = Diagnostic::error(&self.body.file, "link leaves the site folder")
                    .at(span)
                    .label("this path climbs above content/")
                    .help("link to a file inside content/, e.g. `@/static/file.pdf`");
                self.diagnostics.push(diagnostic);
                Some(dest)
            }
            Resolution::Unsafe => {
                let span = self.dest_span(&dest, range);
                let diagnostic = Diagnostic::warning(&self.body.file, "unsafe link removed")
                    .at(span)
                    .label("`javascript:`, `data:` and `vbscript:` links can run code")
                    .help("only the link text is shown; link to a page or a web address instead");
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }

    /// The span of a link's destination in the file, or of the whole link when the
    /// destination is not written literally (escapes, reference-style links).
    fn dest_span(&self, dest: &str, range: &Range<usize>) -> Range<usize> {
        let offset = self.body.offset;
        let written = self.body.text.get(range.clone()).unwrap_or("");
        match written.rfind(dest) {
            Some(at) if !dest.is_empty() => {
                let start = offset + range.start + at;
                start..start + dest.len()
            }
            _ => offset + range.start..offset + range.end,
        }
    }

    fn finish(mut self) -> RenderedMarkdown {
        for (index, key) in std::mem::take(&mut self.footnote_ends) {
            let (number, references) = self
                .footnotes
                .get(&key)
                .map_or((0, 0), |f| (f.number, f.references));
            let mut html = String::new();
            for nth in 1..=references {
                let _ = write!(
                    html,
                    " <a href=\"#{}\" class=\"footnote-backref\">↩\u{FE0E}",
                    reference_id(&self.prefix, number, nth)
                );
                if nth > 1 {
                    let _ = write!(html, "<sup>{nth}</sup>");
                }
                html.push_str("</a>");
            }
            if let Some(slot) = self.events.get_mut(index) {
                *slot = Event::InlineHtml(CowStr::from(html));
            }
        }

        let mut html = String::with_capacity(self.body.text.len() + self.body.text.len() / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        if self.has_html && !self.options.allow_html {
            if super::nesting::html_too_deep(&html) {
                self.diagnostics.push(
                    Diagnostic::error(
                        &self.body.file,
                        format!(
                            "HTML nested more than {} levels deep",
                            super::nesting::MOST_HTML_LEVELS
                        ),
                    )
                    .at(self.body.offset..self.body.offset)
                    .label("in this body")
                    .help("close the HTML tags as you go (browsers stop nesting there too), or write the text as Markdown"),
                );
                html.clear();
            } else {
                html = sanitizer().clean(&html).to_string();
            }
        }

        RenderedMarkdown {
            html,
            toc: self.toc,
            summary: self.summary.finish(),
            diagnostics: self.diagnostics,
            search_text: self.search.finish(),
            links: self.links.into(),
        }
    }
}

/// Id of the `nth` reference to footnote `number`; the first keeps the short form.
fn reference_id(prefix: &str, number: usize, nth: usize) -> String {
    if nth == 1 {
        format!("{prefix}fnref-{number}")
    } else {
        format!("{prefix}fnref-{number}-{nth}")
    }
}

/// `base` if free, else `base-1`, `base-2`, … (the first free one); recorded as used.
///
/// Ids shaped like this body's footnote ids count as taken, so a heading called "fn 1" cannot
/// steal `fn-1` from the first footnote.
fn unique_id(used: &mut HashSet<String>, base: String, footnote_prefix: &str) -> String {
    let free = |used: &HashSet<String>, id: &str| {
        !used.contains(id) && !is_footnote_id(footnote_prefix, id)
    };
    if free(used, &base) {
        used.insert(base.clone());
        return base;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if free(used, &candidate) {
            used.insert(candidate.clone());
            return candidate;
        }
        n += 1;
    }
}

/// Whether `id` has the shape of a footnote id: `{prefix}fn-N`, `{prefix}fnref-N` or
/// `{prefix}fnref-N-M`.
fn is_footnote_id(prefix: &str, id: &str) -> bool {
    let numbers = |rest: &str, max_parts: usize| {
        let mut parts = 0;
        rest.split('-').all(|part| {
            parts += 1;
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
        }) && parts <= max_parts
    };
    let Some(rest) = id.strip_prefix(prefix) else {
        return false;
    };
    if let Some(rest) = rest.strip_prefix("fnref-") {
        numbers(rest, 2)
    } else if let Some(rest) = rest.strip_prefix("fn-") {
        numbers(rest, 1)
    } else {
        false
    }
}

/// Appends `text` with every run of whitespace turned into one space and no leading space.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Cuts a summary to at most [`SUMMARY_CHARS`] characters at a word boundary, adding "…".
fn cut_summary(mut summary: String) -> String {
    let trimmed_len = summary.trim_end().len();
    summary.truncate(trimmed_len);
    let Some((cut, _)) = summary.char_indices().nth(SUMMARY_CHARS) else {
        return summary;
    };
    // Cut at the last space before the limit; a single word longer than the limit is cut mid-word.
    let end = summary[..cut].rfind(' ').unwrap_or(cut);
    summary.truncate(end);
    let kept = summary
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-'))
        .len();
    summary.truncate(kept);
    summary.push('…');
    summary
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An attribute value with its character references decoded: the five named ones HTML
/// attributes use for markup characters, and numeric ones. Others are left as written.
fn decode_entities(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('&') {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether a link is a Windows path (`C:\map\file.pdf`, `d:/x`): one letter, a colon, a slash.
fn is_drive_path(link: &str) -> bool {
    let b = link.trim().as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

/// Whether a link in raw HTML is written to a content file: `@/…`, or a path to a `.md`
/// file (before any `#` or `?`) with no scheme.
fn names_content_file(link: &str) -> bool {
    let path = link.split(['#', '?']).next().unwrap_or("");
    link.starts_with("@/") || (!path.contains(':') && path.to_ascii_lowercase().ends_with(".md"))
}

/// The next quoted `href` or `src` attribute value in an HTML fragment: the text up to and
/// including its opening quote, the value, and the text from its closing quote on.
fn next_url_attribute(html: &str) -> Option<(&str, &str, &str)> {
    let bytes = html.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let rel = html[at..].find('=')?;
        let eq = at + rel;
        let name_start = html[..eq]
            .trim_end()
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let name = html[name_start..eq].trim().to_ascii_lowercase();
        let value_start = eq + 1 + (html[eq + 1..].len() - html[eq + 1..].trim_start().len());
        let quote = bytes.get(value_start).copied();
        if (name == "href" || name == "src") && matches!(quote, Some(b'"') | Some(b'\'')) {
            let quote = quote.unwrap_or(b'"') as char;
            let inner = value_start + 1;
            let close = inner + html[inner..].find(quote)?;
            return Some((&html[..inner], &html[inner..close], &html[close..]));
        }
        at = eq + 1;
    }
    None
}

/// The sanitiser for bodies whose raw HTML is not trusted, built once.
///
/// It keeps what pulldown-cmark and this module write (heading and footnote ids, classes, table
/// alignment) and ammonia's defaults drop the rest: scripts and styles with their content,
/// event handlers, `javascript:` URLs, iframes, forms. `rel="noopener noreferrer"` is not added:
/// ammonia would put it on every link, relative ones included, and it is only needed with
/// `target`, which is not an allowed attribute, so no link here can open a new window.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(&["id", "class"])
            .add_tag_attributes("div", &["tabindex"])
            .add_tag_attributes("th", &["style"])
            .add_tag_attributes("td", &["style"])
            .filter_style_properties(HashSet::from(["text-align"]))
            .link_rel(None)
            // `file://server/share/…` links to the intranet's file shares, as a body without
            // raw HTML keeps them; ammonia's default list would drop them only here.
            .add_url_schemes(&["file"]);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{line_col, Severity};

    fn permalinks() -> Permalinks {
        let mut links = Permalinks::new();
        links.insert("notes/a.md", "notities/a/");
        links.insert("notes/b.md", "notities/b/");
        links.insert("practices/een-loket.md", "praktijken/een-loket/");
        links.insert("regions/haarlemmermeer/_index.md", "regio/haarlemmermeer/");
        links.insert("static/img/kaart.png", "static/img/kaart.png");
        links.insert("static/plan #2.pdf", "static/plan #2.pdf");
        links
    }

    #[test]
    fn a_static_file_with_spaces_or_a_hash_in_its_name_is_linked_encoded() {
        let rendered = render_with(
            "[p](../static/plan%20%232.pdf) <a href=\"../static/plan%20%232.pdf\">q</a> <a href=\"../static/\">map</a>\n",
            false,
            "",
        );
        assert_eq!(
            rendered
                .html
                .matches("href=\"../../static/plan%20%232.pdf\"")
                .count(),
            2,
            "{}",
            rendered.html
        );
        let messages = messages(&rendered);
        assert_eq!(messages, ["link to missing file `static`"]);
    }

    fn body(text: &str) -> Body {
        Body {
            file: "content/notes/a.md".into(),
            text: text.into(),
            offset: 0,
        }
    }

    #[test]
    fn heading_attributes_are_dropped_unless_raw_html_is_allowed() {
        let text = "## Kop {#eigen .klein onclick=alert(1) data-x=y}\n";
        let html = render_with(text, false, "").html;
        assert!(
            !html.contains("onclick") && !html.contains("data-x"),
            "{html}"
        );
        assert!(
            html.contains("id=\"eigen\"") && html.contains("class=\"klein\""),
            "{html}"
        );
        let allowed = render_with(text, true, "").html;
        assert!(allowed.contains("onclick"), "{allowed}");
    }

    #[test]
    fn links_in_raw_html_are_resolved_and_checked_like_markdown_links() {
        let text = "Zie <a href=\"../practices/een-loket.md\">het loket</a>, \
                    <a href='https://x.nl/?a=1&amp;b=2'>ver weg</a> en <img src=\"../static/img/kaart.png\" alt=\"kaart\">.\n\n\
                    <a href=\"b.md\">B</a> <a href=\"weg.md\">weg</a> <a href=\"../../../andere-app/\">elders</a> \
                    <a href=\"../../../geheim.md\">buiten</a> <a href=\"../static/weg.pdf\">pdf</a> \
                    <img src=\"/static/img/kaart.png\" alt=\"server\">\n";
        let rendered = render_with(text, false, "");
        let html = &rendered.html;
        assert!(
            html.contains("href=\"../../praktijken/een-loket/index.html\""),
            "{html}"
        );
        // A relative path into content/static/ is a content file: resolved like Markdown's.
        assert!(
            html.contains("src=\"../../static/img/kaart.png\""),
            "{html}"
        );
        // Links to anything but a content file are left as written: raw HTML may point past
        // the site on purpose (a server path too).
        assert!(html.contains("src=\"/static/img/kaart.png\""), "{html}");
        assert!(html.contains("href=\"../../../andere-app/\""), "{html}");
        assert!(
            html.contains("href=\"../../notities/b/index.html\""),
            "{html}"
        );
        assert!(html.contains("https://x.nl/?a=1&amp;b=2"), "{html}");
        let messages = messages(&rendered);
        assert_eq!(
            messages,
            [
                "link to missing file `notes/weg.md`",
                "link climbs above the site",
                "link leaves the site folder",
                "link to missing file `static/weg.pdf`"
            ],
            "{messages:?}"
        );
    }

    #[test]
    fn file_share_links_stay_and_a_windows_path_is_a_warning() {
        let text = "<b>x</b> [share](file://server/map/a.pdf) [pad](C:\\map\\a.pdf)\n";
        let rendered = render_with(text, false, "");
        assert!(
            rendered.html.contains("href=\"file://server/map/a.pdf\""),
            "{}",
            rendered.html
        );
        let messages = messages(&rendered);
        assert_eq!(messages, ["a Windows path is not a web address"]);
    }

    /// The messages of a render's diagnostics, in order.
    fn messages(rendered: &RenderedMarkdown) -> Vec<&str> {
        rendered
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect()
    }

    fn render_with(text: &str, allow_html: bool, id_prefix: &str) -> RenderedMarkdown {
        let links = permalinks();
        let options = MarkdownOptions {
            page_url: "notities/a/",
            content_path: "notes/a.md",
            id_prefix,
            allow_html,
            permalinks: &links,
            reserved_ids: &["agenda"],
        };
        render(&body(text), &options)
    }

    fn html(text: &str) -> String {
        let rendered = render_with(text, false, "");
        assert!(
            rendered.diagnostics.is_empty(),
            "unexpected diagnostics: {:?}",
            rendered.diagnostics
        );
        rendered.html
    }

    #[test]
    fn duplicate_headings_get_unique_ids() {
        let out = html("## Wat werkte\n\n## Wat werkte\n\n## Wat werkte\n");
        assert!(out.contains("<h2 id=\"wat-werkte\">"), "{out}");
        assert!(out.contains("<h2 id=\"wat-werkte-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"wat-werkte-2\">"), "{out}");
    }

    #[test]
    fn headings_never_take_an_id_the_page_template_uses() {
        let out = html("## Agenda\n");
        assert!(out.contains("<h2 id=\"agenda-1\">"), "{out}");
    }

    #[test]
    fn heading_ids_fold_accents() {
        let out = html("## Één loket: coördinatie\n");
        assert!(out.contains("<h2 id=\"een-loket-coordinatie\">"), "{out}");
    }

    #[test]
    fn explicit_heading_ids_are_kept_and_deduplicated() {
        let out = html("## Eerste {#doel}\n\n## Tweede {#doel}\n\n## Doel\n");
        assert!(out.contains("<h2 id=\"doel\">Eerste</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"doel-1\">Tweede</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"doel-2\">Doel</h2>"), "{out}");
    }

    #[test]
    fn toc_lists_h2_and_h3_as_plain_text() {
        let rendered = render_with(
            "# Titel\n\n## Het *probleem*\n\n### Met `code`\n\n#### Te diep\n\n## Aanpak\n",
            false,
            "",
        );
        let toc: Vec<(u8, &str, &str)> = rendered
            .toc
            .iter()
            .map(|e| (e.level, e.id.as_str(), e.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "het-probleem", "Het probleem"),
                (3, "met-code", "Met code"),
                (2, "aanpak", "Aanpak"),
            ]
        );
    }

    #[test]
    fn footnote_ids_are_prefixed() {
        let out = render_with("Tekst[^bron].\n\n[^bron]: Een bron.\n", false, "n3-").html;
        assert!(out.contains("id=\"n3-fnref-1\""), "{out}");
        assert!(out.contains("href=\"#n3-fn-1\""), "{out}");
        assert!(out.contains("id=\"n3-fn-1\""), "{out}");
        assert!(out.contains("href=\"#n3-fnref-1\""), "{out}");
        assert!(!out.contains("id=\"bron\""), "{out}");
    }

    #[test]
    fn footnote_references_and_backlinks_match() {
        let out = html("Een[^a], twee[^b] en weer een[^a].\n\n[^a]: Eerste.\n\n[^b]: Tweede.\n");
        // Each reference has its own id, and the definition links back to every one.
        for id in ["fnref-1", "fnref-1-2", "fnref-2"] {
            assert_eq!(
                out.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{id}: {out}"
            );
            assert_eq!(
                out.matches(&format!("href=\"#{id}\"")).count(),
                1,
                "{id}: {out}"
            );
        }
        for id in ["fn-1", "fn-2"] {
            assert_eq!(
                out.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{id}: {out}"
            );
        }
        assert_eq!(out.matches("href=\"#fn-1\"").count(), 2, "{out}");
        // The back-links close the definition's last paragraph.
        assert!(
            out.contains("<p>Tweede. <a href=\"#fnref-2\" class=\"footnote-backref\">↩\u{FE0E}</a></p>\n</div>"),
            "{out}"
        );
    }

    #[test]
    fn headings_never_take_footnote_ids() {
        let out = html("## fn 1\n\n## Fnref 1 2\n\nA[^1].\n\n[^1]: x\n");
        assert!(out.contains("<h2 id=\"fn-1-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"fnref-1-2-1\">"), "{out}");
        assert_eq!(out.matches("id=\"fn-1\"").count(), 1, "{out}");
    }

    #[test]
    fn duplicate_footnote_definition_is_a_warning_without_a_second_id() {
        let rendered = render_with("A[^a].\n\n[^a]: Een.\n\n[^a]: Twee.\n", false, "");
        assert_eq!(
            rendered.html.matches("id=\"fn-1\"").count(),
            1,
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("Twee."), "{}", rendered.html);
        assert_eq!(rendered.diagnostics.len(), 1);
        assert_eq!(
            rendered.diagnostics[0].message,
            "footnote `a` is defined twice"
        );
        assert_eq!(rendered.diagnostics[0].severity, Severity::Warning);
    }

    #[test]
    fn two_bodies_with_different_prefixes_never_share_footnote_ids() {
        let a = render_with("A[^1].\n\n[^1]: x\n", false, "a-").html;
        let b = render_with("B[^1].\n\n[^1]: y\n", false, "b-").html;
        assert!(a.contains("id=\"a-fn-1\"") && b.contains("id=\"b-fn-1\""));
        assert!(!a.contains("id=\"b-") && !b.contains("id=\"a-"));
    }

    #[test]
    fn relative_md_link_is_rewritten() {
        let out = html("Zie [het loket](../practices/een-loket.md#aanpak).\n");
        assert!(
            out.contains("<a href=\"../../praktijken/een-loket/index.html#aanpak\">het loket</a>"),
            "{out}"
        );
    }

    #[test]
    fn a_raw_html_links_query_is_escaped_once() {
        let out = html("<a href=\"../practices/een-loket.md?a=1&amp;b=2\">loket</a>\n");
        assert!(
            out.contains("href=\"../../praktijken/een-loket/index.html?a=1&amp;b=2\""),
            "{out}"
        );
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x41;&bogus;&"),
            "a&b'cA&bogus;&"
        );
    }

    #[test]
    fn a_links_query_is_kept_before_its_fragment() {
        let out = html(
            "[plan](../static/img/kaart.png?v=2) [loket](../practices/een-loket.md?tab=1#aanpak)\n",
        );
        assert!(
            out.contains("href=\"../../static/img/kaart.png?v=2\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"../../praktijken/een-loket/index.html?tab=1#aanpak\""),
            "{out}"
        );
    }

    #[test]
    fn at_links_folders_and_images_are_rewritten() {
        let out = html(
            "[b](@/notes/b.md) [regio](../regions/haarlemmermeer/) ![kaart](/static/img/kaart.png)\n",
        );
        assert!(
            out.contains("href=\"../../notities/b/index.html\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"../../regio/haarlemmermeer/index.html\""),
            "{out}"
        );
        assert!(out.contains("src=\"../../static/img/kaart.png\""), "{out}");
    }

    #[test]
    fn external_and_anchor_links_are_left_alone() {
        let out = html("[a](https://example.org/x.md) [b](#aanpak) <mail@example.org>\n");
        assert!(out.contains("href=\"https://example.org/x.md\""), "{out}");
        assert!(out.contains("href=\"#aanpak\""), "{out}");
        assert!(out.contains("href=\"mailto:mail@example.org\""), "{out}");
    }

    #[test]
    fn missing_link_reports_line_and_column() {
        let front = "+++\ntitle = \"Één\"\n+++\n";
        let text = "Eerste regel.\n\nZie [loket](../practices/een-lokt.md).\n";
        let file = format!("{front}{text}");
        let links = permalinks();
        let options = MarkdownOptions {
            page_url: "notities/a/",
            content_path: "notes/a.md",
            id_prefix: "",
            allow_html: false,
            permalinks: &links,
            reserved_ids: &[],
        };
        let body = Body {
            file: "content/notes/a.md".into(),
            text: text.into(),
            offset: front.len(),
        };
        let rendered = render(&body, &options);
        let [diagnostic] = rendered.diagnostics.as_slice() else {
            panic!("expected one diagnostic: {:?}", rendered.diagnostics);
        };
        assert_eq!(diagnostic.severity, Severity::Error);
        assert_eq!(diagnostic.file, std::path::Path::new("content/notes/a.md"));
        assert_eq!(
            diagnostic.message,
            "link to missing file `practices/een-lokt.md`"
        );
        assert_eq!(
            diagnostic.help,
            ["did you mean `@/practices/een-loket.md`?"]
        );
        let span = diagnostic.span.clone().unwrap_or_default();
        assert_eq!(&file[span.clone()], "../practices/een-lokt.md");
        // Line 6 of the whole file (3 lines of front matter), after "Zie [loket](".
        assert_eq!(line_col(&file, span.start), (6, 13));
    }

    #[test]
    fn link_leaving_content_is_an_error() {
        let rendered = render_with("[x](../../../etc/passwd)\n", false, "");
        assert_eq!(rendered.diagnostics.len(), 1);
        assert_eq!(
            rendered.diagnostics[0].message,
            "link leaves the site folder"
        );
        assert!(rendered.diagnostics[0].is_error());
    }

    #[test]
    fn javascript_link_is_dropped_with_a_warning() {
        let rendered = render_with("Klik [hier](javascript:alert(1)) nu.\n", true, "");
        assert_eq!(rendered.html, "<p>Klik hier nu.</p>\n");
        assert_eq!(rendered.diagnostics.len(), 1);
        assert_eq!(rendered.diagnostics[0].severity, Severity::Warning);
    }

    #[test]
    fn raw_script_is_removed() {
        let rendered = render_with(
            "Tekst <b onclick=\"x()\">vet</b>.\n\n<script>alert(1)</script>\n\n<iframe src=\"https://x\"></iframe>\n\n<a href=\"javascript:alert(1)\">a</a>\n",
            false,
            "",
        );
        // The link that runs code is named, as one written in Markdown is.
        let messages = messages(&rendered);
        assert_eq!(messages, ["unsafe link removed"]);
        let out = rendered.html;
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("<iframe"), "{out}");
        assert!(out.contains("<b>vet</b>"), "{out}");
    }

    #[test]
    fn raw_html_is_kept_when_allowed() {
        let out = render_with("<div class=\"kaart\" data-x=\"1\">x</div>\n", true, "").html;
        assert_eq!(out, "<div class=\"kaart\" data-x=\"1\">x</div>\n");
    }

    #[test]
    fn sanitising_keeps_markdown_markup() {
        let out = html(
            "<span>raw</span>\n\n## Kop\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[b](b.md) ~~weg~~ `c`[^1]\n\n[^1]: Noot.\n",
        );
        assert!(out.contains("<h2 id=\"kop\">"), "{out}");
        assert!(out.contains("style=\"text-align:left\""), "{out}");
        assert!(
            out.contains("<a href=\"../../notities/b/index.html\">b</a>"),
            "{out}"
        );
        assert!(out.contains("<del>weg</del>"), "{out}");
        assert!(
            out.contains("class=\"footnote-definition\" id=\"fn-1\""),
            "{out}"
        );
        assert!(out.contains("id=\"fnref-1\""), "{out}");
        assert!(!out.contains("rel="), "{out}");
    }

    #[test]
    fn script_in_text_is_escaped() {
        let out = html("Schrijf `<script>` of \\<script> niet.\n");
        assert!(!out.contains("<script"), "{out}");
        assert_eq!(out.matches("&lt;script&gt;").count(), 2, "{out}");
    }

    #[test]
    fn smart_quotes_are_curly() {
        let out = html("\"Eén loket\" -- dat is 't doel...\n");
        assert!(out.contains("“Eén loket”"), "{out}");
        assert!(out.contains("–"), "{out}");
        assert!(out.contains("…"), "{out}");
    }

    #[test]
    fn tables_and_strikethrough_are_enabled() {
        let out = html("| a |\n|---|\n| 1 |\n\n~~oud~~\n");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>oud</del>"), "{out}");
    }

    #[test]
    fn summary_is_the_first_paragraph_as_plain_text() {
        let rendered = render_with(
            "## Kop\n\nHet *eerste*\n[stuk](b.md) met `code`[^1].\n\nTweede.\n\n[^1]: Noot.\n",
            false,
            "",
        );
        assert_eq!(rendered.summary, "Het eerste stuk met code.");
    }

    #[test]
    fn long_summary_is_cut_at_a_word_boundary() {
        let text = "woord ".repeat(100);
        let summary = render_with(&text, false, "").summary;
        assert!(summary.ends_with("woord…"), "{summary}");
        assert!(summary.chars().count() <= SUMMARY_CHARS + 1, "{summary}");
    }

    #[test]
    fn empty_body_renders_nothing() {
        let rendered = render_with("", false, "");
        assert_eq!(rendered.html, "");
        assert_eq!(rendered.summary, "");
        assert!(rendered.toc.is_empty());
    }
}
