//! Looks at a YAML fragment as text, around the parser: the file line of each
//! key (serde_yaml keeps no positions for valid input), the second occurrence
//! of a duplicate key, and a cheap nesting check that runs before the parser
//! sees pathological input.

use std::collections::BTreeMap;

use super::MAX_NESTING;

/// The 0-based fragment line where `key` is written a second time in the same
/// block mapping, at the top level or nested (serde_yaml reports only 1:1).
pub(super) fn second_key_line(yaml: &str, key: &str) -> Option<usize> {
    // The open mappings, innermost last: (indent, keys seen so far).
    let mut open: Vec<(usize, Vec<&str>)> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let mut rest = line.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut indent = line.len() - rest.len();
        let mut item = false;
        while let Some(r) = rest.strip_prefix("- ") {
            // `- name: x` opens a new mapping at the column of `name`.
            let r2 = r.trim_start_matches(' ');
            indent += 2 + (r.len() - r2.len());
            rest = r2;
            item = true;
        }
        open.retain(|(n, _)| *n < indent || (*n == indent && !item));
        let Some(k) = key_of_line(rest) else { continue };
        match open.last_mut() {
            Some((n, keys)) if *n == indent => {
                if k == key && keys.contains(&k) {
                    return Some(i);
                }
                keys.push(k);
            }
            _ => open.push((indent, vec![k])),
        }
    }
    None
}

/// File lines of the top-level keys (first occurrence).
pub(super) fn top_level_key_lines(yaml: &str, first_line: usize) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if let Some(key) = key_of_line(line) {
            lines.entry(key.to_string()).or_insert(first_line + i);
        }
    }
    lines
}

/// One item of a top-level block list: the file line of its `- ` and of
/// each of its keys.
#[derive(Debug, Clone, Default)]
pub(super) struct ItemLines {
    pub(super) line: usize,
    pub(super) keys: BTreeMap<String, usize>,
}

/// The items of each top-level key whose value is a block list (`- code: x`).
pub(super) fn list_item_lines(yaml: &str, first_line: usize) -> BTreeMap<String, Vec<ItemLines>> {
    let mut lists: BTreeMap<String, Vec<ItemLines>> = BTreeMap::new();
    let mut current: Option<(String, Option<usize>)> = None; // key, indent of its `- `
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(key) = key_of_line(line) {
            current = Some((key.to_string(), None));
            continue;
        }
        let Some((key, dash)) = current.as_mut() else { continue };
        let indent = line.len() - trimmed.len();
        let items = lists.entry(key.clone()).or_default();
        let rest = match trimmed.strip_prefix('-') {
            Some(rest) if dash.is_none_or(|d| d == indent) && (rest.is_empty() || rest.starts_with(' ')) => {
                *dash = Some(indent);
                items.push(ItemLines { line: first_line + i, keys: BTreeMap::new() });
                rest.trim_start_matches(' ')
            }
            _ => trimmed,
        };
        if let (Some(item), Some((name, _))) = (items.last_mut(), rest.split_once(':')) {
            let name = name.trim().trim_matches(|c| c == '"' || c == '\'');
            if !name.is_empty() && !name.contains(' ') {
                item.keys.entry(name.to_string()).or_insert(first_line + i);
            }
        }
    }
    lists.retain(|_, items| !items.is_empty());
    lists
}

/// `title: x` -> `title`; indented lines, comments and list items are not keys.
pub(super) fn key_of_line(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim_end().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then_some(key)
}

/// A cheap look at nesting before the parser sees it: flow brackets, compact
/// `- - -` sequences and indentation. Returns (0-based line, depth) when too deep.
pub(super) fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut flow_depth: usize = 0;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut compact = 0;
        let mut rest = line.trim_start();
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
            compact += 1;
            rest = r.trim_start();
        }
        let mut quote: Option<char> = None;
        // The deepest point of the line: `[[[...]]]` closes on the line it opens.
        let mut deepest = flow_depth;
        // Quotes and `#` count only where a scalar or comment can start, so
        // `it's` or `a#b` do not hide the brackets after them.
        let mut prev: Option<char> = None;
        for c in line.chars() {
            let after_space = prev.is_none_or(char::is_whitespace);
            let at_start = after_space || matches!(prev, Some('[' | '{' | ',' | ':' | '-' | '?'));
            prev = Some(c);
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if at_start => quote = Some(c),
                (None, '#') if after_space => break,
                (None, '[' | '{') => {
                    flow_depth += 1;
                    deepest = deepest.max(flow_depth);
                }
                (None, ']' | '}') => flow_depth = flow_depth.saturating_sub(1),
                _ => {}
            }
        }
        let depth = deepest.max(compact + indent / 2);
        if depth > MAX_NESTING {
            return Some((i, depth));
        }
    }
    None
}
