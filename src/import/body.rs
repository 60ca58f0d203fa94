//! The pipeline of passes and the body of the resolution: wrapped lines joined into
//! paragraphs, paragraphs numbered and classified (preambular, operative, sub-paragraph,
//! section heading), footnote markers resolved.
//!
//! Joining is where PDF and web copies differ most. A web copy has one paragraph a line; a
//! PDF has hard-wrapped lines, blank lines between paragraphs, and page breaks (with
//! footnote blocks and running heads lifted out) that may fall in mid-sentence. A break
//! starts a new paragraph only when the text on both sides says so: a paragraph number, a
//! preambular participle, or a sentence that ended before it.

use std::sync::LazyLock;

use anyhow::{bail, Result};
use regex::Regex;

use super::footnotes::{self, FootnoteDef};
use super::header::{self, Header, Trailer};
use super::lines::{self, Line, Role};
use super::markers::{self, Resolution, CLOSE, OPEN, RESOLVED};
use super::opener::opens_preambular;
use super::repair;
use super::report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Preambular,
    Operative,
    Subparagraph,
    Heading,
}

/// One block of the body, text with resolved marker placeholders.
#[derive(Debug, Clone)]
pub struct Para {
    pub kind: ParaKind,
    /// `12`, `12bis`, `a`; `None` for preambular paragraphs and headings.
    pub number: Option<String>,
    pub text: String,
    pub line: usize,
    pub status: Option<String>,
}

/// Everything the content file says.
#[derive(Debug, Clone)]
pub struct Document {
    pub symbol: String,
    pub series: String,
    pub title: String,
    pub date: String,
    pub body: Option<String>,
    pub meeting: Option<String>,
    pub recommendation: Option<String>,
    pub formula: Option<String>,
    pub paragraphs: Vec<Para>,
    pub footnotes: Vec<FootnoteDef>,
}

/// Run every pass over a decoded text.
pub fn read_document(text: &str, symbol: Option<&str>, report: &mut Report) -> Result<Document> {
    let mut lines = lines::split(text);
    let header = header::read_header(&mut lines, report);
    let trailer = header::read_trailer(&mut lines);
    let Some(title) = header.title.clone() else {
        bail!("no title found: expected a line like `2025/18. Assessment of …` before the text");
    };
    let mut defs = footnotes::end_list(&mut lines, trailer.after, report);
    let running_symbols = lines::mark_furniture(&mut lines, &title, report);
    let header = with_running_symbol(header, running_symbols);
    let indent_breaks = lines::indent_marks_pages(&lines);
    let mut page_defs = footnotes::lift_blocks(&mut lines, indent_breaks, report);
    lines::assign_pages(&mut lines, indent_breaks);
    set_def_pages(&mut page_defs, &lines);
    defs.append(&mut page_defs);
    defs.sort_by_key(|d| d.label);
    let markers = markers::lift(&mut lines);
    let wrapped = lines::looks_wrapped(&lines);
    let mut raw = join(&lines, wrapped);
    let resolutions = markers::assign(&markers, &defs, report);
    for p in &mut raw {
        p.text = resolve_placeholders(&p.text, &markers, &resolutions);
    }
    repair::run(&mut raw, &mut defs, report);
    let paragraphs = classify(raw, report);
    check_numbering(&paragraphs, report);
    check_footnote_sequence(&defs, report);
    let symbol = pick_symbol(symbol, &header, report)?;
    let date = pick_date(&header, &trailer)?;
    Ok(Document {
        series: series_slug(&title),
        symbol,
        title,
        date,
        body: header.body,
        meeting: trailer.meeting,
        recommendation: header.recommendation,
        formula: header.formula,
        paragraphs,
        footnotes: defs,
    })
}

/// A page-foot footnote belongs to the page of the text above it.
fn set_def_pages(defs: &mut [FootnoteDef], lines: &[Line]) {
    for d in defs.iter_mut() {
        d.page = lines.iter().find(|l| l.no == d.line).map(|l| l.page);
    }
}

/// A running head prints the symbol: take it when the header does not, if it agrees with
/// the printed number.
fn with_running_symbol(mut h: Header, symbols: Vec<String>) -> Header {
    let agrees = |s: &String| h.number.as_ref().is_none_or(|n| s.ends_with(&format!("/{n}")));
    if h.symbol.is_none() {
        h.symbol = symbols.iter().find(|s| agrees(s)).cloned();
    }
    h
}

fn pick_symbol(given: Option<&str>, h: &Header, report: &mut Report) -> Result<String> {
    if let Some(s) = given {
        return Ok(s.trim().to_string());
    }
    if let Some(s) = &h.symbol {
        return Ok(s.clone());
    }
    let Some(number) = &h.number else {
        bail!("no symbol found: the text prints no `E/RES/…` line and no resolution number; pass --symbol");
    };
    let organ = match h.body.as_deref().or(h.formula.as_deref()) {
        Some(b) if b.contains("Economic and Social Council") => "E",
        Some(b) if b.contains("General Assembly") => "A",
        Some(b) if b.contains("Security Council") => "S",
        _ => bail!("cannot tell the organ of resolution {number}; pass --symbol"),
    };
    let symbol = format!("{organ}/RES/{number}");
    report.repair(1, "symbol-from-number", format!("symbol {symbol} made from the number {number} and the organ"));
    Ok(symbol)
}

fn pick_date(h: &Header, t: &Trailer) -> Result<String> {
    match h.date.clone().or_else(|| t.date.clone()) {
        Some(d) => Ok(d),
        None => bail!("no adoption date found: expected \"adopted … on 7 June 2023\" or a date line at the end"),
    }
}

/// Series slug: the initials of the longest proper name in the title when it has at least
/// three capitalised words ("World Summit on the Information Society" → `wsis`); otherwise a
/// slug of the whole title, as the content format defaults to.
pub fn series_slug(title: &str) -> String {
    const LINKS: &[&str] = &["on", "the", "of", "for", "and", "in"];
    let mut best: Vec<&str> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for w in title.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()) {
        if w.starts_with(|c: char| c.is_uppercase()) {
            run.push(w);
        } else if !(LINKS.contains(&w) && !run.is_empty()) {
            run.clear();
        }
        if run.len() > best.len() {
            best = run.clone();
        }
    }
    if best.len() >= 3 {
        return best.iter().filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect();
    }
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// A run of joined lines, before it is classified.
#[derive(Debug, Clone)]
pub struct RawPara {
    pub text: String,
    pub line: usize,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:bis|ter|quater|quinquies|sexies|septies|octies)?)(?:[.)]\s*|\s+)(\S.*)$").unwrap()
});
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2})\)\s*(\S.*)$").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-•–*]\s+(\S.*)$").unwrap());

/// `12. Text` / `12bis. Text` / `1.Recalling` → number and text. A number without a full
/// stop counts only before a capital (`12 Welcomes`), never before a date or a unit.
pub fn split_number(text: &str) -> Option<(&str, &str)> {
    let c = NUMBER.captures(text)?;
    let (n, rest) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let sep = &text[n.len()..text.len() - rest.len()];
    let first = rest.split(' ').next().unwrap_or("");
    let dotted = sep.starts_with(['.', ')']);
    let capital = rest.starts_with(|c: char| c.is_uppercase());
    let ok = capital && (dotted || (!header::is_month(first) && opens_operative(rest)));
    ok.then_some((n, rest))
}

fn opens_operative(text: &str) -> bool {
    super::opener::opening(text, super::opener::Part::Operative).is_some()
}

pub fn split_letter(text: &str) -> Option<(&str, &str)> {
    let c = LETTER.captures(text)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

/// Join text lines into paragraphs.
fn join(lines: &[Line], wrapped: bool) -> Vec<RawPara> {
    let mut out: Vec<RawPara> = Vec::new();
    let (mut gap, mut page_break, mut last_page) = (false, false, 0);
    let mut next_number = 1u32;
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
        let text = BULLET.captures(&l.text).map_or(l.text.clone(), |c| c[1].to_string());
        let new = match out.last() {
            None => true,
            Some(prev) => starts_paragraph(&prev.text, &text, gap, page_break, wrapped, next_number),
        };
        if let Some((n, _)) = split_number(&text).filter(|_| new) {
            next_number = n.trim_end_matches(char::is_alphabetic).parse::<u32>().map_or(next_number, |n| n + 1);
        }
        match out.last_mut() {
            Some(prev) if !new => prev.text = join_lines(&prev.text, &text),
            _ => out.push(RawPara { text, line: l.no }),
        }
        gap = false;
        page_break = false;
    }
    out
}

/// Does `next` start a new paragraph after `prev`, given what stood between them?
fn starts_paragraph(prev: &str, next: &str, gap: bool, page_break: bool, wrapped: bool, expected: u32) -> bool {
    let ended = ends_sentence(prev);
    if let Some((n, _)) = split_number(next) {
        let in_sequence =
            n.trim_end_matches(char::is_alphabetic).parse::<u32>().is_ok_and(|n| n == expected || n + 1 == expected);
        return gap || ended || in_sequence || !wrapped;
    }
    if split_letter(next).is_some() && (gap || ended) {
        return true;
    }
    let lower = next.starts_with(|c: char| c.is_lowercase());
    if !wrapped {
        return !lower;
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
fn is_heading_like(text: &str) -> bool {
    let words = text.split(' ').count();
    words <= 25
        && !ends_sentence(text)
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.contains([',', ';', '“', '”', OPEN, RESOLVED])
}

/// Join two wrapped lines. A hyphen at the end of a line may belong to a compound
/// (`capacity-` `building`) or break a word; [`repair`] decides later with the whole
/// text's vocabulary, so it is kept as [`repair::LINE_HYPHEN`]. A slash joins without a space.
fn join_lines(prev: &str, next: &str) -> String {
    let mut chars = prev.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    match (last, before) {
        (Some('-'), Some(b)) if b.is_alphabetic() => {
            format!("{}{}{next}", &prev[..prev.len() - 1], repair::LINE_HYPHEN)
        }
        (Some('/'), _) => format!("{prev}{next}"),
        _ => format!("{prev} {next}"),
    }
}

/// Replace lifted markers by their labels, or put back what was not a marker.
fn resolve_placeholders(
    text: &str,
    markers: &[markers::Marker],
    resolutions: &std::collections::BTreeMap<usize, Resolution>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else { break };
        let id: usize = after[..end].parse().unwrap_or(usize::MAX);
        match resolutions.get(&id) {
            Some(Resolution::Label(n)) => out.push_str(&format!("{RESOLVED}{n}{CLOSE}")),
            Some(Resolution::Restore) => out.push_str(markers.get(id).map_or("", |m| m.raw.as_str())),
            _ => {}
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[\(\[]((?:provisionally |tentatively |)agreed(?: ad ref)?|ad ref|suggested for (?:closure|deletion)|pending|deleted|withdrawn|new|closed|under (?:discussion|negotiation)|as orally (?:revised|amended))[\)\]]\s*$").unwrap()
});

/// Classify the joined paragraphs: numbered → operative, lettered after an operative →
/// sub-paragraph, unnumbered before the first operative → preambular, short unpunctuated
/// lines before a numbered paragraph → headings.
fn classify(raw: Vec<RawPara>, report: &mut Report) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut seen_operative = false;
    for (i, p) in raw.iter().enumerate() {
        let (text, status) = split_status(&p.text);
        let next_numbered = raw.get(i + 1).is_some_and(|n| split_number(&n.text).is_some() || is_heading_like(&n.text));
        let para = |kind, number: Option<&str>, text: &str| Para {
            kind,
            number: number.map(String::from),
            text: text.to_string(),
            line: p.line,
            status: status.clone(),
        };
        if let Some((n, rest)) = split_number(&text) {
            seen_operative = true;
            out.push(para(ParaKind::Operative, Some(n), rest));
        } else if let Some((l, rest)) = split_letter(&text).filter(|_| seen_operative) {
            out.push(para(ParaKind::Subparagraph, Some(l), rest));
        } else if is_heading_like(&text) && next_numbered {
            out.push(para(ParaKind::Heading, None, &text));
        } else if !seen_operative {
            out.push(para(ParaKind::Preambular, None, &text));
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

fn split_status(text: &str) -> (String, Option<String>) {
    match STATUS.captures(text) {
        Some(c) => (text[..c.get(0).map_or(text.len(), |m| m.start())].to_string(), Some(c[1].to_string())),
        None => (text.to_string(), None),
    }
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
fn check_numbering(paras: &[Para], report: &mut Report) {
    let mut last = 0u32;
    let mut last_letter: Option<u8> = None;
    for p in paras {
        let Some(number) = &p.number else { continue };
        match p.kind {
            ParaKind::Operative => {
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

fn check_footnote_sequence(defs: &[FootnoteDef], report: &mut Report) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers_need_a_full_stop_or_a_verb() {
        assert_eq!(split_number("12. Welcomes the report"), Some(("12", "Welcomes the report")));
        assert_eq!(split_number("1.Recalling"), Some(("1", "Recalling")));
        assert_eq!(split_number("12bis. Notes"), Some(("12bis", "Notes")));
        assert_eq!(split_number("2 October 2024, which"), None);
        assert_eq!(split_number("2.6 billion people"), None);
        assert_eq!(split_number("78/160 of 19 December"), None);
    }

    #[test]
    fn series_slug_takes_the_initials_of_the_proper_name() {
        let t = "Assessment of the progress made in the implementation of and follow-up to the outcomes of the World Summit on the Information Society";
        assert_eq!(series_slug(t), "wsis");
        assert_eq!(
            series_slug("Science, technology and innovation for development"),
            "science-technology-and-innovation-for-development"
        );
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
    }

    #[test]
    fn line_end_hyphens_are_kept_for_later_and_slashes_join_tight() {
        assert_eq!(join_lines("capacity-", "building"), format!("capacity{}building", repair::LINE_HYPHEN));
        assert_eq!(join_lines("Telecommunication/", "Information"), "Telecommunication/Information");
        assert_eq!(join_lines("high-level", "event"), "high-level event");
    }
}
