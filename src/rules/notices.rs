//! The refusal notice: one entry per exemption, naming the questions it applies to in the
//! requester's own numbering (FOIA s.17(1)(b); FOISA s.16(1)(c)).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::answers::Claim;
use crate::casebook::Authority;
use crate::exemptions::{Exemption, ExemptionKind, PublicInterest, fill};
use crate::response::{ExemptionView, Notice, QuestionGroup, QuestionPointer, QuestionRefs, Run};

/// A question's place in the request: part number (from 1) and position in the part.
pub(super) type Place = (usize, usize);

/// How each part numbers its questions: `numbering[part - 1][position]` is the requester's
/// number (if any) and the label.
pub(super) type Numbering = Vec<Vec<(Option<String>, String)>>;

/// Collects claims in order of first use and builds the notices.
#[derive(Default)]
pub(super) struct NoticeBook {
    entries: Vec<Entry>,
}

struct Entry {
    exemption: Arc<Exemption>,
    places: BTreeSet<Place>,
    reasons: Vec<String>,
    neither_confirm_nor_deny: bool,
}

impl NoticeBook {
    /// Records that `claim` applies to the question at `place`.
    pub fn record(&mut self, place: Place, claim: Claim) {
        let index = match self.entries.iter().position(|e| e.exemption.id == claim.exemption.id) {
            Some(index) => index,
            None => {
                self.entries.push(Entry {
                    exemption: Arc::clone(&claim.exemption),
                    places: BTreeSet::new(),
                    reasons: Vec::new(),
                    neither_confirm_nor_deny: false,
                });
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[index];
        entry.places.insert(place);
        entry.neither_confirm_nor_deny |= claim.neither_confirm_nor_deny;
        if let Some(reason) = claim.reason {
            if !entry.reasons.contains(&reason) {
                entry.reasons.push(reason);
            }
        }
    }

    /// The notices, in order of first use.
    pub fn finish(self, authority: &Authority, numbering: &Numbering) -> Vec<Notice> {
        self.entries
            .into_iter()
            .map(|entry| Notice {
                public_interest: public_interest(&entry.exemption, authority),
                exemption: view(&entry.exemption, authority),
                questions: refs(&entry.places, numbering),
                applies_to: entry
                    .places
                    .iter()
                    .filter_map(|(part, position)| {
                        let (number, label) = numbering.get(part - 1)?.get(*position)?;
                        Some(QuestionPointer { part: *part, number: number.clone(), label: label.clone() })
                    })
                    .collect(),
                neither_confirm_nor_deny: entry.neither_confirm_nor_deny,
                reasons: entry.reasons,
            })
            .collect()
    }
}

/// The exemption with its wording filled in for `authority`.
pub(super) fn view(exemption: &Exemption, authority: &Authority) -> ExemptionView {
    ExemptionView {
        id: exemption.id.clone(),
        citation: exemption.citation.clone(),
        title: exemption.title.clone(),
        kind: exemption.kind,
        test: exemption.test,
        ncnd: exemption.ncnd.clone(),
        explanation: exemption
            .explanation
            .iter()
            .map(|p| fill(p, &authority.name, &authority.act.act))
            .collect(),
        guidance: exemption.guidance.clone(),
    }
}

/// A qualified exemption always carries its public interest test; others never do.
fn public_interest(exemption: &Exemption, authority: &Authority) -> Option<PublicInterest> {
    if exemption.kind != ExemptionKind::Qualified {
        return None;
    }
    let pit = exemption.public_interest.as_ref()?;
    let f = |text: &String| fill(text, &authority.name, &authority.act.act);
    Some(PublicInterest {
        for_disclosure: pit.for_disclosure.iter().map(f).collect(),
        against_disclosure: pit.against_disclosure.iter().map(f).collect(),
        conclusion: f(&pit.conclusion),
    })
}

/// Groups places into the requester's numbering: numbers withheld in every part are named
/// once "in both parts"; the rest part by part; consecutive questions become runs.
pub(super) fn refs(places: &BTreeSet<Place>, numbering: &Numbering) -> QuestionRefs {
    let parts = numbering.len();
    let number_at = |(part, position): Place| {
        numbering.get(part - 1).and_then(|p| p.get(position)).and_then(|(n, _)| n.clone())
    };
    let mut remaining: BTreeSet<Place> = places.clone();
    let mut groups = Vec::new();
    if parts > 1 {
        let first: Vec<Place> = places.iter().copied().filter(|(part, _)| *part == 1).collect();
        let common: Vec<Place> = first
            .into_iter()
            .filter(|place| {
                let Some(number) = number_at(*place) else {
                    return false;
                };
                (2..=parts).all(|part| {
                    places
                        .iter()
                        .any(|other| other.0 == part && number_at(*other).as_deref() == Some(number.as_str()))
                })
            })
            .collect();
        if !common.is_empty() {
            let numbers: BTreeSet<String> = common.iter().filter_map(|p| number_at(*p)).collect();
            remaining.retain(|place| number_at(*place).is_none_or(|n| !numbers.contains(&n)));
            groups.push(QuestionGroup {
                parts: (1..=parts).collect(),
                all_parts: true,
                runs: runs(&common, numbering),
                unnumbered: Vec::new(),
            });
        }
    }
    for part in 1..=parts {
        let here: Vec<Place> = remaining.iter().copied().filter(|(p, _)| *p == part).collect();
        if here.is_empty() {
            continue;
        }
        let (numbered, unnumbered): (Vec<Place>, Vec<Place>) =
            here.into_iter().partition(|p| number_at(*p).is_some());
        groups.push(QuestionGroup {
            parts: vec![part],
            all_parts: parts == 1,
            runs: runs(&numbered, numbering),
            unnumbered: unnumbered.iter().map(|(p, i)| numbering[p - 1][*i].1.clone()).collect(),
        });
    }
    QuestionRefs { parts_in_request: parts, groups }
}

/// Consecutive positions (all in one part, sorted) as runs of numbers.
fn runs(places: &[Place], numbering: &Numbering) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut previous: Option<usize> = None;
    for (part, position) in places {
        let Some(number) = numbering[part - 1][*position].0.clone() else {
            continue;
        };
        match (out.last_mut(), previous) {
            (Some(run), Some(prev)) if prev + 1 == *position => {
                run.last = number;
                run.len += 1;
            }
            _ => out.push(Run { first: number.clone(), last: number, len: 1 }),
        }
        previous = Some(*position);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(parts: &[usize]) -> Numbering {
        parts.iter().map(|n| (1..=*n).map(|i| (Some(i.to_string()), format!("Q{i}"))).collect()).collect()
    }

    fn run(first: &str, last: &str, len: usize) -> Run {
        Run { first: first.into(), last: last.into(), len }
    }

    #[test]
    fn questions_withheld_in_every_part_are_grouped() {
        let places: BTreeSet<Place> = [(1, 0), (1, 1), (1, 9), (2, 0), (2, 1)].into();
        let refs = refs(&places, &numbering(&[12, 7]));
        assert_eq!(refs.groups.len(), 2);
        assert!(refs.groups[0].all_parts);
        assert_eq!(refs.groups[0].runs, vec![run("1", "2", 2)]);
        assert_eq!(refs.groups[1].parts, vec![1]);
        assert_eq!(refs.groups[1].runs, vec![run("10", "10", 1)]);
    }

    #[test]
    fn consecutive_questions_become_runs_in_the_requesters_order() {
        let places: BTreeSet<Place> = (0..10).map(|i| (1, i)).chain([(1, 11)]).collect();
        let refs = refs(&places, &numbering(&[12]));
        assert_eq!(refs.groups.len(), 1);
        assert!(refs.groups[0].all_parts, "a one-part request needs no part names");
        assert_eq!(refs.groups[0].runs, vec![run("1", "10", 10), run("12", "12", 1)]);
    }

    #[test]
    fn letters_and_gaps_are_kept_as_the_requester_wrote_them() {
        let numbering: Numbering = vec![vec![
            (Some("a".into()), "A".into()),
            (Some("b".into()), "B".into()),
            (None, "Further comments".into()),
            (Some("c".into()), "C".into()),
        ]];
        let places: BTreeSet<Place> = [(1, 0), (1, 2), (1, 3)].into();
        let refs = refs(&places, &numbering);
        assert_eq!(refs.groups[0].runs, vec![run("a", "a", 1), run("c", "c", 1)]);
        assert_eq!(refs.groups[0].unnumbered, vec!["Further comments".to_owned()]);
    }

    #[test]
    fn a_number_withheld_in_only_one_part_is_named_by_part() {
        let places: BTreeSet<Place> = [(1, 6), (2, 5)].into();
        let refs = refs(&places, &numbering(&[12, 7]));
        assert_eq!(refs.groups.len(), 2);
        assert_eq!(
            (refs.groups[0].parts.clone(), refs.groups[0].runs.clone()),
            (vec![1], vec![run("7", "7", 1)])
        );
        assert_eq!(
            (refs.groups[1].parts.clone(), refs.groups[1].runs.clone()),
            (vec![2], vec![run("6", "6", 1)])
        );
    }
}
