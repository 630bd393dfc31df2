//! `statusref check` (and the validation `build` shares with it): a valid site
//! plus one defect per test, checking the exit code and the whole report in
//! both formats (file, line, column, quoted line, caret, help, summary).

use std::fs;
use std::path::Path;

use crate::support::SiteTest;

const TEAPOT: &str = "content/4xx/418.md";

/// The basic fixture with `text` written to `rel` (replacing or adding a file).
fn basic_with(rel: &str, text: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.write(rel, text);
    site
}

/// Runs `check` in both formats; both exit with `exit`, nothing goes to stderr.
/// The keys a code page allows, as the unknown-key help lists them. They come
/// from the one declaration (`RawCodePage`), so a new key changes no test here.
fn code_page_keys() -> String {
    statusref::source::raw::RawCodePage::DOCS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
}

fn assert_check(site: &SiteTest, exit: i32, human: &str, github: &str) {
    let run = site.run(&["check"]);
    assert_eq!(run.stdout, human, "human report");
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, exit, "exit code of check");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.stdout, github, "github report");
    assert_eq!(run.stderr, "");
    assert_eq!(run.code, exit, "exit code of check --format github");
}

// ---------------------------------------------------------------- front matter

#[test]
fn malformed_yaml_reports_the_file_line_not_the_fragment_line() {
    let site =
        basic_with(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke: not a real code.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[invalid-yaml]: invalid YAML in front matter: mapping values are not allowed in this context
 --> content/4xx/418.md:4:16
  |
4 | excerpt: A joke: not a real code.
  |                ^
  |
  = help: check indentation and quote values that contain `: ` or start with a special character

1 error
"#,
        "::error file=content/4xx/418.md,line=4,col=16::invalid YAML in front matter: mapping values are not allowed in this context%0Ahelp: check indentation and quote values that contain `: ` or start with a special character\n",
    );
}

#[test]
fn unclosed_quote_points_at_the_opening_quote() {
    let site = basic_with(TEAPOT, "---\ncode: 418\ntitle: \"I'm a teapot\nexcerpt: A joke.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[invalid-yaml]: invalid YAML in front matter: found unexpected end of stream while scanning a quoted scalar
 --> content/4xx/418.md:3:8
  |
3 | title: "I'm a teapot
  |        ^
  |
  = help: close the quote that starts here

1 error
"#,
        "::error file=content/4xx/418.md,line=3,col=8::invalid YAML in front matter: found unexpected end of stream while scanning a quoted scalar%0Ahelp: close the quote that starts here\n",
    );
}

#[test]
fn missing_front_matter_is_an_error_on_line_1() {
    let site = basic_with(TEAPOT, "# 418 I'm a teapot\n\nA joke.\n");
    assert_check(
        &site,
        1,
        r#"error[missing-front-matter]: content/4xx/418.md has no front matter
 --> content/4xx/418.md:1:1
  |
1 | # 418 I'm a teapot
  | ^
  |
  = help: start the file with a line `---`, the front matter keys, and another line `---`

1 error
"#,
        "::error file=content/4xx/418.md,line=1,col=1::content/4xx/418.md has no front matter%0Ahelp: start the file with a line `---`, the front matter keys, and another line `---`\n",
    );
}

#[test]
fn unclosed_front_matter_is_an_error_on_the_opening_line() {
    let site = basic_with(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\n\nThe body.\n");
    assert_check(
        &site,
        1,
        r#"error[missing-front-matter]: front matter is never closed
 --> content/4xx/418.md:1:1
  |
1 | ---
  | ^
  |
  = help: add a line `---` after the last front matter key

1 error
"#,
        "::error file=content/4xx/418.md,line=1,col=1::front matter is never closed%0Ahelp: add a line `---` after the last front matter key\n",
    );
}

#[test]
fn missing_required_keys_are_each_reported() {
    let site = basic_with(TEAPOT, "---\nstatus: unused\n---\n");
    assert_check(
        &site,
        1,
        r#"error[missing-key]: missing required key `code`
 --> content/4xx/418.md:1:1
  |
1 | ---
  | ^
  |
  = help: add `code: 418` to the front matter

error[missing-key]: missing required key `excerpt`
 --> content/4xx/418.md:1:1
  |
1 | ---
  | ^
  |
  = help: add `excerpt: ...` to the front matter

error[missing-key]: missing required key `title`
 --> content/4xx/418.md:1:1
  |
1 | ---
  | ^
  |
  = help: add `title: ...` to the front matter

3 errors
"#,
        "::error file=content/4xx/418.md,line=1,col=1::missing required key `code`%0Ahelp: add `code: 418` to the front matter\n\
         ::error file=content/4xx/418.md,line=1,col=1::missing required key `excerpt`%0Ahelp: add `excerpt: ...` to the front matter\n\
         ::error file=content/4xx/418.md,line=1,col=1::missing required key `title`%0Ahelp: add `title: ...` to the front matter\n",
    );
}

#[test]
fn unknown_key_reports_file_line_and_suggestion() {
    let site =
        basic_with(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nsee-also: [404]\n---\n");
    assert_check(
        &site,
        1,
        r#"error[unknown-key]: unknown key `see-also` in front matter
 --> content/4xx/418.md:5:1
  |
5 | see-also: [404]
  | ^^^^^^^^
  |
  = help: did you mean `see_also`?

1 error
"#,
        "::error file=content/4xx/418.md,line=5,col=1::unknown key `see-also` in front matter%0Ahelp: did you mean `see_also`?\n",
    );
}

#[test]
fn unknown_key_without_a_close_match_lists_the_allowed_keys() {
    let site = basic_with(
        TEAPOT,
        "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nflavour: earl grey\n---\n",
    );
    let keys = code_page_keys();
    assert_check(
        &site,
        1,
        &format!(
            r#"error[unknown-key]: unknown key `flavour` in front matter
 --> content/4xx/418.md:5:1
  |
5 | flavour: earl grey
  | ^^^^^^^
  |
  = help: the keys allowed here are: {keys}

1 error
"#
        ),
        &format!(
            "::error file=content/4xx/418.md,line=5,col=1::unknown key `flavour` in front matter%0Ahelp: the keys allowed here are: {keys}\n"
        ),
    );
}

#[test]
fn wrong_types_are_reported_once_each() {
    // A quoted code is a wrong type, not also a missing key.
    let site =
        basic_with(TEAPOT, "---\ncode: \"418\"\ntitle: I'm a teapot\nexcerpt: A joke.\nsee_also: 404\n---\n");
    assert_check(
        &site,
        1,
        r#"error[wrong-type]: `code` has the wrong type: invalid type: string "418", expected i64
 --> content/4xx/418.md:2:1
  |
2 | code: "418"
  | ^
  |
  = help: write whole numbers without quotes, e.g. `404`

error[wrong-type]: `see_also` has the wrong type: invalid type: integer `404`, expected a sequence
 --> content/4xx/418.md:5:1
  |
5 | see_also: 404
  | ^
  |
  = help: write `see_also` as a list, e.g. `see_also: [a, b]`

2 errors
"#,
        "::error file=content/4xx/418.md,line=2,col=1::`code` has the wrong type: invalid type: string \"418\", expected i64%0Ahelp: write whole numbers without quotes, e.g. `404`\n\
         ::error file=content/4xx/418.md,line=5,col=1::`see_also` has the wrong type: invalid type: integer `404`, expected a sequence%0Ahelp: write `see_also` as a list, e.g. `see_also: [a, b]`\n",
    );
}

#[test]
fn code_outside_100_to_599_is_an_error() {
    let site = basic_with(TEAPOT, "---\ncode: 618\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[invalid-value]: code 618 is outside 100-599
 --> content/4xx/418.md:2:1
  |
2 | code: 618
  | ^
  |
  = help: HTTP status codes are three digits from 100 to 599

1 error
"#,
        "::error file=content/4xx/418.md,line=2,col=1::code 618 is outside 100-599%0Ahelp: HTTP status codes are three digits from 100 to 599\n",
    );
}

#[test]
fn code_not_matching_its_file_name_is_an_error() {
    let site = basic_with(TEAPOT, "---\ncode: 419\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[misplaced-page]: code 419 does not match the file name 418.md
 --> content/4xx/418.md:2:1
  |
2 | code: 419
  | ^
  |
  = help: set `code: 418`, or rename the file to 419.md in 4xx/

1 error
"#,
        "::error file=content/4xx/418.md,line=2,col=1::code 419 does not match the file name 418.md%0Ahelp: set `code: 418`, or rename the file to 419.md in 4xx/\n",
    );
}

#[test]
fn file_in_the_wrong_class_folder_is_an_error() {
    let site = SiteTest::fixture("basic");
    fs::rename(site.path(TEAPOT), site.path("content/2xx/418.md")).unwrap();
    assert_check(
        &site,
        1,
        r#"error[misplaced-page]: 418 is in folder 2xx, not in 4xx
 --> content/2xx/418.md:1:1
  |
1 | ---
  | ^
  |
  = help: move the file to content/4xx/418.md

1 error
"#,
        "::error file=content/2xx/418.md,line=1,col=1::418 is in folder 2xx, not in 4xx%0Ahelp: move the file to content/4xx/418.md\n",
    );
}

#[test]
fn file_name_that_is_not_a_code_is_an_error() {
    let site =
        basic_with("content/4xx/teapot.md", "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[misplaced-page]: file name `teapot.md` is not a status code
 --> content/4xx/teapot.md:1:1
  |
1 | ---
  | ^
  |
  = help: name code pages after their code, e.g. content/4xx/400.md

1 error
"#,
        "::error file=content/4xx/teapot.md,line=1,col=1::file name `teapot.md` is not a status code%0Ahelp: name code pages after their code, e.g. content/4xx/400.md\n",
    );
}

/// File names must match the code and the code its class folder, so two files
/// can only claim one code through class folders that differ in case (`4xx`
/// and `4XX`), which a case-sensitive file system allows.
#[test]
fn duplicate_code_in_class_folders_differing_in_case_is_an_error() {
    let site = SiteTest::fixture("basic");
    site.write("content/4XX/probe", "");
    if site.path("content/4xx/probe").exists() {
        return; // case-insensitive file system: the duplicate cannot exist
    }
    fs::remove_file(site.path("content/4XX/probe")).unwrap();
    site.write("content/4XX/418.md", "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: Again.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[duplicate-code]: code 418 is defined twice
 --> content/4xx/418.md:2:1
  |
2 | code: 418
  | ^
  |
  = help: it is already defined in content/4XX/418.md; keep one file

1 error
"#,
        "::error file=content/4xx/418.md,line=2,col=1::code 418 is defined twice%0Ahelp: it is already defined in content/4XX/418.md; keep one file\n",
    );
}

#[test]
fn empty_title_and_excerpt_are_errors() {
    // Blank text and a key written without a value are both empty.
    let site = basic_with(TEAPOT, "---\ncode: 418\ntitle: \"  \"\nexcerpt:\n---\n");
    assert_check(
        &site,
        1,
        r#"error[empty-value]: `title` is empty
 --> content/4xx/418.md:3:1
  |
3 | title: "  "
  | ^
  |
  = help: write the title

error[empty-value]: `excerpt` is empty
 --> content/4xx/418.md:4:1
  |
4 | excerpt:
  | ^
  |
  = help: write the excerpt

2 errors
"#,
        "::error file=content/4xx/418.md,line=3,col=1::`title` is empty%0Ahelp: write the title\n\
         ::error file=content/4xx/418.md,line=4,col=1::`excerpt` is empty%0Ahelp: write the excerpt\n",
    );
}

#[test]
fn duplicate_key_points_at_the_second_occurrence() {
    let site =
        basic_with(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\ntitle: Teapot\n---\n");
    assert_check(
        &site,
        1,
        r#"error[duplicate-key]: duplicate key `title` in front matter
 --> content/4xx/418.md:5:1
  |
5 | title: Teapot
  | ^
  |
  = help: keep one of the two

1 error
"#,
        "::error file=content/4xx/418.md,line=5,col=1::duplicate key `title` in front matter%0Ahelp: keep one of the two\n",
    );
}

#[test]
fn nested_duplicate_key_points_at_the_second_occurrence() {
    let site = basic_with(
        TEAPOT,
        "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nmeta:\n  title: Tea\n  description: Hot.\n  title: Pot\n---\n",
    );
    assert_check(
        &site,
        1,
        r#"error[duplicate-key]: duplicate key `title` in front matter
 --> content/4xx/418.md:8:1
  |
8 |   title: Pot
  | ^
  |
  = help: keep one of the two

1 error
"#,
        "::error file=content/4xx/418.md,line=8,col=1::duplicate key `title` in front matter%0Ahelp: keep one of the two\n",
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = SiteTest::fixture("basic");
    site.write_bytes(
        TEAPOT,
        b"\xef\xbb\xbf---\r\ncode: 418\r\ntitle: I'm a teapot\r\nexcerpt: A joke.\r\n---\r\n\r\nUnlike 404, a joke.\r\n",
    );
    assert_check(&site, 0, "no problems found\n", "");
}

#[test]
fn crlf_file_reports_the_right_line() {
    let site = SiteTest::fixture("basic");
    site.write_bytes(
        TEAPOT,
        b"\xef\xbb\xbf---\r\ncode: 418\r\ntitle: I'm a teapot\r\nexcerpt: A joke.\r\n---\r\n\r\nA joke.\r\nTruly.\r\n\r\nSee [499].\r\n",
    );
    assert_check(
        &site,
        1,
        r#"error[unknown-code]: [499] links to a code the site does not have
  --> content/4xx/418.md:10:5
   |
10 | See [499].
   |     ^^^^^
   |
   = help: write an existing code, or add its page first

1 error
"#,
        "::error file=content/4xx/418.md,line=10,col=5::[499] links to a code the site does not have%0Ahelp: write an existing code, or add its page first\n",
    );
}

// ----------------------------------------------------------------------- links

/// The basic teapot page with `body` (one line, the file's line 7).
fn teapot_body(body: &str) -> SiteTest {
    basic_with(TEAPOT, &format!("---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\n---\n\n{body}\n"))
}

#[test]
fn explicit_reference_to_a_missing_code_is_an_error() {
    let site = teapot_body("A proxy may answer [499] instead.");
    assert_check(
        &site,
        1,
        r#"error[unknown-code]: [499] links to a code the site does not have
 --> content/4xx/418.md:7:20
  |
7 | A proxy may answer [499] instead.
  |                    ^^^^^
  |
  = help: write an existing code, or add its page first

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=20::[499] links to a code the site does not have%0Ahelp: write an existing code, or add its page first\n",
    );
}

#[test]
fn explicit_reference_to_a_missing_class_is_an_error() {
    let site = teapot_body("Nothing like [3xx] here.");
    assert_check(
        &site,
        1,
        r#"error[unknown-code]: [3xx] links to a class the site does not have
 --> content/4xx/418.md:7:14
  |
7 | Nothing like [3xx] here.
  |              ^^^^^
  |
  = help: write an existing code, or add its page first

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=14::[3xx] links to a class the site does not have%0Ahelp: write an existing code, or add its page first\n",
    );
}

#[test]
fn see_also_naming_a_missing_code_is_an_error() {
    let site = basic_with(
        TEAPOT,
        "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nsee_also: [404, 499]\n---\n",
    );
    assert_check(
        &site,
        1,
        r#"error[unknown-code]: see_also names 499, but the site has no page for it
 --> content/4xx/418.md:5:1
  |
5 | see_also: [404, 499]
  | ^
  |
  = help: remove 499 from see_also, or add content/4xx/499.md

1 error
"#,
        "::error file=content/4xx/418.md,line=5,col=1::see_also names 499, but the site has no page for it%0Ahelp: remove 499 from see_also, or add content/4xx/499.md\n",
    );
}

#[test]
fn internal_link_to_a_missing_page_is_an_error() {
    let site = teapot_body("Compare [the other one](../999/).");
    assert_check(
        &site,
        1,
        r#"error[broken-link]: link `../999/` leads to no page of the site
 --> content/4xx/418.md:7:9
  |
7 | Compare [the other one](../999/).
  |         ^
  |
  = help: check the path; code pages are ../404/, class pages ../4xx/

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=9::link `../999/` leads to no page of the site%0Ahelp: check the path; code pages are ../404/, class pages ../4xx/\n",
    );
}

#[test]
fn anchor_on_the_same_page_leading_nowhere_is_an_error() {
    let site = teapot_body("See [below](#brewing).");
    assert_check(
        &site,
        1,
        r#"error[broken-anchor]: anchor #brewing in `#brewing` leads nowhere
 --> content/4xx/418.md:7:5
  |
7 | See [below](#brewing).
  |     ^
  |
  = help: link a heading of that page, or a code's anchor such as #404-not-found

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=5::anchor #brewing in `#brewing` leads nowhere%0Ahelp: link a heading of that page, or a code's anchor such as #404-not-found\n",
    );
}

#[test]
fn anchor_on_another_page_leading_nowhere_is_an_error() {
    let site = teapot_body("See [its example](../404/#example).");
    assert_check(
        &site,
        1,
        r#"error[broken-anchor]: anchor #example in `../404/#example` leads nowhere
 --> content/4xx/418.md:7:5
  |
7 | See [its example](../404/#example).
  |     ^
  |
  = help: link a heading of that page, or a code's anchor such as #404-not-found

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=5::anchor #example in `../404/#example` leads nowhere%0Ahelp: link a heading of that page, or a code's anchor such as #404-not-found\n",
    );
}

#[test]
fn code_anchor_with_the_wrong_slug_is_an_error() {
    let site = teapot_body("Unlike [not found](#404-nope), it is a joke.");
    assert_check(
        &site,
        1,
        r#"error[broken-anchor]: anchor #404-nope leads nowhere
 --> content/4xx/418.md:7:8
  |
7 | Unlike [not found](#404-nope), it is a joke.
  |        ^
  |
  = help: the anchor of 404 is #404-not-found

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=8::anchor #404-nope leads nowhere%0Ahelp: the anchor of 404 is #404-not-found\n",
    );
}

#[test]
fn legacy_anchor_to_a_missing_code_is_an_error() {
    let site = teapot_body("Legacy [299 Nope](#299 Nope) link.");
    assert_check(
        &site,
        1,
        r#"error[unknown-code]: link to #299 names a code the site does not have
 --> content/4xx/418.md:7:8
  |
7 | Legacy [299 Nope](#299 Nope) link.
  |        ^
  |
  = help: link an existing code, e.g. [404 Not Found](#404-not-found)

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=8::link to #299 names a code the site does not have%0Ahelp: link an existing code, e.g. [404 Not Found](#404-not-found)\n",
    );
}

#[test]
fn javascript_url_is_an_error() {
    let site = teapot_body("Click [here](javascript:alert(1)).");
    assert_check(
        &site,
        1,
        r#"error[forbidden-url]: `javascript:` URLs are not allowed in content
 --> content/4xx/418.md:7:7
  |
7 | Click [here](javascript:alert(1)).
  |       ^
  |
  = help: link with http, https, mailto or a relative URL

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=7::`javascript:` URLs are not allowed in content%0Ahelp: link with http, https, mailto or a relative URL\n",
    );
}

#[test]
fn raw_html_id_taken_by_the_theme_is_an_error() {
    let site = teapot_body("Brewing <span id=\"main\">now</span>.");
    assert_check(
        &site,
        1,
        r#"error[duplicate-id]: raw HTML sets id="main", which this page already uses (for the theme, a code's entry or a heading)
 --> content/4xx/418.md:7:9
  |
7 | Brewing <span id="main">now</span>.
  |         ^
  |
  = help: give the element another id

1 error
"#,
        "::error file=content/4xx/418.md,line=7,col=9::raw HTML sets id=\"main\", which this page already uses (for the theme, a code's entry or a heading)%0Ahelp: give the element another id\n",
    );
}

const PROSE_499: &str = r#"warning[unknown-code]: 499 is mentioned but the site has no page for it; it stays text
 --> content/4xx/418.md:7:18
  |
7 | If in doubt, see 499 for details.
  |                  ^^^
  |
  = help: add content/4xx/499.md, or reword if it is not a status code

1 warning
"#;

#[test]
fn prose_mention_of_a_missing_code_is_a_warning() {
    let site = teapot_body("If in doubt, see 499 for details.");
    assert_check(
        &site,
        0,
        PROSE_499,
        "::warning file=content/4xx/418.md,line=7,col=18::499 is mentioned but the site has no page for it; it stays text%0Ahelp: add content/4xx/499.md, or reword if it is not a status code\n",
    );
}

#[test]
fn code_named_without_a_cue_is_a_warning_with_its_column_and_fixes() {
    let site = teapot_body("The answer is 404, not 418.\nFor 401, the limit is \\401 a day.");
    assert_check(
        &site,
        0,
        r#"warning[bare-code]: 404 is named without a cue, so it is not linked
 --> content/4xx/418.md:7:15
  |
7 | The answer is 404, not 418.
  |               ^^^
  |
  = help: if it is the status code, add a cue ("see 404", "a 404 response") or write [404]; if it is a number, add its unit ("404 ms") or write \404

warning[bare-code]: 401 is named without a cue, so it is not linked
 --> content/4xx/418.md:8:5
  |
8 | For 401, the limit is \401 a day.
  |     ^^^
  |
  = help: if it is the status code, add a cue ("see 401", "a 401 response") or write [401]; if it is a number, add its unit ("401 ms") or write \401

2 warnings
"#,
        "::warning file=content/4xx/418.md,line=7,col=15::404 is named without a cue, so it is not linked%0Ahelp: if it is the status code, add a cue (\"see 404\", \"a 404 response\") or write [404]; if it is a number, add its unit (\"404 ms\") or write \\404\n\
         ::warning file=content/4xx/418.md,line=8,col=5::401 is named without a cue, so it is not linked%0Ahelp: if it is the status code, add a cue (\"see 401\", \"a 401 response\") or write [401]; if it is a number, add its unit (\"401 ms\") or write \\401\n",
    );
}

#[test]
fn deny_warnings_turns_a_warning_into_exit_1() {
    let site = teapot_body("If in doubt, see 499 for details.");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, PROSE_499));
    let run = site.run(&["check", "--deny-warnings", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("::warning file=content/4xx/418.md,line=7,col=18::"), "{}", run.stdout);
}

/// A page that exists but is invalid is reported once: links to its code from
/// other pages (see_also, prose, explicit) are not reported as missing, and its
/// own body is still checked.
#[test]
fn invalid_page_is_reported_once_and_its_body_still_checked() {
    let site = basic_with(
        "content/4xx/404.md",
        "---\ncode: 404\ntitle: Not Found\nexcerpt: \"\"\n---\n\nNothing here, see [499].\n",
    );
    assert_check(
        &site,
        1,
        r#"error[empty-value]: `excerpt` is empty
 --> content/4xx/404.md:4:1
  |
4 | excerpt: ""
  | ^
  |
  = help: write the excerpt

error[unknown-code]: [499] links to a code the site does not have
 --> content/4xx/404.md:7:19
  |
7 | Nothing here, see [499].
  |                   ^^^^^
  |
  = help: write an existing code, or add its page first

2 errors
"#,
        "::error file=content/4xx/404.md,line=4,col=1::`excerpt` is empty%0Ahelp: write the excerpt\n\
         ::error file=content/4xx/404.md,line=7,col=19::[499] links to a code the site does not have%0Ahelp: write an existing code, or add its page first\n",
    );
}

#[test]
fn unreadable_front_matter_does_not_cascade_into_link_errors() {
    // 404 is named by see_also, prose and tables all over the basic site.
    let site = basic_with("content/4xx/404.md", "---\ncode: 404\ntitle: [Not Found\n---\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/4xx/404.md,line=3,col=8::invalid YAML in front matter: did not find expected ',' or ']' while parsing a flow sequence%0Ahelp: close the bracket that starts here\n"
    );
}

// ----------------------------------------------------------------------- files

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let site = SiteTest::fixture("basic");
    site.write_bytes(TEAPOT, b"---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A jo\xffke.\n---\n");
    assert_check(
        &site,
        1,
        r#"error[invalid-utf8]: content/4xx/418.md is not valid UTF-8: invalid byte 0xff at byte offset 47
--> content/4xx/418.md:4:14
 = help: save the file as UTF-8

1 error
"#,
        "::error file=content/4xx/418.md,line=4,col=14::content/4xx/418.md is not valid UTF-8: invalid byte 0xff at byte offset 47%0Ahelp: save the file as UTF-8\n",
    );
}

#[test]
fn stray_file_in_content_is_a_warning() {
    let site = basic_with("content/4xx/notes.docx", "not markdown");
    assert_check(
        &site,
        0,
        r#"warning[unpublished-file]: content/4xx/notes.docx is neither markdown nor a known asset; it is not published
--> content/4xx/notes.docx:1:1
 = help: pages are .md files; assets may be png, jpg, jpeg, gif, webp, avif, svg, ico, txt, pdf, json, csv

1 warning
"#,
        "::warning file=content/4xx/notes.docx,line=1,col=1::content/4xx/notes.docx is neither markdown nor a known asset; it is not published%0Ahelp: pages are .md files; assets may be png, jpg, jpeg, gif, webp, avif, svg, ico, txt, pdf, json, csv\n",
    );
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_root_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().canonicalize().unwrap().join("499.md");
    fs::write(&target, "---\ncode: 499\ntitle: Client Closed Request\nexcerpt: Nginx.\n---\n").unwrap();
    let site = SiteTest::fixture("basic");
    std::os::unix::fs::symlink(&target, site.path("content/4xx/499.md")).unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.replace(&*target.to_string_lossy(), "[OUTSIDE]"),
        r#"error[symlink-outside-site]: content/4xx/499.md is a symlink that leaves the site root (it points to [OUTSIDE])
--> content/4xx/499.md:1:1
 = help: copy the file into content/ instead of linking to it

1 error
"#
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.replace(&*target.to_string_lossy(), "[OUTSIDE]"),
        "::error file=content/4xx/499.md,line=1,col=1::content/4xx/499.md is a symlink that leaves the site root (it points to [OUTSIDE])%0Ahelp: copy the file into content/ instead of linking to it\n"
    );
}

#[test]
fn oversize_file_is_an_error() {
    let site = SiteTest::fixture("basic");
    site.write_bytes("content/4xx/499.md", &vec![b'a'; 9_000_000]);
    assert_check(
        &site,
        1,
        r#"error[too-large]: content/4xx/499.md is 9000000 bytes; content files are limited to 8388608 bytes
--> content/4xx/499.md:1:1
 = help: split the page, or move large data out of content/

1 error
"#,
        "::error file=content/4xx/499.md,line=1,col=1::content/4xx/499.md is 9000000 bytes; content files are limited to 8388608 bytes%0Ahelp: split the page, or move large data out of content/\n",
    );
}

/// Reading a FIFO never ends; statusref refuses anything but regular files.
#[cfg(unix)]
#[test]
fn fifo_is_refused_instead_of_hanging() {
    let site = SiteTest::fixture("basic");
    let made = std::process::Command::new("mkfifo").arg(site.path("content/4xx/499.md")).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    assert_check(
        &site,
        1,
        r#"error[not-a-file]: content/4xx/499.md is not a regular file
--> content/4xx/499.md:1:1
 = help: content/ holds plain files; remove it

1 error
"#,
        "::error file=content/4xx/499.md,line=1,col=1::content/4xx/499.md is not a regular file%0Ahelp: content/ holds plain files; remove it\n",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::fixture("basic");
    fs::set_permissions(site.path(TEAPOT), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(site.path(TEAPOT)).is_ok() {
        return; // running as root: permissions do not stop reading
    }
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("::error file=content/4xx/418.md,line=1,col=1::cannot read content/4xx/418.md: "),
        "{}",
        run.stdout
    );
}

// ------------------------------------------------------------------ robustness

#[test]
fn billion_laughs_front_matter_is_refused() {
    let mut yaml = String::from("code: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nmeta:\n  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    let mut prev = 'a';
    for name in "bcdefghi".chars() {
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("  {name}: &{name} [{refs}]\n"));
        prev = name;
    }
    let site = basic_with(TEAPOT, &format!("---\n{yaml}---\n"));
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/4xx/418.md,line=2,col=1::front matter expands to too much data (YAML aliases)%0Ahelp: write the values out instead of using YAML anchors and aliases\n"
    );
}

#[test]
fn hundred_thousand_deep_front_matter_is_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let yaml = format!("code: 418\ntitle: I'm a teapot\nexcerpt: A joke.\ntags: {deep}\n");
    let site = basic_with(TEAPOT, &format!("---\n{yaml}---\n"));
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "::error file=content/4xx/418.md,line=2,col=1::front matter is {} bytes; the limit is 65536 bytes%0Ahelp: front matter holds a few short keys; move long text into the body\n",
            yaml.len()
        )
    );
}

#[test]
fn deep_nesting_under_the_size_limit_is_refused() {
    let deep = format!("{}{}", "[".repeat(1_000), "]".repeat(1_000));
    let site = basic_with(
        TEAPOT,
        &format!("---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\ntags: {deep}\n---\n"),
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/4xx/418.md,line=5,col=1::front matter is nested 1000 levels deep; the limit is 32%0Ahelp: front matter keys are at most a list of small maps; flatten the value\n"
    );
}

#[test]
fn huge_single_line_code_block_builds() {
    let line = "x".repeat(2_000_000);
    let site = teapot_body(&format!("```\n{line}\n```"));
    site.build();
    assert!(site.read("output/418/index.html").contains(&line));
}

// ---------------------------------------------------------- all in one, exits

#[test]
fn all_problems_are_reported_in_one_run() {
    let site = SiteTest::fixture("basic");
    site.write(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: A joke.\nflavor: earl grey\n---\n");
    site.write(
        "content/2xx/200.md",
        "---\ncode: 200\ntitle: OK\nexcerpt: Fine.\n---\n\nClick [me](javascript:void(0)).\n",
    );
    site.write(
        "content/4xx/401.md",
        "---\ncode: 401\ntitle: Unauthorized\nexcerpt: Log in.\n---\n\nOr [499].\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "::error file=content/2xx/200.md,line=7,col=7::`javascript:` URLs are not allowed in content%0Ahelp: link with http, https, mailto or a relative URL\n\
             ::error file=content/4xx/401.md,line=7,col=4::[499] links to a code the site does not have%0Ahelp: write an existing code, or add its page first\n\
             ::error file=content/4xx/418.md,line=5,col=1::unknown key `flavor` in front matter%0Ahelp: the keys allowed here are: {}\n",
            code_page_keys()
        )
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().filter(|l| l.starts_with("error[")).count(), 3);
    assert!(run.stdout.ends_with("\n3 errors\n"), "{}", run.stdout);
}

/// The kinds in a human report (`error[broken-link]` -> `broken-link`), in order.
fn kinds(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .map(|l| &l[l.find('[').unwrap() + 1..l.find(']').unwrap()])
        .collect()
}

/// Tests and tools may rely on the kind (`error[broken-link]`) whatever the wording.
#[test]
fn each_problem_names_its_kind() {
    let site = SiteTest::fixture("basic");
    site.write(TEAPOT, "---\ncode: 418\ntitle: I'm a teapot\nexcerpt: TODO\nflavor: earl grey\n---\n");
    site.write(
        "content/2xx/200.md",
        "---\ncode: 200\ntitle: OK\nexcerpt: Fine.\n---\n\nClick [me](javascript:void(0)).\n",
    );
    site.write(
        "content/4xx/401.md",
        "---\ncode: 401\ntitle: Unauthorized\nexcerpt: Log in.\n---\n\nOr [499].\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    assert_eq!(
        kinds(&run.stdout),
        ["forbidden-url", "unknown-code", "todo", "unknown-key"],
        "{}",
        run.stdout
    );

    // Links are judged on the rendered site, so on a site without content errors.
    let site = teapot_body("See [gone](../999/), [there](../404/#nowhere) and 499.");
    let run = site.check();
    assert_eq!(run.code, 1);
    assert_eq!(kinds(&run.stdout), ["broken-link", "broken-anchor", "unknown-code"], "{}", run.stdout);
}

#[test]
fn clean_site_exits_0() {
    let site = SiteTest::fixture("basic");
    assert_check(&site, 0, "no problems found\n", "");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0);
    assert!(!site.path("output").exists(), "check writes nothing");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["check", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml' for '--format <FORMAT>'"), "{}", run.stderr);
    assert!(run.stderr.contains("[possible values: human, github]"), "{}", run.stderr);
}

#[test]
fn root_without_content_is_a_usage_error() {
    let site = SiteTest::empty();
    site.write("docs/readme.md", "not a site");
    for command in ["check", "build"] {
        let run = site.run(&[command, "--root", "docs"]);
        assert_eq!(run.code, 2, "{command}");
        assert_eq!(
            run.stderr,
            "error: no content/ folder in docs\n  = help: run statusref in a site folder, or pass --root DIR (a site has content/_index.md and content/4xx/404.md)\n",
            "{command}"
        );
        assert_eq!(run.stdout, "");
    }
    assert!(!site.path("docs/output").exists());
}

#[test]
fn root_that_does_not_exist_is_a_usage_error() {
    let site = SiteTest::empty();
    let run = site.run(&["check", "--root", "nowhere"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: site root nowhere is not a folder\n"), "{}", run.stderr);
}

// ----------------------------------------------------------------------- build

#[test]
fn build_fails_with_the_same_diagnostics_as_check() {
    let site = teapot_body("A proxy may answer [499] instead.");
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert_eq!(
        build.stderr,
        format!("{}error: build failed; the previous site in ./output was left as it was\n", check.stdout)
    );
    assert!(!site.path("output").exists());
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::fixture("basic");
    site.build();
    let index = site.read("output/index.html");
    site.write("output/mine.txt", "not statusref's");
    site.write(TEAPOT, "---\ncode: 418\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[missing-key]: missing required key `title`\n --> content/4xx/418.md:1:1\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("output/index.html"), index);
    assert_eq!(site.read("output/mine.txt"), "not statusref's");
    assert!(site.path("output/418/index.html").exists());
}

/// `build --output OUT` is refused with exit 2 and the given reason, and
/// deletes nothing: the site and `keep.txt` next to it are intact.
fn assert_output_refused(args: &[&str], reason: &str) {
    let site = SiteTest::empty();
    crate::support::copy_dir(&crate::support::fixtures().join("basic"), &site.path("site"));
    site.write("keep.txt", "keep");
    site.write("site/mine/notes.txt", "mine");
    let before = list(site.root());
    let mut full = vec!["build", "--root", "site"];
    full.extend_from_slice(args);
    let run = site.run(&full);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr, format!("error: refusing to write the site into {}: {reason}\n", args[1]));
    assert_eq!(run.stdout, "");
    assert_eq!(list(site.root()), before, "nothing was written or deleted");
}

fn list(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn build_refuses_output_equal_to_the_root() {
    assert_output_refused(&["--output", "site"], "it is the site root");
}

#[test]
fn build_refuses_output_inside_content() {
    assert_output_refused(&["--output", "site/content"], "it is inside the site's content/ folder");
}

#[test]
fn build_refuses_output_that_contains_the_root() {
    assert_output_refused(&["--output", "."], "it contains the site root");
}

#[test]
fn build_refuses_a_non_empty_folder_it_did_not_write() {
    assert_output_refused(
        &["--output", "site/mine"],
        "it is not empty and was not written by statusref (no .statusref-manifest); pass an empty or new folder with --output",
    );
}

// ------------------------------------------------ site files, walking, volume

/// `check` with a time limit, for sites that used to make it hang.
fn check_within_a_minute(site: &SiteTest, format: &str) -> crate::support::Run {
    let out = assert_cmd::Command::cargo_bin("statusref")
        .unwrap()
        .current_dir(site.root())
        .args(["check", "--format", format])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.code().is_some(), "check did not finish within a minute (killed)");
    crate::support::Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Reading a FIFO never ends; site.yaml gets the guards content files have.
#[cfg(unix)]
#[test]
fn fifo_site_yaml_is_an_error_instead_of_a_hang() {
    let site = SiteTest::fixture("basic");
    let made = std::process::Command::new("mkfifo").arg(site.path("site.yaml")).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let run = check_within_a_minute(&site, "human");
    assert_eq!(
        run.stdout,
        "error[not-a-file]: site.yaml is not a regular file\n--> site.yaml:1:1\n = help: replace it with a plain file, or remove it\n\n1 error\n"
    );
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    let run = check_within_a_minute(&site, "github");
    assert_eq!(
        run.stdout,
        "::error file=site.yaml,line=1,col=1::site.yaml is not a regular file%0Ahelp: replace it with a plain file, or remove it\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_folder_named_site_yaml_is_an_error() {
    let site = SiteTest::fixture("basic");
    fs::create_dir(site.path("site.yaml")).unwrap();
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("error[not-a-file]: site.yaml is a folder, not a file\n--> site.yaml:1:1\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_registry_that_is_not_utf8_is_an_error() {
    let site = SiteTest::fixture("basic");
    site.write_bytes("data/registry.tsv", b"code\tname\tstatus\n404\tNot \xffFound\tstandard\n");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=data/registry.tsv,line=2,col=9::data/registry.tsv is not valid UTF-8: invalid byte 0xff at byte offset 25%0Ahelp: save the file as UTF-8\n"
    );
}

#[test]
fn site_yaml_lines_are_quoted() {
    let site = basic_with("site.yaml", "title: My codes\ntheme: nope\n");
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(" --> site.yaml:1:1\n  |\n1 | title: My codes\n  | ^\n"), "{}", run.stdout);
}

#[test]
fn hidden_folders_in_content_are_not_entered() {
    let site = basic_with("content/.drafts/404.md", "---\ncode: 404\n---\n");
    site.write("content/4xx/.notes/499.md", "not even front matter");
    assert_check(&site, 0, "no problems found\n", "");
}

#[cfg(unix)]
#[test]
fn content_folder_linked_from_outside_the_root_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().canonicalize().unwrap().join("content");
    crate::support::copy_dir(&crate::support::fixtures().join("basic/content"), &target);
    let site = SiteTest::empty();
    std::os::unix::fs::symlink(&target, site.path("content")).unwrap();
    let run = site.check();
    assert_eq!(
        run.stdout.replace(&*target.to_string_lossy(), "[OUTSIDE]"),
        "error[symlink-outside-site]: content is a symlink that leaves the site root (it points to [OUTSIDE])\n--> content:1:1\n = help: move the content folder into the site instead of linking to it\n\n1 error\n"
    );
    assert_eq!(run.code, 1);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(!site.path("output").exists());
}

#[test]
fn content_errors_do_not_hide_template_errors() {
    let site = teapot_body("A proxy may answer [499] instead.");
    site.write(
        "themes/default/templates/code.html",
        "{% extends \"base.html\" %}{% block main %}{{ code.title }{% endblock main %}",
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with("::error file=content/4xx/418.md,line=7,col=20::[499] links"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1]
            .starts_with("::error file=themes/default/templates/code.html,line=1,col=1::template error: "),
        "{}",
        run.stdout
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(run.stdout.ends_with("\n2 errors\n"), "{}", run.stdout);
}

#[test]
fn repeated_warnings_are_capped_but_counted() {
    let body = vec!["If in doubt, see 499."; 100].join("\n");
    let site = teapot_body(&body);
    let run = site.check();
    assert_eq!(run.code, 0);
    let warning = "warning[unknown-code]: 499 is mentioned but the site has no page for it; it stays text\n";
    assert_eq!(run.stdout.matches(warning).count(), 20, "{}", run.stdout);
    assert!(
        run.stdout.ends_with(
            " --> content/4xx/418.md:26:18\n   |\n26 | If in doubt, see 499.\n   |                  ^^^\n   |\n   = help: add content/4xx/499.md, or reword if it is not a status code\n\n\
             … and 80 more warnings like this in content/4xx/418.md\n\n100 warnings\n"
        ),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.stdout.lines().count(), 100);
}

/// A misspelt field in a theme's template is one error at its own line (in
/// `{% if %}`, where Tera would be silent, and in `{{ }}`, where it would
/// fail once per page), not one per page at line 1.
#[test]
fn misspelt_template_fields_are_reported_once_at_their_line() {
    let site = SiteTest::fixture("theme/misspelt-field");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "::error file=themes/mine/templates/code.html,line=4,col=7::template uses `code.vendr`, which no page has%0Ahelp: did you mean `code.vendor`?\n\
         ::error file=themes/mine/templates/code.html,line=5,col=20::template uses `code.exerpt`, which no page has%0Ahelp: did you mean `code.excerpt`?\n"
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(!site.path("output").exists());
}
