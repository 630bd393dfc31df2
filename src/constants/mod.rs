//! Library constants checked against the libraries themselves.
//!
//! `data/constants/<library>-<version>.tsv` holds each library's names at one
//! version (`table`); `verify` checks every page's `constants:` against them.
//! Which libraries exist, and the names a page lists, are in
//! `model::constants`. `scripts/constants/regenerate.py` rewrites the tables
//! an installed library can produce; `tests/cli/rust_http.rs` checks the Rust
//! `http` crate's table against the crate.

pub mod table;
pub mod verify;

pub use table::{parse_table, Table, TABLES_DIR};
pub use verify::check_constants;
