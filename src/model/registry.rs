//! The IANA registry (plus widely seen unofficial codes), as shipped in
//! `data/registry.tsv`, and the check that the site covers it.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Kind, Location};

use super::{Site, Status};

use crate::source::REGISTRY_PATH;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryEntry {
    pub code: u16,
    pub name: String,
    pub status: Status,
    /// File line, for diagnostics.
    pub line: usize,
    /// Every non-empty cell of the row by its column name (`reference`,
    /// `go_net_http`, `notes` ...), for `statusref new`.
    pub columns: BTreeMap<String, String>,
}

/// Parses the TSV (header line, then `code name status ...`). Bad rows are diagnostics.
pub fn parse_registry(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<RegistryEntry> {
    let mut entries = Vec::new();
    let header: Vec<&str> = text.lines().next().unwrap_or("").split('\t').map(str::trim).collect();
    for (i, row) in text.lines().enumerate().skip(1) {
        if row.trim().is_empty() {
            continue;
        }
        let line = i + 1;
        let cols: Vec<&str> = row.split('\t').collect();
        let code =
            cols.first().and_then(|c| c.trim().parse::<u16>().ok()).filter(|c| (100..=599).contains(c));
        let status = cols.get(2).and_then(|s| Status::parse(s.trim()));
        match (code, cols.get(1), status) {
            (Some(code), Some(name), Some(status)) => {
                let columns = header
                    .iter()
                    .zip(&cols)
                    .map(|(column, value)| (column.to_string(), value.trim().to_string()))
                    .filter(|(_, value)| !value.is_empty())
                    .collect();
                entries.push(RegistryEntry { code, name: name.trim().to_string(), status, line, columns })
            }
            _ => diagnostics.push(
                Diagnostic::error(
                    Kind::InvalidRegistryRow,
                    "registry row is not `code<TAB>name<TAB>status...`",
                )
                .at(Location::new(REGISTRY_PATH, line, 1))
                .help("fix the row; status is one of standard, unofficial, unused, obsolete, temporary, ..."),
            ),
        }
    }
    entries
}

/// Warns for every registry code the site lacks, and for titles or statuses
/// that disagree. Names in parentheses ("(Unused)") are descriptions, not titles.
pub fn check_coverage(site: &Site, registry: &[RegistryEntry]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in registry {
        let at = Location::new(REGISTRY_PATH, entry.line, 1);
        if site.invalid_codes.contains_key(&entry.code) {
            continue; // its page exists and its problems are reported there
        }
        let Some(code) = site.codes.get(&entry.code) else {
            out.push(
                Diagnostic::warning(
                    Kind::RegistryMismatch,
                    format!("{} {} is in the registry but has no page", entry.code, entry.name),
                )
                .at(at)
                .help(format!("run `statusref new {}` and fill in the page", entry.code)),
            );
            continue;
        };
        let described = entry.name.starts_with('(');
        if !described && !code.title.eq_ignore_ascii_case(&entry.name) {
            out.push(
                Diagnostic::warning(
                    Kind::RegistryMismatch,
                    format!("title `{}` disagrees with the registry name `{}`", code.title, entry.name),
                )
                .at(Location::new(&code.body.path, code.lines.title, 1))
                .help(format!("use the registered name `{}`; put older names in `aliases`", entry.name)),
            );
        }
        if code.status != entry.status {
            out.push(
                Diagnostic::warning(
                    Kind::RegistryMismatch,
                    format!(
                        "status `{}` disagrees with the registry status `{}`",
                        code.status.as_str(),
                        entry.status.as_str()
                    ),
                )
                .at(Location::new(&code.body.path, code.lines.status, 1))
                .help(format!("set `status: {}`", entry.status.as_str())),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_bad_ones() {
        let mut diags = Vec::new();
        let entries =
            parse_registry("code\tname\tstatus\n404\tNot Found\tstandard\nxyz\tA\tstandard\n", &mut diags);
        assert_eq!(
            entries,
            vec![RegistryEntry {
                code: 404,
                name: "Not Found".into(),
                status: Status::Standard,
                line: 2,
                columns: [("code", "404"), ("name", "Not Found"), ("status", "standard")]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            }]
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].location.as_ref().unwrap().line, 3);
    }
}
