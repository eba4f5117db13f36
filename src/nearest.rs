//! Near misses: the candidates a mistyped name most likely meant, for "did you mean" hints.
//!
//! At the ground floor, with no dependency of its own, so the closed tables (Acts,
//! questions) can suggest the nearest id for a typo in their own data as well as every
//! finding of a casebook can.

/// "did you mean `x`?" for the nearest candidates, else the list of candidates (`None` when
/// there are none).
pub fn suggestion(given: &str, candidates: &[&str]) -> Option<String> {
    let best: Vec<String> = closest_all(given, candidates).iter().map(|c| format!("`{c}`")).collect();
    match best.split_last() {
        None if candidates.is_empty() => None,
        None => Some(format!("expected one of: {}", candidates.join(", "))),
        Some((only, [])) => Some(format!("did you mean {only}?")),
        Some((last, init)) => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

/// The candidate nearest to `given`, when one is near enough to be a likely typo and no
/// other is as near.
pub fn closest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    match closest_all(given, candidates).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Every candidate at the smallest distance from `given`, when that is near enough to be a
/// likely typo.
pub fn closest_all<'a>(given: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let given = given.to_lowercase();
    let near: Vec<(usize, &str)> = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&given, &c.to_lowercase()), *c))
        .filter(|(distance, c)| *distance <= (c.len().max(given.len()) / 3).max(1))
        .collect();
    let Some(best) = near.iter().map(|(d, _)| *d).min() else { return Vec::new() };
    near.into_iter().filter(|(d, _)| *d == best).map(|(_, c)| c).collect()
}
