//! Words reduced to the concepts the questionnaire is about.
//!
//! Owns the vocabulary intake matches with: light stemming (plurals), a small table of
//! phrases that mean one thing (`contact centre`, `job title`, `how many`), a small table
//! of synonyms (`provider` is `supplier`, `busiest` is `busy`), and the words that carry no
//! meaning for matching (`please`, `the`, `contract`). Both the questionnaire and the
//! requester's text go through [`concepts`], so they meet on the same terms. The tables
//! are data, in `src/data/intake-lexicon.yaml`, so the matching can be explained and
//! extended by reading them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

/// The tables as written in the data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexiconFile {
    ignore: Vec<String>,
    phrases: BTreeMap<String, Vec<String>>,
    synonyms: BTreeMap<String, Vec<String>>,
    stop_words: Vec<String>,
}

/// The tables, ready for lookups.
struct Lexicon {
    /// Phrases by their first word: the words and the concept (empty: drop the phrase),
    /// longest phrases first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Word to concept.
    synonyms: HashMap<String, String>,
    stop_words: HashSet<String>,
}

const DATA: &str = include_str!("../data/intake-lexicon.yaml");

fn lexicon() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    CELL.get_or_init(|| {
        // The data is part of the binary and covered by tests: a failure is a build defect.
        let file: LexiconFile = match serde_yaml::from_str(DATA) {
            Ok(file) => file,
            Err(err) => panic!("built-in intake lexicon is invalid: {err}"),
        };
        let split = |phrase: &str| phrase.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let listed = file.ignore.iter().map(|p| (split(p), String::new())).chain(
            file.phrases.iter().flat_map(|(concept, list)| list.iter().map(|p| (split(p), concept.clone()))),
        );
        let mut phrases: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for (words, concept) in listed {
            if let Some(first) = words.first() {
                phrases.entry(first.clone()).or_default().push((words, concept));
            }
        }
        // Longest first, so `e mail address` wins over `e mail`; ties in file order.
        for list in phrases.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let mut synonyms = HashMap::new();
        for (concept, words) in &file.synonyms {
            synonyms.insert(concept.clone(), concept.clone());
            for word in words {
                synonyms.insert(word.clone(), concept.clone());
            }
        }
        Lexicon { phrases, synonyms, stop_words: file.stop_words.into_iter().collect() }
    })
}

/// The concepts in `text`, in order, without stop words. Duplicates are kept; callers that
/// need a set make one.
pub fn concepts(text: &str) -> Vec<Cow<'static, str>> {
    let lexicon = lexicon();
    let words: Vec<String> = words(text).map(|w| stem(&w)).collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let Some((len, concept)) = phrase_at(lexicon, &words[i..]) {
            if !concept.is_empty() {
                out.push(Cow::Borrowed(concept));
            }
            i += len;
            continue;
        }
        let word = &words[i];
        if !lexicon.stop_words.contains(word) {
            out.push(match lexicon.synonyms.get(word) {
                Some(concept) => Cow::Borrowed(concept.as_str()),
                None => Cow::Owned(word.clone()),
            });
        }
        i += 1;
    }
    out
}

/// Lower-case words: runs of letters and digits. `IT` in capitals is information
/// technology, not the pronoun (which is a stop word).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| match w {
        "IT" | "ICT" => "ict".to_owned(),
        _ => w.to_lowercase(),
    })
}

/// Plurals made singular: `supplies` → `supply`, `boxes` → `box`, `sites` → `site`.
fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    if let Some(base) = word.strip_suffix("xes").or_else(|| word.strip_suffix("sses")) {
        let ending = if word.ends_with("xes") { "x" } else { "ss" };
        return format!("{base}{ending}");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

/// The longest phrase starting at `words[0]`: its length in words and its concept.
fn phrase_at<'a>(lexicon: &'a Lexicon, words: &[String]) -> Option<(usize, &'a str)> {
    let first = words.first()?;
    lexicon.phrases.get(first)?.iter().find_map(|(phrase, concept)| {
        let matches = phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| p == w);
        matches.then_some((phrase.len(), concept.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(text: &str) -> Vec<String> {
        concepts(text).into_iter().map(Cow::into_owned).collect()
    }

    #[test]
    fn plurals_phrases_synonyms_and_stop_words() {
        assert_eq!(
            strs("Who currently supplies your contact centre system?"),
            ["current", "supplier", "ccentre", "system"]
        );
        assert_eq!(strs("Which months are busiest?"), ["month", "busy"]);
        assert_eq!(strs("Number of Mail Users"), ["count", "email", "user"]);
        assert_eq!(strs("full name, job title, e-mail address"), ["name", "jobtitle", "emailaddress"]);
        assert_eq!(strs("contract(s) 0800, 0845 numbers"), ["0800", "0845", "count"]);
        assert_eq!(
            strs("How many staff work in your IT department?"),
            ["count", "staff", "work", "itdepartment"]
        );
        assert_eq!(strs("Is it the IT budget?"), ["ict", "spend"]);
    }

    #[test]
    fn the_tables_are_lower_case_and_consistent() {
        let file: LexiconFile = serde_yaml::from_str(DATA).expect("lexicon parses");
        let mut seen = HashSet::new();
        for (concept, words) in &file.synonyms {
            for word in std::iter::once(concept).chain(words) {
                assert_eq!(word, &word.to_lowercase(), "{word}");
                assert!(seen.insert(word.clone()), "`{word}` is a synonym of two concepts");
                assert!(!file.stop_words.contains(word), "`{word}` is a synonym and a stop word");
                assert_eq!(stem(word), *word, "`{word}` must be written as stemming leaves it");
            }
        }
        for phrase in file.phrases.values().flatten().chain(&file.ignore) {
            assert_eq!(phrase, &phrase.to_lowercase(), "{phrase}");
            assert!(phrase.split_whitespace().all(|w| stem(w) == w), "`{phrase}` must be singular");
        }
    }

    #[test]
    fn stemming_is_light() {
        for (word, stemmed) in [
            ("supplies", "supply"),
            ("mailboxes", "mailbox"),
            ("addresses", "address"),
            ("sites", "site"),
            ("status", "status"),
            ("gas", "gas"),
        ] {
            assert_eq!(stem(word), stemmed);
        }
    }
}
