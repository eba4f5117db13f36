//! Reading the outline in document order: which part each list belongs to, what each list
//! is for, and each question's match.
//!
//! Owns the state that carries from one paragraph or list to the next: the current part
//! (set by a heading or introduction that names one, or by a numbered part heading), the
//! introduction of the next list, and how many question lists the part has had. The cues
//! themselves are `parts`; the scoring is `matching`.

use super::assign;
use super::matching::{self, Asked, Match};
use super::outline::{Item, List, Node};
use super::parts::{self, ListKind};
use super::requester::Requester;
use super::{Found, Intake, Kind, PartFound};
use crate::questionnaire::{Definition, PartId, Questionnaire};

/// Walks the outline of a request of `questionnaire`.
pub fn walk(nodes: &[Node], questionnaire: &'static Definition) -> Intake {
    let mut walk = Walk {
        questionnaire,
        part: None,
        heading: None,
        lists_in_part: 0,
        guessed: false,
        intro: None,
        found: Vec::new(),
        parts: Vec::new(),
    };
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::Paragraph(p) => {
                let next_is_list = matches!(nodes.get(i + 1), Some(Node::List(_)));
                walk.paragraph(&p.text, p.line, next_is_list);
            }
            Node::List(list) => {
                let intro = walk.intro.take();
                walk.list(list, intro.as_deref());
            }
        }
    }
    walk.finish()
}

struct Walk {
    /// The questionnaire the request is matched against.
    questionnaire: &'static Definition,
    part: Option<PartId>,
    /// The short heading that named the current part.
    heading: Option<String>,
    /// Question lists read since the part was named.
    lists_in_part: usize,
    guessed: bool,
    intro: Option<String>,
    found: Vec<Found>,
    parts: Vec<PartFound>,
}

impl Walk {
    /// The part every question is in when nothing names one: the questionnaire's first.
    fn first_part(&self) -> PartId {
        self.questionnaire.parts.first().copied().unwrap_or(PartId::CONTACT_CENTRE)
    }

    /// Whether the request is the contact-centre round robin, whose two parts the cues of
    /// `parts` tell apart.
    fn is_standard(&self) -> bool {
        self.questionnaire.id == Definition::standard().id
    }

    fn paragraph(&mut self, text: &str, line: usize, next_is_list: bool) {
        let mut moved = false;
        // "For each of command and control, CRM and telephony, please provide:".
        let items = parts::items_named(text, self.first_part());
        if items.len() >= 2 {
            self.add_items(&items);
        }
        if let Some(part) = parts::named(text).one().filter(|_| self.is_standard()) {
            let previous = self.part.filter(|p| *p != part && self.lists_in_part > 0);
            if self.part != Some(part) || self.lists_in_part > 0 && next_is_list {
                self.enter(part, heading(text));
                moved = true;
            }
            if let Some(previous) = previous.filter(|_| !next_is_list && parts::asks_again(text)) {
                self.repeat(previous, part, line);
            }
        }
        // A request after a part's questions that starts no part of its own may be one
        // more question, unnumbered.
        if let Some(part) = self.part.filter(|_| !moved)
            && self.lists_in_part > 0
            && !next_is_list
            && parts::asks(text)
        {
            self.unnumbered(part, text, line);
        }
        self.intro = Some(text.to_owned());
    }

    fn enter(&mut self, part: PartId, heading: Option<String>) {
        self.part = Some(part);
        self.heading = heading;
        self.lists_in_part = 0;
        self.guessed = false;
    }

    fn list(&mut self, list: &List, intro: Option<&str>) {
        let texts: Vec<String> = list.items.iter().map(|i| i.text.clone()).collect();
        let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
        if self.items_list(list) {
            return;
        }
        match parts::classify(intro, &borrowed, self.questionnaire) {
            ListKind::Parts => self.parts_list(list),
            ListKind::Scope => {
                for item in &list.items {
                    let text = flatten(item);
                    if let Some(part) = self.part {
                        self.part_found(part).scope.push(text.clone());
                    }
                    self.push_unmatched(Kind::Scope, item, text);
                }
            }
            ListKind::Questions => self.questions(list),
        }
    }

    /// A list whose every item names an item of a part that asks per item ("1. Command
    /// and control 2. CRM (Contact Management)…"): the items asked. An item with lists
    /// nested under it carries the questions asked of it (the nested "for each system"
    /// form); the questions are the part's, so those asked again for a later item are
    /// read once. Returns whether the list was such a list.
    fn items_list(&mut self, list: &List) -> bool {
        let part = self.part.unwrap_or(self.first_part());
        if part.entry().items.is_empty() || list.items.is_empty() {
            return false;
        }
        let named: Vec<Option<String>> = list.items.iter().map(|i| parts::item_of(&i.text, part)).collect();
        if named.iter().any(Option::is_none) {
            return false;
        }
        let ids: Vec<String> = named.into_iter().flatten().collect();
        self.add_items(&ids);
        for item in &list.items {
            self.push_unmatched(Kind::Scope, item, item.text.clone());
            for child in &item.children {
                let before = self.found.len();
                self.list(child, Some(&item.text));
                self.drop_repeated(before);
            }
        }
        true
    }

    /// The questions pushed from `before` on that the part already has, asked again for
    /// another item: they are the same questions.
    fn drop_repeated(&mut self, before: usize) {
        let (earlier, new) = self.found.split_at(before.min(self.found.len()));
        let known: Vec<_> = earlier
            .iter()
            .filter(|f| f.kind == Kind::Question)
            .filter_map(|f| f.matched.id.map(|id| (f.part, id)))
            .collect();
        let keep: Vec<Found> = new
            .iter()
            .filter(|f| {
                f.kind != Kind::Question || f.matched.id.is_none_or(|id| !known.contains(&(f.part, id)))
            })
            .cloned()
            .collect();
        self.found.truncate(before);
        self.found.extend(keep);
    }

    /// Records the items a part that asks per item is asked about.
    fn add_items(&mut self, ids: &[String]) {
        let part = self.part.unwrap_or(self.first_part());
        if self.part.is_none() {
            self.enter(part, None);
        }
        let found = self.part_found(part);
        for id in ids {
            if !found.items.contains(id) {
                found.items.push(id.clone());
            }
        }
    }

    /// A list naming parts: an overview when it names several, a heading when it names
    /// one; lists nested under a heading are that part's.
    fn parts_list(&mut self, list: &List) {
        let single = list.items.len() == 1;
        for item in &list.items {
            self.push_unmatched(Kind::Parts, item, item.text.clone());
            let part = parts::named(&item.text).one().filter(|_| self.is_standard());
            if let Some(part) = part.filter(|_| single || !item.children.is_empty()) {
                self.enter(part, heading(&item.text));
            }
            for child in &item.children {
                self.list(child, Some(&item.text));
            }
        }
    }

    fn questions(&mut self, list: &List) {
        // A second list restarting its numbering in the contact centre part, with nothing
        // naming a part in between, is the inbound network part: the round robin's order.
        let restarts = list.items.first().is_some_and(|i| i.marker.starts());
        if self.is_standard()
            && self.part == Some(PartId::CONTACT_CENTRE)
            && self.lists_in_part > 0
            && restarts
        {
            self.enter(PartId::INBOUND_NETWORK, None);
            self.guessed = true;
        }
        if self.part.is_none() {
            // Nothing names a part: every question is in the questionnaire's first part
            // (contact centre, in its round robin).
            self.enter(self.first_part(), None);
            self.guessed = self.questionnaire.parts.len() > 1;
        }
        let part = self.part.unwrap_or(self.first_part());
        let (heading, guessed) = (self.heading.clone(), self.guessed);
        let found = self.part_found(part);
        found.guessed |= guessed;
        if found.title.is_none() {
            found.title = heading;
        }
        self.lists_in_part += 1;
        for item in &list.items {
            let text = flatten(item);
            let asked = matching::read_label(&text, item.first_line);
            self.found.push(question(
                self.questionnaire,
                Kind::Question,
                part,
                item.marker.number.clone(),
                asked,
                &text,
                item.line,
            ));
        }
    }

    /// "Please provide the same information for your inbound network services contracts":
    /// the questions of the previous part that the new part also has, asked again.
    fn repeat(&mut self, from: PartId, to: PartId, line: usize) {
        let asks = &Questionnaire::builtin().part(to).questions;
        let again: Vec<Found> = self
            .found
            .iter()
            .filter(|f| f.kind == Kind::Question && f.part == Some(from))
            .filter(|f| f.matched.id.is_some_and(|id| asks.contains(&id)))
            .map(|f| Found { part: Some(to), line, ..f.clone() })
            .collect();
        if again.is_empty() {
            return;
        }
        self.part_found(to).repeated_from = Some(from);
        self.lists_in_part += 1;
        self.found.extend(again);
    }

    fn unnumbered(&mut self, part: PartId, text: &str, line: usize) {
        let asked = matching::read_label(text, text.len());
        let found = question(self.questionnaire, Kind::Unnumbered, part, String::new(), asked, text, line);
        if found.matched.id.is_some() && !found.needs_review() {
            self.found.push(found);
        }
    }

    fn push_unmatched(&mut self, kind: Kind, item: &Item, text: String) {
        let number = Some(item.marker.number.clone()).filter(|n| !n.is_empty());
        self.found.push(Found {
            kind,
            part: None,
            number,
            label: None,
            body: text.clone(),
            text,
            line: item.line,
            matched: Match { id: None, confidence: 0.0, nearest: None },
            elsewhere: None,
            evidence: None,
        });
    }

    fn part_found(&mut self, part: PartId) -> &mut PartFound {
        let at = match self.parts.iter().position(|p| p.part == part) {
            Some(at) => at,
            None => {
                self.parts.push(PartFound {
                    part,
                    title: None,
                    scope: Vec::new(),
                    guessed: false,
                    repeated_from: None,
                    items: Vec::new(),
                });
                self.parts.len() - 1
            }
        };
        &mut self.parts[at]
    }

    fn finish(mut self) -> Intake {
        // A part with only scope and no questions is not asked.
        let asked: Vec<PartId> =
            self.found.iter().filter(|f| f.kind == Kind::Question).filter_map(|f| f.part).collect();
        self.parts.retain(|p| asked.contains(&p.part));
        self.parts.sort_by_key(|p| asked.iter().position(|a| *a == p.part));
        assign::one_per_id(&mut self.found);
        Intake {
            questionnaire: self.questionnaire.id.clone(),
            found: self.found,
            parts: self.parts,
            requester: Requester::default(),
        }
    }
}

fn question(
    questionnaire: &Definition,
    kind: Kind,
    part: PartId,
    number: String,
    asked: Asked,
    text: &str,
    line: usize,
) -> Found {
    let candidates = &Questionnaire::builtin().part(part).questions;
    let evidence = matching::weigh(asked, questionnaire);
    let matched = evidence.decide(candidates, &[]);
    let elsewhere = if matched.id.is_none() {
        // Another part of the same questionnaire: never a question of another round robin.
        let anywhere = evidence.decide(&questionnaire.questions(), &[]);
        anywhere.id.filter(|id| !candidates.contains(id)).map(|id| (id, anywhere.confidence))
    } else {
        None
    };
    Found {
        kind,
        part: Some(part),
        number: Some(number).filter(|n| !n.is_empty()),
        label: asked.label.map(str::to_owned),
        body: asked.body.to_owned(),
        text: text.to_owned(),
        line,
        matched,
        elsewhere,
        evidence: Some(evidence),
    }
}

/// A short heading worth keeping as the part's title: at most twelve words, not a sentence,
/// not an introduction (`…, please provide:`).
fn heading(text: &str) -> Option<String> {
    let text = text.trim();
    let short = text.split_whitespace().count() <= 12 && !text.ends_with(['.', '?', ':']);
    (short && !text.is_empty() && !parts::asks(text)).then(|| text.to_owned())
}

/// An item's text with its nested lists folded in: `Contact details: (a) name (b) title`.
fn flatten(item: &Item) -> String {
    let mut text = item.text.clone();
    for child in item.children.iter().flat_map(|list| &list.items) {
        text.push(' ');
        text.push_str(&child.marker.written());
        text.push(' ');
        text.push_str(&flatten(child));
    }
    text.trim().to_owned()
}
