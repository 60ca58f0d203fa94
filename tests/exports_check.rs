//! `agreed check` through the binary, as an editor or a pre-commit hook runs it: problems as
//! `file:line: message` on stdout, exit status 1 on any problem, 0 on none, and never a site
//! written.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::repo;

fn check(root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agreed")).arg("check").arg("--root").arg(root).output().expect("agreed runs")
}

/// A copy of a fixture project, so that anything written into it would show.
fn copy_project(from: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let to = tmp.path().join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    tmp
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir).into_iter().map(|e| e.unwrap().into_path()).collect();
    v.sort();
    v
}

#[test]
fn a_valid_project_passes_and_nothing_is_written() {
    let project = copy_project(&repo().join("tests/fixtures/sites/basic"));
    let before = entries(project.path());
    let out = check(project.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "check failed:\n{}\n{stderr}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "no problems printed");
    assert!(stderr.contains("2 resolutions, 17 paragraphs"), "{stderr}");
    assert_eq!(entries(project.path()), before, "check writes nothing into the project");
}

#[test]
fn every_invalid_fixture_fails_with_its_expected_file_line_message() {
    let dir = repo().join("tests/fixtures/invalid");
    let mut cases = 0;
    for case in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let project = copy_project(&case);
        let before = entries(project.path());
        let out = check(project.path());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{}: exit status 1\n{stdout}", case.display());
        assert!(stdout.contains(expected.trim()), "{}: expected {:?} in {stdout:?}", case.display(), expected.trim());
        for line in stdout.lines() {
            let mut parts = line.splitn(3, ':');
            let (file, number) = (parts.next().unwrap(), parts.next().unwrap_or(""));
            assert!(Path::new(file).is_file(), "{line}: starts with an existing file");
            assert!(number.parse::<usize>().is_ok(), "{line}: then a line number");
        }
        assert_eq!(entries(project.path()), before, "{}: nothing written", case.display());
        cases += 1;
    }
    assert!(cases >= 9, "{cases} cases");
}

#[test]
fn a_broken_link_in_the_theme_is_reported_on_the_content_each_page_comes_from() {
    let project = copy_project(&repo().join("tests/fixtures/sites/basic"));
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let broken =
        base.replace("</footer>", "<a href=\"{{ root }}nowhere.html\">x</a><a href=\"#no-such-id\">y</a></footer>");
    assert_ne!(broken, base, "the footer is where the theme says");
    let theme = project.path().join("themes/broken/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("base.html"), broken).unwrap();
    // Paragraph pages have a template of their own (they do not extend base.html).
    let paragraph = std::fs::read_to_string(repo().join("themes/default/templates/paragraph.html")).unwrap();
    let broken_paragraph = paragraph.replace("</footer>", "<a href=\"{{ root }}nowhere.html\">x</a></footer>");
    assert_ne!(broken_paragraph, paragraph, "the paragraph page's footer is where the theme says");
    std::fs::write(theme.join("paragraph.html"), broken_paragraph).unwrap();
    std::fs::write(project.path().join("agreed.toml"), "theme = \"broken\"\n").unwrap();
    let out = check(project.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let content = project.path().join("content/resolutions/E-RES-2031-2.md");
    let expected = format!(
        "{}:1: on page E/RES/2031/2/index.html: link \"../../../../nowhere.html\": no such file nowhere.html",
        content.display()
    );
    assert!(stdout.lines().any(|l| l == expected), "{expected:?} in\n{stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with("index.html:") && l.ends_with("no id \"no-such-id\" in index.html")),
        "{stdout}"
    );
    let paragraph_line = stdout
        .lines()
        .find(|l| l.contains("on page E/RES/2031/2/4a/index.html: link \"../../../../../nowhere.html\""))
        .expect("the sub-paragraph page");
    let line: usize = paragraph_line.split(':').nth(1).unwrap().parse().unwrap();
    let source = std::fs::read_to_string(&content).unwrap();
    assert!(source.lines().nth(line - 1).unwrap().trim_start().starts_with("(a)"), "blamed on the paragraph's line");
    assert!(!project.path().join("site").exists(), "nothing written");
}
