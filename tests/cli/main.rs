//! Integration tests: the real binary on small fixture sites
//! (`tests/fixtures/<area>/<case>/`), HTML parsed with scraper.

mod build;
mod check;
mod constants;
mod content;
mod coverage;
mod examples;
mod new;
mod pages;
mod rust_http;
mod serve;
mod strings;
mod support;
