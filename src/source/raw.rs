//! What serde reads from front matter, before any checking. Every field is
//! optional here. Valid front matter deserializes in one go (the derived
//! `Deserialize`); otherwise `Schema::read` takes it key by key to report
//! every problem. Both accept the same keys (a test checks it); `model` turns
//! these into validated, complete types and reports what is missing or wrong.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::front_matter::{Fields, Schema};

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

/// `content/4xx/404.md`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCodePage {
    pub code: Option<i64>,
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub meta: Option<RawMeta>,
    pub order: Option<i64>,
    pub spec: Option<Vec<RawSpec>>,
    pub status: Option<String>,
    pub tags: Option<Vec<String>>,
    pub aliases: Option<Vec<String>>,
    pub see_also: Option<Vec<i64>>,
    pub constants: Option<RawConstants>,
    pub vendor: Option<String>,
    pub examples_show_code: Option<bool>,
}

impl Schema for RawCodePage {
    const KEYS: &'static [&'static str] = &[
        "code",
        "title",
        "excerpt",
        "meta",
        "order",
        "spec",
        "status",
        "tags",
        "aliases",
        "see_also",
        "constants",
        "vendor",
        "examples_show_code",
    ];

    fn read(f: &mut Fields<'_>) -> Self {
        RawCodePage {
            code: f.take("code"),
            title: f.take("title"),
            excerpt: f.take("excerpt"),
            meta: f.take("meta"),
            order: f.take("order"),
            spec: f.take("spec"),
            status: f.take("status"),
            tags: f.take("tags"),
            aliases: f.take("aliases"),
            see_also: f.take("see_also"),
            constants: f.take("constants"),
            vendor: f.take("vendor"),
            examples_show_code: f.take("examples_show_code"),
        }
    }
}

/// `content/4xx/_index.md`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClassPage {
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub meta: Option<RawMeta>,
}

impl Schema for RawClassPage {
    const KEYS: &'static [&'static str] = &["title", "excerpt", "meta"];

    fn read(f: &mut Fields<'_>) -> Self {
        RawClassPage { title: f.take("title"), excerpt: f.take("excerpt"), meta: f.take("meta") }
    }
}

/// `content/_index.md`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    pub title: Option<String>,
    pub excerpt: Option<String>,
    pub meta: Option<RawMeta>,
    pub image: Option<String>,
    #[serde(rename = "imageAlt")]
    pub image_alt: Option<String>,
}

impl Schema for RawHome {
    const KEYS: &'static [&'static str] = &["title", "excerpt", "meta", "image", "imageAlt"];

    fn read(f: &mut Fields<'_>) -> Self {
        RawHome {
            title: f.take("title"),
            excerpt: f.take("excerpt"),
            meta: f.take("meta"),
            image: f.take("image"),
            image_alt: f.take("imageAlt"),
        }
    }
}

/// `site.yaml`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSiteConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub theme: Option<String>,
    pub language: Option<String>,
    pub repository: Option<RawRepository>,
    pub cname: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepository {
    /// `owner/name`
    pub name: String,
    pub branch: Option<String>,
}

impl Schema for RawSiteConfig {
    const KEYS: &'static [&'static str] =
        &["title", "description", "base_url", "theme", "language", "repository", "cname"];

    fn read(f: &mut Fields<'_>) -> Self {
        RawSiteConfig {
            title: f.take("title"),
            description: f.take("description"),
            base_url: f.take("base_url"),
            theme: f.take("theme"),
            language: f.take("language"),
            repository: f.take("repository"),
            cname: f.take("cname"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
