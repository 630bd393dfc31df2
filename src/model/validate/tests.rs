//! Validation on in-memory sources (`SiteBuilder`): each problem is reported
//! with its file and line, and the site keeps what was valid.

use crate::diagnostic::Diagnostic;
use crate::model::{SiteBuilder, Status};
use crate::source::raw::{RawClassPage, RawCodePage, RawHome};

fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.message.clone()).collect()
}

fn located(diagnostics: &[Diagnostic]) -> Vec<(String, usize, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.as_ref().expect("every diagnostic has a location");
            (crate::diagnostic::display_path(&loc.path), loc.line, d.message.clone())
        })
        .collect()
}

/// The keys validation requires are those the declaration marks required.
#[test]
fn required_keys_are_the_declared_ones() {
    let required = |docs: &[crate::source::keys::Key]| -> Vec<String> {
        docs.iter().filter(|k| k.required).map(|k| format!("missing required key `{}`", k.name)).collect()
    };
    let (_, d) = SiteBuilder::new().file("content/4xx/404.md", "---\ntags: []\n---\n").build();
    assert_eq!(messages(&d), required(RawCodePage::DOCS));
    let (_, d) = SiteBuilder::new().file("content/4xx/_index.md", "---\nmeta: {}\n---\n").build();
    assert_eq!(messages(&d), required(RawClassPage::DOCS));
    let (_, d) = SiteBuilder::new().file("content/_index.md", "---\nimage: a.png\n---\n").build();
    assert_eq!(messages(&d), required(RawHome::DOCS));
}

#[test]
fn a_valid_page_becomes_a_code() {
    let site = SiteBuilder::new()
        .code_page(404, "Not Found", "status: standard\ntags: [web]\nsee_also: [410]\norder: 1\n", "Body.\n")
        .code_page(410, "Gone", "", "")
        .valid_site();
    let code = &site.codes[&404];
    assert_eq!((code.slug.as_str(), code.order, code.status), ("404-not-found", 1, Status::Standard));
    assert_eq!(code.see_also, vec![410]);
    assert_eq!((code.body.text.as_str(), code.body.first_line), ("Body.\n", 10));
    assert_eq!(site.class(4).unwrap().codes, vec![404, 410]);
}

#[test]
fn order_sorts_codes_within_their_class() {
    let site = SiteBuilder::new()
        .code_page(401, "Unauthorized", "order: 500\n", "")
        .code_page(404, "Not Found", "", "")
        .valid_site();
    assert_eq!(site.class(4).unwrap().codes, vec![404, 401]);
}

#[test]
fn a_code_that_does_not_match_its_file_is_reported_at_the_key() {
    let (site, d) =
        SiteBuilder::new().file("content/4xx/404.md", "---\ntitle: A\nexcerpt: B\ncode: 403\n---\n").build();
    assert_eq!(
        located(&d),
        vec![("content/4xx/404.md".into(), 4, "code 403 does not match the file name 404.md".into())]
    );
    assert!(site.codes.is_empty());
    assert!(
        site.invalid_codes.contains_key(&404),
        "the page is known, so links to it are not reported again"
    );
}

#[test]
fn unknown_status_suggests_the_closest() {
    let (_, d) = SiteBuilder::new().code_page(404, "Not Found", "status: standrd\n", "").build();
    assert_eq!(located(&d), vec![("content/4xx/404.md".into(), 5, "unknown status `standrd`".into())]);
    assert_eq!(d[0].help.as_deref(), Some("did you mean `standard`?"));
}

#[test]
fn every_status_is_in_the_docs_of_the_status_key() {
    let status = RawCodePage::DOCS.iter().find(|k| k.name == "status").unwrap();
    for (name, _) in Status::ALL {
        assert!(status.doc.contains(&format!("`{name}`")), "the docs of `status` do not name `{name}`");
    }
}

#[test]
fn see_also_must_name_codes_the_site_has() {
    let (site, d) = SiteBuilder::new().code_page(404, "Not Found", "see_also: [410, 42]\n", "").build();
    assert_eq!(
        located(&d),
        vec![("content/4xx/404.md".into(), 5, "see_also entry 42 is not a status code".into())]
    );
    assert!(site.codes.is_empty());
    let (_, d) = SiteBuilder::new().code_page(404, "Not Found", "see_also: [410]\n", "").build();
    assert_eq!(
        located(&d),
        vec![("content/4xx/404.md".into(), 5, "see_also names 410, but the site has no page for it".into())]
    );
}

#[test]
fn spec_urls_must_be_http() {
    let (_, d) = SiteBuilder::new()
        .code_page(404, "Not Found", "spec:\n  - name: RFC 9110\n    url: ftp://x/\n", "")
        .build();
    assert_eq!(messages(&d), vec!["spec URL `ftp://x/` is not an http(s) URL"]);
}

#[test]
fn a_code_defined_twice_is_reported_at_the_second() {
    let (site, d) = SiteBuilder::new()
        .code_page(404, "Not Found", "", "")
        .file("content/4XX/404.md", "---\ncode: 404\ntitle: Again\nexcerpt: x\n---\n")
        .build();
    assert_eq!(located(&d), vec![("content/4xx/404.md".into(), 2, "code 404 is defined twice".into())]);
    assert_eq!(site.codes[&404].title, "Again", "the first file in path order is kept");
}

#[test]
fn empty_required_text_is_empty_not_missing() {
    let (_, d) =
        SiteBuilder::new().file("content/4xx/404.md", "---\ncode: 404\ntitle: \"\"\nexcerpt:\n---\n").build();
    assert_eq!(messages(&d), vec!["`title` is empty", "`excerpt` is empty"]);
}

#[test]
fn class_pages_without_codes_are_kept() {
    let site = SiteBuilder::new().codes(&[(200, "OK")]).valid_site();
    assert_eq!(site.class(2).unwrap().title, "Successful");
    assert_eq!(site.classes.len(), 5, "a class page without codes still has a page");
}
