//! The glossary file and the terms it finds in a text.

use std::path::Path;

use agreed::glossary::{self, Glossary};
use agreed::references::{recognise, Organ, RefKind, Reference};

fn shipped() -> Glossary {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    glossary::load(&dir).expect("content/glossary.toml is valid")
}

/// The terms found, as (words, term of the entry).
fn found(g: &Glossary, text: &str) -> Vec<(String, String)> {
    g.find(text).iter().map(|h| (text[h.start..h.end].to_string(), g.entries[h.entry].term.clone())).collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn the_shipped_glossary_has_every_body_of_the_wsis_texts_with_expansion_and_description() {
    let g = shipped();
    assert!(g.entries.len() >= 25, "only {} entries", g.entries.len());
    for term in
        ["CSTD", "ITU", "UNESCO", "UNCTAD", "UNDP", "UNGIS", "IGF", "WSIS", "GDC", "SDGs", "ICT", "ICT4D", "OECD"]
    {
        assert!(g.entries.iter().any(|e| e.term == term), "{term} missing");
    }
    for term in ["DESA", "ECOSOC", "WGEC", "MAG", "UN-Women"] {
        assert!(g.entries.iter().any(|e| e.term == term), "{term} missing");
    }
    for e in &g.entries {
        assert!(!e.expansion.is_empty() && !e.description.is_empty() && !e.description.contains('\n'), "{e:?}");
        assert!(!e.slug().is_empty());
    }
    let women = g.entries.iter().find(|e| e.term == "UN-Women").unwrap();
    assert_eq!(women.slug(), "un-women");
}

#[test]
fn acronyms_match_as_whole_words_and_case_sensitively() {
    let g = shipped();
    let text = "ICTs and ICT4D, the ITU and UN-Women, while situation, Itu and ICTS are not";
    assert_eq!(
        found(&g, text),
        vec![pair("ICTs", "ICT"), pair("ICT4D", "ICT4D"), pair("ITU", "ITU"), pair("UN-Women", "UN-Women")]
    );
}

#[test]
fn full_names_match_their_entry_in_any_letter_case() {
    let g = shipped();
    let text = "organized by the International Telecommunication Union and the Internet Governance Forum; \
                the Commission on Science and Technology for Development, and United Nations Entity for \
                Gender Equality and the Empowerment of Women";
    let terms: Vec<String> = found(&g, text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(terms, vec!["ITU", "IGF", "CSTD", "UN-Women"]);
    let hits = g.find("INTERNET GOVERNANCE FORUM");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].full_name);
    // A common phrase is not marked when its entry says so.
    assert!(g.find("information and communications technology").is_empty());
}

#[test]
fn hits_overlapping_a_reference_are_dropped() {
    let g = shipped();
    let text =
        "Recalls paragraph 116 of Economic and Social Council resolution 2024/13 and the Economic and Social Council";
    let refs: Vec<Reference> = recognise(text, Organ::Ecosoc)
        .into_iter()
        .map(|m| Reference {
            kind: m.kind,
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].to_string(),
            target: None,
            paragraphs: Vec::new(),
        })
        .collect();
    assert_eq!(refs[0].kind, RefKind::ResolutionParagraph);
    let hits = g.find(text);
    assert_eq!(hits.len(), 2);
    let kept = glossary::without_references(hits, &refs);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].start, text.rfind("Economic").unwrap());
}

#[test]
fn bad_toml_is_reported_with_file_and_line() {
    let file = Path::new("content/glossary.toml");
    let text = "[[entry]]\nterm = \"ITU\"\nexpansion = \"x\"\ndescription = \"y\"\n\n[[entry]]\nterm = \"IGF\n";
    let e = glossary::parse(file, text).unwrap_err();
    assert_eq!((e.file.as_path(), e.line), (file, 7), "{e}");

    let text = "[[entry]]\nterm = \"ITU\"\nexpansion = \"x\"\ndescription = \"y\"\n\n[[entry]]\nterm = \"ITU\"\nexpansion = \"x\"\ndescription = \"y\"\n";
    let e = glossary::parse(file, text).unwrap_err();
    assert_eq!(e.line, 6, "{e}");
    assert!(e.to_string().starts_with("content/glossary.toml:6: glossary: term \"ITU\" is defined twice"), "{e}");

    let text = "[[entry]]\nterm = \"ITU\"\nexpansion = \"\"\ndescription = \"y\"\n";
    let e = glossary::parse(file, text).unwrap_err();
    assert!(e.to_string().contains("`expansion` must not be empty"), "{e}");

    let text = "[[entry]]\nterm = \"ITU\"\nexpansion = \"x\"\ndescription = \"y\"\nspelling = \"z\"\n";
    let e = glossary::parse(file, text).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
}

#[test]
fn a_missing_glossary_file_is_an_empty_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary::load(dir.path()).unwrap();
    assert!(g.is_empty());
    assert!(g.find("ITU").is_empty());
}
