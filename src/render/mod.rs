//! Rendering: the analysed [`Site`] → pages, with Tera templates from the theme.
//!
//! STUB — to be implemented.

use std::path::Path;

use anyhow::Result;

use crate::Site;

/// One output file: a path relative to the site root and its bytes.
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub struct Theme;

impl Theme {
    pub fn load(_dir: Option<&Path>) -> Result<Theme> {
        Ok(Theme)
    }
}

pub fn all(_site: &Site, _theme: &Theme) -> Result<Vec<Page>> {
    Ok(Vec::new())
}
