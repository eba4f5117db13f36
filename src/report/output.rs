//! Printing a report: text for people (like rustc, optionally in colour), JSON for
//! programs, and GitHub Actions workflow commands for pull requests.
//!
//! Text quotes casebook content, so control characters in it are replaced before printing:
//! a file must not be able to send escape sequences to the reader's terminal.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::{Finding, Report, Severity};
use crate::source::Location;

/// The output formats of `foi check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// For people: each finding with its line quoted and a caret under the spot.
    #[default]
    Text,
    /// For programs: one JSON document (shape documented in the README).
    Json,
    /// GitHub Actions workflow commands, so a pull request shows findings inline.
    Github,
}

/// The version of the JSON shape; raised only if a field changes meaning or goes away.
pub(crate) const JSON_VERSION: u32 = 1;

/// ANSI styles, or none.
struct Paint(bool);

impl Paint {
    fn on(&self, style: &str, text: &str) -> String {
        if self.0 { format!("\x1b[{style}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

const BOLD: &str = "1";
const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";

/// `text` with control characters (other than tab) replaced, so it prints as it reads.
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c }).collect()
}

impl Report {
    /// The report as text, one block per finding and a summary line; with `colour`, styled
    /// with ANSI escapes the way rustc styles its diagnostics.
    pub fn to_text_styled(&self, colour: bool) -> String {
        let paint = Paint(colour);
        let mut out = String::new();
        for finding in self.findings() {
            write_finding(&mut out, finding, &self.shown(&finding.file), &paint);
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let summary = match (self.errors(), self.warnings()) {
            (0, 0) => None,
            (0, w) => Some(plural(w, "warning")),
            (e, 0) => Some(plural(e, "error")),
            (e, w) => Some(format!("{}, {}", plural(e, "error"), plural(w, "warning"))),
        };
        if let Some(summary) = summary {
            let _ = writeln!(out, "{}", paint.on(BOLD, &summary));
        }
        out
    }

    /// The report as one JSON document: `{version, casebook, errors, warnings, findings}`,
    /// each finding `{severity, file, line, column, path, message, hint}` (`path` and `hint`
    /// are `null` when there is none; `file` is relative to `casebook`, with `/`).
    pub fn to_json(&self, casebook: &Path) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            version: u32,
            casebook: String,
            errors: usize,
            warnings: usize,
            findings: Vec<JsonFinding<'a>>,
        }
        #[derive(Serialize)]
        struct JsonFinding<'a> {
            severity: Severity,
            file: String,
            line: usize,
            column: usize,
            path: Option<&'a str>,
            message: &'a str,
            hint: Option<&'a str>,
        }
        let document = Document {
            version: JSON_VERSION,
            casebook: slashed(casebook),
            errors: self.errors(),
            warnings: self.warnings(),
            findings: self
                .findings()
                .iter()
                .map(|f| JsonFinding {
                    severity: f.severity,
                    file: slashed(&f.file),
                    line: f.location.line,
                    column: f.location.column,
                    path: Some(f.path.as_str()).filter(|p| !p.is_empty()),
                    message: &f.message,
                    hint: f.hint.as_deref(),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The report as GitHub Actions workflow commands, one line per finding:
    /// `::error file=…,line=…,col=…,title=…::message`. `casebook` is the casebook's folder
    /// relative to the repository root, which is where GitHub resolves `file`.
    pub fn to_github(&self, casebook: &Path) -> String {
        let mut out = String::new();
        for finding in self.findings() {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let file = slashed(&casebook.join(&finding.file));
            let file = file.strip_prefix("./").unwrap_or(&file);
            let Location { line, column } = finding.location;
            let title = if finding.path.is_empty() {
                "foi check".to_owned()
            } else {
                format!("foi check: {}", finding.path)
            };
            let mut message = finding.message.clone();
            if let Some(hint) = &finding.hint {
                message.push_str("\nhelp: ");
                message.push_str(hint);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={line},col={column},title={}::{}",
                github_property(file),
                github_property(&title),
                github_data(&message)
            );
        }
        out
    }
}

/// A path with `/` between its parts, whatever the platform.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> =
        path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.is_empty() { ".".to_owned() } else { parts.join("/").replace("//", "/") }
}

/// Escapes the message of a workflow command: `%`, carriage return and line feed.
pub(crate) fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property of a workflow command: as the message, plus `:` and `,`, which
/// separate properties.
pub(crate) fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The width of the terminal line a quoted source line must fit in, gutter included.
const TERMINAL_COLUMNS: usize = 80;

/// How wide a tab is counted when fitting a line: the most it can take.
const TAB_COLUMNS: usize = 8;

/// How a quoted line is printed: the text, the indent to the spot, and the carets under it.
#[derive(Debug, PartialEq, Eq)]
struct Quoted {
    text: String,
    indent: String,
    carets: String,
}

/// The part of `line` to quote, at most `width` terminal columns, the indent that puts the
/// underline under the character at 1-based `column`, and the underline: `^` under each of
/// the `span` characters from there (at least one, and none past the quoted text). A longer
/// line is cut to a window around that character, with `…` where text is left out, so a
/// file of one 80,000-character line quotes a line that fits, with the underline still
/// under the spot.
fn quoted(line: &str, column: usize, span: usize, width: usize) -> Quoted {
    let chars: Vec<(char, usize)> = line
        .chars()
        .map(|c| {
            (c, if c == '\t' { TAB_COLUMNS } else { unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) })
        })
        .collect();
    let caret = column.saturating_sub(1).min(chars.len());
    let total: usize = chars.iter().map(|(_, w)| w).sum();
    let (start, end) = if total <= width {
        (0, chars.len())
    } else {
        // Room for the text once both ellipses are in; half of it before the caret.
        let room = width.saturating_sub(2).max(1);
        let mut start = caret;
        let mut used = 0;
        while start > 0 && used + chars[start - 1].1 <= room / 2 {
            start -= 1;
            used += chars[start].1;
        }
        let mut end = caret;
        while end < chars.len() && used + chars[end].1 <= room {
            used += chars[end].1;
            end += 1;
        }
        // Near the end of the line: give the unused room to the text before the caret.
        while start > 0 && used + chars[start - 1].1 <= room {
            start -= 1;
            used += chars[start].1;
        }
        // At either end of the line one ellipsis is enough: its room goes to the text.
        if start == 0 {
            while end < chars.len() && used + chars[end].1 < width {
                used += chars[end].1;
                end += 1;
            }
        } else if end == chars.len() {
            while start > 0 && used + chars[start - 1].1 < width {
                start -= 1;
                used += chars[start].1;
            }
        }
        (start, end.max(start))
    };
    let mut text = String::new();
    let mut indent = String::new();
    let mut carets = String::new();
    if start > 0 {
        text.push('…');
        indent.push(' ');
    }
    for (i, (c, w)) in chars.iter().enumerate().take(end).skip(start) {
        text.push(*c);
        if i < caret {
            // A tab stays a tab, so the underline lines up however wide the terminal shows it.
            indent.push_str(&if *c == '\t' { "\t".to_owned() } else { " ".repeat(*w) });
        } else if i < caret.saturating_add(span) {
            carets.push_str(&if *c == '\t' { "\t".to_owned() } else { "^".repeat((*w).max(1)) });
        }
    }
    if end < chars.len() {
        text.push('…');
    }
    if !carets.contains('^') {
        carets = "^".to_owned();
    }
    Quoted { text, indent, carets }
}

fn write_finding(out: &mut String, finding: &Finding, file: &Path, paint: &Paint) {
    let (severity, style) = match finding.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
        Severity::Info => ("info", BOLD),
    };
    let Location { line, column } = finding.location;
    let _ = writeln!(
        out,
        "{}{}",
        paint.on(style, severity),
        paint.on(BOLD, &format!(": {}", printable(&finding.message)))
    );
    let _ =
        write!(out, "  {} {}:{line}:{column}", paint.on(BLUE, "-->"), printable(&file.display().to_string()));
    if !finding.path.is_empty() {
        let _ = write!(out, " ({})", printable(&finding.path));
    }
    out.push('\n');
    if let Some(snippet) = &finding.snippet {
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        let Quoted { text, indent, carets } = quoted(
            &printable(snippet),
            column,
            finding.width,
            TERMINAL_COLUMNS.saturating_sub(number.len() + 3),
        );
        let bar = paint.on(BLUE, "|");
        let _ = writeln!(out, "{gutter} {bar}");
        let _ = writeln!(out, "{} {bar} {text}", paint.on(BLUE, &number));
        let _ = writeln!(out, "{gutter} {bar} {indent}{}", paint.on(style, &carets));
    }
    if let Some(hint) = &finding.hint {
        let _ = writeln!(out, "  = {}: {}", paint.on(BOLD, "help"), printable(hint));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FieldPath, SourceFile};

    fn report() -> Report {
        let file =
            SourceFile::new("contracts/ivr.yaml", "title: IVR\nsupplier: {withhold: [s43-3]}\n".into());
        let path = FieldPath::key("supplier").at("withhold").index(0);
        let error = Finding::error(&file, &path, "unknown exemption `s43-3` under FOIA")
            .hint("did you mean `s43-1` or `s43-2`?");
        let warning = Finding::warning(&file, &FieldPath::key("title"), "100% sure: a, b\nc");
        Report::new(vec![error, warning])
    }

    #[test]
    fn colour_wraps_the_labels_and_plain_text_has_no_escapes() {
        let plain = report().to_text_styled(false);
        assert!(!plain.contains('\x1b'));
        let coloured = report().to_text_styled(true);
        assert!(coloured.starts_with("\x1b[1;33mwarning\x1b[0m\x1b[1m: 100% sure"), "{coloured}");
        assert!(coloured.contains("\x1b[1;31merror\x1b[0m"));
        assert!(coloured.contains("\x1b[1;34m-->\x1b[0m contracts/ivr.yaml:2:23"));
        let stripped = coloured.replace("\x1b[0m", "").replace("\x1b[1;31m", "").replace("\x1b[1;33m", "");
        let stripped = stripped.replace("\x1b[1;34m", "").replace("\x1b[1m", "");
        assert_eq!(stripped, plain, "colour changes nothing but the escapes");
    }

    #[test]
    fn control_characters_from_a_file_are_not_printed() {
        let file = SourceFile::new("x.yaml", "key: \"\x1b[2Jboom\"\n".into());
        let finding = Finding::error(&file, &FieldPath::key("key"), "bad \x1b[31mvalue");
        let text = Report::new(vec![finding]).to_text();
        assert!(!text.contains('\x1b'), "{text:?}");
    }

    /// Regression (issue 11): an 80,000-character line was quoted whole.
    #[test]
    fn a_long_line_is_quoted_as_a_window_around_the_spot() {
        let line = format!("busy-periods: {}x{}", "[".repeat(40_000), "]".repeat(40_000));
        let Quoted { text, indent, carets } = quoted(&line, 40_015, 1, 70);
        assert_eq!(text.chars().count(), 70, "{text}");
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(text.chars().nth(indent.len()), Some('x'), "the caret stays under the spot");
        assert_eq!(carets, "^");
        let Quoted { text, indent, carets } = quoted(&line, 3, 80_000, 70);
        assert!(text.starts_with("busy-periods: [[") && text.ends_with('…'), "{text}");
        assert_eq!((text.chars().count(), indent.as_str()), (70, "  "));
        assert_eq!(carets.len(), 67, "the underline stops where the quoted text does");
        let Quoted { text, indent, .. } = quoted(&line, line.len(), 1, 70);
        assert!(text.starts_with('…') && text.ends_with(']'), "{text}");
        assert_eq!(text.chars().count(), 70);
        assert_eq!(indent.len(), 69, "under the last character");
    }

    #[test]
    fn a_line_that_fits_is_quoted_whole_with_wide_characters_counted() {
        let spot = quoted("title: IVR", 8, 3, 70);
        assert_eq!((spot.text.as_str(), spot.indent.len(), spot.carets.as_str()), ("title: IVR", 7, "^^^"));
        let spot = quoted("名前: 東京", 5, 2, 70);
        assert_eq!((spot.text.as_str(), spot.indent.len()), ("名前: 東京", 6), "each of 名前 is two columns");
        assert_eq!(spot.carets, "^^^^", "two wide characters, two columns each");
        let spot = quoted(&"東".repeat(100), 50, 1, 70);
        assert!(unicode_width::UnicodeWidthStr::width(spot.text.as_str()) <= 70, "{}", spot.text);
        assert_eq!(quoted("a: b", 5, 3, 70).carets, "^", "past the end: one caret");
    }

    #[test]
    fn a_quoted_line_never_runs_past_a_terminal_line() {
        let file = SourceFile::new("x.yaml", format!("title: {}\n", "word ".repeat(5_000)));
        let finding = Finding::error(&file, &FieldPath::key("title"), "too long");
        let text = Report::new(vec![finding]).to_text();
        for line in text.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
        assert!(text.contains("1 | title: word word"), "{text}");
    }

    #[test]
    fn github_commands_escape_their_data_and_properties() {
        assert_eq!(github_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(github_property("a:b,c%"), "a%3Ab%2Cc%25");
        let text = report().to_github(Path::new("examples/hastings"));
        assert_eq!(
            text,
            "::warning file=examples/hastings/contracts/ivr.yaml,line=1,col=8,title=foi check%3A title::100%25 sure: a, b%0Ac\n\
             ::error file=examples/hastings/contracts/ivr.yaml,line=2,col=23,title=foi check%3A supplier.withhold[0]::unknown exemption `s43-3` under FOIA%0Ahelp: did you mean `s43-1` or `s43-2`?\n"
        );
        assert!(report().to_github(Path::new(".")).contains("file=contracts/ivr.yaml,"));
    }

    #[test]
    fn json_has_a_stable_shape() {
        let json: serde_json::Value = serde_json::from_str(&report().to_json(Path::new("."))).expect("json");
        assert_eq!(json["version"], 1);
        assert_eq!(json["casebook"], ".");
        assert_eq!((json["errors"].as_u64(), json["warnings"].as_u64()), (Some(1), Some(1)));
        let first = &json["findings"][0];
        let keys: Vec<&str> = first.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["column", "file", "hint", "line", "message", "path", "severity"]);
        assert_eq!(first["severity"], "warning");
        assert_eq!(first["hint"], serde_json::Value::Null);
        assert_eq!(json["findings"][1]["path"], "supplier.withhold[0]");
    }
}
