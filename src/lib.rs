//! spiegel: a static-site generator for regional mirror reports (Ketenspiegel).
//!
//! A build is a one-way pipeline, each stage a module with one job:
//!
//! ```text
//! load (content) → check → analyse (analysis) → render → write (output)
//! ```
//!
//! `spiegel check` runs every stage but the last; `spiegel build` runs them all.
#![deny(missing_docs)]

pub mod analysis;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod links;
pub mod model;
pub mod output;
pub mod render;
pub mod slug;
pub mod suggest;
pub mod urls;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics, SourceMap};
use model::Date;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.toml and content/).
    pub root: PathBuf,
    /// Where to write; `None` checks only and writes nothing.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// The date agenda points are compared with to mark them overdue.
    pub today: Option<Date>,
}

/// What a finished run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings and errors, with the texts to show excerpts from.
    pub diagnostics: Diagnostics,
    /// File texts for the diagnostics' excerpts.
    pub sources: SourceMap,
    /// HTML pages produced.
    pub pages: usize,
    /// All files produced (pages, assets, static files).
    pub files: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; nothing was written. The report holds every diagnostic.
    Content(Box<Report>),
    /// Writing the output failed; the previous output is untouched.
    Write(output::WriteError),
}

/// Runs the pipeline: load → check → analyse → render → (write when `options.output` is set).
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    let started = Instant::now();
    let root = options.root.as_path();
    let loaded = content::load(root);
    let mut report = Report {
        diagnostics: loaded.diagnostics,
        sources: loaded.sources,
        ..Report::default()
    };
    let (site, check_diags) = check::check(
        loaded.site,
        check::CheckOptions {
            drafts: options.drafts,
        },
    );
    report.diagnostics.extend(check_diags);

    // Minifying happens once, to the theme's templates (see render::minify).
    let minify = site.config.minify;
    let theme =
        match render::theme::load_with(root, &site.config.theme, &mut report.sources, minify) {
            Ok(t) => Some(t),
            Err(d) => {
                report.diagnostics.extend(d);
                None
            }
        };
    // Rendering pages of a site with broken references would only add noise, but links in
    // Markdown are still checked so one run reports every problem.
    if report.diagnostics.has_errors() {
        report.diagnostics.extend(render::check_links(&site));
        return Err(Failure::Content(Box::new(finish(report, started))));
    }
    let Some(theme) = theme else {
        return Err(Failure::Content(Box::new(finish(report, started))));
    };
    let analysis = analysis::analyse(&site);
    let (files, render_diags) = render::render(
        &site,
        &analysis,
        &theme,
        render::RenderOptions {
            today: options.today,
            minify,
        },
    );
    report.diagnostics.extend(render_diags);
    if report.diagnostics.has_errors() {
        return Err(Failure::Content(Box::new(finish(report, started))));
    }
    report.files = files.len();
    report.pages = files.iter().filter(|f| f.path().ends_with(".html")).count();
    if let Some(out) = &options.output {
        check_output_location(root, out).map_err(|d| {
            report.diagnostics.push(d);
            Failure::Content(Box::new(std::mem::take(&mut report)))
        })?;
        output::write(root, out, &files).map_err(Failure::Write)?;
    }
    Ok(finish(report, started))
}

fn finish(mut report: Report, started: Instant) -> Report {
    report.elapsed = started.elapsed();
    report
}

/// The output folder is replaced whole, so it must never be the site itself or hold it.
fn check_output_location(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let root_c = canonical(root);
    let out_c = match out.parent() {
        Some(parent) if out.file_name().is_some() => canonical(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(out.file_name().unwrap_or_default()),
        _ => canonical(out),
    };
    let protected = [
        root_c.clone(),
        root_c.join("content"),
        root_c.join("themes"),
    ];
    if protected.iter().any(|p| p.starts_with(&out_c)) || out_c.starts_with(root_c.join("content"))
    {
        return Err(
            Diagnostic::error(out, "the output folder would replace the site's own files")
                .help("choose a folder of its own, such as `output`"),
        );
    }
    Ok(())
}

/// Today's date from `SOURCE_DATE_EPOCH` when set (reproducible builds), else the system clock.
pub fn today() -> Option<Date> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().ok()?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64,
    };
    Some(date_from_days(secs.div_euclid(86_400)))
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_become_dates() {
        assert_eq!(date_from_days(0).to_string(), "1970-01-01");
        assert_eq!(date_from_days(13_587).to_string(), "2007-03-15");
        assert_eq!(date_from_days(11_016).to_string(), "2000-02-29");
    }
}
