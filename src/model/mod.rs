//! The resolution model: what a resolution *is*, independent of where it came from or how it
//! is shown.
//!
//! A [`Corpus`] holds every [`Resolution`] of the content, ordered by series and date. A
//! resolution has sections, paragraphs in document order (a sub-paragraph follows its
//! chapeau) and footnotes. Anchors are decided in [`anchor`] and nowhere else, because they are
//! the permanent addresses users paste into e-mails.

pub mod anchor;
mod corpus;
mod inline;
mod parse;

pub use corpus::{Corpus, ParaRef};
pub use inline::{footnote_labels, parse_inline, plain_text, Inline};
pub use parse::{parse_resolution, FrontMatter};

use std::path::PathBuf;

/// The three kinds of paragraph of a UN resolution, as `data/paragraphs.json` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Preambular,
    Operative,
    Subparagraph,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Preambular => "preambular",
            Kind::Operative => "operative",
            Kind::Subparagraph => "subparagraph",
        }
    }
}

/// One resolution as adopted.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// UN document symbol, e.g. `E/RES/2025/18`.
    pub symbol: String,
    /// Series slug: all versions of one recurring resolution share it.
    pub series: String,
    pub title: String,
    /// Adoption date, `YYYY-MM-DD`.
    pub date: String,
    /// The adopting organ, e.g. "Economic and Social Council".
    pub body: String,
    /// e.g. "31st plenary meeting".
    pub meeting: Option<String>,
    /// The enacting formula that opens the text, e.g. "The Economic and Social Council,".
    pub formula: Option<String>,
    /// e.g. "[on the recommendation of the Commission … (E/2025/31)]".
    pub recommendation: Option<String>,
    /// The raw text this content was imported from, relative to `content/`.
    pub source: Option<String>,
    /// The content file, for messages.
    pub file: PathBuf,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<Footnote>,
}

impl Resolution {
    /// Year of adoption, from the date.
    pub fn year(&self) -> i32 {
        self.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }

    pub fn paragraph(&self, anchor: &str) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.anchor == anchor)
    }

    pub fn footnote(&self, label: &str) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.label == label)
    }

    /// Path of the resolution's folder under `site/`, e.g. `E/RES/2025/18`.
    pub fn path(&self) -> String {
        anchor::resolution_path(&self.symbol)
    }
}

/// A heading that groups operative paragraphs.
#[derive(Debug, Clone)]
pub struct Section {
    /// `s1`, `s2`, … in document order: a fragment for the table of contents.
    pub id: String,
    pub heading: String,
    /// 2 for `##`, 3 for `###`, …
    pub level: u8,
    pub line: usize,
}

/// One paragraph or sub-paragraph.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Permanent address within the resolution: `pp3`, `29`, `12bis`, `116a`.
    pub anchor: String,
    /// The number as printed: `3` for `pp3` (position), `29`, `12bis`, `a`.
    pub number: String,
    pub kind: Kind,
    /// Anchor of the chapeau of a sub-paragraph.
    pub parent: Option<String>,
    /// Index into [`Resolution::sections`].
    pub section: Option<usize>,
    /// The text with its markup (italic opening verb, footnote references).
    pub inlines: Vec<Inline>,
    /// Plain text: no number, no footnote markers, no markup.
    pub text: String,
    /// Labels of the footnotes referenced, in order.
    pub footnotes: Vec<String>,
    /// Editorial attributes from a `{: key="value"}` line.
    pub attrs: Attributes,
    /// Line of the content file where the paragraph starts.
    pub line: usize,
}

impl Paragraph {
    /// "para. 29", "preambular para. 3", "para. 116 (a)": how a citation names it.
    pub fn citation_label(&self) -> String {
        let mut label = String::with_capacity(24);
        self.push_citation_label(&mut label);
        label
    }

    /// [`Paragraph::citation_label`] appended to `out` (citations are built for every link to
    /// another version, on every paragraph page).
    pub fn push_citation_label(&self, out: &mut String) {
        match self.kind {
            Kind::Preambular => out.push_str("preambular para. "),
            Kind::Operative | Kind::Subparagraph => out.push_str("para. "),
        }
        if self.kind == Kind::Subparagraph {
            out.push_str(self.parent.as_deref().unwrap_or(""));
            out.push_str(" (");
            out.push_str(&self.number);
            out.push(')');
        } else {
            out.push_str(&self.number);
        }
    }

    /// The number as shown in the margin: `29.`, `(a)`, or nothing for a preambular paragraph.
    pub fn display_number(&self) -> String {
        match self.kind {
            Kind::Preambular => String::new(),
            Kind::Operative => format!("{}.", self.number),
            Kind::Subparagraph => format!("({})", self.number),
        }
    }
}

/// Editorial attributes of a paragraph, written by hand in the content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// A status tag from a draft, e.g. "provisionally agreed". Shown as an annotation, never as text.
    pub status: Option<String>,
    /// Topics an editor adds to the automatic ones.
    pub topics_add: Vec<String>,
    /// Topics an editor removes from the automatic ones.
    pub topics_remove: Vec<String>,
}

/// A footnote as printed at the foot of the page.
#[derive(Debug, Clone)]
pub struct Footnote {
    /// As printed: `5`.
    pub label: String,
    pub inlines: Vec<Inline>,
    pub text: String,
    pub line: usize,
}

impl Footnote {
    pub fn anchor(&self) -> String {
        anchor::footnote_anchor(&self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(kind: Kind, number: &str, parent: Option<&str>) -> Paragraph {
        Paragraph {
            anchor: String::new(),
            number: number.into(),
            kind,
            parent: parent.map(String::from),
            section: None,
            inlines: Vec::new(),
            text: String::new(),
            footnotes: Vec::new(),
            attrs: Attributes::default(),
            line: 1,
        }
    }

    #[test]
    fn citation_labels_name_the_paragraph_as_a_citation_does() {
        assert_eq!(paragraph(Kind::Preambular, "3", None).citation_label(), "preambular para. 3");
        assert_eq!(paragraph(Kind::Operative, "12bis", None).citation_label(), "para. 12bis");
        assert_eq!(paragraph(Kind::Subparagraph, "a", Some("116")).citation_label(), "para. 116 (a)");
    }
}
