//! Pasted text made plain: what an officer copies out of an email client, a web form or a
//! PDF, turned into lines intake can read.
//!
//! Owns line endings (CRLF, lone CR), the byte order mark, invisible and control
//! characters, what an HTML email leaves in plain text (entities such as `&amp;` and
//! `&nbsp;`, stray inline tags, image placeholders such as `[cid:image001.png@…]`), email
//! quoting (`>`, `> >`), and what each line is: the request's own text, a field of an email
//! header (`From:` … `Subject:`), a line opening a forwarded or quoted email, a sign-off and
//! the signature below it, or text the mail system adds (external-sender banners,
//! confidentiality footers, unsubscribe links). Only the request's own text is kept as
//! `text`; every line keeps what it said in `original` (the requester's details are read
//! from headers and signatures) and its number in the input, so warnings can point at it.
//! It also notes where a page starts (a form feed, in text copied out of a PDF) and the
//! cells of a line that reads as a table row. Nothing here looks for questions.

use std::borrow::Cow;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The request's own text.
    Body,
    /// A field of an email header block (`From:`, `Sent:`, `Subject:` …).
    Header,
    /// A line that opens a forwarded or quoted email (`-----Original Message-----`).
    Separator,
    /// The line that closes a letter (`Yours faithfully,`).
    SignOff,
    /// A line after the sign-off: the name, a job title, contact details.
    Signature,
    /// Text the mail system adds: banners, confidentiality footers, unsubscribe links.
    Mailer,
    /// A line of another message in the thread (an earlier one quoted below the request).
    Elsewhere,
    /// A line giving the requester's own details (`Name: …`, `Email: …`).
    Requester,
    /// A running header or footer, or a page number, of text copied out of a PDF.
    Furniture,
}

/// One line of the request, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// Leading spaces after cleaning (a tab counts as four).
    pub indent: usize,
    /// The text without its indentation or trailing spaces; empty for a blank line and for
    /// every line that is not the request's own text.
    pub text: String,
    /// What the line is.
    pub role: Role,
    /// The cleaned text whatever the role.
    pub original: String,
    /// Whether a page of a PDF starts at this line (a form feed).
    pub page_break: bool,
    /// The cells, when the line reads as a row of a pipe- or tab-separated table (`| 1 |
    /// Supplier | |`, `1<TAB>Supplier`); whether it is one is `table`'s decision.
    pub cells: Option<Vec<String>>,
}

impl Line {
    /// Takes the line out of the request's text, as `role`.
    pub fn drop_as(&mut self, role: Role) {
        self.role = role;
        self.text.clear();
        self.cells = None;
    }
}

/// The input with line endings made `\n` and the byte order mark removed: the text that
/// line numbers refer to.
pub fn canonical(input: &str) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    input.replace("\r\n", "\n").replace('\r', "\n")
}

/// One physical line, read: its text with tabs kept, and whether it holds a form feed.
struct Raw {
    text: String,
    /// A form feed at the start (the line opens a page) or after text (the next one does).
    feed_before: bool,
    feed_after: bool,
}

/// The lines of `canonical` text, cleaned; email headers, signatures and mail-system text
/// become blank lines, so whatever they interrupted ends there.
pub fn lines(canonical: &str) -> Vec<Line> {
    let raw: Vec<Raw> = canonical.split('\n').map(read_raw).collect();
    let texts: Vec<String> = raw.iter().map(|r| expand_tabs(&r.text)).collect();
    let mut roles = header_roles(&texts);
    signatures(&texts, &mut roles);
    mailer(&texts, &mut roles);
    let mut page_next = false;
    raw.into_iter()
        .zip(texts)
        .zip(roles)
        .enumerate()
        .map(|(i, ((raw, text), role))| {
            let page_break = page_next || raw.feed_before;
            page_next = raw.feed_after;
            let indent = text.chars().take_while(|c| *c == ' ').count();
            let original = text.trim().to_owned();
            let cells = if role == Role::Body { cells(&raw.text) } else { None };
            let text = if role == Role::Body { original.clone() } else { String::new() };
            Line { number: i + 1, indent, text, role, original, page_break, cells }
        })
        .collect()
}

fn read_raw(line: &str) -> Raw {
    let feed = line.find('\u{c}');
    let feed_before = feed.is_some_and(|at| line[..at].trim().is_empty());
    let feed_after = feed.is_some() && !feed_before;
    let text = unquote(&clean(&html(line)));
    Raw { text, feed_before, feed_after }
}

fn expand_tabs(text: &str) -> String {
    if text.contains('\t') { text.replace('\t', "    ") } else { text.to_owned() }
}

/// Invisible and control characters removed (tabs kept), odd spaces made plain spaces.
fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push('\t'),
            // No-break, figure, narrow and other typographic spaces.
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
            // Zero-width characters, soft hyphens and stray byte order marks carry nothing.
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            // Unicode line and paragraph separators end a sentence as a space would.
            '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

/// What an HTML email leaves behind when pasted as text, made plain: entities decoded, a
/// few inline tags and image placeholders removed. `<name@example.com>` is not a tag.
fn html(line: &str) -> Cow<'_, str> {
    if !line.contains(['&', '<', '[']) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['&', '<', '[']) {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        let used = match here.as_bytes()[0] {
            b'&' => entity(here, &mut out),
            b'<' => tag(here),
            _ => placeholder(here),
        };
        let used = used.unwrap_or_else(|| {
            out.push_str(&here[..1]);
            1
        });
        rest = &here[used..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Named entities an email client writes; anything else numeric (`&#8217;`, `&#x2019;`).
const ENTITIES: [(&str, &str); 48] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("shy", ""),
    ("zwsp", ""),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("hellip", "…"),
    ("bull", "•"),
    ("middot", "·"),
    ("pound", "£"),
    ("euro", "€"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    // Welsh is written with the circumflex (to bach) on every vowel, w and y included.
    ("acirc", "â"),
    ("ecirc", "ê"),
    ("icirc", "î"),
    ("ocirc", "ô"),
    ("ucirc", "û"),
    ("wcirc", "ŵ"),
    ("ycirc", "ŷ"),
    ("Acirc", "Â"),
    ("Ecirc", "Ê"),
    ("Icirc", "Î"),
    ("Ocirc", "Ô"),
    ("Ucirc", "Û"),
    ("Wcirc", "Ŵ"),
    ("Ycirc", "Ŷ"),
    ("aacute", "á"),
    ("eacute", "é"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("euml", "ë"),
    ("iuml", "ï"),
];

/// `&amp;`, `&#8217;`, `&#x2019;` at the start of `text`, written to `out` as what it stands
/// for; its length, if it is one.
fn entity(text: &str, out: &mut String) -> Option<usize> {
    let end = 1 + find_within(&text[1..], b';', 11)?;
    let name = &text[1..end];
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse().ok(),
        };
        out.push(value.and_then(char::from_u32)?);
    } else {
        out.push_str(ENTITIES.iter().find(|(n, _)| *n == name)?.1);
    }
    Some(end + 1)
}

/// Inline tags a rich-text paste can leave in plain text; removed, never interpreted.
const TAGS: [&str; 16] =
    ["b", "i", "u", "em", "strong", "span", "font", "p", "div", "br", "o:p", "li", "ul", "ol", "sup", "sub"];

/// A tag of [`TAGS`] at the start of `text` (`<br>`, `</p>`, `<span style="…">`): its
/// length. `<foi@example.gov.uk>` and `<3 years` are not tags.
fn tag(text: &str) -> Option<usize> {
    let inner = text[1..].strip_prefix('/').unwrap_or(&text[1..]);
    let name: String = inner.chars().take_while(|c| c.is_ascii_alphabetic() || *c == ':').collect();
    let after = inner[name.len()..].chars().next()?;
    if !TAGS.contains(&name.to_ascii_lowercase().as_str()) || !matches!(after, '>' | ' ' | '/') {
        return None;
    }
    Some(find_within(text, b'>', 300)? + 1)
}

/// An image placeholder at the start of `text` (`[cid:image001.png@01DA…]`, `[image: Logo]`):
/// its length.
fn placeholder(text: &str) -> Option<usize> {
    let head = text.as_bytes().get(1..)?;
    let starts = |p: &[u8]| head.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if !(starts(b"cid:") || starts(b"image")) {
        return None;
    }
    Some(find_within(text, b']', 300)? + 1)
}

/// Where the ASCII byte `b` first occurs in the first `limit` bytes of `text`: looking no
/// further keeps the work per character bounded.
fn find_within(text: &str, b: u8, limit: usize) -> Option<usize> {
    text.as_bytes().iter().take(limit).position(|x| *x == b)
}

/// The cells of a table row: `| 1 | Supplier | |` (outer pipes optional only when the row
/// has at least two), `1<TAB>Supplier` (a tab after the first text, or before it: a row
/// with an empty first cell), or the border of a grid table (`+---+---+`, one cell of
/// rules). A lone line is never a table: that is `table`'s decision.
fn cells(text: &str) -> Option<Vec<String>> {
    let trimmed = text.trim();
    // The border of a grid table (`+----+-------+`): a row of rules between rows.
    if trimmed.len() >= 3
        && trimmed.starts_with('+')
        && trimmed.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
    {
        return Some(vec![trimmed.replace('+', "-")]);
    }
    let pipes = trimmed.matches('|').count();
    if trimmed.starts_with('|') || (pipes >= 2 && trimmed.ends_with('|')) {
        let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return Some(inner.split('|').map(|c| c.trim().to_owned()).collect());
    }
    let body = text.trim_end();
    let first_text = body.find(|c: char| !c.is_whitespace())?;
    let tabbed = body[first_text..].contains('\t') || (first_text > 0 && body[..first_text].contains('\t'));
    tabbed.then(|| body.split('\t').map(|c| c.trim().to_owned()).collect())
}

/// The line without email quote markers: `> text`, `>> text`, `> > text`.
fn unquote(line: &str) -> String {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('>') {
        return line.to_owned();
    }
    let mut rest = trimmed;
    while let Some(after) = rest.strip_prefix('>') {
        // One space after each marker belongs to the quoting; more is the writer's indent.
        rest = after.strip_prefix(' ').unwrap_or(after);
        let next = rest.trim_start();
        if next.starts_with('>') {
            rest = next;
        }
    }
    rest.to_owned()
}

/// Fields of an email header block, lower case: English, and Welsh as Outlook in Welsh
/// writes them (`Oddi wrth` from, `Anfonwyd` sent, `At` to, `Pwnc` subject, `Dyddiad` date).
const HEADER_FIELDS: [&str; 14] = [
    "from",
    "sent",
    "date",
    "to",
    "cc",
    "bcc",
    "subject",
    "reply-to",
    "importance",
    "oddi wrth",
    "anfonwyd",
    "at",
    "pwnc",
    "dyddiad",
];

/// Whether `line` is a field of an email header (`From: …`), and which.
pub fn header_field(line: &str) -> Option<(String, &str)> {
    let (field, value) = line.trim_start().split_once(':')?;
    let field = field.trim().to_lowercase();
    HEADER_FIELDS.contains(&field.as_str()).then(|| (field, value.trim()))
}

fn is_header_field(line: &str) -> bool {
    header_field(line).is_some()
}

/// A line that opens a forwarded or quoted email.
fn is_separator(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let dashes = lower.trim_matches(|c| c == '-' || c == '_' || c == ' ');
    (lower.starts_with("--") && matches!(dashes, "original message" | "forwarded message"))
        || lower.starts_with("begin forwarded message")
        || (lower.len() >= 8 && lower.chars().all(|c| c == '_'))
        || (lower.starts_with("on ") && lower.ends_with(" wrote:"))
}

/// Which lines belong to email headers: separators, the header block after a separator or
/// at the top, and any run of two or more header fields elsewhere. A single `Date:` line
/// in the body is left alone: it could be the requester's own text.
fn header_roles(lines: &[String]) -> Vec<Role> {
    let mut out = vec![Role::Body; lines.len()];
    let mut i = 0;
    let mut at_top = true;
    while i < lines.len() {
        let line = &lines[i];
        if is_separator(line) {
            out[i] = Role::Separator;
            i += 1;
            // The header block follows, possibly after blank lines.
            while i < lines.len() && (lines[i].trim().is_empty() || is_header_field(&lines[i])) {
                if is_header_field(&lines[i]) {
                    out[i] = Role::Header;
                }
                i += 1;
            }
            continue;
        }
        if is_header_field(line) {
            let run = lines[i..].iter().take_while(|l| is_header_field(l)).count();
            if run >= 2 || at_top {
                out[i..i + run].iter_mut().for_each(|r| *r = Role::Header);
            }
            i += run;
            at_top = false;
            continue;
        }
        if !line.trim().is_empty() {
            at_top = false;
        }
        i += 1;
    }
    out
}

/// Lines that close a letter; what follows is a signature (`A. Requester` is not a list).
/// The Welsh ones are the usual closings of a Welsh letter: `Yn gywir` (yours faithfully
/// or sincerely), `Yr eiddoch yn gywir`, `Yn ddiffuant` (sincerely), `Cofion` (regards),
/// `Diolch` (thanks), `Diolch o flaen llaw` (thanks in advance).
const SIGN_OFFS: [&str; 34] = [
    "yours faithfully",
    "yours sincerely",
    "yours truly",
    "yours",
    "sincerely",
    "kind regards",
    "best regards",
    "warm regards",
    "warmest regards",
    "many regards",
    "regards",
    "best wishes",
    "all the best",
    "best",
    "many thanks",
    "many thanks in advance",
    "thanks in advance",
    "thanks again",
    "with thanks",
    "with many thanks",
    "thanks",
    "thank you",
    "thank you in advance",
    "cheers",
    "yn gywir",
    "yr eiddoch yn gywir",
    "yr eiddoch",
    "yn ddiffuant",
    "cofion",
    "cofion gorau",
    "cofion cynnes",
    "diolch",
    "diolch yn fawr",
    "diolch o flaen llaw",
];

/// Whether `line` closes a letter; a bilingual closing (`Diolch yn fawr / Many thanks,`)
/// counts when either half does.
pub fn is_sign_off(line: &str) -> bool {
    let one = |part: &str| {
        let lower = part.trim().trim_end_matches([',', '.', '!']).trim().to_lowercase();
        SIGN_OFFS.contains(&lower.as_str())
    };
    line.trim().chars().count() < 48 && (one(line) || line.split(['/', '|']).any(one))
}

/// Marks a sign-off and the signature after it, up to the next email separator or header
/// block, as dropped.
fn signatures(lines: &[String], roles: &mut [Role]) {
    let mut in_signature = false;
    for (i, line) in lines.iter().enumerate() {
        if matches!(roles[i], Role::Header | Role::Separator) {
            in_signature = false;
            continue;
        }
        if is_sign_off(line) {
            roles[i] = Role::SignOff;
            in_signature = true;
        } else if in_signature {
            roles[i] = Role::Signature;
        }
    }
}

/// Opening words of the banners mail systems put above a message from outside.
const BANNERS: [&str; 12] = [
    "caution:",
    "caution -",
    "caution –",
    "[external]",
    "[ext]",
    "external email",
    "external:",
    "warning: this email",
    "this email originated from outside",
    "this message originated from outside",
    "this message came from outside",
    "you don't often get email from",
];

/// Lines a mail client adds below a message.
const CLIENT_LINES: [&str; 5] =
    ["sent from my ", "get outlook for ", "sent from outlook", "sent from mail for ", "download outlook"];

/// Words of a confidentiality or legal footer. A paragraph holding two of them, and asking
/// nothing, is the mail system's, not the requester's: one alone ("commercially
/// confidential") is often the requester's own.
const FOOTER_CUES: [&str; 11] = [
    "confidential",
    "privileged",
    "intended recipient",
    "in error",
    "notify the sender",
    "delete it",
    "registered in england",
    "registered office",
    "company number",
    "disclaimer",
    "legally",
];

/// Marks what the mail system added: banners, client lines, unsubscribe links and legal
/// footers (the whole paragraph).
fn mailer(lines: &[String], roles: &mut [Role]) {
    let mut start = 0;
    while start < lines.len() {
        if lines[start].trim().is_empty() {
            start += 1;
            continue;
        }
        let end = start + lines[start..].iter().take_while(|l| !l.trim().is_empty()).count();
        let paragraph = &lines[start..end];
        let lower: Vec<String> = paragraph.iter().map(|l| l.trim().to_lowercase()).collect();
        let cues = FOOTER_CUES.iter().filter(|c| lower.iter().any(|l| l.contains(*c))).count();
        let footer = cues >= 2
            && !lower.iter().any(|l| l.contains('?'))
            && super::numbering::at_start(paragraph[0].trim()).is_none();
        for (i, line) in lower.iter().enumerate() {
            let dropped = footer
                || BANNERS.iter().any(|b| line.starts_with(b))
                || CLIENT_LINES.iter().any(|c| line.starts_with(c))
                || line.contains("unsubscribe");
            if dropped && matches!(roles[start + i], Role::Body | Role::Signature) {
                roles[start + i] = Role::Mailer;
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        lines(&canonical(input)).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn line_endings_and_bom_are_normalised() {
        assert_eq!(canonical("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(texts("a\r\n\r\nb"), ["a", "", "b"]);
    }

    #[test]
    fn quote_markers_are_removed_at_any_depth() {
        assert_eq!(
            texts("> 1. Supplier\n>> 2. Spend\n> > 3. Expiry\n>\n"),
            ["1. Supplier", "2. Spend", "3. Expiry", "", ""]
        );
        let indented = lines(">    a) Supplier");
        assert_eq!((indented[0].indent, indented[0].text.as_str()), (3, "a) Supplier"));
    }

    #[test]
    fn forwarded_headers_are_dropped_but_line_numbers_kept() {
        let input = "Hello\n---------- Forwarded message ---------\nFrom: A <a@example.com>\nDate: Mon, 3 Jan 2022\nSubject: FOI contact centre\nTo: foi@example.gov.uk\n\n1. Supplier";
        let out = lines(input);
        assert_eq!(
            out.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Hello", "", "", "", "", "", "", "1. Supplier"]
        );
        assert_eq!(out[7].number, 8);
    }

    #[test]
    fn outlook_headers_without_a_separator_are_dropped_in_runs() {
        let out = texts("From: A\nSent: 3 January 2022\nTo: B\nSubject: FOI\n\nDate: of the contract end\n");
        assert_eq!(out, ["", "", "", "", "", "Date: of the contract end", ""]);
        assert_eq!(
            texts("On Mon, 3 Jan 2022 at 10:00, A <a@example.com> wrote:\n> 1. Supplier"),
            ["", "1. Supplier"]
        );
    }

    #[test]
    fn signatures_are_dropped_up_to_the_next_message() {
        let out = texts(
            "1. Supplier\nYours faithfully,\nA. Requester\n-----Original Message-----\nFrom: A\n> 2. Spend\nThank you for asking.",
        );
        assert_eq!(out, ["1. Supplier", "", "", "", "", "2. Spend", "Thank you for asking."]);
    }

    #[test]
    fn invisible_characters_go_and_odd_spaces_become_spaces() {
        assert_eq!(texts("1.\u{a0}Sup\u{200b}plier\u{7}\tx"), ["1. Supplier    x"]);
        assert_eq!(lines("\tb")[0].indent, 4);
    }

    #[test]
    fn what_an_html_email_leaves_is_made_plain() {
        assert_eq!(
            texts(
                "1.&nbsp;Contract&nbsp;expiry &amp; review<br> [cid:image001.png@01DA5D3C] it&#8217;s <b>now</b>"
            ),
            ["1. Contract expiry & review  it’s now"]
        );
        assert_eq!(texts("[image: Logo]&nbsp;"), [""]);
        assert_eq!(
            texts("<foi@example.gov.uk> &unknown; & <3 years"),
            ["<foi@example.gov.uk> &unknown; & <3 years"]
        );
        assert_eq!(texts("Annwyl Gyngor, &wcirc;&ycirc;"), ["Annwyl Gyngor, ŵŷ"]);
    }

    #[test]
    fn banners_footers_and_client_lines_are_the_mail_systems() {
        let input = "CAUTION: This email originated from outside of the organisation.\n1. Supplier\n2. Spend\n\nThis email is confidential and intended solely for the addressee. If you have received it in error, delete it.\nTo unsubscribe click here\nSent from my iPhone";
        let out = lines(&canonical(input));
        let roles: Vec<Role> = out.iter().map(|l| l.role).collect();
        assert_eq!(
            roles,
            [Role::Mailer, Role::Body, Role::Body, Role::Body, Role::Mailer, Role::Mailer, Role::Mailer]
        );
        // One word of the kind is the requester's own.
        assert_eq!(
            texts("Some of this may be commercially confidential."),
            ["Some of this may be commercially confidential."]
        );
    }

    #[test]
    fn form_feeds_start_pages_and_table_rows_keep_their_cells() {
        let out = lines("1. Supplier\n\u{c}Header\nend of page\u{c}\nnext");
        assert_eq!(out.iter().map(|l| l.page_break).collect::<Vec<_>>(), [false, true, false, true]);
        assert_eq!(out[1].text, "Header");
        let cells = |t: &str| lines(t)[0].cells.clone();
        assert_eq!(cells("| 1 | Supplier | |"), Some(vec!["1".into(), "Supplier".into(), "".into()]));
        assert_eq!(cells("1\tSupplier\t"), Some(vec!["1".into(), "Supplier".into()]));
        assert_eq!(cells("\tcarried on"), Some(vec!["".into(), "carried on".into()]));
        assert_eq!(cells("Analyst | Brightwater"), None);
        assert_eq!(cells("+----+-----+"), Some(vec!["------------".into()]));
        assert_eq!(lines("1\tSupplier")[0].text, "1    Supplier");
    }

    #[test]
    fn sign_offs_in_either_language_or_both() {
        for line in [
            "Yours faithfully,",
            "Yn gywir,",
            "Diolch yn fawr / Many thanks,",
            "Cofion / Regards",
            "Thanks in advance!",
        ] {
            assert!(is_sign_off(line), "{line}");
        }
        for line in ["Thank you for your help with this request.", "Regards to the team and the officer"] {
            assert!(!is_sign_off(line), "{line}");
        }
    }
}
