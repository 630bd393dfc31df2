//! Links and ids, judged on the rendered site: every file the build writes can
//! be linked, a missing one cannot, and no page carries an id twice (cases in
//! `tests/fixtures/links/` and `tests/fixtures/ids/`).

use std::collections::BTreeSet;

use crate::support::{attrs, texts, SiteTest};

/// Runs `check` in both formats and compares the whole reports.
fn assert_check(site: &SiteTest, exit: i32, human: &str, github: &str) {
    let run = site.run(&["check"]);
    assert_eq!(run.stdout, human, "human report");
    assert_eq!(run.code, exit, "exit code of check");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.stdout, github, "github report");
    assert_eq!(run.code, exit, "exit code of check --format github");
}

#[test]
fn a_link_to_a_missing_static_file_is_an_error() {
    let site = SiteTest::case("links/missing-static");
    assert_check(
        &site,
        1,
        r#"error[broken-link]: link `../static/nope.css` leads to no file of the site
 --> content/4xx/418.md:8:13
  |
8 | A joke; see [the teapot style](../static/nope.css).
  |             ^
  |
  = help: check the path; the build writes pages, api/ data, the theme's static/ files and the files under content/

1 error
"#,
        "::error file=content/4xx/418.md,line=8,col=13::link `../static/nope.css` leads to no file of the site%0Ahelp: check the path; the build writes pages, api/ data, the theme's static/ files and the files under content/\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.path("output").exists(), "a failed build writes nothing");
}

#[test]
fn every_file_the_build_writes_can_be_linked() {
    let site = SiteTest::case("links/output-files");
    let run = site.check();
    assert_eq!((run.code, run.stdout.as_str()), (0, "no problems found\n"));
    site.build();
    let page = site.html("418/index.html");
    let hrefs = attrs(&page, ".prose a", "href");
    for href in &hrefs {
        let path = href.split('#').next().unwrap_or_default();
        let file = if path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        assert!(site.path("output/418").join(&file).is_file(), "{href} leads to a written file");
    }
    assert_eq!(hrefs.len(), 7, "{hrefs:?}");
}

#[test]
fn a_heading_steps_aside_for_an_id_of_a_theme_on_disk() {
    let site = SiteTest::case("ids/theme-heading");
    let run = site.check();
    assert_eq!((run.code, run.stdout.as_str()), (0, "no problems found\n"));
    site.build();
    let page = site.html("404/index.html");
    let ids = attrs(&page, "[id]", "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every id once: {ids:?}");
    assert_eq!(attrs(&page, ".prose h2", "id"), vec!["history-1"]);
    assert_eq!(attrs(&page, "nav.toc a", "href"), vec!["#history-1"]);
    assert_eq!(texts(&page, "#history"), vec!["History"], "the theme keeps its own id");
}

#[test]
fn a_heading_that_takes_an_id_the_theme_builds_is_reported_where_written() {
    let site = SiteTest::case("ids/theme-dynamic");
    assert_check(
        &site,
        1,
        r#"error[duplicate-id]: this heading's id "404-history" is also set by the theme on this page
 --> content/4xx/404.md:9:1
  |
9 | ## 404 history
  | ^
  |
  = help: reword the heading, or give the theme's element another id

1 error
"#,
        "::error file=content/4xx/404.md,line=9,col=1::this heading's id \"404-history\" is also set by the theme on this page%0Ahelp: reword the heading, or give the theme's element another id\n",
    );
}

#[test]
fn an_id_the_theme_repeats_is_reported_once_at_its_template() {
    let site = SiteTest::case("ids/theme-repeats");
    assert_check(
        &site,
        1,
        "error[duplicate-id]: the theme sets id=\"title\" more than once on 200/index.html\n--> themes/default/templates/code.html:1:1\n = help: give each element of the template its own id\n\n1 error\n",
        "::error file=themes/default/templates/code.html,line=1,col=1::the theme sets id=\"title\" more than once on 200/index.html%0Ahelp: give each element of the template its own id\n",
    );
}

#[test]
fn a_broken_link_of_a_theme_on_disk_is_reported_once_at_its_template() {
    let site = SiteTest::case("links/theme-links");
    let run = site.check();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "error[broken-anchor]: the theme's anchor #nowhere in `#nowhere` leads nowhere (on 200/index.html)\n--> themes/default/templates/code.html:1:1\n = help: fix the link in the template; pages link the site root as {{ page.root }}\n\n\
         error[broken-link]: the theme's link `../static/nope.css` leads to no file of the site (on 200/index.html)\n--> themes/default/templates/code.html:1:1\n = help: fix the link in the template; pages link the site root as {{ page.root }}\n\n2 errors\n"
    );
}
