//! The compiled form of a taxonomy: one Aho-Corasick automaton over every phrase, exclusion and
//! section phrase of every topic, built once and run once per paragraph (and once per heading).
//!
//! Aho-Corasick finds literal strings; the meaning-level rules are layered around it:
//! - both sides are normalised alike ([`super::normalize`]), so case, hyphens, dashes, line
//!   breaks and curly quotes do not matter;
//! - a hit counts only at word boundaries, so `gender` does not fire inside `transgender`;
//!   a phrase ending in `*` is a prefix (`cyber*` matches `cybersecurity`);
//! - the last word of a phrase also matches its regular plural (`forum` → `forums`,
//!   `facility` → `facilities`), generated here as extra patterns;
//! - a word written as an acronym (`AI`, `IGF`, `ICTs`) must appear in capitals in the text, so
//!   `AI` never matches the word "ai" and `IGF` never matches "igf" in a URL.
//!
//! The automaton runs in overlapping mode because phrases of different topics overlap
//! ("gender digital divide" is gender's and contains digital-divide's "digital divide").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::normalize::{canonical, Normalized};
use super::Topic;

/// What a phrase does for its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A hit assigns the topic.
    Phrase,
    /// A hit cancels the topic's phrase hits it overlaps (a look-alike).
    Exclude,
    /// A hit in a section heading assigns the topic to the section's paragraphs.
    Section,
    /// A phrase of the topic's context `n`: counts only under a heading of that context.
    Context(usize),
    /// A heading phrase of the topic's context `n`.
    ContextSection(usize),
}

/// One rule behind one automaton pattern.
#[derive(Debug, Clone)]
struct Entry {
    topic: usize,
    role: Role,
    /// The phrase as the editor wrote it, for explanations.
    phrase: usize,
    /// Words that must match case-sensitively (acronyms), by position; `None` elsewhere.
    cased: Option<Vec<Option<String>>>,
    prefix: bool,
}

/// A rule that fired on a text: which topic, which phrase, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub topic: usize,
    pub role: Role,
    /// The phrase as written in the taxonomy.
    pub phrase: String,
    /// Byte range in the original text.
    pub range: (usize, usize),
}

/// Every topic's phrases compiled into one automaton.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern, the rules that share it.
    entries: Vec<Vec<Entry>>,
    /// The phrases as written, referenced by [`Entry::phrase`].
    phrases: Vec<String>,
}

impl Matcher {
    pub fn new(topics: &[Topic]) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut phrases = Vec::new();
        for (topic, t) in topics.iter().enumerate() {
            let mut roles = vec![(Role::Phrase, &t.phrases), (Role::Exclude, &t.exclude), (Role::Section, &t.sections)];
            for (n, c) in t.context.iter().enumerate() {
                roles.push((Role::Context(n), &c.phrases));
                roles.push((Role::ContextSection(n), &c.sections));
            }
            for (role, list) in roles {
                for written in list.iter() {
                    phrases.push(written.clone());
                    for v in variants(written) {
                        let key = canonical(&v.text, true);
                        let id = *ids.entry(key.clone()).or_insert_with(|| {
                            patterns.push(key);
                            entries.push(Vec::new());
                            patterns.len() - 1
                        });
                        entries[id].push(Entry {
                            topic,
                            role,
                            phrase: phrases.len() - 1,
                            cased: v.cased,
                            prefix: v.prefix,
                        });
                    }
                }
            }
        }
        // Patterns come from validated phrases, so building cannot fail for want of input; a
        // failure (e.g. a size limit) leaves the matcher empty rather than panicking.
        let automaton = (!patterns.is_empty())
            .then(|| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok())
            .flatten();
        Matcher { automaton, entries, phrases }
    }

    /// Every rule that fires on `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<Occurrence> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let norm = Normalized::new(text, true);
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(&norm.text) {
            let (s, e) = (m.start(), m.end());
            for entry in &self.entries[m.pattern().as_usize()] {
                if !norm.at_word_boundaries(s, e, entry.prefix) {
                    continue;
                }
                let range = norm.original_range(s, e);
                if !cased_words_match(entry, &text[range.0..range.1]) {
                    continue;
                }
                out.push(Occurrence {
                    topic: entry.topic,
                    role: entry.role,
                    phrase: self.phrases[entry.phrase].clone(),
                    range,
                });
            }
        }
        // One hit per topic, role and place: "girls" is found both as the phrase `girls` and
        // as the plural of `girl`; the first phrase written wins.
        out.sort_by_key(|o| (o.range, o.topic));
        out.dedup_by(|b, a| a.topic == b.topic && a.role == b.role && a.range == b.range);
        out
    }
}

/// Acronym words of the pattern must appear exactly so in the matched original words.
fn cased_words_match(entry: &Entry, original: &str) -> bool {
    let Some(cased) = &entry.cased else {
        return true;
    };
    let found = canonical(original, false);
    let words: Vec<&str> = found.split(' ').collect();
    words.len() == cased.len()
        && cased.iter().zip(&words).all(|(want, got)| match want {
            Some(w) if entry.prefix => got.starts_with(w.as_str()),
            Some(w) => got == w,
            None => true,
        })
}

/// One literal form of a phrase for the automaton.
struct Variant {
    text: String,
    cased: Option<Vec<Option<String>>>,
    prefix: bool,
}

/// The phrase itself and, unless it is a prefix, the regular plural of its last word.
fn variants(written: &str) -> Vec<Variant> {
    let written = written.trim();
    let prefix = written.ends_with('*');
    let base = written.trim_end_matches('*').to_string();
    let mut forms = vec![base.clone()];
    if !prefix {
        if let Some(plural) = plural_of_last_word(&base) {
            forms.push(plural);
        }
    }
    forms
        .into_iter()
        .map(|text| {
            let words: Vec<String> = canonical(&text, false).split(' ').map(str::to_string).collect();
            let cased: Vec<Option<String>> = words.iter().map(|w| is_acronym(w).then(|| w.clone())).collect();
            let cased = cased.iter().any(Option::is_some).then_some(cased);
            Variant { text, cased, prefix }
        })
        .collect()
}

/// `AI`, `IGF`, `WSIS`, `ICTs`: two or more capitals and nothing lowercase but a plural `s`.
pub fn is_acronym(word: &str) -> bool {
    let core = word.strip_suffix('s').unwrap_or(word);
    core.chars().filter(|c| c.is_uppercase()).count() >= 2 && !core.chars().any(char::is_lowercase)
}

fn plural_of_last_word(phrase: &str) -> Option<String> {
    let cut = phrase.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + 1);
    let (head, last) = phrase.split_at(cut);
    if !last.chars().all(char::is_alphabetic) || last.chars().count() < 2 {
        return None;
    }
    if is_acronym(last) {
        return (!last.ends_with('s')).then(|| format!("{head}{last}s"));
    }
    let lower = last.to_lowercase();
    if lower.ends_with('s') || lower.ends_with("men") {
        return None;
    }
    let plural = if lower.ends_with('y') && !lower.ends_with("ay") && !lower.ends_with("ey") && !lower.ends_with("oy") {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["x", "z", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{plural}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(slug: &str, phrases: &[&str], exclude: &[&str]) -> Topic {
        Topic {
            slug: slug.into(),
            name: slug.into(),
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
            ..Topic::default()
        }
    }

    fn found(m: &Matcher, text: &str) -> Vec<(usize, String)> {
        m.find(text).into_iter().map(|o| (o.topic, text[o.range.0..o.range.1].to_string())).collect()
    }

    #[test]
    fn plurals_are_generated_for_the_last_word_only() {
        assert_eq!(plural_of_last_word("Internet Governance Forum").unwrap(), "Internet Governance Forums");
        assert_eq!(plural_of_last_word("capacity").unwrap(), "capacities");
        assert_eq!(plural_of_last_word("digital divide").unwrap(), "digital divides");
        assert_eq!(plural_of_last_word("IGF").unwrap(), "IGFs");
        assert_eq!(plural_of_last_word("women"), None);
        assert_eq!(plural_of_last_word("statistics"), None);
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let m = Matcher::new(&[topic("ai", &["AI"], &[])]);
        assert_eq!(found(&m, "the AI for Good platform"), [(0, "AI".to_string())]);
        assert!(found(&m, "said ai in lowercase").is_empty());
        assert!(found(&m, "AIDS and MAIL").is_empty());
    }

    #[test]
    fn one_automaton_reports_overlapping_phrases_of_several_topics() {
        let m = Matcher::new(&[topic("gender", &["gender*"], &[]), topic("divide", &["digital divide"], &[])]);
        let hits = found(&m, "closing the gender digital divides");
        assert_eq!(hits, [(0, "gender".to_string()), (1, "digital divides".to_string())]);
    }

    #[test]
    fn matched_ranges_index_the_original_text() {
        let m = Matcher::new(&[topic("cb", &["capacity-building"], &[])]);
        let text = "enhanced capacity – building and “capacity-\nbuilding”";
        let hits = found(&m, text);
        assert_eq!(hits, [(0, "capacity – building".to_string()), (0, "capacity-\nbuilding".to_string())]);
    }
}
