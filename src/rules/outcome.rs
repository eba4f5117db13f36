//! Classifying a response into the outcome categories of the Cabinet Office and OSIC
//! statistics (reference notes B.5).

use crate::model::RefusalGround;
use crate::response::{Outcome, Status};

/// The outcome of a response that answers its questions.
///
/// Information "withheld" includes information refused because it is already published
/// (FOIA s.21, FOISA s.25): the statistics count those as exemptions. Questions that do not
/// apply are left out. A response that gives everything held is granted in full even when
/// some information is not held.
pub(crate) fn classify(statuses: impl IntoIterator<Item = Status>) -> Outcome {
    let (mut given, mut withheld, mut ncnd, mut not_held) = (false, false, false, false);
    for status in statuses {
        match status {
            Status::Disclosed => given = true,
            Status::PartlyWithheld => (given, withheld) = (true, true),
            Status::Withheld | Status::Published => withheld = true,
            Status::NeitherConfirmNorDeny => ncnd = true,
            Status::NotHeld => not_held = true,
            Status::NotApplicable => {}
        }
    }
    match (given, withheld || ncnd) {
        (true, true) => Outcome::PartiallyWithheld,
        (true, false) => Outcome::GrantedInFull,
        (false, _) if withheld => Outcome::WithheldInFull,
        (false, _) if ncnd => Outcome::NeitherConfirmNorDeny,
        (false, _) if not_held => Outcome::NotHeld,
        (false, _) => Outcome::GrantedInFull,
    }
}

/// The outcome of a request refused as a whole.
pub(crate) fn refused(ground: RefusalGround) -> Outcome {
    match ground {
        RefusalGround::Cost => Outcome::RefusedCost,
        RefusalGround::Vexatious => Outcome::RefusedVexatious,
        RefusalGround::Repeated => Outcome::RefusedRepeated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn each_outcome_class() {
        let cases: &[(&[Status], Outcome)] = &[
            (&[Disclosed, Disclosed], Outcome::GrantedInFull),
            (&[Disclosed, NotHeld], Outcome::GrantedInFull),
            (&[Disclosed, NotApplicable], Outcome::GrantedInFull),
            (&[Disclosed, Withheld], Outcome::PartiallyWithheld),
            (&[PartlyWithheld], Outcome::PartiallyWithheld),
            (&[Disclosed, Published], Outcome::PartiallyWithheld),
            (&[Disclosed, NeitherConfirmNorDeny], Outcome::PartiallyWithheld),
            (&[Withheld, NotHeld], Outcome::WithheldInFull),
            (&[Published, Withheld], Outcome::WithheldInFull),
            (&[NotHeld, NotHeld], Outcome::NotHeld),
            (&[NeitherConfirmNorDeny, NotHeld], Outcome::NeitherConfirmNorDeny),
        ];
        for (statuses, expected) in cases {
            assert_eq!(classify(statuses.iter().copied()), *expected, "{statuses:?}");
        }
        assert_eq!(refused(RefusalGround::Cost), Outcome::RefusedCost);
        assert_eq!(refused(RefusalGround::Vexatious), Outcome::RefusedVexatious);
        assert_eq!(refused(RefusalGround::Repeated), Outcome::RefusedRepeated);
    }
}
