//! `statusref new CODE`: the scaffold has every front matter key, fails
//! `check` until its placeholders are filled, passes once they are, and
//! `new` never overwrites a page or accepts a code outside 100-599.

use crate::support::SiteTest;

/// The basic fixture with a registry that knows 425 (and nothing the fixture
/// has, so the registry adds no warnings of its own).
fn site_with_registry() -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.write(
        "data/registry.tsv",
        "code\tname\tstatus\treference\tpython_http_HTTPStatus\tgo_net_http\trust_http_StatusCode\t\
         node_http_STATUS_CODES\tnode_http2_constant\trails_rack_symbol\tnotes\n\
         425\tToo Early\tstandard\tRFC8470 5.2\tHTTPStatus.TOO_EARLY\thttp.StatusTooEarly\t\
         StatusCode::TOO_EARLY\tToo Early\tHTTP_STATUS_TOO_EARLY\t:too_early\t\n",
    );
    site
}

/// The front matter of a page, parsed.
fn front_matter(text: &str) -> serde_yaml::Mapping {
    let rest = text.strip_prefix("---\n").expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter is closed");
    serde_yaml::from_str(&rest[..end]).expect("front matter is YAML")
}

/// The scaffold with its placeholders written: what a contributor does next.
fn fill_in(text: &str) -> String {
    let mut out = text
        .replacen(
            "excerpt: \"\"",
            "excerpt: The server will not yet process a request that might be replayed from early data.",
            1,
        )
        .replacen(
            "  description: \"\"",
            "  description: What 425 Too Early means for TLS 1.3 early data and how a client retries.",
            1,
        );
    let replacements = [
        "The **425 Too Early** status code TODO: say precisely what it means.",
        "TODO: when a server should use it and when not; name the closest alternatives in prose (\"unlike 404 ...\").",
        "TODO: cacheable by default or not; headers that go with it.",
        "TODO: when you meet one in the wild, and how to fix it.",
    ];
    let written = [
        "The **425 Too Early** status code says the server will not act on a request sent in TLS early data, because an attacker could replay it.",
        "Send it when a request arrived in early data and acting on it twice would do harm; unlike 404, the resource is there.",
        "It is not cacheable by default. A client retries the same request once the handshake is complete.",
        "A client or proxy sent a non-idempotent request in early data; send it after the handshake instead.",
    ];
    for (placeholder, text) in replacements.iter().zip(written) {
        assert!(out.contains(placeholder), "the scaffold has changed; update this test:\n{out}");
        out = out.replacen(placeholder, text, 1);
    }
    out = out.replace("GET /TODO HTTP/1.1", "POST /orders HTTP/1.1");
    out = out.replace("\nTODO\n", "\nRetry after the handshake.\n");
    assert!(!out.contains("TODO"), "a placeholder is left:\n{out}");
    out
}

#[test]
fn new_425_scaffolds_a_page_that_passes_check_once_filled() {
    let site = site_with_registry();
    assert!(!site.path("content/4xx/425.md").exists());

    let run = site.run(&["new", "425"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("content/4xx/425.md"), "{}", run.stdout);
    let text = site.read("content/4xx/425.md");

    // Every front matter key of docs/content-guide.md, prefilled from the registry.
    let fm = front_matter(&text);
    let keys: Vec<&str> = fm.keys().filter_map(|k| k.as_str()).collect();
    for key in [
        "code",
        "title",
        "excerpt",
        "meta",
        "status",
        "tags",
        "aliases",
        "vendor",
        "spec",
        "see_also",
        "constants",
        "order",
    ] {
        assert!(keys.contains(&key), "no `{key}` in the scaffold:\n{text}");
    }
    assert_eq!(fm["code"].as_u64(), Some(425));
    assert_eq!(fm["title"].as_str(), Some("Too Early"));
    assert_eq!(fm["status"].as_str(), Some("standard"));
    assert_eq!(fm["excerpt"].as_str(), Some(""));
    let meta = fm["meta"].as_mapping().expect("meta is a mapping");
    assert!(meta.contains_key("title") && meta.contains_key("description"), "{text}");
    assert_eq!(fm["spec"][0]["name"].as_str(), Some("RFC 8470"), "{text}");
    assert_eq!(fm["spec"][0]["section"].as_str(), Some("5.2"), "{text}");
    let constants = fm["constants"].as_mapping().expect("constants is a mapping");
    for key in ["python", "go", "rust", "node", "node_http2", "rails"] {
        assert!(constants.contains_key(key), "no constants.{key}:\n{text}");
    }
    assert_eq!(fm["constants"]["rails"].as_str(), Some(":too_early"));
    // ... and the body's sections.
    for heading in ["## When to send it", "## What clients and caches do", "## Common causes", "## Example"] {
        assert!(text.contains(heading), "no `{heading}`:\n{text}");
    }

    // As written, check fails: the excerpt is empty and TODOs are left.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "check passed on the bare scaffold:\n{}", run.stdout);
    assert!(run.stdout.contains("content/4xx/425.md"), "{}", run.stdout);
    assert!(run.stdout.contains("excerpt"), "{}", run.stdout);
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("TODO"), "{}", run.stdout);

    // Filled in, it passes, warnings included, and it builds.
    site.write("content/4xx/425.md", &fill_in(&text));
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "check fails on the filled-in page:\n{}{}", run.stdout, run.stderr);
    site.build();
    assert!(site.path("output/425/index.html").is_file());

    // Running it again refuses and leaves the page alone.
    let filled = site.read("content/4xx/425.md");
    let run = site.run(&["new", "425"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(site.read("content/4xx/425.md"), filled);
}

#[test]
fn new_refuses_what_is_not_a_status_code() {
    let site = site_with_registry();
    for arg in ["600", "abc", "99", "0425x"] {
        let run = site.run(&["new", arg]);
        assert_eq!(run.code, 2, "new {arg}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("100 to 599"), "new {arg}: {}", run.stderr);
    }
    assert!(!site.path("content/6xx").exists());
    assert!(site.read("content/4xx/404.md").starts_with("---\ncode: 404\n"));
}

#[test]
fn new_with_root_writes_under_that_folder_and_without_a_registry_leaves_the_title() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["new", "--root", ".", "599"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = site.read("content/5xx/599.md");
    let fm = front_matter(&text);
    assert_eq!(fm["title"].as_str(), Some(""));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "an untitled page must fail check:\n{}", run.stdout);
    assert!(run.stdout.contains("title"), "{}", run.stdout);
}

#[test]
fn new_refuses_a_root_that_does_not_exist() {
    let site = SiteTest::empty();
    let run = site.run(&["new", "425", "--root", "typo/deep"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert!(!site.path("typo").exists(), "nothing is created");
}
