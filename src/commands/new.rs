//! `statusref new CODE`: scaffold `content/Nxx/CODE.md` with every front
//! matter key and the body's sections. Prefills what `data/registry.tsv` knows.
//! Never overwrites a file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::NewArgs;
use crate::model::registry::{parse_registry, RegistryEntry};
use crate::source;
use crate::source::raw::RawCodePage;

use super::{EXIT_CONTENT, EXIT_USAGE};

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let code = match args.code.trim().parse::<u16>() {
        Ok(c) if (100..=599).contains(&c) => c,
        _ => {
            eprintln!("error: `{}` is not a status code", args.code);
            eprintln!("  = help: give a number from 100 to 599, e.g. `statusref new 425`");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let root = &args.root.root;
    if !root.is_dir() {
        eprintln!("error: site root {} is not a folder", root.display());
        eprintln!("  = help: run statusref in the site folder, or pass --root DIR");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    if let Some(language) = &args.lang {
        return super::translations::scaffold(root, code, language);
    }
    let rel = Path::new("content").join(format!("{}xx", code / 100)).join(format!("{code}.md"));
    let path = root.join(&rel);
    let registry = source::load_registry(root, &mut Vec::new()).unwrap_or_default();
    let entry = parse_registry(&registry, &mut Vec::new()).into_iter().find(|e| e.code == code);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let file = OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: {} already exists; not overwriting it", rel.display());
            eprintln!("  = help: edit the file instead");
            return Ok(ExitCode::from(EXIT_CONTENT));
        }
        Err(e) => return Err(e.into()),
    };
    file.write_all(scaffold(code, entry.as_ref()).as_bytes())?;
    println!("created {}", rel.display());
    println!("fill in the excerpt and every TODO, then run `statusref check`");
    Ok(ExitCode::SUCCESS)
}

/// Front matter key under `constants` and the registry column it comes from.
const CONSTANT_COLUMNS: &[(&str, &str)] = &[
    ("python", "python_http_HTTPStatus"),
    ("go", "go_net_http"),
    ("rust", "rust_http_StatusCode"),
    ("node", "node_http_STATUS_CODES"),
    ("node_http2", "node_http2_constant"),
    ("rails", "rails_rack_symbol"),
];

/// The text of a new page, with every front matter key (`RawCodePage::DOCS`,
/// in declaration order, each with its declared scaffold value). What the registry
/// knows (title, status, defining document or vendor, library constants) is
/// filled in; the rest is left empty or marked TODO so that `check` fails
/// until it is written.
pub fn scaffold(code: u16, entry: Option<&RegistryEntry>) -> String {
    let empty = BTreeMap::new();
    let columns = entry.map_or(&empty, |e| &e.columns);
    let title = entry.filter(|e| !e.name.starts_with('(')).map_or(String::new(), |e| e.name.clone());
    let status = entry.map_or("standard", |e| e.status.as_str());
    let title_yaml = if title.is_empty() { "\"\"".to_string() } else { yaml_string(&title) };
    let shown = if title.is_empty() { "TODO title".to_string() } else { title.clone() };
    let reference = columns.get("reference").map(String::as_str).unwrap_or("");
    let (spec, vendor) = match rfc_reference(reference) {
        Some(spec) => (spec, String::new()),
        None if reference.starts_with("draft-") => {
            (format!("\n  - name: {reference}\n    url: https://datatracker.ietf.org/doc/{reference}/"), String::new())
        }
        None if status == "unofficial" && !reference.is_empty() => ("[]".to_string(), yaml_string(reference)),
        None => (
            "\n  - name: RFC 9110\n    section: \"TODO\"\n    url: https://www.rfc-editor.org/rfc/rfc9110.html".to_string(),
            String::new(),
        ),
    };
    let mut constants = String::new();
    for (key, column) in CONSTANT_COLUMNS {
        match columns.get(*column) {
            Some(value) => {
                let _ = write!(constants, "\n  {key}: {}", yaml_string(value));
            }
            None => {
                let _ = write!(constants, "\n  {key}:");
            }
        }
    }
    // Every declared key, in declaration order; what the registry knows replaces the default.
    let mut front_matter = String::new();
    for key in RawCodePage::DOCS {
        let value = match key.name {
            "code" => code.to_string(),
            "title" => title_yaml.clone(),
            "meta" => format!("\n  title: \"{code} {shown} - HTTP status code\"\n  description: \"\""),
            "status" => status.to_string(),
            "vendor" if !vendor.is_empty() => format!("{vendor} {}", key.scaffold),
            "spec" => spec.clone(),
            "constants" => constants.clone(),
            _ => key.scaffold.to_string(),
        };
        let space = if value.is_empty() || value.starts_with('\n') { "" } else { " " };
        let _ = writeln!(front_matter, "{}:{space}{value}", key.name);
    }
    format!(
        r#"---
{front_matter}---

The **{code} {shown}** status code TODO: say precisely what it means.

## When to send it

TODO: when a server should use it and when not; name the closest alternatives in prose ("unlike 404 ...").

## What clients and caches do

TODO: cacheable by default or not; headers that go with it.

## Common causes

TODO: when you meet one in the wild, and how to fix it.

## Example

```http
GET /TODO HTTP/1.1
Host: example.com

HTTP/1.1 {code} {shown}
Content-Type: text/plain

TODO
```
"#
    )
}

/// `RFC8470 5.2` -> the spec entry of RFC 8470, section 5.2.
fn rfc_reference(reference: &str) -> Option<String> {
    let mut parts = reference.split_whitespace();
    let number = parts.next()?.strip_prefix("RFC")?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let url = format!("https://www.rfc-editor.org/rfc/rfc{number}.html");
    Some(match parts.next().filter(|s| s.bytes().all(|b| b.is_ascii_digit() || b == b'.')) {
        Some(section) => {
            format!("\n  - name: RFC {number}\n    section: \"{section}\"\n    url: {url}#section-{section}")
        }
        None => format!("\n  - name: RFC {number}\n    url: {url}"),
    })
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str =
        "code\tname\tstatus\treference\tpython_http_HTTPStatus\tgo_net_http\trails_rack_symbol\n\
        425\tToo Early\tstandard\tRFC8470 5.2\tHTTPStatus.TOO_EARLY\thttp.StatusTooEarly\t:too_early\n\
        444\tNo Response\tunofficial\tnginx\t\t\t\n";

    fn page(code: u16) -> String {
        let entry = parse_registry(REGISTRY, &mut Vec::new()).into_iter().find(|e| e.code == code);
        scaffold(code, entry.as_ref())
    }

    #[test]
    fn prefills_what_the_registry_knows() {
        let text = page(425);
        assert!(text.contains("title: \"Too Early\"\n"), "{text}");
        assert!(text.contains("  - name: RFC 8470\n    section: \"5.2\"\n    url: https://www.rfc-editor.org/rfc/rfc8470.html#section-5.2\n"), "{text}");
        assert!(
            text.contains("  python: \"HTTPStatus.TOO_EARLY\"\n  go: \"http.StatusTooEarly\"\n  rust:\n"),
            "{text}"
        );
        assert!(text.contains("  rails: \":too_early\"\n"), "{text}");
        assert!(text.contains("\nvendor: # "), "{text}");
    }

    #[test]
    fn unofficial_codes_name_their_vendor() {
        let text = page(444);
        assert!(text.contains("status: unofficial\n"), "{text}");
        assert!(text.contains("vendor: \"nginx\" # "), "{text}");
        assert!(text.contains("spec: []\n"), "{text}");
    }

    #[test]
    fn without_a_registry_row_the_title_is_left_to_write() {
        let text = scaffold(599, None);
        assert!(text.contains("title: \"\"\n"), "{text}");
        assert!(text.contains("section: \"TODO\""), "{text}");
        assert!(text.contains("The **599 TODO title** status code"), "{text}");
    }

    /// The scaffold promises every key: each declared key is written, and
    /// nothing else, for a registry row and without one.
    #[test]
    fn the_scaffold_writes_every_declared_key_and_no_other() {
        use crate::source::front_matter::{parse, Schema};
        use crate::source::split::split_front_matter;
        for text in [page(425), page(444), scaffold(599, None)] {
            let split = split_front_matter(&text).expect("the scaffold has front matter");
            let written: Vec<&str> = split
                .front_matter
                .lines()
                .filter(|l| !l.starts_with([' ', '-']))
                .filter_map(|l| l.split_once(':').map(|(key, _)| key))
                .collect();
            assert_eq!(written, RawCodePage::KEYS, "{text}");
            let mut diagnostics = Vec::new();
            let parsed = parse::<RawCodePage>(
                Path::new("content/4xx/425.md"),
                split.front_matter,
                2,
                &mut diagnostics,
            );
            assert!(parsed.is_some() && diagnostics.is_empty(), "{diagnostics:?}\n{text}");
        }
    }
}
