//! The content file, in the format of `docs/content-format.md`: TOML front matter, one block
//! per paragraph (on one line, so a diff shows a changed paragraph as one changed line), the
//! opening words in italics, markers as `[^N]`, footnote texts at the end.

use std::fmt::Write;

use super::body::{Document, Para, ParaKind};
use super::markers::{CLOSE, RESOLVED};
use super::opener::{opening, Part};

/// Render the whole content file.
pub fn content(doc: &Document, source: &str) -> String {
    let mut out = front_matter(doc, source);
    for p in &doc.paragraphs {
        out.push('\n');
        out.push_str(&paragraph(p));
        out.push('\n');
        if let Some(status) = &p.status {
            let _ = writeln!(out, "{{: status=\"{}\"}}", status.replace('"', "'"));
        }
    }
    for d in &doc.footnotes {
        let _ = write!(out, "\n[^{}]: {}\n", d.label, escape(&d.text));
    }
    out
}

fn front_matter(doc: &Document, source: &str) -> String {
    let mut out = String::from("+++\n");
    let fields = [
        ("symbol", Some(doc.symbol.as_str())),
        ("series", Some(doc.series.as_str())),
        ("title", Some(doc.title.as_str())),
        ("date", None),
        ("body", doc.body.as_deref()),
        ("meeting", doc.meeting.as_deref()),
        ("recommendation", doc.recommendation.as_deref()),
        ("formula", doc.formula.as_deref()),
        ("source", Some(source)),
    ];
    for (key, value) in fields {
        match value {
            Some(v) => {
                let _ = writeln!(out, "{key} = {}", toml_string(v));
            }
            // The date is a TOML date, unquoted.
            None if key == "date" => {
                let _ = writeln!(out, "date = {}", doc.date);
            }
            None => {}
        }
    }
    out.push_str("+++\n");
    out
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn paragraph(p: &Para) -> String {
    match p.kind {
        ParaKind::Heading => format!("## {}", escape(&p.text)),
        ParaKind::Preambular => italic_opening(&p.text, Part::Preambular),
        ParaKind::Operative => {
            format!("{}. {}", p.number.as_deref().unwrap_or(""), italic_opening(&p.text, Part::Operative))
        }
        ParaKind::Subparagraph => {
            format!("    ({}) {}", p.number.as_deref().unwrap_or(""), italic_opening(&p.text, Part::Operative))
        }
    }
}

/// The opening words in `*…*`, the rest escaped.
fn italic_opening(text: &str, part: Part) -> String {
    match opening(text, part) {
        Some(n) => format!("*{}*{}", escape(&text[..n]), escape(&text[n..])),
        None => escape(text),
    }
}

/// Escape what Markdown would read as markup, and write resolved markers as `[^N]`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_marker = false;
    for (i, c) in text.char_indices() {
        match c {
            RESOLVED => {
                out.push_str("[^");
                in_marker = true;
            }
            CLOSE if in_marker => {
                out.push(']');
                in_marker = false;
            }
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            c if c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_markers_written_as_references() {
        let text = format!("Notes *this* [draft]{RESOLVED}3{CLOSE} and a_b");
        assert_eq!(escape(&text), "Notes \\*this\\* \\[draft\\][^3] and a\\_b");
    }

    #[test]
    fn toml_strings_are_quoted() {
        assert_eq!(toml_string("say \"hi\""), "\"say \\\"hi\\\"\"");
    }

    #[test]
    fn operative_paragraphs_carry_number_and_italic_verb() {
        let p = Para {
            kind: ParaKind::Operative,
            number: Some("12bis".into()),
            text: "Also notes the report;".into(),
            line: 1,
            status: None,
        };
        assert_eq!(paragraph(&p), "12bis. *Also notes* the report;");
    }
}
