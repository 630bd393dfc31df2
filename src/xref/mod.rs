//! Cross-references, below both `markdown` and `resolve`:
//!
//! - `links`: the site's URL scheme (`PageId`, `SiteIndex`): where each page
//!   lives and the relative href from one page to another;
//! - `prose`: the scanner that finds status codes mentioned in prose ("see
//!   401", "unlike 302") and decides which become links;
//! - `lexicon`: the words around a number that the scanner reads, one data
//!   file per language (`lexicon/en.txt`, `lexicon/zh-Hans.txt`);
//! - `anchors`: the `id`s of an HTML text (raw HTML, templates, rendered pages).

pub mod anchors;
pub mod lexicon;
pub mod links;
pub mod prose;

pub use lexicon::Lexicon;
pub use links::{PageId, SiteIndex};
