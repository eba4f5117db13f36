//! The PDF letter: what it says (through `pdftotext`, from poppler-utils), that casebook
//! text prints literally, that it is the same bytes every time, that a bad logo is a clear
//! error, and that `--format typst` compiles on its own.
//!
//! `pdftotext` must be installed (`bash .ci/run` installs it): without it these tests fail
//! with a message saying so, never skip.

#![cfg(feature = "pdf")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use common::{CONTACT_CENTRE_REQUEST, Casebook, FOIA_PROFILE, FOISA_PROFILE, OPEN_CONTRACT};

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

/// Runs `foi render REQUEST --format FORMAT`, returning standard output; panics with the
/// error output on failure.
fn render(request: &Path, format: &str) -> Vec<u8> {
    let output = run_render(request, format);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// Runs `foi render REQUEST --format FORMAT`, whatever its outcome.
fn run_render(request: &Path, format: &str) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .arg("render")
        .arg(request)
        .args(["--format", format])
        .output()
        .expect("runs")
}

/// The text of a PDF as `pdftotext` reads it, page footers left out.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let output = match Process::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-").output() {
        Ok(output) => output,
        Err(err) => panic!(
            "cannot run pdftotext ({err}): these tests need poppler-utils; \
             install it with `apt-get install poppler-utils`, or run `bash .ci/run`, which does"
        ),
    };
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("pdftotext writes UTF-8");
    text.lines().filter(|line| !is_footer(line)).collect::<Vec<_>>().join("\n")
}

/// The running footer: "REFERENCE · Page 2 of 4".
fn is_footer(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .windows(4)
        .any(|w| w[0] == "Page" && w[2] == "of" && w[1].parse::<u32>().is_ok() && w[3].parse::<u32>().is_ok())
}

/// Text with every space, line break and hyphen removed, so line wrapping does not matter
/// (pdftotext drops a hyphen at the end of a line, where Typst may break a web address).
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

/// The paragraphs and list items of the plain-text letter from the greeting on, headings
/// without their underlines, list items without their dashes.
fn paragraphs_from_greeting(text: &str) -> Vec<String> {
    let start = text.find("\nDear ").expect("a greeting");
    let mut out: Vec<String> = Vec::new();
    for block in text[start..].split("\n\n") {
        let mut current = String::new();
        for line in block.lines() {
            if line.trim().is_empty() || line.chars().all(|c| "=-~.".contains(c)) {
                continue;
            }
            if let Some(item) = line.strip_prefix("- ") {
                out.push(std::mem::take(&mut current));
                current.push_str(item);
            } else {
                current.push(' ');
                current.push_str(line.trim());
            }
        }
        out.push(current);
    }
    out.retain(|p| !p.trim().is_empty());
    out
}

/// Asserts that each of `needles` occurs in `haystack`, in order (whitespace ignored).
fn assert_in_order(haystack: &str, needles: &[String], what: &str) {
    let haystack = squeezed(haystack);
    let mut from = 0;
    for needle in needles {
        let needle = squeezed(needle);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => {
                panic!("{what}: not found (in order) in the PDF text:\n{needle}\n\nPDF text:\n{haystack}")
            }
        }
    }
}

/// Asserts that the PDF of `request` holds every paragraph of its plain-text letter, in
/// order, and returns the PDF's text.
fn assert_says_what_the_letter_says(request: &Path) -> String {
    let name = request.display().to_string();
    let pdf = render(request, "pdf");
    assert!(pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
    let text = pdftotext(&pdf);
    let letter = String::from_utf8(render(request, "txt")).expect("utf-8");
    assert_in_order(&text, &paragraphs_from_greeting(&letter), &name);
    text
}

#[test]
fn each_example_pdf_says_what_the_letter_says_in_order() {
    for (casebook, request) in EXAMPLES {
        let path = example(casebook, request);
        let text = assert_says_what_the_letter_says(&path);

        let json: serde_json::Value =
            serde_json::from_slice(&render(&path, "json")).expect("the JSON output parses");
        // Inline, questions about contracts not held are answered together, not one by one.
        let one_by_one = |q: &&serde_json::Value| json["layout"] == "annex" || q["source"] != "no-contracts";
        let labels: Vec<String> = json["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .filter(one_by_one)
            .map(|q| format!("{}:", q["label"].as_str().expect("label")))
            .collect();
        if !json["refusal"].is_null() {
            assert!(text.contains("What you asked for"), "{request}: a refusal lists what was asked");
            continue;
        }
        assert!(!labels.is_empty(), "{request}: answers to check");
        assert_in_order(&text, &labels, &format!("{request}: every answer"));
        let headings: Vec<String> = json["exemptions"]
            .as_array()
            .expect("exemptions")
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    e["citation"].as_str().expect("citation"),
                    e["title"].as_str().expect("title")
                )
            })
            .collect();
        assert_in_order(&text, &headings, &format!("{request}: every exemption heading"));
        assert!(text.contains(json["authority"]["name"].as_str().expect("name")), "{request}: letterhead");
        assert!(text.contains(&format!("Our reference: {request}")), "{request}: reference block");
    }
}

#[test]
fn refusals_scottish_rights_and_every_kind_of_answer_read_as_in_the_text_letter() {
    let contract = OPEN_CONTRACT
        .replace("supplier: Example Supplier Ltd", "supplier: {neither-confirm-nor-deny: [s43-2]}")
        .replace("review: 2029-07-31", "review: {not-applicable: There is no review date.}")
        .replace("agents: 20", "agents: {withhold: [s43-2], reason: The supplier prices per agent.}")
        .replace("sites: 1", "sites: {not-held: We do not count sites.}");
    let foia = Casebook::new(FOIA_PROFILE);
    foia.contract("cc", &contract);
    let dated = CONTACT_CENTRE_REQUEST.replace(
        "received: 2024-01-10\nresponded: 2024-01-20\n",
        "received: 2024-01-10\nclarification: 2024-01-12\nextension: {notice-sent: 2024-02-01, days: 10, reason: The supplier is consulted.}\n",
    );
    // One casebook, so each request has a reference of its own.
    let own =
        |text: String, reference: &str| text.replace("reference: REQ-1", &format!("reference: {reference}"));
    let requests = [
        foia.request("answers", &dated),
        foia.request("annex", &own(format!("{dated}layout: annex\n"), "REQ-2")),
        foia.request("s12", &own(format!("{CONTACT_CENTRE_REQUEST}refuse:\n  under: s12\n  hours: 31\n  basis: Fourteen areas keep their own records.\n  advice: Ask about contracts awarded since 2023.\n"), "REQ-3")),
        foia.request("s14-1", &own(format!("{CONTACT_CENTRE_REQUEST}refuse: {{under: s14-1, reason: The burden is grossly excessive.}}\n"), "REQ-4")),
    ];
    for request in &requests {
        assert_says_what_the_letter_says(request);
    }
    let repeats = Casebook::new(FOIA_PROFILE);
    repeats.contract("cc", OPEN_CONTRACT);
    repeats.request("first", CONTACT_CENTRE_REQUEST);
    let repeat = repeats.request(
        "repeat",
        &format!(
            "{}refuse: {{under: s14-2, previous: REQ-1, reason: Nothing has changed.}}\n",
            CONTACT_CENTRE_REQUEST.replace("REQ-1", "REQ-2").replace("2024-01-", "2024-02-")
        ),
    );
    assert_says_what_the_letter_says(&repeat);
    // The golden letters of tests/golden/: an extension, one exemption relied on both ways,
    // a late reply, a repeat.
    for name in ["LBW-2024-101", "LBW-2024-102", "LBW-2024-103", "LBW-2024-118"] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/wyvern/requests/{name}.yaml"));
        assert_says_what_the_letter_says(&path);
    }
    let draft = assert_says_what_the_letter_says(&requests[0]);
    assert!(draft.contains("Date of this response: draft, not yet sent"), "{draft}");
    assert!(draft.contains("Extended for the public interest test to:"), "{draft}");

    let foisa = Casebook::new(FOISA_PROFILE);
    foisa.contract("cc", &contract.replace("s43-2", "s33-1-b"));
    let scottish = assert_says_what_the_letter_says(&foisa.request("r", CONTACT_CENTRE_REQUEST));
    assert!(scottish.contains("Your right to apply to the Scottish Information Commissioner"), "{scottish}");
    let refused = foisa.request(
        "s12",
        &format!(
            "{CONTACT_CENTRE_REQUEST}refuse: {{under: s12, cost: 675, hours: 45, advice: Narrow it.}}\n"
        )
        .replace("reference: REQ-1", "reference: REQ-2"),
    );
    assert_says_what_the_letter_says(&refused);
}

#[test]
fn the_letterhead_and_rights_are_there_and_a_long_letter_is_numbered() {
    let pdf = render(&example("hastings", "FOIR-467737865"), "pdf");
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, &pdf).expect("write");
    let raw = Process::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext runs");
    let raw = String::from_utf8(raw.stdout).expect("utf-8");
    let pages = raw.matches("Page ").count();
    assert!(pages >= 2, "a footer on every page:\n{raw}");
    assert!(raw.contains(&format!("Page 1 of {pages}")), "Page x of y:\n{raw}");
    let text = pdftotext(&pdf);
    for line in ["Muriel Matters House", "Email: foi@hastings.gov.uk", "Web: https://www.hastings.gov.uk"] {
        assert!(text.contains(line), "letterhead: {line}");
    }
    assert!(text.contains("Morgan Ellery"), "the addressee");
    assert!(text.contains("Your right to complain to the Information Commissioner"));
    assert!(
        squeezed(&text)
            .ends_with(&squeezed("Yours sincerely,\nInformation Governance Team\nHastings Borough Council"))
    );
}

/// Typst markup, code and escapes that would change the letter if pasted into the source.
const SPECIAL: &str = r##"# $ * _ @ < > [ ] \ #import "x" #set text(red) $x^2$ *b* _i_ @ref <l> [c] \u{41} // /* */ #panic("no") ) } ]"##;

#[test]
fn typst_special_characters_in_any_field_print_literally() {
    let quoted = serde_yaml::to_string(SPECIAL).expect("yaml");
    let quoted = quoted.trim_end();
    let casebook = Casebook::new(FOIA_PROFILE);
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
    let text = pdftotext(&render(&request, "pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        flat.matches(SPECIAL).count(),
        4,
        "the addressee's name and address, the greeting and the description:\n{text}"
    );
    assert!(flat.contains(&format!("Dear {SPECIAL},")), "{text}");
    assert!(flat.contains(&format!("description: {SPECIAL}")), "{text}");
    let source = String::from_utf8(render(&request, "typst")).expect("utf-8");
    assert!(!source.contains(SPECIAL), "casebook text is never written into the Typst source unescaped");
}

#[test]
fn text_the_built_in_fonts_cannot_show_is_a_clear_error() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request =
        casebook.request("r", &CONTACT_CENTRE_REQUEST.replace("name: Rosa Requester", "name: 王小明"));
    let output = run_render(&request, "pdf");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the text `\"王\"` could not be displayed"), "names the text: {stderr}");
    assert!(stderr.contains("send this letter as HTML or text"), "says what to do: {stderr}");
    assert!(!stderr.contains("panicked") && output.stdout.is_empty(), "{stderr}");
    assert!(render(&request, "html").starts_with(b"<!DOCTYPE html>"), "the other formats still work");
}

#[test]
fn the_same_casebook_makes_the_same_bytes() {
    let path = example("national-archives", "CAS-84648-H4L3X0");
    let first = render(&path, "pdf");
    assert_eq!(first, render(&path, "pdf"), "two runs of the binary");
    let (casebook, response, _) =
        foi::respond(&path, foi::Audience::Requester, common::TODAY).expect("loads");
    let renderer = foi::render::Renderer::new(Some(&casebook.files));
    let again = renderer.pdf(&response).expect("renders");
    assert_eq!(again, renderer.pdf(&response).expect("renders"), "twice in one process");
    assert_eq!(first, again, "through the binary and the library");
}

/// Runs a poppler tool on a PDF and returns what it prints.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let output = Process::new(tool).args(args).arg(&file).output().unwrap_or_else(|err| {
        panic!("cannot run {tool} ({err}): install poppler-utils, or run `bash .ci/run`, which does")
    });
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_pdf_is_tagged_titled_in_british_english_and_archival() {
    let pdf = render(&example("hastings", "FOIR-467737865"), "pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "tagged PDF:\n{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "A4:\n{info}");
    assert!(
        info.contains("Title:           FOIR-467737865: Contact centre and inbound network services contracts – Hastings Borough Council"),
        "document title:\n{info}"
    );
    assert!(
        info.contains("CreationDate:    Fri Dec  9 00:00:00 2022 UTC"),
        "dated by the response, not the clock:\n{info}"
    );
    let xmp = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>"), "document language:\n{xmp}");
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>"),
        "PDF/A-2a:\n{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1:\n{xmp}");
    assert!(String::from_utf8_lossy(&pdf).contains("/Lang(en-GB)"), "the catalogue's language");
}

fn with_logo(logo: &str) -> (Casebook, PathBuf) {
    let profile =
        FOIA_PROFILE.replace("  jurisdiction: foia\n", &format!("  jurisdiction: foia\n  logo: {logo}\n"));
    let casebook = Casebook::new(&profile);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    (casebook, request)
}

#[test]
fn a_missing_logo_is_a_clear_error_naming_the_file_and_the_key() {
    let (_casebook, request) = with_logo("images/crest.png");
    for format in ["pdf", "typst"] {
        let output = run_render(&request, format);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("images/crest.png"), "names the file: {stderr}");
        assert!(stderr.contains("`logo:`") && stderr.contains("foi.yaml"), "names the key: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_logo_outside_the_casebook_or_not_an_image_is_refused() {
    for (logo, expect) in [("../crest.png", "inside the casebook"), ("crest.bmp", "PNG, JPEG")] {
        let (_casebook, request) = with_logo(logo);
        let output = run_render(&request, "pdf");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(expect) && stderr.contains(logo), "{logo}: {stderr}");
    }
}

#[test]
fn a_logo_goes_on_the_letterhead() {
    let (casebook, request) = with_logo("images/crest.png");
    std::fs::create_dir_all(casebook.root().join("images")).expect("folder");
    std::fs::write(casebook.root().join("images/crest.png"), PNG).expect("logo");
    let pdf = render(&request, "pdf");
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert_eq!(images.lines().count(), 3, "the logo is the one image:\n{images}");
    assert!(images.contains("image       2     2"), "{images}");
    assert!(pdftotext(&pdf).contains("Example Borough Council"));
    let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'><rect width='20' height='10' fill='#036'/></svg>";
    let (casebook, request) = with_logo("crest.svg");
    casebook.write("crest.svg", svg);
    assert!(render(&request, "pdf").starts_with(b"%PDF-"));
}

#[test]
fn typst_output_compiles_on_its_own_to_the_same_letter() {
    for (casebook, request) in EXAMPLES {
        let path = example(casebook, request);
        let source = String::from_utf8(render(&path, "typst")).expect("utf-8");
        assert!(source.contains("#let letter(r)") && source.contains("\n#letter("), "template and call");
        let pdf = foi::render::pdf::compile_standalone(&source, (2022, 12, 9))
            .unwrap_or_else(|err| panic!("{request}: --format typst does not compile: {err:#}"));
        assert_eq!(pdftotext(&pdf), pdftotext(&render(&path, "pdf")), "{request}");
    }
}

#[test]
fn an_error_in_the_casebooks_template_names_its_file_and_line() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    casebook.write("templates/letter.typ", "#let letter(r) = {\n  r.no-such-field\n}\n");
    let output = run_render(&request, "pdf");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("templates/letter.typ:2:"), "{stderr}");
    assert!(!stderr.contains("(built in)"), "{stderr}");
}

#[test]
fn a_pdf_is_written_atomically_to_a_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("reply.pdf");
    Command::cargo_bin("foi")
        .expect("binary")
        .arg("render")
        .arg(example("hastings", "FOIR-467737865"))
        .args(["--format", "pdf", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read(&out).expect("written").starts_with(b"%PDF-"));
}

#[test]
fn documents_renders_text_and_pdf_together_in_the_order_asked() {
    use foi::render::{Document, OutputFormat};
    let path = example("hastings", "FOIR-467737865");
    let (casebook, response, _) =
        foi::respond(&path, foi::Audience::Requester, common::TODAY).expect("loads");
    let renderer = foi::render::Renderer::new(Some(&casebook.files));
    let format = |name| OutputFormat::named(name).expect("a format of the table");
    let formats = [format("pdf"), format("md"), format("typst"), format("json")];
    let documents = renderer.documents(&response, &formats).expect("renders");
    assert_eq!(documents.iter().map(|(f, _)| *f).collect::<Vec<_>>(), formats);
    assert!(matches!(&documents[0].1, Document::Binary(bytes) if bytes.starts_with(b"%PDF-")));
    assert_eq!(documents[1].1, Document::Text(renderer.markdown(&response).expect("markdown")));
    assert_eq!(documents[2].1.as_bytes(), renderer.typst(&response).expect("typst").as_bytes());
    assert_eq!(documents[0].1, renderer.document(&response, format("pdf")).expect("pdf"));
    assert!(renderer.render(&response, format("pdf")).is_err(), "a PDF is not text");
}

/// Regression (issue 11): a batch of PDFs aborted with "thread '<unknown>' has overflowed its
/// stack" (exit 134, no files), from about 160 letters on one thread in a release build and
/// about 35 in a debug one. Typst's PDF writer, waiting on a rayon worker for its background
/// work, ran the next letter of the batch on the same stack, and so on down the batch.
#[test]
fn a_batch_of_pdf_letters_on_one_thread_does_not_overflow_the_stack() {
    let casebook = Casebook::example("hastings");
    let original = casebook.root().join("requests/FOIR-467737865.yaml");
    let text = std::fs::read_to_string(&original).expect("read the example request");
    std::fs::remove_file(&original).expect("remove the example request");
    // The later copy answers from the example request's reply: it goes too, with the records.
    std::fs::remove_file(casebook.root().join("requests/FOIR-469102254.yaml")).expect("remove the copy");
    std::fs::remove_dir_all(casebook.root().join("sent")).expect("remove the records");
    const LETTERS: usize = 50;
    for i in 0..LETTERS {
        let copy = text.replace("reference: FOIR-467737865", &format!("reference: FOIR-{i:03}"));
        assert_ne!(copy, text, "the reference is renamed");
        casebook.write(&format!("requests/R{i:03}.yaml"), &copy);
    }
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .env("RAYON_NUM_THREADS", "1")
        .args(["render", ".", "-o", "out", "--format", "pdf", "--today", "2030-12-31"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(&format!("{LETTERS} requests: {LETTERS} rendered")), "{stderr}");
    let written = std::fs::read_dir(casebook.root().join("out")).expect("out").count();
    assert_eq!(written, LETTERS);
    let last = std::fs::read(casebook.root().join(format!("out/FOIR-{:03}.pdf", LETTERS - 1))).expect("pdf");
    assert!(last.starts_with(b"%PDF-"));
}

/// Runs `foi render --format pdf` of a casebook whose `templates/letter.typ` is `template`,
/// with `env` set; returns the exit code, standard error, and whether a PDF was written.
fn pdf_with_template(template: &str, env: &[(&str, &str)]) -> (Option<i32>, String, bool) {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    casebook.write("templates/letter.typ", template);
    let out = casebook.root().join("reply.pdf");
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .envs(env.iter().copied())
        .arg("render")
        .arg(&request)
        .args(["--format", "pdf", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned(), out.exists())
}

/// Regression (issue 11): a Typst template looping over `range(1000000000)` grew past 7 GB.
#[test]
fn a_typst_template_taking_too_much_memory_is_stopped_naming_it() {
    let template = "#let letter(r) = {\n  let n = 0\n  for i in range(1000000000) { n += 1 }\n  [#n]\n}\n";
    let (code, stderr, written) = pdf_with_template(template, &[("FOI_PDF_MEMORY_LIMIT", "64")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("error: templates/letter.typ: Typst took more than 64 MiB"), "{stderr}");
    assert!(stderr.contains("making the PDF of REQ-1"), "{stderr}");
    assert!(!written, "no PDF");
}

/// Regression (issue 11): a Typst template whose loops never end was never stopped.
#[test]
fn a_typst_template_running_too_long_is_stopped_naming_it() {
    let template = "#let letter(r) = {\n  let n = 0\n  for i in range(100000) { for j in range(100000) { n += 1 } }\n  [#n]\n}\n";
    let (code, stderr, written) = pdf_with_template(template, &[("FOI_PDF_TIME_LIMIT", "1")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("error: templates/letter.typ: Typst was still making the PDF"), "{stderr}");
    assert!(stderr.contains("after 1 s"), "{stderr}");
    assert!(!written, "no PDF");
}

/// Regression (issue 11): Typst's errors suggested a `--root` flag foi does not have.
#[test]
fn typst_hints_about_its_own_command_line_are_not_passed_on() {
    let template = "#let letter(r) = {\n  read(\"../../etc/passwd\")\n}\n";
    let (code, stderr, written) = pdf_with_template(template, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("templates/letter.typ:2:"), "{stderr}");
    assert!(stderr.contains("would escape the project root"), "{stderr}");
    assert!(!stderr.contains("--root"), "{stderr}");
    assert!(stderr.contains("can read only what foi gives it"), "{stderr}");
    assert!(!written);
}

/// Regression (issue 11): a 40,000-character title failed the PDF with a hint about "title
/// and author names"; it is now refused by the checks, naming the field, in every format.
#[test]
fn a_title_longer_than_a_heading_can_be_is_refused_naming_it() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", &format!("title: {}\n{CONTACT_CENTRE_REQUEST}", "y".repeat(40_000)));
    for format in ["pdf", "md"] {
        let output = run_render(&request, format);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(
                "error: the request's title is 40000 characters long; a heading may have at most 300"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("(title)"), "{stderr}");
    }
}

/// Regression (issue 11): a 40,000-character word in running text made a PDF showing 96 of
/// its characters (a line breaks only between words; the rest ran off the page). It is now
/// refused by the checks, naming the field, in every format.
#[test]
fn a_word_too_long_to_print_is_refused_naming_it() {
    let casebook = Casebook::new(FOIA_PROFILE);
    let word = "x".repeat(40_000);
    let contract =
        OPEN_CONTRACT.replacen("description: Call handling software", &format!("description: {word}"), 1);
    assert_ne!(contract, OPEN_CONTRACT);
    casebook.contract("cc", &contract);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    for format in ["pdf", "md"] {
        let output = run_render(&request, format);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("a word here runs for 40000 characters without a space; a letter can print words of at most 1000"),
            "{stderr}"
        );
        assert!(stderr.contains("contracts/cc.yaml:") && stderr.contains("(description)"), "{stderr}");
    }
}
