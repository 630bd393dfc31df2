//! Raw HTML in a body: screened, counted, its ids recorded, then sanitised.
//!
//! 1. a fragment that could run script is an error (the sanitiser removes it
//!    either way; `check` must say so),
//! 2. its `id`s become the page's: links may target them, later headings step
//!    aside for them; a clash with the theme or a heading shows on the
//!    rendered page, where the site check reports it,
//! 3. past `MAX_RAW_HTML_TAGS` tags the rest is shown as text,
//! 4. a body that held raw HTML goes through ammonia's allow-list.

use pulldown_cmark::{CowStr, Event};

use super::{BodyId, IdSource, State};
use crate::diagnostic::{Diagnostic, Kind};
use crate::xref::anchors::html_ids;

/// Raw HTML tags per body that go through the sanitiser; the rest is escaped.
pub const MAX_RAW_HTML_TAGS: usize = 1000;

impl<'b> State<'_, 'b> {
    pub(super) fn raw_html(&mut self, html: CowStr<'b>, offset: usize, events: &mut Vec<Event<'b>>) {
        if let Some(what) = script_capable(&html) {
            self.out.diagnostics.push(
                Diagnostic::error(
                    Kind::ForbiddenHtml,
                    format!("raw HTML with {what} is not allowed; it is removed from the page"),
                )
                .at(self.location(offset))
                .help("write markdown; scripts, frames and event handlers never reach the page"),
            );
        }
        let before = self.raw_html_tags;
        self.raw_html_tags += html.bytes().filter(|b| *b == b'<').count();
        if self.raw_html_tags > MAX_RAW_HTML_TAGS {
            // The sanitiser's cost grows faster than linearly with
            // nesting: past the budget, raw HTML is shown as text.
            if before <= MAX_RAW_HTML_TAGS {
                self.out.diagnostics.push(
                    Diagnostic::warning(
                        Kind::TooMuchHtml,
                        format!("more than {MAX_RAW_HTML_TAGS} raw HTML tags; the rest is shown as text"),
                    )
                    .at(self.location(offset))
                    .help("write markdown instead of HTML"),
                );
            }
            self.emit(Event::Text(html), events);
        } else {
            for anchor in html_ids(&html) {
                self.used_ids.insert(anchor.id.to_string());
                let location = self.location(offset);
                self.out.ids.push(BodyId { id: anchor.id.to_string(), source: IdSource::RawHtml, location });
            }
            self.has_raw_html = true;
            self.emit(Event::Html(html), events);
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

/// Allow-list sanitising for bodies that contain raw HTML.
pub(super) fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id", "title"])
        .add_tag_attributes("pre", ["data-lang"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}
