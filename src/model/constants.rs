//! Library constants in the model: the libraries a page may name
//! (`LIBRARIES`, the one declaration of the `constants:` keys), library
//! versions, and the checked `Constant` built from front matter.
//!
//! 1. each key under `constants:` must be a declared library (did-you-mean),
//! 2. a value is one name, or a list of `{name, since, until, note}`,
//! 3. names are kept in `LIBRARIES` order, each with its version range.
//!
//! Whether a name exists in its library is `crate::constants::verify`'s job.

use std::cmp::Ordering;

use serde::Serialize;

use crate::diagnostic::{did_you_mean, Diagnostic, Kind, Location};
use crate::source::raw::{RawConstantName, RawConstantNames, RawConstants};

/// A library whose status-code constants pages list.
#[derive(Debug, PartialEq, Eq)]
pub struct Library {
    /// The key under `constants:` in front matter.
    pub key: &'static str,
    /// Shown in the "In code" table and search: "Python (http.HTTPStatus)".
    pub label: &'static str,
    /// What the versions count: "Python", "Rack".
    pub product: &'static str,
    /// Tables are `data/constants/<table>-<version>.tsv`.
    pub table: &'static str,
}

/// Every library a page may name, in display order.
pub static LIBRARIES: &[Library] = &[
    Library { key: "python", label: "Python (http.HTTPStatus)", product: "Python", table: "python" },
    Library { key: "go", label: "Go (net/http)", product: "Go", table: "go" },
    Library { key: "rust", label: "Rust (http crate)", product: "http", table: "rust-http" },
    Library { key: "node", label: "Node.js (http.STATUS_CODES)", product: "Node.js", table: "node" },
    Library {
        key: "node_http2",
        label: "Node.js (http2.constants)",
        product: "Node.js",
        table: "node-http2",
    },
    Library { key: "rails", label: "Rails (Rack symbol)", product: "Rack", table: "rack" },
    Library { key: "spring", label: "Java (Spring HttpStatus)", product: "Spring", table: "spring" },
    Library { key: "dotnet", label: ".NET (HttpStatusCode)", product: ".NET", table: "dotnet" },
    Library {
        key: "aspnetcore",
        label: "ASP.NET Core (StatusCodes)",
        product: "ASP.NET Core",
        table: "aspnetcore",
    },
    Library { key: "symfony", label: "PHP (Symfony Response)", product: "Symfony", table: "symfony" },
];

pub fn library(key: &str) -> Option<&'static Library> {
    LIBRARIES.iter().find(|l| l.key == key)
}

/// Orders two version labels by their dotted numbers ("3.9" < "3.13");
/// `None` when either is not made of numbers (a `git-abc1234` snapshot).
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    let parse = |v: &str| v.split('.').map(|p| p.parse::<u64>().ok()).collect::<Option<Vec<u64>>>();
    Some(parse(a)?.cmp(&parse(b)?))
}

/// One name a library gives a code, and the library versions it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constant {
    #[serde(serialize_with = "library_label")]
    pub library: &'static Library,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// "Python 3.13 and later": the range in words, for the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn library_label<S: serde::Serializer>(library: &&'static Library, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(library.label)
}

impl Constant {
    /// Whether the name is claimed for `version`; `None` when the versions cannot be ordered.
    pub fn covers(&self, version: &str) -> Option<bool> {
        let after_since = match &self.since {
            Some(since) => compare_versions(version, since)?.is_ge(),
            None => true,
        };
        let before_until = match &self.until {
            Some(until) => compare_versions(version, until)?.is_lt(),
            None => true,
        };
        Some(after_since && before_until)
    }
}

/// Checks the `constants:` map of one page; `at` is the line of `constants:`.
pub fn build_constants(raw: RawConstants, at: &Location, diagnostics: &mut Vec<Diagnostic>) -> Vec<Constant> {
    let keys: Vec<&str> = LIBRARIES.iter().map(|l| l.key).collect();
    let mut out = Vec::new();
    for (key, names) in raw {
        let Some(library) = library(&key) else {
            let d = Diagnostic::error(Kind::UnknownKey, format!("unknown library `constants.{key}`"))
                .at(at.clone());
            diagnostics.push(match did_you_mean(&key, &keys) {
                Some(candidate) => d.help(format!("did you mean `{candidate}`?")),
                None => d.help(format!("the libraries are: {}", keys.join(", "))),
            });
            continue;
        };
        let names = match names {
            RawConstantNames::One(name) => {
                vec![RawConstantName { name, since: None, until: None, note: None }]
            }
            RawConstantNames::Many(names) => names,
        };
        for raw in names {
            let name = raw.name.trim().to_string();
            if name.is_empty() {
                continue; // `python:` left empty by `statusref new`
            }
            let text = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let (since, until, note) = (text(raw.since), text(raw.until), text(raw.note));
            let versions = match (&since, &until) {
                (Some(s), Some(u)) => Some(format!("{} {s} to before {u}", library.product)),
                (Some(s), None) => Some(format!("{} {s} and later", library.product)),
                (None, Some(u)) => Some(format!("before {} {u}", library.product)),
                (None, None) => None,
            };
            out.push(Constant { library, name, since, until, versions, note });
        }
    }
    out.sort_by_key(|c| LIBRARIES.iter().position(|l| std::ptr::eq(l, c.library)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(yaml: &str) -> (Vec<Constant>, Vec<Diagnostic>) {
        let raw: RawConstants = serde_yaml::from_str(yaml).expect("valid yaml");
        let mut diagnostics = Vec::new();
        let constants = build_constants(raw, &Location::new("content/4xx/413.md", 14, 1), &mut diagnostics);
        (constants, diagnostics)
    }

    #[test]
    fn a_name_or_a_list_with_versions() {
        let (c, d) = build(
            "go: http.StatusRequestEntityTooLarge\npython:\n  - name: HTTPStatus.CONTENT_TOO_LARGE\n    since: \"3.13\"\n  - name: HTTPStatus.REQUEST_ENTITY_TOO_LARGE\n    note: an alias from 3.13\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "HTTPStatus.CONTENT_TOO_LARGE",
                "HTTPStatus.REQUEST_ENTITY_TOO_LARGE",
                "http.StatusRequestEntityTooLarge"
            ]
        );
        assert_eq!(c[0].versions.as_deref(), Some("Python 3.13 and later"));
        assert_eq!(c[1].note.as_deref(), Some("an alias from 3.13"));
    }

    #[test]
    fn unknown_library_suggests_the_closest_key() {
        let (c, d) = build("pyhton: HTTPStatus.OK\n");
        assert!(c.is_empty());
        assert_eq!(d[0].message, "unknown library `constants.pyhton`");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `python`?"));
        assert_eq!(d[0].location.as_ref().map(|l| l.line), Some(14));
    }

    #[test]
    fn an_empty_entry_lists_nothing() {
        let (c, d) = build("python:\nrails: \"\"\n");
        assert!(c.is_empty() && d.is_empty());
    }

    #[test]
    fn versions_order_by_number_and_ranges_are_half_open() {
        assert_eq!(compare_versions("3.9", "3.13"), Some(Ordering::Less));
        assert_eq!(compare_versions("git-abc", "3.13"), None);
        let (c, _) = build("rails:\n  - name: \":payload_too_large\"\n    until: \"3.1\"\n");
        assert_eq!(c[0].covers("3.0"), Some(true));
        assert_eq!(c[0].covers("3.1"), Some(false));
        assert_eq!(c[0].versions.as_deref(), Some("before Rack 3.1"));
    }
}
