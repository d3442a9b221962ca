//! The direction of steepest ascent, and gradient descent as the tutorial
//! writes it, `X_t = X_(t-1) - eta*grad f(X_(t-1))`, beside Newton's method
//! `X_t = X_(t-1) - H(X_(t-1))^-1 * grad f(X_(t-1))`.

use super::linalg::solve;
use super::{check_dimension, norm, show_point, values, AnalysisError, Compiled};
use crate::expr::Expr;
use crate::hessian;

/// The gradient at a point, and the unit vector it points along.
///
/// ```
/// use symdiff::{analysis::steepest_ascent, parse, Expr};
/// let a = steepest_ascent(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[-2.0]).unwrap();
/// assert_eq!((a.gradient[0], a.direction[0]), (-4.0, -1.0));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Ascent {
    /// `grad f` at the point.
    pub gradient: Vec<f64>,
    /// Its length: the rate of increase along the steepest direction.
    pub rate: f64,
    /// `grad f / |grad f|`, the direction of steepest ascent (zero at a
    /// stationary point, where no direction is steepest).
    pub direction: Vec<f64>,
}

/// The direction of steepest ascent of `f` at `at`.
///
/// ```
/// use symdiff::{analysis::steepest_ascent, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let a = steepest_ascent(&parse("3*x + 4*y").unwrap(), &vars, &[0.0, 0.0]).unwrap();
/// assert_eq!((a.rate, a.direction.clone()), (5.0, vec![0.6, 0.8]));
/// assert_eq!(a.along(&[1.0, 0.0]), Some(3.0));
/// ```
pub fn steepest_ascent(f: &Expr, vars: &[Expr], at: &[f64]) -> Result<Ascent, AnalysisError> {
    check_dimension(vars, at)?;
    let gradient = values(&gradient_of(f, vars), vars, at)?;
    let rate = norm(&gradient);
    let direction = gradient
        .iter()
        .map(|g| if rate > 0.0 { g / rate } else { 0.0 })
        .collect();
    Ok(Ascent {
        gradient,
        rate,
        direction,
    })
}

impl Ascent {
    /// The directional derivative along `v` (normalized first), or `None`
    /// for the zero vector or a vector of the wrong length.
    ///
    /// ```
    /// use symdiff::{analysis::steepest_ascent, parse, Expr};
    /// let a = steepest_ascent(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[1.0]).unwrap();
    /// assert_eq!(a.along(&[-3.0]), Some(-2.0));
    /// ```
    pub fn along(&self, v: &[f64]) -> Option<f64> {
        let length = norm(v);
        (length > 0.0 && v.len() == self.gradient.len())
            .then(|| self.gradient.iter().zip(v).map(|(g, v)| g * v).sum::<f64>() / length)
    }
}

/// How an iteration is run.
///
/// ```
/// let slow = symdiff::analysis::descent::Options { rate: 0.01, ..Default::default() };
/// assert_eq!(slow.tolerance, 1e-8);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// The learning rate `eta` of gradient descent.
    pub rate: f64,
    /// The most steps taken.
    pub max_iterations: usize,
    /// Stop once the gradient is shorter than this.
    pub tolerance: f64,
}

impl Default for Options {
    /// `eta = 0.1`, 1000 steps, tolerance `1e-8`.
    ///
    /// ```
    /// assert_eq!(symdiff::analysis::descent::Options::default().max_iterations, 1000);
    /// ```
    fn default() -> Options {
        Options {
            rate: 0.1,
            max_iterations: 1000,
            tolerance: 1e-8,
        }
    }
}

/// Which iteration.
///
/// ```
/// use symdiff::analysis::descent::Method;
/// assert_ne!(Method::GradientDescent, Method::Newton);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `X_t = X_(t-1) - eta*grad f`.
    GradientDescent,
    /// `X_t = X_(t-1) - H^-1*grad f`.
    Newton,
}

impl Method {
    /// The method's name, as in the CSV's first column.
    ///
    /// ```
    /// assert_eq!(symdiff::analysis::descent::Method::Newton.name(), "newton");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Method::GradientDescent => "gradient_descent",
            Method::Newton => "newton",
        }
    }
}

/// Why an iteration stopped.
///
/// ```
/// use symdiff::analysis::descent::Stop;
/// assert_eq!(Stop::Failed("x".into()).describe(), "stopped: x");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// The gradient fell below the tolerance.
    Converged,
    /// The iteration limit was reached first.
    IterationLimit,
    /// The iterates ran off to infinity (try a smaller learning rate).
    Diverged,
    /// The function or a derivative has no value at the last point, or the
    /// Hessian there is singular; the message says which.
    Failed(String),
}

impl Stop {
    /// The reason in words.
    ///
    /// ```
    /// assert_eq!(symdiff::analysis::descent::Stop::Converged.describe(), "converged");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Stop::Converged => "converged".to_string(),
            Stop::IterationLimit => "stopped at the iteration limit".to_string(),
            Stop::Diverged => "diverged".to_string(),
            Stop::Failed(why) => format!("stopped: {why}"),
        }
    }
}

/// One point of a trajectory.
///
/// ```
/// use symdiff::{analysis::descent::{descend, Method, Options}, parse, Expr};
/// let t = descend(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[3.0], Method::Newton, &Options::default()).unwrap();
/// assert_eq!((t.iterates[0].value, t.iterates[0].gradient_norm), (9.0, 6.0));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Iterate {
    /// `X_t`.
    pub point: Vec<f64>,
    /// `f(X_t)`.
    pub value: f64,
    /// `|grad f(X_t)|`.
    pub gradient_norm: f64,
}

/// The points an iteration visits, from the start, and why it stopped.
///
/// ```
/// use symdiff::{analysis::descent::{descend, Method, Options, Stop}, parse, Expr};
/// let t = descend(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[3.0], Method::Newton, &Options::default()).unwrap();
/// assert_eq!((t.iterates.len(), t.stop), (2, Stop::Converged));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    /// The method.
    pub method: Method,
    /// `X_0, X_1, …`.
    pub iterates: Vec<Iterate>,
    /// Why it stopped.
    pub stop: Stop,
}

/// Gradient descent from `start`.
///
/// ```
/// use symdiff::{analysis::descent::{descend, Method, Options, Stop}, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let f = parse("(x - 1)^2 + 2*(y + 2)^2").unwrap();
/// let t = descend(&f, &vars, &[0.0, 0.0], Method::GradientDescent, &Options::default()).unwrap();
/// assert_eq!(t.stop, Stop::Converged);
/// let last = &t.iterates.last().unwrap().point;
/// assert!((last[0] - 1.0).abs() < 1e-8 && (last[1] + 2.0).abs() < 1e-8);
/// let n = descend(&f, &vars, &[0.0, 0.0], Method::Newton, &Options::default()).unwrap();
/// assert_eq!(n.iterates.len(), 2); // one Newton step solves a quadratic
/// ```
pub fn descend(
    f: &Expr,
    vars: &[Expr],
    start: &[f64],
    method: Method,
    options: &Options,
) -> Result<Trajectory, AnalysisError> {
    check_dimension(vars, start)?;
    let with_gradient: Vec<Expr> = std::iter::once(f.clone())
        .chain(gradient_of(f, vars))
        .collect();
    let f_and_gradient = Compiled::new(&with_gradient, vars);
    let hess = match method {
        Method::Newton => hessian(f, vars).entries().to_vec(),
        Method::GradientDescent => Vec::new(),
    };
    let hess = Compiled::new(&hess, vars);
    let mut x = start.to_vec();
    let mut iterates = Vec::new();
    let stop = loop {
        let (value, g) = match f_and_gradient.at(&x) {
            Ok(mut v) => {
                let g = v.split_off(1);
                (v[0], g)
            }
            Err(e) => break Stop::Failed(e.to_string()),
        };
        let gradient_norm = norm(&g);
        iterates.push(Iterate {
            point: x.clone(),
            value,
            gradient_norm,
        });
        if !value.is_finite() || !gradient_norm.is_finite() || norm(&x) > 1e100 {
            break Stop::Diverged;
        }
        if gradient_norm < options.tolerance {
            break Stop::Converged;
        }
        if iterates.len() > options.max_iterations {
            break Stop::IterationLimit;
        }
        let step = match method {
            Method::GradientDescent => g.iter().map(|g| options.rate * g).collect(),
            Method::Newton => {
                let h = match hess.at(&x) {
                    Ok(h) => h,
                    Err(e) => break Stop::Failed(e.to_string()),
                };
                match solve(&h, &g) {
                    Some(step) => step,
                    None => {
                        break Stop::Failed(format!(
                            "the Hessian is singular at {}",
                            show_point(vars, &x)
                        ))
                    }
                }
            }
        };
        x.iter_mut()
            .zip(&step)
            .for_each(|(x, s): (&mut f64, &f64)| *x -= s);
    };
    Ok(Trajectory {
        method,
        iterates,
        stop,
    })
}

impl Trajectory {
    /// The trajectory as CSV rows (no header): `method,t,x1,…,xn,f,grad_norm`.
    ///
    /// ```
    /// use symdiff::{analysis::descent::{descend, Method, Options}, parse, Expr};
    /// let f = parse("x^2").unwrap();
    /// let opts = Options { rate: 0.25, ..Options::default() };
    /// let t = descend(&f, &[Expr::symbol("x")], &[2.0], Method::GradientDescent, &opts).unwrap();
    /// assert_eq!(&t.csv_rows()[..2], ["gradient_descent,0,2,4,4", "gradient_descent,1,1,1,2"]);
    /// ```
    pub fn csv_rows(&self) -> Vec<String> {
        self.iterates
            .iter()
            .enumerate()
            .map(|(t, it)| {
                let coords: Vec<String> = it.point.iter().map(f64::to_string).collect();
                format!(
                    "{},{t},{},{},{}",
                    self.method.name(),
                    coords.join(","),
                    it.value,
                    it.gradient_norm
                )
            })
            .collect()
    }
}

/// The CSV header for trajectories in `vars`.
///
/// ```
/// use symdiff::{analysis::descent::csv_header, Expr};
/// assert_eq!(csv_header(&[Expr::symbol("x"), Expr::symbol("y")]), "method,t,x,y,f,grad_norm");
/// ```
pub fn csv_header(vars: &[Expr]) -> String {
    let names: Vec<String> = vars.iter().map(Expr::to_string).collect();
    format!("method,t,{},f,grad_norm", names.join(","))
}

fn gradient_of(f: &Expr, vars: &[Expr]) -> Vec<Expr> {
    vars.iter().map(|v| f.diff(v)).collect()
}
