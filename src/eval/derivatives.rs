//! Numbers out of derivatives, honest about where there are none: outside
//! the real domain of the function, and where it is not differentiable.

use super::{compile_in, EvalError, Kink, Kinks, Tape};
use crate::expr::Expr;
use std::fmt;

/// Why a derivative has no value at a point.
///
/// ```
/// use symdiff::eval::{Derivatives, NoValue};
/// use symdiff::{parse, Expr};
/// let (f, x) = (parse("abs(x)").unwrap(), Expr::symbol("x"));
/// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
/// let err = d.at(&[0.0]).unwrap_err();
/// assert!(matches!(err, NoValue::NotDifferentiable(_)));
/// assert_eq!(err.to_string(), "abs(x) is not differentiable where x = 0");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum NoValue {
    /// A function or derivative left its real domain, or a value is missing.
    Eval(EvalError),
    /// The function is not differentiable there.
    NotDifferentiable(Kink),
}

impl fmt::Display for NoValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoValue::Eval(e) => e.fmt(f),
            NoValue::NotDifferentiable(k) => k.fmt(f),
        }
    }
}

/// Derivatives of some functions compiled together with the functions
/// themselves, so that each value is checked against both.
///
/// ```
/// use symdiff::{eval::Derivatives, parse, Expr};
/// let (f, x) = (parse("ln(x)").unwrap(), Expr::symbol("x"));
/// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
/// assert_eq!(d.at(&[2.0]).unwrap(), vec![0.5]);
/// // 1/x has a value at -1, but ln(x) has none, so neither has its slope:
/// assert_eq!(d.at(&[-1.0]).unwrap_err().to_string(), "ln(-1) is undefined over the reals");
/// let (values, _) = d.batch(&[&[-1.0, 2.0]]);
/// assert!(values[0][0].is_nan());
/// ```
#[derive(Clone, Debug)]
pub struct Derivatives {
    tape: Tape,
    functions: usize,
    orders: Vec<usize>,
    kinks: Kinks,
}

impl Derivatives {
    /// `outputs` are derivatives of `functions`, each with its order
    /// (0 for a function value itself), taken by the variables
    /// `differentiated`; points are given in the variables `inputs`.
    ///
    /// ```
    /// use symdiff::{eval::Derivatives, hessian, parse, Expr};
    /// let vars = [Expr::symbol("x"), Expr::symbol("y")];
    /// let f = parse("x^2*y").unwrap();
    /// let h: Vec<_> = hessian(&f, &vars).entries().iter().map(|e| (e.clone(), 2)).collect();
    /// let d = Derivatives::new(&[f], &h, &vars, &vars);
    /// assert_eq!(d.at(&[1.0, 3.0]).unwrap(), vec![6.0, 2.0, 2.0, 0.0]);
    /// ```
    pub fn new(
        functions: &[Expr],
        outputs: &[(Expr, usize)],
        differentiated: &[Expr],
        inputs: &[Expr],
    ) -> Derivatives {
        let all: Vec<Expr> = functions
            .iter()
            .chain(outputs.iter().map(|(e, _)| e))
            .cloned()
            .collect();
        Derivatives {
            tape: compile_in(&all, inputs),
            functions: functions.len(),
            orders: outputs.iter().map(|&(_, k)| k).collect(),
            kinks: Kinks::find(functions, differentiated).over(inputs),
        }
    }

    /// The outputs at one point, or why they have no value there.
    ///
    /// ```
    /// use symdiff::{eval::Derivatives, parse, Expr};
    /// let (f, x) = (parse("cbrt(x)").unwrap(), Expr::symbol("x"));
    /// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
    /// assert!(d.at(&[0.0]).is_err());
    /// assert_eq!(d.at(&[8.0]).unwrap(), vec![1.0 / 12.0]);
    /// ```
    pub fn at(&self, point: &[f64]) -> Result<Vec<f64>, NoValue> {
        if let Some(kink) = self.kinks.first_at(point).filter(|k| self.affects(k)) {
            return Err(NoValue::NotDifferentiable(kink.clone()));
        }
        let values = self.tape.eval_checked(point).map_err(NoValue::Eval)?;
        Ok(values[self.functions..].to_vec())
    }

    /// The outputs at many points (`columns[i][p]` the value of input `i`
    /// at point `p`; the result's `[k][p]` output `k` there), NaN where
    /// a function has no finite value or is not differentiable; beside
    /// them, the non-smooth part that made a point's values NaN.
    ///
    /// ```
    /// use symdiff::{eval::Derivatives, parse, Expr};
    /// let (f, x) = (parse("abs(x)").unwrap(), Expr::symbol("x"));
    /// let d = Derivatives::new(&[f.clone()], &[(f.clone(), 0), (f.diff(&x), 1)], &[x.clone()], &[x]);
    /// let (values, kinks) = d.batch(&[&[-2.0, 0.0]]);
    /// assert_eq!(values[0], vec![2.0, 0.0]); // |x| itself is fine at 0
    /// assert_eq!(values[1][0], -1.0);
    /// assert!(values[1][1].is_nan() && kinks[1].is_some());
    /// ```
    pub fn batch(&self, columns: &[&[f64]]) -> (Vec<Vec<f64>>, Vec<Option<Kink>>) {
        let mut all = self.tape.eval_batch(columns);
        let outputs = all.split_off(self.functions);
        let mut values = outputs;
        let kinks: Vec<Option<Kink>> = self
            .kinks
            .first(columns)
            .into_iter()
            .map(|k| k.filter(|k| self.affects(k)).cloned())
            .collect();
        for (p, kink) in kinks.iter().enumerate() {
            let undefined = all.iter().any(|f| !f[p].is_finite());
            for (column, &order) in values.iter_mut().zip(&self.orders) {
                let kinked = kink.as_ref().is_some_and(|k| k.order <= order);
                if undefined || kinked {
                    column[p] = f64::NAN;
                }
            }
        }
        (values, kinks)
    }

    /// Whether some output is a derivative the non-smooth part spoils.
    fn affects(&self, kink: &Kink) -> bool {
        self.orders.iter().any(|&o| kink.order <= o)
    }
}
