//! `content/topics.toml`: the taxonomy as an editor writes it, read strictly.
//!
//! Every mistake an editor can make here (bad TOML, an unknown key, a slug used twice, a topic
//! without rules, a malformed phrase) is reported as `file:line: message` pointing at the topic
//! or phrase to fix, all problems at once, so a pre-commit hook shows everything in one run.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Context, Topic};
use crate::diagnostics::{LineIndex, SourceError, SourceErrors};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    slug: Spanned<String>,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    digwatch: Vec<String>,
    #[serde(default)]
    unbis: Vec<String>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    sections: Vec<Spanned<String>>,
    #[serde(default)]
    context: Vec<Spanned<RawContext>>,
    #[serde(default)]
    inherit: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    sections: Vec<Spanned<String>>,
    phrases: Vec<Spanned<String>>,
}

/// Parse and check the text of a taxonomy file; `file` names it in errors.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Topic>, SourceErrors> {
    let lines = LineIndex::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| lines.line(s.start.min(text.len()))).unwrap_or(1);
        SourceErrors(vec![SourceError::new(file, line, e.message().trim().to_string())])
    })?;
    let mut checker = Checker { file, lines, errors: Vec::new() };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut topics = Vec::with_capacity(raw.topic.len());
    for entry in raw.topic {
        let line = checker.lines.line(entry.span().start);
        let topic = checker.topic(line, entry.into_inner());
        if let Some(first) = seen.insert(topic.slug.clone(), topic.line) {
            let msg = format!("slug `{}` is already used by the topic at line {first}", topic.slug);
            checker.error(topic.line, msg);
        }
        topics.push(topic);
    }
    if checker.errors.is_empty() {
        Ok(topics)
    } else {
        Err(SourceErrors(checker.errors))
    }
}

/// Collects every problem of a file while turning its raw tables into topics.
struct Checker<'a> {
    file: &'a Path,
    lines: LineIndex,
    errors: Vec<SourceError>,
}

impl Checker<'_> {
    fn error(&mut self, line: usize, message: String) {
        self.errors.push(SourceError::new(self.file, line, message));
    }

    /// A checked topic; its `line` is that of its slug, where an editor looks for it.
    fn topic(&mut self, table_line: usize, t: RawTopic) -> Topic {
        let slug_line = self.lines.line(t.slug.span().start);
        let slug = t.slug.into_inner();
        if !is_slug(&slug) {
            let msg = format!(
                "slug `{slug}` must be lowercase letters, digits and single hyphens (e.g. `enhanced-cooperation`)"
            );
            self.error(slug_line, msg);
        }
        if t.name.trim().is_empty() {
            self.error(table_line, format!("topic `{slug}` has an empty name"));
        }
        if t.phrases.is_empty() && t.sections.is_empty() && t.context.is_empty() {
            self.error(table_line, format!("topic `{slug}` has no rules: give it `phrases` or `sections`"));
        }
        let phrases = self.phrases(&t.phrases, "phrase", &slug);
        let exclude = self.phrases(&t.exclude, "exclusion", &slug);
        let sections = self.phrases(&t.sections, "section", &slug);
        let context = t.context.iter().map(|c| self.context(c, &slug)).collect();
        Topic {
            name: t.name.trim().to_string(),
            description: t.description.trim().to_string(),
            digwatch: t.digwatch,
            unbis: t.unbis,
            phrases,
            exclude,
            sections,
            context,
            inherit: t.inherit,
            line: slug_line,
            slug,
        }
    }

    fn context(&mut self, c: &Spanned<RawContext>, slug: &str) -> Context {
        let line = self.lines.line(c.span().start);
        let c = c.get_ref();
        if c.sections.is_empty() || c.phrases.is_empty() {
            self.error(line, format!("a context of `{slug}` needs both `sections` and `phrases`"));
        }
        Context {
            sections: self.phrases(&c.sections, "context section", slug),
            phrases: self.phrases(&c.phrases, "context phrase", slug),
        }
    }

    fn phrases(&mut self, list: &[Spanned<String>], key: &str, slug: &str) -> Vec<String> {
        let mut out = Vec::with_capacity(list.len());
        for p in list {
            if let Err(msg) = check_phrase(p.get_ref()) {
                let line = self.lines.line(p.span().start);
                self.error(line, format!("{key} of `{slug}`: {msg}"));
            }
            out.push(p.get_ref().trim().to_string());
        }
        out
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A phrase must hold a word, and `*` may only end it (a prefix: `cyber*`).
fn check_phrase(p: &str) -> Result<(), String> {
    let p = p.trim();
    if !p.chars().any(char::is_alphanumeric) {
        return Err(format!("`{p}` has no words to match"));
    }
    let body = p.strip_suffix('*').unwrap_or(p);
    if body.contains('*') {
        return Err(format!("`{p}`: `*` may only end a phrase, as in `cyber*`"));
    }
    if p.ends_with('*') && !body.ends_with(char::is_alphanumeric) {
        return Err(format!("`{p}`: `*` must follow a letter, as in `cyber*`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse(Path::new("content/topics.toml"), text) {
            Ok(_) => Vec::new(),
            Err(SourceErrors(e)) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_well_formed_topic_is_read_with_its_mappings() {
        let text = "[[topic]]\nslug = \"ai\"\nname = \"AI\"\nphrases = [\"AI\", \"artificial intelligence\"]\nunbis = [\"ARTIFICIAL INTELLIGENCE\"]\n";
        let topics = parse(Path::new("t.toml"), text).unwrap();
        assert_eq!(topics[0].slug, "ai");
        assert_eq!(topics[0].phrases, ["AI", "artificial intelligence"]);
        assert_eq!(topics[0].unbis, ["ARTIFICIAL INTELLIGENCE"]);
        assert_eq!(topics[0].line, 2);
    }

    #[test]
    fn bad_toml_names_file_and_line() {
        let e = errors("[[topic]]\nslug = \"ai\"\nname = \n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("content/topics.toml:3: "), "{e:?}");
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let e = errors("[[topic]]\nslug = \"ai\"\nname = \"AI\"\nphrase = [\"AI\"]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("content/topics.toml:4:"), "{e:?}");
        assert!(e[0].contains("phrase"), "{e:?}");
    }

    #[test]
    fn a_duplicate_slug_points_at_both_topics() {
        let text = "[[topic]]\nslug = \"ai\"\nname = \"A\"\nphrases = [\"AI\"]\n\n[[topic]]\nslug = \"ai\"\nname = \"B\"\nphrases = [\"AI\"]\n";
        assert_eq!(errors(text), ["content/topics.toml:7: slug `ai` is already used by the topic at line 2"]);
    }

    #[test]
    fn a_topic_without_rules_is_an_error() {
        let e = errors("[[topic]]\nslug = \"ai\"\nname = \"A\"\nphrases = []\n");
        assert_eq!(e, ["content/topics.toml:1: topic `ai` has no rules: give it `phrases` or `sections`"]);
    }

    #[test]
    fn a_context_is_read_and_needs_both_lists() {
        let text = "[[topic]]\nslug = \"igf\"\nname = \"IGF\"\nphrases = [\"IGF\"]\n\n[[topic.context]]\nsections = [\"Internet governance\"]\nphrases = [\"the Forum\"]\n";
        let topics = parse(Path::new("t.toml"), text).unwrap();
        assert_eq!(topics[0].context[0].phrases, ["the Forum"]);
        let e = errors("[[topic]]\nslug = \"igf\"\nname = \"IGF\"\nphrases = [\"IGF\"]\n\n[[topic.context]]\nsections = []\nphrases = [\"the Forum\"]\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("needs both `sections` and `phrases`"), "{e:?}");
    }

    #[test]
    fn malformed_phrases_and_slugs_are_reported_together() {
        let text = "[[topic]]\nslug = \"Bad Slug\"\nname = \"A\"\nphrases = [\n  \"ok\",\n  \"a*b\",\n  \" - \",\n]\n";
        let e = errors(text);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].starts_with("content/topics.toml:2: slug `Bad Slug`"));
        assert!(e[1].starts_with("content/topics.toml:6: phrase of `Bad Slug`: `a*b`"));
        assert!(e[2].starts_with("content/topics.toml:7: phrase of `Bad Slug`"));
    }
}
