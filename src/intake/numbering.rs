//! Question numbers as requesters write them: `1.`, `1)`, `(1)`, `a)`, `(a)`, `i.`, `(iv)`,
//! `1.1`, `Q3`, `Question 3`, `Request 7`, and bullets.
//!
//! Owns reading a number at the start of a line or inside a run-on paragraph, and deciding
//! whether one number follows another in the same list (`iv` after `iii`, `i` after `h`).
//! It knows nothing about what the numbered text says.

/// How a list counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 1, 2, 3
    Arabic,
    /// a, b, c
    LowerAlpha,
    /// A, B, C
    UpperAlpha,
    /// i, ii, iii
    LowerRoman,
    /// I, II, III
    UpperRoman,
    /// `1.1`, `1.2`: a question numbered within a section.
    Decimal,
    /// `Q3`, `Question 3`, `Request 7`
    Keyword,
    /// `-`, `*`, `•`: no number.
    Bullet,
}

/// The punctuation around a number; a list keeps it the same throughout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punct {
    /// `1.`
    Dot,
    /// `1)`
    Close,
    /// `(1)`
    Both,
    /// `1:` or `1 -`, and keywords and bullets, whose punctuation varies freely.
    Other,
}

/// A style and the position it gives (1 for `a`, `i` and `1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// How the list counts.
    pub style: Style,
    /// The position, from 1; for bullets, the bullet character (a list keeps its bullet).
    pub value: u32,
}

/// A number read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The reading that fits the list, once known.
    pub count: Count,
    /// Another reading: `i` is roman one or the ninth letter, `v` roman five or a letter.
    pub alt: Option<Count>,
    /// Punctuation kind.
    pub punct: Punct,
    /// The number as the requester wrote it, without punctuation or keyword: `3`, `b`, `iv`.
    /// Empty for bullets.
    pub number: String,
    /// Bytes the marker and the space after it take up.
    pub len: usize,
}

impl Marker {
    /// Whether this can start a list: `1`, `a`, `i`, or a bullet.
    pub fn starts(&self) -> bool {
        self.count.style == Style::Bullet
            || [Some(self.count), self.alt].into_iter().flatten().any(|c| c.value == 1)
    }

    /// Whether `next` comes straight after `self` in one list. When it does through its
    /// other reading, `next` is switched to that reading.
    pub fn followed_by(&self, next: &mut Marker) -> bool {
        if self.count.style == Style::Bullet || next.count.style == Style::Bullet {
            return self.count == next.count;
        }
        let punct_fits = self.punct == next.punct || self.count.style == Style::Keyword;
        if !punct_fits {
            return false;
        }
        // `2.1` does not follow `1.3`: the section must stay the same.
        let section = |m: &Marker| m.number.split('.').next().map(str::to_owned);
        if self.count.style == Style::Decimal && section(self) != section(next) {
            return false;
        }
        let fits = |c: Count| c.style == self.count.style && c.value == self.count.value + 1;
        if fits(next.count) {
            return true;
        }
        match next.alt {
            Some(alt) if fits(alt) => {
                next.alt = Some(next.count);
                next.count = alt;
                true
            }
            _ => false,
        }
    }

    /// The marker written back in its own style, to keep a sub-list readable when it is
    /// folded into the item above: `(a)`, `a)`, `a.`, `Q3`, `-`.
    pub fn written(&self) -> String {
        match (self.count.style, self.punct) {
            (Style::Bullet, _) => "-".to_owned(),
            (Style::Decimal, _) => self.number.clone(),
            (Style::Keyword, _) => format!("Q{}", self.number),
            (_, Punct::Both) => format!("({})", self.number),
            (_, Punct::Close) => format!("{})", self.number),
            (_, Punct::Dot) => format!("{}.", self.number),
            (_, Punct::Other) => format!("{}:", self.number),
        }
    }

    /// The same marker read as the start of a list, where it can be one (`i` as roman one).
    pub fn into_start(mut self) -> Marker {
        if let Some(alt) = self.alt
            && alt.value == 1
            && self.count.value != 1
        {
            self.alt = Some(self.count);
            self.count = alt;
        }
        self
    }
}

/// Largest arabic number taken as a question number; bigger ones are years and amounts.
const MAX_NUMBER: u32 = 199;

/// Bullet characters.
const BULLETS: [char; 14] = ['-', '*', '•', '·', '–', '—', '▪', '◦', '‣', '●', '○', '■', '➢', '►'];

/// Characters enough for the longest keyword and what follows it.
const KEYWORD_CHARS: usize = 12;

/// Words that introduce a number: `Q3`, `Question 3`, `Request 7`, and Welsh `Cwestiwn 3`.
const KEYWORDS: [&str; 5] = ["question", "request", "req", "cwestiwn", "q"];

/// The marker at the start of `text` (already without indentation), if any.
pub fn at_start(text: &str) -> Option<Marker> {
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        let after = &text[first.len_utf8()..];
        if after.starts_with(' ') {
            return Some(Marker {
                count: Count { style: Style::Bullet, value: u32::from(first) },
                alt: None,
                punct: Punct::Other,
                number: String::new(),
                len: first.len_utf8() + 1,
            });
        }
        return None;
    }
    keyword(text).or_else(|| counted(text, true))
}

/// Markers inside `text` that could number a run-on list, with their byte offsets: only
/// forms that cannot be mistaken for prose, `(1)`, `1)`, `1.`, `(a)`, `a)`, `Q1`.
pub fn inline(text: &str) -> Vec<(usize, Marker)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let boundary = prev.is_none_or(|p| p.is_whitespace() || matches!(p, ':' | ';' | ','));
        prev = Some(c);
        if !boundary || !(c.is_ascii_alphanumeric() || c == '(') {
            continue;
        }
        let rest = &text[at..];
        let found = keyword(rest).or_else(|| counted(rest, false));
        if let Some(marker) = found {
            // A marker ends a run-on item only when words follow it.
            if rest.len() > marker.len {
                out.push((at, marker));
            }
        }
    }
    out
}

/// `Q3`, `Q.3`, `Question 3:`, `Request 7 -` and the like.
fn keyword(text: &str) -> Option<Marker> {
    // Only the first letters can hold a keyword: lower-casing no more keeps the work per
    // position constant (a run-on paragraph is scanned at every word).
    let lower: String = text.chars().take(KEYWORD_CHARS).collect::<String>().to_ascii_lowercase();
    for word in KEYWORDS {
        if !lower.starts_with(word) {
            continue;
        }
        // The keyword must be a whole word: `Questions 3` and `Requested 7` are prose.
        let rest = &text[word.len()..];
        let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start_matches(' ');
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 3 {
            continue;
        }
        let rest = &rest[digits.len()..];
        let spaced = rest.trim_start_matches(' ');
        let (punctuated, after) = match spaced.chars().next() {
            Some(c @ ('.' | ':' | ')' | '-' | '–')) => (true, &spaced[c.len_utf8()..]),
            _ => (false, rest),
        };
        if !after.is_empty() && !after.starts_with(' ') {
            continue;
        }
        let after = after.trim_start();
        let next_word: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
        // `Q1 2023` is a quarter; `Question 3 asks…` is prose; `Question 3 Who…`, `Q3 who…`
        // and `Request 7` alone are numbers.
        let quarter = word == "q" && next_word.len() == 4 && next_word.chars().all(|c| c.is_ascii_digit());
        let prose = word != "q" && !punctuated && next_word.chars().next().is_some_and(char::is_lowercase);
        let value: u32 = digits.parse().ok()?;
        if quarter || prose || value == 0 {
            continue;
        }
        return Some(Marker {
            count: Count { style: Style::Keyword, value },
            alt: None,
            punct: Punct::Other,
            number: digits,
            len: text.len() - after.len(),
        });
    }
    None
}

/// `1.`, `1)`, `(1)`, `1:`, `1 -`, `a)`, `(iv)`, `B.` at the start of `text`.
/// `loose` also takes `1:` and `1 -`, which are numbers only at the start of a line.
fn counted(text: &str, loose: bool) -> Option<Marker> {
    if loose && let Some(marker) = decimal(text) {
        return Some(marker);
    }
    let (open, body) = match text.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let token: String = body.chars().take_while(char::is_ascii_alphanumeric).collect();
    let (count, alt) = read_token(&token)?;
    let after = &body[token.len()..];
    let (punct, punct_len) = match (open, after.chars().next()) {
        (true, Some(')')) => (Punct::Both, 1),
        (true, _) => return None,
        (false, Some(')')) => (Punct::Close, 1),
        (false, Some('.')) => (Punct::Dot, 1),
        (false, Some(':')) if loose && count.style == Style::Arabic => (Punct::Other, 1),
        (false, Some(' ')) if loose && count.style == Style::Arabic => {
            let dash = after.trim_start_matches(' ');
            match dash.chars().next() {
                Some(c @ ('-' | '–')) if dash[c.len_utf8()..].starts_with(' ') => {
                    (Punct::Other, after.len() - dash.len() + c.len_utf8())
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    let consumed = usize::from(open) + token.len() + punct_len;
    let rest = &text[consumed..];
    // A space or the end of the line must follow, so `e.g.` and `1.5` are not numbers.
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let len = consumed + (rest.len() - rest.trim_start().len());
    Some(Marker { count, alt, punct, number: token, len })
}

/// `1.1 Supplier`, `2.3. Spend`, `1.2) Spend` at the start of a line. After a bare space
/// a capital must follow, so `1.5 million calls` stays prose.
fn decimal(text: &str) -> Option<Marker> {
    let major: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = text[major.len()..].strip_prefix('.')?;
    let minor: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if major.is_empty() || minor.is_empty() || major.len() > 2 || minor.len() > 2 {
        return None;
    }
    let value: u32 = minor.parse().ok()?;
    let after = &rest[minor.len()..];
    let (punctuated, after) = match after.strip_prefix(['.', ')']) {
        Some(stripped) => (true, stripped),
        None => (false, after),
    };
    let next = after.trim_start().chars().next();
    let ends =
        after.is_empty() || (after.starts_with(' ') && (punctuated || next.is_some_and(char::is_uppercase)));
    if !ends || value == 0 {
        return None;
    }
    Some(Marker {
        count: Count { style: Style::Decimal, value },
        alt: None,
        punct: Punct::Other,
        number: format!("{major}.{minor}"),
        len: text.len() - after.trim_start().len(),
    })
}

/// Reads `3`, `b`, `B`, `iv`, `IV`; letters that are also roman numerals get both readings.
fn read_token(token: &str) -> Option<(Count, Option<Count>)> {
    if token.is_empty() {
        return None;
    }
    if token.chars().all(|c| c.is_ascii_digit()) {
        let value: u32 = token.parse().ok()?;
        return (token.len() <= 3 && (1..=MAX_NUMBER).contains(&value))
            .then_some((Count { style: Style::Arabic, value }, None));
    }
    let lower = token.chars().all(|c| c.is_ascii_lowercase());
    let upper = token.chars().all(|c| c.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let roman = roman_value(&token.to_ascii_lowercase())
        .map(|value| Count { style: if lower { Style::LowerRoman } else { Style::UpperRoman }, value });
    let letter = (token.len() == 1).then(|| {
        let value = u32::from(token.to_ascii_lowercase().as_bytes()[0] - b'a') + 1;
        Count { style: if lower { Style::LowerAlpha } else { Style::UpperAlpha }, value }
    });
    match (roman, letter) {
        // `i` starts a roman list far more often than it is the ninth letter.
        (Some(r), Some(l)) if r.value == 1 => Some((r, Some(l))),
        (Some(r), Some(l)) => Some((l, Some(r))),
        (Some(r), None) => Some((r, None)),
        (None, Some(l)) => Some((l, None)),
        (None, None) => None,
    }
}

/// The value of a lower-case roman numeral from 1 to 39, written the usual way.
fn roman_value(token: &str) -> Option<u32> {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let tens = token.chars().take_while(|c| *c == 'x').count();
    let rest = &token[tens..];
    let unit = UNITS.iter().position(|u| *u == rest)?;
    let value = u32::try_from(tens * 10 + unit).ok()?;
    (tens <= 3 && value > 0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(Style, u32, String, Punct)> {
        at_start(text).map(|m| (m.count.style, m.count.value, m.number, m.punct))
    }

    #[test]
    fn line_start_forms() {
        use Style::*;
        type Case<'a> = (&'a str, Option<(Style, u32, &'a str)>);
        let cases: &[Case] = &[
            ("1. Supplier", Some((Arabic, 1, "1"))),
            ("12) Supplier", Some((Arabic, 12, "12"))),
            ("(3) Supplier", Some((Arabic, 3, "3"))),
            ("a) Supplier", Some((LowerAlpha, 1, "a"))),
            ("(b) Supplier", Some((LowerAlpha, 2, "b"))),
            ("i. Supplier", Some((LowerRoman, 1, "i"))),
            ("(iv) Supplier", Some((LowerRoman, 4, "iv"))),
            ("IV. Supplier", Some((UpperRoman, 4, "IV"))),
            ("B. Supplier", Some((UpperAlpha, 2, "B"))),
            ("Q3 Supplier", Some((Keyword, 3, "3"))),
            ("Q3. who supplies it?", Some((Keyword, 3, "3"))),
            ("Question 3: Supplier", Some((Keyword, 3, "3"))),
            ("Request 7", Some((Keyword, 7, "7"))),
            ("request 7 - Supplier", Some((Keyword, 7, "7"))),
            ("4: Supplier", Some((Arabic, 4, "4"))),
            ("4 - Supplier", Some((Arabic, 4, "4"))),
            ("- Supplier", Some((Bullet, u32::from('-'), ""))),
            ("• Supplier", Some((Bullet, u32::from('•'), ""))),
            ("1.5 million", None),
            ("1.1 Supplier", Some((Decimal, 1, "1.1"))),
            ("2.3. who supplies it?", Some((Decimal, 3, "2.3"))),
            ("2023. A year", None),
            ("e.g. this", None),
            ("Question 3 asks about spend", None),
            ("Questions 3 and 4", None),
            ("Q1 2023 figures", None),
            ("(over 3 years)", None),
            ("(IVR) numbers", None),
            ("-5 degrees", None),
            ("I wish to submit", None),
            ("0800 numbers", None),
        ];
        for (text, expected) in cases {
            let got = read(text).map(|(s, v, n, _)| (s, v, n));
            let expected = expected.map(|(s, v, n)| (s, v, n.to_owned()));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn sequences_follow_style_and_punctuation() {
        let m = |t: &str| at_start(t).expect(t);
        assert!(m("1. a").followed_by(&mut m("2. b")));
        assert!(!m("1. a").followed_by(&mut m("2) b")), "punctuation changes: another list");
        assert!(!m("1. a").followed_by(&mut m("3. b")));
        assert!(m("(iii) a").followed_by(&mut m("(iv) b")));
        let mut i = m("i) x");
        assert!(m("h) a").followed_by(&mut i), "i after h is a letter");
        assert_eq!(i.count.style, Style::LowerAlpha);
        let mut v = m("v. x");
        assert!(m("iv. a").followed_by(&mut v), "v after iv is roman");
        assert_eq!((v.count.style, v.count.value), (Style::LowerRoman, 5));
        assert!(m("Q2 a").followed_by(&mut m("Question 3: b")));
        assert!(m("1.1 A").followed_by(&mut m("1.2 B")));
        assert!(!m("1.3 A").followed_by(&mut m("2.4 B")));
        assert!(m("- a").followed_by(&mut m("- b")));
        assert!(!m("- a").followed_by(&mut m("* b")));
    }

    #[test]
    fn inline_markers_need_a_boundary_before_and_words_after() {
        let found: Vec<String> =
            inline("Please give (1) the supplier (2) the spend, contract(s) and s.31(1)(a) (3)")
                .into_iter()
                .map(|(_, m)| m.number)
                .collect();
        assert_eq!(found, ["1", "2"]);
        let found: Vec<String> = inline("around: 1. contact centre 2. inbound network")
            .into_iter()
            .map(|(_, m)| m.number)
            .collect();
        assert_eq!(found, ["1", "2"]);
    }
}
