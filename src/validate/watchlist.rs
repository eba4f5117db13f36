//! Finding people's details in text: names as whole words (of at least four letters, so
//! initials and short words do not match everywhere), email addresses, and telephone
//! numbers by their digits however they are spaced, all ignoring case.

use std::collections::{BTreeMap, HashMap};

/// Who someone is, as far as published text could give them away.
pub(super) struct Identity<'a> {
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// People whose details must not appear in published text, indexed so that a text is
/// searched once for all of them rather than once per person.
#[derive(Debug)]
pub(super) struct Watchlist {
    /// Each person's name (normalised, long enough to look for), email (normalised) and
    /// telephone digits.
    people: Vec<(Option<String>, Option<String>, Option<String>)>,
    /// People by the first word of their name.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The lengths in bytes of those first words, as bits (63 for any longer): a word of
    /// another length is passed over without being hashed. Every published text of every
    /// request is searched, so most of its words are, and few are a name's first word.
    first_lengths: u64,
    /// Whether anyone has a telephone number long enough to look for.
    phones: bool,
}

/// A text made ready to be searched by more than one watchlist: normalised once, and its
/// runs of digits found only when it has enough digits to hold a telephone number.
pub(super) struct Searched {
    haystack: String,
    runs: Vec<String>,
}

impl Searched {
    pub(super) fn of(text: &str) -> Self {
        // A run of seven digits needs seven digits in all; most published text has fewer.
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        let runs = if digits >= 7 { digit_runs(text) } else { Vec::new() };
        Self { haystack: normalise(text), runs }
    }
}

/// The bit of [`Watchlist::first_lengths`] for a word of `len` bytes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl Watchlist {
    pub(super) fn new<'a>(identities: impl Iterator<Item = Identity<'a>>) -> Self {
        let mut people = Vec::new();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, who) in identities.enumerate() {
            let name = who.name.filter(|n| long_enough(n)).map(normalise);
            if let Some(first) = name.as_deref().and_then(|n| n.split(' ').next()) {
                by_first_word.entry(first.to_owned()).or_default().push(index);
            }
            let email = who.email.map(normalise).filter(|e| !e.is_empty());
            let phone = who.phone.map(digits).filter(|d| d.len() >= 7);
            people.push((name, email, phone));
        }
        let first_lengths = by_first_word.keys().fold(0, |bits, word| bits | length_bit(word.len()));
        let phones = people.iter().any(|(_, _, phone)| phone.is_some());
        Self { people, by_first_word, first_lengths, phones }
    }

    /// Everyone `text` gives away, with the detail it gives (one finding per person: the
    /// email address before the name before the telephone number).
    pub(super) fn find(&self, text: &str) -> Vec<(usize, &'static str)> {
        self.find_in(&Searched::of(text))
    }

    /// [`Watchlist::find`], in a text already made ready (see [`Searched`]).
    pub(super) fn find_in(&self, searched: &Searched) -> Vec<(usize, &'static str)> {
        let haystack = &searched.haystack;
        let mut found: BTreeMap<usize, &'static str> = BTreeMap::new();
        if self.people.is_empty() {
            return Vec::new();
        }
        if haystack.contains('@') {
            for (index, (_, email, _)) in self.people.iter().enumerate() {
                if email.as_deref().is_some_and(|e| haystack.contains(e)) {
                    found.insert(index, "email address");
                }
            }
        }
        if self.first_lengths != 0 {
            for word in haystack.split(|c: char| !c.is_alphanumeric()) {
                if self.first_lengths & length_bit(word.len()) == 0 {
                    continue;
                }
                for index in self.by_first_word.get(word).into_iter().flatten() {
                    let name = self.people[*index].0.as_deref().unwrap_or_default();
                    if contains_words(haystack, name) {
                        found.entry(*index).or_insert("name");
                    }
                }
            }
        }
        let runs = &searched.runs;
        if self.phones && runs.iter().any(|r| r.len() >= 7) {
            for (index, (_, _, phone)) in self.people.iter().enumerate() {
                if phone.as_deref().is_some_and(|p| runs.iter().any(|r| r.contains(p))) {
                    found.entry(index).or_insert("telephone number");
                }
            }
        }
        found.into_iter().collect()
    }
}

/// Whether two records are the same person: the same email address, or the same name.
#[cfg(test)]
pub(super) fn same_person(a: &Identity, b: &Identity) -> bool {
    Known::of(a).same(&Known::of(b))
}

/// A record of someone, normalised once to be compared with many others (a casebook
/// compares every contract owner with every junior officer).
#[derive(Debug)]
pub(super) struct Known {
    /// The email address, normalised, unless it is blank.
    email: Option<String>,
    /// The name, normalised.
    name: Option<String>,
    /// Whether the name is long enough to identify someone by.
    long_name: bool,
}

impl Known {
    pub(super) fn of(who: &Identity) -> Self {
        Self {
            email: who.email.filter(|e| !e.trim().is_empty()).map(normalise),
            name: who.name.map(normalise),
            long_name: who.name.is_some_and(long_enough),
        }
    }

    /// The same email address, or the same name when this record's name is long enough.
    pub(super) fn same(&self, other: &Known) -> bool {
        (self.email.is_some() && self.email == other.email)
            || (self.long_name && self.name.is_some() && self.name == other.name)
    }
}

/// Which of someone's details `text` gives, if any.
#[cfg(test)]
fn mentions(text: &str, who: &Identity) -> Option<&'static str> {
    let who = Identity { name: who.name, email: who.email, phone: who.phone };
    Watchlist::new(std::iter::once(who)).find(text).first().map(|(_, what)| *what)
}

/// Lower case, runs of white space as one space.
pub(super) fn normalise(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    // Lowering a whole string (not char by char) keeps a final sigma right.
    if joined.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        joined.to_lowercase()
    } else {
        joined
    }
}

fn long_enough(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 4
}

/// Whether `needle` occurs in `haystack` with no letter or digit joined on either side.
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The digits of a telephone number.
fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The runs of digits in `text`, each with the spaces, dashes, brackets and dots inside a
/// written number taken out: "(01632) 960-733" is one run. Numbers of fewer than seven
/// digits are never looked for: they could be anything.
fn digit_runs(text: &str) -> Vec<String> {
    let mut run = String::new();
    let mut runs = Vec::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() && !matches!(c, ' ' | '-' | '(' | ')' | '.' | '+') {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who<'a>(name: &'a str, email: &'a str, phone: &'a str) -> Identity<'a> {
        Identity { name: Some(name), email: Some(email), phone: Some(phone) }
    }

    #[test]
    fn names_match_as_whole_words_ignoring_case_and_spacing() {
        let priya = who("Priya Raman", "priya.raman@example.gov.uk", "01632 960733");
        assert_eq!(mentions("Managed by PRIYA  RAMAN in IT", &priya), Some("name"));
        assert_eq!(mentions("Priya Ramanathan", &priya), None);
        assert_eq!(mentions("write to Priya.Raman@example.gov.uk", &priya), Some("email address"));
        assert_eq!(mentions("call 01632-960733 today", &priya), Some("telephone number"));
        assert_eq!(mentions("call (01632) 960 733", &priya), Some("telephone number"));
        assert_eq!(mentions("Spend 1632960733.5", &priya), None, "not the whole number");
        assert_eq!(mentions("Unified communications", &priya), None);
    }

    #[test]
    fn one_search_finds_everyone_a_text_names() {
        let people =
            [who("Casey Ford", "casey@x.gov.uk", ""), who("Sam Reed", "sam@x.gov.uk", "01632 960111")];
        let watch = Watchlist::new(people.into_iter());
        assert_eq!(
            watch.find("Casey Ford and sam@x.gov.uk, or 01632 960111"),
            [(0, "name"), (1, "email address")],
            "one finding a person, the email address first"
        );
        assert_eq!(watch.find("Casey Fordham"), []);
    }

    #[test]
    fn short_names_and_numbers_are_not_looked_for() {
        let short = who("Al", "", "999");
        assert_eq!(mentions("Al will call 999", &short), None);
        assert!(!same_person(&who("Al", "", ""), &who("Al", "", "")));
        assert!(same_person(&who("Sam Okoro", "", ""), &who("sam okoro", "x@y", "")));
        assert!(same_person(&who("S. Okoro", "sam@x.gov.uk", ""), &who("Sam Okoro", "SAM@x.gov.uk", "")));
        assert!(!same_person(&who("Sam Okoro", " ", ""), &who("Sam Okoru", " ", "")), "blank emails differ");
        assert!(!same_person(&who("Sam", "", ""), &who("Sam", "", "")), "no email: the short name decides");
    }

    #[test]
    fn normalising_lowers_and_joins_like_the_whole_string_does() {
        for text in ["  Priya\t RAMAN \n", "ΟΔΟΣ ΣΟΦΟΣ", "plain words", "", " ", "İstanbul Üsküdar"]
        {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            assert_eq!(normalise(text), expected, "{text:?}");
        }
    }
}
