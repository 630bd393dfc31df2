//! Lints on the content that go beyond validating the model: today, the
//! ```http examples (RFC 9112 message syntax and framing, the header fields
//! RFC 9110 requires of a status). `check` and `build` run them on the
//! validated site, before markdown is rendered.
//!
//! - `http_message`: split a block into messages, parse start lines and fields,
//! - `framing`: Content-Length, Transfer-Encoding and bodies,
//! - `required_fields`: the fields a status asks for,
//! - `examples`: find the blocks of a page and report, with file positions.

mod examples;
mod framing;
mod http_message;
mod required_fields;

pub use examples::{lint_examples, OwnCode, OPT_OUT_KEY};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Body, Site};

/// Lints the examples of every page of the site: code pages (asking each to
/// show its own code unless it opted out), pages that failed validation,
/// class pages and the home page.
pub fn lint_site(site: &Site) -> Vec<Diagnostic> {
    let codes = site.codes.values().map(|c| {
        let own = if c.examples_show_code { OwnCode::Shown(c.code) } else { OwnCode::OptedOut(c.code) };
        (own, &c.body)
    });
    let others =
        site.invalid_codes.values().chain(site.classes.iter().map(|c| &c.body)).chain([&site.home.body]);
    let pages: Vec<(OwnCode, &Body)> = codes.chain(others.map(|b| (OwnCode::None, b))).collect();
    pages.par_iter().flat_map_iter(|(own, body)| lint_examples(*own, body)).collect()
}
