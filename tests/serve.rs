//! `spiegel serve` end to end: the real binary on a copy of the example site, spoken to over
//! plain HTTP (a tiny std-only client, so the test needs no HTTP crate and no network).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const NOTE: &str = "content/notes/2007-05-hilversum-begeleiding.md";
const NOTE_URL: &str = "/notities/2007-05-hilversum-begeleiding/";

/// The example site copied into a fresh temp dir.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    dir
}

/// A running `spiegel serve`; killed when dropped.
struct Serve {
    child: Child,
    address: String,
    /// What the server prints to stderr (its log).
    log: tempfile::NamedTempFile,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut command = Command::new(env!("CARGO_BIN_EXE_spiegel"));
        command.args(["serve", "--port", "0", "--root"]).arg(root);
        Serve::start_command(command)
    }

    /// The server, allowed at most `limit` open files (`ulimit -n`).
    fn start_with_file_limit(root: &Path, limit: u32) -> Serve {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_spiegel"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root);
        Serve::start_command(command)
    }

    fn start_command(mut command: Command) -> Serve {
        let log = tempfile::NamedTempFile::new().unwrap();
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log.reopen().unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("serving at http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Serve {
            child,
            address,
            log,
        }
    }

    /// The server's log so far.
    fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap()
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        http_get(&self.address, path)
    }

    /// Subscribes to the reload stream; the receiver gets each event's version.
    fn events(&self) -> Receiver<u64> {
        self.events_for("")
    }

    /// Subscribes to the reload stream as the live-reload script of the page at `page` does.
    fn events_for(&self, page: &str) -> Receiver<u64> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let query = if page.is_empty() {
            String::new()
        } else {
            format!("?page={}", page.replace('/', "%2F"))
        };
        write!(
            stream,
            "GET /__spiegel/livereload{query} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if let Some(v) = line.strip_prefix("data: ") {
                    if tx.send(v.trim().parse().unwrap()).is_err() {
                        return;
                    }
                }
            }
        });
        rx
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET over a fresh connection: (status, headers, body).
fn http_get(address: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Waits for an event with a version above `after`; returns it.
fn next_reload(events: &Receiver<u64>, after: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(v) if v > after => return v,
            Ok(_) => continue,
            Err(e) => panic!("no reload event after version {after}: {e}"),
        }
    }
}

/// Waits for reloads until `path` satisfies `ok` (one save can cause more than one rebuild);
/// returns the version and the page.
fn reload_until(
    serve: &Serve,
    events: &Receiver<u64>,
    after: u64,
    path: &str,
    ok: impl Fn(&str) -> bool,
) -> (u64, String) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut version = after;
    loop {
        version = next_reload(events, version);
        let body = serve.get(path).2;
        if ok(&body) {
            return (version, body);
        }
        assert!(
            Instant::now() < deadline,
            "{path} never became as expected:\n{body}"
        );
    }
}

/// Saves like many editors do: write a temp file beside it, then rename over it.
fn atomic_save(path: &Path, text: &str) {
    let tmp = path.with_file_name(".spiegel-test.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serves_reloads_shows_errors_and_recovers() {
    let site = example_site();
    let serve = Serve::start(site.path());
    let note: PathBuf = site.path().join(NOTE);

    let (status, head, body) = serve.get(NOTE_URL);
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(body.contains("eerste maand begeleiding"));
    assert!(body.contains("/__spiegel/livereload"), "script injected");

    let events = serve.events();
    let v0 = events.recv_timeout(Duration::from_secs(10)).unwrap();

    // An edit: the open page is told, and serves the new text.
    let original = std::fs::read_to_string(&note).unwrap();
    let edited = original.replace("Een maand na", "Vijf weken na");
    atomic_save(&note, &edited);
    let (v1, body) = reload_until(&serve, &events, v0, NOTE_URL, |b| {
        b.contains("Vijf weken na")
    });
    assert!(!body.contains("id=\"spiegel-error\""), "{body}");

    // A broken save: the last good page stays, with the diagnostics over it.
    atomic_save(
        &note,
        &edited.replace("date = 2007-05-22", "date = 2007-05-32"),
    );
    let (v2, _) = reload_until(&serve, &events, v1, NOTE_URL, |b| {
        b.contains("id=\"spiegel-error\"")
    });
    let (status, _, body) = serve.get(NOTE_URL);
    assert_eq!(status, 200);
    assert!(
        body.contains("Vijf weken na"),
        "last good build still served"
    );
    assert!(body.contains("role=\"alertdialog\""));
    assert!(body.contains("content/notes/2007-05-hilversum-begeleiding.md:3:8"));
    assert!(body.contains("invalid date"));
    let (_, _, other) = serve.get("/regio/");
    assert!(
        other.contains("id=\"spiegel-error\""),
        "every page shows the error"
    );

    // Fixed: the overlay goes.
    atomic_save(&note, &edited);
    let (_, body) = reload_until(&serve, &events, v2, NOTE_URL, |b| {
        !b.contains("id=\"spiegel-error\"")
    });
    assert!(body.contains("Vijf weken na"));

    assert!(
        !site.path().join("output").exists(),
        "serve writes nothing to disk"
    );
}

#[test]
fn follows_files_added_renamed_and_removed() {
    let site = example_site();
    let serve = Serve::start(site.path());
    let events = serve.events();
    let v0 = events.recv_timeout(Duration::from_secs(10)).unwrap();
    let notes = site.path().join("content/notes");
    let text = "+++\ntitle = \"Nieuwe notitie\"\ndate = 2007-08-01\nregions = [\"assen\"]\n+++\nNieuwe tekst.\n";
    std::fs::write(notes.join("nieuw.md"), text).unwrap();
    let (v1, _) = reload_until(&serve, &events, v0, "/notities/nieuw/", |b| {
        b.contains("Nieuwe tekst.")
    });
    assert!(serve.get("/notities/").2.contains("Nieuwe notitie"));

    std::fs::rename(notes.join("nieuw.md"), notes.join("hernoemd.md")).unwrap();
    let (v2, _) = reload_until(&serve, &events, v1, "/notities/hernoemd/", |b| {
        b.contains("Nieuwe tekst.")
    });
    assert_eq!(serve.get("/notities/nieuw/").0, 404);

    std::fs::remove_file(notes.join("hernoemd.md")).unwrap();
    reload_until(&serve, &events, v2, "/notities/hernoemd/", |b| {
        !b.contains("Nieuwe tekst.")
    });
    assert_eq!(serve.get("/notities/hernoemd/").0, 404);
    assert!(!serve.get("/notities/").2.contains("Nieuwe notitie"));
}

#[test]
fn a_burst_of_saves_ends_in_the_last_text() {
    let site = example_site();
    let serve = Serve::start(site.path());
    let events = serve.events();
    let version = events.recv_timeout(Duration::from_secs(10)).unwrap();
    let note = site.path().join(NOTE);
    let original = std::fs::read_to_string(&note).unwrap();
    for i in 0..20 {
        // Half-written files among them: the page must settle on the last, whole save.
        std::fs::write(&note, &original[..original.len() / 3]).unwrap();
        std::fs::write(
            &note,
            original.replace("Een maand na", &format!("Versie {i} na")),
        )
        .unwrap();
    }
    reload_until(&serve, &events, version, NOTE_URL, |b| {
        b.contains("Versie 19 na") && !b.contains("id=\"spiegel-error\"")
    });
}

#[test]
fn refuses_paths_outside_the_site_and_answers_missing_pages() {
    let site = example_site();
    let serve = Serve::start(site.path());
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/regio/%2E%2E/%2e%2e/site.toml",
        "/..%5csite.toml",
        "/regio\\..\\..\\site.toml",
    ] {
        let (status, _, body) = serve.get(path);
        assert_eq!(status, 400, "{path}");
        assert!(!body.contains("title ="), "{path}");
    }
    let (status, _, body) = serve.get("/bestaat-niet/");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"));
    let (status, head, _) = serve.get("/regio/assen");
    assert_eq!(status, 301);
    assert!(head.contains("/regio/assen/"));
    let (status, head, body) = serve.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"));
    assert!(!body.contains("livereload"), "only HTML gets the script");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = example_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = example_site();
    let mut serve = Serve::start(site.path());
    let _events = serve.events();
    std::thread::sleep(Duration::from_millis(200));
    let status = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(Instant::now() < deadline, "did not stop after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A file of the site replaced by a symbolic link to outside it: the rebuild fails as the
/// build does, and neither the note's short cut nor the static file server follows the link.
#[cfg(unix)]
#[test]
fn a_file_turned_into_a_link_to_outside_the_site_is_not_followed() {
    let site = example_site();
    let outside = tempfile::tempdir().unwrap();
    let serve = Serve::start(site.path());
    let events = serve.events();
    let (status, _, _) = serve.get("/static/quickscan-toelichting.txt");
    assert_eq!(status, 200);

    // A note of the last build (the short cut's case) becomes a link to a copy outside.
    let note = site.path().join(NOTE);
    let text = std::fs::read_to_string(&note).unwrap();
    let copy = outside.path().join("note.md");
    std::fs::write(
        &copy,
        text.replacen("title = ", "title = \"Van buiten de site\" #", 1),
    )
    .unwrap();
    std::fs::remove_file(&note).unwrap();
    std::os::unix::fs::symlink(&copy, &note).unwrap();
    let (version, body) = reload_until(&serve, &events, 0, NOTE_URL, |b| {
        b.contains("id=\"spiegel-error\"")
    });
    assert!(body.contains("outside the site folder"), "{body}");
    assert!(!body.contains("Van buiten de site"), "{body}");

    // A static file becomes a link to a secret outside: the last good build's file list still
    // names it, but its bytes are not read through the link.
    let secret = outside.path().join("geheim.txt");
    std::fs::write(&secret, "GEHEIM").unwrap();
    let file = site.path().join("content/static/quickscan-toelichting.txt");
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&secret, &file).unwrap();
    next_reload(&events, version);
    let (status, _, body) = serve.get("/static/quickscan-toelichting.txt");
    assert!(
        !body.contains("GEHEIM"),
        "served through the link: {status} {body}"
    );
}

/// The note being edited is open: a title save serves it first, and the pages listing the
/// note that a browser asks for right after the reload show the new title too.
#[test]
fn a_title_save_reloads_the_open_note_and_the_lists_follow() {
    let site = example_site();
    let serve = Serve::start(site.path());
    let note: PathBuf = site.path().join(NOTE);
    let events = serve.events_for(NOTE_URL);
    let v0 = events.recv_timeout(Duration::from_secs(10)).unwrap();

    let original = std::fs::read_to_string(&note).unwrap();
    atomic_save(
        &note,
        &original.replace(
            "title = \"Hilversum: eerste",
            "title = \"Hilversum: de eerste",
        ),
    );
    let v1 = next_reload(&events, v0);
    for page in [NOTE_URL, "/notities/", "/"] {
        let (status, _, body) = serve.get(page);
        assert_eq!(status, 200, "{page}");
        assert!(
            body.contains("Hilversum: de eerste"),
            "{page} has the new title"
        );
    }
    // The note's page was served first, and the open page reloads once.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !serve.log().contains("open pages in") {
        assert!(Instant::now() < deadline, "log: {}", serve.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(events.try_iter().all(|v| v == v1), "one reload per save");
}

#[test]
fn a_score_save_reloads_the_open_region_page_and_the_comparison_follows() {
    let site = example_site();
    let serve = Serve::start(site.path());
    let results = site
        .path()
        .join("content/regions/assen/quickscan-2007-06.toml");
    let events = serve.events_for("/regio/assen/");
    let v0 = events.recv_timeout(Duration::from_secs(10)).unwrap();
    // The comparison page is open too: served first, it loads data.js, which the save makes
    // after it; that must not reload the page a second time.
    let compare_events = serve.events_for("/vergelijken/");
    let c0 = compare_events
        .recv_timeout(Duration::from_secs(10))
        .unwrap();
    let pages = ["/regio/assen/", "/vergelijken/", "/landelijk/"];
    let before: Vec<String> = pages.iter().map(|p| serve.get(p).2).collect();

    let original = std::fs::read_to_string(&results).unwrap();
    atomic_save(
        &results,
        &original.replace("doelen-1 = 3.0", "doelen-1 = 1.0"),
    );
    let v1 = next_reload(&events, v0);
    for (page, before) in pages.iter().zip(&before) {
        let (status, _, body) = serve.get(page);
        assert_eq!(status, 200, "{page}");
        assert_ne!(body, *before, "{page} shows the new score");
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !serve.log().contains("open pages in") {
        assert!(Instant::now() < deadline, "log: {}", serve.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        serve.log().contains("rendered 0 of"),
        "no body rendered: {}",
        serve.log()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(events.try_iter().all(|v| v == v1), "one reload per save");
    let compare: Vec<u64> = compare_events.try_iter().filter(|&v| v != c0).collect();
    assert_eq!(
        compare.len(),
        1,
        "the comparison page reloads once: {compare:?}"
    );
}

/// Waits until the server has logged `n` builds (the first one counts) and a moment more,
/// so that every reload event of the last one has been sent.
fn wait_for_builds(serve: &Serve, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while serve.log().matches("built ").count() < n {
        assert!(Instant::now() < deadline, "log: {}", serve.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
}

/// A save reloads the open pages it changes and leaves the others alone (regions picked on
/// the comparison page stay picked while an editor writes a note); a style sheet save
/// reloads every page that uses it, though their HTML is the same.
#[test]
fn a_save_reloads_only_the_open_pages_it_changes() {
    let site = example_site();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let css = site.path().join("themes/default/static/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::copy(repo.join("themes/default/static/style.css"), &css).unwrap();
    let serve = Serve::start(site.path());
    let note_events = serve.events_for(NOTE_URL);
    let compare_events = serve.events_for("/vergelijken/");
    let n0 = note_events.recv_timeout(Duration::from_secs(10)).unwrap();
    let c0 = compare_events
        .recv_timeout(Duration::from_secs(10))
        .unwrap();

    let note = site.path().join(NOTE);
    let original = std::fs::read_to_string(&note).unwrap();
    atomic_save(&note, &original.replace("Een maand na", "Vijf weken na"));
    let n1 = next_reload(&note_events, n0);
    wait_for_builds(&serve, 2);
    assert!(serve.get(NOTE_URL).2.contains("Vijf weken na"));
    assert_eq!(
        compare_events.try_iter().filter(|&v| v != c0).count(),
        0,
        "the comparison page does not show the note: it stays as it is"
    );
    assert!(note_events.try_iter().all(|v| v == n1), "one reload");

    let mut style = std::fs::read_to_string(&css).unwrap();
    style.push_str("\n.spiegel-test { color: #123456; }\n");
    atomic_save(&css, &style);
    let c1 = next_reload(&compare_events, c0);
    next_reload(&note_events, n1);
    assert!(c1 > n1, "stamps only grow");
    let (_, _, page) = serve.get("/vergelijken/");
    assert!(page.contains(&format!("var built = {c1};")), "{page}");
}

/// A site that is broken when the preview starts has no good version to keep serving: the
/// log says the errors are served until a save fixes them, and then that it built.
#[test]
fn a_site_broken_from_the_start_is_served_as_its_errors_until_a_save_fixes_it() {
    let site = example_site();
    let note = site
        .path()
        .join("content/notes/2007-03-haarlemmermeer-orientatie.md");
    let good = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, good.replacen("title", "titel", 1)).unwrap();
    let serve = Serve::start(site.path());
    let deadline = Instant::now() + Duration::from_secs(15);
    while !serve.log().contains("watching ") {
        assert!(Instant::now() < deadline, "log: {}", serve.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = serve.log();
    assert!(
        log.contains(
            "error: build failed with 1 error; serving the errors until a save fixes them"
        ),
        "{log}"
    );
    assert!(!log.contains("last good version"), "{log}");
    // As `wait_for_builds` does: the watcher may still be settling in.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&note, good).unwrap();
    wait_for_builds(&serve, 1);
    let (status, _, body) = serve.get("/");
    assert_eq!(status, 200, "{body}");
}

/// More connections than the server may open files: those it cannot take are closed, and
/// it goes on listening (tiny_http's accept thread used to panic on "too many open files" and
/// leave the port closed for good; vendor/README.md).
#[test]
fn connections_past_the_open_file_limit_leave_the_server_listening() {
    let site = example_site();
    let serve = Serve::start_with_file_limit(site.path(), 256);
    let address: std::net::SocketAddr = serve.address.parse().unwrap();
    let held: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect_timeout(&address, Duration::from_millis(200)).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, body) = serve.get("/");
    assert_eq!(status, 200, "{body}\n{}", serve.log());
    assert!(!serve.log().contains("panicked"), "{}", serve.log());
}
