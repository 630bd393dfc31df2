//! `statusref serve` (see the serve module).

use std::process::ExitCode;

use crate::cli::ServeArgs;

pub fn run(_args: &ServeArgs) -> anyhow::Result<ExitCode> {
    eprintln!("error: serve is not available yet");
    Ok(ExitCode::from(super::EXIT_USAGE))
}
