//! The hot stages of a build, one at a time, on the seed content of the repository (two real
//! resolutions, 276 paragraphs): parse a resolution, tag topics, build the search index,
//! render one paragraph page and one resolution page (written to a temporary folder, as a build
//! writes them). `cargo bench --bench stages`; alignment has its own (`--bench align`).
//!
//! A build does each of these once per resolution or paragraph, so multiplying by the corpus
//! size gives a stage's share of a build (compare `AGREED_TIMINGS=1 agreed build`).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use agreed::config::Config;
use agreed::model::{parse_resolution, ParaRef};
use agreed::output::Staging;
use agreed::render::{Renderer, Theme};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn parse(c: &mut Criterion) {
    let file = root().join("content/resolutions/E-RES-2025-18.md");
    let text = std::fs::read_to_string(&file).expect("the seed content is in the repository");
    c.bench_function("parse E/RES/2025/18 (152 paragraphs)", |b| b.iter(|| parse_resolution(&file, &text).unwrap()));
}

fn analysed() -> agreed::Site {
    let config = Config::load(root(), None, Some("https://example.org/agreed/")).unwrap();
    agreed::analyse(&config).expect("the seed content builds")
}

fn topics(c: &mut Criterion) {
    let site = analysed();
    let taxonomy = agreed::topics::load(&root().join("content")).unwrap();
    c.bench_function("topics: tag the seed corpus (276 paragraphs)", |b| {
        b.iter(|| agreed::topics::index(&site.corpus, &taxonomy))
    });
}

fn search(c: &mut Criterion) {
    let site = analysed();
    c.bench_function("search index of the seed corpus, built and encoded", |b| {
        b.iter(|| agreed::search::script(&agreed::search::build(&site)).unwrap())
    });
}

fn render(c: &mut Criterion) {
    let site = analysed();
    let theme = Theme::load(None).unwrap();
    let renderer = Renderer::new(&site, &theme).unwrap();
    // tmpfs when there is one, as the build benchmark uses: on a disk the page would be timed
    // against the file system's journal.
    let shm = Path::new("/dev/shm");
    let out = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.unwrap();
    let staging = Staging::in_place(out.path(), false).unwrap();
    let newest = site.corpus.resolutions.len() - 1;
    // The newest version of the paragraph with the longest history: the page that lists every
    // version, the largest kind of paragraph page.
    let para = (0..site.corpus.resolutions[newest].paragraphs.len())
        .map(|para| ParaRef { res: newest, para })
        .max_by_key(|&p| site.lineages.chain(p).len())
        .expect("the newest resolution has paragraphs");
    c.bench_function("render and write one paragraph page (with its version list)", |b| {
        b.iter(|| renderer.paragraph_page(para, &staging).unwrap())
    });
    let older = ParaRef { res: 0, para: site.corpus.resolutions[0].paragraphs.len() / 2 };
    c.bench_function("render and write one paragraph page (an older version)", |b| {
        b.iter(|| renderer.paragraph_page(older, &staging).unwrap())
    });
    c.bench_function("render and write one resolution page (E/RES/2025/18)", |b| {
        b.iter(|| renderer.resolution_page(newest, &staging).unwrap())
    });
}

criterion_group!(stages, parse, topics, search, render);
criterion_main!(stages);
