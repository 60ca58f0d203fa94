//! The history of each paragraph across a series.
//!
//! Resolutions of one series (same `series` slug) are ordered by date; each is aligned with the
//! previous one by [`align()`] (the rules and thresholds live in the [`align`](mod@align) module),
//! so every paragraph is `same`, `amended` or `new`, and the predecessor's paragraphs that are
//! not carried forward are `dropped`; `moved`, splits and merges are detected too. Links chain into lineages: every version of a paragraph
//! shares one opaque lineage id, independent of the numbers, which change whenever a paragraph
//! is inserted. An editor can force or cut a link in `content/lineage-overrides.toml`
//! ([`Overrides`]). Lineages are stored once; paragraphs point into them, so the history API
//! ([`Lineages::chain`], [`Lineages::summary`], …) hands out slices, never copies.

pub mod align;
pub mod diff;
pub mod overrides;
pub mod text;

use rayon::prelude::*;

pub use overrides::{Override, Overrides, ParaName, Target};

use crate::diagnostics::Warning;
use crate::model::{Corpus, ParaRef, Resolution};
use align::{align_pair, PairAlignment};
use text::Profile;

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

impl Link {
    const NEW: Link = Link { previous: None, change: Change::New, moved: false };
}

/// One paragraph of the predecessor continued by several paragraphs. The part most like the
/// old text is linked to it ([`Link::previous`]); the other parts are `new` and start lineages
/// of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub from: ParaRef,
    /// Every part, in document order, the linked one included.
    pub into: Vec<ParaRef>,
}

/// Several paragraphs of the predecessor continued by one paragraph. It is linked to the part
/// most like it; the lineages of the other parts end there (they are not counted as dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Every part, in document order, the linked one included.
    pub from: Vec<ParaRef>,
    pub into: ParaRef,
}

/// Every version of one paragraph, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    /// Opaque id: `SYMBOL#ANCHOR` of the oldest version in the content.
    pub id: String,
    pub versions: Vec<ParaRef>,
}

/// What changed in one resolution since its predecessor, for the `changes` page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary<'a> {
    pub predecessor: Option<usize>,
    /// Paragraph indices of the resolution, in document order.
    pub new: Vec<usize>,
    pub amended: Vec<usize>,
    pub same: Vec<usize>,
    pub moved: Vec<usize>,
    pub dropped: &'a [ParaRef],
    pub splits: &'a [Split],
    pub merges: &'a [Merge],
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
    /// Per resolution: the next resolution of its series.
    pub successor: Vec<Option<usize>>,
    /// Per resolution: its predecessor's paragraphs that were split.
    pub splits: Vec<Vec<Split>>,
    /// Per resolution: its paragraphs that merge several of the predecessor's.
    pub merges: Vec<Vec<Merge>>,
    /// Every lineage once.
    pub lineages: Vec<Lineage>,
    /// Per resolution, per paragraph: index into `lineages`.
    pub lineage_of: Vec<Vec<usize>>,
    /// Overrides that no longer apply (also returned by [`align()`]).
    pub warnings: Vec<Warning>,
}

impl Lineages {
    pub fn link(&self, p: ParaRef) -> &Link {
        &self.links[p.res][p.para]
    }

    pub fn id(&self, p: ParaRef) -> &str {
        &self.ids[p.res][p.para]
    }

    /// The lineage `p` belongs to.
    pub fn lineage(&self, p: ParaRef) -> &Lineage {
        &self.lineages[self.lineage_of[p.res][p.para]]
    }

    /// Every version of `p`'s paragraph across the series, oldest first (`p` included).
    pub fn chain(&self, p: ParaRef) -> &[ParaRef] {
        &self.lineage(p).versions
    }

    /// The oldest version in the content: where the paragraph first appeared.
    pub fn first_appeared(&self, p: ParaRef) -> ParaRef {
        self.chain(p)[0]
    }

    /// The newest version: where the paragraph was last seen.
    pub fn last_seen(&self, p: ParaRef) -> ParaRef {
        *self.chain(p).last().unwrap_or(&p)
    }

    /// The resolution that no longer carries the paragraph, when its lineage ends before the
    /// newest resolution of the series (dropped, or merged into another paragraph).
    pub fn dropped_in(&self, p: ParaRef) -> Option<usize> {
        self.successor[self.last_seen(p).res]
    }

    /// The paragraph that `p`'s last version was merged into, if it was.
    pub fn merged_into(&self, p: ParaRef) -> Option<ParaRef> {
        let last = self.last_seen(p);
        let next = self.successor[last.res]?;
        self.merges[next].iter().find(|m| m.from.contains(&last)).map(|m| m.into)
    }

    /// The oldest version whose words `p` still has: for the badge "unchanged since SYMBOL".
    /// `p` itself when it is new or was amended in its resolution.
    pub fn unchanged_since(&self, p: ParaRef) -> ParaRef {
        let mut at = p;
        while let (Change::Same, Some(q)) = (self.link(at).change, self.link(at).previous) {
            at = q;
        }
        at
    }

    /// The version of `p`'s paragraph in resolution `res`, if that resolution carries it.
    pub fn version_in(&self, p: ParaRef, res: usize) -> Option<ParaRef> {
        self.chain(p).iter().copied().find(|v| v.res == res)
    }

    /// New, amended, unchanged, moved and dropped paragraphs of resolution `res`.
    pub fn summary(&self, res: usize) -> Summary<'_> {
        let links = &self.links[res];
        let pick = |f: &dyn Fn(&Link) -> bool| (0..links.len()).filter(|&i| f(&links[i])).collect::<Vec<_>>();
        Summary {
            predecessor: self.predecessor[res],
            new: pick(&|l| l.change == Change::New),
            amended: pick(&|l| l.change == Change::Amended),
            same: pick(&|l| l.change == Change::Same),
            moved: pick(&|l| l.moved),
            dropped: &self.dropped[res],
            splits: &self.splits[res],
            merges: &self.merges[res],
        }
    }
}

/// The word profile of every paragraph of a resolution.
pub fn profiles(r: &Resolution) -> Vec<Profile> {
    r.paragraphs.iter().map(|p| Profile::new(p.kind, &p.text)).collect()
}

/// Align any two resolutions directly (for `agreed diff` of resolutions that are not
/// consecutive, or of different series).
pub fn align_resolutions(old: &Resolution, new: &Resolution) -> PairAlignment {
    align_pair(&profiles(old), &profiles(new))
}

/// Align every resolution with the previous one of its series, apply the editor's overrides
/// and chain the links into lineages. Overrides that no longer apply come back as warnings.
pub fn align(corpus: &Corpus, overrides: &Overrides) -> (Lineages, Vec<Warning>) {
    align_cached(corpus, overrides, &mut AlignCache::default())
}

/// The costly half of an alignment (word profiles and pair alignments), kept between builds by
/// `agreed serve` so that an edit re-aligns only the resolutions it touched. Entries are by
/// symbol; [`AlignCache::forget`] drops those of an edited resolution.
#[derive(Default)]
pub struct AlignCache {
    profiles: std::collections::HashMap<String, Vec<Profile>>,
    pairs: std::collections::HashMap<(String, String), PairAlignment>,
}

impl AlignCache {
    /// Drop what was computed from `symbol`'s text.
    pub fn forget(&mut self, symbol: &str) {
        self.profiles.remove(symbol);
        self.pairs.retain(|(old, new), _| old != symbol && new != symbol);
    }
}

/// [`align()`], reusing and filling `cache`.
pub fn align_cached(corpus: &Corpus, overrides: &Overrides, cache: &mut AlignCache) -> (Lineages, Vec<Warning>) {
    let t = crate::timings::Timer::start();
    let n = corpus.resolutions.len();
    let (predecessor, successor) = neighbours(corpus);
    let symbol = |r: usize| corpus.resolutions[r].symbol.as_str();
    let missing: Vec<usize> = (0..n).filter(|&r| !cache.profiles.contains_key(symbol(r))).collect();
    let computed: Vec<Vec<Profile>> = missing.par_iter().map(|&r| profiles(&corpus.resolutions[r])).collect();
    for (r, p) in missing.into_iter().zip(computed) {
        cache.profiles.insert(symbol(r).to_string(), p);
    }
    t.lap("· word profiles");
    let profiles: Vec<&[Profile]> = (0..n).map(|r| cache.profiles[symbol(r)].as_slice()).collect();
    let key = |r: usize| predecessor[r].map(|p| (symbol(p).to_string(), symbol(r).to_string()));
    let todo: Vec<usize> = (0..n).filter(|&r| key(r).is_some_and(|k| !cache.pairs.contains_key(&k))).collect();
    let aligned: Vec<PairAlignment> =
        todo.par_iter().map(|&r| align_pair(profiles[predecessor[r].expect("only pairs")], profiles[r])).collect();
    for (r, pair) in todo.into_iter().zip(aligned) {
        cache.pairs.insert(key(r).expect("only pairs"), pair);
    }
    t.lap("· pair alignments");
    let pairs: Vec<Option<&PairAlignment>> = (0..n).map(|r| key(r).map(|k| &cache.pairs[&k])).collect();
    let mut l = Lineages { predecessor, successor, ..Lineages::default() };
    for (r, pair) in pairs.into_iter().enumerate() {
        let (links, splits, merges) = match (l.predecessor[r], pair) {
            (Some(p), Some(pair)) => links_of(p, r, &profiles, pair),
            _ => (vec![Link::NEW; profiles[r].len()], Vec::new(), Vec::new()),
        };
        l.links.push(links);
        l.splits.push(splits);
        l.merges.push(merges);
    }
    let warnings = apply_overrides(corpus, overrides, &profiles, &mut l);
    for r in overridden(corpus, overrides) {
        mark_moved(&mut l, r);
    }
    tidy_regroupings(&mut l);
    l.dropped = (0..n).map(|r| dropped_of(&l, r, &profiles)).collect();
    t.lap("· links");
    chain(corpus, &mut l);
    t.lap("· chains");
    l.warnings = warnings.clone();
    (l, warnings)
}

/// Predecessor and successor of every resolution within its series.
fn neighbours(corpus: &Corpus) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let n = corpus.resolutions.len();
    let (mut pred, mut succ) = (vec![None; n], vec![None; n]);
    for (_, members) in corpus.series() {
        for w in members.windows(2) {
            pred[w[1]] = Some(w[0]);
            succ[w[0]] = Some(w[1]);
        }
    }
    (pred, succ)
}

/// Links, splits and merges of resolution `r` from its alignment with `p`.
fn links_of(p: usize, r: usize, profiles: &[&[Profile]], pair: &PairAlignment) -> (Vec<Link>, Vec<Split>, Vec<Merge>) {
    let links = pair
        .matches
        .iter()
        .enumerate()
        .map(|(n, m)| match m {
            Some(m) => Link {
                previous: Some(ParaRef { res: p, para: m.old }),
                change: change_between(&profiles[p][m.old], &profiles[r][n]),
                moved: m.moved,
            },
            None => Link::NEW,
        })
        .collect();
    let at = |res: usize| move |para: usize| ParaRef { res, para };
    let splits = pair
        .splits
        .iter()
        .map(|(o, parts)| Split { from: at(p)(*o), into: parts.iter().copied().map(at(r)).collect() })
        .collect();
    let merges = pair
        .merges
        .iter()
        .map(|(parts, n)| Merge { from: parts.iter().copied().map(at(p)).collect(), into: at(r)(*n) })
        .collect();
    (links, splits, merges)
}

fn change_between(old: &Profile, new: &Profile) -> Change {
    if old.same_words(new) {
        Change::Same
    } else {
        Change::Amended
    }
}

/// Apply every override in file order; return the ones that no longer apply as warnings.
fn apply_overrides(corpus: &Corpus, overrides: &Overrides, profiles: &[&[Profile]], l: &mut Lineages) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for o in &overrides.entries {
        let warn = |message: String| Warning { file: overrides.file.clone(), line: o.line, message };
        let Some(p) = resolve(corpus, &o.paragraph) else {
            warnings.push(warn(format!("{} does not exist: the override no longer applies", o.paragraph)));
            continue;
        };
        match &o.target {
            Target::New => l.links[p.res][p.para] = Link::NEW,
            Target::Previous(name) => match resolve(corpus, name) {
                None => warnings.push(warn(format!("{name} does not exist: the override no longer applies"))),
                Some(q) if !is_earlier_in_series(corpus, q.res, p.res) => warnings.push(warn(format!(
                    "{name} is not an earlier resolution of the series of {}: the override no longer applies",
                    o.paragraph
                ))),
                Some(q) => {
                    // The target can continue into one paragraph only: whatever the automatic
                    // alignment linked to it becomes new.
                    for link in l.links[p.res].iter_mut().filter(|k| k.previous == Some(q)) {
                        *link = Link::NEW;
                    }
                    let change = change_between(&profiles[q.res][q.para], &profiles[p.res][p.para]);
                    l.links[p.res][p.para] = Link { previous: Some(q), change, moved: false };
                }
            },
        }
    }
    warnings
}

/// Resolutions whose links an override may have changed.
fn overridden(corpus: &Corpus, overrides: &Overrides) -> Vec<usize> {
    let mut out: Vec<usize> = overrides.entries.iter().filter_map(|o| corpus.index_of(&o.paragraph.symbol)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// After overrides, `moved` is decided afresh: a link is moved when it is not on the longest
/// run of links to the predecessor whose order is kept.
fn mark_moved(l: &mut Lineages, r: usize) {
    let Some(p) = l.predecessor[r] else { return };
    let paired: Vec<(usize, usize)> = (0..l.links[r].len())
        .filter_map(|i| l.links[r][i].previous.filter(|q| q.res == p).map(|q| (i, q.para)))
        .collect();
    let olds: Vec<usize> = paired.iter().map(|&(_, o)| o).collect();
    let keep = longest_increasing(&olds);
    for link in &mut l.links[r] {
        link.moved = false;
    }
    for (k, &(i, _)) in paired.iter().enumerate() {
        l.links[r][i].moved = !keep[k];
    }
}

/// Which elements of `xs` belong to one longest strictly increasing subsequence.
pub fn longest_increasing(xs: &[usize]) -> Vec<bool> {
    // Patience sorting: tails[k] = index of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; xs.len()];
    for i in 0..xs.len() {
        let k = tails.partition_point(|&t| xs[t] < xs[i]);
        back[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; xs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = back[i];
    }
    keep
}

fn resolve(corpus: &Corpus, name: &ParaName) -> Option<ParaRef> {
    corpus.find(&name.symbol, &name.anchor)
}

/// Resolutions are ordered by series, then date: an earlier one of the same series has a
/// smaller index and the same slug.
fn is_earlier_in_series(corpus: &Corpus, older: usize, newer: usize) -> bool {
    older < newer && corpus.resolutions[older].series == corpus.resolutions[newer].series
}

/// Overrides may have re-linked parts of a split or merge: keep only parts still consistent.
fn tidy_regroupings(l: &mut Lineages) {
    for r in 0..l.links.len() {
        let links = &l.links[r];
        l.splits[r].retain_mut(|s| {
            s.into.retain(|n| links[n.para].previous.is_none() || links[n.para].previous == Some(s.from));
            s.into.len() > 1
        });
        let linked: Vec<ParaRef> = links.iter().filter_map(|k| k.previous).collect();
        l.merges[r].retain_mut(|m| {
            let into = links[m.into.para].previous;
            m.from.retain(|o| Some(*o) == into || !linked.contains(o));
            m.from.len() > 1
        });
    }
}

/// Paragraphs of `r`'s predecessor that `r` neither continues nor merges.
fn dropped_of(l: &Lineages, r: usize, profiles: &[&[Profile]]) -> Vec<ParaRef> {
    let Some(p) = l.predecessor[r] else { return Vec::new() };
    let mut kept = vec![false; profiles[p].len()];
    let continued = l.links[r].iter().filter_map(|k| k.previous);
    let merged = l.merges[r].iter().flat_map(|m| m.from.iter().copied());
    for q in continued.chain(merged).filter(|q| q.res == p) {
        kept[q.para] = true;
    }
    (0..kept.len()).filter(|&i| !kept[i]).map(|para| ParaRef { res: p, para }).collect()
}

/// Chain links into lineages, oldest resolution first. A paragraph continues its previous
/// version's lineage unless another paragraph already did (an override linking across a
/// resolution can make two candidates): then it starts a lineage of its own.
fn chain(corpus: &Corpus, l: &mut Lineages) {
    l.lineage_of = corpus.resolutions.iter().map(|r| vec![usize::MAX; r.paragraphs.len()]).collect();
    l.ids = Vec::with_capacity(corpus.resolutions.len());
    for (res, r) in corpus.resolutions.iter().enumerate() {
        let mut ids = Vec::with_capacity(r.paragraphs.len());
        for (para, paragraph) in r.paragraphs.iter().enumerate() {
            let here = ParaRef { res, para };
            let continued = l.links[res][para].previous.and_then(|q| {
                let i = *l.lineage_of.get(q.res)?.get(q.para)?;
                (i != usize::MAX && l.lineages[i].versions.last() == Some(&q)).then_some(i)
            });
            let i = continued.unwrap_or_else(|| {
                l.lineages.push(Lineage { id: format!("{}#{}", r.symbol, paragraph.anchor), versions: Vec::new() });
                l.lineages.len() - 1
            });
            l.lineages[i].versions.push(here);
            l.lineage_of[res][para] = i;
            ids.push(l.lineages[i].id.clone());
        }
        l.ids.push(ids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_the_ordered_run() {
        assert_eq!(longest_increasing(&[0, 1, 5, 2, 3]), vec![true, true, false, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
