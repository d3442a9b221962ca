//! `--steps` beyond one first derivative: with `--order N`, with several
//! VARs, and for `--grad` and `--hessian` entry by entry. Each derivative's
//! steps follow the previous one's result (`calculus::steps::chain`).

use super::eval::label;
use super::matrix::Kind;
use super::print_line;
use super::{Args, Failure, Format};
use serde_json::json;
use symdiff::calculus::diff::derivative_within;
use symdiff::calculus::steps::{chain, Chain};
use symdiff::simplify::simplify_within;
use symdiff::{Expr, Limits};

/// Whether `--steps` asks for more than one first derivative.
pub fn wanted(args: &Args) -> bool {
    args.tutor.steps && (Kind::of(args).is_some() || args.order != 1 || args.variables.len() > 1)
}

/// Prints the chains of derivations the arguments ask for.
pub fn run(expr: &Expr, vars: &[Expr], args: &Args, limits: &Limits) -> Result<(), Failure> {
    if args.tutor.conditions {
        return Err(Failure::usage(
            "--conditions with --steps shows one first derivative; drop --order, the second VAR or the matrix flag",
        ));
    }
    let entries: Vec<(String, Vec<Expr>)> = match Kind::of(args) {
        Some(Kind::Gradient) => vars.iter().map(|v| vec![v.clone()]).collect(),
        Some(Kind::Hessian) => (0..vars.len())
            .flat_map(|i| (i..vars.len()).map(move |j| vec![vars[i].clone(), vars[j].clone()]))
            .collect(),
        Some(Kind::Jacobian) => {
            return Err(Failure::usage(
                "--steps shows a derivative, a gradient or a Hessian, not a Jacobian",
            ))
        }
        None => vec![super::derive::sequence(vars, args.order, limits)?],
    }
    .into_iter()
    .map(|seq| (label("f", &seq), seq))
    .collect();
    for (_, seq) in &entries {
        bounded(expr, seq, limits).map_err(|e| Failure::input(&e, args.expr()))?;
    }
    let chains: Vec<(String, Chain)> = entries
        .into_iter()
        .map(|(name, seq)| (name, chain(expr, &seq)))
        .collect();
    let single = Kind::of(args).is_none();
    print_line(&match (args.format, single) {
        (Format::Text, true) => chains[0].1.to_text(),
        (Format::Latex, true) => chains[0].1.to_latex(),
        (Format::Json, true) => chains[0].1.to_json().to_string(),
        (Format::Text, false) => {
            let parts: Vec<String> = chains
                .iter()
                .map(|(name, c)| format!("{name}:\n{}", c.to_text()))
                .collect();
            parts.join("\n\n")
        }
        (Format::Latex, false) => {
            let parts: Vec<String> = chains
                .iter()
                .map(|(name, c)| format!("% {name}\n{}", c.to_latex()))
                .collect();
            parts.join("\n")
        }
        (Format::Json, false) => json!({
            "expression": args.expr(),
            "entries": chains.iter().map(|(name, c)| {
                let mut entry = c.to_json();
                entry["entry"] = json!(name);
                entry
            }).collect::<Vec<_>>(),
        })
        .to_string(),
    });
    Ok(())
}

/// The chain's derivatives built within `limits` first, as the plain
/// command builds them, so that `--max-nodes` holds for the steps too.
fn bounded(expr: &Expr, seq: &[Expr], limits: &Limits) -> Result<(), symdiff::Error> {
    let mut e = expr.clone();
    for v in seq {
        e = simplify_within(&derivative_within(&e, v, limits)?, limits)?;
    }
    Ok(())
}
