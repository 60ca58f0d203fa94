//! Editorial annotations: Markdown files under `content/notes/<SYMBOL-SLUG>/<anchor>.md`
//! (`content/notes/E-RES-2025-18/29.md` annotates paragraph 29 of E/RES/2025/18).
//!
//! A note is commentary, never adopted text, so the renderer marks it as such. Code and data
//! blocks are highlighted with syntect using CSS classes (one stylesheet serves the light and
//! the dark scheme). Raw HTML in a note is shown as text, like everything from the content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::diagnostics::{SourceError, SourceErrors};
use crate::model::{anchor, Corpus, ParaRef};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

#[derive(Debug)]
pub struct Note {
    pub file: PathBuf,
    pub target: ParaRef,
    /// The note rendered to HTML.
    pub html: String,
}

#[derive(Debug, Default)]
pub struct Notes {
    pub notes: Vec<Note>,
    by_paragraph: HashMap<ParaRef, Vec<usize>>,
}

impl Notes {
    pub fn of(&self, p: ParaRef) -> impl Iterator<Item = &Note> {
        self.by_paragraph.get(&p).into_iter().flatten().map(|&i| &self.notes[i])
    }
}

/// Read every note; a note whose paragraph does not exist is an error naming the file.
pub fn load(content_dir: &Path, corpus: &Corpus) -> anyhow::Result<Notes> {
    let dir = content_dir.join("notes");
    let mut notes = Notes::default();
    let mut errors = Vec::new();
    for file in crate::content::markdown_files(&dir)? {
        match read_note(&dir, &file, corpus) {
            Ok(note) => {
                notes.by_paragraph.entry(note.target).or_default().push(notes.notes.len());
                notes.notes.push(note);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(SourceErrors(errors).into());
    }
    Ok(notes)
}

fn read_note(dir: &Path, file: &Path, corpus: &Corpus) -> Result<Note, SourceError> {
    let text = crate::content::read_text(file)?;
    let rel = file.strip_prefix(dir).unwrap_or(file);
    let slug = rel.parent().and_then(|p| p.to_str()).unwrap_or("").replace('\\', "/");
    let para_anchor = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let resolution = corpus.resolutions.iter().position(|r| anchor::symbol_slug(&r.symbol) == slug);
    let Some(res) = resolution else {
        return Err(SourceError::new(
            file,
            1,
            format!("annotation for `{slug}`, which is no resolution of the content: expected a folder like `E-RES-2025-18`"),
        ));
    };
    let Some(para) = corpus.resolutions[res].paragraphs.iter().position(|p| p.anchor == para_anchor) else {
        return Err(SourceError::new(
            file,
            1,
            format!(
                "annotation for paragraph `{para_anchor}` of {}, which has no such paragraph",
                corpus.resolutions[res].symbol
            ),
        ));
    };
    Ok(Note { file: file.to_path_buf(), target: ParaRef { res, para }, html: markdown_html(&text) })
}

/// Markdown → HTML with highlighted code blocks; raw HTML is escaped.
pub fn markdown_html(markdown: &str) -> String {
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Some((_, buf)), Event::Text(t)) => buf.push_str(&t),
            (Some((lang, buf)), Event::End(TagEnd::CodeBlock)) => {
                events.push(Event::Html(highlight(lang, buf).into()));
                code = None;
            }
            (_, Event::Html(h) | Event::InlineHtml(h)) => events.push(Event::Text(h)),
            (_, e) => events.push(e),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn highlight(lang: &str, code: &str) -> String {
    let syntax = SYNTAXES.find_syntax_by_token(lang).unwrap_or_else(|| SYNTAXES.find_syntax_plain_text());
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if gen.parse_html_for_line_which_includes_newline(line).is_err() {
            return format!(
                "<pre class=\"code\" tabindex=\"0\"><code>{}</code></pre>",
                crate::render::markup::escape(code)
            );
        }
    }
    let lang_class = crate::render::markup::escape(lang);
    format!(
        "<pre class=\"code hl-code\" tabindex=\"0\" data-lang=\"{lang_class}\"><code>{}</code></pre>",
        gen.finalize()
    )
}

/// The stylesheet for highlighted blocks: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        let Some(theme) = themes.themes.get(name) else { return String::new() };
        syntect::html::css_for_theme_with_class_style(&readable(theme.clone()), CLASS_STYLE).unwrap_or_default()
    };
    format!(
        "/* Generated by agreed from syntect themes. */\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

/// The stock syntect themes colour some tokens below WCAG AA contrast (green tags on white):
/// move every foreground colour towards black or white until it reaches 4.6:1 on the theme's
/// background.
fn readable(mut theme: syntect::highlighting::Theme) -> syntect::highlighting::Theme {
    use syntect::highlighting::Color;
    let bg = theme.settings.background.unwrap_or(Color::WHITE);
    let dark_bg = luminance(bg) < 0.5;
    let fix = |c: Color| {
        let mut c = c;
        for _ in 0..40 {
            if contrast(c, bg) >= 4.6 {
                break;
            }
            let step = |v: u8| {
                if dark_bg {
                    v.saturating_add(((255 - v) / 8).max(1))
                } else {
                    v.saturating_sub((v / 8).max(1))
                }
            };
            c = Color { r: step(c.r), g: step(c.g), b: step(c.b), a: c.a };
        }
        c
    };
    theme.settings.foreground = theme.settings.foreground.map(fix);
    for item in &mut theme.scopes {
        item.style.foreground = item.style.foreground.map(fix);
    }
    theme
}

fn luminance(c: syntect::highlighting::Color) -> f64 {
    let lin = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

fn contrast(a: syntect::highlighting::Color, b: syntect::highlighting::Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_are_highlighted_with_classes_and_html_is_escaped() {
        let html = markdown_html("Note <b>x</b>\n\n```toml\nkey = \"value\"\n```\n");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(html.contains("class=\"code hl-code\""), "{html}");
        assert!(html.contains("<span class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "class-based, no inline colours: {html}");
    }

    #[test]
    fn every_highlight_colour_reads_on_its_background() {
        let themes = ThemeSet::load_defaults();
        for name in ["InspiredGitHub", "base16-ocean.dark"] {
            let theme = readable(themes.themes[name].clone());
            let bg = theme.settings.background.unwrap();
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    assert!(contrast(fg, bg) >= 4.5, "{name}: {fg:?} on {bg:?}");
                }
            }
        }
    }

    #[test]
    fn highlight_css_has_light_and_dark_rules() {
        let css = highlight_css();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
