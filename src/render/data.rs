//! The corpus as data, for scripts and other tools: `data/paragraphs.json` exactly as
//! `site-contract.md` fixes it, `data/lineages.json` (each paragraph's versions across a
//! series), `data/paragraphs.csv` (the same rows for spreadsheets), one Akoma Ntoso file per
//! resolution ([`super::akn`]), the Atom feed ([`super::feeds`]), the sitemap
//! ([`super::sitemap`]) and the page that documents them all. Fields are only ever added,
//! never renamed: outside scripts read them. Everything is derived from the content alone
//! (never the clock), so two builds of the same content are byte-identical.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use super::pages::Ctx;
use super::urls;
use crate::lineage::Change;
use crate::model::{Kind, ParaRef};
use crate::output::Staging;
use crate::references::Reference;
use crate::Site;

#[derive(Serialize)]
struct ParagraphsFile<'a> {
    version: u32,
    resolutions: Vec<ResolutionEntry<'a>>,
    paragraphs: Entries<'a>,
}

/// Every paragraph's entry, each made as it is written: the file is the size of the corpus, and
/// holding all its entries at once cost as much memory as the text itself.
struct Entries<'a>(&'a Site);

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let site = self.0;
        serializer.collect_seq(site.corpus.all_paragraphs().map(|(q, p)| paragraph_entry(site, q, p)))
    }
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
    /// Extra fields are left out when empty: they would repeat on every one of hundreds of
    /// thousands of entries.
    #[serde(skip_serializing_if = "<[Reference]>::is_empty")]
    references: &'a [Reference],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    moved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
}

/// Write every data file and the page that documents them.
pub fn write_all(ctx: &Ctx, staging: &Staging) -> Result<()> {
    let site = ctx.site;
    let t = crate::timings::Timer::start();
    // Compact, not pretty: these files are for programs, and at scale whitespace costs megabytes.
    staging.write_with("data/paragraphs.json", |w| Ok(serde_json::to_writer(w, &paragraphs_file(site))?))?;
    t.lap("· paragraphs.json");
    staging.write_with("data/lineages.json", |w| Ok(serde_json::to_writer(w, &lineages_file(site))?))?;
    t.lap("· lineages.json");
    let exports = site.config.exports;
    if exports.csv {
        staging.write_with("data/paragraphs.csv", |w| paragraphs_csv(site, w))?;
        t.lap("· paragraphs.csv");
    }
    if exports.akn {
        for r in &site.corpus.resolutions {
            staging.write(&super::akn::path(r), super::akn::document(site, r).as_bytes())?;
        }
        t.lap("· akn");
    }
    staging.write("atom.xml", super::feeds::atom(site).as_bytes())?;
    for (path, xml) in super::feeds::series_feeds(site) {
        staging.write(&path, xml.as_bytes())?;
    }
    if let Some(base_url) = site.config.base_url.as_deref() {
        for (path, xml) in super::sitemap::sitemaps(site, base_url) {
            staging.write(&path, xml.as_bytes())?;
        }
        staging.write("robots.txt", super::sitemap::robots(base_url).as_bytes())?;
    }
    data_page(ctx, staging)
}

/// `data/index.html`: what each file holds, with a link to every file of this build.
fn data_page(ctx: &Ctx, staging: &Staging) -> Result<()> {
    #[derive(Serialize)]
    struct AknLink<'a> {
        symbol: &'a str,
        href: String,
        work: String,
    }
    #[derive(Serialize)]
    struct Page<'a> {
        akn_files: Vec<AknLink<'a>>,
        series_feeds: Vec<(&'a str, String)>,
        csv_columns: &'static [&'static str],
        csv_export: bool,
        akn_export: bool,
        sitemap: bool,
        paragraphs: usize,
        resolutions: usize,
    }
    let site = ctx.site;
    let path = "data/index.html";
    let base = ctx.base(path, "Open data".into(), "The resolutions as data: JSON, CSV, Akoma Ntoso, Atom".into());
    let view = Page {
        akn_files: site
            .corpus
            .resolutions
            .iter()
            .map(|r| AknLink { symbol: &r.symbol, href: super::akn::path(r), work: super::akn::work_iri(r) })
            .collect(),
        series_feeds: site.corpus.series().into_iter().map(|(s, _)| (s, super::feeds::series_path(s))).collect(),
        csv_columns: &CSV_COLUMNS,
        csv_export: site.config.exports.csv,
        akn_export: site.config.exports.akn,
        sitemap: site.config.base_url.is_some(),
        paragraphs: site.corpus.paragraph_count(),
        resolutions: site.corpus.resolutions.len(),
    };
    ctx.write(staging, path, "data.html", &base, &view)
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
    ParagraphsFile { version: 1, resolutions, paragraphs: Entries(site) }
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

/// `data/lineages.json`: every lineage, each with its versions oldest first. A version names
/// its paragraph (resolution and anchor) and does not repeat what `paragraphs.json` holds (text,
/// addresses): at scale each repetition of the text costs hundreds of megabytes.
#[derive(Serialize)]
struct LineagesFile<'a> {
    version: u32,
    lineages: Vec<LineageEntry<'a>>,
}

#[derive(Serialize)]
struct LineageEntry<'a> {
    id: &'a str,
    series: &'a str,
    versions: Vec<VersionEntry<'a>>,
    /// Resolutions that did not carry the lineage forward from their predecessor.
    dropped_in: Vec<&'a str>,
}

#[derive(Serialize)]
struct VersionEntry<'a> {
    resolution: &'a str,
    date: &'a str,
    anchor: &'a str,
    kind: Kind,
    /// `new` for the first version (or one with no earlier version), else `same` or `amended`.
    change: &'static str,
    moved: bool,
    previous: Option<PlaceEntry<'a>>,
}

#[derive(Serialize)]
struct PlaceEntry<'a> {
    resolution: &'a str,
    anchor: &'a str,
}

/// Group paragraph versions by lineage id, lineages in order of their first version.
fn lineages_file(site: &Site) -> LineagesFile<'_> {
    let corpus = &site.corpus;
    let mut order: HashMap<&str, usize> = HashMap::new();
    let mut lineages: Vec<LineageEntry> = Vec::new();
    for (q, p) in corpus.all_paragraphs() {
        let r = &corpus.resolutions[q.res];
        let id = site.lineages.id(q);
        let slot = *order.entry(id).or_insert_with(|| {
            lineages.push(LineageEntry { id, series: &r.series, versions: Vec::new(), dropped_in: Vec::new() });
            lineages.len() - 1
        });
        let link = site.lineages.link(q);
        let previous = link
            .previous
            .map(|pr| PlaceEntry { resolution: &corpus.resolutions[pr.res].symbol, anchor: &corpus.para(pr).anchor });
        lineages[slot].versions.push(VersionEntry {
            resolution: &r.symbol,
            date: &r.date,
            anchor: &p.anchor,
            kind: p.kind,
            change: if link.previous.is_some() { link.change.as_str() } else { Change::New.as_str() },
            moved: link.moved,
            previous,
        });
    }
    for (i, dropped) in site.lineages.dropped.iter().enumerate() {
        for &d in dropped {
            if let Some(&slot) = order.get(site.lineages.id(d)) {
                lineages[slot].dropped_in.push(&corpus.resolutions[i].symbol);
            }
        }
    }
    LineagesFile { version: 2, lineages }
}

/// Columns of `data/paragraphs.csv`: the scalar fields of `paragraphs.json`, flattened.
pub const CSV_COLUMNS: [&str; 19] = [
    "resolution",
    "series",
    "date",
    "anchor",
    "number",
    "kind",
    "parent",
    "section",
    "text",
    "footnotes",
    "topics",
    "lineage",
    "previous_resolution",
    "previous_anchor",
    "previous_change",
    "moved",
    "status",
    "url",
    "page",
];

/// `data/paragraphs.csv`: one row per paragraph version, RFC 4180 (CRLF, quoted when needed).
/// Streamed row by row: at scale the file is hundreds of megabytes.
fn paragraphs_csv(site: &Site, w: &mut dyn std::io::Write) -> Result<()> {
    let mut out = String::new();
    csv_row(&mut out, CSV_COLUMNS.iter().copied());
    for (q, p) in site.corpus.all_paragraphs() {
        w.write_all(out.as_bytes())?;
        out.clear();
        let r = &site.corpus.resolutions[q.res];
        let e = paragraph_entry(site, q, p);
        let (prev_res, prev_anchor, prev_change) = match &e.previous {
            Some(pr) => (pr.resolution, pr.anchor, pr.change),
            None => ("", "", ""),
        };
        csv_row(
            &mut out,
            [
                e.resolution,
                &r.series,
                &r.date,
                e.anchor,
                e.number,
                e.kind.as_str(),
                e.parent.unwrap_or(""),
                e.section.unwrap_or(""),
                e.text,
                &p.footnotes.join(";"),
                &e.topics.join(";"),
                e.lineage,
                prev_res,
                prev_anchor,
                prev_change,
                if e.moved { "true" } else { "false" },
                e.status.unwrap_or(""),
                &e.url,
                &e.page,
            ],
        );
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

fn csv_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_csv_field(out, field);
    }
    out.push_str("\r\n");
}

/// One field as RFC 4180 writes it: quoted, quotes doubled, only when it holds a comma, a quote
/// or a line break (§2.6–2.7). A leading space or `=`/`+`/`-`/`@` is left as is: this is data,
/// not a spreadsheet macro guard.
fn push_csv_field(out: &mut String, s: &str) {
    if !s.contains([',', '"', '\r', '\n']) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_rfc_4180_requires_it() {
        let csv_field = |s: &str| {
            let mut out = String::new();
            push_csv_field(&mut out, s);
            out
        };
        assert_eq!(csv_field("plain text"), "plain text");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"yes\""), "\"say \"\"yes\"\"\"");
        assert_eq!(csv_field("\"quoted\""), "\"\"\"quoted\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        let mut row = String::new();
        csv_row(&mut row, ["x", "", "y,z"]);
        assert_eq!(row, "x,,\"y,z\"\r\n");
    }
}
