//! The LaTeX lexer: logos reads raw tokens (commands, letters, braces);
//! a second pass gives each command its meaning, splits runs of letters
//! into one-letter names (`xy` is x·y, as TeX typesets it), and marks a
//! run written right against `(` or `'` as a function name (`f(x)`,
//! `f'(x)`). Spans are byte offsets in the input.

use super::lexer::{number, LexFailure};
use super::operator::{self, Names};
use crate::error::{Error, ErrorKind};
use crate::expr::Number;
use crate::functions::{known_names, Func, Latex, REGISTERED};
use logos::Logos;

/// A raw LaTeX token, before commands are given their meaning.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexFailure)]
// The most decimal digits a number literal may stand for.
#[logos(extras = usize)]
// Blanks, TeX spacing commands and `~` only space the formula out.
#[logos(skip r"([ \t\r\n\f~]|\\[,;:!> ])+")]
enum Raw<'a> {
    #[regex(r"[0-9]+(\.[0-9]*)?", |lex| number(lex.slice(), lex.extras))]
    #[regex(r"\.[0-9]+", |lex| number(lex.slice(), lex.extras))]
    Number(Number),
    /// A run of letters; Greek letters count as letters.
    #[regex(r"[A-Za-zα-ορ-ωΑ-Ω]+")]
    Letters,
    /// `\name`.
    #[regex(r"\\[A-Za-z]+", |lex| &lex.slice()[1..])]
    Command(&'a str),
    /// `\operatorname{name}`.
    #[regex(r"\\operatorname[ ]*\{[ ]*[A-Za-z][A-Za-z0-9]*[ ]*\}", inside_braces)]
    OperatorName(&'a str),
    /// `\mathrm{name}`: a name of several letters.
    #[regex(r"\\mathrm[ ]*\{[ ]*[A-Za-z]+[ ]*\}", inside_braces)]
    Roman(&'a str),
    /// A derivative operator: `\frac{d}{dx}`, `\frac{d^2}{dx^2}`,
    /// `\frac{\partial^2}{\partial x \partial y}`, `\frac{\mathrm{d}}{\mathrm{d}x}`, `d/dx`.
    #[regex(r"\\[dt]?frac[ ]*\{[ ]*(d|\\partial|\\mathrm[ ]*\{[ ]*d[ ]*\})[ ]*(\^[ ]*(\{[ ]*[0-9]+[ ]*\}|[0-9]))?[ ]*\}[ ]*\{([ ]*(\\[,;!])?[ ]*(d|\\partial|\\mathrm[ ]*\{[ ]*d[ ]*\})[ ]*([A-Za-z]|\\[A-Za-z]+)[ ]*(_[ ]*(\{[ ]*[A-Za-z0-9]+[ ]*\}|[A-Za-z0-9]))?[ ]*(\^[ ]*(\{[ ]*[0-9]+[ ]*\}|[0-9]))?)+[ ]*\}", read_operator)]
    #[regex(r"(d|\\partial)(\^[ ]*(\{[ ]*[0-9]+[ ]*\}|[0-9]))?[ ]*/[ ]*(d|\\partial)[ ]*([A-Za-z]|\\[A-Za-z]+)(_[ ]*(\{[ ]*[A-Za-z0-9]+[ ]*\}|[A-Za-z0-9]))?(\^[ ]*(\{[ ]*[0-9]+[ ]*\}|[0-9]))?", read_operator)]
    Derivative(Vec<(String, usize)>),
    #[regex(r"\\left[ ]*\(")]
    #[token("(")]
    LParen,
    #[regex(r"\\right[ ]*\)")]
    #[token(")")]
    RParen,
    #[regex(r"\\left[ ]*\[")]
    #[token("[")]
    LBracket,
    #[regex(r"\\right[ ]*\]")]
    #[token("]")]
    RBracket,
    #[regex(r"\\left[ ]*\|")]
    #[token(r"\lvert")]
    LBar,
    #[regex(r"\\right[ ]*\|")]
    #[token(r"\rvert")]
    RBar,
    #[token("|")]
    Bar,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("+")]
    Plus,
    #[token("-")]
    #[token("−")]
    Minus,
    #[token("*")]
    #[token("·")]
    #[token("×")]
    Star,
    #[token("/")]
    Slash,
    #[token("^")]
    Caret,
    #[token("_")]
    Underscore,
    #[token(r"\_")]
    EscapedUnderscore,
    #[token(",")]
    Comma,
    #[token("'")]
    #[token("’")]
    #[token(r"\prime")]
    Prime,
    #[token("π")]
    Pi,
}

fn inside_braces<'a>(lex: &mut logos::Lexer<'a, Raw<'a>>) -> &'a str {
    let text = lex.slice();
    let open = text.find('{').map_or(0, |i| i + 1);
    let close = text.rfind('}').unwrap_or(text.len());
    text[open..close].trim()
}

fn read_operator<'a>(
    lex: &mut logos::Lexer<'a, Raw<'a>>,
) -> Result<Vec<(String, usize)>, LexFailure> {
    operator::read(lex.slice(), Names::Latex).map_err(LexFailure::Bad)
}

/// A LaTeX token as the grammar (`grammar/latex.lalrpop`) sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    /// A number literal, read exactly.
    Number(Number),
    /// A one-letter name (`e` is Euler's number).
    Letter(&'a str),
    /// A Greek letter written as a command, by its name (`\alpha` is `alpha`).
    Greek(&'a str),
    /// `\mathrm{name}`: a name of several letters.
    Roman(&'a str),
    /// A run of letters written right against `(` or `'`: a call.
    CallName(&'a str),
    /// A function applied without parentheses or with them (`\sin`,
    /// `\operatorname{sigmoid}`, or a bare known name such as `sin`), by
    /// its symdiff name.
    Function(&'a str),
    /// A derivative operator: its variables with their orders.
    Derivative(Vec<(String, usize)>),
    /// `\frac`, `\dfrac`, `\tfrac`.
    Frac,
    /// `\sqrt`.
    Sqrt,
    /// `\pi` or `π`.
    Pi,
    /// `(` or `\left(`.
    LParen,
    /// `)` or `\right)`.
    RParen,
    /// `[` or `\left[`.
    LBracket,
    /// `]` or `\right]`.
    RBracket,
    /// `\left|` or `\lvert`.
    LBar,
    /// `\right|` or `\rvert`.
    RBar,
    /// `{`.
    LBrace,
    /// `}`.
    RBrace,
    /// `+`.
    Plus,
    /// `-`.
    Minus,
    /// `*`, `\cdot`, `\times`.
    Star,
    /// `/`, `\div`.
    Slash,
    /// `^`.
    Caret,
    /// `_`.
    Underscore,
    /// `\_`, an underscore inside a subscript.
    EscapedUnderscore,
    /// `,`.
    Comma,
    /// `'`.
    Prime,
}

impl super::parser::Words for Token<'_> {
    fn closes(&self) -> Option<(char, char)> {
        match self {
            Token::RParen => Some(('(', ')')),
            Token::RBracket => Some(('[', ']')),
            Token::RBrace => Some(('{', '}')),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("number {n}"),
            Token::Letter(s) | Token::Roman(s) | Token::CallName(s) => format!("name '{s}'"),
            Token::Greek(s) => format!("'\\{s}'"),
            Token::Function(s) => format!("function {s}"),
            Token::Derivative(_) => "derivative operator (it must come first)".into(),
            Token::Frac => r"'\frac'".into(),
            Token::Sqrt => r"'\sqrt'".into(),
            Token::Pi => r"'\pi'".into(),
            Token::LBar => r"'\left|'".into(),
            Token::RBar => r"'\right|'".into(),
            Token::EscapedUnderscore => r"'\_'".into(),
            other => {
                let symbol = match other {
                    Token::LParen => "(",
                    Token::RParen => ")",
                    Token::LBracket => "[",
                    Token::RBracket => "]",
                    Token::LBrace => "{",
                    Token::RBrace => "}",
                    Token::Plus => "+",
                    Token::Minus => "-",
                    Token::Star => "*",
                    Token::Slash => "/",
                    Token::Caret => "^",
                    Token::Underscore => "_",
                    Token::Comma => ",",
                    _ => "'",
                };
                format!("'{symbol}'")
            }
        }
    }
}

/// A token with its byte span.
pub type Spanned<'a> = (usize, Token<'a>, usize);

/// Greek letters read as names (`\alpha` is the name `alpha`); `\pi` is the
/// constant. The `\var` forms are the same letters.
const VARIANTS: &[(&str, &str)] = &[
    ("varepsilon", "epsilon"),
    ("vartheta", "theta"),
    ("varphi", "phi"),
    ("varrho", "rho"),
    ("varsigma", "sigma"),
];

/// The name of the Greek letter `\command`, if it is one.
pub(crate) fn greek_name(command: &str) -> Option<&str> {
    if crate::present::print::GREEK.contains(&command) {
        return Some(command);
    }
    VARIANTS
        .iter()
        .find(|(variant, _)| *variant == command)
        .map(|(_, name)| *name)
}

/// symdiff's name for the function LaTeX writes `\\name` or
/// `\\operatorname{name}`: the registered function printed so (`\\arcsin` is
/// asin, `\\Gamma` is gamma), or the function of that name (`\\operatorname{asin}`).
pub(crate) fn function_name(name: &str) -> Option<&'static str> {
    let printed = |spelling: &str| {
        spelling.strip_prefix('\\').is_some_and(|rest| {
            rest == name
                || rest
                    .strip_prefix("operatorname{")
                    .and_then(|r| r.strip_suffix('}'))
                    == Some(name)
        })
    };
    REGISTERED
        .iter()
        .filter_map(Func::def)
        .find(|d| matches!(d.latex, Latex::Operator(spelling) if printed(spelling)))
        .map(|d| d.name)
        .or_else(|| known_names().find(|known| *known == name))
}

/// The name of `head` with the subscript `sub`: digits join the name
/// (`x_{1}` is `x1`, as symdiff prints `x1`), anything else after an
/// underscore (`x_{ab}` is `x_ab`).
pub(crate) fn subscripted(head: &str, sub: &str) -> String {
    if !sub.is_empty() && sub.bytes().all(|b| b.is_ascii_digit()) {
        format!("{head}{sub}")
    } else {
        format!("{head}_{sub}")
    }
}

/// Commands that only space or style the formula.
const SPACING: &[&str] = &["quad", "qquad", "displaystyle", "textstyle"];

/// All tokens of the LaTeX `input`, or the first thing that is not LaTeX
/// symdiff reads. A number literal of more than `max_digits` digits is an
/// error.
pub(crate) fn tokens(input: &str, max_digits: usize) -> Result<Vec<Spanned<'_>>, Error> {
    let mut raw = Vec::new();
    let mut lexer = Raw::lexer_with_extras(input, max_digits);
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        match result {
            Ok(token) => raw.push((span.start, token, span.end)),
            Err(failure) => {
                let kind = match failure {
                    LexFailure::NumberTooLarge => ErrorKind::NumberTooLarge { limit: max_digits },
                    LexFailure::Bad(kind) => kind,
                    LexFailure::Stray | LexFailure::Quotient => {
                        ErrorKind::UnexpectedChar(super::char_at(input, span.start))
                    }
                };
                return Err(Error::new(kind, span));
            }
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    // Raw tokens up to here are part of a called name already handed out.
    let mut used = 0;
    for (i, (start, token, end)) in raw.iter().cloned().enumerate() {
        if i < used {
            continue;
        }
        let token = match token {
            Raw::Number(n) => Token::Number(n),
            Raw::Letters => {
                let run = &input[start..end];
                let last = name_end(input, &raw, i);
                if against_call(&raw, last) {
                    used = last + 1;
                    Token::CallName(&input[start..raw[last].2])
                } else if let Some(name) = function_name(run) {
                    Token::Function(name)
                } else {
                    for (at, c) in run.char_indices() {
                        let letter = &run[at..at + c.len_utf8()];
                        out.push((start + at, Token::Letter(letter), start + at + c.len_utf8()));
                    }
                    continue;
                }
            }
            // `\Gamma` is the gamma function when called, else the letter.
            Raw::Command(name) if greek_name(name).is_some() && !called(&raw, i) => {
                Token::Greek(greek_name(name).unwrap_or(name))
            }
            Raw::Command(name) => match command(name) {
                Some(Some(token)) => token,
                Some(None) => continue,
                None => return Err(Error::new(unknown(name), start..end)),
            },
            Raw::OperatorName(name) => Token::Function(function_name(name).unwrap_or(name)),
            Raw::Roman(name) => Token::Roman(name),
            Raw::Derivative(vars) => Token::Derivative(vars),
            Raw::Bar => {
                return Err(Error::new(
                    ErrorKind::Ambiguous(
                        r"a bare '|' does not say where the absolute value ends; write \left| … \right|".into(),
                    ),
                    start..end,
                ))
            }
            Raw::LParen => Token::LParen,
            Raw::RParen => Token::RParen,
            Raw::LBracket => Token::LBracket,
            Raw::RBracket => Token::RBracket,
            Raw::LBar => Token::LBar,
            Raw::RBar => Token::RBar,
            Raw::LBrace => Token::LBrace,
            Raw::RBrace => Token::RBrace,
            Raw::Plus => Token::Plus,
            Raw::Minus => Token::Minus,
            Raw::Star => Token::Star,
            Raw::Slash => Token::Slash,
            Raw::Caret => Token::Caret,
            Raw::Underscore => Token::Underscore,
            Raw::EscapedUnderscore => Token::EscapedUnderscore,
            Raw::Comma => Token::Comma,
            Raw::Prime => Token::Prime,
            Raw::Pi => Token::Pi,
        };
        out.push((start, token, end));
    }
    Ok(out)
}

/// Commands symdiff reads only in a certain shape, with that shape.
const SHAPES: &[(&str, &str)] = &[
    ("left", r"\left( \left[ or \left|"),
    ("right", r"\right) \right] or \right|"),
    ("mathrm", r"\mathrm{letters}"),
    ("operatorname", r"\operatorname{letters}"),
    (
        "partial",
        r"\partial in an operator such as \frac{\partial}{\partial x}",
    ),
];

/// The error for `\name`, which [`command`] does not know: a known command
/// out of its shape, or an unknown one.
fn unknown(name: &str) -> ErrorKind {
    match SHAPES.iter().find(|(command, _)| *command == name) {
        Some((_, shape)) => ErrorKind::UnexpectedToken {
            found: format!("'\\{name}'"),
            expected: (*shape).to_string(),
        },
        None => ErrorKind::UnknownCommand(name.to_string()),
    }
}

/// Whether the raw token after the `i`-th starts right where it ends and
/// opens a call: `(`, `\left(` or a prime.
fn against_call(raw: &[(usize, Raw<'_>, usize)], i: usize) -> bool {
    match (raw.get(i), raw.get(i + 1)) {
        (Some((_, _, end)), Some((start, next, _))) => {
            start == end && matches!(next, Raw::LParen | Raw::Prime)
        }
        _ => false,
    }
}

/// The last raw token of the name that starts with the run of letters at
/// `i`: letters, digits and underscores written together (`f1`, `g_2`), as
/// the plain syntax's names are and symdiff prints an undefined function's
/// name.
fn name_end(input: &str, raw: &[(usize, Raw<'_>, usize)], i: usize) -> usize {
    let mut last = i;
    while let Some((start, token, end)) = raw.get(last + 1) {
        let joins = match token {
            Raw::Letters | Raw::Underscore => true,
            Raw::Number(_) => input[*start..*end].bytes().all(|b| b.is_ascii_digit()),
            _ => false,
        };
        if !joins || *start != raw[last].2 {
            break;
        }
        last += 1;
    }
    last
}

/// Whether the `i`-th raw token is called: right against `(`, or with a
/// power between (`\Gamma^{2}\left(x\right)`, as symdiff prints a power
/// of gamma).
fn called(raw: &[(usize, Raw<'_>, usize)], i: usize) -> bool {
    if against_call(raw, i) {
        return true;
    }
    if !matches!(raw.get(i + 1), Some((_, Raw::Caret, _))) {
        return false;
    }
    // The power's end: one token, or a brace group.
    let mut end = i + 2;
    if matches!(raw.get(end), Some((_, Raw::LBrace, _))) {
        let mut depth = 0usize;
        for (k, (_, t, _)) in raw.iter().enumerate().skip(end) {
            match t {
                Raw::LBrace => depth += 1,
                Raw::RBrace => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = k;
                break;
            }
        }
    }
    against_call(raw, end)
}

/// The meaning of `\name`: a token, nothing (spacing), or unknown (`None`).
fn command(name: &str) -> Option<Option<Token<'_>>> {
    let token = match name {
        "frac" | "dfrac" | "tfrac" => Token::Frac,
        "sqrt" => Token::Sqrt,
        "cdot" | "times" | "ast" => Token::Star,
        "div" => Token::Slash,
        "pi" => Token::Pi,
        _ if SPACING.contains(&name) => return Some(None),
        _ => match function_name(name) {
            Some(ours) => Token::Function(ours),
            None => Token::Greek(greek_name(name)?),
        },
    };
    Some(Some(token))
}

#[cfg(test)]
mod tests {
    use super::{tokens, Token};

    fn kinds(input: &str) -> Vec<Token<'_>> {
        tokens(input, 100)
            .unwrap()
            .into_iter()
            .map(|(_, t, _)| t)
            .collect()
    }

    #[test]
    fn runs_of_letters_are_one_letter_names_unless_called() {
        assert_eq!(kinds("xy"), [Token::Letter("x"), Token::Letter("y")]);
        assert_eq!(kinds("f(")[0], Token::CallName("f"));
        assert_eq!(kinds("f (")[0], Token::Letter("f"));
        assert_eq!(kinds(r"\sin x")[0], Token::Function("sin"));
        assert_eq!(kinds(r"\arcsin x")[0], Token::Function("asin"));
    }

    #[test]
    fn spacing_is_skipped_and_unknown_commands_are_errors() {
        assert_eq!(kinds(r"x\,\;\!\ y").len(), 2);
        let err = tokens(r"x + \foo", 100).unwrap_err();
        assert_eq!(err.span, 4..8);
    }

    #[test]
    fn a_fraction_of_d_that_is_no_operator_is_a_fraction() {
        assert_eq!(kinds(r"\frac{d}{x}")[0], Token::Frac);
        assert!(matches!(kinds(r"\frac{d}{dx}")[0], Token::Derivative(_)));
        assert_eq!(kinds("d/x")[0], Token::Letter("d"));
    }
}
