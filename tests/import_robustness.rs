//! Whatever bytes arrive, the importer returns a content file or an error, never panics, and
//! takes time in proportion to the input.

use std::path::Path;
use std::time::{Duration, Instant};

use agreed::import::import_bytes;
use proptest::prelude::*;

fn seed(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources").join(name);
    std::fs::read(path).expect("seed copy in content/sources")
}

fn import(bytes: &[u8]) -> Duration {
    let started = Instant::now();
    let _ = import_bytes(Path::new("input.txt"), bytes, None);
    started.elapsed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        prop_assert!(import(&bytes) < Duration::from_secs(2));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[ -~\n\u{a0}“”’–…®°0-9]{0,3000}") {
        prop_assert!(import(text.as_bytes()) < Duration::from_secs(2));
    }

    #[test]
    fn a_truncated_seed_never_panics(cut in 0usize..70_000, pdf in any::<bool>()) {
        let bytes = seed(if pdf { "E-RES-2025-18.txt" } else { "E-RES-2023-3.txt" });
        let cut = cut.min(bytes.len());
        prop_assert!(import(&bytes[..cut]) < Duration::from_secs(2));
        prop_assert!(import(&bytes[cut..]) < Duration::from_secs(2));
    }

    #[test]
    fn a_seed_with_shuffled_lines_never_panics(order in proptest::collection::vec(any::<u32>(), 1..2000), pdf in any::<bool>()) {
        let bytes = seed(if pdf { "E-RES-2025-18.txt" } else { "E-RES-2023-3.txt" });
        let text = String::from_utf8_lossy(&bytes).to_string();
        let lines: Vec<&str> = text.lines().collect();
        let shuffled: Vec<&str> = order.iter().map(|k| lines[*k as usize % lines.len()]).collect();
        prop_assert!(import(shuffled.join("\n").as_bytes()) < Duration::from_secs(2));
    }
}

#[test]
fn empty_and_blank_inputs_are_errors_not_panics() {
    for input in [&b""[..], b"\n\n\n", b"\xEF\xBB\xBF", b"\0\0\0", b"   \r\n\t"] {
        assert!(import_bytes(Path::new("empty.txt"), input, None).is_err());
    }
}

#[test]
fn a_huge_input_imports_in_bounded_time() {
    let mut big = seed("E-RES-2025-18.txt");
    let body = big.clone();
    for _ in 0..15 {
        big.extend_from_slice(b"\n");
        big.extend_from_slice(&body);
    }
    let t = import(&big);
    println!("{} KB of PDF text: {t:?}", big.len() / 1000);
    assert!(t < Duration::from_secs(10));
    let one_line = "Recalling the outcome documents, ".repeat(40_000);
    let t = import(format!("2025/1. Title\n\nThe Economic and Social Council,\n\n{one_line}").as_bytes());
    println!("one 1.3 MB line: {t:?}");
    assert!(t < Duration::from_secs(10));
    let many_lines = "multi-\n".repeat(50_000);
    let t = import(format!("2025/1. Title\n\n{many_lines}").as_bytes());
    println!("50,000 hyphenated lines: {t:?}");
    assert!(t < Duration::from_secs(10));
}

/// A mutation fuzzer over real inputs: the seeds and every fixture, cut, spliced, with bytes
/// flipped, inserted and deleted, and lines repeated. Runs for `AGREED_FUZZ_SECONDS` (5 by
/// default, so it is part of every test run; the README gives the long run). A panic or an
/// input slower than 2 s per MB is saved under `target/fuzz-findings/` and fails the test.
#[test]
fn mutation_fuzzing_finds_no_panic_and_no_hang() {
    let seconds: u64 = std::env::var("AGREED_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut corpus = vec![seed("E-RES-2025-18.txt"), seed("E-RES-2023-3.txt")];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            corpus.push(std::fs::read(path).unwrap());
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let mut input = corpus[rng.random_range(0..corpus.len())].clone();
        for _ in 0..rng.random_range(1..8) {
            mutate(&mut input, &corpus, &mut rng);
        }
        let outcome = std::panic::catch_unwind(|| import(&input));
        let limit = Duration::from_secs(2) + Duration::from_secs_f64(2.0 * input.len() as f64 / 1e6);
        if !matches!(outcome, Ok(t) if t < limit) {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("finding-{runs}.txt"));
            std::fs::write(&file, &input).unwrap();
            panic!("the importer panicked or hung on an input saved as {}", file.display());
        }
        runs += 1;
    }
    eprintln!("fuzzed the importer with {runs} inputs in {seconds} s");
    assert!(runs > 0);
}

/// xorshift64*: deterministic, so a finding can be replayed from the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn random_range(&mut self, r: impl std::ops::RangeBounds<usize>) -> usize {
        use std::ops::Bound::*;
        let lo = match r.start_bound() {
            Included(&a) => a,
            Excluded(&a) => a + 1,
            Unbounded => 0,
        };
        let hi = match r.end_bound() {
            Included(&b) => b + 1,
            Excluded(&b) => b,
            Unbounded => usize::MAX,
        };
        if hi <= lo {
            lo
        } else {
            lo + (self.next() % (hi - lo) as u64) as usize
        }
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

fn mutate(input: &mut Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) {
    let len = input.len().max(1);
    match rng.random_range(0..7) {
        0 => input.truncate(rng.random_range(0..len)),
        1 => {
            let at = rng.random_range(0..len).min(input.len());
            input.drain(..at);
        }
        2 => {
            if let Some(b) = input.get_mut(rng.random_range(0..len)) {
                *b = rng.byte();
            }
        }
        3 => {
            let at = rng.random_range(0..=input.len());
            let bytes: Vec<u8> = (0..rng.random_range(1..16)).map(|_| rng.byte()).collect();
            input.splice(at..at, bytes);
        }
        4 => {
            let other = &corpus[rng.random_range(0..corpus.len())];
            let (a, b) = (rng.random_range(0..other.len().max(1)), rng.random_range(0..other.len().max(1)));
            let at = rng.random_range(0..=input.len());
            input.splice(at..at, other[a.min(b)..a.max(b).min(other.len())].iter().copied());
        }
        5 => {
            let start = rng.random_range(0..len).min(input.len());
            let end = (start + rng.random_range(0..400)).min(input.len());
            let chunk = input[start..end].to_vec();
            input.splice(end..end, chunk.iter().chain(chunk.iter()).copied());
        }
        _ => {
            let text =
                String::from_utf8_lossy(input).replace('\n', if rng.byte().is_multiple_of(2) { "\r\n" } else { " " });
            *input = text.into_bytes();
        }
    }
}
