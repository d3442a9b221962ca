//! Polynomials with integer coefficients, read, differentiated and printed
//! without building expression nodes.
//!
//! A big expanded polynomial is where the general pipeline's cost per node
//! shows: each of its thousands of terms is hash-consed and canonicalised
//! when read, differentiated by the product rule, simplified, and sorted
//! again for printing. Held as monomials (exponent lists) in reading order,
//! the same polynomial is read in one pass over the tokens, differentiated
//! term by term, which keeps that order, and printed straight out. The text
//! is the general path's, to the character; the tests hold the two paths
//! to that.

use crate::expr::natural_cmp;
use crate::expr::Expr;
use crate::limits::Limits;
use crate::present::print::lex_cmp;
use crate::syntax::lexer::{self, Token};
use crate::syntax::parser::is_variable_name;
use rustc_hash::FxHashMap;
use std::fmt;
use std::iter::Peekable;

/// A polynomial in named variables with integer coefficients.
///
/// ```
/// use symdiff::{calculus::poly::Polynomial, Limits};
/// let p = Polynomial::read("3*x^2*y - 2*y + 1", &Limits::default()).unwrap();
/// assert_eq!(p.derivative("x").unwrap().to_string(), "6*x*y");
/// assert_eq!(p.to_expr(), symdiff::parse("3*x^2*y - 2*y + 1").unwrap());
/// // Anything else is left to the general parser.
/// assert!(Polynomial::read("x/2 + 1", &Limits::default()).is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Polynomial {
    /// The variables in natural order (`x2` before `x10`).
    vars: Vec<String>,
    /// The nonzero terms in reading order: higher degree first, then
    /// lexicographic, as the printer orders a sum.
    terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    coefficient: i64,
    /// `(variable, exponent)` by variable, exponents at least 1.
    powers: Vec<(usize, u32)>,
    degree: u64,
}

/// The highest total degree read: beyond 2^53 the printer's degrees, which
/// are floating point, would no longer tell terms apart.
const MAX_DEGREE: u64 = 1 << 53;

impl Polynomial {
    /// Reads `input` if it is a sum of integer multiples of products of
    /// variables raised to integer powers (`61*x1*x3^4 - 554*x2 + 7`), with
    /// coefficients that fit 64 bits and a size within `limits`.
    /// Anything else, including every input with an error, is `None`: the
    /// general parser reads it, or reports the error.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let limits = Limits::default();
    /// assert!(Polynomial::read("2x² - x*y + 1", &limits).is_some());
    /// assert!(Polynomial::read("sin(x)", &limits).is_none());
    /// assert!(Polynomial::read("x^", &limits).is_none());
    /// ```
    pub fn read(input: &str, limits: &Limits) -> Option<Polynomial> {
        if input.len() > limits.max_input_len {
            return None;
        }
        let mut reader = Reader {
            tokens: lexer::tokens(input, limits.max_digits).peekable(),
            index: FxHashMap::default(),
            names: Vec::new(),
        };
        let mut terms = vec![reader.term(false)?];
        while let Some(next) = reader.tokens.next() {
            match next.ok()?.1 {
                Token::Plus => terms.push(reader.term(false)?),
                Token::Minus => terms.push(reader.term(true)?),
                _ => return None,
            }
        }
        let p = Polynomial::from_terms(reader.names, terms)?;
        (p.node_bound() <= limits.max_nodes).then_some(p)
    }

    /// Puts the variables in natural order and the terms in reading order,
    /// adding like terms.
    fn from_terms(names: Vec<&str>, mut terms: Vec<Term>) -> Option<Polynomial> {
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| natural_cmp(names[a], names[b]));
        let mut rank = vec![0; names.len()];
        for (r, &v) in order.iter().enumerate() {
            rank[v] = r;
        }
        for t in &mut terms {
            for p in &mut t.powers {
                p.0 = rank[p.0];
            }
            t.powers.sort_unstable();
            t.powers.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = kept.1.saturating_add(later.1);
                }
                same
            });
            if t.powers.iter().any(|p| p.1 == u32::MAX) || t.degree > MAX_DEGREE {
                return None;
            }
        }
        terms.sort_unstable_by(|a, b| b.degree.cmp(&a.degree).then_with(|| lex(a, b)));
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            match merged.last_mut() {
                Some(last) if last.powers == t.powers => {
                    last.coefficient = last.coefficient.checked_add(t.coefficient)?;
                }
                _ => merged.push(t),
            }
        }
        merged.retain(|t| t.coefficient != 0);
        let vars = order.iter().map(|&v| names[v].to_string()).collect();
        Some(Polynomial::with_variables_used(vars, merged))
    }

    /// The polynomial of `terms` over those of `vars` that its terms use:
    /// variables whose terms all cancelled (`x - x` has none, as on the
    /// general path) or were differentiated away are not its own.
    /// Renumbering keeps the order of the others.
    fn with_variables_used(vars: Vec<String>, mut terms: Vec<Term>) -> Polynomial {
        let mut used = vec![false; vars.len()];
        for t in &terms {
            for p in &t.powers {
                used[p.0] = true;
            }
        }
        let mut renumbered = vec![0; vars.len()];
        let mut kept = Vec::new();
        for (v, name) in vars.into_iter().enumerate().filter(|&(v, _)| used[v]) {
            renumbered[v] = kept.len();
            kept.push(name);
        }
        for t in &mut terms {
            for p in &mut t.powers {
                p.0 = renumbered[p.0];
            }
        }
        Polynomial { vars: kept, terms }
    }

    /// The variables its terms use, in natural order.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x10*y + x2", &Limits::default()).unwrap();
    /// assert_eq!(p.variables(), ["x2", "x10", "y"]);
    /// ```
    pub fn variables(&self) -> &[String] {
        &self.vars
    }

    /// The derivative by the variable `var`; `None` if a coefficient would
    /// no longer fit 64 bits.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x^3*y + 5*y", &Limits::default()).unwrap();
    /// assert_eq!(p.derivative("y").unwrap().to_string(), "x^3 + 5");
    /// assert_eq!(p.derivative("z").unwrap().to_string(), "0");
    /// ```
    pub fn derivative(&self, var: &str) -> Option<Polynomial> {
        let Some(v) = self.vars.iter().position(|n| n == var) else {
            return Some(Polynomial {
                vars: Vec::new(),
                terms: Vec::new(),
            });
        };
        let mut terms = Vec::with_capacity(self.terms.len());
        // Lowering one exponent by one in every term keeps both the degree
        // order and the lexicographic order: no sorting, no like terms.
        for t in &self.terms {
            let Ok(at) = t.powers.binary_search_by_key(&v, |p| p.0) else {
                continue;
            };
            let exponent = t.powers[at].1;
            let mut powers = t.powers.clone();
            if exponent == 1 {
                powers.remove(at);
            } else {
                powers[at].1 -= 1;
            }
            terms.push(Term {
                coefficient: t.coefficient.checked_mul(i64::from(exponent))?,
                powers,
                degree: t.degree - 1,
            });
        }
        Some(Polynomial::with_variables_used(self.vars.clone(), terms))
    }

    /// The same polynomial as an expression.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x*y - y*x + 2*x^2", &Limits::default()).unwrap();
    /// assert_eq!(p.to_expr().to_string(), "2*x^2");
    /// ```
    pub fn to_expr(&self) -> Expr {
        let symbols: Vec<Expr> = self.vars.iter().map(|n| Expr::symbol(n)).collect();
        Expr::add(self.terms.iter().map(|t| {
            let powers = t
                .powers
                .iter()
                .map(|&(v, k)| Expr::pow(symbols[v].clone(), Expr::int(i64::from(k))));
            Expr::mul(std::iter::once(Expr::int(t.coefficient)).chain(powers))
        }))
    }

    /// At most how many nodes the polynomial has written out as a tree
    /// (a sum of products of coefficients and powers), which bounds its
    /// derivatives too: the limit on nodes holds here as on the general
    /// path, which bounds results written out as trees.
    fn node_bound(&self) -> usize {
        let powers: usize = self.terms.iter().map(|t| t.powers.len()).sum();
        3 * powers + 2 * self.terms.len() + 1
    }
}

/// The lexicographic order of two terms' monomials, as the printer sorts
/// a sum; variable indices are ranks in natural order.
fn lex(a: &Term, b: &Term) -> std::cmp::Ordering {
    lex_cmp(&a.powers, &b.powers, usize::cmp)
}

impl fmt::Display for Polynomial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.terms.is_empty() {
            return f.write_str("0");
        }
        // A positive term leads when there is one, as in any printed sum.
        let lead = self
            .terms
            .iter()
            .position(|t| t.coefficient > 0)
            .unwrap_or(0);
        let rest = self.terms.iter().enumerate().filter(|&(i, _)| i != lead);
        let in_print_order = std::iter::once(&self.terms[lead]).chain(rest.map(|(_, t)| t));
        // Written into one buffer: with thousands of terms, `write!`'s
        // formatting machinery per number would be most of the printing.
        let mut out = String::with_capacity(16 * self.terms.len());
        let mut digits = itoa::Buffer::new();
        for (i, t) in in_print_order.enumerate() {
            out.push_str(match (i, t.coefficient < 0) {
                (0, true) => "-",
                (0, false) => "",
                (_, true) => " - ",
                (_, false) => " + ",
            });
            let size = t.coefficient.unsigned_abs();
            let mut first = true;
            if size != 1 || t.powers.is_empty() {
                out.push_str(digits.format(size));
                first = false;
            }
            for &(v, k) in &t.powers {
                if !first {
                    out.push('*');
                }
                first = false;
                out.push_str(&self.vars[v]);
                if k != 1 {
                    out.push('^');
                    out.push_str(digits.format(k));
                }
            }
        }
        f.write_str(&out)
    }
}

/// Up to how many variables a name is looked up by a scan.
const FEW_VARIABLES: usize = 16;

/// Reads terms from the token stream.
struct Reader<'a> {
    tokens: Peekable<lexer::Tokens<'a>>,
    index: FxHashMap<&'a str, usize>,
    names: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    /// One term: factors joined by `*`, each with any signs before it.
    fn term(&mut self, negative: bool) -> Option<Term> {
        let mut term = Term {
            coefficient: if negative { -1 } else { 1 },
            powers: Vec::with_capacity(self.names.len().min(FEW_VARIABLES)),
            degree: 0,
        };
        loop {
            while let Some(Ok((_, sign @ (Token::Plus | Token::Minus), _))) = self.tokens.peek() {
                if *sign == Token::Minus {
                    term.coefficient = term.coefficient.checked_neg()?;
                }
                self.tokens.next();
            }
            match self.tokens.next()?.ok()? {
                (_, Token::Number(n), _) => {
                    term.coefficient = term.coefficient.checked_mul(n.to_i64()?)?;
                }
                (_, Token::Ident(name), _) if is_variable_name(name) => {
                    let v = self.variable(name);
                    let k = self.exponent()?;
                    term.degree += u64::from(k);
                    if k > 0 {
                        term.powers.push((v, k));
                    }
                }
                _ => return None,
            }
            match self.tokens.peek() {
                Some(Ok((_, Token::Star, _))) => {
                    self.tokens.next();
                }
                Some(Ok((_, Token::Plus | Token::Minus, _))) | None => return Some(term),
                _ => return None,
            }
        }
    }

    /// The index of the variable `name`, given on first sight.
    fn variable(&mut self, name: &'a str) -> usize {
        // Most polynomials have a few variables, found faster by looking
        // than by hashing.
        if self.names.len() <= FEW_VARIABLES {
            if let Some(v) = self.names.iter().position(|n| *n == name) {
                return v;
            }
        }
        let next = self.names.len();
        let v = *self.index.entry(name).or_insert(next);
        if v == next {
            self.names.push(name);
        }
        v
    }

    /// The exponent after a variable: `^k` or a superscript, 1 without
    /// one. `None` for anything but a natural number that fits 32 bits,
    /// and for a second exponent (`x^2^3` is `x^8`, left to the parser).
    fn exponent(&mut self) -> Option<u32> {
        let k = match self.tokens.peek() {
            Some(Ok((_, Token::Caret, _))) => {
                self.tokens.next();
                match self.tokens.next()?.ok()?.1 {
                    Token::Number(n) => u32::try_from(n.to_i64()?).ok()?,
                    _ => return None,
                }
            }
            Some(Ok((_, Token::Superscript(k), _))) => {
                let k = u32::try_from(*k).ok()?;
                self.tokens.next();
                k
            }
            _ => 1,
        };
        match self.tokens.peek() {
            Some(Ok((
                _,
                Token::Caret | Token::Superscript(_) | Token::LParen | Token::Prime,
                _,
            ))) => None,
            _ => Some(k),
        }
    }
}
