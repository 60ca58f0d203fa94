//! Lineage on the synthetic corpus: precision and recall of the predecessor links against the
//! generator's ground truth (`lineage.json`).

mod support;

use std::collections::HashMap;

use agreed::lineage::{align, Change, Overrides};
use agreed::model::ParaRef;
use support::synthetic::{generate, Synthetic};

const DOCS: usize = 200;
const MIN_PRECISION: f64 = 0.98;
const MIN_RECALL: f64 = 0.98;

#[test]
fn predecessor_links_on_the_200_document_synthetic_corpus_reach_098() {
    let dir = tempfile::tempdir().unwrap();
    if let Err(e) = generate(DOCS, dir.path()) {
        panic!("cannot generate the synthetic corpus: {e}");
    }
    let s = Synthetic::load(dir.path());
    let started = std::time::Instant::now();
    let (lineages, warnings) = align(&s.corpus, &Overrides::none());
    let took = started.elapsed();
    assert!(warnings.is_empty());
    let truth = s.true_previous(&lineages.predecessor);
    let score = Score::of(&truth, |p| lineages.link(p).previous);
    println!(
        "synthetic {DOCS} docs, {} paragraphs: precision {:.4} recall {:.4} ({} predicted, {} true, {} correct); aligned in {:?}",
        s.corpus.paragraph_count(),
        score.precision(),
        score.recall(),
        score.predicted,
        score.true_links,
        score.correct,
        took
    );
    for miss in score.misses.iter().take(20) {
        println!("  miss: {miss}");
    }
    moved_report(&s, &lineages);
    assert!(score.precision() >= MIN_PRECISION, "precision {:.4}", score.precision());
    assert!(score.recall() >= MIN_RECALL, "recall {:.4}", score.recall());
}

fn moved_report(s: &Synthetic, lineages: &agreed::lineage::Lineages) {
    let (mut truly_moved, mut found) = (0, 0);
    let mut same_ok = 0;
    let mut same_total = 0;
    for (p, (_, status)) in &s.truth {
        let link = lineages.link(*p);
        if status == "moved" {
            truly_moved += 1;
            found += usize::from(link.moved);
        }
        if status == "unchanged" && link.previous.is_some() {
            same_total += 1;
            same_ok += usize::from(link.change == Change::Same);
        }
    }
    println!("  moved (unchanged and moved in the truth): {found} of {truly_moved} flagged; unchanged seen as same: {same_ok} of {same_total}");
    let splits: usize = lineages.splits.iter().map(Vec::len).sum();
    let merges: usize = lineages.merges.iter().map(Vec::len).sum();
    println!("  splits {splits}, merges {merges} (the generator makes none)");
}

struct Score {
    predicted: usize,
    true_links: usize,
    correct: usize,
    misses: Vec<String>,
}

impl Score {
    fn of(truth: &HashMap<ParaRef, Option<ParaRef>>, predicted: impl Fn(ParaRef) -> Option<ParaRef>) -> Score {
        let mut s = Score { predicted: 0, true_links: 0, correct: 0, misses: Vec::new() };
        let mut keys: Vec<_> = truth.keys().copied().collect();
        keys.sort();
        for p in keys {
            let want = truth[&p];
            let got = predicted(p);
            s.true_links += usize::from(want.is_some());
            s.predicted += usize::from(got.is_some());
            if want.is_some() && want == got {
                s.correct += 1;
            } else if want != got {
                s.misses.push(format!("{p:?}: expected {want:?}, got {got:?}"));
            }
        }
        s
    }

    fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.correct as f64 / self.true_links.max(1) as f64
    }
}
