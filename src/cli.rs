//! Command-line interface (clap derive). The command line's own types (such as
//! `FormatArg`) are mapped onto the library's here, so that nothing below
//! `commands` depends on clap. The one exception is `options::Options`, the
//! build settings, which `BuildArgs` flattens: a build flag is declared once,
//! next to its default, and read by the stage it concerns.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Format;
use crate::options::Options;

#[derive(Debug, Parser)]
#[command(name = "statusref", version, about = "Builds the HTTP status code reference site", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder
    Build(BuildArgs),
    /// Validate content and links without writing anything
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1 and rebuild on change
    Serve(ServeArgs),
    /// Create a new code page with every front matter key (or, with --lang, a translation)
    New(NewArgs),
    /// List every translated, stale or missing translation per language; --stamp marks files up to date
    Translations(TranslationsArgs),
}

#[derive(Debug, Args)]
pub struct TranslationsArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Set `translated_from:` in these translation files to their source's current hash
    #[arg(long, num_args = 1..)]
    pub stamp: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// Site root (holds content/, optional site.yaml and themes/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Output folder [default: ROOT/output]
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// The build settings (`--base-url` and the rest): see `options`
    #[command(flatten)]
    pub options: Options,
    /// Print how long each stage took
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// How to print problems
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `--format`: how `check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// rustc-like text with the quoted line
    Human,
    /// GitHub workflow commands (`::error file=...::message`)
    Github,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Human => Format::Human,
            FormatArg::Github => Format::Github,
        }
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to bind; only loopback unless you say otherwise
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in a browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The status code, 100 to 599
    pub code: String,
    /// Scaffold a translation of the code's page into this language (e.g. zh-Hans)
    #[arg(long)]
    pub lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Diagnostics and the stages below `commands` must not depend on the
    /// command-line parser: only this module (and `main`) name clap, and
    /// `options.rs`, because its `Options` are the command line's build
    /// settings (flattened into `BuildArgs`) and a leaf the stages read. The
    /// core (`diagnostic::Format` and the rest) stays free of it.
    #[test]
    fn only_the_cli_module_uses_clap() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            let rel = path.strip_prefix(&src).unwrap_or(path);
            if path.extension().is_none_or(|e| e != "rs")
                || rel == Path::new("cli.rs")
                || rel == Path::new("main.rs")
                || rel == Path::new("options.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap_or_default();
            if text.lines().any(|l| !l.trim_start().starts_with("//") && l.contains("clap::")) {
                offenders.push(rel.display().to_string());
            }
        }
        assert!(offenders.is_empty(), "clap is used outside src/cli.rs and src/options.rs: {offenders:?}");
    }

    /// Build's settings are `build`'s flags only: `check` and `serve` keep
    /// their own command lines (they take `Options::default()`), and
    /// `check_facts`, which the build command sets, is no flag at all.
    #[test]
    fn build_settings_are_flags_of_build_alone() {
        use clap::{Args, Parser};

        use super::Cli;
        use crate::options::Options;
        let settings = Options::augment_args(clap::Command::new("options"));
        // Each flag as it would be given: `--name` and, if it takes one, a value.
        let flags: Vec<Vec<String>> = settings
            .get_arguments()
            .filter_map(|a| Some((a.get_long()?, a.get_action().takes_values())))
            .map(|(long, value)| {
                std::iter::once(format!("--{long}")).chain(value.then(|| "x".into())).collect()
            })
            .collect();
        assert!(flags.iter().any(|f| f[0] == "--base-url"), "{flags:?}");
        assert!(!flags.iter().any(|f| f[0].contains("check")), "check_facts is not a flag: {flags:?}");
        for flag in &flags {
            let args = |command| ["statusref", command].into_iter().chain(flag.iter().map(String::as_str));
            assert!(Cli::try_parse_from(args("build")).is_ok(), "build rejects {flag:?}");
            for command in ["check", "serve"] {
                assert!(Cli::try_parse_from(args(command)).is_err(), "`{command}` accepts build's {flag:?}");
            }
        }
    }

    #[test]
    fn each_format_argument_maps_onto_its_format() {
        use clap::ValueEnum;

        use super::FormatArg;
        use crate::diagnostic::Format;
        for arg in FormatArg::value_variants() {
            let name = arg.to_possible_value().map(|v| v.get_name().to_string());
            let format = Format::from(*arg);
            assert_eq!(name.as_deref(), Some(format!("{format:?}").to_lowercase().as_str()));
        }
    }
}
