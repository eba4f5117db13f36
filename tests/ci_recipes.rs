//! The CI recipes in `examples/ci/` work as written: their shell steps are run, in order,
//! against a copy of an example casebook, the way GitHub Actions and GitLab CI would run
//! them, with the hosted actions' outputs and GitLab's cache played by the test and a
//! stand-in `cargo` that "installs" the foi just built. Checked too: GitHub's permissions
//! stay read-only but for the publishing job, which keeps `contents: read`; the base address
//! comes from `actions/configure-pages`; runs are grouped for concurrency; the actions are
//! at their current major versions; foi is built once and then restored from the cache.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

mod common;

/// The actions the GitHub recipe may use, at their current major versions.
const ACTIONS: [&str; 5] = [
    "actions/checkout@v7",
    "actions/cache@v5",
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v5",
    "actions/deploy-pages@v5",
];

fn recipe(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci").join(name);
    let text = std::fs::read_to_string(&path).expect("recipe");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A folder with a stand-in `cargo`: `cargo install … --root DIR …` copies the foi this
/// test run built into DIR/bin and logs its arguments.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = dir.path().join("tools");
        std::fs::create_dir_all(&bin).expect("tools");
        let cargo = bin.join("cargo");
        std::fs::write(
            &cargo,
            "#!/bin/sh\n\
             echo \"$*\" >> \"$FAKE_CARGO_LOG\"\n\
             root=''; prev=''\n\
             for a in \"$@\"; do [ \"$prev\" = --root ] && root=\"$a\"; prev=\"$a\"; done\n\
             [ \"$1\" = install ] && [ -n \"$root\" ] || { echo \"unexpected cargo $*\" >&2; exit 3; }\n\
             mkdir -p \"$root/bin\" && cp \"$FOI_BIN\" \"$root/bin/foi\"\n",
        )
        .expect("cargo");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The installs the stand-in cargo was asked for.
    fn installs(&self) -> Vec<String> {
        std::fs::read_to_string(self.path("cargo.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// A fresh checkout of the Hastings example as the repository's root.
    fn checkout(&self, name: &str) -> PathBuf {
        let casebook = common::Casebook::example("hastings");
        let to = self.path(name);
        copy(casebook.root(), &to);
        to
    }

    /// Runs `script` with bash, as both CI systems do, in `dir`.
    fn run(&self, script: &str, dir: &Path, env: &BTreeMap<String, String>, extra_path: &[String]) {
        let system_path = std::env::var("PATH").unwrap_or_default();
        let mut path: Vec<String> = extra_path.to_vec();
        path.push(self.path("tools").display().to_string());
        path.push(system_path);
        let output = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(dir)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.path("home"))
            .env("FAKE_CARGO_LOG", self.path("cargo.log"))
            .env("FOI_BIN", env!("CARGO_BIN_EXE_foi"))
            .envs(env)
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "`{script}` failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("list").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Replaces the `${{ … }}` expressions a step may use by their values; any other is an
/// error, so the recipe cannot come to rely on something this test does not provide.
fn expand(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").map(|e| start + e).expect("a closed expression");
        let name = rest[start + 3..end].trim();
        let value = values.get(name).unwrap_or_else(|| panic!("the recipe uses `${{{{ {name} }}}}`"));
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_github_actions_recipe_checks_publishes_and_builds_foi_once() {
    let workflow = recipe("github-actions.yml");
    // Read-only by default; the publishing job alone may write Pages, and still reads.
    assert_eq!(workflow["permissions"], serde_yaml::from_str::<Value>("contents: read").expect("yaml"));
    let publish = &workflow["jobs"]["publish"];
    assert_eq!(
        publish["permissions"],
        serde_yaml::from_str::<Value>("{contents: read, pages: write, id-token: write}").expect("yaml")
    );
    assert!(workflow["jobs"]["check"]["permissions"].is_null(), "the check job writes nothing");
    assert!(text(&workflow["concurrency"]["group"]).contains("github.ref"));
    assert_eq!(text(&publish["concurrency"]["group"]), "pages");
    assert_eq!(publish["concurrency"]["cancel-in-progress"], Value::Bool(false), "deployments queue");
    assert_eq!(text(&publish["environment"]["name"]), "github-pages");
    assert_eq!(text(&publish["needs"]), "check");
    assert!(text(&publish["if"]).contains("refs/heads/main"));

    let runner = Runner::new();
    let workspace = runner.checkout("workspace");
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in workflow["env"].as_mapping().expect("env") {
        env.insert(text(key), text(value));
        vars.insert(format!("env.{}", text(key)), text(value));
    }
    vars.insert("runner.os".into(), "Linux".into());
    let mut cache: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut used = Vec::new();
    for job in ["check", "publish"] {
        let home = runner.path("home");
        // Each job starts on a new machine: an empty home folder, the cache restored into it.
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).expect("home");
        let github_path = runner.path(&format!("{job}.path"));
        std::fs::write(&github_path, "").expect("GITHUB_PATH");
        env.insert("GITHUB_PATH".into(), github_path.display().to_string());
        let mut outputs: BTreeMap<String, String> = vars.clone();
        for step in workflow["jobs"][job]["steps"].as_sequence().expect("steps") {
            let id = text(&step["id"]);
            if let Some(action) = step["uses"].as_str() {
                used.push(action.to_owned());
                assert!(ACTIONS.contains(&action), "{action} is not a current version of an allowed action");
                match action.split('@').next().unwrap_or("") {
                    "actions/cache" => {
                        let key = expand(&text(&step["with"]["key"]), &outputs);
                        assert!(key.contains("v0.1.0"), "the cache is keyed by foi's version: {key}");
                        assert_eq!(text(&step["with"]["path"]), "~/.foi");
                        let hit = cache.get(&key).is_some_and(|saved| saved.exists());
                        if hit {
                            copy(&cache[&key], &home.join(".foi"));
                        }
                        cache.entry(key).or_insert_with(|| runner.path(&format!("cache-{job}")));
                        outputs.insert(format!("steps.{id}.outputs.cache-hit"), hit.to_string());
                    }
                    "actions/configure-pages" => {
                        outputs.insert(
                            format!("steps.{id}.outputs.base_url"),
                            "https://your-organisation.github.io/casebook".into(),
                        );
                    }
                    "actions/upload-pages-artifact" => {
                        let site = workspace.join(text(&step["with"]["path"]));
                        assert!(site.join("index.html").is_file(), "the artifact is the published site");
                        let feed = std::fs::read_to_string(site.join("feed.atom")).expect("feed");
                        assert!(
                            feed.contains("href=\"https://your-organisation.github.io/casebook/feed.atom\""),
                            "the base address came from configure-pages"
                        );
                    }
                    _ => {}
                }
                continue;
            }
            let condition = text(&step["if"]);
            if !condition.is_empty() {
                let (name, _) = condition.split_once("!=").expect("a `!=` condition");
                let value = outputs.get(name.trim()).cloned().unwrap_or_default();
                if value == "true" {
                    continue;
                }
            }
            let mut step_env = env.clone();
            for (key, value) in step["env"].as_mapping().into_iter().flatten() {
                step_env.insert(text(key), expand(&text(value), &outputs));
            }
            let script = expand(&text(&step["run"]), &outputs);
            let extra: Vec<String> = std::fs::read_to_string(&github_path)
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect();
            runner.run(&script, &workspace, &step_env, &extra);
        }
        // The cache is saved when the job ends.
        for saved in cache.values() {
            if !saved.exists() && home.join(".foi").exists() {
                copy(&home.join(".foi"), saved);
            }
        }
    }
    assert!(workspace.join("site/datapackage.json").is_file());
    let installs = runner.installs();
    assert_eq!(installs.len(), 1, "foi is built once, then restored from the cache: {installs:?}");
    assert!(installs[0].starts_with("install --locked"), "{}", installs[0]);
    assert!(installs[0].contains("--git https://github.com/your-organisation/foi.git --tag v0.1.0 foi"));
    for action in ACTIONS {
        assert!(used.iter().any(|u| u == action), "{action} unused");
    }
}

#[test]
fn the_gitlab_recipe_checks_publishes_pages_and_caches_foi() {
    let pipeline = recipe("gitlab-ci.yml");
    let template = &pipeline[".foi"];
    assert_eq!(text(&template["cache"]["key"]), "foi-$FOI_VERSION");
    let pages = &pipeline["pages"];
    assert_eq!(pages["artifacts"]["paths"], serde_yaml::from_str::<Value>("[public]").expect("yaml"));
    assert_eq!(text(&pages["rules"][0]["if"]), "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");

    let runner = Runner::new();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in pipeline["variables"].as_mapping().expect("variables") {
        env.insert(text(key), text(value));
    }
    env.insert("CI_PAGES_URL".into(), "https://your-organisation.gitlab.io/casebook".into());
    let saved = runner.path("cache");
    for job in ["check", "pages"] {
        assert_eq!(text(&pipeline[job]["extends"]), ".foi");
        // Each job gets a fresh clone, and the cache restored into it.
        let project = runner.checkout(job);
        let paths: Vec<String> =
            template["cache"]["paths"].as_sequence().expect("paths").iter().map(text).collect();
        assert_eq!(paths, [".foi/"]);
        if saved.exists() {
            copy(&saved, &project.join(".foi"));
        }
        let mut lines: Vec<String> =
            template["before_script"].as_sequence().expect("before_script").iter().map(text).collect();
        lines.extend(pipeline[job]["script"].as_sequence().expect("script").iter().map(text));
        let mut job_env = env.clone();
        job_env.insert("CI_PROJECT_DIR".into(), project.display().to_string());
        runner.run(&lines.join("\n"), &project, &job_env, &[]);
        if !saved.exists() {
            copy(&project.join(".foi"), &saved);
        }
        if job == "pages" {
            let feed = std::fs::read_to_string(project.join("public/feed.atom")).expect("published");
            assert!(feed.contains("href=\"https://your-organisation.gitlab.io/casebook/feed.atom\""));
        }
    }
    let installs = runner.installs();
    assert_eq!(installs.len(), 1, "foi is built once, then restored from the cache: {installs:?}");
    assert!(installs[0].contains("--locked") && installs[0].contains("--tag v0.1.0 foi"), "{}", installs[0]);
}
