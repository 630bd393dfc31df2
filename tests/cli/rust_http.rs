//! `data/constants/rust-http-1.5.tsv` checked against the `http` crate itself
//! (a dev-dependency pinned to the table's version). `build.rs` turns each row
//! into `(code, name, http::StatusCode::NAME)`, so a name the crate lacks does
//! not compile; this test checks the codes and that no constant is missing.

use std::collections::BTreeSet;

const TABLE: &[(u16, &str, http::StatusCode)] = include!(concat!(env!("OUT_DIR"), "/rust_http_table.rs"));

#[test]
fn every_row_names_the_crate_constant_for_its_code() {
    for (code, name, constant) in TABLE {
        assert_eq!(constant.as_u16(), *code, "{name} in data/constants/rust-http-1.5.tsv");
    }
}

#[test]
fn every_code_the_crate_names_is_in_the_table() {
    // The crate's `status_codes!` macro defines a constant and a canonical
    // reason for the same codes, so the reasons enumerate the constants.
    let crate_codes: BTreeSet<u16> = (100..=999u16)
        .filter(|c| http::StatusCode::from_u16(*c).is_ok_and(|s| s.canonical_reason().is_some()))
        .collect();
    let table_codes: BTreeSet<u16> = TABLE.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(table_codes, crate_codes, "data/constants/rust-http-1.5.tsv against http 1.5.0");
    assert_eq!(TABLE.len(), crate_codes.len(), "one name per code, as in the crate");
}
