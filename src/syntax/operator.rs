//! Derivative operators written in front of an expression: `d/dx`,
//! `d²/dx²`, `d^2/dx^2`, `∂²/∂x∂y`, `\frac{d}{dx}`, `\frac{\partial^2}{\partial x^2}`.
//!
//! The lexers match an operator as one token (its shape is fixed by the
//! token's pattern); [`read`] takes that token's text apart into the
//! variables it differentiates by.

use crate::error::{Error, ErrorKind};
use crate::expr::Expr;
use crate::limits::Limits;
use std::ops::Range;

/// A derivative operator read in front of the expression: the variables it
/// differentiates by, in turn (`d²/dx²` is `[x, x]`), and where it stands.
///
/// ```
/// use symdiff::{parse_input, Limits};
/// let out = parse_input("d²/dx² sin(x)", &Limits::default()).unwrap();
/// let op = out.derivative.unwrap();
/// assert_eq!(op.to_string(), "d^2/dx^2");
/// assert_eq!(op.span, 0..8);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Operator {
    /// The variables differentiated by, in turn.
    pub vars: Vec<Expr>,
    /// The bytes of the input the operator was written in.
    pub span: Range<usize>,
}

impl Operator {
    /// The derivative of `e` this operator asks for, simplified, within
    /// `limits`.
    ///
    /// ```
    /// use symdiff::{parse_input, Limits, Parsed};
    /// let out = parse_input("d/dx x^3", &Limits::default()).unwrap();
    /// let Parsed::Scalar(f) = out.value else { unreachable!() };
    /// let d = out.derivative.unwrap().apply(&f, &Limits::default()).unwrap();
    /// assert_eq!(d.to_string(), "3*x^2");
    /// ```
    pub fn apply(&self, e: &Expr, limits: &Limits) -> Result<Expr, Error> {
        let mut result = e.clone();
        for v in &self.vars {
            result = crate::calculus::diff::derivative_within(&result, v, limits)?;
        }
        crate::simplify::simplify_within(&result, limits)
    }

    /// Checks variables asked for besides the operator (on the command
    /// line, or by [`crate::d`]): they must be the operator's own, in the
    /// same order; an error points at the operator.
    ///
    /// ```
    /// use symdiff::{parse_input, Expr, Limits};
    /// let op = parse_input("d/dy y^2", &Limits::default()).unwrap().derivative.unwrap();
    /// assert!(op.agrees_with(&[Expr::symbol("y")]).is_ok());
    /// let err = op.agrees_with(&[Expr::symbol("x")]).unwrap_err();
    /// assert_eq!(err.span, 0..4);
    /// ```
    pub fn agrees_with(&self, given: &[Expr]) -> Result<(), Error> {
        if given == self.vars.as_slice() {
            return Ok(());
        }
        let names = |vars: &[Expr]| {
            vars.iter()
                .map(Expr::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(Error::new(
            ErrorKind::OperatorMismatch {
                operator: names(&self.vars),
                given: names(given),
            },
            self.span.clone(),
        ))
    }
}

impl std::fmt::Display for Operator {
    /// `d/dx`, `d^2/dx^2`, `∂^2/∂x∂y`: the operator in the plain syntax.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut runs: Vec<(String, usize)> = Vec::new();
        for v in &self.vars {
            let name = v.to_string();
            match runs.last_mut() {
                Some((last, n)) if *last == name => *n += 1,
                _ => runs.push((name, 1)),
            }
        }
        let mark = if runs.len() > 1 { "∂" } else { "d" };
        let power = |n: usize| {
            if n > 1 {
                format!("^{n}")
            } else {
                String::new()
            }
        };
        write!(f, "{mark}{}/", power(self.vars.len()))?;
        for (name, n) in runs {
            write!(f, "{mark}{name}{}", power(n))?;
        }
        Ok(())
    }
}

/// How the names below the line are written.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Names {
    /// The plain syntax's names: `x`, `x1`, `theta`.
    Plain,
    /// LaTeX names: one letter or a Greek command, with a subscript.
    Latex,
}

/// Why an operator token's text could not be taken as an operator.
pub(crate) type Failure = ErrorKind;

/// The variables with their orders (`[(x, 2)]` for `d^2/dx^2`) of an
/// operator token's text, such as `d^2/dx^2`, `∂/∂x ∂y` or
/// `\frac{\mathrm{d}^{2}}{\mathrm{d}x^{2}}`. The token's pattern has fixed
/// its shape; this reads its parts.
pub(crate) fn read(text: &str, names: Names) -> Result<Vec<(String, usize)>, Failure> {
    let (above, below) = if let Some(rest) = text.strip_prefix('\\') {
        // \frac{...}{...}, \dfrac, \tfrac: the two brace groups.
        let open = rest.find('{').unwrap_or(0);
        let (numerator, tail) = braced(&rest[open..]);
        let open = tail.find('{').unwrap_or(0);
        (numerator, braced(&tail[open..]).0)
    } else {
        text.split_once('/').unwrap_or((text, ""))
    };
    let mut top = Cursor::new(above);
    top.mark();
    let above = top.order();
    let mut vars = Vec::new();
    let mut bottom = Cursor::new(below);
    let mut below = 0usize;
    while bottom.mark() {
        let name = bottom.name(names)?;
        let order = bottom.order();
        below = below.saturating_add(order);
        vars.push((name, order));
    }
    if below != above {
        return Err(ErrorKind::OperatorOrder { above, below });
    }
    Ok(vars)
}

/// The inside of the brace group `text` starts with, and what follows it.
fn braced(text: &str) -> (&str, &str) {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (&text[1..i], &text[i + 1..]);
                }
            }
            _ => {}
        }
    }
    (text.get(1..).unwrap_or(""), "")
}

/// Reads an operator's parts left to right.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { rest: text }
    }

    /// Skips blanks and LaTeX spacing commands.
    fn blank(&mut self) {
        loop {
            let trimmed = self.rest.trim_start();
            let trimmed = ["\\,", "\\;", "\\!", "\\:"]
                .iter()
                .find_map(|s| trimmed.strip_prefix(s))
                .unwrap_or(trimmed);
            if trimmed.len() == self.rest.len() {
                return;
            }
            self.rest = trimmed;
        }
    }

    fn eat(&mut self, prefix: &str) -> bool {
        self.blank();
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// A differential mark (`d`, `∂`, `\partial`, `\mathrm{d}`); false at the end.
    fn mark(&mut self) -> bool {
        if self.eat("\\mathrm") {
            self.eat("{");
            self.eat("d");
            self.eat("}");
            return true;
        }
        self.eat("\\partial") || self.eat("∂") || self.eat("d")
    }

    /// An order: `^2`, `^{2}`, `**2`, `²`, or nothing for 1.
    fn order(&mut self) -> usize {
        self.blank();
        let superscript: String = self
            .rest
            .chars()
            .take_while(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
            .collect();
        let digits: String = if !superscript.is_empty() {
            self.rest = &self.rest[superscript.len()..];
            superscript
                .chars()
                .map(|c| {
                    let k = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).unwrap_or(0);
                    char::from(b'0' + k as u8)
                })
                .collect()
        } else if self.eat("^") || self.eat("**") {
            let braced = self.eat("{");
            self.blank();
            let n = self.rest.bytes().take_while(u8::is_ascii_digit).count();
            let digits = self.rest[..n].to_string();
            self.rest = &self.rest[n..];
            if braced {
                self.eat("}");
            }
            digits
        } else {
            return 1;
        };
        // Past usize, the order is over every limit anyway.
        digits.parse().unwrap_or(usize::MAX)
    }

    /// The variable's name, as the expression's syntax spells it.
    fn name(&mut self, names: Names) -> Result<String, Failure> {
        self.blank();
        let len = match names {
            Names::Plain => self
                .rest
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_') || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c))
                .map_or(self.rest.len(), |(i, _)| i),
            Names::Latex => return self.latex_name(),
        };
        let name = self.rest[..len].to_string();
        self.rest = &self.rest[len..];
        Ok(name)
    }

    fn latex_name(&mut self) -> Result<String, Failure> {
        let head = if let Some(command) = self.rest.strip_prefix('\\') {
            let n = command.bytes().take_while(u8::is_ascii_alphabetic).count();
            self.rest = &command[n..];
            super::latex_lexer::greek_name(&command[..n])
                .ok_or_else(|| ErrorKind::UnknownCommand(command[..n].to_string()))?
                .to_string()
        } else {
            let c = self.rest.chars().next().unwrap_or('x');
            self.rest = &self.rest[c.len_utf8()..];
            c.to_string()
        };
        if !self.eat("_") {
            return Ok(head);
        }
        let sub = if self.eat("{") {
            let n = self.rest.find('}').unwrap_or(self.rest.len());
            let sub: String = self.rest[..n].split_whitespace().collect();
            self.rest = &self.rest[n..];
            self.eat("}");
            sub
        } else {
            let c = self.rest.chars().next().unwrap_or('0');
            self.rest = &self.rest[c.len_utf8()..];
            c.to_string()
        };
        Ok(super::latex_lexer::subscripted(&head, &sub))
    }
}

#[cfg(test)]
mod tests {
    use super::{read, Names};

    fn flat(text: &str, names: Names) -> Vec<String> {
        let runs = read(text, names).unwrap();
        runs.into_iter()
            .flat_map(|(name, n)| std::iter::repeat_n(name, n))
            .collect()
    }

    #[test]
    fn plain_operators_give_their_variables() {
        assert_eq!(flat("d/dx", Names::Plain), ["x"]);
        assert_eq!(flat("d²/dx²", Names::Plain), ["x", "x"]);
        assert_eq!(flat("d^2 / dtheta^2", Names::Plain), ["theta"; 2]);
        assert_eq!(flat("∂^2/∂x∂y", Names::Plain), ["x", "y"]);
        assert_eq!(flat("∂³/∂x² ∂y1", Names::Plain), ["x", "x", "y1"]);
        assert!(read("d^2/dx", Names::Plain).is_err());
        assert!(read("d/dx^2", Names::Plain).is_err());
    }

    #[test]
    fn latex_operators_give_their_variables() {
        assert_eq!(flat(r"\frac{d}{dx}", Names::Latex), ["x"]);
        assert_eq!(flat(r"\frac{d^{2}}{dx^{2}}", Names::Latex), ["x", "x"]);
        assert_eq!(
            flat(r"\frac{\partial^2}{\partial x \, \partial y}", Names::Latex),
            ["x", "y"]
        );
        assert_eq!(
            flat(r"\dfrac{\mathrm{d}}{\mathrm{d}\theta_{1}}", Names::Latex),
            ["theta1"]
        );
        assert_eq!(flat(r"\frac{d}{dx_i}", Names::Latex), ["x_i"]);
    }
}
