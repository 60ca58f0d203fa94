//! All resolutions of the content, in a stable order: by series, then by adoption date, then
//! by symbol. Later stages address paragraphs by [`ParaRef`] (two indices), which is cheap to
//! copy and never clones text.

use std::collections::HashMap;

use super::{Paragraph, Resolution};
use crate::diagnostics::{SourceError, SourceErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct ParaRef {
    pub res: usize,
    pub para: usize,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub resolutions: Vec<Resolution>,
    by_symbol: HashMap<String, usize>,
}

impl Corpus {
    /// Order the resolutions and index them; two files with one symbol are an error.
    pub fn new(mut resolutions: Vec<Resolution>) -> Result<Corpus, SourceErrors> {
        resolutions.sort_by(|a, b| (&a.series, &a.date, &a.symbol).cmp(&(&b.series, &b.date, &b.symbol)));
        let mut by_symbol = HashMap::new();
        let mut errors = Vec::new();
        for (i, r) in resolutions.iter().enumerate() {
            if let Some(&j) = by_symbol.get(&r.symbol) {
                let other: &Resolution = &resolutions[j];
                errors.push(SourceError::new(
                    &r.file,
                    1,
                    format!("symbol {} is already used by {}", r.symbol, other.file.display()),
                ));
            } else {
                by_symbol.insert(r.symbol.clone(), i);
            }
        }
        if errors.is_empty() {
            Ok(Corpus { resolutions, by_symbol })
        } else {
            Err(SourceErrors(errors))
        }
    }

    pub fn get(&self, symbol: &str) -> Option<&Resolution> {
        self.by_symbol.get(symbol).map(|&i| &self.resolutions[i])
    }

    pub fn index_of(&self, symbol: &str) -> Option<usize> {
        self.by_symbol.get(symbol).copied()
    }

    pub fn para(&self, r: ParaRef) -> &Paragraph {
        &self.resolutions[r.res].paragraphs[r.para]
    }

    pub fn find(&self, symbol: &str, anchor: &str) -> Option<ParaRef> {
        let res = self.index_of(symbol)?;
        let para = self.resolutions[res].paragraphs.iter().position(|p| p.anchor == anchor)?;
        Some(ParaRef { res, para })
    }

    /// Every paragraph, resolution by resolution, in document order.
    pub fn all_paragraphs(&self) -> impl Iterator<Item = (ParaRef, &Paragraph)> {
        self.resolutions
            .iter()
            .enumerate()
            .flat_map(|(res, r)| r.paragraphs.iter().enumerate().map(move |(para, p)| (ParaRef { res, para }, p)))
    }

    /// Resolution indices of each series, oldest first.
    pub fn series(&self) -> Vec<(&str, Vec<usize>)> {
        let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, r) in self.resolutions.iter().enumerate() {
            match out.last_mut() {
                Some((s, v)) if *s == r.series => v.push(i),
                _ => out.push((&r.series, vec![i])),
            }
        }
        out
    }

    pub fn paragraph_count(&self) -> usize {
        self.resolutions.iter().map(|r| r.paragraphs.len()).sum()
    }
}
