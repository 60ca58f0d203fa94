//! `agreed`: dispatch the command, print the error chain once, choose the exit status
//! (0 success, 1 user error; never a panic).

use std::process::ExitCode;

use clap::Parser;

use agreed::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match agreed::run(cli.command.unwrap_or(Command::Build(Default::default()))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

// Rendering thousands of pages allocates many small strings from several threads; mimalloc
// handles that pattern far better than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
