//! Joining wrapped lines into paragraphs, where PDF and web copies differ most.
//!
//! A web copy has one paragraph a line; a PDF has hard-wrapped lines, blank lines between
//! paragraphs, and page breaks (with footnote blocks and running heads lifted out) that may
//! fall in mid-sentence. A break starts a new paragraph only when the text on both sides says
//! so: a paragraph number, a preambular participle, or a sentence that ended before it. Draft
//! status tags are lifted off the lines here, before they can hide a paragraph number.

use std::sync::LazyLock;

use regex::Regex;

use super::body::RawPara;
use super::header;
use super::lines::{Line, Role};
use super::markers::{CLOSE, OPEN, RESOLVED};
use super::opener::opens_preambular;
use super::repair;
use super::report::Report;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:OP\s?)?(\d{1,3}(?:bis|ter|quater|quinquies|sexies|septies|octies)?)(?:[.)]\s*|\s+)(\S.*)$")
        .unwrap()
});
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2})\)\s*(\S.*)$").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-•–*]\s+(\S.*)$").unwrap());

/// `12. Text` / `12bis. Text` / `1.Recalling` → number and text. A number without a full
/// stop counts only before a capital (`12 Welcomes`), never before a date or a unit.
pub fn split_number(text: &str) -> Option<(&str, &str)> {
    let c = NUMBER.captures(text)?;
    let (n, rest) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let sep = &text[c.get(1)?.end()..text.len() - rest.len()];
    let first = rest.split(' ').next().unwrap_or("");
    let dotted = sep.starts_with(['.', ')']);
    let capital = rest.starts_with(|c: char| c.is_uppercase());
    let ok = capital && (dotted || (!header::is_month(first) && opens_operative(rest)));
    ok.then_some((n, rest))
}

pub fn opens_operative(text: &str) -> bool {
    super::opener::opening(text, super::opener::Part::Operative).is_some()
}

static PREAMBULAR_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:pp)\s?(\d{1,3})[.:)]?\s+(\S.*)$").unwrap());

/// `PP3 Recalling …`, `pp3. Recalling …`: a draft's numbered preambular paragraph.
pub fn split_preambular_number(text: &str) -> Option<(&str, &str)> {
    let c = PREAMBULAR_NUMBER.captures(text)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

pub fn split_letter(text: &str) -> Option<(&str, &str)> {
    let c = LETTER.captures(text)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

/// Join text lines into paragraphs.
pub fn join(lines: &[Line], wrapped: bool, report: &mut Report) -> Vec<RawPara> {
    let mut out: Vec<RawPara> = Vec::new();
    let (mut gap, mut page_break, mut last_page) = (false, false, 0);
    let mut next_number = 1u32;
    let mut pending_number: Option<&str> = None;
    for l in lines {
        match l.role {
            Role::Text => {}
            Role::Blank => {
                gap = true;
                continue;
            }
            _ => {
                gap = true;
                page_break |= matches!(l.role, Role::Furniture | Role::Footnote);
                continue;
            }
        }
        page_break |= l.page != last_page;
        last_page = l.page;
        if NUMBER_ALONE.is_match(&l.text) {
            pending_number = Some(&l.text);
            continue;
        }
        let (text, bullet) = match BULLET.captures(&l.text) {
            Some(c) => (c[1].to_string(), true),
            None => (l.text.clone(), false),
        };
        let text = match pending_number.take() {
            Some(n) => format!("{n} {text}"),
            None => text,
        };
        let (text, status) = split_status(&text);
        if text.is_empty() {
            attach_status(&mut out, status, l.no, report);
            continue;
        }
        for (k, segment) in split_collapsed(&text, next_number).into_iter().enumerate() {
            let new = k > 0
                || bullet
                || match out.last() {
                    None => true,
                    Some(prev) => starts_paragraph(&prev.text, &segment, gap, page_break, wrapped, next_number),
                };
            if let Some((n, _)) = split_number(&segment).filter(|_| new) {
                next_number = number_value(n).map_or(next_number, |n| n + 1);
            }
            match out.last_mut() {
                Some(prev) if !new => append_line(&mut prev.text, &segment),
                _ => out.push(RawPara { text: segment, line: l.no, bullet, status: None }),
            }
            if status.is_some() {
                attach_status(&mut out, status.clone(), l.no, report);
            }
        }
        gap = false;
        page_break = false;
    }
    out
}

pub fn number_value(printed: &str) -> Option<u32> {
    printed.trim_end_matches(char::is_alphabetic).parse().ok()
}

static NUMBER_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,3}(?:bis|ter|quater)?\.|\([a-z]{1,2}\))$").unwrap());
static INLINE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[;:.] (\d{1,3})\. \p{Lu}").unwrap());

/// A page collapsed into one line holds several numbered paragraphs: split it before each
/// number that continues the sequence (`…Goals; 5. Also reaffirms …`).
fn split_collapsed(text: &str, mut expected: u32) -> Vec<String> {
    if let Some((n, _)) = split_number(text) {
        expected = number_value(n).map_or(expected, |n| n + 1);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in INLINE_NUMBER.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else { continue };
        if n.as_str().parse::<u32>().ok() != Some(expected) {
            continue;
        }
        out.push(text[start..whole.start() + 1].to_string());
        start = n.start();
        expected += 1;
    }
    out.push(text[start..].to_string());
    out
}

/// Does `next` start a new paragraph after `prev`, given what stood between them?
fn starts_paragraph(prev: &str, next: &str, gap: bool, page_break: bool, wrapped: bool, expected: u32) -> bool {
    let ended = ends_sentence(prev);
    if let Some((n, _)) = split_number(next) {
        let in_sequence = number_value(n).is_some_and(|n| n == expected || n + 1 == expected);
        return gap || ended || in_sequence || !wrapped;
    }
    if split_letter(next).is_some() && (gap || ended) || split_preambular_number(next).is_some() {
        return true;
    }
    let lower = next.starts_with(|c: char| c.is_lowercase());
    if !wrapped {
        return !lower;
    }
    // A capital participle after a paragraph's closing comma opens the next preambular
    // paragraph even where no blank line separates them.
    if !gap && ends_sentence(prev) && opens_preambular(next) {
        return true;
    }
    if !gap || lower || !ended && !is_heading_like(prev) {
        return false;
    }
    if page_break && prev.trim_end().ends_with(',') && !opens_preambular(next) {
        return false;
    }
    true
}

/// The text ends a sentence or a paragraph: `,` `;` `:` `.` perhaps followed by a marker or
/// a closing quote.
pub fn ends_sentence(text: &str) -> bool {
    let t = strip_trailing_markers(text);
    t.ends_with([',', ';', ':', '.']) || t.ends_with(",”") || t.ends_with(".”")
}

fn strip_trailing_markers(text: &str) -> &str {
    let mut t = text.trim_end();
    while t.ends_with(CLOSE) {
        match t.rfind([OPEN, RESOLVED]) {
            Some(i) => t = t[..i].trim_end(),
            None => break,
        }
    }
    t
}

/// A short line with no closing punctuation and no clause inside, like a section heading.
pub fn is_heading_like(text: &str) -> bool {
    let words = text.split(' ').count();
    words <= 25
        && !ends_sentence(text)
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.contains([',', ';', '“', '”', OPEN, RESOLVED])
}

/// Append a wrapped line to a paragraph. A hyphen at the end of a line may belong to a
/// compound (`capacity-` `building`) or break a word; [`repair`] decides later with the whole
/// text's vocabulary, so it is kept as [`repair::LINE_HYPHEN`]. A slash joins without a space.
fn append_line(prev: &mut String, next: &str) {
    let mut chars = prev.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('-'), Some(b)) if b.is_alphabetic() => {
            prev.pop();
            prev.push(repair::LINE_HYPHEN);
        }
        (Some('/'), _) => {}
        _ => prev.push(' '),
    }
    prev.push_str(next);
}

const STATUS_TAG: &str = r"(?i:(?:provisionally |tentatively |)agreed(?: ad ref)?|ad ref|suggested for (?:closure|deletion)|pending|deleted|withdrawn|new|closed|under (?:discussion|negotiation)|as orally (?:revised|amended))";
static STATUS_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\s*[\(\[]({STATUS_TAG})[\)\]]\s*$")).unwrap());
static STATUS_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^((?:\d{{1,3}}\w*\.\s+)?)[\(\[]({STATUS_TAG})[\)\]]\s*")).unwrap());

/// A status tag on a line of its own belongs to the paragraph before it.
fn attach_status(out: &mut [RawPara], status: Option<String>, line: usize, report: &mut Report) {
    match out.last_mut() {
        Some(prev) if prev.status.is_none() => prev.status = status,
        Some(_) => {
            report.uncertain(line, "status-tag", format!("second status tag {status:?} on one paragraph dropped"))
        }
        None => report.uncertain(line, "status-tag", format!("status tag {status:?} before any paragraph dropped")),
    }
}

/// A draft's status tag (`(provisionally agreed)`, `[Suggested for Closure]`) at the end of a
/// paragraph or before its text: kept as an attribute, never as text.
fn split_status(text: &str) -> (String, Option<String>) {
    if let Some(c) = STATUS_END.captures(text) {
        let start = c.get(0).map_or(text.len(), |m| m.start());
        return (text[..start].to_string(), Some(c[1].to_string()));
    }
    if let Some(c) = STATUS_START.captures(text) {
        let rest = &text[c.get(0).map_or(0, |m| m.end())..];
        return (format!("{}{rest}", &c[1]).trim().to_string(), Some(c[2].to_string()));
    }
    (text.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers_need_a_full_stop_or_a_verb() {
        assert_eq!(split_number("12. Welcomes the report"), Some(("12", "Welcomes the report")));
        assert_eq!(split_number("1.Recalling"), Some(("1", "Recalling")));
        assert_eq!(split_number("12bis. Notes"), Some(("12bis", "Notes")));
        assert_eq!(split_number("OP3. Notes"), Some(("3", "Notes")));
        assert_eq!(split_preambular_number("PP2 Recalling"), Some(("2", "Recalling")));
        assert_eq!(split_number("2 October 2024, which"), None);
        assert_eq!(split_number("2.6 billion people"), None);
        assert_eq!(split_number("78/160 of 19 December"), None);
    }

    #[test]
    fn a_page_break_after_a_comma_does_not_split_a_sentence() {
        assert!(!starts_paragraph("and the Government of Ghana,", "Member States and", true, true, true, 5));
        assert!(starts_paragraph("of the aforementioned report,", "Recalling also its", true, false, true, 1));
        assert!(!starts_paragraph("the report entitled", "“Road map”,", true, false, true, 1));
        assert!(!starts_paragraph("inclusion, in", "their different forms", true, true, true, 100));
        assert!(starts_paragraph("Internet governance", "82. Reaffirms", false, false, true, 82));
    }

    #[test]
    fn status_tags_become_attributes() {
        assert_eq!(
            split_status("Notes the report; (provisionally agreed)"),
            ("Notes the report;".into(), Some("provisionally agreed".into()))
        );
        assert_eq!(split_status("Notes [Suggested for Closure]").1.as_deref(), Some("Suggested for Closure"));
        assert_eq!(split_status("12. [Agreed ad ref] Notes"), ("12. Notes".into(), Some("Agreed ad ref".into())));
        assert_eq!(split_status("(provisionally agreed)"), (String::new(), Some("provisionally agreed".into())));
    }

    #[test]
    fn line_end_hyphens_are_kept_for_later_and_slashes_join_tight() {
        let joined = |a: &str, b: &str| {
            let mut s = a.to_string();
            append_line(&mut s, b);
            s
        };
        assert_eq!(joined("capacity-", "building"), format!("capacity{}building", repair::LINE_HYPHEN));
        assert_eq!(joined("Telecommunication/", "Information"), "Telecommunication/Information");
        assert_eq!(joined("high-level", "event"), "high-level event");
    }

    #[test]
    fn a_collapsed_page_is_split_before_each_number_in_sequence() {
        let text = "4. Reaffirms the Goals; 5. Also reaffirms paragraph 16. Notes; 6. Further notes";
        assert_eq!(
            split_collapsed(text, 4),
            ["4. Reaffirms the Goals;", "5. Also reaffirms paragraph 16. Notes;", "6. Further notes"]
        );
    }
}
