//! `statusref build`: run the pipeline, print diagnostics, write the site.

use std::process::ExitCode;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::diagnostic::Format;
use crate::markdown::Highlighter;
use crate::options::Options;
use crate::output::{write_output, OutputError};
use crate::pipeline;

use super::{EXIT_CONTENT, EXIT_USAGE};

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let root = &args.root.root;
    if let Err(code) = super::require_site_root(root) {
        return Ok(code);
    }
    let output = args.output.clone().unwrap_or_else(|| root.join("output"));
    if let Err(err) = crate::output::check_output_dir(root, &output) {
        eprintln!("error: {err}");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    // One build, then the process ends: the highlighter's line caches are
    // left to the OS instead of being freed entry by entry.
    let highlighter: &'static Highlighter = Box::leak(Box::new(Highlighter::new()));
    // Examples and constants are `check`'s job (see `Options::check_facts`).
    let options = Options { check_facts: false, ..args.options.clone() };
    let outcome = pipeline::run(root, &options, highlighter);
    if !outcome.diagnostics.is_empty() {
        eprint!("{}", outcome.report(Format::Human));
    }
    let Some(files) = &outcome.files else {
        eprintln!("error: build failed; the previous site in {} was left as it was", output.display());
        return Ok(ExitCode::from(EXIT_CONTENT));
    };
    let write_started = Instant::now();
    match write_output(root, &output, files) {
        Ok(()) => {}
        Err(err @ OutputError::Refused { .. }) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Err(err) => return Err(err.into()),
    }
    if args.timings {
        for (stage, took) in &outcome.timings {
            eprintln!("{stage:>32}: {:>8.2} ms", took.as_secs_f64() * 1000.0);
        }
        eprintln!("{:>32}: {:>8.2} ms", "write", write_started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "built {} pages ({} files) into {} in {} ms",
        outcome.pages,
        files.len(),
        output.display(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
