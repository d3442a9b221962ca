//! The simplifier never lengthens: its result has no more operations, as
//! the cost model counts them (SymPy's `count_ops` of the printed text),
//! than the unsimplified derivative it was given.

mod common;

use proptest::prelude::*;
use symdiff::calculus::diff::derivative;
use symdiff::simplify::{cost::size, simplify, simplify_all, simplify_recorded};
use symdiff::{parse, Expr};

fn x() -> Expr {
    Expr::symbol("x")
}

/// The unsimplified derivative of `f` by x and what `simplify` makes of it.
fn raw_and_simplified(f: &str) -> (Expr, Expr) {
    let raw = derivative(&parse(f).unwrap(), &x());
    let simplified = simplify(&raw);
    (raw, simplified)
}

/// The result itself is pinned in the table snapshot
/// (`table_exp_x_over_1_plus_exp_x`).
#[test]
fn logistic_quotient_differentiates_over_one_denominator() {
    let (raw, simplified) = raw_and_simplified("exp(x)/(1 + exp(x))");
    assert!(size(&simplified) < size(&raw), "{raw} → {simplified}");
    assert!(size(&simplified).ops <= 5, "{simplified}");
}

/// Cases where a rewrite that shortened its own node lengthened the
/// whole derivative (found by the comparison with SymPy).
#[test]
fn named_cases_are_no_larger_than_unsimplified() {
    for f in [
        "cos(acos(2*x/3))",
        "((asin(y) + tan(x)) - ln(x))^2",
        "tanh(sigmoid(x)/(x*(2/3)))",
        "exp(x)/(1 + exp(x))",
    ] {
        let (raw, simplified) = raw_and_simplified(f);
        assert!(
            size(&simplified).ops <= size(&raw).ops,
            "d/dx {f}: {raw} {:?} → {simplified} {:?}",
            size(&raw),
            size(&simplified)
        );
    }
}

/// One rewrite undoing another (`2*tan(x)` and `2*sec(x)/csc(x)`) once sent
/// the search for a sum's earlier forms round a cycle until the stack ran
/// out; the property test of `tests/conditions.rs` found it.
#[test]
fn rewrites_that_undo_each_other_end() {
    let (raw, simplified) = raw_and_simplified("sec(x)*2/csc(x)");
    assert_eq!(simplified.to_string(), "2*sec(x)^2", "from {raw}");
}

#[test]
fn recorded_and_several_at_once_keep_the_guarantee() {
    let (raw, simplified) = raw_and_simplified("tanh(sigmoid(x)/(x*(2/3)))");
    let (recorded, _) = simplify_recorded(&raw);
    assert_eq!(recorded, simplified);
    assert_eq!(simplify_all(std::slice::from_ref(&raw)), vec![simplified]);
}

fn any_expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        (-3i32..4).prop_map(|n| format!("({n})")),
        (1i32..4, 2i32..5).prop_map(|(p, q)| format!("({p}/{q})")),
    ];
    common::expressions(leaf.boxed(), 3)
}

proptest! {
    #![proptest_config(common::fixed_seed(256))]

    /// Simplifying a derivative never adds operations, whatever rules fire.
    #[test]
    fn simplified_is_never_larger(f in any_expression()) {
        let Ok(f) = parse(&f) else { return Ok(()) };
        let raw = derivative(&f, &x());
        let simplified = simplify(&raw);
        prop_assert!(
            size(&simplified).ops <= size(&raw).ops,
            "{raw} {:?} → {simplified} {:?}", size(&raw), size(&simplified)
        );
    }
}
