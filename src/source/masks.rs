//! Masking private values wherever they appear in a diagnostic's text: a value (a name, an
//! email address, a withheld supplier) found again in a message, a hint or another line,
//! ignoring case and spacing, and a telephone number by its digits however it is written.

use std::collections::HashMap;

/// What a diagnostic shows in place of a private value in a message.
pub const MASK: &str = "███";

/// The character a quoted line shows for each character of a private value, so the caret
/// under it still points at the right column.
pub const MASK_CHAR: char = '█';

/// Values to hide wherever they appear: text (ignoring case and spacing) and telephone
/// numbers (by their digits, however they are written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masks {
    /// Lower case, runs of white space as one space.
    texts: Vec<Vec<char>>,
    /// Each text's index by its first character: a text is searched only where one could
    /// start (a casebook has hundreds of values and a report thousands of lines).
    by_first: HashMap<char, Vec<usize>>,
    /// The digits of telephone numbers.
    digits: Vec<String>,
}

impl Masks {
    /// Adds a value. Values too short to be told from ordinary words and numbers (fewer than
    /// four letters or digits) are masked only where they stand in the file, not looked for
    /// elsewhere.
    pub fn add(&mut self, value: &str) {
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.chars().filter(|c| c.is_alphanumeric()).count() < 4 {
            return;
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let phone_like = value.chars().all(|c| c.is_ascii_digit() || " -().+".contains(c));
        if phone_like && digits.len() >= 7 {
            if !self.digits.contains(&digits) {
                self.digits.push(digits);
            }
            return;
        }
        let normal: Vec<char> =
            value.split_whitespace().collect::<Vec<_>>().join(" ").chars().map(lower).collect();
        self.add_text(normal);
    }

    fn add_text(&mut self, text: Vec<char>) {
        let Some(&first) = text.first() else { return };
        let same_start = self.by_first.entry(first).or_default();
        if same_start.iter().any(|&i| self.texts[i] == text) {
            return;
        }
        same_start.push(self.texts.len());
        self.texts.push(text);
    }

    /// Adds every value of `other`.
    pub fn extend(&mut self, other: &Masks) {
        for text in &other.texts {
            self.add_text(text.clone());
        }
        for digits in &other.digits {
            if !self.digits.contains(digits) {
                self.digits.push(digits.clone());
            }
        }
    }

    /// Whether there is nothing to mask.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.digits.is_empty()
    }

    /// `text` with every value replaced by [`MASK`].
    pub fn in_message(&self, text: &str) -> String {
        self.apply(text, false)
    }

    /// `line` with every character of every value replaced by [`MASK_CHAR`] (the line keeps
    /// its length, so a caret under it still points at the right column).
    pub fn in_line(&self, line: &str) -> String {
        self.apply(line, true)
    }

    fn apply(&self, text: &str, same_length: bool) -> String {
        if self.is_empty() || text.is_empty() {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let lowered: Vec<char> = chars.iter().copied().map(lower).collect();
        let mut hidden = vec![false; chars.len()];
        for (i, c) in lowered.iter().enumerate() {
            for &value in self.by_first.get(c).into_iter().flatten() {
                if let Some(end) = match_at(&lowered, i, &self.texts[value]) {
                    hidden[i..end].iter_mut().for_each(|h| *h = true);
                }
            }
        }
        for (start, end, digits) in digit_runs(&chars) {
            if self.digits.iter().any(|phone| digits.contains(phone.as_str())) {
                hidden[start..end].iter_mut().for_each(|h| *h = true);
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            if !hidden[i] {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            if same_length {
                out.push(MASK_CHAR);
                i += 1;
            } else {
                out.push_str(MASK);
                while i < chars.len() && hidden[i] {
                    i += 1;
                }
            }
        }
        out
    }
}

/// The one-character lower case of `c` (characters whose lower case is longer stay as they
/// are, so positions in the text do not move).
fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

/// Where `value` (normalised) ends if it starts at `i` of `text`: a space in `value` matches
/// any run of white space. Only whole words: no letter or digit joined on either side.
fn match_at(text: &[char], i: usize, value: &[char]) -> Option<usize> {
    if i > 0 && text[i - 1].is_alphanumeric() && value.first().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let mut t = i;
    for &v in value {
        if v == ' ' {
            let start = t;
            while t < text.len() && text[t].is_whitespace() {
                t += 1;
            }
            if t == start {
                return None;
            }
        } else if text.get(t) == Some(&v) {
            t += 1;
        } else {
            return None;
        }
    }
    let joined =
        t < text.len() && text[t].is_alphanumeric() && value.last().is_some_and(|c| c.is_alphanumeric());
    (!joined).then_some(t)
}

/// Runs of a written number (digits with spaces, dashes, brackets, dots or a plus inside):
/// start, end and the digits.
fn digit_runs(chars: &[char]) -> Vec<(usize, usize, String)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = if i > 0 && matches!(chars[i - 1], '(' | '+') { i - 1 } else { i };
        let mut end = i;
        let mut digits = String::new();
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_digit() || " -().+".contains(chars[j])) {
            if chars[j].is_ascii_digit() {
                digits.push(chars[j]);
                end = j + 1;
            }
            j += 1;
        }
        runs.push((start, end, digits));
        i = j.max(i + 1);
    }
    runs
}
