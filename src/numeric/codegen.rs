//! Code generation: a self-contained Rust or C function computing results,
//! with every shared subexpression computed once (the expression DAG in
//! topological order, one local per compound node).

use crate::expr::natural_cmp;
use crate::expr::{walk, Constant, Expr, Node};
use crate::functions::{kernels, Code, FunctionDef};
use crate::numeric::Exponent;
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// The language of generated code.
///
/// ```
/// assert_eq!(symdiff::numeric::codegen::Language::C.name(), "c");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// A Rust function over `f64` (uses the `libm` crate only where `erf`,
    /// `erfc`, `gamma` or `lgamma` appear).
    Rust,
    /// A C99 function over `double`, using `<math.h>`.
    C,
}

impl Language {
    /// The name as given on the command line.
    ///
    /// ```
    /// assert_eq!(symdiff::numeric::codegen::Language::Rust.name(), "rust");
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
/// use symdiff::{numeric::codegen::{emit, Language}, parse, Expr};
/// let f = parse("sin(x)^2 + sin(x)").unwrap();
/// let code = emit(&[f], &[Expr::symbol("x")], Language::Rust, "f");
/// assert_eq!(code.matches(".sin()").count(), 1); // sin(x) computed once
/// assert!(code.contains("pub fn f(input: &[f64; 1]) -> [f64; 1]"));
/// ```
pub fn emit(outputs: &[Expr], inputs: &[Expr], language: Language, name: &str) -> String {
    let input_names: Vec<String> = (0..inputs.len()).map(|i| format!("input[{i}]")).collect();
    let code = hoist(outputs, inputs, &input_names, &language);
    let mut body = String::new();
    for (local, value) in &code.locals {
        let _ = match language {
            Language::Rust => writeln!(body, "    let {local} = {value};"),
            Language::C => writeln!(body, "    const double {local} = {value};"),
        };
    }
    let kernels: String = code
        .kernels
        .iter()
        .filter_map(|n| match language {
            Language::Rust => kernels::rust_source(n),
            Language::C => kernels::c_source(n),
        })
        .map(|src| src + "\n")
        .collect();
    let results = code.results;
    let header = header(inputs, outputs.len(), &code.missing);
    match language {
        Language::Rust => format!(
            "{header}{kernels}pub fn {name}(input: &[f64; {n}]) -> [f64; {m}] {{\n{body}    [{results}]\n}}\n",
            n = inputs.len(),
            m = outputs.len(),
            results = results.join(", "),
        ),
        Language::C => {
            let stores: String = results
                .iter()
                .enumerate()
                .map(|(i, r)| format!("    output[{i}] = {r};\n"))
                .collect();
            format!(
                "{header}#include <math.h>\n\n{kernels}void {name}(const double *input, double *output) {{\n{body}{stores}}}\n"
            )
        }
    }
}

/// How one target language writes the pieces of straight-line code.
pub(crate) trait Target {
    /// A number literal that reads back as the same double.
    fn number(&self, v: f64) -> String;
    /// Not a number: a variable that is not an input, an undefined function.
    fn nan(&self) -> String;
    /// `base^exp`, `exp_code` being the exponent's code.
    fn power(&self, base: &str, exp: &Expr, exp_code: &str) -> String;
    /// The function's code in this language.
    fn code<'a>(&self, def: &'a FunctionDef) -> &'a Code;
    /// A call of the function on `args` (already code).
    fn call(&self, def: &FunctionDef, args: &[String]) -> String {
        self.code(def).call(args)
    }
    /// A name for the `k`-th local.
    fn local(&self, k: usize) -> String;
}

/// Straight-line code: one local per compound node of the outputs, in
/// topological order, so each shared subexpression is computed once.
pub(crate) struct Hoisted {
    /// `(local, code)` in the order they are computed.
    pub locals: Vec<(String, String)>,
    /// Each output's code: a local, an input or a literal.
    pub results: Vec<String>,
    /// Variables that are not inputs (NaN in the code), sorted, once each.
    pub missing: Vec<String>,
    /// The kernels the calls use, each once, in the order first met.
    pub kernels: Vec<&'static str>,
}

/// The DAG of `outputs` as straight-line code of `target`, with the
/// variables `inputs` written as `input_names`.
pub(crate) fn hoist(
    outputs: &[Expr],
    inputs: &[Expr],
    input_names: &[String],
    target: &impl Target,
) -> Hoisted {
    let mut names: FxHashMap<Expr, String> = FxHashMap::default();
    for (v, name) in inputs.iter().zip(input_names) {
        names.insert(v.clone(), name.clone());
    }
    let mut locals = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut kernels: Vec<&'static str> = Vec::new();
    for e in walk::topological(outputs) {
        if names.contains_key(&e) {
            continue;
        }
        let code = match e.node() {
            Node::Num(n) => target.number(n.to_f64()),
            Node::Const(Constant::Pi) => target.number(std::f64::consts::PI),
            Node::Const(Constant::E) => target.number(std::f64::consts::E),
            Node::Sym(s) => {
                missing.push(s.to_string());
                target.nan()
            }
            _ => {
                if let Node::Call(f, _) = e.node() {
                    for k in f.def().map_or(&[][..], |d| target.code(d).kernels) {
                        if !kernels.contains(k) {
                            kernels.push(k);
                        }
                    }
                }
                operation(&e, &names, target)
            }
        };
        let name = if e.args().is_empty() {
            code
        } else {
            let local = target.local(locals.len());
            locals.push((local.clone(), code));
            local
        };
        names.insert(e, name);
    }
    let results = outputs
        .iter()
        .map(|o| names.get(o).cloned().unwrap_or_else(|| target.nan()))
        .collect();
    missing.sort_by(|a, b| natural_cmp(a, b));
    missing.dedup();
    Hoisted {
        locals,
        results,
        missing,
        kernels,
    }
}

impl Target for Language {
    fn number(&self, v: f64) -> String {
        float(v, *self)
    }

    fn nan(&self) -> String {
        nan(*self).into()
    }

    fn power(&self, base: &str, exp: &Expr, exp_code: &str) -> String {
        power(base, exp, exp_code, *self)
    }

    fn code<'a>(&self, def: &'a FunctionDef) -> &'a Code {
        match self {
            Language::Rust => &def.rust,
            Language::C => &def.c,
        }
    }

    fn local(&self, k: usize) -> String {
        format!("t{k}")
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

fn operation(e: &Expr, names: &FxHashMap<Expr, String>, target: &impl Target) -> String {
    let arg = |x: &Expr| names.get(x).cloned().unwrap_or_else(|| target.nan());
    let args: Vec<String> = e.args().iter().map(arg).collect();
    match e.node() {
        Node::Add(_) => args.join(" + "),
        Node::Mul(_) => args.join(" * "),
        Node::Pow([_, exp]) => target.power(&args[0], exp, &args[1]),
        Node::Call(f, _) => match f.def() {
            Some(def) => target.call(def, &args),
            None => target.nan(),
        },
        Node::Num(_) | Node::Const(_) | Node::Sym(_) => args.join(""),
    }
}

fn power(base: &str, exp: &Expr, exp_code: &str, language: Language) -> String {
    match (language, Exponent::of(exp)) {
        (_, Exponent::Integer(2)) => format!("{base} * {base}"),
        (_, Exponent::Integer(-1)) => format!("1.0 / {base}"),
        (Language::Rust, Exponent::Integer(k)) => format!("{base}.powi({k})"),
        (Language::Rust, Exponent::Sqrt) => format!("{base}.sqrt()"),
        (Language::Rust, Exponent::RecipSqrt) => format!("1.0 / {base}.sqrt()"),
        (Language::Rust, _) => format!("{base}.powf({exp_code})"),
        (Language::C, Exponent::Sqrt) => format!("sqrt({base})"),
        (Language::C, Exponent::RecipSqrt) => format!("1.0 / sqrt({base})"),
        (Language::C, _) => format!("pow({base}, {exp_code})"),
    }
}
