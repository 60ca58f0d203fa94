//! Footnote texts: the list a web copy prints after the resolution (`1. See A/60/687. ↩︎`) and
//! the blocks a PDF prints at the foot of each page, which an extraction leaves in the middle
//! of the running text — sometimes in the middle of a sentence.
//!
//! A page-foot block is recognised by where it stands (after a blank line or page furniture,
//! and followed by the start of a new page) and by its labels, which continue the footnote
//! sequence. Labels mangled by OCR (`%` for 6, `'l` for 11, `4` for 14) are read from the
//! sequence; a line that starts with a number but does not continue it (`2 October 2024, …`)
//! stays text.

use std::sync::LazyLock;

use regex::Regex;

use super::header::is_month;
use super::lines::{Line, Role};
use super::report::Report;

#[derive(Debug, Clone)]
pub struct FootnoteDef {
    pub label: u32,
    pub text: String,
    pub line: usize,
    /// The page it is printed on; `None` for a list at the end of the text.
    pub page: Option<usize>,
}

static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[?(\d{1,3})[\].)]?\s+(.+?)\s*(?:\[?↩\u{fe0e}?\]?|\^)?$").unwrap());
static BACKLINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*↩\u{fe0e}?").unwrap());

/// Read the footnote list after the trailer (web copies). Lines that are neither a footnote
/// nor its continuation are dropped and reported.
pub fn end_list(lines: &mut [Line], from: Option<usize>, report: &mut Report) -> Vec<FootnoteDef> {
    let start = from.or_else(|| backlink_list_start(lines));
    let Some(start) = start else { return Vec::new() };
    let mut defs: Vec<FootnoteDef> = Vec::new();
    for l in lines[start..].iter_mut().filter(|l| l.role == Role::Text) {
        l.role = Role::Footnote;
        if let Some(c) = LIST_ITEM.captures(&l.text) {
            let label = c[1].parse().unwrap_or(0);
            let text = BACKLINK.replace_all(&c[2], "").trim().to_string();
            defs.push(FootnoteDef { label, text, line: l.no, page: None });
        } else if let Some(last) = defs.last_mut() {
            last.text = format!("{} {}", last.text, BACKLINK.replace_all(&l.text, "").trim());
        } else {
            report.repair(l.no, "site-chrome", format!("dropped `{}` after the text", l.text));
            l.role = Role::Furniture;
        }
    }
    defs
}

/// Without a meeting line, a list whose items end in `↩︎` still marks the footnotes.
fn backlink_list_start(lines: &[Line]) -> Option<usize> {
    let first = lines.iter().position(|l| l.role == Role::Text && l.text.contains('↩'))?;
    LIST_ITEM.is_match(&lines[first].text).then_some(first)
}

/// Lift the footnote blocks printed at the foot of pages out of the running text.
pub fn lift_blocks(lines: &mut [Line], indent_breaks: bool, report: &mut Report) -> Vec<FootnoteDef> {
    let mut defs: Vec<FootnoteDef> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let expected = defs.last().map_or(1, |d| d.label + 1);
        if lines[i].role == Role::Text && may_start_block(lines, i) {
            if let Some((block, end)) = read_block(lines, i, expected, indent_breaks, report) {
                for l in lines[i..end].iter_mut().filter(|l| l.role == Role::Text) {
                    l.role = Role::Footnote;
                }
                defs.extend(block);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    defs
}

fn may_start_block(lines: &[Line], i: usize) -> bool {
    i > 0 && matches!(lines[i - 1].role, Role::Blank | Role::Furniture | Role::Footnote)
}

/// A footnote line: its label (read against the `expected` number) and its text.
fn footnote_line(text: &str, expected: u32) -> Option<(u32, String, bool)> {
    let (token, rest) = text.split_once(' ')?;
    let first = rest.split(' ').next().unwrap_or("");
    let starts_well = rest.chars().next().is_some_and(|c| !c.is_lowercase()) && !is_month(first);
    if !starts_well || token.chars().count() > 3 || token.contains(['.', ')', '(']) {
        return None;
    }
    let exp = expected.to_string();
    if token.chars().all(|c| c.is_ascii_digit()) {
        let n: u32 = token.parse().ok()?;
        // OCR drops the first digit of a two-digit label now and then (`4` for 14); a page
        // whose block was lost entirely leaves a gap of one or two numbers.
        let lost_leading = (expected..=expected + 2).find(|c| {
            let c = c.to_string();
            token.len() < c.len() && c.ends_with(token)
        });
        return match () {
            _ if n == expected => Some((n, rest.to_string(), false)),
            _ if lost_leading.is_some() => Some((lost_leading?, rest.to_string(), true)),
            _ if n > expected && n <= expected + 2 => Some((n, rest.to_string(), false)),
            _ => None,
        };
    }
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let garbled = token.chars().all(|c| !c.is_alphanumeric() || c.is_ascii_digit() || matches!(c, 'l' | 'I' | 'i'))
        && token.chars().any(|c| !c.is_alphanumeric());
    (garbled && exp.ends_with(&digits)).then(|| (expected, rest.to_string(), true))
}

/// Read a block from line `i`; `None` when it is not a page-foot block after all.
fn read_block(
    lines: &[Line],
    i: usize,
    expected: u32,
    indent_breaks: bool,
    report: &mut Report,
) -> Option<(Vec<FootnoteDef>, usize)> {
    let (label, text, guessed) = footnote_line(&lines[i].text, expected)?;
    let mut block = vec![FootnoteDef { label, text, line: lines[i].no, page: None }];
    let mut guesses = vec![guessed.then(|| lines[i].text.clone())];
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        let next = block.last().map_or(expected, |d| d.label + 1);
        match l.role {
            Role::Blank => {
                let following = (j + 1..lines.len()).find(|&k| lines[k].role != Role::Blank);
                match following.filter(|&k| lines[k].role == Role::Text && !lines[k].indented) {
                    Some(k) if footnote_line(&lines[k].text, next).is_some() => j = k,
                    _ => break,
                }
            }
            Role::Text if !(indent_breaks && l.indented) => {
                if let Some((label, text, guessed)) = footnote_line(&l.text, next) {
                    block.push(FootnoteDef { label, text, line: l.no, page: None });
                    guesses.push(guessed.then(|| l.text.clone()));
                } else if continues(block.last()?, &l.text) {
                    let last = block.last_mut()?;
                    last.text = format!("{} {}", last.text, l.text);
                } else {
                    break;
                }
                j += 1;
            }
            _ => break,
        }
    }
    let at_page_end = page_ends_at(lines, j, indent_breaks);
    if !at_page_end && !looks_like_citation(&block[0].text) {
        return None;
    }
    for (d, g) in block.iter().zip(&guesses) {
        if let Some(raw) = g {
            report.repair(
                d.line,
                "footnote-label",
                format!("read the label of `{raw}` as {} from the sequence", d.label),
            );
        }
    }
    Some((block, j))
}

fn continues(prev: &FootnoteDef, line: &str) -> bool {
    !prev.text.ends_with('.') && super::body::split_number(line).is_none()
}

/// Does a new page (or the end of the text) start at line `j`?
fn page_ends_at(lines: &[Line], j: usize, indent_breaks: bool) -> bool {
    match lines[j..].iter().find(|l| l.role != Role::Blank) {
        None => true,
        Some(l) => match l.role {
            Role::Furniture | Role::Trailer | Role::Footnote => true,
            Role::Text => indent_breaks && l.indented,
            _ => false,
        },
    }
}

/// How footnotes of resolutions open: a document symbol, "See …", a resolution, Official Records.
fn looks_like_citation(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "See ",
        "Ibid",
        "General Assembly",
        "Official Records",
        "United Nations",
        "Resolution",
        "Report of",
        "Available",
    ];
    OPENERS.iter().any(|o| text.starts_with(o))
        || text.split(' ').next().is_some_and(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;
    use std::path::Path;

    #[test]
    fn footnote_labels_are_read_against_the_sequence() {
        assert_eq!(footnote_line("7 See A/C.2/59/3, annex.", 7).map(|x| x.0), Some(7));
        assert_eq!(footnote_line("% See A/60/687.", 6).map(|x| x.0), Some(6));
        assert_eq!(footnote_line("'l See resolution 70/125.", 11).map(|x| x.0), Some(11));
        assert_eq!(footnote_line("4 A/67/65.", 14).map(|x| (x.0, x.2)), Some((14, true)));
        assert_eq!(footnote_line("4 A/67/65.", 13).map(|x| (x.0, x.2)), Some((14, true)));
        assert_eq!(footnote_line("!5 General Assembly resolution 69/313.", 15).map(|x| x.0), Some(15));
        assert_eq!(footnote_line("2 October 2024, which served", 2), None);
        assert_eq!(footnote_line("12. Welcomes the report", 12), None);
        assert_eq!(footnote_line("9 per cent of", 9), None);
    }

    #[test]
    fn a_page_foot_block_is_lifted_and_the_sentence_around_it_stays() {
        let mut l = split("fostering digital inclusion, in\n\n1 A/67/65-E/2012/48.\n their different forms");
        let mut r = Report::new(Path::new("t"));
        let defs = lift_blocks(&mut l, true, &mut r);
        assert_eq!(defs.len(), 1);
        assert_eq!(defs[0].text, "A/67/65-E/2012/48.");
        assert_eq!(l[2].role, Role::Footnote);
        assert_eq!(l[3].role, Role::Text);
    }

    #[test]
    fn a_paragraph_that_starts_with_a_number_is_not_a_footnote() {
        let mut l = split("on 1 and\n\n2 October 2024, which served as a platform\nto assess;");
        let mut r = Report::new(Path::new("t"));
        assert!(lift_blocks(&mut l, false, &mut r).is_empty());
    }

    #[test]
    fn a_footnote_continues_over_lines_until_it_ends_with_a_full_stop() {
        let mut l =
            split("text\n\n1 United Nations Educational, Records of the General\nConference, vol. 1.\n 55. Recalls");
        let mut r = Report::new(Path::new("t"));
        let defs = lift_blocks(&mut l, true, &mut r);
        assert_eq!(defs[0].text, "United Nations Educational, Records of the General Conference, vol. 1.");
    }

    #[test]
    fn the_web_list_after_the_trailer_is_read_with_its_backlinks_removed() {
        let mut l = split(
            "  1. See A/C.2/59/3 and A/60/687. ↩\u{fe0e}\n  2. General Assembly resolution 217 A (III). ↩\u{fe0e}",
        );
        let mut r = Report::new(Path::new("t"));
        let defs = end_list(&mut l, Some(0), &mut r);
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].text, "See A/C.2/59/3 and A/60/687.");
        assert_eq!(defs[1].label, 2);
    }
}
