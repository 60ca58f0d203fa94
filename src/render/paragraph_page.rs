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
    copy_url: String,
    status: Option<&'a str>,
    notes: Vec<&'a str>,
    topics: Vec<Chip<'a>>,
    footnotes: Vec<FootnoteView<'a>>,
    references: Vec<RefView<'a>>,
    cited_by: Vec<Citing>,
    /// The paragraphs before and after it in the resolution (their pages and labels).
    before_href: Option<String>,
    before_label: Option<String>,
    after_href: Option<String>,
    after_label: Option<String>,

    /// `new`, `amended` or `same` against the previous version; none in the first resolution
    /// of a series.
    change: Option<&'static str>,
    moved: bool,
    /// The version it was amended from, or where its words were last changed when unchanged.
    since_href: Option<String>,
    since_label: Option<String>,
    redline: Option<&'a str>,
    version_count: usize,
    /// Whether any of the version links below is there.
    version_nav: bool,
    /// The first version, when it is not also the previous one.
    first_href: Option<String>,
    first_label: Option<String>,
    previous_href: Option<String>,
    previous_label: Option<String>,
    next_href: Option<String>,
    next_label: Option<String>,
    /// The newest version, whose page holds the full history, when it is not this one.
    newest_href: Option<String>,
    newest_label: Option<String>,
    /// The resolution it was last seen in, when a later resolution of the series dropped it.
    dropped_href: Option<String>,
    dropped_label: Option<String>,
    /// Every version, newest first: only on the newest version's page.
    versions: Vec<Version<'a>>,
    lineage: &'a str,
}

/// A link to another page: to another version of the paragraph, or a neighbour.
struct Link {
    label: String,
    href: String,
}

/// The two halves of a link, for the template's flat names (`previous_href`, `previous_label`).
fn split(link: Option<Link>) -> (Option<String>, Option<String>) {
    link.map_or((None, None), |l| (Some(l.href), Some(l.label)))
}

#[derive(Serialize)]
struct Version<'a> {
    symbol: &'a str,
    date_long: String,
    href: String,
    label: String,
    change: &'static str,
    /// What the badge says: `First version`, `Amended` or `Unchanged`.
    badge: &'static str,
    /// Against the version before it; the page's own version shows its redline above the list.
    redline: Option<&'a str>,
    /// The words of the first version, from which the redlines read, unless they are the
    /// newest version's, shown at the top of the page.
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
            Link { href: format!("../{}/index.html", q.anchor), label: q.citation_label() }
        };
        let version_at = |q: ParaRef| self.version_link(&path, q);
        let lineages = &site.lineages;
        let chain = lineages.chain(p);
        let at = chain.iter().position(|&q| q == p).expect("a chain holds its own paragraph");
        let newest = *chain.last().expect("a chain holds its own paragraph");
        let badge = views::change_badge(site, p);
        let (since_href, since_label) = split(badge.as_ref().and_then(|b| {
            Some(Link { label: b.previous_label.clone()?, href: urls::relative(&path, b.previous_href.as_ref()?) })
        }));
        let (before_href, before_label) = split(p.para.checked_sub(1).map(neighbour));
        let (after_href, after_label) = split((p.para + 1 < r.paragraphs.len()).then(|| neighbour(p.para + 1)));
        // The first version is named only when it is not also the previous one.
        let (first_href, first_label) = split((at > 1).then(|| version_at(chain[0])));
        let (previous_href, previous_label) = split(at.checked_sub(1).map(|i| version_at(chain[i])));
        let (next_href, next_label) = split(chain.get(at + 1).map(|&q| version_at(q)));
        let (newest_href, newest_label) = split((newest != p).then(|| version_at(newest)));
        let (dropped_href, dropped_label) = split(lineages.dropped_in(p).map(|_| {
            let last = &site.corpus.resolutions[newest.res];
            Link { label: last.symbol.clone(), href: urls::relative(&path, &urls::resolution_page(last)) }
        }));
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
            copy_url: urls::canonical(site.config.base_url.as_deref(), &in_resolution).unwrap_or_default(),
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
            before_href,
            before_label,
            after_href,
            after_label,
            change: badge.as_ref().map(|b| b.change),
            moved: badge.as_ref().is_some_and(|b| b.moved),
            since_href,
            since_label,
            redline: self.prepared.redline_html[p.res][p.para].as_deref(),
            version_count: chain.len(),
            version_nav: previous_href.is_some() || next_href.is_some() || dropped_href.is_some(),
            first_href,
            first_label,
            previous_href,
            previous_label,
            next_href,
            next_label,
            newest_href,
            newest_label,
            dropped_href,
            dropped_label,
            versions: if newest == p && chain.len() > 1 {
                chain.iter().rev().map(|&q| self.version(&path, q, q == p, &para.text)).collect()
            } else {
                Vec::new()
            },
            lineage: lineages.id(p),
            root,
        };
        let ctx = self
            .tally
            .time("· context", || super::context::of(&page))
            .map_err(|e| anyhow::anyhow!("the view of {path}: {e}"))?;
        self.render_and_write(staging, &path, "paragraph.html", &ctx, false)
    }

    /// The page of version `q`, linked from `page`.
    fn version_link(&self, page: &str, q: ParaRef) -> Link {
        let r = &self.site.corpus.resolutions[q.res];
        let para = self.site.corpus.para(q);
        Link { label: views::citation(r, para), href: urls::relative(page, &urls::paragraph_page(r, &para.anchor)) }
    }

    /// Version `q` in the list on the page (`page`) of the newest version, whose text is
    /// `newest_text`.
    fn version(&self, page: &str, q: ParaRef, current: bool, newest_text: &str) -> Version<'_> {
        let r = &self.site.corpus.resolutions[q.res];
        let para = self.site.corpus.para(q);
        let link = self.site.lineages.link(q);
        let first = link.previous.is_none();
        let Link { href, label } = self.version_link(page, q);
        Version {
            symbol: &r.symbol,
            date_long: views::long_date(&r.date),
            href,
            label,
            change: if first { "new" } else { link.change.as_str() },
            badge: match (first, link.change) {
                (true, _) | (_, Change::New) => "First version",
                (_, Change::Amended) => "Amended",
                (_, Change::Same) => "Unchanged",
            },
            redline: if current { None } else { self.prepared.redline_html[q.res][q.para].as_deref() },
            // Not when the page above shows the very same text: most lineages never change.
            text: (first && para.text != newest_text).then_some(para.text.as_str()),
            current,
        }
    }
}
