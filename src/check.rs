//! `agreed check`: everything a build validates, plus every link of the rendered pages, without
//! touching the site. Made for editors and pre-commit hooks: each problem is one line
//! `file:line: message`, and any problem means exit status 1.
//!
//! The pages are rendered, unminified so that line numbers mean something, into a folder under
//! the system's temporary directory that is removed afterwards; the project's `site/` is never
//! written. Links are checked the way a browser opening the files from disk follows them:
//! relative, naming a file that exists, and `#fragment`s naming an `id` of the target page.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::Result;
use rayon::prelude::*;
use regex::Regex;

use crate::config::Config;
use crate::diagnostics::{LineIndex, SourceError, SourceErrors};

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub resolutions: usize,
    pub paragraphs: usize,
    pub pages: usize,
    /// Every problem, content errors first, as `file:line: message`.
    pub problems: Vec<SourceError>,
}

/// Read the project at `root` (its `agreed.toml` too) and check it.
pub fn check_project(root: &Path) -> Result<CheckReport> {
    match Config::load(root, None, None) {
        Ok(config) => check(&config),
        Err(e) => content_errors(e).map(|problems| CheckReport { problems, ..CheckReport::default() }),
    }
}

/// Validate the content of `config` and the links of the site it would build.
pub fn check(config: &Config) -> Result<CheckReport> {
    let site = match crate::analyse(config) {
        Ok(site) => site,
        Err(e) => return content_errors(e).map(|problems| CheckReport { problems, ..CheckReport::default() }),
    };
    let scratch = Scratch::new()?;
    let mut staged = config.clone();
    staged.output_dir = scratch.0.join("site");
    staged.minify = false;
    let theme = crate::render::Theme::load(config.theme_dir.as_deref())?;
    let staging = crate::output::Staging::create(&staged.output_dir, false)?;
    let site = crate::Site { config: staged.clone(), ..site };
    crate::render::all(&site, &theme, &staging)?;
    staging.commit()?;
    let pages = html_pages(&staged.output_dir)?;
    let sources = page_sources(&site);
    let problems = broken_links(&staged.output_dir, &pages).into_iter().map(|p| blame(p, &sources)).collect();
    Ok(CheckReport {
        resolutions: site.corpus.resolutions.len(),
        paragraphs: site.corpus.paragraph_count(),
        pages: pages.len(),
        problems,
    })
}

/// The content file (and line) each page of a resolution is made from.
fn page_sources(site: &crate::Site) -> HashMap<String, (PathBuf, usize)> {
    use crate::render::urls;
    let mut map = HashMap::new();
    for r in &site.corpus.resolutions {
        map.insert(urls::resolution_page(r), (r.file.clone(), 1));
        map.insert(urls::changes_page(r), (r.file.clone(), 1));
        for p in &r.paragraphs {
            map.insert(urls::paragraph_page(r, &p.anchor), (r.file.clone(), p.line));
        }
    }
    map
}

/// Point a problem on a rendered page at the content it was made from, when there is one:
/// an editor can open that file, not the page that `check` never wrote.
fn blame(problem: SourceError, sources: &HashMap<String, (PathBuf, usize)>) -> SourceError {
    let page = problem.file.to_string_lossy().into_owned();
    match sources.get(&page) {
        Some((file, line)) => SourceError::new(file, *line, format!("on page {page}: {}", problem.message)),
        None => problem,
    }
}

/// Content errors become problems; anything else (an unreadable folder) stays an error.
fn content_errors(e: anyhow::Error) -> Result<Vec<SourceError>> {
    if let Some(SourceErrors(errors)) = e.downcast_ref::<SourceErrors>() {
        return Ok(errors.clone());
    }
    if let Some(error) = e.downcast_ref::<SourceError>() {
        return Ok(vec![error.clone()]);
    }
    Err(e)
}

/// A folder of the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "agreed-check-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every HTML page of a site by path relative to its root (`/`-separated).
fn html_pages(site: &Path) -> Result<BTreeMap<String, String>> {
    let mut pages = BTreeMap::new();
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "html") {
            let rel = entry.path().strip_prefix(site)?.to_string_lossy().replace('\\', "/");
            pages.insert(rel, std::fs::read_to_string(entry.path())?);
        }
    }
    Ok(pages)
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\s(?:href|src|data-href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid regex")
});
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid regex"));

/// Attribute values matched by `re`, with their byte offsets, entities decoded.
fn attribute_values<'a>(re: &'a Regex, html: &'a str) -> impl Iterator<Item = (usize, String)> + 'a {
    re.captures_iter(html).filter_map(|c| {
        let m = c.get(1).or(c.get(2)).or(c.get(3))?;
        Some((m.start(), decode_entities(m.as_str())))
    })
}

/// Decode the character references an attribute value can hold: numeric ones (Tera writes
/// `/` as `&#x2F;`) and the named ones an escaper uses.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| Some((entity(&rest[1..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
        Some(dec) => dec.parse().ok()?,
        None => match name {
            "amp" => '&' as u32,
            "lt" => '<' as u32,
            "gt" => '>' as u32,
            "quot" => '"' as u32,
            "apos" => '\'' as u32,
            _ => return None,
        },
    };
    char::from_u32(code)
}

/// Check every link of every page; `404.html` is exempt (GitHub Pages serves it at any path,
/// so its links are absolute by design).
fn broken_links(site: &Path, pages: &BTreeMap<String, String>) -> Vec<SourceError> {
    let ids: HashMap<&str, HashSet<String>> = pages
        .par_iter()
        .map(|(p, html)| (p.as_str(), attribute_values(&ID, html).map(|(_, id)| id).collect()))
        .collect();
    let mut problems: Vec<SourceError> = pages
        .par_iter()
        .filter(|(page, _)| page.as_str() != "404.html")
        .flat_map_iter(|(page, html)| {
            let lines = LineIndex::new(html);
            let ids = &ids;
            attribute_values(&LINK, html).filter_map(move |(at, link)| {
                let problem = link_problem(site, page, &link, ids)?;
                Some(SourceError::new(Path::new(page), lines.line(at), format!("link {link:?}: {problem}")))
            })
        })
        .collect();
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    problems
}

/// What is wrong with `link` on `page`, if anything.
fn link_problem(site: &Path, page: &str, link: &str, ids: &HashMap<&str, HashSet<String>>) -> Option<String> {
    let lower = link.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "data:", "tel:"].iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    if link.starts_with('/') {
        return Some("absolute path: breaks file:// and sub-path hosting".into());
    }
    let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
    let path = crate::render::urls::percent_decode(path.split('?').next().unwrap_or(""));
    let target = if path.is_empty() {
        page.to_string()
    } else {
        match resolve(page, &path) {
            Some(t) => t,
            None => return Some("climbs above the site root".into()),
        }
    };
    if !path.is_empty() && (path.ends_with('/') || site.join(&target).is_dir()) {
        return Some("names a folder: file:// shows a directory listing, link to its index.html".into());
    }
    if !site.join(&target).is_file() {
        return Some(format!("no such file {target}"));
    }
    match fragment.map(crate::render::urls::percent_decode) {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let found = ids.get(target.as_str()).is_some_and(|set| set.contains(&f));
            (!found).then(|| format!("no id {f:?} in {target}"))
        }
        _ => None,
    }
}

/// Resolve `link` against the folder of `page`; `None` if it climbs above the site root.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, BTreeMap<String, String>) {
        let tmp = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = tmp.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let pages = html_pages(tmp.path()).unwrap();
        (tmp, pages)
    }

    #[test]
    fn broken_links_are_reported_with_page_and_line() {
        let (tmp, pages) = site_with(&[
            ("index.html", "<p>\n<a href=\"a/index.html#x\">ok</a>\n<a href=\"a/index.html#nope\">bad</a>\n<a href=\"/abs\">abs</a>\n<a href=\"a/\">dir</a>\n<a href=\"missing.html\">gone</a>\n<a href=\"https://un.org/\">ext</a>"),
            ("a/index.html", "<h1 id=\"x\">x</h1><a href='../index.html'>up</a><a href=\"../../out.html\">out</a>"),
            ("404.html", "<a href=\"/anything\">home</a>"),
        ]);
        let problems: Vec<String> = broken_links(tmp.path(), &pages).iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(problems[0].starts_with("a/index.html:1: link \"../../out.html\""), "{problems:#?}");
        assert!(problems[1].starts_with("index.html:3: link \"a/index.html#nope\": no id \"nope\""));
        assert!(problems[2].starts_with("index.html:4: link \"/abs\": absolute path"));
        assert!(problems[3].starts_with("index.html:5: link \"a/\": names a folder"));
        assert!(problems[4].starts_with("index.html:6: link \"missing.html\": no such file missing.html"));
    }

    #[test]
    fn percent_escapes_and_entities_are_decoded_before_checking() {
        assert_eq!(crate::render::urls::percent_decode("a%20b%zz%2"), "a b%zz%2");
        assert_eq!(decode_entities("a.html?x=1&amp;y=2"), "a.html?x=1&y=2");
        assert_eq!(decode_entities("..&#x2F;a&#47;b &unknown; & x"), "../a/b &unknown; & x");
        let (tmp, pages) = site_with(&[("a b.html", "<a href=\"a%20b.html?q=1&amp;r=2\">self</a>")]);
        assert!(broken_links(tmp.path(), &pages).is_empty());
    }
}
