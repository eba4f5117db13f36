//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use foi::LetterKind;
use foi::model::{Jurisdiction, Layout};
use foi::render::OutputFormat;
use foi::report;
use foi::site::Period;

/// Answer UK Freedom of Information round-robin requests from a casebook of facts.
#[derive(Debug, Parser)]
#[command(
    name = "foi",
    version,
    long_version = LONG_VERSION.as_str(),
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Examples:\n  \
        foi init my-council --name \"Wyre Forest District Council\" --jurisdiction foia\n  \
        foi intake request.txt -o requests/FOI-123.yaml --reference FOI-123\n  \
        foi check\n  \
        foi render requests/FOI-123.yaml --format pdf -o reply.pdf\n  \
        foi publish -o site\n\n\
        `foi help COMMAND` (or `foi COMMAND --help`) says more about each command."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// No progress bar and no summary lines (what was written, the next steps); problems
    /// and warnings are still reported.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour in diagnostics: `auto` (at a terminal, unless NO_COLOR is set or TERM is
    /// dumb; CLICOLOR_FORCE forces it), `always` or `never`.
    #[arg(long, value_enum, global = true, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// How `foi changes` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormatArg {
    /// One line an answer.
    Text,
    /// One JSON document (`foi-changes/1`).
    Json,
}

/// When to colour diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// At a terminal, as the environment allows.
    Auto,
    /// Always, even into a file or pipe.
    Always,
    /// Never.
    Never,
}

impl ColorArg {
    /// Whether to colour, given whether standard error is a terminal and a look-up of the
    /// environment. The flag wins over the environment; then NO_COLOR (https://no-color.org),
    /// then CLICOLOR_FORCE and CLICOLOR (https://bixense.com/clicolors/), then TERM=dumb.
    pub fn colour(self, terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| env(name).is_some_and(|value| !value.is_empty());
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto if set("NO_COLOR") => false,
            ColorArg::Auto if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0") => true,
            ColorArg::Auto if env("CLICOLOR").as_deref() == Some("0") => false,
            ColorArg::Auto if env("TERM").as_deref() == Some("dumb") => false,
            ColorArg::Auto => terminal,
        }
    }
}

/// `foi --version`: the version, the formats this build writes (PDF is a build feature) and
/// the years the built-in bank-holiday calendar lists, which decide how far its deadlines
/// can be trusted without `bank-holidays:` in foi.yaml.
static LONG_VERSION: LazyLock<String> = LazyLock::new(|| {
    let formats: Vec<&str> = foi::OutputFormat::ALL
        .iter()
        .map(|format| format.name)
        .filter(|name| *name != "pdf" || cfg!(feature = "pdf"))
        .collect();
    let calendar = foi::calendar::builtin();
    let (first, last) = calendar.covers();
    let pdf =
        if cfg!(feature = "pdf") { "" } else { "\nPDF: not in this build (build with the `pdf` feature)" };
    format!(
        "{}\nformats: {}{pdf}\nbank holidays: {first} to {last} as published by GOV.UK (taken {}); other years by rule",
        env!("CARGO_PKG_VERSION"),
        formats.join(", "),
        calendar.taken()
    )
});

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render responses (Markdown, HTML, plain text, JSON, Typst, PDF or Word): one request to
    /// standard output or a file, or many at once.
    ///
    /// With one request file and one format, the response goes to standard output, or to
    /// FILE with -o. With several requests, folders or formats, -o names an output folder:
    /// each request's files are named after its reference (`FOIR-467737865.html`), requests
    /// render in parallel, failures are reported together, and files that would not change
    /// are left untouched.
    #[command(after_help = "Examples:\n  \
        foi render requests/FOIR-467737865.yaml\n  \
        foi render requests/FOIR-467737865.yaml --format html -o reply.html\n  \
        foi render requests/FOIR-467737865.yaml --format pdf -o reply.pdf\n  \
        foi render requests/FOIR-467737865.yaml --format docx -o reply.docx\n  \
        foi render requests/CAS-84648.yaml --format txt --layout annex\n  \
        foi render requests/FOIR-467737865.yaml --letter acknowledgement\n  \
        foi render . -o out --letter all          every letter each request records\n  \
        foi render . -o out --format md,html          every request of this casebook\n  \
        foi render councils/ -o out --format md,html,txt,json\n                                                every casebook in councils/")]
    Render {
        /// Request files, casebook folders (their requests/), or folders of casebooks.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output formats, comma-separated (the help lists the table's names).
        #[arg(short, long, help = render_format_help(), value_parser = FORMAT_PARSER, value_delimiter = ',', default_value = "md")]
        format: Vec<OutputFormat>,
        /// Letters, comma-separated: the response (default) or the letter of an earlier stage
        /// (the help lists them); `all` writes every letter the request records (a batch names
        /// them `REFERENCE.KIND.EXT` beside the response's `REFERENCE.EXT`).
        #[arg(long, help = letter_help(), value_parser = LETTER_PARSER, value_delimiter = ',', default_value = "response")]
        letter: Vec<LetterChoice>,
        /// Layout: `inline` (answers under each question, refusal notice at the end) or
        /// `annex` (one annex section per exemption). Default: the request's or authority's.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// JSON only: include the requester's name, email and address.
        #[arg(long)]
        include_private: bool,
        /// A file for one response; a folder for several (created if missing).
        #[arg(short, long, value_name = "FILE|DIR")]
        output: Option<PathBuf>,
        /// Today's date, for the check that no date in a request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// Check every file of a casebook and report every problem found, with its file, line
    /// and column, the field, and a hint.
    #[command(after_help = "Exit status: 0 no errors (warnings alone pass), 1 errors (or warnings, \
        with --deny-warnings), 2 usage problems.\n\n\
        Examples:\n  \
        foi check\n  \
        foi check examples/hastings --today 2024-01-31\n  \
        foi check --deny-warnings --format github\n  \
        foi check councils/north councils/south    (published together)")]
    Check {
        /// The casebook's folder. Default: the casebook containing the current folder.
        /// Several are checked as `foi publish` publishes them together: each on its own,
        /// then against each other (one licence, no two pages with one name).
        #[arg(value_name = "CASEBOOK_DIR")]
        casebooks: Vec<PathBuf>,
        /// Today's date: requests dated later are errors. Default: the system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
        /// Fail (exit 1) on warnings as well as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// `text` for people (on standard error), `json` for programs or `github` for
        /// GitHub Actions annotations (both on standard output).
        #[arg(long, value_enum, default_value_t = CheckFormatArg::Text)]
        format: CheckFormatArg,
    },
    /// Write the JSON Schema of foi.yaml, contract, request and exemption files, for editors.
    #[command(after_help = "Examples:\n  \
        foi schema --out schemas\n  \
        foi schema > schemas.json")]
    Schema {
        /// Write one `*.schema.json` file per kind of file into this folder (created if
        /// missing). Default: print them all as one JSON document keyed by file name.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// List or copy out the built-in templates.
    #[command(
        subcommand,
        after_help = "Examples:\n  \
        foi templates list\n  \
        foi templates eject letter.md"
    )]
    Templates(TemplatesCommand),
    /// Show when a response is due: working day 20 after the day of receipt; or, given a
    /// request file, every clock of that request.
    ///
    /// Day 1 is the first working day after the day the request (or its clarification)
    /// arrived, even when that day was a weekend or a holiday. FOIA skips bank holidays in
    /// any part of the UK (s.10(6)); FOISA skips Scottish ones (s.73).
    ///
    /// With a request file: the response (restarted by a clarification), the extension's
    /// estimate, the clarification awaited, the internal review and the steps of a
    /// decision notice, each met, late, open, overdue or stopped as at today.
    #[command(after_help = "Examples:\n  \
        foi due 2022-11-25\n  \
        foi due requests/LBW-2024-140.yaml    (every clock of that request)\n  \
        foi due 2022-11-25 --explain\n  \
        foi due 2025-04-01 --jurisdiction foisa --format json\n  \
        foi due 2023-01-09 --days 40          (20 days plus a 20-day public interest extension)\n  \
        foi due 2029-06-15 --casebook .       (with the bank holidays this casebook adds)")]
    Due(DueArgs),
    /// Publish the disclosure log: a static site of every response marked `publish: true`.
    ///
    /// Writes index.html (with a filter box and sorting), stats.html, one page and its
    /// Markdown per response under responses/, disclosure-log.csv and .json (one row per
    /// question answered) and feed.atom. Requesters' details and withheld information are
    /// never published. Nothing is written if any request has errors; pages of responses
    /// no longer published are removed.
    #[command(after_help = "Examples:\n  \
        foi publish -o site                         this casebook\n  \
        foi publish maidstone swale -o site         several casebooks in one log\n  \
        foi publish -o site --base-url https://foi.example.gov.uk/log")]
    Publish {
        /// Casebook folders (default: the casebook holding the current folder).
        #[arg(value_name = "CASEBOOK")]
        casebooks: Vec<PathBuf>,
        /// The site folder to write.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Where the site will be served, for absolute links in the Atom feed. Default:
        /// foi.yaml's `disclosure-log:`.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// In a casebook that keeps sent records (it has sent/), publish a response
        /// answered but never recorded as sent by rendering it from today's casebook, as
        /// before sent records existed. Without it such a response is left out.
        #[arg(long)]
        render_unsent: bool,
        /// Today's date, for the check that no date in a request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// Record a response as sent: what the requester received and what the disclosure log
    /// publishes, kept in the casebook under sent/REFERENCE/VERSION/.
    ///
    /// Writes the public response as data with its content hash (response.json), the reply
    /// as the disclosure log publishes it (public.md) and the letter in each format given
    /// (letter.md, letter.pdf, …), dated the request's `responded:` or --date. The request
    /// file is not changed, and a record is never rewritten: sending a reference again
    /// needs --amend with the reason, which keeps both versions. Commit sent/ to git.
    #[command(after_help = "Examples:\n  \
        foi send requests/FOIR-467737865.yaml --format md,pdf\n  \
        foi send requests/FOI-12.yaml --date 2024-02-01\n  \
        foi send requests/FOI-12.yaml --amend \"the expiry date given was wrong\" --date 2024-02-09")]
    Send {
        /// The request file.
        #[arg(value_name = "REQUEST")]
        request: PathBuf,
        /// The date it was sent. Default: the request's `responded:`.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// The formats the letter was sent in, comma-separated.
        #[arg(short, long, help = render_format_help(), value_parser = FORMAT_PARSER, value_delimiter = ',', default_value = "md")]
        format: Vec<OutputFormat>,
        /// Record a corrected reply to a reference already sent, and why.
        #[arg(long, value_name = "REASON")]
        amend: Option<String>,
        /// Today's date, for the check that no date in a request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// What has changed since the last answers: each answer of a request against the
    /// latest sent response of the same authority to the same question about the same
    /// contract.
    #[command(after_help = "Examples:\n  \
        foi changes requests/FOIR-2.yaml\n  \
        foi changes requests/FOIR-2.yaml --format json")]
    Changes {
        /// The request file.
        #[arg(value_name = "REQUEST")]
        request: PathBuf,
        /// `text` (one line an answer, the changes first) or `json`.
        #[arg(long, value_enum, default_value_t = ChangesFormatArg::Text)]
        format: ChangesFormatArg,
        /// Today's date, for the check that no date in a request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// Statistics of every request: outcomes in the official categories, timeliness,
    /// exemptions used, internal reviews and complaints to the Commissioner, per authority.
    ///
    /// A period counts the requests received in it, the reviews asked for in it and the
    /// complaints made in it, as the Cabinet Office's quarterly statistics do.
    #[command(after_help = "Examples:\n  \
        foi stats                                   this casebook\n  \
        foi stats maidstone swale                   several casebooks, each and together\n  \
        foi stats --quarter 2024-Q2                 April to June 2024\n  \
        foi stats --from 2024-04-01 --to 2025-03-31 a financial year\n  \
        foi stats --format json > stats.json")]
    Stats {
        /// Casebook folders (default: the casebook holding the current folder).
        #[arg(value_name = "CASEBOOK")]
        casebooks: Vec<PathBuf>,
        /// Count from this day (included).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "quarter")]
        from: Option<NaiveDate>,
        /// Count to this day (included).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "quarter")]
        to: Option<NaiveDate>,
        /// Count one calendar quarter, e.g. `2024-Q2` (April to June 2024).
        #[arg(long, value_name = "YYYY-QN", value_parser = parse_quarter)]
        quarter: Option<Period>,
        /// How to print them.
        #[arg(long, value_enum, default_value_t = StatsFormatArg::Text)]
        format: StatsFormatArg,
        /// Today's date, for the check that no date in a request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// Start a casebook: for your own authority with --name and --jurisdiction, or a
    /// complete example (one council, two contracts, one request) to try the tool on.
    ///
    /// With --name, foi.yaml holds your authority's name and Act, with the other details to
    /// fill in, beside one example contract and one example request, each marked as an
    /// example to replace (none with --empty). Without it, the Hastings example is copied
    /// whole. Either way the casebook gets its own JSON Schemas in schemas/, and `git init`
    /// runs when the folder is not inside a git repository already.
    #[command(after_help = "Examples:\n  \
        foi init my-council --name \"Wyre Forest District Council\" --jurisdiction foia\n  \
        foi init nhs-board --name \"NHS Example\" --jurisdiction foisa --email foi@example.scot.nhs.uk --empty\n  \
        foi init try-it && cd try-it && foi render requests/FOIR-467737865.yaml")]
    Init {
        /// Where to create it (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Your authority's name, as every letter will print it.
        #[arg(long, requires = "jurisdiction")]
        name: Option<String>,
        /// The Act your authority answers under.
        #[arg(long, value_parser = JURISDICTION_PARSER, requires = "name")]
        jurisdiction: Option<Jurisdiction>,
        /// The FOI team's email address (default: a placeholder that `foi check` warns about).
        #[arg(long, requires = "name")]
        email: Option<String>,
        /// No example contract or request: only foi.yaml and empty contracts/ and requests/.
        #[arg(long, requires = "name")]
        empty: bool,
    },
    /// Turn a pasted request into a request file, its questions mapped to the questionnaire.
    #[command(after_help = "Matches below confidence 0.60 are marked REVIEW in the draft, with the id \
        commented out: the draft does not render until the officer confirms them. The requester's \
        name and email, where the request gives them, go into `requester:` with `confirmed: false`: \
        `foi check` refuses `publish: true` until the officer confirms them.\n\n\
        Examples:\n  \
        foi intake request.txt\n  \
        foi intake request.txt -o requests/FOI-123.yaml --reference FOI-123\n  \
        foi intake - --format json < request.txt")]
    Intake(IntakeArgs),
    /// Print a completion script for your shell: bash, zsh, fish, powershell or elvish.
    #[command(after_help = "Examples:\n  \
        foi completions bash > ~/.local/share/bash-completion/completions/foi\n  \
        foi completions zsh > ~/.zfunc/_foi         (with fpath+=~/.zfunc in ~/.zshrc)\n  \
        foi completions fish > ~/.config/fish/completions/foi.fish\n  \
        foi completions powershell >> $PROFILE")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = "Examples:\n  \
        foi man | man -l -\n  \
        foi man --out ~/.local/share/man/man1       foi.1, foi-render.1, foi-check.1 …")]
    Man {
        /// Write foi.1 and a page per command (foi-render.1 …) into this folder (created if
        /// missing), instead of printing foi.1.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// `foi templates …`
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in templates, marking those the casebook has its own copy of.
    #[command(after_help = "Example:\n  \
        foi templates list                  run inside a casebook to see which it replaces")]
    List,
    /// Copy built-in templates into the casebook's templates/ folder to edit them; the
    /// casebook's copy then replaces the built-in one, file by file.
    #[command(after_help = "Examples:\n  \
        foi templates eject                 copy every template into ./templates of this casebook\n  \
        foi templates eject letter.md       only the letter frame (letterhead, greeting, signature)\n  \
        foi templates eject --to /tmp/t     anywhere else")]
    Eject {
        /// Templates to copy (default: all of them).
        names: Vec<String>,
        /// Copy into this folder instead of the casebook's templates/.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// A value parser for one of the closed tables (formats, letters, Acts): the table's names
/// are the possible values, each with its help, and a name is looked up in the table.
#[derive(Clone, Copy)]
pub struct TableParser<T: 'static> {
    /// Each name with its help, in the table's order.
    names: fn() -> Vec<(&'static str, String)>,
    /// The entry a name denotes.
    find: fn(&str) -> Option<T>,
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for TableParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let names = clap::builder::PossibleValuesParser::new(self.possible_values().into_iter().flatten());
        let name = names.parse_ref(cmd, arg, value)?;
        (self.find)(&name).ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.names)().into_iter().map(|(name, help)| clap::builder::PossibleValue::new(name).help(help)),
        ))
    }
}

/// `--format`: the table of output formats ([`OutputFormat::ALL`]), with their summaries.
pub const FORMAT_PARSER: TableParser<OutputFormat> = TableParser {
    names: || OutputFormat::ALL.iter().map(|format| (format.name, format.summary.to_owned())).collect(),
    find: OutputFormat::named,
};

/// A `--letter` value: one kind of letter, or every letter a request records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterChoice {
    /// One kind.
    One(LetterKind),
    /// `all`.
    All,
}

/// `--letter`: the table of letter kinds ([`LetterKind::ALL`]) with their descriptions, and
/// `all`.
pub const LETTER_PARSER: TableParser<LetterChoice> = TableParser {
    names: || {
        LetterKind::ALL
            .iter()
            .map(|kind| (kind.id, kind.description.to_owned()))
            .chain([("all", "every letter the request records".to_owned())])
            .collect()
    },
    find: |name| {
        if name == "all" { Some(LetterChoice::All) } else { LetterKind::named(name).map(LetterChoice::One) }
    },
};

/// The letters `choices` name, each once, in the table's order.
pub fn letters(choices: &[LetterChoice]) -> Vec<LetterKind> {
    LetterKind::ALL
        .iter()
        .copied()
        .filter(|kind| choices.iter().any(|c| *c == LetterChoice::All || *c == LetterChoice::One(*kind)))
        .collect()
}

/// The `--letter` help line of `foi render`, naming every kind of the table.
fn letter_help() -> String {
    let names: Vec<&str> = LetterKind::ALL.iter().map(|kind| kind.id).collect();
    format!("Letters, comma-separated: {}, or all (default: response)", names.join(", "))
}

/// The `--format` help line of `foi render`, naming every format of the table.
fn render_format_help() -> String {
    let names: Vec<&str> = OutputFormat::ALL.iter().map(|format| format.name).collect();
    format!("Output formats, comma-separated: {}", names.join(", "))
}

/// The arguments of `foi due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// The day the request (or the clarification asked for under s.1(3)) was received,
    /// YYYY-MM-DD; or a request file, for every clock of that request.
    #[arg(value_name = "DATE|REQUEST")]
    pub date: String,
    /// Whose working days to count: `foia` (UK-wide bank holidays) or `foisa`
    /// (Scottish bank holidays). Default: the Act of the `--casebook`, otherwise `foia`.
    #[arg(long, value_parser = JURISDICTION_PARSER)]
    pub jurisdiction: Option<Jurisdiction>,
    /// Count with the bank holidays this casebook adds in foi.yaml (`bank-holidays:`); DIR
    /// is the casebook's folder or any folder inside it.
    #[arg(long, value_name = "DIR")]
    pub casebook: Option<PathBuf>,
    /// Working days to count, e.g. 40 for a review or with an extension.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub days: u32,
    /// List every day of the count: each working day by number, and each skipped day with
    /// the reason it is not a working day.
    #[arg(long)]
    pub explain: bool,
    /// Output: `text` (the due date first) or `json`.
    #[arg(long, value_enum, default_value_t = DueFormatArg::Text)]
    pub format: DueFormatArg,
    /// With a request file: the day the clocks stand as at. Default: the system date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

/// `--jurisdiction`: the table of Acts (`jurisdictions.yaml`), with their descriptions.
pub const JURISDICTION_PARSER: TableParser<Jurisdiction> = TableParser {
    names: || {
        Jurisdiction::all()
            .map(|act| (act.as_str(), act.act().description.trim_end_matches('.').to_owned()))
            .collect()
    },
    find: Jurisdiction::named,
};

/// Output formats of `foi stats`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormatArg {
    /// A table per authority and for all of them: outcomes, timeliness, exemptions.
    Text,
    /// The same figures as JSON.
    Json,
}

/// Output formats of `foi due`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormatArg {
    /// The due date first, then notes; with `--explain`, the count day by day.
    Text,
    /// The whole count as JSON (see the README for its shape).
    Json,
}

/// Arguments of `foi intake`.
#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// The request as plain UTF-8 text (as pasted from the email), or `-` to read standard input.
    pub input: PathBuf,
    /// `yaml`: a request-file draft; `json`: the questions found, for other tools.
    #[arg(long, value_enum, default_value_t = IntakeFormatArg::Yaml)]
    pub format: IntakeFormatArg,
    /// Write to this file (atomically) instead of standard output. The casebook above it
    /// suggests contracts for each part.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists; without it, intake never overwrites a file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Our reference for the request, written into the draft.
    #[arg(long, value_name = "REF", value_parser = reference)]
    pub reference: Option<String>,
    /// The date the request was received, written into the draft.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub received: Option<NaiveDate>,
    /// Match the questions against this questionnaire (`contact-centre`,
    /// `it-infrastructure`, `systems`) instead of the one that fits the text best.
    /// A casebook's own questionnaires (`questionnaires/ID.yaml`) may be named too.
    #[arg(long, value_name = "ID")]
    pub questionnaire: Option<String>,
}

/// Output formats of `foi intake`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntakeFormatArg {
    /// A request-file draft with comments for the officer.
    Yaml,
    /// `{"questions": [...]}`.
    Json,
}

fn reference(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_control) {
        return Err("a reference is one line of text, e.g. FOI-2024-0123".into());
    }
    Ok(text.to_owned())
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD, e.g. 2024-01-10"))
}

/// Output formats of `foi check`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// For people, like a compiler's messages.
    Text,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

impl From<CheckFormatArg> for report::ReportFormat {
    fn from(arg: CheckFormatArg) -> Self {
        match arg {
            CheckFormatArg::Text => report::ReportFormat::Text,
            CheckFormatArg::Json => report::ReportFormat::Json,
            CheckFormatArg::Github => report::ReportFormat::Github,
        }
    }
}

/// Parses a `--today` date.
fn parse_quarter(text: &str) -> Result<Period, String> {
    Period::quarter(text).ok_or_else(|| format!("`{text}` is not a quarter: write YYYY-QN, e.g. 2024-Q2"))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

/// Layouts, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Answers under each question; refusal notice at the end.
    Inline,
    /// Short answers; one explanatory annex section per exemption.
    Annex,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Self {
        match arg {
            LayoutArg::Inline => Layout::Inline,
            LayoutArg::Annex => Layout::Annex,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(flag: ColorArg, terminal: bool, vars: &[(&str, &str)]) -> bool {
        flag.colour(terminal, |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    /// The flag, whether standard error is a terminal, the environment, and the answer.
    type Case = (ColorArg, bool, &'static [(&'static str, &'static str)], bool);

    #[test]
    fn the_flag_then_no_color_then_clicolor_then_term_decide_colour() {
        use ColorArg::{Always, Auto, Never};
        let cases: &[Case] = &[
            (Auto, true, &[], true),
            (Auto, false, &[], false),
            (Always, false, &[("NO_COLOR", "1")], true),
            (Never, true, &[("CLICOLOR_FORCE", "1")], false),
            (Auto, true, &[("NO_COLOR", "1")], false),
            (Auto, true, &[("NO_COLOR", "")], true),
            (Auto, false, &[("CLICOLOR_FORCE", "1")], true),
            (Auto, false, &[("CLICOLOR_FORCE", "0")], false),
            (Auto, false, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
            (Auto, true, &[("CLICOLOR", "0")], false),
            (Auto, true, &[("TERM", "dumb")], false),
            (Auto, true, &[("TERM", "xterm-256color")], true),
        ];
        for (flag, terminal, vars, expected) in cases {
            assert_eq!(colour(*flag, *terminal, vars), *expected, "{flag:?} terminal={terminal} {vars:?}");
        }
    }
}
