//! Theme strings: the page's language picks the words, and `check` finds a
//! string missing from a language, a misspelt string key in a template, and
//! a site language the theme has no strings for.

use std::path::Path;

use crate::support::{attrs, texts, SiteTest};

/// The default theme's Simplified Chinese strings, as the repository has them.
fn chinese_strings() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/strings/zh-Hans.yaml");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_site_in_simplified_chinese_gets_the_chinese_theme_strings() {
    let site = SiteTest::fixture("strings/translated");
    site.build();
    let page = site.html("404/index.html");
    assert_eq!(attrs(&page, "html", "lang"), vec!["zh-Hans"]);
    assert_eq!(texts(&page, ".skip-link"), vec!["跳到正文"]);
    assert_eq!(texts(&page, ".breadcrumbs li:first-child"), vec!["首页"]);
    assert_eq!(texts(&page, ".aliases"), vec!["旧称或别名： Missing"]);
    assert_eq!(texts(&page, ".badges .badge-standard"), vec!["标准"]);
    assert_eq!(attrs(&page, "#search-input", "placeholder"), vec!["404、teapot、限流…"]);
    let unauthorized = site.html("401/index.html");
    assert_eq!(texts(&unauthorized, "#referenced-by"), vec!["被以下页面引用"]);
    let class = site.html("4xx/index.html");
    assert_eq!(texts(&class, "#codes-title"), vec!["4xx 状态码"]);
    assert!(texts(&class, ".entry .more a").iter().any(|t| t.starts_with("详细了解 404 Not Found")));
    let not_found = site.html("404.html");
    assert_eq!(texts(&not_found, "title"), vec!["页面不存在 - HTTP 状态码"]);
    assert_eq!(
        texts(&not_found, "[data-not-found-answer]"),
        vec!["此地址返回了 404 Not Found：The server has nothing at this address."]
    );
    assert_eq!(texts(&not_found, "h1 + p + p"), vec!["你可以在上方搜索状态码、从下方选择一个，或返回首页。"]);
    let script = site.read("output/static/search.js");
    assert!(
        script.contains("\"no_match_announce\":\"没有匹配的状态码\""),
        "search.js lacks the Chinese strings"
    );
    assert!(!script.contains("/* theme strings */"));
}

#[test]
fn a_string_missing_from_a_language_is_an_error_at_its_file_and_line() {
    let site = SiteTest::fixture("strings/translated");
    let zh = chinese_strings();
    assert!(zh.contains("  see_also: 另请参阅\n"));
    let without = zh.replace("  see_also: 另请参阅\n", "");
    let line = without.lines().position(|l| l == "code:").unwrap() + 1;
    site.write("site.yaml", "theme: mine\nlanguage: zh-Hans\n")
        .write("themes/mine/strings/zh-Hans.yaml", &without);
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // The fixture's English prose, read with the Chinese lexicon of a zh-Hans site, gets warnings.
    let errors: String =
        run.stdout.lines().filter(|l| l.starts_with("::error")).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        errors,
        format!(
            "::error file=themes/mine/strings/zh-Hans.yaml,line={line},col=1::zh-Hans.yaml lacks `code.see_also`%0A\
             help: add `see_also: <text>` under `code:`, translating \"See also\" (en.yaml line {})\n",
            include_str!("../../themes/default/strings/en.yaml").lines().position(|l| l == "  see_also: See also").unwrap()
                + 1
        )
    );
    // Only the languages the theme has matter: a missing key in any of them fails the build.
    site.write("site.yaml", "theme: mine\n");
    assert_eq!(site.run(&["build"]).code, 1);
    assert!(!site.path("output").exists());
}

#[test]
fn a_misspelt_string_key_in_a_template_is_one_error_at_its_line() {
    let site = SiteTest::fixture("strings/misspelt-key");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "::error file=themes/mine/templates/code.html,line=4,col=8::template uses the string `code.see_aloo`, \
         which themes/default/strings/en.yaml lacks%0Ahelp: did you mean `t.code.see_also`?\n"
    );
}

#[test]
fn a_default_language_without_strings_falls_back_to_english_with_a_warning() {
    let site = SiteTest::fixture("strings/translated");
    site.write("site.yaml", "title: Codes HTTP\n\nlanguage: fr\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "::warning file=site.yaml,line=3,col=1::the theme has no strings for the language `fr`; \
             the pages use the English ones%0Ahelp: to translate the theme's words, add \
             themes/<theme>/strings/fr.yaml with the keys of en.yaml, translated\n"
        ),
        "{}",
        run.stdout
    );
    site.build();
    assert_eq!(texts(&site.html("401/index.html"), ".skip-link"), vec!["Skip to content"]);
    assert_eq!(attrs(&site.html("index.html"), "html", "lang"), vec!["fr"]);
}

#[test]
fn a_regional_language_uses_the_strings_of_its_primary_language() {
    let site = SiteTest::fixture("strings/translated");
    site.write("site.yaml", "language: en-GB\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("no strings"), "{}", run.stdout);
    site.build();
    assert_eq!(attrs(&site.html("index.html"), "html", "lang"), vec!["en-GB"]);
}

#[test]
fn a_translated_edition_without_strings_is_an_error_at_its_entry() {
    let site = SiteTest::fixture("strings/translated");
    site.write("site.yaml", "languages:\n  - code: fr\n    name: Français\n    prefix: fr\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "::error file=site.yaml,line=2,col=1::the theme has no strings for the language `fr`%0A\
             help: use one of: en, zh-Hans; or add themes/<theme>/strings/fr.yaml with the keys of en.yaml, translated\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_theme_on_disk_adds_a_language() {
    let site = SiteTest::fixture("strings/translated");
    // A theme on disk adds the language with no change to statusref.
    let french =
        include_str!("../../themes/default/strings/en.yaml").replace("Skip to content", "Aller au contenu");
    site.write("site.yaml", "theme: mine\nlanguage: fr\n").write("themes/mine/strings/fr.yaml", &french);
    site.build();
    assert_eq!(texts(&site.html("401/index.html"), ".skip-link"), vec!["Aller au contenu"]);
    assert_eq!(attrs(&site.html("index.html"), "html", "lang"), vec!["fr"]);
}
