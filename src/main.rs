//! `agreed`: dispatch the command, print the error chain once, choose the exit status
//! (0 success, 1 user error; never a panic).

use std::process::ExitCode;

use clap::Parser;

use agreed::cli::{Cli, Command};

fn main() -> ExitCode {
    no_transparent_huge_pages();
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

/// A large build grows its memory in many small steps from several threads; with transparent
/// huge pages the kernel zeroes 2 MiB at every first touch, which cost a third of the CPU
/// time of loading 2,000 resolutions (bench/run.py: N=2000 12.1 s → 10.5 s without).
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
