//! Properties of topic matching that must hold for any text an editor or an importer produces:
//! no panic, and every highlight range is a valid slice of the paragraph text that, read in the
//! canonical form, is the phrase that matched.

use agreed::topics::{Normalized, Taxonomy, Topic};
use proptest::prelude::*;

fn taxonomy(phrases: Vec<String>) -> Taxonomy {
    Taxonomy::new(vec![Topic { slug: "t".into(), name: "T".into(), phrases, ..Topic::default() }])
}

/// Words drawn from a small alphabet with the characters normalisation treats specially.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("gender".to_string()),
            Just("Gender".to_string()),
            Just("GENDER".to_string()),
            Just("AI".to_string()),
            Just("ai".to_string()),
            Just("-".to_string()),
            Just("\u{2013}".to_string()),
            Just("\u{00AD}".to_string()),
            Just("İ".to_string()),
            Just("ﬁ".to_string()),
            Just("\n".to_string()),
            Just("’".to_string()),
            "[a-zA-Zé ]{0,6}",
        ],
        0..24,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn highlight_ranges_are_valid_slices_that_read_as_the_phrase(t in text()) {
        let tax = taxonomy(vec!["gender".into(), "AI".into(), "gender digital divide".into()]);
        for o in tax.matcher().find(&t) {
            let slice = t.get(o.range.0..o.range.1);
            prop_assert!(slice.is_some(), "range {:?} of {:?}", o.range, t);
            let canonical = Normalized::new(slice.unwrap_or(""), true).text;
            let want = Normalized::new(&o.phrase, true).text;
            prop_assert!(canonical.trim() == want || canonical.trim() == format!("{want}s"), "{canonical:?} vs {want:?}");
        }
    }

    #[test]
    fn arbitrary_phrases_and_texts_never_panic(phrase in "[a-zA-Z0-9 *İ-]{1,12}", t in "\\PC{0,80}") {
        if phrase.chars().any(char::is_alphanumeric) && !phrase.trim_end_matches('*').contains('*') {
            let tax = taxonomy(vec![phrase]);
            for o in tax.matcher().find(&t) {
                prop_assert!(t.get(o.range.0..o.range.1).is_some());
            }
        }
    }

    #[test]
    fn normalised_ranges_map_to_char_boundaries(t in "\\PC{0,60}") {
        let n = Normalized::new(&t, true);
        for (i, c) in n.text.char_indices() {
            let (s, e) = n.original_range(i, i + c.len_utf8());
            prop_assert!(t.get(s..e).is_some());
        }
    }
}
