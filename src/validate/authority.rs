//! Which authority of the casebook a contract or request is for: the one `foi.yaml`
//! names, or the only one. Shared by the checks of contracts and requests, which both come
//! after the profile's.

use super::Check;
use crate::casebook::Authority;
use crate::report::Finding;
use crate::source::FieldPath;

/// Resolves the `authority:` field of a contract or request to an index.
pub(crate) fn which_authority(
    check: &mut Check,
    authorities: &[Authority],
    named: Option<&str>,
) -> Option<usize> {
    let path = FieldPath::key("authority");
    match (named, authorities) {
        (_, []) => None,
        (None, [_]) => Some(0),
        (None, _) => {
            let ids: Vec<&str> = authorities.iter().map(|a| a.id.as_str()).collect();
            check.push(
                Finding::error(
                    check.file,
                    &FieldPath::root(),
                    "foi.yaml lists several authorities: say which one this is for",
                )
                .hint(format!("add `authority:` with one of: {}", ids.join(", "))),
            );
            None
        }
        (Some(name), _) => {
            if let Some(index) = authorities.iter().position(|a| a.id == name) {
                return Some(index);
            }
            let ids: Vec<&str> =
                authorities.iter().map(|a| a.id.as_str()).filter(|id| !id.is_empty()).collect();
            let finding = Finding::error(check.file, &path, format!("no authority `{name}` in foi.yaml"));
            check.push(if ids.is_empty() {
                finding
                    .hint("foi.yaml gives its authority no `id`: remove this line, or add the id to foi.yaml")
            } else {
                finding.suggest(name, ids)
            });
            None
        }
    }
}
