//! Integration tests: the real binary on small fixture sites
//! (`tests/fixtures/<area>/<case>/`), HTML parsed with scraper.

mod build;
mod check;
mod content;
mod coverage;
mod new;
mod pages;
mod serve;
mod support;
