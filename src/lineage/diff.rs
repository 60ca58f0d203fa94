//! Word-level changes between two versions of a paragraph.
//!
//! STUB INTERFACE — to be implemented (issue 5).

/// A piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Segment {
    Same(String),
    Added(String),
    Removed(String),
}

/// The word-level redline from `old` to `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        vec![Segment::Same(new.to_string())]
    } else {
        vec![Segment::Removed(old.to_string()), Segment::Added(new.to_string())]
    }
}
