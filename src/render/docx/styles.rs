//! The letter's styles and list numbering: Word's built-in styles by their built-in names
//! (Normal, Title, Heading 1–5, List Bullet, List Number, Quote, Hyperlink, Table Grid…),
//! so that an authority's own template restyles the letter, and a clean default of them
//! (12 pt Arial, generous spacing between paragraphs rather than empty ones) when there is
//! no template.
//!
//! With a template, each style the letter uses is looked up by its name (`heading 1`), not
//! its id, because Word in another language gives built-in styles other ids; a style the
//! template lacks is added from the defaults under an id the template does not use. Lists
//! use the template's own numbering where its List Bullet and List Number styles have one;
//! each numbered list starts from its own first number.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::template::{Template, W};
use super::xml::{self, Element, Node};

/// What a piece of the letter is, and so which style it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Body text.
    Normal,
    /// The letter's first heading (the authority's name on the letterhead).
    Title,
    /// Headings below it: Markdown's `##` is Heading 1, down to Heading 5.
    Heading(u8),
    /// A bulleted list item.
    ListBullet,
    /// A numbered list item.
    ListNumber,
    /// A further paragraph of a list item.
    ListContinue,
    /// A block quotation.
    Quote,
    /// A block of code or preformatted text.
    Preformatted,
    /// Code within a line (a character style).
    Code,
    /// A link (a character style).
    Hyperlink,
    /// A table.
    Table,
    /// The running footer of a letter without a template.
    Footer,
}

/// The heading levels below Title.
pub const HEADINGS: u8 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Character,
    Table,
    Numbering,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
            Kind::Table => "table",
            Kind::Numbering => "numbering",
        }
    }
}

/// A built-in style as foi defines it.
struct Builtin {
    /// Its built-in name, as `w:name` holds it.
    name: &'static str,
    /// The id Word in English gives it.
    id: &'static str,
    kind: Kind,
    /// The name of the style it is based on.
    based_on: Option<&'static str>,
    /// Whether the next paragraph after one in this style is Normal.
    next_normal: bool,
    /// `uiPriority`, `qFormat` and the like: what comes before the properties.
    flags: &'static str,
    /// The style's properties (`w:pPr`, `w:rPr`, `w:tblPr`), with `{bullet}` and `{number}`
    /// standing for the numbering of bulleted and numbered lists.
    properties: &'static str,
}

const NORMAL: &str = "Normal";
const PARAGRAPH_FONT: &str = "Default Paragraph Font";
const NORMAL_TABLE: &str = "Normal Table";

/// The defaults of a letter without a template: the letter's language, a 12 pt sans-serif
/// font and the spacing between paragraphs.
const DOC_DEFAULTS: &str = "<w:docDefaults><w:rPrDefault><w:rPr>\
    <w:rFonts w:ascii=\"Arial\" w:eastAsia=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
    <w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\"/>\
    </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"288\" w:lineRule=\"auto\"/>\
    </w:pPr></w:pPrDefault></w:docDefaults>";

/// Styles only a letter without a template has: the defaults every Word document has.
const BASE: &[Builtin] = &[
    Builtin {
        name: PARAGRAPH_FONT,
        id: "DefaultParagraphFont",
        kind: Kind::Character,
        based_on: None,
        next_normal: false,
        flags: "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>",
        properties: "",
    },
    Builtin {
        name: NORMAL_TABLE,
        id: "TableNormal",
        kind: Kind::Table,
        based_on: None,
        next_normal: false,
        flags: "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>",
        properties: "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
            <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
            </w:tblCellMar></w:tblPr>",
    },
    Builtin {
        name: "No List",
        id: "NoList",
        kind: Kind::Numbering,
        based_on: None,
        next_normal: false,
        flags: "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>",
        properties: "",
    },
];

fn builtin(role: Role) -> Builtin {
    let heading = |name, id, flags, properties| Builtin {
        name,
        id,
        kind: Kind::Paragraph,
        based_on: Some(NORMAL),
        next_normal: true,
        flags,
        properties,
    };
    let paragraph = |name, id, flags, properties| Builtin {
        name,
        id,
        kind: Kind::Paragraph,
        based_on: Some(NORMAL),
        next_normal: false,
        flags,
        properties,
    };
    let character = |name, id, flags, properties| Builtin {
        name,
        id,
        kind: Kind::Character,
        based_on: Some(PARAGRAPH_FONT),
        next_normal: false,
        flags,
        properties,
    };
    match role {
        Role::Normal => Builtin {
            name: NORMAL,
            id: "Normal",
            kind: Kind::Paragraph,
            based_on: None,
            next_normal: false,
            flags: "<w:qFormat/>",
            properties: "",
        },
        Role::Title => heading(
            "Title",
            "Title",
            "<w:uiPriority w:val=\"10\"/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:spacing w:after=\"240\"/><w:contextualSpacing/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:kern w:val=\"28\"/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr>",
        ),
        Role::Heading(1) => heading(
            "heading 1",
            "Heading1",
            "<w:uiPriority w:val=\"9\"/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr>",
        ),
        Role::Heading(2) => heading(
            "heading 2",
            "Heading2",
            "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"320\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>",
        ),
        Role::Heading(3) => heading(
            "heading 3",
            "Heading3",
            "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"280\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>",
        ),
        Role::Heading(4) => heading(
            "heading 4",
            "Heading4",
            "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"3\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>",
        ),
        Role::Heading(_) => heading(
            "heading 5",
            "Heading5",
            "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"4\"/></w:pPr>\
             <w:rPr><w:i/><w:iCs/></w:rPr>",
        ),
        Role::ListBullet => paragraph(
            "List Bullet",
            "ListBullet",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:pPr><w:numPr><w:numId w:val=\"{bullet}\"/></w:numPr><w:spacing w:after=\"160\"/><w:contextualSpacing/></w:pPr>",
        ),
        Role::ListNumber => paragraph(
            "List Number",
            "ListNumber",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:pPr><w:numPr><w:numId w:val=\"{number}\"/></w:numPr><w:spacing w:after=\"160\"/><w:contextualSpacing/></w:pPr>",
        ),
        Role::ListContinue => paragraph(
            "List Continue",
            "ListContinue",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:pPr><w:spacing w:after=\"80\"/><w:ind w:left=\"720\"/><w:contextualSpacing/></w:pPr>",
        ),
        Role::Quote => paragraph(
            "Quote",
            "Quote",
            "<w:uiPriority w:val=\"29\"/><w:qFormat/>",
            "<w:pPr><w:ind w:left=\"720\" w:right=\"720\"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>",
        ),
        Role::Preformatted => paragraph(
            "HTML Preformatted",
            "HTMLPreformatted",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
             <w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>\
             <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr>",
        ),
        Role::Code => character(
            "HTML Code",
            "HTMLCode",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>\
             <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr>",
        ),
        Role::Hyperlink => character(
            "Hyperlink",
            "Hyperlink",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr>",
        ),
        Role::Footer => paragraph(
            "footer",
            "Footer",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:pPr><w:tabs><w:tab w:val=\"center\" w:pos=\"4513\"/><w:tab w:val=\"right\" w:pos=\"9026\"/></w:tabs>\
             <w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr>",
        ),
        Role::Table => Builtin {
            name: "Table Grid",
            id: "TableGrid",
            kind: Kind::Table,
            based_on: Some(NORMAL_TABLE),
            next_normal: false,
            flags: "<w:uiPriority w:val=\"39\"/>",
            properties: "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
                <w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
                <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
                <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
                <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
                <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
                <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders>\
                <w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:bottom w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>",
        },
    }
}

/// Every role, in the order their styles are written.
fn roles() -> Vec<Role> {
    let mut roles = vec![Role::Normal, Role::Title];
    roles.extend((1..=HEADINGS).map(Role::Heading));
    roles.extend([
        Role::ListBullet,
        Role::ListNumber,
        Role::ListContinue,
        Role::Quote,
        Role::Preformatted,
        Role::Code,
        Role::Hyperlink,
        Role::Table,
        Role::Footer,
    ]);
    roles
}

/// A style of the template.
struct Existing {
    id: String,
    /// The list numbering its paragraph properties give, if any.
    num_id: Option<u32>,
}

/// A numbering instance foi adds: its id, the abstract numbering it uses, and the level
/// and number it restarts at.
struct Instance {
    id: u32,
    abstract_id: u32,
    restart: Option<(usize, u64)>,
}

/// The letter's styles and numbering, resolved against the template (if any).
pub struct StyleSheet {
    ids: BTreeMap<Role, String>,
    /// `w:styles`, with the styles the template lacked added.
    styles: Element,
    /// The template's `w:numbering`, if any.
    numbering: Option<Element>,
    bullet_abstract: u32,
    decimal_abstract: u32,
    /// The numbering of bulleted list items.
    bullet_num: u32,
    /// The abstract numbering each numbered list restarts.
    number_abstract: u32,
    /// Numbering instances added.
    nums: Vec<Instance>,
    next_num: u32,
}

impl StyleSheet {
    /// The styles for a letter in `language`, on `template` or the built-in default.
    pub fn new(template: Option<&Template>, language: &str) -> Self {
        let numbering = template.and_then(|t| t.numbering.as_ref()).map(|part| part.xml.clone());
        let (mut max_abstract, mut max_num) = (0u32, 0u32);
        let mut abstract_of: BTreeMap<u32, u32> = BTreeMap::new();
        if let Some(numbering) = &numbering {
            for element in numbering.elements() {
                let number = |name| element.attribute(name).and_then(|v| v.parse::<u32>().ok());
                match element.name.as_str() {
                    "w:abstractNum" => {
                        max_abstract = max_abstract.max(number("w:abstractNumId").unwrap_or(0))
                    }
                    "w:num" => {
                        let id = number("w:numId").unwrap_or(0);
                        max_num = max_num.max(id);
                        let target = element.child("w:abstractNumId").and_then(|a| a.attribute("w:val"));
                        if let Some(target) = target.and_then(|v| v.parse().ok()) {
                            abstract_of.insert(id, target);
                        }
                    }
                    _ => {}
                }
            }
        }
        // Past the template's largest ids, so nothing of the template's is renumbered.
        let bullet_abstract = max_abstract.saturating_add(1);
        let decimal_abstract = max_abstract.saturating_add(2);
        let base_bullet = max_num.saturating_add(1);
        let base_number = max_num.saturating_add(2);

        let (mut styles, existing) = match template.and_then(|t| t.styles.as_ref()) {
            Some(styles) => {
                let mut styles = styles.clone();
                set_default_language(&mut styles, language);
                let existing = existing_styles(&styles);
                (styles, existing)
            }
            None => (builtin_root(language), BTreeMap::new()),
        };
        let mut taken: BTreeSet<String> = existing.values().map(|e| e.id.to_lowercase()).collect();
        let has_template_styles = template.is_some_and(|t| t.styles.is_some());
        let mut ids = BTreeMap::new();
        let mut added: Vec<(Builtin, String)> = Vec::new();
        let default_paragraph = default_paragraph_style(&styles);
        for role in roles() {
            let style = builtin(role);
            let found = existing
                .get(&(style.name.to_lowercase(), style.kind.as_str().to_owned()))
                .map(|e| e.id.clone());
            let found = found.or_else(|| (role == Role::Normal).then(|| default_paragraph.clone()).flatten());
            let id = match found {
                Some(id) => id,
                None => {
                    let id = free_id(style.id, &mut taken);
                    added.push((style, id.clone()));
                    id
                }
            };
            ids.insert(role, id);
        }
        let name_to_id = |name: &str| -> Option<String> {
            if name == NORMAL {
                return ids.get(&Role::Normal).cloned();
            }
            existing.iter().find(|((n, _), _)| n == &name.to_lowercase()).map(|(_, e)| e.id.clone()).or_else(
                || {
                    (!has_template_styles)
                        .then(|| BASE.iter().find(|b| b.name == name).map(|b| b.id.to_owned()))
                        .flatten()
                },
            )
        };
        let mut written = String::new();
        if !has_template_styles {
            for base in BASE {
                write_style(&mut written, base, base.id, true, None, &name_to_id, (base_bullet, base_number));
            }
        }
        for (style, id) in &added {
            let default = style.name == NORMAL && default_paragraph.is_none();
            let normal = ids.get(&Role::Normal).map(String::as_str);
            write_style(&mut written, style, id, default, normal, &name_to_id, (base_bullet, base_number));
        }
        if let Ok(more) = xml::parse(format!("<w:x xmlns:w=\"{W}\">{written}</w:x>").as_bytes(), xml::LIMITS)
        {
            styles.children.extend(more.children);
        }

        let template_num = |role: Role| {
            existing
                .get(&(builtin(role).name.to_lowercase(), "paragraph".to_owned()))
                .and_then(|e| e.num_id)
                .filter(|id| abstract_of.contains_key(id))
        };
        let bullet_num = template_num(Role::ListBullet).unwrap_or(base_bullet);
        let number_abstract = template_num(Role::ListNumber)
            .and_then(|id| abstract_of.get(&id).copied())
            .unwrap_or(decimal_abstract);
        Self {
            ids,
            styles,
            numbering,
            bullet_abstract,
            decimal_abstract,
            bullet_num,
            number_abstract,
            nums: vec![
                Instance { id: base_bullet, abstract_id: bullet_abstract, restart: None },
                Instance { id: base_number, abstract_id: decimal_abstract, restart: None },
            ],
            next_num: max_num.saturating_add(3),
        }
    }

    /// The style id for `role`.
    pub fn id(&self, role: Role) -> &str {
        self.ids.get(&role).map_or("Normal", String::as_str)
    }

    /// The numbering of bulleted list items.
    pub fn bullets(&self) -> u32 {
        self.bullet_num
    }

    /// A new numbering for one numbered list at nesting `level`, starting at `start`.
    pub fn numbered_list(&mut self, level: usize, start: u64) -> u32 {
        let id = self.next_num;
        self.next_num = self.next_num.saturating_add(1);
        self.nums.push(Instance { id, abstract_id: self.number_abstract, restart: Some((level, start)) });
        id
    }

    /// `word/styles.xml`.
    pub fn styles_part(&self) -> String {
        self.styles.to_part()
    }

    /// `word/numbering.xml`: the template's definitions, then foi's, in the order the
    /// schema wants (pictures for bullets, abstract definitions, instances, the rest).
    pub fn numbering_part(&self) -> String {
        let mut root = match &self.numbering {
            Some(numbering) => Element { children: Vec::new(), ..numbering.clone() },
            None => {
                let mut root = Element::new("w:numbering");
                root.attributes.push(("xmlns:w".to_owned(), W.to_owned()));
                root
            }
        };
        let theirs: Vec<&Element> = self.numbering.iter().flat_map(|n| n.elements()).collect();
        let of = |name: &'static str| {
            theirs
                .iter()
                .filter(move |e| e.name == name)
                .map(|e| Node::Element((*e).clone()))
                .collect::<Vec<_>>()
        };
        root.children.extend(of("w:numPicBullet"));
        root.children.extend(of("w:abstractNum"));
        let mut ours = String::new();
        abstract_list(&mut ours, self.bullet_abstract, true);
        abstract_list(&mut ours, self.decimal_abstract, false);
        root.children.extend(parsed(&ours));
        root.children.extend(of("w:num"));
        let mut nums = String::new();
        for Instance { id, abstract_id, restart } in &self.nums {
            let _ = write!(nums, "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{abstract_id}\"/>");
            if let Some((level, start)) = restart {
                let _ = write!(
                    nums,
                    "<w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>"
                );
            }
            nums.push_str("</w:num>");
        }
        root.children.extend(parsed(&nums));
        root.children.extend(
            theirs
                .iter()
                .filter(|e| !matches!(e.name.as_str(), "w:numPicBullet" | "w:abstractNum" | "w:num"))
                .map(|e| Node::Element((*e).clone())),
        );
        root.to_part()
    }
}

/// XML written by foi itself, as nodes to add to a template's tree.
fn parsed(fragment: &str) -> Vec<Node> {
    xml::parse(format!("<w:x xmlns:w=\"{W}\">{fragment}</w:x>").as_bytes(), xml::LIMITS)
        .map(|root| root.children)
        .unwrap_or_default()
}

fn builtin_root(language: &str) -> Element {
    let mut lang = String::new();
    xml::attribute(&mut lang, language);
    let xml = format!("<w:styles xmlns:w=\"{W}\">{}</w:styles>", DOC_DEFAULTS.replace("{lang}", &lang));
    xml::parse(xml.as_bytes(), xml::LIMITS).unwrap_or_else(|_| Element::new("w:styles"))
}

/// The template's styles by (lower-cased name, kind).
fn existing_styles(styles: &Element) -> BTreeMap<(String, String), Existing> {
    let mut out = BTreeMap::new();
    for style in styles.elements().filter(|e| e.name == "w:style") {
        let (Some(id), Some(name)) =
            (style.attribute("w:styleId"), style.child("w:name").and_then(|n| n.attribute("w:val")))
        else {
            continue;
        };
        let kind = style.attribute("w:type").unwrap_or("paragraph");
        let num_id = style
            .child("w:pPr")
            .and_then(|p| p.child("w:numPr"))
            .and_then(|n| n.child("w:numId"))
            .and_then(|n| n.attribute("w:val"))
            .and_then(|v| v.parse().ok());
        out.entry((name.to_lowercase(), kind.to_owned())).or_insert(Existing { id: id.to_owned(), num_id });
    }
    out
}

/// The template's default paragraph style, when it has one.
fn default_paragraph_style(styles: &Element) -> Option<String> {
    styles
        .elements()
        .find(|s| {
            s.name == "w:style"
                && s.attribute("w:type") == Some("paragraph")
                && matches!(s.attribute("w:default"), Some("1" | "true" | "on"))
        })
        .and_then(|s| s.attribute("w:styleId"))
        .map(str::to_owned)
}

/// `preferred`, or `Foi` and it, or with a number, whichever no style of the template has.
fn free_id(preferred: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = preferred.to_owned();
    let mut n = 1;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = if n == 1 { format!("Foi{preferred}") } else { format!("Foi{preferred}{n}") };
        n += 1;
    }
    taken.insert(candidate.to_lowercase());
    candidate
}

fn write_style(
    out: &mut String,
    style: &Builtin,
    id: &str,
    default: bool,
    normal: Option<&str>,
    name_to_id: &impl Fn(&str) -> Option<String>,
    (bullet, number): (u32, u32),
) {
    let _ = write!(out, "<w:style w:type=\"{}\"", style.kind.as_str());
    if default {
        out.push_str(" w:default=\"1\"");
    }
    out.push_str(" w:styleId=\"");
    xml::attribute(out, id);
    out.push_str("\"><w:name w:val=\"");
    xml::attribute(out, style.name);
    out.push_str("\"/>");
    if let Some(based_on) = style.based_on.and_then(name_to_id) {
        out.push_str("<w:basedOn w:val=\"");
        xml::attribute(out, &based_on);
        out.push_str("\"/>");
    }
    if let Some(normal) = normal.filter(|_| style.next_normal) {
        out.push_str("<w:next w:val=\"");
        xml::attribute(out, normal);
        out.push_str("\"/>");
    }
    out.push_str(style.flags);
    out.push_str(
        &style.properties.replace("{bullet}", &bullet.to_string()).replace("{number}", &number.to_string()),
    );
    out.push_str("</w:style>");
}

/// Bullets (•, ◦, ▪) or decimal numbers (`1.`) on nine levels, each indented a further
/// quarter inch.
fn abstract_list(out: &mut String, id: u32, bullets: bool) {
    let _ =
        write!(out, "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
    for level in 0..9u32 {
        let (format, text) = if bullets {
            ("bullet", ["\u{2022}", "\u{25e6}", "\u{25aa}"][level as usize % 3].to_owned())
        } else {
            ("decimal", format!("%{}.", level + 1))
        };
        let _ = write!(
            out,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/>\
             <w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            720 + 360 * level
        );
    }
    out.push_str("</w:abstractNum>");
}

/// Sets the language of the template's default run properties to the letter's, so that
/// what an officer types into the letter is checked in that language too.
fn set_default_language(styles: &mut Element, language: &str) {
    let Some(defaults) = styles.elements_mut().find(|e| e.name == "w:docDefaults") else { return };
    let Some(run_default) = child_or_insert(defaults, "w:rPrDefault", &["w:pPrDefault"]) else { return };
    let Some(properties) = child_or_insert(run_default, "w:rPr", &[]) else { return };
    let before = ["w:eastAsianLayout", "w:specVanish", "w:oMath"];
    let Some(lang) = child_or_insert(properties, "w:lang", &before) else { return };
    lang.attributes.retain(|(k, _)| k != "w:val");
    lang.attributes.insert(0, ("w:val".to_owned(), language.to_owned()));
}

/// The child element `name` of `parent`, added before the first of `before` (the schema's
/// order) if there is none.
fn child_or_insert<'a>(parent: &'a mut Element, name: &str, before: &[&str]) -> Option<&'a mut Element> {
    if parent.child(name).is_none() {
        let at = parent
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if before.contains(&e.name.as_str())))
            .unwrap_or(parent.children.len());
        parent.children.insert(at, Node::Element(Element::new(name)));
    }
    parent.elements_mut().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::template::Part;

    fn template(styles: &str, numbering: Option<&str>) -> Template {
        let parse = |x: &str| xml::parse(x.as_bytes(), xml::LIMITS).expect("parses");
        Template {
            styles: Some(parse(&format!("<w:styles xmlns:w=\"{W}\">{styles}</w:styles>"))),
            numbering: numbering.map(|n| Part {
                xml: parse(&format!("<w:numbering xmlns:w=\"{W}\">{n}</w:numbering>")),
                links: BTreeMap::new(),
            }),
            ..Template::default()
        }
    }

    #[test]
    fn the_default_has_every_built_in_style_by_its_english_id() {
        let sheet = StyleSheet::new(None, "en-GB");
        assert_eq!(sheet.id(Role::Heading(1)), "Heading1");
        assert_eq!(sheet.id(Role::Title), "Title");
        assert_eq!(sheet.id(Role::Table), "TableGrid");
        let styles = sheet.styles_part();
        assert!(styles.contains("<w:lang w:val=\"en-GB\""), "{styles}");
        assert!(styles.contains("<w:sz w:val=\"24\"/>") && styles.contains("w:ascii=\"Arial\""), "{styles}");
        for name in [
            "Normal",
            "Title",
            "heading 1",
            "heading 3",
            "List Bullet",
            "List Number",
            "Hyperlink",
            "Table Grid",
        ] {
            assert!(styles.contains(&format!("<w:name w:val=\"{name}\"/>")), "{name}");
        }
        assert!(
            styles.contains("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"),
            "{styles}"
        );
    }

    #[test]
    fn a_templates_styles_are_found_by_name_and_missing_ones_added_under_free_ids() {
        let t = template(
            "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault></w:docDefaults>\
             <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Standard\"><w:name w:val=\"Normal\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Council Title\"/></w:style>",
            None,
        );
        let sheet = StyleSheet::new(Some(&t), "en-GB");
        assert_eq!(sheet.id(Role::Normal), "Standard");
        assert_eq!(sheet.id(Role::Heading(1)), "berschrift1");
        assert_eq!(
            sheet.id(Role::Title),
            "FoiTitle",
            "the id Title is the template's own, for another style"
        );
        let styles = sheet.styles_part();
        assert!(
            styles
                .contains("w:styleId=\"FoiTitle\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Standard\"/>"),
            "{styles}"
        );
        assert!(styles.contains("<w:lang w:val=\"en-GB\"/>") && !styles.contains("en-US"), "{styles}");
        assert_eq!(styles.matches("w:default=\"1\"").count(), 1, "{styles}");
    }

    #[test]
    fn lists_use_the_templates_numbering_and_each_numbered_list_restarts() {
        let t = template(
            "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>\
             <w:pPr><w:numPr><w:numId w:val=\"4\"/></w:numPr></w:pPr></w:style>",
            Some(
                "<w:abstractNum w:abstractNumId=\"7\"/><w:num w:numId=\"4\"><w:abstractNumId w:val=\"7\"/></w:num>",
            ),
        );
        let mut sheet = StyleSheet::new(Some(&t), "en-GB");
        assert_eq!(sheet.bullets(), 4);
        assert_eq!(sheet.numbered_list(0, 3), 7);
        let numbering = sheet.numbering_part();
        let order: Vec<usize> =
            ["w:abstractNumId=\"7\"", "w:abstractNumId=\"8\"", "w:numId=\"4\"", "w:numId=\"7\""]
                .iter()
                .map(|x| numbering.find(x).unwrap_or_else(|| panic!("{x} in {numbering}")))
                .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{numbering}");
        assert!(numbering.contains("<w:num w:numId=\"7\"><w:abstractNumId w:val=\"9\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"), "{numbering}");
    }
}
