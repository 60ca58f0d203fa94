//! Site settings: `agreed.toml` as written ([`SiteFile`]) and as resolved for a build
//! ([`Config`]), with command-line flags taking precedence over the file.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Deserialize;

use crate::diagnostics::SourceError;

/// `agreed.toml`, every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Canonical address of the published site, e.g. `https://example.org/agreed/`.
    pub base_url: Option<String>,
    /// Name shown in the header.
    pub title: Option<String>,
    /// A folder under `themes/` whose files override the built-in default theme.
    pub theme: Option<String>,
    /// Minify every HTML page with minify-html (default false: the templates are minified once
    /// when loaded, which gives most of the saving at none of the per-page cost).
    pub minify: Option<bool>,
    /// Which bulk data exports to write.
    pub data: Option<DataFile>,
}

/// `[data]` in `agreed.toml`: `data/paragraphs.json` and `data/lineages.json` are always
/// written; the CSV and the Akoma Ntoso files each repeat every paragraph's text, so a very
/// large site meant for GitHub Pages (1 GB at most) may leave them out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// `data/paragraphs.csv` (default true).
    pub csv: Option<bool>,
    /// `data/akn/*.xml` (default true).
    pub akn: Option<bool>,
}

/// The data exports a build writes besides `paragraphs.json` and `lineages.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exports {
    pub csv: bool,
    pub akn: bool,
}

/// Everything a build needs to know, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    /// With a trailing `/`, or `None` when the site has no canonical address.
    pub base_url: Option<String>,
    pub title: String,
    pub theme_dir: Option<PathBuf>,
    pub minify: bool,
    pub exports: Exports,
}

impl Config {
    /// Read `root/agreed.toml` (if present) and apply the command-line overrides.
    pub fn load(root: &Path, output: Option<&Path>, base_url: Option<&str>) -> Result<Config> {
        let file = root.join("agreed.toml");
        let site: SiteFile = if file.exists() {
            let text = crate::content::read_text(&file)?;
            toml::from_str(&text).map_err(|e| {
                let line = e.span().map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count()).unwrap_or(1);
                SourceError::new(&file, line, e.message().to_string())
            })?
        } else {
            SiteFile::default()
        };
        let theme_dir = match &site.theme {
            Some(name) => {
                let dir = root.join("themes").join(name);
                if !dir.is_dir() {
                    return Err(SourceError::new(
                        &file,
                        1,
                        format!("theme `{name}` not found: expected a folder {}", dir.display()),
                    )
                    .into());
                }
                Some(dir)
            }
            None => None,
        };
        Ok(Config {
            root: root.to_path_buf(),
            content_dir: root.join("content"),
            output_dir: output.map(Path::to_path_buf).unwrap_or_else(|| root.join("site")),
            base_url: base_url.map(str::to_string).or(site.base_url).and_then(|u| normalize_base_url(&u)),
            title: site.title.unwrap_or_else(|| "agreed".to_string()),
            theme_dir,
            minify: site.minify.unwrap_or(false),
            exports: Exports {
                csv: site.data.as_ref().and_then(|d| d.csv).unwrap_or(true),
                akn: site.data.as_ref().and_then(|d| d.akn).unwrap_or(true),
            },
        })
    }
}

fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    Some(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        assert_eq!(normalize_base_url("https://a.org/x").as_deref(), Some("https://a.org/x/"));
        assert_eq!(normalize_base_url("https://a.org/").as_deref(), Some("https://a.org/"));
        assert_eq!(normalize_base_url(" "), None);
    }
}
