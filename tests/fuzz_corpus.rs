//! The fuzz targets' checks (symdiff::fuzzing) replayed in `cargo test` on
//! the seed corpus and on every input the fuzzers found a fault with, so
//! that CI, on a stable toolchain without libFuzzer, keeps them fixed.

use symdiff::fuzzing::{
    check_derivative, check_equation, check_eval, check_latex, check_parse, check_round_trip,
    compare_with_differences,
};
use symdiff::Expr;

fn seeds() -> Vec<&'static str> {
    let seeds: Vec<&str> = include_str!("../fuzz/seeds/inputs.txt").lines().collect();
    assert!(seeds.len() > 50, "the seed corpus is missing");
    seeds
}

/// Every check a fuzz target runs, on one input.
fn all_checks(input: &str) {
    let _ = check_parse(input);
    check_round_trip(input);
    check_eval(input);
    check_equation(input);
    if let Some(e) = check_parse(input) {
        for var in e.free_symbols() {
            check_derivative(&e, &var);
        }
    }
}

#[test]
fn seed_corpus_passes_every_check() {
    for input in seeds() {
        all_checks(input);
    }
}

/// The derivative check compares at some point for most of the corpus: a
/// check that skipped every point would pass the test above.
#[test]
fn derivative_check_compares_most_of_the_corpus() {
    let (mut checked, mut compared) = (0, 0);
    for input in seeds() {
        let Some(e) = check_parse(input) else {
            continue;
        };
        for var in e.free_symbols() {
            if let Ok(d) = e.try_diff(&var, &symdiff::fuzzing::limits()) {
                checked += 1;
                compared += usize::from(compare_with_differences(&e, &d, &var) > 0);
            }
        }
    }
    assert!(
        compared * 10 >= checked * 7,
        "only {compared} of {checked} derivatives compared"
    );
}

/// Every function of the registry is reached by the derivative target
/// and checked there against differences at one point at least.
#[test]
fn every_registered_function_is_checked_against_differences() {
    let x = Expr::symbol("x");
    let args = vec![x.clone(), symdiff::parse("x/3 + 1/5").unwrap()];
    for k in 0..symdiff::functions::REGISTERED.len() {
        let call = symdiff::fuzzing::registered_call(k, args.clone());
        check_derivative(&call, &x);
        let d = call.diff(&x);
        symdiff::fuzzing::check_derivative_is(&call, &d, &x);
    }
}

#[test]
fn seed_corpus_parses_what_it_should() {
    // The corpus holds good inputs first, then bad ones after a blank line:
    // a check that silently rejected everything would pass the test above.
    let seeds = seeds();
    let blank = seeds
        .iter()
        .position(|s| s.is_empty())
        .expect("a blank line");
    for good in &seeds[..blank] {
        assert!(
            symdiff::parse_input(good, &symdiff::Limits::default()).is_ok(),
            "{good}"
        );
    }
    for bad in &seeds[blank + 1..] {
        assert!(symdiff::parse(bad).is_err(), "{bad}");
    }
}

/// The latex target's seeds: good LaTeX, a blank line, then bad LaTeX.
fn latex_seeds() -> (Vec<&'static str>, Vec<&'static str>) {
    let seeds: Vec<&str> = include_str!("../fuzz/seeds/latex.txt").lines().collect();
    let blank = seeds
        .iter()
        .position(|s| s.is_empty())
        .expect("a blank line");
    assert!(
        blank >= 30 && seeds.len() - blank > 10,
        "the LaTeX seeds are missing"
    );
    (seeds[..blank].to_vec(), seeds[blank + 1..].to_vec())
}

#[test]
fn latex_seed_corpus_passes_the_latex_check() {
    let (good, bad) = latex_seeds();
    for input in good.iter().chain(&bad) {
        check_latex(input);
    }
}

#[test]
fn latex_seed_corpus_reads_what_it_should() {
    let (good, bad) = latex_seeds();
    let read = |s: &str| symdiff::parse_as(s, symdiff::Syntax::Latex, &symdiff::Limits::default());
    for input in good {
        assert!(read(input).is_ok(), "{input}");
    }
    for input in bad {
        assert!(read(input).is_err(), "{input}");
    }
}

/// Found by the round_trip target on a seed: the derivative printed as
/// `-(2*mu - 2*x)*exp(…)/…`, which read back with the minus distributed
/// into the sum (before a leading sign became a factor of the product).
#[test]
fn regression_negative_product_led_by_a_sum() {
    all_checks("exp(-(x - mu)^2/(2*sigma^2))/(sigma*sqrt(2*pi))");
    all_checks("-(x+1)*(x+2)/y");
    let e = symdiff::d("-(x+1)*(x+2)/y", "y").unwrap();
    assert_eq!(e.to_string(), "(x + 2)*(x + 1)/y^2");
}

#[test]
#[should_panic(expected = "finite difference")]
fn derivative_check_catches_a_wrong_derivative() {
    let x = Expr::symbol("x");
    let e = symdiff::parse("sin(x)*x").unwrap();
    symdiff::fuzzing::check_derivative_is(&e, &symdiff::parse("cos(x)*x").unwrap(), &x);
}

/// Found by the round_trip target: a half times the reciprocal of a sum
/// printed as `/(2*(a + b))`, which reads back with the 2 distributed into
/// the sum.
#[test]
fn regression_number_and_sum_in_a_denominator() {
    let input = "2^-x^g2+ sqrt(2^-x^g2+ sqrt(-1) ^+ -1) ^+ x";
    all_checks(input);
    let e = symdiff::d("sqrt(x^2 + y)", "x").unwrap();
    assert_eq!(e.to_string(), "x/sqrt(x^2 + y)");
    let half = symdiff::parse("x").unwrap() / symdiff::parse("2*y + 2*x^2").unwrap();
    assert_eq!(half.to_string(), "x/(2*x^2 + 2*y)");
    let kept = symdiff::Expr::mul([
        symdiff::parse("x/2").unwrap(),
        symdiff::Expr::pow(symdiff::parse("x^2 + y").unwrap(), symdiff::Expr::int(-1)),
    ]);
    assert_eq!(kept.to_string(), "x/(x^2 + y)/2");
    all_checks(&kept.to_string());
}

/// Found by the round_trip target: a sum whose terms are all negative, the
/// first a quotient led by a sum, printed as `-(a + b)/c - …`.
#[test]
fn regression_sum_led_by_a_negative_quotient() {
    all_checks("x^(10^1e0r2^x-m--22)^(10e^10r2^x-m--22)122122");
    let e = symdiff::parse("-(m + 1)*ln(m)/(m + 2) - ln(m)").unwrap();
    all_checks(&e.to_string());
}

/// Found by the derivative target: in d/dx (x^e)^x the symbolic exponents
/// of x cancelled to -1 but stayed apart from the numeric ones, leaving an
/// uncancelled `e*x/x` that reads back as `e`.
#[test]
fn regression_symbolic_exponents_cancelling_to_a_number() {
    let e = Expr::pow(symdiff::parse("x^e").unwrap(), Expr::symbol("x"));
    let x = Expr::symbol("x");
    symdiff::fuzzing::check_derivative(&e, &x);
    all_checks(&e.to_string());
    let d = e.try_diff(&x, &symdiff::Limits::default()).unwrap();
    assert_eq!(d.to_string(), "(x^e)^x*(ln(x^e) + e)");
    let product = Expr::mul([
        x.clone(),
        symdiff::parse("x^(e - 1)").unwrap(),
        symdiff::parse("x^(-e)").unwrap(),
    ]);
    assert_eq!(product, Expr::int(1));
}

/// Found by the derivative target, a fault of the check itself: in
/// `sec(pi^86 - x)` the variable is lost to rounding, so every finite
/// difference is 0; such points are no evidence and are skipped.
#[test]
fn regression_variable_lost_to_rounding_is_skipped() {
    let e = symdiff::parse("sec(pi^86 - x)").unwrap();
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
}

/// Found by the derivative target: merged powers of a power came out on
/// another base (`(x^-56)^(-1)` is `x^56`) and were not merged again with
/// the factors of that base, leaving `x^56/x^56`.
#[test]
fn regression_merged_power_on_a_new_base() {
    let base = Expr::pow(
        symdiff::parse("1/x^56").unwrap(),
        symdiff::parse("5/34").unwrap(),
    );
    let e = Expr::pow(base, Expr::symbol("x"));
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
    all_checks(&e.to_string());
    let d = e
        .try_diff(&Expr::symbol("x"), &symdiff::Limits::default())
        .unwrap();
    assert_eq!(
        d.to_string(),
        "((1/x^56)^(5/34))^x*(ln((1/x^56)^(5/34)) - 140/17)"
    );
}

/// Found by the derivative target (a stack overflow brought in by the fix
/// above): `e*exp(x)` merged to `exp(x)*e` on "another base" at every pass.
#[test]
fn regression_e_times_exp_terminates() {
    let e = symdiff::parse("ln(e*exp(x))").unwrap();
    assert_eq!(e.to_string(), "ln(e*exp(x))");
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
    all_checks(&e.to_string());
    assert_eq!(
        symdiff::parse("exp(x)*e*exp(2)").unwrap().to_string(),
        "exp(3)*exp(x)"
    );
    all_checks("exp(3)*exp(x)");
}

/// Found by the derivative target, a fault of the check itself: with a
/// 195-digit constant the derivative's value overflows in doubles where
/// the function's does not; such expressions are not checked numerically.
#[test]
fn regression_huge_constants_are_not_checked_numerically() {
    let n = "1/460256653239451497075418999608210878933802350783190796428698506890751618720469683711028953680113787728552512654623004501186420510500027197574535498322828846033544458945934306232836053820549108201";
    let e = symdiff::parse(&format!("acosh(({n})^x)")).unwrap();
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
    all_checks(&e.to_string());
}

/// Found by the derivative target, a fault of the check itself: a function
/// of tiny amplitude oscillating faster than the step had differences near
/// 0 that agreed in absolute terms; smoothness is now judged relatively.
#[test]
fn regression_fast_tiny_oscillation_is_not_smooth() {
    let e = symdiff::parse("1/sec(sec(sec(sinh(x))^50))^61").unwrap();
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
}

/// Found by the derivative target, a fault of the check itself: in
/// `exp(65) - 3*x` the variable is lost to rounding but for a trace, so the
/// difference saw only part of the function.
#[test]
fn regression_variable_partly_lost_to_rounding_is_skipped() {
    let e = symdiff::parse("cbrt(sec(sec(exp(65) - 3*x)) - x)").unwrap();
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
}

/// Found by the derivative target, a fault of the check itself: the
/// derivative of acos(erf(u)) holds 1 - erf(u)^2, all rounding where erf(u)
/// is nearly 1; a value that jumps between neighbouring points is no
/// evidence.
#[test]
fn regression_derivative_losing_its_digits_is_skipped() {
    let e = symdiff::parse("x + acos(erf(x/cos(5764801*sin(y*sec(x))^4)^24))").unwrap();
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
}

/// Found by the equation target: `y` called on the left and a variable on
/// the right was read as a function on one side and a variable on the
/// other, so the derivative printed `y(…)`, which reads back as a product.
/// A name a variable on either side is a variable on both.
#[test]
fn regression_a_name_called_on_one_side_of_an_equation() {
    all_checks("xsil(x*y(x*y22222222222222222) ) = xx*y");
    let out = symdiff::parse_input("y(x + 1) = y", &symdiff::Limits::default()).unwrap();
    let symdiff::Parsed::Equation(lhs, _) = out.value else {
        panic!("an equation");
    };
    assert_eq!(lhs.to_string(), "y*(x + 1)");
}

/// Found by the derivative target: `min(x, x)` differentiated to 0, each
/// argument's weight being 0 at a tie. Repeated arguments now fold, and a
/// tie goes to the last argument, so the weights add up to 1 everywhere.
#[test]
fn regression_extremes_of_tied_arguments() {
    let x = Expr::symbol("x");
    for f in [
        "min(x, x)",
        "max(x, x, x)",
        "max(x, sqrt(x^2))",
        "min(x, 2*x - x, y)",
    ] {
        let e = symdiff::parse(f).unwrap();
        check_derivative(&e, &x);
        all_checks(f);
    }
    let d = symdiff::d("max(x, sqrt(x^2))", "x").unwrap();
    assert_eq!(d.eval(&[("x", 2.0)]), Ok(1.0));
    assert_eq!(symdiff::parse("min(x, x)").unwrap(), x);
}

/// Found by the latex target: an undefined function whose name holds
/// digits (`\operatorname{sa444tmathrm}`, or `f1(x)` in the plain syntax)
/// printed as `sa444tmathrm\left(…\right)`, which read back as letters
/// times a number; a name written together right against `(` is now read
/// whole.
#[test]
fn regression_latex_called_name_with_digits() {
    check_latex(r"\operatorname{sa444444444tmathrm}ntmateft(xXright)");
    let e = symdiff::parse("f1(x) + g_2(x)*x").unwrap();
    assert_eq!(symdiff::parse_latex(&e.to_latex()).unwrap(), e);
}

/// Found by the LaTeX property test: -1 (a derivative such as d/dx (y - x))
/// printed as LaTeX `-`, the sign of an empty product.
#[test]
fn regression_latex_minus_one() {
    let e = symdiff::d("y - x", "x").unwrap();
    assert_eq!(e.to_latex(), "-1");
    check_latex("-1");
}

/// Found by the latex target: a derivative written on a known name that is
/// 0 where it divides (`2/abs'(0)`, abs' being sign) was worked out after
/// the parser's division-by-zero check, leaving `2/0`, in both syntaxes.
#[test]
fn regression_named_derivative_dividing_by_zero() {
    check_latex(r"{2}/abs'(0(a){{{{x}}}})");
    for input in ["2/abs'(0) + x", r"\frac{2}{abs'(0)} + x"] {
        let err = symdiff::parse(input).unwrap_err();
        assert_eq!(err.kind, symdiff::ErrorKind::DivisionByZero, "{input}");
    }
    assert!(symdiff::parse("2/abs'(1) + x").is_ok());
}

/// Found by the latex target: `d/psi xiq` read as d over digamma(x i q),
/// printed as the text `d/digamma(i*q*x)`, which read back as the operator
/// d/d(igamma). A `d/d…` whose name below is a function or a Greek letter
/// with its d (`digamma`, `delta`) is a quotient.
#[test]
fn regression_quotient_by_a_name_starting_with_d() {
    check_latex("d/psi xiq");
    for (input, plain) in [
        ("d/digamma(x)", "d*digamma(x)^-1"),
        ("d/delta + 1", "d*delta^-1 + 1"),
    ] {
        let out = symdiff::parse_input(input, &symdiff::Limits::default()).unwrap();
        assert!(out.derivative.is_none(), "{input}");
        assert_eq!(
            symdiff::parse(input).unwrap(),
            symdiff::parse(plain).unwrap()
        );
    }
    assert_eq!(symdiff::d_written("d/dx x^2").unwrap().to_string(), "2*x");
}

/// Found by the latex target: the quotient of variables d and d_x printed
/// as `d/d_x`, which read back as an operator with nothing after it; an
/// operator now stands first with an expression after it, else `d/d…` is a
/// quotient (`2*d/dx`, `d/dx + y`).
#[test]
fn regression_printed_quotient_of_d() {
    check_latex("d/d_x");
    for input in ["d/d_x", "x*d/dy", "d/dx + y", "d/dx^2"] {
        let e = symdiff::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(symdiff::parse(&e.to_string()).unwrap(), e, "{input}");
    }
}

/// Found by the latex target: letters spelling a function inside a
/// subscript (`x_{2erf3}`) were read as the function.
#[test]
fn regression_function_letters_in_a_subscript() {
    check_latex("3dix_{2e~rf3dixsiefknuxkk}");
    let e = symdiff::parse_latex("x_{erf} + x_{2sin}").unwrap();
    assert_eq!(e, symdiff::parse("x_erf + x_2sin").unwrap());
}

/// Found by the round_trip target: in `x/a(0) + a`, `a` is a variable, so
/// `a(0)` reads as the product `a*0`, and the division by it printed as
/// `1/0`, which does not read back. It is a division by zero, as `x/(a*0)`
/// is.
#[test]
fn regression_division_by_a_call_read_as_a_zero_product() {
    let err = symdiff::parse("x/a(0) + a").unwrap_err();
    assert_eq!(err.kind, symdiff::ErrorKind::DivisionByZero);
    all_checks("sqmD/a(0g) + a*z");
}

/// Found by the latex target: the quotient of `d^13` by a call of
/// `dFamdmq` printed as `d^13/dFamdmq(c*z + c) + …`, which reads back as a
/// derivative operator of the wrong order. A quotient of the variable d by
/// a name in d prints its numerator in parentheses.
#[test]
fn regression_quotient_of_d_printed_like_an_operator() {
    check_latex("ddddddddddddd/dFamdmq(c + zc)+ Cac + zc_x");
    let d = Expr::symbol("d");
    for below in ["dx", "dFamdmq(c)", "dx^2"] {
        let e = Expr::pow(d.clone(), Expr::int(13)) / symdiff::parse(below).unwrap();
        let text = e.to_string();
        assert!(text.starts_with("(d^13)/"), "{text}");
        assert_eq!(symdiff::parse(&text).unwrap(), e);
    }
    assert_eq!(
        (d.clone() / symdiff::parse("x").unwrap()).to_string(),
        "d/x"
    );
}
