//! The worked examples of the tutorial (`tests/data/worked_examples.txt`):
//! every result pinned in text and LaTeX, equal in value to the reference
//! and at most as long.

use crate::support::{case_name, cases, same_values, snapshot_settings, variables};
use symdiff::{gradient, hessian, jacobian, parse, parse_vector, Expr, Matrix};

const EXAMPLES: &str = include_str!("../data/worked_examples.txt");

/// The result the example asks for, as a matrix (1×1 for a derivative).
fn compute(kind: &str, input: &str, vars: &[Expr]) -> Matrix {
    match kind {
        "d" => Matrix::column(vec![parse(input).unwrap().diff_by(vars)]),
        "grad" => gradient(&parse(input).unwrap(), vars),
        "hessian" => hessian(&parse(input).unwrap(), vars),
        "jacobian" => jacobian(&parse_vector(input).unwrap(), vars),
        other => panic!("unknown kind {other}"),
    }
}

/// The reference entries (`a, b | c, d`) as written, in row-major order.
fn reference(text: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | '|' if depth == 0 => {
                entries.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(text[start..].trim());
    entries
}

/// Length without spaces, so spacing style does not count.
fn length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[test]
fn worked_examples_snapshots() {
    let mut names = std::collections::HashSet::new();
    snapshot_settings().bind(|| {
        for (line, fields) in cases(EXAMPLES) {
            let [kind, input, vars, _] = fields[..] else {
                panic!("line {line}: expected four fields");
            };
            let result = compute(kind, input, &variables(vars));
            let (text, latex, json) = match result.entries() {
                [single] => (
                    single.to_string(),
                    single.to_latex(),
                    symdiff::to_json(single),
                ),
                _ => (result.to_string(), result.to_latex(), result.to_json()),
            };
            let shown =
                format!("{kind} ({vars}) {input}\ntext:  {text}\nlatex: {latex}\njson:  {json}\n");
            let name = format!("worked_{kind}_{}", case_name(input, vars));
            assert!(
                names.insert(name.clone()),
                "line {line}: two cases are named {name}"
            );
            insta::assert_snapshot!(name, shown);
        }
    });
}

#[test]
fn worked_examples_equal_the_reference_and_are_as_compact() {
    let mut failures = Vec::new();
    for (line, fields) in cases(EXAMPLES) {
        let [kind, input, vars, expected] = fields[..] else {
            panic!("line {line}: expected four fields");
        };
        let result = compute(kind, input, &variables(vars));
        let expected = reference(expected);
        assert_eq!(result.entries().len(), expected.len(), "line {line}: shape");
        for (got, written) in result.entries().iter().zip(expected) {
            let want = parse(written).unwrap();
            let agree = if *got == want {
                Ok(())
            } else {
                same_values(got, &want, "x")
            };
            if let Err(why) = agree {
                failures.push(format!("line {line}: {why}"));
            }
            if length(&got.to_string()) > length(written) {
                failures.push(format!("line {line}: {got} is longer than {written}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_crate_root_example() {
    assert_eq!(
        symdiff::d("x^x", "x").unwrap().to_string(),
        "x^x*(ln(x) + 1)"
    );
}
