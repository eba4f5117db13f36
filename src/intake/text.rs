//! Pasted text made plain: what an officer copies out of an email client or a web form,
//! turned into lines intake can read.
//!
//! Owns line endings (CRLF, lone CR), the byte order mark, invisible and control
//! characters, email quoting (`>`, `> >`) and the headers of forwarded or replied-to emails
//! (`-----Original Message-----`, `From:` … `Subject:`), which are dropped. Every line keeps
//! its number in the input so warnings can point at it. Nothing here looks for questions.

/// One line of the request, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// Leading spaces after cleaning (a tab counts as four).
    pub indent: usize,
    /// The text without its indentation or trailing spaces; empty for a blank line.
    pub text: String,
}

/// The input with line endings made `\n` and the byte order mark removed: the text that
/// line numbers refer to.
pub fn canonical(input: &str) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    input.replace("\r\n", "\n").replace('\r', "\n")
}

/// The lines of `canonical` text, cleaned; email headers become blank lines, so whatever
/// they interrupted ends there.
pub fn lines(canonical: &str) -> Vec<Line> {
    let raw: Vec<String> = canonical.split('\n').map(|line| unquote(&clean(line))).collect();
    let mut headers = header_lines(&raw);
    signatures(&raw, &mut headers);
    raw.into_iter()
        .enumerate()
        .map(|(i, text)| {
            let text = if headers.get(i).copied().unwrap_or(false) { String::new() } else { text };
            let indent = text.chars().take_while(|c| *c == ' ').count();
            Line { number: i + 1, indent, text: text.trim().to_owned() }
        })
        .collect()
}

/// Invisible and control characters removed, odd spaces made plain spaces, tabs expanded.
fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            // No-break, figure, narrow and other typographic spaces.
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
            // Zero-width characters and stray byte order marks carry nothing.
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            // Unicode line and paragraph separators end a sentence as a space would.
            '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

/// The line without email quote markers: `> text`, `>> text`, `> > text`.
fn unquote(line: &str) -> String {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('>') {
        return line.to_owned();
    }
    let mut rest = trimmed;
    while let Some(after) = rest.strip_prefix('>') {
        // One space after each marker belongs to the quoting; more is the writer's indent.
        rest = after.strip_prefix(' ').unwrap_or(after);
        let next = rest.trim_start();
        if next.starts_with('>') {
            rest = next;
        }
    }
    rest.to_owned()
}

/// Fields of an email header block, lower case.
const HEADER_FIELDS: [&str; 9] =
    ["from", "sent", "date", "to", "cc", "bcc", "subject", "reply-to", "importance"];

fn is_header_field(line: &str) -> bool {
    let Some((field, _)) = line.trim_start().split_once(':') else { return false };
    HEADER_FIELDS.contains(&field.trim().to_lowercase().as_str())
}

/// A line that opens a forwarded or quoted email.
fn is_separator(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let dashes = lower.trim_matches(|c| c == '-' || c == '_' || c == ' ');
    (lower.starts_with("--") && matches!(dashes, "original message" | "forwarded message"))
        || lower.starts_with("begin forwarded message")
        || (lower.len() >= 8 && lower.chars().all(|c| c == '_'))
        || (lower.starts_with("on ") && lower.ends_with(" wrote:"))
}

/// Which lines belong to email headers: separators, the header block after a separator or
/// at the top, and any run of two or more header fields elsewhere. A single `Date:` line
/// in the body is left alone: it could be the requester's own text.
fn header_lines(lines: &[String]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    let mut at_top = true;
    while i < lines.len() {
        let line = &lines[i];
        if is_separator(line) {
            out[i] = true;
            i += 1;
            // The header block follows, possibly after blank lines.
            while i < lines.len() && (lines[i].trim().is_empty() || is_header_field(&lines[i])) {
                out[i] = is_header_field(&lines[i]);
                i += 1;
            }
            continue;
        }
        if is_header_field(line) {
            let run = lines[i..].iter().take_while(|l| is_header_field(l)).count();
            if run >= 2 || at_top {
                out[i..i + run].iter_mut().for_each(|h| *h = true);
            }
            i += run;
            at_top = false;
            continue;
        }
        if !line.trim().is_empty() {
            at_top = false;
        }
        i += 1;
    }
    out
}

/// Lines that close a letter; what follows is a signature (`A. Requester` is not a list).
const SIGN_OFFS: [&str; 11] = [
    "yours faithfully",
    "yours sincerely",
    "yours truly",
    "kind regards",
    "best regards",
    "warm regards",
    "regards",
    "best wishes",
    "many thanks",
    "thanks",
    "thank you",
];

fn is_sign_off(line: &str) -> bool {
    let lower = line.trim().trim_end_matches([',', '.', '!']).trim().to_lowercase();
    SIGN_OFFS.contains(&lower.as_str()) && line.trim().len() < 24
}

/// Marks a sign-off and the signature after it, up to the next email separator or header
/// block (already marked), as dropped.
fn signatures(lines: &[String], dropped: &mut [bool]) {
    let mut in_signature = false;
    for (i, line) in lines.iter().enumerate() {
        if dropped[i] && !line.trim().is_empty() {
            in_signature = false;
            continue;
        }
        if is_sign_off(line) {
            in_signature = true;
        }
        if in_signature {
            dropped[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        lines(&canonical(input)).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn line_endings_and_bom_are_normalised() {
        assert_eq!(canonical("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(texts("a\r\n\r\nb"), ["a", "", "b"]);
    }

    #[test]
    fn quote_markers_are_removed_at_any_depth() {
        assert_eq!(
            texts("> 1. Supplier\n>> 2. Spend\n> > 3. Expiry\n>\n"),
            ["1. Supplier", "2. Spend", "3. Expiry", "", ""]
        );
        let indented = lines(">    a) Supplier");
        assert_eq!((indented[0].indent, indented[0].text.as_str()), (3, "a) Supplier"));
    }

    #[test]
    fn forwarded_headers_are_dropped_but_line_numbers_kept() {
        let input = "Hello\n---------- Forwarded message ---------\nFrom: A <a@example.com>\nDate: Mon, 3 Jan 2022\nSubject: FOI contact centre\nTo: foi@example.gov.uk\n\n1. Supplier";
        let out = lines(input);
        assert_eq!(
            out.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Hello", "", "", "", "", "", "", "1. Supplier"]
        );
        assert_eq!(out[7].number, 8);
    }

    #[test]
    fn outlook_headers_without_a_separator_are_dropped_in_runs() {
        let out = texts("From: A\nSent: 3 January 2022\nTo: B\nSubject: FOI\n\nDate: of the contract end\n");
        assert_eq!(out, ["", "", "", "", "", "Date: of the contract end", ""]);
        assert_eq!(
            texts("On Mon, 3 Jan 2022 at 10:00, A <a@example.com> wrote:\n> 1. Supplier"),
            ["", "1. Supplier"]
        );
    }

    #[test]
    fn signatures_are_dropped_up_to_the_next_message() {
        let out = texts(
            "1. Supplier\nYours faithfully,\nA. Requester\n-----Original Message-----\nFrom: A\n> 2. Spend\nThank you for asking.",
        );
        assert_eq!(out, ["1. Supplier", "", "", "", "", "2. Spend", "Thank you for asking."]);
    }

    #[test]
    fn invisible_characters_go_and_odd_spaces_become_spaces() {
        assert_eq!(texts("1.\u{a0}Sup\u{200b}plier\u{7}\tx"), ["1. Supplier    x"]);
        assert_eq!(lines("\tb")[0].indent, 4);
    }
}
