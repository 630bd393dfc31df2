//! The project's own content against its copy of the registry
//! (`data/registry.tsv`): every row has a page with the registered title and status.

use std::fs;
use std::path::Path;

use crate::support::SiteTest;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (code, name, status) rows of the project's registry copy.
fn registry() -> Vec<(u16, String, String)> {
    let text = fs::read_to_string(repo().join("data/registry.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].parse().unwrap(), cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}

/// A top-level `key: value` of a page's front matter (values here are plain scalars).
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let fm = text.strip_prefix("---\n")?.split("\n---\n").next()?;
    fm.lines().find_map(|l| {
        let v = l.strip_prefix(key)?.strip_prefix(':')?.trim();
        Some(v.trim_matches('"').trim_matches('\'').replace("''", "'"))
    })
}

#[test]
fn every_registry_row_has_a_page_with_its_title_and_status() {
    let rows = registry();
    assert!(rows.len() >= 90, "the registry copy has {} rows", rows.len());
    assert_eq!(rows.iter().filter(|r| r.2 != "unofficial").count(), 64, "64 registered codes");
    let mut problems = Vec::new();
    for (code, name, status) in rows {
        let path = repo().join(format!("content/{}xx/{code}.md", code / 100));
        let Ok(text) = fs::read_to_string(&path) else {
            problems.push(format!("{code}: no page"));
            continue;
        };
        let title = front_matter_value(&text, "title").unwrap_or_default();
        let page_status = front_matter_value(&text, "status").unwrap_or_else(|| "standard".into());
        let expected_title = match code {
            418 => "I'm a teapot".to_string(),
            _ if name.starts_with('(') => title.clone(), // a description, not a name
            _ => name.clone(),
        };
        if title != expected_title {
            problems.push(format!("{code}: title `{title}`, registry `{expected_title}`"));
        }
        if page_status != status {
            problems.push(format!("{code}: status `{page_status}`, registry `{status}`"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_project_content_passes_check_with_deny_warnings() {
    let site = SiteTest::empty();
    for dir in ["content", "data"] {
        crate::support::copy_dir(&repo().join(dir), &site.path(dir));
    }
    // The translations need the languages site.yaml lists.
    std::fs::copy(repo().join("site.yaml"), site.path("site.yaml")).unwrap();
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn check_warns_when_a_registered_code_lacks_a_page_or_disagrees() {
    let site = SiteTest::fixture("basic");
    site.write(
        "data/registry.tsv",
        "code\tname\tstatus\n200\tOK\tstandard\n401\tUnauthorised\tstandard\n404\tNot Found\tdeprecated\n418\t(Unused)\tunused\n425\tToo Early\tstandard\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stdout);
    assert_eq!(
        run.stdout,
        "::warning file=content/4xx/401.md,line=3,col=1::title `Unauthorized` disagrees with the registry name `Unauthorised`%0Ahelp: use the registered name `Unauthorised`; put older names in `aliases`\n\
         ::warning file=content/4xx/404.md,line=1,col=1::status `standard` disagrees with the registry status `deprecated`%0Ahelp: set `status: deprecated`\n\
         ::warning file=data/registry.tsv,line=6,col=1::425 Too Early is in the registry but has no page%0Ahelp: run `statusref new 425` and fill in the page\n"
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}
