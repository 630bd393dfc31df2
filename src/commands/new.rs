//! `statusref new CODE`: scaffold `content/Nxx/CODE.md` with every front
//! matter key and the body's sections. Prefills what `data/registry.tsv` knows.
//! Never overwrites a file.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::NewArgs;
use crate::model::registry::{parse_registry, RegistryEntry};
use crate::source;

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
    let rel = Path::new("content").join(format!("{}xx", code / 100)).join(format!("{code}.md"));
    let path = root.join(&rel);
    let entry = source::load_registry(root)
        .and_then(|text| parse_registry(&text, &mut Vec::new()).into_iter().find(|e| e.code == code));
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

/// The text of a new page. Placeholders are left empty or marked TODO so that
/// `check` fails until they are filled.
pub fn scaffold(code: u16, entry: Option<&RegistryEntry>) -> String {
    let title = entry.filter(|e| !e.name.starts_with('(')).map_or(String::new(), |e| e.name.clone());
    let status = entry.map_or("standard", |e| e.status.as_str());
    let title_yaml = if title.is_empty() { "\"\"".to_string() } else { yaml_string(&title) };
    let shown = if title.is_empty() { "TODO title".to_string() } else { title.clone() };
    format!(
        r#"---
code: {code}
title: {title_yaml}
excerpt: ""
meta:
  title: "{code} {shown} - HTTP status code"
  description: ""
status: {status}
tags: []
aliases: []
spec:
  - name: RFC 9110
    section: "TODO"
    url: https://www.rfc-editor.org/rfc/rfc9110.html
see_also: []
constants: {{}}
---

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

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
