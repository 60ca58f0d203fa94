//! Normalised words of a paragraph: what "the same words" means for lineage and diffs.
//!
//! Two versions are the same when their words are the same once letter case, punctuation,
//! quote style, whitespace and footnote markers are set aside (`data/paragraphs.json`
//! `change`). Words are hashed while the text is scanned, so profiling a paragraph allocates
//! only its token and term vectors; nothing downstream clones text.

use crate::model::Kind;

/// The words of `text` in order, each as a 64-bit hash of its lower-cased letters and digits.
///
/// Anything that is not a letter or a digit separates words, so "capacity-building",
/// "capacity – building" and "capacity building" have the same words, and ’ ' “ " never count.
pub fn word_hashes(text: &str) -> Vec<u64> {
    scan(text).0
}

/// Word hashes and [`squeezed_hash`] in one pass over the text. ASCII words (nearly all) are
/// hashed eight bytes at a time: this runs over every paragraph of the corpus, and going byte
/// by byte was a fifth of the time of aligning it.
fn scan(text: &str) -> (Vec<u64>, u64) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let (mut word, mut squeezed) = (Hasher::new(), Hasher::new());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let end = bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| i + n);
            for piece in bytes[i..end].chunks(8) {
                let mut v = [0u8; 8];
                v[..piece.len()].copy_from_slice(piece);
                // `| 0x20` lower-cases an ASCII letter and leaves a digit as it is.
                let lowered = u64::from_le_bytes(v) | (0x2020_2020_2020_2020 >> (8 * (8 - piece.len())));
                word.push_bytes(lowered, piece.len() as u32);
                squeezed.push_bytes(lowered, piece.len() as u32);
            }
            i = end;
            continue;
        }
        if b.is_ascii() {
            i += 1;
        } else {
            // `i` always sits on a character boundary: it only moves by whole characters.
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for lc in c.to_lowercase() {
                    for &b in lc.encode_utf8(&mut buf).as_bytes() {
                        word.push_bytes(u64::from(b), 1);
                        squeezed.push_bytes(u64::from(b), 1);
                    }
                }
                continue;
            }
        }
        // Anything that is not a letter or a digit ends the word.
        if word.len > 0 {
            out.push(word.finish());
            word = Hasher::new();
        }
    }
    if word.len > 0 {
        out.push(word.finish());
    }
    (out, squeezed.finish())
}

/// A hash of a byte stream that takes its bytes up to eight at a time, the same however they
/// come. The streams are letters and digits, never 0, so a short last chunk is unambiguous.
struct Hasher {
    h: u64,
    chunk: u64,
    filled: u32,
    len: u64,
}

impl Hasher {
    fn new() -> Hasher {
        Hasher { h: 0x243f_6a88_85a3_08d3, chunk: 0, filled: 0, len: 0 }
    }

    /// Append the `n` (1..=8) low bytes of `v`.
    #[inline]
    fn push_bytes(&mut self, v: u64, n: u32) {
        self.len += u64::from(n);
        let free = 8 - self.filled;
        self.chunk |= v << (8 * self.filled);
        if n < free {
            self.filled += n;
            return;
        }
        self.h = mix(self.h ^ self.chunk);
        // The bytes that did not fit start the next chunk.
        self.chunk = if n > free { v >> (8 * free) } else { 0 };
        self.filled = n - free;
    }

    fn finish(&self) -> u64 {
        mix(mix(self.h ^ self.chunk) ^ self.len)
    }
}

fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The lower-cased words of `text`, for messages and tests.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether two texts have the same words (the `same` relation): the same word sequence, or the
/// same letters and digits once whitespace and punctuation are gone altogether, so that a word
/// hyphenated or split in one copy ("gender-disaggregated", "genderdisaggregated") is still the
/// same word.
pub fn same_words(a: &str, b: &str) -> bool {
    word_hashes(a) == word_hashes(b) || squeezed_hash(a) == squeezed_hash(b)
}

/// A hash of the lower-cased letters and digits of `text`, ignoring everything else.
pub fn squeezed_hash(text: &str) -> u64 {
    scan(text).1
}

/// What the aligner knows about one paragraph: its words, from which its terms (words and word
/// pairs) are derived when needed. Profiles of a whole corpus are in memory at once: storing the
/// terms as well tripled their size, and first touching that memory cost more than hashing the
/// pairs again.
#[derive(Debug, Clone)]
pub struct Profile {
    pub kind: Kind,
    /// Word hashes in order: equal vectors mean the same words.
    pub words: Vec<u64>,
    /// [`squeezed_hash`] of the text.
    pub squeezed: u64,
}

impl Profile {
    /// Whether the two paragraphs have the same words (see [`same_words`]).
    pub fn same_words(&self, other: &Profile) -> bool {
        self.words == other.words || self.squeezed == other.squeezed
    }

    pub fn new(kind: Kind, text: &str) -> Profile {
        let (mut words, squeezed) = scan(text);
        words.shrink_to_fit();
        Profile { kind, words, squeezed }
    }

    /// Its terms: every word and every pair of adjacent words (a 2-shingle), as they come (a
    /// term may repeat; the aligner counts each once).
    pub fn terms(&self) -> impl Iterator<Item = u64> + '_ {
        let pairs = self.words.windows(2).map(|w| pair_hash(w[0], w[1]));
        self.words.iter().copied().chain(pairs)
    }

    /// How many terms [`Profile::terms`] yields.
    pub fn term_count(&self) -> usize {
        (self.words.len() * 2).saturating_sub(1)
    }
}

/// A word pair gets a hash of its own, distinct from any single word's with overwhelming odds.
fn pair_hash(a: u64, b: u64) -> u64 {
    let x = a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_quotes_and_spacing_do_not_change_the_words() {
        assert!(same_words("Welcomes the “Road map”, and  notes", "welcomes the \"road map\" and notes"));
        assert!(same_words("capacity – building", "capacity-building"));
        assert!(same_words("women’s access", "women's access"));
    }

    #[test]
    fn a_word_joined_or_hyphenated_differently_is_the_same_word() {
        assert!(same_words("the value of genderdisaggregated data", "the value of gender-disaggregated data"));
        assert!(same_words("the day -to-day matters", "the day-to-day matters"));
    }

    #[test]
    fn a_changed_word_changes_the_words() {
        assert!(!same_words("Welcomes the report", "Recalls the report"));
        assert!(!same_words("in 2022", "in 2024"));
    }

    proptest::proptest! {
        #[test]
        fn words_hash_alike_however_their_bytes_are_taken(text in "[a-zA-Z0-9 ,.’éÜß-]{0,40}") {
            // The same words, hashed one byte at a time.
            let one_by_one = |s: &str| {
                let mut h = Hasher::new();
                for b in s.bytes() {
                    h.push_bytes(u64::from(b), 1);
                }
                h
            };
            let lower: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            let (words, squeezed) = scan(&text);
            proptest::prop_assert_eq!(words, lower.iter().map(|w| one_by_one(w).finish()).collect::<Vec<_>>());
            proptest::prop_assert_eq!(squeezed, one_by_one(&lower.concat()).finish());
        }
    }

    #[test]
    fn terms_hold_words_and_word_pairs() {
        let p = Profile::new(Kind::Operative, "the digital divide and the digital divide");
        let mut distinct: Vec<u64> = p.terms().collect();
        distinct.sort_unstable();
        distinct.dedup();
        // words: the, digital, divide, and (4); pairs: the·digital, digital·divide, divide·and, and·the (4)
        assert_eq!(distinct.len(), 8);
        assert_eq!(p.terms().count(), 7 + 6);
        assert_eq!(p.term_count(), 7 + 6);
        assert_eq!(Profile::new(Kind::Operative, "").term_count(), 0);
        assert_eq!(p.words.len(), 7);
    }
}
