//! The derivative table (`tests/data/derivative_table.txt`): every case
//! pinned by a snapshot of its text and LaTeX, printed text read back to the
//! same expression, and each derivative checked by finite differences.

use crate::support::{
    case_name, cases, check_derivative, point, snapshot_settings, variables, Check, SAMPLES,
};
use symdiff::{parse, Expr};

const TABLE: &str = include_str!("../data/derivative_table.txt");

fn has_undefined_function(e: &Expr) -> bool {
    matches!(
        e.eval(&point("x", 0.5)),
        Err(symdiff::EvalError::UndefinedFunction(_))
    )
}

#[test]
fn table_has_enough_cases() {
    assert!(
        cases(TABLE).len() >= 80,
        "the table must cover at least 80 cases"
    );
}

#[test]
fn derivative_table_snapshots() {
    let mut names = std::collections::HashSet::new();
    snapshot_settings().bind(|| {
        for (line, fields) in cases(TABLE) {
            let [input, vars] = fields[..] else {
                panic!("line {line}: expected `expression ; variables`");
            };
            let f = parse(input).unwrap_or_else(|e| panic!("line {line}: {input}: {e}"));
            let result = f.diff_by(&variables(vars));
            let shown = format!(
                "d/d({vars}) {input}\ntext:  {result}\nlatex: {}\n",
                result.to_latex()
            );
            let name = format!("table_{}", case_name(input, vars));
            assert!(
                names.insert(name.clone()),
                "line {line}: two cases are named {name}"
            );
            insta::assert_snapshot!(name, shown);
        }
    });
}

#[test]
fn printed_derivatives_parse_back_to_themselves() {
    for (line, fields) in cases(TABLE) {
        let result = parse(fields[0]).unwrap().diff_by(&variables(fields[1]));
        let text = result.to_string();
        let back = parse(&text).unwrap_or_else(|e| panic!("line {line}: {text}: {e}"));
        assert_eq!(back, result, "line {line}: {text} reads back differently");
    }
}

/// Each successive partial against a finite difference of the one before,
/// at every sample point where that difference is meaningful (and at one
/// point at least).
#[test]
fn derivatives_agree_with_finite_differences() {
    let mut failures = Vec::new();
    for (line, fields) in cases(TABLE) {
        let f = parse(fields[0]).unwrap();
        if has_undefined_function(&f) {
            continue;
        }
        let vars = variables(fields[1]);
        let mut stage = f;
        for var in &vars {
            let next = stage.diff(var);
            let name = var.as_symbol().unwrap_or("x");
            let mut agreed = 0;
            for &x in SAMPLES {
                match check_derivative(&stage, &next, name, &point(name, x)) {
                    Check::Agrees => agreed += 1,
                    Check::NotComparable => {}
                    Check::Disagrees(why) => failures.push(format!("line {line}: {why}")),
                }
            }
            if agreed == 0 {
                failures.push(format!(
                    "line {line}: no sample point checks d/d{name} {stage}"
                ));
            }
            stage = next;
        }
        let whole = parse(fields[0]).unwrap().diff_by(&vars);
        if let Err(why) = crate::support::same_values(&whole, &stage, "x") {
            failures.push(format!(
                "line {line}: successive and stepwise differ: {why}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
