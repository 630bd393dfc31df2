//! The crate's top-level modules form no cycle, and `src/lib.rs` documents
//! their order. The graph is derived from the sources: every `crate::X` path
//! in a module's files (comments aside) is an edge to `X`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// An edge `from -> to` and the first place (file:line) that makes it.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The `.rs` files of a top-level module: `src/X.rs` and everything under `src/X/`.
fn module_files(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        files.push(file);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.map(|e| e.expect("read src entry").path()) {
            if entry.is_dir() {
                dirs.push(entry);
            } else if entry.extension().is_some_and(|e| e == "rs") {
                files.push(entry);
            }
        }
    }
    files.sort();
    files
}

/// The top-level modules: the files and folders of `src/` except the crate roots.
fn modules(src: &Path) -> BTreeSet<String> {
    fs::read_dir(src)
        .expect("read src/")
        .map(|e| e.expect("read src entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .filter(|m| m != "lib" && m != "main")
        .collect()
}

/// The names `X` of every `crate::X` in `line`.
fn crate_paths(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter(|(i, _)| !line[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(i, m)| {
            let rest = &line[i + m.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn graph(src: &Path, modules: &BTreeSet<String>) -> Graph {
    let mut graph = Graph::new();
    for module in modules {
        let edges = graph.entry(module.clone()).or_default();
        for file in module_files(src, module) {
            let text = fs::read_to_string(&file).expect("read a source file");
            for (i, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for to in crate_paths(line) {
                    if to != module && modules.contains(to) {
                        let at = format!("{}:{}", file.strip_prefix(src).unwrap().display(), i + 1);
                        edges.entry(to.to_string()).or_insert(at);
                    }
                }
            }
        }
    }
    graph
}

/// Every cycle found by a depth-first walk, as `a -> b -> a` with the place of each edge.
fn cycles(graph: &Graph) -> Vec<String> {
    fn walk(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<String>,
    ) {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle: Vec<String> = path[start..].to_vec();
            cycle.push(node.to_string());
            let steps: Vec<String> =
                cycle.windows(2).map(|w| format!("{} -> {} ({})", w[0], w[1], graph[&w[0]][&w[1]])).collect();
            found.push(steps.join(", "));
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_string());
        for next in graph[node].keys() {
            walk(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        walk(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// The backticked names between "Module order:" and the next full stop in `src/lib.rs`.
fn documented_order(lib_rs: &str) -> Vec<String> {
    let doc: String =
        lib_rs.lines().filter_map(|l| l.strip_prefix("//!")).map(|l| format!("{} ", l.trim())).collect();
    let start = doc.find("Module order:").expect("src/lib.rs's doc has a `Module order:` sentence");
    let sentence = &doc[start..];
    let sentence = &sentence[..sentence.find('.').unwrap_or(sentence.len())];
    sentence.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn top_level_modules_form_no_cycle() {
    let src = src();
    let graph = graph(&src, &modules(&src));
    assert!(
        graph.contains_key("diagnostic") && graph["source"].contains_key("diagnostic"),
        "the scan finds edges"
    );
    let found = cycles(&graph);
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

#[test]
fn lib_rs_lists_the_modules_in_dependency_order() {
    let src = src();
    let modules = modules(&src);
    let graph = graph(&src, &modules);
    let order = documented_order(&fs::read_to_string(src.join("lib.rs")).expect("read src/lib.rs"));
    let listed: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(listed, modules, "src/lib.rs's `Module order:` must name every top-level module once");
    assert_eq!(listed.len(), order.len(), "a module is listed twice in src/lib.rs's `Module order:`");
    let position = |m: &str| order.iter().position(|o| o == m).unwrap();
    let mut wrong = Vec::new();
    for (from, edges) in &graph {
        for (to, at) in edges {
            if position(to) > position(from) {
                wrong.push(format!("{from} uses {to} ({at}), listed after it"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "src/lib.rs's `Module order:` is not a dependency order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_cycle_is_reported_with_its_edges() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into(), "a.rs:1".into());
    graph.entry("b".into()).or_default().insert("a".into(), "b/mod.rs:2".into());
    graph.entry("c".into()).or_default().insert("a".into(), "c.rs:3".into());
    assert_eq!(cycles(&graph), ["a -> b (a.rs:1), b -> a (b/mod.rs:2)"]);
    assert_eq!(crate_paths("use crate::x::Y; pub(crate) fn f() { crate::z() } not_crate::w"), ["x", "z"]);
}
