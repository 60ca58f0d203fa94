//! Word-level repairs of the joined paragraph texts. Each rule is a small function named
//! after what it repairs, tested on its own; each repair it makes is reported with the rule's
//! name, so an editor can check it. Rules that guess (which word was meant) only turn a word
//! found nowhere else into one the [`Vocabulary`] knows: never a list of known typos.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::body::RawPara;
use super::footnotes::FootnoteDef;
use super::markers::{CLOSE, RESOLVED};
use super::report::Report;
use super::vocab::{words, Vocabulary};

/// Stands where a line ended in a hyphen, until the vocabulary decides whether the hyphen
/// belongs to a compound (`capacity-building`) or broke a word.
pub const LINE_HYPHEN: char = '\u{E002}';

/// One repair: the rule's name and what it did.
type Fix = (&'static str, String);

/// A rule: text and vocabulary in, repaired text and what changed out.
type Rule = fn(&str, &Vocabulary) -> (String, Vec<Fix>);

const PARAGRAPH_RULES: &[Rule] = &[
    line_end_hyphen,
    ligatures,
    stray_space_hyphen,
    spaced_compound_dash,
    split_word,
    stray_leading_letter,
    lost_diacritic,
    roman_numeral,
    missing_compound_hyphen,
    tracked_change_residue,
    doubled_punctuation,
    space_after_slash,
    range_dash,
    spurious_period_before_marker,
    marker_spacing,
    whitespace,
];

const FOOTNOTE_RULES: &[Rule] =
    &[ligatures, roman_numeral, doubled_punctuation, space_after_slash, range_dash, whitespace];

/// Repair every paragraph and footnote; report each repair, and repeated phrases as
/// uncertainties.
pub fn run(paras: &mut [RawPara], defs: &mut [FootnoteDef], report: &mut Report) {
    let texts = paras.iter().map(|p| p.text.as_str()).chain(defs.iter().map(|d| d.text.as_str()));
    let vocab = Vocabulary::build(texts);
    for p in paras.iter_mut() {
        p.text = apply(PARAGRAPH_RULES, &p.text, &vocab, p.line, report);
        if let Some(phrase) = repeated_phrase(&p.text) {
            report.uncertain(p.line, "repeated-phrase", format!("`{phrase} {phrase}`: check against the original"));
        }
    }
    for d in defs.iter_mut() {
        d.text = apply(FOOTNOTE_RULES, &d.text, &vocab, d.line, report);
    }
}

fn apply(rules: &[Rule], text: &str, vocab: &Vocabulary, line: usize, report: &mut Report) -> String {
    let mut text = text.to_string();
    for rule in rules {
        let (fixed, fixes) = rule(&text, vocab);
        for (name, detail) in fixes {
            report.repair(line, name, detail);
        }
        text = fixed;
    }
    text
}

/// Run a regex replacement, recording each replacement made as a fix of `rule`.
fn replace(
    re: &Regex,
    text: &str,
    rule: &'static str,
    mut f: impl FnMut(&Captures) -> Option<String>,
) -> (String, Vec<Fix>) {
    let mut fixes = Vec::new();
    let out = re.replace_all(text, |c: &Captures| match f(c) {
        Some(new) => {
            fixes.push((rule, format!("`{}` → `{}`", visible(&c[0]), visible(&new))));
            new
        }
        None => c[0].to_string(),
    });
    (out.into_owned(), fixes)
}

/// Placeholders shown readably in the report.
fn visible(s: &str) -> String {
    s.replace(RESOLVED, "[^").replace(CLOSE, "]").replace(LINE_HYPHEN, "-")
}

static LINE_HYPHEN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(\p{{L}}+){LINE_HYPHEN}(\p{{L}}+)")).unwrap());

/// `capacity-⏎building` keeps its hyphen (a compound); `develop-⏎ment` loses it when the
/// joined word is known and the hyphenated one is not.
pub fn line_end_hyphen(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    let (out, fixes) = replace(&LINE_HYPHEN_RE, text, "line-end-hyphen", |c| {
        let closed = format!("{}{}", &c[1], &c[2]);
        let hyphenated = v.compound(&closed).is_some();
        (!hyphenated && v.count(&closed) > 0).then_some(closed)
    });
    (out.replace(LINE_HYPHEN, "-"), fixes)
}

/// Typographic ligatures from PDF fonts: `ﬁ` → `fi`.
pub fn ligatures(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    const LIGATURES: [(&str, &str); 5] = [("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬀ", "ff"), ("ﬃ", "ffi"), ("ﬄ", "ffl")];
    let mut out = text.to_string();
    let mut fixes = Vec::new();
    for (lig, plain) in LIGATURES {
        if out.contains(lig) {
            fixes.push(("ligature", format!("`{lig}` → `{plain}`")));
            out = out.replace(lig, plain);
        }
    }
    (out, fixes)
}

static SPACE_HYPHEN_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}) -(\p{Ll})").unwrap());
static SPACE_HYPHEN_PUNCT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([,;]) -(\p{Ll})").unwrap());

/// A hyphen that lost its place: `day -to-day` → `day-to-day`, `literacy, -civic` → `literacy, civic`.
pub fn stray_space_hyphen(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    let (out, mut fixes) =
        replace(&SPACE_HYPHEN_WORD, text, "stray-space-hyphen", |c| Some(format!("{}-{}", &c[1], &c[2])));
    let (out, more) = replace(&SPACE_HYPHEN_PUNCT, &out, "stray-hyphen", |c| Some(format!("{} {}", &c[1], &c[2])));
    fixes.extend(more);
    (out, fixes)
}

static SPACED_DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}+) [–—-] (\p{L}+)").unwrap());

/// A compound whose hyphen came out as a spaced dash, where the text elsewhere prints the
/// compound: `capacity – building` → `capacity-building`.
pub fn spaced_compound_dash(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&SPACED_DASH, text, "spaced-compound-dash", |c| {
        let compound = format!("{}-{}", &c[1], &c[2]);
        v.compound(&format!("{}{}", &c[1], &c[2]))
            .filter(|(k, n)| *n >= 2 && *k == compound.to_lowercase())
            .map(|_| compound)
    })
}

static LONE_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(“])([b-df-hj-np-tv-z]) (\p{Ll}{2,})\b").unwrap());

/// A word split by a stray space after its first letter: `t he` → `the`, `f ull` → `full`.
pub fn split_word(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&LONE_LETTER, text, "split-word", |c| {
        let joined = format!("{}{}", &c[2], &c[3]);
        (v.count(&joined) > 0).then(|| format!("{}{joined}", &c[1]))
    })
}

static LOWER_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\p{Ll}{4,}\b").unwrap());

/// An OCR speck read as a letter before a word: `vrecalls` → `recalls`, `wuse` → `use`. Only
/// when the word occurs nowhere else, the rest is a known word, and no known word starts
/// with the same two letters.
pub fn stray_leading_letter(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&LOWER_WORD, text, "stray-letter", |c| {
        let w = &c[0];
        let rest = &w[w.chars().next()?.len_utf8()..];
        (v.count(w) <= 1 && v.count(rest) >= 2 && !v.has_onset(w)).then(|| rest.to_string())
    })
}

static ASCII_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[A-Za-z]{4,}\b").unwrap());

/// A name whose accented letter OCR read as a plain one: `Lillestrem` → `Lillestrøm`.
pub fn lost_diacritic(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&ASCII_WORD, text, "lost-diacritic", |c| {
        let w = &c[0];
        v.accented_match(w).filter(|_| v.count(w) <= 1).map(String::from)
    })
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([IVXLC1l]{2,7})\)").unwrap());

/// A Roman numeral in brackets with a digit one or a small L for a capital I: `(I1I)` → `(III)`.
pub fn roman_numeral(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&ROMAN, text, "roman-numeral", |c| {
        let inner = &c[1];
        let mixed = inner.contains(['1', 'l']) && inner.contains(['I', 'V', 'X', 'L', 'C']);
        mixed.then(|| format!("({})", inner.replace(['1', 'l'], "I")))
    })
}

static LONG_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\p{L}{6,}\b").unwrap());

/// A compound that lost its hyphen where the text elsewhere prints it with one:
/// `Highlevel` → `High-level`.
pub fn missing_compound_hyphen(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&LONG_WORD, text, "missing-hyphen", |c| {
        let w = &c[0];
        if w.chars().skip(1).any(char::is_uppercase) {
            return None; // `eCommerce`, `eTrade`: a name, not a compound that lost its hyphen
        }
        let (compound, n) = v.compound(w)?;
        (n >= 2 && v.count(w) <= 1).then(|| match_case(w, compound))
    })
}

fn match_case(model: &str, word: &str) -> String {
    let mut chars = word.chars();
    match (model.chars().next(), chars.next()) {
        (Some(m), Some(first)) if m.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}

/// Tracked-change residue: a word printed twice, the second glued to the next word:
/// `process processand also` → `process and also`.
pub fn tracked_change_residue(text: &str, v: &Vocabulary) -> (String, Vec<Fix>) {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut fixes = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (w, next) = (tokens[i], tokens.get(i + 1).copied().unwrap_or(""));
        let rest = next.strip_prefix(w).filter(|_| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic));
        match rest
            .filter(|r| !r.is_empty() && r.chars().all(char::is_alphabetic) && v.count(next) <= 1 && v.count(r) >= 2)
        {
            Some(r) => {
                fixes.push(("tracked-change", format!("`{w} {next}` → `{w} {r}`")));
                out.push(w.to_string());
                out.push(r.to_string());
                i += 2;
            }
            None => {
                out.push(w.to_string());
                i += 1;
            }
        }
    }
    (out.join(" "), fixes)
}

static DOUBLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",([;.])|([;,])([;,])").unwrap());

/// Punctuation doubled by an extraction: `Agenda,;` → `Agenda;`, `,,` → `,`.
pub fn doubled_punctuation(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&DOUBLED, text, "doubled-punctuation", |c| {
        let s = &c[0];
        Some(if s.starts_with(',') && s.len() == 2 && s != ",," { s[1..].to_string() } else { s[..1].to_string() })
    })
}

static SLASH_SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L})/ (\p{Lu})").unwrap());

/// A slash compound split at a line end and rejoined with a space:
/// `Telecommunication/ Information` → `Telecommunication/Information`.
pub fn space_after_slash(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&SLASH_SPACE, text, "space-after-slash", |c| Some(format!("{}/{}", &c[1], &c[2])))
}

static NUMBER_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(])(\d{1,4})-(\d{1,4})([\s),.;:]|$)").unwrap());

/// A range of numbers takes an en dash, as the UN prints it; extraction from PDF often leaves
/// a hyphen: `9-24 November` → `9–24 November`, `(2022-2032)` → `(2022–2032)`.
pub fn range_dash(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&NUMBER_RANGE, text, "range-dash", |c| {
        let (from, to): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
        (from < to).then(|| format!("{}{}–{}{}", &c[1], &c[2], &c[3], &c[4]))
    })
}

static SPACE_PERIOD_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r" \.{RESOLVED}")).unwrap());

/// A full stop standing alone before a footnote marker, in mid-sentence:
/// `cooperation” .¹⁴and` → `cooperation”¹⁴ and`.
pub fn spurious_period_before_marker(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    replace(&SPACE_PERIOD_MARKER, text, "spurious-period", |_| Some(RESOLVED.to_string()))
}

static MARKER_GLUED: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"{CLOSE}([\p{{L}}“(])")).unwrap());

/// A marker glued to the next word gets its space back: `annually,¹and` → `annually,¹ and`.
pub fn marker_spacing(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    let out = MARKER_GLUED.replace_all(text, |c: &Captures| format!("{CLOSE} {}", &c[1]));
    (out.into_owned(), Vec::new())
}

/// Runs of spaces and spaces at the ends, left by the other passes.
pub fn whitespace(text: &str, _: &Vocabulary) -> (String, Vec<Fix>) {
    (super::lines::collapse_spaces(text.trim()), Vec::new())
}

/// A phrase of three or four words printed twice in a row (`holding of the holding of the`).
pub fn repeated_phrase(text: &str) -> Option<String> {
    let w: Vec<&str> = words(text).collect();
    for n in [4, 3] {
        for i in 0..w.len().saturating_sub(2 * n - 1) {
            if w[i..i + n] == w[i + n..i + 2 * n] && text.contains(&w[i..i + 2 * n].join(" ")) {
                return Some(w[i..i + n].join(" "));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        Vocabulary::build([text].into_iter())
    }

    fn fixed(rule: Rule, text: &str, corpus: &str) -> String {
        rule(text, &vocab(corpus)).0
    }

    #[test]
    fn line_end_hyphen_keeps_compounds_and_mends_broken_words() {
        let h = LINE_HYPHEN;
        assert_eq!(fixed(line_end_hyphen, &format!("capacity{h}building"), "capacity-building"), "capacity-building");
        assert_eq!(fixed(line_end_hyphen, &format!("gender{h}disaggregated"), ""), "gender-disaggregated");
        assert_eq!(fixed(line_end_hyphen, &format!("develop{h}ment"), "development"), "development");
    }

    #[test]
    fn stray_space_hyphens_are_closed_up_or_dropped() {
        assert_eq!(
            fixed(stray_space_hyphen, "the day -to-day matters, e -government", ""),
            "the day-to-day matters, e-government"
        );
        assert_eq!(fixed(stray_space_hyphen, "literacy, -civic participation", ""), "literacy, civic participation");
        assert_eq!(fixed(stray_space_hyphen, "2022 – 63 per cent", ""), "2022 – 63 per cent");
    }

    #[test]
    fn a_spaced_dash_inside_a_known_compound_becomes_its_hyphen() {
        let corpus = "capacity-building and capacity-building";
        assert_eq!(
            fixed(spaced_compound_dash, "education, capacity – building, and", corpus),
            "education, capacity-building, and"
        );
        assert_eq!(
            fixed(spaced_compound_dash, "Broadband – Accelerating growth", corpus),
            "Broadband – Accelerating growth"
        );
    }

    #[test]
    fn split_words_are_joined_only_into_known_words() {
        assert_eq!(
            fixed(split_word, "the Office of t he Secretary and the f ull", "full"),
            "the Office of the Secretary and the full"
        );
        assert_eq!(fixed(split_word, "paragraph (c) and b xyz", ""), "paragraph (c) and b xyz");
    }

    #[test]
    fn a_stray_leading_letter_is_dropped_when_the_rest_is_a_known_word() {
        let corpus = "recalls recalls use use the of";
        assert_eq!(fixed(stray_leading_letter, "Further vrecalls the", corpus), "Further recalls the");
        assert_eq!(fixed(stray_leading_letter, "measures to wuse information", corpus), "measures to use information");
        assert_eq!(
            fixed(stray_leading_letter, "spending and pending pending", "spending pending pending"),
            "spending and pending pending"
        );
    }

    #[test]
    fn lost_diacritics_are_restored_from_known_names() {
        assert_eq!(fixed(lost_diacritic, "organized in Lillestrem, Norway", ""), "organized in Lillestrøm, Norway");
        assert_eq!(fixed(lost_diacritic, "in Lillestrom,;", ""), "in Lillestrøm,;");
    }

    #[test]
    fn roman_numerals_with_ones_are_mended() {
        assert_eq!(fixed(roman_numeral, "resolution 217 A (I1I).", ""), "resolution 217 A (III).");
        assert_eq!(fixed(roman_numeral, "resolution 2200 A (XXl)", ""), "resolution 2200 A (XXI)");
        assert_eq!(fixed(roman_numeral, "paragraph (11) and (III)", ""), "paragraph (11) and (III)");
    }

    #[test]
    fn a_compound_printed_elsewhere_with_its_hyphen_gets_it_back() {
        let corpus = "High-level Event high-level meeting Highlevel";
        assert_eq!(fixed(missing_compound_hyphen, "Forum Highlevel Event", corpus), "Forum High-level Event");
        let corpus = "e-commerce e-commerce eCommerce";
        assert_eq!(fixed(missing_compound_hyphen, "Development eCommerce Week", corpus), "Development eCommerce Week");
    }

    #[test]
    fn tracked_change_residue_is_removed() {
        assert_eq!(fixed(tracked_change_residue, "the process processand also", "and and"), "the process and also");
        assert_eq!(fixed(tracked_change_residue, "the press pressing", "pressing pressing"), "the press pressing");
    }

    #[test]
    fn doubled_punctuation_keeps_the_stronger_mark() {
        assert_eq!(fixed(doubled_punctuation, "of the Tunis Agenda,;", ""), "of the Tunis Agenda;");
        assert_eq!(fixed(doubled_punctuation, "and,, so", ""), "and, so");
        assert_eq!(fixed(doubled_punctuation, "resolution 70/125.", ""), "resolution 70/125.");
    }

    #[test]
    fn slash_compounds_close_up() {
        assert_eq!(
            fixed(space_after_slash, "World Telecommunication/ Information and", ""),
            "World Telecommunication/Information and"
        );
    }

    #[test]
    fn number_ranges_take_an_en_dash_but_symbols_and_names_keep_their_hyphens() {
        assert_eq!(
            fixed(range_dash, "Paris, 9-24 November 2021 (2022-2032).", ""),
            "Paris, 9–24 November 2021 (2022–2032)."
        );
        assert_eq!(
            fixed(range_dash, "A/67/65-E/2012/48 and COVID-19, 1325-1", ""),
            "A/67/65-E/2012/48 and COVID-19, 1325-1"
        );
    }

    #[test]
    fn a_full_stop_before_a_marker_in_mid_sentence_is_dropped() {
        let text = format!("cooperation” .{RESOLVED}14{CLOSE}and the");
        let out = fixed(spurious_period_before_marker, &text, "");
        assert_eq!(fixed(marker_spacing, &out, ""), format!("cooperation”{RESOLVED}14{CLOSE} and the"));
    }

    #[test]
    fn repeated_phrases_are_found() {
        assert_eq!(
            repeated_phrase("to the holding of the holding of the eighteenth").as_deref(),
            Some("the holding of")
        );
        assert_eq!(repeated_phrase("the Forum, the Forum and"), None);
    }
}
