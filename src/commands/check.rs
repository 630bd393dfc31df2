//! `statusref check`: validate everything a build would, write nothing, report all.

use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::markdown::Highlighter;
use crate::options::Options;
use crate::pipeline;

use super::EXIT_CONTENT;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if let Err(code) = super::require_site_root(&args.root.root) {
        return Ok(code);
    }
    // One build, then the process ends: the highlighter's line caches are
    // left to the OS instead of being freed entry by entry.
    let highlighter: &'static Highlighter = Box::leak(Box::new(Highlighter::new()));
    let outcome = pipeline::run(&args.root.root, &Options::default(), highlighter);
    print!("{}", outcome.report(args.format.into()));
    let failed = outcome.has_errors() || (args.deny_warnings && !outcome.diagnostics.is_empty());
    Ok(if failed { ExitCode::from(EXIT_CONTENT) } else { ExitCode::SUCCESS })
}
