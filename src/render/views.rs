//! View structs: what the templates see. They borrow from the model where they can and hold
//! paths relative to the site root; templates prefix them with `root`.

use serde::Serialize;

use super::markup;
use super::urls;
use crate::lineage::diff::Segment;
use crate::model::{Kind, ParaRef, Resolution};
use crate::Site;

#[derive(Serialize)]
pub struct ResolutionRef<'a> {
    pub symbol: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub date_long: String,
    pub year: i32,
    pub series: &'a str,
    pub href: String,
}

impl<'a> ResolutionRef<'a> {
    pub fn new(r: &'a Resolution) -> Self {
        ResolutionRef {
            symbol: &r.symbol,
            title: &r.title,
            date: &r.date,
            date_long: long_date(&r.date),
            year: r.year(),
            series: &r.series,
            href: urls::resolution_page(r),
        }
    }
}

#[derive(Serialize)]
pub struct Chip<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct ChangeBadge<'a> {
    /// `new`, `amended` or `same`.
    pub change: &'static str,
    pub moved: bool,
    /// The previous version.
    pub previous_symbol: Option<&'a str>,
    pub previous_label: Option<String>,
    pub previous_href: Option<String>,
}

#[derive(Serialize)]
pub struct FootnoteView<'a> {
    pub label: &'a str,
    pub anchor: String,
    pub html: String,
}

/// One paragraph as every page shows it.
#[derive(Serialize)]
pub struct ParaView<'a> {
    pub anchor: &'a str,
    pub kind: &'static str,
    pub number: String,
    pub html: String,
    pub text: &'a str,
    pub citation: String,
    /// Its place in the resolution page.
    pub href: String,
    /// Its own page.
    pub page: String,
    /// What the copy-link control copies: canonical absolute URL, or empty to use the
    /// address the page was opened from.
    pub copy_url: Option<String>,
    pub topics: Vec<Chip<'a>>,
    pub change: Option<ChangeBadge<'a>>,
    pub status: Option<&'a str>,
    /// Editorial notes on the paragraph, as HTML.
    pub notes: Vec<&'a str>,
}

impl<'a> ParaView<'a> {
    /// `html` is the prepared paragraph HTML with the root already put in.
    pub fn new(site: &'a Site, p: ParaRef, html: String) -> Self {
        let r = &site.corpus.resolutions[p.res];
        let para = &r.paragraphs[p.para];
        let href = urls::paragraph_in_resolution(r, &para.anchor);
        ParaView {
            anchor: &para.anchor,
            kind: para.kind.as_str(),
            number: para.display_number(),
            html,
            text: &para.text,
            citation: citation(r, para),
            page: urls::paragraph_page(r, &para.anchor),
            copy_url: urls::canonical(site.config.base_url.as_deref(), &href),
            href,
            topics: chips(site, p),
            change: change_badge(site, p),
            status: para.attrs.status.as_deref(),
            notes: site.notes.of(p).map(|n| n.html.as_str()).collect(),
        }
    }
}

pub fn chips(site: &Site, p: ParaRef) -> Vec<Chip<'_>> {
    site.topics
        .of(p)
        .iter()
        .map(|hit| {
            let t = &site.topics.topics[hit.topic];
            Chip { slug: &t.slug, name: &t.name, href: urls::topic_page(&t.slug) }
        })
        .collect()
}

pub fn change_badge(site: &Site, p: ParaRef) -> Option<ChangeBadge<'_>> {
    site.lineages.predecessor.get(p.res).copied().flatten()?;
    let link = site.lineages.link(p);
    // An unchanged paragraph points at the version where its words were last changed: that is
    // what "unchanged since" means to a reader.
    let shown = if link.change == crate::lineage::Change::Same {
        Some(site.lineages.unchanged_since(p))
    } else {
        link.previous
    };
    let prev = shown.map(|q| (&site.corpus.resolutions[q.res], site.corpus.para(q)));
    Some(ChangeBadge {
        change: link.change.as_str(),
        moved: link.moved,
        previous_symbol: prev.map(|(r, _)| r.symbol.as_str()),
        previous_label: prev.map(|(r, para)| citation(r, para)),
        previous_href: prev.map(|(r, para)| urls::paragraph_page(r, &para.anchor)),
    })
}

/// A redline as HTML: `<del>` and `<ins>` around whole words.
pub fn redline_html(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Same(t) => markup::escape_into(&mut out, t),
            Segment::Added(t) => {
                out.push_str("<ins>");
                markup::escape_into(&mut out, t);
                out.push_str("</ins>");
            }
            Segment::Removed(t) => {
                out.push_str("<del>");
                markup::escape_into(&mut out, t);
                out.push_str("</del>");
            }
        }
    }
    out
}

/// How a paragraph is cited: `E/RES/2025/18, para. 29`.
pub fn citation(r: &Resolution, p: &crate::model::Paragraph) -> String {
    let mut out = String::with_capacity(r.symbol.len() + 32);
    out.push_str(&r.symbol);
    out.push_str(", ");
    p.push_citation_label(&mut out);
    out
}

/// `2025-07-29` → `29 July 2025`, as the UN prints dates.
pub fn long_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_string();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => date.to_string(),
    }
}

pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Preambular => "Preambular paragraph",
        Kind::Operative => "Operative paragraph",
        Kind::Subparagraph => "Sub-paragraph",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_un_prints_them() {
        assert_eq!(long_date("2025-07-29"), "29 July 2025");
        assert_eq!(long_date("2023-06-07"), "7 June 2023");
        assert_eq!(long_date("bad"), "bad");
    }

    #[test]
    fn redline_marks_whole_words_and_escapes() {
        let html = redline_html(&[
            Segment::Same("Notes ".into()),
            Segment::Removed("<old>".into()),
            Segment::Added("new".into()),
        ]);
        assert_eq!(html, "Notes <del>&lt;old&gt;</del><ins>new</ins>");
    }
}
