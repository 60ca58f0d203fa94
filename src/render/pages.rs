//! One function per kind of page: build its view, render its template, write it.

use std::collections::BTreeMap;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::markup::{self, Overlay, ROOT};
use super::views::{self, FootnoteView, ParaView, ResolutionRef};
use super::{urls, Job, Prepared};
use crate::lineage::{diff, Change};
use crate::model::{Kind, ParaRef, Resolution};
use crate::output::Staging;
use crate::references::{Reference, Target};
use crate::Site;

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub theme: &'a super::Theme,
    pub tera: &'a Tera,
    pub prepared: &'a Prepared,
    pub tally: &'a crate::timings::Tally,
}

/// What every page's base template needs.
#[derive(Serialize)]
pub(super) struct Base<'a> {
    pub(super) root: String,
    site_title: &'a str,
    /// Canonical URL of this page when `base_url` is set.
    canonical: Option<String>,
    page_title: String,
    description: String,
}

/// The HTML of every paragraph, footnote and redline of the resolutions `wanted` accepts
/// (the others' are left empty: their pages are not rendered).
pub fn prepare(site: &Site, wanted: &(dyn Fn(usize) -> bool + Sync)) -> Prepared {
    let per_res: Vec<(Vec<String>, Vec<String>)> = site
        .corpus
        .resolutions
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            if !wanted(i) {
                return (Vec::new(), Vec::new());
            }
            let footnotes = r
                .footnotes
                .iter()
                .enumerate()
                .map(|(f, note)| {
                    let refs = site.references.in_footnotes.get(i).and_then(|v| v.get(f)).map(Vec::as_slice);
                    let overlays = text_overlays(site, &note.text, refs.unwrap_or_default());
                    markup::inline_html(&note.inlines, &overlays, &|_| String::new())
                })
                .collect::<Vec<_>>();
            let paragraphs = r
                .paragraphs
                .iter()
                .enumerate()
                .map(|(para, p)| {
                    let refs = site.references.of(ParaRef { res: i, para });
                    let fnref = |label: &str| footnote_ref(r, &footnotes, &p.anchor, label);
                    markup::inline_html(&p.inlines, &text_overlays(site, &p.text, refs), &fnref)
                })
                .collect();
            (paragraphs, footnotes)
        })
        .collect();
    let (text_html, footnote_html): (Vec<Vec<String>>, _) = per_res.into_iter().unzip();
    let redline_html = redlines(site, wanted);
    Prepared { footnote_html, text_html, redline_html }
}

/// The redline of every amended paragraph against its previous version, computed once.
fn redlines(site: &Site, wanted: &(dyn Fn(usize) -> bool + Sync)) -> Vec<Vec<Option<String>>> {
    site.corpus
        .resolutions
        .par_iter()
        .enumerate()
        .map(|(res, r)| {
            if !wanted(res) {
                return Vec::new();
            }
            r.paragraphs
                .iter()
                .enumerate()
                .map(|(para, p)| {
                    let link = site.lineages.link(ParaRef { res, para });
                    let prev = link.previous.filter(|_| link.change == Change::Amended)?;
                    Some(views::redline_html(&diff::word_diff(&site.corpus.para(prev).text, &p.text)))
                })
                .collect()
        })
        .collect()
}

/// References become links; abbreviations of the glossary become `<abbr>` with the expansion.
fn text_overlays(site: &Site, text: &str, refs: &[Reference]) -> Vec<Overlay> {
    let mut overlays = reference_overlays(refs);
    let hits = crate::glossary::without_references(site.glossary.find(text), refs);
    overlays.extend(hits.into_iter().filter(|h| !h.full_name).map(|h| {
        let e = &site.glossary.entries[h.entry];
        Overlay {
            start: h.start,
            end: h.end,
            open: format!("<abbr title=\"{}\">", markup::escape(&e.expansion)),
            close: "</abbr>",
        }
    }));
    markup::disjoint(overlays)
}

fn reference_overlays(refs: &[Reference]) -> Vec<Overlay> {
    let overlays = refs
        .iter()
        .filter_map(|r| {
            let open = match r.target.as_ref()? {
                Target::Internal { symbol, anchor } => {
                    let path = crate::model::anchor::resolution_path(symbol);
                    let frag = anchor.as_deref().map(|a| format!("#{}", markup::escape(a))).unwrap_or_default();
                    format!("<a class=\"ref\" href=\"{ROOT}{}/index.html{frag}\">", markup::escape(&path))
                }
                Target::External { url, symbol } => format!(
                    "<a class=\"ref ext\" href=\"{}\" rel=\"external noopener\" title=\"{} (United Nations, opens online)\">",
                    markup::escape(url),
                    markup::escape(symbol)
                ),
            };
            Some(Overlay { start: r.start, end: r.end, open, close: "</a>" })
        })
        .collect();
    markup::disjoint(overlays)
}

/// A footnote marker: a link to the note, with the note's text as a tooltip shown on hover and
/// focus (CSS only, so it works without JavaScript).
fn footnote_ref(r: &Resolution, footnotes: &[String], anchor: &str, label: &str) -> String {
    let esc = markup::escape(label);
    let tip = r.footnotes.iter().position(|f| f.label == label).map(|i| footnotes[i].as_str()).unwrap_or("");
    format!(
        "<span class=\"fn\"><a class=\"fnref\" href=\"#fn{esc}\" aria-describedby=\"tip-{a}-{esc}\">{esc}</a><span class=\"fn-tip\" role=\"tooltip\" id=\"tip-{a}-{esc}\">{tip}</span></span>",
        a = markup::escape(anchor)
    )
}

impl Ctx<'_> {
    pub fn render(&self, job: Job, staging: &Staging) -> Result<()> {
        match job {
            Job::Home => self.home(staging),
            Job::Resolution(i) => self.resolution(i, staging),
            Job::Paragraph(p) => self.paragraph(p, staging),
            Job::Changes(i) => self.changes(i, staging),
            Job::TopicList => self.topic_list(staging),
            Job::Topic(i) => self.topic(i, staging),
            Job::Search => self.search(staging),
            Job::SearchIndex => crate::search::write(self.site, staging),
            Job::NotFound => self.not_found(staging),
            Job::Notes => self.notes(staging),
            Job::Glossary => self.glossary(staging),
            Job::Data => super::data::write_all(self, staging),
            Job::Statics => super::statics(self.theme, staging),
        }
    }

    pub(super) fn base(&self, path: &str, title: String, description: String) -> Base<'_> {
        Base {
            root: urls::root_of(path),
            site_title: &self.site.config.title,
            canonical: urls::canonical(self.site.config.base_url.as_deref(), path),
            page_title: title,
            description: summary(&description),
        }
    }

    pub(super) fn write<T: Serialize>(
        &self,
        staging: &Staging,
        path: &str,
        template: &str,
        base: &Base,
        view: &T,
    ) -> Result<()> {
        let mut ctx = self
            .tally
            .time("· context", || super::context::of(view))
            .map_err(|e| anyhow::anyhow!("the view of {path}: {e}"))?;
        ctx.insert("base", base);
        ctx.insert("root", &base.root);
        // The 404 page's root is an absolute URL; every other page's links can be shortened.
        let shorten = base.root == urls::root_of(path);
        self.render_and_write(staging, path, template, &ctx, shorten)
    }

    /// Render `template` and write it at `path`, with links shortened (see
    /// [`urls::shorten_links`]) when `shorten`.
    pub(super) fn render_and_write(
        &self,
        staging: &Staging,
        path: &str,
        template: &str,
        ctx: &Context,
        shorten: bool,
    ) -> Result<()> {
        let t = self.tally;
        let html = t
            .time("· tera", || self.tera.render(template, ctx))
            .map_err(|e| anyhow::anyhow!("rendering {path} with {template}: {}", super::tera_error(&e)))?;
        let html = t.time("· shorten", || if shorten { urls::shorten_links(&html, path) } else { html });
        t.time("· write file", || staging.write(path, html.as_bytes()))
    }

    /// One paragraph as the resolution page shows it (`paragraph-block.html`). The view is
    /// flat, and holds only what the template shows, for the same reason as the paragraph
    /// page's (see `paragraph_page`): this runs for every paragraph of the site.
    fn block(&self, p: ParaRef, page: &str, root: &str) -> Result<String> {
        #[derive(Serialize)]
        struct Block<'a> {
            root: &'a str,
            anchor: &'a str,
            kind: &'static str,
            number: String,
            html: String,
            citation: String,
            /// Its own page, from the site root.
            page: String,
            copy_url: Option<String>,
            topics: Vec<views::Chip<'a>>,
            status: Option<&'a str>,
            notes: Vec<&'a str>,
            /// `new`, `amended` or `same`, when the resolution has a predecessor.
            change_kind: Option<&'static str>,
            moved: bool,
        }
        let site = self.site;
        let r = &site.corpus.resolutions[p.res];
        let para = &r.paragraphs[p.para];
        let in_series = site.lineages.predecessor[p.res].is_some();
        let link = site.lineages.link(p);
        let block = Block {
            root,
            anchor: &para.anchor,
            kind: para.kind.as_str(),
            number: para.display_number(),
            html: urls::resolve_root_marks(&self.prepared.text_html[p.res][p.para], page),
            citation: views::citation(r, para),
            page: urls::paragraph_page(r, &para.anchor),
            copy_url: urls::canonical(site.config.base_url.as_deref(), &urls::paragraph_in_resolution(r, &para.anchor)),
            topics: views::chips(site, p),
            status: para.attrs.status.as_deref(),
            notes: site.notes.of(p).map(|n| n.html.as_str()).collect(),
            change_kind: in_series.then(|| link.change.as_str()),
            moved: in_series && link.moved,
        };
        let ctx = super::context::of(&block).map_err(|e| anyhow::anyhow!("the view of a paragraph block: {e}"))?;
        self.tera
            .render("paragraph-block.html", &ctx)
            .map_err(|e| anyhow::anyhow!("rendering paragraph-block.html: {}", super::tera_error(&e)))
    }

    fn para_view(&self, p: ParaRef) -> ParaView<'_> {
        // Pages show the prepared block; the view's own `html` is left empty.
        ParaView::new(self.site, p, String::new())
    }

    fn home(&self, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct Series<'a> {
            slug: &'a str,
            title: &'a str,
            resolutions: Vec<ResolutionRef<'a>>,
        }
        #[derive(Serialize)]
        struct Home<'a> {
            series: Vec<Series<'a>>,
            topics: Vec<TopicSummary<'a>>,
            paragraphs: usize,
        }
        let corpus = &self.site.corpus;
        let series = corpus
            .series()
            .into_iter()
            .map(|(slug, idx)| Series {
                slug,
                title: &corpus.resolutions[*idx.last().unwrap_or(&0)].title,
                resolutions: idx.iter().rev().map(|&i| ResolutionRef::new(&corpus.resolutions[i])).collect(),
            })
            .collect();
        let view = Home { series, topics: self.topic_summaries(), paragraphs: corpus.paragraph_count() };
        let desc = "UN resolutions with a permanent address and a history for every paragraph".to_string();
        let base = self.base("index.html", self.site.config.title.clone(), desc);
        self.write(staging, "index.html", "index.html", &base, &view)
    }

    fn resolution(&self, i: usize, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct SectionView<'a> {
            id: Option<&'a str>,
            heading: Option<&'a str>,
            paragraphs: Vec<String>,
        }
        #[derive(Serialize)]
        struct Page<'a> {
            r: ResolutionRef<'a>,
            body: &'a str,
            meeting: Option<&'a str>,
            formula: Option<&'a str>,
            recommendation: Option<&'a str>,
            source: Option<&'a str>,
            preamble: Vec<String>,
            sections: Vec<SectionView<'a>>,
            toc: Vec<(&'a str, &'a str)>,
            footnotes: Vec<FootnoteView<'a>>,
            previous: Option<ResolutionRef<'a>>,
            next: Option<ResolutionRef<'a>>,
            changes_href: String,
            counts: BTreeMap<&'static str, usize>,
            cited_by: Vec<Citing>,
            akn: String,
        }
        let r = &self.site.corpus.resolutions[i];
        let path = urls::resolution_page(r);
        let base = self.base(&path, r.symbol.clone(), r.title.clone());
        let mut preamble = Vec::new();
        let mut sections: Vec<SectionView> = Vec::new();
        for (para, p) in r.paragraphs.iter().enumerate() {
            let view = self.block(ParaRef { res: i, para }, &path, &base.root)?;
            if p.kind == Kind::Preambular {
                preamble.push(view);
                continue;
            }
            let section = p.section.map(|s| &r.sections[s]);
            let same = sections.last().is_some_and(|s| s.id == section.map(|s| s.id.as_str()));
            if !same {
                sections.push(SectionView {
                    id: section.map(|s| s.id.as_str()),
                    heading: section.map(|s| s.heading.as_str()),
                    paragraphs: Vec::new(),
                });
            }
            sections.last_mut().expect("pushed above").paragraphs.push(view);
        }
        let (previous, next) = self.neighbours_in_series(i);
        let mut counts = BTreeMap::new();
        for (para, _) in r.paragraphs.iter().enumerate() {
            if self.site.lineages.predecessor[i].is_some() {
                *counts.entry(self.site.lineages.link(ParaRef { res: i, para }).change.as_str()).or_insert(0) += 1;
            }
        }
        let view = Page {
            r: ResolutionRef::new(r),
            body: &r.body,
            meeting: r.meeting.as_deref(),
            formula: r.formula.as_deref(),
            recommendation: r.recommendation.as_deref(),
            source: r.source.as_deref(),
            preamble,
            sections,
            toc: r.sections.iter().map(|s| (s.id.as_str(), s.heading.as_str())).collect(),
            footnotes: self.footnotes(i, None, &path),
            previous,
            next,
            changes_href: urls::changes_page(r),
            counts,
            cited_by: self.citing(self.site.references.resolution_cited_by.get(i).map(Vec::as_slice).unwrap_or(&[])),
            akn: if self.site.config.exports.akn { super::akn::path(r) } else { String::new() },
        };
        self.write(staging, &path, "resolution.html", &base, &view)
    }

    fn neighbours_in_series(&self, i: usize) -> (Option<ResolutionRef<'_>>, Option<ResolutionRef<'_>>) {
        let corpus = &self.site.corpus;
        let series = &corpus.resolutions[i].series;
        let prev = (0..i).rev().find(|&j| &corpus.resolutions[j].series == series);
        let next = (i + 1..corpus.resolutions.len()).find(|&j| &corpus.resolutions[j].series == series);
        (
            prev.map(|j| ResolutionRef::new(&corpus.resolutions[j])),
            next.map(|j| ResolutionRef::new(&corpus.resolutions[j])),
        )
    }

    /// The footnotes of resolution `i`, or only those `labels` name, as shown on `page`.
    pub(super) fn footnotes(&self, i: usize, labels: Option<&[String]>, page: &str) -> Vec<FootnoteView<'_>> {
        let r = &self.site.corpus.resolutions[i];
        r.footnotes
            .iter()
            .enumerate()
            .filter(|(_, f)| labels.is_none_or(|l| l.contains(&f.label)))
            .map(|(n, f)| FootnoteView {
                label: &f.label,
                anchor: f.anchor(),
                html: urls::resolve_root_marks(&self.prepared.footnote_html[i][n], page),
            })
            .collect()
    }

    pub(super) fn citing(&self, refs: &[ParaRef]) -> Vec<Citing> {
        refs.iter()
            .map(|&q| {
                let r = &self.site.corpus.resolutions[q.res];
                let p = self.site.corpus.para(q);
                Citing { label: views::citation(r, p), href: urls::paragraph_page(r, &p.anchor) }
            })
            .collect()
    }

    fn changes(&self, i: usize, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct Row<'a> {
            change: &'static str,
            moved: bool,
            this: Option<ParaView<'a>>,
            previous_label: Option<String>,
            previous_href: Option<String>,
            previous_text: Option<&'a str>,
            redline: Option<String>,
        }
        #[derive(Serialize)]
        struct Page<'a> {
            r: ResolutionRef<'a>,
            previous: Option<ResolutionRef<'a>>,
            rows: Vec<Row<'a>>,
            counts: BTreeMap<&'static str, usize>,
        }
        let r = &self.site.corpus.resolutions[i];
        let path = urls::changes_page(r);
        let base = self.base(&path, format!("{}: changes", r.symbol), format!("What changed in {}", r.symbol));
        let previous = self.site.lineages.predecessor[i].map(|j| ResolutionRef::new(&self.site.corpus.resolutions[j]));
        let mut rows = Vec::new();
        let mut counts = BTreeMap::new();
        if previous.is_some() {
            for para in 0..r.paragraphs.len() {
                let q = ParaRef { res: i, para };
                let link = self.site.lineages.link(q);
                *counts.entry(link.change.as_str()).or_insert(0) += 1;
                if link.change == Change::Same && !link.moved {
                    continue;
                }
                let prev = link.previous.map(|pr| (pr, self.site.corpus.para(pr)));
                let prev_res = prev.map(|(pr, _)| &self.site.corpus.resolutions[pr.res]);
                rows.push(Row {
                    change: link.change.as_str(),
                    moved: link.moved,
                    this: Some(self.para_view(q)),
                    previous_label: prev.zip(prev_res).map(|((_, pp), pr)| views::citation(pr, pp)),
                    previous_href: prev.zip(prev_res).map(|((_, pp), pr)| urls::paragraph_page(pr, &pp.anchor)),
                    previous_text: prev.map(|(_, pp)| pp.text.as_str()),
                    redline: self.prepared.redline_html[i][para].clone(),
                });
            }
            for &d in &self.site.lineages.dropped[i] {
                let pr = &self.site.corpus.resolutions[d.res];
                let pp = self.site.corpus.para(d);
                *counts.entry("dropped").or_insert(0) += 1;
                rows.push(Row {
                    change: "dropped",
                    moved: false,
                    this: None,
                    previous_label: Some(views::citation(pr, pp)),
                    previous_href: Some(urls::paragraph_page(pr, &pp.anchor)),
                    previous_text: Some(&pp.text),
                    redline: None,
                });
            }
        }
        let view = Page { r: ResolutionRef::new(r), previous, rows, counts };
        self.write(staging, &path, "changes.html", &base, &view)
    }

    fn topic_summaries(&self) -> Vec<TopicSummary<'_>> {
        let corpus = &self.site.corpus;
        self.site
            .topics
            .topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let per_resolution: Vec<(String, usize)> = corpus
                    .resolutions
                    .iter()
                    .enumerate()
                    .map(|(res, r)| {
                        let n = (0..r.paragraphs.len())
                            .filter(|&para| self.site.topics.of(ParaRef { res, para }).iter().any(|h| h.topic == t))
                            .count();
                        (r.symbol.clone(), n)
                    })
                    .collect();
                TopicSummary {
                    slug: &topic.slug,
                    name: &topic.name,
                    description: &topic.description,
                    href: urls::topic_page(&topic.slug),
                    total: per_resolution.iter().map(|(_, n)| n).sum(),
                    per_resolution,
                }
            })
            .collect()
    }

    fn topic_list(&self, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct Page<'a> {
            topics: Vec<TopicSummary<'a>>,
            resolutions: Vec<ResolutionRef<'a>>,
        }
        let path = "topics/index.html";
        let base = self.base(path, "Topics".into(), "Topics across the resolutions".into());
        let view = Page {
            topics: self.topic_summaries(),
            resolutions: self.site.corpus.resolutions.iter().map(ResolutionRef::new).collect(),
        };
        self.write(staging, path, "topics.html", &base, &view)
    }

    fn topic(&self, t: usize, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct Item<'a> {
            citation: String,
            href: String,
            page: String,
            excerpt: String,
            since: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            r: ResolutionRef<'a>,
            items: Vec<Item<'a>>,
        }
        #[derive(Serialize)]
        struct Page<'a> {
            topic: &'a crate::topics::Topic,
            groups: Vec<Group<'a>>,
            chart: String,
        }
        let topic = &self.site.topics.topics[t];
        let path = urls::topic_page(&topic.slug);
        let base = self.base(&path, topic.name.clone(), topic.description.clone());
        let corpus = &self.site.corpus;
        let mut groups = Vec::new();
        let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
        for (res, r) in corpus.resolutions.iter().enumerate().rev() {
            let mut items = Vec::new();
            for (para, p) in r.paragraphs.iter().enumerate() {
                let q = ParaRef { res, para };
                let Some(hit) = self.site.topics.of(q).iter().find(|h| h.topic == t) else { continue };
                let first = self.site.lineages.first_appeared(q);
                items.push(Item {
                    citation: views::citation(r, p),
                    href: urls::paragraph_in_resolution(r, &p.anchor),
                    page: urls::paragraph_page(r, &p.anchor),
                    excerpt: excerpt_html(&p.text, &hit.matched),
                    since: (first != q).then(|| corpus.resolutions[first.res].symbol.as_str()),
                });
            }
            *per_year.entry(r.year()).or_insert(0) += items.len();
            if !items.is_empty() {
                groups.push(Group { r: ResolutionRef::new(r), items });
            }
        }
        let view = Page { topic, groups, chart: chart_svg(&topic.name, &per_year) };
        self.write(staging, &path, "topic.html", &base, &view)
    }

    fn glossary(&self, staging: &Staging) -> Result<()> {
        let path = "glossary/index.html";
        let base = self.base(path, "Glossary".into(), "Abbreviations and bodies named in the resolutions".into());
        let entries: Vec<serde_json::Value> = self
            .site
            .glossary
            .entries
            .iter()
            .map(|e| serde_json::json!({"slug": e.slug(), "term": e.term, "expansion": e.expansion, "description": e.description}))
            .collect();
        self.write(staging, path, "glossary.html", &base, &serde_json::json!({ "entries": entries }))
    }

    fn notes(&self, staging: &Staging) -> Result<()> {
        #[derive(Serialize)]
        struct Item<'a> {
            citation: String,
            href: String,
            html: &'a str,
        }
        let path = "notes/index.html";
        let base = self.base(path, "Editorial notes".into(), "Editorial notes on the resolutions".into());
        let items: Vec<Item> = self
            .site
            .notes
            .notes
            .iter()
            .map(|n| {
                let r = &self.site.corpus.resolutions[n.target.res];
                let p = self.site.corpus.para(n.target);
                Item { citation: views::citation(r, p), href: urls::paragraph_page(r, &p.anchor), html: &n.html }
            })
            .collect();
        self.write(staging, path, "notes.html", &base, &serde_json::json!({ "notes": items }))
    }

    fn search(&self, staging: &Staging) -> Result<()> {
        let path = "search/index.html";
        let base = self.base(path, "Search".into(), "Search the resolutions".into());
        self.write(staging, path, "search.html", &base, &serde_json::json!({}))
    }

    fn not_found(&self, staging: &Staging) -> Result<()> {
        // GitHub Pages serves 404.html at any missing path, so relative links cannot work:
        // use absolute ones from base_url, or the site root when none is set.
        let mut base = self.base("404.html", "Page not found".into(), "Page not found".into());
        base.root = self.site.config.base_url.clone().unwrap_or_else(|| "/".into());
        self.write(staging, "404.html", "404.html", &base, &serde_json::json!({}))
    }
}

#[derive(Serialize)]
pub(super) struct Citing {
    label: String,
    pub(super) href: String,
}

#[derive(Serialize)]
pub struct TopicSummary<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    href: String,
    total: usize,
    per_resolution: Vec<(String, usize)>,
}

#[derive(Serialize)]
pub(super) struct RefView<'a> {
    text: &'a str,
    kind: crate::references::RefKind,
    pub(super) internal: Option<String>,
    external: Option<&'a str>,
}

impl<'a> RefView<'a> {
    pub(super) fn new(r: &'a Reference) -> Self {
        let (internal, external) = match &r.target {
            Some(Target::Internal { symbol, anchor }) => {
                let path = crate::model::anchor::resolution_path(symbol);
                (
                    Some(format!(
                        "{path}/index.html{}",
                        anchor.as_deref().map(|a| format!("#{a}")).unwrap_or_default()
                    )),
                    None,
                )
            }
            Some(Target::External { url, .. }) => (None, Some(url.as_str())),
            None => (None, None),
        };
        RefView { text: &r.text, kind: r.kind, internal, external }
    }
}

/// A description for meta tags and share cards: whole words, at most about 300 characters
/// (what link previews show), so long paragraphs are not repeated in full in the head.
pub(super) fn summary(text: &str) -> String {
    const MAX: usize = 120;
    if text.len() <= MAX {
        return text.to_string();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", text[..cut].trim_end_matches([',', ';', ':']))
}

/// One line around the first matched words, with every match in `<mark>`.
fn excerpt_html(text: &str, matched: &[(usize, usize)]) -> String {
    const BEFORE: usize = 80;
    const LEN: usize = 240;
    let first = matched.first().map(|m| m.0).unwrap_or(0);
    let mut start = first.saturating_sub(BEFORE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[start..].find(' ').map(|i| start + i + 1).filter(|&s| s <= first).unwrap_or(start);
    }
    let mut end = (start + LEN).min(text.len()).max(matched.first().map(|m| m.1).unwrap_or(0).min(text.len()));
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        // End on a word boundary, never inside a match.
        let last_match = matched.iter().map(|m| m.1).filter(|&e| e <= end).max().unwrap_or(0);
        end = text[..end].rfind(' ').filter(|&i| i >= last_match.max(start)).unwrap_or(end);
    }
    let overlays: Vec<Overlay> = matched
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|&(s, e)| Overlay { start: s - start, end: e - start, open: "<mark>".into(), close: "</mark>" })
        .collect();
    let runs = [crate::model::Inline::Text(text[start..end].to_string())];
    let mut html = markup::inline_html(&runs, &markup::disjoint(overlays), &|_| String::new());
    if start > 0 {
        html.insert_str(0, "… ");
    }
    if end < text.len() {
        html.push_str(" …");
    }
    html
}

/// A small bar chart of paragraphs per year, drawn at build time (no JavaScript).
fn chart_svg(name: &str, per_year: &BTreeMap<i32, usize>) -> String {
    let max = per_year.values().copied().max().unwrap_or(0).max(1);
    // `top` leaves room for the count above the tallest bar.
    let (bar, gap, height, top) = (28, 12, 120, 18);
    let width = per_year.len() * (bar + gap) + gap;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {h}\" width=\"{width}\" height=\"{h}\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{} paragraphs per year</title>",
        markup::escape(name),
        h = height + top + 40
    );
    for (i, (year, n)) in per_year.iter().enumerate() {
        let h = n * height / max;
        let x = gap + i * (bar + gap);
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\"><title>{year}: {n}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{n}</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
            top + height + 10 - h,
            x + bar / 2,
            top + height + 6 - h,
            x + bar / 2,
            top + height + 30
        ));
    }
    svg.push_str("</svg>");
    svg
}
