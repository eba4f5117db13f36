//! Typst source for the letter: the main file the PDF is compiled from, and the
//! self-contained source `--format typst` prints for people who want to adjust it. The PDF
//! itself is made in `pdf`, from this source.
//!
//! The template (`templates/letter.typ`) defines `letter(data)`; the letter's data comes
//! from [`super::letter`]. Data is only ever handed to Typst as a value (JSON read by
//! `json()`, or a Typst literal whose strings are escaped here), never spliced into markup,
//! so casebook text cannot become Typst code. Needs no Typst crate: it is text.

use std::fmt::Write as _;

use anyhow::Context;
use serde::Serialize;

use super::{Renderer, letter};
use crate::response::Response;
use crate::templates;

impl Renderer {
    /// The letter as Typst source that compiles on its own: `letter.typ` (the casebook's
    /// copy or the built-in one) followed by the letter's data.
    pub fn typst(&self, response: &Response) -> anyhow::Result<String> {
        let template = templates::text(self.files.as_ref(), response.letter.typst)?;
        let logo = self.logo(response)?.map(|(path, _)| path);
        standalone(&template, &letter::letter(response, logo)?)
    }

    /// Without the `pdf` feature there is no Typst to make a PDF with.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self, _response: &Response) -> anyhow::Result<Vec<u8>> {
        Err(crate::error::Error::Unusable(
            "this build of foi cannot make PDFs: it was built without the `pdf` feature \
             (on by default); use --format typst and compile that with Typst, or rebuild foi"
                .to_owned(),
        )
        .into())
    }

    /// The letterhead's logo: its path in the Typst project and its bytes, read from the
    /// casebook (through the loader's one reader of casebook files, which refuses links,
    /// pipes, devices and anything outside the casebook). A logo that cannot be read is an
    /// error naming the file and the foi.yaml key, never a letter without it.
    pub(super) fn logo(&self, response: &Response) -> anyhow::Result<Option<(String, Vec<u8>)>> {
        let Some(logo) = response.authority.logo.as_deref() else { return Ok(None) };
        let named = format!("the logo `{logo}` (`logo:` of {} in foi.yaml)", response.authority.name);
        let files =
            self.files.as_ref().with_context(|| format!("{named}: no casebook folder to find it in"))?;
        let (parts, bytes) =
            crate::load::logo(files, logo).map_err(|why| anyhow::anyhow!("{named} {why}"))?;
        Ok(Some((format!("/{}", parts.join("/")), bytes)))
    }
}

/// Where the template lives in the Typst project the PDF is compiled in.
#[cfg(feature = "pdf")]
pub const TEMPLATE_PATH: &str = "/letter.typ";

/// Where the letter's data (JSON) lives in that project.
#[cfg(feature = "pdf")]
pub const DATA_PATH: &str = "/response.json";

/// The main file of the project the PDF is compiled in: it calls the template with the data.
#[cfg(feature = "pdf")]
pub fn main() -> String {
    format!("#import \"{TEMPLATE_PATH}\": letter\n#letter(json(\"{DATA_PATH}\"))\n")
}

/// One Typst file that makes the letter with no other input: the template, then a call of
/// `letter` with the data written out as a Typst dictionary.
pub fn standalone(template: &str, data: &impl Serialize) -> anyhow::Result<String> {
    let value = serde_json::to_value(data)?;
    let mut out = String::with_capacity(template.len() + 8192);
    out.push_str(
        "// Made by foi: templates/letter.typ, then the letter's data. Compile it with\n\
         // `typst compile FILE.typ`; if the letterhead has a logo, add `--root` with the\n\
         // casebook's folder, where the logo's path starts.\n\n",
    );
    out.push_str(template);
    if !template.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\n#letter(");
    literal(&mut out, &value, 0);
    out.push_str(")\n");
    Ok(out)
}

/// Writes `value` as a Typst literal: `none`, booleans, numbers, escaped strings, arrays
/// `(a, b)` and dictionaries `(key: value)`, indented for reading.
fn literal(out: &mut String, value: &serde_json::Value, depth: usize) {
    use serde_json::Value as J;
    match value {
        J::Null => out.push_str("none"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => {
                let _ = write!(out, "{i}");
            }
            (None, Some(u), _) => {
                let _ = write!(out, "{u}");
            }
            // `{:?}` keeps the decimal point, so a float stays a float in Typst.
            (None, None, Some(f)) => {
                let _ = write!(out, "{f:?}");
            }
            (None, None, None) => out.push_str("none"),
        },
        J::String(s) => string(out, s),
        J::Array(items) if items.is_empty() => out.push_str("()"),
        J::Array(items) => {
            out.push('(');
            for item in items {
                newline(out, depth + 1);
                literal(out, item, depth + 1);
                out.push(',');
            }
            newline(out, depth);
            out.push(')');
        }
        J::Object(map) if map.is_empty() => out.push_str("(:)"),
        J::Object(map) => {
            out.push('(');
            for (key, item) in map {
                newline(out, depth + 1);
                if is_identifier(key) {
                    out.push_str(key);
                } else {
                    string(out, key);
                }
                out.push_str(": ");
                literal(out, item, depth + 1);
                out.push(',');
            }
            newline(out, depth);
            out.push(')');
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A Typst string literal: only `\` and `"` need escaping, and control characters are
/// written as escapes so the literal stays on one line.
fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether `key` can be written bare as a dictionary key: an ASCII identifier that is not
/// a keyword.
fn is_identifier(key: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "none", "auto", "true", "false", "not", "and", "or", "let", "set", "show", "context", "if", "else",
        "for", "in", "while", "break", "continue", "return", "import", "include", "as",
    ];
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !KEYWORDS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(value: serde_json::Value) -> String {
        let mut out = String::new();
        literal(&mut out, &value, 0);
        out
    }

    #[test]
    fn strings_are_escaped_as_typst_string_literals() {
        let nasty = "#import \"x\": * $a$ _b_ @c <d> [e] \\f\nline\u{7}";
        assert_eq!(
            typst(serde_json::json!(nasty)),
            "\"#import \\\"x\\\": * $a$ _b_ @c <d> [e] \\\\f\\nline\\u{7}\""
        );
    }

    #[test]
    fn values_keep_their_types() {
        let value = serde_json::json!({"a": null, "b": [1, 2.5, true], "c": {}, "d": [], "if": 1, "x y": 2});
        assert_eq!(
            typst(value),
            "(\n  a: none,\n  b: (\n    1,\n    2.5,\n    true,\n  ),\n  c: (:),\n  d: (),\n  \"if\": 1,\n  \"x y\": 2,\n)"
        );
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn the_main_file_reads_the_data_as_json() {
        assert_eq!(main(), "#import \"/letter.typ\": letter\n#letter(json(\"/response.json\"))\n");
    }
}
