//! The command line as typed (clap derive). `main` turns it into calls of the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "agreed",
    version,
    about = "Turn UN resolutions into a cross-linked site where every paragraph has a permanent address and a history"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ (the default command).
    Build(BuildArgs),
    /// Turn raw resolution texts (web copies, PDF text) into content files.
    Import(ImportArgs),
    /// Validate content and links without writing the site.
    Check(SiteArgs),
    /// Build, serve on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Compare two resolutions paragraph by paragraph.
    Diff(DiffArgs),
    /// Explain topic assignments.
    Topics(TopicsArgs),
}

#[derive(Debug, Args, Default, Clone)]
pub struct SiteArgs {
    /// Project folder holding agreed.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args, Default, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: ROOT/site).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Canonical address of the published site, e.g. https://example.org/agreed/.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Raw text files to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Folder for the content files.
    #[arg(long, default_value = "content/resolutions")]
    pub out: PathBuf,
    /// Symbol to use when the text does not print one.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Overwrite existing content files.
    #[arg(long)]
    pub force: bool,
    /// Print the report without writing anything.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The older resolution, e.g. E/RES/2023/3.
    pub from: String,
    /// The newer resolution, e.g. E/RES/2025/18.
    pub to: String,
    /// Colour: auto, always or never.
    #[arg(long, default_value = "auto")]
    pub color: String,
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Explain the topics of SYMBOL ANCHOR.
    #[arg(long, num_args = 2, value_names = ["SYMBOL", "ANCHOR"])]
    pub explain: Vec<String>,
}
