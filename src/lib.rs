//! agreed: UN resolutions → a static site where every paragraph has a permanent address and a
//! history across the years.
//!
//! The pipeline, one module per stage:
//! `content` (files → [`model::Corpus`]) → `lineage`, `topics`, `references` (what the corpus
//! means) → `render` (pages) → `output` (written atomically to `site/`).

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod diff_cmd;
pub mod import;
pub mod lineage;
pub mod model;
pub mod output;
pub mod references;
pub mod render;
pub mod search;
pub mod topics;

use std::time::Instant;

use anyhow::Result;

use cli::Command;
use config::Config;

/// Everything the pipeline knows about the content; what the renderer reads.
pub struct Site {
    pub config: Config,
    pub corpus: model::Corpus,
    pub lineages: lineage::Lineages,
    pub topics: topics::TopicIndex,
    pub references: references::References,
}

/// What a build did, for the one-line summary.
#[derive(Debug)]
pub struct BuildReport {
    pub resolutions: usize,
    pub paragraphs: usize,
    pub pages: usize,
    pub bytes: u64,
    pub millis: u128,
    pub warnings: Vec<diagnostics::Warning>,
}

/// Read the content and work out everything the pages show, without writing anything.
pub fn analyse(config: &Config) -> Result<Site> {
    let corpus = content::load(&config.content_dir)?;
    let (lineages, lineage_warnings) = lineage::align(&corpus, &lineage::Overrides::load(&config.content_dir)?);
    lineage_warnings.iter().for_each(|w| eprintln!("{w}"));
    let taxonomy = topics::load(&config.content_dir)?;
    let topics = topics::index(&corpus, &taxonomy);
    let references = references::resolve(&corpus);
    Ok(Site { config: config.clone(), corpus, lineages, topics, references })
}

/// Build the site: analyse, render every page, swap the new site in atomically.
pub fn build(config: &Config) -> Result<BuildReport> {
    let started = Instant::now();
    let site = analyse(config)?;
    let theme = render::Theme::load(config.theme_dir.as_deref())?;
    let pages = render::all(&site, &theme)?;
    let written = output::write_atomically(&config.output_dir, &pages, config.minify)?;
    Ok(BuildReport {
        resolutions: site.corpus.resolutions.len(),
        paragraphs: site.corpus.paragraph_count(),
        pages: written.pages,
        bytes: written.bytes,
        millis: started.elapsed().as_millis(),
        warnings: Vec::new(),
    })
}

/// Run one command of the command line.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Build(args) => {
            let config = Config::load(&args.site.root, args.output.as_deref(), args.base_url.as_deref())?;
            let report = build(&config)?;
            for w in &report.warnings {
                eprintln!("{w}");
            }
            eprintln!(
                "built {} resolutions, {} paragraphs: {} files, {:.1} MB in {} ms → {}",
                report.resolutions,
                report.paragraphs,
                report.pages,
                report.bytes as f64 / 1e6,
                report.millis,
                config.output_dir.display()
            );
            Ok(())
        }
        Command::Import(args) => import::run(&import::ImportOptions {
            files: args.files,
            out_dir: args.out,
            symbol: args.symbol,
            force: args.force,
            check: args.check,
        }),
        Command::Check(args) => {
            let config = Config::load(&args.root, None, None)?;
            let site = analyse(&config)?;
            eprintln!("content is valid: {} resolutions, {} paragraphs", site.corpus.resolutions.len(), site.corpus.paragraph_count());
            Ok(())
        }
        Command::Serve(_) => anyhow::bail!("serve is not implemented yet"),
        Command::Diff(args) => diff_cmd::run(&args),
        Command::Topics(_) => anyhow::bail!("topics is not implemented yet"),
    }
}
