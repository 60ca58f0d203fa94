//! `agreed topics`: the taxonomy's assignments in words, for editors checking their rules.
//!
//! `--explain SYMBOL ANCHOR` shows, for one paragraph, every topic some rule spoke for or
//! against: the phrases with the words they matched, the section heading, the chapeau it
//! inherited from, manual tags, and the look-alikes or manual removals that cancelled a topic.
//! Without `--explain` it prints how many paragraphs each topic has in each resolution.

use std::fmt::Write;

use super::{explain, Evidence, Rejection, Taxonomy, TopicIndex};
use crate::model::Corpus;

/// The explanation of one paragraph, or an error naming what was not found.
pub fn explain_paragraph(corpus: &Corpus, taxonomy: &Taxonomy, symbol: &str, anchor: &str) -> Result<String, String> {
    let res = corpus.index_of(symbol).ok_or_else(|| format!("no resolution {symbol} in the content"))?;
    let p = corpus.find(symbol, anchor).ok_or_else(|| {
        let anchors: Vec<&str> = corpus.resolutions[res].paragraphs.iter().take(5).map(|p| p.anchor.as_str()).collect();
        format!("{symbol} has no paragraph `{anchor}` (anchors look like {}, …)", anchors.join(", "))
    })?;
    let r = &corpus.resolutions[res];
    let para = corpus.para(p);
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({}:{})", r.symbol, para.citation_label(), r.file.display(), para.line);
    if let Some(s) = para.section.and_then(|i| r.sections.get(i)) {
        let _ = writeln!(out, "section: {}", s.heading);
    }
    let _ = writeln!(out, "text: {}", excerpt(&para.text, 160));
    let traces = explain(corpus, taxonomy, p);
    let (on, off): (Vec<_>, Vec<_>) = traces.iter().partition(|t| t.assigned());
    let _ = writeln!(out, "\ntopics: {}", if on.is_empty() { "none".to_string() } else { on.len().to_string() });
    for t in on.iter().chain(off.iter()) {
        let topic = &taxonomy.topics[t.topic];
        let mark = if t.assigned() { "+" } else { "-" };
        let _ = writeln!(out, "{mark} {}  ({})", topic.slug, topic.name);
        for line in evidence_lines(&t.evidence, &para.text) {
            let _ = writeln!(out, "    {line}");
        }
        for r in &t.rejected {
            let _ = writeln!(out, "    {}", rejection_line(r, &para.text));
        }
    }
    if let Some(file) = &taxonomy.file {
        let _ = writeln!(out, "\nrules: {}", file.display());
    }
    Ok(out)
}

/// One line per rule: a phrase found several times is one line listing every place.
fn evidence_lines(evidence: &[Evidence], text: &str) -> Vec<String> {
    let mut lines: Vec<(Option<&str>, String)> = Vec::new();
    for e in evidence {
        match e {
            Evidence::Phrase { phrase, range } => {
                let place = format!("\"{}\" at {}..{}", slice(text, *range), range.0, range.1);
                match lines.iter_mut().find(|(p, _)| *p == Some(phrase.as_str())) {
                    Some((_, line)) => {
                        line.push_str(", ");
                        line.push_str(&place);
                    }
                    None => lines.push((Some(phrase), format!("phrase \"{phrase}\" matched {place}"))),
                }
            }
            Evidence::Context { phrase, range, heading } => lines.push((
                None,
                format!(
                    "phrase \"{phrase}\" matched \"{}\" at {}..{}, counted under the heading \"{heading}\"",
                    slice(text, *range),
                    range.0,
                    range.1
                ),
            )),
            Evidence::Section { heading, phrase } => {
                lines.push((None, format!("section \"{heading}\" (section rule \"{phrase}\")")))
            }
            Evidence::Inherited { from } => lines.push((None, format!("inherited from its chapeau, para. {from}"))),
            Evidence::Manual => lines.push((None, "manual tag +slug in the content".to_string())),
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

fn rejection_line(r: &Rejection, text: &str) -> String {
    match r {
        Rejection::Excluded { phrase, range, by, by_range } => format!(
            "excluded: phrase \"{phrase}\" matched \"{}\" inside the look-alike \"{by}\" (\"{}\")",
            slice(text, *range),
            slice(text, *by_range)
        ),
        Rejection::Removed => "removed by manual tag -slug in the content".to_string(),
    }
}

fn slice(text: &str, (s, e): (usize, usize)) -> &str {
    text.get(s..e).unwrap_or("")
}

fn excerpt(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Paragraph counts per topic and resolution, as a plain table.
pub fn summary(corpus: &Corpus, index: &TopicIndex) -> String {
    let mut out = String::new();
    let width = index.topics.iter().map(|t| t.slug.len()).max().unwrap_or(5).max(5);
    let _ = write!(out, "{:width$}", "topic");
    for r in &corpus.resolutions {
        let _ = write!(out, "  {:>14}", r.symbol);
    }
    let _ = writeln!(out);
    for (i, t) in index.topics.iter().enumerate() {
        let _ = write!(out, "{:width$}", t.slug);
        for res in 0..corpus.resolutions.len() {
            let _ = write!(out, "  {:>14}", index.count(i, res));
        }
        let _ = writeln!(out);
    }
    out
}
