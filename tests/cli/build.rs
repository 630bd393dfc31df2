//! `statusref build` on fixture sites: structure of the output, links, themes, determinism.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{attrs, main_html, sel, texts, SiteTest};

#[test]
fn home_opens_with_every_code_once_anchored_per_class() {
    let site = SiteTest::fixture("basic");
    site.build();
    let home = site.html("index.html");
    // The grid comes before the article.
    let main = main_html(&home);
    let grid_at = main.find("class=\"code-grid\"").expect("the home page has the code grid");
    let article_at = main.find("class=\"article home-intro\"").expect("and the article");
    assert!(grid_at < article_at, "the code grid comes first");
    assert_eq!(attrs(&home, ".code-grid h2", "id"), vec!["2xx", "4xx"], "one anchored heading per class");
    assert_eq!(
        attrs(&home, ".code-grid li", "id"),
        vec!["200-ok", "401-unauthorized", "404-not-found", "418-im-a-teapot"]
    );
    assert_eq!(
        attrs(&home, ".code-grid li a", "href"),
        vec!["200/index.html", "401/index.html", "404/index.html", "418/index.html"]
    );
    // Each code appears once: no second list of entries on the home page
    // (the article's prose may link a code's page too).
    let to_404 = sel("main a[href='404/index.html']");
    let listed = home.select(&to_404).filter(|a| {
        !a.ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .any(|e| e.value().has_class("prose", scraper::CaseSensitivity::CaseSensitive))
    });
    assert_eq!(listed.count(), 1);
    assert_eq!(home.select(&sel(".entry, ul.code-index")).count(), 0);
    // Non-standard codes carry their status badge; standard ones none.
    assert_eq!(texts(&home, ".code-grid .badge"), vec!["unused"]);
    assert_eq!(texts(&home, "[id='418-im-a-teapot'] a"), vec!["418 I'm a teapot unused"]);
}

#[test]
fn class_page_lists_only_its_class() {
    let site = SiteTest::fixture("basic");
    site.build();
    let class = site.html("4xx/index.html");
    assert_eq!(
        attrs(&class, "ul.code-index a", "href"),
        vec!["#401-unauthorized", "#404-not-found", "#418-im-a-teapot"]
    );
    assert_eq!(texts(&class, "h1"), vec!["4xx Client error"]);
}

#[test]
fn code_page_shows_title_badges_spec_and_see_also() {
    let site = SiteTest::fixture("basic");
    site.build();
    let page = site.html("200/index.html");
    assert_eq!(texts(&page, "h1"), vec!["200 OK"]);
    assert_eq!(texts(&page, ".badge"), vec!["standard"]);
    assert_eq!(
        attrs(&page, ".facts a[href^='https://www.rfc-editor.org']", "href"),
        vec!["https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.1"]
    );
    assert_eq!(texts(&page, "table.constants code"), vec!["HTTPStatus.OK", "http.StatusOK"]);
    assert_eq!(attrs(&page, "#see-also + ul a", "href"), vec!["../404/index.html"]);
    let teapot = site.html("418/index.html");
    assert_eq!(texts(&teapot, ".badge"), vec!["unused"]);
}

#[test]
fn prose_cross_links_point_at_anchors_or_pages() {
    let site = SiteTest::fixture("basic");
    site.build();
    let class = site.html("4xx/index.html");
    let xrefs: Vec<(String, String)> = class
        .select(&sel(".prose a.xref"))
        .map(|a| (a.value().attr("href").unwrap().to_string(), a.value().attr("title").unwrap().to_string()))
        .collect();
    assert_eq!(
        xrefs,
        vec![
            ("../200/index.html".to_string(), "200 OK".to_string()),
            ("#404-not-found".to_string(), "404 Not Found".to_string()),
        ]
    );
    let page = site.html("404/index.html");
    assert_eq!(attrs(&page, ".prose a.xref", "href"), vec!["../401/index.html"]);
    assert_eq!(texts(&page, ".prose a.xref"), vec!["401 Unauthorized"], "the title is part of the link text");
    let prose = texts(&page, ".prose").join(" ");
    assert!(prose.contains("see 401 in code"), "code spans stay text");
}

#[test]
fn a_marked_number_shows_without_its_backslash_and_is_never_linked() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/4xx/418.md",
        "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n\nBrew \\401 cups, see 401, and keep `\\404` in code.\n",
    );
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    site.build();
    let page = site.html("418/index.html");
    assert_eq!(texts(&page, ".prose span.number"), vec!["401"]);
    assert_eq!(attrs(&page, ".prose a.xref", "href"), vec!["../401/index.html"]);
    let prose = texts(&page, ".prose").join(" ");
    assert!(prose.contains("Brew 401 cups, see 401, and keep \\404 in code."), "{prose}");
}

#[test]
fn referenced_by_lists_code_pages_that_link_here() {
    let site = SiteTest::fixture("basic");
    site.build();
    let page = site.html("404/index.html");
    assert_eq!(texts(&page, "#referenced-by + ul a"), vec!["200 OK", "401 Unauthorized", "418 I'm a teapot"]);
}

#[test]
fn front_matter_text_is_escaped() {
    let site = SiteTest::fixture("basic");
    site.build();
    let raw = site.read("output/418/index.html");
    assert!(!raw.contains("<script>alert(1)</script>"));
    assert!(raw.contains("A joke code, reserved: &lt;script&gt;alert(1)&lt;&#x2F;script&gt;"), "{raw}");
}

#[test]
fn highlighted_http_blocks_use_classes_not_inline_styles() {
    let site = SiteTest::fixture("basic");
    site.build();
    let page = site.html("200/index.html");
    let spans = attrs(&page, "pre.code[data-lang='http'] span", "class");
    assert!(spans.iter().any(|c| c.contains("hl-method")), "{spans:?}");
    assert!(spans.iter().any(|c| c.contains("hl-status")), "{spans:?}");
    assert!(page.select(&sel("pre [style]")).next().is_none());
}

/// Every relative link, stylesheet, script and image of every page leads to a
/// file of the output, and every `#fragment` to an id on that page.
#[test]
fn every_internal_link_resolves() {
    let site = SiteTest::fixture("basic");
    site.build();
    let out = site.path("output");
    let pages = html_files(&out);
    for page in ["index.html", "404.html", "4xx/index.html", "404/index.html"] {
        assert!(pages.iter().any(|p| p == page), "{page} is among {pages:?}");
    }
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rel in &pages {
        let doc = site.html(rel);
        ids.insert(rel.clone(), attrs(&doc, "[id]", "id"));
    }
    for rel in &pages {
        if rel == "404.html" {
            continue; // absolute links from the base: checked below
        }
        let doc = site.html(rel);
        for (selector, attr) in
            [("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src"), ("img[src]", "src")]
        {
            for target in attrs(&doc, selector, attr) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
                let resolved = if path.is_empty() { rel.clone() } else { resolve(rel, path) };
                assert!(out.join(&resolved).is_file(), "{rel}: {target} -> {resolved} does not exist");
                if !fragment.is_empty() {
                    let known =
                        ids.get(&resolved).map(|v| v.contains(&fragment.to_string())).unwrap_or(false);
                    assert!(known, "{rel}: #{fragment} not found on {resolved}");
                }
            }
        }
    }
}

#[test]
fn not_found_page_uses_absolute_paths_from_the_base() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build", "--base-url", "https://example.github.io/statusref"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.html("404.html");
    let hrefs = attrs(&page, "link[rel=stylesheet]", "href");
    assert!(hrefs.iter().all(|h| h.starts_with("/statusref/static/")), "{hrefs:?}");
    let links = attrs(&page, "main a", "href");
    assert!(links.iter().all(|h| h.starts_with("/statusref/")), "{links:?}");
}

#[test]
fn base_url_feeds_only_absolute_urls() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build", "--base-url", "https://example.github.io/statusref/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.html("404/index.html");
    assert_eq!(attrs(&page, "link[rel=canonical]", "href"), vec!["https://example.github.io/statusref/404/"]);
    assert_eq!(attrs(&page, "link[rel=stylesheet]", "href")[0], "../static/style.css");
    let sitemap = site.read("output/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/statusref/404/</loc>"), "{sitemap}");
    assert!(site.path("output/.nojekyll").is_file());
}

#[test]
fn without_base_url_there_is_no_sitemap() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("output/index.html").is_file());
    assert!(!site.path("output/sitemap.xml").exists(), "a sitemap needs absolute URLs");
    assert!(!site.path("output/robots.txt").exists(), "no host root known, so no robots.txt");
}

#[test]
fn robots_txt_only_at_the_root_of_a_host() {
    // A project site: crawlers would never read /statusref/robots.txt.
    let site = SiteTest::fixture("basic");
    assert_eq!(site.run(&["build", "--base-url", "https://example.github.io/statusref/"]).code, 0);
    assert!(!site.path("output/robots.txt").exists(), "no robots.txt under a project path");
    assert!(site.path("output/sitemap.xml").is_file(), "the sitemap is still written");

    // A user site is the root of its host.
    let site = SiteTest::fixture("basic");
    assert_eq!(site.run(&["build", "--base-url", "https://example.github.io"]).code, 0);
    assert_eq!(
        site.read("output/robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.github.io/sitemap.xml\n"
    );

    // So is a custom domain, even without a base URL.
    let site = SiteTest::fixture("basic");
    site.write("site.yaml", "cname: codes.example.org\n");
    site.build();
    assert_eq!(site.read("output/robots.txt"), "User-agent: *\nAllow: /\n");

    // A project site may ship a robots.txt of its own as an ordinary asset.
    let site = SiteTest::fixture("basic");
    site.write("content/robots.txt", "User-agent: *\nDisallow:\n");
    site.build();
    assert_eq!(site.read("output/robots.txt"), "User-agent: *\nDisallow:\n");
}

#[test]
fn opensearch_description_with_a_base_url() {
    const NS: &str = "http://a9.com/-/spec/opensearch/1.1/";
    let site = SiteTest::fixture("basic");
    assert_eq!(site.run(&["build", "--base-url", "https://example.github.io/statusref/"]).code, 0);
    let xml = site.read("output/opensearch.xml");
    let doc =
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("opensearch.xml is not XML: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "OpenSearchDescription");
    assert_eq!(root.tag_name().namespace(), Some(NS));
    let child = |name: &str| root.children().filter(|n| n.has_tag_name((NS, name))).collect::<Vec<_>>();
    let short = child("ShortName")[0].text().unwrap_or_default();
    assert!(!short.is_empty() && short.chars().count() <= 16, "ShortName {short:?} must be 1-16 characters");
    assert!(child("Description")[0].text().unwrap_or_default().chars().count() <= 1024);
    let html_url =
        child("Url").into_iter().find(|u| u.attribute("type") == Some("text/html")).expect("a text/html Url");
    assert_eq!(html_url.attribute("template"), Some("https://example.github.io/statusref/?q={searchTerms}"));
    // Every page links it, relative to itself (absolute from the base on the 404 page).
    for (page, href) in [
        ("index.html", "opensearch.xml"),
        ("404/index.html", "../opensearch.xml"),
        ("404.html", "/statusref/opensearch.xml"),
    ] {
        let html = site.html(page);
        let links = attrs(&html, "link[rel=search][type='application/opensearchdescription+xml']", "href");
        assert_eq!(links, vec![href], "{page}");
    }

    // Without a base URL there is no absolute template, so no file and no link.
    let site = SiteTest::fixture("basic");
    site.build();
    assert!(!site.path("output/opensearch.xml").exists());
    assert_eq!(site.html("index.html").select(&sel("link[rel=search]")).count(), 0);
}

#[test]
fn code_pages_link_their_json() {
    let site = SiteTest::fixture("basic");
    site.build();
    let page = site.html("418/index.html");
    assert_eq!(attrs(&page, "link[rel=alternate][type='application/json']", "href"), vec!["../api/418.json"]);
    assert_eq!(attrs(&page, "main a[type='application/json']", "href"), vec!["../api/418.json"]);
    assert!(site.path("output/api/418.json").is_file());
}

#[test]
fn constants_break_only_after_separators() {
    let site = SiteTest::fixture("basic");
    site.build();
    let html = site.read("output/200/index.html");
    assert!(html.contains("<code>HTTPStatus.<wbr>OK</code>"), "{html}");
    assert!(html.contains("<code>http.<wbr>StatusOK</code>"), "{html}");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::fixture("basic");
    assert_eq!(site.run(&["build", "--output", "a"]).code, 0);
    assert_eq!(site.run(&["build", "--output", "b"]).code, 0);
    let a = site.path("a");
    let b = site.path("b");
    let files_a = all_files(&a);
    assert_eq!(files_a, all_files(&b));
    for rel in files_a {
        assert_eq!(fs::read(a.join(&rel)).unwrap(), fs::read(b.join(&rel)).unwrap(), "{rel} differs");
    }
}

#[test]
fn a_site_with_only_content_uses_the_embedded_theme() {
    let site = SiteTest::fixture("basic");
    assert!(!site.path("themes").exists());
    site.build();
    assert!(site.path("output/static/style.css").is_file());
    assert!(site.path("output/static/highlight.css").is_file());
}

#[test]
fn a_theme_on_disk_overrides_single_templates() {
    let site = SiteTest::fixture("basic");
    site.write("site.yaml", "theme: mine\n");
    site.write(
        "themes/mine/templates/code.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ code.full_name }}</p>{% endblock main %}",
    );
    site.write("themes/mine/static/extra.css", "p{}");
    site.build();
    let page = site.html("404/index.html");
    assert_eq!(texts(&page, "p.custom"), vec!["404 Not Found"]);
    let home = site.html("index.html");
    assert!(home.select(&sel(".code-grid h2")).next().is_some(), "home comes from the embedded theme");
    assert!(site.path("output/static/extra.css").is_file());
    assert!(site.path("output/static/style.css").is_file());
}

#[test]
fn a_missing_theme_is_an_error() {
    let site = SiteTest::fixture("basic");
    site.write("site.yaml", "theme: nope\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("theme `nope` not found"), "{}", run.stderr);
}

#[test]
fn a_broken_template_names_its_file() {
    let site = SiteTest::fixture("basic");
    site.write(
        "themes/default/templates/code.html",
        "{% extends \"base.html\" %}{% block main %}{{ code.title }{% endblock main %}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("themes/default/templates/code.html"), "{}", run.stderr);
}

#[test]
fn content_cannot_inject_scripts() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/4xx/401.md",
        "---\ncode: 401\ntitle: Unauthorized\nexcerpt: x\n---\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a>\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "script-capable HTML is an error: {}", run.stderr);
    assert!(run.stderr.contains("raw HTML with a <script> element is not allowed"), "{}", run.stderr);
    assert!(run.stderr.contains("raw HTML with a javascript: URL is not allowed"), "{}", run.stderr);
    assert!(!site.path("output").exists());
    // Other raw HTML builds, sanitised: attributes outside the allow-list go.
    site.write(
        "content/4xx/401.md",
        "---\ncode: 401\ntitle: Unauthorized\nexcerpt: x\n---\n\n<p style=\"position:fixed\" data-x=\"1\">kept <b>bold</b></p>\n",
    );
    site.build();
    let raw = site.read("output/401/index.html");
    let main = raw.split("<main").nth(1).unwrap();
    assert!(main.contains("kept <b>bold</b>"), "{main}");
    assert!(!main.contains("position:fixed"), "{main}");
    assert!(!main.contains("data-x"), "{main}");
}

#[test]
fn summary_line_and_exit_code() {
    let site = SiteTest::fixture("basic");
    let pages = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let run = site.build();
    // every markdown file is a page, plus the 404 page
    assert!(run.stdout.starts_with(&format!("built {} pages (", pages + 1)), "{}", run.stdout);
    assert!(run.stdout.contains(" ms"), "{}", run.stdout);
}

#[test]
fn help_version_and_usage_errors() {
    let site = SiteTest::empty();
    let help = site.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("build") && help.stdout.contains("check"));
    let version = site.run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("statusref "));
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.run(&["frobnicate"]).code, 2);
}

#[test]
fn snapshots_of_main() {
    let site = SiteTest::fixture("basic");
    site.build();
    insta::assert_snapshot!("home_main", main_html(&site.html("index.html")));
    insta::assert_snapshot!("class_main", main_html(&site.html("4xx/index.html")));
    insta::assert_snapshot!("code_main", main_html(&site.html("404/index.html")));
}

fn html_files(out: &Path) -> Vec<String> {
    all_files(out).into_iter().filter(|p| p.ends_with(".html")).collect()
}

fn all_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

/// `from` is a file path relative to the output root; `to` a relative URL.
fn resolve(from: &str, to: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in to.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if to.ends_with('/') {
        out.push_str("/index.html");
    }
    out
}

#[test]
fn an_asset_cannot_replace_a_generated_file() {
    let site = SiteTest::fixture("basic");
    site.write("content/api/codes.json", "[]");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[output-conflict]: content/api/codes.json would replace the api/codes.json that statusref writes"
        ),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/api/codes.json")).unwrap();
    site.write("content/img/card.txt", "an asset");
    site.build();
    assert_eq!(site.read("output/img/card.txt"), "an asset");
}

#[test]
fn an_asset_name_that_cannot_be_a_url_is_an_error() {
    let site = SiteTest::fixture("basic");
    site.write("content/a\\b.txt", "x");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("::error file=content/a\\b.txt,line=1,col=1::content/a\\b.txt cannot be published under this name"),
        "{}",
        run.stdout
    );
}
