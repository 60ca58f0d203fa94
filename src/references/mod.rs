//! References in the text ("paragraph 5 above", "General Assembly resolution 70/125",
//! "A/74/821", "the Tunis Agenda") and what cites what.
//!
//! Three steps, one module each: [`recognise`] finds references in a plain text without
//! knowing the corpus; [`symbols`] turns what a text names into a UN symbol and an official
//! URL; this module resolves each reference against the corpus (a text of the content is
//! linked inside the site, anything else to its official page) and inverts the links into
//! backlinks. A footnote's references count as citations by every paragraph that carries
//! the footnote's marker, because a footnote is part of the paragraph that points to it.
//! The rules and their reasons are written up in `docs/references.md`.

pub mod recognise;
pub mod symbols;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Warning;
use crate::model::{Corpus, Kind, ParaRef, Paragraph, Resolution};
pub use recognise::{recognise, Cited, Mention};
pub use symbols::Organ;

/// What a reference points at; the kind of document, not the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// Paragraphs of the text the reference stands in: "paragraph 5 above".
    Paragraph,
    /// A resolution as a whole: "its resolution 2024/13", "A/RES/70/125".
    Resolution,
    /// Paragraphs of another resolution: "paragraph 116 of resolution 2024/13".
    ResolutionParagraph,
    /// Any other UN document by symbol: "A/74/821".
    Document,
    /// A WSIS outcome document, whole or by paragraph: "paragraph 72 of the Tunis Agenda".
    OutcomeDocument,
}

impl RefKind {
    pub const ALL: [RefKind; 5] = [
        RefKind::Paragraph,
        RefKind::Resolution,
        RefKind::ResolutionParagraph,
        RefKind::Document,
        RefKind::OutcomeDocument,
    ];

    /// The name `data/paragraphs.json` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Paragraph => "paragraph",
            RefKind::Resolution => "resolution",
            RefKind::ResolutionParagraph => "resolution-paragraph",
            RefKind::Document => "document",
            RefKind::OutcomeDocument => "outcome-document",
        }
    }
}

/// Where a reference leads. Serialised as `{"type": "internal", "symbol", "anchor", "url"}` or
/// `{"type": "external", "symbol", "url"}`; an internal `url` is relative to the site root,
/// like the `url` of a paragraph in `data/paragraphs.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A paragraph or resolution in the content: a site path like `E/RES/2025/18/index.html#5`.
    Internal { symbol: String, anchor: Option<String> },
    /// A document outside the content, with its official page.
    External { symbol: String, url: String },
}

impl Target {
    pub fn symbol(&self) -> &str {
        match self {
            Target::Internal { symbol, .. } | Target::External { symbol, .. } => symbol,
        }
    }

    pub fn is_internal(&self) -> bool {
        matches!(self, Target::Internal { .. })
    }

    /// The page (and fragment) of an internal target relative to the site root, e.g.
    /// `E/RES/2025/18/index.html#5`; the renderer prefixes the way back to the root.
    pub fn site_path(&self) -> Option<String> {
        let Target::Internal { symbol, anchor } = self else { return None };
        let page = format!("{}/index.html", crate::model::anchor::resolution_path(symbol));
        Some(match anchor {
            Some(a) => format!("{page}#{a}"),
            None => page,
        })
    }

    /// Where the link goes: the site path of an internal target, the official page otherwise.
    pub fn url(&self) -> String {
        match self {
            Target::External { url, .. } => url.clone(),
            Target::Internal { .. } => self.site_path().unwrap_or_default(),
        }
    }
}

impl serde::Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self {
            Target::Internal { symbol, anchor } => {
                map.serialize_entry("type", "internal")?;
                map.serialize_entry("symbol", symbol)?;
                map.serialize_entry("anchor", anchor)?;
            }
            Target::External { symbol, .. } => {
                map.serialize_entry("type", "external")?;
                map.serialize_entry("symbol", symbol)?;
            }
        }
        map.serialize_entry("url", &self.url())?;
        map.end()
    }
}

/// One reference: the byte range in the plain text of a paragraph or footnote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    pub kind: RefKind,
    /// Byte offsets (UTF-8) into the paragraph's or footnote's `text`, on char boundaries.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None` when the text names a paragraph of its own resolution that does not exist.
    pub target: Option<Target>,
    /// Anchors of every paragraph named ("paragraphs 34 to 37" names four). For an internal
    /// target, only those that exist; `target`'s anchor is the first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Default)]
pub struct References {
    /// Per resolution, per paragraph.
    pub in_paragraphs: Vec<Vec<Vec<Reference>>>,
    /// Per resolution, per footnote.
    pub in_footnotes: Vec<Vec<Vec<Reference>>>,
    /// Per resolution, per paragraph: paragraphs that cite it (its own resolution's included).
    pub cited_by: Vec<Vec<Vec<ParaRef>>>,
    /// Per resolution: paragraphs of other resolutions that cite it or any of its paragraphs.
    pub resolution_cited_by: Vec<Vec<ParaRef>>,
    /// References that name a paragraph the content does not have.
    pub warnings: Vec<Warning>,
}

impl References {
    pub fn of(&self, p: ParaRef) -> &[Reference] {
        self.in_paragraphs.get(p.res).and_then(|r| r.get(p.para)).map_or(&[], |v| v.as_slice())
    }

    pub fn cited_by(&self, p: ParaRef) -> &[ParaRef] {
        self.cited_by.get(p.res).and_then(|r| r.get(p.para)).map_or(&[], |v| v.as_slice())
    }

    /// Every reference, in paragraphs and footnotes.
    pub fn all(&self) -> impl Iterator<Item = &Reference> {
        let paras = self.in_paragraphs.iter().flatten().flatten();
        paras.chain(self.in_footnotes.iter().flatten().flatten())
    }

    /// How many references of each kind, every kind listed.
    pub fn counts(&self) -> BTreeMap<RefKind, usize> {
        let mut counts: BTreeMap<RefKind, usize> = RefKind::ALL.iter().map(|k| (*k, 0)).collect();
        for r in self.all() {
            *counts.entry(r.kind).or_default() += 1;
        }
        counts
    }
}

/// Find and resolve every reference of the corpus, and the backlinks.
pub fn resolve(corpus: &Corpus) -> References {
    resolve_cached(corpus, &mut ReferenceCache::default())
}

/// Each resolution's references, kept between builds by `agreed serve` so that an edit
/// resolves only the edited resolution's text again. Entries are by symbol; the caller forgets
/// an edited resolution, and forgets everything when an edit adds or removes paragraphs that
/// other resolutions may point at.
#[derive(Default)]
pub struct ReferenceCache(std::collections::HashMap<String, Resolved>);

impl ReferenceCache {
    pub fn forget(&mut self, symbol: &str) {
        self.0.remove(symbol);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// [`resolve`], reusing and filling `cache`.
pub fn resolve_cached(corpus: &Corpus, cache: &mut ReferenceCache) -> References {
    let symbol = |res: usize| corpus.resolutions[res].symbol.as_str();
    let missing: Vec<usize> = (0..corpus.resolutions.len()).filter(|&r| !cache.0.contains_key(symbol(r))).collect();
    let resolved: Vec<Resolved> = missing.par_iter().map(|&res| resolve_resolution(corpus, res)).collect();
    for (res, r) in missing.into_iter().zip(resolved) {
        cache.0.insert(symbol(res).to_string(), r);
    }
    let per_resolution = (0..corpus.resolutions.len()).map(|res| cache.0[symbol(res)].clone());
    let mut refs = References::default();
    for (paras, notes, warnings) in per_resolution {
        refs.in_paragraphs.push(paras);
        refs.in_footnotes.push(notes);
        refs.warnings.extend(warnings);
    }
    fill_backlinks(corpus, &mut refs);
    refs
}

/// One resolution's references: per paragraph, per footnote, and the warnings.
type Resolved = (Vec<Vec<Reference>>, Vec<Vec<Reference>>, Vec<Warning>);

fn resolve_resolution(corpus: &Corpus, res: usize) -> Resolved {
    let r = &corpus.resolutions[res];
    let organ = Organ::of_symbol(&r.symbol);
    let mut warnings = Vec::new();
    let paras = r
        .paragraphs
        .iter()
        .map(|p| {
            let ctx = Context { corpus, here: r, chapeau: chapeau(p), line: p.line };
            resolve_text(&p.text, organ, &ctx, &mut warnings)
        })
        .collect();
    let notes = r
        .footnotes
        .iter()
        .map(|f| {
            let ctx = Context { corpus, here: r, chapeau: None, line: f.line };
            resolve_text(&f.text, organ, &ctx, &mut warnings)
        })
        .collect();
    (paras, notes, warnings)
}

/// The chapeau a "subparagraph (b)" in this paragraph refers to: its own chapeau for a
/// sub-paragraph, itself for an operative paragraph.
fn chapeau(p: &Paragraph) -> Option<&str> {
    match p.kind {
        Kind::Subparagraph => p.parent.as_deref(),
        Kind::Operative => Some(&p.anchor),
        Kind::Preambular => None,
    }
}

/// Where a text stands, which is what its references are resolved against.
struct Context<'a> {
    corpus: &'a Corpus,
    here: &'a Resolution,
    chapeau: Option<&'a str>,
    line: usize,
}

fn resolve_text(text: &str, organ: Organ, ctx: &Context, warnings: &mut Vec<Warning>) -> Vec<Reference> {
    recognise(text, organ).into_iter().map(|m| to_reference(text, m, ctx, warnings)).collect()
}

fn to_reference(text: &str, m: Mention, ctx: &Context, warnings: &mut Vec<Warning>) -> Reference {
    let internal = match &m.document {
        None => Some(ctx.here),
        Some(symbol) => in_corpus(ctx.corpus, symbol),
    };
    let span = text.get(m.start..m.end).unwrap_or_default().to_string();
    let (target, paragraphs) = match internal {
        Some(res) => {
            let named = anchors(&m.paragraphs, ctx.chapeau, Some(res));
            let existing: Vec<String> = named.iter().filter(|a| res.paragraph(a).is_some()).cloned().collect();
            if existing.len() < named.len() || (named.is_empty() && !m.paragraphs.is_empty()) {
                warnings.push(missing_paragraph(ctx, &span, res));
            }
            let target = if m.document.is_none() && existing.is_empty() {
                None
            } else {
                Some(Target::Internal { symbol: res.symbol.clone(), anchor: existing.first().cloned() })
            };
            (target, existing)
        }
        None => {
            let symbol = m.document.clone().unwrap_or_default();
            let url = symbols::official_url(&symbol);
            (Some(Target::External { symbol, url }), anchors(&m.paragraphs, None, None))
        }
    };
    Reference { kind: m.kind, start: m.start, end: m.end, text: span, target, paragraphs }
}

fn missing_paragraph(ctx: &Context, span: &str, target: &Resolution) -> Warning {
    Warning {
        file: ctx.here.file.clone(),
        line: ctx.line,
        message: format!("\"{span}\" names a paragraph that {} does not have", target.symbol),
    }
}

/// The resolution of the content a symbol names, or one half of a joint symbol names.
fn in_corpus<'a>(corpus: &'a Corpus, symbol: &str) -> Option<&'a Resolution> {
    symbols::joint_parts(symbol).into_iter().find_map(|s| corpus.get(s))
}

/// Longest run a range is expanded to when the document is not in the content; a longer
/// one is a typo, and listing thousands of numbers would help nobody.
const MAX_RANGE: u32 = 500;

/// The anchors a list of cited paragraphs names. In a resolution of the content a range
/// takes every operative paragraph whose number falls in it (`12bis` too); elsewhere it is
/// the numbers from first to last.
fn anchors(cited: &[Cited], chapeau: Option<&str>, res: Option<&Resolution>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in cited {
        match c {
            Cited::Number { number, letter: None } => out.push(number.clone()),
            Cited::Number { number, letter: Some(l) } => out.push(format!("{number}{l}")),
            Cited::Letter(l) => out.extend(chapeau.map(|ch| format!("{ch}{l}"))),
            Cited::Preambular(n) => out.push(format!("pp{n}")),
            Cited::Range(from, to) => match res {
                Some(res) => out.extend(operative_in_range(res, *from, *to)),
                None if to - from <= MAX_RANGE => out.extend((*from..=*to).map(|n| n.to_string())),
                None => out.extend([from.to_string(), to.to_string()]),
            },
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| seen.insert(a.clone()));
    out
}

fn operative_in_range(res: &Resolution, from: u32, to: u32) -> impl Iterator<Item = String> + '_ {
    res.paragraphs.iter().filter(move |p| p.kind == Kind::Operative).filter_map(move |p| {
        let digits: String = p.number.chars().take_while(|c| c.is_ascii_digit()).collect();
        let n: u32 = digits.parse().ok()?;
        (from..=to).contains(&n).then(|| p.anchor.clone())
    })
}

/// Invert the links: who cites each paragraph and each resolution. A paragraph cites what
/// its own references and its footnotes' references target.
fn fill_backlinks(corpus: &Corpus, refs: &mut References) {
    refs.cited_by = corpus.resolutions.iter().map(|r| vec![Vec::new(); r.paragraphs.len()]).collect();
    refs.resolution_cited_by = vec![Vec::new(); corpus.resolutions.len()];
    for (citing, p) in corpus.all_paragraphs() {
        let r = &corpus.resolutions[citing.res];
        let notes = p.footnotes.iter().filter_map(|l| r.footnotes.iter().position(|f| &f.label == l));
        let own = refs.in_paragraphs[citing.res][citing.para].iter();
        let from_notes = notes.flat_map(|i| refs.in_footnotes[citing.res][i].iter());
        let targets: Vec<(usize, Option<usize>)> = own.chain(from_notes).flat_map(|rf| cited(corpus, rf)).collect();
        for (res, para) in targets {
            if let Some(para) = para {
                if (ParaRef { res, para }) != citing {
                    refs.cited_by[res][para].push(citing);
                }
            }
            if res != citing.res {
                refs.resolution_cited_by[res].push(citing);
            }
        }
    }
    for list in refs.cited_by.iter_mut().flatten().chain(refs.resolution_cited_by.iter_mut()) {
        list.sort();
        list.dedup();
    }
}

/// The (resolution, paragraph) pairs of the content a reference targets; the paragraph is
/// `None` when the resolution as a whole is cited.
fn cited(corpus: &Corpus, r: &Reference) -> Vec<(usize, Option<usize>)> {
    let Some(Target::Internal { symbol, .. }) = &r.target else { return Vec::new() };
    let Some(res) = corpus.index_of(symbol) else { return Vec::new() };
    if r.paragraphs.is_empty() {
        return vec![(res, None)];
    }
    r.paragraphs.iter().filter_map(|a| corpus.find(symbol, a)).map(|p| (p.res, Some(p.para))).collect()
}
