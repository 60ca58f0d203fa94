//! Aligning the paragraphs of one resolution with those of another (normally its predecessor).
//!
//! Numbers are never trusted: paragraphs are renumbered whenever one is inserted. Each pair of
//! paragraphs gets a similarity from its shared terms (words and word pairs), each weighted by
//! how rare it is in the two texts (so "Standardization Assembly" says more than "of the").
//! The assignment is then order-aware, in passes of decreasing confidence:
//!
//! 1. an in-order alignment (dynamic programming, like a diff over paragraphs) that maximises
//!    the total similarity of the pairs at or above [`ALIGN_MIN`];
//! 2. inside each gap left between two aligned pairs, a second in-order alignment down to
//!    [`GAP_MIN`]: a paragraph whose details changed (a new date, session or venue, another
//!    opening verb) is recognised by its place between unchanged neighbours, provided the pair
//!    stands out from everything else left unpaired ([`GAP_DISTINCT_RATIO`]);
//! 3. paragraphs left over on both sides are paired out of order when their similarity reaches
//!    [`MOVED_MIN`]: those are `moved`;
//! 4. what is still unpaired is checked for splits and merges by containment
//!    ([`SPLIT_MIN_CONTAINMENT`]): most of the words of a new paragraph come from an old one
//!    whose main continuation stands right beside it.
//!
//! The work is one pass over an inverted index of terms plus a dense table of shared weights,
//! so two 150-paragraph resolutions align in well under a millisecond.

use super::text::Profile;
use crate::model::Kind;

/// Lowest similarity for a pair in the in-order alignment.
pub const ALIGN_MIN: f32 = 0.40;
/// Lowest similarity for a pair inside a gap between two aligned pairs.
pub const GAP_MIN: f32 = 0.15;
/// Inside a gap, a pair must also stand out: its similarity must be at least this many times
/// that of either paragraph with any paragraph left unpaired outside the gap. Texts written from
/// a small vocabulary are all somewhat alike; a weak pair counts only when it is clearly the
/// best explanation of both paragraphs.
pub const GAP_DISTINCT_RATIO: f32 = 1.2;
/// Lowest similarity for a pair out of order (a moved paragraph).
pub const MOVED_MIN: f32 = 0.60;
/// Share of a paragraph's term weight that must come from another one for a split or merge.
pub const SPLIT_MIN_CONTAINMENT: f32 = 0.80;
/// Similarity is multiplied by this when the kinds differ (preambular vs operative, operative
/// vs sub-paragraph), so that a preambular paragraph prefers a preambular one.
pub const KIND_MISMATCH_FACTOR: f32 = 0.80;

/// Where a new paragraph comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index of the old paragraph.
    pub old: usize,
    /// Similarity in 0..=1.
    pub score: f32,
    /// Paired out of order relative to the aligned neighbours.
    pub moved: bool,
}

/// The alignment of two paragraph lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairAlignment {
    /// Per new paragraph: its old version, if any.
    pub matches: Vec<Option<Match>>,
    /// Old paragraphs that nothing continues (neither a match nor a merge).
    pub dropped: Vec<usize>,
    /// An old paragraph continued by several new ones: (old, new parts in order, the matched
    /// one included).
    pub splits: Vec<(usize, Vec<usize>)>,
    /// Several old paragraphs continued by one new one: (old parts in order, new).
    pub merges: Vec<(Vec<usize>, usize)>,
}

/// Align `new` with `old`.
pub fn align_pair(old: &[Profile], new: &[Profile]) -> PairAlignment {
    assign(&Similarity::new(old, new), old.len(), new.len())
}

/// How alike two paragraphs are; [`Similarity`] computes it from texts, tests give numbers.
pub trait Scores {
    /// Symmetric similarity in 0..=1.
    fn sim(&self, old: usize, new: usize) -> f32;
    /// Share of the new paragraph's content found in the old one.
    fn new_in_old(&self, old: usize, new: usize) -> f32;
    /// Share of the old paragraph's content found in the new one.
    fn old_in_new(&self, old: usize, new: usize) -> f32;
}

/// The passes of the alignment over `n_old` × `n_new` scored pairs.
pub fn assign(table: &dyn Scores, n_old: usize, n_new: usize) -> PairAlignment {
    let mut new_to_old: Vec<Option<usize>> = vec![None; n_new];
    let mut old_used = vec![false; n_old];
    let whole = Gap { old: 0..n_old, new: 0..n_new };
    for (o, n) in in_order(&|o, n| table.sim(o, n), &whole, ALIGN_MIN) {
        new_to_old[n] = Some(o);
        old_used[o] = true;
    }
    for gap in gaps(&new_to_old, n_old) {
        let eligible = distinct_in_gap(table, &gap, &new_to_old, &old_used);
        for (o, n) in in_order(&eligible, &gap, GAP_MIN) {
            new_to_old[n] = Some(o);
            old_used[o] = true;
        }
    }
    let in_order_match =
        |(n, o): (usize, &Option<usize>)| o.map(|o| Match { old: o, score: table.sim(o, n), moved: false });
    let mut matches: Vec<Option<Match>> = new_to_old.iter().enumerate().map(in_order_match).collect();
    pair_moved(table, &mut matches, &mut old_used);
    let splits = find_splits(table, &matches);
    let merges = find_merges(table, &matches, &mut old_used);
    let dropped = (0..n_old).filter(|&o| !old_used[o]).collect();
    PairAlignment { matches, dropped, splits, merges }
}

/// Shared term weights of every (old, new) pair, and each paragraph's total weight.
pub struct Similarity {
    n_old: usize,
    shared: Vec<f32>,
    old_weight: Vec<f32>,
    new_weight: Vec<f32>,
    old_kind: Vec<Kind>,
    new_kind: Vec<Kind>,
}

impl Similarity {
    pub fn new(old: &[Profile], new: &[Profile]) -> Similarity {
        let index = TermIndex::new(old, new);
        let n_old = old.len();
        let mut shared = vec![0f32; n_old * new.len()];
        let mut new_weight = vec![0f32; new.len()];
        for (n, ids) in index.new_terms.iter().enumerate() {
            let row = &mut shared[n * n_old..(n + 1) * n_old];
            // A term held by most old paragraphs ("the", "of") is added to the whole row and
            // taken back from the few without it: its postings would be most of the work.
            let mut everywhere = 0f32;
            for &id in ids {
                let w = index.weight[id as usize];
                new_weight[n] += w;
                match index.postings(id) {
                    Postings::Holders(olds) => olds.iter().for_each(|&o| row[o as usize] += w),
                    Postings::AllBut(olds) => {
                        everywhere += w;
                        olds.iter().for_each(|&o| row[o as usize] -= w);
                    }
                }
            }
            if everywhere != 0.0 {
                row.iter_mut().for_each(|x| *x += everywhere);
            }
        }
        let old_weight =
            index.old_terms.iter().map(|ids| ids.iter().map(|&id| index.weight[id as usize]).sum()).collect();
        let (old_kind, new_kind) = (old.iter().map(|p| p.kind).collect(), new.iter().map(|p| p.kind).collect());
        Similarity { n_old, shared, old_weight, new_weight, old_kind, new_kind }
    }

    fn shared(&self, old: usize, new: usize) -> f32 {
        self.shared[new * self.n_old + old]
    }
}

impl Scores for Similarity {
    /// Weighted Dice coefficient of the two term sets, lowered when the kinds differ.
    fn sim(&self, old: usize, new: usize) -> f32 {
        let total = self.old_weight[old] + self.new_weight[new];
        if total <= 0.0 {
            return 0.0;
        }
        let dice = 2.0 * self.shared(old, new) / total;
        if self.old_kind[old] == self.new_kind[new] {
            dice
        } else {
            dice * KIND_MISMATCH_FACTOR
        }
    }

    fn new_in_old(&self, old: usize, new: usize) -> f32 {
        ratio(self.shared(old, new), self.new_weight[new])
    }

    fn old_in_new(&self, old: usize, new: usize) -> f32 {
        ratio(self.shared(old, new), self.old_weight[old])
    }
}

fn ratio(a: f32, b: f32) -> f32 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Every term of both sides, numbered, with its weight and the old paragraphs holding it (or,
/// for a term most of them hold, those without it). Postings are one flat array
/// (`offsets[id]..offsets[id + 1]`): no allocation per term.
struct TermIndex {
    weight: Vec<f32>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
    /// Per term: its postings list the old paragraphs *without* it.
    inverted: Vec<bool>,
    old_terms: Vec<Vec<u32>>,
    new_terms: Vec<Vec<u32>>,
}

/// The old paragraphs a term is in, one way or the other.
enum Postings<'a> {
    Holders(&'a [u32]),
    AllBut(&'a [u32]),
}

impl TermIndex {
    fn new(old: &[Profile], new: &[Profile]) -> TermIndex {
        let capacity = old.iter().chain(new).map(Profile::term_count).sum::<usize>() / 2;
        let mut ids = TermIds::with_capacity(capacity);
        let (mut df, mut df_old) = (Vec::<u32>::with_capacity(capacity), Vec::<u32>::with_capacity(capacity));
        // `seen[id]` is the last paragraph (counting both sides) that held term `id`, so a term
        // repeated within a paragraph is counted once.
        let mut seen: Vec<u32> = Vec::with_capacity(capacity);
        let mut paragraph = 0u32;
        let mut number = |p: &Profile, is_old: bool| -> Vec<u32> {
            paragraph += 1;
            let mut out = Vec::with_capacity(p.term_count());
            for t in p.terms() {
                let next = df.len() as u32;
                let id = ids.get_or_insert(t, next);
                if id == next {
                    df.push(0);
                    df_old.push(0);
                    seen.push(0);
                }
                if seen[id as usize] != paragraph {
                    seen[id as usize] = paragraph;
                    df[id as usize] += 1;
                    df_old[id as usize] += u32::from(is_old);
                    out.push(id);
                }
            }
            out
        };
        let old_terms: Vec<Vec<u32>> = old.iter().map(|p| number(p, true)).collect();
        let new_terms: Vec<Vec<u32>> = new.iter().map(|p| number(p, false)).collect();
        // Inverse document frequency over the two texts: a term in every paragraph weighs
        // almost nothing, a term in one paragraph of each side weighs about ln(N/2).
        let n = (old.len() + new.len()) as f32;
        let weight = df.iter().map(|&d| ((n + 1.0) / d as f32).ln()).collect();
        let n_old = old.len() as u32;
        let inverted: Vec<bool> = df_old.iter().map(|&d| d * 2 > n_old).collect();
        let listed = |id: usize| if inverted[id] { n_old - df_old[id] } else { df_old[id] };
        let mut offsets = Vec::with_capacity(df_old.len() + 1);
        offsets.push(0u32);
        for id in 0..df_old.len() {
            offsets.push(offsets.last().copied().unwrap_or(0) + listed(id));
        }
        let mut fill: Vec<u32> = offsets[..df_old.len()].to_vec();
        let mut postings = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
        // `holds[id]` is the last old paragraph seen holding an inverted term, so that the
        // paragraphs skipped since then are the ones without it.
        let mut holds: Vec<u32> = vec![0; df_old.len()];
        let mut absent = |id: usize, until: u32, postings: &mut Vec<u32>, fill: &mut Vec<u32>| {
            for o in holds[id]..until {
                postings[fill[id] as usize] = o;
                fill[id] += 1;
            }
            holds[id] = until + 1;
        };
        for (o, terms) in old_terms.iter().enumerate() {
            for &id in terms {
                let id = id as usize;
                if inverted[id] {
                    absent(id, o as u32, &mut postings, &mut fill);
                } else {
                    postings[fill[id] as usize] = o as u32;
                    fill[id] += 1;
                }
            }
        }
        for id in (0..df_old.len()).filter(|&id| inverted[id]) {
            absent(id, n_old, &mut postings, &mut fill);
        }
        TermIndex { weight, offsets, postings, inverted, old_terms, new_terms }
    }

    fn postings(&self, id: u32) -> Postings<'_> {
        let list = &self.postings[self.offsets[id as usize] as usize..self.offsets[id as usize + 1] as usize];
        if self.inverted[id as usize] {
            Postings::AllBut(list)
        } else {
            Postings::Holders(list)
        }
    }
}

/// Term → id, open addressing with linear probing. Terms are already well-mixed 64-bit hashes,
/// so their low bits are the slot; every pair of resolutions numbers tens of thousands of
/// terms, and a general-purpose map cost a sixth of the alignment.
struct TermIds {
    slots: Vec<(u64, u32)>,
    mask: usize,
}

impl TermIds {
    const EMPTY: u32 = u32::MAX;

    fn with_capacity(capacity: usize) -> TermIds {
        let size = (capacity * 2).max(16).next_power_of_two();
        TermIds { slots: vec![(0, Self::EMPTY); size], mask: size - 1 }
    }

    /// The id of `term`, which becomes `next` when the term is new.
    fn get_or_insert(&mut self, term: u64, next: u32) -> u32 {
        if next as usize * 2 >= self.slots.len() {
            self.grow();
        }
        let mut i = term as usize & self.mask;
        loop {
            let (key, id) = self.slots[i];
            if id == Self::EMPTY {
                self.slots[i] = (term, next);
                return next;
            }
            if key == term {
                return id;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![(0, Self::EMPTY); old.len() * 2];
        self.mask = self.slots.len() - 1;
        for (term, id) in old.into_iter().filter(|&(_, id)| id != Self::EMPTY) {
            let mut i = term as usize & self.mask;
            while self.slots[i].1 != Self::EMPTY {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = (term, id);
        }
    }
}

/// A stretch of old and new paragraphs to align with each other.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Gap {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// The in-order pairs (old, new) inside `gap` with the greatest total similarity, each pair at
/// least `min`. A longest-common-subsequence table where a match scores its similarity.
fn in_order(sim: &dyn Fn(usize, usize) -> f32, gap: &Gap, min: f32) -> Vec<(usize, usize)> {
    let (rows, cols) = (gap.new.len(), gap.old.len());
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let width = cols + 1;
    let mut best = vec![0f32; (rows + 1) * width];
    for i in 1..=rows {
        let n = gap.new.start + i - 1;
        for j in 1..=cols {
            let o = gap.old.start + j - 1;
            let s = sim(o, n);
            let diag = if s >= min { best[(i - 1) * width + j - 1] + s } else { f32::MIN };
            best[i * width + j] = diag.max(best[(i - 1) * width + j]).max(best[i * width + j - 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (rows, cols);
    while i > 0 && j > 0 {
        let here = best[i * width + j];
        if here == best[(i - 1) * width + j] {
            i -= 1;
        } else if here == best[i * width + j - 1] {
            j -= 1;
        } else {
            pairs.push((gap.old.start + j - 1, gap.new.start + i - 1));
            i -= 1;
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Similarities inside `gap`, zeroed for pairs that do not stand out from what is left unpaired
/// outside the gap (see [`GAP_DISTINCT_RATIO`]).
fn distinct_in_gap<'t>(
    table: &'t dyn Scores,
    gap: &Gap,
    new_to_old: &[Option<usize>],
    old_used: &[bool],
) -> impl Fn(usize, usize) -> f32 + 't {
    let free_old: Vec<usize> = (0..old_used.len()).filter(|&o| !old_used[o] && !gap.old.contains(&o)).collect();
    let free_new: Vec<usize> =
        (0..new_to_old.len()).filter(|&n| new_to_old[n].is_none() && !gap.new.contains(&n)).collect();
    let best_for_new: Vec<f32> =
        gap.new.clone().map(|n| free_old.iter().map(|&o| table.sim(o, n)).fold(0.0, f32::max)).collect();
    let best_for_old: Vec<f32> =
        gap.old.clone().map(|o| free_new.iter().map(|&n| table.sim(o, n)).fold(0.0, f32::max)).collect();
    let (old_start, new_start) = (gap.old.start, gap.new.start);
    move |o, n| {
        let s = table.sim(o, n);
        let background = best_for_new[n - new_start].max(best_for_old[o - old_start]);
        if s >= GAP_DISTINCT_RATIO * background {
            s
        } else {
            0.0
        }
    }
}

/// The stretches between consecutive aligned pairs where both sides have unaligned paragraphs.
fn gaps(new_to_old: &[Option<usize>], n_old: usize) -> Vec<Gap> {
    let mut out = Vec::new();
    let (mut old_start, mut new_start) = (0, 0);
    let anchors = new_to_old.iter().enumerate().filter_map(|(n, o)| o.map(|o| (o, n)));
    for (o, n) in anchors.chain(std::iter::once((n_old, new_to_old.len()))) {
        if o > old_start && n > new_start {
            out.push(Gap { old: old_start..o, new: new_start..n });
        }
        old_start = o + 1;
        new_start = n + 1;
    }
    out
}

/// Pair leftover paragraphs out of order, most similar first.
fn pair_moved(table: &dyn Scores, matches: &mut [Option<Match>], old_used: &mut [bool]) {
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for n in (0..matches.len()).filter(|&n| matches[n].is_none()) {
        for o in (0..old_used.len()).filter(|&o| !old_used[o]) {
            let s = table.sim(o, n);
            if s >= MOVED_MIN {
                candidates.push((s, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (score, o, n) in candidates {
        if matches[n].is_none() && !old_used[o] {
            matches[n] = Some(Match { old: o, score, moved: true });
            old_used[o] = true;
        }
    }
}

/// New paragraphs left unpaired whose words mostly come from an old paragraph continued by a
/// neighbour: the old paragraph was split.
fn find_splits(table: &dyn Scores, matches: &[Option<Match>]) -> Vec<(usize, Vec<usize>)> {
    let mut parts: Vec<(usize, Vec<usize>)> = Vec::new();
    for n in 0..matches.len() {
        if matches[n].is_some() {
            continue;
        }
        let neighbour_old = |m: usize| matches.get(m).copied().flatten().map(|m| m.old);
        let candidates = [n.checked_sub(1).and_then(neighbour_old), neighbour_old(n + 1)];
        // A chain of parts: the previous new paragraph may itself be a part of the same split.
        let chained = parts.iter().find(|(_, ps)| ps.last() == Some(&(n.wrapping_sub(1)))).map(|(o, _)| *o);
        let source = candidates
            .into_iter()
            .flatten()
            .chain(chained)
            .filter(|&o| table.new_in_old(o, n) >= SPLIT_MIN_CONTAINMENT)
            .max_by(|&a, &b| table.new_in_old(a, n).total_cmp(&table.new_in_old(b, n)));
        if let Some(o) = source {
            match parts.iter_mut().find(|(po, _)| *po == o) {
                Some((_, ps)) => ps.push(n),
                None => parts.push((o, vec![n])),
            }
        }
    }
    parts
        .into_iter()
        .map(|(o, mut ps)| {
            ps.extend((0..matches.len()).filter(|&m| matches[m].map(|x| x.old) == Some(o)));
            ps.sort_unstable();
            ps.dedup();
            (o, ps)
        })
        .collect()
}

/// Old paragraphs left unpaired whose words mostly went into a new paragraph that continues
/// one of their neighbours: they were merged.
fn find_merges(table: &dyn Scores, matches: &[Option<Match>], old_used: &mut [bool]) -> Vec<(Vec<usize>, usize)> {
    let mut old_to_new: Vec<Option<usize>> = vec![None; old_used.len()];
    for (n, m) in matches.iter().enumerate() {
        if let Some(m) = m {
            old_to_new[m.old] = Some(n);
        }
    }
    let mut merges: Vec<(Vec<usize>, usize)> = Vec::new();
    for o in 0..old_used.len() {
        if old_used[o] {
            continue;
        }
        let neighbour_new = |p: usize| old_to_new.get(p).copied().flatten();
        let target = [o.checked_sub(1).and_then(neighbour_new), neighbour_new(o + 1)]
            .into_iter()
            .flatten()
            .filter(|&n| table.old_in_new(o, n) >= SPLIT_MIN_CONTAINMENT)
            .max_by(|&a, &b| table.old_in_new(o, a).total_cmp(&table.old_in_new(o, b)));
        if let Some(n) = target {
            old_used[o] = true;
            old_to_new[o] = Some(n);
            match merges.iter_mut().find(|(_, mn)| *mn == n) {
                Some((os, _)) => os.push(o),
                None => merges.push((vec![o], n)),
            }
        }
    }
    for (os, n) in &mut merges {
        if let Some(m) = matches[*n] {
            os.push(m.old);
        }
        os.sort_unstable();
        os.dedup();
    }
    merges
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn term_ids_number_each_term_once_and_survive_growing() {
        let mut ids = TermIds::with_capacity(1);
        let terms: Vec<u64> = (0..1000u64).map(|t| t.wrapping_mul(0x9e37_79b9_7f4a_7c15) & !0xff).collect();
        for (n, &t) in terms.iter().enumerate() {
            assert_eq!(ids.get_or_insert(t, n as u32), n as u32);
        }
        for (n, &t) in terms.iter().enumerate() {
            assert_eq!(ids.get_or_insert(t, 5000), n as u32, "term {n} keeps its id");
        }
    }
    use crate::model::Kind;

    /// Scores given by hand: unlisted pairs score 0.
    #[derive(Default)]
    struct Matrix {
        sims: HashMap<(usize, usize), f32>,
        /// (new_in_old, old_in_new)
        containment: HashMap<(usize, usize), (f32, f32)>,
    }

    impl Matrix {
        /// `n` identical pairs (i, i) and more pairs given as (old, new, sim).
        fn new(pairs: &[(usize, usize, f32)]) -> Matrix {
            let mut m = Matrix::default();
            for &(o, n, s) in pairs {
                m.sims.insert((o, n), s);
            }
            m
        }
        fn contains(mut self, o: usize, n: usize, new_in_old: f32, old_in_new: f32) -> Matrix {
            self.containment.insert((o, n), (new_in_old, old_in_new));
            self
        }
    }

    impl Scores for Matrix {
        fn sim(&self, o: usize, n: usize) -> f32 {
            self.sims.get(&(o, n)).copied().unwrap_or(0.0)
        }
        fn new_in_old(&self, o: usize, n: usize) -> f32 {
            self.containment.get(&(o, n)).map(|c| c.0).unwrap_or_else(|| self.sim(o, n))
        }
        fn old_in_new(&self, o: usize, n: usize) -> f32 {
            self.containment.get(&(o, n)).map(|c| c.1).unwrap_or_else(|| self.sim(o, n))
        }
    }

    fn linked(a: &PairAlignment) -> Vec<Option<usize>> {
        a.matches.iter().map(|m| m.map(|m| m.old)).collect()
    }

    /// old [A, X, B, Z], new [A, X', B]: X–X' scores `s`; Z (outside the gap) scores `bg` with X'.
    fn sandwich(s: f32, bg: f32) -> PairAlignment {
        let m = Matrix::new(&[(0, 0, 1.0), (2, 2, 1.0), (1, 1, s), (3, 1, bg)]);
        assign(&m, 4, 3)
    }

    #[test]
    fn a_pair_at_align_min_is_aligned_in_order_and_one_just_below_needs_the_gap_rules() {
        // The background equals the pair's own score, so the gap pass cannot rescue it.
        assert_eq!(linked(&sandwich(ALIGN_MIN, ALIGN_MIN))[1], Some(1));
        assert_eq!(linked(&sandwich(ALIGN_MIN - 0.001, ALIGN_MIN - 0.001))[1], None);
    }

    #[test]
    fn inside_a_gap_a_distinct_pair_at_gap_min_is_aligned_and_one_below_is_not() {
        assert_eq!(linked(&sandwich(GAP_MIN, 0.0))[1], Some(1));
        assert_eq!(linked(&sandwich(GAP_MIN - 0.001, 0.0))[1], None);
    }

    #[test]
    fn inside_a_gap_a_pair_must_stand_out_from_what_is_left_unpaired() {
        let s = 0.3;
        assert_eq!(linked(&sandwich(s, s / GAP_DISTINCT_RATIO - 0.01))[1], Some(1));
        assert_eq!(linked(&sandwich(s, s / GAP_DISTINCT_RATIO + 0.01))[1], None);
    }

    #[test]
    fn a_paragraph_out_of_order_is_moved_from_moved_min() {
        // old [X, A, B], new [A, B, X']: X' is after its old neighbours.
        let moved = |s: f32| assign(&Matrix::new(&[(1, 0, 1.0), (2, 1, 1.0), (0, 2, s)]), 3, 3);
        let a = moved(MOVED_MIN);
        assert_eq!(linked(&a), vec![Some(1), Some(2), Some(0)]);
        assert!(a.matches[2].unwrap().moved);
        assert!(!a.matches[0].unwrap().moved);
        let b = moved(MOVED_MIN - 0.001);
        assert_eq!(linked(&b), vec![Some(1), Some(2), None]);
        assert_eq!(b.dropped, vec![0]);
    }

    #[test]
    fn numbers_do_not_matter_only_order_and_similarity() {
        // Three inserted paragraphs shift every number; the pairs follow the texts.
        let m = Matrix::new(&[(0, 3, 1.0), (1, 4, 0.9), (2, 5, 1.0)]);
        assert_eq!(linked(&assign(&m, 3, 6)), vec![None, None, None, Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn of_two_near_duplicates_the_one_in_order_wins() {
        // old [A, D, B, D2], new [A, D', B]: D' is as like D as D2, but D is between A and B.
        let m = Matrix::new(&[(0, 0, 1.0), (2, 2, 1.0), (1, 1, 0.8), (3, 1, 0.8)]);
        let a = assign(&m, 4, 3);
        assert_eq!(linked(&a), vec![Some(0), Some(1), Some(2)]);
        assert_eq!(a.dropped, vec![3]);
    }

    #[test]
    fn a_new_paragraph_mostly_made_of_an_old_neighbours_words_is_a_split() {
        // old [A, X, B], new [A, X1, X2, B]: X continues as X1; X2 is the rest of X.
        let m = Matrix::new(&[(0, 0, 1.0), (2, 3, 1.0), (1, 1, 0.6), (1, 2, 0.3)]).contains(
            1,
            2,
            SPLIT_MIN_CONTAINMENT,
            0.3,
        );
        let a = assign(&m, 3, 4);
        assert_eq!(linked(&a), vec![Some(0), Some(1), None, Some(2)]);
        assert_eq!(a.splits, vec![(1, vec![1, 2])]);
        let m = Matrix::new(&[(0, 0, 1.0), (2, 3, 1.0), (1, 1, 0.6), (1, 2, 0.3)]).contains(
            1,
            2,
            SPLIT_MIN_CONTAINMENT - 0.01,
            0.3,
        );
        assert!(assign(&m, 3, 4).splits.is_empty());
    }

    #[test]
    fn an_old_paragraph_whose_words_went_into_a_neighbours_continuation_is_merged_not_dropped() {
        // old [A, X1, X2, B], new [A, X, B]: X continues X1 and takes in X2.
        let m = Matrix::new(&[(0, 0, 1.0), (3, 2, 1.0), (1, 1, 0.6), (2, 1, 0.3)]).contains(
            2,
            1,
            0.3,
            SPLIT_MIN_CONTAINMENT,
        );
        let a = assign(&m, 4, 3);
        assert_eq!(linked(&a), vec![Some(0), Some(1), Some(3)]);
        assert_eq!(a.merges, vec![(vec![1, 2], 1)]);
        assert!(a.dropped.is_empty());
    }

    #[test]
    fn a_preambular_paragraph_prefers_a_preambular_one() {
        let text = "Recalling its resolution 2006/46 on the follow-up to the World Summit";
        let old = [Profile::new(Kind::Operative, text), Profile::new(Kind::Preambular, text)];
        let new = [Profile::new(Kind::Preambular, text)];
        let table = Similarity::new(&old, &new);
        assert!((table.sim(0, 0) - KIND_MISMATCH_FACTOR * table.sim(1, 0)).abs() < 1e-6);
        assert_eq!(linked(&align_pair(&old, &new)), vec![Some(1)]);
    }

    #[test]
    fn rare_shared_words_outweigh_common_ones() {
        let old = [
            Profile::new(Kind::Operative, "Also recalls the holding of the World Telecommunication Standardization Assembly, organized by the Union in Geneva"),
            Profile::new(Kind::Operative, "Notes the work of the Union in the region"),
        ];
        let new = [
            Profile::new(Kind::Operative, "Further recalls the holding of the World Telecommunication Standardization Assembly, convened by the Union in New Delhi, and of the Global Standards Symposium"),
            Profile::new(Kind::Operative, "Also recalls the holding of the World Radiocommunication Conference, convened by the Union in Dubai"),
        ];
        let table = Similarity::new(&old, &new);
        assert!(table.sim(0, 0) > table.sim(0, 1), "{} vs {}", table.sim(0, 0), table.sim(0, 1));
    }

    #[test]
    fn a_term_most_old_paragraphs_hold_is_shared_only_with_those_holding_it() {
        let texts = ["the report", "the forum", "the data", "notes welcomes"];
        let old: Vec<Profile> = texts.iter().map(|t| Profile::new(Kind::Operative, t)).collect();
        let new = [Profile::new(Kind::Operative, "the")];
        let index = TermIndex::new(&old, &new);
        let the = index.new_terms[0][0];
        assert!(matches!(index.postings(the), Postings::AllBut(&[3])), "\"the\" is listed by its absence");
        let table = Similarity::new(&old, &new);
        let w = index.weight[the as usize];
        for o in 0..3 {
            assert!((table.shared(o, 0) - w).abs() < 1e-6, "paragraph {o} holds \"the\"");
        }
        assert!(table.shared(3, 0).abs() < 1e-6, "paragraph 3 does not");
    }

    proptest::proptest! {
        /// The shared weight of every pair is the sum of the weights of the terms both hold,
        /// whether a term's postings list its holders or (held by most) those without it.
        #[test]
        fn shared_weights_are_the_weights_of_common_terms(
            old in proptest::collection::vec("(the )?(report|of|a|forum|2024|notes|welcomes|data| ){0,8}", 0..12),
            new in proptest::collection::vec("(the|report|of|a|forum|2025|recalls|welcomes|data| ){0,12}", 0..12),
        ) {
            let profile = |t: &String| Profile::new(Kind::Operative, t);
            let (o, n): (Vec<Profile>, Vec<Profile>) = (old.iter().map(profile).collect(), new.iter().map(profile).collect());
            let table = Similarity::new(&o, &n);
            let index = TermIndex::new(&o, &n);
            for (j, new_ids) in index.new_terms.iter().enumerate() {
                for (i, old_ids) in index.old_terms.iter().enumerate() {
                    let direct: f32 =
                        new_ids.iter().filter(|id| old_ids.contains(id)).map(|&id| index.weight[id as usize]).sum();
                    let got = table.shared(i, j);
                    proptest::prop_assert!((got - direct).abs() <= 1e-4 * direct.max(1.0), "{} vs {}", got, direct);
                }
            }
        }

        /// Every old paragraph is continued once, merged, or dropped; never twice.
        #[test]
        fn every_old_paragraph_is_accounted_for_exactly_once(
            old in proptest::collection::vec("(the|report|of|a|forum|2024|notes|welcomes|data| ){0,12}", 0..12),
            new in proptest::collection::vec("(the|report|of|a|forum|2025|recalls|welcomes|data| ){0,12}", 0..12),
        ) {
            let profile = |t: &String| Profile::new(Kind::Operative, t);
            let (o, n): (Vec<Profile>, Vec<Profile>) = (old.iter().map(profile).collect(), new.iter().map(profile).collect());
            let a = align_pair(&o, &n);
            proptest::prop_assert_eq!(a.matches.len(), n.len());
            let mut seen = vec![0; o.len()];
            for m in a.matches.iter().flatten() {
                seen[m.old] += 1;
            }
            for (parts, _) in &a.merges {
                for &p in parts {
                    if !a.matches.iter().flatten().any(|m| m.old == p) {
                        seen[p] += 1;
                    }
                }
            }
            for &d in &a.dropped {
                seen[d] += 1;
            }
            proptest::prop_assert!(seen.iter().all(|&c| c == 1), "{:?}", seen);
        }
    }

    #[test]
    fn empty_inputs_align_to_nothing() {
        assert_eq!(align_pair(&[], &[]), PairAlignment::default());
        let one = [Profile::new(Kind::Operative, "")];
        let a = align_pair(&one, &one);
        assert_eq!(a.matches.len(), 1);
    }
}
