//! Integration tests: the real binary on small fixture sites, HTML parsed
//! with scraper. `tests/fixtures/basic/` is a valid site; a case,
//! `tests/fixtures/<area>/<case>/`, holds the files that turn it into one
//! situation (`SiteTest::case`).

mod architecture;
mod build;
mod check;
mod constants;
mod content;
mod coverage;
mod examples;
mod i18n;
mod links;
mod new;
mod pages;
mod rust_http;
mod serve;
mod strings;
mod support;
