//! The exported files read back and checked against the built site: `data/lineages.json`,
//! `data/paragraphs.csv` (parsed by an RFC 4180 parser written here, independent of the
//! writer), the Akoma Ntoso files (validated against the vendored OASIS schema with `xmllint`
//! and parsed back with Python's `xml.etree`), `atom.xml` and `sitemap.xml` (parsed with
//! `xml.etree` and checked against RFC 4287 and sitemaps.org).
//!
//! `xmllint` (Debian `libxml2-utils`) and `python3` are needed for the XML checks; without them
//! those tests are skipped with a message, unless `AGREED_REQUIRE_VALIDATORS=1` (as `.ci/run`
//! sets), which makes a missing tool a failure.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build, html_files, paragraphs_json, repo};
use serde_json::Value;

fn basic() -> PathBuf {
    repo().join("tests/fixtures/sites/basic")
}

fn tool_available(program: &str, arg: &str) -> bool {
    let ok = Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("AGREED_REQUIRE_VALIDATORS").is_err(),
            "{program} is needed (apt-get install libxml2-utils python3)"
        );
        eprintln!("SKIPPED: {program} is needed (apt-get install libxml2-utils python3)");
    }
    ok
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Run a Python script with arguments; its stdout is JSON.
fn python_json(script: &str, args: &[&Path]) -> Value {
    let out = Command::new("python3").arg("-c").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

// ---------------------------------------------------------------------------------------------
// lineages.json

#[test]
fn lineages_json_holds_every_paragraph_version_exactly_once() {
    let (_tmp, site) = build(&basic(), None);
    let paragraphs = paragraphs_json(&site);
    let lineages = read_json(&site.join("data/lineages.json"));
    assert_eq!(lineages["version"], 2);
    let mut seen = BTreeMap::new();
    for lineage in lineages["lineages"].as_array().unwrap() {
        let versions = lineage["versions"].as_array().unwrap();
        assert!(!versions.is_empty(), "a lineage has at least one version");
        assert_eq!(versions[0]["change"], "new", "the first version of a lineage is new");
        for pair in versions.windows(2) {
            assert!(pair[0]["date"].as_str() <= pair[1]["date"].as_str(), "versions are oldest first");
            assert_eq!(pair[1]["previous"]["resolution"], pair[0]["resolution"], "each version follows the one before");
            assert_eq!(pair[1]["previous"]["anchor"], pair[0]["anchor"]);
        }
        for v in versions {
            // A version names its paragraph; what paragraphs.json holds is not repeated.
            for repeated in ["text", "url", "page"] {
                assert!(v.get(repeated).is_none(), "{repeated} is left to paragraphs.json");
            }
            let key = (v["resolution"].as_str().unwrap().to_string(), v["anchor"].as_str().unwrap().to_string());
            assert!(seen.insert(key, (lineage["id"].clone(), v.clone())).is_none(), "a version is listed once");
        }
    }
    let entries = paragraphs["paragraphs"].as_array().unwrap();
    assert_eq!(seen.len(), entries.len(), "every paragraph is a version of some lineage");
    for p in entries {
        let key = (p["resolution"].as_str().unwrap().to_string(), p["anchor"].as_str().unwrap().to_string());
        let (id, v) = &seen[&key];
        assert_eq!(&p["lineage"], id, "{key:?}: same lineage id as paragraphs.json");
        assert_eq!(p["kind"], v["kind"]);
        match p["previous"].as_object() {
            None => assert_eq!(v["change"], "new"),
            Some(prev) => {
                assert_eq!(v["change"], prev["change"]);
                assert_eq!(v["previous"]["resolution"], prev["resolution"]);
                assert_eq!(v["previous"]["anchor"], prev["anchor"]);
            }
        }
        assert!(site.join(p["page"].as_str().unwrap()).is_file(), "{key:?}: its page exists");
    }
}

// ---------------------------------------------------------------------------------------------
// paragraphs.csv

/// An RFC 4180 parser: records end with CRLF; a field is quoted when it starts with `"`, inside
/// which `""` is a quote and commas and line breaks are data. Anything else is an error.
fn parse_rfc4180(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("unterminated quoted field".into()),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                match c {
                    ',' | '\r' => break,
                    '"' => return Err(format!("quote inside an unquoted field after {field:?}")),
                    '\n' => return Err("bare LF: records must end with CRLF".into()),
                    c => {
                        field.push(c);
                        chars.next();
                    }
                }
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                if chars.next() != Some('\n') {
                    return Err("CR without LF".into());
                }
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return Ok(records);
                }
            }
            None => return Err("the last record does not end with CRLF".into()),
            Some(c) => return Err(format!("unexpected {c:?} after a quoted field")),
        }
    }
}

#[test]
fn the_rfc_4180_parser_of_these_tests_reads_quotes_commas_and_line_breaks() {
    let rows = parse_rfc4180("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\r\n").unwrap();
    assert_eq!(rows, vec![vec!["a", "b,c", "say \"hi\""], vec!["two\r\nlines", "", "x"]]);
    assert!(parse_rfc4180("a,b\n").is_err());
    assert!(parse_rfc4180("a,\"b\r\n").is_err());
}

#[test]
fn paragraphs_csv_has_one_row_per_paragraph_with_the_json_values() {
    let (_tmp, site) = build(&basic(), None);
    let bytes = std::fs::read(site.join("data/paragraphs.csv")).unwrap();
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no byte-order mark");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let rows = parse_rfc4180(&text).unwrap();
    let header = &rows[0];
    assert_eq!(header[..4], ["resolution", "series", "date", "anchor"]);
    assert!(rows.iter().all(|r| r.len() == header.len()), "every row has every column");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let paragraphs = paragraphs_json(&site);
    let resolutions: BTreeMap<&str, &Value> =
        paragraphs["resolutions"].as_array().unwrap().iter().map(|r| (r["symbol"].as_str().unwrap(), r)).collect();
    let entries = paragraphs["paragraphs"].as_array().unwrap();
    assert_eq!(rows.len() - 1, entries.len(), "one row per paragraph version");
    let text_or_empty = |v: &Value| v.as_str().unwrap_or("").to_string();
    for (row, p) in rows[1..].iter().zip(entries) {
        let r = resolutions[p["resolution"].as_str().unwrap()];
        assert_eq!(row[col("resolution")], text_or_empty(&p["resolution"]));
        assert_eq!(row[col("series")], text_or_empty(&r["series"]));
        assert_eq!(row[col("date")], text_or_empty(&r["date"]));
        for field in ["anchor", "number", "kind", "parent", "section", "text", "lineage", "status", "url", "page"] {
            assert_eq!(row[col(field)], text_or_empty(&p[field]), "{field} of {}", p["url"]);
        }
        let labels: Vec<String> =
            p["footnotes"].as_array().unwrap().iter().map(|f| text_or_empty(&f["label"])).collect();
        assert_eq!(row[col("footnotes")], labels.join(";"));
        let topics: Vec<String> = p["topics"].as_array().unwrap().iter().map(text_or_empty).collect();
        assert_eq!(row[col("topics")], topics.join(";"));
        assert_eq!(row[col("previous_resolution")], text_or_empty(&p["previous"]["resolution"]));
        assert_eq!(row[col("previous_anchor")], text_or_empty(&p["previous"]["anchor"]));
        assert_eq!(row[col("previous_change")], text_or_empty(&p["previous"]["change"]));
        // `moved` is left out of the JSON when false.
        assert_eq!(row[col("moved")], p["moved"].as_bool().unwrap_or(false).to_string());
    }
    // Python's csv module, a reader written by others, sees the same rows.
    if tool_available("python3", "--version") {
        let script = "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))))";
        let python: Vec<Vec<String>> =
            serde_json::from_value(python_json(script, &[&site.join("data/paragraphs.csv")])).unwrap();
        assert_eq!(python, rows, "Python's csv module reads the same rows");
    }
    // The fixture's raw HTML paragraph survives the round trip.
    let hostile = rows.iter().find(|r| r[col("text")].contains("<script>")).expect("the fixture's raw HTML paragraph");
    assert!(hostile[col("text")].contains("alert(\"x\")"), "quotes survive quoting");
}

// ---------------------------------------------------------------------------------------------
// Akoma Ntoso

/// Per AKN file: the text of each element with an eId of a paragraph, without its notes.
const AKN_TEXTS: &str = r#"
import json, sys
import xml.etree.ElementTree as ET
NS = '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}'
def text(el):
    out = [el.text or '']
    for child in el:
        if child.tag != NS + 'authorialNote':
            out.append(text(child))
        out.append(child.tail or '')
    return ''.join(out)
result = {}
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    doc = root[0]
    frbr = {}
    for part in ('FRBRWork', 'FRBRExpression', 'FRBRManifestation'):
        el = doc.find(f'{NS}meta/{NS}identification/{NS}{part}/{NS}FRBRthis')
        frbr[part] = el.get('value')
    paras = {}
    for el in doc.iter():
        eid = el.get('eId')
        tag = el.tag.replace(NS, '')
        if tag in ('recital', 'paragraph', 'subparagraph'):
            body = el if tag == 'recital' else el.find(NS + 'content')
            if body is None:
                body = el.find(NS + 'intro')
            p = body.find(NS + 'p')
            notes = [''.join(n.itertext()) for n in p.iter(NS + 'authorialNote')]
            paras[eid] = {'tag': tag, 'text': text(p), 'notes': notes}
    result[path] = {'root': root.tag, 'type': doc.tag.replace(NS, ''), 'frbr': frbr, 'paras': paras}
print(json.dumps(result))
"#;

/// The eId the AKN file gives a paragraph of paragraphs.json.
fn eid(p: &Value) -> String {
    let anchor = p["anchor"].as_str().unwrap();
    match p["kind"].as_str().unwrap() {
        "preambular" => format!("preamble__recital_{}", p["number"].as_str().unwrap()),
        "subparagraph" => format!("para_{}__subpara_{}", p["parent"].as_str().unwrap(), p["number"].as_str().unwrap()),
        _ => format!("para_{anchor}"),
    }
}

fn validate_against_the_akn_schema(files: &[PathBuf]) {
    let schema = repo().join("tests/fixtures/akn/akomantoso30.xsd");
    let out = Command::new("xmllint").arg("--noout").arg("--schema").arg(&schema).args(files).output().unwrap();
    assert!(
        out.status.success(),
        "Akoma Ntoso files are not valid against {}:\n{}",
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn akn_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(site.join("data/akn")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn akoma_ntoso_files_are_valid_and_hold_every_paragraph_with_its_text() {
    if !tool_available("xmllint", "--version") || !tool_available("python3", "--version") {
        return;
    }
    let (_tmp, site) = build(&basic(), None);
    let files = akn_files(&site);
    assert_eq!(files.len(), 2, "one file per resolution");
    validate_against_the_akn_schema(&files);
    let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let parsed = python_json(AKN_TEXTS, &args);
    let paragraphs = paragraphs_json(&site);
    for r in paragraphs["resolutions"].as_array().unwrap() {
        let symbol = r["symbol"].as_str().unwrap();
        let slug = symbol.replace('/', "-");
        let file = site.join(format!("data/akn/{slug}.xml"));
        let doc = &parsed[file.to_str().unwrap()];
        assert_eq!(doc["root"], "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}akomaNtoso");
        assert_eq!(doc["type"], "statement");
        let work = format!("/akn/un/statement/deliberation/ecosoc/{}/{slug}", r["date"].as_str().unwrap());
        assert_eq!(doc["frbr"]["FRBRWork"], format!("{work}/!main"));
        assert_eq!(doc["frbr"]["FRBRExpression"], format!("{work}/eng@/!main"));
        assert_eq!(doc["frbr"]["FRBRManifestation"], format!("{work}/eng@/!main.xml"));
        let entries: Vec<&Value> =
            paragraphs["paragraphs"].as_array().unwrap().iter().filter(|p| p["resolution"] == symbol).collect();
        let paras = doc["paras"].as_object().unwrap();
        assert_eq!(paras.len(), entries.len(), "{symbol}: every paragraph, nothing else");
        for p in entries {
            let e = &paras[&eid(p)];
            assert_eq!(e["text"], p["text"], "{symbol} {}: same text", p["anchor"]);
            let notes: Vec<&Value> = p["footnotes"].as_array().unwrap().iter().map(|f| &f["text"]).collect();
            let akn_notes: Vec<&Value> = e["notes"].as_array().unwrap().iter().collect();
            assert_eq!(akn_notes, notes, "{symbol} {}: footnotes as authorial notes", p["anchor"]);
        }
    }
}

/// A content file whose text holds everything XML must escape, and characters XML 1.0 cannot
/// carry at all.
fn hostile_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content/resolutions");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "+++\nsymbol = \"E/RES/2040/7\"\nseries = \"odd & <series>\"\ntitle = \"Quotes \\\" ' & <tags> ]]> in a title\"\n\
        date = 2040-01-02\nbody = \"Economic and Social Council\"\nformula = \"The Council & <friends>,\"\n+++\n\n\
        *Recalling* the <b>bold</b> & \"quoted\" 'text' ]]> with a bell \u{7} here,[^1]\n\n\
        ## Section & <heading>\n\n### Sub-section \"one\"\n\n\
        1. *Decides* that a < b > c & d;\n\n2. *Lists*:\n\n    (a) One & two;\n\n    (b) <three>;\n\n\
        ## An empty section\n\n[^1]: A note with <markup> & \"quotes\".\n";
    std::fs::write(dir.join("E-RES-2040-7.md"), text).unwrap();
    tmp
}

#[test]
fn any_text_gives_valid_xml_in_akoma_ntoso_atom_and_sitemap() {
    if !tool_available("xmllint", "--version") {
        return;
    }
    let project = hostile_site();
    let (_tmp, site) = build(project.path(), Some("https://example.org/a&b/"));
    let files = akn_files(&site);
    validate_against_the_akn_schema(&files);
    let akn = std::fs::read_to_string(&files[0]).unwrap();
    assert!(akn.contains("a &lt; b &gt; c &amp; d;"), "text is escaped, not dropped");
    assert!(akn.contains("<section eId=\"sec_1\"><heading>Section &amp; &lt;heading&gt;</heading>"));
    assert!(akn.contains("<section eId=\"sec_2\"><heading>Sub-section &quot;one&quot;</heading>"), "nested section");
    for file in ["atom.xml", "sitemap.xml"] {
        let out = Command::new("xmllint").arg("--noout").arg(site.join(file)).output().unwrap();
        assert!(out.status.success(), "{file} is not well-formed: {}", String::from_utf8_lossy(&out.stderr));
    }
}

// ---------------------------------------------------------------------------------------------
// atom.xml and sitemap.xml

/// atom.xml parsed with xml.etree and checked against the "MUST"s of RFC 4287.
const ATOM: &str = r#"
import json, re, sys
import xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
feed = ET.parse(sys.argv[1]).getroot()
assert feed.tag == A + 'feed', feed.tag
DATE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')
def one(el, name):
    found = el.findall(A + name)
    assert len(found) == 1, f'{name}: expected exactly one, found {len(found)}'
    return found[0]
def iri(s):
    return re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:', s) is not None
for name in ('id', 'title', 'updated'):
    one(feed, name)
assert iri(one(feed, 'id').text)
assert DATE.match(one(feed, 'updated').text)
assert feed.findall(A + 'author'), 'a feed without entry authors needs an author'
entries = []
for e in feed.findall(A + 'entry'):
    ident = one(e, 'id').text
    assert iri(ident), ident
    updated = one(e, 'updated').text
    assert DATE.match(updated), updated
    links = {(l.get('rel', 'alternate'), l.get('type'), l.get('hreflang')): l.get('href') for l in e.findall(A + 'link')}
    assert len(links) == len(e.findall(A + 'link')), 'no two alternate links share type and hreflang'
    entries.append({'id': ident, 'title': one(e, 'title').text, 'updated': updated,
                    'links': {f'{k[0]} {k[1]}': v for k, v in links.items()},
                    'category': e.find(A + 'category').get('term'),
                    'summary': one(e, 'summary').text})
ids = [e['id'] for e in entries]
assert len(set(ids)) == len(ids), 'entry ids are unique'
print(json.dumps({'updated': one(feed, 'updated').text, 'entries': entries}))
"#;

const SITEMAP: &str = r#"
import json, sys
import xml.etree.ElementTree as ET
S = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == S + 'urlset', root.tag
urls = []
for u in root.findall(S + 'url'):
    urls.append({'loc': u.find(S + 'loc').text, 'lastmod': u.find(S + 'lastmod').text})
print(json.dumps(urls))
"#;

#[test]
fn atom_feed_is_valid_atom_with_one_entry_per_resolution_linking_its_changes() {
    if !tool_available("python3", "--version") {
        return;
    }
    let base = "https://example.org/agreed/";
    let (_tmp, site) = build(&basic(), Some(base));
    let feed = python_json(ATOM, &[&site.join("atom.xml")]);
    let paragraphs = paragraphs_json(&site);
    let resolutions = paragraphs["resolutions"].as_array().unwrap();
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), resolutions.len());
    let newest = resolutions.iter().map(|r| r["date"].as_str().unwrap()).max().unwrap();
    assert_eq!(feed["updated"], format!("{newest}T00:00:00Z"), "updated is the newest adoption date");
    for r in resolutions {
        let symbol = r["symbol"].as_str().unwrap();
        let e = entries.iter().find(|e| e["title"].as_str().unwrap().starts_with(symbol)).expect("an entry");
        assert_eq!(e["id"], format!("tag:agreed,{}:{symbol}", r["date"].as_str().unwrap()));
        assert_eq!(e["updated"], format!("{}T00:00:00Z", r["date"].as_str().unwrap()));
        assert_eq!(e["category"], r["series"]);
        let path = symbol.replace('/', "-");
        assert_eq!(e["links"]["alternate application/akn+xml"], format!("{base}data/akn/{path}.xml"));
        let html = e["links"]["alternate text/html"].as_str().unwrap();
        let expected =
            if r["previous"].is_null() { format!("{base}{symbol}/") } else { format!("{base}{symbol}/changes/") };
        assert_eq!(html, expected);
        let local = html.strip_prefix(base).unwrap();
        assert!(site.join(local).join("index.html").is_file(), "{html} is a page of the site");
        assert!(e["summary"].as_str().unwrap().contains("paragraphs"));
    }
    // Entries are newest first.
    let dates: Vec<&str> = entries.iter().map(|e| e["updated"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn builds_are_byte_identical_so_feeds_never_carry_the_build_time() {
    let (_a, one) = build(&basic(), Some("https://example.org/"));
    let (_b, two) = build(&basic(), Some("https://example.org/"));
    for file in ["atom.xml", "sitemap.xml", "robots.txt", "data/lineages.json", "data/paragraphs.csv"] {
        assert_eq!(std::fs::read(one.join(file)).unwrap(), std::fs::read(two.join(file)).unwrap(), "{file}");
    }
    for f in akn_files(&one) {
        let rel = f.strip_prefix(&one).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), std::fs::read(two.join(rel)).unwrap(), "{}", rel.display());
    }
}

#[test]
fn sitemap_lists_every_page_by_its_canonical_url_and_robots_points_to_it() {
    if !tool_available("python3", "--version") {
        return;
    }
    let base = "https://example.org/agreed/";
    let (_tmp, site) = build(&basic(), Some(base));
    let urls = python_json(SITEMAP, &[&site.join("sitemap.xml")]);
    let locs: BTreeSet<String> =
        urls.as_array().unwrap().iter().map(|u| u["loc"].as_str().unwrap().to_string()).collect();
    let pages: BTreeSet<String> = html_files(&site)
        .into_keys()
        .filter(|p| p != "404.html")
        .map(|p| format!("{base}{}", p.strip_suffix("index.html").unwrap_or(&p)))
        .collect();
    assert_eq!(locs, pages, "every page but 404.html, in pretty form");
    assert!(urls.as_array().unwrap().iter().all(|u| u["lastmod"].as_str().unwrap().len() == 10));
    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.lines().any(|l| l == format!("Sitemap: {base}sitemap.xml")), "{robots}");
}

#[test]
fn without_a_base_url_there_is_no_sitemap_nor_robots_but_a_feed() {
    let (_tmp, site) = build(&basic(), None);
    assert!(!site.join("sitemap.xml").exists());
    assert!(!site.join("robots.txt").exists());
    let atom = std::fs::read_to_string(site.join("atom.xml")).unwrap();
    assert!(atom.contains("href=\"E/RES/2031/2/index.html\""), "links relative to the feed");
}

// ---------------------------------------------------------------------------------------------
// Alternates and the data page

#[test]
fn pages_link_their_machine_readable_alternates_and_the_data_page_documents_every_file() {
    let (_tmp, site) = build(&basic(), None);
    let pages = html_files(&site);
    // Paragraph pages, most of a site, keep their head lean: the feed is linked from the others.
    for (path, html) in pages.iter().filter(|(_, html)| !html.contains("class=paragraph-page")) {
        assert!(
            html.contains("type=application/atom+xml") || html.contains("type=\"application/atom+xml\""),
            "{path}: feed"
        );
    }
    let res = &pages["E/RES/2031/2/index.html"];
    assert!(res.contains("href=../../../../data/akn/E-RES-2031-2.xml"), "resolution → its AKN file");
    assert!(res.contains("type=application/json") && res.contains("href=../../../../data/paragraphs.json"));
    let data = &pages["data/index.html"];
    for file in ["paragraphs.json", "lineages.json", "paragraphs.csv", "atom.xml", "sitemap.xml", "robots.txt"] {
        assert!(data.contains(file), "data page documents {file}");
    }
    assert!(data.contains("href=akn/E-RES-2031-2.xml"), "data page links every AKN file");
    for column in agreed_csv_columns() {
        assert!(data.contains(&format!("<code>{column}</code>")), "data page names column {column}");
    }
    assert!(pages["index.html"].contains("href=data/index.html"), "the footer links the data page");
}

#[test]
fn a_site_may_leave_out_the_csv_and_akoma_ntoso_exports() {
    let project = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(basic()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(basic()).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(project.path().join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), project.path().join(rel)).unwrap();
        }
    }
    let toml = project.path().join("agreed.toml");
    let before = std::fs::read_to_string(&toml).unwrap_or_default();
    std::fs::write(&toml, format!("{before}\n[data]\ncsv = false\nakn = false\n")).unwrap();
    let (_tmp, site) = build(project.path(), None);
    assert!(!site.join("data/paragraphs.csv").exists() && !site.join("data/akn").exists());
    assert!(site.join("data/paragraphs.json").is_file() && site.join("data/lineages.json").is_file());
    assert_eq!(common::broken_links(&site), Vec::<String>::new(), "nothing links the files left out");
    let data = common::page(&site, "data/index.html");
    assert!(data.contains("built without <code>data/paragraphs.csv</code> and the Akoma Ntoso files"), "{data}");
    assert!(!std::fs::read_to_string(site.join("atom.xml")).unwrap().contains("akn"), "the feed links no AKN file");
    let (_tmp, full) = build(&basic(), None);
    assert!(
        full.join("data/paragraphs.csv").is_file() && full.join("data/akn/E-RES-2031-2.xml").is_file(),
        "on by default"
    );
}

fn agreed_csv_columns() -> Vec<String> {
    let (_tmp, site) = build(&basic(), None);
    let text = std::fs::read_to_string(site.join("data/paragraphs.csv")).unwrap();
    parse_rfc4180(&text).unwrap().remove(0)
}

#[test]
fn csv_and_json_carry_quotes_commas_and_markup_unchanged() {
    let project = hostile_site();
    let (_tmp, site) = build(project.path(), None);
    let rows = parse_rfc4180(&std::fs::read_to_string(site.join("data/paragraphs.csv")).unwrap()).unwrap();
    let text_col = rows[0].iter().position(|c| c == "text").unwrap();
    let paragraphs = paragraphs_json(&site);
    let texts: Vec<&str> =
        paragraphs["paragraphs"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    let csv_texts: Vec<&str> = rows[1..].iter().map(|r| r[text_col].as_str()).collect();
    assert_eq!(csv_texts, texts);
    assert!(texts[0].contains("<b>bold</b> & \"quoted\" 'text' ]]>"), "{:?}", texts[0]);
}

#[test]
fn each_series_has_its_own_valid_feed_whose_relative_links_resolve() {
    if !tool_available("python3", "--version") {
        return;
    }
    let (_tmp, site) = build(&basic(), None);
    let paragraphs = paragraphs_json(&site);
    let resolutions = paragraphs["resolutions"].as_array().unwrap();
    let series: BTreeSet<&str> = resolutions.iter().map(|r| r["series"].as_str().unwrap()).collect();
    for s in series {
        let path = site.join(format!("feeds/{s}.xml"));
        let feed = python_json(ATOM, &[&path]);
        let entries = feed["entries"].as_array().unwrap();
        let expected = resolutions.iter().filter(|r| r["series"] == s).count();
        assert_eq!(entries.len(), expected, "{s}: its resolutions only");
        for e in entries {
            assert_eq!(e["category"], s);
            for href in e["links"].as_object().unwrap().values() {
                let href = href.as_str().unwrap();
                assert!(href.starts_with("../"), "{href}: relative to feeds/");
                assert!(site.join("feeds").join(href).is_file(), "{href} resolves from feeds/");
            }
        }
    }
}
