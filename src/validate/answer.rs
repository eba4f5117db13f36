//! Checking one answer: its exemptions exist under the Act and suit the decision.

use std::sync::Arc;

use serde::Deserialize;

use super::Check;
use crate::casebook::{Answer, Decision};
use crate::exemptions::{Exemption, ExemptionKind, Library};
use crate::jurisdiction::Act;
use crate::model::values::{
    Contact, Count, Date, DurationAnswer, Link, List, MoneyAnswer, Months, Value, YesNo,
};
use crate::model::{self, Jurisdiction};
use crate::questionnaire::ValueKind;
use crate::report::Finding;
use crate::source::FieldPath;

/// The Act and library an answer is checked against.
pub(crate) struct Law<'a> {
    pub library: &'a Library,
    pub jurisdiction: Jurisdiction,
    pub act: &'a Act,
}

impl Law<'_> {
    /// Checks a raw answer at `path` and resolves its exemptions.
    pub fn answer(
        &self,
        check: &mut Check,
        path: &FieldPath,
        raw: model::RawAnswer<Value>,
    ) -> Option<Answer> {
        let held = match &raw {
            model::RawAnswer::Value(value) => Some((value, path.clone())),
            model::RawAnswer::Decision(model::RawDecision::Withhold { value: Some(value), .. }) => {
                Some((value, path.at("value")))
            }
            _ => None,
        };
        if let Some((Value::Contact(contact), at)) = held
            && !names_someone(contact)
        {
            check.push(
                    Finding::error(check.file, &at, "this contract owner has no name and no job title")
                        .hint("give the owner's `job-title` (and `name`): a junior officer's job title is what the requester is told"),
                );
            return None;
        }
        match raw {
            model::RawAnswer::Value(value) => Some(Answer::Value(value)),
            model::RawAnswer::Decision(decision) => {
                self.decision(check, path, decision).map(Answer::Decision)
            }
        }
    }

    /// Checks a raw decision at `path`.
    pub fn decision(
        &self,
        check: &mut Check,
        path: &FieldPath,
        raw: model::RawDecision<Value>,
    ) -> Option<Decision> {
        Some(match raw {
            model::RawDecision::Withhold { exemptions, reason, value } => {
                let exemptions = self.exemptions(check, &path.at("withhold"), &exemptions, Use::Withhold)?;
                Decision::Withhold { exemptions, reason, held: value }
            }
            model::RawDecision::NeitherConfirmNorDeny { exemptions, reason } => {
                let at = path.at("neither-confirm-nor-deny");
                let exemptions = self.exemptions(check, &at, &exemptions, Use::NeitherConfirmNorDeny)?;
                Decision::NeitherConfirmNorDeny { exemptions, reason }
            }
            model::RawDecision::NotHeld { explanation } => Decision::NotHeld { explanation },
            model::RawDecision::NotApplicable { explanation } => Decision::NotApplicable { explanation },
            model::RawDecision::Published(publication) => {
                let at = path.at("published");
                let mut ok = true;
                if publication.title.trim().is_empty() {
                    check.push(Finding::error(check.file, &at.at("title"), "a publication needs a title"));
                    ok = false;
                }
                if !is_web_address(&publication.url) {
                    check.push(
                        Finding::error(
                            check.file,
                            &at.at("url"),
                            format!("`{}` is not a web address", publication.url),
                        )
                        .hint("give the full address, starting https://, with no spaces"),
                    );
                    ok = false;
                } else if let Some(host) = bare_domain(&publication.url) {
                    // s.21/s.25 rest on the information being reasonably accessible to the
                    // requester; a site's home page leaves them to search for it, so the
                    // regulators expect the answer to say exactly where it is.
                    check.push(
                        Finding::warning(
                            check.file,
                            &at.at("url"),
                            format!("`{}` is the home page of {host}, not the item itself", publication.url),
                        )
                        .hint("link to the page or document that holds the information, so the requester can reach it directly"),
                    );
                }
                let exemption = self.library.get(self.jurisdiction, &self.act.exemptions.published)?;
                if !ok {
                    return None;
                }
                Decision::Published { exemption: Arc::clone(exemption), publication }
            }
        })
    }

    fn exemptions(
        &self,
        check: &mut Check,
        path: &FieldPath,
        ids: &[String],
        usage: Use,
    ) -> Option<Vec<Arc<Exemption>>> {
        let mut resolved = Vec::new();
        let mut ok = true;
        for (i, id) in ids.iter().enumerate() {
            let at = path.index(i);
            let Some(exemption) = self.library.get(self.jurisdiction, id) else {
                let finding = Finding::error(
                    check.file,
                    &at,
                    format!("unknown exemption `{id}` under {}", self.act.short),
                );
                check.push(self.library.unknown(self.jurisdiction, id, finding));
                ok = false;
                continue;
            };
            if let Some(problem) = usage.problem(exemption, self.act) {
                check.push(Finding::error(check.file, &at, problem.0).hint(problem.1));
                ok = false;
                continue;
            }
            if resolved.iter().any(|e: &Arc<Exemption>| e.id == exemption.id) {
                check.push(Finding::warning(check.file, &at, format!("`{id}` is listed twice")));
                continue;
            }
            resolved.push(Arc::clone(exemption));
        }
        ok.then_some(resolved)
    }
}

#[derive(Clone, Copy)]
enum Use {
    Withhold,
    NeitherConfirmNorDeny,
}

impl Use {
    fn problem(self, exemption: &Exemption, act: &Act) -> Option<(String, String)> {
        let cite = &exemption.citation;
        if exemption.kind == ExemptionKind::Procedural {
            return Some((
                format!("{cite} ({}) refuses a whole request, not one answer", exemption.title),
                format!("write `refuse: {{under: {}, …}}` at the top of the request file", exemption.id),
            ));
        }
        if exemption.id == act.exemptions.published {
            return Some((
                format!("{cite} needs the title and link of the publication"),
                "write `published: {title: …, url: https://…}` instead".to_owned(),
            ));
        }
        if matches!(self, Use::NeitherConfirmNorDeny) && exemption.ncnd.is_none() {
            return Some((
                format!("{cite} has no provision to neither confirm nor deny"),
                "withhold the information instead, or cite an exemption that has one".to_owned(),
            ));
        }
        None
    }
}

/// The host of a web address that points at a whole site (`https://example.gov.uk/`), not
/// a page on it.
fn bare_domain(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    matches!(path, "" | "/").then_some(host)
}

/// Whether `url` is an absolute `http(s)` address with nothing that could break out of
/// an attribute or a line.
pub(super) fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

/// Whether a contract owner says who they are: a name or a job title (non-blank). Without
/// either, the answer to "who owns the contract" would be empty, or a bare "withheld".
fn names_someone(contact: &Contact) -> bool {
    let given = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    given(&contact.name) || given(&contact.job_title)
}

/// Converts a value written in a request (any YAML) to the type its question takes.
pub(crate) fn typed(kind: Option<ValueKind>, raw: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    let text = |raw: &Y| match raw {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(if *b { "Yes" } else { "No" }.to_owned()),
        _ => None,
    };
    fn from<T: for<'de> Deserialize<'de> + Into<Value>>(raw: serde_yaml::Value) -> Result<Value, String> {
        serde_yaml::from_value::<T>(raw).map(Into::into).map_err(|e| e.to_string())
    }
    match kind {
        Some(ValueKind::Text) => text(&raw).map(Value::Text).ok_or_else(|| "expected text".to_owned()),
        None => match &raw {
            Y::Sequence(_) => from::<List>(raw),
            _ => text(&raw).map(Value::Text).ok_or_else(|| "expected text or a list".to_owned()),
        },
        Some(ValueKind::Count) => match text(&raw) {
            Some(words) => from::<Count>(Y::String(words)),
            None => Err("expected a number, or words such as `about 700`".into()),
        },
        Some(ValueKind::Date) => from::<Date>(raw),
        Some(ValueKind::Money) => from::<MoneyAnswer>(raw),
        Some(ValueKind::Duration) => from::<DurationAnswer>(raw),
        Some(ValueKind::Person) => from::<Contact>(raw),
        Some(ValueKind::Months) => from::<Months>(raw),
        Some(ValueKind::YesNo) => match text(&raw) {
            Some(words) => from::<YesNo>(Y::String(words)),
            None => Err("expected yes or no".into()),
        },
        Some(ValueKind::Link) => from::<Link>(raw),
        Some(ValueKind::List) => match text(&raw) {
            Some(item) => Ok(Value::List(vec![item])),
            None => from::<List>(raw),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::Count;

    #[test]
    fn request_values_take_their_question_type() {
        let y = |s: &str| serde_yaml::from_str::<serde_yaml::Value>(s).expect("yaml");
        assert_eq!(typed(Some(ValueKind::Count), y("12")), Ok(Value::Count(Count::Number(12))));
        assert_eq!(typed(Some(ValueKind::Text), y("12")), Ok(Value::Text("12".into())));
        assert!(typed(Some(ValueKind::Date), y("12/01/2023")).is_err());
        assert_eq!(typed(None, y("[a, b]")), Ok(Value::List(vec!["a".into(), "b".into()])));
    }

    #[test]
    fn web_addresses_are_checked() {
        assert!(is_web_address("https://www.contractsfinder.service.gov.uk/Notice/abc"));
        assert!(!is_web_address("www.example.com"));
        assert!(!is_web_address("https://example.com/a b"));
        assert!(!is_web_address("javascript:alert(1)"));
    }

    #[test]
    fn a_link_to_a_sites_home_page_is_told_from_a_link_to_an_item() {
        assert_eq!(
            bare_domain("https://www.contractsfinder.service.gov.uk/"),
            Some("www.contractsfinder.service.gov.uk")
        );
        assert_eq!(bare_domain("https://example.gov.uk"), Some("example.gov.uk"));
        assert_eq!(bare_domain("https://example.gov.uk/Notice/abc"), None);
        assert_eq!(bare_domain("https://example.gov.uk/?id=4"), None);
    }
}
