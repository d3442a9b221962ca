//! Command-line arguments and dispatch to the actions.

mod analyses;
mod check;
mod derive;
mod eval;
mod huge_pages;
mod implicit;
mod matrix;
mod plot;
mod steps;
mod timings;
mod tutor;

use clap::{Parser, ValueEnum};
use symdiff::{Error, Limits, ParseOutput, Syntax};

pub use timings::Timings;

const EXAMPLES: &str = "\
Examples:
  symdiff \"x^x\" x                      derivative: x^x*(ln(x) + 1)
  symdiff \"sin(x*y)\" x y               successive partials d/dy d/dx
  symdiff \"x^4/4 - x^2\" x --order 2    second derivative
  symdiff \"exp(x^2)\" --format latex    the only variable is used
  echo \"x^2\" | symdiff - x             one result per input line
  symdiff --grad \"x^2*y\"                gradient in the free variables: [2*x*y, x^2]
  symdiff --hessian \"sin(x*y)\" --vars x,y
  symdiff --jacobian \"[2*x^2, x*sqrt(y)]\" --format json
  symdiff --hessian \"x^2*y^3\" --at x=1,y=2   its value at a point
  symdiff \"sin(x)\" x --eval-csv points.csv  at every row (header: x)
  symdiff \"x^2\" --plot x=-2:2 --svg f.svg --tangent x=-1
  symdiff \"sin(x*y)\" --plot x=-2:2,y=-2:2 --svg heat.svg";

/// Symbolic differentiation: derivatives you can trust and read.
#[derive(Parser, Debug)]
#[command(
    name = "symdiff",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub args: Args,
}

/// The commands besides differentiating.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Serve the derivative calculator as a web page and a JSON API.
    Serve(crate::serve::Options),
}

/// The arguments of a derivative (and of every analysis).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The expression (or `-` to read one expression per line from stdin).
    #[arg(allow_hyphen_values = true, required = true)]
    expr: Option<String>,

    /// Variables to differentiate by, in turn (default: the only free variable).
    #[arg(value_name = "VAR")]
    pub variables: Vec<String>,

    /// The gradient of EXPR (a column of partials).
    #[arg(long, group = "matrix")]
    pub grad: bool,

    /// The Jacobian of the vector EXPR = "[f1, f2, ...]".
    #[arg(long, group = "matrix")]
    pub jacobian: bool,

    /// The Hessian of EXPR (symmetric; each mixed partial computed once).
    #[arg(long, group = "matrix")]
    pub hessian: bool,

    /// The variables of a gradient, Jacobian or Hessian, in order
    /// (default: the free variables in natural order, x1 < x2 < x10).
    #[arg(long, value_delimiter = ',', value_name = "x,y,...")]
    pub vars: Vec<String>,

    /// Differentiate N times (by each variable given, in turn).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub order: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// How to read EXPR (default: LaTeX when it holds a backslash or a brace).
    #[arg(long = "input", value_enum, value_name = "SYNTAX")]
    pub syntax: Option<InputSyntax>,

    /// Print a self-contained function computing the result, instead of the result.
    #[arg(long, value_enum, value_name = "LANG")]
    pub emit: Option<Emit>,

    /// Print per-stage times on stderr (`time parse S`, …, `time total S`).
    #[arg(long)]
    pub timings: bool,

    // Numbers and pictures out of the result: cli/eval.rs, cli/plot.rs.
    /// Print the value of the result at a point (values may be expressions: x=pi/4).
    #[arg(long, value_name = "x=1,y=2", conflicts_with_all = ["eval_csv", "emit"])]
    pub at: Option<String>,

    /// Evaluate the result at every row of a CSV file whose header names the variables.
    #[arg(long, value_name = "FILE", conflicts_with = "emit")]
    pub eval_csv: Option<std::path::PathBuf>,

    /// With --eval-csv: compute exp, ln, tanh, cosh, sin and cos with the C library's
    /// functions point by point, bit for bit what --at prints, instead of the
    /// vectorized kernels (within 2 ulp of them, and several times faster).
    #[arg(long, requires = "eval_csv")]
    pub scalar: bool,

    /// Plot data over a range: CSV of f, f' (to --order) by x; for two ranges
    /// (x=-2:2,y=-2:2), of f and its gradient on a grid.
    #[arg(long, value_name = "x=-2:2", conflicts_with_all = ["at", "eval_csv", "emit", "matrix"])]
    pub plot: Option<String>,

    /// Sample points of --plot (per axis; default 201, or 41 for two variables).
    #[arg(long, value_name = "N", requires = "plot")]
    pub points: Option<usize>,

    /// Draw the plot as SVG into FILE instead of printing CSV.
    #[arg(long, value_name = "FILE", requires = "plot")]
    pub svg: Option<std::path::PathBuf>,

    /// Add the tangent line at x=A, with its equation, to the SVG plot.
    #[arg(long, value_name = "x=A", requires = "svg")]
    pub tangent: Option<String>,

    /// Implicit differentiation: EXPR is an equation (`x^2 + y^2 = 1`)
    /// tying Y to the VAR; prints dY/dVAR (to --order) in the VAR and Y.
    #[arg(long, value_name = "Y", conflicts_with_all = ["matrix", "eval_csv", "plot", "emit"])]
    pub implicit: Option<String>,

    /// Check an answer: is ANSWER the derivative (for --grad a vector
    /// "[a, b]", for --hessian and --jacobian rows "[[a, b], [c, d]]")?
    /// Prints `equal`, `equal where …` (exit 0) or `not equal: …` (exit 1).
    #[arg(long, value_name = "ANSWER", allow_hyphen_values = true,
          conflicts_with_all = ["at", "eval_csv", "plot", "emit"])]
    pub check: Option<String>,

    #[command(flatten)]
    pub limits: LimitArgs,

    /// The tutorial's toolkit: steps, conditions, critical points, tangents, …
    #[command(flatten)]
    pub tutor: tutor::TutorArgs,
}

/// Resource limits: each flag overrides one field of `symdiff::Limits`.
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Longest input accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_len)]
    pub max_length: usize,

    /// Deepest nesting of brackets, calls and powers.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_depth)]
    pub max_depth: usize,

    /// Most nodes a derivative or simplified result may have.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_nodes)]
    pub max_nodes: usize,

    /// Highest derivative order (--order times the variables, or primes).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_order)]
    pub max_order: usize,

    /// Most decimal digits of an exact number (a literal, or what the
    /// input's arithmetic folds to); larger powers stay symbolic.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_digits)]
    pub max_digits: usize,
}

impl Args {
    /// The expression argument (present unless a subcommand was given).
    pub fn expr(&self) -> &str {
        self.expr.as_deref().unwrap_or_default()
    }
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_input_len: self.max_length,
            max_depth: self.max_depth,
            max_nodes: self.max_nodes,
            max_order: self.max_order,
            max_digits: self.max_digits,
        }
    }
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

/// The syntax of `--input`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputSyntax {
    /// symdiff's own: sin(x)/2, d/dx x^2.
    Plain,
    /// LaTeX math: \frac{\sin x}{2}, \frac{d}{dx} x^{2}.
    Latex,
}

/// `input` read in the syntax `--input` names, or the one it looks like.
pub fn parse(args: &Args, input: &str, limits: &Limits) -> Result<ParseOutput, Error> {
    let syntax = match args.syntax {
        Some(InputSyntax::Plain) => Syntax::Plain,
        Some(InputSyntax::Latex) => Syntax::Latex,
        None => Syntax::of(input),
    };
    symdiff::parse_as(input, syntax, limits)
}

/// As [`parse`], for actions that take an expression without a derivative
/// operator in front (the matrices, plots, the tutorial's analyses).
pub fn parse_expression(args: &Args, input: &str, limits: &Limits) -> Result<ParseOutput, Error> {
    let out = parse(args, input, limits)?;
    match &out.derivative {
        Some(op) => Err(Error::new(
            symdiff::ErrorKind::UnexpectedOperator,
            op.span.clone(),
        )),
        None => Ok(out),
    }
}

/// The language of `--emit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// A Rust function over f64.
    Rust,
    /// A C99 function over double.
    C,
    /// A Python function over floats (the `math` module).
    Python,
    /// A Python function over NumPy arrays.
    Numpy,
    /// A Python function over JAX arrays.
    Jax,
    /// A Python function over PyTorch tensors.
    Torch,
}

impl Emit {
    /// Generated code computing `outputs` from `inputs`, in this language.
    pub fn code(self, outputs: &[symdiff::Expr], inputs: &[symdiff::Expr], name: &str) -> String {
        use symdiff::numeric::codegen::{emit, Language};
        use symdiff::numeric::python::{to_python, Backend};
        match self {
            Emit::Rust => emit(outputs, inputs, Language::Rust, name),
            Emit::C => emit(outputs, inputs, Language::C, name),
            Emit::Python => to_python(outputs, inputs, Backend::Math, name),
            Emit::Numpy => to_python(outputs, inputs, Backend::Numpy, name),
            Emit::Jax => to_python(outputs, inputs, Backend::Jax, name),
            Emit::Torch => to_python(outputs, inputs, Backend::Torch, name),
        }
    }
}

/// Writes `text` and a newline to standard output.
pub fn print_line(text: &str) {
    // In one piece: a line longer than stdout's buffer went out in two
    // system calls, the text and then its newline.
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    print_text(&line);
}

/// Writes `text` to standard output. When the reader has stopped reading
/// (`symdiff - x < big.txt | head`), the command ends quietly, as Unix
/// tools do, instead of panicking as `println!` would.
pub fn print_text(text: &str) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
        }
        std::process::exit(if e.kind() == std::io::ErrorKind::BrokenPipe {
            0
        } else {
            1
        });
    }
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

/// Runs the command the command line asks for.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Some(Command::Serve(options)) => {
            huge_pages::allow();
            crate::serve::run(options).map_err(|message| Failure {
                message: format!("error: {message}"),
                code: 1,
            })
        }
        None => derive(&cli.args),
    }
}

/// Runs the derivative or analysis the arguments ask for.
fn derive(args: &Args) -> Result<(), Failure> {
    let batch = args.expr() == "-" || args.eval_csv.is_some();
    if batch || args.expr().len() >= huge_pages::LARGE_INPUT {
        huge_pages::allow();
    }
    let mut timings = Timings::new(args.timings);
    let limits = args.limits.limits();
    let result = if let Some(y) = &args.implicit {
        implicit::run(args, y, &limits, &mut timings)
    } else if let Some(answer) = &args.check {
        check::run(args, answer, &limits, &mut timings)
    } else if args.tutor.wanted() {
        tutor::run(args, &limits)
    } else if let Some(ranges) = &args.plot {
        plot::run(args, ranges, &limits, &mut timings)
    } else if args.at.is_some() || args.eval_csv.is_some() {
        eval::run(args, &limits, &mut timings)
    } else if let Some(kind) = matrix::Kind::of(args) {
        matrix::run(args, kind, &limits, &mut timings)
    } else if args.expr() == "-" {
        derive::batch(args, &limits, &mut timings)
    } else {
        derive::single(args, &limits, &mut timings)
    };
    timings.finish();
    result
}
