//! serve: the editors' preview. A site folder in, an HTTP server out that serves the site from
//! memory, rebuilds on every save and reloads open pages.
//!
//! It is the build pipeline kept in memory ([`crate::build_in_memory`]), never a second
//! renderer. A watcher ([`watch`]) reports saves to `site.toml`, `content/` and `themes/`
//! (never the output folder, which would rebuild forever); saves that arrive together are
//! coalesced into one rebuild. A rebuild that fails keeps the last good site and lays the
//! diagnostics over every page ([`inject`]); the next good rebuild clears them. Open pages
//! learn of rebuilds over Server-Sent Events at [`LIVE_RELOAD_ENDPOINT`]. Nothing is written
//! to disk.
//!
//! The library never prints: everything the editor should see arrives as an [`Event`].

mod inject;
pub mod route;
mod snapshot;
mod watch;

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::incremental::BuildCache;
use crate::render::cache::CacheStats;
use crate::render::Output;
use crate::{BuildOptions, Failure, Report};

use route::{content_type, Route};
use snapshot::{Served, Snapshot};

/// Where open pages listen for rebuilds (Server-Sent Events). Starts with `__` so it cannot
/// clash with a page: slugs never start with `_`.
pub const LIVE_RELOAD_ENDPOINT: &str = "/__spiegel/livereload";

/// How long the watcher waits for a burst of file events to settle before reporting it.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How long the rebuild loop waits for more batches from the watcher before rebuilding:
/// the debouncer reports a save's temp file and its rename in separate batches.
const COALESCE: Duration = Duration::from_millis(30);

/// How long a request for a page that a save is still making waits for it, at most (the
/// longest such wait measured is ~0.1 s; a stuck rebuild must not hang the browser).
const HELD_WAIT: Duration = Duration::from_secs(10);

/// How often an idle event stream sends a comment, so a closed tab is noticed and its thread
/// ends.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Interface to listen on; 127.0.0.1 unless the editor asked for another.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts (shown with a "concept" badge).
    pub drafts: bool,
}

/// Something the editor should see; `spiegel serve` prints these.
#[derive(Debug)]
pub enum Event {
    /// A build succeeded (the first one, or a rebuild after a save).
    Built {
        /// Warnings, counts and wall time.
        report: Box<Report>,
        /// How much was reused from the previous build.
        stats: CacheStats,
        /// Files read from disk for this build.
        reads: usize,
        /// The saves that caused it (empty for the first build).
        changed: Vec<PathBuf>,
        /// When the pages open in a browser were made first and served before the rest: how
        /// long after the rebuild started.
        open_first: Option<Duration>,
    },
    /// A build failed; the last good site stays served with the diagnostics over it.
    Failed {
        /// Every diagnostic, with the texts for excerpts.
        report: Box<Report>,
        /// The saves that caused it (empty for the first build).
        changed: Vec<PathBuf>,
    },
    /// The watcher reported a problem (it keeps running if it can).
    WatchError(String),
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken by another program.
    PortInUse(SocketAddr),
    /// Listening or watching failed for another reason.
    Io {
        /// What was being done.
        action: String,
        /// The cause.
        source: std::io::Error,
    },
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::PortInUse(addr) => write!(
                f,
                "port {} on {} is already in use by another program",
                addr.port(),
                addr.ip()
            ),
            ServeError::Io { action, source } => write!(f, "cannot {action}: {source}"),
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::PortInUse(_) => None,
            ServeError::Io { source, .. } => Some(source),
        }
    }
}

/// An open page's event stream.
struct Client {
    /// Where the stream's reload messages go.
    sender: Sender<u64>,
    /// The page's file, when the page said which it is.
    page: Option<String>,
    /// The stamp last sent by [`Shared::notify`].
    sent: Option<u64>,
    /// Tells this stream from the others, to forget it when its page goes away.
    id: u64,
}

/// State shared by the request threads and the rebuild loop.
struct Shared {
    root: PathBuf,
    snapshot: RwLock<Snapshot>,
    clients: Mutex<Vec<Client>>,
    /// The id of the next event stream.
    next_client: std::sync::atomic::AtomicU64,
    /// Files a save is still making after it served the open pages: a request for one
    /// waits (on `made`) until the save is done, rather than get the version before it.
    held: Mutex<HashSet<String>>,
    made: Condvar,
}

impl Shared {
    /// Nothing served yet, no page open, nothing held.
    fn new(root: PathBuf) -> Shared {
        Shared {
            root,
            snapshot: RwLock::new(Snapshot::new()),
            clients: Mutex::new(Vec::new()),
            next_client: std::sync::atomic::AtomicU64::new(0),
            held: Mutex::new(HashSet::new()),
            made: Condvar::new(),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        // A writer only swaps whole fields, so a poisoned lock still guards a usable snapshot.
        self.snapshot.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends every open page its stamp when it moved (the page reloads); forgets pages that
    /// went away. A stream that did not say its page gets the version: any build reloads it.
    fn notify(&self) {
        let snapshot = self.read();
        let mut stamps: HashMap<String, u64> = HashMap::new();
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        clients.retain_mut(|c| {
            let stamp = match &c.page {
                Some(page) => *stamps
                    .entry(page.clone())
                    .or_insert_with(|| snapshot.page_stamp(page)),
                None => snapshot.version,
            };
            if c.sent == Some(stamp) {
                return true;
            }
            c.sent = Some(stamp);
            c.sender.send(stamp).is_ok()
        });
    }

    /// The files of the pages open in a browser.
    fn open_pages(&self) -> Vec<String> {
        let clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pages: Vec<String> = clients.iter().filter_map(|c| c.page.clone()).collect();
        pages.sort();
        pages.dedup();
        pages
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The snapshot to serve `path` from, once no save is still making it (see
    /// [`Shared::held`]), or after [`HELD_WAIT`] in any case. The hold is checked with the
    /// snapshot locked: a file is never read from the snapshot before the save's first part
    /// and stamped with the version after it.
    fn read_when_made(&self, path: &str) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        let deadline = Instant::now() + HELD_WAIT;
        loop {
            let snapshot = self.read();
            let left = deadline.saturating_duration_since(Instant::now());
            if !self.held().contains(path) || left.is_zero() {
                return snapshot;
            }
            drop(snapshot);
            let held = self.held();
            let _ = self
                .made
                .wait_timeout_while(held, left, |held| held.contains(path));
        }
    }

    /// Serves the files a save made first (the open pages it changes), holds back `held`
    /// until [`Shared::release`], and tells open pages: those it changed reload now.
    fn serve_first(&self, files: Vec<Output>, held: Vec<String>) {
        self.held().extend(held);
        {
            let mut snapshot = self
                .snapshot
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            snapshot.version += 1;
            snapshot.add(files);
        }
        self.notify();
    }

    /// Ends [`Shared::serve_first`]'s hold: the save's files are all in the snapshot.
    fn release(&self) {
        let mut held = self.held();
        if !held.is_empty() {
            held.clear();
            self.made.notify_all();
        }
    }
}

/// A message to the rebuild loop.
enum Message {
    /// These paths changed.
    Changed(Vec<PathBuf>),
    /// The watcher failed.
    WatchError(String),
    /// Shut down.
    Stop,
}

/// A running preview server. [`Server::run`] blocks until [`Stopper::stop`] is called.
pub struct Server {
    shared: Arc<Shared>,
    http: Arc<tiny_http::Server>,
    address: SocketAddr,
    options: ServeOptions,
    cache: BuildCache,
    messages: Receiver<Message>,
    sender: Sender<Message>,
}

/// Stops a running server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    /// Asks the server to finish: it stops accepting requests, closes event streams and
    /// returns from [`Server::run`].
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

impl Server {
    /// Binds the address and runs the first build (reported to `on_event`). A failed first
    /// build still starts the server, which shows the diagnostics until they are fixed.
    pub fn start(
        mut options: ServeOptions,
        on_event: &dyn Fn(Event),
    ) -> Result<Server, ServeError> {
        // One spelling of the root for the watcher's paths and the file cache's keys.
        options.root = options.root.canonicalize().map_err(|e| ServeError::Io {
            action: format!("find the site folder {}", options.root.display()),
            source: e,
        })?;
        let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse(SocketAddr::new(options.bind, options.port))
            } else {
                ServeError::Io {
                    action: format!("listen on {}:{}", options.bind, options.port),
                    source: e,
                }
            }
        })?;
        let address = listener.local_addr().map_err(|e| ServeError::Io {
            action: "read the listening address".into(),
            source: e,
        })?;
        let http =
            tiny_http::Server::from_listener(listener, None).map_err(|e| ServeError::Io {
                action: format!("serve on {address}"),
                source: std::io::Error::other(e.to_string()),
            })?;
        let (sender, messages) = mpsc::channel();
        let shared = Arc::new(Shared::new(options.root.clone()));
        let mut server = Server {
            shared,
            http: Arc::new(http),
            address,
            options,
            cache: BuildCache::new(),
            messages,
            sender,
        };
        server.rebuild(Vec::new(), on_event);
        Ok(server)
    }

    /// The address the server listens on (with the port picked when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// A handle that stops [`Server::run`] from another thread.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// Serves requests, watches the site and rebuilds on saves until stopped.
    pub fn run(mut self, on_event: &dyn Fn(Event)) -> Result<(), ServeError> {
        let to_loop = self.sender.clone();
        let mut watcher = watch::watch(&self.options.root, move |m| {
            let _ = to_loop.send(match m {
                Ok(paths) => Message::Changed(paths),
                Err(e) => Message::WatchError(e),
            });
        })
        .map_err(|e| ServeError::Io {
            action: format!("watch {}", self.options.root.display()),
            source: std::io::Error::other(e),
        })?;

        let http = Arc::clone(&self.http);
        let shared = Arc::clone(&self.shared);
        let acceptor = std::thread::spawn(move || {
            for request in http.incoming_requests() {
                let shared = Arc::clone(&shared);
                // With no thread to be had (thousands of open connections), this request is
                // dropped and its connection closed; panicking here would stop the acceptor.
                let _ = std::thread::Builder::new().spawn(move || handle(&shared, request));
            }
        });

        while let Ok(message) = self.messages.recv() {
            match message {
                Message::Stop => break,
                Message::WatchError(e) => on_event(Event::WatchError(e)),
                Message::Changed(mut paths) => {
                    // Coalesce: an editor's save fires several events, and a burst of saves
                    // (a search-and-replace over many files) should be one rebuild. Wait until
                    // the events have been quiet for a moment.
                    let mut stop = false;
                    while let Ok(more) = self.messages.recv_timeout(COALESCE) {
                        match more {
                            Message::Changed(p) => paths.extend(p),
                            Message::WatchError(e) => on_event(Event::WatchError(e)),
                            Message::Stop => {
                                stop = true;
                                break;
                            }
                        }
                    }
                    if stop {
                        break;
                    }
                    paths.sort();
                    paths.dedup();
                    if let Err(e) = watcher.refresh() {
                        on_event(Event::WatchError(e));
                    }
                    self.rebuild(paths, on_event);
                }
            }
        }

        // Closing the senders ends every event stream; unblocking ends the acceptor.
        self.shared
            .clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.http.unblock();
        let _ = acceptor.join();
        Ok(())
    }

    /// Builds in memory and swaps the result in (or records the error), then tells open pages.
    fn rebuild(&mut self, changed: Vec<PathBuf>, on_event: &dyn Fn(Event)) {
        let root = self.options.root.clone();
        self.cache.changed(&root, &changed);
        let options = BuildOptions {
            root: root.clone(),
            output: None,
            drafts: self.options.drafts,
            today: crate::today(),
        };
        // The short cut makes the open pages first and serves them at once; the pages they
        // link to that the save changes too are held back until it is done.
        let open_files = self.shared.open_pages();
        let started = Instant::now();
        let mut open_first = None;
        let shared = Arc::clone(&self.shared);
        let mut serve_first = |files: Vec<Output>, held: Vec<String>| {
            shared.serve_first(files, held);
            open_first = Some(started.elapsed());
        };
        let open = crate::render::OpenPages {
            files: &open_files,
            ready: &mut serve_first,
        };
        let mut result = crate::rebuild_in_memory(&options, &mut self.cache, &changed, Some(open));
        // A short cut that served the open pages and then fell back to the whole build
        // (a template error in a list page) serves and reloads like any whole build.
        if !matches!(&result, Ok(b) if b.partial) {
            open_first = None;
        }
        // Site-relative paths read better in the log.
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
            .collect();
        // The theme's assets and the static files may be loaded in ways a page's HTML does
        // not show (a style sheet's `url()`): a save to them reloads every open page.
        let touches_assets = changed.iter().any(|p| {
            p.starts_with("themes")
                || p.starts_with(Path::new(crate::content::CONTENT_DIR).join("static"))
        });
        let reads = self.cache.take_reads();
        // A save of an editor's swap file changes nothing: the open pages need no reload.
        let nothing_changed = matches!(&result,
            Ok(built) if built.partial && built.files.is_empty() && built.removed.is_empty());
        {
            let mut snapshot = self
                .shared
                .snapshot
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            // (A short cut never follows a failed build, so no error is shown then.)
            if !(nothing_changed && snapshot.error.is_none()) {
                // The files get a stamp of their own, and a page reloads only when its stamp
                // moves. After the open pages were served first, the rest of the save shares
                // their version: a served-first page waiting for a held file it loads (the
                // comparison's data.js) must not reload a second time for it.
                if open_first.is_none() {
                    snapshot.version += 1;
                }
                if touches_assets {
                    snapshot.assets_changed();
                }
                match &mut result {
                    Ok(built) if built.partial => {
                        // Only what changed; every other file stays as served.
                        for path in &built.removed {
                            snapshot.remove(path);
                        }
                        snapshot.add(std::mem::take(&mut built.files));
                        snapshot.set_error(None);
                        snapshot.language = built.language;
                    }
                    Ok(built) => {
                        // The snapshot takes the files over: the built pages are not copied.
                        snapshot.replace(std::mem::take(&mut built.files), &open_files);
                        snapshot.set_error(None);
                        snapshot.language = built.language;
                    }
                    Err(Failure::Content(report)) => {
                        let shown = report.diagnostics.render(&report.sources, false);
                        snapshot.set_error(Some(shown));
                    }
                    Err(Failure::Write(e)) => {
                        // build_in_memory never writes; keep the message anyway rather than panic.
                        snapshot.set_error(Some(format!("error: {e}")));
                    }
                }
            }
        }
        self.shared.release();
        self.shared.notify();
        match result {
            Ok(built) => {
                // Nothing rendered: the last render's counts would be the wrong story.
                let stats = if nothing_changed {
                    let last = self.cache.render_stats();
                    crate::render::cache::CacheStats {
                        markdown_rendered: 0,
                        markdown_reused: last.markdown_rendered + last.markdown_reused,
                        pages_rendered: 0,
                        pages_reused: built.report.pages,
                    }
                } else {
                    self.cache.render_stats()
                };
                on_event(Event::Built {
                    report: Box::new(built.report),
                    stats,
                    reads,
                    changed,
                    open_first,
                })
            }
            Err(Failure::Content(report)) => on_event(Event::Failed { report, changed }),
            Err(Failure::Write(e)) => on_event(Event::WatchError(e.to_string())),
        }
    }
}

/// Answers one request. Errors writing to the browser mean it went away; nothing to do.
fn handle(shared: &Shared, request: tiny_http::Request) {
    use tiny_http::Method;
    let head = *request.method() == Method::Head;
    if !head && *request.method() != Method::Get {
        let _ = request.respond(plain(405, "method not allowed\n"));
        return;
    }
    match route::route(request.url()) {
        Route::LiveReload { page } => event_stream(shared, request, page),
        Route::BadRequest => {
            let _ = request.respond(plain(400, "bad request: refused path\n"));
        }
        Route::File { path, folder } => {
            let response = file_response(shared, &path, folder.as_deref());
            let response = if head {
                let (status, headers) = (response.status_code(), response.headers().to_vec());
                tiny_http::Response::new(status, headers, std::io::empty(), Some(0), None).boxed()
            } else {
                response
            };
            let _ = request.respond(response);
        }
    }
}

type BoxedResponse = tiny_http::Response<Box<dyn Read + Send>>;

/// A static file's bytes, read when asked for: only a regular file that is, with every
/// symbolic link followed, still inside the site folder. The last good build checked it, but
/// it may have become a link to anywhere since (the rebuild that saw this failed, and the
/// last good pages stay served).
fn read_inside(root: &Path, rel: &Path) -> Option<Vec<u8>> {
    // Read by the path with every link resolved, the one that was checked.
    let file = root.join(rel).canonicalize().ok()?;
    let regular = std::fs::metadata(&file).is_ok_and(|m| m.is_file());
    (regular && crate::content::inside_root(root, &file)).then(|| std::fs::read(&file).ok())?
}

fn file_response(shared: &Shared, path: &str, folder: Option<&str>) -> BoxedResponse {
    let snapshot = shared.read_when_made(path);
    let body: Option<Vec<u8>> = match snapshot.files.get(path) {
        Some(Served::Bytes(b)) => Some(b.clone()),
        Some(Served::Chunks(c)) => Some(c.concat()),
        Some(Served::File(from)) => read_inside(&shared.root, from),
        None => None,
    };
    let Some(body) = body else {
        if let Some(folder) = folder {
            let index = format!("{}index.html", &folder[1..]);
            if snapshot.files.contains_key(&index) {
                return tiny_http::Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", folder))
                    .boxed();
            }
        }
        let page = inject::not_found(&format!("/{path}"), snapshot.language);
        let page = inject::inject(
            &page,
            snapshot.page_stamp(path),
            snapshot.error.as_deref(),
            snapshot.language,
        );
        return respond_bytes(404, "text/html; charset=utf-8", page);
    };
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        inject::inject(
            &body,
            snapshot.page_stamp_of(path, &body),
            snapshot.error.as_deref(),
            snapshot.language,
        )
    } else {
        body
    };
    respond_bytes(200, kind, body)
}

fn respond_bytes(status: u16, kind: &str, body: Vec<u8>) -> BoxedResponse {
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .boxed()
}

fn plain(status: u16, text: &str) -> BoxedResponse {
    respond_bytes(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Names and values here are ASCII constants or paths that passed `route` (no CR/LF).
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| panic!("bug in spiegel: invalid header {name}: {value}"))
}

/// Keeps the connection open and writes a `reload` event with the current version now and
/// after every rebuild, until the page goes away or the server stops.
fn event_stream(shared: &Shared, request: tiny_http::Request, page: Option<String>) {
    let (sender, rx) = mpsc::channel();
    let id = shared
        .next_client
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Listening before reading the version: a rebuild in between is sent twice, not missed.
    shared
        .clients
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Client {
            sender,
            page: page.clone(),
            sent: None,
            id,
        });
    stream_reloads(shared, request, page.as_deref(), &rx);
    // The page went away: it is no longer open (a later save need not make it first).
    shared
        .clients
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|c| c.id != id);
}

/// Writes the stream's head, the page's stamp now and every new one until the page goes away
/// or the server stops.
fn stream_reloads(
    shared: &Shared,
    request: tiny_http::Request,
    page: Option<&str>,
    rx: &Receiver<u64>,
) {
    let version = match page {
        Some(page) => shared.read().page_stamp(page),
        None => shared.read().version,
    };
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if out.write_all(head.as_bytes()).is_err() || send(&mut out, version).is_err() {
        return;
    }
    let mut last_write = Instant::now();
    loop {
        match rx.recv_timeout(KEEPALIVE) {
            Ok(v) => {
                if send(&mut out, v).is_err() {
                    return;
                }
                last_write = Instant::now();
            }
            Err(RecvTimeoutError::Timeout) => {
                if last_write.elapsed() >= KEEPALIVE
                    && (out.write_all(b": keepalive\n\n").is_err() || out.flush().is_err())
                {
                    return;
                }
                last_write = Instant::now();
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn send(out: &mut impl Write, version: u64) -> std::io::Result<()> {
    write!(out, "event: reload\ndata: {version}\n\n")?;
    out.flush()
}

/// Whether `path` (absolute) is one the preview must react to: site.toml, or anything under
/// content/ or themes/. The output folder and everything else in the root are ignored.
pub fn is_watched(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    rel == Path::new("site.toml") || rel.starts_with("content") || rel.starts_with("themes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Arc<Shared> {
        let shared = Shared::new(PathBuf::from("."));
        {
            let mut snapshot = shared.snapshot.write().unwrap();
            snapshot.files = HashMap::from([("a.txt".into(), Served::Bytes(b"old a".to_vec()))]);
            snapshot.version = 1;
        }
        Arc::new(shared)
    }

    fn body(shared: &Shared, path: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let response = file_response(shared, path, None);
        let mut reader = response.into_reader();
        reader.read_to_end(&mut out).unwrap();
        out
    }

    /// A file a save is still making is not served as it was: the request waits for it.
    #[test]
    fn a_held_file_is_served_once_made() {
        let shared = shared();
        let first = Output::Generated {
            path: "open.txt".into(),
            bytes: b"open, new".to_vec(),
        };
        shared.serve_first(vec![first], vec!["a.txt".into()]);
        assert_eq!(shared.read().version, 2, "the open pages reload");
        assert_eq!(body(&shared, "open.txt"), b"open, new");

        let asking = Arc::clone(&shared);
        let request = std::thread::spawn(move || body(&asking, "a.txt"));
        std::thread::sleep(Duration::from_millis(100));
        assert!(!request.is_finished(), "waits while a.txt is being made");
        shared
            .snapshot
            .write()
            .unwrap()
            .files
            .insert("a.txt".into(), Served::Bytes(b"new a".to_vec()));
        let released = Instant::now();
        shared.release();
        assert_eq!(request.join().unwrap(), b"new a");
        assert!(
            released.elapsed() < HELD_WAIT / 4,
            "woken by the release, not by the time limit"
        );
    }
}
