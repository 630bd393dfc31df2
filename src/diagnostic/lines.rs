//! Quoting one line of a file without an index: `source_line` scans the text
//! for one line, and `quoted` cuts a long line for the dev server's overlay.
//! (To quote many lines of one file, index it with `LineIndex`.)

/// At most this many characters of a quoted source line are shown in the overlay.
/// (Human output trims long lines around the span itself.)
pub const QUOTE_CHARS: usize = 200;

/// Line `line` (from 1) of `text`, without its line ending, as `str::lines` splits
/// them. Scans the text: to quote many lines of one file, use a `LineIndex`.
pub fn source_line(text: &str, line: usize) -> Option<&str> {
    text.lines().nth(line.checked_sub(1)?)
}

/// The start of `line` that is quoted: at most `QUOTE_CHARS` characters.
pub fn quoted(line: &str) -> &str {
    match line.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => &line[..cut],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_line_counts_from_1_and_drops_line_endings() {
        let text = "one\ntwo\r\n\nfour";
        assert_eq!(source_line(text, 1), Some("one"));
        assert_eq!(source_line(text, 2), Some("two"));
        assert_eq!(source_line(text, 3), Some(""));
        assert_eq!(source_line(text, 4), Some("four"));
        assert_eq!(source_line(text, 5), None);
        assert_eq!(source_line(text, 0), None);
        assert_eq!(source_line("", 1), None);
        assert_eq!(source_line("a\n", 2), None, "no empty line after the last line ending");
    }

    #[test]
    fn quoted_lines_are_cut_at_a_character_boundary() {
        assert_eq!(quoted("short"), "short");
        let long = "é".repeat(QUOTE_CHARS + 5);
        assert_eq!(quoted(&long).chars().count(), QUOTE_CHARS);
    }
}
