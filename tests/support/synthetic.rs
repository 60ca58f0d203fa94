//! The synthetic corpus of `../shared/bench/gen_corpus.py` (plain format) as a [`Corpus`], with
//! its ground-truth lineage.
//!
//! The plain format is Markdown: `# SYMBOL`, a bold title, the italic enacting formula, the
//! preamble, operative paragraphs numbered `1.`, `##` headings and `[^n]:` footnotes. That is
//! already the body of a content file, once the three opening blocks become front matter.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use agreed::model::{parse_resolution, Corpus, ParaRef};

/// Where the generator lives, relative to the repository.
pub fn generator() -> Option<PathBuf> {
    let candidates = [
        std::env::var("AGREED_GEN_CORPUS").ok().map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py")),
        Some(PathBuf::from("/work/shared/bench/gen_corpus.py")),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

/// Run the generator for `docs` documents into `out` (seed: `AGREED_GEN_SEED`, else the
/// generator's default).
pub fn generate(docs: usize, out: &Path) -> Result<(), String> {
    let script = generator().ok_or("gen_corpus.py not found (set AGREED_GEN_CORPUS)")?;
    let mut command = Command::new("python3");
    command.arg(&script).args(["--docs", &docs.to_string(), "--format", "plain", "--out"]).arg(out);
    if let Ok(seed) = std::env::var("AGREED_GEN_SEED") {
        command.args(["--seed", &seed]);
    }
    let status = command.status().map_err(|e| format!("cannot run python3: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{} failed: {status}", script.display()))
}

#[derive(serde::Deserialize)]
struct Entry {
    path: String,
    symbol: String,
    year: i32,
    series: usize,
    title: String,
}

#[derive(serde::Deserialize)]
struct Truth {
    symbol: String,
    preamble: Vec<(String, String)>,
    operative: Vec<(String, String)>,
}

/// The corpus and, per paragraph, its true lineage id and status (`new`, `unchanged`,
/// `edited`, `moved`).
pub struct Synthetic {
    pub corpus: Corpus,
    pub truth: HashMap<ParaRef, (String, String)>,
}

impl Synthetic {
    pub fn load(dir: &Path) -> Synthetic {
        let manifest: Vec<Entry> = read_json(&dir.join("manifest.json"));
        let lineage: Vec<Truth> = read_json(&dir.join("lineage.json"));
        let resolutions = manifest
            .iter()
            .map(|e| {
                let file = dir.join(&e.path);
                let text = std::fs::read_to_string(&file).expect("read document");
                parse_resolution(&file, &content_file(e, &text)).unwrap_or_else(|err| panic!("{err}"))
            })
            .collect();
        let corpus = Corpus::new(resolutions).expect("corpus");
        let mut truth = HashMap::new();
        for t in lineage {
            let res = corpus.index_of(&t.symbol).expect("symbol of lineage.json in the corpus");
            let all = t.preamble.into_iter().chain(t.operative);
            for (para, lid) in all.enumerate() {
                truth.insert(ParaRef { res, para }, lid);
            }
        }
        Synthetic { corpus, truth }
    }

    /// The true previous version of every paragraph whose resolution has a predecessor:
    /// the paragraph of the predecessor with the same lineage id, if any.
    pub fn true_previous(&self, predecessor: &[Option<usize>]) -> HashMap<ParaRef, Option<ParaRef>> {
        let mut by_lid: HashMap<(usize, &str), ParaRef> = HashMap::new();
        for (p, (lid, _)) in &self.truth {
            by_lid.insert((p.res, lid.as_str()), *p);
        }
        let mut out = HashMap::new();
        for (p, (lid, _)) in &self.truth {
            if let Some(prev_res) = predecessor[p.res] {
                out.insert(*p, by_lid.get(&(prev_res, lid.as_str())).copied());
            }
        }
        out
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read json")).expect("parse json")
}

/// A generated document as a content file: front matter from the manifest, then the body
/// without the symbol, title and enacting formula blocks.
fn content_file(e: &Entry, text: &str) -> String {
    let mut blocks = text.split("\n\n");
    let mut formula = String::new();
    for _ in 0..3 {
        formula = blocks.next().unwrap_or_default().trim().to_string();
    }
    // The generator lists footnotes on consecutive lines; the content format wants one block each.
    let body: Vec<String> = blocks.map(|b| b.replace("\n[^", "\n\n[^")).collect();
    format!(
        "+++\nsymbol = {:?}\ntitle = {:?}\ndate = \"{}-07-01\"\nseries = \"s{:03}\"\nformula = {:?}\n+++\n\n{}",
        e.symbol,
        e.title,
        e.year,
        e.series,
        formula.trim_matches('*'),
        body.join("\n\n")
    )
}
