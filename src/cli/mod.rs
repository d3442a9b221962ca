//! Command-line arguments and dispatch to the actions.

mod derive;
mod timings;

use clap::{Parser, ValueEnum};
use symdiff::{Error, Limits};

pub use timings::Timings;

const EXAMPLES: &str = "\
Examples:
  symdiff \"x^x\" x                      derivative: x^x*(ln(x) + 1)
  symdiff \"sin(x*y)\" x y               successive partials d/dy d/dx
  symdiff \"x^4/4 - x^2\" x --order 2    second derivative
  symdiff \"exp(x^2)\" --format latex    the only variable is used
  echo \"x^2\" | symdiff - x             one result per input line";

/// Symbolic differentiation: derivatives you can trust and read.
#[derive(Parser, Debug)]
#[command(name = "symdiff", version, about, after_help = EXAMPLES)]
pub struct Args {
    /// The expression (or `-` to read one expression per line from stdin).
    #[arg(allow_hyphen_values = true)]
    pub expr: String,

    /// Variables to differentiate by, in turn (default: the only free variable).
    pub vars: Vec<String>,

    /// Differentiate N times (by each variable given, in turn).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub order: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Print per-stage times on stderr (`time parse S`, …, `time total S`).
    #[arg(long)]
    pub timings: bool,
}

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The input syntax (parses back).
    Text,
    /// LaTeX math.
    Latex,
    /// One JSON object.
    Json,
}

/// Why the command failed: the message for stderr and the exit code
/// (1 for a bad expression or evaluation, 2 for bad usage).
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("error: {}", message.into()),
            code: 2,
        }
    }

    pub fn input(error: &Error, input: &str) -> Failure {
        Failure {
            message: error.render(input),
            code: 1,
        }
    }
}

/// Runs the command the arguments ask for.
pub fn run(args: &Args) -> Result<(), Failure> {
    let mut timings = Timings::new(args.timings);
    let limits = Limits::default();
    let result = if args.expr == "-" {
        derive::batch(args, &limits)
    } else {
        derive::single(args, &limits, &mut timings)
    };
    timings.finish();
    result
}
