//! Footnote markers in the running text, and which footnote each one refers to.
//!
//! A marker rarely survives copying intact. Web copies double its digits and glue them to the
//! word (`Society,11` for 1, `Group1111` for 11); PDF extractions turn the superscript into
//! stray characters (`Society,®`, `Action'?`, `Compact,’contributing`, `Commission;'4` for
//! 14). Each candidate is lifted out of its line and replaced by a placeholder; labels are then
//! assigned in one pass over the whole text, using what UN style guarantees: footnotes are
//! numbered in order of their markers, each number is used once, and a footnote is printed at
//! the foot of the page that carries its marker.

use std::collections::{BTreeMap, HashSet};

use super::footnotes::FootnoteDef;
use super::lines::{Line, Role};
use super::report::Report;

/// Placeholder delimiters in the text: `\u{E000}id\u{E001}` for a lifted marker, rewritten to
/// `\u{E003}label\u{E001}` once its label is known.
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';
pub const RESOLVED: char = '\u{E003}';

/// Characters a PDF extraction makes of a superscript number.
const SYMBOLS: &str = "?*®°!>%^~¹²³⁴⁵⁶⁷⁸⁹⁰†‡§¢™©";
const QUOTES: &str = "’'”\"‘";

#[derive(Debug, Clone)]
pub struct Marker {
    pub id: usize,
    pub line: usize,
    pub page: usize,
    /// The digits the marker shows, if any.
    pub digits: Option<String>,
    /// The text lifted out, to put back if this is not a marker after all.
    pub raw: String,
    /// A bare number after a space (`Group, 11 which`): only believed when it is exactly the
    /// next footnote number.
    pub spaced: bool,
}

/// Lift marker candidates out of the text lines.
pub fn lift(lines: &mut [Line]) -> Vec<Marker> {
    let mut markers = Vec::new();
    for l in lines.iter_mut().filter(|l| l.role == Role::Text) {
        let (text, found) = lift_line(&l.text, l.no, l.page, markers.len());
        l.text = text;
        markers.extend(found);
    }
    markers
}

fn lift_line(text: &str, line: usize, page: usize, first_id: usize) -> (String, Vec<Marker>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((end, start, spaced)) = candidate(&chars, i) {
            let raw: String = chars[start..end].iter().collect();
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            let id = first_id + found.len();
            if start < i {
                out.pop();
            }
            out.push_str(&format!("{OPEN}{id}{CLOSE}"));
            found.push(Marker { id, line, page, digits: (!digits.is_empty()).then_some(digits), raw, spaced });
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (out, found)
}

/// A marker candidate starting at `i`: `(end, start, spaced)`; `start` is `i - 1` when a
/// space before the marker goes with it.
fn candidate(c: &[char], i: usize) -> Option<(usize, usize, bool)> {
    let prev = *c.get(i.checked_sub(1)?)?;
    if prev == ' ' {
        return spaced_candidate(c, i);
    }
    if !attaches_after(c, i - 1, c[i].is_ascii_digit()) {
        return None;
    }
    if c[i].is_ascii_digit() {
        return digit_candidate(c, i).map(|end| (end, i, false));
    }
    symbol_candidate(c, i).map(|end| (end, i, false))
}

/// Can a marker follow the character at `p`? After a lower-case letter or closing
/// punctuation, not after a digit, an upper-case letter (`G77`, `P2C`) or a connector. Digits
/// after a comma that follows a digit continue a number (`1,014`).
fn attaches_after(c: &[char], p: usize, digits: bool) -> bool {
    let ch = c[p];
    let before_is_digit = p > 0 && c[p - 1].is_ascii_digit();
    match ch {
        ',' | '.' => !(digits && before_is_digit),
        ';' | ':' | '”' | ')' | ']' | '’' | '"' => true,
        _ => ch.is_lowercase(),
    }
}

fn digit_candidate(c: &[char], i: usize) -> Option<usize> {
    let end = (i..c.len()).find(|&k| !c[k].is_ascii_digit()).unwrap_or(c.len());
    if end - i > 4 || c[i - 1].is_alphabetic() && c.get(end).is_some_and(|n| n.is_alphabetic()) {
        return None;
    }
    let next = c.get(end).copied();
    let continues_number = matches!(next, Some('/' | '-' | '–' | '%'))
        || matches!(next, Some('.' | ',')) && c.get(end + 1).is_some_and(|n| n.is_ascii_digit());
    let value: u32 = c[i..end].iter().collect::<String>().parse().ok()?;
    let year = end - i == 4 && (1900..2100).contains(&value);
    (!continues_number && !year).then_some(end)
}

fn symbol_candidate(c: &[char], i: usize) -> Option<usize> {
    let in_cluster = |ch: char| SYMBOLS.contains(ch) || QUOTES.contains(ch) || ch.is_ascii_digit();
    let end = (i..c.len()).find(|&k| !in_cluster(c[k])).unwrap_or(c.len());
    let cluster = &c[i..end];
    if cluster.is_empty() || cluster.len() > 4 {
        return None;
    }
    let strong = cluster.iter().any(|ch| SYMBOLS.contains(*ch));
    let digits = cluster.iter().any(|ch| ch.is_ascii_digit());
    let prev = c[i - 1];
    let next = c.get(end).copied();
    let quote_marker = match cluster {
        [q] if QUOTES.contains(*q) => quote_is_marker(c, i, prev, next),
        _ => false,
    };
    (strong || digits && cluster.len() > 1 || quote_marker).then_some(end)
}

/// A single quote is a marker when it cannot be punctuation: `,’contributing` (after a comma,
/// glued to the next word) or `,” which` with no opening quote before it on the line.
fn quote_is_marker(c: &[char], i: usize, prev: char, next: Option<char>) -> bool {
    if !matches!(prev, ',' | ';') {
        return false;
    }
    match c[i] {
        '’' | '\'' => next.is_some_and(char::is_alphabetic),
        _ => !c[..i].contains(&'“') && next.is_none_or(|n| n == ' '),
    }
}

/// `Group, 11 which`: a bare number after `, ` and before a lower-case word.
fn spaced_candidate(c: &[char], i: usize) -> Option<(usize, usize, bool)> {
    if i < 2 || !matches!(c[i - 2], ',' | ';' | '”') {
        return None;
    }
    if c[i].is_ascii_digit() {
        let end = (i..c.len()).find(|&k| !c[k].is_ascii_digit()).unwrap_or(c.len());
        let followed = c.get(end) == Some(&' ') && c.get(end + 1).is_some_and(|n| n.is_lowercase());
        return (end - i <= 3 && followed).then_some((end, i - 1, true));
    }
    let end = (i..c.len()).find(|&k| !SYMBOLS.contains(c[k]) && !QUOTES.contains(c[k])).unwrap_or(c.len());
    let strong = c[i..end].iter().any(|ch| SYMBOLS.contains(*ch));
    let followed = c.get(end).is_none_or(|n| *n == ' ');
    (end > i && end - i <= 3 && strong && followed).then_some((end, i - 1, false))
}

/// What each marker turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A reference to this footnote label.
    Label(u32),
    /// Not a marker: put the raw text back.
    Restore,
    /// A marker to drop (a repeat, or a footnote whose text is missing).
    Drop,
}

/// Assign labels to markers in document order.
pub fn assign(markers: &[Marker], defs: &[FootnoteDef], report: &mut Report) -> BTreeMap<usize, Resolution> {
    let defined: HashSet<u32> = defs.iter().map(|d| d.label).collect();
    let mut used: HashSet<u32> = HashSet::new();
    let mut last = 0u32;
    let mut out = BTreeMap::new();
    for m in markers {
        let label = match &m.digits {
            Some(d) => read_digits(d, m.spaced, last, &defined),
            None => Some(page_label(m, defs, &used, last)),
        };
        let resolution = match label {
            None => Resolution::Restore,
            Some(n) if used.contains(&n) => {
                report.repair(
                    m.line,
                    "repeated-marker",
                    format!("dropped `{}`: footnote {n} is already referenced", m.raw),
                );
                Resolution::Drop
            }
            Some(n) if !defined.contains(&n) => {
                let what = format!(
                    "footnote {n} is referenced (`{}`) but its text is not in the source; marker dropped",
                    m.raw
                );
                report.uncertain(m.line, "footnote-text-missing", what);
                used.insert(n);
                last = last.max(n);
                Resolution::Drop
            }
            Some(n) => {
                if m.digits.as_deref() != Some(n.to_string().as_str()) {
                    report.repair(m.line, "footnote-marker", format!("read `{}` as footnote marker {n}", m.raw));
                }
                used.insert(n);
                last = last.max(n);
                Resolution::Label(n)
            }
        };
        out.insert(m.id, resolution);
    }
    for d in defs.iter().filter(|d| !used.contains(&d.label)) {
        report.uncertain(d.line, "footnote-unreferenced", format!("footnote {} has no marker in the text", d.label));
    }
    out
}

/// Read a marker that shows digits: as printed, doubled (`1111` → 11), or with its leading
/// digits lost (`'4` → 14), whichever continues the sequence.
fn read_digits(d: &str, spaced: bool, last: u32, defined: &HashSet<u32>) -> Option<u32> {
    let expected = last + 1;
    let whole: u32 = d.parse().ok()?;
    let half =
        (d.len() % 2 == 0 && d[..d.len() / 2] == d[d.len() / 2..]).then(|| d[..d.len() / 2].parse().ok()).flatten();
    let readings: Vec<u32> = [Some(whole), half].into_iter().flatten().collect();
    if spaced {
        return (whole == expected && defined.contains(&whole)).then_some(whole);
    }
    if readings.contains(&expected) {
        return Some(expected);
    }
    if last > 0 && readings.contains(&last) {
        return Some(last);
    }
    let exp = expected.to_string();
    if d.len() < exp.len() && exp.ends_with(d) {
        return Some(expected);
    }
    readings.into_iter().rev().find(|n| *n > last && *n <= last + 3 && defined.contains(n))
}

/// A marker without digits takes the first unused footnote printed on its page; with none
/// printed there, the next number in sequence.
fn page_label(m: &Marker, defs: &[FootnoteDef], used: &HashSet<u32>, last: u32) -> u32 {
    let on_page = defs.iter().filter(|d| d.page == Some(m.page) && d.label > last && !used.contains(&d.label));
    on_page.map(|d| d.label).min().unwrap_or(last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifted(text: &str) -> (String, Vec<String>) {
        let (t, m) = lift_line(text, 1, 0, 0);
        (t.replace(OPEN, "<").replace(CLOSE, ">"), m.into_iter().map(|m| m.raw).collect())
    }

    #[test]
    fn glued_digits_after_words_and_punctuation_are_candidates() {
        assert_eq!(lifted("the Society,11 and Rights22, and").1, ["11", "22"]);
        assert_eq!(lifted("held annually,99and recognizes").0, "held annually,<0>and recognizes");
    }

    #[test]
    fn numbers_that_belong_to_the_text_are_not_candidates() {
        for text in [
            "Partner2Connect (P2C)",
            "resolution 70/125 of 2015",
            "1,014 pledges",
            "WSIS+20 and COVID-19",
            "target 9.c",
            "(2022-2032)",
        ] {
            assert_eq!(lifted(text).1, Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn stray_symbols_and_quotes_in_marker_position_are_candidates() {
        assert_eq!(lifted("Human Rights,? and").1, ["?"]);
        assert_eq!(lifted("Action'? as").1, ["'?"]);
        assert_eq!(lifted("Compact,’contributing").1, ["’"]);
        assert_eq!(lifted("of Principles,” which").1, ["”"]);
        assert_eq!(lifted("Commission;'4").1, ["'4"]);
        assert_eq!(lifted("adopted on 23 November 2021,° and").1, ["°"]);
        assert_eq!(lifted("Development, !> with").0, "Development,<0> with");
    }

    #[test]
    fn apostrophes_and_closing_quotes_are_punctuation() {
        assert!(lifted("the world’s people and States’ efforts").1.is_empty());
        assert!(lifted("entitled “The age,” which").1.is_empty());
        assert!(lifted("entitled “Our world”, which").1.is_empty());
    }

    fn def(label: u32, page: Option<usize>) -> FootnoteDef {
        FootnoteDef { label, text: String::new(), line: 1, page }
    }

    fn marker(digits: Option<&str>, page: usize, spaced: bool) -> Marker {
        Marker { id: 0, line: 1, page, digits: digits.map(String::from), raw: digits.unwrap_or("®").into(), spaced }
    }

    #[test]
    fn doubled_digits_follow_the_sequence_and_repeats_are_dropped() {
        let defs: Vec<FootnoteDef> = (1..=12).map(|n| def(n, None)).collect();
        let mut ms: Vec<Marker> = ["11", "22", "33", "44", "55", "66", "77", "88", "99", "1010"]
            .iter()
            .map(|d| marker(Some(d), 0, false))
            .collect();
        ms.push(marker(Some("11"), 0, true));
        ms.push(marker(Some("1111"), 0, false));
        ms.push(marker(Some("95"), 0, true));
        for (i, m) in ms.iter_mut().enumerate() {
            m.id = i;
        }
        let mut r = Report::new(std::path::Path::new("t"));
        let got = assign(&ms, &defs, &mut r);
        assert_eq!(got[&0], Resolution::Label(1));
        assert_eq!(got[&9], Resolution::Label(10));
        assert_eq!(got[&10], Resolution::Label(11));
        assert_eq!(got[&11], Resolution::Drop);
        assert_eq!(got[&12], Resolution::Restore);
    }

    #[test]
    fn symbol_markers_take_the_footnotes_printed_on_their_page() {
        let defs = vec![def(12, Some(1)), def(14, Some(3))];
        let mut ms = vec![marker(None, 1, false), marker(None, 2, false), marker(Some("4"), 3, false)];
        for (i, m) in ms.iter_mut().enumerate() {
            m.id = i;
        }
        let mut r = Report::new(std::path::Path::new("t"));
        let got = assign(&ms, &defs, &mut r);
        assert_eq!(
            got.values().cloned().collect::<Vec<_>>(),
            [Resolution::Label(12), Resolution::Drop, Resolution::Label(14)]
        );
        assert_eq!(r.uncertainties[0].rule, "footnote-text-missing");
        assert!(r.uncertainties[0].detail.contains("footnote 13"));
    }
}
