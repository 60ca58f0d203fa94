//! References in the two seed resolutions as imported into `content/resolutions/`
//! (E/RES/2023/3 and E/RES/2025/18). The content files come from the importer; where they
//! are not there yet the tests say so and check nothing.

use std::path::Path;

use agreed::model::Corpus;
use agreed::references::{resolve, RefKind, Target};

fn seeds() -> Option<Corpus> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = agreed::content::load(&dir).expect("the seed content loads");
    if corpus.get("E/RES/2025/18").is_none() || corpus.get("E/RES/2023/3").is_none() {
        eprintln!("skipped: content/resolutions/ does not hold the two seed resolutions");
        return None;
    }
    Some(corpus)
}

#[test]
fn paragraph_5_above_in_paragraph_108_of_2025_18_targets_its_paragraph_5() {
    let Some(corpus) = seeds() else { return };
    let refs = resolve(&corpus);
    let p108 = corpus.find("E/RES/2025/18", "108").expect("paragraph 108");
    let r = refs.of(p108).iter().find(|r| r.text == "paragraph 5 above").expect("the reference is found");
    assert_eq!(r.kind, RefKind::Paragraph);
    assert_eq!(r.target, Some(Target::Internal { symbol: "E/RES/2025/18".into(), anchor: Some("5".into()) }));
    let p5 = corpus.find("E/RES/2025/18", "5").unwrap();
    assert!(refs.cited_by(p5).contains(&p108));
}

#[test]
fn every_seed_reference_links_inside_when_its_text_is_in_the_content_and_to_an_official_page_otherwise() {
    let Some(corpus) = seeds() else { return };
    let refs = resolve(&corpus);
    // Every reference has a target, the texts name no paragraph they lack.
    for r in refs.all() {
        assert!(r.target.is_some(), "{r:?}");
    }
    assert!(refs.warnings.is_empty(), "{:?}", refs.warnings);
    for r in refs.all() {
        match r.target.as_ref().unwrap() {
            Target::Internal { symbol, .. } => assert!(corpus.get(symbol).is_some()),
            Target::External { symbol, url } => {
                assert!(corpus.get(symbol).is_none());
                assert!(url.starts_with("https://docs.un.org/en/") || url.starts_with("https://www.itu.int/"), "{url}");
            }
        }
    }
}

#[test]
fn counts_per_kind_in_the_seeds() {
    let Some(corpus) = seeds() else { return };
    let refs = resolve(&corpus);
    let counts = refs.counts();
    let internal = refs.all().filter(|r| matches!(r.target, Some(Target::Internal { .. }))).count();
    println!("references per kind in the seeds:");
    for (kind, n) in &counts {
        println!("  {:<22} {n}", kind.as_str());
    }
    println!("  {:<22} {}", "total", refs.all().count());
    println!("  {:<22} {internal}", "internal targets");
    for (i, r) in corpus.resolutions.iter().enumerate() {
        let paras: usize = refs.in_paragraphs[i].iter().map(Vec::len).sum();
        let notes: usize = refs.in_footnotes[i].iter().map(Vec::len).sum();
        println!("  {}: {paras} in paragraphs, {notes} in footnotes", r.symbol);
    }
    // Each form the two texts use is found.
    for kind in RefKind::ALL {
        assert!(counts[&kind] > 0, "no {kind:?} found");
    }
}
