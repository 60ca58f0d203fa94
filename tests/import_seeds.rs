//! The two seed texts (a web copy and a PDF extraction) import, with no hand edits, into the
//! committed content files, and those files say what the resolutions print.

use std::path::{Path, PathBuf};

use agreed::import::import_bytes;
use agreed::model::{parse_resolution, Kind, Resolution};
use regex::Regex;

const WEB_SEED: &str = "002_da5f751b168c3e39.txt";
const PDF_SEED: &str = "000_c68c7fd7fad0c0aa.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Import a seed and check the result is byte for byte the committed content file.
fn import_seed(seed: &str, content: &str) -> Resolution {
    let path = root().join("../shared/seeds").join(seed);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (shared/ must sit beside the clone)", path.display()));
    let imported = import_bytes(Path::new(seed), &bytes, None).expect("the seed imports");
    let committed_path = root().join("content/resolutions").join(content);
    let committed = std::fs::read_to_string(&committed_path).expect("the content file is committed");
    assert!(
        imported.content == committed,
        "{content} is out of date: run `agreed import ../shared/seeds/{seed} --force` and commit the result"
    );
    parse_resolution(&committed_path, &committed).expect("the content parses")
}

fn counts(r: &Resolution) -> (usize, usize, usize) {
    let n = |k: Kind| r.paragraphs.iter().filter(|p| p.kind == k).count();
    (n(Kind::Preambular), n(Kind::Operative), n(Kind::Subparagraph))
}

fn text<'a>(r: &'a Resolution, anchor: &str) -> &'a str {
    &r.paragraph(anchor).unwrap_or_else(|| panic!("no paragraph {anchor}")).text
}

fn footnotes_of<'a>(r: &'a Resolution, anchor: &str) -> Vec<&'a str> {
    r.paragraph(anchor).unwrap().footnotes.iter().map(String::as_str).collect()
}

/// No paragraph carries a footnote marker, page furniture or an OCR slip the importer mends.
fn assert_clean(r: &Resolution) {
    let glued_digits = Regex::new(r"\p{Ll}{2}\d{1,4}\b|[;”]\d|\p{L},\d|\d{2}\p{Ll}{2}").unwrap();
    let furniture = Regex::new(r"\b\d{1,2}/18\b|E/RES/20\d\d/\d+ |https?://").unwrap();
    let stray =
        Regex::new(r"[?®°*!>%]\s|,’|,”|[?®°]$|\(I1I\)|\bvrecalls\b|\bwuse\b|Lillestr[eo]m| -\p{Ll}|,;").unwrap();
    let ocr = Regex::new(r"(?:^|\s)[b-df-hj-np-tv-z] \p{Ll}{2,}").unwrap();
    for p in &r.paragraphs {
        for (what, re) in
            [("glued digits", &glued_digits), ("furniture", &furniture), ("stray mark", &stray), ("split word", &ocr)]
        {
            assert!(!re.is_match(&p.text), "{} {}: {what} in `{}`", r.symbol, p.anchor, p.text);
        }
    }
}

#[test]
fn the_web_copy_of_2023_3_imports_into_its_committed_content() {
    let r = import_seed(WEB_SEED, "E-RES-2023-3.md");
    assert_eq!(r.symbol, "E/RES/2023/3");
    assert_eq!(r.series, "wsis");
    assert_eq!(r.date, "2023-06-07");
    assert_eq!(r.meeting.as_deref(), Some("25th plenary meeting"));
    assert_eq!(r.formula.as_deref(), Some("The Economic and Social Council,"));
    assert_eq!(
        r.recommendation.as_deref(),
        Some("[on the recommendation of the Commission on Science and Technology for Development (E/2023/31)]")
    );
    assert_eq!(r.source.as_deref(), Some("sources/E-RES-2023-3.txt"));
    assert_eq!(counts(&r), (10, 110, 4));
    let subs: Vec<&str> =
        r.paragraphs.iter().filter(|p| p.kind == Kind::Subparagraph).map(|p| p.anchor.as_str()).collect();
    assert_eq!(subs, ["100a", "100b", "100c", "100d"]);
    assert_eq!(r.paragraphs[0].anchor, "pp1");
    assert_eq!(r.paragraphs[9].anchor, "pp10");
    assert_clean(&r);
}

#[test]
fn the_web_copy_keeps_exact_texts_and_attaches_doubled_digit_markers() {
    let r = import_seed(WEB_SEED, "E-RES-2023-3.md");
    assert_eq!(text(&r, "pp1"), "Recalling the outcome documents of the World Summit on the Information Society,");
    assert_eq!(footnotes_of(&r, "pp1"), ["1"]);
    assert_eq!(footnotes_of(&r, "4"), ["4", "5"]);
    assert_eq!(footnotes_of(&r, "67"), ["9"]);
    assert!(text(&r, "67").contains("held annually, and recognizes"));
    // `Group, 11 which` is the marker; the repeat `Group1111` is dropped.
    assert_eq!(footnotes_of(&r, "79"), ["11"]);
    assert!(text(&r, "79").ends_with("contributed to the work of the Working Group;"));
    assert_eq!(footnotes_of(&r, "84"), ["12"]);
    assert!(footnotes_of(&r, "85").is_empty());
    assert_eq!(footnotes_of(&r, "108"), ["14", "15"]);
    assert!(text(&r, "108").contains("“Road map for digital cooperation” and the proposals"));
    assert!(text(&r, "pp7").contains("the Office of the Secretary-General’s Envoy"));
    assert!(text(&r, "76").contains("the day-to-day technical"));
    assert!(text(&r, "10").contains("education, capacity-building, multilingualism"));
    assert!(text(&r, "90").contains("WSIS+20 Forum High-level Event"));
    assert!(text(&r, "52").contains("World Telecommunication/Information and Communications"));
    assert!(text(&r, "64").contains("Partner2Connect Digital Coalition"));
    assert_eq!(r.footnote("7").unwrap().text, "United Nations Educational, Scientific and Cultural Organization, Records of the General Conference, Forty-first Session, Paris, 9–24 November 2021, vol. 1, Resolutions, annex VII.");
    assert_eq!(
        r.sections.iter().map(|s| s.heading.as_str()).collect::<Vec<_>>(),
        [
            "Taking stock: reviewing the implementation of the outcomes of the World Summit on the Information Society",
            "Internet governance",
            "Enhanced cooperation",
            "Internet Governance Forum",
            "The road ahead",
        ]
    );
}

#[test]
fn the_pdf_text_of_2025_18_imports_into_its_committed_content() {
    let r = import_seed(PDF_SEED, "E-RES-2025-18.md");
    assert_eq!(r.symbol, "E/RES/2025/18");
    assert_eq!(r.series, "wsis");
    assert_eq!(r.date, "2025-07-29");
    assert_eq!(r.meeting.as_deref(), Some("39th plenary meeting"));
    assert_eq!(r.formula.as_deref(), Some("The Economic and Social Council,"));
    assert_eq!(counts(&r), (10, 138, 4));
    let subs: Vec<&str> =
        r.paragraphs.iter().filter(|p| p.kind == Kind::Subparagraph).map(|p| p.anchor.as_str()).collect();
    assert_eq!(subs, ["116a", "116b", "116c", "116d"]);
    assert_eq!(r.sections.len(), 5);
    assert_clean(&r);
}

#[test]
fn the_pdf_text_is_mended_across_pages_footnote_blocks_and_ocr_slips() {
    let r = import_seed(PDF_SEED, "E-RES-2025-18.md");
    // A paragraph split by a blank line in mid-sentence.
    assert_eq!(text(&r, "pp8"), "Taking note of the report of the High-level Panel on Digital Cooperation, entitled “The age of digital interdependence”, and the report of the Secretary-General entitled “Road map for digital cooperation”,");
    assert_eq!(footnotes_of(&r, "pp8"), ["3"]);
    // Stray characters read as markers, each attached to its footnote.
    assert_eq!(footnotes_of(&r, "pp5"), ["2"]);
    assert_eq!(footnotes_of(&r, "4"), ["5"]);
    assert!(text(&r, "4").contains("Global Digital Compact, contributing"));
    assert_eq!(footnotes_of(&r, "5"), ["6", "7"]);
    assert_eq!(footnotes_of(&r, "50"), ["9"]);
    assert_eq!(footnotes_of(&r, "75"), ["10"]);
    assert_eq!(footnotes_of(&r, "93"), ["14"]);
    assert_eq!(footnotes_of(&r, "109"), ["15"]);
    assert_eq!(footnotes_of(&r, "123"), ["16"]);
    // A page-foot footnote block in mid-sentence, lifted out.
    assert!(text(&r, "99").contains("fostering digital inclusion, in their different forms"));
    // A line starting with a number that is not a footnote.
    assert!(text(&r, "17").contains("on 1 and 2 October 2024, which served"));
    // Compounds across line ends, OCR slips.
    assert!(text(&r, "13").contains("capacity-building, multilingualism"));
    assert!(text(&r, "31").contains("information literacy, civic participation"));
    assert!(text(&r, "57").starts_with("Further recalls the holding"));
    assert!(text(&r, "78").contains("practical measures to use information"));
    assert!(text(&r, "95").contains("organized in Lillestrøm, Norway"));
    assert_eq!(text(&r, "103"), "Also invites all stakeholders to take an active part in the twentieth meeting of the Internet Governance Forum in Lillestrøm;");
    assert_eq!(text(&r, "83"), "Also reaffirms paragraphs 34 to 37 and 67 to 72 of the Tunis Agenda;");
    assert_eq!(r.footnote("2").unwrap().text, "General Assembly resolution 217 A (III).");
    assert_eq!(r.footnote("6").unwrap().text, "See A/60/687.");
    assert_eq!(r.footnote("11").unwrap().text, "See General Assembly resolution 70/125.");
    assert_eq!(r.footnote("14").unwrap().text, "A/67/65-E/2012/48 and A/67/65/Corr.1-E/2012/48/Corr.1.");
    assert_eq!(text(&r, "116b"), "Encourages United Nations organizations and other relevant organizations and forums to promote assessment of the impact of information and communications technologies on sustainable development;");
}

#[test]
fn opening_words_are_italic_as_the_un_prints_them() {
    let r = import_seed(PDF_SEED, "E-RES-2025-18.md");
    let opener = |anchor: &str| match r.paragraph(anchor).unwrap().inlines.first() {
        Some(agreed::model::Inline::Emph(s)) => s.clone(),
        other => panic!("{anchor}: no italic opening: {other:?}"),
    };
    assert_eq!(opener("pp2"), "Recalling also");
    assert_eq!(opener("pp9"), "Taking note with satisfaction");
    assert_eq!(opener("1"), "Welcomes and urges");
    assert_eq!(opener("5"), "Also reaffirms");
    assert_eq!(opener("13"), "Notes with concern");
    assert_eq!(opener("120"), "Takes note with appreciation");
    assert_eq!(opener("116c"), "Notes with appreciation");
    assert!(r.paragraphs.iter().all(|p| matches!(p.inlines.first(), Some(agreed::model::Inline::Emph(_)))));
}
