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
