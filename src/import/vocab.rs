//! The vocabulary word repairs check against: the words of the text being imported, plus a
//! small list of UN vocabulary (the verbs that open paragraphs, the names that carry
//! diacritics and lose them to OCR). A repair that guesses is only made when it turns a word
//! found nowhere into a word this vocabulary knows.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

/// Words of UN resolutions, in lower case, beyond those any one text may contain.
const UN_WORDS: &str = "
the of and to in for on by with as at from that which this these those its their all any other such
also further again once moreover furthermore particularly especially including inter alia
acknowledges acknowledging adopts adopting affirms affirming agrees appeals appreciates approves
authorizes calls calling commends commending concerned condemns condemning considers considering
convinced decides declares deplores determined directs emphasizes emphasizing encourages encouraging
endorses endorsing expresses expressing highlights highlighting invites inviting looks looking notes
noting reaffirms reaffirming recalls recalling recognizes recognizing recommends reiterates
reiterating renews requests requesting resolves stresses stressing supports supporting takes taking
underlines underlining underscores underscoring urges urging welcomes welcoming bearing mindful aware
conscious cognizant alarmed deeply note appreciation satisfaction concern interest regret gratitude
use used uses using full fully the then there here where when who whom whose what
resolution resolutions report reports session sessions assembly council commission committee
agenda annex development sustainable goals goal states member members united nations organization
organizations programme programmes implementation outcome outcomes summit society information
communications technology technologies international national regional global countries country
developing developed least landlocked small island digital divide divides access cooperation
governance internet forum stakeholder stakeholders multi-stakeholder capacity-building high-level
follow-up people-centred development-oriented women girls gender human rights persons disabilities
";

/// Names that carry letters OCR tends to lose (`Lillestrøm` read as `Lillestrem`).
const NAMES_WITH_DIACRITICS: &[&str] = &[
    "Lillestrøm",
    "Tromsø",
    "Malmö",
    "Zürich",
    "Türkiye",
    "Côte",
    "d’Ivoire",
    "São",
    "Tomé",
    "Príncipe",
    "Curaçao",
    "Réunion",
    "Bogotá",
    "Brasília",
    "Yaoundé",
    "Lomé",
    "Asunción",
    "Reykjavík",
    "Kraków",
    "Gdańsk",
    "Medellín",
    "Cancún",
    "Mérida",
    "Montréal",
    "Québec",
    "Nouméa",
    "Genève",
    "Åland",
    "Ålesund",
    "København",
    "Göteborg",
    "Düsseldorf",
    "Köln",
    "München",
    "Tórshavn",
    "Nuku‘alofa",
    "Chişinău",
    "Timişoara",
    "Bucureşti",
    "Vientiane",
    "Ouagadougou",
    "Nouakchott",
    "Antananarivo",
    "Doğu",
    "İstanbul",
    "İzmir",
    "Łódź",
    "Poznań",
    "Wrocław",
    "Plzeň",
    "Brno",
    "Bratislava",
    "Ljubljana",
    "Šibenik",
    "Niš",
    "Priština",
    "Tiranë",
    "Skopje",
    "Zagreb",
    "Pécs",
    "Győr",
    "Sevastopol",
    "Baku",
    "Tbilisi",
    "Yerevan",
    "Almaty",
    "Bishkek",
    "Dushanbe",
    "Ashgabat",
    "Tashkent",
    "Ulaanbaatar",
    "Addis",
    "Ababa",
    "Nairobi",
    "Marrakech",
    "Marrakesh",
    "Sharm",
    "El-Sheikh",
    "Charlottesville",
];

/// What the text and the UN know.
#[derive(Debug, Default)]
pub struct Vocabulary {
    counts: HashMap<String, usize>,
    compounds: HashMap<String, (String, usize)>,
    accented: HashMap<usize, Vec<String>>,
    onsets: HashSet<String>,
}

impl Vocabulary {
    /// Build from the texts of the document.
    pub fn build<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let mut v = Vocabulary::default();
        for t in texts {
            for w in words(t) {
                v.add(w);
            }
        }
        for w in UN_WORDS.split_whitespace() {
            *v.counts.entry(w.to_string()).or_default() += 2;
            v.add_parts(w);
        }
        for name in NAMES_WITH_DIACRITICS {
            v.accented.entry(name.chars().count()).or_default().push(name.to_string());
            *v.counts.entry(name.to_lowercase()).or_default() += 2;
        }
        // Onsets of words seen at least twice: a word seen once may be the very slip to mend.
        v.onsets = v.counts.iter().filter(|(_, n)| **n >= 2).filter_map(|(w, _)| onset(w)).collect();
        v
    }

    fn add(&mut self, word: &str) {
        let lower = word.to_lowercase();
        *self.counts.entry(lower.clone()).or_default() += 1;
        if word.contains('-') {
            let closed: String = lower.chars().filter(|c| *c != '-').collect();
            let entry = self.compounds.entry(closed).or_insert_with(|| (lower.clone(), 0));
            entry.1 += 1;
            self.add_parts(&lower);
        }
        if !word.is_ascii() && word.chars().all(char::is_alphabetic) {
            let list = self.accented.entry(word.chars().count()).or_default();
            if !list.iter().any(|w| w == word) {
                list.push(word.to_string());
            }
        }
    }

    fn add_parts(&mut self, compound: &str) {
        for part in compound.split('-').filter(|p| p.len() > 1) {
            *self.counts.entry(part.to_string()).or_default() += 1;
        }
    }

    /// How often the word occurs (case-insensitive), UN vocabulary counting twice.
    pub fn count(&self, word: &str) -> usize {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// The hyphenated compound whose letters are `closed`, and how often it occurs.
    pub fn compound(&self, closed: &str) -> Option<(&str, usize)> {
        self.compounds.get(&closed.to_lowercase()).map(|(c, n)| (c.as_str(), *n))
    }

    /// Do English words start with these two letters (`sp`, `re`), or some word the text
    /// uses more than once? `vr`, `wu` start none.
    pub fn has_onset(&self, word: &str) -> bool {
        onset(&word.to_lowercase()).is_some_and(|o| english_onset(&o) || self.onsets.contains(&o))
    }

    /// A known word with diacritics that `word` matches letter for letter except where the
    /// known word has a non-ASCII letter.
    pub fn accented_match(&self, word: &str) -> Option<&str> {
        let n = word.chars().count();
        self.accented.get(&n)?.iter().map(String::as_str).find(|cand| differs_only_by_accents(word, cand))
    }
}

/// `word` (plain letters) and `accented` agree letter for letter, except at one position in
/// a short word or two in a long one, where `accented` has a letter OCR could not read: its
/// base letter (`ó` read as `o`) or, for a letter with no base (`ø`, `ł`), any letter.
fn differs_only_by_accents(word: &str, accented: &str) -> bool {
    let mut differences = 0;
    for (a, b) in word.chars().zip(accented.chars()) {
        if a == b {
            continue;
        }
        let base = b.nfd().next().filter(|c| c.is_ascii());
        let readable = !b.is_ascii() && a.is_ascii_alphabetic() && base.is_none_or(|c| c.eq_ignore_ascii_case(&a));
        if !readable {
            return false;
        }
        differences += 1;
    }
    differences >= 1 && differences <= if word.len() >= 8 { 2 } else { 1 }
}

/// The letters that follow each consonant at the start of common English words; a vowel may
/// start a word with anything after it.
fn english_onset(onset: &str) -> bool {
    const AFTER: &[(char, &str)] = &[
        ('b', "aeiloruy"),
        ('c', "aehilorsuyz"),
        ('d', "aeioruwy"),
        ('f', "aeiloruy"),
        ('g', "aehilnoruy"),
        ('h', "aeiouy"),
        ('j', "aeiou"),
        ('k', "aeinoruy"),
        ('l', "aeiouy"),
        ('m', "aeiouy"),
        ('n', "aeiouy"),
        ('p', "aehilorsuy"),
        ('q', "u"),
        ('r', "aehiouy"),
        ('s', "acehiklmnopqtuwy"),
        ('t', "aehioruwy"),
        ('v', "aeiouy"),
        ('w', "aehiory"),
        ('x', "ey"),
        ('y', "aeiou"),
        ('z', "aeiouy"),
    ];
    let mut chars = onset.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return false };
    "aeiou".contains(first) || AFTER.iter().any(|(c, after)| *c == first && after.contains(second))
}

fn onset(word: &str) -> Option<String> {
    let o: String = word.chars().take(2).collect();
    (o.chars().count() == 2 && o.chars().all(char::is_alphabetic)).then_some(o)
}

/// The words of a text: runs of letters, hyphens and apostrophes inside words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-' || c == '’' || c == '\''))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_compounds_onsets_and_accented_names() {
        let v = Vocabulary::build(["the High-level Event and high-level meeting of the recalls"].into_iter());
        assert!(v.count("the") > v.count("event"));
        assert_eq!(v.compound("Highlevel"), Some(("high-level", 2)));
        assert!(v.has_onset("recalls"));
        assert!(!v.has_onset("vrecalls"));
        assert_eq!(v.accented_match("Lillestrem"), Some("Lillestrøm"));
        assert_eq!(v.accented_match("Lillestrom"), Some("Lillestrøm"));
        assert_eq!(v.accented_match("Lillehammer"), None);
        assert_eq!(v.accented_match("Body"), None);
        assert_eq!(v.accented_match("Lome"), Some("Lomé"));
        assert_eq!(v.accented_match("Lomx"), None);
    }
}
