//! The lexer: logos tokens with byte spans, numbers read straight into exact
//! rationals, Unicode math read as what it means, and implicit products made
//! explicit (`2x` → `2 * x`) so the grammar stays conflict-free.

use crate::error::{Error, ErrorKind};
use crate::expr::Number;
use logos::Logos;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Pow;

/// Why a token could not be read; turned into an [`Error`] with its span.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LexFailure {
    /// A character outside the syntax.
    #[default]
    Stray,
    /// A number literal with more digits than allowed.
    NumberTooLarge,
    /// A token that is malformed in a way the error says (a derivative
    /// operator whose orders do not add up).
    Bad(ErrorKind),
    /// What looked like a derivative operator is a quotient of names
    /// (`d/delta`, `d/digamma(x)`): to be read again as one.
    Quotient,
}

/// One token of the syntax.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexFailure)]
// The most decimal digits a number literal may stand for.
#[logos(extras = usize)]
#[logos(skip r"[ \t\r\n\f]+")]
pub enum Token<'a> {
    /// A number literal, read exactly (`0.5` is 1/2, `1e-3` is 1/1000).
    #[regex(r"[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?", read_number)]
    #[regex(r"\.[0-9]+([eE][+-]?[0-9]+)?", read_number)]
    Number(Number),
    /// A name: a variable, a constant or a function.
    #[regex(r"[A-Za-z_α-ορ-ωΑ-Ω][A-Za-z_0-9α-ορ-ωΑ-Ω]*", |lex| lex.slice())]
    Ident(&'a str),
    /// `π`.
    #[token("π")]
    Pi,
    /// `'`, a derivative mark on an undefined function (`f'(x)`).
    #[token("'")]
    Prime,
    /// `+`.
    #[token("+")]
    Plus,
    /// `-` or the minus sign `−`.
    #[token("-")]
    #[token("−")]
    Minus,
    /// `*`, `·`, `×` or `⋅`; also an implicit product.
    #[token("*")]
    #[token("·")]
    #[token("×")]
    #[token("⋅")]
    Star,
    /// `/` or `÷`.
    #[token("/")]
    #[token("÷")]
    Slash,
    /// `^` or `**`.
    #[token("^")]
    #[token("**")]
    Caret,
    /// `(`.
    #[token("(")]
    LParen,
    /// `)`.
    #[token(")")]
    RParen,
    /// `[`.
    #[token("[")]
    LBracket,
    /// `]`.
    #[token("]")]
    RBracket,
    /// `,`.
    #[token(",")]
    Comma,
    /// `=`, between the two sides of an equation.
    #[token("=")]
    Equals,
    /// `√`.
    #[token("√")]
    Sqrt,
    /// `∛`.
    #[token("∛")]
    Cbrt,
    /// A derivative operator in front of the expression: `d/dx`, `d²/dx²`,
    /// `d^2/dx^2`, `∂/∂x`, `∂²/∂x∂y`; its variables with their orders.
    #[regex(r"d(\^[0-9]+|\*\*[0-9]+|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)?[ \t]*/[ \t]*d[A-Za-z_α-ορ-ωΑ-Ω][A-Za-z_0-9α-ορ-ωΑ-Ω]*(\^[0-9]+|\*\*[0-9]+|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)?", read_operator)]
    #[regex(r"∂(\^[0-9]+|\*\*[0-9]+|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)?[ \t]*/[ \t]*∂[A-Za-z_α-ορ-ωΑ-Ω][A-Za-z_0-9α-ορ-ωΑ-Ω]*(\^[0-9]+|\*\*[0-9]+|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)?([ \t]*∂[A-Za-z_α-ορ-ωΑ-Ω][A-Za-z_0-9α-ορ-ωΑ-Ω]*(\^[0-9]+|\*\*[0-9]+|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)?)*", read_operator)]
    Derivative(Vec<(String, usize)>),
    /// A superscript exponent such as `²` or `⁻¹`.
    #[regex("[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", read_superscript)]
    Superscript(i64),
}

fn read_operator<'a>(
    lex: &mut logos::Lexer<'a, Token<'a>>,
) -> Result<Vec<(String, usize)>, LexFailure> {
    let text = lex.slice();
    // An operator stands first and has an expression after it: elsewhere,
    // or followed by an operator sign (`2*d/dx`, `d/dx + y`, `d/d_x`), it
    // is a quotient of variables, as symdiff prints one.
    let first = lex.source()[..lex.span().start].trim().is_empty();
    let rest = lex.remainder().trim_start();
    let binary = ["+", "*", "/", "^", ")", "]", ",", "- "]
        .iter()
        .any(|s| rest.starts_with(s));
    if !first || rest.is_empty() || binary {
        return Err(LexFailure::Quotient);
    }
    // `d/delta`, `d/digamma(x)`: the name below is a Greek letter or a
    // function, not d and a variable.
    if let Some((_, below)) = text.split_once("/d") {
        let name: String = below
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let whole = format!("d{name}");
        let greek = crate::present::print::GREEK.contains(&whole.as_str());
        if greek || crate::functions::is_known_name(&whole) {
            return Err(LexFailure::Quotient);
        }
    }
    super::operator::read(text, super::operator::Names::Plain).map_err(LexFailure::Bad)
}

fn read_number<'a>(lex: &mut logos::Lexer<'a, Token<'a>>) -> Result<Number, LexFailure> {
    number(lex.slice(), lex.extras)
}

/// The exact value of a number literal (`0.5`, `1e-3`) of at most
/// `max_digits` digits; shared with the LaTeX lexer.
pub(crate) fn number(text: &str, max_digits: usize) -> Result<Number, LexFailure> {
    if text.len() <= 18 && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit()) {
        // The common case, a machine-size integer, without big arithmetic.
        return text
            .parse::<i64>()
            .map(Number::int)
            .map_err(|_| LexFailure::NumberTooLarge);
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, "0"),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent: i64 = exponent.parse().map_err(|_| LexFailure::NumberTooLarge)?;
    let digits = whole.len() + fraction.len();
    // The value has about digits + exponent decimal digits (fewer for a
    // negative exponent, but its denominator then has as many).
    let size = (digits as u64).saturating_add(exponent.unsigned_abs());
    if size > max_digits as u64 {
        return Err(LexFailure::NumberTooLarge);
    }
    let all_digits = format!("{whole}{fraction}");
    let mantissa: BigInt = if all_digits.is_empty() {
        BigInt::from(0)
    } else {
        all_digits.parse().map_err(|_| LexFailure::NumberTooLarge)?
    };
    let scale = exponent - fraction.len() as i64;
    let ten = BigInt::from(10);
    let power: BigInt = Pow::pow(&ten, scale.unsigned_abs());
    let value = if scale >= 0 {
        BigRational::from_integer(mantissa * power)
    } else {
        BigRational::new(mantissa, power)
    };
    Ok(Number::from_big(value))
}

fn read_superscript<'a>(lex: &mut logos::Lexer<'a, Token<'a>>) -> Result<i64, LexFailure> {
    let mut value: i64 = 0;
    let mut sign = 1;
    for c in lex.slice().chars() {
        let digit = match c {
            '⁻' => {
                sign = -1;
                continue;
            }
            '⁺' => continue,
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴' => 4,
            '⁵' => 5,
            '⁶' => 6,
            '⁷' => 7,
            '⁸' => 8,
            _ => 9,
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit))
            .ok_or(LexFailure::NumberTooLarge)?;
    }
    Ok(sign * value)
}

/// A token with its byte span, as the generated parser wants it.
pub type Spanned<'a> = Result<(usize, Token<'a>, usize), Error>;

/// All tokens of `input`, with `*` inserted for implicit products: after a
/// number, a `)` or a superscript, before a name, a number, `(`, `√` or `π`.
/// A number literal of more than `max_digits` digits is an error.
pub fn tokens(input: &str, max_digits: usize) -> Tokens<'_> {
    Tokens {
        input,
        lexer: Token::lexer_with_extras(input, max_digits),
        again: std::collections::VecDeque::new(),
        waiting: None,
        previous_closes: false,
        previous_is_number: false,
    }
}

/// The token stream of [`tokens`].
pub struct Tokens<'a> {
    input: &'a str,
    lexer: logos::Lexer<'a, Token<'a>>,
    /// Tokens of a quotient that looked like an operator, read again.
    again: std::collections::VecDeque<(Result<Token<'a>, LexFailure>, std::ops::Range<usize>)>,
    /// A token held back while the implicit `*` before it is handed out.
    waiting: Option<(usize, Token<'a>, usize)>,
    previous_closes: bool,
    previous_is_number: bool,
}

impl<'a> Tokens<'a> {
    /// Queues the tokens of the quotient at `span` (`d/delta`): each side
    /// of the `/` on its own, where no operator can match.
    fn read_again(&mut self, span: std::ops::Range<usize>) {
        let text = &self.input[span.clone()];
        let slash = span.start + text.find('/').unwrap_or(0);
        let sides = [(span.start, slash), (slash + 1, span.end)];
        for (i, (from, to)) in sides.into_iter().enumerate() {
            if i == 1 {
                self.again.push_back((Ok(Token::Slash), slash..slash + 1));
            }
            let mut side = Token::lexer_with_extras(&self.input[from..to], self.lexer.extras);
            while let Some(result) = side.next() {
                let at = side.span();
                self.again
                    .push_back((result, from + at.start..from + at.end));
            }
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(token) = self.waiting.take() {
            return Some(Ok(token));
        }
        let (result, span) = match self.again.pop_front() {
            Some(again) => again,
            None => {
                let result = self.lexer.next()?;
                let span = self.lexer.span();
                if result == Err(LexFailure::Quotient) {
                    self.read_again(span);
                    self.again.pop_front()?
                } else {
                    (result, span)
                }
            }
        };
        let token = match result {
            Ok(token) => token,
            Err(failure) => {
                let kind = match failure {
                    LexFailure::NumberTooLarge => ErrorKind::NumberTooLarge {
                        limit: self.lexer.extras,
                    },
                    LexFailure::Bad(kind) => kind,
                    LexFailure::Stray | LexFailure::Quotient => {
                        ErrorKind::UnexpectedChar(super::char_at(self.input, span.start))
                    }
                };
                return Some(Err(Error::new(kind, span)));
            }
        };
        let is_number = matches!(token, Token::Number(_));
        let opens = matches!(
            token,
            Token::Ident(_) | Token::LParen | Token::Sqrt | Token::Cbrt | Token::Pi
        ) || (is_number && !self.previous_is_number);
        let implicit = self.previous_closes && opens;
        self.previous_closes = is_number || matches!(token, Token::RParen | Token::Superscript(_));
        self.previous_is_number = is_number;
        if implicit {
            self.waiting = Some((span.start, token, span.end));
            return Some(Ok((span.start, Token::Star, span.start)));
        }
        Some(Ok((span.start, token, span.end)))
    }
}

#[cfg(test)]
mod tests {
    use super::{tokens, Token};

    #[test]
    fn implicit_products_are_made_explicit() {
        let kinds: Vec<Token> = tokens("2x", 100).map(|t| t.unwrap().1).collect();
        assert_eq!(kinds.len(), 3);
        assert_eq!(kinds[1], Token::Star);
    }

    #[test]
    fn number_literals_past_the_digit_limit_are_errors() {
        assert!(tokens("1234", 3).next().unwrap().is_err());
        assert!(tokens("123", 3).next().unwrap().is_ok());
    }
}
