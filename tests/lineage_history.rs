//! Series, lineage ids, the history API and editors' overrides, on a small hand-written series
//! that skips a year.

use std::path::Path;

use agreed::lineage::{align, Change, Lineages, Overrides};
use agreed::model::{parse_resolution, Corpus, ParaRef};

const IGE_2021: &str = "Welcomes the holding of the fifth session of the Intergovernmental Group of Experts on E-commerce and the Digital Economy in Geneva from 27 to 29 April 2021;";
const IGE_2023: &str = "Recalls the holding of the sixth session of the Intergovernmental Group of Experts on E-commerce and the Digital Economy in Geneva from 6 to 8 May 2023;";
const DATABASE: &str = "Encourages all stakeholders to continue to contribute information to the stocktaking database maintained by the International Telecommunication Union;";
const COOPERATION: &str = "Recognizes the importance of enhanced cooperation in the future, to enable Governments to carry out their roles and responsibilities in international public policy issues;";
const MULTILINGUAL: &str = "Emphasizes the vital importance of multilingualism and local content in the information society, including Indigenous languages;";
const INDICATORS: &str = "Calls upon United Nations organizations to periodically review the methodologies for information and communications technology indicators, and therefore:";
const SUB_A: &str = "(a) Encourages Member States to develop data infrastructure at the national level on information and communications technologies;";
const SUB_B: &str = "(b) Encourages the Partnership on Measuring Information and Communications Technology for Development to continue the follow-up on the relevant decisions of the Statistical Commission;";
const SUB_B_AMENDED: &str = "(b) Encourages the Partnership on Measuring Information and Communications Technology for Development to continue the follow-up on the relevant decisions of the Statistical Commission and to use big data;";
const RECALLING: &str = "*Recalling* the outcome documents of the World Summit on the Information Society,";

fn resolution(symbol: &str, series: &str, date: &str, body: &[&str]) -> agreed::model::Resolution {
    let mut text =
        format!("+++\nsymbol = \"{symbol}\"\nseries = \"{series}\"\ntitle = \"Test\"\ndate = \"{date}\"\n+++\n\n");
    for b in body {
        text.push_str(b);
        text.push_str("\n\n");
    }
    let file = format!("{}.md", symbol.replace('/', "-"));
    parse_resolution(Path::new(&file), &text).unwrap_or_else(|e| panic!("{e}"))
}

/// wsis 2021 → 2023 (2022 skipped) → 2024, and a resolution of another series.
fn corpus() -> Corpus {
    let r2021 = body(&[IGE_2021, DATABASE, COOPERATION, INDICATORS, SUB_A, SUB_B]);
    let r2023 = body(&[MULTILINGUAL, IGE_2023, DATABASE, INDICATORS, SUB_A, SUB_B_AMENDED]);
    let r2024 = body(&[IGE_2023, DATABASE, MULTILINGUAL]);
    Corpus::new(vec![
        resolution("E/RES/2024/5", "wsis", "2024-07-20", &refs(&r2024)),
        resolution("E/RES/2021/1", "wsis", "2021-07-20", &refs(&r2021)),
        resolution("E/RES/2023/2", "wsis", "2023-06-07", &refs(&r2023)),
        resolution("A/RES/78/1", "other", "2023-12-01", &[&format!("1. {DATABASE}")]),
    ])
    .unwrap()
}

/// The preamble, then the items numbered 1, 2, … (sub-paragraphs indented, unnumbered).
fn body(items: &[&str]) -> Vec<String> {
    let mut out = vec![RECALLING.to_string()];
    let mut number = 0;
    for t in items {
        if t.starts_with('(') {
            out.push(format!("    {t}"));
        } else {
            number += 1;
            out.push(format!("{number}. {t}"));
        }
    }
    out
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn at(c: &Corpus, symbol: &str, anchor: &str) -> ParaRef {
    c.find(symbol, anchor).unwrap_or_else(|| panic!("{symbol}#{anchor}"))
}

fn previous(c: &Corpus, l: &Lineages, symbol: &str, anchor: &str) -> Option<String> {
    l.link(at(c, symbol, anchor)).previous.map(|q| format!("{}#{}", c.resolutions[q.res].symbol, c.para(q).anchor))
}

#[test]
fn a_series_is_ordered_by_date_and_may_skip_years() {
    let c = corpus();
    let (l, warnings) = align(&c, &Overrides::none());
    assert!(warnings.is_empty());
    let idx = |s: &str| c.index_of(s).unwrap();
    assert_eq!(l.predecessor[idx("E/RES/2021/1")], None);
    assert_eq!(l.predecessor[idx("E/RES/2023/2")], Some(idx("E/RES/2021/1")));
    assert_eq!(l.predecessor[idx("E/RES/2024/5")], Some(idx("E/RES/2023/2")));
    assert_eq!(l.predecessor[idx("A/RES/78/1")], None, "another series never links");
    assert_eq!(l.link(at(&c, "A/RES/78/1", "1")).change, Change::New);
}

#[test]
fn renumbered_paragraphs_link_by_text_with_their_relation() {
    let c = corpus();
    let (l, _) = align(&c, &Overrides::none());
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "1"), None);
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "1")).change, Change::New);
    // The recurring event: other verb, session and dates, one place further down.
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "2").as_deref(), Some("E/RES/2021/1#1"));
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "2")).change, Change::Amended);
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "3").as_deref(), Some("E/RES/2021/1#2"));
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "3")).change, Change::Same);
    assert_eq!(l.dropped[c.index_of("E/RES/2023/2").unwrap()], vec![at(&c, "E/RES/2021/1", "3")]);
}

#[test]
fn sub_paragraphs_align_with_sub_paragraphs() {
    let c = corpus();
    let (l, _) = align(&c, &Overrides::none());
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "4a").as_deref(), Some("E/RES/2021/1#4a"));
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "4b").as_deref(), Some("E/RES/2021/1#4b"));
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "4b")).change, Change::Amended);
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "4a")).change, Change::Same);
}

#[test]
fn a_swapped_paragraph_is_flagged_moved() {
    let c = corpus();
    let (l, _) = align(&c, &Overrides::none());
    let r = c.index_of("E/RES/2024/5").unwrap();
    let moved: Vec<&str> = l.summary(r).moved.iter().map(|&i| c.resolutions[r].paragraphs[i].anchor.as_str()).collect();
    // 2023: multilingualism, event, database; 2024: event, database, multilingualism.
    assert_eq!(moved, vec!["3"]);
    assert_eq!(previous(&c, &l, "E/RES/2024/5", "3").as_deref(), Some("E/RES/2023/2#1"));
    assert_eq!(l.link(at(&c, "E/RES/2024/5", "3")).change, Change::Same);
}

#[test]
fn the_history_of_a_paragraph_runs_oldest_to_newest_with_one_id() {
    let c = corpus();
    let (l, _) = align(&c, &Overrides::none());
    let newest = at(&c, "E/RES/2024/5", "pp1");
    let chain = l.chain(newest);
    assert_eq!(chain, &[at(&c, "E/RES/2021/1", "pp1"), at(&c, "E/RES/2023/2", "pp1"), newest]);
    for &v in chain {
        assert_eq!(l.id(v), "E/RES/2021/1#pp1");
        assert_eq!(l.chain(v), chain, "every version shares the chain");
    }
    assert_eq!(l.first_appeared(newest), chain[0]);
    assert_eq!(l.unchanged_since(newest), chain[0], "pp1 never changed");
    let event = at(&c, "E/RES/2024/5", "1");
    assert_eq!(l.unchanged_since(event), at(&c, "E/RES/2023/2", "2"), "last amended in 2023");
    assert_eq!(l.last_seen(chain[0]), newest);
    assert_eq!(l.dropped_in(chain[0]), None, "still in the newest resolution");
    let gone = at(&c, "E/RES/2021/1", "3");
    assert_eq!(l.chain(gone), &[gone]);
    assert_eq!(l.dropped_in(gone), c.index_of("E/RES/2023/2"));
    assert_eq!(l.version_in(newest, c.index_of("E/RES/2021/1").unwrap()), Some(chain[0]));
    assert_ne!(l.id(at(&c, "E/RES/2023/2", "1")), l.id(at(&c, "E/RES/2023/2", "2")));
}

#[test]
fn the_summary_lists_new_amended_same_and_dropped_paragraphs() {
    let c = corpus();
    let (l, _) = align(&c, &Overrides::none());
    let r = c.index_of("E/RES/2023/2").unwrap();
    let s = l.summary(r);
    let names = |v: &[usize]| v.iter().map(|&i| c.resolutions[r].paragraphs[i].anchor.clone()).collect::<Vec<_>>();
    assert_eq!(names(&s.new), vec!["1"]);
    assert_eq!(names(&s.amended), vec!["2", "4b"]);
    assert_eq!(names(&s.same), vec!["pp1", "3", "4", "4a"]);
    assert_eq!(s.dropped.len(), 1);
}

#[test]
fn overrides_force_and_cut_links() {
    let c = corpus();
    let text = "\"E/RES/2023/2#1\" = \"E/RES/2021/1#3\"\n\"E/RES/2023/2#2\" = \"new\"\n";
    let o = Overrides::parse(Path::new("content/lineage-overrides.toml"), text).unwrap();
    let (l, warnings) = align(&c, &o);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "1").as_deref(), Some("E/RES/2021/1#3"));
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "1")).change, Change::Amended);
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "2"), None);
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "2")).change, Change::New);
    assert_eq!(l.dropped[c.index_of("E/RES/2023/2").unwrap()], vec![at(&c, "E/RES/2021/1", "1")]);
    assert_eq!(l.id(at(&c, "E/RES/2023/2", "1")), "E/RES/2021/1#3");
    // 2021#3 now comes first: one of the two crossing links is moved, nothing else.
    let r = c.index_of("E/RES/2023/2").unwrap();
    let moved: Vec<&str> = l.summary(r).moved.iter().map(|&i| c.resolutions[r].paragraphs[i].anchor.as_str()).collect();
    assert!(moved == ["1"] || moved == ["3"], "{moved:?}");
}

#[test]
fn an_override_may_link_across_a_resolution_of_the_series() {
    let c = corpus();
    let o = Overrides::parse(Path::new("o.toml"), "\"E/RES/2024/5#3\" = \"E/RES/2021/1#3\"\n").unwrap();
    let (l, warnings) = align(&c, &o);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(previous(&c, &l, "E/RES/2024/5", "3").as_deref(), Some("E/RES/2021/1#3"));
    assert_eq!(l.chain(at(&c, "E/RES/2024/5", "3")), &[at(&c, "E/RES/2021/1", "3"), at(&c, "E/RES/2024/5", "3")]);
}

#[test]
fn overrides_that_no_longer_apply_are_reported_with_file_and_line() {
    let c = corpus();
    let text = "# stale entries\n\"E/RES/2023/2#99\" = \"new\"\n\"E/RES/2023/2#1\" = \"E/RES/2021/1#42\"\n\"E/RES/2023/2#3\" = \"A/RES/78/1#1\"\n\"E/RES/2021/1#1\" = \"E/RES/2023/2#2\"\n\"E/RES/1999/1#1\" = \"new\"\n";
    let o = Overrides::parse(Path::new("content/lineage-overrides.toml"), text).unwrap();
    let (l, warnings) = align(&c, &o);
    let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6]);
    assert!(
        warnings[0]
            .to_string()
            .starts_with("content/lineage-overrides.toml:2: warning: E/RES/2023/2#99 does not exist"),
        "{}",
        warnings[0]
    );
    assert!(warnings[1].message.contains("E/RES/2021/1#42 does not exist"));
    assert!(warnings[2].message.contains("not an earlier resolution of the series"));
    assert!(warnings[3].message.contains("not an earlier resolution of the series"));
    assert_eq!(l.warnings, warnings);
    // Stale entries change nothing.
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "3").as_deref(), Some("E/RES/2021/1#2"));
}

#[test]
fn the_overrides_file_is_optional_and_read_from_the_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Overrides::load(dir.path()).unwrap().entries.is_empty());
    std::fs::write(dir.path().join("lineage-overrides.toml"), "\"E/RES/2025/18#29\" = \"E/RES/2023/3#26\"\n").unwrap();
    let o = Overrides::load(dir.path()).unwrap();
    assert_eq!(o.entries.len(), 1);
    assert_eq!(o.file, dir.path().join("lineage-overrides.toml"));
}

const PART_X: &str = "Calls upon all stakeholders to promote an enabling policy environment for investment and to foster public-private cooperation for sustainable investment in information and communications technology infrastructure";
const PART_Y: &str = "invites international and regional organizations to assess and report on a regular basis on the universal accessibility of nations to information and communications technologies";

/// 2021: the two parts as one paragraph; 2023: as two.
fn split_corpus(reverse: bool) -> Corpus {
    let joined = format!("{PART_X}, and {PART_Y};");
    let (x, y) = (format!("{PART_X};"), format!("Also {PART_Y};"));
    let one = body(&[DATABASE, &joined, COOPERATION]);
    let two = body(&[DATABASE, &x, &y, COOPERATION]);
    let (first, second) = if reverse { (two, one) } else { (one, two) };
    Corpus::new(vec![
        resolution("E/RES/2021/1", "wsis", "2021-07-20", &refs(&first)),
        resolution("E/RES/2023/2", "wsis", "2023-06-07", &refs(&second)),
    ])
    .unwrap()
}

#[test]
fn a_paragraph_cut_in_two_is_a_split_linked_to_its_larger_part() {
    let c = split_corpus(false);
    let (l, _) = align(&c, &Overrides::none());
    let r = c.index_of("E/RES/2023/2").unwrap();
    let split = &l.splits[r];
    assert_eq!(split.len(), 1, "{split:?}");
    assert_eq!(split[0].from, at(&c, "E/RES/2021/1", "2"));
    assert_eq!(split[0].into, vec![at(&c, "E/RES/2023/2", "2"), at(&c, "E/RES/2023/2", "3")]);
    assert_eq!(previous(&c, &l, "E/RES/2023/2", "2").as_deref(), Some("E/RES/2021/1#2"));
    assert_eq!(l.link(at(&c, "E/RES/2023/2", "3")).change, Change::New);
    assert!(l.dropped[r].is_empty());
}

#[test]
fn two_paragraphs_joined_are_a_merge_and_neither_is_dropped() {
    let c = split_corpus(true);
    let (l, _) = align(&c, &Overrides::none());
    let r = c.index_of("E/RES/2023/2").unwrap();
    let merges = &l.merges[r];
    assert_eq!(merges.len(), 1, "{merges:?}");
    assert_eq!(merges[0].from, vec![at(&c, "E/RES/2021/1", "2"), at(&c, "E/RES/2021/1", "3")]);
    assert_eq!(merges[0].into, at(&c, "E/RES/2023/2", "2"));
    assert!(l.dropped[r].is_empty(), "{:?}", l.dropped[r]);
    let absorbed = at(&c, "E/RES/2021/1", "3");
    assert_eq!(l.merged_into(absorbed), Some(at(&c, "E/RES/2023/2", "2")));
}
