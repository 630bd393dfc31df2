//! GitHub workflow commands: one `::error file=...,line=...,col=...::message`
//! (or `::warning ...`) line per diagnostic, the help appended to the message,
//! escaped as `@actions/core` does. Nothing is capped or summarised.

use std::fmt::Write as _;

use super::Diagnostic;

pub(super) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        render_one(&mut out, d);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic) {
    let level = d.severity.label();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    match &d.location {
        Some(loc) => {
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={}::{}",
                escape_property(&loc.display_path()),
                loc.line,
                loc.column,
                escape_data(&message)
            );
        }
        None => {
            let _ = writeln!(out, "::{level}::{}", escape_data(&message));
        }
    }
}

/// Workflow command data escaping, as in @actions/core.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Kind, Location};

    #[test]
    fn github_format_escapes_properties_and_data() {
        let d = Diagnostic::warning(Kind::Todo, "50% of\nit").at(Location::new("content/a,b.md", 2, 5));
        assert_eq!(render(&[d]), "::warning file=content/a%2Cb.md,line=2,col=5::50%25 of%0Ait\n");
    }

    #[test]
    fn help_follows_the_message_and_no_location_leaves_out_the_properties() {
        let d = Diagnostic::error(Kind::NotASite, "no content/ folder").help("pass --root");
        assert_eq!(render(&[d]), "::error::no content/ folder%0Ahelp: pass --root\n");
    }
}
