//! The HTTP side of `serve` (axum): every request is answered from the
//! current `Snapshot`, never from the file system.
//!
//! 1. `check_host`: refuse (400) a Host header, or an absolute-form target,
//!    that is not `localhost`, a loopback address or the bound address with
//!    the bound port (DNS rebinding),
//! 2. `site_file`: GET and HEAD only; normalise the path (400 when refused),
//!    then found (200), folder without slash (307 to the slash form), or the
//!    site's 404 page (404); while no build has succeeded, the error page (500),
//! 3. `/__statusref/reload.js` and `/__statusref/overlay.css` (see `inject`),
//! 4. `events`: server-sent events with the snapshot generation, on connect
//!    and after every rebuild; the stream ends when the rebuild loop stops,
//! 5. every response: `Cache-Control: no-cache`, `X-Content-Type-Options: nosniff`.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HOST, LOCATION, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::set_header::SetResponseHeaderLayer;

use super::inject::{EVENTS_PATH, OVERLAY_STYLE, RELOAD_SCRIPT, SCRIPT_PATH, STYLE_PATH};
use super::site_map::{normalize_path, Entry, Lookup, Snapshot};

#[derive(Clone)]
pub struct AppState {
    pub snapshots: watch::Receiver<Arc<Snapshot>>,
    /// The address the listener is bound to.
    pub local: SocketAddr,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(|| async { asset("text/javascript; charset=utf-8", RELOAD_SCRIPT) }))
        .route(STYLE_PATH, get(|| async { asset("text/css; charset=utf-8", OVERLAY_STYLE) }))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut hosts = request.headers().get_all(HOST).iter();
    let header_ok = match (hosts.next(), hosts.next()) {
        (Some(host), None) => host.to_str().is_ok_and(|h| host_allowed(h, state.local)),
        _ => false,
    };
    let target_ok = request.uri().authority().is_none_or(|a| host_allowed(a.as_str(), state.local));
    if header_ok && target_ok {
        next.run(request).await
    } else {
        plain(
            StatusCode::BAD_REQUEST,
            "400 bad request: unexpected Host header (statusref serve answers only to localhost and its own address)\n",
        )
    }
}

/// Whether `host` (a Host header value: `name[:port]`) names this server:
/// `localhost`, a loopback address, or the bound address (any address when
/// bound to all interfaces), with the bound port (none means 80).
pub fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let (name, port) = match split_host(host) {
        Some(parts) => parts,
        None => return false,
    };
    let port_ok = match port {
        Some(port) => {
            port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p == local.port())
        }
        None => local.port() == 80,
    };
    if !port_ok {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == local.ip() || local.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// `[::1]:80` -> (`::1`, Some(`80`)), `localhost` -> (`localhost`, None).
fn split_host(host: &str) -> Option<(&str, Option<&str>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            _ => Some((name, Some(after.strip_prefix(':')?))),
        };
    }
    match host.split_once(':') {
        Some((name, port)) => Some((name, Some(port))),
        None => Some((host, None)),
    }
}

async fn site_file(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n");
        response.headers_mut().insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let head = method == Method::HEAD;
    let path = match normalize_path(uri.path()) {
        Ok(path) => path,
        Err(err) => return plain(StatusCode::BAD_REQUEST, &format!("400 bad request: {err}\n")),
    };
    let snapshot = state.snapshots.borrow().clone();
    if let Some(page) = &snapshot.error_page {
        return file(StatusCode::INTERNAL_SERVER_ERROR, page, head);
    }
    match snapshot.site.lookup(&path) {
        Lookup::Found(entry) => file(StatusCode::OK, entry, head),
        Lookup::AddSlash => {
            let location = match uri.query() {
                Some(query) => format!("{}/?{query}", uri.path()),
                None => format!("{}/", uri.path()),
            };
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(LOCATION, value);
            }
            response
        }
        Lookup::NotFound => match snapshot.not_found_page() {
            Some(page) => file(StatusCode::NOT_FOUND, page, head),
            None => plain(StatusCode::NOT_FOUND, "404 not found\n"),
        },
    }
}

/// A file of the snapshot; HEAD gets the same headers and no body.
fn file(status: StatusCode, entry: &Entry, head: bool) -> Response {
    let body = if head { Body::empty() } else { Body::from(entry.body.clone()) };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(entry.content_type));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(entry.body.len()));
    response
}

fn plain(status: StatusCode, text: &str) -> Response {
    let content_type = (CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    (status, [content_type], text.to_string()).into_response()
}

/// The reload script or the overlay's stylesheet.
fn asset(content_type: &'static str, text: &'static str) -> Response {
    ([(CONTENT_TYPE, HeaderValue::from_static(content_type))], text).into_response()
}

async fn events(State(state): State<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut snapshots = state.snapshots.clone();
    let current = snapshots.borrow_and_update().generation.clone();
    let later = WatchStream::from_changes(snapshots).map(|snapshot| snapshot.generation.clone());
    let stream = tokio_stream::once(current)
        .chain(later)
        .map(|generation| Ok(Event::default().event("generation").data(generation)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_and_loopback_with_the_port_are_allowed() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for host in ["localhost:1111", "LOCALHOST:1111", "127.0.0.1:1111", "[::1]:1111", "127.0.0.2:1111"] {
            assert!(host_allowed(host, local), "{host}");
        }
    }

    #[test]
    fn other_names_ports_and_garbage_are_refused() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for host in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "localhost:1112",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:1111:1111",
            "[::1]",
            "[::1:1111",
            "[::1]1111",
            "10.0.0.1:1111",
            "",
            ":1111",
            "127.0.0.1:+1111",
        ] {
            assert!(!host_allowed(host, local), "{host}");
        }
    }

    #[test]
    fn port_80_may_be_left_out() {
        let local: SocketAddr = "127.0.0.1:80".parse().unwrap();
        assert!(host_allowed("localhost", local));
        assert!(host_allowed("127.0.0.1", local));
    }

    #[test]
    fn the_bound_address_is_allowed_and_any_address_when_bound_to_all() {
        let lan: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(!host_allowed("192.168.1.6:1111", lan));
        let all: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert!(host_allowed("192.168.1.6:1111", all));
        assert!(!host_allowed("rebind.evil.example:1111", all));
        let v6: SocketAddr = "[::1]:1111".parse().unwrap();
        assert!(host_allowed("[::1]:1111", v6));
        assert!(host_allowed("localhost:1111", v6));
    }
}
