//! Step-by-step derivations, recorded by the differentiator itself.
//!
//! [`derivation`] runs the same engine as [`crate::calculus::diff::derivative`] with a
//! recorder switched on: every rule the engine applies becomes a [`Step`],
//! inner pieces before the pieces built from them, and the simplification
//! to the printed result comes last. The explanation and the answer come
//! from one computation, so they cannot disagree.

use crate::calculus::diff::{partial_derivative, recorded_derivative};
use crate::expr::{Expr, Func, Node};
use crate::simplify::simplify_recorded;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};
use std::collections::VecDeque;

pub use super::record::{Rule, Step};

impl Step {
    /// Whether the step shows a derivative (`d/dx before = after`) rather
    /// than an equality (`before = after`).
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::derivation, Expr};
    /// let d = derivation(&parse("x^x").unwrap(), &Expr::symbol("x"));
    /// assert!(!d.steps[0].is_derivative()); // x^x = exp(x*ln(x))
    /// assert!(d.steps[1].is_derivative());
    /// ```
    pub fn is_derivative(&self) -> bool {
        !matches!(
            self.rule,
            Rule::PowerRewrite | Rule::Simplify | Rule::Identity(_)
        )
    }

    /// The rule as a formula in `u`, `v`, `c`, `n` (`d(u*v) = du*v + u*dv`);
    /// table entries come from the differentiator's own table.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::derivation, Expr};
    /// let d = derivation(&parse("2^x").unwrap(), &Expr::symbol("x"));
    /// assert_eq!(d.steps[0].formula(), "d(c^u) = ln(c)*c^u*du");
    /// ```
    pub fn formula(&self) -> String {
        let formula = match self.rule {
            Rule::Sum => "d(u + v) = du + dv",
            Rule::ConstantMultiple => "d(c*u) = c*du",
            Rule::Product => "d(u*v) = du*v + u*dv",
            Rule::Quotient => "d(u/v) = (du*v - u*dv)/v^2",
            Rule::Power => "d(u^n) = n*u^(n - 1)*du",
            Rule::Exponential if self.constant_base() => "d(c^u) = ln(c)*c^u*du",
            Rule::Exponential => "d(e^u) = e^u*du",
            Rule::Logarithm => "d(ln(u)) = du/u",
            Rule::Function => return self.table_entry().unwrap_or_default(),
            Rule::PowerRewrite => "f^g = e^(g*ln(f))",
            Rule::Constant => "d(c) = 0",
            Rule::Variable => "d(x) = dx",
            Rule::Simplify => "",
            Rule::Identity(identity) => return identity.statement(),
        };
        formula.to_string()
    }

    /// Whether this is `d(c^u)` rather than the `d(e^(g*ln(f)))` of a
    /// rewritten `f^g`, whose inner function is `g*ln(f)`.
    fn constant_base(&self) -> bool {
        match self.before.node() {
            Node::Pow([base, exp]) => {
                let rewritten = Expr::mul([exp.clone(), Expr::call(Func::Ln, vec![base.clone()])]);
                self.inner.as_ref() != Some(&rewritten)
            }
            _ => false,
        }
    }

    /// `d(f(u)) = f'(u)*du` for the function this step differentiates.
    fn table_entry(&self) -> Option<String> {
        let Node::Call(func, args) = self.before.node() else {
            return None;
        };
        const SLOTS: [&str; 3] = ["u", "v", "w"];
        if matches!(func, Func::Undefined(_)) || args.len() > SLOTS.len() {
            let formula = match args.len() {
                1 => "d(f(u)) = f'(u)*du",
                _ => "d(f(u, v, …)) = ∂f/∂u*du + ∂f/∂v*dv + …",
            };
            return Some(formula.to_string());
        }
        let slots: Vec<Expr> = SLOTS[..args.len()]
            .iter()
            .map(|s| Expr::symbol(s))
            .collect();
        let outer = Expr::call(func.clone(), slots.clone());
        let terms: Vec<String> = (0..slots.len())
            .map(|k| {
                let partial = partial_derivative(func, &slots, k);
                format!("{}*d{}", parenthesized(&partial), SLOTS[k])
            })
            .collect();
        Some(format!("d({outer}) = {}", terms.join(" + ")))
    }

    /// The rule named for a person: `product rule`, or `table d(sin(u)) =
    /// cos(u)*du, chain rule with u = 2*x^2`.
    fn description(&self) -> String {
        let mut text = self.rule.label().to_string();
        let formula = self.formula();
        if !formula.is_empty() {
            text = format!("{text}: {formula}");
        }
        if let Some(u) = &self.inner {
            text = format!("{text}; chain rule with u = {u}");
        }
        text
    }
}

/// A derivation: every step from the input to the printed derivative.
///
/// ```
/// use symdiff::{parse, calculus::steps::derivation, Expr};
/// let d = derivation(&parse("x^x").unwrap(), &Expr::symbol("x"));
/// assert_eq!(d.result.to_string(), "x^x*(ln(x) + 1)");
/// assert_eq!(d.steps.last().unwrap().after, d.result);
/// assert_eq!(d.steps[0].after.to_string(), "exp(x*ln(x))");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// The expression differentiated.
    pub expr: Expr,
    /// The variable.
    pub var: Expr,
    /// The steps, inner pieces first; the last one ends in [`Derivation::result`].
    pub steps: Vec<Step>,
    /// The derivative, simplified: what [`Expr::diff`] returns.
    pub result: Expr,
}

/// The derivation of `d(expr)/d(var)`, step by step.
///
/// ```
/// use symdiff::{parse, calculus::steps::{derivation, Rule}, Expr};
/// let d = derivation(&parse("x^3 + cos(x)").unwrap(), &Expr::symbol("x"));
/// let rules: Vec<Rule> = d.steps.iter().map(|s| s.rule).collect();
/// assert!(rules.contains(&Rule::Power) && rules.contains(&Rule::Function));
/// assert_eq!(rules.last(), Some(&Rule::Sum));
/// ```
pub fn derivation(expr: &Expr, var: &Expr) -> Derivation {
    let mut steps: Vec<Step> = Vec::new();
    let raw =
        recorded_derivative(expr, var, usize::MAX, &mut steps).unwrap_or_else(|| Expr::int(0));
    if steps.is_empty() {
        let rule = if expr == var {
            Rule::Variable
        } else {
            Rule::Constant
        };
        steps.push(Step::new(rule, expr, &raw, None));
    }
    let (result, fired) = simplify_recorded(&raw);
    for f in fired {
        steps.push(Step::new(
            Rule::Identity(f.identity),
            &f.before,
            &f.after,
            None,
        ));
    }
    // The whole simplification, unless one identity was all of it.
    let last = steps.last().map(|s| (&s.before, &s.after));
    if result != raw && last != Some((&raw, &result)) {
        steps.push(Step::new(Rule::Simplify, &raw, &result, None));
    }
    set_depths(expr, var, &mut steps);
    Derivation {
        expr: expr.clone(),
        var: var.clone(),
        steps,
        result,
    }
}

/// Each step's depth: that of its expression in the input (breadth-first,
/// so the shortest path in a DAG); a step on an expression the engine built
/// (the `g*ln(f)` of a rewrite) goes one deeper than the step before it.
fn set_depths(root: &Expr, var: &Expr, steps: &mut [Step]) {
    let mut depth: FxHashMap<Expr, usize> = FxHashMap::default();
    let mut queue = VecDeque::from([(root.clone(), 0usize)]);
    depth.insert(root.clone(), 0);
    while let Some((e, d)) = queue.pop_front() {
        for child in e.args() {
            if child.may_contain(var) && !depth.contains_key(child) {
                depth.insert(child.clone(), d + 1);
                queue.push_back((child.clone(), d + 1));
            }
        }
    }
    let mut previous = 0;
    for step in steps {
        step.depth = match step.rule {
            Rule::Simplify => 0,
            // Identities rewrite pieces of the whole, on the way to it.
            Rule::Identity(_) => 1,
            _ => depth.get(&step.before).copied().unwrap_or(previous + 1),
        };
        previous = step.depth;
    }
}

impl Derivation {
    /// The derivation as indented text, one numbered step per rule, each
    /// with its equation on the line below.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::derivation, Expr};
    /// let text = derivation(&parse("2^x").unwrap(), &Expr::symbol("x")).to_text();
    /// assert!(text.starts_with("d/dx 2^x\n  1. exponential rule: d(c^u) = ln(c)*c^u*du\n"));
    /// assert!(text.ends_with("result: d/dx 2^x = ln(2)*2^x"));
    /// ```
    pub fn to_text(&self) -> String {
        let var = self.var.to_string();
        let expr = parenthesized(&self.expr);
        let mut out = format!("d/d{var} {expr}\n");
        for (i, step) in self.steps.iter().enumerate() {
            let indent = "  ".repeat(step.depth + 1);
            let equation = if step.is_derivative() {
                format!("d/d{var} {} = {}", parenthesized(&step.before), step.after)
            } else {
                format!("{} = {}", step.before, step.after)
            };
            out += &format!("{indent}{}. {}\n", i + 1, step.description());
            out += &format!("{indent}   {equation}\n");
        }
        out + &format!("result: d/d{var} {expr} = {}", self.result)
    }

    /// The derivation as a LaTeX `align*` block, one line per step with the
    /// rule named on the right.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::derivation, Expr};
    /// let latex = derivation(&parse("x^2").unwrap(), &Expr::symbol("x")).to_latex();
    /// assert_eq!(
    ///     latex,
    ///     "\\begin{align*}\n\\frac{d}{dx}\\left(x^{2}\\right) &= 2 x && \\text{power rule}\n\\end{align*}"
    /// );
    /// ```
    pub fn to_latex(&self) -> String {
        let d = format!(r"\frac{{d}}{{d{}}}", self.var.to_latex());
        let lines: Vec<String> = self
            .steps
            .iter()
            .map(|step| {
                let left = if step.is_derivative() {
                    format!(r"{d}\left({}\right)", step.before.to_latex())
                } else {
                    step.before.to_latex()
                };
                let mut note = format!(r"\text{{{}}}", step.rule.label());
                if let Some(u) = &step.inner {
                    note += &format!(r",\ \text{{chain rule with }} u = {}", u.to_latex());
                }
                format!("{left} &= {} && {note}", step.after.to_latex())
            })
            .collect();
        format!(
            "\\begin{{align*}}\n{}\n\\end{{align*}}",
            lines.join(" \\\\\n")
        )
    }

    /// The derivation as JSON: the input, the variable, each step's rule,
    /// formula, before, after and inner function, and the result.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::derivation, Expr};
    /// let json = derivation(&parse("ln(x)").unwrap(), &Expr::symbol("x")).to_json();
    /// assert_eq!(json["steps"][0]["rule"], "logarithm");
    /// assert_eq!(json["result"], "1/x");
    /// ```
    pub fn to_json(&self) -> Value {
        let steps: Vec<Value> = self
            .steps
            .iter()
            .map(|s| {
                json!({
                    "rule": s.rule.name(),
                    "formula": s.formula(),
                    "before": s.before.to_string(),
                    "after": s.after.to_string(),
                    "inner": s.inner.as_ref().map(Expr::to_string),
                    "depth": s.depth,
                })
            })
            .collect();
        json!({
            "expression": self.expr.to_string(),
            "variable": self.var.to_string(),
            "steps": steps,
            "result": self.result.to_string(),
        })
    }
}

/// `e` in parentheses where a factor after it would bind to its last
/// term (a sum, or a product that prints with a sign or a slash).
fn parenthesized(e: &Expr) -> String {
    match e.node() {
        Node::Add(_) | Node::Mul(_) => format!("({e})"),
        _ => e.to_string(),
    }
}

/// Successive derivations: by the first variable, then that result by
/// the next, and so on (`--order 2`, several VARs, a Hessian entry), each
/// derivation starting from the result printed before it.
///
/// ```
/// use symdiff::{parse, calculus::steps::chain, Expr};
/// let x = Expr::symbol("x");
/// let c = chain(&parse("x^3").unwrap(), &[x.clone(), x]);
/// assert_eq!(c.derivations[1].expr.to_string(), "3*x^2");
/// assert_eq!(c.result().to_string(), "6*x");
/// assert!(c.to_text().ends_with("result: d2/dx2 x^3 = 6*x"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// The expression first differentiated.
    pub expr: Expr,
    /// One derivation per variable, in turn.
    pub derivations: Vec<Derivation>,
}

/// The derivations of `expr` by each of `vars` in turn.
///
/// ```
/// use symdiff::{parse, calculus::steps::chain, Expr};
/// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
/// let c = chain(&parse("x^2*y^3").unwrap(), &[x, y]);
/// assert_eq!(c.derivations.len(), 2);
/// assert_eq!(c.result().to_string(), "6*x*y^2");
/// ```
pub fn chain(expr: &Expr, vars: &[Expr]) -> Chain {
    let mut derivations: Vec<Derivation> = Vec::new();
    for var in vars {
        let from = derivations.last().map_or(expr, |d| &d.result);
        derivations.push(derivation(from, var));
    }
    Chain {
        expr: expr.clone(),
        derivations,
    }
}

impl Chain {
    /// The last derivative (the expression itself when there are no
    /// variables).
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::chain, Expr};
    /// let f = parse("x^2").unwrap();
    /// assert_eq!(chain(&f, &[]).result(), &f);
    /// assert_eq!(chain(&f, &[Expr::symbol("x")]).result().to_string(), "2*x");
    /// ```
    pub fn result(&self) -> &Expr {
        self.derivations.last().map_or(&self.expr, |d| &d.result)
    }

    /// `d2/dxdy`: the operator of the whole chain, repeated variables
    /// counted (`d/dx`, `d2/dx2`, `d3/dx2dy`).
    fn operator(&self) -> String {
        let vars: Vec<String> = self.derivations.iter().map(|d| d.var.to_string()).collect();
        let mut by = String::new();
        let mut i = 0;
        while i < vars.len() {
            let run = vars[i..].iter().take_while(|v| **v == vars[i]).count();
            by += &format!("d{}", vars[i]);
            if run > 1 {
                by += &run.to_string();
            }
            i += run;
        }
        match vars.len() {
            1 => format!("d/{by}"),
            n => format!("d{n}/{by}"),
        }
    }

    /// Each derivation's text after the one before, then the whole
    /// chain's result (`result: d2/dx2 x^3 = 6*x`) when there are several.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::chain, Expr};
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let text = chain(&parse("x*y").unwrap(), &[x, y]).to_text();
    /// assert!(text.contains("result: d/dx (x*y) = y\n\nd/dy y\n"));
    /// assert!(text.ends_with("result: d2/dxdy (x*y) = 1"));
    /// ```
    pub fn to_text(&self) -> String {
        let parts: Vec<String> = self.derivations.iter().map(Derivation::to_text).collect();
        let mut out = parts.join("\n\n");
        if self.derivations.len() > 1 {
            out += &format!(
                "\n\nresult: {} {} = {}",
                self.operator(),
                parenthesized(&self.expr),
                self.result()
            );
        }
        out
    }

    /// Each derivation's `align*` block, in turn.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::chain, Expr};
    /// let x = Expr::symbol("x");
    /// let latex = chain(&parse("x^3").unwrap(), &[x.clone(), x]).to_latex();
    /// assert_eq!(latex.matches(r"\begin{align*}").count(), 2);
    /// ```
    pub fn to_latex(&self) -> String {
        let parts: Vec<String> = self.derivations.iter().map(Derivation::to_latex).collect();
        parts.join("\n")
    }

    /// The expression, the variables in turn, every derivation (as
    /// [`Derivation::to_json`]) and the result.
    ///
    /// ```
    /// use symdiff::{parse, calculus::steps::chain, Expr};
    /// let x = Expr::symbol("x");
    /// let json = chain(&parse("sin(x)").unwrap(), &[x.clone(), x]).to_json();
    /// assert_eq!(json["derivations"][1]["expression"], "cos(x)");
    /// assert_eq!(json["result"], "-sin(x)");
    /// ```
    pub fn to_json(&self) -> Value {
        let vars: Vec<String> = self.derivations.iter().map(|d| d.var.to_string()).collect();
        json!({
            "expression": self.expr.to_string(),
            "variables": vars,
            "derivations": self.derivations.iter().map(Derivation::to_json).collect::<Vec<_>>(),
            "result": self.result().to_string(),
        })
    }
}
