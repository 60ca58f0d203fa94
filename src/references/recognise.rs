//! The recogniser: finds references in one plain text and says what each one names.
//!
//! It knows nothing of the corpus. It returns [`Mention`]s: a byte range of the text, the
//! document named (a symbol, or `None` for the text itself) and the paragraphs named. The
//! regular expressions are compiled once for the process. Each family of references has its
//! own expression, and one `RegexSet` pass tells which families can match a text at all
//! (most paragraphs cite nothing, and then nothing else runs). The candidates of all families
//! are then merged, the longest winning where two overlap, so "paragraphs 55 to 65 of General
//! Assembly resolution 70/125" is one reference, not a paragraph and a resolution reference.

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use super::symbols::{self, Organ, Outcome, ResNumber};
use super::RefKind;

/// A reference found in a text, before it is resolved against the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: RefKind,
    /// Byte range in the text, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// The symbol of the document named; `None` for the text itself ("paragraph 5 above").
    pub document: Option<String>,
    /// The paragraphs named, as written; empty when the document as a whole is cited.
    pub paragraphs: Vec<Cited>,
}

/// One paragraph, or a run of them, as the text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    /// "paragraph 12bis", "paragraph 116 (a)".
    Number { number: String, letter: Option<String> },
    /// "paragraphs 34 to 37": operative paragraphs from the first to the last number.
    Range(u32, u32),
    /// "subparagraph (b)": a sub-paragraph of the chapeau the text stands under.
    Letter(String),
    /// "the third preambular paragraph".
    Preambular(u32),
}

const BODY: &str = r"General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council|Human\s+Rights\s+Council|Council|Assembly";

/// A resolution number in any of its shapes; see [`ResNumber`]. A Roman session may carry the
/// OCR slip of a `1` for an `I`, provided one real numeral letter is there.
const NUM: &str = r"(?:(?P<yn>(?:19|20)\d{2}/\d{1,4})|(?P<sn>(?:(?:ES|S)-)?\d{1,3}/\d{1,4})(?:\s?(?P<part>[A-H])\b)?|(?P<rn>\d{1,4})(?:\s?[A-Z]{1,2})?\s?\((?P<rs>[IVXLC1]*[IVXLC][IVXLC1]*)\)|(?P<yrn>\d{1,4})\s?\((?P<yry>(?:19|20)\d{2})\))";

const ITEM: &str = r"(?:\d{1,4}(?:\s?(?:bis|ter|quater))?(?:\s?\([a-z]{1,2}\))?|\([a-z]{1,2}\))";
const SEP: &str = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+to\s+|\s+through\s+|\s*[–-]\s*)";
#[rustfmt::skip]
const ORDINALS: [&str; 20] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
];

const OUTCOME: &str = r"(?:the\s+)?(?P<ospan>(?:(?:2003|2005)\s+)?(?P<odoc>Geneva\s+Declaration\s+of\s+Principles|Geneva\s+Declaration|Geneva\s+Plan\s+of\s+Action|Tunis\s+Commitment|Tunis\s+Agenda(?:\s+for\s+the\s+Information\s+Society)?))\b";

/// A UN document symbol: the series of a principal organ or department, then at least two
/// parts. A part may carry `.`, `-` and a parenthesis (`CN.16`, `Corr.1-E`, `217(III)`); a
/// full stop ends it unless a letter or digit follows, so a sentence's last stop stays out.
const SYMBOL: &str =
    r"(?P<sym>(?:A|E|S|ST|TD|UNEP|DP)(?:/[A-Z0-9][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*(?:\([A-Za-z0-9.]+\))?){2,})";
const WSIS_SYMBOL: &str = r"(?P<wsis>WSIS-0\d/[A-Z]+/DOC/\d+(?:\(Rev\.\d\))?-E)";

struct Patterns {
    /// One pass over the text says which families below can match at all; most paragraphs
    /// cite nothing, and then no other expression runs.
    families: RegexSet,
    resolution: Regex,
    paragraphs: Regex,
    preambular: Regex,
    outcome: Regex,
    symbol: Regex,
    continuation: Regex,
    tail_same: Regex,
    tail_previous: Regex,
    tail_resolution: Regex,
    tail_outcome: Regex,
    tail_symbol: Regex,
    tail_unknown: Regex,
    companion_plan: Regex,
    companion_agenda: Regex,
}

// Indices of the families in `Patterns::families`.
const PARAGRAPHS: usize = 0;
const PREAMBULAR: usize = 1;
const RESOLUTIONS: usize = 2;
const OUTCOMES: usize = 3;
const SYMBOLS: usize = 4;

/// Compile the patterns now rather than at the first paragraph: a build does it beside loading
/// the content, since compiling them takes one core a while.
pub fn prepare() {
    LazyLock::force(&PATTERNS);
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("reference patterns are valid");
    let resolution = format!(r"(?:(?P<body>{BODY})\s+)?(?P<word>[Rr]esolutions?)\s+{NUM}");
    let letters = r"\([a-z]{1,2}\)(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+to\s+)\([a-z]{1,2}\))*";
    let ordinals = ORDINALS.join("|");
    let families = [
        format!(
            r"\b(?:[Ss]ub-?paragraphs?\s+(?P<subs>{letters})\s+of\s+)?(?P<word>[Ss]ub-?paragraphs?|[Pp]aragraphs?)\s+(?P<list>{ITEM}(?:{SEP}{ITEM})*)"
        ),
        format!(r"(?i)\b(?P<ord>{ordinals}|\d{{1,2}}(?:st|nd|rd|th))\s+preambular\s+paragraph\b"),
        format!(r"\b{resolution}"),
        format!(r"\b{OUTCOME}"),
        format!(r"\b(?:{SYMBOL}|{WSIS_SYMBOL})"),
    ];
    Patterns {
        families: RegexSet::new(&families).expect("reference patterns are valid"),
        paragraphs: re(&families[PARAGRAPHS]),
        preambular: re(&families[PREAMBULAR]),
        resolution: re(&families[RESOLUTIONS]),
        outcome: re(&families[OUTCOMES]),
        symbol: re(&families[SYMBOLS]),
        continuation: re(
            r"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n>(?P<num>(?:19|20)\d{2}/\d{1,4}|(?:(?:ES|S)-)?\d{1,3}/\d{1,4})(?:\s?(?P<part>[A-H])\b)?)",
        ),
        tail_same: re(r"^\s+(?:above|below|of\s+(?:the\s+present|this)\s+resolution)\b"),
        tail_previous: re(
            r"^\s+(?:thereof|of\s+(?:that|the\s+same|the\s+said|the\s+above-mentioned)\s+(?:resolution|document))\b",
        ),
        tail_resolution: re(&format!(r"^\s+of\s+(?:the\s+annex\s+to\s+)?(?:its\s+|the\s+)?{resolution}")),
        tail_outcome: re(&format!(r"^\s+of\s+{OUTCOME}")),
        tail_symbol: re(&format!(r"^\s+of\s+(?:the\s+annex\s+to\s+)?(?:document\s+)?{SYMBOL}")),
        tail_unknown: re(r"^\s+of\b"),
        companion_plan: re(r"^\s+and\s+(?:the\s+)?(?P<name>Plan\s+of\s+Action)\b"),
        companion_agenda: re(r"^\s+and\s+(?:the\s+)?(?P<name>Agenda\s+for\s+the\s+Information\s+Society)\b"),
    }
});

/// Words without which no family above can match: a few SIMD substring scans rule out most
/// paragraphs (which cite nothing) far faster than the `RegexSet`, which has to run every
/// expression over the whole text. `/` stands for the symbols; `preambular` is matched in any
/// case by its expression, so both cases are looked for.
fn may_cite(text: &str) -> bool {
    static WORDS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        ["aragraph", "esolution", "Geneva", "Tunis", "reambular", "REAMBULAR"]
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect()
    });
    let bytes = text.as_bytes();
    memchr::memchr(b'/', bytes).is_some() || WORDS.iter().any(|w| w.find(bytes).is_some())
}

/// A candidate before overlaps are settled. `previous` marks "paragraph 3 thereof": its
/// document is the one cited just before, filled in by [`resolve_previous`].
#[derive(Debug, Clone)]
struct Candidate {
    mention: Mention,
    previous: bool,
}

impl Candidate {
    fn new(kind: RefKind, start: usize, end: usize, document: Option<String>, paragraphs: Vec<Cited>) -> Self {
        Candidate { mention: Mention { kind, start, end, document, paragraphs }, previous: false }
    }

    fn len(&self) -> usize {
        self.mention.end - self.mention.start
    }
}

/// Every reference in `text`, in order, none overlapping. `organ` is the organ of the text
/// the reference stands in: it decides what "its resolution 1296 (XLIV)" means.
pub fn recognise(text: &str, organ: Organ) -> Vec<Mention> {
    if !may_cite(text) {
        return Vec::new();
    }
    let p = &*PATTERNS;
    let families = p.families.matches(text);
    let mut found = Vec::new();
    if families.matched(PARAGRAPHS) {
        paragraph_mentions(text, organ, p, &mut found);
    }
    if families.matched(PREAMBULAR) {
        preambular_mentions(text, organ, p, &mut found);
    }
    if families.matched(RESOLUTIONS) {
        resolution_mentions(text, organ, p, &mut found);
    }
    if families.matched(OUTCOMES) {
        outcome_mentions(text, p, &mut found);
    }
    if families.matched(SYMBOLS) {
        symbol_mentions(text, p, &mut found);
    }
    resolve_previous(without_overlaps(found))
}

/// Keep the longest of overlapping candidates (the earliest among equals), in text order.
fn without_overlaps(mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_by_key(|c| (std::cmp::Reverse(c.len()), c.mention.start));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        let free = kept.iter().all(|k| c.mention.end <= k.mention.start || c.mention.start >= k.mention.end);
        if free {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.mention.start);
    kept
}

/// Give "paragraph 3 thereof" the document cited last before it; with none, drop it.
fn resolve_previous(candidates: Vec<Candidate>) -> Vec<Mention> {
    let mut last: Option<(String, RefKind)> = None;
    let mut out = Vec::with_capacity(candidates.len());
    for Candidate { mut mention, previous } in candidates {
        if previous {
            let Some((symbol, kind)) = &last else { continue };
            mention.document = Some(symbol.clone());
            mention.kind = *kind;
        } else if let Some(symbol) = &mention.document {
            let kind = match mention.kind {
                RefKind::Resolution | RefKind::ResolutionParagraph => RefKind::ResolutionParagraph,
                other => other,
            };
            last = Some((symbol.clone(), kind));
        }
        out.push(mention);
    }
    out
}

/// Is the byte at `at` the end of a word: the end of the text, or not a letter, digit or `/`?
fn ends_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '/'))
}

/// Is the byte at `at` the start of a word: the start of the text, or after neither a
/// letter, a digit nor a `/` (so a symbol inside a URL is not one)?
fn starts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '/'))
}

/// "paragraph 5 above", "paragraphs 34 to 37 and 67 to 72 of the Tunis Agenda",
/// "subparagraph (b)", "paragraph 116 of Economic and Social Council resolution 2024/13".
fn paragraph_mentions(text: &str, organ: Organ, p: &Patterns, out: &mut Vec<Candidate>) {
    for caps in p.paragraphs.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if !ends_word(text, whole.end()) {
            continue;
        }
        let mut cited = cited_list(&caps["list"]);
        if let Some(subs) = caps.name("subs") {
            cited = with_letters(cited, subs.as_str());
        }
        if let Some(c) = with_tail(text, whole.start(), whole.end(), cited, organ, p) {
            out.push(c);
        }
    }
}

/// "the third preambular paragraph", "the 3rd preambular paragraph of resolution 70/1".
fn preambular_mentions(text: &str, organ: Organ, p: &Patterns, out: &mut Vec<Candidate>) {
    for caps in p.preambular.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let Some(n) = ordinal(&caps["ord"]) else { continue };
        if let Some(c) = with_tail(text, whole.start(), whole.end(), vec![Cited::Preambular(n)], organ, p) {
            out.push(c);
        }
    }
}

fn ordinal(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    if let Some(i) = ORDINALS.iter().position(|o| *o == lower) {
        return Some(i as u32 + 1);
    }
    lower.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok().filter(|n| *n > 0)
}

/// What follows a list of paragraphs decides whose paragraphs they are: "above", "of the
/// present resolution" or nothing is the text itself; "of <a resolution, outcome document or
/// symbol>" that document; "thereof" the one cited before; "of" anything else is a document
/// the recogniser does not know, and the whole reference is left alone rather than guessed.
fn with_tail(text: &str, start: usize, end: usize, cited: Vec<Cited>, organ: Organ, p: &Patterns) -> Option<Candidate> {
    if cited.is_empty() {
        return None;
    }
    let rest = &text[end..];
    if let Some(m) = p.tail_same.find(rest) {
        return Some(Candidate::new(RefKind::Paragraph, start, end + m.end(), None, cited));
    }
    if let Some(m) = p.tail_previous.find(rest) {
        let mut c = Candidate::new(RefKind::ResolutionParagraph, start, end + m.end(), None, cited);
        c.previous = true;
        return Some(c);
    }
    if let Some(caps) = p.tail_resolution.captures(rest) {
        let m = caps.get(0).expect("group 0");
        if ends_word(text, end + m.end()) {
            let symbol = resolution_symbol(&caps, organ);
            return Some(Candidate::new(RefKind::ResolutionParagraph, start, end + m.end(), Some(symbol), cited));
        }
    }
    if let Some(caps) = p.tail_outcome.captures(rest) {
        let m = caps.get(0).expect("group 0");
        let doc = outcome_named(&caps["odoc"], &rest[m.end()..])?;
        return Some(Candidate::new(RefKind::OutcomeDocument, start, end + m.end(), Some(doc.symbol.into()), cited));
    }
    if let Some(caps) = p.tail_symbol.captures(rest) {
        let m = caps.get(0).expect("group 0");
        if ends_word(text, end + m.end()) && has_digit(&caps["sym"]) {
            let symbol = caps["sym"].to_string();
            let kind = if is_resolution_symbol(&symbol) { RefKind::ResolutionParagraph } else { RefKind::Document };
            return Some(Candidate::new(kind, start, end + m.end(), Some(symbol), cited));
        }
    }
    if p.tail_unknown.is_match(rest) {
        return None;
    }
    Some(Candidate::new(RefKind::Paragraph, start, end, None, cited))
}

/// "34 to 37 and 67 to 72", "116 (a) and (b)", "(b)", "12bis" → what they name.
fn cited_list(list: &str) -> Vec<Cited> {
    static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<n>\d{1,4})(?:\s?(?P<suffix>bis|ter|quater))?(?:\s?\((?P<l1>[a-z]{1,2})\))?|\((?P<l2>[a-z]{1,2})\)|(?P<range>\bto\b|\bthrough\b|[–-])")
            .expect("valid")
    });
    let mut out: Vec<Cited> = Vec::new();
    let mut base: Option<String> = None;
    let mut range_open = false;
    for caps in TOKEN.captures_iter(list) {
        if caps.name("range").is_some() {
            range_open = true;
            continue;
        }
        if let Some(letter) = caps.name("l2") {
            out.push(match &base {
                Some(n) => Cited::Number { number: n.clone(), letter: Some(letter.as_str().into()) },
                None => Cited::Letter(letter.as_str().into()),
            });
            range_open = false;
            continue;
        }
        let number = format!("{}{}", &caps["n"], caps.name("suffix").map_or("", |s| s.as_str()));
        let letter = caps.name("l1").map(|l| l.as_str().to_string());
        match (range_open, out.last(), caps["n"].parse::<u32>()) {
            (true, Some(Cited::Number { number: from, letter: None }), Ok(to)) if letter.is_none() => {
                let from = from.parse::<u32>().unwrap_or(to);
                out.pop();
                out.push(Cited::Range(from.min(to), from.max(to)));
            }
            _ => out.push(Cited::Number { number: number.clone(), letter }),
        }
        base = Some(number);
        range_open = false;
    }
    out
}

/// "subparagraphs (a) and (b) of paragraph 5": the letters apply to the paragraph number.
fn with_letters(cited: Vec<Cited>, letters: &str) -> Vec<Cited> {
    let Some(Cited::Number { number, letter: None }) = cited.first().cloned() else { return cited };
    cited_list(letters)
        .into_iter()
        .filter_map(|c| match c {
            Cited::Letter(l) => Some(Cited::Number { number: number.clone(), letter: Some(l) }),
            _ => None,
        })
        .collect()
}

/// "General Assembly resolution 70/125", "its resolution 2024/13", "Council resolution
/// 2007/8", "resolution 217 A (III)", and the numbers that share an earlier body in an
/// enumeration: "resolutions 79/1 of 22 September 2024, in which …, and 79/194".
fn resolution_mentions(text: &str, organ: Organ, p: &Patterns, out: &mut Vec<Candidate>) {
    for caps in p.resolution.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if !ends_word(text, whole.end()) {
            continue;
        }
        let symbol = resolution_symbol(&caps, organ);
        out.push(Candidate::new(RefKind::Resolution, whole.start(), whole.end(), Some(symbol), Vec::new()));
        if caps["word"].ends_with('s') {
            continuation_mentions(text, whole.end(), &caps, organ, p, out);
        }
    }
}

/// The later numbers of "resolutions A, B and C": same shape as the first, in the same
/// clause (up to a semicolon, a sentence end or another "resolution"/"paragraph").
fn continuation_mentions(
    text: &str,
    from: usize,
    first: &Captures,
    organ: Organ,
    p: &Patterns,
    out: &mut Vec<Candidate>,
) {
    let rest = &text[from..];
    let stop = [";", ". ", "resolution", "paragraph"].iter().filter_map(|s| rest.find(s)).min().unwrap_or(rest.len());
    let window = &rest[..stop];
    let by_year = first.name("yn").is_some();
    let body = first.name("body").map(|b| named_organ(b.as_str()));
    for caps in p.continuation.captures_iter(window) {
        let n = caps.name("n").expect("group n");
        let (start, end) = (from + n.start(), from + n.end());
        let num = caps.name("num").expect("group num").as_str();
        let same_shape = num.split('/').next().is_some_and(|s| (s.len() == 4) == by_year);
        if !same_shape || !ends_word(text, end) {
            continue;
        }
        let number = if by_year {
            ResNumber::YearNumber(num.into())
        } else {
            ResNumber::SessionNumber(format!("{num}{}", caps.name("part").map_or("", |p| p.as_str())))
        };
        let symbol = symbols::resolution_symbol(body, &number, organ);
        out.push(Candidate::new(RefKind::Resolution, start, end, Some(symbol), Vec::new()));
    }
}

fn named_organ(body: &str) -> Organ {
    let words: Vec<&str> = body.split_whitespace().collect();
    match words.as_slice() {
        ["General", "Assembly"] | ["Assembly"] => Organ::GeneralAssembly,
        ["Security", "Council"] => Organ::SecurityCouncil,
        ["Human", "Rights", "Council"] => Organ::HumanRightsCouncil,
        _ => Organ::Ecosoc,
    }
}

/// The symbol of the resolution a [`NUM`] match names.
fn resolution_symbol(caps: &Captures, organ: Organ) -> String {
    let named = caps.name("body").map(|b| named_organ(b.as_str()));
    // "Council resolution 1325 (2000)" can only be the Security Council's.
    let named = match (named, caps.name("yry")) {
        (Some(Organ::Ecosoc), Some(_)) => Some(Organ::SecurityCouncil),
        _ => named,
    };
    let number = if let Some(n) = caps.name("yn") {
        ResNumber::YearNumber(n.as_str().into())
    } else if let Some(n) = caps.name("sn") {
        // "57/270 B": the UN writes the part letter without a space, A/RES/57/270B.
        ResNumber::SessionNumber(format!("{}{}", n.as_str(), caps.name("part").map_or("", |p| p.as_str())))
    } else if let (Some(n), Some(s)) = (caps.name("rn"), caps.name("rs")) {
        ResNumber::Roman { number: n.as_str().into(), session: s.as_str().replace('1', "I") }
    } else {
        ResNumber::NumberYear { number: caps["yrn"].into(), year: caps["yry"].into() }
    };
    symbols::resolution_symbol(named, &number, organ)
}

/// "the Tunis Agenda", "the 2003 Geneva Declaration of Principles", "Geneva Plan of Action".
fn outcome_mentions(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    for caps in p.outcome.captures_iter(text) {
        let span = caps.name("ospan").expect("group ospan");
        let Some(doc) = outcome_named(&caps["odoc"], &text[span.end()..]) else { continue };
        let symbol = Some(doc.symbol.to_string());
        out.push(Candidate::new(RefKind::OutcomeDocument, span.start(), span.end(), symbol, Vec::new()));
        if let Some((start, end, companion)) = companion(text, span.end(), doc, p) {
            let symbol = Some(companion.symbol.to_string());
            out.push(Candidate::new(RefKind::OutcomeDocument, start, end, symbol, Vec::new()));
        }
    }
}

/// Each summit adopted two texts, often named together with the city said once: "the Geneva
/// Declaration of Principles and Plan of Action", "the Tunis Commitment and Agenda for the
/// Information Society". The second name is the companion of the first.
fn companion(text: &str, from: usize, doc: Outcome, p: &Patterns) -> Option<(usize, usize, Outcome)> {
    let (pattern, companion) = if doc == symbols::GENEVA_DECLARATION {
        (&p.companion_plan, symbols::GENEVA_PLAN)
    } else if doc == symbols::TUNIS_COMMITMENT {
        (&p.companion_agenda, symbols::TUNIS_AGENDA)
    } else {
        return None;
    };
    let m = pattern.captures(&text[from..])?.name("name")?;
    Some((from + m.start(), from + m.end(), companion))
}

/// The outcome document a name denotes; "Geneva Declaration on …" is another declaration.
fn outcome_named(name: &str, after: &str) -> Option<Outcome> {
    let first = |s: &str| name.split_whitespace().nth(1).is_some_and(|w| w == s);
    let starts_geneva = name.starts_with("Geneva");
    if starts_geneva && first("Declaration") {
        let other = after.trim_start().starts_with("on ") && !name.contains("Principles");
        return (!other).then_some(symbols::GENEVA_DECLARATION);
    }
    Some(match (starts_geneva, first("Plan"), first("Commitment")) {
        (true, _, _) => symbols::GENEVA_PLAN,
        (false, _, true) => symbols::TUNIS_COMMITMENT,
        _ => symbols::TUNIS_AGENDA,
    })
}

/// "A/74/821", "A/80/62-E/2025/12", "E/CN.16/2018/CRP.3", "WSIS-05/TUNIS/DOC/6(Rev.1)-E".
fn symbol_mentions(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    for caps in p.symbol.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if !starts_word(text, whole.start()) || !ends_word(text, whole.end()) {
            continue;
        }
        let (kind, symbol) = if let Some(w) = caps.name("wsis") {
            match symbols::outcome_by_symbol(w.as_str()) {
                Some(o) => (RefKind::OutcomeDocument, o.symbol.to_string()),
                None => continue,
            }
        } else {
            let symbol = caps["sym"].to_string();
            if !has_digit(&symbol) {
                continue;
            }
            let kind = if is_resolution_symbol(&symbol) { RefKind::Resolution } else { RefKind::Document };
            (kind, symbol)
        };
        out.push(Candidate::new(kind, whole.start(), whole.end(), Some(symbol), Vec::new()));
    }
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

fn is_resolution_symbol(symbol: &str) -> bool {
    symbol.contains("/RES/")
}
