//! agreed: UN resolutions → a static site where every paragraph has a permanent address and a
//! history across the years.
//!
//! The pipeline, one module per stage:
//! `content` (files → [`model::Corpus`]) → `lineage`, `topics`, `references` (what the corpus
//! means) → `render` (pages) → `output` (written atomically to `site/`).

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod diff_cmd;
pub mod glossary;
pub mod import;
pub mod lineage;
pub mod model;
pub mod notes;
pub mod output;
pub mod references;
pub mod render;
pub mod search;
pub mod serve;
pub mod timings;
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
    /// Overrides in `content/lineage-overrides.toml` that no longer apply.
    pub lineage_warnings: Vec<diagnostics::Warning>,
    pub topics: topics::TopicIndex,
    pub references: references::References,
    pub notes: notes::Notes,
    pub glossary: glossary::Glossary,
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
    let t = timings::Timer::start();
    let (corpus, ()) = rayon::join(|| content::load(&config.content_dir), references::recognise::prepare);
    let corpus = corpus?;
    t.lap("load and parse");
    analyse_corpus(config, corpus)
}

/// The stages after loading, for a corpus already in memory (`agreed serve` re-reads only the
/// files that changed).
pub fn analyse_corpus(config: &Config, corpus: model::Corpus) -> Result<Site> {
    analyse_corpus_cached(config, corpus, &mut AnalysisCache::default())
}

/// What analysing one resolution costs most (its alignments and references), kept between
/// builds by `agreed serve`; see [`lineage::AlignCache`] and [`references::ReferenceCache`].
#[derive(Default)]
pub struct AnalysisCache {
    pub align: lineage::AlignCache,
    pub references: references::ReferenceCache,
}

/// [`analyse_corpus`], reusing and filling `cache`.
pub fn analyse_corpus_cached(config: &Config, corpus: model::Corpus, cache: &mut AnalysisCache) -> Result<Site> {
    let t = timings::Timer::start();
    let overrides = lineage::Overrides::load(&config.content_dir)?;
    let (lineages, lineage_warnings) = lineage::align_cached(&corpus, &overrides, &mut cache.align);
    t.lap("lineage");
    let taxonomy = topics::load(&config.content_dir)?;
    let topics = topics::index(&corpus, &taxonomy);
    t.lap("topics");
    let references = references::resolve_cached(&corpus, &mut cache.references);
    t.lap("references");
    let notes = notes::load(&config.content_dir, &corpus)?;
    let glossary = glossary::load(&config.content_dir)?;
    Ok(Site { config: config.clone(), corpus, lineages, lineage_warnings, topics, references, notes, glossary })
}

impl Site {
    /// Everything worth an editor's attention that did not stop the build.
    pub fn warnings(&self) -> Vec<diagnostics::Warning> {
        self.lineage_warnings.iter().chain(&self.topics.warnings).chain(&self.references.warnings).cloned().collect()
    }
}

/// Build the site: analyse, render every page, swap the new site in atomically.
pub fn build(config: &Config) -> Result<BuildReport> {
    let started = Instant::now();
    let site = analyse(config)?;
    let theme = render::Theme::load(config.theme_dir.as_deref())?;
    let staging = output::Staging::create(&config.output_dir, config.minify)?;
    let t = timings::Timer::start();
    render::all(&site, &theme, &staging)?;
    t.lap("render and write");
    let written = staging.commit()?;
    t.lap("swap");
    let report = BuildReport {
        resolutions: site.corpus.resolutions.len(),
        paragraphs: site.corpus.paragraph_count(),
        pages: written.files,
        bytes: written.bytes,
        millis: started.elapsed().as_millis(),
        warnings: site.warnings(),
    };
    // Freeing a large corpus piece by piece takes a noticeable moment after the site is
    // written; nothing waits for it.
    std::thread::spawn(move || drop(site));
    Ok(report)
}

/// Run one command of the command line.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Build(args) => build_command(&args),
        Command::Import(args) => import::run(&import::ImportOptions {
            files: args.files,
            out_dir: args.out,
            symbol: args.symbol,
            force: args.force,
            check: args.check,
        }),
        Command::Check(args) => check_command(&args),
        Command::Serve(args) => {
            let b = &args.build;
            serve::run(Config::load(&b.site.root, b.output.as_deref(), b.base_url.as_deref())?, args.port)
        }
        Command::Diff(args) => diff_cmd::run(&args),
        Command::Topics(args) => topics_command(&args),
    }
}

fn build_command(args: &cli::BuildArgs) -> Result<()> {
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
    if let Some(note) = pages_size_note(report.bytes, config.exports) {
        eprintln!("{note}");
    }
    Ok(())
}

/// GitHub Pages publishes sites of at most 1 GB.
pub const PAGES_LIMIT_BYTES: u64 = 1_000_000_000;

/// What to tell the user whose site is too large for GitHub Pages, and what would shrink it.
pub fn pages_size_note(bytes: u64, exports: config::Exports) -> Option<String> {
    if bytes <= PAGES_LIMIT_BYTES {
        return None;
    }
    let mut note =
        format!("note: the site is {:.2} GB; GitHub Pages publishes sites of at most 1 GB.", bytes as f64 / 1e9);
    let on: Vec<&str> =
        [(exports.csv, "csv"), (exports.akn, "akn")].into_iter().filter_map(|(on, name)| on.then_some(name)).collect();
    if !on.is_empty() {
        let switches: Vec<String> = on.iter().map(|name| format!("{name} = false")).collect();
        note.push_str(&format!(
            " The CSV and Akoma Ntoso exports are a fifth of a large site: `[data] {}` in agreed.toml leaves them out.",
            switches.join(", ")
        ));
    }
    note.push_str(" See README, \"Large sites\".");
    Some(note)
}

fn check_command(args: &cli::SiteArgs) -> Result<()> {
    let report = check::check_project(&args.root)?;
    for problem in &report.problems {
        println!("{problem}");
    }
    if !report.problems.is_empty() {
        anyhow::bail!("check found {} problem(s)", report.problems.len());
    }
    eprintln!(
        "content and links are valid: {} resolutions, {} paragraphs, {} pages",
        report.resolutions, report.paragraphs, report.pages
    );
    Ok(())
}

fn topics_command(args: &cli::TopicsArgs) -> Result<()> {
    let config = Config::load(&args.site.root, None, None)?;
    let corpus = content::load(&config.content_dir)?;
    let taxonomy = topics::load(&config.content_dir)?;
    if let [symbol, anchor] = args.explain.as_slice() {
        let text =
            topics::explain::explain_paragraph(&corpus, &taxonomy, symbol, anchor).map_err(anyhow::Error::msg)?;
        print!("{text}");
    } else {
        let index = topics::index(&corpus, &taxonomy);
        for w in &index.warnings {
            eprintln!("{w}");
        }
        print!("{}", topics::explain::summary(&corpus, &index));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_over_the_github_pages_limit_gets_a_note_naming_what_would_shrink_it() {
        let all = config::Exports { csv: true, akn: true };
        assert_eq!(pages_size_note(PAGES_LIMIT_BYTES, all), None, "1 GB fits");
        let note = pages_size_note(2_209_000_000, all).expect("2.2 GB does not");
        assert!(note.contains("2.21 GB") && note.contains("`[data] csv = false, akn = false`"), "{note}");
        let csv_off = pages_size_note(1_500_000_000, config::Exports { csv: false, akn: true }).unwrap();
        assert!(csv_off.contains("`[data] akn = false`"), "{csv_off}");
        let both_off = pages_size_note(1_500_000_000, config::Exports { csv: false, akn: false }).unwrap();
        assert!(!both_off.contains("[data]") && both_off.contains("Large sites"), "{both_off}");
    }
}
