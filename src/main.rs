//! The `symdiff` command: a thin shell over the library.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{}", failure.message);
            if !failure.message.is_empty() && !failure.message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(failure.code)
        }
    }
}
