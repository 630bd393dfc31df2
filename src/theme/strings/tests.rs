use std::path::PathBuf;

use super::*;
use crate::theme::{STATIC_FILES, TEMPLATES};

fn english() -> &'static str {
    BUILTIN.iter().find(|(code, _)| *code == REFERENCE).map(|(_, text)| *text).unwrap()
}

fn load(own: &[(&str, &str)]) -> (Option<ThemeStrings>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let own = own.iter().map(|(path, text)| (PathBuf::from(path), text.to_string())).collect();
    let strings = load_strings(own, &mut diagnostics);
    (strings, diagnostics)
}

/// (path:line, message, help) of each diagnostic.
fn described(diagnostics: &[Diagnostic]) -> Vec<(String, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (
                format!("{}:{}", at.display_path(), at.line),
                d.message.clone(),
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_default_theme_has_english_and_simplified_chinese_with_the_same_keys() {
    let (strings, diagnostics) = load(&[]);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let strings = strings.unwrap();
    assert_eq!(strings.languages().collect::<Vec<_>>(), vec!["en", "zh-Hans"]);
    let zh = strings.for_language("zh-Hans").unwrap();
    assert_eq!(zh.get("code", "see_also"), Some("另请参阅"));
    assert_eq!(strings.for_language("en").unwrap().get("code", "see_also"), Some("See also"));
    assert_eq!(zh.keys().collect::<Vec<_>>(), strings.reference().keys().collect::<Vec<_>>());
    assert!(strings.for_language("fr").is_none());
}

#[test]
fn a_string_missing_from_a_language_is_an_error_at_its_group() {
    let zh = BUILTIN[1].1.replace("  see_also: 另请参阅\n", "");
    let (strings, diagnostics) = load(&[("themes/t/strings/zh-Hans.yaml", &zh)]);
    assert!(strings.is_none());
    let group_line = zh.lines().position(|l| l == "code:").unwrap() + 1;
    let english_line = english().lines().position(|l| l == "  see_also: See also").unwrap() + 1;
    assert_eq!(
        described(&diagnostics),
        vec![(
            format!("themes/t/strings/zh-Hans.yaml:{group_line}"),
            "zh-Hans.yaml lacks `code.see_also`".to_string(),
            format!("add `see_also: <text>` under `code:`, translating \"See also\" (en.yaml line {english_line})"),
        )]
    );
}

#[test]
fn a_missing_group_and_an_unknown_key_are_errors_with_a_suggestion() {
    let text = "page:\n  skip_lnk: x\n";
    let (_, diagnostics) = load(&[("themes/t/strings/fr.yaml", text)]);
    let found = described(&diagnostics);
    assert_eq!(
        found[0],
        (
            "themes/t/strings/fr.yaml:2".to_string(),
            "unknown key `page.skip_lnk`: en.yaml has no such string".to_string(),
            "did you mean `page.skip_link`?".to_string()
        )
    );
    assert!(found
        .iter()
        .any(|(at, m, _)| at == "themes/t/strings/fr.yaml:1" && m == "fr.yaml lacks the group `code`"));
    assert!(found
        .iter()
        .any(|(at, m, _)| at == "themes/t/strings/fr.yaml:1" && m == "fr.yaml lacks `page.skip_link`"));
}

#[test]
fn a_translation_keeps_the_placeholders() {
    let zh =
        BUILTIN[1].1.replace("more_about: 详细了解 {code} {title}", "more_about: 详细了解 {code} {titel}");
    let (_, diagnostics) = load(&[("themes/t/strings/zh-Hans.yaml", &zh)]);
    let line = zh.lines().position(|l| l.contains("{titel}")).unwrap() + 1;
    assert_eq!(
        described(&diagnostics),
        vec![(
            format!("themes/t/strings/zh-Hans.yaml:{line}"),
            "`index.more_about` has the placeholders {code} {titel}, but en.yaml has {code} {title}"
                .to_string(),
            "keep each of {code} {title} in the translation, and add no other".to_string(),
        )]
    );
}

#[test]
fn the_reference_must_hold_what_rust_reads() {
    let en = english().replace("  obsolete: obsolete\n", "");
    let zh = BUILTIN[1].1.replace("  obsolete: 已废弃\n", "");
    let (_, diagnostics) = load(&[("themes/t/strings/en.yaml", &en), ("themes/t/strings/zh-Hans.yaml", &zh)]);
    let found = described(&diagnostics);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "en.yaml lacks `status.obsolete`, which statusref reads");
    assert!(found[0].0.starts_with("themes/t/strings/en.yaml:"), "{}", found[0].0);
}

#[test]
fn a_theme_adds_a_language_or_replaces_one() {
    let de = english().replace("See also", "Siehe auch");
    let (strings, diagnostics) = load(&[("themes/t/strings/de.yaml", &de)]);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let strings = strings.unwrap();
    assert_eq!(strings.for_language("de").unwrap().get("code", "see_also"), Some("Siehe auch"));
    let en = english().replace("See also", "Related");
    let (strings, _) = load(&[("themes/t/strings/en.yaml", &en)]);
    assert_eq!(strings.unwrap().reference().get("code", "see_also"), Some("Related"));
    let (strings, diagnostics) = load(&[("themes/t/strings/notes.txt", "x")]);
    assert!(strings.is_none());
    assert_eq!(described(&diagnostics)[0].0, "themes/t/strings/notes.txt:1");
}

#[test]
fn search_js_gets_every_language_with_the_reference_first() {
    let (strings, _) = load(&[]);
    let strings = strings.unwrap();
    let script = b"var STRINGS = /* theme strings */ {};\nrest";
    let filled = String::from_utf8(strings.fill_script(script).unwrap()).unwrap();
    let json = filled.strip_prefix("var STRINGS = ").unwrap().strip_suffix(";\nrest").unwrap();
    assert!(json.starts_with("{\"en\": {"), "{json}");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["zh-Hans"]["no_match_announce"], "没有匹配的状态码");
    assert_eq!(value["en"].as_object().unwrap().len(), strings.reference().groups[SCRIPT_GROUP].1.len());
    assert!(strings.fill_script(b"no marker").is_none());
    let en = english().replace("link: Link", "link: \"Link\u{2028}\"");
    let (strings, _) = load(&[("themes/t/strings/en.yaml", &en)]);
    let filled = String::from_utf8(strings.unwrap().fill_script(script).unwrap()).unwrap();
    assert!(filled.contains("Link\\u2028") && !filled.contains('\u{2028}'));
}

/// The `T.key`s search.js reads.
fn script_keys() -> BTreeSet<String> {
    let (_, script) = STATIC_FILES.iter().find(|(name, _)| *name == "search.js").unwrap();
    let script = std::str::from_utf8(script).unwrap();
    assert_eq!(script.matches(SCRIPT_MARKER).count(), 1, "search.js holds the marker once");
    script
        .match_indices("T.")
        .filter(|(i, _)| !script[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|(i, _)| script[i + 2..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect()
}

#[test]
fn every_english_string_is_used_and_search_js_reads_only_english_keys() {
    let (strings, _) = load(&[]);
    let strings = strings.unwrap();
    let templates: String = TEMPLATES.iter().map(|(_, text)| *text).collect();
    let script = script_keys();
    let required = required_keys();
    let unused: Vec<String> = strings
        .reference()
        .keys()
        .filter(|(group, key)| {
            let in_template = templates.contains(&format!("t.{group}.{key}"));
            let in_script = *group == SCRIPT_GROUP && script.contains(*key);
            !in_template && !in_script && !required.contains(&(group, key))
        })
        .map(|(group, key)| format!("{group}.{key}"))
        .collect();
    assert!(unused.is_empty(), "no template or script uses these strings: {unused:?}");
    let search = &strings.reference().groups[SCRIPT_GROUP].1;
    assert!(script.len() > 10, "the scan finds nothing: {script:?}");
    for key in &script {
        assert!(search.contains_key(key), "search.js reads `T.{key}`, which en.yaml's `search` lacks");
    }
}

#[test]
fn the_status_badges_have_a_word_for_every_status() {
    let (strings, _) = load(&[]);
    let strings = strings.unwrap();
    let words: Vec<&str> =
        strings.reference().keys().filter(|(g, _)| *g == "status").map(|(_, k)| k).collect();
    let mut statuses: Vec<&str> = Status::ALL.iter().map(|(name, _)| *name).collect();
    statuses.sort_unstable();
    assert_eq!(words, statuses);
}

#[test]
fn placeholders_are_names_in_braces() {
    let found: Vec<&str> = placeholders("{a} { b } {c_1}{} {d").into_iter().collect();
    assert_eq!(found, vec!["a", "c_1"]);
}
