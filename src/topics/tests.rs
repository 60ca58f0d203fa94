//! Behaviour of the whole stage on small in-memory resolutions.

use std::path::Path;

use super::*;
use crate::model::parse_resolution;

const RULES: &str = r#"
[[topic]]
slug = "igf"
name = "Internet Governance Forum"
phrases = ["Internet Governance Forum", "IGF"]
sections = ["Internet Governance Forum"]

[[topic.context]]
sections = ["Internet governance"]
phrases = ["the Forum"]

[[topic]]
slug = "enhanced-cooperation"
name = "Enhanced cooperation"
phrases = ["enhanced cooperation", "Working Group on Enhanced Cooperation"]
exclude = ["enhanced cooperation between", "enhanced cooperation among"]
sections = ["enhanced cooperation"]

[[topic]]
slug = "ai"
name = "Artificial intelligence"
phrases = ["artificial intelligence", "AI"]

[[topic]]
slug = "environment"
name = "Environment"
phrases = ["environment", "climate change"]
exclude = ["enabling environment", "policy environment"]

[[topic]]
slug = "measurement"
name = "Measurement"
phrases = ["indicator"]
inherit = true
"#;

fn corpus(body: &str) -> Corpus {
    let text = format!("+++\nsymbol = \"E/RES/2030/1\"\ntitle = \"T\"\ndate = 2030-07-01\n+++\n\n{body}");
    let r = parse_resolution(Path::new("content/resolutions/E-RES-2030-1.md"), &text).expect("test content parses");
    Corpus::new(vec![r]).expect("one resolution")
}

fn taxonomy() -> Taxonomy {
    Taxonomy::parse(Path::new("content/topics.toml"), RULES).expect("test rules parse")
}

/// Slugs per anchor.
fn topics_of(body: &str) -> Vec<(String, Vec<String>)> {
    let c = corpus(body);
    let idx = index(&c, &taxonomy());
    c.all_paragraphs().map(|(r, p)| (p.anchor.clone(), idx.slugs(r).iter().map(|s| s.to_string()).collect())).collect()
}

fn slugs(body: &str) -> Vec<String> {
    topics_of(body).into_iter().next().map(|(_, s)| s).unwrap_or_default()
}

#[test]
fn the_igf_is_found_by_name_acronym_and_plural() {
    assert_eq!(slugs("1. Welcomes the Internet Governance Forum;\n"), ["igf"]);
    assert_eq!(slugs("1. Welcomes the IGF;\n"), ["igf"]);
    assert_eq!(slugs("1. Welcomes the national and regional Internet governance forums;\n"), ["igf"]);
}

#[test]
fn internet_governance_alone_is_not_the_igf() {
    assert!(slugs("1. Recognizes Internet governance issues of relevance;\n").is_empty());
}

#[test]
fn the_acronym_does_not_match_a_lowercase_word() {
    assert!(slugs("1. Notes the igf-1 growth factor and AIDS;\n").is_empty());
}

#[test]
fn enhancing_cooperation_is_not_enhanced_cooperation() {
    assert!(slugs("1. Recognizes the value of the Forum in enhancing cooperation, partnership and innovation;\n")
        .is_empty());
    assert!(slugs(
        "1. Recalls General Assembly resolution 78/311 on enhancing international cooperation on capacity-building;\n"
    )
    .is_empty());
}

#[test]
fn enhanced_cooperation_between_agencies_is_a_look_alike() {
    assert!(slugs("1. Calls for enhanced cooperation between the regional commissions;\n").is_empty());
    assert_eq!(
        slugs("1. Calls for continued work on the implementation of enhanced cooperation;\n"),
        ["enhanced-cooperation"]
    );
}

#[test]
fn emerging_technologies_alone_is_not_ai() {
    assert!(slugs("1. Recognizes that emerging technologies have enormous potential;\n").is_empty());
    assert_eq!(slugs("1. Notes the AI for Good platform;\n"), ["ai"]);
}

#[test]
fn an_enabling_environment_is_not_the_environment() {
    assert!(slugs("1. Promotes an enabling environment and a sound policy environment;\n").is_empty());
    assert_eq!(slugs("1. Notes e-waste and the environment;\n"), ["environment"]);
}

#[test]
fn a_heading_gives_its_topic_to_the_paragraphs_under_it() {
    let body = "1. First;\n\n## Enhanced cooperation\n\n2. Recalls that the Working Group held five meetings;\n\n## The road ahead\n\n3. Looks ahead;\n";
    let t = topics_of(body);
    assert_eq!(t[0].1, Vec::<String>::new());
    assert_eq!(t[1].1, ["enhanced-cooperation"]);
    assert_eq!(t[2].1, Vec::<String>::new());
}

#[test]
fn a_context_phrase_counts_only_under_its_heading() {
    let body = "1. Notes the value of the Forum in enhancing partnership;\n\n## Internet governance\n\n\
                2. Notes the holding of the eighth meeting of the Forum in Bali;\n";
    let t = topics_of(body);
    assert_eq!(t[0].1, Vec::<String>::new());
    assert_eq!(t[1].1, ["igf"]);
    let c = corpus(body);
    let idx = index(&c, &taxonomy());
    let hit = &idx.of(ParaRef { res: 0, para: 1 })[0];
    assert_eq!(hit.rule, "phrase \"the Forum\" under \"Internet governance\"");
    assert_eq!(&c.para(ParaRef { res: 0, para: 1 }).text[hit.matched[0].0..hit.matched[0].1], "the Forum");
}

#[test]
fn sub_paragraphs_inherit_only_inheritable_topics_of_their_chapeau() {
    let body = "1. Calls for a review of indicator methods on AI, and therefore:\n\n(a) Encourages data infrastructure;\n\n(b) Encourages assessment;\n";
    let t = topics_of(body);
    assert_eq!(t[0].1, ["ai", "measurement"]);
    assert_eq!(t[1].1, ["measurement"]);
    assert_eq!(t[2].1, ["measurement"]);
}

#[test]
fn manual_tags_add_and_remove_topics() {
    let body = "1. Notes the AI for Good platform;\n{: topics=\"-ai +igf\"}\n";
    assert_eq!(slugs(body), ["igf"]);
}

#[test]
fn an_unknown_manual_tag_is_a_warning_with_file_and_line() {
    let c = corpus("1. Text;\n{: topics=\"+gendre\"}\n");
    let idx = index(&c, &taxonomy());
    assert_eq!(idx.warnings.len(), 1);
    let w = idx.warnings[0].to_string();
    assert!(w.starts_with("content/resolutions/E-RES-2030-1.md:7: warning: topic tag `+gendre`"), "{w}");
}

#[test]
fn hits_carry_ranges_into_the_paragraph_text_and_a_rule() {
    let c = corpus("1. Notes the *report* of the Internet\u{2011}Governance Forum and the IGF;\n");
    let idx = index(&c, &taxonomy());
    let p = ParaRef { res: 0, para: 0 };
    let hit = &idx.of(p)[0];
    let text = &c.para(p).text;
    let words: Vec<&str> = hit.matched.iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(words, ["Internet\u{2011}Governance Forum", "IGF"]);
    assert_eq!(hit.rule, "phrase \"Internet Governance Forum\"; phrase \"IGF\"");
    assert_eq!(idx.paragraphs(0), [p]);
    assert_eq!(idx.count(0, 0), 1);
}

#[test]
fn explain_shows_the_rule_and_the_look_alike_that_cancelled_a_topic() {
    let c = corpus("## Internet Governance Forum\n\n1. Notes an enabling environment for the IGF;\n");
    let out = explain::explain_paragraph(&c, &taxonomy(), "E/RES/2030/1", "1").unwrap();
    assert!(out.contains("+ igf"), "{out}");
    assert!(out.contains("phrase \"IGF\" matched \"IGF\""), "{out}");
    assert!(out.contains("section \"Internet Governance Forum\""), "{out}");
    assert!(out.contains("- environment"), "{out}");
    assert!(out.contains("inside the look-alike \"enabling environment\""), "{out}");
}

#[test]
fn explain_names_a_missing_paragraph() {
    let c = corpus("1. Text;\n");
    let err = explain::explain_paragraph(&c, &taxonomy(), "E/RES/2030/1", "99").unwrap_err();
    assert!(err.contains("has no paragraph `99`"), "{err}");
}

#[test]
fn a_missing_taxonomy_file_means_no_topics() {
    let dir = tempfile::tempdir().unwrap();
    let t = load(dir.path()).unwrap();
    assert!(t.topics.is_empty());
}

#[test]
fn load_reports_every_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("topics.toml"),
        "[[topic]]\nslug = \"a\"\nname = \"A\"\n\n[[topic]]\nslug = \"a\"\nname = \"B\"\nphrases = [\"x\"]\n",
    )
    .unwrap();
    let e = load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("topics.toml:1: topic `a` has no rules"), "{e}");
    assert!(e.contains("topics.toml:6: slug `a` is already used"), "{e}");
}
