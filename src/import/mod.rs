//! `agreed import`: raw UN resolution text (web copies, PDF extractions) → content files.
//!
//! Raw texts arrive in two broad shapes: a copy from a web page (one paragraph a line, site
//! chrome around it, footnotes listed at the end) and text extracted from the PDF (hard-wrapped
//! lines, page numbers, running heads, footnote blocks at the foot of each page, markers
//! mangled into stray characters, OCR slips). The importer recognises both without being told
//! and runs one pipeline of small passes over them:
//!
//! decode → normalise lines → header and trailer → strip page furniture → lift footnotes →
//! lift footnote markers → join wrapped lines into paragraphs → assign footnote labels →
//! repair words → emit the content file.
//!
//! Every change a pass makes to the text is a named rule recorded in the [`Report`] with the
//! source line, and everything it cannot decide is recorded as an uncertainty, so an editor
//! knows exactly what to check. The output is always parsed back with
//! [`crate::model::parse_resolution`] before it is written: the importer never writes a file
//! the build would reject.

mod body;
mod decode;
mod emit;
mod footnotes;
mod header;
mod lines;
mod markers;
mod opener;
mod repair;
mod report;
mod vocab;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

pub use report::{Note, Report};

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

/// The result of importing one raw text.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The content file, ready to write.
    pub content: String,
    /// `E-RES-2025-18`: the file stem of the content file and of the copied source.
    pub stem: String,
    pub report: Report,
}

/// Import every file; print a report per file. Stops at the first file that cannot be imported.
pub fn run(opts: &ImportOptions) -> Result<()> {
    for file in &opts.files {
        let bytes = read_source(file)?;
        let imported = import_bytes(file, &bytes, opts.symbol.as_deref())?;
        print!("{}", imported.report);
        if !opts.check {
            write_outputs(opts, &imported, &bytes)?;
        }
    }
    Ok(())
}

fn read_source(file: &Path) -> Result<Vec<u8>> {
    if file.is_dir() {
        bail!("{}: is a directory; give the raw text files to import", file.display());
    }
    if !file.exists() {
        bail!("{}: no such file", file.display());
    }
    fs::read(file).with_context(|| format!("{}: cannot read", file.display()))
}

/// Import one raw text held in memory. `file` names it in messages and in the front matter's
/// `source`; `symbol` overrides the symbol found in the text.
pub fn import_bytes(file: &Path, bytes: &[u8], symbol: Option<&str>) -> Result<Imported> {
    let mut report = Report::new(file);
    let text = decode::decode(bytes, &mut report);
    let doc = body::read_document(&text, symbol, &mut report)
        .with_context(|| format!("{}: cannot import", file.display()))?;
    let stem = doc.symbol.replace('/', "-");
    let content = emit::content(&doc, &format!("sources/{stem}.txt"));
    let parsed = crate::model::parse_resolution(&PathBuf::from(format!("{stem}.md")), &content);
    if let Err(errors) = parsed {
        bail!("{}: the imported content does not parse (a bug in the importer):\n{errors}", file.display());
    }
    report.fill_counts(&doc);
    Ok(Imported { content, stem, report })
}

/// Write the content file and a copy of the raw source, each through a temporary file renamed
/// into place, so an interrupted import never leaves a half-written file.
fn write_outputs(opts: &ImportOptions, imported: &Imported, raw: &[u8]) -> Result<()> {
    let target = opts.out_dir.join(format!("{}.md", imported.stem));
    let sources = opts.out_dir.parent().map(|p| p.join("sources")).unwrap_or_else(|| PathBuf::from("sources"));
    let source_copy = sources.join(format!("{}.txt", imported.stem));
    for path in [&target, &source_copy] {
        if path.exists() && !opts.force {
            bail!("{}: already exists; pass --force to overwrite it", path.display());
        }
    }
    write_atomically(&target, imported.content.as_bytes())?;
    write_atomically(&source_copy, raw)?;
    println!("wrote {} and {}", target.display(), source_copy.display());
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("import");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&temp, bytes).with_context(|| format!("{}: cannot write", temp.display()))?;
    fs::rename(&temp, path).with_context(|| {
        let _ = fs::remove_file(&temp);
        format!("{}: cannot move the new file into place", path.display())
    })
}
