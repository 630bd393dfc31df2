//! Markdown -> HTML for one body, with cross-links resolved.
//!
//! 1. pulldown-cmark parses (CommonMark + tables, footnotes, strikethrough);
//!    shortcut references such as `[401]` or `[4xx]` are accepted by the
//!    broken-link callback and resolved from their label (`links`),
//! 2. runs of prose text (outside code, links, images and headings) go through
//!    the prose scanner (`xref::prose`): mentions become links, numbers the
//!    author marked (`\500`) lose the backslash, and a code named with neither
//!    cue nor unit is a warning (`mentions`),
//! 3. link destinations are checked: `#404-not-found` anchors resolve to the
//!    code, dangerous schemes are refused, internal links are kept, with their
//!    position, for the check of the rendered site (`links`),
//! 4. headings get ids (`headings`), fenced code goes to the `Highlighter`
//!    (`highlight`),
//! 5. raw HTML is screened, its ids recorded, and the result sanitised with
//!    ammonia when there was any (`raw_html`).
//!
//! Everything here is pure: the caller gets HTML, the codes it links to, the
//! ids and links it holds with their positions in the file, and diagnostics.

mod headings;
pub mod highlight;
mod links;
mod mentions;
mod raw_html;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use pulldown_cmark::{html, BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Kind, LineIndex, Location};
use crate::model::Body;
use crate::xref::{Lexicon, PageId, SiteIndex};

pub use highlight::Highlighter;
pub use raw_html::MAX_RAW_HTML_TAGS;

/// Where a body is rendered, which decides how cross-links are written.
pub struct LinkContext<'a> {
    pub index: &'a SiteIndex,
    pub page: PageId,
    /// The words of the page's language that mark a status-code mention.
    pub lexicon: &'a Lexicon,
}

impl LinkContext<'_> {
    fn current_code(&self) -> Option<u16> {
        match self.page {
            PageId::Code(c) => Some(c),
            _ => None,
        }
    }
}

/// A link the author wrote to something inside the site, checked once the site is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub dest: String,
    pub location: Location,
}

/// What set an id of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    Heading,
    RawHtml,
}

/// An id the body gives an element, and where the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyId {
    pub id: String,
    pub source: IdSource,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Codes this body links to.
    pub references: BTreeSet<u16>,
    /// The ids of headings and raw HTML, in order.
    pub ids: Vec<BodyId>,
    /// h2 headings: (id, text), for a table of contents.
    pub sections: Vec<(String, String)>,
    pub internal_links: Vec<InternalLink>,
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent in the prose scanner and in the highlighter, for `--timings`.
    pub scan_time: Duration,
    pub highlight_time: Duration,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders one body. Never fails: problems become diagnostics.
pub fn render_body(body: &Body, ctx: &LinkContext<'_>, highlighter: &Highlighter) -> RenderedBody {
    let lines = LineIndex::new(&body.text, body.first_line);
    let broken: RefCell<Vec<(Range<usize>, String)>> = RefCell::new(Vec::new());
    // `[401]` with no definition: a link when the site has the target (its
    // label is resolved with the link), reported otherwise.
    let mut callback = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        let label = link.reference.trim();
        let target = links::explicit_target(label)?;
        if !links::target_exists(ctx.index, target) {
            if !matches!(target, crate::xref::prose::Target::Code(c) if ctx.index.is_invalid(c)) {
                broken.borrow_mut().push((link.span.clone(), label.to_string()));
            }
            return None;
        }
        Some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(&body.text, options(), Some(&mut callback));
    let mut state = State {
        ctx,
        highlighter,
        lines: &lines,
        body,
        out: RenderedBody::default(),
        pending: Vec::new(),
        link_depth: 0,
        image_depth: 0,
        code_block: None,
        heading: None,
        used_ids: HashSet::new(),
        next_suffix: HashMap::new(),
        has_raw_html: false,
        raw_html_tags: 0,
    };
    let mut events = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        state.handle(event, range, &mut events);
    }
    state.flush_text(&mut events);
    let State { mut out, has_raw_html, .. } = state;
    for (span, label) in broken.into_inner() {
        let kind = if label.as_bytes()[1].is_ascii_digit() { "code" } else { "class" };
        out.diagnostics.push(
            Diagnostic::error(
                Kind::UnknownCode,
                format!("[{label}] links to a {kind} the site does not have"),
            )
            .at(lines.location(&body.path, span.start).spanning(label.chars().count() + 2))
            .help("write an existing code, or add its page first"),
        );
    }
    let mut html_out = String::with_capacity(body.text.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    out.html = if has_raw_html { raw_html::sanitize(&html_out) } else { html_out };
    out
}

/// The walk over one body's events.
struct State<'a, 'b> {
    ctx: &'b LinkContext<'a>,
    highlighter: &'b Highlighter,
    lines: &'b LineIndex<'b>,
    body: &'b Body,
    out: RenderedBody,
    /// Prose waiting to be scanned: (text, source offset) pieces.
    pending: Vec<(CowStr<'b>, usize)>,
    link_depth: usize,
    image_depth: usize,
    code_block: Option<(String, String)>,
    /// The heading being read: level, source offset, its events and its text.
    heading: Option<(HeadingLevel, usize, Vec<Event<'b>>, String)>,
    used_ids: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    has_raw_html: bool,
    raw_html_tags: usize,
}

impl<'b> State<'_, 'b> {
    fn location(&self, offset: usize) -> Location {
        self.lines.location(&self.body.path, offset)
    }

    /// Sends an event to the heading buffer when inside a heading, else to the output.
    fn emit(&mut self, event: Event<'b>, events: &mut Vec<Event<'b>>) {
        match &mut self.heading {
            Some((_, _, buffered, text)) => {
                if let Event::Text(t) | Event::Code(t) = &event {
                    text.push_str(t);
                }
                buffered.push(event);
            }
            None => events.push(event),
        }
    }

    fn handle(&mut self, event: Event<'b>, range: Range<usize>, events: &mut Vec<Event<'b>>) {
        if let Some((_, code)) = &mut self.code_block {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, code) = self.code_block.take().unwrap_or_default();
                    let started = Instant::now();
                    let html = self.highlighter.highlight(&lang, &code);
                    self.out.highlight_time += started.elapsed();
                    self.emit(Event::Html(html.into()), events);
                }
                _ => {}
            }
            return;
        }
        let prose = self.link_depth == 0 && self.image_depth == 0 && self.heading.is_none();
        if let Event::Text(text) = event {
            if prose {
                self.pending.push((text, range.start));
            } else {
                self.emit(Event::Text(text), events);
            }
            return;
        }
        // A line break inside a paragraph is part of the prose ("answer with a
        // 404" wrapped after "a" is still a mention).
        if prose && event == Event::SoftBreak && !self.pending.is_empty() {
            self.pending.push(("\n".into(), range.start));
            return;
        }
        self.flush_text(events);
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                self.code_block = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, range.start, Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(events),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.link_depth += 1;
                let (dest_url, title) = self.resolve_link(link_type, dest_url, title, &id, range.start);
                self.emit(Event::Start(Tag::Link { link_type, dest_url, title, id }), events);
            }
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.emit(Event::End(TagEnd::Link), events);
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.image_depth += 1;
                let dest_url = self.check_scheme(dest_url, range.start);
                self.emit(Event::Start(Tag::Image { link_type, dest_url, title, id }), events);
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.emit(Event::End(TagEnd::Image), events);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, range.start, events),
            other => self.emit(other, events),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
