//! statusref: a static site generator for an HTTP status code reference.
//!
//! Data flows one way: `source` (read files) -> `model` (validate) ->
//! `resolve` (markdown, cross-links) -> `render` (templates) -> `verify` (links
//! and ids of the rendered site) -> `output` (write).
//! `pipeline` strings the stages together for the `commands`, and hands
//! each stage the `options` (the build settings, a leaf module) it reads. `xref` (the URL
//! scheme, the prose cross-link scanner and the HTML id scanner) sits below
//! `markdown` and `resolve`, which both use it. `lint` checks the validated site's ```http
//! examples between `model` and `resolve`. `diagnostic` (problems, their kinds
//! and how they are printed) and `html` (escaping) serve every stage; `cli` is
//! the only module of the library that knows clap, besides `options`, which
//! is `build`'s command line as much as the pipeline's settings.
//!
//! Module order: `options`, `diagnostic`, `html`, `cli`, `source`, `model`,
//! `xref`, `markdown`, `lint`, `resolve`, `constants`, `theme`, `render`,
//! `verify`, `output`, `pipeline`, `serve`, `commands`. Each uses only modules
//! listed before it, so there is no cycle; `tests/cli/architecture.rs` derives
//! the graph from the `crate::` paths in `src/` and checks both.

pub mod cli;
pub mod commands;
pub mod constants;
pub mod diagnostic;
pub mod html;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod options;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod source;
pub mod theme;
pub mod verify;
pub mod xref;
