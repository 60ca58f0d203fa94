//! Loading: the files under `content/` → a [`Corpus`].
//!
//! Resolutions are `content/resolutions/**/*.md`; they are read and parsed in parallel and all
//! their errors are reported together. Other stages own their own files (`topics.toml`,
//! `lineage-overrides.toml`, `notes/`), read through [`read_optional`].

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{SourceError, SourceErrors};
use crate::model::{parse_resolution, Corpus};

/// Every `.md` file under `dir`, sorted so that builds are reproducible.
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true) {
        let entry = entry.with_context(|| format!("failed to list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(".md") && !name.starts_with('.') {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}

/// Read and parse every resolution under `content_dir/resolutions`.
pub fn load(content_dir: &Path) -> Result<Corpus> {
    if !content_dir.is_dir() {
        anyhow::bail!(
            "no content folder at {}: expected content/resolutions/*.md (run agreed in the project folder or pass --root)",
            content_dir.display()
        );
    }
    let dir = content_dir.join("resolutions");
    let files = markdown_files(&dir)?;
    let parsed: Vec<Result<_, SourceErrors>> = files
        .par_iter()
        .map(|file| {
            let text = read_text(file).map_err(|e| SourceErrors(vec![e]))?;
            parse_resolution(file, &text)
        })
        .collect();
    let mut resolutions = Vec::with_capacity(parsed.len());
    let mut errors = Vec::new();
    for r in parsed {
        match r {
            Ok(r) => resolutions.push(r),
            Err(SourceErrors(e)) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(SourceErrors(errors).into());
    }
    Ok(Corpus::new(resolutions)?)
}

/// Read a UTF-8 text file; anything else is an error naming the line of the first bad byte.
pub fn read_text(file: &Path) -> Result<String, SourceError> {
    let bytes = std::fs::read(file).map_err(|e| SourceError::new(file, 0, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        SourceError::new(file, line, "not valid UTF-8: save the file as UTF-8")
    })
}

/// Read `content_dir/name` if it exists.
pub fn read_optional(content_dir: &Path, name: &str) -> Result<Option<(PathBuf, String)>, SourceError> {
    let path = content_dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    read_text(&path).map(|t| Some((path, t)))
}
