//! Search and accessibility in real headless Chromium (Debian's `chromium`), driven by the
//! scripts `tests/browser/search.mjs` and `tests/browser/axe.mjs`.
//!
//! The hits the browser must show are worked out here, independently of the search engine: a
//! paragraph matches words when it holds every word's stem, and a phrase when its words hold
//! the phrase's words one after the other (words and stems by `agreed::search::text`, the rules
//! the engine promises). Skipped without Chromium or Node unless `AGREED_REQUIRE_BROWSER=1`.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use agreed::model::{Kind, ParaRef};
use agreed::search::text::{stem, words};
use agreed::Site;
use common::{browser_available, build, repo, run_browser_script, screenshot_dir};
use serde_json::{json, Value};

fn analyse(root: &Path) -> Site {
    agreed::analyse(&agreed::config::Config::load(root, None, None).unwrap()).unwrap()
}

fn hit(site: &Site, p: ParaRef) -> Value {
    let r = &site.corpus.resolutions[p.res];
    let para = site.corpus.para(p);
    let kind = match para.kind {
        Kind::Preambular => "p",
        Kind::Operative => "o",
        Kind::Subparagraph => "s",
    };
    json!({"href": format!("{}/index.html#{}", r.path(), para.anchor), "year": r.year(), "kind": kind, "symbol": r.symbol})
}

/// Every paragraph's words and stems, worked out once.
struct Words {
    refs: Vec<ParaRef>,
    words: Vec<Vec<String>>,
    stems: Vec<HashSet<String>>,
}

impl Words {
    fn of(site: &Site) -> Words {
        let (refs, words): (Vec<ParaRef>, Vec<Vec<String>>) =
            site.corpus.all_paragraphs().map(|(r, p)| (r, words(&p.text))).unzip();
        let stems = words.iter().map(|ws| ws.iter().map(|w| stem(w)).collect()).collect();
        Words { refs, words, stems }
    }

    /// Paragraphs holding every word of `query`, whatever its case, accents or plural.
    fn hits(&self, query: &str) -> Vec<ParaRef> {
        let wanted: BTreeSet<String> = words(query).iter().map(|w| stem(w)).collect();
        (0..self.refs.len())
            .filter(|&i| wanted.iter().all(|s| self.stems[i].contains(s)))
            .map(|i| self.refs[i])
            .collect()
    }

    /// Paragraphs holding the words of `phrase` one after the other.
    fn phrase_hits(&self, phrase: &[String]) -> Vec<ParaRef> {
        (0..self.refs.len())
            .filter(|&i| self.words[i].windows(phrase.len()).any(|w| w == phrase))
            .map(|i| self.refs[i])
            .collect()
    }
}

/// The resolution of the first series holding `hits` after which they are no longer found.
fn dropped_after<'a>(site: &'a Site, hits: &[ParaRef]) -> Option<&'a str> {
    let with: BTreeSet<usize> = hits.iter().map(|p| p.res).collect();
    let series = &site.corpus.resolutions[*with.first()?].series;
    let order: Vec<usize> =
        (0..site.corpus.resolutions.len()).filter(|&i| &site.corpus.resolutions[i].series == series).collect();
    order
        .windows(2)
        .find(|w| with.contains(&w[0]) && !with.contains(&w[1]))
        .map(|w| site.corpus.resolutions[w[0]].symbol.as_str())
}

/// Where the lineage carries a paragraph holding `hits`, in the resolution that dropped them, to
/// a version without them: its citation, as the lookup names it.
fn successor(site: &Site, hits: &[ParaRef]) -> Option<String> {
    let last = site.corpus.index_of(dropped_after(site, hits)?)?;
    let next = (last + 1..site.corpus.resolutions.len())
        .find(|&i| site.corpus.resolutions[i].series == site.corpus.resolutions[last].series)?;
    let r = &site.corpus.resolutions[next];
    (0..r.paragraphs.len()).map(|para| ParaRef { res: next, para }).find_map(|q| {
        let prev = site.lineages.links.get(q.res)?.get(q.para)?.previous?;
        hits.contains(&prev).then(|| format!("{}, {}", r.symbol, site.corpus.para(q).citation_label()))
    })
}

/// Two consecutive words of the corpus that some paragraphs hold apart but not together: a
/// phrase for which quoting must change the answer; one that a later resolution dropped when
/// there is such a phrase, so the lookup's "dropped" line is checked too.
fn discriminating_phrase(site: &Site, index: &Words) -> Vec<String> {
    let mut tried = HashSet::new();
    let mut fallback = None;
    for ws in &index.words {
        for pair in ws.windows(2) {
            if pair[0] == pair[1] || !tried.insert(pair.to_vec()) {
                continue;
            }
            let together = index.phrase_hits(pair);
            if together.is_empty() || together.len() >= index.hits(&pair.join(" ")).len() {
                continue;
            }
            if dropped_after(site, &together).is_some() {
                return pair.to_vec();
            }
            fallback.get_or_insert_with(|| pair.to_vec());
        }
    }
    fallback.expect("a phrase of the corpus that tells quoted from unquoted words")
}

/// Texts with the stems Rust gives their words, for the browser to give the same: the paragraphs
/// of the corpus and words that exercise every rule of the stemmer and of folding.
fn stem_samples(site: &Site) -> Vec<(String, Vec<String>)> {
    let rules = "Countries technologies PROCESSES boxes approaches wishes buzzes divides access status analysis \
                 its ties Développement Côte d’Ivoire «Échange» Secretary-General 2006/46 naïve ﬁnance Straße İstanbul";
    std::iter::once(rules)
        .chain(site.corpus.all_paragraphs().map(|(_, p)| p.text.as_str()))
        .map(|t| (t.to_string(), words(t).iter().map(|w| stem(w)).collect()))
        .collect()
}

/// Write the expectations of `search.mjs` for `query` and return the file.
fn spec(site: &Site, query: &str, dir: &Path) -> std::path::PathBuf {
    let index = Words::of(site);
    let phrase = discriminating_phrase(site, &index);
    let phrase_refs = index.phrase_hits(&phrase);
    let first = &site.corpus.resolutions[phrase_refs[0].res].symbol;
    let word_refs = index.hits(query);
    assert!(!word_refs.is_empty(), "the query {query:?} finds nothing in this corpus");
    let spec = json!({
        "words": {"q": query, "hits": word_refs.iter().map(|&p| hit(site, p)).collect::<Vec<_>>()},
        "phrase": {
            "q": format!("\"{}\"", phrase.join(" ")),
            "hits": phrase_refs.iter().map(|&p| hit(site, p)).collect::<Vec<_>>(),
            "first": first,
            "dropped": dropped_after(site, &phrase_refs),
            "successor": successor(site, &phrase_refs),
        },
        "stems": stem_samples(site),
    });
    let file = dir.join("search-spec.json");
    std::fs::write(&file, spec.to_string()).unwrap();
    file
}

#[test]
fn search_finds_words_whatever_their_case_accents_and_plural_and_exact_phrases_from_file_and_http() {
    if !browser_available() {
        return;
    }
    let root = repo().join("tests/fixtures/sites/basic");
    let (tmp, site_dir) = build(&root, None);
    let site = analyse(&root);
    let spec = spec(&site, "STAKEHOLDÉR Divides", tmp.path());
    let out = run_browser_script(
        "search.mjs",
        &[&site_dir.to_string_lossy(), &spec.to_string_lossy(), &screenshot_dir("search/fixture")],
    );
    eprintln!("{out}");
    assert!(out.contains("search: "), "{out}");
}

#[test]
fn a_deep_link_to_addis_ababa_lists_the_paragraphs_of_every_resolution_that_mentions_it() {
    if !browser_available() || !repo().join("content/resolutions").is_dir() {
        eprintln!("SKIPPED: no content/resolutions in the repository");
        return;
    }
    let (tmp, site_dir) = build(&repo(), None);
    let site = analyse(&repo());
    let hits = Words::of(&site).hits("Addis Ababa");
    let resolutions: BTreeSet<usize> = hits.iter().map(|p| p.res).collect();
    assert!(resolutions.len() >= 2, "Addis Ababa is in {} resolution(s) of the content", resolutions.len());
    let spec = spec(&site, "Addis Ababa", tmp.path());
    let out = run_browser_script(
        "search.mjs",
        &[&site_dir.to_string_lossy(), &spec.to_string_lossy(), &screenshot_dir("search")],
    );
    eprintln!("{out}");
    assert!(out.contains("search: "), "{out}");
}

#[test]
fn axe_finds_no_accessibility_violation_on_the_five_kinds_of_page_in_light_and_dark() {
    if !browser_available() {
        return;
    }
    let root =
        if repo().join("content/resolutions").is_dir() { repo() } else { repo().join("tests/fixtures/sites/basic") };
    let (_tmp, site_dir) = build(&root, None);
    let site = analyse(&root);
    let r = site.corpus.resolutions.last().expect("a resolution");
    let para = &r.paragraphs[r.paragraphs.len() / 2];
    let word = words(&para.text).into_iter().max_by_key(|w| w.len()).expect("a word");
    let topic = site
        .topics
        .topics
        .first()
        .map(|t| format!("topics/{}/index.html", t.slug))
        .unwrap_or_else(|| "topics/index.html".into());
    let pages = [
        "index.html".to_string(),
        format!("{}/index.html", r.path()),
        format!("{}/{}/index.html", r.path(), para.anchor),
        topic,
        format!("search/index.html?q={word}"),
        format!("search/index.html?q=%22{}%22", words(&para.text)[..2].join("%20")),
    ];
    let mut args = vec![site_dir.to_string_lossy().into_owned(), screenshot_dir("axe")];
    args.extend(pages);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_browser_script("axe.mjs", &args);
    eprintln!("{out}");
    assert!(out.contains("axe: 0 violations"), "{out}");
}
