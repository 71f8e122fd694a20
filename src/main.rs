//! The `newskg` binary: parses the command line and hands over to `app::run`.

mod app;
mod cli;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// The allocator: extraction and the RDF mapping allocate many small strings, and
/// glibc's malloc spent about a quarter of the instructions of `extract` (callgrind).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match app::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newskg: error: {}", one_line(&err));
            ExitCode::from(2)
        }
    }
}

/// An error as one line: the context the binary added, then the causes down to the first
/// library error, whose message already gives its own causes (see `newskg::Error`).
fn one_line(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        parts.push(cause.to_string());
        if cause.is::<newskg::Error>() {
            break;
        }
    }
    parts.join(": ")
}
