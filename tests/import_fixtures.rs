//! The fixture corpus: small texts in the shapes raw UN resolutions arrive in (web copies,
//! PDF extractions, drafts, broken encodings), each beside the content file it must import
//! into. Regenerate an expected file only after checking the new output by hand:
//! `agreed import tests/fixtures/import/NAME.txt --out /tmp/x --force` and copy `/tmp/x/*.md`.

use std::path::{Path, PathBuf};

use agreed::import::import_bytes;
use agreed::model::parse_resolution;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_imports_into_its_expected_content_file() {
    let files = fixtures();
    assert!(files.len() >= 15, "the corpus has {} fixtures", files.len());
    let mut failures = Vec::new();
    let mut clean = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(file).unwrap();
        let imported = match import_bytes(Path::new(&name), &bytes, None) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: {e:#}"));
                continue;
            }
        };
        let expected_path = file.with_extension("md");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if imported.content != expected {
            failures.push(format!("{name}: output differs from {}:\n{}", expected_path.display(), imported.content));
        }
        if let Err(e) = parse_resolution(&expected_path, &imported.content) {
            failures.push(format!("{name}: does not parse: {e}"));
        }
        if imported.report.uncertainties.is_empty() {
            clean += 1;
        }
    }
    println!(
        "{clean} of {} fixtures import with no warnings ({:.0}%)",
        files.len(),
        100.0 * clean as f64 / files.len() as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixtures_that_carry_known_problems_say_so_in_the_report() {
    let read = |name: &str| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
        import_bytes(Path::new(name), &std::fs::read(file).unwrap(), None).unwrap().report
    };
    let r = read("10-windows-1252.txt");
    assert_eq!(r.uncertainties[0].rule, "windows-1252");
    let r = read("06-web-bullets-for-numbers.txt");
    assert_eq!(r.uncertainties.iter().filter(|n| n.rule == "number-inferred").count(), 2);
    let r = read("17-ocr-slips.txt");
    for rule in ["roman-numeral", "stray-letter", "lost-diacritic", "split-word", "stray-space-hyphen"] {
        assert!(!r.repairs_by(rule).is_empty(), "no {rule} repair reported");
    }
    let r = read("11-nul-bytes.txt");
    assert_eq!(r.repairs_by("nul-bytes").len(), 1);
}
