//! One resolution as an Akoma Ntoso 3.0 document (`data/akn/E-RES-2025-18.xml`), named the way
//! the UN's AKN4UN guidelines name things, for legal-informatics tools that read the standard.
//!
//! Choices, documented for users in `docs/data.md`:
//! - a resolution is a `<statement name="resolution">`, AKN4UN's type for deliberations of an
//!   organ; its FRBR work IRI is `/akn/un/statement/deliberation/<organ>/<date>/<symbol with - for
//!   />`, the English expression adds `/eng@`, the manifestation `/!main.xml`;
//! - preambular paragraphs are `<recital>`s of the `<preamble>` (eId `preamble__recital_3` for
//!   `pp3`), operative paragraphs `<paragraph>`s of the `<mainBody>` (eId `para_29`), a chapeau
//!   puts its text in `<intro>` and its sub-paragraphs are `<subparagraph>`s (`para_116__subpara_a`);
//!   operative numbers run through the whole resolution, so an eId does not repeat the section's;
//! - headings become nested `<section>`s; footnotes are `<authorialNote>`s at the marker's place.
//!
//! Every date is the adoption date (never the build time) so builds are byte-identical.

use std::fmt::Write as _;

use crate::model::{anchor, Inline, Kind, Paragraph, Resolution};
use crate::Site;

/// The AKN namespace of version 3.0.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// Where a resolution's file lives under `site/`.
pub fn path(r: &Resolution) -> String {
    format!("data/akn/{}.xml", anchor::symbol_slug(&r.symbol))
}

/// The FRBR work IRI, e.g. `/akn/un/statement/deliberation/ecosoc/2025-07-29/E-RES-2025-18`.
pub fn work_iri(r: &Resolution) -> String {
    format!("/akn/un/statement/deliberation/{}/{}/{}", organ(r), r.date, anchor::symbol_slug(&r.symbol))
}

/// AKN4UN's short name of the adopting organ: the usual acronym for the principal organs (from
/// the body named in the front matter, else the symbol's first part), else the body as a slug.
pub fn organ(r: &Resolution) -> String {
    let body = r.body.to_lowercase();
    let known = [
        ("general assembly", "unga"),
        ("economic and social council", "ecosoc"),
        ("security council", "unsc"),
        ("human rights council", "unhrc"),
    ];
    if let Some((_, short)) = known.iter().find(|(name, _)| body.contains(name)) {
        return short.to_string();
    }
    let by_symbol = match r.symbol.split('/').next().unwrap_or("") {
        "A" => Some("unga"),
        "E" => Some("ecosoc"),
        "S" => Some("unsc"),
        _ => None,
    };
    if let Some(short) = by_symbol {
        return short.to_string();
    }
    let slug: String =
        body.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
    if slug.is_empty() {
        "un".to_string()
    } else {
        slug
    }
}

/// The whole XML document of resolution `r`.
pub fn document(site: &Site, r: &Resolution) -> String {
    let mut x = String::with_capacity(4096 + r.paragraphs.iter().map(|p| p.text.len() * 2).sum::<usize>());
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(x, "<akomaNtoso xmlns=\"{NAMESPACE}\">");
    x.push_str("<statement name=\"resolution\" contains=\"originalVersion\">\n");
    meta(&mut x, site, r);
    preface(&mut x, r);
    preamble(&mut x, r);
    main_body(&mut x, r);
    conclusions(&mut x, r);
    x.push_str("</statement>\n</akomaNtoso>\n");
    x
}

fn meta(x: &mut String, site: &Site, r: &Resolution) {
    let work = work_iri(r);
    let expr = format!("{work}/eng@");
    let (date, organ) = (escape(&r.date), escape(&organ(r)));
    let _ = write!(
        x,
        "<meta>\n<identification source=\"#agreed\">\n\
         <FRBRWork>\n<FRBRthis value=\"{w}/!main\"/>\n<FRBRuri value=\"{w}\"/>\n\
         <FRBRalias name=\"UNSymbol\" value=\"{sym}\"/>\n<FRBRdate date=\"{date}\" name=\"adoption\"/>\n\
         <FRBRauthor href=\"#{organ}\"/>\n<FRBRcountry value=\"un\"/>\n<FRBRsubtype value=\"deliberation\"/>\n\
         <FRBRnumber value=\"{sym}\"/>\n<FRBRname value=\"resolution\"/>\n</FRBRWork>\n\
         <FRBRExpression>\n<FRBRthis value=\"{e}/!main\"/>\n<FRBRuri value=\"{e}\"/>\n\
         <FRBRdate date=\"{date}\" name=\"adoption\"/>\n<FRBRauthor href=\"#{organ}\"/>\n\
         <FRBRlanguage language=\"eng\"/>\n</FRBRExpression>\n\
         <FRBRManifestation>\n<FRBRthis value=\"{e}/!main.xml\"/>\n<FRBRuri value=\"{e}.akn\"/>\n\
         <FRBRdate date=\"{date}\" name=\"generation\"/>\n<FRBRauthor href=\"#agreed\"/>\n\
         <FRBRformat value=\"application/akn+xml\"/>\n</FRBRManifestation>\n</identification>\n",
        w = escape(&work),
        e = escape(&expr),
        sym = escape(&r.symbol),
    );
    let _ = write!(
        x,
        "<references source=\"#agreed\">\n\
         <TLCOrganization eId=\"{organ}\" href=\"/akn/ontology/organizations/un/{organ}\" showAs=\"{body}\"/>\n\
         <TLCOrganization eId=\"agreed\" href=\"/akn/ontology/organizations/agreed\" showAs=\"{site}\"/>\n\
         </references>\n</meta>\n",
        body = escape(if r.body.is_empty() { "United Nations" } else { &r.body }),
        site = escape(&site.config.title),
    );
}

fn preface(x: &mut String, r: &Resolution) {
    let _ = write!(
        x,
        "<preface>\n<p class=\"symbol\"><docNumber>{}</docNumber></p>\n<p class=\"title\"><docTitle>{}</docTitle></p>\n",
        escape(&r.symbol),
        escape(&r.title)
    );
    if let Some(rec) = &r.recommendation {
        let _ = writeln!(x, "<p class=\"recommendation\">{}</p>", escape(rec));
    }
    x.push_str("</preface>\n");
}

fn preamble(x: &mut String, r: &Resolution) {
    let recitals: Vec<&Paragraph> = r.paragraphs.iter().filter(|p| p.kind == Kind::Preambular).collect();
    if recitals.is_empty() && r.formula.is_none() {
        return;
    }
    x.push_str("<preamble>\n");
    if let Some(formula) = &r.formula {
        let _ = writeln!(x, "<formula name=\"enactingFormula\"><p>{}</p></formula>", escape(formula));
    }
    if !recitals.is_empty() {
        x.push_str("<recitals eId=\"preamble__recitals\">\n");
        for p in recitals {
            let eid = format!("preamble__recital_{}", token(&p.number));
            let _ = write!(x, "<recital eId=\"{eid}\">");
            para_text(x, r, p, &eid);
            x.push_str("</recital>\n");
        }
        x.push_str("</recitals>\n");
    }
    x.push_str("</preamble>\n");
}

/// Operative paragraphs, nested in the sections their headings open.
fn main_body(x: &mut String, r: &Resolution) {
    x.push_str("<mainBody>\n");
    let mut open: Vec<(usize, u8)> = Vec::new(); // (section index, level) of open <section>s
    let mut next_section = 0;
    let mut wrote = false;
    let mut i = 0;
    while i < r.paragraphs.len() {
        let p = &r.paragraphs[i];
        if p.kind == Kind::Preambular {
            i += 1;
            continue;
        }
        if let Some(s) = p.section.filter(|&s| s >= next_section) {
            open_sections(x, r, &mut open, next_section..=s);
            next_section = s + 1;
        } else if p.section.is_none() {
            close_sections(x, &mut open, 0);
        }
        let subs = r.paragraphs[i + 1..]
            .iter()
            .take_while(|q| q.kind == Kind::Subparagraph && q.parent.as_deref() == Some(p.anchor.as_str()))
            .count();
        paragraph(x, r, p, &r.paragraphs[i + 1..i + 1 + subs]);
        wrote = true;
        i += 1 + subs;
    }
    if next_section < r.sections.len() {
        open_sections(x, r, &mut open, next_section..=r.sections.len() - 1);
    }
    close_sections(x, &mut open, 0);
    if !wrote && r.sections.is_empty() {
        x.push_str("<p/>\n"); // mainBody may not be empty
    }
    x.push_str("</mainBody>\n");
}

/// Open sections `range` in order, first closing those at the same or a deeper level. A section
/// that stays empty gets an empty `<content>` when closed (a hierarchy may not be empty).
fn open_sections(x: &mut String, r: &Resolution, open: &mut Vec<(usize, u8)>, range: std::ops::RangeInclusive<usize>) {
    for s in range {
        let section = &r.sections[s];
        close_sections(x, open, section.level);
        take_empty_mark(x);
        let _ = write!(x, "<section eId=\"sec_{}\"><heading>{}</heading>", s + 1, escape(&section.heading));
        open.push((s, section.level));
        x.push_str(EMPTY_MARK);
    }
}

/// Written after a `<heading>` and removed as soon as anything is written into the section.
const EMPTY_MARK: &str = "\u{0}";

/// Close open sections whose level is at least `level` (0 closes all).
fn close_sections(x: &mut String, open: &mut Vec<(usize, u8)>, level: u8) {
    while open.last().is_some_and(|&(_, l)| l >= level) {
        open.pop();
        if x.ends_with(EMPTY_MARK) {
            x.truncate(x.len() - EMPTY_MARK.len());
            x.push_str("<content><p/></content>");
        }
        x.push_str("</section>\n");
    }
}

/// Something is written into the open section: it is not empty after all.
fn take_empty_mark(x: &mut String) {
    if x.ends_with(EMPTY_MARK) {
        x.truncate(x.len() - EMPTY_MARK.len());
        x.push('\n');
    }
}

fn paragraph(x: &mut String, r: &Resolution, p: &Paragraph, subs: &[Paragraph]) {
    take_empty_mark(x);
    let eid = match p.kind {
        Kind::Subparagraph => subparagraph_eid(p),
        _ => format!("para_{}", token(&p.anchor)),
    };
    let element = if p.kind == Kind::Subparagraph { "subparagraph" } else { "paragraph" };
    let _ = write!(x, "<{element} eId=\"{eid}\"><num>{}</num>", escape(&p.display_number()));
    if subs.is_empty() {
        x.push_str("<content>");
        para_text(x, r, p, &eid);
        x.push_str("</content>");
    } else {
        x.push_str("<intro>");
        para_text(x, r, p, &eid);
        x.push_str("</intro>\n");
        for s in subs {
            paragraph(x, r, s, &[]);
        }
    }
    let _ = writeln!(x, "</{element}>");
}

fn subparagraph_eid(p: &Paragraph) -> String {
    format!("para_{}__subpara_{}", token(p.parent.as_deref().unwrap_or("0")), token(&p.number))
}

/// The paragraph's text in one `<p>`: italics, bold, and each footnote as an `<authorialNote>`.
fn para_text(x: &mut String, r: &Resolution, p: &Paragraph, eid: &str) {
    x.push_str("<p>");
    let mut notes = 0;
    for run in &p.inlines {
        if let Inline::FootnoteRef(label) = run {
            notes += 1;
            let _ = write!(
                x,
                "<authorialNote marker=\"{m}\" placement=\"bottom\" eId=\"{eid}__authorialNote_{notes}\"><p>",
                m = escape(label)
            );
            if let Some(f) = r.footnote(label) {
                inline_runs(x, &f.inlines);
            }
            x.push_str("</p></authorialNote>");
        } else {
            text_run(x, run);
        }
    }
    x.push_str("</p>");
}

/// Footnote text: the same runs, without nested notes.
fn inline_runs(x: &mut String, runs: &[Inline]) {
    runs.iter().for_each(|run| text_run(x, run));
}

/// One run of text as AKN inline markup; footnote references are handled by the caller.
fn text_run(x: &mut String, run: &Inline) {
    let (tag, t) = match run {
        Inline::Text(t) => (None, t),
        Inline::Emph(t) => (Some("i"), t),
        Inline::Strong(t) => (Some("b"), t),
        Inline::FootnoteRef(_) => return,
    };
    if let Some(tag) = tag {
        let _ = write!(x, "<{tag}>");
    }
    escape_into(x, t);
    if let Some(tag) = tag {
        let _ = write!(x, "</{tag}>");
    }
}

fn conclusions(x: &mut String, r: &Resolution) {
    let _ = write!(x, "<conclusions>\n<p class=\"adoption\">");
    if let Some(meeting) = &r.meeting {
        let _ = write!(x, "{}<eol/>", escape(meeting));
    }
    let _ = writeln!(
        x,
        "<date date=\"{}\" refersTo=\"#adoption\">{}</date></p>\n</conclusions>",
        escape(&r.date),
        escape(&super::views::long_date(&r.date))
    );
}

/// An anchor or number as an eId part: letters, digits, `-` and `.` kept, anything else `_`.
fn token(s: &str) -> String {
    let t: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect();
    if t.is_empty() {
        "_".to_string()
    } else {
        t
    }
}

/// Escape text for XML content or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Escape `s` into `out`. Characters XML 1.0 cannot carry at all (most C0 controls, lone
/// surrogates cannot occur in a `str`, U+FFFE/U+FFFF) become U+FFFD, so any text gives a
/// well-formed document.
pub fn escape_into(out: &mut String, s: &str) {
    use super::markup::Specials;
    // U+FFFE/U+FFFF are EF BF BE/BF in UTF-8.
    const SPECIALS: Specials = Specials::new(b"&<>\"'\xEF").with_range(0, 0x1f);
    super::markup::replace_bytes(out, s, &SPECIALS, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&apos;", 1)),
        b'\t' | b'\n' | b'\r' => None,
        b if b < 0x20 => Some(("\u{FFFD}", 1)),
        0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => Some(("\u{FFFD}", 3)),
        _ => None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-run escaper writes what escaping character by character writes.
        #[test]
        fn xml_escaping_is_escaping_each_character(s in "(\\PC|[&<>\"'\u{0}-\u{1f}\u{FFFE}\u{FFFF}\u{EFBF}]){0,40}") {
            let entity = |c| match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                '\'' => Some("&apos;"),
                '\t' | '\n' | '\r' => None,
                '\u{0}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}' => Some("\u{FFFD}"),
                _ => None,
            };
            proptest::prop_assert_eq!(escape(&s), crate::render::markup::tests::escape_each_char(&s, entity));
        }
    }

    #[test]
    fn escaping_gives_well_formed_xml_for_any_text() {
        assert_eq!(escape("a < b & \"c\" > 'd'"), "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
        assert_eq!(escape("bell\u{7}\u{FFFF}tab\t"), "bell\u{FFFD}\u{FFFD}tab\t");
        assert_eq!(escape("é—日本"), "é—日本");
    }

    #[test]
    fn tokens_are_safe_eid_parts() {
        assert_eq!(token("12bis"), "12bis");
        assert_eq!(token("a b/c"), "a_b_c");
        assert_eq!(token(""), "_");
    }
}
