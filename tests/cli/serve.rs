//! `statusref serve`: the real binary on a copy of a fixture site, on an
//! ephemeral port, driven with raw HTTP/1.1 over `TcpStream` so that no
//! client library normalises the paths of the traversal attempts.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{copy_dir, fixtures, SiteTest};

/// How long a change may take to show (generous: tests run in parallel).
const WAIT: Duration = Duration::from_secs(10);
/// How long the server may take to print its URL.
const STARTUP: Duration = Duration::from_secs(30);
const SCRIPT: &str = "/__statusref/reload.js";
const OVERLAY: &str = "id=\"statusref-overlay\"";

/// A running `statusref serve`; killed on drop if the test did not stop it.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// `statusref serve --root ROOT --port 0` (or the given args), once it prints its URL.
    fn start(root: &Path, args: &[&str]) -> Server {
        let args = if args.is_empty() { &["--port", "0"][..] } else { args };
        let mut child = Command::new(env!("CARGO_BIN_EXE_statusref"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start statusref serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut line = String::new();
            while err_pipe.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let (lines, receiver) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut server = Server { child, port: 0, stderr };
        let deadline = Instant::now() + STARTUP;
        while server.port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match receiver.recv_timeout(left) {
                Ok(line) => {
                    if let Some(port) = line.strip_prefix("serving on http://127.0.0.1:") {
                        server.port = port.trim_end_matches('/').parse().expect("port in the URL line");
                    }
                }
                Err(_) => panic!("serve printed no URL; stderr:\n{}", server.stderr()),
            }
        }
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle` (it is read by another thread).
    fn stderr_shows(&self, needle: &str) -> bool {
        let deadline = Instant::now() + WAIT;
        while !self.stderr().contains(needle) {
            if Instant::now() > deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(20));
        }
        true
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target, Some(&self.host()))
    }

    fn request(&self, method: &str, target: &str, host: Option<&str>) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut head = format!("{method} {target} HTTP/1.1\r\n");
        if let Some(host) = host {
            head.push_str(&format!("Host: {host}\r\n"));
        }
        head.push_str("Connection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap_or_else(|e| panic!("{method} {target}: {e}"));
        Reply::parse(&raw)
    }

    /// Polls `target` until `done` holds for the reply.
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + WAIT;
        loop {
            let reply = self.get(target);
            if done(&reply) {
                return reply;
            }
            if Instant::now() > deadline {
                panic!("{target} never {what}; last reply:\n{}\nstderr:\n{}", reply.body, self.stderr());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Subscribes to the reload events.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        let head = format!("GET /__statusref/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.host());
        stream.write_all(head.as_bytes()).unwrap();
        Events { stream, buffer: String::new(), seen: 0 }
    }

    /// SIGTERM, then waits for the exit.
    fn stop(self) -> ExitStatus {
        self.stop_with("-TERM")
    }

    /// Sends `signal` (`-TERM`, `-INT`) with kill(1), then waits for the exit.
    fn stop_with(mut self, signal: &str) -> ExitStatus {
        let sent = Command::new("kill").arg(signal).arg(self.child.id().to_string()).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill {signal} failed");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on {signal}; stderr:\n{}", self.stderr());
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP response.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    body_len: usize,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of the response head");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
            body = dechunk(&body);
        }
        Reply { status, headers, body_len: body.len(), body: String::from_utf8_lossy(&body).to_string() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || raw.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[(end + 4 + size).min(raw.len())..];
    }
    out
}

/// A server-sent event stream: the `generation` events in order.
struct Events {
    stream: TcpStream,
    buffer: String,
    seen: usize,
}

impl Events {
    /// The next generation announced, waiting at most `WAIT`.
    fn next(&mut self) -> Option<String> {
        const MARK: &str = "event: generation\ndata: ";
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(at) = self.buffer[self.seen..].find(MARK) {
                let start = self.seen + at + MARK.len();
                if let Some(len) = self.buffer[start..].find('\n') {
                    self.seen = start + len;
                    return Some(self.buffer[start..start + len].to_string());
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {} // read timeout: look at the clock again
            }
        }
    }
}

/// Every path under `root`, for "nothing was written" checks.
fn tree(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root).into_iter().map(|e| e.unwrap().path().to_path_buf()).collect()
}

fn edit(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn serve_answers_pages_assets_head_and_404_then_stops_on_sigterm() {
    let site = SiteTest::fixture("basic");
    // The published base path must not leak into the served pages' links.
    site.write("site.yaml", "base_url: https://example.org/sub/\n");
    let before = tree(site.root());
    let server = Server::start(site.root(), &[]);

    for target in ["/", "/404/", "/404/index.html"] {
        let reply = server.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"), "{target}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{target}");
        assert!(reply.body.contains(SCRIPT), "{target} lacks the reload script");
        assert!(reply.body.contains("</html>"), "{target} is cut short");
        assert!(!reply.body.contains(OVERLAY), "{target} shows an overlay");
    }
    assert!(server.get("/404/").body.contains("says the resource is missing"));

    let redirect = server.get("/404");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("location"), Some("/404/"));

    let css = server.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains(SCRIPT));

    for target in ["/static/style.css", "/404/"] {
        let get = server.get(target);
        let head = server.request("HEAD", target, Some(&server.host()));
        assert_eq!(head.status, 200, "HEAD {target}");
        assert_eq!(head.body_len, 0, "HEAD {target} has a body");
        assert_eq!(head.header("content-type"), get.header("content-type"), "HEAD {target}");
        assert_eq!(head.header("content-length"), Some(get.body_len.to_string().as_str()), "HEAD {target}");
    }

    let missing = server.get("/no/such/page");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(missing.body, server.get("/404.html").body, "unknown paths get the site's 404 page");
    assert!(missing.body.contains(SCRIPT));
    assert!(
        missing.body.contains("href=\"&#x2F;static/style.css\""),
        "the 404 page links outside the server"
    );
    assert!(!missing.body.contains("&#x2F;sub&#x2F;"), "the 404 page uses the published base path");

    let script = server.get(SCRIPT);
    assert_eq!(script.status, 200);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(script.body.contains("EventSource"));
    let style = server.get("/__statusref/overlay.css");
    assert_eq!(style.header("content-type"), Some("text/css; charset=utf-8"));

    assert_eq!(server.request("POST", "/", Some(&server.host())).status, 405);

    assert_eq!(server.request("GET", "/", Some(&format!("localhost:{}", server.port))).status, 200);
    for host in [
        Some(format!("evil.example:{}", server.port)),
        Some(format!("localhost.evil.example:{}", server.port)),
        Some(format!("127.0.0.1:{}", server.port + 1)),
        Some("127.0.0.1".to_string()),
        None,
    ] {
        let reply = server.request("GET", "/", host.as_deref());
        assert!([400, 421].contains(&reply.status), "Host {host:?} got {}", reply.status);
        assert!(!reply.body.contains("</html>"), "Host {host:?} got the page");
    }
    let absolute = server.request("GET", "http://evil.example/", Some(&server.host()));
    assert!([400, 421].contains(&absolute.status), "absolute-form target got {}", absolute.status);

    let status = server.stop();
    assert!(status.success(), "serve exited with {status}");
    assert!(!site.path("output").exists(), "serve created output/");
    assert_eq!(tree(site.root()), before, "serve changed the site folder");
}

#[test]
fn serve_rebuilds_on_edit_and_shows_errors_over_the_last_good_site() {
    let site = SiteTest::fixture("basic");
    let before = tree(site.root());
    let server = Server::start(site.root(), &[]);
    let mut events = server.events();
    let first = events.next().expect("a generation event on connect");

    edit(&site, "content/4xx/404.md", "says the resource is missing", "says the resource is gone for good");
    let edited = events.next().expect("a reload event after the edit");
    assert_ne!(edited, first);
    let page = server.wait_for("/404/", "showed the edit", |r| r.body.contains("gone for good"));
    assert!(page.body.contains(&format!("data-generation=\"{edited}\"")), "the page names its generation");

    // A broken edit: the last good page stays, under an overlay naming file and line.
    edit(&site, "content/4xx/404.md", "title: Not Found", "title: [Not Found");
    let broken = server.wait_for("/404/", "showed the overlay", |r| r.body.contains(OVERLAY));
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("gone for good"), "the last good page is no longer served");
    assert!(
        broken.body.contains("content/4xx/404.md:3:8"),
        "the overlay lacks file and line:\n{}",
        broken.body
    );
    assert!(broken.body.contains("invalid YAML in front matter"));
    assert!(server.get("/").body.contains(OVERLAY), "the overlay is on every page");
    assert!(!server.get("/static/style.css").body.contains(OVERLAY));
    assert_ne!(events.next().expect("a reload event after the break"), edited);

    // Another break whose message quotes markup: it is escaped.
    edit(&site, "content/4xx/404.md", "title: [Not Found", "title: Not Found\n<em>oops</em>: 1");
    let quoted = server.wait_for("/404/", "showed the new error", |r| r.body.contains("unknown key"));
    assert!(quoted.body.contains("unknown key `&lt;em&gt;oops&lt;/em&gt;`"), "{}", quoted.body);
    assert!(!quoted.body.contains("<em>oops"), "the overlay does not escape the message");
    assert!(quoted.body.contains("content/4xx/404.md:4:1"));

    edit(&site, "content/4xx/404.md", "\n<em>oops</em>: 1", "");
    let fixed = server.wait_for("/404/", "dropped the overlay", |r| !r.body.contains(OVERLAY));
    assert!(fixed.body.contains("gone for good"));
    assert!(!server.get("/").body.contains(OVERLAY));

    let status = server.stop();
    assert!(status.success(), "serve exited with {status}");
    assert!(!site.path("output").exists(), "serve created output/");
    assert_eq!(tree(site.root()), before, "serve added or removed files");
}

#[test]
fn serve_watches_folders_created_after_the_start() {
    let site = SiteTest::fixture("basic");
    assert!(!site.path("themes").exists() && !site.path("data").exists());
    let server = Server::start(site.root(), &[]);
    assert_eq!(server.get("/static/extra.css").status, 404);

    site.write("themes/default/static/extra.css", "body { color: teal }\n");
    let css = server.wait_for("/static/extra.css", "appeared", |r| r.status == 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    // themes/ is watched now, not just seen once.
    site.write("themes/default/static/extra.css", "body { color: olive }\n");
    server.wait_for("/static/extra.css", "changed", |r| r.body.contains("olive"));

    site.write("site.yaml", "title: Renamed Reference\n");
    server.wait_for("/", "showed the new title", |r| r.body.contains("Renamed Reference"));
    assert!(server.stop().success());
}

#[test]
fn serve_keeps_every_request_inside_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixtures().join("basic"), &root);
    fs::write(dir.path().join("secret.txt"), "TOP-SECRET outside the site").unwrap();
    fs::write(root.join("secret.txt"), "TOP-SECRET in the root, not in the build").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), root.join("leak")).unwrap();
    let server = Server::start(&root, &[]);

    let attempts = [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/secret.txt",
        "/%252e%252e/x",
        "/%252e%252e/secret.txt",
        "/..%2fx",
        "/..%2fsecret.txt",
        "/static/..\\..\\x",
        "/static/%5c..%5c..%5csecret.txt",
        "//etc/passwd",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "/static/./../../secret.txt",
        "/C:/Windows/win.ini",
        "/c:%5cwindows%5cwin.ini",
        "/secret.txt%00.html",
    ];
    // Files that exist on disk but are not part of the build.
    let not_built = ["/secret.txt", "/leak/secret.txt", "/content/4xx/404.md", "/site.yaml"];
    for (targets, expected) in [(&attempts[..], 400), (&not_built[..], 404)] {
        for target in targets {
            let reply = server.get(target);
            assert_eq!(reply.status, expected, "{target}");
            assert!(!reply.body.contains("TOP-SECRET"), "{target} leaked the secret");
            assert!(!reply.body.contains("[package]"), "{target} leaked Cargo.toml");
        }
    }
    assert_eq!(server.get("/").status, 200, "the server survived");
    assert!(server.stop().success());
}

#[test]
fn serve_shows_an_error_page_until_the_first_build_succeeds() {
    let site = SiteTest::fixture("basic");
    edit(&site, "content/4xx/404.md", "title: Not Found", "title: [Not Found");
    let server = Server::start(site.root(), &[]);

    for target in ["/", "/404/", "/static/style.css"] {
        let reply = server.get(target);
        assert_eq!(reply.status, 500, "{target}");
        assert!(reply.body.contains(OVERLAY) && reply.body.contains(SCRIPT), "{target}");
        assert!(reply.body.contains("content/4xx/404.md:3:8"), "{target}");
    }
    assert!(server.stderr_shows("invalid YAML in front matter"), "the terminal lacks the error");

    edit(&site, "content/4xx/404.md", "title: [Not Found", "title: Not Found");
    let fixed = server.wait_for("/", "built", |r| r.status == 200);
    assert!(!fixed.body.contains(OVERLAY));
    assert_eq!(server.get("/static/style.css").header("content-type"), Some("text/css; charset=utf-8"));
    assert!(server.stop().success());
}

#[test]
fn serve_moves_on_when_the_port_is_taken() {
    let site = SiteTest::fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let server = Server::start(site.root(), &["--port", &port]);
    assert_ne!(server.port.to_string(), port);
    let message = format!("port {port} on 127.0.0.1 is already in use");
    assert!(server.stderr_shows(&message), "{}", server.stderr());
    assert_eq!(server.get("/").status, 200);
    assert!(server.stop_with("-INT").success(), "Ctrl-C is a clean stop");
}

#[test]
fn serve_refuses_a_folder_without_content() {
    let site = SiteTest::empty();
    let run = site.run(&["serve", "--port", "0"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error: no content/ folder in"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// Edit-to-reload time on the project's own site: from the file write to the
/// server-sent event reaching a client. A measurement, not a check of a bound:
/// `cargo test --release --test cli serve::edit_to_reload_time -- --ignored --nocapture`
#[test]
#[ignore]
fn edit_to_reload_time() {
    let dir = tempfile::tempdir().unwrap();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "themes", "data"] {
        if project.join(folder).is_dir() {
            copy_dir(&project.join(folder), &dir.path().join(folder));
        }
    }
    if project.join("site.yaml").is_file() {
        fs::copy(project.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    }
    let page = dir.path().join("content/4xx/404.md");
    let original = fs::read_to_string(&page).unwrap();
    let server = Server::start(dir.path(), &[]);
    let mut events = server.events();
    let mut generation = events.next().expect("first event");
    let mut times = Vec::new();
    for i in 0..30 {
        thread::sleep(Duration::from_millis(150));
        let started = Instant::now();
        fs::write(&page, format!("{original}\nEdit number {i}.\n")).unwrap();
        let next = events.next().expect("a reload event");
        times.push(started.elapsed());
        assert_ne!(next, generation);
        generation = next;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "edit-to-reload over {} edits: min {:.1} ms, median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1])
    );
    let stderr = server.stderr();
    let builds: Vec<&str> = stderr.lines().filter(|l| l.starts_with("built ")).collect();
    println!("last builds: {:?}", &builds[builds.len().saturating_sub(3)..]);
    assert!(server.stop().success());
}
