//! The published disclosure log in headless Chromium at 1100 and 390 pixels wide: axe-core
//! finds no WCAG 2.2 AA violation on the index, the statistics page, the accessibility
//! statement and a response page; no page scrolls sideways; the layout widens and narrows;
//! the skip link comes first with the yellow focus style; the filter box narrows the table
//! and the column headings sort it (tests/browser/check.mjs).
//!
//! Needs `chromium` and `chromium-driver` (Debian), Node.js, and `npm ci` in tests/browser
//! for axe-core: `bash .ci/run` installs what is missing. When they are missing this test
//! fails and says so; it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

#[test]
fn the_disclosure_log_is_accessible_at_both_widths_and_its_filter_and_sorting_work() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let harness = here.join("tests/browser");
    let chromium = tool("CHROMIUM", "/usr/bin/chromium");
    let chromedriver = tool("CHROMEDRIVER", "/usr/bin/chromedriver");
    let node = Command::new("node").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    let missing: Vec<&str> = [
        (!chromium.is_file(), "chromium (apt-get install chromium)"),
        (!chromedriver.is_file(), "chromedriver (apt-get install chromium-driver)"),
        (!node, "node (Node.js)"),
        (
            !harness.join("node_modules/axe-core/axe.min.js").is_file(),
            "axe-core (npm ci --prefix tests/browser)",
        ),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    assert!(
        missing.is_empty(),
        "the browser test needs {}: run `bash .ci/run`, which installs them",
        missing.join(", ")
    );

    let site = tempfile::tempdir().expect("temporary folder");
    let examples = here.join("examples");
    let published = assert_cmd::Command::cargo_bin("foi")
        .expect("binary")
        .arg("publish")
        .args(["hastings", "national-archives", "shared-service"].map(|e| examples.join(e)))
        .arg("-o")
        .arg(site.path())
        .output()
        .expect("publishes");
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));

    let checked = Command::new("node")
        .arg(harness.join("check.mjs"))
        .arg(site.path())
        .args(["CAS-84648", "1", "responses/CAS-84648-H4L3X0.html"])
        .env("CHROMIUM", &chromium)
        .env("CHROMEDRIVER", &chromedriver)
        .output()
        .expect("node runs");
    let report =
        format!("{}{}", String::from_utf8_lossy(&checked.stdout), String::from_utf8_lossy(&checked.stderr));
    assert!(checked.status.success(), "browser checks failed:\n{report}");
    for width in [1100, 390] {
        for page in ["index.html", "stats.html", "accessibility.html", "responses/CAS-84648-H4L3X0.html"] {
            assert!(report.contains(&format!("{page} at {width} px: no WCAG 2.2 AA violations")), "{report}");
            assert!(report.contains(&format!("{page} at {width} px: no horizontal scroll")), "{report}");
        }
        for check in [
            "filter at {w} px: typing \"CAS-84648\" narrowed 6 rows to 1",
            "sort at {w} px: by reference",
            "skip link at {w} px: first on Tab",
        ] {
            let line = check.replace("{w}", &width.to_string());
            assert!(report.contains(&line), "{line} missing from:\n{report}");
        }
    }
    assert!(
        report.contains("layout at 1100 px: index rows table-row, summary beside the letter"),
        "{report}"
    );
    assert!(report.contains("layout at 390 px: index rows block, summary above the letter"), "{report}");
}
