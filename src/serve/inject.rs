//! What the dev server adds to the HTML pages it sends (never to `build` output):
//!
//! 1. `reload_tag`: a `<script>` loading `/__statusref/reload.js`, which listens
//!    on `/__statusref/events` and reloads the page when the site's generation
//!    differs from the one the page was served with,
//! 2. `overlay`: the diagnostics of a failed build (kind, file, line, message, the
//!    quoted line, help), every piece HTML-escaped, styled by `OVERLAY_STYLE`
//!    (served at `/__statusref/overlay.css`: no inline style or script, so a
//!    strict Content-Security-Policy does not break it),
//! 3. `insert_before_body_end`: puts them before the last `</body>`,
//! 4. `error_page`: the page served while no build has succeeded yet.
//!
//! Pure functions: no I/O, no clock.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostic::{quoted, source_line, summary, Diagnostic};
use crate::html;

/// Server-sent events: one `generation` event on connect, then one per new snapshot.
pub const EVENTS_PATH: &str = "/__statusref/events";
/// The reload script and the overlay's styles are files rather than inline
/// code, so that a page's Content-Security-Policy (`'self'`) cannot block them.
pub const SCRIPT_PATH: &str = "/__statusref/reload.js";
pub const STYLE_PATH: &str = "/__statusref/overlay.css";

/// Served at `SCRIPT_PATH`.
pub const RELOAD_SCRIPT: &str = r#"(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : null;
  var overlay = document.getElementById("statusref-overlay");
  var close = overlay && overlay.querySelector("[data-statusref-close]");
  if (close) {
    close.addEventListener("click", function () { overlay.remove(); });
  }
  if (!window.EventSource) return;
  // Hidden tabs let go of their connection (browsers allow six per host);
  // on return the first event tells whether the page went stale meanwhile.
  var events = null;
  function connect() {
    if (events || document.visibilityState === "hidden") return;
    events = new EventSource("/__statusref/events");
    events.addEventListener("generation", function (event) {
      if (event.data !== generation) {
        disconnect();
        location.reload();
      }
    });
  }
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", connect);
  connect();
})();
"#;

/// Served at `STYLE_PATH`; everything is scoped to `#statusref-overlay`.
pub const OVERLAY_STYLE: &str = r#"#statusref-overlay {
  all: initial; position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  box-sizing: border-box; padding: 2rem 1rem; background: rgba(24, 24, 27, 0.94); color: #f4f4f5;
  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-align: left;
}
#statusref-overlay * { box-sizing: border-box; font: inherit; color: inherit; }
#statusref-overlay .statusref-box { display: block; max-width: 60rem; margin: 0 auto; }
#statusref-overlay h2 { margin: 0 0 0.5rem; font-size: 1.3em; font-weight: bold; }
#statusref-overlay button {
  float: right; background: none; border: 1px solid #71717a; border-radius: 4px;
  padding: 0.2rem 0.6rem; cursor: pointer;
}
#statusref-overlay ol { margin: 0; padding: 0; list-style: none; }
#statusref-overlay li {
  margin: 0 0 1rem; padding: 0.75rem 1rem; background: #27272a; border-left: 4px solid #f87171;
}
#statusref-overlay li[data-severity="warning"] { border-left-color: #fbbf24; }
#statusref-overlay strong { font-weight: bold; color: #f87171; }
#statusref-overlay li[data-severity="warning"] strong { color: #fbbf24; }
#statusref-overlay .statusref-location { color: #93c5fd; }
#statusref-overlay .statusref-note { margin: 0 0 1rem; color: #a1a1aa; }
#statusref-overlay li .statusref-note { margin: 0; }
#statusref-overlay pre { margin: 0.5rem 0 0; white-space: pre-wrap; color: #e4e4e7; }
"#;

/// At most this many diagnostics are listed in the overlay (the terminal has
/// the rest, with long runs of one warning summed up in a line).
const OVERLAY_LIMIT: usize = 50;

/// The `<script>` tag that loads the reload script for a page of `generation`.
pub fn reload_tag(generation: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{}\" defer></script>", html::escape(generation))
}

/// The error overlay for a failed build. `texts` holds the sources (by path
/// relative to the root) so the offending line can be quoted; `serving_last_good`
/// says whether an older build is shown underneath. Errors are listed before
/// warnings (each in the given order), so that warnings cannot crowd them out.
pub fn overlay(
    diagnostics: &[Diagnostic],
    texts: &HashMap<PathBuf, String>,
    serving_last_good: bool,
) -> String {
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        "<div id=\"statusref-overlay\" role=\"alertdialog\" aria-labelledby=\"statusref-overlay-title\">\
         <link rel=\"stylesheet\" href=\"{STYLE_PATH}\"><div class=\"statusref-box\">\
         <button type=\"button\" data-statusref-close>Close</button>\
         <h2 id=\"statusref-overlay-title\">statusref: the build failed ({})</h2>",
        html::escape(&summary(diagnostics))
    );
    out.push_str(if serving_last_good {
        "<p class=\"statusref-note\">The page underneath is the last good build. \
         Fix the file and save: the site rebuilds and this page reloads.</p>"
    } else {
        "<p class=\"statusref-note\">The site has not built yet. \
         Fix the file and save: the site rebuilds and this page reloads.</p>"
    });
    out.push_str("<ol>");
    let errors = diagnostics.iter().filter(|d| d.is_error());
    let warnings = diagnostics.iter().filter(|d| !d.is_error());
    for d in errors.chain(warnings).take(OVERLAY_LIMIT) {
        write_diagnostic(&mut out, d, texts);
    }
    out.push_str("</ol>");
    if diagnostics.len() > OVERLAY_LIMIT {
        let _ = write!(
            out,
            "<p class=\"statusref-note\">… and {} more in the terminal.</p>",
            diagnostics.len() - OVERLAY_LIMIT
        );
    }
    out.push_str("</div></div>");
    out
}

fn write_diagnostic(out: &mut String, d: &Diagnostic, texts: &HashMap<PathBuf, String>) {
    let label = d.severity.label();
    let kind = d.kind.code();
    let _ = write!(
        out,
        "<li class=\"statusref-diagnostic\" data-severity=\"{label}\" data-kind=\"{kind}\">\
         <div><strong>{label}[{kind}]</strong>: {}</div>",
        html::escape(&d.message)
    );
    if let Some(loc) = &d.location {
        let _ = write!(
            out,
            "<div class=\"statusref-location\">{}:{}:{}</div>",
            html::escape(&loc.display_path()),
            loc.line,
            loc.column
        );
        let line = texts.get(&loc.path).and_then(|text| source_line(text, loc.line));
        if let Some(line) = line {
            let _ = write!(out, "<pre>{} | {}</pre>", loc.line, html::escape(quoted(line)));
        }
    }
    if let Some(help) = &d.help {
        let _ = write!(out, "<div class=\"statusref-note\">help: {}</div>", html::escape(help));
    }
    out.push_str("</li>");
}

/// `html` with `snippet` inserted before its last `</body>` (ASCII case
/// ignored), or appended when there is none.
pub fn insert_before_body_end(html: &[u8], snippet: &str) -> Vec<u8> {
    let at = rfind_ignore_ascii_case(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let last = haystack.len().checked_sub(needle.len())?;
    (0..=last).rev().find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served for every request while no build has succeeded yet (the
/// overlay and reload script are inserted into it like into any page).
pub fn error_page() -> &'static str {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
     <title>Build failed - statusref</title>\n</head>\n<body>\n\
     <p>The site could not be built.</p>\n</body>\n</html>\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Kind, Location};

    #[test]
    fn snippet_goes_before_the_last_body_end() {
        let html = b"<html><body><p>`</body>` in text</p></BODY></html>";
        let out = insert_before_body_end(html, "<script></script>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>`</body>` in text</p><script></script></BODY></html>"
        );
    }

    #[test]
    fn snippet_is_appended_without_a_body_end() {
        assert_eq!(insert_before_body_end(b"<p>hi", "<x>"), b"<p>hi<x>");
        assert_eq!(insert_before_body_end(b"", "<x>"), b"<x>");
    }

    #[test]
    fn the_script_listens_where_the_server_sends() {
        assert!(RELOAD_SCRIPT.contains(&format!("new EventSource(\"{EVENTS_PATH}\")")));
    }

    #[test]
    fn the_overlay_has_no_inline_style_and_links_its_stylesheet() {
        let html = overlay(&[Diagnostic::error(Kind::Internal, "x")], &HashMap::new(), true);
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains(&format!("<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">")), "{html}");
    }

    #[test]
    fn reload_tag_names_the_script_and_generation() {
        assert_eq!(
            reload_tag("ab-3"),
            "<script src=\"/__statusref/reload.js\" data-generation=\"ab-3\" defer></script>"
        );
    }

    #[test]
    fn overlay_escapes_everything_it_quotes() {
        let d = Diagnostic::error(Kind::UnknownKey, "unknown key `<b>`")
            .at(Location::new("content/4xx/<404>.md", 2, 1))
            .help("remove \"<b>\" & retry");
        let texts =
            HashMap::from([(PathBuf::from("content/4xx/<404>.md"), "---\n<b>: <script>\n".to_string())]);
        let html = overlay(&[d], &texts, true);
        assert!(html.contains("<strong>error[unknown-key]</strong>: unknown key `&lt;b&gt;`"), "{html}");
        assert!(html.contains("content/4xx/&lt;404&gt;.md:2:1"), "{html}");
        assert!(html.contains("2 | &lt;b&gt;: &lt;script&gt;"), "{html}");
        assert!(html.contains("help: remove &quot;&lt;b&gt;&quot; &amp; retry"), "{html}");
        assert!(html.contains("(1 error)"), "{html}");
        assert!(!html.contains("<b>") && !html.contains("<script"), "{html}");
    }

    #[test]
    fn overlay_lists_at_most_the_limit() {
        let ds: Vec<_> =
            (0..OVERLAY_LIMIT + 3).map(|i| Diagnostic::warning(Kind::Todo, format!("w{i}"))).collect();
        let html = overlay(&ds, &HashMap::new(), false);
        assert_eq!(html.matches("class=\"statusref-diagnostic\"").count(), OVERLAY_LIMIT);
        assert!(html.contains("and 3 more in the terminal"));
        assert!(html.contains("has not built yet"));
    }

    #[test]
    fn overlay_lists_errors_before_warnings() {
        let mut ds: Vec<_> = (0..OVERLAY_LIMIT)
            .map(|i| {
                Diagnostic::warning(Kind::Todo, format!("w{i}")).at(Location::new(
                    "content/2xx/200.md",
                    i + 1,
                    1,
                ))
            })
            .collect();
        ds.push(Diagnostic::error(Kind::Todo, "the real one").at(Location::new("content/4xx/404.md", 1, 1)));
        let html = overlay(&ds, &HashMap::new(), true);
        let error = html.find("the real one").expect("the error is listed");
        let first_warning = html.find("w0").expect("warnings follow");
        assert!(error < first_warning, "{html}");
        assert!(html.contains("and 1 more in the terminal"), "{html}");
    }
}
