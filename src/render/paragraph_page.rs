//! The page of one paragraph: its text, citation, topics, references and its history.
//!
//! These pages are most of a site (one per paragraph of every resolution), so two things are
//! designed for size and speed:
//! - the history: every page shows its own change (the redline when amended) and links to the
//!   first, previous, next and newest versions; only the newest version's page lists every
//!   version with its redline. Repeating the whole history on each of a lineage's pages would
//!   make the site grow with the square of the series' length.
//! - the view is flat: the template reads `{{ citation }}`, not `{{ p.citation }}`, because
//!   Tera resolves every dotted name by allocating each segment, which cost more than all the
//!   rest of the page;
//! - links to other paragraphs and resolutions are computed here, relative to the page and as
//!   short as they can be, so the page needs no pass over its HTML to shorten them.

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use super::pages::{summary, Citing, Ctx, RefView};
use super::urls;
use super::views::{self, Chip, FootnoteView};
use crate::lineage::Change;
use crate::model::ParaRef;
use crate::output::Staging;

/// What `paragraph.html` sees, all at the top level. Every `href` is relative to the page;
/// `root` is the path to the site root, for the site's own pages and files.
#[derive(Serialize)]
struct Page<'a> {
    root: String,
    site_title: &'a str,
    page_title: &'a str,
    description: String,
    canonical: Option<String>,

    symbol: &'a str,
    resolution_title: &'a str,
    date_long: String,
    kind_label: &'static str,
    section: Option<&'a str>,

    citation: &'a str,
    anchor: &'a str,
    kind: &'static str,
    number: String,
    html: String,
    /// Its place in the resolution page.
    href: String,
    /// What the copy-link control copies: the canonical URL, or empty for the page's address.
    copy_url: Option<String>,
    status: Option<&'a str>,
    notes: Vec<&'a str>,
    topics: Vec<Chip<'a>>,
    footnotes: Vec<FootnoteView<'a>>,
    references: Vec<RefView<'a>>,
    cited_by: Vec<Citing>,
    /// Neighbouring paragraphs of the same resolution: (page, label).
    prev: Option<(String, String)>,
    next: Option<(String, String)>,

    /// `new`, `amended` or `same` against the previous version; none in the first resolution
    /// of a series.
    change: Option<&'static str>,
    moved: bool,
    /// The version it was amended from, or where its words were last changed when unchanged.
    since: Option<VersionLink>,
    redline: Option<&'a str>,
    version_count: usize,
    first_version: Option<VersionLink>,
    previous_version: Option<VersionLink>,
    next_version: Option<VersionLink>,
    /// The newest version, whose page holds the full history, when it is not this one.
    newest_version: Option<VersionLink>,
    /// The resolution it was last seen in, when a later resolution of the series dropped it.
    dropped_after: Option<VersionLink>,
    /// Every version, newest first: only on the newest version's page.
    versions: Vec<Version<'a>>,
    lineage: &'a str,
}

#[derive(Serialize)]
struct VersionLink {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct Version<'a> {
    symbol: &'a str,
    date_long: String,
    link: VersionLink,
    change: &'static str,
    /// What the badge says: `First version`, `Amended` or `Unchanged`.
    badge: &'static str,
    /// Against the version before it; the page's own version shows its redline above the list.
    redline: Option<&'a str>,
    /// The words of the first version, from which the redlines read.
    text: Option<&'a str>,
    current: bool,
}

impl Ctx<'_> {
    pub(super) fn paragraph(&self, p: ParaRef, staging: &Staging) -> Result<()> {
        let site = self.site;
        let r = &site.corpus.resolutions[p.res];
        let para = &r.paragraphs[p.para];
        let path = urls::paragraph_page(r, &para.anchor);
        let root = urls::root_of(&path);
        let citation = views::citation(r, para);
        let in_resolution = urls::paragraph_in_resolution(r, &para.anchor);
        let neighbour = |j: usize| {
            let q = &r.paragraphs[j];
            (format!("../{}/index.html", q.anchor), q.citation_label())
        };
        let version_at = |q: ParaRef| self.version_link(&path, q);
        let lineages = &site.lineages;
        let chain = lineages.chain(p);
        let at = chain.iter().position(|&q| q == p).expect("a chain holds its own paragraph");
        let newest = *chain.last().expect("a chain holds its own paragraph");
        let badge = views::change_badge(site, p);
        let page = Page {
            site_title: &site.config.title,
            page_title: &citation,
            description: summary(&para.text),
            canonical: urls::canonical(site.config.base_url.as_deref(), &path),
            symbol: &r.symbol,
            resolution_title: &r.title,
            date_long: views::long_date(&r.date),
            kind_label: views::kind_label(para.kind),
            section: para.section.map(|s| r.sections[s].heading.as_str()),
            citation: &citation,
            anchor: &para.anchor,
            kind: para.kind.as_str(),
            number: para.display_number(),
            html: urls::resolve_root_marks(&self.prepared.text_html[p.res][p.para], &path),
            copy_url: urls::canonical(site.config.base_url.as_deref(), &in_resolution),
            href: format!("../index.html#{}", para.anchor),
            status: para.attrs.status.as_deref(),
            notes: site.notes.of(p).map(|n| n.html.as_str()).collect(),
            topics: views::chips(site, p),
            footnotes: self.footnotes(p.res, Some(&para.footnotes), &path),
            references: site
                .references
                .of(p)
                .iter()
                .map(|x| {
                    let mut view = RefView::new(x);
                    view.internal = view.internal.map(|target: String| urls::relative(&path, &target));
                    view
                })
                .collect(),
            cited_by: self
                .citing(
                    site.references.cited_by.get(p.res).and_then(|v| v.get(p.para)).map(Vec::as_slice).unwrap_or(&[]),
                )
                .into_iter()
                .map(|mut c| {
                    c.href = urls::relative(&path, &c.href);
                    c
                })
                .collect(),
            prev: p.para.checked_sub(1).map(neighbour),
            next: (p.para + 1 < r.paragraphs.len()).then(|| neighbour(p.para + 1)),
            change: badge.as_ref().map(|b| b.change),
            moved: badge.as_ref().is_some_and(|b| b.moved),
            since: badge.and_then(|b| {
                Some(VersionLink { label: b.previous_label?, href: urls::relative(&path, &b.previous_href?) })
            }),
            redline: self.prepared.redline_html[p.res][p.para].as_deref(),
            version_count: chain.len(),
            // Named only when it is not also the previous version.
            first_version: (at > 1).then(|| version_at(chain[0])),
            previous_version: at.checked_sub(1).map(|i| version_at(chain[i])),
            next_version: chain.get(at + 1).map(|&q| version_at(q)),
            newest_version: (newest != p).then(|| version_at(newest)),
            dropped_after: lineages.dropped_in(p).map(|_| {
                let last = &site.corpus.resolutions[newest.res];
                VersionLink { label: last.symbol.clone(), href: urls::relative(&path, &urls::resolution_page(last)) }
            }),
            versions: if newest == p && chain.len() > 1 {
                chain.iter().rev().map(|&q| self.version(&path, q, q == p)).collect()
            } else {
                Vec::new()
            },
            lineage: lineages.id(p),
            root,
        };
        let ctx = self
            .tally
            .time("· context", || Context::from_serialize(&page))
            .map_err(|e| anyhow::anyhow!(super::tera_error(&e)))?;
        self.render_and_write(staging, &path, "paragraph.html", &ctx, false)
    }

    /// The page of version `q`, linked from `page`.
    fn version_link(&self, page: &str, q: ParaRef) -> VersionLink {
        let r = &self.site.corpus.resolutions[q.res];
        let para = self.site.corpus.para(q);
        VersionLink {
            label: views::citation(r, para),
            href: urls::relative(page, &urls::paragraph_page(r, &para.anchor)),
        }
    }

    fn version(&self, page: &str, q: ParaRef, current: bool) -> Version<'_> {
        let r = &self.site.corpus.resolutions[q.res];
        let para = self.site.corpus.para(q);
        let link = self.site.lineages.link(q);
        let first = link.previous.is_none();
        Version {
            symbol: &r.symbol,
            date_long: views::long_date(&r.date),
            link: self.version_link(page, q),
            change: if first { "new" } else { link.change.as_str() },
            badge: match (first, link.change) {
                (true, _) | (_, Change::New) => "First version",
                (_, Change::Amended) => "Amended",
                (_, Change::Same) => "Unchanged",
            },
            redline: if current { None } else { self.prepared.redline_html[q.res][q.para].as_deref() },
            text: first.then_some(para.text.as_str()),
            current,
        }
    }
}
