//! What an import did to one file: the counts an editor checks against the printed document,
//! every repair with the rule that made it and its source line, and every uncertainty the
//! importer could not settle alone.

use std::fmt;
use std::path::{Path, PathBuf};

use super::body::{Document, ParaKind};

/// One repair or uncertainty: the rule that noticed it, where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub rule: &'static str,
    pub detail: String,
}

/// The report printed for each imported file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: PathBuf,
    pub symbol: String,
    pub date: String,
    pub preambular: usize,
    pub operative: usize,
    pub subparagraphs: usize,
    pub footnotes: usize,
    pub headings: usize,
    pub repairs: Vec<Note>,
    pub uncertainties: Vec<Note>,
}

impl Report {
    pub fn new(file: &Path) -> Self {
        Report { file: file.to_path_buf(), ..Default::default() }
    }

    pub fn repair(&mut self, line: usize, rule: &'static str, detail: impl Into<String>) {
        self.repairs.push(Note { line, rule, detail: detail.into() });
    }

    pub fn uncertain(&mut self, line: usize, rule: &'static str, detail: impl Into<String>) {
        self.uncertainties.push(Note { line, rule, detail: detail.into() });
    }

    /// Repairs made by one rule, for tests and summaries.
    pub fn repairs_by(&self, rule: &str) -> Vec<&Note> {
        self.repairs.iter().filter(|n| n.rule == rule).collect()
    }

    pub(super) fn fill_counts(&mut self, doc: &Document) {
        self.symbol = doc.symbol.clone();
        self.date = doc.date.clone();
        let count = |k: ParaKind| doc.paragraphs.iter().filter(|p| p.kind == k).count();
        self.preambular = count(ParaKind::Preambular);
        self.operative = count(ParaKind::Operative);
        self.subparagraphs = count(ParaKind::Subparagraph);
        self.headings = count(ParaKind::Heading);
        self.footnotes = doc.footnotes.len();
        self.repairs.sort_by_key(|n| n.line);
        self.uncertainties.sort_by_key(|n| n.line);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} adopted {}", self.file.display(), self.symbol, self.date)?;
        writeln!(
            f,
            "  {} preambular, {} operative, {} sub-paragraphs, {} headings, {} footnotes",
            self.preambular, self.operative, self.subparagraphs, self.headings, self.footnotes
        )?;
        writeln!(f, "  {} repairs:", self.repairs.len())?;
        for n in &self.repairs {
            writeln!(f, "    line {}: [{}] {}", n.line, n.rule, n.detail)?;
        }
        writeln!(f, "  {} uncertainties:", self.uncertainties.len())?;
        for n in &self.uncertainties {
            writeln!(f, "    {}:{}: [{}] {}", self.file.display(), n.line, n.rule, n.detail)?;
        }
        Ok(())
    }
}
