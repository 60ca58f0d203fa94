//! The history of each paragraph across a series.
//!
//! STUB INTERFACE — to be implemented (issue 5). Every paragraph is linked to its version in
//! the previous resolution of its series (or none), and versions chain into lineages.

pub mod diff;

use crate::model::{Corpus, ParaRef};

/// How a paragraph relates to its previous version (`data/paragraphs.json` `change`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Same,
    Amended,
    New,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Amended => "amended",
            Change::New => "new",
        }
    }
}

/// A paragraph's link to its previous version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub previous: Option<ParaRef>,
    pub change: Change,
    /// Its place relative to its neighbours changed.
    pub moved: bool,
}

/// Lineages of the whole corpus.
#[derive(Debug, Default)]
pub struct Lineages {
    /// Per resolution, per paragraph.
    pub links: Vec<Vec<Link>>,
    /// Lineage id per resolution, per paragraph.
    pub ids: Vec<Vec<String>>,
    /// Per resolution: paragraphs of its predecessor that it does not carry forward.
    pub dropped: Vec<Vec<ParaRef>>,
    /// Per resolution: the previous resolution of its series.
    pub predecessor: Vec<Option<usize>>,
}

impl Lineages {
    pub fn link(&self, p: ParaRef) -> &Link {
        &self.links[p.res][p.para]
    }

    pub fn id(&self, p: ParaRef) -> &str {
        &self.ids[p.res][p.para]
    }
}

/// Align every resolution with the previous one of its series.
pub fn align(corpus: &Corpus) -> Lineages {
    let mut l = Lineages::default();
    for r in &corpus.resolutions {
        l.links.push(r.paragraphs.iter().map(|_| Link { previous: None, change: Change::New, moved: false }).collect());
        l.ids.push(r.paragraphs.iter().map(|p| format!("{}#{}", r.symbol, p.anchor)).collect());
        l.dropped.push(Vec::new());
        l.predecessor.push(None);
    }
    l
}
