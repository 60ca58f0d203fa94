//! The theme: Tera templates and static files. The default theme is embedded in the binary
//! (see `build.rs`); a user's `themes/<name>/` overrides it file by file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use walkdir::WalkDir;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Every file of the theme, by path relative to the theme root (`templates/base.html`,
/// `static/style.css`).
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme with the files of `dir` (if any) laid over it.
    pub fn load(dir: Option<&Path>) -> Result<Theme> {
        let mut files: BTreeMap<String, Vec<u8>> =
            DEFAULT_THEME.iter().map(|(path, bytes)| (path.to_string(), bytes.to_vec())).collect();
        if let Some(dir) = dir {
            for entry in WalkDir::new(dir) {
                let entry = entry.with_context(|| format!("failed to read theme {}", dir.display()))?;
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
                    let bytes = std::fs::read(entry.path())
                        .with_context(|| format!("failed to read {}", entry.path().display()))?;
                    files.insert(rel, bytes);
                }
            }
        }
        Ok(Theme { files })
    }

    /// Templates, by name without the `templates/` prefix.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_slice())))
    }

    /// Static files, by their path in the site (`static/style.css`).
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter(|(p, _)| p.starts_with("static/")).map(|(p, b)| (p.as_str(), b.as_slice()))
    }
}
