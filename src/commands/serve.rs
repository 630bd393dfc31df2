//! `statusref serve`: map the arguments, run the server (see the serve module), report errors.

use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};

use super::EXIT_USAGE;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let options =
        ServeOptions { root: args.root.root.clone(), bind: args.bind, port: args.port, open: args.open };
    match serve::run(&options) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) if err.is_usage() => {
            eprintln!("error: {err}");
            if let Some(help) = err.help() {
                eprintln!("  = help: {help}");
            }
            Ok(ExitCode::from(EXIT_USAGE))
        }
        Err(err) => Err(err.into()),
    }
}
