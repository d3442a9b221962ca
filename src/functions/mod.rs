//! The functions an expression can call.

use std::fmt;
use std::sync::Arc;

/// A function that can appear in a [`crate::Expr`] call.
///
/// `sqrt` is not here: it is the power `u^(1/2)`, so that `sqrt(x)^2 = x`
/// and the power rule covers it. `log` is read as [`Func::Ln`].
///
/// ```
/// use symdiff::Func;
/// assert_eq!(Func::from_name("log"), Some(Func::Ln));
/// assert_eq!(Func::Sin.name(), "sin");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    /// The sine.
    Sin,
    /// The cosine.
    Cos,
    /// The tangent.
    Tan,
    /// The secant, 1/cos.
    Sec,
    /// The cosecant, 1/sin.
    Csc,
    /// The cotangent, 1/tan.
    Cot,
    /// The inverse sine (arcsine).
    Asin,
    /// The inverse cosine (arccosine).
    Acos,
    /// The inverse tangent (arctangent).
    Atan,
    /// The hyperbolic sine.
    Sinh,
    /// The hyperbolic cosine.
    Cosh,
    /// The hyperbolic tangent.
    Tanh,
    /// The inverse hyperbolic sine.
    Asinh,
    /// The inverse hyperbolic cosine.
    Acosh,
    /// The inverse hyperbolic tangent.
    Atanh,
    /// The exponential, e^u.
    Exp,
    /// The natural logarithm (`log` reads as `ln`).
    Ln,
    /// The real cube root.
    Cbrt,
    /// The absolute value.
    Abs,
    /// The sign: -1, 0 or 1.
    Sign,
    /// The error function.
    Erf,
    /// A function the engine knows nothing about, such as `f(u)`, or one of
    /// its derivatives (`f'(u)`, `g'[1,2](u, v)`).
    Undefined(Arc<UndefinedFunc>),
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

/// Every named function, in the order the derivative table lists them.
pub const KNOWN_FUNCTIONS: &[(&str, Func)] = &[
    ("sin", Func::Sin),
    ("cos", Func::Cos),
    ("tan", Func::Tan),
    ("sec", Func::Sec),
    ("csc", Func::Csc),
    ("cot", Func::Cot),
    ("asin", Func::Asin),
    ("acos", Func::Acos),
    ("atan", Func::Atan),
    ("sinh", Func::Sinh),
    ("cosh", Func::Cosh),
    ("tanh", Func::Tanh),
    ("asinh", Func::Asinh),
    ("acosh", Func::Acosh),
    ("atanh", Func::Atanh),
    ("exp", Func::Exp),
    ("ln", Func::Ln),
    ("log", Func::Ln),
    ("cbrt", Func::Cbrt),
    ("abs", Func::Abs),
    ("sign", Func::Sign),
    ("erf", Func::Erf),
];

impl Func {
    /// The known function called `name`, if any (`sqrt` is a power, not a
    /// `Func`).
    ///
    /// ```
    /// assert_eq!(symdiff::Func::from_name("sinh"), Some(symdiff::Func::Sinh));
    /// assert_eq!(symdiff::Func::from_name("sinn"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Func> {
        KNOWN_FUNCTIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f.clone())
    }

    /// The name as printed (`ln` for the natural log).
    ///
    /// ```
    /// assert_eq!(symdiff::Func::Ln.name(), "ln");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Func::Undefined(u) => &u.name,
            known => KNOWN_FUNCTIONS
                .iter()
                .find(|(_, f)| f == known)
                .map_or("?", |(n, _)| n),
        }
    }

    /// A small stable number for hashing and ordering.
    pub(crate) fn tag(&self) -> u8 {
        match self {
            Func::Undefined(_) => 255,
            known => KNOWN_FUNCTIONS
                .iter()
                .position(|(_, f)| f == known)
                .map_or(254, |p| p as u8),
        }
    }
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The known name closest to `name` when it is probably a typo of it
/// (edit distance 1 or 2, and less than half the name), for "did you mean".
///
/// ```
/// assert_eq!(symdiff::functions::suggest("sinn"), Some("sin"));
/// assert_eq!(symdiff::functions::suggest("f"), None);
/// ```
pub fn suggest(name: &str) -> Option<&'static str> {
    let names = KNOWN_FUNCTIONS.iter().map(|(n, _)| *n).chain(["sqrt"]);
    names
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
