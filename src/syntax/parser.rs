//! Glue between the lexer, the generated parser and our errors: runs the
//! grammar, converts every lalrpop error in one place, and enforces the
//! input limits before any work is done.

use crate::error::{Error, ErrorKind};
use crate::expr::{Constant, Expr, Node, Number};
use crate::functions::{self as func, CallError, Func, Resolved, UndefinedFunc};
use crate::limits::Limits;
use crate::syntax::lexer::{self, Token};
use crate::syntax::operator::Operator;
use lalrpop_util::ParseError as LalrpopError;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::Arc;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
    grammar,
    "/symdiff.rs"
);

/// What the parser read: one expression, a vector `[f1, f2, ...]`, or an
/// equation `F = G`.
///
/// ```
/// use symdiff::{parse_input, Limits, Parsed};
/// let out = parse_input("[x, y^2]", &Limits::default()).unwrap();
/// assert!(matches!(out.value, Parsed::Vector(ref v) if v.len() == 2));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// A single expression.
    Scalar(Expr),
    /// A vector of expressions.
    Vector(Vec<Expr>),
    /// An equation `lhs = rhs` (one `=`, outside brackets), for implicit
    /// differentiation.
    Equation(Expr, Expr),
}

/// Something worth telling the user that is not an error, such as an
/// unknown function name that looks like a typo.
///
/// ```
/// use symdiff::{parse_input, Limits};
/// let out = parse_input("sinn(x)", &Limits::default()).unwrap();
/// assert!(out.notes[0].message.contains("did you mean sin?"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The note, one sentence.
    pub message: String,
    /// The bytes of the input it is about.
    pub span: Range<usize>,
}

/// What the grammar's actions gather while they build: notes, and each
/// name's node, so a name used many times is interned once.
#[derive(Default)]
pub(crate) struct ParseState {
    notes: Vec<Note>,
    /// Only names that [`is_variable_name`] admits.
    symbols: FxHashMap<String, Expr>,
    /// Whether an undefined function was called (`f(x)`).
    undefined_calls: bool,
    /// Whether a known function's derivative was written on its name
    /// (`sin''(x)`), which the caller works out.
    named_derivatives: bool,
}

impl ParseState {
    fn symbol(&mut self, name: &str) -> Expr {
        if let Some(e) = self.symbols.get(name) {
            return e.clone();
        }
        let e = Expr::symbol(name);
        self.symbols.insert(name.to_string(), e.clone());
        e
    }
}

/// A parse result with its notes.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseOutput {
    /// The expression or vector read.
    pub value: Parsed,
    /// The derivative operator written in front of the expression
    /// (`d/dx x^2`), if any: the value is what it applies to.
    pub derivative: Option<Operator>,
    /// Remarks on the input, in the order met.
    pub notes: Vec<Note>,
    /// Whether the value holds derivatives written on a known function's
    /// name (`sin''(x)`, `sqrt'(x)`), read as undefined functions with
    /// derivative positions for [`crate::calculus::diff::resolve_named_derivatives`]
    /// to work out: the parser does not differentiate.
    pub named_derivatives: bool,
}

/// The syntax an input is written in.
///
/// ```
/// use symdiff::Syntax;
/// assert_eq!(Syntax::of(r"\frac{x}{2}"), Syntax::Latex);
/// assert_eq!(Syntax::of("x/2"), Syntax::Plain);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// symdiff's own: `sin(x)/2`, `d/dx x^2`.
    Plain,
    /// LaTeX math: `\frac{\sin x}{2}`, `\frac{d}{dx} x^{2}`.
    Latex,
}

impl Syntax {
    /// LaTeX when the input holds a backslash or a brace, which the plain
    /// syntax has no use for; plain otherwise.
    ///
    /// ```
    /// assert_eq!(symdiff::Syntax::of("x^{2}"), symdiff::Syntax::Latex);
    /// ```
    pub fn of(input: &str) -> Syntax {
        if input.contains(['\\', '{', '}']) {
            Syntax::Latex
        } else {
            Syntax::Plain
        }
    }
}

/// Reads `input` as an expression or a vector, within `limits`, with
/// derivatives written on known function names left for the caller
/// ([`crate::parse_input`] works them out).
///
/// ```
/// use symdiff::{syntax::parser::parse_unresolved, Limits, Parsed};
/// let out = parse_unresolved("sin''(x)", &Limits::default()).unwrap();
/// assert!(out.named_derivatives && matches!(out.value, Parsed::Scalar(_)));
/// assert_eq!(symdiff::parse("sin''(x)").unwrap().to_string(), "-sin(x)");
/// ```
pub fn parse_unresolved(input: &str, limits: &Limits) -> Result<ParseOutput, Error> {
    parse_unresolved_as(input, Syntax::of(input), limits)
}

/// As [`parse_unresolved`], in the given syntax.
///
/// ```
/// use symdiff::{syntax::parser::parse_unresolved_as, Limits, Parsed, Syntax};
/// let out = parse_unresolved_as("x y", Syntax::Latex, &Limits::default()).unwrap();
/// assert_eq!(out.value, Parsed::Scalar(symdiff::parse("x*y").unwrap()));
/// assert!(parse_unresolved_as(r"\sqrt{x}", Syntax::Plain, &Limits::default()).is_err());
/// ```
pub fn parse_unresolved_as(
    input: &str,
    syntax: Syntax,
    limits: &Limits,
) -> Result<ParseOutput, Error> {
    if input.len() > limits.max_input_len {
        return Err(Error::new(
            ErrorKind::InputTooLong {
                length: input.len(),
                limit: limits.max_input_len,
            },
            0..input.len(),
        ));
    }
    if input.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, 0..input.len()));
    }
    check_bracket_depth(input, limits.max_depth)?;
    let mut state = ParseState::default();
    let (value, derivative) = match syntax {
        Syntax::Plain => plain(input, &mut state, limits)?,
        Syntax::Latex => {
            let (e, derivative) = super::latex::read(input, &mut state, limits)?;
            (Parsed::Scalar(e), derivative)
        }
    };
    let value = match value {
        Parsed::Scalar(e) if state.undefined_calls => Parsed::Scalar(variable_calls_as_products(e)),
        Parsed::Vector(v) if state.undefined_calls => {
            Parsed::Vector(v.into_iter().map(variable_calls_as_products).collect())
        }
        Parsed::Equation(l, r) if state.undefined_calls => {
            let [l, r] = calls_as_products([l, r]);
            Parsed::Equation(l, r)
        }
        plain => plain,
    };
    // Brackets are checked above; this catches nesting without them
    // (x^x^x^..., ------x).
    let sides;
    let roots = match &value {
        Parsed::Scalar(e) => std::slice::from_ref(e),
        Parsed::Vector(v) => v.as_slice(),
        Parsed::Equation(l, r) => {
            sides = [l.clone(), r.clone()];
            &sides[..]
        }
    };
    if roots
        .iter()
        .any(|e| crate::walk::depth(e) > limits.max_depth)
    {
        return Err(Error::new(
            ErrorKind::TooDeep {
                limit: limits.max_depth,
            },
            0..input.len(),
        ));
    }
    // `x/a(0) + a`: once `a` reads as a variable, `a(0)` is a product that
    // is 0, and the division by it is literal too.
    if state.undefined_calls && roots.iter().any(divides_by_zero) {
        return Err(Error::new(ErrorKind::DivisionByZero, 0..input.len()));
    }
    Ok(ParseOutput {
        value,
        derivative,
        notes: state.notes,
        named_derivatives: state.named_derivatives,
    })
}

impl Parsed {
    /// The one expression read, or an error about the vector or the
    /// equation read instead (its span: `input`, or the `=`).
    ///
    /// ```
    /// use symdiff::{parse_input, ErrorKind, Limits};
    /// let read = |s: &str| parse_input(s, &Limits::default()).unwrap().value;
    /// assert_eq!(read("x + 1").scalar("x + 1").unwrap().to_string(), "x + 1");
    /// let err = read("x = 1").scalar("x = 1").unwrap_err();
    /// assert_eq!((err.kind, err.span), (ErrorKind::UnexpectedEquation, 2..3));
    /// ```
    pub fn scalar(self, input: &str) -> Result<Expr, Error> {
        match self {
            Parsed::Scalar(e) => Ok(e),
            Parsed::Vector(_) => Err(Error::new(ErrorKind::UnexpectedVector, 0..input.len())),
            Parsed::Equation(..) => Err(equation_error(input)),
        }
    }
}

/// An equation where an expression was wanted, pointing at its `=`.
pub(crate) fn equation_error(input: &str) -> Error {
    let at = input.find('=').unwrap_or(0);
    Error::new(ErrorKind::UnexpectedEquation, at..at + 1)
}

/// The plain syntax: an expression or vector, or an operator and the
/// expression it applies to.
fn plain(
    input: &str,
    state: &mut ParseState,
    limits: &Limits,
) -> Result<(Parsed, Option<Operator>), Error> {
    let mut tokens = lexer::tokens(input, limits.max_digits).peekable();
    let convert = |e| convert_error(e, input, &PLAIN_WORDS);
    if let Some(Ok((_, Token::Derivative(_), _))) = tokens.peek() {
        let (vars, span, e) = grammar::AppliedParser::new()
            .parse(state, limits, tokens)
            .map_err(convert)?;
        let operator = operator(vars, span, state, limits)?;
        return Ok((Parsed::Scalar(e), Some(operator)));
    }
    let value = grammar::InputParser::new()
        .parse(state, limits, tokens)
        .map_err(convert)?;
    Ok((value, None))
}

/// The operator of the variables `vars` (with their orders) written at
/// `span`, within the derivative order limit.
pub(crate) fn operator(
    vars: Vec<(String, usize)>,
    span: Range<usize>,
    state: &mut ParseState,
    limits: &Limits,
) -> Result<Operator, Error> {
    let order = vars.iter().fold(0usize, |n, (_, k)| n.saturating_add(*k));
    if order > limits.max_order {
        return Err(Error::new(
            ErrorKind::OrderTooHigh {
                order,
                limit: limits.max_order,
            },
            span,
        ));
    }
    let mut symbols = Vec::with_capacity(order);
    for (name, k) in vars {
        if !is_variable_name(&name) {
            return Err(Error::new(ErrorKind::BadVariable(name), span));
        }
        let symbol = state.symbol(&name);
        symbols.extend(std::iter::repeat_n(symbol, k));
    }
    Ok(Operator {
        vars: symbols,
        span,
    })
}

/// The value read, or an error at the derivative operator where only an
/// expression may stand.
///
/// ```
/// use symdiff::{expression_alone, parse_input, Limits};
/// let out = parse_input("d/dx x", &Limits::default()).unwrap();
/// assert_eq!(expression_alone(out).unwrap_err().span, 0..4);
/// ```
pub fn expression_alone(out: ParseOutput) -> Result<Parsed, Error> {
    match out.derivative {
        Some(op) => Err(Error::new(ErrorKind::UnexpectedOperator, op.span)),
        None => Ok(out.value),
    }
}

/// Whether `e` holds a power of 0 to a negative number.
pub(crate) fn divides_by_zero(e: &Expr) -> bool {
    let found = std::cell::Cell::new(false);
    crate::walk::postorder(
        e,
        |_| !found.get(),
        |n| {
            let zero_power = matches!(n.node(), Node::Pow([b, x])
                if b.is_zero() && x.as_number().is_some_and(Number::is_negative));
            found.set(found.get() || zero_power);
        },
    );
    found.get()
}

/// Whether a name read alone is a variable: not a constant (`pi`, `e`) and
/// not a function, which needs its argument.
///
/// ```
/// use symdiff::syntax::parser::is_variable_name;
/// assert!(is_variable_name("x1") && is_variable_name("theta"));
/// assert!(!is_variable_name("e") && !is_variable_name("sin") && !is_variable_name("sqrt"));
/// assert!(is_variable_name("gamma")); // the Greek letter, unless called
/// ```
pub fn is_variable_name(name: &str) -> bool {
    !matches!(name, "pi" | "e") && (!func::is_known_name(name) || ALSO_VARIABLES.contains(&name))
}

/// Function names that are read as variables when they are not called:
/// `gamma` is the gamma function in `gamma(x)`, and the Greek letter, as
/// people use it, in `exp(-gamma*t)`.
const ALSO_VARIABLES: &[&str] = &["gamma"];

/// `x(x + 1)` is a product where `x` is also a variable of the expression:
/// a name cannot be both, and `2x(x + 1)` is how people write `2*x*(x + 1)`.
fn variable_calls_as_products(e: Expr) -> Expr {
    let [e] = calls_as_products([e]);
    e
}

/// [`variable_calls_as_products`] over expressions read together (the two
/// sides of an equation): a name a variable anywhere is a variable everywhere.
fn calls_as_products<const N: usize>(roots: [Expr; N]) -> [Expr; N] {
    let mut variables: FxHashSet<Arc<str>> = FxHashSet::default();
    let mut called: Vec<Arc<str>> = Vec::new();
    for e in &roots {
        crate::walk::postorder(
            e,
            |_| true,
            |n| match n.node() {
                Node::Sym(name) => {
                    variables.insert(name.clone());
                }
                Node::Call(Func::Undefined(f), args)
                    if args.len() == 1 && f.derivatives.is_empty() =>
                {
                    called.push(f.name.clone())
                }
                _ => {}
            },
        );
    }
    if !called.iter().any(|name| variables.contains(name)) {
        return roots;
    }
    roots.map(|e| {
        e.rewrite(
            |_| false,
            |n| match n.node() {
                Node::Call(Func::Undefined(f), args)
                    if args.len() == 1
                        && f.derivatives.is_empty()
                        && variables.contains(&f.name) =>
                {
                    Expr::mul([Expr::symbol(&f.name), args[0].clone()])
                }
                _ => n,
            },
        )
    })
}

fn check_bracket_depth(input: &str, limit: usize) -> Result<(), Error> {
    let mut depth = 0usize;
    for (i, b) in input.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Err(Error::new(ErrorKind::TooDeep { limit }, i..i + 1));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// What error messages need to know of a grammar's tokens.
pub(crate) trait Words {
    /// The token in words: `number 2`, `name 'x'`, `'+'`.
    fn describe(&self) -> String;
    /// For a closing bracket, its opening and closing characters.
    fn closes(&self) -> Option<(char, char)>;
}

impl Words for Token<'_> {
    fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("number {n}"),
            Token::Ident(name) => format!("name '{name}'"),
            Token::Superscript(_) => "superscript".into(),
            Token::Derivative(_) => "derivative operator (it must come first)".into(),
            other => format!("'{}'", symbol_of(other)),
        }
    }

    fn closes(&self) -> Option<(char, char)> {
        match self {
            Token::RParen => Some(('(', ')')),
            Token::RBracket => Some(('[', ']')),
            _ => None,
        }
    }
}

fn symbol_of(token: &Token) -> &'static str {
    match token {
        Token::Pi => "π",
        Token::Prime => "'",
        Token::Plus => "+",
        Token::Minus => "-",
        Token::Star => "*",
        Token::Slash => "/",
        Token::Caret => "^",
        Token::LParen => "(",
        Token::RParen => ")",
        Token::LBracket => "[",
        Token::RBracket => "]",
        Token::Comma => ",",
        Token::Equals => "=",
        Token::Sqrt => "√",
        Token::Cbrt => "∛",
        Token::Number(_) | Token::Ident(_) | Token::Superscript(_) | Token::Derivative(_) => "",
    }
}

/// How a grammar's terminals read in a list of what could come next.
pub(crate) struct Expected {
    /// Terminals that start an operand: said together as "a number, a name or '('".
    pub operand_starts: &'static [&'static str],
    /// Terminals not worth mentioning.
    pub hidden: &'static [&'static str],
}

const PLAIN_WORDS: Expected = Expected {
    operand_starts: &["name", "number", "(", "π", "√", "∛", "-", "+"],
    hidden: &["superscript", "d/dx"],
};

/// The grammar's expected-token list in words: what can come next.
fn expected_words(expected: &[String], words_of: &Expected) -> String {
    // lalrpop lists terminals as written in the grammar, quoted and escaped.
    let names: Vec<String> = expected
        .iter()
        .map(|t| t.trim_matches('"').replace("\\\\", "\\"))
        .collect();
    let starts_operand = names.iter().any(|t| t == "name" || t == "number");
    let mut words: Vec<String> = Vec::new();
    if starts_operand {
        words.push("a number, a name or '('".into());
    }
    for t in &names {
        if (starts_operand && words_of.operand_starts.contains(&t.as_str()))
            || words_of.hidden.contains(&t.as_str())
        {
            continue;
        }
        words.push(format!("'{t}'"));
    }
    match words.len() {
        0 => "something else".into(),
        1 => words.remove(0),
        _ => {
            let last = words.pop().unwrap_or_default();
            format!("{} or {last}", words.join(", "))
        }
    }
}

/// Whether the closing bracket `shut` at byte `at` has no opening one before it.
fn never_opened(input: &str, at: usize, (open, shut): (char, char)) -> bool {
    let before = input.get(..at).unwrap_or_default();
    let opened = before.matches(open).count();
    let closed = before.matches(shut).count();
    closed >= opened
}

/// Why an `=` at byte `at` cannot be read: inside brackets, or after
/// another `=`; `None` when it is misplaced otherwise (`x + = 1`).
fn misplaced_equals(input: &str, at: usize) -> Option<ErrorKind> {
    let before = input.as_bytes().get(..at).unwrap_or_default();
    let depth = before.iter().fold(0i64, |d, b| match b {
        b'(' | b'[' => d + 1,
        b')' | b']' => d - 1,
        _ => d,
    });
    if depth > 0 {
        Some(ErrorKind::EqualsInBrackets)
    } else if before.contains(&b'=') {
        Some(ErrorKind::SecondEquals)
    } else {
        None
    }
}

/// A lalrpop error of either grammar as one of ours, with its span.
pub(crate) fn convert_error<T: Words>(
    error: LalrpopError<usize, T, Error>,
    input: &str,
    words_of: &Expected,
) -> Error {
    match error {
        LalrpopError::InvalidToken { location } => Error::new(
            ErrorKind::UnexpectedChar(super::char_at(input, location)),
            location..location + 1,
        ),
        LalrpopError::UnrecognizedEof { location, expected } => Error::new(
            ErrorKind::UnexpectedEnd {
                expected: expected_words(&expected, words_of),
            },
            location..location,
        ),
        LalrpopError::UnrecognizedToken {
            token: (l, _, r), ..
        }
        | LalrpopError::ExtraToken { token: (l, _, r) }
            if input.get(l..r) == Some("=") && misplaced_equals(input, l).is_some() =>
        {
            let kind = misplaced_equals(input, l).unwrap_or(ErrorKind::SecondEquals);
            Error::new(kind, l..r)
        }
        LalrpopError::UnrecognizedToken {
            token: (l, token, r),
            expected,
        } => unexpected_token(input, &token, l..r, expected_words(&expected, words_of)),
        LalrpopError::ExtraToken {
            token: (l, token, r),
        } => unexpected_token(input, &token, l..r, "the end of the expression".into()),
        LalrpopError::User { error } => error,
    }
}

/// A token where the grammar wanted `expected`: a closing bracket that was
/// never opened is named as such, since "expected an operator" would send
/// the reader looking in the wrong place.
fn unexpected_token<T: Words>(
    input: &str,
    token: &T,
    span: Range<usize>,
    expected: String,
) -> Error {
    match token.closes() {
        Some(pair) if never_opened(input, span.start, pair) => {
            Error::new(ErrorKind::UnopenedBracket(pair.1), span)
        }
        _ => Error::new(
            ErrorKind::UnexpectedToken {
                found: token.describe(),
                expected,
            },
            span.start..span.end.max(span.start + 1),
        ),
    }
}

/// The semantic actions of the grammar: building nodes and checking them.
pub(crate) mod actions {
    use super::*;

    /// Generic over the token type, so both grammars (plain and LaTeX) share
    /// the actions.
    type Result<T, K> = std::result::Result<T, LalrpopError<usize, K, Error>>;

    /// An operand with the signs written in front of it.
    pub struct Signed {
        negative: bool,
        value: Expr,
    }

    impl From<Expr> for Signed {
        fn from(value: Expr) -> Signed {
            Signed {
                negative: false,
                value,
            }
        }
    }

    impl Signed {
        pub fn negated(self) -> Signed {
            Signed {
                negative: !self.negative,
                ..self
            }
        }

        /// Onto the factors of a product: a sign becomes a factor -1.
        pub fn push_onto(self, factors: &mut Vec<Expr>) {
            if self.negative {
                factors.push(Expr::int(-1));
            }
            factors.push(self.value);
        }

        pub fn into_expr(self) -> Expr {
            if self.negative {
                -self.value
            } else {
                self.value
            }
        }
    }

    pub fn fail<T, K>(kind: ErrorKind, span: Range<usize>) -> Result<T, K> {
        Err(LalrpopError::User {
            error: Error::new(kind, span),
        })
    }

    pub fn sum<K>(terms: Vec<Expr>, span: Range<usize>, limits: &Limits) -> Result<Expr, K> {
        Expr::try_sum(terms, limits).or_else(|kind| fail(kind, span))
    }

    pub fn product<K>(factors: Vec<Expr>, span: Range<usize>, limits: &Limits) -> Result<Expr, K> {
        Expr::try_product(factors, limits).or_else(|kind| fail(kind, span))
    }

    pub fn reciprocal<K>(divisor: Expr, span: Range<usize>) -> Result<Expr, K> {
        Expr::try_reciprocal(divisor).or_else(|kind| fail(kind, span))
    }

    pub fn power<K>(base: Expr, exp: Expr, span: Range<usize>, limits: &Limits) -> Result<Expr, K> {
        Expr::try_power(base, exp, limits).or_else(|kind| fail(kind, span))
    }

    /// `√u`, read as `sqrt(u)` is.
    pub fn square_root(e: Expr) -> Expr {
        named_call("sqrt", e)
    }

    /// `∛u`, read as `cbrt(u)` is.
    pub fn cube_root(e: Expr) -> Expr {
        named_call("cbrt", e)
    }

    /// `name(u)` for a function or sugar of one argument that takes any.
    fn named_call(name: &str, u: Expr) -> Expr {
        match func::resolve(name, std::slice::from_ref(&u)) {
            Ok(Resolved::Call(e)) => e,
            _ => unreachable!("{name} is registered and takes one argument"),
        }
    }

    /// The error for a known function called with arguments it does not take.
    fn call_error<K>(
        name: &str,
        why: CallError,
        found: usize,
        span: Range<usize>,
    ) -> Result<Expr, K> {
        let kind = match why {
            CallError::Arity { expected } => ErrorKind::WrongArgumentCount {
                name: name.into(),
                expected,
                found,
            },
            CallError::Argument(reason) => ErrorKind::BadArgument {
                name: name.into(),
                reason: reason.into(),
            },
        };
        fail(kind, span)
    }

    pub fn pi() -> Expr {
        Expr::constant(Constant::Pi)
    }

    pub fn name<K>(name: &str, span: Range<usize>, state: &mut ParseState) -> Result<Expr, K> {
        // A name read before as a variable is one: no function table to search.
        if let Some(e) = state.symbols.get(name) {
            return Ok(e.clone());
        }
        match name {
            "pi" => Ok(pi()),
            "e" => Ok(Expr::constant(Constant::E)),
            _ if is_variable_name(name) => Ok(state.symbol(name)),
            _ => fail(
                ErrorKind::FunctionWithoutArgument { name: name.into() },
                span,
            ),
        }
    }

    /// Derivatives written on a function name (`f''''(x)`, `g'[1,2](x, y)`)
    /// count against the derivative order limit.
    pub fn check_order<K>(order: usize, span: Range<usize>, limits: &Limits) -> Result<(), K> {
        if order > limits.max_order {
            return fail(
                ErrorKind::OrderTooHigh {
                    order,
                    limit: limits.max_order,
                },
                span,
            );
        }
        Ok(())
    }

    /// `name(args)`, `name''(args)` (`primes` derivatives of a one-argument
    /// function) or `name'[i,j](args)` (partials by argument positions).
    pub fn call<K>(
        name: &str,
        primes: usize,
        positions: Vec<Number>,
        args: Vec<Expr>,
        name_span: Range<usize>,
        span: Range<usize>,
        state: &mut ParseState,
    ) -> Result<Expr, K> {
        if primes == 0 && positions.is_empty() {
            match func::resolve(name, &args) {
                Ok(Resolved::Call(e)) => return Ok(e),
                Ok(Resolved::Unknown) => {}
                Err(why) => return call_error(name, why, args.len(), span),
            }
        } else if func::is_known_name(name) {
            // Checked as a plain call would be; differentiated by the caller.
            if let Err(why) = func::resolve(name, &args) {
                return call_error(name, why, args.len(), span);
            }
            state.named_derivatives = true;
        }
        let mut derivatives = vec![0u32; primes];
        if primes > 0 && args.len() != 1 {
            return fail(
                ErrorKind::UnexpectedToken {
                    found: "primes on a function of several arguments".into(),
                    expected: format!("{name}'[1](...) with argument positions"),
                },
                name_span,
            );
        }
        for p in &positions {
            match p.to_i64() {
                Some(k) if k >= 1 && (k as usize) <= args.len() => derivatives.push(k as u32 - 1),
                _ => {
                    return fail(
                        ErrorKind::UnexpectedToken {
                            found: format!("argument position {p}"),
                            expected: format!("a position from 1 to {}", args.len()),
                        },
                        name_span,
                    )
                }
            }
        }
        if derivatives.is_empty() {
            if let Some(close) = func::suggest(name) {
                state.notes.push(Note {
                    message: format!(
                        "'{name}' is not a known function, treated as undefined; did you mean {close}?"
                    ),
                    span: name_span,
                });
            }
        }
        state.undefined_calls = true;
        let undefined = UndefinedFunc::new(name, derivatives);
        Ok(Expr::call(Func::Undefined(Arc::new(undefined)), args))
    }
}
