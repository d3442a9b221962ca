//! The function registry: everything symdiff knows about a function, in one
//! declaration ([`FunctionDef`]) per function.
//!
//! A declaration gives the names, the arity, the derivative by each
//! argument, the f64 evaluation, the Rust and C code, the LaTeX, the domain
//! and differentiability requirements, the parity, the exact values, and a
//! stable tag. Every field is required, so a declaration that leaves one out
//! does not compile; the differentiator, the evaluator, the code generator,
//! the printers, the conditions and the parser all read the registry and
//! have no per-function code of their own. Sugar (`sqrt`, `log2`,
//! `log(x, b)`) is a declared rewrite ([`Sugar`]) into registered functions.
//!
//! The declarations live beside their kin: [`trig`], [`hyperbolic`],
//! [`exp_log`], [`piecewise`], [`learning`] and [`special`].

mod declare;
pub mod domain;
mod exp_log;
mod hyperbolic;
pub mod identity;
pub mod kernels;
mod learning;
mod piecewise;
mod powers;
mod special;
mod sugar;
mod trig;

pub use sugar::{Sugar, SUGAR};

use crate::expr::Expr;
use domain::Requirement;
use std::fmt;
use std::sync::Arc;

/// How many arguments a function takes.
///
/// ```
/// use symdiff::functions::Arity;
/// assert!(Arity::AtLeast(1).admits(3) && !Arity::Exactly(2).admits(3));
/// assert_eq!(Arity::Exactly(2).to_string(), "2 arguments");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// Exactly this many.
    Exactly(usize),
    /// This many or more (`max`, `min`, `logsumexp`).
    AtLeast(usize),
}

impl Arity {
    /// Whether a call with `n` arguments is well-formed.
    ///
    /// ```
    /// assert!(symdiff::functions::Arity::Exactly(1).admits(1));
    /// ```
    pub fn admits(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k,
            Arity::AtLeast(k) => n >= k,
        }
    }
}

impl fmt::Display for Arity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, k) = match self {
            Arity::Exactly(k) => ("", k),
            Arity::AtLeast(k) => ("at least ", k),
        };
        let plural = if *k == 1 { "" } else { "s" };
        write!(f, "{prefix}{k} argument{plural}")
    }
}

/// How a function is computed over f64.
///
/// ```
/// use symdiff::functions::Eval;
/// let Eval::Fold(max) = symdiff::Func::Max.def().unwrap().eval else { panic!() };
/// assert_eq!(max(1.0, 2.0), 2.0);
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Eval {
    /// A function of one argument.
    Unary(fn(f64) -> f64),
    /// A function of two arguments.
    Binary(fn(f64, f64) -> f64),
    /// An associative function of two arguments, applied left to right
    /// over any number of them (`max(a, b, c) = max(max(a, b), c)`).
    Fold(fn(f64, f64) -> f64),
}

/// The code of a call in one target language: a template in which `{0}`,
/// `{1}` stand for the arguments, and the kernels it calls (functions of
/// [`kernels`], emitted once before the generated function). An n-ary
/// ([`Eval::Fold`]) function's template is its two-argument form, applied
/// left to right.
///
/// ```
/// let c = &symdiff::Func::Sec.def().unwrap().c;
/// assert_eq!(c.call(&["x".to_string()]), "1.0 / cos(x)");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Code {
    /// The call, `{0}`, `{1}` standing for the arguments.
    pub template: &'static str,
    /// The kernels the call uses, by name.
    pub kernels: &'static [&'static str],
}

impl Code {
    /// A call needing no kernel.
    pub(crate) const fn plain(template: &'static str) -> Code {
        Code {
            template,
            kernels: &[],
        }
    }

    /// A call of the kernel `name`, which it needs.
    pub(crate) const fn kernel(template: &'static str, name: &'static [&'static str]) -> Code {
        Code {
            template,
            kernels: name,
        }
    }

    /// The call on `args` (already code), folded left to right when there
    /// are more arguments than the template names.
    ///
    /// ```
    /// let rust = &symdiff::Func::Max.def().unwrap().rust;
    /// let args = ["a".to_string(), "b".to_string(), "c".to_string()];
    /// assert_eq!(rust.call(&args), "max(max(a, b), c)");
    /// ```
    pub fn call(&self, args: &[String]) -> String {
        let fill = |a: &str, b: &str| self.template.replace("{0}", a).replace("{1}", b);
        match args {
            [] => String::new(),
            [a] => fill(a, ""),
            [a, rest @ ..] => rest.iter().fold(a.clone(), |acc, b| fill(&acc, b)),
        }
    }
}

/// How a call is written in LaTeX.
///
/// ```
/// use symdiff::functions::Latex;
/// assert!(matches!(symdiff::Func::Sin.def().unwrap().latex, Latex::Operator(r"\sin")));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Latex {
    /// An operator name before parenthesized arguments, taking a power on
    /// the name: `\sin^{2}\left(x\right)`.
    Operator(&'static str),
    /// The (single) argument between two pieces: `e^{x}`, `\left|x\right|`.
    Wrap(&'static str, &'static str),
}

/// Whether `f(-u)` is `-f(u)`, `f(u)`, or neither.
///
/// ```
/// use symdiff::functions::Parity;
/// assert_eq!(symdiff::Func::Cos.def().unwrap().parity, Parity::Even);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parity {
    /// `f(-u) = -f(u)`.
    Odd,
    /// `f(-u) = f(u)`.
    Even,
    /// Neither (or a function of several arguments).
    Neither,
}

/// What is known of a function's values everywhere it is defined, for the
/// conditions (`exp(u) > 0` always holds, so it is no condition).
///
/// ```
/// use symdiff::functions::Values;
/// assert_eq!(symdiff::Func::Exp.def().unwrap().values, Values::Positive);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Always above 0.
    Positive,
    /// Never below 0.
    NonNegative,
    /// Any sign.
    Real,
}

/// Everything symdiff knows about one function. Every field is required.
///
/// ```
/// use symdiff::{parse, Func};
/// let ln = Func::Ln.def().unwrap();
/// assert_eq!(ln.name, "ln");
/// let u = parse("2*x").unwrap();
/// assert_eq!((ln.derivative)(&[u.clone()], 0), parse("1/(2*x)").unwrap());
/// ```
#[derive(Debug)]
pub struct FunctionDef {
    /// A number that identifies the function in hashes and hence in the
    /// canonical order of expressions. Never changed or reused: adding a
    /// function must not reorder existing results.
    pub tag: u8,
    /// The name it prints as.
    pub name: &'static str,
    /// Other names it is read from (`log` for `ln`).
    pub aliases: &'static [&'static str],
    /// What it is, in a few words (README's function table).
    pub summary: &'static str,
    /// How many arguments it takes.
    pub arity: Arity,
    /// Its partial derivative by argument `k` (0-based), at `args`. For a
    /// function of one argument, `f'(u)` (the chain rule multiplies by `u'`).
    pub derivative: fn(args: &[Expr], k: usize) -> Expr,
    /// Its value over f64: NaN outside its real domain, stable at the edges.
    pub eval: Eval,
    /// Its Rust code (over `f64`).
    pub rust: Code,
    /// Its C code (over `double`, with `<math.h>`).
    pub c: Code,
    /// Its Python code, for every backend of
    /// [`to_python`](crate::numeric::python::to_python): `{m}` stands for
    /// the backend's namespace (`math`, `np`, `jnp`, `torch`), and kernels
    /// come from [`kernels::python_source`].
    pub python: Code,
    /// Its LaTeX.
    pub latex: Latex,
    /// What it requires of its arguments: where it is defined, where it is
    /// differentiable, where its slope is finite.
    pub requires: fn(args: &[Expr]) -> Vec<Requirement>,
    /// Its symmetry (one-argument functions).
    pub parity: Parity,
    /// The sign of its values.
    pub values: Values,
    /// Its exact value where it is a simple one (`ln(1) = 0`, `max(2, 3) =
    /// 3`), or `None` to leave the call as it is.
    pub exact: fn(args: &[Expr]) -> Option<Expr>,
    /// Why the arguments are not allowed (`polygamma`'s order must be a
    /// non-negative integer), or `None` when they are.
    pub check: fn(args: &[Expr]) -> Option<&'static str>,
}

/// Declares [`Func`], one variant per registered function, with the map
/// from each variant to its declaration.
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $def:path,)*) => {
        /// A function that can appear in a [`crate::Expr`] call: a
        /// registered one, or an undefined one such as `f(x)`.
        ///
        /// `sqrt` is not here: it is the power `u^(1/2)` ([`SUGAR`]), so
        /// that `sqrt(x)^2 = x` and the power rule covers it.
        ///
        /// ```
        /// use symdiff::Func;
        /// assert_eq!(Func::from_name("log"), Some(Func::Ln));
        /// assert_eq!(Func::Sin.name(), "sin");
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Func {
            $($(#[$doc])* $variant,)*
            /// A function the engine knows nothing about, such as `f(u)`,
            /// or one of its derivatives (`f'(u)`, `g'[1,2](u, v)`).
            Undefined(Arc<UndefinedFunc>),
        }

        impl Func {
            /// The declaration of a registered function (`None` for an
            /// undefined one).
            ///
            /// ```
            /// assert_eq!(symdiff::Func::Exp.def().unwrap().name, "exp");
            /// ```
            pub fn def(&self) -> Option<&'static FunctionDef> {
                match self {
                    $(Func::$variant => Some(&$def),)*
                    Func::Undefined(_) => None,
                }
            }
        }

        /// Every registered function, in the order of README's table.
        pub const REGISTERED: &[Func] = &[$(Func::$variant),*];

        /// The declaration of each of [`REGISTERED`], in the same order.
        const DECLARED: &[&FunctionDef] = &[$(&$def),*];
    };
}

registry! {
    /// The sine.
    Sin => trig::SIN,
    /// The cosine.
    Cos => trig::COS,
    /// The tangent.
    Tan => trig::TAN,
    /// The secant, 1/cos.
    Sec => trig::SEC,
    /// The cosecant, 1/sin.
    Csc => trig::CSC,
    /// The cotangent, 1/tan.
    Cot => trig::COT,
    /// The inverse sine.
    Asin => trig::ASIN,
    /// The inverse cosine.
    Acos => trig::ACOS,
    /// The inverse tangent.
    Atan => trig::ATAN,
    /// The angle of the point (x, y): `atan2(y, x)`.
    Atan2 => trig::ATAN2,
    /// The hyperbolic sine.
    Sinh => hyperbolic::SINH,
    /// The hyperbolic cosine.
    Cosh => hyperbolic::COSH,
    /// The hyperbolic tangent.
    Tanh => hyperbolic::TANH,
    /// The inverse hyperbolic sine.
    Asinh => hyperbolic::ASINH,
    /// The inverse hyperbolic cosine.
    Acosh => hyperbolic::ACOSH,
    /// The inverse hyperbolic tangent.
    Atanh => hyperbolic::ATANH,
    /// The exponential, e^u.
    Exp => exp_log::EXP,
    /// The natural logarithm.
    Ln => exp_log::LN,
    /// `ln(1 + u)`, exact for small u.
    Log1p => exp_log::LOG1P,
    /// `e^u - 1`, exact for small u.
    Expm1 => exp_log::EXPM1,
    /// The real cube root.
    Cbrt => piecewise::CBRT,
    /// The absolute value.
    Abs => piecewise::ABS,
    /// The sign: -1, 0 or 1.
    Sign => piecewise::SIGN,
    /// The unit step: 0 below 0, 1 above, 0 at 0.
    Heaviside => piecewise::HEAVISIDE,
    /// The largest argument.
    Max => piecewise::MAX,
    /// The smallest argument.
    Min => piecewise::MIN,
    /// `sqrt(x^2 + y^2)` without overflow.
    Hypot => piecewise::HYPOT,
    /// The logistic function 1/(1 + e^-u).
    Sigmoid => learning::SIGMOID,
    /// `ln(1 + e^u)`, the smooth ReLU.
    Softplus => learning::SOFTPLUS,
    /// The rectified linear unit max(u, 0).
    Relu => learning::RELU,
    /// `ln(e^a + e^b + …)` without overflow.
    Logsumexp => learning::LOGSUMEXP,
    /// The error function.
    Erf => special::ERF,
    /// The complementary error function 1 - erf.
    Erfc => special::ERFC,
    /// The gamma function.
    Gamma => special::GAMMA,
    /// The logarithm of the gamma function's absolute value.
    Lgamma => special::LGAMMA,
    /// The digamma function, the derivative of lgamma.
    Digamma => special::DIGAMMA,
    /// The n-th derivative of digamma: `polygamma(n, x)`.
    Polygamma => special::POLYGAMMA,
}

/// An undefined function and the partial derivatives taken of it.
///
/// ```
/// use symdiff::UndefinedFunc;
/// let f = UndefinedFunc::new("f", vec![0, 0]);
/// assert_eq!(f.display_name(1), "f''");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UndefinedFunc {
    /// The name as written.
    pub name: Arc<str>,
    /// The argument positions (0-based, sorted) it has been differentiated
    /// by, one entry per differentiation.
    pub derivatives: Vec<u32>,
}

impl UndefinedFunc {
    /// An undefined function `name` differentiated by the argument positions
    /// in `derivatives` (which are sorted, since partials commute).
    ///
    /// ```
    /// let g = symdiff::UndefinedFunc::new("g", vec![1, 0]);
    /// assert_eq!(g.derivatives, vec![0, 1]);
    /// ```
    pub fn new(name: &str, mut derivatives: Vec<u32>) -> UndefinedFunc {
        derivatives.sort_unstable();
        UndefinedFunc {
            name: name.into(),
            derivatives,
        }
    }

    /// The name as printed for a call with `arity` arguments: primes for one
    /// argument (`f''`), primes with positions for several (`g'[1,2]`).
    ///
    /// ```
    /// let g = symdiff::UndefinedFunc::new("g", vec![0, 1]);
    /// assert_eq!(g.display_name(2), "g'[1,2]");
    /// ```
    pub fn display_name(&self, arity: usize) -> String {
        let mut s = self.name.to_string();
        if self.derivatives.is_empty() {
            return s;
        }
        if arity == 1 {
            s.extend(std::iter::repeat_n('\'', self.derivatives.len()));
        } else {
            let positions: Vec<String> = self
                .derivatives
                .iter()
                .map(|k| (k + 1).to_string())
                .collect();
            s.push_str(&format!("'[{}]", positions.join(",")));
        }
        s
    }
}

impl Func {
    /// The registered function called `name` (or one of its aliases).
    ///
    /// ```
    /// assert_eq!(symdiff::Func::from_name("sinh"), Some(symdiff::Func::Sinh));
    /// assert_eq!(symdiff::Func::from_name("sinn"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Func> {
        let found = BY_NAME.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        Some(REGISTERED[usize::from(BY_NAME[found].1)].clone())
    }

    /// The name as printed (`ln` for the natural log).
    ///
    /// ```
    /// assert_eq!(symdiff::Func::Ln.name(), "ln");
    /// ```
    pub fn name(&self) -> &str {
        match (self, self.def()) {
            (Func::Undefined(u), _) => &u.name,
            (_, Some(def)) => def.name,
            (_, None) => "?",
        }
    }

    /// The number that stands for the function in hashes: the declared
    /// tag, 255 for every undefined function (whose name is hashed too).
    pub(crate) fn tag(&self) -> u8 {
        self.def().map_or(255, |d| d.tag)
    }
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every name a call can use for a registered function or sugar.
///
/// ```
/// let names: Vec<&str> = symdiff::functions::known_names().collect();
/// assert!(names.contains(&"sigmoid") && names.contains(&"sqrt") && names.contains(&"log"));
/// ```
pub fn known_names() -> impl Iterator<Item = &'static str> {
    let registered = REGISTERED
        .iter()
        .filter_map(Func::def)
        .flat_map(|d| std::iter::once(d.name).chain(d.aliases.iter().copied()));
    registered.chain(SUGAR.iter().map(|s| s.name))
}

/// Whether `name` is the name of a registered function or of sugar, so
/// that it cannot be a variable.
///
/// ```
/// assert!(symdiff::functions::is_known_name("log10"));
/// assert!(!symdiff::functions::is_known_name("x"));
/// ```
pub fn is_known_name(name: &str) -> bool {
    Func::from_name(name).is_some() || SUGAR.iter().any(|s| s.name == name)
}

/// Every name and alias of a registered function with its place in
/// [`REGISTERED`], sorted by name. Built by the compiler: the parser looks
/// up every name it reads, and a table built on first use cost a small
/// expression's first parse more than the parse itself.
static BY_NAME: [(&str, u8); NAME_COUNT] = sorted_names();

/// How many names and aliases the registered functions have.
const NAME_COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < DECLARED.len() {
        n += 1 + DECLARED[i].aliases.len();
        i += 1;
    }
    n
};

/// [`BY_NAME`]'s entries, put in order by insertion (a const fn cannot
/// call the library's sort; there are a few dozen names).
const fn sorted_names() -> [(&'static str, u8); NAME_COUNT] {
    let mut table = [("", 0u8); NAME_COUNT];
    let mut filled = 0;
    let mut i = 0;
    while i < DECLARED.len() {
        let def = DECLARED[i];
        let mut a = 0;
        while a <= def.aliases.len() {
            let name = if a == 0 { def.name } else { def.aliases[a - 1] };
            // Insert `name` where it belongs among the `filled` sorted ones.
            let mut at = filled;
            while at > 0 && str_less(name, table[at - 1].0) {
                table[at] = table[at - 1];
                at -= 1;
            }
            table[at] = (name, i as u8);
            filled += 1;
            a += 1;
        }
        i += 1;
    }
    table
}

/// `a < b` in `str`'s order (bytewise), which [`Func::from_name`]'s binary
/// search relies on.
const fn str_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The known name closest to `name` when it is probably a typo of it
/// (edit distance 1 or 2, and less than half the name), for "did you mean".
///
/// ```
/// assert_eq!(symdiff::functions::suggest("sinn"), Some("sin"));
/// assert_eq!(symdiff::functions::suggest("sigmod"), Some("sigmoid"));
/// assert_eq!(symdiff::functions::suggest("f"), None);
/// ```
pub fn suggest(name: &str) -> Option<&'static str> {
    known_names()
        .map(|n| (edit_distance(name, n), n))
        .filter(|&(d, n)| d > 0 && d <= 2 && d * 2 < n.len().max(name.len()))
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// What a call by name reads as.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// The expression it stands for: a registered function's call, or
    /// sugar rewritten.
    Call(Expr),
    /// No function of that name: an undefined function.
    Unknown,
}

/// Why a call by name is not allowed.
///
/// ```
/// use symdiff::functions::{resolve, CallError};
/// assert!(matches!(resolve("max", &[]), Err(CallError::Arity { .. })));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The wrong number of arguments: `expected` says how many it takes.
    Arity {
        /// What it takes (`1 argument`, `at least 1 argument`).
        expected: String,
    },
    /// An argument that is not allowed, and why.
    Argument(&'static str),
}

/// `name(args)` as the registry reads it: sugar rewritten (`sqrt(u) =
/// u^(1/2)`, `log(u, b) = ln(u)/ln(b)`), a registered function called, or
/// [`Resolved::Unknown`] for a name it does not know.
///
/// ```
/// use symdiff::functions::{resolve, CallError, Resolved};
/// use symdiff::{parse, Expr};
/// let x = Expr::symbol("x");
/// assert_eq!(resolve("log2", &[x.clone()]), Ok(Resolved::Call(parse("ln(x)/ln(2)").unwrap())));
/// assert_eq!(resolve("log", &[x.clone(), Expr::int(1)]), Err(CallError::Argument("the base must not be 1")));
/// assert_eq!(resolve("f", &[x]), Ok(Resolved::Unknown));
/// ```
pub fn resolve(name: &str, args: &[Expr]) -> Result<Resolved, CallError> {
    if let Some(sugar) = SUGAR
        .iter()
        .find(|s| s.name == name && s.arity.admits(args.len()))
    {
        return (sugar.rewrite)(args).map(Resolved::Call);
    }
    let Some(func) = Func::from_name(name) else {
        return match SUGAR.iter().find(|s| s.name == name) {
            Some(sugar) => Err(CallError::Arity {
                expected: sugar.arity.to_string(),
            }),
            None => Ok(Resolved::Unknown),
        };
    };
    let def = func.def().expect("a registered function has a declaration");
    if !def.arity.admits(args.len()) {
        // `log` is both ln (one argument) and sugar (two): name both.
        let sugar = SUGAR.iter().find(|s| s.name == name);
        let expected = match sugar {
            Some(s) => format!("{} or {}", def.arity, s.arity),
            None => def.arity.to_string(),
        };
        return Err(CallError::Arity { expected });
    }
    if let Some(why) = (def.check)(args) {
        return Err(CallError::Argument(why));
    }
    Ok(Resolved::Call(Expr::call(func, args.to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_unique_and_not_the_undefined_tag() {
        let mut tags: Vec<u8> = REGISTERED.iter().map(Func::tag).collect();
        assert!(!tags.contains(&255));
        tags.sort_unstable();
        let before = tags.len();
        tags.dedup();
        assert_eq!(tags.len(), before, "two functions share a tag");
    }

    #[test]
    fn names_and_aliases_are_unique_across_functions_and_sugar() {
        let mut names: Vec<&str> = REGISTERED
            .iter()
            .filter_map(Func::def)
            .flat_map(|d| std::iter::once(d.name).chain(d.aliases.iter().copied()))
            .collect();
        let before = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), before, "a name is declared twice");
        for sugar in SUGAR {
            // `log` is both: ln by one argument, sugar by two.
            if let Some(f) = Func::from_name(sugar.name) {
                let arity = f.def().unwrap().arity;
                assert!((0..4).all(|n| !(arity.admits(n) && sugar.arity.admits(n))));
            }
        }
    }

    #[test]
    fn every_name_and_alias_finds_its_function() {
        assert!(BY_NAME.windows(2).all(|w| w[0].0 < w[1].0), "not sorted");
        for f in REGISTERED {
            let def = f.def().unwrap();
            for name in std::iter::once(def.name).chain(def.aliases.iter().copied()) {
                assert_eq!(Func::from_name(name).as_ref(), Some(f), "{name}");
            }
        }
        for missing in ["", "si", "sinx", "zzz", "Sin"] {
            assert_eq!(Func::from_name(missing), None, "{missing}");
        }
    }

    #[test]
    fn the_tags_of_the_first_functions_are_those_they_always_had() {
        // Canonical order depends on these; see FunctionDef::tag.
        let old = [
            (Func::Sin, 0),
            (Func::Tan, 2),
            (Func::Atan, 8),
            (Func::Exp, 15),
            (Func::Ln, 16),
            (Func::Cbrt, 18),
            (Func::Erf, 21),
        ];
        for (f, tag) in old {
            assert_eq!(f.tag(), tag, "{f}");
        }
    }
}
