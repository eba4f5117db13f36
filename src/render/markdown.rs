//! Markdown: the letter's template for its layout (named by its kind,
//! [`crate::letters::LetterKind`]), tidied.

/// Trailing spaces removed, no more than one blank line in a row, one final newline: the
/// templates stay readable without every line needing whitespace control.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_lines_and_trailing_space() {
        assert_eq!(tidy("\n\n# A  \n\n\n\nb\n\n"), "# A\n\nb\n");
    }
}
