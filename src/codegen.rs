//! Code generation: a self-contained Rust or C function computing results,
//! with every shared subexpression computed once (the expression DAG in
//! topological order, one local per compound node).

use crate::expr::{walk, Constant, Expr, Func, Node};
use crate::print::natural_cmp;
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// The language of generated code.
///
/// ```
/// assert_eq!(symdiff::codegen::Language::C.name(), "c");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// A Rust function over `f64` (uses the `libm` crate only if `erf` appears).
    Rust,
    /// A C99 function over `double`, using `<math.h>`.
    C,
}

impl Language {
    /// The name as given on the command line.
    ///
    /// ```
    /// assert_eq!(symdiff::codegen::Language::Rust.name(), "rust");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::C => "c",
        }
    }
}

/// A function named `name` computing `outputs` from `inputs` (in that
/// order): `fn name(input: &[f64; N]) -> [f64; M]` in Rust,
/// `void name(const double *input, double *output)` in C.
///
/// ```
/// use symdiff::{codegen::{emit, Language}, parse, Expr};
/// let f = parse("sin(x)^2 + sin(x)").unwrap();
/// let code = emit(&[f], &[Expr::symbol("x")], Language::Rust, "f");
/// assert_eq!(code.matches(".sin()").count(), 1); // sin(x) computed once
/// assert!(code.contains("pub fn f(input: &[f64; 1]) -> [f64; 1]"));
/// ```
pub fn emit(outputs: &[Expr], inputs: &[Expr], language: Language, name: &str) -> String {
    let mut inputs_named: FxHashMap<Expr, String> = FxHashMap::default();
    for (i, v) in inputs.iter().enumerate() {
        inputs_named.insert(v.clone(), format!("input[{i}]"));
    }
    // Shared by the walk's two callbacks: `enter` skips what is named.
    let names = std::cell::RefCell::new(inputs_named);
    let mut body = String::new();
    let mut count = 0usize;
    let mut missing: Vec<String> = Vec::new();
    for out in outputs {
        walk::postorder(
            out,
            |e| !names.borrow().contains_key(e),
            |e| {
                let code = match e.node() {
                    Node::Num(n) => float(n.to_f64(), language),
                    Node::Const(Constant::Pi) => float(std::f64::consts::PI, language),
                    Node::Const(Constant::E) => float(std::f64::consts::E, language),
                    Node::Sym(s) => {
                        missing.push(s.to_string());
                        nan(language).to_string()
                    }
                    _ => operation(e, &names.borrow(), language),
                };
                let name = if e.args().is_empty() {
                    code
                } else {
                    let local = format!("t{count}");
                    count += 1;
                    let _ = match language {
                        Language::Rust => writeln!(body, "    let {local} = {code};"),
                        Language::C => writeln!(body, "    const double {local} = {code};"),
                    };
                    local
                };
                names.borrow_mut().insert(e.clone(), name);
            },
        );
    }
    let names = names.into_inner();
    let results: Vec<String> = outputs
        .iter()
        .map(|o| {
            names
                .get(o)
                .cloned()
                .unwrap_or_else(|| nan(language).into())
        })
        .collect();
    missing.sort_by(|a, b| natural_cmp(a, b));
    missing.dedup();
    let header = header(inputs, outputs.len(), &missing);
    match language {
        Language::Rust => format!(
            "{header}pub fn {name}(input: &[f64; {n}]) -> [f64; {m}] {{\n{helpers}{body}    [{results}]\n}}\n",
            n = inputs.len(),
            m = outputs.len(),
            helpers = if body.contains("sign(") {
                "    let sign = |v: f64| if v > 0.0 { 1.0 } else if v < 0.0 { -1.0 } else { v * 0.0 };\n"
            } else {
                ""
            },
            results = results.join(", "),
        ),
        Language::C => {
            let stores: String = results
                .iter()
                .enumerate()
                .map(|(i, r)| format!("    output[{i}] = {r};\n"))
                .collect();
            let sign = if body.contains("sign(") {
                "static double sign(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : v * 0.0; }\n\n"
            } else {
                ""
            };
            format!(
                "{header}#include <math.h>\n\n{sign}void {name}(const double *input, double *output) {{\n{body}{stores}}}\n"
            )
        }
    }
}

fn header(inputs: &[Expr], outputs: usize, missing: &[String]) -> String {
    // Both languages read `//` comments (C since C99).
    let comment = "//";
    let names: Vec<String> = inputs.iter().map(Expr::to_string).collect();
    let mut h = format!(
        "{comment} Generated by symdiff: {outputs} output(s) from input = [{}].\n",
        names.join(", ")
    );
    if !missing.is_empty() {
        let _ = writeln!(
            h,
            "{comment} Not among the inputs, so NaN: {}.",
            missing.join(", ")
        );
    }
    h
}

fn nan(language: Language) -> &'static str {
    match language {
        Language::Rust => "f64::NAN",
        Language::C => "NAN",
    }
}

/// A literal that reads back as the same double, typed in Rust so that
/// methods resolve (`2.0_f64.sqrt()`), parenthesized when negative so that
/// `(-3.0_f64).powi(2)` keeps its meaning.
fn float(v: f64, language: Language) -> String {
    let suffix = match language {
        Language::Rust => "_f64",
        Language::C => "",
    };
    if !v.is_finite() {
        nan(language).into()
    } else if v < 0.0 {
        format!("({v:?}{suffix})")
    } else {
        format!("{v:?}{suffix}")
    }
}

fn operation(e: &Expr, names: &FxHashMap<Expr, String>, language: Language) -> String {
    let arg = |x: &Expr| {
        names
            .get(x)
            .cloned()
            .unwrap_or_else(|| nan(language).into())
    };
    let args: Vec<String> = e.args().iter().map(arg).collect();
    match e.node() {
        Node::Add(_) => args.join(" + "),
        Node::Mul(_) => args.join(" * "),
        Node::Pow([_, exp]) => power(&args[0], exp, &args[1], language),
        Node::Call(f, _) => call(f, &args, language),
        Node::Num(_) | Node::Const(_) | Node::Sym(_) => args.join(""),
    }
}

fn power(base: &str, exp: &Expr, exp_code: &str, language: Language) -> String {
    let value = exp.as_number().map(|n| n.to_f64());
    let integer = exp
        .as_number()
        .and_then(|n| n.to_i64())
        .and_then(|k| i32::try_from(k).ok());
    match (language, integer, value) {
        (_, Some(2), _) => format!("{base} * {base}"),
        (_, Some(-1), _) => format!("1.0 / {base}"),
        (Language::Rust, Some(k), _) => format!("{base}.powi({k})"),
        (Language::Rust, _, Some(0.5)) => format!("{base}.sqrt()"),
        (Language::Rust, _, Some(-0.5)) => format!("1.0 / {base}.sqrt()"),
        (Language::Rust, _, _) => format!("{base}.powf({exp_code})"),
        (Language::C, _, Some(0.5)) => format!("sqrt({base})"),
        (Language::C, _, Some(-0.5)) => format!("1.0 / sqrt({base})"),
        (Language::C, _, _) => format!("pow({base}, {exp_code})"),
    }
}

fn call(f: &Func, args: &[String], language: Language) -> String {
    let Some(a) = args.first() else {
        return nan(language).into();
    };
    let (rust, c) = match f {
        Func::Sin => ("sin", "sin"),
        Func::Cos => ("cos", "cos"),
        Func::Tan => ("tan", "tan"),
        Func::Asin => ("asin", "asin"),
        Func::Acos => ("acos", "acos"),
        Func::Atan => ("atan", "atan"),
        Func::Sinh => ("sinh", "sinh"),
        Func::Cosh => ("cosh", "cosh"),
        Func::Tanh => ("tanh", "tanh"),
        Func::Asinh => ("asinh", "asinh"),
        Func::Acosh => ("acosh", "acosh"),
        Func::Atanh => ("atanh", "atanh"),
        Func::Exp => ("exp", "exp"),
        Func::Ln => ("ln", "log"),
        Func::Cbrt => ("cbrt", "cbrt"),
        Func::Abs => ("abs", "fabs"),
        Func::Sec => return reciprocal(a, "cos", language),
        Func::Csc => return reciprocal(a, "sin", language),
        Func::Cot => return reciprocal(a, "tan", language),
        Func::Sign => return format!("sign({a})"),
        Func::Erf => {
            return match language {
                Language::Rust => format!("libm::erf({a})"),
                Language::C => format!("erf({a})"),
            }
        }
        Func::Undefined(_) => return nan(language).into(),
    };
    match language {
        Language::Rust => format!("{a}.{rust}()"),
        Language::C => format!("{c}({a})"),
    }
}

fn reciprocal(a: &str, func: &str, language: Language) -> String {
    match language {
        Language::Rust => format!("1.0 / {a}.{func}()"),
        Language::C => format!("1.0 / {func}({a})"),
    }
}
