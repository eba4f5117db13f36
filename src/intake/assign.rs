//! Questions that look alike, told apart by what else the request asks.
//!
//! Owns one rule: within a part, a canonical question is asked once. When two questions of
//! a part both match the same id at or above the review threshold ("When does the
//! agreement run out?" and "When is it next looked at again?" both read as dates), the one
//! with the stronger evidence keeps it, and the other is matched again without it: when its
//! wording points confidently to another question of the part, that is the one it asks.
//! When it points nowhere else, both keep the id: a request may well ask one thing twice
//! in two ways ("Who is responsible for the contract?" and "Which officer manages it day
//! to day?"). Matches below the threshold are left as they are: they are the officer's to
//! settle already.

use super::matching::Evidence;
use super::{Found, Kind, REVIEW_BELOW};
use crate::questionnaire::{PartId, QuestionId, Questionnaire};

/// Settles the questions of every part so that no two confidently share an id.
pub fn one_per_id(found: &mut [Found]) {
    for &part in PartId::all() {
        let candidates = &Questionnaire::builtin().part(part).questions;
        let members: Vec<usize> = (0..found.len())
            .filter(|&i| {
                found[i].kind == Kind::Question && found[i].part == Some(part) && found[i].evidence.is_some()
            })
            .collect();
        let mut excluded: Vec<Vec<QuestionId>> = vec![Vec::new(); members.len()];
        // Each round either moves a question to an id it did not have or makes it a guess,
        // and ids only ever leave a question's candidates: the rounds are few.
        for _ in 0..=candidates.len() {
            if !settle_round(found, &members, &mut excluded, candidates) {
                break;
            }
        }
    }
}

fn confident(found: &Found) -> Option<QuestionId> {
    found.matched.id.filter(|_| found.matched.confidence >= REVIEW_BELOW)
}

fn settle_round(
    found: &mut [Found],
    members: &[usize],
    excluded: &mut [Vec<QuestionId>],
    candidates: &[QuestionId],
) -> bool {
    let mut changed = false;
    for id in candidates.iter().copied() {
        let claimants: Vec<usize> =
            (0..members.len()).filter(|&k| confident(&found[members[k]]) == Some(id)).collect();
        if claimants.len() < 2 {
            continue;
        }
        let strength = |k: usize| found[members[k]].evidence.as_ref().map_or(0.0, |e| e.points(id));
        // The strongest keeps it; on a tie, the first asked.
        let winner = claimants
            .iter()
            .copied()
            .max_by(|a, b| strength(*a).total_cmp(&strength(*b)).then_with(|| b.cmp(a)))
            .unwrap_or(claimants[0]);
        for k in claimants.into_iter().filter(|k| *k != winner) {
            if excluded[k].contains(&id) {
                continue;
            }
            excluded[k].push(id);
            let question = &mut found[members[k]];
            let Some(next) = question.evidence.as_ref().and_then(|e| elsewhere(e, candidates, &excluded[k]))
            else {
                continue;
            };
            question.matched = next;
            changed = true;
        }
    }
    changed
}

/// The confident match among the candidates not excluded, if there is one.
fn elsewhere(
    evidence: &Evidence,
    candidates: &[QuestionId],
    excluded: &[QuestionId],
) -> Option<super::matching::Match> {
    let next = evidence.decide(candidates, excluded);
    (next.id.is_some() && next.confidence >= REVIEW_BELOW).then_some(next)
}

#[cfg(test)]
mod tests {
    use crate::intake;
    use crate::questionnaire::QuestionId;
    use crate::questionnaire::tests::q;

    fn ids(text: &str) -> Vec<(Option<QuestionId>, bool)> {
        intake::read(text).numbered().map(|f| (f.matched.id, f.needs_review())).collect()
    }

    #[test]
    fn two_dates_are_told_apart_by_what_else_is_asked() {
        let asked = "Contact centre contracts, please state:\n1. the date of the contract\n2. when it will next be reviewed\n3. the end date\n";
        let got = ids(asked);
        assert_eq!(got[1], (Some(q("review")), false), "{got:?}");
        assert_eq!(got[2], (Some(q("expiry")), false), "{got:?}");
    }

    #[test]
    fn one_thing_asked_twice_keeps_its_id_both_times() {
        let asked = "Contact centre contracts, please state:\n1. Who is responsible for the contract?\n2. Which officer manages the contract day to day?\n";
        assert_eq!(ids(asked), [(Some(q("contact")), false), (Some(q("contact")), false)]);
    }
}
