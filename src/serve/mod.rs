//! `statusref serve`: build into memory, serve on loopback, rebuild on change.
//!
//! 1. check the root, start watching it (`watch`), build once (`rebuild`),
//! 2. bind `--bind`:`--port`, trying the next ports when it is taken, and
//!    print `serving on URL` on stdout,
//! 3. a rebuild thread turns each debounced change into a new `Snapshot`
//!    and publishes it on a `tokio::sync::watch` channel, which the handlers
//!    read and the reload event streams follow (`http`),
//! 4. on Ctrl-C or SIGTERM: stop accepting, stop the rebuild thread (which
//!    ends the event streams), give requests in flight up to `GRACE`, return.
//!
//! Nothing is written to disk: not output/, not anything else.

pub mod http;
pub mod inject;
pub mod rebuild;
pub mod site_map;
pub mod watch;

use std::future::IntoFuture;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tokio::net::TcpListener;

use self::rebuild::Rebuilder;
use self::site_map::Snapshot;
use self::watch::{Signal, SiteWatcher};

/// Ports tried, from `--port` up, before giving up.
const PORT_ATTEMPTS: u16 = 10;
/// How long requests in flight may take once shutdown starts.
const GRACE: Duration = Duration::from_secs(2);

/// What `statusref serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port.
    pub port: u16,
    pub open: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot serve {}: {source}", path.display())]
    Root { path: PathBuf, source: io::Error },
    #[error("no content/ folder in {}", .0.display())]
    NoContent(PathBuf),
    #[error("ports {first} to {last} on {ip} are all in use")]
    PortsInUse { ip: IpAddr, first: u16, last: u16 },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("cannot start the server: {0}")]
    Start(io::Error),
    #[error("the server stopped: {0}")]
    Server(io::Error),
}

impl ServeError {
    /// True when the user can fix it with other arguments (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ServeError::Root { .. }
                | ServeError::NoContent(_)
                | ServeError::PortsInUse { .. }
                | ServeError::Bind { .. }
        )
    }

    pub fn help(&self) -> Option<&'static str> {
        match self {
            ServeError::Root { .. } | ServeError::NoContent(_) => {
                Some("run statusref in a site folder, or pass --root DIR (a site has content/_index.md)")
            }
            ServeError::PortsInUse { .. } => {
                Some("pass --port N, or --port 0 to let the system pick a free port")
            }
            ServeError::Bind { .. } => {
                Some("--bind takes an address of this machine, such as 127.0.0.1 or ::1")
            }
            _ => None,
        }
    }
}

/// Serves the site until Ctrl-C or SIGTERM.
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root { path: options.root.clone(), source })?;
    if !root.join("content").is_dir() {
        return Err(ServeError::NoContent(root));
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServeError::Start)?;
    let listener = runtime.block_on(bind(options.bind, options.port))?;
    let local = listener.local_addr().map_err(ServeError::Start)?;
    let stop_signals = {
        let _guard = runtime.enter();
        StopSignals::install()
    };

    let (signals, signals_rx) = mpsc::channel();
    let watcher = SiteWatcher::start(&root, signals.clone())
        .map_err(|err| {
            eprintln!("warning: cannot watch {}: {err}; pages will not rebuild on change", root.display())
        })
        .ok();
    let url = browsable_url(local);
    let mut rebuilder = Rebuilder::new(root, url.clone(), session_id());
    let (snapshots, snapshots_rx) = tokio::sync::watch::channel(Arc::new(rebuilder.first_build()));
    let rebuild_thread = thread::Builder::new()
        .name("statusref-rebuild".to_string())
        .spawn(move || rebuild_loop(rebuilder, watcher, signals_rx, snapshots))
        .map_err(ServeError::Start)?;

    println!("serving on {url}");
    if !local.ip().is_loopback() {
        eprintln!("warning: listening on {}: other machines can reach this preview", local.ip());
    }
    eprintln!("watching content/, themes/, data/ and site.yaml; press Ctrl-C to stop");
    if options.open {
        open_browser(&url);
    }

    let app = http::router(http::AppState { snapshots: snapshots_rx, local });
    let result = runtime.block_on(serve(listener, app, stop_signals, signals.clone()));
    let _ = signals.send(Signal::Stop);
    let _ = rebuild_thread.join();
    runtime.shutdown_timeout(Duration::from_millis(100));
    eprintln!("stopped");
    result
}

/// Binds `ip:port`, or the next free port of the following few (any port when `port` is 0).
async fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    if port == 0 {
        let addr = SocketAddr::new(ip, 0);
        return TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source });
    }
    let last = port.saturating_add(PORT_ATTEMPTS - 1);
    for candidate in port..=last {
        let addr = SocketAddr::new(ip, candidate);
        match TcpListener::bind(addr).await {
            Ok(listener) => {
                if candidate != port {
                    eprintln!("note: port {port} was in use; serving on port {candidate} instead");
                }
                return Ok(listener);
            }
            Err(err) if err.kind() == io::ErrorKind::AddrInUse => {
                let next = if candidate < last { ", trying the next one" } else { "" };
                eprintln!("port {candidate} on {ip} is already in use (another statusref serve?){next}");
            }
            Err(source) => return Err(ServeError::Bind { addr, source }),
        }
    }
    Err(ServeError::PortsInUse { ip, first: port, last })
}

/// Rebuilds on every change until told to stop; dropping `snapshots` at the
/// end closes the reload event streams.
fn rebuild_loop(
    mut rebuilder: Rebuilder,
    mut watcher: Option<SiteWatcher>,
    signals: Receiver<Signal>,
    snapshots: tokio::sync::watch::Sender<Arc<Snapshot>>,
) {
    while let Ok(Signal::Changed) = signals.recv() {
        // Changes that arrived during the last build are covered by this one.
        if signals.try_iter().any(|s| s == Signal::Stop) {
            break;
        }
        if let Some(watcher) = watcher.as_mut() {
            watcher.refresh();
        }
        if let Some(snapshot) = rebuilder.rebuild() {
            snapshots.send_replace(Arc::new(snapshot));
        }
    }
}

/// Runs the server until a stop signal, then shuts it down gracefully.
async fn serve(
    listener: TcpListener,
    app: axum::Router,
    stop_signals: StopSignals,
    signals: Sender<Signal>,
) -> Result<(), ServeError> {
    let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        stop_signals.wait().await;
        eprintln!("stopping…");
        // Ends the rebuild loop, hence the event streams that would keep connections open.
        let _ = signals.send(Signal::Stop);
        let _ = stopping.send(());
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(shutdown).into_future();
    let grace = async {
        match stopped.await {
            Ok(()) => tokio::time::sleep(GRACE).await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        result = server => result.map_err(ServeError::Server),
        () = grace => {
            eprintln!("warning: connections still open after {} s were closed", GRACE.as_secs());
            Ok(())
        }
    }
}

/// Ctrl-C and SIGTERM, listened for from `install` on (before the URL is
/// printed, so an early signal still shuts down cleanly).
struct StopSignals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl StopSignals {
    /// Must run inside the runtime.
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let listen = |kind: SignalKind, name: &str| {
                signal(kind).map_err(|err| eprintln!("warning: cannot listen for {name}: {err}")).ok()
            };
            StopSignals {
                interrupt: listen(SignalKind::interrupt(), "Ctrl-C"),
                terminate: listen(SignalKind::terminate(), "SIGTERM"),
            }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    async fn wait(self) {
        #[cfg(unix)]
        {
            async fn next(signal: Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            tokio::select! {
                () = next(self.interrupt) => {}
                () = next(self.terminate) => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Random per process, so pages served by an earlier session reload.
fn session_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    format!("{:x}", hasher.finish())
}

/// The URL to print and open: loopback when bound to all interfaces.
fn browsable_url(local: SocketAddr) -> String {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, local.port()))
}

/// Opens `url` in the default browser, best effort.
fn open_browser(url: &str) {
    #[cfg(target_os = "macos")]
    const OPENER: (&str, &[&str]) = ("open", &[]);
    #[cfg(windows)]
    const OPENER: (&str, &[&str]) = ("cmd", &["/C", "start", ""]);
    #[cfg(not(any(target_os = "macos", windows)))]
    const OPENER: (&str, &[&str]) = ("xdg-open", &[]);
    let (program, args) = OPENER;
    let spawned = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reap it whenever it exits.
            let _ = thread::Builder::new().name("statusref-open".to_string()).spawn(move || child.wait());
        }
        Err(err) => eprintln!("note: could not open a browser ({program}: {err}); open {url} yourself"),
    }
}
