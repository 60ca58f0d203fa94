//! Browser tests: the built site in real headless Chromium (Debian's `chromium`), opened from
//! file:// and from an HTTP server on 127.0.0.1. The checks themselves are the scripts in
//! `tests/browser/` (playwright-core); this test builds the site, installs their npm
//! dependencies when missing, runs them and fails with their output.
//!
//! Without Chromium or Node the test is skipped with a message, unless
//! `AGREED_REQUIRE_BROWSER=1` (as `.ci/run` sets), which makes a missing browser a failure.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build, repo};

fn browser_available() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ok = Path::new(&chromium).exists() && Command::new("node").arg("--version").output().is_ok();
    if !ok {
        assert!(
            std::env::var("AGREED_REQUIRE_BROWSER").is_err(),
            "browser tests need Chromium (apt-get install chromium) and Node.js"
        );
        eprintln!("SKIPPED: browser tests need Chromium (apt-get install chromium) and Node.js");
    }
    ok
}

fn install_npm_dependencies(dir: &Path) {
    if dir.join("node_modules/playwright-core").exists() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .status()
        .expect("npm runs");
    assert!(status.success(), "npm ci in {} failed", dir.display());
}

/// Run `node tests/browser/<script> args…`; fail with its output.
pub fn run_script(script: &str, args: &[&str]) -> String {
    let dir = repo().join("tests/browser");
    install_npm_dependencies(&dir);
    let out = Command::new("node").arg(script).args(args).current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
    stdout
}

fn screenshot_dir(name: &str) -> String {
    repo().join("target/screenshots").join(name).to_string_lossy().into_owned()
}

#[test]
fn paragraph_29_is_the_target_and_copy_link_gives_its_url_from_file_and_http() {
    if !browser_available() {
        return;
    }
    let (_tmp, site) = build(&repo(), None);
    let out =
        run_script("permalink.mjs", &[&site.to_string_lossy(), "E/RES/2025/18", "29", &screenshot_dir("relative")]);
    assert!(out.contains("permalink: 6 checks"), "{out}");
}

#[test]
fn copy_link_gives_the_canonical_url_when_base_url_is_set() {
    if !browser_available() {
        return;
    }
    let base = "https://example.org/agreed/";
    let (_tmp, site) = build(&repo(), Some(base));
    let out = run_script(
        "permalink.mjs",
        &[&site.to_string_lossy(), "E/RES/2025/18", "29", &screenshot_dir("canonical"), base],
    );
    assert!(out.contains("permalink: 6 checks"), "{out}");
}
