//! Alignment speed: two real resolutions of ~150 paragraphs (the seeds), two synthetic
//! 150-paragraph versions, and the whole 200-document synthetic corpus.
//!
//! The synthetic cases need python3 and `../shared/bench/gen_corpus.py` (or
//! `AGREED_GEN_CORPUS`); without them only the seed case runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};

use agreed::lineage::{align, align::align_pair, profiles, Overrides};
use agreed::model::{parse_resolution, Corpus, Resolution};

fn fixture(name: &str) -> Resolution {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage").join(name);
    parse_resolution(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn seeds(c: &mut Criterion) {
    let (old, new) = (fixture("E-RES-2023-3.md"), fixture("E-RES-2025-18.md"));
    c.bench_function("align seeds 2023/3 (124 paragraphs) -> 2025/18 (152)", |b| {
        b.iter(|| align_pair(&profiles(&old), &profiles(&new)))
    });
    // In a build every resolution is profiled once and aligned twice: the pairing alone.
    let (po, pn) = (profiles(&old), profiles(&new));
    c.bench_function("align seeds, profiles ready", |b| b.iter(|| align_pair(&po, &pn)));
}

fn generator() -> Option<PathBuf> {
    let env = std::env::var("AGREED_GEN_CORPUS").ok().map(PathBuf::from);
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    [env, Some(local), Some(PathBuf::from("/work/shared/bench/gen_corpus.py"))]
        .into_iter()
        .flatten()
        .find(|p| p.exists())
}

/// The synthetic corpus as resolutions: the plain format becomes content files on the fly.
fn synthetic(docs: usize) -> Option<Corpus> {
    let script = generator()?;
    let dir = tempfile::tempdir().ok()?;
    let status = Command::new("python3")
        .arg(script)
        .args(["--docs", &docs.to_string(), "--format", "plain", "--out"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let manifest: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("manifest.json")).ok()?).ok()?;
    let mut resolutions = Vec::new();
    for e in manifest {
        let file = dir.path().join(e["path"].as_str()?);
        let text = std::fs::read_to_string(&file).ok()?;
        let body: Vec<String> = text.split("\n\n").skip(3).map(|b| b.replace("\n[^", "\n\n[^")).collect();
        let content = format!(
            "+++\nsymbol = {:?}\ntitle = {:?}\ndate = \"{}-07-01\"\nseries = \"s{:03}\"\n+++\n\n{}",
            e["symbol"].as_str()?,
            e["title"].as_str()?,
            e["year"],
            e["series"].as_u64()?,
            body.join("\n\n")
        );
        resolutions.push(parse_resolution(&file, &content).ok()?);
    }
    Corpus::new(resolutions).ok()
}

fn synthetic_cases(c: &mut Criterion) {
    let Some(corpus) = synthetic(200) else {
        eprintln!("gen_corpus.py or python3 missing: synthetic benchmarks skipped");
        return;
    };
    let (old, new) = (&corpus.resolutions[0], &corpus.resolutions[1]);
    let name = format!("align synthetic pair ({} -> {} paragraphs)", old.paragraphs.len(), new.paragraphs.len());
    c.bench_function(&name, |b| b.iter(|| align_pair(&profiles(old), &profiles(new))));
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    let name = format!(
        "align whole synthetic corpus ({} documents, {} paragraphs)",
        corpus.resolutions.len(),
        corpus.paragraph_count()
    );
    group.bench_function(&name, |b| b.iter(|| align(&corpus, &Overrides::none())));
    group.finish();
}

criterion_group!(benches, seeds, synthetic_cases);
criterion_main!(benches);
