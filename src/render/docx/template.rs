//! The authority's Word template (`word-template:` in foi.yaml), read from its bytes: the
//! styles, numbering, theme and font table the letter takes, the layout of its last
//! section (page size, margins), and the headers and footers of that section (the
//! letterhead) with their pictures and links.
//!
//! The template is untrusted input. Its zip is read within [`archive::LIMITS`], each XML
//! part within [`xml::LIMITS`] and at most [`MAX_XML_BYTES`], and every part is parsed and
//! written back, never copied as bytes. Relationships are followed only inside the zip,
//! by a path resolved there (a target that climbs out of it is refused), and only to a
//! picture; a link out of the document is kept only when it is a web or email address
//! (an image linked from a server instead of embedded is refused, since Word would fetch
//! it). Anything else a header might reference (an embedded object, a chart) is refused
//! by name. What would carry someone's name or editing history into the letter is left
//! out: tracked changes are accepted, comments, editing permissions and revision ids
//! removed, the document's own text and settings (document variables, mail merge, the
//! attached template) ignored.

use std::collections::BTreeMap;

use super::archive::{self, Archive, shown};
use super::xml::{self, Element, Node};

/// The WordprocessingML namespace, as Word writes it (transitional).
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The namespace of relationship ids in a part (`r:id`, `r:embed`).
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The package's relationships namespace (`.rels` parts).
const PACKAGE_RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// How relationship types begin (transitional); the last segment says what it is.
const RELATIONSHIP_TYPES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// Strict Open XML's namespaces start so: Word writes them only when asked to.
const STRICT: &str = "http://purl.oclc.org/ooxml/";

/// Largest XML part foi reads from a template.
pub const MAX_XML_BYTES: u64 = 8 * 1024 * 1024;

/// Largest picture foi takes from a template.
pub const MAX_MEDIA_BYTES: u64 = 10 * 1024 * 1024;

/// Picture formats Word shows, by extension, with their content types.
pub const MEDIA_TYPES: &[(&str, &str)] = &[
    ("bmp", "image/bmp"),
    ("emf", "image/x-emf"),
    ("gif", "image/gif"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("wmf", "image/x-wmf"),
];

/// What foi takes from a template.
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// `w:styles`.
    pub styles: Option<Element>,
    /// `w:numbering`, with its pictures (picture bullets).
    pub numbering: Option<Part>,
    /// The theme (`a:theme`): the fonts and colours styles refer to by role.
    pub theme: Option<Part>,
    /// `w:fonts`, embedded fonts left out.
    pub font_table: Option<Element>,
    /// The last section's properties (`w:sectPr`): page size, margins, columns, whether the
    /// first page has its own header. Its header and footer references keep the template's
    /// relationship ids, which index [`Template::headers`].
    pub section: Option<Element>,
    /// The headers and footers the section references, by relationship id.
    pub headers: BTreeMap<String, HeaderPart>,
    /// The default tab stop, in twentieths of a point.
    pub default_tab_stop: Option<u32>,
    /// Whether even pages have their own headers.
    pub even_and_odd_headers: bool,
    /// How the theme's colours map (`w:clrSchemeMapping`), with the theme.
    pub colour_map: Option<Element>,
    /// Every picture the parts above use, by its name in the template.
    pub media: BTreeMap<String, Vec<u8>>,
}

/// A header or a footer.
#[derive(Debug, Clone)]
pub struct HeaderPart {
    /// `true` for a footer.
    pub footer: bool,
    /// The part.
    pub part: Part,
}

/// A part and what it references.
#[derive(Debug, Clone)]
pub struct Part {
    /// The part's XML.
    pub xml: Element,
    /// Its relationships, by id.
    pub links: BTreeMap<String, Link>,
}

/// Where a relationship of a copied part leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A picture in the template, by its name there (a key of [`Template::media`]).
    Picture(String),
    /// A web or email address.
    Address(String),
}

impl Template {
    /// Reads a template from the bytes of a `.docx` or `.dotx` file. The error says what
    /// is wrong, to follow the template's name.
    pub fn parse(bytes: &[u8]) -> Result<Template, String> {
        let mut reader =
            Reader { archive: Archive::open(bytes, archive::LIMITS)?, template: Template::default() };
        reader.read()?;
        Ok(reader.template)
    }

    /// Whether the template has a header or footer of its own (its letterhead).
    pub fn has_letterhead(&self) -> bool {
        !self.headers.is_empty()
    }
}

struct Reader<'a> {
    archive: Archive<'a>,
    template: Template,
}

/// One relationship as a `.rels` part gives it.
struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

impl Reader<'_> {
    fn read(&mut self) -> Result<(), String> {
        let package = self.relationships("")?;
        let main = package
            .values()
            .find(|r| r.kind == format!("{RELATIONSHIP_TYPES}officeDocument") && !r.external)
            .map(|r| resolve("", &r.target))
            .transpose()?;
        let Some(main) = main else {
            if package.values().any(|r| r.kind.starts_with(STRICT)) {
                return Err(STRICT_HINT.to_owned());
            }
            return Err("is not a Word document: it has no main document part".to_owned());
        };
        let document = self
            .xml(&main)?
            .ok_or_else(|| format!("names a main part `{}` it does not hold", shown(&main)))?;
        if document.name != "w:document" {
            return Err(format!("is not a Word document: its main part is <{}>", shown(&document.name)));
        }
        declares_w(&document, &main)?;
        if document.attribute("xmlns:r").is_some_and(|r| r != R) {
            return Err(format!(
                "has a part `{}` that does not use the usual `r:` prefix for relationships",
                shown(&main)
            ));
        }
        let relationships = self.relationships(&main)?;
        let of_kind = |kind: &str| {
            relationships
                .values()
                .find(|r| r.kind == format!("{RELATIONSHIP_TYPES}{kind}") && !r.external)
                .map(|r| resolve(&main, &r.target))
                .transpose()
        };
        if let Some(name) = of_kind("styles")? {
            self.template.styles = Some(self.word_part(&name, "w:styles")?);
        }
        if let Some(name) = of_kind("numbering")? {
            let xml = self.word_part(&name, "w:numbering")?;
            self.template.numbering = Some(self.with_links(&name, xml)?);
        }
        if let Some(name) = of_kind("theme")?
            && let Some(xml) = self.xml(&name)?
        {
            self.template.theme = Some(self.with_links(&name, tidy(xml))?);
        }
        if let Some(name) = of_kind("fontTable")? {
            let mut fonts = self.word_part(&name, "w:fonts")?;
            // Embedded fonts are obfuscated parts of their own; the names are enough.
            fonts.remove_where(&|e| e.local().starts_with("embed"));
            self.template.font_table = Some(fonts);
        }
        if let Some(name) = of_kind("settings")? {
            let settings = self.word_part(&name, "w:settings")?;
            self.settings(&settings);
        }
        let section = document
            .child("w:body")
            .and_then(|body| body.elements().filter(|e| e.name == "w:sectPr").last())
            .cloned();
        if let Some(section) = section {
            for reference in section.elements() {
                let footer = match reference.name.as_str() {
                    "w:headerReference" => false,
                    "w:footerReference" => true,
                    _ => continue,
                };
                let what = if footer { "footer" } else { "header" };
                let Some(id) = reference.attribute("r:id") else { continue };
                let relationship = relationships
                    .get(id)
                    .filter(|r| r.kind == format!("{RELATIONSHIP_TYPES}{what}") && !r.external)
                    .ok_or_else(|| format!("refers to a {what} (`{}`) it does not hold", shown(id)))?;
                let name = resolve(&main, &relationship.target)?;
                let root = if footer { "w:ftr" } else { "w:hdr" };
                let xml = self.word_part(&name, root)?;
                let part = self.with_links(&name, xml)?;
                self.template.headers.insert(id.to_owned(), HeaderPart { footer, part });
            }
            self.template.section = Some(section_properties(&section));
        }
        if self.template.theme.is_none() {
            self.template.colour_map = None;
        }
        Ok(())
    }

    /// The settings the letter keeps; the rest (document variables, mail merge data, the
    /// attached template's path, editing restrictions, revision ids) are left behind.
    fn settings(&mut self, settings: &Element) {
        for setting in settings.elements() {
            match setting.name.as_str() {
                "w:defaultTabStop" => {
                    self.template.default_tab_stop = setting
                        .attribute("w:val")
                        .and_then(|v| v.parse().ok())
                        .filter(|v| (1..=31680).contains(v));
                }
                "w:evenAndOddHeaders" => {
                    self.template.even_and_odd_headers =
                        !matches!(setting.attribute("w:val"), Some("0" | "false" | "off"));
                }
                "w:clrSchemeMapping" => {
                    let mut map = Element::new("w:clrSchemeMapping");
                    map.attributes =
                        setting.attributes.iter().filter(|(k, _)| k.starts_with("w:")).cloned().collect();
                    self.template.colour_map = Some(map);
                }
                _ => {}
            }
        }
    }

    /// The XML of part `name`, or `None` when the template does not hold it.
    fn xml(&mut self, name: &str) -> Result<Option<Element>, String> {
        let Some(bytes) = self.archive.read(name, MAX_XML_BYTES)? else { return Ok(None) };
        xml::parse(&bytes, xml::LIMITS)
            .map(Some)
            .map_err(|why| format!("has a part `{}` that {why}", shown(name)))
    }

    /// A WordprocessingML part the template references, which must be there, have the root
    /// `root` and use the usual `w:` prefix; tidied.
    fn word_part(&mut self, name: &str, root: &str) -> Result<Element, String> {
        let xml =
            self.xml(name)?.ok_or_else(|| format!("refers to a part `{}` it does not hold", shown(name)))?;
        if xml.name != root {
            return Err(format!("has a part `{}` that is <{}>, not <{root}>", shown(name), shown(&xml.name)));
        }
        declares_w(&xml, name)?;
        Ok(tidy(xml))
    }

    /// The relationships of part `name` (`""` for the package's own).
    fn relationships(&mut self, name: &str) -> Result<BTreeMap<String, Relationship>, String> {
        let rels = relationships_part(name);
        let Some(xml) = self.xml(&rels)? else { return Ok(BTreeMap::new()) };
        if xml.name != "Relationships" || xml.attribute("xmlns") != Some(PACKAGE_RELATIONSHIPS) {
            return Err(format!("has a part `{}` that is not a list of relationships", shown(&rels)));
        }
        let mut out = BTreeMap::new();
        for relationship in xml.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(kind), Some(target)) = (
                relationship.attribute("Id"),
                relationship.attribute("Type"),
                relationship.attribute("Target"),
            ) else {
                return Err(format!("has a relationship without Id, Type or Target in `{}`", shown(&rels)));
            };
            let external = relationship.attribute("TargetMode") == Some("External");
            out.insert(
                id.to_owned(),
                Relationship { kind: kind.to_owned(), target: target.to_owned(), external },
            );
        }
        Ok(out)
    }

    /// Part `name` with what its relationships lead to: pictures (read into
    /// [`Template::media`]) and web or email addresses; anything else is refused.
    fn with_links(&mut self, name: &str, xml: Element) -> Result<Part, String> {
        let mut links = BTreeMap::new();
        for (id, relationship) in self.relationships(name)? {
            let kind = relationship.kind.strip_prefix(RELATIONSHIP_TYPES).unwrap_or(&relationship.kind);
            let link = match (kind, relationship.external) {
                ("hyperlink", true) if is_address(&relationship.target) => Link::Address(relationship.target),
                ("hyperlink", true) => {
                    return Err(format!(
                        "has a link in `{}` that is not a web or email address; foi keeps only https:, http: and mailto: links",
                        shown(name)
                    ));
                }
                // A link to a place inside the document: its bookmark is not copied.
                ("hyperlink", false) => continue,
                ("image", true) => {
                    return Err(format!(
                        "has a picture in `{}` linked from outside the document, which Word would fetch \
                         when the letter is opened: insert the picture instead of linking to it",
                        shown(name)
                    ));
                }
                ("image", false) => {
                    let media = resolve(name, &relationship.target)?;
                    self.picture(&media)?;
                    Link::Picture(media)
                }
                (other, _) => {
                    return Err(format!(
                        "has something in `{}` foi cannot copy into a letter (a relationship of type `{}`): \
                         keep the letterhead to text, pictures and links",
                        shown(name),
                        shown(other)
                    ));
                }
            };
            links.insert(id, link);
        }
        Ok(Part { xml, links })
    }

    /// Reads the picture at `name` into the media, once.
    fn picture(&mut self, name: &str) -> Result<(), String> {
        if self.template.media.contains_key(name) {
            return Ok(());
        }
        let extension = extension(name);
        if !MEDIA_TYPES.iter().any(|(ext, _)| *ext == extension) {
            return Err(format!(
                "has a picture `{}` in a format foi does not copy; use PNG, JPEG, GIF, EMF or SVG",
                shown(name)
            ));
        }
        let bytes = self
            .archive
            .read(name, MAX_MEDIA_BYTES)?
            .ok_or_else(|| format!("refers to a picture `{}` it does not hold", shown(name)))?;
        self.template.media.insert(name.to_owned(), bytes);
        Ok(())
    }
}

const STRICT_HINT: &str = "is saved as Strict Open XML, which foi does not read: in Word, save it \
                           again as \"Word Document (.docx)\" or \"Word Template (.dotx)\"";

/// Checks that `part` binds the `w:` prefix to WordprocessingML, as every word processor
/// writes it: the letter's own parts use that prefix, and so do the pieces foi reads.
fn declares_w(part: &Element, name: &str) -> Result<(), String> {
    match part.attribute("xmlns:w") {
        Some(W) => Ok(()),
        Some(other) if other.starts_with(STRICT) => Err(STRICT_HINT.to_owned()),
        _ => Err(format!(
            "has a part `{}` that does not use the usual `w:` prefix for WordprocessingML",
            shown(name)
        )),
    }
}

/// The `.rels` part of part `name`: `word/document.xml` → `word/_rels/document.xml.rels`;
/// the package's own for `""`.
fn relationships_part(name: &str) -> String {
    match name.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None if name.is_empty() => "_rels/.rels".to_owned(),
        None => format!("_rels/{name}.rels"),
    }
}

/// The part a relationship of part `from` targets: relative to `from`'s folder, or from the
/// package root when it starts with `/`; `%XX` escapes decoded. A target that climbs out of
/// the package, or is not a plain path, is refused.
fn resolve(from: &str, target: &str) -> Result<String, String> {
    let refuse = || format!("has a relationship to `{}`, which is not a part inside it", shown(target));
    let decoded = percent_decoded(target).ok_or_else(refuse)?;
    let mut steps: Vec<&str> = Vec::new();
    if !decoded.starts_with('/')
        && let Some((folder, _)) = from.rsplit_once('/')
    {
        steps.extend(folder.split('/'));
    }
    for step in decoded.trim_start_matches('/').split('/') {
        match step {
            "." => {}
            ".." => {
                steps.pop().ok_or_else(refuse)?;
            }
            "" => return Err(refuse()),
            step if step.contains('\\') || step.contains(':') || step.chars().any(char::is_control) => {
                return Err(refuse());
            }
            step => steps.push(step),
        }
    }
    if steps.is_empty() {
        return Err(refuse());
    }
    Ok(steps.join("/"))
}

fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The lower-cased extension of a part name.
pub fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

/// Whether a link is one a letter may carry: a web or email address.
pub fn is_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// The section's layout without what does not belong in the letter: revision marks and
/// ids, a printer's settings, and anything outside WordprocessingML.
fn section_properties(section: &Element) -> Element {
    let mut out = Element::new("w:sectPr");
    out.attributes = section
        .attributes
        .iter()
        .filter(|(k, _)| k.starts_with("w:") && !k.starts_with("w:rsid"))
        .cloned()
        .collect();
    for child in section.elements() {
        let reference = matches!(child.name.as_str(), "w:headerReference" | "w:footerReference");
        let keeps = child.name.starts_with("w:")
            && child.name != "w:printerSettings"
            && child.name != "w:sectPrChange";
        if reference || (keeps && !mentions_relationship(child)) {
            out.children.push(Node::Element(only_w(child)));
        }
    }
    out
}

fn mentions_relationship(element: &Element) -> bool {
    element.attributes.iter().any(|(k, _)| k.starts_with("r:"))
        || element.elements().any(mentions_relationship)
}

/// `element` with only WordprocessingML elements and attributes (and `r:id`).
fn only_w(element: &Element) -> Element {
    let mut out = Element::new(&element.name);
    out.attributes = element
        .attributes
        .iter()
        .filter(|(k, _)| (k.starts_with("w:") && !k.starts_with("w:rsid")) || k == "r:id")
        .cloned()
        .collect();
    out.children = element
        .children
        .iter()
        .filter_map(|node| match node {
            Node::Element(child) if child.name.starts_with("w:") => Some(Node::Element(only_w(child))),
            Node::Element(_) => None,
            Node::Text(text) => Some(Node::Text(text.clone())),
        })
        .collect();
    out
}

/// Elements whose content is a deletion or an earlier version: removed with what they hold.
const REMOVED: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "w:rPrChange",
    "w:pPrChange",
    "w:sectPrChange",
    "w:tblPrChange",
    "w:tblPrExChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:tblGridChange",
    "w:numberingChange",
    "w:commentRangeStart",
    "w:commentRangeEnd",
    "w:commentReference",
    "w:moveFromRangeStart",
    "w:moveFromRangeEnd",
    "w:moveToRangeStart",
    "w:moveToRangeEnd",
    "w:customXmlInsRangeStart",
    "w:customXmlInsRangeEnd",
    "w:customXmlDelRangeStart",
    "w:customXmlDelRangeEnd",
    "w:permStart",
    "w:permEnd",
    "w:dataBinding",
    "w:rsid",
    "w:rsids",
];

/// Elements whose content is an insertion: kept, without the wrapper naming its author.
const UNWRAPPED: &[&str] = &["w:ins", "w:moveTo"];

/// Accepts tracked changes and removes comments, editing permissions, data bindings and
/// revision ids, so no one's name or editing history comes along with the template.
fn tidy(mut element: Element) -> Element {
    element.attributes.retain(|(key, _)| !key.starts_with("w:rsid"));
    let children = std::mem::take(&mut element.children);
    for child in children {
        match child {
            Node::Element(child) if REMOVED.contains(&child.name.as_str()) => {}
            Node::Element(child) if UNWRAPPED.contains(&child.name.as_str()) => {
                let inner = tidy(child);
                element.children.extend(inner.children);
            }
            Node::Element(child) => element.children.push(Node::Element(tidy(child))),
            text @ Node::Text(_) => element.children.push(text),
        }
    }
    element
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_inside_the_package_only() {
        assert_eq!(resolve("word/document.xml", "media/image1.png"), Ok("word/media/image1.png".to_owned()));
        assert_eq!(
            resolve("word/theme/theme1.xml", "../media/a%20b.png"),
            Ok("word/media/a b.png".to_owned())
        );
        assert_eq!(resolve("word/header1.xml", "/word/media/x.emf"), Ok("word/media/x.emf".to_owned()));
        assert_eq!(resolve("", "word/document.xml"), Ok("word/document.xml".to_owned()));
        for bad in ["../../etc/passwd", "../../../x", "media//x.png", "C:\\x.png", "file:x", "%zz", "/"] {
            assert!(resolve("word/header1.xml", bad).is_err(), "{bad}");
        }
        assert_eq!(relationships_part("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(relationships_part(""), "_rels/.rels");
    }

    #[test]
    fn tracked_changes_are_accepted_and_comments_removed() {
        let header = xml::parse(
            b"<w:hdr xmlns:w=\"x\"><w:p w:rsidR=\"00A1\"><w:ins w:author=\"Jo Bloggs\" w:date=\"2024-01-01\"><w:r><w:t>kept</w:t></w:r></w:ins>\
              <w:del w:author=\"Jo Bloggs\"><w:r><w:delText>gone</w:delText></w:r></w:del><w:commentRangeStart w:id=\"1\"/>\
              <w:r><w:rPr><w:rPrChange w:author=\"Jo Bloggs\"/></w:rPr><w:t>too</w:t></w:r></w:p></w:hdr>",
            xml::LIMITS,
        )
        .expect("parses");
        let mut out = String::new();
        tidy(header).write(&mut out);
        assert_eq!(
            out,
            "<w:hdr xmlns:w=\"x\"><w:p><w:r><w:t>kept</w:t></w:r><w:r><w:rPr/><w:t>too</w:t></w:r></w:p></w:hdr>"
        );
    }

    #[test]
    fn a_section_keeps_its_layout_and_references_only() {
        let section = xml::parse(
            b"<w:sectPr xmlns:w=\"w\" xmlns:r=\"r\" xmlns:w14=\"x\" w:rsidR=\"1\"><w:headerReference w:type=\"default\" r:id=\"rId7\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
              <w:printerSettings r:id=\"rId9\"/><w:sectPrChange w:author=\"A\"/><w14:x/><w:titlePg/></w:sectPr>",
            xml::LIMITS,
        )
        .expect("parses");
        let mut out = String::new();
        section_properties(&section).write(&mut out);
        assert_eq!(
            out,
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId7\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:titlePg/></w:sectPr>"
        );
    }

    #[test]
    fn only_web_and_email_addresses_are_links() {
        assert!(is_address("https://www.example.gov.uk") && is_address("mailto:foi@example.gov.uk"));
        assert!(
            !is_address("javascript:alert(1)")
                && !is_address("file:///etc/passwd")
                && !is_address("\\\\server\\x")
        );
    }
}
