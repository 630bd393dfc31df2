//! Site settings from `site.yaml`, with defaults.

use crate::diagnostic::Diagnostic;
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
    pub language: String,
    pub repository: Option<Repository>,
    pub cname: Option<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "HTTP status codes".into(),
            description: "A reference of HTTP status codes".into(),
            base_url: None,
            theme: "default".into(),
            language: "en".into(),
            repository: None,
            cname: None,
        }
    }
}

impl SiteConfig {
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
            if let Some(theme) = raw.theme {
                if theme.is_empty()
                    || !theme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    diagnostics.push(
                        Diagnostic::error(format!("theme name `{theme}` is not a folder name"))
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
                        Diagnostic::error(format!("repository name `{}` is not owner/name", repo.name))
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
                    let mut d = Diagnostic::error(format!("base URL `{url}` is not an absolute http(s) URL"))
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

/// `https://x.github.io/repo` -> `https://x.github.io/repo/`
pub fn normalize_base_url(url: &str) -> Option<String> {
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
