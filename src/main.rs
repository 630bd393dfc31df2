use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = statusref::cli::Cli::parse();
    match statusref::commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(statusref::commands::EXIT_CONTENT)
        }
    }
}
