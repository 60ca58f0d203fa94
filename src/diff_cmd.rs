//! `agreed diff SYMBOL_A SYMBOL_B`: two resolutions compared paragraph by paragraph in the
//! terminal, like a negotiator's comparison table.
//!
//! Each paragraph of B is shown with its relation to A (`same`, `amended`, `new`, `moved`) and
//! the word-level redline against its version in A; A's paragraphs that B does not carry are
//! listed at the end as dropped. When A is an earlier resolution of B's series the lineages
//! decide the pairs (so editors' overrides count, and versions are followed across the years in
//! between); otherwise the two texts are aligned directly. Colour is used when stdout is a
//! terminal (`--color auto`, the default, honouring `NO_COLOR`) or with `--color always`; piped
//! output marks changes as `[-removed-]{+added+}` instead.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};

use anyhow::{bail, Context, Result};

use crate::cli::DiffArgs;
use crate::config::Config;
use crate::lineage::diff::{word_diff, Segment};
use crate::lineage::{align, align_resolutions, longest_increasing, text::same_words, Lineages, Overrides};
use crate::model::{Corpus, ParaRef};

/// How changes are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours: removed red and struck through, added green and underlined.
    Color,
    /// `[-removed-]{+added+}`, for pipes and files.
    Plain,
}

impl Style {
    /// `auto`, `always` or `never`.
    pub fn from_choice(choice: &str) -> Result<Style> {
        match choice {
            "always" => Ok(Style::Color),
            "never" => Ok(Style::Plain),
            "auto" if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() => Ok(Style::Color),
            "auto" => Ok(Style::Plain),
            other => bail!("--color must be auto, always or never, not {other:?}"),
        }
    }
}

/// Run the command: load the content, compare, print.
pub fn run(args: &DiffArgs) -> Result<()> {
    let style = Style::from_choice(&args.color)?;
    let config = Config::load(&args.site.root, None, None)?;
    let corpus = crate::content::load(&config.content_dir)?;
    let overrides = Overrides::load(&config.content_dir)?;
    let (lineages, warnings) = align(&corpus, &overrides);
    for w in &warnings {
        eprintln!("{w}");
    }
    let text = compare(&corpus, &lineages, &args.from, &args.to, style)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).context("cannot write to stdout")?;
    Ok(())
}

/// One paragraph of B and where it comes from in A.
struct Row {
    new: usize,
    old: Option<usize>,
    moved: bool,
}

/// The comparison of resolution `from` (A) with `to` (B) as text.
pub fn compare(corpus: &Corpus, lineages: &Lineages, from: &str, to: &str, style: Style) -> Result<String> {
    let a = resolution_index(corpus, from)?;
    let b = resolution_index(corpus, to)?;
    let rows = if a < b && corpus.resolutions[a].series == corpus.resolutions[b].series {
        rows_from_lineages(corpus, lineages, a, b)
    } else {
        let pair = align_resolutions(&corpus.resolutions[a], &corpus.resolutions[b]);
        pair.matches.iter().enumerate().map(|(new, m)| Row { new, old: m.map(|m| m.old), moved: false }).collect()
    };
    let rows = mark_moved(rows);
    Ok(render(corpus, a, b, &rows, style))
}

fn resolution_index(corpus: &Corpus, symbol: &str) -> Result<usize> {
    corpus.index_of(symbol).with_context(|| {
        let known: Vec<&str> = corpus.resolutions.iter().map(|r| r.symbol.as_str()).collect();
        format!("no resolution {symbol} in the content (known: {})", known.join(", "))
    })
}

/// Pairs by lineage: the version of each paragraph of B in A, however many years apart.
fn rows_from_lineages(corpus: &Corpus, lineages: &Lineages, a: usize, b: usize) -> Vec<Row> {
    (0..corpus.resolutions[b].paragraphs.len())
        .map(|new| {
            let old = lineages.version_in(ParaRef { res: b, para: new }, a).map(|p| p.para);
            Row { new, old, moved: false }
        })
        .collect()
}

/// A pair is moved when it is not on the longest run of pairs whose order is kept.
fn mark_moved(mut rows: Vec<Row>) -> Vec<Row> {
    let paired: Vec<(usize, usize)> = rows.iter().enumerate().filter_map(|(i, r)| r.old.map(|o| (i, o))).collect();
    let olds: Vec<usize> = paired.iter().map(|&(_, o)| o).collect();
    let keep = longest_increasing(&olds);
    for (k, &(i, _)) in paired.iter().enumerate() {
        rows[i].moved = !keep[k];
    }
    rows
}

fn render(corpus: &Corpus, a: usize, b: usize, rows: &[Row], style: Style) -> String {
    let (ra, rb) = (&corpus.resolutions[a], &corpus.resolutions[b]);
    let mut out = String::new();
    let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    let same = |r: &Row| r.old.is_some_and(|o| same_words(&ra.paragraphs[o].text, &rb.paragraphs[r.new].text));
    let mut carried = vec![false; ra.paragraphs.len()];
    rows.iter().filter_map(|r| r.old).for_each(|o| carried[o] = true);
    let dropped: Vec<usize> = (0..carried.len()).filter(|&o| !carried[o]).collect();
    let _ = writeln!(
        out,
        "{} {} → {} {}: {} paragraphs: {} same, {} amended, {} new, {} moved; {} dropped",
        ra.symbol,
        ra.date,
        rb.symbol,
        rb.date,
        rows.len(),
        count(&|r| same(r)),
        count(&|r| r.old.is_some() && !same(r)),
        count(&|r| r.old.is_none()),
        count(&|r| r.moved),
        dropped.len()
    );
    for r in rows {
        let p = &rb.paragraphs[r.new];
        let relation = match r.old {
            None => "new",
            Some(_) if same(r) => "same",
            Some(_) => "amended",
        };
        let was = r.old.map(|o| format!("  ← {}", ra.paragraphs[o].anchor)).unwrap_or_default();
        let moved = if r.moved { ", moved" } else { "" };
        let _ = writeln!(out, "\n{}", heading(&format!("{:<6} {relation}{moved}{was}", p.anchor), style));
        if relation != "same" {
            let old_text = r.old.map(|o| ra.paragraphs[o].text.as_str()).unwrap_or("");
            let _ = writeln!(out, "       {}", redline(&word_diff(old_text, &p.text), style));
        }
    }
    if !dropped.is_empty() {
        let _ = writeln!(out, "\n{}", heading(&format!("Dropped from {}:", ra.symbol), style));
        for o in dropped {
            let p = &ra.paragraphs[o];
            let _ = writeln!(out, "\n{}", heading(&format!("{:<6} dropped", p.anchor), style));
            let _ = writeln!(out, "       {}", redline(&[Segment::Removed(p.text.clone())], style));
        }
    }
    out
}

fn heading(text: &str, style: Style) -> String {
    match style {
        Style::Color => format!("\x1b[1m{text}\x1b[0m"),
        Style::Plain => text.to_string(),
    }
}

/// A redline as terminal text.
pub fn redline(segments: &[Segment], style: Style) -> String {
    let mut out = String::new();
    for s in segments {
        match (s, style) {
            (Segment::Same(t), _) => out.push_str(t),
            (Segment::Removed(t), Style::Color) => {
                let _ = write!(out, "\x1b[9;31m{t}\x1b[0m");
            }
            (Segment::Added(t), Style::Color) => {
                let _ = write!(out, "\x1b[4;32m{t}\x1b[0m");
            }
            (Segment::Removed(t), Style::Plain) => {
                let _ = write!(out, "[-{t}-]");
            }
            (Segment::Added(t), Style::Plain) => {
                let _ = write!(out, "{{+{t}+}}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_redline_marks_changes_with_brackets() {
        let d = word_diff("Welcomes the report", "Recalls the report");
        assert_eq!(redline(&d, Style::Plain), "[-Welcomes-]{+Recalls+} the report");
        assert!(redline(&d, Style::Color).contains("\x1b[9;31mWelcomes\x1b[0m"));
    }

    #[test]
    fn colour_choice_is_checked() {
        assert_eq!(Style::from_choice("never").unwrap(), Style::Plain);
        assert_eq!(Style::from_choice("always").unwrap(), Style::Color);
        assert!(Style::from_choice("sometimes").is_err());
    }
}
