//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`, written only when `base_url` is set:
//! both need absolute URLs. Every page is listed by its canonical, pretty URL
//! (`https://…/E/RES/2025/18/`), with the adoption date of its resolution as `lastmod` (the
//! newest adoption date for pages about the whole corpus). Past 50,000 URLs, the protocol's
//! limit for one file, `sitemap.xml` becomes an index of `sitemaps/sitemap-N.xml` files.

use std::fmt::Write as _;

use super::akn::escape;
use super::urls;
use crate::Site;

/// The sitemaps.org limit of URLs in one file.
const MAX_URLS: usize = 50_000;

/// Every page of the site with its last modification date, site paths relative to the root.
fn pages(site: &Site) -> Vec<(String, &str)> {
    let corpus = &site.corpus;
    let newest = corpus.resolutions.iter().map(|r| r.date.as_str()).max().unwrap_or("1970-01-01");
    let mut out: Vec<(String, &str)> = [
        "index.html",
        "topics/index.html",
        "search/index.html",
        "data/index.html",
        "notes/index.html",
        "glossary/index.html",
    ]
    .map(|p| (p.to_string(), newest))
    .into();
    out.extend(site.topics.topics.iter().map(|t| (urls::topic_page(&t.slug), newest)));
    for r in &corpus.resolutions {
        out.push((urls::resolution_page(r), r.date.as_str()));
        out.push((urls::changes_page(r), r.date.as_str()));
        out.extend(r.paragraphs.iter().map(|p| (urls::paragraph_page(r, &p.anchor), r.date.as_str())));
    }
    out
}

/// The sitemap files: `sitemap.xml` and, for a large site, the files it indexes.
pub fn sitemaps(site: &Site, base_url: &str) -> Vec<(String, String)> {
    let pages = pages(site);
    if pages.len() <= MAX_URLS {
        return vec![("sitemap.xml".to_string(), urlset(&pages, base_url))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in pages.chunks(MAX_URLS).enumerate() {
        let path = format!("sitemaps/sitemap-{}.xml", n + 1);
        let _ = writeln!(index, "<sitemap><loc>{}{}</loc></sitemap>", escape(base_url), path);
        files.push((path, urlset(chunk, base_url)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index));
    files
}

fn urlset(pages: &[(String, &str)], base_url: &str) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, date) in pages {
        let loc = urls::canonical(Some(base_url), path).unwrap_or_default();
        let _ = writeln!(x, "<url><loc>{}</loc><lastmod>{}</lastmod></url>", escape(&loc), escape(date));
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; the sitemap's address. (Crawlers read it only at a
/// domain root; under a sub-path it is harmless and the sitemap can be submitted by hand.)
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
