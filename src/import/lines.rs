//! The raw text as numbered lines, normalised, each with the role the later passes give it
//! (text, header, page furniture, footnote …), and the page each line stands on.
//!
//! Lines keep their source number for the report. Normalising makes every later pattern
//! simpler: one kind of line end, one kind of space, no runs of spaces, no invisible
//! characters. Whether a line was indented is remembered, because in PDF extractions the first
//! line of a page often keeps a stray leading space: a page boundary nothing else marks.

use std::sync::LazyLock;

use regex::Regex;

use super::report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Blank,
    Header,
    Trailer,
    /// Page numbers, running heads, URL lines, web-site chrome.
    Furniture,
    Footnote,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    pub text: String,
    pub indented: bool,
    pub role: Role,
    pub page: usize,
}

/// Split and normalise.
pub fn split(text: &str) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n').enumerate().map(|(i, raw)| line(i + 1, raw)).collect()
}

fn line(no: usize, raw: &str) -> Line {
    let mut text = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{2002}' | '\u{2003}' | '\t' => text.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\u{2060}' => {}
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    let indented = text.starts_with(' ');
    let text = collapse_spaces(text.trim());
    let role = if text.is_empty() { Role::Blank } else { Role::Text };
    Line { no, text, indented, role, page: 0 }
}

/// Runs of spaces become one space.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Is the text hard-wrapped like a PDF extraction (rather than one paragraph a line)?
pub fn looks_wrapped(lines: &[Line]) -> bool {
    let lengths: Vec<usize> = lines.iter().filter(|l| l.role == Role::Text).map(|l| l.text.chars().count()).collect();
    if lengths.len() < 4 {
        return false;
    }
    let long = lengths.iter().filter(|n| **n > 130).count();
    long * 5 < lengths.len()
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,3}\s*/\s*\d{1,3}|page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-\s*\d{1,3}\s*-|\d{1,3})$")
        .unwrap()
});
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:https?://|www\.)\S*$").unwrap());
static SYMBOL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{1,3}(?:/[A-Z0-9.]+(?:\([A-Z0-9-]+\))?){2,5}(?:\*)?$").unwrap());

/// Lines of web-site chrome that are never part of a resolution (compared in lower case).
const CHROME: &[&str] = &[
    "resolutions and declarations",
    "advertisement",
    "share",
    "share this",
    "share this page",
    "print",
    "print this page",
    "email",
    "e-mail",
    "tweet",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "copy link",
    "skip to main content",
    "back to top",
    "top of page",
    "menu",
    "home",
    "search",
    "download",
    "download pdf",
    "pdf",
    "related documents",
    "you are here",
    "cookie settings",
    "accept cookies",
];

pub fn is_page_number(text: &str) -> bool {
    PAGE_NUMBER.is_match(text)
}

pub fn is_symbol_line(text: &str) -> bool {
    SYMBOL_LINE.is_match(text)
}

fn is_chrome(text: &str) -> bool {
    let lower = text.trim_end_matches([':', '.']).to_lowercase();
    CHROME.contains(&lower.as_str()) || lower.starts_with("share on ") || lower.starts_with("©")
}

/// Mark page numbers, URL lines, running heads and chrome as furniture. `title` is the
/// resolution's title: a running head repeats it (often broken over two lines). Returns the
/// symbols printed as running heads, in order.
pub fn mark_furniture(lines: &mut [Line], title: &str, report: &mut Report) -> Vec<String> {
    let title_key = key(title);
    let mut symbols = Vec::new();
    let mut after_symbol = 0usize;
    for l in lines.iter_mut().filter(|l| matches!(l.role, Role::Text | Role::Blank)) {
        if l.role == Role::Blank {
            continue;
        }
        let t = l.text.as_str();
        let running_title = after_symbol > 0 && t.len() >= 8 && title_key.contains(&key(t));
        let rule = if is_page_number(t) {
            Some("page-number")
        } else if URL_LINE.is_match(t) {
            Some("url-line")
        } else if is_symbol_line(t) {
            after_symbol = 4;
            symbols.push(t.trim_end_matches('*').to_string());
            Some("running-head")
        } else if running_title {
            Some("running-head")
        } else if is_chrome(t) {
            Some("site-chrome")
        } else {
            None
        };
        after_symbol = after_symbol.saturating_sub(1);
        if let Some(rule) = rule {
            report.repair(l.no, rule, format!("dropped `{}`", l.text));
            l.role = Role::Furniture;
        }
    }
    symbols
}

/// Lower-case letters and digits only: compares a running head with the title whatever the
/// extractor did to spaces and punctuation.
pub fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Number the pages. A page ends where page furniture or a footnote block stands between two
/// runs of text, and — when `indent_breaks` — where a text line keeps a stray leading space.
/// Footnote lines belong to the page whose text precedes them.
pub fn assign_pages(lines: &mut [Line], indent_breaks: bool) {
    let mut page = 0;
    let mut gap_has_furniture = false;
    let mut previous_text = false;
    for l in lines.iter_mut() {
        match l.role {
            Role::Text => {
                if gap_has_furniture || (indent_breaks && l.indented && previous_text) {
                    page += 1;
                }
                gap_has_furniture = false;
                previous_text = true;
            }
            Role::Furniture | Role::Footnote => {
                gap_has_furniture = true;
                previous_text = false;
            }
            Role::Blank => {}
            Role::Header | Role::Trailer => previous_text = false,
        }
        l.page = page;
    }
}

/// Should a stray leading space be read as a page boundary? Only in wrapped text, and only
/// when such lines are rare; in an extraction that indents every paragraph they mean nothing.
pub fn indent_marks_pages(lines: &[Line]) -> bool {
    let text: Vec<&Line> = lines.iter().filter(|l| l.role == Role::Text).collect();
    let indented = text.iter().filter(|l| l.indented).count();
    looks_wrapped(lines) && indented > 0 && indented * 12 < text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn normalising_turns_odd_spaces_into_single_spaces_and_remembers_indentation() {
        let l = split(" 1.\u{a0}\u{a0}Welcomes\tthe  report\u{200b}\r\n");
        assert_eq!(l[0].text, "1. Welcomes the report");
        assert!(l[0].indented);
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn page_numbers_urls_symbols_and_title_heads_are_furniture() {
        let mut l = split("2/18\nPage 3 of 5\nhttps://docs.un.org/en/A/RES/70/125\nE/RES/2025/18\nAssessment of the progress\nText stays");
        let mut r = Report::new(Path::new("t"));
        mark_furniture(&mut l, "Assessment of the progress made", &mut r);
        let roles: Vec<Role> = l.iter().map(|l| l.role).collect();
        assert_eq!(roles[..5], [Role::Furniture; 5]);
        assert_eq!(roles[5], Role::Text);
        assert_eq!(r.repairs_by("running-head").len(), 2);
    }

    #[test]
    fn site_chrome_is_dropped_but_a_sentence_mentioning_it_is_not() {
        let mut l = split("Share\nadvertisement\nRecalling the share of women,");
        let mut r = Report::new(Path::new("t"));
        mark_furniture(&mut l, "T", &mut r);
        assert_eq!(l[0].role, Role::Furniture);
        assert_eq!(l[1].role, Role::Furniture);
        assert_eq!(l[2].role, Role::Text);
    }

    #[test]
    fn pages_break_at_furniture_and_at_rare_indented_lines() {
        let mut l = split("a\nb\n\n2/18\n\nc\n d\ne");
        l[3].role = Role::Furniture;
        assign_pages(&mut l, true);
        let pages: Vec<usize> = l.iter().filter(|l| l.role == Role::Text).map(|l| l.page).collect();
        assert_eq!(pages, [0, 0, 1, 2, 2]);
    }
}
