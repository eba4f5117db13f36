//! Words reduced to the concepts the questionnaire is about.
//!
//! Owns the vocabulary intake matches with: light stemming (plurals), a small table of
//! phrases that mean one thing (`contact centre`, `job title`, `how many`), a small table
//! of synonyms (`provider` is `supplier`, `busiest` is `busy`), and the words that carry no
//! meaning for matching (`please`, `the`, `contract`), in English and in Welsh. Welsh words
//! change their first letter after certain words (`cyflenwr`, supplier, is `gyflenwr`,
//! `nghyflenwr` or `chyflenwr`); a word the tables do not know is tried without each such
//! mutation against the Welsh words they do. Both the questionnaire and the requester's
//! text go through [`concepts`], so they meet on the same terms. The tables are data, in
//! `src/data/intake-lexicon.yaml`, so the matching can be explained and extended by
//! reading them. [`language`] says whether a line reads as Welsh or English, so a
//! translation below a question can be kept with it.

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
    welsh: Tables,
}

/// The Welsh tables, with the same meaning as the English ones.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Tables {
    ignore: Vec<String>,
    phrases: BTreeMap<String, Vec<String>>,
    synonyms: BTreeMap<String, Vec<String>>,
    stop_words: Vec<String>,
}

/// A language a line can read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    English,
    /// Welsh (Cymraeg).
    Welsh,
}

/// The tables, ready for lookups.
struct Lexicon {
    /// Phrases by their first word: the words and the concept (empty: drop the phrase),
    /// longest phrases first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Word to concept.
    synonyms: HashMap<String, String>,
    stop_words: HashSet<String>,
    /// Every word the English tables hold, and every word the Welsh ones hold.
    english: HashSet<String>,
    welsh: HashSet<String>,
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
        let english = Tables {
            ignore: file.ignore,
            phrases: file.phrases,
            synonyms: file.synonyms,
            stop_words: file.stop_words,
        };
        let mut lexicon = Lexicon {
            phrases: HashMap::new(),
            synonyms: HashMap::new(),
            stop_words: HashSet::new(),
            english: english.words(true),
            // The Welsh tables name English concepts (`supplier: [cyflenwr]`): those are not
            // Welsh words.
            welsh: file.welsh.words(false),
        };
        for tables in [&english, &file.welsh] {
            tables.add_to(&mut lexicon);
        }
        // Longest first, so `e mail address` wins over `e mail`; ties in file order.
        for list in lexicon.phrases.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        lexicon
    })
}

impl Tables {
    /// Every word the tables hold; with `concepts`, the concepts synonyms map to as well.
    fn words(&self, concepts: bool) -> HashSet<String> {
        let phrases = self.ignore.iter().chain(self.phrases.values().flatten());
        let synonyms = self
            .synonyms
            .iter()
            .flat_map(|(concept, words)| std::iter::once(concept).filter(|_| concepts).chain(words));
        phrases
            .flat_map(|p| p.split_whitespace())
            .chain(synonyms.map(String::as_str))
            .chain(self.stop_words.iter().map(String::as_str))
            .map(str::to_owned)
            .collect()
    }

    fn add_to(&self, lexicon: &mut Lexicon) {
        let split = |phrase: &str| phrase.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let listed = self.ignore.iter().map(|p| (split(p), String::new())).chain(
            self.phrases.iter().flat_map(|(concept, list)| list.iter().map(|p| (split(p), concept.clone()))),
        );
        for (words, concept) in listed {
            if let Some(first) = words.first() {
                lexicon.phrases.entry(first.clone()).or_default().push((words, concept));
            }
        }
        for (concept, words) in &self.synonyms {
            lexicon.synonyms.insert(concept.clone(), concept.clone());
            for word in words {
                lexicon.synonyms.insert(word.clone(), concept.clone());
            }
        }
        lexicon.stop_words.extend(self.stop_words.iter().cloned());
    }
}

/// The concepts in `text`, in order, without stop words. Duplicates are kept; callers that
/// need a set make one.
pub fn concepts(text: &str) -> Vec<Cow<'static, str>> {
    let lexicon = lexicon();
    let words: Vec<String> = words(text).map(|w| normal(lexicon, w)).collect();
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

/// A word as the tables write it: as it is when they know it; else without a Welsh
/// mutation, when that gives a Welsh word they know (soft: `gyflenwr` → `cyflenwr`,
/// `wariant` → `gwariant`, `fisoedd` → `misoedd`; nasal: `nghontract` → `contract`;
/// aspirate: `chyfeiriad` → `cyfeiriad`; `h` before a vowel: `henw` → `enw`); else made
/// singular. Welsh words are never stemmed: `cynnwys` and `dros` end in `s` as written.
fn normal(lexicon: &Lexicon, word: String) -> String {
    let known = |w: &str| lexicon.english.contains(w) || lexicon.welsh.contains(w);
    if known(&word) {
        return word;
    }
    if let Some(radical) = demutations(&word).into_iter().find(|w| lexicon.welsh.contains(w)) {
        return radical;
    }
    stem(&word)
}

/// The words `word` could be a mutation of, most likely first.
fn demutations(word: &str) -> Vec<String> {
    const RULES: [(&str, &[&str]); 17] = [
        ("ngh", &["c"]),
        ("mh", &["p"]),
        ("nh", &["t"]),
        ("ng", &["g"]),
        ("ch", &["c"]),
        ("ph", &["p"]),
        ("th", &["t"]),
        ("dd", &["d"]),
        ("g", &["c"]),
        ("b", &["p"]),
        ("d", &["t"]),
        ("f", &["b", "m"]),
        ("l", &["ll"]),
        ("r", &["rh"]),
        ("m", &["b"]),
        ("n", &["d"]),
        ("h", &[""]),
    ];
    let mut out = Vec::new();
    for (mutated, radicals) in RULES {
        let Some(rest) = word.strip_prefix(mutated) else { continue };
        // `ff`, `ll` and `rh` are letters of their own, never mutations.
        if (mutated == "f" && rest.starts_with('f'))
            || (mutated == "l" && rest.starts_with('l'))
            || (mutated == "r" && rest.starts_with('h'))
        {
            continue;
        }
        out.extend(radicals.iter().map(|r| format!("{r}{rest}")));
    }
    // The soft mutation drops a `g` (`gwariant` → `wariant`, `gofyn` → `ofyn`).
    if word.starts_with(|c: char| "aeiouwyâêîôûŵŷlr".contains(c)) {
        out.push(format!("g{word}"));
    }
    out
}

/// Whether `text` reads as Welsh or as English: at least two words only one language's
/// tables hold, and more of that language's than the other's.
pub fn language(text: &str) -> Option<Language> {
    let lexicon = lexicon();
    let (mut welsh, mut english) = (0, 0);
    for word in words(text).map(|w| normal(lexicon, w)) {
        match (lexicon.welsh.contains(&word), lexicon.english.contains(&word)) {
            (true, false) => welsh += 1,
            (false, true) => english += 1,
            _ => {}
        }
    }
    if welsh >= 2 && welsh > english {
        Some(Language::Welsh)
    } else if english >= 2 && english > welsh {
        Some(Language::English)
    } else {
        None
    }
}

/// Plurals made singular: `supplies` → `supply`, `boxes` → `box`, `sites` → `site`,
/// `finishes` → `finish`.
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
    if let Some(base) = word.strip_suffix("ches").or_else(|| word.strip_suffix("shes")) {
        let ending = if word.ends_with("ches") { "ch" } else { "sh" };
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
        // A budget is not a contract's spend (issue 20: budgets are outside questions).
        assert_eq!(strs("Is it the IT budget?"), ["ict", "budget"]);
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

    #[test]
    fn welsh_tables_are_lower_case_singular_and_consistent() {
        let file: LexiconFile = serde_yaml::from_str(DATA).expect("lexicon parses");
        let welsh = &file.welsh;
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (concept, words) in &welsh.synonyms {
            for word in words {
                assert_eq!(word, &word.to_lowercase(), "{word}");
                assert!(!welsh.stop_words.contains(word), "`{word}` is a synonym and a stop word");
                if let Some(other) = seen.insert(word, concept) {
                    panic!("`{word}` is a synonym of `{other}` and `{concept}`");
                }
                // A Welsh word that is also an English one must mean the same.
                if let Some(english) = file.synonyms.iter().find(|(_, ws)| ws.contains(word)) {
                    assert_eq!(english.0, concept, "`{word}`");
                }
            }
        }
        for word in welsh
            .phrases
            .values()
            .flatten()
            .chain(&welsh.ignore)
            .flat_map(|p| p.split_whitespace())
            .chain(welsh.stop_words.iter().map(String::as_str))
        {
            assert_eq!(word, word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn welsh_mutations_are_undone_against_welsh_words_only() {
        assert_eq!(strs("Pwy yw'ch cyflenwr presennol?"), ["supplier", "current"]);
        assert_eq!(strs("ei gyflenwr, eu cyflenwyr"), ["supplier", "supplier"]);
        assert_eq!(strs("y ganolfan gyswllt"), ["ccentre"]);
        assert_eq!(strs("Ym mha fisoedd y mae hi ar ei phrysuraf?"), ["month", "busy"]);
        assert_eq!(strs("Pryd y daw'r contract i ben?"), ["date", "expiry"]);
        assert_eq!(strs("eu henw a'u teitl swydd"), ["name", "jobtitle"]);
        assert_eq!(strs("cyfeiriad e-bost"), ["emailaddress"]);
        // Welsh words keep their `s`; English words are never read as mutated Welsh.
        assert_eq!(strs("dros y tair blynedd, gan gynnwys estyniadau"), ["year", "extension"]);
        assert_eq!(strs("gas bills"), ["gas", "bill"]);
    }

    #[test]
    fn lines_read_as_welsh_or_english() {
        assert_eq!(language("Pwy yw cyflenwr presennol y contract?"), Some(Language::Welsh));
        assert_eq!(language("Who is the current supplier of the contract?"), Some(Language::English));
        assert_eq!(language("Supplier"), None);
        assert_eq!(language("0800"), None);
    }
}
