//! Plot data and pictures: a function and its derivatives sampled over a
//! range (CSV), drawn as SVG with axes, labels and a legend; for two
//! variables, a heat map of the function with its gradient as arrows.
//!
//! Sampling runs the compiled tape over the grid, with the checks of
//! [`Derivatives`]: NaN wherever a value does not exist.

mod heat;
mod svg;

pub use heat::{sample_surface, Surface};
pub use svg::to_svg;

use crate::expr::Expr;
use crate::numeric::{format_value, Derivatives};
use std::fmt::Write;

/// A variable and the interval it runs over.
///
/// ```
/// let r = symdiff::present::plot::Interval::new(symdiff::Expr::symbol("x"), -2.0, 2.0).unwrap();
/// assert_eq!(r.grid(5), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
/// assert!(symdiff::present::plot::Interval::new(symdiff::Expr::symbol("x"), 1.0, 1.0).is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    /// The variable.
    pub var: Expr,
    /// The left end.
    pub lo: f64,
    /// The right end, greater than `lo`.
    pub hi: f64,
}

impl Interval {
    /// `var` from `lo` to `hi`; `None` unless `lo < hi` and the length
    /// `hi - lo` is a finite number.
    ///
    /// ```
    /// use symdiff::{present::plot::Interval, Expr};
    /// assert!(Interval::new(Expr::symbol("t"), 0.0, f64::INFINITY).is_none());
    /// assert!(Interval::new(Expr::symbol("t"), -1e308, 1e308).is_none());
    /// ```
    pub fn new(var: Expr, lo: f64, hi: f64) -> Option<Interval> {
        ((hi - lo).is_finite() && lo < hi).then_some(Interval { var, lo, hi })
    }

    /// `n` evenly spaced points from `lo` to `hi`, both included (one
    /// point, `lo`, when `n < 2`).
    ///
    /// ```
    /// let r = symdiff::present::plot::Interval::new(symdiff::Expr::symbol("x"), 0.0, 1.0).unwrap();
    /// assert_eq!(r.grid(3), vec![0.0, 0.5, 1.0]);
    /// ```
    pub fn grid(&self, n: usize) -> Vec<f64> {
        if n < 2 {
            return vec![self.lo];
        }
        let span = self.hi - self.lo;
        // Each point from the ends, not by accumulated steps, so that the
        // middle of a symmetric interval is exactly 0.
        (0..n)
            .map(|i| self.lo + span * i as f64 / (n - 1) as f64)
            .collect()
    }
}

/// One sampled curve: a name (`f`, `f'`, `f''`), its formula and values.
///
/// ```
/// use symdiff::{parse, present::plot::{sample, Interval}, Expr};
/// let c = sample(&parse("x^2").unwrap(), &Interval::new(Expr::symbol("x"), 0.0, 1.0).unwrap(), 2, 1);
/// assert_eq!(c.series[1].name, "f'");
/// assert_eq!(c.series[1].expr.to_string(), "2*x");
/// assert_eq!(c.series[1].values, vec![0.0, 2.0]);
/// ```
#[derive(Clone, Debug)]
pub struct Series {
    /// `f` followed by one prime per derivative.
    pub name: String,
    /// The formula sampled.
    pub expr: Expr,
    /// Its value at each sample point; NaN where it has none.
    pub values: Vec<f64>,
}

/// A function and its derivatives sampled over an interval.
///
/// ```
/// use symdiff::{parse, present::plot::{sample, Interval}, Expr};
/// let r = Interval::new(Expr::symbol("x"), -1.0, 1.0).unwrap();
/// let c = sample(&parse("abs(x)").unwrap(), &r, 3, 1);
/// assert_eq!(c.to_csv(), "x,f,f'\n-1,1,-1\n0,0,NaN\n1,1,1\n");
/// ```
#[derive(Clone, Debug)]
pub struct Curves {
    /// The variable sampled.
    pub var: Expr,
    /// The sample points.
    pub xs: Vec<f64>,
    /// `f`, `f'`, … in order.
    pub series: Vec<Series>,
}

impl Curves {
    /// The samples as CSV: a header (`x,f,f'`), then one row per point.
    ///
    /// ```
    /// use symdiff::{parse, present::plot::{sample, Interval}, Expr};
    /// let r = Interval::new(Expr::symbol("x"), -1.0, 1.0).unwrap();
    /// let csv = sample(&parse("ln(x)").unwrap(), &r, 2, 1).to_csv();
    /// assert_eq!(csv, "x,f,f'\n-1,NaN,NaN\n1,0,1\n");
    /// ```
    pub fn to_csv(&self) -> String {
        let names: Vec<&str> = self.series.iter().map(|s| s.name.as_str()).collect();
        let mut out = format!("{},{}\n", self.var, names.join(","));
        for (p, x) in self.xs.iter().enumerate() {
            out.push_str(&format_value(*x));
            for s in &self.series {
                let _ = write!(out, ",{}", format_value(s.values[p]));
            }
            out.push('\n');
        }
        out
    }
}

/// `f` and its first `order` derivatives by `range.var` at `points` evenly
/// spaced points of the range. A value is NaN where `f` has no finite
/// value, and a derivative is NaN where a condition of `f` fails (see
/// [`crate::numeric::Derivatives`]).
///
/// ```
/// use symdiff::{parse, present::plot::{sample, Interval}, Expr};
/// let r = Interval::new(Expr::symbol("x"), -2.0, 2.0).unwrap();
/// let c = sample(&parse("x^4/4 - x^2 + 1/2").unwrap(), &r, 5, 2);
/// let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
/// assert_eq!(names, ["f", "f'", "f''"]);
/// assert_eq!(c.series[2].values, vec![10.0, 1.0, -2.0, 1.0, 10.0]);
/// ```
pub fn sample(f: &Expr, range: &Interval, points: usize, order: usize) -> Curves {
    let var = std::slice::from_ref(&range.var);
    let outputs: Vec<(Expr, usize)> = (0..=order).map(|k| (f.diff_n(&range.var, k), k)).collect();
    let xs = range.grid(points);
    let (values, _) = Derivatives::new(std::slice::from_ref(f), &outputs, var, var).batch(&[&xs]);
    let series = outputs
        .into_iter()
        .zip(values)
        .map(|((expr, k), values)| Series {
            name: format!("f{}", "'".repeat(k)),
            expr,
            values,
        })
        .collect();
    Curves {
        var: range.var.clone(),
        xs,
        series,
    }
}
