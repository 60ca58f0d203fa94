//! From rule hits to topics: the evidence for and against each topic on each paragraph.
//!
//! A topic is on a paragraph when at least one piece of [`Evidence`] supports it and the editor
//! has not removed it. The order of precedence, weakest first:
//! 1. phrase hits, each cancelled by an exclusion of the same topic that overlaps it;
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
        .map(|s| taxonomy.matcher().find(&s.heading).into_iter().filter(|o| o.role == Role::Section).collect())
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
    let occurrences = tax.matcher().find(&p.text);
    for o in occurrences.iter().filter(|o| o.role == Role::Phrase) {
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
            None => trace.evidence.push(Evidence::Phrase { phrase: o.phrase.clone(), range: o.range }),
        }
    }
    if let Some(s) = p.section.and_then(|i| sections.get(i).map(|o| (i, o))) {
        for o in s.1 {
            let heading = res.sections[s.0].heading.clone();
            let trace = traces.entry(o.topic).or_insert_with(|| TopicTrace::new(o.topic));
            let ev = Evidence::Section { heading, phrase: o.phrase.clone() };
            if !trace.evidence.contains(&ev) {
                trace.evidence.push(ev);
            }
        }
    }
    for (slugs, manual) in [(&p.attrs.topics_add, true), (&p.attrs.topics_remove, false)] {
        for topic in slugs.iter().filter_map(|s| tax.position(s)) {
            let trace = traces.entry(topic).or_insert_with(|| TopicTrace::new(topic));
            if manual {
                trace.evidence.push(Evidence::Manual);
            } else {
                trace.rejected.push(Rejection::Removed);
            }
        }
    }
    traces
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
            Evidence::Phrase { range, .. } => Some(*range),
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
