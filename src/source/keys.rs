//! Front-matter keys, each declared once (`front_matter_keys!`): the serde
//! struct, the list of allowed keys, the key-by-key reader, the `new`
//! scaffold and the key table of `docs/content-guide.md` all follow from one
//! declaration per key.
//!
//! A declaration line reads
//! `field [as "yamlName"]: Type, required|optional [translatable], "kind", "what it means", "scaffold value";`
//! `translatable` marks the keys a translation (`404.zh-Hans.md`) may hold;
//! `RawTranslation` is tested to accept exactly those.
//! Keys in an optional `shown Name { ... }` block are display-only: `model`
//! passes them on unchanged (`take_shown`) and the page's view shows them
//! under their own name, so adding one needs no other Rust change.

/// One front-matter key as the docs and the scaffold describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    /// The kind of value, for the docs table ("integer", "list of text", ...).
    pub kind: &'static str,
    /// One line on what the key means.
    pub doc: &'static str,
    /// What `statusref new` writes after `name:` when it has nothing better
    /// (a value, a `# comment`, or nothing).
    pub scaffold: &'static str,
    /// Display-only: flows unchanged to the page's view.
    pub shown: bool,
    /// A translation (`404.zh-Hans.md`) may give its own value; every other
    /// key comes from the source page.
    pub translatable: bool,
}

/// The markdown table of `keys`, as `docs/content-guide.md` shows it.
pub fn markdown_table(keys: &[Key]) -> String {
    let mut table = String::from("| Key | Required | Value | Meaning |\n|---|---|---|---|\n");
    for key in keys {
        let required = if key.required { "required" } else { "optional" };
        table.push_str(&format!("| `{}` | {required} | {} | {} |\n", key.name, key.kind, key.doc));
    }
    table
}

/// `field` or `field as "name"` -> the key as written in YAML.
macro_rules! key_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident as $key:literal) => {
        $key
    };
}

macro_rules! is_translatable {
    () => {
        false
    };
    (translatable) => {
        true
    };
}

macro_rules! is_required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

/// Declares a front-matter type key by key; see the module doc.
macro_rules! front_matter_keys {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $field:ident $(as $key:literal)? : $ty:ty, $need:ident $($tr:ident)?, $kind:literal, $doc:literal, $scaffold:literal; )*
        }
        $(
            $(#[$shown_attr:meta])*
            shown $shown:ident {
                $( $sfield:ident $(as $skey:literal)? : $sty:ty, $sneed:ident, $skind:literal, $sdoc:literal, $sscaffold:literal; )*
            }
        )?
    ) => {
        $(#[$attr])*
        #[derive(Debug, Default, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $( $(#[serde(rename = $key)])? pub $field: Option<$ty>, )*
            $($( $(#[serde(rename = $skey)])? pub $sfield: Option<$sty>, )*)?
        }

        impl $crate::source::front_matter::Schema for $name {
            const KEYS: &'static [&'static str] = &[
                $( $crate::source::keys::key_name!($field $(as $key)?), )*
                $($( $crate::source::keys::key_name!($sfield $(as $skey)?), )*)?
            ];

            fn read(f: &mut $crate::source::front_matter::Fields<'_>) -> Self {
                $name {
                    $( $field: f.take($crate::source::keys::key_name!($field $(as $key)?)), )*
                    $($( $sfield: f.take($crate::source::keys::key_name!($sfield $(as $skey)?)), )*)?
                }
            }
        }

        impl $name {
            /// Every key in declaration order, for the docs and the scaffold.
            pub const DOCS: &'static [$crate::source::keys::Key] = &[
                $( $crate::source::keys::Key {
                    name: $crate::source::keys::key_name!($field $(as $key)?),
                    required: $crate::source::keys::is_required!($need),
                    kind: $kind,
                    doc: $doc,
                    scaffold: $scaffold,
                    shown: false,
                    translatable: $crate::source::keys::is_translatable!($($tr)?),
                }, )*
                $($( $crate::source::keys::Key {
                    name: $crate::source::keys::key_name!($sfield $(as $skey)?),
                    required: $crate::source::keys::is_required!($sneed),
                    kind: $skind,
                    doc: $sdoc,
                    scaffold: $sscaffold,
                    shown: true,
                    translatable: false,
                }, )*)?
            ];
        }

        $(
            $(#[$shown_attr])*
            #[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
            pub struct $shown {
                $( pub $sfield: Option<$sty>, )*
            }

            impl $name {
                /// Moves the display-only keys out, for the model to pass on unchanged.
                pub fn take_shown(&mut self) -> $shown {
                    $shown { $( $sfield: self.$sfield.take(), )* }
                }
            }
        )?
    };
}

pub(crate) use {front_matter_keys, is_required, is_translatable, key_name};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::Schema;
    use crate::source::raw::{RawClassPage, RawCodePage, RawHome};

    const CONTENT_GUIDE: &str = include_str!("../../docs/content-guide.md");

    #[test]
    fn the_content_guide_has_the_key_table_of_every_page_kind() {
        for (kind, keys) in
            [("code page", RawCodePage::DOCS), ("class page", RawClassPage::DOCS), ("home", RawHome::DOCS)]
        {
            let table = markdown_table(keys);
            assert!(
                CONTENT_GUIDE.contains(&table),
                "docs/content-guide.md lacks the current key table of the {kind}; put this in its place:\n\n{table}"
            );
        }
    }

    #[test]
    fn docs_list_the_keys_the_reader_accepts() {
        fn names<T: Schema>(docs: &[Key]) -> (Vec<&'static str>, Vec<&'static str>) {
            (docs.iter().map(|k| k.name).collect(), T::KEYS.to_vec())
        }
        let (docs, keys) = names::<RawCodePage>(RawCodePage::DOCS);
        assert_eq!(docs, keys);
        let (docs, keys) = names::<RawHome>(RawHome::DOCS);
        assert_eq!(docs, keys);
        assert!(RawHome::KEYS.contains(&"imageAlt"), "`as` renames the key");
    }

    #[test]
    fn every_key_has_a_kind_and_a_meaning() {
        for key in RawCodePage::DOCS.iter().chain(RawClassPage::DOCS).chain(RawHome::DOCS) {
            assert!(!key.kind.is_empty() && !key.doc.is_empty(), "{key:?}");
            assert!(!key.doc.contains('|') && !key.kind.contains('|'), "breaks the table: {key:?}");
        }
    }
}

#[cfg(test)]
mod translatable_tests {
    use crate::source::front_matter::Schema;
    use crate::source::raw::{RawClassPage, RawCodePage, RawHome, RawTranslation};

    /// `RawTranslation` takes the keys each page kind marks `translatable`, and `translated_from`.
    #[test]
    fn a_translation_takes_the_translatable_keys_of_every_page_kind() {
        for docs in [RawCodePage::DOCS, RawClassPage::DOCS, RawHome::DOCS] {
            let mut keys: Vec<&str> = docs.iter().filter(|k| k.translatable).map(|k| k.name).collect();
            keys.push("translated_from");
            assert_eq!(keys, RawTranslation::KEYS);
        }
    }
}
