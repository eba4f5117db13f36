//! Words reduced to the concepts the questionnaire is about.
//!
//! Owns the vocabulary intake matches with: light stemming (plurals), a small table of
//! phrases that mean one thing (`contact centre`, `job title`, `how many`), a small table
//! of synonyms (`provider` is `supplier`, `busiest` is `busy`), and the words that carry no
//! meaning for matching (`please`, `the`, `contract`). Both the questionnaire and the
//! requester's text go through [`concepts`], so they meet on the same terms. Everything is
//! a table in this file so the matching can be explained and extended by reading it.

use std::borrow::Cow;

/// Phrases read as one concept, matched on stemmed words before stop words are dropped.
/// Longer phrases are listed before shorter ones that start the same way. An empty concept
/// drops the phrase: "for each supplier" opens most questions of the round robin and says
/// nothing about which one it is.
const PHRASES: &[(&[&str], &str)] = &[
    (&["for", "each", "of", "the", "contract"], ""),
    (&["for", "each", "of", "the", "supplier"], ""),
    (&["for", "each", "of", "these", "contract"], ""),
    (&["for", "each", "supplier"], ""),
    (&["for", "each", "provider"], ""),
    (&["for", "each", "contract"], ""),
    (&["contact", "centre"], "ccentre"),
    (&["contact", "center"], "ccentre"),
    (&["call", "centre"], "ccentre"),
    (&["call", "center"], "ccentre"),
    (&["contact", "detail"], "contactdetail"),
    (&["contact", "number"], "phone"),
    (&["phone", "number"], "phone"),
    (&["telephone", "number"], "phone"),
    (&["direct", "line"], "phone"),
    (&["direct", "dial"], "phone"),
    (&["job", "title"], "jobtitle"),
    (&["job", "role"], "jobtitle"),
    (&["e", "mail", "address"], "emailaddress"),
    (&["email", "address"], "emailaddress"),
    (&["e", "mail"], "email"),
    (&["inbound", "network"], "inbound"),
    (&["inbound", "telephony"], "inbound"),
    (&["inbound", "service"], "inbound"),
    (&["inbound", "call"], "inbound"),
    (&["non", "geographic"], "nongeographic"),
    (&["interactive", "voice", "response"], "ivr"),
    (&["call", "distribution"], "acd"),
    (&["call", "routing"], "routing"),
    (&["routing", "of", "call"], "routing"),
    (&["caller", "identifier"], "callerid"),
    (&["caller", "identification"], "callerid"),
    (&["caller", "id"], "callerid"),
    (&["caller", "profile"], "callerprofile"),
    (&["live", "chat"], "webchat"),
    (&["web", "chat"], "webchat"),
    (&["social", "media"], "socialmedia"),
    (&["performance", "monitoring"], "monitoring"),
    (&["microsoft", "exchange"], "exchange"),
    (&["exchange", "online"], "mailproduct"),
    (&["office", "365"], "mailproduct"),
    (&["microsoft", "365"], "mailproduct"),
    (&["google", "workspace"], "mailproduct"),
    (&["lotus", "note"], "mailproduct"),
    (&["ict", "department"], "itdepartment"),
    (&["ict", "team"], "itdepartment"),
    (&["ict", "staff"], "itdepartment"),
    (&["how", "many"], "count"),
    (&["number", "of"], "count"),
    (&["how", "much"], "spend"),
    (&["how", "long"], "duration"),
    (&["financial", "year"], "financialyear"),
    (&["per", "year"], "annual"),
    (&["per", "annum"], "annual"),
    (&["a", "year"], "annual"),
    (&["each", "year"], "annual"),
    (&["end", "date"], "expiry"),
    (&["start", "date"], "startdate"),
    (&["commencement", "date"], "startdate"),
    (&["re", "tender"], "review"),
    (&["who", "make"], "manufacturer"),
    (&["who", "supply"], "supplier"),
    (&["who", "provide"], "supplier"),
    (&["supplied", "by"], "supplier"),
    (&["first", "part"], "part1"),
    (&["part", "1"], "part1"),
    (&["part", "one"], "part1"),
    (&["second", "part"], "part2"),
    (&["part", "2"], "part2"),
    (&["part", "two"], "part2"),
];

/// Words that mean the same concept for matching (after stemming).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("supplier", &["supply", "supplied", "supplying", "provider", "vendor", "contractor", "incumbent"]),
    (
        "spend",
        &[
            "spent",
            "spending",
            "cost",
            "expenditure",
            "value",
            "price",
            "paid",
            "payment",
            "outlay",
            "budget",
        ],
    ),
    ("annual", &["annually", "yearly", "annum"]),
    ("average", &["avg", "mean"]),
    ("duration", &["length", "term", "lifespan"]),
    ("extension", &["extend", "extended", "extending", "extendable"]),
    (
        "expiry",
        &["expire", "expired", "expiring", "expiration", "end", "ending", "finish", "termination", "lapse"],
    ),
    ("renewal", &["renew", "renewed", "renewing"]),
    ("review", &["reviewed", "reviewing", "retender", "reprocurement"]),
    ("description", &["describe", "described", "summary", "overview"]),
    (
        "owner",
        &["responsible", "responsibility", "own", "manager", "manage", "managed", "managing", "accountable"],
    ),
    ("agent", &["advisor", "adviser", "operator", "handler", "seat", "fte"]),
    ("staff", &["employee", "workforce"]),
    ("site", &["location", "office", "premise", "building", "venue"]),
    ("manufacturer", &["manufacture", "manufactured", "maker", "make", "made", "brand", "oem"]),
    ("system", &["platform", "software", "product", "solution", "technology", "application", "tool"]),
    ("busy", &["busiest", "busier", "peak", "peaking", "highest", "heaviest", "seasonal", "surge"]),
    (
        "month",
        &[
            "monthly",
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
        ],
    ),
    ("period", &["time", "season"]),
    ("email", &["mail"]),
    ("mailbox", &["inbox"]),
    ("mailproduct", &["outlook", "gmail"]),
    (
        "change",
        &[
            "changing",
            "changed",
            "plan",
            "planned",
            "planning",
            "future",
            "upcoming",
            "coming",
            "forthcoming",
        ],
    ),
    ("comment", &["remark", "observation"]),
    ("further", &["additional"]),
    ("count", &["number", "quantity"]),
    ("date", &["when"]),
    ("current", &["currently", "existing", "present", "presently"]),
];

/// Words with no meaning for matching: grammar, politeness, and words every question of
/// the round robin uses (`contract`, `organisation`, `information`).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "actual",
    "advise",
    "all",
    "also",
    "an",
    "and",
    "another",
    "any",
    "approximate",
    "approximately",
    "are",
    "as",
    "at",
    "authority",
    "available",
    "based",
    "be",
    "been",
    "being",
    "below",
    "both",
    "but",
    "by",
    "can",
    "confirm",
    "contract",
    "could",
    "council",
    "d",
    "detail",
    "did",
    "do",
    "doe",
    "done",
    "e",
    "each",
    "eg",
    "etc",
    "every",
    "following",
    "for",
    "from",
    "full",
    "g",
    "give",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "in",
    "include",
    "included",
    "including",
    "info",
    "information",
    "into",
    "is",
    "it",
    "its",
    "just",
    "kindly",
    "know",
    "least",
    "let",
    "like",
    "list",
    "ll",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "one",
    "only",
    "or",
    "organisation",
    "organization",
    "other",
    "our",
    "out",
    "over",
    "overall",
    "own",
    "per",
    "please",
    "possible",
    "provide",
    "quicker",
    "re",
    "regard",
    "relate",
    "relating",
    "relation",
    "relevant",
    "request",
    "respect",
    "roughly",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "state",
    "such",
    "t",
    "tell",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "total",
    "under",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "using",
    "ve",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
    "yours",
];

/// The concepts in `text`, in order, without stop words. Duplicates are kept; callers that
/// need a set make one.
pub fn concepts(text: &str) -> Vec<Cow<'static, str>> {
    let words: Vec<String> = words(text).map(|w| stem(&w)).collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let Some((len, concept)) = phrase_at(&words[i..]) {
            if !concept.is_empty() {
                out.push(Cow::Borrowed(concept));
            }
            i += len;
            continue;
        }
        let word = &words[i];
        if !STOP_WORDS.contains(&word.as_str()) {
            out.push(match synonym(word) {
                Some(concept) => Cow::Borrowed(concept),
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

fn phrase_at(words: &[String]) -> Option<(usize, &'static str)> {
    PHRASES.iter().find_map(|(phrase, concept)| {
        let matches = phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| *p == w.as_str());
        matches.then_some((phrase.len(), *concept))
    })
}

/// The concept a (stemmed) word stands for, when the synonym table names one.
fn synonym(word: &str) -> Option<&'static str> {
    SYNONYMS.iter().find(|(concept, synonyms)| *concept == word || synonyms.contains(&word)).map(|(c, _)| *c)
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
