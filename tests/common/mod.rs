//! Helpers shared by the integration tests: build a fixture site into a temporary folder and
//! check every link of the result the way a browser opening the files from disk would.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build the project at `root` into a fresh temporary folder.
pub fn build(root: &Path, base_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let config = agreed::config::Config::load(root, Some(&out), base_url).unwrap();
    agreed::build(&config).unwrap_or_else(|e| panic!("build of {} failed: {e:#}", root.display()));
    (tmp, out)
}

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s(?:href|src|data-href)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).unwrap());
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).unwrap());

fn captures(re: &Regex, html: &str) -> Vec<String> {
    re.captures_iter(html)
        .map(|c| c.get(1).or(c.get(2)).or(c.get(3)).map(|m| m.as_str()).unwrap_or("").replace("&amp;", "&"))
        .collect()
}

/// The `id`s of a page.
pub fn ids(html: &str) -> BTreeSet<String> {
    captures(&ID, html).into_iter().collect()
}

/// HTML with the quotes dropped around attribute values that need none (`href="x"` → `href=x`),
/// so tests read the same whether or not pages went through the minifier.
pub fn normalized(html: &str) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"="([^"\s'=<>`]+)""#).unwrap());
    QUOTED.replace_all(html, "=$1").into_owned()
}

/// A page of a built site, [`normalized`].
pub fn page(site: &Path, rel: &str) -> String {
    normalized(&std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

/// Every HTML file of a site, by path relative to the site root.
pub fn html_files(site: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
            (rel, normalized(&std::fs::read_to_string(e.path()).unwrap()))
        })
        .collect()
}

/// Check every internal link and `#anchor` of every page; return the problems found.
/// `404.html` is exempt from the relative-link rule: GitHub Pages serves it at any path.
pub fn broken_links(site: &Path) -> Vec<String> {
    let pages = html_files(site);
    let ids: HashMap<&str, BTreeSet<String>> =
        pages.iter().map(|(p, html)| (p.as_str(), captures(&ID, html).into_iter().collect())).collect();
    let mut problems = Vec::new();
    for (page, html) in &pages {
        if page == "404.html" {
            continue;
        }
        for link in captures(&LINK, html) {
            if let Some(problem) = check_link(site, page, &link, &ids) {
                problems.push(format!("{page}: {link}: {problem}"));
            }
        }
    }
    problems
}

fn check_link(site: &Path, page: &str, link: &str, ids: &HashMap<&str, BTreeSet<String>>) -> Option<String> {
    if ["http://", "https://", "mailto:", "data:"].iter().any(|s| link.starts_with(s)) {
        return None;
    }
    if link.starts_with('/') {
        return Some("absolute path: breaks file:// and sub-path hosting".into());
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() { page.to_string() } else { resolve(page, path)? };
    if !path.is_empty() && (path.ends_with('/') || site.join(&target).is_dir()) {
        return Some("bare folder: file:// shows a directory listing".into());
    }
    if !site.join(&target).is_file() {
        return Some(format!("missing file {target}"));
    }
    match fragment {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let found = ids.get(target.as_str()).is_some_and(|set| set.contains(f));
            (!found).then(|| format!("no id {f:?} in {target}"))
        }
        _ => None,
    }
}

/// Resolve `link` relative to the folder of `page`; `None` (reported as broken) if it climbs
/// above the site root.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// HTML with a line break before each block element, so snapshot diffs read line by line.
pub fn readable_html(html: &str) -> String {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<(?:div|p|section|h[1-6]|li|ol|ul|nav|header|footer|article|main|form|table|tr|head|body|meta|link|script|title)[\s>]").unwrap()
    });
    BLOCK.replace_all(html, |c: &regex::Captures| format!("\n{}", &c[0])).into_owned()
}

/// Paragraph entries of `data/paragraphs.json`.
pub fn paragraphs_json(site: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(site.join("data/paragraphs.json")).unwrap()).unwrap()
}

/// Browser tests: whether Chromium and Node are here. Without them the test is skipped with a
/// message, unless `AGREED_REQUIRE_BROWSER` is set (as `.ci/run` sets), which makes it fail.
pub fn browser_available() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ok = Path::new(&chromium).exists() && std::process::Command::new("node").arg("--version").output().is_ok();
    if !ok {
        assert!(
            std::env::var("AGREED_REQUIRE_BROWSER").is_err(),
            "browser tests need Chromium (apt-get install chromium) and Node.js"
        );
        eprintln!("SKIPPED: browser tests need Chromium (apt-get install chromium) and Node.js");
    }
    ok
}

/// Run `node tests/browser/<script> args…` (installing its npm dependencies when missing);
/// fail with its output.
pub fn run_browser_script(script: &str, args: &[&str]) -> String {
    let dir = repo().join("tests/browser");
    if !dir.join("node_modules/playwright-core").exists() || !dir.join("node_modules/axe-core").exists() {
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci in {} failed", dir.display());
    }
    let out = std::process::Command::new("node").arg(script).args(args).current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
    stdout
}

/// Where a browser test saves its screenshots: `target/screenshots/<name>/`.
pub fn screenshot_dir(name: &str) -> String {
    repo().join("target/screenshots").join(name).to_string_lossy().into_owned()
}
