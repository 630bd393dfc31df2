//! `opensearch.xml`: an OpenSearch 1.1 description, so a browser can search
//! the site from its address bar. Its URL template must be absolute, so it is
//! written only when the site has a base URL; the search it points at is the
//! home page's `?q=`, which search.js picks up.

use crate::html;
use crate::model::Site;

/// The spec caps ShortName at 16 characters and Description at 1024.
const SHORT_NAME_MAX: usize = 16;
const DESCRIPTION_MAX: usize = 1024;

pub(super) fn opensearch(site: &Site, base: &str) -> String {
    let short = short_name(&site.config.title);
    let description = truncate_chars(&site.config.description, DESCRIPTION_MAX);
    let e = |s: &str| html::escape(s);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n  \
         <ShortName>{}</ShortName>\n  \
         <Description>{}</Description>\n  \
         <InputEncoding>UTF-8</InputEncoding>\n  \
         <Language>{}</Language>\n  \
         <Image width=\"16\" height=\"16\" type=\"image/svg+xml\">{}static/favicon.svg</Image>\n  \
         <Url type=\"text/html\" method=\"get\" template=\"{}?q={{searchTerms}}\"/>\n  \
         <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"{}opensearch.xml\"/>\n\
         </OpenSearchDescription>\n",
        e(&short),
        e(&description),
        e(&site.config.language),
        e(base),
        e(base),
        e(base),
    )
}

/// The title cut at a word boundary to fit 16 characters ("HTTP status codes"
/// gives "HTTP status"); a first word longer than that is cut.
fn short_name(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= SHORT_NAME_MAX {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > SHORT_NAME_MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = truncate_chars(title, SHORT_NAME_MAX);
    }
    out
}

fn truncate_chars(s: &str, max: usize) -> String {
    s.trim().chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_fit_sixteen_characters_at_a_word_boundary() {
        assert_eq!(short_name("HTTP status codes"), "HTTP status");
        assert_eq!(short_name("Status codes"), "Status codes");
        assert_eq!(short_name("Supercalifragilisticexpialidocious"), "Supercalifragili");
    }

    #[test]
    fn the_description_is_escaped_and_the_template_absolute() {
        let mut site = crate::model::SiteBuilder::new().valid_site();
        site.config.title = "A & B".into();
        let xml = opensearch(&site, "https://a.github.io/r/");
        assert!(xml.contains("<ShortName>A &amp; B</ShortName>"), "{xml}");
        assert!(xml.contains(r#"template="https://a.github.io/r/?q={searchTerms}""#), "{xml}");
        assert!(xml.contains(r#"rel="self" template="https://a.github.io/r/opensearch.xml""#), "{xml}");
    }
}
