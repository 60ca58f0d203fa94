//! The corpus as data: `data/paragraphs.json` exactly as `site-contract.md` fixes it.
//! Fields are only ever added, never renamed: outside scripts read them.

use anyhow::Result;
use serde::Serialize;

use super::urls;
use crate::model::{Kind, ParaRef};
use crate::output::Staging;
use crate::references::Reference;
use crate::Site;

#[derive(Serialize)]
struct ParagraphsFile<'a> {
    version: u32,
    resolutions: Vec<ResolutionEntry<'a>>,
    paragraphs: Vec<ParagraphEntry<'a>>,
}

#[derive(Serialize)]
struct ResolutionEntry<'a> {
    symbol: &'a str,
    series: &'a str,
    date: &'a str,
    title: &'a str,
    url: String,
    body: &'a str,
    meeting: Option<&'a str>,
    previous: Option<&'a str>,
}

#[derive(Serialize)]
struct Previous<'a> {
    resolution: &'a str,
    anchor: &'a str,
    change: &'static str,
}

#[derive(Serialize)]
struct FootnoteEntry<'a> {
    label: &'a str,
    anchor: String,
    text: &'a str,
}

#[derive(Serialize)]
struct ParagraphEntry<'a> {
    resolution: &'a str,
    anchor: &'a str,
    kind: Kind,
    parent: Option<&'a str>,
    section: Option<&'a str>,
    text: &'a str,
    footnotes: Vec<FootnoteEntry<'a>>,
    topics: Vec<&'a str>,
    lineage: &'a str,
    previous: Option<Previous<'a>>,
    url: String,
    page: String,
    number: &'a str,
    references: &'a [Reference],
    moved: bool,
    status: Option<&'a str>,
}

pub fn write_all(site: &Site, staging: &Staging) -> Result<()> {
    let json = serde_json::to_vec_pretty(&paragraphs_file(site))?;
    staging.write("data/paragraphs.json", &json)
}

fn paragraphs_file(site: &Site) -> ParagraphsFile<'_> {
    let corpus = &site.corpus;
    let resolutions = corpus
        .resolutions
        .iter()
        .enumerate()
        .map(|(i, r)| ResolutionEntry {
            symbol: &r.symbol,
            series: &r.series,
            date: &r.date,
            title: &r.title,
            url: urls::resolution_page(r),
            body: &r.body,
            meeting: r.meeting.as_deref(),
            previous: site.lineages.predecessor[i].map(|j| corpus.resolutions[j].symbol.as_str()),
        })
        .collect();
    let paragraphs = corpus.all_paragraphs().map(|(q, p)| paragraph_entry(site, q, p)).collect();
    ParagraphsFile { version: 1, resolutions, paragraphs }
}

fn paragraph_entry<'a>(site: &'a Site, q: ParaRef, p: &'a crate::model::Paragraph) -> ParagraphEntry<'a> {
    let r = &site.corpus.resolutions[q.res];
    let link = site.lineages.link(q);
    ParagraphEntry {
        resolution: &r.symbol,
        anchor: &p.anchor,
        kind: p.kind,
        parent: p.parent.as_deref(),
        section: p.section.map(|s| r.sections[s].heading.as_str()),
        text: &p.text,
        footnotes: p
            .footnotes
            .iter()
            .filter_map(|l| r.footnote(l))
            .map(|f| FootnoteEntry { label: &f.label, anchor: f.anchor(), text: &f.text })
            .collect(),
        topics: site.topics.of(q).iter().map(|h| site.topics.topics[h.topic].slug.as_str()).collect(),
        lineage: site.lineages.id(q),
        previous: link.previous.map(|pr| Previous {
            resolution: &site.corpus.resolutions[pr.res].symbol,
            anchor: &site.corpus.para(pr).anchor,
            change: link.change.as_str(),
        }),
        url: urls::paragraph_in_resolution(r, &p.anchor),
        page: urls::paragraph_page(r, &p.anchor),
        number: &p.number,
        references: site.references.of(q),
        moved: link.moved,
        status: p.attrs.status.as_deref(),
    }
}
