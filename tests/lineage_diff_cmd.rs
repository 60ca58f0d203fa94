//! `agreed diff`: the comparison printed for a terminal or a pipe.

use std::path::Path;
use std::process::Command;

use agreed::diff_cmd::{compare, Style};
use agreed::lineage::{align, Overrides};
use agreed::model::{parse_resolution, Corpus};

fn seeds() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage");
    let load = |f: &str| {
        let p = dir.join(f);
        parse_resolution(&p, &std::fs::read_to_string(&p).unwrap()).unwrap()
    };
    Corpus::new(vec![load("E-RES-2023-3.md"), load("E-RES-2025-18.md")]).unwrap()
}

#[test]
fn piped_output_marks_changes_in_brackets_and_lists_dropped_paragraphs() {
    let c = seeds();
    let (l, _) = align(&c, &Overrides::none());
    let out = compare(&c, &l, "E/RES/2023/3", "E/RES/2025/18", Style::Plain).unwrap();
    assert!(!out.contains('\x1b'), "no colour codes when plain");
    assert!(out.starts_with("E/RES/2023/3 2023-06-07 → E/RES/2025/18 2025-07-29: 152 paragraphs:"), "{}", &out[..200]);
    assert!(out.contains("\n2      amended  ← 2\n       Welcomes the constructive and diverse inputs from all {+Member States and other+} stakeholders"));
    assert!(out.contains("\n4      new\n       {+Reaffirms the overarching"));
    assert!(out.contains("\n1      same  ← 1\n"));
    let dropped = &out[out.find("Dropped from E/RES/2023/3:").expect("dropped section")..];
    assert!(dropped.contains("[-Recalling General Assembly resolution 77/160"));
}

#[test]
fn colour_output_uses_ansi_codes() {
    let c = seeds();
    let (l, _) = align(&c, &Overrides::none());
    let out = compare(&c, &l, "E/RES/2023/3", "E/RES/2025/18", Style::Color).unwrap();
    assert!(out.contains("\x1b[4;32mMember States and other\x1b[0m"));
    assert!(!out.contains("{+"));
}

#[test]
fn any_two_resolutions_compare_even_backwards() {
    let c = seeds();
    let (l, _) = align(&c, &Overrides::none());
    let out = compare(&c, &l, "E/RES/2025/18", "E/RES/2023/3", Style::Plain).unwrap();
    assert!(out.starts_with("E/RES/2025/18 2025-07-29 → E/RES/2023/3 2023-06-07: 124 paragraphs:"));
    assert!(out.contains("\n4      amended  ← 5\n"), "the Tunis Agenda paragraph pairs back");
}

#[test]
fn an_unknown_symbol_is_an_error_naming_the_known_ones() {
    let c = seeds();
    let (l, _) = align(&c, &Overrides::none());
    let e = compare(&c, &l, "E/RES/2024/13", "E/RES/2025/18", Style::Plain).unwrap_err();
    assert!(e.to_string().contains("no resolution E/RES/2024/13"), "{e}");
    assert!(e.to_string().contains("E/RES/2023/3"));
}

#[test]
fn the_command_prints_plain_text_when_piped() {
    let root = tempfile::tempdir().unwrap();
    let res = root.path().join("content/resolutions");
    std::fs::create_dir_all(&res).unwrap();
    for f in ["E-RES-2023-3.md", "E-RES-2025-18.md"] {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage").join(f), res.join(f))
            .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_agreed"))
        .args(["diff", "--root"])
        .arg(root.path())
        .args(["E/RES/2023/3", "E/RES/2025/18"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("{+Member States and other+}"));
    assert!(!text.contains('\x1b'));
    let bad = Command::new(env!("CARGO_BIN_EXE_agreed"))
        .args(["diff", "--root"])
        .arg(root.path())
        .args(["E/RES/2023/3", "E/RES/2025/18", "--color", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}
