//! `atom.xml`: an Atom 1.0 feed (RFC 4287) of the resolutions and what each changed, so
//! readers learn of a new resolution of a series and can open its changes page.
//!
//! One entry per resolution, newest first, with its series as a category and a summary
//! counting new, amended, unchanged and dropped paragraphs. Ids are `tag:` URIs (RFC 4151) made
//! of the adoption date and the UN symbol, so they do not change when the site moves or a
//! `base_url` is set; dates are adoption dates (never the build time), so builds are
//! byte-identical. Links are absolute from `base_url` when set, else relative to the feed.
//! The same feed restricted to one series is written to `feeds/<series>.xml`, for readers who
//! follow one resolution only.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::akn::escape;
use super::urls;
use crate::model::{ParaRef, Resolution};
use crate::Site;

/// An Atom date for an adoption date: midnight UTC.
fn atom_date(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// A link from the feed: absolute from `base_url`, else relative to the site root.
fn href(site: &Site, path: &str) -> String {
    urls::canonical(site.config.base_url.as_deref(), path).unwrap_or_else(|| path.to_string())
}

/// The entry id of a resolution.
pub fn entry_id(r: &Resolution) -> String {
    format!("tag:agreed,{}:{}", r.date, r.symbol)
}

/// Where the feed of one series lives: `feeds/<series>.xml`, the slug made safe for a file name.
pub fn series_path(series: &str) -> String {
    format!("feeds/{}.xml", crate::model::anchor::symbol_slug(series))
}

/// The feed of every resolution (`atom.xml`).
pub fn atom(site: &Site) -> String {
    feed(site, None)
}

/// One feed per series, by path.
pub fn series_feeds(site: &Site) -> Vec<(String, String)> {
    site.corpus.series().into_iter().map(|(series, _)| (series_path(series), feed(site, Some(series)))).collect()
}

/// The feed of the resolutions of `series`, or of all.
fn feed(site: &Site, series: Option<&str>) -> String {
    let corpus = &site.corpus;
    let mut order: Vec<usize> =
        (0..corpus.resolutions.len()).filter(|&i| series.is_none_or(|s| corpus.resolutions[i].series == s)).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&corpus.resolutions[a], &corpus.resolutions[b]);
        (&rb.date, &rb.symbol).cmp(&(&ra.date, &ra.symbol))
    });
    let newest = order.first().map(|&i| corpus.resolutions[i].date.as_str()).unwrap_or("1970-01-01");
    let oldest = order.last().map(|&i| corpus.resolutions[i].date.as_str()).unwrap_or("1970-01-01");
    let title = escape(&site.config.title);
    let (id, name, path) = match series {
        Some(s) => (format!("feed/{}", crate::model::anchor::symbol_slug(s)), format!("series {s}"), series_path(s)),
        None => ("feed".to_string(), "resolutions and changes".to_string(), "atom.xml".to_string()),
    };
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n");
    let _ = writeln!(x, "<id>tag:agreed,{oldest}:{}</id>", escape(&id));
    let _ = writeln!(x, "<title>{title}: {}</title>", escape(&name));
    let _ = writeln!(x, "<updated>{}</updated>", atom_date(newest));
    let _ = writeln!(x, "<author><name>{title}</name></author>");
    let _ = writeln!(x, "<generator>agreed</generator>");
    if let Some(base) = site.config.base_url.as_deref() {
        let _ = writeln!(
            x,
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}{}\"/>",
            escape(base),
            escape(&path)
        );
    }
    let home = href(site, "index.html");
    // Without a base_url, links are relative to the feed: climb out of `feeds/`.
    let up = if site.config.base_url.is_none() { urls::root_of(&path) } else { String::new() };
    let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}{}\"/>", up, escape(&home));
    for i in order {
        entry(&mut x, site, i, &up);
    }
    x.push_str("</feed>\n");
    x
}

/// One entry; `up` prefixes relative links (the path from the feed to the site root).
fn entry(x: &mut String, site: &Site, i: usize, up: &str) {
    let r = &site.corpus.resolutions[i];
    let previous = site.lineages.predecessor[i].map(|j| &site.corpus.resolutions[j]);
    let main = if previous.is_some() { urls::changes_page(r) } else { urls::resolution_page(r) };
    let href = |path: &str| format!("{up}{}", href(site, path));
    let _ = write!(
        x,
        "<entry>\n<id>{id}</id>\n<title>{sym}: {title}</title>\n<updated>{d}</updated>\n<published>{d}</published>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{main}\"/>\n\
         {related}\
         {akn}\
         <category term=\"{series}\" label=\"Series {series}\"/>\n<summary type=\"text\">{summary}</summary>\n</entry>\n",
        id = escape(&entry_id(r)),
        sym = escape(&r.symbol),
        title = escape(&r.title),
        d = atom_date(&r.date),
        main = escape(&href(&main)),
        related = if previous.is_some() {
            format!("<link rel=\"related\" type=\"text/html\" href=\"{}\"/>\n", escape(&href(&urls::resolution_page(r))))
        } else {
            String::new()
        },
        akn = if site.config.exports.akn {
            format!("<link rel=\"alternate\" type=\"application/akn+xml\" href=\"{}\"/>\n", escape(&href(&super::akn::path(r))))
        } else {
            String::new()
        },
        series = escape(&r.series),
        summary = escape(&summary(site, i, previous)),
    );
}

/// "Adopted 29 July 2025 by …. Since E/RES/2023/3: 4 new, 30 amended, 90 unchanged and 2 dropped paragraphs."
pub fn summary(site: &Site, i: usize, previous: Option<&Resolution>) -> String {
    let r = &site.corpus.resolutions[i];
    let by = if r.body.is_empty() { String::new() } else { format!(" by the {}", r.body.trim_start_matches("the ")) };
    let mut s = format!("Adopted {}{by}: {} paragraphs.", super::views::long_date(&r.date), r.paragraphs.len());
    let Some(prev) = previous else {
        s.push_str(" The first resolution of its series here.");
        return s;
    };
    let counts = change_counts(site, i);
    let _ = write!(
        s,
        " Since {}: {} new, {} amended, {} unchanged and {} dropped paragraphs.",
        prev.symbol, counts["new"], counts["amended"], counts["same"], counts["dropped"]
    );
    s
}

/// How many paragraphs of resolution `i` are new, amended, the same, and how many of its
/// predecessor's it dropped.
pub fn change_counts(site: &Site, i: usize) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<&'static str, usize> = ["new", "amended", "same", "dropped"].map(|k| (k, 0)).into();
    for para in 0..site.corpus.resolutions[i].paragraphs.len() {
        let link = site.lineages.link(ParaRef { res: i, para });
        let kind = if link.previous.is_some() { link.change.as_str() } else { "new" };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts.insert("dropped", site.lineages.dropped[i].len());
    counts
}
