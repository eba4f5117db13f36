//! The refusal notice: one entry per exemption and way of relying on it, naming the
//! questions it applies to in the requester's own numbering (FOIA s.17(1)(b); FOISA
//! s.16(1)(c)), with the wording that holds for those questions.
//!
//! Neither confirm nor deny is decided question by question: a provision relied on to
//! withhold one answer and to neither confirm nor deny another gets two entries, so the
//! notice never says it neither confirms nor denies information it has confirmed it holds.
//! An entry that neither confirms nor denies explains why the answer itself would do harm
//! and weighs the public interest in maintaining the exclusion of the duty to confirm or
//! deny (FOIA s.2(1)(b), s.17(1)(c) and (3); FOISA s.18(1)), not the disclosure test.

use std::collections::BTreeSet;
use std::sync::Arc;

use anyhow::Context;

use super::answers::Claim;
use crate::casebook::Authority;
use crate::exemptions::{Condition, Exemption, ExemptionKind, Facts, Library, filled, public_interest};
use crate::model::values::Date;
use crate::questionnaire::QuestionId;
use crate::response::{CaseReason, ExemptionView, Notice, QuestionGroup, QuestionPointer, QuestionRefs, Run};

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
    neither_confirm_nor_deny: bool,
    places: BTreeSet<Place>,
    facts: Facts,
    /// Each reason with the places it is given for, in order of first use.
    reasons: Vec<(String, BTreeSet<Place>)>,
}

/// What the notices are written for: the authority, the day the wording must be good for,
/// and facts of the whole request.
pub(super) struct Setting<'a> {
    pub(crate) library: &'a Library,
    pub(crate) authority: &'a Authority,
    pub(crate) received: Date,
    pub(crate) round_robin: bool,
}

impl Setting<'_> {
    /// The wording of `exemption` in force on the day the request was received (validation
    /// has made sure there is one).
    pub(crate) fn wording(&self, exemption: &Exemption) -> anyhow::Result<Arc<Exemption>> {
        self.library.at(exemption.act, &exemption.id, self.received).cloned().with_context(|| {
            format!(
                "no wording of {} is good for {} (validation should have caught this)",
                exemption.citation, self.received
            )
        })
    }

    fn facts(&self, mut facts: Facts) -> Facts {
        if self.round_robin {
            facts.holding.insert(Condition::RoundRobin);
        }
        facts
    }
}

impl NoticeBook {
    /// Records that `claim` applies to the question at `place`, which asks `question`
    /// (`None` for a question outside the questionnaire).
    pub(crate) fn record(&mut self, place: Place, question: Option<QuestionId>, claim: Claim) {
        let ncnd = claim.neither_confirm_nor_deny;
        let index = match self
            .entries
            .iter()
            .position(|e| e.exemption.id == claim.exemption.id && e.neither_confirm_nor_deny == ncnd)
        {
            Some(index) => index,
            None => {
                self.entries.push(Entry {
                    exemption: Arc::clone(&claim.exemption),
                    neither_confirm_nor_deny: ncnd,
                    places: BTreeSet::new(),
                    facts: Facts::default(),
                    reasons: Vec::new(),
                });
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[index];
        entry.places.insert(place);
        match question {
            Some(id) => {
                entry.facts.questions.insert(id);
            }
            None => entry.facts.unlisted = true,
        }
        entry.facts.holding.extend(claim.holding);
        if let Some(reason) = claim.reason {
            match entry.reasons.iter_mut().find(|(text, _)| *text == reason) {
                Some((_, places)) => {
                    places.insert(place);
                }
                None => entry.reasons.push((reason, [place].into())),
            }
        }
    }

    /// The notices, in order of first use.
    pub(crate) fn finish(self, setting: &Setting, numbering: &Numbering) -> anyhow::Result<Vec<Notice>> {
        let authority = setting.authority;
        self.entries
            .into_iter()
            .map(|entry| {
                let wording = setting.wording(&entry.exemption)?;
                let facts = setting.facts(entry.facts);
                let (in_text, act) = (authority.in_text.as_str(), authority.act.act.as_str());
                let (explanation, public_interest) = if entry.neither_confirm_nor_deny {
                    let ncnd = wording.ncnd.as_ref().with_context(|| {
                        format!(
                            "{} has no neither-confirm-nor-deny wording (validation should have caught this)",
                            wording.citation
                        )
                    })?;
                    (
                        filled(&ncnd.explanation, &facts, in_text, act),
                        ncnd.public_interest.as_ref().map(|p| public_interest(p, &facts, in_text, act)),
                    )
                } else {
                    let pit = match wording.kind {
                        ExemptionKind::Qualified => wording.public_interest.as_ref(),
                        _ => None,
                    };
                    (
                        filled(&wording.explanation, &facts, in_text, act),
                        pit.map(|p| public_interest(p, &facts, in_text, act)),
                    )
                };
                let pointers = |places: &BTreeSet<Place>| -> Vec<QuestionPointer> {
                    places
                        .iter()
                        .filter_map(|(part, position)| {
                            let (number, label) = numbering.get(part - 1)?.get(*position)?;
                            Some(QuestionPointer {
                                part: *part,
                                number: number.clone(),
                                label: label.clone(),
                            })
                        })
                        .collect()
                };
                let case_reasons = entry
                    .reasons
                    .iter()
                    .map(|(text, places)| CaseReason {
                        text: text.clone(),
                        questions: refs(places, numbering),
                        applies_to: pointers(places),
                        all: *places == entry.places,
                    })
                    .collect();
                Ok(Notice {
                    public_interest,
                    exemption: ExemptionView { explanation, ..view(&wording) },
                    questions: refs(&entry.places, numbering),
                    applies_to: pointers(&entry.places),
                    neither_confirm_nor_deny: entry.neither_confirm_nor_deny,
                    reasons: entry.reasons.into_iter().map(|(text, _)| text).collect(),
                    case_reasons,
                })
            })
            .collect()
    }
}

/// The exemption as named in a response, its explanation left empty for the caller.
fn view(exemption: &Exemption) -> ExemptionView {
    ExemptionView {
        id: exemption.id.clone(),
        citation: exemption.citation.clone(),
        title: exemption.title.clone(),
        kind: exemption.kind,
        test: exemption.test,
        ncnd: exemption.ncnd.as_ref().map(|n| n.citation.clone()),
        explanation: Vec::new(),
        guidance: exemption.guidance.clone(),
    }
}

/// A procedural provision refusing the whole request, with the wording that holds for it.
pub(super) fn refusal_view(exemption: &Exemption, setting: &Setting) -> anyhow::Result<ExemptionView> {
    let wording = setting.wording(exemption)?;
    let facts = setting.facts(Facts::default());
    let authority = setting.authority;
    let explanation = filled(&wording.explanation, &facts, &authority.in_text, &authority.act.act);
    Ok(ExemptionView { explanation, ..view(&wording) })
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
