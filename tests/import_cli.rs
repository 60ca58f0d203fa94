//! `agreed import` as a command: what it writes, what it refuses, and its errors.

use std::path::Path;

use agreed::import::{run, ImportOptions};

fn seed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources/E-RES-2023-3.txt")
}

fn options(files: Vec<std::path::PathBuf>, out: &Path) -> ImportOptions {
    ImportOptions { files, out_dir: out.to_path_buf(), symbol: None, force: false, check: false }
}

#[test]
fn import_writes_the_content_file_and_a_copy_of_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("content/resolutions");
    run(&options(vec![seed()], &out)).unwrap();
    let content = std::fs::read_to_string(out.join("E-RES-2023-3.md")).unwrap();
    assert!(content.contains("source = \"sources/E-RES-2023-3.txt\""));
    let copy = std::fs::read(dir.path().join("content/sources/E-RES-2023-3.txt")).unwrap();
    assert_eq!(copy, std::fs::read(seed()).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind: {leftovers:?}");
}

#[test]
fn check_prints_the_report_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    run(&ImportOptions { check: true, ..options(vec![seed()], &out) }).unwrap();
    assert!(!out.exists());
}

#[test]
fn an_existing_file_is_overwritten_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("E-RES-2023-3.md"), "edited by hand").unwrap();
    let err = run(&options(vec![seed()], &out)).unwrap_err().to_string();
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("E-RES-2023-3.md")).unwrap(), "edited by hand");
    run(&ImportOptions { force: true, ..options(vec![seed()], &out) }).unwrap();
    assert!(std::fs::read_to_string(out.join("E-RES-2023-3.md")).unwrap().starts_with("+++"));
}

#[test]
fn a_directory_or_a_missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = run(&options(vec![dir.path().to_path_buf()], dir.path())).unwrap_err().to_string();
    assert!(err.contains("is a directory"), "{err}");
    let missing = dir.path().join("nothing.txt");
    let err = run(&options(vec![missing.clone()], dir.path())).unwrap_err().to_string();
    assert!(err.contains("no such file") && err.contains("nothing.txt"), "{err}");
}

#[test]
fn the_symbol_option_overrides_the_printed_symbol() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    run(&ImportOptions { symbol: Some("E/RES/2023/99".into()), ..options(vec![seed()], &out) }).unwrap();
    let content = std::fs::read_to_string(out.join("E-RES-2023-99.md")).unwrap();
    assert!(content.contains("symbol = \"E/RES/2023/99\""));
}

#[test]
#[ignore = "timing; run with --ignored --nocapture"]
fn two_hundred_resolutions_import_quickly() {
    let web = std::fs::read(seed()).unwrap();
    let pdf = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources/E-RES-2025-18.txt")).unwrap();
    let started = std::time::Instant::now();
    for i in 0..100 {
        for bytes in [&web, &pdf] {
            agreed::import::import_bytes(Path::new(&format!("{i}.txt")), bytes, None).unwrap();
        }
    }
    println!("200 resolutions (~125 paragraphs each) in {:?}", started.elapsed());
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    let err = run(&options(vec![dir.path().join("missing.txt"), seed()], &out)).unwrap_err().to_string();
    assert!(err.contains("1 of 2 files"), "{err}");
    assert!(out.join("E-RES-2023-3.md").exists());
}
