//! The answers of a response as data (`foi-response/1` JSON, what a sent record keeps),
//! and comparing two responses' answers: the same question about the same contract,
//! whoever asked and however they worded it. In `rules` because the review letter says
//! what the reply said as sent, from its record's data; `record` compares with it.

use serde_json::Value;

/// One answer of a response: which question about which contract, and what it said.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The part's id (`contact-centre`).
    pub part: &'a str,
    /// The part's number in its request.
    pub part_number: u64,
    /// The contract's id and title, for an answer about one contract.
    pub contract: Option<(&'a str, &'a str)>,
    /// The question's id, if it is a questionnaire question.
    pub id: Option<&'a str>,
    /// The requester's number for it.
    pub number: Option<&'a str>,
    /// Its label.
    pub label: &'a str,
    /// The question as data.
    pub question: &'a Value,
}

impl Line<'_> {
    /// What identifies the answer across requests: part, contract and question.
    pub fn key(&self) -> (&str, Option<&str>, Option<&str>) {
        (self.part, self.contract.map(|c| c.0), self.id)
    }

    /// Whether it gives the same answer as `other`: the same status, value, withholding,
    /// explanation and publication. The requester's numbering and wording do not count.
    pub fn same_answer(&self, other: &Line) -> bool {
        const ANSWER: [&str; 5] = ["status", "value", "withheld", "explanation", "publication"];
        ANSWER.iter().all(|key| self.question.get(key) == other.question.get(key))
    }

    /// `part 1 q4 Contract Expiry (Contact Centre Software)`.
    pub fn heading(&self) -> String {
        let mut out = format!("part {}", self.part_number);
        if let Some(number) = self.number {
            out.push_str(&format!(" q{number}"));
        }
        out.push(' ');
        out.push_str(self.label);
        if let Some((_, title)) = self.contract {
            out.push_str(&format!(" ({title})"));
        }
        out
    }

    /// The answer in a few words: the value as the letter gives it, or what was decided.
    /// Only public data is in a response as data, so nothing private can show here.
    pub fn words(&self) -> String {
        let q = self.question;
        let status = q.get("status").and_then(Value::as_str).unwrap_or_default();
        let citations = || -> String {
            let cites: Vec<&str> = q
                .get("withheld")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .flat_map(|w| w.get("exemptions").and_then(Value::as_array).into_iter().flatten())
                .filter_map(|e| e.get("citation").and_then(Value::as_str))
                .collect();
            // Mid-sentence, as the letters cite them: `section 43(2)`.
            cites.join(", ").replace("Section ", "section ")
        };
        let value = || {
            q.get("value").filter(|v| !v.is_null()).map(|v| {
                crate::templates::value(minijinja::Value::from(minijinja::value::Serde(v)))
                    .unwrap_or_default()
            })
        };
        match status {
            "disclosed" => value().unwrap_or_default(),
            "partly-withheld" => {
                format!("{} (in part withheld under {})", value().unwrap_or_default(), citations())
            }
            "withheld" => format!("withheld under {}", citations()),
            "neither-confirm-nor-deny" => format!("neither confirmed nor denied under {}", citations()),
            "not-held" => "not held".to_owned(),
            "not-applicable" => "not applicable".to_owned(),
            "published" => match q.pointer("/publication/url").and_then(Value::as_str) {
                Some(url) => format!("published at {url}"),
                None => "published".to_owned(),
            },
            other => other.to_owned(),
        }
    }
}

/// Every answer of a response as data, in its order.
pub(crate) fn lines(response: &Value) -> Vec<Line<'_>> {
    let Some(questions) = response.get("questions").and_then(Value::as_array) else { return Vec::new() };
    questions
        .iter()
        .filter_map(|question| {
            let text = |key: &str| question.get(key).and_then(Value::as_str);
            let contract = question.get("contract").and_then(|c| {
                Some((c.get("id").and_then(Value::as_str)?, c.get("title").and_then(Value::as_str)?))
            });
            Some(Line {
                part: text("part")?,
                part_number: question.get("part_number").and_then(Value::as_u64).unwrap_or(1),
                contract,
                id: text("id"),
                number: text("number"),
                label: text("label").unwrap_or_default(),
                question,
            })
        })
        .collect()
}

/// Each answer of `now` that differs from the answer of `then` to the same question about
/// the same contract: `(then, now)`. Questions only one of them asked are left out.
pub(crate) fn differences<'a>(
    then: &'a [Line<'a>],
    now: &'a [Line<'a>],
) -> Vec<(&'a Line<'a>, &'a Line<'a>)> {
    now.iter()
        .filter_map(|line| {
            let earlier = then.iter().find(|t| t.key() == line.key())?;
            (!earlier.same_answer(line)).then_some((earlier, line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(questions: Value) -> Value {
        serde_json::json!({ "questions": questions })
    }

    fn question(number: &str, status: &str, value: Value) -> Value {
        serde_json::json!({
            "part": "contact-centre", "part_number": 1,
            "contract": {"id": "ccs", "title": "Contact Centre Software"},
            "number": number, "id": "expiry", "label": "Contract Expiry",
            "status": status, "value": value, "withheld": [], "explanation": null, "publication": null,
        })
    }

    #[test]
    fn answers_are_compared_by_question_and_contract_not_by_wording_or_number() {
        let date = |d: &str| serde_json::json!({"type": "date", "value": d});
        let then = response(serde_json::json!([question("4", "disclosed", date("2023-02-01"))]));
        let same = response(serde_json::json!([question("iv", "disclosed", date("2023-02-01"))]));
        let later = response(serde_json::json!([question("4", "disclosed", date("2025-02-01"))]));
        let (then, same, later) = (lines(&then), lines(&same), lines(&later));
        assert!(differences(&then, &same).is_empty(), "another requester's numbering is the same answer");
        let changed = differences(&then, &later);
        assert_eq!(changed.len(), 1);
        let (before, after) = changed[0];
        assert_eq!(after.heading(), "part 1 q4 Contract Expiry (Contact Centre Software)");
        assert_eq!(
            (before.words(), after.words()),
            ("1 February 2023".to_owned(), "1 February 2025".to_owned())
        );
    }

    #[test]
    fn decisions_are_put_in_words_without_any_value() {
        let mut withheld = question("1", "withheld", Value::Null);
        withheld["withheld"] = serde_json::json!([{"items": [], "exemptions": [{"id": "s43-2", "citation": "Section 43(2)", "title": "Commercial interests"}], "neither_confirm_nor_deny": false}]);
        let data = response(serde_json::json!([withheld, question("2", "not-held", Value::Null)]));
        let words: Vec<String> = lines(&data).iter().map(Line::words).collect();
        assert_eq!(words, ["withheld under section 43(2)", "not held"]);
        assert!(
            lines(&serde_json::json!({"questions": "not a list"})).is_empty(),
            "a broken record has no answers"
        );
    }
}
