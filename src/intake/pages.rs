//! Text copied out of a PDF made continuous again: page numbers and running headers and
//! footers taken out, and a paragraph or question that a page break cut in two joined up.
//!
//! Owns finding where pages end (a form feed, or a page number such as `Page 2 of 3`,
//! `- 2 -` or `Tudalen 2 o 3`), the lines that repeat at the edges of pages (the sender's
//! name, the title of the form, a reference with the page number in it), and the blank
//! lines a page break leaves inside a sentence. A text with no page break is left as it
//! is: nothing here guesses at pages from wording alone.

use std::collections::{HashMap, HashSet};

use super::numbering;
use super::text::{Line, Role};

/// Lines of text looked at on each side of a page break for a running header or footer.
const EDGE: usize = 2;

/// Lines looked through on each side of a page break, blank ones included: a page leaves a
/// few blank lines at a break, and looking no further keeps the work per break bounded.
const SCAN: usize = 12;

/// The lines with page furniture marked [`Role::Furniture`], and the blank lines a page
/// break left inside a sentence removed.
pub fn repair(mut lines: Vec<Line>) -> Vec<Line> {
    for line in lines.iter_mut().filter(|l| l.role == Role::Body && is_page_number(&l.text)) {
        line.drop_as(Role::Furniture);
    }
    // A page ends before a line a form feed opens, and at a page number.
    let breaks: Vec<usize> =
        (0..lines.len()).filter(|&i| lines[i].page_break || lines[i].role == Role::Furniture).collect();
    if breaks.is_empty() {
        return lines;
    }
    running(&mut lines, &breaks);
    join(lines, &breaks)
}

/// `Page 2`, `Page 2 of 3`, `page 2/3`, `2 of 3`, `- 2 -`, `Tudalen 2 o 3` (Welsh).
fn is_page_number(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ');
    let rest = lower.strip_prefix("page").or_else(|| lower.strip_prefix("tudalen")).unwrap_or(lower);
    let mut words = rest.split([' ', '/']).filter(|w| !w.is_empty());
    let number = |w: Option<&str>| {
        w.is_some_and(|w| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
    };
    let (prefixed, dashed) = (rest.len() < lower.len(), lower.len() < text.trim().len());
    if !number(words.next()) {
        return false;
    }
    match words.next() {
        None => prefixed || dashed,
        Some("of" | "o") => number(words.next()) && words.next().is_none(),
        // `2/3` alone could be a year (`24/25`); after `Page` it is not.
        Some(w) if prefixed && rest.contains('/') => number(Some(w)) && words.next().is_none(),
        Some(_) => false,
    }
}

/// The key a running header or footer keeps from page to page: lower case, digits as `#`
/// (the page number changes), spaces collapsed.
fn key(text: &str) -> String {
    let mapped: String = text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
    mapped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to [`EDGE`] lines of text before `at` (or from `at` on, `forward`): the request's
/// own, and a signature's (a footer on the last page falls below the sign-off).
fn edge(lines: &[Line], at: usize, forward: bool) -> Vec<usize> {
    let candidate = |i: &usize| {
        let line = &lines[*i];
        matches!(line.role, Role::Body | Role::Signature | Role::SignOff) && !line.original.is_empty()
    };
    if forward {
        (at..lines.len()).take(SCAN).filter(candidate).take(EDGE).collect()
    } else {
        (0..at).rev().take(SCAN).filter(candidate).take(EDGE).collect()
    }
}

/// Marks the lines that repeat at the edges of pages: seen on two lines or more, at two
/// edges or more, one of them at a page break (the top of the first page and the foot of
/// the last count as edges too). A numbered line is never furniture, nor is a lone word.
fn running(lines: &mut [Line], breaks: &[usize]) {
    let mut seen: HashMap<String, (HashSet<usize>, bool, HashSet<usize>)> = HashMap::new();
    let mut note = |lines: &[Line], edge_id: usize, real: bool, at: Vec<usize>| {
        for i in at {
            let text = &lines[i].original;
            let lone_number = text.chars().all(|c| c.is_ascii_digit()) && text.len() <= 4;
            if !lone_number && (text.split_whitespace().count() < 2 || numbering::at_start(text).is_some()) {
                continue;
            }
            let entry = seen.entry(key(text)).or_default();
            entry.0.insert(edge_id);
            entry.1 |= real;
            entry.2.insert(i);
            // A page number on its own is furniture wherever a page breaks.
            if lone_number && real {
                entry.0.insert(usize::MAX);
            }
        }
    };
    note(lines, 0, false, edge(lines, 0, true));
    note(lines, 1, false, edge(lines, lines.len(), false));
    for (n, (first, last)) in boundaries(lines, breaks).into_iter().enumerate() {
        note(lines, 2 + 2 * n, true, edge(lines, first, false));
        note(lines, 3 + 2 * n, true, edge(lines, last, true));
    }
    let furniture: Vec<usize> = seen
        .into_values()
        .filter(|(edges, real, at)| {
            *real && edges.len() >= 2 && (at.len() >= 2 || edges.contains(&usize::MAX))
        })
        .flat_map(|(_, _, at)| at)
        .collect();
    for i in furniture {
        if lines[i].role == Role::Body {
            lines[i].drop_as(Role::Furniture);
        }
    }
}

/// Breaks with none of the request's text between them (a page number, then the form feed
/// of the next page) are one boundary between pages: its first and last break.
fn boundaries(lines: &[Line], breaks: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &at in breaks {
        match out.last_mut() {
            Some((_, last)) if lines[*last..at].iter().all(|l| l.role != Role::Body || l.text.is_empty()) => {
                *last = at;
            }
            _ => out.push((at, at)),
        }
    }
    out
}

/// Removes the blank and furniture lines at each page break when the text before it does
/// not end a sentence, or the text after it carries on in lower case: one paragraph or
/// question, cut by the page.
fn join(lines: Vec<Line>, breaks: &[usize]) -> Vec<Line> {
    let mut remove = vec![false; lines.len()];
    let kept = |l: &Line| l.role == Role::Body && !l.text.is_empty();
    for &at in breaks {
        let Some(before) = (0..at).rev().take(SCAN).find(|&i| kept(&lines[i])) else { continue };
        let Some(after) = (at..lines.len()).take(SCAN).find(|&i| kept(&lines[i])) else { continue };
        let ended = lines[before].text.ends_with(['.', '?', '!', ':', ';']);
        let carries_on = lines[after].text.starts_with(char::is_lowercase);
        if !ended || carries_on {
            remove[before + 1..after].iter_mut().for_each(|r| *r = true);
        }
    }
    lines.into_iter().zip(remove).filter(|(_, r)| !r).map(|(l, _)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::super::text;
    use super::*;

    fn repaired(input: &str) -> Vec<String> {
        repair(text::lines(&text::canonical(input))).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn page_numbers_read_in_their_usual_forms() {
        for text in ["Page 2", "Page 2 of 3", "page 2/3", "- 2 -", "– 12 –", "2 of 3", "Tudalen 2 o 3"] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["2", "2. Spend", "Page two", "3 years", "Part 2 of the request", "24/25"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn headers_go_and_a_question_cut_by_the_page_is_joined() {
        let input = "Request for information\n\n1. Supplier: the company that\n\nPage 1 of 2\n\u{c}Request for information\n\nsupplies it.\n2. Spend\n";
        assert_eq!(
            repaired(input),
            ["", "", "1. Supplier: the company that", "supplies it.", "2. Spend", ""]
        );
    }

    #[test]
    fn a_finished_sentence_keeps_its_paragraph_break() {
        let input = "1. Supplier.\n\n\u{c}Part 2\n\n1. Spend\n";
        assert_eq!(repaired(input), ["1. Supplier.", "", "Part 2", "", "1. Spend", ""]);
    }

    #[test]
    fn text_without_page_breaks_is_left_alone() {
        let input = "Request for information\n\n1. Supplier\n\nRequest for information\n";
        assert_eq!(
            repaired(input),
            ["Request for information", "", "1. Supplier", "", "Request for information", ""]
        );
    }
}
