//! Splits a markdown file into its YAML front matter and its body.
//!
//! The front matter sits between two lines that are exactly `---` (trailing
//! spaces, and the CR of a CRLF line ending, tolerated: the loader normalises
//! line endings first, `translations --stamp` edits files as they are). Line numbers are the file's own: the first front-matter
//! line is line 2, and `body_line` is the line after the closing `---`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// File line of the first front-matter line (always 2).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// File line where the body starts.
    pub body_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// No closing `---` line.
    Unclosed,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError::Missing);
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut pos = fm_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_fence(&text[pos..end]) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front_matter: &text[fm_start..pos],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split_front_matter("---\ncode: 404\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, "code: 404\ntitle: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn tolerates_trailing_spaces_and_empty_body() {
        let s = split_front_matter("---  \na: 1\n--- \n").unwrap();
        assert_eq!(s.front_matter, "a: 1\n");
        assert_eq!(s.body, "");
        let s = split_front_matter("---\n---").unwrap();
        assert_eq!((s.front_matter, s.body, s.body_line), ("", "", 3));
        let s = split_front_matter("---\r\na: 1\r\n---\r\nBody\r\n").unwrap();
        assert_eq!((s.front_matter, s.body), ("a: 1\r\n", "Body\r\n"));
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split_front_matter("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split_front_matter(""), Err(SplitError::Missing));
        assert_eq!(split_front_matter("---\na: 1\n"), Err(SplitError::Unclosed));
        assert_eq!(split_front_matter("----\na: 1\n---\n"), Err(SplitError::Missing));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["-", "---", "---\n", "\n---\n", "---\r\n---\r\n", "---\n\u{e9}\n---\n\u{e9}"] {
            let _ = split_front_matter(text);
        }
    }
}
