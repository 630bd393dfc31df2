//! A small, complete site made in memory: every optional value set, every
//! list filled, each page kind present. Its page contexts stand for every
//! page when `theme::fields` checks the paths a theme's templates use.

use serde_json::Value;

use super::full_page_context;
use crate::markdown::Highlighter;
use crate::model::{Language, Repository, SiteBuilder, SiteConfig};
use crate::resolve::{resolve_site, ResolvedSite};
use crate::theme::Strings;

const HOME: &str = "---\ntitle: Statuses\nexcerpt: Every code.\nmeta:\n  title: Codes\n  description: All of them.\nimage: card.png\nimageAlt: A card\n---\n\n## About\n\nSee 404.\n";

const NOT_FOUND: &str = "tags: [web]\naliases: [Missing]\nvendor: Everyone\nmeta:\n  title: T\n  description: D\n\
    spec:\n  - name: RFC 9110\n    section: \"15.5.5\"\n    url: https://www.rfc-editor.org/rfc/rfc9110.html\n\
    see_also: [401]\nconstants:\n  python:\n    - name: HTTPStatus.NOT_FOUND\n      since: \"3.5\"\n      until: \"9.0\"\n      note: a note\n";

/// The serialised context of every page of the sample site, with the name
/// of the template that renders it and the theme's words in `strings`.
pub(crate) fn sample_contexts(strings: &Strings) -> Vec<(&'static str, Value)> {
    let config = SiteConfig {
        base_url: Some("https://example.org/".into()),
        repository: Some(Repository { name: "owner/site".into(), branch: "main".into() }),
        ..SiteConfig::default()
    };
    let mut languages = config.languages.clone();
    languages.push(Language {
        code: "zh-Hans".into(),
        name: "简体中文".into(),
        prefix: "zh-hans".into(),
        location: None,
    });
    let config = SiteConfig { languages, ..config };
    let site = SiteBuilder::new()
        .config(config)
        .file("content/_index.md", HOME)
        .code_page(401, "Unauthorized", "", "Unlike 404, it asks for credentials.\n")
        .code_page(404, "Not Found", NOT_FOUND, "## When to send it\n\nSee 401.\n")
        .code_page(410, "Gone", "", "")
        .file("content/4xx/404.zh-Hans.md", "---\ntitle: 未找到\ntranslated_from: x\n---\n参见 401。\n")
        .valid_site();
    // The site in its second language too: a translated page, untranslated ones listed.
    let edition = site.edition(&site.config.languages[1]);
    let highlighter = Highlighter::new();
    let languages: Vec<ResolvedSite> = [site, edition]
        .into_iter()
        .map(|s| resolve_site(s, Default::default(), &highlighter, &mut Vec::new()))
        .collect();
    let mut contexts = Vec::new();
    for resolved in &languages {
        for page in resolved.site.pages() {
            let context = full_page_context(resolved, &languages, strings, page);
            let value = serde_json::to_value(&context).unwrap_or(Value::Null);
            contexts.push((super::template_name(page), value));
        }
    }
    contexts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::page_context;
    use crate::source::raw::RawCodePage;
    use crate::theme::{compile_theme, fields};

    fn english() -> Strings {
        let theme = compile_theme(Default::default(), &mut Vec::new()).unwrap();
        theme.strings.reference().clone()
    }

    /// Paths whose value is `null` in every sample context: a template field
    /// the sample does not fill cannot be checked below it.
    fn nulls(path: &str, values: &[&Value], out: &mut Vec<String>) {
        if values.iter().all(|v| v.is_null()) {
            out.push(path.to_string());
            return;
        }
        let mut keys: Vec<&String> =
            values.iter().filter_map(|v| v.as_object()).flat_map(|o| o.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let below: Vec<&Value> = values.iter().filter_map(|v| v.get(key.as_str())).collect();
            nulls(&format!("{path}.{key}"), &below, out);
        }
        let items: Vec<&Value> = values.iter().filter_map(|v| v.as_array()).flatten().collect();
        if !items.is_empty() {
            nulls(&format!("{path}[]"), &items, out);
        }
    }

    #[test]
    fn the_sample_fills_every_optional_value_but_the_display_only_keys() {
        let contexts = sample_contexts(&english());
        let values: Vec<&Value> = contexts.iter().map(|(_, v)| v).collect();
        let mut found = Vec::new();
        nulls("", &values, &mut found);
        let shown: Vec<String> =
            RawCodePage::DOCS.iter().filter(|k| k.shown).map(|k| format!(".code.{}", k.name)).collect();
        found.retain(|p| !shown.contains(p));
        assert!(found.is_empty(), "fill these in the sample site: {found:?}");
        for template in ["home.html", "class.html", "code.html", "not_found.html"] {
            assert!(contexts.iter().any(|(t, _)| *t == template), "no sample page for {template}");
        }
    }

    /// Fails on a JSON object that names a key twice (serde's `flatten` writes
    /// both when a display-only key has the name of a view field).
    struct NoDuplicateKeys;

    impl<'de> serde::Deserialize<'de> for NoDuplicateKeys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(NoDuplicateKeys)
        }
    }

    impl<'de> serde::de::Visitor<'de> for NoDuplicateKeys {
        type Value = NoDuplicateKeys;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    return Err(serde::de::Error::custom(format!("`{key}` is written twice")));
                }
                map.next_value::<NoDuplicateKeys>()?;
            }
            Ok(NoDuplicateKeys)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
            Ok(NoDuplicateKeys)
        }

        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(NoDuplicateKeys)
        }
    }

    #[test]
    fn no_display_only_key_takes_the_name_of_a_view_field() {
        let site = SiteBuilder::new().code_page(404, "Not Found", "", "").valid_site();
        let resolved = resolve_site(site, Default::default(), &Highlighter::new(), &mut Vec::new());
        for page in resolved.site.pages() {
            let json = serde_json::to_string(&page_context(&resolved, &english(), page)).unwrap();
            if let Err(err) = serde_json::from_str::<NoDuplicateKeys>(&json) {
                panic!("{page:?}: {err}; rename the key in source/raw.rs");
            }
        }
        let json = r#"{"code": {"title": "a", "title": "b"}}"#;
        assert!(serde_json::from_str::<NoDuplicateKeys>(json).is_err(), "the check finds nothing");
    }

    #[test]
    fn the_embedded_templates_use_only_fields_their_views_have() {
        let theme = compile_theme(Default::default(), &mut Vec::new()).unwrap();
        let pages: Vec<(&str, Value)> = sample_contexts(theme.strings.reference());
        let unknown = fields::unknown_fields(&theme.tera, &pages);
        assert!(unknown.is_empty(), "{unknown:#?}");
    }

    /// Every template renders every sample page in every language the
    /// theme has: each `fill` finds its values, each `{link}` split has two sides.
    #[test]
    fn every_language_renders_every_sample_page() {
        let theme = compile_theme(Default::default(), &mut Vec::new()).unwrap();
        let languages: Vec<&str> = theme.strings.languages().collect();
        assert!(languages.len() > 1, "{languages:?}");
        for language in languages {
            let strings = theme.strings.for_language(language).unwrap();
            let mut all = String::new();
            for (template, value) in sample_contexts(strings) {
                let context = tera::Context::from_value(value).unwrap();
                let html = theme
                    .tera
                    .render(template, &context)
                    .unwrap_or_else(|e| panic!("{language} {template}: {}", crate::theme::error_chain(&e)));
                all.push_str(&html);
            }
            let mut args = std::collections::HashMap::new();
            args.insert("section".to_string(), tera::Value::from("15.5.5"));
            let section =
                crate::theme::filters::fill_placeholders(strings.get("code", "section").unwrap(), &args);
            args.insert("vendor".to_string(), tera::Value::from("Everyone"));
            let vendor =
                crate::theme::filters::fill_placeholders(strings.get("code", "sent_by").unwrap(), &args);
            for text in
                [strings.get("code", "see_also").unwrap().to_string(), section.unwrap(), vendor.unwrap()]
            {
                assert!(all.contains(&text), "{language}: no sample page shows {text:?}");
            }
        }
    }

    #[test]
    fn a_misspelt_field_in_an_embedded_template_fails() {
        for (template, from, to) in [
            ("code.html", "{% if code.vendor %}", "{% if code.vendorr %}"),
            ("code.html", "{{ code.excerpt }}", "{{ code.exerpt }}"),
            ("base.html", "{{ site.title }}", "{{ site.titel }}"),
            ("macros.html", "{{ e.excerpt }}", "{{ e.excerp }}"),
        ] {
            let (_, text) = crate::theme::TEMPLATES.iter().find(|(n, _)| *n == template).unwrap();
            assert!(text.contains(from), "{template} no longer has {from}");
            let files = crate::source::ThemeFiles {
                templates: vec![(
                    template.into(),
                    format!("themes/t/templates/{template}").into(),
                    text.replacen(from, to, 1),
                )],
                ..Default::default()
            };
            let theme = compile_theme(files, &mut Vec::new()).unwrap();
            let diagnostics = theme.check_fields(&sample_contexts(theme.strings.reference()));
            assert_eq!(diagnostics.len(), 1, "{template}: {diagnostics:#?}");
            let path = to
                .trim_start_matches("{% if ")
                .trim_start_matches("{{ ")
                .trim_end_matches(" %}")
                .trim_end_matches(" }}");
            assert_eq!(diagnostics[0].message, format!("template uses `{path}`, which no page has"));
        }
    }
}

#[cfg(test)]
mod search_tests {
    use serde_json::Value;

    use crate::model::SiteBuilder;

    const SEARCH_JS: &str = include_str!("../../themes/default/static/search.js");

    /// The names read after `prefix` in search.js (`r.title` -> `title`).
    fn fields_after(prefix: &str) -> Vec<String> {
        let mut fields: Vec<String> = SEARCH_JS
            .match_indices(prefix)
            .filter(|(i, _)| !SEARCH_JS[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            .map(|(i, _)| {
                SEARCH_JS[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .filter(|f: &String| !f.is_empty())
            .collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// The search index of a site's second language: its path and the keys of all its records.
    fn translated_index() -> (String, serde_json::Map<String, Value>) {
        let index = crate::render::tests_support::translated_search_index();
        let records: Vec<Value> = serde_json::from_slice(&index.bytes).unwrap();
        let keys = records.iter().filter_map(Value::as_object).flat_map(|r| r.clone()).collect();
        (index.path, keys)
    }

    #[test]
    fn the_fields_search_js_reads_are_in_codes_json() {
        let site = SiteBuilder::new()
            .code_page(404, "Not Found", "constants:\n  python: HTTPStatus.NOT_FOUND\n", "")
            .valid_site();
        let files = super::super::data::data_files(&site);
        let json = files.iter().find(|f| f.path == "api/codes.json").expect("api/codes.json");
        let records: Vec<Value> = serde_json::from_slice(&json.bytes).unwrap();
        let record = records[0].as_object().unwrap();
        let read = fields_after("r.");
        assert!(read.contains(&"title".to_string()) && read.len() > 5, "the scan finds nothing: {read:?}");
        // Another language's index has the registered title too.
        let (_, contexts_site) = translated_index();
        for field in &read {
            assert!(
                record.contains_key(field) || contexts_site.contains_key(field),
                "search.js reads `r.{field}`, which neither api/codes.json nor zh-hans/api/codes.json has"
            );
        }
        let constant = record["constants"][0].as_object().expect("a constant");
        for field in fields_after("constant.").iter().chain(&fields_after("return c.")) {
            assert!(
                constant.contains_key(field),
                "search.js reads a constant's `{field}`, which api/codes.json lacks"
            );
        }
    }
}
