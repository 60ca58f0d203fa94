//! Paragraph text → HTML. The text is escaped (a `<script>` in a resolution shows as text);
//! markup comes only from the model (italics, footnote references) and from overlays: byte
//! ranges of the plain text that later stages found (references become links, glossary terms
//! become `<abbr>`, topic words are highlighted).

use std::fmt::Write as _;

use crate::model::Inline;

/// Markup around a byte range of a paragraph's plain text.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub start: usize,
    pub end: usize,
    pub open: String,
    pub close: &'static str,
}

/// Stands for the path to the site root in HTML that is rendered once and used on pages at
/// different depths; [`super::urls::resolve_root_marks`] puts each page's shortest link there.
pub const ROOT: char = '\u{E000}';

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

pub fn escape_into(out: &mut String, s: &str) {
    // ROOT (U+E000) is the only character outside ASCII that needs escaping: text that happens
    // to hold it must not turn into a path.
    const SPECIALS: Specials = Specials::new(b"&<>\"'\xEE");
    replace_bytes(out, s, &SPECIALS, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&#39;", 1)),
        0xEE if bytes[i..].starts_with("\u{E000}".as_bytes()) => Some(("&#xE000;", ROOT.len_utf8())),
        _ => None,
    });
}

/// The bytes at which a replacement may start: between them, [`replace_bytes`] copies without
/// looking further.
pub struct Specials([bool; 256]);

impl Specials {
    pub const fn new(bytes: &[u8]) -> Specials {
        let mut table = [false; 256];
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        Specials(table)
    }

    /// Every byte of a range (`from..=to`) as well.
    pub const fn with_range(mut self, from: u8, to: u8) -> Specials {
        let mut b = from as usize;
        while b <= to as usize {
            self.0[b] = true;
            b += 1;
        }
        self
    }
}

/// Copy `s` into `out`, replacing what `replace` names at a byte offset: `(replacement,
/// length of what it replaces)`. `replace` is asked only at the bytes in `specials`; runs
/// without them are copied whole. Escaping runs over every value of every page and every word
/// of every export. `replace` must only match at character boundaries.
pub fn replace_bytes(
    out: &mut String,
    s: &str,
    specials: &Specials,
    replace: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
) {
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(skip) = bytes[i..].iter().position(|&b| specials.0[b as usize]) {
        i += skip;
        match replace(bytes, i) {
            Some((replacement, len)) => {
                out.push_str(&s[run..i]);
                out.push_str(replacement);
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[run..]);
}

/// Drop overlays that overlap an earlier one (the first wins) and sort them.
pub fn disjoint(mut overlays: Vec<Overlay>) -> Vec<Overlay> {
    overlays.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
    let mut out: Vec<Overlay> = Vec::with_capacity(overlays.len());
    for o in overlays {
        if o.start < o.end && out.last().is_none_or(|last| o.start >= last.end) {
            out.push(o);
        }
    }
    out
}

/// Render runs with `overlays` (sorted, disjoint, on char boundaries of the plain text).
/// `footnote` renders a footnote reference by its label.
pub fn inline_html(inlines: &[Inline], overlays: &[Overlay], footnote: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut pos = 0;
    let mut next = 0;
    for run in inlines {
        let (text, tag) = match run {
            Inline::FootnoteRef(label) => {
                out.push_str(&footnote(label));
                continue;
            }
            Inline::Text(t) => (t, None),
            Inline::Emph(t) => (t, Some("em")),
            Inline::Strong(t) => (t, Some("strong")),
        };
        if let Some(tag) = tag {
            let _ = write!(out, "<{tag}>");
        }
        let end = pos + text.len();
        while pos < end {
            while next < overlays.len() && overlays[next].end <= pos {
                next += 1;
            }
            match overlays.get(next) {
                Some(o) if o.start <= pos => {
                    let stop = o.end.min(end);
                    out.push_str(&o.open);
                    escape_into(&mut out, slice(text, pos - (end - text.len()), stop - (end - text.len())));
                    out.push_str(o.close);
                    pos = stop;
                }
                Some(o) if o.start < end => {
                    escape_into(&mut out, slice(text, pos - (end - text.len()), o.start - (end - text.len())));
                    pos = o.start;
                }
                _ => {
                    escape_into(&mut out, slice(text, pos - (end - text.len()), text.len()));
                    pos = end;
                }
            }
        }
        if let Some(tag) = tag {
            let _ = write!(out, "</{tag}>");
        }
    }
    out
}

/// A slice that never panics: a range off a char boundary (a bug upstream) shows the text whole
/// rather than taking the build down.
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::parse_inline;

    proptest::proptest! {
        /// The byte-run escaper writes what escaping character by character writes.
        #[test]
        fn escaping_is_escaping_each_character(s in "(\\PC|[&<>\"'\u{E000}\u{E001}]){0,40}") {
            let entity = |c| match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                '\'' => Some("&#39;"),
                ROOT => Some("&#xE000;"),
                _ => None,
            };
            proptest::prop_assert_eq!(escape(&s), escape_each_char(&s, entity));
        }
    }

    /// The reference the byte-run escapers are tested against: each character on its own.
    pub(crate) fn escape_each_char(s: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match entity(c) {
                Some(e) => out.push_str(e),
                None => out.push(c),
            }
        }
        out
    }

    fn fnref(label: &str) -> String {
        format!("<sup>{label}</sup>")
    }

    #[test]
    fn escaping_covers_markup_quotes_and_the_root_marker() {
        let text = format!("é<b>&\"'{ROOT}x{ROOT}\u{E001}ü");
        assert_eq!(escape(&text), "é&lt;b&gt;&amp;&quot;&#39;&#xE000;x&#xE000;\u{E001}ü");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn text_is_escaped_and_markup_kept() {
        let runs = parse_inline("*Notes* <script>alert(1)</script>[^2] & more");
        assert_eq!(
            inline_html(&runs, &[], &fnref),
            "<em>Notes</em> &lt;script&gt;alert(1)&lt;/script&gt;<sup>2</sup> &amp; more"
        );
    }

    #[test]
    fn overlays_wrap_ranges_even_across_runs() {
        let runs = parse_inline("*Recalling also* its resolution 2006/46 of July");
        let text = crate::model::plain_text(&runs);
        let start = text.find("its").unwrap();
        let end = text.find(" of").unwrap();
        let o = Overlay { start, end, open: "<a href=\"x\">".into(), close: "</a>" };
        let html = inline_html(&runs, &[o], &fnref);
        assert_eq!(html, "<em>Recalling also</em> <a href=\"x\">its resolution 2006/46</a> of July");
        let across = Overlay { start: 10, end: 20, open: "<b>".into(), close: "</b>" };
        let html = inline_html(&runs, &[across], &fnref);
        assert_eq!(html, "<em>Recalling <b>also</b></em><b> its r</b>esolution 2006/46 of July");
    }

    #[test]
    fn disjoint_keeps_the_first_of_overlapping_ranges() {
        let o = |s, e| Overlay { start: s, end: e, open: String::new(), close: "" };
        let kept = disjoint(vec![o(5, 9), o(0, 6), o(9, 12), o(3, 3)]);
        assert_eq!(kept.iter().map(|o| (o.start, o.end)).collect::<Vec<_>>(), [(0, 6), (9, 12)]);
    }
}
