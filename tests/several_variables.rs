//! The "Several variables" table of the worked examples: each result equals
//! the table's form in value (compiled and compared at many points), and
//! its text, LaTeX and JSON are pinned by one snapshot per row.

use symdiff::numeric::compile_in;
use symdiff::{gradient, hessian, jacobian, parse, parse_vector, Expr, Matrix};

fn xyz() -> Vec<Expr> {
    ["x", "y", "z"].iter().map(|v| Expr::symbol(v)).collect()
}

/// The table's entries (a vector, or a vector of rows) as expressions.
fn table(form: &str) -> Vec<Expr> {
    let inner = form.trim().trim_start_matches('[').trim_end_matches(']');
    if inner.contains('[') {
        inner
            .split("], [")
            .flat_map(|row| parse_vector(&format!("[{}]", row.trim_matches(['[', ']']))).unwrap())
            .collect()
    } else {
        parse_vector(form).unwrap()
    }
}

fn assert_same_values(got: &Matrix, want: &[Expr], row: &str) {
    assert_eq!(got.entries().len(), want.len(), "{row}: number of entries");
    let vars = xyz();
    let ours = compile_in(got.entries(), &vars);
    let theirs = compile_in(want, &vars);
    for k in 0..50 {
        let p = [
            0.3 + 0.07 * k as f64,
            1.7 - 0.03 * k as f64,
            -0.4 + 0.03 * k as f64,
        ];
        for (a, b) in ours.eval(&p).iter().zip(theirs.eval(&p)) {
            assert!(
                (a - b).abs() <= 1e-10 * b.abs().max(1.0),
                "{row} at {p:?}: {a} vs {b}"
            );
        }
    }
}

fn pin(name: &str, m: &Matrix) {
    let shown = format!(
        "text:  {m}\nlatex: {}\njson:  {}\n",
        m.to_latex(),
        m.to_json()
    );
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, shown);
    });
}

#[test]
fn several_variables_table() {
    let v = xyz();
    let (xy, xyz) = (&v[..2], &v[..]);
    let f = |s: &str| parse(s).unwrap();
    let rows: [(&str, Matrix, &str); 4] = [
        (
            "several_variables_hessian_sin_xy",
            hessian(&f("sin(x*y)"), xy),
            "[[-y^2*sin(x*y), cos(x*y) - x*y*sin(x*y)], [cos(x*y) - x*y*sin(x*y), -x^2*sin(x*y)]]",
        ),
        (
            "several_variables_gradient_exponential",
            gradient(&f("2^(x*y) + z*cos(x)"), xyz),
            "[ln(2)*y*2^(x*y) - z*sin(x), ln(2)*x*2^(x*y), cos(x)]",
        ),
        (
            "several_variables_jacobian",
            jacobian(&parse_vector("[2*x^2, x*sqrt(y)]").unwrap(), xy),
            "[[4*x, 0], [sqrt(y), x/(2*sqrt(y))]]",
        ),
        (
            "several_variables_hessian_monomial",
            hessian(&f("x^2*y^3"), xy),
            "[[2*y^3, 6*x*y^2], [6*x*y^2, 6*x^2*y]]",
        ),
    ];
    for (name, m, form) in &rows {
        assert_same_values(m, &table(form), name);
        pin(name, m);
    }
    // The first two rows of the table, single partials of sin(x*y).
    assert_eq!(f("sin(x*y)").diff(&v[0]).to_string(), "y*cos(x*y)");
    assert_eq!(f("sin(x*y)").diff(&v[1]).to_string(), "x*cos(x*y)");
}

#[test]
fn matrices_transpose_map_and_index() {
    let v = xyz();
    let j = jacobian(&parse_vector("[2*x^2, x*sqrt(y)]").unwrap(), &v[..2]);
    let t = j.transpose();
    assert_eq!((t.rows(), t.cols()), (2, 2));
    assert_eq!(t[(0, 1)], j[(1, 0)]);
    assert_eq!(t.get(1, 0), j.get(0, 1));
    let doubled = j.map(|e| e.clone() * Expr::int(2));
    assert_eq!(doubled[(0, 0)].to_string(), "8*x");
}
