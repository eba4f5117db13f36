//! Which parts of the questionnaire a request asks, and which lists are questions.
//!
//! Owns the cues: a heading or introduction that names contact centre (or call centre)
//! contracts or inbound network services contracts starts that part; a list introduced by
//! "could relate to one of the following" only describes scope; a list introduced by
//! "please provide me with" asks questions; a list whose items each name a part
//! ("1. contact centre contract(s) 2. inbound network services contract(s)") lists the
//! parts. Cues are read through `lexicon`, so wording and plurals vary freely. Matching a
//! question to its canonical id is `matching`'s job.

use super::lexicon::concepts;
use super::matching;
use crate::questionnaire::{Definition, PartId};

/// The parts a piece of text names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Named {
    /// Names contact centre or call centre contracts.
    pub contact_centre: bool,
    /// Names inbound network services (or their 0800 numbers, routing, IVR).
    pub inbound_network: bool,
}

impl Named {
    /// Whether it names any part.
    pub fn any(self) -> bool {
        self.contact_centre || self.inbound_network
    }

    /// The part, when it names exactly one.
    pub fn one(self) -> Option<PartId> {
        match (self.contact_centre, self.inbound_network) {
            (true, false) => Some(PartId::CONTACT_CENTRE),
            (false, true) => Some(PartId::INBOUND_NETWORK),
            _ => None,
        }
    }
}

/// Concepts that mean inbound network services when a heading or introduction uses them.
const INBOUND: [&str; 5] = ["inbound", "nongeographic", "ivr", "routing", "callerid"];

/// Concepts of the scope lists: what the contracts cover, not what is asked about them.
const SCOPE: [&str; 19] = [
    "0800",
    "0845",
    "0870",
    "0844",
    "0300",
    "0330",
    "0345",
    "nongeographic",
    "routing",
    "callerid",
    "callerprofile",
    "ivr",
    "acd",
    "webchat",
    "socialmedia",
    "monitoring",
    "telephony",
    "crm",
    "omnichannel",
];

/// The parts `text` names. "The first part" and "the second part" count when nothing else
/// names a part: round-robin requests always put contact centres first.
pub fn named(text: &str) -> Named {
    let found = concepts(text);
    let has = |c: &str| found.iter().any(|f| f == c);
    let mut named = Named { contact_centre: has("ccentre"), inbound_network: INBOUND.iter().any(|c| has(c)) };
    if !named.any() {
        named.contact_centre = has("part1");
        named.inbound_network = has("part2");
    }
    named
}

/// `text` lower case, with everything but letters, digits and `&` as single spaces and a
/// space at each end, so that a phrase matches as whole words.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.to_lowercase().chars() {
        if c.is_alphanumeric() || c == '&' {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The longest alias of each item of `part` that `text` names, as (item id, alias words).
fn items_in(text: &str, part: PartId) -> Vec<(String, usize, usize)> {
    let text = words(text);
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    for item in &part.entry().items {
        let best = std::iter::once(&item.label)
            .chain(&item.aliases)
            .map(|alias| words(alias))
            .filter(|alias| alias.trim().len() > 1)
            .filter_map(|alias| text.find(&alias).map(|at| (at, alias.split_whitespace().count())))
            .max_by_key(|(_, len)| *len);
        if let Some((at, len)) = best {
            out.push((item.id.clone(), at, len));
        }
    }
    out.sort_by_key(|(_, at, _)| *at);
    out
}

/// The items of `part` that `text` names, in the order it names them: "for each of
/// Command and Control, CRM and Telephony".
pub fn items_named(text: &str, part: PartId) -> Vec<String> {
    items_in(text, part).into_iter().map(|(id, _, _)| id).collect()
}

/// The item of `part` that `text` is the name of, if it is little more than that name
/// (`CRM (Contact Management)`, `Command and control system`), not a question about it.
pub fn item_of(text: &str, part: PartId) -> Option<String> {
    if text.contains('?') || text.contains(':') {
        return None;
    }
    let found = items_in(text, part);
    // One item, by its longest alias (`crm contact management`); text naming two items
    // is not the name of either.
    let [(id, _, len)] = found.as_slice() else { return None };
    let extra = words(text).split_whitespace().count().saturating_sub(*len);
    (extra <= 3).then(|| id.clone())
}

/// What a list is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// It names the parts asked (or is a heading naming one).
    Parts,
    /// It describes what the contracts cover.
    Scope,
    /// It asks questions.
    Questions,
}

/// Phrases of an introduction to a scope list; the first four are strong enough to decide
/// it (Welsh "un o'r canlynol", one of the following).
const SCOPE_INTROS: [&str; 9] = [
    "could relate to",
    "one of the following",
    "relates to one",
    "un o'r canlynol",
    "such as",
    "which include",
    "which includes",
    "covering",
    "megis",
];

/// Phrases of an introduction to a list of questions; the Welsh ones are `rhowch` (give),
/// `darparwch` (provide), `anfonwch` (send), `nodwch` (state), `hoffwn` (I would like),
/// `y wybodaeth ganlynol` (the following information), `cwestiynau` (questions).
const QUESTION_INTROS: [&str; 22] = [
    "provide me",
    "send me",
    "tell me",
    "let me know",
    "following information",
    "following questions",
    "can you provide",
    "could you provide",
    "please provide",
    "please state",
    "please answer",
    "please confirm",
    "would like to know",
    "i would like",
    "questions",
    "rhowch",
    "darparwch",
    "anfonwch",
    "nodwch",
    "hoffwn",
    "wybodaeth ganlynol",
    "cwestiynau",
];

/// What a list is for, from its introduction (the paragraph before it) and its items,
/// in a request of `questionnaire`.
pub fn classify(intro: Option<&str>, items: &[&str], questionnaire: &Definition) -> ListKind {
    if !items.is_empty() && items.iter().all(|item| names_only_a_part(item)) {
        return ListKind::Parts;
    }
    if let Some(intro) = intro.map(|i| i.to_lowercase().replace('’', "'")) {
        let strong_scope = SCOPE_INTROS[..4].iter().any(|p| intro.contains(p));
        if strong_scope {
            return ListKind::Scope;
        }
        if QUESTION_INTROS.iter().any(|p| intro.contains(p)) || intro.ends_with('?') {
            return ListKind::Questions;
        }
        if SCOPE_INTROS.iter().any(|p| intro.contains(p)) {
            return ListKind::Scope;
        }
    }
    let scope_like = items.iter().filter(|item| is_scope_like(item, questionnaire)).count();
    if scope_like * 2 > items.len() { ListKind::Scope } else { ListKind::Questions }
}

/// An item that names one part by its name and little else: `contact centre contract(s)`.
/// Scope words (`IVR`, `routing`) do not count here: a scope list names those too.
fn names_only_a_part(item: &str) -> bool {
    if item.contains('?') {
        return false;
    }
    let found = concepts(item);
    let has = |c: &str| found.iter().any(|f| f == c);
    let contact_centre = has("ccentre") || has("part1");
    let inbound_network = has("inbound") || has("part2");
    if contact_centre == inbound_network {
        return false;
    }
    let noise = ["service", "ccentre", "inbound", "part1", "part2", "system", "network"];
    found.iter().filter(|c| !noise.contains(&c.as_ref())).count() <= 1
}

/// An item that describes a service rather than asking a question: it names one of the
/// services and asks nothing the questionnaire asks (`Supplier of the IVR` asks).
fn is_scope_like(item: &str, questionnaire: &Definition) -> bool {
    let asks = item.contains('?') || item.contains(':') || item.to_lowercase().contains("please");
    let service = concepts(item).iter().any(|c| SCOPE.contains(&c.as_ref()));
    let matched =
        matching::best(matching::read_label(item, item.len()), questionnaire, &questionnaire.questions());
    // A guess is not a question: `0800, 0845 numbers` only looks like a count.
    let question = matched.id.is_some() && matched.confidence >= super::REVIEW_BELOW;
    !asks && service && !question
}

/// Whether a paragraph asks for something, so that an unnumbered request after a list
/// ("Please add any further comments…") can be offered as a question.
pub fn asks(text: &str) -> bool {
    let lower = text.to_lowercase();
    // Welsh: "os gwelwch yn dda" (please), "a allech", "a fyddech" (could you), "hoffwn"
    // (I would like), "rhowch" (give).
    text.contains('?')
        || [
            "please",
            "could you",
            "can you",
            "i would like",
            "i'd like",
            "gwelwch yn dda",
            "a allech",
            "a fyddech",
            "hoffwn",
            "rhowch",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Whether a paragraph asks the questions above again ("Please provide the same
/// information for your inbound network services contracts").
pub fn asks_again(text: &str) -> bool {
    let lower = text.to_lowercase();
    asks(text)
        && ["same", "above", "again", "repeat", "uchod", "eto"]
            .iter()
            .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_named_by_their_cues() {
        assert_eq!(
            named("Contract 1 – contact centre/call centre contracts").one(),
            Some(PartId::CONTACT_CENTRE)
        );
        assert_eq!(
            named("My next questions concern inbound network services agreements").one(),
            Some(PartId::INBOUND_NETWORK)
        );
        assert_eq!(named("Part two: 0800 numbers and IVR").one(), Some(PartId::INBOUND_NETWORK));
        assert_eq!(named("The first part of my request").one(), Some(PartId::CONTACT_CENTRE));
        assert!(!named("Please send me the following information for each provider:").any());
        assert_eq!(named("contact centre and inbound network contracts").one(), None);
    }

    #[test]
    fn lists_are_told_apart() {
        let cc = Definition::standard;
        let scope_intro = "Inbound network services: agreements that could relate to one of the following:";
        assert_eq!(classify(Some(scope_intro), &["0800 numbers", "Routing of calls"], cc()), ListKind::Scope);
        let question_intro = "For any agreement like those, please provide me with:";
        assert_eq!(classify(Some(question_intro), &["Incumbent Supplier: who?"], cc()), ListKind::Questions);
        assert_eq!(
            classify(
                Some("specifically around:"),
                &["contact centre contract(s)", "inbound network services contract(s)"],
                cc()
            ),
            ListKind::Parts
        );
        assert_eq!(
            classify(None, &["0800, 0845, 0870 numbers", "Caller Identifier", "IVR"], cc()),
            ListKind::Scope
        );
        assert_eq!(
            classify(None, &["Supplier", "Number of contact centre agents"], cc()),
            ListKind::Questions
        );
    }
}
