//! Implicit differentiation: dy/dx where an equation F(x, y) = G(x, y)
//! ties y to x, computed from partial derivatives, never by solving for y.
//!
//! With H = F - G, the first derivative is `dy/dx = -H_x/H_y`. Each higher
//! one differentiates the previous with y as y(x): `D(e) = ∂e/∂x +
//! ∂e/∂y·dy/dx`. Each result is simplified, then the equation itself is
//! used where it shortens the result: a sum holding every varying term of
//! H (up to a common factor k) has k·H = 0 subtracted, so for
//! `x^2 + y^2 = 1` the second derivative `-(x^2 + y^2)/y^3` becomes `-1/y^3`.

use crate::calculus::diff::derivative_within;
use crate::calculus::steps::derivation;
use crate::error::{Error, ErrorKind};
use crate::expr::{walk, Expr, Node, Number};
use crate::limits::Limits;
use crate::simplify::{numeric_content, simplify, simplify_within};
use serde_json::{json, Value};

/// An implicit derivation: the equation, its partials and the derivatives
/// of y by x up to the order asked for.
///
/// ```
/// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// let lhs = parse("x^2 + y^2").unwrap();
/// let d = implicit(&lhs, &Expr::int(1), &y, &x, 2, &Limits::default()).unwrap();
/// assert_eq!(d.f_x.to_string(), "2*x");
/// assert_eq!(d.f_y.to_string(), "2*y");
/// assert_eq!(d.derivatives[0].to_string(), "-x/y");
/// assert_eq!(d.derivatives[1].to_string(), "-1/y^3");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Implicit {
    /// The left side of the equation.
    pub lhs: Expr,
    /// The right side.
    pub rhs: Expr,
    /// The dependent variable.
    pub y: Expr,
    /// The variable y depends on.
    pub x: Expr,
    /// `H = lhs - rhs`, whose zero set is the curve.
    pub h: Expr,
    /// `∂H/∂x`, simplified.
    pub f_x: Expr,
    /// `∂H/∂y`, simplified.
    pub f_y: Expr,
    /// `dy/dx`, `d²y/dx²`, …: in x and y, simplified (with the equation
    /// where that is shorter).
    pub derivatives: Vec<Expr>,
    /// Each derivative before the equation was used on it; equal to the
    /// derivative where the equation did not shorten it.
    pub before_equation: Vec<Expr>,
}

/// The `order`-th derivative of `y` by `x` where `lhs = rhs`, as a function
/// of x and y, within `limits`.
///
/// ```
/// use symdiff::{calculus::implicit::implicit_derivative, parse, Expr, Limits};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// let d = implicit_derivative(&parse("x^3 + y^3").unwrap(), &parse("6*x*y").unwrap(),
///     &y, &x, 1, &Limits::default()).unwrap();
/// assert_eq!(d.to_string(), "(2*y - x^2)/(y^2 - 2*x)");
/// ```
pub fn implicit_derivative(
    lhs: &Expr,
    rhs: &Expr,
    y: &Expr,
    x: &Expr,
    order: usize,
    limits: &Limits,
) -> Result<Expr, Error> {
    let d = implicit(lhs, rhs, y, x, order, limits)?;
    Ok(d.derivatives.last().cloned().unwrap_or_else(|| y.clone()))
}

/// The implicit derivation of `y` by `x` where `lhs = rhs`, up to `order`
/// (at least 1). Errors: the equation does not contain `y`
/// ([`ErrorKind::EquationWithout`]), `order` over `limits.max_order`, or a
/// derivative growing past `limits.max_nodes`. Error spans are empty: the
/// caller knows the input.
///
/// ```
/// use symdiff::{calculus::implicit::implicit, parse, ErrorKind, Expr, Limits};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// let err = implicit(&parse("x^2").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default());
/// assert_eq!(err.unwrap_err().kind, ErrorKind::EquationWithout("y".into()));
/// ```
pub fn implicit(
    lhs: &Expr,
    rhs: &Expr,
    y: &Expr,
    x: &Expr,
    order: usize,
    limits: &Limits,
) -> Result<Implicit, Error> {
    if order > limits.max_order {
        return Err(Error::new(
            ErrorKind::OrderTooHigh {
                order,
                limit: limits.max_order,
            },
            0..0,
        ));
    }
    let h = lhs.clone() - rhs.clone();
    if !h.depends_on(y) {
        return Err(Error::new(ErrorKind::EquationWithout(y.to_string()), 0..0));
    }
    let f_x = simplify_within(&derivative_within(&h, x, limits)?, limits)?;
    let f_y = simplify_within(&derivative_within(&h, y, limits)?, limits)?;
    if f_y.is_zero() {
        return Err(Error::new(ErrorKind::ZeroPartial(y.to_string()), 0..0));
    }
    let equation = Equation::of(&h, &[x, y]);
    let mut derivatives: Vec<Expr> = Vec::new();
    let mut before_equation = Vec::new();
    for _ in 0..order.max(1) {
        let raw = match derivatives.first() {
            None => -(f_x.clone() / f_y.clone()),
            Some(first) => {
                let previous = derivatives.last().unwrap_or(first);
                let by_x = derivative_within(previous, x, limits)?;
                let by_y = derivative_within(previous, y, limits)?;
                by_x + by_y * first.clone()
            }
        };
        let simplified = simplify_within(&raw, limits)?;
        derivatives.push(equation.shorten(&simplified));
        before_equation.push(simplified);
    }
    Ok(Implicit {
        lhs: lhs.clone(),
        rhs: rhs.clone(),
        y: y.clone(),
        x: x.clone(),
        h,
        f_x,
        f_y,
        derivatives,
        before_equation,
    })
}

/// `H = 0` as a sum of terms: the varying ones with their coefficients.
struct Equation {
    h: Expr,
    /// `(coefficient, rest)` of each term of H in x or y (the others,
    /// numbers and parameters such as `r^2`, are constant on the curve).
    varying: Vec<(Expr, Expr)>,
    /// x and y.
    vars: [Expr; 2],
}

impl Equation {
    fn of(h: &Expr, vars: &[&Expr; 2]) -> Equation {
        let vars = [vars[0].clone(), vars[1].clone()];
        let terms: Vec<Expr> = match h.node() {
            Node::Add(terms) => terms.to_vec(),
            _ => vec![h.clone()],
        };
        let varying = terms
            .iter()
            .filter(|t| vars.iter().any(|v| t.depends_on(v)))
            .map(split)
            .collect();
        Equation {
            h: h.clone(),
            varying,
            vars,
        }
    }

    /// The shortest of `e`, `e` over a common denominator, and each with
    /// `k·H` subtracted from every sum holding all of H's varying terms
    /// times one factor k; numeric content cancelled between the sums of
    /// each; `e` itself on a tie.
    fn shorten(&self, e: &Expr) -> Expr {
        let mut best = e.clone();
        let nested = e.rewrite(|_| false, |n| together(&n).unwrap_or(n));
        let polynomial = self.reduced_numerator(&nested);
        let forms = [Some(e.clone()), together(e), Some(nested), polynomial];
        for form in forms.into_iter().flatten() {
            let reduced = if self.varying.len() < 2 {
                form.clone()
            } else {
                simplify(&form.rewrite(|_| false, |n| self.reduce(&n).unwrap_or(n)))
            };
            for candidate in [form, reduced] {
                let candidate = content_cancelled(&candidate);
                if walk::tree_size(&candidate) < walk::tree_size(&best) {
                    best = candidate;
                }
            }
        }
        best
    }

    /// A fraction whose numerator, expanded, is reduced by multiples of H
    /// (`m·H` for monomials m, while one fits in it), over its denominator.
    fn reduced_numerator(&self, fraction: &Expr) -> Option<Expr> {
        if self.varying.is_empty() {
            return None;
        }
        let factors = match fraction.node() {
            Node::Mul(f) => f.to_vec(),
            _ => vec![fraction.clone()],
        };
        let (denominator, numerator): (Vec<Expr>, Vec<Expr>) = factors.into_iter().partition(|f| {
            matches!(f.node(), Node::Pow([_, n]) if n.as_number().is_some_and(Number::is_negative))
        });
        let mut n = expand(&Expr::mul(numerator));
        let h = expand(&self.h);
        // Each round removes the terms of one multiple of H: at most as many
        // rounds as terms.
        for _ in 0..walk::tree_size(&n) {
            let Some(next) = self.reduce_once(&n, &h) else {
                break;
            };
            n = next;
        }
        Some(simplify(&Expr::mul([n].into_iter().chain(denominator))))
    }

    /// `n - m·H` for the first monomial `m` (a term of `n` over H's first
    /// varying term) such that every term of `m·H` in x or y is in `n`.
    fn reduce_once(&self, n: &Expr, h: &Expr) -> Option<Expr> {
        let terms: Vec<Expr> = match n.node() {
            Node::Add(t) => t.to_vec(),
            _ => return None,
        };
        let (c0, r0) = &self.varying[0];
        terms.iter().find_map(|t| {
            let m = simplify(&(t.clone() / (c0.clone() * r0.clone())));
            let multiple = expand(&(m.clone() * h.clone()));
            let wanted: Vec<Expr> = match multiple.node() {
                Node::Add(w) => w.to_vec(),
                _ => vec![multiple.clone()],
            };
            let fits = wanted.len() > 1
                && wanted
                    .iter()
                    .filter(|w| self.vars.iter().any(|v| w.depends_on(v)))
                    .all(|w| terms.contains(w));
            fits.then(|| expand(&(n.clone() - multiple)))
        })
    }

    /// `sum - k·H` when `sum` holds every varying term of H times k.
    fn reduce(&self, sum: &Expr) -> Option<Expr> {
        let Node::Add(terms) = sum.node() else {
            return None;
        };
        let parts: Vec<(Expr, Expr)> = terms.iter().map(split).collect();
        let coefficient_of = |rest: &Expr| parts.iter().find(|(_, r)| r == rest).map(|(c, _)| c);
        let (c0, r0) = &self.varying[0];
        let k = simplify(&(coefficient_of(r0)?.clone() / c0.clone()));
        let all = self
            .varying
            .iter()
            .all(|(c, r)| coefficient_of(r) == Some(&(k.clone() * c.clone())));
        all.then(|| sum.clone() - k * self.h.clone())
    }
}

/// Products of sums multiplied out, and sums to small positive integer
/// powers: `(x + y)^2*x` → `x^3 + 2*x^2*y + x*y^2`.
fn expand(e: &Expr) -> Expr {
    /// Powers above this stay as they are (the terms multiply quickly).
    const MOST: i64 = 6;
    e.rewrite(
        |_| false,
        |n| match n.node() {
            Node::Mul(factors) => distribute(factors),
            Node::Pow([base, k]) if matches!(base.node(), Node::Add(_)) => {
                match k.as_number().and_then(Number::to_i64) {
                    Some(k @ 2..=MOST) => distribute(&vec![base.clone(); k as usize]),
                    _ => n,
                }
            }
            _ => n,
        },
    )
}

/// The product of `factors` with every sum among them multiplied out.
fn distribute(factors: &[Expr]) -> Expr {
    let mut terms = vec![Expr::int(1)];
    for f in factors {
        let parts: Vec<Expr> = match f.node() {
            Node::Add(p) => p.to_vec(),
            _ => vec![f.clone()],
        };
        terms = terms
            .iter()
            .flat_map(|t| parts.iter().map(move |p| t.clone() * p.clone()))
            .collect();
    }
    Expr::add(terms)
}

/// A sum of fractions over one common denominator, simplified:
/// `-x^2/y^3 - 1/y` → `-(x^2 + y^2)/y^3`. `None` for anything else.
fn together(e: &Expr) -> Option<Expr> {
    let Node::Add(terms) = e.node() else {
        return None;
    };
    let mut denominator: Vec<(Expr, Number)> = Vec::new();
    for t in terms.iter() {
        let factors = match t.node() {
            Node::Mul(f) => f.to_vec(),
            _ => vec![t.clone()],
        };
        for f in factors {
            let Node::Pow([base, exp]) = f.node() else {
                continue;
            };
            let Some(n) = exp
                .as_number()
                .filter(|n| n.is_negative() && n.is_integer())
            else {
                continue;
            };
            let n = n.abs();
            match denominator.iter_mut().find(|(b, _)| b == base) {
                Some((_, m)) if n.to_f64() > m.to_f64() => *m = n,
                Some(_) => {}
                None => denominator.push((base.clone(), n)),
            }
        }
    }
    if denominator.is_empty() {
        return None;
    }
    let d = Expr::mul(
        denominator
            .into_iter()
            .map(|(b, n)| Expr::pow(b, Expr::number(n))),
    );
    let numerator = simplify(&Expr::add(terms.iter().map(|t| t.clone() * d.clone())));
    Some(simplify(&(numerator / d)))
}

/// Every sum in a product (or a power of one) divided by its numeric
/// content, the content moved into the coefficient: `-3*(x^2 - 2*y)/(3*y^2
/// - 6*x)` → `-(x^2 - 2*y)/(y^2 - 2*x)`.
fn content_cancelled(e: &Expr) -> Expr {
    e.rewrite(
        |_| false,
        |n| {
            let Node::Mul(factors) = n.node() else {
                return n;
            };
            let mut moved = Expr::int(1);
            let factors: Vec<Expr> = factors
                .iter()
                .map(|f| {
                    let (sum, power) = match f.node() {
                        Node::Pow([s, p]) if p.as_number().is_some_and(Number::is_integer) => {
                            (s.clone(), p.clone())
                        }
                        _ => (f.clone(), Expr::int(1)),
                    };
                    let Node::Add(terms) = sum.node() else {
                        return f.clone();
                    };
                    let Some(c) = numeric_content(terms) else {
                        return f.clone();
                    };
                    let scale = Expr::number(Number::ratio(1, c));
                    let primitive = Expr::add(terms.iter().map(|t| scale.clone() * t.clone()));
                    moved = moved.clone() * Expr::pow(Expr::int(c), power.clone());
                    Expr::pow(primitive, power)
                })
                .collect();
            Expr::mul(factors.into_iter().chain([moved]))
        },
    )
}

/// A term as its numeric coefficient and the rest (`-2*x*y` → `(-2, x*y)`).
fn split(term: &Expr) -> (Expr, Expr) {
    let (k, rest) = term.split_coefficient();
    (Expr::number(k), rest)
}

/// `dy/dx`, `d2y/dx2`: the Leibniz name of the `n`-th derivative.
///
/// ```
/// use symdiff::{calculus::implicit::leibniz, Expr};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// assert_eq!(leibniz(&y, &x, 1), "dy/dx");
/// assert_eq!(leibniz(&y, &x, 3), "d3y/dx3");
/// ```
pub fn leibniz(y: &Expr, x: &Expr, n: usize) -> String {
    match n {
        1 => format!("d{y}/d{x}"),
        n => format!("d{n}{y}/d{x}{n}"),
    }
}

/// [`leibniz`] in LaTeX: `\frac{dy}{dx}`, `\frac{d^{2}y}{dx^{2}}`.
fn leibniz_latex(y: &Expr, x: &Expr, n: usize) -> String {
    let (y, x) = (y.to_latex(), x.to_latex());
    match n {
        1 => format!(r"\frac{{d{y}}}{{d{x}}}"),
        n => format!(r"\frac{{d^{{{n}}}{y}}}{{d{x}^{{{n}}}}}"),
    }
}

impl Implicit {
    /// The order of the last derivative.
    fn order(&self) -> usize {
        self.derivatives.len()
    }

    /// The equation as written, `x^2 + y^2 = 1`.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x*y").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default()).unwrap();
    /// assert_eq!(d.equation(), "x*y = 1");
    /// ```
    pub fn equation(&self) -> String {
        format!("{} = {}", self.lhs, self.rhs)
    }

    /// The result line: `dy/dx = -x/y`.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x*y").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default()).unwrap();
    /// assert_eq!(d.to_text(), "dy/dx = -y/x");
    /// ```
    pub fn to_text(&self) -> String {
        let last = self.derivatives.last().unwrap_or(&self.y);
        format!("{} = {last}", leibniz(&self.y, &self.x, self.order()))
    }

    /// The result line in LaTeX: `\frac{dy}{dx} = -\frac{x}{y}`.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x + y^2").unwrap(), &Expr::int(1), &y, &x, 2, &Limits::default()).unwrap();
    /// assert_eq!(d.to_latex(), r"\frac{d^{2}y}{dx^{2}} = -\frac{1}{4 y^{3}}");
    /// ```
    pub fn to_latex(&self) -> String {
        let last = self.derivatives.last().unwrap_or(&self.y);
        format!(
            "{} = {}",
            leibniz_latex(&self.y, &self.x, self.order()),
            last.to_latex()
        )
    }

    /// The derivation as JSON: the equation, the variables, the partials,
    /// every derivative up to the order (text and LaTeX) and the last one.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x^2 + y^2").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default()).unwrap();
    /// let json = d.to_json();
    /// assert_eq!(json["derivative"], "-x/y");
    /// assert_eq!(json["F_y"], "2*y");
    /// ```
    pub fn to_json(&self) -> Value {
        let chain: Vec<Value> = self
            .derivatives
            .iter()
            .zip(&self.before_equation)
            .enumerate()
            .map(|(k, (d, before))| {
                json!({
                    "order": k + 1,
                    "name": leibniz(&self.y, &self.x, k + 1),
                    "derivative": d.to_string(),
                    "latex": d.to_latex(),
                    "before_equation": before.to_string(),
                })
            })
            .collect();
        let last = self.derivatives.last().unwrap_or(&self.y);
        json!({
            "equation": self.equation(),
            "dependent": self.y.to_string(),
            "variable": self.x.to_string(),
            "order": self.order(),
            "F": self.h.to_string(),
            "F_x": self.f_x.to_string(),
            "F_y": self.f_y.to_string(),
            "derivatives": chain,
            "name": leibniz(&self.y, &self.x, self.order()),
            "derivative": last.to_string(),
            "latex": self.to_latex(),
        })
    }
}

impl Implicit {
    /// The derivation step by step: H and its partials (each by the rules,
    /// as [`derivation`] shows them), `dy/dx = -F_x/F_y`, then each higher
    /// derivative from the one before with y as y(x), and where the
    /// equation shortened a result, the line that uses it.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x^2 + y^2").unwrap(), &Expr::int(1), &y, &x, 2, &Limits::default()).unwrap();
    /// let text = d.steps_text();
    /// assert!(text.contains("dy/dx = -F_x/F_y = -(2*x)/(2*y) = -x/y"));
    /// assert!(text.contains("= -1/y^3, using x^2 + y^2 = 1"));
    /// assert!(text.ends_with("result: d2y/dx2 = -1/y^3"));
    /// ```
    pub fn steps_text(&self) -> String {
        let (x, y) = (&self.x, &self.y);
        let mut out = format!(
            "implicit differentiation of {}, {y} as a function of {x}\nF = {}\n",
            self.equation(),
            self.h
        );
        for (name, var, partial) in [("F_x", x, &self.f_x), ("F_y", y, &self.f_y)] {
            out += &format!("  {name} = ∂F/∂{var} = {partial}\n");
            for line in derivation(&self.h, var).to_text().lines() {
                out += &format!("    {line}\n");
            }
        }
        for (k, (d, before)) in self
            .derivatives
            .iter()
            .zip(&self.before_equation)
            .enumerate()
        {
            let name = leibniz(y, x, k + 1);
            if k == 0 {
                out += &format!(
                    "{name} = -F_x/F_y = -({})/({}) = {before}\n",
                    self.f_x, self.f_y
                );
            } else {
                let previous = &self.derivatives[k - 1];
                out += &format!(
                    "{name} = d/d{x} ({previous}) = ∂/∂{x} + ∂/∂{y}·d{y}/d{x}, with d{y}/d{x} = {} = {before}\n",
                    self.derivatives[0]
                );
            }
            if d != before {
                let pad = " ".repeat(name.chars().count());
                out += &format!("{pad} = {d}, using {}\n", self.equation());
            }
        }
        out + &format!("result: {}", self.to_text())
    }

    /// [`Implicit::steps_text`] as a LaTeX `align*` block.
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x*y").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default()).unwrap();
    /// assert!(d.steps_latex().contains(r"\frac{dy}{dx} &= -\frac{F_x}{F_y} = -\frac{y}{x}"));
    /// ```
    pub fn steps_latex(&self) -> String {
        let (x, y) = (&self.x, &self.y);
        let mut lines = vec![
            format!(r"F &= {}", self.h.to_latex()),
            format!(
                r"F_x &= \frac{{\partial F}}{{\partial {}}} = {}",
                x.to_latex(),
                self.f_x.to_latex()
            ),
            format!(
                r"F_y &= \frac{{\partial F}}{{\partial {}}} = {}",
                y.to_latex(),
                self.f_y.to_latex()
            ),
        ];
        for (k, (d, before)) in self
            .derivatives
            .iter()
            .zip(&self.before_equation)
            .enumerate()
        {
            let name = leibniz_latex(y, x, k + 1);
            let how = if k == 0 {
                r"-\frac{F_x}{F_y}".to_string()
            } else {
                format!(
                    r"\frac{{d}}{{d{}}}\left({}\right)",
                    x.to_latex(),
                    self.derivatives[k - 1].to_latex()
                )
            };
            lines.push(format!("{name} &= {how} = {}", before.to_latex()));
            if d != before {
                lines.push(format!(
                    r"&= {} && \text{{using }} {} = {}",
                    d.to_latex(),
                    self.lhs.to_latex(),
                    self.rhs.to_latex()
                ));
            }
        }
        format!(
            "\\begin{{align*}}\n{}\n\\end{{align*}}",
            lines.join(" \\\\\n")
        )
    }

    /// [`Implicit::to_json`] with the rule-by-rule derivations of the two
    /// partials (`F_x_steps`, `F_y_steps`, as [`derivation`] gives them).
    ///
    /// ```
    /// use symdiff::{calculus::implicit::implicit, parse, Expr, Limits};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = implicit(&parse("x*y").unwrap(), &Expr::int(1), &y, &x, 1, &Limits::default()).unwrap();
    /// assert_eq!(d.steps_json()["F_y_steps"]["result"], "x");
    /// ```
    pub fn steps_json(&self) -> Value {
        let mut json = self.to_json();
        json["F_x_steps"] = derivation(&self.h, &self.x).to_json();
        json["F_y_steps"] = derivation(&self.h, &self.y).to_json();
        json
    }
}
