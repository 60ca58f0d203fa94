//! Offline search: the index written at build time as `search/index.js`, a script that assigns
//! `window.AGREED_SEARCH`. A `<script>` tag loads it, so search works from a folder of files
//! opened over file:// (where fetch() and WebAssembly loaders fail) as well as from a server;
//! `static/search.js` answers queries from it.
//!
//! The index stays small as the corpus grows because a recurring resolution repeats most of its
//! paragraphs year after year: each distinct paragraph text is stored once (`texts`) and
//! paragraphs point to it. Words are found through an inverted index from stems (see [`text`])
//! to the texts holding them, as delta-encoded posting lists ([`encode_postings`]); phrases and
//! ranking are then checked on the few candidate texts in the browser.
//!
//! Layout of `window.AGREED_SEARCH` (version 1):
//! - `series`: series slugs; `topics`: `[slug, name]`;
//! - `res`: per resolution in corpus order (series, date, symbol): `s` symbol, `p` folder path,
//!   `ti` title, `d` date, `y` year, `se` series index, `a` anchors separated by spaces, `k` one
//!   letter per paragraph (`p`reambular, `o`perative, `s`ub-paragraph), `t` text ids, `tp`
//!   `[paragraph, topic…]` for paragraphs with topics, and when lineage is known `pre` (the
//!   previous resolution of the series) and `l` (per paragraph, the position of its previous
//!   version in `pre`, as [`encode_numbers`] of `position + 1`, 0 for none);
//! - `texts`: distinct plain texts; `terms`: stem → posting list of text ids.

pub mod text;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::model::{Kind, ParaRef};
use crate::output::Staging;
use crate::Site;

/// Where the index is written, relative to the site root.
pub const INDEX_PATH: &str = "search/index.js";

/// The script's variable.
const GLOBAL: &str = "window.AGREED_SEARCH";

#[derive(Serialize)]
pub struct Index<'a> {
    pub v: u32,
    pub series: Vec<&'a str>,
    pub topics: Vec<(&'a str, &'a str)>,
    pub res: Vec<ResEntry<'a>>,
    pub texts: Vec<&'a str>,
    /// Ordered, so the file is the same from build to build.
    pub terms: BTreeMap<String, String>,
}

#[derive(Serialize)]
pub struct ResEntry<'a> {
    pub s: &'a str,
    pub p: String,
    pub ti: &'a str,
    pub d: &'a str,
    pub y: i32,
    pub se: usize,
    pub a: String,
    pub k: String,
    pub t: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tp: Vec<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
}

/// Build the index of the whole site.
pub fn build(site: &Site) -> Index<'_> {
    let corpus = &site.corpus;
    let series: Vec<&str> = corpus.series().into_iter().map(|(s, _)| s).collect();
    let mut text_ids: HashMap<&str, usize> = HashMap::default();
    let mut texts: Vec<&str> = Vec::new();
    let mut res = Vec::with_capacity(corpus.resolutions.len());
    for (i, r) in corpus.resolutions.iter().enumerate() {
        let t = r
            .paragraphs
            .iter()
            .map(|p| {
                *text_ids.entry(p.text.as_str()).or_insert_with(|| {
                    texts.push(&p.text);
                    texts.len() - 1
                })
            })
            .collect();
        let tp = (0..r.paragraphs.len())
            .filter_map(|para| {
                let hits = site.topics.hits.get(i)?.get(para)?;
                (!hits.is_empty()).then(|| std::iter::once(para).chain(hits.iter().map(|h| h.topic)).collect())
            })
            .collect();
        let (pre, l) = lineage(site, i);
        res.push(ResEntry {
            s: &r.symbol,
            p: r.path(),
            ti: &r.title,
            d: &r.date,
            y: r.year(),
            se: series.iter().position(|s| *s == r.series).unwrap_or(0),
            a: r.paragraphs.iter().map(|p| p.anchor.as_str()).collect::<Vec<_>>().join(" "),
            k: r.paragraphs.iter().map(|p| kind_letter(p.kind)).collect(),
            t,
            tp,
            pre,
            l,
        });
    }
    let terms = inverted(&texts);
    let topics = site.topics.topics.iter().map(|t| (t.slug.as_str(), t.name.as_str())).collect();
    Index { v: 1, series, topics, res, texts, terms }
}

fn kind_letter(kind: Kind) -> char {
    match kind {
        Kind::Preambular => 'p',
        Kind::Operative => 'o',
        Kind::Subparagraph => 's',
    }
}

/// The predecessor of resolution `i` and where each of its paragraphs came from, when the
/// lineage stage linked any of them.
fn lineage(site: &Site, i: usize) -> (Option<usize>, Option<String>) {
    let Some(pre) = site.lineages.predecessor.get(i).copied().flatten() else { return (None, None) };
    let Some(links) = site.lineages.links.get(i) else { return (Some(pre), None) };
    let positions: Vec<u64> = links
        .iter()
        .map(|link| match link.previous {
            Some(ParaRef { res, para }) if res == pre => para as u64 + 1,
            _ => 0,
        })
        .collect();
    let any = positions.iter().any(|&p| p > 0);
    (Some(pre), any.then(|| encode_numbers(&positions)))
}

/// Stem → the ids of the texts holding it, delta-encoded.
fn inverted(texts: &[&str]) -> BTreeMap<String, String> {
    let mut postings: HashMap<String, Vec<u64>> = HashMap::default();
    for (id, t) in texts.iter().enumerate() {
        // The words are slices of the folded text and most are their own stem: a string is
        // allocated only for a stem seen for the first time.
        let folded = text::fold(t);
        let id = id as u64;
        for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let stem = text::stem_of(word);
            match postings.get_mut(stem.as_ref()) {
                // Texts come in order, so a stem already counted for this text is the last id.
                Some(ids) if ids.last() == Some(&id) => {}
                Some(ids) => ids.push(id),
                None => {
                    postings.insert(stem.into_owned(), vec![id]);
                }
            }
        }
    }
    postings.into_iter().map(|(stem, ids)| (stem, encode_postings(&ids))).collect()
}

/// Digits that end a number and digits that continue it: 5 bits each, most significant first.
/// Neither set holds a character a JSON string must escape.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-";

/// Numbers as a string of base-32 digits; a number below 32 takes one character.
pub fn encode_numbers(numbers: &[u64]) -> String {
    let mut out = String::new();
    for &n in numbers {
        let mut digits = vec![LAST[(n & 31) as usize]];
        let mut rest = n >> 5;
        while rest > 0 {
            digits.push(MORE[(rest & 31) as usize]);
            rest >>= 5;
        }
        out.extend(digits.iter().rev().map(|&b| b as char));
    }
    out
}

/// An ascending list of ids as the gaps between them (the first from -1), each minus one.
pub fn encode_postings(ids: &[u64]) -> String {
    let mut prev: Option<u64> = None;
    let gaps: Vec<u64> = ids
        .iter()
        .map(|&id| {
            let gap = prev.map_or(id, |p| id - p - 1);
            prev = Some(id);
            gap
        })
        .collect();
    encode_numbers(&gaps)
}

/// Write the index as the script `search/index.js` to `out`, streaming: at scale the index is
/// tens of megabytes, better not held in memory twice.
pub fn write_script(index: &Index, out: &mut dyn std::io::Write) -> Result<()> {
    write!(out, "{GLOBAL}=")?;
    serde_json::to_writer(&mut *out, index).context("failed to serialise the search index")?;
    out.write_all(b";\n")?;
    Ok(())
}

/// The index as the script `search/index.js`.
pub fn script(index: &Index) -> Result<String> {
    let mut out = Vec::new();
    write_script(index, &mut out)?;
    Ok(String::from_utf8(out)?)
}

/// Write `search/index.js`.
pub fn write(site: &Site, staging: &Staging) -> Result<()> {
    let index = build(site);
    staging.write_with(INDEX_PATH, |out| write_script(&index, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut n = 0u64;
        for b in s.bytes() {
            if let Some(d) = MORE.iter().position(|&m| m == b) {
                n = (n << 5) | d as u64;
            } else {
                let d = LAST.iter().position(|&m| m == b).expect("a digit");
                out.push((n << 5) | d as u64);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_and_small_ones_take_one_character() {
        let numbers = [0, 1, 31, 32, 1023, 1024, 123_456_789];
        let s = encode_numbers(&numbers);
        assert_eq!(decode(&s), numbers);
        assert_eq!(encode_numbers(&[5, 31]).len(), 2);
        assert_eq!(encode_numbers(&[32]).len(), 2);
    }

    #[test]
    fn postings_are_stored_as_gaps() {
        let ids = [3, 4, 5, 40, 41];
        let s = encode_postings(&ids);
        assert_eq!(decode(&s), [3, 0, 0, 34, 0]);
        assert_eq!(s.len(), 6);
    }

    #[test]
    fn the_inverted_index_maps_stems_to_the_texts_that_hold_them() {
        let terms = inverted(&["Member States and countries", "the country", "States"]);
        assert_eq!(decode(&terms["country"]), [0, 0]);
        assert_eq!(decode(&terms["state"]), [0, 1]);
        assert_eq!(decode(&terms["member"]), [0]);
        assert!(!terms.contains_key("countries"));
        let repeated = inverted(&["country, countries and the Country", "a country"]);
        assert_eq!(decode(&repeated["country"]), [0, 0], "each text once, however often it holds the stem");
    }
}
