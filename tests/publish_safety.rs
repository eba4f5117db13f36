//! What `foi publish` and batch rendering do to the folder they write: one run at a time,
//! never half a site, never a file they did not make removed or written through, no
//! temporary files left for ever, a feed that is always XML, and one rule for references.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    let mut command = Command::cargo_bin("foi").expect("binary");
    command.timeout(Duration::from_secs(120));
    command
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

fn publish(casebooks: &[&Path], site: &Path) -> std::process::Output {
    foi().arg("publish").args(casebooks).arg("-o").arg(site).output().expect("runs")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The response pages the site's index links to.
fn linked_pages(site: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(site.join("index.html")).expect("index");
    index
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&#x2f;", "/"))
        .filter(|href| href.starts_with("responses/"))
        .collect()
}

fn assert_every_link_resolves(site: &Path) {
    let pages = linked_pages(site);
    assert!(!pages.is_empty(), "the index links responses");
    for page in pages {
        assert!(site.join(&page).is_file(), "the index links {page}, which is not there");
    }
}

#[test]
fn two_publishes_into_one_folder_never_leave_an_index_linking_missing_pages() {
    let site = tempfile::tempdir().expect("tempdir");
    let (hastings, archives) = (example("hastings"), example("national-archives"));
    for _ in 0..8 {
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| publish(&[&hastings], site.path()));
            let b = scope.spawn(|| publish(&[&archives], site.path()));
            (a.join().expect("thread"), b.join().expect("thread"))
        });
        for run in [&a, &b] {
            let busy = stderr(run).contains("another foi is writing to");
            assert!(run.status.success() || (run.status.code() == Some(1) && busy), "{}", stderr(run));
        }
        assert!(a.status.success() || b.status.success(), "one of them published");
        assert_every_link_resolves(site.path());
        let pages = linked_pages(site.path());
        let on_disk: BTreeSet<String> = std::fs::read_dir(site.path().join("responses"))
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| format!("responses/{}", e.file_name().to_string_lossy()))
            .filter(|p| p.ends_with(".html"))
            .collect();
        assert_eq!(on_disk, pages.into_iter().collect(), "only the last run's pages are left");
    }
}

#[cfg(unix)]
#[test]
fn a_publish_into_a_locked_folder_fails_clearly_and_writes_nothing() {
    use rustix::fs::{FlockOperation, Mode, OFlags};
    let site = tempfile::tempdir().expect("tempdir");
    let lock = rustix::fs::open(
        site.path().join(".foi-lock"),
        // CLOEXEC: other tests start processes meanwhile, which must not inherit the lock.
        OFlags::CREATE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o644),
    )
    .expect("lock file");
    rustix::fs::flock(&lock, FlockOperation::LockExclusive).expect("held by this test");
    let run = publish(&[&example("hastings")], site.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("another foi is writing to") && stderr(&run).contains("nothing was written")
    );
    let names: Vec<_> =
        std::fs::read_dir(site.path()).expect("list").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(names, [".foi-lock"], "nothing written");
    drop(lock);
    let again = publish(&[&example("hastings")], site.path());
    assert!(again.status.success(), "free once the lock is gone: {}", stderr(&again));
}

#[test]
fn an_interrupted_publish_leaves_the_previous_complete_site() {
    let casebook = Casebook::example("hastings");
    let site = casebook.root().join("site");
    assert!(publish(&[casebook.root()], &site).status.success());
    let index_before = std::fs::read(site.join("index.html")).expect("index");
    // A second published response, and a file of the site that cannot be written: the run
    // fails after writing the new page but before the index, which must stay as it was.
    let request = casebook.read("requests/FOIR-467737865.yaml");
    casebook
        .write("requests/second.yaml", &request.replace("reference: FOIR-467737865", "reference: FOIR-2"));
    // The example keeps sent records; this one is recorded too, as it would be.
    let send = Command::cargo_bin("foi")
        .expect("binary")
        .arg("send")
        .arg(casebook.root().join("requests/second.yaml"))
        .output()
        .expect("runs");
    assert!(send.status.success(), "{}", stderr(&send));
    std::fs::remove_file(site.join("feed.atom")).expect("remove");
    std::fs::create_dir_all(site.join("feed.atom/in-the-way")).expect("a folder in the way");
    let run = publish(&[casebook.root()], &site);
    // 3: an output that cannot be written, not a problem of the casebook.
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert_eq!(std::fs::read(site.join("index.html")).expect("index"), index_before, "the old index stays");
    assert_every_link_resolves(&site);
    std::fs::remove_dir_all(site.join("feed.atom")).expect("clear the way");
    assert!(publish(&[casebook.root()], &site).status.success());
    assert!(linked_pages(&site).contains(&"responses/FOIR-2.html".to_owned()));
    assert_every_link_resolves(&site);
}

#[test]
fn publish_removes_only_files_it_wrote() {
    let casebook = Casebook::example("hastings");
    let site = casebook.root().join("site");
    std::fs::create_dir_all(site.join("responses")).expect("folder");
    std::fs::write(site.join("responses/about.html"), "<p>About this log</p>").expect("hand-made page");
    std::fs::write(site.join("CNAME"), "foi.example.gov.uk\n").expect("hand-made file");
    let first = publish(&[casebook.root()], &site);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("responses/about.html") && stderr(&first).contains("left in place"),
        "{}",
        stderr(&first)
    );
    let request = casebook.read("requests/FOIR-467737865.yaml").replace("publish: true", "publish: false");
    casebook.write("requests/FOIR-467737865.yaml", &request);
    // The later copy answers from the first one's published reply, so it goes too.
    std::fs::remove_file(casebook.root().join("requests/FOIR-469102254.yaml")).expect("removed");
    let second = publish(&[casebook.root()], &site);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        !stderr(&second).contains("about.html"),
        "the manifest knows what foi wrote: {}",
        stderr(&second)
    );
    assert!(!site.join("responses/FOIR-467737865.html").exists(), "the unpublished response is removed");
    assert_eq!(
        std::fs::read_to_string(site.join("responses/about.html")).expect("kept"),
        "<p>About this log</p>"
    );
    assert!(site.join("CNAME").is_file());
}

#[cfg(unix)]
#[test]
fn publish_replaces_a_link_in_the_site_instead_of_writing_through_it() {
    let casebook = Casebook::example("hastings");
    let site = casebook.root().join("site");
    let outside = tempfile::tempdir().expect("tempdir");
    let victim = outside.path().join("victim.html");
    std::fs::write(&victim, "precious").expect("write");
    std::fs::create_dir_all(&site).expect("folder");
    std::os::unix::fs::symlink("/dev/null", site.join("stats.html")).expect("link");
    std::os::unix::fs::symlink(&victim, site.join("feed.atom")).expect("link");
    let run = publish(&[casebook.root()], &site);
    assert!(run.status.success(), "{}", stderr(&run));
    for file in ["stats.html", "feed.atom"] {
        let meta = std::fs::symlink_metadata(site.join(file)).expect("there");
        assert!(meta.is_file() && meta.len() > 0, "{file} is a file of its own now");
    }
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "precious");
    // A linked folder is refused: its files would land outside the site.
    std::fs::remove_dir_all(site.join("responses")).expect("remove");
    std::os::unix::fs::symlink(outside.path(), site.join("responses")).expect("link");
    let run = publish(&[casebook.root()], &site);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("is a symbolic link"), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 1, "nothing written outside");
}

#[cfg(unix)]
#[test]
fn batch_render_replaces_a_link_instead_of_writing_through_it() {
    let casebook = Casebook::example("hastings");
    let out = casebook.root().join("out");
    let outside = tempfile::tempdir().expect("tempdir");
    let victim = outside.path().join("victim.md");
    std::fs::write(&victim, "precious").expect("write");
    std::fs::create_dir_all(&out).expect("folder");
    std::os::unix::fs::symlink(&victim, out.join("FOIR-467737865.md")).expect("link");
    std::os::unix::fs::symlink("/dev/null", out.join("FOIR-467737865.html")).expect("link");
    let run = foi()
        .current_dir(casebook.root())
        .args(["render", ".", "-o", "out", "--format", "md,html", "--quiet"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "precious");
    for file in ["FOIR-467737865.md", "FOIR-467737865.html"] {
        let meta = std::fs::symlink_metadata(out.join(file)).expect("there");
        assert!(meta.is_file() && meta.len() > 0, "{file} is a file of its own now");
    }
    // Several casebooks: a casebook's subfolder that is a link is refused.
    let batch = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), batch.path().join("hastings")).expect("link");
    let run = foi()
        .arg("render")
        .arg(example("hastings"))
        .arg(example("national-archives"))
        .arg("-o")
        .arg(batch.path())
        .args(["--format", "md", "--quiet"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("is a symbolic link"), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 1, "nothing written outside");
}

/// A zero-byte temporary file as `kill -9` leaves one, last touched `age` ago.
fn leftover(dir: &Path, name: &str, age: Duration) -> PathBuf {
    std::fs::create_dir_all(dir).expect("folder");
    let path = dir.join(name);
    let file = std::fs::File::create(&path).expect("create");
    file.set_modified(SystemTime::now() - age).expect("mtime");
    path
}

#[test]
fn temporary_files_a_killed_run_left_are_removed_by_the_next_run() {
    let casebook = Casebook::example("hastings");
    let (site, out) = (casebook.root().join("site"), casebook.root().join("out"));
    let hour = Duration::from_secs(3600);
    let stale = [
        leftover(&site, ".foi-a1B2c3.tmp", hour),
        leftover(&site.join("responses"), ".foi-Zz9Yy8.tmp", hour),
        leftover(&out, ".foi-q7W8e9.tmp", hour),
    ];
    // A live temporary file of a run still going: just made, so left alone.
    let live = leftover(&site, ".foi-L1v3R5.tmp", Duration::ZERO);
    let unrelated = leftover(&site, ".foi-notes.txt", hour);
    assert!(publish(&[casebook.root()], &site).status.success());
    let batch = foi()
        .current_dir(casebook.root())
        .args(["render", ".", "-o", "out", "--quiet"])
        .output()
        .expect("runs");
    assert!(batch.status.success(), "{}", stderr(&batch));
    for path in &stale {
        assert!(!path.exists(), "{} is left", path.display());
    }
    assert!(live.exists() && unrelated.exists(), "only abandoned temporaries are removed");
}

/// The base fixture with its request's title replaced by `title` (YAML, as written).
fn titled(title: &str) -> Casebook {
    let casebook = Casebook::copy_of("tests/check/base");
    let request = casebook
        .read("requests/ECC-2024-001.yaml")
        .replace("responded: 2024-11-28\n", &format!("responded: 2024-11-28\ntitle: {title}\n"));
    casebook.write("requests/ECC-2024-001.yaml", &request);
    casebook
}

fn check(casebook: &Casebook) -> (i32, String) {
    let run = foi()
        .current_dir(casebook.root())
        .env("NO_COLOR", "1")
        .args(["check", "--today", "2025-01-31"])
        .output()
        .expect("runs");
    (run.status.code().expect("exit code"), stderr(&run))
}

#[test]
fn characters_xml_forbids_in_a_title_are_found_by_check_and_never_reach_the_feed() {
    for (title, at, code) in [
        ("Phones \u{ffff} and lines", "requests/ECC-2024-001.yaml:4:15", "U+FFFF"),
        ("Phones \u{fffe}", "requests/ECC-2024-001.yaml:4:15", "U+FFFE"),
        ("Bell \u{7} rings", "requests/ECC-2024-001.yaml:4:13", "U+0007"),
        // XML allows the C1 controls, but no letter can print one.
        ("\"Next line \\u0085 here\"", "requests/ECC-2024-001.yaml:4:8 (title)", "U+0085"),
        ("\"Escaped \\uFFFF here\"", "requests/ECC-2024-001.yaml:4:8 (title)", "U+FFFF"),
        ("\"Escaped \\x01 here\"", "requests/ECC-2024-001.yaml:4:8 (title)", "U+0001"),
    ] {
        let casebook = titled(title);
        let (code_, text) = check(&casebook);
        assert_eq!(code_, 1, "{title:?}: {text}");
        assert!(text.contains(at) && text.contains(code), "{title:?}:\n{text}");
        let site = casebook.root().join("site");
        let run = foi()
            .current_dir(casebook.root())
            .args(["publish", "--today", "2025-01-31", "-o"])
            .arg(&site)
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(1), "{title:?}: {}", stderr(&run));
        assert!(!site.join("feed.atom").exists(), "nothing published");
    }
}

#[test]
fn the_feed_is_xml_whatever_characters_the_titles_hold() {
    let casebook = titled("\"Tab\\there, CR \\r, & < > \\\" ' ]]> é 𝄞 \\u00A0 end\"");
    let (code, text) = check(&casebook);
    assert_eq!(code, 0, "allowed characters pass: {text}");
    let site = casebook.root().join("site");
    let run = foi()
        .current_dir(casebook.root())
        .args(["publish", "--today", "2025-01-31", "-o"])
        .arg(&site)
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr(&run));
    let feed = std::fs::read_to_string(site.join("feed.atom")).expect("feed");
    let doc =
        roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("the feed is not XML: {e}\n{feed}"));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .and_then(|e| e.children().find(|n| n.has_tag_name("title")))
        .and_then(|t| t.text())
        .expect("an entry title");
    assert!(title.contains("& < > \" ' ]]> é 𝄞") && title.ends_with("end"), "{title:?}");
}

/// The base fixture with a second published request whose reference is `reference`.
fn with_reference(reference: &str) -> Casebook {
    let casebook = Casebook::copy_of("tests/check/base");
    let request = casebook.read("requests/ECC-2024-001.yaml");
    casebook.write(
        "requests/second.yaml",
        &request.replace("reference: ECC-2024-001", &format!("reference: {reference}")),
    );
    casebook
}

#[test]
fn references_check_passed_but_publish_refused_are_refused_by_check_render_and_publish_alike() {
    for reference in ["x/", "'-'", "'...'", "..\\..\\x", "ECC:2024:001", "ecc-2024-001"] {
        let casebook = with_reference(reference);
        let (code, text) = check(&casebook);
        assert_eq!(code, 1, "check {reference}: {text}");
        let message = text
            .lines()
            .find(|l| l.starts_with("error: reference"))
            .unwrap_or_else(|| panic!("{reference}: {text}"));
        let site = casebook.root().join("site");
        let run = foi()
            .current_dir(casebook.root())
            .args(["publish", "--today", "2025-01-31", "-o"])
            .arg(&site)
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(1), "publish {reference}: {}", stderr(&run));
        assert!(
            stderr(&run).contains(message),
            "publish says what check says, {message:?}:\n{}",
            stderr(&run)
        );
        assert!(!site.join("index.html").exists(), "nothing published");
        let batch = foi()
            .current_dir(casebook.root())
            .args(["render", ".", "-o", "out", "--today", "2025-01-31", "--quiet"])
            .output()
            .expect("runs");
        assert_eq!(batch.status.code(), Some(1), "batch {reference}: {}", stderr(&batch));
    }
    // A pair giving one file name names both files.
    let casebook = with_reference("ECC 2024 001");
    let (_, text) = check(&casebook);
    assert!(
        text.contains("gives the same file name as `ECC-2024-001` in requests/ECC-2024-001.yaml"),
        "{text}"
    );
    let single = with_reference("x/");
    let render = foi()
        .current_dir(single.root())
        .args(["render", "requests/second.yaml", "--today", "2025-01-31"])
        .output()
        .expect("runs");
    assert_eq!(render.status.code(), Some(1), "{}", stderr(&render));
    assert!(stderr(&render).contains("reference `x/` could name a path outside the output folder"));
}

#[test]
fn one_reference_in_two_published_casebooks_is_a_finding_naming_both() {
    let (first, second) = (Casebook::copy_of("tests/check/base"), Casebook::copy_of("tests/check/base"));
    let site = tempfile::tempdir().expect("tempdir");
    let run = foi()
        .args(["publish", "--today", "2025-01-31"])
        .arg(first.root())
        .arg(second.root())
        .arg("-o")
        .arg(site.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(
        report.contains("reference `ECC-2024-001` is also used by")
            && report.contains("both would be published as responses/ECC-2024-001.html"),
        "{report}"
    );
    assert!(!site.path().join("index.html").exists());
}
