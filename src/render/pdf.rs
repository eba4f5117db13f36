//! PDF: the letter compiled by Typst in-process, with the fonts built into the binary.
//!
//! Owns the Typst [`World`] a letter is compiled in: a tiny project of four virtual files
//! (the main file, the template, the letter's data as JSON and, if there is one, the logo),
//! the standard library and the embedded fonts. It reads no file, finds no system font,
//! runs no program and touches no network: the caller hands it every byte. The fonts and
//! the standard library are made once per process and shared by every letter, because
//! loading them costs far more than compiling one letter; so is the parsed template, and
//! Typst's memoised work, which lets the letters of a batch reuse each other's layout.
//!
//! Every compile is watched ([`super::watchdog`]): a template that runs too long or takes
//! too much memory ends the process with an error naming it.
//!
//! The PDF is tagged and conforms to PDF/A-2a and PDF/UA-1; its creation date and document
//! identifier come from the response, so the same casebook makes the same bytes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use anyhow::anyhow;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::Renderer;
use super::typst as source;
use crate::response::Response;

impl Renderer {
    /// The letter as PDF, on the letterhead, made by Typst in-process.
    pub fn pdf(&self, response: &Response) -> anyhow::Result<Vec<u8>> {
        use chrono::Datelike;
        let name = response.letter.typst;
        let template = crate::templates::text(self.files.as_ref(), name)?;
        let logo = self.logo(response)?;
        let data = super::letter::letter(response, logo.as_ref().map(|(path, _)| path.clone()))?;
        let date = response.responded.unwrap_or(response.received).0;
        let origin = if self.is_override(name) {
            format!("templates/{name}")
        } else {
            format!("(built in) templates/{name}")
        };
        compile(Job {
            template: &template,
            template_origin: &origin,
            data: serde_json::to_vec(&data)?,
            logo,
            // Month and day always fit; the year is checked by Typst's date.
            date: (date.year(), date.month() as u8, date.day() as u8),
            ident: format!("{}/{}", response.authority.id, response.reference),
            letter: response.reference.clone(),
        })
    }
}

/// Everything one letter needs, in memory.
pub struct Job<'a> {
    /// The template's text.
    pub template: &'a str,
    /// How to name the template in an error: `(built in) templates/letter.typ`.
    pub template_origin: &'a str,
    /// The letter's data, as JSON.
    pub data: Vec<u8>,
    /// The logo: its path in the project (as the data names it) and its bytes.
    pub logo: Option<(String, Vec<u8>)>,
    /// The response's date: the PDF's creation date, and Typst's "today".
    pub date: (i32, u8, u8),
    /// A stable identifier of the document, e.g. its reference.
    pub ident: String,
    /// How to name the letter in an error: its reference.
    pub letter: String,
}

/// Compiles the letter to PDF bytes.
pub fn compile(job: Job) -> anyhow::Result<Vec<u8>> {
    let world = LetterWorld::new(&job)?;
    export(&world, job.template_origin, &job.letter, Smart::Custom(job.ident.clone()))
}

/// Compiles a self-contained Typst file (what `--format typst` prints) to PDF bytes, dated
/// `date`, with the same fonts and standards as a letter.
pub fn compile_standalone(source: &str, date: (i32, u8, u8)) -> anyhow::Result<Vec<u8>> {
    let world = LetterWorld {
        main: Source::new(file_id("/standalone.typ")?, source.to_owned()),
        template: None,
        data_id: file_id(source::DATA_PATH)?,
        data: Bytes::new(Vec::new()),
        logo: None,
        today: datetime(date)?,
    };
    export(&world, "standalone.typ", "the standalone file", Smart::Auto)
}

fn export(world: &LetterWorld, origin: &str, letter: &str, ident: Smart<String>) -> anyhow::Result<Vec<u8>> {
    // The template is a program Typst cannot interrupt: bound its time and memory.
    let _watched = super::watchdog::watch(origin, letter);
    let result = typst::compile(world);
    let document = result.output.map_err(|errors| diagnostics(world, origin, &errors))?;
    let options = PdfOptions {
        ident,
        creator: Smart::Custom(Some(format!("foi {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(world.today)),
        standards: standards()?,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| diagnostics(world, origin, &errors))?;
    forget_old_work();
    Ok(pdf)
}

/// Typst memoises its work across compilations, which is what makes the letters of a batch
/// cheap after the first. Every [`EVICT_EVERY`] letters, forget what the letters since the
/// previous eviction did not reuse, so a batch of thousands keeps a bounded cache; evicting
/// after every letter would cost about a tenth of a letter each time.
fn forget_old_work() {
    static LETTERS: AtomicUsize = AtomicUsize::new(0);
    if LETTERS.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(2);
    }
}

/// How many letters apart the memoised work is pruned. Measured on the benchmark: 8 was
/// faster than 4, 16 or 64 (a larger cache is slower to search), and 1,000 letters stay
/// under 170 MB.
const EVICT_EVERY: usize = 8;

/// PDF/A-2a (archival, tagged) and PDF/UA-1 (accessible): both hold the document to a
/// title, a language, embedded fonts with Unicode mappings, and a structure tree.
fn standards() -> anyhow::Result<PdfStandards> {
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|err| anyhow!("the PDF standards are inconsistent: {}", err.message()))
}

/// Typst's errors as one message: where in the template, what, and any hints; each message
/// once, however often Typst reports it.
fn diagnostics(world: &LetterWorld, origin: &str, errors: &[SourceDiagnostic]) -> anyhow::Error {
    let mut lines: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut missing_glyphs = false;
    // Located errors first, so that of two reports of one problem the located one is kept.
    let (located, detached): (Vec<_>, Vec<_>) =
        errors.iter().filter(|e| e.severity == Severity::Error).partition(|e| e.span.id().is_some());
    for error in located.into_iter().chain(detached) {
        if seen.contains(&error.message.as_str()) {
            continue;
        }
        seen.push(&error.message);
        let mut line = String::new();
        if let Some(id) = error.span.id() {
            let file = match &world.template {
                // The main file only calls the template: an error there is the template's.
                Some(_) if id == world.main.id() => {
                    line.push_str(&format!("{origin}: must define `letter(r)`: "));
                    None
                }
                Some(template) if id == template.id() => Some(origin.to_owned()),
                None if id == world.main.id() => Some(origin.to_owned()),
                _ => Some(id.vpath().get_without_slash().to_owned()),
            };
            if let Some(file) = file {
                line.push_str(&file);
                let position = world
                    .range(error.span)
                    .and_then(|range| world.source(id).ok()?.lines().byte_to_line_column(range.start));
                if let Some((row, column)) = position {
                    line.push_str(&format!(":{}:{}", row + 1, column + 1));
                }
                line.push_str(": ");
            }
        }
        line.push_str(&error.message);
        if error.message.contains("could not be displayed") {
            // Typst's hint is to pick another font; the letter's reader needs ours instead.
            missing_glyphs = true;
        } else {
            for hint in error.hints.iter().filter_map(|hint| foi_hint(&hint.v)) {
                line.push_str(&format!(" (hint: {hint})"));
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push("Typst could not make the PDF".to_owned());
    }
    if missing_glyphs {
        lines.push(
            "hint: the fonts built into foi (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) \
             cannot show this text, and an archival PDF may not print a blank box instead; \
             send this letter as HTML or text"
                .to_owned(),
        );
    }
    anyhow!(lines.join("\n"))
}

/// A hint of Typst's as it applies to foi: Typst writes its hints for its own command line
/// (`--root`, `--font-path`, `--features`), which foi does not have; those are put in foi's
/// terms or left out.
fn foi_hint(hint: &str) -> Option<String> {
    if hint.contains("`--root`") {
        return Some(
            "a letter's template can read only what foi gives it: the letter's data and the logo".to_owned(),
        );
    }
    if hint.contains("title and author names are short enough") {
        return Some(
            "a title or name in the casebook is too long for a PDF: keep titles and names to a line"
                .to_owned(),
        );
    }
    let for_typst_cli = ["`--", "--features", "typst compile", "TYPST_", "bundle target"];
    if for_typst_cli.iter().any(|cli| hint.contains(cli)) {
        return None;
    }
    Some(hint.to_owned())
}

/// The fonts built into the binary: their metadata up front, each face parsed on first use.
struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
}

struct FontSlot {
    data: &'static [u8],
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// The embedded fonts, loaded once per process.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for data in typst_assets::fonts() {
            for (index, info) in FontInfo::iter(data).enumerate() {
                book.push(info);
                let index = u32::try_from(index).unwrap_or(u32::MAX);
                slots.push(FontSlot { data, index, font: OnceLock::new() });
            }
        }
        Fonts { book: LazyHash::new(book), slots }
    })
}

/// Typst's standard library, made once per process. The letter's data does not go in
/// `sys.inputs` but in a file, so every letter can share one library.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// Loads the fonts and the standard library now, so the first letter does not pay for it.
pub fn warm_up() {
    fonts();
    library();
}

/// The main file, the same for every letter: parsed once.
fn main_source() -> anyhow::Result<Source> {
    static MAIN: OnceLock<Source> = OnceLock::new();
    if let Some(main) = MAIN.get() {
        return Ok(main.clone());
    }
    let main = Source::new(file_id("/main.typ")?, source::main());
    Ok(MAIN.get_or_init(|| main).clone())
}

/// The template, parsed again only when its text changes: parsing it for every letter of a
/// batch would cost a few percent of each letter.
fn template_source(text: &str) -> anyhow::Result<Source> {
    static LAST: Mutex<Option<Source>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(source) = last.as_ref().filter(|source| source.text() == text) {
        return Ok(source.clone());
    }
    let source = Source::new(file_id(source::TEMPLATE_PATH)?, text.to_owned());
    *last = Some(source.clone());
    Ok(source)
}

/// A project path as a file id.
fn file_id(path: &str) -> anyhow::Result<FileId> {
    let vpath = VirtualPath::new(path).map_err(|err| anyhow!("`{path}` is not a usable path: {err}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The project one letter is compiled in.
struct LetterWorld {
    main: Source,
    template: Option<Source>,
    data_id: FileId,
    data: Bytes,
    logo: Option<(FileId, Bytes)>,
    today: Datetime,
}

impl LetterWorld {
    fn new(job: &Job) -> anyhow::Result<Self> {
        let logo = match &job.logo {
            Some((path, bytes)) => Some((file_id(path)?, Bytes::new(bytes.clone()))),
            None => None,
        };
        Ok(Self {
            main: main_source()?,
            template: Some(template_source(job.template)?),
            data_id: file_id(source::DATA_PATH)?,
            data: Bytes::new(job.data.clone()),
            logo,
            today: datetime(job.date)?,
        })
    }

    /// The Typst source with this id, if the project has it.
    fn typst_file(&self, id: FileId) -> Option<&Source> {
        std::iter::once(&self.main).chain(&self.template).find(|source| source.id() == id)
    }
}

fn datetime((year, month, day): (i32, u8, u8)) -> anyhow::Result<Datetime> {
    Datetime::from_ymd(year, month, day).ok_or_else(|| anyhow!("{year}-{month}-{day} is not a date"))
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.typst_file(id) {
            Some(source) => Ok(source.clone()),
            None if self.file(id).is_ok() => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.logo.as_ref().filter(|(logo, _)| *logo == id) {
            return Ok(bytes.clone());
        }
        match self.typst_file(id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        let slot = fonts().slots.get(index)?;
        slot.font.get_or_init(|| Font::new(Bytes::new(slot.data), slot.index)).clone()
    }

    /// The response's date, never the clock: a template that asks for today's date gets the
    /// same answer every time it is compiled.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Only the files of the letter exist: anything else the template asks for is not found.
fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 11): Typst's errors suggested a `--root` flag foi lacks.
    #[test]
    fn hints_for_typsts_command_line_are_put_in_fois_terms_or_left_out() {
        let root = foi_hint("you can adjust the project root with the `--root` argument");
        assert_eq!(
            root.as_deref(),
            Some("a letter's template can read only what foi gives it: the letter's data and the logo")
        );
        assert_eq!(foi_hint("try enabling the bundle target"), None);
        assert_eq!(foi_hint("html export is only available when `--features html` is passed"), None);
        assert!(
            foi_hint("ensure title and author names are short enough")
                .is_some_and(|h| h.contains("casebook"))
        );
        assert_eq!(foi_hint("use forward slashes instead").as_deref(), Some("use forward slashes instead"));
    }
}
