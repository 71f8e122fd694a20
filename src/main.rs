//! The `newskg` binary: parses the command line and hands over to `app::run`.

mod app;
mod cli;
mod progress;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match app::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newskg: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
