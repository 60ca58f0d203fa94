//! Content file → [`Resolution`].
//!
//! A content file is TOML front matter between `+++` lines and a body of blocks separated by
//! blank lines (see `docs/content-format.md`). The block structure is read line by line here,
//! because the printed numbers (`12bis.`, `(a)`) decide anchors and Markdown lists would
//! renumber them; the text inside each block is Markdown, read by [`parse_inline`].

use std::path::Path;

use serde::Deserialize;

use super::{anchor, parse_inline, plain_text, Attributes, Footnote, Kind, Paragraph, Resolution, Section};
use crate::diagnostics::{SourceError, SourceErrors};

/// Front matter as written by an editor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub symbol: String,
    pub title: String,
    pub date: toml::Value,
    pub series: Option<String>,
    pub body: Option<String>,
    pub meeting: Option<String>,
    pub formula: Option<String>,
    pub recommendation: Option<String>,
    pub source: Option<String>,
}

/// Parse one content file. All problems found are returned together.
pub fn parse_resolution(file: &Path, text: &str) -> Result<Resolution, SourceErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body, body_line) = split_front_matter(file, text).map_err(|e| SourceErrors(vec![e]))?;
    let fm = read_front_matter(file, front).map_err(|e| SourceErrors(vec![e]))?;
    let mut builder = BodyBuilder::new(file);
    for block in blocks(body, body_line) {
        builder.block(block);
    }
    builder.finish(fm)
}

fn split_front_matter<'a>(file: &Path, text: &'a str) -> Result<(&'a str, &'a str, usize), SourceError> {
    let missing = || SourceError::new(file, 1, "expected TOML front matter between `+++` lines at the top of the file");
    let rest = text.strip_prefix("+++").ok_or_else(missing)?;
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).ok_or_else(missing)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.matches('\n').count() + 1;
            return Ok((front, body, body_line));
        }
        offset += line.len();
    }
    Err(SourceError::new(file, 1, "front matter is not closed: expected a line `+++` after it"))
}

fn read_front_matter(file: &Path, front: &str) -> Result<FrontMatter, SourceError> {
    toml::from_str::<FrontMatter>(front).map_err(|e| {
        let line = e.span().map(|s| 2 + front[..s.start.min(front.len())].matches('\n').count()).unwrap_or(1);
        SourceError::new(file, line, format!("front matter: {}", e.message()))
    })
}

/// A run of non-blank lines.
struct Block<'a> {
    lines: Vec<&'a str>,
    line: usize,
}

fn blocks(body: &str, first_line: usize) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut in_comment = false;
    for (i, raw) in body.lines().enumerate() {
        let line = raw.trim_end();
        // `<!-- … -->` is an editor's comment, never part of the text.
        if in_comment || line.trim_start().starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            current.get_or_insert_with(|| Block { lines: Vec::new(), line: first_line + i }).lines.push(line);
        }
    }
    out.extend(current);
    out
}

struct BodyBuilder<'f> {
    file: &'f Path,
    sections: Vec<Section>,
    paragraphs: Vec<Paragraph>,
    footnotes: Vec<Footnote>,
    errors: Vec<SourceError>,
    preambular_count: usize,
    /// Anchor of the last operative paragraph, the chapeau of following sub-paragraphs.
    last_operative: Option<String>,
}

impl<'f> BodyBuilder<'f> {
    fn new(file: &'f Path) -> Self {
        BodyBuilder {
            file,
            sections: Vec::new(),
            paragraphs: Vec::new(),
            footnotes: Vec::new(),
            errors: Vec::new(),
            preambular_count: 0,
            last_operative: None,
        }
    }

    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(SourceError::new(self.file, line, message));
    }

    fn block(&mut self, block: Block) {
        let (text_lines, attrs) = self.split_attributes(&block);
        let joined = text_lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n");
        let first = joined.as_str();
        if let Some(heading) = heading(first) {
            return self.heading(heading, &block);
        }
        if let Some((label, text)) = footnote_definition(first) {
            return self.footnote(label, text, block.line);
        }
        if let Some((number, text)) = operative_number(first) {
            return self.paragraph(Kind::Operative, number, text, attrs, block.line);
        }
        if let Some((letter, text)) = subparagraph_letter(first) {
            return self.paragraph(Kind::Subparagraph, letter, text, attrs, block.line);
        }
        if let Some((n, text)) = preambular_number(first) {
            return self.paragraph(Kind::Preambular, n, text, attrs, block.line);
        }
        if self.last_operative.is_some() {
            return self.error(
                block.line,
                "unnumbered paragraph after the operative part: expected `N. text`, `(a) text`, `## heading` or `[^N]: footnote`",
            );
        }
        let n = (self.preambular_count + 1).to_string();
        self.paragraph(Kind::Preambular, &n, first, attrs, block.line)
    }

    fn split_attributes<'b>(&mut self, block: &Block<'b>) -> (Vec<&'b str>, Attributes) {
        let mut attrs = Attributes::default();
        let mut lines = Vec::new();
        for (i, line) in block.lines.iter().enumerate() {
            let t = line.trim();
            if t.starts_with("{:") && t.ends_with('}') {
                if let Err(msg) = parse_attributes(&t[2..t.len() - 1], &mut attrs) {
                    self.error(block.line + i, msg);
                }
            } else {
                lines.push(*line);
            }
        }
        (lines, attrs)
    }

    fn heading(&mut self, (level, text): (u8, &str), block: &Block) {
        self.sections.push(Section {
            id: format!("s{}", self.sections.len() + 1),
            heading: plain_text(&parse_inline(text)),
            level,
            line: block.line,
        });
    }

    fn footnote(&mut self, label: &str, text: &str, line: usize) {
        if self.footnotes.iter().any(|f| f.label == label) {
            return self.error(line, format!("footnote [^{label}] is defined twice"));
        }
        let inlines = parse_inline(text);
        self.footnotes.push(Footnote { label: label.to_string(), text: plain_text(&inlines), inlines, line });
    }

    fn paragraph(&mut self, kind: Kind, number: &str, text: &str, attrs: Attributes, line: usize) {
        let (anchor, parent) = match kind {
            Kind::Preambular => {
                if self.last_operative.is_some() {
                    return self.error(line, "a preambular paragraph cannot follow operative paragraphs");
                }
                self.preambular_count += 1;
                (anchor::preambular(number.parse().unwrap_or(self.preambular_count)), None)
            }
            Kind::Operative => {
                self.last_operative = Some(number.to_string());
                (anchor::operative(number), None)
            }
            Kind::Subparagraph => match &self.last_operative {
                Some(parent) => (anchor::subparagraph(parent, number), Some(parent.clone())),
                None => {
                    return self.error(line, format!("sub-paragraph ({number}) has no operative paragraph before it"))
                }
            },
        };
        if let Some(other) = self.paragraphs.iter().find(|p| p.anchor == anchor) {
            let msg = format!("paragraph `{anchor}` is numbered twice (first at line {})", other.line);
            return self.error(line, msg);
        }
        if text.trim().is_empty() {
            return self.error(line, format!("paragraph `{anchor}` has no text"));
        }
        let inlines = parse_inline(text);
        let footnotes = super::footnote_labels(text);
        let section = match kind {
            Kind::Preambular => None,
            _ => self.sections.len().checked_sub(1),
        };
        self.paragraphs.push(Paragraph {
            anchor,
            number: number.to_string(),
            kind,
            parent,
            section,
            text: plain_text(&inlines),
            inlines,
            footnotes,
            attrs,
            line,
        });
    }

    fn finish(mut self, fm: FrontMatter) -> Result<Resolution, SourceErrors> {
        for p in &self.paragraphs {
            for label in &p.footnotes {
                if !self.footnotes.iter().any(|f| &f.label == label) {
                    self.errors.push(SourceError::new(
                        self.file,
                        p.line,
                        format!("paragraph `{}` refers to footnote [^{label}], which is not defined", p.anchor),
                    ));
                }
            }
        }
        let date = match normalize_date(&fm.date) {
            Some(d) => d,
            None => {
                self.errors.push(SourceError::new(self.file, 1, "front matter: `date` must be a date like 2025-07-29"));
                String::new()
            }
        };
        if fm.symbol.trim().is_empty() {
            self.errors.push(SourceError::new(self.file, 1, "front matter: `symbol` is empty"));
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(SourceErrors(self.errors));
        }
        Ok(Resolution {
            series: fm.series.unwrap_or_else(|| default_series(&fm.title)),
            body: fm.body.unwrap_or_else(|| default_body(&fm.symbol).to_string()),
            symbol: fm.symbol,
            title: fm.title,
            date,
            meeting: fm.meeting,
            formula: fm.formula,
            recommendation: fm.recommendation,
            source: fm.source,
            file: self.file.to_path_buf(),
            sections: self.sections,
            paragraphs: self.paragraphs,
            footnotes: self.footnotes,
        })
    }
}

fn heading(s: &str) -> Option<(u8, &str)> {
    let hashes = s.chars().take_while(|&c| c == '#').count();
    let rest = &s[hashes..];
    (1..=6).contains(&hashes).then_some(())?;
    rest.starts_with(' ').then(|| (hashes as u8, rest.trim()))
}

fn footnote_definition(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("[^")?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| (label, rest[end + 2..].trim()))
}

/// `29. text`, `12bis. text`.
fn operative_number(s: &str) -> Option<(&str, &str)> {
    let dot = s.find(". ").or_else(|| s.find(".\n"))?;
    let number = &s[..dot];
    anchor::is_operative_number(number).then(|| (number, s[dot + 1..].trim_start()))
}

/// `(a) text`.
fn subparagraph_letter(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('(')?;
    let close = rest.find(')')?;
    let letter = &rest[..close];
    let ok = !letter.is_empty() && letter.len() <= 4 && letter.chars().all(|c| c.is_ascii_lowercase());
    let text = &rest[close + 1..];
    (ok && text.starts_with(char::is_whitespace)).then(|| (letter, text.trim_start()))
}

/// `pp3. text`: an explicit preambular number, for drafts that print one.
fn preambular_number(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("pp")?;
    let (n, text) = operative_number(rest)?;
    n.chars().all(|c| c.is_ascii_digit()).then_some((n, text))
}

fn parse_attributes(s: &str, attrs: &mut Attributes) -> Result<(), String> {
    let re = regex::Regex::new(r#"^\s*([a-z_]+)\s*=\s*"([^"]*)"\s*"#).expect("static regex");
    let mut rest = s;
    while !rest.trim().is_empty() {
        let caps = re
            .captures(rest)
            .ok_or_else(|| format!("expected `key=\"value\"` in attributes, found `{}`", rest.trim()))?;
        let (key, value) = (caps[1].to_string(), caps[2].to_string());
        rest = &rest[caps[0].len()..];
        match key.as_str() {
            "status" => attrs.status = Some(value),
            "topics" => {
                for t in value.split_whitespace() {
                    match (t.strip_prefix('-'), t.strip_prefix('+')) {
                        (Some(r), _) => attrs.topics_remove.push(r.to_string()),
                        (_, Some(a)) => attrs.topics_add.push(a.to_string()),
                        _ => attrs.topics_add.push(t.to_string()),
                    }
                }
            }
            other => return Err(format!("unknown attribute `{other}`: expected `status` or `topics`")),
        }
    }
    Ok(())
}

fn normalize_date(v: &toml::Value) -> Option<String> {
    let s = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.date.map(|d| d.to_string())?,
        _ => return None,
    };
    let ok =
        s.len() == 10 && s.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    ok.then_some(s)
}

/// A series slug from a title, used when the front matter names none: versions of a recurring
/// resolution share their title, so they share this slug.
pub fn default_series(title: &str) -> String {
    let mut slug = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_lowercase());
    }
    slug
}

fn default_body(symbol: &str) -> &'static str {
    match symbol.split('/').next() {
        Some("A") => "General Assembly",
        Some("E") => "Economic and Social Council",
        Some("S") => "Security Council",
        _ => "United Nations",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Resolution, SourceErrors> {
        let text = format!("+++\nsymbol = \"E/RES/2099/1\"\ntitle = \"Test\"\ndate = 2099-01-02\n+++\n{body}");
        parse_resolution(Path::new("t.md"), &text)
    }

    #[test]
    fn reads_preamble_sections_operative_subparagraphs_and_footnotes() {
        let r = parse(
            "\n*Recalling* a,[^1]\n\n*Noting* b,\n\n## Section one\n\n1. *Decides* c:\n\n    (a) d;\n\n    (b) e;\n\n12bis. *Notes* f.\n\n[^1]: See A/1.\n",
        )
        .unwrap();
        let anchors: Vec<_> = r.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(anchors, ["pp1", "pp2", "1", "1a", "1b", "12bis"]);
        assert_eq!(r.paragraphs[0].text, "Recalling a,");
        assert_eq!(r.paragraphs[0].footnotes, ["1"]);
        assert_eq!(r.paragraphs[3].parent.as_deref(), Some("1"));
        assert_eq!(r.paragraphs[2].section, Some(0));
        assert_eq!(r.paragraphs[0].section, None);
        assert_eq!(r.sections[0].heading, "Section one");
        assert_eq!(r.footnotes[0].text, "See A/1.");
        assert_eq!(r.date, "2099-01-02");
        assert_eq!(r.series, "test");
        assert_eq!(r.paragraphs[2].line, 13);
    }

    #[test]
    fn duplicate_number_is_an_error_with_both_lines() {
        let e = parse("1. a\n\n1. b\n").unwrap_err();
        assert_eq!(e.to_string(), "t.md:8: paragraph `1` is numbered twice (first at line 6)");
    }

    #[test]
    fn undefined_footnote_is_an_error() {
        let e = parse("1. a[^9]\n").unwrap_err();
        assert_eq!(e.to_string(), "t.md:6: paragraph `1` refers to footnote [^9], which is not defined");
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let e = parse_resolution(Path::new("t.md"), "+++\nsymbol = \"x\"\ntitle = \n+++\n").unwrap_err();
        assert!(e.to_string().starts_with("t.md:3: front matter"), "{e}");
        let e = parse_resolution(Path::new("t.md"), "no front matter").unwrap_err();
        assert!(e.to_string().starts_with("t.md:1: expected TOML front matter"), "{e}");
    }

    #[test]
    fn attributes_set_status_and_topics() {
        let r = parse("1. a\n{: status=\"provisionally agreed\" topics=\"+gender -ai\"}\n").unwrap();
        let a = &r.paragraphs[0].attrs;
        assert_eq!(a.status.as_deref(), Some("provisionally agreed"));
        assert_eq!(a.topics_add, ["gender"]);
        assert_eq!(a.topics_remove, ["ai"]);
        assert_eq!(r.paragraphs[0].text, "a");
    }

    #[test]
    fn unnumbered_text_after_operative_part_is_an_error() {
        let e = parse("1. a\n\nstray text\n").unwrap_err();
        assert!(e.to_string().contains("t.md:8: unnumbered paragraph"), "{e}");
    }
}
