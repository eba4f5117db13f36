//! The Atom feed of published responses (RFC 4287), newest first.
//!
//! Ids are URNs made from the authority and the reference, so they stay the same wherever
//! the site is served; links are relative unless a base address is given.

use std::fmt::Write as _;

use super::Entry;

/// The feed as XML.
pub fn atom(entries: &[Entry], title: &str, base_url: Option<&str>) -> String {
    let base = base_url.map(|b| b.trim_end_matches('/').to_owned());
    let link = |path: &str| match &base {
        Some(base) => format!("{base}/{path}"),
        None => path.to_owned(),
    };
    let updated = entries.iter().map(|e| e.response.responded.unwrap_or(e.response.received)).max();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(out, "  <title>{}</title>", xml(title));
    let _ = writeln!(out, "  <id>urn:foi:disclosure-log:{}</id>", xml(&slug(title)));
    let _ = writeln!(out, "  <link rel=\"self\" href=\"{}\"/>", xml(&link("feed.atom")));
    let _ =
        writeln!(out, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml(&link("index.html")));
    if let Some(updated) = updated {
        let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    }
    for entry in entries {
        let response = &entry.response;
        let date = response.responded.unwrap_or(response.received);
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}: {}</title>", xml(&response.reference), xml(&response.title));
        let authority = if response.authority.id.is_empty() {
            slug(&response.authority.name)
        } else {
            response.authority.id.clone()
        };
        let _ = writeln!(out, "    <id>urn:foi:{}:{}</id>", xml(&authority), xml(&entry.name));
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

fn slug(text: &str) -> String {
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
}
