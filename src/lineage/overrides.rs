//! The editor's corrections to the automatic lineage: `content/lineage-overrides.toml`.
//!
//! One line per correction, the paragraph on the left, what it continues on the right:
//!
//! ```toml
//! "E/RES/2025/18#29" = "E/RES/2023/3#26"   # force a link
//! "E/RES/2025/18#4" = "new"                # cut the automatic link: a new paragraph
//! ```
//!
//! A file that is not valid TOML, or an entry that is not of this shape, stops the build with
//! file and line. An entry that names a resolution or paragraph that does not exist, or links
//! to something that cannot be an earlier version, no longer applies: the build warns about it
//! (file and line) and goes on, so an override never blocks a correction of the content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::read_optional;
use crate::diagnostics::SourceError;

/// The file name under `content/`.
pub const FILE_NAME: &str = "lineage-overrides.toml";

/// A paragraph named by symbol and anchor, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParaName {
    pub symbol: String,
    pub anchor: String,
}

impl std::fmt::Display for ParaName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.symbol, self.anchor)
    }
}

/// What an override says a paragraph continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Previous(ParaName),
    New,
}

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub paragraph: ParaName,
    pub target: Target,
    /// 1-based line in the file.
    pub line: usize,
}

/// Every override of the content, with the file they came from (for messages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub file: PathBuf,
    pub entries: Vec<Override>,
}

impl Overrides {
    /// No overrides at all.
    pub fn none() -> Overrides {
        Overrides::default()
    }

    /// Read `content_dir/lineage-overrides.toml`; a missing file means no overrides.
    pub fn load(content_dir: &Path) -> Result<Overrides, SourceError> {
        match read_optional(content_dir, FILE_NAME)? {
            Some((file, text)) => Overrides::parse(&file, &text),
            None => Ok(Overrides { file: content_dir.join(FILE_NAME), entries: Vec::new() }),
        }
    }

    /// Parse the text of an overrides file.
    pub fn parse(file: &Path, text: &str) -> Result<Overrides, SourceError> {
        let table: BTreeMap<String, toml::Spanned<toml::Value>> = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            SourceError::new(file, line, format!("lineage overrides: {}", e.message()))
        })?;
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table {
            let line = line_of(text, value.span().start);
            let paragraph = parse_name(&key).ok_or_else(|| {
                SourceError::new(file, line, format!("expected \"SYMBOL#ANCHOR\" as the key, found {key:?}"))
            })?;
            let target = match value.get_ref() {
                toml::Value::String(s) if s.trim().eq_ignore_ascii_case("new") => Target::New,
                toml::Value::String(s) => Target::Previous(parse_name(s).ok_or_else(|| {
                    SourceError::new(file, line, format!("expected \"SYMBOL#ANCHOR\" or \"new\", found {s:?}"))
                })?),
                other => {
                    return Err(SourceError::new(
                        file,
                        line,
                        format!("expected a string \"SYMBOL#ANCHOR\" or \"new\", found a {}", other.type_str()),
                    ))
                }
            };
            entries.push(Override { paragraph, target, line });
        }
        entries.sort_by_key(|e| e.line);
        Ok(Overrides { file: file.to_path_buf(), entries })
    }
}

/// `E/RES/2025/18#29` (also `E/RES/2025/18/#29`, as the site prints it) → symbol and anchor.
fn parse_name(s: &str) -> Option<ParaName> {
    let (symbol, anchor) = s.trim().split_once('#')?;
    let symbol = symbol.trim().trim_end_matches('/');
    let anchor = anchor.trim();
    if symbol.is_empty() || anchor.is_empty() || anchor.contains(char::is_whitespace) {
        return None;
    }
    Some(ParaName { symbol: symbol.to_string(), anchor: anchor.to_string() })
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_cuts_are_read_with_their_lines() {
        let text = "# corrections\n\"E/RES/2025/18#29\" = \"E/RES/2023/3#26\"\n\"E/RES/2025/18/#4\" = \"new\"\n";
        let o = Overrides::parse(Path::new("o.toml"), text).unwrap();
        assert_eq!(o.entries.len(), 2);
        assert_eq!(o.entries[0].line, 2);
        assert_eq!(o.entries[0].paragraph, ParaName { symbol: "E/RES/2025/18".into(), anchor: "29".into() });
        assert_eq!(
            o.entries[0].target,
            Target::Previous(ParaName { symbol: "E/RES/2023/3".into(), anchor: "26".into() })
        );
        assert_eq!(o.entries[1].line, 3);
        assert_eq!(o.entries[1].target, Target::New);
    }

    #[test]
    fn a_key_without_an_anchor_is_an_error_naming_file_and_line() {
        let e = Overrides::parse(Path::new("o.toml"), "\n\"E/RES/2025/18\" = \"new\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("o.toml:2: "), "{e}");
    }

    #[test]
    fn a_value_that_is_not_a_string_is_an_error() {
        let e = Overrides::parse(Path::new("o.toml"), "\"E/RES/2025/18#1\" = 3\n").unwrap_err();
        assert!(e.message.contains("found a integer"), "{}", e.message);
    }

    #[test]
    fn broken_toml_is_an_error_with_a_line() {
        let e = Overrides::parse(Path::new("o.toml"), "\"a#1\" = \"new\"\n\"b#2\" = \n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
