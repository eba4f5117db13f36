//! The Word letter (`--format docx`), read back by independent readers: pandoc (Debian's)
//! for what it says, roxmltree for whether every part is well-formed XML, the zip crate for
//! what the package holds. What it says, in order; that its styles are Word's built-in ones
//! and its headings real headings; that it is the same bytes every time; that casebook text
//! stays text; that the document properties hold nothing personal; that the authority's
//! template gives its styles, layout and letterhead; and that a hostile template is refused
//! with a message naming the file.
//!
//! `pandoc` must be installed (`bash .ci/run` installs it): without it these tests fail
//! with a message saying so, never skip.

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use common::{CONTACT_CENTRE_REQUEST, Casebook, FOIA_PROFILE, OPEN_CONTRACT, TODAY};

/// Every example request: (casebook, request file stem).
const EXAMPLES: &[(&str, &str)] = &[
    ("hastings", "FOIR-467737865"),
    ("national-archives", "CAS-84648-H4L3X0"),
    ("shared-service", "MBC-2023-0412"),
    ("shared-service", "SBC-FOI-1187"),
    ("shared-service", "TWBC-23-0977"),
    ("kilbrannan", "KC-FOI-2024-0153"),
    ("kilbrannan", "KC-FOI-2024-0201"),
];

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A valid 2×2 PNG, made for this test.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0, 253,
    212, 154, 115, 0, 0, 0, 15, 73, 68, 65, 84, 120, 156, 99, 96, 48, 78, 3, 33, 8, 5, 0, 15, 50, 2, 101, 20,
    108, 144, 147, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

fn example(casebook: &str, request: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(casebook)
        .join(format!("requests/{request}.yaml"))
}

/// Runs `foi render REQUEST --format FORMAT`, whatever its outcome.
fn run_render(request: &Path, format: &str) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .arg("render")
        .arg(request)
        .args(["--format", format, "--today", "2030-12-31"])
        .output()
        .expect("runs")
}

/// `foi render REQUEST --format FORMAT`'s output; panics with the error output on failure.
fn render(request: &Path, format: &str) -> Vec<u8> {
    let output = run_render(request, format);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The parts of a Word file by name, each checked to be well-formed XML when it is XML.
fn parts(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a Word file is a zip archive");
    let mut out = BTreeMap::new();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("inflates");
        let name = entry.name().to_owned();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = std::str::from_utf8(&bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            if let Err(err) = roxmltree::Document::parse(text) {
                panic!("{name} is not well-formed XML: {err}\n{text}");
            }
        }
        out.insert(name, bytes);
    }
    out
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts.get(name).unwrap_or_else(|| panic!("no {name} in {:?}", parts.keys())).clone())
        .expect("utf-8")
}

/// Converts a file with pandoc: `from` (`docx`, `gfm`) to `to` (`plain`, `markdown`).
fn pandoc(bytes: &[u8], from: &str, to: &str) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join(format!("letter.{}", if from == "docx" { "docx" } else { "md" }));
    std::fs::write(&file, bytes).expect("write");
    let output = match Process::new("pandoc").args(["-f", from, "-t", to, "--wrap=none"]).arg(&file).output()
    {
        Ok(output) => output,
        Err(err) => panic!(
            "cannot run pandoc ({err}): these tests read the Word letters back with it; install it \
             with `apt-get install pandoc`, or run `bash .ci/run`, which does"
        ),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "pandoc failed: {stderr}");
    assert!(stderr.trim().is_empty(), "pandoc warned about the file: {stderr}");
    String::from_utf8(output.stdout).expect("pandoc writes UTF-8")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect()
}

#[test]
fn every_example_letter_says_in_word_what_its_markdown_says_in_order() {
    for (casebook, request) in EXAMPLES {
        let path = example(casebook, request);
        let docx = render(&path, "docx");
        parts(&docx);
        let from_word = pandoc(&docx, "docx", "plain");
        let from_markdown = pandoc(&render(&path, "md"), "gfm", "plain");
        // The first heading is the Title style, which pandoc reads as the document's title,
        // and Word's list items are separate paragraphs: otherwise line for line the same.
        let mut expected = lines(&from_markdown);
        let title = expected.remove(0);
        assert_ne!(lines(&from_word).first(), Some(&title), "{request}: the title is the Title style");
        assert_eq!(lines(&from_word), expected, "{request}: the Word letter reads as its Markdown");
    }
}

#[test]
fn answers_exemptions_and_rights_are_real_headings_and_paragraphs_in_order() {
    let docx = render(&example("hastings", "FOIR-467737865"), "docx");
    let markdown = pandoc(&docx, "docx", "markdown");
    let in_order = [
        "# Contact centre and inbound network services contracts",
        "# Part 1: Contact centre contracts",
        "## Contact Centre Software Support and Maintenance",
        "**1. Incumbent Supplier:** Withheld under section 43(2)",
        "**3. Contract Duration:** 1 year",
        "**12. Number of email users:** 400",
        "# Part 2: Inbound network services contracts",
        "## Interactive Voice Response",
        "**4. Contract Expiry:** 23 March 2024",
        "# Refusal notice",
        "## Section 43(2): Commercial interests",
        "### The public interest test",
        "-   Openness about how public money is spent",
        // A link, to the regulator's guidance (pandoc escapes the apostrophe before it).
        "guidance on section 43(2)](https://ico.org.uk/for-organisations/foi/section-43-commercial-interests/)",
        "## Section 31(1)(a): Law enforcement: prevention or detection of crime",
        "# Your right to ask for a review",
        "# Your right to complain to the Information Commissioner",
        "Yours sincerely,",
    ];
    let mut from = 0;
    for needle in in_order {
        match markdown[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("not found (in order): {needle}\n\nin:\n{markdown}"),
        }
    }
    for (casebook, request) in EXAMPLES {
        let markdown = pandoc(&render(&example(casebook, request), "docx"), "docx", "markdown");
        let rights = ["# Your right to ask for a review", "# Your right to require a review"];
        assert!(rights.iter().any(|r| markdown.contains(r)), "{request}: the review section is a heading");
        assert!(markdown.contains("\nDear "), "{request}");
    }
}

/// The style ids a part uses in `element` (`pStyle`, `rStyle`, `tblStyle`).
fn used_styles(xml: &str, element: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, element)))
        .filter_map(|n| n.attribute((W, "val")).map(str::to_owned))
        .collect()
}

/// Style id → (type, name) of a styles part.
fn style_names(xml: &str) -> BTreeMap<String, (String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|s| {
            let id = s.attribute((W, "styleId"))?;
            let kind = s.attribute((W, "type")).unwrap_or("paragraph");
            let name = s.children().find(|c| c.has_tag_name((W, "name")))?.attribute((W, "val"))?;
            Some((id.to_owned(), (kind.to_owned(), name.to_owned())))
        })
        .collect()
}

#[test]
fn the_styles_used_are_words_built_in_ones() {
    const PARAGRAPH: &[&str] = &[
        "Title",
        "heading 1",
        "heading 2",
        "heading 3",
        "heading 4",
        "heading 5",
        "List Bullet",
        "List Number",
        "List Continue",
        "Quote",
        "HTML Preformatted",
    ];
    for (casebook, request) in EXAMPLES {
        let parts = parts(&render(&example(casebook, request), "docx"));
        let document = part(&parts, "word/document.xml");
        let names = style_names(&part(&parts, "word/styles.xml"));
        let used = used_styles(&document, "pStyle");
        assert!(used.iter().any(|id| id == "Heading1") && used.iter().any(|id| id == "Title"), "{request}");
        for id in &used {
            let (kind, name) =
                names.get(id).unwrap_or_else(|| panic!("{request}: style {id} is not defined"));
            assert_eq!(kind, "paragraph", "{request}: {id}");
            assert!(PARAGRAPH.contains(&name.as_str()), "{request}: {id} is `{name}`, not a built-in style");
        }
        for id in used_styles(&document, "rStyle") {
            assert_eq!(names.get(&id).map(|(_, n)| n.as_str()), Some("Hyperlink"), "{request}: {id}");
        }
        // The rest of the look is the styles': no empty paragraph for spacing, no fonts
        // or sizes set by hand.
        let doc = roxmltree::Document::parse(&document).expect("well-formed");
        let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).expect("a body");
        for paragraph in body.children().filter(|n| n.has_tag_name((W, "p"))) {
            let has_content =
                paragraph.descendants().any(|n| n.has_tag_name((W, "t")) || n.has_tag_name((W, "drawing")));
            assert!(has_content, "{request}: an empty paragraph");
        }
        for forbidden in ["<w:rFonts", "<w:sz ", "<w:color", "<w:spacing"] {
            assert!(!document.contains(forbidden), "{request}: {forbidden} set by hand in the body");
        }
    }
}

#[test]
fn the_letter_is_in_british_english_throughout() {
    let parts = parts(&render(&example("national-archives", "CAS-84648-H4L3X0"), "docx"));
    let document = part(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("well-formed");
    let runs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .filter(|r| r.children().any(|c| c.has_tag_name((W, "t"))))
        .collect();
    assert!(runs.len() > 100);
    for run in runs {
        let lang =
            run.descendants().find(|n| n.has_tag_name((W, "lang"))).and_then(|l| l.attribute((W, "val")));
        assert_eq!(lang, Some("en-GB"), "every run of text is in British English");
    }
    assert!(part(&parts, "word/styles.xml").contains("<w:lang w:val=\"en-GB\""));
    assert!(part(&parts, "word/settings.xml").contains("<w:themeFontLang w:val=\"en-GB\"/>"));
    assert!(part(&parts, "docProps/core.xml").contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn the_same_casebook_makes_the_same_bytes() {
    let path = example("national-archives", "CAS-84648-H4L3X0");
    let first = render(&path, "docx");
    assert_eq!(first, render(&path, "docx"), "two runs of the binary");
    let (casebook, response, _) = foi::respond(&path, foi::Audience::Requester, TODAY).expect("loads");
    let renderer = foi::render::Renderer::new(Some(&casebook.files));
    let again = renderer.docx(&response).expect("renders");
    assert_eq!(again, renderer.docx(&response).expect("renders"), "twice in one process");
    assert_eq!(first, again, "through the binary and the library");
    let zip = zip::ZipArchive::new(Cursor::new(first.as_slice())).expect("zip");
    let names: Vec<&str> = zip.file_names().collect();
    assert_eq!(names.first(), Some(&"[Content_Types].xml"));
    let mut sorted = names[1..].to_vec();
    sorted.sort_unstable();
    assert_eq!(names[1..], sorted[..], "parts in order");
}

#[test]
fn the_properties_hold_the_title_and_date_and_nothing_personal() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let parts = parts(&render(&request, "docx"));
    let core = part(&parts, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>REQ-1: ") && core.contains(" – Example Borough Council</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains(
            "<dc:subject>Our response to request REQ-1 under the Freedom of Information Act 2000</dc:subject>"
        ),
        "{core}"
    );
    assert!(core.contains("<dc:creator>Example Borough Council</dc:creator>"), "{core}");
    assert!(core.contains(">2024-01-20T00:00:00Z</dcterms:created>"), "the response's date: {core}");
    assert!(!core.contains("lastModifiedBy"), "{core}");
    let document = part(&parts, "word/document.xml");
    assert!(
        document.contains("Rosa Requester") && document.contains("1 Private Lane"),
        "the letter names its addressee"
    );
    let root = casebook.root().to_string_lossy().into_owned();
    for (name, bytes) in &parts {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&root), "{name} holds the casebook's path");
        if name != "word/document.xml" {
            for private in ["Rosa", "rosa@example.com", "Private Lane"] {
                assert!(!text.contains(private), "{name} holds the requester's {private}");
            }
        }
    }
    assert!(!document.contains("rosa@example.com"), "the letter does not print the requester's email");

    let draft = casebook.request("draft", &CONTACT_CENTRE_REQUEST.replace("responded: 2024-01-20\n", ""));
    let core = part(&self::parts(&render(&draft, "docx")), "docProps/core.xml");
    assert!(
        core.contains(">2024-01-10T00:00:00Z</dcterms:created>"),
        "a draft is dated when received: {core}"
    );
}

/// Text holding every character that means something in WordprocessingML or XML.
const HOSTILE: &str = "<w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> </w:t> & \"q\" 'a' &amp; <!-- c --> <?pi?>";

#[test]
fn no_casebook_text_can_inject_wordprocessingml() {
    let quoted = format!("\"{}\"", HOSTILE.replace('\\', "\\\\").replace('"', "\\\""));
    let casebook = Casebook::new(&FOIA_PROFILE.replace("name: FOI Team", &format!("name: {quoted}")));
    casebook.contract(
        "cc",
        &OPEN_CONTRACT.replace("description: Call handling software", &format!("description: {quoted}")),
    );
    let request = casebook.request(
        "r",
        &CONTACT_CENTRE_REQUEST
            .replace("name: Rosa Requester", &format!("name: {quoted}"))
            .replace("[1 Private Lane, Hometown, HT1 1HT]", &format!("[{quoted}, Hometown]")),
    );
    let docx = render(&request, "docx");
    let parts = parts(&docx);
    let document = part(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("well-formed");
    let paragraphs = doc.descendants().filter(|n| n.has_tag_name((W, "p"))).count();
    let texts: String =
        doc.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect();
    assert!(texts.matches(HOSTILE).count() >= 5, "the text is there, as text: {texts}");
    let plain = pandoc(&docx, "docx", "plain");
    assert!(plain.contains(&format!("Dear {HOSTILE},")), "{plain}");
    assert!(!texts.contains("<w:p><w:r><w:t>x</w:t></w:r></w:p>x"), "no markup became text runs");
    // Each hostile value is one run of text, never a paragraph of its own.
    let clean = {
        let casebook = Casebook::new(FOIA_PROFILE);
        casebook.contract("cc", OPEN_CONTRACT);
        let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
        let document = part(&self::parts(&render(&request, "docx")), "word/document.xml");
        roxmltree::Document::parse(&document)
            .expect("xml")
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .count()
    };
    assert_eq!(paragraphs, clean, "the same paragraphs as a letter without hostile text");
}

fn with_profile(replace: &str, with: &str) -> (Casebook, PathBuf) {
    let casebook = Casebook::new(&FOIA_PROFILE.replace(replace, with));
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    (casebook, request)
}

fn write_bytes(casebook: &Casebook, relative: &str, bytes: &[u8]) {
    let path = casebook.root().join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn the_logo_is_an_inline_picture_with_alternative_text() {
    let (casebook, request) =
        with_profile("  jurisdiction: foia\n", "  jurisdiction: foia\n  logo: images/crest.png\n");
    write_bytes(&casebook, "images/crest.png", PNG);
    let parts = parts(&render(&request, "docx"));
    assert_eq!(parts.get("word/media/logo.png").map(Vec::as_slice), Some(PNG));
    let document = part(&parts, "word/document.xml");
    assert!(document.contains("<wp:inline"), "inline, not floating");
    assert!(document.contains("descr=\"Example Borough Council logo\""), "{document}");
    assert!(part(&parts, "word/_rels/document.xml.rels").contains("Target=\"media/logo.png\""));
    assert!(
        part(&parts, "[Content_Types].xml")
            .contains("<Default Extension=\"png\" ContentType=\"image/png\"/>")
    );

    let (casebook, request) =
        with_profile("  jurisdiction: foia\n", "  jurisdiction: foia\n  logo: crest.svg\n");
    casebook.write("crest.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='2' height='2'/>");
    let output = run_render(&request, "docx");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("crest.svg") && stderr.contains("`logo:`") && stderr.contains("PNG"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing half-written");
}

#[test]
fn a_batch_writes_one_word_letter_per_request() {
    let casebook = Casebook::example("shared-service");
    let out = casebook.root().join("out");
    let status = Command::cargo_bin("foi")
        .expect("binary")
        .args(["render", ".", "-o", "out", "--format", "docx,md", "--quiet", "--today", "2030-12-31"])
        .current_dir(casebook.root())
        .output()
        .expect("runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for reference in ["MBC-2023-0412", "SBC-FOI-1187", "TWBC-23-0977"] {
        let docx = std::fs::read(out.join(format!("{reference}.docx"))).expect("written");
        let markdown = std::fs::read(out.join(format!("{reference}.md"))).expect("written");
        let expected = lines(&pandoc(&markdown, "gfm", "plain")).len() - 1;
        assert_eq!(lines(&pandoc(&docx, "docx", "plain")).len(), expected, "{reference}");
    }
}

// ---- The authority's template ----

/// A zip of `parts`, as a word processor would save it (deflated).
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

const TEMPLATE_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/></Types>";

const TEMPLATE_PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

fn document_rels(extra: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
         <Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"file:///C:/Users/jo.bloggs/Templates/Council.dotm\" TargetMode=\"External\"/>\
         {extra}</Relationships>"
    )
}

fn template_document() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>\
         <w:p><w:r><w:t>Template placeholder text</w:t></w:r></w:p>\
         <w:sectPr w:rsidR=\"00AB12\"><w:headerReference w:type=\"default\" r:id=\"rId8\"/><w:footerReference w:type=\"default\" r:id=\"rId9\"/>\
         <w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>\
         <w:printerSettings r:id=\"rId7\"/></w:sectPr></w:body></w:document>"
    )
}

fn template_styles(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Georgia\" w:hAnsi=\"Georgia\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Standaard\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Kop1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Standaard\"/>\
         <w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:color w:val=\"7A1F5C\"/><w:sz w:val=\"30\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/><w:rPr><w:color w:val=\"7A1F5C\"/></w:rPr></w:style>\
         {body}</w:styles>"
    )
}

fn template_header(text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"720000\" cy=\"720000\"/><wp:docPr id=\"7\" name=\"Crest\" descr=\"Example Council crest\"/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"7\" name=\"Crest\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rId1\"/></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"720000\" cy=\"720000\"/></a:xfrm><a:prstGeom prst=\"rect\"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>\
         <w:r><w:t>{text}</w:t></w:r><w:ins w:id=\"1\" w:author=\"Jo Template-Author\" w:date=\"2024-02-01T10:00:00Z\"><w:r><w:t xml:space=\"preserve\"> · Town Hall</w:t></w:r></w:ins>\
         <w:hyperlink r:id=\"rId2\"><w:r><w:t xml:space=\"preserve\"> · www.example.gov.uk</w:t></w:r></w:hyperlink></w:p></w:hdr>"
    )
}

fn header_rels(image_target: &str, image_mode: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{image_target}\"{image_mode}/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://www.example.gov.uk/\" TargetMode=\"External\"/>\
         </Relationships>"
    )
}

fn template_footer() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:r><w:t>Example Council, Town Hall, Exampleton</w:t></w:r></w:p></w:ftr>"
    )
}

const TEMPLATE_SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:attachedTemplate r:id=\"rId1\"/><w:defaultTabStop w:val=\"709\"/><w:docVars><w:docVar w:name=\"CaseOfficer\" w:val=\"jo.bloggs\"/></w:docVars><w:rsids><w:rsidRoot w:val=\"00AB12\"/></w:rsids></w:settings>";

/// The parts of a good template: styles, settings, a header with a crest and a link, a
/// footer, US Letter with wide margins. Each test replaces the part it breaks.
fn good_template() -> Vec<(String, Vec<u8>)> {
    vec![
        ("[Content_Types].xml".into(), TEMPLATE_TYPES.into()),
        ("_rels/.rels".into(), TEMPLATE_PACKAGE_RELS.into()),
        ("word/document.xml".into(), template_document().into_bytes()),
        ("word/_rels/document.xml.rels".into(), document_rels("").into_bytes()),
        ("word/styles.xml".into(), template_styles("").into_bytes()),
        ("word/settings.xml".into(), TEMPLATE_SETTINGS.into()),
        ("word/header1.xml".into(), template_header("Example Council letterhead").into_bytes()),
        ("word/_rels/header1.xml.rels".into(), header_rels("media/crest.png", "").into_bytes()),
        ("word/footer1.xml".into(), template_footer().into_bytes()),
        ("word/media/crest.png".into(), PNG.to_vec()),
    ]
}

fn replaced(mut parts: Vec<(String, Vec<u8>)>, name: &str, bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    parts.retain(|(n, _)| n != name);
    parts.push((name.to_owned(), bytes));
    parts
}

fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let borrowed: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_of(&borrowed)
}

const TEMPLATE_KEY: &str =
    "  jurisdiction: foia\n  logo: images/crest.png\n  word-template: templates/letterhead.docx\n";

/// A casebook whose foi.yaml names `templates/letterhead.docx`, holding `template`.
fn with_template(template: &[u8]) -> (Casebook, PathBuf) {
    let (casebook, request) = with_profile("  jurisdiction: foia\n", TEMPLATE_KEY);
    write_bytes(&casebook, "images/crest.png", PNG);
    write_bytes(&casebook, "templates/letterhead.docx", template);
    (casebook, request)
}

#[test]
fn the_letter_takes_the_templates_styles_layout_and_letterhead() {
    let (casebook, request) = with_template(&zipped(&good_template()));
    let docx = render(&request, "docx");
    let parts = parts(&docx);
    let document = part(&parts, "word/document.xml");
    let styles = part(&parts, "word/styles.xml");

    // Its styles, found by name: Heading 1 is the template's `Kop1`, Title its `Titel`.
    let used = used_styles(&document, "pStyle");
    assert!(used.contains(&"Kop1".to_owned()) && used.contains(&"Titel".to_owned()), "{used:?}");
    assert!(!used.contains(&"Heading1".to_owned()), "{used:?}");
    let names = style_names(&styles);
    assert_eq!(names.get("Kop1").map(|(_, n)| n.as_str()), Some("heading 1"));
    assert!(styles.contains("w:ascii=\"Georgia\"") && styles.contains("7A1F5C"), "the template's look");
    assert!(names.values().any(|(_, n)| n == "List Bullet"), "styles it lacked are added");
    assert!(styles.contains("<w:lang w:val=\"en-GB\"/>") && !styles.contains("en-US"), "{styles}");

    // Its page and letterhead: the header with its crest and link, the footer.
    assert!(document.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"), "{document}");
    assert!(document.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"), "{document}");
    assert!(document.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"), "{document}");
    let header = part(&parts, "word/header1.xml");
    assert!(header.contains("Example Council letterhead") && header.contains("· Town Hall"), "{header}");
    assert!(header.contains("descr=\"Example Council crest\""), "{header}");
    assert_eq!(parts.get("word/media/image1.png").map(Vec::as_slice), Some(PNG));
    let header_rels = part(&parts, "word/_rels/header1.xml.rels");
    assert!(header_rels.contains("Target=\"media/image1.png\""), "{header_rels}");
    assert!(
        header_rels.contains("Target=\"https://www.example.gov.uk/\" TargetMode=\"External\""),
        "{header_rels}"
    );
    assert!(part(&parts, "word/footer1.xml").contains("Example Council, Town Hall, Exampleton"));
    assert!(part(&parts, "word/settings.xml").contains("<w:defaultTabStop w:val=\"709\"/>"));
    let types = part(&parts, "[Content_Types].xml");
    assert!(types.contains("/word/header1.xml") && types.contains("/word/footer1.xml"), "{types}");

    // The letterhead has the crest, so the logo is not added again; the template's own
    // text, its author and its settings stay behind.
    assert!(!parts.contains_key("word/media/logo.png") && !document.contains("<w:drawing>"));
    for (name, bytes) in &parts {
        let text = String::from_utf8_lossy(bytes);
        for left in [
            "Template placeholder text",
            "Jo Template-Author",
            "jo.bloggs",
            "CaseOfficer",
            "00AB12",
            "attachedTemplate",
            "printerSettings",
        ] {
            assert!(!text.contains(left), "{name} holds `{left}`");
        }
    }
    let plain = pandoc(&docx, "docx", "plain");
    assert!(
        plain.contains("Dear Rosa Requester,") && plain.contains("Your right to ask for a review"),
        "{plain}"
    );
    assert_eq!(docx, render(&request, "docx"), "the same bytes every time");
    let check = foi_check(&casebook);
    assert!(
        check.status.success(),
        "a good template passes foi check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_template_without_a_letterhead_keeps_the_logo_and_the_page_footer() {
    let parts = good_template();
    let parts = replaced(parts, "word/document.xml", template_document().replace("<w:headerReference w:type=\"default\" r:id=\"rId8\"/><w:footerReference w:type=\"default\" r:id=\"rId9\"/>", "").into_bytes());
    let (_casebook, request) = with_template(&zipped(&parts));
    let parts = self::parts(&render(&request, "docx"));
    assert!(parts.contains_key("word/media/logo.png"), "the logo, since the template has no letterhead");
    assert!(
        part(&parts, "word/footer1.xml").contains("REQ-1"),
        "foi's own footer: the reference and the page"
    );
    assert!(!parts.contains_key("word/header1.xml"));
}

fn foi_check(casebook: &Casebook) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .args(["check", "--today", "2030-12-31"])
        .arg(casebook.root())
        .output()
        .expect("runs")
}

/// Asserts that `foi render --format docx` and `foi check` both refuse the template, with
/// a message naming the file, the key and `expect`; and that nothing is written.
fn assert_refused(template: &[u8], expect: &str) {
    let (casebook, request) = with_template(template);
    let output = run_render(&request, "docx");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{expect}: {stderr}");
    assert!(
        stderr.contains("templates/letterhead.docx") && stderr.contains("`word-template:`"),
        "names the file and key: {stderr}"
    );
    assert!(stderr.contains(expect), "says why ({expect}): {stderr}");
    assert!(output.stdout.is_empty() && !stderr.contains("panicked"), "{stderr}");
    let check = foi_check(&casebook);
    let report = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "foi check refuses it too: {report}");
    assert!(report.contains("word-template") && report.contains(expect), "{report}");
    assert!(run_render(&request, "md").status.success(), "other formats still render");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 20 MiB of spaces deflate to about 20 KiB; honestly declared.
    let big = format!("{}{}", template_styles("").trim_end_matches("</w:styles>"), " ".repeat(20 << 20))
        + "</w:styles>";
    let parts = replaced(good_template(), "word/styles.xml", big.into_bytes());
    assert_refused(&zipped(&parts), "declares");

    // The same, declaring 100 bytes: it is stopped as it inflates (or by its checksum).
    let big = format!("{}{}", template_styles("").trim_end_matches("</w:styles>"), " ".repeat(9 << 20))
        + "</w:styles>";
    let mut bytes = zipped(&replaced(good_template(), "word/styles.xml", big.into_bytes()));
    let declared =
        u32::try_from(9u64 << 20).expect("fits") + u32::try_from(template_styles("").len()).expect("fits");
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(4) {
        let size_at = match &bytes[at..at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => at + 22,
            [0x50, 0x4b, 0x01, 0x02] => at + 24,
            _ => continue,
        };
        if bytes.get(size_at..size_at + 4) == Some(&declared.to_le_bytes()[..]) {
            bytes[size_at..size_at + 4].copy_from_slice(&100u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the local and central headers both lie");
    assert_refused(&bytes, "word/styles.xml");
}

#[test]
fn too_many_entries_are_refused() {
    let mut parts = good_template();
    for i in 0..1001 {
        parts.push((format!("customXml/item{i}.xml"), b"<a/>".to_vec()));
    }
    assert_refused(&zipped(&parts), "1011 entries");
}

#[test]
fn huge_or_deeply_nested_xml_is_refused() {
    let huge = template_styles(&format!("<!--{}-->", "x".repeat(9 << 20)));
    assert_refused(
        &zipped(&replaced(good_template(), "word/styles.xml", huge.into_bytes())),
        "at most 8388608 bytes",
    );
    let deep = template_styles(&format!("{}{}", "<w:x>".repeat(300), "</w:x>".repeat(300)));
    assert_refused(
        &zipped(&replaced(good_template(), "word/styles.xml", deep.into_bytes())),
        "more than 256 deep",
    );
    let entity = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:styles [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>{}",
        template_styles("<w:x>&b;</w:x>").trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    );
    assert_refused(&zipped(&replaced(good_template(), "word/styles.xml", entity.into_bytes())), "DTD");
}

#[test]
fn paths_out_of_the_package_and_links_out_of_the_document_are_refused() {
    let climbing = header_rels("../../../../etc/passwd.png", "");
    assert_refused(
        &zipped(&replaced(good_template(), "word/_rels/header1.xml.rels", climbing.into_bytes())),
        "not a part inside it",
    );
    let linked = header_rels("https://tracker.example.com/pixel.png", " TargetMode=\"External\"");
    assert_refused(
        &zipped(&replaced(good_template(), "word/_rels/header1.xml.rels", linked.into_bytes())),
        "linked from outside the document",
    );
    let script =
        header_rels("media/crest.png", "").replace("https://www.example.gov.uk/", "javascript:alert(1)");
    assert_refused(
        &zipped(&replaced(good_template(), "word/_rels/header1.xml.rels", script.into_bytes())),
        "not a web or email address",
    );
    let object = header_rels("media/crest.png", "").replace("/image\"", "/oleObject\"");
    assert_refused(
        &zipped(&replaced(good_template(), "word/_rels/header1.xml.rels", object.into_bytes())),
        "`oleObject`",
    );
    let missing = header_rels("media/nowhere.png", "");
    assert_refused(
        &zipped(&replaced(good_template(), "word/_rels/header1.xml.rels", missing.into_bytes())),
        "does not hold",
    );
    let mut twice = good_template();
    twice.push(("word/STYLES.xml".into(), b"<w:styles/>".to_vec()));
    assert_refused(&zipped(&twice), "two entries");
    assert_refused(b"PK\x03\x04 not really a zip", "not a Word document");
    assert_refused(
        &zipped(&[("word/document.xml".into(), template_document().into_bytes())]),
        "no main document part",
    );
}

#[test]
fn a_template_path_outside_the_casebook_or_through_a_link_is_refused() {
    for (path, expect) in
        [("../letterhead.docx", "inside the casebook"), ("letterhead.doc", ".docx or .dotx")]
    {
        let (casebook, request) = with_profile(
            "  jurisdiction: foia\n",
            &format!("  jurisdiction: foia\n  word-template: {path}\n"),
        );
        let output = run_render(&request, "docx");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("word-template") && stderr.contains(expect), "{path}: {stderr}");
        let report = String::from_utf8_lossy(&foi_check(&casebook).stderr).into_owned();
        assert_eq!(report.matches(expect).count(), 1, "reported once: {report}");
    }
    #[cfg(unix)]
    {
        let (casebook, request) = with_profile(
            "  jurisdiction: foia\n",
            "  jurisdiction: foia\n  word-template: letterhead.docx\n",
        );
        write_bytes(&casebook, "real.docx", &zipped(&good_template()));
        std::os::unix::fs::symlink(
            casebook.root().join("real.docx"),
            casebook.root().join("letterhead.docx"),
        )
        .expect("link");
        let output = run_render(&request, "docx");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("letterhead.docx") && stderr.contains("symbolic link"), "{stderr}");
    }
}

/// Every part of a Word file `docx` is well-formed XML; returns how many parts it has.
fn all_well_formed(docx: &[u8]) -> usize {
    parts(docx).len()
}

/// The letter made on `template` through the library: whatever a template holds, if foi
/// takes it, what foi writes is well-formed.
fn letter_on(template: &foi::render::docx::Template) -> Vec<u8> {
    let metadata = foi::render::docx::Metadata {
        title: "R-1: a title – a council",
        subject: "a subject",
        organisation: "a council",
        language: "en-GB",
        date: (2024, 1, 20),
        logo: None,
        footer: Some("R-1"),
        template: Some(template),
    };
    let markdown = "# Council\n\nTown Hall\\\nHigh Street\n\n## A heading\n\n- one\n- two\n\n1. three\n\n| a | b |\n|---|---|\n| c | d |\n\n[a link](https://example.gov.uk)\n";
    foi::render::docx::render(markdown, &metadata).expect("renders")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Bytes changed inside the template's parts (so the zip's checksums still hold): the
    /// template is refused with a reason or read, never a panic, and a letter made on what
    /// was read is well-formed.
    #[test]
    fn a_template_damaged_inside_is_refused_or_read_never_a_panic(
        part in 0usize..10,
        changes in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 1..6),
    ) {
        let mut parts = good_template();
        let bytes = &mut parts[part % 10].1;
        for (at, byte) in changes {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        if let Ok(template) = foi::render::docx::Template::parse(&zipped(&parts)) {
            proptest::prop_assert!(all_well_formed(&letter_on(&template)) > 5);
        }
    }

    /// Bytes changed in the zip itself.
    #[test]
    fn a_damaged_zip_is_refused_or_read_never_a_panic(
        changes in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 1..6),
        cut in proptest::prelude::any::<usize>(),
    ) {
        let mut bytes = zipped(&good_template());
        for (at, byte) in changes {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        let _ = foi::render::docx::Template::parse(&bytes);
        let _ = foi::render::docx::Template::parse(&bytes[..cut % bytes.len()]);
    }
}

#[test]
fn the_good_template_makes_a_well_formed_letter_through_the_library() {
    let template = foi::render::docx::Template::parse(&zipped(&good_template())).expect("reads");
    assert!(template.has_letterhead());
    let docx = letter_on(&template);
    assert!(all_well_formed(&docx) >= 12);
    let plain = pandoc(&docx, "docx", "plain");
    assert!(plain.contains("A heading") && plain.contains("Town Hall\nHigh Street"), "{plain}");
}
