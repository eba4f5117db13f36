//! Who sent the request: the name and email address intake can find, so the draft can
//! hold them in `requester:` (private: printed in the letter only) rather than leave them
//! in text that is published.
//!
//! Owns reading them from the places requests carry them, in this order of trust: a web
//! form's fields (`Name: …`, `Email: …`, `Enw: …`), the `From:` header of the request's
//! email, the signature under the sign-off (WhatDoTheyKnow's reply address included), a
//! line that names the requester ("Zebulon Quackenbush asks:"), and a letter's own address
//! block at the top. Lines that only carry the requester's details are taken out of the
//! text; [`scrub`] takes any other mention out of question text. What is found is only
//! ever a draft: the officer confirms it (`confirmed: false` in the draft until then).

use std::ops::Range;

use super::matching;
use super::text::{self, Line, Role};

/// The requester as intake found them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requester {
    /// Their name, as they gave it (`Dr Anselm Okonkwo-Reyes`).
    pub name: Option<String>,
    /// Their email address.
    pub email: Option<String>,
    /// Where they were found, for the draft's comment: never the values themselves.
    pub sources: Vec<&'static str>,
}

impl Requester {
    /// Whether anything was found.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.email.is_none()
    }

    fn name(&mut self, name: Option<String>, source: &'static str) {
        if self.name.is_none() && name.is_some() {
            self.name = name;
            self.source(source);
        }
    }

    fn email(&mut self, email: Option<String>, source: &'static str) {
        if self.email.is_none() && email.is_some() {
            self.email = email;
            self.source(source);
        }
    }

    fn source(&mut self, source: &'static str) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }
}

/// Labels of a web form's name field, lower case (Welsh: `enw`, `eich enw`, `enw llawn`).
const NAME_FIELDS: [&str; 18] = [
    "name",
    "full name",
    "your name",
    "requester",
    "requester name",
    "requester's name",
    "requestor",
    "requestor name",
    "applicant",
    "applicant name",
    "applicant's name",
    "contact name",
    "name of requester",
    "name of applicant",
    "submitted by",
    "enw",
    "eich enw",
    "enw llawn",
];

/// Labels of a web form's email field, lower case (Welsh: `e-bost`, `cyfeiriad e-bost`).
const EMAIL_FIELDS: [&str; 15] = [
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "your email",
    "your email address",
    "requester email",
    "requester's email",
    "requestor email",
    "applicant email",
    "contact email",
    "reply to",
    "e-bost",
    "cyfeiriad e-bost",
    "eich cyfeiriad e-bost",
];

/// Verbs that follow the requester's name on a line that introduces their questions.
const ASKS: [&str; 8] =
    ["asks", "asked", "writes", "wrote", "requests", "requested", "would like to know", "wants to know"];

/// Words that introduce the requester's name on a line of its own.
const FROM: [&str; 5] = ["request from", "question from", "questions from", "submitted by", "asked by"];

/// Finds the requester in the request's lines (`request`) and the headers around them, and
/// takes lines that only carry their details out of the text.
pub fn find(lines: &mut [Line], request: Range<usize>) -> Requester {
    let mut found = Requester::default();
    let range = request.start.min(lines.len())..request.end.min(lines.len());
    form_fields(&mut lines[range.clone()], &mut found);
    let (from_name, from_email) = from_header(&lines[range.clone()]);
    found.name(from_name, "the From: header");
    found.email(from_email, "the From: header");
    let (signed, signed_email) = signature(&lines[range.clone()]);
    found.name(signed, "the signature");
    found.email(signed_email, "the signature");
    asks_lines(&mut lines[range.clone()], &mut found);
    letterhead(&mut lines[range], &mut found);
    if found.email.is_none()
        && let Some(name) = found.name.clone()
    {
        found.email(address_of(lines, &name), "an email header naming them");
    }
    found
}

/// `Name: …` and `Email: …` lines of a web form.
fn form_fields(lines: &mut [Line], found: &mut Requester) {
    for line in lines.iter_mut().filter(|l| l.role == Role::Body && !l.text.is_empty()) {
        let Some((label, value)) = line.text.split_once(':') else { continue };
        let label = label.trim().to_lowercase();
        let value = value.trim();
        if NAME_FIELDS.contains(&label.as_str()) {
            if let Some(name) = person(value, true) {
                found.name(Some(name), "the form's fields");
                line.drop_as(Role::Requester);
            }
        } else if EMAIL_FIELDS.contains(&label.as_str())
            && let Some(email) = address(value)
        {
            found.email(Some(email), "the form's fields");
            line.drop_as(Role::Requester);
        }
    }
}

/// The `From:` field of the header block that opens the request's message.
fn from_header(lines: &[Line]) -> (Option<String>, Option<String>) {
    for line in lines {
        match line.role {
            Role::Header => {
                if let Some((field, value)) = text::header_field(&line.original)
                    && (field == "from" || field == "oddi wrth")
                {
                    return mailbox(value);
                }
            }
            Role::Separator | Role::Mailer => {}
            _ if line.original.is_empty() => {}
            _ => break,
        }
    }
    (None, None)
}

/// `Zebulon Quackenbush <zeb@example.org>`, `"Quackenbush, Zebulon" <…>`, `zeb@example.org`:
/// the display name (when it is a person's) and the address. An organisation's mailbox
/// (`FOI Team <foi@…>`) gives neither.
fn mailbox(value: &str) -> (Option<String>, Option<String>) {
    let email = address(value);
    let display = match value.find(['<', '[']) {
        Some(at) => value[..at].trim(),
        None if email.is_some() => "",
        None => value.trim(),
    };
    let display = display.trim_matches(|c| c == '"' || c == '\'' || c == ' ');
    if !display.is_empty() && organisation(display) {
        return (None, None);
    }
    (person(display, true), email)
}

/// The name under the sign-off, and an email address in the signature.
fn signature(lines: &[Line]) -> (Option<String>, Option<String>) {
    let Some(at) = lines.iter().position(|l| l.role == Role::SignOff) else { return (None, None) };
    let below: Vec<&Line> = lines[at + 1..]
        .iter()
        .take_while(|l| matches!(l.role, Role::Signature | Role::Mailer | Role::Furniture))
        .filter(|l| l.role == Role::Signature && !l.original.is_empty())
        .take(10)
        .collect();
    let name = below.first().and_then(|l| person(l.original.trim_end_matches([',', '.']), true));
    let email = below.iter().find_map(|l| address(&l.original));
    (name, email)
}

/// "Zebulon Quackenbush asks: …" and "Request from Zebulon Quackenbush": the name is
/// taken, and the words naming the requester are taken out of the line.
fn asks_lines(lines: &mut [Line], found: &mut Requester) {
    for line in lines.iter_mut().filter(|l| l.role == Role::Body && !l.text.is_empty()) {
        let Some((name, rest)) = names_the_requester(&line.text) else { continue };
        found.name(Some(name), "the line naming them");
        if rest.is_empty() {
            line.drop_as(Role::Requester);
        } else {
            line.text = rest;
        }
    }
}

fn names_the_requester(text: &str) -> Option<(String, String)> {
    for from in FROM {
        // The phrases are ASCII, so the prefix compares byte for byte, ignoring case.
        let head = text.as_bytes().get(..from.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(from.as_bytes())) {
            let name = text[from.len()..].trim().trim_matches([':', '.', ',']).trim();
            return person(name, false).map(|n| (n, String::new()));
        }
    }
    let words: Vec<(usize, &str)> = text.split_whitespace().map(|w| (offset(text, w), w)).collect();
    for verb in ASKS {
        let verb_words: Vec<&str> = verb.split(' ').collect();
        for start in 1..words.len().min(7) {
            let end = start + verb_words.len();
            let fits = words.get(start..end).is_some_and(|ws| {
                ws.iter()
                    .zip(&verb_words)
                    .all(|((_, w), v)| w.trim_end_matches([':', ',']).eq_ignore_ascii_case(v))
            });
            if !fits {
                continue;
            }
            let name = text[..words[start].0].trim();
            let name = person(name, false)?;
            let after = words.get(end - 1).map_or(text.len(), |(at, w)| at + w.len());
            let rest = text[after..].trim_start_matches([':', ',', ' ']).to_owned();
            return Some((name, rest));
        }
    }
    None
}

/// Byte offset of `word`, a slice of `text`, in `text`.
fn offset(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize
}

/// A letter's address block at the top, headed by the requester's name: its email address
/// is theirs, and the block is theirs, not the request's.
fn letterhead(lines: &mut [Line], found: &mut Requester) {
    let Some(name) = found.name.clone() else { return };
    let Some(start) = lines.iter().position(|l| l.role == Role::Body && !l.text.is_empty()) else { return };
    let end =
        start + lines[start..].iter().take_while(|l| l.role == Role::Body && !l.text.is_empty()).count();
    if !lines[start].text.eq_ignore_ascii_case(&name) || end - start > 8 {
        return;
    }
    let email = lines[start..end].iter().find_map(|l| address(&l.text));
    found.email(email, "the address at the top of the letter");
    for line in &mut lines[start..end] {
        line.drop_as(Role::Requester);
    }
}

/// The address of a `From:` or `To:` header anywhere in the thread whose display name is
/// the requester's (a reply quoting the original request names them there).
fn address_of(lines: &[Line], name: &str) -> Option<String> {
    lines.iter().filter(|l| l.role == Role::Header).find_map(|l| {
        let (field, value) = text::header_field(&l.original)?;
        if !matches!(field.as_str(), "from" | "to" | "oddi wrth" | "at") {
            return None;
        }
        let display = value.split(['<', '[']).next()?.trim().trim_matches('"');
        display.eq_ignore_ascii_case(name).then(|| address(value)).flatten()
    })
}

/// The first email address in `text` (`<a@b.example>`, `mailto:a@b.example`).
pub fn address(text: &str) -> Option<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '<' | '>' | '[' | ']' | '(' | ')' | ',' | ';' | '|')
    })
    .map(|w| w.strip_prefix("mailto:").unwrap_or(w).trim_end_matches(['.', ':']))
    .find(|w| is_address(w))
    .map(str::to_owned)
}

fn is_address(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else { return false };
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '\'');
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local.chars().all(ok)
        && domain.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && word.len() <= 254
}

/// Titles kept as part of a name.
const TITLES: [&str; 16] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
    "cllr",
    "councillor",
    "lord",
    "lady",
];

/// Lower-case particles of names (`Gwenllian ap Rhys`, `Vincent van Gogh`).
const PARTICLES: [&str; 16] = [
    "ap", "ab", "ferch", "verch", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al",
];

/// Words that make a name an organisation's, lower case.
const ORGANISATION: [&str; 40] = [
    "team",
    "council",
    "foi",
    "freedom",
    "information",
    "office",
    "officer",
    "department",
    "dept",
    "service",
    "services",
    "enquiries",
    "enquiry",
    "mailbox",
    "admin",
    "support",
    "noreply",
    "no-reply",
    "ltd",
    "limited",
    "plc",
    "llp",
    "inc",
    "group",
    "consulting",
    "consultancy",
    "research",
    "insight",
    "analytics",
    "solutions",
    "partners",
    "associates",
    "university",
    "college",
    "trust",
    "borough",
    "governance",
    "cyngor",
    "tîm",
    "gwybodaeth",
];

fn organisation(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| ORGANISATION.contains(&w.to_lowercase().as_str()))
}

/// `text` as a person's name, if it reads as one: one to five words (a title such as `Dr`
/// aside) that each start with a capital or are a particle, no digits, no organisation's
/// word, and nothing the questionnaire asks about. A single word counts only where a name
/// is expected (`single`: under a sign-off, in a name field).
fn person(text: &str, single: bool) -> Option<String> {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let titled =
        words.first().is_some_and(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()));
    let name_words = &words[usize::from(titled)..];
    let enough = if single || titled { 1 } else { 2 };
    if !(enough..=5).contains(&name_words.len()) || text.chars().count() > 60 || organisation(text) {
        return None;
    }
    let word_ok = |w: &str| {
        let first = w.chars().next().unwrap_or(' ');
        let letters = w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'));
        let capital = first.is_uppercase() && !(w.chars().count() > 2 && w.chars().all(char::is_uppercase));
        letters && (capital || PARTICLES.contains(&w))
    };
    let first_ok = name_words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    // `A` or `A. B.` alone are initials, not a name to look for in the text.
    let has_word = name_words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !first_ok || !has_word || !name_words.iter().all(|w| word_ok(w)) {
        return None;
    }
    // A line such as "Incumbent Supplier asks" is not a name; under a sign-off or in a name
    // field a surname such as `Price` is.
    if !single {
        // Against the contact-centre questions, whatever the request: the test is whether
        // the line reads as a label, and those are the labels the tests were tuned on.
        let standard = crate::questionnaire::Definition::standard();
        let asked =
            matching::best(matching::Asked { label: Some(text), body: "" }, standard, &standard.questions());
        if asked.nearest.is_some() {
            return None;
        }
    }
    Some(text.to_owned())
}

/// `text` with every mention of the requester's name and email address replaced by
/// `[requester]`, ignoring case.
pub fn scrub(text: &str, requester: &Requester) -> String {
    let mut out = text.to_owned();
    for value in [&requester.email, &requester.name].into_iter().flatten() {
        out = replace_ignoring_case(&out, value, "[requester]");
    }
    out
}

fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    let anywhere = needle.contains(|c: char| c.is_whitespace() || c == '@');
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // Compared letter by letter, lower-cased: a name is a few dozen letters, so this
        // stays linear in the text.
        let mut lowered = rest.char_indices().flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, c, l)));
        let mut end = None;
        for (k, want) in needle.iter().enumerate() {
            match lowered.next() {
                Some((i, c, l)) if l == *want => {
                    if k + 1 == needle.len() {
                        end = Some(i + c.len_utf8());
                    }
                }
                _ => break,
            }
        }
        // A one-word name must be a whole word (`Robin` is not taken out of `Robinson`);
        // a full name or an address is taken out wherever it stands.
        let starts_word = !out.ends_with(char::is_alphanumeric);
        let ends_word = end.is_some_and(|end| !rest[end..].starts_with(char::is_alphanumeric));
        match end.filter(|_| anywhere || (starts_word && ends_word)) {
            Some(end) => {
                out.push_str(with);
                rest = &rest[end..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{messages, text};
    use super::*;

    fn find_in(input: &str) -> (Requester, Vec<String>) {
        let mut lines = text::lines(&text::canonical(input));
        let request = messages::request(&mut lines);
        let found = find(&mut lines, request);
        (found, lines.into_iter().map(|l| l.text).filter(|t| !t.is_empty()).collect())
    }

    #[test]
    fn form_fields_give_name_and_email_and_leave_the_text() {
        let (found, kept) = find_in(
            "Requester name: Zebulon Quackenbush\nEmail: zeb@example.org\nZebulon Quackenbush asks:\n1. Supplier\n2. Expiry",
        );
        assert_eq!(found.name.as_deref(), Some("Zebulon Quackenbush"));
        assert_eq!(found.email.as_deref(), Some("zeb@example.org"));
        assert_eq!(kept, ["1. Supplier", "2. Expiry"]);
    }

    #[test]
    fn the_from_header_and_signature_give_the_requester() {
        let (found, _) = find_in(
            "From: Priya Hale <priya@example.org>\nTo: foi@example.gov.uk\n\n1. Supplier\n2. Spend\n",
        );
        assert_eq!(
            (found.name.as_deref(), found.email.as_deref()),
            (Some("Priya Hale"), Some("priya@example.org"))
        );
        let (found, _) =
            find_in("1. Supplier\n2. Spend\n\nYours faithfully,\n\nDr Anselm Reyes\nSenior Researcher\n");
        assert_eq!(found.name.as_deref(), Some("Dr Anselm Reyes"));
        let (found, _) =
            find_in("From: FOI Team <foi@example.gov.uk>\nSubject: x\n\n1. Supplier\n2. Spend\n");
        assert!(found.is_empty(), "an organisation's mailbox is not the requester: {found:?}");
    }

    #[test]
    fn lines_that_are_not_names_are_not_taken() {
        for text in ["Contact Centre Team", "Research Analyst | Brightwater", "FOI 2024", "Dear Sir or Madam"]
        {
            assert_eq!(person(text, true), None, "{text}");
        }
        assert_eq!(person("Incumbent Supplier", false), None);
        assert_eq!(person("Gwenllian ap Rhys", false).as_deref(), Some("Gwenllian ap Rhys"));
        assert_eq!(person("Eirlys", true).as_deref(), Some("Eirlys"));
        assert_eq!(person("Eirlys", false), None);
    }

    #[test]
    fn addresses_are_found_in_their_usual_wrappings() {
        assert_eq!(address("T: 0161 | <a.b@example.org>").as_deref(), Some("a.b@example.org"));
        assert_eq!(address("mailto:x@y.example.").as_deref(), Some("x@y.example"));
        assert_eq!(address("at the address above"), None);
    }

    #[test]
    fn scrubbing_takes_every_mention_out() {
        let found = Requester {
            name: Some("Zebulon Quackenbush".into()),
            email: Some("zeb@example.org".into()),
            sources: Vec::new(),
        };
        assert_eq!(
            scrub("I, ZEBULON QUACKENBUSH (zeb@example.org), ask", &found),
            "I, [requester] ([requester]), ask"
        );
        let robin = Requester { name: Some("Robin".into()), email: None, sources: Vec::new() };
        assert_eq!(scrub("Robinson asks Robin", &robin), "Robinson asks [requester]");
    }
}
