//! Real-browser test of the offline search (issue 4): builds the example site, then runs
//! `tests/browser/search.mjs` (playwright-core driving headless Chromium) against it twice:
//! opened from file://, and served under a sub-path (`/intranet/spiegel/`) by a tiny static
//! file server on 127.0.0.1 that this test starts and stops.
//!
//! Needs node, /usr/bin/chromium (or `CHROMIUM`) and `npm ci` in tests/browser. When one is
//! missing the test prints a note and passes, unless `CI` is set: then it fails, so CI never
//! skips it silently.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example site into `out`.
fn build_example(out: &Path) {
    let result = Command::new(env!("CARGO_BIN_EXE_spiegel"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn run_search_test(base: &str) {
    let result = Command::new("node")
        .arg(repo().join("tests/browser/search.mjs"))
        .arg(base)
        .current_dir(repo().join("tests/browser"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    println!("{stdout}");
    assert!(
        result.status.success(),
        "browser search test failed at {base}:\n{stdout}\n{stderr}"
    );
}

fn file_url(dir: &Path) -> String {
    let path = dir.canonicalize().unwrap();
    let mut url = String::from("file://");
    for part in path.to_string_lossy().split('/').filter(|p| !p.is_empty()) {
        url.push('/');
        for b in part.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                url.push(b as char);
            } else {
                url.push_str(&format!("%{b:02X}"));
            }
        }
    }
    url.push('/');
    url
}

#[test]
fn search_works_from_file_urls_in_a_real_browser() {
    if !common::browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_example(&out);
    run_search_test(&file_url(&out));
}

#[test]
fn search_works_under_a_sub_path_in_a_real_browser() {
    if !common::browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let served = dir.path().join("www");
    let out = served.join("intranet").join("spiegel");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    build_example(&out);
    let server = StaticServer::start(served);
    run_search_test(&format!(
        "http://127.0.0.1:{}/intranet/spiegel/",
        server.port
    ));
}

/// A minimal static file server on 127.0.0.1 (GET only, one thread per connection), enough for
/// a browser to load a built site. Stops when dropped.
struct StaticServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    thread::spawn(move || serve(stream, &root));
                }
            }
        });
        StaticServer { port, stop }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Read (and ignore) the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let mut file = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            file = root.to_path_buf();
            break;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("xml") => "application/xml",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            ("200 OK", bytes, kind)
        }
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
