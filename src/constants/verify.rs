//! Checks every page's constants against the library tables:
//!
//! 1. a name must exist, for this code, in every table its `since`/`until`
//!    range covers, and not be deprecated there (errors);
//! 2. a name that exists for another code is an error wherever it is found;
//! 3. a name still in use outside its range means the range is wrong (warning);
//! 4. for every table that has a name for the page's code, the page must list
//!    a name that works in that version (error: a "missing constant").
//!
//! Libraries without a table are not checked. Diagnostics point at the line
//! of the name (or of the library key) in the page's front matter.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::model::constants::{Library, LIBRARIES};
use crate::model::{Constant, Site, StatusCode};

use super::table::Table;

/// Runs every rule on every code page; `text_of` gives a page's full text
/// (to find the line of each name).
pub fn check_constants<'t>(
    site: &Site,
    tables: &[Table],
    text_of: &dyn Fn(&Path) -> Option<&'t str>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for code in site.codes.values() {
        let text = text_of(&code.body.path).unwrap_or("");
        for library in LIBRARIES {
            let tables: Vec<&Table> = tables.iter().filter(|t| std::ptr::eq(t.library, library)).collect();
            if tables.is_empty() {
                continue;
            }
            let names: Vec<&Constant> =
                code.constants.iter().filter(|c| std::ptr::eq(c.library, library)).collect();
            for name in &names {
                let at = Location::new(&code.body.path, name_line(text, library.key, &name.name), 1);
                check_name(code, name, &tables, at, &mut out);
            }
            let at = Location::new(&code.body.path, name_line(text, library.key, ""), 1);
            check_missing(code, library, &names, &tables, at, &mut out);
        }
    }
    out
}

fn check_name(
    code: &StatusCode,
    name: &Constant,
    tables: &[&Table],
    at: Location,
    out: &mut Vec<Diagnostic>,
) {
    let n = &name.name;
    let mut absent = Vec::new();
    let mut deprecated = Vec::new();
    let mut outside = Vec::new();
    for table in tables {
        let row = table.lookup(n);
        if let Some(row) = row.filter(|r| r.code != code.code) {
            let ours = table.current_names(code.code);
            out.push(
                Diagnostic::error(
                    Kind::WrongConstant,
                    format!("`{n}` is {}'s constant in {}, not {}'s", row.code, table.describe(), code.code),
                )
                .at(at)
                .help(match ours.first() {
                    Some(ours) => format!("use `{ours}`"),
                    None => format!("remove it: {} has no constant for {}", table.library.product, code.code),
                }),
            );
            return;
        }
        let Some(covered) = name.covers(&table.version) else {
            continue; // a snapshot table has no place in a version range
        };
        match (covered, row) {
            (true, None) => absent.push(*table),
            (true, Some(r)) if r.deprecated => deprecated.push(*table),
            (false, Some(r)) if !r.deprecated => outside.push(*table),
            _ => {}
        }
    }
    let list = |tables: &[&Table]| tables.iter().map(|t| t.describe()).collect::<Vec<_>>().join(", ");
    if !absent.is_empty() {
        let elsewhere: Vec<&str> =
            tables.iter().filter(|t| t.lookup(n).is_some()).map(|t| t.version.as_str()).collect();
        let help = match (elsewhere.first(), absent[0].current_names(code.code).first()) {
            (Some(first), _) => format!(
                "it is in {} {}: say which versions have it, e.g. `since: \"{first}\"` or `until:`",
                tables[0].library.product,
                elsewhere.join(", ")
            ),
            (None, Some(ours)) => format!("did you mean `{ours}`?"),
            (None, None) => {
                format!("remove it: {} has no constant for {}", absent[0].library.product, code.code)
            }
        };
        out.push(
            Diagnostic::error(Kind::UnknownConstant, format!("`{n}` does not exist in {}", list(&absent)))
                .at(at.clone())
                .help(help),
        );
    }
    if !deprecated.is_empty() {
        out.push(
            Diagnostic::error(
                Kind::DeprecatedConstant,
                format!("`{n}` is deprecated in {}", list(&deprecated)),
            )
            .at(at.clone())
            .help(format!(
                "add `until: \"{}\"` and a `note` saying it still works with a deprecation warning",
                deprecated[0].version
            )),
        );
    }
    if !outside.is_empty() {
        out.push(
            Diagnostic::warning(
                Kind::ConstantVersions,
                format!("`{n}` is also in {}, outside its `since`/`until` range", list(&outside)),
            )
            .at(at)
            .help("widen the range to every version that has the name"),
        );
    }
}

fn check_missing(
    code: &StatusCode,
    library: &Library,
    names: &[&Constant],
    tables: &[&Table],
    at: Location,
    out: &mut Vec<Diagnostic>,
) {
    for table in tables {
        let current = table.current_names(code.code);
        let Some(first) = current.first() else { continue };
        let listed = names.iter().any(|c| {
            c.covers(&table.version).unwrap_or(true)
                && table.lookup(&c.name).is_some_and(|r| r.code == code.code && !r.deprecated)
        });
        if !listed {
            out.push(
                Diagnostic::error(
                    Kind::MissingConstant,
                    format!(
                        "{} has `{first}` for {}, but the page lists no {} name that works there",
                        table.describe(),
                        code.code,
                        library.label
                    ),
                )
                .at(at.clone())
                .help(format!(
                    "add `{}: {}` under `constants:` (with `since:` if older versions lack it)",
                    library.key,
                    yaml_scalar(first)
                )),
            );
        }
    }
}

/// A name as YAML: quoted when it starts with a character YAML reads specially.
fn yaml_scalar(name: &str) -> String {
    if name.starts_with([':', '"', '\'', '&', '*', '!', '%', '@', '`']) || name.contains(": ") {
        format!("\"{}\"", name.replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

/// The file line where `name` is written under `constants:` → `key:`; the
/// key's line when `name` is empty or not found; the `constants:` line when
/// the key is absent; 1 when there is no `constants:`.
pub fn name_line(text: &str, key: &str, name: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim_end() == "constants:") else { return 1 };
    let block =
        lines[start + 1..].iter().take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty()).count();
    let block = &lines[start + 1..start + 1 + block];
    let key_indent = block.iter().find(|l| !l.trim().is_empty()).map_or(0, |l| indent(l));
    let Some(key_at) = block.iter().position(|l| {
        indent(l) == key_indent && l.trim_start().strip_prefix(key).is_some_and(|r| r.starts_with(':'))
    }) else {
        return start + 1;
    };
    let key_line = start + 2 + key_at;
    if name.is_empty() {
        return key_line;
    }
    let entry_end = block[key_at + 1..]
        .iter()
        .position(|l| !l.trim().is_empty() && indent(l) <= key_indent)
        .map_or(block.len(), |p| key_at + 1 + p);
    block[key_at..entry_end].iter().position(|l| l.contains(name)).map_or(key_line, |p| key_line + p)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::table::parse_table;
    use crate::model::constants::{build_constants, library};
    use crate::model::{Body, KeyLines, Meta, Status};
    use crate::source::raw::RawConstants;

    fn table(key: &str, version: &str, rows: &str) -> Table {
        let lib = library(key).map_or(key, |l| l.table);
        let text =
            format!("# library: {lib}\n# version: {version}\n# source: test\ncode\tname\tstatus\n{rows}");
        let mut d = Vec::new();
        let t = parse_table(&Path::new("data/constants").join(format!("{lib}-{version}.tsv")), &text, &mut d);
        assert!(d.is_empty(), "{d:?}");
        t.expect("a table")
    }

    /// Diagnostics (severity and message) for a 413 page with `yaml` under `constants:`.
    fn run(yaml: &str, tables: &[Table]) -> Vec<String> {
        let raw: RawConstants = serde_yaml::from_str(yaml).expect("yaml");
        let mut d = Vec::new();
        let constants = build_constants(raw, &Location::new("p.md", 1, 1), &mut d);
        let code = StatusCode {
            code: 413,
            title: "Content Too Large".into(),
            slug: "413-content-too-large".into(),
            excerpt: "x".into(),
            meta: Meta::default(),
            order: 413,
            spec: vec![],
            status: Status::Standard,
            tags: vec![],
            aliases: vec![],
            see_also: vec![],
            constants,
            vendor: None,
            examples_show_code: true,
            shown: Default::default(),
            body: Body::default(),
            lines: KeyLines::default(),
        };
        let tables: Vec<&Table> = tables.iter().collect();
        let lib = tables[0].library;
        let names: Vec<&Constant> = code.constants.iter().collect();
        for name in &names {
            check_name(&code, name, &tables, Location::new("p.md", 1, 1), &mut d);
        }
        check_missing(&code, lib, &names, &tables, Location::new("p.md", 1, 1), &mut d);
        d.iter().map(|d| format!("{:?}: {}", d.severity, d.message)).collect()
    }

    fn python() -> [Table; 2] {
        [
            table("python", "3.11", "413\tHTTPStatus.REQUEST_ENTITY_TOO_LARGE\n414\tHTTPStatus.URI\n"),
            table(
                "python",
                "3.13",
                "413\tHTTPStatus.CONTENT_TOO_LARGE\n413\tHTTPStatus.REQUEST_ENTITY_TOO_LARGE\n",
            ),
        ]
    }

    #[test]
    fn names_with_their_versions_pass() {
        let yaml = "python:\n  - {name: HTTPStatus.CONTENT_TOO_LARGE, since: \"3.13\"}\n  - {name: HTTPStatus.REQUEST_ENTITY_TOO_LARGE}\n";
        assert_eq!(run(yaml, &python()), Vec::<String>::new());
    }

    #[test]
    fn a_new_name_without_since_is_missing_from_the_older_version() {
        let d = run("python: HTTPStatus.CONTENT_TOO_LARGE\n", &python());
        assert_eq!(
            d,
            [
                "Error: `HTTPStatus.CONTENT_TOO_LARGE` does not exist in Python 3.11 (data/constants/python-3.11.tsv)",
                "Error: Python 3.11 (data/constants/python-3.11.tsv) has `HTTPStatus.REQUEST_ENTITY_TOO_LARGE` for 413, but the page lists no Python (http.HTTPStatus) name that works there",
            ]
        );
    }

    #[test]
    fn another_codes_name_is_an_error() {
        let d = run(
            "python:\n  - {name: HTTPStatus.URI}\n  - {name: HTTPStatus.REQUEST_ENTITY_TOO_LARGE}\n",
            &python(),
        );
        assert_eq!(d, ["Error: `HTTPStatus.URI` is 414's constant in Python 3.11 (data/constants/python-3.11.tsv), not 413's"]);
    }

    #[test]
    fn deprecated_names_need_until_and_a_too_narrow_range_warns() {
        let rack = [
            table("rails", "3.0", "413\t:payload_too_large\n"),
            table("rails", "3.1", "413\t:content_too_large\n413\t:payload_too_large\tdeprecated\n"),
        ];
        let d = run("rails:\n  - {name: \":content_too_large\", since: \"3.1\"}\n  - {name: \":payload_too_large\"}\n", &rack);
        assert_eq!(
            d,
            ["Error: `:payload_too_large` is deprecated in Rack 3.1 (data/constants/rack-3.1.tsv)"]
        );
        let d = run("rails:\n  - {name: \":content_too_large\", since: \"3.2\"}\n  - {name: \":payload_too_large\", until: \"3.1\"}\n", &rack);
        assert_eq!(
            d,
            [
                "Warning: `:content_too_large` is also in Rack 3.1 (data/constants/rack-3.1.tsv), outside its `since`/`until` range",
                "Error: Rack 3.1 (data/constants/rack-3.1.tsv) has `:content_too_large` for 413, but the page lists no Rails (Rack symbol) name that works there",
            ]
        );
    }

    #[test]
    fn a_snapshot_table_checks_names_but_not_ranges() {
        let dotnet = [table("dotnet", "git-abc1234", "413\tHttpStatusCode.RequestEntityTooLarge\n")];
        assert_eq!(run("dotnet: HttpStatusCode.RequestEntityTooLarge\n", &dotnet), Vec::<String>::new());
        let ranged = "dotnet:\n  - {name: HttpStatusCode.RequestEntityTooLarge, since: \"9.0\"}\n";
        assert_eq!(run(ranged, &dotnet), Vec::<String>::new(), "a snapshot has no place in a range");
        let d = run("dotnet: HttpStatusCode.PayloadTooLarge\n", &dotnet);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].contains("does not exist in .NET git-abc1234"), "{d:?}");
    }

    const PAGE: &str = "---\ncode: 413\nconstants:\n  go: http.StatusRequestEntityTooLarge\n  python:\n    - name: HTTPStatus.CONTENT_TOO_LARGE\n      since: \"3.13\"\n    - name: HTTPStatus.REQUEST_ENTITY_TOO_LARGE\n  rails: \":content_too_large\"\norder: 1\n---\n";

    #[test]
    fn finds_the_line_of_each_name() {
        assert_eq!(name_line(PAGE, "go", "http.StatusRequestEntityTooLarge"), 4);
        assert_eq!(name_line(PAGE, "python", "HTTPStatus.REQUEST_ENTITY_TOO_LARGE"), 8);
        assert_eq!(name_line(PAGE, "python", ""), 5);
        assert_eq!(name_line(PAGE, "rails", ":content_too_large"), 9);
        assert_eq!(name_line(PAGE, "spring", ""), 3, "an absent key points at `constants:`");
        assert_eq!(name_line("---\ncode: 1\n---\n", "go", ""), 1);
    }

    #[test]
    fn names_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_scalar(":content_too_large"), "\":content_too_large\"");
        assert_eq!(yaml_scalar("HTTPStatus.OK"), "HTTPStatus.OK");
    }
}
