//! Splitting a Markdown file into its TOML front matter (between `+++` lines) and its body.

use std::ops::Range;

/// A Markdown file split at its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file, to turn TOML spans into file spans.
    pub toml_offset: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `+++` line.
    Missing,
    /// The opening `+++` line (its span) has no closing partner.
    NeverClosed(Range<usize>),
}

/// Splits `text` (already without a byte-order mark) at its front matter. The fences are lines
/// holding only `+++`, optionally followed by spaces and a CR (files saved on Windows).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    let first = lines.next().ok_or(SplitError::Missing)?;
    if !is_fence(&text[first.clone()]) {
        return Err(SplitError::Missing);
    }
    let toml_offset = first.end;
    for line in lines {
        if is_fence(&text[line.start..line.end]) {
            return Ok(Split {
                toml: &text[toml_offset..line.start],
                toml_offset,
                body: &text[line.end..],
                body_offset: line.end,
            });
        }
    }
    let opening_end = first.start + text[first.clone()].trim_end().len();
    Err(SplitError::NeverClosed(first.start..opening_end))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Lines of a text as byte ranges that include their line break.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = Range<usize>;
    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.toml, "title = \"x\"\n");
        assert_eq!(split.toml_offset, 4);
        assert_eq!(split.body, "Body\n");
        assert_eq!(&text[split.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_crlf_line_endings() {
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        let split = split(text).unwrap();
        assert_eq!(split.toml, "title = \"x\"\r\n");
        assert_eq!(split.body, "Body");
    }

    #[test]
    fn reports_front_matter_that_is_never_closed() {
        assert_eq!(
            split("+++\ntitle = \"x\"\n"),
            Err(SplitError::NeverClosed(0..3))
        );
    }

    #[test]
    fn reports_missing_front_matter() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
    }

    #[test]
    fn closing_fence_at_end_of_file_gives_empty_body() {
        let split = split("+++\na = 1\n+++").unwrap();
        assert_eq!(split.body, "");
    }
}
