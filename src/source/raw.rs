//! What serde reads from front matter, before any checking. Every field is
//! optional here. Valid front matter deserializes in one go (the derived
//! `Deserialize`); otherwise `Schema::read` takes it key by key to report
//! every problem. Both accept the same keys (a test checks it); `model` turns
//! these into validated, complete types and reports what is missing or wrong.

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

/// Names that common libraries give the code.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstants {
    pub python: Option<String>,
    pub go: Option<String>,
    pub rust: Option<String>,
    pub node: Option<String>,
    pub node_http2: Option<String>,
    pub rails: Option<String>,
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
