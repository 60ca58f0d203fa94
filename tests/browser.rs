//! Browser tests: the built site in real headless Chromium (Debian's `chromium`), opened from
//! file:// and from an HTTP server on 127.0.0.1. The checks themselves are the scripts in
//! `tests/browser/` (playwright-core); this test builds the site, installs their npm
//! dependencies when missing, runs them and fails with their output.
//!
//! Without Chromium or Node the test is skipped with a message, unless
//! `AGREED_REQUIRE_BROWSER=1` (as `.ci/run` sets), which makes a missing browser a failure.

mod common;

use common::{browser_available, build, repo, run_browser_script as run_script, screenshot_dir};

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
