//! Rendering: the analysed [`Site`] → files under the staging folder.
//!
//! Paragraph text HTML is rendered once ([`Prepared`]) and reused by every page that shows the
//! paragraph; pages are rendered in parallel with Tera templates from the theme and written as
//! soon as they are rendered, so memory stays flat however large the corpus.

mod akn;
mod context;
mod data;
mod feeds;
pub mod markup;
mod pages;
mod paragraph_page;
mod sitemap;
pub mod theme;
pub mod urls;
mod views;

use anyhow::{Context, Result};
use rayon::prelude::*;
use tera::Tera;

pub use theme::Theme;

use crate::model::ParaRef;
use crate::output::Staging;
use crate::Site;

/// Everything rendered once per build and shared by the pages.
pub struct Prepared {
    /// Per resolution, per footnote.
    pub footnote_html: Vec<Vec<String>>,
    /// Per resolution, per paragraph: the paragraph's text as HTML (references as links,
    /// footnote markers), with [`markup::ROOT`] for the path to the site root.
    pub text_html: Vec<Vec<String>>,
    /// Per resolution, per paragraph: the redline against the previous version, when amended.
    pub redline_html: Vec<Vec<Option<String>>>,
}

/// The pages of the site, each a job that renders and writes one or more files.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Resolution(usize),
    Paragraph(ParaRef),
    Changes(usize),
    TopicList,
    Topic(usize),
    Search,
    /// `search/index.js`, the offline search index.
    SearchIndex,
    NotFound,
    Data,
    Notes,
    Glossary,
    /// The theme's static files and the notes' highlighting stylesheet.
    Statics,
}

/// Render the whole site into `staging`.
pub fn all(site: &Site, theme: &Theme, staging: &Staging) -> Result<()> {
    render(site, theme, staging, &|_| true, true)
}

/// Render only the pages of the resolutions `wanted` accepts (resolution, paragraph and
/// changes pages): `agreed serve` redoes these first after an edit, so the page being read is
/// back quickly, and the site-wide files after.
pub fn resolutions(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
    wanted: &(dyn Fn(usize) -> bool + Sync),
) -> Result<()> {
    render(site, theme, staging, wanted, false)
}

/// Render every page that is not one resolution's (home, topics, search, data files, …) and
/// the theme's static files.
pub fn site_wide(site: &Site, theme: &Theme, staging: &Staging) -> Result<()> {
    render(site, theme, staging, &|_| false, true)
}

fn render(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    site_wide: bool,
) -> Result<()> {
    let t = crate::timings::Timer::start();
    let renderer = Renderer::for_resolutions(site, theme, wanted)?;
    t.lap("templates and paragraph HTML");
    let jobs: Vec<Job> = jobs(site).into_iter().filter(|job| job.resolution().map_or(site_wide, wanted)).collect();
    let progress = progress_bar(jobs.len());
    let ctx = renderer.ctx();
    jobs.par_iter()
        .map(|job| {
            progress.inc(1);
            renderer.tally.time(job.kind(), || ctx.render(*job, staging))
        })
        .collect::<Result<()>>()?;
    progress.finish_and_clear();
    renderer.tally.print();
    Ok(())
}

/// The theme's static files, `.nojekyll` and the stylesheet of highlighted notes (loading
/// syntect's themes for it takes a while: a job of its own, not a step after all the pages).
pub(crate) fn statics(theme: &Theme, staging: &Staging) -> Result<()> {
    for (path, bytes) in theme.statics() {
        staging.write(path, bytes)?;
    }
    staging.write(".nojekyll", b"")?;
    staging.write("static/highlight.css", crate::notes::highlight_css().as_bytes())
}

/// What every page is rendered with: the compiled templates and the HTML prepared once per
/// build. Public so that one page can be rendered alone (the `stages` benchmark).
pub struct Renderer<'s> {
    site: &'s Site,
    theme: &'s Theme,
    tera: Tera,
    prepared: Prepared,
    tally: crate::timings::Tally,
}

impl<'s> Renderer<'s> {
    /// Ready to render any page of `site`.
    pub fn new(site: &'s Site, theme: &'s Theme) -> Result<Renderer<'s>> {
        Renderer::for_resolutions(site, theme, &|_| true)
    }

    fn for_resolutions(
        site: &'s Site,
        theme: &'s Theme,
        wanted: &(dyn Fn(usize) -> bool + Sync),
    ) -> Result<Renderer<'s>> {
        // Compiling the templates is serial: it runs beside the (parallel) paragraph HTML.
        let (tera, prepared) = rayon::join(|| templates(theme), || pages::prepare(site, wanted));
        let tera = tera?;
        Ok(Renderer { site, theme, tera, prepared, tally: crate::timings::Tally::default() })
    }

    fn ctx(&self) -> pages::Ctx<'_> {
        pages::Ctx {
            site: self.site,
            theme: self.theme,
            tera: &self.tera,
            prepared: &self.prepared,
            tally: &self.tally,
        }
    }

    /// Render and write the page of paragraph `p`.
    pub fn paragraph_page(&self, p: ParaRef, staging: &Staging) -> Result<()> {
        self.ctx().render(Job::Paragraph(p), staging)
    }

    /// Render and write the page of resolution `i` (the whole text).
    pub fn resolution_page(&self, i: usize, staging: &Staging) -> Result<()> {
        self.ctx().render(Job::Resolution(i), staging)
    }
}

/// A progress bar on a terminal for builds long enough to want one; hidden otherwise (the
/// one-line summary is printed by the caller).
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < 5_000 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
        bar.set_style(style);
    }
    bar
}

impl Job {
    fn kind(self) -> &'static str {
        match self {
            Job::Home => "home",
            Job::Resolution(_) => "resolution page",
            Job::Paragraph(_) => "paragraph page",
            Job::Changes(_) => "changes page",
            Job::TopicList | Job::Topic(_) => "topic page",
            Job::Search | Job::SearchIndex => "search",
            Job::NotFound | Job::Notes | Job::Glossary => "other page",
            Job::Statics => "static files",
            Job::Data => "data files",
        }
    }

    /// The resolution whose pages this job renders, if any.
    fn resolution(self) -> Option<usize> {
        match self {
            Job::Resolution(i) | Job::Changes(i) => Some(i),
            Job::Paragraph(p) => Some(p.res),
            _ => None,
        }
    }
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Statics,
        Job::Home,
        Job::TopicList,
        Job::Search,
        Job::SearchIndex,
        Job::NotFound,
        Job::Data,
        Job::Notes,
        Job::Glossary,
    ];
    for (i, r) in site.corpus.resolutions.iter().enumerate() {
        jobs.push(Job::Resolution(i));
        jobs.push(Job::Changes(i));
        jobs.extend((0..r.paragraphs.len()).map(|para| Job::Paragraph(ParaRef { res: i, para })));
    }
    jobs.extend((0..site.topics.topics.len()).map(Job::Topic));
    jobs
}

/// Compile the theme's templates. Each template is minified once here (keeping Tera's
/// `{{ }}`/`{% %}`), so pages need no per-page minification to be compact.
fn templates(theme: &Theme) -> Result<Tera> {
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    let mut sources = Vec::new();
    for (name, bytes) in theme.templates() {
        let text = std::str::from_utf8(bytes).with_context(|| format!("template {name} is not UTF-8"))?;
        let text = if name.ends_with(".html") {
            String::from_utf8(minify_html::minify(text.as_bytes(), &cfg)).unwrap_or_else(|_| text.to_string())
        } else {
            text.to_string()
        };
        sources.push((name.to_string(), text));
    }
    let mut tera = Tera::default();
    tera.add_raw_templates(sources).map_err(|e| anyhow::anyhow!(tera_error(&e)))?;
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also turns `/` into `&#x2F;`, which bloats every relative link six
    // times over for no safety gain: `/` cannot end an attribute value or start a tag.
    tera.set_escape_fn(markup::escape);
    Ok(tera)
}

/// Tera nests the useful message in its error chain.
pub(crate) fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
