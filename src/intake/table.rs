//! Questions asked in a table, made into a numbered list.
//!
//! Owns reading a run of table rows (pipe-separated, as a Markdown table or a grid pasted
//! from a document, or tab-separated, as pasted from a spreadsheet): the header row (`No.`
//! / `Question` / `Your response`), the column that numbers the questions, the response
//! column left empty for the authority, rows wrapped over two lines (a row with an empty
//! number cell carries on the row above; a pipe row cut by an email client's wrap is
//! rejoined), and rows that head a part (`Inbound network services contracts`). Each
//! question becomes one line, `N. Label: wording`, at the line of its row, which the
//! outline then reads like any numbered list.

use super::numbering;
use super::outline::join_wrapped;
use super::parts;
use super::text::{Line, Role};

/// Most columns a table of questions has; a run of rows with more is left as text.
const MAX_COLUMNS: usize = 12;

/// The lines with every table replaced by its questions, one line each.
pub fn rows(lines: Vec<Line>) -> Vec<Line> {
    if !lines.iter().any(|l| l.cells.is_some()) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut run: Vec<Line> = Vec::new();
    for line in lines {
        if line.cells.is_some() {
            run.push(line);
            continue;
        }
        flush(&mut run, &mut out);
        out.push(line);
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut Vec<Line>, out: &mut Vec<Line>) {
    if run.is_empty() {
        return;
    }
    let rows = rejoin(std::mem::take(run));
    let wide = rows.iter().filter(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2).count();
    let narrow = rows.iter().all(|r| r.cells.len() <= MAX_COLUMNS);
    if wide >= 2 && narrow {
        table(&rows, out);
    } else {
        out.extend(rows.into_iter().map(|r| r.line));
    }
}

struct Row {
    line: Line,
    cells: Vec<String>,
}

/// Rows of a run, a pipe row that an email client wrapped onto the next line rejoined.
fn rejoin(run: Vec<Line>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::with_capacity(run.len());
    for mut line in run {
        let cells = line.cells.take().unwrap_or_default();
        let starts = line.original.starts_with('|');
        if let Some(last) = rows.last_mut() {
            let open = last.line.original.starts_with('|') && !last.line.original.ends_with('|');
            if open && !starts {
                let mut text = std::mem::take(&mut last.line.original);
                join_wrapped(&mut text, &line.original);
                last.cells = split_pipes(&text);
                last.line.original = text;
                continue;
            }
        }
        rows.push(Row { line, cells });
    }
    rows
}

fn split_pipes(text: &str) -> Vec<String> {
    let inner = text.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// Words of a header cell, lower case (Welsh: `rhif` number, `cwestiwn` question, `ymateb`
/// response, `ateb` answer, `pwnc` subject).
const HEADER_WORDS: [&str; 28] = [
    "no",
    "no.",
    "#",
    "ref",
    "ref.",
    "q",
    "q.",
    "item",
    "number",
    "question",
    "questions",
    "topic",
    "subject",
    "information requested",
    "information required",
    "request",
    "details",
    "response",
    "your response",
    "answer",
    "reply",
    "comments",
    "rhif",
    "cwestiwn",
    "ymateb",
    "ateb",
    "pwnc",
    "question no.",
];

/// Header cells naming a column for the authority to fill in.
const RESPONSE_WORDS: [&str; 6] = ["response", "answer", "reply", "comments", "ymateb", "ateb"];

/// A question number as a table cell writes it, as a marker the outline reads: `1` → `1.`,
/// `a` → `a)`, `Q3` and `1.2` as they are.
pub(super) fn marker(cell: &str) -> Option<String> {
    let cell = cell.trim();
    if cell.is_empty() || cell.chars().count() > 6 {
        return None;
    }
    let bare = cell.trim_end_matches(['.', ')', ':']);
    let written = if bare.chars().all(|c| c.is_ascii_digit()) {
        format!("{bare}.")
    } else if cell.ends_with(['.', ')']) || cell.starts_with('(') || bare.contains('.') {
        cell.to_owned()
    } else if bare.chars().all(|c| c.is_ascii_alphabetic()) && !bare.eq_ignore_ascii_case("q") {
        format!("{bare})")
    } else {
        cell.to_owned()
    };
    let parsed = numbering::at_start(&format!("{written} X"))?;
    (parsed.len == written.len() + 1 && !parsed.number.is_empty()).then_some(written)
}

fn separator_row(cells: &[String]) -> bool {
    cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | '=' | '+' | ' ')))
        && cells.iter().any(|c| c.contains(['-', '=']))
}

/// One question being read: its marker, its row's line, and its text column by column.
struct Question {
    marker: String,
    line: Line,
    columns: Vec<String>,
}

impl Question {
    /// `N. Label: wording` (a short first column is a label), else the columns joined.
    fn into_line(self) -> Line {
        let columns: Vec<&String> = self.columns.iter().filter(|c| !c.is_empty()).collect();
        let text = match columns.as_slice() {
            [] => String::new(),
            [one] => (*one).clone(),
            [label, rest @ ..] => {
                let rest = rest.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
                let label_like = label.split_whitespace().count() <= 6 && !label.ends_with(['?', '.', ':']);
                if label_like { format!("{label}: {rest}") } else { format!("{label} {rest}") }
            }
        };
        let text = format!("{} {text}", self.marker).trim().to_owned();
        made(self.line, text)
    }
}

fn made(mut line: Line, text: String) -> Line {
    line.indent = 0;
    line.original.clone_from(&text);
    line.text = text;
    line.role = Role::Body;
    line.cells = None;
    line
}

fn blank(like: &Line) -> Line {
    made(like.clone(), String::new())
}

fn table(rows: &[Row], out: &mut Vec<Line>) {
    let rows: Vec<&Row> = rows.iter().filter(|r| !separator_row(&r.cells)).collect();
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let numbered =
        |c: usize| rows.iter().filter(|r| r.cells.get(c).is_some_and(|x| marker(x).is_some())).count();
    let number_column =
        (0..width).max_by_key(|c| (numbered(*c), std::cmp::Reverse(*c))).filter(|c| numbered(*c) > 0);
    let mut skip = vec![false; width];
    if let Some(c) = number_column {
        skip[c] = true;
    }
    let header = |r: &Row| {
        let filled: Vec<String> =
            r.cells.iter().filter(|c| !c.is_empty()).map(|c| c.to_lowercase()).collect();
        !filled.is_empty() && filled.iter().all(|c| HEADER_WORDS.contains(&c.as_str()))
    };
    let mut current: Option<Question> = None;
    for row in rows {
        if header(row) && current.is_none() {
            for (c, cell) in row.cells.iter().enumerate() {
                if RESPONSE_WORDS.iter().any(|w| cell.to_lowercase().contains(w)) {
                    skip[c] = true;
                }
            }
            continue;
        }
        let number = number_column.and_then(|c| row.cells.get(c)).and_then(|c| marker(c));
        let columns: Vec<String> = (0..width)
            .map(|c| if skip[c] { String::new() } else { row.cells.get(c).cloned().unwrap_or_default() })
            .collect();
        let text: Vec<&str> = columns.iter().filter(|c| !c.is_empty()).map(String::as_str).collect();
        if let Some(marker) = number {
            if let Some(done) = current.take() {
                out.push(done.into_line());
            }
            current = Some(Question { marker, line: row.line.clone(), columns });
            continue;
        }
        if text.is_empty() {
            continue;
        }
        let joined = text.join(" ");
        let ended = current.as_ref().is_none_or(|q| {
            q.columns.iter().rev().find(|c| !c.is_empty()).is_some_and(|c| c.ends_with(['?', '.', '!']))
        });
        let heading = parts::named(&joined).any() && joined.split_whitespace().count() <= 14;
        match current.as_mut() {
            Some(question) if !(heading && ended) => {
                for (column, more) in question.columns.iter_mut().zip(columns) {
                    if !more.is_empty() {
                        join_wrapped(column, &more);
                    }
                }
            }
            _ => {
                if let Some(done) = current.take() {
                    out.push(done.into_line());
                }
                // A heading row, or words before the first question: a paragraph of its own.
                out.push(blank(&row.line));
                out.push(made(row.line.clone(), joined));
                out.push(blank(&row.line));
            }
        }
    }
    if let Some(done) = current.take() {
        let last = done.line.clone();
        out.push(done.into_line());
        out.push(blank(&last));
    }
}

#[cfg(test)]
mod tests {
    use super::super::text;
    use super::*;

    fn read(input: &str) -> Vec<String> {
        rows(text::lines(&text::canonical(input)))
            .into_iter()
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn a_pipe_table_becomes_a_numbered_list() {
        let input = "| No. | Question | Your response |\n|---|---|---|\n| 1 | Incumbent supplier | |\n| 2 | Annual spend over the last | |\n|   | three years | |\n";
        assert_eq!(read(input), ["1. Incumbent supplier", "2. Annual spend over the last three years"]);
    }

    #[test]
    fn tab_separated_rows_keep_their_labels_and_part_headings() {
        let input = "Q\tTopic\tQuestion\tAnswer\n\tContact centre contracts\t\t\n1\tSupplier\tWho supplies it?\t\n2\tStaff\tHow many agents work\t\n\t\tthere?\t\n\tInbound network services\t\t\n3\tEnd date\tWhen does it end?\t\n";
        assert_eq!(
            read(input),
            [
                "Contact centre contracts",
                "1. Supplier: Who supplies it?",
                "2. Staff: How many agents work there?",
                "Inbound network services",
                "3. End date: When does it end?"
            ]
        );
    }

    #[test]
    fn a_grid_table_reads_like_any_other() {
        let input = "+----+--------------------+----------+\n| #  | Question           | Response |\n+====+====================+==========+\n| 1  | Who is the current |          |\n|    | provider?          |          |\n+----+--------------------+----------+\n| 2  | Annual spend       |          |\n+----+--------------------+----------+\n";
        assert_eq!(read(input), ["1. Who is the current provider?", "2. Annual spend"]);
    }

    #[test]
    fn a_wrapped_pipe_row_is_rejoined_and_a_lone_row_is_not_a_table() {
        let input = "| 1 | Supplier of the | |\n| 2 | Annual average spend over the last\nthree years | |\n";
        assert_eq!(read(input), ["1. Supplier of the", "2. Annual average spend over the last three years"]);
        assert_eq!(read("Research Analyst | Brightwater"), ["Research Analyst | Brightwater"]);
    }
}
