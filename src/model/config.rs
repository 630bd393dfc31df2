//! Site settings from `site.yaml`, with defaults, and the site's languages:
//! the default one (`language`, `language_name`) and the others
//! (`languages:`), each checked (a URL prefix that is a folder name, used
//! once; that the rest of the site writes nothing there is checked on the
//! rendered files).

use crate::diagnostic::{Diagnostic, Kind, Location};
use crate::source::front_matter::Parsed;
use crate::source::raw::RawSiteConfig;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// `owner/name`
    pub name: String,
    pub branch: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site, ending in `/`; only feeds absolute URLs (sitemap, canonical).
    pub base_url: Option<String>,
    pub theme: String,
    /// The default language's code (`languages[0].code`).
    pub language: String,
    /// The default language first (its prefix empty), then the others as listed.
    pub languages: Vec<Language>,
    pub repository: Option<Repository>,
    pub cname: Option<String>,
    /// Language codes site.yaml declares in entries that were rejected (and
    /// reported); `None` in place of a code when `languages:` as a whole
    /// could not be read. Translations in them are not reported again.
    pub rejected_languages: Vec<Option<String>>,
}

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// A theme strings file's name and `<html lang>`: `zh-Hans`.
    pub code: String,
    /// As shown in the language switcher: `简体中文`.
    pub name: String,
    /// The URL folder of its pages (`zh-hans`); empty for the default language.
    pub prefix: String,
    /// Where it was configured, for diagnostics about it (`None` for the default).
    pub location: Option<Location>,
}

impl Language {
    /// `zh-hans/` (or "" for the default language): the folder of its pages.
    pub fn folder(&self) -> String {
        if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        }
    }
}

/// The default language when `site.yaml` names none.
fn default_language(code: &str, name: Option<String>) -> Language {
    Language {
        code: code.to_string(),
        name: name.unwrap_or_else(|| "English".into()),
        prefix: String::new(),
        location: None,
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "HTTP status codes".into(),
            description: "A reference of HTTP status codes".into(),
            base_url: None,
            theme: "default".into(),
            language: "en".into(),
            languages: vec![default_language("en", None)],
            repository: None,
            cname: None,
            rejected_languages: Vec::new(),
        }
    }
}

impl SiteConfig {
    /// The default language (the first of `languages`).
    pub fn default_language(&self) -> Language {
        self.languages.first().cloned().unwrap_or_else(|| default_language(&self.language, None))
    }

    /// Builds the settings from `site.yaml` (if any) and the `--base-url` override.
    pub fn from_raw(
        raw: Option<Parsed<RawSiteConfig>>,
        base_url_override: Option<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> SiteConfig {
        let mut config = SiteConfig::default();
        let mut base_url = None;
        if let Some(parsed) = raw {
            let location = |key: &str| parsed.location_of(key);
            let raw = parsed.data.clone();
            if let Some(t) = raw.title {
                config.title = t;
            }
            if let Some(d) = raw.description {
                config.description = d;
            }
            if let Some(l) = raw.language {
                config.language = l;
            }
            config.languages = vec![default_language(&config.language, raw.language_name)];
            if parsed.rejected("languages") {
                config.rejected_languages.push(None);
            }
            for (index, language) in raw.languages.unwrap_or_default().into_iter().enumerate() {
                let at = |field: Option<&str>| parsed.item_location("languages", index, field);
                match check_language(&language, &config.languages) {
                    Err((field, problem)) => {
                        diagnostics.push(Diagnostic::error(Kind::InvalidValue, problem).at(at(field)).help(
                            "give each language a `code` (a theme strings file, e.g. zh-Hans), a `name` \
                             (shown in the language switcher) and a `prefix` of its own (its URL folder, e.g. zh-hans)",
                        ));
                        config.rejected_languages.push(language.code);
                    }
                    Ok((code, name, prefix)) => {
                        config.languages.push(Language { code, name, prefix, location: Some(at(None)) })
                    }
                }
            }
            if let Some(theme) = raw.theme {
                if theme.is_empty()
                    || !theme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    diagnostics.push(
                        Diagnostic::error(
                            Kind::InvalidValue,
                            format!("theme name `{theme}` is not a folder name"),
                        )
                        .at(location("theme"))
                        .help("use the name of a folder under themes/, e.g. `theme: default`"),
                    );
                } else {
                    config.theme = theme;
                }
            }
            if let Some(repo) = raw.repository {
                if repo.name.split('/').filter(|p| !p.is_empty()).count() != 2 {
                    diagnostics.push(
                        Diagnostic::error(
                            Kind::InvalidValue,
                            format!("repository name `{}` is not owner/name", repo.name),
                        )
                        .at(location("repository"))
                        .help("write it like `name: octocat/statusref`"),
                    );
                } else {
                    config.repository = Some(Repository {
                        name: repo.name,
                        branch: repo.branch.unwrap_or_else(|| "main".into()),
                    });
                }
            }
            config.cname = raw.cname.filter(|c| !c.trim().is_empty());
            if let Some(url) = raw.base_url {
                base_url = Some((url, Some(location("base_url"))));
            }
        }
        if let Some(url) = base_url_override {
            base_url = Some((url.to_string(), None));
        }
        if let Some((url, location)) = base_url {
            match normalize_base_url(&url) {
                Some(url) => config.base_url = Some(url),
                None => {
                    let mut d = Diagnostic::error(
                        Kind::InvalidValue,
                        format!("base URL `{url}` is not an absolute http(s) URL"),
                    )
                    .help("write it like https://owner.github.io/repo/");
                    if let Some(location) = location {
                        d = d.at(location);
                    }
                    diagnostics.push(d);
                }
            }
        }
        config
    }
}

/// A language entry must have its own code, a name, and a prefix that is a
/// folder name of its own (that the rest of the site writes no file in that
/// folder is checked on the rendered files, `render::prefix_clashes`). Returns (code, name, prefix), or the field at fault (`None`:
/// the entry) and the problem.
fn check_language(
    language: &crate::source::raw::RawLanguage,
    known: &[Language],
) -> Result<(String, String, String), (Option<&'static str>, String)> {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let Some(code) = text(&language.code) else {
        return Err((None, "a language entry has no `code`".to_string()));
    };
    let Some(name) = text(&language.name) else {
        return Err((None, format!("language `{code}` has no `name`")));
    };
    let Some(prefix) = text(&language.prefix) else {
        return Err((None, format!("language `{code}` has no `prefix`")));
    };
    let problem = if known.iter().any(|l| l.code == code) {
        (Some("code"), format!("language `{code}` is listed twice"))
    } else if !prefix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        (Some("prefix"), format!("prefix `{prefix}` of `{code}` is not a lowercase folder name"))
    } else if let Some(other) = known.iter().find(|l| l.prefix == prefix) {
        (Some("prefix"), format!("prefix `{prefix}` of `{code}` is already the prefix of `{}`", other.code))
    } else {
        return Ok((code, name, prefix));
    };
    Err(problem)
}

/// `https://x.github.io/repo` -> `https://x.github.io/repo/`
fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty()
        || rest.starts_with('/')
        || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        return None;
    }
    Some(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(normalize_base_url("https://a.github.io/r").as_deref(), Some("https://a.github.io/r/"));
        assert_eq!(normalize_base_url("http://x/").as_deref(), Some("http://x/"));
        assert_eq!(normalize_base_url("ftp://x/"), None);
        assert_eq!(normalize_base_url("https://"), None);
        assert_eq!(normalize_base_url("javascript:alert(1)"), None);
    }
}
