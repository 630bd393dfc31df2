//! Languages: translations beside their source (`404.zh-Hans.md`), the site
//! in each language under its prefix, the switcher, `hreflang` and sitemap
//! alternates, the language's search index, stale translations, and the
//! `translations` and `new --lang` commands. Cases in `tests/fixtures/i18n/`.

use std::path::{Path, PathBuf};

use scraper::Html;

use crate::support::{attrs, sel, texts, SiteTest};

const BASE: &str = "https://example.org/statusref/";

#[test]
fn a_translation_overriding_a_non_translatable_key_is_an_error_at_its_line() {
    let site = SiteTest::case("i18n/foreign-key");
    let run = site.check();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let out = format!("{}{}", run.stdout, run.stderr);
    for (key, line) in [("code", 3), ("see_also", 5)] {
        assert!(
            out.contains(&format!(
                "error[unknown-key]: `{key}` cannot be translated: a translation takes it from content/4xx/404.md\n --> content/4xx/404.zh-Hans.md:{line}:1"
            )),
            "{out}"
        );
    }
}

#[test]
fn a_translation_needs_its_source_page_and_a_configured_language() {
    let site = SiteTest::case("i18n/orphan");
    let run = site.check();
    assert_eq!(run.code, 1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("error[orphan-translation]: content/4xx/409.zh-Hans.md translates content/4xx/409.md, which does not exist\n --> content/4xx/409.zh-Hans.md:1:1"), "{out}");
    assert!(out.contains("error[unknown-language]: content/4xx/401.fr.md is in `fr`, which site.yaml does not list\n --> content/4xx/401.fr.md:1:1"), "{out}");
}

#[test]
fn a_language_prefix_may_not_take_a_generated_folder() {
    let site = SiteTest::case("i18n/bad-prefix");
    let run = site.check();
    assert_eq!(run.code, 1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("error[invalid-value]: prefix `api` of `zh-Hans` is a folder the site writes too (api/codes.json)\n --> site.yaml:3:1"),
        "{out}"
    );
    // Derived from the files the site writes: a code page, the theme's files, a folder under content/.
    for (prefix, file) in [("404", "404/index.html"), ("static", "static/"), ("docs", "docs/guide.txt")] {
        site.write("content/docs/guide.txt", "a guide\n");
        site.write(
            "site.yaml",
            &format!("languages:\n  - code: zh-Hans\n    name: 中文\n    prefix: {prefix}\n"),
        );
        let run = site.check();
        assert_eq!(run.code, 1, "{prefix}: {}{}", run.stdout, run.stderr);
        let expected = format!(
            "error[invalid-value]: prefix `{prefix}` of `zh-Hans` is a folder the site writes too ({file}"
        );
        assert!(run.stdout.contains(&expected), "{}", run.stdout);
    }
    site.write("site.yaml", "languages:\n  - code: zh-Hans\n    name: 中文\n    prefix: zh-hans\n");
    assert_eq!(site.check().code, 0, "a prefix of its own is fine");
    site.write("site.yaml", "languages:\n  - code: zh-Hans\n    name: 中文\n    prefix: zh\n  - code: zh-Hant\n    name: 中文\n    prefix: zh\n");
    let out = site.check().stdout;
    assert!(
        out.contains("error[invalid-value]: prefix `zh` of `zh-Hant` is already the prefix of `zh-Hans`"),
        "{out}"
    );
    site.write("site.yaml", "languages:\n  - code: fr\n    name: Français\n    prefix: fr\n");
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        format!("{}{}", run.stdout, run.stderr).contains("fr"),
        "a language without theme strings is an error"
    );
}

#[test]
fn an_untranslated_code_is_listed_and_links_to_the_english_page() {
    let site = SiteTest::case("i18n/translated");
    site.build();
    assert!(!site.path("output/zh-hans/401").exists(), "an untranslated page is not generated twice");
    assert!(!site.path("output/zh-hans/404.html").exists());
    let class = site.html("zh-hans/4xx/index.html");
    assert_eq!(attrs(&class, "html", "lang"), vec!["zh-Hans"]);
    let entry = |code: &str| {
        class
            .select(&sel(".entry h3 a.entry-link"))
            .find(|a| a.text().collect::<String>().contains(code))
            .unwrap_or_else(|| panic!("no entry for {code}"))
    };
    let untranslated = entry("401");
    assert_eq!(untranslated.value().attr("href"), Some("../../401/index.html"));
    assert_eq!(untranslated.value().attr("hreflang"), Some("en"));
    let html = untranslated.html();
    let fragment = Html::parse_fragment(&html);
    assert_eq!(attrs(&fragment, ".code-title", "lang"), vec!["en"]);
    assert_eq!(texts(&fragment, ".badge-language"), vec!["English"]);
    let translated = entry("404");
    assert_eq!(translated.value().attr("href"), Some("../../zh-hans/404/index.html"));
    assert_eq!(translated.value().attr("hreflang"), None);
    assert!(translated.text().collect::<String>().contains("未找到"));
    let home = site.html("zh-hans/index.html");
    assert!(texts(&home, ".badge-language").len() >= 3, "every untranslated code is marked on the home page");
}

#[test]
fn a_translated_code_page_shows_the_registered_name_and_links_in_its_language() {
    let site = SiteTest::case("i18n/translated");
    site.build();
    let page = site.html("zh-hans/404/index.html");
    assert_eq!(texts(&page, "h1 .code-title"), vec!["未找到"]);
    assert_eq!(texts(&page, "h1 .source-title"), vec!["Not Found"]);
    assert_eq!(attrs(&page, "h1 .source-title", "lang"), vec!["en"]);
    // "参见 401" links the English page: 401 is not translated.
    assert!(attrs(&page, "main a", "href").contains(&"../../401/index.html".to_string()));
    // The static files come from the site root.
    assert!(attrs(&page, "link[rel=stylesheet]", "href").contains(&"../../static/style.css".to_string()));
    let english = site.html("404/index.html");
    assert_eq!(texts(&english, "h1 .source-title"), Vec::<String>::new());
}

#[test]
fn a_one_language_site_has_no_switcher_and_no_alternates() {
    let site = SiteTest::fixture("basic");
    site.build();
    let page = site.html("404/index.html");
    assert!(texts(&page, ".language-switcher").is_empty());
    assert!(attrs(&page, "link[hreflang]", "href").is_empty());
    assert!(!site.path("output/zh-hans").exists());
}

/// `href` as seen from `file` (relative to the output root) -> the file it opens.
fn target_of(output: &Path, file: &str, href: &str) -> PathBuf {
    let href = href.split('#').next().unwrap();
    let path = match href.strip_prefix(BASE) {
        Some(rest) => output.join(rest),
        None => output.join(file).parent().unwrap().join(href),
    };
    let path = PathBuf::from(path.to_string_lossy().replace("/./", "/"));
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    if href.is_empty() || href.ends_with('/') {
        normal.join("index.html")
    } else {
        normal
    }
}

#[test]
fn switcher_hreflang_and_sitemap_alternates_resolve_under_a_sub_path() {
    let site = SiteTest::case("i18n/translated");
    let run = site.run(&["build", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let output = site.path("output");
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(output.join("zh-hans")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.push(entry.path().strip_prefix(&output).unwrap().to_string_lossy().into_owned());
        }
    }
    assert_eq!(pages.len(), 4, "home, 2xx, 4xx and 404: {pages:?}");
    for file in &pages {
        let html = site.html(file);
        let switcher = attrs(&html, ".language-switcher a", "href");
        assert_eq!(switcher.len(), 1, "{file}: one other language");
        let english = target_of(&output, file, &switcher[0]);
        assert!(english.is_file(), "{file}: switcher {} -> {}", switcher[0], english.display());
        assert_eq!(english.strip_prefix(&output).unwrap(), Path::new(file.strip_prefix("zh-hans/").unwrap()));
        let alternates: Vec<(String, String)> = html
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                (l.value().attr("hreflang").unwrap().to_string(), l.value().attr("href").unwrap().to_string())
            })
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, vec!["en", "x-default", "zh-Hans"], "{file}");
        for (lang, href) in &alternates {
            assert!(href.starts_with(BASE), "{file}: {lang} {href}");
            let target = target_of(&output, file, href);
            assert!(target.is_file(), "{file}: {lang} {href} -> {}", target.display());
        }
        let canonical = attrs(&html, "link[rel=canonical]", "href");
        assert_eq!(
            canonical,
            vec![alternates[2].1.clone()],
            "{file}: the canonical URL is its own alternate"
        );
    }
    // An English page whose code is not translated: the switcher goes to the Chinese home.
    let english = site.html("401/index.html");
    assert_eq!(attrs(&english, ".language-switcher a", "href"), vec!["../zh-hans/index.html"]);
    assert_eq!(attrs(&english, "link[hreflang]", "hreflang"), vec!["en", "x-default"]);

    let sitemap = site.read("output/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let doc = Html::parse_document(&sitemap);
    let links = attrs(&doc, "url > *[hreflang]", "href");
    assert!(links.len() > 10, "{sitemap}");
    for href in links.iter().chain(&texts(&doc, "loc")) {
        let target = target_of(&output, "", href);
        assert!(target.is_file(), "sitemap: {href} -> {}", target.display());
    }
    assert!(sitemap.contains(&format!("<loc>{BASE}zh-hans/404/</loc>")));
    assert!(!sitemap.contains("zh-hans/401/"));
}

#[test]
fn the_chinese_search_index_has_translated_titles_and_english_links() {
    let site = SiteTest::case("i18n/translated");
    site.build();
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&site.read("output/zh-hans/api/codes.json")).unwrap();
    let record = |code: u64| records.iter().find(|r| r["code"] == code).unwrap();
    assert_eq!(record(404)["title"], "未找到");
    assert_eq!(record(404)["source_title"], "Not Found");
    assert_eq!(record(404)["url"], "zh-hans/404/");
    assert_eq!(record(401)["url"], "401/");
    assert_eq!(record(401)["language"], "en");
    let page = site.html("zh-hans/404/index.html");
    assert_eq!(attrs(&page, "script[data-index]", "data-index"), vec!["zh-hans/api/codes.json"]);
    let english: Vec<serde_json::Value> = serde_json::from_str(&site.read("output/api/codes.json")).unwrap();
    assert!(english.iter().all(|r| r.get("source_title").is_none()));
}

#[test]
fn a_stale_translation_warns_with_both_files_and_lines() {
    let site = SiteTest::case("i18n/stale");
    let run = site.check();
    assert_eq!(run.code, 0, "a warning only: {}{}", run.stdout, run.stderr);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("warning[stale-translation]: content/4xx/404.zh-Hans.md was translated from an older content/4xx/404.md\n --> content/4xx/404.zh-Hans.md:4:1"),
        "{out}"
    );
    assert!(out.contains("compare with content/4xx/404.md:8 and update the translation; when it says the same, run `statusref translations --stamp content/4xx/404.zh-Hans.md`"), "{out}");
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
    let table = site.run(&["translations"]);
    assert!(table.stdout.contains("  stale      content/4xx/404.zh-Hans.md"), "{}", table.stdout);
    assert!(table.stdout.contains("  missing    content/4xx/401.zh-Hans.md"), "{}", table.stdout);
    // Stamping it says it is up to date with its source again.
    let stamp = site.run(&["translations", "--stamp", "content/4xx/404.zh-Hans.md"]);
    assert_eq!(stamp.code, 0, "{}", stamp.stderr);
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 0);
    // Changing the source makes it stale again.
    let source = site.read("content/4xx/404.md").replace("is missing", "is not there");
    site.write("content/4xx/404.md", &source);
    assert!(site.check().stdout.contains("was translated from an older content/4xx/404.md"));
}

#[test]
fn stamping_keeps_a_bom_and_crlf_line_endings() {
    let site = SiteTest::case("i18n/stale");
    let file = "content/4xx/404.zh-Hans.md";
    let crlf = format!("\u{feff}{}", site.read(file).replace('\n', "\r\n"));
    site.write(file, &crlf);
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1, "stale before stamping");
    let stamp = site.run(&["translations", "--stamp", file]);
    assert_eq!(stamp.code, 0, "{}", stamp.stderr);
    let text = site.read(file);
    assert!(text.starts_with("\u{feff}---\r\n"), "{text:?}");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "no LF-only line: {text:?}");
    let check = site.run(&["check", "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn new_with_lang_scaffolds_a_translation_that_check_flags_until_stamped() {
    let site = SiteTest::case("i18n/translated");
    let run = site.run(&["new", "401", "--lang", "zh-Hans"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("`statusref translations --stamp content/4xx/401.zh-Hans.md`"),
        "{}",
        run.stdout
    );
    let text = site.read("content/4xx/401.zh-Hans.md");
    assert!(text.starts_with("---\ntitle: \"Unauthorized\"\n"), "{text}");
    assert!(!text.contains("translated_from"), "English text is not a translation yet: {text}");
    // Still English: check warns, naming the command that records it as translated.
    let check = site.check();
    assert_eq!(check.code, 0, "a warning only: {}{}", check.stdout, check.stderr);
    let out = format!("{}{}", check.stdout, check.stderr);
    assert!(
        out.contains(
            "content/4xx/401.zh-Hans.md does not say which version of content/4xx/401.md it translates"
        ),
        "{out}"
    );
    assert!(out.contains("then run `statusref translations --stamp content/4xx/401.zh-Hans.md`"), "{out}");
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
    assert_eq!(site.run(&["new", "401", "--lang", "zh-Hans"]).code, 1, "never overwrites");
    assert_eq!(site.run(&["new", "401", "--lang", "fr"]).code, 2);
    let table = site.run(&["translations"]).stdout;
    assert!(table.contains("3 of 7 pages translated, 1 stale, 3 missing"), "{table}");
    // Once translated, stamping records it.
    let stamp = site.run(&["translations", "--stamp", "content/4xx/401.zh-Hans.md"]);
    assert_eq!(stamp.code, 0, "{}", stamp.stderr);
    let table = site.run(&["translations"]).stdout;
    assert!(table.contains("4 of 7 pages translated, 0 stale, 3 missing"), "{table}");
}

#[test]
fn a_bad_languages_entry_is_one_error_at_its_entry_or_field() {
    let site = SiteTest::fixture("i18n/translated");
    let help = "%0Ahelp: give each language a `code` (a theme strings file, e.g. zh-Hans), a `name` \
                (shown in the language switcher) and a `prefix` of its own (its URL folder, e.g. zh-hans)\n";
    let cases = [
        (
            "title: T\nlanguages:\n  - code: zh-Hans\n    prefix: zh-hans\n",
            format!("::error file=site.yaml,line=3,col=1::language `zh-Hans` has no `name`{help}"),
        ),
        (
            "title: T\nlanguages:\n  - code: zh-Hans\n    name: x\n    prefix: ../x\n",
            format!("::error file=site.yaml,line=5,col=1::prefix `../x` of `zh-Hans` is not a lowercase folder name{help}"),
        ),
        (
            "title: T\nlanguages: foo\n",
            "::error file=site.yaml,line=2,col=1::`languages` has the wrong type: invalid type: string \"foo\", \
             expected a sequence%0Ahelp: write `languages` as a list, e.g. `languages: [a, b]`\n"
                .to_string(),
        ),
    ];
    for (yaml, expected) in cases {
        site.write("site.yaml", yaml);
        let run = site.run(&["check", "--format", "github"]);
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert_eq!(run.stdout, expected, "{yaml}");
    }
}

#[test]
fn a_misnamed_translation_gets_advice_that_fits() {
    let site = SiteTest::fixture("i18n/translated");
    let text = site.read("content/4xx/404.zh-Hans.md");
    site.write("content/4xx/404.en.md", &text).write("content/4xx/401.zh-hans.md", &text);
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "content/4xx/404.en.md is in `en`, which site.yaml does not list%0Ahelp: `en` is the site's default \
             language: its text is in the source page content/4xx/404.md, not in a translation\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "content/4xx/401.zh-hans.md is in `zh-hans`, which site.yaml does not list%0Ahelp: did you mean \
             `zh-Hans`? rename the file to content/4xx/401.zh-Hans.md\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_language_without_a_lexicon_warns_once_at_its_line() {
    let site = SiteTest::fixture("strings/translated");
    site.write("site.yaml", "title: T\nlanguage: de\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let warning = "::warning file=site.yaml,line=2,col=1::no cross-link word list for `de`; codes in its prose \
                   are read with the English rules%0Ahelp: add src/xref/lexicon/de.txt (the words around a code, \
                   like en.txt) and list it in BUILTIN\n";
    assert_eq!(run.stdout.matches("no cross-link word list").count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains(warning), "{}", run.stdout);
    // A regional variant is read with its language's rules.
    site.write("site.yaml", "title: T\nlanguage: en-GB\n");
    let run = site.run(&["check", "--format", "github"]);
    assert!(!run.stdout.contains("no cross-link word list"), "{}", run.stdout);
}

#[test]
fn a_link_to_a_page_only_the_default_language_has_says_how_to_reach_it() {
    let site = SiteTest::case("i18n/translated");
    let file = "content/4xx/404.zh-Hans.md";
    site.write(file, &format!("{}\n另见 [401](../401/)。\n", site.read(file)));
    let out = site.check();
    let out = format!("{}{}", out.stdout, out.stderr);
    assert!(out.contains("link `../401/` leads to no page of the site"), "{out}");
    assert!(out.contains("401 has no zh-Hans page: link ../../401/ or write 参见 401"), "{out}");
    assert!(!out.contains("code pages are ../404/"), "{out}");
}
