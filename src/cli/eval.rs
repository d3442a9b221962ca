//! `--at` and `--eval-csv`: numbers out of the result (a derivative, a
//! gradient, a Jacobian or a Hessian).

use super::matrix::{self, Kind};
use super::print_line;
use super::{derive, Args, Failure, Format, Timings};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use symdiff::numeric::{format_value, write_value, Derivatives, Math, NoValue};
use symdiff::{Expr, Limits};

/// What is evaluated (or checked): the result's entries and what they are
/// derivatives of.
pub(super) struct Target {
    functions: Vec<Expr>,
    differentiated: Vec<Expr>,
    pub(super) entries: Vec<Expr>,
    order: usize,
    /// Each entry's name, `df/dx`, `d2f/dxdy`.
    pub(super) labels: Vec<String>,
    /// Rows and columns of a matrix; `None` for one derivative.
    pub(super) shape: Option<(usize, usize)>,
}

impl Target {
    /// The function the entry `k` is a derivative of: the one function,
    /// or the row's of a Jacobian.
    pub(super) fn function_of(&self, k: usize) -> &Expr {
        match self.functions.as_slice() {
            [only] => only,
            all => &all[(k / self.differentiated.len().max(1)).min(all.len() - 1)],
        }
    }

    pub(super) fn of(
        args: &Args,
        limits: &Limits,
        timings: &mut Timings,
    ) -> Result<Target, Failure> {
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

    fn evaluator(&self, inputs: &[Expr], math: Math) -> Derivatives {
        let outputs: Vec<(Expr, usize)> = self
            .entries
            .iter()
            .map(|e| (e.clone(), self.order))
            .collect();
        Derivatives::new(&self.functions, &outputs, &self.differentiated, inputs).with_math(math)
    }
}

/// `dnf/dx...`: the name of a derivative of `f` by `seq` in turn, with
/// repeated variables counted (`d2f/dx2`, `d2f/dxdy`).
pub(super) fn label(f: &str, seq: &[Expr]) -> String {
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
    if args.expr() == "-" {
        return Err(Failure::usage(
            "--at and --eval-csv take one expression, not - (standard input)",
        ));
    }
    let target = Target::of(args, limits, timings)?;
    match (&args.at, &args.eval_csv) {
        (Some(at), _) => at_point(&target, at, args.format),
        (None, Some(file)) => csv(
            &target,
            file,
            if args.scalar {
                Math::Scalar
            } else {
                Math::Vector
            },
        ),
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
    // One point: the C library's functions, bit for bit.
    let results = target
        .evaluator(&inputs, Math::Scalar)
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
        (Format::Latex, Some((_, cols))) => symdiff::calculus::matrix::latex_rows(&texts, cols),
        (Format::Text, Some((_, cols))) => symdiff::calculus::matrix::text_rows(&texts, cols),
    };
    print_line(&shown);
    Ok(())
}

/// One column per entry of the result, a row per row of the file. Rows
/// where the function has no value or is not differentiable get NaN, and a
/// note on stderr says which condition fails there.
///
/// The rows go through in groups, each block of a group read, evaluated
/// and written out as text by one task: for a large file reading and
/// writing, not the evaluation, are most of the work, and a group at a time
/// keeps the memory to a group's values instead of the whole file's. A
/// bad row stops the run with an error after the groups before it are out.
fn csv(target: &Target, file: &Path, math: Math) -> Result<(), Failure> {
    let name = file.display().to_string();
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
    let used: Vec<Expr> = target
        .functions
        .iter()
        .chain(&target.entries)
        .cloned()
        .collect();
    if let Some(v) = Expr::free_symbols_of(&used)
        .into_iter()
        .find(|v| !inputs.contains(v))
    {
        return Err(Failure::usage(format!("{name} has no column for {v}")));
    }
    let evaluator = target.evaluator(&inputs, math);
    let rows: Vec<(usize, &str)> = lines.collect();
    let group = ROWS_PER_BLOCK * rayon::current_num_threads() * BLOCKS_PER_THREAD;
    // A thread of its own writes each group while the next is computed.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(String, Vec<String>)>>(1);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{}", target.labels.join(","))?;
            for blocks in receive {
                for (text, notes) in blocks {
                    for note in notes {
                        eprintln!("{note}");
                    }
                    stdout.write_all(text.as_bytes())?;
                }
            }
            stdout.flush()
        });
        let mut computed = Ok(());
        for rows in rows.chunks(group) {
            let blocks = rows
                .par_chunks(ROWS_PER_BLOCK)
                .map(|block| evaluate_block(&evaluator, block, inputs.len(), &name))
                .collect::<Result<_, Failure>>();
            // A failed send means the writer has stopped; it says why.
            match blocks.map(|b| send.send(b)) {
                Ok(Ok(())) => {}
                Ok(Err(_)) => break,
                Err(failure) => {
                    computed = Err(failure);
                    break;
                }
            }
        }
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writing thread failed")));
        computed?;
        written.map_err(|e| Failure::usage(format!("cannot write the output: {e}")))
    })
}

/// Rows read, evaluated and written per parallel task.
const ROWS_PER_BLOCK: usize = 4096;

/// Blocks per thread in a group: enough to even out the threads' work.
const BLOCKS_PER_THREAD: usize = 4;

/// A block of numbered rows as output text, with a note for each row
/// whose values are NaN because a condition fails there.
fn evaluate_block(
    evaluator: &Derivatives,
    rows: &[(usize, &str)],
    width: usize,
    name: &str,
) -> Result<(String, Vec<String>), Failure> {
    let columns = read_block(rows, width, name)?;
    let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let (values, why) = evaluator.batch(&refs);
    // About 20 characters a value, so the text is allocated once.
    let mut text = String::with_capacity(rows.len() * (values.len() * 20 + 1));
    for p in 0..rows.len() {
        for (k, column) in values.iter().enumerate() {
            if k > 0 {
                text.push(',');
            }
            write_value(&mut text, column[p]);
        }
        text.push('\n');
    }
    let notes = why
        .iter()
        .zip(rows)
        .filter_map(|(why, (line, _))| {
            let why = why.as_ref()?;
            Some(format!(
                "note: line {}: {why}; the values there are NaN",
                line + 1
            ))
        })
        .collect();
    Ok((text, notes))
}

/// The values of a block of numbered rows, by column.
fn read_block(rows: &[(usize, &str)], width: usize, name: &str) -> Result<Vec<Vec<f64>>, Failure> {
    let mut columns = vec![Vec::with_capacity(rows.len()); width];
    for &(i, line) in rows {
        let bad_row = |k: usize| {
            let found = line.split(',').count();
            Failure::usage(if found == width {
                let field = line.split(',').nth(k).unwrap_or("").trim();
                format!("{name}, line {}: '{field}' is not a number", i + 1)
            } else {
                format!("{name}, line {}: {found} values for {width} columns", i + 1)
            })
        };
        // One pass over the bytes, each number read where it starts:
        // splitting at commas first would scan every field twice.
        let mut rest = line.as_bytes();
        for (k, column) in columns.iter_mut().enumerate() {
            rest = rest.trim_ascii_start();
            let (v, used) = fast_float2::parse_partial::<f64, _>(rest).map_err(|_| bad_row(k))?;
            column.push(v);
            rest = rest[used..].trim_ascii_start();
            rest = match (rest.split_first(), k + 1 == width) {
                (Some((b',', after)), false) => after,
                (None, true) => rest,
                _ => return Err(bad_row(k)),
            };
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
