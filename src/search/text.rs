//! Words as search sees them. The same rules are written again in `static/search.js`
//! (`fold`, `words`, `stem`): the browser stems the query exactly as the build stemmed the
//! text, so a change here must be made there too (a test checks both on the same words).
//!
//! - fold: Unicode NFD, combining marks removed, lower case: `Développement` → `developpement`;
//! - words: maximal runs of alphabetic or numeric characters: `Secretary-General` → two words;
//! - stem: a light English plural stripper (`countries` → `country`, `divides` → `divide`,
//!   `processes` → `process`), deliberately no more: agreed language is searched for its exact
//!   wording, and a heavy stemmer would merge words negotiators keep apart.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, without accents.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The stem of a folded word: its singular, by the regular English plural endings.
pub fn stem(word: &str) -> String {
    stem_of(word).into_owned()
}

/// [`stem`], borrowing the word when it is its own stem (most words): the index stems every
/// word of the corpus.
pub fn stem_of(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let n = word.chars().count();
    if n <= 3 {
        return Cow::Borrowed(word);
    }
    let cut = |k: usize| &word[..word.len() - k];
    if n > 4 && word.ends_with("ies") {
        return Cow::Owned(format!("{}y", cut(3)));
    }
    if ["sses", "xes", "ches", "shes", "zzes"].iter().any(|s| word.ends_with(s)) {
        return Cow::Borrowed(cut(2));
    }
    if ["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return Cow::Borrowed(word);
    }
    if word.ends_with('s') {
        return Cow::Borrowed(cut(1));
    }
    Cow::Borrowed(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Développement Côte d’Ivoire"), "developpement cote d’ivoire");
    }

    #[test]
    fn words_split_at_anything_not_a_letter_or_digit() {
        assert_eq!(
            words("the Secretary-General, 2006/46 «Échange»"),
            ["the", "secretary", "general", "2006", "46", "echange"]
        );
    }

    #[test]
    fn stems_are_singulars_of_regular_plurals_only() {
        let cases = [
            ("countries", "country"),
            ("technologies", "technology"),
            ("processes", "process"),
            ("divides", "divide"),
            ("stakeholders", "stakeholder"),
            ("boxes", "box"),
            ("approaches", "approach"),
            ("access", "access"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("its", "its"),
            ("ties", "tie"),
            ("gender", "gender"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "{word}");
        }
    }
}
