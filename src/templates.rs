//! The template environment: built-in templates, a casebook's overrides, escaping, filters.
//!
//! Owns which template text is used (the casebook's `templates/<name>` wins over the
//! built-in one, file by file), how values are escaped (Markdown templates escape every
//! value so casebook text prints literally; HTML templates escape HTML), and the filters
//! templates phrase with. Templates receive a resolved `Response`; no legal logic lives in
//! them or here.

mod overrides;

pub use overrides::check;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use std::borrow::Cow;

use crate::load::Files;

/// The built-in templates: (name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("letter.md", include_str!("../templates/letter.md")),
    ("letterhead.md", include_str!("../templates/letterhead.md")),
    ("signature.md", include_str!("../templates/signature.md")),
    ("acknowledgement.md", include_str!("../templates/acknowledgement.md")),
    ("clarification.md", include_str!("../templates/clarification.md")),
    ("extension.md", include_str!("../templates/extension.md")),
    ("review.md", include_str!("../templates/review.md")),
    ("inline.md", include_str!("../templates/inline.md")),
    ("annex.md", include_str!("../templates/annex.md")),
    ("answers.md", include_str!("../templates/answers.md")),
    ("macros.md", include_str!("../templates/macros.md")),
    ("notice.md", include_str!("../templates/notice.md")),
    ("refusal.md", include_str!("../templates/refusal.md")),
    ("rights.md", include_str!("../templates/rights.md")),
    ("page.html", include_str!("../templates/page.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("site-base.html", include_str!("../templates/site-base.html")),
    ("site-index.html", include_str!("../templates/site-index.html")),
    ("site-nav.html", include_str!("../templates/site-nav.html")),
    ("site-response.html", include_str!("../templates/site-response.html")),
    ("site-stats.html", include_str!("../templates/site-stats.html")),
    ("site-accessibility.html", include_str!("../templates/site-accessibility.html")),
    ("site.css", include_str!("../templates/site.css")),
    ("site.js", include_str!("../templates/site.js")),
    ("letter.typ", include_str!("../templates/letter.typ")),
];

/// The escaping used for Markdown templates.
const MARKDOWN: &str = "markdown";

/// The work one render may do, in minijinja's fuel: about one unit per instruction and per
/// 64 bytes of text made, so it bounds both the time and the memory a template can take.
/// The longest example letter uses about 2,000 and the disclosure log's index about 65 a
/// response; a casebook's own template that loops or doubles a string without end stops
/// at this, a million (about 64 MB of text), with an error naming the template.
pub const FUEL: u64 = 1_000_000;

/// Fuel a page made from a large context (the disclosure log's index and statistics) gets
/// on top of [`FUEL`] per byte of that context written as JSON: about twenty times what the
/// built-in templates use, so the bound grows with the log, never with the template.
pub const FUEL_PER_CONTEXT_BYTE: u64 = 4;

/// How deep templates may nest (each include or macro call counts about ten, each loop or
/// `if` one). The built-in letters need under 50; minijinja's own limit, 500, is more than a
/// small thread's stack holds in a debug build.
pub const RECURSION_LIMIT: usize = 200;

/// Builds the environment for a casebook (or for the built-ins alone with `None`).
pub fn environment(casebook: Option<&Files>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax =
        SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") {
            AutoEscape::Custom(Cow::Borrowed(MARKDOWN))
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Custom(Cow::Borrowed(MARKDOWN)) && !value.is_safe() {
            if value.is_none() || value.is_undefined() {
                return Err(Error::new(ErrorKind::UndefinedError, "a template printed an empty value"));
            }
            let escaped = match value.as_str() {
                Some(text) => escape_markdown(text),
                None => escape_markdown(&value.to_string()),
            };
            return out.write_str(&escaped).map_err(Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    let files = casebook.cloned();
    env.set_loader(move |name| load(files.as_ref(), name));
    env.add_filter("uk_date", uk_date);
    env.add_filter("money", money);
    env.add_filter("number", number);
    env.add_filter("questions", questions);
    env.add_filter("section_ref", section_ref);
    env.add_filter("join_and", join_and);
    env.add_filter("ucfirst", ucfirst);
    env.add_filter("value", value);
    env.add_filter("cited", cited);
    env.add_filter("destination", destination);
    env
}

/// Where a casebook's own copy of template `name` lives (it may not exist).
pub fn override_path(casebook_root: &Path, name: &str) -> Option<PathBuf> {
    safe_join(&casebook_root.join("templates"), name)
}

/// The casebook's copy of `name` if it has one, else the built-in one. The copy is read
/// through the loader's one reader of casebook files: a link, a pipe or a device in
/// `templates/` is an error naming the file, never a template.
fn load(casebook: Option<&Files>, name: &str) -> Result<Option<String>, Error> {
    if let Some(files) = casebook
        && let Some(path) = override_path(files.root(), name)
    {
        let fail = |why: String| Error::new(ErrorKind::InvalidOperation, format!("templates/{name}: {why}"));
        match files.read(&path, crate::load::MAX_FILE_BYTES) {
            Ok(bytes) => {
                return String::from_utf8(bytes)
                    .map(Some)
                    .map_err(|_| fail("not UTF-8 text: save the file as UTF-8".to_owned()));
            }
            Err(refusal) if refusal.is_not_found() => {}
            Err(refusal) => return Err(fail(refusal.to_string())),
        }
    }
    Ok(BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
}

/// The text of template `name`, for templates not rendered by minijinja (the Typst letter):
/// the casebook's copy if it has one, else the built-in one.
pub fn text(casebook: Option<&Files>, name: &str) -> anyhow::Result<String> {
    load(casebook, name)
        .map_err(|err| anyhow::anyhow!("{err:#}"))?
        .ok_or_else(|| anyhow::anyhow!("no template `{name}`"))
}

/// `dir/name` when `name` is a plain relative path that cannot leave `dir`.
fn safe_join(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let plain = relative.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    plain.then(|| dir.join(relative))
}

/// Escapes text so Markdown prints it literally: punctuation that could start syntax is
/// backslash-escaped, line breaks become spaces (a value never starts a new block).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_markdown_into(&mut out, text);
    out
}

/// Bytes that need attention anywhere in a value: Markdown punctuation, whitespace other
/// than a plain space, and the first byte of any non-ASCII character (which may be Unicode
/// whitespace). A table, because most values are scanned and copied unchanged.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let punctuation = b"\\`*_[]<>#|~&{}\t\n\r\x0b\x0c";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    let mut byte = 0x80;
    while byte < 256 {
        table[byte] = true;
        byte += 1;
    }
    table
};

/// [`escape_markdown`] into an existing string. Most values need no escaping at all, so
/// they are copied whole.
pub fn escape_markdown_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let first = bytes.first().copied().unwrap_or(b' ');
    let risky_start = matches!(first, b'-' | b'+' | b'=') || first.is_ascii_digit();
    if !risky_start && !bytes.iter().any(|b| SPECIAL[usize::from(*b)]) && !text.contains("  ") {
        out.push_str(text);
        return;
    }
    let mut at_start = true;
    let mut last_space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            at_start = false;
            continue;
        }
        last_space = false;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if at_start => {
                // "1990. A year" or "3) x" at the start of a line would begin a list.
                out.push(c);
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    out.push(d);
                    chars.next();
                }
                if let Some(p @ ('.' | ')')) = chars.peek().copied() {
                    out.push('\\');
                    out.push(p);
                    chars.next();
                }
            }
            _ => out.push(c),
        }
        at_start = false;
    }
}

/// A web address as the destination of a Markdown link, `[text]({{ url|destination }})`.
///
/// A plain address (balanced parentheses included, as Markdown allows) is escaped as any
/// value is. One with an unbalanced parenthesis, an angle bracket or a space is written
/// `<…>`, where parentheses are literal: bare, an unbalanced `)` ended the link early
/// (`https://example.org/a)b` linked to `https://example.org/a`). Inside `<…>` only `<`,
/// `>`, `\` and `&` need a backslash; spaces are percent-encoded, which is what they mean
/// in an address.
pub fn destination(url: &str) -> Value {
    let awkward = |c: char| matches!(c, '<' | '>') || c.is_whitespace() || c.is_control();
    if !url.contains(awkward) && balanced(url) {
        return Value::from_safe_string(escape_markdown(url));
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('>');
    Value::from_safe_string(out)
}

/// Whether every `)` of `text` closes a `(` before it, and every `(` is closed.
fn balanced(text: &str) -> bool {
    let mut open = 0usize;
    for c in text.chars() {
        match c {
            '(' => open += 1,
            ')' if open == 0 => return false,
            ')' => open -= 1,
            _ => {}
        }
    }
    open == 0
}

fn parse_date(value: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        Error::new(ErrorKind::InvalidOperation, format!("uk_date: `{value}` is not a YYYY-MM-DD date"))
    })
}

/// `2022-11-25` → `25 November 2022`.
pub fn uk_date(value: &str) -> Result<String, Error> {
    Ok(parse_date(value)?.format("%-d %B %Y").to_string())
}

/// An amount with its currency symbol and thousands separators: `£12,345` or `£4,500.50`.
fn money(value: Value) -> Result<String, Error> {
    let amount = value
        .get_attr("amount")?
        .as_f64_lossy()
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "money: the value has no amount"))?;
    let symbol = match value.get_attr("currency")?.as_str() {
        Some("EUR") => "€",
        Some("USD") => "$",
        _ => "£",
    };
    Ok(format!("{symbol}{}", format_amount(amount)))
}

trait LossyF64 {
    fn as_f64_lossy(&self) -> Option<f64>;
}

impl LossyF64 for Value {
    fn as_f64_lossy(&self) -> Option<f64> {
        f64::try_from(self.clone()).ok()
    }
}

fn format_amount(amount: f64) -> String {
    let pence = (amount * 100.0).round() as i128;
    let (pounds, pence) = (pence / 100, pence % 100);
    let grouped = group_thousands(&pounds.to_string());
    if pence == 0 { grouped } else { format!("{grouped}.{pence:02}") }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whole numbers with thousands separators, fractions to one place; text as written.
pub(crate) fn number(value: Value) -> String {
    if let Ok(n) = i64::try_from(value.clone())
        && n >= 0
    {
        return group_thousands(&n.to_string());
    }
    match f64::try_from(value.clone()) {
        Ok(x) if x.is_finite() && x >= 0.0 => {
            let text = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
            let whole = group_thousands(whole);
            if fraction.is_empty() { whole } else { format!("{whole}.{fraction}") }
        }
        _ => value.to_string(),
    }
}

/// `Section 43(2)` → `section 43(2)`, for use mid-sentence.
pub(crate) fn section_ref(value: Value) -> Result<String, Error> {
    let citation = match value.as_str() {
        Some(s) => s.to_owned(),
        None => value.get_attr("citation")?.to_string(),
    };
    let mut chars = citation.chars();
    Ok(match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => citation,
    })
}

/// An amount in pounds as the `money` filter writes it: `£775`, `£612.50`.
pub(crate) fn pounds(amount: f64) -> String {
    format!("£{}", format_amount(amount))
}

/// Text with its first letter capitalised, as the `ucfirst` filter makes it.
pub(crate) fn ucfirst_str(text: &str) -> String {
    ucfirst(Value::from(text)).to_string()
}

/// Capitalises the first letter, leaving the rest (and whether the text is safe) alone.
fn ucfirst(value: Value) -> Value {
    let text = value.to_string();
    let mut chars = text.chars();
    let capitalised: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    };
    if value.is_safe() { Value::from_safe_string(capitalised) } else { Value::from(capitalised) }
}

/// A disclosed value in words, by its type: dates in full, money with its currency and the
/// years averaged, lists joined, a contract owner's details in order.
pub(crate) fn value(v: Value) -> Result<String, Error> {
    let inner = v.get_attr("value")?;
    let text = |key: &str| -> Result<Option<String>, Error> {
        let field = inner.get_attr(key)?;
        Ok(if field.is_none() || field.is_undefined() { None } else { Some(field.to_string()) })
    };
    Ok(match v.get_attr("type")?.as_str() {
        Some("date") => uk_date(&inner.to_string())?,
        Some("count") => ucfirst(Value::from(number(inner))).to_string(),
        Some("list") => join_and(inner)?,
        Some("money") => {
            // A total (its question says `yearly: false`) is printed without "a year".
            let yearly = inner.get_attr("yearly")?.is_true() || inner.get_attr("yearly")?.is_undefined();
            let mut out = money(inner.clone())?;
            if yearly {
                out.push_str(" a year");
            }
            if let Some(years) = text("years")? {
                let plural = if years == "1" { "" } else { "s" };
                out.push_str(&format!(" (average over {years} year{plural})"));
            }
            if let Some(note) = text("note")? {
                out.push_str(", ");
                out.push_str(&note);
            }
            out
        }
        Some("duration") => match (text("term")?, text("extensions")?) {
            (Some(term), Some(extensions)) => format!("{term}; extensions: {extensions}"),
            (term, _) => term.unwrap_or_default(),
        },
        Some("contact") => {
            let mut out = match (text("name")?, text("job_title")?) {
                (Some(_), _) => ["name", "job_title", "phone", "email"]
                    .iter()
                    .filter_map(|key| text(key).transpose())
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", "),
                (None, Some(title)) => format!("Job title: {title}"),
                (None, None) => String::new(),
            };
            let officer = inner.get_attr("senior_officer")?;
            if !officer.is_none() && !officer.is_undefined() {
                if !out.is_empty() {
                    out.push_str(". ");
                }
                out.push_str(&format!(
                    "The senior officer responsible is {}, {}",
                    officer.get_attr("name")?,
                    officer.get_attr("job_title")?
                ));
                let email = officer.get_attr("email")?;
                if !email.is_none() && !email.is_undefined() {
                    out.push_str(&format!(" ({email})"));
                }
            }
            out
        }
        _ => inner.to_string(),
    })
}

/// A disclosed value in words, as the letters print it (for open data).
pub fn value_words(value: &crate::model::Value) -> String {
    self::value(Value::from(minijinja::value::Serde(value))).unwrap_or_default()
}

/// Exemptions cited mid-sentence: `section 31(1)(a) (law enforcement) and section 43(2)
/// (commercial interests)`.
pub(crate) fn cited(exemptions: Value) -> Result<String, Error> {
    let mut items = Vec::new();
    for exemption in exemptions.try_iter()? {
        let title = exemption.get_attr("title")?.to_string().to_lowercase();
        items.push(format!("{} ({title})", section_ref(exemption)?));
    }
    Ok(join_words(&items))
}

/// `[a, b, c]` → `a, b and c`.
pub(crate) fn join_and(value: Value) -> Result<String, Error> {
    let items: Vec<String> = value.try_iter()?.map(|v| v.to_string()).collect();
    Ok(join_words(&items))
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Phrases a `QuestionRefs` in the requester's numbering: "questions 1 and 2 in both parts,
/// and question 10 in part 1".
pub(crate) fn questions(refs: Value) -> Result<String, Error> {
    let parts_in_request = usize::try_from(refs.get_attr("parts_in_request")?)?;
    let mut phrases = Vec::new();
    for group in refs.get_attr("groups")?.try_iter()? {
        let mut numbers = Vec::new();
        let mut count = 0;
        for run in group.get_attr("runs")?.try_iter()? {
            let (first, last) = (run.get_attr("first")?.to_string(), run.get_attr("last")?.to_string());
            let len = usize::try_from(run.get_attr("len")?)?;
            count += len;
            match len {
                1 => numbers.push(first),
                2 => {
                    numbers.push(first);
                    numbers.push(last);
                }
                _ => numbers.push(format!("{first} to {last}")),
            }
        }
        let mut phrase = String::new();
        if !numbers.is_empty() {
            let noun = if count == 1 { "question" } else { "questions" };
            phrase = format!("{noun} {}", join_words(&numbers));
        }
        let unnumbered: Vec<String> =
            group.get_attr("unnumbered")?.try_iter()?.map(|l| format!("“{l}”")).collect();
        if !unnumbered.is_empty() {
            let noun = if unnumbered.len() == 1 { "your question" } else { "your questions" };
            let labels = format!("{noun} {}", join_words(&unnumbered));
            phrase = if phrase.is_empty() { labels } else { format!("{phrase} and {labels}") };
        }
        if parts_in_request > 1 {
            if group.get_attr("all_parts")?.is_true() {
                phrase.push_str(if parts_in_request == 2 { " in both parts" } else { " in every part" });
            } else {
                let parts: Vec<String> =
                    group.get_attr("parts")?.try_iter()?.map(|p| p.to_string()).collect();
                phrase.push_str(&format!(" in part {}", join_words(&parts)));
            }
        }
        phrases.push(phrase);
    }
    Ok(match phrases.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{QuestionGroup, QuestionRefs, Run};

    #[test]
    fn every_template_file_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("templates folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(escape_markdown("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape_markdown("A & B *bold* [link](x)"), "A \\& B \\*bold\\* \\[link\\](x)");
        assert_eq!(escape_markdown("1990. A year"), "1990\\. A year");
        assert_eq!(escape_markdown("- not a list"), "\\- not a list");
        assert_eq!(escape_markdown("two\n\nparagraphs"), "two paragraphs");
        assert_eq!(escape_markdown(" and "), " and ", "spaces around words are kept");
        assert_eq!(escape_markdown("Head of IT - 01424"), "Head of IT - 01424");
        assert_eq!(escape_markdown("Contract #3"), "Contract \\#3");
        assert_eq!(escape_markdown("Café  au lait\tnow"), "Café au lait now");
        assert_eq!(escape_markdown("plain words, no marks."), "plain words, no marks.");
    }

    #[test]
    fn dates_money_and_numbers_read_naturally() {
        assert_eq!(uk_date("2022-12-09").unwrap(), "9 December 2022");
        assert!(uk_date("09/12/2022").is_err());
        assert_eq!(format_amount(12000.0), "12,000");
        assert_eq!(format_amount(4500.5), "4,500.50");
        assert_eq!(format_amount(999.0), "999");
        assert_eq!(format_amount(1_234_567.0), "1,234,567");
        assert_eq!(number(Value::from(1200)), "1,200");
        assert_eq!(number(Value::from("about 700")), "about 700");
    }

    type Group<'a> = (Vec<usize>, bool, Vec<(&'a str, &'a str, usize)>);

    fn refs(parts: usize, groups: Vec<Group>) -> Value {
        Value::from(minijinja::value::Serde(QuestionRefs {
            parts_in_request: parts,
            groups: groups
                .into_iter()
                .map(|(parts, all_parts, runs)| QuestionGroup {
                    parts,
                    all_parts,
                    runs: runs
                        .into_iter()
                        .map(|(f, l, len)| Run { first: f.into(), last: l.into(), len })
                        .collect(),
                    unnumbered: Vec::new(),
                })
                .collect(),
        }))
    }

    #[test]
    fn question_references_are_phrased_in_the_requesters_numbering() {
        let hastings =
            refs(2, vec![(vec![1, 2], true, vec![("1", "2", 2)]), (vec![1], false, vec![("10", "10", 1)])]);
        assert_eq!(
            questions(hastings).unwrap(),
            "questions 1 and 2 in both parts, and question 10 in part 1"
        );
        let range = refs(1, vec![(vec![1], true, vec![("1", "10", 10)])]);
        assert_eq!(questions(range).unwrap(), "questions 1 to 10");
        let letters = refs(1, vec![(vec![1], true, vec![("a", "a", 1), ("c", "e", 3)])]);
        assert_eq!(questions(letters).unwrap(), "questions a and c to e");
        let one = refs(2, vec![(vec![2], false, vec![("6", "6", 1)])]);
        assert_eq!(questions(one).unwrap(), "question 6 in part 2");
    }

    #[test]
    fn section_refs_read_mid_sentence() {
        assert_eq!(section_ref(Value::from("Section 43(2)")).unwrap(), "section 43(2)");
    }

    #[test]
    fn overrides_cannot_escape_the_templates_folder() {
        assert!(safe_join(Path::new("/cb/templates"), "../foi.yaml").is_none());
        assert!(safe_join(Path::new("/cb/templates"), "/etc/passwd").is_none());
        assert_eq!(
            safe_join(Path::new("/cb/templates"), "letter.md"),
            Some(PathBuf::from("/cb/templates/letter.md"))
        );
    }

    /// Regression (issue 11): a web address with `)` was cut short in Markdown links.
    #[test]
    fn link_destinations_keep_every_character_of_the_address() {
        for url in [
            "https://example.org/notice/1234",
            "https://example.org/a_(b)",
            "https://example.org/a)b",
            "https://example.org/a(b",
            "https://example.org/x?q=<1>&r=\\",
        ] {
            let markdown = format!("[the notice]({})\n", destination(url));
            let html = comrak::markdown_to_html(&markdown, &comrak::Options::default());
            let href = html.split("href=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a link");
            let expected =
                url.replace('&', "&amp;").replace('<', "%3C").replace('>', "%3E").replace('\\', "%5C");
            assert_eq!(href, expected, "{markdown}");
        }
        assert_eq!(
            destination("https://example.org/notice/1234").to_string(),
            "https://example.org/notice/1234"
        );
    }
}
