//! The checks behind the fuzz targets (`fuzz/`), shared with the corpus
//! replay in `cargo test` (`tests/fuzz_corpus.rs`) so that both run the
//! very same code. Each check panics, with the input in the message, when
//! symdiff misbehaves; a clean error for a bad input is not misbehaviour.
//!
//! Not part of the stable API.

use crate::{parse_as, parse_input, Error, ErrorKind, Expr, Func, Limits, Parsed, Syntax};

/// Limits small enough that one fuzz input runs in milliseconds, so the
/// fuzzer explores instead of waiting on one huge derivative.
///
/// ```
/// assert!(symdiff::fuzzing::limits().max_nodes < symdiff::Limits::default().max_nodes);
/// ```
pub fn limits() -> Limits {
    Limits {
        max_input_len: 4096,
        max_depth: 200,
        max_nodes: 20_000,
        max_order: 4,
        max_digits: 200,
    }
}

/// The input as text, if it is UTF-8 (other bytes cannot reach the library:
/// it takes `&str`).
///
/// ```
/// assert_eq!(symdiff::fuzzing::text(b"x+1"), Some("x+1"));
/// assert_eq!(symdiff::fuzzing::text(&[0xff]), None);
/// ```
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Parses `input`; an error must point inside the input and render.
///
/// ```
/// let e = symdiff::fuzzing::check_parse("2x + 1");
/// assert!(e.is_some());
/// assert!(symdiff::fuzzing::check_parse("2x +").is_none());
/// ```
pub fn check_parse(input: &str) -> Option<Expr> {
    match parse_input(input, &limits()) {
        Ok(out) => match out.value {
            Parsed::Scalar(e) => Some(e),
            Parsed::Vector(_) | Parsed::Equation(..) => None,
        },
        Err(err) => {
            check_error(&err, input);
            None
        }
    }
}

fn check_error(err: &Error, input: &str) {
    assert!(
        err.span.start <= err.span.end && err.span.end <= input.len(),
        "error span {:?} outside the input {input:?}",
        err.span
    );
    let shown = err.render(input);
    assert!(
        shown.starts_with("error: "),
        "bad error frame for {input:?}: {shown}"
    );
    // Debug output or internal names in the message, not from the input.
    let message = err.kind.to_string();
    for internal in ["Expr(", "Token", "Some(", "None", "Number", "Ratio", "\\u{"] {
        assert!(
            !message.contains(internal) || input.contains(internal),
            "internal text in the message for {input:?}: {message}"
        );
    }
}

/// The text form of `e` parses back to `e`.
fn check_prints_back(e: &Expr, context: &str) {
    let text = e.to_string();
    let again = crate::parse_input(&text, &Limits::default());
    match again.map(|o| o.value) {
        Ok(Parsed::Scalar(back)) => assert!(
            back == *e,
            "{context}: printed as {text:?}, which parses back as {back}"
        ),
        other => panic!("{context}: printed as {text:?}, which does not parse back: {other:?}"),
    }
}

/// parse → print → parse gives the same expression; then d → simplify →
/// print → parse gives the same derivative, for each variable (or `x`).
///
/// ```
/// symdiff::fuzzing::check_round_trip("x^x + sin(y)/y");
/// ```
pub fn check_round_trip(input: &str) {
    let Some(e) = check_parse(input) else {
        return;
    };
    check_prints_back(&e, &format!("input {input:?}"));
    let mut vars = e.free_symbols();
    vars.truncate(2);
    if vars.is_empty() {
        vars.push(Expr::symbol("x"));
    }
    for var in vars {
        match e.try_diff(&var, &limits()) {
            Ok(d) => check_prints_back(&d, &format!("d/d{var} of {input:?} = {d}")),
            Err(err) => check_error(&err, input),
        }
    }
}

/// Reads `input` as LaTeX: an error must point inside the input and
/// render; an expression must print as LaTeX that reads back to itself,
/// and as text that reads back to itself; an operator in front must apply
/// within the limits or fail cleanly.
///
/// ```
/// symdiff::fuzzing::check_latex(r"\frac{x^{2}}{\sin x} + \sqrt[3]{x}");
/// symdiff::fuzzing::check_latex(r"\frac{d}{dx} e^{2x}");
/// symdiff::fuzzing::check_latex(r"\frac{1}");
/// ```
pub fn check_latex(input: &str) {
    let out = match parse_as(input, Syntax::Latex, &limits()) {
        Ok(out) => out,
        Err(err) => return check_error(&err, input),
    };
    let Parsed::Scalar(e) = out.value else {
        panic!("LaTeX {input:?} read as a vector");
    };
    check_latex_reads_back(&e, &format!("LaTeX {input:?}"));
    check_prints_back(&e, &format!("LaTeX {input:?}"));
    if let Some(op) = out.derivative {
        match op.apply(&e, &limits()) {
            Ok(d) => check_latex_reads_back(&d, &format!("{op} of LaTeX {input:?}")),
            Err(err) => check_error(&err, input),
        }
    }
}

/// The LaTeX form of `e` reads back to `e`.
fn check_latex_reads_back(e: &Expr, context: &str) {
    let latex = e.to_latex();
    match parse_as(&latex, Syntax::Latex, &Limits::default()) {
        Ok(out) => match out.value {
            Parsed::Scalar(back) => assert!(
                back == *e && out.derivative.is_none(),
                "{context}: {e} printed as {latex:?}, which reads back as {back}"
            ),
            Parsed::Vector(_) | Parsed::Equation(..) => {
                panic!("{context}: {latex:?} reads back as a vector or an equation")
            }
        },
        Err(err) => panic!(
            "{context}: {e} printed as {latex:?}, which does not read back: {}",
            err.render(&latex)
        ),
    }
}

/// parse → evaluate at a few points, including singular ones: an error or
/// any float (NaN and ±inf allowed), never a panic.
///
/// ```
/// symdiff::fuzzing::check_eval("1/x + ln(x)");
/// ```
pub fn check_eval(input: &str) {
    let Some(e) = check_parse(input) else {
        return;
    };
    let names: Vec<String> = e.free_symbols().iter().map(Expr::to_string).collect();
    let calls = called_names(&e);
    for v in [0.0, 1.0, -1.5, 0.5, 1e300, f64::INFINITY, f64::NAN] {
        let point: Vec<(&str, f64)> = names.iter().map(|n| (n.as_str(), v)).collect();
        // A function said to leave its domain must be one the expression calls.
        if let Err(crate::EvalError::Domain { func, .. }) = e.eval(&point) {
            assert!(
                calls.contains(&func),
                "{input:?} at {v}: the error names {func}, which it does not call"
            );
        }
    }
}

/// The names of the functions `e` calls, with `sqrt` for square roots
/// (which are powers, but fail under that name).
fn called_names(e: &Expr) -> Vec<String> {
    let mut names = vec!["sqrt".to_string()];
    crate::walk::postorder(
        e,
        |_| true,
        |n| {
            if let crate::Node::Call(f, _) = n.node() {
                names.push(f.name().to_string());
            }
        },
    );
    names
}

/// The derivative of `e` by `var` agrees with a central finite difference
/// at points where `e` is smooth (see [`check_derivative_is`]), unless `e`
/// holds exact numbers beyond 64 bits, which doubles cannot follow.
///
/// ```
/// use symdiff::{fuzzing::check_derivative, parse, Expr};
/// check_derivative(&parse("sin(x)*x^3 + exp(-x)").unwrap(), &Expr::symbol("x"));
/// ```
pub fn check_derivative(e: &Expr, var: &Expr) {
    // Doubles cannot follow huge exact numbers: in the derivative of
    // acosh((1/N)^x) with N ≈ 10^194, (1/N)^(2x) overflows where
    // acosh((1/N)^x) does not, and the value is 0 where the slope is -448.
    let huge = std::cell::Cell::new(false);
    crate::walk::postorder(
        e,
        |_| !huge.get(),
        |n| {
            let big = n.as_number().is_some_and(|v| {
                let (num, den) = v.bits();
                num.max(den) > 64
            });
            huge.set(huge.get() || big);
        },
    );
    if huge.get() {
        return;
    }
    match e.try_diff(var, &limits()) {
        Ok(d) => {
            compare_with_differences(e, &d, var);
        }
        // The fuzz limits are small: growing past them is the one error a
        // derivative of a well-formed expression may give.
        Err(err) => assert!(
            matches!(err.kind, ErrorKind::TooLarge { .. }),
            "d/d{var} of {e} fails: {err}"
        ),
    }
}

/// The least number of points [`check_derivative_is`] must compare.
pub const MIN_COMPARED: usize = 1;

/// [`compare_with_differences`], failing also when no point could be
/// compared: for derivatives that must be checked somewhere.
///
/// ```
/// use symdiff::{fuzzing::check_derivative_is, parse, Expr};
/// let x = Expr::symbol("x");
/// check_derivative_is(&parse("x^3").unwrap(), &parse("3*x^2").unwrap(), &x);
/// let wrong = std::panic::catch_unwind(|| {
///     check_derivative_is(&parse("x^3").unwrap(), &parse("3*x").unwrap(), &x)
/// });
/// assert!(wrong.is_err());
/// // Nowhere real at the sample points: nothing compared, which fails.
/// let nowhere = std::panic::catch_unwind(|| {
///     check_derivative_is(&parse("ln(-x^2 - 1)").unwrap(), &parse("2*x/(x^2 + 1)").unwrap(), &x)
/// });
/// assert!(nowhere.is_err());
/// ```
pub fn check_derivative_is(e: &Expr, d: &Expr, var: &Expr) {
    let compared = compare_with_differences(e, d, var);
    assert!(
        compared >= MIN_COMPARED,
        "d/d{var} of {e} = {d}: no sample point could be compared"
    );
}

/// How a derivative compares with a finite difference at one point.
///
/// ```
/// use symdiff::fuzzing::Check;
/// assert_ne!(Check::Agrees, Check::NotComparable);
/// ```
#[derive(Debug, PartialEq)]
pub enum Check {
    /// They agree within the tolerance.
    Agrees,
    /// The function is not finite near the point, or not smooth at the
    /// step's scale: the difference says nothing there.
    NotComparable,
    /// They disagree: the message says how.
    Disagrees(String),
}

/// Compares `df` with a Richardson-extrapolated central difference of `f`
/// in `var` at `at` (which gives every variable of `f` a value; `var`
/// missing from it is taken as 0). Where `f` is finite throughout near the
/// point and smooth at the step's scale (two step sizes give differences
/// that agree to 1e-4, beyond the rounding noise), `df` must agree with
/// the extrapolated difference to `tolerance` (relative, or absolute
/// below 1); otherwise the point is [`Check::NotComparable`].
///
/// ```
/// use symdiff::{fuzzing::{difference_check, Check}, parse};
/// let f = parse("sin(x)").unwrap();
/// let at = [("x", 0.5)];
/// assert_eq!(difference_check(&f, &parse("cos(x)").unwrap(), "x", &at, 1e-6), Check::Agrees);
/// assert!(matches!(
///     difference_check(&f, &parse("-cos(x)").unwrap(), "x", &at, 1e-6),
///     Check::Disagrees(_)
/// ));
/// // ln is not defined left of 0: nothing to compare with.
/// let ln = parse("ln(x)").unwrap();
/// assert_eq!(difference_check(&ln, &parse("1/x").unwrap(), "x", &[("x", 0.0)], 1e-6), Check::NotComparable);
/// ```
pub fn difference_check(
    f: &Expr,
    df: &Expr,
    var: &str,
    at: &[(&str, f64)],
    tolerance: f64,
) -> Check {
    let x0 = at.iter().find(|(n, _)| *n == var).map_or(0.0, |&(_, v)| v);
    let f_at = |x: f64| -> Option<f64> {
        let moved: Vec<(&str, f64)> = at
            .iter()
            .map(|&(n, v)| (n, if n == var { x } else { v }))
            .collect();
        finite_throughout(f, &moved)
    };
    let h = difference_step(x0);
    let central = |h: f64| Some((f_at(x0 + h)? - f_at(x0 - h)?) / (2.0 * h));
    let (Some(coarse), Some(fine), Some(f0)) = (central(h), central(h / 2.0), f_at(x0)) else {
        return Check::NotComparable;
    };
    // Richardson: the h^2 error terms of the two steps cancel.
    let estimate = (4.0 * fine - coarse) / 3.0;
    // Rounding in f's values, magnified by the division by h.
    let noise = 1e3 * f64::EPSILON * f0.abs() / h;
    if (coarse - fine).abs() > 1e-4 * fine.abs() + noise {
        return Check::NotComparable;
    }
    let exact = match df.eval(at) {
        Ok(v) => v,
        Err(e) => return Check::Disagrees(format!("the derivative {df} fails at {at:?}: {e}")),
    };
    let error = (exact - estimate).abs();
    if exact.is_finite() && error <= tolerance * (1.0 + exact.abs()) + noise {
        Check::Agrees
    } else {
        Check::Disagrees(format!(
            "d/d{var} {f} = {df} is {exact} at {at:?}, but the finite difference is {estimate}"
        ))
    }
}

/// The step [`difference_check`] takes at `x`: small against `x`'s scale.
fn difference_step(x: f64) -> f64 {
    1e-4 * x.abs().max(1.0)
}

/// The value of `f` at `at` when every subexpression of `f` is finite
/// there. IEEE arithmetic can hide an undefined part (`1^NaN = 1`,
/// `x*atanh(1)^(-x) = 0`), and a function is not defined where a part of
/// it is not.
fn finite_throughout(f: &Expr, at: &[(&str, f64)]) -> Option<f64> {
    let finite = std::cell::Cell::new(true);
    crate::walk::postorder(
        f,
        |_| finite.get(),
        |sub| finite.set(finite.get() && sub.eval(at).is_ok_and(f64::is_finite)),
    );
    finite.get().then(|| f.eval(at).ok()).flatten()
}

/// The tolerance of the fuzz checks against [`difference_check`]: loose,
/// as random expressions lose digits in doubles that a table's do not.
const FUZZ_TOLERANCE: f64 = 1e-3;

/// How many sample points `d` was compared at; panics where `d`
/// disagrees with a finite difference of `e` by `var`
/// ([`difference_check`] with tolerance 1e-3, the other variables at 0.4).
/// Random expressions need more skips than that check makes: points where
/// a part of `e` that varies is above 1e8 are skipped (the variable is
/// lost to rounding there), and so are points where `e` is 1e6 or more,
/// where `d` itself is not steady (a formula that loses its digits in
/// doubles), has no value or is NaN, and where the difference is exactly
/// zero (the variable lost to rounding against a huge term).
///
/// ```
/// use symdiff::{fuzzing::compare_with_differences, parse, Expr};
/// let x = Expr::symbol("x");
/// assert_eq!(compare_with_differences(&parse("x^3").unwrap(), &parse("3*x^2").unwrap(), &x), 4);
/// ```
pub fn compare_with_differences(e: &Expr, d: &Expr, var: &Expr) -> usize {
    let mut compared = 0;
    let name = var.to_string();
    let others: Vec<String> = e
        .free_symbols()
        .iter()
        .map(Expr::to_string)
        .filter(|n| *n != name)
        .collect();
    let point = |v: f64| {
        let mut point: Vec<(&str, f64)> = vec![(name.as_str(), v)];
        point.extend(others.iter().map(|n| (n.as_str(), 0.4)));
        point
    };
    let mut varying = Vec::new();
    crate::walk::postorder(e, |n| n.depends_on(var), |n| varying.push(n.clone()));
    for x in [0.7, -1.3, 2.9, 0.05] {
        // Where a part that varies with x is huge, x is partly lost to
        // rounding (exp(65) - 3*x): the difference sees only what is left.
        let huge = |n: &Expr| n.eval(&point(x)).is_ok_and(|v| v.abs() > 1e8);
        if varying.iter().any(huge) || e.eval(&point(x)).is_ok_and(|y| y.abs() >= 1e6) {
            continue;
        }
        let Ok(exact) = d.eval(&point(x)) else {
            continue;
        };
        let h = difference_step(x);
        // An exactly flat difference is most often x lost against a huge
        // term (`sec(pi^86 - x)`): it agrees with a zero derivative, and
        // says nothing about any other.
        let flat = [h, h / 2.0]
            .iter()
            .all(|&s| matches!((e.eval(&point(x + s)), e.eval(&point(x - s))), (Ok(a), Ok(b)) if a == b && a.is_finite()));
        if flat {
            compared += usize::from(exact == 0.0);
            continue;
        }
        // A derivative formula can be right and still lose every digit in
        // doubles (1 - erf(u)^2 where erf(u) rounds to 1): its value then
        // jumps between neighbouring points, and tells nothing.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-2 * (1.0 + a.abs().max(b.abs()));
        let steady = [x - h / 16.0, x + h / 16.0]
            .iter()
            .all(|&v| d.eval(&point(v)).is_ok_and(|near| close(near, exact)));
        if !steady || exact.is_nan() {
            continue;
        }
        match difference_check(e, d, &name, &point(x), FUZZ_TOLERANCE) {
            Check::Agrees => compared += 1,
            Check::NotComparable => {}
            Check::Disagrees(why) => panic!("{why}"),
        }
    }
    compared
}

/// A call of the registered function number `index` (modulo their count)
/// on `args`, fitted to it: cut or padded with `x` to its arity, and with
/// an integer first where it needs one (polygamma's order). Every
/// registered function is reachable, so a new one is fuzzed as soon as it
/// is declared.
///
/// ```
/// use symdiff::{fuzzing::registered_call, functions::REGISTERED, Expr, Node};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// for (k, f) in REGISTERED.iter().enumerate() {
///     let call = registered_call(k, vec![x.clone(), y.clone()]);
///     assert!(matches!(call.node(), Node::Call(g, _) if g == f), "{call}");
/// }
/// assert_eq!(registered_call(0, vec![x.clone(), y]).to_string(), "sin(x)");
/// ```
pub fn registered_call(index: usize, mut args: Vec<Expr>) -> Expr {
    let registered = crate::functions::REGISTERED;
    let func: &Func = &registered[index % registered.len()];
    let Some(def) = func.def() else {
        return Expr::int(0);
    };
    let wanted = match def.arity {
        crate::functions::Arity::Exactly(n) => n,
        crate::functions::Arity::AtLeast(n) => args.len().max(n),
    };
    args.resize(wanted, Expr::symbol("x"));
    if (def.check)(&args).is_some() {
        args[0] = Expr::int(1);
    }
    Expr::call(func.clone(), args)
}

/// An equation `F = G` read and differentiated implicitly (orders 1 and
/// 2, y by x for its first two variables either way round): an answer or
/// a clean error, never a panic. Where there is an answer, the first
/// derivative before the equation is used on it has the value of
/// `-F_x/F_y` at a few points, and every derivative prints back to itself.
///
/// ```
/// symdiff::fuzzing::check_equation("x^2 + y^2 = 1");
/// symdiff::fuzzing::check_equation("x = 1 = 2");
/// ```
pub fn check_equation(input: &str) {
    use crate::calculus::implicit::implicit;
    let (lhs, rhs) = match parse_input(input, &limits()) {
        Ok(out) => match out.value {
            Parsed::Equation(l, r) => (l, r),
            _ => return,
        },
        Err(err) => return check_error(&err, input),
    };
    let h = lhs.clone() - rhs.clone();
    let mut vars = h.free_symbols();
    vars.truncate(2);
    let pairs = match vars.as_slice() {
        [a, b] => vec![(a.clone(), b.clone()), (b.clone(), a.clone())],
        [a] => vec![(a.clone(), Expr::symbol("t"))],
        _ => vec![(Expr::symbol("y"), Expr::symbol("x"))],
    };
    for (y, x) in pairs {
        let d = match implicit(&lhs, &rhs, &y, &x, 2, &limits()) {
            Ok(d) => d,
            Err(err) => {
                assert!(err.span.end <= input.len(), "error span outside {input:?}");
                continue;
            }
        };
        for e in &d.derivatives {
            check_prints_back(e, &format!("implicit derivative of {input:?}"));
        }
        let slope = -(d.f_x.clone() / d.f_y.clone());
        for (a, b) in [(0.3, 0.7), (-1.1, 0.4), (2.5, -1.7)] {
            let point = [(x.to_string(), a), (y.to_string(), b)];
            let at: Vec<(&str, f64)> = point.iter().map(|(n, v)| (n.as_str(), *v)).collect();
            let (Ok(want), Ok(got)) = (slope.eval(&at), d.before_equation[0].eval(&at)) else {
                continue;
            };
            if want.is_finite() && got.is_finite() {
                assert!(
                    (want - got).abs() <= 1e-6 * want.abs().max(got.abs()).max(1.0),
                    "{input:?}: dy/dx is {got} at {point:?}, -F_x/F_y is {want}"
                );
            }
        }
    }
}
