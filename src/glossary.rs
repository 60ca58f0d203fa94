//! The glossary: abbreviations and bodies that fill UN texts (CSTD, ITU, the Internet
//! Governance Forum …), written by an editor in `content/glossary.toml`, and where they
//! occur in a text.
//!
//! The renderer wraps each occurrence in `<abbr title="…">` and links it to the glossary
//! page. Abbreviations are matched case-sensitively ("ITU", never "itu" inside a word);
//! full names are matched ignoring ASCII case, because a name starts a sentence as often as
//! not. Both only as whole words. A reference ("Economic and Social Council resolution
//! 2024/13") is already a link, and a link must not nest in another, so
//! [`without_references`] drops glossary hits that overlap one.

use std::collections::HashSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::diagnostics::{LineIndex, SourceError};
use crate::references::Reference;

/// The file under `content/` an editor writes.
pub const FILE: &str = "glossary.toml";

/// One term as the editor wrote it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The abbreviation as printed: `CSTD`, `UN-Women`.
    pub term: String,
    /// What it stands for: "Commission on Science and Technology for Development".
    pub expansion: String,
    /// One line on what it is.
    pub description: String,
    /// Other spellings of the abbreviation (`ICTs`, `UNDESA`), matched like the term.
    pub forms: Vec<String>,
    /// Other spellings of the full name, matched like the expansion.
    pub names: Vec<String>,
    /// Whether the expansion itself is looked for in the text; off for common phrases
    /// ("information and communications technologies") that would mark every sentence.
    pub match_expansion: bool,
    /// Line of the entry in the glossary file, for messages.
    #[serde(skip)]
    pub line: usize,
}

impl Entry {
    /// The fragment of the entry on the glossary page: `cstd`, `un-women`, `wsis-20`.
    pub fn slug(&self) -> String {
        let mut slug = String::new();
        for c in self.term.chars() {
            if c.is_alphanumeric() {
                slug.extend(c.to_lowercase());
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.trim_matches('-').to_string()
    }
}

/// One occurrence of a glossary term in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TermHit {
    /// Byte range in the text, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// Index into [`Glossary::entries`].
    pub entry: usize,
    /// The full name was found rather than the abbreviation.
    pub full_name: bool,
}

/// The entries and the automata that find them.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    abbreviations: Option<Matcher>,
    names: Option<Matcher>,
}

#[derive(Debug, Clone)]
struct Matcher {
    automaton: AhoCorasick,
    /// Pattern index → entry index.
    entry_of: Vec<usize>,
}

impl Matcher {
    fn new(patterns: Vec<(String, usize)>, case_insensitive: bool) -> Option<Matcher> {
        if patterns.is_empty() {
            return None;
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(case_insensitive)
            .build(patterns.iter().map(|(p, _)| p))
            .ok()?;
        Some(Matcher { automaton, entry_of: patterns.into_iter().map(|(_, e)| e).collect() })
    }

    /// Every whole-word occurrence, overlapping ones included.
    fn hits(&self, text: &str, full_name: bool) -> Vec<TermHit> {
        self.automaton
            .find_overlapping_iter(text)
            .filter(|m| whole_word(text, m.start(), m.end()))
            .map(|m| TermHit { start: m.start(), end: m.end(), entry: self.entry_of[m.pattern()], full_name })
            .collect()
    }
}

/// Is `text[start..end]` a whole word: no letter or digit just before or just after?
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Glossary {
    pub fn new(entries: Vec<Entry>) -> Glossary {
        let mut abbreviations = Vec::new();
        let mut names = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let forms = std::iter::once(&e.term).chain(&e.forms);
            abbreviations.extend(forms.filter(|f| !f.trim().is_empty()).map(|f| (f.clone(), i)));
            let expansion = e.match_expansion.then_some(&e.expansion);
            let all_names = expansion.into_iter().chain(&e.names);
            names.extend(all_names.filter(|n| !n.trim().is_empty()).map(|n| (n.clone(), i)));
        }
        Glossary { abbreviations: Matcher::new(abbreviations, false), names: Matcher::new(names, true), entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every glossary term in `text`, in order, none overlapping: where two overlap the
    /// longer wins ("ICT4D" over "ICT", "Internet Governance Forum" over a shorter name).
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let mut hits = Vec::new();
        if let Some(m) = &self.abbreviations {
            hits.extend(m.hits(text, false));
        }
        if let Some(m) = &self.names {
            hits.extend(m.hits(text, true));
        }
        hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
        let mut kept: Vec<TermHit> = Vec::new();
        for h in hits {
            if kept.iter().all(|k| h.end <= k.start || h.start >= k.end) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.start);
        kept
    }
}

/// Drop the hits that overlap a reference of the same text: a reference is a link already.
pub fn without_references(hits: Vec<TermHit>, references: &[Reference]) -> Vec<TermHit> {
    hits.into_iter().filter(|h| references.iter().all(|r| h.end <= r.start || h.start >= r.end)).collect()
}

/// Read `content/glossary.toml`; no file means an empty glossary.
pub fn load(content_dir: &Path) -> Result<Glossary, SourceError> {
    match crate::content::read_optional(content_dir, FILE)? {
        Some((path, text)) => parse(&path, &text),
        None => Ok(Glossary::default()),
    }
}

/// The file as written: `[[entry]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    entry: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: String,
    expansion: String,
    description: String,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default = "yes")]
    match_expansion: bool,
}

fn yes() -> bool {
    true
}

/// Parse a glossary file; errors name the file and the line.
pub fn parse(file: &Path, text: &str) -> Result<Glossary, SourceError> {
    let lines = LineIndex::new(text);
    let parsed: FileFormat = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| lines.line(s.start.min(text.len())));
        SourceError::new(file, line, format!("glossary: {}", e.message()))
    })?;
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(parsed.entry.len());
    for spanned in parsed.entry {
        let line = lines.line(spanned.span().start);
        let raw = spanned.into_inner();
        let entry = check(file, line, raw)?;
        if !seen.insert(entry.term.clone()) {
            return Err(SourceError::new(file, line, format!("glossary: term {:?} is defined twice", entry.term)));
        }
        entries.push(entry);
    }
    Ok(Glossary::new(entries))
}

fn check(file: &Path, line: usize, raw: RawEntry) -> Result<Entry, SourceError> {
    let blank = [("term", &raw.term), ("expansion", &raw.expansion), ("description", &raw.description)]
        .into_iter()
        .find(|(_, v)| v.trim().is_empty());
    if let Some((key, _)) = blank {
        return Err(SourceError::new(file, line, format!("glossary: `{key}` must not be empty")));
    }
    Ok(Entry {
        term: raw.term.trim().to_string(),
        expansion: raw.expansion.trim().to_string(),
        description: raw.description.trim().to_string(),
        forms: raw.forms,
        names: raw.names,
        match_expansion: raw.match_expansion,
        line,
    })
}
