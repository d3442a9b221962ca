//! Reading LaTeX math: the LaTeX lexer's tokens through the LaTeX grammar
//! (`grammar/latex.lalrpop`), building with the same actions as the plain
//! syntax. Every LaTeX that symdiff prints reads back to the same
//! expression.

use super::latex_lexer::{self, Token};
use super::operator::Operator;
use super::parser::{actions, convert_error, operator, Expected, ParseState};
use crate::error::{Error, ErrorKind};
use crate::expr::{Constant, Expr, Node};
use crate::functions::Func;
use crate::limits::Limits;
use lalrpop_util::ParseError as LalrpopError;
use std::ops::Range;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
    grammar,
    "/latex.rs"
);

const LATEX_WORDS: Expected = Expected {
    operand_starts: &[
        "name", "number", "(", "[", "{", "\\pi", "\\frac", "\\sqrt", "\\left|", "greek",
        "\\mathrm", "call", "function", "-", "+",
    ],
    hidden: &["d/dx", "\\_"],
};

/// The expression of the LaTeX `input`, and the derivative operator in
/// front of it if there is one.
pub(crate) fn read(
    input: &str,
    state: &mut ParseState,
    limits: &Limits,
) -> Result<(Expr, Option<Operator>), Error> {
    let tokens = latex_lexer::tokens(input, limits.max_digits)?;
    let starts_with_operator = matches!(tokens.first(), Some((_, Token::Derivative(_), _)));
    let stream = tokens.into_iter().map(Ok::<_, Error>);
    let convert = |e| convert_error(e, input, &LATEX_WORDS);
    if starts_with_operator {
        let (vars, span, e) = grammar::AppliedParser::new()
            .parse(state, limits, input, stream)
            .map_err(convert)?;
        let operator = operator(vars, span, state, limits)?;
        return Ok((e, Some(operator)));
    }
    let e = grammar::ExpressionParser::new()
        .parse(state, limits, input, stream)
        .map_err(convert)?;
    Ok((e, None))
}

/// A function as written before its argument: its symdiff name and the
/// power written on it (`\sin^2`).
pub(crate) struct Function {
    name: String,
    power: Option<Expr>,
    span: Range<usize>,
}

impl Function {
    pub(crate) fn new(name: &str, power: Option<Expr>, span: Range<usize>) -> Function {
        Function {
            name: name.to_string(),
            power,
            span,
        }
    }
}

/// The LaTeX grammar's own actions.
pub(crate) mod build {
    use super::*;

    type Result<T> = std::result::Result<T, LalrpopError<usize, Token<'static>, Error>>;

    fn fail<T>(kind: ErrorKind, span: Range<usize>) -> Result<T> {
        actions::fail(kind, span)
    }

    /// `b^{e}`; `e^{u}` is exp(u) whatever u is, as symdiff prints exp(u)
    /// (`e^{1}` is exp(1), not e).
    pub fn power(b: Expr, e: Expr, span: Range<usize>, limits: &Limits) -> Result<Expr> {
        if matches!(b.node(), Node::Const(Constant::E)) {
            return Ok(Expr::call(Func::Exp, vec![e]));
        }
        actions::power(b, e, span, limits)
    }

    /// `\sin^{e}`: a power written on a function. `\sin^{-1}` is refused:
    /// books mean arcsin by it, the letter of it means 1/sin.
    pub fn powered(name: &str, power: Expr, span: Range<usize>) -> Result<Function> {
        if power == Expr::int(-1) {
            return fail(
                ErrorKind::Ambiguous(format!(
                    r"'\{name}^{{-1}}' could be the inverse function or 1/{name}: write \arc{name} x or \frac{{1}}{{\{name} x}}"
                )),
                span,
            );
        }
        Ok(Function::new(name, Some(power), span))
    }

    /// The function `f` applied to `arg`, with the power written on it.
    pub fn apply(f: Function, arg: Expr, state: &mut ParseState, limits: &Limits) -> Result<Expr> {
        apply_to(f, vec![arg], state, limits)
    }

    /// The function `f` applied to `args`, with the power written on it.
    pub fn apply_to(
        f: Function,
        args: Vec<Expr>,
        state: &mut ParseState,
        limits: &Limits,
    ) -> Result<Expr> {
        let span = f.span.clone();
        let applied = actions::call(
            &f.name,
            0,
            Vec::new(),
            args,
            span.clone(),
            span.clone(),
            state,
        )?;
        match f.power {
            Some(p) => actions::power(applied, p, span, limits),
            None => Ok(applied),
        }
    }

    /// A superscript number without braces: one digit, as TeX reads it.
    pub fn script_number(n: crate::expr::Number, span: Range<usize>, input: &str) -> Result<Expr> {
        let text = input.get(span.clone()).unwrap_or_default();
        if text.len() == 1 {
            return Ok(Expr::number(n));
        }
        fail(
            ErrorKind::Ambiguous(format!(
                "TeX raises only the first character of ^{text}: write ^{{{text}}}"
            )),
            span,
        )
    }

    /// `\frac{dy}{dx}` is derivative notation, not y/x: refused rather
    /// than read as the quotient of products with a d in each.
    pub fn not_derivative_notation(
        top: &[Expr],
        bottom: &[Expr],
        span: Range<usize>,
    ) -> Result<()> {
        let d = Expr::symbol("d");
        let differential = |factors: &[Expr]| factors.len() >= 2 && factors[0] == d;
        if differential(top) && bottom.len() == 2 && differential(bottom) {
            return fail(
                ErrorKind::Ambiguous(
                    r"\frac{d…}{dx} is derivative notation: write \frac{d}{dx} in front of the expression".into(),
                ),
                span,
            );
        }
        Ok(())
    }

    /// A bare number after another factor (`x 2`): TeX typesets it as x2.
    pub fn number_after_factor(span: Range<usize>) -> Result<Expr> {
        fail(
            ErrorKind::Ambiguous(
                r"a number after another factor needs \cdot (TeX sets x 2 as x2)".into(),
            ),
            span,
        )
    }

    /// The digits of a number in a subscript (`x_{12}`).
    pub fn digits(span: Range<usize>, input: &str) -> Result<String> {
        let text = input.get(span.clone()).unwrap_or_default();
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(text.to_string());
        }
        fail(
            ErrorKind::UnexpectedToken {
                found: format!("number {text}"),
                expected: "digits or letters in a subscript".into(),
            },
            span,
        )
    }

    /// `\sqrt[index]{e}`: the index must be a whole number of at least 2.
    pub fn root(index: Expr, e: Expr, span: Range<usize>) -> Result<Expr> {
        match index.as_number().and_then(crate::expr::Number::to_i64) {
            Some(2) => Ok(actions::square_root(e)),
            Some(3) => Ok(Expr::call(Func::Cbrt, vec![e])),
            Some(n) if n > 3 => Ok(Expr::pow(e, Expr::number(crate::expr::Number::ratio(1, n)))),
            _ => fail(ErrorKind::RootIndex, span),
        }
    }

    /// The reciprocal of each of `factors` (a divisor or the bottom of a
    /// fraction), or an error at `span` where one is zero.
    pub fn reciprocals(factors: Vec<Expr>, span: Range<usize>) -> Result<Vec<Expr>> {
        factors
            .into_iter()
            .map(|f| actions::reciprocal(f, span.clone()))
            .collect()
    }

    /// `\left| e \right|`.
    pub fn abs(e: Expr) -> Expr {
        Expr::call(Func::Abs, vec![e])
    }
}
