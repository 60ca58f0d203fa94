//! `agreed topics` on a small project: the summary table and `--explain SYMBOL ANCHOR`.

use std::path::Path;
use std::process::Command;

const RESOLUTION: &str = "+++\nsymbol = \"E/RES/2030/1\"\ntitle = \"WSIS\"\ndate = 2030-07-01\n+++\n\n\
1. Recognizes the value of the Forum in enhancing cooperation;\n\n\
## Enhanced cooperation\n\n\
2. Recalls that the Working Group held five meetings;\n\n\
3. Notes the Internet Governance Forum and women in ICT;\n{: topics=\"-gender\"}\n";

const TOPICS: &str = "[[topic]]\nslug = \"igf\"\nname = \"Internet Governance Forum\"\nphrases = [\"Internet Governance Forum\", \"IGF\"]\n\n\
[[topic]]\nslug = \"enhanced-cooperation\"\nname = \"Enhanced cooperation\"\nphrases = [\"enhanced cooperation\"]\nsections = [\"enhanced cooperation\"]\n\n\
[[topic]]\nslug = \"gender\"\nname = \"Gender\"\nphrases = [\"gender*\", \"women\"]\n";

fn project(topics: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let res = dir.path().join("content/resolutions");
    std::fs::create_dir_all(&res).unwrap();
    std::fs::write(res.join("E-RES-2030-1.md"), RESOLUTION).unwrap();
    std::fs::write(dir.path().join("content/topics.toml"), topics).unwrap();
    dir
}

fn agreed(root: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agreed"))
        .arg("topics")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("agreed runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn explain_prints_each_topic_with_its_rule_and_matched_words() {
    let dir = project(TOPICS);
    let (ok, out, err) = agreed(dir.path(), &["--explain", "E/RES/2030/1", "3"]);
    assert!(ok, "{err}");
    assert!(out.contains("+ igf"), "{out}");
    assert!(out.contains("phrase \"Internet Governance Forum\" matched \"Internet Governance Forum\""), "{out}");
    assert!(out.contains("- gender"), "{out}");
    assert!(out.contains("phrase \"women\" matched \"women\""), "{out}");
    assert!(out.contains("removed by manual tag"), "{out}");
}

#[test]
fn explain_shows_section_context() {
    let dir = project(TOPICS);
    let (ok, out, _) = agreed(dir.path(), &["--explain", "E/RES/2030/1", "2"]);
    assert!(ok);
    assert!(out.contains("+ enhanced-cooperation"), "{out}");
    assert!(out.contains("section \"Enhanced cooperation\""), "{out}");
}

#[test]
fn explain_of_an_unknown_paragraph_fails_with_a_message() {
    let dir = project(TOPICS);
    let (ok, _, err) = agreed(dir.path(), &["--explain", "E/RES/2030/1", "42"]);
    assert!(!ok);
    assert!(err.contains("has no paragraph `42`"), "{err}");
}

#[test]
fn the_summary_counts_paragraphs_per_topic_and_resolution() {
    let dir = project(TOPICS);
    let (ok, out, err) = agreed(dir.path(), &[]);
    assert!(ok, "{err}");
    let line = |slug: &str| {
        out.lines().find(|l| l.starts_with(slug)).unwrap_or("").split_whitespace().last().map(str::to_string)
    };
    assert_eq!(line("igf").as_deref(), Some("1"), "{out}");
    // Paragraphs 2 and 3 both sit under the heading "Enhanced cooperation".
    assert_eq!(line("enhanced-cooperation").as_deref(), Some("2"), "{out}");
    assert_eq!(line("gender").as_deref(), Some("0"), "{out}");
}

#[test]
fn a_broken_taxonomy_stops_with_file_and_line() {
    let dir = project("[[topic]]\nslug = \"igf\"\nname = \"IGF\"\nphrases = [\"IGF\"]\nsynonyms = [\"x\"]\n");
    let (ok, _, err) = agreed(dir.path(), &[]);
    assert!(!ok);
    assert!(err.contains("topics.toml:5:"), "{err}");
}
