//! The pipeline of passes ([`read_document`]) and what it produces: a [`Document`] with the
//! front matter and the classified paragraphs. The passes themselves live in their modules;
//! here are the few steps that need several of their results at once (footnote pages,
//! inline footnotes, markers resolved into labels) and the front-matter decisions.

use std::sync::LazyLock;

use anyhow::{bail, Result};
use regex::Regex;

use super::footnotes::{self, FootnoteDef};
use super::header::{self, Header, Trailer};
use super::lines::{self, Line};
use super::markers::{self, Resolution, CLOSE, OPEN, RESOLVED};
use super::repair;
use super::report::Report;
use super::{classify, join};

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
    let mut raw = join::join(&lines, wrapped, report);
    lift_inline_footnotes(&mut raw, &markers, &mut defs, report);
    let resolutions = markers::assign(&markers, &defs, report);
    for p in &mut raw {
        p.text = resolve_placeholders(&p.text, &markers, &resolutions);
    }
    repair::run(&mut raw, &mut defs, report);
    let paragraphs = classify::classify(raw, report);
    classify::check_numbering(&paragraphs, report);
    classify::check_footnote_sequence(&defs, report);
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

static INLINE_FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{OPEN}(\d+){CLOSE} ((?:See |Ibid|General Assembly resolution|Official Records|[A-Z]{{1,2}}/\d)[^{OPEN}]*?\.)(?: |$)"
    ))
    .unwrap()
});

/// Footnote text printed right after its marker (web copies that inline the note):
/// `Society,¹ See A/C.2/59/3 and A/60/687.` The text becomes the footnote, unless the
/// footnote is printed elsewhere too.
fn lift_inline_footnotes(
    raw: &mut [RawPara],
    markers: &[markers::Marker],
    defs: &mut Vec<FootnoteDef>,
    report: &mut Report,
) {
    for p in raw.iter_mut() {
        let line = p.line;
        let text = INLINE_FOOTNOTE.replace_all(&p.text, |c: &regex::Captures| {
            let marker = c[1].parse::<usize>().ok().and_then(|id| markers.get(id));
            let label: Option<u32> = marker.and_then(|m| m.digits.as_deref()?.parse().ok());
            match label.filter(|l| !defs.iter().any(|d| d.label == *l)) {
                Some(label) => {
                    report.repair(
                        line,
                        "inline-footnote",
                        format!("footnote {label} lifted out of the text: `{}`", &c[2]),
                    );
                    defs.push(FootnoteDef { label, text: c[2].to_string(), line, page: None });
                    format!("{OPEN}{}{CLOSE} ", &c[1])
                }
                None => c[0].to_string(),
            }
        });
        p.text = text.trim_end().to_string();
    }
    defs.sort_by_key(|d| d.label);
}

/// A page-foot footnote belongs to the page of the text above it.
fn set_def_pages(defs: &mut [FootnoteDef], lines: &[Line]) {
    for d in defs.iter_mut() {
        // Line numbers are 1-based positions in `lines`.
        d.page = lines.get(d.line.wrapping_sub(1)).filter(|l| l.no == d.line).map(|l| l.page);
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
    const LINKS: &[&str] = &["on", "the", "of", "for", "in"];
    let mut best: Vec<&str> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for w in title.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()) {
        if w.starts_with(|c: char| c.is_uppercase()) {
            run.push(w);
        } else if !LINKS.contains(&w) || run.is_empty() {
            run.clear();
        }
        if run.len() > best.len() {
            best = run.clone();
        }
    }
    if best.len() >= 4 {
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
    /// Printed as a bullet (`- Expresses …`): a web copy that lost the paragraph number.
    pub bullet: bool,
    /// A draft's status tag found on its lines.
    pub status: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_slug_takes_the_initials_of_the_proper_name() {
        let t = "Assessment of the progress made in the implementation of and follow-up to the outcomes of the World Summit on the Information Society";
        assert_eq!(series_slug(t), "wsis");
        assert_eq!(
            series_slug("Science, technology and innovation for development"),
            "science-technology-and-innovation-for-development"
        );
    }
}
