//! LaTeX: `\frac`, `\sqrt`, `\ln`, `\sin`, powers and function powers
//! (`\sin^{2}\left(x\right)`), Greek letters and subscripted names.

use super::order::DisplayOrder;
use super::{as_fraction, deep, is_fraction_like, signed_terms};
use crate::expr::{Constant, Expr, Func, Node, Number};
use crate::functions::Latex;

/// The expression as LaTeX math (without surrounding `$`).
///
/// ```
/// let e = symdiff::parse("sqrt(x)/(2*x) + sin(x)^2").unwrap();
/// assert_eq!(symdiff::to_latex(&e), r"\sin^{2}\left(x\right) + \frac{1}{2 \sqrt{x}}");
/// ```
pub fn to_latex(e: &Expr) -> String {
    let mut printer = LatexPrinter {
        out: String::new(),
        order: DisplayOrder::default(),
    };
    printer.expr(e);
    printer.out
}

struct LatexPrinter {
    out: String,
    order: DisplayOrder,
}

impl LatexPrinter {
    fn expr(&mut self, e: &Expr) {
        deep(|| self.expr_here(e));
    }

    fn expr_here(&mut self, e: &Expr) {
        if is_fraction_like(e) {
            return self.fraction(e);
        }
        match e.node() {
            Node::Num(n) => self.out.push_str(&super::number_text(n)),
            Node::Const(Constant::Pi) => self.out.push_str(r"\pi"),
            Node::Const(Constant::E) => self.out.push('e'),
            Node::Sym(s) => self.out.push_str(&symbol(s)),
            Node::Add(terms) => self.sum(terms),
            Node::Mul(_) => self.fraction(e),
            Node::Pow([base, exp]) => self.power(base, exp),
            Node::Call(f, args) => self.call(f, args, None),
        }
    }

    /// `e`, in parentheses when it would not bind as a factor.
    fn factor(&mut self, e: &Expr) {
        if matches!(e.node(), Node::Add(_)) || is_negative(e) {
            self.parenthesized(e);
        } else {
            self.expr(e);
        }
    }

    fn parenthesized(&mut self, e: &Expr) {
        self.out.push_str(r"\left(");
        self.expr(e);
        self.out.push_str(r"\right)");
    }

    fn sum(&mut self, terms: &[Expr]) {
        let signed = signed_terms(terms, &mut self.order);
        for (i, (negative, term)) in signed.iter().enumerate() {
            match (i, negative) {
                (0, true) => self.out.push('-'),
                (0, false) => {}
                (_, true) => self.out.push_str(" - "),
                (_, false) => self.out.push_str(" + "),
            }
            self.factor(term);
        }
    }

    fn product(&mut self, factors: &[Expr]) {
        for (i, f) in factors.iter().enumerate() {
            if i > 0 {
                // A number after another factor needs an explicit dot: 2 \cdot 3.
                let sep = if f.as_number().is_some() {
                    r" \cdot "
                } else {
                    " "
                };
                self.out.push_str(sep);
            }
            self.factor(f);
        }
    }

    fn fraction(&mut self, e: &Expr) {
        let f = as_fraction(e, &mut self.order);
        if f.negative {
            self.out.push('-');
        }
        if f.denominator.is_empty() {
            // -1 is a sign over an empty product: the 1 must still show.
            if f.numerator.is_empty() {
                return self.out.push('1');
            }
            return self.product(&f.numerator);
        }
        self.out.push_str(r"\frac{");
        self.fraction_part(&f.numerator);
        self.out.push_str("}{");
        self.fraction_part(&f.denominator);
        self.out.push('}');
    }

    /// One side of a `\frac`: the braces already group it.
    fn fraction_part(&mut self, factors: &[Expr]) {
        match factors {
            [] => self.out.push('1'),
            [single] => self.expr(single),
            several => self.product(several),
        }
    }

    fn power(&mut self, base: &Expr, exp: &Expr) {
        if let Some(n) = exp.as_number() {
            if *n == Number::ratio(1, 2) {
                self.out.push_str(r"\sqrt{");
                self.expr(base);
                return self.out.push('}');
            }
            if let Node::Call(f, args) = base.node() {
                if matches!(f.def().map(|d| d.latex), Some(Latex::Operator(_))) {
                    return self.call(f, args, Some(exp));
                }
            }
        }
        let needs_parens = matches!(base.node(), Node::Add(_) | Node::Mul(_) | Node::Pow(_))
            || is_fraction_like(base)
            || matches!(base.node(), Node::Call(Func::Exp, _));
        if needs_parens {
            self.parenthesized(base);
        } else {
            self.expr(base);
        }
        self.out.push_str("^{");
        self.expr(exp);
        self.out.push('}');
    }

    /// A call, with `power` written on the function name: `\sin^{2}(x)`.
    fn call(&mut self, f: &Func, args: &[Expr], power: Option<&Expr>) {
        let name = match (f, f.def().map(|d| d.latex)) {
            (_, Some(Latex::Wrap(open, close))) => {
                self.out.push_str(open);
                self.expr(&args[0]);
                return self.out.push_str(close);
            }
            (_, Some(Latex::Operator(name))) => name.to_string(),
            (Func::Undefined(u), None) => u.display_name(args.len()),
            (_, None) => f.name().to_string(),
        };
        self.out.push_str(&name);
        if let Some(p) = power {
            self.out.push_str("^{");
            self.expr(p);
            self.out.push('}');
        }
        self.out.push_str(r"\left(");
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(a);
        }
        self.out.push_str(r"\right)");
    }
}

fn is_negative(e: &Expr) -> bool {
    e.negated_if_negative().is_some()
}

pub(crate) const GREEK: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
];

/// A variable name in LaTeX: Greek names as letters, a trailing number or
/// an `_` part as a subscript (`x1` → `x_{1}`, `theta_0` → `\theta_{0}`).
fn symbol(name: &str) -> String {
    let (head, sub) = match name.split_once('_') {
        Some((h, s)) if !h.is_empty() && !s.is_empty() => (h, s),
        _ => {
            let cut = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if cut > 0 && cut < name.len() {
                (&name[..cut], &name[cut..])
            } else {
                (name, "")
            }
        }
    };
    let head = if GREEK.contains(&head) {
        format!(r"\{head}")
    } else if head.chars().count() > 1 {
        format!(r"\mathrm{{{head}}}")
    } else {
        head.to_string()
    };
    if sub.is_empty() {
        head
    } else {
        format!("{head}_{{{}}}", sub.replace('_', r"\_"))
    }
}
