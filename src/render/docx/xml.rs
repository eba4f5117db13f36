//! XML for the Word package: escaping every text and attribute value foi writes, and a
//! bounded tree of one part read from the authority's template.
//!
//! Two rules make every part foi writes well-formed, whatever a casebook or a template
//! holds. Text and attribute values only ever reach the output through [`text`] and
//! [`attribute`], which escape markup and drop the characters XML 1.0 forbids. And a
//! template's part is never copied as bytes: it is parsed into an [`Element`] tree (by
//! quick-xml, refusing a DTD, unknown entities, mismatched tags and names that are not plain
//! XML names, within limits of size, depth and count) and written back by [`Element::write`],
//! through the same escaping. A comment or processing instruction is dropped; CDATA becomes
//! escaped text.

use quick_xml::events::{BytesStart, Event};

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Whether XML 1.0 allows `c` in a document (its `Char` production; Rust text holds no
/// surrogates). The same rule as the loader's, restated here because the renderer takes
/// its input as given: a character XML forbids would make Word refuse the whole file.
pub fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Appends `value` as element content: `&`, `<` and `>` escaped, forbidden characters
/// dropped.
pub fn text(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// Appends `value` as an attribute value in double quotes: markup and both quotes
/// escaped, tabs and line ends as character references (a parser would otherwise turn
/// them into spaces), forbidden characters dropped.
pub fn attribute(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `value` escaped as element content, as a new string.
#[cfg(test)]
pub fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    text(&mut out, value);
    out
}

/// How much of a template's part foi will read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Elements inside elements: Word's deepest parts (a text box in a table in a header)
    /// nest a few dozen levels.
    pub depth: usize,
    /// Elements and text nodes in the part.
    pub nodes: usize,
}

/// The limits for every part of a template.
pub const LIMITS: Limits = Limits { depth: 256, nodes: 500_000 };

/// One element of a part, with its qualified name (`w:style`) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The qualified name, prefix included.
    pub name: String,
    /// Attributes in their order, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
}

/// What an element holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Text, unescaped.
    Text(String),
}

impl Element {
    /// An element with no attributes or children.
    pub fn new(name: &str) -> Self {
        Self { name: name.to_owned(), attributes: Vec::new(), children: Vec::new() }
    }

    /// The name without its prefix.
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// The value of the attribute with this qualified name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// Child elements, in order, to change.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this qualified name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name == name)
    }

    /// Removes every descendant element for which `drop` is true.
    pub fn remove_where(&mut self, drop: &impl Fn(&Element) -> bool) {
        self.children.retain(|node| !matches!(node, Node::Element(element) if drop(element)));
        for child in self.elements_mut() {
            child.remove_where(drop);
        }
    }

    /// Appends the element as XML.
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (key, value) in &self.attributes {
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            attribute(out, value);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(element) => element.write(out),
                Node::Text(value) => text(out, value),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// The element as a whole part: the XML declaration, then the element.
    pub fn to_part(&self) -> String {
        let mut out = String::from(DECLARATION);
        self.write(&mut out);
        out
    }
}

/// Parses a part of a template into its root element, within `limits`. The error says
/// what is wrong, for a message that names the part.
pub fn parse(bytes: &[u8], limits: Limits) -> Result<Element, String> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|_| "is not UTF-8 XML (Word writes UTF-8)".to_owned())?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    // The prefixes each open element declares, for the check that every prefix used is.
    let mut scopes: Vec<Vec<String>> = Vec::new();
    let mut root: Option<Element> = None;
    let mut nodes = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| format!("is not well-formed XML (at byte {}): {err}", reader.error_position()))?;
        let mut count = || {
            nodes += 1;
            if nodes > limits.nodes {
                Err(format!("holds more than {} XML nodes", limits.nodes))
            } else {
                Ok(())
            }
        };
        match event {
            Event::Start(start) => {
                count()?;
                if stack.len() >= limits.depth {
                    return Err(format!("nests elements more than {} deep", limits.depth));
                }
                if root.is_some() {
                    return Err("has more than one root element".to_owned());
                }
                let element = element(&start)?;
                scopes.push(declared_prefixes(&element, &scopes)?);
                stack.push(element);
            }
            Event::Empty(start) => {
                count()?;
                let element = element(&start)?;
                declared_prefixes(&element, &scopes)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None if root.is_none() => root = Some(element),
                    None => return Err("has more than one root element".to_owned()),
                }
            }
            Event::End(_) => {
                // quick-xml has checked that the name matches the open element.
                let Some(done) = stack.pop() else { return Err("closes an element never opened".to_owned()) };
                scopes.pop();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(raw) => {
                let value =
                    raw.xml10_content().map_err(|err| format!("holds text that is not UTF-8: {err}"))?;
                push_text(&mut stack, &value, &mut count)?;
            }
            Event::CData(raw) => {
                let value =
                    raw.xml10_content().map_err(|err| format!("holds text that is not UTF-8: {err}"))?;
                push_text(&mut stack, &value, &mut count)?;
            }
            Event::GeneralRef(reference) => {
                let c = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => predefined(&reference)?,
                    Err(err) => return Err(format!("holds a bad character reference: {err}")),
                };
                if !allowed(c) {
                    return Err(format!("holds a character XML forbids (U+{:04X})", u32::from(c)));
                }
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]), &mut count)?;
            }
            Event::DocType(_) => {
                // Word never writes one; a DTD is how entity-expansion bombs are built.
                return Err("has a document type declaration (DTD), which Word never writes".to_owned());
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("ends before every element is closed".to_owned());
    }
    root.ok_or_else(|| "holds no XML element".to_owned())
}

/// The prefixes `element` declares, after checking that every prefix its name, its
/// attributes and its `mc:Ignorable` list use is declared there or in `scopes` (the open
/// elements around it): Word refuses a document with an undeclared prefix.
fn declared_prefixes(element: &Element, scopes: &[Vec<String>]) -> Result<Vec<String>, String> {
    let declared: Vec<String> = element
        .attributes
        .iter()
        .filter_map(|(key, _)| key.strip_prefix("xmlns:").map(str::to_owned))
        .collect();
    let known = |prefix: &str| {
        prefix == "xml"
            || declared.iter().any(|p| p == prefix)
            || scopes.iter().flatten().any(|p| p == prefix)
    };
    let undeclared = |prefix: &str| {
        format!("uses the prefix `{}` in <{}> without declaring it", shown(prefix), shown(&element.name))
    };
    let mut names = std::iter::once(element.name.as_str())
        .chain(element.attributes.iter().map(|(key, _)| key.as_str()).filter(|k| !k.starts_with("xmlns")));
    if let Some(prefix) = names.find_map(|name| name.split_once(':').map(|(p, _)| p).filter(|p| !known(p))) {
        return Err(undeclared(prefix));
    }
    for (key, value) in &element.attributes {
        if (key.ends_with(":Ignorable") || key.ends_with(":MustUnderstand"))
            && let Some(prefix) = value.split_whitespace().find(|p| !known(p))
        {
            return Err(undeclared(prefix));
        }
    }
    Ok(declared)
}

/// The five entities XML predefines; any other needs a DTD, which is refused.
fn predefined(reference: &quick_xml::events::BytesRef) -> Result<char, String> {
    match &**reference {
        b"lt" => Ok('<'),
        b"gt" => Ok('>'),
        b"amp" => Ok('&'),
        b"apos" => Ok('\''),
        b"quot" => Ok('"'),
        other => Err(format!("uses the undefined entity `&{};`", String::from_utf8_lossy(other))),
    }
}

fn push_text(
    stack: &mut [Element],
    value: &str,
    count: &mut impl FnMut() -> Result<(), String>,
) -> Result<(), String> {
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return Err(format!("holds a character XML forbids (U+{:04X})", u32::from(c)));
    }
    match stack.last_mut() {
        Some(parent) => {
            // Text split by a reference joins the text before it.
            if let Some(Node::Text(previous)) = parent.children.last_mut() {
                previous.push_str(value);
            } else {
                count()?;
                parent.children.push(Node::Text(value.to_owned()));
            }
            Ok(())
        }
        None if value.trim().is_empty() => Ok(()),
        None => Err("holds text outside the root element".to_owned()),
    }
}

fn element(start: &BytesStart) -> Result<Element, String> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(|_| "has an element name that is not UTF-8".to_owned())?
        .to_owned();
    if !is_name(&name) {
        return Err(format!("has an element named `{}`, which is not a plain XML name", shown(&name)));
    }
    let mut attributes = Vec::new();
    for attribute in start.attributes().with_checks(true) {
        let attribute = attribute.map_err(|err| format!("has a malformed attribute in <{name}>: {err}"))?;
        let key = std::str::from_utf8(attribute.key.as_ref())
            .map_err(|_| format!("has an attribute name in <{name}> that is not UTF-8"))?
            .to_owned();
        if !is_name(&key) {
            return Err(format!(
                "has an attribute `{}` in <{name}>, which is not a plain XML name",
                shown(&key)
            ));
        }
        let value = attribute
            .unescape_value()
            .map_err(|err| format!("has an attribute value in <{name}> that cannot be read: {err}"))?;
        if let Some(c) = value.chars().find(|c| !allowed(*c)) {
            return Err(format!("holds a character XML forbids (U+{:04X})", u32::from(c)));
        }
        attributes.push((key, value.into_owned()));
    }
    Ok(Element { name, attributes, children: Vec::new() })
}

/// Whether `name` is a name as Office writes them: ASCII letters, digits, `_`, `-`, `.`
/// and at most one `:` between a prefix and a local name. Anything else is refused rather
/// than written back, so no name can carry markup.
fn is_name(name: &str) -> bool {
    let mut parts = name.split(':');
    let plain = |part: &str| {
        part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), None, None) => plain(local),
        (Some(prefix), Some(local), None) => plain(prefix) && plain(local),
        _ => false,
    }
}

/// A name as shown in a message: at most 40 characters, control characters left out.
fn shown(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(xml: &str) -> String {
        let mut out = String::new();
        parse(xml.as_bytes(), LIMITS).unwrap_or_else(|err| panic!("{err}: {xml}")).write(&mut out);
        out
    }

    #[test]
    fn text_and_attributes_are_escaped_and_forbidden_characters_dropped() {
        let hostile = "<w:p>]]>&amp; \"q\" 'a'\u{1}\u{b}\u{fffe}\tend";
        assert_eq!(escaped(hostile), "&lt;w:p&gt;]]&gt;&amp;amp; \"q\" 'a'\tend");
        let mut out = String::new();
        attribute(&mut out, hostile);
        assert_eq!(out, "&lt;w:p&gt;]]&gt;&amp;amp; &quot;q&quot; &apos;a&apos;&#9;end");
    }

    #[test]
    fn a_part_is_written_back_escaped_without_comments_or_instructions() {
        let xml = "<?xml version=\"1.0\"?>\n<!-- c --><w:a xmlns:w=\"urn:x\" w:v=\"&lt;&quot;&#65;\"><?pi x?>\
                   <w:t xml:space=\"preserve\"> a &amp; b <![CDATA[<c>]]>&#x42;</w:t><w:e/></w:a>";
        assert_eq!(
            round_trip(xml),
            "<w:a xmlns:w=\"urn:x\" w:v=\"&lt;&quot;A\"><w:t xml:space=\"preserve\"> a &amp; b &lt;c&gt;B</w:t><w:e/></w:a>"
        );
    }

    #[test]
    fn malformed_or_dangerous_xml_is_refused() {
        for (xml, expect) in [
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "DTD"),
            ("<a>&x;</a>", "undefined entity"),
            ("<a><b></a>", "well-formed"),
            ("<a>", "closed"),
            ("<a/><b/>", "more than one root"),
            ("<a x=\"1\" x=\"2\"/>", "malformed attribute"),
            ("<a>&#1;</a>", "forbids"),
            ("text", "outside the root"),
            ("", "no XML element"),
            ("<a:b:c/>", "plain XML name"),
            ("<w:a/>", "prefix `w`"),
            ("<a xmlns:w=\"u\"><b w:x=\"1\" y:z=\"2\"/></a>", "prefix `y`"),
            ("<a xmlns:mc=\"m\" mc:Ignorable=\"w14\"/>", "prefix `w14`"),
        ] {
            let err = parse(xml.as_bytes(), LIMITS).expect_err(xml);
            assert!(err.contains(expect), "{xml}: {err}");
        }
        assert!(parse(b"\xff<a/>", LIMITS).expect_err("bytes").contains("UTF-8"));
    }

    #[test]
    fn depth_and_node_counts_are_bounded() {
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        assert!(parse(deep.as_bytes(), LIMITS).expect_err("deep").contains("deep"));
        let many = format!("<a>{}</a>", "<b/>".repeat(20));
        let err = parse(many.as_bytes(), Limits { depth: 8, nodes: 10 }).expect_err("many");
        assert!(err.contains("more than 10"), "{err}");
    }

    #[test]
    fn elements_can_be_found_and_removed() {
        let xml = b"<w:f xmlns:w=\"w\" xmlns:r=\"r\"><w:font w:name=\"A\"><w:embedBold r:id=\"x\"/><w:panose1/></w:font></w:f>";
        let mut root = parse(xml, LIMITS).expect("parses");
        root.remove_where(&|e| e.local().starts_with("embed"));
        let mut out = String::new();
        root.write(&mut out);
        assert_eq!(out, "<w:f xmlns:w=\"w\" xmlns:r=\"r\"><w:font w:name=\"A\"><w:panose1/></w:font></w:f>");
        assert_eq!(root.child("w:font").and_then(|f| f.attribute("w:name")), Some("A"));
    }
}
