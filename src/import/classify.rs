//! Joined paragraphs → the blocks of a resolution (preambular, operative, sub-paragraph,
//! heading), and the checks of numbering and footnote sequence the report relies on.

use super::body::{Para, ParaKind, RawPara};
use super::footnotes::FootnoteDef;
use super::join::{
    is_heading_like, number_value, opens_operative, split_letter, split_number, split_preambular_number,
};
use super::report::Report;

/// Classify the joined paragraphs: numbered → operative, lettered after an operative →
/// sub-paragraph, unnumbered before the first operative → preambular, short unpunctuated
/// lines before a numbered paragraph → headings. A bullet in the operative part stands for
/// a lost number: it gets the next one, and the report says so.
pub fn classify(raw: Vec<RawPara>, report: &mut Report) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut last_number = 0u32;
    for (i, p) in raw.iter().enumerate() {
        let (text, status) = (p.text.clone(), p.status.clone());
        let next_numbered = raw.get(i + 1).is_some_and(|n| split_number(&n.text).is_some() || is_heading_like(&n.text));
        let para = |kind, number: Option<&str>, text: &str| Para {
            kind,
            number: number.map(String::from),
            text: text.to_string(),
            line: p.line,
            status: status.clone(),
        };
        let seen_operative = last_number > 0;
        if let Some((n, rest)) = split_number(&text) {
            last_number = number_value(n).unwrap_or(last_number);
            out.push(para(ParaKind::Operative, Some(n), rest));
        } else if let Some((n, rest)) = split_preambular_number(&text).filter(|_| !seen_operative) {
            out.push(para(ParaKind::Preambular, Some(n), rest));
        } else if let Some((l, rest)) = split_letter(&text).filter(|_| seen_operative) {
            out.push(para(ParaKind::Subparagraph, Some(l), rest));
        } else if is_heading_like(&text) && next_numbered && !p.bullet {
            out.push(para(ParaKind::Heading, None, &text));
        } else if !(seen_operative || p.bullet && opens_operative(&text)) {
            // Before the operative part, unless a bullet opens with an operative verb.
            out.push(para(ParaKind::Preambular, None, &text));
        } else if p.bullet || opens_operative(&text) {
            last_number += 1;
            let n = last_number.to_string();
            report.uncertain(p.line, "number-inferred", format!("unnumbered operative paragraph numbered {n}"));
            out.push(para(ParaKind::Operative, Some(&n), &text));
        } else {
            report.uncertain(
                p.line,
                "unnumbered-after-operative",
                format!("dropped unnumbered text after the operative part: `{}`", short(&text)),
            );
        }
    }
    out
}

fn short(text: &str) -> String {
    let cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Operative numbers run 1, 2, 3 … (with `bis`/`ter` insertions); letters run a, b, c ….
pub fn check_numbering(paras: &[Para], report: &mut Report) {
    let mut last = 0u32;
    let mut last_letter: Option<u8> = None;
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut parent = String::new();
    for p in paras {
        let Some(number) = &p.number else { continue };
        let key = if p.kind == ParaKind::Subparagraph { format!("{parent}({number})") } else { number.clone() };
        if let Some(first) = seen.insert(key.clone(), p.line) {
            report.uncertain(p.line, "numbering", format!("paragraph {key} is printed twice (first at line {first})"));
        }
        match p.kind {
            ParaKind::Operative => {
                parent = number.clone();
                let n: u32 = number.trim_end_matches(char::is_alphabetic).parse().unwrap_or(0);
                let inserted = number.ends_with(char::is_alphabetic) && n == last;
                if n != last + 1 && !inserted {
                    report.uncertain(p.line, "numbering", format!("paragraph {number} follows paragraph {last}"));
                }
                last = n;
                last_letter = None;
            }
            ParaKind::Subparagraph => {
                let l = number.as_bytes()[0];
                if number.len() == 1 && l != last_letter.map_or(b'a', |x| x + 1) {
                    report.uncertain(p.line, "numbering", format!("sub-paragraph ({number}) out of sequence"));
                }
                last_letter = Some(l);
            }
            _ => {}
        }
    }
}

pub fn check_footnote_sequence(defs: &[FootnoteDef], report: &mut Report) {
    let mut expected = 1;
    for d in defs {
        if d.label > expected {
            let missing = if d.label == expected + 1 {
                format!("{expected} is")
            } else {
                format!("{expected}–{} are", d.label - 1)
            };
            report.uncertain(d.line, "footnote-gap", format!("footnote {missing} not in the source"));
        } else if d.label < expected {
            report.uncertain(d.line, "footnote-duplicate", format!("footnote {} is printed twice", d.label));
        }
        expected = d.label + 1;
    }
}
