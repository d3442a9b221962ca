//! Errors: a kind, and the byte span of the input it is about.

use std::ops::Range;

/// What went wrong, in words a student understands.
///
/// ```
/// use symdiff::ErrorKind;
/// assert_eq!(ErrorKind::DivisionByZero.to_string(), "division by zero");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    /// The input holds nothing to read.
    #[error("the expression is empty")]
    Empty,
    /// A character that is not part of the syntax.
    #[error("unexpected character '{0}'")]
    UnexpectedChar(char),
    /// A token where another was needed.
    #[error("unexpected {found}; expected {expected}")]
    UnexpectedToken {
        /// What was found, in words.
        found: String,
        /// What could have come instead, in words.
        expected: String,
    },
    /// A closing bracket with no opening one before it.
    #[error("'{0}' closes a bracket that was never opened")]
    UnopenedBracket(char),
    /// The input stops before the expression is complete.
    #[error("the expression ends too early; expected {expected}")]
    UnexpectedEnd {
        /// What could have come next, in words.
        expected: String,
    },
    /// A known function called with the wrong number of arguments.
    #[error("{name} takes {expected}, but {found} {} given", if *.found == 1 { "was" } else { "were" })]
    WrongArgumentCount {
        /// The function.
        name: String,
        /// How many it takes, in words (`2 arguments`, `at least 1 argument`).
        expected: String,
        /// How many arguments it was given.
        found: usize,
    },
    /// A known function called with an argument it does not take
    /// (`log(x, 1)`, `polygamma(1.5, x)`).
    #[error("{name}: {reason}")]
    BadArgument {
        /// The function.
        name: String,
        /// Why the argument is not allowed.
        reason: String,
    },
    /// A known function name used without an argument list.
    #[error("{name} is a function: write {name}(...)")]
    FunctionWithoutArgument {
        /// The function.
        name: String,
    },
    /// A literal division by zero such as `1/0` or `0^-1`.
    #[error("division by zero")]
    DivisionByZero,
    /// A number literal beyond the exact-number limit.
    #[error("number too large (more than {limit} digits)")]
    NumberTooLarge {
        /// The most digits allowed.
        limit: usize,
    },
    /// The input is longer than the configured limit.
    #[error("the input is {length} bytes long, over the limit of {limit}")]
    InputTooLong {
        /// The input's length in bytes.
        length: usize,
        /// The most bytes allowed.
        limit: usize,
    },
    /// Parentheses, calls or powers nested deeper than the limit.
    #[error("nesting is deeper than the limit of {limit}")]
    TooDeep {
        /// The deepest nesting allowed.
        limit: usize,
    },
    /// An expression grew past the node limit while being worked on.
    #[error("the result grew past the limit of {limit} nodes")]
    TooLarge {
        /// The most nodes allowed.
        limit: usize,
    },
    /// A vector `[a, b]` where one expression was expected.
    #[error("a vector is not allowed here; give one expression")]
    UnexpectedVector,
    /// One expression where a vector `[f1, f2, ...]` was expected.
    #[error("expected a vector [f1, f2, ...]")]
    ExpectedVector,
    /// A second `=`: an equation has two sides.
    #[error("an equation has one '='")]
    SecondEquals,
    /// An `=` inside brackets or a vector, not between two sides.
    #[error("'=' inside brackets; an equation is F = G, with '=' outside any bracket")]
    EqualsInBrackets,
    /// An equation where one expression was expected.
    #[error("an equation is not differentiated directly; use --implicit y x for dy/dx")]
    UnexpectedEquation,
    /// One expression where an equation `F = G` was expected.
    #[error("implicit differentiation needs an equation, such as x^2 + y^2 = 1")]
    ExpectedEquation,
    /// An equation in which the dependent variable does not occur.
    #[error("the equation does not contain {0}, so it does not define {0} as a function of the other variable")]
    EquationWithout(String),
    /// An equation whose partial derivative by the dependent variable is
    /// 0 everywhere (`sin(y)^2 + cos(y)^2 = x`).
    #[error("the equation's derivative by {0} is 0 everywhere, so it does not define {0} as a function of the other variable")]
    ZeroPartial(String),
    /// A variable name that is not an identifier.
    #[error("'{0}' is not a variable name")]
    BadVariable(String),
    /// A LaTeX command symdiff does not read, such as `\foo`.
    #[error("unknown LaTeX command \\{0}")]
    UnknownCommand(String),
    /// The index of `\sqrt[n]{x}` is not a whole number of at least 2.
    #[error("the index of a root must be a whole number of at least 2")]
    RootIndex,
    /// LaTeX that could mean two different things; the message says how
    /// to write each.
    #[error("{0}")]
    Ambiguous(String),
    /// A derivative operator whose order above does not match the orders
    /// below (`d^2/dx`).
    #[error("the operator's order {above} does not match the orders {below} of its variables")]
    OperatorOrder {
        /// The order written on the `d` above the line.
        above: usize,
        /// The orders of the variables below the line, added up.
        below: usize,
    },
    /// A derivative operator in the input (`d/dx`) and variables given
    /// besides that do not agree.
    #[error("the operator differentiates by {operator}, but {given} was asked for")]
    OperatorMismatch {
        /// The operator's variables, in order.
        operator: String,
        /// The variables asked for, in order.
        given: String,
    },
    /// A derivative operator where only an expression may stand.
    #[error("a derivative operator is not allowed here; give the expression alone")]
    UnexpectedOperator,
    /// A derivative order beyond the limit.
    #[error("derivative order {order} is over the limit of {limit}")]
    OrderTooHigh {
        /// The order asked for.
        order: usize,
        /// The highest order allowed.
        limit: usize,
    },
}

impl ErrorKind {
    /// Whether the error is about a place in the input (and is shown with a
    /// caret under it) rather than about the whole request.
    ///
    /// ```
    /// use symdiff::ErrorKind;
    /// assert!(ErrorKind::DivisionByZero.has_position());
    /// assert!(!ErrorKind::TooLarge { limit: 10 }.has_position());
    /// ```
    pub fn has_position(&self) -> bool {
        !matches!(
            self,
            ErrorKind::InputTooLong { .. }
                | ErrorKind::TooLarge { .. }
                | ErrorKind::OrderTooHigh { .. }
                | ErrorKind::BadVariable(_)
        )
    }
}

/// An error and where in the input it is.
///
/// ```
/// let err = symdiff::parse("1 + $").unwrap_err();
/// assert_eq!(err.span, 4..5);
/// assert_eq!(err.to_string(), "unexpected character '$' at position 5");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}{}", self.position_hint())]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The bytes of the input it is about.
    pub span: Range<usize>,
}

impl Error {
    /// An error of `kind` about the bytes `span`.
    ///
    /// ```
    /// use symdiff::{Error, ErrorKind};
    /// let e = Error::new(ErrorKind::Empty, 0..0);
    /// assert_eq!(e.kind, ErrorKind::Empty);
    /// ```
    pub fn new(kind: ErrorKind, span: Range<usize>) -> Error {
        Error { kind, span }
    }

    fn position_hint(&self) -> String {
        if self.kind.has_position() {
            format!(" at position {}", self.span.start + 1)
        } else {
            String::new()
        }
    }

    /// The message with the input and a caret under the place it is about:
    ///
    /// ```text
    /// error: unexpected character '$'
    ///   |
    ///   | 1 + $
    ///   |     ^
    /// ```
    ///
    /// Long inputs are cut to a window around the place.
    ///
    /// ```
    /// let input = "sin(x +";
    /// let shown = symdiff::parse(input).unwrap_err().render(input);
    /// assert!(shown.contains("sin(x +\n"));
    /// assert!(shown.ends_with("       ^\n"));
    /// ```
    pub fn render(&self, input: &str) -> String {
        const WINDOW: usize = 60;
        if !self.kind.has_position() {
            return format!("error: {}\n", self.kind);
        }
        let start = floor_char_boundary(input, self.span.start.min(input.len()));
        let end = floor_char_boundary(input, self.span.end.clamp(start, input.len()));
        let line_start = input[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = input[start..].find('\n').map_or(input.len(), |i| start + i);
        let mut from = line_start;
        let mut prefix = "";
        if input[line_start..start].chars().count() > WINDOW {
            from = floor_char_boundary(input, start.saturating_sub(WINDOW));
            prefix = "…";
        }
        let mut to = line_end;
        let mut suffix = "";
        if input[start..line_end].chars().count() > WINDOW {
            to = floor_char_boundary(input, start + WINDOW);
            suffix = "…";
        }
        let shown = format!("{prefix}{}{suffix}", &input[from..to]);
        let pad = prefix.chars().count() + input[from..start].chars().count();
        let width = input[start..end.min(to)].chars().count().max(1);
        let line_no = input[..start].matches('\n').count() + 1;
        let gutter = if input.contains('\n') {
            format!("line {line_no} | ")
        } else {
            "  | ".to_string()
        };
        let blank = " ".repeat(gutter.chars().count() - 2) + "| ";
        format!(
            "error: {}\n{blank}\n{gutter}{shown}\n{blank}{}{}\n",
            self.kind,
            " ".repeat(pad),
            "^".repeat(width)
        )
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
