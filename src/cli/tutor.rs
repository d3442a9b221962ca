//! The tutorial's toolkit on the command line: `--steps` and the analyses
//! of what a derivative says. Each prints the library's result in the
//! chosen format; the work is all in the library.

use super::derive::print_notes;
use super::{Args, Failure, Format};
use clap::Args as ClapArgs;
use serde_json::json;
use symdiff::{conditions, parse_input, Expr, Limits, Parsed};

/// The flags of the tutorial's toolkit.
#[derive(ClapArgs, Debug, Default)]
pub struct TutorArgs {
    /// Show the derivation step by step, rule by rule.
    #[arg(long, help_heading = "Tutorial")]
    pub steps: bool,

    /// Also print where the function and its derivative exist over the
    /// reals, on a line of its own after the result (`where x > 0`).
    #[arg(long, help_heading = "Tutorial")]
    pub conditions: bool,
}

impl TutorArgs {
    /// Whether any of these flags asks for an action of its own.
    pub fn wanted(&self) -> bool {
        self.steps || self.conditions
    }
}

/// Runs the action the tutorial flags ask for.
pub fn run(args: &Args, limits: &Limits) -> Result<(), Failure> {
    let input = &args.expr;
    let parsed = parse_input(input, limits).map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let Parsed::Scalar(expr) = parsed.value else {
        return Err(Failure::usage(
            "the tutorial's analyses take one expression, not a vector",
        ));
    };
    let var = only_variable(&expr, &args.variables)?;
    let conditions = args.tutor.conditions.then(|| conditions::of(&expr));
    let (mut text, latex, mut json) = if args.tutor.steps {
        let derivation = symdiff::steps::derivation(&expr, &var);
        (
            derivation.to_text(),
            derivation.to_latex(),
            derivation.to_json(),
        )
    } else {
        let result = expr.diff(&var);
        let json = json!({
            "expression": input,
            "variable": var.to_string(),
            "derivative": result.to_string(),
            "latex": result.to_latex(),
        });
        (result.to_string(), result.to_latex(), json)
    };
    let mut latex = latex;
    if let Some(c) = conditions.filter(|c| !c.is_empty()) {
        text += &format!("\nwhere {c}");
        latex += &format!("\n\\text{{where }} {}", c.to_latex());
        json["conditions"] = c.to_json();
        json["where"] = c.to_string().into();
    }
    println!(
        "{}",
        match args.format {
            Format::Text => text,
            Format::Latex => latex,
            Format::Json => json.to_string(),
        }
    );
    Ok(())
}

/// The one variable named, or the expression's only free variable.
fn only_variable(expr: &Expr, given: &[String]) -> Result<Expr, Failure> {
    match given {
        [name] => symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string())),
        [] => match expr.free_symbols().as_slice() {
            [only] => Ok(only.clone()),
            _ => Err(Failure::usage(
                "name the variable to differentiate by: symdiff --steps EXPR VAR",
            )),
        },
        _ => Err(Failure::usage("--steps takes one variable")),
    }
}
