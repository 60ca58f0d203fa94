//! The text of a paragraph as a short list of runs: plain, italic, bold, footnote reference.
//!
//! The content is Markdown, read with pulldown-cmark. A resolution needs very little markup
//! (the italic opening verb, footnote markers), so everything else is kept as plain text:
//! raw HTML in a paragraph is text that the renderer escapes, never markup that runs.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Inline {
    Text(String),
    Emph(String),
    Strong(String),
    FootnoteRef(String),
}

/// Parse the Markdown text of one paragraph or footnote.
pub fn parse_inline(markdown: &str) -> Vec<Inline> {
    // pulldown-cmark only reports `[^x]` as a reference when a definition exists, and the
    // definitions live elsewhere in the file, so give each label a throwaway definition here.
    let mut source = markdown.to_string();
    for label in footnote_labels(markdown) {
        source.push_str(&format!("\n\n[^{label}]: _\n"));
    }
    let mut out: Vec<Inline> = Vec::new();
    let (mut emph, mut strong, mut in_definition) = (0u32, 0u32, false);
    for event in Parser::new_ext(&source, Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_definition = true,
            Event::End(TagEnd::FootnoteDefinition) => in_definition = false,
            _ if in_definition => {}
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) if !out.is_empty() => {
                push_text(&mut out, " ", 0, 0)
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_text(&mut out, &t, emph, strong)
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut out, " ", emph, strong),
            Event::FootnoteReference(label) => out.push(Inline::FootnoteRef(label.to_string())),
            _ => {}
        }
    }
    tidy(out)
}

/// Labels of `[^label]` references in order of first appearance.
pub fn footnote_labels(markdown: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                let label = after[..end].to_string();
                if !after[end + 1..].starts_with(':') && !labels.contains(&label) {
                    labels.push(label);
                }
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    labels
}

fn push_text(out: &mut Vec<Inline>, text: &str, emph: u32, strong: u32) {
    let make = |s: String| match (emph > 0, strong > 0) {
        (_, true) => Inline::Strong(s),
        (true, false) => Inline::Emph(s),
        _ => Inline::Text(s),
    };
    let same_kind = matches!(
        (out.last(), emph > 0, strong > 0),
        (Some(Inline::Strong(_)), _, true)
            | (Some(Inline::Emph(_)), true, false)
            | (Some(Inline::Text(_)), false, false)
    );
    match out.last_mut() {
        Some(Inline::Text(s) | Inline::Emph(s) | Inline::Strong(s)) if same_kind => s.push_str(text),
        _ => out.push(make(text.to_string())),
    }
}

/// Collapse runs of whitespace and trim the ends, so the plain text is what the page prints.
fn tidy(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    let mut last_space = true;
    for run in runs {
        let (s, rebuild): (String, fn(String) -> Inline) = match run {
            Inline::FootnoteRef(l) => {
                out.push(Inline::FootnoteRef(l));
                continue;
            }
            Inline::Text(s) => (s, Inline::Text),
            Inline::Emph(s) => (s, Inline::Emph),
            Inline::Strong(s) => (s, Inline::Strong),
        };
        let mut t = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_whitespace() {
                if !last_space {
                    t.push(' ');
                }
                last_space = true;
            } else {
                t.push(c);
                last_space = false;
            }
        }
        if !t.is_empty() {
            out.push(rebuild(t));
        }
    }
    // Drop the trailing space, which may sit before a final footnote reference.
    if let Some(i) = out.iter().rposition(|r| !matches!(r, Inline::FootnoteRef(_))) {
        if let Inline::Text(s) | Inline::Emph(s) | Inline::Strong(s) = &mut out[i] {
            if s.ends_with(' ') {
                s.pop();
            }
            if s.is_empty() {
                out.remove(i);
            }
        }
    }
    out
}

/// The plain text of runs: what `data/paragraphs.json` calls `text`.
pub fn plain_text(runs: &[Inline]) -> String {
    let mut s = String::new();
    for r in runs {
        if let Inline::Text(t) | Inline::Emph(t) | Inline::Strong(t) = r {
            s.push_str(t);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_opening_verb_and_footnote_reference() {
        let runs = parse_inline("*Recalling also* the outcome,[^1] and\n  more");
        assert_eq!(
            runs,
            vec![
                Inline::Emph("Recalling also".into()),
                Inline::Text(" the outcome,".into()),
                Inline::FootnoteRef("1".into()),
                Inline::Text(" and more".into()),
            ]
        );
        assert_eq!(plain_text(&runs), "Recalling also the outcome, and more");
    }

    #[test]
    fn raw_html_stays_text() {
        let runs = parse_inline("Notes <script>alert(1)</script> here");
        assert_eq!(plain_text(&runs), "Notes <script>alert(1)</script> here");
    }

    #[test]
    fn footnote_labels_skip_definitions() {
        assert_eq!(footnote_labels("a[^1] b[^x2] [^1]"), vec!["1", "x2"]);
        assert_eq!(footnote_labels("[^3]: def"), Vec::<String>::new());
    }
}
