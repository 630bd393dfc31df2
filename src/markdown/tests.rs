use std::path::PathBuf;

use super::*;

fn index() -> SiteIndex {
    let site = crate::model::SiteBuilder::new()
        .codes(&[(401, "Unauthorized"), (404, "Not Found"), (418, "I'm a teapot")])
        .valid_site();
    SiteIndex::new(&site).with_template_ids(["main", "see-also"].map(String::from).into())
}

fn render(text: &str, page: PageId) -> RenderedBody {
    let index = index();
    let body = Body { path: PathBuf::from("content/4xx/404.md"), text: text.into(), first_line: 10 };
    render_body(
        &body,
        &LinkContext { index: &index, page, lexicon: crate::xref::Lexicon::english() },
        &Highlighter::new(),
    )
}

#[test]
fn shortcut_references_resolve_to_pages_or_anchors() {
    let out = render("Try [401] or [4xx].\n", PageId::Code(404));
    assert!(
        out.html.contains(r#"<a href="../401/index.html" title="401 Unauthorized">401</a>"#),
        "{}",
        out.html
    );
    assert!(
        out.html.contains(r#"<a href="../4xx/index.html" title="4xx responses">4xx</a>"#),
        "{}",
        out.html
    );
    let out = render("Try [401].\n", PageId::Home);
    assert!(out.html.contains(r##"href="401/index.html""##), "{}", out.html);
    let out = render("Try [401].\n", PageId::Class(4));
    assert!(out.html.contains(r##"href="#401-unauthorized""##), "{}", out.html);
    assert!(out.references.contains(&401));
}

#[test]
fn shortcut_reference_to_a_missing_code_is_an_error_at_its_line() {
    let out = render("Intro.\n\nSee [499] here.\n", PageId::Code(404));
    assert_eq!(out.diagnostics.len(), 1);
    let d = &out.diagnostics[0];
    assert_eq!(d.message, "[499] links to a code the site does not have");
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (12, 5));
}

#[test]
fn code_anchors_resolve_and_bad_ones_are_reported() {
    let out = render("[teapot](#418-im-a-teapot) and [x](#404-nope)\n", PageId::Code(401));
    assert!(
        out.html.contains(r#"<a href="../418/index.html" title="418 I&#x27;m a teapot">teapot</a>"#)
            || out.html.contains(r#"href="../418/index.html""#),
        "{}",
        out.html
    );
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].message, "anchor #404-nope leads nowhere");
    assert_eq!(out.diagnostics[0].help.as_deref(), Some("the anchor of 404 is #404-not-found"));
}

#[test]
fn javascript_urls_are_refused() {
    let out = render("[x](javascript:alert(1)) [y](JaVa\tScRiPt:alert(1))\n", PageId::Home);
    assert!(!out.html.to_lowercase().contains("javascript"), "{}", out.html);
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
}

#[test]
fn script_capable_raw_html_is_reported() {
    for (html, what) in [
        ("<script>alert(1)</script>", "a <script> element"),
        ("<a href=\"java\nscript:alert(1)\">x</a>", "a javascript: URL"),
        ("<img src=x onerror = alert(1)>", "an event handler attribute"),
        ("<iframe src=x></iframe>", "an <iframe> element"),
    ] {
        let out = render(&format!("{html}\n"), PageId::Home);
        let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![format!("raw HTML with {what} is not allowed; it is removed from the page")]
        );
    }
    let out = render("<span class=\"note\">only markup</span>, and a word like onion=1\n", PageId::Home);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn raw_html_is_sanitised() {
    let out = render(
        "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi</p>\n\n<img src=x onerror=alert(1)>\n",
        PageId::Home,
    );
    assert!(!out.html.contains("<script"), "{}", out.html);
    assert!(!out.html.contains("onclick"), "{}", out.html);
    assert!(!out.html.contains("onerror"), "{}", out.html);
}

#[test]
fn raw_html_ids_join_the_page_with_their_position() {
    let out = render("<div id=\"details\">x</div>\n\n## Details\n\n[up](#details)\n", PageId::Code(404));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(ids(&out), vec!["details", "details-1"], "the heading steps aside");
    let sources: Vec<(IdSource, usize, usize)> =
        out.ids.iter().map(|b| (b.source, b.location.line, b.location.column)).collect();
    assert_eq!(sources, vec![(IdSource::RawHtml, 10, 1), (IdSource::Heading, 12, 1)]);
}

/// The ids of a body, in order.
fn ids(out: &RenderedBody) -> Vec<&str> {
    out.ids.iter().map(|b| b.id.as_str()).collect()
}

#[test]
fn headings_get_unique_ids_and_are_never_linked() {
    let out = render("## When to send it\n\n## When to send it\n\n## See 401\n", PageId::Code(404));
    assert_eq!(ids(&out), vec!["when-to-send-it", "when-to-send-it-1", "see-401"]);
    assert!(!out.html.contains("title=\"401 Unauthorized\""), "{}", out.html);
}

#[test]
fn internal_links_are_collected_for_check() {
    let out = render("[a](../401/) [b](https://example.com) [c](#when)\n", PageId::Code(404));
    let dests: Vec<&str> = out.internal_links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, vec!["../401/", "#when"]);
}

#[test]
fn code_blocks_are_escaped() {
    let out = render("```text\n<b>not bold</b>\n```\n", PageId::Home);
    assert!(out.html.contains("&lt;b&gt;not bold&lt;/b&gt;"), "{}", out.html);
}

#[test]
fn raw_html_past_the_budget_is_shown_as_text() {
    let text = "<div>".repeat(50_000);
    let out = render(&text, PageId::Home);
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    assert!(out.diagnostics[0].message.starts_with("more than 1000 raw HTML tags"));
    assert!(out.html.contains("&lt;div&gt;"));
}

#[test]
fn a_class_page_does_not_link_its_own_class() {
    let out = render("Every 4xx code, unlike a 2xx one.\n", PageId::Class(4));
    assert_eq!(out.html, "<p>Every 4xx code, unlike a <a class=\"xref\" href=\"../2xx/index.html\" title=\"2xx responses\">2xx</a> one.</p>\n");
}

#[test]
fn heading_ids_avoid_template_ids_and_stay_linear() {
    let out = render("## See also\n\n## Notes\n\n## Notes\n\n## Notes 1\n", PageId::Code(404));
    assert_eq!(ids(&out), vec!["see-also-1", "notes", "notes-1", "notes-1-1"]);
    let many = "## a\n\n".repeat(20_000);
    let out = render(&many, PageId::Code(404));
    assert_eq!(out.ids.len(), 20_000);
    assert_eq!(out.ids[19_999].id, "a-19999");
}

#[test]
fn a_line_break_inside_a_paragraph_keeps_the_mention() {
    let out = render("Servers answer with a\n404 response here.\n", PageId::Code(401));
    assert!(out.html.contains(r#"<a class="xref" href="../404/index.html""#), "{}", out.html);
}

#[test]
fn email_autolinks_are_not_internal_links() {
    let out = render("Write to <someone@example.com>.\n", PageId::Home);
    assert!(out.internal_links.is_empty(), "{:?}", out.internal_links);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn root_absolute_links_are_errors() {
    let out = render("[all](/4xx/)\n", PageId::Code(404));
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].message, "link `/4xx/` starts at the server root");
}

#[test]
fn columns_count_characters_not_bytes() {
    let out = render("Café “résumé” — naïve: see [499].\n", PageId::Code(404));
    let loc = out.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (10, 28));
}

#[test]
fn line_index_columns_are_right_in_any_lookup_order() {
    let text = "é1234567\nabc é def\n";
    let lines = LineIndex::new(text, 5);
    let col = |offset| {
        let loc = lines.location(std::path::Path::new("a.md"), offset);
        (loc.line, loc.column)
    };
    assert_eq!(col(6), (5, 6));
    assert_eq!(col(2), (5, 2), "backwards");
    assert_eq!(col(14), (6, 5), "next line");
    assert_eq!(col(16), (6, 6), "after a two-byte character");
    assert_eq!(col(11), (6, 2));
    assert_eq!(col(1), (5, 1), "inside a character: its start");
}
