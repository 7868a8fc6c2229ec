//! The `spiegel serve` command's console: starts the preview server, prints its address and
//! every rebuild (or its diagnostics), and stops cleanly on Ctrl-C.

use std::io::IsTerminal;
use std::process::ExitCode;

use spiegel::serve::{Event, ServeError, ServeOptions, Server};

/// Runs the preview server until Ctrl-C; exit 2 when it cannot start.
pub fn run(options: ServeOptions, open: bool) -> ExitCode {
    if !options.root.is_dir() {
        crate::say_no_site(&options.root);
        return ExitCode::from(2);
    }
    if !options.bind.is_loopback() {
        let drafts = if options.drafts {
            ", drafts included"
        } else {
            ""
        };
        spiegel::say!(
            "warning: listening on {}: anyone who can reach this machine can see the preview{drafts}",
            options.bind
        );
    }
    let server = match Server::start(options, &print_event) {
        Ok(s) => s,
        Err(e) => {
            spiegel::say!("error: {e}");
            if let ServeError::PortInUse(_) = e {
                spiegel::say!(
                    "  = help: pick another with `--port N`, or `--port 0` for any free port"
                );
            }
            return ExitCode::from(2);
        }
    };
    let address = server.address();
    let url = if address.ip().is_unspecified() {
        format!("http://127.0.0.1:{}/", address.port())
    } else {
        format!("http://{address}/")
    };
    // The address on stdout, alone on its line, so scripts and tests can read it.
    spiegel::say_out!("serving at {url}");
    spiegel::say!("watching site.toml, content/ and themes/ (Ctrl-C to stop)");
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        spiegel::say!(
            "warning: cannot catch Ctrl-C ({e}); stop the server by closing the terminal"
        );
    }
    if open {
        open_browser(&url);
    }
    match server.run(&print_event) {
        Ok(()) => {
            spiegel::say!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            spiegel::say!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether the preview has made a good site yet: until then a failed build has none to keep
/// serving, only the diagnostics.
static SERVED_GOOD_SITE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn print_event(event: Event) {
    let changed_note = |changed: &[std::path::PathBuf]| match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", one.display()),
        many => format!(" after changes to {} files", many.len()),
    };
    match event {
        Event::Built {
            report,
            stats,
            reads,
            changed,
            open_first,
        } => {
            report.diagnostics.emit(&report.sources);
            SERVED_GOOD_SITE.store(true, std::sync::atomic::Ordering::Relaxed);
            let open = open_first.map_or(String::new(), |t| {
                format!("open pages in {:.0} ms, ", t.as_secs_f64() * 1000.0)
            });
            let line = format!(
                "built {} pages in {:.0} ms{} ({open}read {reads} files, rendered {} of {} bodies and {} of {} pages)",
                report.pages,
                report.elapsed.as_secs_f64() * 1000.0,
                changed_note(&changed),
                stats.markdown_rendered,
                stats.markdown_rendered + stats.markdown_reused,
                stats.pages_rendered,
                stats.pages_rendered + stats.pages_reused,
            );
            if std::io::stderr().is_terminal() {
                spiegel::say!("\x1b[32m{line}\x1b[0m");
            } else {
                spiegel::say!("{line}");
            }
        }
        Event::Failed { report, changed } => {
            report.diagnostics.emit(&report.sources);
            let n = report.diagnostics.error_count();
            let serving = if SERVED_GOOD_SITE.load(std::sync::atomic::Ordering::Relaxed) {
                "still serving the last good version"
            } else {
                "serving the errors until a save fixes them"
            };
            spiegel::say!(
                "error: {} failed with {n} error{}{}; {serving}",
                if changed.is_empty() {
                    "build"
                } else {
                    "rebuild"
                },
                if n == 1 { "" } else { "s" },
                changed_note(&changed)
            );
        }
        Event::WatchError(e) => spiegel::say!("warning: watching files: {e}"),
    }
}

/// Opens `url` in the system's browser; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    if let Err(e) = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        spiegel::say!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}
