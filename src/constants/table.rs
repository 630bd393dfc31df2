//! One library's constants at one version, as kept in
//! `data/constants/<library>-<version>.tsv`:
//!
//! ```text
//! # library: python
//! # version: 3.13
//! # source: where the names were read from
//! code→name→status
//! 413→HTTPStatus.CONTENT_TOO_LARGE
//! 413→HTTPStatus.REQUEST_ENTITY_TOO_LARGE
//! ```
//!
//! (→ is a tab.) `status` is empty or `deprecated` (the name still works, with a warning).
//! The file name must agree with the header; every problem is a diagnostic
//! at the table's file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{display_path, Diagnostic, Kind, Location};
use crate::model::constants::{Library, LIBRARIES};

/// Where the tables live, relative to the site root.
pub use crate::source::CONSTANT_TABLES_DIR as TABLES_DIR;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub code: u16,
    pub deprecated: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub library: &'static Library,
    pub version: String,
    pub path: PathBuf,
    rows: HashMap<String, Row>,
}

impl Table {
    /// The code a name stands for, and whether it is deprecated.
    pub fn lookup(&self, name: &str) -> Option<&Row> {
        self.rows.get(name)
    }

    /// The names in use (not deprecated) for `code`, sorted.
    pub fn current_names(&self, code: u16) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .rows
            .iter()
            .filter(|(_, r)| r.code == code && !r.deprecated)
            .map(|(n, _)| n.as_str())
            .collect();
        names.sort_unstable();
        names
    }

    /// "Python 3.13 (data/constants/python-3.13.tsv)"
    pub fn describe(&self) -> String {
        format!("{} {} ({})", self.library.product, self.version, display_path(&self.path))
    }
}

/// Parses one table; `None` (with diagnostics) when it cannot be used.
pub fn parse_table(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let at = |line: usize| Location::new(path, line, 1);
    let mut header: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut rows = HashMap::new();
    let mut columns_seen = false;
    let errors_before = diagnostics.len();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((key, value)) = rest.split_once(':') {
                header.insert(key.trim(), (value.trim(), line_no));
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !columns_seen {
            columns_seen = true;
            if line.split('\t').collect::<Vec<_>>() != ["code", "name", "status"] {
                diagnostics.push(
                    Diagnostic::error(
                        Kind::InvalidConstantsTable,
                        "the column line of a constants table is not `code<TAB>name<TAB>status`",
                    )
                    .at(at(line_no))
                    .help("after the `#` header lines, write the column names separated by tabs"),
                );
            }
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let code = cells[0].parse::<u16>().ok().filter(|c| (100..=999).contains(c));
        let status = cells.get(2).copied().unwrap_or("");
        match (code, cells.get(1).map(|n| n.trim()).filter(|n| !n.is_empty()), status) {
            (Some(code), Some(name), "" | "deprecated") if cells.len() <= 3 => {
                let row = Row { code, deprecated: status == "deprecated" };
                if rows.insert(name.to_string(), row).is_some() {
                    diagnostics.push(
                        Diagnostic::error(Kind::InvalidConstantsTable, format!("`{name}` is listed twice"))
                            .at(at(line_no))
                            .help("keep one row per name"),
                    );
                }
            }
            _ => diagnostics.push(
                Diagnostic::error(
                    Kind::InvalidConstantsTable,
                    "constants row is not `code<TAB>name[<TAB>deprecated]`",
                )
                .at(at(line_no))
                .help("write a three-digit code, a tab and the name as code spells it"),
            ),
        }
    }
    let field = |key: &str| header.get(key).map(|(v, _)| *v).filter(|v| !v.is_empty());
    let (Some(library_key), Some(version), Some(_source)) =
        (field("library"), field("version"), field("source"))
    else {
        diagnostics.push(
            Diagnostic::error(Kind::InvalidConstantsTable, "constants table lacks a `# library:`, `# version:` or `# source:` line")
                .at(at(1))
                .help("start the table with `# library: KEY`, `# version: V` and `# source: where the names come from`"),
        );
        return None;
    };
    let library_line = header.get("library").map_or(1, |(_, l)| *l);
    let Some(library) = LIBRARIES.iter().find(|l| l.table == library_key || l.key == library_key) else {
        let tables: Vec<&str> = LIBRARIES.iter().map(|l| l.table).collect();
        diagnostics.push(
            Diagnostic::error(
                Kind::InvalidConstantsTable,
                format!("unknown library `{library_key}` in a constants table"),
            )
            .at(at(library_line))
            .help(format!("the libraries are: {}", tables.join(", "))),
        );
        return None;
    };
    let expected = format!("{}-{version}.tsv", library.table);
    if path.file_name().and_then(|n| n.to_str()) != Some(expected.as_str()) {
        diagnostics.push(
            Diagnostic::error(
                Kind::InvalidConstantsTable,
                format!("the table's header says {expected}, but the file is {}", display_path(path)),
            )
            .at(at(library_line))
            .help(format!("rename the file to {TABLES_DIR}/{expected}, or fix the header")),
        );
    }
    (diagnostics.len() == errors_before).then(|| Table {
        library,
        version: version.to_string(),
        path: path.to_path_buf(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# library: rack\n# version: 3.1\n# source: lib/rack/utils.rb at v3.1.0\ncode\tname\tstatus\n413\t:content_too_large\n413\t:payload_too_large\tdeprecated\n";

    fn parse(name: &str, text: &str) -> (Option<Table>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t = parse_table(&Path::new(TABLES_DIR).join(name), text, &mut d);
        (t, d)
    }

    #[test]
    fn reads_rows_and_deprecations() {
        let (t, d) = parse("rack-3.1.tsv", GOOD);
        assert!(d.is_empty(), "{d:?}");
        let t = t.expect("parsed");
        assert_eq!(t.library.key, "rails");
        assert_eq!(t.lookup(":payload_too_large"), Some(&Row { code: 413, deprecated: true }));
        assert_eq!(t.current_names(413), [":content_too_large"]);
        assert_eq!(t.describe(), "Rack 3.1 (data/constants/rack-3.1.tsv)");
    }

    #[test]
    fn bad_rows_name_their_line() {
        let (t, d) = parse("rack-3.1.tsv", &format!("{GOOD}41x\t:oops\n413\t:x\tgone\n"));
        assert!(t.is_none());
        let lines: Vec<usize> = d.iter().filter_map(|d| d.location.as_ref().map(|l| l.line)).collect();
        assert_eq!(lines, [7, 8]);
    }

    #[test]
    fn file_name_must_match_the_header() {
        let (_, d) = parse("rack-3.0.tsv", GOOD);
        assert_eq!(
            d[0].message,
            "the table's header says rack-3.1.tsv, but the file is data/constants/rack-3.0.tsv"
        );
    }

    #[test]
    fn a_table_without_its_source_is_refused() {
        let (t, d) = parse("rack-3.1.tsv", &GOOD.replace("# source: lib/rack/utils.rb at v3.1.0\n", ""));
        assert!(t.is_none());
        assert!(d[0].message.contains("`# source:`"), "{d:?}");
    }
}
