//! GitHub Pages, end to end: the project's own site (content/, data/,
//! site.yaml and themes/ of this repository) built for
//! `https://example.github.io/statusref/`, served from 127.0.0.1 under
//! `/statusref/` the way Pages serves a project site, and crawled from its
//! home page over HTTP. Also the files Pages and crawlers read (sitemap,
//! robots.txt, .nojekyll, CNAME) and the edit/report links.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use scraper::Html;
use url::Url;

use crate::support::{attrs, copy_dir, sel, SiteTest};

const BASE_URL: &str = "https://example.github.io/statusref/";
const BASE_PATH: &str = "/statusref/";

/// Elements whose URL the crawler follows: (selector, attribute).
const LINK_ATTRS: &[(&str, &str)] =
    &[("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src"), ("img[src]", "src")];

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the project's own site: content/, data/, site.yaml, and themes/ if the repository has one.
fn project_site() -> SiteTest {
    let site = SiteTest::empty();
    for dir in ["content", "data", "themes"] {
        let from = repo_root().join(dir);
        if from.is_dir() {
            copy_dir(&from, &site.path(dir));
        }
    }
    fs::copy(repo_root().join("site.yaml"), site.path("site.yaml")).expect("the repository has a site.yaml");
    site
}

/// `site.yaml` of the repository, parsed.
fn project_config() -> serde_yaml::Value {
    let text = fs::read_to_string(repo_root().join("site.yaml")).expect("site.yaml");
    serde_yaml::from_str(&text).expect("site.yaml is YAML")
}

fn build_for_pages(site: &SiteTest) {
    let run = site.run(&["build", "--base-url", BASE_URL]);
    assert_eq!(run.code, 0, "build failed:\n{}{}", run.stdout, run.stderr);
}

/// Serves `output` under `/statusref/` on 127.0.0.1 the way GitHub Pages serves
/// a project site: `/statusref/404/` is `404/index.html`, a folder without its
/// slash is redirected, and a path with no file gets `404.html` with status 404.
/// One thread per connection, one request per connection. The server lives as
/// long as the test process.
fn serve_pages(output: PathBuf) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let output = output.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &output);
            });
        }
    });
    addr
}

fn answer(stream: TcpStream, output: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or(""));
    let (status, content_type, location, body) = match resolve_pages_path(output, &path) {
        _ if method != "GET" && method != "HEAD" => (405, "text/plain", None, b"method not allowed".to_vec()),
        Resolved::File(file) => (200, content_type_of(&file), None, fs::read(&file)?),
        Resolved::Redirect(to) => (301, "text/plain", Some(to), Vec::new()),
        Resolved::NotFound => {
            (404, "text/html; charset=utf-8", None, fs::read(output.join("404.html")).unwrap_or_default())
        }
    };
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(location) = location {
        let _ = write!(head, "Location: {location}\r\n");
    }
    head.push_str("\r\n");
    let mut stream = reader.into_inner();
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

fn resolve_pages_path(output: &Path, path: &str) -> Resolved {
    let base = BASE_PATH.trim_end_matches('/');
    if path == base {
        return Resolved::Redirect(BASE_PATH.to_string());
    }
    let Some(rel) = path.strip_prefix(BASE_PATH) else { return Resolved::NotFound };
    if rel.split('/').any(|seg| seg == ".." || seg == "." || seg.contains('\\')) {
        return Resolved::NotFound;
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        output.join(rel).join("index.html")
    } else {
        output.join(rel)
    };
    if file.is_file() {
        Resolved::File(file)
    } else if file.is_dir() && file.join("index.html").is_file() {
        Resolved::Redirect(format!("{path}/"))
    } else {
        Resolved::NotFound
    }
}

fn content_type_of(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent()
}

struct Fetched {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

fn fetch(agent: &ureq::Agent, url: &Url) -> Fetched {
    let mut response = agent.get(url.as_str()).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("GET {url}: body: {e}"));
    Fetched { status, content_type, body }
}

/// `/statusref/4xx/` and `/statusref/4xx/index.html` are one page; fragments are not part of it.
fn page_key(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    if url.path().ends_with('/') {
        let path = format!("{}index.html", url.path());
        url.set_path(&path);
    }
    url.to_string()
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An HTML page the crawler fetched.
struct Page {
    status: u16,
    /// Every `id` (and `a[name]`) on the page: the valid fragments.
    ids: BTreeSet<String>,
    canonical: Vec<String>,
    og_url: Vec<String>,
    doc: Html,
}

/// One internal URL found on a page.
struct Link {
    from: String,
    /// What the page said, e.g. `a[href]="../404/index.html"`.
    found: String,
    target: Url,
}

#[derive(Default)]
struct Crawl {
    /// Status of every URL fetched, by page key.
    statuses: BTreeMap<String, u16>,
    /// HTML pages, by page key.
    pages: BTreeMap<String, Page>,
    links: Vec<Link>,
    /// Problems found while crawling (links that leave the base path).
    problems: Vec<String>,
}

impl Crawl {
    /// Fetches `start` and, when `follow`, every internal page reachable from it;
    /// otherwise only what `start` itself links to (and, for anchors, reads those pages).
    fn run(agent: &ureq::Agent, start: &Url, follow: bool) -> Crawl {
        let mut crawl = Crawl::default();
        let mut queue: VecDeque<(Url, bool)> = VecDeque::from([(start.clone(), true)]);
        let mut queued: BTreeSet<String> = BTreeSet::from([page_key(start)]);
        while let Some((url, extract)) = queue.pop_front() {
            let key = page_key(&url);
            let fetched = fetch(agent, &url);
            crawl.statuses.insert(key.clone(), fetched.status);
            if !fetched.content_type.starts_with("text/html") {
                continue;
            }
            let doc = Html::parse_document(&String::from_utf8_lossy(&fetched.body));
            if extract && (fetched.status == 200 || url == *start) {
                for link in crawl.links_of(&doc, &url) {
                    let target_key = page_key(&link.target);
                    if target_key != key && queued.insert(target_key) {
                        let mut target = link.target.clone();
                        target.set_fragment(None);
                        queue.push_back((target, follow));
                    }
                    crawl.links.push(link);
                }
            }
            let mut ids: BTreeSet<String> = attrs(&doc, "[id]", "id").into_iter().collect();
            ids.extend(attrs(&doc, "a[name]", "name"));
            let page = Page {
                status: fetched.status,
                ids,
                canonical: attrs(&doc, "link[rel=canonical]", "href"),
                og_url: attrs(&doc, "meta[property=\"og:url\"]", "content"),
                doc,
            };
            crawl.pages.insert(key, page);
        }
        crawl
    }

    /// The internal URLs on a page, resolved against its URL. A same-origin URL
    /// outside the base path is a problem: on Pages it belongs to another site.
    fn links_of(&mut self, doc: &Html, page: &Url) -> Vec<Link> {
        let mut found: Vec<(String, String)> = Vec::new();
        for (selector, attr) in LINK_ATTRS {
            for value in attrs(doc, selector, attr) {
                found.push((format!("{selector}=\"{value}\""), value));
            }
        }
        // search.js fetches `{data-root}api/codes.json`.
        for root in attrs(doc, "script[data-root]", "data-root") {
            found.push((
                format!("script[data-root=\"{root}\"] + api/codes.json"),
                format!("{root}api/codes.json"),
            ));
        }
        let mut links = Vec::new();
        for (what, value) in found {
            let target = match page.join(&value) {
                Ok(t) => t,
                Err(e) => {
                    self.problems.push(format!("{page}: {what} is not a URL: {e}"));
                    continue;
                }
            };
            if target.origin() != page.origin() {
                continue; // another site (GitHub, RFC editor), or mailto:
            }
            if !target.path().starts_with(BASE_PATH) {
                self.problems.push(format!("{page}: {what} -> {target} leaves {BASE_PATH}"));
                continue;
            }
            links.push(Link { from: page.to_string(), found: what, target });
        }
        links
    }

    /// Every broken link, anchor or asset, one per line.
    fn broken(&self) -> Vec<String> {
        let mut broken = self.problems.clone();
        for link in &self.links {
            let key = page_key(&link.target);
            let same_document = key == page_key(&Url::parse(&link.from).expect("page URL"));
            if !same_document {
                match self.statuses.get(&key) {
                    Some(200) => {}
                    Some(status) => {
                        broken.push(format!(
                            "{}: {} -> {} answered {status}",
                            link.from, link.found, link.target
                        ));
                        continue;
                    }
                    None => {
                        broken.push(format!(
                            "{}: {} -> {} was never fetched",
                            link.from, link.found, link.target
                        ));
                        continue;
                    }
                }
            }
            let Some(fragment) = link.target.fragment().filter(|f| !f.is_empty()) else { continue };
            let fragment = percent_decode(fragment);
            match self.pages.get(&key) {
                Some(page) if page.ids.contains(&fragment) => {}
                Some(_) => {
                    broken.push(format!("{}: {} -> no id `{fragment}` on {key}", link.from, link.found))
                }
                None => broken
                    .push(format!("{}: {} -> #{fragment} on a page that is not HTML", link.from, link.found)),
            }
        }
        broken.sort();
        broken.dedup();
        broken
    }
}

fn assert_none_broken(crawl: &Crawl, what: &str) {
    let broken = crawl.broken();
    assert!(broken.is_empty(), "{} broken on {what}:\n{}", broken.len(), broken.join("\n"));
}

/// Every `<loc>` of a sitemap.
fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.replace("&amp;", "&"))
        .collect()
}

/// HTML files of the output, relative to it, without `404.html`.
fn output_pages(output: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(output)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(output).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|rel| rel != "404.html")
        .collect()
}

#[test]
fn the_project_site_works_on_github_pages() {
    let site = project_site();
    build_for_pages(&site);
    let output = site.path("output");
    let config = project_config();

    // Files for Pages and crawlers.
    assert!(output.join(".nojekyll").is_file(), "output/.nojekyll is missing");
    match config.get("cname").and_then(|c| c.as_str()).map(str::trim).filter(|c| !c.is_empty()) {
        Some(cname) => assert_eq!(site.read("output/CNAME"), format!("{cname}\n")),
        None => assert!(!output.join("CNAME").exists(), "CNAME written though site.yaml sets no cname"),
    }
    // Crawlers read robots.txt only at the root of a host, never under /statusref/.
    assert!(!output.join("robots.txt").exists(), "robots.txt written under a project path");
    let locs = sitemap_locs(&site.read("output/sitemap.xml"));
    let html_files = output_pages(&output);
    assert_eq!(locs.len(), html_files.len(), "the sitemap lists every page once: {locs:?}");
    for loc in &locs {
        assert!(loc.starts_with(BASE_URL), "sitemap URL {loc} is not under {BASE_URL}");
    }

    // Serve it as Pages does and crawl it from the home page.
    let addr = serve_pages(output.clone());
    let origin = Url::parse(&format!("http://{addr}/")).unwrap();
    let home = origin.join(BASE_PATH).unwrap();
    let agent = agent();
    let crawl = Crawl::run(&agent, &home, true);
    assert_none_broken(&crawl, "the site");
    assert_eq!(crawl.statuses.get(&page_key(&home)), Some(&200), "home page");

    // Every page is reachable from the home page, and the sitemap names exactly those.
    let local = |absolute: &str| -> Url {
        let rel =
            absolute.strip_prefix(BASE_URL).unwrap_or_else(|| panic!("{absolute} is not under {BASE_URL}"));
        home.join(rel).unwrap()
    };
    let crawled: BTreeSet<String> = crawl
        .pages
        .iter()
        .filter(|(_, p)| p.status == 200)
        .map(|(k, _)| k.clone())
        .filter(|k| !k.ends_with("/404.html"))
        .collect();
    let expected: BTreeSet<String> =
        html_files.iter().map(|rel| page_key(&home.join(rel).unwrap())).collect();
    let unreached: Vec<&String> = expected.difference(&crawled).collect();
    assert!(unreached.is_empty(), "pages not reachable from the home page: {unreached:?}");
    let in_sitemap: BTreeSet<String> = locs.iter().map(|l| page_key(&local(l))).collect();
    assert_eq!(in_sitemap, expected, "sitemap URLs and pages differ");

    // Each page names its canonical URL (absolute, under the base) and og:url agrees.
    let mut bad = String::new();
    for (key, page) in crawl.pages.iter().filter(|(k, p)| p.status == 200 && !k.ends_with("/404.html")) {
        let rel = key.strip_prefix(home.as_str()).unwrap();
        let want = format!("{BASE_URL}{}", rel.strip_suffix("index.html").unwrap_or(rel));
        if page.canonical != [want.clone()] {
            let _ = writeln!(bad, "{key}: canonical {:?}, want [{want}]", page.canonical);
        }
        if page.og_url != page.canonical {
            let _ = writeln!(bad, "{key}: og:url {:?} differs from canonical", page.og_url);
        }
    }
    assert!(bad.is_empty(), "{bad}");

    // Pretty URLs: `/statusref/404/` is the page of code 404, not the not-found page.
    let code_404 = fetch(&agent, &home.join("404/").unwrap());
    assert_eq!(code_404.status, 200);
    let code_404 = Html::parse_document(&String::from_utf8_lossy(&code_404.body));
    let h1: String = code_404.select(&sel("h1")).next().expect("h1").text().collect();
    assert!(h1.contains("404") && h1.contains("Not Found"), "/statusref/404/ shows `{h1}`");

    // Edit and report links go to the repository of site.yaml.
    let repo = config["repository"]["name"].as_str().expect("site.yaml names the repository");
    let branch = config["repository"]["branch"].as_str().unwrap_or("main");
    let hrefs = attrs(&code_404, "a[href]", "href");
    let edit = format!("https://github.com/{repo}/edit/{branch}/content/4xx/404.md");
    assert!(hrefs.contains(&edit), "no link to {edit} on /statusref/404/");
    let report_prefix = format!("https://github.com/{repo}/issues/new?");
    let report = hrefs.iter().find(|h| h.starts_with(&report_prefix)).expect("a Report a problem link");
    assert!(report.contains("title="), "{report}");
    assert!(report.contains("https%3A%2F%2Fexample.github.io%2Fstatusref%2F404%2F"), "{report}");
    // ... and on every code page, to that page's own file.
    let edit_prefix = format!("https://github.com/{repo}/edit/{branch}/");
    for (key, page) in &crawl.pages {
        let Some(code) = key
            .strip_prefix(home.as_str())
            .and_then(|rel| rel.strip_suffix("/index.html"))
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let file = format!("content/{}xx/{code}.md", &code[..1]);
        let links = attrs(&page.doc, "a[href]", "href");
        assert!(links.contains(&format!("{edit_prefix}{file}")), "{key}: no edit link to {file}");
        assert!(site.path(&file).is_file(), "{key}: {file} does not exist");
    }

    // An unknown path at any depth gets 404.html, with status 404, and its links work from there.
    let deep = home.join("a/b/c/nothing").unwrap();
    let missing = fetch(&agent, &deep);
    assert_eq!(missing.status, 404, "{deep}");
    assert_eq!(missing.body, fs::read(output.join("404.html")).unwrap(), "{deep} is not 404.html");
    let crawl = Crawl::run(&agent, &deep, false);
    assert_none_broken(&crawl, "404.html served at /statusref/a/b/c/nothing");
    let from_404: Vec<&Link> = crawl.links.iter().filter(|l| l.from == deep.as_str()).collect();
    for needed in ["link[href]", "script[src]", "a[href]"] {
        assert!(
            from_404.iter().any(|l| l.found.starts_with(needed)),
            "404.html has no {needed} to check: {:?}",
            from_404.iter().map(|l| &l.found).collect::<Vec<_>>()
        );
    }
    let page = &crawl.pages[&page_key(&deep)];
    assert!(page.canonical.is_empty(), "404.html must not claim a canonical URL: {:?}", page.canonical);
}

#[test]
fn cname_and_repository_links_come_from_site_yaml() {
    let site = SiteTest::fixture("basic");
    site.write(
        "site.yaml",
        "title: Test\nbase_url: https://statusref.example.org/\ncname: statusref.example.org\nrepository:\n  name: octocat/statusref\n",
    );
    site.build();
    assert_eq!(site.read("output/CNAME"), "statusref.example.org\n");
    assert!(site.path("output/.nojekyll").is_file());
    let page = site.html("404/index.html");
    let hrefs = attrs(&page, "a[href]", "href");
    assert!(
        hrefs.contains(&"https://github.com/octocat/statusref/edit/main/content/4xx/404.md".to_string()),
        "{hrefs:?}"
    );
    let report = hrefs
        .iter()
        .find(|h| h.starts_with("https://github.com/octocat/statusref/issues/new?"))
        .unwrap_or_else(|| panic!("no report link in {hrefs:?}"));
    assert!(report.contains("title=") && report.contains("body="), "{report}");
    assert!(report.contains("content%2F4xx%2F404.md"), "the report names the file: {report}");

    // Without cname and repository: no CNAME, no edit links.
    let plain = SiteTest::fixture("basic");
    plain.build();
    assert!(!plain.path("output/CNAME").exists());
    let hrefs = attrs(&plain.html("404/index.html"), "a[href]", "href");
    assert!(!hrefs.iter().any(|h| h.starts_with("https://github.com/")), "{hrefs:?}");
}
