//! The build settings: what a caller asks of one pipeline run (`Options`).
//!
//! This is a leaf: it depends on nothing in the crate, so every stage can
//! take `&Options` (the pipeline hands it to them) without depending on the
//! pipeline. `Options` is also `build`'s command line: `cli::BuildArgs`
//! flattens it, so the doc comment of a field is its `--help` line. A new
//! build flag is one field here (with its `#[arg]`, and its default in
//! `Default`) plus the stage that reads it. `check` and `serve` take
//! `Options::default()` and set what they mean (`serve` its base URL).

/// What the caller asks of one run. Callers set the fields they mean and
/// take the rest from `..Default::default()`.
#[derive(Debug, Clone, clap::Args)]
#[non_exhaustive]
pub struct Options {
    /// Absolute URL the site is published at (feeds sitemap, canonical and og:url)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Check the content's facts against their outside sources: the ```http
    /// examples against RFC 9110/9112 (`lint`) and library constants against
    /// `data/constants` (`constants`). On by default (`check`, `serve`);
    /// `build` turns it off, since a site builds the same either way and CI
    /// and the Pages workflow run `check` first. Not a flag.
    #[arg(skip = true)]
    pub check_facts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { base_url: None, check_facts: true }
    }
}

#[cfg(test)]
mod tests {
    /// Every stage may take `&Options` only while this module depends on
    /// nothing in the crate (else a stage reading it could form a cycle).
    #[test]
    fn options_is_a_leaf() {
        let text = include_str!("options.rs");
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        let uses: Vec<&str> = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .filter(|l| l.contains("crate::") || l.contains("super::"))
            .collect();
        assert!(uses.is_empty(), "options.rs must not depend on the crate: {uses:?}");
    }
}
