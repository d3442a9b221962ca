//! The `symdiff` command: a thin shell over the library.

mod cli;
mod serve;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let command_line = cli::Cli::parse();
    match cli::run(&command_line) {
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
