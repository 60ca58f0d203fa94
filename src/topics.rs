//! Topics: a taxonomy an editor writes (`content/topics.toml`) and the paragraphs it matches.
//!
//! STUB INTERFACE — to be implemented (issue 6).

use std::path::Path;

use crate::diagnostics::SourceError;
use crate::model::{Corpus, ParaRef};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// A topic on a paragraph, with the byte ranges of the plain text that matched.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TopicHit {
    /// Index into [`TopicIndex::topics`].
    pub topic: usize,
    pub matched: Vec<(usize, usize)>,
    /// Which rule put it there, for `agreed topics --explain`.
    pub rule: String,
}

#[derive(Debug, Default)]
pub struct Taxonomy {
    pub topics: Vec<Topic>,
}

#[derive(Debug, Default)]
pub struct TopicIndex {
    pub topics: Vec<Topic>,
    /// Per resolution, per paragraph.
    pub hits: Vec<Vec<Vec<TopicHit>>>,
}

impl TopicIndex {
    pub fn of(&self, p: ParaRef) -> &[TopicHit] {
        &self.hits[p.res][p.para]
    }
}

/// Read `content/topics.toml` (none means no topics).
pub fn load(_content_dir: &Path) -> Result<Taxonomy, SourceError> {
    Ok(Taxonomy::default())
}

pub fn index(corpus: &Corpus, taxonomy: &Taxonomy) -> TopicIndex {
    TopicIndex {
        topics: taxonomy.topics.clone(),
        hits: corpus.resolutions.iter().map(|r| r.paragraphs.iter().map(|_| Vec::new()).collect()).collect(),
    }
}
