//! What serde reads from front matter, before any checking: the declaration
//! of every key (`keys::front_matter_keys!`), from which the struct, its
//! `Schema` (allowed keys, key-by-key reader), the docs table and the `new`
//! scaffold follow. Every field is optional here. Valid front matter
//! deserializes in one go (the derived `Deserialize`); otherwise
//! `Schema::read` takes it key by key to report every problem. `model` turns
//! these into validated, complete types and reports what is missing or wrong.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::keys::front_matter_keys;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub name: String,
    pub section: Option<String>,
    pub url: Option<String>,
}

/// Names that libraries give the code, by library key (`python`, `rails` ...;
/// `model::constants::LIBRARIES` declares the keys).
pub type RawConstants = BTreeMap<String, RawConstantNames>;

/// One library's names for a code: a single name, or a list of names with
/// the library versions each belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawConstantNames {
    One(String),
    Many(Vec<RawConstantName>),
}

/// `{name, since, until, note}`: `since` is the first library version with
/// the name, `until` the first without it (or where it is deprecated).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstantName {
    pub name: String,
    pub since: Option<String>,
    pub until: Option<String>,
    pub note: Option<String>,
}

impl<'de> Deserialize<'de> for RawConstantNames {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = RawConstantNames;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name, or a list of `{name, since, until, note}`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawConstantNames::One(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawConstantNames::Many(Vec::new()))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawConstantNames::Many(Vec::new()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(RawConstantNames::Many)
            }
        }
        deserializer.deserialize_any(Names)
    }
}

front_matter_keys! {
    /// `content/4xx/404.md`
    pub struct RawCodePage {
        code: i64, required, "integer 100-599", "The status code; equals the file name, and the file sits in its class folder.", "";
        title: String, required translatable, "text", "The current registered reason phrase (`data/registry.tsv`).", "\"\"";
        excerpt: String, required translatable, "text", "One sentence, shown in lists and used as the default meta description.", "\"\"";
        meta: RawMeta, optional translatable, "map: `title`, `description`", "The page's title and description for search results, when they should differ from the defaults.", "";
        status: String, optional, "status name", "`standard` (the default), `deprecated`, `experimental`, `unofficial`, `unused`, `obsolete` or `temporary`: the registry's status.", "standard";
        tags: Vec<String>, optional, "list of text", "Labels shown as badges, e.g. `webdav`, `nginx`, `cloudflare`.", "[]";
        aliases: Vec<String>, optional, "list of text", "Former or other names of the code.", "[]";
        vendor: String, optional, "text", "For unofficial codes: who sends it.", "# unofficial codes only: who sends it";
        spec: Vec<RawSpec>, optional, "list of maps: `name`, `section`, `url`", "The defining documents; quote section numbers (`\"15.5.5\"`); URLs are http(s).", "[]";
        see_also: Vec<i64>, optional, "list of codes", "Related codes; each must have a page in the site.", "[]";
        constants: RawConstants, optional, "map of library names", "What libraries call the code: one name, or names with the versions they belong to (see Library constants); `check` verifies them.", "";
        order: i64, optional, "integer", "Sort key within the class; the code by default.", "# optional sort key within the class; the code by default";
        examples_show_code: bool, optional, "true or false", "`false` when the code never appears as a status line in the examples (see Examples); `true` by default.", "# optional, default true: false when the code never appears as a status line";
    }
    /// The code page's display-only keys, shown on its page as `code.KEY`.
    shown CodeShown {}
}

front_matter_keys! {
    /// `content/4xx/_index.md`
    pub struct RawClassPage {
        title: String, required translatable, "text", "The class's title, e.g. `Client error`.", "";
        excerpt: String, required translatable, "text", "One sentence on the class, shown under its title.", "";
        meta: RawMeta, optional translatable, "map: `title`, `description`", "The page's title and description for search results, when they should differ from the defaults.", "";
    }
}

front_matter_keys! {
    /// `content/_index.md`
    pub struct RawHome {
        title: String, required translatable, "text", "The site's heading.", "";
        excerpt: String, optional translatable, "text", "The lead sentence; the site's description by default.", "";
        meta: RawMeta, optional translatable, "map: `title`, `description`", "The page's title and description for search results, when they should differ from the defaults.", "";
        image: String, optional, "text", "A picture for social cards: a path under `content/` or an absolute URL.", "";
        image_alt as "imageAlt": String, optional, "text", "The picture's text alternative.", "";
    }
}

front_matter_keys! {
    /// `site.yaml`
    pub struct RawSiteConfig {
        title: String, optional, "text", "The site's name.", "";
        description: String, optional, "text", "One sentence on the site.", "";
        base_url: String, optional, "absolute URL", "Where the site is published; feeds absolute URLs.", "";
        theme: String, optional, "folder name", "A theme under `themes/`; `default` by default.", "";
        language: String, optional, "language tag", "The default language of the pages; `en` by default.", "";
        language_name: String, optional, "text", "The default language's name in the language switcher; `English` by default.", "";
        languages: Vec<RawLanguage>, optional, "list of maps: `code`, `name`, `prefix`", "Other languages: a theme strings code (`zh-Hans`), its name in the switcher, its URL folder (`zh-hans`).", "";
        repository: RawRepository, optional, "map: `name`, `branch`", "The GitHub repository, for edit links.", "";
        cname: String, optional, "host name", "Written to `CNAME` for GitHub Pages.", "";
    }
}

/// One entry of `languages:` in `site.yaml`. Every field may be missing
/// here, so that the model reports a missing one at its entry and still
/// knows the entry's code.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    pub code: Option<String>,
    pub name: Option<String>,
    pub prefix: Option<String>,
}

front_matter_keys! {
    /// `content/4xx/404.zh-Hans.md` (and `_index.zh-Hans.md`): a translation
    /// holds the translatable keys of its page kind, and which version of
    /// its source it was made from.
    pub struct RawTranslation {
        title: String, optional, "text", "The translated title.", "";
        excerpt: String, optional, "text", "The translated excerpt.", "";
        meta: RawMeta, optional, "map: `title`, `description`", "The translated meta title and description.", "";
        translated_from: String, optional, "text", "A short hash of the source's translatable text when it was translated; `statusref translations --stamp` writes it.", "";
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepository {
    /// `owner/name`
    pub name: String,
    pub branch: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::Schema;

    /// The derived `Deserialize` (fast path) and `Schema::KEYS` (key by key) accept the same keys.
    fn keys_agree<T: Schema>() {
        let err = serde_yaml::from_str::<T>("no_such_key: 1\n").err().expect("unknown keys are refused");
        let message = err.to_string();
        let mut derived: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        let mut keys = T::KEYS.to_vec();
        derived.sort_unstable();
        keys.sort_unstable();
        assert_eq!(derived, keys, "{message}");
    }

    #[test]
    fn derived_fields_match_the_schema_keys() {
        keys_agree::<RawCodePage>();
        keys_agree::<RawClassPage>();
        keys_agree::<RawHome>();
        keys_agree::<RawSiteConfig>();
    }
}
