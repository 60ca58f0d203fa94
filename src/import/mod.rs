//! `agreed import`: raw UN resolution text (web copies, PDF extractions) → content files.
//!
//! STUB INTERFACE — to be implemented (issues 3 and 4).

use std::path::PathBuf;

use anyhow::{bail, Result};

/// What the user asked for on the command line.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub files: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub symbol: Option<String>,
    pub force: bool,
    /// Print the report without writing.
    pub check: bool,
}

/// Import every file; print a report per file.
pub fn run(_opts: &ImportOptions) -> Result<()> {
    bail!("import is not implemented yet")
}
