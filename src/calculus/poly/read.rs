//! The text reader: a polynomial read straight from tokens, without
//! building expression nodes.

use super::ascii::AsciiTokens;
use super::{monomial_order, Polynomial, Term, MAX_DEGREE};
use crate::expr::{natural_cmp, Expr, Node, Number};
use crate::limits::Limits;
use crate::syntax::lexer::{self, Spanned, Token};
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
        let mut ascii = AsciiTokens::new(input, limits.max_digits);
        let read = Reader::new(&mut ascii).terms();
        let (names, terms) = match ascii.stopped() {
            false => read?,
            true => {
                let general = lexer::tokens(input, limits.max_digits).map(PolyToken::from);
                Reader::new(general).terms()?
            }
        };
        let p = Polynomial::from_terms(names, terms)?;
        (p.node_bound() <= limits.max_nodes).then_some(p)
    }

    /// The polynomial an expression holds when it is an expanded one, as
    /// [`Polynomial::read`] reads it from text: a sum of integer multiples
    /// (fitting 64 bits) of products of variables to natural powers, with a
    /// size within `limits`. `None` for anything else, such as an
    /// unexpanded power of a sum.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, parse, Limits};
    /// let limits = Limits::default();
    /// let p = Polynomial::from_expanded(&parse("3*x^2*y - y + 1").unwrap(), &limits).unwrap();
    /// assert_eq!(p.derivative("x").unwrap().to_string(), "6*x*y");
    /// assert!(Polynomial::from_expanded(&parse("(x + 1)^2").unwrap(), &limits).is_none());
    /// ```
    pub fn from_expanded(e: &Expr, limits: &Limits) -> Option<Polynomial> {
        let mut names = Names::default();
        let terms = match e.node() {
            Node::Add(terms) => terms
                .iter()
                .map(|t| RawTerm::of(t, &mut names))
                .collect::<Option<Vec<_>>>()?,
            _ => vec![RawTerm::of(e, &mut names)?],
        };
        let p = Polynomial::from_terms(names.names, terms)?;
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
        match Packing::of(names.len(), &terms) {
            Some(packing) => terms.sort_by_cached_key(|t| std::cmp::Reverse(packing.key(t))),
            None => terms
                .sort_unstable_by(|a, b| monomial_order(a.degree, &a.powers, b.degree, &b.powers)),
        }
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

/// Monomials packed into one number each, when all of a polynomial's
/// fit, so that reading order is the numbers' descending order: the degree
/// in the top bits, then the exponent of each variable in natural order,
/// as many bits each as the largest exponent needs. Reading order is by
/// degree, then lexicographic over the exponents with absent ones 0, which
/// is the order of these digits. Comparing two numbers costs far less than
/// comparing two lists of powers, and a big polynomial makes many
/// comparisons.
struct Packing {
    variables: usize,
    width: u32,
    exponent_bits: u32,
}

impl Packing {
    /// The packing for `terms` in `variables` variables, if they fit.
    fn of(variables: usize, terms: &[RawTerm]) -> Option<Packing> {
        let bits_of = |n: u64| u64::BITS - n.leading_zeros();
        let largest = terms.iter().flat_map(|t| &t.powers).map(|p| p.1).max();
        let width = bits_of(u64::from(largest.unwrap_or(0))).max(1);
        let degree_bits = bits_of(terms.iter().map(|t| t.degree).max().unwrap_or(0));
        let exponent_bits = u32::try_from(variables).ok()?.checked_mul(width)?;
        (exponent_bits.checked_add(degree_bits.max(1))? <= u128::BITS).then_some(Packing {
            variables,
            width,
            exponent_bits,
        })
    }

    fn key(&self, t: &RawTerm) -> u128 {
        let top = u128::from(t.degree) << self.exponent_bits;
        t.powers.iter().fold(top, |key, &(v, k)| {
            let place = (self.variables - 1 - v) as u32 * self.width;
            key | u128::from(k) << place
        })
    }
}

/// A term as read: its coefficient a machine word (never `i64::MIN`).
struct RawTerm {
    coefficient: i64,
    powers: Vec<(usize, u32)>,
    degree: u64,
}

impl RawTerm {
    /// The term `e` is, if a monomial: its variables numbered by where
    /// they are in `names`, new ones added.
    fn of<'a>(e: &'a Expr, names: &mut Names<'a>) -> Option<RawTerm> {
        let (coefficient, factors) = match e.node() {
            Node::Num(n) => (n.to_i64()?, &[][..]),
            Node::Mul(fs) => match fs[0].as_number() {
                Some(n) => (n.to_i64()?, &fs[1..]),
                None => (1, &fs[..]),
            },
            _ => (1, std::slice::from_ref(e)),
        };
        let mut term = RawTerm {
            coefficient,
            powers: Vec::with_capacity(factors.len()),
            degree: 0,
        };
        for f in factors {
            let (name, k) = match f.node() {
                Node::Sym(name) => (&**name, 1),
                Node::Pow([b, k]) => (b.as_symbol()?, k.as_number()?.to_i64()?),
                _ => return None,
            };
            let k = u32::try_from(k).ok().filter(|&k| k > 0)?;
            let v = names.variable(name)?;
            term.degree += u64::from(k);
            term.powers.push((v, k));
        }
        (term.coefficient != i64::MIN).then_some(term)
    }
}

/// Up to how many variables a name is looked up by a scan.
const FEW_VARIABLES: usize = 16;

/// A token as the reader sees it: a polynomial holds a few kinds, and
/// every other token (or lexer error) ends the reading the same way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PolyToken<'a> {
    /// An integer literal that fits 64 bits.
    Int(i64),
    Name(&'a str),
    Plus,
    Minus,
    Star,
    Caret,
    Superscript(i64),
    /// Anything else: not part of a polynomial.
    Other,
}

impl<'a> From<Spanned<'a>> for PolyToken<'a> {
    fn from(token: Spanned<'a>) -> PolyToken<'a> {
        match token.map(|(_, t, _)| t) {
            Ok(Token::Number(n)) => n.to_i64().map_or(PolyToken::Other, PolyToken::Int),
            Ok(Token::Ident(name)) => PolyToken::Name(name),
            Ok(Token::Plus) => PolyToken::Plus,
            Ok(Token::Minus) => PolyToken::Minus,
            Ok(Token::Star) => PolyToken::Star,
            Ok(Token::Caret) => PolyToken::Caret,
            Ok(Token::Superscript(k)) => PolyToken::Superscript(k),
            _ => PolyToken::Other,
        }
    }
}

/// The variables met so far, numbered in the order met.
#[derive(Default)]
struct Names<'a> {
    index: FxHashMap<&'a str, usize>,
    names: Vec<&'a str>,
}

impl<'a> Names<'a> {
    /// The number of the variable `name`, given on first sight; `None` for
    /// a name that is no variable (a constant or a function).
    fn variable(&mut self, name: &'a str) -> Option<usize> {
        // Most polynomials have a few variables, found faster by looking
        // than by hashing.
        if self.names.len() <= FEW_VARIABLES {
            if let Some(v) = self.names.iter().position(|n| *n == name) {
                return Some(v);
            }
        }
        let next = self.names.len();
        if let Some(&v) = self.index.get(name) {
            return Some(v);
        }
        // Checked once a name, not at every term that names it.
        if !is_variable_name(name) {
            return None;
        }
        self.index.insert(name, next);
        self.names.push(name);
        Some(next)
    }
}

/// Reads terms from the token stream.
struct Reader<'a, I: Iterator<Item = PolyToken<'a>>> {
    tokens: Peekable<I>,
    names: Names<'a>,
}

impl<'a, I: Iterator<Item = PolyToken<'a>>> Reader<'a, I> {
    fn new(tokens: I) -> Self {
        Reader {
            tokens: tokens.peekable(),
            names: Names::default(),
        }
    }

    /// All the terms, with the variables' names by index.
    fn terms(mut self) -> Option<(Vec<&'a str>, Vec<RawTerm>)> {
        let mut terms = vec![self.term(false)?];
        while let Some(next) = self.tokens.next() {
            match next {
                PolyToken::Plus => terms.push(self.term(false)?),
                PolyToken::Minus => terms.push(self.term(true)?),
                _ => return None,
            }
        }
        Some((self.names.names, terms))
    }

    /// One term: factors joined by `*`, each with any signs before it.
    fn term(&mut self, negative: bool) -> Option<RawTerm> {
        let mut term = RawTerm {
            coefficient: if negative { -1 } else { 1 },
            powers: Vec::with_capacity(self.names.names.len().min(FEW_VARIABLES)),
            degree: 0,
        };
        loop {
            while let Some(sign @ (PolyToken::Plus | PolyToken::Minus)) = self.tokens.peek() {
                if *sign == PolyToken::Minus {
                    term.coefficient = term.coefficient.checked_neg()?;
                }
                self.tokens.next();
            }
            match self.tokens.next()? {
                PolyToken::Int(n) => {
                    term.coefficient = term.coefficient.checked_mul(n)?;
                }
                PolyToken::Name(name) => {
                    let v = self.names.variable(name)?;
                    let k = self.exponent()?;
                    term.degree += u64::from(k);
                    if k > 0 {
                        term.powers.push((v, k));
                    }
                }
                _ => return None,
            }
            match self.tokens.peek() {
                Some(PolyToken::Star) => {
                    self.tokens.next();
                }
                // i64::MIN has no negation: such a term is left to the parser.
                Some(PolyToken::Plus | PolyToken::Minus) | None => {
                    return (term.coefficient != i64::MIN).then_some(term);
                }
                _ => return None,
            }
        }
    }

    /// The exponent after a variable: `^k` or a superscript, 1 without
    /// one. `None` for anything but a natural number that fits 32 bits,
    /// and for a second exponent (`x^2^3` is `x^8`, left to the parser).
    fn exponent(&mut self) -> Option<u32> {
        let k = match self.tokens.peek() {
            Some(PolyToken::Caret) => {
                self.tokens.next();
                match self.tokens.next()? {
                    PolyToken::Int(n) => u32::try_from(n).ok()?,
                    _ => return None,
                }
            }
            Some(&PolyToken::Superscript(k)) => {
                self.tokens.next();
                u32::try_from(k).ok()?
            }
            _ => 1,
        };
        match self.tokens.peek() {
            Some(PolyToken::Caret | PolyToken::Superscript(_) | PolyToken::Other) => None,
            _ => Some(k),
        }
    }
}
