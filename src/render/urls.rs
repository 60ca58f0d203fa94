//! Addresses of pages, as links relative to the page that holds them (so the site works from
//! file://, at a domain root and under a sub-path alike) and as canonical absolute URLs.
//! Links always name the file (`…/index.html`), never a bare folder, because file:// does not
//! serve a folder's index.

use crate::model::Resolution;

/// `../` once per folder level of `page` (a path relative to the site root).
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// Rewrite the links of a rendered page so that each climbs only as far as it must:
/// templates write every link from the site root (`../../../../../E/RES/2014/9/167/index.html`
/// on a paragraph page), which costs bytes on every link of every page; the shortest form
/// (`../../../2014/9/167/index.html`) resolves to the same file. Only attribute values that
/// start with the page's path to the root are touched: page text cannot hold `="` (quotes are
/// escaped), so no text is ever rewritten.
pub fn shorten_links(html: &str, page: &str) -> String {
    let root = root_of(page);
    if root.is_empty() {
        return html.to_string();
    }
    let here = folders(page);
    let mut out = String::with_capacity(html.len());
    let mut value = String::new();
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), root.as_bytes()) {
        let b = html.as_bytes();
        if at < copied || at < 2 || b[at - 2] != b'=' || !matches!(b[at - 1], b'"' | b'\'') {
            continue;
        }
        let quote = b[at - 1];
        let Some(len) = memchr::memchr(quote, &b[at..]) else { continue };
        let close = at + len;
        let target = &html[at + root.len()..close];
        let end = target.find(['#', '?']).unwrap_or(target.len());
        value.clear();
        push_relative(&mut value, here, &target[..end]);
        value.push_str(&target[end..]);
        // A value without spaces, quotes, `=`, `<`, `>` or backticks needs no quotes in HTML.
        let bare = !value.is_empty() && !value.bytes().any(|c| b" \t\n\r\"'=<>`".contains(&c));
        out.push_str(&html[copied..at - 1]);
        if bare {
            out.push_str(&value);
        } else {
            out.push(quote as char);
            out.push_str(&value);
            out.push(quote as char);
        }
        copied = close + 1;
    }
    out.push_str(&html[copied..]);
    out
}

/// `target` (a path from the site root, maybe with `#fragment`) as the shortest link from
/// `page`.
pub fn relative(page: &str, target: &str) -> String {
    let end = target.find(['#', '?']).unwrap_or(target.len());
    let mut out = String::with_capacity(target.len());
    push_relative(&mut out, folders(page), &target[..end]);
    out.push_str(&target[end..]);
    out
}

/// Put the shortest link from `page` where HTML rendered once for pages at any depth has the
/// root marker ([`super::markup::ROOT`]) and a path from the site root.
pub fn resolve_root_marks(html: &str, page: &str) -> String {
    let root = super::markup::ROOT;
    if !html.contains(root) {
        return html.to_string();
    }
    let here = folders(page);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(root) {
        out.push_str(&rest[..at]);
        let target = &rest[at + root.len_utf8()..];
        let end = target.find(['"', '\'', '#', '?', '>', ' ']).unwrap_or(target.len());
        push_relative(&mut out, here, &target[..end]);
        rest = &target[end..];
    }
    out.push_str(rest);
    out
}

/// The folder of a page's path: `E/RES/2025/18/29/index.html` → `E/RES/2025/18/29`.
fn folders(page: &str) -> &str {
    page.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `target` (relative to the site root) as a link from the folder `here`. Runs for every link
/// of every page, so it walks the two paths without collecting them.
fn push_relative(out: &mut String, here: &str, target: &str) {
    let (target_folder, file) = target.rsplit_once('/').unwrap_or(("", target));
    let common = path_parts(here).zip(path_parts(target_folder)).take_while(|(a, b)| a == b).count();
    for _ in common..path_parts(here).count() {
        out.push_str("../");
    }
    for folder in path_parts(target_folder).skip(common) {
        out.push_str(folder);
        out.push('/');
    }
    out.push_str(file);
}

fn path_parts(path: &str) -> impl Iterator<Item = &str> + Clone {
    path.split('/').filter(|s| !s.is_empty())
}

pub fn resolution_page(r: &Resolution) -> String {
    format!("{}/index.html", r.path())
}

pub fn paragraph_page(r: &Resolution, anchor: &str) -> String {
    format!("{}/{}/index.html", r.path(), anchor)
}

pub fn paragraph_in_resolution(r: &Resolution, anchor: &str) -> String {
    format!("{}/index.html#{}", r.path(), anchor)
}

pub fn changes_page(r: &Resolution) -> String {
    format!("{}/changes/index.html", r.path())
}

pub fn topic_page(slug: &str) -> String {
    format!("topics/{slug}/index.html")
}

/// The pretty form of a site path for canonical links: `E/RES/2025/18/index.html#29` →
/// `E/RES/2025/18/#29`.
pub fn pretty(path: &str) -> String {
    let (file, fragment) = match path.split_once('#') {
        Some((f, frag)) => (f, Some(frag)),
        None => (path, None),
    };
    let folder = file.strip_suffix("index.html").unwrap_or(file);
    match fragment {
        Some(frag) => format!("{folder}#{frag}"),
        None => folder.to_string(),
    }
}

/// The canonical URL of a site path: absolute from `base_url` when set, else the pretty path.
pub fn canonical(base_url: Option<&str>, path: &str) -> Option<String> {
    base_url.map(|b| format!("{b}{}", pretty(path)))
}

/// `%20` → ` `; malformed escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_only_as_far_as_they_must() {
        let page = "E/RES/2015/9/171/index.html";
        let html = concat!(
            r#"<a href="../../../../../E/RES/2014/9/167/index.html#x">a</a>"#,
            r#"<a href="../../../../../index.html">b</a><link href='../../../../../static/style.css'>"#,
            r#"<a href="../../../../../E/RES/2015/9/171/index.html#171">c</a>"#,
            r#"<a href="../../../../../E/RES/2015/9/index.html#171">d</a>"#,
            r#"<p>a path ../../../../../E/RES/2014/9/index.html in text</p>"#,
        );
        assert_eq!(
            shorten_links(html, page),
            concat!(
                r#"<a href=../../../2014/9/167/index.html#x>a</a>"#,
                r#"<a href=../../../../../index.html>b</a><link href=../../../../../static/style.css>"#,
                r#"<a href=index.html#171>c</a>"#,
                r#"<a href=../index.html#171>d</a>"#,
                r#"<p>a path ../../../../../E/RES/2014/9/index.html in text</p>"#,
            )
        );
        assert_eq!(shorten_links(r#"<a href="x/index.html">"#, "index.html"), r#"<a href="x/index.html">"#);
        // Quotes stay where the value needs them.
        assert_eq!(
            shorten_links(r#"<a href="../../a b/index.html">"#, "x/y/index.html"),
            r#"<a href="../../a b/index.html">"#
        );
    }

    #[test]
    fn marked_paths_and_targets_become_the_shortest_links() {
        let page = "E/RES/2025/18/29/index.html";
        assert_eq!(relative(page, "E/RES/2025/18/28/index.html"), "../28/index.html");
        assert_eq!(relative(page, "E/RES/2025/18/index.html#5"), "../index.html#5");
        assert_eq!(relative(page, "E/RES/2023/3/26/index.html"), "../../../2023/3/26/index.html");
        assert_eq!(relative(page, "topics/ai/index.html"), "../../../../../topics/ai/index.html");
        assert_eq!(relative("index.html", "E/RES/2025/18/index.html"), "E/RES/2025/18/index.html");
        let html =
            "<a href=\"\u{E000}E/RES/2025/18/index.html#5\">5</a> and <a href=\"\u{E000}A/RES/70/1/index.html\">";
        assert_eq!(
            resolve_root_marks(html, page),
            "<a href=\"../index.html#5\">5</a> and <a href=\"../../../../../A/RES/70/1/index.html\">"
        );
        assert_eq!(resolve_root_marks("plain", page), "plain");
    }

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("E/RES/2025/18/index.html"), "../../../../");
        assert_eq!(root_of("E/RES/2025/18/29/index.html"), "../../../../../");
    }

    #[test]
    fn canonical_links_use_the_pretty_form() {
        assert_eq!(pretty("E/RES/2025/18/index.html#29"), "E/RES/2025/18/#29");
        assert_eq!(pretty("index.html"), "");
        assert_eq!(
            canonical(Some("https://x.org/agreed/"), "E/RES/2025/18/index.html#29").as_deref(),
            Some("https://x.org/agreed/E/RES/2025/18/#29")
        );
        assert_eq!(canonical(None, "index.html"), None);
    }
}
