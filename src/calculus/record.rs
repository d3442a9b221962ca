//! What the differentiator records as it works: the rule it applies to
//! each expression ([`Rule`], [`Step`]), reported to a [`Recorder`]. The
//! differentiator owns these; `steps` presents them.

use crate::expr::Expr;
use crate::functions::identity::Identity;

/// A rule of differentiation, as a person names it.
///
/// ```
/// assert_eq!(symdiff::calculus::steps::Rule::Product.name(), "product");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `d(u + v) = du + dv`.
    Sum,
    /// `d(c*u) = c*du`.
    ConstantMultiple,
    /// `d(u*v) = du*v + u*dv`.
    Product,
    /// `d(u/v) = (du*v - u*dv)/v^2`.
    Quotient,
    /// `d(u^n) = n*u^(n-1)*du`.
    Power,
    /// `d(e^u) = e^u*du` and `d(c^u) = ln(c)*c^u*du`.
    Exponential,
    /// `d(ln(u)) = du/u`.
    Logarithm,
    /// An entry of the table of function derivatives, `d(sin(u)) = cos(u)*du`.
    Function,
    /// `f^g = e^(g*ln(f))`, the rewrite that differentiates a power whose
    /// base and exponent both vary.
    PowerRewrite,
    /// The derivative of an expression free of the variable is 0.
    Constant,
    /// The derivative of the variable itself is 1.
    Variable,
    /// The rewriting of the raw derivative into the printed result.
    Simplify,
    /// A named identity between functions, applied while simplifying
    /// (`sinh(u)/cosh(u) = tanh(u)`).
    Identity(&'static Identity),
}

impl Rule {
    /// The rule's name in JSON (snake case).
    ///
    /// ```
    /// assert_eq!(symdiff::calculus::steps::Rule::PowerRewrite.name(), "power_rewrite");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Rule::Sum => "sum",
            Rule::ConstantMultiple => "constant_multiple",
            Rule::Product => "product",
            Rule::Quotient => "quotient",
            Rule::Power => "power",
            Rule::Exponential => "exponential",
            Rule::Logarithm => "logarithm",
            Rule::Function => "table",
            Rule::PowerRewrite => "power_rewrite",
            Rule::Constant => "constant",
            Rule::Variable => "variable",
            Rule::Simplify => "simplify",
            Rule::Identity(_) => "identity",
        }
    }

    /// The rule's name for a person.
    ///
    /// ```
    /// assert_eq!(symdiff::calculus::steps::Rule::Product.label(), "product rule");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Rule::Sum => "sum rule",
            Rule::ConstantMultiple => "constant multiple rule",
            Rule::Product => "product rule",
            Rule::Quotient => "quotient rule",
            Rule::Power => "power rule",
            Rule::Exponential => "exponential rule",
            Rule::Logarithm => "logarithm rule",
            Rule::Function => "table",
            Rule::PowerRewrite => "rewrite",
            Rule::Constant => "constant rule",
            Rule::Variable => "variable rule",
            Rule::Simplify => "simplify",
            Rule::Identity(_) => "identity",
        }
    }
}

/// One rule applied to one expression.
///
/// ```
/// use symdiff::{parse, calculus::steps::{derivation, Rule}, Expr};
/// let d = derivation(&parse("sin(2*x^2)").unwrap(), &Expr::symbol("x"));
/// let chain = d.steps.iter().find(|s| s.rule == Rule::Function).unwrap();
/// assert_eq!(chain.inner.as_ref().unwrap().to_string(), "2*x^2");
/// assert_eq!(chain.formula(), "d(sin(u)) = cos(u)*du");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The rule applied.
    pub rule: Rule,
    /// What the rule applies to: the expression differentiated (or, for a
    /// rewrite or the simplification, the expression rewritten).
    pub before: Expr,
    /// The derivative (or the rewritten expression).
    pub after: Expr,
    /// The inner function `u` the chain rule goes through, when it is not
    /// the variable itself.
    pub inner: Option<Expr>,
    /// How deep inside the input the step works (0: the whole input).
    pub depth: usize,
}

impl Step {
    pub(crate) fn new(rule: Rule, before: &Expr, after: &Expr, inner: Option<Expr>) -> Step {
        Step {
            rule,
            before: before.clone(),
            after: after.clone(),
            inner,
            depth: 0,
        }
    }
}

/// Where the engine reports each rule it applies. The silent recorder has
/// `ON = false`, so every report (and the building of its data) is compiled
/// out of the ordinary derivative: recording costs nothing when off.
pub(crate) trait Recorder {
    const ON: bool;
    fn record(&mut self, step: Step);
}

/// The recorder of plain derivatives: reports nothing.
pub(crate) struct Silent;

impl Recorder for Silent {
    const ON: bool = false;
    fn record(&mut self, _: Step) {}
}

impl Recorder for Vec<Step> {
    const ON: bool = true;
    fn record(&mut self, step: Step) {
        self.push(step);
    }
}
