//! `check` against library constant tables: the `constants` fixture (a page
//! with Python and Rack names, and excerpts of their tables) is valid; each
//! case changes one thing and expects one diagnostic at its file and line.

use crate::support::SiteTest;

const PAGE: &str = "content/4xx/413.md";

/// The fixture with `from` replaced by `to` in `file`.
fn with(file: &str, from: &str, to: &str) -> SiteTest {
    let site = SiteTest::fixture("constants");
    let text = site.read(file);
    assert!(text.contains(from), "{from:?} is not in {file}");
    site.write(file, &text.replacen(from, to, 1));
    site
}

#[test]
fn the_fixture_passes_and_shows_versions() {
    let site = SiteTest::fixture("constants");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "no problems found\n"));
    site.build();
    let html = site.html("413/index.html");
    let rows = crate::support::texts(&html, "table.constants tbody tr");
    assert!(
        rows[0].contains("HTTPStatus.CONTENT_TOO_LARGE") && rows[0].contains("(Python 3.13 and later)"),
        "{rows:?}"
    );
    assert!(rows[3].contains("(before Rack 3.1; a deprecated fallback from 3.1)"), "{rows:?}");
    // The search index carries every name, flat, with its library and versions.
    let index: serde_json::Value = serde_json::from_str(&site.read("output/api/codes.json")).expect("json");
    let constants = &index[0]["constants"];
    assert_eq!(constants[0]["library"], "Python (http.HTTPStatus)");
    assert_eq!(constants[0]["name"], "HTTPStatus.CONTENT_TOO_LARGE");
    assert_eq!(constants[0]["since"], "3.13");
    assert_eq!(constants[3]["name"], ":payload_too_large");
    assert_eq!(constants[3]["versions"], "before Rack 3.1");
}

#[test]
fn each_rule_reports_file_line_and_fix() {
    // (file, from, to, severity[kind] and message, location, help)
    let cases: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            PAGE,
            "HTTPStatus.CONTENT_TOO_LARGE",
            "HTTPStatus.CONTENT_TOO_BIG",
            "error[unknown-constant]: `HTTPStatus.CONTENT_TOO_BIG` does not exist in Python 3.13 (data/constants/python-3.13.tsv)",
            "content/4xx/413.md:7:1",
            "did you mean `HTTPStatus.CONTENT_TOO_LARGE`?",
        ),
        (
            PAGE,
            "      since: \"3.13\"\n",
            "",
            "error[unknown-constant]: `HTTPStatus.CONTENT_TOO_LARGE` does not exist in Python 3.11 (data/constants/python-3.11.tsv)",
            "content/4xx/413.md:7:1",
            "it is in Python 3.13: say which versions have it, e.g. `since: \"3.13\"` or `until:`",
        ),
        (
            PAGE,
            "name: HTTPStatus.CONTENT_TOO_LARGE",
            "name: HTTPStatus.URI_TOO_LONG",
            "error[wrong-constant]: `HTTPStatus.URI_TOO_LONG` is 414's constant in Python 3.13 (data/constants/python-3.13.tsv), not 413's",
            "content/4xx/413.md:7:1",
            "use `HTTPStatus.CONTENT_TOO_LARGE`",
        ),
        (
            PAGE,
            "      until: \"3.1\"\n",
            "",
            "error[deprecated-constant]: `:payload_too_large` is deprecated in Rack 3.1 (data/constants/rack-3.1.tsv)",
            "content/4xx/413.md:14:1",
            "add `until: \"3.1\"` and a `note` saying it still works with a deprecation warning",
        ),
        (
            PAGE,
            "    - name: HTTPStatus.REQUEST_ENTITY_TOO_LARGE\n      note: an alias from 3.13\n",
            "",
            "error[missing-constant]: Python 3.11 (data/constants/python-3.11.tsv) has `HTTPStatus.REQUEST_ENTITY_TOO_LARGE` for 413, but the page lists no Python (http.HTTPStatus) name that works there",
            "content/4xx/413.md:6:1",
            "add `python: HTTPStatus.REQUEST_ENTITY_TOO_LARGE` under `constants:` (with `since:` if older versions lack it)",
        ),
        (
            PAGE,
            "      note: an alias from 3.13\n",
            "      until: \"3.13\"\n",
            "warning[constant-versions]: `HTTPStatus.REQUEST_ENTITY_TOO_LARGE` is also in Python 3.13 (data/constants/python-3.13.tsv), outside its `since`/`until` range",
            "content/4xx/413.md:9:1",
            "widen the range to every version that has the name",
        ),
        (
            PAGE,
            "  python:\n",
            "  pyhton:\n",
            "error[unknown-key]: unknown library `constants.pyhton`",
            "content/4xx/413.md:5:1",
            "did you mean `python`?",
        ),
        (
            "data/constants/rack-3.1.tsv",
            ":payload_too_large\tdeprecated",
            ":payload_too_large\tgone",
            "error[invalid-constants-table]: constants row is not `code<TAB>name[<TAB>deprecated]`",
            "data/constants/rack-3.1.tsv:6:1",
            "write a three-digit code, a tab and the name as code spells it",
        ),
    ];
    for (file, from, to, message, location, help) in cases {
        let site = with(file, from, to);
        let run = site.run(&["check", "--deny-warnings"]);
        assert_eq!(run.code, 1, "{message}\n{}", run.stdout);
        let at = run.stdout.lines().position(|l| l == *message);
        let next = at.and_then(|i| run.stdout.lines().nth(i + 1)).map(str::trim);
        assert_eq!(next, Some(format!("--> {location}").as_str()), "{message:?} in\n{}", run.stdout);
        assert!(run.stdout.contains(&format!("= help: {help}\n")), "help {help:?} in\n{}", run.stdout);
    }
}
