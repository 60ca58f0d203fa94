//! References resolved against a two-resolution corpus: what is in the content links inside
//! the site, the rest to its official page, and backlinks are the links turned round.

use std::path::Path;

use agreed::model::{parse_resolution, Corpus, ParaRef};
use agreed::references::{resolve, RefKind, References, Target};

const OLD: &str = r#"+++
symbol = "E/RES/2024/13"
title = "Assessment of the progress made"
date = 2024-07-23
series = "wsis"
+++

*Recalling* General Assembly resolution 70/125,[^1]

1. *Reaffirms* the Tunis Agenda;

2. *Decides* to:

    (a) Hold a meeting;

    (b) Report back, as set out in subparagraph (a);

5. *Notes* paragraph 1 above;

116. *Requests* a report;

[^1]: See A/74/821.
"#;

const NEW: &str = r#"+++
symbol = "E/RES/2025/18"
title = "Assessment of the progress made"
date = 2025-07-29
series = "wsis"
+++

*Recalling further* its resolution 2024/13,

5. *Reaffirms* the Geneva Plan of Action;

6. *Recalls* paragraph 116 of Economic and Social Council resolution 2024/13 and paragraphs 1 to 5 of resolution 2024/13;

7. *Recognizes* that, in line with paragraph 5 above, financing matters, as in paragraph 99 above;

8. *Recalls* paragraph 3 of General Assembly resolution 70/125;[^2]

[^2]: See its resolution 2024/13.
"#;

fn corpus() -> Corpus {
    let old = parse_resolution(Path::new("old.md"), OLD).expect("old parses");
    let new = parse_resolution(Path::new("new.md"), NEW).expect("new parses");
    Corpus::new(vec![new, old]).expect("corpus")
}

fn at(c: &Corpus, symbol: &str, anchor: &str) -> ParaRef {
    c.find(symbol, anchor).unwrap_or_else(|| panic!("{symbol} has no paragraph {anchor}"))
}

fn refs_of<'a>(refs: &'a References, c: &Corpus, symbol: &str, anchor: &str) -> Vec<(&'a str, Option<&'a Target>)> {
    refs.of(at(c, symbol, anchor)).iter().map(|r| (r.text.as_str(), r.target.as_ref())).collect()
}

fn internal(symbol: &str, anchor: Option<&str>) -> Target {
    Target::Internal { symbol: symbol.into(), anchor: anchor.map(Into::into) }
}

#[test]
fn a_resolution_in_the_content_is_internal_and_one_outside_is_external() {
    let c = corpus();
    let refs = resolve(&c);
    let pp1 = refs_of(&refs, &c, "E/RES/2025/18", "pp1");
    assert_eq!(pp1, vec![("resolution 2024/13", Some(&internal("E/RES/2024/13", None)))]);
    let ext = Target::External { symbol: "A/RES/70/125".into(), url: "https://docs.un.org/en/A/RES/70/125".into() };
    assert_eq!(refs_of(&refs, &c, "E/RES/2024/13", "pp1")[0].1, Some(&ext));
    let plan = refs.of(at(&c, "E/RES/2025/18", "5"))[0].target.clone();
    let url = "https://www.itu.int/net/wsis/docs/geneva/official/poa.html".to_string();
    assert_eq!(plan, Some(Target::External { symbol: "WSIS-03/GENEVA/DOC/5-E".into(), url }));
}

#[test]
fn a_named_paragraph_links_to_its_anchor_in_this_or_another_resolution() {
    let c = corpus();
    let refs = resolve(&c);
    let p7 = refs_of(&refs, &c, "E/RES/2025/18", "7");
    assert_eq!(p7[0], ("paragraph 5 above", Some(&internal("E/RES/2025/18", Some("5")))));
    // A paragraph the text does not have is not linked, and the editor is told.
    assert_eq!(p7[1], ("paragraph 99 above", None));
    assert!(
        refs.warnings.iter().any(|w| w.message.contains("paragraph 99 above") && w.line > 1),
        "{:?}",
        refs.warnings
    );

    let p6 = refs.of(at(&c, "E/RES/2025/18", "6"));
    assert_eq!(p6[0].target, Some(internal("E/RES/2024/13", Some("116"))));
    assert_eq!(p6[0].kind, RefKind::ResolutionParagraph);
    // A range takes every operative paragraph of the target whose number falls in it.
    assert_eq!(p6[1].paragraphs, vec!["1", "2", "5"]);

    let p8 = refs.of(at(&c, "E/RES/2025/18", "8"));
    let url = "https://docs.un.org/en/A/RES/70/125".to_string();
    assert_eq!(p8[0].target, Some(Target::External { symbol: "A/RES/70/125".into(), url }));
    assert_eq!(p8[0].paragraphs, vec!["3"]);
}

#[test]
fn subparagraph_letters_resolve_under_the_current_chapeau() {
    let c = corpus();
    let refs = resolve(&c);
    let r = refs.of(at(&c, "E/RES/2024/13", "2b"));
    assert_eq!(r[0].target, Some(internal("E/RES/2024/13", Some("2a"))));
}

#[test]
fn backlinks_list_the_citing_paragraphs_of_any_resolution() {
    let c = corpus();
    let refs = resolve(&c);
    let new = |a: &str| at(&c, "E/RES/2025/18", a);
    let old = |a: &str| at(&c, "E/RES/2024/13", a);
    assert_eq!(refs.cited_by(old("116")), &[new("6")]);
    assert_eq!(refs.cited_by(old("1")), &[old("5"), new("6")]);
    assert_eq!(refs.cited_by(old("2a")), &[old("2b")]);
    // Self-references count for paragraphs.
    assert_eq!(refs.cited_by(new("5")), &[new("7")]);
    assert!(refs.cited_by(new("6")).is_empty());
    // The whole resolution: cited as such (pp1), by paragraph (6) and through a footnote (8);
    // its own paragraphs citing each other do not count.
    let res = c.index_of("E/RES/2024/13").unwrap();
    assert_eq!(refs.resolution_cited_by[res], vec![new("pp1"), new("6"), new("8")]);
    assert!(refs.resolution_cited_by[c.index_of("E/RES/2025/18").unwrap()].is_empty());
}

#[test]
fn counts_cover_paragraphs_and_footnotes_by_kind() {
    let c = corpus();
    let counts = resolve(&c).counts();
    assert_eq!(counts[&RefKind::Paragraph], 4);
    assert_eq!(counts[&RefKind::Resolution], 3);
    assert_eq!(counts[&RefKind::ResolutionParagraph], 3);
    assert_eq!(counts[&RefKind::Document], 1);
    assert_eq!(counts[&RefKind::OutcomeDocument], 2);
}

#[test]
fn references_serialise_for_paragraphs_json() {
    let c = corpus();
    let refs = resolve(&c);
    let json = serde_json::to_value(refs.of(at(&c, "E/RES/2025/18", "6"))).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({
            "kind": "resolution-paragraph", "start": 8, "end": 71,
            "text": "paragraph 116 of Economic and Social Council resolution 2024/13",
            "target": {"type": "internal", "symbol": "E/RES/2024/13", "anchor": "116", "url": "E/RES/2024/13/index.html#116"},
            "paragraphs": ["116"]
        })
    );
    let json = serde_json::to_value(&refs.of(at(&c, "E/RES/2024/13", "pp1"))[0]).unwrap();
    assert_eq!(
        json["target"],
        serde_json::json!({"type": "external", "symbol": "A/RES/70/125", "url": "https://docs.un.org/en/A/RES/70/125"})
    );
    assert!(json.get("paragraphs").is_none());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn resolving_any_paragraph_texts_never_panics_and_targets_exist(
            paras in proptest::collection::vec(
                r"(paragraphs? |subparagraph |resolution |its |[0-9]{1,3}|2024/13|\([a-c]\)| to | and | above| of | thereof|E/RES/2024/13|Tunis Agenda|[a-z ]{0,4})*",
                1..6,
            )
        ) {
            let body: String = paras.iter().enumerate().map(|(i, t)| format!("{}. x {}\n\n", i + 1, t.replace(['*', '[', '\\', '_'], ""))).collect();
            let text = format!("+++\nsymbol = \"E/RES/2025/18\"\ntitle = \"t\"\ndate = 2025-07-29\n+++\n\n{body}");
            let Ok(new) = parse_resolution(Path::new("new.md"), &text) else { return Ok(()) };
            let old = parse_resolution(Path::new("old.md"), OLD).unwrap();
            let corpus = Corpus::new(vec![new, old]).unwrap();
            let refs = resolve(&corpus);
            for r in refs.all() {
                if let Some(Target::Internal { symbol, anchor: Some(a) }) = &r.target {
                    prop_assert!(corpus.find(symbol, a).is_some());
                }
            }
            for (p, _) in corpus.all_paragraphs() {
                for c in refs.cited_by(p) {
                    prop_assert!(c.res < corpus.resolutions.len());
                }
            }
        }
    }
}
