//! Heading ids: the slug of the heading's text, made unique on the page.
//!
//! A heading steps aside (`id-1`, `id-2` ...) for the ids the theme's
//! templates set literally, the code entries the page holds, and the ids
//! already taken by earlier headings and raw HTML. h2 headings also go to the
//! table of contents.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{BodyId, IdSource, State};
use crate::html;

impl<'b> State<'_, 'b> {
    /// `id`, or `id-1`, `id-2` ... the first that is neither reserved on this
    /// page nor taken. Linear: each base remembers its next suffix.
    fn unique_id(&mut self, id: String) -> String {
        let (index, page) = (self.ctx.index, self.ctx.page);
        let taken = |used: &HashSet<String>, candidate: &str| {
            used.contains(candidate) || index.is_reserved_id(page, candidate)
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

    pub(super) fn finish_heading(&mut self, events: &mut Vec<Event<'b>>) {
        let Some((level, offset, inner, text)) = self.heading.take() else { return };
        let mut id = crate::model::slugify(&text);
        if id.is_empty() {
            id = "section".into();
        }
        let unique = self.unique_id(id);
        self.out.ids.push(BodyId {
            id: unique.clone(),
            source: IdSource::Heading,
            location: self.location(offset),
        });
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
        let name = html::escape(text.trim());
        events.push(Event::Html(
            format!(r##" <a class="heading-anchor" href="#{unique}" aria-label="Link to {name}"></a>"##)
                .into(),
        ));
        events.push(Event::End(TagEnd::Heading(level)));
    }
}
