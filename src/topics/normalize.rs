//! Text normalisation for matching, with a map back to the original bytes.
//!
//! Phrases and paragraphs are compared in one canonical form: Unicode compatibility forms folded
//! (NFKC, so PDF ligatures match), lowercase, every run of whitespace, hyphens and dashes turned
//! into one space (so "capacity-building", "capacity – building" and a hyphen split by a line
//! break all read "capacity building"), typographic quotes made straight and soft hyphens
//! dropped. The map keeps, for every byte of the normalised text, the byte range of the original
//! character it came from, so a match found in the normalised text highlights the right words of
//! `Paragraph.text`.

use unicode_normalization::UnicodeNormalization;

/// A text in canonical form and where each of its bytes came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`: start of the original character it came from.
    starts: Vec<usize>,
    /// For each byte of `text`: end of the original character it came from.
    ends: Vec<usize>,
}

impl Normalized {
    /// The canonical form of `original`, lowercased when `lower`.
    pub fn new(original: &str, lower: bool) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
        };
        for (at, c) in original.char_indices() {
            let end = at + c.len_utf8();
            // Fast path: ASCII letters, digits and punctuation need no Unicode folding.
            if c.is_ascii_graphic() && c != '-' && c != '`' {
                out.push(if lower { c.to_ascii_lowercase() } else { c }, at, end);
                continue;
            }
            match fold(c) {
                Folded::Drop => {}
                Folded::Space => {
                    if !out.text.is_empty() && !out.text.ends_with(' ') {
                        out.push(' ', at, end);
                    }
                }
                Folded::Char(c) => {
                    for n in std::iter::once(c).nfkc() {
                        if lower {
                            for l in n.to_lowercase() {
                                out.push(l, at, end);
                            }
                        } else {
                            out.push(n, at, end);
                        }
                    }
                }
            }
        }
        out
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// The original byte range of the normalised range `start..end` (end exclusive, not empty).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        match (self.starts.get(start), end.checked_sub(1).and_then(|e| self.ends.get(e))) {
            (Some(&s), Some(&e)) if s <= e => (s, e),
            _ => (0, 0),
        }
    }

    /// Whether the normalised range `start..end` begins and ends at word boundaries; `prefix`
    /// patterns (`cyber*`) only need the boundary at the start.
    pub fn at_word_boundaries(&self, start: usize, end: usize, prefix: bool) -> bool {
        let before = self.text[..start].chars().next_back();
        let after = self.text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && (prefix || !after.is_some_and(char::is_alphanumeric))
    }
}

enum Folded {
    Drop,
    Space,
    Char(char),
}

fn fold(c: char) -> Folded {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => Folded::Drop,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => Folded::Space,
        c if c.is_whitespace() => Folded::Space,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => Folded::Char('"'),
        c => Folded::Char(c),
    }
}

/// The canonical form of a phrase as written in `topics.toml` (no offsets needed).
pub fn canonical(phrase: &str, lower: bool) -> String {
    Normalized::new(phrase, lower).text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_dashes_and_line_breaks_read_as_one_space() {
        assert_eq!(Normalized::new("Capacity-building", true).text, "capacity building");
        assert_eq!(Normalized::new("capacity – building", true).text, "capacity building");
        assert_eq!(Normalized::new("capacity-\n  building", true).text, "capacity building");
    }

    #[test]
    fn typographic_quotes_become_straight_and_ligatures_unfold() {
        assert_eq!(Normalized::new("women’s “voice” ﬁnance", true).text, "women's \"voice\" finance");
    }

    #[test]
    fn ranges_map_back_to_the_original_bytes() {
        let original = "Les “Femmes” – égalité";
        let n = Normalized::new(original, true);
        let at = n.text.find("égalité").unwrap();
        let (s, e) = n.original_range(at, at + "égalité".len());
        assert_eq!(&original[s..e], "égalité");
        let at = n.text.find("femmes").unwrap();
        let (s, e) = n.original_range(at, at + 6);
        assert_eq!(&original[s..e], "Femmes");
    }

    #[test]
    fn word_boundaries_reject_matches_inside_words() {
        let n = Normalized::new("transgender gender", true);
        assert!(!n.at_word_boundaries(5, 11, false));
        assert!(n.at_word_boundaries(12, 18, false));
        let n = Normalized::new("cybersecurity", true);
        assert!(!n.at_word_boundaries(0, 5, false));
        assert!(n.at_word_boundaries(0, 5, true));
    }
}
