//! The automatic alignment of E/RES/2023/3 → E/RES/2025/18 scored against a gold alignment
//! made by hand from the raw seed texts (`tests/fixtures/lineage/gold-2023-3-to-2025-18.tsv`).
//! No overrides: this is the score of the algorithm alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use agreed::lineage::{align, Change, Overrides};
use agreed::model::{parse_resolution, Corpus, Resolution};

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.97;
const OLD: &str = "E/RES/2023/3";
const NEW: &str = "E/RES/2025/18";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage")
}

/// Where the seeds' content files are: the project's own content (from `agreed import`) when
/// it is there, and always the fixtures converted from the raw texts independently of the
/// importer, so the score does not hang on one conversion.
fn sources() -> Vec<PathBuf> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/resolutions");
    let mut out = vec![fixtures()];
    if content.join("E-RES-2023-3.md").exists() && content.join("E-RES-2025-18.md").exists() {
        out.push(content);
    }
    out
}

fn seed(dir: &Path, file: &str) -> Resolution {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    parse_resolution(&path, &text).unwrap_or_else(|e| panic!("{e}"))
}

struct Gold {
    /// new anchor → (relation, old anchor or None)
    links: BTreeMap<String, (String, Option<String>)>,
    dropped: BTreeSet<String>,
}

fn gold() -> Gold {
    let text = std::fs::read_to_string(fixtures().join("gold-2023-3-to-2025-18.tsv")).unwrap();
    let mut g = Gold { links: BTreeMap::new(), dropped: BTreeSet::new() };
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "gold line {line:?}");
        match cols[1] {
            "dropped" => assert!(g.dropped.insert(cols[2].to_string()), "{line}"),
            "new" => assert!(g.links.insert(cols[0].to_string(), ("new".into(), None)).is_none()),
            rel => assert!(g.links.insert(cols[0].to_string(), (rel.into(), Some(cols[2].to_string()))).is_none()),
        }
    }
    g
}

#[test]
fn the_gold_lists_every_paragraph_of_both_resolutions_once() {
    for dir in sources() {
        gold_covers(&dir);
    }
}

fn gold_covers(dir: &Path) {
    let (old, new, g) = (seed(dir, "E-RES-2023-3.md"), seed(dir, "E-RES-2025-18.md"), gold());
    let new_anchors: BTreeSet<String> = new.paragraphs.iter().map(|p| p.anchor.clone()).collect();
    assert_eq!(new_anchors, g.links.keys().cloned().collect::<BTreeSet<_>>());
    let mut old_in_gold: Vec<String> = g.links.values().filter_map(|(_, o)| o.clone()).collect();
    old_in_gold.extend(g.dropped.iter().cloned());
    old_in_gold.sort();
    let mut old_anchors: Vec<String> = old.paragraphs.iter().map(|p| p.anchor.clone()).collect();
    old_anchors.sort();
    assert_eq!(old_anchors, old_in_gold);
}

#[test]
fn automatic_alignment_of_the_seeds_matches_the_hand_made_gold() {
    for dir in sources() {
        score(&dir);
    }
}

fn score(dir: &Path) {
    println!("seeds from {}", dir.display());
    let corpus = Corpus::new(vec![seed(dir, "E-RES-2023-3.md"), seed(dir, "E-RES-2025-18.md")]).unwrap();
    let (lineages, _) = align(&corpus, &Overrides::none());
    let (old, new) = (corpus.index_of(OLD).unwrap(), corpus.index_of(NEW).unwrap());
    assert_eq!(lineages.predecessor[new], Some(old));
    let g = gold();
    let (mut predicted, mut correct, mut relation_agrees, mut misses) = (0, 0, 0, Vec::new());
    let gold_links = g.links.values().filter(|(_, o)| o.is_some()).count();
    for (i, p) in corpus.resolutions[new].paragraphs.iter().enumerate() {
        let link = &lineages.links[new][i];
        let got = link.previous.map(|q| corpus.resolutions[q.res].paragraphs[q.para].anchor.clone());
        let (relation, want) = &g.links[&p.anchor];
        predicted += usize::from(got.is_some());
        if got.is_some() && got == *want {
            correct += 1;
            relation_agrees += usize::from(link.change.as_str() == relation);
        }
        if got != *want {
            misses.push(format!("{NEW}#{}: gold {} {:?}, automatic {:?}", p.anchor, relation, want, got));
        }
        if got == *want && want.is_some() && link.change.as_str() != relation {
            println!("  relation differs at #{}: gold {relation}, automatic {}", p.anchor, link.change.as_str());
        }
    }
    let precision = correct as f64 / predicted.max(1) as f64;
    let recall = correct as f64 / gold_links.max(1) as f64;
    println!("seeds {OLD} -> {NEW}: precision {precision:.4} recall {recall:.4} ({predicted} predicted, {gold_links} gold, {correct} correct; relation agrees on {relation_agrees})");
    for m in &misses {
        println!("  miss: {m}");
    }
    let moved: Vec<&str> = (0..corpus.resolutions[new].paragraphs.len())
        .filter(|&i| lineages.links[new][i].moved)
        .map(|i| corpus.resolutions[new].paragraphs[i].anchor.as_str())
        .collect();
    println!("  moved: {moved:?}; new: {}", lineages.links[new].iter().filter(|l| l.change == Change::New).count());
    let name = |q: agreed::model::ParaRef| corpus.para(q).anchor.clone();
    for sp in &lineages.splits[new] {
        println!("  split: {} -> {:?}", name(sp.from), sp.into.iter().map(|&q| name(q)).collect::<Vec<_>>());
    }
    for m in &lineages.merges[new] {
        println!("  merged: {:?} -> {}", m.from.iter().map(|&q| name(q)).collect::<Vec<_>>(), name(m.into));
    }
    assert!(precision >= MIN_PRECISION, "precision {precision:.4}");
    assert!(recall >= MIN_RECALL, "recall {recall:.4}");
}
