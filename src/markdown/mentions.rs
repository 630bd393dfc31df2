//! Prose mentions: runs of prose text go through the scanner
//! (`xref::prose`); each mention of a code or class the site has becomes a
//! link, one it lacks is a warning (it stays text), numbers the author marked
//! (`\500`) lose the backslash, and a code named with neither cue nor unit
//! is a warning.

use std::fmt::Write as _;
use std::time::Instant;

use pulldown_cmark::Event;

use super::State;
use crate::diagnostic::{Diagnostic, Kind};
use crate::html;
use crate::xref::prose::{scan_prose, Number, Target};
use crate::xref::PageId;

impl<'b> State<'_, 'b> {
    /// Scans the pending prose for mentions and emits text and links.
    pub(super) fn flush_text(&mut self, events: &mut Vec<Event<'b>>) {
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
        let lexicon = self.ctx.lexicon;
        let scan = scan_prose(&text, lexicon, self.ctx.index, self.ctx.current_code());
        self.out.scan_time += started.elapsed();
        let source_offset = |pos: usize| {
            let i = starts.partition_point(|(start, _)| *start <= pos).saturating_sub(1);
            starts.get(i).map_or(0, |(start, offset)| offset + (pos - start))
        };
        let index = self.ctx.index;
        for unknown in scan.unknown.iter().filter(|u| !index.is_invalid(u.code)) {
            let at = self.location(source_offset(unknown.range.start));
            let at = at.spanning(text[unknown.range.clone()].chars().count());
            self.out.diagnostics.push(
                Diagnostic::warning(
                    Kind::UnknownCode,
                    format!("{} is mentioned but the site has no page for it; it stays text", unknown.code),
                )
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
                Diagnostic::warning(
                    Kind::BareCode,
                    format!("{code} is named without a cue, so it is not linked"),
                )
                .at(self
                    .location(source_offset(bare.range.start))
                    .spanning(text[bare.range.clone()].chars().count()))
                .help(lexicon.bare_help(code)),
            );
        }
        for unknown in scan.unknown_explicit.iter().filter(|u| !index.is_invalid(u.code)) {
            let at = self.location(source_offset(unknown.range.start));
            self.out.diagnostics.push(
                Diagnostic::error(
                    Kind::UnknownCode,
                    format!("link to #{} names a code the site does not have", unknown.code),
                )
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
            html.push_str(&html::escape(&text[pos..mention.range.start]));
            if let Target::Code(code) = mention.target {
                self.out.references.insert(code);
            }
            let _ = write!(
                html,
                r#"<a class="xref" href="{}" title="{}">{}</a>"#,
                html::escape(&href),
                html::escape(&title),
                html::escape(&text[mention.label.clone()])
            );
            pos = mention.range.end;
        }
        for number in marked {
            pos = push_marked_number(&mut html, &text, pos, number);
        }
        html.push_str(&html::escape(&text[pos..]));
        self.emit(Event::InlineHtml(html.into()), events);
    }
}

/// Writes the text before a marked number (`\500`), then the number without
/// its backslash, in a `number` span that says it is not a status code.
/// Returns the position after it.
fn push_marked_number(html: &mut String, text: &str, pos: usize, number: &Number) -> usize {
    html.push_str(&html::escape(&text[pos..number.range.start]));
    let _ = write!(html, r#"<span class="number">{}</span>"#, html::escape(&text[number.digits.clone()]));
    number.range.end
}
