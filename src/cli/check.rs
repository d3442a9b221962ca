//! `--check ANSWER`: is the student's answer the derivative (or gradient,
//! Jacobian, Hessian) the command computes? Entry by entry, by
//! `symdiff::calculus::equivalent::equivalent_derivative`; an implicit derivative on its curve
//! (`cli/implicit.rs`).

use super::derive::print_notes;
use super::eval::Target;
use super::print_line;
use super::{Args, Failure, Format, Timings};
use serde_json::json;
use symdiff::calculus::equivalent::equivalent_derivative;
use symdiff::{parse_input, Equivalence, Error, ErrorKind, Expr, Limits, Parsed};

/// Computes the result, reads the answer in the same shape and prints the
/// verdict: exit 0 when equal (everywhere or where conditions hold), 1
/// when not equal or undecided.
pub fn run(
    args: &Args,
    answer: &str,
    limits: &Limits,
    timings: &mut Timings,
) -> Result<(), Failure> {
    if args.expr() == "-" {
        return Err(Failure::usage(
            "--check takes one expression, not - (standard input)",
        ));
    }
    if args.tutor.wanted() {
        return Err(Failure::usage(
            "--check checks a derivative; it does not combine with --steps or the analyses",
        ));
    }
    let target = Target::of(args, limits, timings)?;
    let given = read_answer(answer, target.shape, limits)?;
    if given.len() != target.entries.len() {
        let (rows, cols) = target.shape.unwrap_or((1, 1));
        let frame = Error::new(ErrorKind::Empty, 0..answer.len()).render(answer);
        let frame = frame.split_once('\n').map_or("", |(_, rest)| rest);
        return Err(Failure {
            message: format!(
                "error: the answer has {} entries; the result has {rows}×{cols} = {}\n{frame}",
                given.len(),
                target.entries.len()
            ),
            code: 1,
        });
    }
    let verdicts: Vec<Equivalence> = timings.time("check", || {
        target
            .entries
            .iter()
            .zip(&given)
            .enumerate()
            .map(|(k, (expected, yours))| {
                equivalent_derivative(expected, yours, target.function_of(k))
            })
            .collect()
    });
    let equal = verdicts.iter().all(Equivalence::is_equal);
    print_line(&match (args.format, target.shape) {
        (Format::Json, None) => verdicts[0].to_json().to_string(),
        (Format::Json, Some(_)) => json!({
            "equal": equal,
            "verdict": summary(&verdicts),
            "entries": target.labels.iter().zip(&verdicts).map(|(label, v)| {
                let mut entry = v.to_json();
                entry["entry"] = json!(label);
                entry
            }).collect::<Vec<_>>(),
        })
        .to_string(),
        (_, None) => verdicts[0].to_string(),
        (_, Some(_)) => by_entry(&target.labels, &verdicts),
    });
    exit_for(equal)
}

/// Success when equal; otherwise exit 1 with nothing more on stderr (the
/// verdict printed is the output).
fn exit_for(equal: bool) -> Result<(), Failure> {
    if equal {
        Ok(())
    } else {
        Err(Failure {
            message: String::new(),
            code: 1,
        })
    }
}

/// `answer` read as one expression (notes on stderr, errors with a caret).
pub fn read_one(answer: &str, limits: &Limits) -> Result<Expr, Failure> {
    let parsed = parse_input(answer, limits).map_err(|e| Failure::input(&e, answer))?;
    print_notes(&parsed.notes, answer);
    parsed
        .value
        .scalar(answer)
        .map_err(|e| Failure::input(&e, answer))
}

/// Prints one verdict in `format` and exits as [`run`] does.
pub fn print_verdict(verdict: &Equivalence, format: Format) -> Result<(), Failure> {
    print_line(&match format {
        Format::Json => verdict.to_json().to_string(),
        _ => verdict.to_string(),
    });
    exit_for(verdict.is_equal())
}

/// The verdict on a whole matrix: `equal`, `equal where …` (every
/// condition any entry needs), `not equal`, or `undecided`.
fn summary(verdicts: &[Equivalence]) -> String {
    if verdicts
        .iter()
        .any(|v| matches!(v, Equivalence::NotEqual { .. }))
    {
        return "not equal".into();
    }
    if !verdicts.iter().all(Equivalence::is_equal) {
        return "undecided".into();
    }
    let mut conditions = Vec::new();
    for v in verdicts {
        if let Equivalence::EqualWhere(list) = v {
            for c in list {
                if !conditions.contains(c) {
                    conditions.push(c.clone());
                }
            }
        }
    }
    if conditions.is_empty() {
        "equal".into()
    } else {
        Equivalence::EqualWhere(conditions).to_string()
    }
}

/// The summary, then (unless every entry is plainly equal) one line per
/// entry: `  df/dy: not equal: at …`.
fn by_entry(labels: &[String], verdicts: &[Equivalence]) -> String {
    let head = summary(verdicts);
    if head == "equal" {
        return head;
    }
    let lines: Vec<String> = labels
        .iter()
        .zip(verdicts)
        .map(|(label, v)| format!("  {label}: {v}"))
        .collect();
    format!("{head}\n{}", lines.join("\n"))
}

/// The answer's entries, in the result's shape: one expression, a vector
/// for a gradient (`[2*x*y, x^2]`), rows of vectors for a Jacobian or a
/// Hessian (`[[2, 0], [0, 2]]`), as the command prints them.
fn read_answer(
    answer: &str,
    shape: Option<(usize, usize)>,
    limits: &Limits,
) -> Result<Vec<Expr>, Failure> {
    let wants_rows = shape.is_some_and(|(_, cols)| cols > 1);
    if shape.is_none() {
        return Ok(vec![read_one(answer, limits)?]);
    }
    if !wants_rows {
        let parsed = parse_input(answer, limits).map_err(|e| Failure::input(&e, answer))?;
        print_notes(&parsed.notes, answer);
        return match parsed.value {
            Parsed::Vector(v) => Ok(v),
            value => Ok(vec![value
                .scalar(answer)
                .map_err(|e| Failure::input(&e, answer))?]),
        };
    }
    let mut entries = Vec::new();
    for row in rows(answer).map_err(|e| Failure::input(&e, answer))? {
        let parsed = parse_input(&answer[row.clone()], limits).map_err(|e| {
            let span = e.span.start + row.start..e.span.end + row.start;
            Failure::input(&Error::new(e.kind, span), answer)
        })?;
        match parsed.value {
            Parsed::Vector(v) => entries.extend(v),
            Parsed::Scalar(_) | Parsed::Equation(..) => {
                let e = Error::new(ErrorKind::ExpectedVector, row.clone());
                return Err(Failure::input(&e, answer));
            }
        }
    }
    Ok(entries)
}

/// The byte ranges of the rows `[…]` of `[[…], […]]`.
fn rows(text: &str) -> Result<Vec<std::ops::Range<usize>>, Error> {
    let expected = |at: usize, what: &str| {
        let expected = what.to_string();
        match text[at..].chars().next() {
            Some(c) => Error::new(
                ErrorKind::UnexpectedToken {
                    found: format!("'{c}'"),
                    expected,
                },
                at..at + c.len_utf8(),
            ),
            None => Error::new(ErrorKind::UnexpectedEnd { expected }, at..at),
        }
    };
    let trimmed = text.trim_end();
    let start = text.len() - text.trim_start().len();
    if !trimmed[start..].starts_with('[') {
        return Err(expected(
            start,
            "'[' opening the rows, as in [[1, 0], [0, 1]]",
        ));
    }
    let mut rows = Vec::new();
    let mut depth = 0usize;
    let mut row_start = None;
    let mut after_row = false;
    for (i, c) in trimmed.char_indices().skip_while(|&(i, _)| i <= start) {
        match c {
            '[' | '(' => {
                if depth == 0 {
                    if c == '(' || after_row {
                        return Err(expected(i, "a row [a, b, ...]"));
                    }
                    row_start = Some(i);
                }
                depth += 1;
            }
            ']' | ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    rows.push(row_start.take().unwrap_or(i)..i + c.len_utf8());
                    after_row = true;
                }
            }
            ']' if !after_row => return Err(expected(i, "a row [a, b, ...]")),
            ']' => {
                let rest = trimmed[i + 1..].trim_start();
                if rest.is_empty() {
                    return Ok(rows);
                }
                return Err(expected(
                    trimmed.len() - rest.len(),
                    "the end of the answer",
                ));
            }
            ',' if depth == 0 && after_row => after_row = false,
            c if depth > 0 || c.is_whitespace() => {}
            _ => return Err(expected(i, "a row [a, b, ...] or ','")),
        }
    }
    Err(expected(trimmed.len(), "']' closing the rows"))
}
