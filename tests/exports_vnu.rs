//! Every kind of page through the Nu HTML Checker (`vnu.jar` from the npm package `vnu-jar`,
//! installed by `npm ci` in `tests/browser/`; needs Java): zero errors, minified as built and
//! unminified as written in the theme.
//!
//! Without Java or vnu.jar the test is skipped with a message, unless `AGREED_REQUIRE_VNU=1`
//! (as `.ci/run` sets), which makes a missing checker a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{html_files, repo};

fn vnu_jar() -> Option<PathBuf> {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if java && jar.is_file() {
        return Some(jar);
    }
    let why =
        "the Nu HTML Checker needs Java (apt-get install default-jre-headless) and vnu.jar (npm ci in tests/browser)";
    assert!(std::env::var("AGREED_REQUIRE_VNU").is_err(), "{why}");
    eprintln!("SKIPPED: {why}");
    None
}

/// Build the basic fixture with a base URL (so the 404 page and canonical links are absolute).
fn build(minify: bool) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = repo().join("tests/fixtures/sites/basic");
    let mut config = agreed::config::Config::load(&root, Some(&out), Some("https://example.org/agreed/")).unwrap();
    config.minify = minify;
    agreed::build(&config).unwrap();
    (tmp, out)
}

/// One page of each kind the site has.
fn one_page_per_kind(site: &Path) -> Vec<String> {
    let pages: Vec<String> = html_files(site).into_keys().collect();
    let mut chosen: Vec<String> =
        ["index.html", "topics/index.html", "search/index.html", "404.html", "data/index.html"]
            .iter()
            .map(|p| p.to_string())
            .collect();
    // A resolution with a sub-paragraph, so that every kind of paragraph page is checked.
    let data = common::paragraphs_json(site);
    let entries = data["paragraphs"].as_array().unwrap();
    let sub = entries.iter().find(|p| p["kind"] == "subparagraph").expect("a sub-paragraph in the fixture");
    let symbol = sub["resolution"].as_str().unwrap();
    let of_kind = |kind: &str| {
        entries
            .iter()
            .find(|p| p["resolution"] == symbol && p["kind"] == kind)
            .map(|p| p["page"].as_str().unwrap().to_string())
    };
    chosen.push(format!("{symbol}/index.html"));
    chosen.push(format!("{symbol}/changes/index.html"));
    chosen.extend(["preambular", "operative", "subparagraph"].into_iter().filter_map(of_kind));
    chosen.extend(pages.iter().find(|p| p.starts_with("topics/") && *p != "topics/index.html").cloned());
    for page in &chosen {
        assert!(site.join(page).is_file(), "{page} exists");
    }
    chosen
}

fn errors(jar: &Path, site: &Path, pages: &[String]) -> Vec<String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(pages)
        .current_dir(site)
        .output()
        .expect("java runs");
    // vnu writes its JSON report to stderr.
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu gave no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            format!(
                "{}:{}: {} [{}]",
                m["url"].as_str().unwrap_or("").rsplit_once(site.to_str().unwrap()).map_or("", |(_, p)| p),
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn every_kind_of_page_has_zero_nu_html_checker_errors_minified_and_not() {
    let Some(jar) = vnu_jar() else { return };
    for minify in [true, false] {
        let (_tmp, site) = build(minify);
        let pages = one_page_per_kind(&site);
        assert!(pages.len() >= 10, "{pages:?}");
        let errors = errors(&jar, &site, &pages);
        assert!(errors.is_empty(), "minify={minify}: {} errors:\n{}", errors.len(), errors.join("\n"));
    }
}

#[test]
fn the_checker_does_report_errors_so_a_clean_run_means_something() {
    let Some(jar) = vnu_jar() else { return };
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.html"),
        "<!DOCTYPE html><html lang=en><head></head><body><p><div></p></body></html>",
    )
    .unwrap();
    let errors = errors(&jar, tmp.path(), &["bad.html".to_string()]);
    assert!(errors.iter().any(|e| e.contains("title")), "{errors:?}");
}
