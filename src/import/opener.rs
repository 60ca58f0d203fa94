//! The opening words of a paragraph: the participle of a preambular paragraph ("Recalling
//! also", "Taking note with satisfaction") and the verb of an operative one ("Welcomes and
//! urges", "Also reaffirms", "Notes with great concern"), which the UN prints in italics.
//!
//! The rule, kept general rather than a list of phrases: leading adverbs, the verb (a word in
//! `-s` for an operative paragraph, in `-ing`/`-ed` or a small set of adjectives for a
//! preambular one), a second verb joined by "and", trailing adverbs, then the phrase that
//! completes a phrasal verb ("note", "upon", "forward", "in mind", "its appreciation") and a
//! "with" + feeling phrase ("with appreciation", "with great concern").

const ADVERBS: &[&str] = &[
    "also",
    "further",
    "again",
    "once",
    "strongly",
    "deeply",
    "firmly",
    "warmly",
    "fully",
    "urgently",
    "particularly",
    "furthermore",
    "moreover",
    "equally",
    "likewise",
    "still",
    "gravely",
    "seriously",
    "profoundly",
    "sincerely",
];
const TRAILING_ADVERBS: &[&str] = &["also", "further", "again", "once", "strongly", "warmly", "firmly", "fully"];
const ADJECTIVE_OPENERS: &[&str] =
    &["mindful", "aware", "conscious", "cognizant", "desirous", "convinced", "concerned", "alarmed", "determined"];
const NOT_VERBS: &[&str] = &[
    "this",
    "its",
    "his",
    "has",
    "was",
    "is",
    "as",
    "thus",
    "unless",
    "towards",
    "various",
    "always",
    "perhaps",
    "whereas",
    "during",
    "nothing",
    "everything",
    "something",
    "according",
    "including",
    "notwithstanding",
    "regarding",
    "concerning",
    "pending",
    "the",
    "united",
    "limited",
    "related",
    "entitled",
];
const FEELINGS: &[&str] = &[
    "appreciation",
    "satisfaction",
    "concern",
    "interest",
    "regret",
    "alarm",
    "gratitude",
    "approval",
    "support",
    "condolences",
    "hope",
    "recognition",
    "sympathy",
];
const INTENSIFIERS: &[&str] = &[
    "great",
    "deep",
    "grave",
    "serious",
    "sincere",
    "profound",
    "particular",
    "special",
    "its",
    "their",
    "full",
    "utmost",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Preambular,
    Operative,
}

/// Words of `text` with their byte spans, punctuation after a word cut off.
fn words(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split(' ') {
        let core = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        out.push((offset, offset + core.len(), core));
        if core.len() != raw.len() {
            out.push((offset + core.len(), offset + raw.len(), ""));
        }
        offset += raw.len() + 1;
    }
    out
}

fn is_verb(word: &str, part: Part) -> bool {
    let w = word.to_lowercase();
    if w.len() < 4 || NOT_VERBS.contains(&w.as_str()) || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    match part {
        Part::Operative => w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"),
        Part::Preambular => w.ends_with("ing") || w.ends_with("ed") || ADJECTIVE_OPENERS.contains(&w.as_str()),
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Byte length of the opening words to italicise, or `None` when the paragraph does not open
/// with a verb.
pub fn opening(text: &str, part: Part) -> Option<usize> {
    let w = words(text);
    let lower = |i: usize| w.get(i).map(|x| x.2.to_lowercase()).unwrap_or_default();
    let mut i = 0;
    while i < w.len() && ADVERBS.contains(&lower(i).as_str()) {
        i += 1;
    }
    let first = w.get(i)?.2;
    if !is_verb(first, part) || (i == 0 && !is_capitalised(first)) || (i > 0 && is_capitalised(first)) {
        return None;
    }
    let verb = lower(i);
    i += 1;
    if lower(i) == "and" && w.get(i + 1).is_some_and(|x| is_verb(x.2, part) && !is_capitalised(x.2)) {
        i += 2;
    }
    i = skip_trailing_adverbs(&w, i);
    i = phrasal_complement(&verb, &w, i);
    i = skip_trailing_adverbs(&w, i);
    i = feeling_phrase(&w, i);
    Some(w[i - 1].1)
}

fn skip_trailing_adverbs(w: &[(usize, usize, &str)], mut i: usize) -> usize {
    while w.get(i).is_some_and(|x| TRAILING_ADVERBS.contains(&x.2)) {
        i += 1;
    }
    i
}

/// The words that complete a phrasal verb: "Takes *note*", "Calls *upon*", "Looks *forward*",
/// "Bearing *in mind*", "Expresses *its deep appreciation*".
fn phrasal_complement(verb: &str, w: &[(usize, usize, &str)], i: usize) -> usize {
    let at = |k: usize| w.get(k).map(|x| x.2).unwrap_or("");
    let stem = ["tak", "call", "look", "bear", "keep", "express"].into_iter().find(|s| verb.starts_with(s));
    match stem.unwrap_or("") {
        "tak" if at(i) == "note" => i + 1,
        "call" if matches!(at(i), "upon" | "for" | "on") => i + 1,
        "look" if at(i) == "forward" => i + 1,
        "bear" | "keep" if at(i) == "in" && at(i + 1) == "mind" => i + 2,
        "express" => {
            let mut k = i;
            while INTENSIFIERS.contains(&at(k)) {
                k += 1;
            }
            if FEELINGS.contains(&at(k)) {
                k + 1
            } else {
                i
            }
        }
        _ => i,
    }
}

/// "with appreciation", "with great concern", "with deep regret".
fn feeling_phrase(w: &[(usize, usize, &str)], i: usize) -> usize {
    if w.get(i).map(|x| x.2) != Some("with") {
        return i;
    }
    let mut k = i + 1;
    while w.get(k).is_some_and(|x| INTENSIFIERS.contains(&x.2)) {
        k += 1;
    }
    if w.get(k).is_some_and(|x| FEELINGS.contains(&x.2)) {
        k + 1
    } else {
        i
    }
}

/// Does the line open a preambular paragraph ("Recalling", "Deeply concerned")?
pub fn opens_preambular(text: &str) -> bool {
    opening(text, Part::Preambular).is_some()
}

/// Does the line open a paragraph: a numbered one, or a preambular one?
pub fn opens_paragraph(text: &str) -> bool {
    super::body::split_number(text).is_some() || opens_preambular(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn italic(text: &str, part: Part) -> Option<&str> {
        opening(text, part).map(|n| &text[..n])
    }

    #[test]
    fn operative_openers_take_adverbs_coordinated_verbs_and_phrases() {
        use Part::Operative as O;
        assert_eq!(italic("Welcomes and urges the full implementation", O), Some("Welcomes and urges"));
        assert_eq!(italic("Also reaffirms paragraphs 34 to 37", O), Some("Also reaffirms"));
        assert_eq!(italic("Notes with concern that there are", O), Some("Notes with concern"));
        assert_eq!(italic("Notes with great concern the fact", O), Some("Notes with great concern"));
        assert_eq!(italic("Takes note with appreciation of the two", O), Some("Takes note with appreciation"));
        assert_eq!(italic("Takes note of the report", O), Some("Takes note"));
        assert_eq!(italic("Calls upon all States", O), Some("Calls upon"));
        assert_eq!(italic("Looks forward to the holding", O), Some("Looks forward"));
        assert_eq!(italic("Expresses concern that many", O), Some("Expresses concern"));
        assert_eq!(italic("Highlights, in this regard, the", O), Some("Highlights"));
        assert_eq!(italic("Recommends further that, as an outcome", O), Some("Recommends further"));
        assert_eq!(italic("Further recalls the report", O), Some("Further recalls"));
    }

    #[test]
    fn preambular_openers_take_participles_and_adjectives() {
        use Part::Preambular as P;
        assert_eq!(italic("Recalling also its resolution", P), Some("Recalling also"));
        assert_eq!(italic("Taking note with satisfaction of the report", P), Some("Taking note with satisfaction"));
        assert_eq!(italic("Expressing its appreciation to the", P), Some("Expressing its appreciation"));
        assert_eq!(italic("Bearing in mind that", P), Some("Bearing in mind"));
        assert_eq!(italic("Deeply concerned that", P), Some("Deeply concerned"));
        assert_eq!(italic("Recognizing the importance", P), Some("Recognizing"));
    }

    #[test]
    fn text_that_does_not_open_with_a_verb_has_no_opener() {
        assert_eq!(italic("This is a sentence", Part::Operative), None);
        assert_eq!(italic("2 October 2024, which served", Part::Preambular), None);
        assert_eq!(italic("the Universal Declaration", Part::Preambular), None);
    }
}
