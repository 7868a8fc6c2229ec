//! The `spiegel` command: parses arguments, runs the library's pipeline, prints diagnostics and
//! a summary, and turns the outcome into an exit code (0 ok, 1 content errors, 2 usage or I/O).

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod serve_cli;

/// mimalloc rather than the system allocator: a build allocates and frees millions of small
/// strings and JSON values across two or more threads, where glibc's malloc spent a fifth of
/// the CPU (docs/benchmarks-history.md). Version 2: version 3 held ~30 MB more at 10,000 notes.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v2's `mi_option_arena_eager_commit` (the fifth option of its `mi_option_e`).
#[cfg(feature = "mimalloc")]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Arenas committed as they are used, not whole up front: on Linux mimalloc otherwise commits
/// its arenas eagerly and the kernel backs them with huge pages it must zero. Set here, it
/// applies to the arenas reserved after `main` starts (10,000 notes: peak 261-272 -> 259-264
/// MiB); `MIMALLOC_ARENA_EAGER_COMMIT=0` in the environment, which applies from the first
/// one, gives 247-249 MiB.
///
/// And no transparent huge pages for the process (mimalloc asks for them with `madvise` on
/// its first arena, before `main`, so its own option would come too late): when free memory is
/// fragmented, as it is after any other large process ran, the kernel compacts memory to make
/// each 2 MB page on first touch. Right after a Hugo build of the same notes, a 10,000-note
/// build took 1.12-1.21 s (system time 0.76-0.85 s) with them and 0.90-0.99 s (0.39-0.51 s)
/// without (docs/benchmarks-history.md); a build that lasts a second gains nothing from fewer TLB
/// misses.
fn tune_allocator() {
    // SAFETY: sets one of mimalloc's documented options; any value is valid for it.
    #[cfg(feature = "mimalloc")]
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0)
    };
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and no pointers; on a kernel without
    // it the call fails and changes nothing.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

use spiegel::diagnostics::Diagnostics;
use spiegel::{build, BuildOptions, Failure, Report};

/// Static-site generator for Ketenspiegel mirror reports.
#[derive(Debug, Parser)]
#[command(name = "spiegel", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced whole, only when the build succeeds).
    Build {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include notes and pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check the whole site and report every problem; writes nothing.
    Check {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site: serve it from memory, rebuild on every save, reload open pages.
    Serve {
        /// The site folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Interface to listen on. Anything but 127.0.0.1 shows the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include drafts (marked "concept").
        #[arg(long)]
        drafts: bool,
    },
    /// Create a content file with every field of the format, ready to fill in.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Create a small working site in a new or empty folder.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// A region: content/regions/<slug>/_index.md.
    Region {
        /// The region's name, e.g. "Haarlemmermeer".
        name: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A note about a region: content/notes/<date>-<slug>.md.
    Note {
        /// The note's title.
        title: String,
        /// The slug of the region it is about.
        #[arg(long)]
        region: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A good practice: content/practices/<slug>.md.
    Practice {
        /// The practice's title.
        title: String,
        /// The slug of the region it belongs to, if any.
        #[arg(long)]
        region: Option<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
        } => {
            let output = output.unwrap_or_else(|| root.join("output"));
            run(BuildOptions {
                root,
                output: Some(output),
                drafts,
                today: spiegel::today(),
            })
        }
        Command::Check { root, drafts } => run(BuildOptions {
            root,
            output: None,
            drafts,
            today: spiegel::today(),
        }),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
        } => serve_cli::run(
            spiegel::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
            },
            open,
        ),
        Command::New { what } => scaffold(what),
        Command::Init { dir } => init(&dir),
    }
}

fn scaffold(what: NewCommand) -> ExitCode {
    use spiegel::scaffold;
    let Some(today) = spiegel::today() else {
        spiegel::say!("error: cannot read today's date from the system clock or SOURCE_DATE_EPOCH");
        return ExitCode::from(2);
    };
    let (root, result) = match what {
        NewCommand::Region { name, root } => {
            let r = scaffold::new_region(&root, &name, today);
            (root, r)
        }
        NewCommand::Note {
            title,
            region,
            root,
        } => {
            let r = scaffold::new_note(&root, &title, &region, today);
            (root, r)
        }
        NewCommand::Practice {
            title,
            region,
            root,
        } => {
            let r = scaffold::new_practice(&root, &title, region.as_deref(), today);
            (root, r)
        }
    };
    let _ = root;
    match result {
        Ok(path) => {
            spiegel::say_out!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            spiegel::say!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    let Some(today) = spiegel::today() else {
        spiegel::say!("error: cannot read today's date from the system clock or SOURCE_DATE_EPOCH");
        return ExitCode::from(2);
    };
    match spiegel::scaffold::init(dir, today) {
        Ok(files) => {
            for f in &files {
                spiegel::say_out!("{}", f.display());
            }
            spiegel::say!(
                "created a site in {}; preview it with `spiegel serve --root {}`",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            spiegel::say!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Says that `root`, given as the site folder, is not a folder (for build, check and serve).
fn say_no_site(root: &std::path::Path) {
    let what = if root.exists() {
        "is a file, not a folder"
    } else {
        "does not exist"
    };
    spiegel::say!("error: site folder `{}` {what}", root.display());
    spiegel::say!(
        "  = help: --root takes the folder that holds site.toml and content/ (the current folder when left out)"
    );
}

fn run(options: BuildOptions) -> ExitCode {
    if !options.root.is_dir() {
        say_no_site(&options.root);
        return ExitCode::from(2);
    }
    match build(&options) {
        Ok(report) => {
            report.diagnostics.emit(&report.sources);
            summary(&options, &report);
            ExitCode::SUCCESS
        }
        Err(Failure::Content(report)) => {
            report.diagnostics.emit(&report.sources);
            let n = report.diagnostics.error_count();
            let what = if options.output.is_some() {
                "build"
            } else {
                "check"
            };
            spiegel::say!(
                "error: {what} failed with {n} error{}{}",
                if n == 1 { "" } else { "s" },
                if options.output.is_some() {
                    "; nothing was written"
                } else {
                    ""
                }
            );
            ExitCode::from(1)
        }
        Err(Failure::Write(e)) => {
            let mut text = format!("error: {e}");
            let mut source = std::error::Error::source(&e).and_then(|s| s.source());
            while let Some(s) = source {
                text.push_str(&format!("\n  caused by: {s}"));
                source = s.source();
            }
            spiegel::say!("{text}\nthe previous output, if any, is unchanged");
            ExitCode::from(2)
        }
    }
}

fn summary(options: &BuildOptions, report: &Report) {
    for note in &report.notes {
        spiegel::say!("note: {note}");
    }
    let warnings = warnings_note(&report.diagnostics);
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    let line = match &options.output {
        Some(out) => format!(
            "built {} pages ({} files) in {ms:.0} ms → {}{warnings}",
            report.pages,
            report.files,
            out.display()
        ),
        None => format!(
            "checked: no errors, {} pages would be built{warnings}",
            report.pages
        ),
    };
    if std::io::stderr().is_terminal() {
        spiegel::say!("\x1b[32m{line}\x1b[0m");
    } else {
        spiegel::say!("{line}");
    }
}

fn warnings_note(d: &Diagnostics) -> String {
    match d.warning_count() {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    }
}
