//! The default style sheet's CJK rules: Latin fonts first, then the CJK
//! ones; no synthesized bold or italics; emphasis without oblique.

const STYLE: &str = include_str!("../../themes/default/static/style.css");

/// The value of `--font` in the first rule whose selector is `selector`.
fn font_stack(selector: &str) -> Vec<String> {
    let rule =
        STYLE.split(&format!("\n{selector} {{")).nth(1).unwrap_or_else(|| panic!("no rule {selector}"));
    let rule = &rule[..rule.find('}').unwrap()];
    let value = rule.split("--font:").nth(1).unwrap();
    value[..value.find(';').unwrap()].split(',').map(|f| f.trim().to_string()).collect()
}

#[test]
fn cjk_pages_keep_the_latin_fonts_first_then_their_own() {
    let latin = font_stack(":root");
    let latin = &latin[..latin.len() - 1]; // without the generic family
    for (selector, first_cjk) in [
        (":root:lang(zh)", "\"PingFang SC\""),
        (":root:lang(ja)", "\"Hiragino Sans\""),
        (":root:lang(ko)", "\"Apple SD Gothic Neo\""),
    ] {
        let stack = font_stack(selector);
        assert_eq!(&stack[..latin.len()], latin, "{selector}");
        assert_eq!(stack[latin.len()], first_cjk, "{selector}");
        assert_eq!(stack.last().map(String::as_str), Some("sans-serif"), "{selector}");
    }
    let zh = font_stack(":root:lang(zh)");
    for font in
        ["\"Hiragino Sans GB\"", "\"Microsoft YaHei\"", "\"Noto Sans CJK SC\"", "\"Source Han Sans SC\""]
    {
        assert!(zh.iter().any(|f| f == font), "zh lacks {font}");
    }
}

#[test]
fn cjk_text_gets_no_synthesized_bold_or_italics() {
    let rule = STYLE.split("\n:lang(zh), :lang(ja), :lang(ko) {").nth(1).expect("a rule for CJK text");
    let rule = &rule[..rule.find('}').unwrap()];
    for declaration in ["font-synthesis: none;", "line-break: strict;", "word-break: normal;"] {
        assert!(rule.contains(declaration), "the CJK rule lacks {declaration}");
    }
    let emphasis = STYLE.split(":lang(ko) :is(em, i, cite, dfn) {").nth(1).expect("a rule for CJK emphasis");
    let emphasis = &emphasis[..emphasis.find('}').unwrap()];
    assert!(emphasis.contains("font-style: normal;") && emphasis.contains("text-emphasis: filled dot;"));
}
