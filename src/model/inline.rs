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
    if let Some(runs) = without_markup(markdown) {
        return runs;
    }
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

/// The runs of a paragraph that holds no Markdown but, perhaps, its italic opening words
/// (`*Recalling* its resolution …`): most paragraphs of a resolution. Their runs are known
/// without running the parser, which was a quarter of the time of loading a large corpus.
/// `None` when the text has anything the parser might read differently; a property test
/// checks that both ways agree.
fn without_markup(markdown: &str) -> Option<Vec<Inline>> {
    // Everything that can start inline markup, a block, an entity, an escape or a line break.
    let special = |b: u8| {
        matches!(
            b,
            b'*' | b'_'
                | b'`'
                | b'['
                | b']'
                | b'!'
                | b'<'
                | b'>'
                | b'&'
                | b'\\'
                | b'\n'
                | b'\r'
                | b'\t'
                | b'#'
                | b'|'
                | b'~'
        )
    };
    let plain = |t: &str| !t.bytes().any(special);
    let first = markdown.chars().next()?;
    if let Some(after) = markdown.strip_prefix('*') {
        let end = after.find('*')?;
        let (opener, rest) = (&after[..end], &after[end + 1..]);
        let alphanumeric_ends = opener.chars().next()?.is_alphanumeric() && opener.chars().last()?.is_alphanumeric();
        if !alphanumeric_ends || !plain(opener) || !plain(rest) {
            return None;
        }
        return Some(tidy(vec![Inline::Emph(opener.to_string()), Inline::Text(rest.to_string())]));
    }
    // A leading digit, `-`, `+` or `=` may start a list or a heading underline.
    if first.is_whitespace() || first.is_ascii_digit() || "-+=".contains(first) || !plain(markdown) {
        return None;
    }
    Some(tidy(vec![Inline::Text(markdown.to_string())]))
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
        let t = if is_tidy(&s, last_space) {
            if !s.is_empty() {
                last_space = s.ends_with(' ');
            }
            s
        } else {
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
            t
        };
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

/// Whether `s` is already tidy: its only whitespace single spaces, none at the start when the
/// text before ended with one. Most runs are, and are then kept as they are.
fn is_tidy(s: &str, mut last_space: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = if b < 0x80 {
            i += 1;
            if b.is_ascii_whitespace() || b == 0x0b {
                if b != b' ' {
                    return false;
                }
                true
            } else {
                false
            }
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_whitespace() {
                return false;
            }
            false
        };
        if space && last_space {
            return false;
        }
        last_space = space;
    }
    true
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

    proptest::proptest! {
        #[test]
        fn text_without_markup_reads_as_the_parser_reads_it(text in "[*_a-cA-C1 ,.;:()’“\\[\\]^<&#=+-]{0,24}") {
            if let Some(fast) = without_markup(&text) {
                proptest::prop_assert_eq!(fast, parse_inline_slowly(&text), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn italic_openers_read_as_the_parser_reads_them(text in "\\*[a-cA-C][a-c ,.’-]{0,6}[a-cA-C]\\*[a-cA-C1 ,.;:()’“=+-]{0,20}") {
            let fast = without_markup(&text);
            proptest::prop_assert!(fast.is_some(), "{:?}", text);
            proptest::prop_assert_eq!(fast.unwrap(), parse_inline_slowly(&text), "{:?}", text);
        }
    }

    /// What the parser makes of a text, without the shortcut.
    fn parse_inline_slowly(text: &str) -> Vec<Inline> {
        // A footnote reference of a label nobody uses keeps the shortcut from applying.
        let marked = format!("{text}[^zz]");
        let mut runs = parse_inline(&marked);
        if let Some(Inline::FootnoteRef(_)) = runs.last() {
            runs.pop();
        }
        tidy(runs)
    }

    #[test]
    fn italic_openers_and_plain_text_skip_the_parser() {
        assert_eq!(
            without_markup("*Recalling also*  the outcome, and  more "),
            Some(vec![Inline::Emph("Recalling also".into()), Inline::Text(" the outcome, and more".into())])
        );
        assert_eq!(without_markup("Welcomes the report."), Some(vec![Inline::Text("Welcomes the report.".into())]));
        for markup in ["*Notes* the [^1]", "*Notes *the", "1. first", "- item", "a & b", "a <b>", "a_b_", "*x*y`z`"] {
            assert_eq!(without_markup(markup), None, "{markup}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tidy_runs_are_kept_and_others_collapsed(a in "[a ’\u{a0}\t\n]{0,12}", b in "[b ’\u{2009}]{0,12}") {
            let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let runs = tidy(vec![Inline::Emph(a.clone()), Inline::Text(b.clone())]);
            proptest::prop_assert_eq!(plain_text(&runs), collapse(&format!("{a}{b}")));
        }
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
