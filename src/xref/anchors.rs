//! The `id` attributes of an HTML text (the anchors a `#fragment` can reach)
//! and its `href` and `src` attributes (its links).
//!
//! One scanner for every HTML the site holds: raw HTML in a body, the theme's
//! templates (for their literal ids) and each rendered page. Rendered pages
//! are large (mostly highlighted code, a tag every few bytes) and hold few
//! ids, so it seeks with SIMD searches instead of walking every tag:
//!
//! 1. find the comments and the contents of `<script>` and `<style>`: text,
//!    not markup,
//! 2. find each `id` (or `ID`; `href` and `src` for links) after whitespace
//!    and before `=`, outside them,
//! 3. keep it if the tag opened by the last `<` before it, read attribute by
//!    attribute (quoted, unquoted or bare), has it: `id="x"` in text or in
//!    another attribute's value is no id.
//!
//! Linear in the text and never panics, whatever the input.

use std::ops::Range;

use memchr::{memchr, memmem, memrchr};

/// One `id="value"` found in an HTML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor<'h> {
    pub id: &'h str,
    /// Byte offset of the `<` of the tag that carries it.
    pub tag_start: usize,
}

/// Every non-empty `id` of the tags of `html`, in order.
pub fn html_ids(html: &str) -> Vec<Anchor<'_>> {
    attribute_values(html, "id").into_iter().map(|(id, tag_start)| Anchor { id, tag_start }).collect()
}

/// The `href` and `src` values of the tags of `html`, as written (entities
/// not decoded), in order.
pub fn html_links(html: &str) -> Vec<&str> {
    let mut links = attribute_values(html, "href");
    links.extend(attribute_values(html, "src"));
    links.sort_by_key(|(_, tag_start)| *tag_start);
    links.into_iter().map(|(value, _)| value).collect()
}

/// (value, tag start) of every non-empty attribute `name` (lower case; also
/// found in upper case) of the tags of `html`, in order.
fn attribute_values<'h>(html: &'h str, name: &str) -> Vec<(&'h str, usize)> {
    let bytes = html.as_bytes();
    let opaque = opaque_ranges(bytes);
    let mut found = Vec::new();
    for needle in [name.to_string(), name.to_ascii_uppercase()] {
        for name_start in memmem::find_iter(bytes, needle.as_bytes()) {
            if name_start == 0 || !bytes[name_start - 1].is_ascii_whitespace() {
                continue;
            }
            let mut j = name_start + needle.len();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if bytes.get(j) != Some(&b'=') || opaque.iter().any(|r| r.contains(&name_start)) {
                continue;
            }
            if let Some(found_here) = attribute_at(html, name_start, name) {
                found.push((name_start, found_here));
            }
        }
    }
    found.sort_by_key(|(name_start, _)| *name_start);
    found.into_iter().map(|(_, value)| value).filter(|(value, _)| !value.is_empty()).collect()
}

/// Comments, and the contents of script and style elements.
fn opaque_ranges(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for start in memmem::find_iter(bytes, b"<!--") {
        let end = memmem::find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |p| start + 4 + p + 3);
        ranges.push(start..end);
    }
    for (open, close) in [(&b"<script"[..], &b"</script"[..]), (b"<style", b"</style")] {
        for start in memmem::find_iter(bytes, open) {
            let after = start + open.len();
            if !bytes.get(after).is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/')) {
                continue; // `<scripts>`, not a script element
            }
            let Some(gt) = memchr(b'>', &bytes[after..]).map(|p| after + p + 1) else { continue };
            let end = memmem::find(&bytes[gt..], close).map_or(bytes.len(), |p| gt + p);
            ranges.push(gt..end);
        }
    }
    ranges
}

/// The value and tag start of the attribute `name` whose name starts at
/// `name_start`, if that is inside a start tag: the tag opened by the last `<`
/// before it (or, when that `<` sat in an attribute value, one of the few before).
fn attribute_at<'h>(html: &'h str, name_start: usize, name: &str) -> Option<(&'h str, usize)> {
    let bytes = html.as_bytes();
    let mut before = name_start;
    for _ in 0..4 {
        let lt = memrchr(b'<', &bytes[..before])?;
        if matches!(bytes.get(lt + 1), Some(b'/' | b'!' | b'?')) {
            return None;
        }
        let mut found = None;
        let end = read_tag(html, lt, |start, attribute, value| {
            if start == name_start && attribute.eq_ignore_ascii_case(name) {
                found = Some((value, lt));
            }
        });
        if found.is_some() || end > name_start {
            return found;
        }
        before = lt;
    }
    None
}

/// The ids a template sets literally (`id="main"`, not `id="{{ e.slug }}"`).
pub fn literal_template_ids(template: &str) -> impl Iterator<Item = &str> {
    html_ids(template).into_iter().map(|a| a.id).filter(|id| !id.contains(['{', '}']))
}

/// Reads the start tag at `lt` (a `<`): calls `attribute(name_start, name,
/// value)` for each attribute and returns the offset after the tag.
fn read_tag<'h>(html: &'h str, lt: usize, mut attribute: impl FnMut(usize, &'h str, &'h str)) -> usize {
    let bytes = html.as_bytes();
    let mut j = lt + 1;
    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'>' | b'/' | b'<') {
        j += 1;
    }
    loop {
        while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] == b'<' {
            return j;
        }
        if bytes[j] == b'>' {
            return j + 1;
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
                let end = memchr(quote, &bytes[start..]).map_or(bytes.len(), |p| start + p);
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
        attribute(name_start, name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(html: &str) -> Vec<&str> {
        html_ids(html).into_iter().map(|a| a.id).collect()
    }

    #[test]
    fn ids_are_read_from_tags_only() {
        assert_eq!(
            ids(
                r#"<div id="a"><span class=x ID='b' title="id=c">id=d</span><p id=e><!-- <i id="f"> --></div>"#
            ),
            vec!["a", "b", "e"]
        );
        assert_eq!(ids("<a data-id=\"x\" hidden id = \"y\">"), vec!["y"]);
        assert!(ids("<div id=").is_empty());
        assert!(ids("<<<<").is_empty());
        assert_eq!(ids("<p id=\"é\">"), vec!["é"]);
        assert_eq!(
            ids("<script>let s = '<b id=\"no\">';</script><style>a<b id=x</style ><i id=\"yes\">"),
            vec!["yes"]
        );
        assert_eq!(html_ids("ab<i id=\"x\">")[0].tag_start, 2);
        // A `>` inside a quoted value does not end the tag.
        assert_eq!(ids("<a title=\"a>b\" id=\"c\"><a x='\"' y=\">\" id=d><b class=\"x\">"), vec!["c", "d"]);
    }

    #[test]
    fn links_are_hrefs_and_srcs_of_tags() {
        let html = r#"<a href="a.html">x</a> href="no" <img src='b.png' srcset="c.png"><!-- <a href=d> --><A HREF=e>"#;
        assert_eq!(html_links(html), vec!["a.html", "b.png", "e"]);
    }

    #[test]
    fn template_ids_are_the_literal_ones() {
        let template =
            r#"<h2 id="see-also">{% for e in x %}<a id="{{ e.slug }}" id="t-{{ e }}"></a>{% endfor %}"#;
        assert_eq!(literal_template_ids(template).collect::<Vec<_>>(), vec!["see-also"]);
    }

    #[test]
    fn never_panics() {
        // A small deterministic generator of fragments.
        let alphabet: Vec<char> = "<>\"'= /!-idé\u{1F600}xscript".chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            let len = (seed % 24) as usize;
            let fragment: String = (0..len)
                .map(|_| {
                    seed =
                        seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            for id in ids(&fragment) {
                assert!(fragment.contains(id));
            }
        }
    }
}
