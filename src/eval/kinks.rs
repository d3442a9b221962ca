//! Points where a function is not differentiable, found from its formula.
//!
//! The rule: a function is not differentiable where the argument of one of
//! its non-smooth parts is zero — `abs(u)`, `sign(u)` and `cbrt(u)` (once),
//! and `u^p` for a non-integer `p > 0` (`ceil(p)` times: `sqrt(u)` once,
//! `u^(3/2)` twice) — provided `u` depends on a variable differentiated by.
//! There the derivative's formula may still give a number (`sign(0) = 0`),
//! which would be a silent wrong answer. The argument must be exactly 0
//! in floating point.

use super::{compile_in, Tape};
use crate::expr::{walk, Expr, Func, Node};
use std::fmt;

/// A non-smooth part of a function: `at` has no derivative of order
/// `order` (or higher) where `argument` is 0.
///
/// ```
/// use symdiff::{eval::Kinks, parse, Expr};
/// let kinks = Kinks::find(&[parse("abs(x - 1) + x").unwrap()], &[Expr::symbol("x")]);
/// let k = &kinks.list()[0];
/// assert_eq!((k.at.to_string(), k.argument.to_string(), k.order), ("abs(x - 1)".into(), "x - 1".into(), 1));
/// assert_eq!(k.to_string(), "abs(x - 1) is not differentiable where x - 1 = 0");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kink {
    /// The non-smooth subexpression.
    pub at: Expr,
    /// Its argument, whose zeros are the bad points.
    pub argument: Expr,
    /// The lowest derivative order that does not exist there.
    pub order: usize,
}

impl fmt::Display for Kink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let times = match self.order {
            1 => String::new(),
            2 => " twice".to_string(),
            n => format!(" {n} times"),
        };
        write!(
            f,
            "{} is not differentiable{times} where {} = 0",
            self.at, self.argument
        )
    }
}

/// The non-smooth parts of some functions, with their arguments compiled
/// to test many points at once.
///
/// ```
/// use symdiff::{eval::Kinks, parse, Expr};
/// let kinks = Kinks::find(&[parse("cbrt(x) + abs(y)").unwrap()], &[Expr::symbol("x")]);
/// assert_eq!(kinks.list().len(), 1); // abs(y) is smooth in x
/// ```
#[derive(Clone, Debug)]
pub struct Kinks {
    list: Vec<Kink>,
    arguments: Tape,
}

impl Kinks {
    /// The non-smooth parts of `functions` in the variables `vars` (the
    /// order in which points are later given).
    ///
    /// ```
    /// use symdiff::{eval::Kinks, parse, Expr};
    /// let kinks = Kinks::find(&[parse("x^(5/2) + sqrt(x + 1)").unwrap()], &[Expr::symbol("x")]);
    /// let orders: Vec<usize> = kinks.list().iter().map(|k| k.order).collect();
    /// assert_eq!(orders.len(), 2);
    /// assert!(orders.contains(&3) && orders.contains(&1));
    /// ```
    pub fn find(functions: &[Expr], vars: &[Expr]) -> Kinks {
        let mut list = Vec::new();
        walk::postorder_all(
            functions,
            |_| true,
            |e| {
                let kink = match e.node() {
                    Node::Call(Func::Abs | Func::Sign | Func::Cbrt, args) => {
                        args.first().map(|u| (u.clone(), 1))
                    }
                    Node::Pow([u, p]) => p
                        .as_number()
                        .filter(|p| !p.is_integer() && !p.is_negative())
                        .map(|p| (u.clone(), p.to_f64().ceil() as usize)),
                    _ => None,
                };
                if let Some((argument, order)) = kink {
                    if vars.iter().any(|v| argument.depends_on(v)) {
                        list.push(Kink {
                            at: e.clone(),
                            argument,
                            order,
                        });
                    }
                }
            },
        );
        let arguments: Vec<Expr> = list.iter().map(|k| k.argument.clone()).collect();
        Kinks {
            arguments: compile_in(&arguments, vars),
            list,
        }
    }

    /// The same parts, with points given in the variables `inputs`
    /// instead (when more variables than those differentiated by vary).
    ///
    /// ```
    /// use symdiff::{eval::Kinks, parse, Expr};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let kinks = Kinks::find(&[parse("abs(x*y)").unwrap()], &[x.clone()]).over(&[y, x]);
    /// assert!(kinks.first_at(&[0.0, 5.0]).is_some()); // y = 0
    /// ```
    pub fn over(self, inputs: &[Expr]) -> Kinks {
        let arguments: Vec<Expr> = self.list.iter().map(|k| k.argument.clone()).collect();
        Kinks {
            arguments: compile_in(&arguments, inputs),
            list: self.list,
        }
    }

    /// Every non-smooth part found.
    ///
    /// ```
    /// use symdiff::{eval::Kinks, parse, Expr};
    /// assert!(Kinks::find(&[parse("sin(x)").unwrap()], &[Expr::symbol("x")]).list().is_empty());
    /// ```
    pub fn list(&self) -> &[Kink] {
        &self.list
    }

    /// At each point (`columns[i][p]` the value of variable `i` at point
    /// `p`), the non-smooth part of lowest order whose argument is 0 there.
    ///
    /// ```
    /// use symdiff::{eval::Kinks, parse, Expr};
    /// let kinks = Kinks::find(&[parse("abs(x)").unwrap()], &[Expr::symbol("x")]);
    /// let hits = kinks.first(&[&[-1.0, 0.0, 1.0]]);
    /// assert_eq!(hits.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, false]);
    /// ```
    pub fn first(&self, columns: &[&[f64]]) -> Vec<Option<&Kink>> {
        let n = columns.iter().map(|c| c.len()).min().unwrap_or(0);
        let mut hits = vec![None; n];
        if self.list.is_empty() {
            return hits;
        }
        let values = self.arguments.eval_batch(columns);
        for (kink, column) in self.list.iter().zip(&values) {
            for (hit, &v) in hits.iter_mut().zip(column) {
                let lower = hit.is_none_or(|h: &Kink| kink.order < h.order);
                if v == 0.0 && lower {
                    *hit = Some(kink);
                }
            }
        }
        hits
    }

    /// [`Kinks::first`] at one point, given in the order of the variables.
    ///
    /// ```
    /// use symdiff::{eval::Kinks, parse, Expr};
    /// let kinks = Kinks::find(&[parse("cbrt(x - 2)").unwrap()], &[Expr::symbol("x")]);
    /// assert!(kinks.first_at(&[2.0]).is_some());
    /// assert!(kinks.first_at(&[3.0]).is_none());
    /// ```
    pub fn first_at(&self, point: &[f64]) -> Option<&Kink> {
        let columns: Vec<&[f64]> = point.iter().map(std::slice::from_ref).collect();
        self.first(&columns).into_iter().next().flatten()
    }
}
