//! Addresses of pages, as links relative to the page that holds them (so the site works from
//! file://, at a domain root and under a sub-path alike) and as canonical absolute URLs.
//! Links always name the file (`…/index.html`), never a bare folder, because file:// does not
//! serve a folder's index.

use crate::model::Resolution;

/// `../` once per folder level of `page` (a path relative to the site root).
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
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
