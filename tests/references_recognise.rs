//! The reference recogniser on real wordings of the WSIS resolutions (E/RES/2023/3 and
//! E/RES/2025/18) and on the prose, dates and titles it must leave alone.

use agreed::references::{recognise, Cited, Mention, Organ, RefKind};

/// The one reference in `text`, with its exact wording.
fn only(text: &str, organ: Organ) -> Mention {
    let found = recognise(text, organ);
    assert_eq!(found.len(), 1, "expected one reference in {text:?}, found {found:?}");
    found.into_iter().next().unwrap()
}

fn words<'a>(text: &'a str, m: &Mention) -> &'a str {
    &text[m.start..m.end]
}

fn num(n: &str) -> Cited {
    Cited::Number { number: n.into(), letter: None }
}

#[test]
fn paragraph_above_names_a_paragraph_of_the_same_text() {
    let text = "Recognizes that, in line with paragraph 5 above, financing of information and communications \
                technologies for development has been critical;";
    let m = only(text, Organ::Ecosoc);
    assert_eq!((m.kind, words(text, &m)), (RefKind::Paragraph, "paragraph 5 above"));
    assert_eq!(m.document, None);
    assert_eq!(m.paragraphs, vec![num("5")]);
}

#[test]
fn a_bare_paragraph_range_is_the_same_text() {
    let text = "Takes note of paragraphs 34 to 37, and decides to continue;";
    let m = only(text, Organ::Ecosoc);
    assert_eq!((m.kind, words(text, &m)), (RefKind::Paragraph, "paragraphs 34 to 37"));
    assert_eq!(m.paragraphs, vec![Cited::Range(34, 37)]);
}

#[test]
fn paragraph_ranges_of_the_tunis_agenda_name_the_tunis_agenda_not_the_same_text() {
    let text = "Also reaffirms paragraphs 34 to 37 and 67 to 72 of the Tunis Agenda;";
    let m = only(text, Organ::Ecosoc);
    assert_eq!(words(text, &m), "paragraphs 34 to 37 and 67 to 72 of the Tunis Agenda");
    assert_eq!(m.kind, RefKind::OutcomeDocument);
    assert_eq!(m.document.as_deref(), Some("WSIS-05/TUNIS/DOC/6(Rev.1)-E"));
    assert_eq!(m.paragraphs, vec![Cited::Range(34, 37), Cited::Range(67, 72)]);
}

#[test]
fn subparagraph_letters_stand_alone_or_with_their_paragraph() {
    let text = "the activities referred to in subparagraph (b) above";
    let m = only(text, Organ::Ecosoc);
    assert_eq!((m.kind, words(text, &m)), (RefKind::Paragraph, "subparagraph (b) above"));
    assert_eq!(m.paragraphs, vec![Cited::Letter("b".into())]);

    let text = "as set out in paragraph 116 (a) and (b) and in subparagraphs (c) and (d) of paragraph 12";
    let found = recognise(text, Organ::Ecosoc);
    assert_eq!(found.len(), 2, "{found:?}");
    let letter = |n: &str, l: &str| Cited::Number { number: n.into(), letter: Some(l.into()) };
    assert_eq!(found[0].paragraphs, vec![letter("116", "a"), letter("116", "b")]);
    assert_eq!(words(text, &found[1]), "subparagraphs (c) and (d) of paragraph 12");
    assert_eq!(found[1].paragraphs, vec![letter("12", "c"), letter("12", "d")]);
}

#[test]
fn a_paragraph_of_the_geneva_declaration_names_the_declaration() {
    let text = "as referred to in paragraph 16 of the 2003 Geneva Declaration of Principles, which faces";
    let m = only(text, Organ::Ecosoc);
    assert_eq!(words(text, &m), "paragraph 16 of the 2003 Geneva Declaration of Principles");
    assert_eq!((m.kind, m.document.as_deref()), (RefKind::OutcomeDocument, Some("WSIS-03/GENEVA/DOC/4-E")));
    assert_eq!(m.paragraphs, vec![num("16")]);
}

#[test]
fn its_resolution_in_an_ecosoc_text_is_an_ecosoc_resolution() {
    let text = "Recalling further its resolution 2024/13 of 23 July 2024 on the assessment of the progress made";
    let m = only(text, Organ::Ecosoc);
    assert_eq!((m.kind, words(text, &m)), (RefKind::Resolution, "resolution 2024/13"));
    assert_eq!(m.document.as_deref(), Some("E/RES/2024/13"));
}

#[test]
fn council_and_general_assembly_resolutions_get_their_organs_symbols() {
    let cases = [
        ("as mandated in Council resolution 2007/8 of 25 July 2007", "Council resolution 2007/8", "E/RES/2007/8"),
        ("implementation of General Assembly resolution 70/125;", "General Assembly resolution 70/125", "A/RES/70/125"),
        (
            "as requested by the General Assembly in its resolution 70/125, to develop",
            "resolution 70/125",
            "A/RES/70/125",
        ),
        (
            "in line with Security Council resolution 1325 (2000)",
            "Security Council resolution 1325 (2000)",
            "S/RES/1325(2000)",
        ),
        (
            "Human Rights Council resolution 47/16 of 13 July 2021",
            "Human Rights Council resolution 47/16",
            "A/HRC/RES/47/16",
        ),
        ("General Assembly resolution ES-10/1", "General Assembly resolution ES-10/1", "A/RES/ES-10/1"),
    ];
    for (text, span, symbol) in cases {
        let m = only(text, Organ::Ecosoc);
        assert_eq!((m.kind, words(text, &m), m.document.as_deref()), (RefKind::Resolution, span, Some(symbol)));
    }
}

#[test]
fn old_style_resolution_numbers_follow_the_un_symbol_and_tolerate_an_ocr_one_for_an_i() {
    let cases = [
        ("General Assembly resolution 217 A (III).", "General Assembly resolution 217 A (III)", "A/RES/217(III)"),
        (
            "See General Assembly resolution 2200 A (XXI), annex.",
            "General Assembly resolution 2200 A (XXI)",
            "A/RES/2200(XXI)",
        ),
        ("General Assembly resolution 217 A (I1I).", "General Assembly resolution 217 A (I1I)", "A/RES/217(III)"),
    ];
    for (text, span, symbol) in cases {
        let m = only(text, Organ::Ecosoc);
        assert_eq!((words(text, &m), m.document.as_deref()), (span, Some(symbol)));
    }
    // Both organs numbered this way; "its" is the organ of the citing text.
    let m = only("Recalling its resolution 1296 (XLIV) of 23 May 1968", Organ::Ecosoc);
    assert_eq!(m.document.as_deref(), Some("E/RES/1296(XLIV)"));
}

#[test]
fn later_numbers_of_an_enumeration_share_the_body_of_the_first() {
    let text = "Recalling further General Assembly resolutions 79/1 of 22 September 2024, in which the Assembly \
                adopted the Pact for the Future, the Global Digital Compact and the Declaration on Future \
                Generations, and 79/194 of 19 December 2024 on information and communications technologies for \
                sustainable development, 78/160 of 19 December 2023 on science, technology and innovation;";
    let found = recognise(text, Organ::Ecosoc);
    let got: Vec<(&str, &str)> = found.iter().map(|m| (words(text, m), m.document.as_deref().unwrap())).collect();
    assert_eq!(
        got,
        vec![
            ("General Assembly resolutions 79/1", "A/RES/79/1"),
            ("79/194", "A/RES/79/194"),
            ("78/160", "A/RES/78/160"),
        ]
    );
    // Council resolutions keep the year-numbered shape and stop at the end of the clause.
    let text = "Recalling its resolutions 2006/46 and 2024/13; noting the 2030 Agenda and 70/125";
    let got: Vec<_> = recognise(text, Organ::Ecosoc).into_iter().filter_map(|m| m.document).collect();
    assert_eq!(got, vec!["E/RES/2006/46", "E/RES/2024/13"]);
}

#[test]
fn a_paragraph_of_another_resolution_is_one_reference() {
    let text = "121. Recalls paragraph 116 of Economic and Social Council resolution 2024/13, in which";
    let m = only(text, Organ::Ecosoc);
    assert_eq!(words(text, &m), "paragraph 116 of Economic and Social Council resolution 2024/13");
    assert_eq!((m.kind, m.document.as_deref()), (RefKind::ResolutionParagraph, Some("E/RES/2024/13")));
    assert_eq!(m.paragraphs, vec![num("116")]);

    let text = "Further reaffirms paragraphs 55 to 65 of General Assembly resolution 70/125;";
    let m = only(text, Organ::Ecosoc);
    assert_eq!((m.document.as_deref(), m.paragraphs.clone()), (Some("A/RES/70/125"), vec![Cited::Range(55, 65)]));
}

#[test]
fn thereof_names_the_document_cited_just_before() {
    let text = "Recalling General Assembly resolution 70/125, in particular paragraph 3 thereof,";
    let found = recognise(text, Organ::Ecosoc);
    assert_eq!(found.len(), 2);
    assert_eq!(words(text, &found[1]), "paragraph 3 thereof");
    assert_eq!(found[1].document.as_deref(), Some("A/RES/70/125"));
    assert_eq!(found[1].kind, RefKind::ResolutionParagraph);
    // With nothing cited before, "thereof" is not guessed.
    assert!(recognise("paragraph 3 thereof", Organ::Ecosoc).is_empty());
}

#[test]
fn ordinal_preambular_paragraphs_are_recognised() {
    let text = "Recalling the third preambular paragraph of General Assembly resolution 70/1,";
    let m = only(text, Organ::Ecosoc);
    assert_eq!(words(text, &m), "third preambular paragraph of General Assembly resolution 70/1");
    assert_eq!(m.paragraphs, vec![Cited::Preambular(3)]);
}

#[test]
fn un_document_symbols_of_every_shape_are_recognised_without_their_full_stop() {
    let cases = [
        ("14. A/74/821.", "A/74/821"),
        ("A/80/62-E/2025/12.", "A/80/62-E/2025/12"),
        ("See E/CN.16/2018/CRP.3", "E/CN.16/2018/CRP.3"),
        ("A/67/65/Corr.1-E/2012/48/Corr.1.", "A/67/65/Corr.1-E/2012/48/Corr.1"),
        ("See A/C.2/59/3, annex.", "A/C.2/59/3"),
        ("Supplement No. 11 (E/2023/31)]", "E/2023/31"),
    ];
    for (text, symbol) in cases {
        let m = only(text, Organ::Ecosoc);
        assert_eq!((m.kind, words(text, &m), m.document.as_deref()), (RefKind::Document, symbol, Some(symbol)));
    }
    let m = only("as adopted in A/RES/70/125", Organ::Ecosoc);
    assert_eq!(m.kind, RefKind::Resolution);
    let m = only("WSIS-05/TUNIS/DOC/7-E", Organ::Ecosoc);
    assert_eq!(m.kind, RefKind::OutcomeDocument);
}

#[test]
fn the_four_wsis_outcome_documents_are_recognised_by_name() {
    let text = "the Geneva Declaration of Principles, the Geneva Plan of Action, the Tunis Commitment and the \
                2005 Tunis Agenda for the Information Society";
    let got: Vec<(&str, String)> =
        recognise(text, Organ::Ecosoc).iter().map(|m| (words(text, m), m.document.clone().unwrap())).collect();
    assert_eq!(
        got,
        vec![
            ("Geneva Declaration of Principles", "WSIS-03/GENEVA/DOC/4-E".to_string()),
            ("Geneva Plan of Action", "WSIS-03/GENEVA/DOC/5-E".to_string()),
            ("Tunis Commitment", "WSIS-05/TUNIS/DOC/7-E".to_string()),
            ("2005 Tunis Agenda for the Information Society", "WSIS-05/TUNIS/DOC/6(Rev.1)-E".to_string()),
        ]
    );
}

#[test]
fn prose_dates_and_numbers_in_titles_are_not_references() {
    let negatives = [
        "as envisaged in the relevant paragraphs of General Assembly resolution",
        "the present paragraph and the following paragraphs are illustrative",
        "held on 2 October 2024, which recalled the decision",
        "Paris, 9–24 November 2021, vol. 1, Resolutions, annex VII.",
        "Transforming our world: the 2030 Agenda for Sustainable Development",
        "in line with target 9.c of the Sustainable Development Goals",
        "the World Summit 20-year review and follow-up",
        "Sustainable Development Goal 9, Goal 5 and Goal 17",
        "the outcomes of the Geneva and Tunis phases of the World Summit",
        "the Geneva Declaration on Armed Violence and Development",
        "24/7 access and TCP/IP and/or km/h, S/he",
        "paragraph 16 of the Beijing Declaration",
        "https://docs.un.org/en/A/C.2/59/3",
        "resolution 60 of the Plenipotentiary Conference",
    ];
    for text in negatives {
        let found = recognise(text, Organ::Ecosoc);
        let found: Vec<&str> = found.iter().map(|m| words(text, m)).collect();
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}

#[test]
fn ranges_are_char_boundaries_within_the_text_for_the_seed_texts() {
    for file in ["/work/shared/seeds/000_c68c7fd7fad0c0aa.txt", "/work/shared/seeds/002_da5f751b168c3e39.txt"] {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        let found = recognise(&text, Organ::Ecosoc);
        assert!(found.len() > 40, "{file}: only {} references", found.len());
        for m in found {
            assert!(m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_gives_ordered_disjoint_ranges_on_char_boundaries(
            text in r"(paragraphs? |subparagraphs? |resolutions? |General Assembly |Council |its |[0-9]{1,4}|/|\(III\)|\([a-z]\)| to | and |, |é|–|A/|E/|CN\.16|Corr\.1-|Tunis Agenda|Geneva Declaration| of | above| thereof|third preambular paragraph|\.|[a-z ]{0,5})*"
        ) {
            let mut last_end = 0;
            for m in recognise(&text, Organ::Ecosoc) {
                prop_assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                last_end = m.end;
            }
        }
    }
}

#[test]
fn a_companion_outcome_document_named_after_the_first_is_recognised() {
    let text = "the Geneva Declaration of Principles and Plan of Action and the Tunis Commitment and Agenda for the \
                Information Society, and a national plan of action";
    let got: Vec<(&str, String)> =
        recognise(text, Organ::Ecosoc).iter().map(|m| (words(text, m), m.document.clone().unwrap())).collect();
    assert_eq!(
        got,
        vec![
            ("Geneva Declaration of Principles", "WSIS-03/GENEVA/DOC/4-E".to_string()),
            ("Plan of Action", "WSIS-03/GENEVA/DOC/5-E".to_string()),
            ("Tunis Commitment", "WSIS-05/TUNIS/DOC/7-E".to_string()),
            ("Agenda for the Information Society", "WSIS-05/TUNIS/DOC/6(Rev.1)-E".to_string()),
        ]
    );
}

#[test]
fn a_part_letter_of_a_general_assembly_resolution_joins_its_symbol() {
    let text = "Recalling General Assembly resolutions 56/183 of 21 December 2001, 57/270 B of 23 June 2003 and 60/252";
    let got: Vec<String> = recognise(text, Organ::GeneralAssembly).into_iter().filter_map(|m| m.document).collect();
    assert_eq!(got, vec!["A/RES/56/183", "A/RES/57/270B", "A/RES/60/252"]);
}

#[test]
fn a_preambular_reference_in_capitals_passes_the_literal_prefilter() {
    // Only "PREAMBULAR" tells this text may cite anything: the prefilter must let it through.
    let text = "RECALLING THE THIRD PREAMBULAR PARAGRAPH ABOVE";
    let m = only(text, Organ::Ecosoc);
    assert_eq!(m.paragraphs, vec![Cited::Preambular(3)]);
    assert!(recognise("Welcomes the progress made in closing the digital divide;", Organ::Ecosoc).is_empty());
}
