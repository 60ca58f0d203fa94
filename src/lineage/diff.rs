//! Word-level changes between two versions of a paragraph, cleaned up for readers.
//!
//! The texts are cut into words, each carrying the punctuation and spacing that follow it; the
//! words are compared by their letters and digits only (lower-cased), so footnote markers
//! (`[^5]`), whitespace, punctuation and quote style (’ vs ', “ vs ") never show as changes.
//! The diff itself is the `similar` crate's (patience). The raw diff is then made readable:
//! an equal island of at most [`ISLAND_MAX_WORDS`] words between two changes is absorbed into
//! them ("[-fifth-] session … [-27-] to [-29 April 2022-]" reads better as one change of the
//! date), and neighbouring deletions and insertions coalesce into one removed run followed by
//! one added run.

use similar::{capture_diff_slices, Algorithm, DiffTag};

/// A piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Segment {
    Same(String),
    Added(String),
    Removed(String),
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Segment::Same(t) | Segment::Added(t) | Segment::Removed(t) => t,
        }
    }
}

/// Equal runs of at most this many words between two changes become part of the change.
pub const ISLAND_MAX_WORDS: usize = 2;

/// The word-level redline from `old` to `new`. Unchanged text is shown as `new` prints it.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let (old, new) = (without_markers(old), without_markers(new));
    let (a, b) = (tokens(&old), tokens(&new));
    let keys_a: Vec<u64> = a.iter().map(|t| t.key).collect();
    let keys_b: Vec<u64> = b.iter().map(|t| t.key).collect();
    // Amendments are mostly a few words inside a long paragraph: the words both versions
    // start and end with are equal runs without asking the diff, which then compares only
    // the middle (a redline is computed for every amended paragraph of the corpus).
    let prefix = keys_a.iter().zip(&keys_b).take_while(|(x, y)| x == y).count();
    let max_suffix = keys_a.len().min(keys_b.len()) - prefix;
    let suffix = keys_a.iter().rev().zip(keys_b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&keys_a[prefix..keys_a.len() - suffix], &keys_b[prefix..keys_b.len() - suffix]);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(Op { equal: true, old: 0..prefix, new: 0..prefix });
    }
    // Positions are rebuilt from the run lengths: the patience diff may report a deletion
    // after an equal run at the equal run's start in the new text.
    let (mut at_old, mut at_new) = (prefix, prefix);
    ops.extend(capture_diff_slices(Algorithm::Patience, mid_a, mid_b).iter().map(|op| {
        let (tag, o, n) = op.as_tag_tuple();
        let run = Op { equal: tag == DiffTag::Equal, old: at_old..at_old + o.len(), new: at_new..at_new + n.len() };
        (at_old, at_new) = (run.old.end, run.new.end);
        run
    }));
    if suffix > 0 {
        ops.push(Op { equal: true, old: at_old..keys_a.len(), new: at_new..keys_b.len() });
    }
    render(&a, &b, &coalesce(absorb_islands(ops)), &new)
}

/// The text without Markdown footnote markers (`[^5]`), which are neither words nor shown.
fn without_markers(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("[^") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                out.push_str(&rest[..start]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether the redline shows any change.
pub fn has_changes(segments: &[Segment]) -> bool {
    segments.iter().any(|s| !matches!(s, Segment::Same(_)))
}

/// A word as compared (`key`) and as shown (`shown`: the word and what follows it, up to the
/// next word).
#[derive(Debug)]
struct Token<'a> {
    /// A hash of the word's lower-cased letters and digits: equal words, equal keys (a redline
    /// is computed for every amended paragraph, so words are not copied into strings).
    key: u64,
    shown: &'a str,
}

/// Cut `text` into words. Text before the first word is kept in the first token's display.
fn tokens(text: &str) -> Vec<Token<'_>> {
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let mut start = 0; // start of the current token's display
    let (mut key, mut in_key) = (SEED, false);
    let mut after_word = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if after_word && in_key {
                out.push(Token { key, shown: &text[start..i] });
                (key, start) = (SEED, i);
            }
            after_word = false;
            in_key = true;
            for lower in c.to_lowercase() {
                key = (key ^ u64::from(u32::from(lower))).wrapping_mul(0x0000_0100_0000_01b3);
            }
        } else if in_key {
            after_word = true;
        }
    }
    if in_key {
        out.push(Token { key, shown: &text[start..] });
    }
    out
}

/// One run of the diff: equal, or a change (deletion, insertion or both).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Op {
    equal: bool,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// Turn short equal runs between two changes into changes.
fn absorb_islands(mut ops: Vec<Op>) -> Vec<Op> {
    for i in 1..ops.len().saturating_sub(1) {
        let island = &ops[i];
        if island.equal && island.new.len() <= ISLAND_MAX_WORDS && !ops[i - 1].equal && !ops[i + 1].equal {
            ops[i].equal = false;
        }
    }
    ops
}

/// Merge neighbouring changes into one.
fn coalesce(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    for op in ops {
        match out.last_mut() {
            Some(last) if !last.equal && !op.equal => {
                last.old.end = op.old.end;
                last.new.end = op.new.end;
            }
            _ => out.push(op),
        }
    }
    out
}

fn render(a: &[Token], b: &[Token], ops: &[Op], new_text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let shown = |ts: &[Token]| ts.iter().map(|t| t.shown).collect::<String>();
    for op in ops {
        if op.equal {
            push(&mut out, Segment::Same(shown(&b[op.new.clone()])));
            continue;
        }
        let removed = shown(&a[op.old.clone()]);
        let removed_words = removed.trim_end();
        if op.new.is_empty() && out.last().is_some_and(|s| !s.text().ends_with(char::is_whitespace)) {
            // A deletion at the very end: the new text has no space left before it.
            push(&mut out, Segment::Same(" ".into()));
        }
        if !removed_words.is_empty() {
            push(&mut out, Segment::Removed(removed_words.to_string()));
        }
        let added = shown(&b[op.new.clone()]);
        let added_words = added.trim_end();
        if !added_words.is_empty() {
            push(&mut out, Segment::Added(added_words.to_string()));
        }
        // Spacing after a change belongs to the text around it, not to the change; after a
        // pure deletion it keeps the words on either side apart.
        let trailing = if added.is_empty() { &removed[removed_words.len()..] } else { &added[added_words.len()..] };
        if !trailing.is_empty() && op.new.end < b.len() {
            push(&mut out, Segment::Same(trailing.to_string()));
        }
    }
    if out.is_empty() && !new_text.is_empty() {
        out.push(Segment::Same(new_text.to_string()));
    }
    out
}

fn push(out: &mut Vec<Segment>, seg: Segment) {
    match (out.last_mut(), &seg) {
        (Some(Segment::Same(t)), Segment::Same(s))
        | (Some(Segment::Added(t)), Segment::Added(s))
        | (Some(Segment::Removed(t)), Segment::Removed(s)) => t.push_str(s),
        _ => out.push(seg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Same(t) => t.clone(),
                Segment::Added(t) => format!("{{+{t}+}}"),
                Segment::Removed(t) => format!("[-{t}-]"),
            })
            .collect()
    }

    #[test]
    fn identical_texts_are_one_unchanged_segment() {
        assert_eq!(
            word_diff("Notes the report;", "Notes the report;"),
            vec![Segment::Same("Notes the report;".into())]
        );
    }

    #[test]
    fn quotes_whitespace_case_punctuation_and_footnote_markers_never_show() {
        let old = "Takes note of the “Road map”,[^3] and women’s  access;";
        let new = "Takes note of the \"Road Map\"[^4] and women's access,";
        let d = word_diff(old, new);
        assert!(!has_changes(&d), "{d:?}");
        assert_eq!(show(&d), "Takes note of the \"Road Map\" and women's access,");
    }

    #[test]
    fn changes_are_whole_words() {
        let d = word_diff("Welcomes the holding of the event", "Recalls the holding of the event");
        assert_eq!(show(&d), "[-Welcomes-]{+Recalls+} the holding of the event");
    }

    #[test]
    fn a_single_word_between_two_changes_is_absorbed() {
        let d = word_diff("held from 27 to 29 April 2022 in Geneva", "held from 6 to 8 May 2024 in Geneva");
        assert_eq!(show(&d), "held from [-27 to 29 April 2022-]{+6 to 8 May 2024+} in Geneva");
    }

    #[test]
    fn an_equal_run_of_exactly_the_island_limit_is_absorbed() {
        assert_eq!(ISLAND_MAX_WORDS, 2);
        let d = word_diff("alpha one two beta", "gamma one two delta");
        assert_eq!(show(&d), "[-alpha one two beta-]{+gamma one two delta+}");
    }

    #[test]
    fn an_equal_run_at_the_start_or_end_is_never_absorbed() {
        let d = word_diff("the report alpha", "the report gamma");
        assert_eq!(show(&d), "the report [-alpha-]{+gamma+}");
    }

    #[test]
    fn an_equal_run_longer_than_the_island_limit_stays() {
        let d = word_diff("alpha one two three beta", "gamma one two three delta");
        assert_eq!(show(&d), "[-alpha-]{+gamma+} one two three [-beta-]{+delta+}");
    }

    #[test]
    fn insertions_and_deletions_keep_the_spacing_of_the_text() {
        assert_eq!(
            show(&word_diff("all stakeholders in the", "all Member States and other stakeholders in the")),
            "all {+Member States and other+} stakeholders in the"
        );
        assert_eq!(
            show(&word_diff("the programmes that they could fund", "the programmes to fund")),
            "the programmes [-that they could-]{+to+} fund"
        );
        assert_eq!(show(&word_diff("a b c d", "a d")), "a [-b c-] d");
        assert_eq!(
            show(&word_diff("the report, as well as the Envoy,", "the report,")),
            "the report, [-as well as the Envoy,-]"
        );
    }

    fn words_of(segments: &[Segment], keep: fn(&Segment) -> bool) -> Vec<String> {
        let text: String = segments.iter().filter(|s| keep(s)).map(|s| format!("{} ", s.text())).collect();
        crate::lineage::text::words(&text)
    }

    proptest::proptest! {
        #[test]
        fn the_redline_holds_exactly_the_words_of_both_versions(old in "[a-c ,.’'“\"\\n-]{0,40}", new in "[a-c ,.’'“\"\\n-]{0,40}") {
            let d = word_diff(&old, &new);
            proptest::prop_assert_eq!(words_of(&d, |s| !matches!(s, Segment::Added(_))), crate::lineage::text::words(&old));
            proptest::prop_assert_eq!(words_of(&d, |s| !matches!(s, Segment::Removed(_))), crate::lineage::text::words(&new));
        }

        #[test]
        fn any_text_diffs_without_panicking(old in "\\PC{0,60}", new in "\\PC{0,60}") {
            let _ = word_diff(&old, &new);
        }
    }

    #[test]
    fn a_deletion_after_an_absorbed_island_keeps_every_added_word() {
        // The patience diff reports this deletion at the start of the equal run before it.
        assert_eq!(show(&word_diff("a,b", "c\na\"a")), "[-a,b-]{+c\na\"a+}");
    }

    #[test]
    fn empty_texts_do_not_panic() {
        assert_eq!(word_diff("", ""), Vec::<Segment>::new());
        assert_eq!(show(&word_diff("", "New text")), "{+New text+}");
        assert_eq!(show(&word_diff("Old text", "")), "[-Old text-]");
    }
}
