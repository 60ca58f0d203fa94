//! The whole pipeline on small fixture sites: links, anchors, data, safety of builds, errors.

mod common;

use std::path::Path;

use common::{broken_links, build, html_files, paragraphs_json, readable_html, repo};

fn basic() -> std::path::PathBuf {
    repo().join("tests/fixtures/sites/basic")
}

#[test]
fn every_internal_link_and_anchor_of_the_fixture_site_resolves() {
    let (_tmp, site) = build(&basic(), None);
    let problems = broken_links(&site);
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
    let pages = html_files(&site);
    for path in [
        "index.html",
        "E/RES/2031/2/index.html",
        "E/RES/2031/2/4a/index.html",
        "E/RES/2031/2/pp3/index.html",
        "E/RES/2031/2/changes/index.html",
        "topics/index.html",
        "search/index.html",
        "404.html",
    ] {
        assert!(pages.contains_key(path), "missing page {path}");
    }
    assert!(site.join(".nojekyll").is_file());
    assert!(site.join("static/style.css").is_file());
}

#[test]
fn paragraph_anchors_follow_the_contract() {
    let (_tmp, site) = build(&basic(), None);
    let html = common::page(&site, "E/RES/2031/2/index.html");
    let ids = common::ids(&html);
    for id in ["pp1", "pp3", "1", "4", "4a", "4b", "5", "fn1"] {
        assert!(ids.contains(id), "no id {id}");
    }
}

#[test]
fn paragraphs_json_has_the_contract_fields() {
    let (_tmp, site) = build(&basic(), None);
    let data = paragraphs_json(&site);
    assert_eq!(data["version"], 1);
    let r = &data["resolutions"][1];
    assert_eq!(r["symbol"], "E/RES/2031/2");
    assert_eq!(r["series"], "demo");
    assert_eq!(r["date"], "2031-07-21");
    assert_eq!(r["url"], "E/RES/2031/2/index.html");
    let paras = data["paragraphs"].as_array().unwrap();
    assert_eq!(paras.len(), 17);
    let sub = paras.iter().find(|p| p["resolution"] == "E/RES/2031/2" && p["anchor"] == "4a").unwrap();
    assert_eq!(sub["kind"], "subparagraph");
    assert_eq!(sub["parent"], "4");
    assert_eq!(sub["section"], "Taking stock");
    assert_eq!(sub["text"], "In Geneva;");
    assert_eq!(sub["url"], "E/RES/2031/2/index.html#4a");
    assert_eq!(sub["page"], "E/RES/2031/2/4a/index.html");
    let pp1 = &paras[0];
    assert_eq!(pp1["kind"], "preambular");
    assert_eq!(pp1["section"], serde_json::Value::Null);
    assert_eq!(pp1["text"], "Recalling its resolution 2006/46 of 28 July 2006,");
    for field in [
        "resolution",
        "anchor",
        "kind",
        "parent",
        "section",
        "text",
        "footnotes",
        "topics",
        "lineage",
        "previous",
        "url",
        "page",
    ] {
        assert!(paras.iter().all(|p| p.get(field).is_some()), "field {field} missing");
    }
}

#[test]
fn text_from_the_content_is_escaped_never_run() {
    let (_tmp, site) = build(&basic(), None);
    // Inside a quoted attribute value `<` is text, so look at the markup outside them.
    let values = regex::Regex::new(r#"=(?:"[^"]*"|'[^']*')"#).unwrap();
    for (path, html) in html_files(&site) {
        let markup = values.replace_all(&html, "=\"\"");
        assert!(!markup.contains("<script>alert"), "{path} runs a script from the content");
    }
    let html = common::page(&site, "E/RES/2031/2/2/index.html");
    assert!(html.contains("&lt;script>alert") || html.contains("&lt;script&gt;alert"), "the text is shown");
}

/// Titles, section headings, symbols and the site title reach many pages (as text, in
/// attributes, in link labels to other versions): all of them escaped.
#[test]
fn names_and_titles_from_the_content_are_escaped_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    copy_dir(&basic(), &root);
    let hostile = |what: &str| format!("{what} <script>alert(\"{what}\")</script> & \"quoted\"");
    for file in ["E-RES-2030-1.md", "E-RES-2031-2.md"] {
        let path = root.join("content/resolutions").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .replace("title = \"", &format!("title = \"{} ", hostile("title").replace('"', "\\\"")))
            .replace("## Taking stock", &format!("## Taking stock {}", hostile("section")));
        std::fs::write(&path, text).unwrap();
    }
    std::fs::write(root.join("agreed.toml"), format!("title = '{}'\n", hostile("site"))).unwrap();
    let (_out, site) = build(&root, Some("https://example.org/a?b=1&c=<2>"));
    let values = regex::Regex::new(r#"=(?:"[^"]*"|'[^']*')"#).unwrap();
    let mut checked = 0;
    for (path, html) in html_files(&site) {
        let markup = values.replace_all(&html, "=\"\"");
        assert!(!markup.contains("<script>alert"), "{path} runs a script from the content");
        checked += 1;
    }
    assert!(checked > 20);
    let page = common::page(&site, "E/RES/2031/2/4a/index.html");
    for what in ["title", "section", "site"] {
        assert!(page.contains(&format!("{what} &lt;script")), "the {what} is shown as text on a paragraph page");
    }
}

#[test]
fn canonical_and_copy_urls_come_from_base_url() {
    let (_tmp, site) = build(&basic(), Some("https://example.org/agreed"));
    let html = common::page(&site, "E/RES/2031/2/index.html");
    assert!(
        html.contains("href=https://example.org/agreed/E/RES/2031/2/ rel=canonical")
            || html.contains("rel=canonical href=https://example.org/agreed/E/RES/2031/2/"),
        "canonical link"
    );
    assert!(html.contains("data-url=https://example.org/agreed/E/RES/2031/2/#5"), "copy URL of paragraph 5");
    let page = common::page(&site, "E/RES/2031/2/5/index.html");
    assert!(page.contains("https://example.org/agreed/E/RES/2031/2/5/"));
    assert!(page.contains("og:title"));
    let not_found = common::page(&site, "404.html");
    assert!(not_found.contains("href=https://example.org/agreed/static/style.css"));
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let (_a, first) = build(&basic(), None);
    let (_b, second) = build(&basic(), None);
    let files = |site: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(site)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(site).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    assert!(files(&first) == files(&second), "builds differ");
}

#[test]
fn a_failing_build_leaves_the_previous_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&basic(), root);
    let config = agreed::config::Config::load(root, None, None).unwrap();
    agreed::build(&config).unwrap();
    let before = std::fs::read(root.join("site/E/RES/2031/2/index.html")).unwrap();
    let file = root.join("content/resolutions/E-RES-2031-2.md");
    let text = std::fs::read_to_string(&file).unwrap().replace("5. *Recalls*", "1. *Recalls*");
    std::fs::write(&file, text).unwrap();
    let err = agreed::build(&config).unwrap_err().to_string();
    assert!(err.contains("E-RES-2031-2.md:30: paragraph `1` is numbered twice (first at line 18)"), "{err}");
    assert_eq!(std::fs::read(root.join("site/E/RES/2031/2/index.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().contains("staging")), "{leftovers:?}");
}

#[test]
fn bad_content_stops_the_build_with_file_and_line() {
    let dir = repo().join("tests/fixtures/invalid");
    let mut cases = 0;
    for case in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let config = agreed::config::Config::load(&case, Some(&tmp.path().join("site")), None).unwrap();
        let err = match agreed::build(&config) {
            Ok(_) => panic!("{}: the build should fail", case.display()),
            Err(e) => format!("{e:#}"),
        };
        assert!(err.contains(expected.trim()), "{}: expected {:?} in {err:?}", case.display(), expected.trim());
        assert!(!tmp.path().join("site").exists(), "nothing is written");
        cases += 1;
    }
    assert!(cases >= 9);
}

#[test]
fn resolution_page_snapshot() {
    let (_tmp, site) = build(&basic(), None);
    let html = common::page(&site, "E/RES/2031/2/index.html");
    insta::assert_snapshot!("resolution_page", readable_html(&html));
}

#[test]
fn paragraph_page_snapshot() {
    let (_tmp, site) = build(&basic(), None);
    let html = common::page(&site, "E/RES/2031/2/3/index.html");
    insta::assert_snapshot!("paragraph_page", readable_html(&html));
}

#[test]
fn model_snapshot_of_the_fixture() {
    let corpus = agreed::content::load(&basic().join("content")).unwrap();
    let r = corpus.get("E/RES/2031/2").unwrap();
    let summary: Vec<String> = r
        .paragraphs
        .iter()
        .map(|p| {
            format!(
                "{:>4} {:<12} parent={:?} section={:?} fn={:?} | {:?}",
                p.anchor,
                p.kind.as_str(),
                p.parent,
                p.section,
                p.footnotes,
                p.inlines
            )
        })
        .collect();
    insta::assert_snapshot!("model_of_fixture", summary.join("\n"));
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_project_without_a_content_folder_is_an_error_not_an_empty_site() {
    let tmp = tempfile::tempdir().unwrap();
    let config = agreed::config::Config::load(tmp.path(), None, None).unwrap();
    let err = agreed::build(&config).unwrap_err().to_string();
    assert!(err.contains("no content folder at"), "{err}");
    assert!(!tmp.path().join("site").exists(), "nothing is written");
}

#[test]
fn each_paragraph_page_shows_its_own_change_and_only_the_newest_lists_every_version() {
    let (_tmp, site) = build(&basic(), None);
    let pages = html_files(&site);
    let paragraph_pages: Vec<(&String, &String)> =
        pages.iter().filter(|(_, html)| html.contains("class=paragraph-page")).collect();
    assert!(!paragraph_pages.is_empty());
    for (path, html) in &paragraph_pages {
        assert!(html.contains("class=change>"), "{path}: its own change");
        assert!(!html.contains("class=versionnav></p>"), "{path}: no empty version links");
    }
    // Paragraph 2 of the older resolution continues as paragraph 3 of the newer one: the older
    // page links forward and to the full history, which only the newest page holds.
    let old = &pages["E/RES/2030/1/2/index.html"];
    assert!(old.contains("href=../../../2031/2/3/index.html rel=next"), "{old}");
    assert!(old.contains("href=../../../2031/2/3/index.html#versions>all 2 versions</a>"), "{old}");
    assert!(!old.contains("id=versions"), "the history list is not repeated on older versions");
    let newest = &pages["E/RES/2031/2/3/index.html"];
    assert!(newest.contains("id=versions") && newest.contains("<ins>including through education;</ins>"));
    // The list starts from the first version's words, which differ from the newest's here...
    assert!(newest.contains("class=vtext>Encourages all stakeholders to bridge the gender digital divide;</p>"));
    // ...but an unchanged paragraph's page shows its text once.
    let unchanged = &pages["E/RES/2031/2/1/index.html"];
    assert!(unchanged.contains("id=versions"), "{unchanged}");
    assert!(!unchanged.contains("class=vtext"), "the first version's words are the ones at the top: {unchanged}");
    assert_eq!(unchanged.matches("the report of the Secretary-General").count(), 2, "text and og:description");
}
