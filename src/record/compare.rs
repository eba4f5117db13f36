//! Comparing the answers of two responses, as data (`foi-response/1` JSON): the answers
//! themselves are read by `rules::answer_lines`, below the rules that the review letter
//! needs them for; this adds the response as a record keeps it.

use serde_json::Value;

pub(crate) use crate::rules::answer_lines::{Line, differences, lines};

/// The public response as data, as a record keeps it.
pub(crate) fn as_data(response: &crate::response::Response) -> anyhow::Result<Value> {
    Ok(serde_json::from_str(&crate::render::json::render(response)?)?)
}
