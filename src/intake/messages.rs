//! Which message of a pasted thread is the request.
//!
//! Owns splitting the lines into messages, at the lines that open a forwarded or quoted
//! email (`-----Original Message-----`, `On … wrote:`) and at header blocks (`From:` …
//! `Subject:`), and choosing the first message that asks numbered questions. Messages
//! above it (an officer's "please log this") hold nothing to read; messages below it are
//! earlier ones quoted in a reply, whose questions the request has replaced, so they are
//! set aside. A thread where no message asks numbered questions is read whole.

use std::ops::Range;

use super::numbering::{self, Style};
use super::table;
use super::text::{Line, Role};

/// The lines of each message, in order: a new message starts at a separator, or at a
/// header block that does not follow one.
pub fn split(lines: &[Line]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        let opens = match line.role {
            Role::Separator => true,
            Role::Header => i > 0 && !matches!(lines[i - 1].role, Role::Header | Role::Separator),
            _ => false,
        };
        if opens && i > start {
            out.push(start..i);
            start = i;
        }
    }
    if start < lines.len() || out.is_empty() {
        out.push(start..lines.len());
    }
    out
}

/// Whether the lines ask numbered questions: two lines or more that start with a number or
/// a bullet, two table rows or more that start with a number, or one paragraph that runs
/// two numbers or more on (`(1) … (2) …`).
fn asks_questions(lines: &[Line]) -> bool {
    let mut numbered = 0;
    for line in lines.iter().filter(|l| l.role == Role::Body && !l.text.is_empty()) {
        let row = line.cells.as_ref().and_then(|c| c.iter().find(|c| !c.is_empty()));
        let marked = numbering::at_start(&line.text).is_some()
            || row.is_some_and(|cell| table::marker(cell).is_some());
        numbered += usize::from(marked);
        let inline = numbering::inline(&line.text);
        let run_on = inline.len() >= 2 && inline.iter().any(|(_, m)| m.count.style != Style::Bullet);
        if numbered >= 2 || run_on {
            return true;
        }
    }
    false
}

/// The request's message; every line of the others is set aside as [`Role::Elsewhere`].
pub fn request(lines: &mut [Line]) -> Range<usize> {
    let messages = split(lines);
    let Some(chosen) = messages.iter().find(|m| asks_questions(&lines[(*m).clone()])).cloned() else {
        return 0..lines.len();
    };
    for message in messages.iter().filter(|m| **m != chosen) {
        for line in &mut lines[message.clone()] {
            // Headers stay headers: the requester's address may be in one of them.
            if !matches!(line.role, Role::Header | Role::Separator) {
                line.drop_as(Role::Elsewhere);
            }
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::super::text;
    use super::*;

    fn kept(input: &str) -> Vec<String> {
        let mut lines = text::lines(&text::canonical(input));
        request(&mut lines);
        lines.into_iter().map(|l| l.text).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn an_earlier_message_quoted_below_is_set_aside() {
        let input = "Please answer:\n1. Supplier\n2. Expiry\n\nOn Tue, 5 Mar 2024, FOI <foi@example.gov.uk> wrote:\n> Your request asked:\n> 1. Spend\n> 2. Agents\n";
        assert_eq!(kept(input), ["Please answer:", "1. Supplier", "2. Expiry"]);
    }

    #[test]
    fn a_note_above_a_forwarded_request_is_not_the_request() {
        let input = "Please log this one.\n\n-----Original Message-----\nFrom: A <a@example.com>\nSubject: FOI\n\n1. Supplier\n2. Expiry\n";
        assert_eq!(kept(input), ["1. Supplier", "2. Expiry"]);
    }

    #[test]
    fn outlook_replies_split_at_each_header_block() {
        let input = "(a) Supplier\n(b) Expiry\n\nFrom: FOI\nSent: today\n\nWe received:\n\nFrom: A\nSent: Monday\n\n1. Spend\n2. Sites\n";
        assert_eq!(kept(input), ["(a) Supplier", "(b) Expiry"]);
    }

    #[test]
    fn a_thread_without_numbered_questions_is_read_whole() {
        let input = "Hello\n\nOn Monday, A wrote:\n> 1. Supplier\n";
        assert_eq!(kept(input), ["Hello", "1. Supplier"]);
    }
}
