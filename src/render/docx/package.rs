//! The parts of the Word package, assembled: the document, its styles, numbering and
//! settings, the template's theme, font table, headers and footers with their pictures,
//! the logo, the document properties, the relationships between them and the content
//! types, then zipped by [`archive::write`].
//!
//! Every name and id is fixed (`rIdStyles`, `word/header1.xml`, `rIdLink3`), parts are in
//! a fixed order and dated with the letter's date, so the same letter makes the same bytes.
//! The document properties hold the title, subject, language, the authority as author and
//! the date, and nothing else: no requester, no casebook path, no "last modified by".

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::body::{self, link_id};
use super::picture;
use super::styles::{Role, StyleSheet};
use super::template::{HeaderPart, Link, MEDIA_TYPES, Part, R, Template, W, extension};
use super::xml::{self, DECLARATION};
use super::{Metadata, archive};

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// A4 with 2.5 cm margins, in twentieths of a point: the page of a letter without a template.
const DEFAULT_SECTION: &str = "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
    <w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
    <w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/>";

/// The text column of that page.
const DEFAULT_TEXT_WIDTH: u32 = 11906 - 2 * 1418;

/// A part of the package and the relationships it owns.
struct Parts {
    files: Vec<(String, Vec<u8>)>,
    overrides: Vec<(String, String)>,
    media_types: BTreeMap<String, String>,
}

impl Parts {
    fn add(&mut self, name: &str, content_type: Option<String>, bytes: Vec<u8>) {
        if let Some(content_type) = content_type {
            self.overrides.push((format!("/{name}"), content_type));
        }
        self.files.push((name.to_owned(), bytes));
    }
}

/// One relationship to write.
struct Relationship {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

/// Builds the package for `letter`, whose body is made from `markdown`.
pub fn build(markdown: &str, letter: &Metadata) -> anyhow::Result<Vec<u8>> {
    let template = letter.template;
    let mut sheet = StyleSheet::new(template, letter.language);
    let section = template.and_then(|t| t.section.as_ref());
    let body =
        body::write(markdown, &mut sheet, letter.language, section.map_or(DEFAULT_TEXT_WIDTH, text_width));
    let mut parts = Parts { files: Vec::new(), overrides: Vec::new(), media_types: BTreeMap::new() };
    let mut document_links: Vec<Relationship> = vec![
        internal("rIdStyles", "styles", "styles.xml"),
        internal("rIdSettings", "settings", "settings.xml"),
        internal("rIdNumbering", "numbering", "numbering.xml"),
    ];

    // The template's pictures, each once, under names of foi's own.
    let mut media_names: BTreeMap<&str, String> = BTreeMap::new();
    if let Some(template) = template {
        for (n, (source, bytes)) in template.media.iter().enumerate() {
            let ext = extension(source);
            let name = format!("media/image{}.{ext}", n + 1);
            if let Some((_, content_type)) = MEDIA_TYPES.iter().find(|(e, _)| *e == ext) {
                parts.media_types.insert(ext.clone(), (*content_type).to_owned());
            }
            parts.add(&format!("word/{name}"), None, bytes.clone());
            media_names.insert(source.as_str(), name);
        }
    }

    let mut opening = String::new();
    let letterhead = template.is_some_and(Template::has_letterhead);
    if let Some(logo) = letter.logo.as_ref().filter(|_| !letterhead) {
        let found = picture::inspect(logo.bytes).map_err(|why| anyhow::anyhow!("the logo {why}"))?;
        let ext = found.format.extension();
        parts.media_types.insert(ext.to_owned(), found.format.content_type().to_owned());
        parts.add(&format!("word/media/logo.{ext}"), None, logo.bytes.to_vec());
        document_links.push(internal("rIdLogo", "image", &format!("media/logo.{ext}")));
        picture::paragraph(&mut opening, &found, "rIdLogo", 1, logo.alt);
    }

    // Headers and footers: the template's, and a footer with the reference and the page
    // number when the template has none.
    let mut section = match section {
        Some(section) => section.clone(),
        None => {
            let wrapped = format!("<w:x xmlns:w=\"{W}\"><w:sectPr>{DEFAULT_SECTION}</w:sectPr></w:x>");
            let parsed = xml::parse(wrapped.as_bytes(), xml::LIMITS)
                .map_err(|why| anyhow::anyhow!("the default section {why}"))?;
            parsed.child("w:sectPr").cloned().unwrap_or_else(|| xml::Element::new("w:sectPr"))
        }
    };
    if let Some(template) = template {
        let renamed = copy_headers(&mut parts, &mut document_links, &template.headers, &media_names);
        for reference in section.elements_mut() {
            if let Some((_, id)) = reference.attributes.iter_mut().find(|(k, _)| k == "r:id")
                && let Some(new) = renamed.get(id.as_str())
            {
                *id = new.clone();
            }
        }
    }
    let has_footer = section.elements().any(|e| e.name == "w:footerReference");
    if let Some(footer) = letter.footer.filter(|_| !has_footer) {
        let part = footer_part(footer, sheet.id(Role::Footer), letter.language);
        parts.add("word/footer1.xml", Some(format!("{WORD}footer+xml")), part.into_bytes());
        document_links.push(internal("rIdFooter1", "footer", "footer1.xml"));
        let mut reference = xml::Element::new("w:footerReference");
        reference.attributes =
            vec![("w:type".into(), "default".into()), ("r:id".into(), "rIdFooter1".into())];
        // References come first in a section's properties.
        let at = section
            .children
            .iter()
            .position(|n| !matches!(n, xml::Node::Element(e) if e.name.ends_with("Reference")))
            .unwrap_or(section.children.len());
        section.children.insert(at, xml::Node::Element(reference));
    }
    let mut section_xml = String::new();
    section.write(&mut section_xml);

    // The document itself.
    for (n, url) in body.links.iter().enumerate() {
        document_links.push(Relationship {
            id: link_id(n + 1),
            kind: "hyperlink",
            target: uri(url),
            external: true,
        });
    }
    let mut document = String::with_capacity(body.xml.len() + 2048);
    document.push_str(DECLARATION);
    let _ = write!(
        document,
        "<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>"
    );
    document.push_str(&opening);
    document.push_str(&body.xml);
    document.push_str(&section_xml);
    document.push_str("</w:body></w:document>");
    parts.add("word/document.xml", Some(format!("{WORD}document.main+xml")), document.into_bytes());

    parts.add("word/styles.xml", Some(format!("{WORD}styles+xml")), sheet.styles_part().into_bytes());
    parts.add(
        "word/numbering.xml",
        Some(format!("{WORD}numbering+xml")),
        sheet.numbering_part().into_bytes(),
    );
    parts.add(
        "word/settings.xml",
        Some(format!("{WORD}settings+xml")),
        settings(letter, template).into_bytes(),
    );
    if let Some(theme) = template.and_then(|t| t.theme.as_ref()) {
        copy_part(&mut parts, "word/theme/theme1.xml", theme, &media_names, "../");
        parts.overrides.push((
            "/word/theme/theme1.xml".to_owned(),
            "application/vnd.openxmlformats-officedocument.theme+xml".to_owned(),
        ));
        document_links.push(internal("rIdTheme", "theme", "theme/theme1.xml"));
    }
    if let Some(fonts) = template.and_then(|t| t.font_table.as_ref()) {
        parts.add("word/fontTable.xml", Some(format!("{WORD}fontTable+xml")), fonts.to_part().into_bytes());
        document_links.push(internal("rIdFonts", "fontTable", "fontTable.xml"));
    }
    if let Some(numbering) = template.and_then(|t| t.numbering.as_ref()) {
        // The numbering part is foi's merge, but picture bullets keep their pictures.
        if !numbering.links.is_empty() {
            parts.files.push((
                "word/_rels/numbering.xml.rels".to_owned(),
                links_part(&numbering.links, &media_names, "").into_bytes(),
            ));
        }
    }
    parts
        .files
        .push(("word/_rels/document.xml.rels".to_owned(), relationships(&document_links).into_bytes()));

    // The package: its properties and what each part is.
    parts.add(
        "docProps/core.xml",
        Some("application/vnd.openxmlformats-package.core-properties+xml".to_owned()),
        core_properties(letter).into_bytes(),
    );
    parts.add(
        "docProps/app.xml",
        Some("application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned()),
        app_properties(letter).into_bytes(),
    );
    let package = [
        Relationship {
            id: "rIdDocument".into(),
            kind: "officeDocument",
            target: "word/document.xml".into(),
            external: false,
        },
        Relationship {
            id: "rIdCore".into(),
            kind: "core",
            target: "docProps/core.xml".into(),
            external: false,
        },
        Relationship {
            id: "rIdApp".into(),
            kind: "extended-properties",
            target: "docProps/app.xml".into(),
            external: false,
        },
    ];
    parts.files.push(("_rels/.rels".to_owned(), relationships(&package).into_bytes()));
    let types = content_types(&parts);
    parts.files.push((archive::CONTENT_TYPES.to_owned(), types.into_bytes()));
    archive::write(parts.files, letter.date)
}

fn internal(id: &str, kind: &'static str, target: &str) -> Relationship {
    Relationship { id: id.to_owned(), kind, target: target.to_owned(), external: false }
}

/// The template's headers and footers as `word/headerN.xml` and `word/footerN.xml`, each
/// with its relationships; returns the template's relationship id → the letter's.
fn copy_headers(
    parts: &mut Parts,
    document_links: &mut Vec<Relationship>,
    headers: &BTreeMap<String, HeaderPart>,
    media: &BTreeMap<&str, String>,
) -> BTreeMap<String, String> {
    let mut renamed = BTreeMap::new();
    let (mut headers_done, mut footers_done) = (0, 0);
    for (id, header) in headers {
        let (what, n) = if header.footer {
            footers_done += 1;
            ("footer", footers_done)
        } else {
            headers_done += 1;
            ("header", headers_done)
        };
        let file = format!("{what}{n}.xml");
        copy_part(parts, &format!("word/{file}"), &header.part, media, "");
        parts.overrides.push((format!("/word/{file}"), format!("{WORD}{what}+xml")));
        let new_id = format!("rId{}{n}", if header.footer { "Footer" } else { "Header" });
        document_links.push(Relationship {
            id: new_id.clone(),
            kind: if header.footer { "footer" } else { "header" },
            target: file,
            external: false,
        });
        renamed.insert(id.clone(), new_id);
    }
    renamed
}

/// Adds part `name` and its relationships, pictures renamed as in `media` and reached
/// from the part's folder through `up` (`../` for a part one folder below `word/`).
fn copy_part(parts: &mut Parts, name: &str, part: &Part, media: &BTreeMap<&str, String>, up: &str) {
    parts.files.push((name.to_owned(), part.xml.to_part().into_bytes()));
    if !part.links.is_empty() {
        let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
        parts
            .files
            .push((format!("{folder}/_rels/{file}.rels"), links_part(&part.links, media, up).into_bytes()));
    }
}

fn links_part(links: &BTreeMap<String, Link>, media: &BTreeMap<&str, String>, up: &str) -> String {
    let list: Vec<Relationship> = links
        .iter()
        .filter_map(|(id, link)| match link {
            Link::Picture(source) => media.get(source.as_str()).map(|name| Relationship {
                id: id.clone(),
                kind: "image",
                target: format!("{up}{name}"),
                external: false,
            }),
            Link::Address(url) => {
                Some(Relationship { id: id.clone(), kind: "hyperlink", target: uri(url), external: true })
            }
        })
        .collect();
    relationships(&list)
}

fn relationships(links: &[Relationship]) -> String {
    let mut out = String::from(DECLARATION);
    let _ = write!(out, "<Relationships xmlns=\"{RELATIONSHIPS}\">");
    for link in links {
        out.push_str("<Relationship Id=\"");
        xml::attribute(&mut out, &link.id);
        let kind = match link.kind {
            "core" => "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_owned(),
            kind => format!("{TYPES}{kind}"),
        };
        let _ = write!(out, "\" Type=\"{kind}\" Target=\"");
        xml::attribute(&mut out, &link.target);
        out.push('"');
        if link.external {
            out.push_str(" TargetMode=\"External\"");
        }
        out.push_str("/>");
    }
    out.push_str("</Relationships>");
    out
}

fn content_types(parts: &Parts) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    for (ext, content_type) in &parts.media_types {
        let _ = write!(out, "<Default Extension=\"{ext}\" ContentType=\"{content_type}\"/>");
    }
    let mut overrides = parts.overrides.clone();
    overrides.sort();
    for (name, content_type) in overrides {
        let _ = write!(out, "<Override PartName=\"{name}\" ContentType=\"{content_type}\"/>");
    }
    out.push_str("</Types>");
    out
}

/// The settings: the letter's language for the theme's fonts, Word 2013's layout, and
/// from the template its tab stops, odd and even headers and colour mapping.
fn settings(letter: &Metadata, template: Option<&Template>) -> String {
    let mut out = String::from(DECLARATION);
    let _ = write!(out, "<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/>");
    let tab = template.and_then(|t| t.default_tab_stop).unwrap_or(720);
    let _ = write!(out, "<w:defaultTabStop w:val=\"{tab}\"/>");
    if template.is_some_and(|t| t.even_and_odd_headers) {
        out.push_str("<w:evenAndOddHeaders/>");
    }
    out.push_str(
        "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"",
    );
    xml::attribute(&mut out, letter.language);
    out.push_str("\"/>");
    if let Some(map) = template.and_then(|t| t.colour_map.as_ref()) {
        map.write(&mut out);
    }
    out.push_str("<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>");
    out
}

/// The running footer of a letter without a template: `text`, then "Page N of M".
fn footer_part(text: &str, style: &str, language: &str) -> String {
    let mut out = String::from(DECLARATION);
    let _ = write!(out, "<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"");
    xml::attribute(&mut out, style);
    out.push_str("\"/></w:pPr>");
    let mut lang = String::new();
    xml::attribute(&mut lang, language);
    let run = |out: &mut String, text: &str| {
        let _ = write!(out, "<w:r><w:rPr><w:lang w:val=\"{lang}\"/></w:rPr><w:t xml:space=\"preserve\">");
        xml::text(out, text);
        out.push_str("</w:t></w:r>");
    };
    run(&mut out, text);
    out.push_str("<w:r><w:tab/></w:r><w:r><w:tab/></w:r>");
    run(&mut out, "Page ");
    out.push_str("<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
    run(&mut out, " of ");
    out.push_str("<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
    out.push_str("</w:p></w:ftr>");
    out
}

fn core_properties(letter: &Metadata) -> String {
    let (year, month, day) = letter.date;
    let date = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    for (element, value) in [
        ("dc:title", letter.title),
        ("dc:subject", letter.subject),
        ("dc:creator", letter.organisation),
        ("dc:language", letter.language),
    ] {
        let _ = write!(out, "<{element}>");
        xml::text(&mut out, value);
        let _ = write!(out, "</{element}>");
    }
    let _ = write!(
        out,
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>"
    );
    out
}

fn app_properties(letter: &Metadata) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>foi</Application><Company>",
    );
    xml::text(&mut out, letter.organisation);
    out.push_str("</Company></Properties>");
    out
}

/// The text column of a section: the page's width less its side margins (in twentieths
/// of a point), or the default's when the section does not say.
fn text_width(section: &xml::Element) -> u32 {
    let number = |element: Option<&xml::Element>, name: &str| {
        element.and_then(|e| e.attribute(name)).and_then(|v| v.parse::<i64>().ok())
    };
    let page = number(section.child("w:pgSz"), "w:w");
    let margins = section.child("w:pgMar");
    let (left, right) =
        (number(margins, "w:left").unwrap_or(1418), number(margins, "w:right").unwrap_or(1418));
    page.map(|w| w - left - right)
        .and_then(|w| u32::try_from(w).ok())
        .filter(|w| (1440..=31680).contains(w))
        .unwrap_or(DEFAULT_TEXT_WIDTH)
}

/// A link target as a URI: characters a URI cannot hold (spaces, quotes, non-ASCII) are
/// percent-encoded, as Word expects of a relationship's target.
fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.trim().bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_are_uris() {
        assert_eq!(
            uri("https://example.gov.uk/a b/café?x=\"1\""),
            "https://example.gov.uk/a%20b/caf%C3%A9?x=%221%22"
        );
        assert_eq!(uri("mailto:foi@example.gov.uk"), "mailto:foi@example.gov.uk");
    }

    #[test]
    fn a_sections_text_width_is_its_page_less_its_margins() {
        let section = xml::parse(
            b"<w:sectPr xmlns:w=\"w\"><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:left=\"1800\" w:right=\"1800\"/></w:sectPr>",
            xml::LIMITS,
        )
        .expect("parses");
        assert_eq!(text_width(&section), 8640);
        let odd = xml::parse(b"<w:sectPr xmlns:w=\"w\"><w:pgSz w:w=\"10\"/></w:sectPr>", xml::LIMITS)
            .expect("parses");
        assert_eq!(text_width(&odd), DEFAULT_TEXT_WIDTH);
    }
}
