//! References in the text ("paragraph 5 above", "General Assembly resolution 70/125",
//! "A/74/821", "the Tunis Agenda") and what cites what.
//!
//! STUB INTERFACE — to be implemented (issue 7).

use crate::model::{Corpus, ParaRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    Paragraph,
    Resolution,
    ResolutionParagraph,
    Document,
    OutcomeDocument,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Target {
    /// A paragraph or resolution in the content: a site path like `E/RES/2025/18/index.html#5`.
    Internal { symbol: String, anchor: Option<String> },
    /// A UN document outside the content.
    External { symbol: String, url: String },
}

/// One reference: the byte range in the plain text of a paragraph or footnote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    pub kind: RefKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub target: Option<Target>,
}

#[derive(Debug, Default)]
pub struct References {
    /// Per resolution, per paragraph.
    pub in_paragraphs: Vec<Vec<Vec<Reference>>>,
    /// Per resolution, per footnote.
    pub in_footnotes: Vec<Vec<Vec<Reference>>>,
    /// Per resolution, per paragraph: paragraphs that cite it.
    pub cited_by: Vec<Vec<Vec<ParaRef>>>,
    /// Per resolution: paragraphs that cite the resolution as a whole.
    pub resolution_cited_by: Vec<Vec<ParaRef>>,
}

impl References {
    pub fn of(&self, p: ParaRef) -> &[Reference] {
        &self.in_paragraphs[p.res][p.para]
    }
}

pub fn resolve(corpus: &Corpus) -> References {
    let per_para = |f: fn() -> Vec<Reference>| -> Vec<Vec<Vec<Reference>>> {
        corpus.resolutions.iter().map(|r| r.paragraphs.iter().map(|_| f()).collect()).collect()
    };
    References {
        in_paragraphs: per_para(Vec::new),
        in_footnotes: corpus.resolutions.iter().map(|r| r.footnotes.iter().map(|_| Vec::new()).collect()).collect(),
        cited_by: corpus.resolutions.iter().map(|r| r.paragraphs.iter().map(|_| Vec::new()).collect()).collect(),
        resolution_cited_by: corpus.resolutions.iter().map(|_| Vec::new()).collect(),
    }
}
