//! Topics: a taxonomy an editor writes (`content/topics.toml`) and the paragraphs it matches.
//!
//! This module owns what a paragraph is *about*. An editor describes each topic once, with the
//! phrases that signal it, the look-alikes that do not, and the section headings whose
//! paragraphs belong to it; [`load`] reads and checks that file and compiles every phrase of
//! every topic into one automaton ([`matcher`]); [`index`] runs it once over each paragraph
//! (in parallel) and resolves the evidence ([`assign`]): phrase hits minus exclusions, section
//! context, inheritance from a chapeau, and the editor's manual `topics="+a -b"` tags, which
//! always win. Each [`TopicHit`] keeps the byte ranges of `Paragraph.text` that matched, for
//! highlighting, and the rules that fired, for `agreed topics --explain` ([`explain`]).

mod assign;
pub mod explain;
mod matcher;
mod normalize;
mod taxonomy;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use assign::{Evidence, Rejection, TopicTrace};
pub use matcher::{Matcher, Occurrence, Role};
pub use normalize::Normalized;

use crate::diagnostics::{SourceError, Warning};
use crate::model::{Corpus, ParaRef};

/// The file, under the content folder, that holds the taxonomy.
pub const TAXONOMY_FILE: &str = "topics.toml";

/// One topic of the taxonomy, as written in `topics.toml`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Topic {
    /// Permanent identifier and URL segment: `topics/<slug>/`.
    pub slug: String,
    pub name: String,
    /// One or two sentences for the topic page.
    pub description: String,
    /// Matching issues of the dig.watch taxonomy (https://dig.watch/topics).
    pub digwatch: Vec<String>,
    /// Matching descriptors of the UNBIS Thesaurus (as printed there, in capitals).
    pub unbis: Vec<String>,
    /// Phrases that assign the topic (see docs/topics.md for the syntax).
    pub phrases: Vec<String>,
    /// Look-alikes: a phrase hit overlapping one of these does not count.
    pub exclude: Vec<String>,
    /// A paragraph under a heading containing one of these belongs to the topic.
    pub sections: Vec<String>,
    /// Phrases that count only under certain headings ("the Forum" under "Internet governance").
    pub context: Vec<Context>,
    /// Sub-paragraphs inherit the topic from their chapeau.
    pub inherit: bool,
    /// Line of `topics.toml` holding the topic's slug.
    #[serde(skip)]
    pub line: usize,
}

/// Phrases that assign a topic only to paragraphs under a heading containing one of `sections`:
/// a back-reference such as "the Forum" means the IGF only in the Internet governance part.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Context {
    pub sections: Vec<String>,
    pub phrases: Vec<String>,
}

/// A topic on a paragraph, with the byte ranges of the plain text that matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TopicHit {
    /// Index into [`TopicIndex::topics`].
    pub topic: usize,
    /// Byte ranges of `Paragraph.text` to highlight, sorted, not overlapping; empty when the
    /// topic came from a section, a chapeau or a manual tag.
    pub matched: Vec<(usize, usize)>,
    /// Which rule put it there, in one line, e.g. `phrase "gender digital divide"`.
    pub rule: String,
    /// Every rule that put it there.
    pub evidence: Vec<Evidence>,
}

/// A taxonomy read from `topics.toml`, compiled for matching.
#[derive(Debug, Default, Clone)]
pub struct Taxonomy {
    pub topics: Vec<Topic>,
    /// The file it was read from, for messages.
    pub file: Option<PathBuf>,
    matcher: Matcher,
}

impl Taxonomy {
    /// A taxonomy of these topics (already checked), compiled.
    pub fn new(topics: Vec<Topic>) -> Taxonomy {
        let matcher = Matcher::new(&topics);
        Taxonomy { topics, file: None, matcher }
    }

    /// Parse and check the text of a taxonomy file; errors name `file` and the line.
    pub fn parse(file: &Path, text: &str) -> Result<Taxonomy, crate::diagnostics::SourceErrors> {
        let mut t = Taxonomy::new(taxonomy::parse(file, text)?);
        t.file = Some(file.to_path_buf());
        Ok(t)
    }

    pub fn position(&self, slug: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.slug == slug)
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }
}

#[derive(Debug, Default)]
pub struct TopicIndex {
    pub topics: Vec<Topic>,
    /// Per resolution, per paragraph.
    pub hits: Vec<Vec<Vec<TopicHit>>>,
    /// Per topic, its paragraphs in corpus order.
    pub by_topic: Vec<Vec<ParaRef>>,
    /// Manual tags naming no topic of the taxonomy.
    pub warnings: Vec<Warning>,
}

impl TopicIndex {
    /// The topics of a paragraph (none for a reference outside the corpus).
    pub fn of(&self, p: ParaRef) -> &[TopicHit] {
        self.hits.get(p.res).and_then(|r| r.get(p.para)).map_or(&[], Vec::as_slice)
    }

    /// The slugs of a paragraph's topics, as `data/paragraphs.json` lists them.
    pub fn slugs(&self, p: ParaRef) -> Vec<&str> {
        self.of(p).iter().map(|h| self.topics[h.topic].slug.as_str()).collect()
    }

    /// Index of the topic with this slug.
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.slug == slug)
    }

    /// Paragraphs of a topic, in corpus order (series, date, document order).
    pub fn paragraphs(&self, topic: usize) -> &[ParaRef] {
        self.by_topic.get(topic).map_or(&[], Vec::as_slice)
    }

    /// How many paragraphs of resolution `res` carry `topic`.
    pub fn count(&self, topic: usize, res: usize) -> usize {
        self.paragraphs(topic).iter().filter(|p| p.res == res).count()
    }
}

/// Read `content/topics.toml` (none means no topics).
pub fn load(content_dir: &Path) -> Result<Taxonomy, SourceError> {
    let Some((file, text)) = crate::content::read_optional(content_dir, TAXONOMY_FILE)? else {
        return Ok(Taxonomy::default());
    };
    // All problems are reported; the signature carries one error, so they are joined into it.
    Taxonomy::parse(&file, &text).map_err(|errs| {
        let first = errs.0.first().cloned().unwrap_or_else(|| SourceError::new(&file, 1, "invalid taxonomy"));
        let rest: Vec<String> = errs.0.iter().skip(1).map(ToString::to_string).collect();
        if rest.is_empty() {
            first
        } else {
            SourceError::new(&first.file, first.line, format!("{}\n{}", first.message, rest.join("\n")))
        }
    })
}

/// Assign topics to every paragraph of the corpus.
pub fn index(corpus: &Corpus, taxonomy: &Taxonomy) -> TopicIndex {
    let assessed: Vec<_> = corpus.resolutions.par_iter().map(|r| assign::assess_resolution(r, taxonomy)).collect();
    let mut by_topic = vec![Vec::new(); taxonomy.topics.len()];
    let mut hits = Vec::with_capacity(assessed.len());
    let mut warnings = Vec::new();
    for (res, (traces, warns)) in assessed.into_iter().enumerate() {
        warnings.extend(warns);
        let per_para: Vec<Vec<TopicHit>> = traces
            .into_iter()
            .enumerate()
            .map(|(para, traces)| {
                let hs: Vec<TopicHit> = traces.into_iter().filter_map(assign::hit).collect();
                for h in &hs {
                    by_topic[h.topic].push(ParaRef { res, para });
                }
                hs
            })
            .collect();
        hits.push(per_para);
    }
    TopicIndex { topics: taxonomy.topics.clone(), hits, by_topic, warnings }
}

/// Every rule that fired on one paragraph, assigned or not, for `agreed topics --explain`.
pub fn explain(corpus: &Corpus, taxonomy: &Taxonomy, p: ParaRef) -> Vec<TopicTrace> {
    let Some(res) = corpus.resolutions.get(p.res) else {
        return Vec::new();
    };
    let (mut traces, _) = assign::assess_resolution(res, taxonomy);
    if p.para < traces.len() {
        traces.swap_remove(p.para)
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
