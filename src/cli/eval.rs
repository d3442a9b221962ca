//! `--at` and `--eval-csv`: numbers out of the result (a derivative, a
//! gradient, a Jacobian or a Hessian).

use super::matrix::{self, Kind};
use super::print_line;
use super::{derive, Args, Failure, Format, Timings};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use symdiff::eval::{format_value, write_value, Derivatives, NoValue};
use symdiff::{Expr, Limits};

/// What is evaluated: the result's entries and what they are derivatives of.
struct Target {
    functions: Vec<Expr>,
    differentiated: Vec<Expr>,
    entries: Vec<Expr>,
    order: usize,
    labels: Vec<String>,
    /// Rows and columns of a matrix; `None` for one derivative.
    shape: Option<(usize, usize)>,
}

impl Target {
    fn of(args: &Args, limits: &Limits, timings: &mut Timings) -> Result<Target, Failure> {
        let Some(kind) = Kind::of(args) else {
            let (f, seq, result) = derive::compute(args, limits, timings)?;
            let mut differentiated: Vec<Expr> = Vec::new();
            for v in &seq {
                if !differentiated.contains(v) {
                    differentiated.push(v.clone());
                }
            }
            return Ok(Target {
                functions: vec![f],
                differentiated,
                entries: vec![result],
                order: seq.len(),
                labels: vec![label("f", &seq)],
                shape: None,
            });
        };
        let (functions, m, vars) = matrix::compute(args, kind, limits, timings)?;
        let n = vars.len();
        let var = |k: usize| vars[k % n].clone();
        let labels = match kind {
            Kind::Gradient => (0..n).map(|k| label("f", &[var(k)])).collect(),
            Kind::Hessian => (0..n * n)
                .map(|k| label("f", &[vars[k / n].clone(), var(k)]))
                .collect(),
            Kind::Jacobian => (0..m.rows() * n)
                .map(|k| label(&format!("f{}", k / n + 1), &[var(k)]))
                .collect(),
        };
        Ok(Target {
            functions,
            differentiated: vars,
            entries: m.entries().to_vec(),
            order: if kind == Kind::Hessian { 2 } else { 1 },
            labels,
            shape: Some((m.rows(), m.cols())),
        })
    }

    fn evaluator(&self, inputs: &[Expr]) -> Derivatives {
        let outputs: Vec<(Expr, usize)> = self
            .entries
            .iter()
            .map(|e| (e.clone(), self.order))
            .collect();
        Derivatives::new(&self.functions, &outputs, &self.differentiated, inputs)
    }
}

/// `dnf/dx...`: the name of a derivative of `f` by `seq` in turn, with
/// repeated variables counted (`d2f/dx2`, `d2f/dxdy`).
fn label(f: &str, seq: &[Expr]) -> String {
    let mut by = String::new();
    let mut i = 0;
    while i < seq.len() {
        let run = seq[i..].iter().take_while(|v| **v == seq[i]).count();
        let _ = write!(by, "d{}", seq[i]);
        if run > 1 {
            let _ = write!(by, "{run}");
        }
        i += run;
    }
    match seq.len() {
        1 => format!("d{f}/{by}"),
        n => format!("d{n}{f}/{by}"),
    }
}

/// `--at` or `--eval-csv`, whichever was given.
pub fn run(args: &Args, limits: &Limits, timings: &mut Timings) -> Result<(), Failure> {
    if args.expr == "-" {
        return Err(Failure::usage(
            "--at and --eval-csv take one expression, not - (standard input)",
        ));
    }
    let target = Target::of(args, limits, timings)?;
    match (&args.at, &args.eval_csv) {
        (Some(at), _) => at_point(&target, at, args.format),
        (None, Some(file)) => csv(&target, file),
        (None, None) => Ok(()),
    }
}

fn at_point(target: &Target, text: &str, format: Format) -> Result<(), Failure> {
    let point = parse_point(text)?;
    let inputs: Vec<Expr> = point.iter().map(|(v, _)| v.clone()).collect();
    let values: Vec<f64> = point.iter().map(|&(_, x)| x).collect();
    let shown_point: Vec<String> = point
        .iter()
        .map(|(v, x)| format!("{v} = {}", format_value(*x)))
        .collect();
    let results = target
        .evaluator(&inputs)
        .at(&values)
        .map_err(|why| Failure {
            message: match why {
                NoValue::Eval(e) => format!("error: {e} (at {})", shown_point.join(", ")),
                // A violation names the point itself.
                why => format!("error: {why}"),
            },
            code: 1,
        })?;
    let texts: Vec<String> = results.iter().map(|&v| format_value(v)).collect();
    let shown = match (format, target.shape) {
        (Format::Json, shape) => {
            let at: serde_json::Map<String, serde_json::Value> = point
                .iter()
                .map(|(v, x)| (v.to_string(), serde_json::json!(x)))
                .collect();
            match shape {
                None => serde_json::json!({ "at": at, "value": results[0] }),
                Some((_, cols)) => {
                    let rows: Vec<&[f64]> = results.chunks(cols).collect();
                    serde_json::json!({ "at": at, "rows": rows })
                }
            }
            .to_string()
        }
        (_, None) => texts[0].clone(),
        (Format::Latex, Some((_, cols))) => symdiff::matrix::latex_rows(&texts, cols),
        (Format::Text, Some((_, cols))) => symdiff::matrix::text_rows(&texts, cols),
    };
    print_line(&shown);
    Ok(())
}

/// One column per entry of the result, a row per row of the file. Rows
/// where the function has no value or is not differentiable get NaN, and a
/// note on stderr says which condition fails there. Reading and
/// writing run in parallel over blocks of rows: for a large file they,
/// not the evaluation, are most of the work.
fn csv(target: &Target, file: &Path) -> Result<(), Failure> {
    let name = file.display();
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or_else(|| {
        Failure::usage(format!(
            "{name} is empty; its first line names the variables"
        ))
    })?;
    let inputs = header
        .split(',')
        .map(|n| {
            symdiff::variable(n.trim())
                .map_err(|e| Failure::usage(format!("{name}, header: {}", e.kind)))
        })
        .collect::<Result<Vec<Expr>, Failure>>()?;
    for f in target.functions.iter().chain(&target.entries) {
        if let Some(v) = f.free_symbols().into_iter().find(|v| !inputs.contains(v)) {
            return Err(Failure::usage(format!("{name} has no column for {v}")));
        }
    }
    let rows: Vec<(usize, &str)> = lines.collect();
    let blocks: Vec<Vec<Vec<f64>>> = rows
        .par_chunks(ROWS_PER_BLOCK)
        .map(|block| read_block(block, inputs.len(), &name.to_string()))
        .collect::<Result<_, Failure>>()?;
    let mut columns = vec![Vec::with_capacity(rows.len()); inputs.len()];
    for block in blocks {
        for (column, part) in columns.iter_mut().zip(block) {
            column.extend(part);
        }
    }
    let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let (values, why) = target.evaluator(&inputs).batch(&refs);
    let points: Vec<usize> = (0..rows.len()).collect();
    let texts: Vec<String> = points
        .par_chunks(ROWS_PER_BLOCK)
        .map(|block| {
            let mut out = String::new();
            for &p in block {
                for (k, column) in values.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    write_value(&mut out, column[p]);
                }
                out.push('\n');
            }
            out
        })
        .collect();
    for (p, why) in why.iter().enumerate() {
        if let Some(why) = why {
            eprintln!(
                "note: line {}: {why}; the values there are NaN",
                rows[p].0 + 1
            );
        }
    }
    let mut stdout = std::io::stdout().lock();
    let written = writeln!(stdout, "{}", target.labels.join(",")).and_then(|()| {
        texts
            .iter()
            .try_for_each(|t| stdout.write_all(t.as_bytes()))
    });
    written.map_err(|e| Failure::usage(format!("cannot write the output: {e}")))
}

/// Rows read and written per parallel task.
const ROWS_PER_BLOCK: usize = 4096;

/// The values of a block of numbered rows, by column.
fn read_block(rows: &[(usize, &str)], width: usize, name: &str) -> Result<Vec<Vec<f64>>, Failure> {
    let mut columns = vec![Vec::with_capacity(rows.len()); width];
    for &(i, line) in rows {
        let mut fields = 0;
        for (column, field) in columns.iter_mut().zip(line.split(',')) {
            let v = field.trim().parse::<f64>().map_err(|_| {
                Failure::usage(format!(
                    "{name}, line {}: '{}' is not a number",
                    i + 1,
                    field.trim()
                ))
            })?;
            column.push(v);
            fields += 1;
        }
        let found = line.split(',').count();
        if fields != width || found != width {
            return Err(Failure::usage(format!(
                "{name}, line {}: {found} values for {width} columns",
                i + 1
            )));
        }
    }
    Ok(columns)
}

/// A number written as an expression without variables: `2`, `-1.5`,
/// `pi/4`, `sqrt(2)`.
pub fn parse_value(text: &str) -> Result<f64, Failure> {
    let bad = || Failure::usage(format!("'{}' is not a number", text.trim()));
    let e = symdiff::parse(text).map_err(|_| bad())?;
    e.eval(&[]).map_err(|_| bad())
}

/// `x=1,y=2`: each variable once, with its value.
pub fn parse_point(text: &str) -> Result<Vec<(Expr, f64)>, Failure> {
    let mut point: Vec<(Expr, f64)> = Vec::new();
    for part in text.split(',') {
        let (name, value) = part.split_once('=').ok_or_else(|| {
            Failure::usage(format!("'{part}' is not of the form name=value, as in x=1"))
        })?;
        let var = symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string()))?;
        if point.iter().any(|(v, _)| *v == var) {
            return Err(Failure::usage(format!("{var} is given twice")));
        }
        point.push((var, parse_value(value)?));
    }
    Ok(point)
}
