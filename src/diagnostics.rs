//! diagnostics: the one type every stage uses to report a user's mistake.
//!
//! A [`Diagnostic`] names a file (relative to the site root), an optional byte span in that file,
//! a plain-language message, and hints. Stages collect them in a [`Diagnostics`] list and carry on,
//! so one run reports every problem. [`Diagnostics::emit`] prints them the way cargo does, with a
//! source excerpt, using the file texts registered in a [`SourceMap`].

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the site will build with, but probably not what the editor meant.
    Warning,
    /// Something that stops the build; nothing is written.
    Error,
}

/// One problem in one file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root (e.g. `content/regions/x/_index.md`).
    pub file: PathBuf,
    /// Byte range in the file, if the problem has a place in it.
    pub span: Option<Range<usize>>,
    /// What is wrong, a lowercase phrase with names in backticks.
    pub message: String,
    /// A short note shown under the excerpt, at the span.
    pub label: Option<String>,
    /// Next steps: "did you mean `uwv`?".
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error in `file`, with no place yet.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            span: None,
            message: message.into(),
            label: None,
            help: Vec::new(),
        }
    }

    /// A file that is not UTF-8, at its first bad byte `at` (`what`: "file", "style sheet").
    pub fn not_utf8(file: impl Into<PathBuf>, what: &str, at: usize) -> Self {
        Diagnostic::error(file, format!("{what} is not valid UTF-8"))
            .at(at..at + 1)
            .label("this byte is not UTF-8")
            .help("save the file as UTF-8 (most editors have this under \"Save with encoding\")")
    }

    /// A warning in `file`, with no place yet.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at a byte range of its file.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Adds a label shown at the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds a hint if there is one.
    pub fn maybe_help(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    /// Whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The texts of the files diagnostics point into, so they can be shown with an excerpt and a
/// line:col. Lines and columns are counted in the whole file as an editor shows it, front
/// matter included (columns in characters, both 1-based).
///
/// A copy shares the map until one of the two changes it: the preview hands every save's
/// report a copy of the ~12,000 texts of a big site, and copying the map itself would touch
/// every path on every save.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: std::sync::Arc<BTreeMap<PathBuf, std::sync::Arc<str>>>,
}

impl SourceMap {
    /// Registers the text of a file (site-relative path).
    pub fn add(&mut self, file: impl Into<PathBuf>, text: impl Into<std::sync::Arc<str>>) {
        std::sync::Arc::make_mut(&mut self.files).insert(file.into(), text.into());
    }

    /// Every file with its text, by path.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().map(|(p, t)| (p.as_path(), t.as_ref()))
    }

    /// Forgets a file (one that is gone).
    pub fn remove(&mut self, file: &Path) {
        if self.files.contains_key(file) {
            std::sync::Arc::make_mut(&mut self.files).remove(file);
        }
    }

    /// Registers the texts of many files at once: the map is built in one go rather than a
    /// file at a time (12,000 paths at 10,000 notes).
    pub fn add_all(&mut self, files: Vec<(PathBuf, std::sync::Arc<str>)>) {
        let mut more: BTreeMap<PathBuf, std::sync::Arc<str>> = files.into_iter().collect();
        std::sync::Arc::make_mut(&mut self.files).append(&mut more);
    }

    /// Merges another map into this one.
    pub fn extend(&mut self, other: SourceMap) {
        if other.files.is_empty() {
            return;
        }
        if self.files.is_empty() {
            self.files = other.files;
            return;
        }
        let other = std::sync::Arc::unwrap_or_clone(other.files);
        std::sync::Arc::make_mut(&mut self.files).extend(other);
    }

    /// The registered text of a file.
    pub fn text(&self, file: &Path) -> Option<&str> {
        self.files.get(file).map(|t| &**t)
    }

    /// 1-based line and column (in characters) of a byte offset in a registered file.
    pub fn line_col(&self, file: &Path, offset: usize) -> Option<(usize, usize)> {
        let text = self.text(file)?;
        Some(line_col(text, offset))
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The byte offset of 1-based `line` and `col` (in characters) in `text`: the inverse of
/// [`line_col`], for messages that give a position as line and column (Tera's).
pub fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    let within = rest
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// A list of diagnostics collected over a run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(diagnostics);
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// Number of errors, as [`Diagnostics::render`] shows them (a repeated one counts once).
    pub fn error_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings, as [`Diagnostics::render`] shows them.
    pub fn warning_count(&self) -> usize {
        self.sorted().len() - self.error_count()
    }

    /// All diagnostics, in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// All diagnostics, in file order then position, so output is deterministic whatever
    /// order parallel stages finished in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.list.iter().collect();
        all.sort_by(|a, b| {
            (&a.file, a.span.as_ref().map(|s| s.start), &a.message).cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                &b.message,
            ))
        });
        all.dedup();
        all
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Renders every diagnostic as cargo-style text with excerpts; `color` adds ANSI codes.
    pub fn render(&self, sources: &SourceMap, color: bool) -> String {
        let mut buffer = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        let config = term::Config::default();
        for d in self.sorted() {
            let id = *ids.entry(d.file.clone()).or_insert_with(|| {
                let text = excerpt_safe(sources.text(&d.file).unwrap_or(""));
                // A file's name comes from the disk and may hold control characters too.
                let name = d.file.display().to_string().replace('\\', "/");
                files.add(message_safe(&name).into_owned(), text)
            });
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
            };
            let mut cs = CsDiagnostic::new(severity).with_message(message_safe(&d.message));
            let has_text = sources.text(&d.file).is_some();
            match (&d.span, has_text) {
                (Some(span), true) => {
                    let len = sources.text(&d.file).map_or(0, str::len);
                    let start = span.start.min(len);
                    let end = span.end.clamp(start, len);
                    let label = Label::primary(id, start..end)
                        .with_message(message_safe(d.label.as_deref().unwrap_or_default()));
                    cs = cs.with_labels(vec![label]);
                }
                _ => {
                    let name = d.file.display().to_string();
                    cs = cs.with_notes(vec![format!("in {}", message_safe(&name))]);
                }
            }
            let notes: Vec<String> = d
                .help
                .iter()
                .map(|h| format!("help: {}", message_safe(h)))
                .collect();
            cs.notes.extend(notes);
            // Writing to an in-memory buffer cannot fail except on a codespan bug; fall back
            // to a plain line so the user still sees the message.
            if term::emit_to_write_style(&mut buffer, &config, &files, &cs).is_err() {
                let name = d.file.display().to_string();
                let _ = writeln!(
                    buffer,
                    "error: {}: {}",
                    message_safe(&name),
                    message_safe(&d.message)
                );
            }
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    /// Prints every diagnostic to stderr, in colour when stderr is a terminal.
    pub fn emit(&self, sources: &SourceMap) {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let text = self.render(sources, color);
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
    }
}

/// Whether `c` would act on a terminal rather than show: a control character other than tab
/// and line feed (escape sequences start with ESC, titles end with BEL).
fn is_terminal_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// A file's text for an excerpt: every control character (but tab, line feed and the CR of a
/// CRLF) turned into `?`s of the same byte length, so a file cannot clear the editor's screen
/// or set the terminal's title through a diagnostic, and every span still lands where it did.
fn excerpt_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
        if is_terminal_control(c) && !crlf {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// A message, label or hint with its control characters written as escapes (`\u{1b}`): they
/// may quote an id or a link from a file.
fn message_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_terminal_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_and_messages_cannot_drive_the_terminal() {
        let file =
            "+++\ntitle = \"x\"\n+++\n\u{1b}[2J\u{1b}]0;PWNED\u{7} [x](weg.md)\r\nnext\rline\n";
        let at = file.find("[x]").unwrap();
        let mut sources = SourceMap::default();
        sources.add("content/notes/a.md", file);
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error("content/notes/a.md", "unknown region `\u{1b}[31m`")
                .at(at..at + 3)
                .help("did you mean `\u{7}`?"),
        );
        let text = diags.render(&sources, false);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("?[2J?]0;PWNED? [x](weg.md)"), "{text}");
        assert!(text.contains("unknown region `\\u{1b}[31m`"), "{text}");
        let mut named = Diagnostics::new();
        named.push(Diagnostic::warning(
            "content/notes/\u{1b}]0;x\u{7}.txt",
            "ignored",
        ));
        let shown = named.render(&sources, false);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        // The span still points at the link: line 4, after 15 characters (ESC [2J ESC ]0;PWNED
        // BEL and a space), as the stand-ins keep the bytes.
        assert!(text.contains("content/notes/a.md:4:16"), "{text}");
    }

    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "+++\ntitle = \"Één\"\n+++\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 1));
        // "title = \"" is 9 bytes; the É is two bytes but one column.
        let e_grave = text.find("én").unwrap();
        assert_eq!(line_col(text, e_grave), (2, 11));
    }

    #[test]
    fn offset_of_is_the_inverse_of_line_col() {
        let text = "+++\ntitle = \"Één\"\r\n+++\n";
        for offset in
            (0..text.len()).filter(|&o| text.is_char_boundary(o) && text.as_bytes()[o] != b'\n')
        {
            let (line, col) = line_col(text, offset);
            assert_eq!(offset_of(text, line, col), Some(offset), "{line}:{col}");
        }
        assert_eq!(offset_of(text, 0, 1), None);
    }

    #[test]
    fn line_col_treats_crlf_as_one_line_break() {
        let text = "a\r\nb";
        assert_eq!(line_col(text, 3), (2, 1));
    }
}
