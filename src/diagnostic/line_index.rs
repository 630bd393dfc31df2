//! `LineIndex`: a text's lines, indexed once. Maps a byte offset to the
//! file line and column an editor shows (for diagnostics found in a body),
//! and gives a line's text by number (for quoting it).

use std::cell::Cell;
use std::path::Path;

use super::Location;

/// Lookups by offset usually come in increasing order, so the last one is
/// remembered and counting resumes from it: many diagnostics on one long
/// line stay linear.
pub struct LineIndex<'t> {
    text: &'t str,
    /// File line of the text's first line.
    first_line: usize,
    /// Byte offset where each line starts (and one past a final line ending).
    starts: Vec<usize>,
    /// (byte offset, column) of the last lookup.
    last: Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    /// `text` starts at file line `first_line` (1 for a whole file).
    pub fn new(text: &'t str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, first_line: first_line.max(1), starts, last: Cell::new((0, 1)) }
    }

    /// The file line and column (in characters, from 1) of a byte offset.
    pub fn location(&self, path: &Path, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = self.starts[line];
        let (last_offset, last_column) = self.last.get();
        let column = if last_offset >= line_start && last_offset <= offset {
            last_column + self.text[last_offset..offset].chars().count()
        } else {
            self.text[line_start..offset].chars().count() + 1
        };
        self.last.set((offset, column));
        Location::new(path, self.first_line + line, column)
    }

    /// File line `line` without its line ending, as `str::lines` splits them
    /// (no empty line after a final line ending).
    pub fn line(&self, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(self.first_line)?)?;
        if start == self.text.len() {
            return None;
        }
        let end = self.starts.get(line - self.first_line + 1).copied().unwrap_or(self.text.len());
        let text = &self.text[start..end];
        Some(match text.strip_suffix('\n') {
            Some(text) => text.strip_suffix('\r').unwrap_or(text),
            None => text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_agree_with_str_lines() {
        for text in ["", "\n", "a", "a\n", "a\r\nb\r\n", "a\n\n\nb", "x\ry\nz\r", "é\nü\n", "\n\na", "a\n\n"]
        {
            let index = LineIndex::new(text, 1);
            for line in 0..6_usize {
                let expected = line.checked_sub(1).and_then(|n| text.lines().nth(n));
                assert_eq!(index.line(line), expected, "line {line} of {text:?}");
            }
        }
        let index = LineIndex::new("a\nb\n", 5);
        assert_eq!(
            (index.line(4), index.line(5), index.line(6), index.line(7)),
            (None, Some("a"), Some("b"), None)
        );
    }

    #[test]
    fn offsets_become_file_lines_and_character_columns() {
        let index = LineIndex::new("ab\né x\n", 3);
        let at = |offset| {
            let loc = index.location(Path::new("f.md"), offset);
            (loc.line, loc.column)
        };
        assert_eq!(at(0), (3, 1));
        assert_eq!(at(6), (4, 3), "é is one column");
        assert_eq!(at(4), (4, 1), "inside é: its start");
        assert_eq!(at(99), (5, 1));
    }
}
