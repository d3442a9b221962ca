//! Resource limits and numbers at the edges: one test per limit and per
//! edge case. Deep and huge inputs are made here, never stored; the deep
//! ones run on a thread with a 2 MB stack, as a host program might give.

use symdiff::calculus::matrix::{
    directional_within, gradient_within, hessian_within, jacobian_within, laplacian_within,
};
use symdiff::{
    d_with_limits, directional, gradient, hessian, jacobian, laplacian, parse, parse_input, Error,
    ErrorKind, Expr, Limits, Matrix,
};

/// Runs `f` on a thread with a small stack: a recursion that depends on
/// input depth overflows it (and aborts the test binary).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("thread starts")
        .join()
        .expect("no panic")
}

fn deep_limits() -> Limits {
    Limits {
        max_depth: 2_000_000,
        ..Limits::default()
    }
}

fn kind(result: Result<Expr, Error>) -> ErrorKind {
    result.expect_err("an error").kind
}

#[test]
fn million_deep_sin_parses_drops_and_fails_cleanly_on_a_small_stack() {
    on_small_stack(|| {
        let n = 1_000_000;
        let input = "sin(".repeat(n) + "x" + &")".repeat(n);
        // Default limits: refused at the first bracket past the limit.
        let err = parse(&input).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooDeep { limit: 10_000 });
        // The 10 001st "sin(" ends at byte 40 004.
        assert_eq!(err.span, 40_003..40_004);
        // Raised limits: it parses; its derivative would hold n²/2
        // factors, so it stops at the node limit; the deep value drops.
        let limits = deep_limits();
        let e = parse_input(&input, &limits)
            .unwrap()
            .value
            .scalar(&input)
            .unwrap();
        assert_eq!(symdiff::walk::depth(&e), n + 1);
        let err = e.try_diff(&Expr::symbol("x"), &limits).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge { limit: 20_000_000 });
        assert!(e.eval(&[("x", 0.5)]).unwrap().is_finite());
        drop(e);
    });
}

#[test]
fn deep_chains_differentiate_simplify_and_print_on_a_small_stack() {
    on_small_stack(|| {
        let n = 3_000;
        let input = "sin(".repeat(n) + "x" + &")".repeat(n);
        let d = d_with_limits(&input, "x", &Limits::default()).unwrap();
        let text = d.to_string();
        assert!(text.starts_with("cos(sin(sin("));
        assert_eq!(parse(&text).unwrap(), d);
        assert!(d.to_latex().starts_with(r"\cos"));
        let tower = "x^".repeat(n) + "x";
        let d = d_with_limits(&tower, "x", &Limits::default()).unwrap();
        assert_eq!(parse(&d.to_string()).unwrap(), d);
    });
}

#[test]
fn million_parentheses_parse_on_a_small_stack() {
    on_small_stack(|| {
        let n = 1_000_000;
        let input = "(".repeat(n) + "x" + &")".repeat(n);
        assert_eq!(
            parse(&input).unwrap_err().kind,
            ErrorKind::TooDeep { limit: 10_000 }
        );
        let d = d_with_limits(&input, "x", &deep_limits()).unwrap();
        assert_eq!(d, Expr::int(1));
    });
}

#[test]
fn deep_unary_minus_and_powers_without_brackets_are_bounded() {
    on_small_stack(|| {
        // Signs fold as they are read: the result is not deep at all.
        let minus = "-".repeat(1_000_001) + "x";
        assert_eq!(parse(&minus).unwrap(), parse("-x").unwrap());
        let tower = "x^".repeat(30_000) + "x";
        assert_eq!(
            kind(d_with_limits(&tower, "x", &deep_limits())),
            ErrorKind::TooLarge { limit: 20_000_000 }
        );
    });
}

#[test]
fn ten_megabyte_sum_works() {
    let terms = 1_200_000;
    let input: String = (1..=terms).map(|k| format!("x^{k}+")).collect::<String>() + "1";
    assert!(input.len() > 10_000_000);
    let d = d_with_limits(&input, "x", &Limits::default()).unwrap();
    assert_eq!(d.args().len(), terms);
    assert_eq!(
        d.eval(&[("x", 1.0)]).unwrap(),
        (terms * (terms + 1) / 2) as f64
    );
}

#[test]
fn input_length_limit() {
    let limits = Limits {
        max_input_len: 100,
        ..Limits::default()
    };
    let err = d_with_limits(&"x+".repeat(60), "x", &limits).unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InputTooLong {
            length: 120,
            limit: 100
        }
    );
    assert_eq!(
        err.to_string(),
        "the input is 120 bytes long, over the limit of 100"
    );
}

#[test]
fn node_limit_refuses_a_huge_product_rule_before_building_it() {
    let product: Vec<String> = (1..=3_000).map(|k| format!("(x + {k})")).collect();
    let input = product.join("*");
    assert_eq!(
        kind(d_with_limits(&input, "x", &Limits::default())),
        ErrorKind::TooLarge { limit: 20_000_000 }
    );
    let small = Limits {
        max_nodes: 100_000,
        ..Limits::default()
    };
    let ten = product[..10].join("*");
    assert!(d_with_limits(&ten, "x", &small).is_ok());
}

/// `(x + 1)*(x + 2)*…*(x + n)*y`: its Hessian's x-x entry holds about n³
/// factors before simplifying.
fn long_product(n: usize) -> Expr {
    let factors: Vec<String> = (1..=n).map(|k| format!("(x + {k})")).collect();
    parse(&(factors.join("*") + "*y")).unwrap()
}

fn xy() -> [Expr; 2] {
    [Expr::symbol("x"), Expr::symbol("y")]
}

fn small_nodes(max_nodes: usize) -> Limits {
    Limits {
        max_nodes,
        ..Limits::default()
    }
}

#[test]
fn matrices_within_the_node_limit_are_the_unbounded_ones() {
    let (f, vars) = (long_product(12), xy());
    let fs = [f.clone(), parse("sin(x*y)").unwrap()];
    let limits = Limits::default();
    assert_eq!(gradient_within(&f, &vars, &limits), Ok(gradient(&f, &vars)));
    assert_eq!(
        jacobian_within(&fs, &vars, &limits),
        Ok(jacobian(&fs, &vars))
    );
    assert_eq!(hessian_within(&f, &vars, &limits), Ok(hessian(&f, &vars)));
    assert_eq!(
        laplacian_within(&f, &vars, &limits),
        Ok(laplacian(&f, &vars))
    );
    let along = [Expr::int(1), Expr::int(2)];
    assert_eq!(
        directional_within(&f, &vars, &along, &limits),
        Ok(directional(&f, &vars, &along))
    );
}

#[test]
fn matrices_past_the_node_limit_are_refused() {
    let (f, vars) = (long_product(12), xy());
    let fs = [parse("sin(x*y)").unwrap(), f.clone()];
    let small = small_nodes(200);
    let too_large = ErrorKind::TooLarge { limit: 200 };
    let kind_of = |r: Result<Matrix, Error>| r.expect_err("an error").kind;
    assert_eq!(kind_of(gradient_within(&f, &vars, &small)), too_large);
    assert_eq!(kind_of(jacobian_within(&fs, &vars, &small)), too_large);
    assert_eq!(kind_of(hessian_within(&f, &vars, &small)), too_large);
    assert_eq!(kind(laplacian_within(&f, &vars, &small)), too_large);
    let along = [Expr::int(1), Expr::int(2)];
    assert_eq!(
        kind(directional_within(&f, &vars, &along, &small)),
        too_large
    );
    // The first row alone fits: the refusal is the second row's doing.
    assert!(jacobian_within(&fs[..1], &vars, &small).is_ok());
}

#[test]
fn matrix_entries_are_held_to_their_printed_size() {
    // u ← u*sin(u), 20 times: a DAG of a few dozen nodes whose derivative
    // is small as a DAG but prints as a tree of millions of nodes.
    let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    let mut u = x.clone() * y;
    for _ in 0..20 {
        u = u.clone() * Expr::call(symdiff::Func::Sin, vec![u]);
    }
    let limits = small_nodes(100_000);
    assert!(symdiff::calculus::diff::derivative_within(&u, &x, &limits).is_ok());
    // Matched, not compared: a failure must not print the huge matrix.
    let refused = gradient_within(&u, &xy(), &limits);
    assert!(matches!(refused, Err(e) if e.kind == ErrorKind::TooLarge { limit: 100_000 }));
}

#[test]
fn order_limit() {
    let f = parse("x^3").unwrap();
    let x = Expr::symbol("x");
    let limits = Limits {
        max_order: 5,
        ..Limits::default()
    };
    assert_eq!(f.try_diff_n(&x, 5, &limits).unwrap(), Expr::int(0));
    assert_eq!(
        kind(f.try_diff_n(&x, 6, &limits)),
        ErrorKind::OrderTooHigh { order: 6, limit: 5 }
    );
    let primes = format!("tan{}(x)", "'".repeat(6));
    assert_eq!(
        parse_input(&primes, &limits).unwrap_err().kind,
        ErrorKind::OrderTooHigh { order: 6, limit: 5 }
    );
}

#[test]
fn literal_digit_limit() {
    let limits = Limits {
        max_digits: 10,
        ..Limits::default()
    };
    assert!(d_with_limits("x*1234567890", "x", &limits).is_ok());
    for input in ["x*12345678901", "x*1e10", "x*1.0000000001", "x*1e-11"] {
        assert_eq!(
            kind(d_with_limits(input, "x", &limits)),
            ErrorKind::NumberTooLarge { limit: 10 },
            "{input}"
        );
    }
}

#[test]
fn huge_powers_stay_symbolic() {
    let d = symdiff::d("2^(10^9)*x", "x").unwrap();
    assert_eq!(d.to_string(), "2^1000000000");
    assert_eq!(d.eval(&[]).unwrap(), f64::INFINITY);
    let d = symdiff::d("x^(10^100)", "x").unwrap();
    let hundred_digits = format!("1{}", "0".repeat(100));
    assert_eq!(
        d.to_string(),
        format!("{hundred_digits}*x^{}", "9".repeat(100))
    );
    assert_eq!(d.eval(&[("x", 1.0)]).unwrap(), 1e100);
    let d = symdiff::d("(10^10)^(10^10)*x", "x").unwrap();
    assert_eq!(d.to_string(), "10000000000^10000000000");
}

#[test]
fn arithmetic_past_the_number_limit_fails_fast() {
    // 1/1 + 1/2 + … + 1/n has a denominator of about 1.44 n bits.
    let harmonic: Vec<String> = (1..=200_000).map(|k| format!("1/{k}")).collect();
    assert_eq!(
        kind(d_with_limits(&harmonic.join("+"), "x", &Limits::default())),
        ErrorKind::NumberTooLarge { limit: 20_000 }
    );
    let like_terms: Vec<String> = (1..=200_000).map(|k| format!("x/{k}")).collect();
    assert_eq!(
        kind(d_with_limits(
            &like_terms.join("+"),
            "x",
            &Limits::default()
        )),
        ErrorKind::NumberTooLarge { limit: 20_000 }
    );
    // Each 2^30000 folds to a 30 001-bit number.
    let product = vec!["(2^30000)"; 100_000].join("*");
    assert_eq!(
        kind(d_with_limits(
            &format!("x*{product}"),
            "x",
            &Limits::default()
        )),
        ErrorKind::NumberTooLarge { limit: 20_000 }
    );
    let roots: Vec<String> = (1..=200_000).map(|k| format!("x^(1/{k})")).collect();
    assert_eq!(
        kind(d_with_limits(&roots.join("*"), "x", &Limits::default())),
        ErrorKind::NumberTooLarge { limit: 20_000 }
    );
    let exponents = "((x^99999999999)^99999999999)^99999999999";
    let limits = Limits {
        max_digits: 25,
        ..Limits::default()
    };
    assert_eq!(
        kind(d_with_limits(exponents, "x", &limits)),
        ErrorKind::NumberTooLarge { limit: 25 }
    );
    // Machine integers never overflow: they move to big numbers.
    let d = symdiff::d("9223372036854775807*x + 9223372036854775807*x", "x").unwrap();
    assert_eq!(d.to_string(), "18446744073709551614");
    let d = symdiff::d("-9223372036854775808*x^2", "x").unwrap();
    assert_eq!(d.to_string(), "-18446744073709551616*x");
}

#[test]
fn zero_powers_and_divisions() {
    assert_eq!(parse("0^0").unwrap(), Expr::int(1));
    assert_eq!(parse("x^0").unwrap(), Expr::int(1));
    assert_eq!(parse("0^2").unwrap(), Expr::int(0));
    for input in ["0^-1", "1/0", "x/(x - x)", "0^(-1/2)", "0⁻¹", "(1-1)^-2"] {
        assert_eq!(
            parse(input).unwrap_err().kind,
            ErrorKind::DivisionByZero,
            "{input}"
        );
    }
    // A zero only known at a point is an evaluation matter, as IEEE says.
    let e = parse("1/x").unwrap();
    assert_eq!(
        e.eval(&[("x", 0.0)]),
        Err(symdiff::EvalError::DivisionByZero)
    );
    assert_eq!(
        e.eval(&[("x", -0.0)]),
        Err(symdiff::EvalError::DivisionByZero)
    );
    // Near zero, the value overflows to infinity.
    assert_eq!(e.eval(&[("x", 1e-320)]).unwrap(), f64::INFINITY);
    assert_eq!(
        parse("x^-2").unwrap().eval(&[("x", -1e-200)]).unwrap(),
        f64::INFINITY
    );
    let e = parse("x^(-1/2)").unwrap();
    assert_eq!(e.eval(&[("x", 1e-320)]).unwrap(), 1.0 / 1e-320f64.sqrt());
}

#[test]
fn logarithm_and_roots_outside_the_domain_stay_symbolic() {
    let e = parse("ln(0)").unwrap();
    assert_eq!(e.to_string(), "ln(0)");
    assert_eq!(e.eval(&[]).unwrap(), f64::NEG_INFINITY);
    let e = parse("sqrt(-1)").unwrap();
    assert_eq!(e.to_string(), "sqrt(-1)");
    assert!(e.eval(&[]).unwrap().is_nan());
    let err = parse("ln(x)").unwrap().eval(&[("x", -1.0)]).unwrap_err();
    assert_eq!(err.to_string(), "ln(-1) is undefined over the reals");
    // 0^x is 0 wherever it is defined (x > 0), and so is its slope.
    let d = symdiff::d("0^x", "x").unwrap();
    assert_eq!(d.to_string(), "0");
}

#[test]
fn evaluation_near_singularities_follows_ieee() {
    let tan = parse("tan(x)").unwrap();
    assert!(tan.eval(&[("x", std::f64::consts::FRAC_PI_2)]).unwrap() > 1e15);
    let e = parse("exp(x)").unwrap();
    assert_eq!(e.eval(&[("x", 1000.0)]).unwrap(), f64::INFINITY);
    assert_eq!(e.eval(&[("x", -1000.0)]).unwrap(), 0.0);
    let e = parse("ln(x)").unwrap();
    assert_eq!(e.eval(&[("x", 0.0)]).unwrap(), f64::NEG_INFINITY);
    assert!(e.eval(&[("x", f64::NAN)]).unwrap().is_nan());
    let e = parse("x*ln(x)").unwrap();
    assert!(e.eval(&[("x", f64::INFINITY)]).unwrap().is_infinite());
}
