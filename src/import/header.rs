//! The lines around the paragraphs: the header (number and title, "Resolution adopted by …",
//! the bracketed recommendation, the enacting formula) and the trailer (meeting and date).
//!
//! Only what a resolution prints is read; anything else in the header (web-site titles,
//! "Distr.: General") is dropped and reported.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_symbol_line, Line, Role};
use super::report::Report;

#[derive(Debug, Default, Clone)]
pub struct Header {
    pub title: Option<String>,
    /// `2025/18`, as printed before the title.
    pub number: Option<String>,
    /// The symbol printed as a line of its own (a running head or the page-1 symbol).
    pub symbol: Option<String>,
    pub body: Option<String>,
    pub date: Option<String>,
    pub recommendation: Option<String>,
    pub formula: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Trailer {
    pub meeting: Option<String>,
    pub date: Option<String>,
    /// Index of the first line after the meeting and date lines, where footnote lists start.
    pub after: Option<usize>,
}

static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^The (?:[A-Z][\w’'-]*(?: (?:and|on|of|for|the) | ))*(?:Council|Assembly|Conference|Commission|Board|Committee|Forum)\s*[,:]$")
        .unwrap()
});
static ADOPTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\badopted by the (.+?) on (\d{1,2} [A-Za-z]+ \d{4})").unwrap());
static NUMBER_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Resolution\s+)?(\d{2,4}/\d{1,4})\s*[.:]\s*(\S.*)$").unwrap());
static MEETING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\.?$").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2}) ([A-Za-z]+),? (\d{4})\.?$").unwrap());

/// `7 June 2023` → `2023-06-07`.
pub fn iso_date(text: &str) -> Option<String> {
    let c = DATE.captures(text.trim())?;
    let month = MONTHS.iter().position(|m| *m == c[2].to_lowercase())? + 1;
    let day: u32 = c[1].parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(format!("{}-{month:02}-{day:02}", &c[3]))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word.trim_end_matches(',').to_lowercase().as_str())
}

/// Read and mark the header: every line before the enacting formula, or before the first
/// line that opens a paragraph when no formula is printed.
pub fn read_header(lines: &mut [Line], report: &mut Report) -> Header {
    let end = header_end(lines);
    let mut h = Header::default();
    let mut i = 0;
    while i < end {
        i = read_header_line(lines, i, end, &mut h, report);
    }
    if let Some(f) = lines.get(end).filter(|l| FORMULA.is_match(&l.text)) {
        h.formula = Some(f.text.clone());
        h.body = h.body.take().or_else(|| Some(formula_body(&f.text)));
        lines[end].role = Role::Header;
    }
    h
}

fn formula_body(formula: &str) -> String {
    formula.trim_start_matches("The ").trim_end_matches([',', ':']).to_string()
}

fn header_end(lines: &[Line]) -> usize {
    let text = || lines.iter().enumerate().filter(|(_, l)| l.role == Role::Text).take(80);
    if let Some((i, _)) = text().find(|(_, l)| FORMULA.is_match(&l.text)) {
        return i;
    }
    text().find(|(_, l)| super::opener::opens_paragraph(&l.text)).map(|(i, _)| i).unwrap_or(0)
}

/// Read the header line at `i`; returns the index of the next unread line.
fn read_header_line(lines: &mut [Line], i: usize, end: usize, h: &mut Header, report: &mut Report) -> usize {
    if lines[i].role != Role::Text {
        return i + 1;
    }
    let text = lines[i].text.clone();
    lines[i].role = Role::Header;
    if let Some(c) = NUMBER_TITLE.captures(&text) {
        let (title, next) = continued(lines, i, end, c[2].to_string(), |_| false);
        h.number.get_or_insert(c[1].to_string());
        h.title.get_or_insert(title);
        return next;
    }
    if text.starts_with('[') {
        let (rec, next) = continued(lines, i, end, text.clone(), |t| t.ends_with(']'));
        h.recommendation.get_or_insert(rec);
        return next;
    }
    if let Some(c) = ADOPTED.captures(&text) {
        h.body.get_or_insert(c[1].to_string());
        h.date = h.date.take().or_else(|| iso_date(&c[2]));
    } else if is_symbol_line(&text) {
        h.symbol.get_or_insert(text.trim_end_matches('*').to_string());
    } else {
        report.repair(lines[i].no, "header-line", format!("dropped `{text}` before the text"));
    }
    i + 1
}

/// Join the lines that continue a header item (a title or recommendation wrapped over lines):
/// until a blank line, or until `done` says the item is complete.
fn continued(lines: &mut [Line], i: usize, end: usize, first: String, done: impl Fn(&str) -> bool) -> (String, usize) {
    let mut text = first;
    let mut j = i + 1;
    while j < end && lines[j].role == Role::Text && !done(&text) {
        text = format!("{text} {}", lines[j].text);
        lines[j].role = Role::Header;
        j += 1;
    }
    (text, j)
}

/// Read and mark the trailer: the last "Nth plenary meeting" line and the date under it.
pub fn read_trailer(lines: &mut [Line]) -> Trailer {
    let Some(m) = lines.iter().rposition(|l| l.role == Role::Text && MEETING.is_match(&l.text)) else {
        return date_only_trailer(lines);
    };
    let mut t = Trailer { meeting: Some(lines[m].text.trim_end_matches('.').to_string()), ..Default::default() };
    lines[m].role = Role::Trailer;
    let mut after = m + 1;
    if let Some(d) = (m + 1..lines.len()).find(|&j| lines[j].role == Role::Text) {
        if let Some(date) = iso_date(&lines[d].text) {
            t.date = Some(date);
            lines[d].role = Role::Trailer;
            after = d + 1;
        }
    }
    t.after = Some(after);
    t
}

/// Without a meeting line, a date standing alone after the last paragraph is still the date.
fn date_only_trailer(lines: &mut [Line]) -> Trailer {
    let last = lines.iter().rposition(|l| l.role == Role::Text);
    match last.and_then(|i| iso_date(&lines[i].text).map(|d| (i, d))) {
        Some((i, date)) => {
            lines[i].role = Role::Trailer;
            Trailer { meeting: None, date: Some(date), after: Some(i + 1) }
        }
        None => Trailer::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;
    use std::path::Path;

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("7 June 2023").as_deref(), Some("2023-06-07"));
        assert_eq!(iso_date("29 July 2025").as_deref(), Some("2025-07-29"));
        assert_eq!(iso_date("32 July 2025"), None);
        assert_eq!(iso_date("2 October 2024, which"), None);
    }

    #[test]
    fn header_reads_number_title_adoption_recommendation_and_formula() {
        let mut l = split("Resolutions and Declarations\n\nResolution adopted by the Economic and Social Council on 7 June 2023\n\n[on the recommendation of the Commission\n(E/2023/31)]\n\n2023/3. Assessment of the\nprogress\n\nThe Economic and Social Council,\n\nRecalling the outcome,");
        let mut r = Report::new(Path::new("t"));
        let h = read_header(&mut l, &mut r);
        assert_eq!(h.title.as_deref(), Some("Assessment of the progress"));
        assert_eq!(h.number.as_deref(), Some("2023/3"));
        assert_eq!(h.date.as_deref(), Some("2023-06-07"));
        assert_eq!(h.body.as_deref(), Some("Economic and Social Council"));
        assert_eq!(h.recommendation.as_deref(), Some("[on the recommendation of the Commission (E/2023/31)]"));
        assert_eq!(h.formula.as_deref(), Some("The Economic and Social Council,"));
        assert_eq!(l.last().unwrap().role, Role::Text);
        assert_eq!(r.repairs_by("header-line").len(), 1);
    }

    #[test]
    fn trailer_reads_the_meeting_and_the_date() {
        let mut l = split("1. Decides;\n\n39th plenary meeting\n29 July 2025\n\n1. See A/1.");
        let t = read_trailer(&mut l);
        assert_eq!(t.meeting.as_deref(), Some("39th plenary meeting"));
        assert_eq!(t.date.as_deref(), Some("2025-07-29"));
        assert_eq!(t.after, Some(4));
    }
}
