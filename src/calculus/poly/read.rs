//! The text reader: a polynomial read straight from tokens, without
//! building expression nodes.

use super::{monomial_order, Polynomial, Term, MAX_DEGREE};
use crate::expr::{natural_cmp, Number};
use crate::limits::Limits;
use crate::syntax::lexer::{self, Token};
use crate::syntax::parser::is_variable_name;
use rustc_hash::FxHashMap;
use std::iter::Peekable;

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
    fn from_terms(names: Vec<&str>, mut terms: Vec<RawTerm>) -> Option<Polynomial> {
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
        // Sorted while the coefficients are machine words: moving the
        // small terms is most of the sorting of a big polynomial.
        terms.sort_unstable_by(|a, b| monomial_order(a.degree, &a.powers, b.degree, &b.powers));
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            let coefficient = Number::int(t.coefficient);
            match merged.last_mut() {
                Some(last) if last.powers == t.powers => {
                    last.coefficient = last.coefficient.clone() + coefficient;
                }
                _ => merged.push(Term {
                    coefficient,
                    powers: t.powers,
                    degree: t.degree,
                }),
            }
        }
        merged.retain(|t| !t.coefficient.is_zero());
        let vars = order.iter().map(|&v| names[v].to_string()).collect();
        Some(Polynomial::with_variables_used(vars, merged))
    }
}

/// A term as read: its coefficient a machine word (never `i64::MIN`).
struct RawTerm {
    coefficient: i64,
    powers: Vec<(usize, u32)>,
    degree: u64,
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
    fn term(&mut self, negative: bool) -> Option<RawTerm> {
        let mut term = RawTerm {
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
                // i64::MIN has no negation: such a term is left to the parser.
                Some(Ok((_, Token::Plus | Token::Minus, _))) | None => {
                    return (term.coefficient != i64::MIN).then_some(term);
                }
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
