//! Plain text in the input syntax, with minimal parentheses; it parses back
//! to an equal expression.

use super::order::DisplayOrder;
use super::{as_fraction, deep, is_fraction_like, signed_terms};
use crate::expr::walk::tree_size;
use crate::expr::{Expr, Func, Node, Number};
use rustc_hash::FxHashMap;
use std::fmt::{self, Write};
use std::ops::Range;

/// The fewest nodes of a subexpression whose text the printer keeps, to
/// copy when it meets the subexpression again (`sin(x2)` is laid out anew).
const KEPT_MIN_SIZE: usize = 4;

/// How tightly the surrounding syntax binds: an operand that binds less
/// tightly than its context needs gets parentheses.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Context {
    /// A whole expression, a function argument, a term of a sum.
    Sum,
    /// A factor of a product.
    Product,
    /// A lone denominator: `x/y^2` needs no parentheses.
    Power,
    /// A power's base or exponent.
    Atom,
}

/// Prints into one string; the text of a compound node met a second time is
/// kept, so a subexpression shared across a gradient's entries is laid out
/// once and copied after.
#[derive(Default)]
struct TextPrinter {
    out: String,
    order: DisplayOrder,
    /// Compound nodes printed before, with their text from the second time on.
    seen: FxHashMap<Expr, Option<Range<usize>>>,
    /// Where kept texts live (`seen` holds ranges into it).
    kept: String,
}

impl TextPrinter {
    fn expr(&mut self, e: &Expr, context: Context) -> fmt::Result {
        // A leaf prints without recursing: no level to count.
        if e.args().is_empty() {
            return self.expr_here(e, context);
        }
        deep(|| self.expr_here(e, context))
    }

    fn expr_here(&mut self, e: &Expr, context: Context) -> fmt::Result {
        // Asked once here, for the parentheses and for the layout.
        let fraction_like = is_fraction_like(e);
        if binding(e, fraction_like) < context {
            self.out.write_char('(')?;
            self.bare(e, fraction_like)?;
            self.out.write_char(')')
        } else {
            self.bare(e, fraction_like)
        }
    }

    fn bare(&mut self, e: &Expr, fraction_like: bool) -> fmt::Result {
        // A node this small lays out for less than keeping it costs.
        if tree_size(e) < KEPT_MIN_SIZE {
            return self.layout(e, fraction_like);
        }
        match self.seen.get(e) {
            Some(Some(range)) => {
                self.out.push_str(&self.kept[range.clone()]);
                Ok(())
            }
            Some(None) => {
                let start = self.out.len();
                self.layout(e, fraction_like)?;
                let kept_start = self.kept.len();
                self.kept.push_str(&self.out[start..]);
                self.seen
                    .insert(e.clone(), Some(kept_start..self.kept.len()));
                Ok(())
            }
            None => {
                self.seen.insert(e.clone(), None);
                self.layout(e, fraction_like)
            }
        }
    }

    /// `e` laid out; `fraction_like` is [`is_fraction_like`] of it.
    fn layout(&mut self, e: &Expr, fraction_like: bool) -> fmt::Result {
        if fraction_like {
            return self.fraction(e);
        }
        match e.node() {
            Node::Num(n) => match n.to_i64() {
                // Most numbers are integers (and most matrix entries 0).
                Some(k) => self.out.write_str(itoa::Buffer::new().format(k)),
                None => self.out.write_str(&super::number_text(n)),
            },
            Node::Const(c) => self.out.write_str(c.name()),
            Node::Sym(s) => self.out.write_str(s),
            Node::Add(terms) => self.sum(terms),
            Node::Pow([base, exp]) if is_half(exp) => {
                self.call_like("sqrt", std::slice::from_ref(base))
            }
            Node::Pow([base, exp]) => {
                self.expr(base, Context::Atom)?;
                self.out.write_char('^')?;
                self.expr(exp, Context::Atom)
            }
            Node::Call(Func::Undefined(f), args) => {
                let name = f.display_name(args.len());
                self.call_like(&name, args)
            }
            Node::Call(f, args) => self.call_like(f.name(), args),
            Node::Mul(_) => self.fraction(e),
        }
    }

    fn call_like(&mut self, name: &str, args: &[Expr]) -> fmt::Result {
        self.out.write_str(name)?;
        self.out.write_char('(')?;
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.write_str(", ")?;
            }
            self.expr(a, Context::Sum)?;
        }
        self.out.write_char(')')
    }

    fn sum(&mut self, terms: &[Expr]) -> fmt::Result {
        let signed = signed_terms(terms, &mut self.order);
        for (i, (negative, term)) in signed.iter().enumerate() {
            match (i, negative) {
                (0, true) => self.out.write_char('-')?,
                (0, false) => {}
                (_, true) => self.out.write_str(" - ")?,
                (_, false) => self.out.write_str(" + ")?,
            }
            // After a minus, a sum-level term needs parentheses: a - (b + c).
            self.expr(term, Context::Product)?;
        }
        Ok(())
    }

    fn fraction(&mut self, e: &Expr) -> fmt::Result {
        // A leading minus reads back as a factor -1 of the whole product
        // (see the grammar), so `-(a + b)*c` needs no special order.
        let f = as_fraction(e, &mut self.order);
        if f.negative {
            self.out.write_char('-')?;
        }
        if f.numerator.is_empty() {
            self.out.write_char('1')?;
        }
        // `d/dx`, `d^2/dfoo(y)` at the start read back as derivative
        // operators: a quotient of the variable d by a name in d is
        // written `(d)/dx`.
        let operator_like = matches!(f.numerator.as_slice(), [n] if named_d(n))
            && f.denominator
                .first()
                .is_some_and(|e| name_of(e).is_some_and(|s| s.starts_with('d')));
        if operator_like {
            self.out.write_char('(')?;
        }
        for (i, factor) in f.numerator.iter().enumerate() {
            if i > 0 {
                self.out.write_char('*')?;
            }
            self.expr(factor, Context::Product)?;
        }
        if operator_like {
            self.out.write_char(')')?;
        }
        // `1/(2*(x + y))` would read back as `1/(2*x + 2*y)`, since a number
        // times a lone sum distributes: such a number is divided out last.
        let mut denominator = f.denominator;
        let mut divide_last = None;
        if let [a, b] = denominator.as_slice() {
            let lone_sum = |e: &Expr| matches!(e.node(), Node::Add(_));
            if a.as_number().is_some() && lone_sum(b) {
                divide_last = Some(denominator.remove(0));
            } else if b.as_number().is_some() && lone_sum(a) {
                divide_last = denominator.pop();
            }
        }
        self.denominator(&denominator)?;
        match divide_last {
            Some(number) => {
                self.out.write_char('/')?;
                self.expr(&number, Context::Power)
            }
            None => Ok(()),
        }
    }

    fn denominator(&mut self, factors: &[Expr]) -> fmt::Result {
        match factors {
            [] => Ok(()),
            [single] => {
                self.out.write_char('/')?;
                self.expr(single, Context::Power)
            }
            several => {
                self.out.write_str("/(")?;
                for (i, factor) in several.iter().enumerate() {
                    if i > 0 {
                        self.out.write_char('*')?;
                    }
                    self.expr(factor, Context::Product)?;
                }
                self.out.write_char(')')
            }
        }
    }
}

fn is_half(e: &Expr) -> bool {
    e.as_number().is_some_and(Number::is_half)
}

/// How tightly `e` binds as printed; `fraction_like` is
/// [`is_fraction_like`] of it.
fn binding(e: &Expr, fraction_like: bool) -> Context {
    if fraction_like {
        // A quotient is a product in disguise (`x/y`); a leading minus binds
        // like a sum's (`-x` needs parentheses as a base or a factor).
        let negative = match e.node() {
            Node::Num(n) => n.is_negative(),
            Node::Mul(fs) => fs[0].as_number().is_some_and(Number::is_negative),
            _ => false,
        };
        return if negative {
            Context::Sum
        } else {
            Context::Product
        };
    }
    match e.node() {
        Node::Add(_) => Context::Sum,
        Node::Pow([_, exp]) if !is_half(exp) => Context::Power,
        _ => Context::Atom,
    }
}

impl fmt::Display for Expr {
    /// The expression in the input syntax, with minimal parentheses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut printer = TextPrinter::default();
        printer.expr(self, Context::Sum)?;
        f.write_str(&printer.out)
    }
}

/// Several expressions as text, sharing the work on their common parts
/// (the entries of a gradient or a Hessian).
///
/// ```
/// let entries = [symdiff::parse("x + 1").unwrap(), symdiff::parse("2*(x + 1)^2").unwrap()];
/// assert_eq!(symdiff::present::print::to_text_all(&entries), ["x + 1", "2*(x + 1)^2"]);
/// ```
pub fn to_text_all(exprs: &[Expr]) -> Vec<String> {
    let mut texts = Vec::with_capacity(exprs.len());
    for_each_text(exprs, |text| texts.push(text.to_owned()));
    texts
}

/// Each of `exprs` as text, handed to `each` in turn, sharing the work on
/// their common parts as [`to_text_all`] does, without a string of each.
pub(crate) fn for_each_text(exprs: &[Expr], mut each: impl FnMut(&str)) {
    let mut printer = TextPrinter::default();
    let mut previous: Option<&Expr> = None;
    for e in exprs {
        // Runs of one entry (the zeros of a sparse Jacobian) print once.
        if previous != Some(e) {
            printer.out.clear();
            // Writing to a String cannot fail.
            let _ = printer.expr(e, Context::Sum);
            previous = Some(e);
        }
        each(&printer.out);
    }
}

/// Whether `e` is the variable `d` or a power of it.
fn named_d(e: &Expr) -> bool {
    let base = match e.node() {
        Node::Pow([b, _]) => b,
        _ => e,
    };
    base.as_symbol() == Some("d")
}

/// The name a factor prints first: a variable's, a call's, or its base's.
fn name_of(e: &Expr) -> Option<&str> {
    match e.node() {
        Node::Sym(_) => e.as_symbol(),
        Node::Call(f, _) => Some(f.name()),
        Node::Pow([b, _]) => name_of(b),
        _ => None,
    }
}
