//! The Atom feed of published responses (RFC 4287), newest first.
//!
//! Ids are `tag:` URIs (RFC 4151) minted in the authority's own name: the domain of its FOI
//! team's email address, which every casebook gives, and the day the request was received
//! (a day the authority certainly used that address): `tag:hastings.gov.uk,2022-11-25:foi/
//! FOIR-467737865`. So an entry's id stays the same wherever the site is served and
//! whichever casebooks are published with it. Links are relative unless a base address is
//! given; with one, the `self` link is absolute, as feed readers need.

use std::fmt::Write as _;

use chrono::Datelike;

use super::Entry;
use crate::model::values::Date;

/// An authority that publishes on the log, as the feed's id names it.
#[derive(Debug, Clone, Copy)]
pub struct Publisher<'a> {
    /// Its FOI team's email address.
    pub email: &'a str,
    /// The earliest day it received a request the casebook records, if any.
    pub first_received: Option<Date>,
}

/// The tagging entity of an authority: the domain of its FOI team's email address, in
/// lower case, with anything a domain cannot hold left out.
pub fn tagging_domain(email: &str) -> String {
    let domain = email.rsplit_once('@').map_or(email, |(_, domain)| domain);
    let domain: String = domain
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        .collect();
    let domain = domain.trim_matches(['.', '-']);
    if domain.is_empty() { "invalid".to_owned() } else { domain.to_owned() }
}

/// A date as RFC 4151 writes it: `-01` left off the month and day.
fn tag_date(date: Date) -> String {
    let (y, m, d) = (date.0.year(), date.0.month(), date.0.day());
    match (m, d) {
        (1, 1) => format!("{y:04}"),
        (_, 1) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Percent-encodes what RFC 3986's `pchar` does not allow, so any reference makes a valid
/// tag.
fn tag_specific(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The id of an entry: the authority's domain, the day the request was received, the
/// reference.
pub fn entry_id(email: &str, received: Date, reference: &str) -> String {
    format!("tag:{},{}:foi/{}", tagging_domain(email), tag_date(received), tag_specific(reference))
}

/// The id of the feed: minted by the first of its publishers' domains (in order), dated
/// by the year of that authority's earliest request (2005, when the Acts came into force,
/// if it has none), naming the other domains when several authorities publish together.
pub fn feed_id(publishers: &[Publisher]) -> String {
    let mut domains: Vec<(String, Option<Date>)> = Vec::new();
    for publisher in publishers {
        let domain = tagging_domain(publisher.email);
        match domains.iter_mut().find(|(d, _)| *d == domain) {
            Some((_, first)) => {
                *first = match (*first, publisher.first_received) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            None => domains.push((domain, publisher.first_received)),
        }
    }
    domains.sort();
    let Some(((first, date), others)) = domains.split_first() else {
        return "tag:invalid,2005:foi/disclosure-log".to_owned();
    };
    let year = date.map_or(2005, |d| d.0.year());
    let mut id = format!("tag:{first},{year}:foi/disclosure-log");
    if !others.is_empty() {
        let names: Vec<&str> = others.iter().map(|(d, _)| d.as_str()).collect();
        let _ = write!(id, "/{}", names.join("+"));
    }
    id
}

/// The feed as XML. `rights` names the licence; `base_url` has no trailing `/`.
pub fn atom(entries: &[Entry], title: &str, id: &str, rights: &str, base_url: Option<&str>) -> String {
    let link = |path: &str| match base_url {
        Some(base) => format!("{base}/{path}"),
        None => path.to_owned(),
    };
    let updated = entries.iter().map(|e| e.response.responded.unwrap_or(e.response.received)).max();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(out, "  <title>{}</title>", xml(title));
    let _ = writeln!(out, "  <id>{}</id>", xml(id));
    let _ = writeln!(out, "  <link rel=\"self\" href=\"{}\"/>", xml(&link("feed.atom")));
    let _ =
        writeln!(out, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml(&link("index.html")));
    // A feed must say when it last changed (RFC 4287 4.1.1); with no entries yet, the day
    // the Acts came into force stands in, so the feed stays valid and the same every time.
    let updated = updated.map_or_else(|| "2005-01-01".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(out, "  <rights>{}</rights>", xml(rights));
    for entry in entries {
        let response = &entry.response;
        let date = response.responded.unwrap_or(response.received);
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}: {}</title>", xml(&response.reference), xml(&response.title));
        let id = entry_id(&response.authority.foi_team.email, response.received, &response.reference);
        let _ = writeln!(out, "    <id>{}</id>", xml(&id));
        let _ =
            writeln!(out, "    <link href=\"{}\"/>", xml(&link(&format!("responses/{}.html", entry.name))));
        let _ = writeln!(out, "    <updated>{date}T00:00:00Z</updated>");
        let _ = writeln!(out, "    <author><name>{}</name></author>", xml(&response.authority.name));
        let _ = writeln!(out, "    <summary>{}</summary>", xml(response.outcome.label()));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Whatever got past `foi check`: the feed is XML whatever the casebook holds.
            c if (c.is_control() && c != '\n' && c != '\t') || !crate::load::allowed_in_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// `The National Archives` → `the-national-archives`.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml("<a> & \"b\" 'c'"), "&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;");
        assert_eq!(xml("a\u{fffe}b\u{ffff}c\u{1}d\u{b}e"), "abcde", "characters XML forbids are left out");
        assert_eq!(
            slug("Disclosure log: Hastings Borough Council"),
            "disclosure-log-hastings-borough-council"
        );
    }

    fn date(text: &str) -> Date {
        Date(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date"))
    }

    #[test]
    fn ids_are_tag_uris_in_the_authoritys_name() {
        assert_eq!(
            entry_id("FOI@Hastings.gov.uk", date("2022-11-25"), "FOIR-467737865"),
            "tag:hastings.gov.uk,2022-11-25:foi/FOIR-467737865"
        );
        // RFC 4151 leaves off a first day and a first month.
        assert_eq!(
            entry_id("foi@x.gov.uk", date("2023-05-01"), "A/1 b"),
            "tag:x.gov.uk,2023-05:foi/A%2F1%20b"
        );
        assert_eq!(entry_id("foi@x.gov.uk", date("2023-01-01"), "R"), "tag:x.gov.uk,2023:foi/R");
    }

    #[test]
    fn the_feed_id_does_not_depend_on_the_order_of_the_casebooks() {
        let a = Publisher { email: "foi@b.gov.uk", first_received: Some(date("2023-05-02")) };
        let b = Publisher { email: "foi@a.gov.uk", first_received: Some(date("2022-11-25")) };
        let c = Publisher { email: "info@a.gov.uk", first_received: Some(date("2021-03-04")) };
        let none = Publisher { email: "foi@a.gov.uk", first_received: None };
        let one = feed_id(&[a, b, none, c]);
        assert_eq!(one, "tag:a.gov.uk,2021:foi/disclosure-log/b.gov.uk");
        assert_eq!(feed_id(&[c, a, b]), one);
        assert_eq!(
            feed_id(&[Publisher { email: "foi@a.gov.uk", first_received: None }]),
            "tag:a.gov.uk,2005:foi/disclosure-log"
        );
    }
}
