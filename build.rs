//! Build script: bakes two syntax sets that `src/markdown/highlight/` embeds
//! with `include_bytes!` and loads on first use:
//!
//! - `$OUT_DIR/core.packdump`: only our own syntaxes (`syntaxes/`: HTTP and
//!   JSON, the languages of this site's examples) and plain text. It loads in
//!   about 0.05 ms.
//! - `$OUT_DIR/full.packdump`: syntect's bundled syntaxes plus ours, for any
//!   other fence language. Deserializing it takes about 0.7 ms, so it is
//!   loaded only when a block asks for a language the core set lacks and the
//!   full set has: `$OUT_DIR/full_tokens.rs` lists the tokens it knows (names
//!   and file extensions, lower case, sorted).
//!
//! The dump is written uncompressed: a `SyntaxSet` already keeps each syntax's
//! contexts compressed and decodes them lazily, so compressing the whole dump
//! again only adds an inflate pass to every load.

use std::env;
use std::path::{Path, PathBuf};

use syntect::dumps::dump_to_uncompressed_file;
use syntect::parsing::{SyntaxSet, SyntaxSetBuilder};

fn main() {
    println!("cargo:rerun-if-changed=syntaxes");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/constants");

    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let ours = manifest_dir.join("syntaxes");
    write_rust_http_table(&manifest_dir.join("data/constants"), &out_dir.join("rust_http_table.rs"));

    let mut builder = SyntaxSetBuilder::new();
    builder.add_plain_text_syntax();
    builder
        .add_from_folder(&ours, true)
        .unwrap_or_else(|e| panic!("loading syntaxes from {}: {e}", ours.display()));
    let core = builder.build();
    check(&core);
    dump(&core, &out_dir.join("core.packdump"));

    // Our syntaxes are added after the defaults, so they may embed them (the
    // HTTP grammar embeds `source.json` for JSON bodies), and lookups by token
    // or scope, which search the newest syntaxes first, find ours where both
    // exist: our lean JSON grammar costs a sixth of the bundled one per line.
    let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
    builder
        .add_from_folder(&ours, true)
        .unwrap_or_else(|e| panic!("loading syntaxes from {}: {e}", ours.display()));
    let full = builder.build();
    check(&full);
    dump(&full, &out_dir.join("full.packdump"));
    write_tokens(&full, &out_dir.join("full_tokens.rs"));
}

/// The tokens `SyntaxSet::find_syntax_by_token` can find in `set`, as a Rust
/// slice expression: file extensions and names, lower case, sorted, unique.
fn write_tokens(set: &SyntaxSet, dest: &Path) {
    let mut tokens: Vec<String> = set
        .syntaxes()
        .iter()
        .flat_map(|s| s.file_extensions.iter().chain(std::iter::once(&s.name)))
        .map(|t| t.to_ascii_lowercase())
        .collect();
    tokens.sort();
    tokens.dedup();
    let list: Vec<String> = tokens.iter().map(|t| format!("{t:?}")).collect();
    let text = format!("&[{}]\n", list.join(", "));
    std::fs::write(dest, text).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

/// `data/constants/rust-http-*.tsv` as Rust: `&[(404, "StatusCode::NOT_FOUND",
/// http::StatusCode::NOT_FOUND), ...]`, for the test that checks the table
/// against the `http` crate (`tests/cli/rust_http.rs`). A name the crate lacks
/// fails that test's compilation; a malformed row becomes a `compile_error!`.
fn write_rust_http_table(dir: &Path, dest: &Path) {
    let table = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("rust-http-")));
    let text = table.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let mut items = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let ident = cells.get(1).and_then(|n| n.strip_prefix("StatusCode::"));
        match (cells[0].parse::<u16>(), ident) {
            (Ok(code), Some(ident)) if ident.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
                items.push(format!("({code}, {:?}, http::StatusCode::{ident})", cells[1]))
            }
            _ => items.push(format!("compile_error!({:?})", format!("bad rust-http row: {line}"))),
        }
    }
    let text = format!("&[{}]\n", items.join(",\n"));
    std::fs::write(dest, text).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

/// Our syntaxes resolve, link, and win over bundled ones of the same language.
fn check(set: &SyntaxSet) {
    let http = set.find_syntax_by_token("http").expect("syntaxes/ must define a syntax for the `http` token");
    assert_eq!(http.scope.build_string(), "source.http");
    let json = set.find_syntax_by_token("json").expect("a JSON syntax");
    assert!(json.file_extensions.iter().any(|e| e == "jsonc"), "the JSON syntax must be ours");
    let unresolved = set.find_unlinked_contexts();
    if !unresolved.is_empty() {
        for context in &unresolved {
            println!("cargo:warning=unresolved syntax reference: {context}");
        }
    }
}

fn dump(set: &SyntaxSet, dest: &Path) {
    dump_to_uncompressed_file(set, dest).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}
