//! Markdown -> HTML for one body, with cross-links resolved.
//!
//! 1. pulldown-cmark parses (CommonMark + tables, footnotes, strikethrough);
//!    shortcut references such as `[401]` or `[4xx]` resolve through the
//!    broken-link callback,
//! 2. runs of prose text (outside code, links, images and headings) go through
//!    the prose scanner (`xref::prose`): mentions become links, numbers the
//!    author marked (`\500`) lose the backslash, and a code named with neither
//!    cue nor unit is a warning,
//! 3. link destinations are checked: `#404-not-found` anchors resolve to the
//!    code, dangerous schemes are refused, internal links are kept for `check`,
//! 4. headings get ids, fenced code goes to the `Highlighter`,
//! 5. if the body held raw HTML, the result is sanitised with ammonia.
//!
//! Everything here is pure: the caller gets HTML, the codes it links to and
//! diagnostics positioned in the file.

pub mod highlight;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::time::{Duration, Instant};

use pulldown_cmark::{html, BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Body;
use crate::source::LineIndex;
use crate::xref::prose::{scan_prose, Number, Target};
use crate::xref::{Lexicon, PageId, SiteIndex};

pub use highlight::Highlighter;

/// Where a body is rendered, which decides how cross-links are written.
pub struct LinkContext<'a> {
    pub index: &'a SiteIndex,
    pub page: PageId,
}

impl LinkContext<'_> {
    fn current_code(&self) -> Option<u16> {
        match self.page {
            PageId::Code(c) => Some(c),
            _ => None,
        }
    }
}

/// A link the author wrote to something inside the site, checked once every page is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub dest: String,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Codes this body links to.
    pub references: BTreeSet<u16>,
    /// Heading ids, in order.
    pub ids: Vec<String>,
    /// h2 headings: (id, text), for a table of contents.
    pub sections: Vec<(String, String)>,
    pub internal_links: Vec<InternalLink>,
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent in the prose scanner and in the highlighter, for `--timings`.
    pub scan_time: Duration,
    pub highlight_time: Duration,
}

const SENTINEL: &str = "statusref:";

/// Raw HTML tags per body that go through the sanitiser; the rest is escaped.
pub const MAX_RAW_HTML_TAGS: usize = 1000;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders one body. Never fails: problems become diagnostics.
pub fn render_body(body: &Body, ctx: &LinkContext<'_>, highlighter: &Highlighter) -> RenderedBody {
    let lines = LineIndex::new(&body.text, body.first_line);
    let broken: RefCell<Vec<(Range<usize>, String)>> = RefCell::new(Vec::new());
    let mut callback = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        let label = link.reference.trim();
        let target = explicit_target(label)?;
        if !target_exists(ctx.index, target) {
            if !matches!(target, Target::Code(c) if ctx.index.is_invalid(c)) {
                broken.borrow_mut().push((link.span.clone(), label.to_string()));
            }
            return None;
        }
        let dest = match target {
            Target::Code(c) => format!("{SENTINEL}code:{c}"),
            Target::Class(d) => format!("{SENTINEL}class:{d}"),
        };
        Some((dest.into(), CowStr::Borrowed("")))
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
            Diagnostic::error(format!("[{label}] links to a {kind} the site does not have"))
                .at(lines.location(&body.path, span.start))
                .help("write an existing code, or add its page first"),
        );
    }
    let mut html_out = String::with_capacity(body.text.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    out.html = if has_raw_html { sanitize(&html_out) } else { html_out };
    out
}

/// Writes the text before a marked number (`\500`), then the number without
/// its backslash, in a `number` span that says it is not a status code.
/// Returns the position after it.
fn push_marked_number(html: &mut String, text: &str, pos: usize, number: &Number) -> usize {
    html.push_str(&escape_html(&text[pos..number.range.start]));
    let _ = write!(html, r#"<span class="number">{}</span>"#, escape_html(&text[number.digits.clone()]));
    number.range.end
}

/// `401` or `4xx` (any case) as written inside `[...]`.
fn explicit_target(label: &str) -> Option<Target> {
    let b = label.as_bytes();
    if b.len() != 3 {
        return None;
    }
    if b.iter().all(u8::is_ascii_digit) {
        let code: u16 = label.parse().ok()?;
        return (100..=599).contains(&code).then_some(Target::Code(code));
    }
    if (b'1'..=b'5').contains(&b[0]) && b[1..].eq_ignore_ascii_case(b"xx") {
        return Some(Target::Class(b[0] - b'0'));
    }
    None
}

fn target_exists(index: &SiteIndex, target: Target) -> bool {
    use crate::xref::prose::Known;
    match target {
        Target::Code(c) => index.has_code(c),
        Target::Class(d) => index.has_class(d),
    }
}

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
    heading: Option<(HeadingLevel, Vec<Event<'b>>, String)>,
    used_ids: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    has_raw_html: bool,
    raw_html_tags: usize,
}

impl<'a, 'b> State<'a, 'b> {
    fn location(&self, offset: usize) -> Location {
        self.lines.location(&self.body.path, offset)
    }

    /// Sends an event to the heading buffer when inside a heading, else to the output.
    fn emit(&mut self, event: Event<'b>, events: &mut Vec<Event<'b>>) {
        match &mut self.heading {
            Some((_, buffered, text)) => {
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
                self.heading = Some((level, Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(events),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.link_depth += 1;
                let (dest_url, title) = self.resolve_link(link_type, dest_url, title, range.start);
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
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(what) = script_capable(&html) {
                    self.out.diagnostics.push(
                        Diagnostic::error(format!(
                            "raw HTML with {what} is not allowed; it is removed from the page"
                        ))
                        .at(self.location(range.start))
                        .help("write markdown; scripts, frames and event handlers never reach the page"),
                    );
                }
                self.claim_raw_html_ids(&html, range.start);
                let before = self.raw_html_tags;
                self.raw_html_tags += html.bytes().filter(|b| *b == b'<').count();
                if self.raw_html_tags > MAX_RAW_HTML_TAGS {
                    // The sanitiser's cost grows faster than linearly with
                    // nesting: past the budget, raw HTML is shown as text.
                    if before <= MAX_RAW_HTML_TAGS {
                        self.out.diagnostics.push(
                            Diagnostic::warning(format!(
                                "more than {MAX_RAW_HTML_TAGS} raw HTML tags; the rest is shown as text"
                            ))
                            .at(self.location(range.start))
                            .help("write markdown instead of HTML"),
                        );
                    }
                    self.emit(Event::Text(html), events);
                } else {
                    self.has_raw_html = true;
                    self.emit(Event::Html(html), events);
                }
            }
            other => self.emit(other, events),
        }
    }

    /// The `id`s raw HTML sets are this page's too: links may point at them,
    /// later headings avoid them, and one the theme or an earlier heading
    /// already uses is an error (two elements with one id break the anchor).
    fn claim_raw_html_ids(&mut self, html: &str, offset: usize) {
        for id in raw_html_ids(html) {
            if self.ctx.index.reserved_ids().contains(id) || self.used_ids.contains(id) {
                self.out.diagnostics.push(
                    Diagnostic::error(format!(
                        "raw HTML sets id=\"{id}\", which this page already uses (for the theme, a code's entry or a heading)"
                    ))
                    .at(self.location(offset))
                    .help("give the element another id"),
                );
            } else {
                self.used_ids.insert(id.to_string());
                self.out.ids.push(id.to_string());
            }
        }
    }

    /// `id`, or `id-1`, `id-2` ... the first that neither the template nor an
    /// earlier heading uses. Linear: each base remembers its next suffix.
    fn unique_id(&mut self, id: String) -> String {
        let taken = |used: &HashSet<String>, candidate: &str| {
            used.contains(candidate) || self.ctx.index.reserved_ids().contains(candidate)
        };
        let mut candidate = id.clone();
        let mut n = self.next_suffix.get(&id).copied().unwrap_or(1);
        while taken(&self.used_ids, &candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.next_suffix.insert(id, n);
        self.used_ids.insert(candidate.clone());
        candidate
    }

    fn finish_heading(&mut self, events: &mut Vec<Event<'b>>) {
        let Some((level, inner, text)) = self.heading.take() else { return };
        let mut id = crate::model::slugify(&text);
        if id.is_empty() {
            id = "section".into();
        }
        let unique = self.unique_id(id);
        self.out.ids.push(unique.clone());
        if level == HeadingLevel::H2 {
            self.out.sections.push((unique.clone(), text.trim().to_string()));
        }
        events.push(Event::Start(Tag::Heading {
            level,
            id: Some(unique.clone().into()),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        events.extend(inner);
        // One affordance per heading: an icon link (drawn by the stylesheet)
        // named after the heading; search.js makes a click also copy the URL.
        let name = escape_html(text.trim());
        events.push(Event::Html(
            format!(r##" <a class="heading-anchor" href="#{unique}" aria-label="Link to {name}"></a>"##)
                .into(),
        ));
        events.push(Event::End(TagEnd::Heading(level)));
    }

    /// Scans the pending prose for mentions and emits text and links.
    fn flush_text(&mut self, events: &mut Vec<Event<'b>>) {
        if self.pending.is_empty() {
            return;
        }
        let pieces = std::mem::take(&mut self.pending);
        let mut text = String::new();
        let mut starts = Vec::with_capacity(pieces.len());
        for (piece, offset) in &pieces {
            starts.push((text.len(), *offset));
            text.push_str(piece);
        }
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            for (piece, _) in pieces {
                self.emit(Event::Text(piece), events);
            }
            return;
        }
        let started = Instant::now();
        let lexicon = Lexicon::english();
        let scan = scan_prose(&text, lexicon, self.ctx.index, self.ctx.current_code());
        self.out.scan_time += started.elapsed();
        let source_offset = |pos: usize| {
            let i = starts.partition_point(|(start, _)| *start <= pos).saturating_sub(1);
            starts.get(i).map_or(0, |(start, offset)| offset + (pos - start))
        };
        let index = self.ctx.index;
        for unknown in scan.unknown.iter().filter(|u| !index.is_invalid(u.code)) {
            let at = self.location(source_offset(unknown.range.start));
            self.out.diagnostics.push(
                Diagnostic::warning(format!(
                    "{} is mentioned but the site has no page for it; it stays text",
                    unknown.code
                ))
                .at(at)
                .help(format!(
                    "add content/{}xx/{}.md, or reword if it is not a status code",
                    unknown.code / 100,
                    unknown.code
                )),
            );
        }
        for bare in &scan.bare {
            let code = bare.code;
            self.out.diagnostics.push(
                Diagnostic::warning(format!("{code} is named without a cue, so it is not linked"))
                    .at(self.location(source_offset(bare.range.start)))
                    .help(lexicon.bare_help(code)),
            );
        }
        for unknown in scan.unknown_explicit.iter().filter(|u| !index.is_invalid(u.code)) {
            let at = self.location(source_offset(unknown.range.start));
            self.out.diagnostics.push(
                Diagnostic::error(format!("link to #{} names a code the site does not have", unknown.code))
                    .at(at)
                    .help("link an existing code, e.g. [404 Not Found](#404-not-found)"),
            );
        }
        let mut html = String::new();
        let mut pos = 0;
        // Links and marked numbers, in order (they never overlap).
        let mut marked = scan.numbers.iter().filter(|n| n.marked).peekable();
        for mention in &scan.links {
            while let Some(number) = marked.next_if(|n| n.range.start < mention.range.start) {
                pos = push_marked_number(&mut html, &text, pos, number);
            }
            // A class page does not link its own class, as a code page does not link its code.
            if matches!((self.ctx.page, mention.target), (PageId::Class(d), Target::Class(t)) if d == t) {
                continue;
            }
            let Some((href, title)) = self.ctx.index.target_href(self.ctx.page, mention.target) else {
                continue;
            };
            html.push_str(&escape_html(&text[pos..mention.range.start]));
            if let Target::Code(code) = mention.target {
                self.out.references.insert(code);
            }
            let _ = write!(
                html,
                r#"<a class="xref" href="{}" title="{}">{}</a>"#,
                escape_html(&href),
                escape_html(&title),
                escape_html(&text[mention.label.clone()])
            );
            pos = mention.range.end;
        }
        for number in marked {
            pos = push_marked_number(&mut html, &text, pos, number);
        }
        html.push_str(&escape_html(&text[pos..]));
        self.emit(Event::InlineHtml(html.into()), events);
    }

    /// Resolves cross-reference destinations and checks the rest.
    fn resolve_link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'b>,
        title: CowStr<'b>,
        offset: usize,
    ) -> (CowStr<'b>, CowStr<'b>) {
        if link_type == LinkType::Email {
            return (dest, title);
        }
        if let Some(rest) = dest.strip_prefix(SENTINEL) {
            let target = match rest.split_once(':') {
                Some(("code", c)) => c.parse().ok().map(Target::Code),
                Some(("class", d)) => d.parse().ok().map(Target::Class),
                _ => None,
            };
            if let Some(target) = target {
                if let Target::Code(c) = target {
                    self.out.references.insert(c);
                }
                if let Some((href, title)) = self.ctx.index.target_href(self.ctx.page, target) {
                    return (href.into(), title.into());
                }
            }
            return ("#".into(), title);
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if let Some(code) = code_anchor(fragment) {
                if let Some(c) = self
                    .ctx
                    .index
                    .code_for_slug(fragment)
                    .or_else(|| (self.ctx.index.has_code(code) && fragment.len() == 3).then_some(code))
                {
                    self.out.references.insert(c);
                    let (href, full) =
                        self.ctx.index.target_href(self.ctx.page, Target::Code(c)).unwrap_or_default();
                    let title = if title.is_empty() { full.into() } else { title };
                    return (href.into(), title);
                }
                if self.ctx.index.is_invalid(code) {
                    return (dest, title); // its page is invalid; reported there
                }
                let help = match self.ctx.index.slug(code) {
                    Some(slug) => format!("the anchor of {code} is #{slug}"),
                    None => format!("the site has no page for {code}"),
                };
                self.out.diagnostics.push(
                    Diagnostic::error(format!("anchor #{fragment} leads nowhere"))
                        .at(self.location(offset))
                        .help(help),
                );
                return (dest, title);
            }
        }
        let dest = self.check_scheme(dest, offset);
        if dest.starts_with('/') && !dest.starts_with("//") {
            self.out.diagnostics.push(
                Diagnostic::error(format!("link `{dest}` starts at the server root"))
                    .at(self.location(offset))
                    .help(format!(
                        "write it relative to this page (e.g. ..{dest}) so it works under a sub-path and from the file system"
                    )),
            );
            return (dest, title);
        }
        if is_internal(&dest) {
            self.out
                .internal_links
                .push(InternalLink { dest: dest.to_string(), location: self.location(offset) });
        }
        (dest, title)
    }

    /// Refuses `javascript:` and other script-capable schemes.
    fn check_scheme(&mut self, dest: CowStr<'b>, offset: usize) -> CowStr<'b> {
        let compact: String =
            dest.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
        let lower = compact.to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
        match scheme {
            None | Some("http" | "https" | "mailto" | "tel") => dest,
            Some(scheme) => {
                self.out.diagnostics.push(
                    Diagnostic::error(format!("`{scheme}:` URLs are not allowed in content"))
                        .at(self.location(offset))
                        .help("link with http, https, mailto or a relative URL"),
                );
                "#".into()
            }
        }
    }
}

/// What in a raw HTML fragment could run script, if anything (the sanitiser
/// removes it either way; `check` must say so).
fn script_capable(html: &str) -> Option<&'static str> {
    let lower: String = html
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .flat_map(char::to_lowercase)
        .collect();
    for (needle, what) in [
        ("<script", "a <script> element"),
        ("<iframe", "an <iframe> element"),
        ("<object", "an <object> element"),
        ("<embed", "an <embed> element"),
        ("<style", "a <style> element"),
        ("<base", "a <base> element"),
        ("javascript:", "a javascript: URL"),
        ("vbscript:", "a vbscript: URL"),
    ] {
        if lower.contains(needle) {
            return Some(what);
        }
    }
    // An event handler attribute: whitespace, `on` + letters, `=`.
    let bytes = html.as_bytes();
    for (i, window) in bytes.windows(3).enumerate() {
        if window[0].is_ascii_whitespace() && window[1..].eq_ignore_ascii_case(b"on") {
            let rest = &bytes[i + 3..];
            let name_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let after = rest[name_len..].iter().find(|b| !b.is_ascii_whitespace());
            if name_len > 0 && after == Some(&b'=') {
                return Some("an event handler attribute");
            }
        }
    }
    None
}

/// The values of the `id` attributes of the tags in a raw HTML fragment
/// (text between tags and quoted values that merely contain `id=` are skipped).
fn raw_html_ids(html: &str) -> Vec<&str> {
    let bytes = html.as_bytes();
    let mut ids = Vec::new();
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) {
        if html[lt..].starts_with("<!") {
            // A comment or a declaration: no attributes.
            let end = if html[lt..].starts_with("<!--") { "-->" } else { ">" };
            match html[lt..].find(end) {
                Some(p) => i = lt + p + end.len(),
                None => break,
            }
            continue;
        }
        // Skip the tag name (or `/name`), then read attributes up to `>`.
        let mut j = lt + 1;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
            j += 1;
        }
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' || bytes[j] == b'<' {
                break;
            }
            let name_start = j;
            while j < bytes.len()
                && !matches!(bytes[j], b'=' | b'>' | b'/' | b'<')
                && !bytes[j].is_ascii_whitespace()
            {
                j += 1;
            }
            let name = &html[name_start..j];
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if bytes.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = j + 1;
                    let end =
                        bytes[start..].iter().position(|&b| b == quote).map_or(bytes.len(), |p| start + p);
                    j = (end + 1).min(bytes.len());
                    &html[start..end]
                }
                _ => {
                    let start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    &html[start..j]
                }
            };
            if name.eq_ignore_ascii_case("id") && !value.is_empty() {
                ids.push(value);
            }
        }
        i = j.max(lt + 1);
        if i >= bytes.len() {
            break;
        }
    }
    ids
}

/// `404-not-found` or `404` -> 404.
fn code_anchor(fragment: &str) -> Option<u16> {
    let digits = fragment.get(..3)?;
    let code: u16 = digits.parse().ok()?;
    let rest = &fragment[3..];
    ((100..=599).contains(&code)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (rest.is_empty() || rest.starts_with('-')))
    .then_some(code)
}

fn is_internal(dest: &str) -> bool {
    !dest.is_empty() && !dest.starts_with("//") && !dest.contains(':')
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Allow-list sanitising for bodies that contain raw HTML.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id", "title"])
        .add_tag_attributes("pre", ["data-lang"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
pub(crate) mod tests;
