//! The site built from the repository's own content (the seed resolutions): the counts the
//! pipeline issue fixes, every link and anchor, and the contract paths.

mod common;

use common::{broken_links, build, paragraphs_json, repo};

#[test]
fn the_seed_site_has_the_printed_paragraph_counts() {
    let (_tmp, site) = build(&repo(), None);
    let data = paragraphs_json(&site);
    let paras = data["paragraphs"].as_array().unwrap();
    let count =
        |symbol: &str, kind: &str| paras.iter().filter(|p| p["resolution"] == symbol && p["kind"] == kind).count();
    assert_eq!(
        (
            count("E/RES/2023/3", "preambular"),
            count("E/RES/2023/3", "operative"),
            count("E/RES/2023/3", "subparagraph")
        ),
        (10, 110, 4)
    );
    assert_eq!(
        (
            count("E/RES/2025/18", "preambular"),
            count("E/RES/2025/18", "operative"),
            count("E/RES/2025/18", "subparagraph")
        ),
        (10, 138, 4)
    );
    let subs: Vec<_> =
        paras.iter().filter(|p| p["kind"] == "subparagraph").map(|p| p["anchor"].as_str().unwrap()).collect();
    assert_eq!(subs, ["100a", "100b", "100c", "100d", "116a", "116b", "116c", "116d"]);
    assert!(paras
        .iter()
        .filter(|p| p["kind"] == "subparagraph")
        .all(|p| p["parent"] == p["anchor"].as_str().unwrap()[..3]));
}

#[test]
fn every_link_and_anchor_of_the_seed_site_resolves() {
    let (_tmp, site) = build(&repo(), None);
    let problems = broken_links(&site);
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems[..problems.len().min(40)].join("\n"));
    for path in [
        "E/RES/2025/18/index.html",
        "E/RES/2025/18/29/index.html",
        "E/RES/2025/18/pp3/index.html",
        "E/RES/2025/18/116a/index.html",
        "E/RES/2025/18/changes/index.html",
        "E/RES/2023/3/index.html",
        "topics/index.html",
        "topics/gender/index.html",
        "topics/ai/index.html",
        "topics/igf/index.html",
        "topics/enhanced-cooperation/index.html",
        "search/index.html",
        "data/paragraphs.json",
        "404.html",
        ".nojekyll",
    ] {
        assert!(site.join(path).is_file(), "missing {path}");
    }
    let html = common::page(&site, "E/RES/2025/18/index.html");
    let ids = common::ids(&html);
    for id in ["pp1", "pp10", "1", "29", "138", "116a", "116d", "fn5"] {
        assert!(ids.contains(id), "no id {id} on the resolution page");
    }
}

#[test]
fn paragraph_108_links_paragraph_5_above_to_its_anchor() {
    let (_tmp, site) = build(&repo(), None);
    let html = common::page(&site, "E/RES/2025/18/index.html");
    let para = html.split(" id=108>").nth(1).expect("paragraph 108");
    let para = &para[..para.find("class=tools").unwrap()];
    // A link within the page climbs no folder at all.
    assert!(para.contains("href=index.html#5>paragraph 5 above</a>"), "{para}");
}
