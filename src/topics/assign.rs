//! From rule hits to topics: the evidence for and against each topic on each paragraph.
//!
//! A topic is on a paragraph when at least one piece of [`Evidence`] supports it and the editor
//! has not removed it. The order of precedence, weakest first:
//! 1. phrase hits, each cancelled by an exclusion of the same topic that overlaps it; context
//!    phrases count like phrases, but only under a heading of their context;
//! 2. section context: the paragraph sits under a heading naming one of the topic's `sections`;
//! 3. inheritance: a sub-paragraph takes the `inherit = true` topics of its chapeau;
//! 4. manual tags in the content: `+slug` adds, `-slug` removes, whatever the rules said.
//!
//! Everything is kept, including what was cancelled, so `--explain` can show its work.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::matcher::{Occurrence, Role};
use super::{Taxonomy, TopicHit};
use crate::diagnostics::Warning;
use crate::model::{Kind, Paragraph, Resolution};

/// Why a topic is on a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "rule", rename_all = "lowercase")]
pub enum Evidence {
    /// A phrase of the topic, at this byte range of `Paragraph.text`.
    Phrase { phrase: String, range: (usize, usize) },
    /// A context phrase of the topic, under a heading of that context.
    Context { phrase: String, range: (usize, usize), heading: String },
    /// The paragraph's section heading contains one of the topic's section phrases.
    Section { heading: String, phrase: String },
    /// Inherited from the chapeau with this anchor.
    Inherited { from: String },
    /// `+slug` in the paragraph's `topics` attribute.
    Manual,
}

/// Why a topic that some rule suggested is not, or not only through that rule, on a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "rule", rename_all = "lowercase")]
pub enum Rejection {
    /// A phrase hit overlapped by an exclusion (a look-alike).
    Excluded { phrase: String, range: (usize, usize), by: String, by_range: (usize, usize) },
    /// `-slug` in the paragraph's `topics` attribute.
    Removed,
}

/// Everything the rules said about one topic on one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicTrace {
    pub topic: usize,
    pub evidence: Vec<Evidence>,
    pub rejected: Vec<Rejection>,
}

impl TopicTrace {
    fn new(topic: usize) -> TopicTrace {
        TopicTrace { topic, evidence: Vec::new(), rejected: Vec::new() }
    }

    pub fn assigned(&self) -> bool {
        !self.evidence.is_empty() && !self.rejected.contains(&Rejection::Removed)
    }
}

/// The traces of every paragraph of a resolution (by topic index), and warnings for manual tags
/// that name no topic.
pub fn assess_resolution(res: &Resolution, taxonomy: &Taxonomy) -> (Vec<Vec<TopicTrace>>, Vec<Warning>) {
    let section_topics: Vec<Vec<Occurrence>> = res
        .sections
        .iter()
        .map(|s| {
            let found = taxonomy.matcher().find(&s.heading).into_iter();
            found.filter(|o| matches!(o.role, Role::Section | Role::ContextSection(_))).collect()
        })
        .collect();
    let mut traces: Vec<BTreeMap<usize, TopicTrace>> =
        res.paragraphs.par_iter().map(|p| direct(p, res, &section_topics, taxonomy)).collect();
    inherit(res, taxonomy, &mut traces);
    let warnings = res.paragraphs.iter().flat_map(|p| unknown_tags(p, res, taxonomy)).collect();
    (traces.into_iter().map(|m| m.into_values().collect()).collect(), warnings)
}

/// Phrases, exclusions, section context and manual tags: what one paragraph says by itself.
fn direct(
    p: &Paragraph,
    res: &Resolution,
    sections: &[Vec<Occurrence>],
    tax: &Taxonomy,
) -> BTreeMap<usize, TopicTrace> {
    let mut traces: BTreeMap<usize, TopicTrace> = BTreeMap::new();
    let heading = p.section.and_then(|i| Some((res.sections.get(i)?.heading.as_str(), sections.get(i)?.as_slice())));
    phrase_evidence(&tax.matcher().find(&p.text), heading, &mut traces);
    if let Some((heading, found)) = heading {
        for o in found.iter().filter(|o| o.role == Role::Section) {
            let ev = Evidence::Section { heading: heading.to_string(), phrase: o.phrase.clone() };
            let trace = traces.entry(o.topic).or_insert_with(|| TopicTrace::new(o.topic));
            if !trace.evidence.contains(&ev) {
                trace.evidence.push(ev);
            }
        }
    }
    manual_tags(p, tax, &mut traces);
    traces
}

/// Phrase hits (and context phrases whose heading applies), each cancelled by an overlapping
/// exclusion of its topic.
fn phrase_evidence(
    occurrences: &[Occurrence],
    heading: Option<(&str, &[Occurrence])>,
    traces: &mut BTreeMap<usize, TopicTrace>,
) {
    let in_context = |topic: usize, n: usize| {
        heading.is_some_and(|(_, hs)| hs.iter().any(|h| h.topic == topic && h.role == Role::ContextSection(n)))
    };
    for o in occurrences {
        let ev = match o.role {
            Role::Phrase => Evidence::Phrase { phrase: o.phrase.clone(), range: o.range },
            Role::Context(n) if in_context(o.topic, n) => Evidence::Context {
                phrase: o.phrase.clone(),
                range: o.range,
                heading: heading.map(|(h, _)| h.to_string()).unwrap_or_default(),
            },
            _ => continue,
        };
        let trace = traces.entry(o.topic).or_insert_with(|| TopicTrace::new(o.topic));
        let veto =
            occurrences.iter().find(|x| x.role == Role::Exclude && x.topic == o.topic && overlaps(x.range, o.range));
        match veto {
            Some(x) => trace.rejected.push(Rejection::Excluded {
                phrase: o.phrase.clone(),
                range: o.range,
                by: x.phrase.clone(),
                by_range: x.range,
            }),
            None => trace.evidence.push(ev),
        }
    }
}

fn manual_tags(p: &Paragraph, tax: &Taxonomy, traces: &mut BTreeMap<usize, TopicTrace>) {
    for (slugs, add) in [(&p.attrs.topics_add, true), (&p.attrs.topics_remove, false)] {
        for topic in slugs.iter().filter_map(|s| tax.position(s)) {
            let trace = traces.entry(topic).or_insert_with(|| TopicTrace::new(topic));
            if add {
                trace.evidence.push(Evidence::Manual);
            } else {
                trace.rejected.push(Rejection::Removed);
            }
        }
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Sub-paragraphs take the inheritable topics their chapeau ended up with.
fn inherit(res: &Resolution, tax: &Taxonomy, traces: &mut [BTreeMap<usize, TopicTrace>]) {
    for i in 0..res.paragraphs.len() {
        let p = &res.paragraphs[i];
        let Some(parent) = p.parent.as_deref().filter(|_| p.kind == Kind::Subparagraph) else {
            continue;
        };
        let Some(c) = res.paragraphs[..i].iter().rposition(|q| q.anchor == parent) else {
            continue;
        };
        let inherited: Vec<usize> = traces[c]
            .values()
            .filter(|t| t.assigned() && tax.topics.get(t.topic).is_some_and(|topic| topic.inherit))
            .map(|t| t.topic)
            .collect();
        for topic in inherited {
            let trace = traces[i].entry(topic).or_insert_with(|| TopicTrace::new(topic));
            trace.evidence.push(Evidence::Inherited { from: parent.to_string() });
        }
    }
}

fn unknown_tags(p: &Paragraph, res: &Resolution, tax: &Taxonomy) -> Vec<Warning> {
    let tags = p.attrs.topics_add.iter().map(|s| ('+', s)).chain(p.attrs.topics_remove.iter().map(|s| ('-', s)));
    tags.filter(|(_, s)| tax.position(s).is_none())
        .map(|(sign, s)| Warning {
            file: res.file.clone(),
            line: p.line,
            message: format!("topic tag `{sign}{s}` on {} names no topic of the taxonomy", p.citation_label()),
        })
        .collect()
}

/// The hit a trace amounts to, if the topic is assigned.
pub fn hit(trace: TopicTrace) -> Option<TopicHit> {
    if !trace.assigned() {
        return None;
    }
    let mut matched: Vec<(usize, usize)> = trace
        .evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Phrase { range, .. } | Evidence::Context { range, .. } => Some(*range),
            _ => None,
        })
        .collect();
    matched.sort_unstable();
    let matched = merge(matched);
    let mut rules: Vec<String> = Vec::new();
    for e in &trace.evidence {
        let r = describe(e);
        if !rules.contains(&r) {
            rules.push(r);
        }
    }
    Some(TopicHit { topic: trace.topic, matched, rule: rules.join("; "), evidence: trace.evidence })
}

/// Sorted ranges made disjoint.
fn merge(ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => out.push(r),
        }
    }
    out
}

/// One evidence in words: `phrase "IGF"`, `section "Enhanced cooperation"`, …
pub fn describe(e: &Evidence) -> String {
    match e {
        Evidence::Phrase { phrase, .. } => format!("phrase \"{phrase}\""),
        Evidence::Context { phrase, heading, .. } => format!("phrase \"{phrase}\" under \"{heading}\""),
        Evidence::Section { heading, .. } => format!("section \"{heading}\""),
        Evidence::Inherited { from } => format!("inherited from para. {from}"),
        Evidence::Manual => "manual tag".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_ranges_merge_into_one_highlight() {
        assert_eq!(merge(vec![(0, 5), (3, 8), (10, 12)]), [(0, 8), (10, 12)]);
    }
}
